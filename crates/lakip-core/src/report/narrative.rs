//! The standard sentences of Bab III, written from the data: never hand-typed, so they always
//! agree with the tables.
//!
//! For each sasaran ([`sasaran_paragraphs`]):
//! 1. each IKU: target, realisation, capaian and category;
//! 2. each IKU against earlier years (direction-aware: "membaik" / "memburuk");
//! 3. each IKU against the Renstra target, and against the provincial/national standard;
//! 4. each supporting program: pagu, realisation, serapan and efficiency ("Terdapat efisiensi
//!    anggaran sebesar Rp 110.139.100 atau 6,88% dari pagu.");
//! 5. each kegiatan, then each sub kegiatan: "Sub kegiatan … dengan realisasi 19 Orang dari
//!    target 20 Orang atau 95,00% (Sangat Berhasil)."
//!
//! Percentages have the report's decimals (2 by default), rounded half-up; money is
//! `Rp 1.234.567`. A figure that cannot be computed is said to be so, with the reason.

use crate::calc::budget::Amounts;
use crate::calc::compute::{Computed, IndicatorResult, Rated};
use crate::model::value::Value;
use crate::model::{Indicator, Output, Report};
use crate::num::{format_plain, format_rupiah};
use crate::report::views::{percent_text, realisation_unit, trend_text, unit_mismatch, with_unit};
use rust_decimal::Decimal;

struct Ctx<'a> {
    r: &'a Report,
    dp: u32,
}

impl Ctx<'_> {
    fn pct(&self, v: Decimal) -> String {
        percent_text(v, self.dp)
    }

    fn label(&self, band: Option<usize>) -> Option<&str> {
        band.and_then(|b| self.r.settings.scale.bands.get(b))
            .map(|b| b.label.as_str())
    }

    /// ` atau 95,00% (Sangat Berhasil)` / `; capaian tidak dapat dihitung: …`.
    fn result_clause(&self, r: &Rated) -> String {
        match r.capaian {
            Ok(a) => {
                let mut inner = Vec::new();
                if let Some(l) = self.label(r.category) {
                    inner.push(l.to_string());
                }
                if a.capped() {
                    inner.push(format!("dibatasi dari {}", self.pct(a.raw)));
                }
                if inner.is_empty() {
                    format!(" atau {}", self.pct(a.value))
                } else {
                    format!(" atau {} ({})", self.pct(a.value), inner.join("; "))
                }
            }
            Err(e) => format!("; capaian {e}"),
        }
    }
}

fn ctx<'a>(r: &'a Report, _c: &Computed) -> Ctx<'a> {
    Ctx {
        r,
        dp: r.settings.decimals.min(10),
    }
}

fn sentence(s: String) -> String {
    let s = s.trim().to_string();
    if s.ends_with('.') {
        s
    } else {
        format!("{s}.")
    }
}

/// "dengan realisasi 19 Orang dari target 20 Orang" and the like, for missing data too.
fn realisation_phrase(real: Option<&Value>, target: Option<&Value>, ru: &str, tu: &str) -> String {
    match (real, target) {
        (Some(r), Some(t)) => {
            format!(
                "dengan realisasi {} dari target {}",
                with_unit(r, ru),
                with_unit(t, tu)
            )
        }
        (None, Some(t)) => format!(
            "dengan target {} belum memiliki data realisasi",
            with_unit(t, tu)
        ),
        (Some(r), None) => format!("dengan realisasi {} tanpa target", with_unit(r, ru)),
        (None, None) => "belum memiliki target maupun realisasi".to_string(),
    }
}

/// The sentence of one output of a sub kegiatan (without the sub kegiatan's name).
fn output_clause(x: &Ctx<'_>, o: &Output, r: Option<&Rated>) -> String {
    let mut s = realisation_phrase(
        o.realisasi.as_ref(),
        o.target.as_ref(),
        realisation_unit(o),
        &o.unit,
    );
    match r {
        Some(r) => s.push_str(&x.result_clause(r)),
        None => s.push_str("; capaian belum dihitung"),
    }
    if unit_mismatch(o) {
        s.push_str(&format!(
            " (catatan: satuan realisasi \"{}\" berbeda dengan satuan target \"{}\")",
            realisation_unit(o),
            o.unit.trim()
        ));
    }
    s
}

/// "Sub kegiatan … dengan realisasi 19 Orang dari target 20 Orang atau 95,00% (Sangat
/// Berhasil)." for the sub kegiatan at `(program, kegiatan, sub)`; `None` if it does not
/// exist.
pub fn sub_kegiatan_sentence(
    report: &Report,
    computed: &Computed,
    program: usize,
    kegiatan: usize,
    sub: usize,
) -> Option<String> {
    let x = ctx(report, computed);
    let s = report
        .programs
        .get(program)?
        .kegiatan
        .get(kegiatan)?
        .sub_kegiatan
        .get(sub)?;
    let rated = |o: usize| computed.output(program, kegiatan, sub, o);
    let text = match s.outputs.len() {
        0 => format!(
            "Sub kegiatan {} belum memiliki indikator keluaran, sehingga capaiannya tidak dapat \
             dihitung",
            s.name
        ),
        1 => format!(
            "Sub kegiatan {} {}",
            s.name,
            output_clause(&x, &s.outputs[0], rated(0))
        ),
        _ => {
            let parts: Vec<String> = s
                .outputs
                .iter()
                .enumerate()
                .map(|(i, o)| format!("{} {}", o.name, output_clause(&x, o, rated(i))))
                .collect();
            format!(
                "Sub kegiatan {} dengan indikator keluaran: {}",
                s.name,
                parts.join("; ")
            )
        }
    };
    Some(sentence(text))
}

/// Pagu, realisation, serapan and efficiency of a program: "Program … dengan pagu Rp … terealisasi
/// Rp … atau 93,12%. Terdapat efisiensi anggaran sebesar Rp 110.139.100 atau 6,88% dari pagu."
pub fn program_sentence(report: &Report, computed: &Computed, program: usize) -> Option<String> {
    let x = ctx(report, computed);
    let p = report.programs.get(program)?;
    let a: &Amounts = &computed.budget.programs.get(program)?.total;
    let mut out = Vec::new();
    match a.serapan() {
        Ok(s) => out.push(format!(
            "{} dengan pagu {} terealisasi {} atau {}.",
            p.name,
            format_rupiah(a.pagu),
            format_rupiah(a.realisasi),
            x.pct(s)
        )),
        Err(e) => out.push(format!(
            "{} terealisasi {}; serapan anggaran {e}.",
            p.name,
            format_rupiah(a.realisasi)
        )),
    }
    if let Ok(e) = a.efisiensi() {
        let sisa = a.sisa();
        if sisa > Decimal::ZERO {
            out.push(format!(
                "Terdapat efisiensi anggaran sebesar {} atau {} dari pagu.",
                format_rupiah(sisa),
                x.pct(e)
            ));
        } else if sisa.is_zero() {
            out.push("Anggaran terserap seluruhnya (tidak ada sisa anggaran).".to_string());
        } else {
            out.push(format!(
                "Realisasi melebihi pagu sebesar {} atau {} dari pagu.",
                format_rupiah(-sisa),
                x.pct(-e)
            ));
        }
    }
    if let Some(m) = crate::calc::capaian::program_capaian(
        computed
            .program_outputs(program)
            .unwrap_or_default()
            .iter()
            .map(|r| &r.capaian),
    ) {
        out.push(format!(
            "Rata-rata capaian indikator keluaran sub kegiatannya sebesar {}.",
            x.pct(m)
        ));
    }
    Some(out.join(" "))
}

/// "Kegiatan … (pagu Rp …, realisasi Rp … atau 94,02%) didukung sub kegiatan berikut."
pub fn kegiatan_sentence(
    report: &Report,
    computed: &Computed,
    program: usize,
    kegiatan: usize,
) -> Option<String> {
    let x = ctx(report, computed);
    let k = report.programs.get(program)?.kegiatan.get(kegiatan)?;
    let a = &computed
        .budget
        .programs
        .get(program)?
        .kegiatan
        .get(kegiatan)?
        .total;
    let money = match a.serapan() {
        Ok(s) => format!(
            "pagu {}, realisasi {} atau {}",
            format_rupiah(a.pagu),
            format_rupiah(a.realisasi),
            x.pct(s)
        ),
        Err(e) => format!("realisasi {}; serapan {e}", format_rupiah(a.realisasi)),
    };
    Some(if k.sub_kegiatan.is_empty() {
        format!(
            "Kegiatan {} ({money}) belum dirinci ke sub kegiatan.",
            k.name
        )
    } else {
        format!(
            "Kegiatan {} ({money}) didukung sub kegiatan berikut.",
            k.name
        )
    })
}

fn iku_result(computed: &Computed, si: usize, j: usize) -> Option<&IndicatorResult> {
    computed.sasaran.get(si)?.iku.get(j)
}

/// Target vs realisation of IKU `j` of sasaran `si`.
pub fn iku_sentence(report: &Report, computed: &Computed, si: usize, j: usize) -> Option<String> {
    let x = ctx(report, computed);
    let s = report.sasaran.get(si)?;
    let ind = s.iku.get(j)?;
    let r = iku_result(computed, si, j)?;
    let phrase = realisation_phrase(
        r.realisasi.as_ref(),
        r.target.as_ref(),
        &ind.unit,
        &ind.unit,
    );
    Some(sentence(format!(
        "Sasaran strategis {} diukur dengan indikator kinerja utama {} tahun {} {}{}",
        s.name,
        ind.name,
        report.tahun,
        phrase,
        x.result_clause(&r.this_year)
    )))
}

/// This year's realisation of IKU `j` of sasaran `si` against earlier years, direction-aware.
pub fn year_on_year_sentence(
    report: &Report,
    computed: &Computed,
    si: usize,
    j: usize,
) -> Option<String> {
    let ind: &Indicator = report.sasaran.get(si)?.iku.get(j)?;
    let r = iku_result(computed, si, j)?;
    if r.history.is_empty() {
        return Some(format!(
            "Realisasi indikator {} pada tahun-tahun sebelumnya belum tersedia, sehingga \
             perbandingan antartahun belum dapat dilakukan.",
            ind.name
        ));
    }
    let now = match &r.realisasi {
        Some(v) => with_unit(v, &ind.unit),
        None => "belum diisi".into(),
    };
    let parts: Vec<String> = r
        .history
        .iter()
        .rev()
        .map(|h| {
            format!(
                "dibandingkan tahun {} ({}) {}",
                h.year,
                with_unit(&h.realisasi, &ind.unit),
                trend_text(h, &ind.unit)
            )
        })
        .collect();
    Some(sentence(format!(
        "Realisasi indikator {} tahun {} sebesar {}, {}",
        ind.name,
        report.tahun,
        now,
        parts.join("; ")
    )))
}

/// Realisation to date against the Renstra target, and against the standard if any.
pub fn renstra_sentences(
    report: &Report,
    computed: &Computed,
    si: usize,
    j: usize,
) -> Option<Vec<String>> {
    let x = ctx(report, computed);
    let ind = report.sasaran.get(si)?.iku.get(j)?;
    let r = iku_result(computed, si, j)?;
    let mut out = Vec::new();
    let p = report.renstra;
    let rc = &r.renstra;
    let target = rc.target.as_ref().map(|v| with_unit(v, &ind.unit));
    let real = rc.realisasi.as_ref().map(|v| with_unit(v, &ind.unit));
    out.push(match (&target, &real, rc.capaian) {
        (Some(t), Some(re), Ok(a)) => format!(
            "Dibandingkan target akhir Renstra {}–{} sebesar {}, realisasi indikator {} sampai \
             dengan tahun {} sebesar {} atau {} dari target jangka menengah.",
            p.first,
            p.last,
            t,
            ind.name,
            report.tahun,
            re,
            x.pct(a.value)
        ),
        (_, _, Err(e)) => format!(
            "Capaian indikator {} terhadap target Renstra {}–{} {e}.",
            ind.name, p.first, p.last
        ),
        _ => format!(
            "Capaian indikator {} terhadap target Renstra belum dapat dihitung.",
            ind.name
        ),
    });
    if let Some(s) = &r.standard {
        let real = r
            .realisasi
            .as_ref()
            .map(|v| with_unit(v, &ind.unit))
            .unwrap_or("belum diisi".into());
        let source = if s.source.trim().is_empty() {
            String::new()
        } else {
            format!(" ({})", s.source.trim())
        };
        if s.other_indicator {
            out.push(format!(
                "Standar pembanding{source} memakai indikator lain, yaitu {} dengan nilai {}, \
                 sehingga realisasi {} tidak dapat dibandingkan secara langsung.",
                s.indicator,
                format_value(&s.value),
                real
            ));
        } else {
            out.push(match s.capaian {
                Ok(a) => format!(
                    "Dibandingkan standar{source} sebesar {}, realisasi {} mencapai {}.",
                    with_unit(&s.value, &ind.unit),
                    real,
                    x.pct(a.value)
                ),
                Err(e) => format!("Perbandingan dengan standar{source} {e}."),
            });
        }
    }
    Some(out)
}

fn format_value(v: &Value) -> String {
    match v {
        Value::Number(n) => format_plain(*n),
        other => other.to_string(),
    }
}

/// All the paragraphs for sasaran `sasaran_index`, in the order of Bab III (empty if there is
/// no such sasaran).
pub fn sasaran_paragraphs(
    report: &Report,
    computed: &Computed,
    sasaran_index: usize,
) -> Vec<String> {
    let x = ctx(report, computed);
    let Some(s) = report.sasaran.get(sasaran_index) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if s.iku.is_empty() {
        out.push(format!(
            "Sasaran strategis {} belum memiliki indikator kinerja utama.",
            s.name
        ));
    }
    for j in 0..s.iku.len() {
        out.extend(iku_sentence(report, computed, sasaran_index, j));
    }
    if s.iku.len() > 1 {
        if let Some(sr) = computed.sasaran.get(sasaran_index) {
            out.push(match sr.mean_capaian {
                Some(m) => {
                    let label = x
                        .label(sr.mean_category)
                        .map(|l| format!(" ({l})"))
                        .unwrap_or_default();
                    format!(
                        "Rata-rata capaian {} indikator kinerja utama sasaran ini sebesar {}{}.",
                        s.iku.len() - sr.not_computable,
                        x.pct(m),
                        label
                    )
                }
                None => "Capaian sasaran ini tidak dapat dihitung karena tidak ada indikator \
                         kinerja utama yang dapat dihitung."
                    .to_string(),
            });
        }
    }
    for j in 0..s.iku.len() {
        out.extend(year_on_year_sentence(report, computed, sasaran_index, j));
    }
    for j in 0..s.iku.len() {
        out.extend(renstra_sentences(report, computed, sasaran_index, j).unwrap_or_default());
    }
    let programs: Vec<usize> = match computed.sasaran.get(sasaran_index) {
        Some(sr) => sr.programs.clone(),
        None => Vec::new(),
    };
    if programs.is_empty() {
        out.push("Belum ada program yang dikaitkan dengan sasaran ini.".to_string());
    }
    for p in programs {
        out.extend(program_sentence(report, computed, p));
        let Some(prog) = report.programs.get(p) else {
            continue;
        };
        for (k, keg) in prog.kegiatan.iter().enumerate() {
            out.extend(kegiatan_sentence(report, computed, p, k));
            for si in 0..keg.sub_kegiatan.len() {
                out.extend(sub_kegiatan_sentence(report, computed, p, k, si));
            }
        }
    }
    out
}

/// Every sasaran's name with its paragraphs, in order.
pub fn all(report: &Report, computed: &Computed) -> Vec<(String, Vec<String>)> {
    (0..report.sasaran.len())
        .map(|i| {
            (
                report.sasaran[i].name.clone(),
                sasaran_paragraphs(report, computed, i),
            )
        })
        .collect()
}

/// The opening of Bab III.B: the whole budget and its realisation.
pub fn budget_paragraph(report: &Report, computed: &Computed) -> String {
    let x = ctx(report, computed);
    let a = &computed.budget.total;
    match a.serapan() {
        Ok(s) => format!(
            "Anggaran keseluruhan setelah perubahan {} tahun {} sebesar {} dengan realisasi \
             anggaran sebesar {} atau {}.",
            report.instansi,
            report.tahun,
            format_rupiah(a.pagu),
            format_rupiah(a.realisasi),
            x.pct(s)
        ),
        Err(e) => format!(
            "Realisasi anggaran {} tahun {} sebesar {}; serapan {e}.",
            report.instansi,
            report.tahun,
            format_rupiah(a.realisasi)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_end_with_one_period() {
        assert_eq!(sentence("a".into()), "a.");
        assert_eq!(sentence("a.".into()), "a.");
    }
}
