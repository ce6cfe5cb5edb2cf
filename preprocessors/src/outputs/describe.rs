//! Per-page descriptions for search engines and link previews.
//!
//! mdBook writes the same `<meta name="description">` (`book.description`) into every page, and
//! its template sees nothing of a chapter but its name, path and rendered content, so a page's
//! own description cannot reach `<head>` through the template (the post-build step also writes the
//! Open Graph tags: title, site name, type). It takes two steps:
//!
//! 1. [`annotate`] (preprocessor, after every feature): each page gets a marker comment at the
//!    end of its content, `<!-- report-meta {"title":"…","description":"…","kind":"chapter",…} -->`
//!    (the title is for its citation, [`super::cite`]; the kind, path, item and organisation for
//!    the search index and the print page, [`super::search`], [`super::print`]). The
//!    description is the chapter's front matter `description:`; else, for an organisation page,
//!    the configured sentence (`description` under `[preprocessor.report.organisations]`);
//!    else the page's opening words (the document's chapters: its own words, cut at a word near
//!    [`MAX_CHARS`]).
//! 2. [`take`] and [`apply`] (post-build renderer, after mdBook's HTML renderer): in every page
//!    with one marker, the marker is removed and its description replaces mdBook's
//!    `<meta name="description">`, followed by `<meta property="og:description">`. The print page
//!    (every chapter's marker) keeps the book's description; [`strip_markers`] removes its
//!    markers once [`metas`] has read them.
//!
//! Without the post-build step (`mdbook serve`) the markers stay as harmless comments.

use crate::base::markdown::append_block;
use crate::base::text::{plural, shorten, squash};
use crate::config::Config;
use crate::features::agenda::Agenda;
use crate::features::organisations::{Mention, Organisations};
use crate::model::{Model, OrgId};
use mdbook_preprocessor::book::{Book, BookItem};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Descriptions are cut at a word boundary before this many characters (search engines show
/// about 155).
pub(crate) const MAX_CHARS: usize = 160;

const OPEN: &str = "<!-- report-meta ";
const CLOSE: &str = " -->";

/// What a page is: the document's own chapter, or a page generated from it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum PageKind {
    /// A chapter of the document (in `SUMMARY.md`).
    #[default]
    Chapter,
    /// A generated overview: the agenda's, the timeline, the organisation index.
    Overview,
    /// An organisation's page.
    Organisation,
}

/// What a page says about itself, for its `<head>`, its citation, the search index and the print
/// page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct PageMeta {
    /// Its title as the sidebar shows it ("2.1. Protect …"), for its citation.
    pub title: String,
    /// One or two sentences, plain text (empty: the book's description stays).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// What the page is.
    pub kind: PageKind,
    /// Its path in the site (`agencies/who.html`): the print page's chapters need it.
    pub path: String,
    /// The agenda item (bare label) a chapter reports on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// The organisation (id) an organisation page is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub org: Option<String>,
}

/// The marker comment carrying `meta`. `--` never appears inside it (JSON-escaped), so the
/// comment cannot end early.
pub(crate) fn marker(meta: &PageMeta) -> String {
    let json = serde_json::to_string(meta)
        .expect("serialisable")
        .replace("--", "-\\u002d");
    format!("{OPEN}{json}{CLOSE}")
}

/// Gives every chapter of `book` its description marker (see the module documentation).
pub(crate) fn annotate(
    book: &mut Book,
    model: &Model,
    orgs: Option<&Organisations>,
    agenda: Option<&Agenda>,
    cfg: &Config,
) {
    // Looked up once per page: by path, not by a search through every chapter and organisation.
    let index = Index {
        chapters: model
            .chapters
            .iter()
            .map(|c| (c.path.as_path(), c.id))
            .rev() // the first chapter with a path wins, as `Model::chapter` finds it
            .collect(),
        orgs: orgs.map_or_else(HashMap::new, |o| {
            let dir = o.directory();
            dir.iter().map(|(i, _)| (dir.page(i), i)).collect()
        }),
        mentions: orgs.map(Organisations::by_org).unwrap_or_default(),
    };
    book.for_each_mut(|item| {
        let BookItem::Chapter(ch) = item else { return };
        let Some(path) = ch.path.clone() else { return };
        let description = describe(&path, &ch.content, model, orgs, cfg, &index);
        let title = match &ch.number {
            Some(n) => format!("{n} {}", ch.name),
            None => ch.name.clone(),
        };
        let chapter = index.chapters.get(path.as_path()).copied();
        let org = index.orgs.get(&path).copied();
        let meta = PageMeta {
            title,
            description: description.unwrap_or_default(),
            kind: match (chapter, org) {
                (Some(_), _) => PageKind::Chapter,
                (None, Some(_)) => PageKind::Organisation,
                (None, None) => PageKind::Overview,
            },
            path: path
                .with_extension("html")
                .to_string_lossy()
                .replace('\\', "/"),
            item: chapter
                .and_then(|c| agenda.and_then(|a| a.item_of(c)))
                .map(|i| i.label.clone()),
            org: org.zip(orgs).map(|(i, o)| o.directory().org(i).id.clone()),
        };
        // At the end: what a page starts with stays as the features made it.
        append_block(&mut ch.content, &marker(&meta));
    });
}

/// Chapters and organisation pages by path, and each organisation's mentions.
struct Index<'a> {
    chapters: HashMap<&'a Path, crate::model::ChapterId>,
    orgs: HashMap<PathBuf, OrgId>,
    mentions: Vec<Vec<&'a Mention>>,
}

fn describe(
    path: &Path,
    content: &str,
    model: &Model,
    orgs: Option<&Organisations>,
    cfg: &Config,
    index: &Index<'_>,
) -> Option<String> {
    if let Some(ch) = index.chapters.get(path).map(|&i| model.chapter(i)) {
        if let Some(d) = &ch.front().description {
            return Some(squash(&d.value));
        }
        let block = ch.doc.blocks.iter().find(|b| !b.text.trim().is_empty())?;
        return Some(shorten(&squash(&block.text), MAX_CHARS));
    }
    if let Some(orgs) = orgs
        && let Some(&i) = index.orgs.get(path)
    {
        let name = orgs.directory().org(i).display_name();
        let counted = mentions_phrase(&index.mentions[i.0]);
        return Some(cfg.phrase(
            &cfg.organisations.description,
            &[("name", &name), ("mentions", &counted)],
        ));
    }
    first_paragraph(content).map(|p| shorten(&p, MAX_CHARS))
}

/// "12 mentions in 5 chapters" (mentions in reading order), or "named" for none.
pub(crate) fn mentions_phrase(mentions: &[&Mention]) -> String {
    let mut chapters: Vec<_> = mentions.iter().map(|m| m.chapter).collect();
    chapters.dedup();
    match mentions.len() {
        0 => "named".to_string(),
        n => format!(
            "{} in {}",
            plural(n, "mention"),
            plural(chapters.len(), "chapter")
        ),
    }
}

/// The plain text of the first `<p …>…</p>` of a generated page (its introduction).
fn first_paragraph(content: &str) -> Option<String> {
    let start = content.find("<p")?;
    let open_end = start + content[start..].find('>')? + 1;
    let end = open_end + content[open_end..].find("</p>")?;
    let text = strip_tags(&content[open_end..end]);
    let text = squash(&decode_entities(&text));
    (!text.is_empty()).then_some(text)
}

fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Decodes the entities [`crate::base::html::text`] writes (`&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#N;`).
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find(';').filter(|&e| e <= 8) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix('#')
                .and_then(|n| n.parse::<u32>().ok())
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Every marker of `html`, in order (those that do not parse are skipped): what each chapter of
/// the print page is.
pub(crate) fn metas(html: &str) -> Vec<PageMeta> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(OPEN) {
        let json = &rest[start + OPEN.len()..];
        let Some(end) = json.find(CLOSE) else { break };
        out.extend(serde_json::from_str(&json[..end]).ok());
        rest = &json[end..];
    }
    out
}

/// Takes the page's marker out of `html`: the page without it, and what it says. `None` when
/// the page has no marker or several (the print page: see [`strip_markers`]).
pub(crate) fn take(html: &str) -> Option<(String, PageMeta)> {
    let start = html.find(OPEN)?;
    if html[start + OPEN.len()..].contains(OPEN) {
        return None;
    }
    let json_start = start + OPEN.len();
    let json_end = json_start + html[json_start..].find(CLOSE)?;
    let meta: PageMeta = serde_json::from_str(&html[json_start..json_end]).ok()?;
    let mut marker_end = json_end + CLOSE.len();
    // The marker's own line break(s), so no blank line is left behind.
    while html[marker_end..].starts_with('\n') {
        marker_end += 1;
    }
    Some((format!("{}{}", &html[..start], &html[marker_end..]), meta))
}

/// Puts `meta`'s description into the page's `<head>`: it replaces mdBook's
/// `<meta name="description">`, followed by `og:description`. A page without a description, or
/// without that tag, is returned as it is.
pub(crate) fn apply(html: String, meta: &PageMeta) -> String {
    let tag = "<meta name=\"description\" content=\"";
    let Some(tag_start) = html.find(tag).filter(|_| !meta.description.is_empty()) else {
        return html;
    };
    let Some(tag_end) = html[tag_start..].find('>').map(|e| tag_start + e + 1) else {
        return html;
    };
    format!(
        "{}{}\n        {}{}",
        &html[..tag_start],
        crate::base::html::meta("name", "description", &meta.description),
        crate::base::html::meta("property", "og:description", &meta.description),
        &html[tag_end..]
    )
}

/// `html` without its markers, if it has several (the print page has every chapter's).
pub(crate) fn strip_markers(html: &str) -> Option<String> {
    if html.matches(OPEN).count() < 2 {
        return None;
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(OPEN) {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let Some(end) = after.find(CLOSE) else {
            out.push_str(after);
            return Some(out);
        };
        rest = after[end + CLOSE.len()..].trim_start_matches('\n');
    }
    out.push_str(rest);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`take`] and [`apply`], as the post-build step does.
    fn apply_to_page(html: &str) -> Option<String> {
        take(html).map(|(page, meta)| apply(page, &meta))
    }

    const PAGE: &str = "<head>\n        <meta name=\"description\" content=\"The book.\">\n</head>\n<body><main>\n";

    #[test]
    fn the_marker_moves_into_the_head() {
        let m = marker(&PageMeta {
            title: "T".into(),
            description: "A page about \"UNICEF\" & <co>".into(),
            kind: PageKind::Organisation,
            path: "orgs/unicef.html".into(),
            org: Some("unicef".into()),
            ..PageMeta::default()
        });
        let html = format!("{PAGE}{m}\n<h1>T</h1></main></body>");
        let out = apply_to_page(&html).expect("rewritten");
        assert!(out.contains(
            "<meta name=\"description\" content=\"A page about &quot;UNICEF&quot; &amp; &lt;co&gt;\">"
        ));
        assert!(out.contains("<meta property=\"og:description\" content=\"A page about"));
        assert!(!out.contains("report-meta"));
        assert!(!out.contains("The book."));
        assert!(out.contains("<main>\n<h1>T</h1>"));
        // Idempotent: a second run finds no marker.
        assert_eq!(apply_to_page(&out), None);
    }

    #[test]
    fn pages_with_several_markers_or_none_are_left_alone() {
        let m = marker(&PageMeta {
            title: "T".into(),
            description: "x".into(),
            ..PageMeta::default()
        });
        let print = format!("{PAGE}{m}\n<h1>A</h1>{m}\n<h1>B</h1>");
        assert_eq!(apply_to_page(&print), None);
        assert_eq!(metas(&print).len(), 2);
        assert_eq!(apply_to_page(PAGE), None);
        // The print page keeps the book's description and loses the markers.
        let stripped = strip_markers(&print).unwrap();
        assert_eq!(stripped, format!("{PAGE}<h1>A</h1><h1>B</h1>"));
        assert_eq!(strip_markers(PAGE), None);
    }

    #[test]
    fn a_marker_cannot_close_early() {
        let m = marker(&PageMeta {
            title: "T".into(),
            description: "a -- b --> c".into(),
            ..PageMeta::default()
        });
        assert_eq!(m.matches("--").count(), 2, "{m}");
        let out = apply_to_page(&format!("{PAGE}{m}")).unwrap();
        assert!(out.contains("content=\"a -- b --&gt; c\""), "{out}");
    }

    #[test]
    fn generated_pages_are_described_by_their_first_paragraph() {
        let content = "# T\n\n<p class=\"report-generated\">The report names <strong>95</strong> \
                       organisations &amp; groups&#46; It&#39;s “fine”.</p>\n";
        assert_eq!(
            first_paragraph(content).as_deref(),
            Some("The report names 95 organisations & groups. It's “fine”.")
        );
        assert_eq!(first_paragraph("# T\n\nno paragraph"), None);
    }

    #[test]
    fn a_first_paragraph_decodes_every_entity_the_pages_write_and_keeps_a_bare_greater_than() {
        assert_eq!(
            first_paragraph("<p>&lt;b&gt; &quot;q&quot; &apos;a&apos; &#60; 1 > 0</p>").as_deref(),
            Some("<b> \"q\" 'a' < 1 > 0")
        );
        // What is not an entity it knows stays as written.
        assert_eq!(
            first_paragraph("<p>&nbsp; &#x41; & &amp</p>").as_deref(),
            Some("&nbsp; &#x41; & &amp")
        );
    }

    #[test]
    fn the_description_replaces_the_books_tag_and_is_followed_by_its_open_graph_twin() {
        let meta = PageMeta {
            description: "New.".into(),
            ..PageMeta::default()
        };
        assert_eq!(
            apply(PAGE.to_string(), &meta),
            "<head>\n        <meta name=\"description\" content=\"New.\">\n        \
             <meta property=\"og:description\" content=\"New.\">\n</head>\n<body><main>\n"
        );
    }

    #[test]
    fn a_page_without_description_keeps_the_books_and_loses_the_marker() {
        let m = marker(&PageMeta {
            kind: PageKind::Overview,
            path: "agenda.html".into(),
            ..PageMeta::default()
        });
        assert_eq!(
            m,
            r#"<!-- report-meta {"title":"","kind":"overview","path":"agenda.html"} -->"#
        );
        let (page, meta) = take(&format!("{PAGE}{m}\n<h1>T</h1>")).unwrap();
        assert_eq!(apply(page, &meta), format!("{PAGE}<h1>T</h1>"));
        assert_eq!(meta.kind, PageKind::Overview);
    }

    /// Each page's marker after [`annotate`], for a book of three chapters (one declaring its
    /// description, one starting with an empty paragraph, one under agenda item 1), an
    /// organisation page for each of two organisations and a generated overview.
    fn annotated() -> Vec<PageMeta> {
        use crate::base::diagnostics::Diagnostics;
        use crate::model::generated_chapter;
        use crate::model::testing::model;
        let chapters = [
            (
                "a.md",
                "---\ndescription: \"  Declared,\n  on two lines.\"\n---\n# A\n\nThe WTO.\n",
            ),
            (
                "b.md",
                "# B\n\n<p></p>\n\nThe WTO, <em>again</em>.\n\nWTO.\n",
            ),
            ("c.md", "---\nagenda-item: 1\n---\n# C\n\nWTO here.\n"),
        ];
        let mut diags = Diagnostics::new();
        let m = model(&chapters, &mut diags);
        let mut cfg = Config::default();
        cfg.title = "The Book".into();
        cfg.agenda.items = vec!["Trade".into()];
        // Every organisation has its page, ILO too, which no chapter names.
        cfg.organisations.pages = crate::features::organisations::OrgPages::All;
        let orgs = crate::features::organisations::collect_with_registry(
            "organisations:\n  - {id: wto, name: World Trade Organization, acronym: WTO}\n  - {id: ilo, name: International Labour Organization}\n",
            &m,
            &cfg.organisations,
            &mut diags,
        );
        let agenda = Agenda::collect(&m, &cfg.agenda, &mut diags);
        let mut book = Book::new();
        for (i, (path, content)) in chapters.iter().enumerate() {
            let mut ch = mdbook_preprocessor::book::Chapter::new(
                &format!("Chapter {}", i + 1),
                content.to_string(),
                *path,
                vec![],
            );
            ch.number = (i == 2).then(|| mdbook_preprocessor::book::SectionNumber::new([3]));
            book.push_item(BookItem::Chapter(ch));
        }
        for (path, content) in [
            ("organisations/wto.md", "# WTO\n"),
            ("organisations/ilo.md", "# ILO\n"),
            (
                "overview.md",
                "# Overview\n\n<p class=\"x\">All <b>four</b> &amp; more.</p>\n",
            ),
        ] {
            book.push_item(BookItem::Chapter(generated_chapter(
                "Generated",
                Path::new(path),
                content.to_string(),
                vec![],
            )));
        }
        annotate(&mut book, &m, Some(&orgs), Some(&agenda), &cfg);
        book.iter()
            .filter_map(|i| match i {
                BookItem::Chapter(c) => Some(metas(&c.content).remove(0)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_page_is_described_by_its_own_words_kind_item_and_organisation() {
        let pages = annotated();
        type Summary<'a> = (&'a str, &'a str, PageKind, Option<&'a str>, Option<&'a str>);
        let summary: Vec<Summary> = pages
            .iter()
            .map(|p| {
                (
                    p.path.as_str(),
                    p.description.as_str(),
                    p.kind,
                    p.item.as_deref(),
                    p.org.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                (
                    "a.html",
                    "Declared, on two lines.",
                    PageKind::Chapter,
                    None,
                    None
                ),
                ("b.html", "The WTO, again.", PageKind::Chapter, None, None),
                ("c.html", "WTO here.", PageKind::Chapter, Some("1"), None),
                (
                    "organisations/wto.html",
                    "World Trade Organization (WTO): 4 mentions in 3 chapters in The Book.",
                    PageKind::Organisation,
                    None,
                    Some("wto")
                ),
                (
                    "organisations/ilo.html",
                    "International Labour Organization: named in The Book.",
                    PageKind::Organisation,
                    None,
                    Some("ilo")
                ),
                (
                    "overview.html",
                    "All four & more.",
                    PageKind::Overview,
                    None,
                    None
                ),
            ]
        );
        assert_eq!(pages[2].title, "3. Chapter 3");
        assert_eq!(pages[0].title, "Chapter 1");
    }

    #[test]
    fn a_path_listed_twice_is_described_by_its_first_chapter() {
        use crate::model::testing::model;
        let chapters = [("a.md", "# A\n\nFirst.\n"), ("a.md", "# A\n\nSecond.\n")];
        let mut diags = crate::base::diagnostics::Diagnostics::new();
        let m = model(&chapters, &mut diags);
        let mut book = Book::new();
        for (path, content) in chapters {
            book.push_item(BookItem::Chapter(mdbook_preprocessor::book::Chapter::new(
                "A",
                content.into(),
                path,
                vec![],
            )));
        }
        annotate(&mut book, &m, None, None, &Config::default());
        let descriptions: Vec<String> = book
            .iter()
            .filter_map(|i| match i {
                BookItem::Chapter(c) => Some(metas(&c.content).remove(0).description),
                _ => None,
            })
            .collect();
        assert_eq!(descriptions, ["First.", "First."]);
    }
}
