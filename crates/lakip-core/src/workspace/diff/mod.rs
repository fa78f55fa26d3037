//! What differs between two versions of a report: the one open now (`current`) and one
//! about to be imported (`incoming`), for the preview before an import or a merge.
//!
//! Items are matched by id; items without a shared id are matched by code, then by their
//! normalised name (case, spaces and punctuation ignored), within the same parent. Every
//! difference is a [`Change`] with a label in Indonesian
//! ("Sub kegiatan Penyediaan Makanan: realisasi Rp 12.588.240 → Rp 0") and its old and new
//! values as text. Changes are grouped by tujuan, sasaran and program ([`Group`]); the
//! indicators of a tujuan or sasaran are groups of their own inside it, because a merge can
//! take them one by one ([`crate::workspace::merge`]).

//!
//! It runs in phases, one file each: [`matching`] pairs the items of two lists,
//! [`compare`] compares two matched items field by field by their table
//! ([`crate::model::fields`]), and [`collect`] walks the tree into changes and groups.

mod collect;
mod compare;
mod matching;

pub(crate) use matching::{pairs, Pair};

use crate::model::*;
use collect::{Collector, Parent};

/// The kind of an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// The report itself (instansi, tahun, settings).
    Laporan,
    Tujuan,
    /// An indicator of a tujuan.
    IndikatorTujuan,
    Sasaran,
    /// An IKU of a sasaran.
    Iku,
    Program,
    Kegiatan,
    SubKegiatan,
    /// An output indicator of a sub kegiatan.
    Keluaran,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Laporan => "Laporan",
            Kind::Tujuan => "Tujuan",
            Kind::IndikatorTujuan => "Indikator tujuan",
            Kind::Sasaran => "Sasaran",
            Kind::Iku => "IKU",
            Kind::Program => "Program",
            Kind::Kegiatan => "Kegiatan",
            Kind::SubKegiatan => "Sub kegiatan",
            Kind::Keluaran => "Indikator keluaran",
        }
    }
}

/// How two items were recognised as the same.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchedBy {
    Id,
    Code,
    Name,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    /// Only the incoming report has it.
    Added,
    /// Only the current report has it.
    Removed,
    /// Both have it, with different values.
    Changed,
}

/// One difference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub kind: ChangeKind,
    pub item: Kind,
    pub current_id: Option<Id>,
    pub incoming_id: Option<Id>,
    /// The item's name (the incoming one when both have it).
    pub name: String,
    /// The field that changed ("realisasi", "target 2025"); `None` for an added or removed
    /// item, and for report-level changes it is the setting.
    pub field: Option<String>,
    /// Old and new value as shown ("Rp 12.588.240"); `None` where there is none.
    pub old: Option<String>,
    pub new: Option<String>,
    /// The whole change in one sentence.
    pub label: String,
    /// The items around it, outermost first ("Program Pemberdayaan Sosial", "Kegiatan …").
    pub context: Vec<String>,
}

/// The differences under one tujuan, sasaran, program or indicator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    pub item: Kind,
    /// What a merge choice names it by ([`crate::workspace::merge::MergeChoices`]): the incoming id, or
    /// the current id for an item only the current report has.
    pub key: Id,
    pub current_id: Option<Id>,
    pub incoming_id: Option<Id>,
    pub matched_by: Option<MatchedBy>,
    pub status: ChangeKind,
    pub name: String,
    /// The item's own changes and those of everything below it (kegiatan, sub kegiatan,
    /// outputs), except indicators.
    pub changes: Vec<Change>,
    /// Indicators (of a tujuan) or IKU (of a sasaran) that differ.
    pub indicators: Vec<Group>,
}

impl Group {
    /// Every change in the group, indicators included.
    pub fn all_changes(&self) -> impl Iterator<Item = &Change> {
        self.changes
            .iter()
            .chain(self.indicators.iter().flat_map(|g| g.changes.iter()))
    }
}

/// Everything that differs.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Diff {
    /// Report-level changes: instansi, tahun, Renstra period, settings, PK.
    pub report: Vec<Change>,
    pub tujuan: Vec<Group>,
    pub sasaran: Vec<Group>,
    pub programs: Vec<Group>,
    /// Tujuan, sasaran and programs found in both, unchanged.
    pub unchanged: usize,
}

/// Counts for the preview's headline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Counts {
    pub added: usize,
    pub removed: usize,
    pub changed: usize,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.report.is_empty()
            && self.tujuan.is_empty()
            && self.sasaran.is_empty()
            && self.programs.is_empty()
    }

    /// Every group, in the order tujuan, sasaran, programs.
    pub fn groups(&self) -> impl Iterator<Item = &Group> {
        self.tujuan
            .iter()
            .chain(&self.sasaran)
            .chain(&self.programs)
    }

    /// Every change, report-level first.
    pub fn changes(&self) -> impl Iterator<Item = &Change> {
        self.report
            .iter()
            .chain(self.groups().flat_map(Group::all_changes))
    }

    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for ch in self.changes() {
            match ch.kind {
                ChangeKind::Added => c.added += 1,
                ChangeKind::Removed => c.removed += 1,
                ChangeKind::Changed => c.changed += 1,
            }
        }
        c
    }

    /// "3 ditambahkan, 1 dihapus, 12 berubah" or "Tidak ada perbedaan".
    pub fn summary(&self) -> String {
        if self.is_empty() {
            return "Tidak ada perbedaan.".into();
        }
        let c = self.counts();
        format!(
            "{} ditambahkan, {} dihapus, {} berubah.",
            c.added, c.removed, c.changed
        )
    }
}

/// Compare two versions of a report.
pub fn diff(current: &Report, incoming: &Report) -> Diff {
    let mut d = Diff::default();
    let mut c = Collector::new(current, incoming);

    // Report level.
    c.report();
    d.report = std::mem::take(&mut c.changes);

    // Tujuan and their indicators.
    for p in pairs(
        &current.tujuan,
        &incoming.tujuan,
        |t| &t.id,
        |_| "",
        |t| &t.name,
    ) {
        let a = p.cur.map(|i| Parent::from(&current.tujuan[i]));
        let b = p.inc.map(|j| Parent::from(&incoming.tujuan[j]));
        match c.parent_group(Kind::Tujuan, Kind::IndikatorTujuan, p, a, b) {
            Some(g) => d.tujuan.push(g),
            None => d.unchanged += 1,
        }
    }
    // Sasaran and their IKU.
    for p in pairs(
        &current.sasaran,
        &incoming.sasaran,
        |s| &s.id,
        |_| "",
        |s| &s.name,
    ) {
        let a = p.cur.map(|i| Parent::from(&current.sasaran[i]));
        let b = p.inc.map(|j| Parent::from(&incoming.sasaran[j]));
        match c.parent_group(Kind::Sasaran, Kind::Iku, p, a, b) {
            Some(g) => d.sasaran.push(g),
            None => d.unchanged += 1,
        }
    }
    // Programs with everything below them.
    for p in pairs(
        &current.programs,
        &incoming.programs,
        |x| &x.id,
        |x| &x.code,
        |x| &x.name,
    ) {
        let a = p.cur.map(|i| &current.programs[i]);
        let b = p.inc.map(|j| &incoming.programs[j]);
        if p.cur.is_none() && p.inc.is_none() {
            continue;
        }
        match c.program_group(p, a, b) {
            Some(g) => d.programs.push(g),
            None => d.unchanged += 1,
        }
    }
    d
}
