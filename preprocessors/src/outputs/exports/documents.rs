//! `documents.json`: the documents cited and the endnotes' archived addresses, as data.
//!
//! Built once by the preprocessor, which writes the "Documents cited" page from it and hands
//! the file to the post-build step ([`super::hand_over`]), as the timeline's exports: the file
//! is the page's own data.
//!
//! Schema (`?` marks a field that may be absent or `null`):
//!
//! ```text
//! {
//!   "title": "Documents cited",
//!   "page": "documents.html",                the page, from the site root
//!   "documents": [ {                         in symbol order (numbers as numbers)
//!     "symbol":   "A/RES/85/131",
//!     "url"?:     "https://undocs.org/en/A/RES/85/131",   none when `link` is empty
//!     "title"?:   "Water for all",           where the text gives it
//!     "body"?:    "General Assembly",        a resolution cited by number
//!     "cited_as": ["resolution 85/131"],     how the text writes it, in order of first use
//!     "citations": [ {
//!       "chapter":  { "title": "2.1. Water", "url": "water.html" },
//!       "url":      "water.html#p-the-assembly-adopted",   the paragraph
//!       "note"?:    "iv",                    the endnote's label, for a citation in a note
//!       "cited_as": "resolution 85/131"
//!     } ]
//!   } ],
//!   "archived": [ {                          the endnotes' web addresses, in reading order
//!     "address":   "https://example.org/report.pdf",
//!     "archive":   "https://web.archive.org/web/20300214/https://example.org/report.pdf",
//!     "date":      "2030-02-14",             the day asked of the archive
//!     "date_from": "access" | "document",    the note's access date, or the document's date
//!     "note"?:     "iv",
//!     "url":       "notes.html#p-…"          the note's paragraph
//!   } ]
//! }
//! ```
//!
//! URLs of the site are relative to its root, where `documents.json` is written.

use super::File;
use crate::base::html;
use crate::config::Config;
use crate::features::documents::Documents;
use crate::features::documents::archive::DateFrom;
use crate::features::endnotes::Endnotes;
use crate::model::{BlockId, ChapterId, Model};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;

/// The file name, at the site root.
pub(crate) const JSON_FILE: &str = "documents.json";

/// The whole export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Export {
    /// The page's title.
    pub title: String,
    /// The page's URL from the site root.
    pub page: String,
    /// The documents.
    pub documents: Vec<DocumentEntry>,
    /// The archived addresses.
    pub archived: Vec<ArchivedEntry>,
}

/// One document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct DocumentEntry {
    /// The canonical symbol.
    pub symbol: String,
    /// Where the document is.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub url: Option<String>,
    /// Its title, where the text gives it.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub title: Option<String>,
    /// The body, for a resolution cited by number.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub body: Option<String>,
    /// How the text writes it.
    pub cited_as: Vec<String>,
    /// Where.
    pub citations: Vec<CitationEntry>,
}

/// A chapter, for readers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ChapterRef {
    /// "2.1. Water".
    pub title: String,
    /// From the site root.
    pub url: String,
}

/// One citation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct CitationEntry {
    /// The chapter.
    pub chapter: ChapterRef,
    /// The paragraph, from the site root.
    pub url: String,
    /// The endnote's label.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub note: Option<String>,
    /// How the text writes it there.
    pub cited_as: String,
}

/// One archived address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ArchivedEntry {
    /// The address as the note gives it.
    pub address: String,
    /// The archived copy.
    pub archive: String,
    /// The day asked of the archive, `YYYY-MM-DD`.
    pub date: String,
    /// `access` or `document`.
    pub date_from: String,
    /// The endnote's label.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub note: Option<String>,
    /// The note's paragraph, from the site root.
    pub url: String,
}

/// Endnote labels by key, and the chapter that defines them.
struct Labels<'a> {
    chapter: Option<ChapterId>,
    by_key: HashMap<&'a str, &'a str>,
}

impl<'a> Labels<'a> {
    fn new(endnotes: Option<&'a Endnotes>) -> Labels<'a> {
        Labels {
            chapter: endnotes.and_then(|e| e.chapter),
            by_key: endnotes
                .map(|e| {
                    e.notes
                        .iter()
                        .map(|n| (n.key.as_str(), n.label.as_str()))
                        .collect()
                })
                .unwrap_or_default(),
        }
    }

    /// The label of the note paragraph `b` of chapter `c` belongs to.
    fn of(&self, model: &Model, c: ChapterId, b: BlockId) -> Option<String> {
        if self.chapter != Some(c) {
            return None;
        }
        let key = model.chapter(c).block(b).in_footnote.as_deref()?;
        self.by_key.get(key).map(|l| l.to_string())
    }
}

/// The export of `docs`; `endnotes` labels the citations in notes.
pub(crate) fn export(
    docs: &Documents,
    model: &Model,
    endnotes: Option<&Endnotes>,
    cfg: &Config,
) -> Export {
    let labels = Labels::new(endnotes);
    let paragraph = |c: ChapterId, b: BlockId| {
        let ch = model.chapter(c);
        html::site_href(&ch.path, Some(&ch.block(b).anchor))
    };
    let documents = docs
        .documents
        .iter()
        .map(|d| DocumentEntry {
            symbol: d.symbol.clone(),
            url: d.url.clone(),
            title: d.title.clone(),
            body: d.body.clone(),
            cited_as: d.cited_as().into_iter().map(String::from).collect(),
            citations: d
                .citations
                .iter()
                .map(|c| {
                    let ch = model.chapter(c.chapter);
                    CitationEntry {
                        chapter: ChapterRef {
                            title: ch.title(),
                            url: html::site_href(&ch.path, None),
                        },
                        url: paragraph(c.chapter, c.block),
                        note: labels.of(model, c.chapter, c.block),
                        cited_as: c.cited_as.clone(),
                    }
                })
                .collect(),
        })
        .collect();
    let archived = docs
        .archived
        .iter()
        .map(|a| ArchivedEntry {
            address: a.address.clone(),
            archive: a.archive.clone(),
            date: a.date.format("%Y-%m-%d").to_string(),
            date_from: match &a.from {
                DateFrom::Access => "access",
                DateFrom::Document | DateFrom::Adopted(_) => "document",
            }
            .into(),
            note: labels.of(model, a.chapter, a.block),
            url: paragraph(a.chapter, a.block),
        })
        .collect();
    Export {
        title: cfg.documents.title.clone(),
        page: html::site_href(&docs.page, None),
        documents,
        archived,
    }
}

/// The file, `documents.json`.
pub(crate) fn file(export: &Export) -> File {
    File::json(JSON_FILE, export)
}

/// The site-root URL of the JSON file as seen from `page`.
pub(crate) fn file_href(page: &Path) -> String {
    html::relative(page, Path::new(JSON_FILE))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_reads_back_and_leaves_out_absent_fields() {
        let e = Export {
            title: "Documents cited".into(),
            page: "documents.html".into(),
            documents: vec![DocumentEntry {
                symbol: "A/85/1".into(),
                url: Some("https://undocs.org/en/A/85/1".into()),
                title: Some("Water for all".into()),
                body: None,
                cited_as: vec!["A/85/1".into()],
                citations: vec![],
            }],
            archived: vec![],
        };
        let f = file(&e);
        assert_eq!(f.name, "documents.json");
        let text = String::from_utf8(f.bytes).unwrap();
        assert!(text.ends_with("}\n"));
        assert!(!text.contains("\"body\""));
        assert_eq!(serde_json::from_str::<Export>(&text).unwrap(), e);
    }

    #[test]
    fn the_export_lists_each_documents_citations_and_each_archived_address_with_its_notes_label() {
        use crate::base::diagnostics::Diagnostics;
        use crate::config::{DocumentsConfig, EndnotesConfig};
        use crate::model::testing::model;
        let mut diags = Diagnostics::new();
        let m = model(
            &[
                ("a.md", "# A\n\nSee A/85/190.[^a]\n"),
                (
                    "notes.md",
                    "# Notes\n\n[^a]: As in A/85/191. See https://a.org/x. Accessed on 14 \
                     February 2030.\n",
                ),
            ],
            &mut diags,
        );
        let notes = Endnotes::collect(
            &m,
            Path::new("notes.md"),
            &EndnotesConfig::default(),
            &mut diags,
        );
        let date = crate::base::dates::Date::parse("2030-06").ok();
        let docs = Documents::collect(&m, &DocumentsConfig::default(), date, "report", &mut diags);
        assert_eq!(diags.render(), "0 errors, 0 warnings");
        let e = export(&docs, &m, Some(&notes), &Config::default());
        let text = String::from_utf8(file(&e).bytes).unwrap();
        let chapter =
            |n: u8, url: &str| serde_json::json!({ "title": format!("Chapter {n}"), "url": url });
        let in_note = "notes.html#p-as-in-a-85-191-see";
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&text).unwrap(),
            serde_json::json!({
                "title": "Documents cited",
                "page": "documents.html",
                "documents": [
                    {
                        "symbol": "A/85/190",
                        "url": "https://undocs.org/en/A/85/190",
                        "cited_as": ["A/85/190"],
                        "citations": [{
                            "chapter": chapter(1, "a.html"),
                            "url": "a.html#p-see-a-85-190",
                            "cited_as": "A/85/190"
                        }]
                    },
                    {
                        "symbol": "A/85/191",
                        "url": "https://undocs.org/en/A/85/191",
                        "cited_as": ["A/85/191"],
                        "citations": [{
                            "chapter": chapter(2, "notes.html"),
                            "url": in_note,
                            "note": "i",
                            "cited_as": "A/85/191"
                        }]
                    }
                ],
                "archived": [{
                    "address": "https://a.org/x",
                    "archive": "https://web.archive.org/web/20300214/https://a.org/x",
                    "date": "2030-02-14",
                    "date_from": "access",
                    "note": "i",
                    "url": in_note
                }]
            })
        );
    }

    #[test]
    fn the_file_is_linked_from_the_site_root_wherever_the_page_is() {
        assert_eq!(file_href(Path::new("documents.md")), "documents.json");
        assert_eq!(
            file_href(Path::new("annex/documents.md")),
            "../documents.json"
        );
    }
}
