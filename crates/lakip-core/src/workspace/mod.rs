//! Where reports live between sessions: the key layout in the browser's storage, backups,
//! the differences between two reports and taking chosen parts of another.

pub mod diff;
pub mod guard;
pub mod merge;
pub mod session;
pub mod store;
