//! `Computed::refresh` (the incremental update the app runs after every edit) always equals
//! a full `compute`, whatever the sequence of edits.

use lakip_core::calc::compute::compute;
use lakip_core::generate;
use lakip_core::model::edit::{Edit, Field, FieldValue, Node};
use lakip_core::model::value::Value;
use lakip_core::model::{Direction, Id, Output, SubKegiatan};
use lakip_core::Decimal;
use proptest::prelude::*;

fn edit_for(r: &lakip_core::model::Report, kind: u8, pick: usize, amount: u32) -> Option<Edit> {
    let subs: Vec<(Id, Vec<Id>)> = r
        .programs
        .iter()
        .flat_map(|p| &p.kegiatan)
        .flat_map(|k| &k.sub_kegiatan)
        .map(|s| {
            (
                s.id.clone(),
                s.outputs.iter().map(|o| o.id.clone()).collect(),
            )
        })
        .collect();
    if subs.is_empty() {
        return None;
    }
    let (sub, outputs) = &subs[pick % subs.len()];
    let money = Some(Decimal::from(amount) * Decimal::from(1000));
    Some(match kind % 9 {
        0 => Edit::Set {
            id: sub.clone(),
            field: Field::Realisasi,
            value: FieldValue::Money(money),
        },
        1 => Edit::Set {
            id: sub.clone(),
            field: Field::Pagu,
            value: FieldValue::Money(if amount.is_multiple_of(7) {
                None
            } else {
                money
            }),
        },
        2 => Edit::Set {
            id: outputs.first()?.clone(),
            field: Field::OutputRealisation,
            value: FieldValue::Value(Some(Value::Number(amount.into()))),
        },
        3 => Edit::Set {
            id: outputs.first()?.clone(),
            field: Field::OutputTarget,
            value: FieldValue::Value(if amount.is_multiple_of(5) {
                None
            } else {
                Some(Value::Number((amount % 300).into()))
            }),
        },
        4 => Edit::Set {
            id: outputs.first()?.clone(),
            field: Field::Direction,
            value: FieldValue::Direction(if amount.is_multiple_of(2) {
                Direction::LowerIsBetter
            } else {
                Direction::HigherIsBetter
            }),
        },
        5 => Edit::Set {
            id: sub.clone(),
            field: Field::Name,
            value: FieldValue::Text(format!("nama {amount}")),
        },
        6 => Edit::Remove { id: sub.clone() },
        7 => {
            let kegiatan = r
                .programs
                .iter()
                .flat_map(|p| &p.kegiatan)
                .find(|k| k.sub_kegiatan.iter().any(|s| &s.id == sub))?;
            Edit::Insert {
                parent: Some(kegiatan.id.clone()),
                index: amount as usize,
                node: Node::SubKegiatan(SubKegiatan {
                    id: Id(format!("baru-{amount}-{pick}")),
                    pagu: money,
                    realisasi: Some(Decimal::from(amount)),
                    outputs: vec![Output {
                        id: Id(format!("baru-o-{amount}-{pick}")),
                        target: Some(Value::Number(10.into())),
                        realisasi: Some(Value::Number(7.into())),
                        ..Default::default()
                    }],
                    ..Default::default()
                }),
            }
        }
        _ => Edit::Move {
            id: sub.clone(),
            to: amount as usize % 3,
        },
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn refresh_equals_full_recompute(seed in 0u64..1000, steps in prop::collection::vec((any::<u8>(), any::<usize>(), 1u32..5_000_000), 1..25)) {
        let mut r = generate::report(120, seed);
        let mut c = compute(&r);
        for (kind, pick, amount) in steps {
            let Some(edit) = edit_for(&r, kind, pick, amount) else { continue };
            let Ok(inverse) = r.apply(edit.clone()) else { continue };
            c.refresh(&r, &edit);
            prop_assert_eq!(&c, &compute(&r), "after {:?}", edit);
            // Undo goes through the same path.
            if amount % 4 == 0 {
                r.apply(inverse.clone()).unwrap();
                c.refresh(&r, &inverse);
                prop_assert_eq!(&c, &compute(&r), "after undo {:?}", inverse);
            }
        }
    }
}
