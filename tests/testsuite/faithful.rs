//! The published text is the report's text: every sentence of the source appears on the built
//! site, word for word and in order, and the report's chapters carry nothing else.
//!
//! The source (`tests/fixtures/source.txt`, a copy of the original) is reduced to its words:
//! endnote markers, emphasis asterisks and autolink brackets are dropped, typographic quotes are
//! unified (mdBook's smart punctuation curls them), whitespace is collapsed — which also rejoins
//! the page-break artefacts. The site's chapter pages, in `SUMMARY.md` order, are reduced the same
//! way, without the elements this project generates (endnote labels, boxes, back-links).

use crate::common;

use common::{main_text, normalise, page, sentences, source_lines, summary_chapters};

fn site_text(chapters: &[String]) -> String {
    let texts: Vec<String> = chapters
        .iter()
        .map(|md| main_text(&page(&md.replace(".md", ".html"))))
        .collect();
    normalise(&texts.join(" "))
}

#[test]
fn every_sentence_of_the_report_is_on_the_site_in_order_and_nothing_else() {
    let chapters = summary_chapters();
    let (landing, report) = chapters.split_first().expect("chapters");
    assert_eq!(landing, "index.md");
    let site = site_text(report);
    let lines = source_lines();
    // The title is on the landing page, not in a report chapter.
    let (title, rest) = lines.split_first().expect("lines");
    assert!(
        normalise(&main_text(&page("index.html"))).contains(title.as_str()),
        "the landing page shows the report's title"
    );
    let body: Vec<&str> = rest.iter().flat_map(|l| sentences(l)).collect();
    let mut missing = Vec::new();
    let mut extra = Vec::new();
    let mut pos = 0;
    for &sentence in &body {
        match site[pos..].find(sentence) {
            Some(i) => {
                let gap = site[pos..pos + i].trim();
                if !gap.is_empty() {
                    extra.push(gap.to_string());
                }
                pos += i + sentence.len();
            }
            None => missing.push(sentence),
        }
    }
    let tail = site[pos..].trim();
    if !tail.is_empty() {
        extra.push(tail.to_string());
    }
    assert!(
        body.len() > 300,
        "the source splits into sentences ({})",
        body.len()
    );
    assert!(
        missing.is_empty(),
        "{} sentences missing or altered, e.g.:\n{}",
        missing.len(),
        missing
            .iter()
            .take(5)
            .map(|s| format!("- {s}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(
        extra.is_empty(),
        "text on report pages that is not in the report:\n{}",
        extra
            .iter()
            .take(5)
            .map(|s| format!("- {s}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn the_comparison_fails_on_an_altered_sentence() {
    // Guard against a test that cannot fail: a one-word change is detected.
    let lines = source_lines();
    let sentence = sentences(&lines[2])[1];
    let altered = sentence.replacen("migration", "migrations", 1);
    assert_ne!(sentence, altered);
    let site = site_text(&summary_chapters()[1..]);
    assert!(site.contains(sentence));
    assert!(!site.contains(&altered));
}

#[test]
fn the_landing_page_says_the_annex_is_not_included() {
    let text = main_text(&page("index.html"));
    assert!(text.contains("Annex"), "{text}");
    assert!(text.contains("not included"), "{text}");
}

#[test]
fn no_stray_endnote_markers_or_front_matter_are_visible() {
    for md in summary_chapters() {
        let text = main_text(&page(&md.replace(".md", ".html")));
        for stray in ["ⁱ", "^{", "[^", "^v", "action-point:", "same-source:"] {
            assert!(!text.contains(stray), "{md} shows `{stray}`");
        }
    }
}
