//! The grammar of document symbols, built once from `[preprocessor.report.documents]`.
//!
//! Three ways a text cites a document:
//!
//! - **A symbol** (`A/85/190`, `A/HRC/RES/50/3`, `E/CN.6/2030/L.2/Rev.1`): a configured prefix
//!   (the series: `A`, `A/HRC`, `E/CN.{n}` …, longest first), then components separated by `/`,
//!   each a number (session, year, document number) or a configured part (`RES`, `L.{n}`,
//!   `Add.{n}`, `Rev.{n}`, `Corr.{n}` …). The last component carries a number, and a prefix
//!   without a number needs two components (`A/85` is a session, not a document). The symbol
//!   starts a word (nothing alphanumeric, `/` or `.` before it) and ends one; a full stop after
//!   it ends the sentence, not the symbol.
//! - **A resolution by number** ("General Assembly resolution 85/131", "its resolution 50/3",
//!   "resolutions 76/217 of 17 December 2021 and 77/246"): the word (`words.resolution`), one
//!   number or a list of them, and the body whose resolution it is, which must be unambiguous:
//!   named right after the numbers ("of the Human Rights Council"), else the only body named
//!   earlier in the sentence, else `default-body`. Two different bodies earlier in the sentence,
//!   or none and no default, leave the numbers unlinked; so does a body configured without a
//!   symbol.
//! - **Another series**, by a book's own pattern (`WHA {session}.{number}`).
//!
//! What only looks like a symbol is never one: a date (`10/7`), a ratio or fraction (`3/4`),
//! `24/7`, a number series (`2030/2`), a slash between words (`and/or`, `UNDP/UNFPA`), a lower-case
//! or unknown prefix (`a/85/190`, `TMELE/2030/7`, `CBD/COP/15/17` unless configured). A token that
//! starts like a symbol but breaks the grammar (`A/85/`, `A//190`, `A/85/L5`) is reported as
//! malformed, never linked.

use super::{DocumentsConfig, ResolutionBody};
use regex::Regex;
use std::ops::Range;

/// What a citation is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A symbol as written.
    Symbol,
    /// A resolution by number, of the body at this index of `resolutions`.
    Resolution(usize),
    /// A match of the series at this index of `series`.
    Series(usize),
}

/// A citation found in a run of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    /// Byte range in the searched text (the symbol, or a resolution's number).
    pub range: Range<usize>,
    /// The canonical symbol (`A/RES/85/131` for "resolution 85/131").
    pub symbol: String,
    /// How a reader sees it cited: the symbol as written, "resolution 85/131".
    pub cited_as: String,
    /// What kind of citation.
    pub kind: Kind,
    /// A series match's numbers by placeholder name, for its link.
    pub vars: Vec<(String, String)>,
    /// The paragraphs of the document the text names with it ("paragraph 13 of resolution
    /// 80/3", "A/80/534, paras. 7 and 8"): each number with the range to link (the first with
    /// its word, "paragraph 13"; the others the number alone), in the searched text.
    pub paragraphs: Vec<(String, Range<usize>)>,
}

/// Something that starts like a symbol and breaks the grammar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Malformed {
    /// Byte range in the searched text.
    pub range: Range<usize>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

/// A configured part: its regex (anchored) and whether it carries a number.
#[derive(Debug)]
struct Part {
    pattern: Regex,
    numbered: bool,
    /// The letters of the part (`L` for `L.{n}`), for "did you mean".
    letters: String,
    template: String,
}

/// A series of the book's own.
#[derive(Debug)]
struct Series {
    pattern: Regex,
    names: Vec<String>,
    symbol: String,
}

/// The compiled grammar.
#[derive(Debug)]
pub(crate) struct Grammar {
    /// `prefix` then `/…` (components, possibly empty).
    candidates: Option<Regex>,
    parts: Vec<Part>,
    series: Vec<Series>,
    /// `resolution(s) NN/NNN`.
    resolution: Option<Regex>,
    /// A further number of a list, anchored at the end of the previous one.
    list_item: Option<Regex>,
    /// `of the <Body>` right after the numbers.
    body_after: Option<Regex>,
    /// Every body's names, longest first, with the body's index.
    body_names: Vec<(String, usize)>,
    bodies: Vec<ResolutionBody>,
    default_body: Option<usize>,
    resolution_word: String,
    /// "paragraphs 13 and 14 of (its) (General Assembly)" right before a resolution's word.
    paragraphs_before: Option<Regex>,
    /// ", paras. 7 and 8" right after a symbol.
    paragraphs_after: Option<Regex>,
}

/// A configured string with `{n}` placeholders as a regex (without anchors).
fn numbered_regex(template: &str) -> String {
    template
        .split("{n}")
        .map(regex::escape)
        .collect::<Vec<_>>()
        .join("[0-9]{1,5}")
}

/// `a|b|c` of escaped words, longest first (the regex's alternation takes the first that fits).
fn alternation(words: &[String]) -> Option<String> {
    let mut words: Vec<&str> = words
        .iter()
        .map(|w| w.trim())
        .filter(|w| !w.is_empty())
        .collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words.dedup();
    (!words.is_empty()).then(|| {
        words
            .iter()
            .map(|w| regex::escape(w).replace(' ', r"\s+"))
            .collect::<Vec<_>>()
            .join("|")
    })
}

/// A day as the text writes it, for "resolution 76/217 of 17 December 2021".
const DATE: &str = r"(?:[0-9]{1,2}\s+\p{L}+\.?\s+[0-9]{4}|\p{L}+\.?\s+[0-9]{1,2},?\s+[0-9]{4})";

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

impl Grammar {
    /// Compiles the configuration (already checked: see `Config::check`).
    pub(crate) fn new(cfg: &DocumentsConfig) -> Grammar {
        let mut prefixes: Vec<&str> = cfg
            .prefixes
            .iter()
            .map(|p| p.trim())
            .filter(|p| !p.is_empty())
            .collect();
        prefixes.sort_by_key(|p| std::cmp::Reverse(p.len()));
        let candidates = (!prefixes.is_empty()).then(|| {
            let alts: Vec<String> = prefixes.iter().map(|p| numbered_regex(p)).collect();
            Regex::new(&format!(
                r"\b(?P<prefix>{})(?P<rest>(?:/[A-Za-z0-9.]*)+)",
                alts.join("|")
            ))
            .expect("escaped prefixes make a valid regex")
        });
        let parts = cfg
            .parts
            .iter()
            .map(|p| p.trim())
            .filter(|p| !p.is_empty())
            .map(|p| Part {
                pattern: Regex::new(&format!("^(?:{})$", numbered_regex(p))).expect("escaped"),
                numbered: p.contains("{n}"),
                letters: p
                    .replace("{n}", "")
                    .chars()
                    .filter(|c| c.is_alphanumeric())
                    .collect::<String>()
                    .to_lowercase(),
                template: p.to_string(),
            })
            .collect();
        let series = cfg
            .series
            .iter()
            .filter(|s| !s.pattern.trim().is_empty())
            .map(|s| series_regex(&s.pattern, &s.symbol))
            .collect();
        let words = alternation(&cfg.words.resolution);
        let resolution = words.as_ref().map(|w| {
            Regex::new(&format!(
                r"(?i:\b(?:{w}))\s+(?P<session>[0-9]{{1,4}})/(?P<number>[0-9]{{1,4}})\b"
            ))
            .expect("escaped words")
        });
        let of = alternation(&cfg.words.of);
        let and = alternation(&cfg.words.and);
        let list_item = {
            let of = of
                .as_ref()
                .map(|of| format!(r"(?:\s+(?:{of})\s+{DATE})?"))
                .unwrap_or_default();
            let joins = match &and {
                Some(and) => format!(r"\s*,\s*(?:(?:{and})\s+)?|\s+(?:{and})\s+"),
                None => r"\s*,\s*".to_string(),
            };
            Some(
                Regex::new(&format!(
                    r"^{of}(?:{joins})(?P<session>[0-9]{{1,4}})/(?P<number>[0-9]{{1,4}})\b"
                ))
                .expect("escaped words"),
            )
        };
        let mut body_names: Vec<(String, usize)> = cfg
            .resolutions
            .iter()
            .enumerate()
            .flat_map(|(i, b)| {
                std::iter::once(&b.body)
                    .chain(&b.forms)
                    .map(move |n| (n.trim().to_string(), i))
            })
            .filter(|(n, _)| !n.is_empty())
            .collect();
        body_names.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
        let names: Vec<String> = body_names.iter().map(|(n, _)| n.clone()).collect();
        let body_after = match (&of, alternation(&names)) {
            (Some(of), Some(names)) => Some(
                Regex::new(&format!(
                    r"^,?\s+(?:{of})\s+(?:\p{{Lu}}[\p{{L}}.]*\s+){{0,2}}?(?P<body>{names})\b"
                ))
                .expect("escaped names"),
            ),
            _ => None,
        };
        let (paragraphs_before, paragraphs_after) =
            paragraph_regexes(cfg, of.as_deref(), and.as_deref());
        let default_body = Some(cfg.default_body.trim())
            .filter(|b| !b.is_empty())
            .and_then(|b| body_names.iter().find(|(n, _)| n == b).map(|(_, i)| *i));
        Grammar {
            candidates,
            parts,
            series,
            resolution,
            list_item,
            body_after,
            body_names,
            bodies: cfg.resolutions.clone(),
            default_body,
            resolution_word: cfg
                .words
                .resolution
                .first()
                .map_or_else(String::new, |w| w.trim().to_string()),
            paragraphs_before,
            paragraphs_after,
        }
    }

    /// Every citation and malformed symbol in `text`, a run of prose that starts at byte
    /// `offset` of its paragraph's text `block` (where bodies are looked for): citations in
    /// order, without overlaps.
    pub(crate) fn find(
        &self,
        text: &str,
        block: &str,
        offset: usize,
    ) -> (Vec<Found>, Vec<Malformed>) {
        let mut found = Vec::new();
        let mut malformed = Vec::new();
        self.symbols(text, &mut found, &mut malformed);
        self.resolutions(text, block, offset, &mut found);
        for (i, s) in self.series.iter().enumerate() {
            for caps in s.pattern.captures_iter(text) {
                let m = caps.get(0).expect("match");
                if !bounded(text, m.range()) {
                    continue;
                }
                let vars: Vec<(String, String)> = s
                    .names
                    .iter()
                    .filter_map(|n| {
                        let value = caps.name(&n.replace('-', "_"))?.as_str();
                        Some((n.clone(), value.to_string()))
                    })
                    .collect();
                let pairs: Vec<(&str, &str)> =
                    vars.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
                let symbol = crate::base::text::fill(&s.symbol, &pairs);
                found.push(Found {
                    range: m.range(),
                    symbol,
                    cited_as: m.as_str().split_whitespace().collect::<Vec<_>>().join(" "),
                    kind: Kind::Series(i),
                    vars,
                    paragraphs: Vec::new(),
                });
            }
        }
        found.sort_by(|a, b| {
            a.range
                .start
                .cmp(&b.range.start)
                .then(b.range.end.cmp(&a.range.end))
        });
        let mut kept: Vec<Found> = Vec::with_capacity(found.len());
        for f in found {
            if kept.last().is_some_and(|k| f.range.start < k.range.end) {
                continue;
            }
            kept.push(f);
        }
        malformed.retain(|m| {
            !kept
                .iter()
                .any(|k| k.range.start < m.range.end && m.range.start < k.range.end)
        });
        (kept, malformed)
    }

    fn part(&self, component: &str) -> Option<&Part> {
        self.parts.iter().find(|p| p.pattern.is_match(component))
    }

    fn symbols(&self, text: &str, found: &mut Vec<Found>, malformed: &mut Vec<Malformed>) {
        let Some(candidates) = &self.candidates else {
            return;
        };
        for caps in candidates.captures_iter(text) {
            let prefix = caps.name("prefix").expect("group");
            let rest = caps.name("rest").expect("group");
            let start = prefix.start();
            if text[..start]
                .chars()
                .next_back()
                .is_some_and(|c| matches!(c, '/' | '.' | '\\'))
            {
                continue;
            }
            // A full stop after the symbol ends the sentence.
            let rest_text = rest.as_str().trim_end_matches('.');
            let end = rest.start() + rest_text.len();
            if text[end..].chars().next().is_some_and(is_word) {
                continue;
            }
            let token = &text[start..end];
            let components: Vec<&str> = rest_text[1..].split('/').collect();
            let number =
                |c: &str| (1..=5).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_digit());
            let valid = |c: &str| number(c) || self.part(c).is_some();
            let numbered = |c: &str| number(c) || self.part(c).is_some_and(|p| p.numbered);
            let prefix_numbered = prefix.as_str().bytes().any(|b| b.is_ascii_digit());
            let all_valid = components.iter().all(|c| valid(c));
            let last_numbered = components.last().is_some_and(|c| numbered(c));
            if all_valid && last_numbered && (components.len() >= 2 || prefix_numbered) {
                let paragraphs = self.paragraphs_after(text, end);
                found.push(Found {
                    range: start..end,
                    symbol: token.to_string(),
                    cited_as: token.to_string(),
                    kind: Kind::Symbol,
                    vars: Vec::new(),
                    paragraphs,
                });
                continue;
            }
            let has_number = components.iter().any(|c| number(c));
            let empty = components.iter().any(|c| c.is_empty());
            let unknown: Vec<&str> = components
                .iter()
                .copied()
                .filter(|c| !c.is_empty() && !valid(c))
                .collect();
            let example = "a symbol is a series, then numbers and parts separated by single \
                           slashes (`A/85/190`, `A/85/L.5`)";
            let opt_out = "if the original has it so, wrap it in `<span class=\"nolink\">…</span>` \
                           to leave it as it is";
            if has_number && empty && unknown.is_empty() {
                let message = if components.last().is_some_and(|c| c.is_empty()) {
                    format!("`{token}` is not a complete document symbol: it ends with a slash")
                } else {
                    format!("`{token}` is not a document symbol: it has an empty part (`//`)")
                };
                malformed.push(Malformed {
                    range: start..end,
                    message,
                    hint: format!("{example}; {opt_out}"),
                });
            } else if components.first().is_some_and(|c| number(c))
                && components.len() >= 2
                && !empty
                && !unknown.is_empty()
            {
                let bad = unknown[0];
                let letters: String = bad
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .collect::<String>()
                    .to_lowercase();
                let digits: String = bad.chars().filter(char::is_ascii_digit).collect();
                let guess = self
                    .parts
                    .iter()
                    .find(|p| !letters.is_empty() && p.letters == letters)
                    .map(|p| {
                        let n = if digits.is_empty() { "1" } else { &digits };
                        p.template.replace("{n}", n)
                    });
                let hint = match guess {
                    Some(g) => format!("did you mean `{}`? {opt_out}", token.replacen(bad, &g, 1)),
                    None => format!(
                        "parts are numbers and {}; add `{bad}` to `parts` if it is one; {opt_out}",
                        self.parts
                            .iter()
                            .take(6)
                            .map(|p| format!("`{}`", p.template))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                malformed.push(Malformed {
                    range: start..end,
                    message: format!(
                        "`{token}` is not a document symbol: `{bad}` is not one of its parts"
                    ),
                    hint,
                });
            }
        }
    }

    fn resolutions(&self, text: &str, block: &str, offset: usize, found: &mut Vec<Found>) {
        let (Some(resolution), Some(list_item)) = (&self.resolution, &self.list_item) else {
            return;
        };
        let mut from = 0;
        while let Some(caps) = resolution.captures_at(text, from) {
            let whole = caps.get(0).expect("match");
            from = whole.end();
            let mut numbers = vec![number_of(&caps)];
            let mut end = whole.end();
            while let Some(next) = list_item.captures(&text[end..]) {
                let n = number_of(&next);
                numbers.push((n.0, n.1, n.2.start + end..n.2.end + end));
                end += next.get(0).expect("match").end();
            }
            from = from.max(end);
            if numbers.iter().any(|n| text[n.2.end..].starts_with('/')) {
                continue;
            }
            let keyword_at = offset + whole.start();
            let Some(body) = self.body_of(block, keyword_at, offset + end) else {
                continue;
            };
            let Some(template) = &self.bodies[body].symbol else {
                continue;
            };
            // Paragraphs of one resolution only: "paragraph 2 of resolutions 61/75 and 62/43"
            // does not say whose.
            let paragraphs = if numbers.len() == 1 {
                self.paragraphs_before(text, whole.start())
            } else {
                Vec::new()
            };
            for (session, number, range) in numbers {
                let vars = [("session", session.as_str()), ("number", number.as_str())];
                found.push(Found {
                    range,
                    symbol: crate::base::text::fill(template, &vars),
                    cited_as: format!("{} {session}/{number}", self.resolution_word),
                    kind: Kind::Resolution(body),
                    vars: Vec::new(),
                    paragraphs: paragraphs.clone(),
                });
            }
        }
    }

    /// The paragraphs named right before a resolution's word at byte `keyword` of `text`.
    fn paragraphs_before(&self, text: &str, keyword: usize) -> Vec<(String, Range<usize>)> {
        let Some(re) = &self.paragraphs_before else {
            return Vec::new();
        };
        // A window of the text before the word: the phrase is short. It starts where the
        // character its first byte falls in starts, so a word before the phrase is seen whole.
        let mut from = keyword.saturating_sub(160);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        re.captures(&text[from..keyword])
            .map(|caps| paragraph_numbers(&caps, from))
            .unwrap_or_default()
    }

    /// The paragraphs named right after a symbol ending at byte `end` of `text`.
    fn paragraphs_after(&self, text: &str, end: usize) -> Vec<(String, Range<usize>)> {
        self.paragraphs_after
            .as_ref()
            .and_then(|re| re.captures(&text[end..]))
            .map(|caps| paragraph_numbers(&caps, end))
            .unwrap_or_default()
    }

    /// The body of the resolutions whose word is at `keyword` and whose numbers end at `end`
    /// (offsets in `block`): see the module documentation.
    fn body_of(&self, block: &str, keyword: usize, end: usize) -> Option<usize> {
        if let Some(caps) = self
            .body_after
            .as_ref()
            .and_then(|r| r.captures(&block[end..]))
        {
            let name = caps.name("body").expect("group").as_str();
            return self
                .body_names
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, i)| *i);
        }
        let sentence = &block[sentence_start(block, keyword)..keyword];
        let mut named: Vec<usize> = Vec::new();
        let mut covered: Vec<Range<usize>> = Vec::new();
        for (name, i) in &self.body_names {
            for (at, _) in sentence.match_indices(name.as_str()) {
                let range = at..at + name.len();
                // Longest names first: "UN General Assembly" is not "General Assembly" again.
                if !bounded(sentence, range.clone())
                    || covered
                        .iter()
                        .any(|c| c.start < range.end && range.start < c.end)
                {
                    continue;
                }
                covered.push(range);
                if !named.contains(i) {
                    named.push(*i);
                }
            }
        }
        match named.as_slice() {
            [one] => Some(*one),
            [] => self.default_body,
            _ => None,
        }
    }
}

/// The two paragraph phrases: before a resolution's word (anchored at the end of the text
/// searched) and after a symbol (anchored at its start). Both have the groups `word` and `list`.
fn paragraph_regexes(
    cfg: &DocumentsConfig,
    of: Option<&str>,
    and: Option<&str>,
) -> (Option<Regex>, Option<Regex>) {
    let Some(word) = alternation(&cfg.words.paragraph) else {
        return (None, None);
    };
    let mut joins = vec![r"\s*,\s*".to_string(), r"\s*[–-]\s*".to_string()];
    for words in [and, alternation(&cfg.words.to).as_deref()]
        .into_iter()
        .flatten()
    {
        joins.push(format!(r"\s*,?\s+(?:{words})\s+"));
    }
    let list = format!(
        r"(?P<list>[0-9]{{1,4}}(?:(?:{})[0-9]{{1,4}})*)",
        joins.join("|")
    );
    let head = format!(r"(?P<word>(?i:\b(?:{word})))\s+{list}");
    let before = of.map(|of| {
        Regex::new(&format!(
            r"{head}\s+(?:{of})\s+(?:(?i:its)\s+)?(?:\p{{Lu}}[\p{{L}}-]*\s+){{0,4}}$"
        ))
        .expect("escaped words")
    });
    let after = Regex::new(&format!(r"^\s*,?\s*{head}\b")).expect("escaped words");
    (before, Some(after))
}

/// The numbers of a paragraph phrase's list, each with its range (the first with its word),
/// offset by `at`.
fn paragraph_numbers(caps: &regex::Captures<'_>, at: usize) -> Vec<(String, Range<usize>)> {
    let word = caps.name("word").expect("group");
    let list = caps.name("list").expect("group");
    let mut out: Vec<(String, Range<usize>)> = Vec::new();
    let bytes = caps.get(0).expect("match").as_str().as_bytes();
    let base = caps.get(0).expect("match").start();
    let mut i = list.start();
    while i < list.end() {
        let j = (i..list.end())
            .find(|&j| !bytes[j - base].is_ascii_digit())
            .unwrap_or(list.end());
        if j > i {
            let start = if out.is_empty() { word.start() } else { i };
            out.push((caps[0][i - base..j - base].to_string(), at + start..at + j));
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

fn number_of(caps: &regex::Captures<'_>) -> (String, String, Range<usize>) {
    let session = caps.name("session").expect("group");
    let number = caps.name("number").expect("group");
    (
        session.as_str().to_string(),
        number.as_str().to_string(),
        session.start()..number.end(),
    )
}

/// True when `range` of `text` is whole words (no letter or digit right outside it).
fn bounded(text: &str, range: Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    let first = text[range.clone()].chars().next();
    let last = text[range].chars().next_back();
    let joined_before = before.is_some_and(is_word) && first.is_some_and(is_word);
    let joined_after = after.is_some_and(is_word) && last.is_some_and(is_word);
    !joined_before && !joined_after
}

/// Where the sentence containing byte `at` of `text` starts: after the last `.`, `?` or `!`
/// (and a closing quote or bracket) followed by a space and a capital letter, before `at`.
pub(crate) fn sentence_start(text: &str, at: usize) -> usize {
    // The characters up to and including the one at `at` (a sentence may start there).
    let chars: Vec<(usize, char)> = text.char_indices().take_while(|(i, _)| *i <= at).collect();
    for w in (0..chars.len().saturating_sub(2)).rev() {
        let (_, a) = chars[w];
        if !matches!(a, '.' | '?' | '!') {
            continue;
        }
        let mut j = w + 1;
        while j < chars.len() && matches!(chars[j].1, '"' | '”' | '’' | ')') {
            j += 1;
        }
        if j + 1 < chars.len() && chars[j].1.is_whitespace() && chars[j + 1].1.is_uppercase() {
            return chars[j + 1].0;
        }
    }
    0
}

/// A series pattern as a regex: literal text, `{name}` a number, a space an optional space.
fn series_regex(pattern: &str, symbol: &str) -> Series {
    let mut re = String::new();
    let mut names = Vec::new();
    let mut rest = pattern.trim();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('{')
            && let Some(close) = after.find('}')
            && crate::base::text::placeholders(&rest[..close + 2]).len() == 1
        {
            let name = &after[..close];
            re.push_str(&format!("(?P<{}>[0-9]{{1,5}})", name.replace('-', "_")));
            names.push(name.to_string());
            rest = &after[close + 1..];
            continue;
        }
        let c = rest.chars().next().expect("not empty");
        if c == ' ' {
            re.push_str(r"\s?");
        } else {
            re.push_str(&regex::escape(&c.to_string()));
        }
        rest = &rest[c.len_utf8()..];
    }
    Series {
        pattern: Regex::new(&re).expect("escaped pattern"),
        names,
        symbol: symbol.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{DocumentsConfig, Series as SeriesConfig};

    fn grammar() -> Grammar {
        let mut cfg = DocumentsConfig::default();
        cfg.series.push(SeriesConfig {
            pattern: "WHA {session}.{number}".into(),
            symbol: "WHA{session}.{number}".into(),
            link: String::new(),
        });
        Grammar::new(&cfg)
    }

    fn symbols(text: &str) -> Vec<String> {
        grammar()
            .find(text, text, 0)
            .0
            .into_iter()
            .map(|f| format!("{}={}", &text[f.range], f.symbol))
            .collect()
    }

    fn malformed(text: &str) -> Vec<String> {
        grammar()
            .find(text, text, 0)
            .1
            .into_iter()
            .map(|m| m.message)
            .collect()
    }

    #[test]
    fn symbols_of_the_grammar_are_found_whole() {
        assert_eq!(
            symbols(
                "(A/68/190), A/68/L.5. A/HRC/RES/16/21 and E/CN.6/2030/L.2/Rev.1, A/CONF.202/3; \
                 S/2030/100 CEDAW/C/GC/38 FCCC/CP/2010/7/Add.1 A/RES/56/131."
            ),
            [
                "A/68/190=A/68/190",
                "A/68/L.5=A/68/L.5",
                "A/HRC/RES/16/21=A/HRC/RES/16/21",
                "E/CN.6/2030/L.2/Rev.1=E/CN.6/2030/L.2/Rev.1",
                "A/CONF.202/3=A/CONF.202/3",
                "S/2030/100=S/2030/100",
                "CEDAW/C/GC/38=CEDAW/C/GC/38",
                "FCCC/CP/2010/7/Add.1=FCCC/CP/2010/7/Add.1",
                "A/RES/56/131=A/RES/56/131",
            ]
        );
    }

    #[test]
    fn what_only_looks_like_a_symbol_is_none() {
        for text in [
            "on 10/7 and 24/7, a 3/4 majority, 1/2 of them",
            "Population Facts No. 2030/2",
            "TMELE/2030/7 and TTMLM/2030/14, GMG/KNOMAD, and/or",
            "a/68/190, x/A/68/190, A/68 session, A/B testing, S/he",
            "decision 1/CP.21 and decision 15/4, Sales No. E.02.II.A.7",
            "CBD/COP/15/17",
            "the A/68/190é",
            "WHAT 61.17",
        ] {
            assert_eq!(symbols(text), Vec::<String>::new(), "{text}");
            assert_eq!(malformed(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn malformed_symbols_say_what_is_wrong() {
        assert_eq!(
            malformed("See A/68/ and A//190 and A/68/L5."),
            [
                "`A/68/` is not a complete document symbol: it ends with a slash",
                "`A//190` is not a document symbol: it has an empty part (`//`)",
                "`A/68/L5` is not a document symbol: `L5` is not one of its parts",
            ]
        );
        let (_, m) = grammar().find("A/68/L5", "A/68/L5", 0);
        assert!(
            m[0].hint.starts_with("did you mean `A/68/L.5`?"),
            "{}",
            m[0].hint
        );
    }

    #[test]
    fn resolutions_take_the_body_named_after_or_the_only_one_before() {
        let cases = [
            (
                "The Human Rights Council, pursuant to its resolution 16/21, met.",
                vec!["16/21=A/HRC/RES/16/21"],
            ),
            (
                "A report to the UN General Assembly follow-up to resolution 56/131 \"Violence\".",
                vec!["56/131=A/RES/56/131"],
            ),
            (
                "Pursuant to resolution 16/21 of the Human Rights Council.",
                vec!["16/21=A/HRC/RES/16/21"],
            ),
            (
                "The General Assembly and the Human Rights Council: resolution 16/21.",
                vec![],
            ),
            ("Resolution 79/233, annex.", vec![]),
            (
                "The General Assembly met. Resolution 70/1 was adopted.",
                vec![],
            ),
            (
                "Economic and Social Council resolutions 2030/1 and 2030/12.",
                vec!["2030/1=E/RES/2030/1", "2030/12=E/RES/2030/12"],
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(symbols(text), expected, "{text}");
        }
    }

    #[test]
    fn lists_of_resolutions_with_dates_and_the_default_body() {
        let mut cfg = DocumentsConfig {
            default_body: "General Assembly".into(),
            ..DocumentsConfig::default()
        };
        let g = Grammar::new(&cfg);
        let text = "Recalling its resolutions 76/217 of 17 December 2021, 77/246 of 30 December \
                    2022 and 79/279 of 11 April 2025 on the convening, and 10/7 more";
        let found: Vec<String> = g
            .find(text, text, 0)
            .0
            .iter()
            .map(|f| f.symbol.clone())
            .collect();
        assert_eq!(found, ["A/RES/76/217", "A/RES/77/246", "A/RES/79/279"]);
        // A body configured without a symbol is known: its resolutions are not the default's.
        cfg.resolutions.push(ResolutionBody {
            body: "World Assembly".into(),
            forms: vec![],
            symbol: None,
        });
        let g = Grammar::new(&cfg);
        let text = "World Assembly resolution 61/17.";
        assert!(g.find(text, text, 0).0.is_empty());
    }

    /// "symbol: paragraph link texts" of every citation naming paragraphs.
    fn paragraphs(text: &str) -> Vec<String> {
        let cfg = DocumentsConfig {
            default_body: "General Assembly".into(),
            ..DocumentsConfig::default()
        };
        Grammar::new(&cfg)
            .find(text, text, 0)
            .0
            .into_iter()
            .filter(|f| !f.paragraphs.is_empty())
            .map(|f| {
                let names: Vec<&str> = f.paragraphs.iter().map(|(_, r)| &text[r.clone()]).collect();
                let numbers: Vec<&str> = f.paragraphs.iter().map(|(n, _)| n.as_str()).collect();
                format!("{}: {} = {}", f.symbol, names.join("|"), numbers.join(","))
            })
            .collect()
    }

    #[test]
    fn paragraphs_named_with_a_resolution_or_a_symbol() {
        assert_eq!(
            paragraphs(
                "Recalling paragraph 5 of its resolution 79/33 of 2 December 2024, paragraphs 9 \
                 and 10 of resolution 46/36, operative paragraph 3 of General Assembly resolution \
                 80/1, paragraphs 7 to 10 of resolution 46/30, paragraphs 1, 2 and 4 of \
                 resolution 80/2 and the report (A/80/534, para. 7; A/80/535, paras. 3–4)."
            ),
            [
                "A/RES/79/33: paragraph 5 = 5",
                "A/RES/46/36: paragraphs 9|10 = 9,10",
                "A/RES/80/1: operative paragraph 3 = 3",
                "A/RES/46/30: paragraphs 7|10 = 7,10",
                "A/RES/80/2: paragraphs 1|2|4 = 1,2,4",
                "A/80/534: para. 7 = 7",
                "A/80/535: paras. 3|4 = 3,4",
            ]
        );
        // Whose paragraph is not said, or not a paragraph of the cited document.
        for text in [
            "paragraph 2 of resolutions 61/75 and 62/43",
            "paragraph 2 of the annex to resolution 80/1",
            "the paragraph 2 and resolution 80/1",
            "paragraph 3 of the resolution, resolution 80/1",
        ] {
            assert_eq!(paragraphs(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn series_patterns_allow_an_optional_space() {
        assert_eq!(
            symbols("the resolution on health (WHA 61.17) and WHA61.18"),
            ["WHA 61.17=WHA61.17", "WHA61.18=WHA61.18"]
        );
    }

    #[test]
    fn the_text_searched_before_a_resolution_starts_on_a_character_boundary() {
        // 160 bytes before the resolution's word fall inside a two-byte `é`.
        let text = format!("{} paragraph 15 of resolution 80/1", "é".repeat(80));
        assert_eq!(text.find("resolution"), Some(177));
        assert_eq!(paragraphs(&text), ["A/RES/80/1: paragraph 15 = 15"]);
    }

    #[test]
    fn a_word_glued_to_the_paragraph_word_makes_no_phrase_where_the_search_starts() {
        // The 160 bytes searched before the resolution's word start inside the `é` glued to
        // "paragraphs": the phrase is no more a phrase there than anywhere else.
        let list: Vec<String> = (1..=35).map(|n| n.to_string()).collect();
        let phrase = format!(
            "{:<159}",
            format!("paragraphs {} and 36 of", list.join(", "))
        );
        let glued = format!("Aé{phrase}resolution 80/1");
        assert_eq!(glued.find("resolution").unwrap() - 160, 2);
        assert_eq!(paragraphs(&glued), Vec::<String>::new());
        assert_eq!(paragraphs(&format!("A {phrase}resolution 80/1")).len(), 1);
    }

    #[test]
    fn sentences_start_after_a_full_stop_and_a_capital() {
        let t = "One. Two e.g. three. \u{201c}Four.\u{201d} Five";
        assert_eq!(&t[sentence_start(t, t.len())..], "Five");
        assert_eq!(&t[sentence_start(t, 10)..10], "Two e");
    }
}
