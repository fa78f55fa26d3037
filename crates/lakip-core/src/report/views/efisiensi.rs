//! "a. Analisis atas efisiensi" and "b. Analisis program/kegiatan" of a sasaran.

use super::common::*;
use super::table::*;
use crate::calc::budget::Amounts;
use crate::calc::capaian::{program_capaian, NotComputable};
use crate::calc::compute::Computed;
use crate::model::Report;

/// "a. Analisis atas efisiensi penggunaan sumber daya" of one sasaran: per program pagu,
/// realisasi, serapan, capaian kinerja (see [`crate::calc::capaian::program_capaian`]) and
/// efficiency in rupiah and percent, with the sasaran total.
pub fn efisiensi(report: &Report, computed: &Computed, sasaran: usize) -> Table {
    let x = Ctx::new(report, computed);
    let mut t = Table::new(
        format!("sasaran-{}-efisiensi", sasaran + 1),
        format!(
            "Sasaran {}: {}. Analisis atas Efisiensi Penggunaan Sumber Daya",
            roman(sasaran + 1),
            x.sasaran_label(sasaran)
        ),
        &format!("SS{} a Efisiensi", sasaran + 1),
        x.dp,
    );
    cols(
        &mut t,
        vec![
            text_col("No"),
            text_col("Program"),
            money_col("Pagu (Rp)"),
            money_col("Realisasi (Rp)"),
            pct("Serapan (%)"),
            pct("Capaian Kinerja (%)"),
            money_col("Efisiensi (Rp)"),
            pct("Efisiensi (%)"),
        ],
    );
    let programs = x.sasaran_programs(sasaran);
    let eff_cells = |a: Option<&Amounts>| -> Vec<Cell> {
        match a {
            Some(a) if a.has_pagu && !a.pagu.is_zero() => {
                vec![Cell::Money(a.sisa()), x.percent_cell(a.efisiensi())]
            }
            Some(a) => {
                let e = a
                    .efisiensi()
                    .err()
                    .unwrap_or(NotComputable::NoBudget)
                    .to_string();
                vec![Cell::NotComputable(e.clone()), Cell::NotComputable(e)]
            }
            None => vec![Cell::Empty, Cell::Empty],
        }
    };
    for (n, &p) in programs.iter().enumerate() {
        let Some(prog) = report.programs.get(p) else {
            continue;
        };
        let a = x.program_amounts(p);
        let mut cells = vec![Cell::text(format!("{}", n + 1)), Cell::text(&prog.name)];
        cells.extend(x.amount_cells(a));
        cells.push(
            match program_capaian(
                computed
                    .program_outputs(p)
                    .unwrap_or_default()
                    .iter()
                    .map(|r| &r.capaian),
            ) {
                Some(v) => Cell::Percent(v),
                None => Cell::NotComputable(
                    "tidak dapat dihitung: tidak ada indikator keluaran yang dapat dihitung".into(),
                ),
            },
        );
        cells.extend(eff_cells(a));
        t.push(0, RowKind::Normal, cells);
    }
    if programs.is_empty() {
        t.notes
            .push("Belum ada program yang dikaitkan dengan sasaran ini.".into());
    } else {
        let total = computed.sasaran.get(sasaran).map(|s| &s.budget);
        let mut cells = vec![Cell::Empty, Cell::text("Jumlah")];
        cells.extend(x.amount_cells(total));
        cells.push(Cell::Empty);
        cells.extend(eff_cells(total));
        t.push(0, RowKind::Total, cells);
    }
    t.notes.push(
        "Efisiensi = pagu − realisasi; efisiensi (%) = (pagu − realisasi) / pagu × 100. \
         Nilai negatif berarti realisasi melebihi pagu."
            .into(),
    );
    t.notes.push(PROGRAM_CAPAIAN_NOTE.into());
    x.cap_note(&mut t);
    x.rounding_note(&mut t);
    t
}

/// "b. Analisis Program/Kegiatan yang menunjang keberhasilan ataupun kegagalan" of one
/// sasaran: program → kegiatan → sub kegiatan with pagu, realisasi, serapan, the output
/// ("19 Orang dari target 20 Orang"), its capaian and category.
pub fn program_kegiatan(report: &Report, computed: &Computed, sasaran: usize) -> Table {
    let x = Ctx::new(report, computed);
    let mut t = Table::new(
        format!("sasaran-{}-program", sasaran + 1),
        format!(
            "Sasaran {}: {}. Analisis Program/Kegiatan yang Menunjang Keberhasilan ataupun \
             Kegagalan",
            roman(sasaran + 1),
            x.sasaran_label(sasaran)
        ),
        &format!("SS{} b Program", sasaran + 1),
        x.dp,
    );
    cols(
        &mut t,
        vec![
            text_col("No"),
            text_col("Program/Kegiatan/Sub Kegiatan"),
            money_col("Pagu (Rp)"),
            money_col("Realisasi (Rp)"),
            pct("Serapan (%)"),
            text_col("Keluaran (Realisasi dari Target)"),
            pct("Capaian Keluaran (%)"),
            ("Kategori".into(), ColumnKind::Category),
        ],
    );
    let mut mismatches = Vec::new();
    let programs = x.sasaran_programs(sasaran);
    for &p in &programs {
        let Some(prog) = report.programs.get(p) else {
            continue;
        };
        let mut cells = vec![Cell::Empty, Cell::text(&prog.name)];
        cells.extend(x.amount_cells(x.program_amounts(p)));
        t.push(0, RowKind::Group, cells);
        let mut n = 0;
        for (k, keg) in prog.kegiatan.iter().enumerate() {
            let mut cells = vec![Cell::Empty, Cell::text(format!("Kegiatan {}", keg.name))];
            cells.extend(x.amount_cells(x.kegiatan_amounts(p, k)));
            t.push(1, RowKind::Group, cells);
            for (s, sub) in keg.sub_kegiatan.iter().enumerate() {
                n += 1;
                let mut cells = vec![
                    Cell::text(format!("{n}.")),
                    Cell::text(format!("Sub Kegiatan {}", sub.name)),
                ];
                cells.extend(x.amount_cells(x.sub_amounts(p, k, s)));
                match sub.outputs.first() {
                    None => cells.push(Cell::text("belum ada indikator keluaran")),
                    Some(o) => {
                        cells.push(Cell::Text(output_text(o)));
                        let (c, g) = x.rated_cells(x.output(p, k, s, 0));
                        cells.push(c);
                        cells.push(g);
                    }
                }
                t.push(2, RowKind::Normal, cells);
                for (oi, o) in sub.outputs.iter().enumerate() {
                    if unit_mismatch(o) {
                        mismatches.push(format!(
                            "{}: realisasi dalam satuan \"{}\", target dalam \"{}\"",
                            sub.name,
                            realisation_unit(o),
                            o.unit.trim()
                        ));
                    }
                    if oi == 0 {
                        continue;
                    }
                    let (c, g) = x.rated_cells(x.output(p, k, s, oi));
                    t.push(
                        3,
                        RowKind::Normal,
                        vec![
                            Cell::Empty,
                            Cell::text(format!("Keluaran: {}", o.name)),
                            Cell::Empty,
                            Cell::Empty,
                            Cell::Empty,
                            Cell::Text(output_text(o)),
                            c,
                            g,
                        ],
                    );
                }
            }
        }
    }
    if programs.is_empty() {
        t.notes
            .push("Belum ada program yang dikaitkan dengan sasaran ini.".into());
    }
    t.notes.push(
        "Pagu dan realisasi kegiatan dan program adalah jumlah rupiah sub kegiatannya; \
         serapan = realisasi / pagu × 100."
            .into(),
    );
    if !mismatches.is_empty() {
        t.notes.push(format!(
            "Satuan realisasi berbeda dengan satuan target (periksa data): {}.",
            mismatches.join("; ")
        ));
    }
    x.cap_note(&mut t);
    x.rounding_note(&mut t);
    t
}
