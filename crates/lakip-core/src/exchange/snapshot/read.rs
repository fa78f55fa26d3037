//! Snapshot JSON → report, validating everything and naming the place of every problem
//! (`program[2].kegiatan[0].sub_kegiatan[3].pagu: bukan angka`).

use super::{Basis, Meta, Problem, MAX_REVISION};
use crate::model::scale::{Band, Bound, Scale};
use crate::model::value::Value;
use crate::model::*;
use crate::num::{format_plain, limit};
use rust_decimal::Decimal;
use serde_json::{Map, Value as J};
use std::collections::{BTreeMap, HashMap};
use std::str::FromStr;

/// Longest name (program, indicator, …) accepted.
pub const MAX_NAME: usize = 2_000;
/// Longest free text (cause, solution) accepted.
pub const MAX_TEXT: usize = 20_000;
/// Longest id or code accepted.
pub const MAX_ID: usize = 64;
/// Most problems listed; past this the reader stops looking.
pub const MAX_PROBLEMS: usize = 200;
/// Most items of one list (programs, sub kegiatan of a kegiatan, …).
pub const MAX_ITEMS: usize = 100_000;
/// Most decimals of a number (money: 2).
pub const MAX_DECIMALS: usize = 12;
/// Most digits before the decimal point (the limit itself, 10^15, has 16).
const MAX_INT_DIGITS: usize = 16;
/// Longest envelope text (`versi_aplikasi`, `diekspor`).
pub const MAX_META: usize = 200;

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
    let frac = frac.trim_end_matches('0');
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
                self.problem(&p, format!("terlalu banyak isi ({} butir)", a.len()));
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
                    self.problem(
                        &p,
                        format!("teks terlalu panjang ({n} karakter, paling banyak {max})"),
                    );
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
                self.problem(
                    p,
                    format!(
                        "angka terlalu besar (paling besar {})",
                        format_plain(limit())
                    ),
                );
                None
            }
            Err(DecError::TooManyDecimals) => {
                self.problem(
                    p,
                    format!("terlalu banyak angka desimal (paling banyak {MAX_DECIMALS})"),
                );
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
        let p = join(path, key);
        if d.is_sign_negative() && !d.is_zero() {
            self.problem(&p, "tidak boleh negatif");
            return None;
        }
        if d.normalize().scale() > 2 {
            self.problem(
                &p,
                "terlalu banyak angka desimal (rupiah paling banyak 2 desimal)",
            );
            return None;
        }
        Some(d)
    }

    fn int(&mut self, o: &Obj, key: &str, path: &str, min: i64, max: i64) -> Option<i64> {
        let p = join(path, key);
        match o.get(key) {
            None | Some(J::Null) => {
                self.problem(&p, "wajib diisi");
                None
            }
            Some(J::Number(n)) => match n.as_i64() {
                Some(i) if (min..=max).contains(&i) => Some(i),
                _ => {
                    self.problem(&p, format!("harus bilangan bulat {min}–{max}"));
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
                        self.problem(
                            &join(p, "rentang"),
                            "batas bawah lebih besar dari batas atas",
                        );
                        return None;
                    }
                    Some(Value::Range { low, high })
                } else if o.contains_key("rasio") {
                    let (left, right) = pair(self, "rasio")?;
                    if left.is_zero() {
                        self.problem(&join(p, "rasio"), "sisi kiri rasio tidak boleh 0");
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
                        Ok(y) if canonical && (1900..=2200).contains(&y) => {
                            if let Some(val) = self.value_at(v, &yp) {
                                out.insert(y, val);
                            }
                        }
                        _ => {
                            let yp = format!("{p}.{}", shorten(k, 20));
                            self.problem(&yp, "bukan tahun (empat angka, 1900–2200)")
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

    fn direction(&mut self, o: &Obj, path: &str) -> Direction {
        match o.get("arah") {
            None | Some(J::Null) => Direction::HigherIsBetter,
            Some(J::String(s)) => match s.as_str() {
                "naik" => Direction::HigherIsBetter,
                "turun" => Direction::LowerIsBetter,
                "turun_rasio_terbalik" => Direction::LowerIsBetterInverse,
                other => {
                    self.problem(
                        &join(path, "arah"),
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
                    &join(path, "arah"),
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
                self.problem(
                    &p,
                    format!("id terlalu panjang (paling banyak {MAX_ID} karakter)"),
                );
                Id::default()
            }
            None | Some(J::Null) | Some(J::String(_)) => {
                self.problem(&p, "wajib diisi");
                Id::default()
            }
            Some(other) => {
                self.problem(&p, format!("harus berupa teks, bukan {}", type_name(other)));
                Id::default()
            }
        }
    }

    fn code(&mut self, o: &Obj, path: &str, level: &str) -> String {
        let code = self.text(o, "kode", path, MAX_ID).trim().to_string();
        if !code.is_empty() {
            let key = format!("{level}:{}", crate::model::code::normalise(&code));
            if let Some(first) = self.codes.get(&key) {
                let first = first.clone();
                self.problem(
                    &join(path, "kode"),
                    format!("kode ganda '{code}' (sudah dipakai di {first})"),
                );
            } else {
                self.codes.insert(key, path.to_string());
            }
        }
        code
    }

    fn link(&mut self, o: &Obj, key: &str, path: &str) -> Option<Id> {
        match o.get(key) {
            None | Some(J::Null) => None,
            Some(J::String(s)) if s.is_empty() => None,
            Some(J::String(s)) if s.chars().count() > MAX_ID => {
                self.problem(
                    &join(path, key),
                    format!("id terlalu panjang (paling banyak {MAX_ID} karakter)"),
                );
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

    fn indicator(&mut self, v: &J, path: &str) -> Option<Indicator> {
        let o = self.obj(v, path)?;
        let rumus_path = join(path, "rumus");
        let formula = match o.get("rumus") {
            None | Some(J::Null) => Formula::default(),
            Some(r) => match self.obj(r, &rumus_path) {
                Some(r) => Formula {
                    numerator: self.text(r, "pembilang", &rumus_path, MAX_NAME),
                    denominator: self.text(r, "penyebut", &rumus_path, MAX_NAME),
                    numerator_value: self.decimal(r, "nilai_pembilang", &rumus_path),
                    denominator_value: self.decimal(r, "nilai_penyebut", &rumus_path),
                },
                None => Formula::default(),
            },
        };
        let standard = match o.get("standar") {
            None | Some(J::Null) => None,
            Some(s) => {
                let sp = join(path, "standar");
                let so = self.obj(s, &sp)?;
                let value = self.value(so, "nilai", &sp);
                if value.is_none() && !self.full() && !so.contains_key("nilai") {
                    self.problem(&join(&sp, "nilai"), "wajib diisi");
                }
                value.map(|value| Standard {
                    indicator: self.text(so, "indikator", &sp, MAX_NAME),
                    value,
                    source: self.text(so, "sumber", &sp, MAX_NAME),
                })
            }
        };
        let accumulation = match o.get("akumulasi") {
            None | Some(J::Null) => Accumulation::LastValue,
            Some(J::String(s)) if s == "nilai_akhir" => Accumulation::LastValue,
            Some(J::String(s)) if s == "kumulatif" => Accumulation::Cumulative,
            Some(J::String(other)) => {
                self.problem(
                    &join(path, "akumulasi"),
                    format!(
                        "'{}' tidak dikenal (nilai_akhir, kumulatif)",
                        shorten(other, 40)
                    ),
                );
                Accumulation::LastValue
            }
            Some(other) => {
                self.problem(
                    &join(path, "akumulasi"),
                    format!("harus berupa teks, bukan {}", type_name(other)),
                );
                Accumulation::LastValue
            }
        };
        Some(Indicator {
            id: self.id(o, path),
            name: self.text(o, "nama", path, MAX_NAME),
            unit: self.text(o, "satuan", path, MAX_NAME),
            direction: self.direction(o, path),
            formula,
            targets: self.years(o, "target", path),
            target_pk: self.value(o, "target_pk", path),
            realisations: self.years(o, "realisasi", path),
            standard,
            accumulation,
            cause: self.text(o, "penyebab", path, MAX_TEXT),
            solution: self.text(o, "solusi", path, MAX_TEXT),
        })
    }

    fn output(&mut self, v: &J, path: &str) -> Option<Output> {
        let o = self.obj(v, path)?;
        Some(Output {
            id: self.id(o, path),
            name: self.text(o, "nama", path, MAX_NAME),
            unit: self.text(o, "satuan", path, MAX_NAME),
            unit_realisasi: self.opt_text(o, "satuan_realisasi", path, MAX_NAME),
            direction: self.direction(o, path),
            target: self.value(o, "target", path),
            realisasi: self.value(o, "realisasi", path),
            cause: self.text(o, "penyebab", path, MAX_TEXT),
            solution: self.text(o, "solusi", path, MAX_TEXT),
        })
    }

    fn sub_kegiatan(&mut self, v: &J, path: &str) -> Option<SubKegiatan> {
        let o = self.obj(v, path)?;
        let outputs = self
            .list(o, "keluaran", path)
            .iter()
            .enumerate()
            .filter_map(|(i, x)| self.output(x, &format!("{path}.keluaran[{i}]")))
            .collect();
        Some(SubKegiatan {
            id: self.id(o, path),
            code: self.code(o, path, "sub_kegiatan"),
            name: self.text(o, "nama", path, MAX_NAME),
            pagu: self.money(o, "pagu", path),
            pagu_murni: self.money(o, "pagu_murni", path),
            realisasi: self.money(o, "realisasi", path),
            outputs,
        })
    }

    fn kegiatan(&mut self, v: &J, path: &str) -> Option<Kegiatan> {
        let o = self.obj(v, path)?;
        let id = self.id(o, path);
        let code = self.code(o, path, "kegiatan");
        let sub_kegiatan = self
            .list(o, "sub_kegiatan", path)
            .iter()
            .enumerate()
            .filter_map(|(i, x)| self.sub_kegiatan(x, &format!("{path}.sub_kegiatan[{i}]")))
            .collect();
        let spm = match o.get("spm") {
            None | Some(J::Null) => false,
            Some(J::Bool(b)) => *b,
            Some(other) => {
                self.problem(
                    &join(path, "spm"),
                    format!("harus benar/salah, bukan {}", type_name(other)),
                );
                false
            }
        };
        Some(Kegiatan {
            id,
            code,
            name: self.text(o, "nama", path, MAX_NAME),
            spm,
            sub_kegiatan,
            pagu: self.money(o, "pagu", path),
            realisasi: self.money(o, "realisasi", path),
        })
    }

    fn program(&mut self, v: &J, path: &str) -> Option<Program> {
        let o = self.obj(v, path)?;
        let id = self.id(o, path);
        let code = self.code(o, path, "program");
        let kegiatan = self
            .list(o, "kegiatan", path)
            .iter()
            .enumerate()
            .filter_map(|(i, x)| self.kegiatan(x, &format!("{path}.kegiatan[{i}]")))
            .collect();
        Some(Program {
            id,
            code,
            name: self.text(o, "nama", path, MAX_NAME),
            sasaran_id: self.link(o, "sasaran_id", path),
            pagu_pk: self.money(o, "pagu_pk", path),
            kegiatan,
            pagu: self.money(o, "pagu", path),
            realisasi: self.money(o, "realisasi", path),
        })
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
                        self.problem(&join(&p, "nilai"), "wajib diisi");
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
                self.problem(
                    &p,
                    format!("id terlalu panjang (paling banyak {MAX_ID} karakter)"),
                );
                String::new()
            }
            Some(J::String(s))
                if !s
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.')) =>
            {
                self.problem(&p, "hanya boleh huruf, angka, '-', '_' dan '.'");
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
        let instansi = self.text(o, "instansi", "", MAX_NAME);
        let tahun = self.int(o, "tahun", "", 1900, 2200);
        let renstra = match o.get("renstra") {
            Some(r) => match self.obj(r, "renstra") {
                Some(ro) => {
                    let first = self.int(ro, "awal", "renstra", 1900, 2200);
                    let last = self.int(ro, "akhir", "renstra", 1900, 2200);
                    match (first, last) {
                        (Some(f), Some(l)) if f <= l && l - f <= 10 => Some(Period {
                            first: f as i32,
                            last: l as i32,
                        }),
                        (Some(_), Some(_)) => {
                            self.problem(
                                "renstra",
                                "periode tidak masuk akal (awal ≤ akhir, paling lama 10 tahun)",
                            );
                            None
                        }
                        _ => None,
                    }
                }
                None => None,
            },
            None => {
                self.problem("renstra", "wajib diisi");
                None
            }
        };
        let mut settings = Settings::default();
        if let Some(p) = o.get("pengaturan").filter(|p| !p.is_null()) {
            if let Some(po) = self.obj(p, "pengaturan") {
                if let Some(s) = po.get("skala").filter(|s| !s.is_null()) {
                    if let Some(scale) = self.scale(s, "pengaturan.skala") {
                        settings.scale = scale;
                    }
                }
                settings.cap = self.decimal(po, "batas_capaian", "pengaturan");
                if let Some(c) = settings.cap {
                    if c <= Decimal::ZERO {
                        self.problem("pengaturan.batas_capaian", "harus lebih dari 0");
                    }
                }
                if po.contains_key("desimal") {
                    settings.decimals =
                        self.int(po, "desimal", "pengaturan", 0, 6).unwrap_or(2) as u32;
                }
            }
        }
        let pk = match o.get("pk") {
            None | Some(J::Null) => PerjanjianKinerja::default(),
            Some(v) => match self.obj(v, "pk") {
                Some(po) => PerjanjianKinerja {
                    signed: self.text(po, "ditandatangani", "pk", MAX_NAME),
                },
                None => PerjanjianKinerja::default(),
            },
        };
        let tujuan: Vec<Tujuan> = self
            .list(o, "tujuan", "")
            .iter()
            .enumerate()
            .filter_map(|(i, t)| {
                let p = format!("tujuan[{i}]");
                let to = self.obj(t, &p)?;
                Some(Tujuan {
                    id: self.id(to, &p),
                    name: self.text(to, "nama", &p, MAX_NAME),
                    indicators: self
                        .list(to, "indikator", &p)
                        .iter()
                        .enumerate()
                        .filter_map(|(j, x)| self.indicator(x, &format!("{p}.indikator[{j}]")))
                        .collect(),
                })
            })
            .collect();
        let sasaran: Vec<Sasaran> = self
            .list(o, "sasaran", "")
            .iter()
            .enumerate()
            .filter_map(|(i, s)| {
                let p = format!("sasaran[{i}]");
                let so = self.obj(s, &p)?;
                Some(Sasaran {
                    id: self.id(so, &p),
                    name: self.text(so, "nama", &p, MAX_NAME),
                    tujuan_id: self.link(so, "tujuan_id", &p),
                    iku: self
                        .list(so, "iku", &p)
                        .iter()
                        .enumerate()
                        .filter_map(|(j, x)| self.indicator(x, &format!("{p}.iku[{j}]")))
                        .collect(),
                })
            })
            .collect();
        let programs: Vec<Program> = self
            .list(o, "program", "")
            .iter()
            .enumerate()
            .filter_map(|(i, p)| self.program(p, &format!("program[{i}]")))
            .collect();

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

        Some(Report {
            instansi,
            tahun: tahun? as i32,
            renstra: renstra?,
            settings,
            tujuan,
            sasaran,
            programs,
            pk,
        })
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}
