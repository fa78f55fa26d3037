//! The comparisons of Bab III (PermenPAN-RB 53/2014), per sasaran.

use super::common::*;
use super::table::*;
use crate::calc::compute::{Computed, IndicatorResult};
use crate::model::scale::Scale;
use crate::model::{Indicator, Report};
use std::collections::BTreeSet;

/// The five comparisons of Bab III A for each IKU.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Perbandingan {
    /// 1. Target vs realisasi this year.
    Target,
    /// 2. This year vs earlier years.
    Tahunan,
    /// 3. Realisation to date vs the Renstra target.
    Renstra,
    /// 4. vs the provincial or national standard.
    Standar,
    /// 5. Causes of success or failure and the solution.
    Analisis,
}

impl Perbandingan {
    pub const ALL: [Perbandingan; 5] = [
        Perbandingan::Target,
        Perbandingan::Tahunan,
        Perbandingan::Renstra,
        Perbandingan::Standar,
        Perbandingan::Analisis,
    ];

    fn slug(self) -> &'static str {
        match self {
            Perbandingan::Target => "target",
            Perbandingan::Tahunan => "tahunan",
            Perbandingan::Renstra => "renstra",
            Perbandingan::Standar => "standar",
            Perbandingan::Analisis => "analisis",
        }
    }

    fn number(self) -> usize {
        Perbandingan::ALL
            .iter()
            .position(|p| *p == self)
            .unwrap_or(0)
            + 1
    }

    fn short(self) -> &'static str {
        match self {
            Perbandingan::Target => "Target",
            Perbandingan::Tahunan => "Antartahun",
            Perbandingan::Renstra => "Renstra",
            Perbandingan::Standar => "Standar",
            Perbandingan::Analisis => "Analisis",
        }
    }

    /// The heading of the section in Bab III.
    pub fn heading(self) -> &'static str {
        match self {
            Perbandingan::Target => "Membandingkan Antara Target dan Realisasi Kinerja Tahun Ini",
            Perbandingan::Tahunan => {
                "Membandingkan Realisasi Kinerja serta Capaian Kinerja Tahun Ini dengan Tahun \
                 Lalu dan Beberapa Tahun Terakhir"
            }
            Perbandingan::Renstra => {
                "Membandingkan Realisasi Kinerja sampai dengan Tahun Ini dengan Target Jangka \
                 Menengah dalam Dokumen Renstra"
            }
            Perbandingan::Standar => {
                "Membandingkan Realisasi Kinerja Tahun Ini dengan Standar Provinsi/Nasional"
            }
            Perbandingan::Analisis => {
                "Analisis Penyebab Keberhasilan/Kegagalan serta Alternatif Solusi yang Dilakukan"
            }
        }
    }
}

/// One comparison table. `sasaran: Some(i)` for the section of sasaran `i`; `None` for the
/// section "Tujuan Perangkat Daerah", which lists every sasaran.
pub fn perbandingan(
    report: &Report,
    computed: &Computed,
    kind: Perbandingan,
    sasaran: Option<usize>,
) -> Table {
    let x = Ctx::new(report, computed);
    let scope: Vec<usize> = match sasaran {
        Some(i) if i < report.sasaran.len() => vec![i],
        Some(_) => Vec::new(),
        None => (0..report.sasaran.len()).collect(),
    };
    let (id, title, short) = match sasaran {
        Some(i) => (
            format!("sasaran-{}-{}", i + 1, kind.slug()),
            format!(
                "Sasaran {}: {}. {}",
                roman(i + 1),
                x.sasaran_label(i),
                kind.heading()
            ),
            format!("SS{} {} {}", i + 1, kind.number(), kind.short()),
        ),
        None => (
            format!("tujuan-{}", kind.slug()),
            format!("Tujuan Perangkat Daerah: {}", kind.heading()),
            format!("Tujuan {} {}", kind.number(), kind.short()),
        ),
    };
    let mut t = Table::new(id, title, &short, x.dp);
    match kind {
        Perbandingan::Target => cmp_target(&x, &mut t, &scope),
        Perbandingan::Tahunan => cmp_years(&x, &mut t, &scope),
        Perbandingan::Renstra => cmp_renstra(&x, &mut t, &scope),
        Perbandingan::Standar => cmp_standard(&x, &mut t, &scope),
        Perbandingan::Analisis => cmp_analysis(&x, &mut t, &scope, sasaran.is_some()),
    }
    x.cap_note(&mut t);
    x.rounding_note(&mut t);
    t
}

/// The five comparison tables of one sasaran, in the order of Bab III.
pub fn capaian_sasaran(report: &Report, computed: &Computed, sasaran: usize) -> Vec<Table> {
    Perbandingan::ALL
        .iter()
        .map(|k| perbandingan(report, computed, *k, Some(sasaran)))
        .collect()
}

/// Rows "No, Sasaran, IKU" for each IKU of the sasaran in scope, with the rest filled by `f`.
pub(super) fn iku_rows(
    x: &Ctx<'_>,
    t: &mut Table,
    scope: &[usize],
    mut f: impl FnMut(&Indicator, Option<&IndicatorResult>) -> Vec<Cell>,
) {
    for &si in scope {
        let Some(s) = x.r.sasaran.get(si) else {
            continue;
        };
        if s.iku.is_empty() {
            t.push(
                0,
                RowKind::Normal,
                vec![
                    Cell::text(format!("{}", si + 1)),
                    Cell::text(&s.name),
                    Cell::NotComputable("belum ada IKU".into()),
                ],
            );
        }
        for (j, ind) in s.iku.iter().enumerate() {
            let mut cells = vec![
                if j == 0 {
                    Cell::text(format!("{}", si + 1))
                } else {
                    Cell::Empty
                },
                if j == 0 {
                    Cell::text(&s.name)
                } else {
                    Cell::Empty
                },
                Cell::text(&ind.name),
                Cell::text(&ind.unit),
            ];
            cells.extend(f(ind, x.iku(si, j)));
            t.push(0, RowKind::Normal, cells);
        }
    }
}

pub(super) fn head(t: &mut Table) {
    cols(
        t,
        vec![
            text_col("No"),
            text_col("Sasaran Strategis"),
            text_col("Indikator Kinerja Utama"),
            text_col("Satuan"),
        ],
    );
}

pub(super) fn cmp_target(x: &Ctx<'_>, t: &mut Table, scope: &[usize]) {
    let y = x.r.tahun;
    head(t);
    cols(
        t,
        vec![
            num_col(format!("Target {y}")),
            num_col(format!("Realisasi {y}")),
            pct("Capaian (%)"),
            ("Kategori".into(), ColumnKind::Category),
        ],
    );
    iku_rows(x, t, scope, |_, r| {
        let (cap, cat) = x.rated_cells(r.map(|r| &r.this_year));
        vec![
            value_cell(r.and_then(|r| r.target.as_ref())),
            value_cell(r.and_then(|r| r.realisasi.as_ref())),
            cap,
            cat,
        ]
    });
    t.notes.push(
        "Target tahun berjalan diambil dari Perjanjian Kinerja bila diisi, selain itu dari \
         Renstra."
            .into(),
    );
}

/// Years before the report year with a realisation of any IKU (at most the last five).
pub(super) fn history_years(r: &Report) -> Vec<i32> {
    let set: BTreeSet<i32> = r
        .sasaran
        .iter()
        .flat_map(|s| &s.iku)
        .flat_map(|i| i.realisations.keys().copied())
        .filter(|y| *y < r.tahun)
        .collect();
    let v: Vec<i32> = set.into_iter().collect();
    let skip = v.len().saturating_sub(5);
    v[skip..].to_vec()
}

pub(super) fn cmp_years(x: &Ctx<'_>, t: &mut Table, scope: &[usize]) {
    let y = x.r.tahun;
    let years = history_years(x.r);
    // A capaian column for an earlier year only where some IKU has a target for that year.
    let with_target: Vec<bool> = years
        .iter()
        .map(|yy| {
            scope
                .iter()
                .filter_map(|si| x.r.sasaran.get(*si))
                .flat_map(|s| &s.iku)
                .any(|i| i.targets.contains_key(yy))
        })
        .collect();
    head(t);
    t.col(format!("Target {y}"), ColumnKind::Number);
    for (yy, cap) in years.iter().zip(&with_target) {
        t.col(format!("Realisasi {yy}"), ColumnKind::Number);
        if *cap {
            t.col(format!("Capaian {yy} (%)"), ColumnKind::Percent);
        }
    }
    t.col(format!("Realisasi {y}"), ColumnKind::Number);
    t.col(format!("Capaian {y} (%)"), ColumnKind::Percent);
    for yy in &years {
        t.col(format!("Dibanding {yy}"), ColumnKind::Text);
    }
    iku_rows(x, t, scope, |ind, r| {
        let mut cells = vec![value_cell(r.and_then(|r| r.target.as_ref()))];
        let find = |yy: i32| r.and_then(|r| r.history.iter().find(|h| h.year == yy));
        for (yy, cap) in years.iter().zip(&with_target) {
            match find(*yy) {
                Some(h) => {
                    cells.push(Cell::Value(h.realisasi.clone()));
                    if *cap {
                        cells.push(x.percent_cell(h.capaian.map(|a| a.value)));
                    }
                }
                None => {
                    cells.push(Cell::text("-"));
                    if *cap {
                        cells.push(Cell::Empty);
                    }
                }
            }
        }
        cells.push(value_cell(r.and_then(|r| r.realisasi.as_ref())));
        cells.push(x.rated_cells(r.map(|r| &r.this_year)).0);
        for yy in &years {
            cells.push(match find(*yy) {
                Some(h) => Cell::Text(trend_text(h, &ind.unit)),
                None => Cell::text("-"),
            });
        }
        cells
    });
    t.notes.push(
        "\"Membaik\"/\"memburuk\" memperhitungkan arah indikator: untuk indikator yang \
         semakin rendah semakin baik, penurunan nilai berarti membaik. \"-\": tidak ada data \
         realisasi tahun itu."
            .into(),
    );
}

pub(super) fn cmp_renstra(x: &Ctx<'_>, t: &mut Table, scope: &[usize]) {
    let y = x.r.tahun;
    let p = x.r.renstra;
    head(t);
    cols(
        t,
        vec![
            num_col(format!("Target {y}")),
            num_col(format!("Realisasi {y}")),
            num_col(format!("Target Renstra {}–{}", p.first, p.last)),
            num_col(format!("Realisasi s.d. {y}")),
            pct("Capaian thd Renstra (%)"),
            text_col("Keterangan"),
        ],
    );
    iku_rows(x, t, scope, |ind, r| {
        let rc = r.map(|r| &r.renstra);
        vec![
            value_cell(r.and_then(|r| r.target.as_ref())),
            value_cell(r.and_then(|r| r.realisasi.as_ref())),
            value_cell(rc.and_then(|c| c.target.as_ref())),
            value_cell(rc.and_then(|c| c.realisasi.as_ref())),
            match rc {
                Some(c) => x.percent_cell(c.capaian.map(|a| a.value)),
                None => Cell::Empty,
            },
            Cell::text(match ind.accumulation {
                crate::model::Accumulation::LastValue => "nilai tahun terakhir",
                crate::model::Accumulation::Cumulative => "kumulatif",
            }),
        ]
    });
    t.notes.push(
        "Target Renstra: target tahun terakhir periode Renstra, atau jumlah target seluruh \
         tahun untuk indikator kumulatif."
            .into(),
    );
}

pub(super) fn cmp_standard(x: &Ctx<'_>, t: &mut Table, scope: &[usize]) {
    let y = x.r.tahun;
    head(t);
    cols(
        t,
        vec![
            num_col(format!("Realisasi {y}")),
            text_col("Indikator Standar"),
            num_col("Nilai Standar"),
            pct("Capaian thd Standar (%)"),
            text_col("Sumber"),
            text_col("Keterangan"),
        ],
    );
    let mut other = false;
    iku_rows(x, t, scope, |_, r| {
        let realisasi = value_cell(r.and_then(|r| r.realisasi.as_ref()));
        match r.and_then(|r| r.standard.as_ref()) {
            None => vec![
                realisasi,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::text("belum ada standar pembanding"),
            ],
            Some(s) => {
                other |= s.other_indicator;
                vec![
                    realisasi,
                    Cell::text(&s.indicator),
                    Cell::Value(s.value.clone()),
                    x.percent_cell(s.capaian.map(|a| a.value)),
                    Cell::text(&s.source),
                    if s.other_indicator {
                        Cell::text("indikator standar berbeda; perbandingan hanya indikatif")
                    } else {
                        Cell::Empty
                    },
                ]
            }
        }
    });
    if other {
        t.notes.push(
            "Standar yang mengukur indikator lain tidak sebanding langsung dengan IKU; \
             capaiannya hanya indikatif."
                .into(),
        );
    }
}

pub(super) fn cmp_analysis(x: &Ctx<'_>, t: &mut Table, scope: &[usize], with_outputs: bool) {
    cols(
        t,
        vec![
            text_col("No"),
            text_col("Indikator / Sub Kegiatan"),
            text_col("Realisasi dari Target"),
            pct("Capaian (%)"),
            ("Keberhasilan/Kegagalan".into(), ColumnKind::Category),
            text_col("Penyebab"),
            text_col("Solusi yang Dilakukan"),
        ],
    );
    let text_or_empty = |s: &str| {
        if s.trim().is_empty() {
            Cell::Empty
        } else {
            Cell::text(s)
        }
    };
    let mut n = 0;
    for &si in scope {
        let Some(s) = x.r.sasaran.get(si) else {
            continue;
        };
        for (j, ind) in s.iku.iter().enumerate() {
            n += 1;
            let r = x.iku(si, j);
            let (cap, cat) = x.rated_cells(r.map(|r| &r.this_year));
            let real = match (
                r.and_then(|r| r.realisasi.as_ref()),
                r.and_then(|r| r.target.as_ref()),
            ) {
                (Some(re), Some(ta)) => {
                    format!(
                        "{} dari target {}",
                        with_unit(re, &ind.unit),
                        with_unit(ta, &ind.unit)
                    )
                }
                (None, Some(ta)) => format!(
                    "realisasi belum diisi (target {})",
                    with_unit(ta, &ind.unit)
                ),
                (Some(re), None) => format!("{} (target belum diisi)", with_unit(re, &ind.unit)),
                (None, None) => "target dan realisasi belum diisi".into(),
            };
            t.push(
                0,
                RowKind::Normal,
                vec![
                    Cell::text(format!("{n}")),
                    Cell::text(format!("IKU: {}", ind.name)),
                    Cell::Text(real),
                    cap,
                    cat,
                    text_or_empty(&ind.cause),
                    text_or_empty(&ind.solution),
                ],
            );
        }
        if !with_outputs {
            continue;
        }
        for p in x.sasaran_programs(si) {
            let Some(prog) = x.r.programs.get(p) else {
                continue;
            };
            for (k, keg) in prog.kegiatan.iter().enumerate() {
                for (s_i, sub) in keg.sub_kegiatan.iter().enumerate() {
                    for (o_i, o) in sub.outputs.iter().enumerate() {
                        n += 1;
                        let (cap, cat) = x.rated_cells(x.output(p, k, s_i, o_i));
                        let label = if sub.outputs.len() > 1 {
                            format!("Sub Kegiatan {} — {}", sub.name, o.name)
                        } else {
                            format!("Sub Kegiatan {}", sub.name)
                        };
                        t.push(
                            1,
                            RowKind::Normal,
                            vec![
                                Cell::text(format!("{n}")),
                                Cell::Text(label),
                                Cell::Text(output_text(o)),
                                cap,
                                cat,
                                text_or_empty(&o.cause),
                                text_or_empty(&o.solution),
                            ],
                        );
                    }
                }
            }
        }
    }
    t.notes.push(format!(
        "Keberhasilan/kegagalan menurut skala laporan: {}.",
        scale_rules(x.scale())
    ));
}

pub(super) fn scale_rules(s: &Scale) -> String {
    s.bands
        .iter()
        .rev()
        .map(|b| format!("{} = {}", b.rule(), b.label))
        .collect::<Vec<_>>()
        .join("; ")
}
