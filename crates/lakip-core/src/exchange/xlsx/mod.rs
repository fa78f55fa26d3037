//! Excel workbooks (`.xlsx`, Office Open XML SpreadsheetML) written and read by our own
//! small code instead of `rust_xlsxwriter` and `calamine`, which together would add more
//! than 300 KB to the single-file app.
//!
//! * [`zip`]: a ZIP writer and reader (stored and deflated entries through `miniz_oxide`,
//!   our own CRC-32, data descriptors read, no ZIP64; limits on entries and inflated bytes).
//! * [`xml`]: a pull tokenizer for the package's XML and the escaping used to write it.
//! * [`write`]: sheets, cell formats, print setup → the `.xlsx` bytes.
//! * [`read`]: the `.xlsx` bytes → sheets with names, cell values and the styles the
//!   checker needs (bold, number format, dates).
//!
//! The tables export ([`crate::exchange::export::xlsx`]) and the checker's file reader
//! ([`crate::check::read_xlsx`]) are built on these. Tests check both against the two
//! libraries: every workbook we write opens in `calamine` with the same values, and every
//! file `rust_xlsxwriter` writes reads here as in `calamine`. Nothing here panics on
//! malformed input.

pub mod read;
pub mod write;
pub mod xml;
pub mod zip;
