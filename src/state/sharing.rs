//! Sharing and not losing data, as commands on the workspace: import with a preview (open
//! as new, replace, or merge chosen parts), backups and their restore, another tab's newer
//! save, the report embedded in a copy of this file, export tracking. The rules live in
//! `lakip_core::workspace::session`; what stays here needs the browser (the page's source,
//! downloads, `navigator.storage`).

use super::{Session, Tone};
use crate::web;
use lakip_core::workspace::merge::MergeChoices;
use leptos::prelude::*;

impl Session {
    /// Read a file for import: on success a preview waits for the user's choice; on
    /// failure nothing changes and the reason is shown.
    pub fn import_bytes(&self, file_name: &str, bytes: &[u8]) {
        self.run(|w| w.import_bytes(file_name, bytes));
    }

    /// Close the import preview without doing anything.
    pub fn cancel_import(&self) {
        self.run(|w| w.cancel_import());
    }

    /// Open the previewed file as a new report beside the others.
    pub fn import_as_new(&self) {
        self.run(|w| w.import_as_new());
    }

    /// Replace the open report by the previewed file (one undoable step, backed up first).
    pub fn import_replace(&self) {
        self.run(|w| w.import_replace());
    }

    /// Take the chosen parts of the previewed file, keep the rest.
    pub fn import_merge(&self, choices: MergeChoices) {
        self.run(|w| w.import_merge(&choices));
    }

    /// Restore a backup over the open report (or recreate a deleted one). The state it
    /// replaces is backed up first, so this too can be undone.
    pub fn restore(&self, key: &str, report_id: &str) {
        self.run(|w| w.restore(key, report_id));
    }

    /// Remove the backups of a deleted report for good.
    pub fn purge(&self, report_id: &str) {
        self.run(|w| w.purge(report_id));
    }

    // ---- another tab ------------------------------------------------------------------

    /// Another tab changed storage: reload the open report if it is newer and this tab has
    /// nothing unsaved; otherwise say so and let the user choose.
    pub fn storage_changed(&self, key: Option<String>) {
        self.run(|w| w.storage_changed(key.as_deref()));
    }

    /// Conflict: drop this tab's unsaved changes and load what the other tab saved.
    pub fn take_stored(&self) {
        self.run(|w| w.take_stored());
    }

    /// Conflict: write this tab's state over the other tab's (which is kept as a backup).
    pub fn overwrite_stored(&self) {
        self.run(|w| w.overwrite_stored());
    }

    /// Conflict: keep this tab's state as a separate report.
    pub fn keep_as_copy(&self) {
        self.run(|w| w.keep_as_copy());
    }

    // ---- export tracking --------------------------------------------------------------

    /// Record that the open report was exported (after saving what is pending).
    pub fn note_export(&self) {
        self.run(|w| w.note_export());
    }

    /// Saves since the last export of the open report (`None`: never exported), and
    /// whether anything is unsaved.
    pub fn unexported(&self) -> (Option<u64>, bool) {
        self.save_state.track();
        self.index.track();
        self.report_id.track();
        self.read(|w| w.unexported()).unwrap_or((None, false))
    }

    /// Whether closing the tab would leave changes that were never exported.
    pub fn has_unexported_changes(&self) -> bool {
        self.read(|w| w.has_unexported_changes()).unwrap_or(false)
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
        let made = self.run(|w| w.standalone(&source)).flatten();
        if let Some((name, html)) = made {
            match web::files::download(&name, "text/html", html.as_bytes()) {
                Ok(()) => {
                    self.run(|w| {
                        w.note_export();
                        w.say(Tone::Success, format!("Berkas \"{name}\" berisi aplikasi dan laporan ini; kirim ke rekan, cukup dibuka dengan klik dua kali."));
                    });
                }
                Err(e) => self.say(Tone::Error, format!("Unduhan gagal: {e}")),
            }
        }
    }

    /// At start: a report embedded in this file is opened directly when this browser holds
    /// none; otherwise the user is asked (open it, compare, or keep theirs). Each embedded
    /// state is offered once.
    pub(super) fn offer_embedded(&self) {
        if let Some(text) = web::embedded_text() {
            self.run(|w| w.offer_embedded(&text));
        }
    }

    /// The user chose for the embedded report: `open` it as a new report, `compare` it
    /// (the import preview), or keep theirs.
    pub fn embedded_choice(&self, choice: &str) {
        self.run(|w| w.embedded_choice(choice));
    }

    // ---- persistent storage -----------------------------------------------------------

    /// Ask the browser once to keep our storage (`navigator.storage.persist()`), and learn
    /// whether it does.
    pub(super) fn ask_persistence(&self) {
        let me = *self;
        let first = self.run(|w| w.first_persistence_request()).unwrap_or(false);
        web::storage_persistence(first, move |granted| me.persisted.set(granted));
    }

    /// The user asks again.
    pub fn request_persistence(&self) {
        let me = *self;
        web::storage_persistence(true, move |granted| me.persisted.set(granted));
    }

    /// Bring a report's stored value out as a file (from the backups list).
    pub fn download_stored(&self, key: &str, name: &str) {
        match self.read(|w| w.stored_value(key)).flatten() {
            Some(text) => {
                if let Err(e) = web::files::download(name, "application/json", text.as_bytes()) {
                    self.say(Tone::Error, format!("Unduhan gagal: {e}"));
                }
            }
            None => self.say(Tone::Error, "Data tersimpan tidak ditemukan."),
        }
    }
}
