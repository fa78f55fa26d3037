//! The snapshot's rules checked on a report in memory, before it is written: a report that
//! breaks one (a name of 5.000 characters, two items with one id, a program pointing at a
//! deleted sasaran) would be written and then refused when read back. The same paths and
//! messages as the reader ([`super::read`]); a property test (`tests/snapshot_props.rs`)
//! keeps the two in step: a report passes here exactly when its export imports.
//!
//! Walking the model costs a fraction of an export: it runs before every save.

use super::rules::{self, MAX_ID, MAX_ITEMS, MAX_NAME, MAX_PROBLEMS};
use super::Problem;
use crate::model::fields::{Def, Fields, Slot};
use crate::model::value::Value;
use crate::model::*;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Where an item sits (`program[2].kegiatan[0]`), without building a string: a path is
/// only written out for a problem.
#[derive(Clone, Copy)]
struct Loc {
    len: usize,
    segs: [(&'static str, usize); 5],
}

impl Loc {
    const ROOT: Loc = Loc {
        len: 0,
        segs: [("", 0); 5],
    };

    fn at(mut self, list: &'static str, i: usize) -> Loc {
        if self.len < self.segs.len() {
            self.segs[self.len] = (list, i);
            self.len += 1;
        }
        self
    }

    fn render(&self) -> String {
        let mut out = String::new();
        for (n, (list, i)) in self.segs[..self.len].iter().enumerate() {
            if n > 0 {
                out.push('.');
            }
            out.push_str(list);
            out.push('[');
            out.push_str(&i.to_string());
            out.push(']');
        }
        out
    }

    fn key(&self, key: &str) -> String {
        join(&self.render(), key)
    }
}

struct Checker<'a> {
    problems: Vec<Problem>,
    ids: HashMap<&'a str, Loc>,
    codes: HashMap<(&'static str, String), Loc>,
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

impl<'a> Checker<'a> {
    fn new() -> Checker<'a> {
        Checker {
            problems: Vec::new(),
            ids: HashMap::new(),
            codes: HashMap::new(),
        }
    }

    fn problem(&mut self, path: String, message: impl Into<String>) {
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(Problem {
                path,
                message: message.into(),
            });
        }
    }

    fn text_at(&mut self, s: &str, path: impl FnOnce() -> String, max: usize) {
        // Counting characters only when the bytes could be too many.
        if s.len() > max {
            let n = s.chars().count();
            if n > max {
                self.problem(path(), rules::too_long(n, max));
            }
        }
    }

    fn text(&mut self, s: &str, loc: Loc, key: &str, max: usize) {
        self.text_at(s, || loc.key(key), max);
    }

    fn items(&mut self, n: usize, path: impl FnOnce() -> String) {
        if n > MAX_ITEMS {
            self.problem(path(), rules::too_many_items(n));
        }
    }

    fn decimal(&mut self, d: Decimal, p: impl FnOnce() -> String) -> bool {
        match rules::decimal(d) {
            Ok(()) => true,
            Err(m) => {
                self.problem(p(), m);
                false
            }
        }
    }

    fn opt_decimal(&mut self, d: Option<Decimal>, path: impl FnOnce() -> String) {
        if let Some(d) = d {
            self.decimal(d, path);
        }
    }

    fn money(&mut self, m: Option<Money>, p: impl Fn() -> String) {
        let Some(d) = m else { return };
        if self.decimal(d, &p) {
            if let Err(m) = rules::rupiah(d) {
                self.problem(p(), m);
            }
        }
    }

    fn value(&mut self, v: &Value, p: impl Fn() -> String) {
        match v {
            Value::Number(d) => {
                self.decimal(*d, &p);
            }
            Value::Range { low, high } => {
                let a = self.decimal(*low, || format!("{}.rentang[0]", p()));
                let b = self.decimal(*high, || format!("{}.rentang[1]", p()));
                if a && b && low > high {
                    self.problem(join(&p(), "rentang"), rules::RANGE_REVERSED);
                }
            }
            Value::Ratio { left, right } => {
                let a = self.decimal(*left, || format!("{}.rasio[0]", p()));
                let b = self.decimal(*right, || format!("{}.rasio[1]", p()));
                if a && b && left.is_zero() {
                    self.problem(join(&p(), "rasio"), rules::RATIO_ZERO);
                }
            }
            Value::NotAvailable => {}
        }
    }

    fn years(&mut self, m: &BTreeMap<i32, Value>, p: impl Fn() -> String) {
        for (y, v) in m {
            let yp = || format!("{}.{y}", p());
            if rules::YEARS.contains(&(*y as i64)) {
                self.value(v, yp);
            } else {
                self.problem(yp(), rules::NOT_A_YEAR);
            }
        }
    }

    fn id(&mut self, id: &'a Id, loc: Loc) {
        let s = id.0.as_str();
        if s.trim().is_empty() {
            self.problem(loc.key("id"), rules::REQUIRED);
        } else if s.len() > MAX_ID && s.chars().count() > MAX_ID {
            self.problem(loc.key("id"), rules::id_too_long());
        } else if let Some(first) = self.ids.get(s) {
            let m = format!(
                "id ganda '{}' (sudah dipakai di {})",
                s.trim(),
                first.render()
            );
            self.problem(loc.key("id"), m);
        } else {
            self.ids.insert(s, loc);
        }
    }

    fn code(&mut self, code: &str, loc: Loc, key: &str, level: &'static str) {
        if code.is_empty() {
            return;
        }
        self.text(code, loc, key, MAX_ID);
        // As the reader: a code too long is cut to its limit, then compared.
        let cut: String = code.chars().take(MAX_ID).collect();
        let code = cut.trim();
        if code.is_empty() {
            return;
        }
        let seen = (level, crate::model::code::normalise(code));
        if let Some(first) = self.codes.get(&seen) {
            let m = format!("kode ganda '{code}' (sudah dipakai di {})", first.render());
            self.problem(loc.key(key), m);
        } else {
            self.codes.insert(seen, loc);
        }
    }

    fn link(&mut self, link: &Option<Id>, p: impl FnOnce() -> String) {
        if let Some(id) = link {
            if id.0.len() > MAX_ID && id.0.chars().count() > MAX_ID {
                self.problem(p(), rules::id_too_long());
            }
        }
    }

    // Fields, by the node's table.

    /// Check every field of `x` by its table; `children` checks the lists of children.
    fn fields<T: Fields>(
        &mut self,
        x: &'a T,
        loc: Loc,
        children: &mut dyn FnMut(&mut Self, &Def<T>),
    ) {
        for d in T::fields() {
            self.field(d, x, loc, children);
        }
    }

    fn field<T>(
        &mut self,
        d: &Def<T>,
        x: &'a T,
        loc: Loc,
        children: &mut dyn FnMut(&mut Self, &Def<T>),
    ) {
        let p = || match d.within {
            Some(parent) => join(&loc.key(parent), d.key),
            None => loc.key(d.key),
        };
        match &d.slot {
            Slot::Id(l) => self.id((l.get)(x), loc),
            Slot::Text { lens, len, .. } => self.text_at((lens.get)(x), p, rules::max_len(*len)),
            Slot::OptText { lens, len } => {
                if let Some(s) = (lens.get)(x) {
                    self.text_at(s, p, rules::max_len(*len));
                }
            }
            Slot::Code { lens, level } => self.code((lens.get)(x), loc, d.key, level),
            Slot::Money(l) => self.money(*(l.get)(x), p),
            Slot::Number(l) => self.opt_decimal(*(l.get)(x), p),
            Slot::Percent(l) => {
                if let Some(c) = *(l.get)(x) {
                    if self.decimal(c, p) {
                        if let Err(m) = rules::cap(c) {
                            self.problem(p(), m);
                        }
                    }
                }
            }
            Slot::Value(l) => {
                if let Some(v) = (l.get)(x) {
                    self.value(v, p);
                }
            }
            Slot::Years(l) => self.years((l.get)(x), p),
            Slot::Direction(_) | Slot::Accumulation(_) | Slot::Flag(_) => {}
            Slot::Link { lens, .. } => self.link((lens.get)(x), p),
            Slot::Standard(l) => {
                if let Some(s) = (l.get)(x) {
                    self.value(&s.value, || join(&p(), "nilai"));
                    self.text_at(&s.indicator, || join(&p(), "indikator"), MAX_NAME);
                    self.text_at(&s.source, || join(&p(), "sumber"), MAX_NAME);
                }
            }
            Slot::Year(l) => {
                if !rules::YEARS.contains(&(*(l.get)(x) as i64)) {
                    self.problem(p(), rules::whole_number(&rules::YEARS));
                }
            }
            Slot::Period(l) => {
                let (f, l) = ((l.get)(x).first as i64, (l.get)(x).last as i64);
                let (fy, ly) = (rules::YEARS.contains(&f), rules::YEARS.contains(&l));
                for (ok, key) in [(fy, "awal"), (ly, "akhir")] {
                    if !ok {
                        self.problem(join(&p(), key), rules::whole_number(&rules::YEARS));
                    }
                }
                if fy && ly && !rules::period_ok(f, l) {
                    self.problem(p(), rules::BAD_PERIOD);
                }
            }
            Slot::Scale(l) => self.scale((l.get)(x), &p()),
            Slot::Decimals(l) => {
                if !rules::DECIMALS.contains(&(*(l.get)(x) as i64)) {
                    self.problem(p(), rules::whole_number(&rules::DECIMALS));
                }
            }
            Slot::Children { .. } => children(self, d),
        }
    }

    /// The items of a list of children where the table names it.
    fn children<C>(
        &mut self,
        d: &Def<impl Sized>,
        items: &'a [C],
        loc: Loc,
        mut each: impl FnMut(&mut Self, &'a C, Loc),
    ) {
        self.items(items.len(), || loc.key(d.key));
        for (i, x) in items.iter().enumerate() {
            each(self, x, loc.at(d.key, i));
        }
    }

    fn scale(&mut self, s: &crate::model::scale::Scale, sp: &str) {
        self.items(s.bands.len(), || format!("{sp}.kategori"));
        let mut bounds_ok = true;
        for (i, b) in s.bands.iter().enumerate() {
            let bp = format!("{sp}.kategori[{i}]");
            self.text_at(&b.label, || join(&bp, "label"), MAX_NAME);
            for (key, bound) in [("bawah", &b.lower), ("atas", &b.upper)] {
                if let Some(bound) = bound {
                    bounds_ok &= self.decimal(bound.value, || format!("{bp}.{key}.nilai"));
                }
            }
        }
        self.text_at(&s.name, || join(sp, "nama"), MAX_NAME);
        if bounds_ok {
            if let Err(e) = s.validate() {
                self.problem(sp.into(), e.to_string());
            }
        }
    }

    // Items.

    fn indicator(&mut self, i: &'a Indicator, loc: Loc) {
        self.fields(i, loc, &mut |_, _| {});
    }

    fn output(&mut self, o: &'a Output, loc: Loc) {
        self.fields(o, loc, &mut |_, _| {});
    }

    fn sub_kegiatan(&mut self, s: &'a SubKegiatan, loc: Loc) {
        self.fields(s, loc, &mut |c, d| {
            c.children(d, &s.outputs, loc, |c, o, l| c.output(o, l))
        });
    }

    fn kegiatan(&mut self, k: &'a Kegiatan, loc: Loc) {
        self.fields(k, loc, &mut |c, d| {
            c.children(d, &k.sub_kegiatan, loc, |c, s, l| c.sub_kegiatan(s, l))
        });
    }

    fn program(&mut self, p: &'a Program, loc: Loc) {
        self.fields(p, loc, &mut |c, d| {
            c.children(d, &p.kegiatan, loc, |c, k, l| c.kegiatan(k, l))
        });
    }

    fn tujuan(&mut self, t: &'a Tujuan, loc: Loc) {
        self.fields(t, loc, &mut |c, d| {
            c.children(d, &t.indicators, loc, |c, i, l| c.indicator(i, l))
        });
    }

    fn sasaran(&mut self, s: &'a Sasaran, loc: Loc) {
        self.fields(s, loc, &mut |c, d| {
            c.children(d, &s.iku, loc, |c, i, l| c.indicator(i, l))
        });
    }
}

/// The problems the snapshot reader would find in this report's export; empty when it
/// would be read back.
pub fn check_report(r: &Report) -> Vec<Problem> {
    let mut c = Checker::new();
    let root = Loc::ROOT;
    c.fields(r, root, &mut |c, d| match d.name {
        "tujuan" => c.children(d, &r.tujuan, root, |c, t, l| c.tujuan(t, l)),
        "sasaran" => c.children(d, &r.sasaran, root, |c, s, l| c.sasaran(s, l)),
        _ => c.children(d, &r.programs, root, |c, p, l| c.program(p, l)),
    });
    let tujuan: HashSet<&Id> = r.tujuan.iter().map(|t| &t.id).collect();
    for (i, s) in r.sasaran.iter().enumerate() {
        if let Some(t) = s
            .tujuan_id
            .as_ref()
            .filter(|t| !t.0.is_empty() && t.0.chars().count() <= MAX_ID)
        {
            if !tujuan.contains(t) {
                c.problem(
                    format!("sasaran[{i}].tujuan_id"),
                    format!(
                        "tujuan '{}' tidak ada",
                        super::read::shorten(t.as_str(), 40)
                    ),
                );
            }
        }
    }
    let sasaran: HashSet<&Id> = r.sasaran.iter().map(|s| &s.id).collect();
    for (i, p) in r.programs.iter().enumerate() {
        if let Some(s) = p
            .sasaran_id
            .as_ref()
            .filter(|s| !s.0.is_empty() && s.0.chars().count() <= MAX_ID)
        {
            if !sasaran.contains(s) {
                c.problem(
                    format!("program[{i}].sasaran_id"),
                    format!(
                        "sasaran '{}' tidak ada",
                        super::read::shorten(s.as_str(), 40)
                    ),
                );
            }
        }
    }
    c.problems
}

/// The problems the reader would find in an envelope written with this `meta`.
pub fn check_meta(meta: &super::Meta) -> Vec<Problem> {
    let mut c = Checker::new();
    c.text(
        &meta.app_version,
        Loc::ROOT,
        "versi_aplikasi",
        super::MAX_META,
    );
    c.text(&meta.exported_at, Loc::ROOT, "diekspor", super::MAX_META);
    let mut rid = |id: &str, path: &str| {
        let p = join(path, "id_laporan");
        if id.chars().count() > MAX_ID {
            c.problem(p, rules::id_too_long());
        } else if !rules::report_id_ok(id) {
            c.problem(p, rules::BAD_REPORT_ID);
        }
    };
    rid(&meta.report_id, "");
    if let Some(b) = &meta.basis {
        rid(&b.report_id, "basis");
    }
    for (rev, path) in [
        (Some(meta.revision), "revisi"),
        (meta.basis.as_ref().map(|b| b.revision), "basis.revisi"),
    ] {
        if rev.is_some_and(|r| r > super::MAX_REVISION) {
            c.problem(
                path.into(),
                format!("harus bilangan bulat 0–{}", super::MAX_REVISION),
            );
        }
    }
    c.problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::example::example;

    #[test]
    fn the_example_and_generated_reports_pass() {
        assert_eq!(check_report(&example()), vec![]);
        assert_eq!(check_report(&crate::generate::report(500, 9)), vec![]);
    }

    #[test]
    fn breaks_are_named_like_the_reader_names_them() {
        let mut r = example();
        r.programs[2].kegiatan[0].sub_kegiatan[0].pagu = Some("-5".parse().unwrap());
        r.pk.signed = "x".repeat(MAX_NAME + 1);
        r.programs[1].sasaran_id = Some(Id::new("hilang"));
        let mine = check_report(&r);
        let json = super::super::export(&r, &Default::default());
        let theirs = super::super::import_str(&json).unwrap_err();
        let mut a: Vec<String> = mine.iter().map(|p| p.to_string()).collect();
        let mut b: Vec<String> = theirs.problems().iter().map(|p| p.to_string()).collect();
        a.sort();
        b.sort();
        assert_eq!(a, b);
        assert_eq!(a.len(), 3);
    }
}
