//! Any bytes given to the snapshot reader: it never panics, and whatever it accepts is a
//! valid report that exports and imports to itself, passes the pre-save check, and can be
//! stored, diffed and merged with itself.
#![no_main]

use lakip_core::exchange::snapshot::{self, Meta};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Bytes as a file.
    if let Ok(got) = snapshot::import(data) {
        let text = snapshot::export(&got.report, &got.meta);
        let again = snapshot::import_str(&text).expect("an accepted report exports to a readable snapshot");
        assert!(again.report == got.report, "export → import changed the report");
        assert_eq!(again.meta, got.meta);
        assert!(snapshot::check_report(&got.report).is_empty(), "accepted, yet the save check refuses it");
        let d = lakip_core::workspace::diff::diff(&got.report, &got.report);
        assert!(d.is_empty());
        let merged = lakip_core::workspace::merge::merge(&got.report, &got.report, &lakip_core::workspace::merge::MergeChoices::all(&d));
        assert!(merged == got.report);
        let _ = lakip_core::calc::compute::compute(&got.report);
    }
    // The same bytes as a stored value, and as a page holding one.
    if let Ok(text) = std::str::from_utf8(data) {
        if snapshot::is_packed(text) {
            let _ = snapshot::decode(text);
            let _ = snapshot::peek(text);
        }
        if text.contains(snapshot::EMBED_ID) {
            let _ = snapshot::extract_embedded(text);
        }
        if data.len() < 256 {
            let r = lakip_core::model::Report::new("x", 2024, lakip_core::model::Period { first: 2024, last: 2026 });
            let page = snapshot::embed_html(text, &r, &Meta::default());
            assert!(snapshot::extract_embedded(&page).expect("own page reads").expect("holds a report").report == r);
        }
    }
});
