//! The organisations of a book as data: who they are, their kinds and group memberships, and
//! where their pages are. Loaded and validated by the organisations feature
//! ([`crate::features::organisations`]); read by any feature or page that names an organisation,
//! none of which needs the feature itself.

use super::ids::OrgId;
use crate::base::diagnostics::{Cause, did_you_mean};
use std::collections::HashMap;
use std::path::PathBuf;

/// How references to the organisations of a registry that could not be read are counted in its
/// error ([`Directory::failed`]).
pub(crate) const FOLDED: (&str, &str) = (
    "reference to its organisations",
    "references to its organisations",
);

/// A kind of organisation, declared in the registry: the index page groups by kind, in the
/// registry's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kind {
    /// Its id in the registry.
    pub id: String,
    /// Singular, as an organisation's page shows it ("UN specialized agency").
    pub label: String,
    /// Plural, as a heading of the index page ("UN specialized agencies").
    pub plural: String,
}

/// A group organisations may be members of, declared in the registry with the words its pages
/// use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// Its id in the registry.
    pub id: String,
    /// The fact's term on an organisation's page ("Executive Board").
    pub name: String,
    /// The fact's value for a member ("Member in 2030").
    pub member: String,
    /// The fact's value for others; none: the fact is left out for them.
    pub non_member: Option<String>,
    /// The index's column heading.
    pub column: String,
    /// The index's cell for a member.
    pub marker: String,
    /// A sentence of the index's introduction, `{count}` standing for the number of members.
    pub summary: Option<String>,
}

/// One organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Org {
    /// Unique id, used in URLs and `org:` links.
    pub id: String,
    /// Full name as the text spells it.
    pub name: String,
    /// Acronym, if any.
    pub acronym: Option<String>,
    /// Other spellings.
    pub forms: Vec<String>,
    /// Index in [`Directory::kinds`].
    pub kind: Option<usize>,
    /// The parent organisation.
    pub parent: Option<OrgId>,
    /// The organisations whose parent this is.
    pub children: Vec<OrgId>,
    /// Indices in [`Directory::groups`] of the groups it is a member of.
    pub groups: Vec<usize>,
    /// Official website.
    pub website: Option<String>,
}

impl Org {
    /// "World Trade Organization (WTO)".
    pub(crate) fn display_name(&self) -> String {
        match &self.acronym {
            Some(a) if a != &self.name => format!("{} ({a})", self.name),
            _ => self.name.clone(),
        }
    }

    /// The short name: the acronym, or the full name.
    pub(crate) fn short_name(&self) -> &str {
        self.acronym.as_deref().unwrap_or(&self.name)
    }
}

/// Every organisation of the book.
#[derive(Debug, Clone, Default)]
pub struct Directory {
    /// Organisations, in registry order.
    pub orgs: Vec<Org>,
    /// Kinds, in display order.
    pub kinds: Vec<Kind>,
    /// Groups, in registry order.
    pub groups: Vec<Group>,
    /// The directory (under `src/`, virtual) of the organisations' pages.
    pub dir: PathBuf,
    by_id: HashMap<String, OrgId>,
    /// The registry's ids left out ([`Directory::keep`]): still offered by "did you mean".
    left_out: Vec<String>,
    /// The error when the registry could not be read at all: references to organisations are
    /// then folded into it rather than each reported as unknown.
    pub failed: Option<Cause>,
}

impl Directory {
    /// A directory of `orgs` whose pages are in `dir`.
    pub fn new(orgs: Vec<Org>, kinds: Vec<Kind>, groups: Vec<Group>, dir: PathBuf) -> Directory {
        let by_id = orgs
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id.clone(), OrgId(i)))
            .collect();
        Directory {
            orgs,
            kinds,
            groups,
            dir,
            by_id,
            left_out: Vec::new(),
            failed: None,
        }
    }

    /// The directory of the organisations `keep` marks (indexed by [`OrgId`]), in registry
    /// order, with the map from each old id to its new one (`None`: left out). A parent or unit
    /// left out is dropped from the links of those kept. Linear in the registry's size.
    pub(crate) fn keep(self, keep: &[bool]) -> (Directory, Vec<Option<OrgId>>) {
        let mut map = vec![None; self.orgs.len()];
        let mut next = 0;
        for (i, slot) in map.iter_mut().enumerate() {
            if keep.get(i).copied().unwrap_or(false) {
                *slot = Some(OrgId(next));
                next += 1;
            }
        }
        let mut left_out = self.left_out;
        let mut orgs = Vec::with_capacity(next);
        for (mut org, new) in self.orgs.into_iter().zip(&map) {
            if new.is_none() {
                left_out.push(org.id);
                continue;
            }
            org.parent = org.parent.and_then(|p| map[p.0]);
            org.children = org.children.iter().filter_map(|c| map[c.0]).collect();
            orgs.push(org);
        }
        let mut kept = Directory::new(orgs, self.kinds, self.groups, self.dir);
        kept.left_out = left_out;
        kept.failed = self.failed;
        (kept, map)
    }

    /// The organisation `id`.
    pub fn org(&self, id: OrgId) -> &Org {
        &self.orgs[id.0]
    }

    /// Every organisation with its id, in registry order.
    pub fn iter(&self) -> impl Iterator<Item = (OrgId, &Org)> {
        self.orgs.iter().enumerate().map(|(i, o)| (OrgId(i), o))
    }

    /// The organisation with this registry id.
    pub fn get(&self, id: &str) -> Option<OrgId> {
        self.by_id.get(id).copied()
    }

    /// The closest registry id, for "did you mean" hints (those left out of the pages too).
    pub(crate) fn suggest(&self, id: &str) -> Option<&str> {
        let ids = self.orgs.iter().map(|o| o.id.as_str());
        did_you_mean(id, ids.chain(self.left_out.iter().map(String::as_str)))
    }

    /// The page of organisation `org` (relative to `src/`).
    pub(crate) fn page(&self, org: OrgId) -> PathBuf {
        self.dir.join(format!("{}.md", self.org(org).id))
    }

    /// The index page of the organisations.
    pub(crate) fn index_page(&self) -> PathBuf {
        self.dir.join("index.md")
    }
}
