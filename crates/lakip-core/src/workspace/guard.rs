//! What the field refuses before it is changed: a value the snapshot reader would refuse
//! (a kode already used at its level, a text over its length) never enters the report, so
//! that whatever the app saves or exports imports again. The message names the field's
//! problem; the field shows it and keeps the officer's text for correction.

use crate::exchange::snapshot::rules::{too_long, MAX_NAME, MAX_TEXT};
use crate::model::code::normalise;
use crate::model::edit::{Edit, Field, FieldValue, ReportField};
use crate::model::names::describe;
use crate::model::{Id, Report};

/// Why `edit` may not be applied to `report`, or `None`.
pub fn refuse(report: &Report, edit: &Edit) -> Option<String> {
    match edit {
        Edit::Set {
            id,
            field,
            value: FieldValue::Text(text),
        } => {
            let n = text.chars().count();
            let max = match field {
                Field::Name | Field::Unit | Field::UnitRealisasi | Field::Code => MAX_NAME,
                _ => MAX_TEXT,
            };
            if n > max {
                return Some(too_long(n, max));
            }
            if *field == Field::Code {
                return duplicate_code(report, id, text);
            }
            None
        }
        Edit::SetReport {
            field: ReportField::Instansi | ReportField::PkSigned,
            value: FieldValue::Text(text),
        } => {
            let n = text.chars().count();
            (n > MAX_NAME).then(|| too_long(n, MAX_NAME))
        }
        Edit::Batch(edits) => {
            // Checked one by one against the report as it stands: enough for the pastes
            // and merges that make batches (each names its own cell).
            edits.iter().find_map(|e| refuse(report, e))
        }
        _ => None,
    }
}

/// A kode is unique among the programs, among the kegiatan and among the sub kegiatan.
fn duplicate_code(report: &Report, id: &Id, code: &str) -> Option<String> {
    let wanted = normalise(code);
    if wanted.is_empty() {
        return None;
    }
    let taken = |other: &Id, theirs: &str| other != id && normalise(theirs) == wanted;
    let level = level_of(report, id)?;
    let clash = report.programs.iter().find_map(|p| match level {
        0 => taken(&p.id, &p.code).then(|| p.id.clone()),
        _ => p.kegiatan.iter().find_map(|k| match level {
            1 => taken(&k.id, &k.code).then(|| k.id.clone()),
            _ => k
                .sub_kegiatan
                .iter()
                .find(|s| taken(&s.id, &s.code))
                .map(|s| s.id.clone()),
        }),
    })?;
    Some(format!(
        "kode ganda '{}': sudah dipakai {}",
        code.trim(),
        describe(report, &clash)
    ))
}

/// 0 program, 1 kegiatan, 2 sub kegiatan.
fn level_of(report: &Report, id: &Id) -> Option<u8> {
    for p in &report.programs {
        if &p.id == id {
            return Some(0);
        }
        for k in &p.kegiatan {
            if &k.id == id {
                return Some(1);
            }
            if k.sub_kegiatan.iter().any(|s| &s.id == id) {
                return Some(2);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::snapshot;

    fn set(id: &Id, field: Field, text: &str) -> Edit {
        Edit::Set {
            id: id.clone(),
            field,
            value: FieldValue::Text(text.into()),
        }
    }

    #[test]
    fn a_code_used_at_its_level_is_refused_and_the_report_still_exports() {
        let mut r = crate::example::example();
        let (p2, p3) = (r.programs[1].id.clone(), r.programs[2].id.clone());
        r.apply(set(&p2, Field::Code, "1.06.02")).unwrap();
        let err = refuse(&r, &set(&p3, Field::Code, " 1.06.02 ")).unwrap();
        assert!(
            err.starts_with("kode ganda '1.06.02': sudah dipakai program "),
            "{err}"
        );
        // The same code at another level is allowed (a kegiatan may start like its program).
        let k = r.programs[2].kegiatan[0].id.clone();
        assert_eq!(refuse(&r, &set(&k, Field::Code, "1.06.02")), None);
        // Its own code again is no clash.
        assert_eq!(refuse(&r, &set(&p2, Field::Code, "1.06.02")), None);
        // What the guard lets through, the snapshot takes.
        r.apply(set(&k, Field::Code, "1.06.02")).unwrap();
        assert!(snapshot::check_report(&r).is_empty());
        // Without the guard the clash would make a file the import refuses.
        let mut bad = r.clone();
        bad.apply(set(&p3, Field::Code, "1.06.02")).unwrap();
        assert!(!snapshot::check_report(&bad).is_empty());
    }

    #[test]
    fn a_name_over_its_length_is_refused() {
        let r = crate::example::example();
        let p = r.programs[0].id.clone();
        let long = "x".repeat(MAX_NAME + 1);
        assert_eq!(
            refuse(&r, &set(&p, Field::Name, &long)),
            Some(too_long(MAX_NAME + 1, MAX_NAME))
        );
        assert_eq!(
            refuse(&r, &set(&p, Field::Name, &"x".repeat(MAX_NAME))),
            None
        );
        let s = r.sasaran[0].iku[0].id.clone();
        assert_eq!(refuse(&r, &set(&s, Field::Cause, &long)), None);
    }
}
