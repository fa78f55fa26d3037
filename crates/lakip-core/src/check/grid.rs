//! Pasted text or a dropped `.xlsx` file, turned into a grid of cells.
//!
//! Text copied from Word, Excel or a PDF viewer arrives as tab-separated lines. Tags such as
//! `<b>…</b>` or `<p>…</p>` that some copies carry are removed (a `<b>` marks the cell
//! bold, which the hierarchy proposal uses), Excel's quoted cells with line breaks inside
//! are read as one cell, and blank lines are dropped. Every row keeps the number the user
//! sees: its line in the pasted text, or its row in the spreadsheet.

use crate::num;
use rust_decimal::Decimal;
use std::str::FromStr;

/// One cell as shown to the user.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Cell {
    /// The text without tags, whitespace collapsed.
    pub text: String,
    /// The cell was bold (`<b>`, `<strong>`, `**…**`, or a bold font in the spreadsheet).
    pub bold: bool,
    /// The exact number, when the source stored one (a numeric spreadsheet cell). Text
    /// cells are read later, with the document's number convention.
    pub number: Option<Decimal>,
    /// The spreadsheet formatted the number as a percentage (`number` is then already ×100).
    pub percent: bool,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell { text: text.into(), ..Cell::default() }
    }
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty() && self.number.is_none()
    }
}

/// One non-empty row.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct GridRow {
    /// The row number the user sees: the line of the pasted text (1-based) or the row of
    /// the spreadsheet (1-based, as Excel shows it).
    pub number: usize,
    pub cells: Vec<Cell>,
}

/// A table as pasted: rows of cells, not yet interpreted.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Grid {
    pub rows: Vec<GridRow>,
    /// Columns left of the first one kept (a spreadsheet whose data start in column C has
    /// 2), so that column numbers match what the user sees.
    pub first_col: usize,
}

impl Grid {
    /// Number of columns: the widest row.
    pub fn width(&self) -> usize {
        self.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0)
    }

    /// The cell at `row` (index into `rows`) and `col` (0-based), if present.
    pub fn cell(&self, row: usize, col: usize) -> Option<&Cell> {
        self.rows.get(row).and_then(|r| r.cells.get(col))
    }

    /// The text at `row`, `col`; empty when the cell is missing.
    pub fn text(&self, row: usize, col: usize) -> &str {
        self.cell(row, col).map(|c| c.text.as_str()).unwrap_or("")
    }

    /// The 1-based column number the user sees for column index `col`.
    pub fn column_number(&self, col: usize) -> usize {
        self.first_col + col + 1
    }
}

/// Spreadsheet column letters for a 1-based column number: 1 → `A`, 28 → `AB`.
pub fn column_letter(col: usize) -> String {
    let mut n = col;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Read pasted text: tab-separated cells (a pipe table `| a | b |` is read too when the
/// text has no tab at all). Never fails: text without separators gives one column.
pub fn read_text(text: &str) -> Grid {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let has_tab = text.contains('\t');
    let lines_with_pipe = text.lines().filter(|l| l.trim_start().starts_with('|')).count();
    let non_empty = text.lines().filter(|l| !l.trim().is_empty()).count();
    let pipes = !has_tab && non_empty > 0 && lines_with_pipe * 2 >= non_empty;

    let raw_rows: Vec<(usize, Vec<String>)> =
        if pipes { split_pipes(&text) } else { split_tsv(&text) };
    let rows = raw_rows
        .into_iter()
        .filter_map(|(number, fields)| {
            let mut cells: Vec<Cell> = fields.iter().map(|f| clean_cell(f)).collect();
            while cells.last().is_some_and(Cell::is_empty) {
                cells.pop();
            }
            if cells.is_empty() {
                None
            } else {
                Some(GridRow { number, cells })
            }
        })
        .collect();
    Grid { rows, first_col: 0 }
}

/// Split tab-separated text into rows of raw fields, each with its 1-based line number.
/// A field that starts with `"` is read up to its closing quote (Excel's quoting of cells
/// with tabs or line breaks; `""` is a quote inside); an unclosed quote is taken literally.
fn split_tsv(text: &str) -> Vec<(usize, Vec<String>)> {
    let chars: Vec<char> = text.chars().collect();
    let mut rows = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut line = 1usize;
    let mut row_line = 1usize;
    let mut i = 0usize;
    let mut at_field_start = true;
    while i < chars.len() {
        let c = chars[i];
        if at_field_start && c == '"' {
            if let Some((content, next, newlines)) = quoted(&chars, i) {
                field.push_str(&content);
                line += newlines;
                i = next;
                at_field_start = false;
                continue;
            }
        }
        match c {
            '\t' => {
                fields.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            '\n' => {
                fields.push(std::mem::take(&mut field));
                rows.push((row_line, std::mem::take(&mut fields)));
                line += 1;
                row_line = line;
                at_field_start = true;
            }
            _ => {
                field.push(c);
                at_field_start = false;
            }
        }
        i += 1;
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        rows.push((row_line, fields));
    }
    rows
}

/// A quoted field starting at `start`: its content, the index after it, and how many line
/// breaks it held. `None` when the quote is not closed right before a tab, a line break or
/// the end.
fn quoted(chars: &[char], start: usize) -> Option<(String, usize, usize)> {
    let mut out = String::new();
    let mut newlines = 0;
    let mut i = start + 1;
    while i < chars.len() {
        let c = chars[i];
        if c == '"' {
            if chars.get(i + 1) == Some(&'"') {
                out.push('"');
                i += 2;
                continue;
            }
            let next = chars.get(i + 1);
            if next.is_none() || next == Some(&'\t') || next == Some(&'\n') {
                return Some((out, i + 1, newlines));
            }
            return None;
        }
        if c == '\n' {
            newlines += 1;
            out.push(' ');
        } else {
            out.push(c);
        }
        i += 1;
    }
    None
}

fn split_pipes(text: &str) -> Vec<(usize, Vec<String>)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| {
            let t = l.trim();
            let t = t.strip_prefix('|').unwrap_or(t);
            let t = t.strip_suffix('|').unwrap_or(t);
            (i + 1, t.split('|').map(str::to_string).collect())
        })
        .collect()
}

/// Strip tags and markdown emphasis, decode the common entities, collapse whitespace.
pub(crate) fn clean_cell(raw: &str) -> Cell {
    let lower = raw.to_ascii_lowercase();
    let mut bold = lower.contains("<b>") || lower.contains("<strong") || lower.contains("<b ");
    let mut s = strip_tags(raw);
    if s.contains("**") {
        bold = true;
        s = s.replace("**", "");
    }
    let s = decode_entities(&s);
    let text = s.split_whitespace().collect::<Vec<_>>().join(" ");
    Cell { text, bold, number: None, percent: false }
}

/// Inline tags vanish, block tags (`<p>`, `<li>`, `<br>`, …) become a space. A `<` that
/// does not open a tag (`x < 5`) stays.
fn strip_tags(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(pos) = rest.find('<') {
        out.push_str(&rest[..pos]);
        let after = &rest[pos + 1..];
        let opens_tag = after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
        let close = after.find('>');
        let next_open = after.find('<');
        match close {
            Some(end) if opens_tag && next_open.is_none_or(|n| n > end) => {
                let tag = after[..end].trim_start_matches('/').to_ascii_lowercase();
                let name: String = tag.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
                if !matches!(name.as_str(), "b" | "strong" | "i" | "em" | "u" | "span" | "sup" | "sub" | "font") {
                    out.push(' ');
                }
                rest = &after[end + 1..];
            }
            _ => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Read every worksheet of an `.xlsx` file: `(sheet name, grid)` in workbook order. Numbers
/// keep their exact value; a percentage format is applied (0,9018 shown as 90,18%) and
/// bold fonts are kept.
pub fn read_xlsx(bytes: &[u8]) -> Result<Vec<(String, Grid)>, String> {
    use calamine::{Data, Reader, Xlsx};
    if bytes.is_empty() {
        return Err("Berkas kosong.".into());
    }
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| format!("Berkas bukan .xlsx yang dapat dibaca: {e}"))?;
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| format!("Lembar '{name}' tidak dapat dibaca: {e}"))?;
        let styles = book.worksheet_style(&name).ok();
        let Some((top, left)) = range.start() else {
            out.push((name, Grid::default()));
            continue;
        };
        let mut rows = Vec::new();
        for (i, row) in range.rows().enumerate() {
            let r = top + i as u32;
            let mut cells: Vec<Cell> = row
                .iter()
                .enumerate()
                .map(|(j, data)| {
                    let pos = (r, left + j as u32);
                    let style = styles.as_ref().and_then(|s| s.get(pos));
                    let bold = style.and_then(|s| s.font.as_ref()).is_some_and(|f| f.is_bold());
                    let format = style
                        .and_then(|s| s.number_format.as_ref())
                        .map(|f| f.format_code.clone())
                        .unwrap_or_default();
                    let number = match data {
                        Data::Int(n) => Some(Decimal::from(*n)),
                        Data::Float(f) => decimal_from_f64(*f),
                        _ => None,
                    };
                    match number {
                        Some(n) => numeric_cell(n, &format, bold),
                        None => {
                            let text = match data {
                                Data::Empty => String::new(),
                                Data::String(s) => s.clone(),
                                other => other.to_string(),
                            };
                            let mut c = clean_cell(&text);
                            c.bold |= bold;
                            c
                        }
                    }
                })
                .collect();
            while cells.last().is_some_and(Cell::is_empty) {
                cells.pop();
            }
            if !cells.is_empty() {
                rows.push(GridRow { number: r as usize + 1, cells });
            }
        }
        out.push((name, Grid { rows, first_col: left as usize }));
    }
    Ok(out)
}

/// The shortest decimal that prints as `f` (`252398711.02`, not its binary expansion).
fn decimal_from_f64(f: f64) -> Option<Decimal> {
    if !f.is_finite() || f.abs() > 1e15 {
        return None;
    }
    Decimal::from_str(&format!("{f}")).ok()
}

/// A numeric spreadsheet cell as the user sees it: with the format's decimals, as a
/// percentage when the format says so.
fn numeric_cell(n: Decimal, format: &str, bold: bool) -> Cell {
    let percent = format.contains('%');
    let mut value = if percent { n * Decimal::ONE_HUNDRED } else { n };
    if let Some(places) = format_decimals(format) {
        value = num::round(value, places);
    }
    let value = value.normalize();
    let mut text = num::format_plain(value);
    if percent {
        text.push('%');
    }
    Cell { text, bold, number: Some(value), percent }
}

/// Decimals shown by a number format (`0.00%` → 2, `#,##0` → 0); `None` for `General`.
fn format_decimals(format: &str) -> Option<u32> {
    let code = format.split(';').next().unwrap_or("");
    if !code.contains('0') && !code.contains('#') {
        return None;
    }
    match code.find('.') {
        Some(dot) => Some(code[dot + 1..].chars().take_while(|c| *c == '0' || *c == '#').count() as u32),
        None => Some(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tabs_tags_and_line_numbers() {
        let g = read_text("No\tNama\n\n<b>I</b>\t<b>Program</b>\t<b>1.000</b>\n1.\tSub\t500\t\t\n");
        assert_eq!(g.rows.len(), 3);
        assert_eq!(g.rows[1].number, 3);
        assert_eq!(g.rows[1].cells[1].text, "Program");
        assert!(g.rows[1].cells[1].bold);
        assert!(!g.rows[2].cells[1].bold);
        assert_eq!(g.rows[2].cells.len(), 3, "trailing empty cells dropped");
        assert_eq!(g.width(), 3);
    }

    #[test]
    fn strips_block_tags_and_keeps_a_lone_less_than() {
        let c = clean_cell("<p>Satu</p><ol><li>1. Dua</li></ol> &amp; x < 5");
        assert_eq!(c.text, "Satu 1. Dua & x < 5");
        assert!(clean_cell("<p><b>Berhasil</b></p>").bold);
        assert_eq!(clean_cell("**Tebal**").text, "Tebal");
    }

    #[test]
    fn excel_quotes_hold_line_breaks() {
        let g = read_text("1\t\"Nama\npanjang\"\t100\n2\t\"tanpa tutup\t200\n");
        assert_eq!(g.rows[0].cells[1].text, "Nama panjang");
        assert_eq!(g.rows[1].number, 3);
        assert_eq!(g.rows[1].cells[1].text, "\"tanpa tutup");
    }

    #[test]
    fn pipe_tables() {
        let g = read_text("| No | Nama |\n|---|---|\n| 1 | A |\n");
        assert_eq!(g.rows[2].cells[1].text, "A");
    }

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(1), "A");
        assert_eq!(column_letter(26), "Z");
        assert_eq!(column_letter(28), "AB");
    }

    #[test]
    fn spreadsheet_numbers() {
        assert_eq!(decimal_from_f64(252398711.02).unwrap().to_string(), "252398711.02");
        let c = numeric_cell(Decimal::from_str("0.9018").unwrap(), "0.00%", false);
        assert_eq!((c.text.as_str(), c.number.unwrap().to_string()), ("90,18%", "90.18".into()));
        assert_eq!(format_decimals("#,##0"), Some(0));
        assert_eq!(format_decimals("General"), None);
    }
}
