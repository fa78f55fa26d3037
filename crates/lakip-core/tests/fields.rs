//! Every field of every node type, by its table (`model/fields.rs`): a change to it shows
//! up in the diff under its label, is taken by a merge, survives a snapshot written and
//! read back, and can be made by an edit. The test walks the tables, so a field added to a
//! table is covered without touching this file; a field of a new kind fails in `change`
//! until it learns to change it.

use lakip_core::example::example;
use lakip_core::exchange::snapshot::{self, Meta};
use lakip_core::model::edit::{Edit, Field};
use lakip_core::model::fields::{Def, EditBy, Fields, Slot};
use lakip_core::model::scale::Scale;
use lakip_core::model::value::Value;
use lakip_core::model::*;
use lakip_core::workspace::diff::{diff, ChangeKind};
use lakip_core::workspace::merge::{merge, MergeChoices};
use lakip_core::Decimal;

/// The year a yearly field is changed in (no report holds it yet).
const YEAR: i32 = 2099;

fn plus_one(d: Option<Decimal>) -> Option<Decimal> {
    Some(d.unwrap_or(Decimal::ONE) + Decimal::ONE)
}

/// Another valid value in field `d` of `x`: `ids` are the tujuan and sasaran ids a link
/// may point at.
fn change<T>(d: &Def<T>, x: &mut T, tujuan: &[Id], sasaran: &[Id]) {
    match &d.slot {
        Slot::Id(_) | Slot::Children { .. } => unreachable!("not a data field"),
        Slot::Text { lens, .. } => (lens.get_mut)(x).push_str(" diubah"),
        Slot::OptText { lens, .. } => {
            let v = (lens.get_mut)(x);
            *v = Some(format!("{} diubah", v.clone().unwrap_or_default()));
        }
        Slot::Code { lens, .. } => *(lens.get_mut)(x) = "9.99.99".into(),
        Slot::Money(l) | Slot::Number(l) | Slot::Percent(l) => {
            let v = (l.get_mut)(x);
            *v = plus_one(*v);
        }
        Slot::Value(l) => {
            let v = (l.get_mut)(x);
            *v = Some(match v {
                Some(Value::Number(n)) => Value::Number(*n + Decimal::ONE),
                _ => Value::Number(Decimal::new(7, 0)),
            });
        }
        Slot::Years(l) => {
            (l.get_mut)(x).insert(YEAR, Value::Number(Decimal::new(55, 1)));
        }
        Slot::Direction(l) => {
            let v = (l.get_mut)(x);
            *v = match v {
                Direction::HigherIsBetter => Direction::LowerIsBetter,
                Direction::LowerIsBetter => Direction::LowerIsBetterInverse,
                Direction::LowerIsBetterInverse => Direction::HigherIsBetter,
            };
        }
        Slot::Accumulation(l) => {
            let v = (l.get_mut)(x);
            *v = match v {
                Accumulation::LastValue => Accumulation::Cumulative,
                Accumulation::Cumulative => Accumulation::LastValue,
            };
        }
        Slot::Flag(l) => {
            let v = (l.get_mut)(x);
            *v = !*v;
        }
        Slot::Link { lens, to, .. } => {
            let ids = match to {
                lakip_core::model::fields::LinkTo::Tujuan => tujuan,
                lakip_core::model::fields::LinkTo::Sasaran => sasaran,
            };
            // Another item, or no link when there is no other one.
            let v = (lens.get_mut)(x);
            let other = ids.iter().find(|id| Some(*id) != v.as_ref()).cloned();
            assert!(
                other.is_some() || v.is_some(),
                "{}: nothing to link to",
                d.name
            );
            *v = other;
        }
        Slot::Standard(l) => {
            let v = (l.get_mut)(x);
            let mut s = v.clone().unwrap_or(Standard {
                indicator: String::new(),
                value: Value::NotAvailable,
                source: String::new(),
            });
            s.indicator.push_str(" diubah");
            s.value = Value::Number(Decimal::new(3, 0));
            *v = Some(s);
        }
        Slot::Year(l) => *(l.get_mut)(x) += 1,
        Slot::Period(l) => (l.get_mut)(x).last += 1,
        Slot::Scale(l) => {
            let v = (l.get_mut)(x);
            *v = Scale::presets()
                .into_iter()
                .find(|s| s != v)
                .expect("another preset");
        }
        Slot::Decimals(l) => {
            let v = (l.get_mut)(x);
            *v = (*v + 1) % 7;
        }
    }
}

/// The item of type `T` that the test changes, in any copy of the report.
type At<T> = fn(&mut Report) -> &mut T;

fn ids(r: &Report) -> (Vec<Id>, Vec<Id>) {
    (
        r.tujuan.iter().map(|t| t.id.clone()).collect(),
        r.sasaran.iter().map(|s| s.id.clone()).collect(),
    )
}

/// Every data field of `T`'s table, changed one at a time in the item `at` finds.
/// Returns how many fields were checked.
fn every_field<T: Fields + Clone + std::fmt::Debug + PartialEq>(
    at: At<T>,
    id: fn(&T) -> Option<Id>,
) -> usize {
    let base = example();
    let (tujuan, sasaran) = ids(&base);
    let mut checked = 0;
    for d in T::fields().iter().filter(|d| d.is_data()) {
        let what = format!("{:?}.{}", T::NODE, d.name);
        let mut changed = base.clone();
        change(d, at(&mut changed), &tujuan, &sasaran);
        let mut b = base.clone();
        let mut c = changed.clone();
        assert!(!d.same(at(&mut b), at(&mut c)), "{what}: not changed");

        // The diff shows it, under its label.
        let dd = diff(&base, &changed);
        let fields: Vec<(ChangeKind, String)> = dd
            .changes()
            .map(|ch| (ch.kind, ch.field.clone().unwrap_or_default()))
            .collect();
        assert!(
            fields
                .iter()
                .any(|(k, f)| *k == ChangeKind::Changed && f.starts_with(d.label)),
            "{what}: not in the diff: {fields:?}"
        );

        // A merge of everything takes it.
        let mut merged = merge(&base, &changed, &MergeChoices::all(&dd));
        assert!(d.same(at(&mut merged), at(&mut c)), "{what}: not merged");
        assert!(merged == changed, "{what}: merge");

        // It survives the snapshot.
        let json = snapshot::export(&changed, &Meta::default());
        let mut read = snapshot::import_str(&json)
            .unwrap_or_else(|e| panic!("{what}: {e}"))
            .report;
        assert!(d.same(at(&mut read), at(&mut c)), "{what}: not read back");
        assert!(read == changed, "{what}: snapshot");
        assert_eq!(snapshot::check_report(&changed), vec![], "{what}: limits");

        // An edit makes it.
        let edits: Vec<Edit> = match d.edit {
            EditBy::None => panic!("{what}: a data field no edit can set"),
            EditBy::Report(field) => vec![Edit::SetReport {
                field,
                value: changed.report_field(&field).unwrap(),
            }],
            EditBy::Item(fs) => {
                let id = id(at(&mut c)).expect("an item has an id");
                fs.iter()
                    .map(|f| {
                        let f = match f {
                            Field::Target(_) => Field::Target(YEAR),
                            Field::Realisation(_) => Field::Realisation(YEAR),
                            f => f.clone(),
                        };
                        let value = changed
                            .field(&id, &f)
                            .unwrap_or_else(|e| panic!("{what}: {e}"));
                        Edit::Set {
                            id: id.clone(),
                            field: f,
                            value,
                        }
                    })
                    .collect()
            }
        };
        let mut edited = base.clone();
        let undo = edited
            .apply(Edit::Batch(edits))
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        assert!(edited == changed, "{what}: edit");
        edited.apply(undo).unwrap();
        assert!(edited == base, "{what}: undo");
        checked += 1;
    }
    checked
}

#[test]
fn a_change_to_any_field_is_diffed_merged_kept_by_the_snapshot_and_editable() {
    let n = [
        every_field::<Report>(|r| r, |_| None),
        every_field::<Tujuan>(|r| &mut r.tujuan[0], |x| Some(x.id.clone())),
        every_field::<Sasaran>(|r| &mut r.sasaran[0], |x| Some(x.id.clone())),
        every_field::<Indicator>(|r| &mut r.sasaran[0].iku[0], |x| Some(x.id.clone())),
        every_field::<Indicator>(|r| &mut r.tujuan[0].indicators[0], |x| Some(x.id.clone())),
        every_field::<Program>(|r| &mut r.programs[0], |x| Some(x.id.clone())),
        every_field::<Kegiatan>(|r| &mut r.programs[1].kegiatan[0], |x| Some(x.id.clone())),
        every_field::<SubKegiatan>(
            |r| &mut r.programs[1].kegiatan[0].sub_kegiatan[0],
            |x| Some(x.id.clone()),
        ),
        every_field::<Output>(
            |r| &mut r.programs[1].kegiatan[0].sub_kegiatan[0].outputs[0],
            |x| Some(x.id.clone()),
        ),
    ];
    // Report 7, tujuan 1, sasaran 2, indicator 14 (twice), program 6, kegiatan 5,
    // sub kegiatan 5, output 8: every data field of every table.
    assert_eq!(n, [7, 1, 2, 14, 14, 6, 5, 5, 8]);
}
