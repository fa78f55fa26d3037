//! Workbooks an officer might drop on the checker that are not tables: a sheet with one cell
//! at A1 and one at XFD1048576 (the last cell of a sheet), and a workbook whose sheet is empty.
//! The checker reads them in bounded work and says what it found.

use lakip_core::check::{self, read_xlsx, Table};
use lakip_core::model::scale::Scale;
use rust_xlsxwriter::Workbook;

fn workbook(cells: &[(u32, u16, &str)]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (r, c, v) in cells {
        ws.write_string(*r, *c, *v).unwrap();
    }
    wb.save_to_buffer().unwrap()
}

#[test]
fn corner_cells_do_not_make_a_sheet_of_a_billion_cells() {
    let bytes = workbook(&[(0, 0, "Program"), (1_048_575, 16_383, "ujung")]);
    assert!(bytes.len() < 10_000);
    let started = std::time::Instant::now();
    let sheets = read_xlsx(&bytes).expect("a valid workbook reads");
    let tables: Vec<Table> = sheets
        .into_iter()
        .map(|(name, grid)| Table::new(name, grid))
        .collect();
    let checked = check::check_tables(&tables, &Scale::seed_default());
    // Two text cells hold no figure to check.
    assert_eq!(checked.findings.len(), 0);
    // Not a timing assertion on speed, a bound on work: a grid of 2 × 16.384 cells would
    // take seconds; the two cells that exist take milliseconds even in a debug build.
    let cells: usize = tables
        .iter()
        .map(|t| t.grid.rows.iter().map(|r| r.cells.len()).sum::<usize>())
        .sum();
    assert!(cells <= 4, "{cells} cells kept for 2 values");
    eprintln!("read + check: {:?}", started.elapsed());
}

#[test]
fn the_far_cell_is_named_not_silently_dropped() {
    let bytes = workbook(&[
        (0, 0, "Program"),
        (0, 1, "Pagu"),
        (1, 0, "A"),
        (1, 1, "100"),
        (1_048_575, 16_383, "ujung"),
    ]);
    let sheets = read_xlsx(&bytes).unwrap();
    let grid = &sheets[0].1;
    assert_eq!(grid.width(), 2);
    assert_eq!(grid.rows.len(), 2);
    assert_eq!(grid.set_aside, vec!["XFD1048576".to_string()]);
}

#[test]
fn a_gap_inside_a_table_is_kept() {
    // Columns A and J with eight empty columns between: one table.
    let bytes = workbook(&[(0, 0, "a"), (0, 9, "b")]);
    let grid = &read_xlsx(&bytes).unwrap()[0].1;
    assert_eq!(grid.width(), 10);
    assert!(grid.set_aside.is_empty());
}

#[test]
fn an_empty_workbook_says_so() {
    let mut wb = Workbook::new();
    wb.add_worksheet().set_name("Lembar1").unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let err = read_xlsx(&bytes).unwrap_err();
    assert_eq!(
        err,
        "Tidak ada isi untuk diperiksa: lembar 'Lembar1' kosong."
    );
}
