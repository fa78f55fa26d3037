//! The dashboard: summary figures and its three tables.

use super::common::*;
use super::table::*;
use crate::calc::budget::Amounts;
use crate::calc::capaian::NotComputable;
use crate::calc::compute::{CategoryCounts, Computed};
use crate::model::Report;
use rust_decimal::Decimal;

/// How many weakest items the dashboard lists per kind.
pub const WEAKEST: usize = 5;

/// One of the weakest items of the dashboard.
#[derive(Clone, Debug, PartialEq)]
pub struct Weak {
    /// The item: an IKU, a sub kegiatan output or a program.
    pub name: String,
    /// Where it belongs (its sasaran or program).
    pub context: String,
    /// Capaian or serapan, in percent.
    pub value: Decimal,
    /// Band of the report's scale (for capaian; `None` for serapan).
    pub category: Option<usize>,
}

/// The summary figures of the report.
#[derive(Clone, Debug, PartialEq)]
pub struct Dashboard {
    pub iku: CategoryCounts,
    pub outputs: CategoryCounts,
    /// The whole budget.
    pub budget: Amounts,
    /// Lowest capaian first, computable ones only.
    pub weakest_iku: Vec<Weak>,
    pub weakest_outputs: Vec<Weak>,
    /// Programs with the lowest serapan, lowest first.
    pub lowest_serapan: Vec<Weak>,
}

pub(super) fn lowest(mut v: Vec<Weak>) -> Vec<Weak> {
    // Stable: ties keep the order of the report.
    v.sort_by_key(|w| w.value);
    v.truncate(WEAKEST);
    v
}

pub fn dashboard(report: &Report, computed: &Computed) -> Dashboard {
    let scale = &report.settings.scale;
    let x = Ctx::new(report, computed);
    let mut iku = Vec::new();
    for (si, s) in report.sasaran.iter().enumerate() {
        for (j, ind) in s.iku.iter().enumerate() {
            if let Some(r) = x.iku(si, j) {
                if let Ok(a) = r.this_year.capaian {
                    iku.push(Weak {
                        name: ind.name.clone(),
                        context: s.name.clone(),
                        value: a.value,
                        category: r.this_year.category,
                    });
                }
            }
        }
    }
    let mut outputs = Vec::new();
    let mut serapan = Vec::new();
    for (p, prog) in report.programs.iter().enumerate() {
        if let Some(Ok(v)) = x.program_amounts(p).map(Amounts::serapan) {
            serapan.push(Weak {
                name: prog.name.clone(),
                context: String::new(),
                value: v,
                category: None,
            });
        }
        for (k, keg) in prog.kegiatan.iter().enumerate() {
            for (s, sub) in keg.sub_kegiatan.iter().enumerate() {
                for (o, out) in sub.outputs.iter().enumerate() {
                    if let Some(r) = x.output(p, k, s, o) {
                        if let Ok(a) = r.capaian {
                            let name = if sub.outputs.len() > 1 {
                                format!("{} — {}", sub.name, out.name)
                            } else {
                                sub.name.clone()
                            };
                            outputs.push(Weak {
                                name,
                                context: prog.name.clone(),
                                value: a.value,
                                category: r.category,
                            });
                        }
                    }
                }
            }
        }
    }
    Dashboard {
        iku: computed.iku_counts(scale),
        outputs: computed.output_counts(scale),
        budget: computed.budget.total,
        weakest_iku: lowest(iku),
        weakest_outputs: lowest(outputs),
        lowest_serapan: lowest(serapan),
    }
}

/// Dashboard table 1: how many IKU and outputs fall in each category, best first.
pub fn ringkasan_kategori(report: &Report, computed: &Computed) -> Table {
    let x = Ctx::new(report, computed);
    let d = dashboard(report, computed);
    let mut t = Table::new(
        "ringkasan-kategori",
        format!(
            "Ringkasan: Jumlah Indikator per Kategori, {} Tahun {}",
            report.instansi, report.tahun
        ),
        "Ringkasan Kategori",
        x.dp,
    );
    cols(
        &mut t,
        vec![
            ("Kategori".into(), ColumnKind::Category),
            text_col("Rentang Capaian"),
            num_col("IKU"),
            num_col("Indikator Keluaran"),
        ],
    );
    let count = |c: &CategoryCounts, i: usize| {
        Cell::Number(Decimal::from(c.per_band.get(i).copied().unwrap_or(0)))
    };
    for (i, band) in x.scale().bands.iter().enumerate().rev() {
        t.push(
            0,
            RowKind::Normal,
            vec![
                Cell::Category {
                    label: band.label.clone(),
                    band: i,
                },
                Cell::Text(band.rule()),
                count(&d.iku, i),
                count(&d.outputs, i),
            ],
        );
    }
    t.push(
        0,
        RowKind::Normal,
        vec![
            Cell::text("Tidak dapat dihitung"),
            Cell::Empty,
            Cell::Number(Decimal::from(d.iku.not_computable)),
            Cell::Number(Decimal::from(d.outputs.not_computable)),
        ],
    );
    let total = |c: &CategoryCounts| {
        Cell::Number(Decimal::from(
            c.per_band.iter().sum::<usize>() + c.not_computable,
        ))
    };
    t.push(
        0,
        RowKind::Total,
        vec![
            Cell::text("Jumlah"),
            Cell::Empty,
            total(&d.iku),
            total(&d.outputs),
        ],
    );
    t.notes.push(format!("Skala: {}.", x.scale().name));
    x.cap_note(&mut t);
    t
}

/// Dashboard table 2: budget per program and in total, with serapan and sisa.
pub fn ringkasan_anggaran(report: &Report, computed: &Computed) -> Table {
    let x = Ctx::new(report, computed);
    let mut t = Table::new(
        "ringkasan-anggaran",
        format!(
            "Ringkasan: Serapan Anggaran per Program, {} Tahun {}",
            report.instansi, report.tahun
        ),
        "Ringkasan Anggaran",
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
            money_col("Sisa (Rp)"),
        ],
    );
    let sisa = |a: Option<&Amounts>| match a {
        Some(a) if a.has_pagu => Cell::Money(a.sisa()),
        Some(_) => Cell::NotComputable(NotComputable::NoBudget.to_string()),
        None => Cell::Empty,
    };
    for (p, prog) in report.programs.iter().enumerate() {
        let a = x.program_amounts(p);
        let mut cells = vec![Cell::text(roman(p + 1)), Cell::text(&prog.name)];
        cells.extend(x.amount_cells(a));
        cells.push(sisa(a));
        t.push(0, RowKind::Normal, cells);
    }
    let mut cells = vec![Cell::Empty, Cell::text("JUMLAH")];
    cells.extend(x.amount_cells(Some(&computed.budget.total)));
    cells.push(sisa(Some(&computed.budget.total)));
    t.push(0, RowKind::Total, cells);
    x.rounding_note(&mut t);
    t
}

/// Dashboard table 3: the weakest items: lowest capaian of IKU and outputs, lowest serapan
/// of programs.
pub fn ringkasan_terlemah(report: &Report, computed: &Computed) -> Table {
    let x = Ctx::new(report, computed);
    let d = dashboard(report, computed);
    let mut t = Table::new(
        "ringkasan-terlemah",
        format!(
            "Ringkasan: Capaian dan Serapan Terendah, {} Tahun {}",
            report.instansi, report.tahun
        ),
        "Ringkasan Terendah",
        x.dp,
    );
    cols(
        &mut t,
        vec![
            text_col("Jenis"),
            text_col("Uraian"),
            text_col("Program/Sasaran"),
            pct("Nilai (%)"),
            ("Kategori".into(), ColumnKind::Category),
        ],
    );
    let emit = |t: &mut Table, kind: &str, items: &[Weak]| {
        for w in items {
            let cat = match w
                .category
                .and_then(|b| x.scale().bands.get(b).map(|l| (b, l)))
            {
                Some((band, l)) => Cell::Category {
                    label: l.label.clone(),
                    band,
                },
                None => Cell::Empty,
            };
            t.push(
                0,
                RowKind::Normal,
                vec![
                    Cell::text(kind),
                    Cell::text(&w.name),
                    Cell::text(&w.context),
                    Cell::Percent(w.value),
                    cat,
                ],
            );
        }
    };
    emit(&mut t, "Capaian IKU", &d.weakest_iku);
    emit(&mut t, "Capaian keluaran", &d.weakest_outputs);
    emit(&mut t, "Serapan program", &d.lowest_serapan);
    t.notes.push(format!(
        "Paling banyak {WEAKEST} butir per jenis, nilai terendah lebih dahulu; indikator yang \
         tidak dapat dihitung tidak ikut diurutkan."
    ));
    x.cap_note(&mut t);
    t
}
