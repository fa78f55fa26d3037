//! Keeping reports in a key-value store (the browser's local storage), without the browser:
//! the key layout under one namespace, the compact encoding, revisions that stop one tab
//! from overwriting another's newer state, a ring of backups, and typed errors. The web app
//! supplies a [`KeyValue`] over `window.localStorage`; tests supply one in memory that can be
//! full or blocked.
//!
//! Every `file://` page of a browser profile shares one local storage of about 5 million
//! characters, so everything of ours lives under [`PREFIX`], large reports are stored
//! deflated and packed 15 bits per character, backups are thinned before the budget runs
//! out, and every error is a value, never a panic.
//!
//! # Keys
//! | key | value |
//! |---|---|
//! | `kalkulator-lakip/indeks` | the list of stored reports ([`Index`]) |
//! | `kalkulator-lakip/laporan/<id>` | a report: snapshot JSON, packed when large ([`crate::exchange::snapshot::encode`]) |
//! | `kalkulator-lakip/cadangan/<id>/<waktu>/<revisi>/<alasan>` | a backup: a copy of an earlier stored value |
//! | `kalkulator-lakip/rusak/<waktu>/<id>` | an unreadable value, kept aside to be downloaded |
//!
//! # Rules
//! - **Revisions.** Every save writes revision *n + 1*. [`save_report`] takes the revision
//!   the tab last loaded or saved and refuses ([`StoreError::Conflict`]) when storage holds a
//!   newer one: another tab saved meanwhile. The app then asks the user (load the stored
//!   state, or overwrite it by saving with `expected: None`).
//! - **Backups.** Before a save overwrites a state, that state is copied into the ring when
//!   the newest backup is at least [`MIN_BACKUP_GAP_SECS`] older. Before an import, a
//!   restore, a merge, a deletion, an overwrite of another tab's save, and at an export a
//!   copy is always made
//!   ([`BackupReason`]). The ring keeps the [`RING_RECENT`] newest, the newest of each day for the
//!   [`RING_DAYS`] most recent days that have backups, and the newest of every reason other than
//!   [`BackupReason::Auto`].
//! - **Budget.** A backup is only written while the whole store stays under
//!   [`BACKUP_CEILING`]; older backups (of any report) are removed first to make room. When
//!   a report itself does not fit, backups are removed oldest first until it does.
//!   [`Usage::warning`] speaks from [`WARN_AT`] on.
//! - **Nothing is lost on failure.** A failed write leaves the previous value in place; an
//!   import or restore checks everything before it changes anything.

use crate::exchange::snapshot::{
    self, decode, encode_with_head, peek, Head, ImportError, Imported, Meta, Summary,
};
use crate::model::Report;
use serde_json::{json, Value as J};
use std::fmt;

/// Namespace of every key we write.
pub const PREFIX: &str = "kalkulator-lakip/";
/// The list of stored reports and which one is open.
pub const INDEX_KEY: &str = "kalkulator-lakip/indeks";
/// Reports are stored under `kalkulator-lakip/laporan/<id>`.
pub const REPORT_PREFIX: &str = "kalkulator-lakip/laporan/";
/// Values that could not be read are moved under `kalkulator-lakip/rusak/<time>`.
pub const CORRUPT_PREFIX: &str = "kalkulator-lakip/rusak/";
/// Backups: `kalkulator-lakip/cadangan/<id>/<time>/<revision>/<reason>`.
pub const BACKUP_PREFIX: &str = "kalkulator-lakip/cadangan/";
/// What browsers give all `file://` pages of a profile together, in characters (measured
/// in Chromium and Firefox).
pub const BUDGET_CHARS: usize = 5_000_000;
/// From this many characters in use the app warns (80 % of the budget).
pub const WARN_AT: usize = 4_000_000;
/// Backups are only written while the store stays under this (75 % of the budget): the rest
/// is room for the reports to grow.
pub const BACKUP_CEILING: usize = 3_750_000;
/// The ring keeps this many newest backups of a report…
pub const RING_RECENT: usize = 10;
/// …plus the newest backup of each day, for this many most recent days that have backups.
pub const RING_DAYS: usize = 7;
/// Automatic backups are at least this far apart.
pub const MIN_BACKUP_GAP_SECS: i64 = 5 * 60;

/// What can go wrong with the store. `Display` explains it in Indonesian.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// Storage is switched off or forbidden (`SecurityError`, private mode, policy).
    Blocked(String),
    /// Storage is full (`QuotaExceededError`, `NS_ERROR_DOM_QUOTA_REACHED`).
    Full,
    /// Storage holds a newer revision of the report than the one this tab started from:
    /// another tab (or window) saved it meanwhile. Nothing was written.
    Conflict {
        /// The revision in storage.
        stored_revision: u64,
        /// The revision this tab last loaded or saved.
        expected: u64,
        /// When the stored revision was saved (ISO time; may be empty).
        stored_at: String,
    },
    /// The report breaks a rule of the snapshot format (a text too long, a duplicate id,
    /// a broken link): stored, it could not be read back, so it is not stored. The report
    /// stays in memory; the problems say what to fix.
    Invalid(Vec<snapshot::Problem>),
    Other(String),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Blocked(d) => write!(
                f,
                "Penyimpanan browser diblokir ({d}). Laporan tetap ada di memori selama halaman ini terbuka; ekspor JSON untuk menyimpannya."
            ),
            StoreError::Full => write!(
                f,
                "Penyimpanan browser penuh: perubahan terakhir belum tersimpan. Laporan tetap ada di memori; ekspor JSON, lalu hapus laporan atau cadangan yang tidak diperlukan."
            ),
            StoreError::Conflict { stored_revision, expected, stored_at } => {
                write!(
                    f,
                    "Laporan ini sudah disimpan dari tab atau jendela lain (revisi {stored_revision}"
                )?;
                if !stored_at.is_empty() {
                    write!(f, ", {stored_at}")?;
                }
                write!(
                    f,
                    "; tab ini mulai dari revisi {expected}). Perubahan di tab ini belum disimpan agar versi yang lebih baru tidak tertimpa. Pilih: muat versi tersimpan, atau timpa dengan versi tab ini (versi tersimpan disalin dulu ke cadangan)."
                )
            }
            StoreError::Invalid(problems) => {
                write!(f, "Laporan belum disimpan karena ada isian yang melanggar aturan format ({} masalah): ", problems.len())?;
                for (i, p) in problems.iter().take(5).enumerate() {
                    if i > 0 {
                        f.write_str("; ")?;
                    }
                    write!(f, "{p}")?;
                }
                if problems.len() > 5 {
                    write!(f, "; dan {} lainnya", problems.len() - 5)?;
                }
                write!(f, ". Perbaiki isian itu; laporan tetap ada di memori.")
            }
            StoreError::Other(d) => write!(f, "Penyimpanan browser gagal: {d}"),
        }
    }
}

impl std::error::Error for StoreError {}

/// A key-value store of strings.
pub trait KeyValue {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
    fn remove(&mut self, key: &str) -> Result<(), StoreError>;
    fn keys(&self) -> Result<Vec<String>, StoreError>;
}

/// Characters used in the whole store (every page's keys and values), by our keys, and by
/// our backups.
pub fn usage(kv: &dyn KeyValue) -> Result<Usage, StoreError> {
    let mut u = Usage::default();
    for k in kv.keys()? {
        let n = k.chars().count() + kv.get(&k)?.map(|v| v.chars().count()).unwrap_or(0);
        u.total += n;
        if k.starts_with(PREFIX) {
            u.ours += n;
        }
        if k.starts_with(BACKUP_PREFIX) {
            u.backups += n;
        }
    }
    Ok(u)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Usage {
    pub total: usize,
    pub ours: usize,
    /// Part of `ours` taken by backups (which are thinned when room is needed).
    pub backups: usize,
}

impl Usage {
    /// Share of [`BUDGET_CHARS`] used, in whole percent.
    pub fn percent(&self) -> usize {
        self.total * 100 / BUDGET_CHARS
    }

    /// The early warning, from [`WARN_AT`] characters on.
    pub fn warning(&self) -> Option<String> {
        if self.total < WARN_AT {
            return None;
        }
        Some(format!(
            "Penyimpanan browser hampir penuh: {} dari sekitar {} karakter terpakai ({}%; cadangan {}). Ekspor JSON laporan Anda, lalu hapus laporan yang tidak diperlukan.",
            crate::num::format_amount(self.total.into()),
            crate::num::format_amount(BUDGET_CHARS.into()),
            self.percent(),
            crate::num::format_amount(self.backups.into()),
        ))
    }
}

// ---------------------------------------------------------------------------------------
// The index and the reports.

/// One line of the list of stored reports.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Entry {
    /// The storage id (`kalkulator-lakip/laporan/<id>`).
    pub id: String,
    pub instansi: String,
    pub tahun: i32,
    /// ISO time of the last save.
    pub saved_at: String,
    /// Characters the stored report takes.
    pub chars: usize,
    /// The report's identity across copies (`id_laporan`).
    pub report_id: String,
    /// Revision of the last save.
    pub revision: u64,
    /// Revision and time of the last export ("Ekspor JSON", file mandiri), if any.
    pub exported_revision: Option<u64>,
    pub exported_at: Option<String>,
}

impl Entry {
    /// Saves since the last export: `None` when never exported, `Some(0)` when the export
    /// is up to date. The app shows "ada perubahan yang belum diekspor" for anything else
    /// and asks before the tab is closed.
    pub fn saves_since_export(&self) -> Option<u64> {
        self.exported_revision
            .map(|e| self.revision.saturating_sub(e))
    }

    /// Whether the stored report has changes no export holds.
    pub fn has_unexported_changes(&self) -> bool {
        self.saves_since_export() != Some(0)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Index {
    pub entries: Vec<Entry>,
    /// The report that was open last.
    pub active: Option<String>,
}

impl Index {
    fn to_json(&self) -> String {
        json!({
            "versi": 1,
            "aktif": self.active,
            "laporan": self.entries.iter().map(|e| json!({
                "id": e.id, "instansi": e.instansi, "tahun": e.tahun,
                "disimpan": e.saved_at, "karakter": e.chars,
                "id_laporan": e.report_id, "revisi": e.revision,
                "ekspor_revisi": e.exported_revision, "ekspor_waktu": e.exported_at,
            })).collect::<Vec<_>>(),
        })
        .to_string()
    }

    fn from_json(text: &str) -> Option<Index> {
        let j: J = serde_json::from_str(text).ok()?;
        let entries = j
            .get("laporan")?
            .as_array()?
            .iter()
            .filter_map(|e| {
                Some(Entry {
                    id: e.get("id")?.as_str()?.to_string(),
                    instansi: e.get("instansi")?.as_str()?.to_string(),
                    tahun: i32::try_from(e.get("tahun")?.as_i64()?).ok()?,
                    saved_at: e
                        .get("disimpan")
                        .and_then(J::as_str)
                        .unwrap_or("")
                        .to_string(),
                    chars: e.get("karakter").and_then(J::as_u64).unwrap_or(0) as usize,
                    report_id: e
                        .get("id_laporan")
                        .and_then(J::as_str)
                        .unwrap_or("")
                        .to_string(),
                    revision: e.get("revisi").and_then(J::as_u64).unwrap_or(0),
                    exported_revision: e.get("ekspor_revisi").and_then(J::as_u64),
                    exported_at: e
                        .get("ekspor_waktu")
                        .and_then(J::as_str)
                        .map(str::to_string),
                })
            })
            .collect();
        let active = j.get("aktif").and_then(J::as_str).map(str::to_string);
        Some(Index { entries, active })
    }

    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }
}

/// Why a stored report could not be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    Store(StoreError),
    Missing,
    /// The stored value is unreadable; it was kept aside under `kept_as`.
    Corrupt {
        error: ImportError,
        kept_as: Option<String>,
    },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Store(e) => e.fmt(f),
            LoadError::Missing => write!(f, "Laporan tidak ditemukan di penyimpanan browser."),
            LoadError::Corrupt { error, kept_as } => {
                write!(f, "Laporan tersimpan tidak dapat dibaca: {error}")?;
                if kept_as.is_some() {
                    write!(
                        f,
                        " Data aslinya disisihkan (tidak dihapus) dan dapat diunduh."
                    )?;
                }
                Ok(())
            }
        }
    }
}

impl From<StoreError> for LoadError {
    fn from(e: StoreError) -> Self {
        LoadError::Store(e)
    }
}

pub fn report_key(id: &str) -> String {
    format!("{REPORT_PREFIX}{id}")
}

/// Read the index; rebuild it from the stored reports when it is missing or unreadable.
pub fn read_index(kv: &dyn KeyValue) -> Result<Index, StoreError> {
    if let Some(text) = kv.get(INDEX_KEY)? {
        if let Some(index) = Index::from_json(&text) {
            return Ok(index);
        }
    }
    let mut index = Index::default();
    let mut keys: Vec<String> = kv
        .keys()?
        .into_iter()
        .filter(|k| k.starts_with(REPORT_PREFIX))
        .collect();
    keys.sort();
    for key in keys {
        let id = key[REPORT_PREFIX.len()..].to_string();
        let Some(value) = kv.get(&key)? else { continue };
        let mut entry = Entry {
            id,
            instansi: "(tidak terbaca)".into(),
            chars: value.chars().count(),
            ..Default::default()
        };
        if let Ok(head) = peek(&value) {
            entry.instansi = head.summary.instansi;
            entry.tahun = head.summary.tahun;
            entry.saved_at = head.saved_at;
            entry.report_id = head.report_id;
            entry.revision = head.revision;
        }
        index.entries.push(entry);
    }
    Ok(index)
}

pub fn write_index(kv: &mut dyn KeyValue, index: &Index) -> Result<(), StoreError> {
    kv.set(INDEX_KEY, &index.to_json())
}

/// Record a save in the index (best effort: the index is rebuilt from the reports when
/// lost, and a failed index write must not turn a successful save into an error).
fn note_in_index(kv: &mut dyn KeyValue, mut entry: Entry) -> Entry {
    if let Ok(mut index) = read_index(kv) {
        match index.entries.iter_mut().find(|e| e.id == entry.id) {
            Some(e) => {
                entry.exported_revision = e.exported_revision;
                entry.exported_at = e.exported_at.clone();
                *e = entry.clone();
            }
            None => index.entries.push(entry.clone()),
        }
        index.active = Some(entry.id.clone());
        let _ = write_index(kv, &index);
    }
    entry
}

/// What storage holds for a report, read cheaply (the head of a packed value): its
/// revision, identity, save time and summary. `Ok(None)` when nothing is stored; an
/// unreadable value reads as revision 0. For the `storage` event: is the stored state newer
/// than this tab's?
pub fn stored_head(kv: &dyn KeyValue, id: &str) -> Result<Option<Head>, StoreError> {
    Ok(kv
        .get(&report_key(id))?
        .map(|v| peek(&v).unwrap_or_default()))
}

/// The revision storage holds for a report (`None`: nothing stored).
pub fn stored_revision(kv: &dyn KeyValue, id: &str) -> Result<Option<u64>, StoreError> {
    Ok(stored_head(kv, id)?.map(|h| h.revision))
}

/// A report opened from storage, with its envelope (the revision to pass to the next
/// [`save_report`] is `meta.revision`).
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub report: Report,
    pub meta: Meta,
    /// Stored by an older version of the app in an older snapshot version.
    pub migrated_from: Option<u32>,
}

/// Save a report under `id` and record it in the index; return its index line (with the
/// new revision).
///
/// `expected` is the revision this tab last loaded or saved: when storage holds a newer
/// one, nothing is written and the error is [`StoreError::Conflict`]. `None` writes
/// regardless (a new report, or the user chose to overwrite).
///
/// From `meta` the save takes `app_version`, `exported_at` (the save time), `report_id`
/// (empty: keep the stored one, or use `id`) and `basis`; the revision written is one more
/// than the largest of the stored revision, `expected` and `meta.revision`.
///
/// The state being overwritten goes into the backup ring (see the module documentation).
/// A report the snapshot reader would refuse (see [`snapshot::check_report`]) is not
/// written: [`StoreError::Invalid`]. On error nothing already stored is lost: the old value
/// stays until the new one is written in full.
pub fn save_report(
    kv: &mut dyn KeyValue,
    id: &str,
    report: &Report,
    meta: &Meta,
    expected: Option<u64>,
) -> Result<Entry, StoreError> {
    let key = report_key(id);
    let current = kv.get(&key)?;
    let head = current.as_deref().map(|v| peek(v).map_err(|_| ()));
    let stored_revision = match &head {
        Some(Ok(h)) => h.revision,
        _ => 0,
    };
    if let (Some(Ok(h)), Some(exp)) = (&head, expected) {
        if h.revision > exp {
            return Err(StoreError::Conflict {
                stored_revision: h.revision,
                expected: exp,
                stored_at: h.saved_at.clone(),
            });
        }
    }
    let mut meta = meta.clone();
    meta.revision = stored_revision
        .max(expected.unwrap_or(0))
        .max(meta.revision)
        + 1;
    if meta.report_id.is_empty() {
        meta.report_id = match &head {
            Some(Ok(h)) if !h.report_id.is_empty() => h.report_id.clone(),
            _ => safe_report_id(id),
        };
    }
    let mut problems = snapshot::check_meta(&meta);
    problems.extend(snapshot::check_report(report));
    if !problems.is_empty() {
        return Err(StoreError::Invalid(problems));
    }
    let new_head = Head::of(report, &meta);
    let stored = encode_with_head(&snapshot::export(report, &meta), &new_head);

    match (&current, &head) {
        (Some(old), Some(Ok(old_head))) if expected != Some(old_head.revision) => {
            // Not the state this tab started from (the user chose to overwrite another
            // tab's save): always kept.
            let _ = write_backup(
                kv,
                id,
                old,
                old_head,
                BackupReason::Overwritten,
                &meta.exported_at,
                true,
            );
        }
        (Some(old), Some(Ok(old_head))) => {
            let _ = auto_backup(kv, id, old, old_head, &meta.exported_at);
        }
        (Some(old), Some(Err(()))) => {
            // Never overwrite what could not be read without keeping it aside first.
            let aside = format!(
                "{CORRUPT_PREFIX}{}/{id}",
                meta.exported_at.replace(':', "-")
            );
            if kv.get(&aside)?.is_none() {
                let _ = kv.set(&aside, old);
            }
        }
        _ => {}
    }
    set_making_room(kv, &key, &stored)?;
    Ok(note_in_index(
        kv,
        Entry {
            id: id.to_string(),
            instansi: report.instansi.clone(),
            tahun: report.tahun,
            saved_at: meta.exported_at.clone(),
            chars: stored.chars().count(),
            report_id: meta.report_id.clone(),
            revision: meta.revision,
            exported_revision: None,
            exported_at: None,
        },
    ))
}

/// A storage id made fit for `id_laporan` (ASCII letters, digits, `-_.`).
fn safe_report_id(id: &str) -> String {
    let s: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .take(snapshot::MAX_ID)
        .collect();
    s
}

/// Write a value; when storage is full, remove backups (oldest first) and try again.
fn set_making_room(kv: &mut dyn KeyValue, key: &str, value: &str) -> Result<(), StoreError> {
    loop {
        match kv.set(key, value) {
            Err(StoreError::Full) => {
                let victims = thinning_order(kv, None)?;
                match victims.first() {
                    Some(victim) => kv.remove(&victim.key)?,
                    None => return Err(StoreError::Full),
                }
            }
            other => return other,
        }
    }
}

/// Open a stored report. An unreadable value is copied aside (under [`CORRUPT_PREFIX`]) so
/// that it can be downloaded, and never deleted.
pub fn load(kv: &mut dyn KeyValue, id: &str, now: &str) -> Result<Loaded, LoadError> {
    let key = report_key(id);
    let value = kv.get(&key)?.ok_or(LoadError::Missing)?;
    match decode(&value).and_then(|json| snapshot::import_str(&json)) {
        Ok(Imported {
            report,
            meta,
            migrated_from,
        }) => Ok(Loaded {
            report,
            meta,
            migrated_from,
        }),
        Err(error) => {
            let aside = format!("{CORRUPT_PREFIX}{now}/{id}");
            let kept_as = match kv.get(&aside)? {
                Some(_) => Some(aside),
                None => kv.set(&aside, &value).ok().map(|_| aside),
            };
            Err(LoadError::Corrupt { error, kept_as })
        }
    }
}

/// Open a stored report (the report alone; see [`load`] for its revision).
pub fn load_report(kv: &mut dyn KeyValue, id: &str, now: &str) -> Result<Report, LoadError> {
    load(kv, id, now).map(|l| l.report)
}

/// Remove a report and its index line. Its last state stays in the backup ring (as a
/// [`BackupReason::BeforeDelete`] backup, when it fits), so a deletion can be undone from
/// [`list_all_backups`].
pub fn delete_report(kv: &mut dyn KeyValue, id: &str) -> Result<(), StoreError> {
    if let Some(value) = kv.get(&report_key(id))? {
        if let Ok(head) = peek(&value) {
            let when = head.saved_at.clone();
            let _ = write_backup(
                kv,
                id,
                &value,
                &head,
                BackupReason::BeforeDelete,
                &when,
                false,
            );
        }
    }
    kv.remove(&report_key(id))?;
    let mut index = read_index(kv)?;
    index.entries.retain(|e| e.id != id);
    if index.active.as_deref() == Some(id) {
        index.active = None;
    }
    write_index(kv, &index)
}

/// Remove every backup of a report for good (the second confirmation of a deletion: the
/// report itself is already gone). Returns how many were removed.
pub fn purge_backups(kv: &mut dyn KeyValue, id: &str) -> Result<usize, StoreError> {
    let keys = backup_keys(kv, Some(id))?;
    for b in &keys {
        kv.remove(&b.key)?;
    }
    Ok(keys.len())
}

/// Storage ids of reports that were deleted but still have backups.
pub fn deleted_reports(kv: &dyn KeyValue) -> Result<Vec<Backup>, StoreError> {
    let index = read_index(kv)?;
    let mut seen = std::collections::HashSet::new();
    Ok(list_all_backups(kv)?
        .into_iter()
        .filter(|b| index.get(&b.id).is_none() && seen.insert(b.id.clone()))
        .collect())
}

/// Record that the report was exported at `revision` (what [`Entry::saves_since_export`]
/// counts from), and keep the exported state as a backup so that "changes since the last
/// export" can be shown as a diff ([`exported_state`]).
pub fn mark_exported(
    kv: &mut dyn KeyValue,
    id: &str,
    revision: u64,
    when: &str,
) -> Result<(), StoreError> {
    if let Some(value) = kv.get(&report_key(id))? {
        if let Ok(head) = peek(&value) {
            if head.revision == revision {
                let _ = write_backup(kv, id, &value, &head, BackupReason::Export, when, false);
            }
        }
    }
    let mut index = read_index(kv)?;
    if let Some(e) = index.entries.iter_mut().find(|e| e.id == id) {
        e.exported_revision = Some(revision);
        e.exported_at = Some(when.to_string());
        write_index(kv, &index)?;
    }
    Ok(())
}

/// The state of the last export, when its backup is still in the ring: diff it with the
/// current report ([`crate::workspace::diff::diff`]) to show the changes since the last export.
pub fn exported_state(kv: &dyn KeyValue, id: &str) -> Result<Option<Imported>, StoreError> {
    let index = read_index(kv)?;
    let Some(rev) = index.get(id).and_then(|e| e.exported_revision) else {
        return Ok(None);
    };
    let found = backup_keys(kv, Some(id))?
        .into_iter()
        .find(|b| b.revision == rev);
    match found {
        Some(b) => Ok(kv.get(&b.key)?.and_then(|v| snapshot::import_str(&v).ok())),
        None => Ok(None),
    }
}

// ---------------------------------------------------------------------------------------
// Backups.

/// Why a backup was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BackupReason {
    /// The ring: the state a save overwrote.
    Auto,
    /// The state before an import replaced the report.
    BeforeImport,
    /// The state before a backup was restored over it.
    BeforeRestore,
    /// The state before a merge.
    BeforeMerge,
    /// The last state of a deleted report.
    BeforeDelete,
    /// The state exported last.
    Export,
    /// A state saved by another tab, overwritten after the user chose so.
    Overwritten,
    /// Asked for by the user.
    Manual,
}

impl BackupReason {
    const ALL: [BackupReason; 8] = [
        BackupReason::Auto,
        BackupReason::BeforeImport,
        BackupReason::BeforeRestore,
        BackupReason::BeforeMerge,
        BackupReason::BeforeDelete,
        BackupReason::Export,
        BackupReason::Overwritten,
        BackupReason::Manual,
    ];

    /// The word in the key.
    pub fn code(self) -> &'static str {
        match self {
            BackupReason::Auto => "otomatis",
            BackupReason::BeforeImport => "impor",
            BackupReason::BeforeRestore => "pemulihan",
            BackupReason::BeforeMerge => "gabung",
            BackupReason::BeforeDelete => "hapus",
            BackupReason::Export => "ekspor",
            BackupReason::Overwritten => "ditimpa",
            BackupReason::Manual => "manual",
        }
    }

    /// For the list of backups.
    pub fn label(self) -> &'static str {
        match self {
            BackupReason::Auto => "Otomatis",
            BackupReason::BeforeImport => "Sebelum impor",
            BackupReason::BeforeRestore => "Sebelum pemulihan",
            BackupReason::BeforeMerge => "Sebelum penggabungan",
            BackupReason::BeforeDelete => "Sebelum dihapus",
            BackupReason::Export => "Saat ekspor terakhir",
            BackupReason::Overwritten => "Versi tab lain yang ditimpa",
            BackupReason::Manual => "Manual",
        }
    }

    fn from_code(code: &str) -> Option<BackupReason> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// A backup as listed: from its key alone.
#[derive(Clone, Debug, PartialEq, Eq)]
struct BackupKey {
    key: String,
    id: String,
    time: String,
    revision: u64,
    reason: BackupReason,
}

fn backup_prefix(id: &str) -> String {
    format!("{BACKUP_PREFIX}{id}/")
}

/// `kalkulator-lakip/cadangan/<id>/<time>/<revision>/<reason>`.
fn backup_key(id: &str, time: &str, revision: u64, reason: BackupReason) -> String {
    let time: String = time.chars().filter(|c| *c != '/').take(40).collect();
    format!("{}{time}/{revision}/{}", backup_prefix(id), reason.code())
}

fn parse_backup_key(key: &str) -> Option<BackupKey> {
    let rest = key.strip_prefix(BACKUP_PREFIX)?;
    let mut parts = rest.rsplitn(3, '/');
    let reason = BackupReason::from_code(parts.next()?)?;
    let revision = parts.next()?.parse().ok()?;
    let (id, time) = parts.next()?.rsplit_once('/')?;
    Some(BackupKey {
        key: key.to_string(),
        id: id.to_string(),
        time: time.to_string(),
        revision,
        reason,
    })
}

/// Backups (of one report, or all), newest first.
fn backup_keys(kv: &dyn KeyValue, id: Option<&str>) -> Result<Vec<BackupKey>, StoreError> {
    let mut out: Vec<BackupKey> = kv
        .keys()?
        .iter()
        .filter_map(|k| parse_backup_key(k))
        .filter(|b| id.is_none_or(|id| b.id == id))
        .collect();
    out.sort_by(|a, b| {
        let ta = parse_time(&a.time).map(|t| t.0);
        let tb = parse_time(&b.time).map(|t| t.0);
        tb.cmp(&ta)
            .then(b.revision.cmp(&a.revision))
            .then(b.key.cmp(&a.key))
    });
    Ok(out)
}

/// One backup, for the list "Cadangan".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Backup {
    /// Pass to [`restore_backup`].
    pub key: String,
    /// The storage id of the report it belongs to.
    pub id: String,
    /// When the saved state was saved (ISO time).
    pub time: String,
    pub revision: u64,
    pub reason: BackupReason,
    /// Characters it takes.
    pub chars: usize,
    /// What it holds; `None` when it cannot be read.
    pub summary: Option<Summary>,
}

fn describe(kv: &dyn KeyValue, b: BackupKey) -> Result<Option<Backup>, StoreError> {
    let Some(value) = kv.get(&b.key)? else {
        return Ok(None);
    };
    Ok(Some(Backup {
        chars: b.key.chars().count() + value.chars().count(),
        summary: peek(&value).ok().map(|h| h.summary),
        key: b.key,
        id: b.id,
        time: b.time,
        revision: b.revision,
        reason: b.reason,
    }))
}

/// The backups of a report, newest first, with time and summary.
pub fn list_backups(kv: &dyn KeyValue, id: &str) -> Result<Vec<Backup>, StoreError> {
    backup_keys(kv, Some(id))?
        .into_iter()
        .filter_map(|b| describe(kv, b).transpose())
        .collect()
}

/// Every backup of every report, deleted ones too, newest first.
pub fn list_all_backups(kv: &dyn KeyValue) -> Result<Vec<Backup>, StoreError> {
    backup_keys(kv, None)?
        .into_iter()
        .filter_map(|b| describe(kv, b).transpose())
        .collect()
}

/// Copy the stored state of a report into the ring now, for `reason`; `now` is used when
/// the stored state has no save time. Returns the backup's key (`None`: nothing stored).
/// Fails with [`StoreError::Full`] when the copy cannot be kept even after thinning: an
/// import or a merge should then not go ahead.
pub fn backup_now(
    kv: &mut dyn KeyValue,
    id: &str,
    reason: BackupReason,
    now: &str,
) -> Result<Option<String>, StoreError> {
    let Some(value) = kv.get(&report_key(id))? else {
        return Ok(None);
    };
    let head = peek(&value).unwrap_or_default();
    let when = if head.saved_at.is_empty() {
        now.to_string()
    } else {
        head.saved_at.clone()
    };
    write_backup(kv, id, &value, &head, reason, &when, true).map(Some)
}

/// The ring's automatic copy of the state a save is about to overwrite.
fn auto_backup(
    kv: &mut dyn KeyValue,
    id: &str,
    old: &str,
    head: &Head,
    now: &str,
) -> Result<Option<String>, StoreError> {
    let existing = backup_keys(kv, Some(id))?;
    if existing.iter().any(|b| b.revision == head.revision) {
        return Ok(None);
    }
    let when = if head.saved_at.is_empty() {
        now
    } else {
        head.saved_at.as_str()
    };
    if let (Some(newest), Some(t)) = (existing.first(), parse_time(when)) {
        if let Some(tn) = parse_time(&newest.time) {
            if t.0 - tn.0 < MIN_BACKUP_GAP_SECS {
                return Ok(None);
            }
        }
    }
    write_backup(kv, id, old, head, BackupReason::Auto, when, false).map(Some)
}

/// Write a backup, making room for it and applying the ring's rules. `forced`: may use the
/// whole budget, not only up to [`BACKUP_CEILING`].
fn write_backup(
    kv: &mut dyn KeyValue,
    id: &str,
    value: &str,
    head: &Head,
    reason: BackupReason,
    when: &str,
    forced: bool,
) -> Result<String, StoreError> {
    let existing = backup_keys(kv, Some(id))?;
    // The same state is not stored twice: an automatic copy is relabelled instead.
    if let Some(same) = existing
        .iter()
        .find(|b| b.revision == head.revision && b.reason == reason)
    {
        return Ok(same.key.clone());
    }
    let key = backup_key(id, when, head.revision, reason);
    if reason != BackupReason::Auto {
        if let Some(auto) = existing
            .iter()
            .find(|b| b.revision == head.revision && b.reason == BackupReason::Auto)
        {
            if let Some(v) = kv.get(&auto.key)? {
                kv.set(&key, &v)?;
                kv.remove(&auto.key)?;
                apply_ring(kv, id)?;
                return Ok(key);
            }
        }
    }
    let need = key.chars().count() + value.chars().count();
    let ceiling = if forced { BUDGET_CHARS } else { BACKUP_CEILING };
    if !make_room(kv, need, ceiling, id)? {
        return Err(StoreError::Full);
    }
    kv.set(&key, value)?;
    apply_ring(kv, id)?;
    Ok(key)
}

/// Remove backups (least valuable first) until `need` more characters fit under `ceiling`.
/// Never removes the newest backup of `id`'s ring unless nothing else is left. `false`
/// when it cannot be done.
fn make_room(
    kv: &mut dyn KeyValue,
    need: usize,
    ceiling: usize,
    id: &str,
) -> Result<bool, StoreError> {
    let mut total = usage(kv)?.total;
    if total + need <= ceiling {
        return Ok(true);
    }
    let mut sizes = Vec::new();
    for b in thinning_order(kv, Some(id))? {
        let n = b.key.chars().count() + kv.get(&b.key)?.map(|v| v.chars().count()).unwrap_or(0);
        sizes.push((b, n));
    }
    let freeable: usize = sizes.iter().map(|(_, n)| n).sum();
    if total.saturating_sub(freeable) + need > ceiling {
        // Removing every backup would not be enough: keep them.
        return Ok(false);
    }
    for (b, n) in sizes {
        if total + need <= ceiling {
            break;
        }
        kv.remove(&b.key)?;
        total -= n;
    }
    Ok(total + need <= ceiling)
}

/// Backups in the order they are given up when room is needed: oldest first, over all
/// reports; the newest backup of each report last; `keep_newest_of`'s newest never.
fn thinning_order(
    kv: &dyn KeyValue,
    keep_newest_of: Option<&str>,
) -> Result<Vec<BackupKey>, StoreError> {
    let all = backup_keys(kv, None)?; // newest first
    let mut newest_of: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut first = Vec::new();
    let mut last = Vec::new();
    for b in all {
        if newest_of.insert(b.id.clone()) {
            if Some(b.id.as_str()) != keep_newest_of {
                last.push(b);
            }
        } else {
            first.push(b);
        }
    }
    first.reverse();
    last.reverse();
    first.extend(last);
    Ok(first)
}

/// Apply the ring's rules to one report's backups.
fn apply_ring(kv: &mut dyn KeyValue, id: &str) -> Result<(), StoreError> {
    let all = backup_keys(kv, Some(id))?; // newest first
    let keep = ring_keep(&all);
    for (b, k) in all.iter().zip(keep) {
        if !k {
            kv.remove(&b.key)?;
        }
    }
    Ok(())
}

/// Which backups (newest first) the ring keeps.
fn ring_keep(all: &[BackupKey]) -> Vec<bool> {
    let mut keep = vec![false; all.len()];
    let mut days: Vec<String> = Vec::new();
    let mut reasons: Vec<BackupReason> = Vec::new();
    for (i, b) in all.iter().enumerate() {
        if i < RING_RECENT {
            keep[i] = true;
        }
        if b.reason != BackupReason::Auto && !reasons.contains(&b.reason) {
            reasons.push(b.reason);
            keep[i] = true;
        }
        if let Some((_, day)) = parse_time(&b.time) {
            if !days.contains(&day) {
                if i >= RING_RECENT && days.len() < RING_DAYS {
                    keep[i] = true;
                }
                days.push(day);
            }
        }
    }
    keep
}

/// The outcome of replacing a stored report (restore, import).
#[derive(Clone, Debug, PartialEq)]
pub struct Replaced {
    /// The report now stored.
    pub report: Report,
    /// Its envelope as stored (the new revision is `meta.revision`).
    pub meta: Meta,
    /// The file's version, when it was migrated.
    pub migrated_from: Option<u32>,
    pub entry: Entry,
    /// The backup of the state it replaced (restore that to undo).
    pub backup: Option<String>,
}

/// Why an import or a restore did not happen. In every case storage is unchanged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReplaceError {
    /// The file (or the backup) cannot be read.
    Import(ImportError),
    Store(StoreError),
    /// The backup no longer exists.
    MissingBackup,
}

impl fmt::Display for ReplaceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReplaceError::Import(e) => e.fmt(f),
            ReplaceError::Store(e) => e.fmt(f),
            ReplaceError::MissingBackup => write!(
                f,
                "Cadangan ini sudah tidak ada (mungkin dihapus untuk memberi ruang)."
            ),
        }
    }
}

impl std::error::Error for ReplaceError {}

impl From<StoreError> for ReplaceError {
    fn from(e: StoreError) -> Self {
        ReplaceError::Store(e)
    }
}

impl From<ImportError> for ReplaceError {
    fn from(e: ImportError) -> Self {
        ReplaceError::Import(e)
    }
}

/// Check the revision, back up the stored state for `reason`, then store `imported`.
fn replace(
    kv: &mut dyn KeyValue,
    id: &str,
    imported: Imported,
    meta: &Meta,
    expected: Option<u64>,
    reason: BackupReason,
) -> Result<Replaced, ReplaceError> {
    let stored = stored_head(kv, id)?;
    if let (Some(h), Some(exp)) = (&stored, expected) {
        if h.revision > exp {
            return Err(StoreError::Conflict {
                stored_revision: h.revision,
                expected: exp,
                stored_at: h.saved_at.clone(),
            }
            .into());
        }
    }
    let backup = backup_now(kv, id, reason, &meta.exported_at)?;
    let mut save_meta = meta.clone();
    save_meta.report_id = if imported.meta.report_id.is_empty() {
        stored.map(|h| h.report_id).unwrap_or_default()
    } else {
        imported.meta.report_id.clone()
    };
    save_meta.revision = imported.meta.revision;
    save_meta.basis = imported.meta.basis.clone();
    // Checked and backed up above: the save must not count it as another tab's state.
    let expected_now = stored_head(kv, id)?.map(|h| h.revision);
    let entry = save_report(kv, id, &imported.report, &save_meta, expected_now)?;
    save_meta.revision = entry.revision;
    save_meta.report_id = entry.report_id.clone();
    Ok(Replaced {
        report: imported.report,
        meta: save_meta,
        migrated_from: imported.migrated_from,
        entry,
        backup,
    })
}

/// Replace a stored report by an imported file, the way the app does it: the file is read
/// and checked in full first; only when it is valid (and storage holds no newer revision
/// than `expected`) is the current state backed up ([`BackupReason::BeforeImport`]) and
/// the file's report stored. On any error storage is unchanged.
pub fn import_replace(
    kv: &mut dyn KeyValue,
    id: &str,
    bytes: &[u8],
    meta: &Meta,
    expected: Option<u64>,
) -> Result<Replaced, ReplaceError> {
    let imported = snapshot::import(bytes)?;
    replace(kv, id, imported, meta, expected, BackupReason::BeforeImport)
}

/// Restore a backup over a report: the current state is backed up first
/// ([`BackupReason::BeforeRestore`]), so that the restore can itself be undone. The
/// restored state gets a new revision. The backup may belong to a deleted report (`id`
/// then names the report to recreate).
pub fn restore_backup(
    kv: &mut dyn KeyValue,
    id: &str,
    backup_key: &str,
    meta: &Meta,
    expected: Option<u64>,
) -> Result<Replaced, ReplaceError> {
    let value = kv.get(backup_key)?.ok_or(ReplaceError::MissingBackup)?;
    let imported = snapshot::import_str(&value)?;
    replace(
        kv,
        id,
        imported,
        meta,
        expected,
        BackupReason::BeforeRestore,
    )
}

// ---------------------------------------------------------------------------------------
// Time.

/// Seconds since 1970-01-01 UTC and the calendar day (`2025-01-06`, in the time's own
/// offset) of an ISO 8601 time `YYYY-MM-DDTHH:MM:SS[.fff][Z|±HH:MM]` (no offset: UTC).
fn parse_time(s: &str) -> Option<(i64, String)> {
    let b = s.as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let part = b.get(from..from + len)?;
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| std::str::from_utf8(part).ok()?.parse().ok())?
    };
    let year = num(0, 4)?;
    let month = num(5, 2)?;
    let day = num(8, 2)?;
    if b.get(4) != Some(&b'-')
        || b.get(7) != Some(&b'-')
        || !matches!(b.get(10), Some(b'T' | b't' | b' '))
    {
        return None;
    }
    let hour = num(11, 2)?;
    let minute = num(14, 2)?;
    let second = num(17, 2)?;
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut i = 19;
    if b.get(i) == Some(&b'.') {
        i += 1;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
    }
    let offset = match b.get(i) {
        None | Some(b'Z' | b'z') => 0,
        Some(sign @ (b'+' | b'-')) => {
            let h = num(i + 1, 2)?;
            let m = if b.get(i + 3) == Some(&b':') {
                num(i + 4, 2)?
            } else {
                num(i + 3, 2)?
            };
            let o = h * 3600 + m * 60;
            if *sign == b'-' {
                -o
            } else {
                o
            }
        }
        _ => return None,
    };
    // Days from civil (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let secs = days * 86_400 + hour * 3600 + minute * 60 + second - offset;
    Some((secs, s[..10].to_string()))
}

// ---------------------------------------------------------------------------------------
// In memory.

/// A store in memory, for tests and for running without browser storage.
#[derive(Clone, Debug, Default)]
pub struct MemoryStore {
    pub map: std::collections::BTreeMap<String, String>,
    /// Refuse writes that would take the total above this many characters.
    pub limit: Option<usize>,
    pub blocked: bool,
}

impl MemoryStore {
    /// Characters used (keys and values), as the browser counts them.
    pub fn chars(&self) -> usize {
        self.map
            .iter()
            .map(|(k, v)| k.chars().count() + v.chars().count())
            .sum()
    }
}

impl KeyValue for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        if self.blocked {
            return Err(StoreError::Blocked("SecurityError".into()));
        }
        Ok(self.map.get(key).cloned())
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        if self.blocked {
            return Err(StoreError::Blocked("SecurityError".into()));
        }
        if let Some(limit) = self.limit {
            let others: usize = self
                .map
                .iter()
                .filter(|(k, _)| k.as_str() != key)
                .map(|(k, v)| k.chars().count() + v.chars().count())
                .sum();
            if others + key.chars().count() + value.chars().count() > limit {
                return Err(StoreError::Full);
            }
        }
        self.map.insert(key.to_string(), value.to_string());
        Ok(())
    }
    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        if self.blocked {
            return Err(StoreError::Blocked("SecurityError".into()));
        }
        self.map.remove(key);
        Ok(())
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        if self.blocked {
            return Err(StoreError::Blocked("SecurityError".into()));
        }
        Ok(self.map.keys().cloned().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::example::example;
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
        let saved =
            save_report(&mut kv, "r1", &ra, &meta_at(&at(1)), Some(a.meta.revision)).unwrap();
        assert_eq!(saved.revision, 2);
        // Tab B still thinks revision 1: refused, nothing written.
        let before = kv.map.clone();
        let mut rb = b.report.clone();
        rb.instansi = "Tab B".into();
        let err =
            save_report(&mut kv, "r1", &rb, &meta_at(&at(2)), Some(b.meta.revision)).unwrap_err();
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
        let done =
            restore_backup(&mut kv, "r1", &backups[0].key, &meta_at(&at(40)), Some(2)).unwrap();
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
        let done =
            import_replace(&mut kv, "r1", file.as_bytes(), &meta_at(&at(5)), Some(1)).unwrap();
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
}
