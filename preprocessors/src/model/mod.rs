//! The shared model: every chapter of the book parsed once, built once per run, and the types
//! that more than one feature reads (configuration, front matter, organisations, typed ids).
//!
//! [`Model::build`] reads each chapter mdBook hands over (after its `links` preprocessor, so
//! `{{#include}}`d text is there too), splits off and parses the front matter, and parses the body
//! with [`Doc::parse`]. Features read the model and return edits ([`ChapterOutput`]); none of
//! them parses Markdown or YAML again, and none imports another.

pub(crate) mod find;
pub(crate) mod frontmatter;
pub(crate) mod ids;
pub(crate) mod orgs;
pub(crate) mod schema;
pub(crate) mod sources;

use crate::base::diagnostics::{Cause, Diagnostics, LineIndex, Location};
use crate::base::html::{Html, Markdown};
use crate::base::markdown::{Block, Doc, Edits, append_position, order};
use frontmatter::FrontMatter;
pub(crate) use ids::{BlockId, ChapterId, MeetingId, OrgId};
use mdbook_preprocessor::book::Chapter as BookChapter;
use mdbook_preprocessor::book::{Book, BookItem, SectionNumber};
use std::collections::BTreeSet;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// The name mdBook knows the preprocessor by (`[preprocessor.report]`, binary `mdbook-report`).
pub(crate) const PREPROCESSOR: &str = "report";

/// The name of the post-build renderer (`[output.report-postbuild]`, binary
/// `mdbook-report-postbuild`). mdBook runs renderers in the order of their table names, so it
/// sorts after `html`.
pub(crate) const RENDERER: &str = "report-postbuild";

/// One chapter of the book.
#[derive(Debug)]
pub(crate) struct Chapter {
    /// Position in reading order.
    pub id: ChapterId,
    /// The title from `SUMMARY.md`.
    pub name: String,
    /// The section number, e.g. `2.1.`, if numbered.
    pub number: Option<SectionNumber>,
    /// Path relative to `src/` (`protect-human-rights.md`): what links are made from.
    pub path: PathBuf,
    /// The full content mdBook read, front matter included.
    pub content: String,
    /// Where the Markdown body starts in `content`.
    pub body_start: usize,
    /// Line/column map of `content`, labelled with the file the editor edits.
    pub lines: LineIndex,
    /// The front matter.
    pub meta: frontmatter::Parsed,
    /// The body, parsed.
    pub doc: Doc,
}

impl Chapter {
    /// The Markdown body (front matter removed).
    pub(crate) fn body(&self) -> &str {
        &self.content[self.body_start..]
    }

    /// The typed front matter.
    pub(crate) fn front(&self) -> &FrontMatter {
        &self.meta.front
    }

    /// The location in the chapter file of byte `offset` of the body.
    pub(crate) fn locate(&self, offset: usize) -> Location {
        self.lines.location(&self.content, self.body_start + offset)
    }

    /// The location in the chapter file of a value read from the front matter.
    pub(crate) fn locate_front<T>(&self, value: &serde_saphyr::Spanned<T>) -> Location {
        self.meta.locate(&self.lines, value)
    }

    /// "2.1. Protect the human rights of all migrants".
    pub(crate) fn title(&self) -> String {
        match &self.number {
            Some(n) => format!("{n} {}", self.name),
            None => self.name.clone(),
        }
    }

    /// Block `id` of the body.
    pub(crate) fn block(&self, id: BlockId) -> &Block {
        self.doc.block(id)
    }

    /// The source text of body range `range`.
    pub(crate) fn text(&self, range: Range<usize>) -> &str {
        &self.body()[range]
    }
}

/// The book, parsed.
#[derive(Debug, Default)]
pub(crate) struct Model {
    /// Chapters in reading order (drafts, which have no file, are left out).
    pub chapters: Vec<Chapter>,
}

impl Model {
    /// Parses every chapter of `book`. `src` is the source directory relative to the book root
    /// (`src`), used to name files in diagnostics.
    pub(crate) fn build(book: &Book, src: &Path, diags: &mut Diagnostics) -> Model {
        let mut chapters = Vec::new();
        for item in book.iter() {
            let BookItem::Chapter(ch) = item else {
                continue;
            };
            let Some(path) = &ch.path else { continue };
            let file = src.join(ch.source_path.as_ref().unwrap_or(path));
            let lines = LineIndex::new(file, &ch.content);
            let meta = frontmatter::parse(&ch.content, &lines, diags);
            let doc = Doc::parse(&ch.content[meta.body_start..]);
            let chapter = Chapter {
                id: ChapterId(chapters.len()),
                name: ch.name.clone(),
                number: ch.number.clone(),
                path: path.clone(),
                body_start: meta.body_start,
                content: ch.content.clone(),
                lines,
                meta,
                doc,
            };
            check_schemes(&chapter, diags);
            check_heading_ids(&chapter, diags);
            check_empty(&chapter, diags);
            chapters.push(chapter);
        }
        Model { chapters }
    }

    /// The first front matter error of the book, if any: what that chapter declares is
    /// unknown, so checks across chapters are skipped rather than blamed on another chapter.
    pub(crate) fn front_matter_failure(&self) -> Option<Cause> {
        self.chapters.iter().find_map(|c| c.meta.failed)
    }

    /// Chapter `id`.
    pub(crate) fn chapter(&self, id: ChapterId) -> &Chapter {
        &self.chapters[id.0]
    }

    /// A book of many documents: its chapters with a `document:` part, in reading order, when
    /// there are more than one (`None` for a book of one document or none).
    pub(crate) fn collection(&self) -> Option<Vec<ChapterId>> {
        let documents: Vec<ChapterId> = self
            .chapters
            .iter()
            .filter(|c| c.front().document.is_some())
            .map(|c| c.id)
            .collect();
        (documents.len() > 1).then_some(documents)
    }

    /// The chapter at `path` (relative to `src/`).
    pub(crate) fn by_path(&self, path: &Path) -> Option<&Chapter> {
        self.chapters.iter().find(|c| c.path == path)
    }

    /// One empty [`ChapterOutput`] per chapter, for the features to fill.
    pub(crate) fn outputs(&self) -> Outputs {
        Outputs(
            self.chapters
                .iter()
                .map(|_| ChapterOutput::default())
                .collect(),
        )
    }
}

/// A chapter with no text publishes an empty page: a warning at its file (its front matter, if
/// it has any, still counts: a chapter of meetings with no text for them to be mentioned in).
fn check_empty(ch: &Chapter, diags: &mut Diagnostics) {
    if !ch.body().trim().is_empty() {
        return;
    }
    let what = if ch.body_start > 0 {
        "has front matter and no text"
    } else {
        "is empty"
    };
    diags
        .warning(
            "chapter-empty",
            ch.locate(0),
            format!("the chapter `{}` {what}: its page would be blank", ch.path.display()),
        )
        .hint("write the chapter, or remove it from SUMMARY.md (a chapter not written yet is listed as a draft, `- [Title]()`)");
}

/// What a punctuation-only heading could be called.
const PUNCTUATION_NAMES: &[(&str, &str)] = &[
    ("?", "question-mark"),
    ("!", "exclamation-mark"),
    ("&", "ampersand"),
    ("*", "asterisk"),
    ("@", "at-sign"),
    ("#", "hash"),
    ("%", "percent"),
    ("+", "plus"),
    ("=", "equals"),
    ("<", "less-than"),
    (">", "greater-than"),
    ("|", "vertical-bar"),
    ("$", "dollar"),
    ("^", "caret"),
    ("~", "tilde"),
    ("/", "slash"),
    ("\\", "backslash"),
    (".", "full-stop"),
    (",", "comma"),
    (":", "colon"),
    (";", "semicolon"),
];

/// A heading of only punctuation (`` # `?` ``) gets no id from mdBook: its page has
/// `<h1 id="">` and a heading link to `#`, which nothing can link to. Not the editor's mistake
/// and nothing breaks, so a note at the heading, with the one-line fix: an id of its own.
fn check_heading_ids(ch: &Chapter, diags: &mut Diagnostics) {
    let body = ch.body();
    for heading in ch.doc.headings.iter().filter(|h| h.id.is_none()) {
        if !crate::base::html::heading_id(&heading.text).is_empty() {
            continue;
        }
        let written = body[heading.range.clone()].trim_end();
        let name = PUNCTUATION_NAMES
            .iter()
            .find(|(sign, _)| *sign == heading.text.trim())
            .map_or("a-name", |(_, name)| name);
        diags
            .note(
                "heading-without-id",
                ch.locate(heading.range.start),
                format!(
                    "the heading `{written}` has no letters or digits, so mdBook makes no id from its text: nothing can link to it"
                ),
            )
            .hint(format!("give it an id of its own: `{written} {{#{name}}}`"));
    }
}

/// What active content in raw HTML would do, in a reader's words.
fn active_effect(name: &str) -> String {
    match name {
        "script" => "`<script>` would run code in every reader's browser".into(),
        "form" => "`<form>` would send what a reader types to another address".into(),
        "base" => "`<base>` would change where every link of the page goes".into(),
        crate::base::html::HTTP_EQUIV => {
            "`<meta http-equiv>` would send the reader to another address or change the page's rules".into()
        }
        on if on.starts_with("on") => {
            format!("`{on}` would run code in every reader's browser")
        }
        element => format!("`<{element}>` would load other content into the page"),
    }
}

/// Where `name` is written in `fragment`: the tag (`<name`) or the attribute, case ignored.
fn active_position(fragment: &str, name: &str) -> usize {
    let lower = fragment.to_ascii_lowercase();
    let tag = if name.starts_with("on") || name == crate::base::html::HTTP_EQUIV {
        name.to_string()
    } else {
        format!("<{name}")
    };
    lower.find(&tag).unwrap_or(0)
}

/// Active content in the chapters' raw HTML (`<script>`, `onclick=`, `<iframe>`, `<meta
/// http-equiv>` … see [`crate::base::html::active_content`]) is an error at its place unless the
/// book allows it by name (`allow-html`), and never reaches a page: the fragment is written as
/// text instead (under `mdbook serve`, which shows the problems and serves the book anyway, the
/// editor sees the markup; a build fails on the error).
pub(crate) fn check_active_html(
    model: &Model,
    allowed: &[String],
    outputs: &mut Outputs,
    diags: &mut Diagnostics,
) {
    for (ch, out) in model.chapters.iter().zip(outputs.iter_mut()) {
        let body = ch.body();
        for range in &ch.doc.raw_html {
            let fragment = &body[range.clone()];
            let mut refused = crate::base::html::active_content(fragment);
            refused.retain(|name| !allowed.contains(name));
            refused.dedup();
            if refused.is_empty() {
                continue;
            }
            for name in &refused {
                diags
                    .error(
                        "html-active",
                        ch.locate(range.start + active_position(fragment, name)),
                        format!("{}, and the book does not allow it", active_effect(name)),
                    )
                    .hint(format!(
                        "remove it; if the book means it, allow it by name: `allow-html = [\"{name}\"]` under `[preprocessor.{}]` in book.toml",
                        PREPROCESSOR
                    ));
            }
            // Written as text, an HTML block becomes a paragraph, which the next line could
            // continue lazily (an indented `<script>` after it in a blockquote): a blank line
            // keeps it a block of its own, as it was.
            let mut text = fragment.replace('<', "&lt;");
            if text.ends_with('\n') {
                text.push('\n');
            }
            out.edits.replace(range.clone(), text);
        }
    }
}

/// What to link to instead of a refused scheme.
const SCHEME_HINT: &str =
    "link to `https://`, `http://` or `mailto:` addresses, or to a page of the book";

/// A link or image whose scheme the site refuses (`javascript:`, `data:` …) is an error: the
/// same allow-list as every URL from data ([`crate::base::html::safe_url`]). This project's own
/// schemes (`org:`, `agenda:`) are rewritten by their features.
fn check_schemes(ch: &Chapter, diags: &mut Diagnostics) {
    let links = ch.doc.links.iter().map(|l| ("link", l));
    for (what, link) in links.chain(ch.doc.images.iter().map(|l| ("image", l))) {
        let Some(scheme) = crate::base::html::refused_scheme(&link.dest) else {
            continue;
        };
        if crate::base::markdown::SCHEMES.contains(&scheme.as_str()) {
            continue;
        }
        diags
            .error(
                "link-scheme",
                ch.locate(link.range.start),
                format!(
                    "the {what} to `{}` uses the scheme `{scheme}:`, which the site does not publish",
                    link.dest
                ),
            )
            .hint(SCHEME_HINT);
    }
    check_raw_html_schemes(ch, diags);
}

/// The same rule for the addresses in the editor's raw HTML (`<a href="javascript:…">`), which
/// mdBook copies to the page as written. This project's own schemes are not rewritten there.
fn check_raw_html_schemes(ch: &Chapter, diags: &mut Diagnostics) {
    let body = ch.body();
    for range in &ch.doc.raw_html {
        let html = &body[range.clone()];
        for (attr, url) in crate::base::html::url_attributes(html) {
            let Some(scheme) = crate::base::html::refused_scheme(&url) else {
                continue;
            };
            // At the value where it is written as read; else at the tag or block.
            let at = range.start + html.find(&url).unwrap_or(0);
            let hint = if crate::base::markdown::SCHEMES.contains(&scheme.as_str()) {
                format!("`{scheme}:` links work in Markdown links only: write `[text]({url})`")
            } else {
                SCHEME_HINT.to_string()
            };
            diags
                .error(
                    "link-scheme",
                    ch.locate(at),
                    format!(
                        "the HTML attribute `{attr}=\"{url}\"` uses the scheme `{scheme}:`, which the site does not publish"
                    ),
                )
                .hint(hint);
        }
    }
}

/// What the features produce for one chapter.
#[derive(Debug, Default)]
pub(crate) struct ChapterOutput {
    /// Edits to the body.
    pub edits: Edits,
    /// Blocks other pages link to: they get their anchor inserted.
    pub anchors: BTreeSet<BlockId>,
    /// Markdown to put before the body (e.g. the agenda item's box), after the first heading.
    pub prelude: String,
    /// Markdown to put after the body (a document's "Cited by"), after a blank line.
    pub epilogue: String,
    /// A complete replacement of the edited body (the endnotes chapter is reassembled).
    pub replacement: Option<String>,
    /// Body ranges a feature has wrapped in a link: a later feature never wraps a range that
    /// overlaps one, so links never nest (`<a>` inside `<a>` is not HTML).
    pub linked: Vec<Range<usize>>,
}

impl ChapterOutput {
    /// Wraps body `range` in `open` … `close` and records it as linked.
    pub(crate) fn wrap(
        &mut self,
        range: Range<usize>,
        open: impl Into<String>,
        close: impl Into<String>,
    ) {
        self.edits.insert(range.start, order::OPEN, open);
        self.edits.insert(range.end, order::CLOSE, close);
        self.linked.push(range);
    }

    /// True when `range` overlaps (or contains, or lies inside) a range already linked.
    pub(crate) fn overlaps_link(&self, range: &Range<usize>) -> bool {
        self.linked
            .iter()
            .any(|l| l.start < range.end && range.start < l.end)
    }
}

/// What the features produce for every chapter, indexed by [`ChapterId`].
#[derive(Debug, Default)]
pub(crate) struct Outputs(Vec<ChapterOutput>);

impl std::ops::Index<ChapterId> for Outputs {
    type Output = ChapterOutput;
    fn index(&self, id: ChapterId) -> &ChapterOutput {
        &self.0[id.0]
    }
}

impl std::ops::IndexMut<ChapterId> for Outputs {
    fn index_mut(&mut self, id: ChapterId) -> &mut ChapterOutput {
        &mut self.0[id.0]
    }
}

impl Outputs {
    /// Every chapter's output, in reading order.
    pub(crate) fn iter_mut(&mut self) -> std::slice::IterMut<'_, ChapterOutput> {
        self.0.iter_mut()
    }
}

/// Turns the requested anchors into edits: an empty `<span id="p-…">` at the start of the block,
/// before anything else inserted there. With `permalinks`, every block of the text gets one
/// (blocks without words and endnote definitions, which have their own ids, excepted), and a
/// permalink at the end of its own inline content ([`permalink`]; after the anchor where an
/// insertion at the end would change the text, see [`append_position`]).
pub(crate) fn insert_anchors(model: &Model, outputs: &mut Outputs, permalinks: bool) {
    for (chapter, out) in model.chapters.iter().zip(outputs.iter_mut()) {
        let body = chapter.body();
        for (b, block) in chapter.doc.blocks() {
            let linked = permalinks
                && block.in_footnote.is_none()
                && block.text.chars().any(char::is_alphanumeric);
            if !linked && !out.anchors.contains(&b) {
                continue;
            }
            let start = anchor_position(body, block.anchor_at);
            let mut span = Html::<Markdown>::new();
            span.open("span")
                .attr("id", &block.anchor)
                .attr("class", "anchor-target")
                .close()
                .close("span");
            out.edits.insert(start, order::ANCHOR, span.into_string());
            if linked {
                // At the end of the text (inside a closing emphasis); where that would change
                // it, right after the anchor.
                let (at, order) = match append_position(body, block.inline_end) {
                    Some(at) => (at, order::CLOSE),
                    None => (start, order::ANCHOR),
                };
                out.edits.insert(at, order, permalink(&block.anchor));
            }
        }
    }
}

/// The paragraph's permalink: an empty link (its `¶` is drawn by `theme/report.css`, so the
/// sign is neither in the search index nor in the text), shown on hover and focus; with
/// JavaScript a click copies its address (`theme/report.js`).
pub(crate) fn permalink(anchor: &str) -> String {
    let mut a = Html::<Markdown>::new();
    a.open("a")
        .attr("class", "permalink report-generated")
        .attr("href", format_args!("#{anchor}"))
        .attr("aria-label", "Link to this paragraph")
        .close()
        .close("a");
    a.into_string()
}

/// Where a block's anchor goes: its first inline content, but after a leading emphasis delimiter
/// run (`**Bold…`). A tag before the run would make the run follow `>` instead of the start of the
/// paragraph, which can let it close as well as open and pair differently; after it, the run is
/// followed by `<` instead of a character, which keeps its flanking. A run followed by a space is
/// no delimiter (`** x`) and is left where it is.
fn anchor_position(body: &str, at: usize) -> usize {
    let rest = &body[at..];
    let after_run = rest.trim_start_matches(['*', '_', '~']);
    match after_run.chars().next() {
        Some(c) if after_run.len() < rest.len() && !c.is_whitespace() => {
            at + rest.len() - after_run.len()
        }
        _ => at,
    }
}

/// Writes the curled quotes of every edited paragraph as they render (`'` → `’`). Smart
/// punctuation curls a straight quote by the characters around it and pairs it with the other
/// quotes of its paragraph, so markup inserted next to one (`WTO</a>'s`, an anchor before
/// `'Trade…'`) could turn it, or its partner, the other way. Written curly, no quote depends
/// on its neighbours any more; the rendered text is unchanged.
pub(crate) fn settle_quotes(model: &Model, outputs: &mut Outputs) {
    for (chapter, out) in model.chapters.iter().zip(outputs.iter_mut()) {
        let positions: Vec<usize> = out.edits.positions().collect();
        let edited: Vec<&Range<usize>> = chapter
            .doc
            .blocks
            .iter()
            .map(|b| &b.range)
            .filter(|r| positions.iter().any(|p| r.contains(p) || r.end == *p))
            .collect();
        for &(at, rendered) in &chapter.doc.quotes {
            if edited.iter().any(|r| r.contains(&at)) && !out.edits.replaces(at..at + 1) {
                out.edits.replace(at..at + 1, rendered.to_string());
            }
        }
    }
}

/// Writes the edited chapters back into `book`, in the same reading order [`Model::build`] used.
pub(crate) fn write_back(book: &mut Book, model: &Model, outputs: &mut Outputs) {
    let mut next = 0;
    write_items(&mut book.items, model, outputs, &mut next);
}

fn write_items(items: &mut [BookItem], model: &Model, outputs: &mut Outputs, next: &mut usize) {
    for item in items {
        let BookItem::Chapter(ch) = item else {
            continue;
        };
        if ch.path.is_some() {
            let chapter = &model.chapters[*next];
            let out = &mut outputs.0[*next];
            *next += 1;
            let body = match out.replacement.take() {
                Some(text) => text,
                None => out.edits.apply(chapter.body()),
            };
            ch.content = insert_prelude(&body, &out.prelude, chapter);
            if !out.epilogue.is_empty() {
                let end = ch.content.trim_end_matches(['\r', '\n']).len();
                ch.content.truncate(end);
                ch.content.push_str("\n\n");
                ch.content.push_str(&out.epilogue);
            }
        }
        write_items(&mut ch.sub_items, model, outputs, next);
    }
}

/// Puts `prelude` right after the chapter's first heading (or at the top if it has none).
fn insert_prelude(body: &str, prelude: &str, chapter: &Chapter) -> String {
    if prelude.is_empty() {
        return body.to_string();
    }
    // The first heading's range is in the unedited body; edits never touch headings, so the
    // text up to its end is unchanged unless a feature edited before it (endnotes chapter intro),
    // in which case the prelude goes first.
    let at = chapter
        .doc
        .headings
        .first()
        .filter(|h| h.level == 1 && body.get(..h.range.end) == chapter.body().get(..h.range.end))
        .map_or(0, |h| h.range.end);
    let mut out = String::with_capacity(body.len() + prelude.len() + 4);
    out.push_str(body[..at].trim_end_matches(['\r', '\n']));
    out.push_str(if at == 0 { "" } else { "\n\n" });
    out.push_str(prelude);
    out.push_str("\n\n");
    out.push_str(body[at..].trim_start_matches(['\r', '\n']));
    out
}

/// A chapter this project generates (no file on disk): `path` is where it appears in the site.
pub(crate) fn generated_chapter(
    name: &str,
    path: &Path,
    content: String,
    parent_names: Vec<String>,
) -> BookChapter {
    BookChapter {
        name: name.to_string(),
        content,
        number: None,
        sub_items: Vec::new(),
        path: Some(path.to_path_buf()),
        source_path: None,
        parent_names,
    }
}

#[cfg(test)]
mod tests {
    use super::testing::model;
    use super::*;

    /// The problems `Model::build` finds in one chapter `content` (in `src/c.md`).
    fn problems(content: &str) -> String {
        let mut diags = Diagnostics::new();
        model(&[("c.md", content)], &mut diags);
        diags.render()
    }

    /// The chapters' contents after `edit` filled their outputs and `write_back` ran.
    fn written(chapters: &[(&str, &str)], edit: impl FnOnce(&Model, &mut Outputs)) -> Vec<String> {
        let mut diags = Diagnostics::new();
        let mut book = Book::new();
        for (path, content) in chapters {
            book.push_item(BookItem::Chapter(BookChapter::new(
                "C",
                content.to_string(),
                *path,
                vec![],
            )));
        }
        let model = Model::build(&book, Path::new("src"), &mut diags);
        let mut outputs = model.outputs();
        edit(&model, &mut outputs);
        write_back(&mut book, &model, &mut outputs);
        book.iter()
            .filter_map(|i| match i {
                BookItem::Chapter(c) => Some(c.content.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn an_empty_chapter_and_one_with_only_front_matter_are_each_a_warning() {
        assert_eq!(
            problems(" \n\n"),
            "src/c.md:1:1: warning: the chapter `c.md` is empty: its page would be blank [chapter-empty]\n  \
             = hint: write the chapter, or remove it from SUMMARY.md (a chapter not written yet is listed as a draft, `- [Title]()`)\n\
             0 errors, 1 warning"
        );
        assert_eq!(
            problems("---\ndescription: D\n---\n\n"),
            "src/c.md:4:1: warning: the chapter `c.md` has front matter and no text: its page would be blank [chapter-empty]\n  \
             = hint: write the chapter, or remove it from SUMMARY.md (a chapter not written yet is listed as a draft, `- [Title]()`)\n\
             0 errors, 1 warning"
        );
        assert_eq!(problems("x"), "0 errors, 0 warnings");
    }

    #[test]
    fn a_heading_of_punctuation_alone_gets_a_note_with_an_id_to_give_it() {
        assert_eq!(
            problems("# ?\n\ntext\n\n## ¿¡\n\n## ! {#bang}\n\n## A\n"),
            "src/c.md:1:1: note: the heading `# ?` has no letters or digits, so mdBook makes no id from its text: nothing can link to it [heading-without-id]\n  \
             = hint: give it an id of its own: `# ? {#question-mark}`\n\
             src/c.md:5:1: note: the heading `## ¿¡` has no letters or digits, so mdBook makes no id from its text: nothing can link to it [heading-without-id]\n  \
             = hint: give it an id of its own: `## ¿¡ {#a-name}`\n\
             0 errors, 0 warnings, 2 notes"
        );
    }

    #[test]
    fn active_html_is_an_error_at_its_place_and_written_as_text_unless_allowed() {
        let content = "Text <b onclick=\"x()\">b</b>\n\n<iframe src=\"https://e.org\"></iframe>\n";
        let mut diags = Diagnostics::new();
        let m = model(&[("c.md", content)], &mut diags);
        let mut outputs = m.outputs();
        check_active_html(&m, &["iframe".to_string()], &mut outputs, &mut diags);
        assert_eq!(
            diags.render(),
            "src/c.md:1:9: error: `onclick` would run code in every reader's browser, and the book does not allow it [html-active]\n  \
             = hint: remove it; if the book means it, allow it by name: `allow-html = [\"onclick\"]` under `[preprocessor.report]` in book.toml\n\
             1 error, 0 warnings"
        );
        assert_eq!(
            outputs[ChapterId(0)].edits.apply(m.chapters[0].body()),
            "Text &lt;b onclick=\"x()\">b</b>\n\n<iframe src=\"https://e.org\"></iframe>\n"
        );
    }

    #[test]
    fn each_kind_of_active_content_is_said_in_a_readers_words_where_it_is_written() {
        assert_eq!(
            active_effect("script"),
            "`<script>` would run code in every reader's browser"
        );
        assert_eq!(
            active_effect("form"),
            "`<form>` would send what a reader types to another address"
        );
        assert_eq!(
            active_effect("base"),
            "`<base>` would change where every link of the page goes"
        );
        assert_eq!(
            active_effect(crate::base::html::HTTP_EQUIV),
            "`<meta http-equiv>` would send the reader to another address or change the page's rules"
        );
        assert_eq!(
            active_effect("onload"),
            "`onload` would run code in every reader's browser"
        );
        assert_eq!(
            active_effect("object"),
            "`<object>` would load other content into the page"
        );
        assert_eq!(active_position("<p>x</p><SCRIPT>", "script"), 8);
        assert_eq!(active_position("<a OnClick=x>", "onclick"), 3);
        assert_eq!(
            active_position("<meta HTTP-EQUIV=refresh>", crate::base::html::HTTP_EQUIV),
            6
        );
        // An `on…` name is an attribute, never a tag: `<online>` is not where it is.
        assert_eq!(active_position("<online onx=1>", "onx"), 8);
        assert_eq!(active_position("<p>", "embed"), 0);
    }

    #[test]
    fn refused_schemes_in_links_images_and_raw_html_are_errors_but_the_books_own_are_not() {
        assert_eq!(
            problems(
                "[a](javascript:x) ![i](data:image/png,x) [o](org:wmo)\n\n<a href=\"org:wmo\">w</a> <img src=\"vbscript:y\">\n"
            ),
            "src/c.md:1:1: error: the link to `javascript:x` uses the scheme `javascript:`, which the site does not publish [link-scheme]\n  \
             = hint: link to `https://`, `http://` or `mailto:` addresses, or to a page of the book\n\
             src/c.md:1:19: error: the image to `data:image/png,x` uses the scheme `data:`, which the site does not publish [link-scheme]\n  \
             = hint: link to `https://`, `http://` or `mailto:` addresses, or to a page of the book\n\
             src/c.md:3:10: error: the HTML attribute `href=\"org:wmo\"` uses the scheme `org:`, which the site does not publish [link-scheme]\n  \
             = hint: `org:` links work in Markdown links only: write `[text](org:wmo)`\n\
             src/c.md:3:35: error: the HTML attribute `src=\"vbscript:y\"` uses the scheme `vbscript:`, which the site does not publish [link-scheme]\n  \
             = hint: link to `https://`, `http://` or `mailto:` addresses, or to a page of the book\n\
             4 errors, 0 warnings"
        );
    }

    #[test]
    fn a_range_overlaps_a_link_when_they_share_a_byte() {
        let mut out = ChapterOutput::default();
        out.wrap(5..10, "<a>", "</a>");
        assert!(out.overlaps_link(&(5..10)));
        assert!(out.overlaps_link(&(9..12)));
        assert!(out.overlaps_link(&(0..6)));
        assert!(out.overlaps_link(&(6..7)));
        assert!(!out.overlaps_link(&(10..12)));
        assert!(!out.overlaps_link(&(0..5)));
        assert_eq!(out.edits.apply("0123456789ab"), "01234<a>56789</a>ab");
    }

    #[test]
    fn requested_anchors_go_to_their_block_and_permalinks_to_every_block_with_words() {
        let content = "**Bold** start.\n\n** x\n\n---\n\n…\n\nNote[^1].\n\n[^1]: A note.\n";
        let requested = written(&[("c.md", content)], |m, out| {
            let (b, _) = m.chapters[0].doc.blocks().nth(1).unwrap();
            out[ChapterId(0)].anchors.insert(b);
            insert_anchors(m, out, false);
        });
        assert_eq!(
            requested[0],
            "**Bold** start.\n\n<span id=\"p-x\" class=\"anchor-target\"></span>** x\n\n---\n\n…\n\nNote[^1].\n\n[^1]: A note.\n"
        );
        let all = written(&[("c.md", content)], |m, out| insert_anchors(m, out, true));
        assert_eq!(
            all[0],
            "**<span id=\"p-bold-start\" class=\"anchor-target\"></span>Bold** start.<a class=\"permalink report-generated\" href=\"#p-bold-start\" aria-label=\"Link to this paragraph\"></a>\n\n\
             <span id=\"p-x\" class=\"anchor-target\"></span>** x<a class=\"permalink report-generated\" href=\"#p-x\" aria-label=\"Link to this paragraph\"></a>\n\n---\n\n…\n\n\
             <span id=\"p-note\" class=\"anchor-target\"></span>Note[^1].<a class=\"permalink report-generated\" href=\"#p-note\" aria-label=\"Link to this paragraph\"></a>\n\n[^1]: A note.\n"
        );
    }

    #[test]
    fn quotes_are_written_curly_in_edited_paragraphs_only() {
        let content = "WTO's 'Trade' rules.\n\nThe 'untouched' one.\n";
        let out = written(&[("c.md", content)], |m, out| {
            out[ChapterId(0)].edits.insert(3, order::CLOSE, "</a>");
            settle_quotes(m, out);
        });
        assert_eq!(out[0], "WTO</a>’s ‘Trade’ rules.\n\nThe 'untouched' one.\n");
        // An edit at a paragraph's very end counts for it.
        let out = written(&[("c.md", content)], |m, out| {
            out[ChapterId(0)].edits.insert(20, order::CLOSE, "!");
            settle_quotes(m, out);
        });
        assert_eq!(out[0], "WTO’s ‘Trade’ rules.!\n\nThe 'untouched' one.\n");
        // So does an edit at the very end of a chapter without a final line break.
        let out = written(&[("c.md", "It's 'here'")], |m, out| {
            out[ChapterId(0)].edits.insert(11, order::CLOSE, "!");
            settle_quotes(m, out);
        });
        assert_eq!(out[0], "It’s ‘here’!");
        // A quote a feature replaced is left to its edit.
        let out = written(&[("c.md", content)], |m, out| {
            out[ChapterId(0)].edits.replace(3..4, "’");
            settle_quotes(m, out);
        });
        assert_eq!(out[0], "WTO’s ‘Trade’ rules.\n\nThe 'untouched' one.\n");
    }

    #[test]
    fn write_back_follows_reading_order_into_sub_chapters_with_preludes_epilogues_and_replacements()
    {
        let mut diags = Diagnostics::new();
        let mut book = Book::new();
        let mut parent = BookChapter::new("P", "# P\n\nText.\n".into(), "p.md", vec![]);
        parent.sub_items.push(BookItem::Chapter(BookChapter::new(
            "S",
            "Sub.\r\n\r\n".into(),
            "s.md",
            vec![],
        )));
        parent
            .sub_items
            .push(BookItem::Chapter(BookChapter::new_draft("D", vec![])));
        book.push_item(BookItem::Chapter(parent));
        book.push_item(BookItem::Separator);
        book.push_item(BookItem::Chapter(BookChapter::new(
            "L",
            "## Not first\n\nLast.\n".into(),
            "l.md",
            vec![],
        )));
        let model = Model::build(&book, Path::new("src"), &mut diags);
        let mut outputs = model.outputs();
        outputs[ChapterId(0)].prelude = "> box".into();
        outputs[ChapterId(1)].epilogue = "Cited by".into();
        outputs[ChapterId(2)].prelude = "> top".into();
        write_back(&mut book, &model, &mut outputs);
        let contents: Vec<&str> = book
            .iter()
            .filter_map(|i| match i {
                BookItem::Chapter(c) => Some(c.content.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(
            contents,
            [
                "# P\n\n> box\n\nText.\n",
                "Sub.\n\nCited by",
                "",
                "> top\n\n## Not first\n\nLast.\n"
            ]
        );
        let replaced = written(&[("c.md", "Old.\n")], |_, out| {
            out[ChapterId(0)].replacement = Some("New.\n".into());
            out[ChapterId(0)].edits.insert(0, order::OPEN, "never");
        });
        assert_eq!(replaced, ["New.\n"]);
    }

    #[test]
    fn a_prelude_goes_first_when_an_edit_changed_the_text_before_the_first_heading() {
        let out = written(&[("c.md", "Intro.\n\n# Title\n\nText.\n")], |_, out| {
            out[ChapterId(0)].edits.insert(0, order::OPEN, "Edited ");
            out[ChapterId(0)].prelude = "> box".into();
        });
        assert_eq!(out, ["> box\n\nEdited Intro.\n\n# Title\n\nText.\n"]);
    }

    #[test]
    fn the_model_finds_chapters_by_path_documents_and_a_failed_front_matter() {
        let mut diags = Diagnostics::new();
        let one = "---\ndocument:\n  symbol: A/RES/1\n  title: One\n---\nOne.\n";
        let two = "---\ndocument:\n  symbol: A/RES/2\n  title: Two\n---\nTwo.\n";
        let m = model(&[("a.md", one), ("b.md", "B.\n")], &mut diags);
        assert_eq!(m.collection(), None);
        assert_eq!(m.front_matter_failure(), None);
        assert_eq!(
            m.by_path(Path::new("b.md")).map(|c| c.id),
            Some(ChapterId(1))
        );
        assert!(m.by_path(Path::new("c.md")).is_none());
        let m = model(
            &[("a.md", one), ("x.md", "X.\n"), ("b.md", two)],
            &mut diags,
        );
        assert_eq!(m.collection(), Some(vec![ChapterId(0), ChapterId(2)]));
        let m = model(
            &[("a.md", "A.\n"), ("b.md", "---\nnope: 1\n---\nB.\n")],
            &mut diags,
        );
        assert!(m.front_matter_failure().is_some());
    }

    #[test]
    fn a_chapters_title_carries_its_number() {
        let mut diags = Diagnostics::new();
        let mut book = Book::new();
        let mut ch = BookChapter::new("Rights", "R.\n".into(), "r.md", vec![]);
        ch.number = Some(SectionNumber::new([2, 1]));
        book.push_item(BookItem::Chapter(ch));
        book.push_item(BookItem::Chapter(BookChapter::new(
            "Plain",
            "P.\n".into(),
            "p.md",
            vec![],
        )));
        let m = Model::build(&book, Path::new("src"), &mut diags);
        assert_eq!(m.chapters[0].title(), "2.1. Rights");
        assert_eq!(m.chapters[1].title(), "Plain");
    }

    #[test]
    fn an_unused_phrases_hint_quotes_what_the_text_writes() {
        assert_eq!(
            Unused::hint_for(Some("the text".into())),
            "the text writes “the text”: write it as the text does"
        );
        assert_eq!(
            Unused::hint_for(None),
            "copy it from the text, word for word, or remove it"
        );
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Models of small books for the features' unit tests.
    use super::Model;
    use crate::base::diagnostics::Diagnostics;
    use mdbook_preprocessor::book::{Book, BookItem, Chapter};
    use std::path::Path;

    /// A model of small chapters: `(file name, content)`.
    pub(crate) fn model(chapters: &[(&str, &str)], diags: &mut Diagnostics) -> Model {
        let mut book = Book::new();
        for (i, (path, content)) in chapters.iter().enumerate() {
            book.push_item(BookItem::Chapter(Chapter::new(
                &format!("Chapter {}", i + 1),
                content.to_string(),
                *path,
                vec![],
            )));
        }
        Model::build(&book, Path::new("src"), diags)
    }
}
/// Something the book configures that matches nothing in its text (an agenda phrase no
/// paragraph has, a `never-link` entry the text never writes): the feature that found it says
/// so, and `Config::unused` reports it at its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unused {
    /// Its table under `[preprocessor.report]` and its key: `("agenda", "phrases")`.
    pub key: (&'static str, &'static str),
    /// Its entry, for a list.
    pub entry: Option<usize>,
    /// What it fails to do, after the value: "links nothing: no paragraph of the book has it".
    pub problem: String,
    /// The value as configured.
    pub value: String,
    /// How to fix it ([`Unused::hint_for`] for a phrase copied from the text).
    pub hint: String,
}

impl Unused {
    /// The hint for a phrase meant to be copied from the text: what the text writes instead
    /// when it writes it otherwise (`nearest`, from [`crate::model::find::find_loosely`]).
    pub(crate) fn hint_for(nearest: Option<String>) -> String {
        match nearest {
            Some(text) => format!("the text writes “{text}”: write it as the text does"),
            None => "copy it from the text, word for word, or remove it".into(),
        }
    }
}
