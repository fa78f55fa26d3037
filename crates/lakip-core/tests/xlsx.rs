//! Our `.xlsx` writer and reader (`lakip_core::exchange::xlsx`) against the two libraries they
//! replace, which stay as dev-dependencies for this: every workbook we write opens in
//! `calamine` with the right sheet names and real numbers, files written by
//! `rust_xlsxwriter` read here cell by cell as in `calamine`, and no input makes the reader
//! panic.

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use lakip_core::calc::compute::compute;
use lakip_core::check::read_xlsx;
use lakip_core::example::example;
use lakip_core::exchange::export::xlsx;
use lakip_core::exchange::xlsx::read::{self, Value as V};
use lakip_core::exchange::xlsx::xml::{Event, Reader as XmlReader};
use lakip_core::exchange::xlsx::zip;
use lakip_core::model::value::Value;
use lakip_core::report::views::{self, Cell, Column, ColumnKind, Row, RowKind, Table};
use lakip_core::Decimal;
use proptest::prelude::*;
use rust_decimal::prelude::ToPrimitive;
use std::collections::HashMap;
use std::io::Cursor;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn seed_tables() -> Vec<Table> {
    let r = example();
    let c = compute(&r);
    views::all(&r, &c)
}

fn open(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("calamine opens it")
}

/// Every part of an archive.
fn parts(bytes: &[u8]) -> HashMap<String, String> {
    let mut a = zip::Archive::new(bytes).unwrap();
    let names: Vec<String> = a.entries.iter().map(|e| e.name.clone()).collect();
    names
        .into_iter()
        .enumerate()
        .map(|(i, n)| (n, String::from_utf8(a.read_at(i).unwrap()).unwrap()))
        .collect()
}

/// What a table cell must be in the workbook: a float for figures, the text otherwise.
fn expected(cell: &Cell, decimals: u32) -> Data {
    match cell {
        Cell::Money(m) | Cell::Number(m) | Cell::Value(Value::Number(m)) => {
            Data::Float(m.to_f64().unwrap())
        }
        Cell::Percent(p) => Data::Float((*p / Decimal::ONE_HUNDRED).to_f64().unwrap()),
        Cell::Empty => Data::Empty,
        Cell::NotComputable(s) | Cell::Text(s) | Cell::Category { label: s, .. } => {
            Data::String(legal(s))
        }
        Cell::Value(_) => Data::String(cell.display_dp(decimals)),
    }
}

/// A string as XML 1.0 can carry it.
fn legal(s: &str) -> String {
    s.chars()
        .filter(|&c| matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..))
        .collect()
}

/// Each table is its sheet in calamine: title, header, every cell, the notes.
fn assert_tables_in_calamine(tables: &[Table], bytes: &[u8]) -> Result<(), TestCaseError> {
    let mut wb = open(bytes);
    let names = wb.sheet_names();
    if tables.is_empty() {
        prop_assert_eq!(names, vec!["Laporan".to_string()]);
        return Ok(());
    }
    prop_assert_eq!(&names, &xlsx::sheet_names(tables));
    for (t, name) in tables.iter().zip(&names) {
        let range = wb.worksheet_range(name).unwrap();
        let at = |r: u32, c: u32| range.get_value((r, c)).cloned().unwrap_or(Data::Empty);
        prop_assert_eq!(at(0, 0), Data::String(legal(&t.title)));
        for (j, col) in t.columns.iter().enumerate() {
            prop_assert_eq!(at(1, j as u32), Data::String(legal(&col.title)));
        }
        for (i, row) in t.rows.iter().enumerate() {
            for j in 0..t.columns.len() {
                let cell = row.cells.get(j).unwrap_or(&Cell::Empty);
                prop_assert_eq!(
                    at(2 + i as u32, j as u32),
                    expected(cell, t.decimals),
                    "{} ({}, {})",
                    name,
                    i,
                    j
                );
            }
        }
        for (k, note) in t.notes.iter().enumerate() {
            prop_assert_eq!(
                at(3 + (t.rows.len() + k) as u32, 0),
                Data::String(legal(note))
            );
        }
    }
    Ok(())
}

/// Our reader and calamine see the same sheets, values, bold fonts and number formats.
fn assert_readers_agree(bytes: &[u8]) {
    let ours = read::read(bytes).expect("our reader opens it");
    let mut wb = open(bytes);
    let names: Vec<String> = ours.sheets.iter().map(|s| s.name.clone()).collect();
    assert_eq!(names, wb.sheet_names());
    for sheet in &ours.sheets {
        let range = wb.worksheet_range(&sheet.name).unwrap();
        let styles = wb.worksheet_style(&sheet.name).unwrap();
        let with_value: Vec<&read::Cell> =
            sheet.cells.iter().filter(|c| c.value != V::Empty).collect();
        assert_eq!(
            with_value.len(),
            range.used_cells().count(),
            "{}",
            sheet.name
        );
        for c in &with_value {
            let theirs = range.get_value((c.row, c.col)).unwrap_or(&Data::Empty);
            let same = match (&c.value, theirs) {
                (V::Number(a), Data::Float(b)) => a.to_bits() == b.to_bits(),
                (V::Date(a), Data::DateTime(b)) => *a == b.as_f64(),
                (V::Text(a), Data::String(b)) => a == b,
                (V::Bool(a), Data::Bool(b)) => a == b,
                (V::Other(a), Data::Error(b)) => *a == b.to_string(),
                (V::Other(a), Data::DateTimeIso(b)) => a == b,
                _ => false,
            };
            assert!(
                same,
                "{} ({}, {}): ours {:?}, calamine {:?}",
                sheet.name, c.row, c.col, c.value, theirs
            );
        }
        for c in &sheet.cells {
            let ours = ours.style(c);
            let bold = ours.is_some_and(|s| s.bold);
            let format = ours.and_then(|s| s.format.clone());
            match styles.get((c.row, c.col)) {
                Some(theirs) => {
                    let their_bold = theirs.font.as_ref().is_some_and(|f| f.is_bold());
                    let their_format = theirs.number_format.as_ref().map(|f| f.format_code.clone());
                    assert_eq!(
                        (bold, format),
                        (their_bold, their_format),
                        "{} ({}, {})",
                        sheet.name,
                        c.row,
                        c.col
                    );
                }
                // Outside the box of styled cells calamine gives no format; the default one
                // is neither bold nor a number format.
                None => assert_eq!((bold, format.as_deref()), (false, Some("General"))),
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The writer
// ---------------------------------------------------------------------------------------------

#[test]
fn the_seed_workbook_holds_real_numbers_and_formats() {
    let tables = seed_tables();
    let bytes = xlsx::workbook(&tables, "LAKIP 2024 Dinas Sosial & Kota \"Pontianak\"").unwrap();
    assert_tables_in_calamine(&tables, &bytes).unwrap();
    assert_readers_agree(&bytes);

    // Formats as the module documents them: rupiah `#,##0`/`#,##0.00`, percentages `0.00%`
    // (fractions), bold header, italic notes are not bold.
    let mut wb = open(&bytes);
    let names = xlsx::sheet_names(&tables);
    let i = tables.iter().position(|t| t.id == "tabel-3-1").unwrap();
    let styles = wb.worksheet_style(&names[i]).unwrap();
    let range = wb.worksheet_range(&names[i]).unwrap();
    let t = &tables[i];
    let format = |r: u32, c: u32| {
        styles
            .get((r, c))
            .and_then(|s| s.number_format.as_ref())
            .map(|f| f.format_code.clone())
            .unwrap_or_default()
    };
    let bold = |r: u32, c: u32| {
        styles
            .get((r, c))
            .and_then(|s| s.font.as_ref())
            .is_some_and(|f| f.is_bold())
    };
    for j in 0..t.columns.len() as u32 {
        assert!(bold(1, j), "header bold");
    }
    assert!(bold(0, 0), "title bold");
    let mut seen = (false, false, false);
    for (r, row) in t.rows.iter().enumerate() {
        for (c, cell) in row.cells.iter().enumerate() {
            let (r, c) = (r as u32 + 2, c as u32);
            match cell {
                Cell::Money(m) if m.fract().is_zero() => {
                    assert_eq!(format(r, c), "#,##0");
                    seen.0 = true;
                }
                Cell::Money(_) => {
                    assert_eq!(format(r, c), "#,##0.00");
                    seen.1 = true;
                }
                Cell::Percent(_) => {
                    assert_eq!(format(r, c), "0.00%");
                    seen.2 = true;
                }
                _ => {}
            }
            assert_eq!(
                bold(r, c),
                row.kind != RowKind::Normal,
                "group and total rows bold"
            );
        }
    }
    assert_eq!(seen, (true, true, true));
    assert!(matches!(
        range.get_value((2 + t.rows.len() as u32, 0)),
        None | Some(Data::Empty)
    ));

    // The print titles are a defined name calamine sees.
    let titles: Vec<&(String, String)> = wb
        .defined_names()
        .iter()
        .filter(|(n, _)| n == "_xlnm.Print_Titles")
        .collect();
    assert_eq!(titles.len(), tables.len());
    assert_eq!(
        titles[0].1,
        format!("'{}'!$2:$2", names[0].replace('\'', "''"))
    );
}

/// Elements of a part in the order they appear, with their depth; fails when an end tag
/// does not match its start.
fn elements(xml: &str) -> Vec<(usize, String)> {
    let mut r = XmlReader::new(xml.as_bytes()).unwrap();
    let mut stack: Vec<String> = Vec::new();
    let mut out = Vec::new();
    while let Some(e) = r.next().unwrap() {
        match e {
            Event::Start(t) => {
                out.push((stack.len(), t.name.to_string()));
                stack.push(t.name.to_string());
            }
            Event::End(n) => assert_eq!(stack.pop().as_deref(), Some(n), "{xml}"),
            Event::Text(_) => {}
        }
    }
    assert!(stack.is_empty());
    out
}

/// The children of the root in schema order (ECMA-376 part 1, §18.3.1.99, §18.2.27, §18.8.39).
fn assert_order(xml: &str, order: &[&str]) {
    let children: Vec<String> = elements(xml)
        .into_iter()
        .filter(|(d, _)| *d == 1)
        .map(|(_, n)| n)
        .collect();
    let positions: Vec<usize> = children
        .iter()
        .map(|c| {
            order
                .iter()
                .position(|o| o == c)
                .unwrap_or_else(|| panic!("unexpected <{c}>"))
        })
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{children:?}");
}

#[test]
fn the_package_follows_the_schema() {
    let tables = seed_tables();
    let bytes = xlsx::workbook(&tables, "A & B").unwrap();
    let p = parts(&bytes);
    for part in [
        "[Content_Types].xml",
        "_rels/.rels",
        "docProps/core.xml",
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "xl/styles.xml",
        "xl/sharedStrings.xml",
    ] {
        assert!(p.contains_key(part), "{part}");
    }
    for i in 1..=tables.len() {
        let part = format!("xl/worksheets/sheet{i}.xml");
        assert!(p[&format!("xl/worksheets/sheet{i}.xml")].starts_with("<?xml"));
        assert!(p["[Content_Types].xml"].contains(&format!("PartName=\"/{part}\"")));
    }
    assert_eq!(p.len(), 7 + tables.len());
    for xml in p.values() {
        elements(xml);
    }
    assert!(p["docProps/core.xml"].contains("<dc:title>A &amp; B</dc:title>"));

    assert_order(
        &p["xl/workbook.xml"],
        &[
            "fileVersion",
            "fileSharing",
            "workbookPr",
            "workbookProtection",
            "bookViews",
            "sheets",
            "functionGroups",
            "externalReferences",
            "definedNames",
            "calcPr",
        ],
    );
    assert_order(
        &p["xl/styles.xml"],
        &[
            "numFmts",
            "fonts",
            "fills",
            "borders",
            "cellStyleXfs",
            "cellXfs",
            "cellStyles",
            "dxfs",
            "tableStyles",
            "colors",
            "extLst",
        ],
    );
    let sheet_order = [
        "sheetPr",
        "dimension",
        "sheetViews",
        "sheetFormatPr",
        "cols",
        "sheetData",
        "sheetCalcPr",
        "sheetProtection",
        "protectedRanges",
        "scenarios",
        "autoFilter",
        "sortState",
        "dataConsolidate",
        "customSheetViews",
        "mergeCells",
        "phoneticPr",
        "conditionalFormatting",
        "dataValidations",
        "hyperlinks",
        "printOptions",
        "pageMargins",
        "pageSetup",
        "headerFooter",
    ];
    for i in 1..=tables.len() {
        assert_order(&p[&format!("xl/worksheets/sheet{i}.xml")], &sheet_order);
    }

    // Frozen header, A4, fitted to one page wide, landscape when wide, page numbers.
    let wide = tables
        .iter()
        .position(|t| t.landscape())
        .expect("a wide table");
    let narrow = Table {
        columns: vec![Column {
            title: "No".into(),
            kind: ColumnKind::Text,
        }],
        rows: vec![Row {
            level: 0,
            kind: RowKind::Normal,
            cells: vec![Cell::Text("1".into())],
        }],
        ..tables[0].clone()
    };
    let narrow = parts(&xlsx::workbook(&[narrow], "A & B").unwrap());
    for (s, landscape) in [
        (&p[&format!("xl/worksheets/sheet{}.xml", wide + 1)], true),
        (&narrow["xl/worksheets/sheet1.xml"], false),
    ] {
        assert!(s.contains(
            "<pane ySplit=\"2\" topLeftCell=\"A3\" activePane=\"bottomLeft\" state=\"frozen\"/>"
        ));
        assert!(s.contains("<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>"));
        assert!(s.contains("paperSize=\"9\" fitToWidth=\"1\" fitToHeight=\"0\""));
        assert_eq!(s.contains("orientation=\"landscape\""), landscape);
        assert_eq!(s.contains("orientation=\"portrait\""), !landscape);
        assert!(s.contains("<oddHeader>&amp;LA &amp;&amp; B</oddHeader>"));
        assert!(s.contains("<oddFooter>&amp;CHalaman &amp;P dari &amp;N</oddFooter>"));
        assert!(s.contains("customWidth=\"1\""));
        assert_eq!(s.contains(" t=\"n\"><v>"), landscape, "numeric cells");
    }
    assert!(p["xl/workbook.xml"].contains(&format!(
        "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"{wide}\">"
    )));
}

#[test]
fn awkward_text_and_names_survive() {
    let t = Table {
        id: "x".into(),
        title: "Judul <b>&amp;</b> \"kutip\" 'satu' \u{1}\u{7f}\u{fffe} _x0041_ 😀\r\nbaris".into(),
        short_title: "O'Brien: [data] / 2024?".into(),
        columns: vec![
            Column {
                title: "  spasi  ".into(),
                kind: ColumnKind::Text,
            },
            Column {
                title: "Rp".into(),
                kind: ColumnKind::Money,
            },
            Column {
                title: "%".into(),
                kind: ColumnKind::Percent,
            },
        ],
        rows: vec![Row {
            level: 20,
            kind: RowKind::Total,
            cells: vec![
                Cell::Text("x".repeat(40_000)),
                Cell::Money(d("79228162514264337593543950335")),
                Cell::Percent(d("12.5")),
            ],
        }],
        notes: vec!["catatan ]]> <![CDATA[".into()],
        decimals: 12,
    };
    let mut named = t.clone();
    named.short_title = "o'brien- -data- - 2024-".into();
    let tables = vec![t.clone(), named, t.clone()];
    let bytes = xlsx::workbook(&tables, &"judul panjang & ".repeat(40)).unwrap();
    let mut wb = open(&bytes);
    let names = wb.sheet_names();
    assert_eq!(names, xlsx::sheet_names(&tables));
    assert_eq!(names[0], "O'Brien- -data- - 2024-");
    let range = wb.worksheet_range(&names[0]).unwrap();
    assert_eq!(
        range.get_value((0, 0)),
        Some(&Data::String(legal(&t.title)))
    );
    assert_eq!(
        range.get_value((1, 0)),
        Some(&Data::String("  spasi  ".into()))
    );
    match range.get_value((2, 0)) {
        Some(Data::String(s)) => assert_eq!(s.chars().count(), 32_767),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        range.get_value((2, 1)),
        Some(&Data::Float(Decimal::MAX.to_f64().unwrap()))
    );
    assert_eq!(range.get_value((2, 2)), Some(&Data::Float(0.125)));
    let styles = wb.worksheet_style(&names[0]).unwrap();
    let format = styles
        .get((2, 2))
        .and_then(|s| s.number_format.as_ref())
        .unwrap();
    assert_eq!(
        (format.format_code.as_str(), format.format_id),
        ("0.0000000000%", Some(164))
    );
    assert_eq!(
        range.get_value((4, 0)),
        Some(&Data::String("catatan ]]> <![CDATA[".into()))
    );
    assert_readers_agree(&bytes);
    let titles = wb
        .defined_names()
        .iter()
        .find(|(_, v)| v.starts_with("'O''Brien"))
        .cloned();
    assert_eq!(titles.unwrap().1, "'O''Brien- -data- - 2024-'!$2:$2");
}

#[test]
fn an_export_reads_back_through_the_checker() {
    let tables = seed_tables();
    let bytes = xlsx::workbook(&tables, "uji").unwrap();
    let sheets = read_xlsx(&bytes).unwrap();
    assert_eq!(sheets.len(), tables.len());
    let i = tables.iter().position(|t| t.id == "tabel-3-1").unwrap();
    let (name, grid) = &sheets[i];
    assert_eq!(name, &xlsx::sheet_names(&tables)[i]);
    let row = grid
        .rows
        .iter()
        .find(|r| r.cells.iter().any(|c| c.text == "JUMLAH"))
        .unwrap();
    let texts: Vec<&str> = row.cells.iter().map(|c| c.text.as_str()).collect();
    assert!(
        texts.ends_with(&["15.447.851.952", "14.538.093.081", "94,11%"]),
        "{texts:?}"
    );
    assert!(row.cells.iter().all(|c| c.bold || c.text.is_empty()));
    assert_eq!(grid.rows[1].number, 2, "the header is row 2");
    assert!(grid.rows[1].cells.iter().all(|c| c.bold));
}

// ---------------------------------------------------------------------------------------------
// The reader against calamine, on files rust_xlsxwriter writes
// ---------------------------------------------------------------------------------------------

#[test]
fn rust_xlsxwriter_files_read_as_in_calamine() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let percent = Format::new().set_num_format("0.00%");
    let bold_percent = Format::new().set_num_format("0.0%").set_bold();
    let thousands = Format::new().set_num_format("#,##0.00");
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let italic = Format::new().set_italic();

    let ws = book.add_worksheet().set_name("Realisasi 2024").unwrap();
    ws.write_string_with_format(1, 1, "No", &bold).unwrap();
    ws.write_string_with_format(1, 2, "Uraian & <keterangan>", &bold)
        .unwrap();
    ws.write_string(2, 1, "I").unwrap();
    ws.write_string(2, 2, "  spasi di tepi  ").unwrap();
    ws.write_number_with_format(2, 3, 1_111_979_500.0, &thousands)
        .unwrap();
    ws.write_number_with_format(2, 4, 0.9678, &percent).unwrap();
    ws.write_number_with_format(2, 5, 0.9678, &bold_percent)
        .unwrap();
    ws.write_string(3, 2, "I").unwrap(); // a shared string used twice
    ws.write_blank(3, 3, &bold).unwrap();
    ws.write_boolean(3, 4, true).unwrap();
    ws.write_number_with_format(3, 6, 45_292.5, &date).unwrap();
    ws.write_datetime_with_format(3, 7, ExcelDateTime::from_ymd(2024, 12, 31).unwrap(), &date)
        .unwrap();
    ws.write_string(6, 9, "baris\nbaru\t\u{1}").unwrap();
    ws.write_rich_string(7, 2, &[(&bold, "tebal "), (&italic, "miring")])
        .unwrap();
    ws.write_formula(8, 3, Formula::new("=D3*2").set_result("2223959000"))
        .unwrap();
    ws.write_formula(8, 4, Formula::new("=\"a\"&\"b\"").set_result("ab"))
        .unwrap();
    ws.write_number(9, 0, -0.0).unwrap();
    ws.write_number(9, 1, 1e-300).unwrap();
    ws.write_number(9, 2, f64::MAX).unwrap();

    book.add_worksheet().set_name("Kosong").unwrap();
    let ws = book.add_worksheet().set_name("Tersembunyi 'x' 2").unwrap();
    ws.write_number(0, 0, 1.0).unwrap();
    ws.set_hidden(true);
    let ws = book.add_worksheet().set_name("Ünïcödé 😀").unwrap();
    ws.write_string_with_format(4, 2, "JUMLAH", &bold).unwrap();
    ws.write_blank(10, 10, &percent).unwrap();

    let bytes = book.save_to_buffer().unwrap();
    assert_readers_agree(&bytes);
    let sheets = read_xlsx(&bytes).unwrap();
    let names: Vec<&str> = sheets.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(
        names,
        [
            "Realisasi 2024",
            "Kosong",
            "Tersembunyi 'x' 2",
            "Ünïcödé 😀"
        ]
    );
}

/// calamine makes a dense range of a sheet (17 billion cells for these two); we only make
/// the rows that have cells, as wide as their last one.
#[test]
fn far_corners_stay_small() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, "awal").unwrap();
    ws.write_string(1_048_575, 16_383, "pojok").unwrap();
    let sheets = read_xlsx(&book.save_to_buffer().unwrap()).unwrap();
    let g = &sheets[0].1;
    assert_eq!(
        (g.rows.len(), g.rows[1].number, g.rows[1].cells.len()),
        (2, 1_048_576, 16_384)
    );
    assert_eq!(g.rows[1].cells[16_383].text, "pojok");
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

#[test]
fn files_that_are_not_workbooks_say_why() {
    let err = |b: &[u8]| read_xlsx(b).unwrap_err();
    assert_eq!(err(b""), "Berkas kosong.");
    assert!(err(b"No\tUraian\n1\tA\n").contains("bukan arsip ZIP"));
    assert!(err(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0").contains("Excel lama (.xls)"));
    let mut z = zip::Writer::new();
    z.add("word/document.xml", b"<w:document/>").unwrap();
    assert!(err(&z.finish().unwrap()).contains("Word"));

    // A sheet whose declared size is over 64 MB.
    let bytes = xlsx::workbook(&seed_tables()[..1], "x").unwrap();
    let end = bytes.len() - 22;
    let cd = u32::from_le_bytes(bytes[end + 16..end + 20].try_into().unwrap()) as usize;
    let mut at = cd;
    let mut sheet1 = 0;
    while at < end {
        let name_len = u16::from_le_bytes([bytes[at + 28], bytes[at + 29]]) as usize;
        if &bytes[at + 46..at + 46 + name_len] == b"xl/worksheets/sheet1.xml" {
            sheet1 = at;
        }
        at += 46 + name_len;
    }
    let mut big = bytes.clone();
    big[sheet1 + 24..sheet1 + 28].copy_from_slice(&(65u32 << 20).to_le_bytes());
    assert!(err(&big).contains("terlalu besar"), "{}", err(&big));

    // A damaged sheet.
    let mut broken = bytes.clone();
    let local = u32::from_le_bytes(bytes[sheet1 + 42..sheet1 + 46].try_into().unwrap()) as usize;
    broken[local + 30 + "xl/worksheets/sheet1.xml".len() + 10] ^= 0xFF;
    assert!(err(&broken).contains("rusak"), "{}", err(&broken));
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("Program Rehabilitasi Sosial".to_string()),
        Just("  tepi  ".to_string()),
        Just("_x0041_".to_string()),
        "[ -~]{0,20}",
        "[a-z&<>\"' \t\n\r\u{1}\u{b}\u{fffe}é😀_x0-9]{0,16}",
        any::<String>().prop_map(|s| s.chars().take(30).collect()),
    ]
}

fn decimal() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        (-10_000_000_000_000i64..10_000_000_000_000, 0u32..3).prop_map(|(n, s)| Decimal::new(n, s)),
        (any::<i64>(), 0u32..12).prop_map(|(n, s)| Decimal::new(n, s)),
        Just(d("99999999999999999999.99")),
        Just(Decimal::ZERO),
    ]
}

fn cell() -> impl Strategy<Value = Cell> {
    prop_oneof![
        text().prop_map(Cell::Text),
        decimal().prop_map(Cell::Money),
        decimal().prop_map(Cell::Percent),
        decimal().prop_map(Cell::Number),
        decimal().prop_map(|n| Cell::Value(Value::Number(n))),
        (decimal(), decimal()).prop_map(|(a, b)| Cell::Value(Value::Range {
            low: a.min(b),
            high: a.max(b)
        })),
        Just(Cell::Value(Value::NotAvailable)),
        text().prop_map(|label| Cell::Category { label, band: 0 }),
        text().prop_map(Cell::NotComputable),
        Just(Cell::Empty),
    ]
}

fn table() -> impl Strategy<Value = Table> {
    let kind = prop_oneof![
        Just(ColumnKind::Text),
        Just(ColumnKind::Money),
        Just(ColumnKind::Percent),
        Just(ColumnKind::Number),
        Just(ColumnKind::Category),
    ];
    let row_kind = prop_oneof![
        Just(RowKind::Normal),
        Just(RowKind::Group),
        Just(RowKind::Total)
    ];
    (
        prop::collection::vec((text(), kind), 0..9),
        prop::collection::vec(
            (0u8..20, row_kind, prop::collection::vec(cell(), 0..10)),
            0..12,
        ),
        (text(), text(), prop::collection::vec(text(), 0..3), 0u32..5),
    )
        .prop_map(
            |(columns, rows, (title, short_title, notes, decimals))| Table {
                id: "t".into(),
                title,
                short_title,
                columns: columns
                    .into_iter()
                    .map(|(title, kind)| Column { title, kind })
                    .collect(),
                rows: rows
                    .into_iter()
                    .map(|(level, kind, cells)| Row { level, kind, cells })
                    .collect(),
                notes,
                decimals,
            },
        )
}

/// Mutations of a byte string: flips, cuts, insertions, copies of other parts.
fn mutate(mut b: Vec<u8>, ops: &[(u8, usize, u8)]) -> Vec<u8> {
    for &(op, at, byte) in ops {
        if b.is_empty() {
            b.push(byte);
            continue;
        }
        let at = at % b.len();
        match op % 5 {
            0 => b[at] ^= byte | 1,
            1 => b.truncate(at),
            2 => b.insert(at, byte),
            3 => {
                b.remove(at);
            }
            _ => {
                let from = (at * 7 + byte as usize) % b.len();
                let piece: Vec<u8> = b[from..(from + 16).min(b.len())].to_vec();
                b.splice(at..at, piece);
            }
        }
    }
    b
}

/// Pieces that make XML interesting for the reader.
const XML_PIECES: [&str; 16] = [
    "<",
    ">",
    "/>",
    "</c>",
    "<c r=\"XFD1048576\" t=\"s\"><v>99999999</v></c>",
    "&amp;",
    "&#x0;",
    "&bogus;",
    "\"",
    "<row r=\"0\">",
    "<v>1e400</v>",
    "<c r=\"A1\" s=\"4294967296\" t=\"n\"><v>x</v></c>",
    "<!DOCTYPE x>",
    "<![CDATA[",
    "<is><t>",
    "<si/>",
];

/// An xlsx whose parts are changed at the XML level and zipped again, so that the damage
/// reaches the XML reader rather than stopping at a CRC.
fn rezip_mutated(bytes: &[u8], ops: &[(u8, usize, u8)]) -> Vec<u8> {
    let mut a = zip::Archive::new(bytes).unwrap();
    let entries: Vec<(String, Vec<u8>)> = (0..a.entries.len())
        .map(|i| (a.entries[i].name.clone(), a.read_at(i).unwrap()))
        .collect();
    let mut w = zip::Writer::new();
    for (k, (name, mut data)) in entries.into_iter().enumerate() {
        for &(op, at, byte) in ops.iter().filter(|o| o.2 as usize % 8 == k % 8) {
            let at = if data.is_empty() { 0 } else { at % data.len() };
            match op % 3 {
                0 => data
                    .splice(at..at, XML_PIECES[byte as usize % XML_PIECES.len()].bytes())
                    .for_each(drop),
                1 => data.truncate(at),
                _ => {
                    let end = (at + byte as usize % 40).min(data.len());
                    data.drain(at..end);
                }
            }
        }
        w.add(&name, &data).unwrap();
    }
    w.finish().unwrap()
}

fn rust_xlsxwriter_sample() -> Vec<u8> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string_with_format(0, 0, "Judul", &Format::new().set_bold())
        .unwrap();
    ws.write_number_with_format(1, 1, 0.5, &Format::new().set_num_format("0.00%"))
        .unwrap();
    ws.write_string(2, 2, "teks").unwrap();
    ws.write_boolean(3, 3, false).unwrap();
    book.save_to_buffer().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn random_tables_open_in_calamine_with_identical_values(tables in prop::collection::vec(table(), 0..4)) {
        let bytes = xlsx::workbook(&tables, "uji").unwrap();
        assert_tables_in_calamine(&tables, &bytes)?;
        assert_readers_agree(&bytes);
        let sheets = read_xlsx(&bytes).unwrap();
        prop_assert_eq!(sheets.len(), tables.len().max(1));
    }

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let _ = read_xlsx(&bytes);
        let mut zipped = b"PK\x03\x04".to_vec();
        zipped.extend(&bytes);
        zipped.extend(b"PK\x05\x06");
        zipped.extend(bytes.iter().take(18));
        let _ = read_xlsx(&zipped);
    }

    #[test]
    fn damaged_workbooks_never_panic(
        ops in prop::collection::vec((any::<u8>(), any::<usize>(), any::<u8>()), 1..12),
        ours in any::<bool>(),
    ) {
        static SAMPLES: std::sync::OnceLock<(Vec<u8>, Vec<u8>)> = std::sync::OnceLock::new();
        let (a, b) = SAMPLES.get_or_init(|| {
            (xlsx::workbook(&seed_tables()[..2], "uji").unwrap(), rust_xlsxwriter_sample())
        });
        let bytes = if ours { a.clone() } else { b.clone() };
        let _ = read_xlsx(&mutate(bytes.clone(), &ops));
        let _ = read_xlsx(&rezip_mutated(&bytes, &ops));
    }
}

// ---------------------------------------------------------------------------------------------
// A real spreadsheet application.

/// Fields of one CSV line as LibreOffice writes them (`,` separated, `"` quoted).
fn csv_fields(line: &str) -> Vec<String> {
    let (mut out, mut field, mut quoted, mut chars) =
        (Vec::new(), String::new(), false, line.chars().peekable());
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(std::mem::take(&mut field)),
            _ => field.push(c),
        }
    }
    out.push(field);
    out
}

/// LibreOffice Calc opens the seed workbook and every figure of every sheet is a number
/// there, equal to the computed one (rupiah exact, percentages as fractions). Needs `soffice`
/// (Debian's `libreoffice-calc-nogui`, not installed by the test command):
/// `cargo test -p lakip-core --test xlsx -- --ignored`.
#[test]
#[ignore = "needs LibreOffice (soffice)"]
fn libreoffice_reads_every_figure() {
    let tables = seed_tables();
    let bytes = xlsx::workbook(&tables, "LAKIP 2024").unwrap();
    let dir = std::env::temp_dir().join(format!("lakip-soffice-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("lakip.xlsx");
    std::fs::write(&file, &bytes).unwrap();
    // Raw values (not as shown), UTF-8, every sheet to its own file.
    let filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";
    let status = std::process::Command::new("soffice")
        .arg("--headless")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.join("profil").display()
        ))
        .args(["--convert-to", filter, "--outdir"])
        .arg(&dir)
        .arg(&file)
        .status()
        .expect("soffice runs");
    assert!(status.success());
    let names = xlsx::sheet_names(&tables);
    let mut figures = 0;
    for (t, name) in tables.iter().zip(&names) {
        let csv = std::fs::read_to_string(dir.join(format!("lakip-{name}.csv")))
            .unwrap_or_else(|e| panic!("sheet {name}: {e}"));
        let lines: Vec<Vec<String>> = csv.lines().map(csv_fields).collect();
        assert_eq!(
            lines[1].len().max(t.columns.len()),
            lines[1].len(),
            "{name}: header"
        );
        for (r, row) in t.rows.iter().enumerate() {
            for (c, cell) in row.cells.iter().enumerate() {
                let want = match cell {
                    Cell::Money(m) | Cell::Number(m) | Cell::Value(Value::Number(m)) => *m,
                    Cell::Percent(p) => *p / Decimal::ONE_HUNDRED,
                    _ => continue,
                };
                // Calc writes a percentage cell as `94.9428667160832%` even unformatted.
                let text = &lines[r + 2][c];
                let (digits, scale) = match text.strip_suffix('%') {
                    Some(p) => (p, Decimal::ONE_HUNDRED),
                    None => (text.as_str(), Decimal::ONE),
                };
                let got = Decimal::from_scientific(digits)
                    .or_else(|_| digits.parse())
                    .map(|v: Decimal| v / scale)
                    .unwrap_or_else(|_| panic!("{name} row {r} col {c}: {text:?} is not a number"));
                assert!(
                    (got - want).abs() <= want.abs() * d("0.000000000001"),
                    "{name} row {r} col {c}: {got} ≠ {want}"
                );
                figures += 1;
            }
        }
    }
    eprintln!(
        "LibreOffice read {figures} figures in {} sheets",
        names.len()
    );
    assert!(figures > 500, "{figures}");
    let _ = std::fs::remove_dir_all(&dir);
}
