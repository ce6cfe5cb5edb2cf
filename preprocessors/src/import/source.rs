//! A source document as the extraction gives it: its metadata block (`symbol`, `title`, `date` …
//! between `---` lines), the text's lines with their numbers, and the note definitions
//! (`[^n]: …`, continuation lines indented) after the last `---` line.

use crate::base::diagnostics::{Diagnostics, LineIndex};
use serde::Deserialize;

/// The metadata block of a source file. Only `symbol` is required; the extraction's own keys
/// (`record_id`, `extracted_at` …) are accepted and not used.
#[derive(Debug, Default, Deserialize)]
pub(super) struct Meta {
    /// The document's symbol, `A/RES/80/3`.
    #[serde(default)]
    pub symbol: Option<String>,
    /// The catalogue's title ("Awaza Political Declaration :"), used where the text's is cut.
    #[serde(default)]
    pub title: Option<String>,
}

/// One line of the source's text.
#[derive(Debug, Clone, Copy)]
pub(super) struct Line<'a> {
    /// 1-based line number in the source file.
    pub number: usize,
    /// The line, without its line ending.
    pub text: &'a str,
}

/// A note definition: `[^4]: See resolution 78/266.`
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Note {
    /// The note's number.
    pub number: u32,
    /// Its text, lines joined with `\n` (continuation lines without their indentation).
    pub text: String,
    /// The line of its definition.
    pub line: usize,
}

/// A source split into its parts.
#[derive(Debug)]
pub(super) struct Source<'a> {
    /// The metadata block.
    pub meta: Meta,
    /// The text's lines (blank ones included), up to the notes.
    pub lines: Vec<Line<'a>>,
    /// The note definitions, in the file's order.
    pub notes: Vec<Note>,
}

/// Splits `text` (the file `index` maps). A metadata block that cannot be read, or that has no
/// `symbol`, is an error located in the file; the text is still split.
pub(super) fn read<'a>(text: &'a str, index: &LineIndex, diags: &mut Diagnostics) -> Source<'a> {
    let all: Vec<Line<'a>> = text
        .split('\n')
        .enumerate()
        .map(|(i, l)| Line {
            number: i + 1,
            text: l.strip_suffix('\r').unwrap_or(l),
        })
        .collect();
    let (meta, body_from) = meta(text, &all, index, diags);
    let body = &all[body_from.min(all.len())..];
    // The notes follow the last `---` line when `[^n]:` definitions come after it.
    let separator = body
        .iter()
        .rposition(|l| l.text.trim_end() == "---")
        .filter(|&at| {
            body[at + 1..]
                .iter()
                .find(|l| !l.text.trim().is_empty())
                .is_some_and(|l| definition_start(l.text).is_some())
        });
    let (lines, notes) = match separator {
        Some(at) => (body[..at].to_vec(), notes(&body[at + 1..])),
        None => (body.to_vec(), Vec::new()),
    };
    Source { meta, lines, notes }
}

fn meta(
    text: &str,
    lines: &[Line<'_>],
    index: &LineIndex,
    diags: &mut Diagnostics,
) -> (Meta, usize) {
    let open = lines.first().is_some_and(|l| l.text.trim_end() == "---");
    let close = open
        .then(|| {
            lines
                .iter()
                .skip(1)
                .position(|l| l.text.trim_end() == "---")
        })
        .flatten()
        .map(|i| i + 1);
    let Some(close) = close else {
        diags
            .error(
                "import-source-meta",
                index.location(text, 0),
                "the source has no metadata block: its first line is not `---`",
            )
            .hint("a source starts with `---`, `symbol: A/RES/80/3` and `---`: the symbol names the chapter");
        return (Meta::default(), 0);
    };
    let yaml: Vec<&str> = lines[1..close].iter().map(|l| l.text).collect();
    let yaml = yaml.join("\n");
    let meta = match serde_saphyr::from_str_with_options::<Meta>(
        &yaml,
        crate::base::yaml::options(),
    ) {
        Ok(meta) => meta,
        Err(err) => {
            let at = crate::base::yaml::offset(&err, &yaml).unwrap_or(0);
            let line = yaml[..at].matches('\n').count() + 2;
            diags
                .error(
                    "import-source-meta",
                    crate::base::diagnostics::Location::at(index.path(), line, 1),
                    crate::base::yaml::message(&err),
                )
                .hint("the metadata block is YAML: `symbol: A/RES/80/3`, `title: \"…\"`, `date: \"2025-10-15\"`");
            Meta::default()
        }
    };
    if meta.symbol.as_deref().is_none_or(|s| s.trim().is_empty()) {
        diags
            .error(
                "import-source-meta",
                crate::base::diagnostics::Location::at(index.path(), 2, 1),
                "the metadata block has no `symbol`",
            )
            .hint("add `symbol: A/RES/80/3` (the document's symbol): it names the chapter and its front matter");
    }
    (meta, close + 1)
}

/// `n` and the text after `[^n]:` when `line` starts a note definition.
fn definition_start(line: &str) -> Option<(u32, &str)> {
    let rest = line.strip_prefix("[^")?;
    let (label, rest) = rest.split_once("]:")?;
    let n = label.parse().ok()?;
    Some((n, rest.trim()))
}

/// The note definitions. A definition whose number breaks the sequence, where a later one goes
/// on with it, is the line of a note that begins with a number ("[^1994]: (United Nations
/// publication …" after "… Cairo, 5–13 September"): it continues the note before it.
fn notes(lines: &[Line<'_>]) -> Vec<Note> {
    let starts: Vec<u32> = lines
        .iter()
        .filter_map(|l| definition_start(l.text).map(|(n, _)| n))
        .collect();
    let mut seen = 0;
    let mut out: Vec<Note> = Vec::new();
    for line in lines {
        let start = definition_start(line.text);
        if start.is_some() {
            seen += 1;
        }
        let continues = start.is_some_and(|(n, _)| {
            out.last().is_some_and(|last| {
                n != last.number + 1 && starts[seen..].contains(&(last.number + 1))
            })
        });
        if let (Some((n, text)), true) = (start, continues) {
            let note = out.last_mut().expect("a note before");
            note.text.push('\n');
            note.text.push_str(&format!("{n} {text}"));
            continue;
        }
        if let Some((number, text)) = start {
            out.push(Note {
                number,
                text: text.to_string(),
                line: line.number,
            });
        } else if let Some(note) = out.last_mut().filter(|_| !line.text.trim().is_empty()) {
            note.text.push('\n');
            note.text.push_str(line.text.trim());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> (Source<'_>, String) {
        let index = LineIndex::new("s.md", text);
        let mut diags = Diagnostics::new();
        let source = read(text, &index, &mut diags);
        (source, diags.render())
    }

    /// Each note's number and text, in order.
    fn numbered<'s>(s: &'s Source<'_>) -> Vec<(u32, &'s str)> {
        s.notes
            .iter()
            .map(|n| (n.number, n.text.as_str()))
            .collect()
    }

    #[test]
    fn reads_the_metadata_the_text_and_the_notes() {
        let text = "---\nsymbol: A/RES/1/2\ntitle: \"T :\"\nrecord_id: \"9\"\n---\n\nText,1 more.\n\n---\n\n[^1]: A note\n    that goes on.\n\n[^2]: B.";
        let (s, d) = split(text);
        assert_eq!(d, "0 errors, 0 warnings");
        assert_eq!(s.meta.symbol.as_deref(), Some("A/RES/1/2"));
        assert_eq!(s.meta.title.as_deref(), Some("T :"));
        assert_eq!(s.lines.first().unwrap().number, 6);
        assert_eq!(s.lines.iter().filter(|l| !l.text.is_empty()).count(), 1);
        assert_eq!(
            s.notes,
            vec![
                Note {
                    number: 1,
                    text: "A note\nthat goes on.".into(),
                    line: 11
                },
                Note {
                    number: 2,
                    text: "B.".into(),
                    line: 14
                }
            ]
        );
    }

    #[test]
    fn a_definition_out_of_sequence_continues_the_note_before() {
        let (s, _) = split(
            "---\nsymbol: X\n---\nA\n---\n[^1]: One, 5–13 September\n[^1994]: (Sales No. E.95), annex.\n[^2]: Two.\n",
        );
        let texts = numbered(&s);
        assert_eq!(
            texts,
            [
                (1, "One, 5–13 September\n1994 (Sales No. E.95), annex."),
                (2, "Two.")
            ]
        );
    }

    #[test]
    fn a_rule_without_notes_after_it_is_text() {
        let (s, _) = split("---\nsymbol: X\n---\nA\n\n---\n\nB\n");
        assert!(s.lines.iter().any(|l| l.text == "B"), "{:?}", s.lines);
        assert!(s.notes.is_empty());
    }

    #[test]
    fn notes_right_after_the_metadata_leave_no_text_and_a_definition_before_the_rule_is_text() {
        let (s, d) = split("---\nsymbol: X\n---\n---\n[^1]: A.\n");
        assert_eq!(d, "0 errors, 0 warnings");
        assert!(s.lines.is_empty(), "{:?}", s.lines);
        assert_eq!(
            s.notes,
            [Note {
                number: 1,
                text: "A.".into(),
                line: 5
            }]
        );
        let (s, _) = split("---\nsymbol: X\n---\n[^1]: B.\n---\n[^1]: A.\n");
        let text: Vec<&str> = s.lines.iter().map(|l| l.text).collect();
        assert_eq!(text, ["[^1]: B."]);
        assert_eq!(s.notes.len(), 1);
        assert_eq!(s.notes[0].text, "A.");
    }

    #[test]
    fn only_a_later_definition_makes_one_out_of_sequence_a_continuation() {
        // The third definition breaks the sequence, but no later one is note 3: it is a note.
        // The fourth breaks it too; note 2 came before it, not after, so it is a note as well.
        let (s, _) = split(
            "---\nsymbol: X\n---\nA\n---\n[^1]: One.\n[^2]: Two.\n[^1]: Again.\n[^5]: Five.\n",
        );
        let texts = numbered(&s);
        assert_eq!(
            texts,
            [(1, "One."), (2, "Two."), (1, "Again."), (5, "Five.")]
        );
        // The next number is a note, even where a later definition has that number too.
        let (s, _) = split("---\nsymbol: X\n---\nA\n---\n[^1]: One.\n[^2]: Two.\n[^2]: Again.\n");
        let texts = numbered(&s);
        assert_eq!(texts, [(1, "One."), (2, "Two."), (2, "Again.")]);
    }

    #[test]
    fn a_metadata_block_that_cannot_be_read_is_an_error_at_its_line() {
        let (s, d) = split("---\nrecord_id: \"9\"\nsymbol: [A, B]\n---\nText\n");
        assert!(d.starts_with("s.md:3:1: error: "), "{d}");
        assert!(d.contains("[import-source-meta]"), "{d}");
        // The text is still split.
        assert_eq!(
            s.lines.first().map(|l| (l.number, l.text)),
            Some((5, "Text"))
        );
    }

    #[test]
    fn a_missing_symbol_is_an_error_in_the_metadata_block() {
        let (_, d) = split("---\ntitle: T\n---\nText\n");
        assert_eq!(
            d,
            "s.md:2:1: error: the metadata block has no `symbol` [import-source-meta]\n  = hint: add `symbol: A/RES/80/3` (the document's symbol): it names the chapter and its front matter\n1 error, 0 warnings"
        );
        let (_, d) = split("Text\n");
        assert!(
            d.starts_with("s.md:1:1: error: the source has no metadata block"),
            "{d}"
        );
    }
}
