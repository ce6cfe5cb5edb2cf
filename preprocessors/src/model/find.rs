//! Finding a phrase an editor copied from the text (a meeting's `mention`, an agenda item's
//! title) in a chapter's blocks: as a reader sees the text, whitespace collapsed, typographic
//! quotes made straight, and in one Unicode form (NFC: "é" typed as one character or as "e" and
//! an accent is one text).
//!
//! When a phrase is not there, [`find_loosely`] says what the text writes instead, ignoring
//! case: the nearest match an editor is told about.

use super::{BlockId, Chapter, Model};
use unicode_normalization::UnicodeNormalization;

/// Whitespace collapsed, typographic quotes made straight and the text composed (NFC), for
/// matching phrases.
pub(crate) fn normalise(s: &str) -> String {
    // One pass, one allocation: every block of a chapter with meetings goes through here.
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.nfc() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(match c {
            '’' | '‘' => '\'',
            '“' | '”' => '"',
            c => c,
        });
    }
    out
}

/// Every block's text of `ch`, [`normalise`]d, for [`find_phrase_in`].
pub(crate) fn normalised_blocks(ch: &Chapter) -> Vec<String> {
    ch.doc.blocks.iter().map(|b| normalise(&b.text)).collect()
}

/// The innermost block of `ch` whose text contains `phrase` (first in reading order), given the
/// chapter's [`normalised_blocks`], computed once for all its phrases (normalising every block
/// again for each meeting made a chapter with many meetings quadratic).
pub(crate) fn find_phrase_in(ch: &Chapter, blocks: &[String], phrase: &str) -> Option<BlockId> {
    let phrase = normalise(phrase);
    if phrase.is_empty() {
        return None;
    }
    let contains = |b: usize| blocks[b].contains(&phrase);
    let mut found = (0..ch.doc.blocks.len()).find(|&b| contains(b))?;
    // A list item's text includes its nested paragraphs: prefer the innermost block.
    let outer = ch.doc.blocks[found].range.clone();
    for b in found + 1..ch.doc.blocks.len() {
        let r = &ch.doc.blocks[b].range;
        if r.start >= outer.end {
            break;
        }
        if r.end <= outer.end && contains(b) {
            found = b;
        }
    }
    Some(BlockId(found))
}

/// `c` in lower case, as one character (so positions in a folded text are the text's).
fn fold(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// What the book's text writes for `phrase` when it writes it otherwise than exactly: the first
/// paragraph text equal to it ignoring case (after [`normalise`]), as the text writes it.
pub(crate) fn find_loosely(model: &Model, phrase: &str) -> Option<String> {
    let wanted: Vec<char> = normalise(phrase).chars().map(fold).collect();
    if wanted.is_empty() {
        return None;
    }
    for ch in &model.chapters {
        for block in &ch.doc.blocks {
            let text: Vec<char> = normalise(&block.text).chars().collect();
            let folded: Vec<char> = text.iter().copied().map(fold).collect();
            if let Some(at) = folded
                .windows(wanted.len())
                .position(|w| w == wanted.as_slice())
            {
                return Some(text[at..at + wanted.len()].iter().collect());
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composed_and_decomposed_text_is_one_text() {
        assert_eq!(
            normalise("Cafe\u{301} de l\u{2019}Union"),
            "Caf\u{e9} de l'Union"
        );
    }

    #[test]
    fn a_phrase_written_otherwise_is_found_ignoring_case() {
        let mut diags = crate::base::diagnostics::Diagnostics::new();
        let m = crate::model::testing::model(
            &[(
                "a.md",
                "(b) Poverty eradication, and\nthe  ‘eight-point’ agenda.\n",
            )],
            &mut diags,
        );
        assert_eq!(
            find_loosely(&m, "poverty Eradication").as_deref(),
            Some("Poverty eradication")
        );
        assert_eq!(
            find_loosely(&m, "The 'Eight-Point' agenda").as_deref(),
            Some("the 'eight-point' agenda")
        );
        assert_eq!(find_loosely(&m, "hunger"), None);
        assert_eq!(find_loosely(&m, " "), None);
    }

    #[test]
    fn normalise_collapses_whitespace_and_straightens_quotes() {
        assert_eq!(
            normalise("  The \u{2018}HLD\u{2019}s\n\t \u{201c}2013\u{201d}  review "),
            "The 'HLD's \"2013\" review"
        );
        assert_eq!(normalise(" \n "), "");
    }
}
