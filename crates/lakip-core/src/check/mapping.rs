//! What the columns and rows of a pasted table mean: a proposal the user can correct
//! before anything is computed.
//!
//! Columns get a role from their header words ("Pagu Anggaran (Rp)", "Realisasi", "%",
//! "Keberhasilan/ Kegagalan", …) and, where there is no header, from what their cells hold.
//! Rows are headers, separators, totals (`JUMLAH`, `TOTAL`), continuations of the row
//! above (a long name a PDF copy broke over two lines), or items with a hierarchy level
//! proposed from their numbering (`I`/`II`, `1.`/`2.`, codes such as `1.06.02.2.01.0001`),
//! the words they start with ("Program", "Kegiatan", "Sub Kegiatan") and bold type.

use super::cells::{self, Num};
use super::grid::{Cell, Grid};
use super::text::{self, Keyword, Numbering, HEADER_WORDS};
use crate::model::Direction;
use crate::num::Convention;
use std::collections::HashMap;

/// What a table holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableKind {
    /// Program / kegiatan / sub kegiatan with pagu, realisasi, %.
    Budget,
    /// Sasaran / indikator / sub kegiatan with target, realisasi, capaian, kategori.
    Indicators,
    /// Items with a count ("Jumlah": staff, facilities).
    Counts,
    /// Sentences: "realisasi 19 Orang dari target 20 Orang atau 95%".
    Narrative,
    /// Nothing recognised: only sentences in its cells are checked.
    Unknown,
}

impl TableKind {
    pub fn label(self) -> &'static str {
        match self {
            TableKind::Budget => "Tabel anggaran",
            TableKind::Indicators => "Tabel indikator",
            TableKind::Counts => "Tabel jumlah",
            TableKind::Narrative => "Kalimat naratif",
            TableKind::Unknown => "Tidak dikenali",
        }
    }
}

/// The role of one column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ColumnRole {
    /// Not used.
    Ignore,
    /// Row numbering: `I`, `1.`, `13`.
    Number,
    /// Kode rekening: `1.06.02.2.01.0001`.
    Code,
    /// The item's name (program/kegiatan/sub kegiatan, indicator, jabatan…).
    Name,
    /// The sasaran an item belongs to (a parent written beside it).
    Sasaran,
    /// Pagu / anggaran (rupiah).
    Pagu,
    /// Realisasi anggaran (rupiah).
    Realisasi,
    /// Serapan: realisasi / pagu × 100.
    Serapan,
    /// Sisa anggaran, pagu − realisasi (rupiah).
    Sisa,
    /// Efisiensi: (pagu − realisasi) / pagu × 100.
    Efisiensi,
    /// Target of an indicator.
    Target,
    /// Realisation of an indicator.
    RealisasiKinerja,
    /// Capaian: realisasi / target × 100.
    Capaian,
    /// Category label ("Berhasil", "Sangat Tinggi").
    Kategori,
    /// A count ("28 Orang").
    Jumlah,
    /// Unit of measure.
    Satuan,
    /// Other text (penyebab, solusi, keterangan); sentences in it are checked.
    Text,
}

impl ColumnRole {
    /// Every role, for a selection list.
    pub const ALL: [ColumnRole; 17] = [
        ColumnRole::Ignore,
        ColumnRole::Number,
        ColumnRole::Code,
        ColumnRole::Name,
        ColumnRole::Sasaran,
        ColumnRole::Pagu,
        ColumnRole::Realisasi,
        ColumnRole::Serapan,
        ColumnRole::Sisa,
        ColumnRole::Efisiensi,
        ColumnRole::Target,
        ColumnRole::RealisasiKinerja,
        ColumnRole::Capaian,
        ColumnRole::Kategori,
        ColumnRole::Jumlah,
        ColumnRole::Satuan,
        ColumnRole::Text,
    ];

    /// Indonesian name for the UI.
    pub fn label(self) -> &'static str {
        match self {
            ColumnRole::Ignore => "Abaikan",
            ColumnRole::Number => "Nomor",
            ColumnRole::Code => "Kode",
            ColumnRole::Name => "Nama",
            ColumnRole::Sasaran => "Sasaran",
            ColumnRole::Pagu => "Pagu (Rp)",
            ColumnRole::Realisasi => "Realisasi (Rp)",
            ColumnRole::Serapan => "Serapan (%)",
            ColumnRole::Sisa => "Sisa anggaran (Rp)",
            ColumnRole::Efisiensi => "Efisiensi (%)",
            ColumnRole::Target => "Target",
            ColumnRole::RealisasiKinerja => "Realisasi kinerja",
            ColumnRole::Capaian => "Capaian (%)",
            ColumnRole::Kategori => "Kategori",
            ColumnRole::Jumlah => "Jumlah",
            ColumnRole::Satuan => "Satuan",
            ColumnRole::Text => "Teks",
        }
    }

    /// The column holds a figure that is read as a number.
    pub fn is_figure(self) -> bool {
        matches!(
            self,
            ColumnRole::Pagu
                | ColumnRole::Realisasi
                | ColumnRole::Serapan
                | ColumnRole::Sisa
                | ColumnRole::Efisiensi
                | ColumnRole::Target
                | ColumnRole::RealisasiKinerja
                | ColumnRole::Capaian
                | ColumnRole::Jumlah
        )
    }

    fn is_money(self) -> bool {
        matches!(
            self,
            ColumnRole::Pagu | ColumnRole::Realisasi | ColumnRole::Sisa
        )
    }

    fn is_textual(self) -> bool {
        matches!(
            self,
            ColumnRole::Name | ColumnRole::Sasaran | ColumnRole::Text | ColumnRole::Satuan
        )
    }
}

/// The level an item row has in the report's budget tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Program,
    Kegiatan,
    SubKegiatan,
}

impl Level {
    pub fn label(self) -> &'static str {
        match self {
            Level::Program => "Program",
            Level::Kegiatan => "Kegiatan",
            Level::SubKegiatan => "Sub Kegiatan",
        }
    }
}

/// The role of one row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowRole {
    /// Column headings (also a repeated heading after a page break, or `1 2 3 4`).
    Header,
    /// Not used (separators `-- --`, "Sumber: …").
    Ignore,
    /// More text of the row above (a name broken over two lines).
    Continuation,
    /// An item; `level` 0 is the top. Its parent is the nearest item above with a smaller
    /// level; a row with children is checked against their sum.
    Item { level: u8 },
    /// A totals row: the sum of the top-level items above it (since the previous total).
    Total,
    /// Narrative text: only its sentences are checked.
    Text,
}

/// How to read a grid: the proposal of [`propose`], corrected by the user.
#[derive(Clone, Debug, PartialEq)]
pub struct Mapping {
    pub kind: TableKind,
    /// One role per grid column.
    pub columns: Vec<ColumnRole>,
    /// One role per grid row (index into `Grid::rows`).
    pub rows: Vec<RowRole>,
    /// Per grid row: the row's cells are read this many columns to the right (negative:
    /// to the left). A PDF copy sometimes drops a leading empty cell; the proposal sets
    /// −1 or 1 for such rows.
    pub shifts: Vec<i8>,
    /// What each item level is in the report, `levels[0]` for level 0 (budget tables).
    pub levels: Vec<Level>,
    /// How `1.234` is read where a cell does not show its convention.
    pub convention: Convention,
    /// Direction of the indicators in an indicator table or in sentences.
    pub direction: Direction,
}

impl Mapping {
    /// Role of column `col`, `Ignore` beyond the mapping.
    pub fn column(&self, col: usize) -> ColumnRole {
        self.columns.get(col).copied().unwrap_or(ColumnRole::Ignore)
    }
    /// Role of row `row`, `Ignore` beyond the mapping.
    pub fn row(&self, row: usize) -> RowRole {
        self.rows.get(row).copied().unwrap_or(RowRole::Ignore)
    }
    /// The first column with `role`.
    pub fn find(&self, role: ColumnRole) -> Option<usize> {
        self.columns.iter().position(|r| *r == role)
    }
    /// The report level of item level `level` (deeper levels count as sub kegiatan).
    pub fn level(&self, level: u8) -> Level {
        self.levels
            .get(level as usize)
            .copied()
            .unwrap_or(Level::SubKegiatan)
    }
    /// Shift of row `row`.
    pub fn shift(&self, row: usize) -> i8 {
        self.shifts.get(row).copied().unwrap_or(0)
    }
}

// -------------------------------------------------------------------------------------
// The proposal
// -------------------------------------------------------------------------------------

/// Propose how to read a grid: its kind, column roles, row roles, hierarchy levels and
/// number convention. The result is plain data for the user to correct.
pub fn propose(grid: &Grid) -> Mapping {
    let convention = cells::votes(grid).convention();
    let width = grid.width();
    let n = grid.rows.len();
    let mut mapping = Mapping {
        kind: TableKind::Unknown,
        columns: vec![ColumnRole::Text; width],
        rows: vec![RowRole::Text; n],
        shifts: vec![0; n],
        levels: vec![Level::Program, Level::Kegiatan, Level::SubKegiatan],
        convention,
        direction: Direction::HigherIsBetter,
    };
    if width == 0 {
        mapping.kind = TableKind::Narrative;
        return mapping;
    }
    if is_narrative(grid) {
        mapping.kind = TableKind::Narrative;
        return mapping;
    }

    let headers = header_rows(grid);
    let columns = column_roles(grid, &headers, convention);
    mapping.kind = kind_of(&columns);
    mapping.columns = resolve_columns(columns, mapping.kind, grid, &headers);

    for (i, row) in grid.rows.iter().enumerate() {
        if headers.contains(&i) {
            mapping.rows[i] = RowRole::Header;
        } else if is_separator(row.cells.as_slice()) || is_source_note(row.cells.as_slice()) {
            mapping.rows[i] = RowRole::Ignore;
        }
    }
    derive_rows(grid, &mut mapping, &headers);
    mapping
}

/// After the user corrected the columns or the kind of a mapping: propose the rows again
/// (continuations, totals, hierarchy levels, shifted rows) under the corrected columns.
/// Rows marked as header or ignored stay so; everything else of the mapping is kept.
pub fn propose_rows(grid: &Grid, mapping: &mut Mapping) {
    let n = grid.rows.len();
    mapping.rows.resize(n, RowRole::Text);
    mapping.shifts.resize(n, 0);
    if mapping.kind == TableKind::Narrative {
        for r in mapping.rows.iter_mut() {
            if !matches!(r, RowRole::Header | RowRole::Ignore) {
                *r = RowRole::Text;
            }
        }
        return;
    }
    let headers: Vec<usize> = (0..n)
        .filter(|i| mapping.rows[*i] == RowRole::Header)
        .collect();
    derive_rows(grid, mapping, &headers);
}

fn derive_rows(grid: &Grid, mapping: &mut Mapping, headers: &[usize]) {
    for (i, row) in grid.rows.iter().enumerate() {
        if matches!(mapping.rows[i], RowRole::Header | RowRole::Ignore) {
            continue;
        }
        mapping.rows[i] = RowRole::Text;
        mapping.shifts[i] = best_shift(&row.cells, &mapping.columns, mapping.convention);
    }
    row_roles(grid, mapping);
    mapping.levels = propose_levels(grid, mapping, headers);
}

/// Most rows hold one long text: sentences, not a table.
fn is_narrative(grid: &Grid) -> bool {
    if grid.width() <= 1 {
        return true;
    }
    let rows = grid.rows.len().max(1);
    let single = grid
        .rows
        .iter()
        .filter(|r| {
            let filled: Vec<&Cell> = r.cells.iter().filter(|c| !c.is_empty()).collect();
            filled.len() <= 1 && filled.iter().all(|c| c.text.chars().count() > 30)
        })
        .count();
    single * 10 >= rows * 7
}

fn is_separator(cells: &[Cell]) -> bool {
    let filled: Vec<&Cell> = cells.iter().filter(|c| !c.is_empty()).collect();
    !filled.is_empty()
        && filled.iter().all(|c| {
            c.text
                .chars()
                .all(|ch| matches!(ch, '-' | '–' | '—' | '=' | ':' | ' '))
        })
        && filled
            .iter()
            .any(|c| c.text.chars().filter(|ch| *ch == '-' || *ch == '=').count() >= 2)
}

fn is_source_note(cells: &[Cell]) -> bool {
    let filled: Vec<&Cell> = cells.iter().filter(|c| !c.is_empty()).collect();
    filled.len() == 1 && {
        let t = filled[0].text.trim_start_matches(['*', '_']).to_lowercase();
        t.starts_with("sumber") || t.starts_with("keterangan :") || t.starts_with("catatan")
    }
}

/// A cell that is a data figure (not a year, not a column index).
fn is_data_figure(text: &str) -> bool {
    let t = text.trim().trim_start_matches(':').trim();
    let first = t.split_whitespace().next().unwrap_or("");
    if first.is_empty() || !first.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    if is_year(first) {
        return false;
    }
    cells::looks_numeric(first)
}

fn is_year(t: &str) -> bool {
    t.len() == 4 && t.parse::<u32>().is_ok_and(|y| (1990..=2100).contains(&y))
}

/// `1 2 3 4 5 6` or `(1) (2) … (7)`: column numbers under a header.
fn is_column_index_row(cells: &[Cell]) -> bool {
    let nums: Vec<Option<u32>> = cells
        .iter()
        .filter(|c| !c.is_empty())
        .map(|c| {
            c.text
                .trim()
                .trim_start_matches('(')
                .trim_end_matches(')')
                .parse::<u32>()
                .ok()
        })
        .collect();
    nums.len() >= 3
        && nums.iter().all(|n| n.is_some_and(|v| v < 50))
        && nums.windows(2).all(|w| w[0] < w[1])
}

fn header_like(cells: &[Cell]) -> bool {
    let filled: Vec<&Cell> = cells.iter().filter(|c| !c.is_empty()).collect();
    if filled.is_empty() || filled.iter().any(|c| is_data_figure(&c.text)) {
        return false;
    }
    if filled.iter().any(|c| c.text.chars().count() > 60) {
        return false;
    }
    let worded = filled
        .iter()
        .filter(|c| {
            let lower = c.text.to_lowercase();
            lower
                .split(|ch: char| ch.is_whitespace() || ch == '/')
                .any(|w| {
                    let w = w.trim_matches(|ch: char| !ch.is_alphanumeric() && ch != '%');
                    HEADER_WORDS.contains(&w) || is_year(w) || w == "%"
                })
        })
        .count();
    worded * 2 >= filled.len()
}

/// Indexes of header rows: a leading block (at most four rows) and later repeats of it.
fn header_rows(grid: &Grid) -> Vec<usize> {
    let mut out = Vec::new();
    for (i, row) in grid.rows.iter().enumerate().take(4) {
        if header_like(&row.cells) || (!out.is_empty() && is_column_index_row(&row.cells)) {
            out.push(i);
        } else if is_separator(&row.cells) && !out.is_empty() {
            continue;
        } else {
            break;
        }
    }
    let first_texts: Vec<String> = out
        .iter()
        .map(|i| row_signature(&grid.rows[*i].cells))
        .collect();
    for (i, row) in grid.rows.iter().enumerate() {
        if out.contains(&i) {
            continue;
        }
        let sig = row_signature(&row.cells);
        if first_texts.contains(&sig)
            || (i > 0 && out.contains(&(i - 1)) && is_column_index_row(&row.cells))
        {
            out.push(i);
        }
    }
    out.sort_unstable();
    out
}

fn row_signature(cells: &[Cell]) -> String {
    cells
        .iter()
        .map(|c| c.text.to_lowercase())
        .collect::<Vec<_>>()
        .join("\t")
        .trim()
        .to_string()
}

/// Header text per column, with a heading spanning several columns (written only in its
/// first column) carried to the columns under it that have a sub-heading.
fn header_texts(grid: &Grid, headers: &[usize]) -> Vec<String> {
    let width = grid.width();
    let leading: Vec<usize> = headers
        .iter()
        .copied()
        .take_while(|i| *i < 4)
        .filter(|i| !is_column_index_row(&grid.rows[*i].cells))
        .collect();
    let mut texts = vec![String::new(); width];
    for (k, &r) in leading.iter().enumerate() {
        let below = leading.get(k + 1).copied();
        let mut carry = String::new();
        for (col, text) in texts.iter_mut().enumerate() {
            let own = grid.text(r, col).trim().to_string();
            let piece = if !own.is_empty() {
                carry = own.clone();
                own
            } else if below.is_some_and(|b| !grid.text(b, col).trim().is_empty()) {
                carry.clone()
            } else {
                carry.clear();
                String::new()
            };
            if !piece.is_empty() {
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(&piece.to_lowercase());
            }
        }
    }
    texts
}

/// A role proposed from the header, before the table's kind is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Proposed {
    Role(ColumnRole),
    /// A percentage: serapan in a budget table, capaian in an indicator table.
    Percent {
        capaian_word: bool,
    },
    /// "Realisasi" without "Rp": money or performance, by content.
    RealisasiAny,
    /// A weaker name candidate ("Jabatan", "Golongan").
    NameWeak,
    Unknown,
}

fn has_word(h: &str, word: &str) -> bool {
    h.split(|c: char| !c.is_alphanumeric() && c != '%')
        .any(|w| w == word)
}

fn role_from_header(h: &str) -> Proposed {
    use ColumnRole as R;
    let h = h.trim();
    if h.is_empty() {
        return Proposed::Unknown;
    }
    if h.contains("efisiensi") {
        return Proposed::Role(R::Efisiensi);
    }
    if has_word(h, "sisa") {
        return Proposed::Role(R::Sisa);
    }
    if ["kategori", "predikat", "keberhasilan", "kegagalan"]
        .iter()
        .any(|w| h.contains(w))
    {
        return Proposed::Role(R::Kategori);
    }
    if h.contains('%') || h.contains("persen") || h.contains("serapan") || has_word(h, "capaian") {
        return Proposed::Percent {
            capaian_word: has_word(h, "capaian") && !h.contains('%'),
        };
    }
    if h.contains("realisasi") {
        return if has_word(h, "rp") || h.contains("(rp)") || h.contains("anggaran") {
            Proposed::Role(R::Realisasi)
        } else {
            Proposed::RealisasiAny
        };
    }
    if h.contains("pagu") || h.contains("anggaran") {
        return Proposed::Role(R::Pagu);
    }
    if h.contains("target") || h.contains("rencana") {
        return if has_word(h, "rp") || h.contains("(rp)") {
            Proposed::Role(R::Pagu)
        } else {
            Proposed::Role(R::Target)
        };
    }
    if h.contains("kode") {
        return Proposed::Role(R::Code);
    }
    if matches!(h, "no" | "no." | "nomor" | "nomor urut" | "no urut") {
        return Proposed::Role(R::Number);
    }
    if h.contains("indikator")
        || has_word(h, "iku")
        || h.contains("program")
        || h.contains("kegiatan")
        || h.contains("uraian")
        || h.contains("rincian")
    {
        return Proposed::Role(R::Name);
    }
    if h.contains("sasaran") || h.contains("tujuan") {
        return Proposed::Role(R::Sasaran);
    }
    if h.contains("jumlah") || h.contains("volume") {
        return Proposed::Role(R::Jumlah);
    }
    if h.contains("satuan") {
        return Proposed::Role(R::Satuan);
    }
    if [
        "jabatan", "golongan", "jenis", "nama", "pejabat", "sarana", "item",
    ]
    .iter()
    .any(|w| h.contains(w))
    {
        return Proposed::NameWeak;
    }
    Proposed::Role(R::Text)
}

/// What the data cells of a column look like.
#[derive(Clone, Copy, Debug, Default)]
struct Profile {
    filled: usize,
    money: usize,
    percent: usize,
    numeric: usize,
    numbering: usize,
    small: usize,
    text: usize,
    long_text: usize,
}

fn profile(grid: &Grid, col: usize, headers: &[usize], conv: Convention) -> Profile {
    let mut p = Profile::default();
    for (i, row) in grid.rows.iter().enumerate() {
        if headers.contains(&i) {
            continue;
        }
        let Some(cell) = row.cells.get(col) else {
            continue;
        };
        if cell.is_empty() || is_separator(std::slice::from_ref(cell)) {
            continue;
        }
        p.filled += 1;
        let t = cell.text.trim();
        if text::numbering(t).is_some() && t.chars().count() <= 6 {
            p.numbering += 1;
        }
        let as_percent = cells::percent(cell, conv);
        if let Num::Value(v) = as_percent {
            p.numeric += 1;
            if t.ends_with('%') || cell.percent {
                p.percent += 1;
            } else if v >= rust_decimal::Decimal::from(10_000) {
                p.money += 1;
            } else {
                p.small += 1;
            }
        } else if matches!(cells::count(cell, conv).0, Num::Value(_))
            || matches!(
                cells::value(cell, conv),
                Ok(Some(
                    crate::model::value::Value::Range { .. }
                        | crate::model::value::Value::Ratio { .. }
                ))
            )
        {
            p.numeric += 1;
            p.small += 1;
        } else if as_percent == Num::Dash {
            // "-" and alike: neither text nor number.
        } else {
            p.text += 1;
            if t.chars().count() > 15 {
                p.long_text += 1;
            }
        }
    }
    p
}

fn column_roles(grid: &Grid, headers: &[usize], conv: Convention) -> Vec<(Proposed, Profile)> {
    let texts = header_texts(grid, headers);
    (0..grid.width())
        .map(|c| {
            let h = texts.get(c).map(String::as_str).unwrap_or("");
            (role_from_header(h), profile(grid, c, headers, conv))
        })
        .collect()
}

fn kind_of(cols: &[(Proposed, Profile)]) -> TableKind {
    use ColumnRole as R;
    let has = |f: &dyn Fn(&Proposed, &Profile) -> bool| cols.iter().any(|(p, pr)| f(p, pr));
    let money_realisasi = |p: &Proposed, pr: &Profile| {
        matches!(p, Proposed::Role(R::Pagu) | Proposed::Role(R::Realisasi))
            || (matches!(p, Proposed::RealisasiAny) && pr.money * 2 > pr.filled)
    };
    if has(&money_realisasi) {
        return TableKind::Budget;
    }
    if has(&|p, _| {
        matches!(
            p,
            Proposed::Role(R::Target)
                | Proposed::RealisasiAny
                | Proposed::Role(R::Kategori)
                | Proposed::Percent { .. }
        )
    }) {
        return TableKind::Indicators;
    }
    if has(&|p, _| matches!(p, Proposed::Role(R::Jumlah))) {
        return TableKind::Counts;
    }
    // No header to go by: two columns of rupiah make a budget table.
    let money_cols = cols
        .iter()
        .filter(|(_, pr)| pr.filled > 0 && pr.money * 2 > pr.filled)
        .count();
    if money_cols >= 2 {
        return TableKind::Budget;
    }
    TableKind::Unknown
}

fn resolve_columns(
    cols: Vec<(Proposed, Profile)>,
    kind: TableKind,
    grid: &Grid,
    headers: &[usize],
) -> Vec<ColumnRole> {
    use ColumnRole as R;
    let plain_percent = cols.iter().any(|(p, _)| {
        matches!(
            p,
            Proposed::Percent {
                capaian_word: false
            }
        )
    });
    let mut roles: Vec<ColumnRole> = cols
        .iter()
        .map(|(p, pr)| match p {
            Proposed::Role(r) => *r,
            Proposed::Percent { capaian_word } => match kind {
                TableKind::Budget if *capaian_word && plain_percent => R::Text,
                TableKind::Budget => R::Serapan,
                _ => R::Capaian,
            },
            Proposed::RealisasiAny => {
                if kind == TableKind::Budget && pr.percent * 2 <= pr.filled {
                    R::Realisasi
                } else {
                    R::RealisasiKinerja
                }
            }
            Proposed::NameWeak => R::Name,
            Proposed::Unknown => R::Ignore,
        })
        .collect();

    // Several realisation columns under years: the latest year is the one checked.
    let real_cols: Vec<usize> = roles
        .iter()
        .enumerate()
        .filter(|(_, r)| **r == R::RealisasiKinerja)
        .map(|(i, _)| i)
        .collect();
    if real_cols.len() > 1 {
        let texts = header_texts(grid, headers);
        let year_of = |c: usize| {
            texts[c]
                .split_whitespace()
                .filter_map(|w| w.parse::<u32>().ok())
                .filter(|y| (1990..=2100).contains(y))
                .max()
        };
        let best = real_cols.iter().copied().max_by_key(|c| (year_of(*c), *c));
        for c in real_cols {
            if Some(c) != best {
                roles[c] = R::Text;
            }
        }
    }

    // A figure column whose cells are mostly words is text after all.
    for (c, (_, pr)) in cols.iter().enumerate() {
        if roles[c].is_figure() && pr.filled > 0 && pr.text * 2 > pr.filled {
            roles[c] = R::Text;
        }
        if roles[c] == R::Ignore {
            roles[c] = content_role(pr);
        }
        // A column of only "Rp." beside the amounts.
        if roles[c] == R::Text && pr.filled > 0 && pr.text == pr.filled {
            let all_rp = grid
                .rows
                .iter()
                .enumerate()
                .filter(|(i, _)| !headers.contains(i))
                .all(|(_, r)| {
                    r.cells.get(c).is_none_or(|x| {
                        let t = x.text.trim().trim_end_matches('.').to_lowercase();
                        t.is_empty() || t == "rp"
                    })
                });
            if all_rp {
                roles[c] = R::Ignore;
            }
        }
    }

    // Exactly one name column: the first; more become text.
    let mut seen_name = false;
    for r in roles.iter_mut() {
        if *r == R::Name {
            if seen_name {
                *r = R::Text;
            }
            seen_name = true;
        }
    }
    if !seen_name {
        // The text column with the longest texts names the items.
        let best = cols
            .iter()
            .enumerate()
            .filter(|(c, _)| roles[*c] == R::Text || roles[*c] == R::Ignore)
            .max_by_key(|(_, (_, pr))| (pr.long_text, pr.text));
        if let Some((c, (_, pr))) = best {
            if pr.text > 0 {
                roles[c] = R::Name;
            }
        }
    }
    // A leading column of numbering is the number column.
    if let Some((c, (_, pr))) = cols.iter().enumerate().next() {
        if roles[c] != R::Number
            && roles[c] != R::Name
            && pr.filled > 0
            && pr.numbering * 10 >= pr.filled * 7
        {
            roles[c] = R::Number;
        }
    }
    // Money columns without header: pagu first, then realisasi.
    if kind == TableKind::Budget && !roles.contains(&R::Pagu) {
        let money: Vec<usize> = cols
            .iter()
            .enumerate()
            .filter(|(c, (_, pr))| {
                !matches!(roles[*c], R::Number | R::Realisasi | R::Sisa)
                    && pr.filled > 0
                    && pr.money * 2 > pr.filled
            })
            .map(|(c, _)| c)
            .collect();
        let has_realisasi = roles.contains(&R::Realisasi);
        match money.as_slice() {
            [p, r, ..] if !has_realisasi => {
                roles[*p] = R::Pagu;
                roles[*r] = R::Realisasi;
            }
            [p, ..] => roles[*p] = R::Pagu,
            [] => {}
        }
    }
    roles
}

/// A role from content alone, for a column without a header.
fn content_role(pr: &Profile) -> ColumnRole {
    if pr.filled == 0 {
        return ColumnRole::Ignore;
    }
    if pr.numbering * 10 >= pr.filled * 7 {
        ColumnRole::Number
    } else if pr.percent * 2 > pr.filled {
        ColumnRole::Serapan
    } else if pr.text * 2 > pr.filled {
        ColumnRole::Text
    } else {
        ColumnRole::Ignore
    }
}

/// How well a row's cells fit the columns when read `shift` columns over.
fn fit(cells: &[Cell], columns: &[ColumnRole], shift: i8, conv: Convention) -> i32 {
    let get = |c: usize| -> Option<&Cell> {
        let idx = c as i64 + shift as i64;
        if idx < 0 {
            None
        } else {
            cells.get(idx as usize)
        }
    };
    let mut score = 0i32;
    for (c, role) in columns.iter().enumerate() {
        let Some(cell) = get(c) else { continue };
        if cell.is_empty() {
            continue;
        }
        let ok = match role {
            r if r.is_money() => !cells::money(cell, conv).is_bad(),
            ColumnRole::Serapan | ColumnRole::Efisiensi | ColumnRole::Capaian => {
                !cells::percent(cell, conv).is_bad()
            }
            ColumnRole::Jumlah => !cells::count(cell, conv).0.is_bad(),
            ColumnRole::Name => !cells::looks_numeric(&cell.text),
            _ => continue,
        };
        let weight = if *role == ColumnRole::Name { 1 } else { 2 };
        score += if ok { weight } else { -weight };
    }
    // Cells that fall off the mapped columns count against a shift.
    let lost = (0..cells.len())
        .filter(|i| {
            let c = *i as i64 - shift as i64;
            (c < 0 || c as usize >= columns.len()) && !cells[*i].is_empty()
        })
        .count();
    score - 2 * lost as i32
}

fn best_shift(cells: &[Cell], columns: &[ColumnRole], conv: Convention) -> i8 {
    let base = fit(cells, columns, 0, conv);
    let mut best = (base, 0i8);
    for s in [-1i8, 1] {
        let f = fit(cells, columns, s, conv);
        if f > best.0 + 1 {
            best = (f, s);
        }
    }
    best.1
}

/// The effective cell of a grid row at `col`, after the row's shift.
pub(crate) fn shifted<'g>(
    grid: &'g Grid,
    mapping: &Mapping,
    row: usize,
    col: usize,
) -> Option<&'g Cell> {
    let idx = col as i64 + mapping.shift(row) as i64;
    if idx < 0 {
        return None;
    }
    grid.cell(row, idx as usize)
}

fn row_roles(grid: &Grid, mapping: &mut Mapping) {
    let name_col = mapping.find(ColumnRole::Name);
    let number_col = mapping
        .find(ColumnRole::Number)
        .or_else(|| mapping.find(ColumnRole::Code));
    let kategori_col = mapping.find(ColumnRole::Kategori);
    let figure_cols: Vec<usize> = mapping
        .columns
        .iter()
        .enumerate()
        .filter(|(_, r)| r.is_figure())
        .map(|(c, _)| c)
        .collect();
    let kind = mapping.kind;
    let mut prev_item: Option<usize> = None;
    for i in 0..grid.rows.len() {
        if matches!(mapping.rows[i], RowRole::Header | RowRole::Ignore) {
            continue;
        }
        let cell = |c: Option<usize>| c.and_then(|c| shifted(grid, mapping, i, c));
        let name = cell(name_col).map(|c| c.text.clone()).unwrap_or_default();
        let number = cell(number_col).map(|c| c.text.clone()).unwrap_or_default();
        let has_figure = figure_cols
            .iter()
            .any(|c| shifted(grid, mapping, i, *c).is_some_and(|x| !x.is_empty()));
        let first_text = grid.rows[i]
            .cells
            .iter()
            .find(|c| !c.is_empty())
            .map(|c| c.text.clone())
            .unwrap_or_default();
        let total = text::is_total_label(&name)
            || text::is_total_label(&number)
            || (name.trim().is_empty() && text::is_total_label(&first_text));
        let filled: Vec<&Cell> = grid.rows[i]
            .cells
            .iter()
            .filter(|c| !c.is_empty())
            .collect();
        let sentence = filled.len() == 1 && !has_figure && {
            let words = filled[0].text.split_whitespace().count();
            let amount = filled[0].text.split_whitespace().any(|t| {
                cells::token_number(t, mapping.convention, true)
                    .is_some_and(|(v, _)| v >= rust_decimal::Decimal::from(1000))
            });
            words >= 12 || (words >= 5 && amount)
        };
        let role = if total && kind != TableKind::Indicators {
            RowRole::Total
        } else if sentence {
            RowRole::Text
        } else {
            let numbered =
                text::numbering(&number).is_some() || text::split_numbering(&name).0.is_some();
            let (_, bare) = text::split_numbering(&name);
            let kw = text::keyword(bare);
            let bold =
                cell(name_col).is_some_and(|c| c.bold) || cell(number_col).is_some_and(|c| c.bold);
            let prev_bold = prev_item
                .map(|p| {
                    name_col
                        .and_then(|c| shifted(grid, mapping, p, c))
                        .is_some_and(|c| c.bold)
                })
                .unwrap_or(false);
            let continuation = prev_item.is_some()
                && match kind {
                    TableKind::Indicators => {
                        name.trim().is_empty()
                            && !has_figure
                            && cell(kategori_col).is_none_or(Cell::is_empty)
                    }
                    _ => {
                        !has_figure
                            && !numbered
                            && kw.is_none()
                            && (name.trim().is_empty() || !bold || prev_bold)
                    }
                };
            if continuation {
                RowRole::Continuation
            } else {
                RowRole::Item { level: 0 }
            }
        };
        mapping.rows[i] = role;
        match role {
            RowRole::Item { .. } | RowRole::Total => prev_item = Some(i),
            RowRole::Text => prev_item = None,
            _ => {}
        }
    }
    if kind == TableKind::Budget {
        assign_levels(grid, mapping, name_col, number_col);
    }
}

/// The heading style of an item row, for the outline.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Style {
    Leaf,
    Fixed(u8),
    Heading {
        roman: bool,
        numbered: bool,
        bold: bool,
    },
}

fn assign_levels(
    grid: &Grid,
    mapping: &mut Mapping,
    name_col: Option<usize>,
    number_col: Option<usize>,
) {
    let items: Vec<usize> = (0..grid.rows.len())
        .filter(|i| matches!(mapping.rows[*i], RowRole::Item { .. }))
        .collect();
    let cell = |i: usize, c: Option<usize>| c.and_then(|c| shifted(grid, mapping, i, c));
    let bold_of = |i: usize| {
        cell(i, name_col).is_some_and(|c| c.bold) || cell(i, number_col).is_some_and(|c| c.bold)
    };
    // Bold on (nearly) every row says nothing about the hierarchy.
    let bold_rows = items.iter().filter(|i| bold_of(**i)).count();
    let bold_means = bold_rows * 10 < items.len().max(1) * 8;

    let styles: Vec<Style> = items
        .iter()
        .map(|&i| {
            let name = cell(i, name_col)
                .map(|c| c.text.clone())
                .unwrap_or_default();
            let number_text = cell(i, number_col)
                .map(|c| c.text.clone())
                .unwrap_or_default();
            let (prefix, bare) = text::split_numbering(&name);
            let numbering = text::numbering(&number_text).or(prefix.map(|p| p.1));
            let bold = bold_means && bold_of(i);
            match (text::keyword(bare), &numbering) {
                (Some(Keyword::SubKegiatan), _) => Style::Leaf,
                (Some(Keyword::Kegiatan), _) => Style::Fixed(1),
                (Some(Keyword::Program), _) => Style::Fixed(0),
                (None, Some(Numbering::Code(n))) if *n >= 6 => Style::Leaf,
                (None, Some(Numbering::Code(n))) if *n >= 4 => Style::Fixed(1),
                (None, Some(Numbering::Code(_))) => Style::Fixed(0),
                (None, Some(Numbering::Roman(_))) => Style::Heading {
                    roman: true,
                    numbered: true,
                    bold,
                },
                (None, n) if bold => Style::Heading {
                    roman: false,
                    numbered: n.is_some(),
                    bold,
                },
                _ => Style::Leaf,
            }
        })
        .collect();

    let mut known: HashMap<Style, u8> = HashMap::new();
    let mut current: Option<u8> = None;
    let mut prev_heading = false;
    for (k, &i) in items.iter().enumerate() {
        let level = match &styles[k] {
            Style::Leaf => {
                prev_heading = false;
                current.map(|l| l.saturating_add(1)).unwrap_or(0)
            }
            style => {
                let level = match style {
                    Style::Fixed(l) => *l,
                    _ => match known.get(style) {
                        Some(l) => *l,
                        None => match (prev_heading, current) {
                            (true, Some(l)) => l.saturating_add(1),
                            (false, Some(l)) => l,
                            (_, None) => 0,
                        },
                    },
                };
                known.entry(style.clone()).or_insert(level);
                current = Some(level);
                prev_heading = true;
                level
            }
        };
        mapping.rows[i] = RowRole::Item {
            level: level.min(8),
        };
    }
}

fn propose_levels(grid: &Grid, mapping: &Mapping, headers: &[usize]) -> Vec<Level> {
    let full = vec![Level::Program, Level::Kegiatan, Level::SubKegiatan];
    if mapping.kind != TableKind::Budget {
        return full;
    }
    let name_col = mapping.find(ColumnRole::Name);
    let number_col = mapping
        .find(ColumnRole::Number)
        .or_else(|| mapping.find(ColumnRole::Code));
    let mut fixed = false;
    let mut max_level = 0u8;
    for (i, role) in mapping.rows.iter().enumerate() {
        if let RowRole::Item { level } = role {
            max_level = max_level.max(*level);
            let name = name_col
                .and_then(|c| shifted(grid, mapping, i, c))
                .map(|c| c.text.as_str())
                .unwrap_or("");
            let number = number_col
                .and_then(|c| shifted(grid, mapping, i, c))
                .map(|c| c.text.as_str())
                .unwrap_or("");
            let (prefix, bare) = text::split_numbering(name);
            let code = matches!(
                text::numbering(number).or(prefix.map(|p| p.1)),
                Some(Numbering::Code(_))
            );
            if matches!(
                text::keyword(bare),
                Some(Keyword::Program | Keyword::Kegiatan)
            ) || code
            {
                fixed = true;
            }
        }
    }
    let name_header = header_texts(grid, headers)
        .get(name_col.unwrap_or(usize::MAX))
        .cloned()
        .unwrap_or_default();
    if fixed || name_header.contains("program") {
        return full;
    }
    match max_level {
        0 => vec![Level::SubKegiatan],
        1 => vec![Level::Kegiatan, Level::SubKegiatan],
        _ => full,
    }
}

/// An item or totals row as the checks see it: cells after the row's shift, with the text
/// of its continuation rows appended.
#[derive(Clone, Debug)]
pub(crate) struct Line {
    /// The row number the user sees.
    pub number: usize,
    pub role: RowRole,
    /// One cell per mapped column.
    pub cells: Vec<Cell>,
    /// The numbering label: `13`, `IV`; empty when none.
    pub label: String,
    /// The name, without its numbering.
    pub name: String,
    /// The row's shift (its cells were read this many columns over).
    pub shift: i8,
}

impl Line {
    pub(crate) fn cell(&self, col: Option<usize>) -> Option<&Cell> {
        col.and_then(|c| self.cells.get(c))
    }

    /// "baris 13 'Penyediaan Perbekalan…'", as the user would look for it.
    pub(crate) fn reference(&self) -> String {
        let name = text::short(&self.name, 40);
        match (self.label.is_empty(), name.is_empty()) {
            (false, false) => format!("baris {} '{}'", self.label, name),
            (false, true) => format!("baris {}", self.label),
            (true, false) => format!("baris '{name}'"),
            (true, true) => format!("baris ke-{}", self.number),
        }
    }
}

/// The item, totals and text rows of a grid under a mapping.
pub(crate) fn lines(grid: &Grid, mapping: &Mapping) -> Vec<Line> {
    let width = mapping.columns.len();
    let name_col = mapping.find(ColumnRole::Name);
    let number_col = mapping
        .find(ColumnRole::Number)
        .or_else(|| mapping.find(ColumnRole::Code));
    let mut out: Vec<Line> = Vec::new();
    for (i, row) in grid.rows.iter().enumerate() {
        match mapping.row(i) {
            RowRole::Header | RowRole::Ignore => {}
            RowRole::Continuation => {
                if let Some(last) = out.last_mut() {
                    append_continuation(last, &row.cells, mapping);
                }
            }
            role => {
                let cells: Vec<Cell> = (0..width)
                    .map(|c| shifted(grid, mapping, i, c).cloned().unwrap_or_default())
                    .collect();
                out.push(Line {
                    number: row.number,
                    role,
                    cells,
                    label: String::new(),
                    name: String::new(),
                    shift: mapping.shift(i),
                });
            }
        }
    }
    for line in &mut out {
        let raw_name = line
            .cell(name_col)
            .map(|c| c.text.clone())
            .unwrap_or_default();
        let raw_number = line
            .cell(number_col)
            .map(|c| c.text.clone())
            .unwrap_or_default();
        let (prefix, bare) = text::split_numbering(&raw_name);
        let label = match text::numbering(&raw_number) {
            Some(_) => raw_number
                .trim()
                .trim_end_matches(['.', ')'])
                .trim_start_matches('(')
                .to_string(),
            None => prefix.map(|p| p.0).unwrap_or_default(),
        };
        let mut name = bare.to_string();
        if name.is_empty() {
            name = line
                .cells
                .iter()
                .enumerate()
                .filter(|(c, _)| {
                    mapping.column(*c).is_textual() || mapping.column(*c) == ColumnRole::Number
                })
                .map(|(_, x)| x.text.trim())
                .find(|t| !t.is_empty() && text::numbering(t).is_none())
                .unwrap_or("")
                .to_string();
        }
        line.label = label;
        line.name = name;
    }
    out
}

fn append_continuation(last: &mut Line, cells: &[Cell], mapping: &Mapping) {
    let filled: Vec<(usize, &Cell)> = cells
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.is_empty())
        .collect();
    if filled.is_empty() {
        return;
    }
    let text_cols: Vec<usize> = last
        .cells
        .iter()
        .enumerate()
        .filter(|(c, x)| {
            mapping.column(*c).is_textual() && !x.is_empty() && !cells::looks_numeric(&x.text)
        })
        .map(|(c, _)| c)
        .collect();
    let push = |cell: &mut Cell, more: &str| {
        if !cell.text.is_empty() {
            cell.text.push(' ');
        }
        cell.text.push_str(more.trim());
    };
    if filled
        .iter()
        .all(|(c, _)| text_cols.contains(c) || mapping.column(*c).is_textual())
    {
        for (c, x) in filled {
            if let Some(cell) = last.cells.get_mut(c) {
                push(cell, &x.text);
            }
        }
    } else if filled.len() == text_cols.len() {
        for ((_, x), c) in filled.iter().zip(text_cols) {
            push(&mut last.cells[c], &x.text);
        }
    } else if let Some(c) = mapping.find(ColumnRole::Name) {
        let joined: Vec<&str> = filled.iter().map(|(_, x)| x.text.as_str()).collect();
        if let Some(cell) = last.cells.get_mut(c) {
            push(cell, &joined.join(" "));
        }
    }
}
