//! Indicator tables: capaian against realisasi ÷ target (in the table's direction), and
//! category labels against the report's scale.
//!
//! A label is checked against the capaian of its row: from the row's own target and
//! realisasi, from a sentence in the row ("realisasi 4 dokumen dari target 20 dokumen"),
//! or from a sentence or indicator row of another table checked with it that names the
//! same item. A label above what the scale gives is an error ("Berhasil" for 20%); a label
//! below it is a soft note (the report's "Keberhasilan/Kegagalan" column only tells
//! success from failure).

use super::cells;
use super::findings::{judge, pct, Cause, Figure, Finding, Location, Verdict};
use super::grid::Grid;
use super::mapping::{ColumnRole, Line, Mapping, RowRole};
use super::narrative::{output_capaian, Found, Statement};
use super::text;
use crate::calc::capaian::{capaian, NotComputable};
use crate::model::scale::Scale;
use crate::model::value::Value;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// A capaian known for an item, and where it comes from.
#[derive(Clone, Debug)]
pub(crate) struct Known {
    pub table: usize,
    pub line: usize,
    pub key: String,
    pub value: Decimal,
    /// "4 dokumen dari 20 dokumen" or "target 100%, realisasi 100%".
    pub basis: String,
    pub location: Location,
}

/// The capaian stated by the output sentences of every table.
pub(crate) fn known_from_statements(
    found: &[Found],
    directions: &[crate::model::Direction],
) -> Vec<Known> {
    found
        .iter()
        .filter_map(|f| {
            let Statement::Output(o) = &f.statement else {
                return None;
            };
            let value = output_capaian(o, directions.get(f.table).copied().unwrap_or_default())?;
            Some(Known {
                table: f.table,
                line: f.line,
                key: text::key(&f.item),
                value,
                basis: format!(
                    "{} {} dari {} {}",
                    crate::num::format_plain(o.realisasi),
                    o.unit_realisasi,
                    crate::num::format_plain(o.target),
                    o.unit_target
                )
                .trim()
                .to_string(),
                location: f.location,
            })
        })
        .collect()
}

struct Cols {
    target: Option<usize>,
    realisasi: Option<usize>,
    capaian: Option<usize>,
    kategori: Option<usize>,
}

fn location(grid: &Grid, table: usize, line: &Line, col: Option<usize>) -> Location {
    Location {
        table,
        row: line.number,
        col: col.map(|c| grid.first_col + (c as i64 + line.shift as i64).max(0) as usize + 1),
    }
}

/// Own target/realisasi of each line: `(capaian, basis)` or why not.
type OwnCapaian = Option<Result<(Decimal, String), String>>;

fn own_capaian(line: &Line, cols: &Cols, mapping: &Mapping) -> (OwnCapaian, Vec<(usize, String)>) {
    let mut bad = Vec::new();
    let (Some(tc), Some(rc)) = (cols.target, cols.realisasi) else {
        return (None, bad);
    };
    let read = |c: usize, bad: &mut Vec<(usize, String)>| match line
        .cells
        .get(c)
        .map(|x| cells::value(x, mapping.convention))
    {
        Some(Ok(v)) => v,
        Some(Err(e)) => {
            bad.push((c, e));
            None
        }
        None => None,
    };
    let target = read(tc, &mut bad);
    let realisasi = read(rc, &mut bad);
    if target.is_none() && realisasi.is_none() {
        return (None, bad);
    }
    let basis = format!(
        "target {}, realisasi {}",
        target
            .as_ref()
            .map(Value::to_string)
            .unwrap_or_else(|| "-".into()),
        realisasi
            .as_ref()
            .map(Value::to_string)
            .unwrap_or_else(|| "-".into())
    );
    let result = match capaian(target.as_ref(), realisasi.as_ref(), mapping.direction, None) {
        Ok(a) => Ok((a.raw, basis)),
        Err(e) => Err(e.to_string()),
    };
    (Some(result), bad)
}

/// Capaian of the indicator rows that have target and realisasi (for other tables' labels).
pub(crate) fn known_from_rows(
    table: usize,
    grid: &Grid,
    mapping: &Mapping,
    lines: &[Line],
) -> Vec<Known> {
    let cols = columns(mapping);
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| matches!(l.role, RowRole::Item { .. }))
        .filter_map(|(i, l)| match own_capaian(l, &cols, mapping).0 {
            Some(Ok((value, basis))) => Some(Known {
                table,
                line: i,
                key: text::key(&l.name),
                value,
                basis,
                location: location(grid, table, l, None),
            }),
            _ => None,
        })
        .collect()
}

fn columns(mapping: &Mapping) -> Cols {
    Cols {
        target: mapping.find(ColumnRole::Target),
        realisasi: mapping.find(ColumnRole::RealisasiKinerja),
        capaian: mapping.find(ColumnRole::Capaian),
        kategori: mapping.find(ColumnRole::Kategori),
    }
}

/// Findings of an indicator table.
#[allow(clippy::too_many_arguments)]
pub(crate) fn findings(
    table: usize,
    grid: &Grid,
    mapping: &Mapping,
    lines: &[Line],
    known: &[Known],
    scale: &Scale,
) -> Vec<Finding> {
    let cols = columns(mapping);
    let mut out = Vec::new();
    let mut seen_keys: HashMap<String, usize> = HashMap::new();
    let mut by_key: HashMap<&str, Vec<&Known>> = HashMap::new();
    for k in known {
        by_key.entry(k.key.as_str()).or_default().push(k);
    }
    let own_statement: HashMap<usize, &Known> = {
        let mut m = HashMap::new();
        for k in known.iter().filter(|k| k.table == table) {
            m.entry(k.line).or_insert(k);
        }
        m
    };
    for (i, line) in lines.iter().enumerate() {
        if !matches!(line.role, RowRole::Item { .. }) {
            continue;
        }
        let (own, bad) = own_capaian(line, &cols, mapping);
        for (c, msg) in bad {
            out.push(Finding {
                location: location(grid, table, line, Some(c)),
                item: line.name.clone(),
                figure: Figure::Sel,
                printed_text: line
                    .cells
                    .get(c)
                    .map(|x| x.text.clone())
                    .unwrap_or_default(),
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
        // The printed capaian.
        if let Some(cc) = cols.capaian {
            let cell = line.cells.get(cc);
            match cell.map(|x| cells::percent(x, mapping.convention)) {
                Some(cells::Num::Value(printed)) => {
                    if let Some(f) = capaian_finding(grid, table, line, cc, printed, &own) {
                        out.push(f);
                    }
                }
                Some(cells::Num::Bad(msg)) => out.push(Finding {
                    location: location(grid, table, line, Some(cc)),
                    item: line.name.clone(),
                    figure: Figure::Capaian,
                    printed_text: cell.map(|x| x.text.clone()).unwrap_or_default(),
                    printed: None,
                    recomputed: None,
                    recomputed_text: String::new(),
                    difference: None,
                    verdict: Verdict::Unreadable,
                    cause_kind: Cause::Unreadable,
                    cause: format!("{msg}. Sel ini tidak dihitung (tidak dianggap 0)."),
                    related: vec![],
                }),
                _ => {}
            }
        }
        // The label.
        let Some(kc) = cols.kategori else { continue };
        let key = text::key(&line.name);
        let seen = seen_keys.entry(key.clone()).or_default();
        let occurrence = *seen;
        *seen += 1;
        let from: Option<&Known> = match &own {
            Some(Ok(_)) => None,
            _ => own_statement
                .get(&i)
                .copied()
                .or_else(|| lookup(known, &by_key, table, &key, occurrence)),
        };
        let source: Option<(Decimal, String)> = match &own {
            Some(Ok(x)) => Some(x.clone()),
            _ => from.map(|k| (k.value, k.basis.clone())),
        };
        let label = line
            .cells
            .get(kc)
            .map(|c| c.text.trim().to_string())
            .unwrap_or_default();
        let mut f = label_finding(grid, table, line, kc, &label, source, scale);
        if let Some(k) = from
            .filter(|k| (k.location.table, k.location.row) != (f.location.table, f.location.row))
        {
            f.related.push(k.location);
        }
        out.push(f);
    }
    out
}

/// The capaian of the same item in another table: the `occurrence`-th one with the same
/// key, or the only one whose key contains (or is contained in) this key.
fn lookup<'k>(
    known: &'k [Known],
    by_key: &HashMap<&str, Vec<&'k Known>>,
    table: usize,
    key: &str,
    occurrence: usize,
) -> Option<&'k Known> {
    if key.chars().count() < 4 {
        return None;
    }
    let exact: Vec<&Known> = by_key
        .get(key)
        .map(|v| v.iter().copied().filter(|k| k.table != table).collect())
        .unwrap_or_default();
    if !exact.is_empty() {
        return exact
            .get(occurrence)
            .or(if exact.len() == 1 {
                exact.first()
            } else {
                None
            })
            .copied();
    }
    let near: Vec<&Known> = known
        .iter()
        .filter(|k| k.table != table && k.key.chars().count() >= 12 && key.chars().count() >= 12)
        .filter(|k| k.key.contains(key) || key.contains(k.key.as_str()))
        .collect();
    let first = near.first()?;
    if near.iter().all(|k| k.key == first.key) {
        near.get(occurrence).or(Some(first)).copied()
    } else {
        None
    }
}

fn capaian_finding(
    grid: &Grid,
    table: usize,
    line: &Line,
    col: usize,
    printed: Decimal,
    own: &OwnCapaian,
) -> Option<Finding> {
    let base = |verdict, recomputed: Option<Decimal>, kind, cause: String| Finding {
        location: location(grid, table, line, Some(col)),
        item: line.name.clone(),
        figure: Figure::Capaian,
        printed_text: line
            .cells
            .get(col)
            .map(|x| x.text.clone())
            .unwrap_or_default(),
        printed: Some(printed),
        recomputed,
        recomputed_text: recomputed.map(pct).unwrap_or_default(),
        difference: recomputed.map(|r| printed - r),
        verdict,
        cause_kind: kind,
        cause,
        related: vec![],
    };
    match own {
        None => None,
        Some(Err(why)) => Some(base(
            Verdict::Info,
            None,
            Cause::NotComputable,
            format!("{}.", capital(why)),
        )),
        Some(Ok((rec, basis))) => {
            let verdict = judge(printed, *rec);
            Some(if matches!(verdict, Verdict::Correct | Verdict::Rounding) {
                base(verdict, Some(*rec), Cause::None, String::new())
            } else if verdict == Verdict::Minor {
                base(
                    verdict,
                    Some(*rec),
                    Cause::LastDigit,
                    capital(&super::findings::last_digit_cause(printed, *rec)),
                )
            } else {
                base(
                    verdict,
                    Some(*rec),
                    Cause::Unexplained,
                    format!(
                        "Capaian tidak sesuai dengan {basis}: seharusnya {}.",
                        pct(*rec)
                    ),
                )
            })
        }
    }
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn label_finding(
    grid: &Grid,
    table: usize,
    line: &Line,
    col: usize,
    label: &str,
    source: Option<(Decimal, String)>,
    scale: &Scale,
) -> Finding {
    let mut f = Finding {
        location: location(grid, table, line, Some(col)),
        item: line.name.clone(),
        figure: Figure::Kategori,
        printed_text: label.to_string(),
        printed: None,
        recomputed: source.as_ref().map(|s| s.0),
        recomputed_text: String::new(),
        difference: None,
        verdict: Verdict::Info,
        cause_kind: Cause::None,
        cause: String::new(),
        related: vec![],
    };
    let computed = source
        .as_ref()
        .and_then(|(v, _)| scale.classify(*v).map(|b| (b, *v)));
    if let Some((b, v)) = computed {
        f.recomputed_text = format!("{} → {}", pct(v), scale.bands[b].label);
    }
    let basis = source.as_ref().map(|s| s.1.clone()).unwrap_or_default();
    if label.is_empty() {
        f.cause_kind = Cause::EmptyCell;
        f.cause = match computed {
            Some((b, v)) => format!(
                "Kolom kategori kosong; menurut skala, capaian {} ({basis}) termasuk '{}'.",
                pct(v),
                scale.bands[b].label
            ),
            None => "Kolom kategori kosong.".into(),
        };
        return f;
    }
    let lower = label.to_lowercase();
    let Some(claimed) = scale
        .bands
        .iter()
        .position(|b| b.label.to_lowercase() == lower)
    else {
        f.cause_kind = Cause::UnknownLabel;
        f.cause = format!(
            "'{label}' bukan kategori skala '{}' ({}).",
            scale.name,
            scale
                .bands
                .iter()
                .map(|b| b.label.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
        return f;
    };
    let Some((band, value)) = computed else {
        f.cause_kind = Cause::NotComputable;
        f.cause = match &source {
            Some(_) => NotComputable::Overflow.to_string(),
            None => "Capaian butir ini tidak diketahui: tempelkan juga kalimat realisasi/target atau tabel indikatornya untuk memeriksa label ini.".into(),
        };
        return f;
    };
    use std::cmp::Ordering::*;
    match claimed.cmp(&band) {
        Equal => {
            f.verdict = Verdict::Correct;
        }
        Greater => {
            f.verdict = Verdict::Mismatch;
            f.cause_kind = Cause::LabelContradictsScale;
            f.cause = format!(
                "Label '{label}' bertentangan dengan skala laporan: capaian {} ({basis}) termasuk '{}' ({}).",
                pct(value),
                scale.bands[band].label,
                scale.bands[band].rule()
            );
        }
        Less => {
            f.cause_kind = Cause::LabelBelowScale;
            f.cause = format!(
                "Label '{label}' lebih rendah dari kategori skala: capaian {} ({basis}) termasuk '{}' ({}).",
                pct(value),
                scale.bands[band].label,
                scale.bands[band].rule()
            );
        }
    }
    f
}
