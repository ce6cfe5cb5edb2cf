//! `[preprocessor.report.organisations]`: the feature's configuration.

use crate::base::paths;
use crate::model::schema::or_none;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// How many mentions of an organisation become links.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
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

/// Which organisations of the registry get a page (and are listed, counted and exported).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum OrgPages {
    /// Those the book names: in its text, in an `org:` link or as a meeting's organiser, and
    /// the organisations these are part of. A registry shared by many books costs each book
    /// only what it names.
    #[default]
    Named,
    /// Every organisation of the registry.
    All,
}

/// `[preprocessor.report.organisations]`: the organisation registry and its links.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct OrganisationsConfig {
    /// Switch the feature on or off.
    pub enable: bool,
    /// The registry, relative to the book root; none: [`DEFAULT_REGISTRY`] when the book has
    /// it (a book without it names no organisations, and gets no organisation pages).
    #[serde(deserialize_with = "paths::in_book_if_set")]
    pub registry: Option<PathBuf>,
    /// Which mentions become links.
    pub link: LinkMode,
    /// Which organisations get a page.
    pub pages: OrgPages,
    /// Directory (under `src/`, virtual) of the generated pages.
    #[serde(deserialize_with = "paths::in_src")]
    pub dir: PathBuf,
    /// The index page's title.
    pub title: String,
    /// The sidebar part title before the index; empty: none.
    #[serde(deserialize_with = "or_none")]
    pub part: String,
    /// Phrases inside which no organisation is linked ("United Nations Convention against …").
    #[serde(deserialize_with = "or_none")]
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
            pages: OrgPages::default(),
            dir: "organisations".into(),
            title: "Organisations".into(),
            part: "Organisations".into(),
            never_link: Vec::new(),
            description: "{name}: {mentions} in {title}.".into(),
        }
    }
}

/// Where the registry is when `registry` does not say.
pub(crate) const DEFAULT_REGISTRY: &str = "data/organisations.yaml";

impl OrganisationsConfig {
    /// The registry's path, relative to the book root.
    pub fn registry_path(&self) -> &std::path::Path {
        self.registry
            .as_deref()
            .unwrap_or(std::path::Path::new(DEFAULT_REGISTRY))
    }
}
