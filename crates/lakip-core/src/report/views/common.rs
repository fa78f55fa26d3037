//! Shared helpers of the table builders (some also used by the narrative).

use super::table::*;
use crate::calc::budget::Amounts;
use crate::calc::capaian::{NotComputable, Trend};
use crate::calc::compute::{Computed, IndicatorResult, Rated, YearComparison};
use crate::model::scale::Scale;
use crate::model::value::Value;
use crate::model::{Output, Report};
use crate::num::{format_fixed, format_plain};
use rust_decimal::Decimal;

/// `94,11%` with `decimals` decimals, half-up.
pub fn percent_text(value: Decimal, decimals: u32) -> String {
    format!("{}%", format_fixed(value, decimals))
}

/// A value with its unit: `100%`, `20 Orang`, `4,25–4,30%`, `n/a`.
pub fn with_unit(v: &Value, unit: &str) -> String {
    let s = v.to_string();
    let unit = unit.trim();
    if matches!(v, Value::NotAvailable) || unit.is_empty() {
        s
    } else if unit == "%" {
        format!("{s}%")
    } else {
        format!("{s} {unit}")
    }
}

/// The unit an output's realisation is counted in (its own when it differs from the
/// target's).
pub fn realisation_unit(o: &Output) -> &str {
    o.unit_realisasi
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .unwrap_or(o.unit.trim())
}

/// The output realisation as the report writes it: `19 Orang dari target 20 Orang`.
pub fn output_text(o: &Output) -> String {
    let tu = o.unit.trim();
    let ru = realisation_unit(o);
    match (&o.realisasi, &o.target) {
        (Some(r), Some(t)) => format!("{} dari target {}", with_unit(r, ru), with_unit(t, tu)),
        (None, Some(t)) => format!("realisasi belum diisi (target {})", with_unit(t, tu)),
        (Some(r), None) => format!("{} (target belum diisi)", with_unit(r, ru)),
        (None, None) => "target dan realisasi belum diisi".to_string(),
    }
}

/// The output's realisation is counted in another unit than its target.
pub fn unit_mismatch(o: &Output) -> bool {
    let ru = realisation_unit(o);
    !ru.eq_ignore_ascii_case(o.unit.trim())
}

/// How this year's realisation compares with an earlier year's, aware of the direction:
/// `naik 6,06 poin (membaik)`, `turun 0,1 (membaik)` for a lower-is-better indicator,
/// `tetap`.
pub fn trend_text(y: &YearComparison, unit: &str) -> String {
    let (Some(change), Some(trend)) = (y.change, y.trend) else {
        return "tidak dapat dibandingkan".to_string();
    };
    if trend == Trend::Unchanged || change.is_zero() {
        return "tetap".to_string();
    }
    let verb = if change > Decimal::ZERO {
        "naik"
    } else {
        "turun"
    };
    let unit = unit.trim();
    let amount = format_plain(change.abs());
    let amount = if unit == "%" {
        format!("{amount} poin")
    } else if unit.is_empty() {
        amount
    } else {
        format!("{amount} {unit}")
    };
    let judgement = match trend {
        Trend::Improved => "membaik",
        Trend::Worsened => "memburuk",
        Trend::Unchanged => "tetap",
    };
    format!("{verb} {amount} ({judgement})")
}

pub(super) const PROGRAM_CAPAIAN_NOTE: &str =
    "Capaian kinerja program = rata-rata sederhana capaian \
     seluruh indikator keluaran sub kegiatan program tersebut yang dapat dihitung.";

pub(super) fn roman(n: usize) -> String {
    if n == 0 || n >= 4000 {
        return n.to_string();
    }
    const TABLE: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// Read access to the report and its figures that never panics.
pub(super) struct Ctx<'a> {
    pub(super) r: &'a Report,
    pub(super) c: &'a Computed,
    pub(super) dp: u32,
}

impl<'a> Ctx<'a> {
    pub(super) fn new(r: &'a Report, c: &'a Computed) -> Ctx<'a> {
        Ctx {
            r,
            c,
            dp: r.settings.decimals.min(10),
        }
    }

    pub(super) fn scale(&self) -> &'a Scale {
        &self.r.settings.scale
    }

    pub(super) fn iku(&self, si: usize, j: usize) -> Option<&'a IndicatorResult> {
        self.c.sasaran.get(si)?.iku.get(j)
    }

    pub(super) fn program_amounts(&self, p: usize) -> Option<&'a Amounts> {
        self.c.budget.programs.get(p).map(|t| &t.total)
    }

    pub(super) fn kegiatan_amounts(&self, p: usize, k: usize) -> Option<&'a Amounts> {
        self.c
            .budget
            .programs
            .get(p)?
            .kegiatan
            .get(k)
            .map(|t| &t.total)
    }

    pub(super) fn sub_amounts(&self, p: usize, k: usize, s: usize) -> Option<&'a Amounts> {
        self.c.sub_amounts(p, k, s)
    }

    pub(super) fn output(&self, p: usize, k: usize, s: usize, o: usize) -> Option<&'a Rated> {
        self.c.output(p, k, s, o)
    }

    /// Programs supporting sasaran `si`, from the computed link (falls back to the ids).
    pub(super) fn sasaran_programs(&self, si: usize) -> Vec<usize> {
        if let Some(s) = self.c.sasaran.get(si) {
            return s
                .programs
                .iter()
                .copied()
                .filter(|p| *p < self.r.programs.len())
                .collect();
        }
        let Some(sasaran) = self.r.sasaran.get(si) else {
            return Vec::new();
        };
        self.r
            .programs
            .iter()
            .enumerate()
            .filter(|(_, p)| p.sasaran_id.as_ref() == Some(&sasaran.id))
            .map(|(i, _)| i)
            .collect()
    }

    /// Capaian and category cells of a rating.
    pub(super) fn rated_cells(&self, r: Option<&Rated>) -> (Cell, Cell) {
        let Some(r) = r else {
            return (Cell::Empty, Cell::Empty);
        };
        match r.capaian {
            Ok(a) => {
                let cat = match r.category {
                    Some(band) => match self.scale().bands.get(band) {
                        Some(b) => Cell::Category {
                            label: b.label.clone(),
                            band,
                        },
                        None => Cell::Empty,
                    },
                    None => Cell::NotComputable(
                        "tidak masuk kategori mana pun (periksa skala)".to_string(),
                    ),
                };
                (Cell::Percent(a.value), cat)
            }
            Err(e) => (Cell::NotComputable(e.to_string()), Cell::Empty),
        }
    }

    pub(super) fn percent_cell(&self, r: Result<Decimal, NotComputable>) -> Cell {
        match r {
            Ok(v) => Cell::Percent(v),
            Err(e) => Cell::NotComputable(e.to_string()),
        }
    }

    /// Pagu, realisasi and serapan cells; the pagu of a row without one is printed "-".
    pub(super) fn amount_cells(&self, a: Option<&Amounts>) -> Vec<Cell> {
        let Some(a) = a else {
            return vec![Cell::Empty, Cell::Empty, Cell::Empty];
        };
        vec![
            if a.has_pagu {
                Cell::Money(a.pagu)
            } else {
                Cell::text("-")
            },
            Cell::Money(a.realisasi),
            self.percent_cell(a.serapan()),
        ]
    }

    pub(super) fn cap_note(&self, t: &mut Table) {
        if let Some(cap) = self.r.settings.cap {
            t.notes.push(format!(
                "Capaian di atas {} ditampilkan sebagai {} sesuai pengaturan batas capaian laporan.",
                percent_text(cap, self.dp),
                percent_text(cap, self.dp)
            ));
        }
    }

    pub(super) fn rounding_note(&self, t: &mut Table) {
        t.notes.push(format!(
            "Semua angka dihitung dari data rinci; persentase ditampilkan {} desimal, dibulatkan \
             setengah ke atas.",
            self.dp
        ));
    }

    pub(super) fn sasaran_label(&self, si: usize) -> String {
        self.r
            .sasaran
            .get(si)
            .map(|s| s.name.clone())
            .unwrap_or_default()
    }
}

pub(super) fn value_cell(v: Option<&Value>) -> Cell {
    match v {
        Some(v) => Cell::Value(v.clone()),
        None => Cell::Empty,
    }
}

pub(super) fn pct(title: impl Into<String>) -> (String, ColumnKind) {
    (title.into(), ColumnKind::Percent)
}

pub(super) fn cols(t: &mut Table, cols: Vec<(String, ColumnKind)>) {
    for (title, kind) in cols {
        t.col(title, kind);
    }
}

pub(super) fn text_col(title: &str) -> (String, ColumnKind) {
    (title.to_string(), ColumnKind::Text)
}

pub(super) fn money_col(title: &str) -> (String, ColumnKind) {
    (title.to_string(), ColumnKind::Money)
}

pub(super) fn num_col(title: impl Into<String>) -> (String, ColumnKind) {
    (title.into(), ColumnKind::Number)
}
