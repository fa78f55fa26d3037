//! The ring of backups: keys, listing, the ring's rules, making room, restoring.

use super::time::parse_time;
use super::*;
use crate::exchange::snapshot::{self, peek, Head, Imported, Meta, Summary};
use crate::model::Report;

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
pub(super) struct BackupKey {
    pub(super) key: String,
    pub(super) id: String,
    pub(super) time: String,
    pub(super) revision: u64,
    pub(super) reason: BackupReason,
}

pub(super) fn backup_prefix(id: &str) -> String {
    format!("{BACKUP_PREFIX}{id}/")
}

/// `kalkulator-lakip/cadangan/<id>/<time>/<revision>/<reason>`.
pub(super) fn backup_key(id: &str, time: &str, revision: u64, reason: BackupReason) -> String {
    let time: String = time.chars().filter(|c| *c != '/').take(40).collect();
    format!("{}{time}/{revision}/{}", backup_prefix(id), reason.code())
}

pub(super) fn parse_backup_key(key: &str) -> Option<BackupKey> {
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
pub(super) fn backup_keys(
    kv: &dyn KeyValue,
    id: Option<&str>,
) -> Result<Vec<BackupKey>, StoreError> {
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

pub(super) fn describe(kv: &dyn KeyValue, b: BackupKey) -> Result<Option<Backup>, StoreError> {
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
pub(super) fn auto_backup(
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
pub(super) fn write_backup(
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
pub(super) fn make_room(
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
pub(super) fn thinning_order(
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
pub(super) fn apply_ring(kv: &mut dyn KeyValue, id: &str) -> Result<(), StoreError> {
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
pub(super) fn ring_keep(all: &[BackupKey]) -> Vec<bool> {
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

/// Check the revision, back up the stored state for `reason`, then store `imported`.
pub(super) fn replace(
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
