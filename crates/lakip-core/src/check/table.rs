//! The result of a check as a report table: it shows, prints and exports (CSV, Excel) like
//! every other table of the app.

use super::{column_letter, Checked};
use crate::report::views::{Cell, Column, ColumnKind, Row, RowKind, Table};

/// Every finding (or only the flagged ones), with the table names as the user gave them.
pub fn findings_table(checked: &Checked, table_names: &[String], flagged_only: bool) -> Table {
    let columns = [
        ("Tabel", ColumnKind::Text),
        ("Baris", ColumnKind::Number),
        ("Kolom", ColumnKind::Text),
        ("Butir", ColumnKind::Text),
        ("Angka", ColumnKind::Text),
        ("Tercetak", ColumnKind::Text),
        ("Dihitung ulang", ColumnKind::Text),
        ("Selisih", ColumnKind::Number),
        ("Penilaian", ColumnKind::Text),
        ("Kemungkinan penyebab", ColumnKind::Text),
    ];
    let mut rows = Vec::new();
    for f in &checked.findings {
        if flagged_only && !f.verdict.is_flagged() {
            continue;
        }
        let table = table_names
            .get(f.location.table)
            .cloned()
            .unwrap_or_else(|| format!("Tabel {}", f.location.table + 1));
        rows.push(Row {
            level: 0,
            kind: if f.verdict.is_flagged() {
                RowKind::Group
            } else {
                RowKind::Normal
            },
            cells: vec![
                Cell::Text(table),
                Cell::Number(f.location.row.into()),
                Cell::Text(
                    f.location
                        .col
                        .map(|c| column_letter(c.saturating_sub(1)))
                        .unwrap_or_default(),
                ),
                Cell::Text(f.item.clone()),
                Cell::Text(f.figure.label().to_string()),
                Cell::Text(f.printed_text.clone()),
                Cell::Text(f.recomputed_text.clone()),
                f.difference.map(Cell::Number).unwrap_or(Cell::Empty),
                Cell::Text(f.verdict.label().to_string()),
                Cell::Text(f.cause.clone()),
            ],
        });
    }
    let s = &checked.summary;
    Table {
        id: "hasil-periksa".into(),
        title: "Hasil pemeriksaan: angka tercetak dibanding hasil hitung ulang".into(),
        short_title: "Hasil pemeriksaan".into(),
        columns: columns.iter().map(|(t, k)| Column { title: t.to_string(), kind: *k }).collect(),
        rows,
        notes: vec![format!(
            "{} benar, {} selisih pembulatan, {} catatan, {} selisih kecil, {} salah, {} tidak terbaca.",
            s.correct, s.rounding, s.info, s.minor, s.mismatch, s.unreadable
        ), "Pembulatan sampai ketelitian yang tercetak (setengah ke atas) tidak dianggap kesalahan.".into()],
        decimals: 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_left_out_row_is_in_the_table() {
        let text = "No\tUraian\tPagu\tRealisasi\n\
                    1\tProgram A\t300\t250\n\
                    1.1\tKegiatan a\t100\t100\n\
                    1.2\tKegiatan b\t200\t200\n";
        let grid = super::super::read_text(text);
        let mapping = super::super::propose(&grid);
        let checked =
            super::super::check(&grid, &mapping, &crate::model::scale::Scale::seed_default());
        let t = findings_table(&checked, &["Tabel uji".into()], true);
        assert!(!t.rows.is_empty(), "{checked:?}");
        let all = findings_table(&checked, &["Tabel uji".into()], false);
        assert!(all.rows.len() >= t.rows.len());
        assert!(t.rows.iter().all(|r| r.kind == RowKind::Group));
        assert!(t.rows.iter().any(
            |r| matches!(&r.cells[8], Cell::Text(v) if v != super::super::Verdict::Correct.label())
        ));
    }
}
