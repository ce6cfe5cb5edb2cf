//! The agenda: declarations checked, chapter boxes, the overview and the matrix, whose every
//! count matches the mentions on the chapter's page; and an agenda of another shape (lettered
//! items, no chapter per item).

use crate::common;

use common::{REGISTRY, content, sel, transform, transform_with};
use mdbook_driver::MDBook;
use scraper::Html;
use std::collections::HashMap;

fn point(n: i64, body: &str) -> String {
    format!("---\nagenda-item: {n}\n---\n# Point {n}\n\n{body}\n")
}

fn eight() -> Vec<(String, String)> {
    (1..=8)
        .map(|n| {
            (
                format!("p{n}.md"),
                point(n, &format!("Opening {n}. UNICEF acts here.")),
            )
        })
        .collect()
}

fn as_refs(v: &[(String, String)]) -> Vec<(&str, &str)> {
    v.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect()
}

#[test]
fn each_configured_item_needs_exactly_one_chapter() {
    let mut chapters = eight();
    chapters[2].1 = point(2, "dup");
    chapters[4].1 = point(9, "out of range");
    let (_, diags) = transform(&as_refs(&chapters));
    assert_eq!(
        diags,
        "src/p1.md:2:14: error: no chapter declares action points 3 and 5 [agenda-item-missing]
  = hint: add `agenda-item: LABEL` to the front matter of the chapter that reports on each action point
src/p3.md:2:14: error: action point `2` is declared twice [agenda-item-duplicate]
  = hint: `src/p2.md` already declares it; each action point has one chapter
src/p5.md:2:14: error: action point `9` is not on the agenda [agenda-item-unknown]
  = hint: the agenda's action points are `1` to `8`
3 errors, 0 warnings"
    );
}

#[test]
fn a_declaration_without_configured_items_says_where_to_list_them() {
    let mut cfg = common::feature_config();
    cfg.agenda.items.clear();
    let (_, diags) = transform_with(&[("a.md", &point(1, "x"))], REGISTRY, &cfg);
    assert_eq!(
        diags,
        "src/a.md:2:14: error: action point `1` is not on the agenda [agenda-item-unknown]
  = hint: list the agenda's items under `items` in `[preprocessor.report.agenda]`
1 error, 0 warnings"
    );
}

/// Five lettered priority areas listed in the text, no chapter for each.
fn lettered() -> mdbook_report::config::Config {
    let mut cfg = common::feature_config();
    let agenda = &mut cfg.agenda;
    agenda.title = "Priority areas".into();
    agenda.item = "priority area".into();
    agenda.name = String::new();
    agenda.numbering = mdbook_report::config::Numbering::parse("(a)").unwrap();
    agenda.items = ["Trade", "Transit", "Means of implementation"]
        .map(String::from)
        .to_vec();
    agenda.phrases = vec!["three priority areas".into()];
    agenda.introduction = "The {document} names {count} {items}.".into();
    cfg
}

#[test]
fn an_agenda_listed_in_the_text_links_to_its_items_on_the_overview() {
    let (book, diags) = transform_with(
        &[(
            "a.md",
            "# A\n\nIn its three priority areas, and [transit](agenda:b) first.\n",
        )],
        REGISTRY,
        &lettered(),
    );
    assert_eq!(diags, "0 errors, 0 warnings");
    assert_eq!(
        content(&book, "a.md"),
        "# A\n\nIn its <a class=\"agenda-ref\" href=\"agenda.html\">three priority areas</a>, and [transit](agenda.html#item-b) first.\n"
    );
    let overview = content(&book, "agenda.md");
    assert!(
        overview.starts_with(
            "<h1 id=\"priority-areas\"><a class=\"header\" href=\"#priority-areas\">Priority areas</a></h1>\n\
             <p class=\"report-generated\">The report names 3 priority areas.</p>\n\
             <h2 id=\"priority-area-a-trade\"><a class=\"header\" href=\"#priority-area-a-trade\">Priority area (a): Trade</a></h2>\n\
             <div class=\"agenda-item report-generated\" id=\"item-a\">\n</div>\n\
             <h2 id=\"priority-area-b-transit\"><a class=\"header\" href=\"#priority-area-b-transit\">Priority area (b): Transit</a></h2>\n"
        ),
        "{overview}"
    );
    // No chapter reports on an item: no matrix.
    assert!(!overview.contains("agenda-matrix"), "{overview}");
}

#[test]
fn an_unknown_agenda_link_names_the_labels() {
    let (_, diags) = transform_with(&[("a.md", "See [x](agenda:d).\n")], REGISTRY, &lettered());
    assert_eq!(
        diags,
        "src/a.md:1:5: error: `agenda:d` names no priority area of the agenda [agenda-link-unknown]
  = hint: the agenda's priority areas are `agenda:a` to `agenda:c`
1 error, 0 warnings"
    );
}

#[test]
fn without_configured_items_the_agenda_leaves_no_trace() {
    let mut cfg = common::feature_config();
    cfg.agenda.items.clear();
    // A page for an organisation the text does not name, to look at.
    cfg.organisations.pages = mdbook_report::config::OrgPages::All;
    let (book, diags) = transform_with(&[("a.md", "The eight-point agenda.\n")], REGISTRY, &cfg);
    assert_eq!(diags, "0 errors, 0 warnings");
    assert_eq!(content(&book, "a.md"), "The eight-point agenda.\n");
    assert!(
        book.chapters()
            .all(|c| c.path.as_deref() != Some(std::path::Path::new("agenda.md")))
    );
    let unicef = content(&book, "agencies/unicef.md");
    assert!(!unicef.contains("Action points"), "{unicef}");
}

#[test]
fn each_point_chapter_opens_with_its_box() {
    let chapters = eight();
    let (book, diags) = transform(&as_refs(&chapters));
    assert_eq!(diags, "0 errors, 0 warnings");
    let p2 = content(&book, "p2.md");
    assert!(
        p2.starts_with(
            "# Point 2\n\n<nav class=\"agenda-box report-generated\" aria-label=\"Action point 2 of 8\">\n\
             <p class=\"agenda-box-position\"><a href=\"agenda.html\">Action point 2 of 8</a> of the Secretary-General’s eight-point agenda for action</p>\n\
             <p class=\"agenda-box-orgs\">Organisations active: <a href=\"agencies/unicef.html\" title=\"United Nations Children&#39;s Fund\">UNICEF</a></p>\n\
             <p class=\"agenda-box-nav\"><a rel=\"prev\" href=\"p1.html\">Previous action point: 1. p1</a> <a rel=\"next\" href=\"p3.html\">Next action point: 3. p3</a></p>\n\
             </nav>\n\n<span id=\"p-opening-2-unicef-acts-here\" class=\"anchor-target\"></span>Opening 2."
        ),
        "{p2}"
    );
    assert!(!content(&book, "p1.md").contains("rel=\"prev\""));
    assert!(!content(&book, "p8.md").contains("rel=\"next\""));
}

#[test]
fn without_organisations_the_box_and_overview_still_work() {
    let chapters = eight();
    let mut cfg = common::feature_config();
    cfg.organisations.enable = false;
    let (book, diags) = transform_with(&as_refs(&chapters), REGISTRY, &cfg);
    assert_eq!(diags, "0 errors, 0 warnings");
    let p2 = content(&book, "p2.md");
    assert!(
        p2.contains("Action point 2 of 8") && !p2.contains("Organisations active"),
        "{p2}"
    );
    let overview = content(&book, "agenda.md");
    assert!(
        overview.contains("Opening 8.") && !overview.contains("agenda-matrix"),
        "{overview}"
    );
}

#[test]
fn agenda_phrases_and_point_links_are_linked() {
    let mut chapters = eight();
    chapters.push((
        "intro.md".into(),
        "The eight-point agenda for action and the eight-point action agenda; see [the second point](agenda:2) and [x](agenda:12).\n".into(),
    ));
    let (book, diags) = transform(&as_refs(&chapters));
    assert!(diags.contains("src/intro.md:1:107: error: `agenda:12` names no action point of the agenda [agenda-link-unknown]"), "{diags}");
    assert_eq!(
        content(&book, "intro.md"),
        "The <a class=\"agenda-ref\" href=\"agenda.html\">eight-point agenda for action</a> and the \
         <a class=\"agenda-ref\" href=\"agenda.html\">eight-point action agenda</a>; see [the second point](p2.html) and [x](agenda:12).\n"
    );
}

#[test]
fn the_overview_quotes_each_opening_sentence_in_order() {
    let (book, _) = transform(&as_refs(&eight()));
    let overview = content(&book, "agenda.md");
    let positions: Vec<usize> = (1..=8)
        .map(|n| overview.find(&format!("Opening {n}.</p>")).unwrap())
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]));
}

/// Builds the real book with every mention linked and returns the HTML of each page.
fn site_with_every_mention_linked() -> HashMap<String, Html> {
    let dir = tempfile::tempdir().unwrap();
    let mut md = MDBook::load(common::root()).unwrap();
    md.config
        .set("preprocessor.report.organisations.link", "every")
        .unwrap();
    md.config.build.build_dir = dir.path().to_path_buf();
    mdbook_report::build::register(&mut md);
    md.build().unwrap();
    let html = md.build_dir_for("html");
    let mut pages = HashMap::new();
    for entry in std::fs::read_dir(&html).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "html") {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            pages.insert(
                name,
                Html::parse_document(&std::fs::read_to_string(&path).unwrap()),
            );
        }
    }
    pages
}

#[test]
fn every_matrix_count_matches_the_mentions_on_the_chapter_page() {
    let pages = site_with_every_mention_linked();
    let overview = &pages["agenda.html"];
    let head: Vec<String> = overview
        .select(&sel(".agenda-matrix thead th abbr"))
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(head, ["1", "2", "3", "4", "5", "6", "7", "8"]);
    // Point n → its chapter page, from the overview's "Read section" links.
    let chapters: Vec<String> = overview
        .select(&sel(".agenda-item p.read-section > a"))
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(chapters.len(), 8);
    let mut cells = 0;
    for row in overview.select(&sel(".agenda-matrix tbody tr")) {
        let org = row
            .select(&sel("th a"))
            .next()
            .unwrap()
            .value()
            .attr("href")
            .unwrap()
            .to_string();
        for (i, td) in row.select(&sel("td")).take(8).enumerate() {
            let shown: usize = td.text().collect::<String>().parse().unwrap_or(0);
            let page = &pages[&chapters[i]];
            let on_page = page
                .select(&sel(&format!("main a.org[href='{org}']")))
                .count();
            assert_eq!(shown, on_page, "{org} under point {}", i + 1);
            if let Some(a) = td.select(&sel("a")).next() {
                // The cell links to a paragraph of that chapter that exists.
                let href = a.value().attr("href").unwrap();
                let (file, id) = href.split_once('#').unwrap();
                assert_eq!(file, chapters[i]);
                assert!(
                    page.select(&sel(&format!("[id='{id}']"))).next().is_some(),
                    "{href}"
                );
                cells += 1;
            }
        }
    }
    assert!(cells > 100, "{cells} non-empty cells");
}

#[test]
fn the_matrix_is_an_accessible_table() {
    let pages = site_with_every_mention_linked();
    let overview = &pages["agenda.html"];
    assert!(
        overview
            .select(&sel(
                ".matrix-scroll[role=region][tabindex='0'] table.agenda-matrix caption"
            ))
            .next()
            .is_some()
    );
    assert_eq!(
        overview
            .select(&sel(".agenda-matrix thead th[scope=col]"))
            .count(),
        10
    );
    assert!(
        overview
            .select(&sel(".agenda-matrix tbody th[scope=row]"))
            .count()
            > 40
    );
}
