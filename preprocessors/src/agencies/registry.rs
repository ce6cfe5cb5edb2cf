//! The organisation registry: one YAML file listing every organisation the report names.
//!
//! ```yaml
//! organisations:
//!   - id: unicef
//!     name: United Nations Children's Fund   # as the report spells it
//!     acronym: UNICEF
//!     forms: ["Other Spelling"]              # other exact spellings used in the text
//!     kind: un-fund-programme
//!     parent: null                           # id of the parent organisation
//!     gmg: true                              # member of the Global Migration Group in 2014
//!     website: https://www.unicef.org
//! ```
//!
//! Validated on load, every problem located in the file: unknown keys, duplicate ids, malformed
//! ids, a form claimed by two entries, an unknown parent or a parent cycle, a website that is not
//! an `http(s)` URL. [`Registry::matcher`] finds every form in text with one Aho-Corasick
//! automaton, longest match first, whole words only.

use crate::diagnostics::{Diagnostics, Location, did_you_mean};
use crate::html;
use aho_corasick::AhoCorasick;
use serde::Deserialize;
use serde_saphyr::Spanned;
use std::collections::HashMap;
use std::fmt;
use std::path::Path;

/// What kind of body an organisation is; the index page groups by kind, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// General Assembly, …
    UnPrincipalOrgan,
    /// Departments and offices of the UN Secretariat, the Secretary-General.
    UnSecretariat,
    /// UN funds and programmes.
    UnFundProgramme,
    /// UN specialized agencies.
    UnSpecializedAgency,
    /// The five regional commissions.
    UnRegionalCommission,
    /// Related organisations.
    UnRelatedOrganisation,
    /// Councils, committees, conferences of member states.
    UnIntergovernmentalBody,
    /// A unit of a larger organisation.
    OfficeUnit,
    /// Intergovernmental organisations outside the UN system.
    IntergovernmentalOrganisation,
    /// Groups of agencies.
    InterAgencyGroup,
    /// Working groups and task forces.
    WorkingGroup,
    /// Forums and consultative processes.
    ForumProcess,
    /// Partnerships and joint initiatives.
    PartnershipInitiative,
    /// Governments' agencies and offices.
    NationalBody,
    /// Civil society organisations.
    CivilSociety,
    /// Companies.
    PrivateSector,
}

impl Kind {
    /// Every kind, in display order.
    pub const ALL: [Kind; 16] = [
        Kind::UnPrincipalOrgan,
        Kind::UnSecretariat,
        Kind::UnFundProgramme,
        Kind::UnSpecializedAgency,
        Kind::UnRegionalCommission,
        Kind::UnRelatedOrganisation,
        Kind::UnIntergovernmentalBody,
        Kind::OfficeUnit,
        Kind::IntergovernmentalOrganisation,
        Kind::InterAgencyGroup,
        Kind::WorkingGroup,
        Kind::ForumProcess,
        Kind::PartnershipInitiative,
        Kind::NationalBody,
        Kind::CivilSociety,
        Kind::PrivateSector,
    ];

    /// Plural heading for the index page.
    pub fn plural(self) -> &'static str {
        match self {
            Kind::UnPrincipalOrgan => "UN principal organs",
            Kind::UnSecretariat => "UN Secretariat",
            Kind::UnFundProgramme => "UN funds and programmes",
            Kind::UnSpecializedAgency => "UN specialized agencies",
            Kind::UnRegionalCommission => "UN regional commissions",
            Kind::UnRelatedOrganisation => "UN related organisations",
            Kind::UnIntergovernmentalBody => "Intergovernmental bodies and conferences",
            Kind::OfficeUnit => "Offices, divisions and units",
            Kind::IntergovernmentalOrganisation => "Intergovernmental organisations",
            Kind::InterAgencyGroup => "Inter-agency groups",
            Kind::WorkingGroup => "Working groups and task forces",
            Kind::ForumProcess => "Forums and consultative processes",
            Kind::PartnershipInitiative => "Partnerships and initiatives",
            Kind::NationalBody => "National bodies",
            Kind::CivilSociety => "Civil society",
            Kind::PrivateSector => "Private sector",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Kind::UnPrincipalOrgan => "UN principal organ",
            Kind::UnSecretariat => "UN Secretariat",
            Kind::UnFundProgramme => "UN fund or programme",
            Kind::UnSpecializedAgency => "UN specialized agency",
            Kind::UnRegionalCommission => "UN regional commission",
            Kind::UnRelatedOrganisation => "UN related organisation",
            Kind::UnIntergovernmentalBody => "Intergovernmental body",
            Kind::OfficeUnit => "Office, division or unit",
            Kind::IntergovernmentalOrganisation => "Intergovernmental organisation",
            Kind::InterAgencyGroup => "Inter-agency group",
            Kind::WorkingGroup => "Working group or task force",
            Kind::ForumProcess => "Forum or consultative process",
            Kind::PartnershipInitiative => "Partnership or initiative",
            Kind::NationalBody => "National body",
            Kind::CivilSociety => "Civil society organisation",
            Kind::PrivateSector => "Company",
        })
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSpec {
    organisations: Vec<OrgSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct OrgSpec {
    id: Spanned<String>,
    name: Spanned<String>,
    #[serde(default)]
    acronym: Option<Spanned<String>>,
    #[serde(default)]
    forms: Vec<Spanned<String>>,
    kind: Kind,
    #[serde(default)]
    parent: Option<Spanned<String>>,
    gmg: bool,
    #[serde(default)]
    website: Option<Spanned<String>>,
}

const KEYS: &[&str] = &[
    "id", "name", "acronym", "forms", "kind", "parent", "gmg", "website",
];

/// One organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Org {
    /// Unique id, used in URLs and `org:` links.
    pub id: String,
    /// Full name as the report spells it.
    pub name: String,
    /// Acronym, if any.
    pub acronym: Option<String>,
    /// Other spellings.
    pub forms: Vec<String>,
    /// Kind of body.
    pub kind: Kind,
    /// Index of the parent organisation.
    pub parent: Option<usize>,
    /// Indices of the organisations whose parent this is.
    pub children: Vec<usize>,
    /// Member of the Global Migration Group in 2014.
    pub gmg: bool,
    /// Official website.
    pub website: Option<String>,
}

impl Org {
    /// "United Nations Children's Fund (UNICEF)".
    pub fn display_name(&self) -> String {
        match &self.acronym {
            Some(a) if a != &self.name => format!("{} ({a})", self.name),
            _ => self.name.clone(),
        }
    }

    /// The short name: the acronym, or the full name.
    pub fn short_name(&self) -> &str {
        self.acronym.as_deref().unwrap_or(&self.name)
    }
}

/// A form the matcher looks for.
#[derive(Debug, Clone, Copy)]
struct Pattern {
    org: usize,
    acronym: bool,
}

/// The validated registry.
#[derive(Debug)]
pub struct Registry {
    /// Organisations, in file order.
    pub orgs: Vec<Org>,
    by_id: HashMap<String, usize>,
    automaton: Option<AhoCorasick>,
    patterns: Vec<Pattern>,
}

/// A form found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// Organisation index.
    pub org: usize,
    /// Byte range in the searched text.
    pub range: std::ops::Range<usize>,
    /// The acronym (not the full name or another form) matched.
    pub acronym: bool,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

impl Registry {
    /// An empty registry.
    pub fn empty() -> Registry {
        Registry {
            orgs: Vec::new(),
            by_id: HashMap::new(),
            automaton: None,
            patterns: Vec::new(),
        }
    }

    /// Reads and validates the registry at `root/path`; `path` (relative to the book root) names
    /// the file in diagnostics. Problems go to `diags`; invalid entries are left out.
    pub fn load(root: &Path, path: &Path, diags: &mut Diagnostics) -> Registry {
        match std::fs::read_to_string(root.join(path)) {
            Ok(text) => Registry::parse(&text, path, diags),
            Err(err) => {
                diags
                    .error("registry-unreadable", Location::file(path), format!("cannot read the organisation registry: {err}"))
                    .hint = Some("set `registry` under `[preprocessor.gmg.agencies]` in book.toml to the registry's path".into());
                Registry::empty()
            }
        }
    }

    /// Parses and validates registry YAML; `path` names the file in diagnostics.
    pub fn parse(text: &str, path: &Path, diags: &mut Diagnostics) -> Registry {
        if let Some(message) = crate::yaml::too_large(text.len(), crate::yaml::MAX_REGISTRY) {
            diags
                .error("registry-yaml", Location::at(path, 1, 1), message)
                .hint = Some("the registry lists organisations; no real one is this large".into());
            return Registry::empty();
        }
        let at = |s: &Spanned<String>| {
            Location::at(
                path,
                s.referenced.line() as usize,
                s.referenced.column() as usize,
            )
        };
        let spec: FileSpec = match serde_saphyr::from_str_with_options(text, crate::yaml::options())
        {
            Ok(spec) => spec,
            Err(err) => {
                let location = err.location().map_or_else(
                    || Location::file(path),
                    |l| Location::at(path, l.line() as usize, l.column() as usize),
                );
                diags
                    .error("registry-yaml", location, crate::yaml::message(&err))
                    .hint = Some(crate::yaml::hint(&err, KEYS));
                return Registry::empty();
            }
        };
        let mut orgs: Vec<Org> = Vec::new();
        let mut by_id: HashMap<String, usize> = HashMap::new();
        let mut parents: Vec<Option<Spanned<String>>> = Vec::new();
        // Every form, with the entry claiming it first.
        let mut claimed: HashMap<String, (usize, Location)> = HashMap::new();
        for spec in spec.organisations {
            let id = spec.id.value.trim().to_string();
            if !crate::html::is_slug(&id) {
                diags
                    .error(
                        "registry-bad-id",
                        at(&spec.id),
                        format!("id `{id}` is not a lower-case slug"),
                    )
                    .hint = Some("use lower-case letters, digits and `-`, e.g. `un-desa`".into());
                continue;
            }
            if let Some(&first) = by_id.get(&id) {
                diags
                    .error(
                        "registry-duplicate-id",
                        at(&spec.id),
                        format!("id `{id}` is used twice"),
                    )
                    .hint = Some(format!(
                    "the first entry with this id is `{}`; ids must be unique",
                    orgs[first].name
                ));
                continue;
            }
            let index = orgs.len();
            let website = spec.website.as_ref().and_then(|w| {
                let url = html::safe_url(&w.value).filter(|u| u.starts_with("http"));
                if url.is_none() {
                    diags
                        .error(
                            "registry-bad-url",
                            at(w),
                            format!("website `{}` of `{id}` is not an http(s) URL", w.value),
                        )
                        .hint =
                        Some("write the full address, e.g. `https://www.unicef.org`".into());
                }
                url.map(str::to_string)
            });
            let mut forms = Vec::new();
            let all_forms = std::iter::once(&spec.name)
                .chain(spec.acronym.as_ref())
                .chain(spec.forms.iter());
            for form in all_forms {
                let text = form.value.trim();
                if text.is_empty() || text != form.value {
                    diags
                        .error(
                            "registry-bad-form",
                            at(form),
                            format!(
                                "form `{}` of `{id}` is empty or has surrounding spaces",
                                form.value
                            ),
                        )
                        .hint = Some(
                        "spellings are matched exactly: remove the spaces, or the empty entry"
                            .into(),
                    );
                    continue;
                }
                let key = normalise_form(text);
                match claimed.get(&key) {
                    Some((owner, _)) if *owner == index => {
                        diags
                            .warning(
                                "registry-repeated-form",
                                at(form),
                                format!("form `{text}` is listed twice for `{id}`"),
                            )
                            .hint = Some("list each spelling once".into());
                    }
                    Some((owner, first_at)) => {
                        diags
                            .error(
                                "registry-form-conflict",
                                at(form),
                                format!(
                                    "form `{text}` of `{id}` is already claimed by `{}`",
                                    orgs[*owner].id
                                ),
                            )
                            .hint = Some(format!(
                            "a spelling can link to one organisation only; remove it from one entry (the other is at line {})",
                            first_at.line
                        ));
                    }
                    None => {
                        claimed.insert(key, (index, at(form)));
                        forms.push(text.to_string());
                    }
                }
            }
            by_id.insert(id.clone(), index);
            parents.push(spec.parent);
            orgs.push(Org {
                id,
                name: spec.name.value.trim().to_string(),
                acronym: spec.acronym.map(|a| a.value.trim().to_string()),
                // The name and acronym are kept separately; `forms` holds the others.
                forms: forms
                    .into_iter()
                    .filter(|f| f != spec.name.value.trim())
                    .collect(),
                kind: spec.kind,
                parent: None,
                children: Vec::new(),
                gmg: spec.gmg,
                website,
            });
        }
        for org in &mut orgs {
            if let Some(a) = &org.acronym {
                org.forms.retain(|f| f != a);
            }
        }
        let ids: Vec<String> = orgs.iter().map(|o| o.id.clone()).collect();
        for (i, parent) in parents.iter().enumerate() {
            let Some(parent) = parent else { continue };
            match by_id.get(parent.value.trim()) {
                Some(&p) if p == i => {
                    diags.error(
                        "registry-parent-cycle",
                        at(parent),
                        format!("`{}` is its own parent", orgs[i].id),
                    );
                }
                Some(&p) => orgs[i].parent = Some(p),
                None => {
                    let d = diags.error(
                        "registry-unknown-parent",
                        at(parent),
                        format!(
                            "parent `{}` of `{}` is not in the registry",
                            parent.value, orgs[i].id
                        ),
                    );
                    d.hint = did_you_mean(&parent.value, ids.iter().map(String::as_str))
                        .map(|s| format!("did you mean `{s}`?"));
                }
            }
        }
        // A longer cycle (a → b → a) would make "part of" chains endless.
        for i in 0..orgs.len() {
            let mut seen = vec![i];
            let mut cur = orgs[i].parent;
            while let Some(p) = cur {
                if seen.contains(&p) {
                    if p == i {
                        let loc = parents[i]
                            .as_ref()
                            .map(at)
                            .unwrap_or_else(|| Location::file(path));
                        diags
                            .error(
                                "registry-parent-cycle",
                                loc,
                                format!("the parents of `{}` form a cycle", orgs[i].id),
                            )
                            .hint = Some(
                            "an organisation cannot be part of one of its own units; remove one `parent`".into(),
                        );
                    }
                    orgs[i].parent = None;
                    break;
                }
                seen.push(p);
                cur = orgs[p].parent;
            }
        }
        for i in 0..orgs.len() {
            if let Some(p) = orgs[i].parent {
                orgs[p].children.push(i);
            }
        }
        Registry::with_orgs(orgs, by_id)
    }

    fn with_orgs(orgs: Vec<Org>, by_id: HashMap<String, usize>) -> Registry {
        let mut strings: Vec<String> = Vec::new();
        let mut patterns = Vec::new();
        for (i, org) in orgs.iter().enumerate() {
            let forms = std::iter::once((&org.name, false))
                .chain(org.acronym.iter().map(|a| (a, true)))
                .chain(org.forms.iter().map(|f| (f, false)));
            for (form, acronym) in forms {
                // Smart punctuation renders ' as ’: look for both spellings.
                let straight = form.replace('’', "'");
                let curly = form.replace('\'', "’");
                if curly != straight {
                    strings.push(curly);
                    patterns.push(Pattern { org: i, acronym });
                }
                strings.push(straight);
                patterns.push(Pattern { org: i, acronym });
            }
        }
        let automaton =
            (!strings.is_empty()).then(|| AhoCorasick::new(&strings).expect("patterns build"));
        Registry {
            orgs,
            by_id,
            automaton,
            patterns,
        }
    }

    /// The organisation with this id.
    pub fn get(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The closest id, for "did you mean" hints.
    pub fn suggest(&self, id: &str) -> Option<&str> {
        did_you_mean(id, self.orgs.iter().map(|o| o.id.as_str()))
    }

    /// Every mention of a registry form in `text`: whole words only (a possessive `'s` may
    /// follow), the longest valid form winning at each position, no overlaps, left to right.
    pub fn find(&self, text: &str) -> Vec<Match> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        let mut candidates: Vec<Match> = ac
            .find_overlapping_iter(text)
            .filter(|m| {
                let before = text[..m.start()].chars().next_back();
                let after = text[m.end()..].chars().next();
                !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
            })
            .map(|m| {
                let p = self.patterns[m.pattern().as_usize()];
                Match {
                    org: p.org,
                    range: m.start()..m.end(),
                    acronym: p.acronym,
                }
            })
            .collect();
        candidates.sort_by(|a, b| {
            a.range
                .start
                .cmp(&b.range.start)
                .then(b.range.end.cmp(&a.range.end))
        });
        let mut out: Vec<Match> = Vec::new();
        for m in candidates {
            if out
                .last()
                .is_some_and(|last| m.range.start < last.range.end)
            {
                continue;
            }
            out.push(m);
        }
        out
    }
}

/// Forms compare with straight apostrophes and single spaces.
fn normalise_form(form: &str) -> String {
    form.replace('’', "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(yaml: &str) -> (Registry, String) {
        let mut d = Diagnostics::new();
        let r = Registry::parse(yaml, Path::new("data/agencies.yaml"), &mut d);
        d.sort();
        (r, d.render())
    }

    const SAMPLE: &str = "organisations:
  - id: un
    name: United Nations
    acronym: UN
    kind: un-principal-organ
    gmg: false
  - id: un-women
    name: United Nations Entity for Gender Equality and the Empowerment of Women
    acronym: UN Women
    kind: un-fund-programme
    gmg: true
  - id: ilo
    name: International Labour Organization
    acronym: ILO
    kind: un-specialized-agency
    gmg: true
    website: https://www.ilo.org
  - id: itc-ilo
    name: International Training Center of the ILO
    acronym: ITC-ILO
    forms: [International Training Centre]
    kind: office-unit
    parent: ilo
    gmg: false
  - id: unicef
    name: United Nations Children's Fund
    acronym: UNICEF
    kind: un-fund-programme
    gmg: true
  - id: un-desa
    name: United Nations Department of Economic and Social Affairs
    acronym: UN-DESA
    kind: un-secretariat
    gmg: true
";

    fn found(r: &Registry, text: &str) -> Vec<(String, String)> {
        r.find(text)
            .into_iter()
            .map(|m| (r.orgs[m.org].id.clone(), text[m.range].to_string()))
            .collect()
    }

    #[test]
    fn a_valid_registry_loads_with_parents_and_children() {
        let (r, d) = parse(SAMPLE);
        assert_eq!(d, "0 errors, 0 warnings");
        let itc = r.get("itc-ilo").unwrap();
        assert_eq!(r.orgs[itc].parent, r.get("ilo"));
        assert_eq!(r.orgs[r.get("ilo").unwrap()].children, vec![itc]);
        assert_eq!(r.orgs[itc].forms, vec!["International Training Centre"]);
    }

    #[test]
    fn longest_match_wins_and_words_must_be_whole() {
        let (r, _) = parse(SAMPLE);
        assert_eq!(
            found(
                &r,
                "UN Women and the UN, ITC-ILO and ILO, UN-DESA; UNCTs, UNICEF’s and UNICEF's work."
            ),
            [
                ("un-women", "UN Women"),
                ("un", "UN"),
                ("itc-ilo", "ITC-ILO"),
                ("ilo", "ILO"),
                ("un-desa", "UN-DESA"),
                ("unicef", "UNICEF"),
                ("unicef", "UNICEF"),
            ]
            .map(|(a, b)| (a.to_string(), b.to_string()))
        );
    }

    #[test]
    fn full_names_match_with_either_apostrophe() {
        let (r, _) = parse(SAMPLE);
        assert_eq!(found(&r, "the United Nations Children’s Fund").len(), 1);
        assert_eq!(
            found(&r, "the United Nations Children's Fund")[0].0,
            "unicef"
        );
        // "United Nations" inside the longer name is not a separate mention.
        assert_eq!(
            found(&r, "United Nations Children's Fund (UNICEF)").len(),
            2
        );
    }

    #[test]
    fn a_longer_form_that_is_not_a_whole_word_falls_back_to_a_shorter_one() {
        let (r, _) = parse(SAMPLE);
        assert_eq!(
            found(&r, "UN Womenfolk"),
            [("un".to_string(), "UN".to_string())]
        );
    }

    #[test]
    fn errors_are_located_in_the_registry_file() {
        let yaml = "organisations:
  - id: ilo
    name: International Labour Organization
    acronym: ILO
    kind: un-specialized-agency
    gmg: true
  - id: ilo
    name: Duplicate
    kind: office-unit
    gmg: false
  - id: itc
    name: ITC
    acronym: ILO
    kind: office-unit
    parent: ilx
    gmg: false
    website: javascript:alert(1)
  - id: Bad Id
    name: x
    kind: office-unit
    gmg: false
";
        let (_, d) = parse(yaml);
        assert_eq!(
            d,
            "data/agencies.yaml:7:9: error: id `ilo` is used twice [registry-duplicate-id]
  = hint: the first entry with this id is `International Labour Organization`; ids must be unique
data/agencies.yaml:13:14: error: form `ILO` of `itc` is already claimed by `ilo` [registry-form-conflict]
  = hint: a spelling can link to one organisation only; remove it from one entry (the other is at line 4)
data/agencies.yaml:15:13: error: parent `ilx` of `itc` is not in the registry [registry-unknown-parent]
  = hint: did you mean `ilo`?
data/agencies.yaml:17:14: error: website `javascript:alert(1)` of `itc` is not an http(s) URL [registry-bad-url]
  = hint: write the full address, e.g. `https://www.unicef.org`
data/agencies.yaml:18:9: error: id `Bad Id` is not a lower-case slug [registry-bad-id]
  = hint: use lower-case letters, digits and `-`, e.g. `un-desa`
5 errors, 0 warnings"
        );
    }

    #[test]
    fn unknown_keys_are_errors_with_a_hint() {
        let (_, d) = parse(
            "organisations:\n  - id: a\n    name: A\n    kind: office-unit\n    gmg: true\n    webiste: x\n",
        );
        assert!(
            d.starts_with("data/agencies.yaml:6:5: error: unknown field `webiste`"),
            "{d}"
        );
        assert!(d.contains("did you mean `website`?"), "{d}");
    }

    #[test]
    fn parent_cycles_are_errors() {
        let (r, d) = parse(
            "organisations:
  - {id: a, name: A, kind: office-unit, gmg: true, parent: b}
  - {id: b, name: B, kind: office-unit, gmg: true, parent: a}
",
        );
        assert!(d.contains("error: the parents of `a` form a cycle"), "{d}");
        assert!(r.orgs.iter().all(|o| o.parent.is_none() || o.id == "b"));
    }
}
