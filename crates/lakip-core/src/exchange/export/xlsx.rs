//! Tables as an Excel workbook (`.xlsx`), one sheet per table, written with our own small
//! SpreadsheetML writer ([`crate::exchange::xlsx::write`]).
//!
//! Each sheet has the table's title in row 1, the bold column header in row 2 (frozen, and
//! repeated at the top of every printed page), the rows, then the notes. Cells hold real
//! numbers, never text:
//! * rupiah with the format `#,##0` (or `#,##0.00` when there are cents);
//! * percentages as **fractions** with the format `0.00%` (94,11% is stored as 0.9411…), so
//!   that Excel treats them as percentages in formulas and charts, exactly as it does when a
//!   `94,11%` is typed or pasted; the number of decimals is the table's;
//! * other numbers with `#,##0` or `#,##0.0…` as many decimals as they have (at most six).
//!
//! The values are the exact figures converted to the nearest binary floating-point number;
//! only the format rounds them. Excel shows the separators of the user's locale, so an
//! Indonesian Excel shows `1.234.567` and `94,11%`. Ranges, ratios, n/a, categories and "tidak
//! dapat dihitung" are text.
//!
//! Print setup: A4, landscape for wide tables (more than six columns, or very wide text),
//! fitted to one page wide, page numbers in the footer. Sheet names are the tables' short titles made valid for Excel: at most 31
//! characters, no `[]:*?/\`, unique regardless of case.

use crate::exchange::xlsx::write::{
    Align, Format, Line, PageSetup, Properties, Sheet, Styles, VAlign, Workbook,
};
use crate::report::views::{Cell, ColumnKind, RowKind, Table};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use std::borrow::Cow;

const TITLE_ROW: u32 = 0;
const HEADER_ROW: u32 = 1;
const FIRST_DATA_ROW: u32 = 2;
/// Excel's paper size code for A4.
const A4: u8 = 9;

fn err(e: String) -> String {
    format!("gagal membuat file Excel: {e}")
}

/// A workbook with one sheet per table, in order. `title` goes into the document properties
/// and the printed page header.
pub fn workbook(tables: &[Table], title: &str) -> Result<Vec<u8>, String> {
    let mut wb = Workbook::new();
    wb.properties = Properties {
        title: title.to_string(),
        subject: "Laporan Kinerja Instansi Pemerintah (LAKIP)".into(),
        description: "Dibuat oleh Kalkulator LAKIP; semua angka dihitung dari data rinci.".into(),
    };
    let names = sheet_names(tables);
    for (t, name) in tables.iter().zip(names) {
        let mut ws = Sheet::new(name);
        write_table(&mut ws, &mut wb.styles, t, title).map_err(err)?;
        wb.sheets.push(ws);
    }
    if tables.is_empty() {
        let mut ws = Sheet::new("Laporan");
        ws.text(0, 0, "Tidak ada tabel untuk diekspor.", 0)
            .map_err(err)?;
        wb.sheets.push(ws);
    }
    wb.save().map_err(err)
}

/// Valid, unique sheet names for the tables, in order.
pub fn sheet_names(tables: &[Table]) -> Vec<String> {
    let mut used: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for (i, t) in tables.iter().enumerate() {
        let mut base: String = t
            .short_title
            .chars()
            .map(|c| {
                if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') {
                    '-'
                } else {
                    c
                }
            })
            .filter(|c| !c.is_control() && crate::exchange::xlsx::xml::allowed(*c))
            .collect();
        base = base.trim().trim_matches('\'').trim().to_string();
        if base.is_empty() {
            base = format!("Tabel {}", i + 1);
        }
        if base.eq_ignore_ascii_case("history") {
            base.push_str(" 1");
        }
        let mut name = fit(&base, "");
        let mut n = 2;
        while used.iter().any(|u| u.to_lowercase() == name.to_lowercase()) {
            name = fit(&base, &format!(" ({n})"));
            n += 1;
        }
        used.push(name.clone());
        out.push(name);
    }
    out
}

/// `base` cut so that `base + suffix` has at most 31 UTF-16 units.
fn fit(base: &str, suffix: &str) -> String {
    let room = 31usize.saturating_sub(suffix.encode_utf16().count());
    let mut s = String::new();
    let mut len = 0;
    for c in base.chars() {
        if len + c.len_utf16() > room {
            break;
        }
        len += c.len_utf16();
        s.push(c);
    }
    let s = s.trim_end().trim_end_matches('\'').to_string();
    format!("{s}{suffix}")
}

fn percent_format(decimals: u32) -> String {
    if decimals == 0 {
        "0%".into()
    } else {
        format!("0.{}%", "0".repeat(decimals.min(10) as usize))
    }
}

fn number_format(n: Decimal) -> String {
    let scale = crate::num::round(n, 6).normalize().scale();
    if scale == 0 {
        "#,##0".into()
    } else {
        format!("#,##0.{}", "0".repeat(scale as usize))
    }
}

fn money_format(m: Decimal) -> &'static str {
    if crate::num::round(m, 2).fract().is_zero() {
        "#,##0"
    } else {
        "#,##0.00"
    }
}

/// Escape `&` for Excel's page header codes.
fn header_text(s: &str) -> String {
    s.replace('&', "&&")
}

/// Column widths in characters, from the longest text in each column.
fn widths(t: &Table) -> Vec<f64> {
    t.columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let header = c.title.chars().count().min(18);
            let cells = t
                .rows
                .iter()
                .filter_map(|r| r.cells.get(i))
                .map(|cell| {
                    let n = cell.display_dp(t.decimals).chars().count();
                    // The reason of a figure that cannot be computed wraps in its cell.
                    if matches!(cell, Cell::NotComputable(_)) {
                        n.min(14)
                    } else {
                        n
                    }
                })
                .max()
                .unwrap_or(0);
            let indent = if i == name_column(t) { 4 } else { 0 };
            (header.max(cells) + 2 + indent).clamp(5, 60) as f64
        })
        .collect()
}

/// The column that carries names (indented by the row's level).
fn name_column(t: &Table) -> usize {
    t.columns
        .iter()
        .position(|c| c.kind == ColumnKind::Text && !c.title.eq_ignore_ascii_case("no"))
        .unwrap_or(0)
}

/// Excel's columns are numbered by `u16`; a table wider than Excel is refused.
fn column(i: usize) -> Result<u16, String> {
    u16::try_from(i).map_err(|_| "tabel lebih lebar dari batas kolom Excel".to_string())
}

fn write_table(
    ws: &mut Sheet,
    styles: &mut Styles,
    t: &Table,
    book_title: &str,
) -> Result<(), String> {
    let border = Line::Thin;
    let title_fmt = styles.add(
        &Format {
            size: Some(12),
            ..Format::default()
        }
        .bold(),
    );
    let header_fmt = styles.add(
        &Format {
            fill: Some(0xD9D9D9),
            ..Format::default()
        }
        .bold()
        .wrap()
        .align(Align::Center)
        .valign(VAlign::Center)
        .border(border),
    );
    let note_fmt = styles.add(&Format::default().italic());

    ws.text(TITLE_ROW, 0, &t.title, title_fmt)?;
    for (i, c) in t.columns.iter().enumerate() {
        ws.text(HEADER_ROW, column(i)?, &c.title, header_fmt)?;
    }

    let widths = widths(t);
    let name_col = name_column(t);
    for (i, w) in widths.iter().enumerate() {
        ws.col_width(column(i)?, *w);
    }

    for (r, row) in t.rows.iter().enumerate() {
        let xr = u32::try_from(r)
            .ok()
            .and_then(|r| r.checked_add(FIRST_DATA_ROW))
            .ok_or("tabel lebih panjang dari batas baris Excel")?;
        let mut base = Format::default().border(border).valign(VAlign::Top);
        match row.kind {
            RowKind::Normal => {}
            RowKind::Group => base = base.bold(),
            RowKind::Total => base = base.bold().border_top(Line::Double),
        }
        for (i, col) in t.columns.iter().enumerate() {
            let xc = column(i)?;
            let cell = row.cells.get(i).unwrap_or(&Cell::Empty);
            let text_fmt = {
                let mut f = base.clone();
                if col.kind == ColumnKind::Text {
                    f = f.wrap();
                }
                if i == name_col && row.level > 0 {
                    f.indent = row.level.min(15);
                }
                f
            };
            let right = base.clone().align(Align::Right);
            let number =
                |n: Option<f64>, code: String| n.map(|v| (v, right.clone().num_format(code)));
            let figure = match cell {
                Cell::Money(m) => number(m.to_f64(), money_format(*m).into()),
                Cell::Percent(p) => number(
                    p.checked_div(Decimal::ONE_HUNDRED).and_then(|f| f.to_f64()),
                    percent_format(t.decimals),
                ),
                Cell::Number(n) | Cell::Value(crate::model::value::Value::Number(n)) => {
                    number(n.to_f64(), number_format(*n))
                }
                _ => None,
            };
            if let Some((v, f)) = figure {
                ws.number(xr, xc, v, styles.add(&f))?;
                continue;
            }
            let (s, f): (Cow<str>, Format) = match cell {
                // A figure too large for a floating-point number stays text.
                Cell::Money(_)
                | Cell::Percent(_)
                | Cell::Number(_)
                | Cell::Value(crate::model::value::Value::Number(_)) => {
                    (cell.display_dp(t.decimals).into(), text_fmt)
                }
                Cell::Value(_) => (cell.display_dp(t.decimals).into(), right),
                Cell::NotComputable(reason) => (reason.into(), text_fmt.italic().wrap()),
                Cell::Text(s) => (s.into(), text_fmt),
                Cell::Category { label, .. } => (label.into(), text_fmt),
                Cell::Empty => {
                    ws.blank(xr, xc, styles.add(&base))?;
                    continue;
                }
            };
            ws.text(xr, xc, s.into_owned(), styles.add(&f))?;
        }
    }

    let notes_from = FIRST_DATA_ROW
        .saturating_add(u32::try_from(t.rows.len()).unwrap_or(u32::MAX))
        .saturating_add(1);
    for (nr, note) in (notes_from..).zip(&t.notes) {
        ws.text(nr, 0, note, note_fmt)?;
    }

    ws.freeze_rows = FIRST_DATA_ROW;
    ws.print_title_rows = Some((HEADER_ROW, HEADER_ROW));
    let total_width: f64 = widths.iter().sum();
    ws.page = PageSetup {
        landscape: t.landscape() || total_width > 130.0,
        paper: A4,
        fit_to_width: true,
        header: format!("&L{}", header_text(book_title)),
        footer: "&CHalaman &P dari &N".into(),
    };
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(short: &str) -> Table {
        Table {
            id: "x".into(),
            title: "x".into(),
            short_title: short.into(),
            columns: vec![],
            rows: vec![],
            notes: vec![],
            decimals: 2,
        }
    }

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let long = "Sasaran 1: Analisis atas efisiensi [a] / b?";
        let tables = vec![
            named(long),
            named(long),
            named(""),
            named("history"),
            named("'x'"),
        ];
        let names = sheet_names(&tables);
        for n in &names {
            assert!(n.encode_utf16().count() <= 31, "{n}");
            assert!(!n.contains(['[', ']', ':', '*', '?', '/', '\\']), "{n}");
            assert!(!n.starts_with('\'') && !n.ends_with('\''), "{n}");
        }
        assert_ne!(names[0], names[1]);
        assert!(names[1].ends_with(" (2)"));
        assert_eq!(names[2], "Tabel 3");
        assert_eq!(names[4], "x");
        assert!(workbook(&tables, "Uji & coba").is_ok());
    }
}
