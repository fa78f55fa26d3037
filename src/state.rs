//! The session: the open report, its computed figures, undo/redo, autosave and the notices
//! the user sees. Components get a [`Session`] from context and call its methods; they
//! never compute figures or touch storage themselves.

use crate::web::{self, storage::LocalStore};
use lakip_core::calc::compute::{compute, Computed};
use lakip_core::exchange::snapshot::{self, Meta};
use lakip_core::model::edit::{self, Edit, Field, FieldValue, Node, ReportField};
use lakip_core::model::Id;
use lakip_core::model::{Period, Report};
use lakip_core::workspace::store::{self, Index, KeyValue, LoadError, StoreError};
use leptos::prelude::*;
use std::time::Duration;

pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// How long after the last change the report is saved: at least this, and longer for a
/// large report whose save takes long (so that typing is never interrupted by a save).
const SAVE_DELAY: Duration = Duration::from_millis(400);
/// At most this long.
const SAVE_DELAY_MAX: Duration = Duration::from_secs(8);

#[derive(Clone, Debug, PartialEq)]
pub enum SaveState {
    /// Everything is in storage.
    Saved,
    /// A change waits for the autosave.
    Pending,
    /// The last save failed; the report is only in memory.
    Failed(StoreError),
    /// Storage cannot be used at all in this browser.
    Unavailable(StoreError),
    /// Another tab saved a newer state of this report; this tab's changes are not saved
    /// until the user chooses.
    Conflict {
        stored_revision: u64,
        stored_at: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Info,
    Success,
    Warning,
    Error,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub tone: Tone,
    pub text: String,
    /// A button offered with the notice.
    pub action: Option<Action>,
}

/// What a notice's button does.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Download a stored value as it is (a corrupt value kept aside).
    DownloadStored(String),
    /// Restore a backup over the open report ("undo the import").
    RestoreBackup { key: String, label: String },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Home,
    Plan,
    Targets,
    Budget,
    Report,
    Check,
    Settings,
}

#[derive(Clone, Copy)]
pub struct Session {
    pub report: RwSignal<Option<Report>>,
    /// Every figure of the open report. Kept up to date by [`Session::apply`] through
    /// `Computed::refresh` (only what an edit can change is recomputed).
    pub computed: RwSignal<Option<Computed>>,
    pub report_id: RwSignal<Option<String>>,
    pub index: RwSignal<Index>,
    pub save_state: RwSignal<SaveState>,
    pub notice: RwSignal<Option<Notice>>,
    pub page: RwSignal<Page>,
    undo: StoredValue<Vec<Edit>>,
    redo: StoredValue<Vec<Edit>>,
    /// Lengths of the undo and redo stacks, for the buttons.
    pub history: RwSignal<(usize, usize)>,
    save_timer: StoredValue<Option<TimeoutHandle>>,
    /// The revision of the open report this tab last loaded or saved (`None`: new).
    revision: StoredValue<Option<u64>>,
    /// How long the last save took, in milliseconds.
    last_save_ms: StoredValue<f64>,
    /// A file read for import, waiting for the user's choice (preview).
    pub pending_import: RwSignal<Option<sharing::PendingImport>>,
    /// A report embedded in this very file, offered when storage already holds others.
    pub embedded_offer: RwSignal<Option<sharing::PendingImport>>,
    /// Whether the browser promised to keep our storage (`navigator.storage.persisted()`).
    pub persisted: RwSignal<Option<bool>>,
    /// Bumped whenever backups may have changed, so that their list reloads.
    pub backups_tick: RwSignal<u64>,
    /// Autosave held (tests of two tabs writing).
    held: StoredValue<bool>,
}

mod sharing;
pub use sharing::PendingImport;

fn meta() -> Meta {
    Meta {
        app_version: APP_VERSION.to_string(),
        exported_at: web::now_iso(),
        ..Default::default()
    }
}

thread_local! {
    static CURRENT: std::cell::Cell<Option<Session>> = const { std::cell::Cell::new(None) };
}

/// The running session, for the test hooks exported to JavaScript.
pub fn current() -> Option<Session> {
    CURRENT.with(|c| c.get())
}

impl Session {
    pub fn new() -> Session {
        let report = RwSignal::new(None::<Report>);
        let computed = RwSignal::new(None::<Computed>);
        let s = Session {
            report,
            computed,
            report_id: RwSignal::new(None),
            index: RwSignal::new(Index::default()),
            save_state: RwSignal::new(SaveState::Saved),
            notice: RwSignal::new(None),
            page: RwSignal::new(Page::Home),
            undo: StoredValue::new(Vec::new()),
            redo: StoredValue::new(Vec::new()),
            history: RwSignal::new((0, 0)),
            save_timer: StoredValue::new(None),
            revision: StoredValue::new(None),
            last_save_ms: StoredValue::new(0.0),
            pending_import: RwSignal::new(None),
            embedded_offer: RwSignal::new(None),
            persisted: RwSignal::new(None),
            backups_tick: RwSignal::new(0),
            held: StoredValue::new(false),
        };
        CURRENT.with(|c| c.set(Some(s)));
        s.start();
        s
    }

    /// Read the list of stored reports and open the last one.
    fn start(&self) {
        let kv = LocalStore::open();
        if let Err(e) = kv.available() {
            self.save_state.set(SaveState::Unavailable(e.clone()));
            return;
        }
        match store::read_index(&kv) {
            Ok(index) => {
                let active = index.active.clone();
                self.index.set(index);
                if let Some(id) = active {
                    self.open(&id);
                }
            }
            Err(e) => self.save_state.set(SaveState::Unavailable(e)),
        }
        self.offer_embedded();
        self.ask_persistence();
    }

    /// Decimals shown for percentages (a report setting; computation is always exact).
    pub fn decimals(&self) -> u32 {
        self.report
            .with(|r| r.as_ref().map(|r| r.settings.decimals).unwrap_or(2))
    }

    pub fn say(&self, tone: Tone, text: impl Into<String>) {
        self.notice.set(Some(Notice {
            tone,
            text: text.into(),
            action: None,
        }));
    }

    pub fn say_with(&self, tone: Tone, text: impl Into<String>, action: Action) {
        self.notice.set(Some(Notice {
            tone,
            text: text.into(),
            action: Some(action),
        }));
    }

    /// Open a stored report.
    pub fn open(&self, id: &str) {
        self.flush();
        let mut kv = LocalStore::open();
        match store::load(&mut kv, id, &web::now_iso().replace(':', "-")) {
            Ok(loaded) => {
                self.set_report(id.to_string(), loaded.report);
                self.revision.set_value(Some(loaded.meta.revision));
                let _ = self.mark_active(&mut kv, id);
            }
            Err(LoadError::Corrupt { error, kept_as }) => {
                self.notice.set(Some(Notice {
                    tone: Tone::Error,
                    text: LoadError::Corrupt {
                        error,
                        kept_as: kept_as.clone(),
                    }
                    .to_string(),
                    action: Some(Action::DownloadStored(
                        kept_as.unwrap_or_else(|| store::report_key(id)),
                    )),
                }));
            }
            Err(e) => self.say(Tone::Error, e.to_string()),
        }
    }

    fn mark_active(&self, kv: &mut dyn KeyValue, id: &str) -> Result<(), StoreError> {
        let mut index = store::read_index(kv)?;
        index.active = Some(id.to_string());
        store::write_index(kv, &index)?;
        self.index.set(index);
        Ok(())
    }

    /// Replace the open report (or close it), with its figures computed afresh.
    fn replace_report(&self, report: Option<Report>) {
        self.computed.set(report.as_ref().map(compute));
        self.report.set(report);
    }

    /// Recompute what `edit` (already applied to the report) can have changed.
    fn refresh(&self, edit: &Edit) {
        self.report.with_untracked(|r| {
            if let Some(r) = r {
                self.computed.update(|c| match c {
                    Some(c) => c.refresh(r, edit),
                    None => *c = Some(compute(r)),
                });
            }
        });
    }

    fn set_report(&self, id: String, report: Report) {
        self.revision.set_value(None);
        self.undo.set_value(Vec::new());
        self.redo.set_value(Vec::new());
        self.history.set((0, 0));
        self.report_id.set(Some(id));
        self.replace_report(Some(report));
    }

    /// Make `report` a new stored report and open it.
    pub fn adopt(&self, report: Report) {
        self.flush();
        let id = lakip_core::model::edit::new_id("r", web::random_u64()).0;
        self.set_report(id, report);
        self.save_now();
    }

    pub fn new_report(&self, instansi: String, tahun: i32, renstra: Period) {
        self.adopt(Report::new(instansi, tahun, renstra));
        self.page.set(Page::Budget);
    }

    /// A new report for the next year from the open one: structure, targets and pagu
    /// carried over, realisations emptied, this year's kept as history.
    pub fn start_next_year(&self) {
        let next = self
            .report
            .with_untracked(|r| r.as_ref().map(Report::next_year));
        if let Some(r) = next {
            let text = format!("Laporan {} {} dibuat dari tahun sebelumnya: struktur, target dan pagu dibawa; realisasi dikosongkan.", r.instansi, r.tahun);
            self.adopt(r);
            self.say(Tone::Success, text);
        }
    }

    /// A copy of a stored report, opened.
    pub fn duplicate(&self, id: &str) {
        let mut kv = LocalStore::open();
        match store::load_report(&mut kv, id, &web::now_iso().replace(':', "-")) {
            Ok(mut r) => {
                r.instansi = format!("{} (salinan)", r.instansi);
                self.adopt(r);
                self.say(Tone::Success, "Salinan laporan dibuat dan dibuka.");
            }
            Err(e) => self.say(Tone::Error, e.to_string()),
        }
    }

    pub fn load_example(&self) {
        self.adopt(lakip_core::example::example());
        self.say(Tone::Success, "Contoh LAKIP 2024 Dinas Sosial Kota Pontianak dimuat. Semua angka dihitung ulang dari data rinci.");
        self.page.set(Page::Budget);
    }

    /// Apply a change; on success it can be undone and is saved shortly.
    pub fn apply(&self, edit: Edit) -> Result<(), String> {
        let t0 = web::now_ms();
        let result = self.report.try_update(|r| match r {
            Some(r) => r.apply(edit.clone()).map_err(|e| e.to_string()),
            None => Err("belum ada laporan yang dibuka".into()),
        });
        let t1 = web::now_ms();
        match result {
            Some(Ok(inverse)) => {
                self.refresh(&edit);
                web::console_timing(&format!(
                    "apply {:.1} ms, refresh {:.1} ms",
                    t1 - t0,
                    web::now_ms() - t1
                ));
                self.undo.update_value(|u| u.push(inverse));
                self.redo.update_value(|r| r.clear());
                self.sync_history();
                self.schedule_save();
                Ok(())
            }
            Some(Err(e)) => Err(e),
            None => Err("laporan tidak tersedia".into()),
        }
    }

    /// Set one field of an item.
    pub fn set(&self, id: &Id, field: Field, value: FieldValue) -> Result<(), String> {
        self.apply(Edit::Set {
            id: id.clone(),
            field,
            value,
        })
    }

    /// Set one field of the report itself.
    pub fn set_report_field(&self, field: ReportField, value: FieldValue) -> Result<(), String> {
        self.apply(Edit::SetReport { field, value })
    }

    /// A fresh id for a new item.
    pub fn new_id(&self, prefix: &str) -> Id {
        edit::new_id(prefix, web::random_u64())
    }

    /// Insert a new item; the user is told if it cannot be done.
    pub fn insert(&self, parent: Option<Id>, index: usize, node: Node) {
        if let Err(e) = self.apply(Edit::Insert {
            parent,
            index,
            node,
        }) {
            self.say(Tone::Error, e);
        }
    }

    /// Move an item among its siblings.
    pub fn move_to(&self, id: &Id, to: usize) {
        if let Err(e) = self.apply(Edit::Move { id: id.clone(), to }) {
            self.say(Tone::Error, e);
        }
    }

    /// Remove an item (after the user confirmed); it can be undone.
    pub fn remove(&self, id: &Id, what: &str) {
        match self.apply(Edit::Remove { id: id.clone() }) {
            Ok(()) => self.say(
                Tone::Info,
                format!("{what} dihapus. Tekan Ctrl+Z atau \"Urungkan\" untuk mengembalikannya."),
            ),
            Err(e) => self.say(Tone::Error, e),
        }
    }

    fn step(&self, from: StoredValue<Vec<Edit>>, to: StoredValue<Vec<Edit>>) {
        let Some(edit) = from.try_update_value(|s| s.pop()).flatten() else {
            return;
        };
        let result = self
            .report
            .try_update(|r| r.as_mut().map(|r| r.apply(edit.clone())));
        if let Some(Some(Ok(inverse))) = result {
            self.refresh(&edit);
            to.update_value(|s| s.push(inverse));
            self.schedule_save();
        }
        self.sync_history();
    }

    pub fn undo(&self) {
        self.step(self.undo, self.redo);
    }

    pub fn redo(&self) {
        self.step(self.redo, self.undo);
    }

    fn sync_history(&self) {
        let u = self.undo.with_value(Vec::len);
        let r = self.redo.with_value(Vec::len);
        self.history.set((u, r));
    }

    fn schedule_save(&self) {
        if matches!(
            self.save_state.get_untracked(),
            SaveState::Unavailable(_) | SaveState::Conflict { .. }
        ) {
            return;
        }
        self.save_state.set(SaveState::Pending);
        if let Some(h) = self.save_timer.try_update_value(|t| t.take()).flatten() {
            h.clear();
        }
        if self.held.get_value() {
            return;
        }
        let me = *self;
        let wait_ms = (self.last_save_ms.get_value() * 4.0) as u64;
        let delay = SAVE_DELAY
            .max(Duration::from_millis(wait_ms))
            .min(SAVE_DELAY_MAX);
        let handle = set_timeout_with_handle(move || me.save_now(), delay).ok();
        self.save_timer.set_value(handle);
    }

    /// Hold autosaves, or release them (and save what is pending).
    pub fn hold_saves(&self, hold: bool) {
        self.held.set_value(hold);
        if !hold && self.save_state.get_untracked() == SaveState::Pending {
            self.save_now();
        }
    }

    /// Save now if a save is pending (tab hidden, page closing, another report opened).
    pub fn flush(&self) {
        if self.held.get_value() {
            return;
        }
        if let Some(h) = self.save_timer.try_update_value(|t| t.take()).flatten() {
            h.clear();
        }
        if self.save_state.get_untracked() == SaveState::Pending {
            self.save_now();
        }
    }

    pub fn save_now(&self) {
        // The timer that called this (if any) has fired.
        self.save_timer.update_value(|t| *t = None);
        let Some(id) = self.report_id.get_untracked() else {
            return;
        };
        let mut kv = LocalStore::open();
        if let Err(e) = kv.available() {
            self.save_state.set(SaveState::Unavailable(e));
            return;
        }
        let started = web::now_ms();
        let result = self.report.with_untracked(|r| match r {
            Some(r) => {
                store::save_report(&mut kv, &id, r, &meta(), self.revision.get_value()).map(Some)
            }
            None => Ok(None),
        });
        self.last_save_ms.set_value(web::now_ms() - started);
        match result {
            Ok(entry) => {
                if let Some(e) = entry {
                    self.revision.set_value(Some(e.revision));
                }
                self.save_state.set(SaveState::Saved);
                if let Ok(index) = store::read_index(&kv) {
                    self.index.set(index);
                }
            }
            Err(StoreError::Conflict {
                stored_revision,
                stored_at,
                ..
            }) => {
                self.save_state.set(SaveState::Conflict {
                    stored_revision,
                    stored_at,
                });
            }
            Err(e) => self.save_state.set(SaveState::Failed(e)),
        }
    }

    /// The open report as snapshot JSON (for export), pretty for people.
    pub fn export_json(&self) -> Option<(String, String)> {
        self.report.with_untracked(|r| {
            r.as_ref().map(|r| {
                let name = format!("lakip-{}-{}.json", slug(&r.instansi), r.tahun);
                (name, snapshot::export_pretty(r, &meta()))
            })
        })
    }

    pub fn delete(&self, id: &str) {
        let mut kv = LocalStore::open();
        match store::delete_report(&mut kv, id) {
            Ok(()) => {
                if self.report_id.get_untracked().as_deref() == Some(id) {
                    self.report_id.set(None);
                    self.replace_report(None);
                }
                if let Ok(index) = store::read_index(&kv) {
                    self.index.set(index);
                }
            }
            Err(e) => self.say(Tone::Error, e.to_string()),
        }
    }
}

/// File-name-safe form of a text.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').chars().take(60).collect()
}
