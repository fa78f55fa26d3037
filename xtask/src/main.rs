//! Build chores in Rust (matklad's `cargo xtask`): `cargo xtask dist` builds the single
//! self-contained `dist/lakip.html`; `cargo xtask test` installs what the tests need and runs
//! every test. Both install their own tools on a fresh Debian machine.

mod dist;
mod setup;

use std::process::ExitCode;

const USAGE: &str = "\
cargo xtask <perintah>

  dist [--open]     bangun dist/lakip.html (satu berkas) dan buka di browser
  test              pasang alat yang diperlukan, bangun, jalankan semua tes
  setup-browsers    pasang Chromium, ChromeDriver, Firefox ESR, geckodriver
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("dist") => dist::build(args.iter().any(|a| a == "--open")).map(|_| ()),
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

fn test() -> Result<()> {
    setup::browsers()?;
    dist::build(false)?;
    // The domain: unit, seed, property and snapshot tests (native, seconds).
    run(cargo().args(["test", "-p", "lakip-core"]))?;
    // The app in real browsers, by file://, one browser at a time.
    run(cargo().args(["test", "-p", "lakip-e2e", "--", "--test-threads=1"]))?;
    Ok(())
}
