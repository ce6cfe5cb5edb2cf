//! Typed configuration: the `[preprocessor.gmg]` table of `book.toml`.
//!
//! ```toml
//! [preprocessor.gmg]
//! command = "cargo run --release --quiet -- preprocess"
//! after = ["links"]
//! deny-warnings = false          # or GMG_DENY_WARNINGS=1
//!
//! [preprocessor.gmg.endnotes]
//! enable = true
//! chapter = "endnotes.md"
//! ```
//!
//! Every feature has a table with `enable = true|false`. Unknown keys are errors, so a typo in
//! `book.toml` is reported instead of silently ignored.

use crate::diagnostics::{Diagnostics, Location, did_you_mean};
use serde::Deserialize;
use serde::de::IgnoredAny;
use std::path::PathBuf;

/// The name mdBook knows the preprocessor by (`[preprocessor.gmg]`).
pub const NAME: &str = "gmg";

/// The environment variable that turns warnings into errors, whatever `book.toml` says.
pub const DENY_WARNINGS_ENV: &str = "GMG_DENY_WARNINGS";

/// `[preprocessor.gmg]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct Config {
    /// Turn every warning into an error (for CI).
    pub deny_warnings: bool,
    /// `[preprocessor.gmg.endnotes]`.
    pub endnotes: EndnotesConfig,
    /// `[preprocessor.gmg.agencies]`.
    pub agencies: AgenciesConfig,
    /// `[preprocessor.gmg.agenda]`.
    pub agenda: AgendaConfig,
    /// `[preprocessor.gmg.timeline]`.
    pub timeline: TimelineConfig,
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

/// `[preprocessor.gmg.endnotes]`: book-wide endnotes.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct EndnotesConfig {
    /// Switch the feature on or off.
    pub enable: bool,
    /// The chapter (relative to `src/`) that holds the definitions.
    pub chapter: PathBuf,
}

impl Default for EndnotesConfig {
    fn default() -> Self {
        EndnotesConfig {
            enable: true,
            chapter: "endnotes.md".into(),
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

/// `[preprocessor.gmg.agencies]`: the organisation registry and its links.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct AgenciesConfig {
    /// Switch the feature on or off.
    pub enable: bool,
    /// The registry, relative to the book root.
    pub registry: PathBuf,
    /// Which mentions become links.
    pub link: LinkMode,
    /// Directory (under `src/`, virtual) of the generated pages.
    pub dir: PathBuf,
}

impl Default for AgenciesConfig {
    fn default() -> Self {
        AgenciesConfig {
            enable: true,
            registry: "data/agencies.yaml".into(),
            link: LinkMode::default(),
            dir: "agencies".into(),
        }
    }
}

/// `[preprocessor.gmg.agenda]`: the eight-point agenda.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct AgendaConfig {
    /// Switch the feature on or off.
    pub enable: bool,
    /// Path (virtual, under `src/`) of the generated overview page.
    pub page: PathBuf,
}

impl Default for AgendaConfig {
    fn default() -> Self {
        AgendaConfig {
            enable: true,
            page: "agenda.md".into(),
        }
    }
}

/// `[preprocessor.gmg.timeline]`: meetings from front matter.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct TimelineConfig {
    /// Switch the feature on or off.
    pub enable: bool,
    /// Path (virtual, under `src/`) of the generated timeline page.
    pub page: PathBuf,
    /// The date of the report (`YYYY-MM`): later meetings were planned at the time of writing.
    pub report_date: String,
}

impl Default for TimelineConfig {
    fn default() -> Self {
        TimelineConfig {
            enable: true,
            page: "timeline.md".into(),
            report_date: "2014-05".into(),
        }
    }
}

/// Reports a deserialisation error of the table: "unknown field `linkk`, expected one of
/// `enable`, `link`\nin `agencies`" becomes an error at the key's line in book.toml.
fn report(cause: &str, book_toml: Option<&str>, diags: &mut Diagnostics) {
    let (detail, table) = match cause.split_once("\nin `") {
        Some((detail, table)) => (
            detail,
            format!("{NAME}.{}", table.trim().trim_end_matches('`')),
        ),
        None => (cause, NAME.to_string()),
    };
    let detail = detail.replace("unknown field", "unknown key");
    let key = detail.split('`').nth(1).unwrap_or_default();
    let location = book_toml
        .and_then(|text| {
            text.lines().position(|l| {
                l.trim_start()
                    .strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start().starts_with('='))
            })
        })
        .filter(|_| !key.is_empty())
        .map_or_else(
            || Location::file("book.toml"),
            |line| Location::at("book.toml", line + 1, 1),
        );
    let expected: Vec<&str> = detail
        .split_once("expected one of")
        .map(|(_, list)| list.split('`').skip(1).step_by(2).collect())
        .unwrap_or_else(|| KEYS.to_vec());
    let d = diags.error(
        "config",
        location,
        format!("in [preprocessor.{table}]: {detail}"),
    );
    d.hint = did_you_mean(key, expected.iter().copied()).map(|k| format!("did you mean `{k}`?"));
}

const KEYS: &[&str] = &[
    "deny-warnings",
    "endnotes",
    "agencies",
    "agenda",
    "timeline",
    "command",
    "before",
    "after",
    "renderers",
    "optional",
];

impl Config {
    /// Reads `[preprocessor.gmg]` from mdBook's configuration. A malformed table is reported in
    /// `diags`, located in `book_toml` (the file's text, when available), and the defaults are
    /// used, so the rest of the book is still checked.
    pub fn from_mdbook(
        config: &mdbook_preprocessor::config::Config,
        book_toml: Option<&str>,
        diags: &mut Diagnostics,
    ) -> Config {
        let mut cfg = match config.get::<Config>(&format!("preprocessor.{NAME}")) {
            Ok(Some(cfg)) => cfg,
            Ok(None) => Config::default(),
            Err(err) => {
                report(&err.root_cause().to_string(), book_toml, diags);
                Config::default()
            }
        };
        if let Ok(v) = std::env::var(DENY_WARNINGS_ENV) {
            cfg.deny_warnings = !matches!(v.as_str(), "" | "0" | "false" | "no");
        }
        cfg
    }
}
