//! The little of ZIP that `.xlsx` needs (APPNOTE 6.3): stored and deflated entries, local
//! headers, a central directory and its end record. No ZIP64, no encryption, no spanning.
//!
//! The reader trusts only the central directory for sizes and checksums, so entries whose
//! local header defers them to a data descriptor (bit 3) read like any other. Every offset
//! and length is checked before use; inflating is capped by a budget shared by all the
//! entries read from one archive.

/// At most this many entries in an archive we read.
pub const MAX_ENTRIES: usize = 10_000;
/// At most this many bytes inflated from one archive, all entries together.
pub const MAX_INFLATED: usize = 64 * 1024 * 1024;

const LOCAL: u32 = 0x0403_4b50;
const CENTRAL: u32 = 0x0201_4b50;
const END: u32 = 0x0605_4b50;
const END64_LOCATOR: u32 = 0x0706_4b50;
/// 1980-01-01, the earliest MS-DOS date (day 1, month 1, year 0).
const DOS_DATE: u16 = (1 << 5) | 1;

/// CRC-32 (IEEE, reflected, as ZIP uses), by a table built at compile time.
pub fn crc32(data: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut t = [0u32; 256];
        let mut i = 0;
        while i < 256 {
            let mut c = i as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
                k += 1;
            }
            t[i] = c;
            i += 1;
        }
        t
    };
    let mut c = !0u32;
    for &b in data {
        c = TABLE[((c ^ b as u32) & 0xFF) as usize] ^ (c >> 8);
    }
    !c
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

struct Written {
    name: String,
    crc: u32,
    method: u16,
    compressed: u32,
    size: u32,
    offset: u32,
}

/// An archive being written into memory.
#[derive(Default)]
pub struct Writer {
    out: Vec<u8>,
    entries: Vec<Written>,
}

fn too_big() -> String {
    "berkas terlalu besar untuk ZIP tanpa ZIP64".to_string()
}

fn u32_of(n: usize) -> Result<u32, String> {
    u32::try_from(n).map_err(|_| too_big())
}

impl Writer {
    pub fn new() -> Writer {
        Writer::default()
    }

    /// Add a file, deflated unless deflating does not make it smaller.
    pub fn add(&mut self, name: &str, data: &[u8]) -> Result<(), String> {
        // Level 1: a workbook of every table of a 20.000-row report is written in a fraction of
        // the time of level 6, for a somewhat larger file.
        let deflated = miniz_oxide::deflate::compress_to_vec(data, 1);
        let (method, body) = if deflated.len() < data.len() {
            (8u16, &deflated[..])
        } else {
            (0, data)
        };
        self.add_raw(name, data, method, body)
    }

    fn add_raw(&mut self, name: &str, data: &[u8], method: u16, body: &[u8]) -> Result<(), String> {
        if self.entries.len() >= 0xFFFF || name.len() > 0xFFFF {
            return Err(too_big());
        }
        let e = Written {
            name: name.to_string(),
            crc: crc32(data),
            method,
            compressed: u32_of(body.len())?,
            size: u32_of(data.len())?,
            offset: u32_of(self.out.len())?,
        };
        let o = &mut self.out;
        put32(o, LOCAL);
        put16(o, 20); // version needed: 2.0 (deflate)
        put16(o, flags(&e.name));
        put16(o, e.method);
        put16(o, 0); // time 00:00:00
        put16(o, DOS_DATE);
        put32(o, e.crc);
        put32(o, e.compressed);
        put32(o, e.size);
        put16(o, e.name.len() as u16);
        put16(o, 0); // no extra field
        o.extend_from_slice(e.name.as_bytes());
        o.extend_from_slice(body);
        u32_of(o.len())?;
        self.entries.push(e);
        Ok(())
    }

    /// The central directory and the end record after the entries: the archive's bytes.
    pub fn finish(mut self) -> Result<Vec<u8>, String> {
        let start = u32_of(self.out.len())?;
        let o = &mut self.out;
        for e in &self.entries {
            put32(o, CENTRAL);
            put16(o, 20); // made by: MS-DOS, spec 2.0
            put16(o, 20);
            put16(o, flags(&e.name));
            put16(o, e.method);
            put16(o, 0);
            put16(o, DOS_DATE);
            put32(o, e.crc);
            put32(o, e.compressed);
            put32(o, e.size);
            put16(o, e.name.len() as u16);
            put16(o, 0); // extra
            put16(o, 0); // comment
            put16(o, 0); // disk
            put16(o, 0); // internal attributes
            put32(o, 0); // external attributes
            put32(o, e.offset);
            o.extend_from_slice(e.name.as_bytes());
        }
        let size = u32_of(o.len())? - start;
        let n = self.entries.len() as u16;
        put32(o, END);
        put16(o, 0);
        put16(o, 0);
        put16(o, n);
        put16(o, n);
        put32(o, size);
        put32(o, start);
        put16(o, 0); // comment
        Ok(self.out)
    }
}

/// Bit 11 (names in UTF-8) when a name is not plain ASCII.
fn flags(name: &str) -> u16 {
    if name.is_ascii() {
        0
    } else {
        1 << 11
    }
}

fn put16(o: &mut Vec<u8>, v: u16) {
    o.extend_from_slice(&v.to_le_bytes());
}

fn put32(o: &mut Vec<u8>, v: u32) {
    o.extend_from_slice(&v.to_le_bytes());
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

/// Why an archive cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ZipError {
    /// No end record: not a ZIP file at all.
    NotZip,
    /// A ZIP whose structure is broken (offsets outside the file, a bad checksum, …).
    Corrupt(&'static str),
    /// ZIP64, encryption or a compression method other than stored/deflate.
    Unsupported(&'static str),
    /// More entries or more inflated bytes than the limits allow.
    TooLarge,
}

/// One entry of the central directory.
#[derive(Clone, Debug)]
pub struct Entry {
    pub name: String,
    method: u16,
    flags: u16,
    crc: u32,
    compressed: usize,
    size: usize,
    offset: usize,
}

/// An archive being read from memory.
pub struct Archive<'a> {
    bytes: &'a [u8],
    pub entries: Vec<Entry>,
    /// Bytes that may still be inflated.
    budget: usize,
}

fn get16(b: &[u8], at: usize) -> Option<u16> {
    let s = b.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([s[0], s[1]]))
}

fn get32(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

impl<'a> Archive<'a> {
    /// Read the central directory.
    pub fn new(bytes: &'a [u8]) -> Result<Archive<'a>, ZipError> {
        let end = find_end(bytes).ok_or(ZipError::NotZip)?;
        let corrupt = ZipError::Corrupt;
        let field16 = |at: usize| get16(bytes, end + at).ok_or(corrupt("catatan akhir terpotong"));
        let field32 = |at: usize| get32(bytes, end + at).ok_or(corrupt("catatan akhir terpotong"));
        let (disk, cd_disk) = (field16(4)?, field16(6)?);
        let (count, total) = (field16(8)?, field16(10)?);
        let (cd_size, cd_start) = (field32(12)?, field32(16)?);
        let zip64 = end >= 20 && get32(bytes, end - 20) == Some(END64_LOCATOR);
        if zip64
            || count == 0xFFFF
            || total == 0xFFFF
            || cd_size == u32::MAX
            || cd_start == u32::MAX
        {
            return Err(ZipError::Unsupported("ZIP64"));
        }
        if disk != 0 || cd_disk != 0 || count != total {
            return Err(ZipError::Unsupported("ZIP terbagi beberapa bagian"));
        }
        let total = total as usize;
        if total > MAX_ENTRIES {
            return Err(ZipError::TooLarge);
        }
        let cd_start = cd_start as usize;
        let cd_end = cd_start
            .checked_add(cd_size as usize)
            .ok_or(corrupt("direktori pusat"))?;
        if cd_end > end {
            return Err(corrupt("direktori pusat di luar berkas"));
        }
        let mut entries = Vec::with_capacity(total);
        let mut at = cd_start;
        for _ in 0..total {
            let bad = || corrupt("direktori pusat terpotong");
            if get32(bytes, at) != Some(CENTRAL) {
                return Err(corrupt("direktori pusat rusak"));
            }
            let h = |o: usize| get16(bytes, at + o).ok_or_else(bad);
            let w = |o: usize| get32(bytes, at + o).ok_or_else(bad);
            let (flags, method, crc) = (h(8)?, h(10)?, w(16)?);
            let (compressed, size) = (w(20)?, w(24)?);
            let (name_len, extra_len, comment_len) =
                (h(28)? as usize, h(30)? as usize, h(32)? as usize);
            let offset = w(42)?;
            if compressed == u32::MAX || size == u32::MAX || offset == u32::MAX {
                return Err(ZipError::Unsupported("ZIP64"));
            }
            let name_at = at + 46;
            let name = bytes.get(name_at..name_at + name_len).ok_or_else(bad)?;
            let next = name_at + name_len + extra_len + comment_len;
            if next > cd_end {
                return Err(bad());
            }
            entries.push(Entry {
                name: String::from_utf8_lossy(name).into_owned(),
                method,
                flags,
                crc,
                compressed: compressed as usize,
                size: size as usize,
                offset: offset as usize,
            });
            at = next;
        }
        Ok(Archive {
            bytes,
            entries,
            budget: MAX_INFLATED,
        })
    }

    /// The entry named `name`: exact match first, then ignoring case and `\` for `/`.
    pub fn find(&self, name: &str) -> Option<usize> {
        let name = name.trim_start_matches('/');
        self.entries
            .iter()
            .position(|e| e.name == name)
            .or_else(|| {
                let norm = |s: &str| {
                    s.replace('\\', "/")
                        .trim_start_matches('/')
                        .to_ascii_lowercase()
                };
                let want = norm(name);
                self.entries.iter().position(|e| norm(&e.name) == want)
            })
    }

    /// The contents of the entry named `name`, `None` when there is none.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, ZipError> {
        match self.find(name) {
            Some(i) => self.read_at(i).map(Some),
            None => Ok(None),
        }
    }

    /// The contents of entry `i`, checked against its size and CRC.
    pub fn read_at(&mut self, i: usize) -> Result<Vec<u8>, ZipError> {
        let e = self
            .entries
            .get(i)
            .ok_or(ZipError::Corrupt("entri tidak ada"))?
            .clone();
        if e.flags & 1 != 0 {
            return Err(ZipError::Unsupported("terenkripsi"));
        }
        if e.size > self.budget {
            return Err(ZipError::TooLarge);
        }
        let b = self.bytes;
        let bad = ZipError::Corrupt("header lokal rusak");
        if get32(b, e.offset) != Some(LOCAL) {
            return Err(bad);
        }
        let name_len = get16(b, e.offset.saturating_add(26)).ok_or(bad.clone())? as usize;
        let extra_len = get16(b, e.offset.saturating_add(28)).ok_or(bad)? as usize;
        let start = e.offset.saturating_add(30 + name_len + extra_len);
        let data = start
            .checked_add(e.compressed)
            .and_then(|end| b.get(start..end))
            .ok_or(ZipError::Corrupt("data entri terpotong"))?;
        let out = match e.method {
            0 => data.to_vec(),
            8 => {
                miniz_oxide::inflate::decompress_to_vec_with_limit(data, e.size).map_err(|err| {
                    if err.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput {
                        ZipError::Corrupt("ukuran tidak cocok")
                    } else {
                        ZipError::Corrupt("data terkompresi rusak")
                    }
                })?
            }
            _ => return Err(ZipError::Unsupported("metode kompresi")),
        };
        if out.len() != e.size {
            return Err(ZipError::Corrupt("ukuran tidak cocok"));
        }
        if crc32(&out) != e.crc {
            return Err(ZipError::Corrupt("CRC tidak cocok"));
        }
        self.budget -= out.len();
        Ok(out)
    }
}

/// The offset of the end-of-central-directory record: the last signature, searched from
/// the end over the longest possible comment, whose comment reaches exactly to the end
/// (or, failing that, the last signature at all).
fn find_end(b: &[u8]) -> Option<usize> {
    if b.len() < 22 {
        return None;
    }
    let last = b.len() - 22;
    let first = last.saturating_sub(0xFFFF);
    let mut fallback = None;
    for at in (first..=last).rev() {
        if get32(b, at) == Some(END) {
            let comment = get16(b, at + 20)? as usize;
            if at + 22 + comment == b.len() {
                return Some(at);
            }
            fallback.get_or_insert(at);
        }
    }
    fallback
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_of_known_strings() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(
            crc32(b"The quick brown fox jumps over the lazy dog"),
            0x414F_A339
        );
    }

    fn sample() -> Vec<u8> {
        let mut w = Writer::new();
        w.add("a.txt", b"halo").unwrap();
        w.add("dir/b.xml", "<x>ulang </x>".repeat(200).as_bytes())
            .unwrap();
        w.add("kosong", b"").unwrap();
        w.finish().unwrap()
    }

    #[test]
    fn writes_and_reads_back() {
        let z = sample();
        let mut a = Archive::new(&z).unwrap();
        assert_eq!(a.entries.len(), 3);
        assert_eq!(a.entries[0].method, 0, "too small to deflate");
        assert_eq!(a.entries[1].method, 8);
        assert_eq!(a.read("a.txt").unwrap().unwrap(), b"halo");
        assert_eq!(
            a.read("DIR\\B.XML").unwrap().unwrap(),
            "<x>ulang </x>".repeat(200).as_bytes()
        );
        assert_eq!(a.read("kosong").unwrap().unwrap(), b"");
        assert_eq!(a.read("tidak").unwrap(), None);
    }

    /// An archive as streaming writers make it: sizes and CRC in a data descriptor after the
    /// data, zeros in the local header; and a comment after the end record.
    #[test]
    fn data_descriptors_and_comments() {
        let data = b"isi yang diulang, isi yang diulang, isi yang diulang".repeat(10);
        let body = miniz_oxide::deflate::compress_to_vec(&data, 6);
        let mut o = Vec::new();
        put32(&mut o, LOCAL);
        put16(&mut o, 20);
        put16(&mut o, 1 << 3);
        put16(&mut o, 8);
        put16(&mut o, 0);
        put16(&mut o, DOS_DATE);
        put32(&mut o, 0);
        put32(&mut o, 0);
        put32(&mut o, 0);
        put16(&mut o, 5);
        put16(&mut o, 4);
        o.extend_from_slice(b"x.xml");
        o.extend_from_slice(&[0xAA, 0xBB, 0, 0]); // an unknown extra field
        o.extend_from_slice(&body);
        put32(&mut o, 0x0807_4b50);
        put32(&mut o, crc32(&data));
        put32(&mut o, body.len() as u32);
        put32(&mut o, data.len() as u32);
        let cd = o.len();
        put32(&mut o, CENTRAL);
        put16(&mut o, 20);
        put16(&mut o, 20);
        put16(&mut o, 1 << 3);
        put16(&mut o, 8);
        put16(&mut o, 0);
        put16(&mut o, DOS_DATE);
        put32(&mut o, crc32(&data));
        put32(&mut o, body.len() as u32);
        put32(&mut o, data.len() as u32);
        put16(&mut o, 5);
        put16(&mut o, 0);
        put16(&mut o, 3);
        put16(&mut o, 0);
        put16(&mut o, 0);
        put32(&mut o, 0);
        put32(&mut o, 0);
        o.extend_from_slice(b"x.xml");
        o.extend_from_slice(b"abc");
        let size = o.len() - cd;
        put32(&mut o, END);
        put16(&mut o, 0);
        put16(&mut o, 0);
        put16(&mut o, 1);
        put16(&mut o, 1);
        put32(&mut o, size as u32);
        put32(&mut o, cd as u32);
        put16(&mut o, 7);
        o.extend_from_slice(b"komentr");
        let mut a = Archive::new(&o).unwrap();
        assert_eq!(a.read("x.xml").unwrap().unwrap(), data);
    }

    #[test]
    fn broken_archives_fail_cleanly() {
        assert_eq!(Archive::new(b"").err(), Some(ZipError::NotZip));
        assert_eq!(
            Archive::new(b"bukan zip sama sekali, hanya teks").err(),
            Some(ZipError::NotZip)
        );
        let z = sample();
        // Every truncation and every single-byte change either reads or fails, never panics.
        for cut in 0..z.len() {
            if let Ok(mut a) = Archive::new(&z[..cut]) {
                for i in 0..a.entries.len() {
                    let _ = a.read_at(i);
                }
            }
        }
        for i in 0..z.len() {
            let mut m = z.clone();
            m[i] ^= 0x5A;
            if let Ok(mut a) = Archive::new(&m) {
                for j in 0..a.entries.len() {
                    let _ = a.read_at(j);
                }
            }
        }
        // A flipped data byte is caught by the CRC (or the inflater).
        let mut m = z.clone();
        m[30 + 5] ^= 1; // first byte of "halo"
        let mut a = Archive::new(&m).unwrap();
        assert!(a.read("a.txt").is_err());
    }

    #[test]
    fn zip64_and_encryption_are_refused() {
        let mut z = sample();
        let end = find_end(&z).unwrap();
        z[end + 8..end + 12].copy_from_slice(&[0xFF; 4]);
        assert_eq!(Archive::new(&z).err(), Some(ZipError::Unsupported("ZIP64")));
        let mut z = sample();
        let cd = get32(&z, find_end(&z).unwrap() + 16).unwrap() as usize;
        z[cd + 8] |= 1;
        let mut a = Archive::new(&z).unwrap();
        assert_eq!(
            a.read("a.txt").err(),
            Some(ZipError::Unsupported("terenkripsi"))
        );
    }

    #[test]
    fn inflating_is_capped() {
        let mut w = Writer::new();
        w.add("nol", &vec![0u8; 100_000]).unwrap();
        let z = w.finish().unwrap();
        let cd = get32(&z, find_end(&z).unwrap() + 16).unwrap() as usize;
        // A declared size over the budget is refused before inflating.
        let mut big = z.clone();
        big[cd + 24..cd + 28].copy_from_slice(&(MAX_INFLATED as u32 + 1).to_le_bytes());
        assert_eq!(
            Archive::new(&big).unwrap().read("nol").err(),
            Some(ZipError::TooLarge)
        );
        // A declared size smaller than the data does not let it inflate more.
        let mut small = z.clone();
        small[cd + 24..cd + 28].copy_from_slice(&1000u32.to_le_bytes());
        assert!(matches!(
            Archive::new(&small).unwrap().read("nol"),
            Err(ZipError::Corrupt(_))
        ));
        // The budget is shared by the entries of one archive.
        let mut a = Archive::new(&z).unwrap();
        a.budget = 150_000;
        assert!(a.read("nol").is_ok());
        assert_eq!(a.read("nol").err(), Some(ZipError::TooLarge));
    }
}
