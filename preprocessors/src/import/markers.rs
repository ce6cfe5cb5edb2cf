//! Note markers recovered in order. The extraction keeps a note's marker as `[^6]`, or leaves it
//! as bare digits: glued to the punctuation before it ("Persons,1 reaffirm"), to a word
//! ("Development5"), to a year ("Declarations of 20172 and") or after a space ("Development 5
//! and", "Commitment, 12 which"). Notes are numbered in reading order, so marker `k` lies after
//! marker `k − 1` and before marker `k + 1`.
//!
//! Every place where note `k`'s digits could be its marker is a candidate, unless its context
//! says it is a number of the text (a symbol, a decimal, "paragraph 5", "5 December", "from 5").
//! A marker is placed only where it is forced: the earliest candidate that leaves room for the
//! markers before it and the latest that leaves room for those after it are the same place.
//! Otherwise it is not placed, and the importer says why (no candidate, or several).

use std::ops::Range;

/// A place in the document: the item's index and a byte offset in its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) struct Pos {
    pub item: usize,
    pub at: usize,
}

/// How a candidate is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Form {
    /// `[^6]`.
    Written,
    /// Digits right after punctuation: `Persons,1`.
    AfterPunctuation,
    /// Digits right after a word: `Development5`.
    AfterWord,
    /// Digits after a four-digit year: `20172` (2017, note 2).
    AfterYear,
    /// Digits after a space: `Development 5 and`.
    Spaced,
}

/// A place where a note's marker may be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Candidate {
    pub note: u32,
    pub pos: Pos,
    /// The bytes the marker replaces (a space before spaced digits included).
    pub range: Range<usize>,
    pub form: Form,
}

/// What became of one note's marker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Outcome {
    /// Placed at this candidate.
    Placed(Candidate),
    /// No candidate between the neighbours' markers (`after`, `before`: their places).
    Missing {
        after: Option<Pos>,
        before: Option<Pos>,
    },
    /// Several candidates where the neighbours leave room.
    Ambiguous(Vec<Candidate>),
}

/// Words after which a number is the text's own: "paragraph 5", "resolution 70", "from 5".
const NUMBER_WORDS: &[&str] = &[
    "paragraph",
    "paragraphs",
    "para",
    "paras",
    "article",
    "articles",
    "art",
    "resolution",
    "resolutions",
    "decision",
    "decisions",
    "item",
    "items",
    "chapter",
    "chapters",
    "chap",
    "section",
    "sections",
    "sect",
    "annex",
    "annexes",
    "rule",
    "rules",
    "goal",
    "goals",
    "target",
    "targets",
    "no",
    "nos",
    "vol",
    "vols",
    "volume",
    "volumes",
    "page",
    "pages",
    "p",
    "pp",
    "protocol",
    "principle",
    "principles",
    "supplement",
    "session",
    "sessions",
    "phase",
    "level",
    "step",
    "steps",
    "actions",
    "part",
    "parts",
    "option",
    "appendix",
    "table",
    "figure",
    "box",
    "number",
    "numbers",
    "recommendation",
    "recommendations",
    "point",
    "points",
    "objective",
    "objectives",
    "indicator",
    "indicators",
    "amendment",
    "amendments",
    "from",
    "on",
    "to",
    "of",
    "by",
    "at",
    "in",
    "and",
    "or",
    "than",
    "with",
    "between",
    "about",
    "over",
    "under",
    "nearly",
    "almost",
    "least",
    "only",
    "some",
    "all",
    "the",
    "a",
    "an",
    "its",
    "their",
    "first",
    "last",
    "for",
    "per",
    "since",
    "until",
    "till",
    "during",
    "within",
    "every",
    "each",
    "around",
    "approximately",
    "these",
    "those",
    "next",
    "past",
    "additional",
    "further",
    "more",
    "less",
    "before",
    "after",
    "until",
    "through",
    "up",
    "down",
    "every",
    "are",
    "is",
    "was",
    "were",
    "be",
    "been",
    "aged",
    "age",
    "ages",
    "top",
    "group",
    "groups",
    "cluster",
    "clusters",
    "annexes",
    "op",
    "pillar",
    "pillars",
    "measure",
    "measures",
    "tier",
    "category",
    "categories",
    "grade",
    "class",
    "round",
    "cycle",
    "stage",
    "stages",
    "phases",
    "priority",
    "priorities",
    "area",
    "areas",
    "theme",
    "themes",
    "pages",
    "footnote",
    "note",
    "notes",
    "sdg",
    "sdgs",
    "covid",
    "chapters",
    "subparagraph",
    "subparagraphs",
    "year",
    "years",
    "day",
    "days",
    "decade",
    "century",
];

/// Words after a number that make it the text's own: "5 December", "5 per cent", "12 States".
const FOLLOWING_WORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "per",
    "percent",
    "%",
    "years",
    "year",
    "days",
    "day",
    "months",
    "month",
    "weeks",
    "week",
    "hours",
    "million",
    "billion",
    "trillion",
    "times",
    "states",
    "countries",
    "members",
    "member",
    "parties",
    "persons",
    "people",
    "to",
    "or",
    "out",
    "of",
    "p.m.",
    "a.m.",
    "metres",
    "kilometres",
    "tons",
    "tonnes",
    "dollars",
    "usd",
];

/// Abbreviations after which digits are the text's own: `No.5`, `Rev.1`, `para.3`.
const ABBREVIATIONS: &[&str] = &[
    "no.", "nos.", "vol.", "vols.", "para.", "paras.", "art.", "chap.", "sect.", "p.", "pp.",
    "add.", "rev.", "corr.", "amend.", "suppl.", "op.", "annex.", "res.", "dec.",
];

fn word_before(text: &str, end: usize) -> &str {
    let before = &text[..end];
    let start = before.rfind(char::is_whitespace).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    &before[start..]
}

fn word_after(text: &str, start: usize) -> &str {
    let after = text[start..].trim_start();
    after.split_whitespace().next().unwrap_or("")
}

fn bare(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '%')
        .to_lowercase()
}

/// Whether a note marker may end at `end` (end of the text, a space, or a clause's punctuation
/// followed by a space).
fn may_end(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    match rest.chars().next() {
        None => true,
        Some(c) if c.is_whitespace() => true,
        Some(',' | ';' | ':') => rest[1..].chars().next().is_none_or(char::is_whitespace),
        _ => false,
    }
}

/// The candidates of `text` (item `item`), for notes numbered up to `max`.
pub(super) fn candidates(item: usize, text: &str, max: u32) -> Vec<Candidate> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !text.is_char_boundary(i) {
            i += 1;
            continue;
        }
        // A written marker.
        if text[i..].starts_with("[^")
            && let Some(close) = text[i + 2..].find(']')
            && let Ok(note) = text[i + 2..i + 2 + close].parse::<u32>()
        {
            out.push(Candidate {
                note,
                pos: Pos { item, at: i },
                range: i..i + 2 + close + 1,
                form: Form::Written,
            });
            i += 2 + close + 1;
            continue;
        }
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let end = i;
        if !may_end(text, end) {
            continue;
        }
        let digits = &text[start..end];
        let prev = text[..start].chars().next_back();
        let word = word_before(text, start);
        if word.contains('/') || word.contains('[') {
            continue;
        }
        let push = |out: &mut Vec<Candidate>, from: usize, range: Range<usize>, form| {
            if let Ok(note) = text[from..end].parse::<u32>()
                && (1..=max).contains(&note)
                && !text[from..end].starts_with('0')
            {
                out.push(Candidate {
                    note,
                    pos: Pos {
                        item,
                        at: range.start,
                    },
                    range,
                    form,
                });
            }
        };
        // Glued to a four-digit year: 20172, 2030–20403.
        if digits.len() >= 5 && prev.is_none_or(|c| !c.is_alphanumeric()) {
            let year: u32 = digits[..4].parse().unwrap_or(0);
            if (1900..=2099).contains(&year) {
                push(&mut out, start + 4, start + 4..end, Form::AfterYear);
            }
            continue;
        }
        match prev {
            Some(c) if ",.;:)”’\"".contains(c) => {
                let before_punct = text[..start - c.len_utf8()].chars().next_back();
                let decimal = c == '.' && before_punct.is_some_and(|b| b.is_ascii_digit());
                let abbreviation = ABBREVIATIONS
                    .iter()
                    .any(|a| word.to_lowercase().ends_with(a));
                if !decimal && !abbreviation && before_punct.is_some() {
                    push(&mut out, start, start..end, Form::AfterPunctuation);
                }
            }
            Some(c) if c.is_alphabetic() => {
                let letters = word.trim_start_matches(|c: char| !c.is_alphanumeric());
                let lower = letters.chars().any(char::is_lowercase);
                let only_letters = letters.chars().all(char::is_alphabetic);
                if lower && only_letters && letters.chars().count() >= 3 {
                    push(&mut out, start, start..end, Form::AfterWord);
                }
            }
            Some(c) if c.is_whitespace() => {
                let space = text[..start].trim_end().len();
                let before = word_before(text, space);
                let last = before.chars().next_back();
                let punctuated = last.is_some_and(|l| ",.;:)”’\"".contains(l));
                let worded = last.is_some_and(char::is_alphabetic);
                let own_word = NUMBER_WORDS.contains(&bare(before).as_str());
                let following = FOLLOWING_WORDS.contains(&bare(word_after(text, end)).as_str());
                let ok = (punctuated && !following)
                    || (worded && !own_word && !following && !before.contains('/'));
                if ok {
                    push(&mut out, start, space..end, Form::Spaced);
                }
            }
            _ => {}
        }
    }
    out
}

/// Places the markers of `notes` (their numbers, in order) among `candidates` (in document
/// order). The best readings are the chains of candidates in document order that place the
/// most markers (a written `[^n]` out of order loses to bare digits in order); a marker is
/// placed where every best reading puts it at one and the same candidate, and otherwise not,
/// with the reason.
pub(super) fn place(notes: &[u32], candidates: &[Candidate]) -> Vec<Outcome> {
    // The (marker, candidate) pairs, in document order.
    let mut pairs: Vec<(usize, &Candidate)> = Vec::new();
    for c in candidates {
        if let Some(k) = notes.iter().position(|&n| n == c.note) {
            pairs.push((k, c));
        }
    }
    pairs.sort_by_key(|(k, c)| (c.pos, *k));
    let n = pairs.len();
    // Longest chains ending at (forwards) and starting at (backwards) each pair: strictly
    // increasing in both the marker and the place.
    let before = |a: &(usize, &Candidate), b: &(usize, &Candidate)| a.0 < b.0 && a.1.pos < b.1.pos;
    let mut ending = vec![1usize; n];
    for j in 0..n {
        for i in 0..j {
            if before(&pairs[i], &pairs[j]) {
                ending[j] = ending[j].max(ending[i] + 1);
            }
        }
    }
    let mut starting = vec![1usize; n];
    for i in (0..n).rev() {
        for j in i + 1..n {
            if before(&pairs[i], &pairs[j]) {
                starting[i] = starting[i].max(starting[j] + 1);
            }
        }
    }
    let best = (0..n)
        .map(|i| ending[i] + starting[i] - 1)
        .max()
        .unwrap_or(0);
    let on_best: Vec<bool> = (0..n)
        .map(|i| ending[i] + starting[i] - 1 == best)
        .collect();
    let mut out = Vec::with_capacity(notes.len());
    let mut placed: Vec<Option<Pos>> = vec![None; notes.len()];
    let mut outcomes: Vec<Option<Outcome>> = vec![None; notes.len()];
    for k in 0..notes.len() {
        let mine: Vec<usize> = (0..n).filter(|&i| pairs[i].0 == k).collect();
        let chosen: Vec<usize> = mine.iter().copied().filter(|&i| on_best[i]).collect();
        if let [only] = chosen[..] {
            placed[k] = Some(pairs[only].1.pos);
            outcomes[k] = Some(Outcome::Placed(pairs[only].1.clone()));
        } else if chosen.len() > 1 {
            outcomes[k] = Some(Outcome::Ambiguous(
                chosen.iter().map(|&i| pairs[i].1.clone()).collect(),
            ));
        }
    }
    for k in 0..notes.len() {
        out.push(outcomes[k].take().unwrap_or_else(|| Outcome::Missing {
            after: placed[..k].iter().rev().flatten().next().copied(),
            before: placed[k + 1..].iter().flatten().next().copied(),
        }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` with each placed marker written `[^n]`, after placing notes 1..=n.
    fn recover(text: &str, n: u32) -> String {
        let cands = candidates(0, text, n);
        let notes: Vec<u32> = (1..=n).collect();
        let mut out = text.to_string();
        let mut placed: Vec<Candidate> = place(&notes, &cands)
            .into_iter()
            .filter_map(|o| match o {
                Outcome::Placed(c) => Some(c),
                _ => None,
            })
            .collect();
        placed.sort_by_key(|c| std::cmp::Reverse(c.range.start));
        for c in placed {
            out.replace_range(c.range.clone(), &format!("[^{}]", c.note));
        }
        out
    }

    #[test]
    fn markers_in_every_form_the_extraction_leaves() {
        let table: &[(&str, u32, &str)] = &[
            (
                "on 24 December 2024,1 which",
                1,
                "on 24 December 2024,[^1] which",
            ),
            (
                "Development 5 and its Goals",
                5,
                "Development[^5] and its Goals",
            ),
            (
                "the Sevilla Commitment, 12 which",
                12,
                "the Sevilla Commitment,[^12] which",
            ),
            (
                "of 20172 and 2021,3 and",
                3,
                "of 2017[^2] and 2021,[^3] and",
            ),
            (
                "Decade 2014–20243 and provides",
                3,
                "Decade 2014–2024[^3] and provides",
            ),
            (
                "Change[^6] and the Paris Agreement,7 the",
                7,
                "Change[^6] and the Paris Agreement,[^7] the",
            ),
            (
                "the Pact for the Future. 16",
                16,
                "the Pact for the Future.[^16]",
            ),
            (
                "Transit Developing Countries 2  and",
                2,
                "Transit Developing Countries[^2]  and",
            ),
            (
                "the Sustainable Development5 and",
                5,
                "the Sustainable Development[^5] and",
            ),
        ];
        for (text, n, expected) in table {
            // Markers before `n` the row does not show are written, so only the row's are at stake.
            let prefix: String = (1..*n)
                .filter(|k| !text.contains(&format!("{k}")))
                .map(|k| format!("[^{k}] "))
                .collect();
            let got = recover(&format!("{prefix}{text}"), *n);
            assert_eq!(
                got.strip_prefix(&prefix).unwrap_or(&got),
                *expected,
                "{text}"
            );
        }
    }

    #[test]
    fn numbers_of_the_text_are_not_markers() {
        for text in [
            "paragraph 1 (a) above",
            "resolution 79/1 of 22 September",
            "from 5 to 8 August 2025",
            "(A/80/L.4) and Add.1 here",
            "a rate of 1.5 per cent",
            "rule 1 of the rules",
            "the 2030 Agenda",
            "G20 and SDG3 and COVID-19",
            "on 1 January 2026",
            "some 3 countries",
        ] {
            let n = 9;
            let cands = candidates(0, text, n);
            assert!(cands.is_empty(), "{text}: {cands:?}");
        }
    }

    #[test]
    fn a_marker_with_two_places_is_not_placed() {
        // Note 1's digits after two words, and nothing else to decide between them.
        let text = "the Convention 1 and the Charter 1 apply";
        let cands = candidates(0, text, 1);
        assert_eq!(cands.len(), 2);
        let outcome = place(&[1], &cands);
        assert!(
            matches!(&outcome[0], Outcome::Ambiguous(c) if c.len() == 2),
            "{outcome:?}"
        );
        assert_eq!(recover(text, 1), text);
    }

    #[test]
    fn a_marker_with_no_place_is_missing_between_its_neighbours() {
        let text = "first,1 then nothing, then third,3 end";
        let cands = candidates(0, text, 3);
        let outcome = place(&[1, 2, 3], &cands);
        assert!(matches!(outcome[0], Outcome::Placed(_)));
        assert_eq!(
            outcome[1],
            Outcome::Missing {
                after: Some(Pos { item: 0, at: 6 }),
                before: Some(Pos { item: 0, at: 33 })
            }
        );
        assert!(matches!(outcome[2], Outcome::Placed(_)));
    }

    #[test]
    fn a_number_followed_by_a_unit_or_a_month_is_the_texts_own() {
        // After a word and after punctuation, a marker's digits would be a candidate; the word
        // after them says they are a count or a day.
        for text in [
            "the Council 4 December",
            "the Council, 4 States",
            "the Council 4 per cent",
            "the Council 4 December, then",
        ] {
            assert!(candidates(0, text, 9).is_empty(), "{text}");
        }
        assert_eq!(
            candidates(0, "the Council 4 met", 9),
            [Candidate {
                note: 4,
                pos: Pos { item: 0, at: 11 },
                range: 11..13,
                form: Form::Spaced
            }]
        );
    }

    #[test]
    fn a_word_of_the_text_is_read_without_its_brackets_and_punctuation() {
        for text in ["see (article 4, as amended)", "the “session 4, of"] {
            assert!(candidates(0, text, 9).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_marker_ends_at_a_space_the_end_or_a_clauses_punctuation() {
        assert_eq!(
            recover(
                "the Council 1, and the Board 2; then the Fund 3: and the Panel 4",
                4
            ),
            "the Council[^1], and the Board[^2]; then the Fund[^3]: and the Panel[^4]"
        );
        // Digits glued to letters, or punctuation glued to more text, are not a marker.
        for text in [
            "the Council 4th meeting",
            "the Council 4,then",
            "the Council 4:30",
        ] {
            assert!(candidates(0, text, 9).is_empty(), "{text}");
        }
    }

    #[test]
    fn written_markers_of_several_digits_are_read_whole_and_side_by_side() {
        // The longest first: a wrong step past it fails at once instead of looping.
        let written = |note, at: usize, len: usize| Candidate {
            note,
            pos: Pos { item: 2, at },
            range: at..at + len,
            form: Form::Written,
        };
        assert_eq!(
            candidates(2, "Text[^1001][^100] and[^7]", 0),
            [written(1001, 4, 7), written(100, 11, 6), written(7, 21, 4)]
        );
    }

    #[test]
    fn digits_after_a_full_stop_are_a_marker_unless_a_symbol_a_decimal_or_nothing_comes_before() {
        assert_eq!(
            recover("the Board.3 And the Fund.4 so", 4),
            "the Board.[^3] And the Fund.[^4] so"
        );
        for text in [",1 and", "see A/80/L.4 and", "rate 2.4 and", "Rev.4 and"] {
            assert!(candidates(0, text, 9).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_no_break_space_is_a_space() {
        assert_eq!(
            recover("the Council\u{a0}1 and paragraph\u{a0}1 of", 1),
            "the Council[^1] and paragraph\u{a0}1 of"
        );
    }

    #[test]
    fn order_decides_between_places() {
        // Note 2's digits occur twice: only the second comes after note 1's marker.
        let text = "Trust,2 then Persons,1 and Convention,2 end";
        assert_eq!(
            recover(text, 2),
            "Trust,2 then Persons,[^1] and Convention,[^2] end"
        );
    }
}
