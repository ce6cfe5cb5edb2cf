//! The result of a check: problems, external links, counts; as text lines or JSON.

use super::external::Outcome;
use crate::base::text::plural;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::{self, Write};
use std::path::{Path, PathBuf};

/// The kinds of problem, with stable codes (kebab-case, as in the text and JSON output).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A link to a page or file that is not in the site.
    MissingFile,
    /// A stylesheet, script, image, font… that is not in the site.
    MissingAsset,
    /// A `#fragment` that no `id` (or `<a name>`) on the target page matches.
    MissingFragment,
    /// A text fragment (`#:~:text=…`) whose text is not on the target page, or that browsers
    /// cannot read.
    MissingTextFragment,
    /// Two or more elements with the same `id` on one page.
    DuplicateId,
    /// An empty `href` or `src`.
    EmptyHref,
    /// `href="#"`: a link that goes nowhere.
    HashOnlyHref,
    /// A link to a `data:` address, which browsers refuse to open from a page.
    DataHref,
    /// A page that no table-of-contents entry links to.
    UnreachablePage,
    /// An external link that answered with an error status or not at all (`--external`).
    BrokenExternal,
}

impl Kind {
    /// The stable code, e.g. `missing-fragment`.
    pub fn code(self) -> &'static str {
        match self {
            Kind::MissingFile => "missing-file",
            Kind::MissingAsset => "missing-asset",
            Kind::MissingFragment => "missing-fragment",
            Kind::MissingTextFragment => "missing-text-fragment",
            Kind::DuplicateId => "duplicate-id",
            Kind::EmptyHref => "empty-href",
            Kind::HashOnlyHref => "hash-only-href",
            Kind::DataHref => "data-href",
            Kind::UnreachablePage => "unreachable-page",
            Kind::BrokenExternal => "broken-external",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Where in the Markdown sources a problem comes from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Source {
    /// The chapter file, relative to the current directory (e.g. `src/introduction.md`).
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.path, self.line, self.column)
    }
}

/// One problem on one page.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Problem {
    /// The page (or stylesheet), relative to the site directory, with `/`.
    pub page: String,
    /// What is wrong.
    pub kind: Kind,
    /// The URL as written in the page, or the duplicated id; `None` for empty links and
    /// unreachable pages.
    pub target: Option<String>,
    /// One sentence for people.
    pub message: String,
    /// The Markdown line the faulty link comes from, when the page is a chapter and the link is
    /// written in it (links that preprocessors generate have none).
    pub source: Option<Source>,
}

/// One external URL and the pages that use it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExternalLink {
    /// The URL as written.
    pub url: String,
    /// The pages that link to it, sorted.
    pub pages: Vec<String>,
    /// The result of fetching it; `None` unless `--external` (and never for `mailto:`).
    pub check: Option<Outcome>,
    /// For a web archive's copy (`…/20300214/https://…`): the address it archives.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub archive_of: Option<String>,
    /// The site's links to archived copies of this address, sorted.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub archived_copies: Vec<String>,
}

/// Everything one check found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The site directory as given.
    pub site: PathBuf,
    /// HTML pages read.
    pub pages: usize,
    /// Local links (and stylesheet `url()`s) resolved.
    pub links: usize,
    /// Problems, each once, sorted by page, kind and target.
    pub problems: Vec<Problem>,
    /// Number of problems of each kind present.
    pub counts: BTreeMap<Kind, usize>,
    /// External links, sorted by URL.
    pub external: Vec<ExternalLink>,
}

impl Report {
    /// Whether nothing is wrong.
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }

    /// Sorts the problems, drops repeats (print.html holds every chapter's links once more) and
    /// counts them by kind.
    pub(super) fn finish(&mut self) {
        self.problems.sort();
        self.problems.dedup_by(|a, b| {
            (&a.page, a.kind, &a.target, &a.message) == (&b.page, b.kind, &b.target, &b.message)
        });
        self.counts.clear();
        for problem in &self.problems {
            *self.counts.entry(problem.kind).or_default() += 1;
        }
    }

    /// One line per problem (`PAGE: error: MESSAGE (SOURCE) [CODE]`), one per external link
    /// (`external: URL [STATUS] (PAGES)`), then the summary line.
    pub fn render_text(&self) -> String {
        let mut out = String::new();
        for problem in &self.problems {
            let _ = write!(
                out,
                "{}: error: {}",
                display_path(&self.site, &problem.page),
                problem.message
            );
            if let Some(source) = &problem.source {
                let _ = write!(out, " ({source})");
            }
            let _ = writeln!(out, " [{}]", problem.kind);
        }
        for link in &self.external {
            let _ = write!(out, "external: {}", link.url);
            if let Some(check) = &link.check {
                let _ = write!(out, " [{check}]");
            }
            let _ = writeln!(out, " ({})", link.pages.join(", "));
            // A failing address: where its archived copies are, and what the archive answered.
            if link.check.as_ref().is_some_and(|c| !c.is_ok()) {
                for copy in &link.archived_copies {
                    let _ = write!(out, "  archived copy: {copy}");
                    if let Some(check) = self.check_of(copy) {
                        let _ = write!(out, " [{check}]");
                    }
                    out.push('\n');
                }
            }
        }
        out.push_str(&self.summary());
        out.push('\n');
        out
    }

    /// `16 pages, 412 links: 2 problems (1 missing-file, 1 missing-fragment); 21 external links
    /// listed, not checked (--external checks them)`.
    pub fn summary(&self) -> String {
        let mut out = format!(
            "{}, {}: ",
            plural(self.pages, "page"),
            plural(self.links, "link")
        );
        if self.problems.is_empty() {
            out.push_str("no problems");
        } else {
            let kinds: Vec<String> = self
                .counts
                .iter()
                .map(|(kind, n)| format!("{n} {kind}"))
                .collect();
            let _ = write!(
                out,
                "{} ({})",
                plural(self.problems.len(), "problem"),
                kinds.join(", ")
            );
        }
        let checked: Vec<&Outcome> = self
            .external
            .iter()
            .filter_map(|l| l.check.as_ref())
            .collect();
        if self.external.is_empty() {
            out.push_str("; no external links");
            return out;
        }
        let _ = write!(out, "; {}", plural(self.external.len(), "external link"));
        if checked.is_empty() {
            out.push_str(" listed, not checked (--external checks them)");
        } else {
            let broken = checked.iter().filter(|c| !c.is_ok()).count();
            let cached = checked.iter().filter(|c| c.cached).count();
            let _ = write!(out, ", {} checked: {broken} broken", checked.len());
            let rescued = self
                .external
                .iter()
                .filter(|l| l.check.as_ref().is_some_and(|c| !c.is_ok()))
                .filter(|l| !l.archived_copies.is_empty())
                .collect::<Vec<_>>();
            if !rescued.is_empty() {
                let answering = rescued
                    .iter()
                    .filter(|l| {
                        l.archived_copies
                            .iter()
                            .any(|c| self.check_of(c).is_some_and(Outcome::is_ok))
                    })
                    .count();
                let _ = write!(
                    out,
                    " ({} with an archived copy, {answering} of which answers)",
                    rescued.len()
                );
            }
            let _ = write!(out, ", {cached} from the cache");
        }
        out
    }

    /// The outcome of fetching the external link `url`, when it was fetched.
    pub fn check_of(&self, url: &str) -> Option<&Outcome> {
        self.external
            .binary_search_by(|l| l.url.as_str().cmp(url))
            .ok()
            .and_then(|i| self.external[i].check.as_ref())
    }
}

/// `book/intro.html` for page `intro.html` of site `book`; the bare page for site `.`.
fn display_path(site: &Path, page: &str) -> String {
    if site == Path::new(".") || site.as_os_str().is_empty() {
        page.to_owned()
    } else {
        format!(
            "{}/{page}",
            site.display().to_string().trim_end_matches('/')
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(page: &str, kind: Kind, target: &str) -> Problem {
        Problem {
            page: page.into(),
            kind,
            target: Some(target.into()),
            message: format!("bad `{target}`"),
            source: None,
        }
    }

    #[test]
    fn reports_each_problem_once_sorted_with_a_summary() {
        let mut report = Report {
            site: "book/html/".into(),
            pages: 3,
            links: 1,
            problems: vec![
                problem("print.html", Kind::MissingFile, "x.html"),
                problem("a.html", Kind::MissingFragment, "#y"),
                problem("print.html", Kind::MissingFile, "x.html"),
            ],
            counts: BTreeMap::new(),
            external: vec![ExternalLink {
                url: "https://un.org".into(),
                pages: vec!["a.html".into(), "print.html".into()],
                check: None,
                archive_of: None,
                archived_copies: Vec::new(),
            }],
        };
        report.problems[1].source = Some(Source {
            path: "src/a.md".into(),
            line: 3,
            column: 9,
        });
        report.finish();
        assert_eq!(
            report.render_text(),
            "book/html/a.html: error: bad `#y` (src/a.md:3:9) [missing-fragment]\n\
             book/html/print.html: error: bad `x.html` [missing-file]\n\
             external: https://un.org (a.html, print.html)\n\
             3 pages, 1 link: 2 problems (1 missing-file, 1 missing-fragment); \
             1 external link listed, not checked (--external checks them)\n"
        );
    }

    fn outcome(status: Option<u16>, cached: bool) -> Outcome {
        Outcome {
            status,
            final_url: None,
            error: None,
            cached,
        }
    }

    fn external(url: &str, check: Option<Outcome>, archived_copies: &[&str]) -> ExternalLink {
        ExternalLink {
            url: url.into(),
            pages: vec!["a.html".into()],
            check,
            archive_of: None,
            archived_copies: archived_copies.iter().map(|&c| c.into()).collect(),
        }
    }

    fn report(problems: Vec<Problem>, external: Vec<ExternalLink>) -> Report {
        let mut report = Report {
            site: ".".into(),
            pages: 1,
            links: 2,
            problems,
            counts: BTreeMap::new(),
            external,
        };
        report.finish();
        report
    }

    #[test]
    fn is_clean_only_without_problems() {
        assert!(report(Vec::new(), Vec::new()).is_clean());
        let broken = report(vec![problem("a.html", Kind::EmptyHref, "")], Vec::new());
        assert!(!broken.is_clean());
    }

    #[test]
    fn counts_problems_by_kind_and_drops_repeats_whatever_their_source() {
        let mut located = problem("a.html", Kind::MissingFile, "x.html");
        located.source = Some(Source {
            path: "src/a.md".into(),
            line: 1,
            column: 1,
        });
        let report = report(
            vec![
                problem("b.html", Kind::MissingFile, "y.html"),
                located,
                problem("a.html", Kind::MissingFile, "x.html"),
                problem("a.html", Kind::MissingFile, "z.html"),
                problem("a.html", Kind::DuplicateId, "x"),
            ],
            Vec::new(),
        );
        let seen: Vec<(&str, Kind, Option<&str>)> = report
            .problems
            .iter()
            .map(|p| (p.page.as_str(), p.kind, p.target.as_deref()))
            .collect();
        assert_eq!(
            seen,
            [
                ("a.html", Kind::MissingFile, Some("x.html")),
                ("a.html", Kind::MissingFile, Some("z.html")),
                ("a.html", Kind::DuplicateId, Some("x")),
                ("b.html", Kind::MissingFile, Some("y.html")),
            ]
        );
        // The one kept is the first in order: without a source.
        assert_eq!(report.problems[0].source, None);
        assert_eq!(
            report.counts,
            BTreeMap::from([(Kind::MissingFile, 3), (Kind::DuplicateId, 1)])
        );
        assert_eq!(
            report.summary(),
            "1 page, 2 links: 4 problems (3 missing-file, 1 duplicate-id); no external links"
        );
    }

    #[test]
    fn problems_on_different_pages_or_with_different_messages_are_kept() {
        let mut reworded = problem("a.html", Kind::MissingFile, "x.html");
        reworded.message = "other".into();
        let report = report(
            vec![
                problem("a.html", Kind::MissingFile, "x.html"),
                reworded,
                problem("b.html", Kind::MissingFile, "x.html"),
            ],
            Vec::new(),
        );
        assert_eq!(report.problems.len(), 3);
        assert_eq!(report.counts, BTreeMap::from([(Kind::MissingFile, 3)]));
    }

    #[test]
    fn every_kind_has_its_stable_code_in_text_and_json() {
        let kinds = [
            (Kind::MissingFile, "missing-file"),
            (Kind::MissingAsset, "missing-asset"),
            (Kind::MissingFragment, "missing-fragment"),
            (Kind::MissingTextFragment, "missing-text-fragment"),
            (Kind::DuplicateId, "duplicate-id"),
            (Kind::EmptyHref, "empty-href"),
            (Kind::HashOnlyHref, "hash-only-href"),
            (Kind::DataHref, "data-href"),
            (Kind::UnreachablePage, "unreachable-page"),
            (Kind::BrokenExternal, "broken-external"),
        ];
        for (kind, code) in kinds {
            assert_eq!(kind.code(), code);
            assert_eq!(kind.to_string(), code);
            assert_eq!(serde_json::to_value(kind).unwrap(), code);
        }
    }

    #[test]
    fn a_source_is_shown_as_path_line_and_column() {
        let source = Source {
            path: "src/a b.md".into(),
            line: 12,
            column: 7,
        };
        assert_eq!(source.to_string(), "src/a b.md:12:7");
    }

    #[test]
    fn pages_are_shown_under_the_site_directory_unless_it_is_the_current_one() {
        assert_eq!(display_path(Path::new("."), "a/b.html"), "a/b.html");
        assert_eq!(display_path(Path::new(""), "a/b.html"), "a/b.html");
        assert_eq!(display_path(Path::new("book"), "a.html"), "book/a.html");
        assert_eq!(display_path(Path::new("book//"), "a.html"), "book/a.html");
        assert_eq!(display_path(Path::new("./book"), "a.html"), "./book/a.html");
    }

    #[test]
    fn counts_are_singular_for_one_only() {
        assert_eq!(plural(0, "page"), "0 pages");
        assert_eq!(plural(1, "page"), "1 page");
        assert_eq!(plural(2, "external link"), "2 external links");
    }

    #[test]
    fn finds_the_check_of_an_external_link_by_its_url() {
        let report = report(
            Vec::new(),
            vec![
                external("https://a.org", Some(outcome(Some(200), false)), &[]),
                external("https://b.org", None, &[]),
                external("https://c.org", Some(outcome(Some(404), true)), &[]),
            ],
        );
        assert_eq!(
            report.check_of("https://a.org"),
            Some(&outcome(Some(200), false))
        );
        assert_eq!(
            report.check_of("https://c.org"),
            Some(&outcome(Some(404), true))
        );
        assert_eq!(report.check_of("https://b.org"), None);
        assert_eq!(report.check_of("https://d.org"), None);
    }

    #[test]
    fn lists_external_links_checked_broken_cached_and_their_archived_copies() {
        let archive = "https://web.archive.org/web/2014/https://b.org";
        let dead_archive = "https://web.archive.org/web/2014/https://c.org";
        let report = report(
            Vec::new(),
            vec![
                external("https://a.org", Some(outcome(Some(200), true)), &[]),
                external("https://b.org", Some(outcome(Some(404), false)), &[archive]),
                external("https://c.org", Some(outcome(None, false)), &[dead_archive]),
                external("https://d.org", Some(outcome(Some(500), true)), &[]),
                external("https://e.org", Some(outcome(Some(301), false)), &[archive]),
                external(archive, Some(outcome(Some(200), false)), &[]),
                external(dead_archive, Some(outcome(Some(503), false)), &[]),
            ],
        );
        assert_eq!(
            report.render_text(),
            "external: https://a.org [200, cached] (a.html)\n\
             external: https://b.org [404] (a.html)\n  \
             archived copy: https://web.archive.org/web/2014/https://b.org [200]\n\
             external: https://c.org [no answer] (a.html)\n  \
             archived copy: https://web.archive.org/web/2014/https://c.org [503]\n\
             external: https://d.org [500, cached] (a.html)\n\
             external: https://e.org [301] (a.html)\n\
             external: https://web.archive.org/web/2014/https://b.org [200] (a.html)\n\
             external: https://web.archive.org/web/2014/https://c.org [503] (a.html)\n\
             1 page, 2 links: no problems; 7 external links, 7 checked: 4 broken \
             (2 with an archived copy, 1 of which answers), 2 from the cache\n"
        );
    }

    #[test]
    fn an_archived_copy_never_checked_is_listed_without_a_status() {
        let archive = "https://web.archive.org/web/2014/https://b.org";
        let report = report(
            Vec::new(),
            vec![external(
                "https://b.org",
                Some(outcome(Some(404), false)),
                &[archive],
            )],
        );
        assert_eq!(
            report.render_text(),
            "external: https://b.org [404] (a.html)\n  \
             archived copy: https://web.archive.org/web/2014/https://b.org\n\
             1 page, 2 links: no problems; 1 external link, 1 checked: 1 broken \
             (1 with an archived copy, 0 of which answers), 0 from the cache\n"
        );
    }

    #[test]
    fn without_a_broken_link_no_archived_copies_are_counted() {
        let report = report(
            Vec::new(),
            vec![
                external(
                    "https://a.org",
                    Some(outcome(Some(204), false)),
                    &["https://x.org"],
                ),
                external("https://b.org", None, &[]),
            ],
        );
        assert_eq!(
            report.summary(),
            "1 page, 2 links: no problems; 2 external links, 1 checked: 0 broken, 0 from the cache"
        );
    }
}
