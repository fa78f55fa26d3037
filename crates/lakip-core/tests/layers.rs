//! The layers of the domain (ARCHITECTURE.md): a module uses only the layers below it.
//! This reads the sources, so a `use` that points upward fails here, with its file and line.
//! Test code (`#[cfg(test)]` modules at the end of a file) may use anything.

use std::path::{Path, PathBuf};

/// Bottom to top.
const LAYERS: &[&str] = &[
    "num",
    "model",
    "calc",
    "report",
    "exchange",
    "example",
    "generate",
    "workspace",
    "check",
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| *l == module)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src readable") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every `crate::<module>` named outside the file's test module, with its line number.
fn uses(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("#[cfg(test)]") {
            break;
        }
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            found.push((n + 1, name));
        }
    }
    found
}

#[test]
fn no_module_uses_a_layer_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 40, "the sources were not found under {src:?}");
    let mut wrong = Vec::new();
    let mut checked = 0;
    for file in &files {
        let rel = file.strip_prefix(&src).unwrap();
        let top = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        if top == "lib" {
            continue;
        }
        let own = layer_of(&top).unwrap_or_else(|| panic!("{rel:?}: its folder is in no layer"));
        let text = std::fs::read_to_string(file).unwrap();
        for (line, name) in uses(&text) {
            checked += 1;
            let Some(theirs) = layer_of(&name) else {
                continue; // a re-export at the crate root, such as `crate::Decimal`
            };
            if theirs > own {
                wrong.push(format!("{}:{line}: {top} uses {name}", rel.display()));
            }
        }
    }
    assert!(
        checked > 100,
        "only {checked} uses were read: the scan is broken"
    );
    assert!(
        wrong.is_empty(),
        "uses that point upward:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_scan_sees_an_upward_use() {
    let text =
        "use crate::model::Report;\nuse crate::workspace::store;\n#[cfg(test)]\nuse crate::check;";
    let found = uses(text);
    assert_eq!(
        found,
        vec![(1, "model".to_string()), (2, "workspace".to_string())]
    );
}
