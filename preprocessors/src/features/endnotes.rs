//! Book-wide endnotes, numbered in reading order (i, ii, iii… or 1, 2, 3…, as configured) and
//! linked both ways across pages.
//!
//! Syntax (standard Markdown footnote syntax, with keys instead of numbers):
//!
//! ```markdown
//! The programme was adopted in December.[^programme]                        ← any chapter
//!
//! [^programme]: Resolution 1/23, annex.                                       ← endnotes chapter
//! ```
//!
//! Labels are not written by editors: the note first cited earliest in the book is `i`, the next
//! `ii`, and so on, so adding a citation to an early chapter renumbers the later notes. Each
//! reference becomes `<sup><a href="endnotes.html#note-iv">iv</a></sup>` with the note's text as
//! a preview; the endnotes chapter lists the notes in label order, each with links back to every
//! place citing it. All links are relative chapter links, which mdBook also rewrites for
//! `print.html`.
//!
//! Checks: a reference without a definition, a definition never cited, a key defined twice, a
//! definition outside the endnotes chapter (errors); two notes citing the same document
//! (a warning, or a note when the endnotes chapter's front matter lists the pair under
//! `same-source`).

use crate::base::diagnostics::{Diagnostics, did_you_mean};
use crate::base::html::{self, Html, Markdown};
use crate::base::markdown::{Edits, FootnoteDef};
use crate::base::numbering::Numbering;
use crate::base::paths;
use crate::base::text::truncate;
use crate::model::schema::numbering_style as style;
use crate::model::{ChapterId, Model, Outputs};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// One place citing a note.
#[derive(Debug, Clone)]
pub(crate) struct Citation {
    /// The citing chapter.
    pub chapter: ChapterId,
    /// Index into that chapter's `doc.footnote_refs`.
    pub reference: usize,
    /// The `id` of the reference's `<sup>`.
    pub id: String,
}

/// A cited, defined note.
#[derive(Debug, Clone)]
pub(crate) struct Note {
    /// The editor's key.
    pub key: String,
    /// `iv` (or `4`).
    pub label: String,
    /// Index into the endnotes chapter's `doc.footnote_defs`.
    pub definition: usize,
    /// Every citation, in reading order.
    pub citations: Vec<Citation>,
    /// The note's text as plain text.
    pub preview: String,
}

impl Endnotes {
    /// What a note is called ("Note", "Endnote").
    pub(crate) fn name(&self) -> &str {
        &self.name
    }
}

impl Note {
    /// The `id` of the note on the endnotes page.
    pub(crate) fn id(&self) -> String {
        format!("note-{}", self.label)
    }
}

/// The book's endnotes.
#[derive(Debug, Default)]
pub(crate) struct Endnotes {
    /// The endnotes chapter, if it is in the book.
    pub chapter: Option<ChapterId>,
    /// Notes in label order.
    pub notes: Vec<Note>,
    /// What a note is called in previews.
    name: String,
    by_key: HashMap<String, usize>,
}

static URL: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"https?://[^\s<>)\]]+").expect("valid regex"));

impl Endnotes {
    /// Finds every definition and reference, numbers the notes and checks them; `path` is the
    /// endnotes chapter (`chapter` of the configuration, which a book without endnotes does not
    /// set: then this is never called, and mdBook renders its footnotes page by page).
    pub(crate) fn collect(
        model: &Model,
        path: &Path,
        cfg: &EndnotesConfig,
        diags: &mut Diagnostics,
    ) -> Endnotes {
        let chapter = model.by_path(path).map(|c| c.id);
        if chapter.is_none() && Self::chapter_missing(model, path, diags) {
            return Endnotes {
                name: cfg.name.clone(),
                ..Endnotes::default()
            };
        }
        same_source_elsewhere(model, chapter, path, diags);
        let definitions = Definitions::find(model, chapter, path, diags);
        let in_headings = in_headings(model, diags);
        let mut out = Endnotes {
            chapter,
            name: cfg.name.clone(),
            ..Endnotes::default()
        };
        out.number(model, &definitions, path, cfg, diags);
        if let Some(c) = chapter {
            out.check_definitions(model, c, &in_headings, diags);
        }
        out
    }

    /// Numbers the notes by their first citation in reading order and records every citation;
    /// a note cited but defined nowhere is an error (unless it is defined in the wrong chapter,
    /// whose error is the one to fix).
    fn number(
        &mut self,
        model: &Model,
        definitions: &Definitions<'_>,
        path: &Path,
        cfg: &EndnotesConfig,
        diags: &mut Diagnostics,
    ) {
        let keys: Vec<&str> = definitions.defined.keys().copied().collect();
        for ch in &model.chapters {
            for (r, reference) in ch.doc.footnote_refs.iter().enumerate() {
                if reference.in_heading {
                    continue;
                }
                let Some(&definition) = definitions.defined.get(reference.label.as_str()) else {
                    if definitions.misplaced.contains(reference.label.as_str()) {
                        continue;
                    }
                    let d = diags.error(
                        "endnote-undefined",
                        ch.locate(reference.range.start),
                        format!("endnote `{}` is cited but never defined", reference.label),
                    );
                    d.hint = Some(match did_you_mean(&reference.label, keys.iter().copied()) {
                        Some(k) => format!("did you mean `[^{k}]`?"),
                        None => format!(
                            "define it in `{}` as `[^{}]: text of the note`",
                            path.display(),
                            reference.label
                        ),
                    });
                    continue;
                };
                let n = *self
                    .by_key
                    .entry(reference.label.clone())
                    .or_insert_with(|| {
                        let number = self.notes.len() + 1;
                        self.notes.push(Note {
                            key: reference.label.clone(),
                            label: cfg.labels.bare(number),
                            definition,
                            citations: Vec::new(),
                            preview: String::new(),
                        });
                        number - 1
                    });
                let note = &mut self.notes[n];
                let id = match note.citations.len() {
                    0 => format!("note-ref-{}", note.label),
                    k => format!("note-ref-{}-{}", note.label, k + 1),
                };
                note.citations.push(Citation {
                    chapter: ch.id,
                    reference: r,
                    id,
                });
            }
        }
    }

    /// Without the endnotes chapter in the book, every definition would be "outside the endnotes
    /// chapter" and every citation "never defined": one error says which chapter is missing,
    /// at the first definition, and counts the rest. False when the book has no definitions.
    fn chapter_missing(model: &Model, path: &Path, diags: &mut Diagnostics) -> bool {
        let mut defs = model
            .chapters
            .iter()
            .flat_map(|ch| ch.doc.footnote_defs.iter().map(move |d| (ch, d)));
        let Some((ch, first)) = defs.next() else {
            return false;
        };
        diags
            .error(
                "endnote-chapter-missing",
                ch.locate(first.range.start),
                format!(
                    "the endnotes chapter `{}` is not in the book, so the notes defined here have no place",
                    path.display()
                ),
            )
            .hint(format!(
                "set `chapter = \"{}\"` under `[preprocessor.{}.endnotes]` in book.toml, or add `{}` to SUMMARY.md",
                ch.path.display(),
                crate::model::PREPROCESSOR,
                path.display()
            ));
        let cause = diags.last_cause().expect("just reported");
        let refs: usize = model
            .chapters
            .iter()
            .map(|c| c.doc.footnote_refs.len())
            .sum();
        diags.fold(cause, defs.count(), "other definition", "other definitions");
        diags.fold(cause, refs, "citation", "citations");
        true
    }

    /// Previews, uncited definitions and notes citing the same document.
    fn check_definitions(
        &mut self,
        model: &Model,
        c: ChapterId,
        in_headings: &HashSet<&str>,
        diags: &mut Diagnostics,
    ) {
        let ch = model.chapter(c);
        for note in &mut self.notes {
            let def = &ch.doc.footnote_defs[note.definition];
            note.preview = ch
                .doc
                .blocks
                .iter()
                .filter(|b| b.range.start >= def.range.start && b.range.end <= def.range.end)
                .map(|b| b.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
        }
        for def in &ch.doc.footnote_defs {
            if !self.by_key.contains_key(&def.label) && !in_headings.contains(def.label.as_str()) {
                diags
                    .error(
                        "endnote-unused",
                        ch.locate(def.range.start),
                        format!("endnote `{}` is defined but never cited", def.label),
                    )
                    .hint = Some(format!(
                    "cite it with `[^{}]` where it belongs, or delete the definition",
                    def.label
                ));
            }
        }
        // Without its front matter the acknowledgements are unknown: the front matter's error
        // comes first, rather than a warning for every acknowledged pair.
        if ch.meta.failed.is_some() {
            return;
        }
        for pair in &ch.front().same_source {
            for key in pair.value.iter().filter(|k| !self.by_key.contains_key(*k)) {
                let keys = self.notes.iter().map(|n| n.key.as_str());
                diags
                    .error(
                        "endnote-same-source-unknown",
                        ch.locate_front(pair),
                        format!("`same-source` names `{key}`, which is not a cited note"),
                    )
                    .suggest(
                        did_you_mean(key, keys).map(|k| format!("`{k}`")),
                        "name two keys of notes defined in this chapter and cited in the book",
                    );
            }
        }
        // A `same-source` already reported (in another chapter's front matter, or naming a key
        // that is no note) still says what the editor meant: its pairs are not warned about
        // again, and neither is a note named next to an unknown key.
        let misplaced = model
            .chapters
            .iter()
            .filter(|other| other.id != c)
            .flat_map(|other| other.front().same_source.iter());
        let acknowledged: Vec<&Vec<String>> =
            ch.front().same_source.iter().map(|s| &s.value).collect();
        let faulty: Vec<&str> = acknowledged
            .iter()
            .copied()
            .filter(|pair| pair.iter().any(|k| !self.by_key.contains_key(k)))
            .chain(misplaced.map(|s| &s.value))
            .flat_map(|pair| pair.iter().map(String::as_str))
            .collect();
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (i, note) in self.notes.iter().enumerate() {
            let text = ch.text(ch.doc.footnote_defs[note.definition].content.clone());
            let normalised = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let mut sources: Vec<String> = URL
                .find_iter(text)
                .map(|m| m.as_str().to_string())
                .collect();
            sources.push(normalised);
            for source in sources {
                let Some(&j) = seen.get(&source) else {
                    seen.insert(source, i);
                    continue;
                };
                let first = &self.notes[j];
                if first.key == note.key {
                    continue;
                }
                let is_ack = acknowledged
                    .iter()
                    .any(|pair| pair.contains(&first.key) && pair.contains(&note.key));
                if !is_ack
                    && [&first.key, &note.key]
                        .iter()
                        .any(|k| faulty.contains(&k.as_str()))
                {
                    break;
                }
                let message = format!(
                    "endnotes {} (`{}`) and {} (`{}`) cite the same document",
                    first.label, first.key, note.label, note.key
                );
                let at = ch.locate(ch.doc.footnote_defs[note.definition].range.start);
                if is_ack {
                    diags.note(
                        "endnote-same-source",
                        at,
                        format!("{message}; acknowledged under `same-source`"),
                    );
                } else {
                    diags.warning("endnote-same-source", at, message).hint = Some(format!(
                        "if the original report does this, acknowledge it in the front matter of this chapter: `same-source: [[{}, {}]]`",
                        first.key, note.key
                    ));
                }
                break;
            }
        }
    }

    /// Replaces every reference with its superscript link.
    pub(crate) fn edit_references(
        &self,
        model: &Model,
        endnotes_path: &Path,
        outputs: &mut Outputs,
    ) {
        for note in &self.notes {
            for citation in &note.citations {
                let ch = model.chapter(citation.chapter);
                let reference = &ch.doc.footnote_refs[citation.reference];
                let href = html::href(&ch.path, endnotes_path, Some(&note.id()));
                let title = format!(
                    "{} {}: {}",
                    self.name,
                    note.label,
                    truncate(&note.preview, 300)
                );
                let mut markup = Html::<Markdown>::new();
                markup
                    .open("sup")
                    .attr("class", "endnote-ref")
                    .attr("id", &citation.id)
                    .close()
                    .open("a")
                    .attr("href", &href)
                    .attr("role", "doc-noteref")
                    .attr("title", &title)
                    .close()
                    .text(&note.label)
                    .close("a")
                    .close("sup");
                outputs[citation.chapter]
                    .edits
                    .replace(reference.range.clone(), markup.into_string());
            }
        }
    }

    /// Rebuilds the endnotes chapter: the definitions, with every other feature's edits applied
    /// inside them, become an ordered list in label order with back-links. Run after all
    /// features have added their edits.
    ///
    /// The list takes the place of the definitions written at the top level; one written inside
    /// a blockquote or a list (as a book demonstrating footnotes does) leaves its container,
    /// which keeps the rest of its content, and joins the list (at the chapter's end when no
    /// definition is at the top level).
    pub(crate) fn assemble(&self, model: &Model, outputs: &mut Outputs, diags: &mut Diagnostics) {
        let Some(c) = self.chapter else { return };
        let ch = model.chapter(c);
        let defs = &ch.doc.footnote_defs;
        if defs.is_empty() {
            return;
        }
        let body = ch.body();
        let edits: &Edits = &outputs[c].edits;
        // The chapter's text from `range`, edited, without the nested definitions in it.
        // A nested definition is cut up to its last character: the line breaks after it stay,
        // so what follows does not join its container's line (`- [^c]: …` then a paragraph).
        let nested: Vec<Range<usize>> = defs
            .iter()
            .filter(|d| d.nested)
            .map(|d| d.range.start..d.range.start + body[d.range.clone()].trim_end().len())
            .collect();
        let keep = |range: Range<usize>| -> String {
            let mut out = String::new();
            let mut at = range.start;
            for cut in nested
                .iter()
                .filter(|r| r.start >= range.start && r.end <= range.end)
            {
                out.push_str(&edits.apply_within(body, at..cut.start));
                at = cut.end;
            }
            out.push_str(&edits.apply_within(body, at..range.end));
            out
        };
        let mut list = Html::<Markdown>::new();
        list.open("ol").attr("class", "endnotes").close().newline();
        for note in &self.notes {
            let def = &defs[note.definition];
            let mut content = edits.apply_within(body, def.content.clone());
            if def.nested {
                content =
                    strip_container(&content, ch.locate(def.range.start).col.saturating_sub(1));
            }
            let content = dedent(&content);
            list.open("li")
                .attr("class", "endnote")
                .attr("id", note.id())
                .close()
                .open("span")
                .attr("class", "endnote-label")
                .close()
                .text(&note.label)
                .close("span");
            // The note's own Markdown, with the other features' edits: read by mdBook as the
            // chapter's text is.
            list.markdown(&format!("\n\n{}\n\n", content.trim_end()));
            list.open("p")
                .attr("class", "endnote-backlinks")
                .close()
                .text("Cited in: ");
            for (k, citation) in note.citations.iter().enumerate() {
                let citing = model.chapter(citation.chapter);
                let href = html::href(&ch.path, &citing.path, Some(&citation.id));
                let text = if k == 0 {
                    citing.title()
                } else {
                    format!("{} ({})", citing.title(), k + 1)
                };
                if k > 0 {
                    list.text(" · ");
                }
                list.open("a")
                    .attr("href", &href)
                    .attr("role", "doc-backlink")
                    .close()
                    .open("span")
                    .attr("aria-hidden", "true")
                    .close()
                    .text("↩ ")
                    .close("span")
                    .text(&text)
                    .close("a");
            }
            list.close("p").newline().close("li").newline();
        }
        list.close("ol").newline();
        let list = list.into_string();
        let top: Vec<&FootnoteDef> = defs.iter().filter(|d| !d.nested).collect();
        let (Some(first), Some(last)) = (top.first(), top.last()) else {
            // Every definition is nested: the list follows the chapter.
            let mut out = keep(0..body.len());
            out.push_str("\n\n");
            out.push_str(&list);
            outputs[c].replacement = Some(out);
            return;
        };
        // Anything an editor wrote between two definitions follows the list.
        let mut between = String::new();
        for pair in top.windows(2) {
            let gap = pair[0].range.end..pair[1].range.start;
            let text = keep(gap.clone());
            if !text.trim().is_empty() {
                let words = &body[gap.clone()];
                diags
                    .warning(
                        "endnote-interleaved-text",
                        ch.locate(gap.start + (words.len() - words.trim_start().len())),
                        "text between endnote definitions is moved after the list of notes",
                    )
                    .hint = Some("put introductory text before the first definition".into());
                between.push_str(&text);
            }
        }
        let mut out = keep(0..first.range.start);
        out.push_str(&list);
        if !between.trim().is_empty() {
            out.push('\n');
            out.push_str(between.trim());
            out.push('\n');
        }
        // The list is raw HTML, which a blank line ends: Markdown after it needs one.
        let rest = keep(last.range.end..body.len());
        if !rest.trim().is_empty() && !rest.starts_with('\n') {
            out.push('\n');
        }
        out.push_str(&rest);
        outputs[c].replacement = Some(out);
    }
}

/// `same-source` in another chapter than the endnotes one: an error at its first pair.
fn same_source_elsewhere(
    model: &Model,
    chapter: Option<ChapterId>,
    path: &Path,
    diags: &mut Diagnostics,
) {
    for ch in model.chapters.iter().filter(|c| Some(c.id) != chapter) {
        if let Some(pair) = ch.front().same_source.first() {
            diags
                .error(
                    "endnote-same-source-elsewhere",
                    ch.locate_front(pair),
                    "`same-source` belongs in the front matter of the endnotes chapter",
                )
                .hint(format!(
                    "move it to the front matter of `{}`, where the notes are defined",
                    path.display()
                ));
        }
    }
}

/// The notes' definitions.
struct Definitions<'a> {
    /// In the endnotes chapter, by key: the index of each key's first definition.
    defined: HashMap<&'a str, usize>,
    /// Defined in the wrong chapter: that error is the one to fix, its citations say nothing
    /// more.
    misplaced: HashSet<&'a str>,
}

impl<'a> Definitions<'a> {
    /// Every definition of the book: kept in the endnotes chapter (`chapter`, at `path`), an
    /// error anywhere else, an error when a key is defined twice.
    fn find(
        model: &'a Model,
        chapter: Option<ChapterId>,
        path: &Path,
        diags: &mut Diagnostics,
    ) -> Definitions<'a> {
        let mut out = Definitions {
            defined: HashMap::new(),
            misplaced: HashSet::new(),
        };
        for ch in &model.chapters {
            for (i, def) in ch.doc.footnote_defs.iter().enumerate() {
                if Some(ch.id) != chapter {
                    out.misplaced.insert(&def.label);
                    diags
                        .error(
                            "endnote-definition-elsewhere",
                            ch.locate(def.range.start),
                            format!(
                                "endnote `{}` is defined outside the endnotes chapter",
                                def.label
                            ),
                        )
                        .hint(format!(
                            "move the definition to `{}`, where every endnote of the book is defined",
                            path.display()
                        ));
                    continue;
                }
                if let Some(&first) = out.defined.get(def.label.as_str()) {
                    let first_at = ch.locate(ch.doc.footnote_defs[first].range.start);
                    diags
                        .error(
                            "endnote-duplicate-definition",
                            ch.locate(def.range.start),
                            format!("endnote `{}` is defined twice", def.label),
                        )
                        .hint = Some(format!(
                        "the first definition is at line {}; remove one or give it another key",
                        first_at.line
                    ));
                    continue;
                }
                out.defined.insert(&def.label, i);
            }
        }
        out
    }
}

/// The keys cited in a heading, each an error: a marker there would be a link inside the
/// heading's own link (mdBook makes a heading's text a link to itself). Left as written, and
/// counted as a citation for the unused check (its definition is not the mistake).
fn in_headings<'a>(model: &'a Model, diags: &mut Diagnostics) -> HashSet<&'a str> {
    let mut out: HashSet<&str> = HashSet::new();
    for ch in &model.chapters {
        for reference in ch.doc.footnote_refs.iter().filter(|r| r.in_heading) {
            out.insert(&reference.label);
            diags
                .error(
                    "endnote-in-heading",
                    ch.locate(reference.range.start),
                    format!(
                        "endnote `{}` is cited in a heading, whose text is a link: the note's link would sit inside it",
                        reference.label
                    ),
                )
                .hint("cite the note in the text under the heading");
        }
    }
    out
}

/// Removes a nested definition's container markers from its continuation lines: up to `column`
/// characters of `>`, spaces and tabs (`>     continued` under `> [^a]: …` at column 2).
fn strip_container(text: &str, column: usize) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if i == 0 {
            out.push_str(line);
            continue;
        }
        let marker = line
            .char_indices()
            .take(column)
            .take_while(|(_, c)| matches!(c, '>' | ' ' | '\t'))
            .last()
            .map_or(0, |(i, c)| i + c.len_utf8());
        out.push_str(&line[marker..]);
    }
    out
}

/// Removes the up-to-four-space indentation of a definition's continuation lines.
fn dedent(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if i == 0 {
            out.push_str(line);
        } else if let Some(rest) = line.strip_prefix('\t') {
            out.push_str(rest);
        } else {
            let spaces = line.len() - line.trim_start_matches(' ').len();
            out.push_str(&line[spaces.min(4)..]);
        }
    }
    out
}

/// `[preprocessor.report.endnotes]`: book-wide endnotes.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct EndnotesConfig {
    /// Switch the feature on or off.
    pub enable: bool,
    /// The chapter (relative to `src/`) that holds the definitions; none: the book has no
    /// endnotes, and mdBook renders its footnotes page by page as it always does.
    #[serde(deserialize_with = "paths::in_src_if_set")]
    pub chapter: Option<PathBuf>,
    /// How notes are numbered: `i` (i, ii, iii), `1`, `a` ….
    #[serde(with = "style")]
    pub labels: Numbering,
    /// What a note is called in a reference's preview ("Endnote iv: …").
    pub name: String,
}

impl Default for EndnotesConfig {
    fn default() -> Self {
        EndnotesConfig {
            enable: true,
            chapter: None,
            labels: Numbering::lower_roman(),
            name: "Note".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::testing::model;

    fn collect(chapters: &[(&str, &str)], cfg: &EndnotesConfig) -> (Endnotes, Diagnostics) {
        let mut diags = Diagnostics::new();
        let m = model(chapters, &mut diags);
        (
            Endnotes::collect(&m, Path::new("endnotes.md"), cfg, &mut diags),
            diags,
        )
    }

    #[test]
    fn notes_are_called_by_the_configured_name_even_without_their_chapter() {
        let cfg = EndnotesConfig {
            name: "Endnote".into(),
            ..EndnotesConfig::default()
        };
        let (notes, _) = collect(&[("a.md", "x[^a]\n"), ("endnotes.md", "[^a]: A.\n")], &cfg);
        assert_eq!(notes.name(), "Endnote");
        assert_eq!(notes.notes[0].id(), "note-i");
        let (missing, diags) = collect(&[("a.md", "x[^a]\n\n[^a]: A.\n")], &cfg);
        assert!(missing.chapter.is_none() && diags.errors() == 1);
        assert_eq!(missing.name(), "Endnote");
    }

    #[test]
    fn text_between_definitions_is_located_where_its_words_start() {
        let body = "[^a]: First.\n\n   A stray paragraph.\n\n[^b]: Second.\n";
        let chapters = [("a.md", "x[^a] y[^b]\n"), ("endnotes.md", body)];
        let mut diags = Diagnostics::new();
        let m = model(&chapters, &mut diags);
        let notes = Endnotes::collect(
            &m,
            Path::new("endnotes.md"),
            &EndnotesConfig::default(),
            &mut diags,
        );
        let mut outputs = m.outputs();
        notes.assemble(&m, &mut outputs, &mut diags);
        let shown: Vec<String> = diags.iter().map(ToString::to_string).collect();
        let shown = shown.join("\n");
        assert!(
            shown.starts_with("src/endnotes.md:3:4: warning: text between endnote definitions"),
            "{shown}"
        );
        let out = outputs
            .iter_mut()
            .nth(1)
            .unwrap()
            .replacement
            .clone()
            .unwrap();
        assert!(out.ends_with("</ol>\n\nA stray paragraph.\n"), "{out}");
    }

    #[test]
    fn definitions_in_a_blockquote_or_a_list_join_the_list_and_leave_their_containers_whole() {
        let body = "# Notes\n\n[^a]: First.\n\n> Quoted.\n>\n> [^b]: Quoted note,\n>     continued.\n\n\
                    - An item.\n- [^c]: Listed note,\n  continued.\n\nAfter.\n";
        let chapters = [("a.md", "x[^a] y[^b] z[^c]\n"), ("endnotes.md", body)];
        let mut diags = Diagnostics::new();
        let m = model(&chapters, &mut diags);
        let notes = Endnotes::collect(
            &m,
            Path::new("endnotes.md"),
            &EndnotesConfig::default(),
            &mut diags,
        );
        let mut outputs = m.outputs();
        notes.assemble(&m, &mut outputs, &mut diags);
        assert_eq!(diags.len(), 0, "{}", diags.render());
        let out = outputs
            .iter_mut()
            .nth(1)
            .unwrap()
            .replacement
            .clone()
            .unwrap();
        let back = m.chapters[0].title();
        let li = |label: &str, text: &str| {
            format!(
                "<li class=\"endnote\" id=\"note-{label}\"><span class=\"endnote-label\">{label}</span>\n\n{text}\n\n\
                 <p class=\"endnote-backlinks\">Cited in: <a href=\"a.html#note-ref-{label}\" role=\"doc-backlink\"><span aria-hidden=\"true\">↩ </span>{back}</a></p>\n</li>\n"
            )
        };
        let expected = format!(
            "# Notes\n\n<ol class=\"endnotes\">\n{}{}{}</ol>\n\n> Quoted.\n>\n> \n\n- An item.\n- \n\nAfter.\n",
            li("i", "First."),
            li("ii", "Quoted note,\ncontinued."),
            li("iii", "Listed note,\ncontinued."),
        );
        assert_eq!(out, expected);
    }

    /// The endnotes of a book of `chapters` (`endnotes.md` the endnotes chapter): the notes,
    /// every chapter's text with the feature's edits (or its replacement), the diagnostics.
    fn build(chapters: &[(&str, &str)]) -> (Vec<Note>, Vec<String>, String) {
        let mut diags = Diagnostics::new();
        let m = model(chapters, &mut diags);
        let path = Path::new("endnotes.md");
        let notes = Endnotes::collect(&m, path, &EndnotesConfig::default(), &mut diags);
        let mut outputs = m.outputs();
        notes.edit_references(&m, path, &mut outputs);
        notes.assemble(&m, &mut outputs, &mut diags);
        let texts = m
            .chapters
            .iter()
            .map(|ch| {
                let out = &outputs[ch.id];
                out.replacement
                    .clone()
                    .unwrap_or_else(|| out.edits.apply(ch.body()))
            })
            .collect();
        (notes.notes, texts, diags.render())
    }

    /// A note as the test states it: key, label, its citations' ids, preview.
    fn summary(note: &Note) -> (&str, &str, Vec<&str>, &str) {
        let ids = note.citations.iter().map(|c| c.id.as_str()).collect();
        (&note.key, &note.label, ids, &note.preview)
    }

    /// The list item the endnotes chapter gets for a note cited from `a.md` (`Chapter 1`).
    fn item(label: &str, text: &str, backlinks: &[(&str, &str)]) -> String {
        let links: Vec<String> = backlinks
            .iter()
            .map(|(id, text)| {
                format!(
                    "<a href=\"a.html#{id}\" role=\"doc-backlink\"><span aria-hidden=\"true\">↩ </span>{text}</a>"
                )
            })
            .collect();
        format!(
            "<li class=\"endnote\" id=\"note-{label}\"><span class=\"endnote-label\">{label}</span>\n\n{text}\n\n\
             <p class=\"endnote-backlinks\">Cited in: {}</p>\n</li>\n",
            links.join(" · ")
        )
    }

    #[test]
    fn notes_are_numbered_in_reading_order_and_cited_both_ways() {
        let (notes, texts, diags) = build(&[
            ("a.md", "One[^b], two[^a], three[^b].\n"),
            (
                "endnotes.md",
                "# Notes\n\n[^a]: First *defined*.\n\n[^b]: Second\n    line.\n# After\n",
            ),
        ]);
        assert_eq!(diags, "0 errors, 0 warnings");
        let notes: Vec<_> = notes.iter().map(summary).collect();
        assert_eq!(
            notes,
            [
                ("b", "i", vec!["note-ref-i", "note-ref-i-2"], "Second line."),
                ("a", "ii", vec!["note-ref-ii"], "First defined."),
            ]
        );
        let sup = |id: &str, label: &str, preview: &str| {
            format!(
                "<sup class=\"endnote-ref\" id=\"{id}\"><a href=\"endnotes.html#note-{label}\" \
                 role=\"doc-noteref\" title=\"Note {label}: {preview}\">{label}</a></sup>"
            )
        };
        assert_eq!(
            texts[0],
            format!(
                "One{}, two{}, three{}.\n",
                sup("note-ref-i", "i", "Second line."),
                sup("note-ref-ii", "ii", "First defined."),
                sup("note-ref-i-2", "i", "Second line."),
            )
        );
        // The list replaces the definitions; a heading right after them stays after it.
        assert_eq!(
            texts[1],
            format!(
                "# Notes\n\n<ol class=\"endnotes\">\n{}{}</ol>\n\n# After\n",
                item(
                    "i",
                    "Second\nline.",
                    &[
                        ("note-ref-i", "Chapter 1"),
                        ("note-ref-i-2", "Chapter 1 (2)")
                    ]
                ),
                item("ii", "First *defined*.", &[("note-ref-ii", "Chapter 1")]),
            )
        );
    }

    #[test]
    fn each_mistake_is_one_error_where_it_was_written() {
        let (notes, _, diags) = build(&[
            (
                "a.md",
                "---\nsame-source:\n  - [a, b]\n---\n# Title[^h]\n\n\
                 x[^b] y[^a] w[^zz] v[^nothing] u[^misplaced]\n\n[^misplaced]: Here.\n",
            ),
            (
                "endnotes.md",
                "[^a]: First.\n\n[^b]: Second.\n\n[^a]: Again.\n\n[^zz2]: Never cited.\n\n\
                 [^h]: Cited in a heading.\n",
            ),
        ]);
        assert_eq!(
            diags,
            "\
src/a.md:3:5: error: `same-source` belongs in the front matter of the endnotes chapter [endnote-same-source-elsewhere]
  = hint: move it to the front matter of `endnotes.md`, where the notes are defined
src/a.md:9:1: error: endnote `misplaced` is defined outside the endnotes chapter [endnote-definition-elsewhere]
  = hint: move the definition to `endnotes.md`, where every endnote of the book is defined
src/endnotes.md:5:1: error: endnote `a` is defined twice [endnote-duplicate-definition]
  = hint: the first definition is at line 1; remove one or give it another key
src/a.md:5:8: error: endnote `h` is cited in a heading, whose text is a link: the note's link would sit inside it [endnote-in-heading]
  = hint: cite the note in the text under the heading
src/a.md:7:14: error: endnote `zz` is cited but never defined [endnote-undefined]
  = hint: did you mean `[^zz2]`?
src/a.md:7:21: error: endnote `nothing` is cited but never defined [endnote-undefined]
  = hint: define it in `endnotes.md` as `[^nothing]: text of the note`
src/endnotes.md:7:1: error: endnote `zz2` is defined but never cited [endnote-unused]
  = hint: cite it with `[^zz2]` where it belongs, or delete the definition
7 errors, 0 warnings"
        );
        let notes: Vec<_> = notes.iter().map(summary).collect();
        assert_eq!(
            notes,
            [
                ("b", "i", vec!["note-ref-i"], "Second."),
                ("a", "ii", vec!["note-ref-ii"], "First."),
            ]
        );
    }

    #[test]
    fn notes_citing_the_same_document_are_a_warning_unless_acknowledged() {
        let defs = "[^a]: See https://un.org/x here.\n\n[^c]: Also https://un.org/x here.\n\n\
                    [^d]: Again https://un.org/x and https://un.org/x here.\n\n\
                    [^e]: The same   words.\n\n[^f]: The same\nwords.\n\n[^g]: Alone.\n";
        let chapters = |front: &str| {
            [
                ("a.md", "x[^a] y[^d] z[^c] v[^e] w[^f] u[^g]\n".to_owned()),
                ("endnotes.md", format!("{front}{defs}")),
            ]
        };
        let build_with = |front: &str| {
            let chapters = chapters(front);
            let chapters: Vec<(&str, &str)> =
                chapters.iter().map(|(p, t)| (*p, t.as_str())).collect();
            build(&chapters).2
        };
        let warning = |line: usize, first: (&str, &str), second: (&str, &str)| {
            format!(
                "src/endnotes.md:{line}:1: warning: endnotes {} (`{}`) and {} (`{}`) cite the same document [endnote-same-source]\n  \
                 = hint: if the original report does this, acknowledge it in the front matter of this chapter: `same-source: [[{}, {}]]`\n",
                first.0, first.1, second.0, second.1, first.1, second.1
            )
        };
        // A note citing a document twice is not two notes; words the same but for their
        // spacing are the same source.
        assert_eq!(
            build_with(""),
            format!(
                "{}{}{}0 errors, 3 warnings",
                warning(5, ("i", "a"), ("ii", "d")),
                warning(3, ("i", "a"), ("iii", "c")),
                warning(9, ("iv", "e"), ("v", "f")),
            )
        );
        // An acknowledged pair is a note; a pair it does not name is still a warning.
        assert_eq!(
            build_with("---\nsame-source:\n  - [a, c]\n---\n"),
            format!(
                "{}src/endnotes.md:7:1: note: endnotes i (`a`) and iii (`c`) cite the same document; \
                 acknowledged under `same-source` [endnote-same-source]\n{}0 errors, 2 warnings, 1 note",
                warning(9, ("i", "a"), ("ii", "d")),
                warning(13, ("iv", "e"), ("v", "f")),
            )
        );
        // A pair naming a key that is no note is the error: the notes it names get no warning.
        assert_eq!(
            build_with("---\nsame-source:\n  - [e, q]\n---\n"),
            format!(
                "src/endnotes.md:3:5: error: `same-source` names `q`, which is not a cited note [endnote-same-source-unknown]\n  \
                 = hint: did you mean `a`?\n{}{}1 error, 2 warnings",
                warning(9, ("i", "a"), ("ii", "d")),
                warning(7, ("i", "a"), ("iii", "c")),
            )
        );
    }

    #[test]
    fn without_its_chapter_one_error_counts_every_other_definition_and_citation() {
        let (notes, _, diags) = build(&[(
            "a.md",
            "x[^a] y[^b]\n\n[^a]: One.\n\n[^b]: Two.\n\n[^c]: Three.\n",
        )]);
        assert!(notes.is_empty());
        assert_eq!(
            diags,
            "src/a.md:3:1: error: the endnotes chapter `endnotes.md` is not in the book, so the notes \
             defined here have no place (and 2 other definitions, 2 citations) [endnote-chapter-missing]\n  \
             = hint: set `chapter = \"a.md\"` under `[preprocessor.report.endnotes]` in book.toml, \
             or add `endnotes.md` to SUMMARY.md\n1 error, 0 warnings"
        );
        // No definitions either: each citation is undefined.
        let (_, _, diags) = build(&[("a.md", "x[^a]\n")]);
        assert_eq!(
            diags,
            "src/a.md:1:2: error: endnote `a` is cited but never defined [endnote-undefined]\n  \
             = hint: define it in `endnotes.md` as `[^a]: text of the note`\n1 error, 0 warnings"
        );
    }

    #[test]
    fn dedent_removes_continuation_indentation_only() {
        assert_eq!(dedent("a\n    b\n      c\n\tz"), "a\nb\n  c\nz");
    }
}
