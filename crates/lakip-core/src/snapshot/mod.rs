//! The snapshot: the versioned JSON file colleagues exchange and the app stores. It is a
//! format of its own (`docs/snapshot-format.md`), written and read here and nowhere else;
//! the model types are never serialized directly.
//!
//! Reading accepts any earlier version (migrated step by step to the current one), refuses a
//! newer one, and turns every kind of bad input into an [`ImportError`] whose `Display` is an
//! Indonesian sentence naming what is wrong and where.

mod migrate;
mod packed;
mod read;
mod write;

pub use packed::{decode, encode, is_packed, PACKED_FORMAT, PACK_ABOVE};

use crate::model::Report;
use serde_json::Value as J;
use std::fmt;

pub use read::{MAX_ID, MAX_NAME, MAX_TEXT};

/// The `format` field of every snapshot.
pub const FORMAT_NAME: &str = "kalkulator-lakip";
/// The version this build writes (and the newest it reads).
pub const VERSION: u32 = 1;
/// Largest file accepted, in bytes.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;

/// Envelope data besides the report.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Meta {
    /// Version of the app that wrote the file.
    pub app_version: String,
    /// When it was written, ISO 8601 (`2025-01-06T09:30:00Z`).
    pub exported_at: String,
}

/// One problem in a snapshot: where (`program[2].kegiatan[0].pagu`) and what (Indonesian).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    Empty,
    TooLarge { bytes: usize },
    /// A binary file of a recognised kind ("Excel (.xlsx)", "gambar PNG", …).
    Binary { kind: &'static str },
    NotText,
    NotJson { line: usize, column: usize, detail: String },
    Truncated { line: usize },
    NotSnapshot,
    UnknownFormat { found: String },
    NewerVersion { found: u64 },
    BadVersion,
    Invalid(Vec<Problem>),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Empty => write!(f, "Berkas kosong: tidak ada isinya."),
            ImportError::TooLarge { bytes } => write!(
                f,
                "Berkas terlalu besar ({} MB; paling besar {} MB).",
                bytes / (1024 * 1024),
                MAX_BYTES / (1024 * 1024)
            ),
            ImportError::Binary { kind } => write!(
                f,
                "Berkas ini {kind}, bukan snapshot JSON Kalkulator LAKIP. Pilih berkas .json hasil \"Ekspor JSON\"."
            ),
            ImportError::NotText => write!(
                f,
                "Berkas ini bukan teks (bukan UTF-8), jadi bukan snapshot JSON Kalkulator LAKIP."
            ),
            ImportError::NotJson { line, column, detail } => write!(
                f,
                "Berkas bukan JSON yang valid: kesalahan di baris {line}, kolom {column} ({detail})."
            ),
            ImportError::Truncated { line } => write!(
                f,
                "Berkas terpotong: JSON berakhir sebelum selesai (baris {line}). Mungkin unduhan atau salinannya tidak lengkap."
            ),
            ImportError::NotSnapshot => write!(
                f,
                "Berkas JSON ini bukan snapshot Kalkulator LAKIP (tidak ada \"format\": \"{FORMAT_NAME}\")."
            ),
            ImportError::UnknownFormat { found } => write!(
                f,
                "Format \"{found}\" tidak dikenal; yang dibaca hanya \"{FORMAT_NAME}\"."
            ),
            ImportError::NewerVersion { found } => write!(
                f,
                "Snapshot ini format versi {found}, dibuat oleh Kalkulator LAKIP yang lebih baru; berkas ini hanya membaca sampai versi {VERSION}. Minta lakip.html terbaru."
            ),
            ImportError::BadVersion => write!(f, "Kolom \"versi\" harus bilangan bulat positif."),
            ImportError::Invalid(problems) => {
                write!(f, "Snapshot tidak valid ({} masalah): ", problems.len())?;
                for (i, p) in problems.iter().enumerate() {
                    if i > 0 {
                        f.write_str("; ")?;
                    }
                    if i == 10 {
                        write!(f, "dan {} lainnya", problems.len() - 10)?;
                        break;
                    }
                    write!(f, "{p}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for ImportError {}

/// A report read from a snapshot.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub report: Report,
    pub meta: Meta,
    /// The file's version when it was older than [`VERSION`].
    pub migrated_from: Option<u32>,
}

/// Write a report as snapshot JSON (compact).
pub fn export(report: &Report, meta: &Meta) -> String {
    write::envelope(report, meta).to_string()
}

/// Write a report as snapshot JSON, indented for people.
pub fn export_pretty(report: &Report, meta: &Meta) -> String {
    serde_json::to_string_pretty(&write::envelope(report, meta)).expect("JSON values serialize")
}

/// Recognise binary files by their first bytes.
fn sniff(bytes: &[u8]) -> Option<&'static str> {
    const KINDS: &[(&[u8], &str)] = &[
        (b"PK\x03\x04", "berkas ZIP atau Excel (.xlsx/.docx)"),
        (b"\xD0\xCF\x11\xE0", "berkas Office lama (.xls/.doc)"),
        (b"%PDF", "dokumen PDF"),
        (b"\x89PNG", "gambar PNG"),
        (b"\xFF\xD8\xFF", "gambar JPEG"),
        (b"GIF8", "gambar GIF"),
        (b"\x1F\x8B", "berkas terkompresi gzip"),
        (b"\x00asm", "berkas WebAssembly"),
        (b"MZ", "program Windows (.exe)"),
        (b"Rar!", "arsip RAR"),
        (b"7z\xBC\xAF", "arsip 7-Zip"),
    ];
    KINDS.iter().find(|(magic, _)| bytes.starts_with(magic)).map(|(_, k)| *k)
}

/// Decode a file to text: UTF-8 with or without byte-order mark, or UTF-16 with one.
fn decode_text(bytes: &[u8]) -> Result<String, ImportError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8(rest.to_vec()).map_err(|_| ImportError::NotText);
    }
    let utf16 = |rest: &[u8], le: bool| -> Result<String, ImportError> {
        if rest.len() % 2 != 0 {
            return Err(ImportError::NotText);
        }
        let units = rest.chunks(2).map(|c| {
            if le { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) }
        });
        char::decode_utf16(units).collect::<Result<String, _>>().map_err(|_| ImportError::NotText)
    };
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, false);
    }
    if let Some(kind) = sniff(bytes) {
        return Err(ImportError::Binary { kind });
    }
    String::from_utf8(bytes.to_vec()).map_err(|_| ImportError::NotText)
}

/// Read a snapshot file.
pub fn import(bytes: &[u8]) -> Result<Imported, ImportError> {
    if bytes.len() > MAX_BYTES {
        return Err(ImportError::TooLarge { bytes: bytes.len() });
    }
    let text = decode_text(bytes)?;
    import_str(&text)
}

/// Read snapshot text.
pub fn import_str(text: &str) -> Result<Imported, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if is_packed(text) {
        return import_str(&decode(text)?);
    }
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    if text.len() > MAX_BYTES {
        return Err(ImportError::TooLarge { bytes: text.len() });
    }
    let json: J = serde_json::from_str(text).map_err(|e| {
        use serde_json::error::Category;
        match e.classify() {
            Category::Eof => ImportError::Truncated { line: e.line() },
            _ => ImportError::NotJson {
                line: e.line(),
                column: e.column(),
                detail: json_detail(&e),
            },
        }
    })?;
    let obj = json.as_object().ok_or(ImportError::NotSnapshot)?;
    match obj.get("format") {
        None => return Err(ImportError::NotSnapshot),
        Some(J::String(f)) if f == FORMAT_NAME => {}
        Some(J::String(f)) => {
            return Err(ImportError::UnknownFormat { found: f.chars().take(80).collect() })
        }
        Some(_) => return Err(ImportError::NotSnapshot),
    }
    let version = match obj.get("versi") {
        Some(J::Number(n)) => n.as_u64().filter(|v| *v >= 1).ok_or(ImportError::BadVersion)?,
        _ => return Err(ImportError::BadVersion),
    };
    if version > VERSION as u64 {
        return Err(ImportError::NewerVersion { found: version });
    }
    let version = version as u32;
    let json = migrate::to_current(json, version)?;
    let obj = json.as_object().expect("migration keeps an object");

    let mut reader = read::Reader::new();
    let meta = Meta {
        app_version: text_field(obj, "versi_aplikasi"),
        exported_at: text_field(obj, "diekspor"),
    };
    let report = match obj.get("laporan") {
        Some(l) => reader.report(l),
        None => {
            reader.problem("laporan", "wajib ada");
            None
        }
    };
    match report {
        Some(report) if reader.problems.is_empty() => Ok(Imported {
            report,
            meta,
            migrated_from: (version < VERSION).then_some(version),
        }),
        _ => Err(ImportError::Invalid(reader.problems)),
    }
}

fn text_field(obj: &serde_json::Map<String, J>, key: &str) -> String {
    obj.get(key).and_then(J::as_str).map(|s| s.chars().take(100).collect()).unwrap_or_default()
}

/// serde_json's message, minus its position (said separately), in Indonesian where known.
fn json_detail(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    let core = msg.split(" at line ").next().unwrap_or(&msg);
    let known = [
        ("expected value", "nilai yang diharapkan tidak ada"),
        ("trailing comma", "koma berlebih"),
        ("trailing characters", "ada teks setelah akhir JSON"),
        ("key must be a string", "nama kolom harus dalam tanda kutip"),
        ("expected `,` or `}`", "kurang koma atau kurung kurawal tutup"),
        ("expected `,` or `]`", "kurang koma atau kurung siku tutup"),
        ("expected `:`", "kurang titik dua"),
        ("control character", "ada karakter kendali di dalam teks"),
        ("invalid escape", "escape tidak valid"),
        ("invalid number", "angka tidak valid"),
        ("recursion limit exceeded", "bersarang terlalu dalam"),
        ("number out of range", "angka di luar jangkauan"),
        ("EOF while parsing", "berakhir sebelum selesai"),
        ("lone leading surrogate", "karakter Unicode rusak"),
        ("invalid unicode code point", "karakter Unicode rusak"),
        ("expected ident", "kata kunci tidak valid"),
    ];
    known
        .iter()
        .find(|(en, _)| core.contains(en))
        .map(|(_, id)| id.to_string())
        .unwrap_or_else(|| core.to_string())
}

/// The report part alone, for an embedded copy or a diff.
pub fn report_value(report: &Report) -> J {
    write::report_json(report)
}
