//! Tabel 3.1 (realisasi anggaran) and Tabel 1.1 (SPM).

use super::common::*;
use super::table::*;
use crate::calc::budget::Amounts;
use crate::calc::compute::Computed;
use crate::model::Report;

/// Tabel 3.1 "Rincian Anggaran dan Realisasi Program dan Kegiatan": every program, kegiatan
/// and sub kegiatan with pagu, realisasi and serapan, summed bottom-up, and the total.
pub fn realisasi_anggaran(report: &Report, computed: &Computed) -> Table {
    let x = Ctx::new(report, computed);
    let mut t = Table::new(
        "tabel-3-1",
        format!(
            "Tabel 3.1 Rincian Anggaran dan Realisasi Program dan Kegiatan {} Tahun {}",
            report.instansi, report.tahun
        ),
        "Tabel 3.1 Realisasi Anggaran",
        x.dp,
    );
    let with_code = report.programs.iter().any(|p| {
        !p.code.trim().is_empty()
            || p.kegiatan.iter().any(|k| {
                !k.code.trim().is_empty()
                    || k.sub_kegiatan.iter().any(|s| !s.code.trim().is_empty())
            })
    });
    t.col("No", ColumnKind::Text);
    if with_code {
        t.col("Kode", ColumnKind::Text);
    }
    cols(
        &mut t,
        vec![
            text_col("Program dan Kegiatan"),
            money_col("Anggaran Setelah Perubahan (Rp)"),
            money_col("Realisasi Anggaran (Rp)"),
            pct("Serapan (%)"),
        ],
    );
    let row = |no: String, code: &str, name: &str, a: Option<&Amounts>| -> Vec<Cell> {
        let mut cells = vec![Cell::Text(no)];
        if with_code {
            cells.push(Cell::text(code));
        }
        cells.push(Cell::text(name));
        cells.extend(x.amount_cells(a));
        cells
    };
    for (p, prog) in report.programs.iter().enumerate() {
        t.push(
            0,
            RowKind::Group,
            row(roman(p + 1), &prog.code, &prog.name, x.program_amounts(p)),
        );
        let mut n = 0;
        for (k, keg) in prog.kegiatan.iter().enumerate() {
            t.push(
                1,
                RowKind::Group,
                row(
                    String::new(),
                    &keg.code,
                    &keg.name,
                    x.kegiatan_amounts(p, k),
                ),
            );
            for (s, sub) in keg.sub_kegiatan.iter().enumerate() {
                n += 1;
                t.push(
                    2,
                    RowKind::Normal,
                    row(
                        format!("{n}."),
                        &sub.code,
                        &sub.name,
                        x.sub_amounts(p, k, s),
                    ),
                );
            }
        }
    }
    if !report.programs.is_empty() {
        t.push(
            0,
            RowKind::Total,
            row(String::new(), "", "JUMLAH", Some(&computed.budget.total)),
        );
    }
    t.notes.push(
        "Pagu dan realisasi dijumlahkan dari sub kegiatan ke kegiatan, program dan total (dalam \
         rupiah, bukan rata-rata persentase). Pagu \"-\": tidak ada pagu, serapan tidak dapat \
         dihitung."
            .into(),
    );
    x.rounding_note(&mut t);
    t
}

/// Tabel 1.1 "Realisasi Anggaran Kegiatan SPM": the kegiatan marked SPM with their sub
/// kegiatan, and the total.
pub fn spm(report: &Report, computed: &Computed) -> Table {
    let x = Ctx::new(report, computed);
    let mut t = Table::new(
        "tabel-1-1",
        format!(
            "Tabel 1.1 Realisasi Anggaran Kegiatan SPM pada {} Tahun {}",
            report.instansi, report.tahun
        ),
        "Tabel 1.1 SPM",
        x.dp,
    );
    cols(
        &mut t,
        vec![
            text_col("No"),
            text_col("Kegiatan/Sub Kegiatan"),
            money_col("Pagu Anggaran (Rp)"),
            money_col("Realisasi (Rp)"),
            pct("Serapan (%)"),
        ],
    );
    let mut total = Amounts::default();
    let mut sections = 0;
    let mut n = 0;
    for (p, prog) in report.programs.iter().enumerate() {
        for (k, keg) in prog.kegiatan.iter().enumerate().filter(|(_, k)| k.spm) {
            sections += 1;
            let a = x.kegiatan_amounts(p, k);
            if let Some(a) = a {
                total.add(a);
            }
            let mut cells = vec![Cell::text(roman(sections)), Cell::text(&keg.name)];
            cells.extend(x.amount_cells(a));
            t.push(0, RowKind::Group, cells);
            for (s, sub) in keg.sub_kegiatan.iter().enumerate() {
                n += 1;
                let mut cells = vec![Cell::text(format!("{n}.")), Cell::text(&sub.name)];
                cells.extend(x.amount_cells(x.sub_amounts(p, k, s)));
                t.push(1, RowKind::Normal, cells);
            }
        }
    }
    if sections == 0 {
        t.notes
            .push("Belum ada kegiatan yang ditandai sebagai kegiatan SPM.".into());
    } else {
        let mut cells = vec![Cell::Empty, Cell::text("TOTAL")];
        cells.extend(x.amount_cells(Some(&total)));
        t.push(0, RowKind::Total, cells);
    }
    x.rounding_note(&mut t);
    t
}
