//! Every figure of the report, computed from leaf data in one pass: the UI and the exports
//! only read a [`Computed`].

use crate::calc::budget::{Amounts, BudgetTotals};
use crate::calc::capaian::{capaian, percent, Capaian, Trend};
use crate::model::scale::{Classifier, Scale};
use crate::model::value::Value;
use crate::model::{Accumulation, Indicator, Output, Program, Report};
use rust_decimal::Decimal;

/// Results for the whole report, parallel to its structure.
#[derive(Clone, Debug, PartialEq)]
pub struct Computed {
    pub budget: BudgetTotals,
    /// `tujuan[i][j]`: indicator `j` of tujuan `i`.
    pub tujuan: Vec<Vec<IndicatorResult>>,
    pub sasaran: Vec<SasaranResult>,
    /// Every output indicator, rated: `outputs.get(p)?.get(k)?.get(s)?.get(o)` is output `o`
    /// of sub kegiatan `s` of kegiatan `k` of program `p` (or use [`Computed::output`]).
    pub outputs: Outputs,
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
    /// As [`Rated::new`], with the scale prepared once for many values.
    #[inline]
    pub fn classified(capaian: Capaian, classifier: &Classifier) -> Rated {
        let category = match &capaian {
            Ok(a) => classifier.classify(a.value),
            Err(_) => None,
        };
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
    let this_year = Rated::new(
        capaian(target.as_ref(), realisasi.as_ref(), ind.direction, cap),
        scale,
    );

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
        Accumulation::LastValue => (ind.targets.get(&period.last).cloned(), realisasi.clone()),
        Accumulation::Cumulative => {
            let upto = year.min(period.last);
            let reals: Vec<Option<Value>> = (period.first..=upto)
                .map(|y| realisation_of(ind, y, year))
                .collect();
            (
                sum_numbers(period.years().map(|y| ind.targets.get(&y))),
                sum_numbers(reals.iter().map(Option::as_ref)),
            )
        }
    };
    let renstra = RenstraComparison {
        capaian: capaian(
            renstra_target.as_ref(),
            renstra_real.as_ref(),
            ind.direction,
            cap,
        ),
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

    IndicatorResult {
        target,
        realisasi,
        this_year,
        history,
        renstra,
        standard,
    }
}

fn normalise(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

pub fn output_result(o: &Output, report: &Report) -> Rated {
    Rated::new(
        capaian(
            o.target.as_ref(),
            o.realisasi.as_ref(),
            o.direction,
            report.settings.cap,
        ),
        &report.settings.scale,
    )
}

/// The rated output indicators of a whole report, stored flat (one vector of [`Rated`] in
/// report order, and the offsets where each sub kegiatan, kegiatan and program starts)
/// rather than as one small vector per sub kegiatan: a report of 20.000 sub kegiatan then
/// costs four allocations instead of 23.000.
///
/// Read it like the nested vectors it replaces:
/// `outputs.get(p)?.get(k)?.get(s)?.get(o)` (program `p`, kegiatan `k`, sub kegiatan `s`,
/// output `o`), or with [`Outputs::output`], [`Outputs::sub`], [`Outputs::program`] and
/// [`Outputs::all`].
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Outputs {
    /// Every output, in report order.
    rated: Vec<Rated>,
    /// Sub kegiatan `i` (counted over the whole report) holds
    /// `rated[sub_start[i]..sub_start[i + 1]]`.
    sub_start: Vec<u32>,
    /// Kegiatan `j` (counted over the whole report) holds sub kegiatan
    /// `kegiatan_start[j]..kegiatan_start[j + 1]`.
    kegiatan_start: Vec<u32>,
    /// Program `p` holds kegiatan `program_start[p]..program_start[p + 1]`.
    program_start: Vec<u32>,
}

/// The outputs of one program: [`Outputs::get`].
#[derive(Clone, Copy, Debug)]
pub struct ProgramOutputs<'a> {
    outputs: &'a Outputs,
    /// Global indexes of its kegiatan.
    kegiatan: (usize, usize),
}

/// The outputs of one kegiatan: [`ProgramOutputs::get`].
#[derive(Clone, Copy, Debug)]
pub struct KegiatanOutputs<'a> {
    outputs: &'a Outputs,
    /// Global indexes of its sub kegiatan.
    subs: (usize, usize),
}

fn offset(n: usize) -> u32 {
    u32::try_from(n).expect("fewer than 2^32 outputs")
}

impl Outputs {
    fn with_capacity(programs: usize, kegiatan: usize, subs: usize, outputs: usize) -> Outputs {
        let start = |n: usize| {
            let mut v = Vec::with_capacity(n + 1);
            v.push(0);
            v
        };
        Outputs {
            rated: Vec::with_capacity(outputs),
            sub_start: start(subs),
            kegiatan_start: start(kegiatan),
            program_start: start(programs),
        }
    }
    /// Close the current kegiatan (its sub kegiatan were pushed to `sub_start`) or program.
    fn end_kegiatan(&mut self) {
        self.kegiatan_start.push(offset(self.sub_start.len() - 1));
    }
    fn end_program(&mut self) {
        self.program_start
            .push(offset(self.kegiatan_start.len() - 1));
    }

    /// Number of programs.
    pub fn len(&self) -> usize {
        self.program_start.len().saturating_sub(1)
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The outputs of program `p`.
    pub fn get(&self, p: usize) -> Option<ProgramOutputs<'_>> {
        let (a, b) = (*self.program_start.get(p)?, *self.program_start.get(p + 1)?);
        Some(ProgramOutputs {
            outputs: self,
            kegiatan: (a as usize, b as usize),
        })
    }

    /// Every output of the report, in order.
    pub fn all(&self) -> &[Rated] {
        &self.rated
    }

    /// Every output of program `p`, in order.
    pub fn program(&self, p: usize) -> Option<&[Rated]> {
        Some(self.get(p)?.all())
    }

    /// The outputs of sub kegiatan `s` of kegiatan `k` of program `p`.
    pub fn sub(&self, p: usize, k: usize, s: usize) -> Option<&[Rated]> {
        self.get(p)?.get(k)?.get(s)
    }

    /// Output `o` of sub kegiatan `s` of kegiatan `k` of program `p`.
    pub fn output(&self, p: usize, k: usize, s: usize, o: usize) -> Option<&Rated> {
        self.sub(p, k, s)?.get(o)
    }

    fn output_mut(&mut self, p: usize, k: usize, s: usize, o: usize) -> Option<&mut Rated> {
        let subs = self.get(p)?.get(k)?.subs;
        if s >= subs.1 - subs.0 {
            return None;
        }
        let sub = subs.0 + s;
        let (a, b) = (
            self.sub_start[sub] as usize,
            self.sub_start[sub + 1] as usize,
        );
        self.rated[a..b].get_mut(o)
    }
}

impl<'a> ProgramOutputs<'a> {
    /// Number of kegiatan.
    pub fn len(&self) -> usize {
        self.kegiatan.1 - self.kegiatan.0
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The outputs of kegiatan `k` of this program.
    pub fn get(self, k: usize) -> Option<KegiatanOutputs<'a>> {
        if k >= self.len() {
            return None;
        }
        let j = self.kegiatan.0 + k;
        let starts = &self.outputs.kegiatan_start;
        Some(KegiatanOutputs {
            outputs: self.outputs,
            subs: (starts[j] as usize, starts[j + 1] as usize),
        })
    }
    /// Every output of this program, in order.
    pub fn all(&self) -> &'a [Rated] {
        let o = self.outputs;
        let (a, b) = (
            o.kegiatan_start[self.kegiatan.0] as usize,
            o.kegiatan_start[self.kegiatan.1] as usize,
        );
        &o.rated[o.sub_start[a] as usize..o.sub_start[b] as usize]
    }
}

impl<'a> KegiatanOutputs<'a> {
    /// Number of sub kegiatan.
    pub fn len(&self) -> usize {
        self.subs.1 - self.subs.0
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The outputs of sub kegiatan `s` of this kegiatan.
    pub fn get(self, s: usize) -> Option<&'a [Rated]> {
        if s >= self.len() {
            return None;
        }
        let i = self.subs.0 + s;
        let o = self.outputs;
        Some(&o.rated[o.sub_start[i] as usize..o.sub_start[i + 1] as usize])
    }
    /// Every output of this kegiatan, in order.
    pub fn all(&self) -> &'a [Rated] {
        let o = self.outputs;
        &o.rated[o.sub_start[self.subs.0] as usize..o.sub_start[self.subs.1] as usize]
    }
}

/// Rates the outputs of a report, one program at a time, into [`Outputs`].
struct Rater<'r> {
    out: Outputs,
    classifier: Classifier,
    cap: Option<Decimal>,
    /// The outputs of the program being rated.
    pending: Vec<&'r Output>,
}

impl<'r> Rater<'r> {
    fn new(report: &Report) -> Rater<'r> {
        let (mut kegiatan, mut subs, mut outputs) = (0, 0, 0);
        for p in &report.programs {
            kegiatan += p.kegiatan.len();
            for k in &p.kegiatan {
                subs += k.sub_kegiatan.len();
                outputs += k
                    .sub_kegiatan
                    .iter()
                    .map(|s| s.outputs.len())
                    .sum::<usize>();
            }
        }
        Rater {
            out: Outputs::with_capacity(report.programs.len(), kegiatan, subs, outputs),
            classifier: report.settings.scale.classifier(),
            cap: report.settings.cap,
            pending: Vec::new(),
        }
    }

    /// Rate the outputs of the next program.
    ///
    /// They are collected first, in a loop that does nothing but read the fields rating
    /// uses, so the processor has many of them coming from memory at once; then rated from
    /// the cache. Rating them straight from the report waits on memory for each output in
    /// turn: a report of 20.000 sub kegiatan is far larger than the fast caches, and the
    /// outputs of each sub kegiatan live in an allocation of their own.
    fn program(&mut self, p: &'r Program) {
        let out = &mut self.out;
        self.pending.clear();
        // The sum only makes the loop read each output's target, realisation and direction
        // (the cache lines rating reads); `black_box` keeps those reads.
        let mut touched = 0usize;
        for k in &p.kegiatan {
            for s in &k.sub_kegiatan {
                for o in &s.outputs {
                    touched += o.target.is_some() as usize
                        + o.realisasi.is_some() as usize
                        + o.direction as usize;
                    self.pending.push(o);
                }
                out.sub_start
                    .push(offset(out.rated.len() + self.pending.len()));
            }
            out.end_kegiatan();
        }
        std::hint::black_box(touched);
        out.end_program();
        let (cap, classifier) = (self.cap, &self.classifier);
        out.rated.extend(self.pending.iter().map(|o| {
            Rated::classified(
                capaian(o.target.as_ref(), o.realisasi.as_ref(), o.direction, cap),
                classifier,
            )
        }));
    }

    fn finish(self) -> Outputs {
        self.out
    }
}

/// Compute every figure of the report.
pub fn compute(report: &Report) -> Computed {
    let scale = &report.settings.scale;
    // The budget and the outputs, program by program: both read the same sub kegiatan,
    // which are then still in the cache for the second.
    let mut budget = BudgetTotals::with_capacity(report.programs.len());
    let mut rater = Rater::new(report);
    for p in &report.programs {
        budget.push(p);
        rater.program(p);
    }
    let outputs = rater.finish();
    let tujuan = report
        .tujuan
        .iter()
        .map(|t| {
            t.indicators
                .iter()
                .map(|i| indicator_result(i, report))
                .collect()
        })
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
            let values: Vec<Decimal> = iku
                .iter()
                .filter_map(|r| r.this_year.capaian.ok())
                .map(|a| a.value)
                .collect();
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

    Computed {
        budget,
        tujuan,
        sasaran,
        outputs,
        program_sasaran,
        unlinked_budget,
    }
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
        count(
            self.sasaran
                .iter()
                .flat_map(|s| s.iku.iter().map(|r| &r.this_year)),
            scale,
        )
    }
    pub fn output_counts(&self, scale: &Scale) -> CategoryCounts {
        count(self.outputs.all().iter(), scale)
    }
    /// Output `o` of sub kegiatan `s` of kegiatan `k` of program `p`.
    pub fn output(&self, p: usize, k: usize, s: usize, o: usize) -> Option<&Rated> {
        self.outputs.output(p, k, s, o)
    }
    /// The outputs of sub kegiatan `s` of kegiatan `k` of program `p`.
    pub fn sub_outputs(&self, p: usize, k: usize, s: usize) -> Option<&[Rated]> {
        self.outputs.sub(p, k, s)
    }
    /// Every output of program `p`, in order.
    pub fn program_outputs(&self, p: usize) -> Option<&[Rated]> {
        self.outputs.program(p)
    }
    /// Amounts of the sub kegiatan at `(program, kegiatan, sub)`.
    pub fn sub_amounts(&self, p: usize, k: usize, s: usize) -> Option<&Amounts> {
        self.budget.programs.get(p)?.kegiatan.get(k)?.sub.get(s)
    }
}

fn count<'a>(items: impl Iterator<Item = &'a Rated>, scale: &Scale) -> CategoryCounts {
    let mut c = CategoryCounts {
        per_band: vec![0; scale.bands.len()],
        not_computable: 0,
    };
    for r in items {
        match r.category {
            Some(i) => c.per_band[i] += 1,
            None => c.not_computable += 1,
        }
    }
    c
}

/// What an edit can have changed, for [`Computed::refresh`].
enum Scope {
    Nothing,
    /// Budget figures of program `p`.
    Program(usize),
    /// Output `o` of sub kegiatan `s` of kegiatan `k` of program `p`.
    Output(usize, usize, usize, usize),
    Everything,
}

fn scope_of(report: &Report, edit: &crate::model::edit::Edit) -> Scope {
    use crate::model::edit::{Edit, Field};
    let Edit::Set { id, field, .. } = edit else {
        return Scope::Everything;
    };
    // Indicators (tujuan and IKU) are few: recompute them all with the rest.
    for (pi, p) in report.programs.iter().enumerate() {
        if &p.id == id {
            return match field {
                Field::Pagu | Field::Realisasi => Scope::Program(pi),
                Field::Name | Field::Code | Field::PaguPk => Scope::Nothing,
                _ => Scope::Everything,
            };
        }
        for (ki, k) in p.kegiatan.iter().enumerate() {
            if &k.id == id {
                return match field {
                    Field::Pagu | Field::Realisasi => Scope::Program(pi),
                    Field::Name | Field::Code | Field::Spm => Scope::Nothing,
                    _ => Scope::Everything,
                };
            }
            for (si, s) in k.sub_kegiatan.iter().enumerate() {
                if &s.id == id {
                    return match field {
                        Field::Pagu | Field::Realisasi => Scope::Program(pi),
                        Field::Name | Field::Code | Field::PaguMurni => Scope::Nothing,
                        _ => Scope::Everything,
                    };
                }
                if let Some(oi) = s.outputs.iter().position(|o| &o.id == id) {
                    return match field {
                        Field::OutputTarget | Field::OutputRealisation | Field::Direction => {
                            Scope::Output(pi, ki, si, oi)
                        }
                        Field::Name
                        | Field::Unit
                        | Field::UnitRealisasi
                        | Field::Cause
                        | Field::Solution => Scope::Nothing,
                        _ => Scope::Everything,
                    };
                }
            }
        }
    }
    Scope::Everything
}

impl Computed {
    /// Bring the results up to date after `edit` has been applied to `report`, recomputing
    /// only what the edit can affect (one program's budget, one output) and everything
    /// otherwise. Always equal to `compute(report)`; a property test holds it to that.
    pub fn refresh(&mut self, report: &Report, edit: &crate::model::edit::Edit) {
        match scope_of(report, edit) {
            Scope::Nothing => {}
            Scope::Output(p, k, s, o) => {
                let fresh = report.programs[p].kegiatan[k].sub_kegiatan[s]
                    .outputs
                    .get(o)
                    .map(|x| output_result(x, report));
                match (fresh, self.outputs.output_mut(p, k, s, o)) {
                    (Some(fresh), Some(slot)) => *slot = fresh,
                    _ => *self = compute(report),
                }
            }
            Scope::Program(p) => {
                if self.budget.programs.len() != report.programs.len() {
                    *self = compute(report);
                    return;
                }
                self.budget.programs[p] = crate::calc::budget::program_totals(&report.programs[p]);
                let mut total = Amounts::default();
                for pt in &self.budget.programs {
                    total.add(&pt.total);
                }
                self.budget.total = total;
                let mut unlinked = Amounts::default();
                for (pi, s) in self.program_sasaran.iter().enumerate() {
                    if s.is_none() {
                        unlinked.add(&self.budget.programs[pi].total);
                    }
                }
                self.unlinked_budget = unlinked;
                for s in &mut self.sasaran {
                    let mut a = Amounts::default();
                    for pi in &s.programs {
                        a.add(&self.budget.programs[*pi].total);
                    }
                    s.budget = a;
                }
            }
            Scope::Everything => *self = compute(report),
        }
    }
}
