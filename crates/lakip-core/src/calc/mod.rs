//! The formulas: capaian and categories, the budget roll-up with serapan and efficiency,
//! every figure of a report in one pass, and the warnings shown beside suspicious rows.
//! Reads the model; knows nothing of tables, files or storage.

pub mod budget;
pub mod capaian;
pub mod compute;
pub mod warnings;
