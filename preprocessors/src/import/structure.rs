//! The document's structure, read from its lines: the letterhead (dropped, kept as data), the
//! title, the preamble, numbered paragraphs, lettered sub-paragraphs, annexes and their headings,
//! and the page furniture between pages (running heads, page numbers, the symbol repeated),
//! dropped. Lines that a page break cut apart are joined again.
//!
//! What is certain is done and said; what is not is left as the text gives it, with a warning:
//! a paragraph number the text lost leaves its paragraph without an anchor, sub-paragraph
//! letters are recovered only where a surviving letter fixes the sequence.

use crate::base::diagnostics::{Diagnostics, Location};
use crate::base::text::ordinal;
use crate::import::source::Line;
use regex::Regex;
use std::collections::VecDeque;
use std::path::Path;
use std::sync::LazyLock;

/// Where a byte of a block's text comes from: the block's byte `at` is column `col` (1-based,
/// in characters) of source line `line`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Span {
    pub at: usize,
    pub line: usize,
    pub col: usize,
}

/// A stretch of text: one paragraph, heading or list item, its lines joined with spaces.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Block {
    pub text: String,
    pub spans: Vec<Span>,
}

impl Block {
    fn from_line(line: &Line<'_>, from: usize) -> Block {
        let text = line.text[from..].trim_end();
        let col = line.text[..from].chars().count() + 1;
        Block {
            text: text.to_string(),
            spans: vec![Span {
                at: 0,
                line: line.number,
                col,
            }],
        }
    }

    fn push_line(&mut self, line: &Line<'_>) {
        let trimmed = line.text.trim();
        let lead = line.text.len() - line.text.trim_start().len();
        self.text.push(' ');
        self.spans.push(Span {
            at: self.text.len(),
            line: line.number,
            col: line.text[..lead].chars().count() + 1,
        });
        self.text.push_str(trimmed);
    }

    /// The source line and column of byte `offset` of the text.
    pub(super) fn locate(&self, path: &Path, offset: usize) -> Location {
        let span = self.locate_span(offset.min(self.text.len()));
        Location::at(path, span.line, span.col)
    }

    /// The block cut at `at`: the text before (trimmed) stays, the rest is returned.
    fn split_off(&mut self, at: usize) -> Block {
        let rest_text = self.text[at..].to_string();
        let mut spans: Vec<Span> = self
            .spans
            .iter()
            .filter(|s| s.at > at)
            .map(|s| Span {
                at: s.at - at,
                ..*s
            })
            .collect();
        let head = self.locate_span(at);
        spans.insert(0, head);
        self.text.truncate(at);
        let trimmed = self.text.trim_end().len();
        self.text.truncate(trimmed);
        self.spans.retain(|s| s.at <= self.text.len());
        Block {
            text: rest_text,
            spans,
        }
    }

    /// Where byte `offset` of the text is in the source, as a span starting at 0.
    fn locate_span(&self, offset: usize) -> Span {
        let span = self
            .spans
            .iter()
            .rev()
            .find(|s| s.at <= offset)
            .copied()
            .unwrap_or(Span {
                at: 0,
                line: 0,
                col: 0,
            });
        Span {
            at: 0,
            line: span.line,
            col: span.col + self.text[span.at..offset].chars().count(),
        }
    }

    fn strip_prefix_len(&mut self, n: usize) {
        let mut rest = self.split_off(n);
        let lead = rest.text.len() - rest.text.trim_start().len();
        if lead > 0 {
            rest = rest.split_off(lead);
        }
        *self = rest;
    }
}

/// What an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A plain paragraph: the lines before the title, "The General Assembly,", a paragraph
    /// without a number, the adopting meeting.
    Text,
    /// The document's title (`80/3. Awaza Political Declaration`).
    Title,
    /// A heading: 2 for an annex and a section outside one, 3 and 4 below.
    Heading(u8),
    /// A preambular or numbered paragraph.
    Paragraph,
    /// A sub-paragraph: 1 for `(a)`, 2 for `(i)` under a lettered one.
    Sub(u8),
}

/// One unit of the imported document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Item {
    pub kind: Kind,
    /// Its stable id (`para-13`, `annex-para-13-b`, `preamble-2`).
    pub anchor: Option<String>,
    /// A sub-paragraph letter the text lost and its sequence gives back (`(b)`).
    pub recovered: Option<String>,
    pub block: Block,
}

/// A line of page furniture that was dropped, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    /// Its line in the text file (1-based).
    pub line: usize,
    /// The line as it was.
    pub text: String,
    /// What kind of furniture it is (`letterhead`, `page number`, `running head` …).
    pub kind: &'static str,
}

/// The document's data the letterhead and the text give.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Data {
    /// `General Assembly`, from "General Assembly Distr.: General".
    pub body: Option<String>,
    /// The distribution date as written ("15 October 2025").
    pub distributed: Option<String>,
    /// "Eightieth session".
    pub session: Option<String>,
    /// "13", "25 (b)".
    pub agenda_item: Option<String>,
    /// The agenda item's title as the letterhead gives it.
    pub agenda_title: Option<String>,
    /// The adoption date as written ("14 October 2025").
    pub adopted: Option<String>,
    /// "18th plenary meeting".
    pub meeting: Option<String>,
    /// The title line's number (`80/3`) and title.
    pub number: Option<String>,
    pub title: Option<String>,
}

/// The document read into items.
#[derive(Debug, Default)]
pub(super) struct Structure {
    pub items: Vec<Item>,
    pub data: Data,
    pub dropped: Vec<Dropped>,
    /// Sub-paragraph letters recovered.
    pub letters_recovered: usize,
}

macro_rules! re {
    ($name:ident, $re:expr) => {
        static $name: LazyLock<Regex> = LazyLock::new(|| Regex::new($re).expect("valid regex"));
    };
}

re!(DISTR, r"^(.*?)\s*Distr\.:\s*General\s*(.*)$");
re!(
    SESSION,
    r"^(\S+(?: \S+)? session) Agenda items? (\d+(?: \([a-z]{1,2}\))?(?:(?:, | and )\d+(?: \([a-z]{1,2}\))?)*)\s*(.*)$"
);
re!(
    ADOPTED,
    r"^Resolution adopted by the .+? on (\d{1,2} \w+ \d{4})$"
);
re!(TITLE, r"^(\d+/\d+)\. (.+)$");
re!(NUMBERED, r"^(\d{1,3})\. \S");
re!(SUB, r"^\(([a-z]{1,2}|[ivxl]{1,6})\)\s");
re!(ROMAN_HEADING, r"^[IVXL]{1,6}\.(?:\s|$)");
re!(
    MEETING,
    r"^(\d+(?:st|nd|rd|th) plenary meeting)(?:\s+(.*))?$"
);
re!(ANNEX, r"^Annex(?: ([IVXL]{1,6}))?(?:\s+(.*))?$");
re!(
    PAGE_FURNITURE,
    r"^(?:\d{1,3}/\d{1,3}|\d{2}-\d{5}(?: \([A-Z]\))?)$"
);

/// The assembly that opens the preamble: "The General Assembly," (a preamble follows) or
/// without the comma (a single paragraph follows).
fn opening(text: &str) -> Option<bool> {
    let t = text.trim();
    let rest = t.strip_prefix("The ")?;
    let comma = rest.ends_with(',');
    let name = rest.trim_end_matches(',');
    let capitalised = name
        .split(' ')
        .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    (capitalised && name.split(' ').count() <= 4).then_some(comma)
}

/// Whether `text` ends a sentence or clause: `.`, `;` or `:` at its end, before a note marker
/// (`[^6]`, or digits after punctuation) and closing quotes.
pub(super) fn ends_clause(text: &str) -> bool {
    matches!(last_punctuation(text), Some('.' | ';' | ':' | '?' | '!'))
}

fn last_punctuation(text: &str) -> Option<char> {
    let mut t = text.trim_end();
    if let Some(open) = t.rfind("[^").filter(|_| t.ends_with(']')) {
        t = t[..open].trim_end();
    }
    let digits = t.trim_end_matches(|c: char| c.is_ascii_digit());
    if digits.len() < t.len() {
        let before = digits.trim_end();
        if before
            .chars()
            .last()
            .is_some_and(|c| ",.;:”’\")".contains(c))
        {
            t = before;
        }
    }
    let t = t.trim_end_matches(['”', '’', '"', ')']);
    t.chars().last()
}

/// A line that starts a new unit whatever came before.
fn starts_unit(text: &str) -> bool {
    NUMBERED.is_match(text)
        || SUB.is_match(text)
        || ROMAN_HEADING.is_match(text)
        || MEETING.is_match(text)
        || opening(text).is_some()
}

/// A short line without closing punctuation that stands alone: a heading.
fn heading_like(text: &str) -> bool {
    let t = text.trim();
    t.len() < 150
        && t.chars().next().is_some_and(char::is_uppercase)
        && last_punctuation(t).is_none_or(|c| c.is_alphanumeric() || c == ')')
        && !t.ends_with(',')
        && !NUMBERED.is_match(t)
        && !SUB.is_match(t)
}

fn words_lower(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_lowercase).collect()
}

/// A running head: the title (or its first words, as a page's head cuts it) on a line of its
/// own, or the symbol, alone or with the title.
fn running_head(text: &str, title: &[String], symbol: &str) -> bool {
    let t = text.trim();
    if !symbol.is_empty()
        && (t == symbol
            || t.strip_prefix(symbol)
                .is_some_and(|r| r.starts_with(' ') && running_head(r, title, "")))
    {
        return true;
    }
    let words = words_lower(t);
    words.len() >= 2 && words.len() <= title.len() && title[..words.len()] == words[..]
}

/// Reads `lines` (the text of the source at `path`) into its structure.
pub(super) fn read(
    lines: &[Line<'_>],
    symbol: &str,
    path: &Path,
    diags: &mut Diagnostics,
) -> Structure {
    let mut out = Structure::default();
    let raw = furniture(lines, symbol, &mut out);
    let blocks = join(&raw);
    items(blocks, path, diags, &mut out);
    letters(path, diags, &mut out);
    out
}

/// A kept line, and whether a blank line (or dropped furniture) came before it.
struct Kept<'a> {
    line: Line<'a>,
    break_before: bool,
}

/// Drops the letterhead (keeping its data) and the page furniture.
fn furniture<'a>(lines: &[Line<'a>], symbol: &str, out: &mut Structure) -> Vec<Kept<'a>> {
    let mut kept = Vec::new();
    let mut seen_title = false;
    let mut title_words: Vec<String> = Vec::new();
    let mut break_before = true;
    let mut previous: Option<&str> = None;
    let mut in_session = false;
    let drop = |out: &mut Structure, line: &Line<'_>, kind: &'static str| {
        out.dropped.push(Dropped {
            line: line.number,
            text: line.text.trim().to_string(),
            kind,
        });
    };
    for (i, line) in lines.iter().enumerate() {
        let text = line.text.trim();
        if text.is_empty() {
            break_before = true;
            in_session = false;
            continue;
        }
        if !seen_title {
            if in_session {
                // The agenda item's title goes on over a second line.
                let data = &mut out.data;
                let title = data.agenda_title.get_or_insert_with(String::new);
                if !title.is_empty() {
                    title.push(' ');
                }
                title.push_str(text);
                drop(out, line, "letterhead");
                continue;
            }
            if text == "United Nations" && kept.is_empty() {
                drop(out, line, "letterhead");
                continue;
            }
            if let Some(c) = DISTR.captures(text) {
                out.data.body = Some(c[1].to_string()).filter(|b| !b.is_empty());
                out.data.distributed = Some(c[2].to_string()).filter(|d| !d.is_empty());
                drop(out, line, "letterhead");
                continue;
            }
            if let Some(c) = SESSION.captures(text) {
                out.data.session = Some(c[1].to_string());
                out.data.agenda_item = Some(c[2].to_string());
                out.data.agenda_title = Some(c[3].to_string()).filter(|t| !t.is_empty());
                in_session = true;
                drop(out, line, "letterhead");
                continue;
            }
            if let Some(c) = TITLE.captures(text) {
                seen_title = true;
                out.data.number = Some(c[1].to_string());
                out.data.title = Some(c[2].to_string());
                title_words = words_lower(&c[2]);
            }
        } else {
            let alone_after = lines
                .get(i + 1)
                .is_none_or(|next| next.text.trim().is_empty());
            let after_annex = previous.is_some_and(|p| ANNEX.is_match(p));
            if PAGE_FURNITURE.is_match(text) && break_before && alone_after {
                drop(out, line, "page number");
                continue;
            }
            if break_before
                && alone_after
                && !after_annex
                && running_head(text, &title_words, symbol)
            {
                drop(out, line, "running head");
                continue;
            }
        }
        kept.push(Kept {
            line: *line,
            break_before,
        });
        previous = Some(text);
        break_before = false;
    }
    kept
}

/// A line that nothing may join: the title, the opening, a heading, the meeting, a bracketed
/// line, the adoption line.
fn closed(text: &str) -> bool {
    TITLE.is_match(text)
        || opening(text).is_some()
        || MEETING.is_match(text)
        || ANNEX.is_match(text)
        || ADOPTED.is_match(text)
        || (text.starts_with('[') && text.ends_with(']'))
}

/// Joins the lines into blocks: a line continues the block before it unless it starts a unit,
/// or the block ends a clause, or (after a blank line) the block is a heading or ends with any
/// punctuation. A line in lower case always continues (a page break cut the sentence).
fn join(lines: &[Kept<'_>]) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    // Whether the last block is one line so far (a heading stands on one line).
    let mut one_line = false;
    let mut block_after_break = false;
    for kept in lines {
        let text = kept.line.text.trim();
        let continues = blocks.last().is_some_and(|block| {
            let prev = block.text.as_str();
            let roman_alone = ROMAN_HEADING.is_match(prev) && prev.split_whitespace().count() == 1;
            if roman_alone {
                return !starts_unit(text);
            }
            if starts_unit(text) || closed(prev) || ANNEX.is_match(text) {
                return false;
            }
            if text.chars().next().is_some_and(char::is_lowercase) {
                return true;
            }
            if !kept.break_before {
                return !matches!(last_punctuation(prev), Some('.' | ';' | '?' | '!'));
            }
            let heading = one_line && block_after_break && heading_like(prev);
            last_punctuation(prev).is_some_and(char::is_alphanumeric) && !heading
        });
        if continues {
            blocks.last_mut().expect("a block").push_line(&kept.line);
            one_line = false;
        } else {
            let lead = kept.line.text.len() - kept.line.text.trim_start().len();
            blocks.push(Block::from_line(&kept.line, lead));
            one_line = true;
            block_after_break = kept.break_before;
        }
    }
    blocks
}

/// Where in the document the reading is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Zone {
    Head,
    Preamble,
    Operative,
    Annex,
}

struct Reader<'p> {
    zone: Zone,
    /// The next paragraph number expected.
    next: u32,
    preamble: u32,
    /// The anchors' prefix: "" in the resolution, "annex-" or "annex-ii-" in an annex.
    prefix: String,
    roman_seen: bool,
    met: bool,
    path: &'p Path,
}

impl Reader<'_> {
    fn level(&self, roman: bool) -> u8 {
        let base = if self.zone == Zone::Annex { 3 } else { 2 };
        base + u8::from(!roman && self.roman_seen)
    }
}

/// Words before a number that make it the text's own ("paragraph 15. We …" ends a sentence).
const OWN_NUMBER: &[&str] = &[
    "paragraph",
    "paragraphs",
    "para.",
    "article",
    "articles",
    "resolution",
    "resolutions",
    "decision",
    "rule",
    "item",
    "annex",
    "section",
    "chapter",
    "goal",
    "target",
    "no.",
    "and",
    "to",
    "of",
];

/// The offset of a paragraph's number glued inside `text`: paragraph `n` (or one of the next
/// few, when the text lost numbers) after a clause's end, or after a heading's words when
/// `heading` allows it ("… Future. 16 9. We note", "Global context 3. We gather"); paragraph
/// `n` itself also after a sentence the extraction cut ("… facility for 15. We emphasize").
fn glued(text: &str, n: u32, heading: bool) -> Option<usize> {
    (n..n + 5)
        .filter_map(|m| glued_number(text, m, heading, m == n))
        .min()
}

fn glued_number(text: &str, n: u32, heading: bool, cut: bool) -> Option<usize> {
    let needle = format!(" {n}. ");
    let mut from = 0;
    while let Some(i) = text[from..].find(&needle).map(|i| i + from) {
        let after = &text[i + needle.len()..];
        let capital = after
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c == '“');
        let before = &text[..i];
        let word = before.rsplit(' ').next().unwrap_or("").to_lowercase();
        let cut_here = cut
            && word.chars().all(char::is_lowercase)
            && !word.is_empty()
            && !OWN_NUMBER.contains(&word.as_str());
        if capital && (ends_clause(before) || (heading && heading_like(before)) || cut_here) {
            return Some(i + 1);
        }
        from = i + 1;
    }
    None
}

fn items(blocks: Vec<Block>, path: &Path, diags: &mut Diagnostics, out: &mut Structure) {
    let mut r = Reader {
        zone: Zone::Head,
        next: 1,
        preamble: 0,
        prefix: String::new(),
        roman_seen: false,
        met: false,
        path,
    };
    let mut queue: VecDeque<Block> = blocks.into();
    while let Some(block) = queue.pop_front() {
        r.block(block, &mut queue, diags, out);
    }
}

/// An item of the text without a recovered letter.
fn item(kind: Kind, anchor: Option<String>, block: Block) -> Item {
    Item {
        kind,
        anchor,
        recovered: None,
        block,
    }
}

impl Reader<'_> {
    /// Reads one block into an item of `out`. A paragraph found glued inside it is split off
    /// and put first in `queue`, to be read next.
    fn block(
        &mut self,
        block: Block,
        queue: &mut VecDeque<Block>,
        diags: &mut Diagnostics,
        out: &mut Structure,
    ) {
        let text = block.text.clone();
        if self.zone == Zone::Head {
            self.head(&text, block, out);
            return;
        }
        if let Some(c) = MEETING.captures(&text) {
            out.data.meeting.get_or_insert_with(|| c[1].to_string());
            self.met = true;
            out.items.push(item(Kind::Text, None, block));
            return;
        }
        if let Some(c) = ANNEX.captures(&text).filter(|_| self.met) {
            self.annex(&c, block, out);
            return;
        }
        let Some(mut block) = self.heading(&text, block, queue, out) else {
            return;
        };
        if let Some(c) = NUMBERED.captures(&text) {
            let n: u32 = c[1].parse().expect("digits");
            if n >= self.next && n <= self.next + 5 {
                self.numbered(n, &text, block, queue, diags, out);
                return;
            }
        }
        if SUB.is_match(&text) {
            out.items.push(item(Kind::Sub(1), None, block));
            return;
        }
        if self.zone == Zone::Preamble {
            if let Some(at) = glued(&text, self.next, false).filter(|_| self.next == 1) {
                queue.push_front(block.split_off(at));
            }
            self.preamble += 1;
            let anchor = format!("preamble-{}", self.preamble);
            out.items.push(item(Kind::Paragraph, Some(anchor), block));
            return;
        }
        if let Some(at) = glued(&text, self.next, false) {
            queue.push_front(block.split_off(at));
        }
        out.items.push(item(Kind::Text, None, block));
    }

    /// A block of the head: the title, the date of adoption, and the opening words of the text
    /// ("The General Assembly," starts the preamble; without the comma, the operative part).
    fn head(&mut self, text: &str, block: Block, out: &mut Structure) {
        if let Some(c) = ADOPTED.captures(text) {
            out.data.adopted = Some(c[1].to_string());
        }
        if TITLE.is_match(text) {
            out.items.push(item(Kind::Title, None, block));
            return;
        }
        if let Some(comma) = opening(text).filter(|_| out.data.title.is_some()) {
            self.zone = if comma {
                Zone::Preamble
            } else {
                Zone::Operative
            };
        }
        out.items.push(item(Kind::Text, None, block));
    }

    /// An annex's heading (`c` its match), with its title when the same block gives it; its
    /// paragraphs are numbered from 1 again, with the annex's prefix.
    fn annex(&mut self, c: &regex::Captures<'_>, mut block: Block, out: &mut Structure) {
        self.zone = Zone::Annex;
        self.next = 1;
        self.roman_seen = false;
        self.prefix = match c.get(1) {
            Some(n) => format!("annex-{}-", n.as_str().to_lowercase()),
            None => "annex-".into(),
        };
        let name_end = c.get(1).map_or("Annex".len(), |m| m.end());
        if c.get(2).is_some() {
            let mut rest = block.split_off(name_end);
            out.items.push(item(Kind::Heading(2), None, block));
            rest.strip_prefix_len(0);
            out.items.push(item(Kind::Heading(3), None, rest));
        } else {
            // Its title, on a line of its own, is a heading of the annex's level (a
            // paragraph glued to it split off, as after any heading).
            out.items.push(item(Kind::Heading(2), None, block));
        }
    }

    /// A section heading, with the first paragraph of the section glued to it (split off into
    /// `queue`). Gives the block back when it is not a heading. Never called in the letterhead
    /// ([`Reader::block`] reads that first).
    fn heading(
        &mut self,
        text: &str,
        mut block: Block,
        queue: &mut VecDeque<Block>,
        out: &mut Structure,
    ) -> Option<Block> {
        let roman = ROMAN_HEADING.is_match(text);
        if roman
            || heading_like(text)
            || glued(text, self.next, true)
                .is_some_and(|at| !ends_clause(&text[..at]) && heading_like(&text[..at]))
        {
            if let Some(at) =
                glued(text, self.next, true).filter(|&at| roman || heading_like(&text[..at]))
            {
                queue.push_front(block.split_off(at));
            }
            if roman || heading_like(&block.text) {
                let level = self.level(roman);
                self.roman_seen |= roman;
                out.items.push(item(Kind::Heading(level), None, block));
                return None;
            }
        }
        Some(block)
    }

    /// Numbered paragraph `n`, within five of the next expected: numbers skipped are a warning,
    /// and a next paragraph glued to it is split off into `queue`.
    fn numbered(
        &mut self,
        n: u32,
        text: &str,
        mut block: Block,
        queue: &mut VecDeque<Block>,
        diags: &mut Diagnostics,
        out: &mut Structure,
    ) {
        if n > self.next {
            let missing = if n == self.next + 1 {
                format!("paragraph {}", self.next)
            } else {
                format!("paragraphs {} to {}", self.next, n - 1)
            };
            diags
                .warning(
                    "import-paragraph-number",
                    block.locate(self.path, 0),
                    format!(
                        "the text has no number for {missing}: paragraph {n} follows {}",
                        if self.next == 1 { "the preamble".to_string() } else { format!("paragraph {}", self.next - 1) }
                    ),
                )
                .hint("the extraction lost the number (and perhaps text): the paragraph has no anchor; add the number in the chapter if the original shows where it starts");
        }
        if self.zone == Zone::Preamble {
            self.zone = Zone::Operative;
        }
        self.next = n + 1;
        if let Some(at) = glued(text, self.next, false) {
            queue.push_front(block.split_off(at));
        }
        let anchor = format!("{}para-{n}", self.prefix);
        out.items.push(item(Kind::Paragraph, Some(anchor), block));
    }
}

static ROMAN_NUMERALS: &[&str] = &[
    "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv",
];

/// The letter of the `i`-th sub-paragraph (0: `a`; after `z`, `aa`, `bb` …).
pub(super) fn letter(i: usize) -> String {
    let c = char::from(b'a' + (i % 26) as u8);
    c.to_string().repeat(i / 26 + 1)
}

/// The written label of a sub-paragraph: `b` for "(b) …".
fn label(text: &str) -> Option<&str> {
    SUB.captures(text)
        .map(|c| c.get(1).expect("group").as_str())
}

/// Sub-paragraphs: each run after a paragraph that ends with a colon. Lettered ones get their
/// anchors; `(i)` under a lettered one is a second level (unless the letters reached `h`); an
/// unlettered paragraph inside the run gets the letter of its place when a surviving letter
/// fixes the sequence.
fn letters(path: &Path, diags: &mut Diagnostics, out: &mut Structure) {
    let mut i = 0;
    while i < out.items.len() {
        let parent = &out.items[i];
        let introduces = matches!(parent.kind, Kind::Paragraph | Kind::Text)
            && last_punctuation(&parent.block.text) == Some(':');
        i = if introduces {
            lettered_run(i, path, diags, out)
        } else {
            i + 1
        };
    }
}

/// The run of sub-paragraphs after item `i`, which introduces them: their levels, letters and
/// anchors. Returns the index of the first item after the run (past `i`: the run starts after
/// it, and may be empty).
fn lettered_run(i: usize, path: &Path, diags: &mut Diagnostics, out: &mut Structure) -> usize {
    let parent_anchor = out.items[i].anchor.clone();
    let what = match parent_anchor.as_deref() {
        None | Some("") => "a paragraph".to_string(),
        Some(name) => format!("`{name}`"),
    };
    // The run: sub-paragraphs and unnumbered paragraphs up to the next numbered one or heading.
    let start = i + 1;
    let mut end = start;
    while end < out.items.len()
        && matches!(out.items[end].kind, Kind::Sub(_) | Kind::Text)
        && !MEETING.is_match(&out.items[end].block.text)
    {
        end += 1;
    }
    let (places, run_end) = places(out, start, end);
    let written: Vec<(usize, String)> = places
        .iter()
        .enumerate()
        .filter_map(|(k, &j)| label(&out.items[j].block.text).map(|l| (k, l.to_string())))
        .collect();
    let unlettered: Vec<usize> = places
        .iter()
        .enumerate()
        .filter(|(_, j)| label(&out.items[**j].block.text).is_none())
        .map(|(k, _)| k)
        .collect();
    let consistent = written.iter().all(|(k, l)| letter(*k) == *l);
    if written.is_empty() {
        let semicolons = places
            .iter()
            .filter(|&&j| last_punctuation(&out.items[j].block.text) == Some(';'))
            .count();
        if places.len() >= 2 && semicolons >= 1 {
            diags
                .warning(
                    "import-letters-lost",
                    out.items[places[0]].block.locate(path, 0),
                    format!(
                        "{} paragraphs after {what} read as its sub-paragraphs, but no letter survives: they are kept without letters",
                        places.len()
                    ),
                )
                .hint("nothing in the text fixes their letters; write `(a) `, `(b) ` … at their start in the chapter if the original has them (the edit survives a new import)");
        }
        return end;
    }
    if !consistent {
        let (k, l) = written
            .iter()
            .find(|(k, l)| letter(*k) != *l)
            .expect("an inconsistent letter");
        let expected = letter(*k);
        diags
            .warning(
                "import-subparagraph-gap",
                out.items[places[*k]].block.locate(path, 0),
                format!(
                    "sub-paragraph ({l}) of {what} is its {} sub-paragraph, where ({expected}) was expected: letters are missing or out of order",
                    ordinal(*k + 1)
                ),
            )
            .hint("the letters are kept as the text writes them (no letter is recovered in this run); fix the sequence in the chapter if the original differs");
    }
    anchor_places(out, &places, parent_anchor.as_deref(), run_end, consistent);
    if consistent && !unlettered.is_empty() {
        let first = unlettered[0];
        let labels: Vec<String> = unlettered
            .iter()
            .map(|&k| format!("({})", letter(k)))
            .collect();
        diags
            .note(
                "import-letter-recovered",
                out.items[places[first]].block.locate(path, 0),
                format!(
                    "sub-paragraph letters {} of {what} recovered: the text lost them, and the surviving letters fix their places",
                    labels.join(", ")
                ),
            )
            .hint("the recovered letters are marked `report-recovered` in the chapter; check them against the original");
    }
    run_end
}

/// Sorts the items `start..end` into first-level places (returned, by item index) and
/// second-level ones (made `Sub(2)`); the run ends early at an unlettered paragraph that does
/// not continue it. Returns the places and the index after the run's last item.
fn places(out: &mut Structure, start: usize, end: usize) -> (Vec<usize>, usize) {
    let mut places: Vec<usize> = Vec::new();
    let mut last_letter: Option<String> = None;
    let mut run_end = start;
    for j in start..end {
        let text = &out.items[j].block.text;
        let lab = label(text).map(str::to_string);
        let roman = lab.as_deref().is_some_and(|l| {
            ROMAN_NUMERALS.contains(&l)
                && !(last_letter.as_deref().is_some_and(|prev| {
                    letter_index(prev).is_some_and(|p| Some(p + 1) == letter_index(l))
                }))
        });
        if roman && !places.is_empty() {
            out.items[j].kind = Kind::Sub(2);
            run_end = j + 1;
            continue;
        }
        if lab.is_none() {
            // An unlettered paragraph belongs to the run while the run goes on: the paragraph
            // before it ends with a semicolon (or introduces the run), or a lettered one follows.
            let before = &out.items[j - 1].block.text;
            let goes_on = j == start
                || matches!(last_punctuation(before), Some(';' | ':'))
                || before.trim_end().ends_with("; and")
                || before.trim_end().ends_with("; or");
            let lettered_later = (j + 1..end).any(|k| label(&out.items[k].block.text).is_some());
            if !goes_on && !lettered_later {
                break;
            }
        }
        if let Some(l) = &lab {
            last_letter = Some(l.clone());
        }
        places.push(j);
        run_end = j + 1;
    }
    (places, run_end)
}

/// Makes each place a first-level sub-paragraph with its anchor under `parent` (an unlettered
/// one gets the letter of its place when the letters are `consistent`, and is left as it is
/// otherwise), and anchors the second-level items after it, up to `run_end`.
fn anchor_places(
    out: &mut Structure,
    places: &[usize],
    parent: Option<&str>,
    run_end: usize,
    consistent: bool,
) {
    for (k, &j) in places.iter().enumerate() {
        let lab = match label(&out.items[j].block.text) {
            Some(l) => l.to_string(),
            None if consistent => {
                let l = letter(k);
                out.items[j].recovered = Some(format!("({l})"));
                out.letters_recovered += 1;
                l
            }
            None => continue,
        };
        out.items[j].kind = Kind::Sub(1);
        out.items[j].anchor = parent.map(|a| format!("{a}-{lab}"));
        // Second-level items that follow it.
        let mut m = j + 1;
        while m < run_end && out.items[m].kind == Kind::Sub(2) {
            let numeral = label(&out.items[m].block.text)
                .unwrap_or_default()
                .to_string();
            out.items[m].anchor = out.items[j]
                .anchor
                .as_ref()
                .map(|a| format!("{a}-{numeral}"));
            m += 1;
        }
    }
}

fn letter_index(l: &str) -> Option<usize> {
    let c = l.chars().next()?;
    if !l.chars().all(|x| x == c) || !c.is_ascii_lowercase() {
        return None;
    }
    Some((l.len() - 1) * 26 + usize::from(c as u8 - b'a'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lines of `text`, numbered from 1.
    fn lines(text: &str) -> Vec<Line<'_>> {
        text.lines()
            .enumerate()
            .map(|(i, text)| Line {
                number: i + 1,
                text,
            })
            .collect()
    }

    /// A resolution of this test's own: a letterhead, a preamble, sub-paragraphs with a letter
    /// lost and a page break inside one, a page number and a running head, two paragraphs on
    /// one line, a section heading, a number lost, the meeting, an annex with its title.
    const RESOLUTION: &str = "United Nations
General Assembly Distr.: General 15 October 2025
Eightieth session Agenda items 13 and 25 (b) Questions of the
sea

Resolution adopted by the General Assembly on 14 October 2025

80/3. Water for all

The General Assembly,

Recalling its resolution 79/1,

Noting the work done,

1. Decides to act:
(a) To meet;
(b) To report on the

2/4

Water for all

progress made;
To conclude;
(d) To end.
2. Requests a report. 3. Decides to stay seized.

I. Follow-up

5. Invites all.

18th plenary meeting
14 October 2025

Annex

Plan of action

1. We act.
";

    #[test]
    fn a_resolution_is_read_into_its_letterhead_items_and_dropped_furniture() {
        let mut diags = Diagnostics::new();
        let s = read(
            &lines(RESOLUTION),
            "A/RES/80/3",
            Path::new("r.txt"),
            &mut diags,
        );
        assert_eq!(
            s.data,
            Data {
                body: Some("General Assembly".into()),
                distributed: Some("15 October 2025".into()),
                session: Some("Eightieth session".into()),
                agenda_item: Some("13 and 25 (b)".into()),
                agenda_title: Some("Questions of the sea".into()),
                adopted: Some("14 October 2025".into()),
                meeting: Some("18th plenary meeting".into()),
                number: Some("80/3".into()),
                title: Some("Water for all".into()),
            }
        );
        let dropped: Vec<(usize, &str, &str)> = s
            .dropped
            .iter()
            .map(|d| (d.line, d.text.as_str(), d.kind))
            .collect();
        assert_eq!(
            dropped,
            [
                (1, "United Nations", "letterhead"),
                (
                    2,
                    "General Assembly Distr.: General 15 October 2025",
                    "letterhead"
                ),
                (
                    3,
                    "Eightieth session Agenda items 13 and 25 (b) Questions of the",
                    "letterhead"
                ),
                (4, "sea", "letterhead"),
                (20, "2/4", "page number"),
                (22, "Water for all", "running head"),
            ]
        );
        let items: Vec<(Kind, Option<&str>, Option<&str>, &str)> = s
            .items
            .iter()
            .map(|i| {
                (
                    i.kind,
                    i.anchor.as_deref(),
                    i.recovered.as_deref(),
                    i.block.text.as_str(),
                )
            })
            .collect();
        use Kind::*;
        assert_eq!(
            items,
            [
                (
                    Text,
                    None,
                    None,
                    "Resolution adopted by the General Assembly on 14 October 2025"
                ),
                (Title, None, None, "80/3. Water for all"),
                (Text, None, None, "The General Assembly,"),
                (
                    Paragraph,
                    Some("preamble-1"),
                    None,
                    "Recalling its resolution 79/1,"
                ),
                (Paragraph, Some("preamble-2"), None, "Noting the work done,"),
                (Paragraph, Some("para-1"), None, "1. Decides to act:"),
                (Sub(1), Some("para-1-a"), None, "(a) To meet;"),
                (
                    Sub(1),
                    Some("para-1-b"),
                    None,
                    "(b) To report on the progress made;"
                ),
                (Sub(1), Some("para-1-c"), Some("(c)"), "To conclude;"),
                (Sub(1), Some("para-1-d"), None, "(d) To end."),
                (Paragraph, Some("para-2"), None, "2. Requests a report."),
                (
                    Paragraph,
                    Some("para-3"),
                    None,
                    "3. Decides to stay seized."
                ),
                (Heading(2), None, None, "I. Follow-up"),
                (Paragraph, Some("para-5"), None, "5. Invites all."),
                (Text, None, None, "18th plenary meeting"),
                (Text, None, None, "14 October 2025"),
                (Heading(2), None, None, "Annex"),
                (Heading(3), None, None, "Plan of action"),
                (Paragraph, Some("annex-para-1"), None, "1. We act."),
            ]
        );
        assert_eq!(s.letters_recovered, 1);
        // Where the text of a joined block and of a split one comes from.
        let b = &s.items[7].block;
        let at = b.text.find("progress").unwrap();
        assert_eq!(
            b.locate(Path::new("r.txt"), at),
            Location::at("r.txt", 24, 1)
        );
        assert_eq!(
            b.locate(Path::new("r.txt"), 4),
            Location::at("r.txt", 18, 5)
        );
        assert_eq!(
            s.items[11].block.locate(Path::new("r.txt"), 0),
            Location::at("r.txt", 27, 23)
        );
        assert_eq!(
            diags.render(),
            "r.txt:31:1: warning: the text has no number for paragraph 4: paragraph 5 follows \
             paragraph 3 [import-paragraph-number]\n  \
             = hint: the extraction lost the number (and perhaps text): the paragraph has no \
             anchor; add the number in the chapter if the original shows where it starts\n\
             r.txt:25:1: note: sub-paragraph letters (c) of `para-1` recovered: the text lost \
             them, and the surviving letters fix their places [import-letter-recovered]\n  \
             = hint: the recovered letters are marked `report-recovered` in the chapter; check \
             them against the original\n\
             0 errors, 1 warning, 1 note"
        );
    }

    #[test]
    fn a_page_number_or_running_head_is_furniture_only_with_a_blank_line_after_it() {
        let dropped = |text: &str| -> Vec<(usize, String, &'static str)> {
            let mut diags = Diagnostics::new();
            read(&lines(text), "", Path::new("r.txt"), &mut diags)
                .dropped
                .into_iter()
                .map(|d| (d.line, d.text, d.kind))
                .collect()
        };
        assert_eq!(
            dropped("80/5. Seas and rivers\n\n1. Decides.\n\n2/3\n\nSeas and rivers\n\n2. Asks.\n"),
            [
                (5, "2/3".to_string(), "page number"),
                (7, "Seas and rivers".to_string(), "running head")
            ]
        );
        assert_eq!(
            dropped("80/5. Seas and rivers\n\n1. Decides.\n\n2/3\nSeas and rivers\nare shared.\n"),
            []
        );
    }

    #[test]
    fn a_number_is_a_paragraphs_from_the_next_expected_to_five_past_it() {
        // Five past the next expected (1): a paragraph, the numbers skipped a warning.
        assert_eq!(
            kinds_and_texts("6. Decides.\n"),
            [(Kind::Paragraph, "6. Decides.".into())]
        );
        // Six past it, or before it: text.
        for (text, last) in [
            ("1. Decides.\n\n8. Asks.\n", "8. Asks."),
            ("2. Decides.\n\n1. Asks.\n", "1. Asks."),
        ] {
            assert_eq!(
                kinds_and_texts(text)[1],
                (Kind::Text, last.into()),
                "{text}"
            );
        }
    }

    #[test]
    fn only_a_paragraph_ending_with_a_colon_introduces_lettered_sub_paragraphs() {
        let anchors = |text: &str| -> Vec<Option<String>> {
            body(text).0.into_iter().map(|(_, a, _, _)| a).collect()
        };
        assert_eq!(
            anchors("1. Decides:\n(a) To meet;\n"),
            [Some("para-1".into()), Some("para-1-a".into())]
        );
        assert_eq!(
            anchors("1. Decides.\n(a) To meet;\n"),
            [Some("para-1".into()), None]
        );
    }

    #[test]
    fn the_opening_is_the_assembly_with_a_comma_before_a_preamble() {
        assert_eq!(opening("The General Assembly,"), Some(true));
        assert_eq!(opening("  The General Assembly  "), Some(false));
        assert_eq!(
            opening("The Economic and Social Council,"),
            None,
            "a small word"
        );
        assert_eq!(
            opening("The Big Council Of Four,"),
            Some(true),
            "four words"
        );
        assert_eq!(
            opening("The Big Council Of Five Members,"),
            None,
            "five words"
        );
        assert_eq!(opening("General Assembly,"), None);
    }

    #[test]
    fn a_clause_ends_at_its_punctuation_before_notes_and_quotes() {
        for ended in [
            "done.",
            "done;",
            "done:",
            "done?",
            "done!",
            "done.[^6]",
            "done. [^12]",
            "done.12",
            "done.” 3",
            "said “done.”",
            "(done.)",
        ] {
            assert!(ends_clause(ended), "{ended}");
        }
        for open in [
            "done,",
            "in 2025",
            "resolution 79/1",
            "done",
            "",
            "(see above)",
            "a [^6]",
        ] {
            assert!(!ends_clause(open), "{open}");
        }
        assert_eq!(last_punctuation("a,12"), Some(','));
        assert_eq!(last_punctuation("a 12"), Some('2'));
    }

    #[test]
    fn a_heading_is_a_short_capitalised_line_without_closing_punctuation() {
        assert!(heading_like("Plan of action"));
        assert!(heading_like("Follow-up (continued)"));
        assert!(!heading_like("plan of action"));
        assert!(!heading_like("Plan of action."));
        assert!(!heading_like("Plan of action,"));
        assert!(!heading_like("1. Plan of action"));
        assert!(!heading_like("(a) Plan of action"));
        assert!(!heading_like(""));
        let long = format!("Plan{} Xyzw", " of action".repeat(14));
        assert_eq!(long.len(), 149);
        assert!(heading_like(&long));
        assert!(!heading_like(&format!("{long}x")));
    }

    #[test]
    fn a_running_head_is_the_titles_first_words_or_the_symbol() {
        let title = words_lower("Water for all");
        assert!(running_head("Water for", &title, "A/RES/80/3"));
        assert!(running_head("WATER FOR ALL", &title, "A/RES/80/3"));
        assert!(!running_head("Water", &title, "A/RES/80/3"));
        assert!(!running_head("Water for all people", &title, "A/RES/80/3"));
        assert!(!running_head("Water and all", &title, "A/RES/80/3"));
        assert!(running_head("A/RES/80/3", &title, "A/RES/80/3"));
        assert!(running_head(
            "A/RES/80/3 Water for all",
            &title,
            "A/RES/80/3"
        ));
        assert!(!running_head("A/RES/80/3Water for", &title, "A/RES/80/3"));
        assert!(!running_head(
            "A/RES/80/3 Other words",
            &title,
            "A/RES/80/3"
        ));
        assert!(!running_head("A/RES/80/3", &title, ""));
    }

    #[test]
    fn units_and_closed_lines_are_told_apart() {
        for unit in [
            "1. Decides",
            "(b) To act",
            "(iv) To act",
            "II. Follow-up",
            "II.",
            "18th plenary meeting",
            "The General Assembly,",
        ] {
            assert!(starts_unit(unit), "{unit}");
        }
        for not in [
            "1.5 per cent",
            "(b)To act",
            "Ii. no",
            "plenary meeting",
            "Decides",
        ] {
            assert!(!starts_unit(not), "{not}");
        }
        for shut in [
            "80/3. Water for all",
            "The General Assembly",
            "21st plenary meeting",
            "Annex II",
            "Resolution adopted by the General Assembly on 1 May 2025",
            "[Original: French]",
        ] {
            assert!(closed(shut), "{shut}");
        }
        for open in [
            "[Original: French",
            "Original: French]",
            "Annexes to the report",
        ] {
            assert!(!closed(open), "{open}");
        }
    }

    #[test]
    fn a_glued_number_is_found_after_a_clause_a_heading_or_a_cut_sentence() {
        // After a clause's end: the number expected or one of the next four.
        assert_eq!(glued("We act. 3. We note", 3, false), Some(8));
        assert_eq!(glued("We act. 7. We note", 3, false), Some(8));
        assert_eq!(glued("We act. 8. We note", 3, false), None);
        // The first of two.
        assert_eq!(glued("We act. 4. We note. 3. We add", 3, false), Some(8));
        // Not before a small letter, nor where the words before are the text's own number.
        assert_eq!(glued("We act. 3. we note", 3, false), None);
        assert_eq!(glued("see paragraph 3. We note", 3, false), None);
        // A quote opens the paragraph.
        assert_eq!(glued("We act. 3. “We note”", 3, false), Some(8));
        // After a heading's words, only when headings are allowed.
        // (Paragraph 4 where 3 is expected: a cut sentence is not enough for it.)
        assert_eq!(glued("Global context 4. We gather", 3, true), Some(15));
        assert_eq!(glued("Global context 4. We gather", 3, false), None);
        // After a sentence cut short: the expected number only.
        assert_eq!(glued("a facility for 3. We stress", 3, false), Some(15));
        assert_eq!(glued("a facility for 4. We stress", 3, false), None);
        assert_eq!(glued("a facility 2030 3. We stress", 3, false), None);
        // A later occurrence when the first does not qualify.
        assert_eq!(glued("as in 3. we said. 3. We add", 3, false), Some(18));
    }

    #[test]
    fn letters_and_labels() {
        assert_eq!(
            [0, 1, 25, 26, 27, 52].map(letter),
            ["a", "b", "z", "aa", "bb", "aaa"].map(String::from)
        );
        for i in [0, 1, 25, 26, 27, 52, 77] {
            assert_eq!(letter_index(&letter(i)), Some(i));
        }
        assert_eq!(letter_index("ab"), None);
        assert_eq!(letter_index("A"), None);
        assert_eq!(letter_index(""), None);
        assert_eq!(letter_index("1"), None);
        assert_eq!(label("(b) To act"), Some("b"));
        assert_eq!(label("(iv) To act"), Some("iv"));
        assert_eq!(label("(b)To act"), None);
        assert_eq!(label("b) To act"), None);
    }

    #[test]
    fn a_split_block_keeps_where_each_part_of_its_text_comes_from() {
        let src = lines("  First line of\n    the second, cut here\nthird line.\n");
        let mut b = Block::from_line(&src[0], 2);
        b.push_line(&src[1]);
        b.push_line(&src[2]);
        assert_eq!(b.text, "First line of the second, cut here third line.");
        let p = Path::new("r.txt");
        assert_eq!(b.locate(p, 0), Location::at("r.txt", 1, 3));
        assert_eq!(b.locate(p, 14), Location::at("r.txt", 2, 5));
        // Cut inside the second line: the rest starts there, its third line where it was.
        let at = b.text.find("cut").unwrap();
        let rest = b.split_off(at);
        assert_eq!(b.text, "First line of the second,");
        assert_eq!(rest.text, "cut here third line.");
        assert_eq!(rest.locate(p, 0), Location::at("r.txt", 2, 17));
        let third = rest.text.find("third").unwrap();
        assert_eq!(rest.locate(p, third), Location::at("r.txt", 3, 1));
        assert_eq!(rest.locate(p, third + 2), Location::at("r.txt", 3, 3));
        // What stays keeps its lines, and no span past its end.
        assert_eq!(b.locate(p, 14), Location::at("r.txt", 2, 5));
        assert!(b.spans.iter().all(|s| s.at <= b.text.len()));
        assert_eq!(b.spans.len(), 2);
        // A prefix taken off, with the spaces after it.
        let mut c = rest.clone();
        c.strip_prefix_len(3);
        assert_eq!(c.text, "here third line.");
        assert_eq!(c.locate(p, 0), Location::at("r.txt", 2, 21));
        assert_eq!(c.locate(p, 5), Location::at("r.txt", 3, 1));
    }

    #[test]
    fn an_annex_with_its_title_on_its_line_numbers_its_paragraphs_with_its_numeral() {
        let text = "80/4. Land\n\nThe General Assembly\n\n1. Decides.\n\n\
                    19th plenary meeting\n\nAnnex II  Plan of action\n\n1. We act.\n";
        let mut diags = Diagnostics::new();
        let s = read(&lines(text), "", Path::new("r.txt"), &mut diags);
        let items: Vec<(Kind, Option<&str>, &str)> = s
            .items
            .iter()
            .map(|i| (i.kind, i.anchor.as_deref(), i.block.text.as_str()))
            .collect();
        assert_eq!(
            items,
            [
                (Kind::Title, None, "80/4. Land"),
                (Kind::Text, None, "The General Assembly"),
                (Kind::Paragraph, Some("para-1"), "1. Decides."),
                (Kind::Text, None, "19th plenary meeting"),
                (Kind::Heading(2), None, "Annex II"),
                (Kind::Heading(3), None, "Plan of action"),
                (Kind::Paragraph, Some("annex-ii-para-1"), "1. We act."),
            ]
        );
        assert_eq!(
            s.items[5].block.locate(Path::new("r.txt"), 0),
            Location::at("r.txt", 9, 11)
        );
        assert_eq!(diags.render(), "0 errors, 0 warnings");
    }

    /// An item as (kind, anchor, recovered letter, text).
    type Row = (Kind, Option<String>, Option<String>, String);

    /// The items of `text` read after a title and an operative opening, as (kind, anchor,
    /// recovered letter, text), and the diagnostics.
    /// Each row's kind, anchor and recovered letter.
    fn kinds_anchors_letters(items: &[Row]) -> Vec<(Kind, Option<&str>, Option<&str>)> {
        items
            .iter()
            .map(|(k, a, r, _)| (*k, a.as_deref(), r.as_deref()))
            .collect()
    }

    fn body(text: &str) -> (Vec<Row>, String) {
        let mut diags = Diagnostics::new();
        let full = format!("80/5. Seas\n\nThe General Assembly\n\n{text}");
        let s = read(&lines(&full), "", Path::new("r.txt"), &mut diags);
        let items = s.items[2..]
            .iter()
            .map(|i| {
                (
                    i.kind,
                    i.anchor.clone(),
                    i.recovered.clone(),
                    i.block.text.clone(),
                )
            })
            .collect();
        (items, diags.render())
    }

    fn kinds_and_texts(text: &str) -> Vec<(Kind, String)> {
        body(text)
            .0
            .into_iter()
            .map(|(k, _, _, t)| (k, t))
            .collect()
    }

    #[test]
    fn an_annexs_title_is_a_heading_with_a_glued_paragraph_split_off() {
        let items = kinds_and_texts(
            "1. Decides.\n\n2nd plenary meeting\n\nAnnex\n\nPlan of action 1. We act.\n",
        );
        assert_eq!(
            items[2..],
            [
                (Kind::Heading(2), "Annex".into()),
                (Kind::Heading(3), "Plan of action".into()),
                (Kind::Paragraph, "1. We act.".into()),
            ]
        );
        // A section numbered in Roman right after "Annex" is a section of the annex: the
        // headings under it a level lower.
        let items = kinds_and_texts(
            "1. Decides.\n\n2nd plenary meeting\n\nAnnex\n\nI. Introduction\n\nBackground\n\n1. We act.\n",
        );
        assert_eq!(
            items[2..],
            [
                (Kind::Heading(2), "Annex".into()),
                (Kind::Heading(3), "I. Introduction".into()),
                (Kind::Heading(4), "Background".into()),
                (Kind::Paragraph, "1. We act.".into()),
            ]
        );
    }

    #[test]
    fn headings_below_a_roman_numbered_section_are_a_level_lower() {
        assert_eq!(
            kinds_and_texts("Context\n\n1. Decides.\n\nII. Follow-up\n\nReview\n\n2. Asks.\n"),
            [
                (Kind::Heading(2), "Context".into()),
                (Kind::Paragraph, "1. Decides.".into()),
                (Kind::Heading(2), "II. Follow-up".into()),
                (Kind::Heading(3), "Review".into()),
                (Kind::Paragraph, "2. Asks.".into()),
            ]
        );
    }

    #[test]
    fn a_roman_numeral_alone_on_its_line_takes_the_next_line_as_its_title() {
        assert_eq!(
            kinds_and_texts("III.\nFollow-up\n\n1. Decides.\n"),
            [
                (Kind::Heading(2), "III. Follow-up".into()),
                (Kind::Paragraph, "1. Decides.".into()),
            ]
        );
        // Not a unit, though, nor after a numeral with words.
        assert_eq!(
            kinds_and_texts("III.\n1. Decides.\n\nIV. Review\nof the plan\n"),
            [
                (Kind::Heading(2), "III.".into()),
                (Kind::Paragraph, "1. Decides.".into()),
                (Kind::Heading(2), "IV. Review of the plan".into()),
            ]
        );
    }

    #[test]
    fn after_a_blank_line_a_one_line_heading_stands_alone_but_longer_text_goes_on() {
        // "Review" after a blank line, one line long, is a heading: the next line after a
        // blank starts a new block. Two lines without closing punctuation go on.
        assert_eq!(
            kinds_and_texts(
                "Review\n\nThe plan works\n\nDecides to act\nwith all\n\nStates, all of them.\n"
            ),
            [
                (Kind::Heading(2), "Review".into()),
                (Kind::Heading(2), "The plan works".into()),
                (
                    Kind::Text,
                    "Decides to act with all States, all of them.".into()
                ),
            ]
        );
    }

    #[test]
    fn a_run_of_sub_paragraphs_anchors_second_levels_and_ends_at_unrelated_text() {
        let (items, diags) = body(
            "1. Decides:\n(a) To meet:\n(i) Once;\n(ii) Twice;\n(b) To report.\n\nWelcomes this.\n",
        );
        let anchors: Vec<(Kind, Option<&str>)> = items
            .iter()
            .map(|(k, a, _, _)| (*k, a.as_deref()))
            .collect();
        assert_eq!(
            anchors,
            [
                (Kind::Paragraph, Some("para-1")),
                (Kind::Sub(1), Some("para-1-a")),
                (Kind::Sub(2), Some("para-1-a-i")),
                (Kind::Sub(2), Some("para-1-a-ii")),
                (Kind::Sub(1), Some("para-1-b")),
                (Kind::Text, None),
            ]
        );
        assert_eq!(diags, "0 errors, 0 warnings");
        // A run that ends with a second-level item anchors it too.
        let (items, _) = body("1. Decides:\n(a) To meet:\n(i) Once;\n(ii) Twice.\n");
        assert_eq!(items[3].1.as_deref(), Some("para-1-a-ii"));
    }

    #[test]
    fn an_unlettered_paragraph_belongs_to_the_run_only_when_the_run_goes_on() {
        // After a semicolon, or with a lettered one after it: a place of the run, its letter
        // recovered. After a full stop with no letter after it: the run has ended.
        let (items, _) = body(
            "1. Decides:\n(a) To meet.\nTo report.\n(c) To end.\n\n2. Asks:\n(a) To meet.\n\nNotes the rest.\n",
        );
        let letters: Vec<(Option<&str>, Option<&str>, &str)> = items
            .iter()
            .map(|(_, a, r, t)| (a.as_deref(), r.as_deref(), t.as_str()))
            .collect();
        assert_eq!(
            letters,
            [
                (Some("para-1"), None, "1. Decides:"),
                (Some("para-1-a"), None, "(a) To meet."),
                (Some("para-1-b"), Some("(b)"), "To report."),
                (Some("para-1-c"), None, "(c) To end."),
                (Some("para-2"), None, "2. Asks:"),
                (Some("para-2-a"), None, "(a) To meet."),
                (None, None, "Notes the rest."),
            ]
        );
    }

    #[test]
    fn an_i_after_an_h_is_the_ninth_letter_and_after_an_a_a_second_level() {
        let subs: String = ('a'..='i').map(|c| format!("({c}) Item {c};\n")).collect();
        let (items, _) = body(&format!("1. Decides:\n{subs}"));
        let last = items.last().unwrap();
        assert_eq!(
            (last.0, last.1.as_deref()),
            (Kind::Sub(1), Some("para-1-i"))
        );
        let (items, _) = body("1. Decides:\n(a) Item a;\n(i) Item i;\n");
        let last = items.last().unwrap();
        assert_eq!(
            (last.0, last.1.as_deref()),
            (Kind::Sub(2), Some("para-1-a-i"))
        );
    }

    #[test]
    fn letters_out_of_sequence_are_kept_and_nothing_is_recovered() {
        let (items, diags) = body("1. Decides:\n(a) To meet;\nTo report;\n(d) To end.\n");
        let letters = kinds_anchors_letters(&items);
        assert_eq!(
            letters,
            [
                (Kind::Paragraph, Some("para-1"), None),
                (Kind::Sub(1), Some("para-1-a"), None),
                (Kind::Text, None, None),
                (Kind::Sub(1), Some("para-1-d"), None),
            ]
        );
        assert!(
            diags.starts_with(
                "r.txt:8:1: warning: sub-paragraph (d) of `para-1` is its 3rd sub-paragraph, \
                 where (c) was expected"
            ),
            "{diags}"
        );
    }

    #[test]
    fn a_paragraph_glued_to_a_roman_heading_or_to_the_preamble_is_split_off() {
        // After a Roman-numbered heading, even when the words before the number end a
        // sentence.
        assert_eq!(
            kinds_and_texts("1. Decides.\n\nII. Review of the plan. 2. We act.\n"),
            [
                (Kind::Paragraph, "1. Decides.".into()),
                (Kind::Heading(2), "II. Review of the plan.".into()),
                (Kind::Paragraph, "2. We act.".into()),
            ]
        );
        // The first numbered paragraph glued to the preamble's last.
        let mut diags = Diagnostics::new();
        let text = "80/5. Seas\n\nThe General Assembly,\n\nNoting the work. 1. Decides to act.\n";
        let s = read(&lines(text), "", Path::new("r.txt"), &mut diags);
        let items: Vec<(Option<&str>, &str)> = s.items[2..]
            .iter()
            .map(|i| (i.anchor.as_deref(), i.block.text.as_str()))
            .collect();
        assert_eq!(
            items,
            [
                (Some("preamble-1"), "Noting the work."),
                (Some("para-1"), "1. Decides to act.")
            ]
        );
    }

    #[test]
    fn an_unlettered_paragraph_after_a_semicolon_or_first_in_the_run_is_a_place() {
        let (items, _) = body("1. Decides:\n\nTo meet;\n\n(b) To report;\n\nTo end.\n");
        let letters = kinds_anchors_letters(&items);
        assert_eq!(
            letters,
            [
                (Kind::Paragraph, Some("para-1"), None),
                (Kind::Sub(1), Some("para-1-a"), Some("(a)")),
                (Kind::Sub(1), Some("para-1-b"), None),
                (Kind::Sub(1), Some("para-1-c"), Some("(c)")),
            ]
        );
    }

    #[test]
    fn sub_paragraphs_that_lost_every_letter_are_kept_without_letters_and_said_so() {
        let warnings = |subs: &str| {
            let mut diags = Diagnostics::new();
            let text = format!("99/1. Rivers\n\nThe General Assembly,\n\n1. Decides:\n\n{subs}\n");
            let s = read(&lines(&text), "", Path::new("r.txt"), &mut diags);
            let kinds: Vec<Kind> = s.items.iter().map(|it| it.kind).collect();
            (kinds, diags.render())
        };
        let lost = "r.txt:7:1: warning: 2 paragraphs after `para-1` read as its sub-paragraphs, \
                    but no letter survives: they are kept without letters [import-letters-lost]\n  \
                    = hint: nothing in the text fixes their letters; write `(a) `, `(b) ` … at \
                    their start in the chapter if the original has them (the edit survives a new \
                    import)\n0 errors, 1 warning";
        let (kinds, said) = warnings("To act;\n\nTo report.");
        assert_eq!(said, lost);
        assert_eq!(kinds[kinds.len() - 2..], [Kind::Text, Kind::Text]);
        // Both ending with a semicolon: still a run.
        assert_eq!(warnings("To act;\n\nTo report;").1, lost);
        // One paragraph, or two that no semicolon joins: nothing says they were lettered.
        assert_eq!(warnings("To act;").1, "0 errors, 0 warnings");
        assert_eq!(warnings("To act:\n\nTo report.").1, "0 errors, 0 warnings");
        // A paragraph ending with "; and" or "; or" goes on too. (The next line is joined to it
        // unless it starts a unit of its own: here a number too far ahead to be the next
        // paragraph's, so text.) That line is the run's second place, whose letter the first
        // one's fixes.
        for joined in ["; and", "; or"] {
            let (kinds, said) = warnings(&format!("(a) To act{joined}\n\n40. To report."));
            assert_eq!(kinds[kinds.len() - 2..], [Kind::Sub(1), Kind::Sub(1)]);
            assert!(
                said.starts_with(
                    "r.txt:9:1: note: sub-paragraph letters (b) of `para-1` recovered"
                ),
                "{said}"
            );
        }
    }
}
