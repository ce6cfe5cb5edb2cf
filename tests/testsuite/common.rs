//! Shared helpers for the end-to-end tests: build the real book once per test binary, in-process
//! through mdbook-driver, and read its HTML.
#![allow(dead_code)] // the browser and CLI targets use a subset

use mdbook_report::build;
use scraper::{ElementRef, Html, Node, Selector};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The repository root (the book root).
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The address the test builds give the site (the published one is the workflow's).
pub const SITE_URL: &str = "https://example.org/gmg-report/";

/// The HTML directory of the real book, built once (strict: warnings fail the build).
pub fn site() -> &'static Path {
    static SITE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &SITE
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("temp dir");
            let options = build::Options {
                deny_warnings: Some(true),
                dest: Some(dir.path().to_path_buf()),
                site_url: Some(SITE_URL.into()),
            };
            let html = build::build(root(), &options).expect("the book builds without problems");
            (dir, html)
        })
        .1
}

/// A page of the built site.
pub fn page(name: &str) -> Html {
    let path = site().join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Html::parse_document(&text)
}

/// A CSS selector.
pub fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap_or_else(|e| panic!("selector {s}: {e:?}"))
}

/// Elements this project generates around the report's words (labels, boxes, back-links):
/// left out when comparing the site's text with the report.
pub const GENERATED: &str =
    "sup.endnote-ref, .endnote-label, .endnote-backlinks, .report-generated";

/// The text of the `<main>` element, without generated elements, whitespace collapsed.
pub fn main_text(doc: &Html) -> String {
    let generated = sel(GENERATED);
    let main = doc.select(&sel("main")).next().expect("a <main> element");
    let mut out = String::new();
    collect_text(main, &generated, &mut out);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Appends the text under `el` to `out`, leaving out what `skip` matches, with a space around
/// each block (so words of two blocks never run together).
pub fn collect_text(el: ElementRef<'_>, skip: &Selector, out: &mut String) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) => {
                let child_el = ElementRef::wrap(child).expect("element");
                if skip.matches(&child_el) {
                    continue;
                }
                let block = matches!(
                    e.name(),
                    "p" | "li"
                        | "h1"
                        | "h2"
                        | "h3"
                        | "h4"
                        | "h5"
                        | "h6"
                        | "hr"
                        | "div"
                        | "td"
                        | "th"
                        | "br"
                        | "tr"
                        | "table"
                        | "ol"
                        | "ul"
                );
                if block {
                    out.push(' ');
                }
                collect_text(child_el, skip, out);
                if block {
                    out.push(' ');
                }
            }
            _ => {}
        }
    }
}

/// The chapter files of `src/SUMMARY.md`, in reading order.
pub fn summary_chapters() -> Vec<String> {
    let summary = std::fs::read_to_string(root().join("src/SUMMARY.md")).expect("SUMMARY.md");
    summary
        .lines()
        .filter_map(|l| {
            l.split_once("](")
                .map(|(_, rest)| rest.trim_end_matches(')').to_string())
        })
        .collect()
}

/// Typographic quotes, ellipses and dashes made plain; whitespace collapsed.
pub fn normalise(s: &str) -> String {
    let s = s
        .replace(['“', '”'], "\"")
        .replace(['‘', '’'], "'")
        .replace('…', "...")
        .replace('–', "-");
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The source's lines (titles, paragraphs, list items) reduced to their words: no endnote
/// markers, emphasis or autolink brackets, no list dashes.
pub fn source_lines() -> Vec<String> {
    let source = include_str!("../fixtures/source.txt");
    let marker = regex::Regex::new(r"\^\{[ivx]+\}|\^[vx]\b|ⁱ+").unwrap();
    let autolink = regex::Regex::new(r"<(https?://[^>]+)>").unwrap();
    source
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let line = line.strip_prefix("- ").unwrap_or(line);
            let line = marker.replace_all(line, "");
            let line = autolink.replace_all(&line, "$1");
            normalise(&line.replace("**", "").replace('*', ""))
        })
        .collect()
}

/// Splits at sentence ends: `.`, `?` or `!` (and an optional closing quote) followed by a space
/// and a capital letter or digit.
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for w in chars.windows(3) {
        let [(_, a), (i, b), (_, c)] = [w[0], w[1], w[2]];
        let end_here = matches!(a, '.' | '?' | '!' | '"')
            && b == ' '
            && (c.is_uppercase() || c.is_ascii_digit());
        if end_here && i > start {
            out.push(text[start..i].trim());
            start = i + 1;
        }
    }
    out.push(text[start..].trim());
    out.retain(|s| !s.is_empty());
    out
}

/// An organisation of the book's registry (`data/agencies.yaml`) as the file writes it: read
/// here, not by the code under test.
#[derive(serde::Deserialize)]
pub struct RegistryEntry {
    pub id: String,
    pub name: String,
    pub acronym: Option<String>,
    #[serde(default)]
    pub forms: Vec<String>,
    #[serde(default)]
    pub groups: Vec<String>,
}

impl RegistryEntry {
    /// Its name, acronym and other forms.
    pub fn spellings(&self) -> Vec<&str> {
        let mut out = vec![self.name.as_str()];
        out.extend(self.acronym.as_deref());
        out.extend(self.forms.iter().map(String::as_str));
        out
    }
}

/// The book's registry, read independently of the code under test.
pub fn registry() -> Vec<RegistryEntry> {
    #[derive(serde::Deserialize)]
    struct Registry {
        organisations: Vec<RegistryEntry>,
    }
    let yaml = std::fs::read_to_string(root().join("data/agencies.yaml")).unwrap();
    let registry: Registry = serde_saphyr::from_str(&yaml).expect("the registry reads");
    registry.organisations
}

/// A small registry for behaviour tests.
pub const REGISTRY: &str = "kinds:
  - {id: un-principal-organ, label: UN principal organ, plural: UN principal organs}
  - {id: un-secretariat, label: UN Secretariat, plural: UN Secretariat}
  - {id: un-fund-programme, label: UN fund or programme, plural: UN funds and programmes}
  - {id: un-specialized-agency, label: UN specialized agency, plural: UN specialized agencies}
  - {id: office-unit, label: Office, plural: Offices}
groups:
  - {id: gmg, name: Global Migration Group, member: Member in 2014, non-member: Not a member in 2014, column: GMG member (2014), marker: GMG member}
organisations:
  - {id: un, name: United Nations, acronym: UN, kind: un-principal-organ}
  - {id: un-women, name: United Nations Entity for Gender Equality and the Empowerment of Women, acronym: UN Women, kind: un-fund-programme, groups: [gmg]}
  - {id: ilo, name: International Labour Organization, acronym: ILO, kind: un-specialized-agency, groups: [gmg], website: 'https://www.ilo.org'}
  - {id: itc-ilo, name: International Training Centre of the ILO, acronym: ITC-ILO, kind: office-unit, parent: ilo}
  - {id: unicef, name: United Nations Children's Fund, acronym: UNICEF, kind: un-fund-programme, groups: [gmg]}
  - {id: un-desa, name: United Nations Department of Economic and Social Affairs, acronym: UN-DESA, kind: un-secretariat, groups: [gmg]}
  - {id: unhcr, name: United Nations High Commissioner for Refugees, acronym: UNHCR, kind: un-fund-programme, groups: [gmg]}
";

/// This book's configuration (`[preprocessor.report]` of the repository's book.toml): the
/// behaviour tests run with the report's own words.
pub fn book_config() -> mdbook_report::config::Config {
    let text = std::fs::read_to_string(root().join("book.toml")).expect("book.toml");
    let config: mdbook_preprocessor::config::Config = text.parse().expect("valid book.toml");
    let mut diags = mdbook_report::Diagnostics::new();
    let cfg = mdbook_report::config::Config::from_mdbook(&config, Some(&text), &mut diags);
    assert_eq!(diags.render(), "0 errors, 0 warnings");
    cfg
}

/// [`book_config`] without permalinks, for tests of one feature's exact output (permalinks, which
/// touch every paragraph, have tests of their own; the property tests keep them on).
pub fn feature_config() -> mdbook_report::config::Config {
    let mut cfg = book_config();
    cfg.permalinks.enable = false;
    cfg
}

/// Runs the preprocessor over chapters given as `(path, content)` (all numbered 1, 2, …),
/// with `registry` as the organisation registry. Returns the processed book and the sorted,
/// rendered diagnostics.
pub fn transform_with(
    chapters: &[(&str, &str)],
    registry: &str,
    cfg: &mdbook_report::config::Config,
) -> (mdbook_preprocessor::book::Book, String) {
    use mdbook_preprocessor::book::{Book, BookItem, Chapter, SectionNumber};
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("data")).unwrap();
    std::fs::write(dir.path().join("data/agencies.yaml"), registry).unwrap();
    let mut book = Book::new();
    for (i, (path, content)) in chapters.iter().enumerate() {
        let name = Path::new(path)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let mut ch = Chapter::new(&name, content.to_string(), *path, vec![]);
        ch.number = Some(SectionNumber::new(vec![i as u32 + 1]));
        book.items.push(BookItem::Chapter(ch));
    }
    let mut diags = mdbook_report::Diagnostics::new();
    let book =
        mdbook_report::preprocessor::transform(book, cfg, dir.path(), Path::new("src"), &mut diags);
    // Small test books name a few of the registry's organisations and use little of the
    // configuration they borrow (this book's phrases and series); the warnings about the rest
    // have their own tests (the catalogue).
    diags.retain(|d| d.code != "registry-unmentioned" && d.code != "config-unused");
    diags.sort();
    (book, diags.render())
}

/// [`transform_with`] [`feature_config`] and [`REGISTRY`].
pub fn transform(chapters: &[(&str, &str)]) -> (mdbook_preprocessor::book::Book, String) {
    transform_with(chapters, REGISTRY, &feature_config())
}

/// The processed content of the chapter at `path`.
pub fn content(book: &mdbook_preprocessor::book::Book, path: &str) -> String {
    without_markers(
        &book
            .chapters()
            .find(|c| c.path.as_deref() == Some(Path::new(path)))
            .unwrap_or_else(|| panic!("no chapter {path}"))
            .content,
    )
}

/// A chapter's content without what the preprocessor appends for the post-build step: the
/// page's description (`<!-- report-meta … -->`) and, on the first page, the previews' data
/// (`<!-- report-previews … -->`), each after a blank line at the end (the content before them
/// keeps its own ending).
pub fn without_markers(content: &str) -> String {
    let cut = ["\n<!-- report-meta ", "\n<!-- report-previews "]
        .iter()
        .filter_map(|m| content.find(m))
        .min();
    match cut {
        Some(at) => content[..at].to_string(),
        None => content.to_string(),
    }
}

/// Renders Markdown the way mdBook parses it, and returns the visible text.
pub fn rendered_text(markdown: &str) -> String {
    use mdbook_markdown::pulldown_cmark::html::push_html;
    let mut out = String::new();
    push_html(
        &mut out,
        mdbook_markdown::new_cmark_parser(markdown, &Default::default()),
    );
    let doc = Html::parse_fragment(&out);
    doc.root_element().text().collect()
}

/// The markup a text walker can trip on: emphasis, escapes, links, code, HTML, entities, quotes,
/// lists, quotes, tables, non-ASCII, endnote references, bare addresses, indented code.
pub const MARKUP: &[&str] = &[
    "*",
    "**",
    "_",
    "\\",
    "!",
    "[",
    "]",
    "(",
    ")",
    "`",
    "<",
    ">",
    "&",
    "'",
    "\"",
    "“",
    "~",
    "#",
    "/",
    ".",
    ",",
    "- ",
    "1. ",
    "> ",
    "|",
    "é",
    "😀",
    "x",
    "[^n]",
    "http://a.b/",
    "www.c.d",
    "    ",
    " ",
    "\n",
    "\n\n",
    // Reference links whose text is their label (collapsed, shortcut), one with a quote in it,
    // and their definitions: nothing may go between `[text]` and `[]`, nor change the label.
    "[r s][]",
    "[it's]",
    "\n\n[r s]: /r\n\n[it's]: /q\n\n",
];

/// Markdown of up to 40 pieces, each one of `words` (what the feature under test finds, each as
/// likely as all of [`MARKUP`] together) or a piece of markup: the property tests' input.
pub fn markdown_from(
    words: &'static [&'static str],
) -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let weight = u32::try_from(words.len()).expect("a few words");
    let piece = prop_oneof![
        weight => prop::sample::select(words),
        1 => prop::sample::select(MARKUP),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

/// The property tests' claim: `out` renders to the same text as `md`, ended by a line break
/// (the preprocessor ends a chapter with one before the blocks it appends for the post-build
/// step, so the last line of an indented code block, say, ends with one too).
pub fn same_rendered_text(md: &str, out: &str) -> Result<(), proptest::test_runner::TestCaseError> {
    let md = if md.is_empty() || md.ends_with('\n') {
        md.to_string()
    } else {
        format!("{md}\n")
    };
    proptest::prop_assert_eq!(
        rendered_text(out),
        rendered_text(&md),
        "markdown {:?} became {:?}",
        md,
        out
    );
    Ok(())
}

/// Every file under `dir` with its bytes, by path relative to `dir`, sorted.
pub fn files_under(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("readable directory") {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let name = path
                    .strip_prefix(dir)
                    .expect("under dir")
                    .display()
                    .to_string();
                out.push((name, std::fs::read(&path).expect("readable file")));
            }
        }
    }
    out.sort();
    out
}

/// `PATH` with the directory of the binaries cargo built for the tests first, so mdBook finds
/// `mdbook-report` and `mdbook-report-postbuild` as it finds any installed plugin.
pub fn path_with_binaries() -> std::ffi::OsString {
    let bin = Path::new(env!("CARGO_BIN_EXE_mdbook-report"))
        .parent()
        .expect("a directory")
        .to_path_buf();
    let mut dirs = vec![bin];
    dirs.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(dirs).expect("a valid PATH")
}

/// `source` up to its unit-test module (`#[cfg(test)]` then `mod … {`): a `#[cfg(test)]` on an
/// import, or on a test module in a file of its own (`mod name;`), is not the end of the
/// production code.
pub fn before_unit_tests(source: &str) -> &str {
    let module =
        regex::Regex::new(r"#\[cfg\(test\)\]\s*(?:pub(?:\([a-z]+\))?\s+)?mod \w+\s*\{").unwrap();
    module.find(source).map_or(source, |m| &source[..m.start()])
}

/// The README's walkthrough book ("Use it for your own report"): its `file=` blocks, as
/// (path, content).
pub fn walkthrough_files() -> Vec<(String, String)> {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let mut files = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in readme.lines() {
        if current.is_some() && line.trim_start().starts_with("```") {
            files.extend(current.take());
            continue;
        }
        match &mut current {
            Some((_, body)) => {
                body.push_str(line);
                body.push('\n');
            }
            None => {
                if let Some(info) = line.strip_prefix("```")
                    && let Some(path) = info
                        .split_whitespace()
                        .find_map(|w| w.strip_prefix("file="))
                {
                    current = Some((path.to_string(), String::new()));
                }
            }
        }
    }
    files
}

/// "Billion laughs": nine levels of ten aliases each, 10^9 strings if expanded.
pub fn alias_bomb() -> String {
    let mut bomb = String::from("&l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]");
    for level in 1..9 {
        let prev = level - 1;
        bomb = format!(
            "{bomb}\nx{level}: &l{level} [{}]",
            vec![format!("*l{prev}"); 10].join(", ")
        );
    }
    bomb
}
