//! Phase two of a merge: the three lists built from the decisions. A kept item stays as
//! it is (a tujuan or sasaran with its chosen indicators taken); a taken item that both
//! reports have keeps the current id and takes every other field from the incoming one,
//! field by field by its table ([`crate::model::fields`]), with the incoming children.

use super::decide::{decide, Decision, Plan};
use super::{MergeChoices, Part};
use crate::model::fields::Fields;
use crate::model::*;
use crate::workspace::diff::{pairs, Pair};

/// Where nodes come from, for the id and code checks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Origin {
    /// The current item, unchanged.
    Current,
    /// The current item with some indicators taken from the incoming one (`true` =
    /// incoming).
    CurrentWithIncoming(Vec<bool>),
    /// The incoming item under the current id.
    IncomingUnderCurrentId,
    /// The incoming item as it is.
    Incoming,
}

/// Place the items of one list: kept and taken items in the current order, added ones
/// after the incoming item they follow.
fn place<T>(
    ps: &[Pair],
    decisions: &[Decision],
    mut build: impl FnMut(&Pair, Decision) -> Option<(T, Origin)>,
) -> Vec<(T, Origin)> {
    let mut out: Vec<(Option<usize>, T, Origin)> = Vec::new();
    for (k, p) in ps.iter().enumerate() {
        if p.cur.is_some() {
            if let Some((item, origin)) = build(p, decisions[k]) {
                out.push((p.inc, item, origin));
            }
        }
    }
    for (k, p) in ps.iter().enumerate() {
        if p.cur.is_none() {
            if let Some((item, origin)) = build(p, decisions[k]) {
                // After the nearest earlier incoming item that is placed, else before the
                // nearest later one, else at the end.
                let j = p.inc.unwrap_or(0);
                let pos_of = |out: &Vec<(Option<usize>, T, Origin)>, k: usize| {
                    out.iter().position(|(i, _, _)| *i == Some(k))
                };
                let n_inc = ps.iter().filter_map(|p| p.inc).max().map_or(0, |m| m + 1);
                let at = (0..j)
                    .rev()
                    .find_map(|prev| pos_of(&out, prev))
                    .map(|pos| pos + 1)
                    .or_else(|| (j + 1..n_inc).find_map(|next| pos_of(&out, next)))
                    .unwrap_or(out.len());
                out.insert(at, (p.inc, item, origin));
            }
        }
    }
    out.into_iter().map(|(_, t, o)| (t, o)).collect()
}

/// The indicators of a kept tujuan or sasaran, with the chosen incoming ones taken.
fn merge_indicators(
    cur: &[Indicator],
    inc: &[Indicator],
    choices: &MergeChoices,
) -> (Vec<Indicator>, Vec<bool>) {
    let ps = pairs(cur, inc, |i| &i.id, |_| "", |i| &i.name);
    let ds: Vec<Decision> = ps
        .iter()
        .map(|p| {
            decide(
                p,
                p.cur.map(|i| &cur[i].id),
                p.inc.map(|j| &inc[j].id),
                Part::Indicator,
                choices,
            )
        })
        .collect();
    let placed = place(&ps, &ds, |p, d| match d {
        Decision::Keep => Some((cur[p.cur?].clone(), Origin::Current)),
        Decision::Take => {
            let x = &inc[p.inc?];
            match p.cur {
                Some(i) => Some((taken(&cur[i], x, |_, _| {}), Origin::IncomingUnderCurrentId)),
                None => Some((x.clone(), Origin::Incoming)),
            }
        }
        Decision::Remove | Decision::Skip => None,
    });
    let flags = placed.iter().map(|(_, o)| *o == Origin::Incoming).collect();
    (placed.into_iter().map(|(x, _)| x).collect(), flags)
}

/// The merged report and where each of its top-level items came from.
pub(super) struct Built {
    pub report: Report,
    pub t_origin: Vec<Origin>,
    pub s_origin: Vec<Origin>,
    pub p_origin: Vec<Origin>,
}

/// The current item with the incoming one's fields and children taken.
fn taken<T: Fields + Clone>(cur: &T, inc: &T, children: impl FnOnce(&mut T, &T)) -> T {
    let mut x = cur.clone();
    T::take_fields(&mut x, inc);
    children(&mut x, inc);
    x
}

pub(super) fn build(
    current: &Report,
    incoming: &Report,
    choices: &MergeChoices,
    plan: &Plan,
) -> Built {
    let Plan {
        tp,
        sp,
        pp,
        td,
        sd,
        pd,
    } = plan;
    // Build the three lists.
    let tujuan = place(tp, td, |p, d| match d {
        Decision::Keep => {
            let mut t = current.tujuan[p.cur?].clone();
            let inc: &[Indicator] = p
                .inc
                .map(|j| incoming.tujuan[j].indicators.as_slice())
                .unwrap_or(&[]);
            let (inds, flags) = merge_indicators(&t.indicators, inc, choices);
            t.indicators = inds;
            Some((t, Origin::CurrentWithIncoming(flags)))
        }
        Decision::Take => {
            let t = &incoming.tujuan[p.inc?];
            match p.cur {
                Some(i) => Some((
                    taken(&current.tujuan[i], t, |x, y| {
                        x.indicators = y.indicators.clone()
                    }),
                    Origin::IncomingUnderCurrentId,
                )),
                None => Some((t.clone(), Origin::Incoming)),
            }
        }
        Decision::Remove | Decision::Skip => None,
    });
    let sasaran = place(sp, sd, |p, d| match d {
        Decision::Keep => {
            let mut s = current.sasaran[p.cur?].clone();
            let inc: &[Indicator] = p
                .inc
                .map(|j| incoming.sasaran[j].iku.as_slice())
                .unwrap_or(&[]);
            let (inds, flags) = merge_indicators(&s.iku, inc, choices);
            s.iku = inds;
            Some((s, Origin::CurrentWithIncoming(flags)))
        }
        Decision::Take => {
            let s = &incoming.sasaran[p.inc?];
            match p.cur {
                Some(i) => Some((
                    taken(&current.sasaran[i], s, |x, y| x.iku = y.iku.clone()),
                    Origin::IncomingUnderCurrentId,
                )),
                None => Some((s.clone(), Origin::Incoming)),
            }
        }
        Decision::Remove | Decision::Skip => None,
    });
    let programs = place(pp, pd, |p, d| match d {
        Decision::Keep => Some((current.programs[p.cur?].clone(), Origin::Current)),
        Decision::Take => {
            let x = &incoming.programs[p.inc?];
            match p.cur {
                Some(i) => Some((
                    taken(&current.programs[i], x, |a, b| {
                        a.kegiatan = b.kegiatan.clone()
                    }),
                    Origin::IncomingUnderCurrentId,
                )),
                None => Some((x.clone(), Origin::Incoming)),
            }
        }
        Decision::Remove | Decision::Skip => None,
    });

    let mut out = current.clone();
    if choices.report_fields {
        Report::take_fields(&mut out, incoming);
    }
    let (tujuan, t_origin): (Vec<_>, Vec<_>) = tujuan.into_iter().unzip();
    let (sasaran, s_origin): (Vec<_>, Vec<_>) = sasaran.into_iter().unzip();
    let (programs, p_origin): (Vec<_>, Vec<_>) = programs.into_iter().unzip();
    out.tujuan = tujuan;
    out.sasaran = sasaran;
    out.programs = programs;

    Built {
        report: out,
        t_origin,
        s_origin,
        p_origin,
    }
}
