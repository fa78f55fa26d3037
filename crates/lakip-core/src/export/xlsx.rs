//! Tables as an Excel workbook (`.xlsx`), one sheet per table, written with
//! `rust_xlsxwriter` (pure Rust; on wasm32 with its `wasm` feature).
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

use crate::views::{Cell, ColumnKind, RowKind, Table};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    Color, DocProperties, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

const TITLE_ROW: u32 = 0;
const HEADER_ROW: u32 = 1;
const FIRST_DATA_ROW: u32 = 2;
/// Excel's paper size code for A4.
const A4: u8 = 9;

fn err(e: XlsxError) -> String {
    format!("gagal membuat file Excel: {e}")
}

/// A workbook with one sheet per table, in order. `title` goes into the document properties
/// and the printed page header.
pub fn workbook(tables: &[Table], title: &str) -> Result<Vec<u8>, String> {
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_subject("Laporan Kinerja Instansi Pemerintah (LAKIP)")
            .set_comment("Dibuat oleh Kalkulator LAKIP; semua angka dihitung dari data rinci."),
    );
    let names = sheet_names(tables);
    for (t, name) in tables.iter().zip(names) {
        let ws = wb.add_worksheet();
        ws.set_name(name).map_err(err)?;
        write_table(ws, t, title).map_err(err)?;
    }
    if tables.is_empty() {
        let ws = wb.add_worksheet();
        ws.set_name("Laporan").map_err(err)?;
        ws.write_string(0, 0, "Tidak ada tabel untuk diekspor.")
            .map_err(err)?;
    }
    wb.save_to_buffer().map_err(err)
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
            .filter(|c| !c.is_control())
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

fn write_table(ws: &mut Worksheet, t: &Table, book_title: &str) -> Result<(), XlsxError> {
    let border = FormatBorder::Thin;
    let title_fmt = Format::new().set_bold().set_font_size(12);
    let header_fmt = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(border)
        .set_background_color(Color::RGB(0xD9D9D9));
    let note_fmt = Format::new().set_italic();

    ws.write_string_with_format(TITLE_ROW, 0, &t.title, &title_fmt)?;
    for (i, c) in t.columns.iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW, i as u16, &c.title, &header_fmt)?;
    }

    let widths = widths(t);
    let name_col = name_column(t);
    for (i, w) in widths.iter().enumerate() {
        ws.set_column_width(i as u16, *w)?;
    }

    for (r, row) in t.rows.iter().enumerate() {
        let xr = FIRST_DATA_ROW + r as u32;
        let mut base = Format::new().set_border(border).set_align(FormatAlign::Top);
        match row.kind {
            RowKind::Normal => {}
            RowKind::Group => base = base.set_bold(),
            RowKind::Total => {
                base = base.set_bold().set_border_top(FormatBorder::Double);
            }
        }
        for (i, col) in t.columns.iter().enumerate() {
            let xc = i as u16;
            let cell = row.cells.get(i).unwrap_or(&Cell::Empty);
            let text_fmt = {
                let mut f = base.clone();
                if col.kind == ColumnKind::Text {
                    f = f.set_text_wrap();
                }
                if i == name_col && row.level > 0 {
                    f = f.set_indent(row.level.min(15));
                }
                f
            };
            let right = base.clone().set_align(FormatAlign::Right);
            match cell {
                Cell::Money(m) => match m.to_f64() {
                    Some(v) => {
                        ws.write_number_with_format(
                            xr,
                            xc,
                            v,
                            &right.set_num_format(money_format(*m)),
                        )?;
                    }
                    None => {
                        ws.write_string_with_format(
                            xr,
                            xc,
                            cell.display_dp(t.decimals),
                            &text_fmt,
                        )?;
                    }
                },
                Cell::Percent(p) => {
                    match p.checked_div(Decimal::ONE_HUNDRED).and_then(|f| f.to_f64()) {
                        Some(v) => {
                            let f = right.set_num_format(percent_format(t.decimals));
                            ws.write_number_with_format(xr, xc, v, &f)?;
                        }
                        None => {
                            ws.write_string_with_format(
                                xr,
                                xc,
                                cell.display_dp(t.decimals),
                                &text_fmt,
                            )?;
                        }
                    }
                }
                Cell::Number(n) | Cell::Value(crate::value::Value::Number(n)) => match n.to_f64() {
                    Some(v) => {
                        ws.write_number_with_format(
                            xr,
                            xc,
                            v,
                            &right.set_num_format(number_format(*n)),
                        )?;
                    }
                    None => {
                        ws.write_string_with_format(
                            xr,
                            xc,
                            cell.display_dp(t.decimals),
                            &text_fmt,
                        )?;
                    }
                },
                Cell::Value(_) => {
                    ws.write_string_with_format(xr, xc, cell.display_dp(t.decimals), &right)?;
                }
                Cell::NotComputable(reason) => {
                    let f = text_fmt.clone().set_italic().set_text_wrap();
                    ws.write_string_with_format(xr, xc, reason, &f)?;
                }
                Cell::Text(s) => {
                    ws.write_string_with_format(xr, xc, s, &text_fmt)?;
                }
                Cell::Category { label, .. } => {
                    ws.write_string_with_format(xr, xc, label, &text_fmt)?;
                }
                Cell::Empty => {
                    ws.write_blank(xr, xc, &base)?;
                }
            }
        }
    }

    let notes_from = FIRST_DATA_ROW + t.rows.len() as u32 + 1;
    for (nr, note) in (notes_from..).zip(&t.notes) {
        ws.write_string_with_format(nr, 0, note, &note_fmt)?;
    }

    ws.set_freeze_panes(FIRST_DATA_ROW, 0)?;
    ws.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    ws.set_paper_size(A4);
    let total_width: f64 = widths.iter().sum();
    if t.landscape() || total_width > 130.0 {
        ws.set_landscape();
    }
    ws.set_print_fit_to_pages(1, 0);
    ws.set_header(format!("&L{}", header_text(book_title)));
    ws.set_footer("&CHalaman &P dari &N");
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
