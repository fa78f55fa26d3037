//! A minimal SpreadsheetML reader: the sheets of a workbook in order, with their names, and
//! every cell's value and style, as Excel stored them.
//!
//! The package is followed as the relationships say (`_rels/.rels` → the workbook →
//! its sheets, shared strings and styles), so workbooks saved by Excel, LibreOffice,
//! Google Sheets or a library all read. Values: shared strings (rich text runs joined,
//! phonetic runs left out), inline strings, numbers, booleans, errors, formula results
//! (the cached value; the formula is ignored) and ISO dates. From `styles.xml` only what
//! the checker needs: whether a cell format's font is bold, its number format code, and
//! whether that format shows a date. The rules follow `calamine` so that both read the
//! same file the same way.

use super::xml::{Event, Reader, Tag};
use super::zip::{Archive, ZipError};
use std::collections::HashMap;

/// At most this many cells in a workbook.
pub const MAX_CELLS: usize = 1_000_000;
/// Excel's last row and column (1-based).
const MAX_ROW: u32 = 1_048_576;
const MAX_COL: u32 = 16_384;

/// A cell's stored value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// No value (a cell that only carries a format).
    Empty,
    Number(f64),
    /// A number whose format shows a date or time (the serial number as stored).
    Date(f64),
    Text(String),
    Bool(bool),
    /// An error value (`#DIV/0!`) or an ISO date (`t="d"`), as written.
    Other(String),
}

/// What the reader keeps of a cell format (`cellXfs/xf`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Style {
    pub bold: bool,
    /// The number format code, `None` when the format has no `numFmtId`.
    pub format: Option<String>,
    /// The number format shows a date or a time.
    pub date: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    /// 0-based row and column.
    pub row: u32,
    pub col: u32,
    pub value: Value,
    /// Index into [`Workbook::styles`] (`s`; 0, the default format, when absent).
    pub style: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    pub name: String,
    /// In the order of the file (row by row, left to right when written by Excel).
    pub cells: Vec<Cell>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Workbook {
    pub sheets: Vec<Sheet>,
    pub styles: Vec<Style>,
}

impl Workbook {
    /// The format of a cell, for its font and number format. A cell without one has
    /// format 0, as in Excel (`calamine` gives it only inside the box of styled cells).
    pub fn style(&self, cell: &Cell) -> Option<&Style> {
        self.styles.get(cell.style)
    }
}

fn zip_error(e: ZipError) -> String {
    match e {
        ZipError::NotZip => {
            "Berkas bukan .xlsx: isinya bukan arsip ZIP. Simpan tabel dari Excel sebagai \
                             \"Buku Kerja Excel (.xlsx)\" lalu coba lagi."
                .into()
        }
        ZipError::Corrupt(why) => {
            format!("Berkas .xlsx rusak ({why}). Buka di Excel lalu simpan ulang.")
        }
        ZipError::Unsupported(what) => {
            format!(
                "Berkas .xlsx memakai fitur yang tidak didukung ({what}). Simpan ulang dari Excel tanpa kata sandi."
            )
        }
        ZipError::TooLarge => {
            "Berkas .xlsx terlalu besar untuk dibaca (lebih dari 64 MB setelah dibuka). \
                               Salin tabel yang perlu saja ke buku kerja baru."
                .into()
        }
    }
}

/// The contents of a workbook.
pub fn read(bytes: &[u8]) -> Result<Workbook, String> {
    if bytes.is_empty() {
        return Err("Berkas kosong.".into());
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(
            "Berkas ini Excel lama (.xls) atau .xlsx yang dilindungi kata sandi. Buka di Excel, \
                    hapus kata sandinya bila ada, lalu simpan sebagai \"Buku Kerja Excel (.xlsx)\"."
                .into(),
        );
    }
    let mut zip = Archive::new(bytes).map_err(zip_error)?;

    // The workbook part: from the package relationships, else where Excel puts it.
    let mut workbook_path = "xl/workbook.xml".to_string();
    if let Some(rels) = part(&mut zip, "_rels/.rels")? {
        if let Some(r) = relationships(&rels, "_rels/.rels")?
            .into_iter()
            .find(|r| r.kind == "officeDocument")
        {
            workbook_path = resolve("", &r.target);
        }
    }
    let Some(workbook_xml) = part(&mut zip, &workbook_path)? else {
        let what = if zip.find("word/document.xml").is_some() {
            "Berkas ini dokumen Word (.docx), bukan buku kerja Excel (.xlsx)."
        } else if zip.find("ppt/presentation.xml").is_some() {
            "Berkas ini presentasi PowerPoint (.pptx), bukan buku kerja Excel (.xlsx)."
        } else if zip.find("content.xml").is_some() {
            "Berkas ini dokumen OpenDocument (.ods/.odt). Simpan sebagai \"Buku Kerja Excel (.xlsx)\" lalu coba lagi."
        } else {
            "Berkas ZIP ini bukan buku kerja Excel (.xlsx): bagian buku kerjanya tidak ada."
        };
        return Err(what.into());
    };
    let dir = match workbook_path.rfind('/') {
        Some(i) => workbook_path[..=i].to_string(),
        None => String::new(),
    };
    let file = &workbook_path[dir.len()..];
    let rels_path = format!("{dir}_rels/{file}.rels");
    let rels = match part(&mut zip, &rels_path)? {
        Some(x) => relationships(&x, &rels_path)?,
        None => Vec::new(),
    };
    let target = |kind: &str, default: &str| {
        rels.iter()
            .find(|r| r.kind == kind)
            .map_or(format!("{dir}{default}"), |r| resolve(&dir, &r.target))
    };

    let strings = match part(&mut zip, &target("sharedStrings", "sharedStrings.xml"))? {
        Some(x) => shared_strings(&x)
            .map_err(|e| format!("Daftar teks (sharedStrings.xml) rusak: {e}."))?,
        None => Vec::new(),
    };
    let styles = match part(&mut zip, &target("styles", "styles.xml"))? {
        Some(x) => styles(&x).map_err(|e| format!("Bagian gaya (styles.xml) rusak: {e}."))?,
        None => Vec::new(),
    };
    let list = sheet_list(&workbook_xml)
        .map_err(|e| format!("Bagian buku kerja (workbook.xml) rusak: {e}."))?;

    let mut sheets = Vec::with_capacity(list.len());
    let mut budget = MAX_CELLS;
    for (name, id) in list {
        let rel = rels.iter().find(|r| r.id == id);
        let cells = match rel {
            Some(r) if r.kind == "worksheet" => {
                let path = resolve(&dir, &r.target);
                let xml = part(&mut zip, &path)?.ok_or_else(|| {
                    format!("Lembar '{name}' tidak dapat dibaca: bagian {path} tidak ada.")
                })?;
                cells(&xml, &strings, &styles, &mut budget)
                    .map_err(|e| format!("Lembar '{name}' tidak dapat dibaca: {e}."))?
            }
            // Chart sheets and dialog sheets have no cells.
            Some(_) => Vec::new(),
            None => {
                return Err(format!(
                    "Lembar '{name}' tidak dapat dibaca: rujukannya tidak ditemukan."
                ))
            }
        };
        sheets.push(Sheet { name, cells });
    }
    Ok(Workbook { sheets, styles })
}

/// A part of the package, `None` when absent.
fn part(zip: &mut Archive, path: &str) -> Result<Option<Vec<u8>>, String> {
    zip.read(path).map_err(zip_error)
}

struct Relationship {
    id: String,
    /// The last segment of the type URI (`worksheet`, `styles`, `officeDocument`).
    kind: String,
    target: String,
}

fn relationships(xml: &[u8], path: &str) -> Result<Vec<Relationship>, String> {
    let bad = |e: &str| format!("Bagian {path} rusak: {e}.");
    let mut r = Reader::new(xml).map_err(bad)?;
    let mut out = Vec::new();
    while let Some(e) = r.next().map_err(bad)? {
        if let Event::Start(t) = e {
            if t.name == "Relationship" && t.attr("TargetMode").as_deref() != Some("External") {
                let kind = t.attr("Type").unwrap_or_default();
                out.push(Relationship {
                    id: t.attr("Id").unwrap_or_default().into_owned(),
                    kind: kind.rsplit('/').next().unwrap_or("").to_string(),
                    target: t.attr("Target").unwrap_or_default().into_owned(),
                });
            }
        }
    }
    Ok(out)
}

/// A relationship target as a path in the package: absolute (`/xl/…`) or relative to
/// `dir`, with `.` and `..` resolved.
fn resolve(dir: &str, target: &str) -> String {
    let full = match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("{dir}{target}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for p in full.split(['/', '\\']) {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// `(name, relationship id)` of every sheet, in workbook order.
fn sheet_list(xml: &[u8]) -> super::xml::Result<Vec<(String, String)>> {
    let mut r = Reader::new(xml)?;
    let mut out = Vec::new();
    while let Some(e) = r.next()? {
        if let Event::Start(t) = e {
            if t.name == "sheet" {
                out.push((
                    t.attr("name").unwrap_or_default().into_owned(),
                    t.attr("id").unwrap_or_default().into_owned(),
                ));
            }
        }
    }
    Ok(out)
}

/// The text of a string item (`<si>` or `<is>`), just started: its `<t>` elements joined,
/// those of phonetic runs (`<rPh>`) left out.
fn string_item(r: &mut Reader) -> super::xml::Result<String> {
    let depth = r.depth();
    let mut out = String::new();
    loop {
        match r.next()? {
            Some(Event::Start(t)) if t.name == "rPh" => r.skip()?,
            Some(Event::Start(t)) if t.name == "t" => {
                let preserve = t.attr("space").as_deref() == Some("preserve");
                let text = r.text()?;
                let text = if preserve {
                    &text[..]
                } else {
                    text.trim_matches([' ', '\t', '\r', '\n'])
                };
                out.push_str(&unescape(text));
            }
            Some(Event::End(_)) if r.depth() < depth => return Ok(out),
            Some(_) => {}
            None => return Err("teks tidak ditutup"),
        }
    }
}

/// Excel's `_xHHHH_` escapes of UTF-16 units (`_x000D_` is a carriage return).
pub fn unescape(s: &str) -> String {
    fn unit(b: &[u8], i: usize) -> Option<u16> {
        let e = b.get(i..i + 7)?;
        if e[0] != b'_'
            || e[1] != b'x'
            || e[6] != b'_'
            || !e[2..6].iter().all(u8::is_ascii_hexdigit)
        {
            return None;
        }
        u16::from_str_radix(std::str::from_utf8(&e[2..6]).ok()?, 16).ok()
    }
    if !s.contains("_x") {
        return s.to_string();
    }
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    let mut copied = 0;
    while i < b.len() {
        let Some(u) = unit(b, i) else {
            i += 1;
            continue;
        };
        out.push_str(&s[copied..i]);
        i += 7;
        let c = match u {
            0xD800..=0xDBFF => match unit(b, i) {
                Some(low @ 0xDC00..=0xDFFF) => {
                    i += 7;
                    char::from_u32(0x10000 + ((u as u32 - 0xD800) << 10) + (low as u32 - 0xDC00))
                }
                _ => None,
            },
            u => char::from_u32(u as u32),
        };
        out.push(c.unwrap_or(char::REPLACEMENT_CHARACTER));
        copied = i;
    }
    out.push_str(&s[copied..]);
    out
}

fn shared_strings(xml: &[u8]) -> super::xml::Result<Vec<String>> {
    let mut r = Reader::new(xml)?;
    let mut out = Vec::new();
    while let Some(e) = r.next()? {
        if let Event::Start(t) = e {
            if t.name == "si" {
                out.push(string_item(&mut r)?);
            }
        }
    }
    Ok(out)
}

/// Built-in number format codes (ECMA-376 §18.8.30).
fn builtin_format(id: u32) -> Option<&'static str> {
    Some(match id {
        0 => "General",
        1 => "0",
        2 => "0.00",
        3 => "#,##0",
        4 => "#,##0.00",
        9 => "0%",
        10 => "0.00%",
        11 => "0.00E+00",
        12 => "# ?/?",
        13 => "# ??/??",
        14 => "mm-dd-yy",
        15 => "d-mmm-yy",
        16 => "d-mmm",
        17 => "mmm-yy",
        18 => "h:mm AM/PM",
        19 => "h:mm:ss AM/PM",
        20 => "h:mm",
        21 => "h:mm:ss",
        22 => "m/d/yy h:mm",
        37 => "#,##0 ;(#,##0)",
        38 => "#,##0 ;[Red](#,##0)",
        39 => "#,##0.00;(#,##0.00)",
        40 => "#,##0.00;[Red](#,##0.00)",
        41 => "_(* #,##0_);_(* (#,##0);_(* \"-\"_);_(@_)",
        42 => "_($* #,##0_);_($* (#,##0);_($* \"-\"_);_(@_)",
        43 => "_(* #,##0.00_);_(* (#,##0.00);_(* \"-\"??_);_(@_)",
        44 => "_($* #,##0.00_);_($* (#,##0.00);_($* \"-\"??_);_(@_)",
        45 => "mm:ss",
        46 => "[h]:mm:ss",
        47 => "mmss.0",
        48 => "##0.0E+0",
        49 => "@",
        _ => return None,
    })
}

/// Built-in formats that show dates or times (the East Asian ones included).
fn builtin_date(id: u32) -> bool {
    matches!(id, 14..=22 | 27..=36 | 45..=47 | 50..=58)
}

/// Whether a custom format code shows a date or time: a date/time letter in its first
/// section, outside quotes, brackets and escapes (`[h]` durations count too).
pub fn is_date_format(code: &str) -> bool {
    let mut escaped = false;
    let mut quoted = false;
    let mut brackets = 0u8;
    let mut prev = ' ';
    let mut hms = false;
    let mut ap = false;
    for c in code.chars() {
        if escaped {
            escaped = false;
        } else if matches!(c, '_' | '\\' | '*') {
            escaped = true;
        } else if quoted {
            quoted = c != '"';
        } else if c == '"' {
            quoted = true;
        } else if c == ';' {
            return false;
        } else if c == '[' {
            brackets = brackets.saturating_add(1);
        } else if c == ']' {
            if brackets == 1 && hms {
                return true;
            }
            brackets = brackets.saturating_sub(1);
        } else if brackets == 0 && !ap && matches!(c, 'a' | 'A') {
            ap = true;
        } else if brackets == 0
            && (if ap {
                matches!(c, 'p' | 'm' | '/' | 'P' | 'M')
            } else {
                matches!(c.to_ascii_lowercase(), 'd' | 'm' | 'h' | 'y' | 's')
            })
        {
            // A date or time part (`AM/PM` once an `a` was seen).
            return true;
        } else if !(hms && c.eq_ignore_ascii_case(&prev)) {
            hms = prev == '[' && matches!(c.to_ascii_lowercase(), 'm' | 'h' | 's');
        }
        prev = c;
    }
    false
}

/// A font's `<b>`: present and not switched off.
fn bold_value(t: &Tag) -> bool {
    match t.attr("val").as_deref() {
        None | Some("bold" | "1" | "true") => true,
        Some("normal" | "0" | "false") => false,
        Some(v) => v.parse::<u16>().is_ok_and(|w| w >= 600),
    }
}

fn styles(xml: &[u8]) -> super::xml::Result<Vec<Style>> {
    let mut r = Reader::new(xml)?;
    let mut formats: HashMap<String, String> = HashMap::new();
    let mut bold_fonts: Vec<bool> = Vec::new();
    let mut out = Vec::new();
    let mut section = "";
    while let Some(e) = r.next()? {
        match e {
            Event::Start(t) if matches!(t.name, "numFmts" | "fonts" | "cellXfs") => {
                section = t.name
            }
            Event::End(n) if n == section => section = "",
            Event::Start(t) if section == "numFmts" && t.name == "numFmt" => {
                if let (Some(id), Some(code)) = (t.attr("numFmtId"), t.attr("formatCode")) {
                    formats.insert(id.into_owned(), code.into_owned());
                }
            }
            Event::Start(t) if section == "fonts" && t.name == "font" => {
                let depth = r.depth();
                let mut bold = false;
                loop {
                    match r.next()? {
                        Some(Event::Start(b)) if b.name == "b" => bold = bold_value(&b),
                        Some(Event::End(_)) if r.depth() < depth => break,
                        Some(_) => {}
                        None => return Err("font tidak ditutup"),
                    }
                }
                bold_fonts.push(bold);
            }
            Event::Start(t) if section == "cellXfs" && t.name == "xf" => {
                let bold = t
                    .attr("fontId")
                    .and_then(|f| f.parse::<usize>().ok())
                    .and_then(|f| bold_fonts.get(f))
                    == Some(&true);
                let raw = t.attr("numFmtId");
                let custom = raw.as_deref().and_then(|id| formats.get(id));
                let id = raw.as_deref().and_then(|id| id.parse::<u32>().ok());
                let format = id.map(|id| {
                    custom
                        .cloned()
                        .or_else(|| builtin_format(id).map(str::to_string))
                        .unwrap_or_else(|| "General".into())
                });
                let date = match (custom, id) {
                    (Some(code), _) => is_date_format(code),
                    (None, Some(id)) => builtin_date(id),
                    (None, None) => false,
                };
                out.push(Style { bold, format, date });
            }
            _ => {}
        }
    }
    Ok(out)
}

/// `C5` → `(4, 2)`, 0-based; `None` when not a cell reference within Excel's grid.
pub fn cell_ref(s: &str) -> Option<(u32, u32)> {
    let letters = s.bytes().take_while(u8::is_ascii_alphabetic).count();
    let (col, row) = s.split_at(letters);
    if letters == 0
        || letters > 3
        || row.is_empty()
        || !row.bytes().all(|b| b.is_ascii_digit())
        || row.len() > 7
    {
        return None;
    }
    let col = col.bytes().fold(0u32, |n, b| {
        n * 26 + (b.to_ascii_uppercase() - b'A') as u32 + 1
    });
    let row: u32 = row.parse().ok()?;
    if row == 0 || row > MAX_ROW || col > MAX_COL {
        return None;
    }
    Some((row - 1, col - 1))
}

/// The cells of a worksheet.
fn cells(
    xml: &[u8],
    strings: &[String],
    styles: &[Style],
    budget: &mut usize,
) -> Result<Vec<Cell>, String> {
    let mut r = Reader::new(xml)?;
    let mut out = Vec::new();
    let (mut row, mut col) = (0u32, 0u32);
    let mut in_data = false;
    while let Some(e) = r.next()? {
        match e {
            Event::Start(t) if t.name == "sheetData" => in_data = true,
            Event::End("sheetData") => in_data = false,
            Event::Start(t) if in_data && t.name == "row" => {
                if let Some(n) = t.attr("r") {
                    row = n
                        .parse::<u32>()
                        .ok()
                        .filter(|n| (1..=MAX_ROW).contains(n))
                        .ok_or_else(|| format!("nomor baris '{n}' tidak sah"))?
                        - 1;
                }
                col = 0;
            }
            Event::End("row") if in_data => {
                row = row.saturating_add(1);
                col = 0;
            }
            Event::Start(t) if in_data && t.name == "c" => {
                if let Some(reference) = t.attr("r") {
                    (row, col) = cell_ref(&reference)
                        .ok_or_else(|| format!("alamat sel '{reference}' tidak sah"))?;
                }
                if row >= MAX_ROW || col >= MAX_COL {
                    return Err("sel di luar batas Excel".into());
                }
                let style = t
                    .attr("s")
                    .and_then(|s| s.parse::<usize>().ok())
                    .unwrap_or(0);
                let kind = t.attr("t").map(|k| k.into_owned());
                let value = cell_value(
                    &mut r,
                    kind.as_deref(),
                    styles.get(style).is_some_and(|s| s.date),
                    strings,
                )?;
                if *budget == 0 {
                    return Err(format!("lebih dari {MAX_CELLS} sel"));
                }
                *budget -= 1;
                out.push(Cell {
                    row,
                    col,
                    value,
                    style,
                });
                col += 1;
            }
            _ => {}
        }
    }
    Ok(out)
}

/// The value of a `<c>` just started, read up to its end.
fn cell_value(
    r: &mut Reader,
    kind: Option<&str>,
    date: bool,
    strings: &[String],
) -> Result<Value, String> {
    let depth = r.depth();
    let mut v: Option<String> = None;
    let mut inline: Option<String> = None;
    loop {
        match r.next()? {
            Some(Event::Start(t)) if t.name == "v" => v = Some(r.text()?),
            Some(Event::Start(t)) if t.name == "is" => inline = Some(string_item(r)?),
            Some(Event::Start(_)) => r.skip()?,
            Some(Event::End(_)) if r.depth() < depth => break,
            Some(_) => {}
            None => return Err("sel tidak ditutup".into()),
        }
    }
    if let Some(s) = inline {
        return Ok(Value::Text(s));
    }
    let Some(v) = v else { return Ok(Value::Empty) };
    Ok(match kind {
        Some("inlineStr" | "is") => Value::Empty,
        Some("s") => {
            let v = v.trim();
            if v.is_empty() {
                return Ok(Value::Empty);
            }
            let i = v.parse::<usize>().unwrap_or(0);
            Value::Text(
                strings
                    .get(i)
                    .cloned()
                    .ok_or("indeks teks bersama tidak ada")?,
            )
        }
        Some("b") => match v.trim() {
            "" => Value::Empty,
            "0" => Value::Bool(false),
            "1" => Value::Bool(true),
            t if t.eq_ignore_ascii_case("false") => Value::Bool(false),
            t if t.eq_ignore_ascii_case("true") => Value::Bool(true),
            t => Value::Other(t.to_string()),
        },
        Some("str") => Value::Text(unescape(&v)),
        Some("e" | "d") => Value::Other(v),
        Some("n") | None => {
            if v.is_empty() {
                return Ok(Value::Empty);
            }
            match v.parse::<f64>() {
                Ok(n) => {
                    if date {
                        Value::Date(n)
                    } else {
                        Value::Number(n)
                    }
                }
                Err(_) => Value::Text(v),
            }
        }
        Some(_) => Value::Text(v),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        assert_eq!(cell_ref("A1"), Some((0, 0)));
        assert_eq!(cell_ref("c5"), Some((4, 2)));
        assert_eq!(cell_ref("XFD1048576"), Some((1_048_575, 16_383)));
        for bad in [
            "",
            "A",
            "5",
            "A0",
            "XFE1",
            "A1048577",
            "A-1",
            "$A$1",
            "A1B",
            "AAAA1",
            "A99999999999",
        ] {
            assert_eq!(cell_ref(bad), None, "{bad}");
        }
    }

    #[test]
    fn escapes_and_paths() {
        assert_eq!(unescape("a_x000D_b_x005F_x0041_"), "a\rb_x0041_");
        assert_eq!(unescape("_xD83D__xDE00_ _xD800_"), "😀 \u{fffd}");
        assert_eq!(unescape("_x12_ _xZZZZ_"), "_x12_ _xZZZZ_");
        assert_eq!(
            resolve("xl/", "worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(
            resolve("xl/", "/xl/worksheets/s.xml"),
            "xl/worksheets/s.xml"
        );
        assert_eq!(resolve("xl/", "../x/./y.xml"), "x/y.xml");
        assert_eq!(resolve("", "../../a"), "a");
    }

    #[test]
    fn date_formats() {
        for d in [
            "yyyy-mm-dd",
            "d/m/yy",
            "h:mm",
            "[h]:mm:ss",
            "mmm",
            "AM/PM h",
        ] {
            assert!(is_date_format(d), "{d}");
        }
        for n in [
            "#,##0",
            "0.00%",
            "\"days\" 0",
            "[Red]0.00",
            "#,##0\\ [$\\u20bd-46D]",
            "0;[Red]d",
            "General",
        ] {
            assert!(!is_date_format(n), "{n}");
        }
    }

    #[test]
    fn cells_of_a_sheet() {
        let strings = vec!["satu".to_string(), "dua".to_string()];
        let styles = vec![
            Style::default(),
            Style {
                bold: true,
                format: Some("yyyy".into()),
                date: true,
            },
        ];
        let xml = br#"<worksheet xmlns="x"><sheetData>
            <row r="2"><c r="B2" t="s"><v>1</v></c><c t="n"><v>1.5</v></c><c r="E2" s="1"><v>45000</v></c></row>
            <row><c><f>A1</f><v>7</v></c><c t="str"><v>a_x000D_</v></c><c t="b"><v>1</v></c>
                 <c t="e"><v>#DIV/0!</v></c><c t="inlineStr"><is><r><t> x </t></r><r><t xml:space="preserve"> y </t></r><rPh><t>z</t></rPh></is></c>
                 <c s="1"/><c t="s"><v>9</v></c></row></sheetData></worksheet>"#;
        let mut budget = 100;
        let err = cells(xml, &strings, &styles, &mut budget).unwrap_err();
        assert_eq!(err, "indeks teks bersama tidak ada");
        let xml = String::from_utf8_lossy(xml).replace("<v>9</v>", "<v>0</v>");
        let c = cells(xml.as_bytes(), &strings, &styles, &mut budget).unwrap();
        let got: Vec<(u32, u32, Value)> = c.into_iter().map(|c| (c.row, c.col, c.value)).collect();
        assert_eq!(
            got,
            vec![
                (1, 1, Value::Text("dua".into())),
                (1, 2, Value::Number(1.5)),
                (1, 4, Value::Date(45000.0)),
                (2, 0, Value::Number(7.0)),
                (2, 1, Value::Text("a\r".into())),
                (2, 2, Value::Bool(true)),
                (2, 3, Value::Other("#DIV/0!".into())),
                (2, 4, Value::Text("x y ".into())),
                (2, 5, Value::Empty),
                (2, 6, Value::Text("satu".into())),
            ]
        );
        let mut none = 3;
        assert!(
            cells(xml.as_bytes(), &strings, &styles, &mut none).is_err(),
            "the cell budget"
        );
    }

    #[test]
    fn styles_of_a_workbook() {
        let xml =
            br#"<styleSheet><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts>
            <fonts><font><sz val="11"/></font><font><b/></font><font><b val="0"/></font></fonts>
            <cellStyleXfs><xf fontId="1"/></cellStyleXfs>
            <cellXfs><xf numFmtId="0" fontId="0"/><xf numFmtId="164" fontId="1"><alignment/></xf>
            <xf numFmtId="10" fontId="2"/><xf fontId="9"/><xf numFmtId="14"/></cellXfs>
            <dxfs><dxf><font><b/></font></dxf></dxfs></styleSheet>"#;
        let s = styles(xml).unwrap();
        let f = |s: &str| Some(s.to_string());
        assert_eq!(
            s,
            vec![
                Style {
                    bold: false,
                    format: f("General"),
                    date: false
                },
                Style {
                    bold: true,
                    format: f("0.0%"),
                    date: false
                },
                Style {
                    bold: false,
                    format: f("0.00%"),
                    date: false
                },
                Style {
                    bold: false,
                    format: None,
                    date: false
                },
                Style {
                    bold: false,
                    format: f("mm-dd-yy"),
                    date: true
                },
            ]
        );
    }

    #[test]
    fn not_a_workbook() {
        assert!(read(b"").unwrap_err().contains("kosong"));
        assert!(read(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
            .unwrap_err()
            .contains(".xls"));
        assert!(read(b"No\tNama\n").unwrap_err().contains("bukan arsip ZIP"));
        let mut z = super::super::zip::Writer::new();
        z.add("word/document.xml", b"<w/>").unwrap();
        assert!(read(&z.finish().unwrap()).unwrap_err().contains("Word"));
        let mut z = super::super::zip::Writer::new();
        z.add("a.txt", b"x").unwrap();
        assert!(read(&z.finish().unwrap())
            .unwrap_err()
            .contains("bukan buku kerja"));
    }
}
