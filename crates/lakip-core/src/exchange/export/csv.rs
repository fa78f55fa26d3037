//! A [`Table`] as CSV (a file to open in Excel) or as tab-separated text (to copy to the
//! clipboard and paste into Excel or Word as a table).
//!
//! Both hold the header row and the data rows; the title and the notes are not part of the
//! data.
//!
//! **CSV** ([`table`]) is written for Excel set to Indonesian, the officers' usual setting:
//! * the separator is `;` ([`SEPARATOR`]): where the decimal mark is a comma, Excel's list
//!   separator is the semicolon, so Excel splits a `;` file into columns when it is opened by
//!   double-click;
//! * numbers have no thousands separator and a decimal comma (`1234567`, `252398711,02`,
//!   `4,25`), so Excel reads them as numbers; percentages are written `94,11%`, which Excel
//!   reads as the number 0,9411 shown as a percentage (the same value the `.xlsx` export
//!   holds);
//! * a ratio (`1:32`) is written as the formula `="1:32"`, otherwise Excel would read a time;
//! * text starting with `=`, `+`, `@` or `-` followed by a letter gets a leading `'` so it is
//!   never run as a formula;
//! * fields with `;`, `"` or a line break are quoted (RFC 4180), lines end in CRLF, and the
//!   text starts with a UTF-8 byte-order mark so Excel reads `–`, `≤` and accents correctly.
//!
//! **TSV** ([`tsv`]) is what the screen shows, Indonesian formatting included (`1.234.567`,
//! `94,11%`), because Word pastes it as is and Excel set to Indonesian reads those as numbers;
//! tabs and line breaks inside a cell become spaces, since neither Word nor Excel understands
//! quoted fields on paste.

use crate::model::value::Value;
use crate::num::{format_amount, format_fixed, format_plain};
use crate::report::views::{Cell, Table};

/// The CSV field separator.
pub const SEPARATOR: char = ';';

/// The table as CSV for Excel set to Indonesian (see the module documentation).
pub fn table(t: &Table) -> String {
    let mut out = String::from('\u{feff}');
    let header: Vec<String> = t.columns.iter().map(|c| quote(&guard(&c.title))).collect();
    out.push_str(&header.join(&SEPARATOR.to_string()));
    out.push_str("\r\n");
    for row in &t.rows {
        let fields: Vec<String> = (0..t.columns.len())
            .map(|i| {
                quote(&csv_cell(
                    row.cells.get(i).unwrap_or(&Cell::Empty),
                    t.decimals,
                ))
            })
            .collect();
        out.push_str(&fields.join(&SEPARATOR.to_string()));
        out.push_str("\r\n");
    }
    out
}

/// The table as tab-separated text for the clipboard (see the module documentation).
pub fn tsv(t: &Table) -> String {
    let mut out = String::new();
    let header: Vec<String> = t.columns.iter().map(|c| flat(&guard(&c.title))).collect();
    out.push_str(&header.join("\t"));
    out.push('\n');
    for row in &t.rows {
        let fields: Vec<String> = (0..t.columns.len())
            .map(|i| {
                let cell = row.cells.get(i).unwrap_or(&Cell::Empty);
                let text = cell.display_dp(t.decimals);
                flat(&if matches!(cell, Cell::Text(_)) {
                    guard(&text)
                } else {
                    text
                })
            })
            .collect();
        out.push_str(&fields.join("\t"));
        out.push('\n');
    }
    out
}

/// One CSV field, before quoting.
fn csv_cell(c: &Cell, decimals: u32) -> String {
    match c {
        Cell::Text(s) => guard(s),
        Cell::Money(m) => ungrouped(&format_amount(*m)),
        Cell::Percent(p) => format!("{}%", ungrouped(&format_fixed(*p, decimals))),
        Cell::Number(n) => ungrouped(&format_plain(*n)),
        Cell::Value(Value::Number(n)) => ungrouped(&format_plain(*n)),
        Cell::Value(v @ Value::Ratio { .. }) => format!("=\"{v}\""),
        Cell::Value(v) => v.to_string(),
        Cell::Category { label, .. } => guard(label),
        Cell::NotComputable(reason) => guard(reason),
        Cell::Empty => String::new(),
    }
}

/// `1.234.567,89` → `1234567,89`: Indonesian digits without the thousands dots.
fn ungrouped(s: &str) -> String {
    s.replace('.', "")
}

/// Keep text from being read as a formula by Excel.
fn guard(s: &str) -> String {
    let mut chars = s.chars();
    let risky = match chars.next() {
        Some('=') | Some('+') | Some('@') | Some('\t') | Some('\r') => true,
        Some('-') => chars
            .next()
            .is_some_and(|c| !(c.is_ascii_digit() || c == ' ' || c == ',')),
        _ => false,
    };
    if risky {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

fn quote(s: &str) -> String {
    if s.contains([SEPARATOR, '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn flat(s: &str) -> String {
    s.replace(['\t', '\r', '\n'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::views::{Column, ColumnKind, Row, RowKind};
    use rust_decimal::Decimal;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn one_row(cells: Vec<Cell>) -> Table {
        Table {
            id: "t".into(),
            title: "T".into(),
            short_title: "T".into(),
            columns: cells
                .iter()
                .enumerate()
                .map(|(i, _)| Column {
                    title: format!("K{i}"),
                    kind: ColumnKind::Text,
                })
                .collect(),
            rows: vec![Row {
                level: 0,
                kind: RowKind::Normal,
                cells,
            }],
            notes: vec![],
            decimals: 2,
        }
    }

    #[test]
    fn csv_numbers_for_indonesian_excel() {
        let t = one_row(vec![
            Cell::Text("Program; \"A\"".into()),
            Cell::Money(d("14538093081")),
            Cell::Money(d("252398711.02")),
            Cell::Percent(d("94.1107")),
            Cell::Value(Value::Ratio {
                left: d("1"),
                right: d("32"),
            }),
            Cell::Text("=SUM(A1)".into()),
            Cell::Money(d("-185802200")),
            Cell::Text("-".into()),
        ]);
        let csv = table(&t);
        assert!(csv.starts_with('\u{feff}'));
        let line = csv.lines().nth(1).unwrap();
        assert_eq!(
            line,
            "\"Program; \"\"A\"\"\";14538093081;252398711,02;94,11%;\"=\"\"1:32\"\"\";'=SUM(A1);-185802200;-"
        );
    }

    #[test]
    fn tsv_is_what_the_screen_shows() {
        let t = one_row(vec![
            Cell::Text("a\tb\nc".into()),
            Cell::Money(d("1076208440")),
            Cell::Percent(d("96.7832")),
        ]);
        assert_eq!(tsv(&t), "K0\tK1\tK2\na b c\t1.076.208.440\t96,78%\n");
    }
}
