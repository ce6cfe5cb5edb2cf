//! YAML front matter at the top of a chapter.
//!
//! Syntax: a chapter may begin (after an optional byte-order mark) with a line `---`, YAML lines,
//! and a closing line `---` (or `...`). The block is parsed with serde-saphyr into the typed
//! [`FrontMatter`] (unknown keys are errors), removed from the chapter so it never renders, and
//! every problem is reported at its line and column *in the chapter file*, not inside the block.
//!
//! ```markdown
//! ---
//! agenda-item: 3
//! meetings:
//!   - id: transit-forum
//!     ...
//! ---
//! # Transit and transport
//! ```
//!
//! The schema is the model's, one part per feature: features read their part and validate it.

use crate::base::diagnostics::{Cause, Diagnostics, LineIndex, Location};
use serde::Deserialize;
use serde_saphyr::Spanned;

/// Everything a chapter can declare about itself. Grows with the features.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub(crate) struct FrontMatter {
    /// The agenda item this chapter reports on, by its bare label (`3`, `c`).
    pub agenda_item: Option<Spanned<String>>,
    /// A one-sentence summary of the page for search engines and link previews.
    pub description: Option<Spanned<String>>,
    /// The meetings the chapter's text describes, for the timeline.
    pub meetings: Vec<MeetingSpec>,
    /// A document imported by `mdbook-report import`: its symbol, title and the data its
    /// letterhead and text give.
    pub document: Option<DocumentSpec>,
    /// Endnotes chapter only: pairs of endnote keys known to cite the same document, as the
    /// original report does. Their duplicate-source finding is reported as a note.
    pub same_source: Vec<Spanned<Vec<String>>>,
}

/// The `document:` part: what `mdbook-report import` read about a document from its text.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(crate) struct DocumentSpec {
    /// The document's symbol (`A/RES/80/3`).
    pub symbol: Spanned<String>,
    /// Its title.
    pub title: Spanned<String>,
    /// The body that adopted it (`General Assembly`).
    #[serde(default)]
    #[expect(
        dead_code,
        reason = "the import's record of the letterhead: accepted, not shown"
    )]
    pub body: Option<Spanned<String>>,
    /// The session (`Eightieth session`).
    #[serde(default)]
    #[expect(
        dead_code,
        reason = "the import's record of the letterhead: accepted, not shown"
    )]
    pub session: Option<Spanned<String>>,
    /// The agenda item it was adopted under (`13`, `25 (b)`).
    #[serde(default)]
    #[expect(
        dead_code,
        reason = "the import's record of the letterhead: accepted, not shown"
    )]
    pub agenda_item: Option<Spanned<String>>,
    /// That item's title, as the letterhead gives it.
    #[serde(default)]
    #[expect(
        dead_code,
        reason = "the import's record of the letterhead: accepted, not shown"
    )]
    pub agenda_title: Option<Spanned<String>>,
    /// The day of adoption, `YYYY-MM-DD`.
    #[serde(default)]
    pub adopted: Option<Spanned<String>>,
    /// The meeting that adopted it (`18th plenary meeting`).
    #[serde(default)]
    #[expect(
        dead_code,
        reason = "the import's record of the letterhead: accepted, not shown"
    )]
    pub meeting: Option<Spanned<String>>,
    /// The day of distribution, `YYYY-MM-DD`.
    #[serde(default)]
    pub distributed: Option<Spanned<String>>,
}

/// One meeting as an editor writes it in a chapter's front matter (see the timeline feature,
/// [`crate::features::timeline`], and `docs/src/timeline.md`).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(crate) struct MeetingSpec {
    /// Unique id across the book (`transit-forum`).
    pub id: Spanned<String>,
    /// The meeting's name, as the text gives it.
    pub title: Spanned<String>,
    /// Start date, as precise as the text.
    pub date: Spanned<String>,
    /// Optional last day (inclusive), as precise as the text.
    #[serde(default)]
    pub end: Option<Spanned<String>>,
    /// Where it takes place.
    #[serde(default)]
    pub place: Option<Spanned<String>>,
    /// Registry ids of the organisers.
    #[serde(default)]
    pub organisers: Vec<Spanned<String>>,
    /// The id of the meeting this one is part of.
    #[serde(default)]
    pub parent: Option<Spanned<String>>,
    /// The text calls the date tentative.
    #[serde(default)]
    pub tentative: bool,
    /// A phrase copied verbatim from the chapter text where the meeting is mentioned.
    pub mention: Spanned<String>,
}

/// Where the front matter sits in a chapter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Split {
    /// Byte range of the YAML text (between the fences) in the chapter, if there is a block.
    pub yaml: Option<(usize, usize)>,
    /// Byte offset where the Markdown body starts (0 when there is no front matter).
    pub body_start: usize,
    /// The offset of the opening fence when blank lines come before it (an error, but the block
    /// is still read so that its declarations are not lost as well).
    pub late: Option<usize>,
}

const BOM: &str = "\u{feff}";

/// Finds the front matter block. An opening fence without a closing one is an error located at
/// the opening fence: everything after it would otherwise silently vanish or render as YAML.
pub(crate) fn split(content: &str) -> Result<Split, String> {
    let start = if content.starts_with(BOM) {
        BOM.len()
    } else {
        0
    };
    let rest = &content[start..];
    let (rest, late) = match strip_fence_line(rest, "---") {
        Some(_) => (rest, None),
        None => match late_fence(rest) {
            Some(at) => (&rest[at..], Some(start + at)),
            None => {
                return Ok(Split {
                    yaml: None,
                    body_start: 0,
                    late: None,
                });
            }
        },
    };
    let after_open = strip_fence_line(rest, "---").expect("a fence line");
    let yaml_start = content.len() - after_open.len();
    let mut pos = yaml_start;
    for line in content[yaml_start..].split_inclusive('\n') {
        let bare = line
            .trim_end_matches(['\n', '\r'])
            .trim_end_matches([' ', '\t']);
        if bare == "---" || bare == "..." {
            return Ok(Split {
                yaml: Some((yaml_start, pos)),
                body_start: pos + line.len(),
                late,
            });
        }
        pos += line.len();
    }
    if late.is_some() {
        // Blank lines, then a thematic break: Markdown, not front matter.
        return Ok(Split {
            yaml: None,
            body_start: 0,
            late: None,
        });
    }
    Err("front matter is not closed: the opening `---` has no closing `---` line".into())
}

/// Where a front matter block starts after blank lines (the editor's slip: mdBook would show it
/// as text and its declarations would be lost): blank lines, a `---` line, then a `key:` line.
fn late_fence(text: &str) -> Option<usize> {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if !line.trim().is_empty() {
            break;
        }
        at += line.len();
    }
    let after = strip_fence_line(&text[at..], "---").filter(|_| at > 0)?;
    let first = after.lines().next()?;
    let key = first.split_once(':')?.0;
    let is_key = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    is_key.then_some(at)
}

/// If `text` starts with the line `fence` (trailing spaces allowed), returns what follows it.
fn strip_fence_line<'a>(text: &'a str, fence: &str) -> Option<&'a str> {
    let rest = text.strip_prefix(fence)?;
    let rest = rest.trim_start_matches([' ', '\t']);
    rest.strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'))
        .or_else(|| rest.is_empty().then_some(rest))
}

/// A chapter's front matter, parsed, with what is needed to locate its values in the file.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    /// The typed values (defaults when the chapter has no front matter or it is invalid).
    pub front: FrontMatter,
    /// Byte offset where the Markdown body starts in the chapter.
    pub body_start: usize,
    /// 1-based line of the first YAML line in the chapter file.
    first_yaml_line: usize,
    /// The error when the block could not be read: what the chapter declares is unknown, so
    /// checks across chapters (every agenda item has its chapter, a meeting's parent exists)
    /// cannot be made.
    pub failed: Option<Cause>,
}

impl Parsed {
    /// The location in the chapter file of a value read from the YAML block.
    pub(crate) fn locate<T>(&self, index: &LineIndex, value: &Spanned<T>) -> Location {
        self.locate_yaml(
            index,
            value.referenced.line() as usize,
            value.referenced.column() as usize,
        )
    }

    fn locate_yaml(&self, index: &LineIndex, line: usize, col: usize) -> Location {
        if line == 0 {
            return Location::at(
                index.path(),
                self.first_yaml_line.saturating_sub(1).max(1),
                1,
            );
        }
        Location::at(index.path(), self.first_yaml_line + line - 1, col.max(1))
    }
}

/// Parses the front matter of `content` (a chapter whose lines `index` maps). Problems go to
/// `diags`; on error the chapter still gets a body (everything after the block) so the rest of
/// the build can report its own problems too.
pub(crate) fn parse(content: &str, index: &LineIndex, diags: &mut Diagnostics) -> Parsed {
    let split = match split(content) {
        Ok(split) => split,
        Err(message) => {
            diags
                .error("frontmatter-unclosed", index.location(content, 0), message)
                .hint = Some("add a line `---` after the last YAML line".into());
            // Keep the whole chapter as body: nothing is lost and the fence shows the problem.
            return Parsed {
                failed: diags.last_cause(),
                ..Parsed::default()
            };
        }
    };
    let Some((yaml_start, yaml_end)) = split.yaml else {
        return Parsed::default();
    };
    if let Some(fence) = split.late {
        let at = index.location(content, fence);
        diags
            .error(
                "frontmatter-position",
                at.clone(),
                format!(
                    "the front matter starts on line {}: it must start on the first line of the chapter",
                    at.line
                ),
            )
            .hint("move the front matter to the first line (delete the blank lines before `---`)");
    }
    let first_yaml_line = index.location(content, yaml_start).line;
    let mut parsed = Parsed {
        front: FrontMatter::default(),
        body_start: split.body_start,
        first_yaml_line,
        failed: None,
    };
    let yaml = &content[yaml_start..yaml_end];
    if yaml.trim().is_empty() {
        return parsed;
    }
    if let Some(message) =
        crate::base::yaml::too_large(yaml.len(), crate::base::yaml::MAX_FRONT_MATTER)
    {
        diags
            .error(
                "frontmatter-yaml",
                index.location(content, yaml_start),
                message,
            )
            .hint =
            Some("front matter holds a few declarations; move long text into the chapter".into());
        parsed.failed = diags.last_cause();
        return parsed;
    }
    match serde_saphyr::from_str_with_options::<FrontMatter>(yaml, crate::base::yaml::options()) {
        Ok(mut front) => {
            if let Some(d) = front.description.take_if(|d| d.value.trim().is_empty()) {
                diags
                    .error(
                        "frontmatter-empty",
                        parsed.locate(index, &d),
                        "`description` is empty",
                    )
                    .hint("write one sentence that describes the page, or remove the key (the page is then described by its opening words)");
            }
            check_document(&mut front, &parsed, index, diags);
            parsed.front = front;
        }
        Err(err) => {
            let location = match crate::base::yaml::offset(&err, yaml) {
                Some(at) => index.location(content, yaml_start + at),
                None => parsed.locate_yaml(index, 0, 0),
            };
            let d = diags.error(
                "frontmatter-yaml",
                location,
                crate::base::yaml::message(&err),
            );
            d.hint = Some(crate::base::yaml::hint(
                &err,
                FRONT_MATTER_KEYS,
                "see \"Front matter\" in README.md for the accepted syntax",
            ));
            parsed.failed = diags.last_cause();
        }
    }
    parsed
}

/// The keys a chapter's front matter accepts, for hints.
pub(crate) const FRONT_MATTER_KEYS: &[&str] = &[
    "agenda-item",
    "description",
    "document",
    "meetings",
    "same-source",
];

/// The `document:` part's values: a symbol and a title that say something, days that exist.
/// A mistaken value is an error at it and left out (an empty symbol or title: the part).
fn check_document(
    front: &mut FrontMatter,
    parsed: &Parsed,
    index: &LineIndex,
    diags: &mut Diagnostics,
) {
    let Some(doc) = &mut front.document else {
        return;
    };
    let mut empty = None;
    for (key, value) in [("symbol", &doc.symbol), ("title", &doc.title)] {
        if value.value.trim().is_empty() {
            diags
                .error(
                    "frontmatter-empty",
                    parsed.locate(index, value),
                    format!("`document: {key}` is empty"),
                )
                .hint(format!(
                    "write the document's {key} (`mdbook-report import` writes it from the source)"
                ));
            empty = Some(());
        }
    }
    for (key, value) in [
        ("adopted", &mut doc.adopted),
        ("distributed", &mut doc.distributed),
    ] {
        let bad = value.as_ref().filter(|v| {
            !matches!(
                crate::base::dates::Date::parse(&v.value),
                Ok(crate::base::dates::Date::Day(_))
            )
        });
        if let Some(v) = bad {
            diags
                .error(
                    "document-date",
                    parsed.locate(index, v),
                    format!("`document: {key}` is `{}`, not a day", v.value),
                )
                .hint("write the day as `YYYY-MM-DD` (`2025-10-14`), as the document gives it");
            *value = None;
        }
    }
    if empty.is_some() {
        front.document = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(content: &str) -> (Parsed, String) {
        let index = LineIndex::new("src/ch.md", content);
        let mut diags = Diagnostics::new();
        let parsed = parse(content, &index, &mut diags);
        (parsed, diags.render())
    }

    #[test]
    fn no_front_matter_leaves_the_body_whole() {
        let (p, d) = run("# Title\n\n---\n\ntext\n");
        assert_eq!(p.body_start, 0);
        assert_eq!(d, "0 errors, 0 warnings");
    }

    #[test]
    fn strips_the_block_and_reads_typed_values() {
        let content = "---\nagenda-item: 3\ndescription: \"A page\"\n---\n# T\n";
        let (p, d) = run(content);
        assert_eq!(&content[p.body_start..], "# T\n");
        assert_eq!(p.front.agenda_item.as_ref().unwrap().value, "3");
        assert_eq!(p.front.description.unwrap().value, "A page");
        assert_eq!(d, "0 errors, 0 warnings");
    }

    #[test]
    fn accepts_bom_crlf_and_dot_fence() {
        let content = "\u{feff}---\r\nagenda-item: 2\r\n...\r\nBody\r\n";
        let (p, d) = run(content);
        assert_eq!(&content[p.body_start..], "Body\r\n");
        assert_eq!(p.front.agenda_item.unwrap().value, "2");
        assert_eq!(d, "0 errors, 0 warnings");
    }

    #[test]
    fn chapter_that_is_only_front_matter_has_an_empty_body() {
        let content = "---\ndescription: x\n---";
        let (p, d) = run(content);
        assert_eq!(&content[p.body_start..], "");
        assert_eq!(d, "0 errors, 0 warnings");
    }

    #[test]
    fn unknown_key_is_located_in_the_chapter_file() {
        let (_, d) = run("---\nagenda-item: 1\nagenda-iten: 2\n---\nx\n");
        assert!(
            d.starts_with("src/ch.md:3:1: error: unknown key `agenda-iten`"),
            "{d}"
        );
        assert!(d.contains("hint: did you mean `agenda-item`?"), "{d}");
    }

    #[test]
    fn wrong_type_is_located_at_the_value() {
        let (_, d) = run("---\n\nagenda-item: [1]\n---\nx\n");
        assert!(d.starts_with("src/ch.md:3:14: error: "), "{d}");
    }

    #[test]
    fn a_missing_value_and_a_missing_key_are_said_in_plain_words() {
        let (_, d) = run(
            "---\nmeetings:\n  - id: a\n    title: T\n    date: null\n    mention: x\n---\nx\n",
        );
        assert_eq!(
            d,
            "src/ch.md:5:11: error: this key has no value (`null`, or nothing after the colon) [frontmatter-yaml]\n  = hint: write the value after the key (in quotes if it could be read as something else, e.g. `date: \"2030-05\"`), or remove the key\n1 error, 0 warnings"
        );
        let (_, d) =
            run("---\nmeetings:\n  - title: T\n    date: \"2030\"\n    mention: x\n---\nx\n");
        assert!(
            d.starts_with(
                "src/ch.md:5:5: error: this entry has no `id`, which it needs [frontmatter-yaml]"
            ),
            "{d}"
        );
    }

    #[test]
    fn tab_indentation_is_an_error_at_its_line() {
        let (_, d) = run("---\nmeetings:\n\t- id: x\n---\nx\n");
        assert!(d.starts_with("src/ch.md:3:"), "{d}");
        assert!(d.contains("error"), "{d}");
    }

    #[test]
    fn bad_indentation_is_an_error_at_its_line() {
        let (_, d) = run("---\ndescription: a\n  agenda-item: 1\n---\nx\n");
        assert!(d.starts_with("src/ch.md:3:"), "{d}");
    }

    #[test]
    fn front_matter_after_blank_lines_is_an_error_and_still_read() {
        let content = "\n\n---\nagenda-item: 3\n---\n# T\n";
        let (p, d) = run(content);
        assert_eq!(&content[p.body_start..], "# T\n");
        assert_eq!(p.front.agenda_item.unwrap().value, "3");
        assert_eq!(
            d,
            "src/ch.md:3:1: error: the front matter starts on line 3: it must start on the first line of the chapter [frontmatter-position]\n  = hint: move the front matter to the first line (delete the blank lines before `---`)\n1 error, 0 warnings"
        );
    }

    #[test]
    fn an_empty_description_is_an_error_and_left_out() {
        let (p, d) = run("---\ndescription: \" \"\n---\n# T\n");
        assert!(p.front.description.is_none());
        assert!(
            d.starts_with("src/ch.md:2:14: error: `description` is empty [frontmatter-empty]"),
            "{d}"
        );
    }

    #[test]
    fn a_thematic_break_after_blank_lines_is_markdown() {
        for content in ["\n---\n\nText\n", "\n---\nText: more\n"] {
            let (p, d) = run(content);
            assert_eq!(p.body_start, 0, "{content:?}");
            assert_eq!(d, "0 errors, 0 warnings", "{content:?}");
        }
    }

    #[test]
    fn unterminated_block_is_an_error_and_keeps_the_text() {
        let (p, d) = run("---\nagenda-item: 1\n# Title\n");
        assert_eq!(p.body_start, 0);
        // What the chapter declares is unknown: checks across chapters are skipped.
        assert!(p.failed.is_some());
        assert!(
            d.starts_with("src/ch.md:1:1: error: front matter is not closed"),
            "{d}"
        );
    }

    #[test]
    fn a_documents_empty_symbol_or_title_drops_the_part_and_a_date_must_be_a_day() {
        let (p, d) = run(
            "---\ndocument:\n  symbol: \" \"\n  title: \"\"\n  adopted: \"2025-10\"\n---\n# T\n",
        );
        assert_eq!(
            d,
            "src/ch.md:3:11: error: `document: symbol` is empty [frontmatter-empty]
  = hint: write the document's symbol (`mdbook-report import` writes it from the source)
src/ch.md:4:10: error: `document: title` is empty [frontmatter-empty]
  = hint: write the document's title (`mdbook-report import` writes it from the source)
src/ch.md:5:12: error: `document: adopted` is `2025-10`, not a day [document-date]
  = hint: write the day as `YYYY-MM-DD` (`2025-10-14`), as the document gives it
3 errors, 0 warnings"
        );
        assert!(p.front.document.is_none());
        let (p, d) = run(
            "---\ndocument:\n  symbol: A/RES/80/3\n  title: A title\n  adopted: \"2025-10-14\"\n  distributed: 14 October\n---\n# T\n",
        );
        assert_eq!(
            d,
            "src/ch.md:6:16: error: `document: distributed` is `14 October`, not a day [document-date]
  = hint: write the day as `YYYY-MM-DD` (`2025-10-14`), as the document gives it
1 error, 0 warnings"
        );
        let doc = p.front.document.unwrap();
        assert_eq!(doc.symbol.value, "A/RES/80/3");
        assert_eq!(doc.adopted.unwrap().value, "2025-10-14");
        assert!(doc.distributed.is_none());
        // Only the title empty: the part is dropped too.
        let (p, _) = run("---\ndocument:\n  symbol: A/1\n  title: \" \"\n---\n# T\n");
        assert!(p.front.document.is_none());
    }

    #[test]
    fn a_yaml_error_is_located_in_the_chapter_and_the_front_matter_marked_failed() {
        let (p, d) = run("---\nagenda-item: [3\n---\n# T\n");
        assert!(d.starts_with("src/ch.md:"), "{d}");
        assert!(d.contains("[frontmatter-yaml]"), "{d}");
        assert!(p.failed.is_some());
        assert_eq!(p.body_start, 24);
        let (p, d) = run("---\n\n  \n---\n# T\n");
        assert_eq!(d, "0 errors, 0 warnings");
        assert!(p.failed.is_none());
        assert_eq!(p.body_start, 12);
        let big = format!(
            "---\ndescription: \"{}\"\n---\n# T\n",
            "x".repeat(300 * 1024)
        );
        let (p, d) = run(&big);
        assert!(d.starts_with("src/ch.md:2:1: error: the YAML is "), "{d}");
        assert!(p.failed.is_some());
    }

    #[test]
    fn a_value_is_located_from_the_first_yaml_line() {
        let content = "\n\n---\nagenda-item: 3\ndescription: x\n---\n";
        let index = LineIndex::new("src/ch.md", content);
        let mut diags = Diagnostics::new();
        let p = parse(content, &index, &mut diags);
        let d = p.front.description.as_ref().unwrap();
        assert_eq!(p.locate(&index, d), Location::at("src/ch.md", 5, 14));
        // A value without a place: the fence above the YAML.
        assert_eq!(p.locate_yaml(&index, 0, 0), Location::at("src/ch.md", 3, 1));
        assert_eq!(p.locate_yaml(&index, 2, 0), Location::at("src/ch.md", 5, 1));
    }

    #[test]
    fn a_late_fence_needs_a_key_line_after_it() {
        for content in [
            "\n---\n: x\n---\n",
            "\n---\nkey word: x\n---\n",
            "\n---\n",
            "\n---\n\n",
        ] {
            assert_eq!(
                split(content).unwrap(),
                Split {
                    yaml: None,
                    body_start: 0,
                    late: None
                },
                "{content:?}"
            );
        }
        assert_eq!(
            split("\n \n---\nagenda_item-2: x\n---\nB").unwrap(),
            Split {
                yaml: Some((7, 24)),
                body_start: 28,
                late: Some(3)
            }
        );
        assert_eq!(
            split("---   \nx: 1\n---").unwrap(),
            Split {
                yaml: Some((7, 12)),
                body_start: 15,
                late: None
            }
        );
        assert!(split("---").is_err());
        assert!(split("---x\n").unwrap().yaml.is_none());
    }
}
