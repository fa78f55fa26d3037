//! Phase one of a diff (and of a merge): which item of the current list is which item of
//! the incoming one. By id, then code, then normalised name, within the same parent.

use super::MatchedBy;
use crate::model::Id;
use std::collections::HashMap;

/// A pair of positions: in the current list, in the incoming list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Pair {
    pub cur: Option<usize>,
    pub inc: Option<usize>,
    pub by: Option<MatchedBy>,
}

/// `Penyediaan  Makanan.` → `penyediaan makanan`.
pub(crate) fn normalise_name(s: &str) -> String {
    let mut out = String::new();
    for word in s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// Match two lists: by id, then code, then normalised name. Pairs come in the current
/// list's order (removed items in place), then the added items in the incoming order.
pub(crate) fn pairs<T>(
    cur: &[T],
    inc: &[T],
    id: impl Fn(&T) -> &Id,
    code: impl Fn(&T) -> &str,
    name: impl Fn(&T) -> &str,
) -> Vec<Pair> {
    let mut cur_of_inc: Vec<Option<(usize, MatchedBy)>> = vec![None; inc.len()];
    let mut taken = vec![false; cur.len()];
    let mut pass = |key: &dyn Fn(&T) -> String, by: MatchedBy| {
        let mut map: HashMap<String, usize> = HashMap::new();
        for (i, c) in cur.iter().enumerate() {
            let k = key(c);
            if !taken[i] && !k.is_empty() {
                map.entry(k).or_insert(i);
            }
        }
        for (j, x) in inc.iter().enumerate() {
            if cur_of_inc[j].is_some() {
                continue;
            }
            let k = key(x);
            if k.is_empty() {
                continue;
            }
            if let Some(&i) = map.get(&k) {
                if !taken[i] {
                    taken[i] = true;
                    cur_of_inc[j] = Some((i, by));
                }
            }
        }
    };
    pass(&|x: &T| id(x).0.clone(), MatchedBy::Id);
    pass(
        &|x: &T| crate::model::code::normalise(code(x)),
        MatchedBy::Code,
    );
    pass(&|x: &T| normalise_name(name(x)), MatchedBy::Name);

    let mut inc_of_cur: Vec<Option<(usize, MatchedBy)>> = vec![None; cur.len()];
    for (j, m) in cur_of_inc.iter().enumerate() {
        if let Some((i, by)) = m {
            inc_of_cur[*i] = Some((j, *by));
        }
    }
    let mut out: Vec<Pair> = inc_of_cur
        .iter()
        .enumerate()
        .map(|(i, m)| Pair {
            cur: Some(i),
            inc: m.map(|m| m.0),
            by: m.map(|m| m.1),
        })
        .collect();
    out.extend(
        cur_of_inc
            .iter()
            .enumerate()
            .filter(|(_, m)| m.is_none())
            .map(|(j, _)| Pair {
                cur: None,
                inc: Some(j),
                by: None,
            }),
    );
    out
}
