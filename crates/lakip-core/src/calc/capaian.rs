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

/// `part / whole × 100`, exactly, or why not.
///
/// The result is, bit for bit (mantissa, scale, sign), what rust_decimal's
/// `part.checked_mul(100)?.checked_div(whole)` gives. The common case (a `whole` whose
/// mantissa is below 2^32, about four billion: every output target, most indicator targets)
/// takes `percent_small`, which computes that same result with native integers instead of
/// rust_decimal's general long division; anything else goes to rust_decimal.
pub fn percent(part: Decimal, whole: Decimal) -> Result<Decimal, NotComputable> {
    if whole.is_zero() {
        return Err(NotComputable::TargetZero);
    }
    match percent_small(part, whole) {
        Some(q) => Ok(q),
        None => percent_general(part, whole),
    }
}

#[cold]
#[inline(never)]
fn percent_general(part: Decimal, whole: Decimal) -> Result<Decimal, NotComputable> {
    part.checked_mul(HUNDRED)
        .and_then(|p| p.checked_div(whole))
        .ok_or(NotComputable::Overflow)
}

// ---------------------------------------------------------------------------------------
// Fast path of `percent`: rust_decimal's division, re-done with native integers
// ---------------------------------------------------------------------------------------
//
// rust_decimal (1.43, `ops/div.rs`, a port of .NET's `VarDecDiv`) divides by a divisor whose
// mantissa fits 32 bits like this, and so do `percent_small` and `div_by_u32` below:
//
// 1. `q, r = n / d` at scale `s = scale(n) − scale(d)`; if `r = 0` and `s ≥ 0` that is the
//    result, as it stands (trailing zeros and all).
// 2. Otherwise, repeatedly: take `x` = the largest power with `q × 10^x < 2^96`, at most 9
//    and at most `28 − s` (none at `s = 28`); `q = q × 10^x + (r × 10^x) / d`, `s += x`, with
//    the new remainder. Stop when the remainder is 0 (and `s ≥ 0`), or when no power is
//    left: then round half to even on the remainder.
// 3. A quotient that passes `2^96 − 1` (by the added digits or the rounding) is divided by
//    10 again, rounding half to even with the remainder as a sticky bit.
// 4. If a remainder was ever seen, strip trailing zeros the way rust_decimal's `unscale`
//    does: eight at a time only while the low 32 bits are 0, then at most 4 + 2 + 1.
//
// The result is therefore *not* simply "the exact quotient rounded to 28 digits": the scale
// it lands on and the trailing zeros it keeps follow those steps. `div_to_last_digit` takes
// steps 2 to 4 at once for a quotient that does not end within 28 digits (most capaian: one
// wide division instead of one per nine digits); `div_steps` takes them one by one, exactly
// as rust_decimal does, for the others. Unit tests compare both with rust_decimal on
// millions of random inputs of every shape and on the rare edges built on purpose. Whenever
// rust_decimal would report an overflow, or the operands fall outside the case handled here,
// the fast path returns `None` and rust_decimal does the work.

/// `2^96 − 1`: the largest mantissa of a `Decimal`.
const MAX96: u128 = (1 << 96) - 1;
/// The largest scale of a `Decimal`.
const MAX_SCALE: i32 = 28;

const POW10: [u64; 10] = [
    1,
    10,
    100,
    1_000,
    10_000,
    100_000,
    1_000_000,
    10_000_000,
    100_000_000,
    1_000_000_000,
];

/// `FITS[x]`: the largest `q` with `q × 10^x ≤ 2^96 − 1`.
const FITS: [u128; 10] = {
    let mut t = [0u128; 10];
    let mut x = 0;
    while x < 10 {
        t[x] = MAX96 / POW10[x] as u128;
        x += 1;
    }
    t
};

/// `part × 100 / whole` as rust_decimal computes it, when `whole`'s mantissa fits 32 bits and
/// `part × 100`'s fits 96 bits; `None` otherwise or where rust_decimal overflows.
#[inline]
fn percent_small(part: Decimal, whole: Decimal) -> Option<Decimal> {
    let (p, w) = (part.unpack(), whole.unpack());
    if w.hi | w.mid != 0 || w.lo == 0 {
        return None;
    }
    // `part × 100` (rust_decimal's product: mantissa × 100 at part's scale, or ZERO).
    let n = (((p.hi as u128) << 64) | ((p.mid as u128) << 32) | p.lo as u128) * 100;
    if n == 0 {
        // 0 × 100 is ZERO, and ZERO divided by anything is ZERO.
        return Some(Decimal::ZERO);
    }
    if n > MAX96 {
        return None;
    }
    let (q, scale) = div_by_u32(n, w.lo, p.scale as i32 - w.scale as i32)?;
    Some(Decimal::from_parts(
        q as u32,
        (q >> 32) as u32,
        (q >> 64) as u32,
        p.negative != w.negative,
        scale as u32,
    ))
}

/// `n / d` for `0 < n < 2^96`, `0 < d < 2^32`: quotient and remainder.
#[inline(always)]
fn div_rem_96_by_32(n: u128, d: u64) -> (u128, u64) {
    if n >> 64 == 0 {
        let n = n as u64;
        let q = n / d;
        ((q as u128), n - q * d)
    } else {
        let high = (n >> 32) as u64;
        let qh = high / d;
        let t = ((high - qh * d) << 32) | (n as u32 as u64);
        let ql = t / d;
        (((qh as u128) << 32) | ql as u128, t - ql * d)
    }
}

/// `q / 10^p` if it divides exactly (`q < 2^96`, `p ≤ 9`), as rust_decimal's `div32_const`.
#[inline(always)]
fn div_exact_pow10(q: u128, pow: u64) -> Option<u128> {
    let (quotient, rem) = div_rem_96_by_32(q, pow);
    (rem == 0).then_some(quotient)
}

/// `DIGITS_IN_BITS[e]`: the largest `k` with `10^k ≤ 2^e`.
const DIGITS_IN_BITS: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut e = 0;
    while e < 128 {
        let mut k = 0u32;
        while k < 38 && 10u128.pow(k + 1) <= 1u128 << e {
            k += 1;
        }
        t[e] = k as u8;
        e += 1;
    }
    t
};

/// `10^k` for `k` in `0..=38`.
const POW10_128: [u128; 39] = {
    let mut t = [1u128; 39];
    let mut k = 1;
    while k < 39 {
        t[k] = t[k - 1] * 10;
        k += 1;
    }
    t
};

/// The largest power `x` (at most 9, at most `28 − scale`) with `q × 10^x < 2^96`, or
/// `None` if a power below 9 leaves the scale negative (rust_decimal's `find_scale`, which
/// returns 9 without that check).
#[inline(always)]
fn find_scale(q: u128, scale: i32) -> Option<usize> {
    let cap = if scale > MAX_SCALE - 9 {
        (MAX_SCALE - scale) as usize
    } else {
        9
    };
    // `q < 2^b`, so every `x` with `10^x ≤ 2^(96 − b)` fits; at most one more can.
    let b = 128 - q.leading_zeros() as usize;
    let mut x = if b >= 96 {
        0
    } else {
        (DIGITS_IN_BITS[96 - b] as usize).min(cap)
    };
    if x < cap && q <= FITS[x + 1] {
        x += 1;
    }
    if x < 9 && x as i32 + scale < 0 {
        None
    } else {
        Some(x)
    }
}

/// `q` (between `2^96` and `2^97`) divided by 10, rounded half to even with `sticky` standing
/// for a non-zero remainder below it; the scale one less (rust_decimal's
/// `unscale_from_overflow`).
#[inline(never)]
fn unscale_from_overflow(q: &mut u128, scale: i32, sticky: bool) -> Option<i32> {
    let scale = scale - 1;
    if scale < 0 {
        return None;
    }
    let v = *q / 10;
    let r = *q % 10;
    *q = if r > 5 || (r == 5 && (sticky || v & 1 == 1)) {
        v + 1
    } else {
        v
    };
    Some(scale)
}

/// Steps 2 to 4 at once, for a quotient that does not end within the digits a `Decimal`
/// can hold (`n / d` at `scale ≥ 0`, with a remainder): `None` when it does end there
/// (then the steps are taken one by one), else rust_decimal's result.
///
/// Step 2 adds digits, at most nine at a time, until no power of ten fits any more: it
/// stops at the largest scale `S ≤ 28` at which the quotient `⌊n × 10^(S − scale) / d⌋`
/// still fits 96 bits, unless a remainder of 0 stops it earlier, which cannot happen when
/// the quotient does not end by `S`. It then rounds half to even there. (When its last
/// group of digits overshoots 96 bits, step 3 divides by 10 again with the lost digits as
/// a sticky bit: the same rounding of the same exact quotient at the same `S`.) So the
/// result is that quotient at `S`, rounded half to even, then steps 3 (for a rounding that
/// reaches `2^96`) and 4, with one division instead of one per group of nine digits.
#[inline(always)]
fn div_to_last_digit(n: u128, d: u64, scale: i32) -> Option<Option<(u128, i32)>> {
    // The largest `k ≤ 28 − scale` with `n × 10^k < d × 2^96` (the quotient fits 96 bits).
    // `n < 2^bn` and `d ≥ 2^(bd − 1)`: every `k` with `10^k ≤ 2^(95 + bd − bn)` fits, and
    // at most one more.
    let (bn, bd) = (
        128 - n.leading_zeros() as i32,
        64 - d.leading_zeros() as i32,
    );
    let room = 95 + bd - bn;
    let cap = (MAX_SCALE - scale) as usize;
    let mut k = if room <= 0 {
        0
    } else {
        (DIGITS_IN_BITS[room as usize] as usize).min(cap)
    };
    // `n × 10^k < d × 2^96 ≤ 2^128`.
    let mut wide = n * POW10_128[k];
    // One more digit fits if `wide × 10 < d × 2^96`, that is if `⌊wide × 10 / 2^96⌋ < d`
    // (computed without overflowing).
    if k < cap && (wide >> 96) * 10 + (((wide & MAX96) * 10) >> 96) < d as u128 {
        k += 1;
        wide *= 10;
    }
    let mut q = wide / d as u128;
    let rem = (wide - q * d as u128) as u64;
    if rem == 0 {
        return None;
    }
    let mut scale = scale + k as i32;
    // Round half to even (without a branch: which way it goes is a coin toss).
    let twice = rem << 1;
    q += (twice > d || (twice == d && q & 1 == 1)) as u128;
    if q > MAX96 {
        // 3.
        match unscale_from_overflow(&mut q, scale, true) {
            Some(s) => scale = s,
            None => return Some(None),
        }
    }
    // 4.
    let scale = unscale(&mut q, scale);
    Some(Some((q, scale)))
}

/// rust_decimal's `unscale`: strips trailing zeros, eight at a time while the low 32 bits
/// are 0, then four, two and one, each at most once.
#[inline(always)]
fn unscale(q: &mut u128, mut scale: i32) -> i32 {
    // Every step below needs a multiple of 10: most quotients are not, and this one test
    // spares them the four (unpredictable) ones below.
    if div_exact_pow10(*q, 10).is_none() {
        return scale;
    }
    while *q as u32 == 0 && scale >= 8 {
        match div_exact_pow10(*q, 100_000_000) {
            Some(v) => *q = v,
            None => break,
        }
        scale -= 8;
    }
    if *q & 0xF == 0 && scale >= 4 {
        if let Some(v) = div_exact_pow10(*q, 10_000) {
            *q = v;
            scale -= 4;
        }
    }
    if *q & 0x3 == 0 && scale >= 2 {
        if let Some(v) = div_exact_pow10(*q, 100) {
            *q = v;
            scale -= 2;
        }
    }
    if *q & 0x1 == 0 && scale >= 1 {
        if let Some(v) = div_exact_pow10(*q, 10) {
            *q = v;
            scale -= 1;
        }
    }
    scale
}

/// `n / d` at `scale` (`0 < n < 2^96`, `0 < d < 2^32`, `−28 ≤ scale ≤ 28`): mantissa and
/// scale of rust_decimal's quotient, or `None` where it overflows. The steps are those of
/// rust_decimal's `div_impl` and `div_remainder_32`, numbered in the comment above.
#[inline(always)]
fn div_by_u32(n: u128, d: u32, scale: i32) -> Option<(u128, i32)> {
    let d = d as u64;
    // 1.
    let (q, rem) = div_rem_96_by_32(n, d);
    if rem == 0 && scale >= 0 {
        return Some((q, scale));
    }
    if scale >= 0 {
        if let Some(result) = div_to_last_digit(n, d, scale) {
            return result;
        }
    }
    div_steps(q, rem, d, scale)
}

/// Steps 2 to 4 one by one, from the quotient and remainder of step 1: for a quotient that
/// ends within 28 digits, and for a negative starting scale.
#[inline(never)]
fn div_steps(mut q: u128, mut rem: u64, d: u64, mut scale: i32) -> Option<(u128, i32)> {
    // 2.
    let mut require_unscale = false;
    loop {
        let x = if rem == 0 {
            if scale >= 0 {
                break;
            }
            9.min(-scale) as usize
        } else {
            require_unscale = true;
            let x = if scale == MAX_SCALE {
                0
            } else {
                find_scale(q, scale)?
            };
            if x == 0 {
                // Round half to even.
                let twice = rem << 1;
                if twice > d || (twice == d && q & 1 == 1) {
                    q += 1;
                    if q > MAX96 {
                        // 3.
                        scale = unscale_from_overflow(&mut q, scale, true)?;
                    }
                }
                break;
            }
            x
        };
        let p = POW10[x];
        scale += x as i32;
        q *= p as u128;
        if q > MAX96 {
            return None;
        }
        // `rem < d < 2^32` and `p ≤ 10^9 < 2^30`: no overflow.
        let scaled = rem * p;
        let digits = scaled / d;
        rem = scaled - digits * d;
        q += digits as u128;
        if q > MAX96 {
            // 3.
            scale = unscale_from_overflow(&mut q, scale, rem != 0)?;
            break;
        }
    }
    // 4.
    if require_unscale {
        scale = unscale(&mut q, scale);
    }
    Some((q, scale))
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
    pub fn label(self) -> &'static str {
        match self {
            Trend::Improved => "meningkat (membaik)",
            Trend::Worsened => "menurun (memburuk)",
            Trend::Unchanged => "tetap",
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

    // -----------------------------------------------------------------------------------
    // The fast division against rust_decimal's own, bit for bit
    // -----------------------------------------------------------------------------------

    use crate::generate::Rng;

    fn from_mantissa(m: u128, negative: bool, scale: u32) -> Decimal {
        Decimal::from_parts(
            m as u32,
            (m >> 32) as u32,
            (m >> 64) as u32,
            negative,
            scale,
        )
    }

    /// A mantissa below `2^96` of one of many shapes: small counts, round numbers, powers of
    /// 2 and 5 (divisions that terminate), values near the 32-, 64- and 96-bit limits.
    fn mantissa(rng: &mut Rng) -> u128 {
        let m = match rng.below(12) {
            0 => rng.range(0, 3_000) as u128,
            1 => rng.range(1, 300_000) as u128 * 10u128.pow(rng.below(10) as u32),
            2 => (1u128 << rng.below(50)) * 5u128.pow(rng.below(20) as u32),
            3 => rng.next_u64() as u128 >> rng.below(64),
            4 => rng.next_u64() as u128,
            5 => ((rng.next_u64() as u128) << 32) ^ rng.next_u64() as u128,
            6 => MAX96 - rng.below(1_000) as u128,
            7 => MAX96 / (1 + rng.below(1_000) as u128),
            8 => (u32::MAX as u128) - rng.below(3) as u128 + rng.below(3) as u128,
            9 => (u64::MAX as u128) - rng.below(3) as u128 + rng.below(3) as u128,
            10 => FITS[rng.below(10) as usize] + rng.below(3) as u128 - 1,
            _ => rng.range(1, 100) as u128 * 10u128.pow(rng.below(27) as u32),
        };
        m & MAX96
    }

    fn divisor(rng: &mut Rng) -> u128 {
        match rng.below(8) {
            0 => rng.range(1, 3_000) as u128,
            1 => (1u128 << rng.below(32)) * 5u128.pow(rng.below(4) as u32) % (1 << 32),
            2 => u32::MAX as u128 - rng.below(5) as u128,
            3 => rng.below(1 << 32) as u128,
            4 => [3, 7, 9, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 49][rng.below(15) as usize],
            5 => 10u128.pow(rng.below(10) as u32),
            // Beyond 32 bits: rust_decimal's other paths.
            6 => mantissa(rng),
            _ => rng.range(1, 99) as u128,
        }
    }

    fn scale(rng: &mut Rng) -> u32 {
        match rng.below(4) {
            0 => 0,
            1 => rng.below(3) as u32,
            _ => rng.below(29) as u32,
        }
    }

    fn check_division(n: u128, neg: bool, sn: u32, d: u128, sd: u32) -> bool {
        let a = from_mantissa(n, neg, sn);
        let b = from_mantissa(d, false, sd);
        let want = a.checked_div(b).map(|x| x.serialize());
        if n == 0 || d == 0 || d > u32::MAX as u128 {
            return false;
        }
        let have = div_by_u32(n, d as u32, sn as i32 - sd as i32)
            .map(|(q, s)| from_mantissa(q, neg, s as u32).serialize());
        match have {
            Some(h) => assert_eq!(
                Some(h),
                want,
                "{a} / {b}: {:?} vs {:?}",
                have.map(Decimal::deserialize),
                want.map(Decimal::deserialize)
            ),
            // The fast path may only give up where rust_decimal overflows.
            None => assert_eq!(want, None, "{a} / {b}: fast path gave up"),
        }
        true
    }

    fn checks() -> u64 {
        std::env::var("LAKIP_DIV_CHECKS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(1_000_000)
    }

    /// The port of rust_decimal's division, on any dividend below `2^96` and any 32-bit
    /// divisor, at any pair of scales. `LAKIP_DIV_CHECKS=100000000` runs more.
    #[test]
    fn fast_division_is_rust_decimal_bit_for_bit() {
        let mut rng = Rng::new(2026);
        let n = checks();
        let mut done = 0;
        for _ in 0..n {
            let neg = rng.chance(20);
            if check_division(
                mantissa(&mut rng),
                neg,
                scale(&mut rng),
                divisor(&mut rng),
                scale(&mut rng),
            ) {
                done += 1;
            }
        }
        assert!(done > n / 2, "{done} of {n}");
    }

    /// The rare ends of the algorithm, built on purpose: quotients that reach `2^96 − 1`
    /// and then overflow by the added digits or by the rounding, at every step size.
    #[test]
    fn fast_division_at_the_96_bit_edge() {
        for d in 1u128..=60 {
            for (x, fits) in FITS.iter().enumerate() {
                for r in 0..d.min(12) {
                    let Some(n) = fits.checked_mul(d).and_then(|v| v.checked_add(r)) else {
                        continue;
                    };
                    if n == 0 || n > MAX96 {
                        continue;
                    }
                    for sn in [0u32, 1, 9, 18, 19, 20, 27, 28, (28 - x) as u32] {
                        for sd in [0u32, 1, 2, 28] {
                            check_division(n, false, sn, d, sd);
                        }
                    }
                }
            }
        }
    }

    /// `percent` as a whole (× 100, then the division) against rust_decimal's.
    #[test]
    fn percent_is_rust_decimal_bit_for_bit() {
        let mut rng = Rng::new(53);
        let mut fast = 0;
        let n = checks() / 4;
        for _ in 0..n {
            let part = from_mantissa(mantissa(&mut rng), rng.chance(20), scale(&mut rng));
            let whole = from_mantissa(divisor(&mut rng), rng.chance(20), scale(&mut rng));
            let want = if whole.is_zero() {
                Err(NotComputable::TargetZero)
            } else {
                part.checked_mul(HUNDRED)
                    .and_then(|p| p.checked_div(whole))
                    .ok_or(NotComputable::Overflow)
            };
            let have = percent(part, whole);
            assert_eq!(
                have.map(|x| x.serialize()),
                want.map(|x| x.serialize()),
                "{part} / {whole}"
            );
            fast += (!whole.is_zero() && percent_small(part, whole).is_some()) as u64;
        }
        assert!(fast > n / 2, "{fast} of {n} took the fast path");
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
