//! Category scales (kategori / predikat) as data: bands with inclusive or exclusive bounds.
//!
//! A valid scale covers every number exactly once: bands ascend, the first is open below,
//! the last open above, and where two bands meet, exactly one of them holds the boundary.

use crate::num::format_plain;
use rust_decimal::Decimal;
use std::cmp::Ordering;
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
    EmptyLabel {
        index: usize,
    },
    FirstBounded {
        label: String,
    },
    LastBounded {
        label: String,
    },
    MissingBound {
        label: String,
    },
    EmptyBand {
        label: String,
    },
    Gap {
        below: String,
        above: String,
        from: Decimal,
        to: Decimal,
    },
    Overlap {
        below: String,
        above: String,
        at: Decimal,
    },
    /// Both bands leave out the boundary value itself.
    PointGap {
        below: String,
        above: String,
        at: Decimal,
    },
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
        lower: lower.map(|(v, inclusive)| Bound {
            value: d(v),
            inclusive,
        }),
        upper: upper.map(|(v, inclusive)| Bound {
            value: d(v),
            inclusive,
        }),
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
                return Err(ScaleError::FirstBounded {
                    label: b.label.clone(),
                });
            }
            if last && b.upper.is_some() {
                return Err(ScaleError::LastBounded {
                    label: b.label.clone(),
                });
            }
            if (!first && b.lower.is_none()) || (!last && b.upper.is_none()) {
                return Err(ScaleError::MissingBound {
                    label: b.label.clone(),
                });
            }
            if let (Some(lo), Some(hi)) = (b.lower, b.upper) {
                let empty = lo.value > hi.value
                    || (lo.value == hi.value && !(lo.inclusive && hi.inclusive));
                if empty {
                    return Err(ScaleError::EmptyBand {
                        label: b.label.clone(),
                    });
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
                return Err(ScaleError::Gap {
                    below,
                    above,
                    from: hi.value,
                    to: lo.value,
                });
            }
            if hi.value > lo.value || (hi.inclusive && lo.inclusive) {
                let (below, above) = names();
                return Err(ScaleError::Overlap {
                    below,
                    above,
                    at: lo.value,
                });
            }
            if !hi.inclusive && !lo.inclusive {
                let (below, above) = names();
                return Err(ScaleError::PointGap {
                    below,
                    above,
                    at: lo.value,
                });
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

/// A scale prepared for classifying many values (every output of a report): the same answer
/// as [`Scale::classify`] for every `x`, without rust_decimal's comparison of two decimals of
/// different scales (a capaian has up to 28 decimals, a bound usually none, and rescaling
/// one to the other is most of the cost of `classify`).
///
/// Each bound keeps its mantissa at every scale from its own up to 28 (`85` → `85`, `850`,
/// …, `85 × 10^28`) where it fits an `i128`; a value `x = m / 10^s` is then compared with the
/// bound by comparing `m` with the bound's mantissa at scale `s`: two integers over the same
/// denominator, exact. Where no such mantissa exists (a bound with more decimals than `x`,
/// or too large) the comparison is rust_decimal's own.
///
/// A valid scale (see [`Scale::validate`]) cuts the line into bands in ascending order, so
/// the index of the band holding `x` is the number of bands after the first whose lower
/// bound `x` reaches: one comparison per band instead of two. Any other scale is searched
/// band by band, first match wins, as `classify` does.
#[derive(Clone, Debug)]
pub struct Classifier {
    bands: Vec<(Option<ScaledBound>, Option<ScaledBound>)>,
    /// For a valid scale: the lower bounds of the bands after the first, ascending.
    cuts: Option<Vec<ScaledBound>>,
}

#[derive(Clone, Debug)]
struct ScaledBound {
    bound: Bound,
    /// `at_scale[s]`: the bound's value × 10^s, valid where bit `s` of `valid` is set.
    at_scale: [i128; 29],
    /// `at_scale[s]`, plus 1 if the bound is exclusive: `x` reaches an exclusive lower
    /// bound `b` when `x ≥ b + 1 ulp`, an inclusive one when `x ≥ b`.
    reach: [i128; 29],
    valid: u32,
}

impl ScaledBound {
    fn new(bound: Bound) -> ScaledBound {
        let (m, own) = (bound.value.mantissa(), bound.value.scale());
        let mut at_scale = [0i128; 29];
        let mut reach = [0i128; 29];
        let mut valid = 0u32;
        for s in own..=Decimal::MAX_SCALE {
            let v = 10i128.checked_pow(s - own).and_then(|p| m.checked_mul(p));
            if let Some((v, r)) =
                v.and_then(|v| Some((v, v.checked_add(!bound.inclusive as i128)?)))
            {
                at_scale[s as usize] = v;
                reach[s as usize] = r;
                valid |= 1 << s;
            }
        }
        ScaledBound {
            bound,
            at_scale,
            reach,
            valid,
        }
    }

    /// Whether `x` is above the bound, or on it and the bound is inclusive.
    #[inline(always)]
    fn reached_by(&self, x: Decimal, m: i128, s: u32) -> bool {
        if self.valid & (1 << s) != 0 {
            m >= self.reach[s as usize]
        } else {
            match x.cmp(&self.bound.value) {
                Ordering::Greater => true,
                Ordering::Equal => self.bound.inclusive,
                Ordering::Less => false,
            }
        }
    }

    /// `x` compared with the bound; `m` and `s` are `x`'s mantissa and scale.
    #[inline(always)]
    fn cmp(&self, x: Decimal, m: i128, s: u32) -> Ordering {
        if self.valid & (1 << s) != 0 {
            m.cmp(&self.at_scale[s as usize])
        } else {
            x.cmp(&self.bound.value)
        }
    }
}

impl Classifier {
    pub fn new(scale: &Scale) -> Classifier {
        let cuts = scale.validate().is_ok().then(|| {
            scale
                .bands
                .iter()
                .skip(1)
                .filter_map(|b| b.lower)
                .map(ScaledBound::new)
                .collect()
        });
        Classifier {
            bands: scale
                .bands
                .iter()
                .map(|b| (b.lower.map(ScaledBound::new), b.upper.map(ScaledBound::new)))
                .collect(),
            cuts,
        }
    }

    /// Index of the first band holding `x`, as [`Scale::classify`].
    #[inline]
    pub fn classify(&self, x: Decimal) -> Option<usize> {
        let (m, s) = (x.mantissa(), x.scale());
        if let Some(cuts) = &self.cuts {
            // Band `i` (from 1) holds `x` or a later band does exactly when `x` is above
            // band `i`'s lower bound, or on it and the bound is inclusive; those bands are
            // a prefix of `cuts`, so counting them finds the band.
            return Some(cuts.iter().map(|b| b.reached_by(x, m, s) as usize).sum());
        }
        self.bands.iter().position(|(lower, upper)| {
            // As `Band::contains`: above the lower bound (or on it, if inclusive), below
            // the upper (or on it).
            let above_lower = match lower {
                None => true,
                Some(b) => b.reached_by(x, m, s),
            };
            above_lower
                && match upper {
                    None => true,
                    Some(b) => match b.cmp(x, m, s) {
                        Ordering::Less => true,
                        Ordering::Equal => b.bound.inclusive,
                        Ordering::Greater => false,
                    },
                }
        })
    }
}

impl Scale {
    /// This scale prepared for classifying many values.
    pub fn classifier(&self) -> Classifier {
        Classifier::new(self)
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
        let lo = self
            .lower
            .map(|b| (format_plain(b.value), if b.inclusive { "≤" } else { "<" }));
        let hi = self
            .upper
            .map(|b| (format_plain(b.value), if b.inclusive { "≤" } else { "<" }));
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
        s.bands[0].upper = Some(Bound {
            value: x("50"),
            inclusive: true,
        });
        let err = s.validate().unwrap_err();
        assert!(matches!(err, ScaleError::Gap { .. }), "{err:?}");
        assert!(err.to_string().contains("celah"), "{err}");
    }

    #[test]
    fn overlaps_and_holes_are_refused() {
        let mut s = Scale::seed_default();
        s.bands[1].upper = Some(Bound {
            value: x("70"),
            inclusive: true,
        });
        s.bands[2].lower = Some(Bound {
            value: x("70"),
            inclusive: true,
        });
        assert!(matches!(s.validate(), Err(ScaleError::Overlap { .. })));
        s.bands[1].upper = Some(Bound {
            value: x("70"),
            inclusive: false,
        });
        s.bands[2].lower = Some(Bound {
            value: x("70"),
            inclusive: false,
        });
        assert!(matches!(s.validate(), Err(ScaleError::PointGap { .. })));
        s.bands[1].upper = Some(Bound {
            value: x("72"),
            inclusive: true,
        });
        assert!(matches!(s.validate(), Err(ScaleError::Overlap { .. })));
        let mut s = Scale::seed_default();
        s.bands[0].lower = Some(Bound {
            value: x("0"),
            inclusive: true,
        });
        assert!(matches!(s.validate(), Err(ScaleError::FirstBounded { .. })));
        let mut s = Scale::seed_default();
        s.bands[3].label = " ".into();
        assert_eq!(s.validate(), Err(ScaleError::EmptyLabel { index: 3 }));
        assert_eq!(
            Scale {
                name: "x".into(),
                bands: vec![]
            }
            .validate(),
            Err(ScaleError::Empty)
        );
    }

    /// The classifier gives `classify`'s answer for values of every scale and sign, on the
    /// presets and on scales with decimal, negative, huge, single-point and even overlapping
    /// or missing bounds.
    #[test]
    fn classifier_agrees_with_classify() {
        use crate::generate::Rng;
        fn number(rng: &mut Rng) -> Decimal {
            let m: i128 = match rng.below(6) {
                0 => rng.range(-200, 200) as i128,
                1 => rng.range(40, 130) as i128 * 10i128.pow(rng.below(27) as u32),
                2 => rng.next_u64() as i128,
                3 => ((rng.next_u64() as i128) << 32) ^ rng.next_u64() as i128,
                4 => (1i128 << 96) - 1 - rng.below(3) as i128,
                _ => {
                    [51, 55, 66, 70, 76, 85, 91][rng.below(7) as usize]
                        * 10i128.pow(rng.below(27) as u32)
                }
            };
            let m = m & ((1i128 << 96) - 1);
            let d = Decimal::from_i128_with_scale(m, rng.below(29) as u32);
            if rng.chance(20) {
                -d
            } else {
                d
            }
        }
        let mut rng = Rng::new(86);
        let mut scales = Scale::presets();
        // Valid scales: ascending cut points, each held by exactly one side, some bands a
        // single point.
        for _ in 0..300 {
            let mut cuts: Vec<Decimal> = (0..rng.range(0, 5)).map(|_| number(&mut rng)).collect();
            cuts.sort();
            cuts.dedup();
            let mut bands = Vec::new();
            let mut lower: Option<Bound> = None;
            for i in 0..=cuts.len() {
                let upper = cuts.get(i).map(|&v| Bound {
                    value: v,
                    inclusive: rng.chance(50),
                });
                match upper {
                    Some(u) if rng.chance(30) => {
                        bands.push(Band {
                            label: format!("b{i}"),
                            lower,
                            upper: Some(Bound {
                                inclusive: false,
                                ..u
                            }),
                        });
                        let point = Bound {
                            inclusive: true,
                            ..u
                        };
                        bands.push(Band {
                            label: format!("p{i}"),
                            lower: Some(point),
                            upper: Some(point),
                        });
                        lower = Some(Bound {
                            inclusive: false,
                            ..u
                        });
                    }
                    _ => {
                        bands.push(Band {
                            label: format!("b{i}"),
                            lower,
                            upper,
                        });
                        lower = upper.map(|u| Bound {
                            inclusive: !u.inclusive,
                            ..u
                        });
                    }
                }
            }
            let scale = Scale {
                name: "sah".into(),
                bands,
            };
            assert_eq!(scale.validate(), Ok(()), "{scale:?}");
            scales.push(scale);
        }
        for _ in 0..300 {
            let bands = (0..rng.range(0, 6))
                .map(|i| {
                    let bound = |rng: &mut Rng| {
                        rng.chance(80).then(|| Bound {
                            value: number(rng),
                            inclusive: rng.chance(50),
                        })
                    };
                    Band {
                        label: format!("b{i}"),
                        lower: bound(&mut rng),
                        upper: bound(&mut rng),
                    }
                })
                .collect();
            scales.push(Scale {
                name: "acak".into(),
                bands,
            });
        }
        for scale in &scales {
            let c = scale.classifier();
            let bounds: Vec<Decimal> = scale
                .bands
                .iter()
                .flat_map(|b| [b.lower, b.upper])
                .flatten()
                .map(|b| b.value)
                .collect();
            for _ in 0..2_000 {
                let x = number(&mut rng);
                assert_eq!(c.classify(x), scale.classify(x), "{x} on {scale:?}");
            }
            // Exactly on, and just beside, every bound, written with more or fewer zeros.
            for b in bounds {
                let tiny = Decimal::from_i128_with_scale(1, 28);
                for x in [
                    b,
                    b.checked_add(tiny).unwrap_or(b),
                    b.checked_sub(tiny).unwrap_or(b),
                    b.normalize(),
                    -b,
                ] {
                    assert_eq!(c.classify(x), scale.classify(x), "{x} on {scale:?}");
                    let mut y = x;
                    y.rescale(y.scale() + 3);
                    if y == x {
                        assert_eq!(c.classify(y), scale.classify(y), "{y} on {scale:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn rules_read_like_the_report() {
        let s = Scale::seed_default();
        let rules: Vec<String> = s.bands.iter().map(Band::rule).collect();
        assert_eq!(rules, ["x ≤ 55", "55 < x ≤ 70", "70 < x ≤ 85", "x > 85"]);
    }
}
