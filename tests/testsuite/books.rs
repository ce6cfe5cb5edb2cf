//! The plugin set on books other than this report, built by the installed binaries with no code
//! change: the second fixture book (`tests/fixtures/books/awaza`, UN General Assembly resolution
//! 80/3, a declaration of another shape), whose every page is compared with its committed
//! expected output, and which must carry no word of the GMG report.
//!
//! `UPDATE_EXPECTED=1 cargo test --test books` rewrites `expected/` from the current output;
//! review the diff before committing it.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_mdbook-report");

/// Copies the fixture book `name` into a temporary directory, as a new user would have it.
fn copy_book(name: &str) -> (tempfile::TempDir, PathBuf) {
    let from = common::root().join("tests/fixtures/books").join(name);
    let dir = tempfile::tempdir().expect("temp dir");
    let to = dir.path().join(name);
    for (rel, bytes) in common::files_under(&from) {
        if rel.starts_with("expected/") {
            continue;
        }
        let path = to.join(&rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    (dir, to)
}

/// Runs the binary; panics with its output when it fails.
fn run(args: &[&str], book: &Path) -> String {
    let out = Command::new(BIN)
        .args(args)
        .arg("--book")
        .arg(book)
        .output()
        .expect("run mdbook-report");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        out.status.success(),
        "mdbook-report {args:?} failed:\n{stderr}"
    );
    stderr
}

/// The second book, installed and built strictly (warnings fail) with the link check, once per
/// test binary.
fn awaza_site() -> &'static Path {
    static SITE: std::sync::OnceLock<(tempfile::TempDir, PathBuf)> = std::sync::OnceLock::new();
    &SITE
        .get_or_init(|| {
            let (dir, book) = copy_book("awaza");
            run(&["install"], &book);
            let stderr = run(&["build"], &book);
            assert!(stderr.contains(": no problems"), "{stderr}");
            (dir, book.join("book/html"))
        })
        .1
}

/// The `<main>` of every page (mdBook's chrome aside), by page.
fn pages(site: &Path) -> Vec<(String, String)> {
    common::files_under(site)
        .into_iter()
        .filter(|(name, _)| {
            name.ends_with(".html")
                && !["print.html", "toc.html", "404.html"].contains(&name.as_str())
        })
        .map(|(name, bytes)| {
            let html = String::from_utf8(bytes).expect("UTF-8");
            let start = html.find("<main>").expect("a <main>") + "<main>".len();
            let end = html.rfind("</main>").expect("a </main>");
            (name, html[start..end].trim().to_string() + "\n")
        })
        .collect()
}

#[test]
fn the_second_book_builds_with_the_same_binaries_as_expected() {
    let site = awaza_site();
    let expected_dir = common::root().join("tests/fixtures/books/awaza/expected");
    let actual = pages(site);
    if std::env::var_os("UPDATE_EXPECTED").is_some() {
        let _ = std::fs::remove_dir_all(&expected_dir);
        for (name, main) in &actual {
            let path = expected_dir.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, main).unwrap();
        }
        return;
    }
    let expected: Vec<(String, String)> = common::files_under(&expected_dir)
        .into_iter()
        .map(|(n, b)| (n, String::from_utf8(b).unwrap()))
        .collect();
    let names = |v: &[(String, String)]| v.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&actual), names(&expected), "the pages of the site");
    for ((name, a), (_, e)) in actual.iter().zip(&expected) {
        assert!(
            a == e,
            "{name} differs from expected/{name} (UPDATE_EXPECTED=1 rewrites it):\n{}",
            first_difference(e, a)
        );
    }
    // Its exports: the timeline is off, so none; the organisations and the agenda are there.
    assert!(!site.join("timeline.json").exists());
    assert!(site.join("agenda.html").is_file());
    assert!(site.join("organisations/wto.html").is_file());
}

fn first_difference(expected: &str, actual: &str) -> String {
    let line = expected
        .lines()
        .zip(actual.lines())
        .position(|(e, a)| e != a)
        .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
    format!(
        "line {}:\nexpected: {}\nactual:   {}",
        line + 1,
        expected.lines().nth(line).unwrap_or("(end)"),
        actual.lines().nth(line).unwrap_or("(end)")
    )
}

/// Words of the GMG report that the code once wrote into every book.
const GMG_WORDS: &[&str] = &[
    "Global Migration Group",
    "GMG",
    "HLD",
    "High-level Dialogue",
    "eight-point",
    "action point",
    "Action point",
    "Agencies",
    "agencies/",
    "migrant",
    "Migration",
    "2013",
];

#[test]
fn no_page_of_the_second_book_carries_a_word_of_the_gmg_report() {
    let site = awaza_site();
    let word = regex::Regex::new(&format!(
        r"(?:^|[^A-Za-z])({})(?:[^A-Za-z]|$)",
        GMG_WORDS.join("|")
    ))
    .unwrap();
    let mut found = Vec::new();
    for (name, bytes) in common::files_under(site) {
        // mdBook's own scripts are not ours; the theme, pages, data and search index are.
        let ours = name.starts_with("theme/")
            || [".html", ".json", ".ics"].iter().any(|e| name.ends_with(e))
            || name.starts_with("search/");
        if !ours {
            continue;
        }
        let text = String::from_utf8_lossy(&bytes);
        for m in word.captures_iter(&text) {
            found.push(format!("{name}: {}", &m[1]));
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// The `id` of a page's `<h1>`.
fn h1_id(page: &str) -> String {
    let re = regex::Regex::new(r#"<h1 id="([^"]+)""#).unwrap();
    re.captures(page).expect("an <h1> with an id")[1].to_string()
}

#[test]
fn the_second_books_print_page_holds_the_declaration_and_its_search_index_is_in_parts() {
    let site = awaza_site();
    let read = |p: &str| std::fs::read_to_string(site.join(p)).unwrap();
    let print = read("print.html");
    for chapter in ["index.html", "annex.html", "notes.html"] {
        let id = h1_id(&read(chapter));
        assert!(
            print.contains(&format!("<h1 id=\"{id}\"")),
            "{chapter} is not printed"
        );
    }
    for generated in [
        "agenda.html",
        "organisations/index.html",
        "organisations/wto.html",
    ] {
        let id = h1_id(&read(generated));
        assert!(
            !print.contains(&format!("<h1 id=\"{id}\"")),
            "{generated} is printed"
        );
    }
    // Links to the generated pages lead to them, not into the print page.
    assert!(print.contains("href=\"organisations/wto.html\""));
    assert!(site.join("search/meta.json").is_file());
    let monolithic: Vec<_> = std::fs::read_dir(site)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("searchindex"))
        .collect();
    assert!(monolithic.is_empty(), "{monolithic:?}");
}

#[test]
fn the_second_books_notes_are_numbered_and_its_areas_lettered() {
    let site = awaza_site();
    let annex = std::fs::read_to_string(site.join("annex.html")).unwrap();
    assert!(
        annex.contains(
            "<sup class=\"endnote-ref\" id=\"note-ref-1\"><a href=\"notes.html#note-1\" role=\"doc-noteref\" title=\"Footnote 1: Resolution 79/233, annex; see also resolution 79/279.\">1</a></sup>"
        ),
        "{annex}"
    );
    let agenda = std::fs::read_to_string(site.join("agenda.html")).unwrap();
    assert!(agenda.contains("Priority area (e): Means of implementation"));
    let implementation = std::fs::read_to_string(site.join("implementation.html")).unwrap();
    assert!(implementation.contains(
        "<a class=\"agenda-ref\" href=\"agenda.html\">five mutually reinforcing priority areas</a>"
    ));
}
