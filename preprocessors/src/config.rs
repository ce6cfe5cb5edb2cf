//! Typed configuration: the `[preprocessor.report]` table of `book.toml`. [`Config`] composes
//! each feature's own table (its type lives with the feature: `features::agenda::AgendaConfig`
//! …) and the outputs' tables, reads them with located messages for every mistake, and checks
//! what spans tables.
//!
//! ```toml
//! [preprocessor.report]
//! document = "declaration"       # the word for the document (default "document")
//! date = "2025-10"               # its date, in the front-matter date forms (no default)
//! deny-warnings = false          # or MDBOOK_PREPROCESSOR__REPORT__DENY_WARNINGS=true
//!
//! [preprocessor.report.endnotes]
//! chapter = "notes.md"
//! labels = "1"
//! ```
//!
//! Every feature has a table with `enable = true|false`. Unknown keys are errors, so a typo in
//! `book.toml` is reported instead of silently ignored, and so is a phrase naming a placeholder
//! it does not have. Every word a reader sees that belongs to one book comes from here, from the
//! book's data files or from `book.title`; the defaults are neutral words.

use crate::base::dates::Date;
use crate::base::diagnostics::{Diagnostics, LineIndex, Location, did_you_mean};
use crate::base::paths;
use crate::base::text;
use crate::model::schema::{self, Kind, Mismatch, Problem, Seg, or_none};
use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

pub use crate::base::numbering::Numbering;
pub use crate::features::agenda::AgendaConfig;
pub use crate::features::documents::{DocumentWords, DocumentsConfig, ResolutionBody, Series};
pub use crate::features::endnotes::EndnotesConfig;
pub use crate::features::organisations::{LinkMode, OrgPages, OrganisationsConfig};
pub use crate::features::timeline::TimelineConfig;
use crate::model::Unused;

/// What the configuration's keys and types ([`schema()`]) are made of, read from the types
/// themselves: what a mistake in book.toml is checked against.
pub mod keys {
    pub use crate::base::paths::{IN_BOOK, IN_SRC, REPOSITORY};
    pub use crate::model::schema::{Field, Kind, NUMBERING, OR_NONE};
}

pub(crate) use crate::model::{PREPROCESSOR, RENDERER};

/// `[preprocessor.report]`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct Config {
    /// Turn every warning into an error (for CI).
    pub deny_warnings: bool,
    /// The word for the document ("report", "declaration", "resolution").
    pub document: String,
    /// The document's date, in the front-matter date forms (`2025-10`); see [`Config::date`].
    #[serde(rename = "date")]
    pub date_text: Option<String>,
    /// The sidebar part title before the generated overview pages.
    pub explore_part: String,
    /// The book's title in a phone's menu bar, where `book.title` does not fit (empty: the
    /// book's title, on two lines at most).
    pub short_title: String,
    /// The folder above the book that is its repository (`..`): includes may reach files in it.
    /// Unset: the nearest folder above the book with a `.git`.
    #[serde(deserialize_with = "paths::repository")]
    pub repository: Option<PathBuf>,
    /// Where a book keeps templates that replace the built-in ones (relative to the book root).
    #[serde(deserialize_with = "paths::in_book")]
    pub templates: PathBuf,
    /// Active content the chapters' raw HTML may have, by name: elements (`iframe`, `script`
    /// …), event-handler attributes (`onclick`) and `http-equiv`. Everything else active is an
    /// error (`html-active`).
    pub allow_html: Vec<String>,
    /// `[preprocessor.report.endnotes]`.
    pub endnotes: EndnotesConfig,
    /// `[preprocessor.report.organisations]`.
    pub organisations: OrganisationsConfig,
    /// `[preprocessor.report.agenda]`.
    pub agenda: AgendaConfig,
    /// `[preprocessor.report.timeline]`.
    pub timeline: TimelineConfig,
    /// `[preprocessor.report.permalinks]`.
    pub permalinks: PermalinksConfig,
    /// `[preprocessor.report.previews]`.
    pub previews: PreviewsConfig,
    /// `[preprocessor.report.citation]`.
    pub citation: CitationConfig,
    /// `[preprocessor.report.documents]`.
    pub documents: DocumentsConfig,
    /// `[preprocessor.report.search]`.
    pub search: SearchConfig,
    /// `[preprocessor.report.data]`.
    pub data: DataConfig,
    /// `[preprocessor.report.network]`.
    pub network: NetworkConfig,
    /// `[preprocessor.report.pictures]`.
    pub pictures: PicturesConfig,
    /// `[preprocessor.report.link-check]`.
    pub link_check: LinkCheckConfig,
    /// `book.title`, for defaults.
    #[serde(skip)]
    pub title: String,
    /// `book.authors`, for the citation's default.
    #[serde(skip)]
    pub authors: Vec<String>,
    /// `book.language`, for the citation.
    #[serde(skip)]
    pub language: Option<String>,
    /// `[output.html] site-url` when it is absolute, for the citation's default.
    #[serde(skip)]
    pub html_site_url: Option<String>,
    /// The keys (dotted, below `[preprocessor.report]`) whose values were mistakes, reported
    /// and left at their defaults: checks across keys skip them.
    #[serde(skip)]
    mistaken: Vec<String>,
    /// The text of `book.toml`, to locate what the features find unused ([`Config::unused`]).
    #[serde(skip)]
    book_toml: Option<std::sync::Arc<str>>,
    /// The parsed `date`.
    #[serde(skip)]
    date: Option<Date>,
    /// The parsed `citation.date`.
    #[serde(skip)]
    citation_date: Option<Date>,
    // mdBook's own keys in a preprocessor table; mdBook reads them, we accept them.
    #[serde(rename = "command", skip_serializing)]
    _command: Option<IgnoredAny>,
    #[serde(rename = "before", skip_serializing)]
    _before: Option<IgnoredAny>,
    #[serde(rename = "after", skip_serializing)]
    _after: Option<IgnoredAny>,
    #[serde(rename = "renderers", skip_serializing)]
    _renderers: Option<IgnoredAny>,
    #[serde(rename = "optional", skip_serializing)]
    _optional: Option<IgnoredAny>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            deny_warnings: false,
            document: "document".into(),
            date_text: None,
            explore_part: "Explore the {document}".into(),
            short_title: String::new(),
            repository: None,
            templates: "theme/report".into(),
            allow_html: Vec::new(),
            endnotes: EndnotesConfig::default(),
            organisations: OrganisationsConfig::default(),
            agenda: AgendaConfig::default(),
            timeline: TimelineConfig::default(),
            permalinks: PermalinksConfig::default(),
            previews: PreviewsConfig::default(),
            citation: CitationConfig::default(),
            documents: DocumentsConfig::default(),
            search: SearchConfig::default(),
            data: DataConfig::default(),
            network: NetworkConfig::default(),
            pictures: PicturesConfig::default(),
            link_check: LinkCheckConfig::default(),
            title: String::new(),
            authors: Vec::new(),
            language: None,
            html_site_url: None,
            mistaken: Vec::new(),
            book_toml: None,
            date: None,
            citation_date: None,
            _command: None,
            _before: None,
            _after: None,
            _renderers: None,
            _optional: None,
        }
    }
}

/// `[preprocessor.report.permalinks]`: a stable id and a `¶` link on every paragraph.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct PermalinksConfig {
    /// Switch them on or off (off: only the paragraphs other pages link to get an id).
    pub enable: bool,
}

impl Default for PermalinksConfig {
    fn default() -> Self {
        PermalinksConfig { enable: true }
    }
}

/// `[preprocessor.report.previews]`: previews of notes, organisations, agenda items and
/// meetings where they are linked.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct PreviewsConfig {
    /// Switch them on or off (off: no data file is written and links behave as without
    /// JavaScript).
    pub enable: bool,
}

impl Default for PreviewsConfig {
    fn default() -> Self {
        PreviewsConfig { enable: true }
    }
}

/// `[preprocessor.report.citation]`: how the document is cited ("Cite this", the `citation_*`
/// tags, `CITATION.cff`). Empty values fall back to the book's own (`book.title`,
/// `book.authors`, the document's `date`, `[output.html] site-url`) or are left out. A book
/// without the table cites nothing: only the book can say what it is citing.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct CitationConfig {
    /// Switch citations on or off: on where the table is (unless it says `enable = false`), off
    /// without it.
    #[serde(default = "on")]
    pub enable: bool,
    /// The site's absolute address (`https://example.org/report/`): pages' canonical URLs.
    #[serde(deserialize_with = "or_none")]
    pub site_url: String,
    /// The document's title.
    #[serde(deserialize_with = "or_none")]
    pub title: String,
    /// Its authors: an organisation as it is named, a person as `Family, Given`.
    #[serde(deserialize_with = "or_none")]
    pub authors: Vec<String>,
    /// Its publication date, in the front-matter date forms.
    pub date: Option<String>,
    /// Who published it.
    #[serde(deserialize_with = "or_none")]
    pub publisher: String,
    /// The institution a report is issued by (`citation_technical_report_institution`);
    /// empty: the publisher.
    #[serde(deserialize_with = "or_none")]
    pub institution: String,
    /// The document's number or symbol (`A/68/190`).
    #[serde(deserialize_with = "or_none")]
    pub number: String,
    /// The BibTeX key; empty: made of the first author and the year.
    #[serde(deserialize_with = "or_none")]
    pub key: String,
}

/// A table's `enable` when the table is there.
fn on() -> bool {
    true
}

/// An `http(s)://host…` address: what `site-url` must be.
pub(crate) fn is_absolute_url(url: &str) -> bool {
    crate::base::html::safe_url(url).is_some_and(|u| {
        u.strip_prefix("https://")
            .or_else(|| u.strip_prefix("http://"))
            .is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/'))
    })
}

/// How to write `site-url` (in book.toml or on the command line).
pub(crate) const SITE_URL_HINT: &str = "write the address the site is published at, with `https://`: citations and canonical links need it whole";

/// `[preprocessor.report.search]`: the site's search (the post-build step writes its index).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct SearchConfig {
    /// Switch the feature on or off.
    pub enable: bool,
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig { enable: true }
    }
}

/// `[preprocessor.report.data]`: the open-data exports (the registry, the mentions, the agenda
/// matrix, the network) and the "Data" page that documents them, with schema.org `Organization`
/// data on each organisation's page.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct DataConfig {
    /// Switch the exports and the page on or off.
    pub enable: bool,
    /// Path (virtual, under `src/`) of the generated page.
    #[serde(deserialize_with = "paths::in_src")]
    pub page: PathBuf,
    /// The page's title.
    pub title: String,
    /// The page's first sentence: `{document}`, `{title}`.
    pub introduction: String,
    /// schema.org `Organization` JSON-LD on each organisation's page.
    pub json_ld: bool,
}

impl Default for DataConfig {
    fn default() -> Self {
        DataConfig {
            enable: true,
            page: "data.md".into(),
            title: "Data".into(),
            introduction: "The data behind the {document}, to download and reuse.".into(),
            json_ld: true,
        }
    }
}

/// `[preprocessor.report.network]`: which organisations the document names together (in one
/// paragraph, or as organisers of one meeting), drawn on a generated page and ranked on each
/// organisation's page.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct NetworkConfig {
    /// Switch the page and the organisation pages' partners on or off.
    pub enable: bool,
    /// Path (virtual, under `src/`) of the generated page.
    #[serde(deserialize_with = "paths::in_src")]
    pub page: PathBuf,
    /// The page's title.
    pub title: String,
    /// The page's first sentence: `{document}`, `{count}` (organisations), `{pairs}`.
    pub introduction: String,
    /// The picture draws at most this many organisations, the most mentioned.
    pub max_nodes: usize,
    /// The picture and its table show at most this many pairs, the strongest.
    pub max_pairs: usize,
    /// An organisation's page ranks at most this many partners (0: none).
    #[serde(deserialize_with = "or_none")]
    pub partners: usize,
}

impl Default for NetworkConfig {
    fn default() -> Self {
        NetworkConfig {
            enable: true,
            page: "network.md".into(),
            title: "Who works with whom".into(),
            introduction: "The {document} names {count} organisations together in {pairs}: in one paragraph, or as organisers of one meeting.".into(),
            max_nodes: 100,
            max_pairs: 150,
            partners: 10,
        }
    }
}

/// `[preprocessor.report.pictures]`: pictures drawn at build time on the generated pages.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct PicturesConfig {
    /// The agenda's organisation × item matrix shaded by count, sortable with JavaScript.
    pub heat_map: bool,
    /// The timeline page's month axis with every meeting.
    pub timeline: bool,
}

impl Default for PicturesConfig {
    fn default() -> Self {
        PicturesConfig {
            heat_map: true,
            timeline: true,
        }
    }
}

/// `[preprocessor.report.link-check]`: what the link check (`mdbook-report check`, and the
/// check that follows `mdbook-report build`) knows beyond the site.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct LinkCheckConfig {
    /// Sites published beside this one: a folder beyond the site's root, written from the root
    /// (`../std/`), and the address that site is published at
    /// (`https://doc.rust-lang.org/std/`). Links into it are external links.
    #[serde(deserialize_with = "sibling_sites")]
    pub siblings: std::collections::BTreeMap<String, String>,
}

/// The mark of `siblings`: a table of folders and the addresses they are published at.
const SIBLINGS: &str = "sibling sites";

fn sibling_sites<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<std::collections::BTreeMap<String, String>, D::Error> {
    schema::marked(d, SIBLINGS)
}

impl LinkCheckConfig {
    /// What is wrong with declaring the site at `address` beside this one at `prefix`, and how to
    /// fix it; `None` when nothing is.
    pub(crate) fn sibling_mistake(prefix: &str, address: &str) -> Option<(String, String)> {
        let inner = prefix.trim_start_matches("../");
        let folder = |problem: &str, hint: String| Some((format!("`{prefix}` {problem}"), hint));
        if inner.len() == prefix.len() {
            let name = inner.trim_start_matches(['.', '/']);
            let hint = format!(
                "a site beside this one is reached from the root through `..`: write `../{name}`"
            );
            return folder("does not lead out of the site", hint);
        }
        let segments: Vec<&str> = inner.split('/').collect();
        let last = segments.len() - 1;
        let plain = segments.iter().enumerate().all(|(i, s)| {
            (i == last || !s.is_empty())
                && !matches!(*s, "." | "..")
                && !s.contains(['?', '#', '\\'])
        });
        if !plain {
            let hint = "write the folder as a link from the site's root reaches it: `../std/`";
            return folder("is not a folder beyond the site's root", hint.to_owned());
        }
        if !prefix.ends_with('/') {
            return folder(
                "is not a folder (it does not end in `/`)",
                format!("write `{prefix}/`"),
            );
        }
        if !is_absolute_url(address) || !address.ends_with('/') {
            return Some((
                format!(
                    "the address of `{prefix}` is `{address}`, not the absolute address of a folder"
                ),
                "write the address the site is published at, with `https://`, ending in `/`"
                    .to_owned(),
            ));
        }
        None
    }
}

/// The schema of `[preprocessor.report]`: every key and its kind, read from the types
/// ([`schema::of`]). A field added to a configuration struct is in it.
pub fn schema() -> &'static Kind {
    static SCHEMA: LazyLock<Kind> = LazyLock::new(schema::of::<Config>);
    &SCHEMA
}

/// The defaults, as `book.toml` would write them: the examples of the hints.
pub(crate) fn defaults() -> &'static serde_json::Value {
    static DEFAULTS: LazyLock<serde_json::Value> =
        LazyLock::new(|| serde_json::to_value(Config::default()).expect("the defaults serialize"));
    &DEFAULTS
}

/// The table every key is under.
fn root() -> String {
    format!("preprocessor.{PREPROCESSOR}")
}

/// A table, an inline table or one of an array of tables, while walking book.toml.
#[derive(Clone, Copy)]
enum Node<'a> {
    Item(&'a toml_edit::Item),
    Table(&'a toml_edit::Table),
    Value(&'a toml_edit::Value),
}

impl<'a> Node<'a> {
    /// `key` of this table (of the first entry that has it, for an array of tables): the span
    /// of the key and its value.
    fn key(self, key: &str) -> Option<(Option<Range<usize>>, Node<'a>)> {
        use toml_edit::{Item, Value};
        let (k, item) = match self {
            Node::Table(t) | Node::Item(Item::Table(t)) => t.get_key_value(key)?,
            Node::Item(Item::ArrayOfTables(a)) => a.iter().find_map(|t| t.get_key_value(key))?,
            Node::Item(Item::Value(Value::InlineTable(t))) | Node::Value(Value::InlineTable(t)) => {
                t.get_key_value(key)?
            }
            Node::Item(Item::Value(Value::Array(a))) | Node::Value(Value::Array(a)) => {
                return a.iter().find_map(|v| Node::Value(v).key(key));
            }
            _ => return None,
        };
        let header = match item {
            Item::Table(t) if !t.is_implicit() && !t.is_dotted() => t.span(),
            _ => None,
        };
        Some((header.or_else(|| k.span()), Node::Item(item)))
    }

    /// Entry `i` of this list: its span.
    fn entry(self, i: usize) -> Option<(Option<Range<usize>>, Node<'a>)> {
        use toml_edit::{Item, Value};
        match self {
            Node::Item(Item::ArrayOfTables(a)) => a.get(i).map(|t| (t.span(), Node::Table(t))),
            Node::Item(Item::Value(Value::Array(a))) | Node::Value(Value::Array(a)) => {
                a.get(i).map(|v| (v.span(), Node::Value(v)))
            }
            _ => None,
        }
    }
}

/// Where `at` (keys and list entries, from the top of the file) is written in book.toml: the
/// key (a table's header), or the list entry; `None` when it is not written there.
pub(crate) fn place(book_toml: Option<&str>, at: &[Seg]) -> Option<Location> {
    let text = book_toml?;
    let doc = toml_edit::Document::parse(text).ok()?;
    let mut node = Node::Table(doc.as_table());
    let mut span = None;
    for seg in at {
        let (s, next) = match seg {
            Seg::Key(k) => node.key(k)?,
            Seg::Index(i) => node.entry(*i)?,
        };
        span = s.or(span);
        node = next;
    }
    let span = span?;
    Some(LineIndex::new("book.toml", text).location(text, span.start))
}

/// Where `key` of `[table]` (dotted) is written in book.toml, or the file.
pub(crate) fn locate(book_toml: Option<&str>, table: &str, key: &str) -> Location {
    let at: Vec<Seg> = table
        .split('.')
        .chain(std::iter::once(key))
        .map(|k| Seg::Key(k.to_string()))
        .collect();
    place(book_toml, &at).unwrap_or_else(|| Location::file("book.toml"))
}

/// The environment variable that set `at` (mdBook's `MDBOOK_…` overrides, which win over
/// book.toml), if one did.
fn from_environment(at: &[Seg]) -> Option<String> {
    let dotted: Vec<&str> = at
        .iter()
        .filter_map(|s| match s {
            Seg::Key(k) => Some(k.as_str()),
            Seg::Index(_) => None,
        })
        .collect();
    let dotted = format!("{}.{}", root(), dotted.join("."));
    let mut vars: Vec<String> = std::env::vars()
        .map(|(k, _)| k)
        .filter(|k| {
            k.strip_prefix("MDBOOK_").is_some_and(|key| {
                let key = key.to_lowercase().replace("__", ".").replace('_', "-");
                dotted == key || dotted.starts_with(&format!("{key}."))
            })
        })
        .collect();
    vars.sort();
    vars.pop()
}

/// What a mistake at `at` is about, as the editor wrote it: "`labels` under
/// `[preprocessor.report.endnotes]`", "`symbol` of entry 2 of `series` under
/// `[preprocessor.report.documents]`".
fn subject(at: &[Seg]) -> String {
    let plain = !at.iter().any(|s| matches!(s, Seg::Index(_)));
    match at.split_last() {
        None => format!("`{}`", table_name(at)),
        Some((Seg::Key(k), rest)) if plain => format!("`{k}` under `{}`", table_name(rest)),
        Some((Seg::Key(k), rest)) => format!("`{k}` of {}", subject(rest)),
        Some((Seg::Index(i), rest)) => format!("entry {} of {}", i + 1, subject(rest)),
    }
}

/// `[preprocessor.report.endnotes]` for the keys `endnotes`.
fn table_name(keys: &[Seg]) -> String {
    let mut t = root();
    for k in keys {
        if let Seg::Key(k) = k {
            t.push('.');
            t.push_str(k);
        }
    }
    format!("[{t}]")
}

/// What a kind of value is, and how to write one.
fn expects(kind: &Kind) -> (String, String) {
    if kind.has(schema::NUMBERING) {
        return (
            "a numbering style".into(),
            "write \"1\" (1, 2, 3), \"a\" (a, b, c), \"A\" (A, B, C), \"i\" (i, ii, iii) or \"I\" (I, II, III), in quotes, with punctuation around it if you like (\"(a)\", \"1.\")".into(),
        );
    }
    if kind.has(paths::IN_BOOK) {
        return (
            "a path".into(),
            "write a path in quotes, relative to the book's folder".into(),
        );
    }
    if kind.has(paths::IN_SRC) {
        return (
            "a path".into(),
            "write a path in quotes, relative to the book's source folder (`src/`)".into(),
        );
    }
    if kind.has(SIBLINGS) {
        return (
            "a table of folders and their addresses".into(),
            "write each folder beyond the site's root with the address it is published at".into(),
        );
    }
    if kind.has(paths::REPOSITORY) {
        return (
            "a folder above the book".into(),
            "write \"..\" for the folder that holds the book's, \"../..\" for the one above it"
                .into(),
        );
    }
    let or_none = kind.has(schema::OR_NONE);
    match kind.plain() {
        Kind::Bool => (
            "`true` or `false`".into(),
            "write `true` or `false`, without quotes".into(),
        ),
        Kind::Text => ("text".into(), "write text in quotes".into()),
        Kind::Count if or_none => (
            "a whole number".into(),
            "write a whole number, 0 or more, without quotes".into(),
        ),
        Kind::Count => (
            "a whole number".into(),
            "write a whole number, 1 or more, without quotes".into(),
        ),
        Kind::Number => ("a number".into(), "write a number without quotes".into()),
        Kind::Choice(choices) => {
            let list = choices
                .iter()
                .map(|c| format!("\"{c}\""))
                .collect::<Vec<_>>()
                .join(", ");
            (format!("one of {list}"), format!("write one of {list}"))
        }
        Kind::List(item) => {
            let hint = match item.plain() {
                Kind::Table(_) => "write a list of tables in brackets".to_string(),
                Kind::Text => "write a list of text in brackets".to_string(),
                _ => format!("write a list in brackets, each {}", expects(item).0),
            };
            ("a list".into(), hint)
        }
        Kind::Table(_) => (
            "a table".into(),
            "write its keys on the lines under a `[…]` header".into(),
        ),
        _ => (
            "a value".into(),
            "see the configuration reference in README.md".into(),
        ),
    }
}

/// An example of `at` written in book.toml: its default when it has one, else a value of its
/// kind.
fn example(at: &[Seg], kind: &Kind) -> String {
    fn toml(v: &serde_json::Value) -> Option<String> {
        Some(match v {
            serde_json::Value::String(s) if !s.is_empty() => format!("{s:?}"),
            serde_json::Value::Bool(b) => b.to_string(),
            serde_json::Value::Number(n) if n.as_u64() != Some(0) => n.to_string(),
            serde_json::Value::Array(items) => {
                let shown: Vec<String> = items.iter().take(2).filter_map(toml).collect();
                // No entry to show (an empty list, or one of tables): made up instead.
                if shown.is_empty() {
                    return None;
                }
                let more = if items.len() > 2 { ", …" } else { "" };
                format!("[{}{more}]", shown.join(", "))
            }
            _ => return None,
        })
    }
    fn made_up(kind: &Kind) -> String {
        if kind.has(schema::NUMBERING) {
            return "\"1\"".into();
        }
        if kind.has(paths::REPOSITORY) {
            return "\"..\"".into();
        }
        if kind.has(SIBLINGS) {
            return r#"{ "../std/" = "https://doc.rust-lang.org/std/" }"#.into();
        }
        match kind.plain() {
            Kind::Bool => "true".into(),
            Kind::Count | Kind::Number => "10".into(),
            Kind::Choice(c) => format!("\"{}\"", c.first().copied().unwrap_or_default()),
            Kind::List(item) => format!("[{}]", made_up(item)),
            Kind::Table(_) => "{ … }".into(),
            _ => "\"…\"".into(),
        }
    }
    let keys: Option<Vec<&str>> = at
        .iter()
        .map(|s| match s {
            Seg::Key(k) => Some(k.as_str()),
            Seg::Index(_) => None,
        })
        .collect();
    let default = keys.as_ref().and_then(|keys| {
        keys.iter()
            .try_fold(defaults(), |v, k| v.get(*k))
            .and_then(toml)
    });
    let value = default.unwrap_or_else(|| made_up(kind));
    match at.last() {
        Some(Seg::Key(k)) => format!("`{k} = {value}`"),
        _ => format!("`{value}`"),
    }
}

/// Reports a mistake of `[preprocessor.report]` in plain words, at its key (or the environment
/// variable that set it).
fn report(m: &Mismatch, book_toml: Option<&str>, diags: &mut Diagnostics) {
    let at = m.at.clone().unwrap_or_default();
    let mut full = vec![
        Seg::Key("preprocessor".into()),
        Seg::Key(PREPROCESSOR.into()),
    ];
    full.extend(at.iter().cloned());
    let variable = from_environment(&at);
    let location = match &variable {
        Some(var) => Location::file(var),
        None => place(book_toml, &full).unwrap_or_else(|| Location::file("book.toml")),
    };
    let what_is = subject(&at);
    let subject = &what_is;
    let kind = schema().at(&at).cloned().unwrap_or(Kind::Any);
    let (what, how) = expects(&kind);
    let example = example(&at, &kind);
    let (code, message, hint) = match &m.problem {
        Problem::Found(found) => (
            "config-value",
            format!("{subject} is {found}, not {what}", found = found.0),
            format!("{how}, e.g. {example}"),
        ),
        Problem::Said(said) => (
            "config-value",
            format!("{subject} cannot be read: {said}"),
            format!("{how}, e.g. {example}"),
        ),
        Problem::Choice(word, choices) => {
            let hint = match did_you_mean(word, choices.iter().copied()) {
                Some(c) => format!("did you mean \"{c}\"? ({how})"),
                None => how,
            };
            (
                "config-value",
                format!("{subject} is \"{word}\", not {what}"),
                hint,
            )
        }
        Problem::UnknownKey(key, keys) => {
            let table = at.split_last().map_or(&at[..], |(_, t)| t);
            let hint = match did_you_mean(key, keys.iter().copied()) {
                Some(k) => format!("did you mean `{k}`?"),
                None => format!(
                    "its keys are {}",
                    keys.iter()
                        .filter(|k| !k.starts_with('_'))
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            (
                "config",
                format!("{} has no key `{key}`", table_name(table)),
                hint,
            )
        }
        Problem::Missing(key) => (
            "config-value",
            format!("{subject} has no `{key}`"),
            format!("add `{key} = …` to it"),
        ),
        Problem::Empty if matches!(kind.plain(), Kind::List(_)) => (
            "config-empty",
            format!("{subject} is an empty list"),
            "write at least one entry, or remove the key".into(),
        ),
        Problem::Empty if matches!(at.last(), Some(Seg::Index(_))) => (
            "config-empty",
            format!("{subject} is empty"),
            "remove the empty entry".into(),
        ),
        Problem::Empty => (
            "config-empty",
            format!("{subject} is empty"),
            format!("{how}, e.g. {example}, or remove the key"),
        ),
        Problem::Zero => (
            "config-empty",
            format!("{subject} is 0"),
            format!("{how}, e.g. {example}, or remove the key"),
        ),
        Problem::Path(escape) => (
            "config-path",
            format!("{subject} {}", escape.problem()),
            escape.hint().to_string(),
        ),
    };
    let hint = match &variable {
        Some(var) => format!("{hint} (the environment variable `{var}` sets it)"),
        None => hint,
    };
    diags.error(code, location, message).hint(hint);
}

impl Config {
    /// Reads `[preprocessor.report]` from mdBook's configuration. Each mistake is reported once in
    /// `diags`, located in `book_toml` (the file's text, when available) at its key, and the key
    /// left at its default; a feature whose table has one is switched off, so its defaults add
    /// no errors of their own. Paths are checked as written ([`paths::inside`]); [`Config::from_book`]
    /// also follows them on the disk.
    pub fn from_mdbook(
        config: &mdbook_preprocessor::config::Config,
        book_toml: Option<&str>,
        diags: &mut Diagnostics,
    ) -> Config {
        Config::read(config, book_toml, None, diags)
    }

    /// [`Config::from_mdbook`] for the book at `root` (its book.toml read there): the paths are
    /// also followed on the disk, and one that goes through a link out of the book is refused.
    pub fn from_book(
        root: &Path,
        config: &mdbook_preprocessor::config::Config,
        diags: &mut Diagnostics,
    ) -> Config {
        let book_toml = std::fs::read_to_string(root.join("book.toml")).ok();
        let boundary = paths::Boundary::new(root, None).ok();
        Config::read(config, book_toml.as_deref(), boundary.as_ref(), diags)
    }

    fn read(
        config: &mdbook_preprocessor::config::Config,
        book_toml: Option<&str>,
        boundary: Option<&paths::Boundary>,
        diags: &mut Diagnostics,
    ) -> Config {
        let value = config
            .get::<serde_json::Value>(&root())
            .ok()
            .flatten()
            .unwrap_or_else(|| serde_json::Value::Object(Default::default()));
        let src = &config.book.src;
        let (mut cfg, found, mut value) = schema::read::<Config>(value, schema(), boundary, src);
        // A feature whose table has a mistake is switched off: its error is the one to fix,
        // where its defaults would report mistakes of their own (a chapter's `agenda-item` on
        // an agenda without items).
        let mut off = false;
        for m in &found {
            if let Some(Seg::Key(table)) = m.at.as_ref().and_then(|a| a.first())
                && schema()
                    .field(table)
                    .and_then(|t| t.field("enable"))
                    .is_some()
                && let Some(top) = value.as_object_mut()
            {
                let t = top
                    .entry(table.clone())
                    .or_insert_with(|| serde_json::json!({}));
                if !t.is_object() {
                    *t = serde_json::json!({});
                }
                t["enable"] = false.into();
                off = true;
            }
            report(m, book_toml, diags);
        }
        if off {
            cfg = schema::read::<Config>(value, schema(), None, src).0;
        }
        cfg.mistaken = found
            .iter()
            .map(|m| {
                let keys = m.at.iter().flatten().map_while(|s| match s {
                    Seg::Key(k) => Some(k.as_str()),
                    Seg::Index(_) => None,
                });
                keys.collect::<Vec<_>>().join(".")
            })
            .collect();
        cfg.book_toml = book_toml.map(std::sync::Arc::from);
        cfg.title = config.book.title.clone().unwrap_or_default();
        cfg.authors = config.book.authors.clone();
        cfg.language = config.book.language.clone();
        cfg.html_site_url = config
            .get::<String>("output.html.site-url")
            .ok()
            .flatten()
            .filter(|u| is_absolute_url(u));
        cfg.check(book_toml, diags);
        cfg
    }

    /// Reports what the features found configured and unused: a warning at each key (its
    /// entry, for a list), with what the text writes instead when it writes it otherwise.
    pub(crate) fn unused(&self, unused: &[Unused], diags: &mut Diagnostics) {
        for u in unused {
            let (table, key) = u.key;
            let mut at: Vec<Seg> = ["preprocessor", PREPROCESSOR, table, key]
                .iter()
                .map(|k| Seg::Key(k.to_string()))
                .collect();
            at.extend(u.entry.map(Seg::Index));
            let location = place(self.book_toml.as_deref(), &at).unwrap_or_else(|| {
                locate(
                    self.book_toml.as_deref(),
                    &format!("preprocessor.{PREPROCESSOR}.{table}"),
                    key,
                )
            });
            diags
                .warning(
                    "config-unused",
                    location,
                    format!(
                        "`{key}` under `[preprocessor.{PREPROCESSOR}.{table}]`: “{}” {}",
                        u.value, u.problem
                    ),
                )
                .hint(&u.hint);
        }
    }

    /// Parses the dates and checks the site's address, every configured phrase's placeholders
    /// and each feature's own rules.
    pub(crate) fn check(&mut self, book_toml: Option<&str>, diags: &mut Diagnostics) {
        let root = format!("preprocessor.{PREPROCESSOR}");
        let table = format!("{root}.citation");
        self.date = read_date(self.date_text.as_deref(), &root, book_toml, diags);
        self.citation_date = read_date(self.citation.date.as_deref(), &table, book_toml, diags);
        let url = &self.citation.site_url;
        if !url.is_empty() && !is_absolute_url(url) {
            diags
                .error(
                    "config-site-url",
                    locate(book_toml, &table, "site-url"),
                    format!("`site-url` under `[{table}]` is `{url}`, not an absolute address"),
                )
                .hint(SITE_URL_HINT);
            self.citation.site_url.clear();
        }
        self.check_documents(book_toml, diags);
        self.check_allow_html(book_toml, diags);
        self.check_agenda_titles(book_toml, diags);
        self.check_link_check(book_toml, diags);
        self.check_placeholders(book_toml, diags);
    }

    /// Each configured phrase uses only the placeholders its table documents.
    fn check_placeholders(&self, book_toml: Option<&str>, diags: &mut Diagnostics) {
        let root = format!("preprocessor.{PREPROCESSOR}");
        let phrases: [(&str, &str, &str, &[&str]); 11] = [
            ("", "explore-part", &self.explore_part, &["document"]),
            (
                "organisations",
                "description",
                &self.organisations.description,
                &["name", "mentions", "title", "document"],
            ),
            (
                "agenda",
                "introduction",
                &self.agenda.introduction,
                &["document", "count", "items"],
            ),
            (
                "timeline",
                "introduction",
                &self.timeline.introduction,
                &["document", "count", "meetings"],
            ),
            (
                "timeline",
                "calendar-name",
                &self.timeline.calendar_name,
                &["title", "document"],
            ),
            (
                "timeline",
                "summary",
                &self.timeline.summary,
                &["title", "document"],
            ),
            (
                "documents",
                "introduction",
                &self.documents.introduction,
                &["document", "count", "documents"],
            ),
            ("documents", "link", &self.documents.link, &["symbol"]),
            (
                "data",
                "introduction",
                &self.data.introduction,
                &["document", "title"],
            ),
            (
                "network",
                "introduction",
                &self.network.introduction,
                &["document", "count", "pairs"],
            ),
            (
                "documents",
                "archive",
                &self.documents.archive,
                &["date", "address"],
            ),
        ];
        for (sub, key, phrase, allowed) in phrases {
            let table = if sub.is_empty() {
                root.clone()
            } else {
                format!("{root}.{sub}")
            };
            for name in text::placeholders(phrase) {
                if !allowed.contains(&name) {
                    let list: Vec<String> = allowed.iter().map(|a| format!("`{{{a}}}`")).collect();
                    diags
                        .error(
                            "config-placeholder",
                            locate(book_toml, &table, key),
                            format!(
                                "`{key}` under `[{table}]` has an unknown placeholder `{{{name}}}`"
                            ),
                        )
                        .hint(format!("it may use {}", list.join(", ")));
                }
            }
        }
    }

    /// Two agenda items with one title (as the text would read them: spacing, quotes and
    /// capitals aside) cannot be told apart: an error at the second.
    fn check_agenda_titles(&self, book_toml: Option<&str>, diags: &mut Diagnostics) {
        let key = |t: &str| crate::model::find::normalise(t).to_lowercase();
        let titles: Vec<String> = self.agenda.items.iter().map(|t| key(t)).collect();
        for (i, title) in titles.iter().enumerate() {
            let Some(first) = titles[..i].iter().position(|t| t == title) else {
                continue;
            };
            if title.is_empty() {
                continue;
            }
            let at = ["preprocessor", PREPROCESSOR, "agenda", "items"];
            let mut at: Vec<Seg> = at.iter().map(|k| Seg::Key(k.to_string())).collect();
            at.push(Seg::Index(i));
            let location = place(book_toml, &at).unwrap_or_else(|| Location::file("book.toml"));
            diags
                .error(
                    "config-agenda-duplicate",
                    location,
                    format!(
                        "`items` under `[preprocessor.{PREPROCESSOR}.agenda]`: items {} and {} are both “{}”",
                        first + 1,
                        i + 1,
                        self.agenda.items[i].trim()
                    ),
                )
                .hint("give each item its own title, as the text does, or remove the one listed twice");
        }
    }

    /// Each sibling site of `[preprocessor.report.link-check]`, at its entry.
    fn check_link_check(&self, book_toml: Option<&str>, diags: &mut Diagnostics) {
        let table = format!("{}.link-check", root());
        for (prefix, address) in &self.link_check.siblings {
            if let Some((problem, hint)) = LinkCheckConfig::sibling_mistake(prefix, address) {
                let mut at: Vec<Seg> = table.split('.').map(|k| Seg::Key(k.into())).collect();
                at.extend([Seg::Key("siblings".into()), Seg::Key(prefix.clone())]);
                let place = place(book_toml, &at).unwrap_or_else(|| Location::file("book.toml"));
                diags
                    .error(
                        "config-link-check",
                        place,
                        format!("`siblings` under `[{table}]`: {problem}"),
                    )
                    .hint(hint);
            }
        }
    }

    /// `allow-html` names active content: an element of [`crate::base::html::ACTIVE_ELEMENTS`], an event
    /// handler (`on…`) or `http-equiv`. Another name allows nothing: an error with the nearest
    /// name.
    fn check_allow_html(&self, book_toml: Option<&str>, diags: &mut Diagnostics) {
        let allow_html_entry = |i: usize| {
            let keys = ["preprocessor", PREPROCESSOR, "allow-html"];
            let mut at: Vec<Seg> = keys.iter().map(|k| Seg::Key(k.to_string())).collect();
            at.push(Seg::Index(i));
            at
        };
        use crate::base::html;
        let root = format!("preprocessor.{PREPROCESSOR}");
        let known = |n: &str| {
            html::ACTIVE_ELEMENTS.contains(&n)
                || n == html::HTTP_EQUIV
                || (n.starts_with("on") && n.len() > 2 && n.chars().all(|c| c.is_ascii_lowercase()))
        };
        for (i, name) in self
            .allow_html
            .iter()
            .enumerate()
            .filter(|(_, n)| !known(n))
        {
            let names = html::ACTIVE_ELEMENTS
                .iter()
                .copied()
                .chain([html::HTTP_EQUIV, "onclick"]);
            diags
                .error(
                    "config-allow-html",
                    place(book_toml, &allow_html_entry(i)).unwrap_or_else(|| locate(book_toml, &root, "allow-html")),
                    format!("`allow-html` under `[{root}]` names `{name}`, which is not active content: it allows nothing"),
                )
                .suggest(
                    did_you_mean(&name.to_ascii_lowercase(), names).map(|n| format!("`{n}`")),
                    format!("name elements ({}), event-handler attributes (`onclick`) or `http-equiv`, in lower case", html::ACTIVE_ELEMENTS.join(", ")),
                );
        }
    }

    /// The grammar of `[preprocessor.report.documents]`: placeholders of prefixes, parts,
    /// resolution symbols and series; the default body; the link templates' schemes and their
    /// placeholders. (Empty entries are the schema's.)
    fn check_documents(&self, book_toml: Option<&str>, diags: &mut Diagnostics) {
        let table = format!("{}.documents", root());
        let d = &self.documents;
        // `key`, or `key` of entry `i` of `list`, in book.toml.
        let at = |list: Option<(&str, usize)>, key: &str| {
            let mut path: Vec<Seg> = table.split('.').map(|k| Seg::Key(k.into())).collect();
            if let Some((list, i)) = list {
                path.extend([Seg::Key(list.into()), Seg::Index(i)]);
            }
            path.push(Seg::Key(key.into()));
            place(book_toml, &path).unwrap_or_else(|| Location::file("book.toml"))
        };
        let placeholder = |key: &str,
                           place: Location,
                           value: &str,
                           allowed: &[&str],
                           diags: &mut Diagnostics| {
            for name in text::placeholders(value) {
                if !allowed.contains(&name) {
                    let list: Vec<String> = allowed.iter().map(|a| format!("`{{{a}}}`")).collect();
                    diags
                        .error(
                            "config-placeholder",
                            place.clone(),
                            format!(
                                "`{value}` in `{key}` under `[{table}]` has an unknown placeholder `{{{name}}}`"
                            ),
                        )
                        .hint(if list.is_empty() {
                            "it may use none".to_string()
                        } else {
                            format!("it may use {}", list.join(", "))
                        });
                }
            }
        };
        for (key, list) in [("prefixes", &d.prefixes), ("parts", &d.parts)] {
            for value in list {
                placeholder(key, at(None, key), value, &["n"], diags);
            }
        }
        for (i, body) in d.resolutions.iter().enumerate() {
            if let Some(symbol) = &body.symbol {
                let here = at(Some(("resolutions", i)), "symbol");
                placeholder("symbol", here, symbol, &["session", "number"], diags);
            }
        }
        for (i, series) in d.series.iter().enumerate() {
            let names = text::placeholders(&series.pattern);
            let here = at(Some(("series", i)), "symbol");
            placeholder("symbol", here, &series.symbol, &names, diags);
            let mut with_symbol = names.clone();
            with_symbol.push("symbol");
            let here = at(Some(("series", i)), "link");
            placeholder("link", here, &series.link, &with_symbol, diags);
        }
        let body = d.default_body.trim();
        // With `resolutions` in error, its defaults stand in: no second message about them.
        if !body.is_empty() && !self.mistaken.iter().any(|k| k == "documents.resolutions") {
            let names: Vec<&str> = d
                .resolutions
                .iter()
                .flat_map(|b| std::iter::once(&b.body).chain(&b.forms))
                .map(String::as_str)
                .collect();
            if !names.contains(&body) {
                diags
                    .error(
                        "config-documents",
                        at(None, "default-body"),
                        format!("`default-body` under `[{table}]` names no body of `resolutions`: `{body}`"),
                    )
                    .suggest(
                        did_you_mean(body, names.iter().copied()).map(|n| format!("`{n}`")),
                        "add the body to `resolutions`, or leave `default-body` empty",
                    );
            }
        }
        // Each template, where it is, and the placeholder it cannot do without.
        let templates = std::iter::once(("link", at(None, "link"), d.link.as_str(), "symbol"))
            .chain(
                d.series
                    .iter()
                    .enumerate()
                    .map(|(i, s)| ("link", at(Some(("series", i)), "link"), s.link.as_str(), "")),
            )
            .chain(std::iter::once((
                "archive",
                at(None, "archive"),
                d.archive.as_str(),
                "address",
            )));
        for (key, place, template, needed) in templates {
            if template.trim().is_empty() {
                continue;
            }
            let lower = template.trim().to_ascii_lowercase();
            if !lower.starts_with("https://") && !lower.starts_with("http://") {
                diags
                    .error(
                        "config-documents",
                        place,
                        format!("`{key}` under `[{table}]` is not a web address: `{template}`"),
                    )
                    .hint("write an address starting with `https://` (or `http://`)");
            } else if !needed.is_empty() && !text::placeholders(template).contains(&needed) {
                diags
                    .error(
                        "config-documents",
                        place,
                        format!("`{key}` under `[{table}]` has no `{{{needed}}}`: every link would lead to `{template}`"),
                    )
                    .hint(format!("write `{{{needed}}}` where the address takes it, e.g. `https://undocs.org/en/{{symbol}}`, or leave `{key}` empty"));
            }
        }
    }

    /// The document's date, when `date` is set and valid.
    pub(crate) fn date(&self) -> Option<Date> {
        self.date
    }

    /// The citation's date: `[preprocessor.report.citation] date`, else the document's.
    pub(crate) fn citation_date(&self) -> Option<Date> {
        self.citation_date.or(self.date)
    }

    /// The site's absolute address, ending in `/`: the citation's `site-url`, else
    /// `[output.html] site-url` when that is absolute.
    pub(crate) fn site_url(&self) -> Option<String> {
        let url = Some(self.citation.site_url.as_str())
            .filter(|u| !u.is_empty())
            .or(self.html_site_url.as_deref())?;
        Some(if url.ends_with('/') {
            url.to_string()
        } else {
            format!("{url}/")
        })
    }

    /// A configured phrase with the book's own words filled in (`{document}`, `{title}`).
    pub(crate) fn phrase(&self, template: &str, vars: &[(&str, &str)]) -> String {
        let mut all: Vec<(&str, &str)> = vars.to_vec();
        all.push(("document", &self.document));
        all.push(("title", &self.title));
        text::fill(template, &all)
    }
}

/// The date `text` under `[table]` reads as (none without one); a date that cannot be read is an
/// error at its key.
fn read_date(
    text: Option<&str>,
    table: &str,
    book_toml: Option<&str>,
    diags: &mut Diagnostics,
) -> Option<Date> {
    match Date::parse(text?) {
        Ok(date) => Some(date),
        Err(e) => {
            diags
                .error(
                    "config-date",
                    locate(book_toml, table, "date"),
                    format!("`date` under `[{table}]`: {}", e.message),
                )
                .hint(e.hint);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn a_wrong_type_is_one_plain_error_at_its_key_with_an_example() {
        let (cfg, d) = read(
            "[preprocessor.report.endnotes]\nname = \"Note\"\nlabels = 1\n\
             [preprocessor.report.network]\nmax-pairs = -1\n\
             [preprocessor.report.pictures]\nheat-map = \"yes\"\n\
             [preprocessor.report.organisations]\nlink = \"first\"\n",
        );
        assert_eq!(
            d,
            "book.toml:3:1: error: `labels` under `[preprocessor.report.endnotes]` is the number 1, not a numbering style [config-value]\n\
             \x20 = hint: write \"1\" (1, 2, 3), \"a\" (a, b, c), \"A\" (A, B, C), \"i\" (i, ii, iii) or \"I\" (I, II, III), in quotes, with punctuation around it if you like (\"(a)\", \"1.\"), e.g. `labels = \"i\"`\n\
             book.toml:5:1: error: `max-pairs` under `[preprocessor.report.network]` is the number -1, not a whole number [config-value]\n\
             \x20 = hint: write a whole number, 1 or more, without quotes, e.g. `max-pairs = 150`\n\
             book.toml:7:1: error: `heat-map` under `[preprocessor.report.pictures]` is the text \"yes\", not `true` or `false` [config-value]\n\
             \x20 = hint: write `true` or `false`, without quotes, e.g. `heat-map = true`\n\
             book.toml:9:1: error: `link` under `[preprocessor.report.organisations]` is \"first\", not one of \"first-per-paragraph\", \"first-per-page\", \"every\" [config-value]\n\
             \x20 = hint: write one of \"first-per-paragraph\", \"first-per-page\", \"every\"\n\
             4 errors, 0 warnings"
        );
        // The rest of each table applies; a feature with a mistake is switched off.
        assert_eq!(cfg.endnotes.name, "Note");
        assert!(!cfg.endnotes.enable && !cfg.network.enable && !cfg.organisations.enable);
        assert!(cfg.pictures.heat_map);
    }

    #[test]
    fn empty_values_zero_limits_and_paths_out_of_the_book_are_errors_at_their_keys() {
        let (cfg, d) = read(
            "[preprocessor.report]\ndocument = \"\"\ntemplates = \"../tpl\"\n\
             [preprocessor.report.organisations]\ndir = \"/some/absolute/dir\"\n\
             [preprocessor.report.agenda]\nphrases = [\"\"]\nitems = []\n\
             [preprocessor.report.network]\nmax-nodes = 0\npartners = 0\n",
        );
        for expected in [
            "book.toml:2:1: error: `document` under `[preprocessor.report]` is empty [config-empty]",
            "book.toml:3:1: error: `templates` under `[preprocessor.report]` leads out of the book (through `..`) [config-path]",
            "book.toml:5:1: error: `dir` under `[preprocessor.report.organisations]` is an absolute path [config-path]",
            "book.toml:7:12: error: entry 1 of `phrases` under `[preprocessor.report.agenda]` is empty [config-empty]",
            "book.toml:8:1: error: `items` under `[preprocessor.report.agenda]` is an empty list [config-empty]",
            "book.toml:10:1: error: `max-nodes` under `[preprocessor.report.network]` is 0 [config-empty]",
        ] {
            assert!(d.contains(expected), "{expected}\nin\n{d}");
        }
        assert!(d.ends_with("6 errors, 0 warnings"), "{d}");
        assert_eq!(cfg.document, "document");
        assert_eq!(cfg.templates, Path::new("theme/report"));
        assert_eq!(cfg.organisations.dir, Path::new("organisations"));
        assert!(!cfg.organisations.enable && !cfg.agenda.enable);
    }

    #[test]
    fn an_unknown_table_is_located_at_its_header() {
        let (_, d) =
            read("[book]\ntitle = \"T\"\n\n[preprocessor.report.timelines]\ntitle = \"x\"\n");
        assert!(
            d.starts_with("book.toml:4:1: error: [preprocessor.report] has no key `timelines` [config]\n  = hint: did you mean `timeline`?"),
            "{d}"
        );
    }

    #[test]
    fn a_link_template_needs_its_placeholder() {
        let (_, d) = read("[preprocessor.report.documents]\nlink = \"https://undocs.org/\"\n");
        assert!(
            d.starts_with("book.toml:2:1: error: `link` under `[preprocessor.report.documents]` has no `{symbol}`: every link would lead to `https://undocs.org/` [config-documents]"),
            "{d}"
        );
    }

    fn read(toml: &str) -> (Config, String) {
        let config: mdbook_preprocessor::config::Config = toml.parse().expect("valid TOML");
        let mut diags = Diagnostics::new();
        let cfg = Config::from_mdbook(&config, Some(toml), &mut diags);
        diags.sort();
        (cfg, diags.render())
    }

    #[test]
    fn a_misspelt_key_is_reported_once_and_the_other_tables_still_apply() {
        let (cfg, d) = read(
            "[book]\ntitle = \"T\"\n[preprocessor.report]\ndocument = \"declaration\"\n\
             [preprocessor.report.organisations]\nregistry = \"data/x.yaml\"\n\
             [preprocessor.report.timeline]\ntitel = \"Meetings\"\n",
        );
        assert_eq!(
            d,
            "book.toml:8:1: error: [preprocessor.report.timeline] has no key `titel` [config]\n\
             \x20 = hint: did you mean `title`?\n1 error, 0 warnings"
        );
        assert_eq!(cfg.document, "declaration");
        assert_eq!(cfg.organisations.registry_path(), Path::new("data/x.yaml"));
        assert_eq!(cfg.title, "T");
        // The malformed table's feature is off, so its defaults report nothing of their own.
        assert!(!cfg.timeline.enable);
        assert!(cfg.organisations.enable && cfg.agenda.enable);
    }

    #[test]
    fn an_unknown_top_level_key_is_located_and_the_rest_kept() {
        let (cfg, d) = read("[preprocessor.report]\ndocument = \"report\"\ndocumnet = 1\n");
        assert!(
            d.starts_with("book.toml:3:1: error: [preprocessor.report] has no key `documnet`"),
            "{d}"
        );
        assert!(d.contains("did you mean `document`?"), "{d}");
        assert_eq!(cfg.document, "report");
    }

    #[test]
    fn the_documents_grammar_is_checked_where_it_is_written() {
        let (cfg, d) = read(
            "[preprocessor.report.documents]\nlink = \"undocs.org/{symbol}\"\n\
             archive = \"https://a.org/{day}/{address}\"\nprefixes = [\"A\", \"\"]\n\
             resolutions = [{ body = \"Assembly\", symbol = \"A/RES/{year}/{number}\" }]\n\n\
             [[preprocessor.report.documents.series]]\npattern = \"WHA {session}.{number}\"\n\
             symbol = \"WHA{session}.{num}\"\n",
        );
        for expected in [
            "book.toml:2:1: error: `link` under `[preprocessor.report.documents]` is not a web address: `undocs.org/{symbol}` [config-documents]",
            "book.toml:3:1: error: `archive` under `[preprocessor.report.documents]` has an unknown placeholder `{day}` [config-placeholder]",
            "book.toml:4:18: error: entry 2 of `prefixes` under `[preprocessor.report.documents]` is empty [config-empty]",
            "book.toml:5:37: error: `A/RES/{year}/{number}` in `symbol` under `[preprocessor.report.documents]` has an unknown placeholder `{year}` [config-placeholder]",
            "book.toml:9:1: error: `WHA{session}.{num}` in `symbol` under `[preprocessor.report.documents]` has an unknown placeholder `{num}` [config-placeholder]",
        ] {
            assert!(d.contains(expected), "{expected}\nin\n{d}");
        }
        assert_eq!(cfg.documents.series[0].pattern, "WHA {session}.{number}");
    }

    #[test]
    fn series_and_resolution_mistakes_are_located_at_their_lines() {
        let (_, d) = read(
            "[preprocessor.report.documents]\n\
             default-body = \"Assembly\"\n\
             resolutions = [{ body = \"Assembly\", forms = [\"\"] }]\n\
             series = [{ pattern = \"WHA {session}.{number}\", symbol = \"WHA{session}.{num}\" }, \
             { pattern = \"X {n}\", symbol = \" \" }]\n",
        );
        assert_eq!(
            d,
            "book.toml:3:46: error: entry 1 of `forms` of entry 1 of `resolutions` under `[preprocessor.report.documents]` is empty [config-empty]\n\
             \x20 = hint: remove the empty entry\n\
             book.toml:4:103: error: `symbol` of entry 2 of `series` under `[preprocessor.report.documents]` is empty [config-empty]\n\
             \x20 = hint: write text in quotes, e.g. `symbol = \"…\"`, or remove the key\n\
             2 errors, 0 warnings"
        );
    }

    #[test]
    fn an_address_needs_a_host() {
        let (cfg, d) = read("[preprocessor.report.citation]\nsite-url = \"https:///report/\"\n");
        assert!(d.starts_with("book.toml:2:1: error: `site-url` under `[preprocessor.report.citation]` is `https:///report/`, not an absolute address"), "{d}");
        assert_eq!(cfg.citation.site_url, "");
        let (cfg, d) = read("[preprocessor.report.citation]\nsite-url = \"https://a.org/r/\"\n");
        assert_eq!(d, "0 errors, 0 warnings");
        assert_eq!(cfg.citation.site_url, "https://a.org/r/");
    }

    #[test]
    fn a_bad_date_and_an_unknown_placeholder_are_errors_at_their_keys() {
        let (cfg, d) = read(
            "[preprocessor.report]\ndate = \"May 2030\"\n[preprocessor.report.agenda]\nintroduction = \"{cuont} items\"\n",
        );
        assert!(d.contains("book.toml:2:1: error: `date` under `[preprocessor.report]`: `May 2030` is not a date [config-date]"), "{d}");
        assert!(d.contains("book.toml:4:1: error: `introduction` under `[preprocessor.report.agenda]` has an unknown placeholder `{cuont}` [config-placeholder]"), "{d}");
        assert_eq!(cfg.date(), None);
    }

    #[test]
    fn sibling_sites_are_folders_beyond_the_root_at_absolute_addresses() {
        let (cfg, d) = read(
            "[preprocessor.report.link-check]\nsiblings = { \"../std/\" = \"https://doc.rust-lang.org/std/\" }\n",
        );
        assert_eq!(d, "0 errors, 0 warnings");
        assert_eq!(
            cfg.link_check.siblings["../std/"],
            "https://doc.rust-lang.org/std/"
        );
        let (_, d) = read(
            "[preprocessor.report.link-check.siblings]\n\"../ok/\" = \"https://a.org/ok/\"\n\
             \"std/\" = \"https://a.org/\"\n\"../x\" = \"https://a.org/x/\"\n\"../y/\" = \"a.org/y/\"\n\
             \"../a/../b/\" = \"https://a.org/b/\"\n",
        );
        assert_eq!(
            d,
            "book.toml:3:1: error: `siblings` under `[preprocessor.report.link-check]`: `std/` does not lead out of the site [config-link-check]\n\
             \x20 = hint: a site beside this one is reached from the root through `..`: write `../std/`\n\
             book.toml:4:1: error: `siblings` under `[preprocessor.report.link-check]`: `../x` is not a folder (it does not end in `/`) [config-link-check]\n\
             \x20 = hint: write `../x/`\n\
             book.toml:5:1: error: `siblings` under `[preprocessor.report.link-check]`: the address of `../y/` is `a.org/y/`, not the absolute address of a folder [config-link-check]\n\
             \x20 = hint: write the address the site is published at, with `https://`, ending in `/`\n\
             book.toml:6:1: error: `siblings` under `[preprocessor.report.link-check]`: `../a/../b/` is not a folder beyond the site's root [config-link-check]\n\
             \x20 = hint: write the folder as a link from the site's root reaches it: `../std/`\n\
             4 errors, 0 warnings"
        );
        // In an inline table, at the entry itself.
        let (_, d) = read(
            "[preprocessor.report.link-check]\nsiblings = { \"../ok/\" = \"https://a.org/ok/\", \"std/\" = \"https://a.org/\" }\n",
        );
        assert!(
            d.starts_with("book.toml:2:46: error: `siblings` under"),
            "{d}"
        );
        let (_, d) = read("[preprocessor.report.link-check]\nsiblings = 3\n");
        assert_eq!(
            d,
            "book.toml:2:1: error: `siblings` under `[preprocessor.report.link-check]` is the number 3, not a table of folders and their addresses [config-value]\n\
             \x20 = hint: write each folder beyond the site's root with the address it is published at, e.g. `siblings = { \"../std/\" = \"https://doc.rust-lang.org/std/\" }`\n\
             1 error, 0 warnings"
        );
        let (_, d) = read("[preprocessor.report.link-check]\nsibling = {}\n");
        assert!(
            d.starts_with(
                "book.toml:2:1: error: [preprocessor.report.link-check] has no key `sibling`"
            ),
            "{d}"
        );
    }

    fn keys(keys: &[&str]) -> Vec<Seg> {
        keys.iter().map(|k| Seg::Key(k.to_string())).collect()
    }

    #[test]
    fn a_key_below_a_list_of_tables_is_found_in_the_first_entry_that_has_it() {
        let series = keys(&["preprocessor", "report", "documents", "series", "symbol"]);
        let headers = "[[preprocessor.report.documents.series]]\npattern = \"A {n}\"\n\n\
                       [[preprocessor.report.documents.series]]\npattern = \"B {n}\"\nsymbol = \"B{n}\"\n";
        assert_eq!(
            place(Some(headers), &series),
            Some(Location::at("book.toml", 6, 1))
        );
        let inline = "[preprocessor.report.documents]\n\
                      series = [{ pattern = \"A {n}\" }, { pattern = \"B {n}\", symbol = \"B{n}\" }]\n";
        assert_eq!(
            place(Some(inline), &series),
            Some(Location::at("book.toml", 2, 55))
        );
        // No entry has it.
        let link = keys(&["preprocessor", "report", "documents", "series", "link"]);
        assert_eq!(place(Some(headers), &link), None);
        assert_eq!(place(Some(inline), &link), None);
    }

    #[test]
    fn a_table_made_by_a_header_or_a_dotted_key_is_where_its_key_is() {
        // Why `Node::key` may take any table's span: a table no header declares (`preprocessor`
        // below, or `pictures` of a dotted key) spans its key, as that key itself does.
        let toml = "[preprocessor.report]\npictures.timeline = 1\n";
        let doc = toml_edit::Document::parse(toml).unwrap();
        let (k, item) = doc.as_table().get_key_value("preprocessor").unwrap();
        let table = item.as_table().unwrap();
        assert!(table.is_implicit() && !table.is_dotted());
        assert_eq!((table.span(), k.span()), (Some(1..13), Some(1..13)));
        let report = table["report"].as_table().unwrap();
        let (k, item) = report.get_key_value("pictures").unwrap();
        let pictures = item.as_table().unwrap();
        assert!(pictures.is_implicit() && pictures.is_dotted());
        assert_eq!((pictures.span(), k.span()), (Some(22..30), Some(22..30)));
    }

    /// mdBook's `MDBOOK_…` variables win over book.toml, so a mistake one of them sets is blamed
    /// on the variable. They are set for a run of this one test in a child process: setting them
    /// here would change what the tests running beside it read.
    #[test]
    fn a_mistake_an_environment_variable_sets_is_reported_at_the_variable() {
        const TABLE: &str = "MDBOOK_PREPROCESSOR__REPORT__PICTURES";
        const KEY: &str = "MDBOOK_PREPROCESSOR__REPORT__PICTURES__TIMELINE";
        if std::env::var_os(KEY).is_none() {
            let name =
                "config::tests::a_mistake_an_environment_variable_sets_is_reported_at_the_variable";
            let out = std::process::Command::new(std::env::current_exe().expect("the test binary"))
                .args(["--exact", name])
                .env(TABLE, "{}")
                .env(KEY, "yes")
                // Another key's variable, sorted after the key's own: not the one to blame.
                .env("MDBOOK_PREPROCESSOR__REPORT__PICTURES__TIMELINES", "1")
                .output()
                .expect("the test binary runs");
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(
                out.status.success() && stdout.contains("test result: ok. 1 passed"),
                "{stdout}"
            );
            return;
        }
        let (_, d) =
            read("[preprocessor.report.pictures]\nheat-map = \"yes\"\ntimeline = \"yes\"\n");
        assert_eq!(
            d,
            "MDBOOK_PREPROCESSOR__REPORT__PICTURES: error: `heat-map` under `[preprocessor.report.pictures]` is the text \"yes\", not `true` or `false` [config-value]\n\
             \x20 = hint: write `true` or `false`, without quotes, e.g. `heat-map = true` (the environment variable `MDBOOK_PREPROCESSOR__REPORT__PICTURES` sets it)\n\
             MDBOOK_PREPROCESSOR__REPORT__PICTURES__TIMELINE: error: `timeline` under `[preprocessor.report.pictures]` is the text \"yes\", not `true` or `false` [config-value]\n\
             \x20 = hint: write `true` or `false`, without quotes, e.g. `timeline = true` (the environment variable `MDBOOK_PREPROCESSOR__REPORT__PICTURES__TIMELINE` sets it)\n\
             2 errors, 0 warnings"
        );
    }

    #[test]
    fn a_value_of_the_wrong_kind_is_named_with_how_to_write_one_and_the_default() {
        let (_, d) = read(
            "[preprocessor.report]\ndeny-warnings = \"no\"\nshort-title = 1\nendnotes = 1\n\
             [preprocessor.report.agenda]\nitems = \"x\"\n\
             [preprocessor.report.network]\npartners = -1\n\
             [preprocessor.report.documents]\nresolutions = 1\n\
             [preprocessor.report.documents.words]\nof = 1\nparagraph = 1\n",
        );
        assert_eq!(
            d,
            "book.toml:2:1: error: `deny-warnings` under `[preprocessor.report]` is the text \"no\", not `true` or `false` [config-value]\n\
             \x20 = hint: write `true` or `false`, without quotes, e.g. `deny-warnings = false`\n\
             book.toml:3:1: error: `short-title` under `[preprocessor.report]` is the number 1, not text [config-value]\n\
             \x20 = hint: write text in quotes, e.g. `short-title = \"…\"`\n\
             book.toml:4:1: error: `endnotes` under `[preprocessor.report]` is the number 1, not a table [config-value]\n\
             \x20 = hint: write its keys on the lines under a `[…]` header, e.g. `endnotes = { … }`\n\
             book.toml:6:1: error: `items` under `[preprocessor.report.agenda]` is the text \"x\", not a list [config-value]\n\
             \x20 = hint: write a list of text in brackets, e.g. `items = [\"…\"]`\n\
             book.toml:8:1: error: `partners` under `[preprocessor.report.network]` is the number -1, not a whole number [config-value]\n\
             \x20 = hint: write a whole number, 0 or more, without quotes, e.g. `partners = 10`\n\
             book.toml:10:1: error: `resolutions` under `[preprocessor.report.documents]` is the number 1, not a list [config-value]\n\
             \x20 = hint: write a list of tables in brackets, e.g. `resolutions = [{ … }]`\n\
             book.toml:12:1: error: `of` under `[preprocessor.report.documents.words]` is the number 1, not a list [config-value]\n\
             \x20 = hint: write a list of text in brackets, e.g. `of = [\"of the\", \"of\"]`\n\
             book.toml:13:1: error: `paragraph` under `[preprocessor.report.documents.words]` is the number 1, not a list [config-value]\n\
             \x20 = hint: write a list of text in brackets, e.g. `paragraph = [\"paragraph\", \"paragraphs\", …]`\n\
             8 errors, 0 warnings"
        );
    }

    #[test]
    fn a_kind_without_a_default_is_named_and_given_a_made_up_example() {
        assert_eq!(
            expects(&Kind::Number),
            (
                "a number".to_string(),
                "write a number without quotes".to_string()
            )
        );
        let unset = [Seg::Key("unset".into())];
        let entry = [Seg::Key("unset".into()), Seg::Index(0)];
        for (at, kind, written) in [
            (&unset[..], Kind::Bool, "`unset = true`"),
            (&unset[..], Kind::Count, "`unset = 10`"),
            (&unset[..], Kind::Number, "`unset = 10`"),
            (&unset[..], Kind::Text, "`unset = \"…\"`"),
            (
                &unset[..],
                Kind::Choice(&["first", "every"]),
                "`unset = \"first\"`",
            ),
            (
                &unset[..],
                Kind::List(Box::new(Kind::Bool)),
                "`unset = [true]`",
            ),
            (&unset[..], Kind::Table(Vec::new()), "`unset = { … }`"),
            (&entry[..], Kind::Choice(&["every"]), "`\"every\"`"),
            (&entry[..], Kind::Table(Vec::new()), "`{ … }`"),
        ] {
            assert_eq!(example(at, &kind), written, "{kind:?}");
        }
    }

    #[test]
    fn a_book_on_the_disk_has_its_book_toml_read_and_its_links_followed() {
        let book = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let toml = "[book]\ntitle = \"T\"\n\n[preprocessor.report]\ndocument = \"declaration\"\ntemplates = \"tpl\"\n";
        std::fs::write(book.path().join("book.toml"), toml).unwrap();
        std::os::unix::fs::symlink(outside.path(), book.path().join("tpl")).unwrap();
        let config: mdbook_preprocessor::config::Config = toml.parse().unwrap();
        let mut diags = Diagnostics::new();
        let cfg = Config::from_book(book.path(), &config, &mut diags);
        assert_eq!(
            diags.render(),
            format!(
                "book.toml:6:1: error: `templates` under `[preprocessor.report]` goes through a symbolic link to `{}`, outside the book [config-path]\n\
                 \x20 = hint: copy the file into the book instead of linking to it\n\
                 1 error, 0 warnings",
                outside.path().display()
            )
        );
        assert_eq!(
            (cfg.document.as_str(), cfg.title.as_str()),
            ("declaration", "T")
        );
        assert_eq!(cfg.templates, Path::new("theme/report"));
        // Without the disk, the path as written stays inside the book.
        let (cfg, d) = read(toml);
        assert_eq!(d, "0 errors, 0 warnings");
        assert_eq!(cfg.templates, Path::new("tpl"));
    }

    #[test]
    fn what_the_features_find_unused_is_a_warning_at_its_entry_or_key() {
        let toml = "[preprocessor.report.agenda]\nphrases = [\"water\", \"health\"]\n\
                    [preprocessor.report.organisations]\nnever-link = [\"UN\"]\n";
        let (cfg, _) = read(toml);
        let unused = |key, entry, value: &str| Unused {
            key,
            entry,
            problem: "links nothing: no paragraph of the book has it".into(),
            value: value.into(),
            hint: "copy the phrase from the text".into(),
        };
        let mut diags = Diagnostics::new();
        cfg.unused(
            &[
                unused(("agenda", "phrases"), Some(1), "health"),
                // An entry book.toml does not have (an environment variable's): at the key.
                unused(("organisations", "never-link"), Some(3), "WHO"),
                // A key book.toml does not write: the file.
                unused(("timeline", "summary"), None, "x"),
            ],
            &mut diags,
        );
        assert_eq!(
            diags.render(),
            "book.toml:2:21: warning: `phrases` under `[preprocessor.report.agenda]`: “health” links nothing: no paragraph of the book has it [config-unused]\n\
             \x20 = hint: copy the phrase from the text\n\
             book.toml:4:1: warning: `never-link` under `[preprocessor.report.organisations]`: “WHO” links nothing: no paragraph of the book has it [config-unused]\n\
             \x20 = hint: copy the phrase from the text\n\
             book.toml: warning: `summary` under `[preprocessor.report.timeline]`: “x” links nothing: no paragraph of the book has it [config-unused]\n\
             \x20 = hint: copy the phrase from the text\n\
             0 errors, 3 warnings"
        );
    }

    #[test]
    fn two_agenda_items_with_one_title_are_an_error_at_the_second() {
        let (_, d) = read(
            "[preprocessor.report.agenda]\n\
             items = [\"Water and “health”\", \"Migration\", \" WATER  and \\\"health\\\"\"]\n",
        );
        assert_eq!(
            d,
            "book.toml:2:45: error: `items` under `[preprocessor.report.agenda]`: items 1 and 3 are both “WATER  and \"health\"” [config-agenda-duplicate]\n\
             \x20 = hint: give each item its own title, as the text does, or remove the one listed twice\n\
             1 error, 0 warnings"
        );
        let (_, d) = read("[preprocessor.report.agenda]\nitems = [\"Water\", \"Health\"]\n");
        assert_eq!(d, "0 errors, 0 warnings");
    }

    #[test]
    fn allow_html_names_elements_event_handlers_or_http_equiv() {
        let (_, d) = read(
            "[preprocessor.report]\n\
             allow-html = [\"iframe\", \"http-equiv\", \"onclick\", \"on\", \"onClick\", \"ifrane\"]\n",
        );
        assert_eq!(
            d,
            "book.toml:2:50: error: `allow-html` under `[preprocessor.report]` names `on`, which is not active content: it allows nothing [config-allow-html]\n\
             \x20 = hint: name elements (script, iframe, frame, frameset, object, embed, applet, portal, base, form), event-handler attributes (`onclick`) or `http-equiv`, in lower case\n\
             book.toml:2:56: error: `allow-html` under `[preprocessor.report]` names `onClick`, which is not active content: it allows nothing [config-allow-html]\n\
             \x20 = hint: did you mean `onclick`?\n\
             book.toml:2:67: error: `allow-html` under `[preprocessor.report]` names `ifrane`, which is not active content: it allows nothing [config-allow-html]\n\
             \x20 = hint: did you mean `iframe`?\n\
             3 errors, 0 warnings"
        );
    }

    #[test]
    fn the_default_body_is_one_of_the_resolutions_bodies_or_their_forms() {
        for body in ["General Assembly", "ECOSOC", ""] {
            let (_, d) = read(&format!(
                "[preprocessor.report.documents]\ndefault-body = \"{body}\"\n"
            ));
            assert_eq!(d, "0 errors, 0 warnings", "{body}");
        }
        // Another table's mistake does not hide it.
        let (_, d) = read(
            "[preprocessor.report.documents]\ndefault-body = \"Assembly\"\n\
             [preprocessor.report.pictures]\nheat-map = 1\n",
        );
        assert_eq!(
            d,
            "book.toml:2:1: error: `default-body` under `[preprocessor.report.documents]` names no body of `resolutions`: `Assembly` [config-documents]\n\
             \x20 = hint: add the body to `resolutions`, or leave `default-body` empty\n\
             book.toml:4:1: error: `heat-map` under `[preprocessor.report.pictures]` is the number 1, not `true` or `false` [config-value]\n\
             \x20 = hint: write `true` or `false`, without quotes, e.g. `heat-map = true`\n\
             2 errors, 0 warnings"
        );
    }

    #[test]
    fn the_dates_are_read_in_the_front_matter_forms() {
        let (cfg, d) = read("[preprocessor.report]\ndate = \"2030-05\"\n");
        assert_eq!(d, "0 errors, 0 warnings");
        assert_eq!(cfg.date(), Some(Date::Month(2030, 5)));
        assert_eq!(cfg.citation_date(), Some(Date::Month(2030, 5)));
        let (cfg, _) = read(
            "[preprocessor.report]\ndate = \"2030-05\"\n[preprocessor.report.citation]\ndate = \"2031\"\n",
        );
        assert_eq!(cfg.date(), Some(Date::Month(2030, 5)));
        assert_eq!(cfg.citation_date(), Some(Date::Year(2031)));
    }
}
