//! The table model: a render-agnostic [`Table`] of typed [`Cell`]s.

use super::common::percent_text;
use crate::model::value::Value;
use crate::num::{format_amount, format_plain};
use rust_decimal::Decimal;

/// One table of the report, ready to render, print or export.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// Stable identifier: `tabel-3-1`, `sasaran-2-efisiensi`, … (usable as an HTML id and a
    /// file name).
    pub id: String,
    /// Full title, as a caption above the table.
    pub title: String,
    /// Short title (at most 31 characters) for tabs and spreadsheet sheet names.
    pub short_title: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// Explanations printed under the table (formulas, data problems, choices made).
    pub notes: Vec<String>,
    /// Decimals shown for percentages (the report setting; computation stays exact).
    pub decimals: u32,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    pub title: String,
    pub kind: ColumnKind,
}

/// What a column holds: decides alignment and number formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnKind {
    Text,
    Money,
    Percent,
    Number,
    Category,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// Depth in the hierarchy: 0 program (or top level), 1 kegiatan, 2 sub kegiatan, 3 an
    /// extra output of a sub kegiatan.
    pub level: u8,
    pub kind: RowKind,
    /// One cell per column.
    pub cells: Vec<Cell>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowKind {
    Normal,
    /// A heading row that sums or introduces the rows below it (program, kegiatan).
    Group,
    /// A total ("JUMLAH").
    Total,
}

/// One cell. Numbers stay exact `Decimal`s; only [`Cell::display`] rounds.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    /// Rupiah.
    Money(Decimal),
    /// A percentage in percent points (`94.11` is 94,11%).
    Percent(Decimal),
    Number(Decimal),
    /// A target or realisation: number, range, ratio or n/a.
    Value(Value),
    /// A category of the report's scale: its label and its band index (0 = lowest band).
    Category {
        label: String,
        band: usize,
    },
    /// A figure that cannot be computed, with the reason in Indonesian.
    NotComputable(String),
    Empty,
}

impl Cell {
    /// Indonesian text with two decimals for percentages (half-up): `1.234.567`,
    /// `252.398.711,02`, `94,11%`, `4,25–4,30`.
    pub fn display(&self) -> String {
        self.display_dp(2)
    }

    /// As [`Cell::display`] with `decimals` decimals for percentages.
    pub fn display_dp(&self, decimals: u32) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Money(m) => format_amount(*m),
            Cell::Percent(p) => percent_text(*p, decimals),
            Cell::Number(n) => format_plain(*n),
            Cell::Value(v) => v.to_string(),
            Cell::Category { label, .. } => label.clone(),
            Cell::NotComputable(reason) => reason.clone(),
            Cell::Empty => String::new(),
        }
    }

    /// The number in this cell, if it holds one (money, percent points, a number, or a value
    /// that is a plain number).
    pub fn number(&self) -> Option<Decimal> {
        match self {
            Cell::Money(d) | Cell::Percent(d) | Cell::Number(d) => Some(*d),
            Cell::Value(Value::Number(d)) => Some(*d),
            _ => None,
        }
    }

    pub fn is_empty(&self) -> bool {
        matches!(self, Cell::Empty)
    }

    pub(super) fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }
}

impl Table {
    pub(super) fn new(
        id: impl Into<String>,
        title: impl Into<String>,
        short: &str,
        dp: u32,
    ) -> Table {
        Table {
            id: id.into(),
            title: title.into(),
            short_title: short.chars().take(31).collect(),
            columns: Vec::new(),
            rows: Vec::new(),
            notes: Vec::new(),
            decimals: dp,
        }
    }

    pub(super) fn col(&mut self, title: impl Into<String>, kind: ColumnKind) -> &mut Table {
        self.columns.push(Column {
            title: title.into(),
            kind,
        });
        self
    }

    /// Add a row; pads or cuts the cells to the number of columns.
    pub(super) fn push(&mut self, level: u8, kind: RowKind, mut cells: Vec<Cell>) {
        cells.resize(self.columns.len(), Cell::Empty);
        self.rows.push(Row { level, kind, cells });
    }

    /// The text of a cell as shown (with this table's decimals); empty when out of range.
    pub fn text(&self, row: usize, col: usize) -> String {
        self.rows
            .get(row)
            .and_then(|r| r.cells.get(col))
            .map(|c| c.display_dp(self.decimals))
            .unwrap_or_default()
    }

    /// Index of the first column whose title starts with `prefix` (case-insensitive).
    pub fn column(&self, prefix: &str) -> Option<usize> {
        let p = prefix.to_lowercase();
        self.columns
            .iter()
            .position(|c| c.title.to_lowercase().starts_with(&p))
    }

    /// The first row with a text cell containing `needle` (case-insensitive).
    pub fn find_row(&self, needle: &str) -> Option<&Row> {
        let n = needle.to_lowercase();
        self.rows.iter().find(|r| {
            r.cells
                .iter()
                .any(|c| matches!(c, Cell::Text(t) if t.to_lowercase().contains(&n)))
        })
    }

    /// Wide tables print in landscape.
    pub fn landscape(&self) -> bool {
        self.columns.len() > 6
    }
}
