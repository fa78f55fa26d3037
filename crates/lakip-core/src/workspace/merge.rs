//! Taking chosen parts of another version of a report — a Bidang's programs, a sasaran
//! with its IKU, single indicators — and keeping the rest.
//!
//! Items are matched as in [`crate::workspace::diff`] (id, then code, then normalised name). For
//! every tujuan, sasaran, program or indicator the user picks in [`MergeChoices`] the
//! incoming version is taken whole (an item only the current report has is removed); all
//! else stays as it is. The result is always a valid report:
//!
//! - **Links stay valid.** A taken program whose sasaran exists only in the incoming report
//!   brings that sasaran along (and a sasaran its tujuan); a sasaran (tujuan) the user chose
//!   to remove stays while a program (sasaran) that is kept still points at it. Each such
//!   decision is told in [`Merged::notes`].
//! - **Ids are never duplicated.** A matched item keeps the current id (so every link to it
//!   holds); an incoming id already used elsewhere gets a suffix (`p4-k1` → `p4-k1-2`), and
//!   links follow the rename. Codes are unique per level too: a taken code already used by
//!   a kept item is cleared, with a note.
//!
//! # Applying it as one undoable step
//! [`edit_to`] turns the merged report into one [`Edit::Batch`] (report fields set, changed
//! top-level items removed and inserted): the app applies it with its ordinary `apply`, so
//! one undo restores the report as it was before the merge. The app should also call
//! [`crate::workspace::store::backup_now`] with [`crate::workspace::store::BackupReason::BeforeMerge`] first, so
//! that the state before the merge survives a reload too. The same `edit_to(current,
//! imported)` makes "replace the whole report" undoable.

use crate::model::edit::{Edit, FieldValue, Node, ReportField};
use crate::model::*;
use crate::workspace::diff::{pairs, Diff, Kind, Pair};
use std::collections::{BTreeSet, HashMap, HashSet};

/// What a merge choice names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    Tujuan,
    Sasaran,
    /// An indicator of a tujuan or an IKU of a sasaran.
    Indicator,
    Program,
}

impl Part {
    /// The part a diff group stands for.
    pub fn of(kind: Kind) -> Option<Part> {
        match kind {
            Kind::Tujuan => Some(Part::Tujuan),
            Kind::Sasaran => Some(Part::Sasaran),
            Kind::IndikatorTujuan | Kind::Iku => Some(Part::Indicator),
            Kind::Program => Some(Part::Program),
            _ => None,
        }
    }
}

/// Which parts of the incoming report to take.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeChoices {
    /// Items whose incoming version is taken, named by [`crate::workspace::diff::Group::key`]: the incoming id
    /// (the current id is accepted too for an item both have), or the current id for an item
    /// only the current report has (taking the incoming version then removes it).
    pub take: BTreeSet<(Part, Id)>,
    /// Also take the report-level fields: instansi, tahun, Renstra period, settings, PK.
    pub report_fields: bool,
}

impl MergeChoices {
    pub fn new() -> MergeChoices {
        MergeChoices::default()
    }

    /// Builder: `MergeChoices::new().with(Part::Program, "p4")`.
    pub fn with(mut self, part: Part, id: impl Into<String>) -> MergeChoices {
        self.take.insert((part, Id(id.into())));
        self
    }

    pub fn insert(&mut self, part: Part, id: Id) {
        self.take.insert((part, id));
    }

    pub fn takes(&self, part: Part, id: &Id) -> bool {
        self.take.contains(&(part, id.clone()))
    }

    /// Every group of a diff (and the report fields): the merge then gives the incoming
    /// report, with the current ids kept where items match.
    pub fn all(diff: &Diff) -> MergeChoices {
        let mut c = MergeChoices {
            report_fields: !diff.report.is_empty(),
            ..Default::default()
        };
        for g in diff.groups() {
            if let Some(part) = Part::of(g.item) {
                c.insert(part, g.key.clone());
            }
            for i in &g.indicators {
                c.insert(Part::Indicator, i.key.clone());
            }
        }
        c
    }
}

/// A merge's result.
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    pub report: Report,
    /// What was done beyond the choices, in Indonesian (an item brought along for a link,
    /// a removal refused, a code cleared, an id renamed).
    pub notes: Vec<String>,
}

/// Merge: `current` with the parts of `incoming` named in `choices`.
pub fn merge(current: &Report, incoming: &Report, choices: &MergeChoices) -> Report {
    merge_with_notes(current, incoming, choices).report
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Decision {
    /// Keep the current item (the incoming one, if any, is left out).
    Keep,
    /// Take the incoming item (matched: under the current id).
    Take,
    /// Remove the current item (only the current report has it).
    Remove,
    /// Leave the incoming item out (only the incoming report has it).
    Skip,
}

fn decide(
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

fn label(name: &str) -> String {
    let n = name.trim();
    if n.is_empty() {
        "(tanpa nama)".into()
    } else {
        format!("\u{201c}{}\u{201d}", n.chars().take(80).collect::<String>())
    }
}

/// Where nodes come from, for the id and code checks.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Origin {
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
            let mut x = inc[p.inc?].clone();
            match p.cur {
                Some(i) => {
                    x.id = cur[i].id.clone();
                    Some((x, Origin::IncomingUnderCurrentId))
                }
                None => Some((x, Origin::Incoming)),
            }
        }
        Decision::Remove | Decision::Skip => None,
    });
    let flags = placed.iter().map(|(_, o)| *o == Origin::Incoming).collect();
    (placed.into_iter().map(|(x, _)| x).collect(), flags)
}

/// Merge, and say what was done beyond the choices.
pub fn merge_with_notes(current: &Report, incoming: &Report, choices: &MergeChoices) -> Merged {
    let mut notes = Vec::new();
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

    // Build the three lists.
    let tujuan = place(&tp, &td, |p, d| match d {
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
            let mut t = incoming.tujuan[p.inc?].clone();
            match p.cur {
                Some(i) => {
                    t.id = current.tujuan[i].id.clone();
                    Some((t, Origin::IncomingUnderCurrentId))
                }
                None => Some((t, Origin::Incoming)),
            }
        }
        Decision::Remove | Decision::Skip => None,
    });
    let sasaran = place(&sp, &sd, |p, d| match d {
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
            let mut s = incoming.sasaran[p.inc?].clone();
            match p.cur {
                Some(i) => {
                    s.id = current.sasaran[i].id.clone();
                    Some((s, Origin::IncomingUnderCurrentId))
                }
                None => Some((s, Origin::Incoming)),
            }
        }
        Decision::Remove | Decision::Skip => None,
    });
    let programs = place(&pp, &pd, |p, d| match d {
        Decision::Keep => Some((current.programs[p.cur?].clone(), Origin::Current)),
        Decision::Take => {
            let mut x = incoming.programs[p.inc?].clone();
            match p.cur {
                Some(i) => {
                    x.id = current.programs[i].id.clone();
                    Some((x, Origin::IncomingUnderCurrentId))
                }
                None => Some((x, Origin::Incoming)),
            }
        }
        Decision::Remove | Decision::Skip => None,
    });

    let mut out = current.clone();
    if choices.report_fields {
        out.instansi = incoming.instansi.clone();
        out.tahun = incoming.tahun;
        out.renstra = incoming.renstra;
        out.settings = incoming.settings.clone();
        out.pk = incoming.pk.clone();
    }
    let (tujuan, t_origin): (Vec<_>, Vec<_>) = tujuan.into_iter().unzip();
    let (sasaran, s_origin): (Vec<_>, Vec<_>) = sasaran.into_iter().unzip();
    let (programs, p_origin): (Vec<_>, Vec<_>) = programs.into_iter().unzip();
    out.tujuan = tujuan;
    out.sasaran = sasaran;
    out.programs = programs;

    // Ids: reserve every current one, then give incoming ones that collide a new one.
    let mut used: HashSet<Id> = HashSet::new();
    for (t, o) in out.tujuan.iter().zip(&t_origin) {
        reserve_parent(&mut used, &t.id, &t.indicators, o);
    }
    for (s, o) in out.sasaran.iter().zip(&s_origin) {
        reserve_parent(&mut used, &s.id, &s.iku, o);
    }
    for (p, o) in out.programs.iter().zip(&p_origin) {
        match o {
            Origin::Current | Origin::CurrentWithIncoming(_) => {
                used.insert(p.id.clone());
                program_ids(p, &mut |id| {
                    used.insert(id.clone());
                });
            }
            Origin::IncomingUnderCurrentId => {
                used.insert(p.id.clone());
            }
            Origin::Incoming => {}
        }
    }
    let mut renamed: Vec<(Id, Id)> = Vec::new();
    let mut fresh = |id: &mut Id, used: &mut HashSet<Id>| {
        if used.contains(id) {
            let new = unique(id, used);
            renamed.push((id.clone(), new.clone()));
            *id = new;
        }
        used.insert(id.clone());
    };
    // Final id of each incoming tujuan / sasaran (for links).
    let mut tujuan_id: HashMap<Id, Id> = HashMap::new();
    let mut sasaran_id: HashMap<Id, Id> = HashMap::new();
    for p in &tp {
        if let (Some(i), Some(j)) = (p.cur, p.inc) {
            tujuan_id.insert(incoming.tujuan[j].id.clone(), current.tujuan[i].id.clone());
        }
    }
    for p in &sp {
        if let (Some(i), Some(j)) = (p.cur, p.inc) {
            sasaran_id.insert(
                incoming.sasaran[j].id.clone(),
                current.sasaran[i].id.clone(),
            );
        }
    }
    for (t, o) in out.tujuan.iter_mut().zip(&t_origin) {
        if *o == Origin::Incoming {
            let original = t.id.clone();
            fresh(&mut t.id, &mut used);
            tujuan_id.insert(original, t.id.clone());
        }
        rename_indicators(&mut t.indicators, o, &mut fresh, &mut used);
    }
    for (s, o) in out.sasaran.iter_mut().zip(&s_origin) {
        if *o == Origin::Incoming {
            let original = s.id.clone();
            fresh(&mut s.id, &mut used);
            sasaran_id.insert(original, s.id.clone());
        }
        rename_indicators(&mut s.iku, o, &mut fresh, &mut used);
    }
    for (p, o) in out.programs.iter_mut().zip(&p_origin) {
        match o {
            Origin::Incoming => {
                fresh(&mut p.id, &mut used);
                program_ids_mut(p, &mut |id| fresh(id, &mut used));
            }
            Origin::IncomingUnderCurrentId => program_ids_mut(p, &mut |id| fresh(id, &mut used)),
            _ => {}
        }
    }
    for (old, new) in &renamed {
        notes.push(format!(
            "Id '{old}' sudah dipakai; butir dari berkas masuk memakai id '{new}'."
        ));
    }

    // Links of incoming items now point at the final ids.
    for (s, o) in out.sasaran.iter_mut().zip(&s_origin) {
        if matches!(o, Origin::Incoming | Origin::IncomingUnderCurrentId) {
            if let Some(t) = &s.tujuan_id {
                match tujuan_id.get(t) {
                    Some(id) => s.tujuan_id = Some(id.clone()),
                    None => {
                        notes.push(format!(
                            "Sasaran {}: tujuannya tidak ada, tautan dikosongkan.",
                            label(&s.name)
                        ));
                        s.tujuan_id = None;
                    }
                }
            }
        }
    }
    for (p, o) in out.programs.iter_mut().zip(&p_origin) {
        if matches!(o, Origin::Incoming | Origin::IncomingUnderCurrentId) {
            if let Some(s) = &p.sasaran_id {
                match sasaran_id.get(s) {
                    Some(id) => p.sasaran_id = Some(id.clone()),
                    None => {
                        notes.push(format!(
                            "Program {}: sasarannya tidak ada, tautan dikosongkan.",
                            label(&p.name)
                        ));
                        p.sasaran_id = None;
                    }
                }
            }
        }
    }

    // Codes: unique per level, the kept ones first.
    let mut codes: HashSet<String> = HashSet::new();
    let key = |level: &str, code: &str| format!("{level}:{}", crate::model::code::normalise(code));
    for (p, o) in out.programs.iter().zip(&p_origin) {
        if *o == Origin::Current {
            if !p.code.trim().is_empty() {
                codes.insert(key("program", &p.code));
            }
            for k in &p.kegiatan {
                if !k.code.trim().is_empty() {
                    codes.insert(key("kegiatan", &k.code));
                }
                for s in &k.sub_kegiatan {
                    if !s.code.trim().is_empty() {
                        codes.insert(key("sub_kegiatan", &s.code));
                    }
                }
            }
        }
    }
    let mut clear =
        |level: &str, kind: &str, name: &str, code: &mut String, notes: &mut Vec<String>| {
            if code.trim().is_empty() {
                return;
            }
            if !codes.insert(key(level, code)) {
                notes.push(format!(
                    "{kind} {}: kode '{}' sudah dipakai di laporan ini; kodenya dikosongkan.",
                    label(name),
                    code.trim()
                ));
                code.clear();
            }
        };
    for (p, o) in out.programs.iter_mut().zip(&p_origin) {
        if *o == Origin::Current {
            continue;
        }
        clear(
            "program",
            "Program",
            &p.name.clone(),
            &mut p.code,
            &mut notes,
        );
        for k in &mut p.kegiatan {
            clear(
                "kegiatan",
                "Kegiatan",
                &k.name.clone(),
                &mut k.code,
                &mut notes,
            );
            for s in &mut k.sub_kegiatan {
                clear(
                    "sub_kegiatan",
                    "Sub kegiatan",
                    &s.name.clone(),
                    &mut s.code,
                    &mut notes,
                );
            }
        }
    }

    Merged { report: out, notes }
}

fn reserve_parent(used: &mut HashSet<Id>, id: &Id, inds: &[Indicator], o: &Origin) {
    match o {
        Origin::Current => {
            used.insert(id.clone());
            used.extend(inds.iter().map(|i| i.id.clone()));
        }
        Origin::CurrentWithIncoming(flags) => {
            used.insert(id.clone());
            used.extend(
                inds.iter()
                    .zip(flags)
                    .filter(|(_, inc)| !**inc)
                    .map(|(i, _)| i.id.clone()),
            );
        }
        Origin::IncomingUnderCurrentId => {
            used.insert(id.clone());
        }
        Origin::Incoming => {}
    }
}

fn rename_indicators(
    inds: &mut [Indicator],
    o: &Origin,
    fresh: &mut impl FnMut(&mut Id, &mut HashSet<Id>),
    used: &mut HashSet<Id>,
) {
    match o {
        Origin::Current => {}
        Origin::CurrentWithIncoming(flags) => {
            for (i, inc) in inds.iter_mut().zip(flags) {
                if *inc {
                    fresh(&mut i.id, used);
                }
            }
        }
        Origin::IncomingUnderCurrentId | Origin::Incoming => {
            for i in inds {
                fresh(&mut i.id, used);
            }
        }
    }
}

/// `id-2`, `id-3`, … : the first not in `used` (at most [`crate::exchange::snapshot::MAX_ID`] long).
fn unique(id: &Id, used: &HashSet<Id>) -> Id {
    for n in 2u64.. {
        let suffix = format!("-{n}");
        let keep = crate::exchange::snapshot::MAX_ID.saturating_sub(suffix.len());
        let base: String = id.0.chars().take(keep).collect();
        let candidate = Id(format!("{base}{suffix}"));
        if !used.contains(&candidate) {
            return candidate;
        }
    }
    unreachable!("some suffix is free")
}

/// The ids below a program (kegiatan, sub kegiatan, outputs), in order.
fn program_ids(p: &Program, f: &mut impl FnMut(&Id)) {
    for k in &p.kegiatan {
        f(&k.id);
        for s in &k.sub_kegiatan {
            f(&s.id);
            for o in &s.outputs {
                f(&o.id);
            }
        }
    }
}

fn program_ids_mut(p: &mut Program, f: &mut impl FnMut(&mut Id)) {
    for k in &mut p.kegiatan {
        f(&mut k.id);
        for s in &mut k.sub_kegiatan {
            f(&mut s.id);
            for o in &mut s.outputs {
                f(&mut o.id);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// One undoable step.

/// The one edit that turns `current` into `target`: report fields set, and every top-level
/// item (tujuan, sasaran, program) that differs removed and inserted in its new version.
/// Applying it returns its inverse, so one undo restores `current` exactly.
pub fn edit_to(current: &Report, target: &Report) -> Edit {
    let edit = Edit::Batch(steps(current, target, false));
    let mut check = current.clone();
    if check.apply(edit.clone()).is_ok() && &check == target {
        return edit;
    }
    // Items reordered in a way the short form does not reproduce: replace everything.
    Edit::Batch(steps(current, target, true))
}

fn steps(current: &Report, target: &Report, everything: bool) -> Vec<Edit> {
    let mut edits = Vec::new();
    let set = |edits: &mut Vec<Edit>, field: ReportField, value: FieldValue| {
        edits.push(Edit::SetReport { field, value });
    };
    if current.instansi != target.instansi {
        set(
            &mut edits,
            ReportField::Instansi,
            FieldValue::Text(target.instansi.clone()),
        );
    }
    if current.tahun != target.tahun {
        set(
            &mut edits,
            ReportField::Tahun,
            FieldValue::Year(target.tahun),
        );
    }
    if current.renstra != target.renstra {
        set(
            &mut edits,
            ReportField::Renstra,
            FieldValue::Period(target.renstra),
        );
    }
    if current.settings.scale != target.settings.scale {
        set(
            &mut edits,
            ReportField::Scale,
            FieldValue::Scale(target.settings.scale.clone()),
        );
    }
    if current.settings.cap != target.settings.cap {
        set(
            &mut edits,
            ReportField::Cap,
            FieldValue::Number(target.settings.cap),
        );
    }
    if current.settings.decimals != target.settings.decimals {
        set(
            &mut edits,
            ReportField::Decimals,
            FieldValue::Decimals(target.settings.decimals),
        );
    }
    if current.pk != target.pk {
        set(
            &mut edits,
            ReportField::PkSigned,
            FieldValue::Text(target.pk.signed.clone()),
        );
    }
    fn list<T: PartialEq + Clone>(
        edits: &mut Vec<Edit>,
        inserts: &mut Vec<Edit>,
        cur: &[T],
        tgt: &[T],
        id: impl Fn(&T) -> &Id,
        node: impl Fn(T) -> Node,
        everything: bool,
    ) {
        let same = |x: &T| !everything && tgt.iter().any(|y| id(y) == id(x) && y == x);
        for x in cur {
            if !same(x) {
                edits.push(Edit::Remove { id: id(x).clone() });
            }
        }
        for (i, y) in tgt.iter().enumerate() {
            let kept = !everything && cur.iter().any(|x| id(x) == id(y) && x == y);
            if !kept {
                inserts.push(Edit::Insert {
                    parent: None,
                    index: i,
                    node: node(y.clone()),
                });
            }
        }
    }
    let mut inserts = Vec::new();
    list(
        &mut edits,
        &mut inserts,
        &current.tujuan,
        &target.tujuan,
        |t| &t.id,
        Node::Tujuan,
        everything,
    );
    list(
        &mut edits,
        &mut inserts,
        &current.sasaran,
        &target.sasaran,
        |s| &s.id,
        Node::Sasaran,
        everything,
    );
    list(
        &mut edits,
        &mut inserts,
        &current.programs,
        &target.programs,
        |p| &p.id,
        Node::Program,
        everything,
    );
    edits.extend(inserts);
    edits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::example::example;
    use crate::exchange::snapshot;
    use crate::workspace::diff::{diff, ChangeKind};

    fn d(s: &str) -> rust_decimal::Decimal {
        s.parse().unwrap()
    }

    /// A Bidang's copy: realisasi of one sub kegiatan changed, a kegiatan added to p4, a
    /// new program for a new sasaran, p1 removed.
    fn bidang_copy() -> Report {
        let mut r = example();
        r.programs[3].kegiatan[1].sub_kegiatan[0].realisasi = Some(d("0"));
        r.programs[3].kegiatan.push(Kegiatan {
            id: Id::new("p4-k9"),
            name: "Kegiatan Baru Bidang".into(),
            sub_kegiatan: vec![SubKegiatan {
                id: Id::new("p4-k9-s1"),
                name: "Sub Baru".into(),
                pagu: Some(d("1000")),
                ..Default::default()
            }],
            ..Default::default()
        });
        r.sasaran.push(Sasaran {
            id: Id::new("ss-baru"),
            name: "Sasaran Baru".into(),
            tujuan_id: Some(Id::new("t1")),
            iku: vec![],
        });
        r.programs.push(Program {
            id: Id::new("p-baru"),
            name: "Program Baru".into(),
            code: "9.99.99".into(),
            sasaran_id: Some(Id::new("ss-baru")),
            pagu: Some(d("5")),
            ..Default::default()
        });
        r.programs.remove(0);
        r
    }

    #[test]
    fn diff_lists_added_removed_and_changed_with_labels() {
        let cur = example();
        let inc = bidang_copy();
        let dd = diff(&cur, &inc);
        let labels: Vec<&str> = dd.changes().map(|c| c.label.as_str()).collect();
        let sub = &cur.programs[3].kegiatan[1].sub_kegiatan[0];
        let expected = format!(
            "Sub kegiatan {}: realisasi Rp 12.588.240 \u{2192} Rp 0",
            sub.name
        );
        assert!(labels.contains(&expected.as_str()), "{labels:#?}");
        assert!(
            labels
                .iter()
                .any(|l| l.starts_with("Kegiatan Kegiatan Baru Bidang ditambahkan")),
            "{labels:#?}"
        );
        assert!(
            labels
                .iter()
                .any(|l| l.starts_with("Program Program Baru ditambahkan")),
            "{labels:#?}"
        );
        assert!(
            labels
                .iter()
                .any(|l| l.starts_with(&format!("Program {} dihapus", cur.programs[0].name))),
            "{labels:#?}"
        );
        assert!(
            labels
                .iter()
                .any(|l| l.starts_with("Sasaran Sasaran Baru ditambahkan")),
            "{labels:#?}"
        );
        assert_eq!(dd.programs.len(), 3);
        let p4 = dd.programs.iter().find(|g| g.key == Id::new("p4")).unwrap();
        assert_eq!(p4.status, ChangeKind::Changed);
        assert_eq!(p4.changes.len(), 2);
        assert_eq!(
            p4.changes[0].context,
            vec![
                format!("Program {}", cur.programs[3].name),
                format!("Kegiatan {}", cur.programs[3].kegiatan[1].name)
            ]
        );
        assert_eq!(
            (p4.changes[0].old.as_deref(), p4.changes[0].new.as_deref()),
            (Some("Rp 12.588.240"), Some("Rp 0"))
        );
        assert_eq!(dd.counts().added, 3);
        assert_eq!(dd.counts().removed, 1);
        assert_eq!(dd.counts().changed, 1);
        assert!(diff(&cur, &cur).is_empty());
        assert_eq!(diff(&cur, &cur).summary(), "Tidak ada perbedaan.");
    }

    #[test]
    fn items_without_a_shared_id_match_by_code_then_name() {
        let cur = example();
        let mut inc = example();
        for (n, p) in inc.programs.iter_mut().enumerate() {
            p.id = Id(format!("lain-{n}"));
            p.code = if n == 0 {
                "1.06.02".into()
            } else {
                String::new()
            };
            p.name = format!("  {}. ", p.name.to_uppercase());
        }
        let mut cur2 = cur.clone();
        cur2.programs[0].code = "1.06.02".into();
        cur2.programs[0].name = "Nama lain sama sekali".into();
        let dd = diff(&cur2, &inc);
        assert_eq!(
            dd.programs
                .iter()
                .filter(|g| g.status != ChangeKind::Changed)
                .count(),
            0,
            "{:#?}",
            dd.programs
        );
        assert_eq!(
            dd.programs[0].matched_by,
            Some(crate::workspace::diff::MatchedBy::Code)
        );
        assert!(dd.programs[1..]
            .iter()
            .all(|g| g.matched_by == Some(crate::workspace::diff::MatchedBy::Name)));
        // Only the names' spelling differs: one "nama" change per program.
        assert!(dd.programs.iter().all(|g| g
            .changes
            .iter()
            .all(|c| c.field.as_deref() == Some("nama") || c.field.as_deref() == Some("kode"))));
    }

    #[test]
    fn merge_takes_only_the_chosen_parts_and_keeps_links_valid() {
        let cur = example();
        let inc = bidang_copy();
        // Take p4 (changed) and the new program (which brings its sasaran along).
        let choices = MergeChoices::new()
            .with(Part::Program, "p4")
            .with(Part::Program, "p-baru");
        let m = merge_with_notes(&cur, &inc, &choices);
        let r = &m.report;
        assert_eq!(r.programs.len(), 7);
        assert_eq!(
            r.programs[0], cur.programs[0],
            "p1 kept: its removal was not chosen"
        );
        assert_eq!(r.programs[3], inc.programs[2]);
        assert_eq!(r.programs[6].id, Id::new("p-baru"));
        assert_eq!(r.sasaran.len(), cur.sasaran.len() + 1);
        assert_eq!(r.programs[6].sasaran_id, Some(Id::new("ss-baru")));
        assert!(
            m.notes
                .iter()
                .any(|n| n.contains("Sasaran \u{201c}Sasaran Baru\u{201d} ikut diambil")),
            "{:?}",
            m.notes
        );
        snapshot::validate(r).unwrap();
        // Now p1's removal too.
        let choices = choices.with(Part::Program, "p1");
        let r = merge(&cur, &inc, &choices);
        assert_eq!(r.programs.len(), 6);
        assert!(r.programs.iter().all(|p| p.id != Id::new("p1")));
        snapshot::validate(&r).unwrap();
    }

    #[test]
    fn merging_everything_gives_the_incoming_report() {
        let cur = example();
        let inc = bidang_copy();
        let r = merge(&cur, &inc, &MergeChoices::all(&diff(&cur, &inc)));
        assert_eq!(r, inc);
        assert!(diff(&r, &inc).is_empty());
        // Nothing chosen: nothing changes.
        assert_eq!(merge(&cur, &inc, &MergeChoices::new()), cur);
    }

    #[test]
    fn a_removal_that_would_break_a_link_is_refused() {
        let cur = example();
        let mut inc = example();
        inc.sasaran.remove(0);
        for p in &mut inc.programs {
            if p.sasaran_id == Some(cur.sasaran[0].id.clone()) {
                p.sasaran_id = None;
            }
        }
        let m = merge_with_notes(
            &cur,
            &inc,
            &MergeChoices::new().with(Part::Sasaran, cur.sasaran[0].id.0.clone()),
        );
        assert_eq!(m.report.sasaran.len(), cur.sasaran.len());
        assert!(
            m.notes.iter().any(|n| n.contains("tidak dihapus")),
            "{:?}",
            m.notes
        );
        snapshot::validate(&m.report).unwrap();
    }

    #[test]
    fn colliding_ids_and_codes_are_resolved() {
        let cur = example();
        let mut inc = Report::new("Lain", 2024, cur.renstra);
        // A different program (other name, no code match) whose ids collide with current ones.
        inc.programs.push(Program {
            id: Id::new("p-lain"),
            name: "Program Lain".into(),
            kegiatan: vec![Kegiatan {
                id: Id::new("p1-k1"),
                name: "K".into(),
                code: "1.06.02.2.01".into(),
                ..Default::default()
            }],
            ..Default::default()
        });
        let mut cur = cur;
        cur.programs[0].kegiatan[0].code = "1.06.02.2.01".into();
        let m = merge_with_notes(
            &cur,
            &inc,
            &MergeChoices::new().with(Part::Program, "p-lain"),
        );
        let added = m.report.programs.last().unwrap();
        assert_eq!(added.kegiatan[0].id, Id::new("p1-k1-2"));
        assert_eq!(added.kegiatan[0].code, "");
        assert!(
            m.notes.iter().any(|n| n.contains("p1-k1-2")),
            "{:?}",
            m.notes
        );
        assert!(
            m.notes.iter().any(|n| n.contains("dikosongkan")),
            "{:?}",
            m.notes
        );
        snapshot::validate(&m.report).unwrap();
    }

    #[test]
    fn single_indicators_can_be_taken() {
        let cur = example();
        let mut inc = example();
        inc.sasaran[1].iku[0]
            .realisations
            .insert(2024, crate::model::value::Value::Number(d("77")));
        inc.sasaran[2].iku[0].cause = "tidak dipilih".into();
        let id = inc.sasaran[1].iku[0].id.clone();
        let dd = diff(&cur, &inc);
        assert_eq!(dd.sasaran.len(), 2);
        assert_eq!(dd.sasaran[0].indicators[0].key, id);
        let r = merge(
            &cur,
            &inc,
            &MergeChoices::new().with(Part::Indicator, id.0.clone()),
        );
        assert_eq!(r.sasaran[1], inc.sasaran[1]);
        assert_eq!(r.sasaran[2], cur.sasaran[2]);
    }

    #[test]
    fn a_merge_is_one_undoable_edit() {
        let cur = example();
        let inc = bidang_copy();
        for choices in [
            MergeChoices::new()
                .with(Part::Program, "p4")
                .with(Part::Program, "p-baru"),
            MergeChoices::all(&diff(&cur, &inc)),
            MergeChoices::new(),
        ] {
            let merged = merge(&cur, &inc, &choices);
            let edit = edit_to(&cur, &merged);
            let mut r = cur.clone();
            let undo = r.apply(edit).unwrap();
            assert_eq!(r, merged);
            r.apply(undo).unwrap();
            assert_eq!(r, cur);
        }
        // Replacing the whole report with another one, reordered, is one step too.
        let mut other = crate::generate::report(60, 4);
        other.programs.reverse();
        let edit = edit_to(&cur, &other);
        let mut r = cur.clone();
        let undo = r.apply(edit).unwrap();
        assert_eq!(r, other);
        r.apply(undo).unwrap();
        assert_eq!(r, cur);
    }
}
