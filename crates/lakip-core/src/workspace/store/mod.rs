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

mod backups;
mod error;
mod index;
mod kv;
mod memory;
mod save;
#[cfg(test)]
mod tests;
mod time;

pub use backups::{
    backup_now, import_replace, list_all_backups, list_backups, restore_backup, Backup,
    BackupReason, Replaced,
};
pub use error::{LoadError, ReplaceError, StoreError};
pub use index::{read_index, report_key, write_index, Entry, Index};
pub use kv::{usage, KeyValue, Usage};
pub use memory::MemoryStore;
pub use save::{
    delete_report, deleted_reports, exported_state, load, load_report, mark_exported, mark_writer,
    purge_backups, safe_report_id, save_report, stored_head, stored_revision, stored_writer,
    writer_key, Loaded,
};

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
/// Which window wrote a report's last save: `<window> <revision>`.
pub const WRITER_PREFIX: &str = "kalkulator-lakip/penulis/";
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
