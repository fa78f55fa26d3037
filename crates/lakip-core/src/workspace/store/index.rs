//! The list of stored reports (`kalkulator-lakip/indeks`) and the report keys.

use super::{KeyValue, StoreError, INDEX_KEY, REPORT_PREFIX};
use crate::exchange::snapshot::peek;
use serde_json::{json, Value as J};

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

pub fn report_key(id: &str) -> String {
    format!("{REPORT_PREFIX}{id}")
}

/// Read the index; rebuild it from the stored reports when it is missing or unreadable.
pub fn read_index(kv: &dyn KeyValue) -> Result<Index, StoreError> {
    let mut index = match kv.get(INDEX_KEY)? {
        Some(text) => Index::from_json(&text).unwrap_or_default(),
        None => Index::default(),
    };
    // Every stored report is listed, whatever the index says: two windows that add a
    // report in the same instant each write an index without the other's report, and the
    // later one wins. The report itself is there; its line is rebuilt from it.
    let mut keys: Vec<String> = kv
        .keys()?
        .into_iter()
        .filter(|k| k.starts_with(REPORT_PREFIX))
        .collect();
    keys.sort();
    for key in keys {
        let id = &key[REPORT_PREFIX.len()..];
        if index.entries.iter().any(|e| e.id == id) {
            continue;
        }
        let Some(value) = kv.get(&key)? else { continue };
        let mut entry = Entry {
            id: id.to_string(),
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
pub(super) fn note_in_index(kv: &mut dyn KeyValue, mut entry: Entry) -> Entry {
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
