//! Full recompute, export and import of a consolidated city-wide report with 20.000 sub
//! kegiatan (`generate::report(20_000, 1)`). For information only: no user waits on a
//! native recompute; the goals that matter are measured in the shipped wasm
//! (`tests/e2e/tests/perf.rs`).
//!
//! `cargo bench -p lakip-core --bench recompute`

use criterion::{criterion_group, criterion_main, Criterion};
use lakip_core::calc::compute::compute;
use lakip_core::exchange::snapshot::{self, Meta};
use lakip_core::generate;
use std::hint::black_box;
use std::time::Duration;

fn benches(c: &mut Criterion) {
    let report = generate::report(20_000, 1);
    assert_eq!(report.sub_kegiatan_count(), 20_000);
    let json = snapshot::export(&report, &Meta::default());
    // What is measured must be what the app does: the snapshot reads back unchanged.
    let back = snapshot::import_str(&json).expect("generated report imports");
    assert!(
        back.report == report,
        "generated report survives export/import"
    );
    eprintln!(
        "report: {} programs, {} kegiatan, {} sub kegiatan, {} outputs; snapshot {} KiB",
        report.programs.len(),
        report
            .programs
            .iter()
            .map(|p| p.kegiatan.len())
            .sum::<usize>(),
        report.sub_kegiatan_count(),
        report
            .sub_kegiatan_iter()
            .map(|(_, _, s)| s.outputs.len())
            .sum::<usize>(),
        json.len() / 1024,
    );

    let mut g = c.benchmark_group("laporan_20000_sub_kegiatan");
    g.bench_function("compute", |b| b.iter(|| compute(black_box(&report))));
    g.sample_size(20).measurement_time(Duration::from_secs(8));
    g.bench_function("snapshot_export", |b| {
        b.iter(|| snapshot::export(black_box(&report), &Meta::default()))
    });
    g.bench_function("snapshot_import_str", |b| {
        b.iter(|| snapshot::import_str(black_box(&json)).expect("imports"))
    });
    g.finish();
}

criterion_group!(recompute, benches);
criterion_main!(recompute);
