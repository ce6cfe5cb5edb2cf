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

/// The first block of `ch` (in reading order) whose text contains `phrase`, given the chapter's
/// [`normalised_blocks`], computed once for all its phrases (normalising every block again for
/// each meeting made a chapter with many meetings quadratic). A block's text is its own: a list
/// item's does not hold its nested list's or paragraphs' text, so the block found is the one
/// that writes the phrase.
pub(crate) fn find_phrase_in(ch: &Chapter, blocks: &[String], phrase: &str) -> Option<BlockId> {
    let phrase = normalise(phrase);
    if phrase.is_empty() {
        return None;
    }
    (0..ch.doc.blocks.len())
        .find(|&b| blocks[b].contains(&phrase))
        .map(BlockId)
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

    #[test]
    fn a_phrase_is_found_in_the_first_block_that_writes_it() {
        let mut diags = crate::base::diagnostics::Diagnostics::new();
        let m = crate::model::testing::model(
            &[(
                "a.md",
                "- Outer item, a phrase\n  - Inner part, a phrase\n  - Third part\n\n\
                 - Loose item\n\n  Its paragraph\n\nAfter the list.\n",
            )],
            &mut diags,
        );
        let ch = &m.chapters[0];
        let blocks = normalised_blocks(ch);
        let text = |phrase: &str| {
            find_phrase_in(ch, &blocks, phrase).map(|b| ch.doc.blocks[b.0].text.trim().to_string())
        };
        // Each block's text is its own, not its nested blocks'.
        assert_eq!(text("a phrase").as_deref(), Some("Outer item, a phrase"));
        assert_eq!(text("Inner").as_deref(), Some("Inner part, a phrase"));
        assert_eq!(text("Third").as_deref(), Some("Third part"));
        assert_eq!(text("Its paragraph").as_deref(), Some("Its paragraph"));
        assert_eq!(text("the list").as_deref(), Some("After the list."));
        assert_eq!(text("elsewhere"), None);
        assert_eq!(text(" "), None);
    }
}
