//! Budget tables: every parent row against the sum of its rows, every percentage against
//! realisasi ÷ pagu, every efficiency against (pagu − realisasi) ÷ pagu. Sums and
//! percentages come from [`crate::calc::budget::Amounts`]; nothing is averaged.
//!
//! When a total is wrong, the most likely cause is searched: a row (or two) left out or
//! added twice, a pagu added where the realisasi belongs, a one-digit slip, or an error
//! carried over from a row below (then the finding points at that row). A total that no
//! such combination explains is said to be so.

use super::cells::{self, Num};
use super::findings::{self, agrees, judge, pct, rp, Cause, Figure, Finding, Location, Verdict};
use super::grid::Grid;
use super::mapping::{lines, ColumnRole, Line, Mapping, RowRole};
use crate::calc::budget::Amounts;
use crate::calc::capaian::NotComputable;
use crate::calc::compute::mean;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// A figure of a row taken from another table (the same item, computed there from its
/// rows).
#[derive(Clone, Debug)]
pub(crate) struct Reference {
    pub amounts: Amounts,
    /// "Tabel 5.1 baris 454".
    pub source: String,
    /// The cause found there for its own printed figure, if it was wrong.
    pub cause: Option<String>,
    pub related: Vec<Location>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Amt {
    Pagu = 0,
    Realisasi = 1,
}

impl Node {
    /// The recomputed amounts, when both figures could be recomputed.
    pub(crate) fn rec(&self) -> Option<Amounts> {
        (!self.bad[0] && !self.bad[1]).then_some(self.sum)
    }
    /// One recomputed figure.
    pub(crate) fn rec_amt(&self, a: Amt) -> Option<Decimal> {
        (!self.bad[a as usize]).then(|| a.of(&self.sum))
    }
}

impl Amt {
    fn of(self, a: &Amounts) -> Decimal {
        match self {
            Amt::Pagu => a.pagu,
            Amt::Realisasi => a.realisasi,
        }
    }
    fn figure(self) -> Figure {
        match self {
            Amt::Pagu => Figure::Pagu,
            Amt::Realisasi => Figure::Realisasi,
        }
    }
    fn word(self) -> &'static str {
        match self {
            Amt::Pagu => "pagu",
            Amt::Realisasi => "realisasi",
        }
    }
}

/// One item or totals row of a budget table, read and recomputed.
#[derive(Clone, Debug)]
pub(crate) struct Node {
    pub level: Option<u8>,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    pub pagu: Num,
    pub realisasi: Num,
    pub serapan: Num,
    pub sisa: Num,
    pub efisiensi: Num,
    /// The row's own printed amounts (`None` when a cell is unreadable).
    pub own: Option<Amounts>,
    /// Recomputed bottom-up from the rows below (own amounts for a row without rows).
    pub sum: Amounts,
    /// An unreadable pagu (realisasi) cell at or below this row: that figure has no
    /// recomputation.
    pub bad: [bool; 2],
    /// Has rows below that carry figures.
    pub detailed: bool,
    pub reference: Option<Reference>,
}

#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Cols {
    pub pagu: Option<usize>,
    pub realisasi: Option<usize>,
    pub serapan: Option<usize>,
    pub sisa: Option<usize>,
    pub efisiensi: Option<usize>,
}

/// A budget table read into a tree.
pub(crate) struct Analysis {
    pub table: usize,
    pub lines: Vec<Line>,
    pub nodes: Vec<Node>,
    pub cols: Cols,
    pub col_offset: usize,
}

impl Analysis {
    pub(crate) fn location(&self, i: usize, col: Option<usize>) -> Location {
        let line = &self.lines[i];
        Location {
            table: self.table,
            row: line.number,
            col: col.map(|c| {
                let raw = (c as i64 + line.shift as i64).max(0) as usize;
                self.col_offset + raw + 1
            }),
        }
    }

    fn amt_col(&self, a: Amt) -> Option<usize> {
        match a {
            Amt::Pagu => self.cols.pagu,
            Amt::Realisasi => self.cols.realisasi,
        }
    }

    fn printed(&self, i: usize, a: Amt) -> &Num {
        match a {
            Amt::Pagu => &self.nodes[i].pagu,
            Amt::Realisasi => &self.nodes[i].realisasi,
        }
    }

    /// The figure as printed, for adding up: a dash counts as nothing, an empty cell as
    /// the row's recomputation.
    fn as_printed(&self, i: usize, a: Amt) -> Option<Decimal> {
        match self.printed(i, a) {
            Num::Value(v) => Some(*v),
            Num::Dash => Some(Decimal::ZERO),
            Num::Empty => self.nodes[i].rec_amt(a),
            Num::Bad(_) => None,
        }
    }

    fn rec(&self, i: usize, a: Amt) -> Option<Decimal> {
        self.nodes[i].rec_amt(a)
    }

    /// Sum of the rows below, as printed.
    fn printed_children_sum(&self, i: usize, a: Amt) -> Option<Decimal> {
        let mut s = Decimal::ZERO;
        for c in &self.nodes[i].children {
            s = s.checked_add(self.as_printed(*c, a)?)?;
        }
        Some(s)
    }

    /// The row's printed figure disagrees with its recomputation.
    fn wrong(&self, i: usize, a: Amt) -> bool {
        match (self.as_printed(i, a), self.rec(i, a)) {
            (Some(p), Some(r)) => !agrees_money(p, r),
            _ => false,
        }
    }

    /// The row differs from the sum of its own rows as printed (it is where an error
    /// starts), or its figure came from another table that computed it otherwise.
    fn own_gap(&self, i: usize, a: Amt) -> bool {
        if self.nodes[i].reference.is_some() && self.wrong(i, a) {
            return true;
        }
        if !self.nodes[i].detailed {
            return false;
        }
        match (self.as_printed(i, a), self.printed_children_sum(i, a)) {
            (Some(p), Some(s)) => !agrees_money(p, s),
            _ => false,
        }
    }

    /// The rows where a wrong figure of row `i` starts.
    fn roots(&self, i: usize, a: Amt) -> Vec<usize> {
        let mut out = Vec::new();
        for &c in &self.nodes[i].children {
            if !self.wrong(c, a) {
                continue;
            }
            if self.own_gap(c, a) {
                out.push(c);
            } else {
                let deeper = self.roots(c, a);
                if deeper.is_empty() {
                    out.push(c);
                } else {
                    out.extend(deeper);
                }
            }
        }
        out
    }

    fn descendants(&self, i: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut stack: Vec<usize> = self.nodes[i].children.iter().rev().copied().collect();
        while let Some(c) = stack.pop() {
            out.push(c);
            stack.extend(self.nodes[c].children.iter().rev().copied());
        }
        out
    }
}

fn agrees_money(printed: Decimal, rec: Decimal) -> bool {
    agrees(printed, rec)
}

pub(crate) fn columns(mapping: &Mapping) -> Cols {
    Cols {
        pagu: mapping.find(ColumnRole::Pagu),
        realisasi: mapping.find(ColumnRole::Realisasi),
        serapan: mapping.find(ColumnRole::Serapan),
        sisa: mapping.find(ColumnRole::Sisa),
        efisiensi: mapping.find(ColumnRole::Efisiensi),
    }
}

/// Read a budget table into a tree and recompute it bottom-up. `references` gives, per
/// line index, the amounts another table computed for the same item.
pub(crate) fn analyse(
    table: usize,
    grid: &Grid,
    mapping: &Mapping,
    references: &HashMap<usize, Reference>,
) -> Analysis {
    let lines: Vec<Line> = lines(grid, mapping)
        .into_iter()
        .filter(|l| matches!(l.role, RowRole::Item { .. } | RowRole::Total))
        .collect();
    let cols = columns(mapping);
    let conv = mapping.convention;
    let read = |l: &Line, c: Option<usize>, percent: bool| match l.cell(c) {
        None => Num::Empty,
        Some(cell) if percent => cells::percent(cell, conv),
        Some(cell) => cells::money(cell, conv),
    };
    let mut nodes: Vec<Node> = lines
        .iter()
        .map(|l| {
            let pagu = read(l, cols.pagu, false);
            let realisasi = read(l, cols.realisasi, false);
            let own = if pagu.is_bad() || realisasi.is_bad() {
                None
            } else {
                Some(Amounts::leaf(pagu.value(), realisasi.value()))
            };
            Node {
                level: match l.role {
                    RowRole::Item { level } => Some(level),
                    _ => None,
                },
                parent: None,
                children: Vec::new(),
                pagu,
                realisasi,
                serapan: read(l, cols.serapan, true),
                sisa: read(l, cols.sisa, false),
                efisiensi: read(l, cols.efisiensi, true),
                own,
                sum: Amounts::default(),
                bad: [false, false],
                detailed: false,
                reference: None,
            }
        })
        .collect();

    // The tree: an item's parent is the nearest item above with a smaller level; a total
    // takes the top-level items since the previous total (see `structure::tree`).
    let levels: Vec<Option<u8>> = nodes.iter().map(|n| n.level).collect();
    for (i, children) in super::structure::tree(&levels).into_iter().enumerate() {
        for &c in &children {
            if nodes[c].parent.is_none() {
                nodes[c].parent = Some(i);
            }
        }
        nodes[i].children = children;
    }

    // Bottom-up: children always come after their parent (items) or before (totals);
    // compute by recursion with memo.
    for (i, r) in references {
        if let Some(n) = nodes.get_mut(*i) {
            n.reference = Some(r.clone());
        }
    }
    let mut done = vec![false; nodes.len()];
    for i in 0..nodes.len() {
        recompute(&mut nodes, i, &mut done, 0);
    }
    Analysis {
        table,
        lines,
        nodes,
        cols,
        col_offset: grid.first_col,
    }
}

fn has_figures(n: &Node) -> bool {
    !matches!((&n.pagu, &n.realisasi), (Num::Empty, Num::Empty))
}

fn recompute(nodes: &mut [Node], i: usize, done: &mut [bool], depth: usize) {
    if done[i] || depth > 64 {
        return;
    }
    let children = nodes[i].children.clone();
    for &c in &children {
        recompute(nodes, c, done, depth + 1);
    }
    let detailed = children
        .iter()
        .any(|c| has_figures(&nodes[*c]) || nodes[*c].detailed);
    let (sum, bad) = if detailed {
        let mut sum = Amounts::default();
        let mut bad = [false, false];
        for &c in &children {
            sum.add(&nodes[c].sum);
            bad[0] |= nodes[c].bad[0];
            bad[1] |= nodes[c].bad[1];
        }
        (sum, bad)
    } else {
        match &nodes[i].reference {
            Some(r) => (r.amounts, [false, false]),
            None => {
                let n = &nodes[i];
                (
                    Amounts::leaf(n.pagu.value(), n.realisasi.value()),
                    [n.pagu.is_bad(), n.realisasi.is_bad()],
                )
            }
        }
    };
    nodes[i].sum = sum;
    nodes[i].bad = bad;
    nodes[i].detailed = detailed;
    done[i] = true;
}

/// Every finding of one budget table.
pub(crate) fn findings(a: &Analysis) -> Vec<Finding> {
    let mut out = Vec::new();
    for i in 0..a.nodes.len() {
        unreadable(a, i, &mut out);
        for amt in [Amt::Pagu, Amt::Realisasi] {
            if let Some(f) = amount_finding(a, i, amt) {
                out.push(f);
            }
        }
        if let Some(f) = serapan_finding(a, i) {
            out.push(f);
        }
        if let Some(f) = sisa_finding(a, i) {
            out.push(f);
        }
        if let Some(f) = efisiensi_finding(a, i) {
            out.push(f);
        }
    }
    out
}

fn unreadable(a: &Analysis, i: usize, out: &mut Vec<Finding>) {
    let n = &a.nodes[i];
    let cells = [
        (&n.pagu, a.cols.pagu, Figure::Pagu),
        (&n.realisasi, a.cols.realisasi, Figure::Realisasi),
        (&n.serapan, a.cols.serapan, Figure::Serapan),
        (&n.sisa, a.cols.sisa, Figure::Sisa),
        (&n.efisiensi, a.cols.efisiensi, Figure::Efisiensi),
    ];
    for (num, col, figure) in cells {
        if let Num::Bad(msg) = num {
            out.push(Finding {
                location: a.location(i, col),
                item: a.lines[i].name.clone(),
                figure,
                printed_text: text_at(a, i, col),
                printed: None,
                recomputed: None,
                recomputed_text: String::new(),
                difference: None,
                verdict: Verdict::Unreadable,
                cause_kind: Cause::Unreadable,
                cause: format!("{msg}. Sel ini tidak dihitung (tidak dianggap 0)."),
                related: Vec::new(),
            });
        }
    }
}

fn text_at(a: &Analysis, i: usize, col: Option<usize>) -> String {
    a.lines[i]
        .cell(col)
        .map(|c| c.text.clone())
        .unwrap_or_default()
}

#[allow(clippy::too_many_arguments)]
fn finding(
    a: &Analysis,
    i: usize,
    col: Option<usize>,
    figure: Figure,
    printed: Decimal,
    recomputed: Option<Decimal>,
    recomputed_text: String,
    verdict: Verdict,
    cause_kind: Cause,
    cause: String,
    related: Vec<Location>,
) -> Finding {
    Finding {
        location: a.location(i, col),
        item: a.lines[i].name.clone(),
        figure,
        printed_text: text_at(a, i, col),
        printed: Some(printed),
        recomputed,
        recomputed_text,
        difference: recomputed.map(|r| printed - r),
        verdict,
        cause_kind,
        cause,
        related,
    }
}

/// Why no recomputation: an unreadable cell somewhere below.
fn unreadable_below(a: &Analysis, i: usize, amt: Amt) -> Option<usize> {
    a.descendants(i)
        .into_iter()
        .find(|d| a.printed(*d, amt).is_bad() && !a.nodes[*d].detailed)
}

fn amount_finding(a: &Analysis, i: usize, amt: Amt) -> Option<Finding> {
    let n = &a.nodes[i];
    let col = a.amt_col(amt)?;
    let printed = n_printed(n, amt).value()?;
    if !n.detailed && n.reference.is_none() {
        return None;
    }
    let figure = amt.figure();
    let Some(rec) = n.rec_amt(amt) else {
        let why = match unreadable_below(a, i, amt) {
            Some(d) => format!("{} tidak terbaca", a.lines[d].reference()),
            None => "ada angka yang tidak terbaca".to_string(),
        };
        return Some(finding(
            a,
            i,
            Some(col),
            figure,
            printed,
            None,
            String::new(),
            Verdict::Info,
            Cause::NotComputable,
            format!("Tidak dapat dihitung ulang: {why}."),
            Vec::new(),
        ));
    };
    let verdict = judge(printed, rec);
    if matches!(verdict, Verdict::Correct | Verdict::Rounding) {
        return Some(finding(
            a,
            i,
            Some(col),
            figure,
            printed,
            Some(rec),
            rp(rec),
            verdict,
            Cause::None,
            String::new(),
            vec![],
        ));
    }
    let (cause_kind, cause, related) = if let (Some(r), false) = (&n.reference, n.detailed) {
        let mut text = format!(
            "{} menghitung {} ini {} dari rinciannya (selisih {}).",
            r.source,
            amt.word(),
            rp(rec),
            rp((printed - rec).abs())
        );
        if let Some(c) = &r.cause {
            text.push_str(&format!(" Di sana: {c}"));
        }
        (Cause::DiffersFromOtherTable, text, r.related.clone())
    } else {
        explain_amount(a, i, amt, printed, rec)
    };
    Some(finding(
        a,
        i,
        Some(col),
        figure,
        printed,
        Some(rec),
        rp(rec),
        verdict,
        cause_kind,
        cause,
        related,
    ))
}

fn n_printed(n: &Node, amt: Amt) -> &Num {
    match amt {
        Amt::Pagu => &n.pagu,
        Amt::Realisasi => &n.realisasi,
    }
}

fn explain_amount(
    a: &Analysis,
    i: usize,
    amt: Amt,
    printed: Decimal,
    rec: Decimal,
) -> (Cause, String, Vec<Location>) {
    let col = a.amt_col(amt);
    let loc = |j: usize| a.location(j, col);
    let wrong_children: Vec<usize> = a.nodes[i]
        .children
        .iter()
        .copied()
        .filter(|c| a.wrong(*c, amt))
        .collect();
    let carried = |text: &mut String, related: &mut Vec<Location>| {
        for c in &wrong_children {
            text.push_str(&format!(
                " Selain itu, {} di bawahnya juga keliru (hitung ulang {}).",
                a.lines[*c].reference(),
                a.rec(*c, amt).map(rp).unwrap_or_default()
            ));
            related.push(loc(*c));
        }
    };
    let Some(sum) = a.printed_children_sum(i, amt) else {
        return (
            Cause::Unexplained,
            "Tidak sama dengan jumlah baris di bawahnya.".into(),
            vec![],
        );
    };
    let gap = printed - sum;
    if agrees_money(printed, sum) {
        // The row adds up its rows as printed: the error is further down.
        let roots = a.roots(i, amt);
        let mut text = format!(
            "Angka ini sama dengan jumlah baris di bawahnya sebagaimana tercetak ({}), tetapi ada baris di bawahnya yang keliru; hitung ulang dari rincian: {} (selisih {}).",
            rp(sum),
            rp(rec),
            rp((printed - rec).abs())
        );
        for r in &roots {
            let why = explain_amount_short(a, *r, amt);
            text.push_str(&format!(
                " Sumber kesalahan: {}{}",
                a.lines[*r].reference(),
                why
            ));
        }
        return (
            Cause::Propagated,
            text,
            roots.into_iter().map(loc).collect(),
        );
    }
    if let Some((kind, mut text, rows)) = combination(a, i, amt, gap) {
        let mut related: Vec<Location> = rows.iter().map(|r| loc(*r)).collect();
        carried(&mut text, &mut related);
        return (kind, text, related);
    }
    if findings::one_digit_typo(printed, sum) {
        let mut text = format!(
            "Kemungkinan salah ketik satu angka: jumlah baris di bawahnya {} (selisih {}).",
            rp(sum),
            rp(gap.abs())
        );
        let mut related = Vec::new();
        carried(&mut text, &mut related);
        return (Cause::Typo, text, related);
    }
    let mut text = if agrees_money(sum, rec) {
        format!(
            "Total tidak sama dengan kombinasi mana pun dari barisnya: jumlah baris di bawahnya {} (selisih {}); tidak ada satu atau dua baris yang menjelaskan selisih itu.",
            rp(sum),
            rp(gap.abs())
        )
    } else {
        format!(
            "Total tidak sama dengan kombinasi mana pun dari barisnya: selisih {} dengan jumlah baris di bawahnya sebagaimana tercetak ({}) dan {} dengan hitung ulang dari rincian ({}); tidak ada satu atau dua baris yang menjelaskan selisih itu.",
            rp(gap.abs()),
            rp(sum),
            rp((printed - rec).abs()),
            rp(rec)
        )
    };
    let mut related = Vec::new();
    carried(&mut text, &mut related);
    (Cause::NoCombination, text, related)
}

/// ": baris 13 … tidak ikut dijumlahkan (selisih …)." for the root of a carried error.
fn explain_amount_short(a: &Analysis, i: usize, amt: Amt) -> String {
    if let (Some(r), false) = (&a.nodes[i].reference, a.nodes[i].detailed) {
        return format!(" (berbeda dengan {}).", r.source);
    }
    let (Some(printed), Some(sum)) = (a.as_printed(i, amt), a.printed_children_sum(i, amt)) else {
        return ".".into();
    };
    match combination(a, i, amt, printed - sum) {
        Some((_, text, _)) => format!(": {}", lowercase_first(&text)),
        None => format!(" tidak sama dengan jumlah barisnya ({}).", rp(sum)),
    }
}

fn lowercase_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Rows whose omission, double counting or pagu-for-realisasi explains `gap`
/// (`printed − sum of rows`): single rows first, then pairs, first among the direct rows,
/// then among all rows below.
fn combination(
    a: &Analysis,
    i: usize,
    amt: Amt,
    gap: Decimal,
) -> Option<(Cause, String, Vec<usize>)> {
    if gap.is_zero() {
        return None;
    }
    let direct = &a.nodes[i].children;
    let all = a.descendants(i);
    let value = |j: usize| a.as_printed(j, amt).filter(|v| !v.is_zero());
    let refs = |rows: &[usize]| {
        rows.iter()
            .map(|r| a.lines[*r].reference())
            .collect::<Vec<_>>()
            .join(" dan ")
    };
    let g = gap.abs();
    for pool in [direct.as_slice(), all.as_slice()] {
        for &c in pool {
            if value(c) == Some(-gap) {
                return Some((
                    Cause::RowsLeftOut,
                    format!(
                        "{} tidak ikut dijumlahkan (selisih {}).",
                        capital(&a.lines[c].reference()),
                        rp(g)
                    ),
                    vec![c],
                ));
            }
            if value(c) == Some(gap) {
                return Some((
                    Cause::RowsCountedTwice,
                    format!(
                        "{} terhitung dua kali (selisih {}).",
                        capital(&a.lines[c].reference()),
                        rp(g)
                    ),
                    vec![c],
                ));
            }
            if amt == Amt::Realisasi {
                if let (Some(p), Some(r)) =
                    (a.as_printed(c, Amt::Pagu), a.as_printed(c, Amt::Realisasi))
                {
                    if !(p - r).is_zero() && p - r == gap {
                        return Some((
                            Cause::PaguInsteadOfRealisasi,
                            format!(
                                "Untuk {} yang dijumlahkan pagunya, bukan realisasinya (selisih {}).",
                                a.lines[c].reference(),
                                rp(g)
                            ),
                            vec![c],
                        ));
                    }
                }
            }
        }
        if pool.len() <= 300 {
            for (x, &c1) in pool.iter().enumerate() {
                let Some(v1) = value(c1) else { continue };
                for &c2 in &pool[x + 1..] {
                    let Some(v2) = value(c2) else { continue };
                    if is_ancestor(a, c1, c2) || is_ancestor(a, c2, c1) {
                        continue;
                    }
                    if v1 + v2 == -gap {
                        return Some((
                            Cause::RowsLeftOut,
                            format!(
                                "{} tidak ikut dijumlahkan (selisih {}).",
                                capital(&refs(&[c1, c2])),
                                rp(g)
                            ),
                            vec![c1, c2],
                        ));
                    }
                    if v1 + v2 == gap {
                        return Some((
                            Cause::RowsCountedTwice,
                            format!(
                                "{} terhitung dua kali (selisih {}).",
                                capital(&refs(&[c1, c2])),
                                rp(g)
                            ),
                            vec![c1, c2],
                        ));
                    }
                }
            }
        }
    }
    None
}

fn is_ancestor(a: &Analysis, anc: usize, node: usize) -> bool {
    let mut cur = a.nodes[node].parent;
    let mut steps = 0;
    while let Some(p) = cur {
        if p == anc {
            return true;
        }
        steps += 1;
        if steps > 64 {
            break;
        }
        cur = a.nodes[p].parent;
    }
    false
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Where the amounts of row `i` are wrong, the sentence saying so and the rows to look at.
fn amounts_problem(a: &Analysis, i: usize) -> Option<(String, Vec<Location>)> {
    let mut parts = Vec::new();
    let mut related = Vec::new();
    for amt in [Amt::Realisasi, Amt::Pagu] {
        if a.nodes[i].own.is_some() && a.wrong(i, amt) {
            let mut part = format!(
                "{} baris ini seharusnya {}",
                amt.word(),
                a.rec(i, amt).map(rp).unwrap_or_default()
            );
            let roots: Vec<usize> = if a.own_gap(i, amt) {
                vec![i]
            } else {
                a.roots(i, amt)
            };
            let named: Vec<String> = roots
                .iter()
                .filter(|r| **r != i)
                .map(|r| a.lines[*r].reference())
                .collect();
            if !named.is_empty() {
                part.push_str(&format!(
                    " (kesalahan berasal dari {})",
                    named.join(" dan ")
                ));
            } else if let (Some(r), false) = (&a.nodes[i].reference, a.nodes[i].detailed) {
                part.push_str(&format!(" (menurut {})", r.source));
            }
            parts.push(part);
            related.push(a.location(i, a.amt_col(amt)));
            related.extend(
                roots
                    .iter()
                    .filter(|r| **r != i)
                    .map(|r| a.location(*r, a.amt_col(amt))),
            );
        }
    }
    (!parts.is_empty()).then(|| (parts.join(" dan "), related))
}

fn serapan_finding(a: &Analysis, i: usize) -> Option<Finding> {
    let col = a.cols.serapan?;
    let n = &a.nodes[i];
    let printed = n.serapan.value()?;
    let Some(rec_amounts) = n.rec() else {
        let below =
            unreadable_below(a, i, Amt::Realisasi).or_else(|| unreadable_below(a, i, Amt::Pagu));
        let why = match below {
            Some(d) => format!("{} tidak terbaca", a.lines[d].reference()),
            None => "ada angka yang tidak terbaca".to_string(),
        };
        return Some(not_computable(a, i, col, Figure::Serapan, printed, why));
    };
    let rec = match rec_amounts.serapan() {
        Ok(v) => v,
        Err(e) => {
            return Some(not_computable(
                a,
                i,
                col,
                Figure::Serapan,
                printed,
                reason(e),
            ))
        }
    };
    let verdict = judge(printed, rec);
    if matches!(verdict, Verdict::Correct | Verdict::Rounding) {
        return Some(finding(
            a,
            i,
            Some(col),
            Figure::Serapan,
            printed,
            Some(rec),
            pct(rec),
            verdict,
            Cause::None,
            String::new(),
            vec![],
        ));
    }
    let own_pct = n.own.and_then(|o| o.serapan().ok());
    let (kind, cause, related) = if let (Some(op), Some((problem, related))) =
        (own_pct, amounts_problem(a, i))
    {
        if agrees(printed, op) {
            (
                Cause::FromWrongFigures,
                format!(
                    "Persentase ini benar untuk angka yang tercetak di barisnya, tetapi {problem}; serapan seharusnya {}.",
                    pct(rec)
                ),
                related,
            )
        } else {
            serapan_pattern(a, i, printed, rec, verdict)
        }
    } else {
        serapan_pattern(a, i, printed, rec, verdict)
    };
    Some(finding(
        a,
        i,
        Some(col),
        Figure::Serapan,
        printed,
        Some(rec),
        pct(rec),
        verdict,
        kind,
        cause,
        related,
    ))
}

fn serapan_pattern(
    a: &Analysis,
    i: usize,
    printed: Decimal,
    rec: Decimal,
    verdict: Verdict,
) -> (Cause, String, Vec<Location>) {
    let n = &a.nodes[i];
    let children = &n.children;
    let printed_pcts: Vec<Decimal> = children
        .iter()
        .filter_map(|c| a.nodes[*c].serapan.value())
        .collect();
    let rec_pcts: Vec<Decimal> = children
        .iter()
        .filter_map(|c| a.nodes[*c].rec().and_then(|r| r.serapan().ok()))
        .collect();
    // The same for the rows at the bottom (the sub kegiatan of a program).
    let leaves: Vec<usize> = a
        .descendants(i)
        .into_iter()
        .filter(|d| a.nodes[*d].children.is_empty())
        .collect();
    let leaf_pcts: Vec<Decimal> = leaves
        .iter()
        .filter_map(|c| a.nodes[*c].serapan.value())
        .collect();
    let leaf_rec_pcts: Vec<Decimal> = leaves
        .iter()
        .filter_map(|c| a.nodes[*c].rec().and_then(|r| r.serapan().ok()))
        .collect();
    let amounts = n.rec().unwrap_or_default();
    for (values, what) in [
        (&printed_pcts, "baris tepat di bawahnya, yang tercetak"),
        (&rec_pcts, "baris tepat di bawahnya, hasil hitung ulang"),
        (&leaf_pcts, "baris rincian terbawah, yang tercetak"),
        (&leaf_rec_pcts, "baris rincian terbawah, hasil hitung ulang"),
    ] {
        if values.len() >= 2 {
            if let Some(m) = mean(values) {
                if agrees(printed, m) {
                    return (
                        Cause::MeanOfPercentages,
                        format!(
                            "{} adalah rata-rata persentase ({what}: {}); ditimbang dengan pagu hasilnya {} (realisasi {} ÷ pagu {}). Serapan dihitung dari jumlah rupiah, bukan dirata-ratakan.",
                            findings::plain(printed),
                            pct(m),
                            pct(rec),
                            rp(amounts.realisasi),
                            rp(amounts.pagu)
                        ),
                        vec![],
                    );
                }
            }
        }
    }
    if let Some(o) = n.own.or(n.rec()) {
        if let Ok(swapped) = crate::calc::capaian::percent(o.pagu, o.realisasi) {
            if agrees(printed, swapped) {
                return (
                    Cause::Swapped,
                    "Pagu dan realisasi tertukar dalam pembagian (pagu ÷ realisasi).".into(),
                    vec![],
                );
            }
        }
        if let Ok(eff) = o.efisiensi() {
            if agrees(printed, eff) {
                return (
                    Cause::Swapped,
                    format!(
                        "Yang tertulis persentase sisa anggaran (efisiensi), bukan serapan; serapan {}.",
                        pct(rec)
                    ),
                    vec![],
                );
            }
        }
    }
    if verdict == Verdict::Minor {
        return (
            Cause::LastDigit,
            findings::last_digit_cause(printed, rec),
            vec![],
        );
    }
    (
        Cause::Unexplained,
        format!(
            "Persentase tidak sesuai dengan realisasi ÷ pagu: {} ÷ {} = {}.",
            rp(amounts.realisasi),
            rp(amounts.pagu),
            pct(rec)
        ),
        vec![],
    )
}

fn reason(e: NotComputable) -> String {
    match e {
        NotComputable::NoBudget => "pagu kosong atau 0 (pembagian dengan nol)".into(),
        other => other.to_string(),
    }
}

fn not_computable(
    a: &Analysis,
    i: usize,
    col: usize,
    figure: Figure,
    printed: Decimal,
    why: String,
) -> Finding {
    finding(
        a,
        i,
        Some(col),
        figure,
        printed,
        None,
        String::new(),
        Verdict::Info,
        Cause::NotComputable,
        format!(
            "Tidak dapat dihitung: {why}; angka {} tidak dapat diperiksa.",
            text_at(a, i, Some(col))
        ),
        vec![],
    )
}

fn efisiensi_finding(a: &Analysis, i: usize) -> Option<Finding> {
    let col = a.cols.efisiensi?;
    let n = &a.nodes[i];
    let rec_amounts = n.rec()?;
    let rec = rec_amounts.efisiensi().ok();
    match (&n.efisiensi, rec) {
        (Num::Value(printed), Some(rec)) => {
            let printed = *printed;
            let verdict = judge(printed, rec);
            if matches!(verdict, Verdict::Correct | Verdict::Rounding) {
                return Some(finding(
                    a,
                    i,
                    Some(col),
                    Figure::Efisiensi,
                    printed,
                    Some(rec),
                    pct(rec),
                    verdict,
                    Cause::None,
                    String::new(),
                    vec![],
                ));
            }
            let own = n.own.and_then(|o| o.efisiensi().ok());
            let (kind, cause, related) = match (own, amounts_problem(a, i)) {
                (Some(o), Some((problem, related))) if agrees(printed, o) => (
                    Cause::FromWrongFigures,
                    format!("Efisiensi ini benar untuk angka yang tercetak, tetapi {problem}; efisiensi seharusnya {}.", pct(rec)),
                    related,
                ),
                _ if verdict == Verdict::Minor => (Cause::LastDigit, findings::last_digit_cause(printed, rec), vec![]),
                _ => (
                    Cause::Unexplained,
                    format!(
                        "Efisiensi tidak sesuai dengan (pagu − realisasi) ÷ pagu: {} ÷ {} = {}.",
                        rp(rec_amounts.sisa()),
                        rp(rec_amounts.pagu),
                        pct(rec)
                    ),
                    vec![],
                ),
            };
            Some(finding(
                a,
                i,
                Some(col),
                Figure::Efisiensi,
                printed,
                Some(rec),
                pct(rec),
                verdict,
                kind,
                cause,
                related,
            ))
        }
        (Num::Empty, Some(rec)) if has_figures(n) => Some(Finding {
            location: a.location(i, Some(col)),
            item: a.lines[i].name.clone(),
            figure: Figure::Efisiensi,
            printed_text: String::new(),
            printed: None,
            recomputed: Some(rec),
            recomputed_text: pct(rec),
            difference: None,
            verdict: Verdict::Info,
            cause_kind: Cause::EmptyCell,
            cause: format!(
                "Kolom efisiensi kosong; hitung ulang: {} ({} dari pagu {}).",
                pct(rec),
                rp(rec_amounts.sisa()),
                rp(rec_amounts.pagu)
            ),
            related: vec![],
        }),
        _ => None,
    }
}

fn sisa_finding(a: &Analysis, i: usize) -> Option<Finding> {
    let col = a.cols.sisa?;
    let n = &a.nodes[i];
    let printed = n.sisa.value()?;
    let rec = n.rec()?.sisa();
    let verdict = judge(printed, rec);
    let own = n.own.map(|o| o.sisa());
    let (kind, cause, related) = if matches!(verdict, Verdict::Correct | Verdict::Rounding) {
        (Cause::None, String::new(), vec![])
    } else {
        match (own, amounts_problem(a, i)) {
            (Some(o), Some((problem, related))) if agrees(printed, o) => (
                Cause::FromWrongFigures,
                format!(
                    "Sisa ini benar untuk angka yang tercetak di barisnya, tetapi {problem}; sisa seharusnya {}.",
                    rp(rec)
                ),
                related,
            ),
            _ => (
                Cause::Unexplained,
                format!("Sisa anggaran seharusnya pagu − realisasi = {}.", rp(rec)),
                vec![],
            ),
        }
    };
    Some(finding(
        a,
        i,
        Some(col),
        Figure::Sisa,
        printed,
        Some(rec),
        rp(rec),
        verdict,
        kind,
        cause,
        related,
    ))
}
