//! JSON text → `serde_json::Value`, like `serde_json::from_str`, but refusing an object that
//! names the same key twice (`{"pagu": "1", "pagu": "2"}`): which value was meant is unknown,
//! and silently keeping the last one would lose data. The place of the repeated key is kept
//! (without building path strings on the way: only the failing one is written out).
//!
//! Nesting is limited by serde_json's own recursion limit (128 levels), so deep input is an
//! error, never a stack overflow.

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value as J};
use std::cell::RefCell;
use std::fmt;

/// Where a value sits, as a chain back to the root.
#[derive(Clone, Copy)]
enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl Path<'_> {
    /// `laporan.program[2].kegiatan[0]`.
    fn render(&self) -> String {
        match self {
            Path::Root => String::new(),
            Path::Key(parent, key) => {
                let p = parent.render();
                if p.is_empty() {
                    (*key).to_string()
                } else {
                    format!("{p}.{key}")
                }
            }
            Path::Index(parent, i) => format!("{}[{i}]", parent.render()),
        }
    }
}

/// A repeated key: the path of the object and the key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct DuplicateKey {
    /// Path of the repeated key itself (`laporan.program[0].pagu`).
    pub path: String,
}

pub(super) enum ParseError {
    Json(serde_json::Error),
    Duplicate(DuplicateKey),
}

struct Seed<'a> {
    path: Path<'a>,
    dup: &'a RefCell<Option<DuplicateKey>>,
}

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = J;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<J, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed<'_> {
    type Value = J;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("nilai JSON")
    }
    fn visit_bool<E>(self, v: bool) -> Result<J, E> {
        Ok(J::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<J, E> {
        Ok(J::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<J, E> {
        Ok(J::Number(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<J, E> {
        Ok(Number::from_f64(v).map(J::Number).unwrap_or(J::Null))
    }
    fn visit_str<E>(self, v: &str) -> Result<J, E> {
        Ok(J::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<J, E> {
        Ok(J::String(v))
    }
    fn visit_none<E>(self) -> Result<J, E> {
        Ok(J::Null)
    }
    fn visit_unit<E>(self) -> Result<J, E> {
        Ok(J::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<J, A::Error> {
        let mut out = Vec::new();
        loop {
            let path = Path::Index(&self.path, out.len());
            match seq.next_element_seed(Seed {
                path,
                dup: self.dup,
            })? {
                Some(v) => out.push(v),
                None => return Ok(J::Array(out)),
            }
        }
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<J, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let path = Path::Key(&self.path, &key);
            if out.contains_key(&key) {
                *self.dup.borrow_mut() = Some(DuplicateKey {
                    path: path.render(),
                });
                return Err(de::Error::custom("kolom ganda"));
            }
            let value = map.next_value_seed(Seed {
                path,
                dup: self.dup,
            })?;
            out.insert(key, value);
        }
        Ok(J::Object(out))
    }
}

/// Parse JSON text, refusing repeated keys.
pub(super) fn parse(text: &str) -> Result<J, ParseError> {
    let dup = RefCell::new(None);
    let mut de = serde_json::Deserializer::from_str(text);
    let result = Seed {
        path: Path::Root,
        dup: &dup,
    }
    .deserialize(&mut de)
    .and_then(|v| {
        de.end()?;
        Ok(v)
    });
    match result {
        Ok(v) => Ok(v),
        Err(e) => match dup.into_inner() {
            Some(d) => Err(ParseError::Duplicate(d)),
            None => Err(ParseError::Json(e)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_like_serde_json() {
        for text in [
            r#"{"a":[1,-2,3.5,"x",null,true,{"b":{}}]}"#,
            "[]",
            "1",
            "\"s\"",
            " null ",
        ] {
            let ours = match parse(text) {
                Ok(v) => v,
                Err(_) => panic!("{text}"),
            };
            assert_eq!(ours, serde_json::from_str::<J>(text).unwrap());
        }
        assert!(matches!(parse("[1,]"), Err(ParseError::Json(_))));
        assert!(matches!(parse("{} x"), Err(ParseError::Json(_))));
    }

    #[test]
    fn names_a_repeated_key() {
        let text = r#"{"laporan":{"program":[{"id":"a"},{"id":"b","pagu":"1","pagu":"2"}]}}"#;
        match parse(text) {
            Err(ParseError::Duplicate(d)) => assert_eq!(d.path, "laporan.program[1].pagu"),
            _ => panic!("not refused"),
        }
    }

    #[test]
    fn deep_nesting_is_an_error() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(matches!(parse(&deep), Err(ParseError::Json(_))));
    }
}
