use super::backups::{backup_key, parse_backup_key};
use super::time::parse_time;
use super::*;
use crate::example::example;
use crate::exchange::snapshot::{self, Meta, Summary};
use crate::model::Id;

fn meta_at(time: &str) -> Meta {
    Meta {
        app_version: "uji".into(),
        exported_at: time.into(),
        ..Default::default()
    }
}

fn meta() -> Meta {
    meta_at("2025-01-06T00:00:00Z")
}

/// `2025-01-06T08:00:00.000Z` plus `minutes`.
fn at(minutes: i64) -> String {
    let t = 8 * 60 + minutes;
    let (day, t) = (6 + t / (24 * 60), t % (24 * 60));
    format!("2025-01-{day:02}T{:02}:{:02}:00.000Z", t / 60, t % 60)
}

#[test]
fn save_list_load_delete() {
    let mut kv = MemoryStore::default();
    let r = example();
    let entry = save_report(&mut kv, "r1", &r, &meta(), None).unwrap();
    assert_eq!(
        (entry.instansi.as_str(), entry.tahun),
        ("Dinas Sosial Kota Pontianak", 2024)
    );
    assert_eq!((entry.revision, entry.report_id.as_str()), (1, "r1"));
    let index = read_index(&kv).unwrap();
    assert_eq!(index.active.as_deref(), Some("r1"));
    assert_eq!(index.entries, vec![entry.clone()]);
    let loaded = load(&mut kv, "r1", "t").unwrap();
    assert_eq!(loaded.report, r);
    assert_eq!(
        (loaded.meta.revision, loaded.meta.report_id.as_str()),
        (1, "r1")
    );
    assert_eq!(load_report(&mut kv, "r1", "t").unwrap(), r);
    // Every key is ours.
    assert!(kv.map.keys().all(|k| k.starts_with(PREFIX)));
    delete_report(&mut kv, "r1").unwrap();
    assert_eq!(load_report(&mut kv, "r1", "t"), Err(LoadError::Missing));
    assert!(read_index(&kv).unwrap().entries.is_empty());
    // …but its last state is a backup and can be restored.
    let backups = list_all_backups(&kv).unwrap();
    assert_eq!(backups.len(), 1);
    assert_eq!(backups[0].reason, BackupReason::BeforeDelete);
    let back = restore_backup(&mut kv, "r1", &backups[0].key, &meta(), None).unwrap();
    assert_eq!(back.report, r);
    assert_eq!(back.entry.revision, 2);
    assert_eq!(read_index(&kv).unwrap().entries.len(), 1);
}

#[test]
fn a_full_store_keeps_the_previous_version() {
    let mut kv = MemoryStore::default();
    let mut r = example();
    save_report(&mut kv, "r1", &r, &meta(), None).unwrap();
    let before = kv.map.clone();
    kv.limit = Some(kv.chars() + 10);
    r.pk.signed = "x".repeat(1500);
    assert_eq!(
        save_report(&mut kv, "r1", &r, &meta_at(&at(60)), Some(1)),
        Err(StoreError::Full)
    );
    assert_eq!(kv.map, before);
}

#[test]
fn a_corrupt_value_is_kept_aside_not_deleted() {
    let mut kv = MemoryStore::default();
    let broken = "{\"format\":\"kalkulator-lakip\",\"versi\":1,\"lap";
    kv.map.insert(report_key("r1"), broken.into());
    let err = load_report(&mut kv, "r1", "2025-01-06T00-00-00").unwrap_err();
    match err {
        LoadError::Corrupt {
            kept_as: Some(k), ..
        } => {
            assert_eq!(kv.map.get(&k), kv.map.get(&report_key("r1")));
        }
        other => panic!("{other:?}"),
    }
    assert!(kv.map.contains_key(&report_key("r1")));
    // The index is rebuilt from the stored reports when missing.
    let index = read_index(&kv).unwrap();
    assert_eq!(index.entries[0].instansi, "(tidak terbaca)");
    // Saving over it keeps it aside first (under the save time).
    save_report(
        &mut kv,
        "r1",
        &example(),
        &meta_at("2025-01-07T00:00:00Z"),
        Some(0),
    )
    .unwrap();
    assert_eq!(
        kv.map
            .get("kalkulator-lakip/rusak/2025-01-07T00-00-00Z/r1")
            .map(String::as_str),
        Some(broken)
    );
}

#[test]
fn blocked_storage_is_an_error_value() {
    let mut kv = MemoryStore {
        blocked: true,
        ..Default::default()
    };
    let err = save_report(&mut kv, "r1", &example(), &meta(), None).unwrap_err();
    assert!(matches!(err, StoreError::Blocked(_)));
    assert!(err.to_string().contains("diblokir"));
}

#[test]
fn a_tab_never_overwrites_a_newer_revision() {
    let mut kv = MemoryStore::default();
    let r = example();
    save_report(&mut kv, "r1", &r, &meta_at(&at(0)), None).unwrap();
    // Two tabs open revision 1.
    let a = load(&mut kv, "r1", "t").unwrap();
    let b = load(&mut kv, "r1", "t").unwrap();
    assert_eq!((a.meta.revision, b.meta.revision), (1, 1));
    let mut ra = a.report.clone();
    ra.instansi = "Tab A".into();
    let saved = save_report(&mut kv, "r1", &ra, &meta_at(&at(1)), Some(a.meta.revision)).unwrap();
    assert_eq!(saved.revision, 2);
    // Tab B still thinks revision 1: refused, nothing written.
    let before = kv.map.clone();
    let mut rb = b.report.clone();
    rb.instansi = "Tab B".into();
    let err = save_report(&mut kv, "r1", &rb, &meta_at(&at(2)), Some(b.meta.revision)).unwrap_err();
    assert_eq!(
        err,
        StoreError::Conflict {
            stored_revision: 2,
            expected: 1,
            stored_at: at(1)
        }
    );
    assert!(err.to_string().contains("tab atau jendela lain"), "{err}");
    assert_eq!(kv.map, before);
    assert_eq!(stored_revision(&kv, "r1").unwrap(), Some(2));
    // The user chooses to overwrite: revision 3, and tab A's state stays as a backup.
    let forced = save_report(&mut kv, "r1", &rb, &meta_at(&at(10)), None).unwrap();
    assert_eq!(forced.revision, 3);
    assert_eq!(load_report(&mut kv, "r1", "t").unwrap().instansi, "Tab B");
    let backups = list_backups(&kv, "r1").unwrap();
    assert_eq!(
        (backups[0].revision, backups[0].reason),
        (2, BackupReason::Overwritten)
    );
    assert_eq!(backups[0].summary.as_ref().unwrap().instansi, "Tab A");
    // And tab A is now the stale one.
    assert!(matches!(
        save_report(&mut kv, "r1", &ra, &meta_at(&at(11)), Some(2)),
        Err(StoreError::Conflict {
            stored_revision: 3,
            ..
        })
    ));
}

#[test]
fn the_ring_keeps_recent_states_a_few_minutes_apart_and_one_per_day() {
    let mut kv = MemoryStore::default();
    let mut r = example();
    let mut rev = None;
    // Five days of edits, one save a minute for the first hour of each day.
    for day in 0..5 {
        for minute in 0..60 {
            r.pk.signed = format!("hari {day} menit {minute}");
            let e = save_report(
                &mut kv,
                "r1",
                &r,
                &meta_at(&at(day * 24 * 60 + minute)),
                rev,
            )
            .unwrap();
            rev = Some(e.revision);
        }
    }
    assert_eq!(rev, Some(300));
    let backups = list_backups(&kv, "r1").unwrap();
    // The 10 newest, 5 minutes apart, plus one of each earlier day.
    assert_eq!(
        backups.len(),
        RING_RECENT + 4,
        "{:#?}",
        backups.iter().map(|b| &b.time).collect::<Vec<_>>()
    );
    for pair in backups[..RING_RECENT].windows(2) {
        let (t0, t1) = (
            parse_time(&pair[0].time).unwrap().0,
            parse_time(&pair[1].time).unwrap().0,
        );
        assert!(t0 - t1 >= MIN_BACKUP_GAP_SECS);
    }
    let days: std::collections::BTreeSet<_> = backups.iter().map(|b| &b.time[..10]).collect();
    assert_eq!(days.len(), 5);
    let expected = Summary::of(&example());
    for b in &backups {
        assert_eq!(b.reason, BackupReason::Auto);
        let s = b.summary.as_ref().unwrap();
        assert_eq!(
            (s.instansi.as_str(), s.tahun),
            ("Dinas Sosial Kota Pontianak", 2024)
        );
        assert_eq!(
            (s.programs, s.sub_kegiatan, s.pagu, s.realisasi),
            (
                expected.programs,
                expected.sub_kegiatan,
                expected.pagu,
                expected.realisasi
            )
        );
        assert_eq!(s.pagu, "15447851952".parse().unwrap());
    }
}

#[test]
fn restoring_first_backs_up_the_current_state() {
    let mut kv = MemoryStore::default();
    let old = example();
    save_report(&mut kv, "r1", &old, &meta_at(&at(0)), None).unwrap();
    let mut new = old.clone();
    new.apply(crate::model::edit::Edit::Remove { id: Id::new("p4") })
        .unwrap();
    save_report(&mut kv, "r1", &new, &meta_at(&at(30)), Some(1)).unwrap();
    let backups = list_backups(&kv, "r1").unwrap();
    assert_eq!(backups.len(), 1);
    // A stale tab cannot restore over a newer state either.
    assert!(matches!(
        restore_backup(&mut kv, "r1", &backups[0].key, &meta_at(&at(40)), Some(1)),
        Err(ReplaceError::Store(StoreError::Conflict { .. }))
    ));
    let done = restore_backup(&mut kv, "r1", &backups[0].key, &meta_at(&at(40)), Some(2)).unwrap();
    assert_eq!(done.report, old);
    assert_eq!(done.meta.revision, 3);
    assert_eq!(load_report(&mut kv, "r1", "t").unwrap(), old);
    // The state it replaced is a backup: the restore can be undone.
    let undo = done.backup.unwrap();
    assert!(undo.ends_with("/2/pemulihan"), "{undo}");
    restore_backup(&mut kv, "r1", &undo, &meta_at(&at(41)), Some(3)).unwrap();
    assert_eq!(load_report(&mut kv, "r1", "t").unwrap(), new);
    assert_eq!(
        restore_backup(
            &mut kv,
            "r1",
            "kalkulator-lakip/cadangan/r1/x/1/otomatis",
            &meta(),
            None
        ),
        Err(ReplaceError::MissingBackup)
    );
}

#[test]
fn an_import_keeps_the_state_before_it() {
    let mut kv = MemoryStore::default();
    save_report(&mut kv, "r1", &example(), &meta_at(&at(0)), None).unwrap();
    let before = kv.map.clone();
    for bad in [
        &b""[..],
        b"{",
        b"PK\x03\x04",
        b"{\"format\":\"kalkulator-lakip\",\"versi\":9}",
    ] {
        assert!(matches!(
            import_replace(&mut kv, "r1", bad, &meta_at(&at(5)), Some(1)),
            Err(ReplaceError::Import(_))
        ));
        assert_eq!(kv.map, before);
    }
    let other = crate::generate::report(40, 2);
    let file = snapshot::export(
        &other,
        &Meta {
            report_id: "dari-bidang".into(),
            revision: 7,
            ..Default::default()
        },
    );
    let done = import_replace(&mut kv, "r1", file.as_bytes(), &meta_at(&at(5)), Some(1)).unwrap();
    assert_eq!(done.report, other);
    assert_eq!(
        (done.meta.revision, done.meta.report_id.as_str()),
        (8, "dari-bidang")
    );
    let backups = list_backups(&kv, "r1").unwrap();
    assert_eq!(backups[0].reason, BackupReason::BeforeImport);
    assert_eq!(backups[0].key, done.backup.clone().unwrap());
    let restored =
        restore_backup(&mut kv, "r1", &backups[0].key, &meta_at(&at(6)), Some(8)).unwrap();
    assert_eq!(restored.report, example());
}

#[test]
fn backups_are_thinned_before_the_budget_runs_out() {
    let mut kv = MemoryStore {
        limit: Some(BUDGET_CHARS),
        ..Default::default()
    };
    // Someone else's page uses most of the storage.
    kv.map.insert("halaman-lain".into(), "x".repeat(3_400_000));
    let mut r = crate::generate::report(2_000, 1);
    let mut rev = None;
    for i in 0..30 {
        r.pk.signed = format!("simpan {i}");
        let e = save_report(&mut kv, "r1", &r, &meta_at(&at(i * 10)), rev).unwrap();
        rev = Some(e.revision);
        assert!(
            kv.chars() <= BACKUP_CEILING,
            "{} after save {i}",
            kv.chars()
        );
    }
    let n = list_backups(&kv, "r1").unwrap().len();
    assert!((1..RING_RECENT).contains(&n), "{n}");
    assert_eq!(usage(&kv).unwrap().warning(), None);
    // A report that no longer fits with its backups: they go, the report is saved.
    let ours = usage(&kv).unwrap().ours;
    kv.map
        .insert("halaman-lain".into(), "x".repeat(BUDGET_CHARS - ours - 100));
    let mut rng = crate::generate::Rng::new(5);
    r.pk.signed = (0..1_900)
        .map(|_| char::from(b'a' + rng.below(26) as u8))
        .collect();
    save_report(&mut kv, "r1", &r, &meta_at(&at(1000)), rev).unwrap();
    assert_eq!(load_report(&mut kv, "r1", "t").unwrap(), r);
    assert!(list_backups(&kv, "r1").unwrap().len() < n);
    assert!(usage(&kv)
        .unwrap()
        .warning()
        .unwrap()
        .contains("hampir penuh"));
}

#[test]
fn changes_since_the_last_export() {
    let mut kv = MemoryStore::default();
    let mut r = example();
    let e = save_report(&mut kv, "r1", &r, &meta_at(&at(0)), None).unwrap();
    assert_eq!(e.saves_since_export(), None);
    assert!(e.has_unexported_changes());
    mark_exported(&mut kv, "r1", e.revision, &at(1)).unwrap();
    let entry = read_index(&kv).unwrap().get("r1").cloned().unwrap();
    assert_eq!(
        (entry.saves_since_export(), entry.exported_at.as_deref()),
        (Some(0), Some(at(1).as_str()))
    );
    r.programs[0].pagu = Some("1".parse().unwrap());
    let e = save_report(&mut kv, "r1", &r, &meta_at(&at(2)), Some(1)).unwrap();
    assert_eq!(e.saves_since_export(), Some(1));
    let exported = exported_state(&kv, "r1").unwrap().unwrap();
    assert_eq!(exported.report, example());
    assert!(!crate::workspace::diff::diff(&exported.report, &r).is_empty());
}

#[test]
fn a_report_that_could_not_be_read_back_is_not_stored() {
    let mut kv = MemoryStore::default();
    let mut r = example();
    save_report(&mut kv, "r1", &r, &meta(), None).unwrap();
    let before = kv.map.clone();
    r.pk.signed = "x".repeat(snapshot::MAX_NAME + 1);
    r.programs[0].sasaran_id = Some(Id::new("tidak-ada"));
    let err = save_report(&mut kv, "r1", &r, &meta_at(&at(9)), Some(1)).unwrap_err();
    match &err {
        StoreError::Invalid(p) => assert_eq!(p.len(), 2),
        other => panic!("{other:?}"),
    }
    assert!(
        err.to_string()
            .contains("pk.ditandatangani: teks terlalu panjang"),
        "{err}"
    );
    assert_eq!(kv.map, before);
    let bad_meta = Meta {
        report_id: "ada spasi".into(),
        ..meta()
    };
    assert!(matches!(
        save_report(&mut kv, "r1", &example(), &bad_meta, Some(1)),
        Err(StoreError::Invalid(_))
    ));
}

#[test]
fn times_are_read_with_their_offset() {
    assert_eq!(
        parse_time("1970-01-01T00:00:00Z"),
        Some((0, "1970-01-01".into()))
    );
    assert_eq!(
        parse_time("2025-01-06T09:30:00.123Z").unwrap().0,
        1_736_155_800
    );
    assert_eq!(
        parse_time("2025-01-06T16:30:00+07:00").unwrap().0,
        1_736_155_800
    );
    assert_eq!(parse_time("2024-02-29T00:00:00").unwrap().1, "2024-02-29");
    for bad in [
        "",
        "t",
        "2025-13-01T00:00:00Z",
        "2025-01-06",
        "2025-01-06T09:30:00Q",
        "２０２５",
    ] {
        assert_eq!(parse_time(bad), None, "{bad}");
    }
}

#[test]
fn a_deleted_report_is_kept_until_purged() {
    let mut kv = MemoryStore::default();
    let meta = Meta {
        exported_at: "2025-01-06T00:00:00Z".into(),
        ..Default::default()
    };
    save_report(&mut kv, "r1", &crate::example::example(), &meta, None).unwrap();
    delete_report(&mut kv, "r1").unwrap();
    let deleted = deleted_reports(&kv).unwrap();
    assert_eq!(deleted.len(), 1);
    assert_eq!(deleted[0].reason, BackupReason::BeforeDelete);
    // Restoring brings it back, with its figures.
    let back = restore_backup(&mut kv, "r1", &deleted[0].key, &meta, None).unwrap();
    assert_eq!(back.report, crate::example::example());
    delete_report(&mut kv, "r1").unwrap();
    assert!(purge_backups(&mut kv, "r1").unwrap() >= 1);
    assert!(deleted_reports(&kv).unwrap().is_empty());
    assert!(kv.map.keys().all(|k| !k.starts_with(BACKUP_PREFIX)));
}

#[test]
fn backup_keys_read_back() {
    let k = backup_key(
        "r-1",
        "2025-01-06T09:30:00.000Z",
        17,
        BackupReason::BeforeImport,
    );
    assert_eq!(
        k,
        "kalkulator-lakip/cadangan/r-1/2025-01-06T09:30:00.000Z/17/impor"
    );
    let b = parse_backup_key(&k).unwrap();
    assert_eq!(
        (b.id.as_str(), b.time.as_str(), b.revision, b.reason),
        (
            "r-1",
            "2025-01-06T09:30:00.000Z",
            17,
            BackupReason::BeforeImport
        )
    );
    assert_eq!(
        parse_backup_key("kalkulator-lakip/cadangan/r-1/x/y/z"),
        None
    );
}
