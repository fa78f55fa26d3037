//! The checker's work kept across leaving the page and a reload: the pasted tables, their
//! (corrected) mappings and whether they were checked. The findings are not stored: they
//! are recomputed from the tables and mappings, which gives the same findings.
//!
//! A small JSON of its own (version 1); the app keeps it in the browser's sessionStorage.

use super::grid::{Cell, Grid, GridRow};
use super::mapping::{ColumnRole, Level, Mapping, RowRole, TableKind};
use super::Table;
use crate::model::Direction;
use crate::num::Convention;
use rust_decimal::Decimal;
use serde_json::{json, Map, Value};

/// What the checker page holds.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Saved {
    pub tables: Vec<Table>,
    /// The tables were checked (the findings are shown again).
    pub checked: bool,
    /// The table shown in the mapping editor.
    pub selected: usize,
}

const VERSION: u64 = 1;

fn kind_code(k: TableKind) -> &'static str {
    match k {
        TableKind::Budget => "anggaran",
        TableKind::Indicators => "indikator",
        TableKind::Counts => "jumlah",
        TableKind::Narrative => "naratif",
        TableKind::Unknown => "lain",
    }
}

fn kind_from(s: &str) -> Option<TableKind> {
    [
        TableKind::Budget,
        TableKind::Indicators,
        TableKind::Counts,
        TableKind::Narrative,
        TableKind::Unknown,
    ]
    .into_iter()
    .find(|k| kind_code(*k) == s)
}

/// A row role as a short code (`item1`, `total`, …): in the saved state and in the
/// mapping editor's choices.
pub fn role_code(r: RowRole) -> String {
    match r {
        RowRole::Header => "header".into(),
        RowRole::Ignore => "ignore".into(),
        RowRole::Continuation => "cont".into(),
        RowRole::Item { level } => format!("item{level}"),
        RowRole::Total => "total".into(),
        RowRole::Text => "text".into(),
    }
}

/// The row role of a code written by [`role_code`].
pub fn role_from(s: &str) -> Option<RowRole> {
    Some(match s {
        "header" => RowRole::Header,
        "ignore" => RowRole::Ignore,
        "cont" => RowRole::Continuation,
        "total" => RowRole::Total,
        "text" => RowRole::Text,
        c => RowRole::Item {
            level: c.strip_prefix("item")?.parse().ok()?,
        },
    })
}

fn level_code(l: Level) -> &'static str {
    match l {
        Level::Program => "program",
        Level::Kegiatan => "kegiatan",
        Level::SubKegiatan => "sub",
    }
}

fn cell_json(c: &Cell) -> Value {
    let mut m = Map::new();
    m.insert("t".into(), Value::String(c.text.clone()));
    if c.bold {
        m.insert("b".into(), Value::Bool(true));
    }
    if let Some(n) = c.number {
        m.insert("n".into(), Value::String(n.to_string()));
    }
    if c.percent {
        m.insert("p".into(), Value::Bool(true));
    }
    Value::Object(m)
}

/// The checker's state as text.
pub fn to_json(saved: &Saved) -> String {
    let tables: Vec<Value> = saved
        .tables
        .iter()
        .map(|t| {
            let m = &t.mapping;
            json!({
                "nama": t.name,
                "kolom_pertama": t.grid.first_col,
                "baris": t.grid.rows.iter().map(|r| json!({
                    "no": r.number,
                    "sel": r.cells.iter().map(cell_json).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
                "jenis": kind_code(m.kind),
                "peran_kolom": m.columns.iter().map(|c| {
                    ColumnRole::ALL.iter().position(|x| x == c).unwrap_or(0)
                }).collect::<Vec<_>>(),
                "peran_baris": m.rows.iter().map(|r| role_code(*r)).collect::<Vec<_>>(),
                "geser": m.shifts,
                "tingkat": m.levels.iter().map(|l| level_code(*l)).collect::<Vec<_>>(),
                "konvensi": if m.convention == Convention::English { "en" } else { "id" },
                "arah": if m.direction.lower_is_better() { "turun" } else { "naik" },
            })
        })
        .collect();
    json!({
        "versi": VERSION,
        "diperiksa": saved.checked,
        "dipilih": saved.selected,
        "tabel": tables,
    })
    .to_string()
}

fn err(what: &str) -> String {
    format!("Data pemeriksaan tersimpan rusak: {what}.")
}

/// Read back what [`to_json`] wrote. Refuses (with an Indonesian message) anything else.
pub fn from_json(text: &str) -> Result<Saved, String> {
    let v: Value = serde_json::from_str(text).map_err(|_| err("bukan JSON"))?;
    if v.get("versi").and_then(Value::as_u64) != Some(VERSION) {
        return Err(err("versi tidak dikenal"));
    }
    let mut tables = Vec::new();
    for (ti, t) in v
        .get("tabel")
        .and_then(Value::as_array)
        .ok_or_else(|| err("tanpa tabel"))?
        .iter()
        .enumerate()
    {
        let bad = |what: &str| err(&format!("tabel {} {what}", ti + 1));
        let strs = |key: &str| -> Result<Vec<String>, String> {
            t.get(key)
                .and_then(Value::as_array)
                .ok_or_else(|| bad(key))?
                .iter()
                .map(|x| x.as_str().map(str::to_string).ok_or_else(|| bad(key)))
                .collect()
        };
        let mut rows = Vec::new();
        for r in t
            .get("baris")
            .and_then(Value::as_array)
            .ok_or_else(|| bad("baris"))?
        {
            let number = r
                .get("no")
                .and_then(Value::as_u64)
                .ok_or_else(|| bad("no"))? as usize;
            let mut cells = Vec::new();
            for c in r
                .get("sel")
                .and_then(Value::as_array)
                .ok_or_else(|| bad("sel"))?
            {
                let text = c
                    .get("t")
                    .and_then(Value::as_str)
                    .ok_or_else(|| bad("sel"))?;
                let number = match c.get("n").and_then(Value::as_str) {
                    Some(n) => Some(n.parse::<Decimal>().map_err(|_| bad("angka"))?),
                    None => None,
                };
                cells.push(Cell {
                    text: text.to_string(),
                    bold: c.get("b").and_then(Value::as_bool).unwrap_or(false),
                    number,
                    percent: c.get("p").and_then(Value::as_bool).unwrap_or(false),
                });
            }
            rows.push(GridRow { number, cells });
        }
        let grid = Grid {
            rows,
            first_col: t.get("kolom_pertama").and_then(Value::as_u64).unwrap_or(0) as usize,
            set_aside: Vec::new(),
        };
        let columns = t
            .get("peran_kolom")
            .and_then(Value::as_array)
            .ok_or_else(|| bad("peran_kolom"))?
            .iter()
            .map(|x| {
                x.as_u64()
                    .and_then(|i| ColumnRole::ALL.get(i as usize).copied())
                    .ok_or_else(|| bad("peran_kolom"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let row_roles = strs("peran_baris")?
            .iter()
            .map(|s| role_from(s).ok_or_else(|| bad("peran_baris")))
            .collect::<Result<Vec<_>, _>>()?;
        let shifts = t
            .get("geser")
            .and_then(Value::as_array)
            .ok_or_else(|| bad("geser"))?
            .iter()
            .map(|x| {
                x.as_i64()
                    .and_then(|i| i8::try_from(i).ok())
                    .ok_or_else(|| bad("geser"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let levels = strs("tingkat")?
            .iter()
            .map(|s| match s.as_str() {
                "program" => Ok(Level::Program),
                "kegiatan" => Ok(Level::Kegiatan),
                "sub" => Ok(Level::SubKegiatan),
                _ => Err(bad("tingkat")),
            })
            .collect::<Result<Vec<_>, _>>()?;
        let kind = t
            .get("jenis")
            .and_then(Value::as_str)
            .and_then(kind_from)
            .ok_or_else(|| bad("jenis"))?;
        if row_roles.len() != grid.rows.len() || shifts.len() != grid.rows.len() {
            return Err(bad("peran baris tidak sebanyak barisnya"));
        }
        let mapping = Mapping {
            kind,
            columns,
            rows: row_roles,
            shifts,
            levels,
            convention: if t.get("konvensi").and_then(Value::as_str) == Some("en") {
                Convention::English
            } else {
                Convention::Indonesian
            },
            direction: if t.get("arah").and_then(Value::as_str) == Some("turun") {
                Direction::LowerIsBetter
            } else {
                Direction::HigherIsBetter
            },
        };
        tables.push(Table {
            name: t
                .get("nama")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string(),
            grid,
            mapping,
        });
    }
    let selected = v.get("dipilih").and_then(Value::as_u64).unwrap_or(0) as usize;
    Ok(Saved {
        selected: selected.min(tables.len().saturating_sub(1)),
        checked: v.get("diperiksa").and_then(Value::as_bool).unwrap_or(false),
        tables,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{check_tables, read_text, set_style_level, structure};
    use crate::model::scale::Scale;

    #[test]
    fn tables_mappings_and_findings_come_back() {
        let text = "No\tUraian\tPagu\tRealisasi\t%\n\
                    I\t**Program A**\t300.000\t250.000\t83,33\n\
                    \tKegiatan a\t300.000\t250.000\t83,33\n\
                    1.\tSub satu\t100.000\t50.000\t50,00\n\
                    2.\tSub dua\t200.000\t150.000\t75,00\n";
        let mut t = Table::new("Tabel 3.1", read_text(text));
        // A correction by the user: the % column ignored, a whole level moved.
        t.mapping.columns[4] = ColumnRole::Ignore;
        let s = structure(&t.grid, &t.mapping);
        let subs = s.groups.iter().find(|g| g.rows.contains(&3)).unwrap();
        set_style_level(&t.grid, &mut t.mapping, &subs.style.clone(), 3);
        let saved = Saved {
            tables: vec![
                t.clone(),
                Table::new(
                    "Kalimat",
                    read_text("realisasi 19 Orang dari target 20 Orang atau 95%"),
                ),
            ],
            checked: true,
            selected: 1,
        };
        let back = from_json(&to_json(&saved)).unwrap();
        assert_eq!(back, saved);
        assert_eq!(back.tables[0].mapping.rows[3], RowRole::Item { level: 3 });
        let scale = Scale::seed_default();
        assert_eq!(
            check_tables(&back.tables, &scale),
            check_tables(&saved.tables, &scale)
        );
        for bad in [
            "",
            "{}",
            "{\"versi\":2,\"tabel\":[]}",
            "{\"versi\":1,\"tabel\":[{\"baris\":3}]}",
        ] {
            assert!(
                from_json(bad)
                    .unwrap_err()
                    .starts_with("Data pemeriksaan tersimpan rusak"),
                "{bad}"
            );
        }
    }
}
