//! `[preprocessor.report.documents]`: the feature's configuration.

use crate::base::paths;
use crate::model::schema::or_none;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// `[preprocessor.report.documents]`: document symbols linked to their documents and listed on a
/// generated page; archived copies of the web addresses in the endnotes.
///
/// The defaults follow the United Nations' symbol grammar and link to `undocs.org`, the UN's
/// permanent redirector to its Official Document System (ODS): `https://undocs.org/en/A/85/190`
/// always leads to the current ODS address of the document, where ODS's own URLs have changed
/// more than once. `fr`, `es`, `ar`, `zh`, `ru` instead of `en` give the other official languages.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct DocumentsConfig {
    /// Switch the feature on or off.
    pub enable: bool,
    /// Where a symbol's document is: `{symbol}`; empty: symbols are listed, not linked.
    #[serde(deserialize_with = "or_none")]
    pub link: String,
    /// Path (virtual, under `src/`) of the generated "Documents cited" page.
    #[serde(deserialize_with = "paths::in_src")]
    pub page: PathBuf,
    /// The page's title.
    pub title: String,
    /// The page's first sentence: `{document}`, `{count}`, `{documents}` ("3 documents").
    pub introduction: String,
    /// The series a symbol starts with (its first components), `{n}` for a number:
    /// `A`, `A/HRC`, `E/CN.{n}`. Longest first wins.
    pub prefixes: Vec<String>,
    /// The components that may follow besides numbers: `RES`, `L.{n}`, `Add.{n}` ….
    pub parts: Vec<String>,
    /// Symbols never linked nor listed (the text keeps them as written).
    #[serde(deserialize_with = "or_none")]
    pub never_link: Vec<String>,
    /// Bodies whose "resolution NN/NNN" the text cites, with the symbol it stands for.
    #[serde(deserialize_with = "or_none")]
    pub resolutions: Vec<ResolutionBody>,
    /// The body of a resolution the text cites without naming one (a General Assembly
    /// resolution's "its resolutions"); empty: such resolutions are not linked.
    #[serde(deserialize_with = "or_none")]
    pub default_body: String,
    /// Other series, by pattern (`WHA {session}.{number}`), with their own symbol and link.
    #[serde(deserialize_with = "or_none")]
    pub series: Vec<Series>,
    /// The words around resolution numbers (other languages).
    pub words: DocumentWords,
    /// An endnote's web address's archived copy: `{date}` (`YYYYMMDD`) and `{address}`; empty:
    /// none.
    #[serde(deserialize_with = "or_none")]
    pub archive: String,
    /// The text of the archived-copy link.
    pub archive_text: String,
    /// The heading of the list, at the end of a document of the book (a chapter with
    /// `document:` front matter), of the documents of the book that cite it.
    pub cited_by: String,
}

/// The built-in series prefixes (README lists them).
pub(crate) const DEFAULT_PREFIXES: &[&str] = &[
    "A",
    "A/C.{n}",
    "A/CONF.{n}",
    "A/HRC",
    "A/INF",
    "S",
    "E",
    "E/C.{n}",
    "E/CN.{n}",
    "E/ICEF",
    "ST/SGB",
    "ST/AI",
    "CAT/C",
    "CCPR/C",
    "CED/C",
    "CEDAW/C",
    "CERD/C",
    "CMW/C",
    "CRC/C",
    "CRPD/C",
    "HRI/GEN",
    "DP/FPA",
    "TD/B",
    "UNEP/EA.{n}",
    "FCCC/CP",
    "FCCC/KP/CMP",
    "FCCC/PA/CMA",
    "FCCC/SBI",
    "FCCC/SBSTA",
];

/// The built-in components besides numbers.
pub(crate) const DEFAULT_PARTS: &[&str] = &[
    "RES",
    "PRST",
    "DEC",
    "L.{n}",
    "Add.{n}",
    "Rev.{n}",
    "Corr.{n}",
    "Amend.{n}",
    "CRP.{n}",
    "WP.{n}",
    "INF",
    "INF.{n}",
    "PV.{n}",
    "SR.{n}",
    "Misc.{n}",
    "GC",
    "GEN",
];

/// A body whose resolutions the text cites by number ("General Assembly resolution 85/131").
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct ResolutionBody {
    /// The body's name as the text writes it ("General Assembly", inside "UN General Assembly"
    /// too).
    pub body: String,
    /// Other names the text uses ("ECOSOC").
    #[serde(default, deserialize_with = "or_none")]
    pub forms: Vec<String>,
    /// The symbol of "resolution {session}/{number}": `A/RES/{session}/{number}`; none: the body
    /// is known, its resolutions are not linked (and not taken for another body's).
    #[serde(default)]
    pub symbol: Option<String>,
}

/// Another series of documents, recognised by a pattern (what belongs to one book).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Series {
    /// The text: literal characters, `{name}` for a number, a space for an optional space:
    /// `WHA {session}.{number}` finds "WHA 61.17" and "WHA61.17".
    pub pattern: String,
    /// The canonical symbol, from the pattern's numbers: `WHA{session}.{number}`.
    pub symbol: String,
    /// Where the document is, from the pattern's numbers and `{symbol}`; empty: the documents'
    /// `link`.
    #[serde(default, deserialize_with = "or_none")]
    pub link: String,
}

/// `[preprocessor.report.documents.words]`: the words around resolution numbers.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct DocumentWords {
    /// The word before a resolution's number, singular first ("resolution", "resolutions");
    /// any case.
    pub resolution: Vec<String>,
    /// What joins a number to the body after it ("resolution 50/3 of the Human Rights
    /// Council").
    pub of: Vec<String>,
    /// What joins the last two numbers of a list ("resolutions 76/217 and 77/246").
    pub and: Vec<String>,
    /// The word before the numbers of a document's paragraphs ("paragraph 13 of resolution
    /// 80/3", "A/80/534, para. 7"); any case.
    pub paragraph: Vec<String>,
    /// What joins the ends of a range of paragraphs ("paragraphs 7 to 10").
    pub to: Vec<String>,
}

impl Default for DocumentWords {
    fn default() -> Self {
        let v = |a: &[&str]| a.iter().map(|s| s.to_string()).collect();
        DocumentWords {
            resolution: v(&["resolution", "resolutions"]),
            of: v(&["of the", "of"]),
            and: v(&["and"]),
            paragraph: v(&[
                "paragraph",
                "paragraphs",
                "operative paragraph",
                "operative paragraphs",
                "para.",
                "paras.",
            ]),
            to: v(&["to"]),
        }
    }
}

impl Default for DocumentsConfig {
    fn default() -> Self {
        let v = |a: &[&str]| a.iter().map(|s| s.to_string()).collect();
        let body = |name: &str, forms: &[&str], symbol: &str| ResolutionBody {
            body: name.into(),
            forms: v(forms),
            symbol: Some(symbol.into()),
        };
        DocumentsConfig {
            enable: true,
            link: "https://undocs.org/en/{symbol}".into(),
            page: "documents.md".into(),
            title: "Documents cited".into(),
            introduction: "The {document} cites {documents} by their symbols.".into(),
            prefixes: v(DEFAULT_PREFIXES),
            parts: v(DEFAULT_PARTS),
            never_link: Vec::new(),
            resolutions: vec![
                body("General Assembly", &[], "A/RES/{session}/{number}"),
                body("Human Rights Council", &[], "A/HRC/RES/{session}/{number}"),
                body(
                    "Economic and Social Council",
                    &["ECOSOC"],
                    "E/RES/{session}/{number}",
                ),
            ],
            default_body: String::new(),
            series: Vec::new(),
            words: DocumentWords::default(),
            archive: "https://web.archive.org/web/{date}/{address}".into(),
            archive_text: "archived copy".into(),
            cited_by: "Cited by".into(),
        }
    }
}
