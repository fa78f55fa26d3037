//! Tools the browser tests need, from Debian's packages (Chromium, ChromeDriver, Firefox
//! ESR, poppler's pdftotext) and from crates.io (geckodriver), installed only when missing.

use crate::{run, Result};
use std::process::Command;

/// geckodriver release built from crates.io (no prebuilt download is reachable here).
const GECKODRIVER: &str = "0.36.0";
/// axe-core from the npm registry, for the accessibility tests (tests/e2e/tests/a11y.rs).
const AXE_CORE: &str = "4.14.1";

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
        // npm: installs axe-core for the accessibility tests.
        ("npm", "npm"),
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
    axe_core()
}

/// axe-core under `target/npm`, where the browser tests read it.
fn axe_core() -> Result<()> {
    let dir = crate::root().join("target/npm");
    let script = dir.join("node_modules/axe-core/axe.min.js");
    let package = dir.join("node_modules/axe-core/package.json");
    let installed = std::fs::read_to_string(&package)
        .is_ok_and(|p| p.contains(&format!("\"version\": \"{AXE_CORE}\"")));
    if script.exists() && installed {
        return Ok(());
    }
    println!("memasang axe-core {AXE_CORE} dari npm …");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    run(Command::new("npm")
        .args(["install", "--no-audit", "--no-fund", "--prefix"])
        .arg(&dir)
        .arg(format!("axe-core@{AXE_CORE}")))
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
