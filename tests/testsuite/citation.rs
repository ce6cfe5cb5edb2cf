//! Citations only where the book says what it is citing, each page under its own key and in its
//! own form: the README's walkthrough book (no `[preprocessor.report.citation]`) built as it is
//! and with the table added, and the real book.

use crate::common;

use common::{page, sel, site};
use mdbook_report::build;
use scraper::Html;
use std::collections::BTreeSet;
use std::path::Path;

/// The README's walkthrough book with `extra` appended to its book.toml, installed and built
/// in-process with a site address; its HTML directory.
fn walkthrough_site(dir: &Path, extra: &str) -> std::path::PathBuf {
    let book = dir.join("water");
    for (path, content) in common::walkthrough_files() {
        let file = book.join(&path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        let content = if path == "book.toml" {
            format!("{content}\n{extra}")
        } else {
            content
        };
        std::fs::write(file, content).unwrap();
    }
    mdbook_report::install::install(&book, false).unwrap();
    let options = build::Options {
        deny_warnings: Some(true),
        dest: Some(dir.join("out")),
        site_url: Some("https://example.org/water/".into()),
    };
    build::build(&book, &options).expect("the walkthrough builds")
}

fn read(site: &Path, name: &str) -> Html {
    Html::parse_document(&std::fs::read_to_string(site.join(name)).unwrap())
}

/// The names of a page's `citation_*` tags.
fn citation_tags(doc: &Html) -> Vec<String> {
    doc.select(&sel(r#"meta[name^="citation_"]"#))
        .filter_map(|m| m.value().attr("name").map(String::from))
        .collect()
}

/// The page's canonical address.
fn canonical(doc: &Html) -> Vec<String> {
    doc.select(&sel(r#"link[rel="canonical"]"#))
        .filter_map(|l| l.value().attr("href").map(String::from))
        .collect()
}

/// The text of each "Cite this" format, in order (BibTeX, RIS, CSL-JSON).
fn formats(doc: &Html) -> Vec<String> {
    doc.select(&sel("main details.report-cite figure pre"))
        .map(|p| p.text().collect())
        .collect()
}

#[test]
fn a_book_without_a_citation_table_cites_nothing_and_keeps_its_canonical_links() {
    let dir = tempfile::tempdir().unwrap();
    let site = walkthrough_site(dir.path(), "");
    for name in ["water.html", "agenda.html", "organisations/who.html"] {
        let doc = read(&site, name);
        assert_eq!(citation_tags(&doc), Vec::<String>::new(), "{name}");
        assert!(formats(&doc).is_empty(), "{name}");
        assert!(
            !std::fs::read_to_string(site.join(name))
                .unwrap()
                .contains("Cite this"),
            "{name}"
        );
        assert_eq!(
            canonical(&doc),
            [format!("https://example.org/water/{name}")],
            "{name}"
        );
    }
}

#[test]
fn with_the_table_a_chapter_cites_a_section_and_a_generated_page_a_web_page() {
    let dir = tempfile::tempdir().unwrap();
    let site = walkthrough_site(
        dir.path(),
        "[preprocessor.report.citation]\npublisher = \"Example Water Commission\"\n",
    );
    // The first chapter is also the landing page (mdBook's index.html): the whole document.
    let landing = formats(&read(&site, "index.html"));
    assert!(
        landing[0].starts_with("@techreport{ewc2030,\n  author = {{Example Water Commission}},\n  title = {Progress on the water objectives},\n"),
        "{}",
        landing[0]
    );
    let chapter = read(&site, "cooperation.html");
    let cited = formats(&chapter);
    assert!(
        cited[0].starts_with(
            "@incollection{ewc2030-cooperation,\n  author = {{Example Water Commission}},\n  \
             title = {2. Cooperation},\n  booktitle = {Progress on the water objectives},\n"
        ),
        "{}",
        cited[0]
    );
    assert!(cited[1].starts_with("TY  - CHAP\n"), "{}", cited[1]);
    assert!(
        citation_tags(&chapter).contains(&"citation_inbook_title".to_string()),
        "{:?}",
        citation_tags(&chapter)
    );
    let org = read(&site, "organisations/who.html");
    let cited = formats(&org);
    assert!(
        cited[0].starts_with(
            "@misc{ewc2030-organisations-who,\n  author = {{Example Water Commission}},\n  \
             title = {WHO},\n  howpublished = {Progress on the water objectives (website)},\n"
        ),
        "{}",
        cited[0]
    );
    assert!(
        !cited[0].contains("year"),
        "a web page is undated: {}",
        cited[0]
    );
    assert_eq!(citation_tags(&org), Vec::<String>::new());
    let reference: String = org
        .select(&sel(".report-cite-reference"))
        .next()
        .unwrap()
        .text()
        .collect();
    assert!(!reference.contains("Section"), "{reference}");
}

#[test]
fn every_page_of_the_real_book_cites_itself_under_a_key_of_its_own() {
    let mut keys = BTreeSet::new();
    let chapters: Vec<String> = common::summary_chapters()
        .iter()
        .map(|c| c.replace(".md", ".html"))
        .collect();
    let mut pages = 0;
    for (name, _) in common::files_under(site()) {
        if !name.ends_with(".html")
            || ["404.html", "print.html", "toc.html"].contains(&name.as_str())
        {
            continue;
        }
        pages += 1;
        let doc = page(&name);
        let cited = formats(&doc);
        assert_eq!(cited.len(), 3, "{name}");
        let (head, _) = cited[0].split_once(",\n").unwrap();
        assert!(keys.insert(head.to_string()), "{name}: {head} again");
        let tags = citation_tags(&doc);
        if name == "index.html" {
            assert_eq!(head, "@techreport{gmg2014");
            assert!(tags.contains(&"citation_technical_report_institution".to_string()));
        } else if chapters.contains(&name) {
            let stem = name.trim_end_matches(".html");
            assert_eq!(head, format!("@incollection{{gmg2014-{stem}"), "{name}");
            let title: String = doc.select(&sel("main h1")).next().unwrap().text().collect();
            let cited_title = doc
                .select(&sel(r#"meta[name="citation_title"]"#))
                .next()
                .and_then(|m| m.value().attr("content"))
                .unwrap();
            assert_eq!(cited_title, title.trim(), "{name}");
            assert!(
                tags.contains(&"citation_inbook_title".to_string()),
                "{name}"
            );
        } else {
            assert!(head.starts_with("@misc{gmg2014-"), "{name}: {head}");
            assert_eq!(tags, Vec::<String>::new(), "{name}");
            assert!(!cited[0].contains("Section"), "{name}");
        }
    }
    assert!(pages > 100, "{pages} pages");
    assert!(keys.contains("@misc{gmg2014-agencies-unhcr"));
}

#[test]
fn the_citation_command_asks_for_the_table_it_needs() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("water");
    std::fs::create_dir_all(&book).unwrap();
    let toml = "[book]\ntitle = \"Progress on the water objectives\"\nauthors = [\"Example Water Commission\"]\n";
    std::fs::write(book.join("book.toml"), toml).unwrap();
    let run = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_mdbook-report"))
            .args(["citation", "--format", "bibtex", "--book"])
            .arg(&book)
            .output()
            .unwrap()
    };
    let out = run();
    assert!(!out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "error: {} has no `[preprocessor.report.citation]` table: add one to say how the document is cited\n",
            book.join("book.toml").display()
        )
    );
    std::fs::write(
        book.join("book.toml"),
        format!("{toml}[preprocessor.report.citation]\n"),
    )
    .unwrap();
    let out = run();
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stdout).starts_with("@techreport{ewc,\n"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
