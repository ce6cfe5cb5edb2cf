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
#[cfg(test)]
use std::path::Path;
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
    /// `[preprocessor.report.endnotes]`.
    pub endnotes: EndnotesConfig,
    /// `[preprocessor.report.organisations]`.
    pub organisations: OrganisationsConfig,
    /// `[preprocessor.report.agenda]`.
    pub agenda: AgendaConfig,
    /// `[preprocessor.report.timeline]`.
    pub timeline: TimelineConfig,
    /// `[preprocessor.report.search]`.
    pub search: SearchConfig,
    /// `book.title`, for defaults.
    #[serde(skip)]
    pub title: String,
    /// The parsed `date`.
    #[serde(skip)]
    date: Option<Date>,
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
            endnotes: EndnotesConfig::default(),
            organisations: OrganisationsConfig::default(),
            agenda: AgendaConfig::default(),
            timeline: TimelineConfig::default(),
            search: SearchConfig::default(),
            title: String::new(),
            date: None,
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
    /// The chapter (relative to `src/`) that holds the definitions.
    pub chapter: PathBuf,
    /// How notes are numbered: `i` (i, ii, iii), `1`, `a` ….
    pub labels: Numbering,
    /// What a note is called in a reference's preview ("Endnote iv: …").
    pub name: String,
}

impl Default for EndnotesConfig {
    fn default() -> Self {
        EndnotesConfig {
            enable: true,
            chapter: "endnotes.md".into(),
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
    /// The registry, relative to the book root.
    pub registry: PathBuf,
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
            registry: "data/organisations.yaml".into(),
            link: LinkMode::default(),
            dir: "organisations".into(),
            title: "Organisations".into(),
            part: "Organisations".into(),
            never_link: Vec::new(),
            description: "{name}: {mentions} in {title}.".into(),
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

/// Where `key` of `[table]` is in book.toml (the first `key =` line after the table header), or
/// the file.
pub fn locate(book_toml: Option<&str>, table: &str, key: &str) -> Location {
    let Some(text) = book_toml else {
        return Location::file("book.toml");
    };
    let header = format!("[{table}]");
    let mut in_table = false;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            in_table = trimmed == header;
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
    ) -> Option<T> {
        match config.get::<T>(&format!("{root}.{sub}")) {
            Ok(t) => t,
            Err(err) => {
                let cause = err.root_cause().to_string().trim_end().to_string();
                // The error of a part names no table: say which.
                report(&format!("{cause}\nin `{sub}`"), book_toml, diags);
                None
            }
        }
    }
    let mut cfg = Config::default();
    if let Some(t) = part::<EndnotesConfig>(config, root, "endnotes", book_toml, diags) {
        cfg.endnotes = t;
    }
    if let Some(t) = part::<OrganisationsConfig>(config, root, "organisations", book_toml, diags) {
        cfg.organisations = t;
    }
    if let Some(t) = part::<AgendaConfig>(config, root, "agenda", book_toml, diags) {
        cfg.agenda = t;
    }
    if let Some(t) = part::<TimelineConfig>(config, root, "timeline", book_toml, diags) {
        cfg.timeline = t;
    }
    if let Some(t) = part::<SearchConfig>(config, root, "search", book_toml, diags) {
        cfg.search = t;
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
    "endnotes",
    "organisations",
    "agenda",
    "timeline",
    "search",
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
        let phrases: [(&str, &str, &str, &[&str]); 6] = [
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

    /// The document's date, when `date` is set and valid.
    pub fn date(&self) -> Option<Date> {
        self.date
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
        assert_eq!(cfg.organisations.registry, Path::new("data/x.yaml"));
        assert_eq!(cfg.title, "T");
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
    fn a_bad_date_and_an_unknown_placeholder_are_errors_at_their_keys() {
        let (cfg, d) = read(
            "[preprocessor.report]\ndate = \"May 2030\"\n[preprocessor.report.agenda]\nintroduction = \"{cuont} items\"\n",
        );
        assert!(d.contains("book.toml:2:1: error: `date` under `[preprocessor.report]`: `May 2030` is not a date [config-date]"), "{d}");
        assert!(d.contains("book.toml:4:1: error: `introduction` under `[preprocessor.report.agenda]` has an unknown placeholder `{cuont}` [config-placeholder]"), "{d}");
        assert_eq!(cfg.date(), None);
    }
}
