//! The snapshot's validation rules, stated once: limits, ranges and the Indonesian
//! message of each. The reader ([`super::read`]) applies them to JSON, the limits
//! ([`super::limits`]) to a report in memory; which field has which rule is said by the
//! field tables ([`crate::model::fields`]): a [`Len`] per text, [`Rupiah`] per money field,
//! [`Persen`] for the cap.

use crate::model::fields::{Len, Persen, Rupiah};
use crate::num::{format_plain, limit};
use rust_decimal::Decimal;
use std::ops::RangeInclusive;

/// Longest name (program, indicator, …) accepted.
pub const MAX_NAME: usize = 2_000;
/// Longest free text (cause, solution) accepted.
pub const MAX_TEXT: usize = 20_000;
/// Longest id or code accepted.
pub const MAX_ID: usize = 64;
/// Most problems listed; past this the reader stops looking.
pub const MAX_PROBLEMS: usize = 200;
/// Most items of one list (programs, sub kegiatan of a kegiatan, …).
pub const MAX_ITEMS: usize = 100_000;
/// Most decimals of a number (money: 2).
pub const MAX_DECIMALS: usize = 12;
/// Most digits before the decimal point (the limit itself, 10^15, has 16).
pub const MAX_INT_DIGITS: usize = 16;
/// Longest envelope text (`versi_aplikasi`, `diekspor`).
pub const MAX_META: usize = 200;
/// Years a report, a Renstra period or a yearly value may name.
pub const YEARS: RangeInclusive<i64> = 1900..=2200;
/// Decimals shown on screen (a setting).
pub const DECIMALS: RangeInclusive<i64> = 0..=6;
/// Longest Renstra period, in years after the first.
pub const MAX_PERIOD: i64 = 10;

/// The longest text of a length class.
pub fn max_len(len: Len) -> usize {
    match len {
        Len::Name => MAX_NAME,
        Len::Long => MAX_TEXT,
    }
}

pub fn too_long(n: usize, max: usize) -> String {
    format!("teks terlalu panjang ({n} karakter, paling banyak {max})")
}

pub fn id_too_long() -> String {
    format!("id terlalu panjang (paling banyak {MAX_ID} karakter)")
}

pub fn too_large() -> String {
    format!(
        "angka terlalu besar (paling besar {})",
        format_plain(limit())
    )
}

pub fn too_many_decimals() -> String {
    format!("terlalu banyak angka desimal (paling banyak {MAX_DECIMALS})")
}

pub fn too_many_items(n: usize) -> String {
    format!("terlalu banyak isi ({n} butir)")
}

pub fn whole_number(range: &RangeInclusive<i64>) -> String {
    format!("harus bilangan bulat {}–{}", range.start(), range.end())
}

pub const REQUIRED: &str = "wajib diisi";
pub const NOT_A_YEAR: &str = "bukan tahun (empat angka, 1900–2200)";
pub const BAD_PERIOD: &str = "periode tidak masuk akal (awal ≤ akhir, paling lama 10 tahun)";
pub const RANGE_REVERSED: &str = "batas bawah lebih besar dari batas atas";
pub const RATIO_ZERO: &str = "sisi kiri rasio tidak boleh 0";
pub const BAD_REPORT_ID: &str = "hanya boleh huruf, angka, '-', '_' dan '.'";

/// Why a number cannot be in a snapshot (too large, too many decimals).
pub fn decimal(d: Decimal) -> Result<(), String> {
    if d.abs() > limit() {
        return Err(too_large());
    }
    if d.scale() as usize > MAX_DECIMALS && d.normalize().scale() as usize > MAX_DECIMALS {
        return Err(too_many_decimals());
    }
    Ok(())
}

/// Why a number cannot be an amount of rupiah (after [`decimal`]).
pub fn rupiah(d: Decimal) -> Result<(), &'static str> {
    Rupiah::problem(d).map_or(Ok(()), Err)
}

/// Why a number cannot be the cap on capaian (after [`decimal`]).
pub fn cap(d: Decimal) -> Result<(), &'static str> {
    Persen::cap_problem(d).map_or(Ok(()), Err)
}

/// Whether a Renstra period of these years makes sense (both years in [`YEARS`]).
pub fn period_ok(first: i64, last: i64) -> bool {
    first <= last && last - first <= MAX_PERIOD
}

/// Whether a report id has only the characters it may have.
pub fn report_id_ok(id: &str) -> bool {
    id.bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}
