//! Snapshot JSON → report, validating everything and naming the place of every problem
//! (`program[2].kegiatan[0].sub_kegiatan[3].pagu: bukan angka`).

use super::rules::{
    self, MAX_DECIMALS, MAX_ID, MAX_INT_DIGITS, MAX_ITEMS, MAX_META, MAX_NAME, MAX_PROBLEMS,
};
use super::{Basis, Meta, Problem, MAX_REVISION};
use crate::model::fields::{Def, Fields, Slot};
use crate::model::scale::{Band, Bound, Scale};
use crate::model::value::Value;
use crate::model::*;
use crate::num::limit;
use rust_decimal::Decimal;
use serde_json::{Map, Value as J};
use std::collections::{BTreeMap, HashMap};
use std::str::FromStr;

/// A user's text shortened for a message: at most `n` characters, `…` when cut.
pub(super) fn shorten(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if s.chars().nth(n).is_some() {
        out.push('…');
    }
    out
}

pub(super) struct Reader {
    pub problems: Vec<Problem>,
    ids: HashMap<String, String>,
    codes: HashMap<String, String>,
}

type Obj = Map<String, J>;

/// Reads the children of an item into it: the reader, the item, the def of its list, the
/// item's object, its path.
type ReadChildren<T> = dyn FnMut(&mut Reader, &mut T, &Def<T>, &Obj, &str);

fn type_name(v: &J) -> &'static str {
    match v {
        J::Null => "null",
        J::Bool(_) => "benar/salah",
        J::Number(_) => "angka",
        J::String(_) => "teks",
        J::Array(_) => "daftar",
        J::Object(_) => "objek",
    }
}

/// Why a machine decimal was refused.
enum DecError {
    NotANumber,
    TooLarge,
    TooManyDecimals,
}

/// Strict machine decimal: `-?digits(.digits)?`, at most [`MAX_DECIMALS`] decimals and a
/// magnitude of at most [`limit`].
fn machine_decimal(s: &str) -> Result<Decimal, DecError> {
    let body = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let digits = !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
        && !(body.contains('.') && frac.is_empty());
    if !digits {
        return Err(DecError::NotANumber);
    }
    if int.trim_start_matches('0').len() > MAX_INT_DIGITS {
        return Err(DecError::TooLarge);
    }
    // Trailing zeros carry no value ("1.50000000000000" is 1.5).
    if frac.trim_end_matches('0').len() > MAX_DECIMALS {
        return Err(DecError::TooManyDecimals);
    }
    // The decimals the officer typed are kept ("4.30" stays 4,30), up to MAX_DECIMALS.
    let frac = &frac[..frac.len().min(MAX_DECIMALS)];
    let int = int.trim_start_matches('0');
    let canonical = format!(
        "{}{}{}{}",
        if s.starts_with('-') { "-" } else { "" },
        if int.is_empty() { "0" } else { int },
        if frac.is_empty() { "" } else { "." },
        frac
    );
    let d = Decimal::from_str(&canonical).map_err(|_| DecError::NotANumber)?;
    if d.abs() > limit() {
        return Err(DecError::TooLarge);
    }
    Ok(d)
}

impl Reader {
    pub fn new() -> Reader {
        Reader {
            problems: Vec::new(),
            ids: HashMap::new(),
            codes: HashMap::new(),
        }
    }

    pub fn full(&self) -> bool {
        self.problems.len() >= MAX_PROBLEMS
    }

    pub fn problem(&mut self, path: &str, message: impl Into<String>) {
        if !self.full() {
            self.problems.push(Problem {
                path: path.to_string(),
                message: message.into(),
            });
        }
    }

    fn obj<'a>(&mut self, v: &'a J, path: &str) -> Option<&'a Obj> {
        match v {
            J::Object(o) => Some(o),
            other => {
                self.problem(
                    path,
                    format!("harus berupa objek, bukan {}", type_name(other)),
                );
                None
            }
        }
    }

    fn list<'a>(&mut self, o: &'a Obj, key: &str, path: &str) -> &'a [J] {
        let p = join(path, key);
        match o.get(key) {
            None | Some(J::Null) => &[],
            Some(J::Array(a)) if a.len() > MAX_ITEMS => {
                self.problem(&p, rules::too_many_items(a.len()));
                &[]
            }
            Some(J::Array(a)) => a,
            Some(other) => {
                self.problem(
                    &p,
                    format!("harus berupa daftar, bukan {}", type_name(other)),
                );
                &[]
            }
        }
    }

    fn text(&mut self, o: &Obj, key: &str, path: &str, max: usize) -> String {
        let p = join(path, key);
        match o.get(key) {
            None | Some(J::Null) => String::new(),
            Some(J::String(s)) => {
                let n = s.chars().count();
                if n > max {
                    self.problem(&p, rules::too_long(n, max));
                    s.chars().take(max).collect()
                } else {
                    s.clone()
                }
            }
            Some(other) => {
                self.problem(&p, format!("harus berupa teks, bukan {}", type_name(other)));
                String::new()
            }
        }
    }

    fn opt_text(&mut self, o: &Obj, key: &str, path: &str, max: usize) -> Option<String> {
        match o.get(key) {
            None | Some(J::Null) => None,
            _ => Some(self.text(o, key, path, max)),
        }
    }

    fn decimal_at(&mut self, v: &J, p: &str) -> Option<Decimal> {
        let d = match v {
            J::String(s) => machine_decimal(s.trim()),
            J::Number(n) => {
                if let Some(i) = n.as_i64() {
                    machine_decimal(&i.to_string())
                } else if let Some(u) = n.as_u64() {
                    machine_decimal(&u.to_string())
                } else {
                    match n.as_f64() {
                        Some(f) if f.is_finite() => machine_decimal(&format!("{f}")),
                        _ => Err(DecError::NotANumber),
                    }
                }
            }
            other => {
                self.problem(p, format!("bukan angka ({})", type_name(other)));
                return None;
            }
        };
        match d {
            Ok(d) => Some(d),
            Err(DecError::NotANumber) => {
                // A number as people write it ("25.000.000,00", "Rp 5.000"): say how to
                // write it here.
                let human = match v {
                    J::String(s) if s.chars().count() <= 40 => crate::num::parse(
                        s,
                        crate::num::Rules::VALUE.with_convention(crate::num::Convention::Strict),
                    )
                    .ok(),
                    _ => None,
                };
                match human {
                    Some(h) => self.problem(
                        p,
                        format!(
                            "bukan angka: tulis {} (tanpa pemisah ribuan, titik sebagai pemisah desimal)",
                            h.value.normalize()
                        ),
                    ),
                    None => self.problem(p, "bukan angka"),
                }
                None
            }
            Err(DecError::TooLarge) => {
                self.problem(p, rules::too_large());
                None
            }
            Err(DecError::TooManyDecimals) => {
                self.problem(p, rules::too_many_decimals());
                None
            }
        }
    }

    fn decimal(&mut self, o: &Obj, key: &str, path: &str) -> Option<Decimal> {
        match o.get(key) {
            None | Some(J::Null) => None,
            Some(v) => self.decimal_at(v, &join(path, key)),
        }
    }

    fn money(&mut self, o: &Obj, key: &str, path: &str) -> Option<Money> {
        let d = self.decimal(o, key, path)?;
        if let Err(m) = rules::rupiah(d) {
            self.problem(&join(path, key), m);
            return None;
        }
        Some(d)
    }

    fn int(
        &mut self,
        o: &Obj,
        key: &str,
        path: &str,
        range: std::ops::RangeInclusive<i64>,
    ) -> Option<i64> {
        let p = join(path, key);
        match o.get(key) {
            None | Some(J::Null) => {
                self.problem(&p, rules::REQUIRED);
                None
            }
            Some(J::Number(n)) => match n.as_i64() {
                Some(i) if range.contains(&i) => Some(i),
                _ => {
                    self.problem(&p, rules::whole_number(&range));
                    None
                }
            },
            Some(other) => {
                self.problem(
                    &p,
                    format!("harus berupa angka, bukan {}", type_name(other)),
                );
                None
            }
        }
    }

    pub fn value_at(&mut self, v: &J, p: &str) -> Option<Value> {
        match v {
            J::Null => None,
            J::String(s) if s.trim().eq_ignore_ascii_case("n/a") => Some(Value::NotAvailable),
            J::String(_) | J::Number(_) => self.decimal_at(v, p).map(Value::Number),
            J::Object(o) => {
                let pair = |r: &mut Reader, key: &str| -> Option<(Decimal, Decimal)> {
                    let pp = join(p, key);
                    match o.get(key) {
                        Some(J::Array(a)) if a.len() == 2 => {
                            let x = r.decimal_at(&a[0], &format!("{pp}[0]"));
                            let y = r.decimal_at(&a[1], &format!("{pp}[1]"));
                            Some((x?, y?))
                        }
                        _ => {
                            r.problem(&pp, "harus berupa daftar dua angka");
                            None
                        }
                    }
                };
                if o.contains_key("rentang") {
                    let (low, high) = pair(self, "rentang")?;
                    if low > high {
                        self.problem(&join(p, "rentang"), rules::RANGE_REVERSED);
                        return None;
                    }
                    Some(Value::Range { low, high })
                } else if o.contains_key("rasio") {
                    let (left, right) = pair(self, "rasio")?;
                    if left.is_zero() {
                        self.problem(&join(p, "rasio"), rules::RATIO_ZERO);
                        return None;
                    }
                    Some(Value::Ratio { left, right })
                } else {
                    self.problem(p, "nilai tidak dikenal (harus angka, 'n/a', {\"rentang\": …} atau {\"rasio\": …})");
                    None
                }
            }
            other => {
                self.problem(
                    p,
                    format!("bukan nilai yang dikenal ({})", type_name(other)),
                );
                None
            }
        }
    }

    fn value(&mut self, o: &Obj, key: &str, path: &str) -> Option<Value> {
        o.get(key).and_then(|v| self.value_at(v, &join(path, key)))
    }

    fn years(&mut self, o: &Obj, key: &str, path: &str) -> BTreeMap<i32, Value> {
        let p = join(path, key);
        let mut out = BTreeMap::new();
        match o.get(key) {
            None | Some(J::Null) => {}
            Some(J::Object(m)) => {
                for (k, v) in m {
                    let yp = format!("{p}.{k}");
                    if self.full() {
                        break;
                    }
                    let canonical = k.len() == 4 && k.bytes().all(|b| b.is_ascii_digit());
                    match k.parse::<i32>() {
                        Ok(y) if canonical && rules::YEARS.contains(&(y as i64)) => {
                            if let Some(val) = self.value_at(v, &yp) {
                                out.insert(y, val);
                            }
                        }
                        _ => {
                            let yp = format!("{p}.{}", shorten(k, 20));
                            self.problem(&yp, rules::NOT_A_YEAR)
                        }
                    }
                }
            }
            Some(other) => self.problem(
                &p,
                format!(
                    "harus berupa objek tahun → nilai, bukan {}",
                    type_name(other)
                ),
            ),
        }
        out
    }

    fn direction(&mut self, o: &Obj, key: &str, path: &str) -> Direction {
        match o.get(key) {
            None | Some(J::Null) => Direction::HigherIsBetter,
            Some(J::String(s)) => match s.as_str() {
                "naik" => Direction::HigherIsBetter,
                "turun" => Direction::LowerIsBetter,
                "turun_rasio_terbalik" => Direction::LowerIsBetterInverse,
                other => {
                    self.problem(
                        &join(path, key),
                        format!(
                            "arah '{}' tidak dikenal (naik, turun, turun_rasio_terbalik)",
                            shorten(other, 40)
                        ),
                    );
                    Direction::HigherIsBetter
                }
            },
            Some(other) => {
                self.problem(
                    &join(path, key),
                    format!("harus berupa teks, bukan {}", type_name(other)),
                );
                Direction::HigherIsBetter
            }
        }
    }

    fn id(&mut self, o: &Obj, path: &str) -> Id {
        let p = join(path, "id");
        match o.get("id") {
            Some(J::String(s)) if !s.trim().is_empty() && s.chars().count() <= MAX_ID => {
                if let Some(first) = self.ids.get(s) {
                    let first = first.clone();
                    self.problem(
                        &p,
                        format!("id ganda '{}' (sudah dipakai di {first})", s.trim()),
                    );
                } else {
                    self.ids.insert(s.clone(), path.to_string());
                }
                Id(s.clone())
            }
            Some(J::String(s)) if !s.trim().is_empty() => {
                self.problem(&p, rules::id_too_long());
                Id::default()
            }
            None | Some(J::Null) | Some(J::String(_)) => {
                self.problem(&p, rules::REQUIRED);
                Id::default()
            }
            Some(other) => {
                self.problem(&p, format!("harus berupa teks, bukan {}", type_name(other)));
                Id::default()
            }
        }
    }

    fn code(&mut self, o: &Obj, key: &str, path: &str, level: &str) -> String {
        let code = self.text(o, key, path, MAX_ID).trim().to_string();
        if !code.is_empty() {
            let seen = format!("{level}:{}", crate::model::code::normalise(&code));
            if let Some(first) = self.codes.get(&seen) {
                let first = first.clone();
                self.problem(
                    &join(path, key),
                    format!("kode ganda '{code}' (sudah dipakai di {first})"),
                );
            } else {
                self.codes.insert(seen, path.to_string());
            }
        }
        code
    }

    fn link(&mut self, o: &Obj, key: &str, path: &str) -> Option<Id> {
        match o.get(key) {
            None | Some(J::Null) => None,
            Some(J::String(s)) if s.is_empty() => None,
            Some(J::String(s)) if s.chars().count() > MAX_ID => {
                self.problem(&join(path, key), rules::id_too_long());
                None
            }
            Some(J::String(s)) => Some(Id(s.clone())),
            Some(other) => {
                self.problem(
                    &join(path, key),
                    format!("harus berupa teks, bukan {}", type_name(other)),
                );
                None
            }
        }
    }

    // Fields, by the node's table.

    /// Read every field of `x` from `o` in table order, the members of a nested object
    /// (`rumus`, `pengaturan`) from inside it. `children` reads the lists of children.
    /// `false` when a required field is missing.
    fn fields<T: Fields>(
        &mut self,
        x: &mut T,
        o: &Obj,
        path: &str,
        children: &mut ReadChildren<T>,
    ) -> bool {
        let defs = T::fields();
        let mut ok = true;
        let mut i = 0;
        while i < defs.len() {
            let Some(parent) = defs[i].within else {
                ok &= self.field(&defs[i], x, o, path, children);
                i += 1;
                continue;
            };
            let n = defs[i..]
                .iter()
                .take_while(|d| d.within == Some(parent))
                .count();
            let pp = join(path, parent);
            if let Some(v) = o.get(parent).filter(|v| !v.is_null()) {
                if let Some(inner) = self.obj(v, &pp) {
                    for d in &defs[i..i + n] {
                        ok &= self.field(d, x, inner, &pp, children);
                    }
                }
            }
            i += n;
        }
        ok
    }

    fn field<T>(
        &mut self,
        d: &Def<T>,
        x: &mut T,
        o: &Obj,
        path: &str,
        children: &mut ReadChildren<T>,
    ) -> bool {
        let k = d.key;
        match &d.slot {
            Slot::Id(l) => *(l.get_mut)(x) = self.id(o, path),
            Slot::Text { lens, len, .. } => {
                *(lens.get_mut)(x) = self.text(o, k, path, rules::max_len(*len))
            }
            Slot::OptText { lens, len } => {
                *(lens.get_mut)(x) = self.opt_text(o, k, path, rules::max_len(*len))
            }
            Slot::Code { lens, level } => *(lens.get_mut)(x) = self.code(o, k, path, level),
            Slot::Money(l) => *(l.get_mut)(x) = self.money(o, k, path),
            Slot::Number(l) => *(l.get_mut)(x) = self.decimal(o, k, path),
            Slot::Percent(l) => {
                let c = self.decimal(o, k, path);
                if let Some(Err(m)) = c.map(rules::cap) {
                    self.problem(&join(path, k), m);
                }
                *(l.get_mut)(x) = c;
            }
            Slot::Value(l) => *(l.get_mut)(x) = self.value(o, k, path),
            Slot::Years(l) => *(l.get_mut)(x) = self.years(o, k, path),
            Slot::Direction(l) => *(l.get_mut)(x) = self.direction(o, k, path),
            Slot::Accumulation(l) => *(l.get_mut)(x) = self.accumulation(o, k, path),
            Slot::Flag(l) => *(l.get_mut)(x) = self.flag(o, k, path),
            Slot::Link { lens, .. } => *(lens.get_mut)(x) = self.link(o, k, path),
            Slot::Standard(l) => *(l.get_mut)(x) = self.standard(o, k, path),
            Slot::Year(l) => match self.int(o, k, path, rules::YEARS) {
                Some(y) => *(l.get_mut)(x) = y as i32,
                None => return false,
            },
            Slot::Period(l) => match self.period(o, k, path) {
                Some(p) => *(l.get_mut)(x) = p,
                None => return false,
            },
            Slot::Scale(l) => {
                if let Some(v) = o.get(k).filter(|v| !v.is_null()) {
                    if let Some(scale) = self.scale(v, &join(path, k)) {
                        *(l.get_mut)(x) = scale;
                    }
                }
            }
            Slot::Decimals(l) => {
                if o.contains_key(k) {
                    *(l.get_mut)(x) = self.int(o, k, path, rules::DECIMALS).unwrap_or(2) as u32;
                }
            }
            Slot::Children { .. } => children(self, x, d, o, path),
        }
        true
    }

    /// The items of a list of children where the table names it.
    fn children<C>(
        &mut self,
        d: &Def<impl Sized>,
        o: &Obj,
        path: &str,
        mut each: impl FnMut(&mut Reader, &J, &str) -> Option<C>,
    ) -> Vec<C> {
        self.list(o, d.key, path)
            .iter()
            .enumerate()
            .filter_map(|(i, x)| each(self, x, &format!("{path}.{}[{i}]", d.key)))
            .collect()
    }

    fn accumulation(&mut self, o: &Obj, key: &str, path: &str) -> Accumulation {
        match o.get(key) {
            None | Some(J::Null) => Accumulation::LastValue,
            Some(J::String(s)) if s == "nilai_akhir" => Accumulation::LastValue,
            Some(J::String(s)) if s == "kumulatif" => Accumulation::Cumulative,
            Some(J::String(other)) => {
                self.problem(
                    &join(path, key),
                    format!(
                        "'{}' tidak dikenal (nilai_akhir, kumulatif)",
                        shorten(other, 40)
                    ),
                );
                Accumulation::LastValue
            }
            Some(other) => {
                self.problem(
                    &join(path, key),
                    format!("harus berupa teks, bukan {}", type_name(other)),
                );
                Accumulation::LastValue
            }
        }
    }

    fn flag(&mut self, o: &Obj, key: &str, path: &str) -> bool {
        match o.get(key) {
            None | Some(J::Null) => false,
            Some(J::Bool(b)) => *b,
            Some(other) => {
                self.problem(
                    &join(path, key),
                    format!("harus benar/salah, bukan {}", type_name(other)),
                );
                false
            }
        }
    }

    fn standard(&mut self, o: &Obj, key: &str, path: &str) -> Option<Standard> {
        let s = o.get(key).filter(|s| !s.is_null())?;
        let sp = join(path, key);
        let so = self.obj(s, &sp)?;
        let value = self.value(so, "nilai", &sp);
        if value.is_none() && !self.full() && !so.contains_key("nilai") {
            self.problem(&join(&sp, "nilai"), rules::REQUIRED);
        }
        value.map(|value| Standard {
            indicator: self.text(so, "indikator", &sp, rules::MAX_NAME),
            value,
            source: self.text(so, "sumber", &sp, rules::MAX_NAME),
        })
    }

    fn period(&mut self, o: &Obj, key: &str, path: &str) -> Option<Period> {
        let p = join(path, key);
        let Some(r) = o.get(key) else {
            self.problem(&p, rules::REQUIRED);
            return None;
        };
        let ro = self.obj(r, &p)?;
        let first = self.int(ro, "awal", &p, rules::YEARS);
        let last = self.int(ro, "akhir", &p, rules::YEARS);
        match (first, last) {
            (Some(f), Some(l)) if rules::period_ok(f, l) => Some(Period {
                first: f as i32,
                last: l as i32,
            }),
            (Some(_), Some(_)) => {
                self.problem(&p, rules::BAD_PERIOD);
                None
            }
            _ => None,
        }
    }

    // Items.

    fn indicator(&mut self, v: &J, path: &str) -> Option<Indicator> {
        let o = self.obj(v, path)?;
        let mut x = Indicator::default();
        self.fields(&mut x, o, path, &mut |_, _, _, _, _| {});
        Some(x)
    }

    fn output(&mut self, v: &J, path: &str) -> Option<Output> {
        let o = self.obj(v, path)?;
        let mut x = Output::default();
        self.fields(&mut x, o, path, &mut |_, _, _, _, _| {});
        Some(x)
    }

    fn sub_kegiatan(&mut self, v: &J, path: &str) -> Option<SubKegiatan> {
        let o = self.obj(v, path)?;
        let mut x = SubKegiatan::default();
        self.fields(&mut x, o, path, &mut |r, x, d, o, p| {
            x.outputs = r.children(d, o, p, |r, v, p| r.output(v, p))
        });
        Some(x)
    }

    fn kegiatan(&mut self, v: &J, path: &str) -> Option<Kegiatan> {
        let o = self.obj(v, path)?;
        let mut x = Kegiatan::default();
        self.fields(&mut x, o, path, &mut |r, x, d, o, p| {
            x.sub_kegiatan = r.children(d, o, p, |r, v, p| r.sub_kegiatan(v, p))
        });
        Some(x)
    }

    fn program(&mut self, v: &J, path: &str) -> Option<Program> {
        let o = self.obj(v, path)?;
        let mut x = Program::default();
        self.fields(&mut x, o, path, &mut |r, x, d, o, p| {
            x.kegiatan = r.children(d, o, p, |r, v, p| r.kegiatan(v, p))
        });
        Some(x)
    }

    fn tujuan(&mut self, v: &J, path: &str) -> Option<Tujuan> {
        let o = self.obj(v, path)?;
        let mut x = Tujuan::default();
        self.fields(&mut x, o, path, &mut |r, x, d, o, p| {
            x.indicators = r.children(d, o, p, |r, v, p| r.indicator(v, p))
        });
        Some(x)
    }

    fn sasaran(&mut self, v: &J, path: &str) -> Option<Sasaran> {
        let o = self.obj(v, path)?;
        let mut x = Sasaran::default();
        self.fields(&mut x, o, path, &mut |r, x, d, o, p| {
            x.iku = r.children(d, o, p, |r, v, p| r.indicator(v, p))
        });
        Some(x)
    }

    fn bound(&mut self, o: &Obj, key: &str, path: &str) -> Option<Bound> {
        let p = join(path, key);
        match o.get(key) {
            None | Some(J::Null) => None,
            Some(b) => {
                let bo = self.obj(b, &p)?;
                let value = match bo.get("nilai") {
                    Some(v) => self.decimal_at(v, &join(&p, "nilai"))?,
                    None => {
                        self.problem(&join(&p, "nilai"), rules::REQUIRED);
                        return None;
                    }
                };
                let inclusive = match bo.get("inklusif") {
                    Some(J::Bool(x)) => *x,
                    _ => {
                        self.problem(&join(&p, "inklusif"), "harus benar/salah");
                        false
                    }
                };
                Some(Bound { value, inclusive })
            }
        }
    }

    pub fn scale(&mut self, v: &J, path: &str) -> Option<Scale> {
        let o = self.obj(v, path)?;
        let bands = self
            .list(o, "kategori", path)
            .iter()
            .enumerate()
            .filter_map(|(i, b)| {
                let bp = format!("{path}.kategori[{i}]");
                let bo = self.obj(b, &bp)?;
                Some(Band {
                    label: self.text(bo, "label", &bp, MAX_NAME),
                    lower: self.bound(bo, "bawah", &bp),
                    upper: self.bound(bo, "atas", &bp),
                })
            })
            .collect();
        let scale = Scale {
            name: self.text(o, "nama", path, MAX_NAME),
            bands,
        };
        match scale.validate() {
            Ok(()) => Some(scale),
            Err(e) => {
                self.problem(path, e.to_string());
                None
            }
        }
    }

    /// The envelope's own fields (version 2).
    pub fn meta(&mut self, o: &Obj) -> Meta {
        let basis = match o.get("basis") {
            None | Some(J::Null) => None,
            Some(b) => self.obj(b, "basis").map(|bo| Basis {
                report_id: self.report_id(bo, "basis"),
                revision: self.revision(bo, "basis"),
            }),
        };
        Meta {
            app_version: self.text(o, "versi_aplikasi", "", MAX_META),
            exported_at: self.text(o, "diekspor", "", MAX_META),
            report_id: self.report_id(o, ""),
            revision: self.revision(o, ""),
            basis,
        }
    }

    fn report_id(&mut self, o: &Obj, path: &str) -> String {
        let p = join(path, "id_laporan");
        match o.get("id_laporan") {
            None => {
                self.problem(&p, "wajib ada");
                String::new()
            }
            Some(J::String(s)) if s.chars().count() > MAX_ID => {
                self.problem(&p, rules::id_too_long());
                String::new()
            }
            Some(J::String(s)) if !rules::report_id_ok(s) => {
                self.problem(&p, rules::BAD_REPORT_ID);
                String::new()
            }
            Some(J::String(s)) => s.clone(),
            Some(other) => {
                self.problem(&p, format!("harus berupa teks, bukan {}", type_name(other)));
                String::new()
            }
        }
    }

    fn revision(&mut self, o: &Obj, path: &str) -> u64 {
        let p = join(path, "revisi");
        match o.get("revisi") {
            None => {
                self.problem(&p, "wajib ada");
                0
            }
            Some(J::Number(n)) => match n.as_u64() {
                Some(r) if r <= MAX_REVISION => r,
                _ => {
                    self.problem(&p, format!("harus bilangan bulat 0–{MAX_REVISION}"));
                    0
                }
            },
            Some(other) => {
                self.problem(
                    &p,
                    format!("harus berupa angka, bukan {}", type_name(other)),
                );
                0
            }
        }
    }

    pub fn report(&mut self, v: &J) -> Option<Report> {
        let o = self.obj(v, "laporan")?;
        let mut r = Report::new(String::new(), 0, Period { first: 0, last: 0 });
        // Items are read into the report by the table's walk; the paths of top-level lists
        // have no prefix.
        let ok = self.fields(&mut r, o, "", &mut |rd, r, d, o, _| {
            let each = |i: usize| format!("{}[{i}]", d.key);
            let items = rd.list(o, d.key, "");
            match d.name {
                "tujuan" => {
                    r.tujuan = items
                        .iter()
                        .enumerate()
                        .filter_map(|(i, t)| rd.tujuan(t, &each(i)))
                        .collect()
                }
                "sasaran" => {
                    r.sasaran = items
                        .iter()
                        .enumerate()
                        .filter_map(|(i, s)| rd.sasaran(s, &each(i)))
                        .collect()
                }
                _ => {
                    r.programs = items
                        .iter()
                        .enumerate()
                        .filter_map(|(i, p)| rd.program(p, &each(i)))
                        .collect()
                }
            }
        });
        let Report {
            tujuan,
            sasaran,
            programs,
            ..
        } = &r;

        // Links must point at something that exists.
        for (i, s) in sasaran.iter().enumerate() {
            if let Some(t) = &s.tujuan_id {
                if !tujuan.iter().any(|x| &x.id == t) {
                    self.problem(
                        &format!("sasaran[{i}].tujuan_id"),
                        format!("tujuan '{}' tidak ada", shorten(t.as_str(), 40)),
                    );
                }
            }
        }
        for (i, p) in programs.iter().enumerate() {
            if let Some(s) = &p.sasaran_id {
                if !sasaran.iter().any(|x| &x.id == s) {
                    self.problem(
                        &format!("program[{i}].sasaran_id"),
                        format!("sasaran '{}' tidak ada", shorten(s.as_str(), 40)),
                    );
                }
            }
        }

        ok.then_some(r)
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}
