//! Tables of counts (staff by education, by rank, facilities): every totals row against
//! the sum of its rows, and the same item across tables (six "Jabatan Fungsional
//! Tertentu" in one table, 1 + 4 in another).

use super::cells::{self, Num};
use super::findings::{judge, Cause, Figure, Finding, Location, Verdict};
use super::grid::Grid;
use super::mapping::{lines, ColumnRole, Line, Mapping, RowRole};
use super::text;
use crate::num::format_plain;
use rust_decimal::Decimal;

/// A counts table, read.
pub(crate) struct Counts {
    pub table: usize,
    pub name: String,
    pub lines: Vec<Line>,
    pub values: Vec<Num>,
    pub units: Vec<String>,
    pub col: Option<usize>,
    pub col_offset: usize,
}

impl Counts {
    fn location(&self, i: usize) -> Location {
        let line = &self.lines[i];
        Location {
            table: self.table,
            row: line.number,
            col: self
                .col
                .map(|c| self.col_offset + (c as i64 + line.shift as i64).max(0) as usize + 1),
        }
    }
}

pub(crate) fn read(table: usize, name: &str, grid: &Grid, mapping: &Mapping) -> Counts {
    let col = mapping.find(ColumnRole::Jumlah);
    let lines: Vec<Line> = lines(grid, mapping)
        .into_iter()
        .filter(|l| matches!(l.role, RowRole::Item { .. } | RowRole::Total))
        .collect();
    let (values, units) = lines
        .iter()
        .map(|l| match l.cell(col) {
            Some(c) => cells::count(c, mapping.convention),
            None => (Num::Empty, String::new()),
        })
        .unzip();
    Counts {
        table,
        name: name.to_string(),
        lines,
        values,
        units,
        col,
        col_offset: grid.first_col,
    }
}

fn with_unit(v: Decimal, unit: &str) -> String {
    if unit.is_empty() {
        format_plain(v)
    } else {
        format!("{} {unit}", format_plain(v))
    }
}

/// Totals rows against the sum of the rows above them (since the previous total).
pub(crate) fn findings(c: &Counts) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut scope: Vec<usize> = Vec::new();
    for i in 0..c.lines.len() {
        let line = &c.lines[i];
        if let Num::Bad(msg) = &c.values[i] {
            out.push(Finding {
                location: c.location(i),
                item: line.name.clone(),
                figure: Figure::Jumlah,
                printed_text: line.cell(c.col).map(|x| x.text.clone()).unwrap_or_default(),
                printed: None,
                recomputed: None,
                recomputed_text: String::new(),
                difference: None,
                verdict: Verdict::Unreadable,
                cause_kind: Cause::Unreadable,
                cause: format!("{msg}. Sel ini tidak dihitung (tidak dianggap 0)."),
                related: vec![],
            });
        }
        if line.role != RowRole::Total {
            scope.push(i);
            continue;
        }
        let rows = std::mem::take(&mut scope);
        let Some(printed) = c.values[i].value() else {
            continue;
        };
        let unit = c.units[i].clone();
        let base =
            |verdict, rec: Option<Decimal>, kind, cause: String, related: Vec<Location>| Finding {
                location: c.location(i),
                item: line.name.clone(),
                figure: Figure::Jumlah,
                printed_text: line.cell(c.col).map(|x| x.text.clone()).unwrap_or_default(),
                printed: Some(printed),
                recomputed: rec,
                recomputed_text: rec.map(|r| with_unit(r, &unit)).unwrap_or_default(),
                difference: rec.map(|r| printed - r),
                verdict,
                cause_kind: kind,
                cause,
                related,
            };
        if let Some(b) = rows.iter().find(|r| c.values[**r].is_bad()) {
            out.push(base(
                Verdict::Info,
                None,
                Cause::NotComputable,
                format!(
                    "Tidak dapat dihitung ulang: {} tidak terbaca.",
                    c.lines[*b].reference()
                ),
                vec![],
            ));
            continue;
        }
        let vals: Vec<(usize, Decimal)> = rows
            .iter()
            .filter_map(|r| c.values[*r].value().map(|v| (*r, v)))
            .collect();
        let sum: Decimal = vals.iter().map(|(_, v)| *v).sum();
        let verdict = judge(printed, sum);
        if matches!(verdict, Verdict::Correct | Verdict::Rounding) {
            out.push(base(verdict, Some(sum), Cause::None, String::new(), vec![]));
            continue;
        }
        let gap = printed - sum;
        let single = vals.iter().find(|(_, v)| *v == -gap || *v == gap);
        let (kind, cause, related) = match single {
            Some((r, v)) if *v == -gap => (
                Cause::RowsLeftOut,
                format!("{} tidak ikut dijumlahkan (selisih {}).", c.lines[*r].reference(), format_plain(gap.abs())),
                vec![c.location(*r)],
            ),
            Some((r, _)) => (
                Cause::RowsCountedTwice,
                format!("{} terhitung dua kali (selisih {}).", c.lines[*r].reference(), format_plain(gap.abs())),
                vec![c.location(*r)],
            ),
            None => (
                Cause::NoCombination,
                format!(
                    "Jumlah tidak sama dengan kombinasi mana pun dari barisnya: jumlah baris {} (selisih {}).",
                    format_plain(sum),
                    format_plain(gap.abs())
                ),
                vec![],
            ),
        };
        out.push(base(verdict, Some(sum), kind, cause, related));
    }
    out
}

/// The same item in two counts tables with different counts. The table that breaks the
/// item down over more rows is taken as the detail; the finding is put on the other.
pub(crate) fn cross(tables: &[Counts]) -> Vec<Finding> {
    struct Entry {
        t: usize,
        rows: Vec<usize>,
        sum: Decimal,
    }
    let mut by_key: Vec<(String, Vec<Entry>)> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (t, c) in tables.iter().enumerate() {
        let mut local: Vec<(String, Entry)> = Vec::new();
        let mut local_index: std::collections::HashMap<String, usize> =
            std::collections::HashMap::new();
        for (i, line) in c.lines.iter().enumerate() {
            if line.role == RowRole::Total {
                continue;
            }
            let Some(v) = c.values[i].value() else {
                continue;
            };
            let k = text::key(&line.name);
            if k.chars().count() < 4 {
                continue;
            }
            match local_index.get(&k) {
                Some(&j) => {
                    local[j].1.rows.push(i);
                    local[j].1.sum += v;
                }
                None => {
                    local_index.insert(k.clone(), local.len());
                    local.push((
                        k,
                        Entry {
                            t,
                            rows: vec![i],
                            sum: v,
                        },
                    ));
                }
            }
        }
        for (k, e) in local {
            match index.get(&k) {
                Some(&j) => by_key[j].1.push(e),
                None => {
                    index.insert(k.clone(), by_key.len());
                    by_key.push((k, vec![e]));
                }
            }
        }
    }
    let mut out = Vec::new();
    for (_, entries) in by_key {
        if entries.len() < 2 {
            continue;
        }
        let Some(detail) = entries
            .iter()
            .max_by_key(|e| (e.rows.len(), std::cmp::Reverse(e.t)))
        else {
            continue;
        };
        for e in &entries {
            if std::ptr::eq(e, detail) || e.sum == detail.sum {
                continue;
            }
            let c = &tables[e.t];
            let d = &tables[detail.t];
            let i = e.rows[0];
            let parts: Vec<String> = detail
                .rows
                .iter()
                .filter_map(|r| d.values[*r].value())
                .map(format_plain)
                .collect();
            let breakdown = if parts.len() > 1 {
                format!(" ({})", parts.join(" + "))
            } else {
                String::new()
            };
            let where_ = if d.name.trim().is_empty() {
                "Tabel lain".to_string()
            } else {
                capital(d.name.trim())
            };
            out.push(Finding {
                location: c.location(i),
                item: c.lines[i].name.clone(),
                figure: Figure::Jumlah,
                printed_text: c.lines[i].cell(c.col).map(|x| x.text.clone()).unwrap_or_default(),
                printed: Some(e.sum),
                recomputed: Some(detail.sum),
                recomputed_text: with_unit(detail.sum, &d.units[detail.rows[0]]),
                difference: Some(e.sum - detail.sum),
                verdict: Verdict::Mismatch,
                cause_kind: Cause::DiffersFromOtherTable,
                cause: format!(
                    "{where_} mencatat {}{breakdown} untuk '{}', tabel ini {}: salah satu tabel keliru.",
                    format_plain(detail.sum),
                    c.lines[i].name,
                    format_plain(e.sum)
                ),
                related: detail.rows.iter().map(|r| d.location(*r)).collect(),
            });
        }
    }
    out
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}
