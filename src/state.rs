//! The session: a thin adapter over the core's [`Workspace`], which holds the open report,
//! its computed figures, undo/redo, the save policy, imports, backups and the other tabs.
//! Every command calls the workspace and then publishes its new state into signals, so that
//! components re-render; components get a [`Session`] from context and call its methods.
//! The adapter owns what only a browser has: `localStorage` (the workspace's `KeyValue`),
//! the clock, the autosave timer, downloads and the page's own source.

use crate::web::{self, storage::LocalStore};
use lakip_core::calc::compute::Computed;
use lakip_core::model::edit::{Edit, Field, FieldValue, Node, ReportField};
use lakip_core::model::{Id, Period, Report};
pub use lakip_core::workspace::session::{Action, Notice, PendingImport, SaveState, Tone};
use lakip_core::workspace::session::{Clock, Show, Timer, Versions, Workspace};
use lakip_core::workspace::store::Index;
use leptos::prelude::*;
use std::time::Duration;

pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

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

/// The browser's clock and randomness.
struct WebClock;

impl Clock for WebClock {
    fn now_iso(&mut self) -> String {
        web::now_iso()
    }
    fn now_ms(&mut self) -> f64 {
        web::now_ms()
    }
    fn random_u64(&mut self) -> u64 {
        web::random_u64()
    }
}

type Ws = Workspace<LocalStore>;

/// A part of the workspace (the report, its figures) read in place, without a copy: `with`
/// subscribes the caller like a signal does, and the session notifies it after a command
/// changed that part.
pub struct Mirror<T: 'static> {
    ws: StoredValue<Ws, LocalStorage>,
    trigger: Trigger,
    get: fn(&Ws) -> &Option<T>,
}

impl<T> Clone for Mirror<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Mirror<T> {}

impl<T> Mirror<T> {
    /// Read it and re-run the caller when it changes.
    pub fn with<R>(&self, f: impl FnOnce(&Option<T>) -> R) -> R {
        self.trigger.track();
        self.with_untracked(f)
    }

    /// Read it without subscribing.
    pub fn with_untracked<R>(&self, f: impl FnOnce(&Option<T>) -> R) -> R {
        let get = self.get;
        let mut f = Some(f);
        let read = self
            .ws
            .try_with_value(|w| f.take().map(|f| f(get(w))))
            .flatten();
        match (read, f) {
            (Some(r), _) => r,
            // The workspace is gone (the app is being torn down): nothing is open.
            (None, Some(f)) => f(&None),
            (None, None) => unreachable!("read without a result"),
        }
    }

    pub fn track(&self) {
        self.trigger.track();
    }
}

#[derive(Clone, Copy)]
pub struct Session {
    ws: StoredValue<Ws, LocalStorage>,
    /// The open report.
    pub report: Mirror<Report>,
    /// Every figure of the open report, kept up to date by the workspace through
    /// `Computed::refresh` (only what an edit can change is recomputed).
    pub computed: Mirror<Computed>,
    pub report_id: RwSignal<Option<String>>,
    pub index: RwSignal<Index>,
    pub save_state: RwSignal<SaveState>,
    pub notice: RwSignal<Option<Notice>>,
    pub page: RwSignal<Page>,
    /// Lengths of the undo and redo stacks, for the buttons.
    pub history: RwSignal<(usize, usize)>,
    /// A file read for import, waiting for the user's choice (preview).
    pub pending_import: RwSignal<Option<PendingImport>>,
    /// A report embedded in this very file, offered when storage already holds others.
    pub embedded_offer: RwSignal<Option<PendingImport>>,
    /// Whether the browser promised to keep our storage (`navigator.storage.persisted()`).
    pub persisted: RwSignal<Option<bool>>,
    /// Bumped whenever backups may have changed, so that their list reloads.
    pub backups_tick: RwSignal<u64>,
    /// The workspace's versions last published.
    seen: StoredValue<Versions>,
    save_timer: StoredValue<Option<TimeoutHandle>>,
}

mod sharing;

thread_local! {
    static CURRENT: std::cell::Cell<Option<Session>> = const { std::cell::Cell::new(None) };
}

/// The running session, for the test hooks exported to JavaScript.
pub fn current() -> Option<Session> {
    CURRENT.with(|c| c.get())
}

fn set_if_changed<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
    if signal.with_untracked(|v| v != &value) {
        signal.set(value);
    }
}

impl Default for Session {
    fn default() -> Session {
        Session::new()
    }
}

impl Session {
    /// Open the workspace over `localStorage` (the last report opens), then offer the report
    /// embedded in this file, if any, and ask the browser to keep our storage.
    pub fn new() -> Session {
        let ws = StoredValue::new_local(Workspace::new(
            LocalStore::open(),
            Box::new(WebClock),
            APP_VERSION,
        ));
        let s = Session {
            ws,
            report: Mirror {
                ws,
                trigger: Trigger::new(),
                get: Ws::report_slot,
            },
            computed: Mirror {
                ws,
                trigger: Trigger::new(),
                get: Ws::computed_slot,
            },
            report_id: RwSignal::new(None),
            index: RwSignal::new(Index::default()),
            save_state: RwSignal::new(SaveState::Saved),
            notice: RwSignal::new(None),
            page: RwSignal::new(Page::Home),
            history: RwSignal::new((0, 0)),
            pending_import: RwSignal::new(None),
            embedded_offer: RwSignal::new(None),
            persisted: RwSignal::new(None),
            backups_tick: RwSignal::new(0),
            seen: StoredValue::new(Versions::default()),
            save_timer: StoredValue::new(None),
        };
        CURRENT.with(|c| c.set(Some(s)));
        s.publish_all();
        s.offer_embedded();
        s.ask_persistence();
        s
    }

    /// Run a command on the workspace, then publish what it changed.
    fn run<R>(&self, f: impl FnOnce(&mut Ws) -> R) -> Option<R> {
        let r = self.ws.try_update_value(f);
        self.publish();
        r
    }

    /// Read the workspace.
    fn read<R>(&self, f: impl FnOnce(&Ws) -> R) -> Option<R> {
        self.ws.try_with_value(f)
    }

    fn publish_all(&self) {
        self.seen.set_value(Versions {
            report: u64::MAX,
            notice: u64::MAX,
            offers: u64::MAX,
            backups: u64::MAX,
        });
        self.publish();
    }

    /// Copy the workspace's state into the signals (only what changed), and follow its
    /// requests: the autosave timer, the page to show.
    fn publish(&self) {
        let Some((timer, show, v)) = self
            .ws
            .try_update_value(|w| (w.take_timer(), w.take_show(), w.versions()))
        else {
            return;
        };
        let seen = self.seen.get_value();
        self.seen.set_value(v);
        let small = self.read(|w| {
            (
                w.report_id().map(str::to_string),
                w.index().clone(),
                w.save_state().clone(),
                w.history(),
            )
        });
        if let Some((report_id, index, save_state, history)) = small {
            set_if_changed(self.report_id, report_id);
            set_if_changed(self.index, index);
            set_if_changed(self.save_state, save_state);
            set_if_changed(self.history, history);
        }
        if v.report != seen.report {
            self.report.trigger.notify();
            self.computed.trigger.notify();
        }
        if v.notice != seen.notice {
            self.notice
                .set(self.read(|w| w.notice().cloned()).flatten());
        }
        if v.offers != seen.offers {
            let (p, e) = self
                .read(|w| (w.pending_import().cloned(), w.embedded_offer().cloned()))
                .unwrap_or_default();
            self.pending_import.set(p);
            self.embedded_offer.set(e);
        }
        if v.backups != seen.backups {
            self.backups_tick.set(v.backups);
        }
        match show {
            Some(Show::Budget) => self.page.set(Page::Budget),
            Some(Show::Home) => self.page.set(Page::Home),
            None => {}
        }
        match timer {
            Some(Timer::Cancel) => self.clear_timer(),
            Some(Timer::Restart(ms)) => {
                self.clear_timer();
                let me = *self;
                let handle =
                    set_timeout_with_handle(move || me.save_now(), Duration::from_millis(ms)).ok();
                self.save_timer.set_value(handle);
            }
            None => {}
        }
    }

    fn clear_timer(&self) {
        if let Some(h) = self.save_timer.try_update_value(|t| t.take()).flatten() {
            h.clear();
        }
    }

    /// Decimals shown for percentages (a report setting; computation is always exact).
    pub fn decimals(&self) -> u32 {
        self.report.track();
        self.read(|w| w.decimals()).unwrap_or(2)
    }

    /// Show a notice (from a component).
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
        self.run(|w| w.open(id));
    }

    /// Make `report` a new stored report and open it.
    pub fn adopt(&self, report: Report) {
        self.run(|w| w.adopt(report));
    }

    pub fn new_report(&self, instansi: String, tahun: i32, renstra: Period) {
        self.run(|w| w.new_report(instansi, tahun, renstra));
    }

    /// A new report for the next year from the open one: structure, targets and pagu
    /// carried over, realisations emptied, this year's kept as history.
    pub fn start_next_year(&self) {
        self.run(|w| w.start_next_year());
    }

    /// A copy of a stored report, opened.
    pub fn duplicate(&self, id: &str) {
        self.run(|w| w.duplicate(id));
    }

    pub fn load_example(&self) {
        self.run(|w| w.load_example());
    }

    /// Apply a change; on success it can be undone and is saved shortly.
    pub fn apply(&self, edit: Edit) -> Result<(), String> {
        let t0 = web::now_ms();
        let result = self
            .run(|w| w.apply(edit))
            .unwrap_or_else(|| Err("laporan tidak tersedia".into()));
        if result.is_ok() {
            web::console_timing(&format!("apply+refresh {:.1} ms", web::now_ms() - t0));
        }
        result
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
        lakip_core::model::edit::new_id(prefix, web::random_u64())
    }

    /// Insert a new item; the user is told if it cannot be done.
    pub fn insert(&self, parent: Option<Id>, index: usize, node: Node) {
        self.run(|w| w.insert(parent, index, node));
    }

    /// Move an item among its siblings.
    pub fn move_to(&self, id: &Id, to: usize) {
        self.run(|w| w.move_to(id, to));
    }

    /// Remove an item (after the user confirmed); it can be undone.
    pub fn remove(&self, id: &Id, what: &str) {
        self.run(|w| w.remove(id, what));
    }

    pub fn undo(&self) {
        self.run(|w| w.undo());
    }

    pub fn redo(&self) {
        self.run(|w| w.redo());
    }

    /// Hold autosaves, or release them (and save what is pending).
    pub fn hold_saves(&self, hold: bool) {
        self.run(|w| w.hold_saves(hold));
    }

    /// Save now if a save is pending (tab hidden, page closing, another report opened).
    pub fn flush(&self) {
        self.run(|w| w.flush());
    }

    pub fn save_now(&self) {
        self.run(|w| w.save_now());
    }

    /// The open report as snapshot JSON (for export), pretty for people.
    pub fn export_json(&self) -> Option<(String, String)> {
        self.run(|w| w.export_json()).flatten()
    }

    pub fn delete(&self, id: &str) {
        self.run(|w| w.delete(id));
    }
}

/// File-name-safe form of a text.
pub fn slug(s: &str) -> String {
    lakip_core::workspace::session::slug(s)
}
