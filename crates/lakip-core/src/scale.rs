//! Category scales (kategori / predikat) as data: bands with inclusive or exclusive bounds.
//!
//! A valid scale covers every number exactly once: bands ascend, the first is open below,
//! the last open above, and where two bands meet, exactly one of them holds the boundary.

use crate::num::format_plain;
use rust_decimal::Decimal;
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bound {
    pub value: Decimal,
    pub inclusive: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Band {
    pub label: String,
    /// `None`: no lower limit.
    pub lower: Option<Bound>,
    /// `None`: no upper limit.
    pub upper: Option<Bound>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scale {
    pub name: String,
    /// From the lowest band (worst) to the highest (best).
    pub bands: Vec<Band>,
}

/// What is wrong with a scale, naming the bands. `Display` gives Indonesian.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScaleError {
    Empty,
    EmptyLabel { index: usize },
    FirstBounded { label: String },
    LastBounded { label: String },
    MissingBound { label: String },
    EmptyBand { label: String },
    Gap { below: String, above: String, from: Decimal, to: Decimal },
    Overlap { below: String, above: String, at: Decimal },
    /// Both bands leave out the boundary value itself.
    PointGap { below: String, above: String, at: Decimal },
}

impl fmt::Display for ScaleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScaleError::Empty => write!(f, "skala belum punya kategori"),
            ScaleError::EmptyLabel { index } => write!(f, "kategori ke-{} belum diberi nama", index + 1),
            ScaleError::FirstBounded { label } => {
                write!(f, "kategori terendah '{label}' harus tanpa batas bawah")
            }
            ScaleError::LastBounded { label } => {
                write!(f, "kategori tertinggi '{label}' harus tanpa batas atas")
            }
            ScaleError::MissingBound { label } => {
                write!(f, "kategori '{label}' di tengah skala harus punya batas bawah dan atas")
            }
            ScaleError::EmptyBand { label } => {
                write!(f, "kategori '{label}' tidak mencakup nilai apa pun")
            }
            ScaleError::Gap { below, above, from, to } => write!(
                f,
                "ada celah antara '{below}' dan '{above}': nilai antara {} dan {} tidak masuk kategori mana pun",
                format_plain(*from),
                format_plain(*to)
            ),
            ScaleError::Overlap { below, above, at } => write!(
                f,
                "'{below}' dan '{above}' tumpang tindih di sekitar {}",
                format_plain(*at)
            ),
            ScaleError::PointGap { below, above, at } => write!(
                f,
                "nilai {} tidak masuk '{below}' maupun '{above}'",
                format_plain(*at)
            ),
        }
    }
}

impl std::error::Error for ScaleError {}

fn d(n: i64) -> Decimal {
    Decimal::from(n)
}

fn band(label: &str, lower: Option<(i64, bool)>, upper: Option<(i64, bool)>) -> Band {
    Band {
        label: label.to_string(),
        lower: lower.map(|(v, inclusive)| Bound { value: d(v), inclusive }),
        upper: upper.map(|(v, inclusive)| Bound { value: d(v), inclusive }),
    }
}

impl Scale {
    /// The seed's scale (also Kab. Ponorogo): `> 85` Sangat Berhasil; `70 < x ≤ 85`
    /// Berhasil; `55 < x ≤ 70` Cukup Berhasil; `≤ 55` Tidak Berhasil.
    pub fn seed_default() -> Scale {
        Scale {
            name: "Skala LAKIP 4 tingkat (Dinas Sosial Kota Pontianak)".into(),
            bands: vec![
                band("Tidak Berhasil", None, Some((55, true))),
                band("Cukup Berhasil", Some((55, false)), Some((70, true))),
                band("Berhasil", Some((70, false)), Some((85, true))),
                band("Sangat Berhasil", Some((85, false)), None),
            ],
        }
    }

    /// Permendagri 86/2017: `≥ 91` Sangat Tinggi; `76 ≤ x < 91` Tinggi; `66 ≤ x < 76`
    /// Sedang; `51 ≤ x < 66` Rendah; below 51 Sangat Rendah. Printed copies write "≤ 50"
    /// for the last band, which leaves 50 < x < 51 in no band; here it is `< 51`.
    pub fn permendagri_86() -> Scale {
        Scale {
            name: "Permendagri 86/2017 (5 tingkat)".into(),
            bands: vec![
                band("Sangat Rendah", None, Some((51, false))),
                band("Rendah", Some((51, true)), Some((66, false))),
                band("Sedang", Some((66, true)), Some((76, false))),
                band("Tinggi", Some((76, true)), Some((91, false))),
                band("Sangat Tinggi", Some((91, true)), None),
            ],
        }
    }

    pub fn presets() -> Vec<Scale> {
        vec![Scale::seed_default(), Scale::permendagri_86()]
    }

    /// Check that every number falls in exactly one band.
    pub fn validate(&self) -> Result<(), ScaleError> {
        let bands = &self.bands;
        if bands.is_empty() {
            return Err(ScaleError::Empty);
        }
        for (i, b) in bands.iter().enumerate() {
            if b.label.trim().is_empty() {
                return Err(ScaleError::EmptyLabel { index: i });
            }
            let first = i == 0;
            let last = i + 1 == bands.len();
            if first && b.lower.is_some() {
                return Err(ScaleError::FirstBounded { label: b.label.clone() });
            }
            if last && b.upper.is_some() {
                return Err(ScaleError::LastBounded { label: b.label.clone() });
            }
            if (!first && b.lower.is_none()) || (!last && b.upper.is_none()) {
                return Err(ScaleError::MissingBound { label: b.label.clone() });
            }
            if let (Some(lo), Some(hi)) = (b.lower, b.upper) {
                let empty = lo.value > hi.value
                    || (lo.value == hi.value && !(lo.inclusive && hi.inclusive));
                if empty {
                    return Err(ScaleError::EmptyBand { label: b.label.clone() });
                }
            }
        }
        for pair in bands.windows(2) {
            let (below, above) = (&pair[0], &pair[1]);
            let hi = below.upper.expect("checked above");
            let lo = above.lower.expect("checked above");
            let names = || (below.label.clone(), above.label.clone());
            if hi.value < lo.value {
                let (below, above) = names();
                return Err(ScaleError::Gap { below, above, from: hi.value, to: lo.value });
            }
            if hi.value > lo.value || (hi.inclusive && lo.inclusive) {
                let (below, above) = names();
                return Err(ScaleError::Overlap { below, above, at: lo.value });
            }
            if !hi.inclusive && !lo.inclusive {
                let (below, above) = names();
                return Err(ScaleError::PointGap { below, above, at: lo.value });
            }
        }
        Ok(())
    }

    /// Index of the band holding `x`. On a valid scale this is always `Some`.
    pub fn classify(&self, x: Decimal) -> Option<usize> {
        self.bands.iter().position(|b| b.contains(x))
    }

    /// The band holding `x`.
    pub fn band_for(&self, x: Decimal) -> Option<&Band> {
        self.classify(x).map(|i| &self.bands[i])
    }
}

impl Band {
    pub fn contains(&self, x: Decimal) -> bool {
        let above_lower = match self.lower {
            None => true,
            Some(b) => x > b.value || (b.inclusive && x == b.value),
        };
        let below_upper = match self.upper {
            None => true,
            Some(b) => x < b.value || (b.inclusive && x == b.value),
        };
        above_lower && below_upper
    }

    /// `70 < x ≤ 85`, `> 85`, `≤ 55`.
    pub fn rule(&self) -> String {
        let lo = self.lower.map(|b| {
            (format_plain(b.value), if b.inclusive { "≤" } else { "<" })
        });
        let hi = self.upper.map(|b| {
            (format_plain(b.value), if b.inclusive { "≤" } else { "<" })
        });
        match (lo, hi) {
            (None, None) => "semua nilai".into(),
            (None, Some((v, op))) => format!("x {op} {v}"),
            (Some((v, op)), None) => {
                format!("x {} {v}", if op == "≤" { "≥" } else { ">" })
            }
            (Some((lv, lop)), Some((hv, hop))) => format!("{lv} {lop} x {hop} {hv}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn x(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn label(scale: &Scale, v: &str) -> String {
        scale.band_for(x(v)).unwrap().label.clone()
    }

    #[test]
    fn presets_are_valid() {
        for s in Scale::presets() {
            assert_eq!(s.validate(), Ok(()), "{}", s.name);
        }
    }

    #[test]
    fn seed_boundaries_as_domain_md() {
        let s = Scale::seed_default();
        assert_eq!(label(&s, "85.0001"), "Sangat Berhasil");
        assert_eq!(label(&s, "85"), "Berhasil");
        assert_eq!(label(&s, "70.01"), "Berhasil");
        assert_eq!(label(&s, "70"), "Cukup Berhasil");
        assert_eq!(label(&s, "55.0001"), "Cukup Berhasil");
        assert_eq!(label(&s, "55"), "Tidak Berhasil");
        assert_eq!(label(&s, "-40"), "Tidak Berhasil");
        assert_eq!(label(&s, "1160"), "Sangat Berhasil");
    }

    #[test]
    fn permendagri_boundaries_as_domain_md() {
        let s = Scale::permendagri_86();
        assert_eq!(label(&s, "91"), "Sangat Tinggi");
        assert_eq!(label(&s, "90.99"), "Tinggi");
        assert_eq!(label(&s, "76"), "Tinggi");
        assert_eq!(label(&s, "75.99"), "Sedang");
        assert_eq!(label(&s, "66"), "Sedang");
        assert_eq!(label(&s, "65.99"), "Rendah");
        assert_eq!(label(&s, "51"), "Rendah");
        assert_eq!(label(&s, "50.5"), "Sangat Rendah");
        assert_eq!(label(&s, "50"), "Sangat Rendah");
        assert_eq!(label(&s, "60.40"), "Rendah");
    }

    #[test]
    fn printed_permendagri_with_gaps_is_refused() {
        // As printed: "≤ 50" and "51 – 65": nothing holds 50,5.
        let mut s = Scale::permendagri_86();
        s.bands[0].upper = Some(Bound { value: x("50"), inclusive: true });
        let err = s.validate().unwrap_err();
        assert!(matches!(err, ScaleError::Gap { .. }), "{err:?}");
        assert!(err.to_string().contains("celah"), "{err}");
    }

    #[test]
    fn overlaps_and_holes_are_refused() {
        let mut s = Scale::seed_default();
        s.bands[1].upper = Some(Bound { value: x("70"), inclusive: true });
        s.bands[2].lower = Some(Bound { value: x("70"), inclusive: true });
        assert!(matches!(s.validate(), Err(ScaleError::Overlap { .. })));
        s.bands[1].upper = Some(Bound { value: x("70"), inclusive: false });
        s.bands[2].lower = Some(Bound { value: x("70"), inclusive: false });
        assert!(matches!(s.validate(), Err(ScaleError::PointGap { .. })));
        s.bands[1].upper = Some(Bound { value: x("72"), inclusive: true });
        assert!(matches!(s.validate(), Err(ScaleError::Overlap { .. })));
        let mut s = Scale::seed_default();
        s.bands[0].lower = Some(Bound { value: x("0"), inclusive: true });
        assert!(matches!(s.validate(), Err(ScaleError::FirstBounded { .. })));
        let mut s = Scale::seed_default();
        s.bands[3].label = " ".into();
        assert_eq!(s.validate(), Err(ScaleError::EmptyLabel { index: 3 }));
        assert_eq!(Scale { name: "x".into(), bands: vec![] }.validate(), Err(ScaleError::Empty));
    }

    #[test]
    fn rules_read_like_the_report() {
        let s = Scale::seed_default();
        let rules: Vec<String> = s.bands.iter().map(Band::rule).collect();
        assert_eq!(rules, ["x ≤ 55", "55 < x ≤ 70", "70 < x ≤ 85", "x > 85"]);
    }
}
