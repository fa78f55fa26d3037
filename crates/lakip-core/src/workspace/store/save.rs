//! Saving and loading reports with revisions; deleting, export tracking.

use super::backups::{auto_backup, backup_keys, thinning_order, write_backup};
use super::index::note_in_index;
use super::*;
use crate::exchange::snapshot::{self, decode, encode_with_head, peek, Head, Imported, Meta};
use crate::model::Report;

/// What storage holds for a report, read cheaply (the head of a packed value): its
/// revision, identity, save time and summary. `Ok(None)` when nothing is stored; an
/// unreadable value reads as revision 0. For the `storage` event: is the stored state newer
/// than this tab's?
pub fn stored_head(kv: &dyn KeyValue, id: &str) -> Result<Option<Head>, StoreError> {
    Ok(kv
        .get(&report_key(id))?
        .map(|v| peek(&v).unwrap_or_default()))
}

/// The key naming the window that wrote a report's last save.
pub fn writer_key(id: &str) -> String {
    format!("{WRITER_PREFIX}{id}")
}

/// Record that `writer` wrote `revision` of a report (best effort, right after the save).
pub fn mark_writer(
    kv: &mut dyn KeyValue,
    id: &str,
    writer: &str,
    revision: u64,
) -> Result<(), StoreError> {
    kv.set(&writer_key(id), &format!("{writer} {revision}"))
}

/// Which window wrote which revision of a report last, if recorded.
pub fn stored_writer(kv: &dyn KeyValue, id: &str) -> Result<Option<(String, u64)>, StoreError> {
    Ok(kv.get(&writer_key(id))?.and_then(|v| {
        let (w, r) = v.split_once(' ')?;
        Some((w.to_string(), r.parse().ok()?))
    }))
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
pub fn safe_report_id(id: &str) -> String {
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
pub(super) fn set_making_room(
    kv: &mut dyn KeyValue,
    key: &str,
    value: &str,
) -> Result<(), StoreError> {
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
    let _ = kv.remove(&writer_key(id));
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
