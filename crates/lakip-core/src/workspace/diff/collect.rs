//! Phase three of a diff: walking the matched items down the tree, turning their field
//! differences ([`super::compare`]) and their added and removed children into
//! [`Change`]s with labels and context, and gathering them into [`Group`]s.

use super::compare::{self, display_name, money};
use super::matching::{pairs, Pair};
use super::{Change, ChangeKind, Group, Kind};
use crate::model::fields::Fields;
use crate::model::*;
use crate::num::format_rupiah;

/// Collects the changes of one group.
pub(super) struct Collector<'a> {
    pub changes: Vec<Change>,
    pub context: Vec<String>,
    pub current: &'a Report,
    pub incoming: &'a Report,
}

impl<'a> Collector<'a> {
    pub fn new(current: &'a Report, incoming: &'a Report) -> Collector<'a> {
        Collector {
            changes: Vec::new(),
            context: Vec::new(),
            current,
            incoming,
        }
    }

    /// The report's own fields (instansi, tahun, settings, PK).
    pub fn report(&mut self) {
        for d in compare::fields(self.current, self.incoming, self.current, self.incoming) {
            self.changes.push(Change {
                kind: ChangeKind::Changed,
                item: Kind::Laporan,
                current_id: None,
                incoming_id: None,
                name: String::new(),
                label: format!("Laporan: {} {} \u{2192} {}", d.field, d.old, d.new),
                field: Some(d.field),
                old: Some(d.old),
                new: Some(d.new),
                context: Vec::new(),
            });
        }
    }

    /// Every field of two matched items that differs, by the item's table.
    fn fields<T: Fields>(&mut self, item: Kind, cur: &Id, inc: &Id, name: &str, a: &T, b: &T) {
        for d in compare::fields(a, b, self.current, self.incoming) {
            let label = format!(
                "{} {name}: {} {} \u{2192} {}",
                item.label(),
                d.field,
                d.old,
                d.new
            );
            self.changes.push(Change {
                kind: ChangeKind::Changed,
                item,
                current_id: Some(cur.clone()),
                incoming_id: Some(inc.clone()),
                name: name.to_string(),
                field: Some(d.field),
                old: Some(d.old),
                new: Some(d.new),
                label,
                context: self.context.clone(),
            });
        }
    }

    /// An item only one side has.
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

    /// A list of children: matched pairs compared by `both`, the others added or removed.
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
                    let n = display_name(name(x), code(x));
                    self.whole(ChangeKind::Removed, kind, id(x), &n, detail(x));
                }
                (None, Some(j)) => {
                    let x = &inc[j];
                    let n = display_name(name(x), code(x));
                    self.whole(ChangeKind::Added, kind, id(x), &n, detail(x));
                }
                (None, None) => {}
            }
        }
    }

    fn indicator(&mut self, kind: Kind, a: &Indicator, b: &Indicator) {
        let name = display_name(&b.name, "");
        self.fields(kind, &a.id, &b.id, &name, a, b);
    }

    fn output(&mut self, a: &Output, b: &Output) {
        let name = display_name(&b.name, "");
        self.fields(Kind::Keluaran, &a.id, &b.id, &name, a, b);
    }

    fn sub(&mut self, a: &SubKegiatan, b: &SubKegiatan) {
        let k = Kind::SubKegiatan;
        let name = display_name(&b.name, &b.code);
        self.fields(k, &a.id, &b.id, &name, a, b);
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
        self.fields(k, &a.id, &b.id, &name, a, b);
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
        self.fields(k, &a.id, &b.id, &name, a, b);
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

    /// The group of a program with everything below it; `None` when nothing differs.
    pub fn program_group(
        &mut self,
        p: Pair,
        a: Option<&Program>,
        b: Option<&Program>,
    ) -> Option<Group> {
        self.changes.clear();
        let (status, name) = match (a, b) {
            (Some(a), Some(b)) => {
                self.program(a, b);
                (ChangeKind::Changed, display_name(&b.name, &b.code))
            }
            (Some(a), None) => {
                let name = display_name(&a.name, &a.code);
                self.whole(
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
                self.whole(
                    ChangeKind::Added,
                    Kind::Program,
                    &b.id,
                    &name,
                    program_detail(b),
                );
                (ChangeKind::Added, name)
            }
            (None, None) => return None,
        };
        if self.changes.is_empty() {
            return None;
        }
        Some(Group {
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
            changes: std::mem::take(&mut self.changes),
            indicators: Vec::new(),
        })
    }

    /// The group of a tujuan or sasaran: its own field changes and one group per indicator
    /// that differs. `None` when nothing differs.
    pub fn parent_group<T: Fields>(
        &mut self,
        kind: Kind,
        ind_kind: Kind,
        p: Pair,
        a: Option<Parent<T>>,
        b: Option<Parent<T>>,
    ) -> Option<Group> {
        self.changes.clear();
        let key = b
            .map(|x| x.id.clone())
            .or_else(|| a.map(|x| x.id.clone()))
            .unwrap_or_default();
        let mut indicators = Vec::new();
        let (status, name) = match (a, b) {
            (Some(a), Some(b)) => {
                let name = display_name(b.name, "");
                self.fields(kind, a.id, b.id, &name, a.item, b.item);
                self.context.push(format!("{} {name}", kind.label()));
                let own_changes = std::mem::take(&mut self.changes);
                for ip in pairs(a.indicators, b.indicators, |i| &i.id, |_| "", |i| &i.name) {
                    let ia = ip.cur.map(|i| &a.indicators[i]);
                    let ib = ip.inc.map(|j| &b.indicators[j]);
                    if let Some(g) = self.indicator_group(ind_kind, ip, ia, ib) {
                        indicators.push(g);
                    }
                }
                self.context.pop();
                self.changes = own_changes;
                (ChangeKind::Changed, name)
            }
            (Some(a), None) => {
                let n = display_name(a.name, "");
                let detail = format!("{} indikator", a.indicators.len());
                self.whole(ChangeKind::Removed, kind, a.id, &n, detail);
                (ChangeKind::Removed, n)
            }
            (None, Some(b)) => {
                let n = display_name(b.name, "");
                let detail = format!("{} indikator", b.indicators.len());
                self.whole(ChangeKind::Added, kind, b.id, &n, detail);
                (ChangeKind::Added, n)
            }
            (None, None) => return None,
        };
        if self.changes.is_empty() && indicators.is_empty() {
            return None;
        }
        Some(Group {
            item: kind,
            key,
            current_id: a.map(|x| x.id.clone()),
            incoming_id: b.map(|x| x.id.clone()),
            matched_by: p.by,
            status,
            name,
            changes: std::mem::take(&mut self.changes),
            indicators,
        })
    }

    fn indicator_group(
        &mut self,
        kind: Kind,
        p: Pair,
        a: Option<&Indicator>,
        b: Option<&Indicator>,
    ) -> Option<Group> {
        let (status, name) = match (a, b) {
            (Some(x), Some(y)) => {
                self.indicator(kind, x, y);
                (ChangeKind::Changed, display_name(&y.name, ""))
            }
            (Some(x), None) => {
                let n = display_name(&x.name, "");
                self.whole(ChangeKind::Removed, kind, &x.id, &n, String::new());
                (ChangeKind::Removed, n)
            }
            (None, Some(y)) => {
                let n = display_name(&y.name, "");
                self.whole(ChangeKind::Added, kind, &y.id, &n, String::new());
                (ChangeKind::Added, n)
            }
            (None, None) => return None,
        };
        if self.changes.is_empty() {
            return None;
        }
        Some(Group {
            item: kind,
            key: b
                .map(|x| x.id.clone())
                .or_else(|| a.map(|x| x.id.clone()))
                .unwrap_or_default(),
            current_id: a.map(|x| x.id.clone()),
            incoming_id: b.map(|x| x.id.clone()),
            matched_by: p.by,
            status,
            name,
            changes: std::mem::take(&mut self.changes),
            indicators: Vec::new(),
        })
    }
}

/// A tujuan or sasaran as a diff sees it: the item, its id and name, its indicators.
pub(super) struct Parent<'a, T> {
    pub item: &'a T,
    pub id: &'a Id,
    pub name: &'a str,
    pub indicators: &'a [Indicator],
}

impl<T> Clone for Parent<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Parent<'_, T> {}

impl<'a> From<&'a Tujuan> for Parent<'a, Tujuan> {
    fn from(t: &'a Tujuan) -> Self {
        Parent {
            item: t,
            id: &t.id,
            name: &t.name,
            indicators: &t.indicators,
        }
    }
}

impl<'a> From<&'a Sasaran> for Parent<'a, Sasaran> {
    fn from(s: &'a Sasaran) -> Self {
        Parent {
            item: s,
            id: &s.id,
            name: &s.name,
            indicators: &s.iku,
        }
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
