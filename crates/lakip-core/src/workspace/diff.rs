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

use crate::model::value::Value;
use crate::model::*;
use crate::num::{format_plain, format_rupiah};
use std::collections::HashMap;

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

// ---------------------------------------------------------------------------------------
// Matching.

/// A pair of positions: in the current list, in the incoming list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Pair {
    pub cur: Option<usize>,
    pub inc: Option<usize>,
    pub by: Option<MatchedBy>,
}

/// `Penyediaan  Makanan.` → `penyediaan makanan`.
pub(crate) fn normalise_name(s: &str) -> String {
    let mut out = String::new();
    for word in s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// Match two lists: by id, then code, then normalised name. Pairs come in the current
/// list's order (removed items in place), then the added items in the incoming order.
pub(crate) fn pairs<T>(
    cur: &[T],
    inc: &[T],
    id: impl Fn(&T) -> &Id,
    code: impl Fn(&T) -> &str,
    name: impl Fn(&T) -> &str,
) -> Vec<Pair> {
    let mut cur_of_inc: Vec<Option<(usize, MatchedBy)>> = vec![None; inc.len()];
    let mut taken = vec![false; cur.len()];
    let mut pass = |key: &dyn Fn(&T) -> String, by: MatchedBy| {
        let mut map: HashMap<String, usize> = HashMap::new();
        for (i, c) in cur.iter().enumerate() {
            let k = key(c);
            if !taken[i] && !k.is_empty() {
                map.entry(k).or_insert(i);
            }
        }
        for (j, x) in inc.iter().enumerate() {
            if cur_of_inc[j].is_some() {
                continue;
            }
            let k = key(x);
            if k.is_empty() {
                continue;
            }
            if let Some(&i) = map.get(&k) {
                if !taken[i] {
                    taken[i] = true;
                    cur_of_inc[j] = Some((i, by));
                }
            }
        }
    };
    pass(&|x: &T| id(x).0.clone(), MatchedBy::Id);
    pass(
        &|x: &T| crate::model::code::normalise(code(x)),
        MatchedBy::Code,
    );
    pass(&|x: &T| normalise_name(name(x)), MatchedBy::Name);

    let mut inc_of_cur: Vec<Option<(usize, MatchedBy)>> = vec![None; cur.len()];
    for (j, m) in cur_of_inc.iter().enumerate() {
        if let Some((i, by)) = m {
            inc_of_cur[*i] = Some((j, *by));
        }
    }
    let mut out: Vec<Pair> = inc_of_cur
        .iter()
        .enumerate()
        .map(|(i, m)| Pair {
            cur: Some(i),
            inc: m.map(|m| m.0),
            by: m.map(|m| m.1),
        })
        .collect();
    out.extend(
        cur_of_inc
            .iter()
            .enumerate()
            .filter(|(_, m)| m.is_none())
            .map(|(j, _)| Pair {
                cur: None,
                inc: Some(j),
                by: None,
            }),
    );
    out
}

// ---------------------------------------------------------------------------------------
// Showing values.

const EMPTY: &str = "(kosong)";

fn money(m: Option<Money>) -> String {
    m.map(format_rupiah).unwrap_or_else(|| EMPTY.into())
}

fn value(v: Option<&Value>) -> String {
    v.map(Value::to_string).unwrap_or_else(|| EMPTY.into())
}

fn number(d: Option<rust_decimal::Decimal>) -> String {
    d.map(format_plain).unwrap_or_else(|| EMPTY.into())
}

fn text(s: &str) -> String {
    if s.is_empty() {
        return EMPTY.into();
    }
    let short: String = s.chars().take(80).collect();
    if short.len() < s.len() {
        format!("\u{201c}{short}…\u{201d}")
    } else {
        format!("\u{201c}{short}\u{201d}")
    }
}

fn display_name(name: &str, code: &str) -> String {
    match (name.trim().is_empty(), code.trim().is_empty()) {
        (false, _) => name.trim().to_string(),
        (true, false) => code.trim().to_string(),
        (true, true) => "(tanpa nama)".into(),
    }
}

/// Collects the changes of one group.
struct Collector<'a> {
    changes: Vec<Change>,
    context: Vec<String>,
    current: &'a Report,
    incoming: &'a Report,
}

impl Collector<'_> {
    #[allow(clippy::too_many_arguments)]
    fn field(
        &mut self,
        item: Kind,
        cur: &Id,
        inc: &Id,
        name: &str,
        field: &str,
        old: String,
        new: String,
    ) {
        if old == new {
            return;
        }
        let label = format!("{} {name}: {field} {old} \u{2192} {new}", item.label());
        self.changes.push(Change {
            kind: ChangeKind::Changed,
            item,
            current_id: Some(cur.clone()),
            incoming_id: Some(inc.clone()),
            name: name.to_string(),
            field: Some(field.to_string()),
            old: Some(old),
            new: Some(new),
            label,
            context: self.context.clone(),
        });
    }

    fn whole(&mut self, kind: ChangeKind, item: Kind, id: &Id, name: &str, detail: String) {
        let verb = if kind == ChangeKind::Added {
            "ditambahkan"
        } else {
            "dihapus"
        };
        let label = if detail.is_empty() {
            format!("{} {name} {verb}", item.label())
        } else {
            format!("{} {name} {verb} ({detail})", item.label())
        };
        let (current_id, incoming_id) = if kind == ChangeKind::Added {
            (None, Some(id.clone()))
        } else {
            (Some(id.clone()), None)
        };
        self.changes.push(Change {
            kind,
            item,
            current_id,
            incoming_id,
            name: name.to_string(),
            field: None,
            old: None,
            new: None,
            label,
            context: self.context.clone(),
        });
    }

    fn sasaran_name(r: &Report, id: &Option<Id>) -> String {
        match id {
            None => "(tidak ada)".into(),
            Some(id) => r
                .sasaran
                .iter()
                .find(|s| &s.id == id)
                .map(|s| display_name(&s.name, ""))
                .unwrap_or_else(|| id.0.clone()),
        }
    }

    fn tujuan_name(r: &Report, id: &Option<Id>) -> String {
        match id {
            None => "(tidak ada)".into(),
            Some(id) => r
                .tujuan
                .iter()
                .find(|s| &s.id == id)
                .map(|s| display_name(&s.name, ""))
                .unwrap_or_else(|| id.0.clone()),
        }
    }

    fn indicator(&mut self, kind: Kind, a: &Indicator, b: &Indicator) {
        let name = display_name(&b.name, "");
        let (ca, cb) = (&a.id, &b.id);
        self.field(kind, ca, cb, &name, "nama", text(&a.name), text(&b.name));
        self.field(kind, ca, cb, &name, "satuan", text(&a.unit), text(&b.unit));
        self.field(
            kind,
            ca,
            cb,
            &name,
            "arah",
            a.direction.label().into(),
            b.direction.label().into(),
        );
        let acc = |x: Accumulation| match x {
            Accumulation::LastValue => "nilai akhir".to_string(),
            Accumulation::Cumulative => "kumulatif".to_string(),
        };
        self.field(
            kind,
            ca,
            cb,
            &name,
            "akumulasi",
            acc(a.accumulation),
            acc(b.accumulation),
        );
        self.field(
            kind,
            ca,
            cb,
            &name,
            "pembilang",
            text(&a.formula.numerator),
            text(&b.formula.numerator),
        );
        self.field(
            kind,
            ca,
            cb,
            &name,
            "penyebut",
            text(&a.formula.denominator),
            text(&b.formula.denominator),
        );
        self.field(
            kind,
            ca,
            cb,
            &name,
            "nilai pembilang",
            number(a.formula.numerator_value),
            number(b.formula.numerator_value),
        );
        self.field(
            kind,
            ca,
            cb,
            &name,
            "nilai penyebut",
            number(a.formula.denominator_value),
            number(b.formula.denominator_value),
        );
        let years: std::collections::BTreeSet<i32> =
            a.targets.keys().chain(b.targets.keys()).copied().collect();
        for y in years {
            self.field(
                kind,
                ca,
                cb,
                &name,
                &format!("target {y}"),
                value(a.targets.get(&y)),
                value(b.targets.get(&y)),
            );
        }
        self.field(
            kind,
            ca,
            cb,
            &name,
            "target PK",
            value(a.target_pk.as_ref()),
            value(b.target_pk.as_ref()),
        );
        let years: std::collections::BTreeSet<i32> = a
            .realisations
            .keys()
            .chain(b.realisations.keys())
            .copied()
            .collect();
        for y in years {
            self.field(
                kind,
                ca,
                cb,
                &name,
                &format!("realisasi {y}"),
                value(a.realisations.get(&y)),
                value(b.realisations.get(&y)),
            );
        }
        let std_text = |s: &Option<Standard>| match s {
            None => EMPTY.to_string(),
            Some(s) => format!(
                "{} ({}; {})",
                s.value,
                display_name(&s.indicator, ""),
                display_name(&s.source, "")
            ),
        };
        self.field(
            kind,
            ca,
            cb,
            &name,
            "standar",
            std_text(&a.standard),
            std_text(&b.standard),
        );
        self.field(
            kind,
            ca,
            cb,
            &name,
            "penyebab",
            text(&a.cause),
            text(&b.cause),
        );
        self.field(
            kind,
            ca,
            cb,
            &name,
            "solusi",
            text(&a.solution),
            text(&b.solution),
        );
    }

    fn output(&mut self, a: &Output, b: &Output) {
        let k = Kind::Keluaran;
        let name = display_name(&b.name, "");
        let (ca, cb) = (&a.id, &b.id);
        self.field(k, ca, cb, &name, "nama", text(&a.name), text(&b.name));
        self.field(k, ca, cb, &name, "satuan", text(&a.unit), text(&b.unit));
        self.field(
            k,
            ca,
            cb,
            &name,
            "satuan realisasi",
            a.unit_realisasi
                .as_deref()
                .map(text)
                .unwrap_or_else(|| EMPTY.into()),
            b.unit_realisasi
                .as_deref()
                .map(text)
                .unwrap_or_else(|| EMPTY.into()),
        );
        self.field(
            k,
            ca,
            cb,
            &name,
            "arah",
            a.direction.label().into(),
            b.direction.label().into(),
        );
        self.field(
            k,
            ca,
            cb,
            &name,
            "target",
            value(a.target.as_ref()),
            value(b.target.as_ref()),
        );
        self.field(
            k,
            ca,
            cb,
            &name,
            "realisasi",
            value(a.realisasi.as_ref()),
            value(b.realisasi.as_ref()),
        );
        self.field(k, ca, cb, &name, "penyebab", text(&a.cause), text(&b.cause));
        self.field(
            k,
            ca,
            cb,
            &name,
            "solusi",
            text(&a.solution),
            text(&b.solution),
        );
    }

    #[allow(clippy::too_many_arguments)]
    fn list<T>(
        &mut self,
        cur: &[T],
        inc: &[T],
        kind: Kind,
        id: impl Fn(&T) -> &Id,
        code: impl Fn(&T) -> &str,
        name: impl Fn(&T) -> &str,
        detail: impl Fn(&T) -> String,
        mut both: impl FnMut(&mut Self, &T, &T),
    ) {
        for p in pairs(cur, inc, &id, &code, &name) {
            match (p.cur, p.inc) {
                (Some(i), Some(j)) => both(self, &cur[i], &inc[j]),
                (Some(i), None) => {
                    let x = &cur[i];
                    self.whole(
                        ChangeKind::Removed,
                        kind,
                        id(x),
                        &display_name(name(x), code(x)),
                        detail(x),
                    );
                }
                (None, Some(j)) => {
                    let x = &inc[j];
                    self.whole(
                        ChangeKind::Added,
                        kind,
                        id(x),
                        &display_name(name(x), code(x)),
                        detail(x),
                    );
                }
                (None, None) => {}
            }
        }
    }

    fn sub(&mut self, a: &SubKegiatan, b: &SubKegiatan) {
        let k = Kind::SubKegiatan;
        let name = display_name(&b.name, &b.code);
        let (ca, cb) = (&a.id, &b.id);
        self.field(k, ca, cb, &name, "kode", text(&a.code), text(&b.code));
        self.field(k, ca, cb, &name, "nama", text(&a.name), text(&b.name));
        self.field(k, ca, cb, &name, "pagu", money(a.pagu), money(b.pagu));
        self.field(
            k,
            ca,
            cb,
            &name,
            "pagu murni",
            money(a.pagu_murni),
            money(b.pagu_murni),
        );
        self.field(
            k,
            ca,
            cb,
            &name,
            "realisasi",
            money(a.realisasi),
            money(b.realisasi),
        );
        self.context.push(format!("{} {name}", k.label()));
        self.list(
            &a.outputs,
            &b.outputs,
            Kind::Keluaran,
            |o| &o.id,
            |_| "",
            |o| &o.name,
            |o| {
                o.target
                    .as_ref()
                    .map(|t| format!("target {t} {}", o.unit).trim().to_string())
                    .unwrap_or_default()
            },
            |c, x, y| c.output(x, y),
        );
        self.context.pop();
    }

    fn kegiatan(&mut self, a: &Kegiatan, b: &Kegiatan) {
        let k = Kind::Kegiatan;
        let name = display_name(&b.name, &b.code);
        let (ca, cb) = (&a.id, &b.id);
        self.field(k, ca, cb, &name, "kode", text(&a.code), text(&b.code));
        self.field(k, ca, cb, &name, "nama", text(&a.name), text(&b.name));
        let yn = |x: bool| {
            if x {
                "ya".to_string()
            } else {
                "tidak".to_string()
            }
        };
        self.field(k, ca, cb, &name, "SPM", yn(a.spm), yn(b.spm));
        self.field(k, ca, cb, &name, "pagu", money(a.pagu), money(b.pagu));
        self.field(
            k,
            ca,
            cb,
            &name,
            "realisasi",
            money(a.realisasi),
            money(b.realisasi),
        );
        self.context.push(format!("{} {name}", k.label()));
        self.list(
            &a.sub_kegiatan,
            &b.sub_kegiatan,
            Kind::SubKegiatan,
            |s| &s.id,
            |s| &s.code,
            |s| &s.name,
            |s| format!("pagu {}, realisasi {}", money(s.pagu), money(s.realisasi)),
            |c, x, y| c.sub(x, y),
        );
        self.context.pop();
    }

    fn program(&mut self, a: &Program, b: &Program) {
        let k = Kind::Program;
        let name = display_name(&b.name, &b.code);
        let (ca, cb) = (&a.id, &b.id);
        self.field(k, ca, cb, &name, "kode", text(&a.code), text(&b.code));
        self.field(k, ca, cb, &name, "nama", text(&a.name), text(&b.name));
        let (sa, sb) = (
            Self::sasaran_name(self.current, &a.sasaran_id),
            Self::sasaran_name(self.incoming, &b.sasaran_id),
        );
        self.field(k, ca, cb, &name, "sasaran", sa, sb);
        self.field(
            k,
            ca,
            cb,
            &name,
            "pagu PK",
            money(a.pagu_pk),
            money(b.pagu_pk),
        );
        self.field(k, ca, cb, &name, "pagu", money(a.pagu), money(b.pagu));
        self.field(
            k,
            ca,
            cb,
            &name,
            "realisasi",
            money(a.realisasi),
            money(b.realisasi),
        );
        self.context.push(format!("{} {name}", k.label()));
        self.list(
            &a.kegiatan,
            &b.kegiatan,
            Kind::Kegiatan,
            |x| &x.id,
            |x| &x.code,
            |x| &x.name,
            |x| format!("{} sub kegiatan", x.sub_kegiatan.len()),
            |c, x, y| c.kegiatan(x, y),
        );
        self.context.pop();
    }
}

fn program_detail(p: &Program) -> String {
    let t = crate::calc::budget::program_totals(p);
    format!(
        "{} kegiatan, {} sub kegiatan, pagu {}, realisasi {}",
        p.kegiatan.len(),
        p.kegiatan
            .iter()
            .map(|k| k.sub_kegiatan.len())
            .sum::<usize>(),
        format_rupiah(t.total.pagu),
        format_rupiah(t.total.realisasi)
    )
}

/// Compare two versions of a report.
pub fn diff(current: &Report, incoming: &Report) -> Diff {
    let mut d = Diff::default();
    let mut c = Collector {
        changes: Vec::new(),
        context: Vec::new(),
        current,
        incoming,
    };

    // Report level.
    let report_field = |c: &mut Collector, field: &str, old: String, new: String| {
        if old != new {
            c.changes.push(Change {
                kind: ChangeKind::Changed,
                item: Kind::Laporan,
                current_id: None,
                incoming_id: None,
                name: String::new(),
                field: Some(field.into()),
                label: format!("Laporan: {field} {old} \u{2192} {new}"),
                old: Some(old),
                new: Some(new),
                context: Vec::new(),
            });
        }
    };
    report_field(
        &mut c,
        "instansi",
        text(&current.instansi),
        text(&incoming.instansi),
    );
    report_field(
        &mut c,
        "tahun",
        current.tahun.to_string(),
        incoming.tahun.to_string(),
    );
    let period = |p: Period| format!("{}\u{2013}{}", p.first, p.last);
    report_field(
        &mut c,
        "periode Renstra",
        period(current.renstra),
        period(incoming.renstra),
    );
    if current.settings.scale != incoming.settings.scale {
        let name = |s: &crate::model::scale::Scale| {
            format!("{} ({} kategori)", display_name(&s.name, ""), s.bands.len())
        };
        let (a, b) = (
            name(&current.settings.scale),
            name(&incoming.settings.scale),
        );
        let (a, b) = if a == b {
            (format!("{a}, lama"), format!("{b}, baru"))
        } else {
            (a, b)
        };
        report_field(&mut c, "skala kategori", a, b);
    }
    let cap = |x: Option<rust_decimal::Decimal>| {
        x.map(format_plain).unwrap_or_else(|| "tanpa batas".into())
    };
    report_field(
        &mut c,
        "batas capaian",
        cap(current.settings.cap),
        cap(incoming.settings.cap),
    );
    report_field(
        &mut c,
        "desimal",
        current.settings.decimals.to_string(),
        incoming.settings.decimals.to_string(),
    );
    report_field(
        &mut c,
        "PK ditandatangani",
        text(&current.pk.signed),
        text(&incoming.pk.signed),
    );
    d.report = std::mem::take(&mut c.changes);

    // Tujuan and their indicators.
    for p in pairs(
        &current.tujuan,
        &incoming.tujuan,
        |t| &t.id,
        |_| "",
        |t| &t.name,
    ) {
        let a = p.cur.map(|i| &current.tujuan[i]);
        let b = p.inc.map(|j| &incoming.tujuan[j]);
        let group = top_group(
            &mut c,
            Kind::Tujuan,
            Kind::IndikatorTujuan,
            p,
            a.map(|t| (&t.id, t.name.as_str(), t.indicators.as_slice())),
            b.map(|t| (&t.id, t.name.as_str(), t.indicators.as_slice())),
            |c, a, b| {
                let a = a.unwrap();
                let b = b.unwrap();
                c.field(
                    Kind::Tujuan,
                    &a.0,
                    &b.0,
                    &display_name(&b.1, ""),
                    "nama",
                    text(&a.1),
                    text(&b.1),
                );
            },
        );
        match group {
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
        let a = p.cur.map(|i| &current.sasaran[i]);
        let b = p.inc.map(|j| &incoming.sasaran[j]);
        let group = top_group(
            &mut c,
            Kind::Sasaran,
            Kind::Iku,
            p,
            a.map(|s| (&s.id, s.name.as_str(), s.iku.as_slice())),
            b.map(|s| (&s.id, s.name.as_str(), s.iku.as_slice())),
            |c, _, _| {
                let (a, b) = (a.unwrap(), b.unwrap());
                let name = display_name(&b.name, "");
                c.field(
                    Kind::Sasaran,
                    &a.id,
                    &b.id,
                    &name,
                    "nama",
                    text(&a.name),
                    text(&b.name),
                );
                let (ta, tb) = (
                    Collector::tujuan_name(current, &a.tujuan_id),
                    Collector::tujuan_name(incoming, &b.tujuan_id),
                );
                c.field(Kind::Sasaran, &a.id, &b.id, &name, "tujuan", ta, tb);
            },
        );
        match group {
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
        c.changes.clear();
        let (status, name) = match (a, b) {
            (Some(a), Some(b)) => {
                c.program(a, b);
                (ChangeKind::Changed, display_name(&b.name, &b.code))
            }
            (Some(a), None) => {
                let name = display_name(&a.name, &a.code);
                c.whole(
                    ChangeKind::Removed,
                    Kind::Program,
                    &a.id,
                    &name,
                    program_detail(a),
                );
                (ChangeKind::Removed, name)
            }
            (None, Some(b)) => {
                let name = display_name(&b.name, &b.code);
                c.whole(
                    ChangeKind::Added,
                    Kind::Program,
                    &b.id,
                    &name,
                    program_detail(b),
                );
                (ChangeKind::Added, name)
            }
            (None, None) => continue,
        };
        if c.changes.is_empty() {
            d.unchanged += 1;
            continue;
        }
        d.programs.push(Group {
            item: Kind::Program,
            key: b
                .map(|x| x.id.clone())
                .or_else(|| a.map(|x| x.id.clone()))
                .unwrap_or_default(),
            current_id: a.map(|x| x.id.clone()),
            incoming_id: b.map(|x| x.id.clone()),
            matched_by: p.by,
            status,
            name,
            changes: std::mem::take(&mut c.changes),
            indicators: Vec::new(),
        });
    }
    d
}

type Parent<'a> = (&'a Id, &'a str, &'a [Indicator]);

/// The group of a tujuan or sasaran: its own changes (from `own`) and one group per
/// indicator that differs. `None` when nothing differs.
#[allow(clippy::too_many_arguments)]
fn top_group(
    c: &mut Collector,
    kind: Kind,
    ind_kind: Kind,
    p: Pair,
    a: Option<Parent>,
    b: Option<Parent>,
    own: impl FnOnce(&mut Collector, Option<(Id, String)>, Option<(Id, String)>),
) -> Option<Group> {
    c.changes.clear();
    let key = b
        .map(|x| x.0.clone())
        .or_else(|| a.map(|x| x.0.clone()))
        .unwrap_or_default();
    let mut indicators = Vec::new();
    let (status, name) = match (a, b) {
        (Some(a), Some(b)) => {
            own(
                c,
                Some((a.0.clone(), a.1.to_string())),
                Some((b.0.clone(), b.1.to_string())),
            );
            let name = display_name(b.1, "");
            c.context.push(format!("{} {name}", kind.label()));
            let own_changes = std::mem::take(&mut c.changes);
            for ip in pairs(a.2, b.2, |i| &i.id, |_| "", |i| &i.name) {
                let ia = ip.cur.map(|i| &a.2[i]);
                let ib = ip.inc.map(|j| &b.2[j]);
                let (status, iname) = match (ia, ib) {
                    (Some(x), Some(y)) => {
                        c.indicator(ind_kind, x, y);
                        (ChangeKind::Changed, display_name(&y.name, ""))
                    }
                    (Some(x), None) => {
                        let n = display_name(&x.name, "");
                        c.whole(ChangeKind::Removed, ind_kind, &x.id, &n, String::new());
                        (ChangeKind::Removed, n)
                    }
                    (None, Some(y)) => {
                        let n = display_name(&y.name, "");
                        c.whole(ChangeKind::Added, ind_kind, &y.id, &n, String::new());
                        (ChangeKind::Added, n)
                    }
                    (None, None) => continue,
                };
                if !c.changes.is_empty() {
                    indicators.push(Group {
                        item: ind_kind,
                        key: ib
                            .map(|x| x.id.clone())
                            .or_else(|| ia.map(|x| x.id.clone()))
                            .unwrap_or_default(),
                        current_id: ia.map(|x| x.id.clone()),
                        incoming_id: ib.map(|x| x.id.clone()),
                        matched_by: ip.by,
                        status,
                        name: iname,
                        changes: std::mem::take(&mut c.changes),
                        indicators: Vec::new(),
                    });
                }
            }
            c.context.pop();
            c.changes = own_changes;
            (ChangeKind::Changed, name)
        }
        (Some(a), None) => {
            let n = display_name(a.1, "");
            c.whole(
                ChangeKind::Removed,
                kind,
                a.0,
                &n,
                format!("{} indikator", a.2.len()),
            );
            (ChangeKind::Removed, n)
        }
        (None, Some(b)) => {
            let n = display_name(b.1, "");
            c.whole(
                ChangeKind::Added,
                kind,
                b.0,
                &n,
                format!("{} indikator", b.2.len()),
            );
            (ChangeKind::Added, n)
        }
        (None, None) => return None,
    };
    if c.changes.is_empty() && indicators.is_empty() {
        return None;
    }
    Some(Group {
        item: kind,
        key,
        current_id: a.map(|x| x.0.clone()),
        incoming_id: b.map(|x| x.0.clone()),
        matched_by: p.by,
        status,
        name,
        changes: std::mem::take(&mut c.changes),
        indicators,
    })
}
