//! A small XML pull tokenizer, enough for the parts of an `.xlsx` file, and the escaping
//! used when writing them.
//!
//! Elements and attributes are matched by local name (the prefix before `:` is dropped);
//! a self-closing tag gives a start and then an end event; text comes with the five
//! predefined entities and character references decoded and line breaks normalised to
//! `\n`. Comments, processing instructions and the XML declaration are skipped; CDATA is
//! text. A document type declaration is refused (no entity of ours can expand). Nothing
//! here panics or allocates more than the input: malformed input is an error.

use std::borrow::Cow;

/// A start tag: its local name and its raw attributes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tag<'a> {
    pub name: &'a str,
    attrs: &'a str,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event<'a> {
    Start(Tag<'a>),
    /// The local name of the element that ends.
    End(&'a str),
    Text(Cow<'a, str>),
}

pub type Result<T> = std::result::Result<T, &'static str>;

fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

impl<'a> Tag<'a> {
    /// The value of the attribute whose local name is `name`, decoded.
    pub fn attr(&self, name: &str) -> Option<Cow<'a, str>> {
        let mut rest = self.attrs;
        loop {
            rest = rest.trim_start();
            let eq = rest.find('=')?;
            let key = rest[..eq].trim();
            let after = rest[eq + 1..].trim_start();
            let quote = after.chars().next()?;
            if quote != '"' && quote != '\'' {
                return None;
            }
            let close = after[1..].find(quote)? + 1;
            let raw = &after[1..close];
            if local(key) == name {
                return decode(raw, true).ok();
            }
            rest = &after[close + 1..];
        }
    }
}

/// The pull reader over one document.
pub struct Reader<'a> {
    s: &'a str,
    pos: usize,
    /// The end event owed by a self-closing tag.
    pending_end: Option<&'a str>,
    /// Open elements, to check that ends match.
    depth: usize,
}

impl<'a> Reader<'a> {
    /// A reader over UTF-8 bytes (a byte order mark is skipped).
    pub fn new(bytes: &'a [u8]) -> Result<Reader<'a>> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let s = std::str::from_utf8(bytes).map_err(|_| "XML bukan UTF-8")?;
        Ok(Reader {
            s,
            pos: 0,
            pending_end: None,
            depth: 0,
        })
    }

    /// How many elements are open.
    pub fn depth(&self) -> usize {
        self.depth
    }

    /// The next event, `None` at the end of the document.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Result<Option<Event<'a>>> {
        if let Some(name) = self.pending_end.take() {
            self.depth = self.depth.saturating_sub(1);
            return Ok(Some(Event::End(name)));
        }
        loop {
            let rest = &self.s[self.pos..];
            if rest.is_empty() {
                return Ok(None);
            }
            if !rest.starts_with('<') {
                let end = rest.find('<').unwrap_or(rest.len());
                self.pos += end;
                let text = &rest[..end];
                if self.depth == 0 {
                    if text.trim().is_empty() {
                        continue;
                    }
                    return Err("teks di luar elemen");
                }
                return Ok(Some(Event::Text(decode(text, false)?)));
            }
            if let Some(body) = rest.strip_prefix("<!--") {
                let end = body.find("-->").ok_or("komentar tidak ditutup")?;
                self.pos += 4 + end + 3;
                continue;
            }
            if let Some(body) = rest.strip_prefix("<![CDATA[") {
                let end = body.find("]]>").ok_or("CDATA tidak ditutup")?;
                self.pos += 9 + end + 3;
                if self.depth == 0 {
                    return Err("teks di luar elemen");
                }
                return Ok(Some(Event::Text(Cow::Borrowed(&body[..end]))));
            }
            if rest.starts_with("<!") {
                return Err("deklarasi DOCTYPE tidak didukung");
            }
            if let Some(body) = rest.strip_prefix("<?") {
                let end = body.find("?>").ok_or("instruksi tidak ditutup")?;
                self.pos += 2 + end + 2;
                continue;
            }
            if let Some(body) = rest.strip_prefix("</") {
                let end = body.find('>').ok_or("tag penutup tidak ditutup")?;
                let name = body[..end].trim();
                self.pos += 2 + end + 1;
                if self.depth == 0 {
                    return Err("tag penutup tanpa pembuka");
                }
                self.depth -= 1;
                return Ok(Some(Event::End(local(name))));
            }
            // A start tag: find its `>` outside quoted attribute values.
            let body = &rest[1..];
            let mut quote = None;
            let mut end = None;
            for (i, b) in body.bytes().enumerate() {
                match (quote, b) {
                    (Some(q), _) if b == q => quote = None,
                    (Some(_), _) => {}
                    (None, b'"' | b'\'') => quote = Some(b),
                    (None, b'<') => return Err("tag tidak ditutup"),
                    (None, b'>') => {
                        end = Some(i);
                        break;
                    }
                    _ => {}
                }
            }
            let end = end.ok_or("tag tidak ditutup")?;
            self.pos += 1 + end + 1;
            let inner = &body[..end];
            let (inner, empty) = match inner.strip_suffix('/') {
                Some(i) => (i, true),
                None => (inner, false),
            };
            let name_end = inner
                .find(|c: char| c.is_ascii_whitespace())
                .unwrap_or(inner.len());
            let name = &inner[..name_end];
            if name.is_empty() {
                return Err("tag tanpa nama");
            }
            let name = local(name);
            self.depth += 1;
            if empty {
                self.pending_end = Some(name);
            }
            return Ok(Some(Event::Start(Tag {
                name,
                attrs: &inner[name_end..],
            })));
        }
    }

    /// All the text inside the element just started, up to its end; nested elements are
    /// read through (their text is kept).
    pub fn text(&mut self) -> Result<String> {
        let depth = self.depth;
        let mut out = String::new();
        loop {
            match self.next()? {
                Some(Event::Text(t)) => out.push_str(&t),
                Some(Event::End(_)) if self.depth < depth => return Ok(out),
                Some(_) => {}
                None => return Err("elemen tidak ditutup"),
            }
        }
    }

    /// Skip the rest of the element just started.
    pub fn skip(&mut self) -> Result<()> {
        let depth = self.depth;
        loop {
            match self.next()? {
                Some(Event::End(_)) if self.depth < depth => return Ok(()),
                Some(_) => {}
                None => return Err("elemen tidak ditutup"),
            }
        }
    }
}

/// Decode entities and character references; in text, `\r\n` and `\r` become `\n`.
fn decode(raw: &str, attribute: bool) -> Result<Cow<'_, str>> {
    if !raw.contains(['&', '\r']) {
        return Ok(Cow::Borrowed(raw));
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find(['&', '\r']) {
        out.push_str(&rest[..i]);
        if rest.as_bytes()[i] == b'\r' {
            out.push(if attribute { ' ' } else { '\n' });
            rest = &rest[i + 1..];
            if rest.starts_with('\n') {
                rest = &rest[1..];
            }
            continue;
        }
        let after = &rest[i + 1..];
        let semi = after
            .find(';')
            .filter(|&n| n <= 10)
            .ok_or("entitas tidak ditutup")?;
        let entity = &after[..semi];
        let c = match entity {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let code = if let Some(hex) = entity
                    .strip_prefix("#x")
                    .or_else(|| entity.strip_prefix("#X"))
                {
                    u32::from_str_radix(hex, 16).ok()
                } else if let Some(dec) = entity.strip_prefix('#') {
                    dec.parse::<u32>().ok()
                } else {
                    return Err("entitas tidak dikenal");
                };
                code.and_then(char::from_u32)
                    .filter(|&c| c != '\0')
                    .ok_or("rujukan karakter tidak sah")?
            }
        };
        out.push(c);
        rest = &after[semi + 1..];
    }
    out.push_str(rest);
    Ok(Cow::Owned(out))
}

/// Whether a character may appear in an XML 1.0 document.
pub fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Append `s` escaped for element content, dropping characters XML 1.0 forbids.
pub fn escape_text(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            c if allowed(c) => out.push(c),
            _ => {}
        }
    }
}

/// Append `s` escaped for a double-quoted attribute value.
pub fn escape_attr(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            c => escape_text(out, c.encode_utf8(&mut [0; 4])),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(s: &str) -> Result<Vec<Event<'_>>> {
        let mut r = Reader::new(s.as_bytes())?;
        let mut v = Vec::new();
        while let Some(e) = r.next()? {
            v.push(e);
        }
        Ok(v)
    }

    #[test]
    fn tags_attributes_text_and_entities() {
        let doc =
            "\u{feff}<?xml version=\"1.0\"?>\n<!-- c --><x:a b='1 &gt; 0' x:c=\"say &quot;hi&quot;\" d = \"a>b\">\
                   t &amp; &lt;&#65;&#x42;&apos;\r\nz<e/><![CDATA[<raw>]]></x:a>";
        let ev = events(doc).unwrap();
        let Event::Start(a) = &ev[0] else { panic!() };
        assert_eq!(a.name, "a");
        assert_eq!(a.attr("b").unwrap(), "1 > 0");
        assert_eq!(a.attr("c").unwrap(), "say \"hi\"");
        assert_eq!(a.attr("d").unwrap(), "a>b");
        assert_eq!(a.attr("zz"), None);
        assert_eq!(ev[1], Event::Text("t & <AB'\nz".into()));
        assert!(matches!(&ev[2], Event::Start(t) if t.name == "e"));
        assert_eq!(ev[3], Event::End("e"));
        assert_eq!(ev[4], Event::Text("<raw>".into()));
        assert_eq!(ev[5], Event::End("a"));
        assert_eq!(ev.len(), 6);
    }

    #[test]
    fn text_and_skip() {
        let mut r = Reader::new(b"<a><b>x<i>y</i>z</b><c><d/></c><e>w</e></a>").unwrap();
        r.next().unwrap();
        r.next().unwrap();
        assert_eq!(r.text().unwrap(), "xyz");
        r.next().unwrap();
        r.skip().unwrap();
        assert!(matches!(r.next().unwrap(), Some(Event::Start(t)) if t.name == "e"));
    }

    #[test]
    fn malformed_is_an_error() {
        for bad in [
            "<a",
            "<a b='>",
            "<a>&bogus;</a>",
            "<a>&#0;</a>",
            "<a>&amp</a>",
            "</a>",
            "<!DOCTYPE x [<!ENTITY e 'x'>]><a/>",
            "<a><!-- x </a>",
            "<>",
            "<a><b></a",
        ] {
            assert!(events(bad).is_err(), "{bad}");
        }
        assert!(Reader::new(b"\xff\xfe<\0a\0/\0>\0").is_err());
    }

    #[test]
    fn escaping() {
        let mut s = String::new();
        escape_text(&mut s, "a<b>&c\u{1}\u{b}\r\t\n\u{fffe}é");
        assert_eq!(s, "a&lt;b&gt;&amp;c&#13;\t\né");
        let mut s = String::new();
        escape_attr(&mut s, "\"x\"\t\n'");
        assert_eq!(s, "&quot;x&quot;&#9;&#10;'");
    }
}
