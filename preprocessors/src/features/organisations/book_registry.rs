//! The organisation registry (`data/agencies.yaml`) is valid and complete: every organisation the
//! report names is in it.
//!
//! Completeness is checked over the report's text (`tests/fixtures/source.txt`, URLs removed):
//! every capitalised acronym-like token (two or more capitals: `UNICEF`, `UN-DESA`, `UNCTs`) and
//! every capitalised "X of the Y" / "X for the Y" name must be covered by a registry form found
//! at that place, or be on the short allow-list below, each entry with the reason it is not an
//! organisation.

use super::matcher::{Match, Matcher};
use super::registry::{self, Registry};
use crate::base::diagnostics::Diagnostics;
use regex::Regex;
use std::ops::Range;
use std::path::Path;

/// Acronym-like tokens that are not organisations.
const NOT_ORGANISATIONS: &[&str] = &[
    "HLD",         // the High-level Dialogue: an event, on the timeline
    "MDGs",        // the Millennium Development Goals
    "CSOs",        // "Civil Society Organizations": generic
    "NGOs",        // generic
    "NGO",         // generic ("local NGOs", "UNHCR-NGO Consultations")
    "IT",          // information technology
    "HIV",         // a disease
    "AIDS",        // a disease
    "UNCTs",       // UN Country Teams: one per country, not one body
    "NHDR",        // National Human Development Report: a UNDP publication
    "CAF",         // Cancun Adaptation Framework: a document
    "VRS-MSRC",    // a reporting mechanism (software), not a body
    "MCOF",        // IOM's Migration Crisis Operational Framework: a document
    "GEFI",        // Global Education First Initiative: a campaign
    "MOST",        // UNESCO's Management of Social Transformations: a programme
    "WHA",         // in the resolution symbol "WHA 61.17"
    "IAmAMigrant", // a campaign hashtag
    "TMELE",       // ILO document symbol (endnote vii)
    "TTMLM",       // ILO document symbol (endnote xix)
    "FCCC",        // UN document symbol (endnote xi)
    "CP",          // UN document symbol (endnote xi)
];

/// Capitalised "X of the Y" names that are not organisations: the name starts with one of these.
const NOT_ORGANISATION_NAMES: &[&str] = &[
    "Session of the",         // sessions of councils and conferences: events (timeline)
    "Regular Session of the", // idem
    "Declaration of the",     // the 2013 HLD Declaration: a document
    "The Declaration of the", // idem
    "Report of the",          // reports: documents
    "The Report of the",      // idem
    "Conclusions of the",     // conclusions of a meeting: a document (endnote xix)
    "Overview of the",        // an IOM document (endnote xx)
    "Workshop on the",        // an event (endnote v)
    "KNOMAD-United Nations Population Division Seminar", // an event (the seminar of 29 April 2014)
    "Indicators on the",      // an expert consultation's subject (endnote xiii)
    "Migration Indicators for the", // a retreat's subject
    "Practice on the",        // the WHO Global Code of Practice: an instrument
    "Initiative of the",      // "an Initiative of the NGO Committee": the committee is registered
];

/// The book's registry and its matcher.
struct Reg {
    registry: Registry,
    matcher: Matcher,
}

impl Reg {
    fn find(&self, text: &str) -> Vec<Match> {
        self.matcher.find(text)
    }
}

fn registry() -> Reg {
    let mut diags = Diagnostics::new();
    let registry = registry::load(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        Path::new("data/agencies.yaml"),
        Path::new("agencies"),
        &mut diags,
    );
    assert!(diags.is_empty(), "{}", diags.render());
    let matcher = Matcher::new(&registry.directory, &[]);
    Reg { registry, matcher }
}

fn report_lines() -> Vec<String> {
    let url = Regex::new(r"<?(?:https?://|www\.)[^\s>]+>?").unwrap();
    include_str!("../../../../tests/fixtures/source.txt")
        .lines()
        .map(|l| url.replace_all(l, " ").into_owned())
        .collect()
}

fn covered(matches: &[Range<usize>], span: Range<usize>) -> bool {
    matches
        .iter()
        .any(|m| m.start <= span.start && span.end <= m.end)
}

#[test]
fn the_registry_is_valid() {
    let reg = registry();
    let n = reg.registry.directory.orgs.len();
    assert!(n >= 80, "{n} organisations");
}

fn unknown_tokens(reg: &Reg, lines: &[String]) -> Vec<String> {
    let token = Regex::new(r"[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*").unwrap();
    let mut unknown = Vec::new();
    for line in lines {
        let matches: Vec<Range<usize>> = reg.find(line).into_iter().map(|m| m.range).collect();
        for t in token.find_iter(line) {
            // Check each hyphen-separated part with two or more capitals on its own.
            let mut offset = t.start();
            for part in t.as_str().split('-') {
                let span = offset..offset + part.len();
                offset += part.len() + 1;
                let capitals = part.chars().filter(char::is_ascii_uppercase).count();
                if capitals < 2 || covered(&matches, span.clone()) || covered(&matches, t.range()) {
                    continue;
                }
                let whole = t.as_str();
                if NOT_ORGANISATIONS.contains(&part) || NOT_ORGANISATIONS.contains(&whole) {
                    continue;
                }
                unknown.push(format!("{part} (in “{whole}”)"));
            }
        }
    }
    unknown.sort();
    unknown.dedup();
    unknown
}

fn unknown_names(reg: &Reg, lines: &[String]) -> Vec<String> {
    let name = Regex::new(
        r"(?:[A-Z][\w'’-]*\s+)*[A-Z][\w'’-]*\s+(?:of|for|on)\s+the\s+[A-Z][\w'’-]*(?:\s+(?:of\s+|and\s+|for\s+|on\s+)?[A-Z][\w'’-]*)*",
    )
    .unwrap();
    let connective = Regex::new(r"\s(?:of|for|on)\s+the\s").unwrap();
    let mut unknown = Vec::new();
    for line in lines {
        let matches: Vec<Range<usize>> = reg.find(line).into_iter().map(|m| m.range).collect();
        for m in name.find_iter(line) {
            let c = connective.find(m.as_str()).expect("connective");
            let span = m.start() + c.start()..m.start() + c.end();
            // Fine when the connective is inside a registered name, or when a registered name
            // ends right before it and another starts right after ("Population Division of the
            // United Nations Department of Economic and Social Affairs").
            let ends_before = matches.iter().any(|r| r.end == span.start);
            let starts_after = matches.iter().any(|r| r.start == span.end);
            if covered(&matches, span.clone()) || (ends_before && starts_after) {
                continue;
            }
            if NOT_ORGANISATION_NAMES
                .iter()
                .any(|n| m.as_str().starts_with(n))
            {
                continue;
            }
            unknown.push(m.as_str().to_string());
        }
    }
    unknown.sort();
    unknown.dedup();
    unknown
}

#[test]
fn every_acronym_like_token_is_an_organisation_or_allow_listed() {
    let unknown = unknown_tokens(&registry(), &report_lines());
    assert!(
        unknown.is_empty(),
        "not in the registry nor allow-listed:\n{}",
        unknown.join("\n")
    );
}

#[test]
fn every_of_the_name_is_an_organisation_or_allow_listed() {
    let unknown = unknown_names(&registry(), &report_lines());
    assert!(
        unknown.is_empty(),
        "not in the registry nor allow-listed:\n{}",
        unknown.join("\n")
    );
}

#[test]
fn the_checks_report_an_unregistered_body() {
    let lines =
        vec!["The FOOBAR-UNICEF plan of the Council of the Wise and the UN Women.".to_string()];
    let reg = registry();
    assert_eq!(
        unknown_tokens(&reg, &lines),
        ["FOOBAR (in “FOOBAR-UNICEF”)"]
    );
    assert_eq!(unknown_names(&reg, &lines), ["Council of the Wise"]);
}
