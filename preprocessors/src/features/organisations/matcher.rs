//! Finding the registry's forms in text: one Aho-Corasick automaton over every form (both
//! apostrophes, accents composed and decomposed) and every phrase the book never links, longest
//! match first, whole words only.
//!
//! Two things that look like mentions are not: a form inside a phrase the book lists under
//! `never-link` (the phrase is matched like a form and wins by being longer, but links nothing),
//! and a form inside a document symbol (`HRC` in `A/HRC/17/31`, `CEDAW` in `CEDAW/C/GC/38`): a
//! slash-separated token with a segment of digits.

use crate::model::OrgId;
use crate::model::orgs::Directory;
use aho_corasick::AhoCorasick;
use std::ops::Range;
use unicode_normalization::UnicodeNormalization;

/// What a pattern of the automaton stands for.
#[derive(Debug, Clone, Copy)]
struct Pattern {
    /// The organisation, or none for a never-linked phrase.
    org: Option<OrgId>,
    acronym: bool,
}

/// A form found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// The organisation.
    pub org: OrgId,
    /// Byte range in the searched text.
    pub range: Range<usize>,
    /// The acronym (not the full name or another form) matched.
    pub acronym: bool,
}

/// The automaton over a directory's forms.
#[derive(Debug, Default)]
pub struct Matcher {
    automaton: Option<AhoCorasick>,
    patterns: Vec<Pattern>,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

impl Matcher {
    /// Every form of `dir`'s organisations, and the `never_link` phrases.
    pub fn new(dir: &Directory, never_link: &[String]) -> Matcher {
        let mut strings: Vec<String> = Vec::new();
        let mut patterns = Vec::new();
        let mut add = |form: &str, pattern: Pattern| {
            // Smart punctuation renders ' as ’, and a letter with an accent may be typed as one
            // character or as the letter and the accent (NFC, NFD): look for every spelling.
            let mut spellings: Vec<String> = Vec::with_capacity(4);
            for composed in [form.nfc().collect::<String>(), form.nfd().collect()] {
                for spelling in [composed.replace('’', "'"), composed.replace('\'', "’")] {
                    if !spellings.contains(&spelling) {
                        spellings.push(spelling);
                    }
                }
            }
            for spelling in spellings {
                strings.push(spelling);
                patterns.push(pattern);
            }
        };
        for (id, org) in dir.iter() {
            let forms = std::iter::once((&org.name, false))
                .chain(org.acronym.iter().map(|a| (a, true)))
                .chain(org.forms.iter().map(|f| (f, false)));
            for (form, acronym) in forms {
                add(
                    form,
                    Pattern {
                        org: Some(id),
                        acronym,
                    },
                );
            }
        }
        for phrase in never_link
            .iter()
            .map(|p| p.trim())
            .filter(|p| !p.is_empty())
        {
            add(
                phrase,
                Pattern {
                    org: None,
                    acronym: false,
                },
            );
        }
        let automaton =
            (!strings.is_empty()).then(|| AhoCorasick::new(&strings).expect("patterns build"));
        Matcher {
            automaton,
            patterns,
        }
    }

    /// Every mention of a form in `text`: whole words only (a possessive `'s` may follow), the
    /// longest valid form or never-linked phrase winning at each position, no overlaps, left to
    /// right, none inside a document symbol.
    pub fn find(&self, text: &str) -> Vec<Match> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        let mut candidates: Vec<(Range<usize>, Pattern)> = ac
            .find_overlapping_iter(text)
            .filter(|m| {
                let before = text[..m.start()].chars().next_back();
                let after = text[m.end()..].chars().next();
                !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
            })
            .map(|m| (m.start()..m.end(), self.patterns[m.pattern().as_usize()]))
            .collect();
        candidates.sort_by(|a, b| a.0.start.cmp(&b.0.start).then(b.0.end.cmp(&a.0.end)));
        let mut kept: Vec<(Range<usize>, Pattern)> = Vec::new();
        for c in candidates {
            if kept.last().is_some_and(|last| c.0.start < last.0.end) {
                continue;
            }
            kept.push(c);
        }
        kept.into_iter()
            .filter(|(range, _)| !in_symbol(text, range.clone()))
            .filter_map(|(range, p)| {
                Some(Match {
                    org: p.org?,
                    range,
                    acronym: p.acronym,
                })
            })
            .collect()
    }
}

/// True when `range` of `text` lies in a document symbol: the whitespace-delimited token around
/// it has a `/` and a segment of digits (`A/HRC/17/31`), which an organisation's name such as
/// `WHO/FAO` has not.
fn in_symbol(text: &str, range: Range<usize>) -> bool {
    let start = text[..range.start]
        .rfind(char::is_whitespace)
        .map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
    let end = text[range.end..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| range.end + i);
    let token = text[start..end].trim_matches(|c: char| !c.is_alphanumeric());
    token.contains('/')
        && token
            .split('/')
            .any(|seg| !seg.is_empty() && seg.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::organisations::registry;
    use std::path::Path;

    const SAMPLE: &str = "organisations:
  - {id: un, name: United Nations, acronym: UN}
  - {id: un-women, name: United Nations Entity for Gender Equality and the Empowerment of Women, acronym: UN Women}
  - {id: ilo, name: International Labour Organization, acronym: ILO}
  - {id: itc-ilo, name: International Training Center of the ILO, acronym: ITC-ILO, forms: [International Training Centre], parent: ilo}
  - {id: unicef, name: United Nations Children's Fund, acronym: UNICEF}
  - {id: unfpa, name: United Nations Population Fund, acronym: UNFPA}
  - {id: un-desa, name: United Nations Department of Economic and Social Affairs, acronym: UN-DESA}
  - {id: hrc, name: Human Rights Council, acronym: HRC}
";

    fn matcher(never_link: &[&str]) -> (Directory, Matcher) {
        let mut d = crate::base::diagnostics::Diagnostics::new();
        let r = registry::parse(SAMPLE, Path::new("r.yaml"), Path::new("o"), &mut d);
        assert_eq!(d.render(), "0 errors, 0 warnings");
        let phrases: Vec<String> = never_link.iter().map(|s| s.to_string()).collect();
        let m = Matcher::new(&r.directory, &phrases);
        (r.directory, m)
    }

    fn found(never_link: &[&str], text: &str) -> Vec<(String, String)> {
        let (dir, m) = matcher(never_link);
        m.find(text)
            .into_iter()
            .map(|m| (dir.org(m.org).id.clone(), text[m.range].to_string()))
            .collect()
    }

    fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn longest_match_wins_and_words_must_be_whole() {
        assert_eq!(
            found(
                &[],
                "UN Women and the UN, ITC-ILO and ILO, UN-DESA; UNCTs, UNICEF’s and UNICEF's work."
            ),
            pairs(&[
                ("un-women", "UN Women"),
                ("un", "UN"),
                ("itc-ilo", "ITC-ILO"),
                ("ilo", "ILO"),
                ("un-desa", "UN-DESA"),
                ("unicef", "UNICEF"),
                ("unicef", "UNICEF"),
            ])
        );
    }

    #[test]
    fn a_name_with_an_accent_matches_the_text_composed_or_decomposed() {
        let mut d = crate::base::diagnostics::Diagnostics::new();
        // The registry writes "é" as one character, the text as "e" and an accent, and back.
        let yaml = "organisations:\n  - {id: cre, name: Caf\u{e9} R\u{e9}seau}\n  - {id: ecc, name: E\u{301}cole Centrale}\n";
        let r = registry::parse(yaml, Path::new("r.yaml"), Path::new("o"), &mut d);
        let m = Matcher::new(&r.directory, &[]);
        let ids = |text: &str| -> Vec<String> {
            m.find(text)
                .into_iter()
                .map(|f| r.directory.org(f.org).id.clone())
                .collect()
        };
        assert_eq!(
            ids("the Cafe\u{301} Re\u{301}seau and the \u{c9}cole Centrale"),
            ["cre", "ecc"]
        );
        assert_eq!(
            ids("the Caf\u{e9} R\u{e9}seau and the E\u{301}cole Centrale"),
            ["cre", "ecc"]
        );
    }

    #[test]
    fn full_names_match_with_either_apostrophe() {
        assert_eq!(found(&[], "the United Nations Children’s Fund").len(), 1);
        assert_eq!(
            found(&[], "the United Nations Children's Fund")[0].0,
            "unicef"
        );
        // "United Nations" inside the longer name is not a separate mention.
        assert_eq!(
            found(&[], "United Nations Children's Fund (UNICEF)").len(),
            2
        );
    }

    #[test]
    fn a_longer_form_that_is_not_a_whole_word_falls_back_to_a_shorter_one() {
        assert_eq!(found(&[], "UN Womenfolk"), pairs(&[("un", "UN")]));
    }

    #[test]
    fn a_form_ending_in_punctuation_and_one_starting_with_it_may_touch() {
        // Each is a whole word (punctuation is not part of a word), and neither overlaps the
        // other: both are mentions.
        let mut d = crate::base::diagnostics::Diagnostics::new();
        let yaml =
            "organisations:\n  - {id: co, name: Alpha Co.}\n  - {id: net, name: .Net Group}\n";
        let r = registry::parse(yaml, Path::new("r.yaml"), Path::new("o"), &mut d);
        let m = Matcher::new(&r.directory, &[]);
        let text = "Alpha Co..Net Group";
        let found: Vec<(&str, &str)> = m
            .find(text)
            .into_iter()
            .map(|f| (r.directory.org(f.org).id.as_str(), &text[f.range]))
            .collect();
        assert_eq!(found, [("co", "Alpha Co."), ("net", ".Net Group")]);
    }

    #[test]
    fn never_linked_phrases_hide_the_forms_inside_them() {
        let text = "the United Nations Convention against Transnational Organized Crime and the United Nations";
        assert_eq!(
            found(
                &["United Nations Convention against Transnational Organized Crime"],
                text
            ),
            pairs(&[("un", "United Nations")])
        );
        assert_eq!(found(&[], text).len(), 2);
    }

    #[test]
    fn an_acronym_inside_a_document_symbol_is_not_a_mention() {
        assert_eq!(
            found(
                &[],
                "(A/HRC/17/31), HRC/RES/16/21 and CEDAW/C/GC/38; the HRC and UNICEF/UNFPA."
            ),
            pairs(&[("hrc", "HRC"), ("unicef", "UNICEF"), ("unfpa", "UNFPA")])
        );
        // A token needs a segment of digits: empty segments (`//`) are not one.
        assert_eq!(
            found(&[], "ILO//UNICEF"),
            pairs(&[("ilo", "ILO"), ("unicef", "UNICEF")])
        );
        // The token starts after the whitespace, whatever its width (an em space: 3 bytes); the
        // symbol-like `x/1/` before it is another token.
        assert_eq!(found(&[], "x/1/\u{2003}ILO"), pairs(&[("ilo", "ILO")]));
        // Punctuation around the token is not part of its segments: `17` is one of digits.
        assert_eq!(found(&[], "See HRC/17."), pairs(&[]));
    }
}
