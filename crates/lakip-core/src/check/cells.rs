//! Reading the figures in cells with [`crate::num`], under the document's convention.
//!
//! A document may mix `1.234.567` and `1,234,567` even within one row; each cell that
//! shows its convention (two groups, or decimals that are not three digits) is read as it
//! is. Only a lone separator followed by three digits (`1.234`) needs the document's
//! convention, which is inferred from the cells that are unambiguous. Money never has
//! three decimals, so `200,000` in a rupiah column is always two hundred thousand.

use super::grid::{Cell, Grid};
use crate::model::value::Value;
use crate::num::{self, Convention, Rules};
use rust_decimal::Decimal;

/// A figure cell as read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Num {
    Empty,
    /// `-`, `n/a`: deliberately no figure (never 0).
    Dash,
    /// The value; its scale is the number of decimals printed.
    Value(Decimal),
    /// Not a number: the message says why, in Indonesian.
    Bad(String),
}

impl Num {
    pub(crate) fn value(&self) -> Option<Decimal> {
        match self {
            Num::Value(v) => Some(*v),
            _ => None,
        }
    }
    pub(crate) fn is_bad(&self) -> bool {
        matches!(self, Num::Bad(_))
    }
}

/// Votes of the unambiguous numbers in a grid.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Votes {
    pub indonesian: usize,
    pub english: usize,
}

impl Votes {
    pub(crate) fn convention(self) -> Convention {
        if self.english > self.indonesian {
            Convention::English
        } else {
            Convention::Indonesian
        }
    }
}

/// Count, over every number written in the grid, which convention it shows.
pub(crate) fn votes(grid: &Grid) -> Votes {
    let mut v = Votes::default();
    for row in &grid.rows {
        for cell in &row.cells {
            if cell.number.is_some() {
                continue;
            }
            for token in cell.text.split_whitespace() {
                match vote(token) {
                    Some(Convention::Indonesian) => v.indonesian += 1,
                    Some(Convention::English) => v.english += 1,
                    _ => {}
                }
            }
        }
    }
    v
}

/// The convention one token shows, if it shows one.
fn vote(token: &str) -> Option<Convention> {
    let t = token.trim_start_matches(['(', ':']);
    let t = t
        .strip_prefix("Rp.")
        .or_else(|| t.strip_prefix("Rp"))
        .unwrap_or(t);
    let t = t.trim_end_matches(['.', ',', ';', ':', ')', '%', '-']);
    if t.len() < 3 || !t.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    if !t
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    let dots = t.matches('.').count();
    let commas = t.matches(',').count();
    let groups_ok = |int: &str, sep: char| {
        let parts: Vec<&str> = int.split(sep).collect();
        !parts[0].is_empty() && parts[0].len() <= 3 && parts[1..].iter().all(|p| p.len() == 3)
    };
    match (dots, commas) {
        (0, 0) => None,
        (d, c) if d > 0 && c > 0 => {
            let last_dot = t.rfind('.')?;
            let last_comma = t.rfind(',')?;
            if last_comma > last_dot {
                groups_ok(&t[..last_comma], '.').then_some(Convention::Indonesian)
            } else {
                groups_ok(&t[..last_dot], ',').then_some(Convention::English)
            }
        }
        (d, 0) if d > 1 => groups_ok(t, '.').then_some(Convention::Indonesian),
        (0, c) if c > 1 => groups_ok(t, ',').then_some(Convention::English),
        _ => {
            let sep = if dots == 1 { '.' } else { ',' };
            let (_, frac) = t.split_once(sep)?;
            if frac.len() == 3 {
                None
            } else if sep == ',' {
                Some(Convention::Indonesian)
            } else {
                Some(Convention::English)
            }
        }
    }
}

fn is_dash(text: &str) -> bool {
    matches!(
        Value::parse(text, Rules::VALUE),
        Ok(Some(Value::NotAvailable))
    )
}

fn bad(text: &str, err: impl std::fmt::Display) -> Num {
    Num::Bad(format!(
        "'{}' tidak terbaca sebagai angka: {err}",
        super::text::short(text, 40)
    ))
}

/// A rupiah cell.
pub(crate) fn money(cell: &Cell, conv: Convention) -> Num {
    if let Some(n) = cell.number {
        return Num::Value(n);
    }
    let text = cell.text.trim();
    if text.is_empty() {
        return Num::Empty;
    }
    if is_dash(text) {
        return Num::Dash;
    }
    match num::parse(text, Rules::MONEY.with_convention(conv)) {
        Ok(p) if p.percent => {
            Num::Bad(format!("'{text}' berisi tanda %, padahal kolom ini rupiah"))
        }
        Ok(p) => Num::Value(p.value),
        Err(e) => bad(text, e),
    }
}

/// A percentage cell (`93,12`, `95.65%`, `100`).
pub(crate) fn percent(cell: &Cell, conv: Convention) -> Num {
    if let Some(n) = cell.number {
        return Num::Value(n);
    }
    let text = cell.text.trim();
    if text.is_empty() {
        return Num::Empty;
    }
    if is_dash(text) {
        return Num::Dash;
    }
    match num::parse(text, Rules::VALUE.with_convention(conv)) {
        Ok(p) => Num::Value(p.value),
        Err(e) => bad(text, e),
    }
}

/// A count with an optional unit (`28 Orang`, `: 54 Orang`, `7`): the number and the unit.
pub(crate) fn count(cell: &Cell, conv: Convention) -> (Num, String) {
    if let Some(n) = cell.number {
        return (Num::Value(n), String::new());
    }
    let text = cell.text.trim().trim_start_matches(':').trim();
    if text.is_empty() {
        return (Num::Empty, String::new());
    }
    if is_dash(text) {
        return (Num::Dash, String::new());
    }
    let (first, unit) = match text.find(char::is_whitespace) {
        Some(p) => (&text[..p], text[p..].trim()),
        None => (text, ""),
    };
    let unit_ok = unit
        .chars()
        .all(|c| c.is_alphabetic() || c == ' ' || c == '/' || c == '.');
    match num::parse(first, Rules::VALUE.with_convention(conv)) {
        Ok(p) if unit_ok && !p.percent => (Num::Value(p.value), unit.to_string()),
        Ok(_) => (bad(text, "bukan jumlah"), String::new()),
        Err(e) => (bad(text, e), String::new()),
    }
}

/// A target or realisation of an indicator: a number, a range or a ratio.
pub(crate) fn value(cell: &Cell, conv: Convention) -> Result<Option<Value>, String> {
    if let Some(n) = cell.number {
        return Ok(Some(Value::Number(n)));
    }
    let text = cell.text.trim();
    Value::parse(text, Rules::VALUE.with_convention(conv)).map_err(|e| {
        format!(
            "'{}' tidak terbaca sebagai angka: {e}",
            super::text::short(text, 40)
        )
    })
}

/// A number inside a sentence (`47.322`, `97,6%`, `Rp.48.359.300`), trailing punctuation
/// removed. Returns the value and whether it carried `%`.
pub(crate) fn token_number(token: &str, conv: Convention, money: bool) -> Option<(Decimal, bool)> {
    let t = token
        .trim_start_matches(['(', '"'])
        .trim_end_matches([',', ';', ':', ')', '"']);
    let t = t.strip_suffix('.').unwrap_or(t);
    if !t.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let rules = if money { Rules::MONEY } else { Rules::VALUE };
    num::parse(t, rules.with_convention(conv))
        .ok()
        .map(|p| (p.value, p.percent))
}

/// Whether a text looks like a figure of some kind (for recognising data rows).
pub(crate) fn looks_numeric(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && t.chars().any(|c| c.is_ascii_digit()) && num::parse(t, Rules::VALUE).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn tokens_vote_for_their_convention() {
        assert_eq!(vote("1.234.567"), Some(Convention::Indonesian));
        assert_eq!(vote("1,234,567"), Some(Convention::English));
        assert_eq!(vote("97,6%"), Some(Convention::Indonesian));
        assert_eq!(vote("93.12"), Some(Convention::English));
        assert_eq!(vote("Rp.14.576.047.081,00"), Some(Convention::Indonesian));
        assert_eq!(vote("252,398,711.02"), Some(Convention::English));
        assert_eq!(vote("1.234"), None);
        assert_eq!(vote("1.06.02.2.01"), None);
        assert_eq!(vote("13."), None);
    }

    #[test]
    fn cells_read_and_fail_loudly() {
        let c = |t: &str| Cell::new(t);
        assert_eq!(
            money(&c("95,370,000"), Convention::Indonesian),
            Num::Value(d("95370000"))
        );
        assert_eq!(
            money(&c("200,000"), Convention::Indonesian),
            Num::Value(d("200000"))
        );
        assert_eq!(money(&c("-"), Convention::Indonesian), Num::Dash);
        assert!(money(&c("12,34,567"), Convention::Indonesian).is_bad());
        assert!(money(&c("95%"), Convention::Indonesian).is_bad());
        assert_eq!(
            percent(&c("90,18%"), Convention::English),
            Num::Value(d("90.18"))
        );
        assert_eq!(
            percent(&c("1.160"), Convention::Indonesian),
            Num::Value(d("1160"))
        );
        assert_eq!(
            percent(&c("1.160"), Convention::English),
            Num::Value(d("1.160"))
        );
        assert_eq!(
            count(&c(": 54 Orang"), Convention::Indonesian),
            (Num::Value(d("54")), "Orang".into())
        );
        assert!(count(&c("enam"), Convention::Indonesian).0.is_bad());
        assert_eq!(
            token_number("95%.", Convention::Indonesian, false),
            Some((d("95"), true))
        );
        assert_eq!(
            token_number("47.322", Convention::Indonesian, false),
            Some((d("47322"), false))
        );
    }
}
