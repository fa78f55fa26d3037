//! Reading and writing numbers the way Indonesian documents do.
//!
//! Indonesian writes `1.234.567,89` (dot groups thousands, comma marks decimals); documents
//! often mix in `1,234,567.89`. Both are read. The one case that cannot be decided from the
//! text alone — a single separator followed by exactly three digits, `1.234` or `1,234` — is
//! resolved by an explicit [`Convention`], and reported as [`Parsed::ambiguous`] so that a
//! form can show how it was read. Where the number cannot carry three decimals (money), the
//! separator can only group thousands and the case is not ambiguous at all.
//!
//! Output always uses the Indonesian convention, rounded half-up (away from zero).

use rust_decimal::prelude::*;
use std::fmt;

/// How to read a lone separator followed by exactly three digits (`1.234`, `1,234`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Convention {
    /// `.` groups thousands, `,` marks decimals: `1.234` = 1234, `1,234` = 1,234.
    #[default]
    Indonesian,
    /// `,` groups thousands, `.` marks decimals: `1,234` = 1234, `1.234` = 1,234.
    English,
    /// Refuse to guess: the ambiguous case is an error.
    Strict,
}

/// What a parse found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Parsed {
    pub value: Decimal,
    /// The text was a lone separator followed by three digits and the convention decided.
    pub ambiguous: bool,
    /// The text ended in `%`.
    pub percent: bool,
}

/// Why a text is not a number. `Display` gives the message in Indonesian.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NumError {
    Empty,
    NotANumber,
    BadGrouping,
    Ambiguous {
        as_thousands: Decimal,
        as_decimal: Decimal,
    },
    TooManyDecimals {
        max: u32,
    },
    TooLarge,
    Negative,
}

impl fmt::Display for NumError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NumError::Empty => write!(f, "kosong"),
            NumError::NotANumber => write!(f, "bukan angka"),
            NumError::BadGrouping => write!(
                f,
                "pemisah ribuan tidak valid (tulis 1.234.567,89 atau 1,234,567.89)"
            ),
            NumError::Ambiguous {
                as_thousands,
                as_decimal,
            } => write!(
                f,
                "ambigu: bisa berarti {} atau {}; tulis dengan jelas (mis. {} atau {})",
                format_plain(*as_thousands),
                format_plain(*as_decimal),
                format_plain(*as_thousands),
                format_plain(*as_decimal)
            ),
            NumError::TooManyDecimals { max } => {
                write!(f, "terlalu banyak angka desimal (paling banyak {max})")
            }
            NumError::TooLarge => write!(f, "angka terlalu besar"),
            NumError::Negative => write!(f, "tidak boleh negatif"),
        }
    }
}

impl std::error::Error for NumError {}

/// Limits a field puts on a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rules {
    pub convention: Convention,
    /// At most this many decimals. `Some(n)` with `n < 3` also settles the `1.234` case.
    pub max_decimals: Option<u32>,
    pub allow_negative: bool,
}

impl Rules {
    /// Rupiah: two decimals at most, never negative.
    pub const MONEY: Rules = Rules {
        convention: Convention::Indonesian,
        max_decimals: Some(2),
        allow_negative: false,
    };
    /// A target or a realisation: any decimals, may be negative.
    pub const VALUE: Rules = Rules {
        convention: Convention::Indonesian,
        max_decimals: None,
        allow_negative: true,
    };

    pub fn with_convention(self, convention: Convention) -> Rules {
        Rules { convention, ..self }
    }
}

/// Largest magnitude accepted anywhere: a thousand trillion (10^15), well above any budget
/// yet far enough from `Decimal::MAX` that sums of many rows never overflow.
pub fn limit() -> Decimal {
    Decimal::from(1_000_000_000_000_000i64)
}

/// Read a number typed or pasted by a person.
///
/// Accepts an optional `Rp`/`Rp.` prefix, a trailing `%`, a trailing `,-`/`.-` (as in
/// `Rp 15.000,-`), a leading minus (`-` or `−`), spaces and non-breaking spaces between
/// digit groups, and either convention.
pub fn parse(input: &str, rules: Rules) -> Result<Parsed, NumError> {
    let mut s: String = input
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\t'))
        .collect();
    let mut negative = false;
    if let Some(rest) = s.strip_prefix('-').or_else(|| s.strip_prefix('\u{2212}')) {
        negative = true;
        s = rest.to_string();
    }
    let lower = s.to_lowercase();
    if lower.starts_with("rp") {
        s = s[2..].to_string();
        if let Some(rest) = s.strip_prefix('.') {
            s = rest.to_string();
        }
        if !negative {
            if let Some(rest) = s.strip_prefix('-').or_else(|| s.strip_prefix('\u{2212}')) {
                negative = true;
                s = rest.to_string();
            }
        }
    }
    let mut percent = false;
    if let Some(rest) = s.strip_suffix('%') {
        percent = true;
        s = rest.to_string();
    }
    if let Some(rest) = s.strip_suffix(",-").or_else(|| s.strip_suffix(".-")) {
        s = rest.to_string();
    }
    if s.is_empty() {
        return Err(if input.trim().is_empty() {
            NumError::Empty
        } else {
            NumError::NotANumber
        });
    }
    if !s
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return Err(NumError::NotANumber);
    }
    if !s.chars().any(|c| c.is_ascii_digit()) {
        return Err(NumError::NotANumber);
    }
    let (int_part, frac_part, ambiguous) = split(&s, rules)?;
    if let Some(max) = rules.max_decimals {
        if frac_part.len() as u32 > max {
            return Err(NumError::TooManyDecimals { max });
        }
    }
    if int_part.len() > 16 || frac_part.len() > 12 {
        return Err(NumError::TooLarge);
    }
    let text = if frac_part.is_empty() {
        int_part.clone()
    } else {
        format!(
            "{}.{}",
            if int_part.is_empty() { "0" } else { &int_part },
            frac_part
        )
    };
    let mut value = Decimal::from_str(&text).map_err(|_| NumError::NotANumber)?;
    if value.abs() > limit() {
        return Err(NumError::TooLarge);
    }
    if negative {
        if !rules.allow_negative && !value.is_zero() {
            return Err(NumError::Negative);
        }
        value = -value;
    }
    Ok(Parsed {
        value,
        ambiguous,
        percent,
    })
}

/// Shorthand for [`parse`] that keeps only the value.
pub fn parse_value(input: &str, rules: Rules) -> Result<Decimal, NumError> {
    parse(input, rules).map(|p| p.value)
}

/// Split digits-and-separators into integer digits and fraction digits.
fn split(s: &str, rules: Rules) -> Result<(String, String, bool), NumError> {
    let dots = s.matches('.').count();
    let commas = s.matches(',').count();
    let (group, decimal): (Option<char>, Option<char>) = match (dots, commas) {
        (0, 0) => (None, None),
        (_, 0) | (0, _) => {
            let sep = if dots > 0 { '.' } else { ',' };
            let count = dots.max(commas);
            if count > 1 {
                (Some(sep), None)
            } else {
                let (int, frac) = s.split_once(sep).expect("one separator");
                if frac.len() != 3 || int.is_empty() || int == "0" {
                    (None, Some(sep))
                } else if rules.max_decimals.is_some_and(|m| m < 3) {
                    (Some(sep), None)
                } else {
                    let as_thousands = Decimal::from_str(&format!("{int}{frac}"))
                        .map_err(|_| NumError::TooLarge)?;
                    let as_decimal = Decimal::from_str(&format!("{int}.{frac}"))
                        .map_err(|_| NumError::TooLarge)?;
                    let thousands = match rules.convention {
                        Convention::Indonesian => sep == '.',
                        Convention::English => sep == ',',
                        Convention::Strict => {
                            return Err(NumError::Ambiguous {
                                as_thousands,
                                as_decimal,
                            })
                        }
                    };
                    let (g, d) = if thousands {
                        (Some(sep), None)
                    } else {
                        (None, Some(sep))
                    };
                    let (int, frac) = apply(s, g, d)?;
                    return Ok((int, frac, true));
                }
            }
        }
        _ => {
            // Both present: the one that comes last marks the decimals and appears once.
            let last_dot = s.rfind('.').expect("dot");
            let last_comma = s.rfind(',').expect("comma");
            let (g, d) = if last_comma > last_dot {
                ('.', ',')
            } else {
                (',', '.')
            };
            if s.matches(d).count() != 1 {
                return Err(NumError::BadGrouping);
            }
            (Some(g), Some(d))
        }
    };
    let (int, frac) = apply(s, group, decimal)?;
    Ok((int, frac, false))
}

fn apply(
    s: &str,
    group: Option<char>,
    decimal: Option<char>,
) -> Result<(String, String), NumError> {
    let (int_text, frac_text) = match decimal {
        Some(d) => {
            let (i, f) = s.split_once(d).expect("decimal separator present");
            if f.is_empty() || !f.chars().all(|c| c.is_ascii_digit()) {
                return Err(NumError::NotANumber);
            }
            (i, f)
        }
        None => (s, ""),
    };
    let int = match group {
        Some(g) => {
            let groups: Vec<&str> = int_text.split(g).collect();
            let first_ok = !groups[0].is_empty() && groups[0].len() <= 3;
            if !first_ok || groups[1..].iter().any(|x| x.len() != 3) {
                return Err(NumError::BadGrouping);
            }
            groups.concat()
        }
        None => int_text.to_string(),
    };
    if !int.chars().all(|c| c.is_ascii_digit()) {
        return Err(NumError::BadGrouping);
    }
    if int.is_empty() && frac_text.is_empty() {
        return Err(NumError::NotANumber);
    }
    Ok((int, frac_text.to_string()))
}

/// Round half-up (away from zero) to `places` decimals.
pub fn round(value: Decimal, places: u32) -> Decimal {
    value.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero)
}

/// `1234567.891` → `1.234.567,89` with exactly `places` decimals, half-up.
pub fn format_fixed(value: Decimal, places: u32) -> String {
    let r = round(value, places);
    let negative = r.is_sign_negative() && !r.is_zero();
    // The exact digits (scale ≤ places after rounding), padded with zeros by hand:
    // `format!("{:.n}")` would need room for 28+ digits and panics near `Decimal::MAX`.
    let text = r.abs().to_string();
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (text, None),
    };
    let frac = if places == 0 {
        None
    } else {
        let mut f = frac.unwrap_or_default();
        while f.len() < places as usize {
            f.push('0');
        }
        Some(f)
    };
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(&group_thousands(&int));
    if let Some(f) = frac {
        out.push(',');
        out.push_str(&f);
    }
    out
}

/// A number with as many decimals as it has (at most 6, half-up): `4,25`, `100`, `0,322`.
pub fn format_plain(value: Decimal) -> String {
    let r = round(value, 6).normalize();
    format_fixed(r, r.scale())
}

/// `94,11%` — always two decimals, half-up.
pub fn format_percent(value: Decimal) -> String {
    format!("{}%", format_fixed(value, 2))
}

/// `Rp 1.234.567` for whole rupiah, `Rp 252.398.711,02` when there are cents.
pub fn format_rupiah(value: Decimal) -> String {
    let cents = round(value, 2);
    let whole = cents.fract().is_zero();
    let body = format_fixed(cents.abs(), if whole { 0 } else { 2 });
    if cents.is_sign_negative() && !cents.is_zero() {
        format!("-Rp {body}")
    } else {
        format!("Rp {body}")
    }
}

/// Amount without the `Rp`, for table cells: `1.234.567` or `252.398.711,02`.
pub fn format_amount(value: Decimal) -> String {
    let cents = round(value, 2);
    format_fixed(cents, if cents.fract().is_zero() { 0 } else { 2 })
}

fn group_thousands(digits: &str) -> String {
    let bytes = digits.as_bytes();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 && (bytes.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(*b as char);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros_free::d;

    mod rust_decimal_macros_free {
        pub fn d(s: &str) -> rust_decimal::Decimal {
            s.parse().unwrap()
        }
    }

    fn id(s: &str) -> Decimal {
        parse_value(s, Rules::VALUE).unwrap()
    }

    #[test]
    fn reads_both_conventions() {
        let cases = [
            ("1.234.567,89", "1234567.89"),
            ("1,234,567.89", "1234567.89"),
            ("252,398,711.02", "252398711.02"),
            ("15.447.851.952", "15447851952"),
            ("95,370,000", "95370000"),
            ("4,25", "4.25"),
            ("4.25", "4.25"),
            ("90,18%", "90.18"),
            ("Rp 1.234.567", "1234567"),
            ("Rp. 14.576.047.081,00", "14576047081.00"),
            ("Rp15.000,-", "15000"),
            ("0,322", "0.322"),
            ("0.322", "0.322"),
            (",5", "0.5"),
            ("-3,5", "-3.5"),
            ("\u{2212}2", "-2"),
            ("1 234 567", "1234567"),
            ("149,98%", "149.98"),
            ("1234567,5", "1234567.5"),
            ("12,3456", "12.3456"),
        ];
        for (text, want) in cases {
            assert_eq!(id(text), d(want), "{text}");
        }
    }

    #[test]
    fn ambiguous_three_digits_follow_the_convention() {
        let indo = parse("1.234", Rules::VALUE).unwrap();
        assert_eq!((indo.value, indo.ambiguous), (d("1234"), true));
        let indo_comma = parse("1,234", Rules::VALUE).unwrap();
        assert_eq!(indo_comma.value, d("1.234"));
        let en = Rules::VALUE.with_convention(Convention::English);
        assert_eq!(parse_value("1.234", en).unwrap(), d("1.234"));
        assert_eq!(parse_value("1,234", en).unwrap(), d("1234"));
        let strict = Rules::VALUE.with_convention(Convention::Strict);
        let err = parse("1.234", strict).unwrap_err();
        assert_eq!(
            err,
            NumError::Ambiguous {
                as_thousands: d("1234"),
                as_decimal: d("1.234")
            }
        );
        assert!(err.to_string().contains("ambigu"), "{err}");
        // Not ambiguous: more groups, other digit counts, both separators, a leading zero.
        assert!(!parse("1.234.567", strict).unwrap().ambiguous);
        assert_eq!(parse_value("1.23", strict).unwrap(), d("1.23"));
        assert_eq!(parse_value("1.234,5", strict).unwrap(), d("1234.5"));
        assert_eq!(parse_value("0,125", strict).unwrap(), d("0.125"));
    }

    #[test]
    fn money_never_reads_three_decimals() {
        let money = Rules::MONEY.with_convention(Convention::Strict);
        assert_eq!(parse_value("1.234", money).unwrap(), d("1234"));
        assert_eq!(parse_value("1,234", money).unwrap(), d("1234"));
        assert_eq!(
            parse_value("12,3456", Rules::MONEY),
            Err(NumError::TooManyDecimals { max: 2 })
        );
        assert_eq!(parse_value("-5", Rules::MONEY), Err(NumError::Negative));
    }

    #[test]
    fn refuses_what_is_not_a_number() {
        for text in [
            "abc",
            "1.23.4",
            "12,34,567",
            "1..2",
            "1,2,3.4,5",
            "Rp",
            "%",
            "1e5",
            "0x10",
            "1.",
            "--1",
            "1-2",
        ] {
            assert!(parse(text, Rules::VALUE).is_err(), "{text} should fail");
        }
        assert_eq!(parse("", Rules::VALUE), Err(NumError::Empty));
        assert_eq!(parse("   ", Rules::VALUE), Err(NumError::Empty));
        assert_eq!(
            parse("99999999999999999999", Rules::VALUE),
            Err(NumError::TooLarge)
        );
        assert_eq!(
            parse("1.000.000.000.000.001", Rules::VALUE),
            Err(NumError::TooLarge)
        );
        assert_eq!(NumError::NotANumber.to_string(), "bukan angka");
    }

    #[test]
    fn writes_indonesian() {
        assert_eq!(format_fixed(d("1234567.891"), 2), "1.234.567,89");
        assert_eq!(format_fixed(d("0.005"), 2), "0,01");
        assert_eq!(format_fixed(d("94.114999"), 2), "94,11");
        assert_eq!(format_fixed(d("94.115"), 2), "94,12");
        assert_eq!(format_fixed(d("-0.001"), 2), "0,00");
        assert_eq!(format_fixed(d("-1234.5"), 0), "-1.235");
        assert_eq!(format_percent(d("94.11")), "94,11%");
        assert_eq!(format_percent(d("101.694915")), "101,69%");
        assert_eq!(format_rupiah(d("14538093081")), "Rp 14.538.093.081");
        assert_eq!(format_rupiah(d("252398711.02")), "Rp 252.398.711,02");
        assert_eq!(format_rupiah(d("-1000")), "-Rp 1.000");
        assert_eq!(format_amount(d("1278796783.98")), "1.278.796.783,98");
        assert_eq!(format_plain(d("4.250")), "4,25");
        assert_eq!(format_plain(d("100")), "100");
        assert_eq!(format_plain(d("0.322")), "0,322");
        assert_eq!(format_plain(d("1000000")), "1.000.000");
    }

    #[test]
    fn formats_the_largest_numbers_without_panicking() {
        assert_eq!(
            format_fixed(Decimal::MAX, 3),
            "79.228.162.514.264.337.593.543.950.335,000"
        );
        assert_eq!(
            format_fixed(Decimal::MIN, 0),
            "-79.228.162.514.264.337.593.543.950.335"
        );
        assert_eq!(
            format_percent(Decimal::MAX),
            "79.228.162.514.264.337.593.543.950.335,00%"
        );
        assert_eq!(format_fixed(d("0.1"), 6), "0,100000");
    }

    #[test]
    fn round_trips_through_text() {
        for text in [
            "0",
            "1",
            "12,5",
            "1.234.567,89",
            "0,001",
            "999.999.999.999.999",
        ] {
            let v = id(text);
            assert_eq!(id(&format_plain(v)), v, "{text}");
        }
    }
}
