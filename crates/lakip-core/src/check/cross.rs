//! Figures checked across tables: an item printed in a summary table against the same item
//! computed from its rows in a detailed table, and the budget figures written in sentences
//! (efficiency of a program, the overall budget) against the tables checked with them.

use super::budget::{Analysis, Reference};
use super::findings::{self, agrees, judge, pct, rp, Cause, Figure, Finding, Location, Verdict};
use super::narrative::{BudgetStatement, EfficiencyStatement, Found};
use super::text;
use crate::calc::budget::Amounts;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// An item row of a budget table, for matching across tables.
#[derive(Clone, Debug)]
struct Entry {
    table: usize,
    node: usize,
    key: String,
}

fn entries(analyses: &[Option<&Analysis>]) -> Vec<Entry> {
    let mut out = Vec::new();
    for (t, a) in analyses.iter().enumerate() {
        let Some(a) = a else { continue };
        let keys: Vec<String> = a.lines.iter().map(|l| text::key(&l.name)).collect();
        let mut count: HashMap<&str, usize> = HashMap::new();
        for k in &keys {
            *count.entry(k.as_str()).or_default() += 1;
        }
        for (i, n) in a.nodes.iter().enumerate() {
            if n.level.is_none() || keys[i].chars().count() < 6 {
                continue;
            }
            if count.get(keys[i].as_str()) == Some(&1) {
                out.push(Entry {
                    table: t,
                    node: i,
                    key: keys[i].clone(),
                });
            }
        }
    }
    out
}

fn table_name(names: &[String], t: usize) -> String {
    match names.get(t) {
        Some(n) if !n.trim().is_empty() => n.trim().to_string(),
        _ => format!("tabel ke-{}", t + 1),
    }
}

/// The part of a cause that names where an error starts ("Sumber kesalahan: …"), or all of it.
fn root_part(cause: &str) -> String {
    const MARK: &str = "Sumber kesalahan: ";
    match cause.find(MARK) {
        Some(p) => cause[p + MARK.len()..].to_string(),
        None => cause.to_string(),
    }
}

/// The flagged finding at a row (realisasi first, then pagu), for reusing its cause.
fn cause_at<'f>(findings: &'f [Finding], loc: Location, figures: &[Figure]) -> Option<&'f Finding> {
    figures.iter().find_map(|fig| {
        findings.iter().find(|f| {
            f.location.table == loc.table
                && f.location.row == loc.row
                && f.figure == *fig
                && f.verdict.is_flagged()
        })
    })
}

/// For every item printed without its rows in one table and with them in another: the
/// amounts the detailed table computes, per table and line.
pub(crate) fn references(
    analyses: &[Option<&Analysis>],
    budget_findings: &[Finding],
    names: &[String],
) -> Vec<HashMap<usize, Reference>> {
    let mut out: Vec<HashMap<usize, Reference>> = vec![HashMap::new(); analyses.len()];
    let all = entries(analyses);
    let mut groups: HashMap<&str, Vec<&Entry>> = HashMap::new();
    for e in &all {
        groups.entry(e.key.as_str()).or_default().push(e);
    }
    let mut keys: Vec<&str> = groups.keys().copied().collect();
    keys.sort_unstable();
    for key in keys {
        let group = &groups[key];
        if group
            .iter()
            .map(|e| e.table)
            .collect::<std::collections::HashSet<_>>()
            .len()
            < 2
        {
            continue;
        }
        let node = |e: &Entry| analyses[e.table].map(|a| &a.nodes[e.node]);
        // Only a row computed from its rows is a reference; two rows printed without
        // rows may be different items of the same name (a "Penyediaan Sandang" under
        // two programs).
        let Some(r) = group
            .iter()
            .copied()
            .find(|e| node(e).is_some_and(|n| n.detailed && n.rec().is_some()))
        else {
            continue;
        };
        let Some(ra) = analyses[r.table] else {
            continue;
        };
        let Some(amounts) = ra.nodes[r.node].rec() else {
            continue;
        };
        let loc = ra.location(r.node, None);
        let wrong = cause_at(budget_findings, loc, &[Figure::Realisasi, Figure::Pagu]);
        let mut related = vec![loc];
        if let Some(w) = wrong {
            related.extend(w.related.iter().copied());
        }
        for e in group {
            if e.table == r.table {
                continue;
            }
            let Some(n) = node(e) else { continue };
            // A summary row: without rows of its own and not itself a row of another.
            if n.detailed || n.parent.is_some() {
                continue;
            }
            out[e.table].insert(
                e.node,
                Reference {
                    amounts,
                    source: format!(
                        "{} {}",
                        capital(&table_name(names, r.table)),
                        ra.lines[r.node].reference()
                    ),
                    cause: wrong.map(|w| root_part(&w.cause)),
                    related: related.clone(),
                },
            );
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

/// The budget item a sentence names: the longest known name in the part before the
/// figure, else in the whole sentence. A row computed from its rows is preferred.
fn named_item(
    analyses: &[Option<&Analysis>],
    sentence: &str,
    before: &str,
) -> Option<(usize, usize)> {
    let all = entries(analyses);
    let pick = |hay: &str| -> Option<&Entry> {
        let hay = text::key(hay);
        let best_len = all
            .iter()
            .filter(|e| hay.contains(&e.key))
            .map(|e| e.key.len())
            .max()?;
        let same: Vec<&Entry> = all
            .iter()
            .filter(|e| e.key.len() == best_len && hay.contains(&e.key))
            .collect();
        same.iter()
            .find(|e| analyses[e.table].is_some_and(|a| a.nodes[e.node].detailed))
            .or(same.first())
            .copied()
    };
    pick(before)
        .or_else(|| pick(sentence))
        .map(|e| (e.table, e.node))
}

#[allow(clippy::too_many_arguments)]
fn statement_finding(
    f: &Found,
    figure: Figure,
    printed: Option<&(Decimal, String)>,
    recomputed: Option<Decimal>,
    text_of: fn(Decimal) -> String,
    verdict: Verdict,
    cause_kind: Cause,
    cause: String,
    related: Vec<Location>,
) -> Finding {
    Finding {
        location: f.location,
        item: f.item.clone(),
        figure,
        printed_text: printed.map(|p| p.1.clone()).unwrap_or_default(),
        printed: printed.map(|p| p.0),
        recomputed,
        recomputed_text: recomputed.map(text_of).unwrap_or_default(),
        difference: match (printed, recomputed) {
            (Some(p), Some(r)) => Some(p.0 - r),
            _ => None,
        },
        verdict,
        cause_kind,
        cause,
        related,
    }
}

/// "efisiensi anggaran sebesar Rp X atau P%" against the program it names.
pub(crate) fn efficiency(
    f: &Found,
    e: &EfficiencyStatement,
    analyses: &[Option<&Analysis>],
    budget_findings: &[Finding],
    names: &[String],
) -> Vec<Finding> {
    let lower = e.sentence.to_ascii_lowercase();
    let before = match lower.find("efisiensi") {
        Some(p) => &e.sentence[..p],
        None => "",
    };
    // Not named: the only program of the table the sentence stands under.
    let alone = || -> Option<(usize, usize)> {
        let a = analyses.get(f.location.table).copied().flatten()?;
        let top = a.nodes.iter().filter_map(|n| n.level).min()?;
        let tops: Vec<usize> = (0..a.nodes.len())
            .filter(|i| a.nodes[*i].level == Some(top))
            .collect();
        (tops.len() == 1).then(|| (f.location.table, tops[0]))
    };
    let Some((t, i)) = named_item(analyses, &e.sentence, before).or_else(alone) else {
        let printed = e.amount.as_ref().or(e.printed.as_ref());
        return vec![statement_finding(
            f,
            Figure::Sisa,
            printed,
            None,
            rp,
            Verdict::Info,
            Cause::NotComputable,
            "Tidak dapat diperiksa: program yang dimaksud tidak ditemukan di tabel anggaran yang diperiksa bersama kalimat ini.".into(),
            vec![],
        )];
    };
    let Some(a) = analyses[t] else { return vec![] };
    let node = &a.nodes[i];
    let Some(rec) = node.rec() else { return vec![] };
    let row_loc = a.location(i, None);
    let root = cause_at(budget_findings, row_loc, &[Figure::Realisasi, Figure::Pagu]);
    let mut f = f.clone();
    f.item = a.lines[i].name.clone();
    let f = &f;
    let source = format!("{} {}", table_name(names, t), a.lines[i].reference());
    let mut out = Vec::new();
    let explain = |printed: Decimal,
                   own: Option<Decimal>,
                   what: &str|
     -> Option<(Cause, String, Vec<Location>)> {
        let (own, root) = (own?, root?);
        if !agrees(printed, own) {
            return None;
        }
        let mut related = vec![row_loc];
        related.extend(root.related.iter().copied());
        Some((
            Cause::FromWrongFigures,
            format!(
                "{what} ini dihitung dari angka tercetak {source}, tetapi angka itu keliru (hitung ulang: pagu {}, realisasi {}). Sumber kesalahan: {}",
                rp(rec.pagu),
                rp(rec.realisasi),
                root_part(&root.cause)
            ),
            related,
        ))
    };
    if let Some(amount) = &e.amount {
        let r = rec.sisa();
        let verdict = judge(amount.0, r);
        let (kind, cause, related) = if matches!(verdict, Verdict::Correct | Verdict::Rounding) {
            (Cause::None, String::new(), vec![])
        } else {
            explain(amount.0, node.own.map(|o| o.sisa()), "Efisiensi").unwrap_or((
                Cause::Unexplained,
                format!(
                    "Efisiensi {} seharusnya pagu − realisasi = {} − {} = {}.",
                    a.lines[i].name,
                    rp(rec.pagu),
                    rp(rec.realisasi),
                    rp(r)
                ),
                vec![row_loc],
            ))
        };
        out.push(statement_finding(
            f,
            Figure::Sisa,
            Some(amount),
            Some(r),
            rp,
            verdict,
            kind,
            cause,
            related,
        ));
    }
    if let (Some(printed), Ok(r)) = (&e.printed, rec.efisiensi()) {
        let verdict = judge(printed.0, r);
        let (kind, cause, related) = if matches!(verdict, Verdict::Correct | Verdict::Rounding) {
            (Cause::None, String::new(), vec![])
        } else {
            explain(
                printed.0,
                node.own.and_then(|o| o.efisiensi().ok()),
                "Persentase efisiensi",
            )
            .unwrap_or_else(|| {
                if verdict == Verdict::Minor {
                    (
                        Cause::LastDigit,
                        capital(&findings::last_digit_cause(printed.0, r)),
                        vec![],
                    )
                } else {
                    (
                        Cause::Unexplained,
                        format!(
                            "Efisiensi seharusnya (pagu − realisasi) ÷ pagu = {}.",
                            pct(r)
                        ),
                        vec![row_loc],
                    )
                }
            })
        };
        out.push(statement_finding(
            f,
            Figure::Efisiensi,
            Some(printed),
            Some(r),
            pct,
            verdict,
            kind,
            cause,
            related,
        ));
    }
    out
}

/// The overall budget in a sentence against the totals row of a budget table.
pub(crate) fn overall(
    f: &Found,
    b: &BudgetStatement,
    analyses: &[Option<&Analysis>],
    budget_findings: &[Finding],
    names: &[String],
) -> Vec<Finding> {
    let totals: Vec<(usize, usize)> = analyses
        .iter()
        .enumerate()
        .filter_map(|(t, a)| a.map(|a| (t, a)))
        .flat_map(|(t, a)| {
            a.nodes
                .iter()
                .enumerate()
                .filter(|(_, n)| n.level.is_none() && n.rec().is_some())
                .map(move |(i, _)| (t, i))
        })
        .collect();
    // The total the sentence is about: the one with its pagu, else the one printing its
    // realisasi, else the largest (the whole budget rather than a part of it).
    let node_of = |(t, i): (usize, usize)| analyses[t].map(|a| &a.nodes[i]);
    let same = |x: Decimal, printed: Option<Decimal>, rec: Option<Decimal>| {
        printed == Some(x) || rec == Some(x)
    };
    let chosen = match (&b.pagu, &b.realisasi) {
        (Some((p, _)), _) => totals.iter().copied().find(|ti| {
            node_of(*ti).is_some_and(|n| same(*p, n.pagu.value(), n.rec().map(|r| r.pagu)))
        }),
        (None, Some((r, _))) => totals.iter().copied().find(|ti| {
            node_of(*ti)
                .is_some_and(|n| same(*r, n.realisasi.value(), n.rec().map(|x| x.realisasi)))
        }),
        (None, None) => None,
    }
    .or_else(|| {
        totals.iter().copied().max_by_key(|ti| {
            node_of(*ti)
                .and_then(|n| n.rec())
                .map(|r| r.pagu)
                .unwrap_or_default()
        })
    });
    let mut out = Vec::new();
    let Some((t, i)) = chosen else {
        // No budget table: the sentence against itself.
        if let (Some(p), Some(r), Some(printed)) = (&b.pagu, &b.realisasi, &b.printed) {
            let amounts = Amounts::leaf(Some(p.0), Some(r.0));
            if let Ok(s) = amounts.serapan() {
                let verdict = judge(printed.0, s);
                let (kind, cause) = if matches!(verdict, Verdict::Correct | Verdict::Rounding) {
                    (Cause::None, String::new())
                } else {
                    (
                        Cause::Unexplained,
                        format!(
                            "Persentase seharusnya {} ÷ {} = {}.",
                            rp(r.0),
                            rp(p.0),
                            pct(s)
                        ),
                    )
                };
                out.push(statement_finding(
                    f,
                    Figure::Serapan,
                    Some(printed),
                    Some(s),
                    pct,
                    verdict,
                    kind,
                    cause,
                    vec![],
                ));
            }
        }
        return out;
    };
    let Some(a) = analyses[t] else { return out };
    let node = &a.nodes[i];
    let Some(rec) = node.rec() else { return out };
    let mut f = f.clone();
    f.item = "Anggaran keseluruhan".into();
    let f = &f;
    let row_loc = a.location(i, None);
    let source = format!("{} {}", table_name(names, t), a.lines[i].reference());
    let total_cause = cause_at(budget_findings, row_loc, &[Figure::Realisasi, Figure::Pagu]);
    let carried = |printed: Decimal,
                   table_printed: Option<Decimal>|
     -> Option<(Cause, String, Vec<Location>)> {
        let (tp, tc) = (table_printed?, total_cause?);
        if !agrees(printed, tp) {
            return None;
        }
        let mut related = vec![row_loc];
        related.extend(tc.related.iter().copied());
        Some((
            Cause::Propagated,
            format!(
                "Angka ini sama dengan {source}, yang keliru: {}",
                root_part(&tc.cause)
            ),
            related,
        ))
    };
    for (amount, figure, r, table_printed) in [
        (&b.pagu, Figure::Pagu, rec.pagu, node.pagu.value()),
        (
            &b.realisasi,
            Figure::Realisasi,
            rec.realisasi,
            node.realisasi.value(),
        ),
    ] {
        let Some(amount) = amount else { continue };
        let verdict = judge(amount.0, r);
        let (kind, cause, related) = if matches!(verdict, Verdict::Correct | Verdict::Rounding) {
            (Cause::None, String::new(), vec![])
        } else {
            carried(amount.0, table_printed).unwrap_or((
                Cause::DiffersFromOtherTable,
                format!("{} menghitung {} dari rinciannya.", capital(&source), rp(r)),
                vec![row_loc],
            ))
        };
        out.push(statement_finding(
            f,
            figure,
            Some(amount),
            Some(r),
            rp,
            verdict,
            kind,
            cause,
            related,
        ));
    }
    if let (Some(printed), Ok(s)) = (&b.printed, rec.serapan()) {
        let verdict = judge(printed.0, s);
        let (kind, cause, related) = if matches!(verdict, Verdict::Correct | Verdict::Rounding) {
            (Cause::None, String::new(), vec![])
        } else {
            let stated = match (&b.pagu, &b.realisasi) {
                (Some(p), Some(r)) => Amounts::leaf(Some(p.0), Some(r.0)).serapan().ok(),
                _ => node.own.and_then(|o| o.serapan().ok()),
            };
            match (stated, total_cause) {
                (Some(x), Some(tc)) if agrees(printed.0, x) => {
                    let mut related = vec![row_loc];
                    related.extend(tc.related.iter().copied());
                    (
                        Cause::FromWrongFigures,
                        format!(
                            "Persentase ini dihitung dari realisasi yang keliru (sama dengan {source}); dengan realisasi hasil hitung ulang ({}) serapannya {}.",
                            rp(rec.realisasi),
                            pct(s)
                        ),
                        related,
                    )
                }
                _ => (
                    Cause::Unexplained,
                    format!(
                        "Serapan seharusnya {} ÷ {} = {}.",
                        rp(rec.realisasi),
                        rp(rec.pagu),
                        pct(s)
                    ),
                    vec![row_loc],
                ),
            }
        };
        out.push(statement_finding(
            f,
            Figure::Serapan,
            Some(printed),
            Some(s),
            pct,
            verdict,
            kind,
            cause,
            related,
        ));
    }
    out
}
