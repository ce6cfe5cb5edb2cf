//! The generated "Documents cited" page: every document the text cites by symbol, in symbol
//! order, with its title where the text gives one, how the text cites it and every place that
//! does, linked to the paragraph; then the endnotes' web addresses with their archived copies.
//! The page is written from the same data as `documents.json`
//! ([`crate::outputs::exports::documents`]), and links to it; it is rendered from the template
//! `documents` ([`super::templates`]).

use super::templates::Templates;
use crate::base::diagnostics::Diagnostics;
use crate::base::html;
use crate::base::text::plural;
use crate::config::Config;
use crate::features::documents::Documents;
use crate::features::documents::archive::DateFrom;
use crate::model::{ChapterId, Model, generated_chapter};
use crate::outputs::exports::documents::{self as export, Export};
use mdbook_preprocessor::book::Chapter;
use serde_json::{Value, json};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

/// Builds the page from the findings and their export (`data`).
pub(crate) fn chapter(
    docs: &Documents,
    model: &Model,
    cfg: &Config,
    data: &Export,
    templates: &Templates,
    diags: &mut Diagnostics,
) -> Chapter {
    let page = &docs.page;
    let title = &cfg.documents.title;
    let n = docs.documents.len();
    let introduction = cfg.phrase(
        &cfg.documents.introduction,
        &[
            ("count", &n.to_string()),
            ("documents", &plural(n, "document")),
        ],
    );
    let documents: Vec<Value> = docs
        .documents
        .iter()
        .zip(&data.documents)
        .map(|(doc, entry)| document(doc, entry, model, page, cfg))
        .collect();
    let mut values = json!({
        "title": title,
        "introduction": introduction,
        "linked": !cfg.documents.link.trim().is_empty(),
        "json": export::file_href(page),
        "documents": documents,
    });
    if let Some(outside) = outside(docs, model, cfg) {
        values["outside"] = outside;
    }
    if !docs.archived.is_empty() {
        let list: Vec<Value> = docs
            .archived
            .iter()
            .zip(&data.archived)
            .map(|(copy, entry)| {
                let ch = model.chapter(copy.chapter);
                let place = match &entry.note {
                    Some(label) => format!("{} {label}", cfg.endnotes.name),
                    None => ch.title(),
                };
                json!({
                    "address": copy.address,
                    "archive": copy.archive,
                    "day": crate::base::dates::Date::Day(copy.date).written(),
                    "from": match &copy.from {
                        DateFrom::Access => "the access date",
                        DateFrom::Document | DateFrom::Adopted(_) => "no access date",
                    },
                    "href": html::href(page, &ch.path, Some(&ch.block(copy.block).anchor)),
                    "place": place,
                })
            })
            .collect();
        values["archived"] = json!({
            "count": capitalised_plural(docs.archived.len(), "web address", "web addresses"),
            "heading": "Web addresses in the endnotes",
            "id": "documents-web-addresses",
            "document": cfg.document,
            "list": list,
        });
    }
    let body = templates.render("documents", &values, diags);
    generated_chapter(title, page, body, vec![])
}

/// How many documents ranked outside the site are listed.
const OUTSIDE_SHOWN: usize = 20;

/// In a book of many documents (more than one chapter with a `document:` part): the documents
/// outside the site, ranked by how many documents of the book cite them (then by their place
/// in the list), the first [`OUTSIDE_SHOWN`] listed; `None` otherwise.
fn outside(docs: &Documents, model: &Model, cfg: &Config) -> Option<Value> {
    let collection = model.collection()?;
    let mut ranked: Vec<(usize, &crate::features::documents::Document)> = docs
        .documents
        .iter()
        .filter(|d| d.chapter.is_none())
        .map(|d| {
            let citing: BTreeSet<ChapterId> = d
                .citations
                .iter()
                .map(|c| c.chapter)
                .filter(|c| collection.contains(c))
                .collect();
            (citing.len(), d)
        })
        .filter(|(n, _)| *n > 0)
        .collect();
    // Stable: equals keep the list's (symbol) order.
    ranked.sort_by_key(|(n, _)| std::cmp::Reverse(*n));
    let in_site = docs
        .documents
        .iter()
        .filter(|d| d.chapter.is_some())
        .count();
    let word = &cfg.document;
    let list: Vec<Value> = ranked
        .iter()
        .take(OUTSIDE_SHOWN)
        .map(|(n, d)| {
            let mut v = json!({
                "id": d.id(),
                "symbol": d.symbol,
                "documents": format!("cited by {}", plural(*n, word)),
            });
            if let Some(title) = &d.title {
                v["title"] = json!(title);
            }
            v
        })
        .collect();
    let shown = if ranked.len() > list.len() {
        format!(", the first {} listed here", list.len())
    } else {
        String::new()
    };
    Some(json!({
        "heading": "Cited most, outside the site",
        "id": "documents-outside",
        "summary": format!(
            "Of the {} cited, {} in this site and {} outside it; those outside, by how many of the {} of the book cite them{shown}.",
            plural(docs.documents.len(), "document"),
            format!("{in_site} {}", if in_site == 1 { "is" } else { "are" }),
            docs.documents.len() - in_site,
            plural(collection.len(), word),
        ),
        "list": list,
    }))
}

fn capitalised_plural(n: usize, one: &str, many: &str) -> String {
    let word = if n == 1 { one } else { many };
    crate::base::text::capitalise(&format!("{n} {word}"))
}

/// One document's entry: its symbol (linked), title, other forms and citations.
fn document(
    doc: &crate::features::documents::Document,
    entry: &export::DocumentEntry,
    model: &Model,
    page: &Path,
    cfg: &Config,
) -> Value {
    let cited_as: Vec<&str> = doc
        .cited_as()
        .into_iter()
        .filter(|c| *c != doc.symbol)
        .collect();
    // "2.1. Water", then "2.1. Water (2)" for the next citation in the same chapter.
    let mut seen: HashMap<(ChapterId, Option<&str>), usize> = HashMap::new();
    let citations: Vec<Value> = doc
        .citations
        .iter()
        .zip(&entry.citations)
        .map(|(c, e)| {
            let ch = model.chapter(c.chapter);
            let name = match &e.note {
                Some(label) => format!("{} {label}", cfg.endnotes.name),
                None => ch.title(),
            };
            let n = seen.entry((c.chapter, e.note.as_deref())).or_insert(0);
            *n += 1;
            let name = if *n == 1 {
                name
            } else {
                format!("{name} ({n})")
            };
            json!({
                "href": html::href(page, &ch.path, Some(&ch.block(c.block).anchor)),
                "name": name,
            })
        })
        .collect();
    let mut value = json!({
        "id": doc.id(),
        "symbol": doc.symbol,
        "cited_as": cited_as,
        "citations": citations,
    });
    match doc.chapter {
        // A document of the book: its chapter.
        Some(c) => {
            value["href"] = json!(html::href(page, &model.chapter(c).path, None));
            value["in_site"] = json!(true);
        }
        None => {
            if let Some(url) = &doc.url {
                value["href"] = json!(url);
            }
        }
    }
    if let Some(title) = &doc.title {
        value["title"] = json!(title);
    }
    if let Some(body) = cited_as.first().and(doc.body.as_ref()) {
        value["body"] = json!(body);
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::model;

    /// The documents' page's data for `chapters`: each document's entry and the documents
    /// outside the site.
    fn entries(chapters: &[(&str, &str)]) -> (Vec<Value>, Option<Value>) {
        let mut diags = Diagnostics::new();
        let m = model(chapters, &mut diags);
        let cfg = Config::default();
        let docs = Documents::collect(&m, &cfg.documents, None, &cfg.document, &mut diags);
        let data = export::export(&docs, &m, None, &cfg);
        let page = &docs.page;
        let list = docs
            .documents
            .iter()
            .zip(&data.documents)
            .map(|(d, e)| document(d, e, &m, page, &cfg))
            .collect();
        (list, outside(&docs, &m, &cfg))
    }

    #[test]
    fn each_citation_is_listed_by_its_chapter_numbered_within_it() {
        let (list, outside) = entries(&[
            (
                "a.md",
                "# A\n\nSee A/68/190.\n\nAnd A/68/190 again, and General Assembly resolution 68/4.\n",
            ),
            ("b.md", "# B\n\nFinally A/68/190.\n"),
        ]);
        assert_eq!(outside, None);
        assert_eq!(list.len(), 2);
        assert_eq!(list[0]["symbol"], "A/68/190");
        assert_eq!(list[0]["id"], "doc-a-68-190");
        assert_eq!(list[0]["href"], "https://undocs.org/en/A/68/190");
        assert_eq!(list[0]["cited_as"], json!([]));
        assert!(list[0].get("body").is_none() && list[0].get("in_site").is_none());
        let names: Vec<&str> = list[0]["citations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["Chapter 1", "Chapter 1 (2)", "Chapter 2"]);
        assert_eq!(list[0]["citations"][2]["href"], "b.html#p-finally-a-68-190");
        // A resolution cited by number: the other form, and the body that adopted it.
        assert_eq!(list[1]["symbol"], "A/RES/68/4");
        assert_eq!(list[1]["cited_as"], json!(["resolution 68/4"]));
        assert_eq!(list[1]["body"], "General Assembly");
    }

    #[test]
    fn in_a_collection_the_documents_outside_are_ranked_by_how_many_documents_cite_them() {
        let doc = |symbol: &str, text: &str| {
            format!(
                "---\ndocument:\n  symbol: {symbol}\n  title: T {symbol}\n---\n# {symbol}\n\n{text}\n"
            )
        };
        let (list, outside) = entries(&[
            ("one.md", &doc("A/RES/80/1", "Recalling A/80/9 and A/80/7.")),
            (
                "two.md",
                &doc(
                    "A/RES/80/2",
                    "Recalling A/80/7 and General Assembly resolution 80/1.",
                ),
            ),
            ("notes.md", "# Notes\n\nA/80/9 and A/80/9 and A/80/8.\n"),
        ]);
        let symbols: Vec<&str> = list.iter().map(|d| d["symbol"].as_str().unwrap()).collect();
        assert_eq!(symbols, ["A/80/7", "A/80/8", "A/80/9", "A/RES/80/1"]);
        assert_eq!(list[3]["in_site"], true);
        assert_eq!(list[3]["href"], "one.html");
        assert_eq!(
            outside,
            Some(json!({
                "heading": "Cited most, outside the site",
                "id": "documents-outside",
                "summary": "Of the 4 documents cited, 1 is in this site and 3 outside it; those outside, by how many of the 2 documents of the book cite them.",
                "list": [
                    {"id": "doc-a-80-7", "symbol": "A/80/7", "documents": "cited by 2 documents"},
                    {"id": "doc-a-80-9", "symbol": "A/80/9", "documents": "cited by 1 document"},
                ],
            }))
        );
    }

    #[test]
    fn past_twenty_documents_outside_the_first_twenty_are_listed_and_the_summary_says_so() {
        let cited: Vec<String> = (10..31).map(|n| format!("A/80/{n}")).collect();
        let one = format!(
            "---\ndocument:\n  symbol: A/RES/80/1\n  title: One\n---\n# One\n\nRecalling {}.\n",
            cited.join(", ")
        );
        let two = "---\ndocument:\n  symbol: A/RES/80/2\n  title: Two\n---\n# Two\n\nText.\n";
        let (_, outside) = entries(&[("one.md", &one), ("two.md", two)]);
        let outside = outside.unwrap();
        assert_eq!(
            outside["summary"],
            "Of the 21 documents cited, 0 are in this site and 21 outside it; those outside, by how many of the 2 documents of the book cite them, the first 20 listed here."
        );
        assert_eq!(outside["list"].as_array().unwrap().len(), 20);
    }

    /// The documents' page of one chapter `text`, as rendered.
    fn page(text: &str) -> Chapter {
        let mut diags = Diagnostics::new();
        let m = model(&[("a.md", text)], &mut diags);
        let cfg = Config::default();
        let docs = Documents::collect(&m, &cfg.documents, None, &cfg.document, &mut diags);
        let data = export::export(&docs, &m, None, &cfg);
        let templates = Templates::built_in();
        let page = chapter(&docs, &m, &cfg, &data, &templates, &mut diags);
        assert_eq!(diags.render(), "0 errors, 0 warnings");
        page
    }

    #[test]
    fn the_page_lists_the_documents_and_the_notes_archived_addresses_when_there_are_some() {
        let with_notes =
            page("# A\n\nSee A/68/190.[^n]\n\n[^n]: https://a.org, accessed 2 March 2030.\n");
        assert_eq!(with_notes.name, Config::default().documents.title);
        assert_eq!(with_notes.path, Some(Config::default().documents.page));
        assert!(
            with_notes.content.contains(">A/68/190</a>"),
            "{}",
            with_notes.content
        );
        assert!(
            with_notes.content.contains(
                "<a href=\"https://web.archive.org/web/20300302/https://a.org\">archived copy</a> nearest to 2 March 2030 (the access date)"
            ),
            "{}",
            with_notes.content
        );
        let without = page("# A\n\nSee A/68/190.\n");
        assert!(without.content.contains(">A/68/190</a>"));
        assert!(!without.content.contains("archived"), "{}", without.content);
    }

    #[test]
    fn counts_are_capitalised_and_plural_as_needed() {
        assert_eq!(
            capitalised_plural(1, "web address", "web addresses"),
            "1 web address"
        );
        assert_eq!(
            capitalised_plural(2, "web address", "web addresses"),
            "2 web addresses"
        );
    }
}
