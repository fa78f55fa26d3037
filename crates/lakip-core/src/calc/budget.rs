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
        self.pagu += other.pagu;
        self.realisasi += other.realisasi;
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
    let mut total = Amounts::default();
    let mut kegiatan = Vec::with_capacity(p.kegiatan.len());
    for k in &p.kegiatan {
        let kt = if k.sub_kegiatan.is_empty() {
            KegiatanTotals {
                total: Amounts::leaf(k.pagu, k.realisasi),
                sub: Vec::new(),
            }
        } else {
            let mut kt = Amounts::default();
            let mut sub = Vec::with_capacity(k.sub_kegiatan.len());
            for s in &k.sub_kegiatan {
                let a = Amounts::leaf(s.pagu, s.realisasi);
                kt.add(&a);
                sub.push(a);
            }
            KegiatanTotals { total: kt, sub }
        };
        total.add(&kt.total);
        kegiatan.push(kt);
    }
    ProgramTotals { total, kegiatan }
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
