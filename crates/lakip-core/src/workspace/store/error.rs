//! What can go wrong: typed errors whose `Display` speaks Indonesian.

use crate::exchange::snapshot::{self, ImportError};
use std::fmt;

/// What can go wrong with the store. `Display` explains it in Indonesian.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// Storage is switched off or forbidden (`SecurityError`, private mode, policy).
    Blocked(String),
    /// Storage is full (`QuotaExceededError`, `NS_ERROR_DOM_QUOTA_REACHED`).
    Full,
    /// Storage holds a newer revision of the report than the one this tab started from:
    /// another tab (or window) saved it meanwhile. Nothing was written.
    Conflict {
        /// The revision in storage.
        stored_revision: u64,
        /// The revision this tab last loaded or saved.
        expected: u64,
        /// When the stored revision was saved (ISO time; may be empty).
        stored_at: String,
    },
    /// The report breaks a rule of the snapshot format (a text too long, a duplicate id,
    /// a broken link): stored, it could not be read back, so it is not stored. The report
    /// stays in memory; the problems say what to fix.
    Invalid(Vec<snapshot::Problem>),
    Other(String),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Blocked(d) => write!(
                f,
                "Penyimpanan browser diblokir ({d}). Laporan tetap ada di memori selama halaman ini terbuka; ekspor JSON untuk menyimpannya."
            ),
            StoreError::Full => write!(
                f,
                "Penyimpanan browser penuh: perubahan terakhir belum tersimpan. Laporan tetap ada di memori; ekspor JSON, lalu hapus laporan atau cadangan yang tidak diperlukan."
            ),
            StoreError::Conflict { stored_revision, expected, stored_at } => {
                write!(
                    f,
                    "Laporan ini sudah disimpan dari tab atau jendela lain (revisi {stored_revision}"
                )?;
                if !stored_at.is_empty() {
                    write!(f, ", {stored_at}")?;
                }
                write!(
                    f,
                    "; tab ini mulai dari revisi {expected}). Perubahan di tab ini belum disimpan agar versi yang lebih baru tidak tertimpa. Pilih: muat versi tersimpan, atau timpa dengan versi tab ini (versi tersimpan disalin dulu ke cadangan)."
                )
            }
            StoreError::Invalid(problems) => {
                write!(f, "Laporan belum disimpan karena ada isian yang melanggar aturan format ({} masalah): ", problems.len())?;
                for (i, p) in problems.iter().take(5).enumerate() {
                    if i > 0 {
                        f.write_str("; ")?;
                    }
                    write!(f, "{p}")?;
                }
                if problems.len() > 5 {
                    write!(f, "; dan {} lainnya", problems.len() - 5)?;
                }
                write!(f, ". Perbaiki isian itu; laporan tetap ada di memori.")
            }
            StoreError::Other(d) => write!(f, "Penyimpanan browser gagal: {d}"),
        }
    }
}

impl std::error::Error for StoreError {}

/// Why a stored report could not be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    Store(StoreError),
    Missing,
    /// The stored value is unreadable; it was kept aside under `kept_as`.
    Corrupt {
        error: ImportError,
        kept_as: Option<String>,
    },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Store(e) => e.fmt(f),
            LoadError::Missing => write!(f, "Laporan tidak ditemukan di penyimpanan browser."),
            LoadError::Corrupt { error, kept_as } => {
                write!(f, "Laporan tersimpan tidak dapat dibaca: {error}")?;
                if kept_as.is_some() {
                    write!(
                        f,
                        " Data aslinya disisihkan (tidak dihapus) dan dapat diunduh."
                    )?;
                }
                Ok(())
            }
        }
    }
}

impl From<StoreError> for LoadError {
    fn from(e: StoreError) -> Self {
        LoadError::Store(e)
    }
}

/// Why an import or a restore did not happen. In every case storage is unchanged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReplaceError {
    /// The file (or the backup) cannot be read.
    Import(ImportError),
    Store(StoreError),
    /// The backup no longer exists.
    MissingBackup,
}

impl fmt::Display for ReplaceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReplaceError::Import(e) => e.fmt(f),
            ReplaceError::Store(e) => e.fmt(f),
            ReplaceError::MissingBackup => write!(
                f,
                "Cadangan ini sudah tidak ada (mungkin dihapus untuk memberi ruang)."
            ),
        }
    }
}

impl std::error::Error for ReplaceError {}

impl From<StoreError> for ReplaceError {
    fn from(e: StoreError) -> Self {
        ReplaceError::Store(e)
    }
}

impl From<ImportError> for ReplaceError {
    fn from(e: ImportError) -> Self {
        ReplaceError::Import(e)
    }
}
