//! Any bytes given to the `.xlsx` reader of the checker: as a file, and as one part of an
//! otherwise valid workbook (the first byte picks the part) so that they reach the XML
//! readers past the ZIP checksums. It never panics and never goes past its limits; the rows
//! it gives are numbered as the user sees them.
#![no_main]

use lakip_core::check::{read_xlsx, Grid};
use lakip_core::exchange::xlsx::zip;
use libfuzzer_sys::fuzz_target;

const PARTS: [(&str, &str); 6] = [
    (
        "_rels/.rels",
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    ),
    (
        "xl/workbook.xml",
        r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
    ),
    (
        "xl/_rels/workbook.xml.rels",
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#,
    ),
    (
        "xl/styles.xml",
        r#"<styleSheet><numFmts><numFmt numFmtId="164" formatCode="0.0%"/></numFmts><fonts><font/><font><b/></font></fonts><cellXfs><xf/><xf numFmtId="164" fontId="1"/><xf numFmtId="14"/></cellXfs></styleSheet>"#,
    ),
    ("xl/sharedStrings.xml", r#"<sst><si><t>JUMLAH</t></si><si><r><t>a</t></r><r><t xml:space="preserve"> b</t></r></si></sst>"#),
    (
        "xl/worksheets/sheet1.xml",
        r#"<worksheet><sheetData><row r="2"><c r="B2" t="s"><v>0</v></c><c r="C2" s="1"><v>0.5</v></c></row><row><c t="inlineStr"><is><t>x</t></is></c><c s="2"><v>45000</v></c><c t="b"><v>1</v></c></row></sheetData></worksheet>"#,
    ),
];

fn check(sheets: Result<Vec<(String, Grid)>, String>) {
    let Ok(sheets) = sheets else { return };
    for (_, grid) in &sheets {
        for row in &grid.rows {
            assert!(row.number >= 1 && row.number <= 1_048_576);
            assert!(!row.cells.is_empty() && !row.cells.last().unwrap().is_empty());
        }
        assert!(grid.first_col < 16_384);
    }
}

fuzz_target!(|data: &[u8]| {
    check(read_xlsx(data));
    if let Some((&which, part)) = data.split_first() {
        let which = which as usize % PARTS.len();
        let mut z = zip::Writer::new();
        for (i, (name, xml)) in PARTS.iter().enumerate() {
            z.add(name, if i == which { part } else { xml.as_bytes() }).unwrap();
        }
        check(read_xlsx(&z.finish().unwrap()));
    }
});
