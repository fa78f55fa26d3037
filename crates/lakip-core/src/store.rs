//! Keeping reports in a key-value store (the browser's local storage), without the browser:
//! the key layout under one namespace, the compact encoding, and typed errors. The web app
//! supplies a [`KeyValue`] over `window.localStorage`; tests supply one in memory that can be
//! full or blocked.
//!
//! Every `file://` page of a browser profile shares one local storage of about 5 million
//! characters, so everything of ours lives under [`PREFIX`], large reports are stored
//! deflated and packed 15 bits per character, and every error is a value, never a panic.

use crate::model::Report;
use crate::snapshot::{self, decode, encode, ImportError, Meta};
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
/// What browsers give all `file://` pages of a profile together, in characters (measured
/// in Chromium and Firefox).
pub const BUDGET_CHARS: usize = 5_000_000;

/// What can go wrong with the store. `Display` explains it in Indonesian.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// Storage is switched off or forbidden (`SecurityError`, private mode, policy).
    Blocked(String),
    /// Storage is full (`QuotaExceededError`, `NS_ERROR_DOM_QUOTA_REACHED`).
    Full,
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

/// Characters used in the whole store (every page's keys and values), and by our keys.
pub fn usage(kv: &dyn KeyValue) -> Result<Usage, StoreError> {
    let mut u = Usage::default();
    for k in kv.keys()? {
        let n = k.chars().count() + kv.get(&k)?.map(|v| v.chars().count()).unwrap_or(0);
        u.total += n;
        if k.starts_with(PREFIX) {
            u.ours += n;
        }
    }
    Ok(u)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Usage {
    pub total: usize,
    pub ours: usize,
}

impl Usage {
    /// Share of [`BUDGET_CHARS`] used, in whole percent.
    pub fn percent(&self) -> usize {
        self.total * 100 / BUDGET_CHARS
    }
}

// ---------------------------------------------------------------------------------------
// The index and the reports.

/// One line of the list of stored reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub id: String,
    pub instansi: String,
    pub tahun: i32,
    /// ISO time of the last save.
    pub saved_at: String,
    /// Characters the stored report takes.
    pub chars: usize,
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
                    tahun: e.get("tahun")?.as_i64()? as i32,
                    saved_at: e.get("disimpan").and_then(J::as_str).unwrap_or("").to_string(),
                    chars: e.get("karakter").and_then(J::as_u64).unwrap_or(0) as usize,
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
    Corrupt { error: ImportError, kept_as: Option<String> },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Store(e) => e.fmt(f),
            LoadError::Missing => write!(f, "Laporan tidak ditemukan di penyimpanan browser."),
            LoadError::Corrupt { error, kept_as } => {
                write!(f, "Laporan tersimpan tidak dapat dibaca: {error}")?;
                if kept_as.is_some() {
                    write!(f, " Data aslinya disisihkan (tidak dihapus) dan dapat diunduh.")?;
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
    let mut keys: Vec<String> =
        kv.keys()?.into_iter().filter(|k| k.starts_with(REPORT_PREFIX)).collect();
    keys.sort();
    for key in keys {
        let id = key[REPORT_PREFIX.len()..].to_string();
        let Some(value) = kv.get(&key)? else { continue };
        let (instansi, tahun) = decode(&value)
            .ok()
            .and_then(|json| snapshot::import_str(&json).ok())
            .map(|i| (i.report.instansi, i.report.tahun))
            .unwrap_or_else(|| ("(tidak terbaca)".into(), 0));
        index.entries.push(Entry { id, instansi, tahun, saved_at: String::new(), chars: value.chars().count() });
    }
    Ok(index)
}

pub fn write_index(kv: &mut dyn KeyValue, index: &Index) -> Result<(), StoreError> {
    kv.set(INDEX_KEY, &index.to_json())
}

/// Save a report under `id` and record it in the index. On error nothing already stored
/// is lost: the old value stays until the new one is written in full.
pub fn save_report(
    kv: &mut dyn KeyValue,
    id: &str,
    report: &Report,
    meta: &Meta,
) -> Result<Entry, StoreError> {
    let stored = encode(&snapshot::export(report, meta));
    kv.set(&report_key(id), &stored)?;
    let entry = Entry {
        id: id.to_string(),
        instansi: report.instansi.clone(),
        tahun: report.tahun,
        saved_at: meta.exported_at.clone(),
        chars: stored.chars().count(),
    };
    let mut index = read_index(kv)?;
    match index.entries.iter_mut().find(|e| e.id == id) {
        Some(e) => *e = entry.clone(),
        None => index.entries.push(entry.clone()),
    }
    index.active = Some(id.to_string());
    write_index(kv, &index)?;
    Ok(entry)
}

/// Open a stored report. An unreadable value is copied aside (under [`CORRUPT_PREFIX`]) so
/// that it can be downloaded, and never deleted.
pub fn load_report(kv: &mut dyn KeyValue, id: &str, now: &str) -> Result<Report, LoadError> {
    let key = report_key(id);
    let value = kv.get(&key)?.ok_or(LoadError::Missing)?;
    match decode(&value).and_then(|json| snapshot::import_str(&json)) {
        Ok(imported) => Ok(imported.report),
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

/// Remove a report and its index line.
pub fn delete_report(kv: &mut dyn KeyValue, id: &str) -> Result<(), StoreError> {
    kv.remove(&report_key(id))?;
    let mut index = read_index(kv)?;
    index.entries.retain(|e| e.id != id);
    if index.active.as_deref() == Some(id) {
        index.active = None;
    }
    write_index(kv, &index)
}

/// A store in memory, for tests and for running without browser storage.
#[derive(Clone, Debug, Default)]
pub struct MemoryStore {
    pub map: std::collections::BTreeMap<String, String>,
    /// Refuse writes that would take the total above this many characters.
    pub limit: Option<usize>,
    pub blocked: bool,
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

    fn meta() -> Meta {
        Meta { app_version: "uji".into(), exported_at: "2025-01-06T00:00:00Z".into() }
    }

    #[test]
    fn save_list_load_delete() {
        let mut kv = MemoryStore::default();
        let r = example();
        let entry = save_report(&mut kv, "r1", &r, &meta()).unwrap();
        assert_eq!((entry.instansi.as_str(), entry.tahun), ("Dinas Sosial Kota Pontianak", 2024));
        let index = read_index(&kv).unwrap();
        assert_eq!(index.active.as_deref(), Some("r1"));
        assert_eq!(index.entries.len(), 1);
        assert_eq!(load_report(&mut kv, "r1", "t").unwrap(), r);
        // Every key is ours.
        assert!(kv.map.keys().all(|k| k.starts_with(PREFIX)));
        delete_report(&mut kv, "r1").unwrap();
        assert_eq!(load_report(&mut kv, "r1", "t"), Err(LoadError::Missing));
        assert!(read_index(&kv).unwrap().entries.is_empty());
    }

    #[test]
    fn a_full_store_keeps_the_previous_version() {
        let mut kv = MemoryStore::default();
        let mut r = example();
        save_report(&mut kv, "r1", &r, &meta()).unwrap();
        let before = kv.map.clone();
        kv.limit = Some(kv.map.iter().map(|(k, v)| k.len() + v.chars().count()).sum::<usize>() + 10);
        r.instansi = "x".repeat(5000);
        assert_eq!(save_report(&mut kv, "r1", &r, &meta()), Err(StoreError::Full));
        assert_eq!(kv.map, before);
    }

    #[test]
    fn a_corrupt_value_is_kept_aside_not_deleted() {
        let mut kv = MemoryStore::default();
        kv.map.insert(report_key("r1"), "{\"format\":\"kalkulator-lakip\",\"versi\":1,\"lap".into());
        let err = load_report(&mut kv, "r1", "2025-01-06T00-00-00").unwrap_err();
        match err {
            LoadError::Corrupt { kept_as: Some(k), .. } => {
                assert_eq!(kv.map.get(&k), kv.map.get(&report_key("r1")));
            }
            other => panic!("{other:?}"),
        }
        assert!(kv.map.contains_key(&report_key("r1")));
        // The index is rebuilt from the stored reports when missing.
        let index = read_index(&kv).unwrap();
        assert_eq!(index.entries[0].instansi, "(tidak terbaca)");
    }

    #[test]
    fn blocked_storage_is_an_error_value() {
        let mut kv = MemoryStore { blocked: true, ..Default::default() };
        let err = save_report(&mut kv, "r1", &example(), &meta()).unwrap_err();
        assert!(matches!(err, StoreError::Blocked(_)));
        assert!(err.to_string().contains("diblokir"));
    }
}
