//! Every figure of the report, computed from leaf data in one pass: the UI and the exports
//! only read a [`Computed`].

use crate::budget::{budget_totals, Amounts, BudgetTotals};
use crate::capaian::{capaian, percent, Capaian, Trend};
use crate::model::{Accumulation, Indicator, Output, Report};
use crate::scale::Scale;
use crate::value::Value;
use rust_decimal::Decimal;

/// Results for the whole report, parallel to its structure.
#[derive(Clone, Debug, PartialEq)]
pub struct Computed {
    pub budget: BudgetTotals,
    /// `tujuan[i][j]`: indicator `j` of tujuan `i`.
    pub tujuan: Vec<Vec<IndicatorResult>>,
    pub sasaran: Vec<SasaranResult>,
    /// `outputs[p][k][s][o]`: output `o` of sub kegiatan `s` of kegiatan `k` of program `p`.
    pub outputs: Vec<Vec<Vec<Vec<Rated>>>>,
    /// Budget and efficiency per program, with the sasaran it supports.
    pub program_sasaran: Vec<Option<usize>>,
    /// Budget of the programs that name no sasaran (Program I in the seed).
    pub unlinked_budget: Amounts,
}

/// A capaian and its category (index into the report's scale).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rated {
    pub capaian: Capaian,
    pub category: Option<usize>,
}

impl Rated {
    pub fn new(capaian: Capaian, scale: &Scale) -> Rated {
        let category = capaian.ok().and_then(|a| scale.classify(a.value));
        Rated { capaian, category }
    }
    pub fn label<'s>(&self, scale: &'s Scale) -> Option<&'s str> {
        self.category.map(|i| scale.bands[i].label.as_str())
    }
}

/// PermenPAN-RB 53/2014 comparisons for one indicator.
#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorResult {
    /// The target of the report year (PK if set, else Renstra).
    pub target: Option<Value>,
    /// The realisation of the report year (from the formula counts when both are given).
    pub realisasi: Option<Value>,
    /// 1. vs target this year.
    pub this_year: Rated,
    /// 2. vs each earlier year with a realisation, oldest first.
    pub history: Vec<YearComparison>,
    /// 3. vs the Renstra target of the period.
    pub renstra: RenstraComparison,
    /// 4. vs the provincial or national standard.
    pub standard: Option<StandardComparison>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct YearComparison {
    pub year: i32,
    pub target: Option<Value>,
    pub realisasi: Value,
    /// That year's capaian against that year's target.
    pub capaian: Capaian,
    /// This year's realisation minus that year's, where both are numbers.
    pub change: Option<Decimal>,
    pub trend: Option<Trend>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RenstraComparison {
    /// Target of the whole period: the last year's target, or for a cumulative indicator
    /// the sum of all years' targets.
    pub target: Option<Value>,
    /// Realisation to date: this year's, or for a cumulative indicator the sum of the
    /// period's years up to the report year.
    pub realisasi: Option<Value>,
    pub capaian: Capaian,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StandardComparison {
    pub indicator: String,
    pub value: Value,
    pub source: String,
    /// Realisation against the standard, in the indicator's direction.
    pub capaian: Capaian,
    /// The standard measures another indicator (its name differs from ours).
    pub other_indicator: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SasaranResult {
    pub iku: Vec<IndicatorResult>,
    /// Mean capaian of the IKU that can be computed (`None` if none can).
    pub mean_capaian: Option<Decimal>,
    pub mean_category: Option<usize>,
    /// How many IKU could not be computed.
    pub not_computable: usize,
    /// Indexes of the programs that support this sasaran.
    pub programs: Vec<usize>,
    /// Budget of those programs, summed as rupiah.
    pub budget: Amounts,
}

/// The realisation an indicator has for `year`: from the formula counts for the report
/// year when both are set, otherwise as entered.
pub fn realisation_of(ind: &Indicator, year: i32, report_year: i32) -> Option<Value> {
    if year == report_year {
        if let (Some(n), Some(d)) = (ind.formula.numerator_value, ind.formula.denominator_value) {
            return Some(match percent(n, d) {
                Ok(v) => Value::Number(v),
                Err(_) => Value::NotAvailable,
            });
        }
    }
    ind.realisations.get(&year).cloned()
}

fn sum_numbers<'a>(values: impl Iterator<Item = Option<&'a Value>>) -> Option<Value> {
    let mut total = Decimal::ZERO;
    let mut any = false;
    for v in values {
        match v {
            Some(Value::Number(n)) => {
                total = total.checked_add(*n)?;
                any = true;
            }
            None => {}
            Some(_) => return None,
        }
    }
    any.then_some(Value::Number(total))
}

pub fn indicator_result(ind: &Indicator, report: &Report) -> IndicatorResult {
    let year = report.tahun;
    let cap = report.settings.cap;
    let scale = &report.settings.scale;
    let target = ind.target_for(year, year).cloned();
    let realisasi = realisation_of(ind, year, year);
    let this_year = Rated::new(capaian(target.as_ref(), realisasi.as_ref(), ind.direction, cap), scale);

    let now = realisasi.as_ref().and_then(Value::scalar);
    let history = ind
        .realisations
        .iter()
        .filter(|(y, _)| **y < year)
        .map(|(y, r)| {
            let t = ind.targets.get(y).cloned();
            let before = r.scalar();
            let change = match (now, before) {
                (Some(a), Some(b)) => a.checked_sub(b),
                _ => None,
            };
            let trend = match (now, before) {
                (Some(a), Some(b)) => Some(Trend::of(b, a, ind.direction)),
                _ => None,
            };
            YearComparison {
                year: *y,
                capaian: capaian(t.as_ref(), Some(r), ind.direction, cap),
                target: t,
                realisasi: r.clone(),
                change,
                trend,
            }
        })
        .collect();

    let period = report.renstra;
    let (renstra_target, renstra_real) = match ind.accumulation {
        Accumulation::LastValue => {
            (ind.targets.get(&period.last).cloned(), realisasi.clone())
        }
        Accumulation::Cumulative => {
            let upto = year.min(period.last);
            let reals: Vec<Option<Value>> =
                (period.first..=upto).map(|y| realisation_of(ind, y, year)).collect();
            (
                sum_numbers(period.years().map(|y| ind.targets.get(&y))),
                sum_numbers(reals.iter().map(Option::as_ref)),
            )
        }
    };
    let renstra = RenstraComparison {
        capaian: capaian(renstra_target.as_ref(), renstra_real.as_ref(), ind.direction, cap),
        target: renstra_target,
        realisasi: renstra_real,
    };

    let standard = ind.standard.as_ref().map(|s| StandardComparison {
        indicator: s.indicator.clone(),
        value: s.value.clone(),
        source: s.source.clone(),
        capaian: capaian(Some(&s.value), realisasi.as_ref(), ind.direction, cap),
        other_indicator: !s.indicator.trim().is_empty()
            && normalise(&s.indicator) != normalise(&ind.name),
    });

    IndicatorResult { target, realisasi, this_year, history, renstra, standard }
}

fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

pub fn output_result(o: &Output, report: &Report) -> Rated {
    Rated::new(
        capaian(o.target.as_ref(), o.realisasi.as_ref(), o.direction, report.settings.cap),
        &report.settings.scale,
    )
}

/// Compute every figure of the report.
pub fn compute(report: &Report) -> Computed {
    let scale = &report.settings.scale;
    let budget = budget_totals(report);
    let tujuan = report
        .tujuan
        .iter()
        .map(|t| t.indicators.iter().map(|i| indicator_result(i, report)).collect())
        .collect();

    let program_sasaran: Vec<Option<usize>> = report
        .programs
        .iter()
        .map(|p| {
            p.sasaran_id
                .as_ref()
                .and_then(|id| report.sasaran.iter().position(|s| &s.id == id))
        })
        .collect();
    let mut unlinked_budget = Amounts::default();
    for (pi, s) in program_sasaran.iter().enumerate() {
        if s.is_none() {
            unlinked_budget.add(&budget.programs[pi].total);
        }
    }

    let sasaran = report
        .sasaran
        .iter()
        .enumerate()
        .map(|(si, s)| {
            let iku: Vec<IndicatorResult> =
                s.iku.iter().map(|i| indicator_result(i, report)).collect();
            let values: Vec<Decimal> =
                iku.iter().filter_map(|r| r.this_year.capaian.ok()).map(|a| a.value).collect();
            let mean_capaian = mean(&values);
            let programs: Vec<usize> = program_sasaran
                .iter()
                .enumerate()
                .filter(|(_, x)| **x == Some(si))
                .map(|(pi, _)| pi)
                .collect();
            let mut amounts = Amounts::default();
            for pi in &programs {
                amounts.add(&budget.programs[*pi].total);
            }
            SasaranResult {
                not_computable: iku.len() - values.len(),
                mean_category: mean_capaian.and_then(|m| scale.classify(m)),
                iku,
                mean_capaian,
                programs,
                budget: amounts,
            }
        })
        .collect();

    let outputs = report
        .programs
        .iter()
        .map(|p| {
            p.kegiatan
                .iter()
                .map(|k| {
                    k.sub_kegiatan
                        .iter()
                        .map(|s| s.outputs.iter().map(|o| output_result(o, report)).collect())
                        .collect()
                })
                .collect()
        })
        .collect();

    Computed { budget, tujuan, sasaran, outputs, program_sasaran, unlinked_budget }
}

/// Arithmetic mean, exact; `None` for an empty list.
pub fn mean(values: &[Decimal]) -> Option<Decimal> {
    if values.is_empty() {
        return None;
    }
    let mut sum = Decimal::ZERO;
    for v in values {
        sum = sum.checked_add(*v)?;
    }
    sum.checked_div(Decimal::from(values.len()))
}

/// Counts of computed capaian per category (IKU, tujuan indicators and outputs), plus the
/// number that cannot be computed: the dashboard's first figures.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct CategoryCounts {
    /// One count per band of the scale, lowest band first.
    pub per_band: Vec<usize>,
    pub not_computable: usize,
}

impl Computed {
    pub fn iku_counts(&self, scale: &Scale) -> CategoryCounts {
        count(self.sasaran.iter().flat_map(|s| s.iku.iter().map(|r| &r.this_year)), scale)
    }
    pub fn output_counts(&self, scale: &Scale) -> CategoryCounts {
        count(self.outputs.iter().flatten().flatten().flatten(), scale)
    }
    /// Amounts of the sub kegiatan at `(program, kegiatan, sub)`.
    pub fn sub_amounts(&self, p: usize, k: usize, s: usize) -> Option<&Amounts> {
        self.budget.programs.get(p)?.kegiatan.get(k)?.sub.get(s)
    }
}

fn count<'a>(items: impl Iterator<Item = &'a Rated>, scale: &Scale) -> CategoryCounts {
    let mut c = CategoryCounts { per_band: vec![0; scale.bands.len()], not_computable: 0 };
    for r in items {
        match r.category {
            Some(i) => c.per_band[i] += 1,
            None => c.not_computable += 1,
        }
    }
    c
}
