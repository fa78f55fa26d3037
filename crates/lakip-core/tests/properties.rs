//! Properties of the domain that must hold for every input, not just the seed's:
//!
//! 1. every budget roll-up is the sum of its leaves (sub kegiatan → kegiatan → program →
//!    total, and per sasaran);
//! 2. capaian moves with the realisation in the indicator's direction (numbers, ranges,
//!    ratios, with or without a cap);
//! 3. every value 0–200 falls in exactly one band of each preset scale;
//! 4. Indonesian number text round-trips;
//! 5. export → import gives back the identical report;
//! 6. the number parser and the snapshot reader never panic.
//!
//! Expected figures are computed here by plain iteration, never copied from the code under
//! test.

use lakip_core::calc::capaian::capaian;
use lakip_core::calc::compute::compute;
use lakip_core::exchange::snapshot::{self, Meta};
use lakip_core::generate;
use lakip_core::model::scale::{Band, Bound, Scale};
use lakip_core::model::value::Value;
use lakip_core::model::*;
use lakip_core::num::{self, Convention, Rules};
use proptest::prelude::*;
use proptest::string::string_regex;
use rust_decimal::Decimal;
use serde_json::Value as J;
use std::collections::BTreeMap;

// =======================================================================================
// Strategies
// =======================================================================================

/// A decimal with `0..=max_places` decimals and an integer part of at most `max_int`.
fn decimal(max_int: i64, max_places: u32, negative: bool) -> BoxedStrategy<Decimal> {
    (0..=max_places)
        .prop_flat_map(move |s| {
            let lim = (max_int as i128 + 1) * 10i128.pow(s) - 1;
            let lo = if negative { -lim } else { 0 };
            (lo..=lim).prop_map(move |m| Decimal::from_i128_with_scale(m, s))
        })
        .boxed()
}

/// Rupiah: never negative, 0–2 decimals, small and (per row) very large amounts.
fn money() -> BoxedStrategy<Money> {
    prop_oneof![
        decimal(1_000, 2, false),
        decimal(5_000_000_000, 2, false),
        decimal(999_999_999_999_999, 2, false),
    ]
    .boxed()
}

/// Any number a person could type in a target or realisation cell: up to 12 decimals
/// (what `num::parse` and the snapshot accept), magnitude up to the app's limit of 10^15.
fn number() -> BoxedStrategy<Decimal> {
    prop_oneof![
        4 => decimal(1_000, 4, true),
        2 => decimal(999_999_999_999_999, 2, true),
        1 => decimal(1, 12, true),
        1 => decimal(999_999_999_999_999, 12, true),
    ]
    .boxed()
}

fn value() -> BoxedStrategy<Value> {
    prop_oneof![
        3 => number().prop_map(Value::Number),
        1 => (number(), number()).prop_map(|(a, b)| Value::Range { low: a.min(b), high: a.max(b) }),
        1 => (number().prop_filter("left of a ratio is never 0", |x| !x.is_zero()), number())
            .prop_map(|(left, right)| Value::Ratio { left, right }),
        1 => Just(Value::NotAvailable),
    ]
    .boxed()
}

/// Names and free texts: empty, markup, quotes, any unicode (control characters too).
fn text() -> BoxedStrategy<String> {
    prop_oneof![
        Just(String::new()),
        Just("<script>alert('x')</script>".to_string()),
        Just("\"kutip\" & 'apostrof' \\ garis miring </td>\u{0}".to_string()),
        Just("Dinas Sosial — Kota Pontianak 🇮🇩 é ß 漢字 \u{200b}\u{feff}\u{2028}".to_string()),
        Just("   ".to_string()),
        string_regex("[A-Za-z0-9 ,.()/-]{0,30}").unwrap(),
        string_regex("(?s).{0,24}").unwrap(),
    ]
    .boxed()
}

fn direction() -> BoxedStrategy<Direction> {
    prop_oneof![
        Just(Direction::HigherIsBetter),
        Just(Direction::LowerIsBetter),
        Just(Direction::LowerIsBetterInverse),
    ]
    .boxed()
}

fn years() -> BoxedStrategy<BTreeMap<i32, Value>> {
    proptest::collection::btree_map(1900i32..=2200, value(), 0..4).boxed()
}

fn indicator() -> BoxedStrategy<Indicator> {
    (
        (text(), text(), direction(), any::<bool>()),
        (
            text(),
            text(),
            proptest::option::of(number()),
            proptest::option::of(number()),
        ),
        (years(), proptest::option::of(value()), years()),
        proptest::option::of((text(), value(), text())),
        (text(), text()),
    )
        .prop_map(|(head, formula, targets, standard, why)| {
            let (name, unit, direction, cumulative) = head;
            let (numerator, denominator, numerator_value, denominator_value) = formula;
            let (targets, target_pk, realisations) = targets;
            Indicator {
                id: Id::default(),
                name,
                unit,
                direction,
                formula: Formula {
                    numerator,
                    denominator,
                    numerator_value,
                    denominator_value,
                },
                targets,
                target_pk,
                realisations,
                standard: standard.map(|(indicator, value, source)| Standard {
                    indicator,
                    value,
                    source,
                }),
                accumulation: if cumulative {
                    Accumulation::Cumulative
                } else {
                    Accumulation::LastValue
                },
                cause: why.0,
                solution: why.1,
            }
        })
        .boxed()
}

fn output() -> BoxedStrategy<Output> {
    (
        (text(), text(), proptest::option::of(text()), direction()),
        (proptest::option::of(value()), proptest::option::of(value())),
        (text(), text()),
    )
        .prop_map(
            |((name, unit, unit_realisasi, direction), (target, realisasi), (cause, solution))| {
                Output {
                    id: Id::default(),
                    name,
                    unit,
                    unit_realisasi,
                    direction,
                    target,
                    realisasi,
                    cause,
                    solution,
                }
            },
        )
        .boxed()
}

fn sub_kegiatan() -> BoxedStrategy<SubKegiatan> {
    (
        text(),
        proptest::option::of(money()),
        proptest::option::of(money()),
        proptest::option::of(money()),
        proptest::collection::vec(output(), 0..3),
    )
        .prop_map(|(name, pagu, pagu_murni, realisasi, outputs)| SubKegiatan {
            name,
            pagu,
            pagu_murni,
            realisasi,
            outputs,
            ..Default::default()
        })
        .boxed()
}

fn kegiatan() -> BoxedStrategy<Kegiatan> {
    (
        text(),
        any::<bool>(),
        proptest::collection::vec(sub_kegiatan(), 0..4),
        proptest::option::of(money()),
        proptest::option::of(money()),
    )
        .prop_map(|(name, spm, sub_kegiatan, pagu, realisasi)| Kegiatan {
            name,
            spm,
            sub_kegiatan,
            pagu,
            realisasi,
            ..Default::default()
        })
        .boxed()
}

/// A program; `link` is resolved against the sasaran list later.
fn program() -> BoxedStrategy<(Program, Option<u8>)> {
    (
        text(),
        proptest::option::of(money()),
        proptest::collection::vec(kegiatan(), 0..4),
        proptest::option::of(money()),
        proptest::option::of(money()),
        proptest::option::of(any::<u8>()),
    )
        .prop_map(|(name, pagu_pk, kegiatan, pagu, realisasi, link)| {
            (
                Program {
                    name,
                    pagu_pk,
                    kegiatan,
                    pagu,
                    realisasi,
                    ..Default::default()
                },
                link,
            )
        })
        .boxed()
}

/// Any valid scale: a preset, or 1–5 bands over ascending boundaries, each boundary held by
/// exactly one of its two bands.
fn scale() -> BoxedStrategy<Scale> {
    let custom = (
        text(),
        proptest::collection::btree_set(decimal(300, 2, true), 0..5),
        proptest::collection::vec((text(), any::<bool>()), 5),
    )
        .prop_map(|(name, cuts, labels)| {
            let cuts: Vec<Decimal> = cuts.into_iter().collect();
            let n = cuts.len() + 1;
            let bands = (0..n)
                .map(|i| {
                    let lower = (i > 0).then(|| Bound {
                        value: cuts[i - 1],
                        inclusive: !labels[i - 1].1,
                    });
                    let upper = (i + 1 < n).then(|| Bound {
                        value: cuts[i],
                        inclusive: labels[i].1,
                    });
                    Band {
                        label: format!("{}·{i}", labels[i].0),
                        lower,
                        upper,
                    }
                })
                .collect();
            Scale { name, bands }
        });
    prop_oneof![
        Just(Scale::seed_default()),
        Just(Scale::permendagri_86()),
        custom
    ]
    .boxed()
}

/// `name#path`: unicode and odd characters from the name, made unique by the path (which
/// never holds `#`), at most 64 characters.
fn make_id(name: &str, path: &str) -> Id {
    let head: String = name.chars().filter(|c| *c != '#').take(12).collect();
    Id(format!("{head}#{path}"))
}

/// Give every item a unique id, every coded item a unique code (or none), and resolve the
/// links to tujuan and sasaran.
#[allow(clippy::type_complexity)]
fn assemble(
    head: (String, i32, i32, Settings, String),
    tujuan: Vec<(String, Vec<Indicator>)>,
    sasaran: Vec<(String, Option<u8>, Vec<Indicator>)>,
    programs: Vec<(Program, Option<u8>)>,
    codes: bool,
) -> Report {
    let (instansi, tahun, span, settings, signed) = head;
    let first = (tahun - span).max(1900);
    let mut r = Report::new(
        instansi,
        tahun,
        Period {
            first,
            last: first + span,
        },
    );
    r.settings = settings;
    r.pk.signed = signed;
    r.tujuan = tujuan
        .into_iter()
        .enumerate()
        .map(|(ti, (name, mut indicators))| {
            for (j, ind) in indicators.iter_mut().enumerate() {
                ind.id = make_id(&ind.name, &format!("t{ti}.i{j}"));
            }
            Tujuan {
                id: make_id(&name, &format!("t{ti}")),
                name,
                indicators,
            }
        })
        .collect();
    let tujuan_ids: Vec<Id> = r.tujuan.iter().map(|t| t.id.clone()).collect();
    r.sasaran = sasaran
        .into_iter()
        .enumerate()
        .map(|(si, (name, link, mut iku))| {
            for (j, ind) in iku.iter_mut().enumerate() {
                ind.id = make_id(&ind.name, &format!("s{si}.i{j}"));
            }
            let tujuan_id = match link {
                Some(x) if !tujuan_ids.is_empty() => {
                    Some(tujuan_ids[x as usize % tujuan_ids.len()].clone())
                }
                _ => None,
            };
            Sasaran {
                id: make_id(&name, &format!("s{si}")),
                name,
                tujuan_id,
                iku,
            }
        })
        .collect();
    let sasaran_ids: Vec<Id> = r.sasaran.iter().map(|s| s.id.clone()).collect();
    r.programs = programs
        .into_iter()
        .enumerate()
        .map(|(pi, (mut p, link))| {
            p.id = make_id(&p.name, &format!("p{pi}"));
            p.sasaran_id = match link {
                Some(x) if !sasaran_ids.is_empty() => {
                    Some(sasaran_ids[x as usize % sasaran_ids.len()].clone())
                }
                _ => None,
            };
            let pcode = format!("{}.{:02}.{:02}", pi % 3 + 1, pi + 1, pi % 7 + 1);
            if codes && pi % 2 == 0 {
                p.code = pcode.clone();
            }
            for (ki, k) in p.kegiatan.iter_mut().enumerate() {
                k.id = make_id(&k.name, &format!("p{pi}.k{ki}"));
                // Both the `2` and the `02` form of the fourth segment.
                let kcode = format!(
                    "{pcode}.{}.{:02}",
                    if ki % 2 == 0 { "2" } else { "02" },
                    ki + 1
                );
                if codes && ki != 1 {
                    k.code = kcode.clone();
                }
                for (si, s) in k.sub_kegiatan.iter_mut().enumerate() {
                    s.id = make_id(&s.name, &format!("p{pi}.k{ki}.s{si}"));
                    if codes {
                        s.code = format!("{kcode}.{:04}", si + 1);
                    }
                    for (oi, o) in s.outputs.iter_mut().enumerate() {
                        o.id = make_id(&o.name, &format!("p{pi}.k{ki}.s{si}.o{oi}"));
                    }
                }
            }
            p
        })
        .collect();
    r
}

/// Any valid report, small enough for many cases.
fn report() -> BoxedStrategy<Report> {
    let head = (
        text(),
        1900i32..=2200,
        0i32..=10,
        (
            scale(),
            proptest::option::of(decimal(1_000, 4, false).prop_filter("cap > 0", |c| !c.is_zero())),
            0u32..=6,
        ),
        text(),
    )
        .prop_map(|(instansi, tahun, span, (scale, cap, decimals), signed)| {
            (
                instansi,
                tahun,
                span,
                Settings {
                    scale,
                    cap,
                    decimals,
                },
                signed,
            )
        });
    (
        head,
        proptest::collection::vec((text(), proptest::collection::vec(indicator(), 0..3)), 0..3),
        proptest::collection::vec(
            (
                text(),
                proptest::option::of(any::<u8>()),
                proptest::collection::vec(indicator(), 0..3),
            ),
            0..4,
        ),
        proptest::collection::vec(program(), 0..4),
        any::<bool>(),
    )
        .prop_map(|(head, tujuan, sasaran, programs, codes)| {
            assemble(head, tujuan, sasaran, programs, codes)
        })
        .boxed()
}

// =======================================================================================
// 1. Budget roll-ups are sums of their leaves
// =======================================================================================

/// Pagu, realisasi and "some pagu given", summed by plain iteration.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Sum {
    pagu: Decimal,
    realisasi: Decimal,
    has_pagu: bool,
}

impl Sum {
    fn of(pagu: Option<Money>, realisasi: Option<Money>) -> Sum {
        Sum {
            pagu: pagu.unwrap_or(Decimal::ZERO),
            realisasi: realisasi.unwrap_or(Decimal::ZERO),
            has_pagu: pagu.is_some(),
        }
    }
    fn total<'a>(items: impl IntoIterator<Item = &'a Sum>) -> Sum {
        let mut t = Sum::default();
        for s in items {
            t.pagu += s.pagu;
            t.realisasi += s.realisasi;
            t.has_pagu = t.has_pagu || s.has_pagu;
        }
        t
    }
}

/// The leaves under a kegiatan: its sub kegiatan, or itself while it has none.
fn kegiatan_leaves(k: &Kegiatan) -> Vec<Sum> {
    if k.sub_kegiatan.is_empty() {
        vec![Sum::of(k.pagu, k.realisasi)]
    } else {
        k.sub_kegiatan
            .iter()
            .map(|s| Sum::of(s.pagu, s.realisasi))
            .collect()
    }
}

/// The leaves under a program: those of its kegiatan, or itself while it has none.
fn program_leaves(p: &Program) -> Vec<Sum> {
    if p.kegiatan.is_empty() {
        vec![Sum::of(p.pagu, p.realisasi)]
    } else {
        p.kegiatan.iter().flat_map(kegiatan_leaves).collect()
    }
}

fn check_rollups(r: &Report) -> Result<(), TestCaseError> {
    let c = compute(r);
    let as_sum = |a: &lakip_core::calc::budget::Amounts| Sum {
        pagu: a.pagu,
        realisasi: a.realisasi,
        has_pagu: a.has_pagu,
    };
    prop_assert_eq!(c.budget.programs.len(), r.programs.len());
    for (pi, p) in r.programs.iter().enumerate() {
        let pt = &c.budget.programs[pi];
        prop_assert_eq!(
            as_sum(&pt.total),
            Sum::total(&program_leaves(p)),
            "program {}",
            pi
        );
        prop_assert_eq!(pt.kegiatan.len(), p.kegiatan.len());
        for (ki, k) in p.kegiatan.iter().enumerate() {
            let kt = &pt.kegiatan[ki];
            prop_assert_eq!(
                as_sum(&kt.total),
                Sum::total(&kegiatan_leaves(k)),
                "kegiatan {}.{}",
                pi,
                ki
            );
            prop_assert_eq!(kt.sub.len(), k.sub_kegiatan.len());
            for (si, s) in k.sub_kegiatan.iter().enumerate() {
                prop_assert_eq!(as_sum(&kt.sub[si]), Sum::of(s.pagu, s.realisasi));
            }
            // kegiatan = Σ sub, where it has sub kegiatan.
            if !k.sub_kegiatan.is_empty() {
                let subs: Vec<Sum> = kt.sub.iter().map(as_sum).collect();
                prop_assert_eq!(as_sum(&kt.total), Sum::total(&subs));
            }
        }
        // program = Σ kegiatan, where it has kegiatan.
        if !p.kegiatan.is_empty() {
            let ks: Vec<Sum> = pt.kegiatan.iter().map(|k| as_sum(&k.total)).collect();
            prop_assert_eq!(as_sum(&pt.total), Sum::total(&ks));
        }
        // Serapan exists exactly when some pagu was given and it is not 0, and is then the
        // realisation's share of it.
        match pt.total.serapan() {
            Ok(s) => {
                let pagu = pt.total.pagu;
                prop_assert!(pt.total.has_pagu && !pagu.is_zero());
                let back = s.checked_mul(pagu).map(|x| x / Decimal::ONE_HUNDRED);
                if let Some(back) = back {
                    let err = (back - pt.total.realisasi).abs();
                    prop_assert!(
                        err <= Decimal::new(1, 6),
                        "serapan {} × pagu {} ≠ realisasi",
                        s,
                        pagu
                    );
                }
            }
            Err(_) => prop_assert!(!pt.total.has_pagu || pt.total.pagu.is_zero()),
        }
    }
    // total = Σ program = Σ every leaf.
    let all_leaves: Vec<Sum> = r.programs.iter().flat_map(program_leaves).collect();
    prop_assert_eq!(as_sum(&c.budget.total), Sum::total(&all_leaves));
    let programs: Vec<Sum> = c.budget.programs.iter().map(|p| as_sum(&p.total)).collect();
    prop_assert_eq!(as_sum(&c.budget.total), Sum::total(&programs));
    // Per sasaran: Σ of the programs that name it; the rest is unlinked.
    let mut linked_somewhere = vec![false; r.programs.len()];
    for (si, s) in r.sasaran.iter().enumerate() {
        let mut idx = Vec::new();
        let mut leaves = Vec::new();
        for (pi, p) in r.programs.iter().enumerate() {
            if p.sasaran_id.as_ref() == Some(&s.id) {
                idx.push(pi);
                leaves.extend(program_leaves(p));
                linked_somewhere[pi] = true;
            }
        }
        prop_assert_eq!(&c.sasaran[si].programs, &idx, "sasaran {}", si);
        prop_assert_eq!(
            as_sum(&c.sasaran[si].budget),
            Sum::total(&leaves),
            "sasaran {}",
            si
        );
    }
    let unlinked: Vec<Sum> = r
        .programs
        .iter()
        .enumerate()
        .filter(|(pi, _)| !linked_somewhere[*pi])
        .flat_map(|(_, p)| program_leaves(p))
        .collect();
    prop_assert_eq!(as_sum(&c.unlinked_budget), Sum::total(&unlinked));
    Ok(())
}

/// A budget tree: programs with and without kegiatan, kegiatan with and without sub
/// kegiatan, rows without pagu, own figures on rows that have children (to be ignored),
/// links to sasaran that exist and to one that does not.
fn budget_report() -> BoxedStrategy<Report> {
    let sub = (proptest::option::of(money()), proptest::option::of(money())).prop_map(
        |(pagu, realisasi)| SubKegiatan {
            pagu,
            realisasi,
            ..Default::default()
        },
    );
    let keg = (
        proptest::collection::vec(sub, 0..6),
        proptest::option::of(money()),
        proptest::option::of(money()),
    )
        .prop_map(|(sub_kegiatan, pagu, realisasi)| Kegiatan {
            sub_kegiatan,
            pagu,
            realisasi,
            ..Default::default()
        });
    let prog = (
        proptest::collection::vec(keg, 0..5),
        proptest::option::of(money()),
        proptest::option::of(money()),
        0u8..6,
    )
        .prop_map(|(kegiatan, pagu, realisasi, link)| {
            let sasaran_id = match link {
                0 => None,
                4 => Some(Id::new("tidak-ada")),
                n => Some(Id(format!("s{}", n % 3))),
            };
            Program {
                kegiatan,
                pagu,
                realisasi,
                sasaran_id,
                ..Default::default()
            }
        });
    (proptest::collection::vec(prog, 0..8), 0usize..4)
        .prop_map(|(programs, n_sasaran)| {
            let mut r = Report::new(
                "x",
                2024,
                Period {
                    first: 2024,
                    last: 2026,
                },
            );
            r.sasaran = (0..n_sasaran)
                .map(|i| Sasaran {
                    id: Id(format!("s{i}")),
                    name: String::new(),
                    tujuan_id: None,
                    iku: Vec::new(),
                })
                .collect();
            r.programs = programs;
            r
        })
        .boxed()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn rollups_are_sums_of_leaves(r in budget_report()) {
        check_rollups(&r)?;
    }
}

#[test]
fn rollups_of_generated_reports_are_sums_of_leaves() {
    for (n, seed) in [(0, 1), (3, 2), (1_000, 3)] {
        check_rollups(&generate::report(n, seed)).unwrap();
    }
}

// =======================================================================================
// 2. Capaian is monotonic in the realisation
// =======================================================================================

/// A positive target (a target of 0 cannot be computed; negative targets are not the
/// domain's case).
fn positive() -> BoxedStrategy<Decimal> {
    decimal(1_000_000, 4, false)
        .prop_filter("target > 0", |x| !x.is_zero())
        .boxed()
}

fn cap() -> impl Strategy<Value = Option<Decimal>> {
    proptest::option::of(prop_oneof![
        Just(Decimal::from(100)),
        Just(Decimal::from(110)),
        Just(Decimal::from(120))
    ])
}

/// Two realisations, lower first.
fn ordered(non_negative: bool) -> impl Strategy<Value = (Decimal, Decimal)> {
    (
        decimal(2_000_000, 4, !non_negative),
        decimal(2_000_000, 4, !non_negative),
    )
        .prop_map(|(a, b)| (a.min(b), a.max(b)))
}

/// Capaian of `(lo, hi)` realisations against `target`: both must be computable, and
/// must not fall (higher is better) or rise (lower is better) from `lo` to `hi`.
fn check_monotonic(
    target: &Value,
    lo: &Value,
    hi: &Value,
    dir: Direction,
    cap: Option<Decimal>,
) -> Result<(), TestCaseError> {
    let a = capaian(Some(target), Some(lo), dir, cap);
    let b = capaian(Some(target), Some(hi), dir, cap);
    let (a, b) = match (a, b) {
        (Ok(a), Ok(b)) => (a, b),
        other => {
            return Err(TestCaseError::fail(format!(
                "not computable: {other:?} for {target:?} {lo:?} {hi:?} {dir:?}"
            )))
        }
    };
    if dir == Direction::HigherIsBetter {
        prop_assert!(
            a.value <= b.value,
            "{:?}: {:?} → {}, {:?} → {}",
            target,
            lo,
            a.value,
            hi,
            b.value
        );
        prop_assert!(a.raw <= b.raw);
    } else {
        prop_assert!(
            a.value >= b.value,
            "{:?} {:?}: {:?} → {}, {:?} → {}",
            dir,
            target,
            lo,
            a.value,
            hi,
            b.value
        );
        prop_assert!(a.raw >= b.raw);
    }
    if let Some(c) = cap {
        prop_assert!(a.value <= c && b.value <= c);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn capaian_follows_direction_for_numbers(t in positive(), (lo, hi) in ordered(false), cap in cap()) {
        let t = Value::Number(t);
        for dir in [Direction::HigherIsBetter, Direction::LowerIsBetter] {
            check_monotonic(&t, &Value::Number(lo), &Value::Number(hi), dir, cap)?;
        }
    }

    #[test]
    fn capaian_follows_direction_inverse_ratio(t in positive(), (lo, hi) in ordered(true), cap in cap()) {
        // `target / realisasi`: defined for realisations above 0.
        prop_assume!(!lo.is_zero());
        check_monotonic(&Value::Number(t), &Value::Number(lo), &Value::Number(hi), Direction::LowerIsBetterInverse, cap)?;
    }

    #[test]
    fn capaian_follows_direction_for_ranges(a in positive(), b in positive(), (lo, hi) in ordered(false), cap in cap()) {
        let range = Value::Range { low: a.min(b), high: a.max(b) };
        for dir in [Direction::HigherIsBetter, Direction::LowerIsBetter] {
            check_monotonic(&range, &Value::Number(lo), &Value::Number(hi), dir, cap)?;
        }
        if lo > Decimal::ZERO {
            check_monotonic(&range, &Value::Number(lo), &Value::Number(hi), Direction::LowerIsBetterInverse, cap)?;
        }
        // Inside the range is exactly 100, whatever the direction.
        let mid = (a + b) / Decimal::TWO;
        for dir in [Direction::HigherIsBetter, Direction::LowerIsBetter, Direction::LowerIsBetterInverse] {
            let got = capaian(Some(&range), Some(&Value::Number(mid)), dir, None).unwrap();
            prop_assert_eq!(got.value, Decimal::ONE_HUNDRED);
        }
    }

    #[test]
    fn capaian_follows_direction_for_ratios(left in positive(), t in positive(), (lo, hi) in ordered(true), cap in cap()) {
        // `1:32` against `1:40`: compared by their values right / left.
        let target = Value::Ratio { left, right: t };
        let lo = Value::Ratio { left: Decimal::ONE, right: lo };
        let hi = Value::Ratio { left: Decimal::ONE, right: hi };
        for dir in [Direction::HigherIsBetter, Direction::LowerIsBetter] {
            check_monotonic(&target, &lo, &hi, dir, cap)?;
        }
    }
}

// =======================================================================================
// 3. Every value in 0–200 has exactly one category on each preset scale
// =======================================================================================

/// 0–200 with 0–4 decimals, and the preset boundaries themselves with their neighbours.
fn score() -> BoxedStrategy<Decimal> {
    let boundaries: Vec<Decimal> = Scale::presets()
        .iter()
        .flat_map(|s| {
            s.bands
                .iter()
                .flat_map(|b| [b.lower, b.upper])
                .flatten()
                .map(|b| b.value)
        })
        .collect();
    prop_oneof![
        3 => decimal(200, 4, false).prop_filter("≤ 200", |x| *x <= Decimal::from(200)),
        1 => (proptest::sample::select(boundaries), -1i64..=1, 0u32..=4)
            .prop_map(|(b, step, places)| b + Decimal::new(step, places)),
    ]
    .boxed()
}

/// The seed scale exactly as domain.md writes it.
fn seed_label(x: Decimal) -> &'static str {
    let d = Decimal::from;
    if x > d(85) {
        "Sangat Berhasil"
    } else if x > d(70) {
        "Berhasil"
    } else if x > d(55) {
        "Cukup Berhasil"
    } else {
        "Tidak Berhasil"
    }
}

/// Permendagri 86/2017 as domain.md writes it (with "≤ 50" read as "< 51", no gap).
fn permendagri_label(x: Decimal) -> &'static str {
    let d = Decimal::from;
    if x >= d(91) {
        "Sangat Tinggi"
    } else if x >= d(76) {
        "Tinggi"
    } else if x >= d(66) {
        "Sedang"
    } else if x >= d(51) {
        "Rendah"
    } else {
        "Sangat Rendah"
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn exactly_one_category_per_value(x in score()) {
        for scale in Scale::presets() {
            let holding: Vec<usize> = scale.bands.iter().enumerate().filter(|(_, b)| b.contains(x)).map(|(i, _)| i).collect();
            prop_assert_eq!(holding.len(), 1, "{} in {}: {:?}", x, scale.name, holding);
            prop_assert_eq!(scale.classify(x), Some(holding[0]));
        }
        let (seed, permendagri) = (Scale::seed_default(), Scale::permendagri_86());
        prop_assert_eq!(seed.band_for(x).unwrap().label.as_str(), seed_label(x));
        prop_assert_eq!(permendagri.band_for(x).unwrap().label.as_str(), permendagri_label(x));
    }

    #[test]
    fn random_valid_scales_also_hold_every_value_once(s in scale(), x in decimal(400, 3, true)) {
        prop_assert_eq!(s.validate(), Ok(()));
        let n = s.bands.iter().filter(|b| b.contains(x)).count();
        prop_assert_eq!(n, 1);
        prop_assert!(s.classify(x).is_some());
    }
}

// =======================================================================================
// 4. Indonesian number text round-trips
// =======================================================================================

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn format_plain_parses_back(x in decimal(999_999_999_999_999, 6, true)) {
        let text = num::format_plain(x);
        let back = num::parse_value(&text, Rules::VALUE);
        prop_assert_eq!(back, Ok(x), "{} → {:?}", x, text);
    }

    #[test]
    fn format_plain_of_long_decimals_parses_back_rounded(x in decimal(1_000_000, 12, true)) {
        // Six decimals at most are shown, half-up.
        let text = num::format_plain(x);
        let back = num::parse_value(&text, Rules::VALUE).unwrap();
        prop_assert_eq!(back, x.round_dp_with_strategy(6, rust_decimal::RoundingStrategy::MidpointAwayFromZero));
    }

    #[test]
    fn format_fixed_two_places_parses_back_rounded(x in decimal(999_999_999_999, 8, true)) {
        let text = num::format_fixed(x, 2);
        let back = num::parse_value(&text, Rules::VALUE).unwrap();
        prop_assert_eq!(back, num::round(x, 2), "{} → {:?}", x, text);
        // And exactly two decimals, Indonesian separators only.
        let (_, frac) = text.rsplit_once(',').unwrap();
        prop_assert_eq!(frac.len(), 2);
        prop_assert!(text.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',' || c == '-'));
    }

    #[test]
    fn money_text_parses_back(m in money()) {
        let back = num::parse_value(&num::format_rupiah(m), Rules::MONEY).unwrap();
        prop_assert_eq!(back, m);
        prop_assert_eq!(num::parse_value(&num::format_amount(m), Rules::MONEY).unwrap(), m);
    }

    #[test]
    fn value_text_parses_back(v in value()) {
        // Display promises text that Value::parse reads back (numbers rounded to 6 places).
        let round6 = |d: Decimal| d.round_dp_with_strategy(6, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        let expect = match &v {
            Value::Number(n) => Value::Number(round6(*n)),
            Value::Range { low, high } => Value::Range { low: round6(*low), high: round6(*high) },
            Value::Ratio { left, right } => Value::Ratio { left: round6(*left), right: round6(*right) },
            Value::NotAvailable => Value::NotAvailable,
        };
        // A ratio whose left side rounds to 0 cannot be written back; leave it out.
        prop_assume!(!matches!(expect, Value::Ratio { left, .. } if left.is_zero()));
        let text = v.to_string();
        prop_assert_eq!(Value::parse(&text, Rules::VALUE), Ok(Some(expect)), "{:?} → {:?}", v, text);
    }
}

// =======================================================================================
// 5. Export → import gives back the identical report
// =======================================================================================

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn snapshot_roundtrip(r in report(), app in text(), when in text()) {
        let meta = Meta { app_version: app, exported_at: when, ..Default::default() };
        let json = snapshot::export(&r, &meta);
        let back = match snapshot::import_str(&json) {
            Ok(b) => b,
            Err(e) => return Err(TestCaseError::fail(format!("import refused its own export: {e}\n{json}"))),
        };
        prop_assert!(back.report == r, "report changed:\n{:#?}\n---\n{:#?}", r, back.report);
        prop_assert_eq!(back.meta, meta);
        prop_assert_eq!(back.migrated_from, None);
        // The pretty form and the byte form read the same.
        let pretty = snapshot::export_pretty(&r, &Meta::default());
        let again = snapshot::import(pretty.as_bytes()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(again.report == r);
    }
}

#[test]
fn generated_and_example_reports_roundtrip() {
    for r in [generate::report(300, 11), lakip_core::example::example()] {
        let back = snapshot::import_str(&snapshot::export(&r, &Meta::default())).unwrap();
        assert!(back.report == r);
    }
}

// =======================================================================================
// 6. Nothing panics on bad input
// =======================================================================================

fn rules() -> BoxedStrategy<Rules> {
    (
        prop_oneof![
            Just(Convention::Indonesian),
            Just(Convention::English),
            Just(Convention::Strict)
        ],
        proptest::option::of(0u32..=14),
        any::<bool>(),
    )
        .prop_map(|(convention, max_decimals, allow_negative)| Rules {
            convention,
            max_decimals,
            allow_negative,
        })
        .boxed()
}

/// Text that looks like numbers, and text that does not.
fn numberish() -> BoxedStrategy<String> {
    prop_oneof![
        string_regex("[-−0-9.,% Rrp\u{a0}]{0,40}").unwrap(),
        string_regex("(Rp\\.? ?)?-?[0-9]{0,20}([.,][0-9]{0,5}){0,6}(%|,-)?").unwrap(),
        any::<String>(),
        string_regex("(?s).{0,10}[:–-].{0,10}").unwrap(),
    ]
    .boxed()
}

/// Any JSON value, nested a little.
fn any_json() -> BoxedStrategy<J> {
    let leaf = prop_oneof![
        Just(J::Null),
        any::<bool>().prop_map(J::Bool),
        any::<i64>().prop_map(J::from),
        any::<u64>().prop_map(J::from),
        any::<f64>()
            .prop_filter("JSON has no NaN/∞", |f| f.is_finite())
            .prop_map(J::from),
        numberish().prop_map(J::String),
        Just(J::String("n/a".into())),
        Just(J::String("1e400".into())),
        Just(J::String("99999999999999999999".into())),
        Just(J::String("-0.0000000000001".into())),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(J::Array),
            proptest::collection::vec(
                (
                    prop_oneof![
                        Just("rentang".to_string()),
                        Just("rasio".to_string()),
                        Just("id".to_string()),
                        Just("nilai".to_string()),
                        Just("inklusif".to_string()),
                        Just("kategori".to_string()),
                        "[a-z_]{1,8}"
                    ],
                    inner
                ),
                0..4
            )
            .prop_map(|kv| J::Object(kv.into_iter().collect())),
        ]
    })
    .boxed()
}

/// Replace the `k`-th node (pre-order, modulo the node count) of `j` by `with`.
fn replace_nth(j: &mut J, k: usize, with: J) {
    fn count(j: &J) -> usize {
        1 + match j {
            J::Array(a) => a.iter().map(count).sum(),
            J::Object(o) => o.values().map(count).sum(),
            _ => 0,
        }
    }
    fn walk(j: &mut J, k: &mut usize, with: &mut Option<J>) {
        if with.is_none() {
            return;
        }
        if *k == 0 {
            *j = with.take().unwrap();
            return;
        }
        *k -= 1;
        match j {
            J::Array(a) => a.iter_mut().for_each(|x| walk(x, k, with)),
            J::Object(o) => o.values_mut().for_each(|x| walk(x, k, with)),
            _ => {}
        }
    }
    let mut k = k % count(j);
    walk(j, &mut k, &mut Some(with));
}

#[derive(Clone, Debug)]
enum Mutation {
    Flip { at: usize, byte: u8 },
    Delete { at: usize, len: usize },
    Insert { at: usize, bytes: Vec<u8> },
    Truncate { at: usize },
}

fn mutation() -> BoxedStrategy<Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Mutation::Flip { at, byte }),
        (any::<usize>(), 1usize..20).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<usize>(), proptest::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(at, bytes)| Mutation::Insert { at, bytes }),
        any::<usize>().prop_map(|at| Mutation::Truncate { at }),
    ]
    .boxed()
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let n = bytes.len().max(1);
    match m {
        Mutation::Flip { at, byte } => {
            if !bytes.is_empty() {
                bytes[at % n] = *byte;
            }
        }
        Mutation::Delete { at, len } => {
            let start = at % n;
            let end = (start + len).min(bytes.len());
            if start < end {
                bytes.drain(start..end);
            }
        }
        Mutation::Insert { at, bytes: new } => {
            let at = at % (bytes.len() + 1);
            bytes.splice(at..at, new.iter().copied());
        }
        Mutation::Truncate { at } => bytes.truncate(at % n),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn parse_never_panics(s in numberish(), rules in rules()) {
        let _ = num::parse(&s, rules);
        let _ = Value::parse(&s, rules);
    }

    #[test]
    fn import_never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        let _ = snapshot::import(&bytes);
        let mut with_bom = b"\xFF\xFE".to_vec();
        with_bom.extend(&bytes);
        let _ = snapshot::import(&with_bom);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn import_never_panics_on_mutated_snapshots(r in report(), mutations in proptest::collection::vec(mutation(), 1..6)) {
        let mut bytes = snapshot::export(&r, &Meta::default()).into_bytes();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        // Whatever it says, it must say it, not panic; and what it accepts must compute.
        if let Ok(got) = snapshot::import(&bytes) {
            let _ = compute(&got.report);
        }
    }

    #[test]
    fn import_never_panics_on_replaced_json_nodes(
        r in report(),
        edits in proptest::collection::vec((any::<usize>(), any_json()), 1..4),
    ) {
        let mut json: J = serde_json::from_str(&snapshot::export(&r, &Meta::default())).unwrap();
        for (k, with) in edits {
            replace_nth(&mut json, k, with);
        }
        if let Ok(got) = snapshot::import_str(&json.to_string()) {
            let _ = compute(&got.report);
            // What is accepted is a report that exports and imports to itself.
            let again = snapshot::import_str(&snapshot::export(&got.report, &Meta::default()));
            prop_assert!(again.map(|a| a.report == got.report).unwrap_or(false));
        }
    }
}

#[test]
fn import_survives_deep_nesting_and_huge_numbers() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(snapshot::import_str(&deep).is_err());
    let deep_obj = format!(
        r#"{{"format":"kalkulator-lakip","versi":1,"laporan":{}1{}}}"#,
        "[".repeat(5_000),
        "]".repeat(5_000)
    );
    assert!(snapshot::import_str(&deep_obj).is_err());
    for n in [
        "1e999",
        "-1e999",
        "1e-999",
        "18446744073709551616",
        "-9223372036854775809",
        "0.1e1",
    ] {
        let text = format!(
            r#"{{"format":"kalkulator-lakip","versi":1,"laporan":{{"instansi":"x","tahun":2024,"renstra":{{"awal":2024,"akhir":2026}},"program":[{{"id":"p","pagu":{n}}}]}}}}"#
        );
        let _ = snapshot::import_str(&text);
    }
}
