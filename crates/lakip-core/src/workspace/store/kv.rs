//! The key-value store the reports live in, and how much of it is used.

use super::{StoreError, BACKUP_PREFIX, BUDGET_CHARS, PREFIX, WARN_AT};

/// A key-value store of strings.
pub trait KeyValue {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
    fn remove(&mut self, key: &str) -> Result<(), StoreError>;
    fn keys(&self) -> Result<Vec<String>, StoreError>;
    /// Whether the store can be used at all (`Err`: blocked, no storage in this browser).
    fn available(&self) -> Result<(), StoreError> {
        Ok(())
    }
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
