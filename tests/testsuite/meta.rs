//! Every page of the built site tells search engines and link previews what it is: its own
//! `<meta name="description">` (front matter, or the page's opening words) and Open Graph tags.

use crate::common;

use common::{page, sel, site};

fn meta(doc: &scraper::Html, selector: &str) -> Vec<String> {
    doc.select(&sel(selector))
        .filter_map(|m| m.value().attr("content").map(str::to_string))
        .collect()
}

/// The HTML pages of the site, relative to it.
fn pages() -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![site().to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                let rel = path.strip_prefix(site()).unwrap();
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_chapter_page_has_its_own_description_and_link_preview_tags() {
    let book_description = "How the agencies of the Global Migration Group followed up";
    for name in pages() {
        let html = std::fs::read_to_string(site().join(&name)).unwrap();
        assert!(!html.contains("report-meta"), "{name} still has a marker");
        if ["print.html", "toc.html", "404.html"].contains(&name.as_str()) {
            continue;
        }
        let doc = page(&name);
        let description = meta(&doc, r#"meta[name="description"]"#);
        assert_eq!(description.len(), 1, "{name}: {description:?}");
        assert!(
            !description[0].starts_with(book_description),
            "{name} has the book's description, not its own"
        );
        assert!(description[0].len() > 40, "{name}: {description:?}");
        assert_eq!(
            meta(&doc, r#"meta[property="og:description"]"#),
            description,
            "{name}"
        );
        assert_eq!(
            meta(&doc, r#"meta[property="og:title"]"#).len(),
            1,
            "{name}"
        );
        assert_eq!(meta(&doc, r#"meta[property="og:site_name"]"#).len(), 1);
    }
}

#[test]
fn descriptions_come_from_front_matter_the_report_or_the_registry() {
    let description = |name: &str| meta(&page(name), r#"meta[name="description"]"#).remove(0);
    // Front matter of src/index.md.
    assert!(description("index.html").starts_with("The 2014 report of the Global Migration Group"));
    // The report's own opening words, cut at a word.
    let d = description("protect-human-rights.html");
    assert!(
        d.starts_with("At the 2013 HLD, Member States, the UN System"),
        "{d}"
    );
    assert!(d.ends_with('…') && d.chars().count() <= 160, "{d}");
    // An organisation page: its name and its mentions.
    let d = description("agencies/unicef.html");
    assert!(
        d.starts_with("United Nations Children's Fund (UNICEF): "),
        "{d}"
    );
    assert!(d.contains(" mentions in "), "{d}");
    // Titles: the chapter with its number; the landing page is the report.
    let og_title = |name: &str| meta(&page(name), r#"meta[property="og:title"]"#).remove(0);
    assert_eq!(
        og_title("protect-human-rights.html"),
        "2.1. Protect the human rights of all migrants"
    );
    assert!(og_title("index.html").starts_with("Follow-up by the agencies"));
    let title = page("index.html")
        .select(&sel("title"))
        .next()
        .unwrap()
        .text()
        .collect::<String>();
    assert!(title.starts_with("Follow-up by the agencies"), "{title}");
    // The print page keeps the book's description.
    let d = description("print.html");
    assert!(
        d.starts_with("How the agencies of the Global Migration Group"),
        "{d}"
    );
}

#[test]
fn the_noscript_table_of_contents_has_a_title() {
    let doc = page("toc.html");
    let title = doc.select(&sel("title")).next().expect("a <title>");
    assert!(title.text().collect::<String>().starts_with("Contents - "));
}

/// What each page cites, and under which key: `citation.rs`.
#[test]
fn every_page_has_a_canonical_link_and_cite_this_in_three_formats() {
    // mdBook's own pages (no chapter of the book) have no citation.
    let all: Vec<String> = pages()
        .into_iter()
        .filter(|p| !["404.html", "print.html", "toc.html"].contains(&p.as_str()))
        .collect();
    assert!(all.len() > 100, "{} pages", all.len());
    for name in &all {
        let doc = common::page(name);
        let canonical: Vec<&str> = doc
            .select(&sel(r#"link[rel="canonical"]"#))
            .filter_map(|l| l.value().attr("href"))
            .collect();
        let want = if name == "index.html" {
            common::SITE_URL.to_string()
        } else {
            format!("{}{name}", common::SITE_URL)
        };
        assert_eq!(canonical, [want.as_str()], "{name}");
        let formats: Vec<String> = doc
            .select(&common::sel("main details.report-cite figure"))
            .map(|f| {
                f.value()
                    .attr("data-format")
                    .unwrap_or_default()
                    .to_string()
            })
            .collect();
        assert_eq!(formats, ["bibtex", "ris", "csl-json"], "{name}");
        let bibtex: String = doc
            .select(&common::sel("main details.report-cite figure pre"))
            .next()
            .unwrap()
            .text()
            .collect();
        assert!(
            bibtex.contains(&format!("  url = {{{want}}},\n")),
            "{name}: {bibtex}"
        );
    }
}

#[test]
fn every_paragraph_of_the_report_has_a_permalink_to_its_own_id() {
    let mut paragraphs = 0;
    for chapter in common::summary_chapters() {
        let name = chapter.replace(".md", ".html");
        let doc = common::page(&name);
        for p in doc.select(&common::sel("main p:not([class]), main li:not([class])")) {
            let text: String = p.text().collect();
            let own = p
                .children()
                .any(|c| c.value().as_text().is_some_and(|t| !t.trim().is_empty()));
            // Raw HTML an editor wrote (the landing page's note on this edition) is not parsed
            // as Markdown: not the report's text.
            let in_html = p
                .ancestors()
                .filter_map(scraper::ElementRef::wrap)
                .take_while(|a| a.value().name() != "main")
                .any(|a| matches!(a.value().name(), "div" | "nav" | "details"));
            // A note's permalink is its own id (`#note-iv`, linked from every marker).
            let in_note = p
                .ancestors()
                .filter_map(scraper::ElementRef::wrap)
                .any(|a| {
                    a.value()
                        .has_class("endnote", scraper::CaseSensitivity::CaseSensitive)
                });
            if in_note {
                continue;
            }
            if !own || in_html || text.trim().is_empty() {
                continue;
            }
            paragraphs += 1;
            let id = p
                .select(&common::sel(":scope > span.anchor-target"))
                .next()
                .and_then(|s| s.value().attr("id"))
                .unwrap_or_else(|| panic!("{name}: no id in {text:?}"));
            let link = p
                .select(&common::sel(":scope > a.permalink"))
                .next()
                .unwrap_or_else(|| panic!("{name}: no permalink in {text:?}"));
            assert_eq!(link.value().attr("href"), Some(format!("#{id}").as_str()));
        }
    }
    assert!(paragraphs > 70, "{paragraphs} paragraphs");
}

#[test]
fn the_committed_citation_cff_is_the_one_book_toml_gives() {
    use mdbook_report::citation::{Format, of_book};
    let want = of_book(common::root(), Format::Cff).unwrap();
    let path = common::root().join("CITATION.cff");
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "CITATION.cff is not what book.toml gives: run `cargo run --release -- citation --format cff > CITATION.cff`\n{want}"
    );
}
