//! What an item is called where the officer sees it: its kind and its name, for buttons and
//! messages that must say which row they act on ("Hapus indikator Gini Rasio").

use super::{Id, Report};

/// The kind (in Indonesian, lower case) and the name of the item with this id.
pub fn name_of<'r>(report: &'r Report, id: &Id) -> Option<(&'static str, &'r str)> {
    for t in &report.tujuan {
        if &t.id == id {
            return Some(("tujuan", &t.name));
        }
        if let Some(i) = t.indicators.iter().find(|i| &i.id == id) {
            return Some(("indikator tujuan", &i.name));
        }
    }
    for s in &report.sasaran {
        if &s.id == id {
            return Some(("sasaran", &s.name));
        }
        if let Some(i) = s.iku.iter().find(|i| &i.id == id) {
            return Some(("IKU", &i.name));
        }
    }
    for p in &report.programs {
        if &p.id == id {
            return Some(("program", &p.name));
        }
        for k in &p.kegiatan {
            if &k.id == id {
                return Some(("kegiatan", &k.name));
            }
            for s in &k.sub_kegiatan {
                if &s.id == id {
                    return Some(("sub kegiatan", &s.name));
                }
                if let Some(o) = s.outputs.iter().find(|o| &o.id == id) {
                    return Some(("indikator keluaran", &o.name));
                }
            }
        }
    }
    None
}

/// "program Penunjang Urusan …", or the kind alone while the name is empty.
pub fn describe(report: &Report, id: &Id) -> String {
    match name_of(report, id) {
        Some((kind, name)) if !name.trim().is_empty() => format!("{kind} {}", name.trim()),
        Some((kind, _)) => format!("{kind} tanpa nama"),
        None => "baris ini".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_level_of_the_example_is_named() {
        let r = crate::example::example();
        let p = &r.programs[3];
        assert_eq!(describe(&r, &p.id), format!("program {}", p.name.trim()));
        let sub = &p.kegiatan[1].sub_kegiatan[0];
        assert_eq!(
            name_of(&r, &sub.id),
            Some(("sub kegiatan", sub.name.as_str()))
        );
        let iku = &r.sasaran[1].iku[0];
        assert_eq!(name_of(&r, &iku.id).map(|x| x.0), Some("IKU"));
        assert_eq!(describe(&r, &Id::new("tidak-ada")), "baris ini");
    }
}
