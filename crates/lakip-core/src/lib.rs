//! Kalkulator LAKIP, the domain: the model of a LAKIP / LKjIP and every calculation in it,
//! exact (`rust_decimal`), in plain Rust. Nothing here knows about a browser; the web app
//! and the tests only call into it.
//!
//! Layers, bottom to top (a module uses only those below it; see ARCHITECTURE.md):
//! [`num`] → [`model`] → [`calc`] → [`report`] → [`exchange`] → [`workspace`] → [`check`].

pub mod num;

pub mod model;

pub mod calc;

pub mod report;

pub mod exchange;

pub mod workspace;

pub mod check;

pub mod example;
#[cfg(any(test, feature = "generate"))]
pub mod generate;

pub use rust_decimal::Decimal;
