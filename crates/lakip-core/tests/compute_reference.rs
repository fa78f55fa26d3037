//! The optimized [`compute`] against a frozen copy of the straightforward implementation it
//! replaced (issue 2: a full recompute of 20.000 sub kegiatan in ≤ 5 ms).
//!
//! Exactness is the promise: every figure must stay *bit for bit* what the plain
//! implementation gives: the same `Decimal` mantissa, scale and sign (so `100.50` is not
//! `100.5`), the same category, the same reason why a figure cannot be computed. The
//! reference below is the code as it was before the optimisation, kept deliberately simple
//! (rust_decimal's own `*`, `/`, `+` and comparisons, nested vectors); it is compared with
//! [`compute`] over generated reports of several seeds and sizes, over reports mutated into
//! every awkward case (ranges, ratios, n/a, target 0, both lower-is-better formulas, caps,
//! negative and huge values, many decimals, custom and even invalid scales), and with
//! [`Computed::refresh`] after edits.

use lakip_core::calc::budget::{Amounts, BudgetTotals, KegiatanTotals, ProgramTotals};
use lakip_core::calc::capaian::{Achievement, Capaian, NotComputable, Trend};
use lakip_core::calc::compute::{
    compute, Computed, IndicatorResult, Rated, RenstraComparison, SasaranResult,
    StandardComparison, YearComparison,
};
use lakip_core::generate::{self, Rng};
use lakip_core::model::scale::{Band, Bound, Scale};
use lakip_core::model::value::Value;
use lakip_core::model::*;
use lakip_core::Decimal;
use proptest::prelude::*;

// =======================================================================================
// The reference: the implementation as it was, frozen
// =======================================================================================

mod reference {
    use super::*;

    const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

    pub fn percent(part: Decimal, whole: Decimal) -> Result<Decimal, NotComputable> {
        if whole.is_zero() {
            return Err(NotComputable::TargetZero);
        }
        part.checked_mul(HUNDRED)
            .and_then(|p| p.checked_div(whole))
            .ok_or(NotComputable::Overflow)
    }

    fn against(
        target: Decimal,
        realisation: Decimal,
        dir: Direction,
    ) -> Result<Decimal, NotComputable> {
        if target.is_zero() {
            return Err(NotComputable::TargetZero);
        }
        match dir {
            Direction::HigherIsBetter => percent(realisation, target),
            Direction::LowerIsBetter => {
                let two_t = target
                    .checked_mul(Decimal::TWO)
                    .ok_or(NotComputable::Overflow)?;
                let num = two_t
                    .checked_sub(realisation)
                    .ok_or(NotComputable::Overflow)?;
                percent(num, target)
            }
            Direction::LowerIsBetterInverse => {
                if realisation.is_zero() {
                    return Err(NotComputable::RealisationZero);
                }
                percent(target, realisation)
            }
        }
    }

    fn scalar(v: &Value) -> Option<Decimal> {
        match v {
            Value::Number(n) => Some(*n),
            Value::Ratio { left, right } => right.checked_div(*left),
            Value::Range { .. } | Value::NotAvailable => None,
        }
    }

    pub fn capaian(
        target: Option<&Value>,
        realisation: Option<&Value>,
        dir: Direction,
        cap: Option<Decimal>,
    ) -> Capaian {
        let target = target.ok_or(NotComputable::TargetMissing)?;
        let realisation = realisation.ok_or(NotComputable::RealisationMissing)?;
        if matches!(target, Value::NotAvailable) {
            return Err(NotComputable::TargetNotAvailable);
        }
        let raw = match (target, realisation) {
            (_, Value::NotAvailable) => return Err(NotComputable::RealisationNotAvailable),
            (_, Value::Range { .. }) => return Err(NotComputable::RealisationIsRange),
            (Value::Number(t), Value::Number(r)) => against(*t, *r, dir)?,
            (Value::Ratio { .. }, Value::Ratio { .. }) => {
                let t = scalar(target).ok_or(NotComputable::Overflow)?;
                let r = scalar(realisation).ok_or(NotComputable::Overflow)?;
                against(t, r, dir)?
            }
            (Value::Range { low, high }, Value::Number(r)) => {
                if r >= low && r <= high {
                    HUNDRED
                } else if r > high {
                    against(*high, *r, dir)?
                } else {
                    against(*low, *r, dir)?
                }
            }
            (t, r) => {
                return Err(NotComputable::KindMismatch {
                    target: t.kind_name(),
                    realisation: r.kind_name(),
                })
            }
        };
        let value = match cap {
            Some(c) if raw > c => c,
            _ => raw,
        };
        Ok(Achievement { raw, value })
    }

    fn contains(b: &Band, x: Decimal) -> bool {
        let above_lower = match b.lower {
            None => true,
            Some(b) => x > b.value || (b.inclusive && x == b.value),
        };
        let below_upper = match b.upper {
            None => true,
            Some(b) => x < b.value || (b.inclusive && x == b.value),
        };
        above_lower && below_upper
    }

    pub fn classify(scale: &Scale, x: Decimal) -> Option<usize> {
        scale.bands.iter().position(|b| contains(b, x))
    }

    fn rated(capaian: Capaian, scale: &Scale) -> Rated {
        let category = capaian.ok().and_then(|a| classify(scale, a.value));
        Rated { capaian, category }
    }

    fn trend(before: Decimal, now: Decimal, dir: Direction) -> Trend {
        use std::cmp::Ordering::*;
        match (now.cmp(&before), dir.lower_is_better()) {
            (Equal, _) => Trend::Unchanged,
            (Greater, false) | (Less, true) => Trend::Improved,
            _ => Trend::Worsened,
        }
    }

    fn add(a: &mut Amounts, b: &Amounts) {
        a.pagu += b.pagu;
        a.realisasi += b.realisasi;
        a.has_pagu |= b.has_pagu;
    }

    fn leaf(pagu: Option<Money>, realisasi: Option<Money>) -> Amounts {
        Amounts {
            pagu: pagu.unwrap_or_default(),
            realisasi: realisasi.unwrap_or_default(),
            has_pagu: pagu.is_some(),
        }
    }

    pub fn program_totals(p: &Program) -> ProgramTotals {
        if p.kegiatan.is_empty() {
            return ProgramTotals {
                total: leaf(p.pagu, p.realisasi),
                kegiatan: Vec::new(),
            };
        }
        let mut total = Amounts::default();
        let kegiatan = p
            .kegiatan
            .iter()
            .map(|k| {
                let kt = if k.sub_kegiatan.is_empty() {
                    KegiatanTotals {
                        total: leaf(k.pagu, k.realisasi),
                        sub: Vec::new(),
                    }
                } else {
                    let mut kt = Amounts::default();
                    let sub: Vec<Amounts> = k
                        .sub_kegiatan
                        .iter()
                        .map(|s| {
                            let a = leaf(s.pagu, s.realisasi);
                            add(&mut kt, &a);
                            a
                        })
                        .collect();
                    KegiatanTotals { total: kt, sub }
                };
                add(&mut total, &kt.total);
                kt
            })
            .collect();
        ProgramTotals { total, kegiatan }
    }

    pub fn budget_totals(report: &Report) -> BudgetTotals {
        let mut total = Amounts::default();
        let programs = report
            .programs
            .iter()
            .map(|p| {
                let pt = program_totals(p);
                add(&mut total, &pt.total);
                pt
            })
            .collect();
        BudgetTotals { programs, total }
    }

    fn realisation_of(ind: &Indicator, year: i32, report_year: i32) -> Option<Value> {
        if year == report_year {
            if let (Some(n), Some(d)) = (ind.formula.numerator_value, ind.formula.denominator_value)
            {
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

    fn normalise(s: &str) -> String {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    }

    fn indicator_result(ind: &Indicator, report: &Report) -> IndicatorResult {
        let year = report.tahun;
        let cap = report.settings.cap;
        let scale = &report.settings.scale;
        let target = ind.target_for(year, year).cloned();
        let realisasi = realisation_of(ind, year, year);
        let this_year = rated(
            capaian(target.as_ref(), realisasi.as_ref(), ind.direction, cap),
            scale,
        );
        let now = realisasi.as_ref().and_then(scalar);
        let history = ind
            .realisations
            .iter()
            .filter(|(y, _)| **y < year)
            .map(|(y, r)| {
                let t = ind.targets.get(y).cloned();
                let before = scalar(r);
                let change = match (now, before) {
                    (Some(a), Some(b)) => a.checked_sub(b),
                    _ => None,
                };
                let trend = match (now, before) {
                    (Some(a), Some(b)) => Some(trend(b, a, ind.direction)),
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

    fn mean(values: &[Decimal]) -> Option<Decimal> {
        if values.is_empty() {
            return None;
        }
        let mut sum = Decimal::ZERO;
        for v in values {
            sum = sum.checked_add(*v)?;
        }
        sum.checked_div(Decimal::from(values.len()))
    }

    /// Everything `compute` gives, in the old nested layout.
    pub struct Reference {
        pub budget: BudgetTotals,
        pub tujuan: Vec<Vec<IndicatorResult>>,
        pub sasaran: Vec<SasaranResult>,
        pub outputs: Vec<Vec<Vec<Vec<Rated>>>>,
        pub program_sasaran: Vec<Option<usize>>,
        pub unlinked_budget: Amounts,
    }

    pub fn compute(report: &Report) -> Reference {
        let scale = &report.settings.scale;
        let budget = budget_totals(report);
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
                add(&mut unlinked_budget, &budget.programs[pi].total);
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
                    add(&mut amounts, &budget.programs[*pi].total);
                }
                SasaranResult {
                    not_computable: iku.len() - values.len(),
                    mean_category: mean_capaian.and_then(|m| classify(scale, m)),
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
                            .map(|s| {
                                s.outputs
                                    .iter()
                                    .map(|o| {
                                        rated(
                                            capaian(
                                                o.target.as_ref(),
                                                o.realisasi.as_ref(),
                                                o.direction,
                                                report.settings.cap,
                                            ),
                                            scale,
                                        )
                                    })
                                    .collect()
                            })
                            .collect()
                    })
                    .collect()
            })
            .collect();
        Reference {
            budget,
            tujuan,
            sasaran,
            outputs,
            program_sasaran,
            unlinked_budget,
        }
    }
}

// =======================================================================================
// Comparison, bit for bit
// =======================================================================================

/// Mantissa, scale and sign: `100.50` and `100.5` differ here, as do `0` and `-0`.
fn bits(d: Decimal) -> [u8; 16] {
    d.serialize()
}

fn same_capaian(a: &Capaian, b: &Capaian) -> bool {
    match (a, b) {
        (Ok(x), Ok(y)) => bits(x.raw) == bits(y.raw) && bits(x.value) == bits(y.value),
        (Err(x), Err(y)) => x == y,
        _ => false,
    }
}

/// `Debug` prints every decimal digit of the scale (`100.50`), so equal texts mean equal
/// representations; `==` on top catches anything `Debug` might hide.
fn same_debug<T: std::fmt::Debug + PartialEq>(what: &str, a: &T, b: &T) {
    assert_eq!(format!("{a:?}"), format!("{b:?}"), "{what}");
    assert!(a == b, "{what}");
}

/// Every decimal inside an indicator result, for the bit comparison (`Debug` hides `-0`).
fn indicator_decimals(r: &IndicatorResult, out: &mut Vec<[u8; 16]>) {
    fn value(v: &Option<Value>, out: &mut Vec<[u8; 16]>) {
        match v {
            Some(Value::Number(n)) => out.push(bits(*n)),
            Some(Value::Range { low, high }) => out.extend([bits(*low), bits(*high)]),
            Some(Value::Ratio { left, right }) => out.extend([bits(*left), bits(*right)]),
            _ => out.push([0xff; 16]),
        }
    }
    fn cap(c: &Capaian, out: &mut Vec<[u8; 16]>) {
        if let Ok(a) = c {
            out.extend([bits(a.raw), bits(a.value)]);
        }
    }
    value(&r.target, out);
    value(&r.realisasi, out);
    cap(&r.this_year.capaian, out);
    for h in &r.history {
        value(&h.target, out);
        cap(&h.capaian, out);
        out.extend(h.change.map(bits));
    }
    value(&r.renstra.target, out);
    value(&r.renstra.realisasi, out);
    cap(&r.renstra.capaian, out);
    if let Some(s) = &r.standard {
        cap(&s.capaian, out);
    }
}

fn amounts_bits(a: &Amounts) -> ([u8; 16], [u8; 16], bool) {
    (bits(a.pagu), bits(a.realisasi), a.has_pagu)
}

fn assert_same(report: &Report, c: &Computed, what: &str) {
    let r = reference::compute(report);
    let scale = &report.settings.scale;

    // Budget tree, rupiah by rupiah.
    same_debug(&format!("{what}: budget"), &r.budget, &c.budget);
    assert_eq!(
        amounts_bits(&r.budget.total),
        amounts_bits(&c.budget.total),
        "{what}: total"
    );
    for (pi, (a, b)) in r.budget.programs.iter().zip(&c.budget.programs).enumerate() {
        assert_eq!(
            amounts_bits(&a.total),
            amounts_bits(&b.total),
            "{what}: program {pi}"
        );
        for (ki, (x, y)) in a.kegiatan.iter().zip(&b.kegiatan).enumerate() {
            assert_eq!(
                amounts_bits(&x.total),
                amounts_bits(&y.total),
                "{what}: kegiatan {pi}.{ki}"
            );
            let xs: Vec<_> = x.sub.iter().map(amounts_bits).collect();
            let ys: Vec<_> = y.sub.iter().map(amounts_bits).collect();
            assert_eq!(xs, ys, "{what}: sub kegiatan of {pi}.{ki}");
        }
    }
    same_debug(
        &format!("{what}: program_sasaran"),
        &r.program_sasaran,
        &c.program_sasaran,
    );
    assert_eq!(
        amounts_bits(&r.unlinked_budget),
        amounts_bits(&c.unlinked_budget),
        "{what}: unlinked"
    );

    // Indicators.
    same_debug(&format!("{what}: tujuan"), &r.tujuan, &c.tujuan);
    same_debug(&format!("{what}: sasaran"), &r.sasaran, &c.sasaran);
    let (mut x, mut y) = (Vec::new(), Vec::new());
    for (a, b) in r.tujuan.iter().flatten().zip(c.tujuan.iter().flatten()) {
        indicator_decimals(a, &mut x);
        indicator_decimals(b, &mut y);
    }
    for (a, b) in r.sasaran.iter().zip(&c.sasaran) {
        for (i, j) in a.iku.iter().zip(&b.iku) {
            indicator_decimals(i, &mut x);
            indicator_decimals(j, &mut y);
        }
        x.extend(a.mean_capaian.map(bits));
        y.extend(b.mean_capaian.map(bits));
        x.push(amounts_bits(&a.budget).0);
        y.push(amounts_bits(&b.budget).0);
    }
    assert_eq!(x, y, "{what}: indicator decimals");

    // Outputs, through every accessor.
    let mut n = 0;
    assert!(
        c.outputs.get(r.outputs.len()).is_none(),
        "{what}: extra program"
    );
    for (p, ks) in r.outputs.iter().enumerate() {
        let prog = c
            .outputs
            .get(p)
            .unwrap_or_else(|| panic!("{what}: program {p} missing"));
        assert_eq!(prog.len(), ks.len(), "{what}: kegiatan count of {p}");
        let flat: Vec<&Rated> = ks.iter().flatten().flatten().collect();
        let program_slice = c.program_outputs(p).unwrap();
        assert_eq!(
            program_slice.len(),
            flat.len(),
            "{what}: outputs of program {p}"
        );
        for (k, ss) in ks.iter().enumerate() {
            let keg = prog.get(k).unwrap();
            assert_eq!(keg.len(), ss.len(), "{what}: sub count of {p}.{k}");
            assert!(keg.get(ss.len()).is_none());
            for (s, os) in ss.iter().enumerate() {
                let got = c.sub_outputs(p, k, s).unwrap();
                assert_eq!(got.len(), os.len(), "{what}: output count of {p}.{k}.{s}");
                assert_eq!(keg.get(s).unwrap().len(), os.len());
                for (o, want) in os.iter().enumerate() {
                    let have = c.output(p, k, s, o).unwrap();
                    assert!(
                        same_capaian(&want.capaian, &have.capaian)
                            && want.category == have.category,
                        "{what}: output {p}.{k}.{s}.{o}: want {want:?}, have {have:?}",
                    );
                    assert_eq!(have, &got[o]);
                    assert_eq!(
                        c.outputs
                            .get(p)
                            .and_then(|x| x.get(k))
                            .and_then(|x| x.get(s))
                            .and_then(|x| x.get(o)),
                        Some(have)
                    );
                    n += 1;
                }
                assert!(c.output(p, k, s, os.len()).is_none());
            }
            assert!(c.sub_outputs(p, k, ss.len()).is_none());
        }
    }
    assert_eq!(c.outputs.all().len(), n, "{what}: output total");
    let mut counts = vec![0usize; scale.bands.len()];
    let mut nc = 0;
    for o in r.outputs.iter().flatten().flatten().flatten() {
        match o.category {
            Some(i) => counts[i] += 1,
            None => nc += 1,
        }
    }
    let got = c.output_counts(scale);
    assert_eq!(
        (got.per_band, got.not_computable),
        (counts, nc),
        "{what}: output counts"
    );
}

// =======================================================================================
// Awkward inputs
// =======================================================================================

fn dec(m: i128, s: u32) -> Decimal {
    Decimal::from_i128_with_scale(m, s)
}

/// A number of any shape the app can meet, and some it should never meet.
fn any_number(rng: &mut Rng) -> Decimal {
    let sign = if rng.chance(15) { -1 } else { 1 };
    let d = match rng.below(12) {
        0 => Decimal::ZERO,
        1 => dec(rng.range(1, 3_000) as i128, 0),
        2 => dec(rng.range(1, 300_000) as i128, rng.range(0, 4) as u32),
        3 => dec(
            rng.range(1, 999_999_999_999_999) as i128,
            rng.range(0, 12) as u32,
        ),
        4 => dec(rng.next_u64() as i128, rng.range(0, 28) as u32),
        5 => dec(
            ((rng.next_u64() as i128) << 32 | rng.next_u64() as i128) & ((1i128 << 96) - 1),
            rng.range(0, 28) as u32,
        ),
        6 => *rng.pick(&[
            Decimal::MAX,
            Decimal::MIN,
            dec(1, 28),
            dec(79_228_162_514_264_337_593_543_950_335, 28),
        ]),
        7 => dec(
            rng.range(1, 100) as i128 * 10i128.pow(rng.range(0, 20) as u32),
            rng.range(0, 28) as u32,
        ),
        8 => dec(
            [55, 70, 85, 51, 66, 76, 91, 100, 110, 120][rng.below(10) as usize]
                * 10i128.pow(rng.range(0, 26) as u32),
            rng.range(0, 26) as u32,
        ),
        9 => dec(rng.range(1, 4_294_967_295) as i128, rng.range(0, 10) as u32),
        10 => dec(rng.range(1, 100) as i128, 0) / dec(rng.range(1, 100) as i128, 0),
        _ => {
            dec(1, 0) / dec(rng.range(1, 1_000_000) as i128, 0)
                * dec(rng.range(1, 1_000_000) as i128, rng.range(0, 6) as u32)
        }
    };
    if sign < 0 {
        -d
    } else {
        d
    }
}

fn any_value(rng: &mut Rng) -> Option<Value> {
    Some(match rng.below(10) {
        0 => return None,
        1 => Value::NotAvailable,
        2 => {
            let (a, b) = (any_number(rng), any_number(rng));
            Value::Range {
                low: a.min(b),
                high: a.max(b),
            }
        }
        3 => {
            let left = any_number(rng);
            Value::Ratio {
                left: if left.is_zero() { Decimal::ONE } else { left },
                right: any_number(rng),
            }
        }
        4 => Value::Ratio {
            left: Decimal::ONE,
            right: dec(rng.range(1, 60) as i128, 0),
        },
        _ => Value::Number(any_number(rng)),
    })
}

fn any_direction(rng: &mut Rng) -> Direction {
    *rng.pick(&[
        Direction::HigherIsBetter,
        Direction::LowerIsBetter,
        Direction::LowerIsBetterInverse,
    ])
}

fn bound(rng: &mut Rng, v: Decimal) -> Bound {
    Bound {
        value: v,
        inclusive: rng.chance(50),
    }
}

/// A scale: a preset, a valid custom one (single-point bands, decimal, negative or huge
/// bounds, inclusive and exclusive ends) or an invalid one (gaps, overlaps), since
/// `classify` must give the same first matching band either way.
pub fn any_scale(rng: &mut Rng) -> Scale {
    match rng.below(6) {
        0 => Scale::seed_default(),
        1 => Scale::permendagri_86(),
        2 | 3 => {
            // Valid: ascending cut points; each shared boundary held by exactly one side.
            let n = rng.range(1, 6) as usize;
            let mut cuts: Vec<Decimal> =
                (0..n.saturating_sub(1)).map(|_| any_number(rng)).collect();
            cuts.sort();
            cuts.dedup();
            let mut bands = Vec::new();
            let mut lower: Option<Bound> = None;
            let mut i = 0;
            while i <= cuts.len() {
                let upper = cuts.get(i).map(|&c| bound(rng, c));
                // A single-point band `[c, c]` between two bands that leave `c` out.
                if let (Some(u), true) = (upper, rng.chance(25)) {
                    bands.push(Band {
                        label: format!("b{i}"),
                        lower,
                        upper: Some(Bound {
                            value: u.value,
                            inclusive: false,
                        }),
                    });
                    bands.push(Band {
                        label: format!("p{i}"),
                        lower: Some(Bound {
                            value: u.value,
                            inclusive: true,
                        }),
                        upper: Some(Bound {
                            value: u.value,
                            inclusive: true,
                        }),
                    });
                    lower = Some(Bound {
                        value: u.value,
                        inclusive: false,
                    });
                } else {
                    bands.push(Band {
                        label: format!("b{i}"),
                        lower,
                        upper,
                    });
                    lower = upper.map(|u| Bound {
                        value: u.value,
                        inclusive: !u.inclusive,
                    });
                }
                i += 1;
            }
            Scale {
                name: "custom".into(),
                bands,
            }
        }
        _ => {
            // Anything, valid or not.
            let bands = (0..rng.range(0, 5))
                .map(|i| {
                    let end = |rng: &mut Rng| {
                        let v = any_number(rng);
                        rng.chance(70).then(|| bound(rng, v))
                    };
                    Band {
                        label: format!("x{i}"),
                        lower: end(rng),
                        upper: end(rng),
                    }
                })
                .collect();
            Scale {
                name: "bebas".into(),
                bands,
            }
        }
    }
}

fn any_cap(rng: &mut Rng) -> Option<Decimal> {
    match rng.below(6) {
        0 => Some(dec(100, 0)),
        1 => Some(dec(110, 0)),
        2 => Some(dec(120, 0)),
        3 => Some(any_number(rng)),
        _ => None,
    }
}

fn any_money(rng: &mut Rng) -> Option<Money> {
    match rng.below(8) {
        0 => None,
        1 => Some(Decimal::ZERO),
        2 => Some(dec(rng.range(0, 999_999_999_999_999) as i128, 2)),
        3 => Some(dec(
            rng.range(0, 5_000_000_000) as i128,
            rng.range(0, 3) as u32,
        )),
        _ => Some(dec(rng.range(0, 5_000_000_000) as i128, 0)),
    }
}

/// A generated report bent into awkward shapes: `share` percent of the outputs, sub kegiatan
/// budgets and indicators get awkward values; settings get a random scale and cap.
fn mutate(mut r: Report, seed: u64, share: u64) -> Report {
    let mut rng = Rng::new(seed);
    r.settings.scale = any_scale(&mut rng);
    r.settings.cap = any_cap(&mut rng);
    for p in &mut r.programs {
        if rng.chance(share) {
            p.pagu = any_money(&mut rng);
            p.realisasi = any_money(&mut rng);
        }
        if rng.chance(share / 4) {
            p.kegiatan.clear();
        }
        for k in &mut p.kegiatan {
            if rng.chance(share / 4) {
                k.sub_kegiatan.clear();
                k.pagu = any_money(&mut rng);
                k.realisasi = any_money(&mut rng);
            }
            for s in &mut k.sub_kegiatan {
                if rng.chance(share) {
                    s.pagu = any_money(&mut rng);
                    s.realisasi = any_money(&mut rng);
                }
                if rng.chance(share / 4) {
                    s.outputs.clear();
                }
                for o in &mut s.outputs {
                    if rng.chance(share) {
                        o.direction = any_direction(&mut rng);
                    }
                    if rng.chance(share) {
                        o.target = any_value(&mut rng);
                    }
                    if rng.chance(share) {
                        o.realisasi = any_value(&mut rng);
                    }
                }
            }
        }
    }
    let indicators = r
        .tujuan
        .iter_mut()
        .flat_map(|t| &mut t.indicators)
        .chain(r.sasaran.iter_mut().flat_map(|s| &mut s.iku));
    for ind in indicators {
        if rng.chance(share) {
            ind.direction = any_direction(&mut rng);
        }
        for v in ind
            .targets
            .values_mut()
            .chain(ind.realisations.values_mut())
        {
            if rng.chance(share) {
                if let Some(x) = any_value(&mut rng) {
                    *v = x;
                }
            }
        }
        if rng.chance(share) {
            ind.target_pk = any_value(&mut rng);
        }
        if rng.chance(share) {
            ind.formula.numerator_value = rng.chance(80).then(|| any_number(&mut rng));
            ind.formula.denominator_value = rng.chance(80).then(|| any_number(&mut rng));
        }
        if rng.chance(share) {
            ind.accumulation = if rng.chance(50) {
                Accumulation::Cumulative
            } else {
                Accumulation::LastValue
            };
        }
    }
    // Sasaran links that point nowhere.
    if let Some(p) = r.programs.last_mut() {
        if rng.chance(share) {
            p.sasaran_id = Some(Id::new("tidak-ada"));
        }
    }
    r
}

// =======================================================================================
// Tests
// =======================================================================================

#[test]
fn generated_reports_of_every_size_are_identical() {
    for (n, seed) in [
        (0, 1),
        (1, 2),
        (7, 3),
        (40, 4),
        (123, 5),
        (1_000, 6),
        (3_000, 11),
        (20_000, 1),
    ] {
        let r = generate::report(n, seed);
        assert_same(&r, &compute(&r), &format!("report({n}, {seed})"));
    }
}

#[test]
fn generated_reports_on_other_scales_and_caps_are_identical() {
    for seed in 0..12u64 {
        let mut r = generate::report(600, 100 + seed);
        let mut rng = Rng::new(seed);
        r.settings.scale = any_scale(&mut rng);
        r.settings.cap = any_cap(&mut rng);
        assert_same(&r, &compute(&r), &format!("seed {seed}"));
    }
}

#[test]
fn mutated_reports_are_identical() {
    for seed in 0..60u64 {
        let share = [5, 30, 100][seed as usize % 3];
        let r = mutate(generate::report(150 + seed as usize * 7, seed), seed, share);
        assert_same(&r, &compute(&r), &format!("mutated seed {seed}, {share}%"));
    }
}

#[test]
fn the_example_is_identical() {
    let r = lakip_core::example::example();
    assert_same(&r, &compute(&r), "example");
    for scale in Scale::presets() {
        for cap in [None, Some(dec(100, 0)), Some(dec(120, 0))] {
            let mut r = r.clone();
            r.settings.scale = scale.clone();
            r.settings.cap = cap;
            assert_same(&r, &compute(&r), "example, other settings");
        }
    }
}

/// One output per hand-made case, each in every direction, on both presets and a scale of
/// single points, with and without caps.
#[test]
fn hand_made_edge_cases_are_identical() {
    let n = |s: &str| Value::Number(s.parse().unwrap());
    let range = |a: &str, b: &str| Value::Range {
        low: a.parse().unwrap(),
        high: b.parse().unwrap(),
    };
    let ratio = |a: &str, b: &str| Value::Ratio {
        left: a.parse().unwrap(),
        right: b.parse().unwrap(),
    };
    let cases: Vec<(Option<Value>, Option<Value>)> = vec![
        (Some(n("20")), Some(n("19"))),
        (Some(n("59")), Some(n("60"))),
        (Some(n("3")), Some(n("1"))),
        (Some(n("7")), Some(n("100"))),
        (Some(n("200")), Some(n("201"))),
        (Some(n("0")), Some(n("5"))),
        (Some(n("0.00")), Some(n("5"))),
        (Some(n("5")), Some(n("0"))),
        (Some(n("5")), Some(n("-0.00"))),
        (Some(n("-5")), Some(n("3"))),
        (Some(n("-5")), Some(n("-3"))),
        (Some(n("75")), Some(n("104.7"))),
        (Some(n("72.50")), Some(n("70"))),
        (Some(n("0.0000000000000000000000000001")), Some(n("1"))),
        (Some(n("3")), Some(n("79228162514264337593543950335"))),
        (
            Some(n("79228162514264337593543950335")),
            Some(n("79228162514264337593543950335")),
        ),
        (Some(n("7.9228162514264337593543950335")), Some(n("1"))),
        (Some(n("4294967295")), Some(n("4294967294"))),
        (Some(n("4294967296")), Some(n("4294967295"))),
        (Some(n("18446744073709551615")), Some(n("3"))),
        (Some(n("85")), Some(n("72.25"))),
        (Some(n("100")), Some(n("85"))),
        (Some(n("100")), Some(n("85.0000000000000000000000001"))),
        // Ties at the last digit a Decimal holds (50 + 25/2^28, 50 + 75/2^28: 28 decimals
        // ending in 5, one more than fits): rounded half to even.
        (Some(n("1073741824")), Some(n("536870913"))),
        (Some(n("1073741824")), Some(n("536870915"))),
        (Some(n("1073741824")), Some(n("5368709.13"))),
        (Some(n("3")), Some(n("2.55"))),
        (Some(n("6")), Some(n("5.1"))),
        (Some(range("80", "90")), Some(n("85"))),
        (Some(range("80", "90")), Some(n("92"))),
        (Some(range("80", "90")), Some(n("70"))),
        (Some(range("4.25", "4.30")), Some(n("4.40"))),
        (Some(range("0", "0")), Some(n("1"))),
        (Some(range("-3", "0")), Some(n("-7"))),
        (Some(range("80", "90")), Some(range("80", "90"))),
        (Some(ratio("1", "32")), Some(ratio("1", "40"))),
        (Some(ratio("3", "7")), Some(ratio("7", "3"))),
        (Some(ratio("1", "0")), Some(ratio("1", "5"))),
        (Some(ratio("1", "32")), Some(n("32"))),
        (Some(n("32")), Some(ratio("1", "32"))),
        (Some(Value::NotAvailable), Some(n("5"))),
        (Some(n("5")), Some(Value::NotAvailable)),
        (None, Some(n("5"))),
        (Some(n("5")), None),
        (None, None),
    ];
    let single_points = Scale {
        name: "titik".into(),
        bands: vec![
            Band {
                label: "a".into(),
                lower: None,
                upper: Some(Bound {
                    value: dec(85, 0),
                    inclusive: false,
                }),
            },
            Band {
                label: "b".into(),
                lower: Some(Bound {
                    value: dec(85, 0),
                    inclusive: true,
                }),
                upper: Some(Bound {
                    value: dec(85, 0),
                    inclusive: true,
                }),
            },
            Band {
                label: "c".into(),
                lower: Some(Bound {
                    value: dec(85, 0),
                    inclusive: false,
                }),
                upper: Some(Bound {
                    value: dec(10000, 2),
                    inclusive: false,
                }),
            },
            Band {
                label: "d".into(),
                lower: Some(Bound {
                    value: dec(100, 0),
                    inclusive: true,
                }),
                upper: Some(Bound {
                    value: dec(1000000000000000000000000001, 25),
                    inclusive: true,
                }),
            },
            Band {
                label: "e".into(),
                lower: Some(Bound {
                    value: dec(1000000000000000000000000001, 25),
                    inclusive: false,
                }),
                upper: None,
            },
        ],
    };
    let mut r = Report::new(
        "uji",
        2026,
        Period {
            first: 2024,
            last: 2026,
        },
    );
    let mut outputs = Vec::new();
    for (t, x) in &cases {
        for dir in [
            Direction::HigherIsBetter,
            Direction::LowerIsBetter,
            Direction::LowerIsBetterInverse,
        ] {
            outputs.push(Output {
                direction: dir,
                target: t.clone(),
                realisasi: x.clone(),
                ..Default::default()
            });
        }
    }
    r.programs.push(Program {
        kegiatan: vec![Kegiatan {
            sub_kegiatan: vec![
                SubKegiatan {
                    outputs,
                    pagu: Some(dec(100, 2)),
                    ..Default::default()
                },
                SubKegiatan::default(),
            ],
            ..Default::default()
        }],
        ..Default::default()
    });
    for scale in [
        Scale::seed_default(),
        Scale::permendagri_86(),
        single_points,
    ] {
        for cap in [
            None,
            Some(dec(100, 0)),
            Some(dec(11000, 2)),
            Some(dec(-5, 0)),
        ] {
            r.settings.scale = scale.clone();
            r.settings.cap = cap;
            assert_same(
                &r,
                &compute(&r),
                &format!("hand-made, {}, cap {cap:?}", scale.name),
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_mutated_report_is_identical(n in 0usize..400, seed in any::<u64>(), share in 0u64..=100) {
        let r = mutate(generate::report(n, seed), seed, share);
        assert_same(&r, &compute(&r), &format!("n {n}, seed {seed}, share {share}"));
    }

    /// `refresh` after edits equals the reference too (it must equal `compute`, which must
    /// equal the reference).
    #[test]
    fn refresh_after_edits_is_identical(seed in 0u64..1000, picks in prop::collection::vec((any::<usize>(), 0u32..3_000), 1..12)) {
        use lakip_core::model::edit::{Edit, Field, FieldValue};
        let mut r = mutate(generate::report(80, seed), seed, 20);
        let mut c = compute(&r);
        for (pick, amount) in picks {
            let outputs: Vec<Id> = r.programs.iter().flat_map(|p| &p.kegiatan).flat_map(|k| &k.sub_kegiatan).flat_map(|s| &s.outputs).map(|o| o.id.clone()).collect();
            let subs: Vec<Id> = r.programs.iter().flat_map(|p| &p.kegiatan).flat_map(|k| &k.sub_kegiatan).map(|s| s.id.clone()).collect();
            let edit = match (pick % 3, outputs.is_empty(), subs.is_empty()) {
                (0, false, _) => Edit::Set { id: outputs[pick % outputs.len()].clone(), field: Field::OutputRealisation, value: FieldValue::Value(Some(Value::Number(dec(amount as i128, pick as u32 % 4)))) },
                (1, false, _) => Edit::Set { id: outputs[pick % outputs.len()].clone(), field: Field::OutputTarget, value: FieldValue::Value(Some(Value::Number(dec(amount as i128 % 50, 0)))) },
                (_, _, false) => Edit::Set { id: subs[pick % subs.len()].clone(), field: Field::Pagu, value: FieldValue::Money(Some(dec(amount as i128, pick as u32 % 3))) },
                _ => continue,
            };
            if r.apply(edit.clone()).is_err() {
                continue;
            }
            c.refresh(&r, &edit);
            assert_same(&r, &c, &format!("after {edit:?}"));
        }
    }
}
