//! The open data of the real site read back and compared with its pages: `organisations.csv`
//! and `.json` (with the `csv` crate and the documented records, unknown fields refused),
//! `mentions.csv`, `agenda-matrix.csv`, `network.json`; the Data page documents each file's
//! fields; the network picture is well-formed SVG with a title and a description; each
//! organisation page carries schema.org `Organization` data and ranks its partners.

use crate::common;

use common::{page, sel, site};
use mdbook_report::data::{self as open_data, NetworkFile, OrganisationsFile};
use std::collections::HashMap;

/// A CSV file of the site: its header and rows.
fn read_csv(name: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_path(site().join(name)).unwrap();
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

fn names(schema: &open_data::Schema) -> Vec<String> {
    schema.fields.iter().map(|f| f.name.to_string()).collect()
}

/// "12 mentions in 3 chapters" on an organisation's page: 12.
fn mentions_on_page(href: &str) -> usize {
    let doc = page(href);
    let text: String = doc
        .select(&sel("h2#mentions + p"))
        .next()
        .unwrap_or_else(|| panic!("{href}: no mentions summary"))
        .text()
        .collect();
    text.split_whitespace().next().unwrap().parse().unwrap()
}

#[test]
fn the_registry_files_agree_with_each_other_and_with_the_organisation_pages() {
    let (header, rows) = read_csv("organisations.csv");
    assert_eq!(header, names(&open_data::ORGANISATIONS_CSV));
    let json: OrganisationsFile =
        serde_json::from_str(&std::fs::read_to_string(site().join("organisations.json")).unwrap())
            .expect("organisations.json has the documented fields, and only those");
    assert_eq!(rows.len(), json.organisations.len());
    assert!(rows.len() > 80, "{} organisations", rows.len());
    let (_, mentions) = read_csv("mentions.csv");
    let mut per_org: HashMap<&str, usize> = HashMap::new();
    for m in &mentions {
        *per_org.entry(m[0].as_str()).or_default() += 1;
    }
    for (row, record) in rows.iter().zip(&json.organisations) {
        assert_eq!(row[0], record.id);
        assert_eq!(row[1], record.name);
        assert_eq!(row[3], record.forms.join("; "));
        let count: usize = row[8].parse().unwrap();
        assert_eq!(count, record.mentions, "{}", record.id);
        assert_eq!(per_org.get(record.id.as_str()).copied().unwrap_or(0), count);
        assert_eq!(mentions_on_page(&record.page), count, "{}", record.page);
        assert_eq!(row[9], record.page);
    }
    let unhcr = json.organisations.iter().find(|o| o.id == "unhcr").unwrap();
    assert_eq!(unhcr.acronym.as_deref(), Some("UNHCR"));
}

#[test]
fn each_mention_row_leads_to_its_paragraph() {
    let (header, rows) = read_csv("mentions.csv");
    assert_eq!(header, names(&open_data::MENTIONS_CSV));
    let mut pages = HashMap::new();
    for row in &rows {
        let (file, id) = row[3].split_once('#').unwrap();
        assert_eq!(id, row[2]);
        let doc = pages.entry(file.to_string()).or_insert_with(|| page(file));
        assert!(
            doc.select(&sel(&format!("[id='{id}']"))).next().is_some(),
            "{}",
            row[3]
        );
        assert!(!row[4].is_empty());
    }
}

#[test]
fn the_agenda_matrix_file_has_the_pages_totals() {
    let (header, rows) = read_csv("agenda-matrix.csv");
    assert_eq!(header[..2], ["organisation", "name"]);
    assert_eq!(header.last().unwrap(), "total");
    assert_eq!(header.len(), 2 + 8 + 1, "{header:?}");
    let agenda = page("agenda.html");
    let page_rows: Vec<(String, Vec<String>)> = agenda
        .select(&sel("table.agenda-matrix tbody tr"))
        .map(|tr| {
            let name = tr.select(&sel("th")).next().unwrap().text().collect();
            let cells = tr
                .select(&sel("td"))
                .map(|td| td.value().attr("data-count").unwrap().to_string())
                .collect();
            (name, cells)
        })
        .collect();
    assert_eq!(rows.len(), page_rows.len());
    for (row, (name, cells)) in rows.iter().zip(&page_rows) {
        assert_eq!(&row[1], name);
        assert_eq!(&row[2..], &cells[..], "{name}");
        let sum: usize = row[2..row.len() - 1]
            .iter()
            .map(|c| c.parse::<usize>().unwrap())
            .sum();
        assert_eq!(row.last().unwrap(), &sum.to_string());
    }
    // Shaded, the strongest shade on the largest count.
    let max = rows
        .iter()
        .flat_map(|r| {
            r[2..r.len() - 1]
                .iter()
                .map(|c| c.parse::<usize>().unwrap())
        })
        .max()
        .unwrap();
    let strongest = agenda
        .select(&sel(&format!("td.heat-5[data-count='{max}']")))
        .count();
    assert!(strongest >= 1);
}

#[test]
fn the_network_file_the_table_and_the_picture_agree() {
    let net: NetworkFile =
        serde_json::from_str(&std::fs::read_to_string(site().join("network.json")).unwrap())
            .expect("network.json has the documented fields, and only those");
    assert!(net.edges.len() > 100, "{} pairs", net.edges.len());
    for e in &net.edges {
        assert_eq!(e.weight, e.paragraphs + e.meetings);
    }
    assert!(net.edges.windows(2).all(|w| w[0].weight >= w[1].weight));
    let doc = page("network.html");
    let rows: Vec<Vec<String>> = doc
        .select(&sel("table.network-table tbody tr"))
        .map(|tr| {
            tr.select(&sel("th, td"))
                .map(|c| c.text().collect::<String>())
                .collect()
        })
        .collect();
    let short: HashMap<&str, &str> = net
        .nodes
        .iter()
        .map(|n| (n.id.as_str(), n.name.as_str()))
        .collect();
    assert!(!rows.is_empty());
    for (row, e) in rows.iter().zip(&net.edges) {
        assert_eq!(row[0], short[e.source.as_str()]);
        assert_eq!(row[1], short[e.target.as_str()]);
        assert_eq!(row[4], e.weight.to_string());
    }
    // The picture, as the built page has it, is well-formed XML with a title and a description.
    let html = std::fs::read_to_string(site().join("network.html")).unwrap();
    let start = html.find("<svg class=\"network\"").unwrap();
    let end = html[start..].find("</svg>").unwrap() + start + "</svg>".len();
    let svg = roxmltree::Document::parse(&html[start..end]).expect("well-formed SVG");
    let root = svg.root_element();
    for child in ["title", "desc"] {
        let text = root
            .children()
            .find(|n| n.tag_name().name() == child)
            .and_then(|n| n.text())
            .unwrap_or_default();
        assert!(text.len() > 5, "no {child}");
    }
    let links: Vec<&str> = svg
        .descendants()
        .filter(|n| n.tag_name().name() == "a")
        .map(|n| n.attribute("href").unwrap())
        .collect();
    assert_eq!(
        links.len(),
        net.nodes.iter().filter(|n| n.mentions > 0).count()
    );
    for href in links {
        assert!(site().join(href).is_file(), "{href}");
    }
}

#[test]
fn the_data_page_documents_every_file_it_links() {
    let doc = page("data.html");
    for schema in [
        open_data::ORGANISATIONS_CSV,
        open_data::ORGANISATIONS_JSON,
        open_data::MENTIONS_CSV,
        open_data::AGENDA_MATRIX_CSV,
        open_data::NETWORK_JSON,
    ] {
        let id = format!("data-{}", schema.file.replace('.', "-"));
        let fields: Vec<String> = doc
            .select(&sel(&format!("h2#{id} + div table tbody th")))
            .map(|th| th.text().collect())
            .collect();
        assert_eq!(fields, names(&schema), "{}", schema.file);
        assert!(site().join(schema.file).is_file(), "{}", schema.file);
    }
    for a in doc.select(&sel("main a[download]")) {
        let href = a.value().attr("href").unwrap();
        assert!(site().join(href).is_file(), "{href}");
    }
}

#[test]
fn an_organisation_page_carries_its_schema_org_data_and_ranks_its_partners() {
    let doc = page("agencies/ilo.html");
    let json: serde_json::Value = serde_json::from_str(
        &doc.select(&sel("script[type='application/ld+json']"))
            .next()
            .expect("JSON-LD")
            .text()
            .collect::<String>(),
    )
    .unwrap();
    assert_eq!(json["@type"], "Organization");
    assert_eq!(json["name"], "International Labour Organization");
    assert_eq!(json["sameAs"][0], json["url"]);
    let partners: Vec<String> = doc
        .select(&sel("ol.org-partners > li"))
        .map(|li| li.text().collect())
        .collect();
    assert!(partners.len() >= 5, "{partners:?}");
    // Ranked: the first shares at least as much as the last.
    let count = |s: &str| -> usize {
        s.split(": ")
            .nth(1)
            .unwrap()
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    assert!(count(&partners[0]) >= count(partners.last().unwrap()));
}
