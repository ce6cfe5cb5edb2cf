//! The diagnostics catalogue (`docs/diagnostics.md`) is executable: every example in it is built
//! and must report exactly what the catalogue shows, and every diagnostic code the code can emit
//! is in the catalogue. `UPDATE_CATALOGUE=1 cargo test --test diagnostics` rewrites the reported
//! blocks from the actual output (review the diff before committing).

mod common;

use mdbook_preprocessor::book::{Book, BookItem, Chapter, SectionNumber};
use mdbook_report::base::diagnostics::Diagnostics;
use mdbook_report::model::config::Config;
use std::path::Path;
use std::str::FromStr;

const CATALOGUE: &str = "docs/diagnostics.md";

/// One example: the files it builds and the report it expects.
struct Case {
    code: String,
    files: Vec<(String, String)>,
    expected: String,
    /// Line range (0-based, exclusive) of the expected block's content in the catalogue.
    lines: std::ops::Range<usize>,
}

fn fenced(lines: &[&str], start: usize) -> (String, usize) {
    assert!(
        lines[start].starts_with("```"),
        "fence expected at line {}",
        start + 1
    );
    let end = (start + 1..lines.len())
        .find(|&i| lines[i] == "```")
        .expect("closing fence");
    let mut text = lines[start + 1..end].join("\n");
    if end > start + 1 {
        text.push('\n');
    }
    (text, end)
}

fn cases(text: &str) -> Vec<Case> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut code = String::new();
    let mut files = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if let Some(c) = line.strip_prefix("### `").and_then(|l| l.strip_suffix('`')) {
            code = c.to_string();
            files.clear();
        } else if let Some(path) = line.strip_prefix('`').and_then(|l| l.strip_suffix("`:")) {
            let (content, end) = fenced(&lines, i + 1);
            files.push((path.to_string(), content));
            i = end;
        } else if line == "Reported:" {
            let (expected, end) = fenced(&lines, i + 1);
            out.push(Case {
                code: code.clone(),
                files: std::mem::take(&mut files),
                expected: expected.trim_end().to_string(),
                lines: i + 2..end,
            });
            i = end;
        }
        i += 1;
    }
    out
}

/// The registry a case gets when it shows none: the default configuration's path.
const REGISTRY_PATH: &str = "data/organisations.yaml";

/// Builds the example's book and returns its reports with the case's code. Every file of the
/// case is written where the case says (`book.toml` included, so locations in it and the theme
/// check see it); a case without `data/organisations.yaml` gets the small shared registry there.
fn run(case: &Case) -> String {
    let dir = tempfile::tempdir().unwrap();
    let write = |path: &str, content: &str| {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    };
    for (path, content) in &case.files {
        write(path, content);
    }
    if !case.files.iter().any(|(p, _)| p == REGISTRY_PATH) {
        write(REGISTRY_PATH, common::REGISTRY);
    }
    let mut diags = Diagnostics::new();
    let toml = case
        .files
        .iter()
        .find(|(p, _)| p == "book.toml")
        .map_or("", |(_, c)| c.as_str());
    let mdbook_config = mdbook_preprocessor::config::Config::from_str(toml).expect("valid TOML");
    let cfg = Config::from_mdbook(&mdbook_config, Some(toml), &mut diags);
    mdbook_report::install::check_book(dir.path(), &mdbook_config, cfg.search.enable, &mut diags);
    let mut book = Book::new();
    for (n, (path, content)) in case
        .files
        .iter()
        .filter(|(p, _)| p.starts_with("src/"))
        .enumerate()
    {
        let path = path.strip_prefix("src/").unwrap();
        let mut ch = Chapter::new(path.trim_end_matches(".md"), content.clone(), path, vec![]);
        ch.number = Some(SectionNumber::new(vec![n as u32 + 1]));
        book.items.push(BookItem::Chapter(ch));
    }
    mdbook_report::model::sources::check(dir.path(), Path::new("src"), &mut diags).apply(&mut book);
    mdbook_report::pipeline::transform(book, &cfg, dir.path(), Path::new("src"), &mut diags);
    diags.sort();
    diags
        .iter()
        .filter(|d| d.code == case.code)
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_catalogue_example_reports_what_the_catalogue_shows() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(CATALOGUE);
    let text = std::fs::read_to_string(&path).unwrap();
    let cases = cases(&text);
    assert!(cases.len() >= 20, "{} examples", cases.len());
    let actual: Vec<String> = cases.iter().map(run).collect();
    if std::env::var_os("UPDATE_CATALOGUE").is_some() {
        let mut lines: Vec<String> = text.lines().map(String::from).collect();
        for (case, actual) in cases.iter().zip(&actual).rev() {
            lines.splice(case.lines.clone(), actual.lines().map(String::from));
        }
        std::fs::write(&path, lines.join("\n") + "\n").unwrap();
        return;
    }
    let mut failures = Vec::new();
    for (case, actual) in cases.iter().zip(&actual) {
        if actual.is_empty() {
            failures.push(format!("`{}`: the example reports nothing", case.code));
        } else if *actual != case.expected {
            failures.push(format!(
                "`{}`:\nexpected:\n{}\nactual:\n{}",
                case.code, case.expected, actual
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_code_the_tool_can_report_is_in_the_catalogue() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let catalogue = std::fs::read_to_string(root.join(CATALOGUE)).unwrap();
    let call = regex::Regex::new(r#"\.(?:error|warning|note)\(\s*"([a-z0-9-]+)""#).unwrap();
    let mut missing = Vec::new();
    let mut stack = vec![root.join("preprocessors/src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let source = std::fs::read_to_string(&path).unwrap();
            // Only production code: unit tests construct diagnostics of their own.
            let source = common::before_unit_tests(&source);
            for cap in call.captures_iter(source) {
                let code = &cap[1];
                if !catalogue.contains(&format!("### `{code}`"))
                    && !["x-code", "w-code", "w", "n"].contains(&code)
                {
                    missing.push(format!("{code} ({})", path.display()));
                }
            }
        }
    }
    missing.sort();
    missing.dedup();
    assert!(
        missing.is_empty(),
        "codes missing from {CATALOGUE}:\n{}",
        missing.join("\n")
    );
}
