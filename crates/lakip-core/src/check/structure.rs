//! Which rows of a budget table are programs, kegiatan and sub kegiatan.
//!
//! The numbering (`I`, `1.`, none), codes, keywords and bold type make several hierarchies
//! plausible; a plain-text or PDF copy carries no bold, so a kegiatan row without a number
//! and a sub kegiatan row numbered `1.` may look alike to the words. The numbers decide:
//! among the plausible hierarchies the one under which the most printed totals equal the
//! sum of their rows is chosen (a level's rows are the rows whose sums explain their
//! parent's figure). Rows are grouped by their style ([`RowStyle`]) so that the user can
//! correct a whole level in one step ([`set_style_level`]).

use super::cells::{self, Num};
use super::grid::Grid;
use super::mapping::{shifted, ColumnRole, Mapping, RowRole, TableKind};
use super::text::{self, Keyword, Numbering};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// How an item row is numbered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mark {
    /// `I`, `II.`
    Roman,
    /// `1.`, `13`
    Arabic,
    /// `a.`, `b)`
    Letter,
    /// A kode rekening with this many segments.
    Code(u8),
    /// No numbering.
    None,
}

/// The look of an item row: what the user can name a level by ("rows numbered 1., 2., …").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RowStyle {
    pub mark: Mark,
    /// The name starts with "Program", "Kegiatan" or "Sub Kegiatan" (0, 1, 2).
    pub keyword: Option<u8>,
    /// Bold type, when bold tells rows apart (not on nearly every row).
    pub bold: bool,
}

impl RowStyle {
    /// "baris bernomor 1., 2., … (tebal)", for the UI.
    pub fn label(&self) -> String {
        let mut s = match self.keyword {
            Some(0) => "baris berawalan \"Program\"".to_string(),
            Some(1) => "baris berawalan \"Kegiatan\"".to_string(),
            Some(_) => "baris berawalan \"Sub Kegiatan\"".to_string(),
            None => String::new(),
        };
        let mark = match self.mark {
            Mark::Roman => "bernomor I, II, …".to_string(),
            Mark::Arabic => "bernomor 1., 2., …".to_string(),
            Mark::Letter => "bernomor a., b., …".to_string(),
            Mark::Code(n) => format!("berkode {n} segmen"),
            Mark::None => "tanpa nomor".to_string(),
        };
        if s.is_empty() {
            s = format!("baris {mark}");
        } else if self.mark != Mark::None {
            s = format!("{s}, {mark}");
        }
        if self.bold {
            s.push_str(" (tebal)");
        }
        s
    }
}

/// One group of item rows that look alike, with the level they have now.
#[derive(Clone, Debug, PartialEq)]
pub struct StyleGroup {
    pub style: RowStyle,
    /// Grid row indexes.
    pub rows: Vec<usize>,
    /// The level every row of the group has, `None` when they differ.
    pub level: Option<u8>,
}

/// The hierarchy of a budget table as the user sees it.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Structure {
    pub groups: Vec<StyleGroup>,
    /// Printed figures of parent and total rows that equal the sum of their rows.
    pub sums_agree: usize,
    /// Printed figures of parent and total rows that were compared with their rows.
    pub sums_compared: usize,
}

/// The style groups of a budget table's item rows and how many sums agree.
pub fn structure(grid: &Grid, mapping: &Mapping) -> Structure {
    if mapping.kind != TableKind::Budget {
        return Structure::default();
    }
    let styles = styles(grid, mapping);
    let mut groups: BTreeMap<RowStyle, StyleGroup> = BTreeMap::new();
    for (i, style) in &styles {
        let level = match mapping.row(*i) {
            RowRole::Item { level } => level,
            _ => continue,
        };
        let g = groups.entry(*style).or_insert(StyleGroup {
            style: *style,
            rows: Vec::new(),
            level: Some(level),
        });
        if g.level != Some(level) {
            g.level = None;
        }
        g.rows.push(*i);
    }
    let mut groups: Vec<StyleGroup> = groups.into_values().collect();
    groups.sort_by_key(|g| g.rows[0]);
    let entries = entries(grid, mapping);
    let levels: Vec<Option<u8>> = entries.iter().map(|e| e.level).collect();
    let (agree, compared) = score(&entries, &tree(&levels));
    Structure {
        groups,
        sums_agree: agree,
        sums_compared: compared,
    }
}

/// Give every item row of `style` the level `level` (one step instead of a dropdown per
/// row).
pub fn set_style_level(grid: &Grid, mapping: &mut Mapping, style: &RowStyle, level: u8) {
    for (i, s) in styles(grid, mapping) {
        if s == *style {
            mapping.rows[i] = RowRole::Item { level };
        }
    }
    refresh_levels(mapping);
}

/// What each item level is, after levels were changed by hand.
fn refresh_levels(mapping: &mut Mapping) {
    use super::mapping::Level;
    let max = mapping
        .rows
        .iter()
        .filter_map(|r| match r {
            RowRole::Item { level } => Some(*level),
            _ => None,
        })
        .max()
        .unwrap_or(0);
    if (max as usize) >= mapping.levels.len() || max >= 2 {
        mapping.levels = vec![Level::Program, Level::Kegiatan, Level::SubKegiatan];
    }
}

/// Whether bold type tells rows apart: not when (nearly) every item row is bold.
fn bold_means(grid: &Grid, mapping: &Mapping, items: &[usize]) -> bool {
    let bold = items
        .iter()
        .filter(|i| row_bold(grid, mapping, **i))
        .count();
    bold * 10 < items.len().max(1) * 8
}

fn name_number_cols(mapping: &Mapping) -> (Option<usize>, Option<usize>) {
    (
        mapping.find(ColumnRole::Name),
        mapping
            .find(ColumnRole::Number)
            .or_else(|| mapping.find(ColumnRole::Code)),
    )
}

fn row_bold(grid: &Grid, mapping: &Mapping, i: usize) -> bool {
    let (name, number) = name_number_cols(mapping);
    let b = |c: Option<usize>| {
        c.and_then(|c| shifted(grid, mapping, i, c))
            .is_some_and(|x| x.bold)
    };
    b(name) || b(number)
}

/// The style of every item row.
fn styles(grid: &Grid, mapping: &Mapping) -> Vec<(usize, RowStyle)> {
    let items: Vec<usize> = (0..grid.rows.len())
        .filter(|i| matches!(mapping.row(*i), RowRole::Item { .. }))
        .collect();
    let means = bold_means(grid, mapping, &items);
    let (name_col, number_col) = name_number_cols(mapping);
    items
        .iter()
        .map(|&i| {
            let cell = |c: Option<usize>| {
                c.and_then(|c| shifted(grid, mapping, i, c))
                    .map(|x| x.text.clone())
                    .unwrap_or_default()
            };
            let name = cell(name_col);
            let number = cell(number_col);
            let (prefix, bare) = text::split_numbering(&name);
            let numbering = text::numbering(&number).or(prefix.map(|p| p.1));
            let mark = match numbering {
                Some(Numbering::Roman(_)) => Mark::Roman,
                Some(Numbering::Arabic(_)) => Mark::Arabic,
                Some(Numbering::Letter) => Mark::Letter,
                Some(Numbering::Code(n)) => Mark::Code(n.min(9) as u8),
                None => Mark::None,
            };
            let keyword = text::keyword(bare).map(|k| match k {
                Keyword::Program => 0,
                Keyword::Kegiatan => 1,
                Keyword::SubKegiatan => 2,
            });
            (
                i,
                RowStyle {
                    mark,
                    keyword,
                    bold: means && row_bold(grid, mapping, i),
                },
            )
        })
        .collect()
}

/// An item or total row reduced to what the choice needs.
#[derive(Clone, Debug)]
struct Entry {
    row: usize,
    /// Its numbering and the number in it (`2.` → Arabic 2).
    number: Option<(Mark, u32)>,
    /// `None` for a total.
    level: Option<u8>,
    pagu: Option<Decimal>,
    realisasi: Option<Decimal>,
}

fn entries(grid: &Grid, mapping: &Mapping) -> Vec<Entry> {
    let pagu_col = mapping.find(ColumnRole::Pagu);
    let real_col = mapping.find(ColumnRole::Realisasi);
    let read = |i: usize, c: Option<usize>| -> Option<Decimal> {
        let cell = c.and_then(|c| shifted(grid, mapping, i, c))?;
        match cells::money(cell, mapping.convention) {
            Num::Value(v) => Some(v),
            Num::Dash => Some(Decimal::ZERO),
            _ => None,
        }
    };
    (0..grid.rows.len())
        .filter_map(|i| {
            let level = match mapping.row(i) {
                RowRole::Item { level } => Some(level),
                RowRole::Total => None,
                _ => return None,
            };
            Some(Entry {
                row: i,
                number: number_of(grid, mapping, i),
                level,
                pagu: read(i, pagu_col),
                realisasi: read(i, real_col),
            })
        })
        .collect()
}

fn number_of(grid: &Grid, mapping: &Mapping, i: usize) -> Option<(Mark, u32)> {
    let (name_col, number_col) = name_number_cols(mapping);
    let cell = |c: Option<usize>| {
        c.and_then(|c| shifted(grid, mapping, i, c))
            .map(|x| x.text.clone())
            .unwrap_or_default()
    };
    let name = cell(name_col);
    let (prefix, _) = text::split_numbering(&name);
    match text::numbering(&cell(number_col)).or(prefix.map(|p| p.1))? {
        Numbering::Roman(n) => Some((Mark::Roman, n)),
        Numbering::Arabic(n) => Some((Mark::Arabic, n)),
        _ => None,
    }
}

/// Parent and children of every entry: an item's parent is the nearest item above with a
/// smaller level. A total takes the top-level items since the previous total; a total
/// right after subtotals takes those subtotals; a total above every item (printed at the
/// top) takes the top-level items below it.
pub(crate) fn tree(levels: &[Option<u8>]) -> Vec<Vec<usize>> {
    let n = levels.len();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut stack: Vec<usize> = Vec::new();
    let mut scope_start = 0usize;
    let mut subtotals: Vec<usize> = Vec::new();
    let mut pending_top: Vec<usize> = Vec::new();
    for i in 0..n {
        match levels[i] {
            Some(level) => {
                while stack
                    .last()
                    .is_some_and(|t| levels[*t].is_some_and(|l| l >= level))
                {
                    stack.pop();
                }
                if let Some(&p) = stack.last() {
                    children[p].push(i);
                }
                stack.push(i);
            }
            None => {
                let scope: Vec<usize> = (scope_start..i).filter(|j| levels[*j].is_some()).collect();
                if scope.is_empty() {
                    if !subtotals.is_empty() {
                        children[i] = std::mem::take(&mut subtotals);
                    } else {
                        pending_top.push(i);
                    }
                } else {
                    let top = scope.iter().filter_map(|j| levels[*j]).min();
                    children[i] = scope.into_iter().filter(|j| levels[*j] == top).collect();
                    subtotals.push(i);
                }
                scope_start = i + 1;
                stack.clear();
            }
        }
    }
    // A total at the top: the top-level items below it, up to the next total.
    for t in pending_top {
        let end = (t + 1..n).find(|j| levels[*j].is_none()).unwrap_or(n);
        let scope: Vec<usize> = (t + 1..end).filter(|j| levels[*j].is_some()).collect();
        let top = scope.iter().filter_map(|j| levels[*j]).min();
        children[t] = scope.into_iter().filter(|j| levels[*j] == top).collect();
    }
    children
}

/// How many printed figures of parent and total rows equal the sum of their rows' printed
/// figures, and how many were compared.
fn score(entries: &[Entry], children: &[Vec<usize>]) -> (usize, usize) {
    let mut agree = 0;
    let mut compared = 0;
    for (i, kids) in children.iter().enumerate() {
        if kids.is_empty() {
            continue;
        }
        for amt in [0, 1] {
            let value = |j: usize| {
                if amt == 0 {
                    entries[j].pagu
                } else {
                    entries[j].realisasi
                }
            };
            let Some(printed) = value(i) else { continue };
            let mut sum = Decimal::ZERO;
            let mut any = false;
            for &k in kids {
                if let Some(v) = value(k).or_else(|| sum_below(entries, children, k, amt, 0)) {
                    sum += v;
                    any = true;
                }
            }
            if !any {
                continue;
            }
            compared += 1;
            if sum == printed {
                agree += 1;
            }
        }
    }
    (agree, compared)
}

fn sum_below(
    entries: &[Entry],
    children: &[Vec<usize>],
    i: usize,
    amt: usize,
    depth: usize,
) -> Option<Decimal> {
    if children[i].is_empty() || depth > 16 {
        return None;
    }
    let mut sum = Decimal::ZERO;
    let mut any = false;
    for &k in &children[i] {
        let v = if amt == 0 {
            entries[k].pagu
        } else {
            entries[k].realisasi
        };
        if let Some(v) = v.or_else(|| sum_below(entries, children, k, amt, depth + 1)) {
            sum += v;
            any = true;
        }
    }
    any.then_some(sum)
}

/// The key a candidate hierarchy is ranked by: sums that agree minus sums that do not,
/// then sums that agree.
/// A row without figures and without rows below it (a heading over nothing) counts
/// against a candidate when the sums do not decide.
fn rank(entries: &[Entry], levels: &[Option<u8>]) -> (i64, i64) {
    let children = tree(levels);
    let (agree, compared) = score(entries, &children);
    let empty_headings = entries
        .iter()
        .enumerate()
        .filter(|(i, e)| {
            e.level.is_some()
                && e.pagu.is_none()
                && e.realisasi.is_none()
                && children[*i].is_empty()
        })
        .count();
    (
        agree as i64 - (compared - agree) as i64,
        -(empty_headings as i64),
    )
}

/// Styles whose level is given by a keyword or a code, not chosen by the numbers.
fn fixed_level(style: &RowStyle) -> Option<u8> {
    // A sub kegiatan (by its word or its code) is at the bottom, whatever level that is:
    // its level is chosen like an unnumbered row's.
    match style.keyword {
        Some(2) => return None,
        Some(k) => return Some(k),
        None => {}
    }
    match style.mark {
        Mark::Code(n) if n >= 6 => None,
        Mark::Code(n) if n >= 4 => Some(1),
        Mark::Code(_) => Some(0),
        _ => None,
    }
}

/// Most rows whose hierarchy is searched from the numbers alone (the search grows faster
/// than the rows).
const MAX_ROWS_BY_NUMBERS: usize = 3000;

/// Most free styles whose levels are tried in every combination (3^4 = 81 candidates).
const MAX_FREE_STYLES: usize = 4;

/// Replace the item levels proposed from the look of the rows by the plausible hierarchy
/// under which the most printed totals add up. The proposal stays unless another
/// candidate is strictly better.
pub(crate) fn choose(grid: &Grid, mapping: &mut Mapping) {
    let mut entries = entries(grid, mapping);
    if entries.iter().filter(|e| e.level.is_some()).count() < 2 {
        return;
    }
    let styles: BTreeMap<usize, RowStyle> = styles(grid, mapping).into_iter().collect();
    let proposed: Vec<Option<u8>> = entries.iter().map(|e| e.level).collect();
    let mut best = (rank(&entries, &proposed), proposed.clone());

    let consider = |levels: Vec<Option<u8>>, best: &mut ((i64, i64), Vec<Option<u8>>)| {
        let r = rank(&entries, &levels);
        if r > best.0 {
            *best = (r, levels);
        }
    };

    // 1. Every level for every free style (numbering and bold alike).
    let mut free: Vec<RowStyle> = Vec::new();
    for e in &entries {
        if let Some(s) = styles.get(&e.row) {
            if fixed_level(s).is_none() && !free.contains(s) {
                free.push(*s);
            }
        }
    }
    if !free.is_empty() && free.len() <= MAX_FREE_STYLES {
        let combos = 3usize.pow(free.len() as u32);
        for code in 0..combos {
            let mut assign = Vec::with_capacity(free.len());
            let mut c = code;
            for _ in 0..free.len() {
                assign.push((c % 3) as u8);
                c /= 3;
            }
            let levels: Vec<Option<u8>> = entries
                .iter()
                .map(|e| {
                    e.level?;
                    let s = styles.get(&e.row)?;
                    Some(match fixed_level(s) {
                        Some(l) => l,
                        None => assign[free.iter().position(|f| f == s).unwrap_or(0)],
                    })
                })
                .collect();
            consider(levels, &mut best);
        }
    }

    // 2. The numbers alone: a row is a parent when the rows after it add up to it.
    if entries.len() <= MAX_ROWS_BY_NUMBERS {
        consider(by_numbers(&entries), &mut best);
    }

    let chosen = best.1;
    for (e, l) in entries.iter_mut().zip(&chosen) {
        if let Some(l) = l {
            mapping.rows[e.row] = RowRole::Item { level: *l };
        }
    }
}

/// Levels from the numbers alone: going down the rows, a row takes the rows after it as
/// its children while their sum has not passed its figure, and keeps them when the sum
/// equals its pagu or its realisasi. Three levels at most.
fn by_numbers(entries: &[Entry]) -> Vec<Option<u8>> {
    let mut levels: Vec<Option<u8>> = entries.iter().map(|e| e.level.map(|_| 0)).collect();
    let mut start = 0;
    while start < entries.len() {
        let end = (start..entries.len())
            .find(|j| entries[*j].level.is_none())
            .unwrap_or(entries.len());
        let mut k = start;
        while k < end {
            k = take(entries, k, 0, end, &mut levels);
        }
        start = end + 1;
    }
    levels
}

fn take(entries: &[Entry], i: usize, level: u8, end: usize, levels: &mut [Option<u8>]) -> usize {
    levels[i] = Some(level);
    if level >= 2 {
        return i + 1;
    }
    let (tp, tr) = (entries[i].pagu, entries[i].realisasi);
    if tp.is_none() && tr.is_none() {
        return i + 1;
    }
    let saved: Vec<Option<u8>> = levels[i + 1..end].to_vec();
    let (mut sp, mut sr) = (Decimal::ZERO, Decimal::ZERO);
    let mut k = i + 1;
    let mut kids: Vec<(Mark, u32)> = Vec::new();
    let mut single: Option<(usize, bool, Vec<Option<u8>>)> = None;
    while k < end {
        // `2.` right after `1.` is its sibling, never its child (unless it continues the
        // numbering of a child: numbers restarting on every level).
        if let (Some((m, v)), Some((pm, pv))) = (entries[k].number, entries[i].number) {
            if m == pm && v == pv + 1 && !kids.contains(&(m, pv)) {
                break;
            }
        }
        if let Some(n) = entries[k].number {
            kids.push(n);
        }
        let next = take(entries, k, level + 1, end, levels);
        sp += entries[k].pagu.unwrap_or_default();
        sr += entries[k].realisasi.unwrap_or_default();
        k = next;
        let hit_p = tp.is_some_and(|t| t == sp && !t.is_zero());
        let hit_r = tr.is_some_and(|t| t == sr && !t.is_zero());
        if hit_p && (hit_r || tr.is_none()) || hit_r && tp.is_none() {
            return k;
        }
        // One figure adds up, the other not (a row left out of one of them): keep looking
        // for a place where both do; else the pagu's, else the first.
        if (hit_p || hit_r) && single.as_ref().is_none_or(|s| hit_p && !s.1) {
            single = Some((k, hit_p, levels[i + 1..end].to_vec()));
        }
        let past_p = tp.is_none_or(|t| sp > t);
        let past_r = tr.is_none_or(|t| sr > t);
        if past_p && past_r {
            break;
        }
    }
    if let Some((k, _, snapshot)) = single {
        levels[i + 1..end].copy_from_slice(&snapshot);
        return k;
    }
    levels[i + 1..end].copy_from_slice(&saved);
    i + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_take_subtotals_and_a_total_on_top_takes_the_rows_below() {
        // item, item, subtotal, item, subtotal, grand total
        let levels = [Some(0), Some(0), None, Some(0), None, None];
        let t = tree(&levels);
        assert_eq!(t[2], [0, 1]);
        assert_eq!(t[4], [3]);
        assert_eq!(t[5], [2, 4]);
        // total first
        let levels = [None, Some(0), Some(1), Some(0)];
        assert_eq!(tree(&levels)[0], [1, 3]);
    }
}
