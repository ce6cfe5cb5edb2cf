//! Markdown that renders as meant, in every `.md` of the repository: the README and the user
//! guide, ARCHITECTURE.md and BENCHMARKS.md, the report's chapters and the fixtures' books
//! (everything outside build output, `target/` and `node_modules/`). Each file is read with
//! mdBook's own parser (`mdbook_markdown`: pulldown-cmark with mdBook's options, whose blocks are
//! GitHub's too), and what the parser says a block is must be what the writer meant:
//!
//! - a fenced code block closes before the end of the file (an open fence turns the rest of the
//!   file into code);
//! - no line inside a fenced block opens another (```` ```toml ```` inside a ```` ```yaml ````
//!   block: an info string cannot close a fence, so the first block runs on over the second's
//!   text; nesting needs a longer outer fence);
//! - no heading-looking line inside a fenced block of another language than Markdown: prose
//!   pasted into a code block (in languages whose comments start with `#`, a `##` or deeper);
//! - no indented code block: this repository writes code fenced, so an indented one is a
//!   paragraph or a stranded part of an example that renders as code;
//! - no paragraph of table rows: rows after a blank line, or without the delimiter row under
//!   the header, are text, not a table.
//!
//! The documents a reader follows (the README, the user guide in `docs/src/`, ARCHITECTURE.md)
//! also name only what exists: every relative link's file, and every repository path written in
//! code (`tests/testsuite/readme.rs`), so a file that moves cannot leave them pointing at nothing.
//!
//! A chapter's front matter (between `---` lines at its start) is the plugin set's, not
//! Markdown: it is left out as the preprocessor leaves it out. A file that breaks a rule on
//! purpose would be listed in [`DELIBERATELY_BROKEN`] with why; none does.

use crate::common;
use mdbook_markdown::MarkdownOptions;
use mdbook_markdown::pulldown_cmark::{CodeBlockKind, Event, Tag};
use std::collections::BTreeSet;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Files that break a rule on purpose, with the reason (paths from the repository's root).
const DELIBERATELY_BROKEN: &[(&str, &str)] = &[];

/// Folders that hold no source: build output, installed packages, tools' records.
const NOT_SOURCES: &[&str] = &[
    ".git",
    "target",
    "node_modules",
    "mutants.out",
    "ci-artifacts",
];

/// Languages whose comments start with `#`, and Rust, whose `# ` lines mdBook hides (rustdoc's
/// convention): a `# …` line in them is code.
const HASH_COMMENTS: &[&str] = &[
    "yaml", "yml", "toml", "sh", "bash", "shell", "console", "python", "py", "ruby", "make",
    "rust", "rs",
];

/// One place where the Markdown does not render as meant.
#[derive(Debug, PartialEq, Eq)]
struct Problem {
    /// Byte offset in the file.
    at: usize,
    message: String,
}

/// Every `.md` of the repository, sorted, as paths from its root.
fn markdown_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("readable directory") {
            let path = entry.expect("directory entry").path();
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            if path.is_dir() {
                // A book's build output (`book/` beside its `book.toml`) is mdBook's.
                let build_output = name == "book" && dir.join("book.toml").is_file();
                if !NOT_SOURCES.contains(&name) && !build_output {
                    stack.push(path);
                }
            } else if name.ends_with(".md") {
                files.push(path.strip_prefix(root).expect("under root").to_path_buf());
            }
        }
    }
    files.sort();
    files
}

/// Where the Markdown starts: after a front matter block that opens on the first line.
fn body_start(text: &str) -> usize {
    let Some(rest) = text.strip_prefix("---\n") else {
        return 0;
    };
    let mut offset = 4;
    for line in rest.split_inclusive('\n') {
        offset += line.len();
        if line.trim_end() == "---" {
            return offset;
        }
    }
    0
}

/// The problems of one file's text.
fn problems(text: &str) -> Vec<Problem> {
    let start = body_start(text);
    let body = &text[start..];
    let mut out = Vec::new();
    let parser = mdbook_markdown::new_cmark_parser(body, &MarkdownOptions::default());
    for (event, range) in parser.into_offset_iter() {
        let at = start + range.start;
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                out.extend(fenced_block(body, range, &info).into_iter().map(
                    |Problem { at, message }| Problem {
                        at: start + at,
                        message,
                    },
                ));
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)) => out.push(Problem {
                at,
                message: "an indented code block: an indented paragraph, or a part of an \
                          example left outside its fence, renders as code; fence it (```) or \
                          unindent it"
                    .into(),
            }),
            Event::Start(Tag::Paragraph) if is_table_rows(&body[range.clone()]) => {
                out.push(Problem {
                    at,
                    message: "table rows that are not a table: a table needs its delimiter row \
                              (`|---|`) under the header and no blank line between its rows"
                        .into(),
                })
            }
            _ => {}
        }
    }
    out
}

/// A line with the container markers before it (`>` of block quotes, list indentation) left out.
fn content(line: &str) -> &str {
    line.trim_start_matches(|c: char| c == '>' || c.is_whitespace())
}

/// The fence a line opens or closes (its character and length) and what follows it.
fn fence(line: &str) -> Option<(char, usize, &str)> {
    let line = content(line);
    let c = line.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let len = line.len() - line.trim_start_matches(c).len();
    (len >= 3).then(|| (c, len, line[len..].trim()))
}

/// The problems of one fenced code block, `range` its source (fences included).
fn fenced_block(text: &str, range: Range<usize>, info: &str) -> Vec<Problem> {
    let source = &text[range.clone()];
    let mut lines = source.split_inclusive('\n');
    let Some((c, len, _)) = lines.next().and_then(fence) else {
        return Vec::new();
    };
    let language = info
        .split(|c: char| c.is_whitespace() || c == ',' || c == '{')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    // Markdown, and the templates that write Markdown (the plugin set's organisation pages).
    let markdown = matches!(language.as_str(), "markdown" | "md" | "handlebars" | "hbs");
    let least_hashes = if HASH_COMMENTS.contains(&language.as_str()) {
        2
    } else {
        1
    };
    let mut out = Vec::new();
    let mut offset = range.start + source.lines().next().map_or(0, |l| l.len() + 1);
    let mut closed = false;
    for line in lines {
        let at = offset;
        offset += line.len();
        match fence(line) {
            Some((d, n, rest)) if d == c && n >= len && rest.is_empty() => closed = true,
            Some((d, n, _)) if d == c && n >= len => out.push(Problem {
                at,
                message: format!(
                    "`{}` opens a block inside the {} block above: an info string cannot \
                     close a fence, so that block runs on; close it first (or fence the outer \
                     block with {} or more)",
                    content(line).trim_end(),
                    describe(&language),
                    String::from(c).repeat(len + 1),
                ),
            }),
            _ if !markdown && is_heading(content(line), least_hashes) => out.push(Problem {
                at,
                message: format!(
                    "`{}` looks like a heading but is inside the {} block above: prose pasted \
                     into a code block, or a fence closed too late",
                    content(line).trim_end(),
                    describe(&language),
                ),
            }),
            _ => {}
        }
    }
    if !closed {
        out.push(Problem {
            at: range.start,
            message: format!(
                "this {} block is never closed: the rest of the file renders as code; close it \
                 with {}",
                describe(&language),
                String::from(c).repeat(len)
            ),
        });
    }
    out
}

/// How a message names a block.
fn describe(language: &str) -> String {
    if language.is_empty() {
        "code".into()
    } else {
        format!("`{language}`")
    }
}

/// An ATX heading of at least `least` `#`s, as CommonMark reads one: up to six, then a space.
fn is_heading(line: &str, least: usize) -> bool {
    let hashes = line.len() - line.trim_start_matches('#').len();
    (least..=6).contains(&hashes) && line[hashes..].starts_with(' ')
}

/// Whether a paragraph is all table rows (every line starts and ends with `|`).
fn is_table_rows(paragraph: &str) -> bool {
    let mut lines = paragraph.lines().map(|l| content(l).trim_end());
    lines.clone().next().is_some()
        && lines.all(|l| l.len() > 1 && l.starts_with('|') && l.ends_with('|'))
}

/// `path:line:col: message`, columns in characters.
fn located(path: &Path, text: &str, problem: &Problem) -> String {
    let before = &text[..problem.at];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .unwrap_or_default()
        .chars()
        .count()
        + 1;
    format!("{}:{line}:{col}: {}", path.display(), problem.message)
}

#[test]
fn every_markdown_file_of_the_repository_renders_as_meant() {
    let root = common::root();
    let files = markdown_files(root);
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    for expected in [
        "README.md",
        "docs/src/SUMMARY.md",
        "docs/src/diagnostics.md",
        "src/SUMMARY.md",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} not checked: {names:?}"
        );
    }
    for (path, reason) in DELIBERATELY_BROKEN {
        assert!(
            names.iter().any(|n| n == path),
            "{path} ({reason}) is gone: unlist it"
        );
    }
    let mut found = Vec::new();
    for file in &files {
        if DELIBERATELY_BROKEN
            .iter()
            .any(|(p, _)| Path::new(p) == file)
        {
            continue;
        }
        let text = std::fs::read_to_string(root.join(file)).expect("UTF-8 text");
        found.extend(problems(&text).iter().map(|p| located(file, &text, p)));
    }
    assert!(
        found.is_empty(),
        "{} problems in {} files:\n{}",
        found.len(),
        files.len(),
        found.join("\n")
    );
}

/// Each rule on a small text, with the exact message, and what it must not take for a mistake.
#[test]
fn the_checks_find_what_renders_otherwise_and_nothing_else() {
    let report = |text: &str| -> Vec<String> {
        problems(text)
            .iter()
            .map(|p| located(Path::new("a.md"), text, p))
            .collect()
    };
    // The README's old mistake: a section pasted inside the registry's example.
    let pasted = "# Org\n\n```yaml\nkinds: []   # optional\n### Documents\n\nText.\n\n```toml\nx = 1\n```\n\nAfter.\n";
    assert_eq!(
        report(pasted),
        [
            "a.md:5:1: `### Documents` looks like a heading but is inside the `yaml` block above: prose pasted into a code block, or a fence closed too late",
            "a.md:9:1: ````toml` opens a block inside the `yaml` block above: an info string cannot close a fence, so that block runs on; close it first (or fence the outer block with ```` or more)",
        ]
    );
    assert_eq!(
        report("Text.\n\n~~~\ncode\n"),
        [
            "a.md:3:1: this code block is never closed: the rest of the file renders as code; close it with ~~~"
        ]
    );
    assert_eq!(
        report("Text.\n\n    indented\n"),
        [
            "a.md:3:5: an indented code block: an indented paragraph, or a part of an example left outside its fence, renders as code; fence it (```) or unindent it"
        ]
    );
    assert_eq!(
        report("| a | b |\n|---|---|\n| 1 | 2 |\n\n| 3 | 4 |\n"),
        [
            "a.md:5:1: table rows that are not a table: a table needs its delimiter row (`|---|`) under the header and no blank line between its rows"
        ]
    );
    assert_eq!(
        report("```text\n# Title\n```\n"),
        [
            "a.md:2:1: `# Title` looks like a heading but is inside the `text` block above: prose pasted into a code block, or a fence closed too late"
        ]
    );
    // Not mistakes: comments, Markdown examples (headings and shorter fences in a longer fence),
    // a fence closed at the file's end, a fence in a list or a quote, front matter, `#[attr]`.
    let fine = [
        "```toml\n# a comment\n[a]\n```",
        "```sh\n# a comment\nls\n```\n",
        "````markdown\n# Summary\n\n```rust\nfn f() {}\n```\n````\n",
        "- item\n\n  ```sh\n  ls\n  ```\n\n> ```text\n> x\n> ```\n",
        "---\nmeetings:\n    - id: x\n---\n\n# Title\n",
        "```rust\n#[derive(Debug)]\nstruct A;\n# fn hidden() {}\n```\n",
        "Text | with | pipes.\n\n| a |\n|---|\n| 1 |\n",
    ];
    for text in fine {
        assert_eq!(report(text), Vec::<String>::new(), "{text}");
    }
}

/// The top folders of the repository whose paths the documents write in code.
const REPOSITORY_FOLDERS: &[&str] = &[
    "docs/",
    "tests/",
    "preprocessors/",
    "benches/",
    ".ci/",
    ".github/",
    ".cargo/",
];

/// What a document names in the repository: relative link destinations (from the document's
/// folder) and paths in code spans (from the root), each with its offset, as paths from the root.
fn named_paths(file: &Path, text: &str) -> Vec<(usize, String)> {
    let folder = file.parent().unwrap_or(Path::new(""));
    let mut out = Vec::new();
    let parser = mdbook_markdown::new_cmark_parser(text, &MarkdownOptions::default());
    for (event, range) in parser.into_offset_iter() {
        match event {
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                let dest = dest_url.split(['#', '?']).next().unwrap_or_default();
                let external = dest.contains(':') || dest.starts_with("//");
                if !dest.is_empty() && !external {
                    out.push((range.start, folder.join(dest).display().to_string()));
                }
            }
            Event::Code(code) => {
                // A path, not a pattern or a placeholder (`tests/proptest-regressions/<module>.txt`).
                let path = code.split(':').next().unwrap_or_default();
                let literal = !path.contains(['<', '*', '{', '…', ' ']);
                if literal && REPOSITORY_FOLDERS.iter().any(|f| path.starts_with(f)) {
                    out.push((range.start, path.to_owned()));
                }
            }
            _ => {}
        }
    }
    out
}

#[test]
fn the_documents_name_only_paths_that_exist() {
    let root = common::root();
    let followed = markdown_files(root).into_iter().filter(|f| {
        f.starts_with("docs/src")
            || f == Path::new("README.md")
            || f == Path::new("ARCHITECTURE.md")
    });
    let mut missing = BTreeSet::new();
    let mut checked = 0;
    for file in followed {
        let text = std::fs::read_to_string(root.join(&file)).expect("UTF-8 text");
        for (at, path) in named_paths(&file, &text) {
            checked += 1;
            if !root.join(&path).exists() {
                let problem = Problem {
                    at,
                    message: format!("`{path}` does not exist"),
                };
                missing.insert(located(&file, &text, &problem));
            }
        }
    }
    assert!(checked > 50, "{checked} paths");
    assert!(
        missing.is_empty(),
        "{}",
        missing.into_iter().collect::<Vec<_>>().join("\n")
    );
    // A moved file is found: the catalogue's old place, in code and as a link.
    let old = "See `docs/diagnostics.md` and [the guide](docs/src/nothing.md).";
    let named = named_paths(Path::new("README.md"), old);
    assert_eq!(
        named,
        [
            (4, "docs/diagnostics.md".into()),
            (30, "docs/src/nothing.md".into())
        ]
    );
    assert!(named.iter().all(|(_, p)| !root.join(p).exists()));
}
