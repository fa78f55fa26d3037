//! `window.localStorage` as the core's [`KeyValue`], with typed errors: blocked storage
//! (`SecurityError`, or no storage object at all) and full storage (`QuotaExceededError` in
//! Chromium and Safari, `NS_ERROR_DOM_QUOTA_REACHED` in older Firefox) are told apart by the
//! DOMException's name, never by one browser's message. Nothing here panics.
//!
//! (gloo-storage is not used: its `LocalStorage::raw()` panics when access is denied, and
//! its errors do not tell a full store from a blocked one.)

use lakip_core::workspace::store::{KeyValue, StoreError};
use wasm_bindgen::{JsCast, JsValue};

pub struct LocalStore {
    storage: Result<web_sys::Storage, StoreError>,
}

fn classify(e: JsValue) -> StoreError {
    if let Some(ex) = e.dyn_ref::<web_sys::DomException>() {
        let name = ex.name();
        let code = ex.code();
        if name == "QuotaExceededError"
            || name == "NS_ERROR_DOM_QUOTA_REACHED"
            || code == 22
            || code == 1014
        {
            return StoreError::Full;
        }
        if name == "SecurityError" || name == "InvalidAccessError" {
            return StoreError::Blocked(name);
        }
        return StoreError::Other(format!("{name}: {}", ex.message()));
    }
    // Any other error (a TypeError from an extension, say): its name and message, never
    // the JavaScript stack, which says nothing to an officer.
    // Read by property, not `instanceof`: an error from another realm (an extension, a
    // sandbox) is no `Error` of this page's, but has a name and a message all the same.
    let text = |key: &str| {
        js_sys::Reflect::get(&e, &JsValue::from_str(key))
            .ok()
            .and_then(|v| v.as_string())
            .filter(|s| !s.is_empty())
    };
    match (text("name"), text("message")) {
        (Some(name), Some(message)) => StoreError::Other(format!("{name}: {message}")),
        (None, Some(message)) => StoreError::Other(message),
        _ => StoreError::Other(e.as_string().unwrap_or_else(|| "galat tak dikenal".into())),
    }
}

impl LocalStore {
    pub fn open() -> LocalStore {
        let storage = match web_sys::window().map(|w| w.local_storage()) {
            Some(Ok(Some(s))) => Ok(s),
            Some(Ok(None)) => Err(StoreError::Blocked("localStorage tidak tersedia".into())),
            Some(Err(e)) => Err(match classify(e) {
                StoreError::Other(d) => StoreError::Blocked(d),
                other => other,
            }),
            None => Err(StoreError::Blocked("tidak ada window".into())),
        };
        LocalStore { storage }
    }

    fn s(&self) -> Result<&web_sys::Storage, StoreError> {
        self.storage.as_ref().map_err(Clone::clone)
    }

    pub fn available(&self) -> Result<(), StoreError> {
        self.s().map(|_| ())
    }
}

impl KeyValue for LocalStore {
    fn available(&self) -> Result<(), StoreError> {
        LocalStore::available(self)
    }
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.s()?.get_item(key).map_err(classify)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.s()?.set_item(key, value).map_err(classify)
    }
    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.s()?.remove_item(key).map_err(classify)
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        let s = self.s()?;
        let n = s.length().map_err(classify)?;
        let mut out = Vec::with_capacity(n as usize);
        for i in 0..n {
            if let Some(k) = s.key(i).map_err(classify)? {
                out.push(k);
            }
        }
        Ok(out)
    }
}
