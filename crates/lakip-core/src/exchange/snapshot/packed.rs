//! The stored form of a snapshot: small ones as they are, large ones deflated and packed
//! 15 bits per character in U+4000..U+BFFF (no surrogates, no control characters), so one
//! character of local storage carries almost two bytes. The packed form is itself JSON, so a
//! stored value saved to a file (from the recovery screen) imports like any snapshot.

use super::{ImportError, Meta, Problem, MAX_BYTES};
use crate::model::{Money, Report};
use crate::num::format_rupiah;
use serde::Deserialize;
use serde_json::{json, Value as J};

/// Format name of the packed form.
pub const PACKED_FORMAT: &str = "kalkulator-lakip-tersimpan";
/// Snapshots longer than this are stored packed.
pub const PACK_ABOVE: usize = 16 * 1024;

const BASE: u32 = 0x4000;
/// DEFLATE level: 4 packs the 20.000-row report into 504.000 characters in 85 ms; level 6
/// gains 6 % for two and a half times the time, on every save.
const DEFLATE_LEVEL: u8 = 4;

fn pack_bits(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 8 / 15 + 2);
    let mut acc: u32 = 0;
    let mut n = 0u32;
    for &b in bytes {
        acc = (acc << 8) | b as u32;
        n += 8;
        while n >= 15 {
            n -= 15;
            let v = (acc >> n) & 0x7FFF;
            out.push(char::from_u32(BASE + v).expect("U+4000..U+BFFF are chars"));
        }
        acc &= (1 << n) - 1;
    }
    if n > 0 {
        let v = (acc << (15 - n)) & 0x7FFF;
        out.push(char::from_u32(BASE + v).expect("U+4000..U+BFFF are chars"));
    }
    out
}

fn unpack_bits(text: &str, len: usize) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(len);
    let mut acc: u32 = 0;
    let mut n = 0u32;
    for c in text.chars() {
        let v = (c as u32).checked_sub(BASE).filter(|v| *v < 0x8000)?;
        acc = (acc << 15) | v;
        n += 15;
        while n >= 8 && out.len() < len {
            n -= 8;
            out.push(((acc >> n) & 0xFF) as u8);
        }
        acc &= (1 << n) - 1;
    }
    (out.len() == len).then_some(out)
}

/// What a stored value says about itself without being unpacked: which report, which
/// revision, when, and a summary for lists of reports and backups. In a packed value it is
/// written before the packed data (a cache: the snapshot inside is what counts).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Head {
    pub report_id: String,
    pub revision: u64,
    /// ISO time of the save (the snapshot's `diekspor`).
    pub saved_at: String,
    pub summary: Summary,
}

/// A report in one line: "Dinas Sosial Kota Pontianak 2024, 5 program, 31 sub kegiatan,
/// pagu Rp 15.447.851.952, realisasi Rp 14.531.433.063".
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Summary {
    pub instansi: String,
    pub tahun: i32,
    pub programs: usize,
    pub sub_kegiatan: usize,
    /// Total pagu and realisasi, summed bottom-up from the sub kegiatan.
    pub pagu: Money,
    pub realisasi: Money,
}

impl Summary {
    pub fn of(report: &Report) -> Summary {
        let totals = crate::calc::budget::budget_totals(report);
        Summary {
            instansi: report.instansi.clone(),
            tahun: report.tahun,
            programs: report.programs.len(),
            sub_kegiatan: report.sub_kegiatan_count(),
            pagu: totals.total.pagu,
            realisasi: totals.total.realisasi,
        }
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {}, {} program, {} sub kegiatan, pagu {}, realisasi {}",
            self.instansi,
            self.tahun,
            self.programs,
            self.sub_kegiatan,
            format_rupiah(self.pagu),
            format_rupiah(self.realisasi)
        )
    }
}

impl Head {
    pub fn of(report: &Report, meta: &Meta) -> Head {
        Head {
            report_id: meta.report_id.clone(),
            revision: meta.revision,
            saved_at: meta.exported_at.clone(),
            summary: Summary::of(report),
        }
    }
}

/// Encode snapshot JSON for storage: as is when small, deflated and packed when large.
pub fn encode(snapshot_json: &str) -> String {
    encode_inner(snapshot_json, None)
}

/// Like [`encode`], writing `head` in front of the packed data so that [`peek`] needs no
/// unpacking.
pub fn encode_with_head(snapshot_json: &str, head: &Head) -> String {
    encode_inner(snapshot_json, Some(head))
}

fn encode_inner(snapshot_json: &str, head: Option<&Head>) -> String {
    if snapshot_json.len() <= PACK_ABOVE {
        return snapshot_json.to_string();
    }
    let deflated = miniz_oxide::deflate::compress_to_vec(snapshot_json.as_bytes(), DEFLATE_LEVEL);
    let mut out = format!("{{\"format\":\"{PACKED_FORMAT}\",\"versi\":1,");
    if let Some(h) = head {
        let s = &h.summary;
        let fields = json!({
            "instansi": s.instansi, "tahun": s.tahun, "program": s.programs,
            "sub_kegiatan": s.sub_kegiatan,
            "pagu": s.pagu.normalize().to_string(), "realisasi": s.realisasi.normalize().to_string(),
        });
        out.push_str(&format!(
            "\"id_laporan\":{},\"revisi\":{},\"disimpan\":{},\"ringkasan\":{},",
            J::String(h.report_id.clone()),
            h.revision,
            J::String(h.saved_at.clone()),
            fields
        ));
    }
    out.push_str(&format!(
        "\"panjang\":{},\"isi\":\"{}\"}}",
        deflated.len(),
        pack_bits(&deflated)
    ));
    out
}

/// Largest snapshot a packed value may inflate to.
const MAX_INFLATED: usize = MAX_BYTES;

fn bad(why: &str) -> ImportError {
    ImportError::Invalid(vec![Problem {
        path: "isi".into(),
        message: format!("data tersimpan rusak ({why})"),
    }])
}

/// Turn a stored value back into snapshot JSON (either form).
pub fn decode(stored: &str) -> Result<String, ImportError> {
    if !is_packed(stored) {
        return Ok(stored.to_string());
    }
    let j: J = serde_json::from_str(stored).map_err(|_| bad("bukan JSON"))?;
    let len = j
        .get("panjang")
        .and_then(J::as_u64)
        .ok_or_else(|| bad("panjang tidak ada"))?;
    let text = j
        .get("isi")
        .and_then(J::as_str)
        .ok_or_else(|| bad("isi tidak ada"))?;
    if len > MAX_INFLATED as u64 {
        return Err(bad("terlalu besar"));
    }
    let len = len as usize;
    if text.chars().count() != (len * 8).div_ceil(15) {
        return Err(bad("panjang tidak cocok"));
    }
    let bytes = unpack_bits(text, len).ok_or_else(|| bad("karakter tidak dikenal"))?;
    let inflated = miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, MAX_INFLATED)
        .map_err(|_| bad("gagal dibuka"))?;
    String::from_utf8(inflated).map_err(|_| bad("bukan UTF-8"))
}

/// Whether a text is a stored (packed) value rather than a plain snapshot: it starts with
/// `{"format":"kalkulator-lakip-tersimpan"` (spaces allowed).
pub fn is_packed(text: &str) -> bool {
    let head: String = text
        .chars()
        .take(96)
        .filter(|c| !c.is_whitespace())
        .collect();
    head.starts_with(&format!("{{\"format\":\"{PACKED_FORMAT}\""))
}

#[derive(Deserialize)]
struct RawHead {
    id_laporan: Option<String>,
    revisi: Option<u64>,
    disimpan: Option<String>,
    ringkasan: Option<RawSummary>,
}

#[derive(Deserialize)]
struct RawSummary {
    instansi: String,
    tahun: i32,
    program: usize,
    sub_kegiatan: usize,
    pagu: String,
    realisasi: String,
}

/// What a stored value (either form) holds, cheaply: from the head of a packed value when
/// it has one, otherwise by reading the snapshot.
pub fn peek(stored: &str) -> Result<Head, ImportError> {
    if is_packed(stored) {
        if let Ok(RawHead {
            id_laporan: Some(id),
            revisi: Some(rev),
            disimpan,
            ringkasan: Some(s),
        }) = serde_json::from_str::<RawHead>(stored)
        {
            if let (Ok(pagu), Ok(realisasi)) =
                (s.pagu.parse::<Money>(), s.realisasi.parse::<Money>())
            {
                return Ok(Head {
                    report_id: id,
                    revision: rev,
                    saved_at: disimpan.unwrap_or_default(),
                    summary: Summary {
                        instansi: s.instansi,
                        tahun: s.tahun,
                        programs: s.program,
                        sub_kegiatan: s.sub_kegiatan,
                        pagu,
                        realisasi,
                    },
                });
            }
        }
    }
    let imported = super::import_str(stored)?;
    Ok(Head::of(&imported.report, &imported.meta))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packing_round_trips_any_bytes() {
        for len in [0usize, 1, 2, 14, 15, 16, 17, 100, 1000] {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 % 256) as u8).collect();
            let packed = pack_bits(&bytes);
            assert!(packed
                .chars()
                .all(|c| (0x4000..0xC000).contains(&(c as u32))));
            assert_eq!(packed.chars().count(), (len * 8).div_ceil(15));
            assert_eq!(unpack_bits(&packed, len).unwrap(), bytes);
        }
    }

    #[test]
    fn small_reports_stay_readable_large_ones_are_packed() {
        let small = r#"{"format":"kalkulator-lakip"}"#;
        assert_eq!(encode(small), small);
        let meta = crate::exchange::snapshot::Meta::default();
        let big = crate::exchange::snapshot::export(&crate::example::example(), &meta).repeat(3);
        let enc = encode(&big);
        assert!(is_packed(&enc));
        assert!(
            enc.chars().count() * 4 < big.len(),
            "{} vs {}",
            enc.chars().count(),
            big.len()
        );
        assert_eq!(decode(&enc).unwrap(), big);
    }

    #[test]
    fn a_packed_value_imports_like_a_snapshot() {
        let mut r = crate::example::example();
        r.sasaran[0].iku[0].cause = "x".repeat(PACK_ABOVE);
        let packed = encode(&crate::exchange::snapshot::export(
            &r,
            &crate::exchange::snapshot::Meta::default(),
        ));
        assert!(is_packed(&packed));
        assert_eq!(
            crate::exchange::snapshot::import_str(&packed)
                .unwrap()
                .report,
            r
        );
    }
}
