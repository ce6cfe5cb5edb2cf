//! How the document is cited, from `[preprocessor.report.citation]` and the book's own keys:
//! every page's "Cite this" (BibTeX, RIS and CSL-JSON), its Highwire `citation_*` tags and
//! `<link rel="canonical">` (the tags Google Scholar reads), and `CITATION.cff`.
//!
//! Each page cites what it is, under a key of its own ([`Citation::key`]): the landing page the
//! whole document (`@techreport`, RIS `RPRT`, CSL `report`); a chapter a section of the document
//! (`@incollection`, `CHAP`, `chapter`: its title in the document's); a page the plugin set
//! generates (an organisation's, an overview) a page of the document's website, not a part of the
//! document (`@misc`, `ELEC`, `webpage`, undated, and without the `citation_*` tags that would
//! present it to Google Scholar as the document). `theme/report.js` adds a paragraph's
//! `#fragment` to the page's address when a reader cites from a paragraph's permalink (the
//! address is the same string in every format, see [`Page::url`]).
//!
//! Citations appear only where the book says what it is citing: `[preprocessor.report.citation]`
//! in its `book.toml` (see [`crate::config::CitationConfig`]). The canonical link needs
//! only the site's address ([`canonical`]).
//! The post-build step ([`crate::postbuild`]) puts the tags into `<head>` and the block at the
//! end of `<main>`, after mdBook has rendered the page, so neither the search index nor the
//! print page carries them.

use crate::base::dates::Date;
use crate::base::html::{self, Html, Page as PageHtml};
use crate::config::Config;
use crate::outputs::describe::PageKind;
use serde_json::json;
use std::fmt::Write as _;

/// The document as it is cited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Citation {
    /// Its title.
    pub title: String,
    /// Its authors: an organisation as named, a person as `Family, Given`.
    pub authors: Vec<String>,
    /// Its publication date.
    pub date: Option<Date>,
    /// Its publisher.
    pub publisher: String,
    /// The institution it is issued by.
    pub institution: String,
    /// Its number or symbol.
    pub number: String,
    /// The BibTeX key.
    pub key: String,
    /// Its language (`en`).
    pub language: Option<String>,
    /// The site's absolute address, ending in `/`.
    pub site_url: Option<String>,
}

/// What a page is, as a citation says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// The whole document (the landing page).
    Document,
    /// A section of the document (one of its chapters).
    Section,
    /// A page of the document's website that is not part of the document (a generated page).
    WebPage,
}

/// The page a citation is made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Page<'a> {
    /// Its title ("2.1. Protect …"), unused for the whole document.
    pub title: &'a str,
    /// Its path in the site (`agencies/unicef.html`).
    pub path: &'a str,
    /// What it is.
    pub form: Form,
}

impl<'a> Page<'a> {
    /// The whole document, cited from its landing page.
    pub(crate) const DOCUMENT: Page<'static> = Page {
        title: "",
        path: "index.html",
        form: Form::Document,
    };

    /// The page at `path` (`index.html`, the landing page, cites the whole document).
    pub(crate) fn new(title: &'a str, path: &'a str, kind: PageKind) -> Page<'a> {
        let form = match kind {
            _ if path == "index.html" => Form::Document,
            PageKind::Chapter => Form::Section,
            PageKind::Overview | PageKind::Organisation => Form::WebPage,
        };
        Page { title, path, form }
    }

    /// The page's absolute address, when the site's is known: the site's address for the
    /// landing page (`index.html`), else the site's address and the page's path.
    pub(crate) fn url(&self, c: &Citation) -> Option<String> {
        page_url(c.site_url.as_deref()?, self.path)
    }
}

/// The address of the page at `path` on the site at `site` (ending in `/`).
fn page_url(site: &str, path: &str) -> Option<String> {
    Some(if path == "index.html" {
        site.to_string()
    } else {
        format!("{site}{path}")
    })
}

/// The page's `<link rel="canonical">`, when the site's address (ending in `/`) is known.
pub(crate) fn canonical(site: Option<&str>, path: &str) -> Option<String> {
    let url = page_url(site?, path)?;
    let mut h = Html::<PageHtml>::new();
    h.open("link")
        .attr("rel", "canonical")
        .attr("href", url)
        .close();
    Some(h.into_string())
}

impl Citation {
    /// The citation `cfg` gives.
    pub(crate) fn from_config(cfg: &Config) -> Citation {
        let c = &cfg.citation;
        let or = |v: &str, default: &str| if v.is_empty() { default } else { v }.to_string();
        let authors = if c.authors.is_empty() {
            cfg.authors.clone()
        } else {
            c.authors.clone()
        };
        let date = cfg.citation_date();
        let key = if c.key.is_empty() {
            default_key(authors.first().map(String::as_str), date)
        } else {
            c.key.clone()
        };
        Citation {
            title: or(&c.title, &cfg.title),
            authors,
            date,
            publisher: c.publisher.clone(),
            institution: or(&c.institution, &c.publisher),
            number: c.number.clone(),
            key,
            language: cfg.language.clone(),
            site_url: cfg.site_url(),
        }
    }

    fn year(&self) -> Option<u32> {
        self.parts().first().copied()
    }

    /// Year, month and day as far as the date gives them (a quarter or season: the year).
    fn parts(&self) -> Vec<u32> {
        use chrono::Datelike;
        match self.date {
            Some(Date::Day(d)) => vec![d.year() as u32, d.month(), d.day()],
            Some(Date::Month(y, m)) => vec![y as u32, m],
            Some(d) => vec![d.first().year() as u32],
            None => Vec::new(),
        }
    }

    /// The page's key: the document's for the landing page, else the document's and the page's
    /// path (`ewc2030-part-cooperation`), so no two pages of the site share one.
    pub(crate) fn key(&self, page: Page<'_>) -> String {
        if page.form == Form::Document {
            return self.key.clone();
        }
        let stem = page.path.strip_suffix(".html").unwrap_or(page.path);
        let mut key = self.key.clone();
        let mut dash = true;
        for c in stem.chars() {
            if c.is_ascii_alphanumeric() {
                if dash {
                    key.push('-');
                }
                key.push(c.to_ascii_lowercase());
                dash = false;
            } else {
                dash = true;
            }
        }
        key
    }

    /// The document's number, where a part of it is cited (a section's or a web page's note).
    fn number_note(&self, page: Page<'_>) -> Option<String> {
        (page.form == Form::Section && !self.number.is_empty()).then(|| self.number.clone())
    }

    /// The web page's container: the site, named by the document's title.
    fn website(&self) -> String {
        format!("{} (website)", self.title)
    }

    /// BibTeX, for BibTeX and biblatex alike: `@techreport` for the document, `@incollection`
    /// for a section (its title in the document's, the `booktitle`), `@misc` for a web page.
    pub(crate) fn bibtex(&self, page: Page<'_>) -> String {
        const MONTHS: [&str; 12] = [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ];
        let braced = |s: &str| format!("{{{}}}", bib_text(s));
        let mut fields: Vec<(&str, String)> = Vec::new();
        if !self.authors.is_empty() {
            let names: Vec<String> = self.authors.iter().map(|a| bib_name(a)).collect();
            fields.push(("author", format!("{{{}}}", names.join(" and "))));
        }
        let kind = match page.form {
            Form::Document => {
                fields.push(("title", braced(&self.title)));
                if !self.institution.is_empty() {
                    fields.push(("institution", braced(&self.institution)));
                }
                "techreport"
            }
            Form::Section => {
                fields.push(("title", braced(page.title)));
                fields.push(("booktitle", braced(&self.title)));
                "incollection"
            }
            Form::WebPage => {
                fields.push(("title", braced(page.title)));
                fields.push(("howpublished", braced(&self.website())));
                "misc"
            }
        };
        if !self.publisher.is_empty() {
            fields.push(("publisher", braced(&self.publisher)));
        }
        if page.form == Form::Document && !self.number.is_empty() {
            fields.push(("number", braced(&self.number)));
        }
        if page.form != Form::WebPage {
            let parts = self.parts();
            if let Some(y) = parts.first() {
                fields.push(("year", format!("{{{y}}}")));
            }
            if let Some(&m) = parts.get(1) {
                fields.push(("month", MONTHS[m as usize - 1].to_string()));
            }
        }
        if let Some(note) = self.number_note(page) {
            fields.push(("note", braced(&note)));
        }
        if let Some(url) = page.url(self) {
            fields.push(("url", format!("{{{url}}}")));
        }
        if let Some(lang) = &self.language {
            fields.push(("language", braced(lang)));
        }
        let mut out = format!("@{kind}{{{},\n", self.key(page));
        for (name, value) in fields {
            let _ = writeln!(out, "  {name} = {value},");
        }
        out.push_str("}\n");
        out
    }

    /// RIS, as reference managers import it: `RPRT` for the document, `CHAP` for a section,
    /// `ELEC` for a web page (the document's title as `T2`).
    pub(crate) fn ris(&self, page: Page<'_>) -> String {
        let kind = match page.form {
            Form::Document => "RPRT",
            Form::Section => "CHAP",
            Form::WebPage => "ELEC",
        };
        let mut lines: Vec<(&str, String)> = vec![("TY", kind.into())];
        lines.extend(self.authors.iter().map(|a| ("AU", a.clone())));
        if page.form == Form::Document {
            lines.push(("TI", self.title.clone()));
        } else {
            lines.push(("TI", page.title.to_string()));
            lines.push(("T2", self.title.clone()));
        }
        let parts = self.parts();
        if let (Some(y), false) = (parts.first(), page.form == Form::WebPage) {
            lines.push(("PY", y.to_string()));
            let m = parts.get(1).map_or(String::new(), |m| format!("{m:02}"));
            let d = parts.get(2).map_or(String::new(), |d| format!("{d:02}"));
            lines.push(("DA", format!("{y}/{m}/{d}/")));
        }
        if !self.publisher.is_empty() {
            lines.push(("PB", self.publisher.clone()));
        }
        if page.form == Form::Document && !self.number.is_empty() {
            lines.push(("SN", self.number.clone()));
        }
        if let Some(note) = self.number_note(page) {
            lines.push(("N1", note));
        }
        if let Some(url) = page.url(self) {
            lines.push(("UR", url));
        }
        if let Some(lang) = &self.language {
            lines.push(("LA", lang.clone()));
        }
        lines.push(("ER", String::new()));
        let mut out = String::new();
        for (tag, value) in lines {
            let _ = writeln!(out, "{tag}  - {}", one_line(&value));
        }
        out
    }

    /// CSL-JSON (one item), as Zotero and citeproc read it: `report` for the document,
    /// `chapter` for a section, `webpage` for a web page (the document's title as its
    /// `container-title`).
    pub(crate) fn csl_json(&self, page: Page<'_>) -> String {
        let kind = match page.form {
            Form::Document => "report",
            Form::Section => "chapter",
            Form::WebPage => "webpage",
        };
        let mut item: Vec<(&str, serde_json::Value)> =
            vec![("id", json!(self.key(page))), ("type", json!(kind))];
        if page.form == Form::Document {
            item.push(("title", json!(self.title)));
        } else {
            item.push(("title", json!(page.title)));
            item.push(("container-title", json!(self.title)));
        }
        if !self.authors.is_empty() {
            let authors: Vec<_> = self.authors.iter().map(|a| csl_name(a)).collect();
            item.push(("author", json!(authors)));
        }
        let parts = self.parts();
        if !parts.is_empty() && page.form != Form::WebPage {
            item.push(("issued", json!({ "date-parts": [parts] })));
        }
        let publisher = if self.publisher.is_empty() {
            &self.institution
        } else {
            &self.publisher
        };
        if !publisher.is_empty() {
            item.push(("publisher", json!(publisher)));
        }
        if page.form == Form::Document && !self.number.is_empty() {
            item.push(("number", json!(self.number)));
        }
        if let Some(note) = self.number_note(page) {
            item.push(("note", json!(note)));
        }
        if let Some(url) = page.url(self) {
            item.push(("URL", json!(url)));
        }
        if let Some(lang) = &self.language {
            item.push(("language", json!(lang)));
        }
        // One field a line, each value compact: as readable as pretty-printing, half as long.
        let fields: Vec<String> = item
            .iter()
            .map(|(k, v)| format!("  {}: {v}", json!(k)))
            .collect();
        format!("[{{\n{}\n}}]\n", fields.join(",\n"))
    }

    /// The page's Highwire `citation_*` tags for `<head>`: the document's on the landing page, a
    /// section's (`citation_inbook_title`: the document's title) on a chapter; none on a web
    /// page, which is not the document.
    pub(crate) fn head_tags(&self, page: Page<'_>) -> Vec<String> {
        let mut tags = Vec::new();
        if page.form == Form::WebPage {
            return tags;
        }
        let url = page.url(self);
        let mut meta = |name: &str, value: &str| {
            if !value.is_empty() {
                tags.push(html::meta("name", name, value));
            }
        };
        match page.form {
            Form::Section => {
                meta("citation_title", page.title);
                meta("citation_inbook_title", &self.title);
            }
            _ => meta("citation_title", &self.title),
        }
        for a in &self.authors {
            meta("citation_author", a);
        }
        let date: Vec<String> = self
            .parts()
            .iter()
            .enumerate()
            .map(|(i, p)| {
                if i == 0 {
                    format!("{p}")
                } else {
                    format!("{p:02}")
                }
            })
            .collect();
        meta("citation_publication_date", &date.join("/"));
        if page.form == Form::Document {
            meta("citation_technical_report_institution", &self.institution);
            meta("citation_technical_report_number", &self.number);
        }
        meta("citation_publisher", &self.publisher);
        meta("citation_language", self.language.as_deref().unwrap_or(""));
        meta("citation_fulltext_html_url", url.as_deref().unwrap_or(""));
        tags
    }

    /// A plain reference a reader can paste: "Authors (year). *Title*. Number. Publisher.
    /// Address" for the document; "Authors (year). Section. In Title. …" for a section;
    /// "Authors. Page. Title (website). Publisher. Address" for a web page (undated: the page
    /// is not the document, and its own date is the day it is read).
    pub(crate) fn reference(&self, page: Page<'_>) -> String {
        let mut out = self.authors.join("; ");
        if let (Some(y), false) = (self.year(), page.form == Form::WebPage) {
            let _ = write!(out, " ({y})");
        }
        if !out.is_empty() {
            out.push_str(". ");
        }
        let titles = match page.form {
            Form::Document => vec![self.title.clone()],
            Form::Section => vec![page.title.to_string(), format!("In {}", self.title)],
            Form::WebPage => vec![page.title.to_string(), self.website()],
        };
        let number =
            Some(self.number.clone()).filter(|n| !n.is_empty() && page.form != Form::WebPage);
        let publisher = Some(self.publisher.clone()).filter(|p| !p.is_empty());
        let parts = titles
            .into_iter()
            .chain(number)
            .chain(publisher)
            .chain(page.url(self));
        for (i, part) in parts.enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(&part);
            if !part.ends_with('.') && !part.contains("://") {
                out.push('.');
            }
        }
        out
    }

    /// The "Cite this" block at the end of a page's text: a `<details>` that works without
    /// JavaScript (the formats can be selected and copied); `theme/report.js` adds copy and
    /// download buttons and the paragraph's address. It is put into rendered HTML, never into
    /// Markdown: built for the page ([`PageHtml`]).
    pub(crate) fn block(&self, page: Page<'_>) -> String {
        let mut h = Html::<PageHtml>::new();
        let mut details = h
            .open("details")
            .attr("class", "report-cite report-generated")
            .attr("data-search", "skip");
        if let Some(url) = page.url(self) {
            details = details.attr("data-url", url);
        }
        details.close().newline();
        h.element("summary", "Cite this page").newline();
        h.open("p")
            .attr("class", "report-cite-reference")
            .close()
            .text(self.reference(page))
            .close("p");
        let key = self.key(page);
        for (format, label, ext, text) in [
            ("bibtex", "BibTeX", "bib", self.bibtex(page)),
            ("ris", "RIS", "ris", self.ris(page)),
            ("csl-json", "CSL-JSON", "json", self.csl_json(page)),
        ] {
            h.open("figure")
                .attr("class", "report-cite-format")
                .attr("data-format", format)
                .attr("data-file", format_args!("{key}.{ext}"))
                .close();
            h.element("figcaption", label).element("pre", text);
            h.close("figure").newline();
        }
        h.close("details").newline();
        h.into_string()
    }

    /// `CITATION.cff` (Citation File Format 1.2.0) for the book's repository: the book as a
    /// dataset whose preferred citation is the report.
    pub(crate) fn cff(&self) -> String {
        let mut out = String::from(
            "# Generated by `mdbook-report citation --format cff` from book.toml: edit that, not this.\n\
             cff-version: 1.2.0\n\
             message: \"If you cite this document, please cite it as below.\"\n",
        );
        let _ = writeln!(out, "title: {}", yaml(&self.title));
        out.push_str("type: dataset\n");
        let authors = |out: &mut String, indent: &str| {
            let _ = writeln!(out, "{indent}authors:");
            for a in &self.authors {
                match a.split_once(", ") {
                    Some((family, given)) => {
                        let _ = writeln!(out, "{indent}  - family-names: {}", yaml(family));
                        let _ = writeln!(out, "{indent}    given-names: {}", yaml(given));
                    }
                    None => {
                        let _ = writeln!(out, "{indent}  - name: {}", yaml(a));
                    }
                }
            }
        };
        if !self.authors.is_empty() {
            authors(&mut out, "");
        }
        let url = self.site_url.clone();
        if let Some(url) = &url {
            let _ = writeln!(out, "url: {}", yaml(url));
        }
        out.push_str("preferred-citation:\n  type: report\n");
        let _ = writeln!(out, "  title: {}", yaml(&self.title));
        if !self.authors.is_empty() {
            authors(&mut out, "  ");
        }
        let parts = self.parts();
        if let Some(y) = parts.first() {
            let _ = writeln!(out, "  year: {y}");
        }
        if let Some(m) = parts.get(1) {
            let _ = writeln!(out, "  month: {m}");
        }
        if !self.institution.is_empty() {
            let _ = writeln!(out, "  institution:\n    name: {}", yaml(&self.institution));
        }
        if !self.publisher.is_empty() {
            let _ = writeln!(out, "  publisher:\n    name: {}", yaml(&self.publisher));
        }
        if !self.number.is_empty() {
            let _ = writeln!(out, "  number: {}", yaml(&self.number));
        }
        if let Some(url) = &url {
            let _ = writeln!(out, "  url: {}", yaml(url));
        }
        if let Some(lang) = &self.language {
            let _ = writeln!(out, "  languages:\n    - {}", yaml(lang));
        }
        out
    }
}

/// The default BibTeX key: the first author's initials (an organisation: `ewc` for "Example Water Commission") or family name
/// (a person), lower case, and the year.
fn default_key(author: Option<&str>, date: Option<Date>) -> String {
    let stem: String = match author {
        Some(a) => match a.split_once(',') {
            Some((family, _)) => family.to_string(),
            None => a
                .split_whitespace()
                .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
                .filter_map(|w| w.chars().next())
                .collect(),
        },
        None => String::new(),
    };
    let mut key: String = stem
        .to_lowercase()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    if key.is_empty() {
        key.push_str("document");
    }
    if let Some(d) = date {
        use chrono::Datelike;
        let _ = write!(key, "{}", d.first().year());
    }
    key
}

/// BibTeX's special characters escaped.
fn bib_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in one_line(s).chars() {
        match c {
            '&' | '%' | '$' | '#' | '_' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '\\' => out.push_str("\\textbackslash{}"),
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            _ => out.push(c),
        }
    }
    out
}

/// A BibTeX name: a person (`Family, Given`) as is, an organisation braced so BibTeX does not
/// split it into given and family names.
fn bib_name(a: &str) -> String {
    if a.contains(", ") {
        bib_text(a)
    } else {
        format!("{{{}}}", bib_text(a))
    }
}

/// A CSL name: `family`/`given` for a person, `literal` for an organisation.
fn csl_name(a: &str) -> serde_json::Value {
    match a.split_once(", ") {
        Some((family, given)) => json!({ "family": family, "given": given }),
        None => json!({ "literal": a }),
    }
}

/// Whitespace collapsed: RIS and BibTeX values are one line.
fn one_line(s: &str) -> String {
    crate::base::text::squash(s)
}

/// A YAML double-quoted scalar (JSON's string syntax is valid YAML).
fn yaml(s: &str) -> String {
    serde_json::to_string(s).expect("serialisable")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(toml: &str) -> Config {
        let config: mdbook_preprocessor::config::Config = toml.parse().expect("valid TOML");
        let mut diags = crate::base::diagnostics::Diagnostics::new();
        let cfg = Config::from_mdbook(&config, Some(toml), &mut diags);
        assert_eq!(diags.render(), "0 errors, 0 warnings");
        cfg
    }

    const BOOK: &str = "[book]\ntitle = \"Water & Sanitation: 100% #goals\"\nauthors = [\"Example Water Commission\", \"Doe, Jane\"]\nlanguage = \"en\"\n\
        [preprocessor.report]\ndate = \"2030-06\"\n\
        [preprocessor.report.citation]\nsite-url = \"https://example.org/water\"\npublisher = \"United Nations\"\nnumber = \"E/2030/1\"\n";

    const CHAPTER: Page<'static> = Page {
        title: "2. Cooperation",
        path: "part/cooperation.html",
        form: Form::Section,
    };

    const ORG_PAGE: Page<'static> = Page {
        title: "World Meteorological Organization (WMO)",
        path: "organisations/wmo.html",
        form: Form::WebPage,
    };

    #[test]
    fn the_citation_defaults_to_the_books_title_authors_and_date() {
        let c = Citation::from_config(&cfg(BOOK));
        assert_eq!(c.title, "Water & Sanitation: 100% #goals");
        assert_eq!(c.authors, ["Example Water Commission", "Doe, Jane"]);
        assert_eq!(c.key, "ewc2030");
        assert_eq!(c.institution, "United Nations");
        assert_eq!(c.site_url.as_deref(), Some("https://example.org/water/"));
        assert_eq!(
            CHAPTER.url(&c).as_deref(),
            Some("https://example.org/water/part/cooperation.html")
        );
        assert_eq!(
            Page::DOCUMENT.url(&c).as_deref(),
            Some("https://example.org/water/")
        );
    }

    #[test]
    fn only_a_book_with_the_citation_table_cites() {
        let book = "[book]\ntitle = \"T\"\n";
        assert!(!cfg(book).citation.enable);
        assert!(
            !cfg(&format!("{book}[preprocessor.report]\ndate = \"2030\"\n"))
                .citation
                .enable
        );
        assert!(
            cfg(&format!("{book}[preprocessor.report.citation]\n"))
                .citation
                .enable
        );
        let off = format!("{book}[preprocessor.report.citation]\nenable = false\n");
        assert!(!cfg(&off).citation.enable);
    }

    #[test]
    fn each_page_has_a_key_of_its_own_and_says_what_it_is() {
        let c = Citation::from_config(&cfg(BOOK));
        let page = |path, kind| Page::new("P", path, kind);
        assert_eq!(page("index.html", PageKind::Chapter).form, Form::Document);
        assert_eq!(c.key(page("index.html", PageKind::Chapter)), "ewc2030");
        assert_eq!(
            page("part/cooperation.html", PageKind::Chapter).form,
            Form::Section
        );
        assert_eq!(c.key(CHAPTER), "ewc2030-part-cooperation");
        for kind in [PageKind::Overview, PageKind::Organisation] {
            assert_eq!(page("x.html", kind).form, Form::WebPage);
        }
        assert_eq!(c.key(ORG_PAGE), "ewc2030-organisations-wmo");
        // Characters a BibTeX key cannot hold are dashes, never doubled.
        assert_eq!(
            c.key(page("Ré sumé/__x.html", PageKind::Chapter)),
            "ewc2030-r-sum-x"
        );
    }

    #[test]
    fn bibtex_escapes_its_specials_and_braces_organisations() {
        let c = Citation::from_config(&cfg(BOOK));
        assert_eq!(
            c.bibtex(Page::DOCUMENT),
            "@techreport{ewc2030,\n  author = {{Example Water Commission} and Doe, Jane},\n  \
             title = {Water \\& Sanitation: 100\\% \\#goals},\n  institution = {United Nations},\n  \
             publisher = {United Nations},\n  number = {E/2030/1},\n  year = {2030},\n  month = jun,\n  \
             url = {https://example.org/water/},\n  language = {en},\n}\n"
        );
    }

    #[test]
    fn bibtex_cites_a_chapter_as_a_section_and_a_generated_page_as_a_web_page() {
        let c = Citation::from_config(&cfg(BOOK));
        assert_eq!(
            c.bibtex(CHAPTER),
            "@incollection{ewc2030-part-cooperation,\n  author = {{Example Water Commission} and Doe, Jane},\n  \
             title = {2. Cooperation},\n  booktitle = {Water \\& Sanitation: 100\\% \\#goals},\n  \
             publisher = {United Nations},\n  year = {2030},\n  month = jun,\n  note = {E/2030/1},\n  \
             url = {https://example.org/water/part/cooperation.html},\n  language = {en},\n}\n"
        );
        assert_eq!(
            c.bibtex(ORG_PAGE),
            "@misc{ewc2030-organisations-wmo,\n  author = {{Example Water Commission} and Doe, Jane},\n  \
             title = {World Meteorological Organization (WMO)},\n  \
             howpublished = {Water \\& Sanitation: 100\\% \\#goals (website)},\n  publisher = {United Nations},\n  \
             url = {https://example.org/water/organisations/wmo.html},\n  language = {en},\n}\n"
        );
    }

    #[test]
    fn ris_has_one_tag_a_line_and_ends_with_er() {
        let c = Citation::from_config(&cfg(BOOK));
        assert_eq!(
            c.ris(Page::DOCUMENT),
            "TY  - RPRT\nAU  - Example Water Commission\nAU  - Doe, Jane\nTI  - Water & Sanitation: 100% #goals\n\
             PY  - 2030\nDA  - 2030/06//\nPB  - United Nations\nSN  - E/2030/1\n\
             UR  - https://example.org/water/\nLA  - en\nER  - \n"
        );
        assert_eq!(
            c.ris(CHAPTER),
            "TY  - CHAP\nAU  - Example Water Commission\nAU  - Doe, Jane\nTI  - 2. Cooperation\n\
             T2  - Water & Sanitation: 100% #goals\nPY  - 2030\nDA  - 2030/06//\nPB  - United Nations\n\
             N1  - E/2030/1\nUR  - https://example.org/water/part/cooperation.html\nLA  - en\nER  - \n"
        );
        assert_eq!(
            c.ris(ORG_PAGE),
            "TY  - ELEC\nAU  - Example Water Commission\nAU  - Doe, Jane\n\
             TI  - World Meteorological Organization (WMO)\nT2  - Water & Sanitation: 100% #goals\n\
             PB  - United Nations\nUR  - https://example.org/water/organisations/wmo.html\nLA  - en\nER  - \n"
        );
    }

    #[test]
    fn csl_json_is_one_item_of_the_pages_type_with_people_and_organisations_apart() {
        let c = Citation::from_config(&cfg(BOOK));
        let text = c.csl_json(Page::DOCUMENT);
        assert_eq!(
            text,
            "[{\n  \"id\": \"ewc2030\",\n  \"type\": \"report\",\n  \"title\": \"Water & Sanitation: 100% #goals\",\n  \
             \"author\": [{\"literal\":\"Example Water Commission\"},{\"family\":\"Doe\",\"given\":\"Jane\"}],\n  \
             \"issued\": {\"date-parts\":[[2030,6]]},\n  \"publisher\": \"United Nations\",\n  \"number\": \"E/2030/1\",\n  \
             \"URL\": \"https://example.org/water/\",\n  \"language\": \"en\"\n}]\n"
        );
        let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(parsed[0]["issued"]["date-parts"][0][1], 6);
        let item = |page| -> serde_json::Value {
            serde_json::from_str::<serde_json::Value>(&c.csl_json(page)).unwrap()[0].clone()
        };
        let section = item(CHAPTER);
        assert_eq!(
            (&section["id"], &section["type"], &section["title"]),
            (
                &json!("ewc2030-part-cooperation"),
                &json!("chapter"),
                &json!("2. Cooperation")
            )
        );
        assert_eq!(
            section["container-title"],
            "Water & Sanitation: 100% #goals"
        );
        assert_eq!(section["note"], "E/2030/1");
        assert_eq!(section["issued"]["date-parts"][0][0], 2030);
        let web = item(ORG_PAGE);
        assert_eq!(
            (&web["type"], &web["title"], &web["container-title"]),
            (
                &json!("webpage"),
                &json!("World Meteorological Organization (WMO)"),
                &json!("Water & Sanitation: 100% #goals")
            )
        );
        // Undated: the page is not the document.
        assert_eq!(web.get("issued"), None);
        assert_eq!(web.get("number"), None);
    }

    #[test]
    fn the_head_gets_the_documents_or_the_sections_highwire_tags_and_a_web_page_none() {
        let c = Citation::from_config(&cfg(BOOK));
        assert_eq!(
            c.head_tags(Page::DOCUMENT),
            [
                "<meta name=\"citation_title\" content=\"Water &amp; Sanitation: 100% #goals\">",
                "<meta name=\"citation_author\" content=\"Example Water Commission\">",
                "<meta name=\"citation_author\" content=\"Doe, Jane\">",
                "<meta name=\"citation_publication_date\" content=\"2030/06\">",
                "<meta name=\"citation_technical_report_institution\" content=\"United Nations\">",
                "<meta name=\"citation_technical_report_number\" content=\"E/2030/1\">",
                "<meta name=\"citation_publisher\" content=\"United Nations\">",
                "<meta name=\"citation_language\" content=\"en\">",
                "<meta name=\"citation_fulltext_html_url\" content=\"https://example.org/water/\">",
            ]
        );
        assert_eq!(
            c.head_tags(CHAPTER),
            [
                "<meta name=\"citation_title\" content=\"2. Cooperation\">",
                "<meta name=\"citation_inbook_title\" content=\"Water &amp; Sanitation: 100% #goals\">",
                "<meta name=\"citation_author\" content=\"Example Water Commission\">",
                "<meta name=\"citation_author\" content=\"Doe, Jane\">",
                "<meta name=\"citation_publication_date\" content=\"2030/06\">",
                "<meta name=\"citation_publisher\" content=\"United Nations\">",
                "<meta name=\"citation_language\" content=\"en\">",
                "<meta name=\"citation_fulltext_html_url\" content=\"https://example.org/water/part/cooperation.html\">",
            ]
        );
        assert!(c.head_tags(ORG_PAGE).is_empty());
        assert_eq!(
            canonical(c.site_url.as_deref(), "part/cooperation.html").as_deref(),
            Some(
                "<link rel=\"canonical\" href=\"https://example.org/water/part/cooperation.html\">"
            )
        );
        assert_eq!(canonical(None, "part/cooperation.html"), None);
    }

    #[test]
    fn without_a_site_address_nothing_claims_one() {
        let c = Citation::from_config(&cfg(
            "[book]\ntitle = \"T\"\nauthors = [\"A B\"]\n[preprocessor.report.citation]\n",
        ));
        assert_eq!(c.key, "ab");
        assert_eq!(CHAPTER.url(&c), None);
        assert_eq!(
            c.head_tags(CHAPTER),
            [
                "<meta name=\"citation_title\" content=\"2. Cooperation\">",
                "<meta name=\"citation_inbook_title\" content=\"T\">",
                "<meta name=\"citation_author\" content=\"A B\">",
                "<meta name=\"citation_language\" content=\"en\">"
            ]
        );
        assert_eq!(
            c.ris(CHAPTER),
            "TY  - CHAP\nAU  - A B\nTI  - 2. Cooperation\nT2  - T\nLA  - en\nER  - \n"
        );
        assert!(!c.block(CHAPTER).contains("http"));
    }

    #[test]
    fn the_plain_reference_says_what_the_page_is() {
        let c = Citation::from_config(&cfg(BOOK));
        assert_eq!(
            c.reference(Page::DOCUMENT),
            "Example Water Commission; Doe, Jane (2030). Water & Sanitation: 100% #goals. E/2030/1. United Nations. https://example.org/water/"
        );
        assert_eq!(
            c.reference(CHAPTER),
            "Example Water Commission; Doe, Jane (2030). 2. Cooperation. In Water & Sanitation: 100% #goals. E/2030/1. United Nations. https://example.org/water/part/cooperation.html"
        );
        assert_eq!(
            c.reference(ORG_PAGE),
            "Example Water Commission; Doe, Jane. World Meteorological Organization (WMO). Water & Sanitation: 100% #goals (website). United Nations. https://example.org/water/organisations/wmo.html"
        );
    }

    #[test]
    fn the_block_shows_the_three_formats_escaped_under_the_pages_key() {
        let c = Citation::from_config(&cfg(BOOK));
        let block = c.block(CHAPTER);
        assert!(block.starts_with(
            "<details class=\"report-cite report-generated\" data-search=\"skip\" data-url=\"https://example.org/water/part/cooperation.html\">\n\
             <summary>Cite this page</summary>\n\
             <p class=\"report-cite-reference\">Example Water Commission; Doe, Jane (2030). 2. Cooperation. In Water &amp; Sanitation: 100% #goals. E/2030/1. United Nations. https://example.org/water/part/cooperation.html</p>\n"
        ), "{block}");
        for (format, file) in [
            ("bibtex", "ewc2030-part-cooperation.bib"),
            ("ris", "ewc2030-part-cooperation.ris"),
            ("csl-json", "ewc2030-part-cooperation.json"),
        ] {
            assert!(
                block.contains(&format!("data-format=\"{format}\" data-file=\"{file}\"")),
                "{format}"
            );
        }
        assert!(block.contains(
            "<figure class=\"report-cite-format\" data-format=\"ris\" data-file=\"ewc2030-part-cooperation.ris\"><figcaption>RIS</figcaption>\n<pre>TY  - CHAP\n"
        ));
        // The formats are text of the page: `&` and `<` escaped, quotes as they are.
        assert!(block.contains("\"type\": \"chapter\""));
        assert!(block.contains("Water &amp; Sanitation"));
        assert!(block.contains("</pre>\n</figure>\n</details>\n"));
        assert!(block.ends_with("</details>\n"));
    }

    #[test]
    fn cff_prefers_the_report_and_names_people_by_their_parts() {
        let c = Citation::from_config(&cfg(BOOK));
        assert_eq!(
            c.cff(),
            "# Generated by `mdbook-report citation --format cff` from book.toml: edit that, not this.\n\
             cff-version: 1.2.0\nmessage: \"If you cite this document, please cite it as below.\"\n\
             title: \"Water & Sanitation: 100% #goals\"\ntype: dataset\nauthors:\n  - name: \"Example Water Commission\"\n  \
             - family-names: \"Doe\"\n    given-names: \"Jane\"\nurl: \"https://example.org/water/\"\n\
             preferred-citation:\n  type: report\n  title: \"Water & Sanitation: 100% #goals\"\n  authors:\n    \
             - name: \"Example Water Commission\"\n    - family-names: \"Doe\"\n      given-names: \"Jane\"\n  \
             year: 2030\n  month: 6\n  institution:\n    name: \"United Nations\"\n  publisher:\n    name: \"United Nations\"\n  \
             number: \"E/2030/1\"\n  url: \"https://example.org/water/\"\n  languages:\n    - \"en\"\n"
        );
    }

    /// A document by one person, dated `date`, without number, language or site address.
    fn by_a_person(date: &str) -> Citation {
        Citation {
            title: "Water".into(),
            authors: vec!["Doe, Jane".into()],
            date: Some(Date::parse(date).unwrap()),
            publisher: "United Nations".into(),
            institution: "UN".into(),
            number: String::new(),
            key: "doe2030".into(),
            language: None,
            site_url: None,
        }
    }

    #[test]
    fn a_day_is_cited_with_its_year_month_and_day() {
        let c = by_a_person("2030-06-05");
        assert_eq!(
            c.bibtex(Page::DOCUMENT),
            "@techreport{doe2030,\n  author = {Doe, Jane},\n  title = {Water},\n  institution = {UN},\n  \
             publisher = {United Nations},\n  year = {2030},\n  month = jun,\n}\n"
        );
        assert_eq!(
            c.ris(Page::DOCUMENT),
            "TY  - RPRT\nAU  - Doe, Jane\nTI  - Water\nPY  - 2030\nDA  - 2030/06/05/\nPB  - United Nations\nER  - \n"
        );
        assert!(
            c.csl_json(Page::DOCUMENT)
                .contains("\"issued\": {\"date-parts\":[[2030,6,5]]},")
        );
        assert_eq!(
            c.head_tags(Page::DOCUMENT),
            [
                "<meta name=\"citation_title\" content=\"Water\">",
                "<meta name=\"citation_author\" content=\"Doe, Jane\">",
                "<meta name=\"citation_publication_date\" content=\"2030/06/05\">",
                "<meta name=\"citation_technical_report_institution\" content=\"UN\">",
                "<meta name=\"citation_publisher\" content=\"United Nations\">",
            ]
        );
        // No number and no address: nothing empty stands in for them.
        assert_eq!(
            c.reference(Page::DOCUMENT),
            "Doe, Jane (2030). Water. United Nations."
        );
    }

    #[test]
    fn a_quarter_or_a_season_is_cited_by_its_year() {
        for date in ["2030-Q3", "2030-autumn", "2030"] {
            let c = by_a_person(date);
            assert!(
                c.bibtex(Page::DOCUMENT).ends_with("  year = {2030},\n}\n"),
                "{date}"
            );
            assert!(
                c.ris(Page::DOCUMENT)
                    .contains("PY  - 2030\nDA  - 2030///\n"),
                "{date}"
            );
            assert!(
                c.head_tags(Page::DOCUMENT)
                    .contains(&"<meta name=\"citation_publication_date\" content=\"2030\">".into()),
                "{date}"
            );
            assert!(c.cff().contains("  year: 2030\n  institution:"), "{date}");
        }
    }

    #[test]
    fn the_default_key_is_the_first_authors_initials_or_family_name_and_the_year() {
        let day = Date::parse("2030-06-05").ok();
        assert_eq!(default_key(Some("Doe, Jane"), day), "doe2030");
        assert_eq!(
            default_key(
                Some("Organisation for Economic Co-operation and Development"),
                None
            ),
            "oecd"
        );
        assert_eq!(default_key(None, day), "document2030");
        assert_eq!(default_key(Some("ünïcode"), None), "document");
    }

    #[test]
    fn bibtex_writes_its_command_characters_as_commands() {
        assert_eq!(
            bib_text("C:\\data ~50% ^2 {x}_1 $\n &#"),
            "C:\\textbackslash{}data \\textasciitilde{}50\\% \\textasciicircum{}2 \\{x\\}\\_1 \\$ \\&\\#"
        );
    }

    #[test]
    fn a_relative_site_address_is_an_error_at_its_key() {
        let toml = "[preprocessor.report.citation]\nsite-url = \"/water/\"\n";
        let config: mdbook_preprocessor::config::Config = toml.parse().unwrap();
        let mut diags = crate::base::diagnostics::Diagnostics::new();
        let cfg = Config::from_mdbook(&config, Some(toml), &mut diags);
        assert!(diags.render().starts_with(
            "book.toml:2:1: error: `site-url` under `[preprocessor.report.citation]` is `/water/`, not an absolute address [config-site-url]"
        ), "{}", diags.render());
        assert_eq!(cfg.site_url(), None);
    }
}
