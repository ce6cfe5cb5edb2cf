//! The checks over a whole site: list its files, read every page once (on all cores, largest
//! first), then resolve every link against the file list and the pages' ids.

use super::extract::{self, Link, Role};
use super::report::{ExternalLink, Kind, Problem, Report};
use super::source::{self, Book, Locator};
use super::url::{self, Url};
use super::{Options, external};
use anyhow::Context;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Pages that no table-of-contents entry needs to reach: the print page, the TOC itself, the
/// landing page (the first chapter's copy) and the 404 page (added from `book.toml`).
const NOT_IN_TOC: &[&str] = &["print.html", "toc.html", "index.html"];

/// Checks the site in `site` (see the module documentation of [`super`]).
pub fn check_site(site: &Path, options: &Options) -> anyhow::Result<Report> {
    let book = match &options.book {
        Some(root) => Book::load(root)?,
        None => None,
    };
    let files = Files::scan(site)?;
    let pages = read_pages(site, &files.html, &files.html_sizes)?;
    let mut checker = Checker {
        files: &files,
        anchors: files
            .html
            .iter()
            .map(String::as_str)
            .zip(pages.iter().map(|p| &p.anchors))
            .collect(),
        site_prefix: book.as_ref().map_or("/", |b| b.site_prefix.as_str()),
        problems: Vec::new(),
        external: BTreeMap::new(),
        links: 0,
    };

    let mut toc_targets = None;
    for (name, page) in files.html.iter().zip(&pages) {
        let targets = checker.page(name, page);
        if name == "toc.html" {
            toc_targets = Some(targets);
        }
    }
    for name in &files.css {
        let css = read(&site.join(name))?;
        checker.links(name, url::dir_of(name), &extract::stylesheet(&css));
    }
    if toc_targets.is_none() {
        toc_targets = checker.toc_scripts(site)?;
    }
    if let Some(reached) = toc_targets {
        let not_found = book.as_ref().map_or("404.html", |b| &b.not_found_page);
        for (name, page) in files.html.iter().zip(&pages) {
            let exempt = NOT_IN_TOC.contains(&name.as_str()) || name == not_found || page.redirect;
            if !exempt && !reached.contains(name) {
                let message = "no table-of-contents entry links to this page".to_owned();
                checker.problem(name, Kind::UnreachablePage, None, message);
            }
        }
    }

    let mut report = Report {
        site: site.to_path_buf(),
        pages: pages.len(),
        links: checker.links,
        problems: checker.problems,
        counts: BTreeMap::new(),
        external: checker
            .external
            .into_iter()
            .map(|(url, pages)| ExternalLink {
                archive_of: external::archived_address(&url).map(String::from),
                url,
                pages: pages.into_iter().collect(),
                check: None,
                archived_copies: Vec::new(),
            })
            .collect(),
    };
    pair_archived_copies(&mut report.external);
    if let Some(options) = &options.external {
        fetch_external(&mut report, options)?;
    }
    report.finish();
    if let Some(book) = &book {
        let mut locator = Locator::new(book);
        for problem in &mut report.problems {
            problem.source = locator.locate(&problem.page, &needles(problem));
        }
    }
    Ok(report)
}

/// Gives every external address the site's links to its archived copies (links of the form
/// `…/<timestamp>/<address>`, as the Wayback Machine and other web archives write them),
/// compared without `#fragment`s.
fn pair_archived_copies(external: &mut [ExternalLink]) {
    let bare = |u: &str| u.split_once('#').map_or(u, |(b, _)| b).to_owned();
    let mut copies: HashMap<String, Vec<String>> = HashMap::new();
    for link in external.iter() {
        if let Some(of) = &link.archive_of {
            copies.entry(bare(of)).or_default().push(link.url.clone());
        }
    }
    for link in external.iter_mut().filter(|l| l.archive_of.is_none()) {
        if let Some(found) = copies.get(&bare(&link.url)) {
            link.archived_copies = found.clone();
            link.archived_copies.sort();
        }
    }
}

/// Fetches the report's external links; each failure is a problem on every page using it, and
/// a failing address says where its archived copies are and what the archive answered.
fn fetch_external(report: &mut Report, options: &external::Options) -> anyhow::Result<()> {
    let urls: Vec<&str> = report.external.iter().map(|l| l.url.as_str()).collect();
    let outcomes = external::check(&urls, options)?;
    for (link, outcome) in report.external.iter_mut().zip(outcomes) {
        link.check = outcome;
    }
    let mut problems = Vec::new();
    for link in &report.external {
        let Some(outcome) = link.check.as_ref().filter(|o| !o.is_ok()) else {
            continue;
        };
        let mut message = match &link.archive_of {
            Some(of) => format!("broken archived copy `{}` of `{of}`: {outcome}", link.url),
            None => format!("broken external link `{}`: {outcome}", link.url),
        };
        for copy in &link.archived_copies {
            match report.check_of(copy) {
                Some(answer) => {
                    let _ = write!(message, "; archived copy `{copy}`: {answer}");
                }
                None => {
                    let _ = write!(message, "; archived copy `{copy}`");
                }
            }
        }
        for page in &link.pages {
            problems.push(Problem {
                page: page.clone(),
                kind: Kind::BrokenExternal,
                target: Some(link.url.clone()),
                message: message.clone(),
                source: None,
            });
        }
    }
    report.problems.extend(problems);
    Ok(())
}

/// A text file of the site (bytes that are not UTF-8 become U+FFFD).
fn read(path: &Path) -> anyhow::Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => String::from_utf8_lossy(err.as_bytes()).into_owned(),
    })
}

/// What to search the Markdown for to find the cause of `problem`.
fn needles(problem: &Problem) -> Vec<String> {
    match (problem.kind, &problem.target) {
        (Kind::UnreachablePage, _) => Vec::new(),
        (Kind::EmptyHref, _) => vec!["href=\"\"".into(), "src=\"\"".into(), "]()".into()],
        (Kind::HashOnlyHref, _) => vec!["href=\"#\"".into(), "](#)".into()],
        (Kind::DuplicateId, Some(id)) => vec![format!("id=\"{id}\""), format!("{{#{id}")],
        (_, Some(url)) => source::link_needles(url),
        (_, None) => Vec::new(),
    }
}

/// The files of the site, as `/`-separated paths relative to it.
struct Files {
    /// Every file.
    all: HashSet<String>,
    /// Every directory, ending in `/` (the root is `""`).
    dirs: HashSet<String>,
    /// HTML pages, sorted.
    html: Vec<String>,
    /// Stylesheets, sorted.
    css: Vec<String>,
    /// The size of each HTML page, to read the largest first.
    html_sizes: Vec<u64>,
}

impl Files {
    fn scan(site: &Path) -> anyhow::Result<Files> {
        let mut files = Files {
            all: HashSet::new(),
            dirs: HashSet::from([String::new()]),
            html: Vec::new(),
            css: Vec::new(),
            html_sizes: Vec::new(),
        };
        let mut pending = vec![String::new()];
        let mut html = Vec::new();
        while let Some(dir) = pending.pop() {
            let path = site.join(&dir);
            let entries = std::fs::read_dir(&path)
                .with_context(|| format!("cannot read the site directory {}", path.display()))?;
            for entry in entries {
                let entry = entry.with_context(|| format!("cannot read {}", path.display()))?;
                let name = format!("{dir}{}", entry.file_name().to_string_lossy());
                let meta = std::fs::metadata(entry.path())
                    .with_context(|| format!("cannot read {}", entry.path().display()))?;
                if meta.is_dir() {
                    files.dirs.insert(format!("{name}/"));
                    pending.push(format!("{name}/"));
                    continue;
                }
                let lower = name.to_ascii_lowercase();
                if lower.ends_with(".html") || lower.ends_with(".htm") {
                    html.push((name.clone(), meta.len()));
                } else if lower.ends_with(".css") {
                    files.css.push(name.clone());
                }
                files.all.insert(name);
            }
        }
        html.sort();
        (files.html, files.html_sizes) = html.into_iter().unzip();
        files.css.sort();
        Ok(files)
    }

    /// The file a resolved path names: itself, or `index.html` for a directory; else the file
    /// that was looked for.
    fn file(&self, resolved: &str) -> Result<String, String> {
        let wanted = if resolved.is_empty() || resolved.ends_with('/') {
            format!("{resolved}index.html")
        } else if self.dirs.contains(&format!("{resolved}/")) {
            format!("{resolved}/index.html")
        } else {
            resolved.to_owned()
        };
        if self.all.contains(&wanted) {
            Ok(wanted)
        } else {
            Err(wanted)
        }
    }
}

/// Reads and extracts every page on all cores, the largest first so that one big page
/// (print.html) does not finish last, alone.
fn read_pages(site: &Path, html: &[String], sizes: &[u64]) -> anyhow::Result<Vec<extract::Page>> {
    let mut order: Vec<usize> = (0..html.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(sizes[i]));
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(html.len())
        .max(1);
    let next = AtomicUsize::new(0);
    let read = || -> anyhow::Result<Vec<(usize, extract::Page)>> {
        let mut done = Vec::new();
        while let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
            done.push((i, extract::page(&read(&site.join(&html[i]))?)));
        }
        Ok(done)
    };
    let results: Vec<_> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads).map(|_| scope.spawn(read)).collect();
        workers
            .into_iter()
            .map(|w| {
                w.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    let mut pages: Vec<Option<extract::Page>> = vec![None; html.len()];
    for result in results {
        for (i, page) in result? {
            pages[i] = Some(page);
        }
    }
    Ok(pages
        .into_iter()
        .map(|p| p.expect("every page was read"))
        .collect())
}

/// Resolves links and collects what is wrong.
struct Checker<'a> {
    files: &'a Files,
    anchors: HashMap<&'a str, &'a HashSet<Box<str>>>,
    site_prefix: &'a str,
    problems: Vec<Problem>,
    /// URL → pages using it.
    external: BTreeMap<String, BTreeSet<String>>,
    links: usize,
}

impl Checker<'_> {
    /// Checks one page; returns the pages its links reach.
    fn page(&mut self, name: &str, page: &extract::Page) -> HashSet<String> {
        for (id, count) in &page.duplicate_ids {
            let message = format!("duplicate id `{id}` ({count} elements)");
            self.problem(name, Kind::DuplicateId, Some(id), message);
        }
        let page_dir = url::dir_of(name);
        let base = match &page.base {
            Some(base) => url::base_dir(page_dir, base, self.site_prefix),
            None => Some(page_dir.to_owned()),
        };
        match base {
            Some(base) => self.links(name, &base, &page.links),
            // A base on another site makes every relative link external: not ours to check.
            None => HashSet::new(),
        }
    }

    /// Checks links found in `name`, relative ones starting at `base_dir`; returns the files reached.
    fn links(&mut self, name: &str, base_dir: &str, links: &[Link]) -> HashSet<String> {
        let mut reached = HashSet::new();
        for link in links {
            match url::classify(&link.url) {
                Url::External => {
                    self.external
                        .entry(link.url.trim().to_owned())
                        .or_default()
                        .insert(name.to_owned());
                }
                Url::Other => {}
                Url::Empty => {
                    self.problem(
                        name,
                        Kind::EmptyHref,
                        None,
                        format!("empty `{}`", link.origin),
                    );
                }
                Url::HashOnly => {
                    let message = format!(
                        "`{}=\"#\">` links nowhere",
                        link.origin.trim_end_matches('>')
                    );
                    self.problem(name, Kind::HashOnlyHref, Some(&link.url), message);
                }
                Url::Local { path, fragment } => {
                    self.links += 1;
                    if let Some(target) = self.local(name, base_dir, link, path, fragment) {
                        reached.insert(target);
                    }
                }
            }
        }
        reached
    }

    /// Checks one local link; returns the file it reaches.
    fn local(
        &mut self,
        name: &str,
        base_dir: &str,
        link: &Link,
        path: &str,
        fragment: Option<&str>,
    ) -> Option<String> {
        // `#x` means this page, as its author meant, even under a `<base>`.
        let resolved = if path.is_empty() {
            Ok(name.to_owned())
        } else {
            match url::resolve(base_dir, path, self.site_prefix) {
                Some(resolved) => self
                    .files
                    .file(&resolved)
                    .map_err(|wanted| format!("no file `{wanted}`")),
                None => Err("it leads out of the site".to_owned()),
            }
        };
        let target = match resolved {
            Ok(target) => target,
            Err(why) => {
                let (kind, message) = match link.role {
                    Role::Page => (
                        Kind::MissingFile,
                        format!("broken link `{}`: {why}", link.url),
                    ),
                    Role::Asset => (
                        Kind::MissingAsset,
                        format!("missing asset `{}` in `{}`: {why}", link.url, link.origin),
                    ),
                };
                self.problem(name, kind, Some(&link.url), message);
                return None;
            }
        };
        if let (Some(fragment), Some(anchors)) = (fragment, self.anchors.get(target.as_str())) {
            let found = fragment.is_empty()
                || anchors.contains(fragment)
                || url::decoded_fragment(fragment).is_some_and(|f| anchors.contains(f.as_str()))
                // Browsers scroll to the top for `#top` when no element has that id.
                || fragment.eq_ignore_ascii_case("top");
            if !found {
                let message = format!(
                    "broken fragment `#{fragment}` in link `{}`: no id `{fragment}` on `{target}`",
                    link.url
                );
                self.problem(name, Kind::MissingFragment, Some(&link.url), message);
            }
        }
        Some(target)
    }

    /// The pages linked from mdBook's sidebar script(s) at the site root (`toc-<hash>.js`, which
    /// holds the same TOC as toc.html); `None` when there is none.
    fn toc_scripts(&mut self, site: &Path) -> anyhow::Result<Option<HashSet<String>>> {
        let mut scripts: Vec<&String> = (self.files.all.iter())
            .filter(|f| f.starts_with("toc") && f.ends_with(".js") && !f.contains('/'))
            .collect();
        scripts.sort();
        let mut reached: Option<HashSet<String>> = None;
        for name in scripts {
            let links: Vec<Link> = extract::toc_script_links(&read(&site.join(name))?)
                .into_iter()
                .map(|url| Link {
                    url,
                    origin: "<a href>",
                    role: Role::Page,
                })
                .collect();
            let targets = self.links(name, "", &links);
            reached.get_or_insert_default().extend(targets);
        }
        Ok(reached)
    }

    fn problem(&mut self, page: &str, kind: Kind, target: Option<&str>, message: String) {
        self.problems.push(Problem {
            page: page.to_owned(),
            kind,
            target: target.map(str::to_owned),
            message,
            source: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_directory_means_its_index_page() {
        let set = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<HashSet<_>>();
        let files = Files {
            all: set(&["a/index.html", "b/x.css", "p.html"]),
            dirs: set(&["", "a/", "b/"]),
            html: Vec::new(),
            css: Vec::new(),
            html_sizes: Vec::new(),
        };
        assert_eq!(files.file("a/"), Ok("a/index.html".to_owned()));
        assert_eq!(files.file("a"), Ok("a/index.html".to_owned()));
        assert_eq!(files.file("p.html"), Ok("p.html".to_owned()));
        assert_eq!(files.file("b"), Err("b/index.html".to_owned()));
        assert_eq!(files.file(""), Err("index.html".to_owned()));
        assert_eq!(files.file("q.html"), Err("q.html".to_owned()));
    }
}
