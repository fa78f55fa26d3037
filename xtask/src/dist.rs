//! `cargo xtask dist`: the app as ONE self-contained HTML file, `dist/lakip.html`.
//!
//! Officers open it by double-clicking it on a file share: a `file://` page where module
//! scripts and `fetch` of a `.wasm` are blocked. So the wasm-bindgen glue is built for
//! `no-modules`, the `.wasm` travels as base64 in a data block, the loader instantiates it
//! asynchronously from those bytes, and the CSS is inline. A Content-Security-Policy allows
//! our scripts by hash and nothing else: no request can leave the page.

use crate::{cargo, root, run, Result};
use base64::Engine;
use sha2::{Digest, Sha256};
use std::fs;
use std::path::PathBuf;
use std::process::Command;

pub const TARGET: &str = "wasm32-unknown-unknown";

/// The names of the wasm test hooks (`src/lib.rs`) all start with this.
pub const HOOK_PREFIX: &str = "lakip_test";

/// Which file to build.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variant {
    /// `dist/lakip.html`, the file officers get: no test hooks, checked for their absence.
    Shipped,
    /// `dist/lakip-test.html`, for the browser tests: the same app built with the
    /// `test-hooks` feature (`window.lakipApi.lakip_test_*`).
    TestHooks,
}

impl Variant {
    pub fn file_name(self) -> &'static str {
        match self {
            Variant::Shipped => "lakip.html",
            Variant::TestHooks => "lakip-test.html",
        }
    }
}

/// Build `dist/lakip.html` (or, for the tests, `dist/lakip-test.html`); with `open`, show
/// it in a browser.
pub fn build(variant: Variant, open: bool) -> Result<PathBuf> {
    ensure_target()?;
    let mut build = cargo();
    build.args(["build", "--release", "--target", TARGET, "-p", "lakip"]);
    if variant == Variant::TestHooks {
        build.args(["--features", "test-hooks"]);
    }
    run(&mut build)?;
    let root = root();
    let target_dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let wasm_in = target_dir.join(TARGET).join("release").join("lakip.wasm");

    let mut output = wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&wasm_in)
        .no_modules(true)
        .map_err(|e| e.to_string())?
        .typescript(false)
        .remove_name_section(true)
        .remove_producers_section(true)
        .generate_output()
        .map_err(|e| format!("wasm-bindgen: {e}"))?;
    let glue = output.js().to_string();
    let wasm = output.wasm_mut().emit_wasm();

    let template = read(root.join("index.html"))?;
    let css = read(root.join("style/main.css"))? + &read(root.join("style/print.css"))?;
    let loader = read(root.join("public/loader.js"))?;
    let html = assemble(&template, &css, &glue, &loader, &wasm)?;
    check_hooks(
        variant,
        &[
            ("glue JS", glue.as_bytes()),
            ("wasm", &wasm),
            ("html", html.as_bytes()),
        ],
    )?;

    let dist = root.join("dist");
    fs::create_dir_all(&dist).map_err(|e| e.to_string())?;
    let out = dist.join(variant.file_name());
    fs::write(&out, &html).map_err(|e| format!("{}: {e}", out.display()))?;
    println!(
        "dist/{}: {} bita (wasm {} bita, glue JS {} bita)",
        variant.file_name(),
        html.len(),
        wasm.len(),
        glue.len()
    );
    println!("{}", out.display());
    if open {
        open_in_browser(&out);
    }
    Ok(out)
}

/// The shipped file must hold no test hook, neither in the glue (the exported names) nor
/// in the wasm before it is deflated (names, messages); the test file must hold them, or
/// the browser tests would test nothing.
pub fn check_hooks(variant: Variant, parts: &[(&str, &[u8])]) -> Result<()> {
    let has = |bytes: &[u8]| {
        bytes
            .windows(HOOK_PREFIX.len())
            .any(|w| w == HOOK_PREFIX.as_bytes())
    };
    match variant {
        Variant::Shipped => match parts.iter().find(|(_, bytes)| has(bytes)) {
            Some((name, _)) => Err(format!(
                "{name} berisi kait uji \"{HOOK_PREFIX}\": berkas yang dikirim tidak boleh memuatnya"
            )),
            None => Ok(()),
        },
        Variant::TestHooks => match parts.iter().find(|(_, bytes)| !has(bytes)) {
            Some((name, _)) => Err(format!(
                "{name} tanpa kait uji \"{HOOK_PREFIX}\": fitur test-hooks tidak aktif?"
            )),
            None => Ok(()),
        },
    }
}

fn read(path: PathBuf) -> Result<String> {
    fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
}

/// `'sha256-…'` of a script's exact text, as CSP wants it.
fn csp_hash(script: &str) -> String {
    let digest = Sha256::digest(script.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The script that says the file is damaged when the rest of it (loader included) is missing.
const GUARD: &str = include_str!("../../public/guard.js");

/// Adler-32 of the wasm: the loader compares it after inflating, to tell a damaged copy of
/// the file from a browser too old to run an intact one.
pub fn adler32(bytes: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for chunk in bytes.chunks(5552) {
        for &x in chunk {
            a += u32::from(x);
            b += a;
        }
        a %= 65521;
        b %= 65521;
    }
    (b << 16) | a
}

/// Fill the template's markers: CSP, styles, the guard, the wasm data block and the scripts.
pub fn assemble(
    template: &str,
    css: &str,
    glue: &str,
    loader: &str,
    wasm: &[u8],
) -> Result<String> {
    for marker in [
        "<!--lakip:csp-->",
        "<!--lakip:style-->",
        "<!--lakip:guard-->",
        "<!--lakip:wasm-->",
        "<!--lakip:scripts-->",
    ] {
        if template.matches(marker).count() != 1 {
            return Err(format!(
                "index.html: penanda {marker} harus ada tepat satu kali"
            ));
        }
    }
    // A `</script` inside a script would end it early; ours never contain one.
    for (name, text) in [("glue", glue), ("loader", loader), ("guard", GUARD)] {
        if text.to_ascii_lowercase().contains("</script") {
            return Err(format!("{name} berisi </script"));
        }
    }
    let csp = format!(
        "default-src 'none'; script-src {} {} {} 'wasm-unsafe-eval'; style-src 'unsafe-inline'; \
         img-src data: blob:; base-uri 'none'; form-action 'none'",
        csp_hash(GUARD),
        csp_hash(glue),
        csp_hash(loader)
    );
    // The wasm travels deflated (about a third of its size) and base91-encoded (23% larger
    // than the bytes, where base64 would be 33%); the loader decodes it, then inflates it
    // with DecompressionStream or, in older browsers, in JavaScript.
    let deflated = miniz_oxide::deflate::compress_to_vec(wasm, 10);
    let text = base91(&deflated);
    if text.contains("</") {
        return Err("data wasm berisi \"</\"".into());
    }
    Ok(template
        .replace(
            "<!--lakip:csp-->",
            &format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">"),
        )
        .replace("<!--lakip:style-->", &format!("<style>{css}</style>"))
        .replace("<!--lakip:guard-->", &format!("<script>{GUARD}</script>"))
        .replace(
            "<!--lakip:wasm-->",
            &format!(
                "<script type=\"application/octet-stream\" id=\"lakip-wasm\" data-encoding=\"deflate-raw+base91\" data-length=\"{}\" data-size=\"{}\" data-adler32=\"{}\">{text}</script>",
                deflated.len(),
                wasm.len(),
                adler32(wasm)
            ),
        )
        .replace("<!--lakip:scripts-->", &format!("<script>{glue}</script><script>{loader}</script>")))
}

/// basE91 (Joachim Henke's algorithm) with our alphabet: the 91 printable ASCII characters
/// other than space, `'`, `\\` and `<` (so the text can sit in a `<script>` data block).
/// `public/loader.js` decodes it.
pub const BASE91: &[u8; 91] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&()*+,./:;-=>?@[]^_`{|}~\"";

pub fn base91(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len() * 16 / 13 + 2);
    let (mut b, mut n) = (0u32, 0u32);
    for &byte in data {
        b |= (byte as u32) << n;
        n += 8;
        if n > 13 {
            let mut v = b & 8191;
            if v > 88 {
                b >>= 13;
                n -= 13;
            } else {
                v = b & 16383;
                b >>= 14;
                n -= 14;
            }
            out.push(BASE91[(v % 91) as usize] as char);
            out.push(BASE91[(v / 91) as usize] as char);
        }
    }
    if n > 0 {
        out.push(BASE91[(b % 91) as usize] as char);
        if n > 7 || b > 90 {
            out.push(BASE91[(b / 91) as usize] as char);
        }
    }
    out
}

pub fn ensure_target() -> Result<()> {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .any(|l| l.trim() == TARGET)
        })
        .unwrap_or(false);
    if !installed {
        println!("memasang target {TARGET} …");
        run(Command::new("rustup").args(["target", "add", TARGET]))?;
    }
    Ok(())
}

fn open_in_browser(path: &std::path::Path) {
    let has_display =
        std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some();
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    if (has_display || cfg!(target_os = "macos")) && Command::new(opener).arg(path).spawn().is_ok()
    {
        return;
    }
    println!(
        "Tidak ada browser yang bisa dibuka di sini; buka berkas ini: file://{}",
        path.display()
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: &str = "<head><!--lakip:csp--><!--lakip:style--><!--lakip:guard--></head><body><!--lakip:wasm--><!--lakip:scripts--></body>";

    #[test]
    fn fills_every_marker_and_hashes_the_scripts() {
        let html = assemble(T, "b{}", "var g=1;", "var l=2;", b"\0asm").unwrap();
        assert!(!html.contains("<!--lakip:"));
        assert!(html.contains(&csp_hash("var g=1;")));
        let block = html
            .find("data-size=\"4\" data-adler32=\"")
            .expect("data block with the inflated size and its checksum");
        let start = block + html[block..].find('>').unwrap() + 1;
        assert!(html.contains(&format!("data-adler32=\"{}\"", adler32(b"\0asm"))));
        assert!(html.contains(&csp_hash(GUARD)));
        assert!(
            html.find("<script>").unwrap() < block,
            "the guard comes first"
        );
        let text = &html[start..html[start..].find("</script").unwrap() + start];
        let deflated = decode91(text);
        assert_eq!(
            miniz_oxide::inflate::decompress_to_vec(&deflated).unwrap(),
            b"\0asm"
        );
        assert!(html.contains("'wasm-unsafe-eval'"));
        assert!(html.contains("default-src 'none'"));
    }

    #[test]
    fn adler32_is_the_zlib_checksum() {
        // The example of RFC 1950's Wikipedia page, and the checksum of nothing.
        assert_eq!(adler32(b"Wikipedia"), 0x11E6_0398);
        assert_eq!(adler32(b""), 1);
        // Long input, past the 5552-byte block where the sums are reduced.
        let long = vec![0xFFu8; 100_000];
        let (mut a, mut b) = (1u64, 0u64);
        for &x in &long {
            a = (a + u64::from(x)) % 65521;
            b = (b + a) % 65521;
        }
        assert_eq!(adler32(&long), ((b << 16) | a) as u32);
    }

    /// The decoder of `public/loader.js`, in Rust, to prove the encoding round-trips.
    fn decode91(text: &str) -> Vec<u8> {
        let mut dec = [-1i32; 256];
        for (i, c) in BASE91.iter().enumerate() {
            dec[*c as usize] = i as i32;
        }
        let (mut v, mut b, mut n, mut out) = (-1i32, 0u32, 0u32, Vec::new());
        for c in text.bytes() {
            let d = dec[c as usize];
            if d < 0 {
                continue;
            }
            if v < 0 {
                v = d;
            } else {
                v += d * 91;
                b |= (v as u32) << n;
                n += if (v & 8191) > 88 { 13 } else { 14 };
                loop {
                    out.push((b & 255) as u8);
                    b >>= 8;
                    n -= 8;
                    if n <= 7 {
                        break;
                    }
                }
                v = -1;
            }
        }
        if v > -1 {
            out.push(((b | (v as u32) << n) & 255) as u8);
        }
        out
    }

    #[test]
    fn base91_round_trips_and_is_smaller_than_base64() {
        assert_eq!(BASE91.len(), 91);
        assert!(
            !BASE91.contains(&b'<')
                && !BASE91.contains(&b'\\')
                && !BASE91.contains(&b'\'')
                && !BASE91.contains(&b' ')
        );
        let mut seed = 7u64;
        for len in [0usize, 1, 2, 3, 13, 100, 4097, 65_536] {
            let data: Vec<u8> = (0..len)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    (seed >> 33) as u8
                })
                .collect();
            let text = base91(&data);
            assert_eq!(decode91(&text), data, "length {len}");
            if len > 1000 {
                assert!(text.len() * 100 < len * 124, "{} for {len}", text.len());
            }
        }
        // Runs of zeros and of 0xFF (the 88-boundary of the algorithm).
        for data in [vec![0u8; 1000], vec![255u8; 1000]] {
            assert_eq!(decode91(&base91(&data)), data);
        }
    }

    /// Published basE91 vectors (Joachim Henke's reference). Our alphabet differs from his
    /// only in `-` for `<`, which none of these outputs contains.
    #[test]
    fn base91_matches_the_reference_vectors() {
        for (plain, encoded) in [
            ("test", "fPNKd"),
            ("Hello World!", ">OwJh>Io0Tv!8PE"),
            ("Hello World!你好世界", ">OwJh>Io0Tv!8PU@HC#qgrDyu,/eQG"),
            ("", ""),
        ] {
            assert_eq!(base91(plain.as_bytes()), encoded, "{plain}");
            assert_eq!(decode91(encoded), plain.as_bytes(), "{encoded}");
        }
        // `<` never appears: the value the reference writes as `<` (76) is our `-`.
        assert_eq!(BASE91[76], b'-');
        assert_eq!(base91(&[76]), "-A");
    }

    #[test]
    fn csp_lists_exactly_the_hashes_of_the_three_scripts() {
        let html = assemble(T, "", "var g=1;", "var l=2;", b"\0asm").unwrap();
        let csp = &html[html.find("content=\"").unwrap() + 9..];
        let csp = &csp[..csp.find('"').unwrap()];
        let hashes: Vec<&str> = csp
            .split_whitespace()
            .filter(|w| w.starts_with("'sha256-"))
            .collect();
        assert_eq!(
            hashes,
            [csp_hash(GUARD), csp_hash("var g=1;"), csp_hash("var l=2;")]
        );
        // The hash is of the exact text between the tags, as the browser computes it.
        assert!(html.contains("<script>var g=1;</script><script>var l=2;</script>"));
        assert_ne!(csp_hash("var g=1;"), csp_hash("var g=1; "));
    }

    #[test]
    fn the_shipped_file_must_not_hold_a_test_hook() {
        let clean: &[u8] = b"wasm_bindgen.start()";
        let hooked: &[u8] = b"export lakip_test_panic";
        assert!(check_hooks(Variant::Shipped, &[("glue JS", clean), ("wasm", clean)]).is_ok());
        let err =
            check_hooks(Variant::Shipped, &[("glue JS", clean), ("wasm", hooked)]).unwrap_err();
        assert!(err.starts_with("wasm berisi"), "{err}");
        // The test file must have them (else the browser tests would test a build without).
        assert!(check_hooks(Variant::TestHooks, &[("glue JS", hooked), ("wasm", hooked)]).is_ok());
        assert!(check_hooks(Variant::TestHooks, &[("glue JS", clean), ("wasm", hooked)]).is_err());
        assert_eq!(Variant::Shipped.file_name(), "lakip.html");
        assert_ne!(Variant::TestHooks.file_name(), Variant::Shipped.file_name());
    }

    #[test]
    fn known_sha256() {
        // echo -n abc | sha256sum → ba7816bf…; in base64:
        assert_eq!(
            csp_hash("abc"),
            "'sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0='"
        );
    }

    #[test]
    fn refuses_a_template_without_markers() {
        assert!(assemble("<html></html>", "", "", "", b"").is_err());
        assert!(assemble(T, "", "x</script>", "", b"").is_err());
    }
}
