//! `mdbook-report registry suggest`: the names of organisations and bodies the book's texts use
//! and its registry lacks, for the editor to curate `data/organisations.yaml` by hand (an entry
//! point: it reads the book as the preprocessor does and the registry with its loader, and
//! changes nothing).
//!
//! Two kinds of name are found in the chapters' prose (never in code, links, raw HTML,
//! headings or front matter, as the organisations' matcher reads them):
//!
//! - **Acronym definitions**, "Full Name (ACR)": an acronym of at least two capitals in
//!   brackets, and the shortest run of capitalised words before it (with `of`, `and`, `for` …
//!   between them) that starts with the acronym's first letter and holds its letters in order
//!   ("International Criminal Police Organization (INTERPOL)").
//! - **Bodies named with "the"**: capitalised words after "the" ending in a word that names a
//!   body ([`BODY_WORDS`]: Council, Commission, Committee, Assembly, Organization, Programme,
//!   Fund, Office, Agency …), with a capitalised tail after `of`/`for`/`on` ("the Human Rights
//!   Council", "the Commission for Social Development"); a body word alone ("the Council") is
//!   not a name.
//!
//! A name is known when the registry has it as a name, form or acronym (or, for a definition,
//! has its acronym); `never-link` phrases are known too. Each unknown name is listed with how
//! many times the texts use it (whole words, the acronym's uses counted with its name's) and
//! where first, the most used first.

use crate::base::diagnostics::{Diagnostics, Location};
use crate::config::Config;
use crate::features::organisations::registry;
use crate::model::Model;
use aho_corasick::{AhoCorasick, MatchKind};
use anyhow::Context;
use regex::Regex;
use std::collections::HashSet;
use std::path::Path;
use std::sync::LazyLock;

/// The last word of a body's name ("the … Council").
pub(crate) const BODY_WORDS: &[&str] = &[
    "Council",
    "Commission",
    "Committee",
    "Assembly",
    "Organization",
    "Organisation",
    "Programme",
    "Program",
    "Fund",
    "Office",
    "Agency",
    "Bank",
    "Board",
    "Forum",
    "Court",
    "Tribunal",
    "Secretariat",
    "Union",
    "Institute",
    "Centre",
    "Center",
    "Panel",
    "Department",
    "Authority",
    "Facility",
    "Entity",
    "Mechanism",
    "Partnership",
    "Platform",
];

/// Small words inside a name ("Food and Agriculture Organization", "Office of the …").
const JOINS: &str = "of|and|for|on|the|to|in|de|des|du|la|le|et";

/// A capitalised word (letters, digits, apostrophes, hyphens, dots inside: "Children's",
/// "Non-Governmental"); a full stop after it ends the sentence, not the word.
const WORD: &str = r"\p{Lu}[\p{L}\p{N}'’\-]*(?:\.[\p{L}\p{N}]+)*";

static DEFINITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\(\s*(?P<acronym>\p{Lu}[\p{L}\p{N}&\-]{1,15})\s*\)").expect("valid regex")
});

static BODY: LazyLock<Regex> = LazyLock::new(|| {
    let heads = BODY_WORDS.join("|");
    Regex::new(&format!(
        r"\b[Tt]he\s+(?P<name>(?:{WORD}\s+(?:(?:{JOINS})\s+)*)*?(?:{heads})\b(?:\s+(?:of|for|on)\s+(?:the\s+)?{WORD}(?:\s+(?:(?:{JOINS})\s+)*{WORD})*)?)"
    ))
    .expect("valid regex")
});

/// One name the registry lacks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The name as the text writes it ("International Criminal Police Organization (INTERPOL)").
    pub name: String,
    /// Its full name alone, and its acronym, for a definition.
    pub full: String,
    /// The acronym of a definition.
    pub acronym: Option<String>,
    /// How many times the texts use it (whole words; a definition's acronym counted too).
    pub count: usize,
    /// Where the texts first name it.
    pub first: Location,
}

impl Suggestion {
    /// `  12  Name  src/a.md:3`.
    pub fn line(&self, width: usize) -> String {
        format!(
            "{:>5}  {:<width$}  {}:{}",
            self.count,
            self.name,
            self.first.path.display(),
            self.first.line
        )
    }
}

/// The suggestions for the book at `root`, most used first (then by name); problems loading it
/// go to `diags`.
pub fn suggest(root: &Path, diags: &mut Diagnostics) -> anyhow::Result<Vec<Suggestion>> {
    let toml = root.join("book.toml");
    let text = std::fs::read_to_string(&toml)
        .with_context(|| format!("cannot read {}", toml.display()))?;
    let book = mdbook_driver::MDBook::load(root)
        .with_context(|| format!("cannot load the book at {}", root.display()))?;
    let cfg = Config::from_mdbook(&book.config, Some(&text), diags);
    let model = Model::build(&book.book, &book.config.book.src, diags);
    let path = cfg.organisations.registry_path();
    let known = if root.join(path).exists() {
        let registry = registry::load(root, path, Path::new("organisations"), diags);
        let mut known: HashSet<String> = cfg
            .organisations
            .never_link
            .iter()
            .map(|n| normal(n))
            .collect();
        for org in &registry.directory.orgs {
            known.insert(normal(&org.name));
            known.extend(org.forms.iter().map(|f| normal(f)));
            known.extend(org.acronym.iter().map(|a| normal(a)));
        }
        known
    } else {
        HashSet::new()
    };
    Ok(find(&model, &known))
}

/// Whitespace collapsed and the apostrophe straight: how names are compared.
fn normal(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('’', "'")
}

/// The unknown names of `model`'s prose.
pub(crate) fn find(model: &Model, known: &HashSet<String>) -> Vec<Suggestion> {
    // Every naming: (where, full name, acronym), definitions first.
    let mut namings: Vec<(Location, String, Option<String>)> = Vec::new();
    let mut bodies: Vec<(Location, String, Option<String>)> = Vec::new();
    for ch in &model.chapters {
        for run in &ch.doc.runs {
            let locate = |at: usize| {
                run.source_range(at..at + 1).map_or_else(
                    || ch.locate(ch.block(run.block).range.start),
                    |r| ch.locate(r.start),
                )
            };
            for caps in DEFINITION.captures_iter(&run.text) {
                let acronym = caps.name("acronym").expect("group");
                if acronym
                    .as_str()
                    .chars()
                    .filter(|c| c.is_uppercase())
                    .count()
                    < 2
                {
                    continue;
                }
                let open = caps.get(0).expect("match").start();
                if let Some(start) = defined_name(&run.text[..open], acronym.as_str()) {
                    let full = normal(&run.text[start..open]);
                    namings.push((locate(start), full, Some(acronym.as_str().to_string())));
                }
            }
            for caps in BODY.captures_iter(&run.text) {
                let name = caps.name("name").expect("group");
                if name.as_str().split_whitespace().count() >= 2 {
                    bodies.push((locate(name.start()), normal(name.as_str()), None));
                }
            }
        }
    }
    // A name whose acronym the registry has is known under its full name too.
    let mut known = known.clone();
    for (_, full, acronym) in &namings {
        if acronym.as_ref().is_some_and(|a| known.contains(a.as_str())) {
            known.insert(full.clone());
        }
    }
    namings.sort_by(|a, b| (&a.0.path, a.0.line, a.0.col).cmp(&(&b.0.path, b.0.line, b.0.col)));
    let mut found: Vec<Suggestion> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for (first, full, acronym) in namings.into_iter().chain(bodies) {
        if known.contains(&full) || !seen.insert(full.clone()) {
            continue;
        }
        let name = match &acronym {
            Some(a) => format!("{full} ({a})"),
            None => full.clone(),
        };
        found.push(Suggestion {
            name,
            full,
            acronym,
            count: 0,
            first,
        });
    }
    count(model, &mut found);
    found.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    found
}

/// Counts each suggestion's whole-word uses (its name, and its acronym) in one pass over the
/// prose, longest match first ("the Economic and Social Council" is not also "Social Council").
fn count(model: &Model, found: &mut [Suggestion]) {
    // Each pattern's suggestion, and whether it is the full name (not the acronym).
    let mut patterns: Vec<String> = Vec::new();
    let mut owner: Vec<(usize, bool)> = Vec::new();
    for (i, s) in found.iter().enumerate() {
        patterns.push(s.full.clone());
        owner.push((i, true));
        if let Some(a) = &s.acronym {
            patterns.push(a.clone());
            owner.push((i, false));
        }
    }
    if patterns.is_empty() {
        return;
    }
    let matcher = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&patterns)
        .expect("literal patterns");
    for ch in &model.chapters {
        for run in &ch.doc.runs {
            let text = normal(&run.text);
            // "Full Name (ACR)" is one naming: the acronym right after its name is not another.
            let mut defined: Option<(usize, usize)> = None;
            for m in matcher.find_iter(&text) {
                let before = text[..m.start()].chars().next_back();
                let after = text[m.end()..].chars().next();
                let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
                if word(before) || word(after) {
                    continue;
                }
                let (i, full) = owner[m.pattern().as_usize()];
                if defined.is_some_and(|(j, end)| j == i && m.start() == end) {
                    continue;
                }
                found[i].count += 1;
                if let (true, Some(a)) = (full, &found[i].acronym)
                    && text[m.end()..].starts_with(&format!(" ({a})"))
                {
                    defined = Some((i, m.end() + 2));
                }
            }
        }
    }
}

/// Where the name an acronym defines starts in `before` (the text up to its bracket): the
/// shortest run of capitalised words (small words between them) ending right before the
/// bracket, starting with the acronym's first letter, whose letters hold the acronym's in order.
fn defined_name(before: &str, acronym: &str) -> Option<usize> {
    static WORDS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\S+").expect("valid regex"));
    let joins: Vec<&str> = JOINS.split('|').collect();
    let all: Vec<(usize, &str)> = WORDS
        .find_iter(before)
        .map(|m| (m.start(), m.as_str()))
        .collect();
    // The words right before the bracket, back to the first that is neither capitalised nor a
    // small word of names.
    let words: Vec<(usize, &str)> = all
        .iter()
        .rev()
        .take_while(|(_, w)| w.chars().next().is_some_and(char::is_uppercase) || joins.contains(w))
        .take(16)
        .copied()
        .collect();
    let end = before.trim_end().len();
    let first = acronym.chars().next()?.to_lowercase().next()?;
    let letters: Vec<char> = acronym
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    words.iter().find_map(|&(start, word)| {
        let initial = word.chars().next()?;
        if !initial.is_uppercase() || initial.to_lowercase().next() != Some(first) {
            return None;
        }
        let text: Vec<char> = before[start..end]
            .chars()
            .flat_map(char::to_lowercase)
            .collect();
        let mut it = text.iter();
        letters.iter().all(|l| it.any(|c| c == l)).then_some(start)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::model;

    fn names(text: &str, known: &[&str]) -> Vec<(String, usize)> {
        let mut diags = Diagnostics::new();
        let m = model(&[("a.md", text)], &mut diags);
        let known = known.iter().map(|k| k.to_string()).collect();
        find(&m, &known)
            .into_iter()
            .map(|s| (s.name, s.count))
            .collect()
    }

    #[test]
    fn acronym_definitions_take_the_shortest_name_that_spells_them() {
        assert_eq!(
            names(
                "Welcomes the work of the United Nations Children's Fund (UNICEF) and of \
                 the Office of the United Nations High Commissioner for Refugees (UNHCR); \
                 UNICEF reports. A note (see annex) and (A) are not acronyms.",
                &[]
            ),
            [
                ("United Nations Children's Fund (UNICEF)".to_string(), 2),
                // A body named with "the", and, inside it, the acronym's shortest name.
                (
                    "Office of the United Nations High Commissioner for Refugees".to_string(),
                    1
                ),
                (
                    "United Nations High Commissioner for Refugees (UNHCR)".to_string(),
                    1
                ),
            ]
        );
    }

    #[test]
    fn bodies_after_the_end_in_a_body_word_or_have_a_tail() {
        assert_eq!(
            names(
                "Requests the Human Rights Council and the Commission for Social Development \
                 to report to the General Assembly; the Council shall meet, and the Human \
                 Rights Council agrees.",
                &["General Assembly"]
            ),
            [
                ("Human Rights Council".to_string(), 2),
                ("Commission for Social Development".to_string(), 1),
            ]
        );
    }

    #[test]
    fn known_names_forms_and_acronyms_are_left_out() {
        assert!(
            names(
                "The World Health Organization (WHO) and the Human Rights Council.",
                &["WHO", "Human Rights Council"]
            )
            .is_empty()
        );
    }

    #[test]
    fn a_line_right_aligns_the_count_and_pads_the_name_to_the_width() {
        let s = Suggestion {
            name: "Human Rights Council".to_string(),
            full: "Human Rights Council".to_string(),
            acronym: None,
            count: 12,
            first: Location {
                path: "src/a.md".into(),
                line: 3,
                col: 9,
            },
        };
        assert_eq!(s.line(24), "   12  Human Rights Council      src/a.md:3");
    }

    #[test]
    fn a_name_is_first_found_where_its_words_start() {
        let mut diags = Diagnostics::new();
        let m = model(
            &[(
                "a.md",
                "# A\n\nIt welcomes *the* work of\nthe Human Rights Council.\n",
            )],
            &mut diags,
        );
        let found = find(&m, &HashSet::new());
        let places: Vec<(&str, usize, usize)> = found
            .iter()
            .map(|s| (s.name.as_str(), s.first.line, s.first.col))
            .collect();
        assert_eq!(places, [("Human Rights Council", 4, 5)]);
    }

    #[test]
    fn an_acronym_needs_two_capitals() {
        assert_eq!(
            names("Alpha Beta (Ab) and the Economic Commission (EC).", &[]),
            [("Economic Commission (EC)".to_string(), 1)]
        );
    }

    #[test]
    fn a_use_inside_a_longer_word_on_either_side_is_not_counted() {
        assert_eq!(
            names(
                "The Joint Unit (JU) met; JUs, XJU and JU-related work; JU again.",
                &[]
            ),
            [("Joint Unit (JU)".to_string(), 3)]
        );
    }

    #[test]
    fn only_the_acronym_right_after_its_name_is_part_of_the_naming() {
        assert_eq!(
            names("The Joint Unit (JU) met. JU reports; JU agrees.", &[]),
            [("Joint Unit (JU)".to_string(), 3)]
        );
    }

    #[test]
    fn a_defined_name_starts_at_a_capitalised_word_with_the_acronyms_first_letter() {
        // "Food" holds o and d but starts with another letter; "of" starts with o but is a
        // small word.
        assert_eq!(
            names("Notes the Office of Food (OD).", &[]),
            [("Office of Food (OD)".to_string(), 1)]
        );
    }

    #[test]
    fn a_defined_name_holds_the_acronyms_letters_in_order() {
        // "Office Dogs" has o and s but no d after them.
        assert_eq!(
            names("Notes Oslo Office Dogs (OSD).", &[]),
            [("Oslo Office Dogs (OSD)".to_string(), 1)]
        );
    }

    #[test]
    fn suggest_reads_the_book_and_leaves_out_what_its_registry_knows() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("src")).unwrap();
        std::fs::create_dir_all(root.join("data")).unwrap();
        std::fs::write(root.join("book.toml"), "[book]\ntitle = \"T\"\n").unwrap();
        std::fs::write(root.join("src/SUMMARY.md"), "# Summary\n\n- [A](a.md)\n").unwrap();
        std::fs::write(
            root.join("src/a.md"),
            "# A\n\nThe Human Rights Council and the Joint Unit (JU) met.\n",
        )
        .unwrap();
        let mut diags = Diagnostics::new();
        let found = suggest(root, &mut diags).unwrap();
        let names: Vec<&str> = found.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Human Rights Council", "Joint Unit (JU)"]);
        std::fs::write(
            root.join("data/organisations.yaml"),
            "organisations:\n- {id: ju, name: Other Name, acronym: JU}\n",
        )
        .unwrap();
        let found = suggest(root, &mut diags).unwrap();
        let names: Vec<&str> = found.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Human Rights Council"]);
        assert_eq!(diags.errors(), 0);
    }
}
