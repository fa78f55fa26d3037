//! The report as it is read: its tables (render-agnostic), the Bab III sentences and the
//! data behind the charts, all from computed figures.

pub mod chart;
pub mod narrative;
pub mod views;
