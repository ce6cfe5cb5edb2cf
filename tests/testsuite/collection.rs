//! A book of many documents (`tests/fixtures/books/collection`, three short resolutions written
//! for this test): a citation of a document of the book links to its chapter, a paragraph named
//! with it to the paragraph's anchor where the chapter has one, and each cited document ends
//! with "Cited by", whose entries are checked against a count made here from the sources; the
//! same chapters without `document:` front matter link as a single report does.

use crate::common::{self, sel};
use scraper::Html;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_mdbook-report");
const BOOK: &str = "tests/fixtures/books/collection";

/// Copies the fixture into a temporary directory, `edit`ing each chapter's text, then installs
/// and builds it with the link check (strict); the HTML directory.
fn build(edit: impl Fn(&str) -> String) -> (tempfile::TempDir, PathBuf) {
    let from = common::root().join(BOOK);
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book");
    for (rel, bytes) in common::files_under(&from) {
        let path = book.join(&rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let bytes = if rel.starts_with("src/a-res-") {
            edit(std::str::from_utf8(&bytes).unwrap()).into_bytes()
        } else {
            bytes
        };
        std::fs::write(path, bytes).unwrap();
    }
    for args in [&["install"][..], &["build"][..]] {
        let out = Command::new(BIN)
            .args(args)
            .arg("--book")
            .arg(&book)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {stderr}");
        if args == ["build"] {
            assert!(stderr.contains(": no problems"), "{stderr}");
        }
    }
    (dir, book.join("book/html"))
}

/// The fixture as it is, built once.
fn site() -> &'static Path {
    static SITE: std::sync::OnceLock<(tempfile::TempDir, PathBuf)> = std::sync::OnceLock::new();
    &SITE.get_or_init(|| build(str::to_string)).1
}

fn page(site: &Path, name: &str) -> Html {
    Html::parse_document(&std::fs::read_to_string(site.join(name)).unwrap())
}

/// Every link of `<main>` with `class`: (text, href).
fn links(doc: &Html, selector: &str) -> Vec<(String, String)> {
    doc.select(&sel(selector))
        .map(|a| {
            let text = a.text().collect::<String>();
            (text, a.value().attr("href").unwrap_or_default().to_string())
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn citations_of_documents_of_the_book_link_inside_the_site() {
    let p = page(site(), "a-res-90-2.html");
    assert_eq!(
        links(&p, "main a.document-symbol"),
        pairs(&[
            ("90/1", "a-res-90-1.html"),
            ("90/1", "a-res-90-1.html"),
            ("A/RES/90/3", "a-res-90-3.html"),
        ])
    );
    assert_eq!(p.select(&sel("main a.document-in-site")).count(), 3);
    // Resolution 90/1 has no paragraph 4: "4" stays text, and no anchor is made up.
    assert_eq!(
        links(&p, "main a.document-paragraph"),
        pairs(&[
            ("paragraph 2", "a-res-90-1.html#para-2"),
            ("paragraphs 1", "a-res-90-1.html#para-1"),
        ])
    );
    let text = p
        .select(&sel("main"))
        .next()
        .unwrap()
        .text()
        .collect::<String>();
    assert!(
        text.contains("paragraphs 1 and 4 of resolution 90/1"),
        "{text}"
    );
    // A resolution outside the book still goes to undocs.org.
    let p = page(site(), "a-res-90-3.html");
    assert_eq!(
        links(&p, "main a.document-symbol"),
        pairs(&[
            ("64/292", "https://undocs.org/en/A/RES/64/292"),
            ("90/1", "a-res-90-1.html"),
        ])
    );
}

#[test]
fn paragraph_links_reach_their_anchors() {
    let target = page(site(), "a-res-90-1.html");
    for (_, href) in links(
        &page(site(), "a-res-90-2.html"),
        "main a.document-paragraph",
    ) {
        let id = href.split_once('#').unwrap().1;
        assert_eq!(
            target.select(&sel(&format!("[id=\"{id}\"]"))).count(),
            1,
            "{href}"
        );
    }
}

/// The citations between documents, counted from the sources without the library: per citing
/// chapter and cited symbol, the paragraphs (blocks between blank lines, front matter and
/// headings left out) naming "90/N" or "A/RES/90/N" of another chapter of the book.
fn independent_count() -> BTreeMap<(String, String), usize> {
    let src = common::root().join(BOOK).join("src");
    let mut chapters: Vec<String> = std::fs::read_dir(&src)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("a-res-"))
        .collect();
    chapters.sort();
    let number = |name: &str| {
        name.trim_start_matches("a-res-90-")
            .trim_end_matches(".md")
            .to_string()
    };
    let mut out = BTreeMap::new();
    for name in &chapters {
        let text = std::fs::read_to_string(src.join(name)).unwrap();
        let body = text.splitn(3, "---\n").nth(2).unwrap();
        for para in body
            .split("\n\n")
            .filter(|p| !p.trim_start().starts_with('#'))
        {
            for other in &chapters {
                let n = number(other);
                let cited = [" 90/", "(A/RES/90/"].iter().any(|form| {
                    para.match_indices(form).any(|(at, m)| {
                        let rest = &para[at + m.len()..];
                        let digits: String =
                            rest.chars().take_while(char::is_ascii_digit).collect();
                        digits == n
                    })
                });
                if cited && other != name {
                    *out.entry((name.clone(), other.clone())).or_insert(0) += 1;
                }
            }
        }
    }
    out
}

#[test]
fn cited_by_counts_match_a_count_of_the_sources() {
    let expected = independent_count();
    // What the fixture was written to have: 90/2 cites 90/1 in two paragraphs and 90/3 in one,
    // 90/3 cites 90/1 in one.
    assert_eq!(expected.values().sum::<usize>(), 4, "{expected:?}");
    let mut shown = BTreeMap::new();
    for cited in ["a-res-90-1.md", "a-res-90-2.md", "a-res-90-3.md"] {
        let p = page(site(), &cited.replace(".md", ".html"));
        for li in p.select(&sel("main section.cited-by li")) {
            let a_sel = sel("a");
            let mut a = li.select(&a_sel);
            let chapter = a
                .next()
                .unwrap()
                .value()
                .attr("href")
                .unwrap()
                .replace(".html", ".md");
            shown.insert((chapter, cited.to_string()), a.count());
        }
    }
    assert_eq!(shown, expected);
}

#[test]
fn cited_by_links_go_to_the_citing_paragraphs_and_is_absent_when_nobody_cites() {
    let p = page(site(), "a-res-90-1.html");
    let section = p.select(&sel("main section.cited-by")).next().unwrap();
    assert_eq!(
        section
            .select(&sel("h2"))
            .next()
            .unwrap()
            .text()
            .collect::<String>(),
        "Cited by"
    );
    let entries: Vec<String> = section
        .select(&sel("li"))
        .map(|li| li.text().collect::<String>())
        .collect();
    assert_eq!(
        entries,
        [
            "90/2. Desalination and the sea: preamble, paragraph 1, paragraph 1",
            "90/3. Rain harvesting: preamble, paragraph 1",
        ]
    );
    for (_, href) in links(&p, "main section.cited-by li a") {
        let Some((file, id)) = href.split_once('#') else {
            continue;
        };
        let citing = page(site(), file);
        let anchored = citing
            .select(&sel(&format!("[id=\"{id}\"]")))
            .next()
            .unwrap_or_else(|| panic!("{href}"));
        // The anchor starts the paragraph that cites 90/1.
        let para = scraper::ElementRef::wrap(anchored.parent().unwrap()).unwrap();
        assert!(para.text().collect::<String>().contains("90/1"), "{href}");
    }
    let uncited = page(site(), "a-res-90-2.html");
    assert_eq!(uncited.select(&sel("section.cited-by")).count(), 0);
    assert_eq!(uncited.select(&sel("#report-cited-by")).count(), 0);
}

#[test]
fn without_document_front_matter_the_chapters_link_as_a_single_report() {
    let (_dir, site) = build(|text| text.splitn(3, "---\n").nth(2).unwrap().to_string());
    for name in ["a-res-90-1.html", "a-res-90-2.html", "a-res-90-3.html"] {
        let p = page(&site, name);
        assert_eq!(
            p.select(&sel(".document-in-site, .document-paragraph, .cited-by"))
                .count(),
            0
        );
        for (_, href) in links(&p, "main a.document-symbol") {
            assert!(href.starts_with("https://undocs.org/en/A/RES/"), "{href}");
        }
    }
}

#[test]
fn the_report_has_no_collection_markup() {
    for (name, bytes) in common::files_under(common::site()) {
        if name.ends_with(".html") {
            let html = String::from_utf8(bytes).unwrap();
            for class in [
                "document-in-site",
                "document-paragraph",
                "cited-by",
                "document-site-note",
                "documents-outside",
            ] {
                assert!(!html.contains(class), "{name}: {class}");
            }
        }
    }
}

#[test]
fn organisation_pages_count_mentions_per_document() {
    // Counted here from the sources: the name's occurrences outside front matter and headings.
    let src = common::root().join(BOOK).join("src");
    let mut expected: Vec<(String, String)> = Vec::new();
    for n in 1..=3 {
        let text = std::fs::read_to_string(src.join(format!("a-res-90-{n}.md"))).unwrap();
        let body = text.splitn(3, "---\n").nth(2).unwrap();
        let count = body
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| l.matches("Island Water Agency").count())
            .sum::<usize>();
        if count > 0 {
            expected.push((format!("A/RES/90/{n}"), count.to_string()));
        }
    }
    expected.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let p = page(site(), "organisations/island-water-agency.html");
    let rows: Vec<(String, String)> = p
        .select(&sel("table.org-documents tbody tr"))
        .map(|tr| {
            let cells: Vec<String> = tr
                .select(&sel("td"))
                .map(|td| td.text().collect())
                .collect();
            let symbol = cells[0].split_whitespace().next().unwrap().to_string();
            (symbol, cells[1].clone())
        })
        .collect();
    assert_eq!(rows, expected);
    let summary = p.select(&sel("table.org-documents")).next().unwrap();
    let intro = summary
        .prev_siblings()
        .find_map(scraper::ElementRef::wrap)
        .unwrap();
    assert_eq!(
        intro.text().collect::<String>(),
        "Named in 3 of the 3 resolutions of the book."
    );
}

#[test]
fn a_book_of_one_document_counts_no_documents() {
    // Only 90/1 keeps its `document:` part.
    let (_dir, site) = build(|text| {
        if text.contains("A/RES/90/1\"") {
            text.to_string()
        } else {
            text.splitn(3, "---\n").nth(2).unwrap().to_string()
        }
    });
    let p = page(&site, "organisations/island-water-agency.html");
    assert_eq!(p.select(&sel("table.org-documents")).count(), 0);
    let p = page(&site, "documents.html");
    assert_eq!(
        p.select(&sel("#documents-outside, ol.documents-outside"))
            .count(),
        0
    );
}

#[test]
fn the_documents_page_tells_documents_of_the_site_from_outside_ones_and_ranks_those() {
    let p = page(site(), "documents.html");
    let heads: Vec<(String, String)> = p
        .select(&sel("li.document-entry p.document-head"))
        .map(|head| {
            let a = head.select(&sel("a.document-symbol")).next().unwrap();
            let note = head.select(&sel(".document-site-note")).count();
            (
                a.value().attr("href").unwrap().to_string(),
                note.to_string(),
            )
        })
        .collect();
    assert_eq!(
        heads,
        pairs(&[
            ("https://undocs.org/en/A/RES/64/292", "0"),
            ("a-res-90-1.html", "1"),
            ("a-res-90-3.html", "1"),
        ])
    );
    // Counted here: the resolutions whose text names 64/292.
    let src = common::root().join(BOOK).join("src");
    let citing = (1..=3)
        .filter(|n| {
            std::fs::read_to_string(src.join(format!("a-res-90-{n}.md")))
                .unwrap()
                .contains("64/292")
        })
        .count();
    let ranked: Vec<String> = p
        .select(&sel("ol.documents-outside li"))
        .map(|li| li.text().collect())
        .collect();
    assert_eq!(
        ranked,
        [format!("A/RES/64/292: cited by {citing} resolutions")]
    );
}

#[test]
fn registry_suggest_lists_the_names_the_registry_lacks() {
    let suggest = |book: &Path| {
        let out = Command::new(BIN)
            .args(["registry", "suggest", "--book"])
            .arg(book)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let book = common::root().join(BOOK);
    // "The General Assembly," opens each resolution; the Island Water Agency is in the registry.
    let count = ["1", "2", "3"]
        .iter()
        .map(|n| {
            std::fs::read_to_string(book.join(format!("src/a-res-90-{n}.md")))
                .unwrap()
                .matches("The General Assembly,")
                .count()
        })
        .sum::<usize>();
    assert_eq!(
        suggest(&book),
        format!("{count:>5}  General Assembly  src/a-res-90-1.md:11\n")
    );
    // Once the registry has it, nothing is left to suggest.
    let dir = tempfile::tempdir().unwrap();
    for (rel, bytes) in common::files_under(&book) {
        let path = dir.path().join(&rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    let registry = dir.path().join("data/organisations.yaml");
    let text = std::fs::read_to_string(&registry).unwrap();
    std::fs::write(
        &registry,
        text + "  - id: general-assembly\n    name: General Assembly\n    kind: agency\n",
    )
    .unwrap();
    assert_eq!(suggest(dir.path()), "");
}

#[test]
fn a_documents_notes_are_archived_as_of_its_own_adoption() {
    // 90/3 was adopted on 2035-10-03 (its front matter); the book has no `date`.
    let p = page(site(), "a-res-90-3.html");
    let archived: Vec<(String, String)> = p
        .select(&sel(".archived-copy a"))
        .map(|a| {
            let attr = |name| a.value().attr(name).unwrap().to_string();
            (attr("href"), attr("title"))
        })
        .collect();
    // The title names the document whose day it is, not the book as a whole.
    assert_eq!(
        archived,
        [(
            "https://web.archive.org/web/20351003/https://example.org/rain-harvesting".to_owned(),
            "The web archive's copy nearest to 3 October 2035, when A/RES/90/3 was adopted (no access date given)".to_owned()
        )]
    );
}
