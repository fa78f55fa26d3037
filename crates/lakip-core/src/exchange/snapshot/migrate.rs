//! Older snapshot versions, brought up to the current one step by step. Each step is a
//! function from version `n` JSON to version `n + 1` JSON that only fills in or renames
//! envelope fields; validation happens afterwards, once, on the current version. A fixture
//! file per version in `tests/fixtures/snapshot/` proves every step
//! (`tests/malformed.rs`, `every_version_reads_to_the_same_report`).
//!
//! | step | what changes |
//! |---|---|
//! | 1 → 2 | the envelope gains `id_laporan` (`""`: unknown), `revisi` (`0`) and `basis` (`null`); `laporan` is unchanged |

use super::{ImportError, VERSION};
use serde_json::{json, Value as J};

/// Bring a snapshot of `version` (1 ≤ version ≤ [`VERSION`]) up to [`VERSION`].
pub(super) fn to_current(mut json: J, version: u32) -> Result<J, ImportError> {
    let mut v = version;
    while v < VERSION {
        json = match v {
            1 => v1_to_v2(json)?,
            // Every version below the current one has a step above.
            _ => return Err(ImportError::BadVersion),
        };
        v += 1;
    }
    Ok(json)
}

/// Version 1 had no report identity and no revision counter. A copy of a version 1 file
/// gets an unknown identity (the app gives it one when it stores it) and revision 0.
fn v1_to_v2(mut json: J) -> Result<J, ImportError> {
    let obj = json.as_object_mut().ok_or(ImportError::NotSnapshot)?;
    obj.entry("id_laporan").or_insert_with(|| json!(""));
    obj.entry("revisi").or_insert_with(|| json!(0));
    obj.entry("basis").or_insert(J::Null);
    obj.insert("versi".into(), json!(2));
    Ok(json)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v1_gains_identity_and_revision() {
        let v1 = json!({"format": "kalkulator-lakip", "versi": 1, "laporan": {}});
        let v2 = to_current(v1, 1).unwrap();
        assert_eq!(v2["versi"], json!(2));
        assert_eq!(v2["id_laporan"], json!(""));
        assert_eq!(v2["revisi"], json!(0));
        assert_eq!(v2["basis"], J::Null);
        assert_eq!(v2["laporan"], json!({}));
        // The current version passes through untouched.
        assert_eq!(to_current(v2.clone(), VERSION).unwrap(), v2);
    }
}
