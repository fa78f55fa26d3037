//! A minimal SpreadsheetML (ECMA-376 part 1, transitional) writer: sheets of numbers, text
//! and blank formatted cells, cell formats (font, fill, borders, alignment, number format),
//! column widths, frozen rows, print titles, page setup and header/footer.
//!
//! The package holds `[Content_Types].xml`, `_rels/.rels`, `docProps/core.xml`,
//! `xl/workbook.xml`, `xl/_rels/workbook.xml.rels`, `xl/styles.xml`,
//! `xl/sharedStrings.xml` (when there is text) and `xl/worksheets/sheetN.xml`, with the
//! elements in the order the schema requires, so that Excel opens it without repairs.
//!
//! Text goes to the shared string table. Characters that XML 1.0 forbids are dropped, a
//! literal `_xHHHH_` is protected as Excel does (`_x005F_xHHHH_`), and a cell keeps at
//! most the 32 767 characters Excel allows.

use super::xml::{escape_attr, escape_text};
use super::zip;
use std::collections::HashMap;
use std::fmt::Write as _;

/// Excel's limit on the characters of one cell.
const MAX_CELL_CHARS: usize = 32_767;
/// Excel's limit on the characters of a header or footer.
const MAX_HEADER_CHARS: usize = 255;
/// Excel's last row and column (0-based).
const MAX_ROW: u32 = 1_048_575;
const MAX_COL: u16 = 16_383;

/// A border line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Line {
    #[default]
    None,
    Thin,
    Double,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VAlign {
    Top,
    Center,
}

/// A cell format. The default is Excel's: Calibri 11, no border, general alignment and
/// number format.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Format {
    pub bold: bool,
    pub italic: bool,
    /// Font size in points; `None` is 11.
    pub size: Option<u8>,
    pub wrap: bool,
    pub align: Option<Align>,
    pub valign: Option<VAlign>,
    /// Indent level (0–15); with no alignment set it aligns left, as Excel needs.
    pub indent: u8,
    /// Left, right, top, bottom.
    pub border: [Line; 4],
    /// Solid fill colour, `0xRRGGBB`.
    pub fill: Option<u32>,
    /// Number format code (`#,##0`, `0.00%`); `None` is General.
    pub num_format: Option<String>,
}

impl Format {
    pub fn bold(mut self) -> Format {
        self.bold = true;
        self
    }
    pub fn italic(mut self) -> Format {
        self.italic = true;
        self
    }
    pub fn wrap(mut self) -> Format {
        self.wrap = true;
        self
    }
    pub fn align(mut self, a: Align) -> Format {
        self.align = Some(a);
        self
    }
    pub fn valign(mut self, a: VAlign) -> Format {
        self.valign = Some(a);
        self
    }
    pub fn border(mut self, line: Line) -> Format {
        self.border = [line; 4];
        self
    }
    pub fn border_top(mut self, line: Line) -> Format {
        self.border[2] = line;
        self
    }
    pub fn num_format(mut self, code: impl Into<String>) -> Format {
        self.num_format = Some(code.into());
        self
    }
}

/// A cell's content.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Number(f64),
    Text(String),
    /// No value, only a format.
    Blank,
}

/// Page orientation and scaling of a sheet.
#[derive(Clone, Debug, Default)]
pub struct PageSetup {
    pub landscape: bool,
    /// Excel's paper size code (9 is A4); 0 leaves the printer's default.
    pub paper: u8,
    /// Fit the sheet to one page wide (as many pages tall as needed).
    pub fit_to_width: bool,
    /// Header and footer with Excel's codes (`&L`, `&C`, `&P`, `&N`; `&&` is a `&`).
    pub header: String,
    pub footer: String,
}

/// One worksheet.
#[derive(Clone, Debug, Default)]
pub struct Sheet {
    pub name: String,
    /// `(row, col) → (value, style)`, both 0-based.
    cells: HashMap<(u32, u16), (Value, u32)>,
    /// Column widths in characters, as Excel's column width dialog shows them.
    widths: Vec<(u16, f64)>,
    /// Rows frozen at the top.
    pub freeze_rows: u32,
    /// Rows repeated at the top of every printed page, `(first, last)`, 0-based.
    pub print_title_rows: Option<(u32, u32)>,
    pub page: PageSetup,
}

impl Sheet {
    pub fn new(name: impl Into<String>) -> Sheet {
        Sheet {
            name: name.into(),
            ..Sheet::default()
        }
    }

    /// Put a value with style `style` (from [`Styles::add`]) at `row`, `col`; cells past
    /// Excel's last row or column are refused.
    pub fn set(&mut self, row: u32, col: u16, value: Value, style: u32) -> Result<(), String> {
        if row > MAX_ROW || col > MAX_COL {
            return Err(format!(
                "sel di luar batas Excel (baris {}, kolom {})",
                row + 1,
                col as u32 + 1
            ));
        }
        self.cells.insert((row, col), (value, style));
        Ok(())
    }

    pub fn number(&mut self, row: u32, col: u16, v: f64, style: u32) -> Result<(), String> {
        if v.is_finite() {
            self.set(row, col, Value::Number(v), style)
        } else {
            self.set(row, col, Value::Text(v.to_string()), style)
        }
    }

    pub fn text(
        &mut self,
        row: u32,
        col: u16,
        s: impl Into<String>,
        style: u32,
    ) -> Result<(), String> {
        self.set(row, col, Value::Text(s.into()), style)
    }

    pub fn blank(&mut self, row: u32, col: u16, style: u32) -> Result<(), String> {
        self.set(row, col, Value::Blank, style)
    }

    pub fn col_width(&mut self, col: u16, width: f64) {
        self.widths.retain(|(c, _)| *c != col);
        self.widths.push((col, width));
    }
}

/// The cell formats of a workbook, each stored once.
#[derive(Clone, Debug)]
pub struct Styles {
    formats: Vec<Format>,
}

impl Default for Styles {
    fn default() -> Styles {
        Styles {
            formats: vec![Format::default()],
        }
    }
}

impl Styles {
    /// The style index of `f` (0 is the default format).
    pub fn add(&mut self, f: &Format) -> u32 {
        match self.formats.iter().position(|g| g == f) {
            Some(i) => i as u32,
            None => {
                self.formats.push(f.clone());
                (self.formats.len() - 1) as u32
            }
        }
    }
}

/// Document properties (`docProps/core.xml`).
#[derive(Clone, Debug, Default)]
pub struct Properties {
    pub title: String,
    pub subject: String,
    pub description: String,
}

/// A workbook being built.
#[derive(Clone, Debug, Default)]
pub struct Workbook {
    pub sheets: Vec<Sheet>,
    pub styles: Styles,
    pub properties: Properties,
}

const NS_MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_PKG_REL: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const CT_SHEETML: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml";

/// `A1`-style reference of a 0-based cell.
pub fn cell_ref(row: u32, col: u16) -> String {
    format!("{}{}", col_letters(col), row as u64 + 1)
}

fn col_letters(col: u16) -> String {
    let mut n = col as u32 + 1;
    let mut out = Vec::new();
    while n > 0 {
        out.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Text for a cell: legal, at most 32 767 UTF-16 units, a literal `_xHHHH_` protected.
fn cell_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut units = 0;
    for c in s.chars().filter(|&c| super::xml::allowed(c)) {
        units += c.len_utf16();
        if units > MAX_CELL_CHARS {
            break;
        }
        out.push(c);
    }
    protect_escapes(&out)
}

/// `_x0041_` would be read back as `A`; Excel writes a literal one as `_x005F_x0041_`.
fn protect_escapes(s: &str) -> String {
    if !s.contains("_x") {
        return s.to_string();
    }
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len() + 8);
    for (i, c) in s.char_indices() {
        let escape = c == '_'
            && b.get(i + 1) == Some(&b'x')
            && b.get(i + 6) == Some(&b'_')
            && b.get(i + 2..i + 6)
                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit));
        if escape {
            out.push_str("_x005F");
        }
        out.push(c);
    }
    out
}

/// A header or footer cut to Excel's 255 characters without splitting a `&` code.
fn header_footer(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s
        .chars()
        .filter(|&c| super::xml::allowed(c) && c != '\r' && c != '\n')
        .peekable();
    let mut n = 0;
    while let Some(c) = chars.next() {
        let code = if c == '&' {
            chars.next().map(|d| [c, d])
        } else {
            None
        };
        let len = if code.is_some() { 2 } else { 1 };
        if n + len > MAX_HEADER_CHARS {
            break;
        }
        n += len;
        match code {
            Some([a, b]) => {
                out.push(a);
                out.push(b);
            }
            None if c == '&' => break, // a lone `&` at the end
            None => out.push(c),
        }
    }
    out
}

/// A sheet name for a formula: always quoted, `'` doubled.
fn quoted_sheet(name: &str) -> String {
    format!("'{}'", name.replace('\'', "''"))
}

/// A number as `xsd:double` text: Rust's shortest round-trip form.
fn number_text(v: f64) -> String {
    let s = format!("{v:?}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

/// Stored column width: characters plus Excel's 5 px padding, at a 7 px digit width.
fn stored_width(chars: f64) -> f64 {
    let chars = chars.clamp(0.0, 255.0);
    let px = if chars < 1.0 {
        (chars * 12.0).round()
    } else {
        (chars * 7.0 + 5.0).round()
    };
    ((px * 256.0 / 7.0).floor()) / 256.0
}

/// Excel's built-in number formats that we write by id.
fn builtin_format(code: &str) -> Option<u32> {
    Some(match code {
        "General" => 0,
        "0" => 1,
        "0.00" => 2,
        "#,##0" => 3,
        "#,##0.00" => 4,
        "0%" => 9,
        "0.00%" => 10,
        "@" => 49,
        _ => return None,
    })
}

impl Workbook {
    pub fn new() -> Workbook {
        Workbook::default()
    }

    /// The `.xlsx` bytes. Sheet names must be valid and unique (the caller's job); a
    /// workbook needs at least one sheet.
    pub fn save(&self) -> Result<Vec<u8>, String> {
        if self.sheets.is_empty() {
            return Err("buku kerja tanpa lembar".into());
        }
        let mut strings = SharedStrings::default();
        let mut sheets_xml = Vec::with_capacity(self.sheets.len());
        for (i, s) in self.sheets.iter().enumerate() {
            sheets_xml.push(self.sheet_xml(i, s, &mut strings));
        }
        let mut z = zip::Writer::new();
        z.add(
            "[Content_Types].xml",
            self.content_types(!strings.list.is_empty()).as_bytes(),
        )?;
        z.add("_rels/.rels", package_rels().as_bytes())?;
        z.add("docProps/core.xml", self.core_xml().as_bytes())?;
        z.add("xl/workbook.xml", self.workbook_xml().as_bytes())?;
        z.add(
            "xl/_rels/workbook.xml.rels",
            self.workbook_rels(!strings.list.is_empty()).as_bytes(),
        )?;
        z.add("xl/styles.xml", self.styles_xml().as_bytes())?;
        if !strings.list.is_empty() {
            z.add("xl/sharedStrings.xml", strings.xml().as_bytes())?;
        }
        for (i, x) in sheets_xml.iter().enumerate() {
            z.add(&format!("xl/worksheets/sheet{}.xml", i + 1), x.as_bytes())?;
        }
        z.finish()
    }

    fn content_types(&self, with_strings: bool) -> String {
        let mut x = String::from(DECL);
        x.push_str(
            "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
             <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
             <Default Extension=\"xml\" ContentType=\"application/xml\"/>",
        );
        let mut over = |part: &str, ct: &str| {
            let _ = write!(x, "<Override PartName=\"{part}\" ContentType=\"{ct}\"/>");
        };
        over(
            "/docProps/core.xml",
            "application/vnd.openxmlformats-package.core-properties+xml",
        );
        over("/xl/workbook.xml", &format!("{CT_SHEETML}.sheet.main+xml"));
        over("/xl/styles.xml", &format!("{CT_SHEETML}.styles+xml"));
        if with_strings {
            over(
                "/xl/sharedStrings.xml",
                &format!("{CT_SHEETML}.sharedStrings+xml"),
            );
        }
        for i in 1..=self.sheets.len() {
            over(
                &format!("/xl/worksheets/sheet{i}.xml"),
                &format!("{CT_SHEETML}.worksheet+xml"),
            );
        }
        x.push_str("</Types>");
        x
    }

    fn core_xml(&self) -> String {
        let p = &self.properties;
        let mut x = String::from(DECL);
        x.push_str(
            "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
             xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
             xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">",
        );
        for (tag, v) in [
            ("dc:title", &p.title),
            ("dc:subject", &p.subject),
            ("dc:description", &p.description),
        ] {
            if !v.is_empty() {
                let _ = write!(x, "<{tag}>");
                escape_text(&mut x, v);
                let _ = write!(x, "</{tag}>");
            }
        }
        x.push_str("<dc:creator>Kalkulator LAKIP</dc:creator></cp:coreProperties>");
        x
    }

    fn workbook_xml(&self) -> String {
        let mut x = String::from(DECL);
        let _ = write!(
            x,
            "<workbook xmlns=\"{NS_MAIN}\" xmlns:r=\"{NS_REL}\"><workbookPr/>\
             <bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
        );
        for (i, s) in self.sheets.iter().enumerate() {
            x.push_str("<sheet name=\"");
            escape_attr(&mut x, &s.name);
            let _ = write!(x, "\" sheetId=\"{}\" r:id=\"rId{}\"/>", i + 1, i + 1);
        }
        x.push_str("</sheets>");
        let titles: Vec<String> = self
            .sheets
            .iter()
            .enumerate()
            .filter_map(|(i, s)| {
                let (a, b) = s.print_title_rows?;
                let mut d =
                    format!("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"{i}\">");
                escape_text(
                    &mut d,
                    &format!("{}!${}:${}", quoted_sheet(&s.name), a + 1, b.max(a) + 1),
                );
                d.push_str("</definedName>");
                Some(d)
            })
            .collect();
        if !titles.is_empty() {
            let _ = write!(x, "<definedNames>{}</definedNames>", titles.concat());
        }
        x.push_str("<calcPr calcId=\"191029\"/></workbook>");
        x
    }

    fn workbook_rels(&self, with_strings: bool) -> String {
        let mut x = String::from(DECL);
        let _ = write!(x, "<Relationships xmlns=\"{NS_PKG_REL}\">");
        let n = self.sheets.len();
        for i in 1..=n {
            let _ = write!(
                x,
                "<Relationship Id=\"rId{i}\" Type=\"{NS_REL}/worksheet\" Target=\"worksheets/sheet{i}.xml\"/>"
            );
        }
        let _ = write!(
            x,
            "<Relationship Id=\"rId{}\" Type=\"{NS_REL}/styles\" Target=\"styles.xml\"/>",
            n + 1
        );
        if with_strings {
            let _ = write!(
                x,
                "<Relationship Id=\"rId{}\" Type=\"{NS_REL}/sharedStrings\" Target=\"sharedStrings.xml\"/>",
                n + 2
            );
        }
        x.push_str("</Relationships>");
        x
    }

    fn styles_xml(&self) -> String {
        // Distinct fonts, fills, borders and custom number formats, in first-use order.
        let mut fonts: Vec<(bool, bool, u8)> = vec![(false, false, 11)];
        let mut fills: Vec<Option<u32>> = vec![None, None]; // none, gray125: required
        let mut borders: Vec<[Line; 4]> = vec![[Line::None; 4]];
        let mut custom: Vec<String> = Vec::new();
        fn index<T: PartialEq>(v: &mut Vec<T>, item: T) -> usize {
            match v.iter().position(|x| *x == item) {
                Some(i) => i,
                None => {
                    v.push(item);
                    v.len() - 1
                }
            }
        }
        let mut xfs = String::new();
        for f in &self.styles.formats {
            let font = index(&mut fonts, (f.bold, f.italic, f.size.unwrap_or(11).max(1)));
            // The two required fills are `None`, so a colour never matches them.
            let fill = if f.fill.is_some() {
                index(&mut fills, f.fill)
            } else {
                0
            };
            let border = index(&mut borders, f.border);
            let num = match f.num_format.as_deref() {
                None => 0,
                Some(code) => match builtin_format(code) {
                    Some(id) => id as usize,
                    None => 164 + index(&mut custom, code.to_string()),
                },
            };
            let _ = write!(
                xfs,
                "<xf numFmtId=\"{num}\" fontId=\"{font}\" fillId=\"{fill}\" borderId=\"{border}\" xfId=\"0\""
            );
            for (apply, on) in [
                ("applyNumberFormat", num != 0),
                ("applyFont", font != 0),
                ("applyFill", fill != 0),
                ("applyBorder", border != 0),
            ] {
                if on {
                    let _ = write!(xfs, " {apply}=\"1\"");
                }
            }
            let align = f.align.or(if f.indent > 0 {
                Some(Align::Left)
            } else {
                None
            });
            if align.is_some() || f.valign.is_some() || f.wrap || f.indent > 0 {
                xfs.push_str(" applyAlignment=\"1\"><alignment");
                if let Some(a) = align {
                    let a = match a {
                        Align::Left => "left",
                        Align::Center => "center",
                        Align::Right => "right",
                    };
                    let _ = write!(xfs, " horizontal=\"{a}\"");
                }
                if let Some(v) = f.valign {
                    let v = match v {
                        VAlign::Top => "top",
                        VAlign::Center => "center",
                    };
                    let _ = write!(xfs, " vertical=\"{v}\"");
                }
                if f.wrap {
                    xfs.push_str(" wrapText=\"1\"");
                }
                if f.indent > 0 {
                    let _ = write!(xfs, " indent=\"{}\"", f.indent.min(15));
                }
                xfs.push_str("/></xf>");
            } else {
                xfs.push_str("/>");
            }
        }

        let mut x = String::from(DECL);
        let _ = write!(x, "<styleSheet xmlns=\"{NS_MAIN}\">");
        if !custom.is_empty() {
            let _ = write!(x, "<numFmts count=\"{}\">", custom.len());
            for (i, code) in custom.iter().enumerate() {
                let _ = write!(x, "<numFmt numFmtId=\"{}\" formatCode=\"", 164 + i);
                escape_attr(&mut x, code);
                x.push_str("\"/>");
            }
            x.push_str("</numFmts>");
        }
        let _ = write!(x, "<fonts count=\"{}\">", fonts.len());
        for (bold, italic, size) in &fonts {
            x.push_str("<font>");
            if *bold {
                x.push_str("<b/>");
            }
            if *italic {
                x.push_str("<i/>");
            }
            let _ = write!(
                x,
                "<sz val=\"{size}\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
            );
        }
        let _ = write!(
            x,
            "</fonts><fills count=\"{}\"><fill><patternFill patternType=\"none\"/></fill>\
             <fill><patternFill patternType=\"gray125\"/></fill>",
            fills.len()
        );
        for rgb in fills.iter().skip(2).flatten() {
            let _ = write!(
                x,
                "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FF{:06X}\"/><bgColor indexed=\"64\"/></patternFill></fill>",
                rgb & 0xFF_FFFF
            );
        }
        let _ = write!(x, "</fills><borders count=\"{}\">", borders.len());
        for b in &borders {
            x.push_str("<border>");
            for (side, line) in ["left", "right", "top", "bottom"].iter().zip(b) {
                match line {
                    Line::None => {
                        let _ = write!(x, "<{side}/>");
                    }
                    Line::Thin | Line::Double => {
                        let style = if *line == Line::Thin {
                            "thin"
                        } else {
                            "double"
                        };
                        let _ = write!(x, "<{side} style=\"{style}\"><color auto=\"1\"/></{side}>");
                    }
                }
            }
            x.push_str("<diagonal/></border>");
        }
        let _ = write!(
            x,
            "</borders><cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>\
             <cellXfs count=\"{}\">{xfs}</cellXfs>\
             <cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>\
             <dxfs count=\"0\"/><tableStyles count=\"0\"/></styleSheet>",
            self.styles.formats.len()
        );
        x
    }

    fn sheet_xml(&self, index: usize, s: &Sheet, strings: &mut SharedStrings) -> String {
        let mut x = String::from(DECL);
        let _ = write!(x, "<worksheet xmlns=\"{NS_MAIN}\" xmlns:r=\"{NS_REL}\">");
        if s.page.fit_to_width {
            x.push_str("<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>");
        }
        let mut keys: Vec<(u32, u16)> = s.cells.keys().copied().collect();
        keys.sort_unstable();
        let dimension = match (
            keys.first(),
            keys.iter().map(|k| k.1).min(),
            keys.iter().map(|k| k.1).max(),
        ) {
            (Some(first), Some(c0), Some(c1)) => {
                let last = keys.last().map_or(first.0, |k| k.0);
                let (a, b) = (cell_ref(first.0, c0), cell_ref(last, c1));
                if a == b {
                    a
                } else {
                    format!("{a}:{b}")
                }
            }
            _ => "A1".to_string(),
        };
        let _ = write!(x, "<dimension ref=\"{dimension}\"/><sheetViews><sheetView");
        if index == 0 {
            x.push_str(" tabSelected=\"1\"");
        }
        x.push_str(" workbookViewId=\"0\"");
        if s.freeze_rows > 0 && s.freeze_rows <= MAX_ROW {
            let top = cell_ref(s.freeze_rows, 0);
            let _ = write!(
                x,
                "><pane ySplit=\"{}\" topLeftCell=\"{top}\" activePane=\"bottomLeft\" state=\"frozen\"/>\
                 <selection pane=\"bottomLeft\" activeCell=\"{top}\" sqref=\"{top}\"/></sheetView>",
                s.freeze_rows
            );
        } else {
            x.push_str("/>");
        }
        x.push_str("</sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>");
        if !s.widths.is_empty() {
            let mut widths = s.widths.clone();
            widths.sort_by_key(|w| w.0);
            x.push_str("<cols>");
            for (c, w) in widths {
                let _ = write!(
                    x,
                    "<col min=\"{0}\" max=\"{0}\" width=\"{1}\" customWidth=\"1\"/>",
                    c as u32 + 1,
                    stored_width(w)
                );
            }
            x.push_str("</cols>");
        }
        x.push_str("<sheetData>");
        let mut current_row = None;
        for (r, c) in keys {
            if current_row != Some(r) {
                if current_row.is_some() {
                    x.push_str("</row>");
                }
                let _ = write!(x, "<row r=\"{}\">", r as u64 + 1);
                current_row = Some(r);
            }
            let Some((value, style)) = s.cells.get(&(r, c)) else {
                continue;
            };
            let _ = write!(x, "<c r=\"{}\"", cell_ref(r, c));
            if *style != 0 && (*style as usize) < self.styles.formats.len() {
                let _ = write!(x, " s=\"{style}\"");
            }
            match value {
                Value::Number(v) => {
                    let _ = write!(x, " t=\"n\"><v>{}</v></c>", number_text(*v));
                }
                Value::Text(t) => {
                    let _ = write!(x, " t=\"s\"><v>{}</v></c>", strings.index(cell_text(t)));
                }
                Value::Blank => x.push_str("/>"),
            }
        }
        if current_row.is_some() {
            x.push_str("</row>");
        }
        x.push_str("</sheetData><pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>");
        let p = &s.page;
        x.push_str("<pageSetup");
        if p.paper > 0 {
            let _ = write!(x, " paperSize=\"{}\"", p.paper);
        }
        if p.fit_to_width {
            x.push_str(" fitToWidth=\"1\" fitToHeight=\"0\"");
        }
        let _ = write!(
            x,
            " orientation=\"{}\"/>",
            if p.landscape { "landscape" } else { "portrait" }
        );
        let (header, footer) = (header_footer(&p.header), header_footer(&p.footer));
        if !header.is_empty() || !footer.is_empty() {
            x.push_str("<headerFooter>");
            for (tag, v) in [("oddHeader", header), ("oddFooter", footer)] {
                if !v.is_empty() {
                    let _ = write!(x, "<{tag}>");
                    escape_text(&mut x, &v);
                    let _ = write!(x, "</{tag}>");
                }
            }
            x.push_str("</headerFooter>");
        }
        x.push_str("</worksheet>");
        x
    }
}

fn package_rels() -> String {
    format!(
        "{DECL}<Relationships xmlns=\"{NS_PKG_REL}\">\
         <Relationship Id=\"rId1\" Type=\"{NS_REL}/officeDocument\" Target=\"xl/workbook.xml\"/>\
         <Relationship Id=\"rId2\" Type=\"{NS_PKG_REL}/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
         </Relationships>"
    )
}

#[derive(Default)]
struct SharedStrings {
    list: Vec<String>,
    index: HashMap<String, usize>,
    count: usize,
}

impl SharedStrings {
    fn index(&mut self, s: String) -> usize {
        self.count += 1;
        if let Some(&i) = self.index.get(&s) {
            return i;
        }
        self.list.push(s.clone());
        self.index.insert(s, self.list.len() - 1);
        self.list.len() - 1
    }

    fn xml(&self) -> String {
        let mut x = String::from(DECL);
        let _ = write!(
            x,
            "<sst xmlns=\"{NS_MAIN}\" count=\"{}\" uniqueCount=\"{}\">",
            self.count,
            self.list.len()
        );
        for s in &self.list {
            let edge = |c: Option<char>| c.is_some_and(char::is_whitespace);
            if edge(s.chars().next()) || edge(s.chars().last()) {
                x.push_str("<si><t xml:space=\"preserve\">");
            } else {
                x.push_str("<si><t>");
            }
            escape_text(&mut x, s);
            x.push_str("</t></si>");
        }
        x.push_str("</sst>");
        x
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_and_widths() {
        assert_eq!(cell_ref(0, 0), "A1");
        assert_eq!(cell_ref(4, 27), "AB5");
        assert_eq!(cell_ref(MAX_ROW, MAX_COL), "XFD1048576");
        assert_eq!(stored_width(12.0), 12.7109375);
        assert_eq!(number_text(1.0), "1");
        assert_eq!(number_text(-0.25), "-0.25");
        assert_eq!(number_text(1e300), "1e300");
        assert_eq!(number_text(252398711.02), "252398711.02");
    }

    #[test]
    fn text_is_made_legal() {
        assert_eq!(cell_text("a\u{1}b\u{fffe}"), "ab");
        assert_eq!(cell_text("_x0041_ dan _x00_"), "_x005F_x0041_ dan _x00_");
        assert_eq!(
            cell_text(&"é".repeat(40_000)).chars().count(),
            MAX_CELL_CHARS
        );
        assert_eq!(header_footer("&LA && B"), "&LA && B");
        let long = header_footer(&format!("&L{}", "&&".repeat(200)));
        assert_eq!(long.chars().count(), 254);
        assert_eq!(header_footer("x&"), "x");
    }

    #[test]
    fn a_sheet_outside_excel_is_refused() {
        let mut s = Sheet::new("x");
        assert!(s.number(MAX_ROW + 1, 0, 1.0, 0).is_err());
        assert!(s.number(0, MAX_COL + 1, 1.0, 0).is_err());
        assert!(Workbook::new().save().is_err());
    }
}
