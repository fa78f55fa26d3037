//! The data behind the report's charts: which bars, which values, which categories. The UI
//! only turns these numbers into SVG geometry.

use crate::calc::compute::Computed;
use crate::model::value::Value;
use crate::model::Report;
use rust_decimal::Decimal;

/// One bar: a label, a percentage (capaian or serapan) and, for capaian, its category.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    /// `None`: not computable (the reason is in `note`).
    pub value: Option<Decimal>,
    pub band: Option<usize>,
    pub note: String,
}

/// Capaian of every IKU, then of every output indicator, in report order.
pub fn capaian_bars(report: &Report, computed: &Computed) -> (Vec<Bar>, Vec<Bar>) {
    let mut iku = Vec::new();
    for (si, s) in report.sasaran.iter().enumerate() {
        for (j, ind) in s.iku.iter().enumerate() {
            if let Some(r) = computed.sasaran.get(si).and_then(|x| x.iku.get(j)) {
                iku.push(bar(&ind.name, &r.this_year.capaian, r.this_year.category));
            }
        }
    }
    let mut outputs = Vec::new();
    for (p, prog) in report.programs.iter().enumerate() {
        for (k, keg) in prog.kegiatan.iter().enumerate() {
            for (s, sub) in keg.sub_kegiatan.iter().enumerate() {
                for (o, out) in sub.outputs.iter().enumerate() {
                    if let Some(r) = computed
                        .outputs
                        .get(p)
                        .and_then(|x| x.get(k))
                        .and_then(|x| x.get(s))
                        .and_then(|x| x.get(o))
                    {
                        let name = if sub.outputs.len() > 1 {
                            format!("{} — {}", sub.name, out.name)
                        } else {
                            sub.name.clone()
                        };
                        outputs.push(bar(&name, &r.capaian, r.category));
                    }
                }
            }
        }
    }
    (iku, outputs)
}

fn bar(label: &str, c: &crate::calc::capaian::Capaian, band: Option<usize>) -> Bar {
    match c {
        Ok(a) => Bar {
            label: label.to_string(),
            value: Some(a.value),
            band,
            note: String::new(),
        },
        Err(e) => Bar {
            label: label.to_string(),
            value: None,
            band: None,
            note: e.to_string(),
        },
    }
}

/// Serapan of every program.
pub fn serapan_bars(report: &Report, computed: &Computed) -> Vec<Bar> {
    report
        .programs
        .iter()
        .zip(&computed.budget.programs)
        .map(|(p, t)| match t.total.serapan() {
            Ok(v) => Bar {
                label: p.name.clone(),
                value: Some(v),
                band: None,
                note: String::new(),
            },
            Err(e) => Bar {
                label: p.name.clone(),
                value: None,
                band: None,
                note: e.to_string(),
            },
        })
        .collect()
}

/// One year of an indicator's trend: its realisation and its target (a range has two
/// bounds; a number has `low == high`).
#[derive(Clone, Debug, PartialEq)]
pub struct TrendPoint {
    pub year: i32,
    pub realisasi: Option<Decimal>,
    pub target: Option<(Decimal, Decimal)>,
}

/// The years of an IKU from the first realisation or Renstra year to the last, with
/// realisations and targets (ratios by their value; n/a left out).
pub fn trend(report: &Report, sasaran: usize, iku: usize) -> Vec<TrendPoint> {
    let Some(ind) = report.sasaran.get(sasaran).and_then(|s| s.iku.get(iku)) else {
        return Vec::new();
    };
    let years: std::collections::BTreeSet<i32> = ind
        .realisations
        .keys()
        .chain(ind.targets.keys())
        .copied()
        .chain(std::iter::once(report.tahun))
        .collect();
    years
        .into_iter()
        .map(|y| TrendPoint {
            year: y,
            realisasi: crate::calc::compute::realisation_of(ind, y, report.tahun)
                .as_ref()
                .and_then(Value::scalar),
            target: ind.target_for(y, report.tahun).and_then(|t| match t {
                Value::Range { low, high } => Some((*low, *high)),
                other => other.scalar().map(|v| (v, v)),
            }),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calc::compute::compute;
    use crate::example::example;

    #[test]
    fn bars_of_the_seed() {
        let r = example();
        let c = compute(&r);
        let (iku, outputs) = capaian_bars(&r, &c);
        assert_eq!(iku.len(), 3);
        assert_eq!(outputs.len(), 31);
        let o06 = outputs
            .iter()
            .find(|b| b.label.starts_with("Fasilitasi Pemulangan"))
            .unwrap();
        assert_eq!(o06.value, Some(Decimal::from(20)));
        assert_eq!(o06.band, Some(0));
        let s = serapan_bars(&r, &c);
        assert_eq!(
            crate::num::round(s[3].value.unwrap(), 2),
            "96.78".parse::<Decimal>().unwrap()
        );
    }

    #[test]
    fn trend_of_an_iku() {
        let r = example();
        let t = trend(&r, 1, 0);
        let years: Vec<i32> = t.iter().map(|p| p.year).collect();
        assert_eq!(years, [2022, 2023, 2024, 2025, 2026]);
        assert_eq!(t[0].realisasi, Some("93.94".parse().unwrap()));
        assert_eq!(t[0].target, None);
        assert_eq!(t[3].target, Some((Decimal::from(100), Decimal::from(100))));
    }
}
