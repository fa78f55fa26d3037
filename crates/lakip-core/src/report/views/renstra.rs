//! Renstra (Tabel II.1) and the Perjanjian Kinerja.

use super::common::*;
use super::perbandingan::{head, iku_rows};
use super::table::*;
use crate::calc::budget::{pk_difference, Amounts};
use crate::calc::capaian::{percent, NotComputable};
use crate::calc::compute::Computed;
use crate::model::{Indicator, Report};
use rust_decimal::Decimal;

/// Tabel II.1 "Tujuan dan Sasaran Rencana Strategis": every tujuan and sasaran indicator with
/// its target for each year of the Renstra.
pub fn renstra(report: &Report, computed: &Computed) -> Table {
    let x = Ctx::new(report, computed);
    let p = report.renstra;
    let mut t = Table::new(
        "tabel-2-1",
        format!(
            "Tabel II.1 Tujuan dan Sasaran Rencana Strategis {} Tahun {}–{}",
            report.instansi, p.first, p.last
        ),
        "Tabel II.1 Renstra",
        x.dp,
    );
    let years: Vec<i32> = p.years().take(10).collect();
    cols(
        &mut t,
        vec![
            text_col("No"),
            text_col("Tujuan"),
            text_col("Sasaran"),
            text_col("Indikator Tujuan/Sasaran"),
            text_col("Satuan"),
            text_col("Arah"),
        ],
    );
    for y in &years {
        t.col(format!("Target {y}"), ColumnKind::Number);
    }
    let ind_cells = |ind: &Indicator| -> Vec<Cell> {
        let mut c = vec![
            Cell::text(&ind.name),
            Cell::text(&ind.unit),
            Cell::text(ind.direction.label()),
        ];
        c.extend(years.iter().map(|y| value_cell(ind.targets.get(y))));
        c
    };
    let mut n = 0;
    let emit_sasaran = |t: &mut Table, s: &crate::model::Sasaran| {
        if s.iku.is_empty() {
            t.push(
                1,
                RowKind::Normal,
                vec![Cell::Empty, Cell::Empty, Cell::text(&s.name)],
            );
        }
        for (j, ind) in s.iku.iter().enumerate() {
            let mut c = vec![
                Cell::Empty,
                Cell::Empty,
                if j == 0 {
                    Cell::text(&s.name)
                } else {
                    Cell::Empty
                },
            ];
            c.extend(ind_cells(ind));
            t.push(1, RowKind::Normal, c);
        }
    };
    for tj in &report.tujuan {
        n += 1;
        let mut c = vec![
            Cell::text(format!("{n}.")),
            Cell::text(&tj.name),
            Cell::Empty,
        ];
        if let Some(first) = tj.indicators.first() {
            c.extend(ind_cells(first));
        }
        t.push(0, RowKind::Group, c);
        for ind in tj.indicators.iter().skip(1) {
            let mut c = vec![Cell::Empty, Cell::Empty, Cell::Empty];
            c.extend(ind_cells(ind));
            t.push(0, RowKind::Normal, c);
        }
        for s in report
            .sasaran
            .iter()
            .filter(|s| s.tujuan_id.as_ref() == Some(&tj.id))
        {
            emit_sasaran(&mut t, s);
        }
    }
    let orphans: Vec<_> = report
        .sasaran
        .iter()
        .filter(|s| match &s.tujuan_id {
            None => true,
            Some(id) => !report.tujuan.iter().any(|tj| &tj.id == id),
        })
        .collect();
    if !orphans.is_empty() {
        t.push(
            0,
            RowKind::Group,
            vec![Cell::Empty, Cell::text("(sasaran tanpa tujuan)")],
        );
        for s in orphans {
            emit_sasaran(&mut t, s);
        }
    }
    t
}

/// Perjanjian Kinerja, part 1: the target of each IKU agreed in the PK, beside the Renstra
/// target of the year.
pub fn pk_target(report: &Report, computed: &Computed) -> Table {
    let x = Ctx::new(report, computed);
    let y = report.tahun;
    let mut t = Table::new(
        "pk-target",
        format!(
            "Perjanjian Kinerja Tahun {y} {}: Sasaran, IKU dan Target",
            report.instansi
        ),
        "PK Target",
        x.dp,
    );
    head(&mut t);
    cols(
        &mut t,
        vec![
            num_col(format!("Target PK {y}")),
            num_col(format!("Target Renstra {y}")),
            text_col("Keterangan"),
        ],
    );
    let all: Vec<usize> = (0..report.sasaran.len()).collect();
    iku_rows(&x, &mut t, &all, |ind, _| {
        let renstra = ind.targets.get(&y);
        let note = match (&ind.target_pk, renstra) {
            (None, Some(_)) => "target PK belum diisi; capaian memakai target Renstra",
            (None, None) => "target belum diisi",
            (Some(a), Some(b)) if a != b => "target PK berbeda dengan target Renstra",
            _ => "",
        };
        vec![
            value_cell(ind.target_pk.as_ref()),
            value_cell(renstra),
            if note.is_empty() {
                Cell::Empty
            } else {
                Cell::text(note)
            },
        ]
    });
    if !report.pk.signed.trim().is_empty() {
        t.notes.push(format!(
            "Perjanjian Kinerja ditandatangani {}.",
            report.pk.signed.trim()
        ));
    }
    t
}

/// Perjanjian Kinerja, part 2: the budget of each program in the PK against its final pagu
/// (after amendment), and the difference `PK − pagu akhir`.
pub fn pk_anggaran(report: &Report, computed: &Computed) -> Table {
    let x = Ctx::new(report, computed);
    let y = report.tahun;
    let mut t = Table::new(
        "pk-anggaran",
        format!(
            "Perjanjian Kinerja Tahun {y} {}: Anggaran Program dan Pagu Akhir",
            report.instansi
        ),
        "PK Anggaran",
        x.dp,
    );
    cols(
        &mut t,
        vec![
            text_col("No"),
            text_col("Program"),
            money_col("Anggaran PK (Rp)"),
            money_col("Pagu Akhir (Rp)"),
            money_col("Selisih PK − Pagu Akhir (Rp)"),
            pct("Selisih thd Pagu Akhir (%)"),
        ],
    );
    let mut pk_total = Decimal::ZERO;
    let mut final_total = Amounts::default();
    let mut n = 0;
    let mut missing = Vec::new();
    let diff_cells = |pk: Decimal, a: Option<&Amounts>| -> Vec<Cell> {
        match a {
            Some(a) if a.has_pagu => {
                let Some(diff) = pk_difference(Some(pk), a) else {
                    return vec![Cell::Money(a.pagu), Cell::Empty, Cell::Empty];
                };
                vec![
                    Cell::Money(a.pagu),
                    Cell::Money(diff),
                    x.percent_cell(percent(diff, a.pagu).map_err(|_| NotComputable::NoBudget)),
                ]
            }
            Some(_) => vec![
                Cell::text("-"),
                Cell::NotComputable(NotComputable::NoBudget.to_string()),
                Cell::NotComputable(NotComputable::NoBudget.to_string()),
            ],
            None => vec![Cell::Empty, Cell::Empty, Cell::Empty],
        }
    };
    for (p, prog) in report.programs.iter().enumerate() {
        let Some(pk) = prog.pagu_pk else {
            missing.push(prog.name.as_str());
            continue;
        };
        n += 1;
        pk_total += pk;
        let a = x.program_amounts(p);
        if let Some(a) = a {
            final_total.add(a);
        }
        let mut cells = vec![
            Cell::text(format!("{n}.")),
            Cell::text(&prog.name),
            Cell::Money(pk),
        ];
        cells.extend(diff_cells(pk, a));
        t.push(0, RowKind::Normal, cells);
    }
    if n > 0 {
        let mut cells = vec![Cell::Empty, Cell::text("JUMLAH"), Cell::Money(pk_total)];
        cells.extend(diff_cells(pk_total, Some(&final_total)));
        t.push(0, RowKind::Total, cells);
    } else {
        t.notes
            .push("Belum ada anggaran program yang diisi untuk Perjanjian Kinerja.".into());
    }
    if !missing.is_empty() && n > 0 {
        t.notes.push(format!(
            "Program yang tidak tercantum dalam PK: {}.",
            missing.join("; ")
        ));
    }
    t.notes.push(
        "Selisih negatif: anggaran PK lebih kecil daripada pagu akhir (setelah perubahan).".into(),
    );
    if !report.pk.signed.trim().is_empty() {
        t.notes.push(format!(
            "Perjanjian Kinerja ditandatangani {}.",
            report.pk.signed.trim()
        ));
    }
    x.rounding_note(&mut t);
    t
}
