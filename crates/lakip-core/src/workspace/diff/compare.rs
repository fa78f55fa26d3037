//! Phase two of a diff: the fields of two matched items compared by their table
//! ([`crate::model::fields`]), each shown as the preview shows it ("Rp 12.588.240").

use crate::model::fields::{Fields, LinkTo, Persen, Rupiah, Slot};
use crate::model::value::Value;
use crate::model::*;
use crate::num::format_plain;

pub(super) const EMPTY: &str = "(kosong)";

pub(super) fn money(m: Option<Money>) -> String {
    m.map(|m| Rupiah(m).to_string())
        .unwrap_or_else(|| EMPTY.into())
}

fn value(v: Option<&Value>) -> String {
    v.map(Value::to_string).unwrap_or_else(|| EMPTY.into())
}

fn number(d: Option<rust_decimal::Decimal>) -> String {
    d.map(format_plain).unwrap_or_else(|| EMPTY.into())
}

pub(super) fn text(s: &str) -> String {
    if s.is_empty() {
        return EMPTY.into();
    }
    let short: String = s.chars().take(80).collect();
    if short.len() < s.len() {
        format!("\u{201c}{short}…\u{201d}")
    } else {
        format!("\u{201c}{short}\u{201d}")
    }
}

pub(super) fn display_name(name: &str, code: &str) -> String {
    match (name.trim().is_empty(), code.trim().is_empty()) {
        (false, _) => name.trim().to_string(),
        (true, false) => code.trim().to_string(),
        (true, true) => "(tanpa nama)".into(),
    }
}

/// The name of the item a link points at, in the report the link is in.
fn linked(r: &Report, to: LinkTo, id: &Option<Id>) -> String {
    let Some(id) = id else {
        return "(tidak ada)".into();
    };
    let name = match to {
        LinkTo::Tujuan => r.tujuan.iter().find(|t| &t.id == id).map(|t| &t.name),
        LinkTo::Sasaran => r.sasaran.iter().find(|s| &s.id == id).map(|s| &s.name),
    };
    name.map(|n| display_name(n, ""))
        .unwrap_or_else(|| id.0.clone())
}

fn accumulation(a: Accumulation) -> String {
    match a {
        Accumulation::LastValue => "nilai akhir".into(),
        Accumulation::Cumulative => "kumulatif".into(),
    }
}

fn standard(s: &Option<Standard>) -> String {
    match s {
        None => EMPTY.to_string(),
        Some(s) => format!(
            "{} ({}; {})",
            s.value,
            display_name(&s.indicator, ""),
            display_name(&s.source, "")
        ),
    }
}

/// One field that differs: its label ("target 2025"), the old and the new value as shown.
pub(super) struct Differs {
    pub field: String,
    pub old: String,
    pub new: String,
}

/// Every data field of `a` (in report `ra`) and `b` (in `rb`) that differs, in table
/// order; yearly fields year by year.
pub(super) fn fields<T: Fields>(a: &T, b: &T, ra: &Report, rb: &Report) -> Vec<Differs> {
    let mut out = Vec::new();
    // `differ`: whether the values differ, which their shown forms may hide (a text
    // changed past its 80th character): then they are told apart as old and new.
    let mut push = |field: String, old: String, new: String, differ: bool| {
        if old != new {
            out.push(Differs { field, old, new });
        } else if differ {
            out.push(Differs {
                field,
                old: format!("{old}, lama"),
                new: format!("{new}, baru"),
            });
        }
    };
    for d in T::fields() {
        let label = d.label.to_string();
        // Links are compared by what they point at (ids may differ between copies);
        // everything else by value.
        let differ = !matches!(d.slot, Slot::Link { .. }) && !d.same(a, b);
        let mut push = |field: String, old: String, new: String| push(field, old, new, differ);
        match &d.slot {
            Slot::Id(_) | Slot::Children { .. } => {}
            Slot::Text { lens, .. } | Slot::Code { lens, .. } => {
                push(label, text((lens.get)(a)), text((lens.get)(b)))
            }
            Slot::OptText { lens, .. } => {
                let show = |x: &T| {
                    (lens.get)(x)
                        .as_deref()
                        .map(text)
                        .unwrap_or_else(|| EMPTY.into())
                };
                push(label, show(a), show(b))
            }
            Slot::Money(l) => push(label, money(*(l.get)(a)), money(*(l.get)(b))),
            Slot::Number(l) => push(label, number(*(l.get)(a)), number(*(l.get)(b))),
            Slot::Percent(l) => {
                let show = |x: Option<rust_decimal::Decimal>| {
                    x.map(|p| Persen(p).to_string())
                        .unwrap_or_else(|| "tanpa batas".into())
                };
                push(label, show(*(l.get)(a)), show(*(l.get)(b)))
            }
            Slot::Value(l) => push(
                label,
                value((l.get)(a).as_ref()),
                value((l.get)(b).as_ref()),
            ),
            Slot::Years(l) => {
                let (ma, mb) = ((l.get)(a), (l.get)(b));
                let years: std::collections::BTreeSet<i32> =
                    ma.keys().chain(mb.keys()).copied().collect();
                for y in years {
                    let (x, z) = (ma.get(&y), mb.get(&y));
                    if x != z {
                        push(format!("{label} {y}"), value(x), value(z));
                    }
                }
            }
            Slot::Direction(l) => push(label, (l.get)(a).label().into(), (l.get)(b).label().into()),
            Slot::Accumulation(l) => {
                push(label, accumulation(*(l.get)(a)), accumulation(*(l.get)(b)))
            }
            Slot::Flag(l) => {
                let yn = |x: bool| if x { "ya" } else { "tidak" }.to_string();
                push(label, yn(*(l.get)(a)), yn(*(l.get)(b)))
            }
            Slot::Link { lens, to, .. } => push(
                label,
                linked(ra, *to, (lens.get)(a)),
                linked(rb, *to, (lens.get)(b)),
            ),
            Slot::Standard(l) => push(label, standard((l.get)(a)), standard((l.get)(b))),
            Slot::Year(l) => push(label, (l.get)(a).to_string(), (l.get)(b).to_string()),
            Slot::Period(l) => {
                let show = |p: &Period| format!("{}\u{2013}{}", p.first, p.last);
                push(label, show((l.get)(a)), show((l.get)(b)))
            }
            Slot::Scale(l) => {
                let name = |s: &crate::model::scale::Scale| {
                    format!("{} ({} kategori)", display_name(&s.name, ""), s.bands.len())
                };
                push(label, name((l.get)(a)), name((l.get)(b)));
            }
            Slot::Decimals(l) => push(label, (l.get)(a).to_string(), (l.get)(b).to_string()),
        }
    }
    out
}
