//! Every page of the built site tells search engines and link previews what it is: its own
//! `<meta name="description">` (front matter, or the page's opening words) and Open Graph tags.

mod common;

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
