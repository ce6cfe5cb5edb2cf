//! Typed configuration: the `[preprocessor.report]` table of `book.toml`.
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
use crate::base::diagnostics::{Diagnostics, Location, did_you_mean};
use crate::base::numbering::Numbering;
use crate::base::text;
use serde::Deserialize;
use serde::de::IgnoredAny;
use std::path::PathBuf;

/// The name mdBook knows the preprocessor by (`[preprocessor.report]`, binary `mdbook-report`).
pub const PREPROCESSOR: &str = "report";

/// The name of the post-build renderer (`[output.report-postbuild]`, binary
/// `mdbook-report-postbuild`). mdBook runs renderers in the order of their table names, so it
/// sorts after `html`.
pub const RENDERER: &str = "report-postbuild";

/// `[preprocessor.report]`.
#[derive(Debug, Clone, Deserialize)]
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
    /// Where a book keeps templates that replace the built-in ones (relative to the book root).
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
    /// The parsed `date`.
    #[serde(skip)]
    date: Option<Date>,
    /// The parsed `citation.date`.
    #[serde(skip)]
    citation_date: Option<Date>,
    // mdBook's own keys in a preprocessor table; mdBook reads them, we accept them.
    #[serde(rename = "command")]
    _command: Option<IgnoredAny>,
    #[serde(rename = "before")]
    _before: Option<IgnoredAny>,
    #[serde(rename = "after")]
    _after: Option<IgnoredAny>,
    #[serde(rename = "renderers")]
    _renderers: Option<IgnoredAny>,
    #[serde(rename = "optional")]
    _optional: Option<IgnoredAny>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            deny_warnings: false,
            document: "document".into(),
            date_text: None,
            explore_part: "Explore the {document}".into(),
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
            title: String::new(),
            authors: Vec::new(),
            language: None,
            html_site_url: None,
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

/// `[preprocessor.report.endnotes]`: book-wide endnotes.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct EndnotesConfig {
    /// Switch the feature on or off.
    pub enable: bool,
    /// The chapter (relative to `src/`) that holds the definitions; none: the book has no
    /// endnotes, and mdBook renders its footnotes page by page as it always does.
    pub chapter: Option<PathBuf>,
    /// How notes are numbered: `i` (i, ii, iii), `1`, `a` ….
    pub labels: Numbering,
    /// What a note is called in a reference's preview ("Endnote iv: …").
    pub name: String,
}

impl Default for EndnotesConfig {
    fn default() -> Self {
        EndnotesConfig {
            enable: true,
            chapter: None,
            labels: Numbering::lower_roman(),
            name: "Note".into(),
        }
    }
}

/// How many mentions of an organisation become links.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum LinkMode {
    /// The first mention of each organisation in each paragraph.
    #[default]
    FirstPerParagraph,
    /// The first mention of each organisation on each page.
    FirstPerPage,
    /// Every mention.
    Every,
}

/// `[preprocessor.report.organisations]`: the organisation registry and its links.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct OrganisationsConfig {
    /// Switch the feature on or off.
    pub enable: bool,
    /// The registry, relative to the book root; none: [`DEFAULT_REGISTRY`] when the book has
    /// it (a book without it names no organisations, and gets no organisation pages).
    pub registry: Option<PathBuf>,
    /// Which mentions become links.
    pub link: LinkMode,
    /// Directory (under `src/`, virtual) of the generated pages.
    pub dir: PathBuf,
    /// The index page's title.
    pub title: String,
    /// The sidebar part title before the index; empty: none.
    pub part: String,
    /// Phrases inside which no organisation is linked ("United Nations Convention against …").
    pub never_link: Vec<String>,
    /// An organisation page's description for search engines: `{name}`, `{mentions}`, `{title}`.
    pub description: String,
}

impl Default for OrganisationsConfig {
    fn default() -> Self {
        OrganisationsConfig {
            enable: true,
            registry: None,
            link: LinkMode::default(),
            dir: "organisations".into(),
            title: "Organisations".into(),
            part: "Organisations".into(),
            never_link: Vec::new(),
            description: "{name}: {mentions} in {title}.".into(),
        }
    }
}

/// Where the registry is when `registry` does not say.
pub const DEFAULT_REGISTRY: &str = "data/organisations.yaml";

impl OrganisationsConfig {
    /// The registry's path, relative to the book root.
    pub fn registry_path(&self) -> &std::path::Path {
        self.registry
            .as_deref()
            .unwrap_or(std::path::Path::new(DEFAULT_REGISTRY))
    }
}

/// `[preprocessor.report.documents]`: document symbols linked to their documents and listed on a
/// generated page; archived copies of the web addresses in the endnotes.
///
/// The defaults follow the United Nations' symbol grammar and link to `undocs.org`, the UN's
/// permanent redirector to its Official Document System (ODS): `https://undocs.org/en/A/85/190`
/// always leads to the current ODS address of the document, where ODS's own URLs have changed
/// more than once. `fr`, `es`, `ar`, `zh`, `ru` instead of `en` give the other official languages.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct DocumentsConfig {
    /// Switch the feature on or off.
    pub enable: bool,
    /// Where a symbol's document is: `{symbol}`; empty: symbols are listed, not linked.
    pub link: String,
    /// Path (virtual, under `src/`) of the generated "Documents cited" page.
    pub page: PathBuf,
    /// The page's title.
    pub title: String,
    /// The page's first sentence: `{document}`, `{count}`, `{documents}` ("3 documents").
    pub introduction: String,
    /// The series a symbol starts with (its first components), `{n}` for a number:
    /// `A`, `A/HRC`, `E/CN.{n}`. Longest first wins.
    pub prefixes: Vec<String>,
    /// The components that may follow besides numbers: `RES`, `L.{n}`, `Add.{n}` ….
    pub parts: Vec<String>,
    /// Symbols never linked nor listed (the text keeps them as written).
    pub never_link: Vec<String>,
    /// Bodies whose "resolution NN/NNN" the text cites, with the symbol it stands for.
    pub resolutions: Vec<ResolutionBody>,
    /// The body of a resolution the text cites without naming one (a General Assembly
    /// resolution's "its resolutions"); empty: such resolutions are not linked.
    pub default_body: String,
    /// Other series, by pattern (`WHA {session}.{number}`), with their own symbol and link.
    pub series: Vec<Series>,
    /// The words around resolution numbers (other languages).
    pub words: DocumentWords,
    /// An endnote's web address's archived copy: `{date}` (`YYYYMMDD`) and `{address}`; empty:
    /// none.
    pub archive: String,
    /// The text of the archived-copy link.
    pub archive_text: String,
}

/// The built-in series prefixes (README lists them).
pub const DEFAULT_PREFIXES: &[&str] = &[
    "A",
    "A/C.{n}",
    "A/CONF.{n}",
    "A/HRC",
    "A/INF",
    "S",
    "E",
    "E/C.{n}",
    "E/CN.{n}",
    "E/ICEF",
    "ST/SGB",
    "ST/AI",
    "CAT/C",
    "CCPR/C",
    "CED/C",
    "CEDAW/C",
    "CERD/C",
    "CMW/C",
    "CRC/C",
    "CRPD/C",
    "HRI/GEN",
    "DP/FPA",
    "TD/B",
    "UNEP/EA.{n}",
    "FCCC/CP",
    "FCCC/KP/CMP",
    "FCCC/PA/CMA",
    "FCCC/SBI",
    "FCCC/SBSTA",
];

/// The built-in components besides numbers.
pub const DEFAULT_PARTS: &[&str] = &[
    "RES",
    "PRST",
    "DEC",
    "L.{n}",
    "Add.{n}",
    "Rev.{n}",
    "Corr.{n}",
    "Amend.{n}",
    "CRP.{n}",
    "WP.{n}",
    "INF",
    "INF.{n}",
    "PV.{n}",
    "SR.{n}",
    "Misc.{n}",
    "GC",
    "GEN",
];

/// A body whose resolutions the text cites by number ("General Assembly resolution 85/131").
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct ResolutionBody {
    /// The body's name as the text writes it ("General Assembly", inside "UN General Assembly"
    /// too).
    pub body: String,
    /// Other names the text uses ("ECOSOC").
    #[serde(default)]
    pub forms: Vec<String>,
    /// The symbol of "resolution {session}/{number}": `A/RES/{session}/{number}`; none: the body
    /// is known, its resolutions are not linked (and not taken for another body's).
    #[serde(default)]
    pub symbol: Option<String>,
}

/// Another series of documents, recognised by a pattern (what belongs to one book).
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Series {
    /// The text: literal characters, `{name}` for a number, a space for an optional space:
    /// `WHA {session}.{number}` finds "WHA 61.17" and "WHA61.17".
    pub pattern: String,
    /// The canonical symbol, from the pattern's numbers: `WHA{session}.{number}`.
    pub symbol: String,
    /// Where the document is, from the pattern's numbers and `{symbol}`; empty: the documents'
    /// `link`.
    #[serde(default)]
    pub link: String,
}

/// `[preprocessor.report.documents.words]`: the words around resolution numbers.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct DocumentWords {
    /// The word before a resolution's number, singular first ("resolution", "resolutions");
    /// any case.
    pub resolution: Vec<String>,
    /// What joins a number to the body after it ("resolution 50/3 of the Human Rights
    /// Council").
    pub of: Vec<String>,
    /// What joins the last two numbers of a list ("resolutions 76/217 and 77/246").
    pub and: Vec<String>,
}

impl Default for DocumentWords {
    fn default() -> Self {
        let v = |a: &[&str]| a.iter().map(|s| s.to_string()).collect();
        DocumentWords {
            resolution: v(&["resolution", "resolutions"]),
            of: v(&["of the", "of"]),
            and: v(&["and"]),
        }
    }
}

impl Default for DocumentsConfig {
    fn default() -> Self {
        let v = |a: &[&str]| a.iter().map(|s| s.to_string()).collect();
        let body = |name: &str, forms: &[&str], symbol: &str| ResolutionBody {
            body: name.into(),
            forms: v(forms),
            symbol: Some(symbol.into()),
        };
        DocumentsConfig {
            enable: true,
            link: "https://undocs.org/en/{symbol}".into(),
            page: "documents.md".into(),
            title: "Documents cited".into(),
            introduction: "The {document} cites {documents} by their symbols.".into(),
            prefixes: v(DEFAULT_PREFIXES),
            parts: v(DEFAULT_PARTS),
            never_link: Vec::new(),
            resolutions: vec![
                body("General Assembly", &[], "A/RES/{session}/{number}"),
                body("Human Rights Council", &[], "A/HRC/RES/{session}/{number}"),
                body(
                    "Economic and Social Council",
                    &["ECOSOC"],
                    "E/RES/{session}/{number}",
                ),
            ],
            default_body: String::new(),
            series: Vec::new(),
            words: DocumentWords::default(),
            archive: "https://web.archive.org/web/{date}/{address}".into(),
            archive_text: "archived copy".into(),
        }
    }
}

/// `[preprocessor.report.agenda]`: the agenda the document is organised by.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct AgendaConfig {
    /// Switch the feature on or off.
    pub enable: bool,
    /// Path (virtual, under `src/`) of the generated overview page.
    pub page: PathBuf,
    /// The overview page's title.
    pub title: String,
    /// How the text names the agenda, for the chapter boxes ("of {name}"); empty: not named.
    pub name: String,
    /// What an item is called, lower case ("priority area", "objective").
    pub item: String,
    /// Its plural; empty: `item` + "s".
    pub item_plural: String,
    /// How items are numbered: `1`, `(a)`, `i` ….
    pub numbering: Numbering,
    /// The items' titles, in order.
    pub items: Vec<String>,
    /// Phrases of the text that name the agenda, linked to the overview.
    pub phrases: Vec<String>,
    /// The overview's introduction: `{document}`, `{count}`, `{items}`.
    pub introduction: String,
}

impl Default for AgendaConfig {
    fn default() -> Self {
        AgendaConfig {
            enable: true,
            page: "agenda.md".into(),
            title: "Agenda".into(),
            name: String::new(),
            item: "item".into(),
            item_plural: String::new(),
            numbering: Numbering::decimal(),
            items: Vec::new(),
            phrases: Vec::new(),
            introduction: "The {count} {items} of the {document}.".into(),
        }
    }
}

impl AgendaConfig {
    /// The plural of the item word.
    pub fn items_word(&self) -> String {
        if self.item_plural.is_empty() {
            format!("{}s", self.item)
        } else {
            self.item_plural.clone()
        }
    }
}

/// `[preprocessor.report.timeline]`: meetings from front matter.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct TimelineConfig {
    /// Switch the feature on or off.
    pub enable: bool,
    /// Path (virtual, under `src/`) of the generated timeline page.
    pub page: PathBuf,
    /// The page's title.
    pub title: String,
    /// The page's first sentence: `{document}`, `{count}`, `{meetings}` ("1 meeting").
    pub introduction: String,
    /// The calendar's name; empty: "Meetings in" and the book's title.
    pub calendar_name: String,
    /// The calendar's `PRODID`; empty: one made of the book's title.
    pub calendar_id: String,
    /// The domain part of every event's `UID`; empty: made of the book's title.
    pub uid_domain: String,
    /// The JSON export's title slide text; empty: "The meetings described in" and the title.
    pub summary: String,
}

impl Default for TimelineConfig {
    fn default() -> Self {
        TimelineConfig {
            enable: true,
            page: "timeline.md".into(),
            title: "Timeline".into(),
            introduction: "The {document} describes {meetings}.".into(),
            calendar_name: String::new(),
            calendar_id: String::new(),
            uid_domain: String::new(),
            summary: String::new(),
        }
    }
}

/// `[preprocessor.report.permalinks]`: a stable id and a `¶` link on every paragraph.
#[derive(Debug, Clone, Deserialize)]
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
#[derive(Debug, Clone, Deserialize)]
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
/// `book.authors`, the document's `date`, `[output.html] site-url`) or are left out.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct CitationConfig {
    /// Switch citations on or off.
    pub enable: bool,
    /// The site's absolute address (`https://example.org/report/`): pages' canonical URLs.
    pub site_url: String,
    /// The document's title.
    pub title: String,
    /// Its authors: an organisation as it is named, a person as `Family, Given`.
    pub authors: Vec<String>,
    /// Its publication date, in the front-matter date forms.
    pub date: Option<String>,
    /// Who published it.
    pub publisher: String,
    /// The institution a report is issued by (`citation_technical_report_institution`);
    /// empty: the publisher.
    pub institution: String,
    /// The document's number or symbol (`A/68/190`).
    pub number: String,
    /// The BibTeX key; empty: made of the first author and the year.
    pub key: String,
}

impl Default for CitationConfig {
    fn default() -> Self {
        CitationConfig {
            enable: true,
            site_url: String::new(),
            title: String::new(),
            authors: Vec::new(),
            date: None,
            publisher: String::new(),
            institution: String::new(),
            number: String::new(),
            key: String::new(),
        }
    }
}

/// An `http(s)://host…` address.
fn is_absolute_url(url: &str) -> bool {
    crate::base::html::safe_url(url).is_some_and(|u| {
        u.strip_prefix("https://")
            .or_else(|| u.strip_prefix("http://"))
            .is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/'))
    })
}

/// `[preprocessor.report.search]`: the site's search (the post-build step writes its index).
#[derive(Debug, Clone, Deserialize)]
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
#[derive(Debug, Clone, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct DataConfig {
    /// Switch the exports and the page on or off.
    pub enable: bool,
    /// Path (virtual, under `src/`) of the generated page.
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
#[derive(Debug, Clone, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct NetworkConfig {
    /// Switch the page and the organisation pages' partners on or off.
    pub enable: bool,
    /// Path (virtual, under `src/`) of the generated page.
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
#[derive(Debug, Clone, Deserialize)]
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

/// Where `key` of `[table]` is in book.toml (the first `key =` line after the table header), or
/// the file.
pub fn locate(book_toml: Option<&str>, table: &str, key: &str) -> Location {
    let Some(text) = book_toml else {
        return Location::file("book.toml");
    };
    let header = format!("[{table}]");
    let array_header = format!("[[{table}]]");
    let mut in_table = false;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.split(" #").next().unwrap_or_default().trim();
        if trimmed.starts_with('[') {
            in_table = trimmed == header || trimmed == array_header;
            continue;
        }
        let is_key = trimmed
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with('='));
        if in_table && is_key {
            return Location::at("book.toml", i + 1, line.len() - line.trim_start().len() + 1);
        }
    }
    Location::file("book.toml")
}

/// Reports a deserialisation error of the table: "unknown field `linkk`, expected one of
/// `enable`, `link`\nin `organisations`" becomes an error at the key's line in book.toml.
fn report(cause: &str, book_toml: Option<&str>, diags: &mut Diagnostics) {
    let (detail, sub) = match cause.split_once("\nin `") {
        Some((detail, table)) => (detail, Some(table.trim().trim_end_matches('`'))),
        None => (cause, None),
    };
    let table = match sub {
        Some(sub) => format!("preprocessor.{PREPROCESSOR}.{sub}"),
        None => format!("preprocessor.{PREPROCESSOR}"),
    };
    let detail = detail.replace("unknown field", "unknown key");
    let key = detail.split('`').nth(1).unwrap_or_default();
    let location = if key.is_empty() {
        Location::file("book.toml")
    } else {
        locate(book_toml, &table, key)
    };
    let expected: Vec<&str> = detail
        .split_once("expected one of")
        .map(|(_, list)| list.split('`').skip(1).step_by(2).collect())
        .unwrap_or_else(|| KEYS.to_vec());
    diags
        .error("config", location, format!("in [{table}]: {detail}"))
        .suggest(
            did_you_mean(key, expected.iter().copied()).map(|k| format!("`{k}`")),
            "see the configuration reference in README.md",
        );
}

/// The table without its feature tables, to read when one of them is malformed.
#[derive(Debug, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
struct Top {
    deny_warnings: bool,
    document: String,
    date: Option<String>,
    explore_part: String,
    templates: PathBuf,
    allow_html: Vec<String>,
}

impl Default for Top {
    fn default() -> Self {
        let d = Config::default();
        Top {
            deny_warnings: d.deny_warnings,
            document: d.document,
            date: d.date_text,
            explore_part: d.explore_part,
            templates: d.templates,
            allow_html: d.allow_html,
        }
    }
}

/// Reads a malformed `[preprocessor.report]` table by parts, so one mistake (a misspelt key in
/// one feature's table) is reported once, where it is, and every other table is still used
/// instead of falling back to defaults that would cause errors of their own.
fn salvage(
    config: &mdbook_preprocessor::config::Config,
    root: &str,
    book_toml: Option<&str>,
    diags: &mut Diagnostics,
) -> Config {
    fn part<T: serde::de::DeserializeOwned>(
        config: &mdbook_preprocessor::config::Config,
        root: &str,
        sub: &str,
        book_toml: Option<&str>,
        diags: &mut Diagnostics,
    ) -> Result<Option<T>, ()> {
        config.get::<T>(&format!("{root}.{sub}")).map_err(|err| {
            let cause = err.root_cause().to_string().trim_end().to_string();
            // The error of a part names no table: say which.
            report(&format!("{cause}\nin `{sub}`"), book_toml, diags);
        })
    }
    let mut cfg = Config::default();
    macro_rules! tables {
        ($($field:ident: $ty:ty = $name:literal),* $(,)?) => {$(
            match part::<$ty>(config, root, $name, book_toml, diags) {
                Ok(Some(t)) => cfg.$field = t,
                Ok(None) => {}
                // A feature whose table is wrong is switched off: its error is the one to fix,
                // where the defaults would report mistakes of their own (a chapter's
                // `agenda-item` on an agenda without items).
                Err(()) => cfg.$field.enable = false,
            }
        )*};
    }
    tables! {
        endnotes: EndnotesConfig = "endnotes",
        organisations: OrganisationsConfig = "organisations",
        agenda: AgendaConfig = "agenda",
        timeline: TimelineConfig = "timeline",
        permalinks: PermalinksConfig = "permalinks",
        previews: PreviewsConfig = "previews",
        citation: CitationConfig = "citation",
        documents: DocumentsConfig = "documents",
        search: SearchConfig = "search",
        data: DataConfig = "data",
        network: NetworkConfig = "network",
    }
    // The pictures have no page of their own to switch off: a wrong table keeps the defaults.
    if let Ok(Some(t)) = part::<PicturesConfig>(config, root, "pictures", book_toml, diags) {
        cfg.pictures = t;
    }
    // Top-level keys: a strict read reports an unknown one; the lenient one keeps the others.
    #[derive(Deserialize)]
    #[serde(rename_all = "kebab-case")]
    struct Keys {
        #[serde(flatten)]
        keys: std::collections::BTreeMap<String, IgnoredAny>,
    }
    if let Ok(Some(Keys { keys })) = config.get::<Keys>(root) {
        for key in keys.keys().filter(|k| !KEYS.contains(&k.as_str())) {
            report(
                &format!(
                    "unknown field `{key}`, expected one of {}",
                    KEYS.iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                book_toml,
                diags,
            );
        }
    }
    match config.get::<Top>(root) {
        Ok(Some(top)) => {
            cfg.deny_warnings = top.deny_warnings;
            cfg.document = top.document;
            cfg.date_text = top.date;
            cfg.explore_part = top.explore_part;
            cfg.templates = top.templates;
            cfg.allow_html = top.allow_html;
        }
        Ok(None) => {}
        Err(err) => report(&err.root_cause().to_string(), book_toml, diags),
    }
    cfg
}

const KEYS: &[&str] = &[
    "deny-warnings",
    "document",
    "date",
    "explore-part",
    "templates",
    "allow-html",
    "endnotes",
    "organisations",
    "agenda",
    "timeline",
    "permalinks",
    "previews",
    "citation",
    "documents",
    "search",
    "data",
    "network",
    "pictures",
    "command",
    "before",
    "after",
    "renderers",
    "optional",
];

impl Config {
    /// Reads `[preprocessor.report]` from mdBook's configuration. A malformed table is reported
    /// in `diags`, located in `book_toml` (the file's text, when available), and the defaults
    /// are used, so the rest of the book is still checked.
    pub fn from_mdbook(
        config: &mdbook_preprocessor::config::Config,
        book_toml: Option<&str>,
        diags: &mut Diagnostics,
    ) -> Config {
        let root = format!("preprocessor.{PREPROCESSOR}");
        let mut cfg = match config.get::<Config>(&root) {
            Ok(Some(cfg)) => cfg,
            Ok(None) => Config::default(),
            Err(_) => salvage(config, &root, book_toml, diags),
        };
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

    /// Parses the date and checks the placeholders of every configured phrase.
    pub fn check(&mut self, book_toml: Option<&str>, diags: &mut Diagnostics) {
        let root = format!("preprocessor.{PREPROCESSOR}");
        if let Some(text) = &self.date_text {
            match Date::parse(text) {
                Ok(date) => self.date = Some(date),
                Err(e) => {
                    diags
                        .error(
                            "config-date",
                            locate(book_toml, &root, "date"),
                            format!("`date` under `[{root}]`: {}", e.message),
                        )
                        .hint(e.hint);
                }
            }
        }
        let table = format!("{root}.citation");
        if let Some(text) = &self.citation.date {
            match Date::parse(text) {
                Ok(date) => self.citation_date = Some(date),
                Err(e) => {
                    diags
                        .error(
                            "config-date",
                            locate(book_toml, &table, "date"),
                            format!("`date` under `[{table}]`: {}", e.message),
                        )
                        .hint(e.hint);
                }
            }
        }
        let url = &self.citation.site_url;
        if !url.is_empty() && !is_absolute_url(url) {
            diags
                .error(
                    "config-site-url",
                    locate(book_toml, &table, "site-url"),
                    format!("`site-url` under `[{table}]` is `{url}`, not an absolute address"),
                )
                .hint("write the address the site is published at, with `https://`: citations and canonical links need it whole");
            self.citation.site_url.clear();
        }
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
        self.check_documents(book_toml, diags);
        self.check_allow_html(book_toml, diags);
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

    /// The grammar of `[preprocessor.report.documents]`: placeholders of prefixes, parts,
    /// resolution symbols and series; empty entries; the default body; the link templates'
    /// schemes.
    /// `allow-html` names active content: an element of [`html::ACTIVE_ELEMENTS`], an event
    /// handler (`on…`) or `http-equiv`. Another name allows nothing: an error with the nearest
    /// name.
    fn check_allow_html(&self, book_toml: Option<&str>, diags: &mut Diagnostics) {
        use crate::base::html;
        let root = format!("preprocessor.{PREPROCESSOR}");
        let known = |n: &str| {
            html::ACTIVE_ELEMENTS.contains(&n)
                || n == html::HTTP_EQUIV
                || (n.starts_with("on") && n.len() > 2 && n.chars().all(|c| c.is_ascii_lowercase()))
        };
        for name in self.allow_html.iter().filter(|n| !known(n)) {
            let names = html::ACTIVE_ELEMENTS
                .iter()
                .copied()
                .chain([html::HTTP_EQUIV, "onclick"]);
            diags
                .error(
                    "config-allow-html",
                    locate(book_toml, &root, "allow-html"),
                    format!("`allow-html` under `[{root}]` names `{name}`, which is not active content: it allows nothing"),
                )
                .suggest(
                    did_you_mean(&name.to_ascii_lowercase(), names).map(|n| format!("`{n}`")),
                    format!("name elements ({}), event-handler attributes (`onclick`) or `http-equiv`, in lower case", html::ACTIVE_ELEMENTS.join(", ")),
                );
        }
    }

    fn check_documents(&self, book_toml: Option<&str>, diags: &mut Diagnostics) {
        let table = format!("preprocessor.{PREPROCESSOR}.documents");
        let d = &self.documents;
        // A key of the table; inside `resolutions = [{ … }]`, that list's line; inside a
        // `[[….series]]` table, its key there, else the `series` list's line.
        let at = |key: &str| {
            let series = format!("{table}.series");
            match key {
                "symbol" | "link" | "pattern" => {
                    let found = locate(book_toml, &series, key);
                    if found.line > 0 {
                        return found;
                    }
                    locate(book_toml, &table, "series")
                }
                "body" => locate(book_toml, &table, "resolutions"),
                _ => locate(book_toml, &table, key),
            }
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
        let empty = |key: &str, what: &str, diags: &mut Diagnostics| {
            diags
                .error(
                    "config-documents",
                    at(key),
                    format!("`{key}` under `[{table}]` has an empty {what}"),
                )
                .hint(format!("remove the empty {what}"));
        };
        for (key, list) in [("prefixes", &d.prefixes), ("parts", &d.parts)] {
            for value in list {
                if value.trim().is_empty() {
                    empty(key, "entry", diags);
                }
                placeholder(key, at(key), value, &["n"], diags);
            }
        }
        for body in &d.resolutions {
            if body.body.trim().is_empty() || body.forms.iter().any(|f| f.trim().is_empty()) {
                empty("body", "body name", diags);
            }
            if let Some(symbol) = &body.symbol {
                placeholder("symbol", at("body"), symbol, &["session", "number"], diags);
            }
        }
        for series in &d.series {
            if series.pattern.trim().is_empty() || series.symbol.trim().is_empty() {
                empty("pattern", "pattern or symbol", diags);
                continue;
            }
            let names = text::placeholders(&series.pattern);
            placeholder("symbol", at("symbol"), &series.symbol, &names, diags);
            let mut with_symbol = names.clone();
            with_symbol.push("symbol");
            placeholder("link", at("link"), &series.link, &with_symbol, diags);
        }
        if d.words.resolution.iter().all(|w| w.trim().is_empty()) {
            empty("resolution", "list of words", diags);
        }
        let body = d.default_body.trim();
        if !body.is_empty() {
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
                        at("default-body"),
                        format!("`default-body` under `[{table}]` names no body of `resolutions`: `{body}`"),
                    )
                    .suggest(
                        did_you_mean(body, names.iter().copied()).map(|n| format!("`{n}`")),
                        "add the body to `resolutions`, or leave `default-body` empty",
                    );
            }
        }
        let templates =
            std::iter::once(("link", locate(book_toml, &table, "link"), d.link.as_str()))
                .chain(
                    d.series
                        .iter()
                        .map(|s| ("link", at("link"), s.link.as_str())),
                )
                .chain(std::iter::once((
                    "archive",
                    at("archive"),
                    d.archive.as_str(),
                )));
        for (key, place, template) in templates {
            let lower = template.trim().to_ascii_lowercase();
            let web = lower.starts_with("https://") || lower.starts_with("http://");
            if !template.trim().is_empty() && !web {
                diags
                    .error(
                        "config-documents",
                        place,
                        format!("`{key}` under `[{table}]` is not a web address: `{template}`"),
                    )
                    .hint("write an address starting with `https://` (or `http://`)");
            }
        }
    }

    /// The document's date, when `date` is set and valid.
    pub fn date(&self) -> Option<Date> {
        self.date
    }

    /// The citation's date: `[preprocessor.report.citation] date`, else the document's.
    pub fn citation_date(&self) -> Option<Date> {
        self.citation_date.or(self.date)
    }

    /// The site's absolute address, ending in `/`: the citation's `site-url`, else
    /// `[output.html] site-url` when that is absolute.
    pub fn site_url(&self) -> Option<String> {
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
    pub fn phrase(&self, template: &str, vars: &[(&str, &str)]) -> String {
        let mut all: Vec<(&str, &str)> = vars.to_vec();
        all.push(("document", &self.document));
        all.push(("title", &self.title));
        text::fill(template, &all)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

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
            "book.toml:8:1: error: in [preprocessor.report.timeline]: unknown key `titel`, expected one of `enable`, `page`, `title`, `introduction`, `calendar-name`, `calendar-id`, `uid-domain`, `summary` [config]\n\
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
            d.starts_with("book.toml:3:1: error: in [preprocessor.report]: unknown key `documnet`"),
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
            "book.toml:4:1: error: `prefixes` under `[preprocessor.report.documents]` has an empty entry [config-documents]",
            "book.toml:5:1: error: `A/RES/{year}/{number}` in `symbol` under `[preprocessor.report.documents]` has an unknown placeholder `{year}` [config-placeholder]",
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
            "book.toml:3:1: error: `body` under `[preprocessor.report.documents]` has an empty body name [config-documents]\n\
             \x20 = hint: remove the empty body name\n\
             book.toml:4:1: error: `pattern` under `[preprocessor.report.documents]` has an empty pattern or symbol [config-documents]\n\
             \x20 = hint: remove the empty pattern or symbol\n\
             book.toml:4:1: error: `WHA{session}.{num}` in `symbol` under `[preprocessor.report.documents]` has an unknown placeholder `{num}` [config-placeholder]\n\
             \x20 = hint: it may use `{session}`, `{number}`\n\
             3 errors, 0 warnings"
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
}
