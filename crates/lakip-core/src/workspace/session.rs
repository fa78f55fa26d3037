//! The workspace: the application logic of one browser tab, without the browser. It owns
//! the store, the open report and its computed figures, the undo and redo stacks, the
//! revision this tab last loaded or saved, the save state, the notice to show, the import
//! waiting for the user's choice and the report embedded in a copy of the file.
//!
//! The web app is a thin adapter over it: it calls a method, then publishes the new state
//! into its signals. Time and randomness come in through [`Clock`], so that the workspace
//! is pure and its tests are deterministic. The workspace never owns a timer: after a change
//! it says when a save is due ([`Workspace::take_timer`]), and the adapter calls
//! [`Workspace::save_now`] when that time has come.

use super::diff::{self, Diff};
use super::merge::{self, MergeChoices};
use super::store::{self, BackupReason, Index, KeyValue, LoadError, StoreError, PREFIX};
use crate::calc::compute::{compute, Computed};
use crate::exchange::snapshot::{self, Imported, Meta};
use crate::model::edit::{self, Edit, Field, FieldValue, Node, ReportField};
use crate::model::{Id, Period, Report};

/// The autosave waits at least this long after the last change…
pub const SAVE_DELAY_MS: u64 = 400;
/// …and at most this long.
pub const SAVE_DELAY_MAX_MS: u64 = 8_000;

/// How long after the last change the report is saved: at least [`SAVE_DELAY_MS`], four
/// times as long as the last save took (so that typing in a large report is never
/// interrupted by a save), at most [`SAVE_DELAY_MAX_MS`].
pub fn save_delay_ms(last_save_ms: f64) -> u64 {
    let grown = if last_save_ms.is_finite() && last_save_ms > 0.0 {
        (last_save_ms * 4.0) as u64
    } else {
        0
    };
    grown.clamp(SAVE_DELAY_MS, SAVE_DELAY_MAX_MS)
}

/// Time and randomness, from outside.
pub trait Clock {
    /// The current time as ISO 8601 (UTC), e.g. `2025-01-06T09:30:00.000Z`.
    fn now_iso(&mut self) -> String;
    /// A monotonic time in milliseconds (to measure how long a save takes).
    fn now_ms(&mut self) -> f64;
    /// A random number for new ids (not for secrets).
    fn random_u64(&mut self) -> u64;
}

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

/// A file read for import, shown in a preview before anything changes.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingImport {
    pub file_name: String,
    pub imported: Imported,
    /// Differences from the open report (`None` when none is open).
    pub diff: Option<Diff>,
}

/// What the adapter does with its autosave timer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Timer {
    /// Stop it: no save is due (saved, held, or nothing to save).
    Cancel,
    /// (Re)start it: call [`Workspace::save_now`] after this many milliseconds.
    Restart(u64),
}

/// Where the user should look after a command.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Show {
    /// The start page (the import preview is there).
    Home,
    /// The budget of the report just opened.
    Budget,
}

/// Counters that grow whenever a part of the state changes, so that an adapter republishes
/// only what changed (the report is not cloned or compared).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Versions {
    /// The open report or its figures.
    pub report: u64,
    /// The notice.
    pub notice: u64,
    /// The import preview or the embedded offer.
    pub offers: u64,
    /// The backups (made, restored, purged).
    pub backups: u64,
}

/// Storage key remembering that an embedded report (identity and revision) was handled.
fn embedded_seen_key(report_id: &str, revision: u64) -> String {
    format!("{PREFIX}tersemat/{report_id}/{revision}")
}

/// Storage key remembering that persistent storage was asked for once.
const PERSIST_ASKED_KEY: &str = "kalkulator-lakip/persist-diminta";

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

/// The application logic of one tab over a store `S`.
pub struct Workspace<S: KeyValue> {
    store: S,
    clock: Box<dyn Clock>,
    app_version: String,
    report_id: Option<String>,
    report: Option<Report>,
    computed: Option<Computed>,
    undo: Vec<Edit>,
    redo: Vec<Edit>,
    /// The revision of the open report this tab last loaded or saved (`None`: new, or the
    /// user chose to overwrite).
    revision: Option<u64>,
    save_state: SaveState,
    /// How long the last save took, in milliseconds.
    last_save_ms: f64,
    /// Autosave held (tests of two tabs writing).
    held: bool,
    timer: Option<Timer>,
    show: Option<Show>,
    index: Index,
    notice: Option<Notice>,
    pending_import: Option<PendingImport>,
    embedded_offer: Option<PendingImport>,
    versions: Versions,
    /// Who this workspace is among the windows on one storage (random, per window): written
    /// beside each save, so that a window whose save another one overwrote in the same
    /// instant learns it (localStorage has no compare-and-set across windows).
    writer: String,
}

impl<S: KeyValue> Workspace<S> {
    /// A workspace over `store`: reads the list of stored reports and opens the last one.
    pub fn new(store: S, clock: Box<dyn Clock>, app_version: &str) -> Workspace<S> {
        let mut w = Workspace {
            store,
            clock,
            app_version: app_version.to_string(),
            report_id: None,
            report: None,
            computed: None,
            undo: Vec::new(),
            redo: Vec::new(),
            revision: None,
            save_state: SaveState::Saved,
            last_save_ms: 0.0,
            held: false,
            timer: None,
            show: None,
            index: Index::default(),
            notice: None,
            pending_import: None,
            embedded_offer: None,
            versions: Versions::default(),
            writer: String::new(),
        };
        w.writer = format!("{:016x}", w.clock.random_u64());
        w.start();
        w
    }

    fn start(&mut self) {
        if let Err(e) = self.store.available() {
            self.save_state = SaveState::Unavailable(e);
            return;
        }
        match store::read_index(&self.store) {
            Ok(index) => {
                let active = index.active.clone();
                self.index = index;
                if let Some(id) = active {
                    self.open(&id);
                }
            }
            Err(e) => self.save_state = SaveState::Unavailable(e),
        }
    }

    // ---- what the adapter reads ---------------------------------------------------------

    pub fn store(&self) -> &S {
        &self.store
    }
    pub fn store_mut(&mut self) -> &mut S {
        &mut self.store
    }
    pub fn report(&self) -> Option<&Report> {
        self.report.as_ref()
    }
    /// The open report as an option (for readers written against `&Option<Report>`).
    pub fn report_slot(&self) -> &Option<Report> {
        &self.report
    }
    pub fn computed(&self) -> Option<&Computed> {
        self.computed.as_ref()
    }
    pub fn computed_slot(&self) -> &Option<Computed> {
        &self.computed
    }
    pub fn report_id(&self) -> Option<&str> {
        self.report_id.as_deref()
    }
    pub fn revision(&self) -> Option<u64> {
        self.revision
    }
    pub fn save_state(&self) -> &SaveState {
        &self.save_state
    }
    pub fn index(&self) -> &Index {
        &self.index
    }
    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }
    pub fn pending_import(&self) -> Option<&PendingImport> {
        self.pending_import.as_ref()
    }
    pub fn embedded_offer(&self) -> Option<&PendingImport> {
        self.embedded_offer.as_ref()
    }
    /// Lengths of the undo and redo stacks.
    pub fn history(&self) -> (usize, usize) {
        (self.undo.len(), self.redo.len())
    }
    pub fn versions(&self) -> Versions {
        self.versions
    }
    pub fn held(&self) -> bool {
        self.held
    }
    /// Decimals shown for percentages (a report setting; computation is always exact).
    pub fn decimals(&self) -> u32 {
        self.report
            .as_ref()
            .map(|r| r.settings.decimals)
            .unwrap_or(2)
    }
    /// How long the last save took, in milliseconds.
    pub fn last_save_ms(&self) -> f64 {
        self.last_save_ms
    }

    /// What the autosave timer must do now (once: taking it clears it).
    pub fn take_timer(&mut self) -> Option<Timer> {
        self.timer.take()
    }
    /// Where the user should look now (once).
    pub fn take_show(&mut self) -> Option<Show> {
        self.show.take()
    }

    // ---- notices ------------------------------------------------------------------------

    pub fn say(&mut self, tone: Tone, text: impl Into<String>) {
        self.set_notice(Some(Notice {
            tone,
            text: text.into(),
            action: None,
        }));
    }

    pub fn say_with(&mut self, tone: Tone, text: impl Into<String>, action: Action) {
        self.set_notice(Some(Notice {
            tone,
            text: text.into(),
            action: Some(action),
        }));
    }

    pub fn set_notice(&mut self, notice: Option<Notice>) {
        self.notice = notice;
        self.versions.notice += 1;
    }

    fn meta(&mut self) -> Meta {
        Meta {
            app_version: self.app_version.clone(),
            exported_at: self.clock.now_iso(),
            ..Default::default()
        }
    }

    /// The envelope of an export: the report's identity and revision, so that a copy is
    /// recognised as this report when it comes back (the format's `id_laporan`, `revisi`).
    fn identified_meta(&mut self) -> Meta {
        let mut m = self.meta();
        m.revision = self.revision.unwrap_or(0);
        if let Some(id) = &self.report_id {
            m.report_id = match store::stored_head(&self.store, id) {
                Ok(Some(head)) if !head.report_id.is_empty() => head.report_id,
                _ => store::safe_report_id(id),
            };
        }
        m
    }

    fn now_key(&mut self) -> String {
        self.clock.now_iso().replace(':', "-")
    }

    fn refresh_index(&mut self) {
        if let Ok(index) = store::read_index(&self.store) {
            self.index = index;
        }
    }

    fn set_pending_import(&mut self, p: Option<PendingImport>) {
        self.pending_import = p;
        self.versions.offers += 1;
    }

    fn set_embedded_offer(&mut self, p: Option<PendingImport>) {
        self.embedded_offer = p;
        self.versions.offers += 1;
    }

    fn backups_changed(&mut self) {
        self.versions.backups += 1;
    }

    // ---- opening and creating -----------------------------------------------------------

    /// Open a stored report.
    pub fn open(&mut self, id: &str) {
        self.flush();
        let now = self.now_key();
        match store::load(&mut self.store, id, &now) {
            Ok(loaded) => {
                self.set_report(id.to_string(), loaded.report);
                self.revision = Some(loaded.meta.revision);
                let _ = self.mark_active(id);
            }
            Err(LoadError::Corrupt { error, kept_as }) => {
                let action = Action::DownloadStored(
                    kept_as.clone().unwrap_or_else(|| store::report_key(id)),
                );
                let text = LoadError::Corrupt { error, kept_as }.to_string();
                self.say_with(Tone::Error, text, action);
            }
            Err(e) => self.say(Tone::Error, e.to_string()),
        }
    }

    fn mark_active(&mut self, id: &str) -> Result<(), StoreError> {
        let mut index = store::read_index(&self.store)?;
        index.active = Some(id.to_string());
        store::write_index(&mut self.store, &index)?;
        self.index = index;
        Ok(())
    }

    /// Replace the open report (or close it), with its figures computed afresh.
    fn replace_report(&mut self, report: Option<Report>) {
        self.computed = report.as_ref().map(compute);
        self.report = report;
        self.versions.report += 1;
    }

    fn set_report(&mut self, id: String, report: Report) {
        self.revision = None;
        self.undo.clear();
        self.redo.clear();
        // A notice is about the report it was said of: it does not follow to another one
        // (the command that opens a report says its own afterwards).
        if self.notice.is_some() {
            self.set_notice(None);
        }
        self.report_id = Some(id);
        self.replace_report(Some(report));
    }

    /// Make `report` a new stored report and open it.
    pub fn adopt(&mut self, report: Report) {
        self.flush();
        let id = edit::new_id("r", self.clock.random_u64()).0;
        self.set_report(id, report);
        self.save_now();
    }

    pub fn new_report(&mut self, instansi: String, tahun: i32, renstra: Period) {
        self.adopt(Report::new(instansi, tahun, renstra));
        self.show = Some(Show::Budget);
    }

    /// A new report for the next year from the open one: structure, targets and pagu
    /// carried over, realisations emptied, this year's kept as history.
    pub fn start_next_year(&mut self) {
        if let Some(r) = self.report.as_ref().map(Report::next_year) {
            let text = format!("Laporan {} {} dibuat dari tahun sebelumnya: struktur, target dan pagu dibawa; realisasi dikosongkan.", r.instansi, r.tahun);
            self.adopt(r);
            self.say(Tone::Success, text);
        }
    }

    /// A copy of a stored report, opened.
    pub fn duplicate(&mut self, id: &str) {
        let now = self.now_key();
        match store::load_report(&mut self.store, id, &now) {
            Ok(mut r) => {
                r.instansi = format!("{} (salinan)", r.instansi);
                self.adopt(r);
                self.say(Tone::Success, "Salinan laporan dibuat dan dibuka.");
            }
            Err(e) => self.say(Tone::Error, e.to_string()),
        }
    }

    pub fn load_example(&mut self) {
        self.adopt(crate::example::example());
        self.say(Tone::Success, "Contoh LAKIP 2024 Dinas Sosial Kota Pontianak dimuat. Semua angka dihitung ulang dari data rinci.");
        self.show = Some(Show::Budget);
    }

    // ---- editing ------------------------------------------------------------------------

    /// Apply a change; on success it can be undone and is saved shortly.
    pub fn apply(&mut self, edit: Edit) -> Result<(), String> {
        let Some(r) = self.report.as_mut() else {
            return Err("belum ada laporan yang dibuka".into());
        };
        // What the snapshot would refuse never enters: every save and export imports again.
        if let Some(why) = super::guard::refuse(r, &edit) {
            return Err(why);
        }
        let inverse = r.apply(edit.clone()).map_err(|e| e.to_string())?;
        self.refresh(&edit);
        self.undo.push(inverse);
        self.redo.clear();
        self.schedule_save();
        Ok(())
    }

    /// Recompute what `edit` (already applied to the report) can have changed.
    fn refresh(&mut self, edit: &Edit) {
        if let Some(r) = &self.report {
            match &mut self.computed {
                Some(c) => c.refresh(r, edit),
                None => self.computed = Some(compute(r)),
            }
        }
        self.versions.report += 1;
    }

    /// Set one field of an item.
    pub fn set(&mut self, id: &Id, field: Field, value: FieldValue) -> Result<(), String> {
        self.apply(Edit::Set {
            id: id.clone(),
            field,
            value,
        })
    }

    /// Set one field of the report itself.
    pub fn set_report_field(
        &mut self,
        field: ReportField,
        value: FieldValue,
    ) -> Result<(), String> {
        self.apply(Edit::SetReport { field, value })
    }

    /// A fresh id for a new item.
    pub fn new_id(&mut self, prefix: &str) -> Id {
        edit::new_id(prefix, self.clock.random_u64())
    }

    /// Insert a new item; the user is told if it cannot be done.
    pub fn insert(&mut self, parent: Option<Id>, index: usize, node: Node) {
        if let Err(e) = self.apply(Edit::Insert {
            parent,
            index,
            node,
        }) {
            self.say(Tone::Error, e);
        }
    }

    /// Move an item among its siblings.
    pub fn move_to(&mut self, id: &Id, to: usize) {
        if let Err(e) = self.apply(Edit::Move { id: id.clone(), to }) {
            self.say(Tone::Error, e);
        }
    }

    /// Remove an item (after the user confirmed); it can be undone.
    pub fn remove(&mut self, id: &Id, what: &str) {
        match self.apply(Edit::Remove { id: id.clone() }) {
            Ok(()) => self.say(
                Tone::Info,
                format!("{what} dihapus. Tekan Ctrl+Z atau \"Urungkan\" untuk mengembalikannya."),
            ),
            Err(e) => self.say(Tone::Error, e),
        }
    }

    fn step(&mut self, undo: bool) {
        let popped = if undo {
            self.undo.pop()
        } else {
            self.redo.pop()
        };
        let Some(edit) = popped else { return };
        let result = self.report.as_mut().map(|r| r.apply(edit.clone()));
        if let Some(Ok(inverse)) = result {
            self.refresh(&edit);
            if undo {
                self.redo.push(inverse);
            } else {
                self.undo.push(inverse);
            }
            self.schedule_save();
        }
    }

    pub fn undo(&mut self) {
        self.step(true);
    }

    pub fn redo(&mut self) {
        self.step(false);
    }

    // ---- saving -------------------------------------------------------------------------

    /// A change waits to be saved: say when.
    fn schedule_save(&mut self) {
        if matches!(
            self.save_state,
            SaveState::Unavailable(_) | SaveState::Conflict { .. }
        ) {
            return;
        }
        self.save_state = SaveState::Pending;
        self.timer = Some(if self.held {
            Timer::Cancel
        } else {
            Timer::Restart(save_delay_ms(self.last_save_ms))
        });
    }

    /// When the autosave is due, in milliseconds from the last change (`None`: nothing
    /// waits, or saves are held or impossible).
    pub fn save_due_in(&self) -> Option<u64> {
        (self.save_state == SaveState::Pending && !self.held)
            .then(|| save_delay_ms(self.last_save_ms))
    }

    /// Hold autosaves, or release them (and save what is pending).
    pub fn hold_saves(&mut self, hold: bool) {
        self.held = hold;
        if hold {
            self.timer = Some(Timer::Cancel);
        } else if self.save_state == SaveState::Pending {
            self.save_now();
        }
    }

    /// Save now if a save is pending (tab hidden, page closing, another report opened).
    pub fn flush(&mut self) {
        if self.held {
            return;
        }
        self.timer = Some(Timer::Cancel);
        if self.save_state == SaveState::Pending {
            self.save_now();
        }
    }

    /// Save the open report now (the autosave timer fired, or a command needs it stored).
    pub fn save_now(&mut self) {
        self.timer = Some(Timer::Cancel);
        let Some(id) = self.report_id.clone() else {
            return;
        };
        if let Err(e) = self.store.available() {
            self.save_state = SaveState::Unavailable(e);
            return;
        }
        let meta = self.meta();
        let started = self.clock.now_ms();
        let result = match &self.report {
            Some(r) => store::save_report(&mut self.store, &id, r, &meta, self.revision).map(Some),
            None => Ok(None),
        };
        self.last_save_ms = (self.clock.now_ms() - started).max(0.0);
        match result {
            Ok(entry) => {
                if let Some(e) = entry {
                    self.revision = Some(e.revision);
                    let _ = store::mark_writer(&mut self.store, &id, &self.writer, e.revision);
                }
                self.save_state = SaveState::Saved;
                self.refresh_index();
            }
            Err(StoreError::Conflict {
                stored_revision,
                stored_at,
                ..
            }) => {
                self.save_state = SaveState::Conflict {
                    stored_revision,
                    stored_at,
                };
            }
            Err(e) => self.save_state = SaveState::Failed(e),
        }
    }

    /// The open report as snapshot JSON (for export), pretty for people: file name and text.
    pub fn export_json(&mut self) -> Option<(String, String)> {
        self.flush();
        let meta = self.identified_meta();
        self.report.as_ref().map(|r| {
            let name = format!("lakip-{}-{}.json", slug(&r.instansi), r.tahun);
            (name, snapshot::export_pretty(r, &meta))
        })
    }

    pub fn delete(&mut self, id: &str) {
        match store::delete_report(&mut self.store, id) {
            Ok(()) => {
                if self.report_id.as_deref() == Some(id) {
                    self.report_id = None;
                    self.replace_report(None);
                }
                self.refresh_index();
                self.backups_changed();
            }
            Err(e) => self.say(Tone::Error, e.to_string()),
        }
    }

    // ---- import, merge, backups ---------------------------------------------------------

    /// Read a file for import: on success a preview waits for the user's choice; on
    /// failure nothing changes and the reason is shown.
    pub fn import_bytes(&mut self, file_name: &str, bytes: &[u8]) {
        match snapshot::import(bytes) {
            Ok(imported) => {
                let diff = self
                    .report
                    .as_ref()
                    .map(|cur| diff::diff(cur, &imported.report));
                self.set_pending_import(Some(PendingImport {
                    file_name: file_name.to_string(),
                    imported,
                    diff,
                }));
                self.show = Some(Show::Home);
            }
            Err(e) => self.say(
                Tone::Error,
                format!("Impor \"{file_name}\" gagal; laporan yang terbuka tidak berubah. {e}"),
            ),
        }
    }

    /// Put a report in the import preview (the embedded report, "bandingkan").
    pub fn preview(&mut self, pending: PendingImport) {
        self.set_pending_import(Some(pending));
    }

    /// Close the import preview without doing anything.
    pub fn cancel_import(&mut self) {
        self.set_pending_import(None);
    }

    /// Open the previewed file as a new report beside the others.
    pub fn import_as_new(&mut self) {
        let Some(p) = self.pending_import.clone() else {
            return;
        };
        self.set_pending_import(None);
        let r = p.imported.report;
        let text = format!(
            "Berkas \"{}\" dibuka sebagai laporan baru: {} {}.",
            p.file_name, r.instansi, r.tahun
        );
        self.adopt(r);
        self.say(Tone::Success, text);
        self.show = Some(Show::Budget);
    }

    /// Keep the stored state as a backup for `reason`; an error if it could not be kept
    /// (then the caller does not go ahead).
    fn backup_before(&mut self, reason: BackupReason) -> Result<Option<String>, String> {
        self.flush();
        let Some(id) = self.report_id.clone() else {
            return Ok(None);
        };
        if self.store.available().is_err() {
            // No storage: the undo stack is the only way back, and it is there.
            return Ok(None);
        }
        let now = self.clock.now_iso();
        let key =
            store::backup_now(&mut self.store, &id, reason, &now).map_err(|e| e.to_string())?;
        self.backups_changed();
        Ok(key)
    }

    /// Turn the open report into `target` as one undoable step, after backing it up.
    fn become_report(
        &mut self,
        target: Report,
        reason: BackupReason,
        what: &str,
        notes: Vec<String>,
    ) {
        let backup = match self.backup_before(reason) {
            Ok(k) => k,
            Err(e) => {
                self.say(Tone::Error, format!("{what} dibatalkan: keadaan sekarang tidak dapat dicadangkan ({e}). Laporan tidak berubah."));
                return;
            }
        };
        let Some(edit) = self.report.as_ref().map(|cur| merge::edit_to(cur, &target)) else {
            return;
        };
        match self.apply(edit) {
            Ok(()) => {
                let mut text = format!("{what} selesai. Ctrl+Z mengurungkannya.");
                for n in notes {
                    text.push(' ');
                    text.push_str(&n);
                }
                match backup {
                    Some(key) => self.say_with(
                        Tone::Success,
                        text,
                        Action::RestoreBackup {
                            key,
                            label: "Pulihkan keadaan sebelumnya".into(),
                        },
                    ),
                    None => self.say(Tone::Success, text),
                }
                self.show = Some(Show::Budget);
            }
            Err(e) => self.say(
                Tone::Error,
                format!("{what} gagal; laporan tidak berubah. {e}"),
            ),
        }
    }

    /// Replace the open report by the previewed file (one undoable step, backed up first).
    pub fn import_replace(&mut self) {
        let Some(p) = self.pending_import.clone() else {
            return;
        };
        self.set_pending_import(None);
        self.become_report(
            p.imported.report,
            BackupReason::BeforeImport,
            &format!("Impor \"{}\" (ganti seluruh laporan)", p.file_name),
            Vec::new(),
        );
    }

    /// Take the chosen parts of the previewed file, keep the rest (one undoable step,
    /// backed up first).
    pub fn import_merge(&mut self, choices: &MergeChoices) {
        let Some(p) = self.pending_import.clone() else {
            return;
        };
        let Some(merged) = self
            .report
            .as_ref()
            .map(|cur| merge::merge_with_notes(cur, &p.imported.report, choices))
        else {
            return;
        };
        self.set_pending_import(None);
        self.become_report(
            merged.report,
            BackupReason::BeforeMerge,
            &format!("Penggabungan dari \"{}\"", p.file_name),
            merged.notes,
        );
    }

    /// Restore a backup over the open report (or recreate a deleted one). The state it
    /// replaces is backed up first, so this too can be undone.
    pub fn restore(&mut self, key: &str, report_id: &str) {
        self.flush();
        let expected = if self.report_id.as_deref() == Some(report_id) {
            self.revision
        } else {
            None
        };
        let meta = self.meta();
        match store::restore_backup(&mut self.store, report_id, key, &meta, expected) {
            Ok(replaced) => {
                self.set_report(report_id.to_string(), replaced.report);
                self.revision = Some(replaced.meta.revision);
                self.save_state = SaveState::Saved;
                self.refresh_index();
                self.backups_changed();
                let text = "Cadangan dipulihkan.".to_string();
                match replaced.backup {
                    Some(k) => self.say_with(
                        Tone::Success,
                        text,
                        Action::RestoreBackup {
                            key: k,
                            label: "Batalkan pemulihan".into(),
                        },
                    ),
                    None => self.say(Tone::Success, text),
                }
            }
            Err(e) => self.say(
                Tone::Error,
                format!("Pemulihan gagal; tidak ada yang berubah. {e}"),
            ),
        }
    }

    /// Remove the backups of a deleted report for good.
    pub fn purge(&mut self, report_id: &str) {
        match store::purge_backups(&mut self.store, report_id) {
            Ok(n) => self.say(
                Tone::Info,
                format!("{n} cadangan laporan terhapus dibuang untuk selamanya."),
            ),
            Err(e) => self.say(Tone::Error, e.to_string()),
        }
        self.backups_changed();
    }

    // ---- another tab --------------------------------------------------------------------

    /// Another tab changed storage (`key`; `None`: cleared): reload the open report if it is
    /// newer and this tab has nothing unsaved; otherwise say so and let the user choose.
    pub fn storage_changed(&mut self, key: Option<&str>) {
        if key == Some(store::INDEX_KEY) || key.is_none() {
            self.refresh_index();
        }
        let Some(id) = self.report_id.clone() else {
            return;
        };
        if key.is_some()
            && key != Some(store::report_key(&id).as_str())
            && key != Some(store::writer_key(&id).as_str())
        {
            return;
        }
        let Ok(Some(head)) = store::stored_head(&self.store, &id) else {
            return;
        };
        let ours = self.revision.unwrap_or(0);
        // Two windows saved the same revision in the same instant: the later write won. The
        // window whose write was lost keeps its report (it is what the user sees) and is in
        // conflict, never silently behind.
        let overwritten = head.revision == ours
            && ours > 0
            && store::stored_writer(&self.store, &id)
                .ok()
                .flatten()
                .is_some_and(|(w, rev)| rev == ours && w != self.writer);
        if head.revision <= ours && !overwritten {
            return;
        }
        // Unsaved changes, a failed save, or an earlier conflict: this window's report stays
        // as it is, and the user chooses (a second save of the other window must not load
        // over edits that were never saved).
        if overwritten
            || matches!(
                self.save_state,
                SaveState::Pending | SaveState::Failed(_) | SaveState::Conflict { .. }
            )
        {
            self.save_state = SaveState::Conflict {
                stored_revision: head.revision,
                stored_at: head.saved_at,
            };
            self.timer = Some(Timer::Cancel);
        } else {
            self.open(&id);
            self.say(
                Tone::Info,
                format!(
                    "Laporan diperbarui dari tab lain (revisi {}).",
                    head.revision
                ),
            );
        }
    }

    /// Conflict: drop this tab's unsaved changes and load what the other tab saved.
    pub fn take_stored(&mut self) {
        if let Some(id) = self.report_id.clone() {
            self.timer = Some(Timer::Cancel);
            self.save_state = SaveState::Saved;
            self.open(&id);
            self.say(Tone::Info, "Versi yang disimpan tab lain dimuat.");
        }
    }

    /// Conflict: write this tab's state over the other tab's (which is kept as a backup).
    pub fn overwrite_stored(&mut self) {
        self.revision = None;
        self.save_state = SaveState::Pending;
        self.save_now();
        self.backups_changed();
        if self.save_state == SaveState::Saved {
            self.say(
                Tone::Info,
                "Versi tab ini disimpan; versi tab lain disimpan sebagai cadangan.",
            );
        }
    }

    /// Conflict: keep this tab's state as a separate report.
    pub fn keep_as_copy(&mut self) {
        if let Some(mut r) = self.report.clone() {
            r.instansi = format!("{} (versi tab ini)", r.instansi);
            self.save_state = SaveState::Saved;
            self.adopt(r);
            self.say(
                Tone::Info,
                "Versi tab ini disimpan sebagai laporan terpisah.",
            );
        }
    }

    // ---- export tracking ----------------------------------------------------------------

    /// Record that the open report was exported (after saving what is pending).
    pub fn note_export(&mut self) {
        self.flush();
        let (Some(id), Some(rev)) = (self.report_id.clone(), self.revision) else {
            return;
        };
        let now = self.clock.now_iso();
        if store::mark_exported(&mut self.store, &id, rev, &now).is_ok() {
            self.refresh_index();
            self.backups_changed();
        }
    }

    /// Saves since the last export of the open report (`None`: never exported), and
    /// whether anything is unsaved.
    pub fn unexported(&self) -> (Option<u64>, bool) {
        let pending = !matches!(self.save_state, SaveState::Saved);
        let since = self
            .report_id
            .as_deref()
            .and_then(|id| self.index.get(id))
            .and_then(|e| e.saves_since_export());
        (since, pending)
    }

    /// Whether closing the tab would leave changes that were never exported.
    pub fn has_unexported_changes(&self) -> bool {
        if self.report.is_none() {
            return false;
        }
        let pending = !matches!(self.save_state, SaveState::Saved);
        let entry = self.report_id.as_deref().and_then(|id| self.index.get(id));
        pending || entry.is_none_or(|e| e.has_unexported_changes())
    }

    // ---- one file to share --------------------------------------------------------------

    /// "Simpan sebagai file mandiri": a copy of `page` (this very page's source) with the
    /// open report inside, after saving what is pending: file name and text.
    pub fn standalone(&mut self, page: &str) -> Option<(String, String)> {
        self.flush();
        let m = self.identified_meta();
        self.report.as_ref().map(|r| {
            (
                format!("lakip-{}-{}.html", slug(&r.instansi), r.tahun),
                snapshot::embed_html(page, r, &m),
            )
        })
    }

    /// At start: a report embedded in this file (`text`) is opened directly when storage
    /// holds none; otherwise the user is asked (open it, compare, or keep theirs). Each
    /// embedded state is offered once.
    pub fn offer_embedded(&mut self, text: &str) {
        let imported = match snapshot::import_str(text) {
            Ok(i) => i,
            Err(e) => {
                self.say(
                    Tone::Error,
                    format!("Laporan yang dibawa berkas ini tidak dapat dibaca: {e}"),
                );
                return;
            }
        };
        let seen = embedded_seen_key(&imported.meta.report_id, imported.meta.revision);
        if self.store.available().is_ok() && self.store.get(&seen).ok().flatten().is_some() {
            return;
        }
        if self.index.entries.is_empty() {
            let _ = self.store.set(&seen, "dibuka");
            let r = imported.report;
            let text = format!(
                "Laporan yang dibawa berkas ini dibuka: {} {}.",
                r.instansi, r.tahun
            );
            self.adopt(r);
            self.say(Tone::Success, text);
            self.show = Some(Show::Budget);
        } else {
            let diff = self
                .report
                .as_ref()
                .map(|cur| diff::diff(cur, &imported.report));
            self.set_embedded_offer(Some(PendingImport {
                file_name: "berkas ini".into(),
                imported,
                diff,
            }));
        }
    }

    /// The user chose for the embedded report: `"buka"` opens it as a new report,
    /// `"bandingkan"` shows the import preview, anything else keeps theirs.
    pub fn embedded_choice(&mut self, choice: &str) {
        let Some(offer) = self.embedded_offer.clone() else {
            return;
        };
        self.set_embedded_offer(None);
        let _ = self.store.set(
            &embedded_seen_key(&offer.imported.meta.report_id, offer.imported.meta.revision),
            choice,
        );
        match choice {
            "buka" => {
                self.set_pending_import(Some(offer));
                self.import_as_new();
            }
            "bandingkan" => self.set_pending_import(Some(offer)),
            _ => self.say(
                Tone::Info,
                "Laporan Anda tetap dipakai; laporan dalam berkas ini diabaikan.",
            ),
        }
    }

    /// Whether persistent storage was never asked for in this browser (and remember that
    /// it now is).
    pub fn first_persistence_request(&mut self) -> bool {
        let first = self.store.available().is_ok()
            && self.store.get(PERSIST_ASKED_KEY).ok().flatten().is_none();
        if first {
            let now = self.clock.now_iso();
            let _ = self.store.set(PERSIST_ASKED_KEY, &now);
        }
        first
    }

    /// A stored value as it is (a corrupt value kept aside, a backup), to download.
    pub fn stored_value(&self, key: &str) -> Option<String> {
        self.store.get(key).ok().flatten()
    }
}
