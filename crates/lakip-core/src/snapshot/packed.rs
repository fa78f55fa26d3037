//! The stored form of a snapshot: small ones as they are, large ones deflated and packed
//! 15 bits per character in U+4000..U+BFFF (no surrogates, no control characters), so one
//! character of local storage carries almost two bytes. The packed form is itself JSON, so a
//! stored value saved to a file (from the recovery screen) imports like any snapshot.

use super::{ImportError, Problem, MAX_BYTES};
use serde_json::{json, Value as J};

/// Format name of the packed form.
pub const PACKED_FORMAT: &str = "kalkulator-lakip-tersimpan";
/// Snapshots longer than this are stored packed.
pub const PACK_ABOVE: usize = 16 * 1024;

const BASE: u32 = 0x4000;

fn pack_bits(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 8 / 15 + 2);
    let mut acc: u32 = 0;
    let mut n = 0u32;
    for &b in bytes {
        acc = (acc << 8) | b as u32;
        n += 8;
        while n >= 15 {
            n -= 15;
            let v = (acc >> n) & 0x7FFF;
            out.push(char::from_u32(BASE + v).expect("U+4000..U+BFFF are chars"));
        }
        acc &= (1 << n) - 1;
    }
    if n > 0 {
        let v = (acc << (15 - n)) & 0x7FFF;
        out.push(char::from_u32(BASE + v).expect("U+4000..U+BFFF are chars"));
    }
    out
}

fn unpack_bits(text: &str, len: usize) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(len);
    let mut acc: u32 = 0;
    let mut n = 0u32;
    for c in text.chars() {
        let v = (c as u32).checked_sub(BASE).filter(|v| *v < 0x8000)?;
        acc = (acc << 15) | v;
        n += 15;
        while n >= 8 && out.len() < len {
            n -= 8;
            out.push(((acc >> n) & 0xFF) as u8);
        }
        acc &= (1 << n) - 1;
    }
    (out.len() == len).then_some(out)
}

/// Encode snapshot JSON for storage: as is when small, deflated and packed when large.
pub fn encode(snapshot_json: &str) -> String {
    if snapshot_json.len() <= PACK_ABOVE {
        return snapshot_json.to_string();
    }
    let deflated = miniz_oxide::deflate::compress_to_vec(snapshot_json.as_bytes(), 6);
    json!({
        "format": PACKED_FORMAT,
        "versi": 1,
        "panjang": deflated.len(),
        "isi": pack_bits(&deflated),
    })
    .to_string()
}

/// Largest snapshot a packed value may inflate to.
const MAX_INFLATED: usize = MAX_BYTES;

/// Turn a stored value back into snapshot JSON (either form).
pub fn decode(stored: &str) -> Result<String, ImportError> {
    let head: String = stored.chars().take(64).collect();
    if !head.contains(PACKED_FORMAT) {
        return Ok(stored.to_string());
    }
    let bad = |why: &str| ImportError::Invalid(vec![Problem {
        path: "isi".into(),
        message: format!("data tersimpan rusak ({why})"),
    }]);
    let j: J = serde_json::from_str(stored).map_err(|_| bad("bukan JSON"))?;
    let len = j.get("panjang").and_then(J::as_u64).ok_or_else(|| bad("panjang tidak ada"))? as usize;
    let text = j.get("isi").and_then(J::as_str).ok_or_else(|| bad("isi tidak ada"))?;
    if len > MAX_INFLATED {
        return Err(bad("terlalu besar"));
    }
    let bytes = unpack_bits(text, len).ok_or_else(|| bad("karakter tidak dikenal"))?;
    let inflated = miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, MAX_INFLATED)
        .map_err(|_| bad("gagal dibuka"))?;
    String::from_utf8(inflated).map_err(|_| bad("bukan UTF-8"))
}

/// Whether a text is a stored (packed) value rather than a plain snapshot.
pub fn is_packed(text: &str) -> bool {
    text.chars().take(64).collect::<String>().contains(PACKED_FORMAT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packing_round_trips_any_bytes() {
        for len in [0usize, 1, 2, 14, 15, 16, 17, 100, 1000] {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 % 256) as u8).collect();
            let packed = pack_bits(&bytes);
            assert!(packed.chars().all(|c| (0x4000..0xC000).contains(&(c as u32))));
            assert_eq!(packed.chars().count(), (len * 8).div_ceil(15));
            assert_eq!(unpack_bits(&packed, len).unwrap(), bytes);
        }
    }

    #[test]
    fn small_reports_stay_readable_large_ones_are_packed() {
        let small = r#"{"format":"kalkulator-lakip"}"#;
        assert_eq!(encode(small), small);
        let meta = crate::snapshot::Meta::default();
        let big = crate::snapshot::export(&crate::example::example(), &meta).repeat(3);
        let enc = encode(&big);
        assert!(is_packed(&enc));
        assert!(enc.chars().count() * 4 < big.len(), "{} vs {}", enc.chars().count(), big.len());
        assert_eq!(decode(&enc).unwrap(), big);
    }

    #[test]
    fn a_packed_value_imports_like_a_snapshot() {
        let mut r = crate::example::example();
        r.sasaran[0].iku[0].cause = "x".repeat(PACK_ABOVE);
        let packed = encode(&crate::snapshot::export(&r, &crate::snapshot::Meta::default()));
        assert!(is_packed(&packed));
        assert_eq!(crate::snapshot::import_str(&packed).unwrap().report, r);
    }
}
