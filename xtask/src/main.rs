//! Build chores in Rust (matklad's `cargo xtask`): `cargo xtask dist` builds the single
//! self-contained `dist/lakip.html`; `cargo xtask test` installs what the tests need and runs
//! every test. Both install their own tools on a fresh Debian machine.

mod dist;
mod setup;

use std::process::ExitCode;

const USAGE: &str = "\
cargo xtask <perintah>

  dist [--open]     bangun dist/lakip.html (satu berkas) dan buka di browser
  dist --test-hooks bangun dist/lakip-test.html: aplikasi yang sama dengan kait uji
                    (lakip_test_*), untuk tes browser; tidak untuk dikirim
  test              periksa format dan clippy, pasang alat yang diperlukan, bangun
                    kedua berkas, jalankan semua tes
  setup-browsers    pasang Chromium, ChromeDriver, Firefox ESR, geckodriver
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("dist") => {
            let variant = if args.iter().any(|a| a == "--test-hooks") {
                dist::Variant::TestHooks
            } else {
                dist::Variant::Shipped
            };
            dist::build(variant, args.iter().any(|a| a == "--open")).map(|_| ())
        }
        Some("test") => test(),
        Some("setup-browsers") => setup::browsers(),
        _ => {
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

pub type Result<T> = std::result::Result<T, String>;

/// Run a command, failing with its name when it fails.
pub fn run(cmd: &mut std::process::Command) -> Result<()> {
    let status = cmd.status().map_err(|e| format!("{cmd:?}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{cmd:?} gagal ({status})"))
    }
}

pub fn cargo() -> std::process::Command {
    let mut c =
        std::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    c.current_dir(root());
    c
}

pub fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits in the workspace")
        .to_path_buf()
}

/// Everything CI runs, fast checks first: formatting, clippy (host, and the app for wasm
/// with its test hooks), the build helper's and the domain's tests, then both files and
/// the browser tests.
fn test() -> Result<()> {
    setup::lint_tools()?;
    run(cargo().args(["fmt", "--all", "--check"]))?;
    // Every member for the host, every target (tests, benches) and feature (test hooks,
    // generator); then the app for the target it ships on.
    run(cargo().args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--all-features",
        "--",
        "-D",
        "warnings",
    ]))?;
    dist::ensure_target()?;
    for features in [&[][..], &["--features", "test-hooks"][..]] {
        run(cargo()
            .args(["clippy", "-p", "lakip", "--target", dist::TARGET])
            .args(features)
            .args(["--", "-D", "warnings"]))?;
    }
    // The build helper (basE91, CSP hashes, the hook check) and the domain (unit, seed,
    // property and snapshot tests), natively, in seconds.
    run(cargo().args(["test", "-p", "xtask"]))?;
    run(cargo().args(["test", "-p", "lakip-core"]))?;
    setup::browsers()?;
    // The shipped file (checked for test hooks while it is built), then the test build
    // the browser tests open.
    dist::build(dist::Variant::Shipped, false)?;
    dist::build(dist::Variant::TestHooks, false)?;
    // The app in real browsers, by file://, one browser at a time.
    run(cargo().args(["test", "-p", "lakip-e2e", "--", "--test-threads=1"]))?;
    Ok(())
}
