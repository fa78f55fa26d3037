//! Targets and realisations: a number, a range, a ratio, or an explicit "n/a".
//!
//! An empty cell is not a value at all (`Option::None` where a value may be missing); "n/a"
//! is [`Value::NotAvailable`]; neither is ever 0.

use crate::num::{self, NumError, Rules};
use rust_decimal::Decimal;
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// `100`, `4,25`, `90,18%`.
    Number(Decimal),
    /// `4,25–4,30`: inclusive bounds, `low <= high`.
    Range { low: Decimal, high: Decimal },
    /// `1:32`: `left` is never 0.
    Ratio { left: Decimal, right: Decimal },
    /// Written as `n/a`, `-` or `tidak tersedia`: deliberately no figure.
    NotAvailable,
}

/// Why a text is not a value. `Display` gives the message in Indonesian.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ValueError {
    Number(NumError),
    RangeReversed,
    RatioZero,
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValueError::Number(e) => e.fmt(f),
            ValueError::RangeReversed => {
                write!(f, "batas bawah rentang lebih besar dari batas atas")
            }
            ValueError::RatioZero => write!(f, "sisi kiri rasio tidak boleh 0"),
        }
    }
}

impl std::error::Error for ValueError {}

impl From<NumError> for ValueError {
    fn from(e: NumError) -> Self {
        ValueError::Number(e)
    }
}

const NOT_AVAILABLE: &[&str] = &[
    "-",
    "–",
    "—",
    "n/a",
    "na",
    "t/a",
    "ta",
    "tidak ada",
    "tidak tersedia",
    "n.a.",
];

impl Value {
    /// Read a value as typed. `Ok(None)` for an empty text.
    pub fn parse(text: &str, rules: Rules) -> Result<Option<Value>, ValueError> {
        let t = text.trim();
        if t.is_empty() {
            return Ok(None);
        }
        if NOT_AVAILABLE.contains(&t.to_lowercase().as_str()) {
            return Ok(Some(Value::NotAvailable));
        }
        if let Some((l, r)) = t.split_once(':') {
            let left = num::parse_value(l, rules)?;
            let right = num::parse_value(r, rules)?;
            if left.is_zero() {
                return Err(ValueError::RatioZero);
            }
            return Ok(Some(Value::Ratio { left, right }));
        }
        if let Some((l, r)) = split_range(t) {
            let low = num::parse_value(l, rules)?;
            let high = num::parse_value(r, rules)?;
            if low > high {
                return Err(ValueError::RangeReversed);
            }
            return Ok(Some(Value::Range { low, high }));
        }
        Ok(Some(Value::Number(num::parse_value(t, rules)?)))
    }

    /// The number this value stands for where one number is needed (a range has none).
    pub fn scalar(&self) -> Option<Decimal> {
        match self {
            Value::Number(n) => Some(*n),
            Value::Ratio { left, right } => right.checked_div(*left),
            Value::Range { .. } | Value::NotAvailable => None,
        }
    }

    /// Kind name in Indonesian, for messages.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Value::Number(_) => "angka",
            Value::Range { .. } => "rentang",
            Value::Ratio { .. } => "rasio",
            Value::NotAvailable => "n/a",
        }
    }
}

/// A number in an entry that the other convention would read differently (`1.234`: a lone
/// separator and three digits), so that a form can say how it was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ambiguity {
    /// The number as typed.
    pub text: String,
    /// As read under the rules' convention.
    pub read: Decimal,
    /// As the other convention would read it.
    pub other: Decimal,
    /// The convention that decided (its decimal mark is used in the message).
    pub convention: num::Convention,
}

impl Ambiguity {
    /// `value` written without grouping, with the convention's decimal mark: a text the
    /// convention reads back as `value` without ambiguity.
    fn written(&self, value: Decimal) -> String {
        let plain = value.normalize().to_string();
        match self.convention {
            num::Convention::English => plain,
            _ => plain.replace('.', ","),
        }
    }

    fn described(&self, value: Decimal) -> String {
        let kind = if value.fract().is_zero() {
            "bilangan bulat"
        } else {
            "pecahan"
        };
        format!("{kind} {}", self.written(value))
    }
}

impl fmt::Display for Ambiguity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "\"{}\" dibaca sebagai {}; bila maksudnya {}, tulis {}.",
            self.text,
            self.described(self.read),
            self.described(self.other),
            self.written(self.other)
        )
    }
}

impl Value {
    /// The first ambiguous number of an entry that [`Value::parse`] accepts, if any.
    pub fn ambiguity(text: &str, rules: Rules) -> Option<Ambiguity> {
        let other = match rules.convention {
            num::Convention::Indonesian => num::Convention::English,
            num::Convention::English => num::Convention::Indonesian,
            num::Convention::Strict => return None,
        };
        let t = text.trim();
        let parts = match t.split_once(':').or_else(|| split_range(t)) {
            Some((l, r)) => vec![l, r],
            None => vec![t],
        };
        parts.into_iter().find_map(|part| {
            let parsed = num::parse(part, rules).ok().filter(|p| p.ambiguous)?;
            let alt = num::parse(part, rules.with_convention(other)).ok()?;
            Some(Ambiguity {
                text: part.trim().to_string(),
                read: parsed.value,
                other: alt.value,
                convention: rules.convention,
            })
        })
    }
}

impl fmt::Display for Value {
    /// Indonesian text that [`Value::parse`] reads back to the same value, with the
    /// decimals the officer typed (`4,30` stays `4,30`, `0,370` stays `0,370`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Number(n) => f.write_str(&typed(*n)),
            Value::Range { low, high } => write!(f, "{}–{}", typed(*low), typed(*high)),
            Value::Ratio { left, right } => write!(f, "{}:{}", typed(*left), typed(*right)),
            Value::NotAvailable => f.write_str("n/a"),
        }
    }
}

/// A typed number with its own decimals (at most 6, half-up).
fn typed(n: Decimal) -> String {
    let r = num::round(n, 6);
    num::format_fixed(r, r.scale())
}

/// Split `4,25-4,30`, `80 – 90`, `80 s.d. 90`, `80 s/d 90`, `80 sampai 90` into its bounds.
/// A leading minus is a sign, not a range.
fn split_range(t: &str) -> Option<(&str, &str)> {
    for word in [" s.d. ", " s.d ", " s/d ", " sd ", " sampai "] {
        if let Some(pair) = t.split_once(word) {
            return Some(pair);
        }
    }
    let mut prev_digit = false;
    for (i, c) in t.char_indices() {
        if matches!(c, '-' | '–' | '—') && prev_digit {
            return Some((&t[..i], &t[i + c.len_utf8()..]));
        }
        if c.is_ascii_digit() || c == '%' {
            prev_digit = true;
        } else if c != ' ' {
            prev_digit = false;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_decimals_that_were_typed() {
        let shown = |t: &str| Value::parse(t, Rules::VALUE).unwrap().unwrap().to_string();
        assert_eq!(shown("4,25-4,30"), "4,25–4,30");
        assert_eq!(shown("0,370"), "0,370");
        assert_eq!(shown("1:32"), "1:32");
        assert_eq!(shown("100"), "100");
        assert_eq!(shown("1.234.567,50"), "1.234.567,50");
        // Beyond six decimals, rounded half-up.
        assert_eq!(shown("0,12345678"), "0,123457");
        // The example's 2024 target of Tingkat Kemiskinan, as the seed prints it.
        let r = crate::example::example();
        let t = &r.tujuan[0].indicators[0];
        assert_eq!(t.name, "Tingkat Kemiskinan");
        assert_eq!(t.targets[&2024].to_string(), "4,25–4,30");
    }

    #[test]
    fn ambiguity_names_both_readings() {
        let a = Value::ambiguity("1.234", Rules::VALUE).unwrap();
        assert_eq!((a.read, a.other), (d("1234"), d("1.234")));
        assert_eq!(
            a.to_string(),
            "\"1.234\" dibaca sebagai bilangan bulat 1234; bila maksudnya pecahan 1,234, tulis 1,234."
        );
        // In a range, the ambiguous bound is named; English rules read it the other way.
        let r = Value::ambiguity("1,500–4,25", Rules::VALUE).unwrap();
        assert_eq!(
            (r.text.as_str(), r.read, r.other),
            ("1,500", d("1.5"), d("1500"))
        );
        assert_eq!(
            r.to_string(),
            "\"1,500\" dibaca sebagai pecahan 1,5; bila maksudnya bilangan bulat 1500, tulis 1500."
        );
        let english = Rules::VALUE.with_convention(num::Convention::English);
        let e = Value::ambiguity("1,234", english).unwrap();
        assert_eq!(
            e.to_string(),
            "\"1,234\" dibaca sebagai bilangan bulat 1234; bila maksudnya pecahan 1.234, tulis 1.234."
        );
        // The suggested text reads back, under the same rules, as what was meant.
        for (typed, rules) in [
            ("1.234", Rules::VALUE),
            ("1,500", Rules::VALUE),
            ("1,234", english),
        ] {
            let a = Value::ambiguity(typed, rules).unwrap();
            assert_eq!(
                num::parse_value(&a.written(a.other), rules),
                Ok(a.other),
                "{typed}"
            );
        }
        // Nothing to say: clear numbers, money (two decimals settle it), strict rules.
        for clear in ["1.234.567", "1.234,5", "12,34", "0,123", "n/a", ""] {
            assert_eq!(Value::ambiguity(clear, Rules::VALUE), None, "{clear}");
        }
        assert_eq!(Value::ambiguity("1.234", Rules::MONEY), None);
        assert_eq!(
            Value::ambiguity(
                "1.234",
                Rules::VALUE.with_convention(num::Convention::Strict)
            ),
            None
        );
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }
    fn p(s: &str) -> Option<Value> {
        Value::parse(s, Rules::VALUE).unwrap()
    }

    #[test]
    fn reads_every_kind() {
        assert_eq!(p(""), None);
        assert_eq!(p("  "), None);
        assert_eq!(p("0"), Some(Value::Number(d("0"))));
        assert_eq!(p("100%"), Some(Value::Number(d("100"))));
        assert_eq!(p("4,25"), Some(Value::Number(d("4.25"))));
        assert_eq!(p("-3"), Some(Value::Number(d("-3"))));
        assert_eq!(
            p("4,25-4,30"),
            Some(Value::Range {
                low: d("4.25"),
                high: d("4.30")
            })
        );
        assert_eq!(
            p("4,25 – 4,30"),
            Some(Value::Range {
                low: d("4.25"),
                high: d("4.30")
            })
        );
        assert_eq!(
            p("80 s.d. 90"),
            Some(Value::Range {
                low: d("80"),
                high: d("90")
            })
        );
        assert_eq!(
            p("80%-90%"),
            Some(Value::Range {
                low: d("80"),
                high: d("90")
            })
        );
        assert_eq!(
            p("1:32"),
            Some(Value::Ratio {
                left: d("1"),
                right: d("32")
            })
        );
        for na in ["-", "n/a", "N/A", "tidak ada", "—"] {
            assert_eq!(p(na), Some(Value::NotAvailable), "{na}");
        }
        assert_eq!(
            Value::parse("90-80", Rules::VALUE),
            Err(ValueError::RangeReversed)
        );
        assert_eq!(
            Value::parse("0:5", Rules::VALUE),
            Err(ValueError::RatioZero)
        );
        assert!(Value::parse("satu", Rules::VALUE).is_err());
    }

    #[test]
    fn a_ratio_is_not_a_time_and_prints_back() {
        let v = p("1:32").unwrap();
        assert_eq!(v.scalar(), Some(d("32")));
        assert_eq!(v.to_string(), "1:32");
        for text in ["4,25–4,3", "0,322", "1:32", "n/a", "1.234.567,5"] {
            let v = p(text).unwrap();
            assert_eq!(p(&v.to_string()), Some(v), "{text}");
        }
    }
}
