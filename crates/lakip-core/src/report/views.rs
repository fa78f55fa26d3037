//! Every table of the LAKIP as plain data: a render-agnostic [`Table`] (columns, rows of typed
//! [`Cell`]s, notes) built only from a [`Report`] and its [`Computed`] figures. The web app
//! renders these tables to HTML, [`crate::exchange::export`] writes them to CSV, TSV and `.xlsx`, and
//! [`crate::report::narrative`] writes the sentences of Bab III from the same helpers.
//!
//! Nothing here re-implements a formula: serapan, sisa and efisiensi come from
//! [`Amounts`], capaian and kategori from [`Rated`] / [`IndicatorResult`], the trend from
//! [`crate::calc::capaian::Trend`]. A printed figure of a source document is never copied; a
//! missing or impossible figure is a [`Cell::NotComputable`] with its reason, never 0.
//!
//! One choice is made here and documented on [`program_capaian`]: the "Capaian Kinerja" of a
//! program in the efficiency table is the plain mean of the capaian of its output indicators.
//!
//! Every builder accepts any report, including an empty one, and never panics, even when the
//! `Computed` does not match the report (missing figures then show as empty cells).

use crate::calc::budget::{pk_difference, Amounts};
use crate::calc::capaian::{percent, NotComputable, Trend};
use crate::calc::compute::{
    mean, CategoryCounts, Computed, IndicatorResult, Rated, YearComparison,
};
use crate::model::scale::Scale;
use crate::model::value::Value;
use crate::model::{Indicator, Output, Report};
use crate::num::{format_amount, format_fixed, format_plain};
use rust_decimal::Decimal;
use std::collections::BTreeSet;

// ---------------------------------------------------------------------------------------------
// The table model
// ---------------------------------------------------------------------------------------------

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

    fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }
}

impl Table {
    fn new(id: impl Into<String>, title: impl Into<String>, short: &str, dp: u32) -> Table {
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

    fn col(&mut self, title: impl Into<String>, kind: ColumnKind) -> &mut Table {
        self.columns.push(Column {
            title: title.into(),
            kind,
        });
        self
    }

    /// Add a row; pads or cuts the cells to the number of columns.
    fn push(&mut self, level: u8, kind: RowKind, mut cells: Vec<Cell>) {
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

// ---------------------------------------------------------------------------------------------
// Shared helpers (also used by the narrative)
// ---------------------------------------------------------------------------------------------

/// `94,11%` with `decimals` decimals, half-up.
pub fn percent_text(value: Decimal, decimals: u32) -> String {
    format!("{}%", format_fixed(value, decimals))
}

/// A value with its unit: `100%`, `20 Orang`, `4,25–4,30%`, `n/a`.
pub fn with_unit(v: &Value, unit: &str) -> String {
    let s = v.to_string();
    let unit = unit.trim();
    if matches!(v, Value::NotAvailable) || unit.is_empty() {
        s
    } else if unit == "%" {
        format!("{s}%")
    } else {
        format!("{s} {unit}")
    }
}

/// The unit an output's realisation is counted in (its own when it differs from the
/// target's).
pub fn realisation_unit(o: &Output) -> &str {
    o.unit_realisasi
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .unwrap_or(o.unit.trim())
}

/// The output realisation as the report writes it: `19 Orang dari target 20 Orang`.
pub fn output_text(o: &Output) -> String {
    let tu = o.unit.trim();
    let ru = realisation_unit(o);
    match (&o.realisasi, &o.target) {
        (Some(r), Some(t)) => format!("{} dari target {}", with_unit(r, ru), with_unit(t, tu)),
        (None, Some(t)) => format!("realisasi belum diisi (target {})", with_unit(t, tu)),
        (Some(r), None) => format!("{} (target belum diisi)", with_unit(r, ru)),
        (None, None) => "target dan realisasi belum diisi".to_string(),
    }
}

/// The output's realisation is counted in another unit than its target.
pub fn unit_mismatch(o: &Output) -> bool {
    let ru = realisation_unit(o);
    !ru.eq_ignore_ascii_case(o.unit.trim())
}

/// How this year's realisation compares with an earlier year's, aware of the direction:
/// `naik 6,06 poin (membaik)`, `turun 0,1 (membaik)` for a lower-is-better indicator,
/// `tetap`.
pub fn trend_text(y: &YearComparison, unit: &str) -> String {
    let (Some(change), Some(trend)) = (y.change, y.trend) else {
        return "tidak dapat dibandingkan".to_string();
    };
    if trend == Trend::Unchanged || change.is_zero() {
        return "tetap".to_string();
    }
    let verb = if change > Decimal::ZERO {
        "naik"
    } else {
        "turun"
    };
    let unit = unit.trim();
    let amount = format_plain(change.abs());
    let amount = if unit == "%" {
        format!("{amount} poin")
    } else if unit.is_empty() {
        amount
    } else {
        format!("{amount} {unit}")
    };
    let judgement = match trend {
        Trend::Improved => "membaik",
        Trend::Worsened => "memburuk",
        Trend::Unchanged => "tetap",
    };
    format!("{verb} {amount} ({judgement})")
}

/// The "Capaian Kinerja" of a program in the efficiency table ("a. Analisis atas efisiensi").
///
/// **Choice:** the plain arithmetic mean of the capaian (after the report's cap, if any) of
/// every output indicator of every sub kegiatan of the program that can be computed; outputs
/// that cannot be computed are left out. `None` when none can be computed. The seed report
/// never defines its figure (its 100% / 181% / 144% cannot be reproduced by any rule), so the
/// simplest rule that uses every output with equal weight is used, and the table says so.
pub fn program_capaian(computed: &Computed, program: usize) -> Option<Decimal> {
    let values: Vec<Decimal> = computed
        .program_outputs(program)?
        .iter()
        .filter_map(|r| r.capaian.ok())
        .map(|a| a.value)
        .collect();
    mean(&values)
}

const PROGRAM_CAPAIAN_NOTE: &str = "Capaian kinerja program = rata-rata sederhana capaian \
     seluruh indikator keluaran sub kegiatan program tersebut yang dapat dihitung.";

fn roman(n: usize) -> String {
    if n == 0 || n >= 4000 {
        return n.to_string();
    }
    const TABLE: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// Read access to the report and its figures that never panics.
struct Ctx<'a> {
    r: &'a Report,
    c: &'a Computed,
    dp: u32,
}

impl<'a> Ctx<'a> {
    fn new(r: &'a Report, c: &'a Computed) -> Ctx<'a> {
        Ctx {
            r,
            c,
            dp: r.settings.decimals.min(10),
        }
    }

    fn scale(&self) -> &'a Scale {
        &self.r.settings.scale
    }

    fn iku(&self, si: usize, j: usize) -> Option<&'a IndicatorResult> {
        self.c.sasaran.get(si)?.iku.get(j)
    }

    fn program_amounts(&self, p: usize) -> Option<&'a Amounts> {
        self.c.budget.programs.get(p).map(|t| &t.total)
    }

    fn kegiatan_amounts(&self, p: usize, k: usize) -> Option<&'a Amounts> {
        self.c
            .budget
            .programs
            .get(p)?
            .kegiatan
            .get(k)
            .map(|t| &t.total)
    }

    fn sub_amounts(&self, p: usize, k: usize, s: usize) -> Option<&'a Amounts> {
        self.c.sub_amounts(p, k, s)
    }

    fn output(&self, p: usize, k: usize, s: usize, o: usize) -> Option<&'a Rated> {
        self.c.output(p, k, s, o)
    }

    /// Programs supporting sasaran `si`, from the computed link (falls back to the ids).
    fn sasaran_programs(&self, si: usize) -> Vec<usize> {
        if let Some(s) = self.c.sasaran.get(si) {
            return s
                .programs
                .iter()
                .copied()
                .filter(|p| *p < self.r.programs.len())
                .collect();
        }
        let Some(sasaran) = self.r.sasaran.get(si) else {
            return Vec::new();
        };
        self.r
            .programs
            .iter()
            .enumerate()
            .filter(|(_, p)| p.sasaran_id.as_ref() == Some(&sasaran.id))
            .map(|(i, _)| i)
            .collect()
    }

    /// Capaian and category cells of a rating.
    fn rated_cells(&self, r: Option<&Rated>) -> (Cell, Cell) {
        let Some(r) = r else {
            return (Cell::Empty, Cell::Empty);
        };
        match r.capaian {
            Ok(a) => {
                let cat = match r.category {
                    Some(band) => match self.scale().bands.get(band) {
                        Some(b) => Cell::Category {
                            label: b.label.clone(),
                            band,
                        },
                        None => Cell::Empty,
                    },
                    None => Cell::NotComputable(
                        "tidak masuk kategori mana pun (periksa skala)".to_string(),
                    ),
                };
                (Cell::Percent(a.value), cat)
            }
            Err(e) => (Cell::NotComputable(e.to_string()), Cell::Empty),
        }
    }

    fn percent_cell(&self, r: Result<Decimal, NotComputable>) -> Cell {
        match r {
            Ok(v) => Cell::Percent(v),
            Err(e) => Cell::NotComputable(e.to_string()),
        }
    }

    /// Pagu, realisasi and serapan cells; the pagu of a row without one is printed "-".
    fn amount_cells(&self, a: Option<&Amounts>) -> Vec<Cell> {
        let Some(a) = a else {
            return vec![Cell::Empty, Cell::Empty, Cell::Empty];
        };
        vec![
            if a.has_pagu {
                Cell::Money(a.pagu)
            } else {
                Cell::text("-")
            },
            Cell::Money(a.realisasi),
            self.percent_cell(a.serapan()),
        ]
    }

    fn cap_note(&self, t: &mut Table) {
        if let Some(cap) = self.r.settings.cap {
            t.notes.push(format!(
                "Capaian di atas {} ditampilkan sebagai {} sesuai pengaturan batas capaian laporan.",
                percent_text(cap, self.dp),
                percent_text(cap, self.dp)
            ));
        }
    }

    fn rounding_note(&self, t: &mut Table) {
        t.notes.push(format!(
            "Semua angka dihitung dari data rinci; persentase ditampilkan {} desimal, dibulatkan \
             setengah ke atas.",
            self.dp
        ));
    }

    fn sasaran_label(&self, si: usize) -> String {
        self.r
            .sasaran
            .get(si)
            .map(|s| s.name.clone())
            .unwrap_or_default()
    }
}

fn value_cell(v: Option<&Value>) -> Cell {
    match v {
        Some(v) => Cell::Value(v.clone()),
        None => Cell::Empty,
    }
}

fn pct(title: impl Into<String>) -> (String, ColumnKind) {
    (title.into(), ColumnKind::Percent)
}

fn cols(t: &mut Table, cols: Vec<(String, ColumnKind)>) {
    for (title, kind) in cols {
        t.col(title, kind);
    }
}

fn text_col(title: &str) -> (String, ColumnKind) {
    (title.to_string(), ColumnKind::Text)
}

fn money_col(title: &str) -> (String, ColumnKind) {
    (title.to_string(), ColumnKind::Money)
}

fn num_col(title: impl Into<String>) -> (String, ColumnKind) {
    (title.into(), ColumnKind::Number)
}

// ---------------------------------------------------------------------------------------------
// Formulir Pengukuran Kinerja (Lampiran)
// ---------------------------------------------------------------------------------------------

/// The Lampiran "Formulir Pengukuran Kinerja": each sasaran with its IKU, target, realisasi,
/// capaian and category, and the budget of the programs that support it; then the total of
/// those programs, the programs linked to no sasaran, and the whole budget.
pub fn formulir_pengukuran(report: &Report, computed: &Computed) -> Table {
    let x = Ctx::new(report, computed);
    let y = report.tahun;
    let mut t = Table::new(
        "formulir-pengukuran-kinerja",
        format!(
            "Formulir Pengukuran Kinerja {} Tahun Anggaran {y}",
            report.instansi
        ),
        "Formulir Pengukuran Kinerja",
        x.dp,
    );
    cols(
        &mut t,
        vec![
            text_col("No"),
            text_col("Sasaran Strategis"),
            text_col("Indikator Kinerja Utama"),
            text_col("Satuan"),
            num_col(format!("Target {y}")),
            num_col(format!("Realisasi {y}")),
            pct("Capaian (%)"),
            (("Kategori").to_string(), ColumnKind::Category),
            money_col("Anggaran Program (Rp)"),
            money_col("Realisasi Anggaran (Rp)"),
            pct("Serapan (%)"),
        ],
    );
    let mut linked = Amounts::default();
    let mut any_linked = false;
    for (si, s) in report.sasaran.iter().enumerate() {
        let sr = computed.sasaran.get(si);
        let budget = sr.map(|r| r.budget);
        if let Some(b) = &budget {
            linked.add(b);
            any_linked |= !x.sasaran_programs(si).is_empty();
        }
        let mut money = x.amount_cells(budget.as_ref());
        if x.sasaran_programs(si).is_empty() {
            money = vec![Cell::Empty, Cell::Empty, Cell::Empty];
        }
        if s.iku.is_empty() {
            let mut cells = vec![
                Cell::text(format!("{}.", si + 1)),
                Cell::text(&s.name),
                Cell::NotComputable("belum ada IKU".into()),
            ];
            cells.resize(8, Cell::Empty);
            cells.extend(money);
            t.push(0, RowKind::Normal, cells);
            continue;
        }
        for (j, ind) in s.iku.iter().enumerate() {
            let res = x.iku(si, j);
            let (cap, cat) = x.rated_cells(res.map(|r| &r.this_year));
            let first = j == 0;
            let mut cells = vec![
                if first {
                    Cell::text(format!("{}.", si + 1))
                } else {
                    Cell::Empty
                },
                if first {
                    Cell::text(&s.name)
                } else {
                    Cell::Empty
                },
                Cell::text(&ind.name),
                Cell::text(&ind.unit),
                value_cell(res.and_then(|r| r.target.as_ref())),
                value_cell(res.and_then(|r| r.realisasi.as_ref())),
                cap,
                cat,
            ];
            if first {
                cells.extend(money.clone());
            }
            t.push(0, RowKind::Normal, cells);
        }
        if s.iku.len() > 1 {
            let mean_cap = sr.and_then(|r| r.mean_capaian);
            let mut cells = vec![
                Cell::Empty,
                Cell::Empty,
                Cell::text("Capaian sasaran (rata-rata IKU)"),
            ];
            cells.resize(6, Cell::Empty);
            match mean_cap {
                Some(m) => {
                    cells.push(Cell::Percent(m));
                    let band = sr.and_then(|r| r.mean_category);
                    cells.push(
                        match band.and_then(|b| x.scale().bands.get(b).map(|l| (b, l))) {
                            Some((band, l)) => Cell::Category {
                                label: l.label.clone(),
                                band,
                            },
                            None => Cell::Empty,
                        },
                    );
                }
                None => cells.push(Cell::NotComputable(
                    "tidak dapat dihitung: tidak ada IKU yang dapat dihitung".into(),
                )),
            }
            t.push(1, RowKind::Group, cells);
        }
    }

    let total_row = |label: String, a: Option<&Amounts>, kind: RowKind| {
        let mut cells = vec![Cell::Empty, Cell::text(label)];
        cells.resize(8, Cell::Empty);
        cells.extend(x.amount_cells(a));
        (kind, cells)
    };
    if any_linked {
        let (k, c) = total_row(
            "Jumlah anggaran program pendukung sasaran strategis".into(),
            Some(&linked),
            RowKind::Total,
        );
        t.push(0, k, c);
    }
    let unlinked: Vec<&str> = report
        .programs
        .iter()
        .enumerate()
        .filter(|(pi, _)| {
            computed
                .program_sasaran
                .get(*pi)
                .map(|s| s.is_none())
                .unwrap_or(true)
        })
        .map(|(_, p)| p.name.as_str())
        .collect();
    if !unlinked.is_empty() {
        let (k, c) = total_row(
            format!(
                "Program yang tidak dikaitkan dengan sasaran: {}",
                unlinked.join("; ")
            ),
            Some(&computed.unlinked_budget),
            RowKind::Normal,
        );
        t.push(0, k, c);
    }
    if !report.programs.is_empty() {
        let (k, c) = total_row(
            format!("Jumlah seluruh anggaran {} Tahun {y}", report.instansi),
            Some(&computed.budget.total),
            RowKind::Total,
        );
        t.push(0, k, c);
    }
    t.notes.push(
        "Capaian = realisasi / target × 100 (semakin tinggi semakin baik) atau \
         (2 × target − realisasi) / target × 100 (semakin rendah semakin baik); serapan = \
         realisasi anggaran / pagu × 100, dijumlahkan dari sub kegiatan."
            .into(),
    );
    if !unlinked.is_empty() {
        t.notes.push(
            "Jumlah seluruh anggaran termasuk program yang tidak dikaitkan dengan sasaran \
             strategis (mis. program penunjang urusan)."
                .into(),
        );
    }
    x.cap_note(&mut t);
    x.rounding_note(&mut t);
    t
}

// ---------------------------------------------------------------------------------------------
// The comparisons of Bab III (PermenPAN-RB 53/2014)
// ---------------------------------------------------------------------------------------------

/// The five comparisons of Bab III A for each IKU.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Perbandingan {
    /// 1. Target vs realisasi this year.
    Target,
    /// 2. This year vs earlier years.
    Tahunan,
    /// 3. Realisation to date vs the Renstra target.
    Renstra,
    /// 4. vs the provincial or national standard.
    Standar,
    /// 5. Causes of success or failure and the solution.
    Analisis,
}

impl Perbandingan {
    pub const ALL: [Perbandingan; 5] = [
        Perbandingan::Target,
        Perbandingan::Tahunan,
        Perbandingan::Renstra,
        Perbandingan::Standar,
        Perbandingan::Analisis,
    ];

    fn slug(self) -> &'static str {
        match self {
            Perbandingan::Target => "target",
            Perbandingan::Tahunan => "tahunan",
            Perbandingan::Renstra => "renstra",
            Perbandingan::Standar => "standar",
            Perbandingan::Analisis => "analisis",
        }
    }

    fn number(self) -> usize {
        Perbandingan::ALL
            .iter()
            .position(|p| *p == self)
            .unwrap_or(0)
            + 1
    }

    fn short(self) -> &'static str {
        match self {
            Perbandingan::Target => "Target",
            Perbandingan::Tahunan => "Antartahun",
            Perbandingan::Renstra => "Renstra",
            Perbandingan::Standar => "Standar",
            Perbandingan::Analisis => "Analisis",
        }
    }

    /// The heading of the section in Bab III.
    pub fn heading(self) -> &'static str {
        match self {
            Perbandingan::Target => "Membandingkan Antara Target dan Realisasi Kinerja Tahun Ini",
            Perbandingan::Tahunan => {
                "Membandingkan Realisasi Kinerja serta Capaian Kinerja Tahun Ini dengan Tahun \
                 Lalu dan Beberapa Tahun Terakhir"
            }
            Perbandingan::Renstra => {
                "Membandingkan Realisasi Kinerja sampai dengan Tahun Ini dengan Target Jangka \
                 Menengah dalam Dokumen Renstra"
            }
            Perbandingan::Standar => {
                "Membandingkan Realisasi Kinerja Tahun Ini dengan Standar Provinsi/Nasional"
            }
            Perbandingan::Analisis => {
                "Analisis Penyebab Keberhasilan/Kegagalan serta Alternatif Solusi yang Dilakukan"
            }
        }
    }
}

/// One comparison table. `sasaran: Some(i)` for the section of sasaran `i`; `None` for the
/// section "Tujuan Perangkat Daerah", which lists every sasaran.
pub fn perbandingan(
    report: &Report,
    computed: &Computed,
    kind: Perbandingan,
    sasaran: Option<usize>,
) -> Table {
    let x = Ctx::new(report, computed);
    let scope: Vec<usize> = match sasaran {
        Some(i) if i < report.sasaran.len() => vec![i],
        Some(_) => Vec::new(),
        None => (0..report.sasaran.len()).collect(),
    };
    let (id, title, short) = match sasaran {
        Some(i) => (
            format!("sasaran-{}-{}", i + 1, kind.slug()),
            format!(
                "Sasaran {}: {}. {}",
                roman(i + 1),
                x.sasaran_label(i),
                kind.heading()
            ),
            format!("SS{} {} {}", i + 1, kind.number(), kind.short()),
        ),
        None => (
            format!("tujuan-{}", kind.slug()),
            format!("Tujuan Perangkat Daerah: {}", kind.heading()),
            format!("Tujuan {} {}", kind.number(), kind.short()),
        ),
    };
    let mut t = Table::new(id, title, &short, x.dp);
    match kind {
        Perbandingan::Target => cmp_target(&x, &mut t, &scope),
        Perbandingan::Tahunan => cmp_years(&x, &mut t, &scope),
        Perbandingan::Renstra => cmp_renstra(&x, &mut t, &scope),
        Perbandingan::Standar => cmp_standard(&x, &mut t, &scope),
        Perbandingan::Analisis => cmp_analysis(&x, &mut t, &scope, sasaran.is_some()),
    }
    x.cap_note(&mut t);
    x.rounding_note(&mut t);
    t
}

/// The five comparison tables of one sasaran, in the order of Bab III.
pub fn capaian_sasaran(report: &Report, computed: &Computed, sasaran: usize) -> Vec<Table> {
    Perbandingan::ALL
        .iter()
        .map(|k| perbandingan(report, computed, *k, Some(sasaran)))
        .collect()
}

/// Rows "No, Sasaran, IKU" for each IKU of the sasaran in scope, with the rest filled by `f`.
fn iku_rows(
    x: &Ctx<'_>,
    t: &mut Table,
    scope: &[usize],
    mut f: impl FnMut(&Indicator, Option<&IndicatorResult>) -> Vec<Cell>,
) {
    for &si in scope {
        let Some(s) = x.r.sasaran.get(si) else {
            continue;
        };
        if s.iku.is_empty() {
            t.push(
                0,
                RowKind::Normal,
                vec![
                    Cell::text(format!("{}", si + 1)),
                    Cell::text(&s.name),
                    Cell::NotComputable("belum ada IKU".into()),
                ],
            );
        }
        for (j, ind) in s.iku.iter().enumerate() {
            let mut cells = vec![
                if j == 0 {
                    Cell::text(format!("{}", si + 1))
                } else {
                    Cell::Empty
                },
                if j == 0 {
                    Cell::text(&s.name)
                } else {
                    Cell::Empty
                },
                Cell::text(&ind.name),
                Cell::text(&ind.unit),
            ];
            cells.extend(f(ind, x.iku(si, j)));
            t.push(0, RowKind::Normal, cells);
        }
    }
}

fn head(t: &mut Table) {
    cols(
        t,
        vec![
            text_col("No"),
            text_col("Sasaran Strategis"),
            text_col("Indikator Kinerja Utama"),
            text_col("Satuan"),
        ],
    );
}

fn cmp_target(x: &Ctx<'_>, t: &mut Table, scope: &[usize]) {
    let y = x.r.tahun;
    head(t);
    cols(
        t,
        vec![
            num_col(format!("Target {y}")),
            num_col(format!("Realisasi {y}")),
            pct("Capaian (%)"),
            ("Kategori".into(), ColumnKind::Category),
        ],
    );
    iku_rows(x, t, scope, |_, r| {
        let (cap, cat) = x.rated_cells(r.map(|r| &r.this_year));
        vec![
            value_cell(r.and_then(|r| r.target.as_ref())),
            value_cell(r.and_then(|r| r.realisasi.as_ref())),
            cap,
            cat,
        ]
    });
    t.notes.push(
        "Target tahun berjalan diambil dari Perjanjian Kinerja bila diisi, selain itu dari \
         Renstra."
            .into(),
    );
}

/// Years before the report year with a realisation of any IKU (at most the last five).
fn history_years(r: &Report) -> Vec<i32> {
    let set: BTreeSet<i32> = r
        .sasaran
        .iter()
        .flat_map(|s| &s.iku)
        .flat_map(|i| i.realisations.keys().copied())
        .filter(|y| *y < r.tahun)
        .collect();
    let v: Vec<i32> = set.into_iter().collect();
    let skip = v.len().saturating_sub(5);
    v[skip..].to_vec()
}

fn cmp_years(x: &Ctx<'_>, t: &mut Table, scope: &[usize]) {
    let y = x.r.tahun;
    let years = history_years(x.r);
    // A capaian column for an earlier year only where some IKU has a target for that year.
    let with_target: Vec<bool> = years
        .iter()
        .map(|yy| {
            scope
                .iter()
                .filter_map(|si| x.r.sasaran.get(*si))
                .flat_map(|s| &s.iku)
                .any(|i| i.targets.contains_key(yy))
        })
        .collect();
    head(t);
    t.col(format!("Target {y}"), ColumnKind::Number);
    for (yy, cap) in years.iter().zip(&with_target) {
        t.col(format!("Realisasi {yy}"), ColumnKind::Number);
        if *cap {
            t.col(format!("Capaian {yy} (%)"), ColumnKind::Percent);
        }
    }
    t.col(format!("Realisasi {y}"), ColumnKind::Number);
    t.col(format!("Capaian {y} (%)"), ColumnKind::Percent);
    for yy in &years {
        t.col(format!("Dibanding {yy}"), ColumnKind::Text);
    }
    iku_rows(x, t, scope, |ind, r| {
        let mut cells = vec![value_cell(r.and_then(|r| r.target.as_ref()))];
        let find = |yy: i32| r.and_then(|r| r.history.iter().find(|h| h.year == yy));
        for (yy, cap) in years.iter().zip(&with_target) {
            match find(*yy) {
                Some(h) => {
                    cells.push(Cell::Value(h.realisasi.clone()));
                    if *cap {
                        cells.push(x.percent_cell(h.capaian.map(|a| a.value)));
                    }
                }
                None => {
                    cells.push(Cell::text("-"));
                    if *cap {
                        cells.push(Cell::Empty);
                    }
                }
            }
        }
        cells.push(value_cell(r.and_then(|r| r.realisasi.as_ref())));
        cells.push(x.rated_cells(r.map(|r| &r.this_year)).0);
        for yy in &years {
            cells.push(match find(*yy) {
                Some(h) => Cell::Text(trend_text(h, &ind.unit)),
                None => Cell::text("-"),
            });
        }
        cells
    });
    t.notes.push(
        "\"Membaik\"/\"memburuk\" memperhitungkan arah indikator: untuk indikator yang \
         semakin rendah semakin baik, penurunan nilai berarti membaik. \"-\": tidak ada data \
         realisasi tahun itu."
            .into(),
    );
}

fn cmp_renstra(x: &Ctx<'_>, t: &mut Table, scope: &[usize]) {
    let y = x.r.tahun;
    let p = x.r.renstra;
    head(t);
    cols(
        t,
        vec![
            num_col(format!("Target {y}")),
            num_col(format!("Realisasi {y}")),
            num_col(format!("Target Renstra {}–{}", p.first, p.last)),
            num_col(format!("Realisasi s.d. {y}")),
            pct("Capaian thd Renstra (%)"),
            text_col("Keterangan"),
        ],
    );
    iku_rows(x, t, scope, |ind, r| {
        let rc = r.map(|r| &r.renstra);
        vec![
            value_cell(r.and_then(|r| r.target.as_ref())),
            value_cell(r.and_then(|r| r.realisasi.as_ref())),
            value_cell(rc.and_then(|c| c.target.as_ref())),
            value_cell(rc.and_then(|c| c.realisasi.as_ref())),
            match rc {
                Some(c) => x.percent_cell(c.capaian.map(|a| a.value)),
                None => Cell::Empty,
            },
            Cell::text(match ind.accumulation {
                crate::model::Accumulation::LastValue => "nilai tahun terakhir",
                crate::model::Accumulation::Cumulative => "kumulatif",
            }),
        ]
    });
    t.notes.push(
        "Target Renstra: target tahun terakhir periode Renstra, atau jumlah target seluruh \
         tahun untuk indikator kumulatif."
            .into(),
    );
}

fn cmp_standard(x: &Ctx<'_>, t: &mut Table, scope: &[usize]) {
    let y = x.r.tahun;
    head(t);
    cols(
        t,
        vec![
            num_col(format!("Realisasi {y}")),
            text_col("Indikator Standar"),
            num_col("Nilai Standar"),
            pct("Capaian thd Standar (%)"),
            text_col("Sumber"),
            text_col("Keterangan"),
        ],
    );
    let mut other = false;
    iku_rows(x, t, scope, |_, r| {
        let realisasi = value_cell(r.and_then(|r| r.realisasi.as_ref()));
        match r.and_then(|r| r.standard.as_ref()) {
            None => vec![
                realisasi,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::text("belum ada standar pembanding"),
            ],
            Some(s) => {
                other |= s.other_indicator;
                vec![
                    realisasi,
                    Cell::text(&s.indicator),
                    Cell::Value(s.value.clone()),
                    x.percent_cell(s.capaian.map(|a| a.value)),
                    Cell::text(&s.source),
                    if s.other_indicator {
                        Cell::text("indikator standar berbeda; perbandingan hanya indikatif")
                    } else {
                        Cell::Empty
                    },
                ]
            }
        }
    });
    if other {
        t.notes.push(
            "Standar yang mengukur indikator lain tidak sebanding langsung dengan IKU; \
             capaiannya hanya indikatif."
                .into(),
        );
    }
}

fn cmp_analysis(x: &Ctx<'_>, t: &mut Table, scope: &[usize], with_outputs: bool) {
    cols(
        t,
        vec![
            text_col("No"),
            text_col("Indikator / Sub Kegiatan"),
            text_col("Realisasi dari Target"),
            pct("Capaian (%)"),
            ("Keberhasilan/Kegagalan".into(), ColumnKind::Category),
            text_col("Penyebab"),
            text_col("Solusi yang Dilakukan"),
        ],
    );
    let text_or_empty = |s: &str| {
        if s.trim().is_empty() {
            Cell::Empty
        } else {
            Cell::text(s)
        }
    };
    let mut n = 0;
    for &si in scope {
        let Some(s) = x.r.sasaran.get(si) else {
            continue;
        };
        for (j, ind) in s.iku.iter().enumerate() {
            n += 1;
            let r = x.iku(si, j);
            let (cap, cat) = x.rated_cells(r.map(|r| &r.this_year));
            let real = match (
                r.and_then(|r| r.realisasi.as_ref()),
                r.and_then(|r| r.target.as_ref()),
            ) {
                (Some(re), Some(ta)) => {
                    format!(
                        "{} dari target {}",
                        with_unit(re, &ind.unit),
                        with_unit(ta, &ind.unit)
                    )
                }
                (None, Some(ta)) => format!(
                    "realisasi belum diisi (target {})",
                    with_unit(ta, &ind.unit)
                ),
                (Some(re), None) => format!("{} (target belum diisi)", with_unit(re, &ind.unit)),
                (None, None) => "target dan realisasi belum diisi".into(),
            };
            t.push(
                0,
                RowKind::Normal,
                vec![
                    Cell::text(format!("{n}")),
                    Cell::text(format!("IKU: {}", ind.name)),
                    Cell::Text(real),
                    cap,
                    cat,
                    text_or_empty(&ind.cause),
                    text_or_empty(&ind.solution),
                ],
            );
        }
        if !with_outputs {
            continue;
        }
        for p in x.sasaran_programs(si) {
            let Some(prog) = x.r.programs.get(p) else {
                continue;
            };
            for (k, keg) in prog.kegiatan.iter().enumerate() {
                for (s_i, sub) in keg.sub_kegiatan.iter().enumerate() {
                    for (o_i, o) in sub.outputs.iter().enumerate() {
                        n += 1;
                        let (cap, cat) = x.rated_cells(x.output(p, k, s_i, o_i));
                        let label = if sub.outputs.len() > 1 {
                            format!("Sub Kegiatan {} — {}", sub.name, o.name)
                        } else {
                            format!("Sub Kegiatan {}", sub.name)
                        };
                        t.push(
                            1,
                            RowKind::Normal,
                            vec![
                                Cell::text(format!("{n}")),
                                Cell::Text(label),
                                Cell::Text(output_text(o)),
                                cap,
                                cat,
                                text_or_empty(&o.cause),
                                text_or_empty(&o.solution),
                            ],
                        );
                    }
                }
            }
        }
    }
    t.notes.push(format!(
        "Keberhasilan/kegagalan menurut skala laporan: {}.",
        scale_rules(x.scale())
    ));
}

fn scale_rules(s: &Scale) -> String {
    s.bands
        .iter()
        .rev()
        .map(|b| format!("{} = {}", b.rule(), b.label))
        .collect::<Vec<_>>()
        .join("; ")
}

// ---------------------------------------------------------------------------------------------
// a. Analisis atas efisiensi; b. Analisis program/kegiatan
// ---------------------------------------------------------------------------------------------

/// "a. Analisis atas efisiensi penggunaan sumber daya" of one sasaran: per program pagu,
/// realisasi, serapan, capaian kinerja (see [`program_capaian`]) and efficiency in rupiah and
/// percent, with the sasaran total.
pub fn efisiensi(report: &Report, computed: &Computed, sasaran: usize) -> Table {
    let x = Ctx::new(report, computed);
    let mut t = Table::new(
        format!("sasaran-{}-efisiensi", sasaran + 1),
        format!(
            "Sasaran {}: {}. Analisis atas Efisiensi Penggunaan Sumber Daya",
            roman(sasaran + 1),
            x.sasaran_label(sasaran)
        ),
        &format!("SS{} a Efisiensi", sasaran + 1),
        x.dp,
    );
    cols(
        &mut t,
        vec![
            text_col("No"),
            text_col("Program"),
            money_col("Pagu (Rp)"),
            money_col("Realisasi (Rp)"),
            pct("Serapan (%)"),
            pct("Capaian Kinerja (%)"),
            money_col("Efisiensi (Rp)"),
            pct("Efisiensi (%)"),
        ],
    );
    let programs = x.sasaran_programs(sasaran);
    let eff_cells = |a: Option<&Amounts>| -> Vec<Cell> {
        match a {
            Some(a) if a.has_pagu && !a.pagu.is_zero() => {
                vec![Cell::Money(a.sisa()), x.percent_cell(a.efisiensi())]
            }
            Some(a) => {
                let e = a
                    .efisiensi()
                    .err()
                    .unwrap_or(NotComputable::NoBudget)
                    .to_string();
                vec![Cell::NotComputable(e.clone()), Cell::NotComputable(e)]
            }
            None => vec![Cell::Empty, Cell::Empty],
        }
    };
    for (n, &p) in programs.iter().enumerate() {
        let Some(prog) = report.programs.get(p) else {
            continue;
        };
        let a = x.program_amounts(p);
        let mut cells = vec![Cell::text(format!("{}", n + 1)), Cell::text(&prog.name)];
        cells.extend(x.amount_cells(a));
        cells.push(match program_capaian(computed, p) {
            Some(v) => Cell::Percent(v),
            None => Cell::NotComputable(
                "tidak dapat dihitung: tidak ada indikator keluaran yang dapat dihitung".into(),
            ),
        });
        cells.extend(eff_cells(a));
        t.push(0, RowKind::Normal, cells);
    }
    if programs.is_empty() {
        t.notes
            .push("Belum ada program yang dikaitkan dengan sasaran ini.".into());
    } else {
        let total = computed.sasaran.get(sasaran).map(|s| &s.budget);
        let mut cells = vec![Cell::Empty, Cell::text("Jumlah")];
        cells.extend(x.amount_cells(total));
        cells.push(Cell::Empty);
        cells.extend(eff_cells(total));
        t.push(0, RowKind::Total, cells);
    }
    t.notes.push(
        "Efisiensi = pagu − realisasi; efisiensi (%) = (pagu − realisasi) / pagu × 100. \
         Nilai negatif berarti realisasi melebihi pagu."
            .into(),
    );
    t.notes.push(PROGRAM_CAPAIAN_NOTE.into());
    x.cap_note(&mut t);
    x.rounding_note(&mut t);
    t
}

/// "b. Analisis Program/Kegiatan yang menunjang keberhasilan ataupun kegagalan" of one
/// sasaran: program → kegiatan → sub kegiatan with pagu, realisasi, serapan, the output
/// ("19 Orang dari target 20 Orang"), its capaian and category.
pub fn program_kegiatan(report: &Report, computed: &Computed, sasaran: usize) -> Table {
    let x = Ctx::new(report, computed);
    let mut t = Table::new(
        format!("sasaran-{}-program", sasaran + 1),
        format!(
            "Sasaran {}: {}. Analisis Program/Kegiatan yang Menunjang Keberhasilan ataupun \
             Kegagalan",
            roman(sasaran + 1),
            x.sasaran_label(sasaran)
        ),
        &format!("SS{} b Program", sasaran + 1),
        x.dp,
    );
    cols(
        &mut t,
        vec![
            text_col("No"),
            text_col("Program/Kegiatan/Sub Kegiatan"),
            money_col("Pagu (Rp)"),
            money_col("Realisasi (Rp)"),
            pct("Serapan (%)"),
            text_col("Keluaran (Realisasi dari Target)"),
            pct("Capaian Keluaran (%)"),
            ("Kategori".into(), ColumnKind::Category),
        ],
    );
    let mut mismatches = Vec::new();
    let programs = x.sasaran_programs(sasaran);
    for &p in &programs {
        let Some(prog) = report.programs.get(p) else {
            continue;
        };
        let mut cells = vec![Cell::Empty, Cell::text(&prog.name)];
        cells.extend(x.amount_cells(x.program_amounts(p)));
        t.push(0, RowKind::Group, cells);
        let mut n = 0;
        for (k, keg) in prog.kegiatan.iter().enumerate() {
            let mut cells = vec![Cell::Empty, Cell::text(format!("Kegiatan {}", keg.name))];
            cells.extend(x.amount_cells(x.kegiatan_amounts(p, k)));
            t.push(1, RowKind::Group, cells);
            for (s, sub) in keg.sub_kegiatan.iter().enumerate() {
                n += 1;
                let mut cells = vec![
                    Cell::text(format!("{n}.")),
                    Cell::text(format!("Sub Kegiatan {}", sub.name)),
                ];
                cells.extend(x.amount_cells(x.sub_amounts(p, k, s)));
                match sub.outputs.first() {
                    None => cells.push(Cell::text("belum ada indikator keluaran")),
                    Some(o) => {
                        cells.push(Cell::Text(output_text(o)));
                        let (c, g) = x.rated_cells(x.output(p, k, s, 0));
                        cells.push(c);
                        cells.push(g);
                    }
                }
                t.push(2, RowKind::Normal, cells);
                for (oi, o) in sub.outputs.iter().enumerate() {
                    if unit_mismatch(o) {
                        mismatches.push(format!(
                            "{}: realisasi dalam satuan \"{}\", target dalam \"{}\"",
                            sub.name,
                            realisation_unit(o),
                            o.unit.trim()
                        ));
                    }
                    if oi == 0 {
                        continue;
                    }
                    let (c, g) = x.rated_cells(x.output(p, k, s, oi));
                    t.push(
                        3,
                        RowKind::Normal,
                        vec![
                            Cell::Empty,
                            Cell::text(format!("Keluaran: {}", o.name)),
                            Cell::Empty,
                            Cell::Empty,
                            Cell::Empty,
                            Cell::Text(output_text(o)),
                            c,
                            g,
                        ],
                    );
                }
            }
        }
    }
    if programs.is_empty() {
        t.notes
            .push("Belum ada program yang dikaitkan dengan sasaran ini.".into());
    }
    t.notes.push(
        "Pagu dan realisasi kegiatan dan program adalah jumlah rupiah sub kegiatannya; \
         serapan = realisasi / pagu × 100."
            .into(),
    );
    if !mismatches.is_empty() {
        t.notes.push(format!(
            "Satuan realisasi berbeda dengan satuan target (periksa data): {}.",
            mismatches.join("; ")
        ));
    }
    x.cap_note(&mut t);
    x.rounding_note(&mut t);
    t
}

// ---------------------------------------------------------------------------------------------
// Tabel 3.1 and Tabel 1.1
// ---------------------------------------------------------------------------------------------

/// Tabel 3.1 "Rincian Anggaran dan Realisasi Program dan Kegiatan": every program, kegiatan
/// and sub kegiatan with pagu, realisasi and serapan, summed bottom-up, and the total.
pub fn realisasi_anggaran(report: &Report, computed: &Computed) -> Table {
    let x = Ctx::new(report, computed);
    let mut t = Table::new(
        "tabel-3-1",
        format!(
            "Tabel 3.1 Rincian Anggaran dan Realisasi Program dan Kegiatan {} Tahun {}",
            report.instansi, report.tahun
        ),
        "Tabel 3.1 Realisasi Anggaran",
        x.dp,
    );
    let with_code = report.programs.iter().any(|p| {
        !p.code.trim().is_empty()
            || p.kegiatan.iter().any(|k| {
                !k.code.trim().is_empty()
                    || k.sub_kegiatan.iter().any(|s| !s.code.trim().is_empty())
            })
    });
    t.col("No", ColumnKind::Text);
    if with_code {
        t.col("Kode", ColumnKind::Text);
    }
    cols(
        &mut t,
        vec![
            text_col("Program dan Kegiatan"),
            money_col("Anggaran Setelah Perubahan (Rp)"),
            money_col("Realisasi Anggaran (Rp)"),
            pct("Serapan (%)"),
        ],
    );
    let row = |no: String, code: &str, name: &str, a: Option<&Amounts>| -> Vec<Cell> {
        let mut cells = vec![Cell::Text(no)];
        if with_code {
            cells.push(Cell::text(code));
        }
        cells.push(Cell::text(name));
        cells.extend(x.amount_cells(a));
        cells
    };
    for (p, prog) in report.programs.iter().enumerate() {
        t.push(
            0,
            RowKind::Group,
            row(roman(p + 1), &prog.code, &prog.name, x.program_amounts(p)),
        );
        let mut n = 0;
        for (k, keg) in prog.kegiatan.iter().enumerate() {
            t.push(
                1,
                RowKind::Group,
                row(
                    String::new(),
                    &keg.code,
                    &keg.name,
                    x.kegiatan_amounts(p, k),
                ),
            );
            for (s, sub) in keg.sub_kegiatan.iter().enumerate() {
                n += 1;
                t.push(
                    2,
                    RowKind::Normal,
                    row(
                        format!("{n}."),
                        &sub.code,
                        &sub.name,
                        x.sub_amounts(p, k, s),
                    ),
                );
            }
        }
    }
    if !report.programs.is_empty() {
        t.push(
            0,
            RowKind::Total,
            row(String::new(), "", "JUMLAH", Some(&computed.budget.total)),
        );
    }
    t.notes.push(
        "Pagu dan realisasi dijumlahkan dari sub kegiatan ke kegiatan, program dan total (dalam \
         rupiah, bukan rata-rata persentase). Pagu \"-\": tidak ada pagu, serapan tidak dapat \
         dihitung."
            .into(),
    );
    x.rounding_note(&mut t);
    t
}

/// Tabel 1.1 "Realisasi Anggaran Kegiatan SPM": the kegiatan marked SPM with their sub
/// kegiatan, and the total.
pub fn spm(report: &Report, computed: &Computed) -> Table {
    let x = Ctx::new(report, computed);
    let mut t = Table::new(
        "tabel-1-1",
        format!(
            "Tabel 1.1 Realisasi Anggaran Kegiatan SPM pada {} Tahun {}",
            report.instansi, report.tahun
        ),
        "Tabel 1.1 SPM",
        x.dp,
    );
    cols(
        &mut t,
        vec![
            text_col("No"),
            text_col("Kegiatan/Sub Kegiatan"),
            money_col("Pagu Anggaran (Rp)"),
            money_col("Realisasi (Rp)"),
            pct("Serapan (%)"),
        ],
    );
    let mut total = Amounts::default();
    let mut sections = 0;
    let mut n = 0;
    for (p, prog) in report.programs.iter().enumerate() {
        for (k, keg) in prog.kegiatan.iter().enumerate().filter(|(_, k)| k.spm) {
            sections += 1;
            let a = x.kegiatan_amounts(p, k);
            if let Some(a) = a {
                total.add(a);
            }
            let mut cells = vec![Cell::text(roman(sections)), Cell::text(&keg.name)];
            cells.extend(x.amount_cells(a));
            t.push(0, RowKind::Group, cells);
            for (s, sub) in keg.sub_kegiatan.iter().enumerate() {
                n += 1;
                let mut cells = vec![Cell::text(format!("{n}.")), Cell::text(&sub.name)];
                cells.extend(x.amount_cells(x.sub_amounts(p, k, s)));
                t.push(1, RowKind::Normal, cells);
            }
        }
    }
    if sections == 0 {
        t.notes
            .push("Belum ada kegiatan yang ditandai sebagai kegiatan SPM.".into());
    } else {
        let mut cells = vec![Cell::Empty, Cell::text("TOTAL")];
        cells.extend(x.amount_cells(Some(&total)));
        t.push(0, RowKind::Total, cells);
    }
    x.rounding_note(&mut t);
    t
}

// ---------------------------------------------------------------------------------------------
// Renstra (Tabel II.1) and Perjanjian Kinerja
// ---------------------------------------------------------------------------------------------

/// Tabel II.1 "Tujuan dan Sasaran Rencana Strategis": every tujuan and sasaran indicator with
/// its target for each year of the Renstra.
pub fn renstra(report: &Report, computed: &Computed) -> Table {
    let x = Ctx::new(report, computed);
    let p = report.renstra;
    let mut t = Table::new(
        "tabel-2-1",
        format!(
            "Tabel II.1 Tujuan dan Sasaran Rencana Strategis {} Tahun {}–{}",
            report.instansi, p.first, p.last
        ),
        "Tabel II.1 Renstra",
        x.dp,
    );
    let years: Vec<i32> = p.years().take(10).collect();
    cols(
        &mut t,
        vec![
            text_col("No"),
            text_col("Tujuan"),
            text_col("Sasaran"),
            text_col("Indikator Tujuan/Sasaran"),
            text_col("Satuan"),
            text_col("Arah"),
        ],
    );
    for y in &years {
        t.col(format!("Target {y}"), ColumnKind::Number);
    }
    let ind_cells = |ind: &Indicator| -> Vec<Cell> {
        let mut c = vec![
            Cell::text(&ind.name),
            Cell::text(&ind.unit),
            Cell::text(ind.direction.label()),
        ];
        c.extend(years.iter().map(|y| value_cell(ind.targets.get(y))));
        c
    };
    let mut n = 0;
    let emit_sasaran = |t: &mut Table, s: &crate::model::Sasaran| {
        if s.iku.is_empty() {
            t.push(
                1,
                RowKind::Normal,
                vec![Cell::Empty, Cell::Empty, Cell::text(&s.name)],
            );
        }
        for (j, ind) in s.iku.iter().enumerate() {
            let mut c = vec![
                Cell::Empty,
                Cell::Empty,
                if j == 0 {
                    Cell::text(&s.name)
                } else {
                    Cell::Empty
                },
            ];
            c.extend(ind_cells(ind));
            t.push(1, RowKind::Normal, c);
        }
    };
    for tj in &report.tujuan {
        n += 1;
        let mut c = vec![
            Cell::text(format!("{n}.")),
            Cell::text(&tj.name),
            Cell::Empty,
        ];
        if let Some(first) = tj.indicators.first() {
            c.extend(ind_cells(first));
        }
        t.push(0, RowKind::Group, c);
        for ind in tj.indicators.iter().skip(1) {
            let mut c = vec![Cell::Empty, Cell::Empty, Cell::Empty];
            c.extend(ind_cells(ind));
            t.push(0, RowKind::Normal, c);
        }
        for s in report
            .sasaran
            .iter()
            .filter(|s| s.tujuan_id.as_ref() == Some(&tj.id))
        {
            emit_sasaran(&mut t, s);
        }
    }
    let orphans: Vec<_> = report
        .sasaran
        .iter()
        .filter(|s| match &s.tujuan_id {
            None => true,
            Some(id) => !report.tujuan.iter().any(|tj| &tj.id == id),
        })
        .collect();
    if !orphans.is_empty() {
        t.push(
            0,
            RowKind::Group,
            vec![Cell::Empty, Cell::text("(sasaran tanpa tujuan)")],
        );
        for s in orphans {
            emit_sasaran(&mut t, s);
        }
    }
    t
}

/// Perjanjian Kinerja, part 1: the target of each IKU agreed in the PK, beside the Renstra
/// target of the year.
pub fn pk_target(report: &Report, computed: &Computed) -> Table {
    let x = Ctx::new(report, computed);
    let y = report.tahun;
    let mut t = Table::new(
        "pk-target",
        format!(
            "Perjanjian Kinerja Tahun {y} {}: Sasaran, IKU dan Target",
            report.instansi
        ),
        "PK Target",
        x.dp,
    );
    head(&mut t);
    cols(
        &mut t,
        vec![
            num_col(format!("Target PK {y}")),
            num_col(format!("Target Renstra {y}")),
            text_col("Keterangan"),
        ],
    );
    let all: Vec<usize> = (0..report.sasaran.len()).collect();
    iku_rows(&x, &mut t, &all, |ind, _| {
        let renstra = ind.targets.get(&y);
        let note = match (&ind.target_pk, renstra) {
            (None, Some(_)) => "target PK belum diisi; capaian memakai target Renstra",
            (None, None) => "target belum diisi",
            (Some(a), Some(b)) if a != b => "target PK berbeda dengan target Renstra",
            _ => "",
        };
        vec![
            value_cell(ind.target_pk.as_ref()),
            value_cell(renstra),
            if note.is_empty() {
                Cell::Empty
            } else {
                Cell::text(note)
            },
        ]
    });
    if !report.pk.signed.trim().is_empty() {
        t.notes.push(format!(
            "Perjanjian Kinerja ditandatangani {}.",
            report.pk.signed.trim()
        ));
    }
    t
}

/// Perjanjian Kinerja, part 2: the budget of each program in the PK against its final pagu
/// (after amendment), and the difference `PK − pagu akhir`.
pub fn pk_anggaran(report: &Report, computed: &Computed) -> Table {
    let x = Ctx::new(report, computed);
    let y = report.tahun;
    let mut t = Table::new(
        "pk-anggaran",
        format!(
            "Perjanjian Kinerja Tahun {y} {}: Anggaran Program dan Pagu Akhir",
            report.instansi
        ),
        "PK Anggaran",
        x.dp,
    );
    cols(
        &mut t,
        vec![
            text_col("No"),
            text_col("Program"),
            money_col("Anggaran PK (Rp)"),
            money_col("Pagu Akhir (Rp)"),
            money_col("Selisih PK − Pagu Akhir (Rp)"),
            pct("Selisih thd Pagu Akhir (%)"),
        ],
    );
    let mut pk_total = Decimal::ZERO;
    let mut final_total = Amounts::default();
    let mut n = 0;
    let mut missing = Vec::new();
    let diff_cells = |pk: Decimal, a: Option<&Amounts>| -> Vec<Cell> {
        match a {
            Some(a) if a.has_pagu => {
                let Some(diff) = pk_difference(Some(pk), a) else {
                    return vec![Cell::Money(a.pagu), Cell::Empty, Cell::Empty];
                };
                vec![
                    Cell::Money(a.pagu),
                    Cell::Money(diff),
                    x.percent_cell(percent(diff, a.pagu).map_err(|_| NotComputable::NoBudget)),
                ]
            }
            Some(_) => vec![
                Cell::text("-"),
                Cell::NotComputable(NotComputable::NoBudget.to_string()),
                Cell::NotComputable(NotComputable::NoBudget.to_string()),
            ],
            None => vec![Cell::Empty, Cell::Empty, Cell::Empty],
        }
    };
    for (p, prog) in report.programs.iter().enumerate() {
        let Some(pk) = prog.pagu_pk else {
            missing.push(prog.name.as_str());
            continue;
        };
        n += 1;
        pk_total += pk;
        let a = x.program_amounts(p);
        if let Some(a) = a {
            final_total.add(a);
        }
        let mut cells = vec![
            Cell::text(format!("{n}.")),
            Cell::text(&prog.name),
            Cell::Money(pk),
        ];
        cells.extend(diff_cells(pk, a));
        t.push(0, RowKind::Normal, cells);
    }
    if n > 0 {
        let mut cells = vec![Cell::Empty, Cell::text("JUMLAH"), Cell::Money(pk_total)];
        cells.extend(diff_cells(pk_total, Some(&final_total)));
        t.push(0, RowKind::Total, cells);
    } else {
        t.notes
            .push("Belum ada anggaran program yang diisi untuk Perjanjian Kinerja.".into());
    }
    if !missing.is_empty() && n > 0 {
        t.notes.push(format!(
            "Program yang tidak tercantum dalam PK: {}.",
            missing.join("; ")
        ));
    }
    t.notes.push(
        "Selisih negatif: anggaran PK lebih kecil daripada pagu akhir (setelah perubahan).".into(),
    );
    if !report.pk.signed.trim().is_empty() {
        t.notes.push(format!(
            "Perjanjian Kinerja ditandatangani {}.",
            report.pk.signed.trim()
        ));
    }
    x.rounding_note(&mut t);
    t
}

// ---------------------------------------------------------------------------------------------
// Dashboard
// ---------------------------------------------------------------------------------------------

/// How many weakest items the dashboard lists per kind.
pub const WEAKEST: usize = 5;

/// One of the weakest items of the dashboard.
#[derive(Clone, Debug, PartialEq)]
pub struct Weak {
    /// The item: an IKU, a sub kegiatan output or a program.
    pub name: String,
    /// Where it belongs (its sasaran or program).
    pub context: String,
    /// Capaian or serapan, in percent.
    pub value: Decimal,
    /// Band of the report's scale (for capaian; `None` for serapan).
    pub category: Option<usize>,
}

/// The summary figures of the report.
#[derive(Clone, Debug, PartialEq)]
pub struct Dashboard {
    pub iku: CategoryCounts,
    pub outputs: CategoryCounts,
    /// The whole budget.
    pub budget: Amounts,
    /// Lowest capaian first, computable ones only.
    pub weakest_iku: Vec<Weak>,
    pub weakest_outputs: Vec<Weak>,
    /// Programs with the lowest serapan, lowest first.
    pub lowest_serapan: Vec<Weak>,
}

fn lowest(mut v: Vec<Weak>) -> Vec<Weak> {
    // Stable: ties keep the order of the report.
    v.sort_by_key(|w| w.value);
    v.truncate(WEAKEST);
    v
}

pub fn dashboard(report: &Report, computed: &Computed) -> Dashboard {
    let scale = &report.settings.scale;
    let x = Ctx::new(report, computed);
    let mut iku = Vec::new();
    for (si, s) in report.sasaran.iter().enumerate() {
        for (j, ind) in s.iku.iter().enumerate() {
            if let Some(r) = x.iku(si, j) {
                if let Ok(a) = r.this_year.capaian {
                    iku.push(Weak {
                        name: ind.name.clone(),
                        context: s.name.clone(),
                        value: a.value,
                        category: r.this_year.category,
                    });
                }
            }
        }
    }
    let mut outputs = Vec::new();
    let mut serapan = Vec::new();
    for (p, prog) in report.programs.iter().enumerate() {
        if let Some(Ok(v)) = x.program_amounts(p).map(Amounts::serapan) {
            serapan.push(Weak {
                name: prog.name.clone(),
                context: String::new(),
                value: v,
                category: None,
            });
        }
        for (k, keg) in prog.kegiatan.iter().enumerate() {
            for (s, sub) in keg.sub_kegiatan.iter().enumerate() {
                for (o, out) in sub.outputs.iter().enumerate() {
                    if let Some(r) = x.output(p, k, s, o) {
                        if let Ok(a) = r.capaian {
                            let name = if sub.outputs.len() > 1 {
                                format!("{} — {}", sub.name, out.name)
                            } else {
                                sub.name.clone()
                            };
                            outputs.push(Weak {
                                name,
                                context: prog.name.clone(),
                                value: a.value,
                                category: r.category,
                            });
                        }
                    }
                }
            }
        }
    }
    Dashboard {
        iku: computed.iku_counts(scale),
        outputs: computed.output_counts(scale),
        budget: computed.budget.total,
        weakest_iku: lowest(iku),
        weakest_outputs: lowest(outputs),
        lowest_serapan: lowest(serapan),
    }
}

/// Dashboard table 1: how many IKU and outputs fall in each category, best first.
pub fn ringkasan_kategori(report: &Report, computed: &Computed) -> Table {
    let x = Ctx::new(report, computed);
    let d = dashboard(report, computed);
    let mut t = Table::new(
        "ringkasan-kategori",
        format!(
            "Ringkasan: Jumlah Indikator per Kategori, {} Tahun {}",
            report.instansi, report.tahun
        ),
        "Ringkasan Kategori",
        x.dp,
    );
    cols(
        &mut t,
        vec![
            ("Kategori".into(), ColumnKind::Category),
            text_col("Rentang Capaian"),
            num_col("IKU"),
            num_col("Indikator Keluaran"),
        ],
    );
    let count = |c: &CategoryCounts, i: usize| {
        Cell::Number(Decimal::from(c.per_band.get(i).copied().unwrap_or(0)))
    };
    for (i, band) in x.scale().bands.iter().enumerate().rev() {
        t.push(
            0,
            RowKind::Normal,
            vec![
                Cell::Category {
                    label: band.label.clone(),
                    band: i,
                },
                Cell::Text(band.rule()),
                count(&d.iku, i),
                count(&d.outputs, i),
            ],
        );
    }
    t.push(
        0,
        RowKind::Normal,
        vec![
            Cell::text("Tidak dapat dihitung"),
            Cell::Empty,
            Cell::Number(Decimal::from(d.iku.not_computable)),
            Cell::Number(Decimal::from(d.outputs.not_computable)),
        ],
    );
    let total = |c: &CategoryCounts| {
        Cell::Number(Decimal::from(
            c.per_band.iter().sum::<usize>() + c.not_computable,
        ))
    };
    t.push(
        0,
        RowKind::Total,
        vec![
            Cell::text("Jumlah"),
            Cell::Empty,
            total(&d.iku),
            total(&d.outputs),
        ],
    );
    t.notes.push(format!("Skala: {}.", x.scale().name));
    x.cap_note(&mut t);
    t
}

/// Dashboard table 2: budget per program and in total, with serapan and sisa.
pub fn ringkasan_anggaran(report: &Report, computed: &Computed) -> Table {
    let x = Ctx::new(report, computed);
    let mut t = Table::new(
        "ringkasan-anggaran",
        format!(
            "Ringkasan: Serapan Anggaran per Program, {} Tahun {}",
            report.instansi, report.tahun
        ),
        "Ringkasan Anggaran",
        x.dp,
    );
    cols(
        &mut t,
        vec![
            text_col("No"),
            text_col("Program"),
            money_col("Pagu (Rp)"),
            money_col("Realisasi (Rp)"),
            pct("Serapan (%)"),
            money_col("Sisa (Rp)"),
        ],
    );
    let sisa = |a: Option<&Amounts>| match a {
        Some(a) if a.has_pagu => Cell::Money(a.sisa()),
        Some(_) => Cell::NotComputable(NotComputable::NoBudget.to_string()),
        None => Cell::Empty,
    };
    for (p, prog) in report.programs.iter().enumerate() {
        let a = x.program_amounts(p);
        let mut cells = vec![Cell::text(roman(p + 1)), Cell::text(&prog.name)];
        cells.extend(x.amount_cells(a));
        cells.push(sisa(a));
        t.push(0, RowKind::Normal, cells);
    }
    let mut cells = vec![Cell::Empty, Cell::text("JUMLAH")];
    cells.extend(x.amount_cells(Some(&computed.budget.total)));
    cells.push(sisa(Some(&computed.budget.total)));
    t.push(0, RowKind::Total, cells);
    x.rounding_note(&mut t);
    t
}

/// Dashboard table 3: the weakest items: lowest capaian of IKU and outputs, lowest serapan
/// of programs.
pub fn ringkasan_terlemah(report: &Report, computed: &Computed) -> Table {
    let x = Ctx::new(report, computed);
    let d = dashboard(report, computed);
    let mut t = Table::new(
        "ringkasan-terlemah",
        format!(
            "Ringkasan: Capaian dan Serapan Terendah, {} Tahun {}",
            report.instansi, report.tahun
        ),
        "Ringkasan Terendah",
        x.dp,
    );
    cols(
        &mut t,
        vec![
            text_col("Jenis"),
            text_col("Uraian"),
            text_col("Program/Sasaran"),
            pct("Nilai (%)"),
            ("Kategori".into(), ColumnKind::Category),
        ],
    );
    let emit = |t: &mut Table, kind: &str, items: &[Weak]| {
        for w in items {
            let cat = match w
                .category
                .and_then(|b| x.scale().bands.get(b).map(|l| (b, l)))
            {
                Some((band, l)) => Cell::Category {
                    label: l.label.clone(),
                    band,
                },
                None => Cell::Empty,
            };
            t.push(
                0,
                RowKind::Normal,
                vec![
                    Cell::text(kind),
                    Cell::text(&w.name),
                    Cell::text(&w.context),
                    Cell::Percent(w.value),
                    cat,
                ],
            );
        }
    };
    emit(&mut t, "Capaian IKU", &d.weakest_iku);
    emit(&mut t, "Capaian keluaran", &d.weakest_outputs);
    emit(&mut t, "Serapan program", &d.lowest_serapan);
    t.notes.push(format!(
        "Paling banyak {WEAKEST} butir per jenis, nilai terendah lebih dahulu; indikator yang \
         tidak dapat dihitung tidak ikut diurutkan."
    ));
    x.cap_note(&mut t);
    t
}

// ---------------------------------------------------------------------------------------------
// Everything
// ---------------------------------------------------------------------------------------------

/// Every table of the report in a stable order: the dashboard, Tabel 1.1 (SPM), Tabel II.1
/// (Renstra), the Perjanjian Kinerja, then per sasaran the five comparisons, the efficiency
/// analysis and the program/kegiatan table, then Tabel 3.1 and the Formulir Pengukuran
/// Kinerja.
pub fn all(report: &Report, computed: &Computed) -> Vec<Table> {
    let mut v = vec![
        ringkasan_kategori(report, computed),
        ringkasan_anggaran(report, computed),
        ringkasan_terlemah(report, computed),
        spm(report, computed),
        renstra(report, computed),
        pk_target(report, computed),
        pk_anggaran(report, computed),
    ];
    for si in 0..report.sasaran.len() {
        v.extend(capaian_sasaran(report, computed, si));
        v.push(efisiensi(report, computed, si));
        v.push(program_kegiatan(report, computed, si));
    }
    v.push(realisasi_anggaran(report, computed));
    v.push(formulir_pengukuran(report, computed));
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_numerals() {
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(6), "VI");
        assert_eq!(roman(14), "XIV");
        assert_eq!(roman(0), "0");
    }

    #[test]
    fn cells_display_indonesian() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(Cell::Money(d("14538093081")).display(), "14.538.093.081");
        assert_eq!(Cell::Money(d("252398711.02")).display(), "252.398.711,02");
        assert_eq!(Cell::Percent(d("101.6949152")).display(), "101,69%");
        assert_eq!(Cell::Percent(d("94.115")).display(), "94,12%");
        assert_eq!(Cell::Number(d("4.25")).display(), "4,25");
        assert_eq!(
            Cell::Value(Value::Range {
                low: d("80"),
                high: d("90")
            })
            .display(),
            "80–90"
        );
        assert_eq!(Cell::Empty.display(), "");
    }
}
