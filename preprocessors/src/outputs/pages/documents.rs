//! The generated "Documents cited" page: every document the text cites by symbol, in symbol
//! order, with its title where the text gives one, how the text cites it and every place that
//! does, linked to the paragraph; then the endnotes' web addresses with their archived copies.
//! The page is written from the same data as `documents.json`
//! ([`crate::outputs::exports::documents`]), and links to it.

use crate::base::html;
use crate::base::text::plural;
use crate::features::documents::Documents;
use crate::model::config::Config;
use crate::model::{Model, generated_chapter};
use crate::outputs::exports::documents::{self as export, Export};
use mdbook_preprocessor::book::Chapter;
use std::collections::HashMap;
use std::fmt::Write;
use std::path::Path;

/// Builds the page from the findings and their export (`data`).
pub fn chapter(docs: &Documents, model: &Model, cfg: &Config, data: &Export) -> Chapter {
    let page = &docs.page;
    let title = &cfg.documents.title;
    let mut out = format!("# {}\n\n", html::text(title));
    let n = docs.documents.len();
    let first = cfg.phrase(
        &cfg.documents.introduction,
        &[
            ("count", &n.to_string()),
            ("documents", &plural(n, "document")),
        ],
    );
    let linked = if cfg.documents.link.trim().is_empty() {
        ""
    } else {
        " Each symbol links to its document;"
    };
    let _ = write!(
        out,
        "<div class=\"documents-intro report-generated\" id=\"documents-intro\">\n\
         <p>{first}{linked} each “Cited in” link goes to the paragraph that cites it.</p>\n",
        first = html::text(&first),
    );
    if !docs.archived.is_empty() {
        let _ = writeln!(
            out,
            "<p>{} in the endnotes have archived copies, listed <a href=\"#documents-web-addresses\">below the documents</a>, for when an address no longer answers.</p>",
            html::text(&capitalised_plural(
                docs.archived.len(),
                "web address",
                "web addresses"
            ))
        );
    }
    let _ = writeln!(
        out,
        "<p>Download the list: <a href=\"{}\">data file (JSON)</a>.</p>\n</div>\n",
        html::attr(&export::file_href(page))
    );
    if !docs.documents.is_empty() {
        out.push_str("<ol class=\"documents-list\">\n");
        for (doc, entry) in docs.documents.iter().zip(&data.documents) {
            out.push_str(&document(doc, entry, model, page, cfg));
        }
        out.push_str("</ol>\n\n");
    }
    if !docs.archived.is_empty() {
        let _ = writeln!(
            out,
            "## Web addresses in the endnotes {{#documents-web-addresses}}\n\n\
             <p class=\"report-generated\">Each links to the web archive’s copy nearest to the \
             note’s access date or, for a note without one, to the {}’s date.</p>\n\n\
             <ol class=\"archived-list\">",
            html::text(&cfg.document)
        );
        for (copy, entry) in docs.archived.iter().zip(&data.archived) {
            let ch = model.chapter(copy.chapter);
            let place = match &entry.note {
                Some(label) => format!("{} {label}", cfg.endnotes.name),
                None => ch.title(),
            };
            let from = match copy.from {
                crate::features::documents::archive::DateFrom::Access => "the access date",
                crate::features::documents::archive::DateFrom::Document => "no access date",
            };
            let _ = writeln!(
                out,
                "<li><a class=\"archived-address\" href=\"{address}\">{address_text}</a><br>\
                 <a href=\"{archive}\">archived copy</a> nearest to {day} ({from}) · \
                 <a href=\"{note}\">{place}</a></li>",
                address = html::attr(&copy.address),
                address_text = html::text(&copy.address),
                archive = html::attr(&copy.archive),
                day = crate::base::dates::Date::Day(copy.date).written(),
                note = html::attr(&html::href(
                    page,
                    &ch.path,
                    Some(&ch.block(copy.block).anchor)
                )),
                place = html::text(&place),
            );
        }
        out.push_str("</ol>\n");
    }
    generated_chapter(title, page, out, vec![])
}

fn capitalised_plural(n: usize, one: &str, many: &str) -> String {
    let word = if n == 1 { one } else { many };
    crate::base::text::capitalise(&format!("{n} {word}"))
}

fn document(
    doc: &crate::features::documents::Document,
    entry: &export::DocumentEntry,
    model: &Model,
    page: &Path,
    cfg: &Config,
) -> String {
    let symbol = match &doc.url {
        Some(url) => format!(
            "<a class=\"document-symbol\" href=\"{}\">{}</a>",
            html::attr(url),
            html::text(&doc.symbol)
        ),
        None => format!(
            "<span class=\"document-symbol\">{}</span>",
            html::text(&doc.symbol)
        ),
    };
    let mut out = format!(
        "<li class=\"document-entry\" id=\"{}\">\n<p class=\"document-head\">{symbol}",
        doc.id()
    );
    if let Some(title) = &doc.title {
        let _ = write!(
            out,
            " <span class=\"document-title\">{}</span>",
            html::text(title)
        );
    }
    out.push_str("</p>\n<p class=\"document-cited\">");
    let other: Vec<String> = doc
        .cited_as()
        .into_iter()
        .filter(|c| *c != doc.symbol)
        .map(|c| format!("“{}”", html::text(c)))
        .collect();
    if !other.is_empty() {
        let _ = write!(out, "Cited as {}", other.join(", "));
        if let Some(body) = &doc.body {
            let _ = write!(out, " ({})", html::text(body));
        }
        out.push_str(". ");
    }
    out.push_str("Cited in: ");
    // "2.1. Water", then "2.1. Water (2)" for the next citation in the same chapter.
    let mut seen: HashMap<(usize, Option<&str>), usize> = HashMap::new();
    for (k, (c, e)) in doc.citations.iter().zip(&entry.citations).enumerate() {
        let ch = model.chapter(c.chapter);
        let name = match &e.note {
            Some(label) => format!("{} {label}", cfg.endnotes.name),
            None => ch.title(),
        };
        let n = seen
            .entry((c.chapter.index(), e.note.as_deref()))
            .or_insert(0);
        *n += 1;
        let name = if *n == 1 {
            name
        } else {
            format!("{name} ({n})")
        };
        if k > 0 {
            out.push_str(" · ");
        }
        let _ = write!(
            out,
            "<a href=\"{}\">{}</a>",
            html::attr(&html::href(page, &ch.path, Some(&ch.block(c.block).anchor))),
            html::text(&name)
        );
    }
    out.push_str("</p>\n</li>\n");
    out
}
