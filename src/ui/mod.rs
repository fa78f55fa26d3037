//! Components. They read a [`crate::state::Session`] and computed results, and send edits;
//! they never compute a figure themselves.

pub mod app;
pub mod budget;
pub mod charts;
pub mod check;
pub mod common;
pub mod home;
pub mod inputs;
pub mod plan;
pub mod report;
pub mod settings;
pub mod sharing;
pub mod targets;
