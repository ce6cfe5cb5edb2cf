//! From a page of the built site back to the Markdown line an editor fixes.
//!
//! `book.toml` gives the source directory, the site URL and the 404 page; `SUMMARY.md` (read by
//! mdBook's own parser) gives the chapters, and mdBook's rule gives their pages: `a/b.md` →
//! `a/b.html`, `a/README.md` → `a/index.html`, and the first chapter is also `index.html`. The
//! line of a link is the first one holding the URL as written, or its `.md` form (`b.html#x` is
//! `b.md#x` in Markdown), or its fragment; a link that a preprocessor wrote is in no line, and
//! its problem is reported with the page alone.

use super::report::Source;
use crate::base::diagnostics::Diagnostics;
use crate::base::diagnostics::LineIndex;
use crate::config::Config as ReportConfig;
use anyhow::Context;
use mdbook_preprocessor::config::Config;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What the checker needs from a book's configuration and sources.
#[derive(Debug, Clone)]
pub(super) struct Book {
    /// The chapter file (as displayed, e.g. `src/a.md`) of each page (`a.html`).
    chapters: HashMap<String, PathBuf>,
    /// The path of `output.html.site-url` (`/` by default): where root-relative links start.
    pub site_prefix: String,
    /// The 404 page mdBook writes (`404.html` by default).
    pub not_found_page: String,
    /// `build.build-dir`, relative to the current directory.
    pub build_dir: PathBuf,
    /// The page of the first chapter when it is not `index.html` (mdBook copies it there).
    first_page: Option<String>,
    /// `siblings` under `[preprocessor.report.link-check]`: (prefix, address).
    pub siblings: Vec<(String, String)>,
}

impl Book {
    /// Reads `book.toml` and `SUMMARY.md` under `root`; `None` when there is no `book.toml`.
    pub(super) fn load(root: &Path) -> anyhow::Result<Option<Book>> {
        let toml = root.join("book.toml");
        if !toml.is_file() {
            return Ok(None);
        }
        let config =
            Config::from_disk(&toml).with_context(|| format!("cannot read {}", toml.display()))?;
        let html = config.html_config().unwrap_or_default();
        // Paths as the user would type them: `src/a.md` rather than `./src/a.md`.
        let shown = |path: &Path| {
            if root == Path::new(".") {
                path.to_path_buf()
            } else {
                root.join(path)
            }
        };
        let src = shown(&config.book.src);
        let summary_path = src.join("SUMMARY.md");
        let (chapters, first_page) = match std::fs::read_to_string(&summary_path) {
            Ok(text) => {
                let summary = mdbook_summary::parse_summary(&text)
                    .with_context(|| format!("cannot parse {}", summary_path.display()))?;
                let (pages, first) = chapter_pages(&summary);
                let chapters = pages
                    .into_iter()
                    .map(|(page, chapter)| (page, src.join(chapter)))
                    .collect();
                (chapters, first.filter(|page| page != "index.html"))
            }
            Err(_) => (HashMap::new(), None),
        };
        Ok(Some(Book {
            chapters,
            site_prefix: site_prefix(html.site_url.as_deref().unwrap_or("/")),
            not_found_page: html.get_404_output_file(),
            build_dir: shown(&config.build.build_dir),
            first_page,
            siblings: siblings(&config, std::fs::read_to_string(&toml).ok().as_deref())
                .with_context(|| format!("{} cannot be used", toml.display()))?,
        }))
    }

    /// The page index.html copies, when it is a copy: the first chapter's.
    pub(super) fn index_copy_of(&self) -> Option<&str> {
        self.first_page.as_deref()
    }
}

/// `siblings` under `[preprocessor.report.link-check]`, read as the preprocessor reads its
/// table: a mistake there (or anywhere in the table: the book could not be built with it) is
/// the build's own message, located in book.toml.
fn siblings(config: &Config, book_toml: Option<&str>) -> anyhow::Result<Vec<(String, String)>> {
    let mut diags = Diagnostics::new();
    let report = ReportConfig::from_mdbook(config, book_toml, &mut diags);
    if diags.errors() > 0 {
        diags.sort();
        anyhow::bail!("{}", diags.render());
    }
    Ok(report.link_check.siblings.into_iter().collect())
}

/// Every chapter of the summary, as (page, chapter file relative to `src/`), and the first
/// chapter's page.
fn chapter_pages(summary: &mdbook_summary::Summary) -> (HashMap<String, PathBuf>, Option<String>) {
    fn walk(items: &[mdbook_summary::SummaryItem], out: &mut Vec<PathBuf>) {
        for item in items {
            if let mdbook_summary::SummaryItem::Link(link) = item {
                out.extend(link.location.clone());
                walk(&link.nested_items, out);
            }
        }
    }
    let mut files = Vec::new();
    walk(&summary.prefix_chapters, &mut files);
    walk(&summary.numbered_chapters, &mut files);
    walk(&summary.suffix_chapters, &mut files);
    let mut pages: HashMap<String, PathBuf> = HashMap::new();
    for file in &files {
        pages.entry(page_of(file)).or_insert_with(|| file.clone());
    }
    if let Some(first) = files.first() {
        pages
            .entry("index.html".into())
            .or_insert_with(|| first.clone());
    }
    (pages, files.first().map(|first| page_of(first)))
}

/// mdBook's page for a chapter file: `a/b.md` → `a/b.html`, `a/README.md` → `a/index.html`.
fn page_of(chapter: &Path) -> String {
    let readme = chapter
        .file_stem()
        .is_some_and(|stem| stem.eq_ignore_ascii_case("readme"));
    let page = if readme {
        chapter.with_file_name("index.html")
    } else {
        chapter.with_extension("html")
    };
    page.to_string_lossy().replace('\\', "/")
}

/// The path part of a site URL, with slashes at both ends: `https://x.org/r` → `/r/`.
fn site_prefix(site_url: &str) -> String {
    let path = match site_url.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |i| &rest[i..]),
        None => site_url,
    };
    let trimmed = path.trim_matches('/');
    if trimmed.is_empty() {
        "/".into()
    } else {
        format!("/{trimmed}/")
    }
}

/// Finds source lines, reading each chapter at most once.
#[derive(Debug)]
pub(super) struct Locator<'a> {
    book: &'a Book,
    texts: HashMap<PathBuf, Option<(String, LineIndex)>>,
}

impl<'a> Locator<'a> {
    /// A locator over `book`'s chapters.
    pub(super) fn new(book: &'a Book) -> Self {
        Locator {
            book,
            texts: HashMap::new(),
        }
    }

    /// The first line of `page`'s chapter holding one of `needles` (tried in order, first as a
    /// whole URL, i.e. not inside a longer one, then anywhere).
    pub(super) fn locate(&mut self, page: &str, needles: &[String]) -> Option<Source> {
        let file = self.book.chapters.get(page)?;
        let entry = self.texts.entry(file.clone()).or_insert_with(|| {
            let text = std::fs::read_to_string(file).ok()?;
            let index = LineIndex::new(file, &text);
            Some((text, index))
        });
        let (text, index) = entry.as_ref()?;
        let offset = needles
            .iter()
            .find_map(|needle| find_delimited(text, needle))
            .or_else(|| needles.iter().find_map(|needle| text.find(needle.as_str())))?;
        let location = index.location(text, offset);
        Some(Source {
            path: location.path.to_string_lossy().into_owned(),
            line: location.line,
            column: location.col,
        })
    }
}

/// The first `needle` in `text` not glued to more URL characters on either side.
fn find_delimited(text: &str, needle: &str) -> Option<usize> {
    let url_char = |c: char| c.is_alphanumeric() || matches!(c, '/' | '.' | '-' | '_' | '%' | '#');
    text.match_indices(needle).map(|(i, _)| i).find(|&i| {
        let before = text[..i].chars().next_back();
        let after = text[i + needle.len()..].chars().next();
        !before.is_some_and(url_char) && !after.is_some_and(url_char)
    })
}

/// What to look for in the Markdown to find a link to `url`: the URL, its decoded form, its
/// `.md` form, and its fragment.
pub(super) fn link_needles(url: &str) -> Vec<String> {
    let mut needles = vec![url.to_owned()];
    let decoded = percent_encoding::percent_decode_str(url).decode_utf8_lossy();
    if decoded != url {
        needles.push(decoded.into_owned());
    }
    let md_forms: Vec<String> = needles
        .iter()
        .filter_map(|needle| {
            let (path, fragment) = needle
                .split_once('#')
                .map_or((needle.as_str(), None), |(p, f)| (p, Some(f)));
            let stem = path.strip_suffix(".html")?;
            Some(match fragment {
                Some(fragment) => format!("{stem}.md#{fragment}"),
                None => format!("{stem}.md"),
            })
        })
        .collect();
    needles.extend(md_forms);
    if let Some((path, fragment)) = url.split_once('#')
        && !path.is_empty()
        && !fragment.is_empty()
    {
        needles.push(format!("#{fragment}"));
    }
    needles
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_chapters_to_pages_like_mdbook() {
        let summary = mdbook_summary::parse_summary(
            "# Summary\n\n[Intro](intro.md)\n\n- [A](a/README.md)\n  - [B](a/b.md)\n- [Draft]()\n\n[End](end.md)\n",
        )
        .unwrap();
        let (pages, first) = chapter_pages(&summary);
        assert_eq!(first.as_deref(), Some("intro.html"));
        let mut pages: Vec<_> = pages.into_iter().collect();
        pages.sort();
        let expected = [
            ("a/b.html", "a/b.md"),
            ("a/index.html", "a/README.md"),
            ("end.html", "end.md"),
            ("index.html", "intro.md"),
            ("intro.html", "intro.md"),
        ];
        assert_eq!(
            pages,
            expected.map(|(page, file)| (page.to_owned(), PathBuf::from(file)))
        );
    }

    #[test]
    fn keeps_the_path_of_the_site_url() {
        assert_eq!(site_prefix("/"), "/");
        assert_eq!(site_prefix("/gmg-report"), "/gmg-report/");
        assert_eq!(site_prefix("https://un.org/gmg/report/"), "/gmg/report/");
        assert_eq!(site_prefix("https://un.org"), "/");
    }

    #[test]
    fn looks_for_a_link_as_written_as_markdown_and_by_fragment() {
        assert_eq!(link_needles("b.html#x"), ["b.html#x", "b.md#x", "#x"]);
        assert_eq!(
            link_needles("my%20file.html"),
            [
                "my%20file.html",
                "my file.html",
                "my%20file.md",
                "my file.md"
            ]
        );
        assert_eq!(link_needles("#x"), ["#x"]);
    }

    #[test]
    fn prefers_whole_urls_to_parts_of_longer_ones() {
        let text = "see [a](xb.md) and\n[b](b.md)";
        assert_eq!(find_delimited(text, "b.md"), text.rfind("b.md"));
        assert_eq!(find_delimited("[a](b.md#x)", "#x"), None);
    }

    #[test]
    fn a_url_is_delimited_by_what_follows_it_and_may_start_the_text() {
        // What follows the first `b.md` is `x`: it is part of `b.mdx`.
        assert_eq!(find_delimited("a ) (b.mdx) (b.md)", "b.md"), Some(13));
        assert_eq!(find_delimited("b.md", "b.md"), Some(0));
    }

    /// A book in a temporary directory: `book.toml` and `src/` files.
    fn book_dir(book_toml: Option<&str>, files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        if let Some(book_toml) = book_toml {
            std::fs::write(dir.path().join("book.toml"), book_toml).unwrap();
        }
        for (name, text) in files {
            let path = dir.path().join("src").join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        dir
    }

    #[test]
    fn without_book_toml_there_is_no_book() {
        let dir = book_dir(None, &[("SUMMARY.md", "[Intro](intro.md)\n")]);
        assert!(Book::load(dir.path()).unwrap().is_none());
    }

    #[test]
    fn reads_the_books_pages_site_url_404_page_build_dir_and_siblings() {
        let dir = book_dir(
            Some(
                "[book]\ntitle = \"T\"\n[build]\nbuild-dir = \"out\"\n\
                 [output.html]\nsite-url = \"https://un.org/gmg/\"\n\
                 [preprocessor.report.link-check]\n\
                 siblings = { \"../std/\" = \"https://doc.rust-lang.org/std/\" }\n",
            ),
            &[(
                "SUMMARY.md",
                "# Summary\n\n[Intro](intro.md)\n\n- [A](a.md)\n",
            )],
        );
        let root = dir.path();
        let book = Book::load(root).unwrap().unwrap();
        assert_eq!(book.site_prefix, "/gmg/");
        assert_eq!(book.not_found_page, "404.html");
        assert_eq!(book.build_dir, root.join("out"));
        assert_eq!(book.index_copy_of(), Some("intro.html"));
        assert_eq!(
            book.siblings,
            [(
                "../std/".to_owned(),
                "https://doc.rust-lang.org/std/".to_owned()
            )]
        );
        let mut chapters: Vec<_> = book.chapters.into_iter().collect();
        chapters.sort();
        assert_eq!(
            chapters,
            [
                ("a.html".to_owned(), root.join("src/a.md")),
                ("index.html".to_owned(), root.join("src/intro.md")),
                ("intro.html".to_owned(), root.join("src/intro.md")),
            ]
        );
    }

    #[test]
    fn a_first_chapter_that_is_index_html_is_no_copy() {
        let dir = book_dir(
            Some("[book]\ntitle = \"T\"\n"),
            &[("SUMMARY.md", "- [Home](README.md)\n- [A](a.md)\n")],
        );
        let book = Book::load(dir.path()).unwrap().unwrap();
        assert_eq!(book.index_copy_of(), None);
        assert_eq!(book.chapters.len(), 2);
        assert_eq!(book.siblings, []);
        assert_eq!(book.site_prefix, "/");
        assert_eq!(book.build_dir, dir.path().join("book"));
    }

    #[test]
    fn a_book_without_summary_has_no_chapters() {
        let dir = book_dir(Some("[book]\ntitle = \"T\"\n"), &[]);
        let book = Book::load(dir.path()).unwrap().unwrap();
        assert!(book.chapters.is_empty());
        assert_eq!(book.index_copy_of(), None);
    }

    #[test]
    fn a_mistake_in_the_siblings_is_the_books_error() {
        let dir = book_dir(
            Some(
                "[book]\ntitle = \"T\"\n[preprocessor.report.link-check]\n\
                 siblings = { \"std/\" = \"https://a.org/\" }\n",
            ),
            &[("SUMMARY.md", "- [A](a.md)\n")],
        );
        let error = format!("{:#}", Book::load(dir.path()).unwrap_err());
        assert!(
            error.contains("`siblings` under `[preprocessor.report.link-check]`: `std/` does not lead out of the site"),
            "{error}"
        );
        assert!(error.contains("book.toml cannot be used"), "{error}");
    }

    #[test]
    fn locates_a_link_in_its_chapter_as_a_whole_url_first_then_anywhere() {
        let dir = book_dir(
            Some("[book]\ntitle = \"T\"\n"),
            &[
                ("SUMMARY.md", "- [A](a.md)\n- [Gone](gone.md)\n"),
                (
                    "a.md",
                    "Intro [x](xb.md#top)\n\nÉté [b](b.md) and [c](c.md#top)\n",
                ),
            ],
        );
        let book = Book::load(dir.path()).unwrap().unwrap();
        let mut locator = Locator::new(&book);
        let chapter = dir.path().join("src/a.md").to_string_lossy().into_owned();
        let at = |line, column| {
            Some(Source {
                path: chapter.clone(),
                line,
                column,
            })
        };
        // `b.md` inside `xb.md` is passed over for the whole one; columns count characters.
        assert_eq!(locator.locate("a.html", &link_needles("b.html")), at(3, 9));
        // A fragment glued to its page is found anywhere, at its first place.
        assert_eq!(locator.locate("a.html", &["#top".to_owned()]), at(1, 16));
        // The page is read once: the same answers again.
        assert_eq!(locator.locate("a.html", &link_needles("b.html")), at(3, 9));
        assert_eq!(locator.locate("a.html", &["nowhere".to_owned()]), None);
        assert_eq!(locator.locate("gone.html", &["#top".to_owned()]), None);
        assert_eq!(locator.locate("other.html", &["#top".to_owned()]), None);
    }
}
