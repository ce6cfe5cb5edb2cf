//! Documents: the document symbols a text cites (`A/85/190`, "General Assembly resolution
//! 85/131"), each linked to its document and listed on a generated "Documents cited" page, and
//! the endnotes' web addresses with links to their archived copies ([`archive`]).
//!
//! Recognition ([`symbols`]) runs over prose only, as the organisations' does: never inside code,
//! links, raw HTML (so `<span class="nolink">A/85/190</span>` opts one symbol out), headings,
//! front matter or bare URLs; `never-link` opts a symbol out everywhere. Each citation becomes
//! `<a class="document-symbol" href="https://undocs.org/en/A/85/190">A/85/190</a>` (a resolution's
//! number alone is the link text, its symbol the link's title), unless another feature already
//! linked an overlapping range: links never nest.
//!
//! A document's title is taken from the text only where the text states it, by two conservative
//! rules: a quoted title right after the citation (`resolution 85/131 "Water for all"`), or, in
//! an endnote, the citation form "Issuer, Title, Date, Symbol" (`UN General Assembly, Report of
//! the Director on …, 25 July 2030, A/85/190`), whose title is what stands between the first comma
//! and the date (an issuer of at most eight words; a date of one day). The first title found in
//! reading order is kept.
//!
//! **A book of many documents.** A chapter whose front matter has a `document:` part (what
//! `mdbook-report import` writes) is that document in the site: a citation of its symbol, or of
//! the resolution it is, links to the chapter instead of the configured `link`, and "paragraph
//! 13 of resolution 80/3" (or "A/80/3, para. 13") links "paragraph 13" to the chapter's
//! `#para-13` where the chapter has that anchor, and nowhere of its own otherwise (the
//! citation still links to the chapter). Each such chapter ends with "Cited by"
//! (`cited-by`): the other chapters citing it, with links to the citing paragraphs; a
//! document nobody cites has none. A book without `document:` chapters links as before.

pub(crate) mod archive;
mod config;
pub(crate) mod symbols;

use crate::base::dates::{Date, parse_written_day};
use crate::base::diagnostics::Diagnostics;
use crate::base::html::{self, Html, Markdown};
use crate::base::markdown::{TextRun, order, safe_to_wrap};
use crate::base::text::fill;
use crate::model::Unused;
use crate::model::{BlockId, Chapter, ChapterId, Model, Outputs};
pub use config::{DocumentWords, DocumentsConfig, ResolutionBody, Series};
use regex::Regex;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::PathBuf;
use std::sync::LazyLock;
use symbols::{Grammar, Kind};

/// One place citing a document.
#[derive(Debug, Clone)]
pub(crate) struct Citation {
    /// The chapter.
    pub chapter: ChapterId,
    /// The paragraph.
    pub block: BlockId,
    /// How the text cites it ("A/85/190", "resolution 85/131").
    pub cited_as: String,
    /// Body bytes of the citation's link text, when it can be linked.
    pub source: Option<Range<usize>>,
    /// The paragraphs of the document it names ("paragraph 13 of resolution 80/3").
    pub paragraphs: Vec<ParagraphRef>,
}

/// A paragraph of a cited document, named with the citation.
#[derive(Debug, Clone)]
pub(crate) struct ParagraphRef {
    /// The anchor of that paragraph in the document's chapter (`para-13`), when the document is
    /// in the book and the chapter has it.
    pub anchor: Option<String>,
    /// Body bytes of the link text ("paragraph 13", or "14" in a list), when it can be linked.
    pub source: Option<Range<usize>>,
}

/// A document the text cites.
#[derive(Debug, Clone)]
pub(crate) struct Document {
    /// The canonical symbol.
    pub symbol: String,
    /// Where the document is; `None` when `link` is empty.
    pub url: Option<String>,
    /// Its title, where the text gives one.
    pub title: Option<String>,
    /// The body, for a resolution cited by number.
    pub body: Option<String>,
    /// Every citation, in reading order.
    pub citations: Vec<Citation>,
    /// The chapter that is this document, in a book of many (its `document: symbol`).
    pub chapter: Option<ChapterId>,
}

impl Document {
    /// The `id` of its entry on the "Documents cited" page: `doc-a-68-190`.
    pub(crate) fn id(&self) -> String {
        let mut id = String::from("doc-");
        let mut dash = false;
        for c in self.symbol.chars() {
            if c.is_ascii_alphanumeric() {
                id.push(c.to_ascii_lowercase());
                dash = false;
            } else if !dash {
                id.push('-');
                dash = true;
            }
        }
        id.trim_end_matches('-').to_string()
    }

    /// The distinct ways the text cites it, in order of first use.
    pub(crate) fn cited_as(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for c in &self.citations {
            if !out.contains(&c.cited_as.as_str()) {
                out.push(&c.cited_as);
            }
        }
        out
    }
}

/// Every document cited and every archived address.
#[derive(Debug, Default)]
pub(crate) struct Documents {
    /// Documents in symbol order (numbers compared as numbers).
    pub documents: Vec<Document>,
    /// The endnotes' addresses with their archived copies, in reading order.
    pub archived: Vec<archive::Copy>,
    /// The "Documents cited" page.
    pub page: PathBuf,
    archive_text: String,
    document: String,
    /// What the configuration names and the text never cites: `never-link` entries, `series`.
    pub unused: Vec<Unused>,
    /// The heading of a document chapter's "Cited by".
    cited_by: String,
}

/// The documents of the book: the chapters with a `document:` part, by symbol (the first
/// chapter of a symbol; another is a warning at its symbol).
fn documents_in_book(model: &Model, diags: &mut Diagnostics) -> HashMap<String, ChapterId> {
    let mut out: HashMap<String, ChapterId> = HashMap::new();
    for ch in &model.chapters {
        let Some(doc) = &ch.front().document else {
            continue;
        };
        let symbol = doc.symbol.value.trim();
        if let Some(first) = out.get(symbol) {
            diags
                .warning(
                    "document-duplicate",
                    ch.locate_front(&doc.symbol),
                    format!(
                        "`{symbol}` is already the document of `{}`: citations of it link there",
                        model.chapter(*first).path.display()
                    ),
                )
                .hint("a document has one chapter: remove one of them, or correct the symbol");
            continue;
        }
        out.insert(symbol.to_string(), ch.id);
    }
    out
}

/// The `id`s the chapter's raw HTML gives (an imported document's `para-13`), with the
/// paragraph each is in, in order.
fn raw_ids(ch: &Chapter) -> Vec<(String, Option<BlockId>)> {
    let mut out = Vec::new();
    for range in &ch.doc.raw_html {
        let block = ch
            .doc
            .blocks()
            .find(|(_, b)| b.range.contains(&range.start))
            .map(|(id, _)| id);
        for id in html::ids(&ch.body()[range.clone()]) {
            out.push((id, block));
        }
    }
    out
}

impl Documents {
    /// Finds every citation and archived address; warns about malformed symbols and unreadable
    /// access dates. `date` is the document's date, `document` its word ("report").
    pub(crate) fn collect(
        model: &Model,
        cfg: &DocumentsConfig,
        date: Option<Date>,
        document: &str,
        diags: &mut Diagnostics,
    ) -> Documents {
        let mut found = Finding {
            model,
            cfg,
            never_linked: vec![false; cfg.never_link.len()],
            series_found: vec![false; cfg.series.len()],
            by_symbol: HashMap::new(),
            documents: Vec::new(),
            in_book: documents_in_book(model, diags),
            anchors: HashMap::new(),
        };
        let grammar = Grammar::new(cfg);
        for ch in &model.chapters {
            for run in &ch.doc.runs {
                found.run(&grammar, ch, run, diags);
            }
        }
        let unused = found.unused();
        let mut documents = found.documents;
        documents.sort_by_cached_key(|d| natural_key(&d.symbol));
        let archived = archive::collect(model, cfg, date, document, diags);
        Documents {
            documents,
            archived,
            page: cfg.page.clone(),
            archive_text: cfg.archive_text.clone(),
            document: document.to_string(),
            unused,
            cited_by: cfg.cited_by.clone(),
        }
    }

    /// True when nothing was found: no page is made.
    pub(crate) fn is_empty(&self) -> bool {
        self.documents.is_empty() && self.archived.is_empty()
    }

    /// Links every citation that can be, adds the archived-copy links, and anchors every
    /// paragraph the page links to.
    pub(crate) fn edit(&self, model: &Model, outputs: &mut Outputs) {
        for doc in &self.documents {
            let site = doc.chapter.map(|c| &model.chapter(c).path);
            for c in &doc.citations {
                let from = &model.chapter(c.chapter).path;
                let out = &mut outputs[c.chapter];
                out.anchors.insert(c.block);
                if let Some(to) = site {
                    for p in &c.paragraphs {
                        let (Some(anchor), Some(source)) = (&p.anchor, &p.source) else {
                            continue;
                        };
                        if !out.overlaps_link(source) {
                            let mut open = Html::<Markdown>::new();
                            open.open("a")
                                .attr("class", "document-paragraph")
                                .attr("href", html::href(from, to, Some(anchor)))
                                .close();
                            out.wrap(
                                source.clone(),
                                open.into_string(),
                                Html::<Markdown>::end("a"),
                            );
                        }
                    }
                }
                let url = match site {
                    Some(to) => html::href(from, to, None),
                    None => match &doc.url {
                        Some(url) => url.clone(),
                        None => continue,
                    },
                };
                let Some(source) = &c.source else {
                    continue;
                };
                if out.overlaps_link(source) {
                    continue;
                }
                let class = if site.is_some() {
                    "document-symbol document-in-site"
                } else {
                    "document-symbol"
                };
                let mut open = Html::<Markdown>::new();
                let mut tag = open.open("a").attr("class", class).attr("href", &url);
                if c.cited_as != doc.symbol {
                    tag = tag.attr("title", &doc.symbol);
                }
                tag.close();
                out.wrap(
                    source.clone(),
                    open.into_string(),
                    Html::<Markdown>::end("a"),
                );
            }
            if let Some(to) = doc.chapter {
                outputs[to].epilogue = self.cited_by(doc, to, model);
            }
        }
        for copy in &self.archived {
            let ch = model.chapter(copy.chapter);
            if !safe_to_wrap(ch.body(), copy.at..copy.at) {
                continue;
            }
            let out = &mut outputs[copy.chapter];
            out.anchors.insert(copy.block);
            let day = Date::Day(copy.date).written();
            let title = match &copy.from {
                archive::DateFrom::Access => {
                    format!("The web archive's copy nearest to {day}, the access date")
                }
                archive::DateFrom::Document => format!(
                    "The web archive's copy nearest to {day}, the {}'s date (no access date given)",
                    self.document
                ),
                archive::DateFrom::Adopted(symbol) => format!(
                    "The web archive's copy nearest to {day}, when {symbol} was adopted (no access date given)"
                ),
            };
            // After any link closing here, before any opening: never inside another link.
            let mut copy_link = Html::<Markdown>::new();
            copy_link
                .open("span")
                .attr("class", "archived-copy report-generated")
                .close()
                .text(" (")
                .open("a")
                .attr("href", &copy.archive)
                .attr("title", &title)
                .close()
                .text(&self.archive_text)
                .close("a")
                .text(")")
                .close("span");
            out.edits
                .insert(copy.at, order::ANCHOR, copy_link.into_string());
        }
    }
}

/// The documents being found, chapter by chapter.
struct Finding<'a> {
    model: &'a Model,
    cfg: &'a DocumentsConfig,
    /// Per `never-link` entry: whether it kept a citation from being linked.
    never_linked: Vec<bool>,
    /// Per series: whether the text cites one of its documents.
    series_found: Vec<bool>,
    /// Each document's index in `documents`, by symbol.
    by_symbol: HashMap<String, usize>,
    /// In the order first cited.
    documents: Vec<Document>,
    /// The book's own documents' chapters, by symbol.
    in_book: HashMap<String, ChapterId>,
    /// The ids of the book's documents' chapters, read once each.
    anchors: HashMap<ChapterId, Vec<String>>,
}

impl Finding<'_> {
    /// The citations of one run of text: each a [`Citation`] of its document (unless
    /// `never-link` names it or it is inside a link's address), each malformed symbol a warning.
    fn run(&mut self, grammar: &Grammar, ch: &Chapter, run: &TextRun, diags: &mut Diagnostics) {
        let block = ch.block(run.block);
        let (found, malformed) = grammar.find(&run.text, &block.text, run.block_offset);
        for m in malformed.iter().filter(|m| !run.in_url(m.range.clone())) {
            let at = run
                .source_range(m.range.clone())
                .map_or(block.range.start, |r| r.start);
            diags
                .warning(
                    "document-symbol-malformed",
                    ch.locate(at),
                    m.message.clone(),
                )
                .hint(m.hint.clone());
        }
        for f in found {
            if run.in_url(f.range.clone()) {
                continue;
            }
            if let Kind::Series(s) = f.kind {
                self.series_found[s] = true;
            }
            let never = self
                .cfg
                .never_link
                .iter()
                .position(|n| n.trim() == f.symbol || n.trim() == f.cited_as);
            if let Some(n) = never {
                self.never_linked[n] = true;
                continue;
            }
            let in_block = run.block_offset + f.range.start..run.block_offset + f.range.end;
            let title = title_after(&block.text, in_block.end).or_else(|| {
                block
                    .in_footnote
                    .as_ref()
                    .and_then(|_| title_before(&block.text, in_block.start))
            });
            let i = self.document(&f);
            if self.documents[i].title.is_none() {
                self.documents[i].title = title;
            }
            let paragraphs = self.paragraphs(i, ch, run, &f);
            self.documents[i].citations.push(Citation {
                chapter: ch.id,
                block: run.block,
                cited_as: f.cited_as,
                source: run
                    .source_range(f.range)
                    .filter(|r| safe_to_wrap(ch.body(), r.clone())),
                paragraphs,
            });
        }
    }

    /// The index of the document `f` cites, added on its first citation with its address
    /// (its series' `link`, or the documents' `link`, filled in).
    fn document(&mut self, f: &symbols::Found) -> usize {
        if let Some(&i) = self.by_symbol.get(&f.symbol) {
            return i;
        }
        let cfg = self.cfg;
        let url = match &f.kind {
            Kind::Series(s) if !cfg.series[*s].link.trim().is_empty() => &cfg.series[*s].link,
            _ => &cfg.link,
        };
        let url = (!url.trim().is_empty()).then(|| {
            let mut vars = f.vars.clone();
            vars.push(("symbol".into(), f.symbol.clone()));
            let vars: Vec<(&str, &str)> =
                vars.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
            fill(url.trim(), &vars)
        });
        self.documents.push(Document {
            symbol: f.symbol.clone(),
            url,
            title: None,
            body: match f.kind {
                Kind::Resolution(b) => Some(cfg.resolutions[b].body.clone()),
                _ => None,
            },
            citations: Vec::new(),
            chapter: self.in_book.get(&f.symbol).copied(),
        });
        self.by_symbol
            .insert(f.symbol.clone(), self.documents.len() - 1);
        self.documents.len() - 1
    }

    /// The paragraphs of document `i` that citation `f` names: each with its anchor when the
    /// document is a chapter of the book that has it.
    fn paragraphs(
        &mut self,
        i: usize,
        ch: &Chapter,
        run: &TextRun,
        f: &symbols::Found,
    ) -> Vec<ParagraphRef> {
        let model = self.model;
        let ids = self.documents[i].chapter.map(|c| {
            &*self.anchors.entry(c).or_insert_with(|| {
                raw_ids(model.chapter(c))
                    .into_iter()
                    .map(|(id, _)| id)
                    .collect()
            })
        });
        f.paragraphs
            .iter()
            .map(|(number, range)| {
                let anchor = format!("para-{number}");
                ParagraphRef {
                    anchor: ids.filter(|ids| ids.contains(&anchor)).map(|_| anchor),
                    source: run
                        .source_range(range.clone())
                        .filter(|r| safe_to_wrap(ch.body(), r.clone())),
                }
            })
            .collect()
    }

    /// The `never-link` entries that kept nothing from being linked and the series that found
    /// nothing.
    fn unused(&self) -> Vec<Unused> {
        let cfg = self.cfg;
        let never = self
            .never_linked
            .iter()
            .enumerate()
            .filter(|(_, used)| !**used);
        let never = never.map(|(i, _)| Unused {
            key: ("documents", "never-link"),
            entry: Some(i),
            problem: "keeps nothing from being linked: the text cites no such symbol".into(),
            value: cfg.never_link[i].trim().to_string(),
            hint: "write the symbol as the text cites it (`A/68/190`), or remove it".into(),
        });
        let series = self
            .series_found
            .iter()
            .enumerate()
            .filter(|(_, used)| !**used);
        let series = series.map(|(i, _)| Unused {
            key: ("documents", "series"),
            entry: Some(i),
            problem: "finds nothing: the text cites no document of this series".into(),
            value: cfg.series[i].pattern.clone(),
            hint: "check the pattern against a citation of the text (`{name}` stands for a number, a space for an optional space), or remove it".into(),
        });
        never.chain(series).collect()
    }
}

impl Documents {
    /// The "Cited by" of document chapter `to`: the other chapters citing it, in reading
    /// order, each with links to its citing paragraphs (their permalinks' ids), labelled by the
    /// paragraph's own number where the chapter is an imported document; empty when nobody
    /// cites it.
    fn cited_by(&self, doc: &Document, to: ChapterId, model: &Model) -> String {
        let mut citing: BTreeMap<ChapterId, Vec<BlockId>> = BTreeMap::new();
        for c in doc.citations.iter().filter(|c| c.chapter != to) {
            let blocks = citing.entry(c.chapter).or_default();
            if !blocks.contains(&c.block) {
                blocks.push(c.block);
            }
        }
        if citing.is_empty() {
            return String::new();
        }
        let page = &model.chapter(to).path;
        let mut out = Html::<Markdown>::new();
        out.open("section")
            .attr("class", "cited-by report-generated")
            .attr("data-search", "skip")
            .attr("aria-labelledby", "report-cited-by")
            .close()
            .newline()
            .open("h2")
            .attr("id", "report-cited-by")
            .close()
            .text(&self.cited_by)
            .close("h2")
            .newline()
            .element_open("ul")
            .newline();
        for (c, blocks) in citing {
            let ch = model.chapter(c);
            let mut labels: HashMap<BlockId, String> = HashMap::new();
            for (id, b) in raw_ids(ch) {
                if let (Some(b), Some(label)) = (b, paragraph_label(&id)) {
                    labels.entry(b).or_insert(label);
                }
            }
            out.element_open("li")
                .open("a")
                .attr("href", html::href(page, &ch.path, None))
                .close()
                .text(&ch.name)
                .close("a")
                .text(": ")
                .join(&blocks, ", ", |out, b| {
                    let label = labels
                        .get(b)
                        .cloned()
                        .unwrap_or_else(|| first_words(&ch.block(*b).text));
                    out.open("a")
                        .attr(
                            "href",
                            html::href(page, &ch.path, Some(&ch.block(*b).anchor)),
                        )
                        .close()
                        .text(&label)
                        .close("a");
                })
                .close("li")
                .newline();
        }
        out.close("ul").newline().close("section").newline();
        out.into_string()
    }
}

/// How a reader names an imported document's paragraph from its anchor: `para-13` "paragraph
/// 13", `para-13-b` "paragraph 13 (b)", `preamble-2` "preamble, paragraph 2", `annex-para-4`
/// "annex, paragraph 4".
fn paragraph_label(id: &str) -> Option<String> {
    let (place, rest) = if let Some(rest) = id.strip_prefix("annex-para-") {
        ("annex, ", rest)
    } else if let Some(rest) = id.strip_prefix("preamble-") {
        ("preamble, ", rest)
    } else {
        ("", id.strip_prefix("para-")?)
    };
    let (number, letter) = match rest.split_once('-') {
        Some((n, l)) => (n, Some(l)),
        None => (rest, None),
    };
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(match letter {
        Some(l) => format!("{place}paragraph {number} ({l})"),
        None => format!("{place}paragraph {number}"),
    })
}

/// A paragraph's first words, for a link to it: "The Assembly recalls …".
fn first_words(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= 6 {
        words.join(" ")
    } else {
        format!("{} …", words[..6].join(" "))
    }
}

/// The body offset of byte `at` of paragraph `b`'s text (its start when that byte is not in a
/// run of prose).
pub(crate) fn body_offset(ch: &Chapter, b: BlockId, at: usize) -> usize {
    let block = ch.block(b);
    ch.doc
        .runs
        .iter()
        .filter(|r| r.block == b)
        .find(|r| (r.block_offset..r.block_offset + r.text.len()).contains(&at))
        .and_then(|r| {
            let i = at - r.block_offset;
            let end = r.text[i..].chars().next().map_or(i, |c| i + c.len_utf8());
            r.source_range(i..end)
        })
        .map_or(block.range.start, |r| r.start)
}

static QUOTED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"^\s*,?\s*[“"]([^“”"]{3,200})[”"]"#).expect("valid regex"));

static CITED_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|,)\s*(?P<date>[0-9]{1,2}\s+\p{L}+\.?\s+[0-9]{4}|\p{L}+\.?\s+[0-9]{1,2},\s*[0-9]{4})\s*,\s*$")
        .expect("valid regex")
});

/// A quoted title right after the citation.
fn title_after(text: &str, end: usize) -> Option<String> {
    let caps = QUOTED.captures(&text[end..])?;
    let title = caps[1].trim().trim_end_matches([',', '.']);
    (!title.is_empty()).then(|| title.to_string())
}

/// "Issuer, Title, Date, " before the citation: the title.
fn title_before(text: &str, start: usize) -> Option<String> {
    let sentence = &text[symbols::sentence_start(text, start)..start];
    let caps = CITED_BEFORE.captures(sentence)?;
    let date = caps.name("date").expect("group");
    parse_written_day(date.as_str())?;
    let head = sentence[..date.start()].trim_end().strip_suffix(',')?;
    let (issuer, title) = head.split_once(", ")?;
    let (issuer, title) = (issuer.trim(), title.trim());
    let words = issuer.split_whitespace().count();
    (!issuer.is_empty() && words <= 8 && !title.is_empty()).then(|| title.to_string())
}

/// A sort key comparing the numbers in symbols as numbers (`A/9/1` before `A/10/1`).
fn natural_key(symbol: &str) -> Vec<(String, u64)> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut digits = String::new();
    for c in symbol.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            if !digits.is_empty() {
                out.push((
                    std::mem::take(&mut text),
                    digits.parse().unwrap_or(u64::MAX),
                ));
                digits.clear();
            }
            text.push(c);
        }
    }
    out.push((text, digits.parse().unwrap_or(0)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_only_where_the_text_gives_them() {
        let note = "UN General Assembly, Report of the Secretary General on Trade, 25 July 2030, A/85/190, available at: x";
        let at = note.find("A/85").unwrap();
        assert_eq!(
            title_before(note, at).as_deref(),
            Some("Report of the Secretary General on Trade")
        );
        let note = "Commission, Report of the Conference on its sixteenth session, held in Cancun from 29 November to 10 December 2030, 15 March 2031, FCCC/CP/2030/7/Add.1";
        assert_eq!(
            title_before(note, note.find("FCCC").unwrap()).as_deref(),
            Some(
                "Report of the Conference on its sixteenth session, held in Cancun from 29 November to 10 December 2030"
            )
        );
        let date_first = "Adopted on 25 July 2030, A/85/190.";
        assert_eq!(
            title_before(date_first, date_first.find("A/").unwrap()),
            None
        );
        let range = "ILO, Conclusions of the Meeting, 4-8 November 2030, A/85/14";
        assert_eq!(title_before(range, range.find("A/").unwrap()), None);
        let prose = "follow-up to resolution 56/131 “Violence against women migrant workers”.";
        let end = prose.find("131").unwrap() + 3;
        assert_eq!(
            title_after(prose, end).as_deref(),
            Some("Violence against women migrant workers")
        );
        assert_eq!(title_after("56/131 and “this”", 6), None);
    }

    #[test]
    fn symbols_sort_with_numbers_as_numbers() {
        let mut s = vec![
            "A/RES/10/1",
            "A/68/L.5",
            "A/RES/9/2",
            "A/68/190",
            "WHA61.17",
            "E/2030/1",
        ];
        s.sort_by_cached_key(|x| natural_key(x));
        assert_eq!(
            s,
            [
                "A/68/190",
                "A/68/L.5",
                "A/RES/9/2",
                "A/RES/10/1",
                "E/2030/1",
                "WHA61.17"
            ]
        );
    }

    #[test]
    fn entry_ids_are_slugs_of_the_symbol() {
        let d = Document {
            symbol: "FCCC/CP/2010/7/Add.1".into(),
            url: None,
            title: None,
            body: None,
            citations: vec![],
            chapter: None,
        };
        assert_eq!(d.id(), "doc-fccc-cp-2010-7-add-1");
    }
    use crate::model::testing::model;

    /// The documents of a book of `chapters` with the configuration `cfg`: the documents,
    /// every chapter's text with the feature's edits and its epilogue, the diagnostics.
    fn documents(
        chapters: &[(&str, &str)],
        cfg: &DocumentsConfig,
    ) -> (Documents, Vec<String>, String) {
        dated_documents(chapters, cfg, None)
    }

    /// [`documents`] of a book dated `date`.
    fn dated_documents(
        chapters: &[(&str, &str)],
        cfg: &DocumentsConfig,
        date: Option<&str>,
    ) -> (Documents, Vec<String>, String) {
        let mut diags = Diagnostics::new();
        let m = model(chapters, &mut diags);
        let date = date.map(|d| Date::parse(d).unwrap());
        let found = Documents::collect(&m, cfg, date, "report", &mut diags);
        let mut outputs = m.outputs();
        found.edit(&m, &mut outputs);
        let texts = m
            .chapters
            .iter()
            .map(|ch| {
                let out = &mut outputs[ch.id];
                format!("{}{}", out.edits.apply(ch.body()), out.epilogue)
            })
            .collect();
        (found, texts, diags.render())
    }

    const RESOLUTION: &str = "---\ndocument:\n  symbol: A/RES/80/3\n  title: Water\n---\n\
        # Resolution 80/3\n\n<span id=\"para-1\"></span>1. Recalls resolution 80/3 itself.\n\n\
        <span id=\"para-2-a\"></span>(a) Second.\n";

    const CITING: &str = "---\ndocument:\n  symbol: A/RES/80/4\n  title: Land\n---\n\
        # Resolution 80/4\n\n<span id=\"para-4\"></span><span id=\"x\"></span>4. Recalls paragraph 1 of \
        resolution 80/3.\n\n<span id=\"preamble-2\"></span>Recalling resolution 80/3.\n";

    const PROSE: &str = "# A\n\nSee A/85/190 and resolution 85/131 “Water for all”, and A/85/190 again.\n\n\
        Paragraph 1 of resolution 80/3 and paragraph 7 of resolution 80/3 and A/99/1.\n\n\
        Not resolution 85/132.\n\n\
        They noted A/RES/80/3 by vote.\n";

    #[test]
    fn citations_link_to_their_documents_or_to_the_chapters_that_are_them() {
        let cfg = DocumentsConfig {
            never_link: vec![
                "A/99/1".into(),
                " A/1/1 ".into(),
                "resolution 85/132".into(),
            ],
            default_body: "General Assembly".into(),
            ..DocumentsConfig::default()
        };
        let (found, texts, diags) = documents(
            &[("res.md", RESOLUTION), ("res4.md", CITING), ("a.md", PROSE)],
            &cfg,
        );
        assert_eq!(diags, "0 errors, 0 warnings");
        let docs: Vec<_> = found
            .documents
            .iter()
            .map(|d| {
                (
                    d.symbol.as_str(),
                    d.url.as_deref(),
                    d.title.as_deref(),
                    d.cited_as(),
                )
            })
            .collect();
        let bodies: Vec<Option<&str>> = found.documents.iter().map(|d| d.body.as_deref()).collect();
        assert_eq!(
            bodies,
            [None, Some("General Assembly"), Some("General Assembly")]
        );
        let undocs = |s: &str| format!("https://undocs.org/en/{s}");
        assert_eq!(
            docs,
            [
                (
                    "A/85/190",
                    Some(&*undocs("A/85/190")),
                    None,
                    vec!["A/85/190"]
                ),
                (
                    "A/RES/80/3",
                    Some(&*undocs("A/RES/80/3")),
                    None,
                    vec!["resolution 80/3", "A/RES/80/3"]
                ),
                (
                    "A/RES/85/131",
                    Some(&*undocs("A/RES/85/131")),
                    Some("Water for all"),
                    vec!["resolution 85/131"]
                ),
            ]
        );
        assert!(!found.is_empty());
        // The resolution's own citation of itself is not "Cited by".
        assert_eq!(
            texts[0],
            format!(
                "{}<section class=\"cited-by report-generated\" data-search=\"skip\" \
                 aria-labelledby=\"report-cited-by\">\n<h2 id=\"report-cited-by\">Cited by</h2>\n<ul>\n\
                 <li><a href=\"res4.html\">Chapter 2</a>: <a href=\"res4.html#p-4-recalls-paragraph-1-of-resolution\">\
                 paragraph 4</a>, <a href=\"res4.html#p-recalling-resolution-80-3\">preamble, paragraph 2</a></li>\n\
                 <li><a href=\"a.html\">Chapter 3</a>: <a href=\"a.html#p-paragraph-1-of-resolution-80-3\">\
                 Paragraph 1 of resolution 80/3 and …</a>, <a href=\"a.html#p-they-noted-a-res-80-3\">\
                 They noted A/RES/80/3 by vote.</a></li>\n</ul>\n</section>\n",
                RESOLUTION[RESOLUTION.find("# ").unwrap()..].replace(
                    "resolution 80/3 itself",
                    "resolution <a class=\"document-symbol document-in-site\" href=\"res.html\" \
                     title=\"A/RES/80/3\">80/3</a> itself"
                )
            )
        );
        let symbol = |href: &str, title: &str, text: &str| {
            format!("<a class=\"document-symbol\" href=\"{href}\"{title}>{text}</a>")
        };
        let in_site = |text: &str| {
            format!(
                "<a class=\"document-symbol document-in-site\" href=\"res.html\"{}>{text}</a>",
                if text == "80/3" {
                    " title=\"A/RES/80/3\""
                } else {
                    ""
                }
            )
        };
        let a190 = symbol(&undocs("A/85/190"), "", "A/85/190");
        assert_eq!(
            texts[2],
            format!(
                "# A\n\nSee {a190} and resolution {} “Water for all”, and {a190} again.\n\n\
                 <a class=\"document-paragraph\" href=\"res.html#para-1\">Paragraph 1</a> of resolution {} \
                 and paragraph 7 of resolution {} and A/99/1.\n\nNot resolution 85/132.\n\n\
                 They noted {} by vote.\n",
                symbol(&undocs("A/RES/85/131"), " title=\"A/RES/85/131\"", "85/131"),
                in_site("80/3"),
                in_site("80/3"),
                in_site("A/RES/80/3"),
            )
        );
        // Nobody cites resolution 80/4: no "Cited by".
        assert!(!texts[1].contains("cited-by"), "{}", texts[1]);
        assert_eq!(
            found.unused,
            [Unused {
                key: ("documents", "never-link"),
                entry: Some(1),
                problem: "keeps nothing from being linked: the text cites no such symbol".into(),
                value: "A/1/1".into(),
                hint: "write the symbol as the text cites it (`A/68/190`), or remove it".into(),
            }]
        );
    }
    #[test]
    fn an_imported_paragraphs_anchor_names_it_for_a_reader() {
        let label = |id: &str| paragraph_label(id);
        assert_eq!(label("para-13").as_deref(), Some("paragraph 13"));
        assert_eq!(label("para-13-b").as_deref(), Some("paragraph 13 (b)"));
        assert_eq!(
            label("preamble-2").as_deref(),
            Some("preamble, paragraph 2")
        );
        assert_eq!(label("annex-para-4").as_deref(), Some("annex, paragraph 4"));
        assert_eq!(label("para-"), None);
        assert_eq!(label("para--b"), None);
        assert_eq!(label("para-1x"), None);
        assert_eq!(label("section-2"), None);
    }

    #[test]
    fn a_paragraph_without_a_number_is_named_by_its_first_six_words() {
        assert_eq!(
            first_words(" One two\nthree  four five six "),
            "One two three four five six"
        );
        assert_eq!(
            first_words("One two three four five six seven"),
            "One two three four five six …"
        );
    }

    #[test]
    fn an_entry_id_has_one_dash_for_each_run_of_other_characters() {
        let d = Document {
            symbol: "A/ RES//9 (x).".into(),
            url: None,
            title: None,
            body: None,
            citations: vec![],
            chapter: None,
        };
        assert_eq!(d.id(), "doc-a-res-9-x");
    }

    #[test]
    fn a_cited_title_needs_a_short_issuer_a_real_day_and_some_words() {
        let before = |text: &str| title_before(text, text.find("A/85").unwrap());
        let eight = "One two three four five six seven eight, A Title, 25 July 2030, A/85/190";
        assert_eq!(before(eight).as_deref(), Some("A Title"));
        let nine = "One two three four five six seven eight nine, A Title, 25 July 2030, A/85/190";
        assert_eq!(before(nine), None);
        assert_eq!(
            before("UN, A Title, July 25, 2030, A/85/190").as_deref(),
            Some("A Title")
        );
        assert_eq!(before("UN, A Title, 31 February 2030, A/85/190"), None);
        assert_eq!(before("UN,  , 25 July 2030, A/85/190"), None);
        assert_eq!(
            title_after(" , \"Water for all.\"", 0).as_deref(),
            Some("Water for all")
        );
        assert_eq!(title_after(" “ab”", 0), None);
        assert_eq!(title_after(" “ , ”", 0), None);
    }

    #[test]
    fn numbers_in_symbols_are_compared_as_numbers() {
        let key = |parts: &[(&str, u64)]| -> Vec<(String, u64)> {
            parts.iter().map(|(t, n)| (t.to_string(), *n)).collect()
        };
        assert_eq!(natural_key("A/10/1"), key(&[("A/", 10), ("/", 1)]));
        assert_eq!(natural_key("INF"), key(&[("INF", 0)]));
        assert_eq!(
            natural_key("A/99999999999999999999/1"),
            key(&[("A/", u64::MAX), ("/", 1)])
        );
    }

    #[test]
    fn a_title_comes_from_the_first_citation_giving_one_and_from_a_note_in_citation_form() {
        // The last two in a run of text after a code span, away from the paragraph's start.
        let a = "Text.[^1] And UN, Not a title, 25 July 2030, A/85/191.[^2]\n\n\
                 A/85/192 “First title” and A/85/192 “Second title”.\n\n\
                 `x` A/85/193 “Third title”.\n\n\
                 [^1]: UN General Assembly, Report on water, 25 July 2030, A/85/190.\n\n\
                 [^2]: `x` UN, Report on land, 26 July 2030, A/85/194.\n";
        let (found, _, _) = documents(&[("a.md", a)], &DocumentsConfig::default());
        let titles: Vec<(&str, Option<&str>)> = found
            .documents
            .iter()
            .map(|d| (d.symbol.as_str(), d.title.as_deref()))
            .collect();
        assert_eq!(
            titles,
            [
                ("A/85/190", Some("Report on water")),
                ("A/85/191", None),
                ("A/85/192", Some("First title")),
                ("A/85/193", Some("Third title")),
                ("A/85/194", Some("Report on land")),
            ]
        );
    }

    #[test]
    fn a_notes_address_gets_a_link_to_its_archived_copy_saying_which_day_it_is() {
        let notes = "# Notes\n\n[^a]: See https://a.org/x. Accessed on 14 February 2030.\n\n\
                     [^b]: See https://b.org/y.\n";
        let (found, texts, diags) = dated_documents(
            &[
                ("a.md", "# A\n\nText.[^a] More.[^b]\n"),
                ("notes.md", notes),
            ],
            &DocumentsConfig::default(),
            Some("2030-06"),
        );
        assert_eq!(diags, "0 errors, 0 warnings");
        assert!(found.documents.is_empty() && !found.is_empty());
        let copy = |address: &str, day: &str, title: &str| {
            format!(
                "{address}<span class=\"archived-copy report-generated\"> (<a \
                 href=\"https://web.archive.org/web/{day}/{address}\" title=\"The web archive&#39;s \
                 copy nearest to {title}\">archived copy</a>)</span>"
            )
        };
        assert_eq!(
            texts[1],
            format!(
                "# Notes\n\n[^a]: See {}. Accessed on 14 February 2030.\n\n[^b]: See {}.\n",
                copy(
                    "https://a.org/x",
                    "20300214",
                    "14 February 2030, the access date"
                ),
                copy(
                    "https://b.org/y",
                    "20300601",
                    "1 June 2030, the report&#39;s date (no access date given)"
                ),
            )
        );
    }
    #[test]
    fn a_series_links_with_its_own_address_unless_it_has_none() {
        let series = |pattern: &str, symbol: &str, link: &str| Series {
            pattern: pattern.into(),
            symbol: symbol.into(),
            link: link.into(),
        };
        let cfg = DocumentsConfig {
            series: vec![
                series(
                    "WHA {session}.{number}",
                    "WHA{session}.{number}",
                    "https://who.example/{symbol}",
                ),
                series("ILO C{number}", "C{number}", " "),
                series("XYZ {number}", "XYZ{number}", ""),
            ],
            ..DocumentsConfig::default()
        };
        let (found, texts, _) = documents(&[("a.md", "WHA 61.17 and ILO C189.\n")], &cfg);
        let urls: Vec<(&str, Option<&str>)> = found
            .documents
            .iter()
            .map(|d| (d.symbol.as_str(), d.url.as_deref()))
            .collect();
        assert_eq!(
            urls,
            [
                ("C189", Some("https://undocs.org/en/C189")),
                ("WHA61.17", Some("https://who.example/WHA61.17")),
            ]
        );
        assert!(
            texts[0]
                .contains("href=\"https://who.example/WHA61.17\" title=\"WHA61.17\">WHA 61.17</a>"),
            "{}",
            texts[0]
        );
        let unused: Vec<(Option<usize>, &str)> = found
            .unused
            .iter()
            .map(|u| (u.entry, u.value.as_str()))
            .collect();
        assert_eq!(unused, [(Some(2), "XYZ {number}")]);
    }

    #[test]
    fn without_an_address_a_citation_is_listed_but_not_linked() {
        let cfg = DocumentsConfig {
            link: " ".into(),
            ..DocumentsConfig::default()
        };
        let (found, texts, _) = documents(&[("a.md", "See A/85/190.\n")], &cfg);
        assert_eq!(found.documents.len(), 1);
        assert_eq!(found.documents[0].url, None);
        assert_eq!(texts[0], "See A/85/190.\n");
    }

    #[test]
    fn a_second_chapter_of_the_same_document_is_a_warning_and_citations_go_to_the_first() {
        let dup = RESOLUTION.replace("title: Water", "title: Again");
        let (found, texts, diags) = documents(
            &[
                ("res.md", RESOLUTION),
                ("dup.md", &dup),
                ("a.md", "See A/RES/80/3.\n"),
            ],
            &DocumentsConfig::default(),
        );
        assert_eq!(
            diags,
            "src/dup.md:3:11: warning: `A/RES/80/3` is already the document of `res.md`: citations of it link there [document-duplicate]\n  \
             = hint: a document has one chapter: remove one of them, or correct the symbol\n\
             0 errors, 1 warning"
        );
        assert_eq!(found.documents[0].chapter, Some(ChapterId(0)));
        assert!(texts[2].contains("href=\"res.html\""), "{}", texts[2]);
    }
    #[test]
    fn a_byte_of_a_paragraphs_text_is_found_in_the_chapters_body() {
        let mut diags = Diagnostics::new();
        let body = "# A\n\nFirst.\n\nSecond *pára* here.\n";
        let m = model(&[("a.md", body)], &mut diags);
        let ch = &m.chapters[0];
        let (b, block) = ch
            .doc
            .blocks()
            .find(|(_, b)| b.text.starts_with("Second"))
            .unwrap();
        let at = |part: &str| body_offset(ch, b, block.text.find(part).unwrap());
        assert_eq!(at("pára"), body.find("pára").unwrap());
        assert_eq!(at("ára"), body.find("ára").unwrap());
        assert_eq!(at("here"), body.find("here").unwrap());
        // Not in prose: the paragraph's start.
        let beyond = body_offset(ch, b, block.text.len() + 5);
        assert_eq!(beyond, body.find("Second").unwrap());
    }
    #[test]
    fn a_malformed_symbol_is_a_warning_unless_it_is_inside_an_address() {
        let text = "# A\n\nThe report A/85/ and https://example.org/A/85/ here.\n";
        let (found, texts, diags) = documents(&[("a.md", text)], &DocumentsConfig::default());
        assert_eq!(
            diags,
            "src/a.md:3:12: warning: `A/85/` is not a complete document symbol: it ends with a slash [document-symbol-malformed]\n  \
             = hint: a symbol is a series, then numbers and parts separated by single slashes (`A/85/190`, `A/85/L.5`); if the \
             original has it so, wrap it in `<span class=\"nolink\">…</span>` to leave it as it is\n\
             0 errors, 1 warning"
        );
        // Nothing cited, no address in a note: no page.
        assert!(found.is_empty());
        assert_eq!(texts[0], text);
    }
}
