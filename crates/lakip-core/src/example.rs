//! The built-in example: LAKIP 2024 of Dinas Sosial Kota Pontianak (the seed document), as
//! leaf data in the snapshot format. Every total, percentage and category shown for it is
//! computed; none is copied from the printed report (whose own figures are often wrong).

use crate::exchange::snapshot;
use crate::model::Report;

/// The example as snapshot JSON.
pub const EXAMPLE_JSON: &str = include_str!("../data/contoh-dinsos-pontianak-2024.json");

/// The example report.
pub fn example() -> Report {
    snapshot::import_str(EXAMPLE_JSON)
        .expect("the built-in example is a valid snapshot")
        .report
}
