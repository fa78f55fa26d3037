//! Sharing and not losing data: import with a preview (open as new, replace, or merge
//! chosen parts), backups and their restore, another tab's newer save, the report embedded
//! in a copy of this file, export tracking, persistent storage. Storage rules live in
//! `lakip_core::workspace::store`; differences and merges in `lakip_core::{diff, merge}`.

use super::{meta, Action, Page, SaveState, Session, Tone};
use crate::web::{self, storage::LocalStore};
use lakip_core::exchange::snapshot::{self, Imported};
use lakip_core::model::Report;
use lakip_core::workspace::diff::{self, Diff};
use lakip_core::workspace::merge::{self, MergeChoices};
use lakip_core::workspace::store::{self, BackupReason, KeyValue};
use leptos::prelude::*;

/// A file read for import, shown in a preview before anything changes.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingImport {
    pub file_name: String,
    pub imported: Imported,
    /// Differences from the open report (`None` when none is open).
    pub diff: Option<Diff>,
}

/// Storage key remembering that an embedded report (identity and revision) was handled.
fn embedded_seen_key(report_id: &str, revision: u64) -> String {
    format!("{}tersemat/{report_id}/{revision}", store::PREFIX)
}

impl Session {
    /// Read a file for import: on success a preview waits for the user's choice; on
    /// failure nothing changes and the reason is shown.
    pub fn import_bytes(&self, file_name: &str, bytes: &[u8]) {
        match snapshot::import(bytes) {
            Ok(imported) => {
                let diff = self
                    .report
                    .with_untracked(|r| r.as_ref().map(|cur| diff::diff(cur, &imported.report)));
                self.pending_import.set(Some(PendingImport {
                    file_name: file_name.to_string(),
                    imported,
                    diff,
                }));
                self.page.set(Page::Home);
            }
            Err(e) => self.say(
                Tone::Error,
                format!("Impor \"{file_name}\" gagal; laporan yang terbuka tidak berubah. {e}"),
            ),
        }
    }

    /// Open the previewed file as a new report beside the others.
    pub fn import_as_new(&self) {
        let Some(p) = self.pending_import.get_untracked() else {
            return;
        };
        self.pending_import.set(None);
        let r = p.imported.report;
        let text = format!(
            "Berkas \"{}\" dibuka sebagai laporan baru: {} {}.",
            p.file_name, r.instansi, r.tahun
        );
        self.adopt(r);
        self.say(Tone::Success, text);
        self.page.set(Page::Budget);
    }

    /// Keep the stored state as a backup for `reason`; `None` if it could not be kept
    /// (then the caller does not go ahead).
    fn backup_before(&self, reason: BackupReason) -> Result<Option<String>, String> {
        self.flush();
        let Some(id) = self.report_id.get_untracked() else {
            return Ok(None);
        };
        let mut kv = LocalStore::open();
        if kv.available().is_err() {
            // No storage: the undo stack is the only way back, and it is there.
            return Ok(None);
        }
        let key =
            store::backup_now(&mut kv, &id, reason, &web::now_iso()).map_err(|e| e.to_string())?;
        self.backups_tick.update(|t| *t += 1);
        Ok(key)
    }

    /// Turn the open report into `target` as one undoable step, after backing it up.
    fn become_report(&self, target: Report, reason: BackupReason, what: &str, notes: Vec<String>) {
        let backup = match self.backup_before(reason) {
            Ok(k) => k,
            Err(e) => {
                self.say(Tone::Error, format!("{what} dibatalkan: keadaan sekarang tidak dapat dicadangkan ({e}). Laporan tidak berubah."));
                return;
            }
        };
        let edit = self
            .report
            .with_untracked(|r| r.as_ref().map(|cur| merge::edit_to(cur, &target)));
        let Some(edit) = edit else { return };
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
                self.page.set(Page::Budget);
            }
            Err(e) => self.say(
                Tone::Error,
                format!("{what} gagal; laporan tidak berubah. {e}"),
            ),
        }
    }

    /// Replace the open report by the previewed file.
    pub fn import_replace(&self) {
        let Some(p) = self.pending_import.get_untracked() else {
            return;
        };
        self.pending_import.set(None);
        self.become_report(
            p.imported.report,
            BackupReason::BeforeImport,
            &format!("Impor \"{}\" (ganti seluruh laporan)", p.file_name),
            Vec::new(),
        );
    }

    /// Take the chosen parts of the previewed file, keep the rest.
    pub fn import_merge(&self, choices: MergeChoices) {
        let Some(p) = self.pending_import.get_untracked() else {
            return;
        };
        let merged = self.report.with_untracked(|r| {
            r.as_ref()
                .map(|cur| merge::merge_with_notes(cur, &p.imported.report, &choices))
        });
        let Some(merged) = merged else { return };
        self.pending_import.set(None);
        self.become_report(
            merged.report,
            BackupReason::BeforeMerge,
            &format!("Penggabungan dari \"{}\"", p.file_name),
            merged.notes,
        );
    }

    /// Restore a backup over the open report (or recreate a deleted one). The state it
    /// replaces is backed up first, so this too can be undone.
    pub fn restore(&self, key: &str, report_id: &str) {
        self.flush();
        let mut kv = LocalStore::open();
        let expected = if self.report_id.get_untracked().as_deref() == Some(report_id) {
            self.revision.get_value()
        } else {
            None
        };
        match store::restore_backup(&mut kv, report_id, key, &meta(), expected) {
            Ok(replaced) => {
                self.set_report(report_id.to_string(), replaced.report);
                self.revision.set_value(Some(replaced.meta.revision));
                self.save_state.set(SaveState::Saved);
                if let Ok(index) = store::read_index(&kv) {
                    self.index.set(index);
                }
                self.backups_tick.update(|t| *t += 1);
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
    pub fn purge(&self, report_id: &str) {
        let mut kv = LocalStore::open();
        match store::purge_backups(&mut kv, report_id) {
            Ok(n) => self.say(
                Tone::Info,
                format!("{n} cadangan laporan terhapus dibuang untuk selamanya."),
            ),
            Err(e) => self.say(Tone::Error, e.to_string()),
        }
        self.backups_tick.update(|t| *t += 1);
    }

    // ---- another tab ------------------------------------------------------------------

    /// Another tab changed storage: reload the open report if it is newer and this tab has
    /// nothing unsaved; otherwise say so and let the user choose.
    pub fn storage_changed(&self, key: Option<String>) {
        let kv = LocalStore::open();
        if key.as_deref() == Some(store::INDEX_KEY) || key.is_none() {
            if let Ok(index) = store::read_index(&kv) {
                self.index.set(index);
            }
        }
        let Some(id) = self.report_id.get_untracked() else {
            return;
        };
        if key.is_some() && key.as_deref() != Some(store::report_key(&id).as_str()) {
            return;
        }
        let Ok(Some(head)) = store::stored_head(&kv, &id) else {
            return;
        };
        let ours = self.revision.get_value().unwrap_or(0);
        if head.revision <= ours {
            return;
        }
        if matches!(
            self.save_state.get_untracked(),
            SaveState::Pending | SaveState::Failed(_)
        ) {
            self.save_state.set(SaveState::Conflict {
                stored_revision: head.revision,
                stored_at: head.saved_at,
            });
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
    pub fn take_stored(&self) {
        if let Some(id) = self.report_id.get_untracked() {
            self.save_timer.update_value(|t| {
                if let Some(h) = t.take() {
                    h.clear();
                }
            });
            self.save_state.set(SaveState::Saved);
            self.open(&id);
            self.say(Tone::Info, "Versi yang disimpan tab lain dimuat.");
        }
    }

    /// Conflict: write this tab's state over the other tab's (which is kept as a backup).
    pub fn overwrite_stored(&self) {
        self.revision.set_value(None);
        self.save_state.set(SaveState::Pending);
        self.save_now();
        self.backups_tick.update(|t| *t += 1);
        if self.save_state.get_untracked() == SaveState::Saved {
            self.say(
                Tone::Info,
                "Versi tab ini disimpan; versi tab lain disimpan sebagai cadangan.",
            );
        }
    }

    /// Conflict: keep this tab's state as a separate report.
    pub fn keep_as_copy(&self) {
        let copy = self.report.with_untracked(|r| r.clone());
        if let Some(mut r) = copy {
            r.instansi = format!("{} (versi tab ini)", r.instansi);
            self.save_state.set(SaveState::Saved);
            self.adopt(r);
            self.say(
                Tone::Info,
                "Versi tab ini disimpan sebagai laporan terpisah.",
            );
        }
    }

    // ---- export tracking --------------------------------------------------------------

    /// Record that the open report was exported (after saving what is pending).
    pub fn note_export(&self) {
        self.flush();
        let (Some(id), Some(rev)) = (self.report_id.get_untracked(), self.revision.get_value())
        else {
            return;
        };
        let mut kv = LocalStore::open();
        if store::mark_exported(&mut kv, &id, rev, &web::now_iso()).is_ok() {
            if let Ok(index) = store::read_index(&kv) {
                self.index.set(index);
            }
        }
    }

    /// Saves since the last export of the open report (`None`: never exported), and
    /// whether anything is unsaved.
    pub fn unexported(&self) -> (Option<u64>, bool) {
        let pending = matches!(
            self.save_state.get(),
            SaveState::Pending
                | SaveState::Failed(_)
                | SaveState::Unavailable(_)
                | SaveState::Conflict { .. }
        );
        let id = self.report_id.get();
        let since = self.index.with(|i| {
            id.as_deref()
                .and_then(|id| i.get(id))
                .and_then(|e| e.saves_since_export())
        });
        (since, pending)
    }

    /// Whether closing the tab would leave changes that were never exported.
    pub fn has_unexported_changes(&self) -> bool {
        if self.report.with_untracked(Option::is_none) {
            return false;
        }
        let id = self.report_id.get_untracked();
        let pending = !matches!(self.save_state.get_untracked(), SaveState::Saved);
        let entry = self
            .index
            .with_untracked(|i| id.as_deref().and_then(|id| i.get(id)).cloned());
        pending || entry.is_none_or(|e| e.has_unexported_changes())
    }

    // ---- one file to share ------------------------------------------------------------

    /// "Simpan sebagai file mandiri": a copy of this page with the open report inside.
    pub fn save_standalone(&self) {
        let Some(source) = web::page_source() else {
            self.say(
                Tone::Error,
                "Halaman asli tidak tersedia; simpan JSON sebagai gantinya.",
            );
            return;
        };
        self.flush();
        let mut m = meta();
        m.revision = self.revision.get_value().unwrap_or(0);
        if let Some(id) = self.report_id.get_untracked() {
            if let Ok(Some(head)) = store::stored_head(&LocalStore::open(), &id) {
                m.report_id = head.report_id;
            }
        }
        let made = self.report.with_untracked(|r| {
            r.as_ref().map(|r| {
                (
                    format!("lakip-{}-{}.html", super::slug(&r.instansi), r.tahun),
                    snapshot::embed_html(&source, r, &m),
                )
            })
        });
        if let Some((name, html)) = made {
            match web::files::download(&name, "text/html", html.as_bytes()) {
                Ok(()) => {
                    self.note_export();
                    self.say(Tone::Success, format!("Berkas \"{name}\" berisi aplikasi dan laporan ini; kirim ke rekan, cukup dibuka dengan klik dua kali."));
                }
                Err(e) => self.say(Tone::Error, format!("Unduhan gagal: {e}")),
            }
        }
    }

    /// At start: a report embedded in this file is opened directly when this browser holds
    /// none; otherwise the user is asked (open it, compare, or keep theirs). Each embedded
    /// state is offered once.
    pub(super) fn offer_embedded(&self) {
        let Some(text) = web::embedded_text() else {
            return;
        };
        let imported = match snapshot::import_str(&text) {
            Ok(i) => i,
            Err(e) => {
                self.say(
                    Tone::Error,
                    format!("Laporan yang dibawa berkas ini tidak dapat dibaca: {e}"),
                );
                return;
            }
        };
        let mut kv = LocalStore::open();
        let seen = embedded_seen_key(&imported.meta.report_id, imported.meta.revision);
        if kv.available().is_ok() && kv.get(&seen).ok().flatten().is_some() {
            return;
        }
        let empty = self.index.with_untracked(|i| i.entries.is_empty());
        if empty {
            let _ = kv.set(&seen, "dibuka");
            let r = imported.report;
            let text = format!(
                "Laporan yang dibawa berkas ini dibuka: {} {}.",
                r.instansi, r.tahun
            );
            self.adopt(r);
            self.say(Tone::Success, text);
            self.page.set(Page::Budget);
        } else {
            let diff = self
                .report
                .with_untracked(|r| r.as_ref().map(|cur| diff::diff(cur, &imported.report)));
            self.embedded_offer.set(Some(PendingImport {
                file_name: "berkas ini".into(),
                imported,
                diff,
            }));
        }
    }

    /// The user chose for the embedded report: `open` it as a new report, `compare` it
    /// (the import preview), or keep theirs.
    pub fn embedded_choice(&self, choice: &str) {
        let Some(offer) = self.embedded_offer.get_untracked() else {
            return;
        };
        self.embedded_offer.set(None);
        let mut kv = LocalStore::open();
        let _ = kv.set(
            &embedded_seen_key(&offer.imported.meta.report_id, offer.imported.meta.revision),
            choice,
        );
        match choice {
            "buka" => {
                self.pending_import.set(Some(offer));
                self.import_as_new();
            }
            "bandingkan" => self.pending_import.set(Some(offer)),
            _ => self.say(
                Tone::Info,
                "Laporan Anda tetap dipakai; laporan dalam berkas ini diabaikan.",
            ),
        }
    }

    // ---- persistent storage -----------------------------------------------------------

    /// Ask the browser once to keep our storage (`navigator.storage.persist()`), and learn
    /// whether it does.
    pub(super) fn ask_persistence(&self) {
        let me = *self;
        let asked_key = format!("{}persist-diminta", store::PREFIX);
        let mut kv = LocalStore::open();
        let first = kv.available().is_ok() && kv.get(&asked_key).ok().flatten().is_none();
        if first {
            let _ = kv.set(&asked_key, &web::now_iso());
        }
        web::storage_persistence(first, move |granted| me.persisted.set(granted));
    }

    /// The user asks again.
    pub fn request_persistence(&self) {
        let me = *self;
        web::storage_persistence(true, move |granted| me.persisted.set(granted));
    }

    /// Bring a report's stored value out as a file (from the backups list).
    pub fn download_stored(&self, key: &str, name: &str) {
        match LocalStore::open().get(key) {
            Ok(Some(text)) => {
                if let Err(e) = web::files::download(name, "application/json", text.as_bytes()) {
                    self.say(Tone::Error, format!("Unduhan gagal: {e}"));
                }
            }
            _ => self.say(Tone::Error, "Data tersimpan tidak ditemukan."),
        }
    }
}
