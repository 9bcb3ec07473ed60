//! Guards the architecture: `src/domain` is pure Rust and never reaches for web APIs or the UI framework.

use std::fs;
use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn domain_uses_no_web_or_ui_crate() {
    let mut files = Vec::new();
    rust_files(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src/domain")), &mut files);
    assert!(files.len() > 5, "the domain modules were found");
    let forbidden = ["web_sys", "gloo", "yew", "js_sys", "wasm_bindgen", "crate::ui", "crate::browser"];
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        for word in forbidden {
            assert!(!text.contains(word), "{} mentions {word}", file.display());
        }
    }
}

#[test]
fn no_html_is_ever_set_from_a_string() {
    let mut files = Vec::new();
    rust_files(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")), &mut files);
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        for word in ["set_inner_html", "from_html_unchecked"] {
            assert!(!text.contains(word), "{} uses {word}", file.display());
        }
    }
}
