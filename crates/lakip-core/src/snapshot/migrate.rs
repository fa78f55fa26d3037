//! Older snapshot versions, brought up to the current one step by step. Each step is a
//! function from version `n` JSON to version `n + 1` JSON; a fixture file per version in
//! `tests/fixtures/snapshot/` proves every step.

use super::ImportError;
use serde_json::Value as J;

/// Bring a snapshot of `version` up to [`super::VERSION`].
pub(super) fn to_current(json: J, version: u32) -> Result<J, ImportError> {
    // Version 1 is the first published format: nothing to migrate yet.
    debug_assert!(version <= super::VERSION);
    Ok(json)
}
