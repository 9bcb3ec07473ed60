//! Guards the architecture by reading the source as Rust (with `syn`), not by searching for words:
//! - `src/domain` is pure: no path in it names a web or UI crate (`web_sys`, `js_sys`, `gloo`, `wasm_bindgen`,
//!   `yew`) or another layer (`crate::ui`, `crate::browser`);
//! - `src/ui` reaches web APIs only through `crate::browser`: no path in it names `web_sys`, `js_sys`, `gloo`
//!   or `wasm_bindgen` (Yew itself is the UI layer's framework);
//! - no function in `src/ui` is longer than [`MAX_UI_FN_LINES`] lines;
//! - no HTML is ever set from a string anywhere.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::{Path, PathBuf};

use quote::ToTokens;
use syn::spanned::Spanned;
use syn::visit::Visit;

/// The longest a function in `src/ui` may be, in lines (a component with its handlers split out fits).
const MAX_UI_FN_LINES: usize = 80;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn layer(name: &str) -> Vec<(PathBuf, syn::File)> {
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(name), &mut files);
    assert!(files.len() > 5, "the {name} modules were found");
    files
        .into_iter()
        .map(|path| {
            let text = fs::read_to_string(&path).unwrap();
            let file = syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (path, file)
        })
        .collect()
}

/// Every path written in a file (`use` trees flattened, expressions, types, macro names), as its segments,
/// with the line it starts on.
#[derive(Default)]
struct Paths(Vec<(Vec<String>, usize)>);

impl Paths {
    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        let line = tree.span().start().line;
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.use_tree(prefix, &p.tree);
                prefix.pop();
            }
            syn::UseTree::Name(n) => self.0.push(([prefix.as_slice(), &[n.ident.to_string()]].concat(), line)),
            syn::UseTree::Rename(r) => self.0.push(([prefix.as_slice(), &[r.ident.to_string()]].concat(), line)),
            syn::UseTree::Glob(_) => self.0.push(([prefix.as_slice(), &["*".to_string()]].concat(), line)),
            syn::UseTree::Group(g) => g.items.iter().for_each(|t| self.use_tree(prefix, t)),
        }
    }
}

impl<'a> Visit<'a> for Paths {
    fn visit_item_use(&mut self, item: &'a syn::ItemUse) {
        self.use_tree(&mut Vec::new(), &item.tree);
    }

    fn visit_path(&mut self, path: &'a syn::Path) {
        let segments = path.segments.iter().map(|s| s.ident.to_string()).collect();
        self.0.push((segments, path.span().start().line));
        syn::visit::visit_path(self, path);
    }
}

fn paths_of(file: &syn::File) -> Vec<(Vec<String>, usize)> {
    let mut paths = Paths::default();
    paths.visit_file(file);
    paths.0
}

/// The first offending path in each file, as "file:line: path".
fn offences(name: &str, forbidden: impl Fn(&[String]) -> bool) -> Vec<String> {
    layer(name)
        .iter()
        .flat_map(|(path, file)| {
            paths_of(file)
                .into_iter()
                .filter(|(segments, _)| forbidden(segments))
                .map(move |(segments, line)| format!("{}:{line}: {}", path.display(), segments.join("::")))
        })
        .collect()
}

const WEB_CRATES: [&str; 4] = ["web_sys", "js_sys", "gloo", "wasm_bindgen"];

#[test]
fn domain_names_no_web_or_ui_crate_and_no_other_layer() {
    let found = offences("domain", |s| {
        let first = s[0].as_str();
        WEB_CRATES.contains(&first)
            || first == "yew"
            || (first == "crate" && s.get(1).is_some_and(|l| l == "ui" || l == "browser"))
    });
    assert!(found.is_empty(), "the domain reaches out of itself:\n{}", found.join("\n"));
}

#[test]
fn ui_reaches_web_apis_only_through_the_browser_layer() {
    let found = offences("ui", |s| s.iter().any(|segment| WEB_CRATES.contains(&segment.as_str())));
    assert!(found.is_empty(), "the UI calls web APIs itself (move them to src/browser):\n{}", found.join("\n"));
}

#[test]
fn the_path_reader_sees_what_it_must() {
    // The guard above is only as good as its reader: paths in `use` groups, expressions, types and macro
    // names are all seen.
    let file = syn::parse_file(
        "use a::{b::{c, d as e}, f::*};\nfn g(x: web_sys::Element) { let _ = gloo::utils::window(); js_sys::Date::now(); }",
    )
    .unwrap();
    let found: Vec<String> = paths_of(&file).into_iter().map(|(s, _)| s.join("::")).collect();
    for expected in ["a::b::c", "a::b::d", "a::f::*", "web_sys::Element", "gloo::utils::window", "js_sys::Date::now"] {
        assert!(found.iter().any(|f| f == expected), "{expected} not in {found:?}");
    }
}

/// Every function and method in a file, as (name, first line, last line).
#[derive(Default)]
struct Functions(Vec<(String, usize, usize)>);

impl<'a> Visit<'a> for Functions {
    fn visit_item_mod(&mut self, m: &'a syn::ItemMod) {
        // Tests are lists of steps; the limit is for the code the app runs.
        let is_test =
            m.attrs.iter().any(|a| a.path().is_ident("cfg") && a.meta.to_token_stream().to_string().contains("test"));
        if !is_test {
            syn::visit::visit_item_mod(self, m);
        }
    }

    fn visit_item_fn(&mut self, f: &'a syn::ItemFn) {
        self.0.push((f.sig.ident.to_string(), f.span().start().line, f.span().end().line));
        syn::visit::visit_item_fn(self, f);
    }

    fn visit_impl_item_fn(&mut self, f: &'a syn::ImplItemFn) {
        self.0.push((f.sig.ident.to_string(), f.span().start().line, f.span().end().line));
        syn::visit::visit_impl_item_fn(self, f);
    }
}

#[test]
fn no_ui_function_is_longer_than_the_limit() {
    let mut long = Vec::new();
    for (path, file) in layer("ui") {
        let mut functions = Functions::default();
        functions.visit_file(&file);
        for (name, first, last) in functions.0 {
            let lines = last - first + 1;
            if lines > MAX_UI_FN_LINES {
                long.push(format!("{}:{first}: {name} is {lines} lines", path.display()));
            }
        }
    }
    assert!(long.is_empty(), "functions over {MAX_UI_FN_LINES} lines:\n{}", long.join("\n"));
}

#[test]
fn no_html_is_ever_set_from_a_string() {
    for name in ["domain", "ui", "browser"] {
        for (path, file) in layer(name) {
            let found: Vec<String> = paths_of(&file).into_iter().map(|(s, _)| s.join("::")).collect();
            let text = fs::read_to_string(&path).unwrap();
            for word in ["set_inner_html", "from_html_unchecked"] {
                assert!(
                    !text.contains(word) && !found.iter().any(|p| p.ends_with(word)),
                    "{} uses {word}",
                    path.display()
                );
            }
        }
    }
}
