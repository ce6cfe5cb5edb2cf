//! Words as the search index sees them, and as its client (`theme/search.js`, `terms()`) sees a
//! query: the two must agree exactly, or a query misses what the index holds.
//!
//! A text is decomposed (NFD) and stripped of combining marks (so "Côte" is found by "cote"),
//! lower-cased (final sigma folded to sigma, which JavaScript's `toLowerCase` writes at a word's
//! end), and split into runs of letters and digits (Unicode `Alphabetic` and `N*`). A run of one
//! letter is dropped (the "s" of "WHO's"); one digit is kept ("2" of "section 2"). Runs longer
//! than [`MAX_TERM`] characters are dropped (glued identifiers, not words).

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The longest term indexed, in characters.
pub(crate) const MAX_TERM: usize = 40;

/// The terms of `text`, in order (repeats kept: their count is the term's frequency).
pub(crate) fn terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut chars = 0usize;
    let mut flush = |word: &mut String, chars: &mut usize| {
        let keep = *chars >= 2 || word.chars().all(|c| c.is_numeric());
        if !word.is_empty() && keep && *chars <= MAX_TERM {
            out.push(std::mem::take(word));
        }
        word.clear();
        *chars = 0;
    };
    for c in text.nfd().filter(|&c| !is_combining_mark(c)) {
        if c.is_alphabetic() || c.is_numeric() {
            for l in c.to_lowercase() {
                word.push(if l == 'ς' { 'σ' } else { l });
            }
            chars += 1;
        } else {
            flush(&mut word, &mut chars);
        }
    }
    flush(&mut word, &mut chars);
    out
}

/// The file name of the shard holding terms that start with `prefix`: letters `a`–`z` and digits
/// as they are, any other character as `_` and its code point in hex, then `_` (URL- and
/// file-system-safe, and case-insensitive file systems see no clash).
pub(crate) fn shard_name(prefix: &str) -> String {
    let mut out = String::new();
    for c in prefix.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else {
            out.push_str(&format!("_{:x}_", c as u32));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_folded_lowercased_and_split() {
        assert_eq!(
            terms("WHO's Côte d’Ivoire office, 2.1 (2030): ΟΔΟΣ οδός"),
            [
                "who", "cote", "ivoire", "office", "2", "1", "2030", "οδοσ", "οδοσ"
            ]
        );
    }

    #[test]
    fn single_letters_and_overlong_runs_are_dropped() {
        let long = "x".repeat(MAX_TERM + 1);
        assert_eq!(terms(&format!("a b 7 {long} ok")), ["7", "ok"]);
        // The longest kept.
        let longest = "y".repeat(MAX_TERM);
        assert_eq!(terms(&longest), std::slice::from_ref(&longest));
        assert!(terms("  — … ").is_empty());
    }

    #[test]
    fn shard_names_are_safe() {
        assert_eq!(shard_name("un"), "un");
        assert_eq!(shard_name("é2"), "_e9_2");
        assert_eq!(shard_name("οδ"), "_3bf__3b4_");
    }
}
