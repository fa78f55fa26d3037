//! A store in memory.

use super::{KeyValue, StoreError};

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
    fn available(&self) -> Result<(), StoreError> {
        if self.blocked {
            return Err(StoreError::Blocked("SecurityError".into()));
        }
        Ok(())
    }
}
