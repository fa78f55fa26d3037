//! Kalkulator LAKIP, the domain: the model of a LAKIP / LKjIP and every calculation in it,
//! exact (`rust_decimal`), in plain Rust. Nothing here knows about a browser; the web app
//! and the tests only call into it.

pub mod budget;
pub mod capaian;
pub mod chart;
pub mod check;
pub mod code;
pub mod compute;
pub mod diff;
pub mod edit;
pub mod example;
pub mod export;
pub mod generate;
pub mod merge;
pub mod model;
pub mod narrative;
pub mod num;
pub mod scale;
pub mod snapshot;
pub mod store;
pub mod value;
pub mod views;
pub mod warnings;
pub mod xlsx;

pub use rust_decimal::Decimal;
