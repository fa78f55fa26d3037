//! The workspace (the app's logic without the browser) over an in-memory store: undo and
//! redo, the autosave policy, import and merge as one undoable step, backups, two tabs on
//! one store, export tracking; and property tests that no saved edit is ever lost and that
//! two tabs never overwrite each other silently.

use lakip_core::calc::compute::compute;
use lakip_core::exchange::snapshot::{self, Meta};
use lakip_core::model::edit::{Edit, Field, FieldValue, ReportField};
use lakip_core::model::{Id, Period, Report};
use lakip_core::workspace::merge::{MergeChoices, Part};
use lakip_core::workspace::session::{
    save_delay_ms, Action, Clock, SaveState, Show, Timer, Tone, Workspace,
};
use lakip_core::workspace::store::{self, BackupReason, KeyValue, MemoryStore, StoreError};
use lakip_core::Decimal;
use proptest::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

// ---- a store two workspaces can share, and a clock the test drives ------------------------

#[derive(Clone, Default)]
struct Shared(Rc<RefCell<MemoryStore>>);

impl Shared {
    fn snapshot(&self) -> MemoryStore {
        self.0.borrow().clone()
    }
}

impl KeyValue for Shared {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.0.borrow().get(key)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.0.borrow_mut().set(key, value)
    }
    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.0.borrow_mut().remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        self.0.borrow().keys()
    }
    fn available(&self) -> Result<(), StoreError> {
        self.0.borrow().available()
    }
}

/// Time starts at 2025-01-06T08:00:00Z; every reading of the time moves it one second on.
/// A save "takes" `save_ms` (the monotonic clock moves that much per reading).
#[derive(Clone)]
struct TestClock {
    secs: Rc<Cell<i64>>,
    ms: Rc<Cell<f64>>,
    save_ms: Rc<Cell<f64>>,
    random: Rc<Cell<u64>>,
}

impl TestClock {
    fn new() -> TestClock {
        TestClock {
            secs: Rc::new(Cell::new(0)),
            ms: Rc::new(Cell::new(0.0)),
            save_ms: Rc::new(Cell::new(2.0)),
            random: Rc::new(Cell::new(1)),
        }
    }
    fn advance_minutes(&self, m: i64) {
        self.secs.set(self.secs.get() + m * 60);
    }
}

impl Clock for TestClock {
    fn now_iso(&mut self) -> String {
        let s = self.secs.get();
        self.secs.set(s + 1);
        let t = 8 * 3600 + s;
        let (day, t) = (6 + t / 86_400, t % 86_400);
        format!(
            "2025-01-{day:02}T{:02}:{:02}:{:02}.000Z",
            t / 3600,
            t / 60 % 60,
            t % 60
        )
    }
    fn now_ms(&mut self) -> f64 {
        // Half of a save's time per reading: a save reads it twice.
        let m = self.ms.get() + self.save_ms.get();
        self.ms.set(m);
        m
    }
    fn random_u64(&mut self) -> u64 {
        let r = self
            .random
            .get()
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.random.set(r);
        r >> 11
    }
}

fn workspace(store: &Shared, clock: &TestClock) -> Workspace<Shared> {
    Workspace::new(store.clone(), Box::new(clock.clone()), "uji")
}

/// A fresh workspace on a copy of the store, as a reload of the page would see it.
fn reloaded(store: &Shared) -> Workspace<MemoryStore> {
    Workspace::new(store.snapshot(), Box::new(TestClock::new()), "uji")
}

/// The store a workspace writes to (for reading what it holds).
fn reloaded_store(w: &Workspace<Shared>) -> Shared {
    w.store().clone()
}

fn text(s: &str) -> FieldValue {
    FieldValue::Text(s.to_string())
}

fn first_sub(r: &Report) -> Id {
    r.programs[0].kegiatan[0].sub_kegiatan[0].id.clone()
}

fn realisasi_of_first_sub(r: &Report) -> Option<Decimal> {
    r.programs[0].kegiatan[0].sub_kegiatan[0].realisasi
}

fn with_example() -> (Shared, TestClock, Workspace<Shared>) {
    let store = Shared::default();
    let clock = TestClock::new();
    let mut w = workspace(&store, &clock);
    w.load_example();
    (store, clock, w)
}

fn file_of(report: &Report, report_id: &str, revision: u64) -> Vec<u8> {
    snapshot::export(
        report,
        &Meta {
            report_id: report_id.into(),
            revision,
            ..Default::default()
        },
    )
    .into_bytes()
}

// ---- unit tests ---------------------------------------------------------------------------

#[test]
fn an_empty_store_opens_nothing_and_the_example_is_saved_at_once() {
    let store = Shared::default();
    let clock = TestClock::new();
    let mut w = workspace(&store, &clock);
    assert!(w.report().is_none());
    assert_eq!(w.save_state(), &SaveState::Saved);
    w.load_example();
    assert_eq!(w.take_show(), Some(Show::Budget));
    assert_eq!(w.save_state(), &SaveState::Saved);
    assert_eq!(w.revision(), Some(1));
    assert_eq!(w.notice().unwrap().tone, Tone::Success);
    assert!(w
        .notice()
        .unwrap()
        .text
        .contains("Dinas Sosial Kota Pontianak"));
    // The index lists it and it is the active one: a reload opens it.
    let id = w.report_id().unwrap().to_string();
    assert_eq!(w.index().active.as_deref(), Some(id.as_str()));
    let again = reloaded(&store);
    assert_eq!(again.report_id(), Some(id.as_str()));
    assert_eq!(again.report(), w.report());
    assert_eq!(again.revision(), Some(1));
}

#[test]
fn undo_and_redo_walk_the_edits_and_the_figures_follow() {
    let (_, _, mut w) = with_example();
    let original = w.report().unwrap().clone();
    let sub = first_sub(&original);
    w.set(
        &sub,
        Field::Realisasi,
        FieldValue::Money(Some(Decimal::from(123))),
    )
    .unwrap();
    w.set_report_field(ReportField::Instansi, text("Dinas Uji"))
        .unwrap();
    assert_eq!(w.history(), (2, 0));
    assert_eq!(w.report().unwrap().instansi, "Dinas Uji");
    assert_eq!(
        realisasi_of_first_sub(w.report().unwrap()),
        Some(Decimal::from(123))
    );
    // The figures are those of the edited report (the incremental refresh is exact).
    assert_eq!(w.computed().unwrap(), &compute(w.report().unwrap()));
    assert_ne!(w.computed().unwrap(), &compute(&original));

    w.undo();
    assert_eq!(w.history(), (1, 1));
    assert_eq!(w.report().unwrap().instansi, original.instansi);
    w.undo();
    assert_eq!(w.history(), (0, 2));
    assert_eq!(w.report().unwrap(), &original);
    assert_eq!(w.computed().unwrap(), &compute(&original));
    // Nothing more to undo: nothing changes.
    w.undo();
    assert_eq!(w.history(), (0, 2));
    w.redo();
    assert_eq!(
        realisasi_of_first_sub(w.report().unwrap()),
        Some(Decimal::from(123))
    );
    assert_eq!(w.report().unwrap().instansi, original.instansi);
    // A new edit drops what could be redone.
    w.set_report_field(ReportField::PkSigned, text("Kepala Dinas"))
        .unwrap();
    assert_eq!(w.history(), (2, 0));
    w.redo();
    assert_eq!(w.report().unwrap().instansi, original.instansi);
    // A refused edit changes nothing and is not on the stack.
    assert!(w
        .set(&Id::new("tidak-ada"), Field::Name, text("x"))
        .is_err());
    assert_eq!(w.history(), (2, 0));
}

#[test]
fn removing_says_how_to_undo_and_an_edit_without_a_report_is_refused() {
    let store = Shared::default();
    let clock = TestClock::new();
    let mut w = workspace(&store, &clock);
    assert_eq!(
        w.set_report_field(ReportField::Instansi, text("x")),
        Err("belum ada laporan yang dibuka".to_string())
    );
    w.load_example();
    let p = w.report().unwrap().programs[0].id.clone();
    let n = w.report().unwrap().programs.len();
    w.remove(&p, "Program");
    assert_eq!(w.report().unwrap().programs.len(), n - 1);
    assert!(w.notice().unwrap().text.starts_with("Program dihapus."));
    w.undo();
    assert_eq!(w.report().unwrap().programs[0].id, p);
}

#[test]
fn the_autosave_waits_longer_after_a_slow_save() {
    assert_eq!(save_delay_ms(0.0), 400);
    assert_eq!(save_delay_ms(99.0), 400);
    assert_eq!(save_delay_ms(300.0), 1_200);
    assert_eq!(save_delay_ms(1_999.0), 7_996);
    assert_eq!(save_delay_ms(60_000.0), 8_000);
    assert_eq!(save_delay_ms(f64::NAN), 400);

    let (store, clock, mut w) = with_example();
    w.take_timer();
    w.set_report_field(ReportField::PkSigned, text("a"))
        .unwrap();
    assert_eq!(w.save_state(), &SaveState::Pending);
    // The example's save took 2 ms: the shortest delay.
    assert_eq!(w.take_timer(), Some(Timer::Restart(400)));
    assert_eq!(w.save_due_in(), Some(400));
    // Nothing is written before the timer fires.
    assert_eq!(
        store::stored_revision(&store, w.report_id().unwrap()).unwrap(),
        Some(1)
    );
    // A save that takes 500 ms makes the next wait 2 s.
    clock.save_ms.set(500.0);
    w.save_now();
    assert_eq!(w.take_timer(), Some(Timer::Cancel));
    assert_eq!(w.save_state(), &SaveState::Saved);
    assert_eq!(w.save_due_in(), None);
    assert_eq!(
        store::stored_revision(&store, w.report_id().unwrap()).unwrap(),
        Some(2)
    );
    w.set_report_field(ReportField::PkSigned, text("b"))
        .unwrap();
    assert_eq!(w.take_timer(), Some(Timer::Restart(2_000)));
    // A very slow save: at most 8 s.
    clock.save_ms.set(3_000.0);
    w.flush();
    assert_eq!(w.save_state(), &SaveState::Saved);
    w.set_report_field(ReportField::PkSigned, text("c"))
        .unwrap();
    assert_eq!(w.take_timer(), Some(Timer::Restart(8_000)));
}

#[test]
fn held_saves_wait_until_released_and_flush_saves_what_is_pending() {
    let (store, _, mut w) = with_example();
    let id = w.report_id().unwrap().to_string();
    w.hold_saves(true);
    assert_eq!(w.take_timer(), Some(Timer::Cancel));
    w.set_report_field(ReportField::PkSigned, text("ditahan"))
        .unwrap();
    assert_eq!(w.take_timer(), Some(Timer::Cancel));
    assert_eq!(w.save_due_in(), None);
    w.flush();
    assert_eq!(w.save_state(), &SaveState::Pending);
    assert_eq!(store::stored_revision(&store, &id).unwrap(), Some(1));
    w.hold_saves(false);
    assert_eq!(w.save_state(), &SaveState::Saved);
    assert_eq!(store::stored_revision(&store, &id).unwrap(), Some(2));
    assert_eq!(reloaded(&store).report().unwrap().pk.signed, "ditahan");
    // Flushing with nothing pending writes nothing.
    w.flush();
    assert_eq!(store::stored_revision(&store, &id).unwrap(), Some(2));
}

#[test]
fn a_blocked_store_makes_saving_unavailable_without_losing_the_report() {
    let store = Shared::default();
    store.0.borrow_mut().blocked = true;
    let clock = TestClock::new();
    let mut w = workspace(&store, &clock);
    assert!(matches!(
        w.save_state(),
        SaveState::Unavailable(StoreError::Blocked(_))
    ));
    w.load_example();
    assert!(matches!(w.save_state(), SaveState::Unavailable(_)));
    w.set_report_field(ReportField::PkSigned, text("x"))
        .unwrap();
    // No save is scheduled: it could not work.
    assert_eq!(w.take_timer(), Some(Timer::Cancel));
    assert_eq!(w.report().unwrap().pk.signed, "x");
    assert!(w.has_unexported_changes());
}

/// Issue 12, finding 4: a file mandiri opened where the browser blocks site data opens the
/// report it carries (in memory, said so), instead of showing nothing.
#[test]
fn an_embedded_report_opens_with_storage_blocked() {
    let store = Shared::default();
    store.0.borrow_mut().blocked = true;
    let clock = TestClock::new();
    let mut w = workspace(&store, &clock);
    let r = lakip_core::example::example();
    let page = snapshot::embed_html("<html><body></body></html>", &r, &Meta::default());
    let text = snapshot::extract_embedded(&page).unwrap().unwrap();
    w.offer_embedded(&snapshot::export(&text.report, &text.meta));
    assert_eq!(w.report(), Some(&r));
    assert!(matches!(w.save_state(), SaveState::Unavailable(_)));
    assert_eq!(w.take_show(), Some(Show::Budget));
}

#[test]
fn a_full_store_fails_the_save_and_keeps_the_stored_state() {
    let (store, _, mut w) = with_example();
    let before = store.snapshot().map;
    let used = store.snapshot().chars();
    store.0.borrow_mut().limit = Some(used + 10);
    w.set_report_field(ReportField::PkSigned, text(&"x".repeat(2_000)))
        .unwrap();
    w.save_now();
    assert_eq!(w.save_state(), &SaveState::Failed(StoreError::Full));
    assert_eq!(store.snapshot().map, before);
    assert!(w.has_unexported_changes());
    assert!(w.unexported().1);
}

#[test]
fn importing_replaces_the_report_in_one_undoable_step_after_a_backup() {
    let (store, _, mut w) = with_example();
    let original = w.report().unwrap().clone();
    let id = w.report_id().unwrap().to_string();
    w.set_report_field(ReportField::PkSigned, text("sebelum impor"))
        .unwrap();
    let before = w.report().unwrap().clone();
    // A broken file changes nothing.
    w.import_bytes("rusak.json", b"{\"format\":");
    assert!(w.pending_import().is_none());
    assert!(w
        .notice()
        .unwrap()
        .text
        .starts_with("Impor \"rusak.json\" gagal"));
    // A good one waits in the preview with its differences.
    let other = lakip_core::generate::report(12, 3);
    w.import_bytes("bidang.json", &file_of(&other, "dari-bidang", 4));
    assert_eq!(w.take_show(), Some(Show::Home));
    let pending = w.pending_import().unwrap();
    assert!(!pending.diff.as_ref().unwrap().is_empty());
    assert_eq!(w.report().unwrap(), &before);
    let undo_depth = w.history().0;

    w.import_replace();
    assert!(w.pending_import().is_none());
    assert_eq!(w.take_show(), Some(Show::Budget));
    assert_eq!(w.report().unwrap(), &other);
    assert_eq!(w.computed().unwrap(), &compute(&other));
    assert_eq!(w.history().0, undo_depth + 1);
    // The state before it (saved first) is a backup, offered in the notice.
    let notice = w.notice().unwrap().clone();
    assert!(notice
        .text
        .contains("Impor \"bidang.json\" (ganti seluruh laporan) selesai"));
    let Some(Action::RestoreBackup { key, .. }) = notice.action else {
        panic!("{notice:?}")
    };
    let backups = store::list_backups(&store, &id).unwrap();
    let b = backups.iter().find(|b| b.key == key).unwrap();
    assert_eq!(b.reason, BackupReason::BeforeImport);
    assert_eq!(b.summary.as_ref().unwrap().instansi, before.instansi);
    // One undo brings the whole report back.
    w.undo();
    assert_eq!(w.report().unwrap(), &before);
    w.undo();
    assert_eq!(w.report().unwrap(), &original);
    // The backup restores it too (and that restore is itself undoable by its backup).
    w.redo();
    w.redo();
    assert_eq!(w.report().unwrap(), &other);
    w.restore(&key, &id);
    assert_eq!(w.report().unwrap(), &before);
    assert_eq!(w.save_state(), &SaveState::Saved);
    assert_eq!(reloaded(&store).report().unwrap(), &before);
    let Some(Action::RestoreBackup {
        key: undo_key,
        label,
    }) = w.notice().unwrap().action.clone()
    else {
        panic!()
    };
    assert_eq!(label, "Batalkan pemulihan");
    w.restore(&undo_key, &id);
    assert_eq!(w.report().unwrap(), &other);
}

#[test]
fn merging_takes_the_chosen_parts_in_one_undoable_step() {
    let (store, _, mut w) = with_example();
    let original = w.report().unwrap().clone();
    let id = w.report_id().unwrap().to_string();
    let mut incoming = original.clone();
    let p0 = incoming.programs[0].id.clone();
    incoming.programs[0].name = "Program dari bidang".into();
    incoming.programs[1].name = "Tidak diambil".into();
    incoming.instansi = "Tidak diambil juga".into();
    w.import_bytes("gabung.json", &file_of(&incoming, "", 0));
    w.import_merge(&MergeChoices::new().with(Part::Program, p0.0.clone()));
    let r = w.report().unwrap().clone();
    assert_eq!(r.programs[0].name, "Program dari bidang");
    assert_eq!(r.programs[1].name, original.programs[1].name);
    assert_eq!(r.instansi, original.instansi);
    assert_eq!(w.history(), (1, 0));
    assert!(w
        .notice()
        .unwrap()
        .text
        .starts_with("Penggabungan dari \"gabung.json\" selesai."));
    assert_eq!(
        store::list_backups(&store, &id).unwrap()[0].reason,
        BackupReason::BeforeMerge
    );
    w.undo();
    assert_eq!(w.report().unwrap(), &original);
    assert_eq!(w.history(), (0, 1));
}

#[test]
fn a_file_opened_as_new_sits_beside_the_others() {
    let (_, _, mut w) = with_example();
    let first = w.report_id().unwrap().to_string();
    let other = lakip_core::generate::report(5, 9);
    w.import_bytes("lain.json", &file_of(&other, "x", 1));
    w.import_as_new();
    assert_ne!(w.report_id().unwrap(), first);
    assert_eq!(w.report().unwrap(), &other);
    assert_eq!(w.index().entries.len(), 2);
    assert_eq!(w.save_state(), &SaveState::Saved);
    w.open(&first);
    assert_eq!(w.report().unwrap().instansi, "Dinas Sosial Kota Pontianak");
    assert_eq!(w.index().active.as_deref(), Some(first.as_str()));
}

#[test]
fn backups_are_listed_and_a_deleted_report_can_be_restored_then_purged() {
    let (store, clock, mut w) = with_example();
    let id = w.report_id().unwrap().to_string();
    for i in 0..3 {
        clock.advance_minutes(10);
        w.set_report_field(ReportField::PkSigned, text(&format!("simpan {i}")))
            .unwrap();
        w.save_now();
    }
    // Saves ten minutes apart keep the states they overwrote.
    let revisions: Vec<u64> = store::list_backups(&store, &id)
        .unwrap()
        .iter()
        .map(|b| b.revision)
        .collect();
    assert_eq!(revisions, vec![3, 2, 1]);
    let last = w.report().unwrap().clone();
    w.delete(&id);
    assert!(w.report().is_none());
    assert!(w.index().get(&id).is_none());
    let deleted = store::deleted_reports(&store).unwrap();
    assert_eq!(deleted.len(), 1);
    assert_eq!(deleted[0].reason, BackupReason::BeforeDelete);
    w.restore(&deleted[0].key, &id);
    assert_eq!(w.report().unwrap(), &last);
    assert_eq!(w.report_id(), Some(id.as_str()));
    assert!(w.index().get(&id).is_some());
    // Deleted again, then purged: its backups are gone for good.
    w.delete(&id);
    w.purge(&id);
    assert!(w.notice().unwrap().text.contains("dibuang untuk selamanya"));
    assert!(store::list_backups(&store, &id).unwrap().is_empty());
    // A backup that no longer exists: nothing changes.
    w.restore(
        "kalkulator-lakip/cadangan/x/2025-01-06T08:00:00Z/1/otomatis",
        "x",
    );
    assert!(w.notice().unwrap().text.starts_with("Pemulihan gagal"));
    assert!(w.report().is_none());
}

#[test]
fn a_corrupt_stored_report_is_offered_for_download() {
    let store = Shared::default();
    let clock = TestClock::new();
    let mut w = workspace(&store, &clock);
    w.load_example();
    let id = w.report_id().unwrap().to_string();
    store.0.borrow_mut().map.insert(
        store::report_key(&id),
        "{\"format\":\"kalkulator-lakip\",".into(),
    );
    let w2 = workspace(&store, &clock);
    assert!(w2.report().is_none());
    let n = w2.notice().unwrap();
    assert_eq!(n.tone, Tone::Error);
    let Some(Action::DownloadStored(key)) = &n.action else {
        panic!("{n:?}")
    };
    assert!(key.starts_with(store::CORRUPT_PREFIX), "{key}");
    assert_eq!(
        w2.stored_value(key).as_deref(),
        Some("{\"format\":\"kalkulator-lakip\",")
    );
}

#[test]
fn another_tabs_newer_save_is_followed_or_becomes_a_conflict() {
    let (store, clock, mut a) = with_example();
    let id = a.report_id().unwrap().to_string();
    let mut b = workspace(&store, &clock);
    assert_eq!(b.revision(), Some(1));
    // A saves; B has nothing unsaved and follows.
    a.set_report_field(ReportField::PkSigned, text("dari A"))
        .unwrap();
    a.save_now();
    b.storage_changed(Some(&store::report_key(&id)));
    assert_eq!(b.report().unwrap().pk.signed, "dari A");
    assert_eq!(b.revision(), Some(2));
    assert!(b
        .notice()
        .unwrap()
        .text
        .contains("diperbarui dari tab lain (revisi 2)"));
    // A change of another key does nothing.
    a.set_report_field(ReportField::PkSigned, text("A lagi"))
        .unwrap();
    a.save_now();
    b.storage_changed(Some("kalkulator-lakip/lain"));
    assert_eq!(b.revision(), Some(2));
    // B has an unsaved change when A's save arrives: conflict, nothing written.
    b.set_report_field(ReportField::PkSigned, text("dari B"))
        .unwrap();
    b.storage_changed(Some(&store::report_key(&id)));
    assert!(matches!(
        b.save_state(),
        SaveState::Conflict {
            stored_revision: 3,
            ..
        }
    ));
    b.set_report_field(ReportField::PkSigned, text("dari B lagi"))
        .unwrap();
    assert!(matches!(b.save_state(), SaveState::Conflict { .. }));
    // Saving anyway is refused as a conflict too.
    b.save_now();
    assert!(matches!(b.save_state(), SaveState::Conflict { .. }));
    assert_eq!(reloaded(&store).report().unwrap().pk.signed, "A lagi");
    assert!(b.has_unexported_changes());
    // B overwrites: its state is stored, A's is kept as a backup.
    b.overwrite_stored();
    assert_eq!(b.save_state(), &SaveState::Saved);
    assert_eq!(reloaded(&store).report().unwrap().pk.signed, "dari B lagi");
    let kept = store::list_backups(&store, &id).unwrap();
    let over = kept
        .iter()
        .find(|k| k.reason == BackupReason::Overwritten)
        .unwrap();
    assert_eq!(over.revision, 3);
    // Now A is the stale one: its next save is refused, and it takes the stored version.
    a.set_report_field(ReportField::PkSigned, text("A basi"))
        .unwrap();
    a.save_now();
    assert!(matches!(a.save_state(), SaveState::Conflict { .. }));
    a.take_stored();
    assert_eq!(a.save_state(), &SaveState::Saved);
    assert_eq!(a.report().unwrap().pk.signed, "dari B lagi");
    assert_eq!(
        a.notice().unwrap().text,
        "Versi yang disimpan tab lain dimuat."
    );
}

/// Issue 12, finding 1: a window in conflict keeps its unsaved edits when the other window
/// saves again (it used to load the other's save over them).
#[test]
fn a_second_save_of_the_other_tab_does_not_load_over_a_conflict() {
    let (store, clock, mut a) = with_example();
    let id = a.report_id().unwrap().to_string();
    let mut b = workspace(&store, &clock);
    // A has unsaved edits (its autosave has not run yet).
    a.set_report_field(ReportField::PkSigned, text("A belum tersimpan"))
        .unwrap();
    // B saves twice; A hears both.
    for n in 1..=2 {
        b.set_report_field(ReportField::Instansi, text(&format!("Dinas B {n}")))
            .unwrap();
        b.save_now();
        a.storage_changed(Some(&store::report_key(&id)));
        assert!(
            matches!(a.save_state(), SaveState::Conflict { stored_revision, .. } if *stored_revision == 1 + n),
            "after B's save {n}: {:?}",
            a.save_state()
        );
    }
    assert_eq!(a.report().unwrap().pk.signed, "A belum tersimpan");
    assert!(a.history().0 > 0, "undo still possible");
    // "Simpan versi tab ini" stores A's report, not B's.
    a.overwrite_stored();
    assert_eq!(
        reloaded(&store).report().unwrap().pk.signed,
        "A belum tersimpan"
    );
}

/// Issue 12, finding 2: two windows save the same revision in the same instant (each read
/// revision 1 before the other wrote). The one whose write was lost hears of it and is in
/// conflict, with its report intact.
#[test]
fn a_save_lost_to_a_simultaneous_save_is_a_conflict_not_saved() {
    let (store, clock, mut a) = with_example();
    let id = a.report_id().unwrap().to_string();
    let mut b = workspace(&store, &clock);
    // The race, replayed: both decide on revision 2 against the same stored revision 1.
    let before = store.snapshot();
    a.set_report_field(ReportField::PkSigned, text("dari A"))
        .unwrap();
    a.save_now();
    assert_eq!(a.save_state(), &SaveState::Saved);
    let after_a = store.snapshot();
    *store.0.borrow_mut() = before;
    b.set_report_field(ReportField::PkSigned, text("dari B"))
        .unwrap();
    b.save_now();
    assert_eq!(b.save_state(), &SaveState::Saved);
    // B's write landed after A's: storage holds B's revision 2; A's key writes are gone.
    assert_eq!(a.revision(), b.revision());
    assert_ne!(
        after_a.get(&store::writer_key(&id)).unwrap(),
        store.get(&store::writer_key(&id)).unwrap()
    );
    a.storage_changed(Some(&store::writer_key(&id)));
    assert!(
        matches!(a.save_state(), SaveState::Conflict { .. }),
        "{:?}",
        a.save_state()
    );
    assert_eq!(a.report().unwrap().pk.signed, "dari A");
    // B, whose write stands, is not disturbed by its own save.
    b.storage_changed(Some(&store::writer_key(&id)));
    assert_eq!(b.save_state(), &SaveState::Saved);
}

/// Issue 12, finding 2: two windows add a report in the same instant; each writes an index
/// without the other's report. Both reports stay listed.
#[test]
fn two_reports_added_at_once_are_both_listed() {
    let store = Shared::default();
    let clock = TestClock::new();
    let mut a = workspace(&store, &clock);
    let mut b = workspace(&store, &clock);
    let empty = store.snapshot();
    a.load_example();
    let a_id = a.report_id().unwrap().to_string();
    let after_a = store.snapshot();
    // B's write of the index starts from the empty one.
    *store.0.borrow_mut() = empty;
    b.load_example();
    let b_id = b.report_id().unwrap().to_string();
    let a_report = after_a.get(&store::report_key(&a_id)).unwrap().unwrap();
    store
        .clone()
        .set(&store::report_key(&a_id), &a_report)
        .unwrap();
    assert_ne!(a_id, b_id);
    let listed: Vec<String> = store::read_index(&store)
        .unwrap()
        .entries
        .into_iter()
        .map(|e| e.id)
        .collect();
    assert!(
        listed.contains(&a_id) && listed.contains(&b_id),
        "{listed:?}"
    );
    assert_eq!(reloaded(&store).index().entries.len(), 2);
}

/// Issue 13: a notice ("Skala kategori diterapkan…") does not stay on screen through another
/// report.
#[test]
fn a_notice_does_not_follow_to_another_report() {
    let (_, _, mut w) = with_example();
    let first = w.report_id().unwrap().to_string();
    w.say(Tone::Success, "Skala kategori diterapkan pada laporan ini.");
    w.new_report(
        "Dinas Lain".into(),
        2025,
        Period {
            first: 2025,
            last: 2029,
        },
    );
    assert!(w.notice().is_none(), "{:?}", w.notice());
    // Opening the first one again: no notice either, unless the command says one.
    w.open(&first);
    assert!(w.notice().is_none(), "{:?}", w.notice());
    // Loading the example says its own.
    w.load_example();
    assert!(w.notice().unwrap().text.contains("dimuat"));
}

#[test]
fn a_conflicting_tab_can_keep_its_state_as_a_copy() {
    let (store, clock, mut a) = with_example();
    let id = a.report_id().unwrap().to_string();
    let mut b = workspace(&store, &clock);
    a.set_report_field(ReportField::PkSigned, text("A"))
        .unwrap();
    a.save_now();
    b.set_report_field(ReportField::PkSigned, text("B"))
        .unwrap();
    b.save_now();
    assert!(matches!(b.save_state(), SaveState::Conflict { .. }));
    b.keep_as_copy();
    assert_eq!(b.save_state(), &SaveState::Saved);
    assert_ne!(b.report_id(), Some(id.as_str()));
    assert_eq!(
        b.report().unwrap().instansi,
        "Dinas Sosial Kota Pontianak (versi tab ini)"
    );
    let s = store.snapshot();
    let mut s2 = s.clone();
    assert_eq!(
        store::load_report(&mut s2, &id, "t").unwrap().pk.signed,
        "A"
    );
    assert_eq!(
        store::load_report(&mut s2, b.report_id().unwrap(), "t")
            .unwrap()
            .pk
            .signed,
        "B"
    );
}

#[test]
fn exports_are_tracked_until_the_next_save() {
    let (_, _, mut w) = with_example();
    assert_eq!(w.unexported(), (None, false));
    assert!(w.has_unexported_changes());
    let (name, json) = w.export_json().unwrap();
    assert_eq!(name, "lakip-dinas-sosial-kota-pontianak-2024.json");
    let exported = snapshot::import_str(&json).unwrap();
    assert_eq!(&exported.report, w.report().unwrap());
    // Issue 12, finding 9: a copy keeps the report's identity and revision.
    let stored = store::stored_head(&reloaded_store(&w), w.report_id().unwrap())
        .unwrap()
        .unwrap();
    assert!(!exported.meta.report_id.is_empty());
    assert_eq!(exported.meta.report_id, stored.report_id);
    assert_eq!(Some(exported.meta.revision), w.revision());
    w.note_export();
    assert_eq!(w.unexported(), (Some(0), false));
    assert!(!w.has_unexported_changes());
    w.set_report_field(ReportField::PkSigned, text("baru"))
        .unwrap();
    assert_eq!(w.unexported(), (Some(0), true));
    assert!(w.has_unexported_changes());
    w.save_now();
    assert_eq!(w.unexported(), (Some(1), false));
    // Exporting first saves what is pending: the export holds the newest state.
    w.set_report_field(ReportField::PkSigned, text("lebih baru"))
        .unwrap();
    w.note_export();
    assert_eq!(w.unexported(), (Some(0), false));
    // The single file: the page with the report inside, marked as exported too.
    let (name, html) = w.standalone("<html><body></body></html>").unwrap();
    assert_eq!(name, "lakip-dinas-sosial-kota-pontianak-2024.html");
    let inside = snapshot::extract_embedded(&html).unwrap().unwrap();
    assert_eq!(&inside.report, w.report().unwrap());
    assert_eq!(Some(inside.meta.revision), w.revision());
}

#[test]
fn an_embedded_report_is_opened_in_an_empty_browser_and_offered_once_otherwise() {
    let report = lakip_core::generate::report(4, 1);
    let text = snapshot::export(
        &report,
        &Meta {
            report_id: "dibawa".into(),
            revision: 5,
            ..Default::default()
        },
    );
    // An empty browser: opened directly.
    let store = Shared::default();
    let clock = TestClock::new();
    let mut w = workspace(&store, &clock);
    w.offer_embedded(&text);
    assert_eq!(w.report().unwrap(), &report);
    assert_eq!(w.take_show(), Some(Show::Budget));
    // The same file again: not offered again.
    let mut w = workspace(&store, &clock);
    w.offer_embedded(&text);
    assert!(w.embedded_offer().is_none());
    // A browser with another report: asked; "bandingkan" shows the preview.
    let (store, clock, mut w) = with_example();
    w.offer_embedded(&text);
    assert!(w.embedded_offer().is_some());
    assert_eq!(w.report().unwrap().instansi, "Dinas Sosial Kota Pontianak");
    w.embedded_choice("bandingkan");
    assert!(w.embedded_offer().is_none());
    assert_eq!(w.pending_import().unwrap().imported.report, report);
    let mut w2 = workspace(&store, &clock);
    w2.offer_embedded(&text);
    assert!(w2.embedded_offer().is_none());
    // "buka" opens it as a new report.
    let (_, _, mut w) = with_example();
    w.offer_embedded(&text);
    w.embedded_choice("buka");
    assert_eq!(w.report().unwrap(), &report);
    assert_eq!(w.index().entries.len(), 2);
    // An unreadable embedded report is said, nothing else happens.
    let (_, _, mut w) = with_example();
    w.offer_embedded("{bukan json");
    assert!(w
        .notice()
        .unwrap()
        .text
        .starts_with("Laporan yang dibawa berkas ini tidak dapat dibaca"));
    assert!(w.embedded_offer().is_none());
}

#[test]
fn next_year_duplicate_and_new_report_are_new_stored_reports() {
    let (_, _, mut w) = with_example();
    let first = w.report_id().unwrap().to_string();
    w.start_next_year();
    assert_eq!(w.report().unwrap().tahun, 2025);
    assert!(w
        .notice()
        .unwrap()
        .text
        .starts_with("Laporan Dinas Sosial Kota Pontianak 2025 dibuat"));
    w.duplicate(&first);
    assert_eq!(
        w.report().unwrap().instansi,
        "Dinas Sosial Kota Pontianak (salinan)"
    );
    w.new_report(
        "Dinas Baru".into(),
        2026,
        Period {
            first: 2025,
            last: 2029,
        },
    );
    assert_eq!(w.take_show(), Some(Show::Budget));
    assert_eq!(w.index().entries.len(), 4);
    assert_eq!(w.history(), (0, 0));
    assert!(w.first_persistence_request());
    assert!(!w.first_persistence_request());
}

// ---- property tests -----------------------------------------------------------------------

#[derive(Clone, Debug)]
enum Op {
    Edit(u8, u16),
    Undo,
    Redo,
    Save,
    Flush,
    Reload { flush: bool },
    Import(u8),
    Merge,
    Restore(u8),
    Minutes(u8),
    Hold(bool),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        5 => (any::<u8>(), any::<u16>()).prop_map(|(k, v)| Op::Edit(k, v)),
        2 => Just(Op::Undo),
        1 => Just(Op::Redo),
        2 => Just(Op::Save),
        1 => Just(Op::Flush),
        1 => any::<bool>().prop_map(|flush| Op::Reload { flush }),
        1 => any::<u8>().prop_map(Op::Import),
        1 => Just(Op::Merge),
        1 => any::<u8>().prop_map(Op::Restore),
        1 => any::<u8>().prop_map(Op::Minutes),
        1 => any::<bool>().prop_map(Op::Hold),
    ]
}

fn edit_for(r: &Report, kind: u8, v: u16) -> Edit {
    let subs: Vec<Id> = r
        .programs
        .iter()
        .flat_map(|p| &p.kegiatan)
        .flat_map(|k| &k.sub_kegiatan)
        .map(|s| s.id.clone())
        .collect();
    match kind % 4 {
        0 if !subs.is_empty() => Edit::Set {
            id: subs[v as usize % subs.len()].clone(),
            field: Field::Realisasi,
            value: FieldValue::Money(Some(Decimal::from(v) * Decimal::from(1000))),
        },
        1 if !r.programs.is_empty() => Edit::Remove {
            id: r.programs[v as usize % r.programs.len()].id.clone(),
        },
        2 => Edit::SetReport {
            field: ReportField::Instansi,
            value: text(&format!("Dinas {v}")),
        },
        _ => Edit::SetReport {
            field: ReportField::PkSigned,
            value: text(&format!("Kepala {v}")),
        },
    }
}

/// Run `op` on the workspace of tab A (the only tab).
fn run(w: &mut Workspace<Shared>, store: &Shared, clock: &TestClock, op: &Op) {
    match op {
        Op::Edit(k, v) => {
            if let Some(r) = w.report() {
                let e = edit_for(r, *k, *v);
                let _ = w.apply(e);
            }
        }
        Op::Undo => w.undo(),
        Op::Redo => w.redo(),
        Op::Save => w.save_now(),
        Op::Flush => w.flush(),
        Op::Reload { .. } => unreachable!(),
        Op::Import(seed) => {
            let other = lakip_core::generate::report(3 + *seed as usize % 5, *seed as u64);
            w.import_bytes("impor.json", &file_of(&other, "", 0));
            w.import_replace();
        }
        Op::Merge => {
            let Some(r) = w.report() else { return };
            let mut incoming = r.clone();
            let Some(p) = incoming.programs.first_mut() else {
                return;
            };
            p.name = format!("{} (bidang)", p.name);
            let pid = p.id.0.clone();
            w.import_bytes("gabung.json", &file_of(&incoming, "", 0));
            w.import_merge(&MergeChoices::new().with(Part::Program, pid));
        }
        Op::Restore(i) => {
            let Some(id) = w.report_id().map(str::to_string) else {
                return;
            };
            let backups = store::list_backups(store, &id).unwrap();
            if !backups.is_empty() {
                let key = backups[*i as usize % backups.len()].key.clone();
                w.restore(&key, &id);
            }
        }
        Op::Minutes(m) => clock.advance_minutes(*m as i64),
        Op::Hold(h) => w.hold_saves(*h),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Whatever the user does, a state the workspace calls saved is what a reload opens:
    /// no edit the user saw saved is lost.
    #[test]
    fn no_edit_seen_saved_is_ever_lost(ops in proptest::collection::vec(op(), 1..40)) {
        let store = Shared::default();
        let clock = TestClock::new();
        let mut w = workspace(&store, &clock);
        w.load_example();
        // The last state seen saved (id, report, revision), and every state shown since:
        // a save in the middle of a command (the flush before an import, a restore) stores
        // the state shown at the end of the command before.
        let mut saved: Option<(String, Report, u64)> = None;
        let mut since: Vec<Report> = Vec::new();
        for op in &ops {
            if let Op::Reload { flush } = op {
                if *flush {
                    w.hold_saves(false);
                    w.flush();
                    prop_assert_eq!(w.save_state(), &SaveState::Saved);
                }
                w = workspace(&store, &clock);
                if let Some((id, r, rev)) = &saved {
                    prop_assert_eq!(w.report_id(), Some(id.as_str()));
                    let now = w.revision().unwrap();
                    prop_assert!(now >= *rev, "reload opened an older revision after {:?}", ops);
                    if now == *rev {
                        prop_assert!(w.report() == Some(r), "reload lost a saved edit after {:?}", ops);
                    } else {
                        let shown = w.report().unwrap();
                        prop_assert!(since.iter().any(|s| s == shown), "reload opened a state never shown after {:?}", ops);
                    }
                }
            } else {
                run(&mut w, &store, &clock, op);
            }
            if w.save_state() == &SaveState::Saved {
                if let (Some(id), Some(r)) = (w.report_id(), w.report()) {
                    // Storage holds exactly what the workspace shows as saved.
                    let again = reloaded(&store);
                    prop_assert_eq!(again.report_id(), Some(id));
                    prop_assert!(again.report() == Some(r), "stored differs from saved after {:?}", ops);
                    prop_assert_eq!(again.revision(), w.revision());
                    saved = Some((id.to_string(), r.clone(), w.revision().unwrap()));
                    since.clear();
                }
            } else if let Some(r) = w.report() {
                since.push(r.clone());
            }
            // The figures always match the report.
            if let Some(r) = w.report() {
                prop_assert!(w.computed().unwrap() == &compute(r), "figures differ after {:?}", ops);
            }
        }
    }
}

#[derive(Clone, Debug)]
enum TabOp {
    Edit(bool, u8, u16),
    Save(bool),
    Flush(bool),
    Changed(bool),
    Overwrite(bool),
    Take(bool),
}

fn tab_op() -> impl Strategy<Value = TabOp> {
    prop_oneof![
        4 => (any::<bool>(), any::<u8>(), any::<u16>()).prop_map(|(t, k, v)| TabOp::Edit(t, k, v)),
        3 => any::<bool>().prop_map(TabOp::Save),
        1 => any::<bool>().prop_map(TabOp::Flush),
        2 => any::<bool>().prop_map(TabOp::Changed),
        1 => any::<bool>().prop_map(TabOp::Overwrite),
        1 => any::<bool>().prop_map(TabOp::Take),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Two tabs on one store never overwrite each other silently: a write happens only
    /// over the revision the writing tab loaded or saved last, or, when the user chose to
    /// overwrite, with the other tab's state kept as a backup.
    #[test]
    fn two_tabs_never_overwrite_each_other_silently(ops in proptest::collection::vec(tab_op(), 1..40)) {
        let (store, clock, a) = with_example();
        let id = a.report_id().unwrap().to_string();
        let b = workspace(&store, &clock);
        let mut tabs = [a, b];
        for op in &ops {
            let (t, overwrite) = match op {
                TabOp::Edit(t, ..) | TabOp::Save(t) | TabOp::Flush(t) | TabOp::Changed(t)
                | TabOp::Take(t) => (*t as usize, false),
                TabOp::Overwrite(t) => (*t as usize, true),
            };
            let w = &mut tabs[t];
            let before = store::stored_revision(&store, &id).unwrap();
            let base = w.revision();
            let shown_before = w.report().cloned();
            match op {
                TabOp::Edit(_, k, v) => {
                    if let Some(r) = w.report() {
                        let e = edit_for(r, *k, *v);
                        let _ = w.apply(e);
                    }
                }
                TabOp::Save(_) => w.save_now(),
                TabOp::Flush(_) => w.flush(),
                TabOp::Changed(_) => w.storage_changed(Some(&store::report_key(&id))),
                TabOp::Overwrite(_) => {
                    if matches!(w.save_state(), SaveState::Conflict { .. }) {
                        w.overwrite_stored();
                    }
                }
                TabOp::Take(_) => {
                    if matches!(w.save_state(), SaveState::Conflict { .. }) {
                        w.take_stored();
                    }
                }
            }
            let after = store::stored_revision(&store, &id).unwrap();
            if after != before {
                // This tab wrote.
                prop_assert!(after > before);
                if overwrite {
                    let kept = store::list_backups(&store, &id).unwrap();
                    prop_assert!(
                        before == base
                            || kept.iter().any(|k| Some(k.revision) == before
                                && k.reason == BackupReason::Overwritten),
                        "revision {:?} overwritten without a backup", before
                    );
                } else {
                    prop_assert_eq!(before, base, "wrote over a revision it never loaded");
                }
                prop_assert_eq!(w.save_state(), &SaveState::Saved);
                prop_assert_eq!(w.revision(), after);
                // What was written is what the tab shows.
                prop_assert!(reloaded(&store).report() == w.report(), "stored differs from shown after {:?}", ops);
            } else if matches!(op, TabOp::Save(_)) && shown_before.is_some() {
                // A refused save says so; it is never reported as saved.
                if w.save_state() == &SaveState::Saved {
                    prop_assert!(reloaded(&store).report() == w.report(), "stored differs from shown after {:?}", ops);
                } else {
                    let is_conflict = matches!(w.save_state(), SaveState::Conflict { .. });
                    prop_assert!(is_conflict);
                }
            }
        }
    }
}
