//! The snapshot: the versioned JSON file colleagues exchange and the app stores. It is a
//! format of its own (`docs/snapshot-format.md`), written and read here and nowhere else;
//! the model types are never serialized directly.
//!
//! Reading accepts any earlier version (migrated step by step to the current one), refuses a
//! newer one, and turns every kind of bad input into an [`ImportError`] whose `Display` is an
//! Indonesian sentence naming what is wrong and where.

mod embed;
mod json;
mod limits;
mod migrate;
mod packed;
mod read;
pub mod rules;
mod write;

pub use embed::{embed_html, embedded_text, extract_embedded, EMBED_ID};
pub use limits::{check_meta, check_report};
pub use packed::{
    decode, encode, encode_with_head, is_packed, peek, Head, Summary, PACKED_FORMAT, PACK_ABOVE,
};

use crate::model::Report;
use serde_json::Value as J;
use std::fmt;

pub use rules::{MAX_DECIMALS, MAX_ID, MAX_ITEMS, MAX_META, MAX_NAME, MAX_PROBLEMS, MAX_TEXT};

/// The `format` field of every snapshot.
pub const FORMAT_NAME: &str = "kalkulator-lakip";
/// The version this build writes (and the newest it reads).
pub const VERSION: u32 = 2;
/// Largest file accepted, in bytes.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;
/// Largest revision counter accepted (the largest integer JavaScript holds exactly).
pub const MAX_REVISION: u64 = (1 << 53) - 1;

/// Envelope data besides the report (version 2). Construct with
/// `Meta { app_version, exported_at, ..Default::default() }`.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Meta {
    /// `versi_aplikasi`: version of the app that wrote the file.
    pub app_version: String,
    /// `diekspor`: when it was written, ISO 8601 (`2025-01-06T09:30:00Z`).
    pub exported_at: String,
    /// `id_laporan`: the report's identity, the same in every copy of it (a colleague's
    /// copy, a backup, an embedded file); empty when unknown (files of version 1). Only
    /// ASCII letters, digits, `-`, `_` and `.`, at most [`MAX_ID`] characters.
    pub report_id: String,
    /// `revisi`: how many times this report has been saved; every save adds one. Lets a tab
    /// see that another tab saved a newer state, and a preview say which copy is newer.
    pub revision: u64,
    /// `basis`: the report and revision this copy started from, when it is a copy taken
    /// from someone else's report (a Bidang's part); `None` otherwise.
    pub basis: Option<Basis>,
}

/// Which state of which report a copy started from.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Basis {
    pub report_id: String,
    pub revision: u64,
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
    TooLarge {
        bytes: usize,
    },
    /// A file of a recognised other kind ("Excel (.xlsx)", "gambar PNG", "halaman HTML", …).
    Binary {
        kind: &'static str,
    },
    /// Broken UTF-16 (odd length, lone surrogate).
    NotText,
    /// Not UTF-8: the first bad byte, by line and column (1-based; column in bytes).
    Encoding {
        line: usize,
        column: usize,
    },
    NotJson {
        line: usize,
        column: usize,
        detail: String,
    },
    Truncated {
        line: usize,
    },
    NotSnapshot,
    UnknownFormat {
        found: String,
    },
    NewerVersion {
        found: u64,
    },
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
                "Berkas ini bukan teks yang utuh (UTF-16 rusak), jadi bukan snapshot JSON Kalkulator LAKIP."
            ),
            ImportError::Encoding { line, column } => write!(
                f,
                "Berkas ini bukan teks UTF-8 (byte tidak valid di baris {line}, kolom {column}). Mungkin disimpan dengan pengodean lain (ANSI/Windows-1252); simpan ulang sebagai UTF-8."
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

impl ImportError {
    /// The problems of an invalid snapshot (empty for other errors).
    pub fn problems(&self) -> &[Problem] {
        match self {
            ImportError::Invalid(p) => p,
            _ => &[],
        }
    }
}

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
    write::envelope(report, meta, false)
}

/// Write a report as snapshot JSON, indented for people.
pub fn export_pretty(report: &Report, meta: &Meta) -> String {
    write::envelope(report, meta, true)
}

/// Whether a report would be accepted back by [`import`]: the problems its snapshot has
/// (duplicate ids or codes, broken links, texts too long, numbers out of range).
pub fn validate(report: &Report) -> Result<(), Vec<Problem>> {
    match import_str(&export(report, &Meta::default())) {
        Ok(_) => Ok(()),
        Err(ImportError::Invalid(p)) => Err(p),
        Err(e) => Err(vec![Problem {
            path: String::new(),
            message: e.to_string(),
        }]),
    }
}

/// Recognise binary files by their first bytes.
fn sniff(bytes: &[u8]) -> Option<&'static str> {
    const KINDS: &[(&[u8], &str)] = &[
        (b"PK\x03\x04", "berkas ZIP atau Excel (.xlsx/.docx)"),
        (b"PK\x05\x06", "berkas ZIP kosong"),
        (b"\xD0\xCF\x11\xE0", "berkas Office lama (.xls/.doc)"),
        (b"%PDF", "dokumen PDF"),
        (b"\x89PNG", "gambar PNG"),
        (b"\xFF\xD8\xFF", "gambar JPEG"),
        (b"GIF8", "gambar GIF"),
        (b"RIFF", "berkas media (RIFF/WebP)"),
        (b"\x1F\x8B", "berkas terkompresi gzip"),
        (b"\x00asm", "berkas WebAssembly"),
        (b"MZ", "program Windows (.exe)"),
        (b"\x7FELF", "program Linux"),
        (b"Rar!", "arsip RAR"),
        (b"7z\xBC\xAF", "arsip 7-Zip"),
        (b"{\\rtf", "dokumen RTF"),
        (b"SQLite format 3", "basis data SQLite"),
    ];
    KINDS
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, k)| *k)
}

fn utf16(rest: &[u8], le: bool) -> Result<String, ImportError> {
    if !rest.len().is_multiple_of(2) {
        return Err(ImportError::NotText);
    }
    let units = rest.chunks_exact(2).map(|c| {
        if le {
            u16::from_le_bytes([c[0], c[1]])
        } else {
            u16::from_be_bytes([c[0], c[1]])
        }
    });
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .map_err(|_| ImportError::NotText)
}

/// Decode a file to text: UTF-8 with or without byte-order mark, or UTF-16 with one (or
/// without one when the text visibly starts with `{` or `[`).
fn decode_text(bytes: &[u8]) -> Result<String, ImportError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, false);
    }
    if let Some(kind) = sniff(bytes) {
        return Err(ImportError::Binary { kind });
    }
    match bytes {
        [b'{' | b'[', 0, ..] => return utf16(bytes, true),
        [0, b'{' | b'[', ..] => return utf16(bytes, false),
        _ => {}
    }
    utf8(bytes)
}

fn utf8(bytes: &[u8]) -> Result<String, ImportError> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|b| **b == b'\n').count() + 1;
            let column = good.len()
                - good
                    .iter()
                    .rposition(|b| *b == b'\n')
                    .map(|i| i + 1)
                    .unwrap_or(0)
                + 1;
            Err(ImportError::Encoding { line, column })
        }
    }
}

/// Read a snapshot file: snapshot JSON (any version up to [`VERSION`]), the packed stored
/// form, or a saved `lakip.html` with an embedded report.
pub fn import(bytes: &[u8]) -> Result<Imported, ImportError> {
    if bytes.len() > MAX_BYTES {
        return Err(ImportError::TooLarge { bytes: bytes.len() });
    }
    let text = decode_text(bytes)?;
    import_str(&text)
}

/// Read snapshot text (see [`import`]).
pub fn import_str(text: &str) -> Result<Imported, ImportError> {
    import_level(text, 0)
}

fn import_level(text: &str, level: u8) -> Result<Imported, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.len() > MAX_BYTES {
        return Err(ImportError::TooLarge { bytes: text.len() });
    }
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    // At most one page around at most one packed value around the snapshot.
    if level == 0 && text.trim_start().starts_with('<') {
        return match embedded_text(text) {
            Some(inner) => import_level(inner, 1),
            None => Err(ImportError::Binary {
                kind: markup_kind(text),
            }),
        };
    }
    if level <= 1 && is_packed(text) {
        return import_level(&decode(text)?, 2);
    }
    let json = json::parse(text).map_err(|e| match e {
        json::ParseError::Duplicate(d) => ImportError::Invalid(vec![Problem {
            path: d
                .path
                .strip_prefix("laporan.")
                .unwrap_or(&d.path)
                .to_string(),
            message: "kolom ini muncul dua kali; hapus salah satunya".into(),
        }]),
        json::ParseError::Json(e) => {
            use serde_json::error::Category;
            match e.classify() {
                Category::Eof => ImportError::Truncated { line: e.line() },
                _ => ImportError::NotJson {
                    line: e.line(),
                    column: e.column(),
                    detail: json_detail(&e),
                },
            }
        }
    })?;
    let obj = json.as_object().ok_or(ImportError::NotSnapshot)?;
    match obj.get("format") {
        None => return Err(ImportError::NotSnapshot),
        Some(J::String(f)) if f == FORMAT_NAME => {}
        Some(J::String(f)) => {
            return Err(ImportError::UnknownFormat {
                found: read::shorten(f, 80),
            })
        }
        Some(_) => return Err(ImportError::NotSnapshot),
    }
    let version = match obj.get("versi") {
        Some(J::Number(n)) => n
            .as_u64()
            .filter(|v| *v >= 1)
            .ok_or(ImportError::BadVersion)?,
        _ => return Err(ImportError::BadVersion),
    };
    if version > VERSION as u64 {
        return Err(ImportError::NewerVersion { found: version });
    }
    let version = version as u32;
    let json = migrate::to_current(json, version)?;
    let Some(obj) = json.as_object() else {
        return Err(ImportError::NotSnapshot);
    };

    let mut reader = read::Reader::new();
    let meta = reader.meta(obj);
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

fn markup_kind(text: &str) -> &'static str {
    let head: String = text.chars().take(2048).collect::<String>().to_lowercase();
    if head.contains("<html") || head.contains("<!doctype html") {
        "halaman HTML tanpa laporan tertanam"
    } else {
        "berkas XML/HTML"
    }
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
        (
            "expected `,` or `}`",
            "kurang koma atau kurung kurawal tutup",
        ),
        ("expected `,` or `]`", "kurang koma atau kurung siku tutup"),
        ("expected `:`", "kurang titik dua"),
        ("control character", "ada karakter kendali di dalam teks"),
        ("invalid escape", "escape tidak valid"),
        ("invalid number", "angka tidak valid"),
        ("recursion limit exceeded", "bersarang terlalu dalam"),
        ("number out of range", "angka di luar jangkauan"),
        ("EOF while parsing", "berakhir sebelum selesai"),
        ("lone leading surrogate", "karakter Unicode rusak"),
        (
            "unexpected end of hex escape",
            "escape Unicode tidak lengkap",
        ),
        ("invalid unicode code point", "karakter Unicode rusak"),
        ("expected ident", "kata kunci tidak valid"),
    ];
    known
        .iter()
        .find(|(en, _)| core.contains(en))
        .map(|(_, id)| id.to_string())
        .unwrap_or_else(|| read::shorten(core, 120))
}

/// The report part alone, for an embedded copy or a diff.
pub fn report_value(report: &Report) -> J {
    write::report_json(report)
}
