//! Capaian (achievement): how far a realisation reached its target. The one place where
//! the formulas of domain.md live.

use crate::model::value::Value;
use crate::model::Direction;
use rust_decimal::Decimal;
use std::fmt;

/// A computed achievement in percent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Achievement {
    /// Exact value before any cap.
    pub raw: Decimal,
    /// Value after the report's cap (equal to `raw` without a cap).
    pub value: Decimal,
}

impl Achievement {
    pub fn capped(&self) -> bool {
        self.value != self.raw
    }
}

/// Why a figure cannot be computed. `Display` says so in Indonesian.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotComputable {
    TargetMissing,
    TargetNotAvailable,
    TargetZero,
    RealisationMissing,
    RealisationNotAvailable,
    /// `target / realisasi` with a realisation of 0.
    RealisationZero,
    RealisationIsRange,
    KindMismatch {
        target: &'static str,
        realisation: &'static str,
    },
    /// Serapan or efficiency of a row without pagu (printed "-") or with pagu 0.
    NoBudget,
    /// The numbers are beyond what can be computed exactly.
    Overflow,
}

impl fmt::Display for NotComputable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("tidak dapat dihitung: ")?;
        match self {
            NotComputable::TargetMissing => write!(f, "target belum diisi"),
            NotComputable::TargetNotAvailable => write!(f, "target n/a"),
            NotComputable::TargetZero => write!(f, "target 0 (pembagian dengan nol)"),
            NotComputable::RealisationMissing => write!(f, "realisasi belum diisi"),
            NotComputable::RealisationNotAvailable => write!(f, "realisasi n/a"),
            NotComputable::RealisationZero => {
                write!(
                    f,
                    "realisasi 0 pada rumus target/realisasi (pembagian dengan nol)"
                )
            }
            NotComputable::RealisationIsRange => write!(f, "realisasi berupa rentang"),
            NotComputable::KindMismatch {
                target,
                realisation,
            } => {
                write!(f, "target berupa {target}, realisasi berupa {realisation}")
            }
            NotComputable::NoBudget => write!(f, "pagu kosong atau 0"),
            NotComputable::Overflow => write!(f, "angka terlalu besar"),
        }
    }
}

impl std::error::Error for NotComputable {}

pub type Capaian = Result<Achievement, NotComputable>;

const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

/// `part / whole × 100`, exactly (rust_decimal's `checked_mul` then `checked_div`), or why not.
pub fn percent(part: Decimal, whole: Decimal) -> Result<Decimal, NotComputable> {
    if whole.is_zero() {
        return Err(NotComputable::TargetZero);
    }
    part.checked_mul(HUNDRED)
        .and_then(|p| p.checked_div(whole))
        .ok_or(NotComputable::Overflow)
}

/// Capaian of one number against one target number, in the given direction.
#[inline]
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

/// Capaian of a realisation against a target.
///
/// * a number against a number: the direction's formula;
/// * a number against a range: inside → 100, outside → against the nearer bound, which for
///   higher-is-better means above → upper, below → lower, and mirrored for lower-is-better;
/// * a ratio against a ratio: their values (`1:32` → 32) compared like numbers;
/// * anything missing, n/a, zero or of another kind: [`NotComputable`], never 0.
///
/// The cap, if any, limits [`Achievement::value`]; [`Achievement::raw`] keeps the exact value.
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
            let t = target.scalar().ok_or(NotComputable::Overflow)?;
            let r = realisation.scalar().ok_or(NotComputable::Overflow)?;
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

/// The "Capaian Kinerja" of a program in the efficiency table ("a. Analisis atas efisiensi"),
/// from the capaian of the output indicators of its sub kegiatan.
///
/// **Choice:** the plain arithmetic mean of the capaian (after the report's cap, if any) of
/// every output indicator of every sub kegiatan of the program that can be computed; outputs
/// that cannot be computed are left out. `None` when none can be computed. The seed report
/// never defines its figure (its 100% / 181% / 144% cannot be reproduced by any rule), so the
/// simplest rule that uses every output with equal weight is used, and the table says so.
pub fn program_capaian<'a>(outputs: impl IntoIterator<Item = &'a Capaian>) -> Option<Decimal> {
    let values: Vec<Decimal> = outputs
        .into_iter()
        .filter_map(|c| c.ok())
        .map(|a| a.value)
        .collect();
    crate::calc::compute::mean(&values)
}

/// Whether a change from `before` to `now` is an improvement for an indicator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trend {
    Improved,
    Worsened,
    Unchanged,
}

impl Trend {
    pub fn of(before: Decimal, now: Decimal, dir: Direction) -> Trend {
        use std::cmp::Ordering::*;
        match (now.cmp(&before), dir.lower_is_better()) {
            (Equal, _) => Trend::Unchanged,
            (Greater, false) | (Less, true) => Trend::Improved,
            _ => Trend::Worsened,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::num::round;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }
    fn n(s: &str) -> Value {
        Value::Number(d(s))
    }
    fn cap2(t: &Value, r: &Value, dir: Direction) -> Decimal {
        round(capaian(Some(t), Some(r), dir, None).unwrap().value, 2)
    }

    #[test]
    fn higher_is_better() {
        assert_eq!(
            cap2(&n("59"), &n("60"), Direction::HigherIsBetter),
            d("101.69")
        );
        assert_eq!(
            cap2(&n("5"), &n("1"), Direction::HigherIsBetter),
            d("20.00")
        );
        assert_eq!(
            cap2(&n("20"), &n("19"), Direction::HigherIsBetter),
            d("95.00")
        );
    }

    #[test]
    fn lower_is_better_bantul_aki() {
        // Bantul 2014: AKI target 75, realisasi 104,7 → 60,40.
        assert_eq!(
            cap2(&n("75"), &n("104.7"), Direction::LowerIsBetter),
            d("60.40")
        );
        // Better than target: above 100.
        assert_eq!(
            cap2(&n("75"), &n("60"), Direction::LowerIsBetter),
            d("120.00")
        );
        // The inverse-ratio rule, only when chosen: 75 / 104,7.
        assert_eq!(
            cap2(&n("75"), &n("104.7"), Direction::LowerIsBetterInverse),
            d("71.63")
        );
    }

    #[test]
    fn ranges_compare_with_the_nearer_bound() {
        let r = Value::Range {
            low: d("80"),
            high: d("90"),
        };
        assert_eq!(cap2(&r, &n("85"), Direction::HigherIsBetter), d("100"));
        assert_eq!(cap2(&r, &n("80"), Direction::HigherIsBetter), d("100"));
        assert_eq!(cap2(&r, &n("92"), Direction::HigherIsBetter), d("102.22"));
        assert_eq!(cap2(&r, &n("70"), Direction::HigherIsBetter), d("87.50"));
        // Tingkat Kemiskinan 4,25–4,30, lower is better.
        let k = Value::Range {
            low: d("4.25"),
            high: d("4.30"),
        };
        assert_eq!(cap2(&k, &n("4.27"), Direction::LowerIsBetter), d("100"));
        assert_eq!(cap2(&k, &n("4.40"), Direction::LowerIsBetter), d("97.67"));
        assert_eq!(cap2(&k, &n("4.00"), Direction::LowerIsBetter), d("105.88"));
    }

    #[test]
    fn ratios_are_compared_by_value() {
        let t = Value::Ratio {
            left: d("1"),
            right: d("32"),
        };
        let r = Value::Ratio {
            left: d("1"),
            right: d("40"),
        };
        assert_eq!(cap2(&t, &r, Direction::HigherIsBetter), d("125.00"));
        assert_eq!(cap2(&t, &r, Direction::LowerIsBetter), d("75.00"));
        assert_eq!(
            capaian(Some(&t), Some(&n("32")), Direction::HigherIsBetter, None),
            Err(NotComputable::KindMismatch {
                target: "rasio",
                realisation: "angka"
            })
        );
    }

    #[test]
    fn never_divides_by_zero_nor_invents_zero() {
        let hb = Direction::HigherIsBetter;
        assert_eq!(
            capaian(Some(&n("0")), Some(&n("5")), hb, None),
            Err(NotComputable::TargetZero)
        );
        assert_eq!(
            capaian(None, Some(&n("5")), hb, None),
            Err(NotComputable::TargetMissing)
        );
        assert_eq!(
            capaian(Some(&n("5")), None, hb, None),
            Err(NotComputable::RealisationMissing)
        );
        assert_eq!(
            capaian(Some(&n("5")), Some(&Value::NotAvailable), hb, None),
            Err(NotComputable::RealisationNotAvailable)
        );
        assert_eq!(
            capaian(Some(&Value::NotAvailable), Some(&n("5")), hb, None),
            Err(NotComputable::TargetNotAvailable)
        );
        assert_eq!(
            capaian(
                Some(&n("5")),
                Some(&n("0")),
                Direction::LowerIsBetterInverse,
                None
            ),
            Err(NotComputable::RealisationZero)
        );
        // A realisation of 0 against a real target is a real 0, not "not computable".
        assert_eq!(cap2(&n("5"), &n("0"), hb), d("0"));
        assert_eq!(
            NotComputable::TargetZero.to_string(),
            "tidak dapat dihitung: target 0 (pembagian dengan nol)"
        );
    }

    #[test]
    fn cap_limits_the_value_and_keeps_the_raw_figure() {
        let a = capaian(
            Some(&n("50")),
            Some(&n("148")),
            Direction::HigherIsBetter,
            Some(d("120")),
        )
        .unwrap();
        assert_eq!((a.raw, a.value, a.capped()), (d("296"), d("120"), true));
        let b = capaian(
            Some(&n("50")),
            Some(&n("40")),
            Direction::HigherIsBetter,
            Some(d("120")),
        )
        .unwrap();
        assert!(!b.capped());
    }

    #[test]
    fn huge_numbers_do_not_panic() {
        let big = Value::Number(Decimal::MAX);
        let tiny = Value::Number(d("0.0000000000000000000000000001"));
        let r = capaian(Some(&tiny), Some(&big), Direction::HigherIsBetter, None);
        assert_eq!(r, Err(NotComputable::Overflow));
        let r = capaian(Some(&big), Some(&big), Direction::LowerIsBetter, None);
        assert_eq!(r, Err(NotComputable::Overflow));
    }

    #[test]
    fn program_capaian_is_the_plain_mean_of_what_can_be_computed() {
        let at = |v: &str| -> Capaian {
            Ok(Achievement {
                raw: d(v),
                value: d(v),
            })
        };
        // (80 + 100 + 120) / 3 = 100; the output without a target is left out, not a 0.
        let outputs = [
            at("80"),
            Err(NotComputable::TargetMissing),
            at("100"),
            at("120"),
        ];
        assert_eq!(program_capaian(&outputs), Some(d("100")));
        // After the cap: 150 capped at 110, with 90 → 100.
        let capped = [
            Ok(Achievement {
                raw: d("150"),
                value: d("110"),
            }),
            at("90"),
        ];
        assert_eq!(program_capaian(&capped), Some(d("100")));
        assert_eq!(program_capaian(&[Err(NotComputable::TargetZero)]), None);
        assert_eq!(program_capaian(&[]), None);
    }

    #[test]
    fn trend_knows_the_direction() {
        assert_eq!(
            Trend::of(d("93.94"), d("100"), Direction::HigherIsBetter),
            Trend::Improved
        );
        assert_eq!(
            Trend::of(d("4.3"), d("4.2"), Direction::LowerIsBetter),
            Trend::Improved
        );
        assert_eq!(
            Trend::of(d("4.2"), d("4.3"), Direction::LowerIsBetter),
            Trend::Worsened
        );
        assert_eq!(
            Trend::of(d("1"), d("1"), Direction::LowerIsBetter),
            Trend::Unchanged
        );
    }
}
