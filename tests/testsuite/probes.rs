//! Editors' mistakes, one at a time: each probe makes one mistake in a fresh copy of a small book
//! (the README's walkthrough book; a few use the real report), runs `mdbook-report build`, and
//! checks that the build fails with exactly the expected number of messages (one per mistake,
//! or the one its consequences are folded into), that the first is located where the mistake
//! is, and that nothing outside the output folder changed (`src/` included) and nothing from
//! outside the book was published. Adding a mistake is one line of [`probes`].
//!
//! The test prints the figures: mistakes tried and handled, messages per mistake.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_mdbook-report");

/// Text of the file outside the book that mistakes try to reach: it must never be published.
const OUTSIDE: &str = "OUTSIDE-THE-BOOK secret text\n";

/// A scratch layout: `<tmp>/a/b/book` (the book), `<tmp>/a/b/out` (the output), and
/// `<tmp>/a/b/outside.md`, a file outside the book (`../../outside.md` from `src/`).
struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    fn book(&self) -> PathBuf {
        self.dir.path().join("a/b/book")
    }
    fn out(&self) -> PathBuf {
        self.dir.path().join("a/b/out")
    }
    fn outside(&self) -> PathBuf {
        self.dir.path().join("a/b/outside.md")
    }
}

/// Which book a probe changes.
#[derive(Clone, Copy)]
enum Base {
    /// The README's walkthrough (three files of text, three organisations, one meeting).
    Walkthrough,
    /// This repository's report.
    Report,
}

fn scratch(base: Base) -> Scratch {
    let s = Scratch {
        dir: tempfile::tempdir().unwrap(),
    };
    let book = s.book();
    std::fs::create_dir_all(&book).unwrap();
    std::fs::write(s.outside(), OUTSIDE).unwrap();
    match base {
        Base::Walkthrough => {
            for (path, content) in common::walkthrough_files() {
                write(&book, &path, &content);
            }
            let out = Command::new(BIN)
                .args(["install", "--book"])
                .arg(&book)
                .output()
                .unwrap();
            assert!(out.status.success(), "install");
        }
        Base::Report => {
            for dir in ["src", "data", "theme"] {
                for (name, bytes) in common::files_under(&common::root().join(dir)) {
                    let path = book.join(dir).join(name);
                    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                    std::fs::write(path, bytes).unwrap();
                }
            }
            std::fs::copy(common::root().join("book.toml"), book.join("book.toml")).unwrap();
        }
    }
    s
}

fn write(book: &Path, path: &str, content: &str) {
    let file = book.join(path);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(file, content).unwrap();
}

fn read(book: &Path, path: &str) -> String {
    std::fs::read_to_string(book.join(path)).unwrap()
}

/// Replaces the first `from` of `path` with `to` (the probe is wrong if `from` is not there).
fn replace(book: &Path, path: &str, from: &str, to: &str) {
    let text = read(book, path);
    assert!(text.contains(from), "{path} has no {from:?}");
    write(book, path, &text.replacen(from, to, 1));
}

fn append(book: &Path, path: &str, text: &str) {
    let old = read(book, path);
    write(book, path, &format!("{old}\n{text}\n"));
}

/// A numbered chapter after the walkthrough's two.
fn entry(s: &Scratch, line: &str) {
    let last = "- [Cooperation](cooperation.md)";
    replace(&s.book(), SUMMARY, last, &format!("{last}\n{line}"));
}

fn symlink(book: &Path, path: &str, target: &Path) {
    let link = book.join(path);
    let _ = std::fs::remove_file(&link);
    std::os::unix::fs::symlink(target, link).unwrap();
}

/// One mistake: what it is, how to make it, where it must be reported, and how many messages
/// the build may print for it.
struct Probe {
    name: &'static str,
    base: Base,
    mistake: fn(&Scratch),
    /// The first message's `path:line:col` (or `path` for a whole file).
    at: &'static str,
    messages: usize,
}

const fn probe(
    name: &'static str,
    mistake: fn(&Scratch),
    at: &'static str,
    messages: usize,
) -> Probe {
    Probe {
        name,
        base: Base::Walkthrough,
        mistake,
        at,
        messages,
    }
}

const fn report(
    name: &'static str,
    mistake: fn(&Scratch),
    at: &'static str,
    messages: usize,
) -> Probe {
    Probe {
        base: Base::Report,
        ..probe(name, mistake, at, messages)
    }
}

const SUMMARY: &str = "src/SUMMARY.md";
const WATER: &str = "src/water.md";
const COOPERATION: &str = "src/cooperation.md";
const REGISTRY: &str = "data/organisations.yaml";

/// A second meeting, part of the first (`basin-forum`), in the walkthrough's front matter.
const CHILD: &str = "    mention: \"The Basin Forum met\"
  - id: basin-session
    title: Opening session
    date: \"2030-03-22\"
    parent: basin-forum
    mention: \"The Basin Forum met\"";

#[rustfmt::skip]
fn probes() -> Vec<Probe> {
    vec![
        // The book reaches outside itself.
        probe("SUMMARY entry leaving src/", |s| entry(s, "- [Outside](../../outside.md)"), "src/SUMMARY.md:5:3", 1),
        probe("SUMMARY entry with an absolute path", |s| entry(s, &format!("- [Outside]({})", s.outside().display())), "src/SUMMARY.md:5:3", 1),
        probe("SUMMARY entry for a missing chapter", |s| entry(s, "- [Ghost](ghost.md)"), "src/SUMMARY.md:5:3", 1),
        probe("chapter that is a symlink out of the book", |s| symlink(&s.book(), WATER, &s.outside()), "src/water.md", 1),
        probe("include of a file outside the book", |s| append(&s.book(), WATER, "{{#include ../../outside.md}}"), "src/water.md:12:1", 1),
        probe("include of an absolute path", |s| append(&s.book(), WATER, &format!("{{{{#include {}}}}}", s.outside().display())), "src/water.md:12:1", 1),
        probe("include of a symlink out of the book", |s| { symlink(&s.book(), "src/table.md", &s.outside()); append(&s.book(), WATER, "{{#include table.md}}") }, "src/water.md:12:1", 1),
        probe("nested include out of the book", |s| { write(&s.book(), "src/part.md", "Part.\n\n{{#include ../../outside.md}}\n"); append(&s.book(), WATER, "{{#include part.md}}") }, "src/part.md:3:1", 1),
        probe("rustdoc_include outside the book", |s| append(&s.book(), WATER, "{{#rustdoc_include ../../outside.md:1}}"), "src/water.md:12:1", 1),
        // Accepted silently before.
        probe("include of a missing file", |s| append(&s.book(), WATER, "{{#include missing.md}}"), "src/water.md:12:1", 1),
        probe("front matter after a blank line", |s| replace(&s.book(), COOPERATION, "---\nmeetings", "\n---\nmeetings"), "src/cooperation.md:2:1", 1),
        probe("javascript: link", |s| append(&s.book(), WATER, "See [here](javascript:alert(9))."), "src/water.md:12:5", 1),
        probe("VBScript: link in capitals", |s| append(&s.book(), WATER, "See [here](VBScript:msgbox(1))."), "src/water.md:12:5", 1),
        probe("data: image", |s| append(&s.book(), WATER, "![map](data:image/png;base64,iVBORw0KGgo=)"), "src/water.md:12:1", 1),
        probe("entity-encoded javascript: link", |s| append(&s.book(), WATER, "See [here](&#106;avascript:alert(9))."), "src/water.md:12:5", 1),
        probe("unknown front-matter key", |s| replace(&s.book(), COOPERATION, "meetings:", "agenda-iten: a\nmeetings:"), "src/cooperation.md:2:1", 1),
        probe("empty meeting title", |s| replace(&s.book(), COOPERATION, "title: Basin Forum", "title: \"\""), "src/cooperation.md:4:12", 1),
        probe("duplicate meeting id", |s| replace(&s.book(), COOPERATION, "    mention: \"The Basin Forum met\"", &CHILD.replace("basin-session", "basin-forum")), "src/cooperation.md:9:9", 1),
        probe("empty description", |s| replace(&s.book(), COOPERATION, "meetings:", "description: \"\"\nmeetings:"), "src/cooperation.md:2:14", 1),
        probe("unknown organiser", |s| replace(&s.book(), COOPERATION, "organisers: [wmo]", "organisers: [wmoo]"), "src/cooperation.md:7:18", 1),
        probe("org: link to an unknown id", |s| append(&s.book(), WATER, "Ask [the agency](org:whoo)."), "src/water.md:12:5", 1),
        probe("endnote cited, never defined", |s| append(&s.book(), WATER, "More.[^nowhere]"), "src/water.md:12:6", 1),
        // One mistake, one message.
        probe("chapter file SUMMARY does not list (checked before mdBook loads and again in the preprocessor)", |s| write(&s.book(), "src/draft.md", "# Draft\n"), "src/draft.md", 1),
        probe("empty registry", |s| write(&s.book(), REGISTRY, ""), "data/organisations.yaml", 1),
        probe("registry that is not YAML", |s| write(&s.book(), REGISTRY, "organisations: [\n"), "data/organisations.yaml:1:16", 1),
        probe("registry missing while a meeting names its organiser", |s| std::fs::remove_file(s.book().join(REGISTRY)).unwrap(), "src/cooperation.md:7:18", 1),
        probe("registry's top-level key misspelt", |s| replace(&s.book(), REGISTRY, "organisations:", "organisatons:"), "data/organisations.yaml:1:1", 1),
        probe("impossible date of a parent meeting", |s| { replace(&s.book(), COOPERATION, "    mention: \"The Basin Forum met\"", CHILD); replace(&s.book(), COOPERATION, "2030-03-22", "2030-02-30") }, "src/cooperation.md:5:11", 1),
        probe("misspelt key in the agenda's table", |s| replace(&s.book(), "book.toml", "items = [", "itemz = ["), "book.toml:18:1", 1),
        // Right place, plain words.
        probe("tab in front matter", |s| replace(&s.book(), COOPERATION, "    title: Basin Forum", "\ttitle: Basin Forum"), "src/cooperation.md:4:1", 1),
        probe("invalid UTF-8 in a chapter", |s| std::fs::write(s.book().join(WATER), b"# Water\n\nCaf\xe9 au lait.\n").unwrap(), "src/water.md:3:4", 1),
        probe("unquoted colon in a front-matter value", |s| replace(&s.book(), COOPERATION, "place: Dushanbe", "place: Dushanbe: Tajikistan"), "src/cooperation.md:6:", 1),
        probe("list where a value is expected", |s| replace(&s.book(), COOPERATION, "place: Dushanbe", "place: [Dushanbe"), "src/cooperation.md:", 1),
        probe("alias bomb in front matter", |s| replace(&s.book(), COOPERATION, "meetings:", &format!("same-source: {}\nmeetings:", common::alias_bomb())), "src/cooperation.md:", 1),
        probe("SUMMARY lists a chapter twice", |s| entry(s, "- [Water again](water.md)"), "src/SUMMARY.md:5:3", 1),
        probe("numbered chapter after the suffix chapters", |s| { write(&s.book(), "src/late.md", "# Late\n"); append(&s.book(), SUMMARY, "- [Late](late.md)") }, "src/SUMMARY.md:8:1", 1),
        probe("javascript: reference-style link", |s| append(&s.book(), WATER, "See [here][r].\n\n[r]: javascript:alert(9)"), "src/water.md:12:5", 1),
        probe("javascript: autolink", |s| append(&s.book(), WATER, "See <javascript:alert(9)>."), "src/water.md:12:5", 1),
        probe("javascript: in raw HTML", |s| append(&s.book(), WATER, "<p>See <a href=\"javascript:alert(9)\">here</a>.</p>"), "src/water.md:12:17", 1),
        probe("entity-encoded javascript: in an inline tag", |s| append(&s.book(), WATER, "See <a href=\"&#106;avascript:alert(9)\">here</a>."), "src/water.md:12:5", 1),
        probe("empty mention of a meeting", |s| replace(&s.book(), COOPERATION, "mention: \"The Basin Forum met\"", "mention: \"\""), "src/cooperation.md:8:14", 1),
        probe("empty agenda item", |s| replace(&s.book(), COOPERATION, "meetings:", "agenda-item: \"\"\nmeetings:"), "src/cooperation.md:2:14", 1),
        probe("same-source outside the endnotes chapter", |s| replace(&s.book(), COOPERATION, "meetings:", "same-source: [[mandate, forum]]\nmeetings:"), "src/cooperation.md:2:", 1),
        probe("same-source naming no note", |s| write(&s.book(), "src/notes.md", &format!("---\nsame-source: [[mandate, forun]]\n---\n{}", read(&s.book(), "src/notes.md"))), "src/notes.md:2:", 1),
        probe("broken front matter of the endnotes chapter", |s| write(&s.book(), "src/notes.md", &format!("---\nsame-source: [[mandate, forum]\n---\n{}", read(&s.book(), "src/notes.md"))), "src/notes.md:2:", 1),
        probe("endnote defined in a chapter, not in the endnotes chapter", |s| { replace(&s.book(), "src/notes.md", "[^forum]: Report of the Basin Forum, March 2030.", ""); append(&s.book(), COOPERATION, "[^forum]: Report of the Basin Forum, March 2030.") }, "src/cooperation.md:", 1),
        probe("endnotes chapter not the configured one", |s| replace(&s.book(), "book.toml", "chapter = \"notes.md\"", "chapter = \"endnotes.md\""), "src/notes.md:3:1", 1),
        // The real report, for the figures that need its size.
        report("report: impossible date of a parent meeting", |s| replace(&s.book(), "src/meetings.md", "date: \"2013-11-04\"", "date: \"2013-11-31\""), "src/meetings.md:5:11", 1),
        report("report: empty registry", |s| write(&s.book(), "data/agencies.yaml", "# none yet\n"), "data/agencies.yaml", 1),
        report("report: broken front matter in an agenda chapter", |s| replace(&s.book(), "src/protect-human-rights.md", "agenda-item: 1", "agenda-item: [1"), "src/protect-human-rights.md:", 1),
    ]
}

/// Every file of `dir` except those under `skip`, with its bytes (links read as links).
fn snapshot(dir: &Path, skip: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            if path.starts_with(skip) {
                continue;
            } else if meta.is_dir() {
                stack.push(path);
            } else if meta.file_type().is_symlink() {
                let target = std::fs::read_link(&path).unwrap();
                out.push((path, target.to_string_lossy().as_bytes().to_vec()));
            } else {
                out.push((path.clone(), std::fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// True when the text of the file outside the book is in the output.
fn published(s: &Scratch) -> bool {
    s.out().exists()
        && common::files_under(&s.out())
            .iter()
            .any(|(_, bytes)| String::from_utf8_lossy(bytes).contains("OUTSIDE-THE-BOOK"))
}

/// The diagnostics of a build's output: `path[:line[:col]]: error|warning: …` lines.
fn diagnostics(stderr: &str) -> Vec<&str> {
    let line = regex::Regex::new(r"^\S+?(:\d+(:\d+)?)?: (error|warning): ").unwrap();
    stderr.lines().filter(|l| line.is_match(l)).collect()
}

/// `mdbook-report build` of the scratch book into its output folder.
fn build(s: &Scratch) -> std::process::Output {
    Command::new(BIN)
        .args(["build", "--book"])
        .arg(s.book())
        .arg("--dest")
        .arg(s.out())
        .output()
        .unwrap()
}

/// Runs one probe; `Err` says what went wrong. Returns the number of messages.
fn run(p: &Probe) -> Result<usize, String> {
    let s = scratch(p.base);
    (p.mistake)(&s);
    let before = snapshot(s.dir.path(), &s.out());
    let out = build(&s);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let found = diagnostics(&stderr);
    let mut problems = Vec::new();
    if out.status.success() {
        problems.push("the build succeeded".to_string());
    }
    if found.len() != p.messages {
        problems.push(format!("{} messages, expected {}", found.len(), p.messages));
    }
    if !found.first().is_some_and(|d| d.starts_with(p.at)) {
        problems.push(format!("not located at {}", p.at));
    }
    for word in [
        "while scanning",
        "expected sequence",
        "budget",
        "os error",
        "Some(",
        "stream did not",
    ] {
        if stderr.contains(word) {
            problems.push(format!("the parser's words `{word}`"));
        }
    }
    if snapshot(s.dir.path(), &s.out()) != before {
        problems.push("a file outside the output folder changed".into());
    }
    if published(&s) {
        problems.push("the file outside the book was published".into());
    }
    eprintln!("{}: {}", p.name, found.first().unwrap_or(&"(no message)"));
    if problems.is_empty() {
        Ok(found.len())
    } else {
        Err(format!("{}: {}\n{stderr}", p.name, problems.join("; ")))
    }
}

#[test]
fn every_mistake_fails_the_build_with_one_located_message_and_touches_nothing() {
    let probes = probes();
    let mut counts = Vec::new();
    let mut failures = Vec::new();
    for p in &probes {
        match run(p) {
            Ok(n) => counts.push(n),
            Err(e) => failures.push(e),
        }
    }
    let largest = counts.iter().max().copied().unwrap_or(0);
    let mean = counts.iter().sum::<usize>() as f64 / counts.len().max(1) as f64;
    eprintln!(
        "probes: {} mistakes tried, {} handled; messages per mistake: largest {largest}, mean {mean:.2}",
        probes.len(),
        counts.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The mistakes that reach outside the book, under `mdbook build` (mdBook reads the chapters
/// before the preprocessor runs, see README.md): the build fails, nothing outside the output
/// folder changes and nothing from outside the book is published. The messages are partly
/// mdBook's own, so they are not counted.
#[test]
fn under_mdbook_build_nothing_from_outside_the_book_is_published() {
    let version = Command::new("mdbook").arg("--version").output();
    if !version.is_ok_and(|v| String::from_utf8_lossy(&v.stdout).contains("v0.5.4")) {
        eprintln!("SKIPPED: mdbook 0.5.4 is not installed; .ci/run installs it");
        return;
    }
    let outside = [
        "SUMMARY entry leaving src/",
        "SUMMARY entry for a missing chapter",
        "chapter that is a symlink out of the book",
        "include of a file outside the book",
        "nested include out of the book",
    ];
    let mut failures = Vec::new();
    for p in probes().iter().filter(|p| outside.contains(&p.name)) {
        let s = scratch(p.base);
        (p.mistake)(&s);
        let before = snapshot(s.dir.path(), &s.out());
        let out = Command::new("mdbook")
            .arg("build")
            .arg("--dest-dir")
            .arg(s.out())
            .current_dir(s.book())
            .env("PATH", common::path_with_binaries())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        if out.status.success() {
            failures.push(format!("{}: the build succeeded\n{stderr}", p.name));
        }
        if snapshot(s.dir.path(), &s.out()) != before || published(&s) {
            failures.push(format!("{}: files changed or published\n{stderr}", p.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_unchanged_walkthrough_book_builds_without_a_message() {
    let s = scratch(Base::Walkthrough);
    let out = build(&s);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(diagnostics(&stderr), Vec::<&str>::new());
}
