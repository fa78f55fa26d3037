//! Suspicious data, shown inline where it is: realisasi above pagu, a realisation without
//! a target, a sub kegiatan without an output indicator, codes that do not nest, units that
//! differ between target and realisation. Warnings never block an edit.

use crate::model::code;
use crate::model::{Id, Indicator, Kegiatan, Output, Program, Report, Sasaran, SubKegiatan};
use std::collections::HashMap;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// The item the warning is about.
    pub id: Id,
    pub message: String,
}

/// Warnings of an indicator (tujuan or IKU) for the report year.
pub fn indicator(ind: &Indicator, tahun: i32) -> Vec<String> {
    let mut out = Vec::new();
    let has_real = ind.realisations.contains_key(&tahun)
        || (ind.formula.numerator_value.is_some() && ind.formula.denominator_value.is_some());
    if has_real && ind.target_for(tahun, tahun).is_none() {
        out.push(format!("ada realisasi {tahun} tanpa target"));
    }
    if ind.formula.denominator_value.is_some_and(|d| d.is_zero()) {
        out.push("penyebut rumus bernilai 0".into());
    }
    out
}

/// Warnings of a sasaran itself (not of its IKU).
pub fn sasaran(s: &Sasaran) -> Vec<String> {
    if s.iku.is_empty() {
        vec!["sasaran belum punya IKU".into()]
    } else {
        Vec::new()
    }
}

/// Warnings of a program itself (not of its kegiatan).
pub fn program(p: &Program) -> Vec<String> {
    let mut out = Vec::new();
    if !p.code.is_empty() && !code::well_formed(&p.code, 3) {
        out.push(format!("kode program '{}' tidak berbentuk x.xx.xx", p.code));
    }
    if p.kegiatan.is_empty() && over(p.pagu, p.realisasi) {
        out.push("realisasi melebihi pagu".into());
    }
    out
}

/// Warnings of a kegiatan of `p` (not of its sub kegiatan).
pub fn kegiatan(p: &Program, k: &Kegiatan) -> Vec<String> {
    let mut out = Vec::new();
    if !code::nests(&p.code, &k.code) {
        out.push(format!(
            "kode kegiatan '{}' tidak berada di bawah kode program '{}'",
            k.code, p.code
        ));
    }
    if k.sub_kegiatan.is_empty() && over(k.pagu, k.realisasi) {
        out.push("realisasi melebihi pagu".into());
    }
    out
}

/// Warnings of a sub kegiatan of `k` (not of its outputs).
pub fn sub_kegiatan(k: &Kegiatan, s: &SubKegiatan) -> Vec<String> {
    let mut out = Vec::new();
    if !code::nests(&k.code, &s.code) {
        out.push(format!(
            "kode sub kegiatan '{}' tidak berada di bawah kode kegiatan '{}'",
            s.code, k.code
        ));
    }
    if over(s.pagu, s.realisasi) {
        out.push("realisasi melebihi pagu".into());
    }
    if s.pagu.is_none() && s.realisasi.is_some_and(|x| !x.is_zero()) {
        out.push("ada realisasi tanpa pagu".into());
    }
    if s.outputs.is_empty() {
        out.push("belum ada indikator keluaran".into());
    }
    out
}

/// Warnings of an output indicator.
pub fn output(o: &Output) -> Vec<String> {
    let mut out = Vec::new();
    if o.realisasi.is_some() && o.target.is_none() {
        out.push("ada realisasi tanpa target".into());
    }
    if let Some(u) = &o.unit_realisasi {
        if !u.trim().eq_ignore_ascii_case(o.unit.trim()) {
            out.push(format!(
                "satuan realisasi ({u}) berbeda dari satuan target ({})",
                o.unit
            ));
        }
    }
    out
}

/// Every warning of the report, in document order.
pub fn warnings(r: &Report) -> Vec<Warning> {
    let mut out = Vec::new();
    let mut add = |id: &Id, messages: Vec<String>| {
        out.extend(messages.into_iter().map(|message| Warning {
            id: id.clone(),
            message,
        }));
    };
    for t in &r.tujuan {
        for i in &t.indicators {
            add(&i.id, indicator(i, r.tahun));
        }
    }
    for s in &r.sasaran {
        add(&s.id, sasaran(s));
        for i in &s.iku {
            add(&i.id, indicator(i, r.tahun));
        }
    }
    for p in &r.programs {
        add(&p.id, program(p));
        for k in &p.kegiatan {
            add(&k.id, kegiatan(p, k));
            for s in &k.sub_kegiatan {
                add(&s.id, sub_kegiatan(k, s));
                for o in &s.outputs {
                    add(&o.id, output(o));
                }
            }
        }
    }
    out
}

fn over(pagu: Option<crate::model::Money>, realisasi: Option<crate::model::Money>) -> bool {
    matches!((pagu, realisasi), (Some(p), Some(r)) if r > p)
}

/// Warnings grouped by item, for showing them beside rows.
pub fn by_item(r: &Report) -> HashMap<Id, Vec<String>> {
    let mut map: HashMap<Id, Vec<String>> = HashMap::new();
    for w in warnings(r) {
        map.entry(w.id).or_default().push(w.message);
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::example::example;
    use crate::model::Id;

    #[test]
    fn the_seed_has_exactly_its_known_problems() {
        let r = example();
        let w = by_item(&r);
        // Program I's sub kegiatan have no output indicators in the seed (56 − 31 = 25 rows).
        let without_outputs = w
            .values()
            .flatten()
            .filter(|m| m.as_str() == "belum ada indikator keluaran")
            .count();
        assert_eq!(without_outputs, 25);
        // O23 and O24: realisation in keluarga against a target in orang.
        assert!(w[&Id::new("o23")][0].contains("keluarga"));
        assert!(w[&Id::new("o24")][0].contains("keluarga"));
        // No realisasi above pagu anywhere in the seed.
        assert!(!w.values().flatten().any(|m| m.contains("melebihi")));
    }

    #[test]
    fn flags_overspending_orphans_and_bad_codes() {
        let mut r = example();
        let p = &mut r.programs[1];
        p.code = "1.06.02".into();
        p.kegiatan[0].code = "1.06.03.2.01".into();
        p.kegiatan[0].sub_kegiatan[0].realisasi = Some(30_000_000.into());
        r.sasaran[0].iku[0].targets.clear();
        r.sasaran[0].iku[0].target_pk = None;
        let w = by_item(&r);
        assert!(w[&Id::new("p2-k1")]
            .iter()
            .any(|m| m.contains("tidak berada di bawah")));
        assert!(w[&Id::new("p2-k1-s1")]
            .iter()
            .any(|m| m == "realisasi melebihi pagu"));
        assert!(w[&Id::new("ss1-iku1")]
            .iter()
            .any(|m| m.contains("tanpa target")));
    }
}
