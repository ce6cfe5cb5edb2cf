//! One Markdown parse per chapter, shared by every feature, and byte-range splicing.
//!
//! [`Doc::parse`] runs mdBook's own pulldown-cmark configuration
//! ([`mdbook_markdown::new_cmark_parser`]) once over a chapter body and records what the
//! features need, by byte range in the body:
//!
//! - [`Block`]s: paragraphs and tight list items, with their plain text and a stable anchor id;
//! - [`TextRun`]s: prose a feature may link, i.e. text outside code, links, images, raw HTML
//!   elements, headings and footnote definitions' labels, with a map from the rendered text back
//!   to the source bytes;
//! - endnote references `[^key]` and definitions `[^key]: …`;
//! - links with this project's schemes (`org:unhcr`, `agenda:3`), and every link's destination
//!   and range ([`Link`]).
//!
//! Features never edit text themselves: they add [`Edit`]s (insert or replace a byte range) and
//! [`Edits::apply`] splices them all at once, so every byte no feature touched stays identical.

use mdbook_markdown::pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};
use mdbook_markdown::{MarkdownOptions, new_cmark_parser};
use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::sync::LazyLock;

crate::base::index_type!(
    /// A block (paragraph or tight list item) of one chapter's [`Doc`].
    pub(crate) BlockId
);

/// A paragraph or a tight list item: the unit organisations' mentions and meetings link to.
#[derive(Debug, Clone)]
pub(crate) struct Block {
    /// Byte range in the body.
    pub range: Range<usize>,
    /// Byte offset where an inline anchor can be inserted (the block's first inline content).
    pub anchor_at: usize,
    /// Byte offset just after the block's last inline content (its own, not a nested list's),
    /// where a permalink can be appended; `anchor_at` when it has none.
    pub inline_end: usize,
    /// The text as a reader sees it (markup removed, line breaks as spaces).
    pub text: String,
    /// Stable `id` for the block: `p-` and its first words, made unique in the chapter by a
    /// hash of its own text (see [`assign_anchors`]).
    pub anchor: String,
    /// Label of the endnote definition this block belongs to, if any.
    pub in_footnote: Option<String>,
}

/// A heading of the chapter.
#[derive(Debug, Clone)]
pub(crate) struct Heading {
    /// 1–6.
    pub level: u8,
    /// Plain text.
    pub text: String,
    /// Byte range in the body.
    pub range: Range<usize>,
    /// The id the editor gave it (`# Title {#id}`), if any.
    pub id: Option<String>,
}

/// One piece of a [`TextRun`]: rendered text and the source bytes it came from.
#[derive(Debug, Clone)]
struct Piece {
    /// Start of this piece in [`TextRun::text`].
    text_start: usize,
    /// Source bytes.
    src: Range<usize>,
    /// True when the rendered text is the source text byte for byte, so offsets inside it map
    /// one to one. Smart quotes, entities, escapes and line breaks are atomic.
    direct: bool,
}

/// Consecutive prose inside one inline container (no markup boundary inside), which a feature
/// may wrap in a link.
#[derive(Debug, Clone)]
pub(crate) struct TextRun {
    /// Rendered text; line breaks become spaces and typographic apostrophes stay as rendered.
    pub text: String,
    pieces: Vec<Piece>,
    /// The block the run belongs to.
    pub block: BlockId,
    /// Where the run starts in the block's [`Block::text`].
    pub block_offset: usize,
    /// Bare URLs in the text (`https://…`, `www.…`): never linked inside.
    urls: Vec<Range<usize>>,
}

static BARE_URL: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r#"(?:[a-zA-Z][a-zA-Z0-9+.-]*://|www\.)[^\s<>"]+"#).expect("valid regex")
});

impl TextRun {
    /// The bare URLs in the text (byte ranges of [`TextRun::text`]).
    pub(crate) fn urls(&self) -> &[Range<usize>] {
        &self.urls
    }

    /// True when `range` of the text touches a bare URL.
    pub(crate) fn in_url(&self, range: Range<usize>) -> bool {
        self.urls
            .iter()
            .any(|u| u.start < range.end && range.start < u.end)
    }

    /// The source byte range of `text[range]`, if both ends fall where an insertion is safe:
    /// inside text that maps one to one, or on a piece boundary.
    pub(crate) fn source_range(&self, range: Range<usize>) -> Option<Range<usize>> {
        if range.start >= range.end || range.end > self.text.len() {
            return None;
        }
        let start = self.map(range.start, false)?;
        let end = self.map(range.end, true)?;
        (start < end).then_some(start..end)
    }

    fn map(&self, offset: usize, is_end: bool) -> Option<usize> {
        let i = self.pieces.partition_point(|p| p.text_start <= offset);
        // Piece `i - 1` starts at or before `offset`.
        let piece = &self.pieces[i.checked_sub(1)?];
        let inner = offset - piece.text_start;
        if inner == 0 {
            if is_end {
                // The end of the previous piece.
                let prev = &self.pieces[i.checked_sub(2)?];
                return Some(prev.src.end);
            }
            return Some(piece.src.start);
        }
        let piece_len = self
            .pieces
            .get(i)
            .map_or(self.text.len(), |next| next.text_start)
            - piece.text_start;
        if inner == piece_len {
            return Some(piece.src.end);
        }
        piece.direct.then_some(piece.src.start + inner)
    }
}

/// An endnote reference `[^key]`.
#[derive(Debug, Clone)]
pub(crate) struct FootnoteRef {
    /// The key.
    pub label: String,
    /// Byte range of `[^key]`.
    pub range: Range<usize>,
    /// It is written in a heading (whose text mdBook makes a link).
    pub in_heading: bool,
}

/// An endnote definition `[^key]: text`.
#[derive(Debug, Clone)]
pub(crate) struct FootnoteDef {
    /// The key.
    pub label: String,
    /// Byte range of the whole definition.
    pub range: Range<usize>,
    /// Byte range of its content (after `[^key]:`).
    pub content: Range<usize>,
    /// Written inside a blockquote or a list: its continuation lines carry the container's
    /// markers (`>`) and indentation.
    pub nested: bool,
}

/// A Markdown link whose destination uses one of this project's schemes: `[text](org:unhcr)`.
#[derive(Debug, Clone)]
pub(crate) struct SchemeLink {
    /// `org`, `point`, …
    pub scheme: String,
    /// What follows the colon.
    pub target: String,
    /// Byte range of the whole link.
    pub range: Range<usize>,
    /// Byte range of the destination (`org:unhcr`) when written inline; `None` for a
    /// reference-style link, whose destination is elsewhere.
    pub dest_range: Option<Range<usize>>,
    /// The block it sits in.
    pub block: Option<BlockId>,
    /// The link's text in the block's [`Block::text`].
    pub text_in_block: Range<usize>,
}

/// Any Markdown link (`[text](dest)`, `<https://…>`, a reference link), as written.
#[derive(Debug, Clone)]
pub(crate) struct Link {
    /// The destination, as pulldown-cmark resolved it.
    pub dest: String,
    /// Byte range of the whole link.
    pub range: Range<usize>,
    /// The block it sits in.
    pub block: Option<BlockId>,
    /// An autolink (`<https://…>`), whose text is its address.
    pub autolink: bool,
    /// Where the link's text starts in the block's [`Block::text`].
    pub in_block: usize,
}

/// The schemes [`SchemeLink`] recognises.
pub(crate) const SCHEMES: &[&str] = &["org", "agenda"];

/// What one parse of a chapter body found.
#[derive(Debug, Default, Clone)]
pub(crate) struct Doc {
    /// Paragraphs and tight list items, in order.
    pub blocks: Vec<Block>,
    /// Headings, in order.
    pub headings: Vec<Heading>,
    /// Linkable prose.
    pub runs: Vec<TextRun>,
    /// `[^key]` references.
    pub footnote_refs: Vec<FootnoteRef>,
    /// `[^key]: …` definitions.
    pub footnote_defs: Vec<FootnoteDef>,
    /// `[text](org:id)`-style links.
    pub scheme_links: Vec<SchemeLink>,
    /// Every link (images aside), in order.
    pub links: Vec<Link>,
    /// The raw HTML the editor wrote, outside code: each HTML block and each inline tag.
    pub raw_html: Vec<Range<usize>>,
    /// Every image, in order (`autolink` is false).
    pub images: Vec<Link>,
    /// Straight quotes that smart punctuation renders curly: body offset and rendered character.
    pub quotes: Vec<(usize, char)>,
}

static FOOTNOTE_CANDIDATE: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"\[\^([^\]\s]+)\]").expect("valid regex"));

/// Inline HTML elements whose content is never linked (the editor wrote markup on purpose).
fn opens_element(html: &str) -> Option<bool> {
    let html = html.trim();
    let inner = html.strip_prefix('<')?;
    if html.ends_with("/>") {
        return None;
    }
    let closing = inner.starts_with('/');
    let name: String = inner
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr",
    ];
    // A comment (`<!--`), declaration (`<!DOCTYPE`) or processing instruction (`<?`) has no name.
    if name.is_empty() || VOID.contains(&name.as_str()) {
        return None;
    }
    Some(!closing)
}

#[derive(Default)]
struct Walker {
    doc: Doc,
    /// Blocks open around the current position (innermost last).
    block_stack: Vec<BlockId>,
    /// Depth of constructs whose text is never linked.
    skip: usize,
    /// Depth of code, HTML and metadata blocks. Inside a tight list item they are the item's
    /// blocks, not its inline content: no anchor or permalink goes into them.
    raw_blocks: usize,
    /// Depth of inline HTML elements.
    html_depth: usize,
    /// The heading open: its level, start, text so far and the editor's id.
    heading: Option<(u8, usize, String, Option<String>)>,
    footnote: Option<String>,
    run: Option<TextRun>,
    /// A footnote definition just opened: the next event starts its content.
    def_pending: bool,
    /// Depth of blockquotes and lists around the current position.
    containers: usize,
    /// The links and images open: each one's whole source end (a collapsed reference link's
    /// `[]` included), and whether its text is its reference label.
    link_stack: Vec<(usize, bool)>,
    /// For each open link, the index of its scheme link, if it is one.
    open_links: Vec<Option<usize>>,
}

impl Doc {
    /// Block `id`.
    pub(crate) fn block(&self, id: BlockId) -> &Block {
        &self.blocks[id.0]
    }

    /// Every block with its id, in order.
    pub(crate) fn blocks(&self) -> impl Iterator<Item = (BlockId, &Block)> {
        self.blocks.iter().enumerate().map(|(i, b)| (BlockId(i), b))
    }

    /// Parses a chapter body (front matter already removed).
    pub(crate) fn parse(body: &str) -> Doc {
        // `[^key]` is only an endnote reference to pulldown-cmark when the same document defines
        // `key`. Chapters cite notes defined in another chapter, so append a placeholder
        // definition for every candidate key: the parser then decides which candidates are real
        // references (not in code, not escaped) and gives their exact byte ranges. The
        // placeholders come after the body, so no body offset moves.
        let mut keys = BTreeSet::new();
        let mut defined = BTreeSet::new();
        for cap in FOOTNOTE_CANDIDATE.captures_iter(body) {
            let whole = cap.get(0).expect("match");
            let key = cap.get(1).expect("group").as_str();
            if body[whole.end()..].starts_with(':') {
                defined.insert(key);
            } else {
                keys.insert(key);
            }
        }
        let keys: Vec<&str> = keys.difference(&defined).copied().collect();
        let mut text = String::with_capacity(body.len() + keys.len() * 16);
        text.push_str(body);
        if !keys.is_empty() {
            text.push_str("\n\n");
            for key in &keys {
                text.push_str("[^");
                text.push_str(key);
                text.push_str("]: .\n");
            }
        }
        let mut w = Walker::default();
        for (event, range) in
            new_cmark_parser(&text, &MarkdownOptions::default()).into_offset_iter()
        {
            if range.start >= body.len() {
                break;
            }
            // A construct still open at the end of the body (a footnote definition) extends
            // over the placeholders: clamp it.
            let range = range.start..range.end.min(body.len());
            w.event(event, range, body);
        }
        w.flush();
        let mut doc = w.doc;
        assign_anchors(&mut doc.blocks);
        doc
    }
}

impl Walker {
    /// A link or image opens: its whole source range (pulldown-cmark's ends before a collapsed
    /// reference's `[]`, where nothing may be inserted), remembered until it closes.
    fn open_link(&mut self, link_type: LinkType, range: Range<usize>, body: &str) -> Range<usize> {
        let collapsed = matches!(link_type, LinkType::Collapsed | LinkType::CollapsedUnknown);
        let end = if collapsed && body[range.end..].starts_with("[]") {
            range.end + 2
        } else {
            range.end
        };
        // A shortcut or collapsed reference's text is its label, which must stay as written
        // to match its definition (`[the editors' guide]` ↔ `[the editors' guide]: …`).
        let label =
            collapsed || matches!(link_type, LinkType::Shortcut | LinkType::ShortcutUnknown);
        self.link_stack.push((end, label));
        range.start..end
    }

    /// A link or image closes: its whole source end.
    fn close_link(&mut self) -> Option<usize> {
        self.link_stack.pop().map(|(end, _)| end)
    }

    /// Inside the text of a link that is its own reference label.
    fn in_label(&self) -> bool {
        self.link_stack.iter().any(|&(_, label)| label)
    }

    fn current_block(&self) -> Option<BlockId> {
        self.block_stack.last().copied()
    }

    fn flush(&mut self) {
        if let Some(mut run) = self.run.take()
            && !run.text.is_empty()
        {
            if run.text.contains("://") || run.text.contains("www.") {
                run.urls = BARE_URL.find_iter(&run.text).map(|m| m.range()).collect();
            }
            self.doc.runs.push(run);
        }
    }

    /// The innermost block, when the current position is its own inline content, not a code
    /// block or heading nested in a list item.
    fn own_block(&self) -> Option<BlockId> {
        self.current_block()
            .filter(|_| self.raw_blocks == 0 && self.heading.is_none())
    }

    /// Adds plain text to the enclosing block (when it is the block's own) and heading.
    fn plain(&mut self, text: &str) {
        if let Some(b) = self.own_block() {
            self.doc.blocks[b.0].text.push_str(text);
        }
        if let Some((_, _, h, _)) = &mut self.heading {
            h.push_str(text);
        }
    }

    fn note_inline_start(&mut self, at: usize) {
        if let Some(b) = self.own_block() {
            let block = &mut self.doc.blocks[b.0];
            if block.anchor_at == usize::MAX {
                block.anchor_at = at;
            }
        }
    }

    /// Records that the innermost block's inline content reaches `end`.
    fn note_inline_end(&mut self, end: usize) {
        if let Some(b) = self.own_block() {
            let block = &mut self.doc.blocks[b.0];
            block.inline_end = block.inline_end.max(end);
        }
    }

    fn prose(&mut self, text: &str, src: Range<usize>, direct: bool) {
        self.plain(text);
        let linkable = self.skip == 0 && self.html_depth == 0 && self.heading.is_none();
        let Some(block) = self.current_block().filter(|_| linkable) else {
            self.flush();
            return;
        };
        let block_offset = self.doc.blocks[block.0].text.len() - text.len();
        let run = self.run.get_or_insert_with(|| TextRun {
            text: String::new(),
            pieces: Vec::new(),
            block,
            block_offset,
            urls: Vec::new(),
        });
        run.pieces.push(Piece {
            text_start: run.text.len(),
            src,
            direct,
        });
        run.text.push_str(text);
    }

    fn open_block(&mut self, range: Range<usize>) {
        self.flush();
        self.doc.blocks.push(Block {
            range,
            anchor_at: usize::MAX,
            inline_end: 0,
            text: String::new(),
            anchor: String::new(),
            in_footnote: self.footnote.clone(),
        });
        self.block_stack.push(BlockId(self.doc.blocks.len() - 1));
    }

    /// A code, HTML or metadata block: its text is never linked, and never an item's own.
    fn open_raw_block(&mut self) {
        self.flush();
        self.skip += 1;
        self.raw_blocks += 1;
    }

    fn close_block(&mut self) {
        self.flush();
        self.block_stack.pop();
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>, body: &str) {
        if self.def_pending {
            self.def_pending = false;
            if let Some(def) = self.doc.footnote_defs.last_mut() {
                def.content.start = range.start;
            }
        }
        match event {
            Event::Start(tag) => self.start(tag, range, body),
            Event::End(tag) => self.end(tag, range),
            Event::Text(text) => {
                // An escaped character's text starts after its backslash: an anchor inserted
                // there would split the escape (`\<span…>*`), so it goes before the backslash.
                let escapes = body[..range.start]
                    .bytes()
                    .rev()
                    .take_while(|&b| b == b'\\')
                    .count();
                self.note_inline_start(range.start - escapes % 2);
                self.note_inline_end(range.end);
                if let Some(quote @ ("'" | "\"")) = body.get(range.clone())
                    && let Some(rendered) = text.chars().next().filter(|_| &*text != quote)
                    && !self.in_label()
                {
                    self.doc.quotes.push((range.start, rendered));
                }
                let direct = body.get(range.clone()) == Some(&*text);
                self.prose(&text, range, direct);
            }
            Event::SoftBreak => {
                self.prose(" ", range, false);
            }
            Event::HardBreak => {
                self.plain(" ");
                self.flush();
            }
            Event::Code(code) | Event::InlineMath(code) | Event::DisplayMath(code) => {
                self.note_inline_start(range.start);
                self.note_inline_end(range.end);
                self.flush();
                self.plain(&code);
            }
            Event::InlineHtml(html) => {
                self.doc.raw_html.push(range.clone());
                self.note_inline_start(range.start);
                self.note_inline_end(range.end);
                self.flush();
                match opens_element(&html) {
                    Some(true) => self.html_depth += 1,
                    Some(false) => self.html_depth = self.html_depth.saturating_sub(1),
                    None => {}
                }
            }
            Event::FootnoteReference(label) => {
                self.note_inline_start(range.start);
                self.note_inline_end(range.end);
                self.flush();
                self.doc.footnote_refs.push(FootnoteRef {
                    label: label.to_string(),
                    range,
                    in_heading: self.heading.is_some(),
                });
            }
            Event::Html(_) | Event::Rule | Event::TaskListMarker(_) => self.flush(),
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>, body: &str) {
        match tag {
            Tag::Paragraph => self.open_block(range),
            Tag::Item => self.open_block(range),
            Tag::Heading { level, id, .. } => {
                self.flush();
                let id = id.map(|id| id.to_string());
                self.heading = Some((level as u8, range.start, String::new(), id));
            }
            Tag::HtmlBlock => {
                self.doc.raw_html.push(range);
                self.open_raw_block();
            }
            Tag::CodeBlock(_) | Tag::MetadataBlock(_) => self.open_raw_block(),
            Tag::Image {
                dest_url,
                link_type,
                ..
            } => {
                let range = self.open_link(link_type, range, body);
                self.note_inline_start(range.start);
                self.flush();
                self.skip += 1;
                let block = self.current_block();
                self.doc.images.push(Link {
                    dest: dest_url.to_string(),
                    range,
                    block,
                    autolink: false,
                    in_block: block.map_or(0, |b| self.doc.blocks[b.0].text.len()),
                });
            }
            Tag::Link {
                dest_url,
                link_type,
                ..
            } => {
                let range = self.open_link(link_type, range, body);
                self.note_inline_start(range.start);
                self.flush();
                self.skip += 1;
                let block = self.current_block();
                self.doc.links.push(Link {
                    dest: dest_url.to_string(),
                    range: range.clone(),
                    block,
                    autolink: matches!(link_type, LinkType::Autolink),
                    in_block: block.map_or(0, |b| self.doc.blocks[b.0].text.len()),
                });
                let mut index = None;
                if let Some((scheme, target)) = scheme_link(&dest_url) {
                    let dest_range = body[range.clone()]
                        .rfind(&format!("({dest_url}"))
                        .map(|i| range.start + i + 1..range.start + i + 1 + dest_url.len());
                    let block = self.current_block();
                    let start = block.map_or(0, |b| self.doc.blocks[b.0].text.len());
                    self.doc.scheme_links.push(SchemeLink {
                        scheme,
                        target,
                        range,
                        dest_range,
                        block,
                        text_in_block: start..start,
                    });
                    index = Some(self.doc.scheme_links.len() - 1);
                }
                self.open_links.push(index);
            }
            Tag::FootnoteDefinition(label) => {
                self.flush();
                self.footnote = Some(label.to_string());
                self.def_pending = true;
                self.doc.footnote_defs.push(FootnoteDef {
                    label: label.to_string(),
                    content: range.end..range.end,
                    range,
                    nested: self.containers > 0,
                });
            }
            Tag::BlockQuote(_) | Tag::List(_) => {
                self.flush();
                self.containers += 1;
            }
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript => {
                self.note_inline_start(range.start);
                self.flush();
            }
            _ => self.flush(),
        }
    }

    fn end(&mut self, tag: TagEnd, range: Range<usize>) {
        match tag {
            TagEnd::Paragraph | TagEnd::Item => self.close_block(),
            TagEnd::Heading(_) => {
                if let Some((level, start, text, id)) = self.heading.take() {
                    self.doc.headings.push(Heading {
                        level,
                        text: text.split_whitespace().collect::<Vec<_>>().join(" "),
                        range: start..range.end,
                        id,
                    });
                }
            }
            TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_) => {
                self.skip = self.skip.saturating_sub(1);
                self.raw_blocks = self.raw_blocks.saturating_sub(1);
            }
            TagEnd::Image => {
                self.skip = self.skip.saturating_sub(1);
                let end = self.close_link().unwrap_or(range.end);
                self.note_inline_end(end);
            }
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript => {
                self.flush();
                self.note_inline_end(range.end);
            }
            TagEnd::Link => {
                self.skip = self.skip.saturating_sub(1);
                let end = self.close_link().unwrap_or(range.end);
                self.note_inline_end(end);
                if let Some(Some(i)) = self.open_links.pop() {
                    let link = &mut self.doc.scheme_links[i];
                    if let Some(b) = link.block {
                        link.text_in_block.end = self.doc.blocks[b.0].text.len();
                    }
                }
            }
            TagEnd::FootnoteDefinition => {
                self.flush();
                self.footnote = None;
            }
            TagEnd::BlockQuote(_) | TagEnd::List(_) => {
                self.flush();
                self.containers = self.containers.saturating_sub(1);
            }
            _ => self.flush(),
        }
    }
}

fn scheme_link(dest: &CowStr<'_>) -> Option<(String, String)> {
    let (scheme, target) = dest.split_once(':')?;
    SCHEMES
        .contains(&scheme)
        .then(|| (scheme.to_string(), target.to_string()))
}

/// Gives every block a stable id that depends on its own text only: `p-` and its first six
/// words; where several blocks of the chapter open with the same six words, each of them adds
/// a short hash of its whole text (`p-the-council-noted-that-the-a3f09c`). So adding, removing
/// or editing a paragraph changes no other paragraph's id, except that a paragraph whose opening
/// becomes shared gains its hash. Identical paragraphs, which nothing tells apart, are numbered.
fn assign_anchors(blocks: &mut [Block]) {
    let bases: Vec<String> = blocks.iter().map(|b| opening_id(&b.text)).collect();
    let mut shared: HashMap<&str, usize> = HashMap::new();
    for base in &bases {
        *shared.entry(base.as_str()).or_insert(0) += 1;
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (block, base) in blocks.iter_mut().zip(&bases) {
        let id = if shared[base.as_str()] == 1 {
            base.clone()
        } else {
            format!("{base}-{}", text_hash(&block.text))
        };
        let n = seen.entry(id.clone()).or_insert(0);
        *n += 1;
        block.anchor = if *n == 1 { id } else { format!("{id}-{n}") };
        if block.anchor_at == usize::MAX {
            block.anchor_at = block.range.start;
        }
        block.inline_end = block.inline_end.max(block.anchor_at);
    }
}

/// `p-` and the first six words of `text`, lower-cased (`p` for a block without words).
fn opening_id(text: &str) -> String {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(6)
        .map(str::to_lowercase)
        .collect();
    if words.is_empty() {
        "p".to_string()
    } else {
        format!("p-{}", words.join("-"))
    }
}

/// Six hex digits of a hash of `text` with its whitespace squashed: stable across builds,
/// platforms and line wrapping.
fn text_hash(text: &str) -> String {
    format!(
        "{:06x}",
        crate::base::text::fnv1a(crate::base::text::squash(text).as_bytes()) >> 8
    )
}

/// One change to a chapter body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Edit {
    /// Bytes replaced (empty for an insertion).
    pub range: Range<usize>,
    /// The new text.
    pub text: String,
    /// Among insertions at the same offset, lower goes first.
    pub order: u8,
}

/// Insertion order at one offset: closing tags, then anchors, then opening tags.
pub(crate) mod order {
    /// A closing tag (`</a>`) ending something just before this offset.
    pub(crate) const CLOSE: u8 = 0;
    /// A paragraph anchor.
    pub(crate) const ANCHOR: u8 = 1;
    /// An opening tag.
    pub(crate) const OPEN: u8 = 2;
    /// A replacement: after every insertion at its start, which [`super::Edits::apply`] could
    /// not place once the replaced bytes are skipped.
    pub(crate) const REPLACE: u8 = 3;
}

/// The changes all features make to one chapter body.
#[derive(Debug, Default, Clone)]
pub(crate) struct Edits {
    items: Vec<Edit>,
}

impl Edits {
    /// Inserts `text` at byte `at`.
    pub(crate) fn insert(&mut self, at: usize, order: u8, text: impl Into<String>) {
        self.items.push(Edit {
            range: at..at,
            text: text.into(),
            order,
        });
    }

    /// Replaces `range` with `text`.
    pub(crate) fn replace(&mut self, range: Range<usize>, text: impl Into<String>) {
        self.items.push(Edit {
            range,
            text: text.into(),
            order: order::REPLACE,
        });
    }

    /// True when a replacement already covers part of `range`.
    pub(crate) fn replaces(&self, range: Range<usize>) -> bool {
        self.items.iter().any(|e| {
            e.range.start < e.range.end && e.range.start < range.end && range.start < e.range.end
        })
    }

    /// Where edits start, in no particular order.
    pub(crate) fn positions(&self) -> impl Iterator<Item = usize> + '_ {
        self.items.iter().map(|e| e.range.start)
    }

    /// Applies every edit inside `range` of `body`; returns the edited text of that range.
    /// Replacements that overlap an earlier one are dropped (a feature bug, never expected).
    pub(crate) fn apply_within(&self, body: &str, range: Range<usize>) -> String {
        let mut edits: Vec<&Edit> = self
            .items
            .iter()
            .filter(|e| e.range.start >= range.start && e.range.end <= range.end)
            .collect();
        edits.sort_by_key(|e| (e.range.start, e.order));
        let mut out =
            String::with_capacity(range.len() + edits.iter().map(|e| e.text.len()).sum::<usize>());
        let mut pos = range.start;
        for edit in edits {
            if edit.range.start < pos {
                debug_assert!(false, "overlapping edits at {:?}", edit.range);
                continue;
            }
            out.push_str(&body[pos..edit.range.start]);
            out.push_str(&edit.text);
            pos = edit.range.end;
        }
        out.push_str(&body[pos..range.end]);
        out
    }

    /// Applies every edit to `body`.
    pub(crate) fn apply(&self, body: &str) -> String {
        self.apply_within(body, 0..body.len())
    }
}

/// True when the text before an insertion point has a `<` that could start raw HTML (a tag,
/// `<!…`, `<?…`) with no `>` yet: the `>` of an inserted tag would close it and turn the text in
/// between into markup. Looks back to the start of the paragraph (a blank line), at most 4 KiB.
fn unclosed_markup_before(before: &str) -> bool {
    let mut start = before.len().saturating_sub(4096);
    while !before.is_char_boundary(start) {
        start += 1;
    }
    let window = &before[start..];
    let window = window.rsplit_once("\n\n").map_or(window, |(_, para)| para);
    match window.rfind(['<', '>']) {
        Some(i) if window.as_bytes()[i] == b'<' => window[i + 1..]
            .chars()
            .next()
            .is_none_or(|c| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?')),
        _ => false,
    }
}

/// Whether an inline HTML element appended at `at`, the end of a block's inline content, leaves
/// the rendered text unchanged: not after an unclosed `<` (the element's `>` would close it), a
/// backslash (it would escape the `<`) or an emphasis delimiter run (the end of a paragraph
/// counts as whitespace and `<` does not: `**a*` then `<` lets the `*` open as well as close,
/// and pair differently).
pub(crate) fn safe_to_append(body: &str, at: usize) -> bool {
    let before = &body[..at];
    !unclosed_markup_before(before) && !before.ends_with(['\\', '*', '_', '~'])
}

/// Where an inline HTML element can go at the end of a block's inline content (`at`) without
/// changing the rendered text: `at` itself where [`safe_to_append`] holds; before a closing
/// emphasis delimiter run that ends the block (`*by the tides*` → inside the emphasis, before
/// its `*`), so a paragraph that ends in emphasis still gets its element at its end; `None`
/// otherwise.
///
/// Before the run is safe when the run is one kind of delimiter (`*`, `_` or `~`) and follows a
/// character that is neither whitespace, a backslash nor part of another run: the run then stays
/// followed by the block's end and preceded by a non-whitespace character, so it stays
/// right-flanking and not left-flanking, and closes what it closed. A run after whitespace
/// (`a *b *`) closes nothing, and would if it followed the element's `>`.
pub(crate) fn append_position(body: &str, at: usize) -> Option<usize> {
    if safe_to_append(body, at) {
        return Some(at);
    }
    let before = &body[..at];
    let delimiter = before.chars().next_back()?;
    if !matches!(delimiter, '*' | '_' | '~') {
        return None;
    }
    let text = before.trim_end_matches(delimiter);
    let kept = text.chars().next_back()?;
    if kept.is_whitespace() || matches!(kept, '\\' | '*' | '_' | '~') {
        return None;
    }
    (!unclosed_markup_before(text)).then_some(text.len())
}

/// Whether wrapping `body[range]` in inline HTML tags leaves the rendered text unchanged.
///
/// Inserting `<a …>` before a match or `</a>` after it is unsafe when the neighbour is a
/// backslash (it would escape the `<`) or an emphasis delimiter run that touches a word on its
/// other side (`x*WTO*y`: the tag changes how the `*` pairs).
pub(crate) fn safe_to_wrap(body: &str, range: Range<usize>) -> bool {
    let before = &body[..range.start];
    let after = &body[range.end..];
    if before.ends_with('\\') || unclosed_markup_before(before) {
        return false;
    }
    // A delimiter run right before the insertion is followed by `<` instead of a letter; that
    // keeps its flanking (so its pairing) only when the run itself follows whitespace or starts
    // the text. The same holds mirrored after the match.
    let delimiter = |c: char| matches!(c, '*' | '_' | '~');
    let keeps_flanking = |c: Option<char>| c.is_none_or(char::is_whitespace);
    let run_before = before.trim_end_matches(delimiter);
    if run_before.len() < before.len() && !keeps_flanking(run_before.chars().next_back()) {
        return false;
    }
    let run_after = after.trim_start_matches(delimiter);
    if run_after.len() < after.len() && !keeps_flanking(run_after.chars().next()) {
        return false;
    }
    true
}

/// Appends `block` to a chapter's `content` as a block of its own, after a blank line, leaving
/// the content's own text and line endings (`\r\n`, trailing spaces) as they are.
pub(crate) fn append_block(content: &mut String, block: &str) {
    if !content.is_empty() && !content.ends_with('\n') {
        content.push('\n');
    }
    content.push('\n');
    content.push_str(block);
    content.push('\n');
}

/// `url` written as a Markdown link's destination, to replace one in a chapter: as it is when
/// it can be (the common case); else between `<` and `>`, the form CommonMark gives a
/// destination with spaces or brackets (a chapter file named `Annex 1 (final).md`), with `<`,
/// `>`, `\` and `&` (which could start an entity) escaped by a backslash, and a line break,
/// which no form holds, percent-encoded. mdBook renders both forms to the same `href`.
pub(crate) fn destination(url: &str) -> String {
    if !url.is_empty()
        && !url.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '(' | ')' | '<' | '>' | '\\' | '&')
        })
    {
        return url.to_string();
    }
    let mut out = String::with_capacity(url.len() + 2);
    out.push('<');
    for c in url.chars() {
        match c {
            '<' | '>' | '\\' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("%0A"),
            '\r' => out.push_str("%0D"),
            c => out.push(c),
        }
    }
    out.push('>');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_destination_is_bracketed_only_when_it_must_be() {
        assert_eq!(destination("sub/p2.html#item-b"), "sub/p2.html#item-b");
        assert_eq!(
            destination("Annex 1 (final).html"),
            "<Annex 1 (final).html>"
        );
        assert_eq!(destination("a(b.html"), "<a(b.html>");
        assert_eq!(destination("a)b.html"), "<a)b.html>");
        assert_eq!(destination("a\tb.html"), "<a\tb.html>");
        assert_eq!(
            destination("R&amp;D<1>\\.html"),
            "<R\\&amp;D\\<1\\>\\\\.html>"
        );
        assert_eq!(destination("a\nb\rc\u{7}.html"), "<a%0Ab%0Dc\u{7}.html>");
        assert_eq!(destination(""), "<>");
        // Each form, parsed back, is the URL.
        for url in [
            "Annex 1 (final).html",
            "R&amp;D<1>.html",
            "p.html",
            "a b&c.html",
        ] {
            let md = format!("[x]({})", destination(url));
            let dest = mdbook_markdown::pulldown_cmark::Parser::new(&md)
                .find_map(|e| match e {
                    Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url.to_string()),
                    _ => None,
                })
                .unwrap();
            assert_eq!(dest, url, "{md}");
        }
    }

    fn runs(md: &str) -> Vec<String> {
        Doc::parse(md).runs.into_iter().map(|r| r.text).collect()
    }

    #[test]
    fn prose_runs_skip_code_links_headings_html_and_images() {
        let md = "# UNICEF head\n\nSee `UNICEF` and [UNICEF](x) and ![UNICEF](i.png) \
                  and <span>UNICEF</span> but UNICEF.\n\n```\nUNICEF\n```\n\n<div>\nUNICEF\n</div>\n";
        assert_eq!(
            runs(md),
            vec!["See ", " and ", " and ", " and ", " but UNICEF."]
        );
    }

    #[test]
    fn runs_join_text_across_smart_quotes_and_line_breaks() {
        let doc = Doc::parse("The United Nations Children's\nFund (UNICEF).\n");
        assert_eq!(doc.runs.len(), 1);
        let run = &doc.runs[0];
        assert_eq!(run.text, "The United Nations Children’s Fund (UNICEF).");
        // Whole name maps back to the source, apostrophe and newline included.
        let name = run.text.find("United").unwrap()..run.text.find(" (").unwrap();
        let src = run.source_range(name).unwrap();
        assert_eq!(src, 4..34);
        // A boundary inside the smart quote cannot be mapped.
        let quote = run.text.find('’').unwrap();
        assert_eq!(run.source_range(quote + 1..quote + 2), None);
    }

    #[test]
    fn emphasis_splits_runs() {
        assert_eq!(
            runs("a **UNICEF** b *c*\n"),
            vec!["a ", "UNICEF", " b ", "c"]
        );
    }

    #[test]
    fn footnote_references_are_found_without_a_local_definition() {
        let doc = Doc::parse("Text.[^desa-2013] More `[^not]` and \\[^no].\n");
        let refs: Vec<_> = doc
            .footnote_refs
            .iter()
            .map(|r| (r.label.as_str(), r.range.clone()))
            .collect();
        assert_eq!(refs, vec![("desa-2013", 5..17)]);
        assert!(doc.footnote_defs.is_empty());
    }

    #[test]
    fn footnote_definitions_record_their_content() {
        let body = "# Endnotes\n\n[^a]: First *note* <http://x.org>.\n\n[^b]: Second.\n";
        let doc = Doc::parse(body);
        let defs: Vec<_> = doc
            .footnote_defs
            .iter()
            .map(|d| (d.label.as_str(), body[d.content.clone()].trim_end()))
            .collect();
        assert_eq!(
            defs,
            vec![("a", "First *note* <http://x.org>."), ("b", "Second.")]
        );
        assert_eq!(doc.blocks[0].in_footnote.as_deref(), Some("a"));
    }

    #[test]
    fn scheme_links_are_recorded() {
        let doc = Doc::parse(
            "Ask [the agency](org:unhcr) about [item three](agenda:3) or [x](http://a).\n",
        );
        let links: Vec<_> = doc
            .scheme_links
            .iter()
            .map(|l| (l.scheme.as_str(), l.target.as_str(), l.dest_range.clone()))
            .collect();
        assert_eq!(
            links,
            vec![
                ("org", "unhcr", Some(17..26)),
                ("agenda", "3", Some(47..55))
            ]
        );
    }

    #[test]
    fn every_link_is_recorded_with_its_range() {
        let body = "See <https://a.org/x> and [b](http://b.org) or `<http://c>`.\n";
        let doc = Doc::parse(body);
        let links: Vec<_> = doc
            .links
            .iter()
            .map(|l| (l.dest.as_str(), &body[l.range.clone()], l.autolink))
            .collect();
        assert_eq!(
            links,
            vec![
                ("https://a.org/x", "<https://a.org/x>", true),
                ("http://b.org", "[b](http://b.org)", false)
            ]
        );
        let run = Doc::parse("Visit http://a.org/x now.\n").runs.remove(0);
        assert_eq!(run.urls().to_vec(), vec![6..20usize]);
    }

    #[test]
    fn raw_html_is_found_in_blocks_and_inline_but_not_in_code() {
        let body =
            "<div>\n<a href=\"x\">A</a>\n</div>\n\nSee <b>this</b> and `<i>`.\n\n    <p>code</p>\n";
        let doc = Doc::parse(body);
        let html: Vec<&str> = doc.raw_html.iter().map(|r| &body[r.clone()]).collect();
        assert_eq!(
            html,
            ["<div>\n<a href=\"x\">A</a>\n</div>\n", "<b>", "</b>"]
        );
    }

    #[test]
    fn a_range_is_in_a_url_only_when_it_overlaps_one() {
        let run = Doc::parse("See www.a.org now\n").runs.remove(0);
        assert_eq!(run.urls().to_vec(), vec![4..13usize]);
        for (range, inside) in [
            (4..5, true),
            (5..6, true),
            (12..14, true),
            (0..13, true),
            (0..4, false),
            (0..2, false),
            (13..17, false),
        ] {
            assert_eq!(run.in_url(range.clone()), inside, "{range:?}");
        }
    }

    #[test]
    fn a_runs_source_range_maps_text_offsets_back_to_the_body() {
        // `a &amp;`: a direct piece, then an entity whose text (`&`) is not its source.
        let body = "a &amp;\n";
        let run = Doc::parse(body).runs.remove(0);
        assert_eq!(run.text, "a &");
        assert_eq!(run.source_range(0..3), Some(0..7), "the whole run");
        assert_eq!(run.source_range(0..1), Some(0..1), "inside a direct piece");
        assert_eq!(run.source_range(2..3), Some(2..7), "the entity, whole");
        assert_eq!(run.source_range(0..4), None, "past the end");
        let run = Doc::parse("a &amp; b\n").runs.remove(0);
        assert_eq!(run.source_range(4..5), Some(8..9));
        assert_eq!(
            run.source_range(4..6),
            None,
            "past the end of a direct piece"
        );
        assert_eq!(run.source_range(1..1), None, "empty");
        assert_eq!(
            run.source_range(Range { start: 2, end: 1 }),
            None,
            "reversed"
        );
    }

    #[test]
    fn a_run_knows_where_it_starts_in_its_block() {
        let doc = Doc::parse("Intro *UNICEF* text\n");
        let runs: Vec<(&str, usize)> = doc
            .runs
            .iter()
            .map(|r| (r.text.as_str(), r.block_offset))
            .collect();
        assert_eq!(runs, vec![("Intro ", 0), ("UNICEF", 6), (" text", 12)]);
    }

    #[test]
    fn text_between_blocks_belongs_to_none_of_them() {
        let doc = Doc::parse("First.\n\n| A |\n|---|\n| B |\n\nLast.\n");
        let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, vec!["First.", "Last."]);
    }

    #[test]
    fn what_follows_a_code_block_or_a_note_is_ordinary_text_again() {
        let body = "```\ncode\n```\n\n[^a]: Note.\n\nAfter UNICEF.\n";
        let doc = Doc::parse(body);
        let blocks: Vec<(&str, Option<&str>)> = doc
            .blocks
            .iter()
            .map(|b| (b.text.as_str(), b.in_footnote.as_deref()))
            .collect();
        assert_eq!(blocks, vec![("Note.", Some("a")), ("After UNICEF.", None)]);
        assert_eq!(doc.blocks[1].anchor_at, body.find("After").unwrap());
        let runs: Vec<&str> = doc.runs.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(runs, vec!["Note.", "After UNICEF."]);
    }

    #[test]
    fn only_a_replacement_overlapping_a_range_replaces_it() {
        let mut e = Edits::default();
        e.replace(3..5, "x");
        e.insert(7, order::OPEN, "<a>");
        for (range, replaced) in [
            (3..5, true),
            (4..5, true),
            (2..4, true),
            (0..3, false),
            (5..6, false),
            (7..8, false),
            (6..9, false),
        ] {
            assert_eq!(e.replaces(range.clone()), replaced, "{range:?}");
        }
    }

    #[test]
    fn an_opening_emphasis_is_where_the_inline_content_starts() {
        for body in ["**a** b\n", "*a* b\n", "~~a~~ b\n"] {
            assert_eq!(Doc::parse(body).blocks[0].anchor_at, 0, "{body:?}");
        }
    }

    #[test]
    fn only_elements_that_open_or_close_count_as_inline_html() {
        for (html, opens) in [
            ("<span>", Some(true)),
            ("<SPAN class=\"x\">", Some(true)),
            ("</span>", Some(false)),
            ("<!-- x -->", None),
            ("<?x?>", None),
            ("<!DOCTYPE html>", None),
            ("<?xml version=\"1.0\"?>", None),
            ("<span/>", None),
            ("<br>", None),
            ("<img src=\"x\">", None),
            ("<>", None),
            ("x", None),
        ] {
            assert_eq!(opens_element(html), opens, "{html}");
        }
    }

    #[test]
    fn blocks_get_stable_unique_anchors_and_insertion_points() {
        let body = "Intro para here.\n\n- item **one**\n- Intro para here.\n\n> Intro para here.\n";
        let doc = Doc::parse(body);
        let anchors: Vec<_> = doc.blocks.iter().map(|b| b.anchor.as_str()).collect();
        assert_eq!(
            anchors,
            vec![
                "p-intro-para-here-8cb0e6",
                "p-item-one",
                "p-intro-para-here-8cb0e6-2",
                "p-intro-para-here-8cb0e6-3"
            ]
        );
        let item = &doc.blocks[1];
        assert_eq!(&body[item.anchor_at..item.anchor_at + 4], "item");
        assert_eq!(item.inline_end, body.find("**\n-").unwrap() + 2);
    }

    #[test]
    fn an_id_depends_on_its_own_paragraph_only() {
        let ids = |body: &str| -> Vec<String> {
            Doc::parse(body)
                .blocks
                .into_iter()
                .map(|b| b.anchor)
                .collect()
        };
        // Two paragraphs open alike: each adds a hash of its own text.
        let before =
            ids("One two three four five six a.\n\nOne two three four five six b.\n\nOther.\n");
        assert_eq!(
            before,
            [
                "p-one-two-three-four-five-six-ae1ffe",
                "p-one-two-three-four-five-six-301cf9",
                "p-other"
            ]
        );
        // Inserting a paragraph before them, one more that opens alike, and editing another
        // changes none of their ids.
        let after = ids(
            "New.\n\nOne two three four five six a.\n\nOne two three four five six c.\n\n\
             One two three four five six b.\n\nOther, edited.\n",
        );
        assert_eq!(after[1], before[0]);
        assert_eq!(after[3], before[1]);
        // A paragraph's own line breaks do not count.
        assert_eq!(
            ids("One two three four five six\na.\n\nOne two three four five six b.\n")[0],
            before[0]
        );
    }

    #[test]
    fn inline_end_is_the_end_of_the_blocks_own_text() {
        let body = "A *b* [c](x) `d`[^n] <b>e</b>\n\n- item\n  - nested\n";
        let doc = Doc::parse(body);
        let end = |i: usize| &body[..doc.blocks[i].inline_end];
        assert!(end(0).ends_with("<b>e</b>"), "{}", end(0));
        assert!(end(1).ends_with("- item"), "{}", end(1));
        assert!(end(2).ends_with("nested"), "{}", end(2));
        assert!(safe_to_append(body, doc.blocks[0].inline_end));
        assert!(!safe_to_append("a \\", 3));
        assert!(!safe_to_append("**a*", 4));
        assert!(!safe_to_append("a <b", 4));
    }

    #[test]
    fn a_collapsed_reference_link_ends_after_its_brackets_and_a_label_keeps_its_quotes() {
        let body = "* Break the [aliasing rules][]\n\nSee [the editors' guide].\n\n\
                    [aliasing rules]: x\n[the editors' guide]: y\n";
        let doc = Doc::parse(body);
        assert!(body[..doc.blocks[0].inline_end].ends_with("[aliasing rules][]"));
        assert_eq!(&body[doc.links[0].range.clone()], "[aliasing rules][]");
        // The quote in the shortcut link's label renders curly but is not the walker's to
        // rewrite: the label would no longer match its definition.
        assert!(doc.quotes.is_empty(), "{:?}", doc.quotes);
        let quoted = Doc::parse("See [the editors' guide](y).\n");
        assert_eq!(quoted.quotes.len(), 1);
    }

    #[test]
    fn only_a_collapsed_reference_takes_the_brackets_after_it() {
        let body = "See [a](x)[] and ![b](y.png)[] then.\n";
        let doc = Doc::parse(body);
        assert_eq!(&body[doc.links[0].range.clone()], "[a](x)");
        assert_eq!(&body[doc.images[0].range.clone()], "![b](y.png)");
    }

    #[test]
    fn a_collapsed_reference_image_ends_after_its_brackets_and_what_follows_is_prose() {
        let body = "![the logo][] isn't here\n\n[the logo]: x.png\n";
        let doc = Doc::parse(body);
        assert_eq!(&body[doc.images[0].range.clone()], "![the logo][]");
        assert_eq!(doc.blocks[0].inline_end, 24);
        assert_eq!(runs(body), vec![" isn’t here"]);
        assert_eq!(doc.quotes, vec![(17, '’')]);
        let alone = "![the logo][]\n\n[the logo]: x.png\n";
        assert_eq!(Doc::parse(alone).blocks[0].inline_end, 13);
    }

    #[test]
    fn a_definition_in_a_blockquote_or_a_list_is_nested_and_one_after_them_is_not() {
        let body = "[^a]: Top.\n\n> [^b]: Quoted.\n\n- item\n\n  [^c]: Listed.\n\n\
                    > > [^d]: Twice.\n\n[^e]: After.\n";
        let doc = Doc::parse(body);
        let defs: Vec<_> = doc
            .footnote_defs
            .iter()
            .map(|d| (d.label.as_str(), d.nested))
            .collect();
        assert_eq!(
            defs,
            vec![
                ("a", false),
                ("b", true),
                ("c", true),
                ("d", true),
                ("e", false)
            ]
        );
    }

    #[test]
    fn a_block_that_ends_in_emphasis_gets_its_element_before_the_closing_run() {
        let at = |body: &str| append_position(body, body.len());
        assert_eq!(at("plain"), Some(5));
        assert_eq!(at("by the *tides*"), Some(13));
        assert_eq!(at("by **the sea**"), Some(12));
        assert_eq!(at("a ~~struck~~"), Some(10));
        assert_eq!(at("a _b.c_"), Some(6));
        // A run after whitespace closes nothing; before it, it would.
        assert_eq!(at("a *b c *"), None);
        // Mixed runs, an escaped delimiter, an unclosed tag: nowhere safe.
        assert_eq!(at("**_x_**"), None);
        assert_eq!(at("a \\*"), None);
        assert_eq!(at("a <b x*"), None);
        assert_eq!(at("a \\"), None);
    }

    #[test]
    fn curled_quotes_are_recorded_with_their_rendering() {
        let doc = Doc::parse("'a' \"b\" \\' `'` don't\n");
        assert_eq!(
            doc.quotes,
            vec![(0, '‘'), (2, '’'), (4, '“'), (6, '”'), (18, '’')]
        );
    }

    #[test]
    fn a_list_items_code_block_or_heading_is_not_its_own_text() {
        // `-     UNICEF` is an item holding an indented code block (found by the property test).
        for body in ["-     UNICEF\n", "- ```\n  UNICEF\n  ```\n", "- # UNICEF\n"] {
            let doc = Doc::parse(body);
            let item = &doc.blocks[0];
            assert_eq!(item.text, "", "{body:?}");
            assert_eq!((item.anchor_at, item.inline_end), (0, 0), "{body:?}");
        }
        let body = "- UNICEF\n  ```\n  code\n  ```\n";
        let item = &Doc::parse(body).blocks[0];
        assert_eq!(
            (item.text.as_str(), item.anchor_at, item.inline_end),
            ("UNICEF", 2, 8)
        );
    }

    #[test]
    fn anchors_go_before_an_escaping_backslash() {
        let at = |body: &str| Doc::parse(body).blocks[0].anchor_at;
        assert_eq!(at("\\*UNICEF\n"), 0);
        assert_eq!(at("\\\\UNICEF\n"), 0);
        assert_eq!(at("UNICEF\n"), 0);
        assert_eq!(at("- x\n"), 2);
    }

    #[test]
    fn edits_splice_in_order_and_keep_other_bytes() {
        let body = "ab cd ef";
        let mut e = Edits::default();
        e.insert(3, order::OPEN, "<a>");
        e.insert(5, order::CLOSE, "</a>");
        e.insert(3, order::ANCHOR, "<span/>");
        e.replace(6..8, "EF");
        assert_eq!(e.apply(body), "ab <span/><a>cd</a> EF");
        assert_eq!(e.apply_within(body, 3..5), "<span/><a>cd</a>");
    }

    #[test]
    fn wrapping_next_to_backslash_or_intraword_emphasis_is_unsafe() {
        assert!(safe_to_wrap("a UNICEF b", 2..8));
        assert!(safe_to_wrap("**UNICEF** b", 2..8));
        assert!(!safe_to_wrap("\\UNICEF", 1..7));
        assert!(!safe_to_wrap("x*UNICEF* b", 2..8));
        assert!(!safe_to_wrap("*UNICEF*y", 1..7));
        // An inserted tag's `>` would close `<!…` (found by the property test).
        assert!(!safe_to_wrap("x<!UNICEF", 3..9));
        assert!(!safe_to_wrap("a <b UNICEF", 5..11));
        assert!(safe_to_wrap("a < b UNICEF", 6..12));
        assert!(safe_to_wrap("<b>x</b> UNICEF", 9..15));
        // `**!**UNICEF` is no emphasis; a tag after the second `**` would make it close.
        assert!(!safe_to_wrap("**!**UNICEF", 5..11));
        // Letters next to the range are no delimiter run.
        assert!(safe_to_wrap("aUNICEF b", 1..7));
        assert!(safe_to_wrap("UNICEFs", 0..6));
    }

    #[test]
    fn unclosed_markup_is_looked_for_in_the_last_4_kib_on_a_character_boundary() {
        // 4,098 bytes of three-byte characters: 4 KiB back is inside one.
        let long = "€".repeat(1366);
        assert!(!unclosed_markup_before(&long));
        assert!(unclosed_markup_before(&format!("{long}<a")));
        assert!(
            !unclosed_markup_before(&format!("<a{long}")),
            "too far back"
        );
        assert!(!unclosed_markup_before("<a\n\nb"), "another paragraph");
    }

    #[test]
    fn an_appended_block_keeps_the_content_s_own_ending() {
        for (content, want) in [
            ("a\r\n", "a\r\n\n<!-- m -->\n"),
            ("a  \n", "a  \n\n<!-- m -->\n"),
            ("a", "a\n\n<!-- m -->\n"),
            ("", "\n<!-- m -->\n"),
        ] {
            let mut c = content.to_string();
            append_block(&mut c, "<!-- m -->");
            assert_eq!(c, want, "{content:?}");
        }
    }

    #[test]
    fn an_insertion_goes_before_a_replacement_at_the_same_place() {
        let mut e = Edits::default();
        assert_eq!(e.positions().count(), 0);
        e.replace(3..5, "CD");
        e.insert(3, order::ANCHOR, "<s/>");
        e.insert(3, order::CLOSE, "</a>");
        assert_eq!(e.positions().count(), 3);
        assert_eq!(e.apply("ab cd ef"), "ab </a><s/>CD ef");
        let mut positions: Vec<usize> = e.positions().collect();
        positions.sort_unstable();
        assert_eq!(positions, vec![3, 3, 3]);
        e.insert(7, order::OPEN, "<a>");
        let mut positions: Vec<usize> = e.positions().collect();
        positions.sort_unstable();
        assert_eq!(positions, vec![3, 3, 3, 7]);
    }
}
