//! Every table of the LAKIP as plain data: a render-agnostic [`Table`] (columns, rows of typed
//! [`Cell`]s, notes) built only from a [`Report`] and its [`Computed`] figures. The web app
//! renders these tables to HTML, [`crate::exchange::export`] writes them to CSV, TSV and `.xlsx`, and
//! [`crate::report::narrative`] writes the sentences of Bab III from the same helpers.
//!
//! Nothing here re-implements a formula: serapan, sisa and efisiensi come from
//! [`Amounts`], capaian and kategori from [`Rated`] / [`IndicatorResult`], the trend from
//! [`crate::calc::capaian::Trend`]. A printed figure of a source document is never copied; a
//! missing or impossible figure is a [`Cell::NotComputable`] with its reason, never 0.
//!
//! One choice is made here and documented on [`crate::calc::capaian::program_capaian`]: the "Capaian Kinerja" of a
//! program in the efficiency table is the plain mean of the capaian of its output indicators.
//!
//! Every builder accepts any report, including an empty one, and never panics, even when the
//! `Computed` does not match the report (missing figures then show as empty cells).

mod anggaran;
mod common;
mod dashboard;
mod efisiensi;
mod formulir;
mod perbandingan;
mod renstra;
mod table;

pub use anggaran::*;
pub use common::{
    output_text, percent_text, realisation_unit, trend_text, unit_mismatch, with_unit,
};
pub use dashboard::*;
pub use efisiensi::*;
pub use formulir::*;
pub use perbandingan::*;
pub use renstra::*;
pub use table::*;

use crate::calc::compute::Computed;
use crate::model::Report;

/// Every table of the report in a stable order: the dashboard, Tabel 1.1 (SPM), Tabel II.1
/// (Renstra), the Perjanjian Kinerja, then per sasaran the five comparisons, the efficiency
/// analysis and the program/kegiatan table, then Tabel 3.1 and the Formulir Pengukuran
/// Kinerja.
pub fn all(report: &Report, computed: &Computed) -> Vec<Table> {
    let mut v = vec![
        ringkasan_kategori(report, computed),
        ringkasan_anggaran(report, computed),
        ringkasan_terlemah(report, computed),
        spm(report, computed),
        renstra(report, computed),
        pk_target(report, computed),
        pk_anggaran(report, computed),
    ];
    for si in 0..report.sasaran.len() {
        v.extend(capaian_sasaran(report, computed, si));
        v.push(efisiensi(report, computed, si));
        v.push(program_kegiatan(report, computed, si));
    }
    v.push(realisasi_anggaran(report, computed));
    v.push(formulir_pengukuran(report, computed));
    v
}

#[cfg(test)]
mod tests {
    use super::common::roman;
    use super::*;
    use crate::model::value::Value;
    use rust_decimal::Decimal;

    #[test]
    fn roman_numerals() {
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(6), "VI");
        assert_eq!(roman(14), "XIV");
        assert_eq!(roman(0), "0");
    }

    #[test]
    fn cells_display_indonesian() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(Cell::Money(d("14538093081")).display(), "14.538.093.081");
        assert_eq!(Cell::Money(d("252398711.02")).display(), "252.398.711,02");
        assert_eq!(Cell::Percent(d("101.6949152")).display(), "101,69%");
        assert_eq!(Cell::Percent(d("94.115")).display(), "94,12%");
        assert_eq!(Cell::Number(d("4.25")).display(), "4,25");
        assert_eq!(
            Cell::Value(Value::Range {
                low: d("80"),
                high: d("90")
            })
            .display(),
            "80–90"
        );
        assert_eq!(Cell::Empty.display(), "");
    }
}
