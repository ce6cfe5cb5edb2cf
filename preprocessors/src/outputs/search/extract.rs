//! One built page's search records: its `<main>` read once with html5ever's tokenizer (no DOM),
//! cut into a record per heading with an `id` (the page's top, then each section, as mdBook's
//! own search does), and a record for every element marked `data-search-kind` (the timeline's
//! meetings) with its `id`.
//!
//! What a record is made of: its title (the page's `<h1>`, then `»` and the section's heading,
//! or an own record's first heading), its text, and the pages it links to (resolved against the
//! page's path, fragments dropped): the index derives the organisations and agenda items of a
//! record from those. Left out: `<nav>` (the agenda's chapter boxes, navigation, not text),
//! `<sup>` (endnote markers), `<script>`, `<style>`, `<template>`, the fallbacks `<noscript>`,
//! `<iframe>`, `<noembed>` and `<noframes>` (search runs with JavaScript on), any element
//! marked `data-search="skip"`, and the whole section of a heading so marked (Markdown: `## Mentions {data-search=skip}`):
//! the organisation pages' mention lists and the overview's excerpts repeat the chapters'
//! sentences, and a query should find the chapter, not its copies.
//!
//! A definition list reads as it is shown: a term ends with `:`, its definition with `.` ("Kind:
//! UN agency. Website: who.int."), where a browser puts each on a line of its own; run together,
//! a result's excerpt would read "Kind UN agency Website who.int".

use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer,
};
use std::cell::RefCell;

/// A part of a page that search finds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Record {
    /// The element's `id` (none: the page's top).
    pub anchor: Option<String>,
    /// The section's heading (or the own record's first heading); empty for the page's top.
    pub heading: String,
    /// The record's kind when the page marks it (`data-search-kind`), else the page's.
    pub kind: Option<String>,
    /// The text, whitespace squashed.
    pub text: String,
    /// Site-relative paths of the pages it links to, in order, without fragments.
    pub links: Vec<String>,
}

/// What one page gives search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PageRecords {
    /// The page's `<h1>` text.
    pub title: String,
    /// Its records in document order (the page's top first, when it has text or a title).
    pub records: Vec<Record>,
    /// Every `id` inside `<main>`, in document order (the print page needs them).
    pub ids: Vec<String>,
}

/// Reads the records of the page at site-relative `path` (for resolving its links).
pub(crate) fn page(html: &str, path: &str) -> PageRecords {
    let sink = Sink {
        state: RefCell::new(State {
            dir: path.rsplit_once('/').map_or("", |(d, _)| d).to_string(),
            records: vec![Record::default()],
            ..State::default()
        }),
    };
    let input = BufferQueue::default();
    input.push_back(html.into());
    let tokenizer = Tokenizer::new(sink, Default::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.state.into_inner().finish()
}

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];
/// Elements whose boundaries do not separate words.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q",
    "s", "samp", "small", "span", "strong", "sub", "time", "u", "var",
];

/// An open element inside `<main>`.
struct Open {
    name: String,
    /// Its text is left out.
    skip: bool,
    /// It started a record of its own (index into `State::records`).
    own: Option<usize>,
    /// It is a heading whose text is being collected.
    heading: bool,
}

#[derive(Default)]
struct State {
    dir: String,
    in_main: bool,
    stack: Vec<Open>,
    /// Every record, in order of their start; `records[0]` is the page's top.
    records: Vec<Record>,
    /// The section record text goes to when no own record is open.
    section: usize,
    /// Own records open, innermost last.
    own: Vec<usize>,
    heading_text: String,
    title: String,
    ids: Vec<String>,
    /// The level of the heading whose section is left out (`data-search="skip"` on a heading).
    skip_section: Option<u8>,
}

struct Sink {
    state: RefCell<State>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut s = self.state.borrow_mut();
        match token {
            Token::TagToken(tag) => {
                let raw = tag.kind == TagKind::StartTag && !tag.self_closing;
                match tag.kind {
                    TagKind::StartTag => s.start(&tag),
                    TagKind::EndTag => s.end(&tag.name),
                }
                if raw {
                    match &*tag.name {
                        "script" => return TokenSinkResult::RawData(RawKind::ScriptData),
                        "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                            return TokenSinkResult::RawData(RawKind::Rawtext);
                        }
                        "title" | "textarea" => return TokenSinkResult::RawData(RawKind::Rcdata),
                        _ => {}
                    }
                }
            }
            Token::CharacterTokens(text) => s.text(&text),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

fn attr<'t>(tag: &'t Tag, name: &str) -> Option<&'t str> {
    tag.attrs
        .iter()
        .find(|a| &*a.name.local == name)
        .map(|a| &*a.value)
}

impl State {
    fn skipping(&self) -> bool {
        self.skip_section.is_some() || self.stack.iter().any(|o| o.skip)
    }

    fn target(&mut self) -> &mut Record {
        let i = self.own.last().copied().unwrap_or(self.section);
        &mut self.records[i]
    }

    fn start(&mut self, tag: &Tag) {
        let name = &*tag.name;
        if !self.in_main {
            self.in_main = name == "main";
            return;
        }
        if let Some(id) = attr(tag, "id") {
            self.ids.push(id.to_string());
        }
        if !INLINE.contains(&name) {
            self.space();
        }
        if name == "a"
            && !self.skipping()
            && let Some(href) = attr(tag, "href")
            && let Some(target) = resolve(&self.dir, href)
        {
            self.target().links.push(target);
        }
        if VOID.contains(&name) || tag.self_closing {
            return;
        }
        let marked = attr(tag, "data-search") == Some("skip");
        let level = heading_level(name);
        if let Some(l) = level {
            // A section marked skip ends at the next heading of its level or above.
            if self.skip_section.is_some_and(|s| l <= s) {
                self.skip_section = None;
            }
            if marked && self.skip_section.is_none() {
                self.skip_section = Some(l);
            }
        }
        // Fallbacks (`noscript`, `iframe`, `noembed`, `noframes`) are not shown where search
        // runs: with JavaScript on, their content is raw text that would read as markup.
        let skip = matches!(
            name,
            "nav"
                | "sup"
                | "script"
                | "style"
                | "template"
                | "noscript"
                | "iframe"
                | "noembed"
                | "noframes"
        ) || (marked && level.is_none());
        let heading = level.is_some() && !self.skipping();
        let mut own = None;
        if !self.skipping()
            && let (Some(kind), Some(id)) = (attr(tag, "data-search-kind"), attr(tag, "id"))
        {
            self.records.push(Record {
                anchor: Some(id.to_string()),
                kind: Some(kind.to_string()),
                ..Record::default()
            });
            own = Some(self.records.len() - 1);
            self.own.push(self.records.len() - 1);
        } else if heading && self.own.is_empty() {
            // A section starts at each heading with an id (the page's top at its `<h1>`).
            if (name != "h1" || !self.title.is_empty())
                && let Some(id) = attr(tag, "id")
            {
                self.records.push(Record {
                    anchor: Some(id.to_string()),
                    ..Record::default()
                });
                self.section = self.records.len() - 1;
            }
        }
        if heading {
            self.heading_text.clear();
        }
        self.stack.push(Open {
            name: name.to_string(),
            skip,
            own,
            heading,
        });
    }

    fn end(&mut self, name: &str) {
        if !self.in_main {
            return;
        }
        if name == "main" {
            self.in_main = false;
            self.stack.clear();
            return;
        }
        // Close up to the matching element (mdBook writes well-formed HTML; a stray end tag is
        // ignored).
        let Some(at) = self.stack.iter().rposition(|o| o.name == name) else {
            return;
        };
        while self.stack.len() > at {
            let open = self.stack.pop().expect("non-empty");
            if open.heading {
                let text = squash(&std::mem::take(&mut self.heading_text));
                let own_open = self.own.last().copied();
                match own_open {
                    Some(i) if self.records[i].heading.is_empty() => self.records[i].heading = text,
                    Some(_) => {}
                    None if open.name == "h1" && self.title.is_empty() => self.title = text,
                    None => {
                        let section = self.section;
                        if section != 0 && self.records[section].heading.is_empty() {
                            self.records[section].heading = text;
                        }
                    }
                }
            }
            if let Some(i) = open.own {
                self.own.retain(|&o| o != i);
            }
        }
        if matches!(name, "dt" | "dd") && !self.skipping() {
            self.punctuate(if name == "dt" { ':' } else { '.' });
        }
        if !INLINE.contains(&name) {
            self.space();
        }
    }

    /// Ends the text so far with `mark`, unless it ends with punctuation already.
    fn punctuate(&mut self, mark: char) {
        let text = &mut self.target().text;
        let end = text.trim_end().len();
        text.truncate(end);
        if text
            .chars()
            .next_back()
            .is_some_and(|c| !matches!(c, '.' | ':' | ';' | '!' | '?'))
        {
            text.push(mark);
        }
    }

    fn space(&mut self) {
        if self.stack.iter().any(|o| o.heading) {
            self.heading_text.push(' ');
        } else {
            self.target().text.push(' ');
        }
    }

    fn text(&mut self, text: &str) {
        if !self.in_main || self.skipping() {
            return;
        }
        if self.stack.iter().any(|o| o.heading) {
            self.heading_text.push_str(text);
            // An own record's heading is its title, and its text too.
            if self.own.is_empty() {
                return;
            }
        }
        self.target().text.push_str(text);
    }

    fn finish(mut self) -> PageRecords {
        for r in &mut self.records {
            r.text = squash(&r.text);
        }
        let top_empty = self.records[0].text.is_empty();
        let mut records = self.records;
        if top_empty && self.title.is_empty() {
            records.remove(0);
        }
        // A section with no text of its own (a heading over meetings, say) is navigation only.
        records.retain(|r| r.anchor.is_none() || !r.text.is_empty());
        PageRecords {
            title: self.title,
            records,
            ids: self.ids,
        }
    }
}

fn heading_level(name: &str) -> Option<u8> {
    match name.as_bytes() {
        [b'h', l @ b'1'..=b'6'] => Some(l - b'0'),
        _ => None,
    }
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The site-relative path of a local link from a page in `dir`, without its fragment or query;
/// none for external links, links within the page and links out of the site.
fn resolve(dir: &str, href: &str) -> Option<String> {
    let path = href.split(['#', '?']).next().unwrap_or_default();
    if path.is_empty() || path.starts_with('/') || path.contains(':') {
        return None;
    }
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrap(main: &str) -> String {
        format!(
            "<html><head><title>T</title><script>var x = '<main>';</script></head><body>\
             <nav>Contents <a href=\"x.html\">X</a></nav><main>{main}</main>\
             <p>after main</p></body></html>"
        )
    }

    #[test]
    fn a_page_is_cut_at_its_headings() {
        let p = page(
            &wrap(
                "<h1 id=\"t\"><a class=\"header\" href=\"#t\">Water</a></h1>\
                 <p>Intro with <a href=\"../agencies/who.html#x\">WHO</a>.<sup>iv</sup></p>\
                 <h2 id=\"s\">Safe water</h2><p>Wells<br>and pumps.</p>\
                 <h3>No id</h3><p>still the section</p>",
            ),
            "r1/water.html",
        );
        assert_eq!(p.title, "Water");
        assert_eq!(p.ids, ["t", "s"]);
        assert_eq!(
            p.records,
            [
                Record {
                    text: "Intro with WHO.".into(),
                    links: vec!["agencies/who.html".into()],
                    ..Record::default()
                },
                Record {
                    anchor: Some("s".into()),
                    heading: "Safe water".into(),
                    text: "Wells and pumps. still the section".into(),
                    ..Record::default()
                },
            ]
        );
    }

    #[test]
    fn marked_elements_are_records_of_their_own_and_skipped_parts_are_left_out() {
        let p = page(
            &wrap(
                "<h1 id=\"t\">Timeline</h1><p>Intro.</p>\
                 <ul data-search=\"skip\"><li>copied sentence</li></ul>\
                 <nav class=\"agenda-box\">Previous item</nav>\
                 <ol><li id=\"meeting-w\" data-search-kind=\"meeting\">\
                 <h4>Workshop</h4><p>Turin. <a href=\"a.html#p-1\">Read</a></p></li></ol>\
                 <p>Outro.</p><h2 id=\"m\" data-search=\"skip\">Mentions</h2><h3 id=\"c\">Ch</h3>\
                 <p>copy</p><h2 id=\"n\">Notes</h2><p>kept</p>",
            ),
            "timeline.html",
        );
        assert_eq!(p.records.len(), 3, "{:?}", p.records);
        assert_eq!(
            (p.records[2].heading.as_str(), p.records[2].text.as_str()),
            ("Notes", "kept")
        );
        assert_eq!(p.ids, ["t", "meeting-w", "m", "c", "n"]);
        assert_eq!(p.records[0].text, "Intro. Outro.");
        assert_eq!(
            p.records[1],
            Record {
                anchor: Some("meeting-w".into()),
                heading: "Workshop".into(),
                kind: Some("meeting".into()),
                text: "Workshop Turin. Read".into(),
                links: vec!["a.html".into()],
            }
        );
    }

    #[test]
    fn a_definition_list_reads_as_terms_and_definitions() {
        let p = page(
            &wrap(
                "<h1 id=\"t\">WHO</h1><dl><dt>Acronym</dt>\n<dd>WHO</dd>\n<dt>Kind:</dt><dd>UN agency.</dd>\
                 <dt>Website</dt><dd><a href=\"https://who.int\">who.int</a> </dd></dl><p>Works</p>",
            ),
            "who.html",
        );
        assert_eq!(
            p.records[0].text,
            "Acronym: WHO. Kind: UN agency. Website: who.int. Works"
        );
    }

    #[test]
    fn links_resolve_within_the_site_only() {
        assert_eq!(
            resolve("", "agencies/x.html#f").as_deref(),
            Some("agencies/x.html")
        );
        assert_eq!(resolve("agencies", "../a.html").as_deref(), Some("a.html"));
        assert_eq!(resolve("", "../up.html"), None);
        assert_eq!(resolve("", "#here"), None);
        assert_eq!(resolve("", "https://example.org/a.html"), None);
        assert_eq!(resolve("", "mailto:x@y"), None);
    }

    #[test]
    fn a_page_without_main_has_no_records() {
        let p = page("<html><body><p>text</p></body></html>", "x.html");
        assert_eq!(p, PageRecords::default());
    }

    #[test]
    fn scripts_styles_and_raw_text_start_no_record() {
        let p = page(
            &wrap(
                "<h1 id=\"t\">T</h1><p>One</p><style>p::after { content: \"<h2 id='s'>\" }</style>\
                 <script>if (a < b) { s = \"<h2 id='z'>Z</h2>\"; }</script>\
                 <noscript><h2 id=\"n\">N</h2></noscript>\
                 <template><h2 id=\"y\">Y</h2></template><p>Two</p>\
                 <textarea><h2 id=\"q\">Q</h2></textarea>",
            ),
            "x.html",
        );
        // A template's elements are parsed (and left out); raw text is never markup, and a
        // fallback for readers without JavaScript is left out (search needs it). A textarea's
        // text is what it shows, tags included.
        assert_eq!(p.ids, ["t", "y"]);
        assert_eq!(p.records.len(), 1, "{:?}", p.records);
        assert_eq!(p.records[0].text, "One Two <h2 id=\"q\">Q</h2>");
    }

    #[test]
    fn a_skipped_section_ends_at_a_heading_of_its_level_or_above() {
        let p = page(
            &wrap(
                "<h1 id=\"t\">T</h1><p>Top</p>\
                 <h3 id=\"a\" data-search=\"skip\">Copies</h3><p>copy</p><h4 id=\"b\">Sub</h4><p>copy</p>\
                 <h2 id=\"c\">Next</h2><p>kept <a href=\"k.html\">k</a></p>\
                 <h2 id=\"d\" data-search=\"skip\">More</h2><p>copy <a href=\"no.html\">n</a></p>\
                 <h2 id=\"e\">Last</h2><p>also kept</p>",
            ),
            "x.html",
        );
        let got: Vec<_> = p
            .records
            .iter()
            .map(|r| {
                (
                    r.anchor.as_deref(),
                    r.heading.as_str(),
                    r.text.as_str(),
                    r.links.clone(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (None, "", "Top", vec![]),
                (Some("c"), "Next", "kept k", vec!["k.html".to_string()]),
                (Some("e"), "Last", "also kept", vec![]),
            ]
        );
    }

    #[test]
    fn the_first_h1_is_the_title_and_a_later_one_with_an_id_a_section() {
        let p = page(
            &wrap(
                "<h1>Title</h1><p>a</p><h1 id=\"x\">Second</h1><p>b</p><h2 id=\"y\"></h2><p>c</p>",
            ),
            "x.html",
        );
        assert_eq!(p.title, "Title");
        let got: Vec<_> = p
            .records
            .iter()
            .map(|r| (r.anchor.as_deref(), r.heading.as_str(), r.text.as_str()))
            .collect();
        // An empty heading leaves its section without one.
        assert_eq!(
            got,
            [
                (None, "", "a"),
                (Some("x"), "Second", "b"),
                (Some("y"), "", "c")
            ]
        );
    }

    #[test]
    fn an_own_record_keeps_its_first_heading_and_reads_the_others_as_text() {
        let p = page(
            &wrap(
                "<h1 id=\"t\">T</h1><div id=\"m\" data-search-kind=\"meeting\"><h3>Forum</h3>\
                 <p>Held</p><h4>Day two</h4><p>closed</p></div><p>after</p>",
            ),
            "x.html",
        );
        assert_eq!(p.records.len(), 2);
        assert_eq!(p.records[0].text, "after");
        assert_eq!(
            (p.records[1].heading.as_str(), p.records[1].text.as_str()),
            ("Forum", "Forum Held Day two closed")
        );
    }

    #[test]
    fn a_page_with_a_title_keeps_its_top_and_empty_sections_are_dropped() {
        let p = page(
            &wrap(
                "<h1 id=\"t\">Meetings</h1><h2 id=\"y\">2014</h2><h2 id=\"z\">2015</h2><p>one</p>",
            ),
            "x.html",
        );
        let anchors: Vec<_> = p.records.iter().map(|r| r.anchor.as_deref()).collect();
        assert_eq!(anchors, [None, Some("z")]);
        assert_eq!(p.records[0].text, "");
        // No title and no text before the first section: no top record.
        let p = page(&wrap("<h2 id=\"z\">2015</h2><p>one</p>"), "x.html");
        let anchors: Vec<_> = p.records.iter().map(|r| r.anchor.as_deref()).collect();
        assert_eq!(anchors, [Some("z")]);
    }

    #[test]
    fn words_are_separated_at_blocks_and_images_but_not_inside_inline_elements() {
        let p = page(
            &wrap(
                "<h1 id=\"t\">T</h1><p>in<em>line</em>d<img src=\"i.png\" alt=\"\">x<br/>y</p><div>a</div><div>b</div>",
            ),
            "x.html",
        );
        assert_eq!(p.records[0].text, "inlined x y a b");
        // A void element has no content to leave out: what follows it is kept.
        let p = page(
            &wrap("<h1 id=\"t\">T</h1><p>a<img src=\"i.png\" data-search=\"skip\">b</p>"),
            "x.html",
        );
        assert_eq!(p.records[0].text, "a b");
    }

    #[test]
    fn definitions_that_end_with_their_own_punctuation_get_none_added() {
        let p = page(
            &wrap(
                "<h1 id=\"t\">T</h1><dl><dt>Why?</dt><dd>Because!</dd><dt>Note;</dt><dd>Yes</dd></dl>",
            ),
            "x.html",
        );
        assert_eq!(p.records[0].text, "Why? Because! Note; Yes.");
    }

    #[test]
    fn queries_and_current_folders_are_dropped_from_links() {
        assert_eq!(resolve("a", "b.html?x=1#f").as_deref(), Some("a/b.html"));
        assert_eq!(resolve("a", "./c.html").as_deref(), Some("a/c.html"));
        assert_eq!(resolve("a/b", "..//c.html").as_deref(), Some("a/c.html"));
        assert_eq!(resolve("a", "/root.html"), None);
        assert_eq!(resolve("a", "?q"), None);
    }
}
