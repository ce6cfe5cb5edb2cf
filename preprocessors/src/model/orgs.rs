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

#[cfg(test)]
mod tests {
    use super::*;

    fn org(id: &str, acronym: Option<&str>) -> Org {
        Org {
            id: id.into(),
            name: format!("The {id} organisation"),
            acronym: acronym.map(Into::into),
            forms: Vec::new(),
            kind: None,
            parent: None,
            children: Vec::new(),
            groups: Vec::new(),
            website: None,
        }
    }

    /// Four organisations: `un` with its units `undp` and `unep`, and `wto`.
    fn directory() -> Directory {
        let mut orgs = vec![
            org("un", Some("UN")),
            org("undp", Some("UNDP")),
            org("unep", None),
            org("wto", Some("WTO")),
        ];
        orgs[0].children = vec![OrgId(1), OrgId(2)];
        orgs[1].parent = Some(OrgId(0));
        orgs[2].parent = Some(OrgId(0));
        Directory::new(orgs, Vec::new(), Vec::new(), PathBuf::from("orgs"))
    }

    #[test]
    fn an_organisation_is_named_with_its_acronym_unless_the_acronym_is_its_name() {
        let mut o = org("wto", Some("WTO"));
        assert_eq!(o.display_name(), "The wto organisation (WTO)");
        assert_eq!(o.short_name(), "WTO");
        o.acronym = Some(o.name.clone());
        assert_eq!(o.display_name(), "The wto organisation");
        o.acronym = None;
        assert_eq!(o.display_name(), "The wto organisation");
        assert_eq!(o.short_name(), "The wto organisation");
    }

    #[test]
    fn organisations_are_found_by_id_and_their_pages_are_in_the_directory() {
        let dir = directory();
        assert_eq!(dir.get("unep"), Some(OrgId(2)));
        assert_eq!(dir.get("nope"), None);
        assert_eq!(dir.org(OrgId(3)).id, "wto");
        let ids: Vec<(usize, &str)> = dir.iter().map(|(i, o)| (i.0, o.id.as_str())).collect();
        assert_eq!(ids, [(0, "un"), (1, "undp"), (2, "unep"), (3, "wto")]);
        assert_eq!(dir.page(OrgId(1)), PathBuf::from("orgs/undp.md"));
        assert_eq!(dir.index_page(), PathBuf::from("orgs/index.md"));
    }

    #[test]
    fn keeping_some_renumbers_them_drops_links_to_the_others_and_still_suggests_them() {
        let mut diags = crate::base::diagnostics::Diagnostics::new();
        diags.error(
            "x",
            crate::base::diagnostics::Location::file("r.yaml"),
            "unread",
        );
        let cause = diags.last_cause();
        assert!(cause.is_some());
        let mut dir = directory();
        dir.failed = cause;
        let (kept, map) = dir.keep(&[false, true, true]);
        assert_eq!(map, [None, Some(OrgId(0)), Some(OrgId(1)), None]);
        let ids: Vec<&str> = kept.orgs.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(ids, ["undp", "unep"]);
        assert_eq!(kept.get("unep"), Some(OrgId(1)));
        assert_eq!(kept.get("un"), None);
        assert_eq!(kept.org(OrgId(0)).parent, None);
        assert_eq!(kept.failed, cause);
        assert_eq!(kept.suggest("wtoo"), Some("wto"));
        assert_eq!(kept.suggest("undpp"), Some("undp"));
        // A second keep remembers the first one's left out.
        let (again, _) = kept.keep(&[true]);
        assert_eq!(again.orgs.len(), 1);
        assert_eq!(again.suggest("unepp"), Some("unep"));
        assert_eq!(again.suggest("wtoo"), Some("wto"));
        let (all, _) = directory().keep(&[true, true, true, true]);
        assert_eq!(all.org(OrgId(0)).children, [OrgId(1), OrgId(2)]);
        assert_eq!(all.org(OrgId(2)).parent, Some(OrgId(0)));
    }
}
