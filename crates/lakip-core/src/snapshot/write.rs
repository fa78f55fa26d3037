//! Report → snapshot JSON (the current version). The format is described in
//! `docs/snapshot-format.md`; [`super::read`] is its inverse.

use super::{Meta, FORMAT_NAME, VERSION};
use crate::model::*;
use crate::scale::{Bound, Scale};
use crate::value::Value;
use rust_decimal::Decimal;
use serde_json::{json, Map, Value as J};

fn dec(d: Decimal) -> J {
    J::String(d.normalize().to_string())
}

fn money(m: Option<Money>) -> J {
    m.map(dec).unwrap_or(J::Null)
}

pub(super) fn value(v: &Value) -> J {
    match v {
        Value::Number(n) => dec(*n),
        Value::Range { low, high } => json!({ "rentang": [dec(*low), dec(*high)] }),
        Value::Ratio { left, right } => json!({ "rasio": [dec(*left), dec(*right)] }),
        Value::NotAvailable => J::String("n/a".into()),
    }
}

fn opt_value(v: &Option<Value>) -> J {
    v.as_ref().map(value).unwrap_or(J::Null)
}

fn years(m: &std::collections::BTreeMap<i32, Value>) -> J {
    J::Object(m.iter().map(|(y, v)| (y.to_string(), value(v))).collect::<Map<_, _>>())
}

fn direction(d: Direction) -> &'static str {
    match d {
        Direction::HigherIsBetter => "naik",
        Direction::LowerIsBetter => "turun",
        Direction::LowerIsBetterInverse => "turun_rasio_terbalik",
    }
}

fn opt_id(id: &Option<Id>) -> J {
    id.as_ref().map(|i| J::String(i.0.clone())).unwrap_or(J::Null)
}

fn bound(b: &Option<Bound>) -> J {
    b.map(|b| json!({ "nilai": dec(b.value), "inklusif": b.inclusive })).unwrap_or(J::Null)
}

pub(super) fn scale(s: &Scale) -> J {
    json!({
        "nama": s.name,
        "kategori": s.bands.iter().map(|b| json!({
            "label": b.label, "bawah": bound(&b.lower), "atas": bound(&b.upper),
        })).collect::<Vec<_>>(),
    })
}

fn indicator(i: &Indicator) -> J {
    let mut o = json!({
        "id": i.id.0,
        "nama": i.name,
        "satuan": i.unit,
        "arah": direction(i.direction),
        "akumulasi": match i.accumulation {
            Accumulation::LastValue => "nilai_akhir",
            Accumulation::Cumulative => "kumulatif",
        },
        "rumus": {
            "pembilang": i.formula.numerator,
            "penyebut": i.formula.denominator,
            "nilai_pembilang": i.formula.numerator_value.map(dec).unwrap_or(J::Null),
            "nilai_penyebut": i.formula.denominator_value.map(dec).unwrap_or(J::Null),
        },
        "target": years(&i.targets),
        "target_pk": opt_value(&i.target_pk),
        "realisasi": years(&i.realisations),
        "standar": i.standard.as_ref().map(|s| json!({
            "indikator": s.indicator, "nilai": value(&s.value), "sumber": s.source,
        })).unwrap_or(J::Null),
        "penyebab": i.cause,
        "solusi": i.solution,
    });
    strip_defaults(&mut o);
    o
}

fn output(o: &Output) -> J {
    let mut j = json!({
        "id": o.id.0,
        "nama": o.name,
        "satuan": o.unit,
        "satuan_realisasi": o.unit_realisasi,
        "arah": direction(o.direction),
        "target": opt_value(&o.target),
        "realisasi": opt_value(&o.realisasi),
        "penyebab": o.cause,
        "solusi": o.solution,
    });
    strip_defaults(&mut j);
    j
}

/// Leave out empty texts, nulls and default directions: reports of 20.000 rows stay small.
/// The reader fills the same defaults back in.
fn strip_defaults(j: &mut J) {
    if let J::Object(map) = j {
        map.retain(|k, v| {
            k == "id"
                || k == "nama"
                || !(v.is_null()
                    // An empty `satuan_realisasi` is `Some("")`, not "no unit": keep it.
                    || (v.as_str() == Some("") && k != "satuan_realisasi")
                    || (k == "arah" && v.as_str() == Some("naik"))
                    || (k == "akumulasi" && v.as_str() == Some("nilai_akhir"))
                    || (v.as_object().is_some_and(|o| o.is_empty()))
                    || v.as_bool() == Some(false))
        });
        if let Some(J::Object(r)) = map.get_mut("rumus") {
            r.retain(|_, v| !(v.is_null() || v.as_str() == Some("")));
            if r.is_empty() {
                map.remove("rumus");
            }
        }
    }
}

fn program(p: &Program) -> J {
    let mut j = json!({
        "id": p.id.0,
        "kode": p.code,
        "nama": p.name,
        "sasaran_id": opt_id(&p.sasaran_id),
        "pagu_pk": money(p.pagu_pk),
        "pagu": money(p.pagu),
        "realisasi": money(p.realisasi),
        "kegiatan": p.kegiatan.iter().map(|k| {
            let mut kj = json!({
                "id": k.id.0,
                "kode": k.code,
                "nama": k.name,
                "spm": k.spm,
                "pagu": money(k.pagu),
                "realisasi": money(k.realisasi),
                "sub_kegiatan": k.sub_kegiatan.iter().map(|s| {
                    let mut sj = json!({
                        "id": s.id.0,
                        "kode": s.code,
                        "nama": s.name,
                        "pagu": money(s.pagu),
                        "pagu_murni": money(s.pagu_murni),
                        "realisasi": money(s.realisasi),
                        "keluaran": s.outputs.iter().map(output).collect::<Vec<_>>(),
                    });
                    strip_defaults(&mut sj);
                    sj
                }).collect::<Vec<_>>(),
            });
            strip_defaults(&mut kj);
            kj
        }).collect::<Vec<_>>(),
    });
    strip_defaults(&mut j);
    j
}

pub(super) fn report_json(r: &Report) -> J {
    json!({
        "instansi": r.instansi,
        "tahun": r.tahun,
        "renstra": { "awal": r.renstra.first, "akhir": r.renstra.last },
        "pengaturan": {
            "skala": scale(&r.settings.scale),
            "batas_capaian": r.settings.cap.map(dec).unwrap_or(J::Null),
            "desimal": r.settings.decimals,
        },
        "pk": { "ditandatangani": r.pk.signed },
        "tujuan": r.tujuan.iter().map(|t| json!({
            "id": t.id.0,
            "nama": t.name,
            "indikator": t.indicators.iter().map(indicator).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "sasaran": r.sasaran.iter().map(|s| json!({
            "id": s.id.0,
            "nama": s.name,
            "tujuan_id": opt_id(&s.tujuan_id),
            "iku": s.iku.iter().map(indicator).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "program": r.programs.iter().map(program).collect::<Vec<_>>(),
    })
}

/// The envelope, its fields in a fixed order (format and version first, the report last) so
/// that a person opening the file sees what it is at once.
pub(super) fn envelope(r: &Report, meta: &Meta, pretty: bool) -> String {
    let basis = meta
        .basis
        .as_ref()
        .map(|b| json!({ "id_laporan": b.report_id, "revisi": b.revision }))
        .unwrap_or(J::Null);
    let fields: [(&str, J); 10] = [
        ("format", json!(FORMAT_NAME)),
        ("versi", json!(VERSION)),
        ("versi_aplikasi", json!(meta.app_version)),
        ("diekspor", json!(meta.exported_at)),
        ("id_laporan", json!(meta.report_id)),
        ("revisi", json!(meta.revision)),
        ("basis", basis),
        ("instansi", json!(r.instansi)),
        ("tahun", json!(r.tahun)),
        ("laporan", report_json(r)),
    ];
    let mut out = String::from("{");
    for (i, (key, value)) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if pretty {
            out.push_str("\n  ");
        }
        out.push_str(&J::String((*key).to_string()).to_string());
        out.push(':');
        if pretty {
            out.push(' ');
            let text = serde_json::to_string_pretty(value).unwrap_or_default();
            // Pretty JSON never has a raw newline inside a string: indenting is safe.
            out.push_str(&text.replace('\n', "\n  "));
        } else {
            out.push_str(&value.to_string());
        }
    }
    if pretty {
        out.push('\n');
    }
    out.push('}');
    out
}
