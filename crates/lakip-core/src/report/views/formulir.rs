//! Formulir Pengukuran Kinerja (Lampiran).

use super::common::*;
use super::table::*;
use crate::calc::budget::Amounts;
use crate::calc::compute::Computed;
use crate::model::Report;

/// The Lampiran "Formulir Pengukuran Kinerja": each sasaran with its IKU, target, realisasi,
/// capaian and category, and the budget of the programs that support it; then the total of
/// those programs, the programs linked to no sasaran, and the whole budget.
pub fn formulir_pengukuran(report: &Report, computed: &Computed) -> Table {
    let x = Ctx::new(report, computed);
    let y = report.tahun;
    let mut t = Table::new(
        "formulir-pengukuran-kinerja",
        format!(
            "Formulir Pengukuran Kinerja {} Tahun Anggaran {y}",
            report.instansi
        ),
        "Formulir Pengukuran Kinerja",
        x.dp,
    );
    cols(
        &mut t,
        vec![
            text_col("No"),
            text_col("Sasaran Strategis"),
            text_col("Indikator Kinerja Utama"),
            text_col("Satuan"),
            num_col(format!("Target {y}")),
            num_col(format!("Realisasi {y}")),
            pct("Capaian (%)"),
            (("Kategori").to_string(), ColumnKind::Category),
            money_col("Anggaran Program (Rp)"),
            money_col("Realisasi Anggaran (Rp)"),
            pct("Serapan (%)"),
        ],
    );
    let mut linked = Amounts::default();
    let mut any_linked = false;
    for (si, s) in report.sasaran.iter().enumerate() {
        let sr = computed.sasaran.get(si);
        let budget = sr.map(|r| r.budget);
        if let Some(b) = &budget {
            linked.add(b);
            any_linked |= !x.sasaran_programs(si).is_empty();
        }
        let mut money = x.amount_cells(budget.as_ref());
        if x.sasaran_programs(si).is_empty() {
            money = vec![Cell::Empty, Cell::Empty, Cell::Empty];
        }
        if s.iku.is_empty() {
            let mut cells = vec![
                Cell::text(format!("{}.", si + 1)),
                Cell::text(&s.name),
                Cell::NotComputable("belum ada IKU".into()),
            ];
            cells.resize(8, Cell::Empty);
            cells.extend(money);
            t.push(0, RowKind::Normal, cells);
            continue;
        }
        for (j, ind) in s.iku.iter().enumerate() {
            let res = x.iku(si, j);
            let (cap, cat) = x.rated_cells(res.map(|r| &r.this_year));
            let first = j == 0;
            let mut cells = vec![
                if first {
                    Cell::text(format!("{}.", si + 1))
                } else {
                    Cell::Empty
                },
                if first {
                    Cell::text(&s.name)
                } else {
                    Cell::Empty
                },
                Cell::text(&ind.name),
                Cell::text(&ind.unit),
                value_cell(res.and_then(|r| r.target.as_ref())),
                value_cell(res.and_then(|r| r.realisasi.as_ref())),
                cap,
                cat,
            ];
            if first {
                cells.extend(money.clone());
            }
            t.push(0, RowKind::Normal, cells);
        }
        if s.iku.len() > 1 {
            let mean_cap = sr.and_then(|r| r.mean_capaian);
            let mut cells = vec![
                Cell::Empty,
                Cell::Empty,
                Cell::text("Capaian sasaran (rata-rata IKU)"),
            ];
            cells.resize(6, Cell::Empty);
            match mean_cap {
                Some(m) => {
                    cells.push(Cell::Percent(m));
                    let band = sr.and_then(|r| r.mean_category);
                    cells.push(
                        match band.and_then(|b| x.scale().bands.get(b).map(|l| (b, l))) {
                            Some((band, l)) => Cell::Category {
                                label: l.label.clone(),
                                band,
                            },
                            None => Cell::Empty,
                        },
                    );
                }
                None => cells.push(Cell::NotComputable(
                    "tidak dapat dihitung: tidak ada IKU yang dapat dihitung".into(),
                )),
            }
            t.push(1, RowKind::Group, cells);
        }
    }

    let total_row = |label: String, a: Option<&Amounts>, kind: RowKind| {
        let mut cells = vec![Cell::Empty, Cell::text(label)];
        cells.resize(8, Cell::Empty);
        cells.extend(x.amount_cells(a));
        (kind, cells)
    };
    if any_linked {
        let (k, c) = total_row(
            "Jumlah anggaran program pendukung sasaran strategis".into(),
            Some(&linked),
            RowKind::Total,
        );
        t.push(0, k, c);
    }
    let unlinked: Vec<&str> = report
        .programs
        .iter()
        .enumerate()
        .filter(|(pi, _)| {
            computed
                .program_sasaran
                .get(*pi)
                .map(|s| s.is_none())
                .unwrap_or(true)
        })
        .map(|(_, p)| p.name.as_str())
        .collect();
    if !unlinked.is_empty() {
        let (k, c) = total_row(
            format!(
                "Program yang tidak dikaitkan dengan sasaran: {}",
                unlinked.join("; ")
            ),
            Some(&computed.unlinked_budget),
            RowKind::Normal,
        );
        t.push(0, k, c);
    }
    if !report.programs.is_empty() {
        let (k, c) = total_row(
            format!("Jumlah seluruh anggaran {} Tahun {y}", report.instansi),
            Some(&computed.budget.total),
            RowKind::Total,
        );
        t.push(0, k, c);
    }
    t.notes.push(
        "Capaian = realisasi / target × 100 (semakin tinggi semakin baik) atau \
         (2 × target − realisasi) / target × 100 (semakin rendah semakin baik); serapan = \
         realisasi anggaran / pagu × 100, dijumlahkan dari sub kegiatan."
            .into(),
    );
    if !unlinked.is_empty() {
        t.notes.push(
            "Jumlah seluruh anggaran termasuk program yang tidak dikaitkan dengan sasaran \
             strategis (mis. program penunjang urusan)."
                .into(),
        );
    }
    x.cap_note(&mut t);
    x.rounding_note(&mut t);
    t
}
