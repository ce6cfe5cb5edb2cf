//! The generated organisation pages on the real site: each GMG member's page links to every
//! chapter that mentions it, and every mention link lands on a paragraph of that chapter.

mod common;

use common::{page, sel, site};
use std::collections::BTreeSet;

/// Chapter pages (from the sidebar's order) that are report chapters, not generated pages.
fn report_pages() -> Vec<String> {
    common::summary_chapters()
        .iter()
        .map(|md| md.replace(".md", ".html"))
        .collect()
}

#[test]
fn each_gmg_member_page_links_to_every_chapter_and_paragraph_that_mentions_it() {
    let index = page("agencies/index.html");
    let members: Vec<String> = index
        .select(&sel("table.org-index tr"))
        .filter(|tr| tr.text().any(|t| t.contains("GMG member")))
        .filter_map(|tr| {
            tr.select(&sel("a"))
                .next()
                .and_then(|a| a.value().attr("href"))
                .map(String::from)
        })
        .collect();
    assert!(members.len() >= 15, "{members:?}");
    for org in members {
        // Chapters whose text links the organisation (its first mention per paragraph is linked).
        let mut expected = BTreeSet::new();
        for chapter in report_pages() {
            let doc = page(&chapter);
            if doc
                .select(&sel(&format!("main a.org[href='agencies/{org}']")))
                .next()
                .is_some()
            {
                expected.insert(chapter);
            }
        }
        let org_page = page(&format!("agencies/{org}"));
        let mut linked = BTreeSet::new();
        for a in org_page.select(&sel("ul.mentions a")) {
            let href = a.value().attr("href").unwrap();
            let (file, id) = href
                .trim_start_matches("../")
                .split_once('#')
                .expect("a paragraph link");
            let target = page(file);
            let paragraph = target
                .select(&sel(&format!("[id='{id}']")))
                .next()
                .unwrap_or_else(|| panic!("{org}: {href} has no target"));
            assert_eq!(
                paragraph.value().attr("class"),
                Some("anchor-target"),
                "{href}"
            );
            linked.insert(file.to_string());
        }
        let linked_report: BTreeSet<String> = linked
            .into_iter()
            .filter(|f| report_pages().contains(f))
            .collect();
        assert_eq!(linked_report, expected, "{org}");
    }
    assert!(site().join("agencies/unicef.html").is_file());
}

/// Eight chapters naming UNICEF, one per agenda item; the first describes a meeting it organises.
fn small_book() -> Vec<(String, String)> {
    (1..=8)
        .map(|n| {
            let meeting = if n == 1 {
                "meetings:\n  - id: m\n    title: M\n    date: \"2014-06\"\n    organisers: [unicef]\n    mention: UNICEF works\n"
            } else {
                ""
            };
            (
                format!("p{n}.md"),
                format!("---\nagenda-item: {n}\n{meeting}---\n# Item {n}\n\nUNICEF works here.\n"),
            )
        })
        .collect()
}

fn unicef_page(cfg: &mdbook_report::model::config::Config) -> String {
    let chapters = small_book();
    let refs: Vec<(&str, &str)> = chapters
        .iter()
        .map(|(p, c)| (p.as_str(), c.as_str()))
        .collect();
    let (book, diags) = common::transform_with(&refs, common::REGISTRY, cfg);
    assert_eq!(diags, "0 errors, 0 warnings");
    common::content(&book, "agencies/unicef.md")
}

#[test]
fn a_feature_switched_off_leaves_no_trace_on_the_organisation_pages() {
    let all = unicef_page(&common::book_config());
    assert!(
        all.contains("## Action points") && all.contains("## Meetings"),
        "{all}"
    );
    let mut cfg = common::book_config();
    cfg.agenda.enable = false;
    let page = unicef_page(&cfg);
    assert!(
        !page.contains("Action point") && page.contains("## Meetings"),
        "{page}"
    );
    let mut cfg = common::book_config();
    cfg.timeline.enable = false;
    let page = unicef_page(&cfg);
    assert!(
        page.contains("## Action points") && !page.contains("Meetings"),
        "{page}"
    );
}
