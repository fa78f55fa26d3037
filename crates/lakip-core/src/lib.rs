//! Kalkulator LAKIP, the domain: the model of a LAKIP / LKjIP and every calculation in it,
//! exact (`rust_decimal`), in plain Rust. Nothing here knows about a browser; the web app
//! and the tests only call into it.

pub mod budget;
pub mod capaian;
pub mod code;
pub mod compute;
pub mod edit;
pub mod example;
pub mod generate;
pub mod model;
pub mod num;
pub mod scale;
pub mod snapshot;
pub mod store;
pub mod value;

pub use rust_decimal::Decimal;
