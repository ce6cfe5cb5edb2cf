//! What a link's preview shows, made at build time: the note an endnote marker cites, an
//! organisation's facts, an agenda item's title, a meeting's date and place.
//!
//! One small site-wide data file (`report-previews-<hash>.js`), which `theme/previews.js` loads
//! once, on a reader's first hover, focus or tap of a link, rather than the data inlined into
//! every page: a page load adds no bytes of data (BENCHMARKS.md, previews). It takes two steps,
//! like the page descriptions ([`super::describe`]):
//!
//! 1. [`annotate`] (preprocessor): the structured part ([`Data`], keyed by each target's URL
//!    from the site's root, as `theme/previews.js` resolves a link's `href`) goes into a marker
//!    comment at the end of the book's first page. A note's text is left empty: its HTML is the
//!    one mdBook renders, which only exists after rendering.
//! 2. [`finish`] (post-build renderer): the marker is taken out of every page ([`take_marker`]),
//!    each note's rendered HTML is read from the built endnotes page ([`notes_html`]) and the
//!    file is written as a script (a script, not JSON, so previews work from `file://` too).
//!    Every page names the file in `<meta name="report-previews">` ([`meta_tag`]), so a new
//!    build is never served from a stale cache.

use crate::base::html;
use crate::base::markdown::append_block;
use crate::features::agenda::Agenda;
use crate::features::endnotes::Endnotes;
use crate::features::organisations::Organisations;
use crate::features::timeline::Timeline;
use crate::model::Model;
use crate::outputs::describe::mentions_phrase;
use mdbook_preprocessor::book::{Book, BookItem};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

const OPEN: &str = "<!-- report-previews ";
const CLOSE: &str = " -->";

/// The name of the `<meta>` that tells `theme/previews.js` where the data is.
pub(crate) const META: &str = "report-previews";

/// Every preview of the site, by the target's URL from the site's root
/// (`endnotes.html#note-iv`, `organisations/wto.html`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Data {
    /// Endnotes.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub notes: BTreeMap<String, Note>,
    /// Organisation pages.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub orgs: BTreeMap<String, Org>,
    /// Agenda items: their chapters, and their entries on the overview.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub items: BTreeMap<String, Item>,
    /// Meetings' entries on the timeline.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub meetings: BTreeMap<String, Meeting>,
}

/// An endnote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Note {
    /// "Endnote iv".
    pub title: String,
    /// The note as mdBook rendered it (links relative to the endnotes page); filled by [`finish`].
    pub html: String,
}

/// An organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Org {
    /// Its full name.
    pub name: String,
    /// Its acronym, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acronym: Option<String>,
    /// Its kind, as the registry labels it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The organisation it is part of: its short name and page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<Link>,
    /// Its website.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    /// "12 mentions in 5 chapters".
    pub mentions: String,
}

/// A link: text and the target's URL from the site's root.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Link {
    /// What it says.
    pub text: String,
    /// Where it goes.
    pub href: String,
}

/// An agenda item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Item {
    /// "Objective (c): Cooperation across borders".
    pub title: String,
}

/// A meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Meeting {
    /// Its title.
    pub title: String,
    /// When, as a reader writes it.
    pub date: String,
    /// Where, when the text says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
}

/// What the features found, for [`data`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sources<'a> {
    /// The book.
    pub model: &'a Model,
    /// The endnotes, when on.
    pub endnotes: Option<&'a Endnotes>,
    /// The organisations, when on.
    pub orgs: Option<&'a Organisations>,
    /// The agenda, when on and not empty.
    pub agenda: Option<&'a Agenda>,
    /// What an agenda item is called ("objective").
    pub item_word: &'a str,
    /// The timeline, when on.
    pub timeline: Option<&'a Timeline>,
}

/// Every preview the features' findings give.
pub(crate) fn data(s: Sources<'_>) -> Data {
    let mut data = Data::default();
    if let Some(endnotes) = s.endnotes
        && let Some(c) = endnotes.chapter
    {
        let page = &s.model.chapter(c).path;
        for note in &endnotes.notes {
            data.notes.insert(
                html::site_href(page, Some(&note.id())),
                Note {
                    title: format!("{} {}", endnotes.name(), note.label),
                    html: String::new(),
                },
            );
        }
    }
    if let Some(orgs) = s.orgs {
        let dir = orgs.directory();
        let mentions = orgs.by_org();
        for (i, org) in dir.iter() {
            data.orgs.insert(
                html::site_href(&dir.page(i), None),
                Org {
                    name: org.name.clone(),
                    acronym: org.acronym.clone().filter(|a| a != &org.name),
                    kind: org.kind.map(|k| dir.kinds[k].label.clone()),
                    parent: org.parent.map(|p| Link {
                        text: dir.org(p).short_name().to_string(),
                        href: html::site_href(&dir.page(p), None),
                    }),
                    website: org.website.clone(),
                    mentions: mentions_phrase(&mentions[i.0]),
                },
            );
        }
    }
    if let Some(agenda) = s.agenda {
        for item in &agenda.items {
            let preview = Item {
                title: format!(
                    "{} {}: {}",
                    crate::base::text::capitalise(s.item_word),
                    item.written,
                    item.title
                ),
            };
            if let Some(c) = item.chapter {
                let page = &s.model.chapter(c).path;
                data.items
                    .insert(html::site_href(page, None), preview.clone());
            }
            data.items.insert(
                html::site_href(&agenda.page, Some(&item.fragment())),
                preview,
            );
        }
    }
    if let Some(timeline) = s.timeline {
        for m in &timeline.meetings {
            data.meetings.insert(
                html::site_href(&timeline.page, Some(&m.fragment())),
                Meeting {
                    title: m.title.clone(),
                    date: m.span.written(),
                    place: m.place.clone(),
                },
            );
        }
    }
    data
}

/// The marker comment carrying `data`. `--` never appears inside it (JSON-escaped), so the
/// comment cannot end early.
pub(crate) fn marker(data: &Data) -> String {
    let json = serde_json::to_string(data)
        .expect("serialisable")
        .replace("--", "-\\u002d");
    format!("{OPEN}{json}{CLOSE}")
}

/// Appends the marker to the book's first page (see the module documentation).
pub(crate) fn annotate(book: &mut Book, data: &Data) {
    let is_empty = data.notes.is_empty()
        && data.orgs.is_empty()
        && data.items.is_empty()
        && data.meetings.is_empty();
    if is_empty {
        return;
    }
    let first = book.iter().find_map(|item| match item {
        BookItem::Chapter(ch) => ch.path.clone(),
        _ => None,
    });
    let m = marker(data);
    book.for_each_mut(|item| {
        if let BookItem::Chapter(ch) = item
            && ch.path.is_some()
            && ch.path == first
        {
            append_block(&mut ch.content, &m);
        }
    });
}

/// Takes the marker out of `html`: the page without it, and its data. `None` when the page has
/// none.
pub(crate) fn take_marker(html: &str) -> Option<(String, Option<Data>)> {
    let start = html.find(OPEN)?;
    let json_start = start + OPEN.len();
    let json_end = json_start + html[json_start..].find(CLOSE)?;
    let data = serde_json::from_str(&html[json_start..json_end]).ok();
    let mut end = json_end + CLOSE.len();
    while html[end..].starts_with('\n') {
        end += 1;
    }
    Some((format!("{}{}", &html[..start], &html[end..]), data))
}

/// Each note's HTML in the built endnotes page, by its `id`: what mdBook rendered between the
/// note's label and its "Cited in" line (see `features::endnotes`).
pub(crate) fn notes_html(page: &str) -> BTreeMap<String, String> {
    const NOTE: &str = "<li class=\"endnote\" id=\"";
    const LABEL_END: &str = "</span>";
    const BACKLINKS: &str = "<p class=\"endnote-backlinks\">";
    let mut out = BTreeMap::new();
    let mut rest = page;
    while let Some(i) = rest.find(NOTE) {
        rest = &rest[i + NOTE.len()..];
        let Some(id_end) = rest.find('"') else { break };
        let id = &rest[..id_end];
        let (Some(content), Some(end)) = (rest.find(LABEL_END), rest.find(BACKLINKS)) else {
            break;
        };
        let start = content + LABEL_END.len();
        if start <= end {
            out.insert(id.to_string(), rest[start..end].trim().to_string());
        }
        rest = &rest[end..];
    }
    out
}

/// Completes `data` with the notes' HTML from the built endnotes page (`page`; every note's key
/// is on it) and returns the data file's name and text. A note the page lacks gets no preview.
pub(crate) fn finish(mut data: Data, page: &str) -> (String, String) {
    let rendered = notes_html(page);
    for (key, note) in &mut data.notes {
        if let Some(h) = key.split_once('#').and_then(|(_, id)| rendered.get(id)) {
            note.html = h.clone();
        }
    }
    data.notes.retain(|_, n| !n.html.is_empty());
    let json = serde_json::to_string(&data)
        .expect("serialisable")
        .replace("</", "<\\/");
    let text = format!("reportPreviewsLoaded({json});\n");
    let name = format!(
        "report-previews-{:08x}.js",
        crate::base::text::fnv1a(text.as_bytes())
    );
    (name, text)
}

/// The `<meta>` naming the data file, for every page's `<head>`.
pub(crate) fn meta_tag(file: &str) -> String {
    html::meta("name", META, file)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENDNOTES: &str = "<main><ol class=\"endnotes\">\n\
        <li class=\"endnote\" id=\"note-i\"><span class=\"endnote-label\">i</span>\n\
        <p>See <a href=\"agencies/who.html\">WHO</a>.</p>\n\
        <p class=\"endnote-backlinks\">Cited in: <a href=\"a.html#note-ref-i\">A</a></p>\n</li>\n\
        <li class=\"endnote\" id=\"note-ii\"><span class=\"endnote-label\">ii</span>\n\
        <p>One.</p>\n<p>Two.</p>\n<p class=\"endnote-backlinks\">Cited in: …</p>\n</li>\n</ol></main>";

    #[test]
    fn a_notes_html_is_what_mdbook_rendered_between_its_label_and_its_backlinks() {
        let notes = notes_html(ENDNOTES);
        assert_eq!(
            notes.into_iter().collect::<Vec<_>>(),
            [
                (
                    "note-i".to_string(),
                    "<p>See <a href=\"agencies/who.html\">WHO</a>.</p>".to_string()
                ),
                (
                    "note-ii".to_string(),
                    "<p>One.</p>\n<p>Two.</p>".to_string()
                ),
            ]
        );
    }

    #[test]
    fn the_marker_goes_on_the_first_page_and_comes_out_whole() {
        let mut data = Data::default();
        data.items.insert(
            "agenda.html#item-1".into(),
            Item {
                title: "Objective (a): Safe water -- for all".into(),
            },
        );
        let m = marker(&data);
        assert!(!m[4..m.len() - 3].contains("--"), "{m}");
        let html = format!("<main><p>x</p>\n{m}\n</main>");
        let (page, back) = take_marker(&html).unwrap();
        assert_eq!(page, "<main><p>x</p>\n</main>");
        assert_eq!(back, Some(data));
        assert_eq!(take_marker(&page), None);
    }

    #[test]
    fn the_data_file_is_a_script_named_by_its_content() {
        let mut data = Data::default();
        for id in ["note-i", "note-ii", "note-iii"] {
            data.notes.insert(
                format!("endnotes.html#{id}"),
                Note {
                    title: format!("Note {}", &id[5..]),
                    html: String::new(),
                },
            );
        }
        let (name, text) = finish(data.clone(), ENDNOTES);
        // A note the page lacks gets no preview; `</` cannot close a script early.
        assert_eq!(
            text,
            "reportPreviewsLoaded({\"notes\":{\"endnotes.html#note-i\":{\"title\":\"Note i\",\"html\":\"<p>See <a href=\\\"agencies/who.html\\\">WHO<\\/a>.<\\/p>\"},\
             \"endnotes.html#note-ii\":{\"title\":\"Note ii\",\"html\":\"<p>One.<\\/p>\\n<p>Two.<\\/p>\"}}});\n"
        );
        assert_eq!(
            name,
            format!(
                "report-previews-{:08x}.js",
                crate::base::text::fnv1a(text.as_bytes())
            )
        );
        assert_ne!(finish(data, "").0, name);
        assert_eq!(
            meta_tag(&name),
            format!("<meta name=\"report-previews\" content=\"{name}\">")
        );
    }

    use crate::base::diagnostics::Diagnostics;
    use crate::config::{AgendaConfig, EndnotesConfig, OrganisationsConfig, TimelineConfig};
    use crate::model::testing::model;
    use std::path::Path;

    #[test]
    fn each_preview_is_keyed_by_its_targets_url_from_the_sites_root() {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir(root.path().join("data")).unwrap();
        std::fs::write(
            root.path().join("data/organisations.yaml"),
            "kinds: [{id: agency, label: Specialized agency}]\n\
             organisations:\n\
             - {id: un, name: United Nations, acronym: UN}\n\
             - {id: ilo, name: International Labour Organization, acronym: ILO, kind: agency, parent: un, website: https://www.ilo.org}\n\
             - {id: iom, name: IOM, acronym: IOM}\n",
        )
        .unwrap();
        let chapters = [
            (
                "part/p1.md",
                "---\nagenda-item: 1\nmeetings:\n  - {id: forum, title: Forum, date: \"2014-06\", place: Turin, mention: The ILO met}\n  - {id: talk, title: Talk, date: \"2014\", mention: The ILO met}\n---\n# One\n\nThe ILO met[^n]. The ILO and the UN.\n",
            ),
            ("p2.md", "---\nagenda-item: 2\n---\n# Two\n\nThe UN.\n"),
            ("notes/endnotes.md", "[^n]: A note.\n"),
        ];
        let mut diags = Diagnostics::new();
        let m = model(&chapters, &mut diags);
        let agenda_cfg = AgendaConfig {
            items: vec!["Trade".into(), "Transit".into()],
            page: "overview/agenda.md".into(),
            ..AgendaConfig::default()
        };
        let agenda = Agenda::collect(&m, &agenda_cfg, &mut diags);
        // Every organisation gets a page, so one never named has a preview too.
        let orgs_cfg = OrganisationsConfig {
            pages: crate::config::OrgPages::All,
            ..OrganisationsConfig::default()
        };
        let orgs = Organisations::collect(&m, root.path(), &orgs_cfg, &mut diags);
        let endnotes = Endnotes::collect(
            &m,
            Path::new("notes/endnotes.md"),
            &EndnotesConfig::default(),
            &mut diags,
        );
        let timeline = Timeline::collect(&m, None, None, &TimelineConfig::default(), &mut diags);
        assert_eq!(diags.errors(), 0, "{}", diags.render());
        let d = data(Sources {
            model: &m,
            endnotes: Some(&endnotes),
            orgs: Some(&orgs),
            agenda: Some(&agenda),
            item_word: "objective",
            timeline: Some(&timeline),
        });
        let keys = |map: Vec<&String>| map.into_iter().cloned().collect::<Vec<_>>();
        assert_eq!(
            keys(d.notes.keys().collect()),
            ["notes/endnotes.html#note-i"]
        );
        assert_eq!(d.notes["notes/endnotes.html#note-i"].title, "Note i");
        assert_eq!(
            keys(d.items.keys().collect()),
            [
                "overview/agenda.html#item-1",
                "overview/agenda.html#item-2",
                "p2.html",
                "part/p1.html"
            ]
        );
        assert_eq!(d.items["p2.html"].title, "Objective 2: Transit");
        assert_eq!(
            d.items["overview/agenda.html#item-1"].title,
            "Objective 1: Trade"
        );
        assert_eq!(
            d.orgs["organisations/ilo.html"],
            Org {
                name: "International Labour Organization".into(),
                acronym: Some("ILO".into()),
                kind: Some("Specialized agency".into()),
                parent: Some(Link {
                    text: "UN".into(),
                    href: "organisations/un.html".into()
                }),
                website: Some("https://www.ilo.org".into()),
                mentions: "2 mentions in 1 chapter".into(),
            }
        );
        // An acronym that is the name is not repeated; an organisation never named says so.
        let iom = &d.orgs["organisations/iom.html"];
        assert_eq!(
            (iom.acronym.as_deref(), iom.mentions.as_str()),
            (None, "named")
        );
        assert_eq!(
            d.orgs["organisations/un.html"].mentions,
            "2 mentions in 2 chapters"
        );
        assert_eq!(
            d.meetings["timeline.html#meeting-forum"],
            Meeting {
                title: "Forum".into(),
                date: "June 2014".into(),
                place: Some("Turin".into())
            }
        );
        assert_eq!(d.meetings["timeline.html#meeting-talk"].place, None);
        // Without the features, nothing.
        let none = data(Sources {
            model: &m,
            endnotes: None,
            orgs: None,
            agenda: None,
            item_word: "objective",
            timeline: None,
        });
        assert_eq!(none, Data::default());
    }

    fn book(chapters: &[(&str, Option<&str>)]) -> Book {
        let mut book = Book::new();
        for (content, path) in chapters {
            let mut ch = mdbook_preprocessor::book::Chapter::new(
                "C",
                content.to_string(),
                path.unwrap_or(""),
                vec![],
            );
            if path.is_none() {
                ch.path = None;
            }
            book.push_item(BookItem::Chapter(ch));
        }
        book
    }

    fn contents(book: &Book) -> Vec<String> {
        book.iter()
            .filter_map(|i| match i {
                BookItem::Chapter(c) => Some(c.content.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_marker_is_appended_to_the_first_chapter_with_a_page_only() {
        let mut data = Data::default();
        data.meetings.insert(
            "timeline.html#meeting-a".into(),
            Meeting {
                title: "A".into(),
                date: "2014".into(),
                place: None,
            },
        );
        let mut b = book(&[
            ("Draft", None),
            ("First\n\n\r\n", Some("a.md")),
            ("Second\n", Some("b.md")),
        ]);
        annotate(&mut b, &data);
        assert_eq!(
            contents(&b),
            [
                "Draft".to_string(),
                // After a blank line, the chapter's own ending kept.
                format!("First\n\n\r\n\n{}\n", marker(&data)),
                "Second\n".to_string()
            ]
        );
        // Nothing to preview: no marker.
        let mut b = book(&[("First\n", Some("a.md"))]);
        annotate(&mut b, &Data::default());
        assert_eq!(contents(&b), ["First\n"]);
        for only in [
            Data {
                notes: [(
                    "n".to_string(),
                    Note {
                        title: "t".into(),
                        html: String::new(),
                    },
                )]
                .into(),
                ..Data::default()
            },
            Data {
                items: [("i".to_string(), Item { title: "t".into() })].into(),
                ..Data::default()
            },
        ] {
            let mut b = book(&[("First\n", Some("a.md"))]);
            annotate(&mut b, &only);
            assert_ne!(contents(&b), ["First\n"]);
        }
    }

    #[test]
    fn a_marker_without_its_end_or_with_broken_data_is_handled() {
        assert_eq!(
            take_marker("<p>x</p><!-- report-previews {\"items\":{}"),
            None
        );
        let (page, data) = take_marker("a<!-- report-previews not json -->\n\nb").unwrap();
        assert_eq!((page.as_str(), data), ("ab", None));
        // A note whose parts are missing or out of order is left out.
        let broken = "<li class=\"endnote\" id=\"note-x\"><p class=\"endnote-backlinks\">x</p><span>l</span>";
        assert!(notes_html(broken).is_empty());
        assert!(notes_html("<li class=\"endnote\" id=\"note-y").is_empty());
    }
}
