//! Phase one of a merge: match the items of both reports and decide for each what
//! happens — kept, taken, removed or left out — then bring along what a taken item links
//! to and refuse a removal that would break a kept link, each told in a note.

use super::{MergeChoices, Part};
use crate::model::*;
use crate::workspace::diff::{pairs, Pair};
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Decision {
    /// Keep the current item (the incoming one, if any, is left out).
    Keep,
    /// Take the incoming item (matched: under the current id).
    Take,
    /// Remove the current item (only the current report has it).
    Remove,
    /// Leave the incoming item out (only the incoming report has it).
    Skip,
}

pub(super) fn decide(
    p: &Pair,
    cur_id: Option<&Id>,
    inc_id: Option<&Id>,
    part: Part,
    choices: &MergeChoices,
) -> Decision {
    let chosen = inc_id.is_some_and(|i| choices.takes(part, i))
        || cur_id.is_some_and(|c| choices.takes(part, c));
    match (p.cur, p.inc, chosen) {
        (Some(_), Some(_), true) => Decision::Take,
        (Some(_), Some(_), false) => Decision::Keep,
        (Some(_), None, true) => Decision::Remove,
        (Some(_), None, false) => Decision::Keep,
        (None, _, true) => Decision::Take,
        (None, _, false) => Decision::Skip,
    }
}

pub(super) fn label(name: &str) -> String {
    let n = name.trim();
    if n.is_empty() {
        "(tanpa nama)".into()
    } else {
        format!("\u{201c}{}\u{201d}", n.chars().take(80).collect::<String>())
    }
}

/// The pairs of the three top-level lists and what happens to each.
pub(super) struct Plan {
    pub tp: Vec<Pair>,
    pub sp: Vec<Pair>,
    pub pp: Vec<Pair>,
    pub td: Vec<Decision>,
    pub sd: Vec<Decision>,
    pub pd: Vec<Decision>,
}

pub(super) fn plan(
    current: &Report,
    incoming: &Report,
    choices: &MergeChoices,
    notes: &mut Vec<String>,
) -> Plan {
    let tp = pairs(
        &current.tujuan,
        &incoming.tujuan,
        |t| &t.id,
        |_| "",
        |t| &t.name,
    );
    let sp = pairs(
        &current.sasaran,
        &incoming.sasaran,
        |s| &s.id,
        |_| "",
        |s| &s.name,
    );
    let pp = pairs(
        &current.programs,
        &incoming.programs,
        |p| &p.id,
        |p| &p.code,
        |p| &p.name,
    );
    let dec = |ps: &[Pair],
               part: Part,
               cid: &dyn Fn(usize) -> Id,
               iid: &dyn Fn(usize) -> Id|
     -> Vec<Decision> {
        ps.iter()
            .map(|p| {
                decide(
                    p,
                    p.cur.map(cid).as_ref(),
                    p.inc.map(iid).as_ref(),
                    part,
                    choices,
                )
            })
            .collect()
    };
    let mut td = dec(&tp, Part::Tujuan, &|i| current.tujuan[i].id.clone(), &|j| {
        incoming.tujuan[j].id.clone()
    });
    let mut sd = dec(
        &sp,
        Part::Sasaran,
        &|i| current.sasaran[i].id.clone(),
        &|j| incoming.sasaran[j].id.clone(),
    );
    let pd = dec(
        &pp,
        Part::Program,
        &|i| current.programs[i].id.clone(),
        &|j| incoming.programs[j].id.clone(),
    );

    // An indicator chosen inside a tujuan or sasaran that only the incoming report has
    // brings its parent along.
    for (k, p) in tp.iter().enumerate() {
        if let (None, Some(j), Decision::Skip) = (p.cur, p.inc, td[k]) {
            let t = &incoming.tujuan[j];
            if t.indicators
                .iter()
                .any(|i| choices.takes(Part::Indicator, &i.id))
            {
                td[k] = Decision::Take;
                notes.push(format!(
                    "Tujuan {} ikut diambil karena indikatornya dipilih.",
                    label(&t.name)
                ));
            }
        }
    }
    for (k, p) in sp.iter().enumerate() {
        if let (None, Some(j), Decision::Skip) = (p.cur, p.inc, sd[k]) {
            let s = &incoming.sasaran[j];
            if s.iku.iter().any(|i| choices.takes(Part::Indicator, &i.id)) {
                sd[k] = Decision::Take;
                notes.push(format!(
                    "Sasaran {} ikut diambil karena IKU-nya dipilih.",
                    label(&s.name)
                ));
            }
        }
    }
    // A taken program brings the sasaran it supports when only the incoming report has it;
    // a taken sasaran its tujuan.
    let inc_sasaran_pair: HashMap<&Id, usize> = sp
        .iter()
        .enumerate()
        .filter_map(|(k, p)| p.inc.map(|j| (&incoming.sasaran[j].id, k)))
        .collect();
    for (k, p) in pp.iter().enumerate() {
        if pd[k] != Decision::Take {
            continue;
        }
        let prog = &incoming.programs[p.inc.expect("taken programs are incoming")];
        if let Some(k2) = prog
            .sasaran_id
            .as_ref()
            .and_then(|s| inc_sasaran_pair.get(s))
        {
            if sp[*k2].cur.is_none() && sd[*k2] == Decision::Skip {
                sd[*k2] = Decision::Take;
                let s = &incoming.sasaran[sp[*k2].inc.expect("incoming")];
                notes.push(format!(
                    "Sasaran {} ikut diambil karena Program {} mendukungnya.",
                    label(&s.name),
                    label(&prog.name)
                ));
            }
        }
    }
    let inc_tujuan_pair: HashMap<&Id, usize> = tp
        .iter()
        .enumerate()
        .filter_map(|(k, p)| p.inc.map(|j| (&incoming.tujuan[j].id, k)))
        .collect();
    for (k, p) in sp.iter().enumerate() {
        if sd[k] != Decision::Take {
            continue;
        }
        let s = &incoming.sasaran[p.inc.expect("taken sasaran are incoming")];
        if let Some(k2) = s.tujuan_id.as_ref().and_then(|t| inc_tujuan_pair.get(t)) {
            if tp[*k2].cur.is_none() && td[*k2] == Decision::Skip {
                td[*k2] = Decision::Take;
                let t = &incoming.tujuan[tp[*k2].inc.expect("incoming")];
                notes.push(format!(
                    "Tujuan {} ikut diambil karena Sasaran {} melayaninya.",
                    label(&t.name),
                    label(&s.name)
                ));
            }
        }
    }
    // A removal that would break a kept link does not happen.
    for (k, p) in sp.iter().enumerate() {
        if sd[k] != Decision::Remove {
            continue;
        }
        let s = &current.sasaran[p.cur.expect("removed sasaran are current")];
        let users: Vec<&Program> = pp
            .iter()
            .zip(&pd)
            .filter(|(p, d)| p.cur.is_some() && **d == Decision::Keep)
            .map(|(p, _)| &current.programs[p.cur.expect("kept")])
            .filter(|prog| prog.sasaran_id.as_ref() == Some(&s.id))
            .collect();
        if let Some(first) = users.first() {
            sd[k] = Decision::Keep;
            notes.push(format!(
                "Sasaran {} tidak dihapus karena masih didukung Program {}.",
                label(&s.name),
                label(&first.name)
            ));
        }
    }
    for (k, p) in tp.iter().enumerate() {
        if td[k] != Decision::Remove {
            continue;
        }
        let t = &current.tujuan[p.cur.expect("removed tujuan are current")];
        let user = sp
            .iter()
            .zip(&sd)
            .filter(|(p, d)| p.cur.is_some() && **d == Decision::Keep)
            .map(|(p, _)| &current.sasaran[p.cur.expect("kept")])
            .find(|s| s.tujuan_id.as_ref() == Some(&t.id));
        if let Some(s) = user {
            td[k] = Decision::Keep;
            notes.push(format!(
                "Tujuan {} tidak dihapus karena Sasaran {} masih melayaninya.",
                label(&t.name),
                label(&s.name)
            ));
        }
    }

    Plan {
        tp,
        sp,
        pp,
        td,
        sd,
        pd,
    }
}
