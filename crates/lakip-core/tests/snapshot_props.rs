//! Properties of the snapshot, the store, diff and merge, over generated reports:
//!
//! 1. export → import (plain, pretty, packed, embedded in a page) gives back the identical
//!    report and envelope;
//! 2. the check run before every save ([`snapshot::check_report`]) passes exactly when the
//!    report's export imports, for reports broken in every way the reader knows;
//! 3. any merge of two versions is a valid report, reachable from the current one by one
//!    undoable edit;
//! 4. the 20.000-row report is saved, with backups, within the 5.000.000-character budget.

use lakip_core::exchange::snapshot::{self, Basis, Meta};
use lakip_core::generate::{self, Rng};
use lakip_core::model::value::Value;
use lakip_core::model::*;
use lakip_core::workspace::diff::diff;
use lakip_core::workspace::merge::{edit_to, merge, merge_with_notes, MergeChoices, Part};
use lakip_core::workspace::store::{self, MemoryStore, BUDGET_CHARS};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn meta_from(rng: &mut Rng) -> Meta {
    Meta {
        app_version: format!("0.{}.{}", rng.below(9), rng.below(30)),
        exported_at: format!(
            "2025-0{}-1{}T0{}:30:00.000Z",
            rng.range(1, 9),
            rng.below(9),
            rng.below(9)
        ),
        report_id: if rng.chance(20) {
            String::new()
        } else {
            format!("r-{}", rng.below(1 << 40))
        },
        revision: rng.below(1 << 53),
        basis: rng.chance(50).then(|| Basis {
            report_id: format!("r-{}", rng.below(1000)),
            revision: rng.below(100),
        }),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn export_import_gives_back_the_identical_report(subs in 1usize..400, seed in any::<u64>()) {
        let r = generate::report(subs, seed);
        let meta = meta_from(&mut Rng::new(seed));
        for text in [snapshot::export(&r, &meta), snapshot::export_pretty(&r, &meta)] {
            let back = snapshot::import_str(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert!(back.report == r);
            prop_assert_eq!(&back.meta, &meta);
            prop_assert_eq!(back.migrated_from, None);
            // The stored form, and a page with the report embedded, read the same.
            let head = snapshot::Head::of(&r, &meta);
            let stored = snapshot::encode_with_head(&text, &head);
            let again = snapshot::import_str(&stored).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert!(again.report == r);
            prop_assert_eq!(snapshot::peek(&stored).unwrap(), head.clone());
        }
        let page = snapshot::embed_html("<html><body><p>x</p></body></html>", &r, &meta);
        let embedded = snapshot::extract_embedded(&page).unwrap().unwrap();
        prop_assert!(embedded.report == r);
        prop_assert_eq!(embedded.meta, meta);
        prop_assert!(snapshot::check_report(&r).is_empty());
    }
}

// ---------------------------------------------------------------------------------------
// The pre-save check agrees with the reader.

/// Break a report in one of the ways the reader refuses (or in a harmless way).
fn break_it(r: &mut Report, rng: &mut Rng) {
    let p = rng.below(r.programs.len() as u64) as usize;
    let k = rng.below(r.programs[p].kegiatan.len().max(1) as u64) as usize;
    let s = rng.below(r.sasaran.len() as u64) as usize;
    let big = |rng: &mut Rng| -> Decimal {
        let choices = [
            "1000000000000000",
            "1000000000000000.01",
            "-1",
            "0.0000000000001",
            "12.345",
            "0",
            "99999999999999.99",
        ];
        rng.pick(&choices).parse().unwrap()
    };
    match rng.below(24) {
        0 => r.instansi = "x".repeat(1999 + rng.below(3) as usize),
        1 => r.programs[p].name = "é".repeat(2000 + rng.below(2) as usize),
        2 => r.sasaran[s].iku[0].cause = "y".repeat(19_999 + rng.below(3) as usize),
        3 => r.programs[p].id = r.sasaran[s].id.clone(),
        4 => r.programs[p].id = Id::new(" "),
        5 => r.programs[p].id = Id("p".repeat(64 + rng.below(2) as usize)),
        6 => {
            let other = (p + 1) % r.programs.len();
            r.programs[p].code = r.programs[other].code.clone();
        }
        7 => r.programs[p].sasaran_id = Some(Id::new("hilang")),
        8 => r.sasaran[s].tujuan_id = Some(Id::new("hilang")),
        9 => r.programs[p].pagu_pk = Some(big(rng)),
        10 => {
            if let Some(keg) = r.programs[p].kegiatan.get_mut(k) {
                if let Some(sub) = keg.sub_kegiatan.first_mut() {
                    sub.realisasi = Some(big(rng));
                }
            }
        }
        11 => {
            r.sasaran[s].iku[0]
                .targets
                .insert(2024, Value::Number(big(rng)));
        }
        12 => {
            let (a, b) = (big(rng), big(rng));
            r.sasaran[s].iku[0].target_pk = Some(Value::Range { low: a, high: b });
        }
        13 => {
            let (a, b) = (big(rng), big(rng));
            r.sasaran[s].iku[0].target_pk = Some(Value::Ratio { left: a, right: b });
        }
        14 => {
            let y = *rng.pick(&[1899, 1900, 2200, 2201, -5, 30000]);
            r.tujuan[0].indicators[0]
                .realisations
                .insert(y, Value::NotAvailable);
        }
        15 => r.tahun = *rng.pick(&[1899, 1900, 2200, 2201]),
        16 => {
            r.renstra = Period {
                first: 2020,
                last: *rng.pick(&[2019, 2030, 2031]),
            }
        }
        17 => r.settings.cap = Some(big(rng)),
        18 => r.settings.decimals = rng.below(9) as u32,
        19 => {
            if let Some(b) = r.settings.scale.bands.get_mut(1) {
                if let Some(l) = &mut b.lower {
                    l.value += Decimal::ONE;
                }
            }
        }
        20 => r.sasaran[s].iku[0].formula.numerator_value = Some(big(rng)),
        21 => {
            if let Some(keg) = r.programs[p].kegiatan.get_mut(k) {
                keg.code = "c".repeat(64 + rng.below(2) as usize);
            }
        }
        22 => r.pk.signed = "\u{0}<script>".repeat(rng.below(400) as usize),
        _ => r.programs[p].sasaran_id = Some(Id("s".repeat(65))),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(192))]

    #[test]
    fn the_save_check_agrees_with_the_reader(subs in 20usize..120, seed in any::<u64>(), breaks in 1usize..4) {
        let mut r = generate::report(subs, seed % 1000);
        let mut rng = Rng::new(seed);
        for _ in 0..breaks {
            break_it(&mut r, &mut rng);
        }
        let mine = snapshot::check_report(&r);
        let read = snapshot::import_str(&snapshot::export(&r, &Meta::default()));
        match &read {
            Ok(_) => prop_assert!(mine.is_empty(), "check refuses what the reader reads: {:?}", mine),
            Err(e) => {
                prop_assert!(!mine.is_empty(), "check passes what the reader refuses: {}", e);
                // …and names the same problems.
                let mut a: Vec<String> = mine.iter().map(|p| p.to_string()).collect();
                let mut b: Vec<String> = e.problems().iter().map(|p| p.to_string()).collect();
                a.sort();
                b.sort();
                prop_assert_eq!(a, b);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Merges are valid and one undo away.

/// Another version of `r`, as a Bidang might send it back.
fn other_version(r: &Report, rng: &mut Rng) -> Report {
    let mut x = r.clone();
    for _ in 0..rng.range(1, 8) {
        let p = rng.below(x.programs.len() as u64) as usize;
        match rng.below(7) {
            0 => {
                if let Some(sub) = x.programs[p]
                    .kegiatan
                    .first_mut()
                    .and_then(|k| k.sub_kegiatan.first_mut())
                {
                    sub.realisasi = Some(Decimal::from(rng.below(1_000_000)));
                }
            }
            1 if x.programs.len() > 1 => {
                x.programs.remove(p);
            }
            2 => {
                // The program re-made under a new id, name and no code: it matches nothing
                // in the current report, yet its children's ids and codes are the current
                // program's.
                let mut copy = x.programs.remove(p);
                copy.id = Id(format!("baru-{}", rng.below(1000)));
                copy.name = format!("{} (dibuat ulang)", copy.name);
                copy.code.clear();
                if x.programs.iter().all(|q| q.id != copy.id) {
                    x.programs.push(copy);
                }
            }
            3 => {
                x.programs[p].id = Id(format!("lain-{}", rng.below(1000)));
            }
            4 => {
                let s = rng.below(x.sasaran.len() as u64) as usize;
                if let Some(iku) = x.sasaran[s].iku.first_mut() {
                    iku.realisations
                        .insert(2025, Value::Number(Decimal::from(rng.below(100))));
                }
            }
            5 => {
                let id = Id(format!("s-baru-{}", rng.below(1000)));
                if x.sasaran.iter().all(|s| s.id != id) {
                    x.sasaran.push(Sasaran {
                        id: id.clone(),
                        name: "Sasaran baru".into(),
                        tujuan_id: Some(x.tujuan[0].id.clone()),
                        iku: vec![],
                    });
                    x.programs[p].sasaran_id = Some(id);
                }
            }
            _ => {
                let s = rng.below(x.sasaran.len() as u64) as usize;
                let gone = x.sasaran.remove(s).id;
                for q in &mut x.programs {
                    if q.sasaran_id.as_ref() == Some(&gone) {
                        q.sasaran_id = None;
                    }
                }
            }
        }
    }
    x
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_merge_is_valid_and_one_undo_away(subs in 20usize..200, seed in any::<u64>()) {
        let cur = generate::report(subs, seed % 500);
        let mut rng = Rng::new(seed);
        let inc = other_version(&cur, &mut rng);
        prop_assert!(snapshot::check_report(&inc).is_empty(), "{:?}", snapshot::check_report(&inc));
        let d = diff(&cur, &inc);
        // Any subset of what the diff offers.
        let all = MergeChoices::all(&d);
        let mut some = MergeChoices::new();
        for c in &all.take {
            if rng.chance(50) {
                some.take.insert(c.clone());
            }
        }
        for choices in [&some, &all, &MergeChoices::new()] {
            let m = merge_with_notes(&cur, &inc, choices);
            let problems = snapshot::check_report(&m.report);
            prop_assert!(problems.is_empty(), "{:?}\nnotes: {:?}", problems, m.notes);
            let mut r = cur.clone();
            let undo = r.apply(edit_to(&cur, &m.report)).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert!(r == m.report);
            r.apply(undo).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert!(r == cur);
        }
        prop_assert!(merge(&cur, &inc, &MergeChoices::new()) == cur);
        // Taking everything leaves nothing to take.
        let everything = merge(&cur, &inc, &all);
        let left = diff(&everything, &inc);
        prop_assert!(left.programs.iter().all(|g| g.changes.iter().all(|c| c.field.as_deref() == Some("kode") || c.field.is_none() || c.field.as_deref() == Some("sasaran"))), "{:#?}", left.programs);
    }
}

#[test]
fn merging_a_bidang_part_into_a_large_report() {
    let cur = generate::report(2_000, 7);
    let mut inc = cur.clone();
    inc.programs[5].kegiatan[0].sub_kegiatan[0].realisasi = Some(Decimal::ZERO);
    inc.programs[9].name.push_str(" (revisi)");
    let d = diff(&cur, &inc);
    assert_eq!(d.programs.len(), 2);
    let r = merge(
        &cur,
        &inc,
        &MergeChoices::new().with(Part::Program, inc.programs[5].id.0.clone()),
    );
    assert_eq!(r.programs[5], inc.programs[5]);
    assert_eq!(r.programs[9], cur.programs[9]);
}

// ---------------------------------------------------------------------------------------
// The 20.000-row report in the browser's budget.

#[test]
fn the_20000_row_report_saves_with_backups_within_the_budget() {
    let mut kv = MemoryStore {
        limit: Some(BUDGET_CHARS),
        ..Default::default()
    };
    let mut r = generate::report(20_000, 1);
    let mut rev = None;
    let times = [
        "2025-01-06T08:00:00.000Z",
        "2025-01-06T08:10:00.000Z",
        "2025-01-06T08:20:00.000Z",
        "2025-01-07T08:00:00.000Z",
    ];
    let mut sizes = Vec::new();
    for (i, t) in times.iter().enumerate() {
        r.programs[i].kegiatan[0].sub_kegiatan[0].realisasi = Some(Decimal::from(1000 + i as i64));
        let meta = Meta {
            app_version: "uji".into(),
            exported_at: t.to_string(),
            ..Default::default()
        };
        let entry = store::save_report(&mut kv, "besar", &r, &meta, rev).unwrap();
        rev = Some(entry.revision);
        let u = store::usage(&kv).unwrap();
        sizes.push((entry.chars, u.total, u.backups));
        assert!(u.total <= BUDGET_CHARS);
    }
    let backups = store::list_backups(&kv, "besar").unwrap();
    assert_eq!(backups.len(), 3, "{backups:#?}");
    assert_eq!(backups[0].summary.as_ref().unwrap().sub_kegiatan, 20_000);
    let u = store::usage(&kv).unwrap();
    assert_eq!(u.warning(), None);
    eprintln!(
        "20.000 baris: laporan {} karakter; setelah tiap simpan (laporan, total, cadangan): {:?}; {} cadangan; total {} dari {} ({}%)",
        sizes[0].0, sizes, backups.len(), u.total, BUDGET_CHARS, u.percent()
    );
    assert_eq!(store::load_report(&mut kv, "besar", "t").unwrap(), r);
    // Restoring the oldest backup works within the budget too (it backs up the current state first).
    let oldest = backups.last().unwrap().key.clone();
    let done = store::restore_backup(
        &mut kv,
        "besar",
        &oldest,
        &Meta {
            exported_at: "2025-01-07T09:00:00.000Z".into(),
            ..Default::default()
        },
        rev,
    )
    .unwrap();
    assert_eq!(
        done.report.programs[0].kegiatan[0].sub_kegiatan[0].realisasi,
        Some(Decimal::from(1000))
    );
    assert!(store::usage(&kv).unwrap().total <= BUDGET_CHARS);
}
