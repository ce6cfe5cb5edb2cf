//! Installed into a book it has never seen, the plugin set leaves the book as mdBook makes it:
//! the same pages with the same text, mdBook's footnotes as mdBook renders them, the book's own
//! theme files kept, and no generated page or export for a feature the book gives no input
//! (issue 25). The fixture (`tests/fixtures/books/ordinary/`) is a book written for plain mdBook
//! inside a "repository"; each test copies it, marks the copy with `.git`, builds it with plain
//! mdBook (in-process, nothing of the plugin set configured), then installs the plugin set and
//! builds it again with `mdbook-report build`'s code: strict, with the link check.

use crate::common;
use mdbook_report::{build, install, linkcheck};
use scraper::Html;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The fixture's repository, copied, with the book's folder inside it.
struct Copy {
    dir: tempfile::TempDir,
    book: PathBuf,
}

fn copy_fixture(name: &str, book: &str) -> Copy {
    let dir = tempfile::tempdir().unwrap();
    let from = common::root().join("tests/fixtures/books").join(name);
    copy_dir(&from, dir.path());
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    let book = dir.path().join(book);
    Copy { dir, book }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Plain mdBook: the book as it is, built in-process into `dest`.
fn plain_build(book: &Path, dest: &Path) {
    let mut md = mdbook_driver::MDBook::load(book).expect("the book loads");
    md.config.build.build_dir = dest.to_path_buf();
    md.build().expect("plain mdBook builds the book");
}

/// The ordinary book built both ways: (its copy, plain mdBook's site, the plugin set's site,
/// what `install` said).
struct Built {
    copy: Copy,
    plain: PathBuf,
    report: PathBuf,
    installed: install::Installed,
}

fn ordinary() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let copy = copy_fixture("ordinary", "book");
        let plain = copy.dir.path().join("plain");
        plain_build(&copy.book, &plain);
        let installed = install::install(&copy.book, false).expect("install");
        // The book links to the standard library's site, published beside it: the editor
        // declares where (as the link check's message says), and those links are external.
        let toml = copy.book.join("book.toml");
        let mut text = std::fs::read_to_string(&toml).unwrap();
        text.push_str("\n[preprocessor.report.link-check]\nsiblings = { \"../std/\" = \"https://doc.rust-lang.org/std/\" }\n");
        std::fs::write(&toml, text).unwrap();
        let out = copy.dir.path().join("report");
        let options = build::Options {
            deny_warnings: Some(true),
            dest: Some(out),
            site_url: None,
        };
        let report = build::build(&copy.book, &options).expect("the strict build passes");
        let check = linkcheck::Options {
            book: Some(copy.book.clone()),
            external: None,
            siblings: Vec::new(),
        };
        let links = linkcheck::check_site(&report, &check).unwrap();
        assert!(links.is_clean(), "{}", links.render_text());
        assert!(
            links
                .external
                .iter()
                .any(|l| l.url == "https://doc.rust-lang.org/std/option/enum.Option.html"),
            "{}",
            links.render_text()
        );
        Built {
            copy,
            plain,
            report,
            installed,
        }
    })
}

/// Every `.html` page under `site`, as paths relative to it (the search index aside).
fn pages(site: &Path) -> BTreeSet<String> {
    names(site)
        .into_iter()
        .filter(|p| p.ends_with(".html"))
        .collect()
}

/// Every file under `site`, relative to it.
fn names(site: &Path) -> Vec<String> {
    common::files_under(site)
        .into_iter()
        .map(|(name, _)| name)
        .collect()
}

fn read(site: &Path, page: &str) -> Html {
    Html::parse_document(&std::fs::read_to_string(site.join(page)).unwrap())
}

/// The chapters' pages: every page but mdBook's own (print, table of contents, 404).
fn chapter_pages(site: &Path) -> Vec<String> {
    pages(site)
        .into_iter()
        .filter(|p| !["print.html", "toc.html", "404.html"].contains(&p.as_str()))
        .collect()
}

#[test]
fn an_ordinary_book_gets_no_page_the_plain_build_has_not() {
    let built = ordinary();
    assert_eq!(pages(&built.report), pages(&built.plain));
}

#[test]
fn every_chapters_text_is_the_plain_builds() {
    let built = ordinary();
    let chapters = chapter_pages(&built.plain);
    assert_eq!(chapters.len(), 5, "{chapters:?}"); // index.html is the first chapter again
    for page in chapters {
        assert_eq!(
            common::main_text(&read(&built.report, &page)),
            common::main_text(&read(&built.plain, &page)),
            "{page}"
        );
    }
}

#[test]
fn a_book_without_endnotes_keeps_mdbooks_footnotes() {
    let built = ordinary();
    let footnotes = |site: &Path| -> Vec<String> {
        let doc = read(site, "rivers.html");
        let (refs, defs) = (
            common::sel("sup.footnote-reference"),
            common::sel("ol.footnote-definition > li"),
        );
        let found = doc.select(&refs).chain(doc.select(&defs));
        found.map(|e| e.html()).collect()
    };
    let plain = footnotes(&built.plain);
    // Three references, the source cited twice (in a paragraph and in a table), and three
    // definitions, one of them written inside a blockquote, one inside a list item.
    assert_eq!(plain.len(), 7, "{plain:#?}");
    assert_eq!(footnotes(&built.report), plain);
}

#[test]
fn features_without_input_publish_nothing() {
    let built = ordinary();
    let root_files = |site: &Path| -> BTreeSet<String> {
        names(site)
            .into_iter()
            .filter(|p| !p.contains('/') && !p.ends_with(".html"))
            .filter(|p| !p.ends_with(".css") && !p.ends_with(".js"))
            .collect()
    };
    // No timeline.ics or .json, no documents.json, no open data.
    let extra: Vec<String> = root_files(&built.report)
        .difference(&root_files(&built.plain))
        .cloned()
        .collect();
    assert_eq!(extra, Vec::<String>::new());
    let index = std::fs::read_to_string(built.report.join("index.html")).unwrap();
    for absent in [
        "Cite this",
        "Explore the",
        "timeline.html",
        "organisations/",
    ] {
        assert!(!index.contains(absent), "{absent}");
    }
}

#[test]
fn install_keeps_the_books_own_files_and_says_what_it_changed() {
    let built = ordinary();
    assert!(
        built
            .installed
            .changes
            .contains(&"book.toml: added [preprocessor.report]".to_string()),
        "{:#?}",
        built.installed
    );
    let head = std::fs::read_to_string(built.copy.book.join("theme/head.hbs")).unwrap();
    assert_eq!(head, "<meta name=\"fixture-own-head\" content=\"kept\">\n");
    // The book's own <head> template and the plugin set's link-preview tags, both.
    let page = std::fs::read_to_string(built.report.join("rivers.html")).unwrap();
    assert!(page.contains("<meta name=\"fixture-own-head\" content=\"kept\">"));
    assert!(
        page.contains("<meta property=\"og:title\" content=\"1. Rivers\">"),
        "{page}"
    );
    assert!(
        !built.installed.kept.iter().any(|k| k.contains("head.hbs")),
        "{:#?}",
        built.installed
    );
    // The sibling site the chapters link to is named, for the editor to declare.
    assert_eq!(built.installed.advice.len(), 1, "{:#?}", built.installed);
    assert!(
        built.installed.advice[0]
            .starts_with("the chapters link to sites beside this one (../std/)")
    );
    // Installed twice: nothing more to do.
    let again = install::install(&built.copy.book, false).unwrap();
    assert!(again.is_unchanged(), "{again:#?}");
}

#[test]
fn every_paragraphs_permalink_follows_its_text_even_after_emphasis() {
    let built = ordinary();
    let mut seen = 0;
    for page in chapter_pages(&built.report) {
        let doc = read(&built.report, &page);
        for p in doc.select(&common::sel("main p")) {
            let Some(link) = p.select(&common::sel("a.permalink")).next() else {
                continue;
            };
            seen += 1;
            // No text of the paragraph comes after its permalink.
            let html = p.html();
            let after = &html[html.find(&link.html()).unwrap() + link.html().len()..];
            let text_after = Html::parse_fragment(after)
                .root_element()
                .text()
                .collect::<String>();
            assert_eq!(text_after.trim(), "", "{page}: {html}");
        }
    }
    // The preface's and the deltas' paragraphs that end in emphasis are among them.
    assert!(seen >= 8, "{seen}");
}

/// Writes `files` (path, text) under `root`.
fn write_files(root: &Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

#[test]
fn chapter_files_named_with_spaces_and_brackets_are_linked_and_pass_the_check() {
    // mdBook takes such files (`<Annex 1.md>` in SUMMARY.md) and writes `Annex 1.html`. The
    // links the plugin set writes into a chapter's Markdown (`agenda:`) and into its HTML (the
    // endnotes both ways) must reach them, and the strict build's link check must agree.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    let book = dir.path().join("book");
    write_files(
        &book,
        &[
            (
                "book.toml",
                "[book]\ntitle = \"Spaces\"\n\n\
                 [preprocessor.report.endnotes]\nchapter = \"Notes (all).md\"\n\n\
                 [preprocessor.report.agenda]\nitems = [\"Water\", \"Land\"]\n",
            ),
            (
                "src/SUMMARY.md",
                "# Summary\n\n- [Intro](intro.md)\n- [Annex one](<Annex 1 (final).md>)\n\
                 - [Land](land.md)\n- [Notes](<Notes (all).md>)\n",
            ),
            (
                "src/intro.md",
                "# Intro\n\nSee [the first item](agenda:1).[^a]\n",
            ),
            (
                "src/Annex 1 (final).md",
                "---\nagenda-item: 1\n---\n# Water\n\nText with a note.[^b]\n",
            ),
            ("src/land.md", "---\nagenda-item: 2\n---\n# Land\n\nText.\n"),
            (
                "src/Notes (all).md",
                "# Notes\n\n[^a]: A note.\n\n[^b]: Another note.\n",
            ),
        ],
    );
    install::install(&book, false).expect("install");
    let out = dir.path().join("site");
    let options = build::Options {
        deny_warnings: Some(true),
        dest: Some(out),
        site_url: None,
    };
    let site = build::build(&book, &options).expect("the strict build passes");
    let check = linkcheck::Options {
        book: Some(book.clone()),
        external: None,
        siblings: Vec::new(),
    };
    let links = linkcheck::check_site(&site, &check).unwrap();
    assert!(links.is_clean(), "{}", links.render_text());
    let hrefs = |page: &str| -> BTreeSet<String> {
        let doc = read(&site, page);
        doc.select(&common::sel("main a[href]"))
            .map(|a| a.value().attr("href").unwrap().to_string())
            .collect()
    };
    let intro = hrefs("intro.html");
    assert!(intro.contains("Annex 1 (final).html"), "{intro:?}");
    assert!(intro.contains("Notes (all).html#note-i"), "{intro:?}");
    let notes = hrefs("Notes (all).html");
    assert!(
        notes.contains("Annex 1 (final).html#note-ref-ii"),
        "{notes:?}"
    );
    assert!(notes.contains("intro.html#note-ref-i"), "{notes:?}");
}
