//! Report → snapshot JSON (the current version). The format is described in
//! `docs/snapshot-format.md`; [`super::read`] is its inverse.
//!
//! The JSON is written straight into one string (no tree of values first): the app saves
//! after every change, and a 20.000-row report must not stall the page. Defaults are left
//! out (empty texts, `null`s, `"arah": "naik"`, `"akumulasi": "nilai_akhir"`,
//! `"spm": false`, empty objects and lists below the report's own lists); the reader fills
//! them back in.

use super::{Meta, FORMAT_NAME, VERSION};
use crate::model::fields::{Def, Fields, Slot};
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
        // As typed: "4.30" keeps its zero (the printed report shows 4,30).
        let _ = write!(self.s, "\"{d}\"");
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

    /// A number member, left out when absent.
    fn dec_opt(&mut self, k: &str, m: Option<Decimal>) {
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

    // Fields, by the node's table.

    /// Every field of `x` in table order, the members of a nested object (`rumus`,
    /// `pengaturan`) inside it; an object all of whose members are left out is left out
    /// too. `children` writes the lists of children.
    fn fields<T: Fields>(&mut self, x: &T, children: &mut dyn FnMut(&mut W, &Def<T>)) {
        let defs = T::fields();
        let mut i = 0;
        while i < defs.len() {
            let Some(parent) = defs[i].within else {
                self.field(&defs[i], x, children);
                i += 1;
                continue;
            };
            let n = defs[i..]
                .iter()
                .take_while(|d| d.within == Some(parent))
                .count();
            let (len, first) = (self.s.len(), self.first);
            self.key(parent);
            self.open('{');
            for d in &defs[i..i + n] {
                self.field(d, x, children);
            }
            if self.first {
                // Nothing in it: as if never begun.
                self.s.truncate(len);
                self.depth -= 1;
                self.first = first;
            } else {
                self.close('}');
            }
            i += n;
        }
    }

    fn field<T>(&mut self, d: &Def<T>, x: &T, children: &mut dyn FnMut(&mut W, &Def<T>)) {
        let k = d.key;
        match &d.slot {
            Slot::Id(l) => self.text(k, &(l.get)(x).0),
            Slot::Text {
                lens, omit_empty, ..
            } => {
                if *omit_empty {
                    self.text_opt(k, (lens.get)(x))
                } else {
                    self.text(k, (lens.get)(x))
                }
            }
            // An empty unit of the realisation is `Some("")`, not "no unit": kept.
            Slot::OptText { lens, .. } => {
                if let Some(u) = (lens.get)(x) {
                    self.text(k, u);
                }
            }
            Slot::Code { lens, .. } => self.text_opt(k, (lens.get)(x)),
            Slot::Money(l) | Slot::Number(l) => self.dec_opt(k, *(l.get)(x)),
            Slot::Percent(l) => {
                self.key(k);
                match *(l.get)(x) {
                    Some(c) => self.dec(c),
                    None => self.null(),
                }
            }
            Slot::Value(l) => self.value_opt(k, (l.get)(x)),
            Slot::Years(l) => self.years(k, (l.get)(x)),
            Slot::Direction(l) => match (l.get)(x) {
                Direction::HigherIsBetter => {}
                Direction::LowerIsBetter => self.text(k, "turun"),
                Direction::LowerIsBetterInverse => self.text(k, "turun_rasio_terbalik"),
            },
            Slot::Accumulation(l) => {
                if *(l.get)(x) == Accumulation::Cumulative {
                    self.text(k, "kumulatif");
                }
            }
            Slot::Flag(l) => {
                if *(l.get)(x) {
                    self.key(k);
                    self.s.push_str("true");
                }
            }
            Slot::Link {
                lens, write_null, ..
            } => match (lens.get)(x) {
                Some(id) => self.text(k, &id.0),
                None if *write_null => {
                    self.key(k);
                    self.null();
                }
                None => {}
            },
            Slot::Standard(l) => {
                if let Some(s) = (l.get)(x) {
                    self.key(k);
                    self.open('{');
                    self.text("indikator", &s.indicator);
                    self.key("nilai");
                    self.value(&s.value);
                    self.text("sumber", &s.source);
                    self.close('}');
                }
            }
            Slot::Year(l) => {
                self.key(k);
                self.int(*(l.get)(x));
            }
            Slot::Period(l) => {
                let p = (l.get)(x);
                self.key(k);
                self.open('{');
                self.key("awal");
                self.int(p.first);
                self.key("akhir");
                self.int(p.last);
                self.close('}');
            }
            Slot::Scale(l) => {
                self.key(k);
                self.scale((l.get)(x));
            }
            Slot::Decimals(l) => {
                self.key(k);
                self.int(*(l.get)(x));
            }
            Slot::Children { .. } => children(self, d),
        }
    }

    /// A list of children where the table names it.
    fn children<T, C>(&mut self, d: &Def<T>, items: &[C], each: impl FnMut(&mut W, &C)) {
        let always = matches!(d.slot, Slot::Children { omit_empty: false });
        self.list(d.key, items, always, each);
    }

    // Items.

    fn indicator(&mut self, i: &Indicator) {
        self.open('{');
        self.fields(i, &mut |_, _| {});
        self.close('}');
    }

    fn output(&mut self, o: &Output) {
        self.open('{');
        self.fields(o, &mut |_, _| {});
        self.close('}');
    }

    fn sub_kegiatan(&mut self, s: &SubKegiatan) {
        self.open('{');
        self.fields(s, &mut |w, d| w.children(d, &s.outputs, |w, o| w.output(o)));
        self.close('}');
    }

    fn kegiatan(&mut self, k: &Kegiatan) {
        self.open('{');
        self.fields(k, &mut |w, d| {
            w.children(d, &k.sub_kegiatan, |w, s| w.sub_kegiatan(s))
        });
        self.close('}');
    }

    fn program(&mut self, p: &Program) {
        self.open('{');
        self.fields(p, &mut |w, d| {
            w.children(d, &p.kegiatan, |w, k| w.kegiatan(k))
        });
        self.close('}');
    }

    fn tujuan(&mut self, t: &Tujuan) {
        self.open('{');
        self.fields(t, &mut |w, d| {
            w.children(d, &t.indicators, |w, i| w.indicator(i))
        });
        self.close('}');
    }

    fn sasaran(&mut self, s: &Sasaran) {
        self.open('{');
        self.fields(s, &mut |w, d| w.children(d, &s.iku, |w, i| w.indicator(i)));
        self.close('}');
    }

    fn report(&mut self, r: &Report) {
        self.open('{');
        self.fields(r, &mut |w, d| match d.name {
            "tujuan" => w.children(d, &r.tujuan, |w, t| w.tujuan(t)),
            "sasaran" => w.children(d, &r.sasaran, |w, s| w.sasaran(s)),
            _ => w.children(d, &r.programs, |w, p| w.program(p)),
        });
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
