//! "Simpan sebagai file mandiri": a copy of the page with the report inside it, so that a
//! colleague who double-clicks the file sees that report even though their browser holds
//! nothing. The report travels as a data block the browser never runs:
//!
//! ```html
//! <script type="application/json" id="lakip-embedded">{"format":"kalkulator-lakip",…}</script>
//! ```
//!
//! Its content is the stored form of the snapshot ([`super::encode`]: plain JSON when small,
//! packed when large) with every `<` written as `\u003c`, which JSON reads back as `<`; so
//! no text of the report (`</script>`, `<!--`) can end the block or change how the page is
//! parsed.

use super::{encode_with_head, import_level, Head, ImportError, Imported, Meta};
use crate::model::Report;

/// The `id` of the data block.
pub const EMBED_ID: &str = "lakip-embedded";

fn open_tag() -> String {
    format!(r#"<script type="application/json" id="{EMBED_ID}">"#)
}

/// Find the last embedded block: the byte range of its content.
fn find(html: &str) -> Option<(usize, usize)> {
    let tag = open_tag();
    let start = html.rfind(&tag)? + tag.len();
    let end = start + find_ci(&html[start..], "</script")?;
    Some((start, end))
}

/// Case-insensitive ASCII search.
fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.len();
    hay.as_bytes()
        .windows(n)
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

fn rfind_ci(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.len();
    if hay.len() < n {
        return None;
    }
    (0..=hay.len() - n)
        .rev()
        .find(|&i| hay.as_bytes()[i..i + n].eq_ignore_ascii_case(needle.as_bytes()))
}

/// The page's HTML with `report` embedded: an existing block is replaced, otherwise one is
/// added just before `</body>` (or at the end; always at the end after a broken block).
pub fn embed_html(page: &str, report: &Report, meta: &Meta) -> String {
    let stored = encode_with_head(&super::export(report, meta), &Head::of(report, meta));
    let content = stored.replace('<', "\\u003c");
    if let Some((start, end)) = find(page) {
        let mut out = String::with_capacity(page.len() + content.len());
        out.push_str(&page[..start]);
        out.push_str(&content);
        out.push_str(&page[end..]);
        return out;
    }
    let block = format!("{}{content}</script>\n", open_tag());
    // The block read back is the last one: after a broken block (no end), go last.
    let at = if page.contains(&open_tag()) {
        page.len()
    } else {
        rfind_ci(page, "</body")
            .or_else(|| rfind_ci(page, "</html"))
            .unwrap_or(page.len())
    };
    let mut out = String::with_capacity(page.len() + block.len());
    out.push_str(&page[..at]);
    out.push_str(&block);
    out.push_str(&page[at..]);
    out
}

/// The text of the embedded block, if the page has one with content.
pub fn embedded_text(html: &str) -> Option<&str> {
    let (start, end) = find(html)?;
    let text = html[start..end].trim();
    (!text.is_empty()).then_some(text)
}

/// The report embedded in a page: `Ok(None)` when the page holds none, an error when it
/// holds one that cannot be read.
pub fn extract_embedded(html: &str) -> Result<Option<Imported>, ImportError> {
    match embedded_text(html) {
        None => Ok(None),
        Some(text) => import_level(text, 1).map(Some),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::example::example;

    const PAGE: &str = "<!doctype html><html><head><title>x</title></head><body><div id=app></div><script>start()</script></body></html>";

    #[test]
    fn embeds_and_extracts_the_same_report() {
        let mut r = example();
        r.instansi = "Dinas </script><script>alert(1)</script><!-- x".into();
        r.programs[0].name = "</SCRIPT>".into();
        let meta = Meta {
            report_id: "r-1".into(),
            revision: 4,
            ..Default::default()
        };
        let html = embed_html(PAGE, &r, &meta);
        let (start, end) = find(&html).unwrap();
        let block = &html[start..end];
        assert!(!block.contains('<'), "{block}");
        assert!(html.ends_with("</script>\n</body></html>"));
        let back = extract_embedded(&html).unwrap().unwrap();
        assert_eq!(back.report, r);
        assert_eq!(back.meta, meta);
        // Embedding again replaces the block; it does not add a second one.
        let again = embed_html(&html, &example(), &Meta::default());
        assert_eq!(again.matches(EMBED_ID).count(), 1);
        assert_eq!(extract_embedded(&again).unwrap().unwrap().report, example());
        // The page imports like a snapshot file.
        assert_eq!(
            super::super::import(again.as_bytes()).unwrap().report,
            example()
        );
    }

    #[test]
    fn a_page_without_a_report() {
        assert_eq!(extract_embedded(PAGE), Ok(None));
        assert!(matches!(
            super::super::import(PAGE.as_bytes()),
            Err(ImportError::Binary { .. })
        ));
        let empty = format!("<html><body>{}</script></body></html>", open_tag());
        assert_eq!(extract_embedded(&empty), Ok(None));
        // A broken block (never closed) is not read, and embedding still works.
        let broken = format!("<html><body></body></html>{}", open_tag());
        assert_eq!(extract_embedded(&broken), Ok(None));
        let fixed = embed_html(&broken, &example(), &Meta::default());
        assert_eq!(extract_embedded(&fixed).unwrap().unwrap().report, example());
    }

    #[test]
    fn large_reports_are_embedded_packed() {
        let r = crate::generate::report(2_000, 3);
        let html = embed_html(PAGE, &r, &Meta::default());
        let text = embedded_text(&html).unwrap();
        assert!(super::super::is_packed(text));
        assert_eq!(extract_embedded(&html).unwrap().unwrap().report, r);
    }
}
