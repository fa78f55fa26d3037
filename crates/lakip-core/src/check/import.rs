//! A pasted table taken into a [`Report`]: a budget table becomes programs, kegiatan and
//! sub kegiatan with their leaf pagu and realisasi (parent figures are computed again by
//! [`crate::calc::compute`], never copied); an indicator table becomes sasaran with their IKU.

use super::cells::{self, Num};
use super::grid::Grid;
use super::mapping::{lines, ColumnRole, Level, Line, Mapping, RowRole, TableKind};
use super::text;
use crate::model::{Id, Indicator, Kegiatan, Period, Program, Report, Sasaran, SubKegiatan};
use std::collections::BTreeMap;

/// Build a report from a table under its (corrected) mapping.
///
/// Refuses, with an Indonesian message naming the row and column, when a figure cell is not
/// a number: importing it as 0 would be worse than not importing.
pub fn to_report(
    grid: &Grid,
    mapping: &Mapping,
    instansi: &str,
    tahun: i32,
) -> Result<Report, String> {
    let mut report = Report::new(
        instansi.trim(),
        tahun,
        Period {
            first: tahun,
            last: tahun,
        },
    );
    let rows = lines(grid, mapping);
    match mapping.kind {
        TableKind::Budget => budget(&mut report, grid, mapping, &rows)?,
        TableKind::Indicators => indicators(&mut report, grid, mapping, &rows)?,
        TableKind::Counts => {
            return Err("Tabel jumlah (mis. data pegawai) tidak punya padanan di laporan; yang dapat diambil adalah tabel anggaran atau tabel indikator.".into())
        }
        TableKind::Narrative | TableKind::Unknown => {
            return Err("Kalimat atau tabel yang tidak dikenali tidak dapat dijadikan laporan; pilih jenis 'Tabel anggaran' atau 'Tabel indikator' dan tandai kolomnya.".into())
        }
    }
    Ok(report)
}

fn where_(grid: &Grid, line: &Line, col: usize) -> String {
    let raw = (col as i64 + line.shift as i64).max(0) as usize;
    format!("baris {}, kolom {}", line.number, grid.column_number(raw))
}

fn money(
    grid: &Grid,
    mapping: &Mapping,
    line: &Line,
    col: Option<usize>,
) -> Result<Option<rust_decimal::Decimal>, String> {
    let Some(c) = col else { return Ok(None) };
    match line
        .cells
        .get(c)
        .map(|x| cells::money(x, mapping.convention))
    {
        Some(Num::Value(v)) => Ok(Some(v)),
        Some(Num::Bad(msg)) => Err(format!("{}: {msg}", where_(grid, line, c))),
        _ => Ok(None),
    }
}

fn code_of(mapping: &Mapping, line: &Line) -> String {
    let from_col = mapping
        .find(ColumnRole::Code)
        .and_then(|c| line.cells.get(c))
        .map(|c| c.text.trim().to_string())
        .filter(|t| matches!(text::numbering(t), Some(text::Numbering::Code(_))));
    from_col
        .or_else(|| {
            let label = line.label.trim();
            matches!(text::numbering(label), Some(text::Numbering::Code(_)))
                .then(|| label.to_string())
        })
        .unwrap_or_default()
}

fn budget(
    report: &mut Report,
    grid: &Grid,
    mapping: &Mapping,
    rows: &[Line],
) -> Result<(), String> {
    let pagu_col = mapping.find(ColumnRole::Pagu);
    let real_col = mapping.find(ColumnRole::Realisasi);
    let sasaran_col = mapping.find(ColumnRole::Sasaran);
    let mut current_sasaran: Option<Id> = None;
    for line in rows {
        let RowRole::Item { level } = line.role else {
            continue;
        };
        let pagu = money(grid, mapping, line, pagu_col)?;
        let realisasi = money(grid, mapping, line, real_col)?;
        let name = text::strip_keyword(&line.name).to_string();
        let name = if name.is_empty() {
            line.name.clone()
        } else {
            name
        };
        let code = code_of(mapping, line);
        if let Some(s) = sasaran_col
            .and_then(|c| line.cells.get(c))
            .map(|c| c.text.trim())
            .filter(|t| !t.is_empty())
        {
            let existing = report
                .sasaran
                .iter()
                .find(|x| x.name == s)
                .map(|x| x.id.clone());
            current_sasaran = Some(existing.unwrap_or_else(|| {
                let id = Id::new(format!("ss{}", report.sasaran.len() + 1));
                report.sasaran.push(Sasaran {
                    id: id.clone(),
                    name: s.to_string(),
                    tujuan_id: None,
                    iku: Vec::new(),
                });
                id
            }));
        }
        match mapping.level(level) {
            Level::Program => {
                let n = report.programs.len() + 1;
                report.programs.push(Program {
                    id: Id::new(format!("p{n}")),
                    code,
                    name,
                    sasaran_id: current_sasaran.clone(),
                    pagu,
                    realisasi,
                    ..Default::default()
                });
            }
            Level::Kegiatan => {
                let p = ensure_program(report);
                let n = p.kegiatan.len() + 1;
                let id = Id::new(format!("{}-k{n}", p.id));
                p.kegiatan.push(Kegiatan {
                    id,
                    code,
                    name,
                    pagu,
                    realisasi,
                    ..Default::default()
                });
            }
            Level::SubKegiatan => {
                let k = ensure_kegiatan(report);
                let n = k.sub_kegiatan.len() + 1;
                let id = Id::new(format!("{}-s{n}", k.id));
                k.sub_kegiatan.push(SubKegiatan {
                    id,
                    code,
                    name,
                    pagu,
                    realisasi,
                    ..Default::default()
                });
            }
        }
    }
    if report.programs.is_empty() {
        return Err(
            "Tidak ada baris program, kegiatan atau sub kegiatan yang dapat diambil.".into(),
        );
    }
    // Parent figures are computed from their rows, never copied.
    for p in &mut report.programs {
        if !p.kegiatan.is_empty() {
            p.pagu = None;
            p.realisasi = None;
        }
        for k in &mut p.kegiatan {
            if !k.sub_kegiatan.is_empty() {
                k.pagu = None;
                k.realisasi = None;
            }
        }
    }
    Ok(())
}

fn ensure_program(report: &mut Report) -> &mut Program {
    if report.programs.is_empty() {
        report.programs.push(Program {
            id: Id::new("p1"),
            name: "Program (belum diberi nama)".into(),
            ..Default::default()
        });
    }
    let last = report.programs.len() - 1;
    &mut report.programs[last]
}

fn ensure_kegiatan(report: &mut Report) -> &mut Kegiatan {
    let p = ensure_program(report);
    if p.kegiatan.is_empty() {
        let id = Id::new(format!("{}-k1", p.id));
        let name = if p.name.starts_with("Program (") {
            "Kegiatan (belum diberi nama)".to_string()
        } else {
            p.name.clone()
        };
        // A program printed with its own figures and sub rows directly under it: the
        // figures belong to the rows.
        p.kegiatan.push(Kegiatan {
            id,
            name,
            ..Default::default()
        });
    }
    let last = p.kegiatan.len() - 1;
    &mut p.kegiatan[last]
}

fn indicators(
    report: &mut Report,
    grid: &Grid,
    mapping: &Mapping,
    rows: &[Line],
) -> Result<(), String> {
    let target_col = mapping.find(ColumnRole::Target);
    let real_col = mapping.find(ColumnRole::RealisasiKinerja);
    let sasaran_col = mapping.find(ColumnRole::Sasaran);
    let unit_col = mapping.find(ColumnRole::Satuan);
    if target_col.is_none() && real_col.is_none() {
        return Err(
            "Tabel ini tidak memuat kolom target atau realisasi; tandai kolomnya dulu.".into(),
        );
    }
    let value =
        |line: &Line, col: Option<usize>| -> Result<Option<crate::model::value::Value>, String> {
            let Some(c) = col else { return Ok(None) };
            match line.cells.get(c) {
                Some(cell) => cells::value(cell, mapping.convention)
                    .map_err(|e| format!("{}: {e}", where_(grid, line, c))),
                None => Ok(None),
            }
        };
    let mut current: Option<usize> = None;
    for line in rows {
        if !matches!(line.role, RowRole::Item { .. }) {
            continue;
        }
        let sasaran_name = sasaran_col
            .and_then(|c| line.cells.get(c))
            .map(|c| c.text.trim().to_string())
            .unwrap_or_default();
        if !sasaran_name.is_empty() || current.is_none() {
            let name = if sasaran_name.is_empty() {
                "Sasaran (dari tabel tempelan)".to_string()
            } else {
                sasaran_name
            };
            let found = report.sasaran.iter().position(|s| s.name == name);
            current = Some(found.unwrap_or_else(|| {
                let id = Id::new(format!("ss{}", report.sasaran.len() + 1));
                report.sasaran.push(Sasaran {
                    id,
                    name,
                    tujuan_id: None,
                    iku: Vec::new(),
                });
                report.sasaran.len() - 1
            }));
        }
        let target = value(line, target_col)?;
        let realisasi = value(line, real_col)?;
        let percent_written = [target_col, real_col]
            .iter()
            .filter_map(|c| c.and_then(|c| line.cells.get(c)))
            .any(|c| c.text.trim_end().ends_with('%') || c.percent);
        let unit = unit_col
            .and_then(|c| line.cells.get(c))
            .map(|c| c.text.trim().to_string())
            .filter(|u| !u.is_empty())
            .unwrap_or_else(|| {
                if percent_written {
                    "%".into()
                } else {
                    String::new()
                }
            });
        let Some(si) = current else { continue };
        let s = &mut report.sasaran[si];
        let id = Id::new(format!("{}-iku{}", s.id, s.iku.len() + 1));
        let mut targets = BTreeMap::new();
        if let Some(t) = target {
            targets.insert(report.tahun, t);
        }
        let mut realisations = BTreeMap::new();
        if let Some(r) = realisasi {
            realisations.insert(report.tahun, r);
        }
        s.iku.push(Indicator {
            id,
            name: line.name.clone(),
            unit,
            direction: mapping.direction,
            targets,
            realisations,
            ..Default::default()
        });
    }
    if report.sasaran.iter().all(|s| s.iku.is_empty()) {
        return Err("Tidak ada baris indikator yang dapat diambil.".into());
    }
    Ok(())
}
