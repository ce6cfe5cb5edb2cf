//! One pass over one file: the ids and links of an HTML page (html5ever's tokenizer), the
//! `url()`s of a stylesheet (`cssparser`).
//!
//! A page is read as a stream of tags, with the tokenizer switched to raw text inside
//! `<script>`, `<style>` and the other raw-text elements exactly as the HTML tree builder
//! switches it, so text there is never mistaken for markup. No DOM is built: memory stays at
//! the page's text plus what leaves this module, however large the page (print.html).
//!
//! What the HTML standard says about the document's tree is kept: ids and `<a name>`s inside a
//! `<template>` belong to its content, not to the page, so no fragment lands on them; a
//! `<base>` counts when it is the first with an `href`, outside templates; an empty `id` gives
//! no id. `url()`s in `<style>` elements and `style` attributes are the page's assets like any
//! other. Two kinds of link are left out: mdBook's own heading anchors (`<a class="header"
//! href="#x">` first inside the heading whose id is `x`, the heading's link to itself, which
//! mdBook writes as `href="#"` for a heading of punctuation alone) and `<link rel=preconnect>`
//! or `rel=dns-prefetch`, which name an origin to connect to, never a resource to fetch.

use cssparser::{Parser, ParserInput, Token};
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token as HtmlToken, TokenSink, TokenSinkResult, Tokenizer,
};
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

/// What a URL is to the page that holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// Something a reader navigates to (`<a href>`, `<iframe src>`, …).
    Page,
    /// A form's destination (`<form action>`, `formaction`): a page, and an empty one is the
    /// page itself (the HTML standard's form submission).
    Form,
    /// Something the browser loads with the page (`<link href>`, `<img src>`, …).
    Asset,
    /// A `url()` of CSS inside the page (`<style>`, `style=""`): an asset, and a `url(#x)` is an
    /// element of the page itself (CSS Values' fragment-only URLs), whatever its `<base>`.
    Style,
}

impl Role {
    /// Whether a missing target is an asset (`missing-asset`) rather than a page.
    pub(super) fn is_asset(self) -> bool {
        matches!(self, Role::Asset | Role::Style)
    }
}

/// One URL found in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Link {
    /// The attribute value (entities decoded) or CSS `url()` argument.
    pub url: String,
    /// Where it was found, as `<a href>`, `<img src>` or `url()`, for messages.
    pub origin: &'static str,
    /// What kind of target it names.
    pub role: Role,
}

/// What the checks need from one HTML page.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct Page {
    /// Every `id`, and every `<a name>`: the fragments that land on this page.
    pub anchors: HashSet<Box<str>>,
    /// Ids given to more than one element, with how many, in order of first appearance.
    pub duplicate_ids: Vec<(String, usize)>,
    /// Every URL, in document order.
    pub links: Vec<Link>,
    /// The `href` of the first `<base>` that has one, which changes where relative links start.
    pub base: Option<String>,
    /// The page is a `<meta http-equiv="refresh">` redirect (mdBook's `output.html.redirect`).
    pub redirect: bool,
}

/// Elements and attributes that hold URLs (attribute names are local names, so `xlink:href` on
/// SVG's `<use>` is `href` too).
const URL_ATTRIBUTES: &[(&str, &str, Role, &str)] = &[
    ("a", "href", Role::Page, "<a href>"),
    ("area", "href", Role::Page, "<area href>"),
    ("iframe", "src", Role::Page, "<iframe src>"),
    ("form", "action", Role::Form, "<form action>"),
    ("button", "formaction", Role::Form, "<button formaction>"),
    ("input", "formaction", Role::Form, "<input formaction>"),
    ("link", "href", Role::Asset, "<link href>"),
    ("script", "src", Role::Asset, "<script src>"),
    ("img", "src", Role::Asset, "<img src>"),
    ("source", "src", Role::Asset, "<source src>"),
    ("audio", "src", Role::Asset, "<audio src>"),
    ("video", "src", Role::Asset, "<video src>"),
    ("video", "poster", Role::Asset, "<video poster>"),
    ("track", "src", Role::Asset, "<track src>"),
    ("embed", "src", Role::Asset, "<embed src>"),
    ("object", "data", Role::Asset, "<object data>"),
    ("input", "src", Role::Asset, "<input src>"),
    ("use", "href", Role::Asset, "<use href>"),
    ("image", "href", Role::Asset, "<image href>"),
];

/// Reads an HTML page.
pub(super) fn page(html: &str) -> Page {
    let sink = Collector::default();
    let input = BufferQueue::default();
    input.push_back(html.into());
    let tokenizer = Tokenizer::new(sink, Default::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.state.into_inner().finish()
}

/// The tokenizer's sink: collects from each tag.
#[derive(Default)]
struct Collector {
    state: RefCell<Collected>,
}

#[derive(Default)]
struct Collected {
    page: Page,
    id_counts: HashMap<Box<str>, usize>,
    id_order: Vec<Box<str>>,
    /// How many `<template>`s are open.
    templates: usize,
    /// The id of the heading whose start tag was the last token.
    heading: Option<String>,
    /// The text of the `<style>` element being read.
    style: Option<String>,
}

impl TokenSink for Collector {
    type Handle = ();

    fn process_token(&self, token: HtmlToken, _line: u64) -> TokenSinkResult<()> {
        let mut state = self.state.borrow_mut();
        match token {
            HtmlToken::TagToken(tag) => {
                let heading = state.heading.take();
                if tag.kind == TagKind::StartTag {
                    state.start_tag(&tag, heading.as_deref());
                    return raw_text_state(&tag.name);
                }
                state.end_tag(&tag);
            }
            HtmlToken::CharacterTokens(text) => {
                state.heading = None;
                if let Some(style) = &mut state.style {
                    style.push_str(&text);
                }
            }
            HtmlToken::CommentToken(_) => state.heading = None,
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// The tokenizer state the HTML tree builder sets after a start tag (scripting enabled, as in a
/// browser), so that the text of `<script>`, `<style>` … is never read as markup.
pub(super) fn raw_text_state(name: &str) -> TokenSinkResult<()> {
    match name {
        "script" => TokenSinkResult::RawData(RawKind::ScriptData),
        "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
            TokenSinkResult::RawData(RawKind::Rawtext)
        }
        "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
        "plaintext" => TokenSinkResult::Plaintext,
        _ => TokenSinkResult::Continue,
    }
}

/// Whether a `<link rel>` only names origins to connect to early (`preconnect`, `dns-prefetch`).
fn only_names_an_origin(rel: &str) -> bool {
    let mut tokens = rel.split_ascii_whitespace().peekable();
    tokens.peek().is_some()
        && tokens
            .all(|t| t.eq_ignore_ascii_case("preconnect") || t.eq_ignore_ascii_case("dns-prefetch"))
}

impl Collected {
    fn start_tag(&mut self, tag: &Tag, heading: Option<&str>) {
        let name = &*tag.name;
        let attr = |wanted: &str| {
            tag.attrs
                .iter()
                .find(|a| &*a.name.local == wanted)
                .map(|a| &*a.value)
        };
        // The template element is in the page; what it holds is not.
        let in_page = self.templates == 0;
        match name {
            "template" => self.templates += 1,
            "style" => self.style = Some(String::new()),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => self.heading = attr("id").map(str::to_owned),
            "link" if attr("rel").is_some_and(only_names_an_origin) => return,
            _ => {}
        }
        let mdbook_heading_anchor = name == "a"
            && heading
                .is_some_and(|id| attr("href").is_some_and(|h| h.strip_prefix('#') == Some(id)))
            && attr("class").is_some_and(|c| c.split_ascii_whitespace().any(|c| c == "header"));
        let page = &mut self.page;
        for a in &tag.attrs {
            // The tree builder names SVG's `xlink:href` `href` (in the XLink namespace).
            let attr = match &*a.name.local {
                "xlink:href" => "href",
                other => other,
            };
            let value = &*a.value;
            if attr == "id" {
                if in_page && !value.is_empty() {
                    let count = self.id_counts.entry(value.into()).or_insert(0);
                    if *count == 0 {
                        self.id_order.push(value.into());
                    }
                    *count += 1;
                    page.anchors.insert(value.into());
                }
            } else if attr == "name" && name == "a" {
                if in_page && !value.is_empty() {
                    page.anchors.insert(value.into());
                }
            } else if attr == "style" {
                page.links
                    .extend(css_links(value, "style=\"\"", Role::Style));
            } else if attr == "srcset" && matches!(name, "img" | "source") {
                let origin = if name == "img" {
                    "<img srcset>"
                } else {
                    "<source srcset>"
                };
                page.links.extend(srcset_urls(value).map(|url| Link {
                    url: url.to_owned(),
                    origin,
                    role: Role::Asset,
                }));
            } else if let Some(&(_, _, role, origin)) = URL_ATTRIBUTES
                .iter()
                .find(|(e, a, ..)| *e == name && *a == attr)
                && !mdbook_heading_anchor
            {
                page.links.push(Link {
                    url: value.to_owned(),
                    origin,
                    role,
                });
            }
        }
        if !in_page {
            return;
        }
        match name {
            "base" if page.base.is_none() => page.base = attr("href").map(str::to_owned),
            "meta" if attr("http-equiv").is_some_and(|v| v.eq_ignore_ascii_case("refresh")) => {
                if let Some(url) = attr("content").and_then(refresh_url) {
                    page.redirect = true;
                    page.links.push(Link {
                        url: url.to_owned(),
                        origin: "<meta refresh>",
                        role: Role::Page,
                    });
                }
            }
            _ => {}
        }
    }

    fn end_tag(&mut self, tag: &Tag) {
        match &*tag.name {
            "template" => self.templates = self.templates.saturating_sub(1),
            "style" => {
                if let Some(css) = self.style.take() {
                    let links = css_links(&css, "<style>", Role::Style);
                    self.page.links.extend(links);
                }
            }
            _ => {}
        }
    }

    fn finish(self) -> Page {
        let Collected {
            mut page,
            id_counts,
            id_order,
            ..
        } = self;
        page.duplicate_ids = id_order
            .into_iter()
            .filter_map(|id| {
                let count = id_counts[&id];
                (count > 1).then(|| (id.into_string(), count))
            })
            .collect();
        page
    }
}

/// The URL of a `<meta http-equiv="refresh" content="5; url='x.html'">`, per the HTML spec's
/// shared declarative refresh steps: a delay (digits and points; none, no refresh), `;`, `,` or
/// whitespace alone, optional `url=` (whitespace before the `=` too), optional quotes.
fn refresh_url(content: &str) -> Option<&str> {
    let delay = |c: char| c.is_ascii_digit() || c == '.';
    let content = content.trim_start();
    if !content.starts_with(delay) {
        return None;
    }
    let rest = content.trim_start_matches(delay);
    let spaced = rest.trim_start();
    let rest = match spaced.strip_prefix([';', ',']) {
        Some(after) => after.trim_start(),
        None if spaced.len() < rest.len() => spaced,
        None => return None,
    };
    let rest = match rest.get(..3) {
        Some(head) if head.eq_ignore_ascii_case("url") => rest[3..]
            .trim_start()
            .strip_prefix('=')
            .map_or(rest, str::trim_start),
        _ => rest,
    };
    let url = match rest.chars().next() {
        Some(quote @ ('"' | '\'')) => rest[1..].split(quote).next().unwrap_or_default(),
        _ => rest.trim_end(),
    };
    (!url.is_empty()).then_some(url)
}

/// The URLs of a `srcset` (`a.png 1x, b.png 2x`), per the HTML spec's parsing: a URL runs to the
/// next whitespace (commas at its end separate candidates), then descriptors run to a comma
/// outside parentheses.
fn srcset_urls(srcset: &str) -> impl Iterator<Item = &str> {
    let mut rest = srcset;
    std::iter::from_fn(move || {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ',');
        if rest.is_empty() {
            return None;
        }
        let end = rest
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(rest.len());
        let (candidate, after) = rest.split_at(end);
        let url = candidate.trim_end_matches(',');
        rest = if url.len() < candidate.len() {
            after
        } else {
            let mut depth = 0usize;
            let stop = after.find(|c: char| {
                match c {
                    '(' => depth += 1,
                    ')' => depth = depth.saturating_sub(1),
                    ',' if depth == 0 => return true,
                    _ => {}
                }
                false
            });
            stop.map_or("", |i| &after[i..])
        };
        Some(url)
    })
}

/// The `<a href>`s of the HTML that mdBook's `toc-*.js` puts into the sidebar. The HTML sits in
/// a JavaScript string; the tokenizer reads the whole script as a page's text, and finds the
/// same tags (the JS around it is text to it), so no JS parsing is needed.
pub(super) fn toc_script_links(js: &str) -> Vec<String> {
    page(js)
        .links
        .into_iter()
        .filter(|link| link.origin == "<a href>")
        .map(|link| link.url)
        .collect()
}

/// The `url()`s and `@import` strings of a stylesheet.
pub(super) fn stylesheet(css: &str) -> Vec<Link> {
    css_links(css, "url()", Role::Asset)
}

/// The `url()`s and `@import` strings of CSS (a stylesheet, a `<style>`'s text, a `style`
/// attribute's declarations: the tokens are the same).
fn css_links(css: &str, origin: &'static str, role: Role) -> Vec<Link> {
    let mut input = ParserInput::new(css);
    let mut parser = Parser::new(&mut input);
    let mut urls = Vec::new();
    css_urls(&mut parser, &mut urls);
    urls.into_iter()
        .map(|url| Link { url, origin, role })
        .collect()
}

fn css_urls(parser: &mut Parser<'_, '_>, urls: &mut Vec<String>) {
    let mut after_import = false;
    // `@namespace prefix url(…);` names a namespace: the browser loads nothing from it.
    let mut in_namespace = false;
    while let Ok(token) = parser.next() {
        let import = std::mem::replace(&mut after_import, false);
        if in_namespace {
            in_namespace = !matches!(token, Token::Semicolon);
            continue;
        }
        match token {
            Token::AtKeyword(keyword) if keyword.eq_ignore_ascii_case("namespace") => {
                in_namespace = true;
            }
            Token::UnquotedUrl(url) => urls.push(url.to_string()),
            Token::QuotedString(url) if import => urls.push(url.to_string()),
            Token::AtKeyword(keyword) => after_import = keyword.eq_ignore_ascii_case("import"),
            Token::Function(name) if name.eq_ignore_ascii_case("url") => {
                let _ = parser.parse_nested_block(|block| {
                    if let Ok(Token::QuotedString(url)) = block.next() {
                        urls.push(url.to_string());
                    }
                    Ok::<_, cssparser::ParseError<'_, ()>>(())
                });
            }
            Token::Function(_)
            | Token::ParenthesisBlock
            | Token::SquareBracketBlock
            | Token::CurlyBracketBlock => {
                let _ = parser.parse_nested_block(|block| {
                    css_urls(block, urls);
                    Ok::<_, cssparser::ParseError<'_, ()>>(())
                });
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(links: &[Link]) -> Vec<(&str, &str)> {
        links.iter().map(|l| (l.origin, l.url.as_str())).collect()
    }

    #[test]
    fn collects_links_ids_and_named_anchors_with_entities_decoded() {
        let page = page(
            r##"<!DOCTYPE html><html><head><link rel="stylesheet" href="css/a.css">
            <script src="b.js"></script><script>var s = '<a href="not-a-link.html">';</script>
            </head><body><h1 id="intro">x</h1><a name="old"></a>
            <a href="a.html?x=1&amp;y=2#intro">a</a><img src="i.png">
            <svg><use xlink:href="icons.svg#star"></use></svg><p id="p">x</p></body></html>"##,
        );
        assert_eq!(
            urls(&page.links),
            [
                ("<link href>", "css/a.css"),
                ("<script src>", "b.js"),
                ("<a href>", "a.html?x=1&y=2#intro"),
                ("<img src>", "i.png"),
                ("<use href>", "icons.svg#star"),
            ]
        );
        let mut anchors: Vec<_> = page.anchors.iter().map(|a| &**a).collect();
        anchors.sort();
        assert_eq!(anchors, ["intro", "old", "p"]);
        assert!(page.duplicate_ids.is_empty());
        assert!(!page.redirect);
    }

    #[test]
    fn text_of_raw_text_elements_is_never_read_as_markup() {
        let page = page(
            r#"<head><title><a href="t.html"></title><style>a[href="s.html"] { x: 1 }</style></head>
            <body><noscript><iframe src="toc.html"></iframe></noscript><textarea><img src="x.png"></textarea>
            <iframe src="frame.html"><a href="inside-iframe.html"></a></iframe><a href="real.html">é</a>"#,
        );
        assert_eq!(
            urls(&page.links),
            [("<iframe src>", "frame.html"), ("<a href>", "real.html")]
        );
    }

    #[test]
    fn reads_every_candidate_of_a_srcset() {
        let candidates: Vec<&str> =
            srcset_urls(" a.png 1x, b,c.png 2x,d.png,  e.png (x, y) 3w ,f.png").collect();
        assert_eq!(candidates, ["a.png", "b,c.png", "d.png", "e.png", "f.png"]);
        let page = page(
            r#"<picture><source srcset="s.webp 2x"><img src="i.png" srcset="i2.png 2x"></picture>"#,
        );
        assert_eq!(
            urls(&page.links),
            [
                ("<source srcset>", "s.webp"),
                ("<img src>", "i.png"),
                ("<img srcset>", "i2.png")
            ]
        );
    }

    #[test]
    fn counts_duplicate_ids_in_order_of_appearance() {
        let page =
            page(r#"<p id="b"></p><p id="a"></p><p id="b"></p><p id="a"></p><p id="b"></p>"#);
        assert_eq!(
            page.duplicate_ids,
            [("b".to_owned(), 3), ("a".to_owned(), 2)]
        );
    }

    #[test]
    fn reads_base_and_refresh_redirects() {
        let page = page(
            r#"<html><head><base href="/"><meta http-equiv="Refresh" content="0; URL='new.html#x'"></head></html>"#,
        );
        assert_eq!(page.base.as_deref(), Some("/"));
        assert!(page.redirect);
        assert_eq!(urls(&page.links), [("<meta refresh>", "new.html#x")]);
        assert_eq!(refresh_url("5"), None);
        assert_eq!(refresh_url("3, a.html"), Some("a.html"));
    }

    #[test]
    fn finds_the_toc_links_inside_mdbooks_sidebar_script() {
        let js = r#"class X extends HTMLElement { connectedCallback() {
            this.innerHTML = '<ol class="chapter"><li><a href="index.html">A</a></li><li><a href="b/c.html"><strong>1.</strong> C</a></li></ol>';
            if (a < b && c > d) { x.href = '#' + id; } } }
            const t = '<textarea><a href="text.html"></textarea><a href="d.html">D</a>';"#;
        // Text where the HTML tree builder reads text (a `<textarea>`'s) holds no link.
        assert_eq!(toc_script_links(js), ["index.html", "b/c.html", "d.html"]);
    }

    #[test]
    fn collects_stylesheet_urls_and_imports() {
        let css = r#"@import "base.css"; @font-face { src: url('f/a.woff2') format('woff2'), url(f/b.woff); }
            .x { background: image-set(url("i.png") 1x); } /* url(comment.png) */ .y { content: "url(no.png)" }"#;
        assert_eq!(
            urls(&stylesheet(css)),
            [
                ("url()", "base.css"),
                ("url()", "f/a.woff2"),
                ("url()", "f/b.woff"),
                ("url()", "i.png")
            ]
        );
    }

    #[test]
    fn ids_and_names_inside_templates_and_empty_ids_are_not_the_pages() {
        let page = page(
            r#"<template id="t"><p id="inner">x</p><a name="named"></a><template><b id="deeper"></b></template>
            <i id="inner"></i><base href="sub/"></template><p id="after"></p><p id=""></p><h2 id=""></h2>
            <a href="x.html">in</a>"#,
        );
        let mut anchors: Vec<_> = page.anchors.iter().map(|a| &**a).collect();
        anchors.sort();
        assert_eq!(anchors, ["after", "t"]);
        assert!(page.duplicate_ids.is_empty());
        assert_eq!(page.base, None);
        assert_eq!(urls(&page.links), [("<a href>", "x.html")]);
    }

    #[test]
    fn mdbooks_heading_anchors_are_left_out() {
        let page = page(
            r##"<h1 id="a"><a class="header" href="#a">A</a></h1><h2 id=""><a class="header" href="#"><code>?</code></a></h2>
            <h3 id="b"> <a class="header" href="#b">text first</a></h3><h4 id="c"><a href="#c">no class</a></h4>
            <h5 id="d"><a class="header" href="#e">elsewhere</a></h5><p id="f"><a class="header" href="#f">not a heading</a></p>"##,
        );
        assert_eq!(
            urls(&page.links),
            [
                ("<a href>", "#b"),
                ("<a href>", "#c"),
                ("<a href>", "#e"),
                ("<a href>", "#f")
            ]
        );
    }

    #[test]
    fn origins_named_early_are_not_links() {
        let page = page(
            r#"<link rel="preconnect" href="https://a.org"><link rel="DNS-Prefetch" href="//b.org">
            <link rel=" preconnect  dns-prefetch " href="https://c.org"><link rel="preconnect stylesheet" href="d.css">
            <link rel="" href="e.css"><link href="f.css">"#,
        );
        let found: Vec<&str> = page.links.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(found, ["d.css", "e.css", "f.css"]);
    }

    #[test]
    fn css_of_style_elements_and_attributes_is_read() {
        let page = page(
            r#"<style>@import "a.css"; body { background: url(b.png) } /* url(c.png) */</style>
            <p style="background: url('d.png'); mask: url(#m)">x</p><style>.x{}</style>"#,
        );
        let found: Vec<(&str, &str, Role)> = page
            .links
            .iter()
            .map(|l| (l.origin, l.url.as_str(), l.role))
            .collect();
        assert_eq!(
            found,
            [
                ("<style>", "a.css", Role::Style),
                ("<style>", "b.png", Role::Style),
                ("style=\"\"", "d.png", Role::Style),
                ("style=\"\"", "#m", Role::Style),
            ]
        );
    }

    #[test]
    fn form_destinations_are_links() {
        let page = page(
            r#"<form action="send.html"><button formaction="other.html">a</button>
            <input type="submit" formaction="third.html"><input type="image" src="i.png"></form><form action="">"#,
        );
        let found: Vec<(&str, &str, Role)> = page
            .links
            .iter()
            .map(|l| (l.origin, l.url.as_str(), l.role))
            .collect();
        assert_eq!(
            found,
            [
                ("<form action>", "send.html", Role::Form),
                ("<button formaction>", "other.html", Role::Form),
                ("<input formaction>", "third.html", Role::Form),
                ("<input src>", "i.png", Role::Asset),
                ("<form action>", "", Role::Form),
            ]
        );
    }

    #[test]
    fn only_assets_and_style_urls_are_assets() {
        assert!(!Role::Page.is_asset());
        assert!(!Role::Form.is_asset());
        assert!(Role::Asset.is_asset());
        assert!(Role::Style.is_asset());
    }

    #[test]
    fn a_namespace_url_is_not_loaded() {
        let css = r#"@namespace svg url(http://www.w3.org/2000/svg); @NAMESPACE url("x.svg");
            @IMPORT "a.css" "not-imported.css"; .x { background: url(b.png) }"#;
        assert_eq!(
            urls(&stylesheet(css)),
            [("url()", "a.css"), ("url()", "b.png")]
        );
    }

    #[test]
    fn nothing_after_plaintext_is_markup() {
        let page = page(r#"<a href="a.html">a</a><plaintext><a href="b.html">b</a>"#);
        assert_eq!(urls(&page.links), [("<a href>", "a.html")]);
    }

    #[test]
    fn an_anchor_after_a_comment_in_a_heading_is_a_link() {
        let page = page(r##"<h2 id="x"><!-- note --><a class="header" href="#x">X</a></h2>"##);
        assert_eq!(urls(&page.links), [("<a href>", "#x")]);
    }

    #[test]
    fn only_an_a_names_an_anchor() {
        let page = page(
            r#"<a name="old"></a><a name=""></a><input name="q"><p name="para"></p><a id="x" name="y"></a>"#,
        );
        let mut anchors: Vec<_> = page.anchors.iter().map(|a| &**a).collect();
        anchors.sort();
        assert_eq!(anchors, ["old", "x", "y"]);
    }

    #[test]
    fn a_srcset_counts_on_img_and_source_only() {
        let page = page(
            r#"<div srcset="d.png 2x"></div><video srcset="v.png" src="v.webm"></video><img srcset="i.png">"#,
        );
        assert_eq!(
            urls(&page.links),
            [("<video src>", "v.webm"), ("<img srcset>", "i.png")]
        );
    }

    #[test]
    fn the_first_base_with_an_href_counts() {
        let page = page(r#"<base target="_blank"><base href="a/"><base href="b/">"#);
        assert_eq!(page.base.as_deref(), Some("a/"));
    }

    #[test]
    fn only_a_refresh_outside_templates_redirects() {
        let page = page(
            r#"<meta name="x" content="0; url=a.html"><template><meta http-equiv="refresh" content="0; url=b.html"></template>"#,
        );
        assert!(!page.redirect);
        assert_eq!(urls(&page.links), []);
    }

    #[test]
    fn reads_refresh_delays_with_fractions_and_refuses_empty_urls() {
        assert_eq!(refresh_url("1.5; url=a.html"), Some("a.html"));
        assert_eq!(refresh_url("0;b.html"), Some("b.html"));
        assert_eq!(refresh_url("0;"), None);
        assert_eq!(refresh_url("0; url=''"), None);
        assert_eq!(refresh_url("x; a.html"), None);
    }

    #[test]
    fn reads_refresh_urls_as_browsers_do() {
        // Whitespace alone separates the delay from the URL.
        assert_eq!(refresh_url("0 a.html"), Some("a.html"));
        assert_eq!(refresh_url("5a.html"), None);
        // Whitespace may come before the `=` of `url=`; `url` without `=` is part of the URL.
        assert_eq!(refresh_url("0; URL = 'a.html'"), Some("a.html"));
        assert_eq!(refresh_url("0; urlx.html"), Some("urlx.html"));
        assert_eq!(refresh_url("0; new=1.html"), Some("new=1.html"));
        // No delay, no refresh; a delay may start with its point.
        assert_eq!(refresh_url("; a.html"), None);
        assert_eq!(refresh_url(".5, a.html"), Some("a.html"));
    }
}
