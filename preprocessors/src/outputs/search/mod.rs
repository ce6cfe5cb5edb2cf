//! The site's search index: built by the post-build step from the pages mdBook has written, in
//! small files a reader's browser fetches only as a query needs them (`theme/search.js` is the
//! client). It replaces mdBook's own index (`searchindex.js`, one file of every page's text,
//! downloaded whole when search opens; BENCHMARKS.md has the sizes of both).
//!
//! What is searched: every page, cut into records at its headings ([`extract`]), and every
//! element a page marks as a record of its own (the timeline's meetings). A record's kind is
//! its page's (chapter, overview, organisation) or its own (meeting); its organisations are the
//! organisation pages it links to (and, for an organisation's page, that organisation); its
//! agenda items are its chapter's, or for generated records those of the chapters they link to.
//!
//! The files, under `search/` in the site (all sizes are what a reader downloads):
//!
//! - `meta.json`: the number of records (and of records per file), the kinds' ranges of record ids (records are numbered
//!   kind by kind, so a kind filter needs no data), the shards that are split (below), the agenda
//!   items' labels. Fetched when search opens.
//! - `t/<prefix>.bin`: the terms that start with a prefix, each with its postings (record id,
//!   weight). A prefix's shard is split into longer prefixes while it is larger than
//!   [`SHARD_LIMIT`]; a split shard keeps only the term equal to its prefix. The client walks
//!   from a query word's first letter down the split prefixes to the one shard to fetch, so a
//!   query costs one shard per word, however large the site.
//! - `p/<prefix>.bin`, beside each shard: where each of its terms stands in each record of its
//!   postings (the word positions), fetched only for the words of a "quoted phrase".
//! - `v/<c>.bin`, for a first character whose shard is split: every term of [`TYPO_MIN`] − 1
//!   characters or more that starts with it, without postings (the typo tolerance's vocabulary;
//!   an unsplit shard is its own).
//! - `r/<n>.json`: records `4n` to `4n + 3` ([`RECORDS_PER_FILE`]), each its URL, title
//!   ("Page » Section") and text (the first 2,500 characters), for the result's line and
//!   excerpt; fetched for the results shown (ten at a time).
//! - `f/o/<c>.bin`, `f/a/<c>.bin`: the records of each organisation and agenda item, the values
//!   that start with character `c` in one file (per value: its length and bytes, the number of
//!   records and their ids), fetched when a reader filters by one; `orgs.json` names the
//!   organisations for the filter, fetched when the filter is first used.
//!
//! Binary files are sequences of unsigned LEB128 numbers. A shard, per term: the bytes shared
//! with the previous term, then the rest's length and UTF-8 bytes, then the number of postings
//! and, per posting, the record id's difference from the previous one and its weight. A
//! positions file, per term and per posting in the shard's order: the number of positions, then
//! each position's difference from the previous one. A vocabulary file: the shard's terms
//! without postings. `theme/search.js` reads them all.
//!
//! A weight is ten times the record's score for the term: BM25 over its text, plus 1.5 times the
//! term's idf when the record's own heading has it, plus, for the top of a page whose title has
//! the term, twice its idf scaled by how much the page uses it (`n / (n + 1.2)` for `n`
//! occurrences in the page's title and text), the whole times 0.8 for the records of generated
//! pages: the chapter that is about a word ranks before the short records that merely name it
//! in their own title (a meeting, an organisation, the agenda's summary of the chapter). Positions count
//! the record's words in the order search matches phrases in: its own heading, (a section) its
//! page's title, then its text, a word left out between the three so that no phrase spans them.
//!
//! What the client does with them (the Rust tests of the built index do the same): a query word
//! matches the terms it is or starts (a prefix counts half); a word of [`TYPO_MIN`] characters
//! or more (not a number) also matches, at less, the terms one typo away (a letter added,
//! dropped, replaced, or two neighbours swapped, never the first letter: Meilisearch's rules),
//! and the last word, while it is typed, their beginnings; the words of a quoted phrase match
//! whole terms in consecutive positions (a word in more than half the records, "the", is not
//! checked for its place when the phrase has a rarer one: its positions are the largest file).

pub(crate) mod extract;
pub(crate) mod text;

use crate::outputs::describe::{PageKind, PageMeta};
use extract::PageRecords;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

/// A shard larger than this (bytes) is split into longer prefixes.
pub(crate) const SHARD_LIMIT: usize = 12 * 1024;
/// Prefixes are not split past this many characters.
const MAX_DEPTH: usize = 6;
/// A record's text kept for its excerpt (characters; the whole text is indexed).
const EXCERPT_SOURCE: usize = 2500;
/// Records per file of `r/`: fewer files to write on every build (creating thousands of files
/// right after the HTML renderer deleted the last build's is most of the cost on ext4), at most
/// this many records downloaded per result shown.
pub(crate) const RECORDS_PER_FILE: usize = 4;
/// BM25's parameters.
const K1: f64 = 1.2;
const B: f64 = 0.75;
/// A term of a record's own heading adds this many times its idf (BM25's text part is at most
/// 2.2 times it).
const HEADING_WEIGHT: f64 = 1.5;
/// A term of a page's title adds to the page's top up to this many times its idf, as much as the
/// page's text uses it (see the module documentation).
const ABOUT_WEIGHT: f64 = 2.0;
/// The records of generated pages (overviews, organisations, meetings) count this much of their
/// score: at equal relevance, the document's own chapters come first.
const GENERATED: f64 = 0.8;
/// Weights are scores times this, rounded (at least 1).
const SCALE: f64 = 10.0;
/// The shortest query word forgiven a typo, in characters (the vocabulary files hold terms one
/// shorter and up).
pub(crate) const TYPO_MIN: usize = 5;

/// What a page is, for search's kind filter; the order is the order of the record ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Kind {
    /// The document's own chapters.
    Chapter,
    /// Generated overviews (the agenda's, the timeline's introduction, the organisation index).
    Overview,
    /// An organisation's page.
    Organisation,
    /// A meeting on the timeline.
    Meeting,
}

impl Kind {
    const ALL: [Kind; 4] = [
        Kind::Chapter,
        Kind::Overview,
        Kind::Organisation,
        Kind::Meeting,
    ];

    /// The kind a `data-search-kind` names.
    pub(crate) fn named(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.id() == name)
    }

    /// A page's records' kind.
    pub(crate) fn of_page(kind: PageKind) -> Kind {
        match kind {
            PageKind::Chapter => Kind::Chapter,
            PageKind::Overview => Kind::Overview,
            PageKind::Organisation => Kind::Organisation,
        }
    }

    fn id(self) -> &'static str {
        match self {
            Kind::Chapter => "chapter",
            Kind::Overview => "overview",
            Kind::Organisation => "organisation",
            Kind::Meeting => "meeting",
        }
    }
}

/// The words of the interface that belong to the document (from its configuration).
#[derive(Debug, Clone, Default)]
pub(crate) struct Labels {
    /// The kinds' filter labels, in [`Kind`] order.
    pub kinds: [String; 4],
    /// What an agenda item is called ("Objective"), for its filter.
    pub item: String,
    /// The agenda items: bare label and how a reader sees it ("1. Protect …").
    pub items: Vec<(String, String)>,
    /// What the organisation filter is called.
    pub org: String,
}

/// One term of a record.
struct Term {
    term: String,
    /// How often it is in the record's text (with its page's title, for a section).
    count: u32,
    /// The record's own heading has it.
    in_heading: bool,
    /// For the top of a page whose title has it: how often the page's text has it.
    about: Option<u32>,
    /// Where it stands in the record's words (see the module documentation).
    positions: Vec<u32>,
}

/// One record as the index keeps it.
struct Entry {
    kind: Kind,
    url: String,
    title: String,
    /// Its distinct terms, sorted.
    terms: Vec<Term>,
    /// The number of terms of its text.
    len: usize,
    text: String,
    links: Vec<String>,
}

/// A page's records, weighed up for the index ([`prepare`]: on any thread, pages in any order).
pub(crate) struct Prepared {
    meta: PageMeta,
    title: String,
    entries: Vec<Entry>,
}

/// Cuts a page's records into terms (see [`Builder`]).
pub(crate) fn prepare(meta: PageMeta, found: PageRecords) -> Prepared {
    let page_kind = Kind::of_page(meta.kind);
    let path = meta.path.as_str();
    let page_title = text::terms(&found.title);
    // How often each word of the page's title is in the page's title and text: what the page is
    // about.
    let mut about: BTreeMap<&str, u32> = BTreeMap::new();
    for t in &page_title {
        *about.entry(t.as_str()).or_default() += 1;
    }
    for r in &found.records {
        for t in text::terms(&r.text) {
            if let Some(n) = about.get_mut(t.as_str()) {
                *n += 1;
            }
        }
    }
    let mut entries = Vec::with_capacity(found.records.len());
    for r in &found.records {
        let kind = r.kind.as_deref().and_then(Kind::named).unwrap_or(page_kind);
        let title = match (r.heading.is_empty(), found.title.is_empty()) {
            (true, _) => found.title.clone(),
            (false, true) => r.heading.clone(),
            (false, false) => format!("{} » {}", found.title, r.heading),
        };
        // The record's own heading is its title for ranking (the page's `<h1>` for the page's
        // top); a section's page title counts as text, so a query for the page's name ranks its
        // top above its sections.
        let own_title = if r.heading.is_empty() {
            &found.title
        } else {
            &r.heading
        };
        let heading_words = text::terms(own_title);
        let heading: BTreeSet<&str> = heading_words.iter().map(String::as_str).collect();
        let text_words = text::terms(&r.text);
        let title_words: &[String] = if r.heading.is_empty() {
            &[]
        } else {
            &page_title
        };
        let len = title_words.len() + text_words.len();
        let mut terms: BTreeMap<&str, Term> = BTreeMap::new();
        let mut at = 0u32;
        for (part, counted) in [
            (&heading_words[..], false),
            (title_words, true),
            (&text_words[..], true),
        ] {
            for w in part {
                let t = terms.entry(w.as_str()).or_insert_with(|| Term {
                    term: w.clone(),
                    count: 0,
                    in_heading: heading.contains(w.as_str()),
                    about: None,
                    positions: Vec::new(),
                });
                t.count += u32::from(counted);
                t.positions.push(at);
                at += 1;
            }
            // A word left out: no phrase spans the heading, the title and the text.
            at += 1;
        }
        let top = r.anchor.is_none();
        let terms = terms
            .into_values()
            .map(|mut t| {
                t.about = about.get(t.term.as_str()).copied().filter(|_| top);
                t
            })
            .collect();
        let url = match &r.anchor {
            Some(a) => format!("{path}#{a}"),
            None => path.to_string(),
        };
        entries.push(Entry {
            kind,
            url,
            title,
            terms,
            len,
            text: r.text.clone(),
            links: r.links.clone(),
        });
    }
    Prepared {
        meta,
        title: found.title,
        entries,
    }
}

/// The index being built, page by page, in reading order.
#[derive(Default)]
pub(crate) struct Builder {
    /// Per page: its marker and its title.
    pages: Vec<(PageMeta, String)>,
    /// Records, with the page they are on.
    entries: Vec<(usize, Entry)>,
}

/// What was written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Summary {
    /// Records indexed.
    pub records: usize,
    /// Distinct terms.
    pub terms: usize,
    /// Term shards written.
    pub shards: usize,
}

impl Builder {
    /// Adds a page's records, in reading order.
    pub(crate) fn add(&mut self, page: Prepared) {
        let at = self.pages.len();
        self.entries
            .extend(page.entries.into_iter().map(|e| (at, e)));
        self.pages.push((page.meta, page.title));
    }

    /// Writes the index into `dir` (emptied first).
    pub(crate) fn write(mut self, dir: &Path, labels: &Labels) -> std::io::Result<Summary> {
        if dir.exists() {
            std::fs::remove_dir_all(dir)?;
        }
        for sub in ["t", "p", "r", "f/o", "f/a"] {
            std::fs::create_dir_all(dir.join(sub))?;
        }
        // Records kind by kind (stable: reading order within a kind).
        self.entries.sort_by_key(|(_, e)| e.kind);
        let facets = self.facets();
        self.write_records(dir)?;
        let (terms, shards, split) = write_terms(dir, self.postings())?;
        for (sub, records) in [("o", &facets.orgs), ("a", &facets.items)] {
            write_facet(dir, sub, records)?;
        }
        let orgs = self.write_orgs(dir, &facets.orgs)?;
        self.write_meta(dir, labels, &facets.items, split, orgs)?;
        Ok(Summary {
            records: self.entries.len(),
            terms,
            shards,
        })
    }

    /// The records each organisation and each agenda item is a facet of: the page's own, and,
    /// through its links, the pages it links to (agenda items: generated pages' links only).
    fn facets(&self) -> Facets {
        let by_path: HashMap<&str, usize> = self
            .pages
            .iter()
            .enumerate()
            .map(|(i, (m, _))| (m.path.as_str(), i))
            .collect();
        let mut facets = Facets::default();
        for (id, (page, e)) in self.entries.iter().enumerate() {
            let own = &self.pages[*page].0;
            let mut orgs: BTreeSet<&str> = BTreeSet::new();
            let mut items: BTreeSet<&str> = own.item.iter().map(String::as_str).collect();
            orgs.extend(own.org.as_deref());
            for link in &e.links {
                if let Some(&p) = by_path.get(link.as_str()) {
                    let facts = &self.pages[p].0;
                    orgs.extend(facts.org.as_deref());
                    if e.kind != Kind::Chapter {
                        items.extend(facts.item.as_deref());
                    }
                }
            }
            for o in orgs {
                facets
                    .orgs
                    .entry(o.to_string())
                    .or_default()
                    .push(id as u32);
            }
            for i in items {
                facets
                    .items
                    .entry(i.to_string())
                    .or_default()
                    .push(id as u32);
            }
        }
        facets
    }

    /// Each term's postings: the records it is in, with its weight (see the module
    /// documentation) and its positions.
    fn postings(&self) -> HashMap<&str, Vec<Posting<'_>>> {
        let mut postings: HashMap<&str, Vec<Posting<'_>>> = HashMap::new();
        let total_len: usize = self.entries.iter().map(|(_, e)| e.len).sum();
        let avg_len = (total_len as f64 / self.entries.len().max(1) as f64).max(1.0);
        let mut df: HashMap<&str, u32> = HashMap::new();
        for (_, e) in &self.entries {
            for t in &e.terms {
                *df.entry(&t.term).or_default() += 1;
            }
        }
        let n = self.entries.len() as f64;
        for (id, (_, e)) in self.entries.iter().enumerate() {
            let len = e.len as f64;
            for t in &e.terms {
                let d = f64::from(df[t.term.as_str()]);
                let idf = (1.0 + (n - d + 0.5) / (d + 0.5)).ln();
                let f = f64::from(t.count);
                let mut score = idf * f * (K1 + 1.0) / (f + K1 * (1.0 - B + B * len / avg_len));
                if t.in_heading {
                    score += idf * HEADING_WEIGHT;
                }
                if let Some(page) = t.about {
                    let page = f64::from(page);
                    score += idf * ABOUT_WEIGHT * page / (page + K1);
                }
                if e.kind != Kind::Chapter {
                    score *= GENERATED;
                }
                let w = (score * SCALE).round().max(1.0) as u32;
                postings
                    .entry(&t.term)
                    .or_default()
                    .push((id as u32, w, &t.positions));
            }
        }
        postings
    }

    /// The records, [`RECORDS_PER_FILE`] to a file (`r/0.json`, …).
    fn write_records(&self, dir: &Path) -> std::io::Result<()> {
        for (n, chunk) in self.entries.chunks(RECORDS_PER_FILE).enumerate() {
            let recs: Vec<RecordFile> = chunk
                .iter()
                .map(|(_, e)| RecordFile {
                    u: &e.url,
                    t: &e.title,
                    b: excerpt_source(&e.text),
                })
                .collect();
            std::fs::write(
                dir.join(format!("r/{n}.json")),
                serde_json::to_vec(&recs).expect("serialisable"),
            )?;
        }
        Ok(())
    }

    /// `orgs.json`: the organisations with a page and records, as the organisation facet's
    /// choices, by title. Returns them.
    fn write_orgs<'a>(
        &'a self,
        dir: &Path,
        org_records: &BTreeMap<String, Vec<u32>>,
    ) -> std::io::Result<Vec<(&'a str, &'a str)>> {
        let mut orgs: Vec<(&str, &str)> = self
            .pages
            .iter()
            .filter_map(|(m, title)| m.org.as_deref().map(|o| (o, title.as_str())))
            .filter(|(o, _)| org_records.contains_key(*o))
            .collect();
        orgs.sort_by_key(|(_, title)| title.to_lowercase());
        std::fs::write(
            dir.join("orgs.json"),
            serde_json::to_vec(&orgs).expect("serialisable"),
        )?;
        Ok(orgs)
    }

    /// `meta.json`: the records' count and kinds' ranges, the split first characters, and the
    /// facets' labels (left out for a facet without values).
    fn write_meta(
        &self,
        dir: &Path,
        labels: &Labels,
        item_records: &BTreeMap<String, Vec<u32>>,
        split: Vec<String>,
        orgs: Vec<(&str, &str)>,
    ) -> std::io::Result<()> {
        let mut kinds = Vec::new();
        let mut start = 0;
        for (k, label) in Kind::ALL.iter().zip(&labels.kinds) {
            let count = self.entries.iter().filter(|(_, e)| e.kind == *k).count();
            if count > 0 {
                kinds.push(KindRange {
                    id: k.id(),
                    label,
                    start,
                    end: start + count,
                });
            }
            start += count;
        }
        let items: Vec<_> = labels
            .items
            .iter()
            .filter(|(id, _)| item_records.contains_key(id))
            .map(|(id, label)| ItemLabel { id, label })
            .collect();
        let meta = Meta {
            version: 2,
            records: self.entries.len(),
            per_file: RECORDS_PER_FILE,
            kinds,
            split,
            item: (!items.is_empty()).then_some(&labels.item),
            items,
            org: (!orgs.is_empty()).then_some(&labels.org),
        };
        std::fs::write(
            dir.join("meta.json"),
            serde_json::to_vec(&meta).expect("serialisable"),
        )
    }
}

/// The records of each value of a facet, by value.
#[derive(Default)]
struct Facets {
    /// By organisation id.
    orgs: BTreeMap<String, Vec<u32>>,
    /// By agenda item id.
    items: BTreeMap<String, Vec<u32>>,
}

/// The term shards (`t/`), their positions (`p/`) and the vocabulary of each split first
/// character (`v/`). Returns the number of terms and of shards, and the split prefixes.
fn write_terms(
    dir: &Path,
    postings: HashMap<&str, Vec<Posting<'_>>>,
) -> std::io::Result<(usize, usize, Vec<String>)> {
    let mut terms: Vec<Encoded> = postings
        .into_iter()
        .map(|(t, p)| Encoded {
            term: t,
            postings: encode_postings(&p),
            positions: encode_positions(&p),
        })
        .collect();
    terms.sort_unstable_by(|a, b| a.term.cmp(b.term));
    let mut split = Vec::new();
    let mut shards = Vec::new();
    let firsts: BTreeSet<char> = terms.iter().filter_map(|t| t.term.chars().next()).collect();
    for c in firsts {
        shard(&terms, &c.to_string(), 1, &mut split, &mut shards);
    }
    for (prefix, body, positions) in &shards {
        let name = text::shard_name(prefix);
        std::fs::write(dir.join(format!("t/{name}.bin")), body)?;
        std::fs::write(dir.join(format!("p/{name}.bin")), positions)?;
    }
    for first in split.iter().filter(|p| p.chars().count() == 1) {
        std::fs::create_dir_all(dir.join("v"))?;
        std::fs::write(
            dir.join(format!("v/{}.bin", text::shard_name(first))),
            encode_vocabulary(with_prefix(&terms, first)),
        )?;
    }
    Ok((terms.len(), shards.len(), split))
}

/// One facet's files (`f/o/` or `f/a/`): the values that start with the same character in one
/// file, each with its records' ids as gaps.
fn write_facet(dir: &Path, sub: &str, records: &BTreeMap<String, Vec<u32>>) -> std::io::Result<()> {
    let mut buckets: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for (value, ids) in records {
        let first: String = value.chars().take(1).collect();
        let out = buckets.entry(text::shard_name(&first)).or_default();
        leb(out, value.len() as u64);
        out.extend_from_slice(value.as_bytes());
        leb(out, ids.len() as u64);
        let mut prev = 0;
        for &id in ids {
            leb(out, u64::from(id - prev));
            prev = id;
        }
    }
    for (name, out) in buckets {
        std::fs::write(dir.join(format!("f/{sub}/{name}.bin")), out)?;
    }
    Ok(())
}

#[derive(Serialize)]
struct RecordFile<'a> {
    u: &'a str,
    t: &'a str,
    b: &'a str,
}

#[derive(Serialize)]
struct KindRange<'a> {
    id: &'static str,
    label: &'a str,
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct ItemLabel<'a> {
    id: &'a str,
    label: &'a str,
}

#[derive(Serialize)]
struct Meta<'a> {
    version: u32,
    records: usize,
    per_file: usize,
    kinds: Vec<KindRange<'a>>,
    split: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    item: Option<&'a String>,
    items: Vec<ItemLabel<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    org: Option<&'a String>,
}

/// The first [`EXCERPT_SOURCE`] characters of `text`, cut at a word.
fn excerpt_source(text: &str) -> &str {
    match text.char_indices().nth(EXCERPT_SOURCE) {
        None => text,
        Some((end, _)) => {
            let cut = text[..end].rfind(' ').unwrap_or(end);
            &text[..cut]
        }
    }
}

/// Unsigned LEB128.
fn leb(out: &mut Vec<u8>, mut n: u64) {
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// A record holding a term: its id, the term's weight there, its positions there.
type Posting<'a> = (u32, u32, &'a [u32]);

/// A term's postings and positions, encoded.
#[derive(Clone)]
struct Encoded<'a> {
    term: &'a str,
    postings: Vec<u8>,
    positions: Vec<u8>,
}

/// A term's postings: their number, then (id difference, weight) each.
fn encode_postings(postings: &[Posting<'_>]) -> Vec<u8> {
    let mut out = Vec::with_capacity(postings.len() * 2 + 2);
    leb(&mut out, postings.len() as u64);
    let mut prev = 0;
    for &(id, w, _) in postings {
        leb(&mut out, u64::from(id - prev));
        leb(&mut out, u64::from(w));
        prev = id;
    }
    out
}

/// A term's positions, posting by posting: their number, then each one's difference from the
/// previous one.
fn encode_positions(postings: &[Posting<'_>]) -> Vec<u8> {
    let mut out = Vec::new();
    for (_, _, positions) in postings {
        leb(&mut out, positions.len() as u64);
        let mut prev = 0;
        for &p in *positions {
            leb(&mut out, u64::from(p - prev));
            prev = p;
        }
    }
    out
}

/// The terms of `terms` (sorted) that start with `prefix`.
fn with_prefix<'t, 'a>(terms: &'t [Encoded<'a>], prefix: &str) -> &'t [Encoded<'a>] {
    let start = terms.partition_point(|t| t.term < prefix);
    let len = terms[start..]
        .iter()
        .take_while(|t| t.term.starts_with(prefix))
        .count();
    &terms[start..start + len]
}

/// The shard of `prefix` and its positions, split while too large (see the module
/// documentation).
fn shard(
    terms: &[Encoded<'_>],
    prefix: &str,
    depth: usize,
    split: &mut Vec<String>,
    shards: &mut Vec<(String, Vec<u8>, Vec<u8>)>,
) {
    let these = with_prefix(terms, prefix);
    let size: usize = these
        .iter()
        .map(|t| t.term.len() + t.postings.len() + 2)
        .sum();
    if size <= SHARD_LIMIT || depth >= MAX_DEPTH || these.len() == 1 {
        shards.push((prefix.to_string(), encode_shard(these), positions_of(these)));
        return;
    }
    split.push(prefix.to_string());
    let exact: Vec<Encoded<'_>> = these.iter().filter(|t| t.term == prefix).cloned().collect();
    if !exact.is_empty() {
        shards.push((
            prefix.to_string(),
            encode_shard(&exact),
            positions_of(&exact),
        ));
    }
    let nexts: BTreeSet<char> = these
        .iter()
        .filter_map(|t| t.term[prefix.len()..].chars().next())
        .collect();
    for c in nexts {
        shard(terms, &format!("{prefix}{c}"), depth + 1, split, shards);
    }
}

/// Front coding: per term, the bytes shared with the previous term, then the rest's length and
/// bytes; after each term, `after(term)`.
fn front_coded<'t>(
    terms: impl Iterator<Item = &'t Encoded<'t>>,
    mut after: impl FnMut(&Encoded<'_>, &mut Vec<u8>),
) -> Vec<u8> {
    let mut out = Vec::new();
    let mut prev: &[u8] = &[];
    for t in terms {
        let bytes = t.term.as_bytes();
        let shared = prev.iter().zip(bytes).take_while(|(a, b)| a == b).count();
        leb(&mut out, shared as u64);
        leb(&mut out, (bytes.len() - shared) as u64);
        out.extend_from_slice(&bytes[shared..]);
        after(t, &mut out);
        prev = bytes;
    }
    out
}

/// A shard's bytes: per term, its front-coded spelling and its postings.
fn encode_shard(terms: &[Encoded<'_>]) -> Vec<u8> {
    front_coded(terms.iter(), |t, out| out.extend_from_slice(&t.postings))
}

/// A shard's positions file: its terms' positions, in the shard's order.
fn positions_of(terms: &[Encoded<'_>]) -> Vec<u8> {
    terms
        .iter()
        .flat_map(|t| t.positions.iter().copied())
        .collect()
}

/// A vocabulary file: the terms a typo can be forgiven for (one character shorter than
/// [`TYPO_MIN`] and up, not numbers), front-coded, without postings.
fn encode_vocabulary(terms: &[Encoded<'_>]) -> Vec<u8> {
    let forgiven = |t: &&Encoded<'_>| {
        t.term.chars().count() + 1 >= TYPO_MIN && !t.term.chars().all(char::is_numeric)
    };
    front_coded(terms.iter().filter(forgiven), |_, _| {})
}

#[cfg(test)]
mod tests {
    use super::*;
    use extract::Record;

    #[test]
    fn leb128_round_numbers() {
        let mut out = Vec::new();
        for n in [0, 127, 128, 300] {
            leb(&mut out, n);
        }
        assert_eq!(out, [0, 127, 0x80, 1, 0xac, 2]);
    }

    fn encoded(term: &str, postings: Vec<u8>) -> Encoded<'_> {
        Encoded {
            term,
            postings,
            positions: vec![1, 0],
        }
    }

    #[test]
    fn a_shard_shares_prefixes_between_terms() {
        let terms = [
            encoded("unhcr", vec![1, 0, 9]),
            encoded("unicef", vec![1, 2, 0x80, 1]),
        ];
        assert_eq!(
            encode_shard(&terms),
            [
                0, 5, b'u', b'n', b'h', b'c', b'r', 1, 0,
                9, // "unhcr": 1 posting, id 0, weight 9
                2, 4, b'i', b'c', b'e', b'f', 1, 2, 0x80,
                1 // "un" shared, "icef", weight 128
            ]
        );
    }

    #[test]
    fn postings_and_positions_are_numbers_and_differences() {
        let postings: [Posting<'_>; 2] = [(3, 200, &[0, 5, 6]), (7, 1, &[130])];
        assert_eq!(encode_postings(&postings), [2, 3, 0xc8, 1, 4, 1]);
        assert_eq!(encode_positions(&postings), [3, 0, 5, 1, 1, 0x82, 1]);
    }

    #[test]
    fn the_vocabulary_holds_the_words_a_typo_can_be_forgiven_for() {
        let terms = [
            encoded("tra", vec![]),
            encoded("trade", vec![]),
            encoded("trades", vec![]),
            encoded("traf", vec![]),
            encoded("1234", vec![]),
        ];
        // Four characters and up (a five-letter word with one letter dropped), no numbers.
        assert_eq!(
            encode_vocabulary(&terms),
            [0, 5, b't', b'r', b'a', b'd', b'e', 5, 1, b's', 3, 1, b'f']
        );
    }

    #[test]
    fn large_prefixes_split_and_keep_their_exact_term() {
        let big = vec![0u8; SHARD_LIMIT / 2];
        let terms = [
            encoded("co", vec![1, 0, 1]),
            encoded("coa", big.clone()),
            encoded("cob", big.clone()),
            encoded("coc", big),
            encoded("dd", vec![1, 0, 1]),
        ];
        let mut split = Vec::new();
        let mut shards = Vec::new();
        for first in ["c", "d"] {
            shard(&terms, first, 1, &mut split, &mut shards);
        }
        assert_eq!(split, ["c", "co"]);
        let names: Vec<_> = shards.iter().map(|(p, ..)| p.as_str()).collect();
        assert_eq!(names, ["co", "coa", "cob", "coc", "d"]);
        // Each shard's positions beside it, term by term.
        assert_eq!(shards[0].2, [1, 0]);
    }

    fn record(anchor: Option<&str>, heading: &str, text: &str, links: &[&str]) -> Record {
        Record {
            anchor: anchor.map(str::to_string),
            heading: heading.into(),
            text: text.into(),
            links: links.iter().map(|l| l.to_string()).collect(),
            ..Record::default()
        }
    }

    #[test]
    fn records_are_numbered_by_kind_with_their_facets() {
        let mut b = Builder::default();
        b.add(prepare(
            PageMeta {
                kind: PageKind::Organisation,
                path: "orgs/who.html".into(),
                org: Some("who".into()),
                ..PageMeta::default()
            },
            PageRecords {
                title: "WHO".into(),
                records: vec![record(None, "", "Health agency", &["water.html"])],
                ..PageRecords::default()
            },
        ));
        b.add(prepare(
            PageMeta {
                path: "water.html".into(),
                item: Some("1".into()),
                ..PageMeta::default()
            },
            PageRecords {
                title: "Water".into(),
                records: vec![
                    record(None, "", "Safe water for all", &[]),
                    record(
                        Some("wells"),
                        "Wells",
                        "WHO drills wells",
                        &["orgs/who.html"],
                    ),
                ],
                ..PageRecords::default()
            },
        ));
        let dir = tempfile::tempdir().unwrap();
        let labels = Labels {
            kinds: ["Chapters", "Overviews", "Organisations", "Meetings"].map(String::from),
            item: "Objective".into(),
            items: vec![
                ("1".into(), "1. Water".into()),
                ("2".into(), "2. Air".into()),
            ],
            org: "Organisation".into(),
        };
        let summary = b.write(dir.path(), &labels).unwrap();
        assert_eq!(summary.records, 3);
        let read = |p: &str| std::fs::read_to_string(dir.path().join(p)).unwrap();
        assert_eq!(
            read("r/0.json"),
            r#"[{"u":"water.html","t":"Water","b":"Safe water for all"},{"u":"water.html#wells","t":"Water » Wells","b":"WHO drills wells"},{"u":"orgs/who.html","t":"WHO","b":"Health agency"}]"#
        );
        assert_eq!(
            read("meta.json"),
            r#"{"version":2,"records":3,"per_file":4,"kinds":[{"id":"chapter","label":"Chapters","start":0,"end":2},{"id":"organisation","label":"Organisations","start":2,"end":3}],"split":[],"item":"Objective","items":[{"id":"1","label":"1. Water"}],"org":"Organisation"}"#
        );
        // The organisation's records: the section that links to it and its own page.
        assert_eq!(
            std::fs::read(dir.path().join("f/o/w.bin")).unwrap(),
            [3, b'w', b'h', b'o', 2, 1, 1]
        );
        // Agenda item 1: both chapter records, and the organisation page that links to the chapter.
        assert_eq!(
            std::fs::read(dir.path().join("f/a/1.bin")).unwrap(),
            [1, b'1', 3, 0, 1, 1]
        );
        assert_eq!(read("orgs.json"), r#"[["who","WHO"]]"#);
        // One shard for "w": "water" in both chapter records (title), "wells" in record 1
        // (title and text), "who" in all three.
        let terms = decode_shard(&std::fs::read(dir.path().join("t/w.bin")).unwrap());
        let ids: Vec<(&str, Vec<u32>)> = terms
            .iter()
            .map(|(t, p)| (t.as_str(), p.iter().map(|&(id, _)| id).collect()))
            .collect();
        assert_eq!(
            ids,
            [
                ("water", vec![0, 1]),
                ("wells", vec![1]),
                ("who", vec![1, 2])
            ]
        );
        // Beside it, where each term stands in each record: the heading, (a section) the page's
        // title and the text, a word apart.
        let mut p = &std::fs::read(dir.path().join("p/w.bin")).unwrap()[..];
        let mut positions = Vec::new();
        while !p.is_empty() {
            let n = num(&mut p);
            let mut at = 0;
            let mut one = Vec::new();
            for _ in 0..n {
                at += num(&mut p);
                one.push(at);
            }
            positions.push(one);
        }
        assert_eq!(
            positions,
            [
                vec![0, 4], // "water": the top's heading, its text "Safe water for all"
                vec![2],    // the section's page title
                vec![0, 6], // "wells": heading "Wells", text "WHO drills wells"
                vec![4],    // "who": the section's text
                vec![0],    // the organisation's page: its heading "WHO"
            ]
        );
    }

    #[test]
    fn the_page_about_a_word_ranks_before_a_short_record_that_names_it_in_its_title() {
        let mut b = Builder::default();
        let long = "Trafficking is a crime. ".to_string()
            + &"Victims need protection and support in many places. ".repeat(30)
            + "Trafficking must end; trafficking networks adapt.";
        b.add(prepare(
            PageMeta {
                path: "trafficking.html".into(),
                ..PageMeta::default()
            },
            PageRecords {
                title: "Eliminate trafficking".into(),
                records: vec![record(None, "", &long, &[])],
                ..PageRecords::default()
            },
        ));
        let meeting = Record {
            kind: Some("meeting".into()),
            ..record(
                Some("m"),
                "Meeting on trafficking",
                "Meeting on trafficking. Turin.",
                &[],
            )
        };
        b.add(prepare(
            PageMeta {
                kind: PageKind::Overview,
                path: "timeline.html".into(),
                ..PageMeta::default()
            },
            PageRecords {
                title: "Timeline".into(),
                records: vec![record(None, "", "The meetings.", &[]), meeting],
                ..PageRecords::default()
            },
        ));
        let dir = tempfile::tempdir().unwrap();
        b.write(dir.path(), &Labels::default()).unwrap();
        let terms = decode_shard(&std::fs::read(dir.path().join("t/t.bin")).unwrap());
        let (_, postings) = terms.iter().find(|(t, _)| t == "trafficking").unwrap();
        // Record 0 is the chapter's top, record 2 the meeting (overview records come between).
        let weight = |id| postings.iter().find(|(i, _)| *i == id).unwrap().1;
        assert!(weight(0) > weight(2), "{postings:?}");
    }

    /// Builds the index of `pages` in a new folder: the folder and what `write` said.
    fn built(pages: Vec<(PageMeta, PageRecords)>, labels: &Labels) -> (tempfile::TempDir, Summary) {
        let mut b = Builder::default();
        for (meta, found) in pages {
            b.add(prepare(meta, found));
        }
        let dir = tempfile::tempdir().unwrap();
        let summary = b.write(dir.path(), labels).unwrap();
        (dir, summary)
    }

    fn page(
        kind: PageKind,
        path: &str,
        title: &str,
        records: Vec<Record>,
    ) -> (PageMeta, PageRecords) {
        (
            PageMeta {
                kind,
                path: path.into(),
                ..PageMeta::default()
            },
            PageRecords {
                title: title.into(),
                records,
                ..PageRecords::default()
            },
        )
    }

    /// Every term of the index with its postings (record id, weight), read back as the client
    /// does: each shard of `t/`.
    fn postings(dir: &Path) -> BTreeMap<String, Vec<(u32, u32)>> {
        let mut out = BTreeMap::new();
        for entry in std::fs::read_dir(dir.join("t")).unwrap() {
            let bytes = std::fs::read(entry.unwrap().path()).unwrap();
            out.extend(decode_shard(&bytes));
        }
        out
    }

    #[test]
    fn weights_are_bm25_with_the_heading_the_pages_subject_and_generated_pages_scaled() {
        // Expected weights computed by hand from the module documentation's formula: three
        // records, average length 7/3; idf = ln(1 + (3 − df + 0.5) / (df + 0.5)).
        let (dir, summary) = built(
            vec![
                page(
                    PageKind::Chapter,
                    "a.html",
                    "Water",
                    vec![
                        record(None, "", "water water rivers", &[]),
                        record(Some("s"), "Rivers", "rivers flow", &[]),
                    ],
                ),
                page(
                    PageKind::Overview,
                    "b.html",
                    "Summary",
                    vec![record(None, "", "water", &[])],
                ),
            ],
            &Labels::default(),
        );
        assert_eq!(
            summary,
            Summary {
                records: 3,
                terms: 4,
                shards: 4
            }
        );
        let expected: BTreeMap<String, Vec<(u32, u32)>> = [
            // The page's top: twice in its text, its title (heading) has it, and the page is
            // about it (3 of its words): 5.61; the section, once in its page's title: 1.20;
            // the overview, once in its text (× 0.8): 1.39.
            ("water", vec![(0, 6), (1, 1), (2, 1)]),
            // In the top's text only: 4.21; in the section's heading and text: 11.26.
            ("rivers", vec![(0, 4), (1, 11)]),
            ("flow", vec![(1, 9)]),
            // Only in the overview's title: its heading and what the page is about, × 0.8: 18.90.
            ("summary", vec![(2, 19)]),
        ]
        .into_iter()
        .map(|(t, p)| (t.to_string(), p))
        .collect();
        assert_eq!(postings(dir.path()), expected);
    }

    #[test]
    fn the_same_record_on_a_generated_page_weighs_four_fifths() {
        let records = || {
            vec![record(
                None,
                "",
                "Migration data and more migration data",
                &[],
            )]
        };
        // Other pages, so that the two records' terms are rare (and weigh more than a few units).
        let mut pages: Vec<_> = (0..8)
            .map(|i| {
                page(
                    PageKind::Chapter,
                    &format!("o{i}.html"),
                    "Other",
                    vec![record(None, "", "Something else", &[])],
                )
            })
            .collect();
        pages.push(page(PageKind::Chapter, "a.html", "Report", records()));
        pages.push(page(PageKind::Organisation, "o.html", "Report", records()));
        let (dir, _) = built(pages, &Labels::default());
        let all = postings(dir.path());
        for term in ["migration", "data", "report", "more", "and"] {
            let p = &all[term];
            assert_eq!(p.len(), 2, "{term}");
            assert_eq!((p[0].0, p[1].0), (8, 9), "{term}");
            let (chapter, generated) = (f64::from(p[0].1), f64::from(p[1].1));
            assert!(chapter >= 10.0, "{term}: {p:?}");
            // Each weight is rounded: the two differ by at most one unit from 0.8 exactly.
            assert!((generated - 0.8 * chapter).abs() <= 1.0, "{term}: {p:?}");
        }
    }

    #[test]
    fn meetings_are_records_of_their_own_kind_with_the_facets_of_what_they_link_to() {
        let meeting = |id: &str, text: &str, links: &[&str]| Record {
            kind: Some("meeting".into()),
            ..record(Some(id), &format!("Meeting {id}"), text, links)
        };
        let (dir, summary) = built(
            vec![
                (
                    PageMeta {
                        path: "ch/one.html".into(),
                        item: Some("b".into()),
                        ..PageMeta::default()
                    },
                    PageRecords {
                        title: "One".into(),
                        records: vec![record(None, "", "Text of one", &["orgs/ilo.html"])],
                        ..PageRecords::default()
                    },
                ),
                page(
                    PageKind::Overview,
                    "timeline.html",
                    "Timeline",
                    vec![
                        record(None, "", "All meetings", &[]),
                        meeting("m1", "Held in Turin", &["ch/one.html", "orgs/ilo.html"]),
                        meeting("m2", "Held in Geneva", &["elsewhere.html"]),
                    ],
                ),
                (
                    PageMeta {
                        kind: PageKind::Organisation,
                        path: "orgs/ilo.html".into(),
                        org: Some("ilo".into()),
                        ..PageMeta::default()
                    },
                    PageRecords {
                        title: "ILO".into(),
                        records: vec![record(None, "", "Labour", &["ch/one.html"])],
                        ..PageRecords::default()
                    },
                ),
                (
                    PageMeta {
                        kind: PageKind::Organisation,
                        path: "orgs/adb.html".into(),
                        org: Some("adb".into()),
                        ..PageMeta::default()
                    },
                    PageRecords {
                        title: "Asian Development Bank".into(),
                        records: vec![record(None, "", "Banking", &[])],
                        ..PageRecords::default()
                    },
                ),
            ],
            &Labels {
                kinds: ["Chapters", "Overviews", "Organisations", "Meetings"].map(String::from),
                item: "Area".into(),
                items: vec![
                    ("a".into(), "(a) Trade".into()),
                    ("b".into(), "(b) Transit".into()),
                ],
                org: "Organisation".into(),
            },
        );
        assert_eq!(summary.records, 6);
        let read = |p: &str| std::fs::read_to_string(dir.path().join(p)).unwrap();
        // Kind by kind: the chapter, the overview, the two organisations, the two meetings.
        assert_eq!(
            read("meta.json"),
            r#"{"version":2,"records":6,"per_file":4,"kinds":[{"id":"chapter","label":"Chapters","start":0,"end":1},{"id":"overview","label":"Overviews","start":1,"end":2},{"id":"organisation","label":"Organisations","start":2,"end":4},{"id":"meeting","label":"Meetings","start":4,"end":6}],"split":[],"item":"Area","items":[{"id":"b","label":"(b) Transit"}],"org":"Organisation"}"#
        );
        assert_eq!(
            read("r/1.json"),
            r#"[{"u":"timeline.html#m1","t":"Timeline » Meeting m1","b":"Held in Turin"},{"u":"timeline.html#m2","t":"Timeline » Meeting m2","b":"Held in Geneva"}]"#
        );
        // Item b: its chapter, the organisation page and the meeting that link to the chapter.
        assert_eq!(
            std::fs::read(dir.path().join("f/a/b.bin")).unwrap(),
            [1, b'b', 3, 0, 2, 2]
        );
        // ILO: the chapter and the meeting that link to its page, and its page; the bank has
        // only its own page.
        assert_eq!(
            std::fs::read(dir.path().join("f/o/i.bin")).unwrap(),
            [3, b'i', b'l', b'o', 3, 0, 2, 2]
        );
        assert_eq!(
            std::fs::read(dir.path().join("f/o/a.bin")).unwrap(),
            [3, b'a', b'd', b'b', 1, 3]
        );
        // The filter lists organisations by their page title, alphabetically.
        assert_eq!(
            read("orgs.json"),
            r#"[["adb","Asian Development Bank"],["ilo","ILO"]]"#
        );
        assert_eq!(
            postings(dir.path())["turin"],
            [(4, postings(dir.path())["turin"][0].1)]
        );
    }

    #[test]
    fn without_items_or_organisations_their_filters_are_left_out() {
        let (dir, _) = built(
            vec![page(
                PageKind::Chapter,
                "a.html",
                "A",
                vec![record(None, "", "Text", &[])],
            )],
            &Labels {
                kinds: ["Chapters", "Overviews", "Organisations", "Meetings"].map(String::from),
                item: "Area".into(),
                items: vec![("a".into(), "(a) Trade".into())],
                org: "Organisation".into(),
            },
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("meta.json")).unwrap(),
            r#"{"version":2,"records":1,"per_file":4,"kinds":[{"id":"chapter","label":"Chapters","start":0,"end":1}],"split":[],"items":[]}"#
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("orgs.json")).unwrap(),
            "[]"
        );
    }

    #[test]
    fn records_go_four_to_a_file_and_a_long_text_is_cut_at_a_word_for_its_excerpt() {
        let long = "word ".repeat(600);
        let records = (0..5)
            .map(|i| {
                record(
                    Some(&format!("s{i}")),
                    &format!("S{i}"),
                    if i == 4 { &long } else { "x" },
                    &[],
                )
            })
            .collect();
        let (dir, _) = built(
            vec![page(PageKind::Chapter, "a.html", "", records)],
            &Labels::default(),
        );
        let file = |n| -> Vec<serde_json::Value> {
            serde_json::from_slice(&std::fs::read(dir.path().join(format!("r/{n}.json"))).unwrap())
                .unwrap()
        };
        assert_eq!(file(0).len(), 4);
        let last = file(1);
        assert_eq!(last.len(), 1);
        // A page without a title: the section's heading alone.
        assert_eq!(last[0]["t"], "S4");
        let excerpt = last[0]["b"].as_str().unwrap();
        assert_eq!(excerpt, "word ".repeat(500).trim_end());
        assert_eq!(excerpt_source("short text"), "short text");
        let unbroken = "x".repeat(EXCERPT_SOURCE + 5);
        assert_eq!(excerpt_source(&unbroken).len(), EXCERPT_SOURCE);
    }

    #[test]
    fn writing_empties_the_folder_of_an_earlier_index() {
        let dir = tempfile::tempdir().unwrap();
        let index = dir.path().join("search");
        std::fs::create_dir_all(index.join("t")).unwrap();
        std::fs::write(index.join("t/stale.bin"), b"old").unwrap();
        let mut b = Builder::default();
        let (meta, found) = page(
            PageKind::Chapter,
            "a.html",
            "A",
            vec![record(None, "", "Text", &[])],
        );
        b.add(prepare(meta, found));
        b.write(&index, &Labels::default()).unwrap();
        assert!(!index.join("t/stale.bin").exists());
        assert!(index.join("t/t.bin").exists());
        assert!(
            !index.join("v").exists(),
            "no shard is split: no vocabulary file"
        );
    }

    #[test]
    fn a_split_first_letter_gets_its_vocabulary_file() {
        // Enough distinct words starting with "q" to make its shard larger than the limit.
        let text: Vec<String> = (0..3000).map(|i| format!("q{}", text_id(i))).collect();
        let (dir, summary) = built(
            vec![page(
                PageKind::Chapter,
                "a.html",
                "A",
                vec![record(None, "", &text.join(" "), &[])],
            )],
            &Labels::default(),
        );
        let meta: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.path().join("meta.json")).unwrap()).unwrap();
        let split = meta["split"].as_array().unwrap();
        assert_eq!(split[0], "q");
        assert!(summary.shards > 2, "{summary:?}");
        assert!(dir.path().join("v/q.bin").exists());
        assert!(!dir.path().join("v/a.bin").exists());
        // Every term is in exactly one shard, and every shard within the limit.
        let all = postings(dir.path());
        assert_eq!(all.len(), summary.terms);
        // The page's title, "A", is one letter: not a term.
        assert_eq!(all.len(), 3000);
        for entry in std::fs::read_dir(dir.path().join("t")).unwrap() {
            let len = entry.unwrap().metadata().unwrap().len() as usize;
            assert!(len <= SHARD_LIMIT, "{len}");
        }
    }

    /// Letters only (digits would make numbers of some words): 0 → "aa", 1 → "ab" ….
    fn text_id(mut i: usize) -> String {
        let mut s = String::new();
        for _ in 0..3 {
            s.push((b'a' + (i % 26) as u8) as char);
            i /= 26;
        }
        s
    }

    #[test]
    fn prefixes_stop_splitting_at_their_maximum_depth_or_a_single_term() {
        let big = vec![0u8; SHARD_LIMIT];
        let terms = [
            encoded("abcdefgh", big.clone()),
            encoded("abcdefgz", big.clone()),
            encoded("zz", big),
        ];
        let mut split = Vec::new();
        let mut shards = Vec::new();
        for first in ["a", "z"] {
            shard(&terms, first, 1, &mut split, &mut shards);
        }
        assert_eq!(split, ["a", "ab", "abc", "abcd", "abcde"]);
        let names: Vec<_> = shards.iter().map(|(p, ..)| p.as_str()).collect();
        assert_eq!(names, ["abcdef", "z"]);
        assert_eq!(with_prefix(&terms, "abcdefg").len(), 2);
        assert_eq!(with_prefix(&terms, "b").len(), 0);
    }

    #[test]
    fn a_shard_is_split_only_when_larger_than_twelve_kib() {
        // 12 KiB, as BENCHMARKS.md measures the client with. Per term: its bytes, its
        // postings' bytes and two bytes of lengths.
        let fits = |extra: usize| {
            let half = (12_288 - 8) / 2;
            let terms = [
                encoded("aa", vec![0u8; half]),
                encoded("ab", vec![0u8; 12_288 - 8 - half + extra]),
            ];
            let (mut split, mut shards) = (Vec::new(), Vec::new());
            shard(&terms, "a", 1, &mut split, &mut shards);
            split.is_empty()
        };
        assert!(fits(0));
        assert!(!fits(1));
    }

    #[test]
    fn an_organisation_whose_page_has_no_record_is_not_offered_as_a_filter() {
        let org = |id: &str, records| {
            (
                PageMeta {
                    kind: PageKind::Organisation,
                    path: format!("orgs/{id}.html"),
                    org: Some(id.into()),
                    ..PageMeta::default()
                },
                PageRecords {
                    title: id.to_uppercase(),
                    records,
                    ..PageRecords::default()
                },
            )
        };
        let (dir, _) = built(
            vec![
                org("who", vec![record(None, "", "Health", &[])]),
                org("ilo", vec![]),
            ],
            &Labels::default(),
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("orgs.json")).unwrap(),
            r#"[["who","WHO"]]"#
        );
    }

    #[test]
    fn kinds_are_named_as_pages_mark_them() {
        assert_eq!(Kind::named("meeting"), Some(Kind::Meeting));
        assert_eq!(Kind::named("overview"), Some(Kind::Overview));
        assert_eq!(Kind::named("Meeting"), None);
        assert_eq!(Kind::of_page(PageKind::Organisation), Kind::Organisation);
        assert_eq!(Kind::of_page(PageKind::Overview), Kind::Overview);
        assert_eq!(Kind::of_page(PageKind::Chapter), Kind::Chapter);
    }

    fn num(b: &mut &[u8]) -> u64 {
        let (mut n, mut shift) = (0, 0);
        loop {
            let byte = b[0];
            *b = &b[1..];
            n |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return n;
            }
            shift += 7;
        }
    }

    /// What `theme/search.js` reads from a shard.
    fn decode_shard(mut b: &[u8]) -> Vec<(String, Vec<(u32, u32)>)> {
        let mut out: Vec<(String, Vec<(u32, u32)>)> = Vec::new();
        while !b.is_empty() {
            let shared = num(&mut b) as usize;
            let rest = num(&mut b) as usize;
            let mut term = out
                .last()
                .map_or(Vec::new(), |(t, _)| t.as_bytes()[..shared].to_vec());
            term.extend_from_slice(&b[..rest]);
            b = &b[rest..];
            let count = num(&mut b);
            let mut id = 0;
            let mut postings = Vec::new();
            for _ in 0..count {
                id += num(&mut b) as u32;
                postings.push((id, num(&mut b) as u32));
            }
            out.push((String::from_utf8(term).unwrap(), postings));
        }
        out
    }
}
