//! The open data: the registry as published (`organisations.json`, `organisations.csv`), every
//! mention (`mentions.csv`), the organisation × item matrix (`agenda-matrix.csv`) and the pairs
//! of organisations named together (`network.json`); and schema.org `Organization` JSON-LD for
//! each organisation's page.
//!
//! Each file's schema is a [`Schema`] here, the one source of the CSV headers, of the JSON
//! records' fields (the structs below, read back with `deny_unknown_fields`) and of the "Data"
//! page that documents them ([`crate::outputs::pages::data`]), so the page cannot drift from the
//! files. URLs are relative to the site's root, where the files are written. CSV files are
//! written with the `csv` crate: RFC 4180's quoting, and the crate's default line end, `\n`,
//! not RFC 4180's CRLF (spreadsheets and CSV libraries read both); list-valued cells are joined
//! with `; `.
//!
//! The files are built by the preprocessor, which has the model, and handed to the post-build
//! step as finished files ([`super::hand_over`]), never embedded in a page.

use super::File;
use crate::base::html;
use crate::config::Config;
use crate::features::agenda::Agenda;
use crate::features::organisations::{Organisations, snippet};
use crate::model::orgs::Directory;
use crate::model::{Model, OrgId};
use crate::outputs::network::Network;
use crate::outputs::pages::agenda::matrix_counts;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// One column of a CSV file, or one field of a JSON record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// Its name (the CSV header, the JSON key).
    pub name: &'static str,
    /// Its type, as the Data page gives it.
    pub kind: &'static str,
    /// What it means.
    pub meaning: &'static str,
}

/// One file: its name, what it holds, and its fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schema {
    /// The file's name, at the site's root.
    pub file: &'static str,
    /// "CSV" or "JSON".
    pub format: &'static str,
    /// What one record (a row, an element of the list) is.
    pub about: &'static str,
    /// The fields of a record.
    pub fields: &'static [Field],
}

const fn f(name: &'static str, kind: &'static str, meaning: &'static str) -> Field {
    Field {
        name,
        kind,
        meaning,
    }
}

/// `organisations.csv`.
pub const ORGANISATIONS_CSV: Schema = Schema {
    file: "organisations.csv",
    format: "CSV",
    about: "One row per organisation of the registry, in the registry's order.",
    fields: ORGANISATION_FIELDS,
};

/// `organisations.json`: `{"organisations": [...]}` with these fields (lists as lists, absent
/// values as `null`).
pub const ORGANISATIONS_JSON: Schema = Schema {
    file: "organisations.json",
    format: "JSON",
    about: "An object whose list “organisations” holds one record per organisation, in the registry's order; lists are JSON lists and a missing value is null.",
    fields: ORGANISATION_FIELDS,
};

/// What an organisation's count of mentions counts.
const NAMINGS: &str =
    "how many times the text names it (a full name with its acronym in parentheses names it once)";

const ORGANISATION_FIELDS: &[Field] = &[
    f(
        "id",
        "text",
        "the organisation's id in the registry, also its page's file name",
    ),
    f("name", "text", "its full name as the text spells it"),
    f("acronym", "text, optional", "its acronym"),
    f("forms", "list of text", "other spellings the text uses"),
    f(
        "kind",
        "text, optional",
        "its kind, as the index page names it",
    ),
    f(
        "parent",
        "text, optional",
        "the id of the organisation it is part of",
    ),
    f(
        "groups",
        "list of text",
        "the groups it is a member of, by name",
    ),
    f("website", "URL, optional", "its official website"),
    f("mentions", "integer", NAMINGS),
    f("page", "URL", "its page on this site"),
];

/// `mentions.csv`.
pub const MENTIONS_CSV: Schema = Schema {
    file: "mentions.csv",
    format: "CSV",
    about: "One row per mention of an organisation, in reading order; a full name with its acronym in parentheses is one mention.",
    fields: &[
        f("organisation", "text", "the organisation's id"),
        f("chapter", "text", "the chapter's title"),
        f(
            "paragraph",
            "text",
            "the paragraph's anchor (its id on the chapter's page)",
        ),
        f("url", "URL", "the paragraph's address on this site"),
        f("snippet", "text", "the words around the mention"),
    ],
};

/// `agenda-matrix.csv`: the item columns are one per item with a chapter.
pub const AGENDA_MATRIX_CSV: Schema = Schema {
    file: "agenda-matrix.csv",
    format: "CSV",
    about: "One row per organisation named under at least one agenda item, by short name; one column per item with a chapter, headed by the item's number.",
    fields: &[
        f("organisation", "text", "the organisation's id"),
        f("name", "text", "its short name (acronym, or name)"),
        f(
            "(each item's number)",
            "integer",
            "its mentions in the item's chapter",
        ),
        f(
            "total",
            "integer",
            "its mentions in all the items' chapters",
        ),
    ],
};

/// `network.json`: `{"nodes": [...], "edges": [...]}`.
pub const NETWORK_JSON: Schema = Schema {
    file: "network.json",
    format: "JSON",
    about: "An object with a list “nodes” (one per organisation, in the registry’s order) and a list “edges” (one per pair of organisations named together, strongest first).",
    fields: &[
        f("nodes[].id", "text", "the organisation's id"),
        f("nodes[].name", "text", "its short name"),
        f("nodes[].kind", "text, optional", "its kind"),
        f("nodes[].mentions", "integer", NAMINGS),
        f("nodes[].page", "URL", "its page on this site"),
        f("edges[].source", "text", "one organisation's id"),
        f("edges[].target", "text", "the other's id"),
        f(
            "edges[].weight",
            "integer",
            "paragraphs plus meetings they share",
        ),
        f("edges[].paragraphs", "integer", "paragraphs naming both"),
        f("edges[].meetings", "integer", "meetings both organise"),
    ],
};

/// One organisation, as both `organisations` files publish it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganisationRecord {
    /// Registry id.
    pub id: String,
    /// Full name.
    pub name: String,
    /// Acronym.
    pub acronym: Option<String>,
    /// Other spellings.
    pub forms: Vec<String>,
    /// Kind (its label).
    pub kind: Option<String>,
    /// Parent's id.
    pub parent: Option<String>,
    /// Groups (their names).
    pub groups: Vec<String>,
    /// Website.
    pub website: Option<String>,
    /// Mentions.
    pub mentions: usize,
    /// Its page, from the site's root.
    pub page: String,
}

/// `organisations.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganisationsFile {
    /// Every organisation, in registry order.
    pub organisations: Vec<OrganisationRecord>,
}

/// A node of `network.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Node {
    /// Registry id.
    pub id: String,
    /// Short name.
    pub name: String,
    /// Kind (its label).
    pub kind: Option<String>,
    /// Mentions.
    pub mentions: usize,
    /// Its page.
    pub page: String,
}

/// An edge of `network.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Edge {
    /// One organisation's id.
    pub source: String,
    /// The other's.
    pub target: String,
    /// Paragraphs plus meetings.
    pub weight: usize,
    /// Paragraphs naming both.
    pub paragraphs: usize,
    /// Meetings both organise.
    pub meetings: usize,
}

/// `network.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkFile {
    /// Every organisation.
    pub nodes: Vec<Node>,
    /// Every pair, strongest first.
    pub edges: Vec<Edge>,
}

/// What the files are made of.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sources<'a> {
    /// The parsed book.
    pub model: &'a Model,
    /// The organisations.
    pub orgs: &'a Organisations,
    /// The agenda, when it has items.
    pub agenda: Option<&'a Agenda>,
    /// The pairs.
    pub network: &'a Network,
}

/// The schemas of the files [`files`] writes for these sources, in the Data page's order.
pub(crate) fn schemas(agenda: Option<&Agenda>) -> Vec<Schema> {
    let mut out = vec![ORGANISATIONS_CSV, ORGANISATIONS_JSON, MENTIONS_CSV];
    if agenda.is_some_and(|a| a.items.iter().any(|i| i.chapter.is_some())) {
        out.push(AGENDA_MATRIX_CSV);
    }
    out.push(NETWORK_JSON);
    out
}

/// Every file, finished.
pub(crate) fn files(src: Sources<'_>) -> Vec<File> {
    let dir = src.orgs.directory();
    let records = records(dir, src.network);
    let mut out = vec![
        File::new(ORGANISATIONS_CSV.file, organisations_csv(&records)),
        File::json(
            ORGANISATIONS_JSON.file,
            &OrganisationsFile {
                organisations: records,
            },
        ),
        File::new(MENTIONS_CSV.file, mentions_csv(src)),
    ];
    if let Some(csv) = src.agenda.and_then(|a| agenda_csv(a, src.orgs)) {
        out.push(File::new(AGENDA_MATRIX_CSV.file, csv));
    }
    out.push(File::json(
        NETWORK_JSON.file,
        &network_file(dir, src.network),
    ));
    out
}

fn kind_label(dir: &Directory, org: OrgId) -> Option<String> {
    dir.org(org)
        .kind
        .and_then(|k| dir.kinds.get(k))
        .map(|k| k.label.clone())
}

fn records(dir: &Directory, network: &Network) -> Vec<OrganisationRecord> {
    dir.iter()
        .map(|(i, org)| OrganisationRecord {
            id: org.id.clone(),
            name: org.name.clone(),
            acronym: org.acronym.clone(),
            forms: org.forms.clone(),
            kind: kind_label(dir, i),
            parent: org.parent.map(|p| dir.org(p).id.clone()),
            groups: org
                .groups
                .iter()
                .map(|&g| dir.groups[g].name.clone())
                .collect(),
            website: org.website.clone(),
            mentions: network.mentions.get(i.0).copied().unwrap_or(0),
            page: html::site_href(&dir.page(i), None),
        })
        .collect()
}

/// A CSV document from its header and rows.
fn csv<I, R>(header: &[&str], rows: I) -> Vec<u8>
where
    I: IntoIterator<Item = R>,
    R: IntoIterator,
    R::Item: AsRef<[u8]>,
{
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header).expect("writing to memory");
    for row in rows {
        w.write_record(row).expect("writing to memory");
    }
    w.into_inner().expect("writing to memory")
}

fn names(fields: &[Field]) -> Vec<&str> {
    fields.iter().map(|f| f.name).collect()
}

fn organisations_csv(records: &[OrganisationRecord]) -> Vec<u8> {
    let opt = |o: &Option<String>| o.clone().unwrap_or_default();
    csv(
        &names(ORGANISATION_FIELDS),
        records.iter().map(|r| {
            [
                r.id.clone(),
                r.name.clone(),
                opt(&r.acronym),
                r.forms.join("; "),
                opt(&r.kind),
                opt(&r.parent),
                r.groups.join("; "),
                opt(&r.website),
                r.mentions.to_string(),
                r.page.clone(),
            ]
        }),
    )
}

fn mentions_csv(src: Sources<'_>) -> Vec<u8> {
    let dir = src.orgs.directory();
    csv(
        &names(MENTIONS_CSV.fields),
        src.orgs.mentions.iter().map(|m| {
            let ch = src.model.chapter(m.chapter);
            let block = ch.block(m.block);
            let (before, text, after) = snippet(&block.text, m.in_block.clone(), 70);
            [
                dir.org(m.org).id.clone(),
                ch.title(),
                block.anchor.clone(),
                html::site_href(&ch.path, Some(&block.anchor)),
                format!("{before}{text}{after}"),
            ]
        }),
    )
}

fn agenda_csv(agenda: &Agenda, orgs: &Organisations) -> Option<Vec<u8>> {
    let dir = orgs.directory();
    let matrix = matrix_counts(agenda, orgs);
    if matrix.columns.is_empty() {
        return None;
    }
    let mut header = vec!["organisation".to_string(), "name".to_string()];
    header.extend(matrix.columns.iter().map(|(i, _)| i.label.clone()));
    header.push("total".into());
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    Some(csv(
        &header,
        matrix.rows.iter().map(|(o, row)| {
            let counts: Vec<usize> = row.iter().map(|c| c.map_or(0, |(k, _)| k)).collect();
            let org = dir.org(*o);
            let mut cells = vec![org.id.clone(), org.short_name().to_string()];
            cells.extend(counts.iter().map(usize::to_string));
            cells.push(counts.iter().sum::<usize>().to_string());
            cells
        }),
    ))
}

fn network_file(dir: &Directory, network: &Network) -> NetworkFile {
    NetworkFile {
        nodes: dir
            .iter()
            .map(|(i, org)| Node {
                id: org.id.clone(),
                name: org.short_name().to_string(),
                kind: kind_label(dir, i),
                mentions: network.mentions.get(i.0).copied().unwrap_or(0),
                page: html::site_href(&dir.page(i), None),
            })
            .collect(),
        edges: network
            .pairs
            .iter()
            .map(|p| Edge {
                source: dir.org(p.a).id.clone(),
                target: dir.org(p.b).id.clone(),
                weight: p.weight(),
                paragraphs: p.paragraphs.len(),
                meetings: p.meetings.len(),
            })
            .collect(),
    }
}

/// schema.org `Organization` for an organisation's page: its names, its website as `url` and
/// `sameAs` (the only identifying address the registry gives), its parent and parts, its groups
/// (`memberOf`). `@id`s are the organisations' pages, relative to this one.
pub(crate) fn organisation_json_ld(dir: &Directory, org: OrgId) -> Value {
    let o = dir.org(org);
    let here = dir.page(org);
    let reference = |other: OrgId| {
        json!({
            "@type": "Organization",
            "@id": html::href(&here, &dir.page(other), None),
            "name": dir.org(other).name,
        })
    };
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": "Organization",
        "@id": html::href(&here, &here, None),
        "name": o.name,
    });
    let mut alternate: Vec<&str> = o.acronym.iter().map(String::as_str).collect();
    alternate.extend(o.forms.iter().map(String::as_str));
    if !alternate.is_empty() {
        v["alternateName"] = json!(alternate);
    }
    if let Some(site) = &o.website {
        v["url"] = json!(site);
        v["sameAs"] = json!([site]);
    }
    if let Some(p) = o.parent {
        v["parentOrganization"] = reference(p);
    }
    if !o.children.is_empty() {
        v["subOrganization"] = json!(o.children.iter().map(|&c| reference(c)).collect::<Vec<_>>());
    }
    let groups: Vec<Value> = o
        .groups
        .iter()
        .map(|&g| json!({"@type": "Organization", "name": dir.groups[g].name}))
        .collect();
    if !groups.is_empty() {
        v["memberOf"] = json!(groups);
    }
    v
}

/// The Data page's own words for the files other outputs write.
pub(crate) fn other_files(
    cfg: &Config,
    timeline: bool,
    documents: bool,
) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if timeline {
        out.push((
            super::json::JSON_FILE,
            format!(
                "The meetings the {} describes, in date order (TimelineJS-compatible, with each meeting's id, dates, precision, organisers and paragraph).",
                cfg.document
            ),
        ));
        out.push((
            super::ics::ICS_FILE,
            "The same meetings as a calendar (iCalendar), for calendar programs.".to_string(),
        ));
    }
    if documents {
        out.push((
            super::documents::JSON_FILE,
            format!(
                "The documents the {} cites, each with its citing paragraphs, and the archived copies of the notes' web addresses.",
                cfg.document
            ),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::diagnostics::Diagnostics;
    use crate::model::testing::model;

    const REGISTRY: &str = "kinds:
  - {id: agency, label: Specialized agency, plural: Specialized agencies}
groups:
  - {id: board, name: Executive Board, member: Member}
organisations:
  - {id: un, name: United Nations, acronym: UN}
  - {id: wto, name: World Trade Organization, acronym: WTO, forms: [World Trade Org], kind: agency, parent: un, groups: [board], website: 'https://www.wto.org/'}
  - {id: ilo, name: International Labour Organization, acronym: ILO, kind: agency}
";

    /// The files for two chapters: WTO twice (once with the ILO), the UN once.
    fn files_and_directory() -> (Vec<File>, Directory) {
        let mut diags = Diagnostics::new();
        let m = model(
            &[
                (
                    "a.md",
                    "# A\n\nThe WTO and the ILO met, \"twice\".\n\nThe WTO again.\n",
                ),
                ("b.md", "# B\n\nUN work.\n"),
            ],
            &mut diags,
        );
        let cfg = Config::default();
        let orgs = crate::features::organisations::collect_with_registry(
            REGISTRY,
            &m,
            &cfg.organisations,
            &mut diags,
        );
        let network = Network::build(&orgs, None);
        let files = files(Sources {
            model: &m,
            orgs: &orgs,
            agenda: None,
            network: &network,
        });
        (files, orgs.directory().clone())
    }

    fn text(files: &[File], name: &str) -> String {
        let file = files.iter().find(|f| f.name == name).expect(name);
        String::from_utf8(file.bytes.clone()).unwrap()
    }

    #[test]
    fn the_files_list_every_organisation_mention_and_pair_counted_by_hand() {
        let (files, _) = files_and_directory();
        let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "organisations.csv",
                "organisations.json",
                "mentions.csv",
                "network.json"
            ]
        );
        assert_eq!(
            text(&files, "organisations.csv"),
            "id,name,acronym,forms,kind,parent,groups,website,mentions,page\n\
             un,United Nations,UN,,,,,,1,organisations/un.html\n\
             wto,World Trade Organization,WTO,World Trade Org,Specialized agency,un,Executive Board,https://www.wto.org/,2,organisations/wto.html\n\
             ilo,International Labour Organization,ILO,,Specialized agency,,,,1,organisations/ilo.html\n"
        );
        assert_eq!(
            text(&files, "mentions.csv"),
            "organisation,chapter,paragraph,url,snippet\n\
             wto,Chapter 1,p-the-wto-and-the-ilo-met,a.html#p-the-wto-and-the-ilo-met,\"The WTO and the ILO met, “twice”.\"\n\
             ilo,Chapter 1,p-the-wto-and-the-ilo-met,a.html#p-the-wto-and-the-ilo-met,\"The WTO and the ILO met, “twice”.\"\n\
             wto,Chapter 1,p-the-wto-again,a.html#p-the-wto-again,The WTO again.\n\
             un,Chapter 2,p-un-work,b.html#p-un-work,UN work.\n"
        );
        let json: OrganisationsFile =
            serde_json::from_str(&text(&files, "organisations.json")).unwrap();
        let mentions: Vec<(&str, usize)> = json
            .organisations
            .iter()
            .map(|o| (o.id.as_str(), o.mentions))
            .collect();
        assert_eq!(mentions, [("un", 1), ("wto", 2), ("ilo", 1)]);
        assert!(text(&files, "organisations.json").ends_with("}\n"));
        let network: NetworkFile = serde_json::from_str(&text(&files, "network.json")).unwrap();
        assert_eq!(
            network.edges,
            [Edge {
                source: "wto".into(),
                target: "ilo".into(),
                weight: 1,
                paragraphs: 1,
                meetings: 0
            }]
        );
        assert_eq!(
            network.nodes[1],
            Node {
                id: "wto".into(),
                name: "WTO".into(),
                kind: Some("Specialized agency".into()),
                mentions: 2,
                page: "organisations/wto.html".into()
            }
        );
        assert_eq!(network.nodes[0].kind, None);
    }

    #[test]
    fn the_matrix_is_described_only_when_agenda_items_have_chapters() {
        let names = |schemas: Vec<Schema>| -> Vec<&'static str> {
            schemas.iter().map(|s| s.file).collect()
        };
        assert_eq!(
            names(schemas(None)),
            [
                "organisations.csv",
                "organisations.json",
                "mentions.csv",
                "network.json"
            ]
        );
    }

    #[test]
    fn an_organisations_json_ld_names_its_parent_parts_groups_and_website() {
        let (_, dir) = files_and_directory();
        let wto = organisation_json_ld(&dir, dir.get("wto").unwrap());
        assert_eq!(
            wto,
            json!({
                "@context": "https://schema.org",
                "@type": "Organization",
                "@id": "wto.html",
                "name": "World Trade Organization",
                "alternateName": ["WTO", "World Trade Org"],
                "url": "https://www.wto.org/",
                "sameAs": ["https://www.wto.org/"],
                "parentOrganization": {"@type": "Organization", "@id": "un.html", "name": "United Nations"},
                "memberOf": [{"@type": "Organization", "name": "Executive Board"}],
            })
        );
        let un = organisation_json_ld(&dir, dir.get("un").unwrap());
        assert_eq!(
            un["subOrganization"],
            json!([{"@type": "Organization", "@id": "wto.html", "name": "World Trade Organization"}])
        );
        assert!(un.get("memberOf").is_none() && un.get("url").is_none());
        let ilo = organisation_json_ld(&dir, dir.get("ilo").unwrap());
        assert_eq!(ilo["alternateName"], json!(["ILO"]));
    }

    #[test]
    fn the_data_page_describes_the_other_outputs_files_only_when_they_are_written() {
        let cfg = Config::default();
        assert!(other_files(&cfg, false, false).is_empty());
        let names: Vec<&str> = other_files(&cfg, true, true)
            .iter()
            .map(|(n, _)| *n)
            .collect();
        assert_eq!(names, ["timeline.json", "timeline.ics", "documents.json"]);
        let (_, words) = &other_files(&cfg, false, true)[0];
        assert_eq!(
            words,
            "The documents the document cites, each with its citing paragraphs, and the archived copies of the notes' web addresses."
        );
    }

    #[test]
    fn with_chapters_for_agenda_items_the_matrix_counts_each_organisations_mentions_per_item() {
        let mut diags = Diagnostics::new();
        let m = model(
            &[
                (
                    "trade.md",
                    "---\nagenda-item: 1\n---\n# Trade\n\nThe WTO and the ILO.\n\nThe WTO.\n",
                ),
                (
                    "labour.md",
                    "---\nagenda-item: 2\n---\n# Labour\n\nThe ILO.\n",
                ),
            ],
            &mut diags,
        );
        let mut cfg = Config::default();
        cfg.agenda.items = vec!["Trade".into(), "Labour".into()];
        let orgs = crate::features::organisations::collect_with_registry(
            REGISTRY,
            &m,
            &cfg.organisations,
            &mut diags,
        );
        let agenda = Agenda::collect(&m, &cfg.agenda, &mut diags);
        assert_eq!(diags.errors(), 0, "{}", diags.render());
        let network = Network::build(&orgs, None);
        let files = files(Sources {
            model: &m,
            orgs: &orgs,
            agenda: Some(&agenda),
            network: &network,
        });
        // Rows by short name, the organisations the items' chapters name; a column per item.
        assert_eq!(
            text(&files, "agenda-matrix.csv"),
            "organisation,name,1,2,total\nilo,ILO,1,1,2\nwto,WTO,2,0,2\n"
        );
        let described: Vec<&str> = schemas(Some(&agenda)).iter().map(|s| s.file).collect();
        assert_eq!(
            described,
            [
                "organisations.csv",
                "organisations.json",
                "mentions.csv",
                "agenda-matrix.csv",
                "network.json"
            ]
        );
    }
}
