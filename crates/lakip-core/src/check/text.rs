//! Small text helpers shared by the checks: numbering, hierarchy keywords, totals rows,
//! and the key under which an item is recognised in another table.

/// How a row is numbered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Numbering {
    /// `I`, `IV.`
    Roman(u32),
    /// `1`, `13.`, `4)`
    Arabic(u32),
    /// `a.`, `b)`
    Letter,
    /// `1.06.02.2.01.0001`: the number of segments.
    Code(usize),
}

/// Read a numbering label (`IV`, `13.`, `1.06.02`); `None` for anything else.
pub(crate) fn numbering(text: &str) -> Option<Numbering> {
    let t = text.trim();
    let core = t.trim_end_matches(['.', ')']).trim_start_matches('(');
    if core.is_empty() || core.len() > 24 {
        return None;
    }
    if core.chars().all(|c| c.is_ascii_digit()) {
        return core.parse().ok().map(Numbering::Arabic);
    }
    if core.contains('.')
        && core.split('.').all(|s| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_digit() || c == 'X' || c == 'x')
        })
    {
        return Some(Numbering::Code(core.split('.').count()));
    }
    if let Some(n) = roman(core) {
        return Some(Numbering::Roman(n));
    }
    if core.chars().count() == 1
        && core.chars().all(|c| c.is_ascii_lowercase())
        && t.len() > core.len()
    {
        return Some(Numbering::Letter);
    }
    None
}

/// `I` … `XXXIX` (upper case, canonical form only).
fn roman(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 8 || !s.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L')) {
        return None;
    }
    let val = |c: char| match c {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        _ => 50,
    };
    let chars: Vec<i64> = s.chars().map(val).collect();
    let mut total = 0i64;
    for (i, v) in chars.iter().enumerate() {
        if chars.get(i + 1).is_some_and(|n| n > v) {
            total -= v;
        } else {
            total += v;
        }
    }
    let total = u32::try_from(total).ok()?;
    (to_roman(total) == s).then_some(total)
}

fn to_roman(mut n: u32) -> String {
    let table = [
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in table {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// A numbering label at the start of a name: `1. Sub Kegiatan X` → (`1`, `Sub Kegiatan X`).
pub(crate) fn split_numbering(name: &str) -> (Option<(String, Numbering)>, &str) {
    let t = name.trim_start();
    let Some(first) = t.split_whitespace().next() else {
        return (None, t);
    };
    // `1.Sub Kegiatan …`: a label glued to the name.
    if let Some(pos) = glued_label(first) {
        let label = &first[..pos];
        if let Some(n) = numbering(label) {
            let rest = t[pos..].trim_start();
            return (
                Some((
                    label
                        .trim_end_matches(['.', ')'])
                        .trim_start_matches('(')
                        .to_string(),
                    n,
                )),
                rest,
            );
        }
    }
    let ends_like_label = first.ends_with('.') || first.ends_with(')');
    let is_code = matches!(numbering(first), Some(Numbering::Code(n)) if n >= 3);
    if ends_like_label || is_code {
        if let Some(n) = numbering(first) {
            let rest = t[first.len()..].trim_start();
            if !rest.is_empty() {
                let label = first
                    .trim_end_matches(['.', ')'])
                    .trim_start_matches('(')
                    .to_string();
                return (Some((label, n)), rest);
            }
        }
    }
    (None, t)
}

/// `1.Sub`, `IV.Program`, `a)Penyediaan`: the length of the label glued to a word.
fn glued_label(token: &str) -> Option<usize> {
    let pos = token.find(['.', ')'])? + 1;
    let (label, rest) = token.split_at(pos);
    let head = label.trim_end_matches(['.', ')']);
    let short = !head.is_empty() && head.len() <= 4;
    let word = rest.chars().next().is_some_and(char::is_alphabetic)
        && rest.chars().nth(1).is_some_and(char::is_alphabetic);
    (short && word && numbering(label).is_some_and(|n| !matches!(n, Numbering::Code(_))))
        .then_some(pos)
}

/// The budget level a name announces by its first words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Keyword {
    Program,
    Kegiatan,
    SubKegiatan,
}

pub(crate) fn keyword(name: &str) -> Option<Keyword> {
    let lower = name.trim_start().to_lowercase();
    if lower.starts_with("sub kegiatan")
        || lower.starts_with("subkegiatan")
        || lower.starts_with("sub-kegiatan")
    {
        Some(Keyword::SubKegiatan)
    } else if word_start(&lower, "kegiatan") {
        Some(Keyword::Kegiatan)
    } else if word_start(&lower, "program") {
        Some(Keyword::Program)
    } else {
        None
    }
}

fn word_start(lower: &str, word: &str) -> bool {
    lower.starts_with(word)
        && lower[word.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
}

/// Remove a leading "Program", "Kegiatan", "Sub Kegiatan" and a colon after it.
pub(crate) fn strip_keyword(name: &str) -> &str {
    let t = name.trim_start();
    let lower = t.to_ascii_lowercase();
    for word in [
        "sub kegiatan",
        "subkegiatan",
        "sub-kegiatan",
        "kegiatan",
        "program",
    ] {
        if word_start(&lower, word) {
            let rest = t[word.len()..].trim_start();
            return rest.strip_prefix(':').map(str::trim_start).unwrap_or(rest);
        }
    }
    t
}

/// A totals row: `JUMLAH`, `TOTAL`, `Jumlah Total`, `Sub Total`, `Grand Total`.
pub(crate) fn is_total_label(text: &str) -> bool {
    let lower = text.trim().trim_end_matches(':').trim().to_lowercase();
    if lower.is_empty() {
        return false;
    }
    let words: Vec<&str> = lower.split_whitespace().collect();
    let first_ok = matches!(words[0], "jumlah" | "total" | "subtotal" | "grand")
        || (words[0] == "sub" && words.get(1) == Some(&"total"));
    first_ok && words.len() <= 4
}

/// The key under which an item is recognised across tables: numbering, hierarchy
/// keyword, case, spaces and punctuation removed (`1. Sub Kegiatan Penyediaan Perbekalan
/// Kesehatan diluar panti` and `Penyediaan Perbekalan Kesehatan di luar panti` agree).
pub(crate) fn key(name: &str) -> String {
    let (_, rest) = split_numbering(name);
    let rest = strip_keyword(rest);
    let (_, rest) = split_numbering(rest);
    rest.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A name shortened for a message: at most `max` characters, with `…`.
pub(crate) fn short(name: &str, max: usize) -> String {
    let t = name.trim();
    if t.chars().count() <= max {
        return t.to_string();
    }
    let cut: String = t.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(p) if p > max / 2 => cut[..p].to_string(),
        _ => cut,
    };
    format!("{}…", cut.trim_end_matches([',', ' ']))
}

/// Header words, lower case, for recognising header rows.
pub(crate) const HEADER_WORDS: &[&str] = &[
    "no",
    "no.",
    "nomor",
    "kode",
    "program",
    "kegiatan",
    "sub",
    "uraian",
    "pagu",
    "anggaran",
    "realisasi",
    "%",
    "(%)",
    "(rp)",
    "rp",
    "target",
    "capaian",
    "kinerja",
    "efisiensi",
    "tingkat",
    "sasaran",
    "strategis",
    "indikator",
    "iku",
    "kategori",
    "predikat",
    "keberhasilan",
    "kegagalan",
    "keberhasilan/",
    "ket",
    "keterangan",
    "jumlah",
    "satuan",
    "penyebab",
    "solusi",
    "tahun",
    "setelah",
    "perubahan",
    "dan",
    "serapan",
    "persentase",
    "jabatan",
    "pendidikan",
    "golongan",
    "jenis",
    "utama",
    "yang",
    "dilakukan",
    "sisa",
    "murni",
    "dan/atau",
    "/",
    "program/",
    "kegiatan/",
    "persen",
    "pejabat",
    "struktural",
    "tujuan",
    "nama",
    "item",
    "rincian",
    "provinsi",
    "renstra",
    "standar",
    "2024",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_labels() {
        assert_eq!(numbering("IV"), Some(Numbering::Roman(4)));
        assert_eq!(numbering("II."), Some(Numbering::Roman(2)));
        assert_eq!(numbering("13."), Some(Numbering::Arabic(13)));
        assert_eq!(numbering("4"), Some(Numbering::Arabic(4)));
        assert_eq!(numbering("1.06.02.2.01.0001"), Some(Numbering::Code(6)));
        assert_eq!(numbering("IIII"), None);
        assert_eq!(numbering("Jumlah"), None);
        assert_eq!(numbering("a."), Some(Numbering::Letter));
        assert_eq!(numbering(""), None);
    }

    #[test]
    fn numbering_prefix_keyword_and_key() {
        let (n, rest) = split_numbering("1. Sub Kegiatan Penyediaan permakanan");
        assert_eq!(n.map(|x| x.0), Some("1".to_string()));
        assert_eq!(rest, "Sub Kegiatan Penyediaan permakanan");
        assert_eq!(keyword(rest), Some(Keyword::SubKegiatan));
        assert_eq!(keyword("Kegiatan Pengumpulan"), Some(Keyword::Kegiatan));
        assert_eq!(
            keyword("PROGRAM PENANGANAN BENCANA"),
            Some(Keyword::Program)
        );
        assert_eq!(keyword("Programmer"), None);
        assert_eq!(
            key("13. Sub Kegiatan Penyediaan Perbekalan Kesehatan diluar panti"),
            key("Penyediaan Perbekalan Kesehatan di luar panti")
        );
        assert_eq!(
            key("Sub Kegiatan : Koordinasi, Sosialisasi"),
            "koordinasisosialisasi"
        );
        assert_eq!(
            split_numbering("1.06.02.2.01.0001 Penyediaan").1,
            "Penyediaan"
        );
        // A label glued to the name is cleaned like one with a space.
        let (n, rest) = split_numbering("1.Sub Kegiatan Penyediaan permakanan");
        assert_eq!(n.map(|x| x.0), Some("1".to_string()));
        assert_eq!(rest, "Sub Kegiatan Penyediaan permakanan");
        assert_eq!(
            split_numbering("IV.Program Rehabilitasi").1,
            "Program Rehabilitasi"
        );
        // Not a label: a word with a dot, an abbreviation, a code.
        assert_eq!(split_numbering("Rp.1.000").0, None);
        assert_eq!(split_numbering("S.Sos pendamping").0, None);
    }

    #[test]
    fn totals_and_short_names() {
        assert!(is_total_label("JUMLAH"));
        assert!(is_total_label("Total"));
        assert!(is_total_label("Sub Total"));
        assert!(!is_total_label(
            "Jumlah Realisasi Anggaran Sasaran Strategis Tahun 2024"
        ));
        assert!(!is_total_label("Program Pemberdayaan Sosial"));
        assert_eq!(
            short("Penyediaan Perbekalan Kesehatan di luar panti", 30),
            "Penyediaan Perbekalan…"
        );
        assert_eq!(short("Pendek", 30), "Pendek");
    }
}
