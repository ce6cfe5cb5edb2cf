//! Mistakes generated from the configuration's schema, not listed: every key of
//! `[preprocessor.report]` (read from the types by `config::schema`, so a new key is
//! covered without a line here) gets a value of the wrong kind, an empty value and an
//! out-of-range value as its kind allows; every path key gets `..`, an absolute path and a path
//! through a symbolic link out of the book. Each is written into a tiny book, which is checked
//! in-process as the preprocessor checks it; each must give exactly one message, located at the
//! key's line in book.toml, in plain words (or none, for the empty values a key accepts). The
//! path mistakes are also built in full, into a folder inside a scratch folder, which must hold
//! nothing new outside the output, and nothing from outside the book may be published.

use crate::common;

use mdbook_preprocessor::book::{Book, BookItem, Chapter, SectionNumber};
use mdbook_report::Diagnostics;
use mdbook_report::config::keys::{self as paths, Kind, NUMBERING, OR_NONE};
use mdbook_report::config::{self, Config};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// Text of the files outside the book that path mistakes point at.
const OUTSIDE: &str = "OUTSIDE-THE-BOOK";

/// Words of serde and Rust that must never reach an editor.
const RUST_WORDS: &[&str] = &[
    "invalid type",
    "invalid value",
    "usize",
    "u64",
    "variant",
    "expected a string",
    "Option<",
    "deserializ",
    "unknown field",
    "struct ",
    "sequence",
];

/// The tiny book's files: one chapter naming the registry's one organisation.
const FILES: &[(&str, &str)] = &[
    ("src/SUMMARY.md", "# Summary\n\n- [Water](water.md)\n"),
    ("src/water.md", "# Water\n\nThe United Nations met.\n"),
    (
        "data/organisations.yaml",
        "organisations:\n  - {id: un, name: United Nations, acronym: UN}\n",
    ),
];

/// The tiny book's book.toml before the probe's table (8 lines).
const BOOK_TOML: &str = "[book]\ntitle = \"Tiny\"\n\n[output.html.search]\nenable = false\n\n[output.report-postbuild]\n\n";

/// One generated mistake: the key (dotted, below `[preprocessor.report]`), the TOML value, what
/// the mistake is, and how many messages it must give (0 or 1).
#[derive(Debug, Clone)]
struct Mistake {
    key: Vec<&'static str>,
    value: String,
    what: &'static str,
    messages: usize,
    /// A path mistake: built in full too.
    path: bool,
}

/// A scratch folder: `<tmp>/a/book` (the book), `<tmp>/a/out` (the output), `<tmp>/a/outside/`
/// (files outside the book, `x.md`, `x.yaml`, `x.css`, `organisation.hbs`), and in the book a
/// link `link-out` (and `src/link-out`) to that folder.
struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    fn new(book_toml: &str) -> Scratch {
        let s = Scratch {
            dir: tempfile::tempdir().unwrap(),
        };
        let book = s.book();
        for (path, text) in FILES {
            write(&book.join(path), text);
        }
        write(&book.join("book.toml"), book_toml);
        let outside = s.outside();
        for name in ["x.md", "x.yaml", "x.css", "organisation.hbs"] {
            write(&outside.join(name), &format!("{OUTSIDE}\n"));
        }
        std::os::unix::fs::symlink(&outside, book.join("link-out")).unwrap();
        std::os::unix::fs::symlink(&outside, book.join("src/link-out")).unwrap();
        s
    }
    fn book(&self) -> PathBuf {
        self.dir.path().join("a/book")
    }
    fn out(&self) -> PathBuf {
        self.dir.path().join("a/out")
    }
    fn outside(&self) -> PathBuf {
        self.dir.path().join("a/outside")
    }
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Every leaf key of `kind` with its kind, as dotted keys below `[preprocessor.report]`; mdBook's
/// own keys (any value) are mdBook's.
fn keys(kind: &Kind, prefix: &mut Vec<&'static str>, out: &mut Vec<(Vec<&'static str>, Kind)>) {
    if let Kind::Table(fields) = kind.plain() {
        for f in fields {
            prefix.push(f.key);
            match f.kind.plain() {
                Kind::Table(_) => {
                    // The table itself, written as a value of another kind.
                    out.push((prefix.clone(), f.kind.clone()));
                    keys(&f.kind, prefix, out);
                }
                Kind::Any => {}
                _ => out.push((prefix.clone(), f.kind.clone())),
            }
            prefix.pop();
        }
    }
}

/// The mistakes a key of `kind` can be given.
fn mistakes(key: &[&'static str], kind: &Kind) -> Vec<Mistake> {
    let or_none = kind.has(OR_NONE);
    let mistake = |value: &str, what: &'static str, messages: usize| Mistake {
        key: key.to_vec(),
        value: value.to_string(),
        what,
        messages,
        path: false,
    };
    let path = |value: String, what: &'static str| Mistake {
        value,
        path: true,
        ..mistake("", what, 1)
    };
    if kind.has(paths::IN_BOOK) || kind.has(paths::IN_SRC) {
        return vec![
            mistake("1", "wrong type", 1),
            mistake("\"\"", "empty", 1),
            path("\"../../outside/x.md\"".into(), "`..`"),
            path("\"/tmp/outside/x.md\"".into(), "absolute"),
            path("\"link-out/x.md\"".into(), "symbolic link"),
        ];
    }
    if kind.has(paths::REPOSITORY) {
        return vec![
            mistake("1", "wrong type", 1),
            mistake("\"/tmp\"", "absolute", 1),
            mistake("\"sub\"", "not above the book", 1),
        ];
    }
    if kind.has(NUMBERING) {
        return vec![
            mistake("1", "wrong type", 1),
            mistake("\"\"", "empty", 1),
            mistake("\"x\"", "out of range", 1),
        ];
    }
    match kind.plain() {
        Kind::Bool => vec![mistake("\"yes\"", "wrong type", 1)],
        Kind::Text => vec![
            mistake("1", "wrong type", 1),
            mistake("\"\"", "empty", usize::from(!or_none)),
        ],
        Kind::Count => vec![
            mistake("\"ten\"", "wrong type", 1),
            mistake("-1", "out of range", 1),
            mistake("0", "zero", usize::from(!or_none)),
        ],
        Kind::Choice(_) => vec![
            mistake("1", "wrong type", 1),
            mistake("\"nope\"", "out of range", 1),
        ],
        Kind::List(item) if matches!(item.plain(), Kind::Table(_)) => vec![
            mistake("\"x\"", "wrong type", 1),
            mistake("[{}]", "an entry without its keys", 1),
        ],
        Kind::List(_) => vec![
            mistake("\"x\"", "wrong type", 1),
            mistake("[1]", "entry of the wrong type", 1),
            mistake("[\"\"]", "empty entry", 1),
            mistake("[]", "empty", usize::from(!or_none)),
        ],
        Kind::Table(_) => vec![mistake("1", "wrong type", 1)],
        _ => vec![],
    }
}

/// The book.toml of a mistake and the line its key is on.
fn book_toml(m: &Mistake) -> (String, usize) {
    let (key, table) = m.key.split_last().unwrap();
    let mut header = String::from("preprocessor.report");
    for t in table {
        header.push('.');
        header.push_str(t);
    }
    let toml = format!("{BOOK_TOML}[{header}]\n{key} = {}\n", m.value);
    (toml, BOOK_TOML.lines().count() + 2)
}

/// Checks the book as the preprocessor does, in-process: configuration, theme, sources, and
/// with `pipeline` the features. The reports, rendered.
fn check(s: &Scratch, toml: &str, pipeline: bool) -> Vec<String> {
    let root = s.book();
    let mdbook = mdbook_preprocessor::config::Config::from_str(toml).expect("valid TOML");
    let mut diags = Diagnostics::new();
    let cfg = Config::from_book(&root, &mdbook, &mut diags);
    let mut book = Book::new();
    let mut ch = Chapter::new("Water", FILES[1].1.to_string(), "water.md", vec![]);
    ch.number = Some(SectionNumber::new(vec![1]));
    book.items.push(BookItem::Chapter(ch));
    mdbook_report::preprocessor::check(&root, &mdbook, &cfg, &mut book, &mut diags);
    if !pipeline {
        diags.sort();
        return diags.iter().map(|d| d.to_string()).collect();
    }
    let book =
        mdbook_report::preprocessor::transform(book, &cfg, &root, Path::new("src"), &mut diags);
    // Nothing the pipeline hands mdBook may be written outside the output, or carry outside
    // text.
    for ch in book.chapters() {
        let inside = ch.path.as_deref().is_none_or(|p| {
            p.is_relative() && !p.components().any(|c| c == std::path::Component::ParentDir)
        });
        let clean = !ch.content.contains(OUTSIDE);
        if !(inside && clean) {
            return vec![format!("the chapter {:?} leaves the book", ch.path)];
        }
    }
    diags.sort();
    diags.iter().map(|d| d.to_string()).collect()
}

/// Every file under `dir` except under `skip`, links as links.
fn snapshot(dir: &Path, skip: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            if path.starts_with(skip) {
                continue;
            }
            if meta.is_dir() {
                stack.push(path.clone());
            }
            out.push(path);
        }
    }
    out.sort();
    out
}

/// What is wrong with the outcome of mistake `m`, if anything.
fn run(m: &Mistake) -> Option<String> {
    let (toml, line) = book_toml(m);
    let s = Scratch::new(&toml);
    let toml = toml.replace("/tmp/outside", &s.outside().display().to_string());
    write(&s.book().join("book.toml"), &toml);
    // The pipeline (200 ms a run in a debug build) runs where a value is kept: an accepted
    // one, a top-level key's default; a feature table's mistake switches the feature off.
    let kept = m.messages == 0 || m.key.len() == 1 || m.path;
    let reports = check(&s, &toml, kept);
    let name = format!("{} = {} ({})", m.key.join("."), m.value, m.what);
    let messages = reports.iter().filter(|r| !r.contains(" note: ")).count();
    if messages != m.messages {
        return Some(format!(
            "{name}: {messages} messages, expected {}:\n{}",
            m.messages,
            reports.join("\n")
        ));
    }
    if let Some(first) = reports.first() {
        if !first.starts_with(&format!("book.toml:{line}:")) {
            return Some(format!("{name}: not at book.toml:{line}:\n{first}"));
        }
        if let Some(word) = RUST_WORDS.iter().find(|w| first.contains(*w)) {
            return Some(format!("{name}: the words `{word}`:\n{first}"));
        }
        if !first.contains("\n  = hint: ") {
            return Some(format!("{name}: no hint:\n{first}"));
        }
    }
    if m.path {
        let before = snapshot(s.dir.path(), &s.out());
        let options = mdbook_report::build::Options {
            deny_warnings: Some(false),
            dest: Some(s.out()),
            site_url: None,
        };
        if mdbook_report::build::build(&s.book(), &options).is_ok() {
            return Some(format!("{name}: the build passed"));
        }
        if snapshot(s.dir.path(), &s.out()) != before {
            return Some(format!("{name}: a file outside the output was written"));
        }
        let published = s.out().exists()
            && common::files_under(&s.out())
                .iter()
                .any(|(_, bytes)| String::from_utf8_lossy(bytes).contains(OUTSIDE));
        if published {
            return Some(format!("{name}: text from outside the book was published"));
        }
    }
    None
}

/// The schema's keys, with their mistakes.
fn generated() -> Vec<Mistake> {
    let mut all = Vec::new();
    keys(config::schema(), &mut Vec::new(), &mut all);
    all.iter().flat_map(|(k, kind)| mistakes(k, kind)).collect()
}

#[test]
fn every_generated_mistake_of_the_configuration_is_one_located_plain_message() {
    // The tiny book itself is clean.
    let s = Scratch::new(BOOK_TOML);
    assert_eq!(check(&s, BOOK_TOML, true), Vec::<String>::new());
    let mistakes = generated();
    let failures: Vec<String> = std::thread::scope(|scope| {
        let half = mistakes.len() / 2;
        let (a, b) = mistakes.split_at(half);
        let workers: Vec<_> = [a, b]
            .into_iter()
            .map(|part| scope.spawn(move || part.iter().filter_map(run).collect::<Vec<_>>()))
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap())
            .collect()
    });
    let keys: std::collections::BTreeSet<String> =
        mistakes.iter().map(|m| m.key.join(".")).collect();
    eprintln!(
        "generated probes: {} mistakes over {} keys ({} path mistakes built in full)",
        mistakes.len(),
        keys.len(),
        mistakes.iter().filter(|m| m.path).count()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The generator covers what the schema says: every key of every table, the path keys with
/// three escapes each. (A key added to a configuration struct adds its mistakes here.)
#[test]
fn the_generator_covers_every_key_of_the_schema() {
    let mistakes = generated();
    let keys: std::collections::BTreeSet<String> =
        mistakes.iter().map(|m| m.key.join(".")).collect();
    for key in [
        "deny-warnings",
        "document",
        "templates",
        "repository",
        "endnotes.labels",
        "organisations.dir",
        "organisations.registry",
        "network.max-nodes",
        "documents.series",
        "pictures.heat-map",
        "timeline",
    ] {
        assert!(keys.contains(key), "{key} is not probed");
    }
    let path_keys: std::collections::BTreeSet<String> = mistakes
        .iter()
        .filter(|m| m.path)
        .map(|m| m.key.join("."))
        .collect();
    assert_eq!(
        path_keys.into_iter().collect::<Vec<_>>(),
        [
            "agenda.page",
            "data.page",
            "documents.page",
            "endnotes.chapter",
            "network.page",
            "organisations.dir",
            "organisations.registry",
            "templates",
            "timeline.page",
        ]
    );
}

/// mdBook's own path keys: each entry of `additional-css` and `additional-js`, `theme` and
/// `src`, with `..`, an absolute path and a symbolic link.
#[test]
fn mdbooks_path_keys_stay_inside_the_book() {
    let mut failures = Vec::new();
    for (table, key, list) in [
        ("output.html", "additional-css", true),
        ("output.html", "additional-js", true),
        ("output.html", "theme", false),
        ("book", "src", false),
    ] {
        for (value, what) in [
            ("../outside/x.css", "`..`"),
            ("/tmp/outside/x.css", "absolute"),
            ("link-out/x.css", "symbolic link"),
        ] {
            let s = Scratch::new("");
            let value = value.replace("/tmp/outside", &s.outside().display().to_string());
            let written = if list {
                format!("[\"{value}\"]")
            } else {
                format!("\"{value}\"")
            };
            let toml = if table == "book" {
                format!(
                    "[book]\ntitle = \"Tiny\"\n{key} = {written}\n\n[output.html.search]\nenable = false\n\n[output.report-postbuild]\n"
                )
            } else {
                format!("{BOOK_TOML}[{table}]\n{key} = {written}\n")
            };
            let line = if table == "book" { 3 } else { 10 };
            write(&s.book().join("book.toml"), &toml);
            let mdbook = mdbook_preprocessor::config::Config::from_str(&toml).unwrap();
            let mut diags = Diagnostics::new();
            mdbook_report::install::check_theme(&s.book(), &mdbook, &mut diags);
            let reports: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
            let located = reports.first().is_some_and(|r| {
                r.starts_with(&format!("book.toml:{line}:")) && r.contains("[config-path]")
            });
            if reports.len() != 1 || !located {
                failures.push(format!(
                    "{key} = {written} ({what}):\n{}",
                    reports.join("\n")
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// A value from the command line is the command line's mistake, and one from mdBook's
/// environment overrides the variable's: each one message, located there, not in book.toml.
#[test]
fn a_value_from_the_command_line_or_the_environment_is_blamed_there() {
    let s = Scratch::new(BOOK_TOML);
    let build = |args: &[&str], env: Option<(&str, &str)>| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_mdbook-report"));
        cmd.args(["build", "--no-check", "--allow-warnings", "--book"])
            .arg(s.book())
            .arg("--dest")
            .arg(s.out())
            .args(args);
        if let Some((k, v)) = env {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        let reports: Vec<String> = stderr
            .lines()
            .filter(|l| l.contains(": error: ") || l.contains(": warning: "))
            .map(String::from)
            .collect();
        (out.status.success(), reports, stderr)
    };
    let (ok, reports, stderr) = build(&["--site-url", "example.org/report"], None);
    assert!(!ok, "{stderr}");
    assert_eq!(
        reports,
        [
            "--site-url: error: `--site-url` is `example.org/report`, not an absolute address [config-site-url]"
        ],
        "{stderr}"
    );
    // (`deny-warnings` itself is the build command's to set: `--allow-warnings`.)
    let variable = "MDBOOK_PREPROCESSOR__REPORT__PICTURES__HEAT_MAP";
    let (ok, reports, stderr) = build(&[], Some((variable, "yes")));
    assert!(!ok, "{stderr}");
    assert_eq!(
        reports,
        [format!(
            "{variable}: error: `heat-map` under `[preprocessor.report.pictures]` is the text \"yes\", not `true` or `false` [config-value]"
        )],
        "{stderr}"
    );
}
