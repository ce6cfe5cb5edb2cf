//! The diagnostics catalogue (`docs/src/diagnostics.md`, a chapter of the user guide) is
//! executable: every example in it is built and must report exactly what the catalogue shows,
//! and every diagnostic code the code can emit is in the catalogue.
//! `UPDATE_CATALOGUE=1 cargo test --test testsuite diagnostics::` rewrites the reported blocks
//! from the actual output (review the diff before committing).

use crate::common;

use mdbook_preprocessor::book::{Book, BookItem, Chapter, SectionNumber};
use mdbook_report::Diagnostics;
use mdbook_report::config::Config;
use std::path::Path;
use std::str::FromStr;

const CATALOGUE: &str = "docs/src/diagnostics.md";

/// One example: the files it builds and the report it expects.
struct Case {
    code: String,
    files: Vec<(String, String)>,
    expected: String,
    /// Line range (0-based, exclusive) of the expected block's content in the catalogue.
    lines: std::ops::Range<usize>,
}

/// The catalogue is a chapter of the user guide, and mdBook runs its `{{#include …}}`
/// directives even inside code blocks: the catalogue escapes them (`\{{#include …}}`, as mdBook's
/// guide says) and mdBook shows them without the backslash. Examples are read as the page shows
/// them.
fn as_shown(text: &str) -> String {
    text.replace("\\{{#", "{{#")
}

/// The escape [`as_shown`] takes out, for writing reports back into the catalogue: mdBook's own
/// pattern for a directive (`mdbook-driver`'s `links.rs`).
fn escaped(text: &str) -> String {
    let directive = regex::Regex::new(r"\{\{\s*#[a-zA-Z0-9_]+\s+[^}]+\}\}").unwrap();
    directive.replace_all(text, "\\$0").into_owned()
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
    let mut text = as_shown(&lines[start + 1..end].join("\n"));
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

/// What a book needs so that only the example's own mistakes are reported: the post-build
/// renderer and mdBook's search switched off (the plugin set's replaces it). A case's own
/// `book.toml` gets each table it lacks, appended (its lines keep their numbers), unless that
/// missing table is what the case is about.
const COMPLETIONS: &[(&str, &str, &str)] = &[
    (
        "postbuild-missing",
        "[output.report-postbuild]",
        "\n[output.report-postbuild]\n",
    ),
    (
        "search-mdbook-index",
        "[output.html.search]",
        "\n[output.html.search]\nenable = false\n",
    ),
];

/// The example's `book.toml`, completed as [`COMPLETIONS`] says.
fn book_toml(case: &Case) -> String {
    let mut toml = case
        .files
        .iter()
        .find(|(p, _)| p == "book.toml")
        .map_or(String::new(), |(_, c)| c.clone());
    for (code, table, text) in COMPLETIONS {
        if case.code != *code && !toml.lines().any(|l| l.trim() == *table) {
            toml.push_str(text);
        }
    }
    // A case with an endnotes chapter names it, as a book with endnotes does (without the key,
    // mdBook renders footnotes page by page).
    let endnotes_table = "[preprocessor.report.endnotes]";
    if case.files.iter().any(|(p, _)| p == "src/endnotes.md")
        && !toml.lines().any(|l| l.trim() == endnotes_table)
    {
        toml.push_str(&format!("\n{endnotes_table}\nchapter = \"endnotes.md\"\n"));
    }
    toml
}

/// Builds the example's book and returns every report, sorted, and whether the build fails.
/// Every file of the case is written where the case says (`book.toml` completed, so locations
/// in it and the theme check see it); a case without `data/organisations.yaml` gets the small
/// shared registry there, whose organisations the example need not name. `strict` sets the
/// strict switch (`deny-warnings`) as `book.toml` or the build command would.
fn run(case: &Case, strict: bool) -> (String, bool) {
    let dir = tempfile::tempdir().unwrap();
    let write = |path: &str, content: &str| {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    };
    for (path, content) in &case.files {
        write(path, content);
    }
    let own_registry = case.files.iter().any(|(p, _)| p == REGISTRY_PATH);
    // The example about a book without a registry gets none.
    if !own_registry && case.code != "org-without-registry" {
        write(REGISTRY_PATH, common::REGISTRY);
    }
    let toml = book_toml(case);
    write("book.toml", &toml);
    let mut diags = Diagnostics::new();
    let mut mdbook_config =
        mdbook_preprocessor::config::Config::from_str(&toml).expect("valid TOML");
    if strict {
        mdbook_config
            .set("preprocessor.report.deny-warnings", true)
            .unwrap();
    }
    let cfg = Config::from_mdbook(&mdbook_config, Some(&toml), &mut diags);
    assert_eq!(
        cfg.deny_warnings, strict,
        "`{}`: the strict switch",
        case.code
    );
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
    mdbook_report::preprocessor::check(dir.path(), &mdbook_config, &cfg, &mut book, &mut diags);
    mdbook_report::preprocessor::transform(book, &cfg, dir.path(), Path::new("src"), &mut diags);
    if !own_registry {
        diags.retain(|d| {
            !(d.code == "registry-unmentioned" && d.location.path == Path::new(REGISTRY_PATH))
        });
    }
    // As the preprocessor ends: strict, warnings become errors; sorted; fails if fatal.
    let failed = diags.finish(cfg.deny_warnings).is_err();
    let reports = diags
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("\n");
    (reports, failed)
}

/// The severity of each report line of `expected` (hint lines have none).
fn severities(expected: &str) -> Vec<&str> {
    let line = regex::Regex::new(r"^\S.*?: (error|warning|note): .* \[[a-z0-9-]+\]$").unwrap();
    expected
        .lines()
        .filter_map(|l| line.captures(l).map(|c| c.get(1).unwrap().as_str()))
        .collect()
}

/// `expected` under the strict switch: every warning an error, notes as they are, in the same
/// order (sorting is by place, not severity).
fn strict(expected: &str) -> String {
    let line = regex::Regex::new(r"^(\S.*?): warning: (.* \[[a-z0-9-]+\])$").unwrap();
    expected
        .lines()
        .map(|l| line.replace(l, "$1: error: $2").into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// What is wrong with `actual` (the reports and whether the build failed) for `case`.
fn mismatch(case: &Case, expected: &str, actual: &(String, bool), strict: bool) -> Option<String> {
    let (reports, failed) = actual;
    let mode = if strict { " under deny-warnings" } else { "" };
    let fails = severities(expected)
        .iter()
        .any(|s| *s == "error" || (strict && *s == "warning"));
    if !reports
        .lines()
        .any(|l| l.ends_with(&format!("[{}]", case.code)))
    {
        Some(format!(
            "`{}`{mode}: the example does not report its code:\n{reports}",
            case.code
        ))
    } else if reports != expected {
        Some(format!(
            "`{}`{mode}:\nexpected:\n{expected}\nactual:\n{reports}",
            case.code
        ))
    } else if *failed != fails {
        Some(format!(
            "`{}`{mode}: the build {} although the reports say it {}",
            case.code,
            if *failed { "fails" } else { "passes" },
            if fails { "fails" } else { "passes" },
        ))
    } else {
        None
    }
}

/// Every example reports exactly what the catalogue shows, every report (another code's too: an
/// extra one fails), and the build fails exactly when one is an error; then again under the
/// strict switch, where the same reports have every warning turned into an error.
#[test]
fn every_catalogue_example_reports_what_the_catalogue_shows() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(CATALOGUE);
    let text = std::fs::read_to_string(&path).unwrap();
    let cases = cases(&text);
    assert!(cases.len() >= 20, "{} examples", cases.len());
    let actual: Vec<(String, bool)> = cases.iter().map(|c| run(c, false)).collect();
    if std::env::var_os("UPDATE_CATALOGUE").is_some() {
        let mut lines: Vec<String> = text.lines().map(String::from).collect();
        for (case, (actual, _)) in cases.iter().zip(&actual).rev() {
            lines.splice(
                case.lines.clone(),
                escaped(actual).lines().map(String::from),
            );
        }
        std::fs::write(&path, lines.join("\n") + "\n").unwrap();
        return;
    }
    let mut failures = Vec::new();
    for (case, actual) in cases.iter().zip(&actual) {
        failures.extend(mismatch(case, &case.expected, actual, false));
        let denied = run(case, true);
        failures.extend(mismatch(case, &strict(&case.expected), &denied, true));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The runner's own expectations can fail: an extra report, a missing one, a lost strict switch.
#[test]
fn the_catalogue_runner_rejects_extra_missing_and_unswitched_reports() {
    let case = Case {
        code: "x-code".into(),
        files: Vec::new(),
        expected: "a.md:1:1: warning: w [x-code]\n  = hint: h".into(),
        lines: 0..0,
    };
    let ok = (
        "a.md:1:1: warning: w [x-code]\n  = hint: h".to_string(),
        false,
    );
    assert_eq!(mismatch(&case, &case.expected, &ok, false), None);
    let extra = (format!("{}\nb.md:1:1: note: n [other]", ok.0), false);
    assert!(mismatch(&case, &case.expected, &extra, false).is_some());
    let other_code = ("a.md:1:1: warning: w [other]".to_string(), false);
    assert!(mismatch(&case, &case.expected, &other_code, false).is_some());
    let denied = strict(&case.expected);
    assert_eq!(denied, "a.md:1:1: error: w [x-code]\n  = hint: h");
    // Under the strict switch the warning must be an error and the build must fail.
    assert!(mismatch(&case, &denied, &ok, true).is_some());
    let unfailed = (denied.clone(), false);
    assert!(mismatch(&case, &denied, &unfailed, true).is_some());
    assert_eq!(
        mismatch(&case, &denied, &(denied.clone(), true), true),
        None
    );
    assert_eq!(
        severities("p: note: n [c]\n  = hint: x\nq:2: error: e [d]"),
        ["note", "error"]
    );
    // Directives are escaped in the catalogue and read as mdBook shows them; Handlebars' `{{#if}}`
    // is no directive of mdBook's.
    let report = "src/a.md:3:1: error: `{{#include /etc/passwd}}` … `{{#if}}` [include-outside]";
    assert_eq!(
        escaped(report),
        "src/a.md:3:1: error: `\\{{#include /etc/passwd}}` … `{{#if}}` [include-outside]"
    );
    assert_eq!(as_shown(&escaped(report)), report);
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

/// A book whose only problem is a warning: `[output.report-postbuild]` is missing.
fn book_with_a_warning(extra_toml: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        (
            "book.toml",
            format!(
                "[book]\ntitle = \"Strict\"\n\n[preprocessor.report]\n{extra_toml}\n[preprocessor.report.organisations]\nenable = false\n\n[output.html]\n\n[output.html.search]\nenable = false\n"
            ),
        ),
        ("src/SUMMARY.md", "# Summary\n\n- [A](a.md)\n".into()),
        ("src/a.md", "# A\n\nText.\n".into()),
    ];
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// Builds the book in-process; the error's whole chain, or `None` when the build passes.
fn build_error(book: &Path, deny_warnings: Option<bool>) -> Option<String> {
    let dest = tempfile::tempdir().unwrap();
    let options = mdbook_report::build::Options {
        deny_warnings,
        dest: Some(dest.path().to_path_buf()),
        site_url: None,
    };
    mdbook_report::build::build(book, &options)
        .err()
        .map(|e| format!("{e:#}"))
}

/// The strict switch CI relies on: `deny-warnings = true` in book.toml, or the build option
/// (`mdbook-report build` passes it unless `--allow-warnings`), turns the warning into an error.
#[test]
fn the_strict_switch_makes_a_warning_fail_the_build() {
    let lenient = book_with_a_warning("");
    assert_eq!(build_error(lenient.path(), None), None);
    assert_eq!(build_error(lenient.path(), Some(false)), None);
    let strict = build_error(lenient.path(), Some(true)).expect("a strict build fails");
    assert!(
        strict.contains("the book has problems: 1 error, 0 warnings"),
        "{strict}"
    );
    let in_book = book_with_a_warning("deny-warnings = true\n");
    let err = build_error(in_book.path(), None).expect("deny-warnings = true fails the build");
    assert!(
        err.contains("the book has problems: 1 error, 0 warnings"),
        "{err}"
    );
    // The build option overrides the book (`--allow-warnings`).
    assert_eq!(build_error(in_book.path(), Some(false)), None);
    let off = book_with_a_warning("deny-warnings = false\n");
    assert_eq!(build_error(off.path(), None), None);
}

/// The same through the binary: `build` is strict, `build --allow-warnings` is not.
#[test]
fn the_build_command_denies_warnings_unless_allowed() {
    let book = book_with_a_warning("");
    let run = |extra: &[&str]| {
        let dest = tempfile::tempdir().unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_mdbook-report"))
            .args(["build", "--no-check", "--book"])
            .arg(book.path())
            .arg("--dest")
            .arg(dest.path())
            .args(extra)
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (ok, stderr) = run(&[]);
    assert!(!ok, "{stderr}");
    assert!(
        stderr.contains("book.toml:9:1: error: `[output.report-postbuild]` is not in book.toml"),
        "{stderr}"
    );
    let (ok, stderr) = run(&["--allow-warnings"]);
    assert!(ok, "{stderr}");
    assert!(
        stderr.contains("book.toml:9:1: warning: `[output.report-postbuild]` is not in book.toml"),
        "{stderr}"
    );
}
