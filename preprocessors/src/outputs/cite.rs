//! How the document is cited, from `[preprocessor.report.citation]` and the book's own keys:
//! every page's "Cite this" (BibTeX, RIS and CSL-JSON), its Highwire `citation_*` tags and
//! `<link rel="canonical">` (the tags Google Scholar reads), and `CITATION.cff`.
//!
//! A page's citation is the document's, with the page as its section and the page's address;
//! `theme/report.js` adds a paragraph's `#fragment` to that address when a reader cites from a
//! paragraph's permalink (the address is the same string in every format, see [`Page::url`]).
//! The post-build step ([`crate::postbuild`]) puts the tags into `<head>` and the block at the
//! end of `<main>`, after mdBook has rendered the page, so neither the search index nor the
//! print page carries them.

use crate::base::dates::Date;
use crate::base::html;
use crate::model::config::Config;
use serde_json::json;
use std::fmt::Write as _;

/// The document as it is cited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
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

/// The page a citation is made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page<'a> {
    /// Its title ("2.1. Protect …"); empty for the landing page, which cites the whole document.
    pub title: &'a str,
    /// Its path in the site (`agencies/unicef.html`).
    pub path: &'a str,
}

impl Page<'_> {
    /// The page's absolute address, when the site's is known: the site's address for the
    /// landing page (`index.html`), else the site's address and the page's path.
    pub fn url(&self, c: &Citation) -> Option<String> {
        let site = c.site_url.as_deref()?;
        Some(if self.path == "index.html" {
            site.to_string()
        } else {
            format!("{site}{}", self.path)
        })
    }

    fn section(&self) -> Option<String> {
        (!self.title.is_empty() && self.path != "index.html")
            .then(|| format!("Section: {}", self.title))
    }
}

impl Citation {
    /// The citation `cfg` gives.
    pub fn from_config(cfg: &Config) -> Citation {
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

    /// BibTeX (`@techreport`), for BibTeX and biblatex alike.
    pub fn bibtex(&self, page: Page<'_>) -> String {
        const MONTHS: [&str; 12] = [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ];
        let mut fields: Vec<(&str, String)> = Vec::new();
        if !self.authors.is_empty() {
            let names: Vec<String> = self.authors.iter().map(|a| bib_name(a)).collect();
            fields.push(("author", format!("{{{}}}", names.join(" and "))));
        }
        fields.push(("title", format!("{{{}}}", bib_text(&self.title))));
        if !self.institution.is_empty() {
            fields.push((
                "institution",
                format!("{{{}}}", bib_text(&self.institution)),
            ));
        }
        if !self.publisher.is_empty() {
            fields.push(("publisher", format!("{{{}}}", bib_text(&self.publisher))));
        }
        if !self.number.is_empty() {
            fields.push(("number", format!("{{{}}}", bib_text(&self.number))));
        }
        let parts = self.parts();
        if let Some(y) = parts.first() {
            fields.push(("year", format!("{{{y}}}")));
        }
        if let Some(&m) = parts.get(1) {
            fields.push(("month", MONTHS[m as usize - 1].to_string()));
        }
        if let Some(section) = page.section() {
            fields.push(("note", format!("{{{}}}", bib_text(&section))));
        }
        if let Some(url) = page.url(self) {
            fields.push(("url", format!("{{{url}}}")));
        }
        if let Some(lang) = &self.language {
            fields.push(("language", format!("{{{}}}", bib_text(lang))));
        }
        let mut out = format!("@techreport{{{},\n", self.key);
        for (name, value) in fields {
            let _ = writeln!(out, "  {name} = {value},");
        }
        out.push_str("}\n");
        out
    }

    /// RIS (`TY  - RPRT`), as reference managers import it.
    pub fn ris(&self, page: Page<'_>) -> String {
        let mut lines: Vec<(&str, String)> = vec![("TY", "RPRT".into())];
        lines.extend(self.authors.iter().map(|a| ("AU", a.clone())));
        lines.push(("TI", self.title.clone()));
        let parts = self.parts();
        if let Some(y) = parts.first() {
            lines.push(("PY", y.to_string()));
            let m = parts.get(1).map_or(String::new(), |m| format!("{m:02}"));
            let d = parts.get(2).map_or(String::new(), |d| format!("{d:02}"));
            lines.push(("DA", format!("{y}/{m}/{d}/")));
        }
        if !self.publisher.is_empty() {
            lines.push(("PB", self.publisher.clone()));
        }
        if !self.number.is_empty() {
            lines.push(("SN", self.number.clone()));
        }
        if let Some(section) = page.section() {
            lines.push(("N1", section));
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

    /// CSL-JSON (one item, `type: report`), as Zotero and citeproc read it.
    pub fn csl_json(&self, page: Page<'_>) -> String {
        let mut item: Vec<(&str, serde_json::Value)> = vec![
            ("id", json!(self.key)),
            ("type", json!("report")),
            ("title", json!(self.title)),
        ];
        if !self.authors.is_empty() {
            let authors: Vec<_> = self.authors.iter().map(|a| csl_name(a)).collect();
            item.push(("author", json!(authors)));
        }
        let parts = self.parts();
        if !parts.is_empty() {
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
        if !self.number.is_empty() {
            item.push(("number", json!(self.number)));
        }
        if let Some(section) = page.section() {
            item.push(("note", json!(section)));
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

    /// The page's `<head>` tags: `<link rel="canonical">` and Highwire `citation_*` tags.
    pub fn head_tags(&self, page: Page<'_>) -> String {
        let mut tags = Vec::new();
        let url = page.url(self);
        if let Some(url) = &url {
            tags.push(format!(
                "<link rel=\"canonical\" href=\"{}\">",
                html::attr(url)
            ));
        }
        let mut meta = |name: &str, value: &str| {
            if !value.is_empty() {
                tags.push(format!(
                    "<meta name=\"{name}\" content=\"{}\">",
                    html::attr(value)
                ));
            }
        };
        meta("citation_title", &self.title);
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
        meta("citation_technical_report_institution", &self.institution);
        meta("citation_technical_report_number", &self.number);
        meta("citation_publisher", &self.publisher);
        meta("citation_language", self.language.as_deref().unwrap_or(""));
        meta("citation_fulltext_html_url", url.as_deref().unwrap_or(""));
        tags.join("\n        ")
    }

    /// A plain reference a reader can paste: "Authors (year). *Title*. Section. Address".
    pub fn reference(&self, page: Page<'_>) -> String {
        let mut out = self.authors.join("; ");
        if let Some(y) = self.year() {
            let _ = write!(out, " ({y})");
        }
        if !out.is_empty() {
            out.push_str(". ");
        }
        out.push_str(&self.title);
        out.push('.');
        for part in [
            Some(self.number.clone()).filter(|n| !n.is_empty()),
            Some(self.publisher.clone()).filter(|p| !p.is_empty()),
            page.section(),
            page.url(self),
        ]
        .into_iter()
        .flatten()
        {
            let _ = write!(out, " {part}");
            if !part.ends_with('.') && !part.contains("://") {
                out.push('.');
            }
        }
        out
    }

    /// The "Cite this" block at the end of a page's text: a `<details>` that works without
    /// JavaScript (the formats can be selected and copied); `theme/report.js` adds copy and
    /// download buttons and the paragraph's address. It is put into rendered HTML, never into
    /// Markdown, so [`html::attr`] is the escape its text needs.
    pub fn block(&self, page: Page<'_>) -> String {
        let url = page.url(self).map_or(String::new(), |u| {
            format!(" data-url=\"{}\"", html::attr(&u))
        });
        let mut out = format!(
            "<details class=\"report-cite report-generated\" data-search=\"skip\"{url}>\n\
             <summary>Cite this page</summary>\n\
             <p class=\"report-cite-reference\">{reference}</p>\n",
            reference = html::attr(&self.reference(page)),
        );
        for (format, label, ext, text) in [
            ("bibtex", "BibTeX", "bib", self.bibtex(page)),
            ("ris", "RIS", "ris", self.ris(page)),
            ("csl-json", "CSL-JSON", "json", self.csl_json(page)),
        ] {
            let _ = writeln!(
                out,
                "<figure class=\"report-cite-format\" data-format=\"{format}\" data-file=\"{file}\">\
                 <figcaption>{label}</figcaption><pre>{text}</pre></figure>",
                file = html::attr(&format!("{}.{ext}", self.key)),
                text = html::attr(&text),
            );
        }
        out.push_str("</details>\n");
        out
    }

    /// `CITATION.cff` (Citation File Format 1.2.0) for the book's repository: the book as a
    /// dataset whose preferred citation is the report.
    pub fn cff(&self) -> String {
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
        let landing = Page {
            title: "About",
            path: "index.html",
        };
        assert_eq!(
            landing.url(&c).as_deref(),
            Some("https://example.org/water/")
        );
    }

    #[test]
    fn bibtex_escapes_its_specials_and_braces_organisations() {
        let c = Citation::from_config(&cfg(BOOK));
        assert_eq!(
            c.bibtex(CHAPTER),
            "@techreport{ewc2030,\n  author = {{Example Water Commission} and Doe, Jane},\n  \
             title = {Water \\& Sanitation: 100\\% \\#goals},\n  institution = {United Nations},\n  \
             publisher = {United Nations},\n  number = {E/2030/1},\n  year = {2030},\n  month = jun,\n  \
             note = {Section: 2. Cooperation},\n  url = {https://example.org/water/part/cooperation.html},\n  \
             language = {en},\n}\n"
        );
    }

    #[test]
    fn ris_has_one_tag_a_line_and_ends_with_er() {
        let c = Citation::from_config(&cfg(BOOK));
        assert_eq!(
            c.ris(CHAPTER),
            "TY  - RPRT\nAU  - Example Water Commission\nAU  - Doe, Jane\nTI  - Water & Sanitation: 100% #goals\n\
             PY  - 2030\nDA  - 2030/06//\nPB  - United Nations\nSN  - E/2030/1\nN1  - Section: 2. Cooperation\n\
             UR  - https://example.org/water/part/cooperation.html\nLA  - en\nER  - \n"
        );
    }

    #[test]
    fn csl_json_is_one_report_item_with_people_and_organisations_apart() {
        let c = Citation::from_config(&cfg(BOOK));
        let text = c.csl_json(CHAPTER);
        assert_eq!(
            text,
            "[{\n  \"id\": \"ewc2030\",\n  \"type\": \"report\",\n  \"title\": \"Water & Sanitation: 100% #goals\",\n  \
             \"author\": [{\"literal\":\"Example Water Commission\"},{\"family\":\"Doe\",\"given\":\"Jane\"}],\n  \
             \"issued\": {\"date-parts\":[[2030,6]]},\n  \"publisher\": \"United Nations\",\n  \"number\": \"E/2030/1\",\n  \
             \"note\": \"Section: 2. Cooperation\",\n  \"URL\": \"https://example.org/water/part/cooperation.html\",\n  \
             \"language\": \"en\"\n}]\n"
        );
        let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(parsed[0]["issued"]["date-parts"][0][1], 6);
    }

    #[test]
    fn the_head_gets_canonical_and_highwire_tags() {
        let c = Citation::from_config(&cfg(BOOK));
        assert_eq!(
            c.head_tags(CHAPTER),
            "<link rel=\"canonical\" href=\"https://example.org/water/part/cooperation.html\">\n        \
             <meta name=\"citation_title\" content=\"Water &amp; Sanitation: 100% #goals\">\n        \
             <meta name=\"citation_author\" content=\"Example Water Commission\">\n        \
             <meta name=\"citation_author\" content=\"Doe, Jane\">\n        \
             <meta name=\"citation_publication_date\" content=\"2030/06\">\n        \
             <meta name=\"citation_technical_report_institution\" content=\"United Nations\">\n        \
             <meta name=\"citation_technical_report_number\" content=\"E/2030/1\">\n        \
             <meta name=\"citation_publisher\" content=\"United Nations\">\n        \
             <meta name=\"citation_language\" content=\"en\">\n        \
             <meta name=\"citation_fulltext_html_url\" content=\"https://example.org/water/part/cooperation.html\">"
        );
    }

    #[test]
    fn without_a_site_address_nothing_claims_one() {
        let c = Citation::from_config(&cfg("[book]\ntitle = \"T\"\nauthors = [\"A B\"]\n"));
        assert_eq!(c.key, "ab");
        assert_eq!(CHAPTER.url(&c), None);
        assert_eq!(
            c.head_tags(CHAPTER),
            "<meta name=\"citation_title\" content=\"T\">\n        <meta name=\"citation_author\" content=\"A B\">\n        \
             <meta name=\"citation_language\" content=\"en\">"
        );
        assert_eq!(
            c.ris(CHAPTER),
            "TY  - RPRT\nAU  - A B\nTI  - T\nN1  - Section: 2. Cooperation\nLA  - en\nER  - \n"
        );
        assert!(!c.block(CHAPTER).contains("http"));
    }

    #[test]
    fn the_block_shows_the_three_formats_escaped() {
        let c = Citation::from_config(&cfg(BOOK));
        let block = c.block(CHAPTER);
        assert!(block.starts_with(
            "<details class=\"report-cite report-generated\" data-search=\"skip\" data-url=\"https://example.org/water/part/cooperation.html\">\n\
             <summary>Cite this page</summary>\n\
             <p class=\"report-cite-reference\">Example Water Commission; Doe, Jane (2030). Water &amp; Sanitation: 100% #goals. E/2030/1. United Nations. Section: 2. Cooperation. https://example.org/water/part/cooperation.html</p>\n"
        ), "{block}");
        for (format, file) in [
            ("bibtex", "ewc2030.bib"),
            ("ris", "ewc2030.ris"),
            ("csl-json", "ewc2030.json"),
        ] {
            assert!(
                block.contains(&format!("data-format=\"{format}\" data-file=\"{file}\"")),
                "{format}"
            );
        }
        assert!(block.contains("<pre>TY  - RPRT\n"));
        assert!(block.contains("&quot;type&quot;: &quot;report&quot;"));
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
