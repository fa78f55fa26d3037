//! Report → snapshot JSON (the current version). The format is described in
//! `docs/snapshot-format.md`; [`super::read`] is its inverse.
//!
//! The JSON is written straight into one string (no tree of values first): the app saves
//! after every change, and a 20.000-row report must not stall the page. Defaults are left
//! out (empty texts, `null`s, `"arah": "naik"`, `"akumulasi": "nilai_akhir"`,
//! `"spm": false`, empty objects and lists below the report's own lists); the reader fills
//! them back in.

use super::{Meta, FORMAT_NAME, VERSION};
use crate::model::scale::{Bound, Scale};
use crate::model::value::Value;
use crate::model::*;
use rust_decimal::Decimal;
use serde_json::Value as J;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// A JSON writer: compact, or indented by two spaces like `serde_json::to_string_pretty`.
struct W {
    s: String,
    pretty: bool,
    depth: usize,
    /// No member written yet in the innermost object or list.
    first: bool,
}

impl W {
    fn new(pretty: bool, capacity: usize) -> W {
        W {
            s: String::with_capacity(capacity),
            pretty,
            depth: 0,
            first: true,
        }
    }

    fn newline(&mut self) {
        self.s.push('\n');
        for _ in 0..self.depth {
            self.s.push_str("  ");
        }
    }

    fn open(&mut self, c: char) {
        self.s.push(c);
        self.depth += 1;
        self.first = true;
    }

    fn close(&mut self, c: char) {
        self.depth -= 1;
        if !self.first && self.pretty {
            self.newline();
        }
        self.s.push(c);
        self.first = false;
    }

    /// Before a member of an object or list.
    fn sep(&mut self) {
        if !self.first {
            self.s.push(',');
        }
        if self.pretty {
            self.newline();
        }
        self.first = false;
    }

    fn key(&mut self, k: &str) {
        self.sep();
        self.raw_str(k);
        self.s.push(':');
        if self.pretty {
            self.s.push(' ');
        }
    }

    /// A JSON string, escaped as serde_json escapes: `"`, `\` and control characters.
    fn raw_str(&mut self, v: &str) {
        self.s.push('"');
        let bytes = v.as_bytes();
        let mut start = 0;
        for (i, &b) in bytes.iter().enumerate() {
            let esc: Option<&str> = match b {
                b'"' => Some("\\\""),
                b'\\' => Some("\\\\"),
                b'\n' => Some("\\n"),
                b'\r' => Some("\\r"),
                b'\t' => Some("\\t"),
                0x08 => Some("\\b"),
                0x0C => Some("\\f"),
                0..=0x1F => None,
                _ => continue,
            };
            // Every byte above is ASCII: `i` is on a character boundary.
            self.s.push_str(&v[start..i]);
            match esc {
                Some(e) => self.s.push_str(e),
                None => {
                    let _ = write!(self.s, "\\u{:04x}", b);
                }
            }
            start = i + 1;
        }
        self.s.push_str(&v[start..]);
        self.s.push('"');
    }

    fn str_val(&mut self, v: &str) {
        self.raw_str(v);
    }

    fn dec(&mut self, d: Decimal) {
        let _ = write!(self.s, "\"{}\"", d.normalize());
    }

    fn int(&mut self, i: impl std::fmt::Display) {
        let _ = write!(self.s, "{i}");
    }

    fn null(&mut self) {
        self.s.push_str("null");
    }

    // Members.

    fn text(&mut self, k: &str, v: &str) {
        self.key(k);
        self.str_val(v);
    }

    /// A text member, left out when empty.
    fn text_opt(&mut self, k: &str, v: &str) {
        if !v.is_empty() {
            self.text(k, v);
        }
    }

    fn money_opt(&mut self, k: &str, m: Option<Money>) {
        if let Some(m) = m {
            self.key(k);
            self.dec(m);
        }
    }

    fn value(&mut self, v: &Value) {
        match v {
            Value::Number(n) => self.dec(*n),
            Value::Range { low, high } => self.pair("rentang", *low, *high),
            Value::Ratio { left, right } => self.pair("rasio", *left, *right),
            Value::NotAvailable => self.str_val("n/a"),
        }
    }

    fn pair(&mut self, k: &str, a: Decimal, b: Decimal) {
        self.open('{');
        self.key(k);
        self.open('[');
        self.sep();
        self.dec(a);
        self.sep();
        self.dec(b);
        self.close(']');
        self.close('}');
    }

    fn value_opt(&mut self, k: &str, v: &Option<Value>) {
        if let Some(v) = v {
            self.key(k);
            self.value(v);
        }
    }

    fn years(&mut self, k: &str, m: &BTreeMap<i32, Value>) {
        if m.is_empty() {
            return;
        }
        self.key(k);
        self.open('{');
        for (y, v) in m {
            self.key(&y.to_string());
            self.value(v);
        }
        self.close('}');
    }

    fn direction(&mut self, d: Direction) {
        match d {
            Direction::HigherIsBetter => {}
            Direction::LowerIsBetter => self.text("arah", "turun"),
            Direction::LowerIsBetterInverse => self.text("arah", "turun_rasio_terbalik"),
        }
    }

    fn list<T>(&mut self, k: &str, items: &[T], always: bool, mut each: impl FnMut(&mut W, &T)) {
        if items.is_empty() && !always {
            return;
        }
        self.key(k);
        self.open('[');
        for x in items {
            self.sep();
            each(self, x);
        }
        self.close(']');
    }

    // Items.

    fn bound(&mut self, k: &str, b: &Option<Bound>) {
        self.key(k);
        match b {
            None => self.null(),
            Some(b) => {
                self.open('{');
                self.key("nilai");
                self.dec(b.value);
                self.key("inklusif");
                self.s.push_str(if b.inclusive { "true" } else { "false" });
                self.close('}');
            }
        }
    }

    fn scale(&mut self, s: &Scale) {
        self.open('{');
        self.text("nama", &s.name);
        self.list("kategori", &s.bands, true, |w, b| {
            w.open('{');
            w.text("label", &b.label);
            w.bound("bawah", &b.lower);
            w.bound("atas", &b.upper);
            w.close('}');
        });
        self.close('}');
    }

    fn indicator(&mut self, i: &Indicator) {
        self.open('{');
        self.text("id", &i.id.0);
        self.text("nama", &i.name);
        self.text_opt("satuan", &i.unit);
        self.direction(i.direction);
        if i.accumulation == Accumulation::Cumulative {
            self.text("akumulasi", "kumulatif");
        }
        let f = &i.formula;
        if !f.numerator.is_empty()
            || !f.denominator.is_empty()
            || f.numerator_value.is_some()
            || f.denominator_value.is_some()
        {
            self.key("rumus");
            self.open('{');
            self.text_opt("pembilang", &f.numerator);
            self.text_opt("penyebut", &f.denominator);
            self.money_opt("nilai_pembilang", f.numerator_value);
            self.money_opt("nilai_penyebut", f.denominator_value);
            self.close('}');
        }
        self.years("target", &i.targets);
        self.value_opt("target_pk", &i.target_pk);
        self.years("realisasi", &i.realisations);
        if let Some(s) = &i.standard {
            self.key("standar");
            self.open('{');
            self.text("indikator", &s.indicator);
            self.key("nilai");
            self.value(&s.value);
            self.text("sumber", &s.source);
            self.close('}');
        }
        self.text_opt("penyebab", &i.cause);
        self.text_opt("solusi", &i.solution);
        self.close('}');
    }

    fn output(&mut self, o: &Output) {
        self.open('{');
        self.text("id", &o.id.0);
        self.text("nama", &o.name);
        self.text_opt("satuan", &o.unit);
        // An empty unit of the realisation is `Some("")`, not "no unit": kept.
        if let Some(u) = &o.unit_realisasi {
            self.text("satuan_realisasi", u);
        }
        self.direction(o.direction);
        self.value_opt("target", &o.target);
        self.value_opt("realisasi", &o.realisasi);
        self.text_opt("penyebab", &o.cause);
        self.text_opt("solusi", &o.solution);
        self.close('}');
    }

    fn program(&mut self, p: &Program) {
        self.open('{');
        self.text("id", &p.id.0);
        self.text_opt("kode", &p.code);
        self.text("nama", &p.name);
        if let Some(s) = &p.sasaran_id {
            self.text("sasaran_id", &s.0);
        }
        self.money_opt("pagu_pk", p.pagu_pk);
        self.money_opt("pagu", p.pagu);
        self.money_opt("realisasi", p.realisasi);
        self.list("kegiatan", &p.kegiatan, false, |w, k| {
            w.open('{');
            w.text("id", &k.id.0);
            w.text_opt("kode", &k.code);
            w.text("nama", &k.name);
            if k.spm {
                w.key("spm");
                w.s.push_str("true");
            }
            w.money_opt("pagu", k.pagu);
            w.money_opt("realisasi", k.realisasi);
            w.list("sub_kegiatan", &k.sub_kegiatan, false, |w, s| {
                w.open('{');
                w.text("id", &s.id.0);
                w.text_opt("kode", &s.code);
                w.text("nama", &s.name);
                w.money_opt("pagu", s.pagu);
                w.money_opt("pagu_murni", s.pagu_murni);
                w.money_opt("realisasi", s.realisasi);
                w.list("keluaran", &s.outputs, false, |w, o| w.output(o));
                w.close('}');
            });
            w.close('}');
        });
        self.close('}');
    }

    fn report(&mut self, r: &Report) {
        self.open('{');
        self.text("instansi", &r.instansi);
        self.key("tahun");
        self.int(r.tahun);
        self.key("renstra");
        self.open('{');
        self.key("awal");
        self.int(r.renstra.first);
        self.key("akhir");
        self.int(r.renstra.last);
        self.close('}');
        self.key("pengaturan");
        self.open('{');
        self.key("skala");
        self.scale(&r.settings.scale);
        self.key("batas_capaian");
        match r.settings.cap {
            Some(c) => self.dec(c),
            None => self.null(),
        }
        self.key("desimal");
        self.int(r.settings.decimals);
        self.close('}');
        self.key("pk");
        self.open('{');
        self.text("ditandatangani", &r.pk.signed);
        self.close('}');
        self.list("tujuan", &r.tujuan, true, |w, t| {
            w.open('{');
            w.text("id", &t.id.0);
            w.text("nama", &t.name);
            w.list("indikator", &t.indicators, true, |w, i| w.indicator(i));
            w.close('}');
        });
        self.list("sasaran", &r.sasaran, true, |w, s| {
            w.open('{');
            w.text("id", &s.id.0);
            w.text("nama", &s.name);
            w.key("tujuan_id");
            match &s.tujuan_id {
                Some(t) => w.str_val(&t.0),
                None => w.null(),
            }
            w.list("iku", &s.iku, true, |w, i| w.indicator(i));
            w.close('}');
        });
        self.list("program", &r.programs, true, |w, p| w.program(p));
        self.close('}');
    }
}

/// A rough size, so the string grows once or twice, not twenty times.
fn capacity(r: &Report) -> usize {
    4096 + r.sub_kegiatan_count() * 420 + r.sasaran.iter().map(|s| s.iku.len()).sum::<usize>() * 600
}

/// The report part alone, as a JSON value.
pub(super) fn report_json(r: &Report) -> J {
    let mut w = W::new(false, capacity(r));
    w.report(r);
    serde_json::from_str(&w.s).unwrap_or(J::Null)
}

/// The whole snapshot: the envelope, its fields in a fixed order (format and version
/// first, the report last) so that a person opening the file sees what it is at once.
pub(super) fn envelope(r: &Report, meta: &Meta, pretty: bool) -> String {
    let mut w = W::new(pretty, capacity(r) * if pretty { 2 } else { 1 });
    w.open('{');
    w.text("format", FORMAT_NAME);
    w.key("versi");
    w.int(VERSION);
    w.text("versi_aplikasi", &meta.app_version);
    w.text("diekspor", &meta.exported_at);
    w.text("id_laporan", &meta.report_id);
    w.key("revisi");
    w.int(meta.revision);
    w.key("basis");
    match &meta.basis {
        None => w.null(),
        Some(b) => {
            w.open('{');
            w.text("id_laporan", &b.report_id);
            w.key("revisi");
            w.int(b.revision);
            w.close('}');
        }
    }
    w.text("instansi", &r.instansi);
    w.key("tahun");
    w.int(r.tahun);
    w.key("laporan");
    w.report(r);
    w.close('}');
    w.s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        for s in [
            "",
            "a\"b\\c",
            "baris\nbaru\r\t",
            "\u{0}\u{1}\u{1f}\u{7f}",
            "é 漢字 🇮🇩 \u{2028}",
            "</script>",
        ] {
            let mut w = W::new(false, 16);
            w.str_val(s);
            assert_eq!(w.s, serde_json::to_string(s).unwrap(), "{s:?}");
        }
    }

    #[test]
    fn pretty_and_compact_are_the_same_json() {
        let r = crate::example::example();
        let meta = Meta {
            report_id: "r-1".into(),
            revision: 3,
            ..Default::default()
        };
        let pretty = envelope(&r, &meta, true);
        let compact = envelope(&r, &meta, false);
        assert_eq!(
            serde_json::from_str::<J>(&pretty).unwrap(),
            serde_json::from_str::<J>(&compact).unwrap()
        );
        assert!(
            pretty.starts_with("{\n  \"format\": \"kalkulator-lakip\",\n  \"versi\": 2,\n"),
            "{}",
            &pretty[..60]
        );
        assert!(compact.starts_with("{\"format\":\"kalkulator-lakip\",\"versi\":2,"));
        assert!(!compact.contains('\n'));
        // Indented by two spaces per level, as serde_json does.
        let laporan = pretty.lines().find(|l| l.contains("\"laporan\"")).unwrap();
        assert_eq!(laporan, "  \"laporan\": {");
        assert!(pretty.contains("\n    \"instansi\": \"Dinas Sosial Kota Pontianak\",\n"));
    }
}
