//! Phase three of a merge: every id unique (an incoming id already used gets a suffix),
//! links pointing at the final ids (or cleared when their target is gone), codes unique
//! per level (a taken code already used by a kept item is cleared). Each change is told in
//! a note.

use super::build::{Built, Origin};
use super::decide::{label, Plan};
use crate::model::*;
use std::collections::{HashMap, HashSet};

/// Final ids of the incoming tujuan and sasaran, by their incoming id.
type Renames = HashMap<Id, Id>;

/// Give colliding ids new ones; returns where each incoming tujuan and sasaran ended up.
pub(super) fn resolve(
    built: &mut Built,
    plan: &Plan,
    current: &Report,
    incoming: &Report,
    notes: &mut Vec<String>,
) -> (Renames, Renames) {
    let (tp, sp) = (&plan.tp, &plan.sp);
    let out = &mut built.report;
    let (t_origin, s_origin, p_origin) = (&built.t_origin, &built.s_origin, &built.p_origin);
    // Ids: reserve every current one, then give incoming ones that collide a new one.
    let mut used: HashSet<Id> = HashSet::new();
    for (t, o) in out.tujuan.iter().zip(t_origin) {
        reserve_parent(&mut used, &t.id, &t.indicators, o);
    }
    for (s, o) in out.sasaran.iter().zip(s_origin) {
        reserve_parent(&mut used, &s.id, &s.iku, o);
    }
    for (p, o) in out.programs.iter().zip(p_origin) {
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
    for p in tp.iter() {
        if let (Some(i), Some(j)) = (p.cur, p.inc) {
            tujuan_id.insert(incoming.tujuan[j].id.clone(), current.tujuan[i].id.clone());
        }
    }
    for p in sp.iter() {
        if let (Some(i), Some(j)) = (p.cur, p.inc) {
            sasaran_id.insert(
                incoming.sasaran[j].id.clone(),
                current.sasaran[i].id.clone(),
            );
        }
    }
    for (t, o) in out.tujuan.iter_mut().zip(t_origin) {
        if *o == Origin::Incoming {
            let original = t.id.clone();
            fresh(&mut t.id, &mut used);
            tujuan_id.insert(original, t.id.clone());
        }
        rename_indicators(&mut t.indicators, o, &mut fresh, &mut used);
    }
    for (s, o) in out.sasaran.iter_mut().zip(s_origin) {
        if *o == Origin::Incoming {
            let original = s.id.clone();
            fresh(&mut s.id, &mut used);
            sasaran_id.insert(original, s.id.clone());
        }
        rename_indicators(&mut s.iku, o, &mut fresh, &mut used);
    }
    for (p, o) in out.programs.iter_mut().zip(p_origin) {
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

    (tujuan_id, sasaran_id)
}

/// Links of incoming items point at the final ids.
pub(super) fn relink(
    built: &mut Built,
    tujuan_id: &Renames,
    sasaran_id: &Renames,
    notes: &mut Vec<String>,
) {
    let out = &mut built.report;
    let (_t_origin, s_origin, p_origin) = (&built.t_origin, &built.s_origin, &built.p_origin);
    // Links of incoming items now point at the final ids.
    for (s, o) in out.sasaran.iter_mut().zip(s_origin) {
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
    for (p, o) in out.programs.iter_mut().zip(p_origin) {
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
}

/// Codes unique per level, the kept ones first.
pub(super) fn clear_codes(built: &mut Built, notes: &mut Vec<String>) {
    let out = &mut built.report;
    let p_origin = &built.p_origin;
    // Codes: unique per level, the kept ones first.
    let mut codes: HashSet<String> = HashSet::new();
    let key = |level: &str, code: &str| format!("{level}:{}", crate::model::code::normalise(code));
    for (p, o) in out.programs.iter().zip(p_origin) {
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
    for (p, o) in out.programs.iter_mut().zip(p_origin) {
        if *o == Origin::Current {
            continue;
        }
        clear("program", "Program", &p.name.clone(), &mut p.code, notes);
        for k in &mut p.kegiatan {
            clear("kegiatan", "Kegiatan", &k.name.clone(), &mut k.code, notes);
            for s in &mut k.sub_kegiatan {
                clear(
                    "sub_kegiatan",
                    "Sub kegiatan",
                    &s.name.clone(),
                    &mut s.code,
                    notes,
                );
            }
        }
    }
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
