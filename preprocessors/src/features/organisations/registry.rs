//! The organisation registry: one YAML file listing every organisation the document names.
//!
//! ```yaml
//! kinds:                                   # optional: the index page groups by kind, in this order
//!   - id: agency
//!     label: Specialized agency            # on an organisation's page
//!     plural: Specialized agencies         # heading on the index page
//! groups:                                  # optional: memberships the pages show
//!   - id: board
//!     name: Executive Board                # the fact's term on an organisation's page
//!     member: Member in 2030               # its value for members
//!     non-member: Not a member in 2030     # optional: its value for others (else no fact)
//!     column: Board member                 # optional: the index's column (default: name)
//!     marker: Board member                 # optional: the index's cell for members (default: member)
//!     summary: "{count} of them sat on the Executive Board."   # optional: index sentence
//! organisations:
//!   - id: wto                              # required, a lower-case slug
//!     name: World Trade Organization       # required, as the text spells it
//!     acronym: WTO
//!     forms: ["Other Spelling"]            # other exact spellings used in the text
//!     kind: agency                         # one of `kinds`
//!     parent: un                           # id of the parent organisation
//!     groups: [board]                      # ids of `groups`
//!     website: https://www.wto.org
//! ```
//!
//! Only `id` and `name` are required. Validated on load, every problem located in the file:
//! unknown keys, duplicate or malformed ids, a form claimed by two entries, an unknown kind,
//! group or parent, a parent cycle, a website that is not an `http(s)` URL.

use crate::base::diagnostics::{Diagnostics, Location, did_you_mean, read_text};
use crate::base::html;
use crate::base::paths;
use crate::model::OrgId;
use crate::model::orgs::{Directory, Group, Kind, Org};
use serde::Deserialize;
use serde_saphyr::Spanned;
use std::collections::HashMap;
use std::path::Path;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSpec {
    #[serde(default)]
    kinds: Vec<KindSpec>,
    #[serde(default)]
    groups: Vec<GroupSpec>,
    organisations: Vec<OrgSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct KindSpec {
    id: Spanned<String>,
    label: String,
    #[serde(default)]
    plural: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct GroupSpec {
    id: Spanned<String>,
    name: String,
    member: String,
    #[serde(default)]
    non_member: Option<String>,
    #[serde(default)]
    column: Option<String>,
    #[serde(default)]
    marker: Option<String>,
    #[serde(default)]
    summary: Option<Spanned<String>>,
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
    #[serde(default)]
    kind: Option<Spanned<String>>,
    #[serde(default)]
    parent: Option<Spanned<String>>,
    #[serde(default)]
    groups: Vec<Spanned<String>>,
    #[serde(default)]
    website: Option<Spanned<String>>,
}

/// Every key of the file, for "did you mean" hints.
const KEYS: &[&str] = &[
    "kinds",
    "groups",
    "organisations",
    "id",
    "name",
    "label",
    "plural",
    "member",
    "non-member",
    "column",
    "marker",
    "summary",
    "acronym",
    "forms",
    "kind",
    "parent",
    "website",
];

/// The validated registry: the organisations, and where each entry is in the file.
#[derive(Debug, Default)]
pub struct Registry {
    /// The organisations, their kinds and groups.
    pub directory: Directory,
    /// The location of each organisation's `id`, by [`OrgId`].
    pub(crate) locations: Vec<Location>,
}

/// Reads and validates the registry at `root/path`; `path` (relative to the book root) names the
/// file in diagnostics, `dir` is where the organisations' pages go. Problems go to `diags`;
/// invalid entries are left out.
pub(crate) fn load(root: &Path, path: &Path, dir: &Path, diags: &mut Diagnostics) -> Registry {
    // The book's paths rule: the registry is read from inside the book only.
    if let Ok(boundary) = paths::Boundary::new(root, None)
        && let Err(escape) = boundary.in_book(Path::new(""), path)
    {
        diags
            .error(
                "config-path",
                Location::file(path),
                format!(
                    "the organisation registry `{}` {}",
                    path.display(),
                    escape.problem()
                ),
            )
            .hint(escape.hint());
        return failed(diags);
    }
    match read_text(&root.join(path), path) {
        Ok(text) => parse(&text, path, dir, diags),
        Err(err) => {
            let located = err.location.line > 0;
            diags
                .error(
                    "registry-unreadable",
                    err.location,
                    format!("cannot read the organisation registry: {}", err.problem),
                )
                .hint(if located {
                    "save the file as UTF-8 (the character here was written in another encoding)".to_string()
                } else {
                    format!(
                        "create it (see README.md, \"Organisations\"), set `registry` under `[preprocessor.{}.organisations]` in book.toml to its path, or set `enable = false` there",
                        crate::model::PREPROCESSOR
                    )
                });
            failed(diags)
        }
    }
}

/// The registry of a file that could not be read: no organisations, and the error as the
/// cause of every reference to them.
fn failed(diags: &Diagnostics) -> Registry {
    let mut registry = Registry::default();
    registry.directory.failed = diags.last_cause();
    registry
}

/// Parses and validates registry YAML; `path` names the file in diagnostics.
pub fn parse(text: &str, path: &Path, dir: &Path, diags: &mut Diagnostics) -> Registry {
    use crate::base::yaml;
    if let Some(message) = yaml::too_large(text.len(), yaml::MAX_REGISTRY) {
        diags
            .error("registry-yaml", Location::at(path, 1, 1), message)
            .hint("the registry lists organisations; no real one is this large");
        return failed(diags);
    }
    let blank = text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'));
    let spec = if blank {
        Ok(FileSpec::default())
    } else {
        serde_saphyr::from_str_with_options(text, yaml::options())
    };
    let spec: FileSpec = match spec {
        Ok(spec) => spec,
        Err(err) => {
            let location = yaml::offset(&err, text).map_or_else(
                || Location::file(path),
                |at| crate::base::diagnostics::LineIndex::new(path, text).location(text, at),
            );
            diags
                .error("registry-yaml", location, yaml::message(&err))
                .hint(yaml::hint(
                    &err,
                    KEYS,
                    "see \"Organisations\" in README.md for the registry's keys",
                ));
            return failed(diags);
        }
    };
    if spec.organisations.is_empty() {
        diags
            .error(
                "registry-empty",
                Location::file(path),
                "the organisation registry lists no organisation",
            )
            .hint(format!(
                "list the organisations under `organisations:` (see README.md, \"Organisations\"), or set `enable = false` under `[preprocessor.{}.organisations]` in book.toml",
                crate::model::PREPROCESSOR
            ));
        return failed(diags);
    }
    let mut reader = Reader {
        path,
        diags,
        ids: HashMap::new(),
        claimed: HashMap::new(),
    };
    let kinds = reader.kinds(spec.kinds);
    let groups = reader.groups(spec.groups);
    let mut orgs = Vec::new();
    let mut locations = Vec::new();
    let mut links = Vec::new();
    for spec in spec.organisations {
        if let Some((org, at, refs)) = reader.org(spec, OrgId(orgs.len()), &kinds, &groups) {
            orgs.push(org);
            locations.push(at);
            links.push(refs);
        }
    }
    reader.resolve_parents(&mut orgs, &links);
    Registry {
        directory: Directory::new(orgs, kinds, groups, dir.to_path_buf()),
        locations,
    }
}

/// What an entry names by id, resolved once every entry is read.
struct Refs {
    parent: Option<Spanned<String>>,
}

/// The state of one registry read.
struct Reader<'a> {
    path: &'a Path,
    diags: &'a mut Diagnostics,
    /// Organisation ids seen, with the name of their entry.
    ids: HashMap<String, String>,
    /// Every form, with the organisation claiming it first and where.
    claimed: HashMap<String, (OrgId, String, Location)>,
}

impl Reader<'_> {
    fn at(&self, s: &Spanned<String>) -> Location {
        Location::at(
            self.path,
            s.referenced.line() as usize,
            s.referenced.column() as usize,
        )
    }

    /// The trimmed id if it is a lower-case slug; else an error.
    fn slug(&mut self, id: &Spanned<String>) -> Option<String> {
        let value = id.value.trim().to_string();
        if html::is_slug(&value) {
            return Some(value);
        }
        self.diags
            .error(
                "registry-bad-id",
                self.at(id),
                format!("id `{value}` is not a lower-case slug"),
            )
            .hint("use lower-case letters, digits and `-`, e.g. `regional-office`");
        None
    }

    /// A new id: a slug, not already taken by an entry of the same sort (`first` gives the
    /// name of the entry that has it).
    fn new_id(
        &mut self,
        id: &Spanned<String>,
        what: &str,
        first: impl Fn(&str) -> Option<String>,
    ) -> Option<String> {
        let value = self.slug(id)?;
        let Some(first) = first(&value) else {
            return Some(value);
        };
        self.diags
            .error(
                "registry-duplicate-id",
                self.at(id),
                format!("id `{value}` is used twice"),
            )
            .hint(format!(
                "the first {what} with this id is `{first}`; ids must be unique"
            ));
        None
    }

    fn kinds(&mut self, specs: Vec<KindSpec>) -> Vec<Kind> {
        let mut kinds: Vec<Kind> = Vec::new();
        for spec in specs {
            let first = |id: &str| kinds.iter().find(|k| k.id == id).map(|k| k.label.clone());
            let Some(id) = self.new_id(&spec.id, "kind", first) else {
                continue;
            };
            let plural = spec.plural.unwrap_or_else(|| format!("{}s", spec.label));
            kinds.push(Kind {
                id,
                label: spec.label,
                plural,
            });
        }
        kinds
    }

    fn groups(&mut self, specs: Vec<GroupSpec>) -> Vec<Group> {
        let mut groups: Vec<Group> = Vec::new();
        for spec in specs {
            let first = |id: &str| groups.iter().find(|g| g.id == id).map(|g| g.name.clone());
            let Some(id) = self.new_id(&spec.id, "group", first) else {
                continue;
            };
            let summary = spec.summary.map(|s| {
                for name in crate::base::text::placeholders(&s.value) {
                    if name != "count" {
                        self.diags
                            .error(
                                "registry-placeholder",
                                self.at(&s),
                                format!("the summary of group `{id}` has an unknown placeholder `{{{name}}}`"),
                            )
                            .hint("it may use `{count}`, the number of members");
                    }
                }
                s.value
            });
            groups.push(Group {
                column: spec.column.unwrap_or_else(|| spec.name.clone()),
                marker: spec.marker.unwrap_or_else(|| spec.member.clone()),
                id,
                name: spec.name,
                member: spec.member,
                non_member: spec.non_member,
                summary,
            });
        }
        groups
    }

    /// The index of the declared entry `id` names, or an error with a "did you mean".
    fn find<'k>(
        &mut self,
        id: &Spanned<String>,
        ids: impl Iterator<Item = &'k str> + Clone,
        what: &str,
        owner: &str,
        code: &'static str,
    ) -> Option<usize> {
        let wanted = id.value.trim();
        if let Some(i) = ids.clone().position(|k| k == wanted) {
            return Some(i);
        }
        let at = self.at(id);
        self.diags
            .error(
                code,
                at,
                format!("{what} `{wanted}` of `{owner}` is not declared in the registry"),
            )
            .suggest(
                did_you_mean(wanted, ids).map(|s| format!("`{s}`")),
                format!("declare it under `{what}s:` at the top of the registry"),
            );
        None
    }

    fn org(
        &mut self,
        spec: OrgSpec,
        index: OrgId,
        kinds: &[Kind],
        groups: &[Group],
    ) -> Option<(Org, Location, Refs)> {
        let ids = std::mem::take(&mut self.ids);
        let id = self.new_id(&spec.id, "entry", |id| ids.get(id).cloned());
        self.ids = ids;
        let id = id?;
        let name = spec.name.value.trim().to_string();
        self.ids.insert(id.clone(), name.clone());
        let kind = spec.kind.as_ref().and_then(|k| {
            self.find(
                k,
                kinds.iter().map(|k| k.id.as_str()),
                "kind",
                &id,
                "registry-unknown-kind",
            )
        });
        let member_of: Vec<usize> = spec
            .groups
            .iter()
            .filter_map(|g| {
                self.find(
                    g,
                    groups.iter().map(|g| g.id.as_str()),
                    "group",
                    &id,
                    "registry-unknown-group",
                )
            })
            .collect();
        let website = spec.website.as_ref().and_then(|w| self.website(w, &id));
        let acronym = spec.acronym.as_ref().map(|a| a.value.trim().to_string());
        let all_forms = std::iter::once(&spec.name)
            .chain(spec.acronym.as_ref())
            .chain(spec.forms.iter());
        let mut forms = Vec::new();
        for form in all_forms {
            if let Some(text) = self.claim(form, index, &id) {
                forms.push(text);
            }
        }
        // The name and acronym are kept separately; `forms` holds the others.
        forms.retain(|f| f != &name && Some(f) != acronym.as_ref());
        let org = Org {
            id,
            name,
            acronym,
            forms,
            kind,
            parent: None,
            children: Vec::new(),
            groups: member_of,
            website,
        };
        Some((
            org,
            self.at(&spec.id),
            Refs {
                parent: spec.parent,
            },
        ))
    }

    fn website(&mut self, w: &Spanned<String>, id: &str) -> Option<String> {
        let url = html::safe_url(&w.value).filter(|u| u.starts_with("http"));
        if url.is_none() {
            self.diags
                .error(
                    "registry-bad-url",
                    self.at(w),
                    format!("website `{}` of `{id}` is not an http(s) URL", w.value),
                )
                .hint(website_hint(w.value.trim()));
        }
        url.map(str::to_string)
    }

    /// Claims a spelling for organisation `index`: it must be trimmed, not empty, and not
    /// claimed by another entry.
    fn claim(&mut self, form: &Spanned<String>, index: OrgId, id: &str) -> Option<String> {
        let text = form.value.trim();
        if text.is_empty() || text != form.value {
            self.diags
                .error(
                    "registry-bad-form",
                    self.at(form),
                    format!(
                        "form `{}` of `{id}` is empty or has surrounding spaces",
                        form.value
                    ),
                )
                .hint("spellings are matched exactly: remove the spaces, or the empty entry");
            return None;
        }
        let at = self.at(form);
        match self.claimed.get(&normalise_form(text)) {
            Some((owner, _, _)) if *owner == index => {
                self.diags
                    .warning(
                        "registry-repeated-form",
                        at,
                        format!("form `{text}` is listed twice for `{id}`"),
                    )
                    .hint("list each spelling once");
                None
            }
            Some((_, owner, first_at)) => {
                let hint = format!(
                    "a spelling can link to one organisation only; remove it from one entry (the other is at line {})",
                    first_at.line
                );
                let message = format!("form `{text}` of `{id}` is already claimed by `{owner}`");
                self.diags
                    .error("registry-form-conflict", at, message)
                    .hint(hint);
                None
            }
            None => {
                self.claimed
                    .insert(normalise_form(text), (index, id.to_string(), at));
                Some(text.to_string())
            }
        }
    }

    /// Sets each organisation's parent and children; unknown parents and cycles are errors.
    fn resolve_parents(&mut self, orgs: &mut [Org], refs: &[Refs]) {
        let index: HashMap<String, usize> = orgs
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id.clone(), i))
            .collect();
        for (i, r) in refs.iter().enumerate() {
            let Some(parent) = &r.parent else { continue };
            match index.get(parent.value.trim()) {
                Some(&p) if p == i => {
                    self.diags
                        .error(
                            "registry-parent-cycle",
                            self.at(parent),
                            format!("`{}` is its own parent", orgs[i].id),
                        )
                        .hint(
                            "`parent` names the larger organisation this one is part of; remove it",
                        );
                }
                Some(&p) => orgs[i].parent = Some(OrgId(p)),
                None => {
                    let ids = orgs.iter().map(|o| o.id.as_str());
                    let suggestion = did_you_mean(&parent.value, ids).map(|s| format!("`{s}`"));
                    self.diags
                        .error(
                            "registry-unknown-parent",
                            self.at(parent),
                            format!(
                                "parent `{}` of `{}` is not in the registry",
                                parent.value, orgs[i].id
                            ),
                        )
                        .suggest(
                            suggestion,
                            "use the id of another organisation of the registry",
                        );
                }
            }
        }
        self.break_cycles(orgs, refs);
        for i in 0..orgs.len() {
            if let Some(p) = orgs[i].parent {
                orgs[p.0].children.push(OrgId(i));
            }
        }
    }

    /// A longer cycle (a → b → a) would make "part of" chains endless: reported once, at the
    /// `parent` of its first organisation in the registry, and cut there. An organisation whose
    /// chain leads into a cycle without being part of it keeps its parent.
    fn break_cycles(&mut self, orgs: &mut [Org], refs: &[Refs]) {
        for i in 0..orgs.len() {
            let mut seen = vec![i];
            let mut cur = orgs[i].parent;
            while let Some(OrgId(p)) = cur {
                if seen.contains(&p) {
                    // A cycle `i` leads into is cut when its own first organisation is checked.
                    if p == i {
                        let at = refs[i]
                            .parent
                            .as_ref()
                            .map_or_else(|| Location::file(self.path), |s| self.at(s));
                        self.diags
                            .error(
                                "registry-parent-cycle",
                                at,
                                format!("the parents of `{}` form a cycle", orgs[i].id),
                            )
                            .hint("an organisation cannot be part of one of its own units; remove one `parent`");
                        orgs[i].parent = None;
                    }
                    break;
                }
                seen.push(p);
                cur = orgs[p].parent;
            }
        }
    }
}

/// How to write a website the registry refused.
fn website_hint(value: &str) -> String {
    let has_scheme = value.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric())
    });
    if has_scheme {
        "only `http://` and `https://` addresses are linked".into()
    } else {
        format!(
            "write the full address, with its scheme: `https://{}`",
            value.trim_start_matches('/')
        )
    }
}

/// Forms compare with straight apostrophes and single spaces.
fn normalise_form(form: &str) -> String {
    crate::base::text::squash(&form.replace('’', "'"))
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn parse_sample(yaml: &str) -> (Registry, String) {
        let mut d = Diagnostics::new();
        let r = parse(
            yaml,
            Path::new("data/organisations.yaml"),
            Path::new("organisations"),
            &mut d,
        );
        d.sort();
        (r, d.render())
    }

    #[test]
    fn only_an_id_and_a_name_are_required() {
        let (r, d) =
            parse_sample("organisations:\n  - {id: wto, name: World Trade Organization}\n");
        assert_eq!(d, "0 errors, 0 warnings");
        let org = r.directory.org(OrgId(0));
        assert_eq!((org.kind, org.groups.len()), (None, 0));
        assert_eq!(
            r.locations[0],
            Location::at("data/organisations.yaml", 2, 10)
        );
    }

    #[test]
    fn kinds_and_groups_are_declared_data() {
        let (r, d) = parse_sample(
            "kinds:
  - {id: agency, label: Specialized agency, plural: Specialized agencies}
  - {id: office, label: Office}
groups:
  - {id: board, name: Executive Board, member: Member, summary: '{count} sat on it.'}
organisations:
  - {id: a, name: A, kind: agency, groups: [board]}
  - {id: b, name: B, kind: office, parent: a}
",
        );
        assert_eq!(d, "0 errors, 0 warnings");
        let dir = &r.directory;
        assert_eq!(dir.kinds[1].plural, "Offices");
        assert_eq!(
            (dir.groups[0].column.as_str(), dir.groups[0].marker.as_str()),
            ("Executive Board", "Member")
        );
        assert_eq!(dir.org(OrgId(0)).groups, [0]);
        assert_eq!(dir.org(OrgId(0)).children, [OrgId(1)]);
        assert_eq!(dir.org(OrgId(1)).kind, Some(1));
    }

    #[test]
    fn errors_are_located_in_the_registry_file() {
        let yaml = "kinds:
  - {id: agency, label: Agency}
groups:
  - {id: board, name: Board, member: Member, summary: '{members} sat'}
organisations:
  - id: ilo
    name: International Labour Organization
    acronym: ILO
    kind: agncy
  - id: ilo
    name: Duplicate
  - id: itc
    name: ITC
    acronym: ILO
    parent: ilx
    groups: [bord]
    website: javascript:alert(1)
  - id: Bad Id
    name: x
";
        let (_, d) = parse_sample(yaml);
        assert_eq!(
            d,
            "data/organisations.yaml:4:55: error: the summary of group `board` has an unknown placeholder `{members}` [registry-placeholder]
  = hint: it may use `{count}`, the number of members
data/organisations.yaml:9:11: error: kind `agncy` of `ilo` is not declared in the registry [registry-unknown-kind]
  = hint: did you mean `agency`?
data/organisations.yaml:10:9: error: id `ilo` is used twice [registry-duplicate-id]
  = hint: the first entry with this id is `International Labour Organization`; ids must be unique
data/organisations.yaml:14:14: error: form `ILO` of `itc` is already claimed by `ilo` [registry-form-conflict]
  = hint: a spelling can link to one organisation only; remove it from one entry (the other is at line 8)
data/organisations.yaml:15:13: error: parent `ilx` of `itc` is not in the registry [registry-unknown-parent]
  = hint: did you mean `ilo`?
data/organisations.yaml:16:14: error: group `bord` of `itc` is not declared in the registry [registry-unknown-group]
  = hint: did you mean `board`?
data/organisations.yaml:17:14: error: website `javascript:alert(1)` of `itc` is not an http(s) URL [registry-bad-url]
  = hint: only `http://` and `https://` addresses are linked
data/organisations.yaml:18:9: error: id `Bad Id` is not a lower-case slug [registry-bad-id]
  = hint: use lower-case letters, digits and `-`, e.g. `regional-office`
8 errors, 0 warnings"
        );
    }

    #[test]
    fn unknown_keys_are_errors_with_a_hint() {
        let (_, d) = parse_sample("organisations:\n  - id: a\n    name: A\n    webiste: x\n");
        assert!(
            d.starts_with("data/organisations.yaml:4:5: error: unknown key `webiste`"),
            "{d}"
        );
        assert!(d.contains("did you mean `website`?"), "{d}");
    }

    #[test]
    fn parent_cycles_are_errors() {
        let (r, d) = parse_sample(
            "organisations:
  - {id: a, name: A, parent: b}
  - {id: b, name: B, parent: a}
",
        );
        assert!(d.contains("error: the parents of `a` form a cycle"), "{d}");
        assert!(
            r.directory
                .orgs
                .iter()
                .all(|o| o.parent.is_none() || o.id == "b")
        );
    }

    #[test]
    fn two_groups_and_two_kinds_keep_their_own_words_and_ids_stay_unique_per_sort() {
        let (r, d) = parse_sample(
            "kinds:
  - {id: agency, label: Agency}
  - {id: fund, label: Fund, plural: Funds and programmes}
  - {id: agency, label: Again}
groups:
  - {id: board, name: Executive Board, member: Member}
  - id: council
    name: Council
    member: Sits on it
    non-member: Does not sit
    column: On the council
    marker: Yes
  - {id: board, name: Second board, member: M}
organisations:
  - {id: board, name: Board Org, kind: fund, groups: [council, board]}
  - {id: b, name: B, groups: [council]}
",
        );
        assert_eq!(
            d,
            "data/organisations.yaml:4:10: error: id `agency` is used twice [registry-duplicate-id]
  = hint: the first kind with this id is `Agency`; ids must be unique
data/organisations.yaml:13:10: error: id `board` is used twice [registry-duplicate-id]
  = hint: the first group with this id is `Executive Board`; ids must be unique
2 errors, 0 warnings"
        );
        let dir = &r.directory;
        let kinds: Vec<_> = dir
            .kinds
            .iter()
            .map(|k| (k.id.as_str(), k.label.as_str(), k.plural.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                ("agency", "Agency", "Agencys"),
                ("fund", "Fund", "Funds and programmes")
            ]
        );
        assert_eq!(
            dir.groups[1],
            Group {
                id: "council".into(),
                name: "Council".into(),
                member: "Sits on it".into(),
                non_member: Some("Does not sit".into()),
                column: "On the council".into(),
                marker: "Yes".into(),
                summary: None,
            }
        );
        assert_eq!(dir.groups.len(), 2);
        // An organisation may share an id with a group: ids are unique per sort.
        assert_eq!(dir.org(OrgId(0)).groups, [1, 0]);
        assert_eq!(dir.org(OrgId(0)).kind, Some(1));
        assert_eq!(dir.org(OrgId(1)).groups, [1]);
    }

    #[test]
    fn forms_are_the_other_spellings_each_claimed_once() {
        let (r, d) = parse_sample(
            "organisations:
  - id: wf
    name: Women’s Fund
    acronym: WF
    forms: [WF, Fund for Women, 'Women’s Fund', Fund for Women, ' Padded ', '']
  - {id: other, name: Women's  Fund, forms: [Fund  for Women]}
",
        );
        assert_eq!(
            d,
            "data/organisations.yaml:5:13: warning: form `WF` is listed twice for `wf` [registry-repeated-form]
  = hint: list each spelling once
data/organisations.yaml:5:33: warning: form `Women’s Fund` is listed twice for `wf` [registry-repeated-form]
  = hint: list each spelling once
data/organisations.yaml:5:49: warning: form `Fund for Women` is listed twice for `wf` [registry-repeated-form]
  = hint: list each spelling once
data/organisations.yaml:5:65: error: form ` Padded ` of `wf` is empty or has surrounding spaces [registry-bad-form]
  = hint: spellings are matched exactly: remove the spaces, or the empty entry
data/organisations.yaml:5:77: error: form `` of `wf` is empty or has surrounding spaces [registry-bad-form]
  = hint: spellings are matched exactly: remove the spaces, or the empty entry
data/organisations.yaml:6:23: error: form `Women's  Fund` of `other` is already claimed by `wf` [registry-form-conflict]
  = hint: a spelling can link to one organisation only; remove it from one entry (the other is at line 3)
data/organisations.yaml:6:46: error: form `Fund  for Women` of `other` is already claimed by `wf` [registry-form-conflict]
  = hint: a spelling can link to one organisation only; remove it from one entry (the other is at line 5)
4 errors, 3 warnings"
        );
        let wf = r.directory.org(OrgId(0));
        assert_eq!(
            (wf.name.as_str(), wf.acronym.as_deref(), &wf.forms[..]),
            (
                "Women’s Fund",
                Some("WF"),
                &["Fund for Women".to_string()][..]
            )
        );
        assert!(r.directory.org(OrgId(1)).forms.is_empty());
    }

    #[test]
    fn parents_make_children_and_every_cycle_is_cut() {
        let (r, d) = parse_sample(
            "organisations:
  - {id: un, name: United Nations}
  - {id: dpi, name: Department, parent: un}
  - {id: unic, name: Information Centre, parent: ' dpi '}
  - {id: self, name: Self, parent: self}
  - {id: w, name: W, parent: x}
  - {id: x, name: X, parent: y}
  - {id: y, name: Y, parent: z}
  - {id: z, name: Z, parent: x}
",
        );
        assert_eq!(
            d,
            "data/organisations.yaml:5:36: error: `self` is its own parent [registry-parent-cycle]
  = hint: `parent` names the larger organisation this one is part of; remove it
data/organisations.yaml:7:30: error: the parents of `x` form a cycle [registry-parent-cycle]
  = hint: an organisation cannot be part of one of its own units; remove one `parent`
2 errors, 0 warnings"
        );
        let dir = &r.directory;
        let parents: Vec<_> = dir.orgs.iter().map(|o| o.parent).collect();
        // The cycle x → y → z → x is reported once and cut at its first entry, x; w, which
        // leads into it without being part of it, keeps its parent.
        assert_eq!(
            parents,
            [
                None,
                Some(OrgId(0)),
                Some(OrgId(1)),
                None,
                Some(OrgId(5)),
                None,
                Some(OrgId(7)),
                Some(OrgId(5))
            ]
        );
        assert_eq!(dir.org(OrgId(0)).children, [OrgId(1)]);
        assert_eq!(dir.org(OrgId(1)).children, [OrgId(2)]);
        assert_eq!(dir.org(OrgId(5)).children, [OrgId(4), OrgId(7)]);
        assert!(dir.org(OrgId(3)).children.is_empty());
    }

    #[test]
    fn a_website_is_an_http_address_and_the_hint_says_how_to_write_it() {
        let (r, d) = parse_sample(
            "organisations:
  - {id: a, name: A, website: https://a.example/}
  - {id: b, name: B, website: //www.b.example}
  - {id: c, name: C, website: ftp://c.example}
  - {id: d, name: D, website: 'x y:z'}
",
        );
        assert_eq!(
            d,
            "data/organisations.yaml:3:31: error: website `//www.b.example` of `b` is not an http(s) URL [registry-bad-url]
  = hint: write the full address, with its scheme: `https://www.b.example`
data/organisations.yaml:4:31: error: website `ftp://c.example` of `c` is not an http(s) URL [registry-bad-url]
  = hint: only `http://` and `https://` addresses are linked
data/organisations.yaml:5:31: error: website `x y:z` of `d` is not an http(s) URL [registry-bad-url]
  = hint: write the full address, with its scheme: `https://x y:z`
3 errors, 0 warnings"
        );
        assert_eq!(
            r.directory.org(OrgId(0)).website.as_deref(),
            Some("https://a.example/")
        );
        assert_eq!(r.directory.org(OrgId(1)).website, None);
    }

    #[test]
    fn a_registry_of_comments_only_lists_no_organisation() {
        let (r, d) = parse_sample("# organisations to come\n\n   \n");
        assert_eq!(
            d,
            "data/organisations.yaml: error: the organisation registry lists no organisation [registry-empty]
  = hint: list the organisations under `organisations:` (see README.md, \"Organisations\"), or set `enable = false` under `[preprocessor.report.organisations]` in book.toml
1 error, 0 warnings"
        );
        assert!(r.directory.orgs.is_empty());
        assert!(r.directory.failed.is_some());
        // Not blank: the YAML's own error.
        let (_, d) = parse_sample("# a comment\norganisations: [\n");
        assert!(d.contains("[registry-yaml]"), "{d}");
    }

    #[test]
    fn a_registry_that_cannot_be_read_says_how_to_create_or_switch_it_off() {
        let dir = tempfile::tempdir().unwrap();
        let mut d = Diagnostics::new();
        let r = load(
            dir.path(),
            Path::new("data/orgs.yaml"),
            Path::new("organisations"),
            &mut d,
        );
        assert!(r.directory.failed.is_some());
        let text = d.render();
        assert!(
            text.starts_with("data/orgs.yaml: error: cannot read the organisation registry: "),
            "{text}"
        );
        assert!(
            text.contains("= hint: create it (see README.md, \"Organisations\"), set `registry` under `[preprocessor.report.organisations]` in book.toml to its path, or set `enable = false` there"),
            "{text}"
        );
        std::fs::create_dir(dir.path().join("data")).unwrap();
        std::fs::write(
            dir.path().join("data/orgs.yaml"),
            b"organisations:\n  - {id: a, name: \"caf\xe9\"}\n",
        )
        .unwrap();
        let mut d = Diagnostics::new();
        load(
            dir.path(),
            Path::new("data/orgs.yaml"),
            Path::new("o"),
            &mut d,
        );
        let text = d.render();
        assert!(
            text.contains("= hint: save the file as UTF-8 (the character here was written in another encoding)"),
            "{text}"
        );
        std::fs::write(
            dir.path().join("data/orgs.yaml"),
            "organisations:\n  - {id: a, name: A}\n",
        )
        .unwrap();
        let mut d = Diagnostics::new();
        let r = load(
            dir.path(),
            Path::new("data/orgs.yaml"),
            Path::new("o"),
            &mut d,
        );
        assert_eq!(
            (d.render().as_str(), r.directory.orgs.len()),
            ("0 errors, 0 warnings", 1)
        );
        let mut d = Diagnostics::new();
        let r = load(
            dir.path(),
            Path::new("../orgs.yaml"),
            Path::new("o"),
            &mut d,
        );
        assert!(d.render().contains("[config-path]"), "{}", d.render());
        assert!(r.directory.failed.is_some());
    }
}
