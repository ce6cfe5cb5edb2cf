//! Text fragments (`page.html#:~:text=quick%20brown`): the directive parsed as the WICG's
//! *URL Fragment Text Directives* specification parses it, the text a browser searches (the
//! page's rendered text, block by block) and the search.
//!
//! The search follows the specification's "find a range from a text directive": each term
//! (`prefix`, `start`, `end`, `suffix`) is found inside one block (a paragraph, a heading, a
//! list item …) and compared at the primary level (case and accents ignored); `prefix` and
//! `start` must begin on a word boundary and the match must end on one; only whitespace may
//! separate `prefix` from `start` and `end` from `suffix` (even across blocks). The page's text
//! is read with html5ever's tokenizer, without what a browser does not render (`<head>`,
//! `<script>`, `<style>`, `<template>`, `hidden` elements, replaced elements …); styles are not
//! applied. Word boundaries are Unicode's default ones reduced to letters and digits, with
//! `'` between letters and `.`/`,` between digits inside a word; scripts written without spaces
//! (Chinese, Japanese, Thai …), where browsers use dictionaries, have a boundary between every
//! two characters, so no valid directive is refused.

use super::extract::raw_text_state;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token as HtmlToken, TokenSink, TokenSinkResult, Tokenizer,
};
use percent_encoding::percent_decode_str;
use std::cell::RefCell;
use std::fmt;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// One `text=` directive: the text to find and its context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct TextDirective {
    /// Text that must come right before (whitespace between).
    pub prefix: Option<String>,
    /// The text, or the start of the passage.
    pub start: String,
    /// The end of the passage.
    pub end: Option<String>,
    /// Text that must come right after (whitespace between).
    pub suffix: Option<String>,
}

impl fmt::Display for TextDirective {
    /// How a message names what was looked for: `` `quick brown` ``, `` `an example` … `fragment` ``,
    /// with ``after `this is` `` and ``before `text` `` for the context.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}`", self.start)?;
        if let Some(end) = &self.end {
            write!(f, " … `{end}`")?;
        }
        if let Some(prefix) = &self.prefix {
            write!(f, " after `{prefix}`")?;
        }
        if let Some(suffix) = &self.suffix {
            write!(f, " before `{suffix}`")?;
        }
        Ok(())
    }
}

/// The `text=` directives of a fragment directive (what follows `:~:`), in order: each parsed,
/// or `Err` with its value when browsers ignore it as malformed. Other directives are skipped,
/// as browsers skip them.
pub(super) fn directives(fragment_directive: &str) -> Vec<Result<TextDirective, &str>> {
    fragment_directive
        .split('&')
        .filter_map(|directive| directive.strip_prefix("text="))
        .map(|value| parse(value).ok_or(value))
        .collect()
}

/// The specification's "parse a text directive": 1 to 4 comma-separated terms, `prefix-` first
/// and `-suffix` last when present, then `start` and an optional `end`; no term empty or with a
/// `-` of its own; each term percent-decoded as UTF-8.
fn parse(value: &str) -> Option<TextDirective> {
    let mut tokens: Vec<&str> = value.split(',').collect();
    if tokens.len() > 4 {
        return None;
    }
    let term = |t: &str| {
        (!t.is_empty() && !t.contains('-'))
            .then(|| percent_decode_str(t).decode_utf8_lossy().into_owned())
    };
    let mut prefix = None;
    if let Some(first) = tokens[0].strip_suffix('-') {
        prefix = Some(term(first)?);
        tokens.remove(0);
    }
    let mut suffix = None;
    if let Some(last) = tokens.last().and_then(|t| t.strip_prefix('-')) {
        suffix = Some(term(last)?);
        tokens.pop();
    }
    match tokens[..] {
        [start] => Some(TextDirective {
            prefix,
            start: term(start)?,
            end: None,
            suffix,
        }),
        [start, end] => Some(TextDirective {
            prefix,
            start: term(start)?,
            end: Some(term(end)?),
            suffix,
        }),
        _ => None,
    }
}

/// A page's rendered text as the search sees it: folded (see [`fold_into`]), whitespace
/// collapsed to one space, blocks separated by `\n`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct PageText {
    text: String,
}

/// Appends `c` folded for a primary-level comparison: decomposed (NFD), without combining
/// marks, lower-cased; a no-break space is a space.
fn fold_into(out: &mut String, c: char) {
    for d in std::iter::once(c).nfd().filter(|&d| !is_combining_mark(d)) {
        out.extend(d.to_lowercase());
    }
}

/// A term of a directive as the search compares it.
fn fold(term: &str) -> String {
    let mut out = String::new();
    let mut space = false;
    for c in term.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if std::mem::take(&mut space) {
            out.push(' ');
        }
        fold_into(&mut out, c);
    }
    if space {
        out.push(' ');
    }
    out
}

/// A character inside a word (see the module documentation).
fn is_word(c: char) -> bool {
    c.is_alphanumeric() && !written_without_spaces(c)
}

/// Scripts that separate words without spaces, where browsers find words with dictionaries.
fn written_without_spaces(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF // Thai, Lao
        | 0x1000..=0x109F // Myanmar
        | 0x1780..=0x17FF // Khmer
        | 0x3040..=0x30FF // Hiragana, Katakana
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF // Han
    )
}

impl PageText {
    /// Reads the rendered text of an HTML page.
    pub(super) fn read(html: &str) -> PageText {
        let input = BufferQueue::default();
        input.push_back(html.into());
        let tokenizer = Tokenizer::new(TextSink::default(), Default::default());
        let _ = tokenizer.feed(&input);
        tokenizer.end();
        PageText {
            text: tokenizer.sink.state.into_inner().text,
        }
    }

    /// Whether a browser finds `directive` on the page.
    pub(super) fn finds(&self, directive: &TextDirective) -> bool {
        let start = fold(&directive.start);
        let prefix = directive.prefix.as_deref().map(fold);
        let end = directive.end.as_deref().map(fold);
        let suffix = directive.suffix.as_deref().map(fold);
        let must_end = end.is_some() || suffix.is_none();
        let mut from = 0;
        loop {
            // The next match of the start, right after the prefix when there is one.
            let start_end = if let Some(prefix) = &prefix {
                let Some(found) = self.find(prefix, from, true, false) else {
                    return false;
                };
                from = self.next_char(found);
                let at = self.skip_whitespace(found + prefix.len());
                if !self.matches_at(&start, at, false, must_end) {
                    continue;
                }
                at + start.len()
            } else {
                let Some(found) = self.find(&start, from, true, must_end) else {
                    return false;
                };
                from = self.next_char(found);
                found + start.len()
            };
            let Some(end) = &end else {
                // An exact match: the suffix must follow, or the next start is tried.
                match &suffix {
                    None => return true,
                    Some(suffix) if self.followed_by(start_end, suffix) => return true,
                    Some(_) => continue,
                }
            };
            // A passage: the first end after the start that the suffix follows.
            let mut end_from = start_end;
            loop {
                let Some(found) = self.find(end, end_from, true, suffix.is_none()) else {
                    return false;
                };
                end_from = found + end.len();
                match &suffix {
                    None => return true,
                    Some(suffix) if self.followed_by(end_from, suffix) => return true,
                    Some(_) => {}
                }
            }
        }
    }

    /// Whether `suffix` comes after `at`, with only whitespace between.
    fn followed_by(&self, at: usize, suffix: &str) -> bool {
        self.matches_at(suffix, self.skip_whitespace(at), false, true)
    }

    /// The first match of `term` at or after `from`, word-bounded as asked.
    fn find(&self, term: &str, from: usize, word_start: bool, word_end: bool) -> Option<usize> {
        if term.is_empty() {
            return None;
        }
        let mut at = from;
        while let Some(i) = self.text.get(at..)?.find(term) {
            let found = at + i;
            if self.bounded(found, found + term.len(), word_start, word_end) {
                return Some(found);
            }
            at = self.next_char(found);
        }
        None
    }

    /// Whether `term` is at `at`, word-bounded as asked.
    fn matches_at(&self, term: &str, at: usize, word_start: bool, word_end: bool) -> bool {
        !term.is_empty()
            && self.text[at..].starts_with(term)
            && self.bounded(at, at + term.len(), word_start, word_end)
    }

    fn bounded(&self, start: usize, end: usize, word_start: bool, word_end: bool) -> bool {
        (!word_start || self.is_boundary(start)) && (!word_end || self.is_boundary(end))
    }

    /// Whether a word boundary is at byte `i` of the text.
    fn is_boundary(&self, i: usize) -> bool {
        let before: Vec<char> = self.text[..i].chars().rev().take(2).collect();
        let mut after = self.text[i..].chars();
        let (Some(&b), Some(a)) = (before.first(), after.next()) else {
            return true;
        };
        if is_word(b) && is_word(a) {
            return false;
        }
        // `'` inside a word ("can't"), `.` or `,` inside a number ("3.14").
        let inner = |left: Option<char>, mid: char, right: Option<char>| {
            let (Some(l), Some(r)) = (left, right) else {
                return false;
            };
            (matches!(mid, '\'' | '’') && l.is_alphabetic() && r.is_alphabetic())
                || (matches!(mid, '.' | ',') && l.is_numeric() && r.is_numeric())
        };
        !(inner(before.get(1).copied(), b, Some(a)) || inner(Some(b), a, after.next()))
    }

    fn next_char(&self, i: usize) -> usize {
        i + self.text[i..].chars().next().map_or(1, char::len_utf8)
    }

    /// The first position at or after `i` that is not whitespace or a block's end.
    fn skip_whitespace(&self, i: usize) -> usize {
        self.text[i..]
            .find(|c: char| c != ' ' && c != '\n')
            .map_or(self.text.len(), |j| i + j)
    }
}

/// Elements whose content a browser does not render (or not as text), by the HTML standard's
/// rendering section: `display: none`, replaced elements, raw text. Not `head`: what may stay in
/// it is void or listed here, and anything else ends it (the parser's "in head" insertion mode)
/// or, once the body has begun, makes a `<head>` tag ignored.
const UNRENDERED: &[&str] = &[
    "title", "script", "style", "template", "noscript", "noembed", "noframes", "iframe", "object",
    "video", "audio", "canvas", "meter", "progress", "select", "textarea", "datalist", "dialog",
    "rp",
];

/// Elements without content or end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// Elements the HTML standard's style sheet displays as blocks (list items and tables
/// included): text never runs from one into the next.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "optgroup",
    "p",
    "plaintext",
    "pre",
    "search",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "xmp",
];

#[derive(Default)]
struct TextSink {
    state: RefCell<TextState>,
}

#[derive(Default)]
struct TextState {
    text: String,
    /// Whitespace seen since the last character.
    space: bool,
    /// The element being skipped, and how many of its kind are open.
    skipping: Option<(String, usize)>,
}

impl TextState {
    fn block_break(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
        self.space = false;
    }

    fn characters(&mut self, text: &str) {
        for c in text.chars() {
            if c.is_whitespace() {
                self.space = true;
                continue;
            }
            if std::mem::take(&mut self.space)
                && !self.text.is_empty()
                && !self.text.ends_with('\n')
            {
                self.text.push(' ');
            }
            fold_into(&mut self.text, c);
        }
    }

    fn tag(&mut self, tag: &Tag) {
        let name = &*tag.name;
        let start = tag.kind == TagKind::StartTag;
        if let Some((skipped, open)) = &mut self.skipping {
            if name == skipped && !tag.self_closing {
                *open = if start { *open + 1 } else { *open - 1 };
            }
            if *open == 0 {
                self.skipping = None;
            }
            return;
        }
        let hidden = tag
            .attrs
            .iter()
            .any(|a| &*a.name.local == "hidden" && !a.value.eq_ignore_ascii_case("until-found"));
        let multiple = tag.attrs.iter().any(|a| &*a.name.local == "multiple");
        let open_dialog = tag.attrs.iter().any(|a| &*a.name.local == "open");
        let unrendered = UNRENDERED.contains(&name)
            && !(name == "select" && multiple)
            && !(name == "dialog" && open_dialog);
        if start && !tag.self_closing && !VOID.contains(&name) && (hidden || unrendered) {
            self.skipping = Some((name.to_owned(), 1));
        } else if BLOCKS.contains(&name) {
            self.block_break();
        } else if name == "br" {
            self.space = true;
        }
    }
}

impl TokenSink for TextSink {
    type Handle = ();

    fn process_token(&self, token: HtmlToken, _line: u64) -> TokenSinkResult<()> {
        let mut state = self.state.borrow_mut();
        match token {
            HtmlToken::CharacterTokens(text) if state.skipping.is_none() => {
                state.characters(&text);
            }
            HtmlToken::TagToken(tag) => {
                state.tag(&tag);
                if tag.kind == TagKind::StartTag {
                    return raw_text_state(&tag.name);
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn directive(value: &str) -> TextDirective {
        parse(value).unwrap_or_else(|| panic!("{value} parses"))
    }

    #[test]
    fn parses_directives_as_the_specification_does() {
        assert_eq!(
            directive("this%20is-,an%20example,text,-fragment%2C%20here"),
            TextDirective {
                prefix: Some("this is".into()),
                start: "an example".into(),
                end: Some("text".into()),
                suffix: Some("fragment, here".into()),
            }
        );
        assert_eq!(directive("caf%C3%A9").start, "café");
        assert_eq!(directive("a,-b").suffix.as_deref(), Some("b"));
        for malformed in [
            "",
            "a,,b",
            "-a",
            "a-",
            "p-,-s",
            "a,b,c",
            "p-,a,b,c,-s",
            "a-b",
            "p--,a",
        ] {
            assert_eq!(parse(malformed), None, "{malformed}");
        }
        let found = directives("text=a&unknown=1&text=&text=b,c");
        assert_eq!(found.len(), 3);
        assert_eq!(found[1], Err(""));
        assert_eq!(found[2].as_ref().unwrap().end.as_deref(), Some("c"));
    }

    fn page(body: &str) -> PageText {
        PageText::read(&format!(
            "<!DOCTYPE html><html><head><title>Quick title</title><style>p {{ x: 'hidden style' }}</style></head>\
             <body>{body}</body></html>"
        ))
    }

    #[test]
    fn reads_the_rendered_text_block_by_block() {
        let text = page(
            "<h1 id=intro>The  Quick\n<em>Brown</em> fox</h1><p>jumps&nbsp;over<br>the <span>la</span>zy dog</p>\
             <script>var s = 'script text';</script><template><p>template text</p></template>\
             <div hidden><p>hidden</p> text</div><div hidden=until-found>found</div><img hidden><p>Café</p>",
        );
        assert_eq!(
            text.text,
            "the quick brown fox\njumps over the lazy dog\nfound\ncafe\n"
        );
    }

    #[test]
    fn finds_words_case_and_accents_ignored() {
        let text = page(
            "<p>The quick brown fox jumps over the lazy dog.</p><p>Café au lait, 3.14 can't</p>",
        );
        let finds = |value: &str| text.finds(&directive(value));
        assert!(finds("quick%20brown"));
        assert!(finds("QUICK"));
        assert!(finds("cafe%20AU"));
        assert!(finds("3.14"));
        assert!(finds("can't"));
        // Only whole words.
        assert!(!finds("quick%20bro"));
        assert!(!finds("uick"));
        assert!(!finds("3"));
        assert!(!finds("can"));
        // Not what the page does not render.
        assert!(!finds("title"));
        assert!(!finds("hidden%20style"));
        // A term does not run from one block into the next.
        assert!(!finds("dog%20cafe"));
    }

    #[test]
    fn finds_passages_and_context() {
        let text = page(
            "<p>here is an example text</p><p>this is an example text fragment</p><p>Last words.</p>",
        );
        let finds = |value: &str| text.finds(&directive(value));
        assert!(finds("this%20is-,an%20example"));
        assert!(finds("an%20example,-text%20fragment"));
        assert!(finds("this%20is-,an%20example,-text%20fragment"));
        assert!(!finds("here%20is-,an%20example,-text%20fragment"));
        // Context may cross blocks: only whitespace lies between.
        assert!(finds("fragment-,last"));
        assert!(!finds("text-,last"));
        // A passage from its start to the first end after it; end and context on word bounds.
        assert!(finds("here,fragment"));
        assert!(finds("example,text,-fragment"));
        // No end the suffix follows: no passage.
        assert!(!finds("example,text,-words"));
        assert!(!finds("example,frag"));
        assert!(!finds("words,here"));
        // The prefix ends where the text starts; the text must be right after it.
        assert!(!finds("is-,example"));
    }

    #[test]
    fn scripts_without_spaces_break_between_any_two_characters() {
        let text = page("<p>ウィキペディアへようこそ</p>");
        assert!(text.finds(&directive("%E3%82%88%E3%81%86%E3%81%93%E3%81%9D")));
    }

    #[test]
    fn a_search_goes_on_after_a_match_that_is_not_a_whole_word_in_any_script() {
        // `αβ` (two bytes a letter) is first found inside `αβγ`: the next try starts at the
        // next character, not inside this one.
        let text = page("<p>αβγ αβ</p>");
        assert!(text.finds(&directive("%CE%B1%CE%B2")));
        assert!(!text.finds(&directive("%CE%B2")));
    }

    #[test]
    fn describes_what_was_looked_for() {
        assert_eq!(
            directive("p-,a,b,-s").to_string(),
            "`a` … `b` after `p` before `s`"
        );
        assert_eq!(directive("fox").to_string(), "`fox`");
    }

    #[test]
    fn an_element_hidden_inside_one_of_its_kind_stays_hidden_to_its_own_end() {
        let text = page(
            "<div hidden><div>inner</div><br>still hidden</div><div>a<div hidden>b</div>c</div>",
        );
        assert_eq!(text.text, "ac\n");
    }

    #[test]
    fn a_start_tag_inside_raw_text_is_text() {
        let text =
            page(r#"<script>var s = "<script>";</script><style>/* <style> */</style><p>after</p>"#);
        assert_eq!(text.text, "after\n");
    }

    #[test]
    fn body_closes_a_head_left_open() {
        let text = PageText::read("<html><head><title>T</title><body><p>text</p>");
        assert_eq!(text.text, "text\n");
        let text = PageText::read("a<head><title>T</title><body>b");
        assert_eq!(text.text, "a\nb");
        // A hidden body's end is the end of what is skipped, not a block's.
        let text = PageText::read("a<body hidden>b</body>c");
        assert_eq!(text.text, "ac");
    }

    #[test]
    fn text_or_a_body_element_in_the_head_ends_it_as_in_a_browser() {
        // The HTML standard's "in head" insertion mode: anything but whitespace, a comment or
        // an element of the head (`<title>`, `<meta>`, `<template>` …) closes the head.
        let text = PageText::read("<html><head><title>t</title><p>Hello world");
        assert_eq!(text.text, "hello world");
        assert!(text.finds(&directive("Hello")));
        let text = PageText::read(
            "<head> <meta charset=utf-8><!-- c --><template><p>x</p></template><style>s</style>Hi",
        );
        assert_eq!(text.text, "hi");
        // A `<head>` start tag once the body has begun is ignored: what follows is rendered.
        let text = PageText::read("<p>a</p><head>b</head>");
        assert_eq!(text.text, "a\nb");
    }

    #[test]
    fn a_multiple_select_and_an_open_dialog_are_rendered() {
        let text = page(
            "<select><option>one</option></select><select multiple><option>two</option></select>\
             <dialog>three</dialog><dialog open>four</dialog>",
        );
        assert_eq!(text.text, "two\nfour\n");
    }

    #[test]
    fn a_self_closing_foreign_element_hides_nothing_after_it() {
        let text = page("<p>a<svg hidden/>b</p>");
        assert_eq!(text.text, "ab\n");
    }

    #[test]
    fn an_apostrophe_or_point_next_to_a_space_is_a_word_boundary() {
        let text = page("<p>rock 'n roll, version 3.x and '3.</p>");
        let finds = |value: &str| text.finds(&directive(value));
        assert!(finds("n"));
        assert!(finds("3"));
        assert!(finds("version%203"));
        assert!(finds("x"));
    }
}
