//! The snapshot's rules checked on a report in memory, before it is written: a report that
//! breaks one (a name of 5.000 characters, two items with one id, a program pointing at a
//! deleted sasaran) would be written and then refused when read back. The same paths and
//! messages as the reader ([`super::read`]); a property test (`tests/snapshot_props.rs`)
//! keeps the two in step: a report passes here exactly when its export imports.
//!
//! Walking the model costs a fraction of an export: it runs before every save.

use super::read::{MAX_DECIMALS, MAX_ID, MAX_ITEMS, MAX_NAME, MAX_PROBLEMS, MAX_TEXT};
use super::Problem;
use crate::model::value::Value;
use crate::model::*;
use crate::num::{format_plain, limit};
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
                self.problem(
                    path(),
                    format!("teks terlalu panjang ({n} karakter, paling banyak {max})"),
                );
            }
        }
    }

    fn text(&mut self, s: &str, loc: Loc, key: &str, max: usize) {
        self.text_at(s, || loc.key(key), max);
    }

    fn items(&mut self, n: usize, path: impl FnOnce() -> String) {
        if n > MAX_ITEMS {
            self.problem(path(), format!("terlalu banyak isi ({n} butir)"));
        }
    }

    fn decimal(&mut self, d: Decimal, p: impl FnOnce() -> String) -> bool {
        if d.abs() > limit() {
            self.problem(
                p(),
                format!(
                    "angka terlalu besar (paling besar {})",
                    format_plain(limit())
                ),
            );
            return false;
        }
        if d.scale() as usize > MAX_DECIMALS && d.normalize().scale() as usize > MAX_DECIMALS {
            self.problem(
                p(),
                format!("terlalu banyak angka desimal (paling banyak {MAX_DECIMALS})"),
            );
            return false;
        }
        true
    }

    fn opt_decimal(&mut self, d: Option<Decimal>, path: impl FnOnce() -> String) {
        if let Some(d) = d {
            self.decimal(d, path);
        }
    }

    fn money(&mut self, m: Option<Money>, loc: Loc, key: &str) {
        let Some(d) = m else { return };
        if !self.decimal(d, || loc.key(key)) {
            return;
        }
        if d.is_sign_negative() && !d.is_zero() {
            self.problem(loc.key(key), "tidak boleh negatif");
        } else if d.scale() > 2 && d.normalize().scale() > 2 {
            self.problem(
                loc.key(key),
                "terlalu banyak angka desimal (rupiah paling banyak 2 desimal)",
            );
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
                    self.problem(
                        join(&p(), "rentang"),
                        "batas bawah lebih besar dari batas atas",
                    );
                }
            }
            Value::Ratio { left, right } => {
                let a = self.decimal(*left, || format!("{}.rasio[0]", p()));
                let b = self.decimal(*right, || format!("{}.rasio[1]", p()));
                if a && b && left.is_zero() {
                    self.problem(join(&p(), "rasio"), "sisi kiri rasio tidak boleh 0");
                }
            }
            Value::NotAvailable => {}
        }
    }

    fn years(&mut self, m: &BTreeMap<i32, Value>, loc: Loc, key: &str) {
        for (y, v) in m {
            let yp = || format!("{}.{y}", loc.key(key));
            if (1900..=2200).contains(y) {
                self.value(v, yp);
            } else {
                self.problem(yp(), "bukan tahun (empat angka, 1900–2200)");
            }
        }
    }

    fn id(&mut self, id: &'a Id, loc: Loc) {
        let s = id.0.as_str();
        if s.trim().is_empty() {
            self.problem(loc.key("id"), "wajib diisi");
        } else if s.len() > MAX_ID && s.chars().count() > MAX_ID {
            self.problem(
                loc.key("id"),
                format!("id terlalu panjang (paling banyak {MAX_ID} karakter)"),
            );
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

    fn code(&mut self, code: &str, loc: Loc, level: &'static str) {
        if code.is_empty() {
            return;
        }
        self.text(code, loc, "kode", MAX_ID);
        // As the reader: a code too long is cut to its limit, then compared.
        let cut: String = code.chars().take(MAX_ID).collect();
        let code = cut.trim();
        if code.is_empty() {
            return;
        }
        let key = (level, crate::model::code::normalise(code));
        if let Some(first) = self.codes.get(&key) {
            let m = format!("kode ganda '{code}' (sudah dipakai di {})", first.render());
            self.problem(loc.key("kode"), m);
        } else {
            self.codes.insert(key, loc);
        }
    }

    fn link(&mut self, link: &Option<Id>, loc: Loc, key: &str) {
        if let Some(id) = link {
            if id.0.len() > MAX_ID && id.0.chars().count() > MAX_ID {
                self.problem(
                    loc.key(key),
                    format!("id terlalu panjang (paling banyak {MAX_ID} karakter)"),
                );
            }
        }
    }

    fn indicator(&mut self, i: &'a Indicator, loc: Loc) {
        let rumus = || loc.key("rumus");
        self.text_at(
            &i.formula.numerator,
            || join(&rumus(), "pembilang"),
            MAX_NAME,
        );
        self.text_at(
            &i.formula.denominator,
            || join(&rumus(), "penyebut"),
            MAX_NAME,
        );
        self.opt_decimal(i.formula.numerator_value, || {
            join(&rumus(), "nilai_pembilang")
        });
        self.opt_decimal(i.formula.denominator_value, || {
            join(&rumus(), "nilai_penyebut")
        });
        if let Some(s) = &i.standard {
            let sp = || loc.key("standar");
            self.value(&s.value, || join(&sp(), "nilai"));
            self.text_at(&s.indicator, || join(&sp(), "indikator"), MAX_NAME);
            self.text_at(&s.source, || join(&sp(), "sumber"), MAX_NAME);
        }
        self.id(&i.id, loc);
        self.text(&i.name, loc, "nama", MAX_NAME);
        self.text(&i.unit, loc, "satuan", MAX_NAME);
        self.years(&i.targets, loc, "target");
        if let Some(v) = &i.target_pk {
            self.value(v, || loc.key("target_pk"));
        }
        self.years(&i.realisations, loc, "realisasi");
        self.text(&i.cause, loc, "penyebab", MAX_TEXT);
        self.text(&i.solution, loc, "solusi", MAX_TEXT);
    }

    fn output(&mut self, o: &'a Output, loc: Loc) {
        self.id(&o.id, loc);
        self.text(&o.name, loc, "nama", MAX_NAME);
        self.text(&o.unit, loc, "satuan", MAX_NAME);
        if let Some(u) = &o.unit_realisasi {
            self.text(u, loc, "satuan_realisasi", MAX_NAME);
        }
        if let Some(v) = &o.target {
            self.value(v, || loc.key("target"));
        }
        if let Some(v) = &o.realisasi {
            self.value(v, || loc.key("realisasi"));
        }
        self.text(&o.cause, loc, "penyebab", MAX_TEXT);
        self.text(&o.solution, loc, "solusi", MAX_TEXT);
    }

    fn program(&mut self, p: &'a Program, loc: Loc) {
        self.id(&p.id, loc);
        self.code(&p.code, loc, "program");
        self.items(p.kegiatan.len(), || loc.key("kegiatan"));
        for (k, keg) in p.kegiatan.iter().enumerate() {
            let kl = loc.at("kegiatan", k);
            self.id(&keg.id, kl);
            self.code(&keg.code, kl, "kegiatan");
            self.items(keg.sub_kegiatan.len(), || kl.key("sub_kegiatan"));
            for (s, sub) in keg.sub_kegiatan.iter().enumerate() {
                let sl = kl.at("sub_kegiatan", s);
                self.items(sub.outputs.len(), || sl.key("keluaran"));
                for (o, out) in sub.outputs.iter().enumerate() {
                    self.output(out, sl.at("keluaran", o));
                }
                self.id(&sub.id, sl);
                self.code(&sub.code, sl, "sub_kegiatan");
                self.text(&sub.name, sl, "nama", MAX_NAME);
                self.money(sub.pagu, sl, "pagu");
                self.money(sub.pagu_murni, sl, "pagu_murni");
                self.money(sub.realisasi, sl, "realisasi");
            }
            self.text(&keg.name, kl, "nama", MAX_NAME);
            self.money(keg.pagu, kl, "pagu");
            self.money(keg.realisasi, kl, "realisasi");
        }
        self.text(&p.name, loc, "nama", MAX_NAME);
        self.link(&p.sasaran_id, loc, "sasaran_id");
        self.money(p.pagu_pk, loc, "pagu_pk");
        self.money(p.pagu, loc, "pagu");
        self.money(p.realisasi, loc, "realisasi");
    }
}

/// The problems the snapshot reader would find in this report's export; empty when it
/// would be read back.
pub fn check_report(r: &Report) -> Vec<Problem> {
    let mut c = Checker::new();
    let root = Loc::ROOT;
    c.text(&r.instansi, root, "instansi", MAX_NAME);
    if !(1900..=2200).contains(&r.tahun) {
        c.problem("tahun".into(), "harus bilangan bulat 1900–2200");
    }
    let (f, l) = (r.renstra.first, r.renstra.last);
    let fy = (1900..=2200).contains(&f);
    let ly = (1900..=2200).contains(&l);
    if !fy {
        c.problem("renstra.awal".into(), "harus bilangan bulat 1900–2200");
    }
    if !ly {
        c.problem("renstra.akhir".into(), "harus bilangan bulat 1900–2200");
    }
    if fy && ly && !(f <= l && l - f <= 10) {
        c.problem(
            "renstra".into(),
            "periode tidak masuk akal (awal ≤ akhir, paling lama 10 tahun)",
        );
    }
    let s = &r.settings.scale;
    let sp = "pengaturan.skala";
    c.items(s.bands.len(), || format!("{sp}.kategori"));
    let mut bounds_ok = true;
    for (i, b) in s.bands.iter().enumerate() {
        let bp = format!("{sp}.kategori[{i}]");
        c.text_at(&b.label, || join(&bp, "label"), MAX_NAME);
        for (key, bound) in [("bawah", &b.lower), ("atas", &b.upper)] {
            if let Some(bound) = bound {
                bounds_ok &= c.decimal(bound.value, || format!("{bp}.{key}.nilai"));
            }
        }
    }
    c.text_at(&s.name, || join(sp, "nama"), MAX_NAME);
    if bounds_ok {
        if let Err(e) = s.validate() {
            c.problem(sp.into(), e.to_string());
        }
    }
    if let Some(cap) = r.settings.cap {
        if c.decimal(cap, || "pengaturan.batas_capaian".into()) && cap <= Decimal::ZERO {
            c.problem("pengaturan.batas_capaian".into(), "harus lebih dari 0");
        }
    }
    if r.settings.decimals > 6 {
        c.problem("pengaturan.desimal".into(), "harus bilangan bulat 0–6");
    }
    c.text_at(&r.pk.signed, || "pk.ditandatangani".into(), MAX_NAME);
    c.items(r.tujuan.len(), || "tujuan".into());
    for (i, t) in r.tujuan.iter().enumerate() {
        let tl = root.at("tujuan", i);
        c.id(&t.id, tl);
        c.text(&t.name, tl, "nama", MAX_NAME);
        c.items(t.indicators.len(), || tl.key("indikator"));
        for (j, ind) in t.indicators.iter().enumerate() {
            c.indicator(ind, tl.at("indikator", j));
        }
    }
    c.items(r.sasaran.len(), || "sasaran".into());
    for (i, s) in r.sasaran.iter().enumerate() {
        let sl = root.at("sasaran", i);
        c.id(&s.id, sl);
        c.text(&s.name, sl, "nama", MAX_NAME);
        c.link(&s.tujuan_id, sl, "tujuan_id");
        c.items(s.iku.len(), || sl.key("iku"));
        for (j, ind) in s.iku.iter().enumerate() {
            c.indicator(ind, sl.at("iku", j));
        }
    }
    c.items(r.programs.len(), || "program".into());
    for (i, p) in r.programs.iter().enumerate() {
        c.program(p, root.at("program", i));
    }
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
            c.problem(
                p,
                format!("id terlalu panjang (paling banyak {MAX_ID} karakter)"),
            );
        } else if !id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        {
            c.problem(p, "hanya boleh huruf, angka, '-', '_' dan '.'");
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
