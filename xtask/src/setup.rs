//! Tools the browser tests need, from Debian's packages (Chromium, ChromeDriver, Firefox
//! ESR, poppler's pdftotext) and from crates.io (geckodriver), installed only when missing.

use crate::{run, Result};
use std::process::Command;

/// geckodriver release built from crates.io (no prebuilt download is reachable here).
const GECKODRIVER: &str = "0.36.0";

fn have(cmd: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {cmd} >/dev/null 2>&1")])
        .status()
        .is_ok_and(|s| s.success())
}

pub fn browsers() -> Result<()> {
    let missing: Vec<&str> = [
        ("chromium", "chromium"),
        ("chromedriver", "chromium-driver"),
        ("firefox-esr", "firefox-esr"),
        // pdftotext: reads back the PDF the print test makes.
        ("pdftotext", "poppler-utils"),
    ]
    .iter()
    .filter(|(cmd, _)| !have(cmd))
    .map(|(_, pkg)| *pkg)
    .collect();
    if !missing.is_empty() {
        println!("memasang {} dari paket Debian …", missing.join(", "));
        let sudo = if is_root() { vec![] } else { vec!["sudo"] };
        let apt = |args: &[&str]| -> Result<()> {
            let mut all: Vec<&str> = sudo.clone();
            all.push("apt-get");
            all.extend_from_slice(args);
            run(Command::new(all[0])
                .args(&all[1..])
                .env("DEBIAN_FRONTEND", "noninteractive"))
        };
        apt(&["update", "-qq"])?;
        let mut args = vec!["install", "-y", "-qq", "--no-install-recommends"];
        args.extend(missing.iter().copied());
        apt(&args)?;
    }
    if !have("geckodriver") {
        println!("memasang geckodriver {GECKODRIVER} dari crates.io …");
        run(
            Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())).args([
                "install",
                "geckodriver",
                "--version",
                GECKODRIVER,
                "--locked",
            ]),
        )
        .or_else(|_| {
            run(
                Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())).args([
                    "install",
                    "geckodriver",
                    "--version",
                    GECKODRIVER,
                ]),
            )
        })?;
    }
    Ok(())
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout.starts_with(b"0"))
        .unwrap_or(false)
}

/// rustfmt and clippy, which `cargo xtask test` runs first: added through rustup when a
/// toolchain was installed without them (rustup's "minimal" profile).
pub fn lint_tools() -> Result<()> {
    let missing: Vec<&str> = [("fmt", "rustfmt"), ("clippy", "clippy")]
        .iter()
        .filter(|(sub, _)| {
            !crate::cargo()
                .args([sub, "--version"])
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .map(|(_, component)| *component)
        .collect();
    if !missing.is_empty() {
        println!("memasang {} …", missing.join(", "));
        run(Command::new("rustup")
            .args(["component", "add"])
            .args(&missing))?;
    }
    Ok(())
}
