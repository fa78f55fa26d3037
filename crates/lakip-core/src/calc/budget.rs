//! Budget roll-up: pagu and realisasi summed bottom-up as rupiah (sub kegiatan → kegiatan
//! → program → total), serapan and efficiency from those sums. A percentage is never
//! averaged.

use crate::calc::capaian::{percent, NotComputable};
use crate::model::{Money, Program, Report};
use rust_decimal::Decimal;

/// Pagu and realisasi of one node, and what follows from them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Amounts {
    pub pagu: Money,
    pub realisasi: Money,
    /// Some pagu below this node was given (a row whose pagu is "-" has none).
    pub has_pagu: bool,
}

impl Amounts {
    pub fn leaf(pagu: Option<Money>, realisasi: Option<Money>) -> Amounts {
        Amounts {
            pagu: pagu.unwrap_or_default(),
            realisasi: realisasi.unwrap_or_default(),
            has_pagu: pagu.is_some(),
        }
    }

    pub fn add(&mut self, other: &Amounts) {
        self.pagu = add_exact(self.pagu, other.pagu);
        self.realisasi = add_exact(self.realisasi, other.realisasi);
        self.has_pagu |= other.has_pagu;
    }

    /// Serapan: `realisasi / pagu × 100`.
    pub fn serapan(&self) -> Result<Decimal, NotComputable> {
        if !self.has_pagu || self.pagu.is_zero() {
            return Err(NotComputable::NoBudget);
        }
        percent(self.realisasi, self.pagu)
    }

    /// Unspent budget, `pagu − realisasi` (negative when overspent).
    pub fn sisa(&self) -> Money {
        self.pagu - self.realisasi
    }

    /// Efficiency as the seed prints it: `(pagu − realisasi) / pagu × 100`.
    pub fn efisiensi(&self) -> Result<Decimal, NotComputable> {
        if !self.has_pagu || self.pagu.is_zero() {
            return Err(NotComputable::NoBudget);
        }
        percent(self.sisa(), self.pagu)
    }
}

/// `a + b`, bit for bit (mantissa, scale, sign) what rust_decimal's `+` gives, which is
/// also what it does here outside the common case ([`common_sum`]); an operand of 0 leaves
/// the other as it is, as in rust_decimal. Unit tests compare both on random operands.
#[inline(always)]
fn add_exact(a: Decimal, b: Decimal) -> Decimal {
    let (x, y) = (a.unpack(), b.unpack());
    if x.lo | x.mid | x.hi == 0 {
        return b;
    }
    if y.lo | y.mid | y.hi == 0 {
        return a;
    }
    if x.negative == y.negative && x.hi | y.hi == 0 {
        let mx = ((x.mid as u128) << 32) | x.lo as u128;
        let my = ((y.mid as u128) << 32) | y.lo as u128;
        if let Some((sum, scale)) = common_sum(mx, x.scale, my, y.scale) {
            return Decimal::from_parts(
                sum as u32,
                (sum >> 32) as u32,
                (sum >> 64) as u32,
                x.negative,
                scale,
            );
        }
    }
    add_slow(a, b)
}

/// rust_decimal's `+` in the common case of rupiah sums: two non-zero terms of one sign,
/// with mantissas below 2^64 and at most 19 decimals apart, give their exact sum at the
/// larger scale when it fits 96 bits (its own "64-bit fast path"). Mantissas `x`, `y` and
/// scales; `None` outside that case.
#[inline(always)]
fn common_sum(x: u128, x_scale: u32, y: u128, y_scale: u32) -> Option<(u128, u32)> {
    if x >> 64 != 0 || y >> 64 != 0 || x_scale.abs_diff(y_scale) > 19 {
        return None;
    }
    // Below 2^64 × 10^19 + 2^64 < 2^128: no overflow.
    let sum = match x_scale.cmp(&y_scale) {
        std::cmp::Ordering::Equal => x + y,
        std::cmp::Ordering::Greater => x + y * POW10[(x_scale - y_scale) as usize],
        std::cmp::Ordering::Less => x * POW10[(y_scale - x_scale) as usize] + y,
    };
    (sum >> 96 == 0).then_some((sum, x_scale.max(y_scale)))
}

#[cold]
#[inline(never)]
fn add_slow(a: Decimal, b: Decimal) -> Decimal {
    a + b
}

/// A running sum, equal after every term to rust_decimal's `sum = sum + term` (which is
/// what [`Amounts::add`] does), but kept as a native integer (mantissa, scale, sign) while
/// the terms stay in the [`common_sum`] case, instead of being packed into a `Decimal` and
/// unpacked again for every term.
#[derive(Clone, Copy, Default)]
struct Sum {
    /// The sum, while `native` is false.
    packed: Decimal,
    /// The sum is `mantissa / 10^scale`, negative if `negative`: non-zero, below 2^96.
    native: bool,
    mantissa: u128,
    scale: u32,
    negative: bool,
}

impl Sum {
    #[inline(always)]
    fn add(&mut self, term: Decimal) {
        let t = term.unpack();
        let zero = t.lo | t.mid | t.hi == 0;
        if self.native {
            if zero {
                // `x + 0 = x`.
                return;
            }
            if t.negative == self.negative && t.hi == 0 {
                let m = ((t.mid as u128) << 32) | t.lo as u128;
                if let Some((sum, scale)) = common_sum(self.mantissa, self.scale, m, t.scale) {
                    self.mantissa = sum;
                    self.scale = scale;
                    return;
                }
            }
            self.packed = self.value();
            self.native = false;
        } else if self.packed.is_zero() && !zero && t.hi == 0 {
            // `0 + x = x`, kept natively.
            *self = Sum {
                packed: Decimal::ZERO,
                native: true,
                mantissa: ((t.mid as u128) << 32) | t.lo as u128,
                scale: t.scale,
                negative: t.negative,
            };
            return;
        }
        self.packed = add_exact(self.packed, term);
    }

    #[inline(always)]
    fn value(&self) -> Decimal {
        if self.native {
            let m = self.mantissa;
            Decimal::from_parts(
                m as u32,
                (m >> 32) as u32,
                (m >> 64) as u32,
                self.negative,
                self.scale,
            )
        } else {
            self.packed
        }
    }
}

/// [`Amounts`] being summed: the same result as adding with [`Amounts::add`].
#[derive(Clone, Copy, Default)]
struct Total {
    pagu: Sum,
    realisasi: Sum,
    has_pagu: bool,
}

impl Total {
    #[inline(always)]
    fn add(&mut self, a: &Amounts) {
        self.pagu.add(a.pagu);
        self.realisasi.add(a.realisasi);
        self.has_pagu |= a.has_pagu;
    }
    fn amounts(&self) -> Amounts {
        Amounts {
            pagu: self.pagu.value(),
            realisasi: self.realisasi.value(),
            has_pagu: self.has_pagu,
        }
    }
}

/// `10^k` for `k` in `0..=19`.
const POW10: [u128; 20] = {
    let mut t = [1u128; 20];
    let mut k = 1;
    while k < 20 {
        t[k] = t[k - 1] * 10;
        k += 1;
    }
    t
};

/// Perjanjian Kinerja budget minus the final pagu (negative: the budget grew after the PK
/// was signed). `None` without a PK budget.
pub fn pk_difference(pagu_pk: Option<Money>, final_amounts: &Amounts) -> Option<Money> {
    pagu_pk.map(|pk| pk - final_amounts.pagu)
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct KegiatanTotals {
    pub total: Amounts,
    /// One per sub kegiatan, in order.
    pub sub: Vec<Amounts>,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct ProgramTotals {
    pub total: Amounts,
    pub kegiatan: Vec<KegiatanTotals>,
}

/// The whole budget tree, parallel to `Report::programs`.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct BudgetTotals {
    pub programs: Vec<ProgramTotals>,
    pub total: Amounts,
}

pub fn program_totals(p: &Program) -> ProgramTotals {
    if p.kegiatan.is_empty() {
        return ProgramTotals {
            total: Amounts::leaf(p.pagu, p.realisasi),
            kegiatan: Vec::new(),
        };
    }
    let mut total = Total::default();
    let mut kegiatan = Vec::with_capacity(p.kegiatan.len());
    for k in &p.kegiatan {
        let kt = if k.sub_kegiatan.is_empty() {
            KegiatanTotals {
                total: Amounts::leaf(k.pagu, k.realisasi),
                sub: Vec::new(),
            }
        } else {
            let mut kt = Total::default();
            let mut sub = Vec::with_capacity(k.sub_kegiatan.len());
            for s in &k.sub_kegiatan {
                let a = Amounts::leaf(s.pagu, s.realisasi);
                kt.add(&a);
                sub.push(a);
            }
            KegiatanTotals {
                total: kt.amounts(),
                sub,
            }
        };
        total.add(&kt.total);
        kegiatan.push(kt);
    }
    ProgramTotals {
        total: total.amounts(),
        kegiatan,
    }
}

impl BudgetTotals {
    pub fn with_capacity(programs: usize) -> BudgetTotals {
        BudgetTotals {
            programs: Vec::with_capacity(programs),
            total: Amounts::default(),
        }
    }

    /// Add the next program of the report.
    pub fn push(&mut self, p: &Program) {
        let pt = program_totals(p);
        self.total.add(&pt.total);
        self.programs.push(pt);
    }
}

pub fn budget_totals(report: &Report) -> BudgetTotals {
    let mut totals = BudgetTotals::with_capacity(report.programs.len());
    for p in &report.programs {
        totals.push(p);
    }
    totals
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Kegiatan, SubKegiatan};

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn sub(p: Option<&str>, r: Option<&str>) -> SubKegiatan {
        SubKegiatan {
            pagu: p.map(d),
            realisasi: r.map(d),
            ..Default::default()
        }
    }

    /// `add_exact` against rust_decimal's `+`, bit for bit.
    #[test]
    fn exact_addition_is_rust_decimal_bit_for_bit() {
        let mut rng = crate::generate::Rng::new(90);
        let any = |rng: &mut crate::generate::Rng| {
            let m: i128 = match rng.below(7) {
                0 => 0,
                1 => rng.range(0, 5_000_000_000) as i128,
                2 => rng.range(0, 99_999_999_999_999_999) as i128,
                3 => rng.next_u64() as i128,
                4 => (rng.next_u64() as i128) << rng.below(40),
                5 => (1i128 << 96) - 1 - rng.below(1000) as i128,
                _ => rng.range(0, 1_000) as i128,
            } & ((1i128 << 96) - 1);
            let d = Decimal::from_i128_with_scale(
                m,
                if rng.chance(50) {
                    rng.below(3) as u32
                } else {
                    rng.below(29) as u32
                },
            );
            if rng.chance(10) {
                -d
            } else {
                d
            }
        };
        for _ in 0..100_000 {
            let (a, b) = (any(&mut rng), any(&mut rng));
            // Where rust_decimal overflows, `add_exact` falls back to it (and panics too).
            if let Some(want) = a.checked_add(b) {
                assert_eq!(add_exact(a, b).serialize(), want.serialize(), "{a} + {b}");
            }
        }
    }

    /// `Sum` against rust_decimal's `+`, term after term.
    #[test]
    fn running_sums_are_rust_decimal_bit_for_bit() {
        let mut rng = crate::generate::Rng::new(91);
        for _ in 0..20_000 {
            let mut want = Decimal::ZERO;
            let mut have = Sum::default();
            for _ in 0..rng.range(0, 12) {
                let m: i128 = match rng.below(8) {
                    0 => 0,
                    1 => rng.range(0, 5_000_000_000) as i128,
                    2 => rng.range(0, 99_999_999_999_999_999) as i128,
                    3 => rng.next_u64() as i128,
                    4 => (rng.next_u64() as i128) << rng.below(34),
                    5 => (1i128 << 96) - 1 - rng.below(1000) as i128,
                    _ => rng.range(0, 1_000) as i128,
                } & ((1i128 << 96) - 1);
                let scale = if rng.chance(70) {
                    rng.below(3) as u32
                } else {
                    rng.below(29) as u32
                };
                let term = Decimal::from_i128_with_scale(m, scale);
                let term = if rng.chance(8) { -term } else { term };
                let Some(next) = want.checked_add(term) else {
                    break;
                };
                want = next;
                have.add(term);
                assert_eq!(have.value().serialize(), want.serialize(), "+ {term}");
            }
        }
    }

    #[test]
    fn sums_rupiah_not_percentages() {
        // 50% of 100 and 100% of 900: the mean of percentages would say 75%.
        let p = Program {
            kegiatan: vec![Kegiatan {
                sub_kegiatan: vec![sub(Some("100"), Some("50")), sub(Some("900"), Some("900"))],
                ..Default::default()
            }],
            ..Default::default()
        };
        let t = program_totals(&p);
        assert_eq!(t.total.pagu, d("1000"));
        assert_eq!(t.total.serapan().unwrap(), d("95"));
    }

    #[test]
    fn childless_rows_keep_their_own_figures() {
        let p = Program {
            kegiatan: vec![
                Kegiatan {
                    pagu: Some(d("200")),
                    realisasi: Some(d("150")),
                    ..Default::default()
                },
                Kegiatan {
                    sub_kegiatan: vec![sub(Some("100"), Some("100"))],
                    pagu: Some(d("999")),
                    ..Default::default()
                },
            ],
            ..Default::default()
        };
        let t = program_totals(&p);
        assert_eq!((t.total.pagu, t.total.realisasi), (d("300"), d("250")));
        let lone = Program {
            pagu: Some(d("10")),
            realisasi: Some(d("4")),
            ..Default::default()
        };
        assert_eq!(program_totals(&lone).total.serapan().unwrap(), d("40"));
    }

    #[test]
    fn a_row_without_pagu_has_no_serapan() {
        // Tabel 3.1's "Penyediaan Jasa Surat Menyurat": pagu "-", realisasi 0, printed 0.00%.
        let a = Amounts::leaf(None, Some(d("0")));
        assert_eq!(a.serapan(), Err(NotComputable::NoBudget));
        assert_eq!(
            Amounts::leaf(Some(d("0")), Some(d("0"))).efisiensi(),
            Err(NotComputable::NoBudget)
        );
    }

    #[test]
    fn efficiency_is_unspent_over_pagu() {
        let a = Amounts::leaf(Some(d("1601621900")), Some(d("1491482800")));
        assert_eq!(a.sisa(), d("110139100"));
        assert_eq!(crate::num::round(a.efisiensi().unwrap(), 2), d("6.88"));
    }
}
