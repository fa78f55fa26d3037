//! Exports of [`crate::report::views::Table`]s: CSV and tab-separated text ([`csv`]) and Excel
//! workbooks ([`xlsx`]).

pub mod csv;
pub mod xlsx;
