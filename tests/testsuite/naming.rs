//! One naming is one mention: "Full Name (ACRONYM)" counts once wherever a count is shown or
//! exported. A small book with such namings (and near misses that are two mentions), then the
//! real book's counts against an independent count: the namings found by a plain scan of the
//! Markdown in `src/`, with the registry read here, not by the code under test.

use crate::common;

use common::site;
use std::collections::{BTreeMap, HashMap};

/// A chapter naming UNICEF four times and ILO three times, once each as "Name (ACRONYM)", once
/// the other way round, once with a possessive before the parenthesis; and near misses.
const NAMINGS: &str = "# Namings\n\n\
    The United Nations Children's Fund (UNICEF) met the International Labour Organization’s (ILO) office.\n\n\
    UNICEF (United Nations Children's Fund) spoke; later UNICEF spoke again.\n\n\
    The International Labour Organization (UNICEF) is two namings, and so is ILO (ILO, 2013).\n";

fn namings_book(link: mdbook_report::config::LinkMode) -> mdbook_preprocessor::book::Book {
    let mut cfg = common::feature_config();
    cfg.organisations.link = link;
    let (book, diags) = common::transform_with(&[("namings.md", NAMINGS)], common::REGISTRY, &cfg);
    assert_eq!(diags, "0 errors, 0 warnings");
    book
}

/// The "N mentions in M chapters" line and the marked words of each mention listed on an
/// organisation's page.
fn mentions_of(book: &mdbook_preprocessor::book::Book, org: &str) -> (String, Vec<String>) {
    let page = common::content(book, &format!("agencies/{org}.md"));
    let summary = page
        .lines()
        .find(|l| l.contains(" in 1 chapter"))
        .unwrap_or_else(|| panic!("no count on {org}'s page:\n{page}"))
        .to_string();
    let doc = scraper::Html::parse_fragment(&page);
    let marked = doc
        .select(&common::sel("ul.mentions mark"))
        .map(|e| e.text().collect())
        .collect();
    (summary, marked)
}

#[test]
fn a_full_name_with_its_acronym_in_parentheses_is_one_mention() {
    use mdbook_report::config::LinkMode;
    let book = namings_book(LinkMode::FirstPerParagraph);
    let (count, marked) = mentions_of(&book, "unicef");
    assert_eq!(
        count,
        "<p class=\"report-generated\">4 mentions in 1 chapter.</p>"
    );
    assert_eq!(
        marked,
        [
            "United Nations Children’s Fund (UNICEF)",
            "UNICEF (United Nations Children’s Fund)",
            "UNICEF",
            "UNICEF",
        ]
    );
    // A parenthesis holding more than the acronym ("ILO, 2013") or another organisation's
    // acronym leaves two namings.
    let (count, marked) = mentions_of(&book, "ilo");
    assert_eq!(
        count,
        "<p class=\"report-generated\">4 mentions in 1 chapter.</p>"
    );
    assert_eq!(
        marked,
        [
            "International Labour Organization’s (ILO)",
            "International Labour Organization",
            "ILO",
            "ILO",
        ]
    );
}

#[test]
fn a_naming_is_linked_once_even_when_every_mention_is() {
    use mdbook_report::config::LinkMode;
    let content = common::content(&namings_book(LinkMode::Every), "namings.md");
    let first = content.lines().nth(2).expect("the first paragraph");
    assert_eq!(
        first,
        "<span id=\"p-the-united-nations-children-s-fund\" class=\"anchor-target\"></span>The <a class=\"org\" href=\"agencies/unicef.html\">United Nations Children’s Fund</a> (UNICEF) met the <a class=\"org\" href=\"agencies/ilo.html\">International Labour Organization</a>’s (ILO) office."
    );
    // Two namings in parentheses stay two links.
    assert_eq!(
        content
            .matches("<abbr title=\"International Labour Organization\">ILO</abbr>")
            .count(),
        2,
        "{content}"
    );
}

#[test]
fn an_explicit_link_in_the_naming_is_kept_and_rewritten() {
    let chapter = "# E\n\nThe United Nations Children's Fund ([UNICEF](org:unicef)) and [ILO](org:ilo) ([the Office](org:ilo)).\n";
    let (book, diags) = common::transform(&[("e.md", chapter)]);
    assert_eq!(diags, "0 errors, 0 warnings");
    let content = common::content(&book, "e.md");
    assert!(
        content.ends_with(
            "The United Nations Children’s Fund ([UNICEF](agencies/unicef.html)) and [ILO](agencies/ilo.html) ([the Office](agencies/ilo.html)).\n"
        ),
        "{content}"
    );
    assert!(
        common::content(&book, "agencies/unicef.md").contains(">1 mention in 1 chapter.<"),
        "one naming"
    );
    // Two explicit links are two namings: each is rewritten.
    assert!(common::content(&book, "agencies/ilo.md").contains(">2 mentions in 1 chapter.<"));
}

/// book.toml's `never-link`: phrases whose organisation names are not mentions.
const NEVER_LINK: &[&str] = &["United Nations Global Migration Database"];

/// A chapter's prose as a reader sees it, by plain text surgery on its Markdown: no front
/// matter, headings, HTML comments or blocks, inline HTML elements (an editor's way to keep a
/// name unlinked), code, link or image text (but an `org:` link's text kept as the naming it
/// is), addresses, emphasis marks or escapes; paragraphs on one line each.
fn prose(markdown: &str) -> Vec<String> {
    let re = |p: &str| regex::Regex::new(p).unwrap();
    let body = match markdown.strip_prefix("---\n") {
        Some(rest) => rest.split_once("\n---\n").expect("closed front matter").1,
        None => markdown,
    };
    let body = re(r"(?s)<!--.*?-->").replace_all(body, "");
    let body = re(r"\{\{#[^}]*\}\}").replace_all(&body, "");
    let mut paragraphs = Vec::new();
    for para in body.split("\n\n") {
        let lines: Vec<&str> = para
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .collect();
        // An HTML block (a paragraph that starts with a tag) is not prose.
        if lines
            .first()
            .is_some_and(|l| l.trim_start().starts_with('<'))
        {
            continue;
        }
        paragraphs.push(lines.join(" "));
    }
    let steps: [(&str, &str); 8] = [
        (r"<(\w+)[^>]*>.*?</(\w+)>", " "),
        (r"`[^`]*`", " "),
        (r"!\[[^\]]*\]\([^)]*\)", " "),
        (r"\[([^\]]*)\]\(org:[^)]*\)", "$1"),
        (r"\[[^\]^][^\]]*\]\([^)]*\)", " "),
        (r"(?:https?://|www\.)\S+", " "),
        (r"\\(.)", "$1"),
        (r"\*+", ""),
    ];
    paragraphs
        .into_iter()
        .map(|mut p| {
            for (pattern, with) in steps {
                p = re(pattern).replace_all(&p, with).into_owned();
            }
            p.replace('’', "'")
        })
        .collect()
}

/// The namings of organisations in `text` (one paragraph): at each place the longest form or
/// never-linked phrase that stands as whole words, none inside a document symbol
/// (`A/HRC/17/31`); a form right after another form of the same organisation, alone in
/// parentheses, is the same naming.
fn namings(text: &str, forms: &[(String, Option<usize>)]) -> Vec<usize> {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    let mut found: Vec<(usize, usize, usize)> = Vec::new(); // (start, end, org)
    let mut at = 0;
    while at < text.len() {
        let longest = forms
            .iter()
            .filter(|(f, _)| {
                text[at..].starts_with(f.as_str())
                    && !word(text[..at].chars().next_back())
                    && !word(text[at + f.len()..].chars().next())
            })
            .max_by_key(|(f, _)| f.len());
        match longest {
            Some((f, org)) => {
                let token_start = text[..at].rfind(' ').map_or(0, |i| i + 1);
                let token_end = text[at..].find(' ').map_or(text.len(), |i| at + i);
                let token = &text[token_start..token_end];
                let symbol = token.contains('/')
                    && token
                        .split('/')
                        .any(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()));
                if let (Some(org), false) = (org, symbol) {
                    found.push((at, at + f.len(), *org));
                }
                at += f.len();
            }
            None => at += text[at..].chars().next().map_or(1, char::len_utf8),
        }
    }
    let mut out: Vec<(usize, usize, usize)> = Vec::new();
    for (start, end, org) in found {
        if let Some(last) = out.last_mut() {
            let between = text[last.1..start].trim_start_matches("'s");
            if last.2 == org && between.trim() == "(" && text[end..].starts_with(')') {
                last.1 = end;
                continue;
            }
        }
        out.push((start, end, org));
    }
    out.into_iter().map(|(.., org)| org).collect()
}

/// Namings per organisation id and per chapter file, counted in `src/`.
fn independent_counts() -> BTreeMap<String, BTreeMap<String, usize>> {
    let orgs = common::registry();
    let mut forms: Vec<(String, Option<usize>)> = Vec::new();
    for (i, o) in orgs.iter().enumerate() {
        for f in o.spellings() {
            forms.push((f.replace('’', "'"), Some(i)));
        }
    }
    forms.extend(NEVER_LINK.iter().map(|p| (p.to_string(), None)));
    let mut out: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for chapter in common::summary_chapters() {
        let markdown = std::fs::read_to_string(common::root().join("src").join(&chapter)).unwrap();
        for paragraph in prose(&markdown) {
            for org in namings(&paragraph, &forms) {
                *out.entry(orgs[org].id.clone())
                    .or_default()
                    .entry(chapter.clone())
                    .or_default() += 1;
            }
        }
    }
    out
}

#[test]
fn the_real_books_counts_are_its_namings_counted_independently() {
    let expected = independent_counts();
    let total = |id: &str| -> usize { expected.get(id).map_or(0, |c| c.values().sum()) };
    // organisations.csv, column `mentions`.
    let mut reader = csv::Reader::from_path(site().join("organisations.csv")).unwrap();
    let mut exported: BTreeMap<String, usize> = BTreeMap::new();
    for row in reader.records() {
        let row = row.unwrap();
        exported.insert(row[0].to_string(), row[8].parse().unwrap());
    }
    let differences: Vec<String> = exported
        .iter()
        .filter(|(id, n)| total(id) != **n)
        .map(|(id, n)| format!("{id}: {n} exported, {} named", total(id)))
        .collect();
    assert!(differences.is_empty(), "{}", differences.join("\n"));
    // The ones the issue named: one naming each, and UNHCR's page lists no sentence twice.
    assert_eq!((total("aptwg"), total("celac")), (1, 1));
    // mentions.csv: one row per naming.
    let rows = csv::Reader::from_path(site().join("mentions.csv"))
        .unwrap()
        .records()
        .count();
    assert_eq!(rows, exported.values().sum::<usize>());
    // network.json's node sizes.
    let net: mdbook_report::data::NetworkFile =
        serde_json::from_str(&std::fs::read_to_string(site().join("network.json")).unwrap())
            .unwrap();
    for node in &net.nodes {
        assert_eq!(node.mentions, total(&node.id), "network.json: {}", node.id);
    }
    // The previews: "11 mentions in 7 chapters".
    let previews = std::fs::read_dir(site())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("report-previews-"))
        .expect("the previews' data file");
    let previews = std::fs::read_to_string(previews).unwrap();
    let json = previews
        .strip_prefix("reportPreviewsLoaded(")
        .and_then(|p| p.trim_end().strip_suffix(");"))
        .expect("the previews' script");
    let previews: serde_json::Value = serde_json::from_str(json).unwrap();
    for (id, chapters) in &expected {
        let n = total(id);
        let phrase = format!(
            "{n} mention{} in {} chapter{}",
            if n == 1 { "" } else { "s" },
            chapters.len(),
            if chapters.len() == 1 { "" } else { "s" }
        );
        let shown = &previews["orgs"][format!("agencies/{id}.html")]["mentions"];
        assert_eq!(shown, &serde_json::json!(phrase), "the preview of {id}");
    }
    // The heat map: each organisation's namings in each action point's chapter.
    let chapter_of_item: HashMap<String, String> = common::summary_chapters()
        .into_iter()
        .filter_map(|ch| {
            let text = std::fs::read_to_string(common::root().join("src").join(&ch)).unwrap();
            let item = text
                .lines()
                .find_map(|l| l.strip_prefix("agenda-item: "))?
                .trim()
                .to_string();
            Some((item, ch))
        })
        .collect();
    let mut reader = csv::Reader::from_path(site().join("agenda-matrix.csv")).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    for row in reader.records() {
        let row = row.unwrap();
        for (column, cell) in header.iter().zip(row.iter()).skip(2) {
            let Some(chapter) = chapter_of_item.get(column) else {
                continue;
            };
            let named = expected
                .get(&row[0])
                .and_then(|c| c.get(chapter))
                .copied()
                .unwrap_or(0);
            assert_eq!(cell, named.to_string(), "{} under {column}", &row[0]);
        }
    }
}
