//! HTML for every feature and output: the typed builder [`Html`], safe URLs, relative links.
//!
//! Markup is written with [`Html`]: element and attribute names are `&'static str` (written in
//! the code, never data), and every value, text or attribute, is escaped on its way in, so an
//! unescaped value cannot be written. Its target type says where the HTML goes and so how text
//! is escaped: [`Markdown`] for what features insert into a chapter (mdBook still reads it as
//! Markdown: its punctuation is escaped too), [`Page`] for what reaches the page as written
//! (the generated pages' bodies and pictures, which the post-build step puts in place after
//! mdBook: escaped and laid out as mdBook's own serializer writes them, so a page is byte for
//! byte what mdBook wrote for the same tree). Every URL from data goes through [`safe_url`].

use std::fmt::{self, Display, Write as _};
use std::marker::PhantomData;
use std::path::{Component, Path};

/// Where built HTML goes: decides how its text is escaped and laid out.
pub(crate) trait Target: private::Sealed {
    /// Writes `s` escaped as text.
    fn escape_text(s: &str, out: &mut String);
    /// Whether block elements get mdBook's line breaks ([`pretty`]).
    const PRETTY: bool;
}

mod private {
    pub(crate) trait Sealed {}
    impl Sealed for super::Markdown {}
    impl Sealed for super::Page {}
}

/// The [`Markdown`] target alone: what may hold the book's own Markdown ([`Html::markdown`]).
pub(crate) trait IsMarkdown: Target {}
impl IsMarkdown for Markdown {}

/// HTML inside a chapter's Markdown (links, anchors, boxes): text escapes Markdown's
/// punctuation too ([`text`]); mdBook lays it out when it renders the chapter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Markdown {}

/// HTML as it reaches the page: text escaped as mdBook's serializer escapes it (`<`, `>`, `&`),
/// block elements on lines of their own as it writes them ([`pretty`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Page {}

impl Target for Markdown {
    fn escape_text(s: &str, out: &mut String) {
        escape_into(s, out, markdown_entity);
    }
    const PRETTY: bool = false;
}

impl Target for Page {
    fn escape_text(s: &str, out: &mut String) {
        escape_into(s, out, text_entity);
    }
    const PRETTY: bool = true;
}

/// The elements mdBook's serializer puts on lines of their own: a line break before the start
/// tag (unless the output is empty or already at a line's start) and after the end tag
/// (`wants_pretty_html_newline`, mdBook 0.5.4's `html/serialize.rs`).
pub(crate) fn pretty(name: &str) -> bool {
    matches!(
        name,
        "blockquote"
            | "dd"
            | "div"
            | "dl"
            | "dt"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "hr"
            | "li"
            | "ol"
            | "p"
            | "pre"
            | "table"
            | "tbody"
            | "thead"
            | "tr"
            | "ul"
    )
}

/// Built HTML for `T` (see the module documentation). Only escaped values and tags named in the
/// code can go in; [`Html::as_str`] and [`Html::into_string`] take the result out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Html<T: Target> {
    out: String,
    /// It starts with a block element's start tag, which takes a line of its own wherever it is
    /// appended ([`Html::push`]).
    block_start: bool,
    target: PhantomData<fn() -> T>,
}

impl<T: Target> Default for Html<T> {
    fn default() -> Self {
        Html::new()
    }
}

impl<T: Target> Display for Html<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.out)
    }
}

impl<T: Target> Html<T> {
    /// Nothing yet.
    pub(crate) fn new() -> Html<T> {
        Html {
            out: String::new(),
            block_start: false,
            target: PhantomData,
        }
    }

    /// The end tag of element `name` alone (to close what a [`Html::open`] started around text
    /// that is already there).
    pub(crate) fn end(name: &'static str) -> String {
        let mut out = Html::<T>::new();
        out.close(name);
        out.into_string()
    }

    /// The HTML written so far.
    pub(crate) fn as_str(&self) -> &str {
        &self.out
    }

    /// The HTML.
    pub(crate) fn into_string(self) -> String {
        self.out
    }

    /// Starts element `name`: add attributes to the returned tag, then [`Tag::close`] (or
    /// [`Tag::self_close`]) it.
    pub(crate) fn open(&mut self, name: &'static str) -> Tag<'_, T> {
        if T::PRETTY && pretty(name) {
            if self.out.is_empty() {
                self.block_start = true;
            } else if !self.out.ends_with('\n') {
                self.out.push('\n');
            }
        }
        self.out.push('<');
        self.out.push_str(name);
        Tag { html: self }
    }

    /// Ends element `name`.
    pub(crate) fn close(&mut self, name: &'static str) -> &mut Self {
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
        if T::PRETTY && pretty(name) {
            self.out.push('\n');
        }
        self
    }

    /// Writes `value` as text, escaped.
    pub(crate) fn text(&mut self, value: impl Display) -> &mut Self {
        let _ = write!(Escaping::<T>::text(&mut self.out), "{value}");
        self
    }

    /// Starts element `name` with no attributes.
    pub(crate) fn element_open(&mut self, name: &'static str) -> &mut Self {
        self.open(name).close()
    }

    /// Element `name` with no attributes around `text`.
    pub(crate) fn element(&mut self, name: &'static str, text: impl Display) -> &mut Self {
        self.open(name).close().text(text).close(name)
    }

    /// Markdown of the book itself (a note's text inside the list that gathers the notes), as
    /// it is: mdBook reads it as it reads the chapter. Only for [`Markdown`] targets.
    pub(crate) fn markdown(&mut self, book_text: &str) -> &mut Self
    where
        T: IsMarkdown,
    {
        self.out.push_str(book_text);
        self
    }

    /// A line break between elements (whitespace text).
    pub(crate) fn newline(&mut self) -> &mut Self {
        self.out.push('\n');
        self
    }

    /// Appends HTML built for the same target, with the line break its first block element
    /// takes ([`pretty`]).
    pub(crate) fn push(&mut self, other: &Html<T>) -> &mut Self {
        if other.block_start && !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
        if self.out.is_empty() {
            self.block_start = other.block_start;
        }
        self.out.push_str(&other.out);
        self
    }

    /// Each item with `sep` (text) between them.
    pub(crate) fn join<I: IntoIterator>(
        &mut self,
        items: I,
        sep: &str,
        mut each: impl FnMut(&mut Self, I::Item),
    ) -> &mut Self {
        for (k, item) in items.into_iter().enumerate() {
            if k > 0 {
                self.text(sep);
            }
            each(self, item);
        }
        self
    }
}

/// A `<meta>` tag for a page's `<head>`: `<meta {key}="{name}" content="{content}">` (`key` is
/// `name` or, for Open Graph, `property`), its values escaped.
pub(crate) fn meta(key: &'static str, name: &str, content: &str) -> String {
    let mut h = Html::<Page>::new();
    h.open("meta")
        .attr(key, name)
        .attr("content", content)
        .close();
    h.into_string()
}

/// `value` as JSON for a `<script>` element: every `<` written `\u003c`, so no `</script>` (or
/// `<!--`) can appear in it.
pub(crate) fn script_json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value)
        .expect("the value serialises")
        .replace('<', "\\u003c")
}

/// A start tag being written ([`Html::open`]).
#[must_use = "a tag is written by `close` or `self_close`"]
pub(crate) struct Tag<'a, T: Target> {
    html: &'a mut Html<T>,
}

impl<'a, T: Target> Tag<'a, T> {
    /// Adds attribute `name="value"`, the value escaped as mdBook escapes attribute values.
    pub(crate) fn attr(self, name: &'static str, value: impl Display) -> Self {
        let out = &mut self.html.out;
        out.push(' ');
        out.push_str(name);
        out.push_str("=\"");
        let _ = write!(Escaping::<T>::attr(out), "{value}");
        out.push('"');
        self
    }

    /// Ends the start tag (`>`); its content follows.
    pub(crate) fn close(self) -> &'a mut Html<T> {
        self.html.out.push('>');
        self.html
    }

    /// Ends an element without content (` />`, as SVG writes it and mdBook keeps it).
    pub(crate) fn self_close(self) -> &'a mut Html<T> {
        self.html.out.push_str(" />");
        self.html
    }
}

/// A `fmt::Write` that escapes what goes through it.
struct Escaping<'a, T> {
    out: &'a mut String,
    attr: bool,
    target: PhantomData<fn() -> T>,
}

impl<'a, T: Target> Escaping<'a, T> {
    fn text(out: &'a mut String) -> Self {
        Escaping {
            out,
            attr: false,
            target: PhantomData,
        }
    }

    fn attr(out: &'a mut String) -> Self {
        Escaping {
            out,
            attr: true,
            target: PhantomData,
        }
    }
}

impl<T: Target> fmt::Write for Escaping<'_, T> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if self.attr {
            escape_into(s, self.out, attr_entity);
        } else {
            T::escape_text(s, self.out);
        }
        Ok(())
    }
}

/// Copies `s` into `out`, each byte `entity` names replaced by it. Every character escaped is
/// ASCII, so unchanged runs are copied whole.
fn escape_into(s: &str, out: &mut String, entity: fn(u8) -> Option<&'static str>) {
    let mut done = 0;
    for (i, b) in s.bytes().enumerate() {
        if let Some(e) = entity(b) {
            out.push_str(&s[done..i]);
            out.push_str(e);
            done = i + 1;
        }
    }
    out.push_str(&s[done..]);
}

/// Text as mdBook's serializer escapes it (`escape_html`).
fn text_entity(b: u8) -> Option<&'static str> {
    match b {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        _ => None,
    }
}

/// Attribute values as mdBook's serializer escapes them (`escape_html_attribute`).
fn attr_entity(b: u8) -> Option<&'static str> {
    match b {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        b'\'' => Some("&#39;"),
        b'\\' => Some("&#92;"),
        _ => None,
    }
}

/// Text inside Markdown: HTML's characters and Markdown's punctuation ([`text`]).
fn markdown_entity(b: u8) -> Option<&'static str> {
    match b {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        b'\'' => Some("&#39;"),
        b'*' => Some("&#42;"),
        b'_' => Some("&#95;"),
        b'`' => Some("&#96;"),
        b'[' => Some("&#91;"),
        b']' => Some("&#93;"),
        b'\\' => Some("&#92;"),
        b'~' => Some("&#126;"),
        b'|' => Some("&#124;"),
        b'#' => Some("&#35;"),
        b'!' => Some("&#33;"),
        // `{…}` ending a heading is mdBook's heading-attribute syntax.
        b'{' => Some("&#123;"),
        b'}' => Some("&#125;"),
        _ => None,
    }
}

/// Escapes `s` as text of the generated pages' HTML, as mdBook's serializer does (`<`, `>`,
/// `&`): for template helpers that write text themselves.
pub(crate) fn page_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(s, &mut out, text_entity);
    out
}

/// Escapes `s` as an attribute value, as mdBook's serializer does.
pub(crate) fn page_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(s, &mut out, attr_entity);
    out
}

/// Escapes `s` for HTML text content. `*`, `_`, `` ` ``, `[`, `]`, `\` and `<` are escaped too,
/// so data placed in a chapter's Markdown is never read as Markdown either (the [`Markdown`]
/// target's escaping).
pub(crate) fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 16);
    escape_into(s, &mut out, markdown_entity);
    out
}

/// Escapes `s` for a double-quoted attribute value, hrefs included. Inline HTML tags are raw in
/// Markdown (nothing inside a tag is read as Markdown), so only HTML's own characters need it.
pub(crate) fn attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// True for an id usable in URLs and fragments as is: lower-case letters, digits and inner `-`
/// (`un-desa`, `fair-recruitment-workshop`).
pub(crate) fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
}

/// Returns `url` if it is safe to put in an `href`: `http`, `https` or `mailto`, with no
/// whitespace or control characters. Anything else (`javascript:`, `data:`, …) is refused.
pub(crate) fn safe_url(url: &str) -> Option<&str> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let allowed = ["http://", "https://", "mailto:"]
        .iter()
        .any(|p| lower.starts_with(p) && lower.len() > p.len());
    let clean = !url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>');
    (allowed && clean).then_some(url)
}

/// The scheme of a link's destination when it has one [`safe_url`] refuses (`javascript`,
/// `data`, `vbscript` …); `None` for an allowed scheme and for a link without one (`other.md`,
/// `#fragment`, `../x.html`). Read as a browser reads it: leading spaces and control characters
/// dropped, tabs and line breaks ignored, case ignored.
pub(crate) fn refused_scheme(dest: &str) -> Option<String> {
    let url: String = dest
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let (scheme, _) = url.split_once(':')?;
    let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (is_scheme && safe_url(&url).is_none()).then(|| scheme.to_ascii_lowercase())
}

/// Attributes whose value is an address a browser follows or loads (`xlink:href` is `href` to
/// the tokenizer).
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "cite",
    "background",
];

/// A start tag of raw HTML as a browser's tokenizer reads it: its name and attributes, names
/// lower-cased, values with entities decoded.
struct StartTag {
    name: String,
    attrs: Vec<(String, String)>,
}

/// The start tags of a fragment of raw HTML, read with html5ever's tokenizer (no tree: what is
/// written is what is reported, in order).
fn start_tags(fragment: &str) -> Vec<StartTag> {
    use html5ever::tokenizer::{
        BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer,
    };
    #[derive(Default)]
    struct Sink(std::cell::RefCell<Vec<StartTag>>);
    impl TokenSink for Sink {
        type Handle = ();
        fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
            if let Token::TagToken(tag) = token
                && tag.kind == TagKind::StartTag
            {
                let attrs = tag.attrs.iter().map(|a| {
                    let name = a.name.local.rsplit(':').next().unwrap_or_default();
                    (name.to_string(), a.value.to_string())
                });
                self.0.borrow_mut().push(StartTag {
                    name: tag.name.to_string(),
                    attrs: attrs.collect(),
                });
            }
            TokenSinkResult::Continue
        }
    }
    let input = BufferQueue::default();
    input.push_back(fragment.into());
    let tokenizer = Tokenizer::new(Sink::default(), Default::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.0.take()
}

/// The addresses in a fragment of raw HTML an editor wrote: each URL-valued attribute of its
/// start tags, as `(attribute, value)` with entities decoded, as a browser reads them.
pub(crate) fn url_attributes(fragment: &str) -> Vec<(String, String)> {
    start_tags(fragment)
        .into_iter()
        .flat_map(|tag| tag.attrs)
        .filter(|(name, _)| URL_ATTRIBUTES.contains(&name.as_str()))
        .collect()
}

/// The `id`s a fragment of raw HTML gives its elements, in order (the targets of links into
/// it: an imported document's `<span id="para-13"></span>`).
pub(crate) fn ids(fragment: &str) -> Vec<String> {
    start_tags(fragment)
        .into_iter()
        .flat_map(|tag| tag.attrs)
        .filter_map(|(name, value)| (name == "id").then_some(value))
        .collect()
}

/// Elements that run code, load another page into this one, send the reader's input elsewhere
/// or change where every link of the page goes.
pub(crate) const ACTIVE_ELEMENTS: &[&str] = &[
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "portal", "base", "form",
];

/// The name under which a book allows `<meta http-equiv>` (a refresh to another address, a
/// cookie, a content policy).
pub(crate) const HTTP_EQUIV: &str = "http-equiv";

/// Active content in a fragment of raw HTML: the names, as a book allows them, of its active
/// elements ([`ACTIVE_ELEMENTS`]), its event-handler attributes (`onclick`, `onerror` …: every
/// attribute whose name starts with `on`) and `http-equiv` on a `<meta>`, in order.
pub(crate) fn active_content(fragment: &str) -> Vec<String> {
    let mut out = Vec::new();
    for tag in start_tags(fragment) {
        if ACTIVE_ELEMENTS.contains(&tag.name.as_str()) {
            out.push(tag.name.clone());
        }
        for (name, _) in &tag.attrs {
            if name.starts_with("on") && name.len() > 2 {
                out.push(name.clone());
            } else if name == HTTP_EQUIV && tag.name == "meta" {
                out.push(HTTP_EQUIV.to_string());
            }
        }
    }
    out
}

/// The URL of chapter `to` (a `.md` path relative to `src/`) as seen from chapter `from`, with an
/// optional `#fragment`. Relative, with `.html`, so it works on the site, offline and — because
/// mdBook rewrites links between chapters — on the print page.
pub(crate) fn href(from: &Path, to: &Path, fragment: Option<&str>) -> String {
    let mut out = if from == to && fragment.is_some() {
        String::new()
    } else {
        relative(from, &to.with_extension("html"))
    };
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

/// The URL of chapter `to` (a `.md` path relative to `src/`) from the site's root, with an
/// optional `#fragment`: for files written at the root (`timeline.json`), never a bare fragment.
pub(crate) fn site_href(to: &Path, fragment: Option<&str>) -> String {
    let mut out = relative(Path::new("index.md"), &to.with_extension("html"));
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

/// `to` relative to the directory of `from`, both relative to the same root, with `/`.
pub(crate) fn relative(from: &Path, to: &Path) -> String {
    fn parts(p: &Path) -> impl Iterator<Item = std::borrow::Cow<'_, str>> {
        p.components().filter_map(|c| match c {
            Component::Normal(part) => Some(part.to_string_lossy()),
            _ => None,
        })
    }
    let from_dir: Vec<_> = from
        .parent()
        .map(|p| parts(p).collect())
        .unwrap_or_default();
    let to_parts: Vec<_> = parts(to).collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let ups = std::iter::repeat_n("..", from_dir.len() - common);
    let path = ups
        .chain(to_parts[common..].iter().map(|p| &**p))
        .collect::<Vec<_>>()
        .join("/");
    if path.contains('\\') {
        path.replace('\\', "/")
    } else {
        path
    }
}

/// The id mdBook gives a heading without one of its own (`id_from_content`, mdBook 0.5.4's
/// `mdbook-html/src/utils.rs`): the text trimmed and lower-cased, letters, digits, `-` and `_`
/// kept, whitespace as `-`, everything else dropped.
pub(crate) fn heading_id(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '-' {
                Some(c)
            } else if c.is_whitespace() {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn active_content_is_read_as_a_browser_reads_tags() {
        assert_eq!(active_content("<script>alert(1)</script>"), ["script"]);
        assert_eq!(active_content("<SCRIPT SRC=x>"), ["script"]);
        assert_eq!(
            active_content("<img src=x onerror=\"alert(1)\">"),
            ["onerror"]
        );
        assert_eq!(
            active_content("<svg><a xlink:href=x onClick=y>"),
            ["onclick"]
        );
        assert_eq!(
            active_content("<meta http-equiv=\"refresh\" content=\"0;url=x\">"),
            [HTTP_EQUIV]
        );
        assert_eq!(
            active_content("<iframe src=x></iframe><form action=y><button>"),
            ["iframe", "form"]
        );
        // Not active: ordinary elements and attributes, a meta without http-equiv, a closing
        // tag alone, text that only looks like a handler.
        for quiet in [
            "<kbd>Ctrl</kbd>",
            "<span class=\"onclick\">x</span>",
            "<meta name=\"x\" content=\"y\">",
            "</script>",
            "on click=x",
            "<details open><summary>More</summary>",
            "<a data-onclick=x>",
        ] {
            assert_eq!(active_content(quiet), Vec::<String>::new(), "{quiet}");
        }
    }

    #[test]
    fn raw_htmls_addresses_are_read_from_its_url_attributes() {
        assert_eq!(
            url_attributes(
                "<p>Or <a class=\"x\" HREF=\"java&#115;cript:alert(9)\">the annex</a> \
                 <img src='map.png' alt=\"javascript:no\"><svg><use xlink:href=\"#i\"/></svg></p>"
            ),
            [
                ("href".to_string(), "javascript:alert(9)".to_string()),
                ("src".to_string(), "map.png".to_string()),
                ("href".to_string(), "#i".to_string()),
            ]
        );
        assert!(url_attributes("<!-- <a href=\"javascript:x\"> -->").is_empty());
        assert!(url_attributes("</a>").is_empty());
    }

    #[test]
    fn refused_schemes_are_read_as_a_browser_reads_them() {
        for (dest, scheme) in [
            ("javascript:alert(1)", Some("javascript")),
            (" JavaScript:alert(1)", Some("javascript")),
            ("java\tscript:alert(1)", Some("javascript")),
            ("data:image/png;base64,AAAA", Some("data")),
            ("vbscript:msgbox", Some("vbscript")),
            ("file:///etc/passwd", Some("file")),
            ("https://example.org/", None),
            ("mailto:a@example.org", None),
            ("other.md#x", None),
            ("#fragment", None),
            ("../x.html", None),
            ("a b:c", None),
        ] {
            assert_eq!(refused_scheme(dest).as_deref(), scheme, "{dest:?}");
        }
    }

    #[test]
    fn escapes_markup_and_markdown() {
        assert_eq!(
            text(r#"<script>"a" & 'b' *c* [d](e)"#),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39; &#42;c&#42; &#91;d&#93;(e)"
        );
    }

    #[test]
    fn escapes_every_character_markdown_or_html_could_read() {
        // Hand-written: each character and the entity a reader's browser shows as it.
        for (c, entity) in [
            ('&', "&amp;"),
            ('<', "&lt;"),
            ('>', "&gt;"),
            ('"', "&quot;"),
            ('\'', "&#39;"),
            ('*', "&#42;"),
            ('_', "&#95;"),
            ('`', "&#96;"),
            ('[', "&#91;"),
            (']', "&#93;"),
            ('\\', "&#92;"),
            ('~', "&#126;"),
            ('|', "&#124;"),
            ('#', "&#35;"),
            ('!', "&#33;"),
            ('{', "&#123;"),
            ('}', "&#125;"),
        ] {
            assert_eq!(text(&format!("a{c}b")), format!("a{entity}b"), "{c:?}");
        }
        assert_eq!(
            text("plain, café: 1.5 (x) / y + z = w"),
            "plain, café: 1.5 (x) / y + z = w"
        );
        assert_eq!(attr("a|*_[]#{}b"), "a|*_[]#{}b");
        assert_eq!(
            attr(r#"<"a" & 'b'>"#),
            "&lt;&quot;a&quot; &amp; &#39;b&#39;&gt;"
        );
    }

    /// Rendered by mdBook's own parser, escaped text reads as written wherever generated text
    /// sits: a table cell (`|` would split it), a heading (`{…}` would be attributes), emphasis.
    #[test]
    fn escaped_text_renders_as_written_in_tables_headings_and_paragraphs() {
        fn rendered(markdown: &str) -> String {
            let mut html = String::new();
            mdbook_markdown::pulldown_cmark::html::push_html(
                &mut html,
                mdbook_markdown::new_cmark_parser(markdown, &Default::default()),
            );
            html
        }
        let s = "A | B {#x} *c* _d_ ~~e~~ [f](g) `h` <i> & \\j !k";
        let cell = rendered(&format!("| h |\n|---|\n| {} |\n", text(s)));
        assert_eq!(cell.matches("<td>").count(), 1, "{cell}");
        assert!(
            cell.contains(&format!("<td>{}</td>", text_as_html(s))),
            "{cell}"
        );
        let heading = rendered(&format!("# {}\n", text(s)));
        assert_eq!(heading, format!("<h1>{}</h1>\n", text_as_html(s)));
    }

    /// How pulldown-cmark writes `s` as HTML text: only `&`, `<`, `>` and `"` escaped.
    fn text_as_html(s: &str) -> String {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    }

    #[test]
    fn refuses_unsafe_url_schemes() {
        assert_eq!(
            safe_url("https://www.unicef.org"),
            Some("https://www.unicef.org")
        );
        assert_eq!(safe_url("  JavaScript:alert(1)"), None);
        assert_eq!(safe_url("data:text/html,x"), None);
        assert_eq!(safe_url("http://a b"), None);
        assert_eq!(safe_url("https://"), None);
        assert_eq!(safe_url("https://x\"onmouseover=\""), None);
        assert_eq!(safe_url("https://x<script>"), None);
        assert_eq!(safe_url("https://x>y"), None);
        assert_eq!(safe_url("https://x\u{7}y"), None);
    }

    #[test]
    fn links_between_chapters_are_relative_html() {
        let p = Path::new;
        assert_eq!(
            href(p("intro.md"), p("endnotes.md"), Some("note-i")),
            "endnotes.html#note-i"
        );
        assert_eq!(href(p("intro.md"), p("intro.md"), Some("x")), "#x");
        assert_eq!(
            href(p("agencies/unicef.md"), p("intro.md"), None),
            "../intro.html"
        );
        assert_eq!(
            href(p("intro.md"), p("agencies/unicef.md"), None),
            "agencies/unicef.html"
        );
        assert_eq!(href(p("a/b.md"), p("a/c.md"), None), "c.html");
    }

    #[test]
    fn a_headings_id_is_mdbooks_trimmed_lower_cased_and_without_punctuation() {
        assert_eq!(heading_id(" Ünïcode 2_a-b, (c)!\tD "), "ünïcode-2_a-b-c-d");
        assert_eq!(heading_id(" ?! "), "");
    }

    #[test]
    fn a_page_puts_block_elements_on_lines_of_their_own_and_markdown_does_not() {
        let mut page = Html::<Page>::new();
        page.open("div")
            .attr("class", "box")
            .close()
            .text("a < b")
            .open("p")
            .close()
            .element("em", "c & d")
            .close("p")
            .open("p")
            .close()
            .text("e")
            .close("p")
            .close("div");
        assert_eq!(
            page.as_str(),
            "<div class=\"box\">a &lt; b\n<p><em>c &amp; d</em></p>\n<p>e</p>\n</div>\n"
        );
        let mut md = Html::<Markdown>::new();
        md.text("a")
            .open("p")
            .close()
            .element("em", "*c*")
            .close("p")
            .text("b");
        assert_eq!(md.as_str(), "a<p><em>&#42;c&#42;</em></p>b");
        assert_eq!(Html::<Page>::end("p"), "</p>\n");
        assert_eq!(Html::<Markdown>::end("p"), "</p>");
        assert_eq!(Html::<Page>::end("a"), "</a>");
    }

    #[test]
    fn appended_html_starts_its_first_block_element_on_a_line_of_its_own() {
        let built = |text: &str, block: bool| {
            let mut h = Html::<Page>::new();
            if block {
                h.element("p", text);
            } else {
                h.text(text);
            }
            h
        };
        let mut h = built("a", false);
        h.push(&built("b", true));
        assert_eq!(h.into_string(), "a\n<p>b</p>\n");
        let mut h = built("a", false);
        h.push(&built("b", false));
        assert_eq!(h.into_string(), "ab");
        let mut h = built("a", false);
        h.newline().push(&built("b", true));
        assert_eq!(h.into_string(), "a\n<p>b</p>\n");
        // Appended to nothing, the block still starts what it was appended to.
        let mut empty = Html::<Page>::new();
        empty.push(&built("b", true));
        let mut h = built("a", false);
        h.push(&empty);
        assert_eq!(h.into_string(), "a\n<p>b</p>\n");
        let mut empty = Html::<Page>::default();
        empty.push(&built("b", false));
        let mut h = built("a", false);
        h.push(&empty);
        assert_eq!(h.to_string(), "ab");
    }

    #[test]
    fn joined_items_have_the_separator_between_them_only() {
        let mut h = Html::<Markdown>::new();
        h.join(["a", "b", "c"], ", ", |h, x| {
            h.element("b", x);
        });
        assert_eq!(h.as_str(), "<b>a</b>, <b>b</b>, <b>c</b>");
        let mut h = Html::<Markdown>::new();
        h.join(["a"], "*", |h, x| {
            h.text(x);
        });
        assert_eq!(h.as_str(), "a");
    }

    #[test]
    fn the_books_markdown_goes_in_unescaped_and_attributes_escape_html_only() {
        let mut h = Html::<Markdown>::new();
        h.element_open("li").markdown("*a* [b](c)").newline();
        h.open("img")
            .attr("alt", "'x' \"y\" <z> & \\ *")
            .self_close();
        assert_eq!(
            format!("{h}"),
            "<li>*a* [b](c)\n<img alt=\"&#39;x&#39; &quot;y&quot; &lt;z&gt; &amp; &#92; *\" />"
        );
    }

    #[test]
    fn a_pages_text_and_attributes_are_escaped_as_mdbook_escapes_them() {
        assert_eq!(
            page_text("<a> & 'b' \"c\" *d* \\"),
            "&lt;a&gt; &amp; 'b' \"c\" *d* \\"
        );
        assert_eq!(
            page_attr("<a> & 'b' \"c\" *d* \\"),
            "&lt;a&gt; &amp; &#39;b&#39; &quot;c&quot; *d* &#92;"
        );
        assert_eq!(
            meta("property", "og:title", "A \"b\" & <c>"),
            "<meta property=\"og:title\" content=\"A &quot;b&quot; &amp; &lt;c&gt;\">"
        );
        assert_eq!(
            script_json(&["</script>", "<!--"]),
            r#"["\u003c/script>","\u003c!--"]"#
        );
    }

    #[test]
    fn a_slug_is_lower_case_letters_digits_and_inner_hyphens() {
        for id in ["un-desa", "a1", "2014", "a--b"] {
            assert!(is_slug(id), "{id}");
        }
        for id in ["", "-a", "a-", "-", "Un", "a_b", "a b", "é", "a.b"] {
            assert!(!is_slug(id), "{id}");
        }
    }

    #[test]
    fn raw_htmls_ids_are_read_in_order() {
        assert_eq!(
            ids("<span id=\"para-13\"></span><a name=\"x\" ID=y>z</a><p class=id>"),
            ["para-13", "y"]
        );
        assert!(ids("<!-- <a id=x> --></span id=y>").is_empty());
    }

    #[test]
    fn an_attribute_named_on_alone_is_no_event_handler() {
        assert_eq!(active_content("<a on=x>"), Vec::<String>::new());
        assert_eq!(active_content("<a onx=y>"), ["onx"]);
    }

    #[test]
    fn a_link_from_the_sites_root_is_the_chapters_path_with_its_fragment() {
        let p = Path::new;
        assert_eq!(
            site_href(p("agencies/unicef.md"), Some("p-x")),
            "agencies/unicef.html#p-x"
        );
        assert_eq!(site_href(p("intro.md"), None), "intro.html");
    }
}
