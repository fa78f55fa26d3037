//! The snapshot's rules checked on a report in memory, before it is written: a report that
//! breaks one (a name of 5.000 characters, two items with one id, a program pointing at a
//! deleted sasaran) would be written and then refused when read back. The same paths and
//! messages as the reader ([`super::read`]); a property test (`tests/snapshot_props.rs`)
//! keeps the two in step: a report passes here exactly when its export imports.
//!
//! Walking the model costs a fraction of an export: it runs before every save.

use super::read::{MAX_DECIMALS, MAX_ID, MAX_ITEMS, MAX_NAME, MAX_PROBLEMS, MAX_TEXT};
use super::Problem;
use crate::model::*;
use crate::num::{format_plain, limit};
use crate::value::Value;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap, HashSet};

struct Checker {
    problems: Vec<Problem>,
    ids: HashMap<String, String>,
    codes: HashMap<String, String>,
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

impl Checker {
    fn problem(&mut self, path: String, message: impl Into<String>) {
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(Problem { path, message: message.into() });
        }
    }

    fn text(&mut self, s: &str, path: &str, key: &str, max: usize) {
        // Counting characters only when the bytes could be too many.
        if s.len() > max {
            let n = s.chars().count();
            if n > max {
                self.problem(join(path, key), format!("teks terlalu panjang ({n} karakter, paling banyak {max})"));
            }
        }
    }

    fn items(&mut self, n: usize, path: &str, key: &str) {
        if n > MAX_ITEMS {
            self.problem(join(path, key), format!("terlalu banyak isi ({n} butir)"));
        }
    }

    fn decimal(&mut self, d: Decimal, p: String) -> bool {
        if d.abs() > limit() {
            self.problem(p, format!("angka terlalu besar (paling besar {})", format_plain(limit())));
            return false;
        }
        if d.normalize().scale() as usize > MAX_DECIMALS {
            self.problem(p, format!("terlalu banyak angka desimal (paling banyak {MAX_DECIMALS})"));
            return false;
        }
        true
    }

    fn opt_decimal(&mut self, d: Option<Decimal>, path: &str, key: &str) {
        if let Some(d) = d {
            self.decimal(d, join(path, key));
        }
    }

    fn money(&mut self, m: Option<Money>, path: &str, key: &str) {
        let Some(d) = m else { return };
        let p = join(path, key);
        if !self.decimal(d, p.clone()) {
            return;
        }
        if d.is_sign_negative() && !d.is_zero() {
            self.problem(p, "tidak boleh negatif");
        } else if d.normalize().scale() > 2 {
            self.problem(p, "terlalu banyak angka desimal (rupiah paling banyak 2 desimal)");
        }
    }

    fn value(&mut self, v: &Value, p: &str) {
        match v {
            Value::Number(d) => {
                self.decimal(*d, p.to_string());
            }
            Value::Range { low, high } => {
                let a = self.decimal(*low, format!("{p}.rentang[0]"));
                let b = self.decimal(*high, format!("{p}.rentang[1]"));
                if a && b && low > high {
                    self.problem(join(p, "rentang"), "batas bawah lebih besar dari batas atas");
                }
            }
            Value::Ratio { left, right } => {
                let a = self.decimal(*left, format!("{p}.rasio[0]"));
                let b = self.decimal(*right, format!("{p}.rasio[1]"));
                if a && b && left.is_zero() {
                    self.problem(join(p, "rasio"), "sisi kiri rasio tidak boleh 0");
                }
            }
            Value::NotAvailable => {}
        }
    }

    fn years(&mut self, m: &BTreeMap<i32, Value>, path: &str, key: &str) {
        let p = join(path, key);
        for (y, v) in m {
            let yp = format!("{p}.{y}");
            if (1900..=2200).contains(y) {
                self.value(v, &yp);
            } else {
                self.problem(yp, "bukan tahun (empat angka, 1900–2200)");
            }
        }
    }

    fn id(&mut self, id: &Id, path: &str) {
        let s = &id.0;
        let p = join(path, "id");
        if s.trim().is_empty() {
            self.problem(p, "wajib diisi");
        } else if s.chars().count() > MAX_ID {
            self.problem(p, format!("id terlalu panjang (paling banyak {MAX_ID} karakter)"));
        } else if let Some(first) = self.ids.get(s) {
            let m = format!("id ganda '{}' (sudah dipakai di {first})", s.trim());
            self.problem(p, m);
        } else {
            self.ids.insert(s.clone(), path.to_string());
        }
    }

    fn code(&mut self, code: &str, path: &str, level: &str) {
        self.text(code, path, "kode", MAX_ID);
        // As the reader: a code too long is cut to its limit, then compared.
        let cut: String = code.chars().take(MAX_ID).collect();
        let code = cut.trim();
        if code.is_empty() {
            return;
        }
        let key = format!("{level}:{}", crate::code::normalise(code));
        if let Some(first) = self.codes.get(&key) {
            let m = format!("kode ganda '{code}' (sudah dipakai di {first})");
            self.problem(join(path, "kode"), m);
        } else {
            self.codes.insert(key, path.to_string());
        }
    }

    fn link(&mut self, link: &Option<Id>, path: &str, key: &str) {
        if let Some(id) = link {
            if id.0.chars().count() > MAX_ID {
                self.problem(join(path, key), format!("id terlalu panjang (paling banyak {MAX_ID} karakter)"));
            }
        }
    }

    fn indicator(&mut self, i: &Indicator, path: &str) {
        let rumus = join(path, "rumus");
        self.text(&i.formula.numerator, &rumus, "pembilang", MAX_NAME);
        self.text(&i.formula.denominator, &rumus, "penyebut", MAX_NAME);
        self.opt_decimal(i.formula.numerator_value, &rumus, "nilai_pembilang");
        self.opt_decimal(i.formula.denominator_value, &rumus, "nilai_penyebut");
        if let Some(s) = &i.standard {
            let sp = join(path, "standar");
            self.value(&s.value, &join(&sp, "nilai"));
            self.text(&s.indicator, &sp, "indikator", MAX_NAME);
            self.text(&s.source, &sp, "sumber", MAX_NAME);
        }
        self.id(&i.id, path);
        self.text(&i.name, path, "nama", MAX_NAME);
        self.text(&i.unit, path, "satuan", MAX_NAME);
        self.years(&i.targets, path, "target");
        if let Some(v) = &i.target_pk {
            self.value(v, &join(path, "target_pk"));
        }
        self.years(&i.realisations, path, "realisasi");
        self.text(&i.cause, path, "penyebab", MAX_TEXT);
        self.text(&i.solution, path, "solusi", MAX_TEXT);
    }

    fn output(&mut self, o: &Output, path: &str) {
        self.id(&o.id, path);
        self.text(&o.name, path, "nama", MAX_NAME);
        self.text(&o.unit, path, "satuan", MAX_NAME);
        if let Some(u) = &o.unit_realisasi {
            self.text(u, path, "satuan_realisasi", MAX_NAME);
        }
        if let Some(v) = &o.target {
            self.value(v, &join(path, "target"));
        }
        if let Some(v) = &o.realisasi {
            self.value(v, &join(path, "realisasi"));
        }
        self.text(&o.cause, path, "penyebab", MAX_TEXT);
        self.text(&o.solution, path, "solusi", MAX_TEXT);
    }

    fn program(&mut self, p: &Program, path: &str) {
        self.id(&p.id, path);
        self.code(&p.code, path, "program");
        self.items(p.kegiatan.len(), path, "kegiatan");
        for (k, keg) in p.kegiatan.iter().enumerate() {
            let kp = format!("{path}.kegiatan[{k}]");
            self.id(&keg.id, &kp);
            self.code(&keg.code, &kp, "kegiatan");
            self.items(keg.sub_kegiatan.len(), &kp, "sub_kegiatan");
            for (s, sub) in keg.sub_kegiatan.iter().enumerate() {
                let sp = format!("{kp}.sub_kegiatan[{s}]");
                self.items(sub.outputs.len(), &sp, "keluaran");
                for (o, out) in sub.outputs.iter().enumerate() {
                    self.output(out, &format!("{sp}.keluaran[{o}]"));
                }
                self.id(&sub.id, &sp);
                self.code(&sub.code, &sp, "sub_kegiatan");
                self.text(&sub.name, &sp, "nama", MAX_NAME);
                self.money(sub.pagu, &sp, "pagu");
                self.money(sub.pagu_murni, &sp, "pagu_murni");
                self.money(sub.realisasi, &sp, "realisasi");
            }
            self.text(&keg.name, &kp, "nama", MAX_NAME);
            self.money(keg.pagu, &kp, "pagu");
            self.money(keg.realisasi, &kp, "realisasi");
        }
        self.text(&p.name, path, "nama", MAX_NAME);
        self.link(&p.sasaran_id, path, "sasaran_id");
        self.money(p.pagu_pk, path, "pagu_pk");
        self.money(p.pagu, path, "pagu");
        self.money(p.realisasi, path, "realisasi");
    }
}

/// The problems the snapshot reader would find in this report's export; empty when it
/// would be read back.
pub fn check_report(r: &Report) -> Vec<Problem> {
    let mut c = Checker { problems: Vec::new(), ids: HashMap::new(), codes: HashMap::new() };
    c.text(&r.instansi, "", "instansi", MAX_NAME);
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
        c.problem("renstra".into(), "periode tidak masuk akal (awal ≤ akhir, paling lama 10 tahun)");
    }
    let s = &r.settings.scale;
    let sp = "pengaturan.skala";
    c.items(s.bands.len(), sp, "kategori");
    let mut bounds_ok = true;
    for (i, b) in s.bands.iter().enumerate() {
        let bp = format!("{sp}.kategori[{i}]");
        c.text(&b.label, &bp, "label", MAX_NAME);
        for (key, bound) in [("bawah", &b.lower), ("atas", &b.upper)] {
            if let Some(bound) = bound {
                bounds_ok &= c.decimal(bound.value, format!("{bp}.{key}.nilai"));
            }
        }
    }
    c.text(&s.name, sp, "nama", MAX_NAME);
    if bounds_ok {
        if let Err(e) = s.validate() {
            c.problem(sp.into(), e.to_string());
        }
    }
    if let Some(cap) = r.settings.cap {
        if c.decimal(cap, "pengaturan.batas_capaian".into()) && cap <= Decimal::ZERO {
            c.problem("pengaturan.batas_capaian".into(), "harus lebih dari 0");
        }
    }
    if r.settings.decimals > 6 {
        c.problem("pengaturan.desimal".into(), "harus bilangan bulat 0–6");
    }
    c.text(&r.pk.signed, "pk", "ditandatangani", MAX_NAME);
    c.items(r.tujuan.len(), "", "tujuan");
    for (i, t) in r.tujuan.iter().enumerate() {
        let p = format!("tujuan[{i}]");
        c.id(&t.id, &p);
        c.text(&t.name, &p, "nama", MAX_NAME);
        c.items(t.indicators.len(), &p, "indikator");
        for (j, ind) in t.indicators.iter().enumerate() {
            c.indicator(ind, &format!("{p}.indikator[{j}]"));
        }
    }
    c.items(r.sasaran.len(), "", "sasaran");
    for (i, s) in r.sasaran.iter().enumerate() {
        let p = format!("sasaran[{i}]");
        c.id(&s.id, &p);
        c.text(&s.name, &p, "nama", MAX_NAME);
        c.link(&s.tujuan_id, &p, "tujuan_id");
        c.items(s.iku.len(), &p, "iku");
        for (j, ind) in s.iku.iter().enumerate() {
            c.indicator(ind, &format!("{p}.iku[{j}]"));
        }
    }
    c.items(r.programs.len(), "", "program");
    for (i, p) in r.programs.iter().enumerate() {
        c.program(p, &format!("program[{i}]"));
    }
    let tujuan: HashSet<&Id> = r.tujuan.iter().map(|t| &t.id).collect();
    for (i, s) in r.sasaran.iter().enumerate() {
        if let Some(t) = s.tujuan_id.as_ref().filter(|t| !t.0.is_empty() && t.0.chars().count() <= MAX_ID) {
            if !tujuan.contains(t) {
                c.problem(format!("sasaran[{i}].tujuan_id"), format!("tujuan '{}' tidak ada", super::read::shorten(t.as_str(), 40)));
            }
        }
    }
    let sasaran: HashSet<&Id> = r.sasaran.iter().map(|s| &s.id).collect();
    for (i, p) in r.programs.iter().enumerate() {
        if let Some(s) = p.sasaran_id.as_ref().filter(|s| !s.0.is_empty() && s.0.chars().count() <= MAX_ID) {
            if !sasaran.contains(s) {
                c.problem(format!("program[{i}].sasaran_id"), format!("sasaran '{}' tidak ada", super::read::shorten(s.as_str(), 40)));
            }
        }
    }
    c.problems
}

/// The problems the reader would find in an envelope written with this `meta`.
pub fn check_meta(meta: &super::Meta) -> Vec<Problem> {
    let mut c = Checker { problems: Vec::new(), ids: HashMap::new(), codes: HashMap::new() };
    c.text(&meta.app_version, "", "versi_aplikasi", super::MAX_META);
    c.text(&meta.exported_at, "", "diekspor", super::MAX_META);
    let mut rid = |id: &str, path: &str| {
        let p = join(path, "id_laporan");
        if id.chars().count() > MAX_ID {
            c.problem(p, format!("id terlalu panjang (paling banyak {MAX_ID} karakter)"));
        } else if !id.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.')) {
            c.problem(p, "hanya boleh huruf, angka, '-', '_' dan '.'");
        }
    };
    rid(&meta.report_id, "");
    if let Some(b) = &meta.basis {
        rid(&b.report_id, "basis");
    }
    for (rev, path) in [(Some(meta.revision), "revisi"), (meta.basis.as_ref().map(|b| b.revision), "basis.revisi")] {
        if rev.is_some_and(|r| r > super::MAX_REVISION) {
            c.problem(path.into(), format!("harus bilangan bulat 0–{}", super::MAX_REVISION));
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
