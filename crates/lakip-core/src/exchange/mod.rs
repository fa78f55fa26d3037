//! What crosses the app's boundary as a file: the versioned JSON snapshot (also the stored
//! form), the CSV/TSV/xlsx exports of the tables, and the small xlsx reader/writer under them.

pub mod export;
pub mod snapshot;
pub mod xlsx;
