//! Any text given to the number and value parsers, under every convention: no panic, and
//! what is read prints back to text that reads the same.
#![no_main]

use lakip_core::num::{self, Convention, Rules};
use lakip_core::model::value::Value;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let convention = match flags % 3 {
        0 => Convention::Indonesian,
        1 => Convention::English,
        _ => Convention::Strict,
    };
    let max_decimals = match (flags >> 2) % 4 {
        0 => None,
        n => Some(n as u32 * 2 - 2),
    };
    let rules = Rules { convention, max_decimals, allow_negative: flags & 0x10 != 0 };
    if let Ok(p) = num::parse(&text, rules) {
        // Within the limits, and printing back (Indonesian) reads the same value.
        assert!(p.value.abs() <= num::limit());
        if p.value.scale() <= 6 {
            let printed = num::format_plain(p.value);
            let back = num::parse(&printed, Rules::VALUE).expect("printed numbers parse");
            assert_eq!(back.value, p.value, "{text:?} → {printed:?}");
        }
        let _ = num::format_rupiah(p.value);
        let _ = num::format_percent(p.value);
    }
    let _ = num::parse_value(&text, rules);
    if let Ok(Some(v)) = Value::parse(&text, rules) {
        let printed = v.to_string();
        let exact = match &v {
            Value::Number(n) => n.scale() <= 6,
            Value::Range { low, high } => low.scale() <= 6 && high.scale() <= 6,
            Value::Ratio { left, right } => left.scale() <= 6 && right.scale() <= 6,
            Value::NotAvailable => true,
        };
        if exact {
            let back = Value::parse(&printed, Rules::VALUE).expect("printed values parse");
            assert_eq!(back, Some(v), "{text:?} → {printed:?}");
        }
    }
});
