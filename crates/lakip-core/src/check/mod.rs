//! Check a finished report: paste its tables, see every figure that does not add up.
//!
//! The flow the UI follows:
//!
//! 1. [`read_text`] (pasted text) or [`read_xlsx`] (a dropped file) gives a [`Grid`]: cells
//!    with the row and column numbers the user sees, tags stripped, bold kept.
//! 2. [`propose`] gives a [`Mapping`]: the kind of table, a role per column, a role and a
//!    hierarchy level per row, and the document's number convention. It is plain data;
//!    the user corrects it before anything is computed ([`propose_rows`] proposes the rows
//!    again after a column was corrected).
//! 3. [`check`] (one table) or [`check_tables`] (several, so that a summary table, a
//!    sentence or a label is checked against the table that has the detail) gives
//!    [`Checked`]: one [`Finding`] per printed figure, with the recomputed figure, the
//!    difference, a [`Verdict`] and the most likely cause in Indonesian.
//! 4. [`to_report`] takes a table into a [`crate::model::Report`].
//!
//! Every recomputation uses the crate's own formulas: sums and serapan/efisiensi through
//! [`crate::calc::budget::Amounts`], capaian through [`crate::calc::capaian::capaian`], categories
//! through [`crate::model::scale::Scale`], numbers through [`crate::num`]. A cell that is not a
//! number is reported at its row and column and never read as 0.
//!
//! ```
//! use lakip_core::check::{check, propose, read_text, Location};
//! use lakip_core::model::scale::Scale;
//!
//! let grid = read_text("No\tUraian\tPagu\tRealisasi\t%\n\
//!                       I\tProgram A\t300.000\t250.000\t83,33\n\
//!                       1.\tSub satu\t100.000\t50.000\t50,00\n\
//!                       2.\tSub dua\t200.000\t150.000\t75,00\n");
//! let mapping = propose(&grid);
//! let checked = check(&grid, &mapping, &Scale::seed_default());
//! // 50.000 + 150.000 is 200.000, not 250.000: one row was added twice.
//! let wrong: Vec<_> = checked.flagged().collect();
//! assert_eq!(wrong[0].location, Location { table: 0, row: 2, col: Some(4) });
//! assert_eq!(wrong[0].cause, "Baris 1 'Sub satu' terhitung dua kali (selisih 50.000).");
//! // Its percentage is right for the printed figures, so it is wrong too.
//! assert_eq!(wrong[1].recomputed_text, "66,67%");
//! assert_eq!(checked.summary.flagged(), 2);
//! ```

mod budget;
mod cells;
mod counts;
mod cross;
mod findings;
mod grid;
mod import;
mod indicators;
mod mapping;
mod narrative;
mod table;
mod text;

pub use findings::{Cause, Figure, Finding, Location, Summary, Verdict};
pub use grid::{column_letter, read_text, read_xlsx, Cell, Grid, GridRow};
pub use import::to_report;
pub use mapping::{propose, propose_rows, ColumnRole, Level, Mapping, RowRole, TableKind};
pub use table::findings_table;

use crate::model::scale::Scale;
use crate::model::Direction;
use std::collections::HashMap;

/// A pasted table with its name ("Tabel 5.1") and its (corrected) mapping.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub name: String,
    pub grid: Grid,
    pub mapping: Mapping,
}

impl Table {
    /// A table with the proposed mapping.
    pub fn new(name: impl Into<String>, grid: Grid) -> Table {
        let mapping = propose(&grid);
        Table {
            name: name.into(),
            grid,
            mapping,
        }
    }
}

/// The result of a check: every figure found, in table and row order, and the counts.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Checked {
    pub findings: Vec<Finding>,
    pub summary: Summary,
}

impl Checked {
    /// The figures flagged as errors (minor, wrong, unreadable).
    pub fn flagged(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.verdict.is_flagged())
    }
    /// The findings at a row of a table.
    pub fn at(&self, table: usize, row: usize) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(move |f| f.location.table == table && f.location.row == row)
    }
}

/// Check one table under its mapping, with the report's category scale.
pub fn check(grid: &Grid, mapping: &Mapping, scale: &Scale) -> Checked {
    run(&[("", grid, mapping)], scale)
}

/// Check several tables of one report together. Besides each table's own figures, an item
/// printed without its rows in one table is checked against the same item computed from
/// its rows in another; sentences naming a program, and category labels without figures of
/// their own, are checked against the tables that have the figures. Locations name the
/// table by its index in `tables`.
pub fn check_tables(tables: &[Table], scale: &Scale) -> Checked {
    let refs: Vec<(&str, &Grid, &Mapping)> = tables
        .iter()
        .map(|t| (t.name.as_str(), &t.grid, &t.mapping))
        .collect();
    run(&refs, scale)
}

fn run(tables: &[(&str, &Grid, &Mapping)], scale: &Scale) -> Checked {
    let names: Vec<String> = tables.iter().map(|t| t.0.to_string()).collect();
    let directions: Vec<Direction> = tables.iter().map(|t| t.2.direction).collect();
    let mut out: Vec<Finding> = Vec::new();

    // Budget tables, first alone, then with the figures other tables compute for their items.
    let none = HashMap::new();
    let first: Vec<Option<budget::Analysis>> = tables
        .iter()
        .enumerate()
        .map(|(i, (_, g, m))| {
            (m.kind == TableKind::Budget).then(|| budget::analyse(i, g, m, &none))
        })
        .collect();
    let first_findings: Vec<Finding> = first.iter().flatten().flat_map(budget::findings).collect();
    let references = cross::references(
        &first.iter().map(Option::as_ref).collect::<Vec<_>>(),
        &first_findings,
        &names,
    );
    let analyses: Vec<Option<budget::Analysis>> = first
        .into_iter()
        .enumerate()
        .map(|(i, a)| match (a, references.get(i)) {
            (Some(_), Some(r)) if !r.is_empty() => {
                let (_, g, m) = tables[i];
                Some(budget::analyse(i, g, m, r))
            }
            (a, _) => a,
        })
        .collect();
    let budget_findings: Vec<Finding> = analyses
        .iter()
        .flatten()
        .flat_map(budget::findings)
        .collect();
    out.extend(budget_findings.iter().cloned());
    let analysis_refs: Vec<Option<&budget::Analysis>> =
        analyses.iter().map(Option::as_ref).collect();

    // Counts tables, alone and against each other.
    let counts: Vec<counts::Counts> = tables
        .iter()
        .enumerate()
        .filter(|(_, (_, _, m))| m.kind == TableKind::Counts)
        .map(|(i, (n, g, m))| counts::read(i, n, g, m))
        .collect();
    for c in &counts {
        out.extend(counts::findings(c));
    }
    out.extend(counts::cross(&counts));

    // Sentences, wherever they stand.
    let mut all_lines = Vec::with_capacity(tables.len());
    let mut found = Vec::new();
    for (i, (_, g, m)) in tables.iter().enumerate() {
        let (lines, f) = narrative::collect(i, g, m);
        all_lines.push(lines);
        found.extend(f);
    }
    out.extend(narrative::output_findings(&found, &directions, scale));
    for f in &found {
        match &f.statement {
            narrative::Statement::Efficiency(e) => out.extend(cross::efficiency(
                f,
                e,
                &analysis_refs,
                &budget_findings,
                &names,
            )),
            narrative::Statement::Budget(b) => out.extend(cross::overall(
                f,
                b,
                &analysis_refs,
                &budget_findings,
                &names,
            )),
            narrative::Statement::Output(_) => {}
        }
    }

    // Indicator tables and their labels.
    let mut known = indicators::known_from_statements(&found, &directions);
    for (i, (_, g, m)) in tables.iter().enumerate() {
        if m.kind == TableKind::Indicators {
            known.extend(indicators::known_from_rows(i, g, m, &all_lines[i]));
        }
    }
    for (i, (_, g, m)) in tables.iter().enumerate() {
        if m.kind == TableKind::Indicators {
            out.extend(indicators::findings(i, g, m, &all_lines[i], &known, scale));
        }
    }

    out.sort_by_key(|f| f.location);
    Checked {
        summary: Summary::of(&out),
        findings: out,
    }
}
