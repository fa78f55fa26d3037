//! Permendagri 90/2019 codes: program `1.06.02`, kegiatan `1.06.02.2.01`, sub kegiatan
//! `1.06.02.2.01.0001`. Imports also carry the form `1.06.02.02.01.0001`; both are read and
//! compared in one normal form (the fourth segment without its leading zero).

/// Normal form of a code: trimmed, segments without surrounding spaces, the fourth segment
/// (`2` / `02`) without leading zeros.
pub fn normalise(code: &str) -> String {
    let segs: Vec<String> = code
        .trim()
        .split('.')
        .enumerate()
        .map(|(i, s)| {
            let s = s.trim();
            if i == 3 {
                let t = s.trim_start_matches('0');
                if t.is_empty() && !s.is_empty() {
                    "0".to_string()
                } else {
                    t.to_string()
                }
            } else {
                s.to_string()
            }
        })
        .collect();
    segs.join(".")
}

/// Whether `child` lies under `parent` (`1.06.02.2.01.0001` under `1.06.02.02.01`).
/// An empty code on either side says nothing, so it nests.
pub fn nests(parent: &str, child: &str) -> bool {
    if parent.trim().is_empty() || child.trim().is_empty() {
        return true;
    }
    let p = normalise(parent);
    let c = normalise(child);
    c.len() > p.len() && c.starts_with(&p) && c.as_bytes()[p.len()] == b'.'
}

/// Whether a code has the shape of its level: 3 segments for a program, 5 for a kegiatan,
/// 6 for a sub kegiatan, every segment digits (`X` allowed for urusan placeholders).
pub fn well_formed(code: &str, segments: usize) -> bool {
    let n = normalise(code);
    let parts: Vec<&str> = n.split('.').collect();
    parts.len() == segments
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_digit() || c == 'X' || c == 'x')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_forms_are_one_code() {
        assert_eq!(normalise("1.06.02.02.01.0001"), "1.06.02.2.01.0001");
        assert_eq!(normalise(" 1.06.02.2.01.0001 "), "1.06.02.2.01.0001");
        assert_eq!(normalise("1.06.02"), "1.06.02");
    }

    #[test]
    fn nesting() {
        assert!(nests("1.06.02", "1.06.02.2.01"));
        assert!(nests("1.06.02.2.01", "1.06.02.02.01.0001"));
        assert!(nests("1.06.02.02.01", "1.06.02.2.01.0001"));
        assert!(!nests("1.06.02", "1.06.03.2.01"));
        assert!(!nests("1.06.02.2.01", "1.06.02.2.010.0001"));
        assert!(!nests("1.06.02.2.01", "1.06.02.2.01"));
        assert!(nests("", "1.06.02.2.01"));
    }

    #[test]
    fn shapes() {
        assert!(well_formed("1.06.02", 3));
        assert!(well_formed("1.06.02.02.01", 5));
        assert!(well_formed("1.06.02.2.01.0001", 6));
        assert!(!well_formed("1.06.02.2.01", 6));
        assert!(!well_formed("1.06.a2", 3));
    }
}
