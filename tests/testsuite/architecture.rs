//! The library's shape, checked on its source: the layers of ARCHITECTURE.md hold (each module
//! uses only its own layer and those below, features never use one another, no import cycle),
//! and no non-test code names the GMG report, its organisations, years or counts.

use crate::common;

use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("preprocessors/src")
}

/// Every `.rs` file under `preprocessors/src` with its text up to its unit tests (the part after
/// `#[cfg(test)]` is test code), by module path (`features/organisations`, `base/html`).
fn modules() -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![src()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let rel = path.strip_prefix(src()).unwrap().with_extension("");
            let mut name = rel.to_string_lossy().replace('\\', "/");
            if let Some(parent) = name.strip_suffix("/mod") {
                name = parent.to_string();
            }
            let text = std::fs::read_to_string(&path).unwrap();
            out.insert(name, text);
        }
    }
    // A module declared `#[cfg(test)] mod name;` is tests in a file of their own: not library
    // code, like the unit-test module at the end of a file.
    let test_file = Regex::new(r"#\[cfg\(test\)\]\s*mod (\w+);").unwrap();
    let tests: Vec<String> = out
        .iter()
        .flat_map(|(module, text)| {
            let dir = if module == "lib" {
                String::new()
            } else {
                format!("{module}/")
            };
            test_file
                .captures_iter(text)
                .map(move |c| format!("{dir}{}", &c[1]))
                .collect::<Vec<_>>()
        })
        .collect();
    for name in tests {
        out.remove(&name);
    }
    for text in out.values_mut() {
        *text = common::before_unit_tests(text).to_string();
    }
    out
}

/// The layer of a module, bottom first.
fn layer(module: &str) -> usize {
    let top = module.split('/').next().unwrap();
    match top {
        "base" => 0,
        "model" => 1,
        "features" => 2,
        // The configuration composes the features' own tables with the outputs'.
        "config" => 3,
        "outputs" => 4,
        "pipeline" => 5,
        _ => 6, // entry points: preprocessor, postbuild, build, install, linkcheck, lib, main, bin
    }
}

/// `code` without its comments (doc links to other layers are references, not uses).
fn without_comments(code: &str) -> String {
    code.lines()
        .map(|l| match l.find("//") {
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The modules `code` (of module `from`) uses through `crate::…` or `super::…` paths.
fn uses(from: &str, code: &str, all: &BTreeSet<String>) -> BTreeSet<String> {
    let path = Regex::new(r"\b(crate|super)((?:::[a-z_][a-z0-9_]*)+)").unwrap();
    let mut out = BTreeSet::new();
    for cap in path.captures_iter(&without_comments(code)) {
        let mut segments: Vec<&str> = cap[2].split("::").filter(|s| !s.is_empty()).collect();
        let mut parts: Vec<String> = Vec::new();
        if &cap[1] == "super" {
            // `super` of a file module is its directory's parent; of `dir/mod.rs`, the same.
            parts = from.split('/').map(String::from).collect();
            parts.pop();
            while segments.first() == Some(&"super") {
                segments.remove(0);
                parts.pop();
            }
        }
        parts.extend(segments.into_iter().map(String::from));
        // The longest prefix that is a module.
        while !parts.is_empty() {
            let candidate = parts.join("/");
            if all.contains(&candidate) {
                if candidate != from {
                    out.insert(candidate);
                }
                break;
            }
            parts.pop();
        }
    }
    out
}

#[test]
fn modules_use_only_their_own_layer_and_those_below() {
    let modules = modules();
    let names: BTreeSet<String> = modules.keys().cloned().collect();
    let mut wrong = Vec::new();
    for (from, code) in &modules {
        for to in uses(from, code, &names) {
            let (a, b) = (layer(from), layer(&to));
            let feature = |m: &str| {
                m.strip_prefix("features/")
                    .map(|r| r.split('/').next().unwrap().to_string())
            };
            let across_features =
                matches!((feature(from), feature(&to)), (Some(x), Some(y)) if x != y);
            if b > a || across_features {
                wrong.push(format!("{from} (layer {a}) uses {to} (layer {b})"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_module_graph_has_no_cycle() {
    let modules = modules();
    let names: BTreeSet<String> = modules.keys().cloned().collect();
    // A module "contains" its submodules: a cycle through a parent and its child is allowed only
    // as declaration (`pub mod child;`), so edges to one's own descendants are ignored.
    let edges: BTreeMap<&str, BTreeSet<String>> = modules
        .iter()
        .map(|(m, code)| {
            let to = uses(m, code, &names)
                .into_iter()
                .filter(|t| !t.starts_with(&format!("{m}/")))
                .collect();
            (m.as_str(), to)
        })
        .collect();
    // Depth-first search for a back edge.
    fn visit<'a>(
        m: &'a str,
        edges: &'a BTreeMap<&str, BTreeSet<String>>,
        state: &mut BTreeMap<&'a str, u8>,
        path: &mut Vec<&'a str>,
    ) -> Option<String> {
        match state.get(m) {
            Some(2) => return None,
            Some(1) => {
                let start = path.iter().position(|p| *p == m).unwrap();
                return Some(format!("{} → {m}", path[start..].join(" → ")));
            }
            _ => {}
        }
        state.insert(m, 1);
        path.push(m);
        for to in &edges[m] {
            if let Some(cycle) = visit(to.as_str(), edges, state, path) {
                return Some(cycle);
            }
        }
        path.pop();
        state.insert(m, 2);
        None
    }
    let mut state = BTreeMap::new();
    for m in edges.keys() {
        let mut path = Vec::new();
        if let Some(cycle) = visit(m, &edges, &mut state, &mut path) {
            panic!("import cycle: {cycle}");
        }
    }
}

#[test]
fn the_layer_check_sees_a_violation() {
    // The checks above read `crate::` and `super::` paths: make sure they do.
    let names: BTreeSet<String> = [
        "base/html",
        "features/agenda",
        "features/timeline",
        "outputs/pages",
    ]
    .map(String::from)
    .into();
    let used = uses(
        "features/agenda",
        "use crate::features::timeline::Timeline; use super::super::outputs::pages; crate::base::html::text(x)",
        &names,
    );
    assert_eq!(
        used,
        ["base/html", "features/timeline", "outputs/pages"]
            .map(String::from)
            .into()
    );
}

/// Words, names, years and counts of the GMG report that no library code may carry: they belong
/// in this book's `book.toml`, `data/` and `src/`.
const REPORT_WORDS: &[&str] = &[
    "Global Migration Group",
    "GMG",
    "gmg",
    "High-level Dialogue",
    "HLD",
    "eight-point",
    "Eight-point",
    "action point",
    "Action point",
    "action-point",
    "Secretary-General",
    "UNICEF",
    "UNHCR",
    "UN-DESA",
    "ILO",
    "IOM",
    "migrant",
    "Migration",
    "2013",
    "2014",
    "Agencies",
];

/// Where a word of [`REPORT_WORDS`] is the plugin set's own, with why: an older version of the
/// plugin set was called `gmg-report`, and `install` renames what a book made for it uses
/// (`[preprocessor.gmg]`, `theme/gmg.css`).
const OWN_WORDS: &[(&str, &str)] = &[("install", "gmg")];

#[test]
fn no_library_code_names_the_report() {
    let word = Regex::new(&format!(
        r"(?:^|[^A-Za-z0-9])({})(?:[^A-Za-z0-9]|$)",
        REPORT_WORDS.join("|")
    ))
    .unwrap();
    let mut found = Vec::new();
    for (module, code) in modules() {
        for (i, line) in code.lines().enumerate() {
            for cap in word.captures_iter(line) {
                if OWN_WORDS.contains(&(module.as_str(), &cap[1])) {
                    continue;
                }
                found.push(format!(
                    "{module}.rs:{}: {} — {}",
                    i + 1,
                    &cap[1],
                    line.trim()
                ));
            }
        }
    }
    assert!(
        found.is_empty(),
        "{} places:\n{}",
        found.len(),
        found.join("\n")
    );
}
