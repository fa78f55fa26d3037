//! Where the time of opening and importing a 20.000-row report goes, natively (for
//! information: the browser's figures are measured by `tests/e2e/tests/perf.rs`; wasm is
//! slower, but the shares are alike).
//!
//! `cargo test --release -p lakip-core --test load_phases -- --ignored --nocapture`

use lakip_core::calc::compute::compute;
use lakip_core::exchange::snapshot::{self, Meta};
use lakip_core::generate;
use lakip_core::workspace::diff;
use std::time::Instant;

fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut t: Vec<f64> = (0..runs)
        .map(|_| {
            let s = Instant::now();
            f();
            s.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    t.sort_by(|a, b| a.partial_cmp(b).unwrap());
    t[runs / 2]
}

#[test]
#[ignore = "pengukuran; jalankan dengan --ignored --nocapture (sebaiknya --release)"]
fn phases_of_a_20000_row_report() {
    phases(5_000);
    phases(20_000);
}

fn phases(rows: usize) {
    let report = generate::report(rows, 1);
    let meta = Meta::default();
    let pretty = snapshot::export_pretty(&report, &meta);
    let compact = snapshot::export(&report, &meta);
    let stored = snapshot::encode(&compact);
    let n = 7;
    let decode = median_ms(n, || {
        snapshot::decode(&stored).unwrap();
    });
    let import_compact = median_ms(n, || {
        snapshot::import_str(&compact).unwrap();
    });
    let import_pretty = median_ms(n, || {
        snapshot::import_str(&pretty).unwrap();
    });
    let computing = median_ms(n, || {
        compute(&report);
    });
    let other = report.clone();
    let diffing = median_ms(n, || {
        diff::diff(&report, &other);
    });
    println!(
        "{rows} sub kegiatan (median, n={n}): tersimpan {} karakter → JSON {} bita: buka kemasan {decode:.1} ms; \
         impor JSON ringkas {import_compact:.1} ms; impor JSON rapi ({} bita) {import_pretty:.1} ms; \
         compute {computing:.1} ms; diff dengan laporan sama {diffing:.1} ms",
        stored.chars().count(),
        compact.len(),
        pretty.len()
    );
}
