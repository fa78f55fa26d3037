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
//!
//! # Phases
//! A merge runs in phases, one file each: [`decide`] matches the items
//! ([`crate::workspace::diff`]'s matching) and decides for each what happens, with the
//! items links bring along and the removals links refuse; [`build`] builds the lists,
//! taking a chosen item's fields by its table ([`crate::model::fields`]); [`ids`] gives
//! colliding ids new ones, points links at the final ids and clears duplicate codes;
//! [`undo`] turns the result into one undoable edit.

mod build;
mod decide;
mod ids;
mod undo;

pub use undo::edit_to;

use crate::model::*;
use crate::workspace::diff::{Diff, Kind};
use std::collections::BTreeSet;

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

/// Merge, and say what was done beyond the choices.
pub fn merge_with_notes(current: &Report, incoming: &Report, choices: &MergeChoices) -> Merged {
    let mut notes = Vec::new();
    let plan = decide::plan(current, incoming, choices, &mut notes);
    let mut built = build::build(current, incoming, choices, &plan);
    let (tujuan_id, sasaran_id) = ids::resolve(&mut built, &plan, current, incoming, &mut notes);
    ids::relink(&mut built, &tujuan_id, &sasaran_id, &mut notes);
    ids::clear_codes(&mut built, &mut notes);
    Merged {
        report: built.report,
        notes,
    }
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
