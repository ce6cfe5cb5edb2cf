//! Finding a phrase an editor copied from the text (a meeting's `mention`, an agenda item's
//! title) in a chapter's blocks: as a reader sees the text, whitespace collapsed and typographic
//! quotes made straight.

use super::{BlockId, Chapter};

/// Whitespace collapsed and typographic quotes made straight, for matching phrases.
pub fn normalise(s: &str) -> String {
    // One pass, one allocation: every block of a chapter with meetings goes through here.
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
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
pub fn normalised_blocks(ch: &Chapter) -> Vec<String> {
    ch.doc.blocks.iter().map(|b| normalise(&b.text)).collect()
}

/// The innermost block of `ch` whose text contains `phrase` (first in reading order).
pub fn find_phrase(ch: &Chapter, phrase: &str) -> Option<BlockId> {
    find_phrase_in(ch, &normalised_blocks(ch), phrase)
}

/// [`find_phrase`] with the chapter's [`normalised_blocks`] computed once for all its phrases
/// (normalising every block again for each meeting made a chapter with many meetings quadratic).
pub fn find_phrase_in(ch: &Chapter, blocks: &[String], phrase: &str) -> Option<BlockId> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalise_collapses_whitespace_and_straightens_quotes() {
        assert_eq!(
            normalise("  The \u{2018}HLD\u{2019}s\n\t \u{201c}2013\u{201d}  review "),
            "The 'HLD's \"2013\" review"
        );
        assert_eq!(normalise(" \n "), "");
    }
}
