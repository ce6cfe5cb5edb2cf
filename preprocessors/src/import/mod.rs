//! `mdbook-report import FILE… [--book DIR]`: documents as the UN's PDFs give them, extracted to
//! text (a metadata block, the text with its page furniture, note definitions `[^n]:` at the
//! end), become chapters of a book, one chapter per document.
//!
//! - [`source`] splits a file into its metadata, text lines and notes;
//! - [`structure`] drops the letterhead (kept as data) and the page furniture, joins what page
//!   breaks cut, and reads the title, preamble, numbered paragraphs, sub-paragraphs and annexes,
//!   each with a stable anchor by number (`para-13`, `para-13-b`, `annex-para-13`,
//!   `preamble-2`);
//! - [`markers`] recovers the notes' markers in order (a marker it cannot place is a warning at
//!   its line, never a guess);
//! - [`markdown`] writes the chapter: front matter with a `document:` part, the text escaped so
//!   it renders as written, mdBook footnotes linked both ways;
//! - [`merge`] imports again without losing the editor's edits: the chapter is merged three
//!   ways with what the last import wrote (kept in `import-base/`) and the new import; a stretch
//!   both changed is a conflict, reported at its line, and nothing is written unless
//!   `--overwrite` says the import's text wins there.
//!
//! `SUMMARY.md` gets one entry for each chapter it does not list yet, after its last list; an
//! entry already there (anywhere, under any title) is the editor's and stays as it is.

mod markdown;
mod markers;
mod merge;
mod source;
mod structure;

pub use structure::Dropped;

use crate::base::diagnostics::{Diagnostics, LineIndex, Location, read_text};
use crate::base::text::{ordinal, plural};
use markers::{Candidate, Form, Outcome};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use structure::Kind;

/// Where the import keeps what it last wrote for each chapter, relative to the book.
pub(crate) const BASE_DIR: &str = "import-base";

/// What one import found, for its summary line and the figures.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Figures {
    /// Numbered, preambular and sub-paragraphs with an anchor.
    pub anchored: usize,
    /// Note definitions.
    pub notes: usize,
    /// Markers the extraction kept as `[^n]`.
    pub written: usize,
    /// Markers recovered from bare digits.
    pub recovered: usize,
    /// Markers not placed.
    pub unplaced: usize,
    /// Lines of page furniture dropped.
    pub furniture: usize,
    /// Sub-paragraph letters recovered.
    pub letters: usize,
}

/// One document converted.
#[derive(Debug, Clone)]
pub struct Imported {
    /// `A/RES/80/3`.
    pub symbol: String,
    /// The chapter's file name under `src/`: `a-res-80-3.md`.
    pub file: String,
    /// The chapter's entry in `SUMMARY.md`: `80/3. Awaza Political Declaration`.
    pub entry: String,
    /// The chapter.
    pub markdown: String,
    /// The furniture dropped: (line, text, why).
    pub dropped: Vec<Dropped>,
    /// What it found, counted.
    pub figures: Figures,
}

/// `A/RES/80/3` → `a-res-80-3`.
pub(crate) fn file_stem(symbol: &str) -> String {
    let mut out = String::new();
    for c in symbol.trim().chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// The catalogue's title without its trailing colons ("Awaza Political Declaration :").
fn catalogue_title(title: &str) -> String {
    title.trim().trim_end_matches([':', ' ']).to_string()
}

/// Converts the source `text` (shown as `shown` in messages). `None` when it has no symbol.
pub(crate) fn convert(text: &str, shown: &Path, diags: &mut Diagnostics) -> Option<Imported> {
    let index = LineIndex::new(shown, text);
    let src = source::read(text, &index, diags);
    let symbol = src.meta.symbol.clone().filter(|s| !s.trim().is_empty())?;
    let st = structure::read(&src.lines, &symbol, shown, diags);
    let catalogue = src.meta.title.as_deref().map(catalogue_title);
    let title = title(&st, catalogue.as_deref(), &symbol, shown, &src, diags);
    check_note_numbers(&src.notes, shown, diags);
    let mut figures = Figures {
        notes: src.notes.len(),
        furniture: st.dropped.len(),
        letters: st.letters_recovered,
        anchored: st.items.iter().filter(|i| i.anchor.is_some()).count(),
        ..Figures::default()
    };
    let markers = place_markers(&st, &src.notes, shown, &mut figures, diags);
    let markdown = chapter(&symbol, &title, &st, &src.notes, &markers);
    let entry = match &st.data.number {
        Some(n) => format!("{n}. {title}"),
        None => format!("{symbol}: {title}"),
    };
    Some(Imported {
        file: format!("{}.md", file_stem(&symbol)),
        symbol,
        entry,
        markdown,
        dropped: st.dropped,
        figures,
    })
}

/// Warns of a note numbered out of order: notes are numbered 1, 2, 3 … in the file's order.
fn check_note_numbers(notes: &[source::Note], shown: &Path, diags: &mut Diagnostics) {
    for (k, note) in notes.iter().enumerate() {
        let expected = u32::try_from(k + 1).unwrap_or(u32::MAX);
        if note.number != expected {
            diags
                .warning(
                    "import-note-number",
                    Location::at(shown, note.line, 1),
                    format!("note {} is the {} definition: notes are numbered 1, 2, 3 … in order, so note {expected} was expected", note.number, ordinal(k + 1)),
                )
                .hint("the notes are imported as the source numbers them; check the source's note definitions");
        }
    }
}

/// Where the notes' markers go.
struct Markers {
    /// Per item of the text: the ranges to replace, with their replacement, in order.
    per_item: Vec<Vec<(std::ops::Range<usize>, String)>>,
    /// The notes (by their index) whose marker is not placed.
    unplaced: Vec<usize>,
}

/// Places each note's marker in the text (counted in `figures`), warns of each not placed, and
/// keeps a written marker no note takes as its digits.
fn place_markers(
    st: &structure::Structure,
    notes: &[source::Note],
    shown: &Path,
    figures: &mut Figures,
    diags: &mut Diagnostics,
) -> Markers {
    let numbers: Vec<u32> = notes.iter().map(|n| n.number).collect();
    let max = numbers.iter().copied().max().unwrap_or(0);
    let cands: Vec<Candidate> = st
        .items
        .iter()
        .enumerate()
        .flat_map(|(i, item)| markers::candidates(i, &item.block.text, max))
        .collect();
    let outcomes = markers::place(&numbers, &cands);
    let mut out = Markers {
        per_item: vec![Vec::new(); st.items.len()],
        unplaced: Vec::new(),
    };
    let locate = |pos: markers::Pos| st.items[pos.item].block.locate(shown, pos.at);
    let place_name = |l: &Location| format!("{}:{}", l.line, l.col);
    for (k, outcome) in outcomes.iter().enumerate() {
        let note = numbers[k];
        match outcome {
            Outcome::Placed(c) => {
                if c.form == Form::Written {
                    figures.written += 1;
                } else {
                    figures.recovered += 1;
                }
                out.per_item[c.pos.item].push((c.range.clone(), format!("[^{note}]")));
            }
            Outcome::Missing { after, before } => {
                figures.unplaced += 1;
                out.unplaced.push(k);
                let from = after.map(locate);
                let to = before.map(locate);
                let at = from
                    .clone()
                    .unwrap_or_else(|| Location::at(shown, notes[k].line, 1));
                let between = match (&from, &to) {
                    (Some(a), Some(b)) => {
                        format!("between {} and {}", place_name(a), place_name(b))
                    }
                    (Some(a), None) => format!("after {}", place_name(a)),
                    (None, Some(b)) => format!("before {}", place_name(b)),
                    (None, None) => "anywhere in the text".into(),
                };
                diags
                    .warning(
                        "import-marker-unplaced",
                        at,
                        format!("note {note}'s marker is not in the text {between}: the note is kept as a paragraph at the end, without a link"),
                    )
                    .hint(format!("write `[^{note}]` where the marker belongs (in the source, or in the chapter: the edit survives a new import) and the note's paragraph as its definition `[^{note}]: …`"));
            }
            Outcome::Ambiguous(cands) => {
                figures.unplaced += 1;
                out.unplaced.push(k);
                let places: Vec<String> =
                    cands.iter().map(|c| place_name(&locate(c.pos))).collect();
                diags
                    .warning(
                        "import-marker-unplaced",
                        locate(cands[0].pos),
                        format!("note {note}'s marker could be any of {} places ({}): it is not placed, and the note is kept as a paragraph at the end, without a link", cands.len(), places.join(", ")),
                    )
                    .hint(format!("write `[^{note}]` at the right place (in the source, or in the chapter: the edit survives a new import)"));
            }
        }
    }
    // A written marker that no best reading takes (a note nobody defined, or out of the notes'
    // order: the extraction read "P5" as "P[^5]") stays the digits it was.
    let placed: Vec<markers::Pos> = outcomes
        .iter()
        .filter_map(|o| match o {
            Outcome::Placed(c) => Some(c.pos),
            _ => None,
        })
        .collect();
    for c in cands
        .iter()
        .filter(|c| c.form == Form::Written && !placed.contains(&c.pos))
    {
        let why = if numbers.contains(&c.note) {
            "out of the notes' order (the markers around it say note {n}'s is elsewhere)"
        } else {
            "but the source defines no note {n}"
        };
        diags
            .warning(
                "import-marker-stray",
                locate(c.pos),
                format!("the text writes `[^{n}]` here, {}: it is kept as the text `{n}`", why.replace("{n}", &c.note.to_string()), n = c.note),
            )
            .hint("if it is a note's marker, write it where the note belongs (in the source, or in the chapter: the edit survives a new import)");
        out.per_item[c.pos.item].push((c.range.clone(), c.note.to_string()));
    }
    for edits in &mut out.per_item {
        edits.sort_by_key(|(r, _)| r.start);
    }
    out
}

/// The chapter's Markdown: the front matter, the items with their markers, the notes not
/// placed as paragraphs, then the notes' definitions.
fn chapter(
    symbol: &str,
    title: &str,
    st: &structure::Structure,
    notes: &[source::Note],
    markers: &Markers,
) -> String {
    let mut md = String::new();
    md.push_str("---\n");
    md.push_str(&markdown::front_matter(symbol, title, &st.data));
    md.push_str("---\n");
    let mut previous: Option<&structure::Item> = None;
    for (i, item) in st.items.iter().enumerate() {
        if previous.is_none_or(|p| markdown::blank_between(p, item)) {
            md.push('\n');
        }
        md.push_str(&markdown::item(item, &markers.per_item[i]));
        md.push('\n');
        previous = Some(item);
    }
    for &k in &markers.unplaced {
        let note = &notes[k];
        let _ = write!(
            md,
            "\n{}\n",
            markdown::escape_line(&format!(
                "{}. {}",
                note.number,
                note.text.replace('\n', " ")
            ))
        );
    }
    for (k, note) in notes.iter().enumerate() {
        if markers.unplaced.contains(&k) {
            continue;
        }
        let text: Vec<String> = note.text.lines().map(markdown::escape_line).collect();
        let _ = write!(md, "\n[^{}]: {}\n", note.number, text.join("\n    "));
    }
    md
}

/// The document's title: the text's, or the catalogue's where the text's is cut short (a page's
/// width cut the line: the catalogue's title goes on from it) or missing.
fn title(
    st: &structure::Structure,
    catalogue: Option<&str>,
    symbol: &str,
    shown: &Path,
    src: &source::Source<'_>,
    diags: &mut Diagnostics,
) -> String {
    let first_line = src.lines.first().map_or(1, |l| l.number);
    match (&st.data.title, catalogue) {
        (Some(text), Some(cat)) => {
            let cut =
                cat.len() > text.len() && cat.to_lowercase().starts_with(&text.to_lowercase());
            if cut {
                let at = st
                    .items
                    .iter()
                    .find(|i| i.kind == Kind::Title)
                    .map_or(Location::at(shown, first_line, 1), |i| {
                        i.block.locate(shown, 0)
                    });
                diags
                    .note(
                        "import-title-cut",
                        at,
                        format!("the title line is cut short (\"{text}\"): the front matter's `title` is the metadata's, \"{cat}\""),
                    )
                    .hint("the heading keeps the text's words; correct the front matter's `title` in the chapter if the original differs (the edit survives a new import)");
                cat.to_string()
            } else {
                text.clone()
            }
        }
        (Some(text), None) => text.clone(),
        (None, cat) => {
            diags
                .warning(
                    "import-title-cut",
                    Location::at(shown, first_line, 1),
                    "the text has no title line (`80/3. Title`)",
                )
                .hint("the front matter's `title` is the metadata's (or the symbol); check the source");
            cat.map_or_else(|| symbol.to_string(), str::to_string)
        }
    }
}

/// How `import` runs.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The book's root (where `book.toml` is).
    pub book: PathBuf,
    /// Where the editor and the new import changed the same lines, the import's lines win
    /// (each such stretch is a warning).
    pub overwrite: bool,
}

/// What happened to one chapter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// The chapter is new.
    Created,
    /// The chapter was there and changed.
    Updated,
    /// The chapter was there and stays as it was.
    Unchanged,
    /// Not written: conflicts (reported).
    Kept,
}

/// One document's result.
#[derive(Debug, Clone)]
pub struct Report {
    /// The text file it was imported from.
    pub source: PathBuf,
    /// What was imported.
    pub imported: Imported,
    /// What happened to its chapter.
    pub action: Action,
}

impl Report {
    /// `src/a-res-80-3.md: A/RES/80/3 created (…)`.
    pub fn line(&self) -> String {
        let f = &self.imported.figures;
        let action = match self.action {
            Action::Created => "created",
            Action::Updated => "updated",
            Action::Unchanged => "unchanged",
            Action::Kept => "not written (conflicts)",
        };
        format!(
            "src/{}: {} {action}: {}, {} ({} as written, {} recovered, {} not placed), {} dropped, {} recovered",
            self.imported.file,
            self.imported.symbol,
            plural(f.anchored, "anchored paragraph"),
            plural(f.notes, "note"),
            plural(f.written, "marker"),
            f.recovered,
            f.unplaced,
            plural(f.furniture, "furniture line"),
            plural(f.letters, "sub-paragraph letter"),
        )
    }
}

/// Imports `files` into the book: writes each chapter (merged with the editor's edits), its
/// base, and the `SUMMARY.md` entries it lacks. Problems go to `diags`; a file that cannot be
/// read, or a chapter with conflicts, is left as it is.
pub fn run(
    files: &[PathBuf],
    options: &Options,
    diags: &mut Diagnostics,
) -> anyhow::Result<Vec<Report>> {
    let src_dir = options.book.join("src");
    let base_dir = options.book.join(BASE_DIR);
    let mut reports = Vec::new();
    for file in files {
        let text = match read_text(file, file) {
            Ok(text) => text,
            Err(e) => {
                diags
                    .error(
                        "import-unreadable",
                        e.location,
                        format!("the source cannot be imported: {}", e.problem),
                    )
                    .hint("name a UTF-8 text file: a document as the extraction wrote it");
                continue;
            }
        };
        let Some(imported) = convert(&text, file, diags) else {
            continue;
        };
        let chapter = src_dir.join(&imported.file);
        let base = base_dir.join(&imported.file);
        let action = write_chapter(
            &chapter,
            &base,
            &imported.markdown,
            options.overwrite,
            diags,
        )?;
        reports.push(Report {
            source: file.clone(),
            imported,
            action,
        });
    }
    let entries: Vec<(&str, &str)> = reports
        .iter()
        .filter(|r| r.action != Action::Kept)
        .map(|r| (r.imported.entry.as_str(), r.imported.file.as_str()))
        .collect();
    add_entries(&src_dir.join("SUMMARY.md"), &entries)?;
    Ok(reports)
}

fn write_file(path: &Path, text: &str) -> anyhow::Result<()> {
    use anyhow::Context;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
}

/// Writes the chapter: new, or merged with the editor's version against the last import's.
fn write_chapter(
    chapter: &Path,
    base: &Path,
    new: &str,
    overwrite: bool,
    diags: &mut Diagnostics,
) -> anyhow::Result<Action> {
    let ours = std::fs::read_to_string(chapter).ok();
    let old_base = std::fs::read_to_string(base).ok();
    let (text, action) = match (ours, old_base) {
        (None, _) => (new.to_string(), Action::Created),
        (Some(ours), None) => {
            if !overwrite {
                diags
                    .error(
                        "import-conflict",
                        Location::file(chapter),
                        format!("the chapter exists, but no import wrote it (there is no {}): it is left as it is", base.display()),
                    )
                    .hint("move the chapter away, or import with `--overwrite` to replace it with the import");
                return Ok(Action::Kept);
            }
            let action = if ours == new {
                Action::Unchanged
            } else {
                Action::Updated
            };
            (new.to_string(), action)
        }
        (Some(ours), Some(old_base)) => {
            let merged = merge::merge(&old_base, &ours, new);
            for c in &merged.conflicts {
                let lines = if c.ours.is_empty() {
                    format!("before line {}", c.ours.start + 1)
                } else if c.ours.len() == 1 {
                    format!("line {}", c.ours.start + 1)
                } else {
                    format!("lines {}–{}", c.ours.start + 1, c.ours.end)
                };
                let at = Location::at(chapter, c.ours.start + 1, 1);
                if overwrite {
                    diags
                        .warning("import-overwritten", at, format!("the editor's {lines} replaced by the import's: the source changed there too"))
                        .hint("compare with the version control's copy and redo the edit if it still applies");
                } else {
                    diags
                        .error("import-conflict", at, format!("the editor changed {lines}, and the source changed them too: the chapter is left as it is"))
                        .hint("edit the source to agree with the chapter, or import with `--overwrite` to take the import's text there (each such place is then a warning)");
                }
            }
            if !merged.conflicts.is_empty() && !overwrite {
                return Ok(Action::Kept);
            }
            let action = if merged.text == ours {
                Action::Unchanged
            } else {
                Action::Updated
            };
            (merged.text, action)
        }
    };
    if action != Action::Unchanged {
        write_file(chapter, &text)?;
    }
    write_file(base, new)?;
    Ok(action)
}

/// The chapters `SUMMARY.md` links to, and where its last top-level list ends.
fn summary_links(summary: &str) -> (Vec<String>, Option<usize>) {
    use mdbook_markdown::pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut links = Vec::new();
    let mut depth = 0usize;
    let mut last_list_end = None;
    for (event, range) in Parser::new(summary).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                links.push(dest_url.trim_start_matches("./").to_string());
            }
            Event::Start(Tag::List(_)) => depth += 1,
            Event::End(TagEnd::List(_)) => {
                depth -= 1;
                if depth == 0 {
                    last_list_end = Some(range.end);
                }
            }
            _ => {}
        }
    }
    (links, last_list_end)
}

/// Adds an entry for each chapter `SUMMARY.md` does not link to yet, after its last list (a new
/// `SUMMARY.md` when there is none).
pub(crate) fn add_entries(path: &Path, entries: &[(&str, &str)]) -> anyhow::Result<()> {
    let old = std::fs::read_to_string(path).ok();
    let summary = old.clone().unwrap_or_else(|| "# Summary\n\n".to_string());
    let (links, end) = summary_links(&summary);
    let mut lines = String::new();
    for (title, file) in entries {
        if links.iter().any(|l| l == file) || lines.contains(&format!("]({file})")) {
            continue;
        }
        let _ = writeln!(lines, "- [{}]({file})", markdown::escape(title));
    }
    if lines.is_empty() {
        return Ok(());
    }
    let mut out = summary.clone();
    // After the list's last line (the list's range takes the blank lines after it too).
    let at = end.map_or(out.len(), |end| {
        let last = out[..end].trim_end().len();
        out[last..].find('\n').map_or(out.len(), |n| last + n + 1)
    });
    let mut insert = String::new();
    if !out[..at].ends_with('\n') && at > 0 {
        insert.push('\n');
    }
    if end.is_none() && !out[..at].ends_with("\n\n") && at > 0 {
        insert.push('\n');
    }
    insert.push_str(&lines);
    out.insert_str(at, &insert);
    write_file(path, &out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_name_files() {
        assert_eq!(file_stem("A/RES/80/3"), "a-res-80-3");
        assert_eq!(file_stem("A/80/L.4/Rev.1"), "a-80-l-4-rev-1");
    }

    #[test]
    fn summary_entries_go_after_the_last_list_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("SUMMARY.md");
        std::fs::write(
            &path,
            "# Summary\n\n[Intro](intro.md)\n\n- [A](a.md)\n- [B](b-res.md)\n\n[Notes](notes.md)\n",
        )
        .unwrap();
        add_entries(&path, &[("B again", "b-res.md"), ("80/3. T [x]", "c.md")]).unwrap();
        add_entries(&path, &[("80/3. T [x]", "c.md")]).unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "# Summary\n\n[Intro](intro.md)\n\n- [A](a.md)\n- [B](b-res.md)\n- [80/3. T \\[x\\]](c.md)\n\n[Notes](notes.md)\n"
        );
        let fresh = dir.path().join("new/SUMMARY.md");
        add_entries(&fresh, &[("X", "x.md")]).unwrap();
        assert_eq!(
            std::fs::read_to_string(&fresh).unwrap(),
            "# Summary\n\n- [X](x.md)\n"
        );
    }

    fn converted(text: &str) -> (Imported, String) {
        let mut diags = Diagnostics::new();
        let imported = convert(text, Path::new("s.txt"), &mut diags).expect("a symbol");
        (imported, diags.render())
    }

    #[test]
    fn a_source_becomes_a_chapter_with_front_matter_anchors_and_notes() {
        let (i, d) = converted(
            "---\nsymbol: A/RES/80/9\ntitle: \"Water for all people :\"\n---\n\n\
             80/9. Water for all\n\nThe General Assembly,\n\nRecalling its work,1\n\n\
             1. Decides to act.[^2]\n\n---\n\n[^1]: Resolution 79/1.\n\n[^2]: See the plan.\n",
        );
        assert_eq!(i.symbol, "A/RES/80/9");
        assert_eq!(i.file, "a-res-80-9.md");
        // The text's title line is cut short: the catalogue's title, without its colon.
        assert_eq!(i.entry, "80/9. Water for all people");
        assert_eq!(
            i.markdown,
            "---\ndocument:\n  symbol: \"A/RES/80/9\"\n  title: \"Water for all people\"\n---\n\n\
             # 80/9. Water for all\n\n\
             The General Assembly,\n\n\
             <span id=\"preamble-1\"></span>Recalling its work,[^1]\n\n\
             <span id=\"para-1\"></span>1\\. Decides to act.[^2]\n\n\
             [^1]: Resolution 79/1.\n\n\
             [^2]: See the plan.\n"
        );
        assert_eq!(
            i.figures,
            Figures {
                anchored: 2,
                notes: 2,
                written: 1,
                recovered: 1,
                unplaced: 0,
                furniture: 0,
                letters: 0,
            }
        );
        assert_eq!(
            d,
            "s.txt:6:1: note: the title line is cut short (\"Water for all\"): the front \
             matter's `title` is the metadata's, \"Water for all people\" [import-title-cut]\n  \
             = hint: the heading keeps the text's words; correct the front matter's `title` in \
             the chapter if the original differs (the edit survives a new import)\n\
             0 errors, 0 warnings, 1 note"
        );
    }

    #[test]
    fn a_source_without_a_title_line_takes_the_catalogues_or_the_symbol() {
        let (i, d) = converted("---\nsymbol: A/80/L.4\ntitle: \"Land :\"\n---\nSome text.\n");
        assert_eq!(i.entry, "A/80/L.4: Land");
        assert!(
            d.starts_with(
                "s.txt:5:1: warning: the text has no title line (`80/3. Title`) [import-title-cut]"
            ),
            "{d}"
        );
        let (i, _) = converted("---\nsymbol: A/80/L.4\n---\nSome text.\n");
        assert_eq!(i.entry, "A/80/L.4: A/80/L.4");
        // A catalogue's title that does not go on from the text's leaves the text's.
        let (i, d) = converted(
            "---\nsymbol: A/RES/80/9\ntitle: \"Other words\"\n---\n80/9. Water for all\n",
        );
        assert_eq!(i.entry, "80/9. Water for all");
        assert_eq!(d, "0 errors, 0 warnings");
        // Nor does one that only writes it in other capitals.
        let (i, d) = converted(
            "---\nsymbol: A/RES/80/9\ntitle: \"WATER FOR ALL\"\n---\n80/9. Water for all\n",
        );
        assert_eq!(i.entry, "80/9. Water for all");
        assert_eq!(d, "0 errors, 0 warnings");
        let mut diags = Diagnostics::new();
        assert!(convert("---\ntitle: T\n---\nText\n", Path::new("s.txt"), &mut diags).is_none());
        assert!(
            convert(
                "---\nsymbol: \" \"\n---\nText\n",
                Path::new("s.txt"),
                &mut diags
            )
            .is_none()
        );
    }

    #[test]
    fn a_note_out_of_order_or_without_a_marker_is_a_warning_and_a_paragraph() {
        let (i, d) = converted(
            "---\nsymbol: A/RES/80/10\n---\n80/10. Land\n\nThe General Assembly,\n\n\
             Noting the work,1\n\n1. Decides to act.\n\n---\n\n[^1]: One.\n\n[^3]: Three\n    goes on.\n",
        );
        assert!(
            i.markdown.ends_with(
                "<span id=\"para-1\"></span>1\\. Decides to act.\n\n3\\. Three goes on.\n\n[^1]: One.\n"
            ),
            "{}",
            i.markdown
        );
        assert_eq!(i.figures.unplaced, 1);
        assert_eq!(i.figures.recovered, 1);
        assert_eq!(
            d,
            "s.txt:16:1: warning: note 3 is the 2nd definition: notes are numbered 1, 2, 3 … in \
             order, so note 2 was expected [import-note-number]\n  \
             = hint: the notes are imported as the source numbers them; check the source's \
             note definitions\n\
             s.txt:8:17: warning: note 3's marker is not in the text after 8:17: the note is \
             kept as a paragraph at the end, without a link [import-marker-unplaced]\n  \
             = hint: write `[^3]` where the marker belongs (in the source, or in the chapter: \
             the edit survives a new import) and the note's paragraph as its definition \
             `[^3]: …`\n\
             0 errors, 2 warnings"
        );
    }

    #[test]
    fn dropped_furniture_and_recovered_letters_are_counted() {
        let (i, d) = converted(
            "---\nsymbol: A/RES/80/11\n---\n80/11. Rivers\n\nThe General Assembly,\n\n\
             1. Decides:\n(a) To plan;\nTo act;\n(c) To report.\n\n2/3\n\n2. Requests more.\n",
        );
        assert_eq!(
            i.figures,
            Figures {
                anchored: 5,
                notes: 0,
                written: 0,
                recovered: 0,
                unplaced: 0,
                furniture: 1,
                letters: 1,
            }
        );
        assert!(!i.markdown.contains("2/3"), "{}", i.markdown);
        assert!(
            d.starts_with("s.txt:10:1: note: sub-paragraph letters (b) of `para-1` recovered"),
            "{d}"
        );
    }

    #[test]
    fn a_marker_with_two_places_or_none_defined_is_a_warning_and_stays_text() {
        let (i, d) = converted(
            "---\nsymbol: A/RES/80/12\n---\n80/12. Rivers\n\nThe General Assembly,\n\n\
             Noting the Convention 1 and the Charter 1 alike,\n\n1. Decides to act.[^7]\n\n\
             ---\n\n[^1]: The note.\n",
        );
        assert!(
            i.markdown.ends_with(
                "<span id=\"preamble-1\"></span>Noting the Convention 1 and the Charter 1 alike,\n\n\
                 <span id=\"para-1\"></span>1\\. Decides to act.7\n\n\
                 1\\. The note.\n"
            ),
            "{}",
            i.markdown
        );
        assert_eq!(
            (i.figures.written, i.figures.recovered, i.figures.unplaced),
            (0, 0, 1)
        );
        assert_eq!(
            d,
            "s.txt:8:22: warning: note 1's marker could be any of 2 places (8:22, 8:40): it is \
             not placed, and the note is kept as a paragraph at the end, without a link \
             [import-marker-unplaced]\n  \
             = hint: write `[^1]` at the right place (in the source, or in the chapter: the edit \
             survives a new import)\n\
             s.txt:10:19: warning: the text writes `[^7]` here, but the source defines no note 7: \
             it is kept as the text `7` [import-marker-stray]\n  \
             = hint: if it is a note's marker, write it where the note belongs (in the source, or \
             in the chapter: the edit survives a new import)\n\
             0 errors, 2 warnings"
        );
    }

    #[test]
    fn a_run_writes_each_chapter_and_lists_all_but_those_left_as_they_were() {
        let dir = tempfile::tempdir().unwrap();
        let book = dir.path();
        std::fs::create_dir_all(book.join("src")).unwrap();
        std::fs::write(
            book.join("src/SUMMARY.md"),
            "# Summary\n\n- [Intro](intro.md)\n",
        )
        .unwrap();
        // A chapter no import wrote is left as it is, and gets no entry.
        std::fs::write(book.join("src/a-res-80-22.md"), "mine\n").unwrap();
        let source = |name: &str, symbol: &str, title: &str| {
            let path = book.join(name);
            std::fs::write(
                &path,
                format!(
                    "---\nsymbol: {symbol}\n---\n{title}\n\nThe General Assembly,\n\n1. Acts.\n"
                ),
            )
            .unwrap();
            path
        };
        let files = [
            source("a.txt", "A/RES/80/21", "80/21. Rivers"),
            book.join("missing.txt"),
            source("b.txt", "A/RES/80/22", "80/22. Lakes"),
        ];
        let mut diags = Diagnostics::new();
        let options = Options {
            book: book.to_path_buf(),
            overwrite: false,
        };
        let reports = run(&files, &options, &mut diags).unwrap();
        let lines: Vec<String> = reports.iter().map(Report::line).collect();
        let figures = "1 anchored paragraph, 0 notes (0 markers as written, 0 recovered, 0 not \
                       placed), 0 furniture lines dropped, 0 sub-paragraph letters recovered";
        assert_eq!(
            lines,
            [
                format!("src/a-res-80-21.md: A/RES/80/21 created: {figures}"),
                format!("src/a-res-80-22.md: A/RES/80/22 not written (conflicts): {figures}"),
            ]
        );
        assert_eq!(reports[0].source, files[0]);
        assert_eq!(
            (&reports[0].action, &reports[1].action),
            (&Action::Created, &Action::Kept)
        );
        let read = |p: &str| std::fs::read_to_string(book.join(p)).unwrap();
        assert_eq!(
            read("src/SUMMARY.md"),
            "# Summary\n\n- [Intro](intro.md)\n- [80/21. Rivers](a-res-80-21.md)\n"
        );
        assert!(read("src/a-res-80-21.md").contains("# 80/21. Rivers"));
        assert_eq!(
            read("import-base/a-res-80-21.md"),
            read("src/a-res-80-21.md")
        );
        assert_eq!(read("src/a-res-80-22.md"), "mine\n");
        let d = diags.render();
        assert!(
            d.starts_with(&format!(
                "{}: error: the source cannot be imported: the file does not exist \
                 [import-unreadable]\n",
                files[1].display()
            )),
            "{d}"
        );
        assert!(d.ends_with("2 errors, 0 warnings"), "{d}");
    }

    #[test]
    fn entries_go_on_a_line_of_their_own_after_a_blank_line_unless_a_list_ends_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("SUMMARY.md");
        for (old, new) in [
            ("", "- [X](x.md)\n"),
            ("# Summary", "# Summary\n\n- [X](x.md)\n"),
            ("# Summary\n", "# Summary\n\n- [X](x.md)\n"),
            (
                "# Summary\n\n- [A](a.md)",
                "# Summary\n\n- [A](a.md)\n- [X](x.md)\n",
            ),
            (
                "# Summary\n\n- [A](a.md)  \n\n[B](b.md)\n",
                "# Summary\n\n- [A](a.md)  \n- [X](x.md)\n\n[B](b.md)\n",
            ),
        ] {
            std::fs::write(&path, old).unwrap();
            add_entries(&path, &[("X", "x.md")]).unwrap();
            assert_eq!(std::fs::read_to_string(&path).unwrap(), new, "{old:?}");
        }
    }

    #[test]
    fn titles_lose_the_catalogues_trailing_colons_and_symbols_their_punctuation_runs() {
        assert_eq!(
            catalogue_title(" Awaza Political Declaration : "),
            "Awaza Political Declaration"
        );
        assert_eq!(catalogue_title("Land::"), "Land");
        assert_eq!(catalogue_title("Land: water"), "Land: water");
        assert_eq!(file_stem("  /A//RES 80/"), "a-res-80");
        assert_eq!(file_stem("É/1"), "é-1");
        assert_eq!(file_stem("--"), "");
    }

    #[test]
    fn a_chapter_is_created_kept_updated_or_merged_and_its_base_written_unless_kept() {
        let dir = tempfile::tempdir().unwrap();
        let chapter = dir.path().join("src/c.md");
        let base = dir.path().join("import-base/c.md");
        let mut diags = Diagnostics::new();
        let read = |p: &Path| std::fs::read_to_string(p).unwrap();
        // New.
        let a = write_chapter(&chapter, &base, "a\nb\nc\n", false, &mut diags).unwrap();
        assert_eq!(a, Action::Created);
        assert_eq!(
            (read(&chapter), read(&base)),
            ("a\nb\nc\n".into(), "a\nb\nc\n".into())
        );
        // The same import again.
        let a = write_chapter(&chapter, &base, "a\nb\nc\n", false, &mut diags).unwrap();
        assert_eq!(a, Action::Unchanged);
        // The editor's change and the source's, apart: both kept.
        std::fs::write(&chapter, "A\nb\nc\n").unwrap();
        let a = write_chapter(&chapter, &base, "a\nb\nC\n", false, &mut diags).unwrap();
        assert_eq!(a, Action::Updated);
        assert_eq!(
            (read(&chapter), read(&base)),
            ("A\nb\nC\n".into(), "a\nb\nC\n".into())
        );
        assert_eq!(diags.render(), "0 errors, 0 warnings");
        // Both changed next to each other (the editor lines 1 and 2, the source line 2): a
        // conflict, as in git, leaves the chapter, and the base, so that the next import finds
        // the conflict again.
        std::fs::write(&chapter, "A\nB\nC\n").unwrap();
        let a = write_chapter(&chapter, &base, "a\nx\nC\n", false, &mut diags).unwrap();
        assert_eq!(a, Action::Kept);
        assert_eq!(
            (read(&chapter), read(&base)),
            ("A\nB\nC\n".into(), "a\nb\nC\n".into())
        );
        let conflict = |lines: &str, at: usize| {
            format!(
                "{}:{at}:1: error: the editor changed {lines}, and the source changed them too: \
                 the chapter is left as it is [import-conflict]\n  = hint: edit the source to \
                 agree with the chapter, or import with `--overwrite` to take the import's text \
                 there (each such place is then a warning)\n1 error, 0 warnings",
                chapter.display()
            )
        };
        assert_eq!(diags.render(), conflict("lines 1–2", 1));
        // One line each, or a line the editor deleted.
        for (ours, lines) in [("a\nB\nc\n", "line 2"), ("a\nc\n", "before line 2")] {
            let mut diags = Diagnostics::new();
            std::fs::write(&base, "a\nb\nc\n").unwrap();
            std::fs::write(&chapter, ours).unwrap();
            let a = write_chapter(&chapter, &base, "a\nx\nc\n", false, &mut diags).unwrap();
            assert_eq!(a, Action::Kept);
            assert_eq!(diags.render(), conflict(lines, 2));
        }
        // With `--overwrite`: the import's text there, and a warning.
        let mut diags = Diagnostics::new();
        std::fs::write(&base, "a\nb\nc\nd\n").unwrap();
        std::fs::write(&chapter, "a\nB\nc\nD\n").unwrap();
        let a = write_chapter(&chapter, &base, "a\nx\nc\nd\n", true, &mut diags).unwrap();
        assert_eq!(a, Action::Updated);
        assert_eq!(read(&chapter), "a\nx\nc\nD\n");
        assert_eq!(
            diags.render(),
            format!(
                "{}:2:1: warning: the editor's line 2 replaced by the import's: the source \
                 changed there too [import-overwritten]\n  = hint: compare with the version \
                 control's copy and redo the edit if it still applies\n0 errors, 1 warning",
                chapter.display()
            )
        );
        // A chapter no import wrote: kept, unless overwritten.
        let other = dir.path().join("src/d.md");
        let other_base = dir.path().join("import-base/d.md");
        std::fs::write(&other, "mine\n").unwrap();
        let mut diags = Diagnostics::new();
        let a = write_chapter(&other, &other_base, "new\n", false, &mut diags).unwrap();
        assert_eq!(a, Action::Kept);
        assert!(!other_base.exists());
        assert_eq!(diags.errors(), 1);
        let a = write_chapter(&other, &other_base, "new\n", true, &mut diags).unwrap();
        assert_eq!(a, Action::Updated);
        assert_eq!(
            (read(&other), read(&other_base)),
            ("new\n".into(), "new\n".into())
        );
        let a = write_chapter(&other, &other_base, "new\n", true, &mut diags).unwrap();
        assert_eq!(a, Action::Unchanged);
    }
}
