//! The checks over a whole site: list its files, read every page once (on all cores, largest
//! first), then resolve every link against the file list and the pages' ids; read the pages
//! that text fragments point into for their text; drop what print.html (and index.html, when
//! it copies the first chapter) only repeats.

use super::extract::{self, Link, Role};
use super::report::{ExternalLink, Kind, Problem, Report};
use super::source::{self, Book, Locator};
use super::text::{self, PageText, TextDirective};
use super::url::{self, Base, Target};
use super::{Options, external};
use anyhow::Context;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Pages that no table-of-contents entry needs to reach: the print page, the TOC itself, the
/// landing page (the first chapter's copy) and the 404 page (added from `book.toml`).
const NOT_IN_TOC: &[&str] = &[PRINT, "toc.html", "index.html"];

/// mdBook's print page: every chapter once more, links between chapters rewritten into its own
/// fragments (`b.md#x` → `#x`, `b.md#` → `#`) and the others made relative to the root.
const PRINT: &str = "print.html";

/// Checks the site in `site` (see the module documentation of [`super`]).
pub fn check_site(site: &Path, options: &Options) -> anyhow::Result<Report> {
    check_read_site(site, options, ReadPages::default())
}

/// Checks the site in `site` as [`check_site`] does, with the pages already `read` (as they are
/// on disk: the post-build step's, [`crate::postbuild`]) taken as they are; the others are read
/// from disk.
pub fn check_read_site(
    site: &Path,
    options: &Options,
    read_before: ReadPages,
) -> anyhow::Result<Report> {
    let book = match &options.book {
        Some(root) => Book::load(root)?,
        None => None,
    };
    let files = Files::scan(site)?;
    let pages = read_pages(site, &files.html, &files.html_sizes, read_before)?;
    // The command line's siblings after the book's: the same prefix takes the later address.
    let mut siblings: Vec<(String, String)> = book
        .as_ref()
        .map(|b| b.siblings.clone())
        .unwrap_or_default();
    for (prefix, address) in &options.siblings {
        siblings.retain(|(p, _)| p != prefix);
        siblings.push((prefix.clone(), address.clone()));
    }
    let mut checker = Checker {
        files: &files,
        anchors: files
            .html
            .iter()
            .map(String::as_str)
            .zip(pages.iter().map(|p| &p.anchors))
            .collect(),
        site_prefix: book.as_ref().map_or("/", |b| b.site_prefix.as_str()),
        siblings: &siblings,
        found: Vec::new(),
        external: BTreeMap::new(),
        texts: Vec::new(),
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
        let from = Referrer::file(name);
        checker.links(&from, &extract::stylesheet(&css));
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
                checker.problem(name, Kind::UnreachablePage, None, message, String::new());
            }
        }
    }
    checker.find_texts(site)?;

    let index_copy_of = book.as_ref().and_then(Book::index_copy_of);
    let mut report = Report {
        site: site.to_path_buf(),
        pages: pages.len(),
        links: checker.links,
        problems: Vec::new(),
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
    let mut found = checker.found;
    if let Some(options) = &options.external {
        found.extend(fetch_external(&mut report, options)?);
    }
    report.problems = fold_copies(found, index_copy_of);
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
fn fetch_external(
    report: &mut Report,
    options: &external::Options,
) -> anyhow::Result<Vec<(Problem, Fault)>> {
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
            let problem = Problem {
                page: page.clone(),
                kind: Kind::BrokenExternal,
                target: Some(link.url.clone()),
                message: message.clone(),
                source: None,
            };
            problems.push((problem, Fault::new(Kind::BrokenExternal, &link.url)));
        }
    }
    Ok(problems)
}

/// What makes a problem on print.html the same as one on a chapter's page, where mdBook wrote
/// the link differently: its kind and what was looked for (the file, the id, the text …).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Fault {
    kind: Kind,
    wanted: String,
}

impl Fault {
    fn new(kind: Kind, wanted: &str) -> Fault {
        Fault {
            kind,
            wanted: wanted.to_owned(),
        }
    }
}

/// The problems, without those that only repeat another page's, so that each is reported
/// once, at its chapter's page, with its Markdown line:
///
/// - print.html's: a chapter's broken link is broken on print.html too, where mdBook rewrote it
///   (`b.md#x` → `#x`, `../x.md` → `x.html`), so a problem there is kept only when no other
///   page has the same fault; its `href="#"` never counts: it is a chapter's own (reported
///   there) or mdBook's rewrite of a valid link to a whole chapter (`b.md#`);
/// - index.html's, when it is mdBook's copy of the first chapter's page (`index_copy_of`): the
///   problems that page has too.
fn fold_copies(found: Vec<(Problem, Fault)>, index_copy_of: Option<&str>) -> Vec<Problem> {
    let elsewhere: HashSet<&Fault> = found
        .iter()
        .filter(|(p, _)| p.page != PRINT)
        .map(|(_, fault)| fault)
        .collect();
    let on_first_chapter: HashSet<(Kind, &Option<String>, &str)> = found
        .iter()
        .filter(|(p, _)| Some(p.page.as_str()) == index_copy_of)
        .map(|(p, _)| (p.kind, &p.target, p.message.as_str()))
        .collect();
    let kept: Vec<bool> = found
        .iter()
        .map(|(p, fault)| match p.page.as_str() {
            PRINT => p.kind != Kind::HashOnlyHref && !elsewhere.contains(fault),
            "index.html" => !on_first_chapter.contains(&(p.kind, &p.target, p.message.as_str())),
            _ => true,
        })
        .collect();
    found
        .into_iter()
        .zip(kept)
        .filter_map(|((problem, _), keep)| keep.then_some(problem))
        .collect()
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

    /// The file a resolved path (percent-encoded) names: itself, or `index.html` for a
    /// directory; else the file that was looked for.
    fn file(&self, path: &str) -> Result<String, String> {
        let resolved = url::file_path(path);
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
fn read_pages(
    site: &Path,
    html: &[String],
    sizes: &[u64],
    mut read_before: ReadPages,
) -> anyhow::Result<Vec<extract::Page>> {
    let mut pages: Vec<Option<extract::Page>> = html
        .iter()
        .map(|name| read_before.0.remove(name.as_str()).map(|p| p.0))
        .collect();
    let mut order: Vec<usize> = (0..html.len()).filter(|&i| pages[i].is_none()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(sizes[i]));
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(order.len())
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

/// A page of the site as the check reads it: its anchors, its links, its `<base>`.
#[derive(Debug, Clone)]
pub(crate) struct PageLinks(extract::Page);

impl PageLinks {
    /// Reads the page `html` (tokenized once, no DOM).
    pub(crate) fn read(html: &str) -> PageLinks {
        PageLinks(extract::page(html))
    }
}

/// Pages read before the check, by their path in the site (`agencies/who.html`), each as it
/// is on disk.
#[derive(Debug, Default)]
pub struct ReadPages(HashMap<String, PageLinks>);

impl ReadPages {
    /// Adds the page at `path`.
    pub(crate) fn insert(&mut self, path: String, page: PageLinks) {
        self.0.insert(path, page);
    }

    /// How many pages were read.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// No page was read.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The page (or stylesheet, or sidebar script) whose links are checked.
struct Referrer<'p> {
    /// Its path in the site.
    name: &'p str,
    /// Where its relative URLs start.
    base: Base,
    /// Its `<base href>`, named in the messages about relative links it redirects.
    base_href: Option<&'p str>,
}

impl<'p> Referrer<'p> {
    /// A file without `<base>`: its URLs start at itself.
    fn file(name: &'p str) -> Referrer<'p> {
        Referrer {
            name,
            base: Base::Local(name.to_owned()),
            base_href: None,
        }
    }
}

/// A text fragment to look for once every link is checked.
struct TextCheck {
    /// The page with the link, the link as written and the page it points into.
    page: String,
    url: String,
    target: String,
    /// The link's text directives.
    directives: Vec<TextDirective>,
    /// The problem of its id (message, id), when the page has no such id: a browser that finds
    /// none of the texts goes there.
    missing_id: Option<(String, String)>,
}

/// Resolves links and collects what is wrong.
struct Checker<'a> {
    files: &'a Files,
    anchors: HashMap<&'a str, &'a HashSet<Box<str>>>,
    site_prefix: &'a str,
    /// The sibling sites: (prefix from the root, address).
    siblings: &'a [(String, String)],
    found: Vec<(Problem, Fault)>,
    /// URL → pages using it.
    external: BTreeMap<String, BTreeSet<String>>,
    texts: Vec<TextCheck>,
    links: usize,
}

impl Checker<'_> {
    /// Checks one page; returns the pages its links reach.
    fn page(&mut self, name: &str, page: &extract::Page) -> HashSet<String> {
        for (id, count) in &page.duplicate_ids {
            let message = format!("duplicate id `{id}` ({count} elements)");
            self.problem(name, Kind::DuplicateId, Some(id), message, id.clone());
        }
        let from = Referrer {
            name,
            base: url::base_of(name, page.base.as_deref(), self.site_prefix),
            base_href: page.base.as_deref(),
        };
        self.links(&from, &page.links)
    }

    /// Checks the links found in a page or file; returns the files reached.
    fn links(&mut self, from: &Referrer<'_>, links: &[Link]) -> HashSet<String> {
        let mut reached = HashSet::new();
        for link in links {
            let written = link.url.trim_matches(|c: char| c <= ' ');
            let target = match link.role {
                // An empty form action submits to the page itself, whatever its `<base>`.
                Role::Form if written.is_empty() => continue,
                // CSS's `url(#x)` is an element of the page itself.
                Role::Style if written.starts_with('#') => url::resolve(
                    &Base::Local(from.name.to_owned()),
                    written,
                    self.site_prefix,
                ),
                _ => url::resolve(&from.base, &link.url, self.site_prefix),
            };
            match target {
                Target::External(url) => self.external_link(url, from.name),
                // Browsers refuse to open a `data:` address from a page (Chrome 60, Firefox
                // 59): the link does nothing. As an image or a stylesheet it loads.
                Target::Other if link.role == Role::Page && url::is_data(written) => {
                    let message = format!(
                        "`{}=\"data:…\">` does nothing: browsers do not open `data:` addresses from a page",
                        link.origin.trim_end_matches('>')
                    );
                    let target = Some(link.url.as_str());
                    self.problem(from.name, Kind::DataHref, target, message, link.origin);
                }
                Target::Other => {}
                Target::Empty => {
                    let message = if link.role == Role::Style {
                        format!("empty `url()` in `{}`: it loads nothing", link.origin)
                    } else {
                        format!("empty `{}`", link.origin)
                    };
                    self.problem(from.name, Kind::EmptyHref, None, message, link.origin);
                }
                Target::HashOnly => {
                    let message = format!(
                        "`{}=\"#\">` links nowhere",
                        link.origin.trim_end_matches('>')
                    );
                    self.problem(
                        from.name,
                        Kind::HashOnlyHref,
                        Some(&link.url),
                        message,
                        link.origin,
                    );
                }
                Target::Local(local) => {
                    if let Some(target) = self.local(from, link, &local) {
                        reached.insert(target);
                    }
                }
            }
        }
        reached
    }

    fn external_link(&mut self, url: String, page: &str) {
        self.external
            .entry(url)
            .or_default()
            .insert(page.to_owned());
    }

    /// Checks one local link; returns the file it reaches.
    fn local(&mut self, from: &Referrer<'_>, link: &Link, local: &url::Local) -> Option<String> {
        // Where a `<base href>` sent a relative link, the message says so.
        let rooted = link.url.trim_start().starts_with('/');
        let note = match from.base_href {
            Some(href) if !rooted => format!(" (the page's `<base href>` is `{href}`)"),
            _ => String::new(),
        };
        if local.leaves_site()
            && let Some(address) = url::sibling_address(local, self.siblings)
        {
            self.external_link(address, from.name);
            return None;
        }
        self.links += 1;
        let resolved = if local.leaves_site() {
            Err((out_of_site(&local.path), local.path.clone()))
        } else {
            self.files
                .file(&local.path)
                .map_err(|wanted| (format!("no file `{wanted}`"), wanted))
        };
        let target = match resolved {
            Ok(target) => target,
            Err((why, wanted)) => {
                let (kind, message) = if link.role.is_asset() {
                    let message = format!(
                        "missing asset `{}` in `{}`: {why}{note}",
                        link.url, link.origin
                    );
                    (Kind::MissingAsset, message)
                } else {
                    let message = format!("broken link `{}`: {why}{note}", link.url);
                    (Kind::MissingFile, message)
                };
                self.problem(from.name, kind, Some(&link.url), message, wanted);
                return None;
            }
        };
        let (Some(fragment), Some(anchors)) = (&local.fragment, self.anchors.get(target.as_str()))
        else {
            return Some(target);
        };
        // The id a browser looks for, without the fragment directive. With text directives it
        // is where the browser goes only when none of their texts is found.
        let (id, directive) = url::split_directive(fragment);
        let missing_id = (!url::finds_fragment(id, |f| anchors.contains(f))).then(|| {
            let written = link.url.split_once('#').map_or("", |(_, f)| f);
            let (written_id, _) = url::split_directive(written);
            let message = format!(
                "broken fragment `#{written_id}` in link `{}`: no id `{written_id}` on `{target}`{note}",
                link.url
            );
            let wanted = percent_encoding::percent_decode_str(id).decode_utf8_lossy();
            (message, wanted.into_owned())
        });
        let mut directives = Vec::new();
        for directive in text::directives(directive.unwrap_or_default()) {
            match directive {
                Ok(directive) => directives.push(directive),
                Err(value) => {
                    let message = format!(
                        "broken text fragment `text={value}` in link `{}`: browsers ignore it \
                         (a text fragment is `text=[prefix-,]start[,end][,-suffix]`, with `-`, `,` \
                         and `&` in the text written `%2D`, `%2C` and `%26`)",
                        link.url
                    );
                    let wanted = format!("text={value}");
                    let url = Some(link.url.as_str());
                    self.problem(from.name, Kind::MissingTextFragment, url, message, &wanted);
                }
            }
        }
        if directives.is_empty() {
            if let Some((message, wanted)) = missing_id {
                let url = Some(link.url.as_str());
                self.problem(from.name, Kind::MissingFragment, url, message, &wanted);
            }
        } else {
            self.texts.push(TextCheck {
                page: from.name.to_owned(),
                url: link.url.clone(),
                target: target.clone(),
                directives,
                missing_id,
            });
        }
        Some(target)
    }

    /// Looks for the texts of every text fragment on its page, reading each such page once.
    /// Each text not found is a problem; the link's id is one too when no text is found and
    /// the page has no such id.
    fn find_texts(&mut self, site: &Path) -> anyhow::Result<()> {
        let mut by_page: BTreeMap<String, Vec<TextCheck>> = BTreeMap::new();
        for check in std::mem::take(&mut self.texts) {
            by_page.entry(check.target.clone()).or_default().push(check);
        }
        for (target, checks) in by_page {
            let text = PageText::read(&read(&site.join(&target))?);
            for check in checks {
                let url = Some(check.url.as_str());
                let missing: Vec<&TextDirective> =
                    check.directives.iter().filter(|d| !text.finds(d)).collect();
                for directive in &missing {
                    let message = format!(
                        "broken text fragment in link `{}`: no text {directive} on `{target}`",
                        check.url
                    );
                    let wanted = directive.to_string();
                    self.problem(
                        &check.page,
                        Kind::MissingTextFragment,
                        url,
                        message,
                        &wanted,
                    );
                }
                if missing.len() == check.directives.len()
                    && let Some((message, wanted)) = check.missing_id
                {
                    self.problem(&check.page, Kind::MissingFragment, url, message, &wanted);
                }
            }
        }
        Ok(())
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
            // The sidebar's links are written from the site's root.
            let from = Referrer {
                name,
                base: Base::Local(String::new()),
                base_href: None,
            };
            let targets = self.links(&from, &links);
            reached.get_or_insert_default().extend(targets);
        }
        Ok(reached)
    }

    fn problem(
        &mut self,
        page: &str,
        kind: Kind,
        target: Option<&str>,
        message: String,
        wanted: impl AsRef<str>,
    ) {
        let problem = Problem {
            page: page.to_owned(),
            kind,
            target: target.map(str::to_owned),
            message,
            source: None,
        };
        self.found
            .push((problem, Fault::new(kind, wanted.as_ref())));
    }
}

/// Why a path above the site's root (`../std/io/`) is a problem, and how a book declares the
/// site published there.
fn out_of_site(path: &str) -> String {
    let ups = path.matches("../").count();
    let prefix = match path[3 * ups..].split_once('/') {
        Some((folder, _)) if !folder.is_empty() => format!("{}{folder}/", "../".repeat(ups)),
        _ => "../".repeat(ups),
    };
    format!(
        "it leads out of the site, to `{path}` from its root; if a site is published there, \
         declare it: `siblings = {{ \"{prefix}\" = \"https://…\" }}` under \
         `[preprocessor.report.link-check]` (or `--sibling {prefix}=https://…`)"
    )
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

    fn found(page: &str, kind: Kind, message: &str, wanted: &str) -> (Problem, Fault) {
        let problem = Problem {
            page: page.into(),
            kind,
            target: Some(wanted.into()),
            message: message.into(),
            source: None,
        };
        (problem, Fault::new(kind, wanted))
    }

    #[test]
    fn print_and_index_copies_fold_into_their_chapters() {
        let kept = |found: Vec<(Problem, Fault)>, copy: Option<&str>| -> Vec<(String, Kind)> {
            fold_copies(found, copy)
                .into_iter()
                .map(|p| (p.page, p.kind))
                .collect()
        };
        let all = vec![
            found("a.html", Kind::MissingFragment, "in a.html", "gone"),
            found("a.html", Kind::MissingFile, "same words", "x.html"),
            found(PRINT, Kind::MissingFragment, "in print.html", "gone"),
            found(PRINT, Kind::MissingFragment, "elsewhere", "only-here"),
            found(PRINT, Kind::HashOnlyHref, "rewritten", "<a href>"),
            found(PRINT, Kind::DuplicateId, "across chapters", "dup"),
            found("index.html", Kind::MissingFile, "same words", "x.html"),
            found("index.html", Kind::MissingFile, "other words", "x.html"),
        ];
        assert_eq!(
            kept(all.clone(), Some("a.html")),
            [
                ("a.html".to_owned(), Kind::MissingFragment),
                ("a.html".to_owned(), Kind::MissingFile),
                (PRINT.to_owned(), Kind::MissingFragment),
                (PRINT.to_owned(), Kind::DuplicateId),
                ("index.html".to_owned(), Kind::MissingFile),
            ]
        );
        // Of index.html's, only what the first chapter's page does not have too is kept.
        let index: Vec<String> = fold_copies(all.clone(), Some("a.html"))
            .into_iter()
            .filter(|p| p.page == "index.html")
            .map(|p| p.message)
            .collect();
        assert_eq!(index, ["other words"]);
        // index.html is a chapter of its own when it is not a copy.
        assert_eq!(kept(all, None).len(), 6);
    }

    #[test]
    fn a_path_out_of_the_site_says_how_to_declare_its_site() {
        assert!(out_of_site("../std/io/").contains(r#"`siblings = { "../std/" = "https://…" }`"#));
        assert!(out_of_site("../../x.html").contains("`--sibling ../../=https://…`"));
        assert!(out_of_site("../").contains(r#"{ "../" = "#));
        // An empty segment after the `../`s names no folder.
        assert!(out_of_site("..//x.html").contains(r#"{ "../" = "#));
    }
    /// A site of `files` (path, content) in a temporary directory.
    fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, content) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, content).unwrap();
        }
        dir
    }

    /// What checking `site` finds: `page: message [kind]` per problem, then `external: URL
    /// (pages)` per external link.
    fn findings(site: &Path, options: &Options) -> Vec<String> {
        let report = check_site(site, options).unwrap();
        let problems = report
            .problems
            .iter()
            .map(|p| format!("{}: {} [{}]", p.page, p.message, p.kind));
        let external = report
            .external
            .iter()
            .map(|l| format!("external: {} ({})", l.url, l.pages.join(", ")));
        problems.chain(external).collect()
    }

    fn unreachable(page: &str) -> String {
        format!("{page}: no table-of-contents entry links to this page [unreachable-page]")
    }

    #[test]
    fn every_page_but_the_exempt_ones_needs_a_table_of_contents_entry() {
        let dir = site(&[
            ("toc.html", r#"<a href="a.html">A</a> <a href="sub/">S</a>"#),
            ("a.html", "A"),
            ("b.html", "B"),
            ("D.HTML", "D"),
            ("sub/index.html", "S"),
            ("sub/c.htm", "C"),
            ("index.html", "I"),
            ("print.html", "P"),
            ("404.html", "Not found"),
            (
                "old.html",
                r#"<meta http-equiv="refresh" content="0; url=a.html">"#,
            ),
        ]);
        assert_eq!(
            findings(dir.path(), &Options::default()),
            [
                unreachable("D.HTML"),
                unreachable("b.html"),
                unreachable("sub/c.htm")
            ]
        );
    }

    #[test]
    fn without_toc_html_the_root_sidebar_scripts_are_the_table_of_contents() {
        let dir = site(&[
            ("toc-1a2b.js", r#"var t = '<a href="a.html">A</a>';"#),
            ("toc-3c4d.js", r#"var t = '<a href="e.html">E</a>';"#),
            ("sub/toc.js", r#"var t = '<a href="b.html">B</a>';"#),
            ("notoc.js", r#"var t = '<a href="c.html">C</a>';"#),
            ("toc-notes.txt", r#"<a href="d.html">D</a>"#),
            ("a.html", ""),
            ("b.html", ""),
            ("c.html", ""),
            ("d.html", ""),
            ("e.html", ""),
        ]);
        assert_eq!(
            findings(dir.path(), &Options::default()),
            [
                unreachable("b.html"),
                unreachable("c.html"),
                unreachable("d.html")
            ]
        );
        // No table of contents at all: no page is unreachable.
        let dir = site(&[("a.html", ""), ("b.html", "")]);
        assert!(findings(dir.path(), &Options::default()).is_empty());
    }

    #[test]
    fn each_kind_of_link_is_checked_as_a_browser_follows_it() {
        let page = concat!(
            r#"<p id="d">1</p><p id="d">2</p>"#,
            // An empty action, spaces and tabs around it or not, submits to the page itself.
            "<form action=\"\"></form><form action=\" \t \"></form>",
            r#"<form action="gone.html"></form>"#,
            r#"<a href="data:text/html,hi">d</a><img src="data:image/png;base64,AA">"#,
            r#"<a href="">e</a><p style="background: url('')">s</p>"#,
            r#"<a href=" # ">h</a><a href="javascript:void(0)">j</a>"#,
            r#"<a href="https://un.org/">u</a><img src="img/gone.png">"#,
            r#"<link rel="stylesheet" href="css/a.css"><a href="css/">c</a>"#,
        );
        let dir = site(&[
            ("index.html", page),
            ("css/a.css", "p { background: url(../gone.woff2) }"),
        ]);
        assert_eq!(
            findings(dir.path(), &Options::default()),
            [
                "css/a.css: missing asset `../gone.woff2` in `url()`: no file `gone.woff2` [missing-asset]",
                "index.html: broken link `css/`: no file `css/index.html` [missing-file]",
                "index.html: broken link `gone.html`: no file `gone.html` [missing-file]",
                "index.html: missing asset `img/gone.png` in `<img src>`: no file `img/gone.png` [missing-asset]",
                "index.html: duplicate id `d` (2 elements) [duplicate-id]",
                "index.html: empty `<a href>` [empty-href]",
                "index.html: empty `url()` in `style=\"\"`: it loads nothing [empty-href]",
                "index.html: `<a href=\"#\">` links nowhere [hash-only-href]",
                "index.html: `<a href=\"data:…\">` does nothing: browsers do not open `data:` addresses from a page [data-href]",
                "external: https://un.org/ (index.html)",
            ]
        );
        let report = check_site(dir.path(), &Options::default()).unwrap();
        // The local links: the form's, the image's, the stylesheet, `css/` and the font.
        assert_eq!(report.links, 5);
        assert_eq!(report.pages, 1);
    }

    #[test]
    fn a_base_href_moves_relative_links_and_css_urls_but_not_css_fragments() {
        let page = concat!(
            r#"<base href="sub/"><h2 id="top-id">T</h2>"#,
            r##"<div style="mask: url(#top-id)">m</div><a href="#top-id">t</a>"##,
            r#"<a href="/a.html#nowhere">n</a><a href="/a.html#here">h</a>"#,
            r#"<a href="x.html#gone">x</a><p style="background: url(bg.png)">b</p>"#,
        );
        let dir = site(&[
            ("index.html", page),
            ("a.html", r#"<p id="here">H</p>"#),
            ("sub/x.html", "X"),
            ("sub/bg.png", "PNG"),
        ]);
        let note = "(the page's `<base href>` is `sub/`)";
        assert_eq!(
            findings(dir.path(), &Options::default()),
            [
                format!("index.html: broken link `#top-id`: no file `sub/index.html` {note} [missing-file]"),
                "index.html: broken fragment `#nowhere` in link `/a.html#nowhere`: no id `nowhere` on `a.html` [missing-fragment]".to_owned(),
                format!("index.html: broken fragment `#gone` in link `x.html#gone`: no id `gone` on `sub/x.html` {note} [missing-fragment]"),
            ]
        );
    }

    #[test]
    fn links_out_of_the_site_go_to_its_siblings_or_are_problems() {
        let page = concat!(
            r#"<a href="../std/io/">io</a><a href="../book/x.html#y">x</a>"#,
            r#"<a href="../other/y.html">y</a>"#,
        );
        let dir = site(&[("index.html", page)]);
        let sibling = |prefix: &str, address: &str| (prefix.to_owned(), address.to_owned());
        let options = Options {
            siblings: vec![
                sibling("../std/", "https://old.example.org/std/"),
                sibling("../book/", "https://book.example.org/"),
                sibling("../std/", "https://doc.example.org/std/"),
            ],
            ..Options::default()
        };
        assert_eq!(
            findings(dir.path(), &options),
            [
                "index.html: broken link `../other/y.html`: it leads out of the site, to `../other/y.html` \
                 from its root; if a site is published there, declare it: `siblings = { \"../other/\" = \
                 \"https://…\" }` under `[preprocessor.report.link-check]` (or `--sibling \
                 ../other/=https://…`) [missing-file]",
                "external: https://book.example.org/x.html#y (index.html)",
                "external: https://doc.example.org/std/io/ (index.html)",
            ]
        );
        // Only the link that stays a local one is counted.
        assert_eq!(check_site(dir.path(), &options).unwrap().links, 1);
    }

    #[test]
    fn a_text_fragment_is_checked_by_its_texts_and_its_id_only_when_no_text_is_found() {
        let links = [
            "target.html#intro:~:text=purple%20cow",
            "target.html#nothere:~:text=purple%20cow",
            "target.html#nothere:~:text=quick%20brown",
            "target.html#nothere:~:text=quick%20brown&text=purple%20cow",
            "target.html#intro:~:text=one,two,three",
            "target.html#nowhere:~:text=one,two,three",
        ];
        let page: String = links
            .iter()
            .map(|l| format!("<a href=\"{l}\">l</a>"))
            .collect();
        let dir = site(&[
            ("index.html", &page),
            (
                "target.html",
                r#"<h1 id="intro">Intro</h1><p>The quick brown fox jumps.</p>"#,
            ),
        ]);
        let no_text = |link: &str| {
            format!(
                "index.html: broken text fragment in link `{link}`: no text `purple cow` on \
                 `target.html` [missing-text-fragment]"
            )
        };
        let ignored = |link: &str| {
            format!(
                "index.html: broken text fragment `text=one,two,three` in link `{link}`: browsers \
                 ignore it (a text fragment is `text=[prefix-,]start[,end][,-suffix]`, with `-`, \
                 `,` and `&` in the text written `%2D`, `%2C` and `%26`) [missing-text-fragment]"
            )
        };
        assert_eq!(
            findings(dir.path(), &Options::default()),
            [
                format!(
                    "index.html: broken fragment `#nothere` in link `{}`: no id `nothere` on `target.html` [missing-fragment]",
                    links[1]
                ),
                format!(
                    "index.html: broken fragment `#nowhere` in link `{}`: no id `nowhere` on `target.html` [missing-fragment]",
                    links[5]
                ),
                // Sorted by link.
                ignored(links[4]),
                no_text(links[0]),
                no_text(links[1]),
                no_text(links[3]),
                ignored(links[5]),
            ]
        );
    }

    #[test]
    fn pages_read_before_the_check_are_taken_as_they_are() {
        let dir = site(&[("index.html", "<p>On disk, no link.</p>"), ("a.html", "")]);
        let mut read = ReadPages::default();
        assert!(read.is_empty());
        read.insert(
            "index.html".to_owned(),
            PageLinks::read(r#"<a href="gone.html">g</a>"#),
        );
        read.insert("a.html".to_owned(), PageLinks::read(""));
        assert_eq!(read.len(), 2);
        assert!(!read.is_empty());
        let report = check_read_site(dir.path(), &Options::default(), read).unwrap();
        let messages: Vec<&str> = report.problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(messages, ["broken link `gone.html`: no file `gone.html`"]);
        assert_eq!(report.pages, 2);
    }

    #[test]
    fn a_page_that_is_not_utf8_is_read_with_replacement_characters() {
        let dir = tempfile::tempdir().unwrap();
        let mut bytes = b"<p>caf\xe9</p>".to_vec();
        bytes.extend_from_slice(br#"<a href="gone.html">g</a>"#);
        std::fs::write(dir.path().join("index.html"), &bytes).unwrap();
        assert_eq!(
            read(&dir.path().join("index.html")).unwrap(),
            "<p>caf\u{fffd}</p><a href=\"gone.html\">g</a>"
        );
        assert_eq!(
            findings(dir.path(), &Options::default()),
            ["index.html: broken link `gone.html`: no file `gone.html` [missing-file]"]
        );
    }

    #[test]
    fn each_problem_is_looked_for_in_the_markdown_by_what_it_is_about() {
        let needles_of = |kind: Kind, target: Option<&str>| {
            needles(&Problem {
                page: "a.html".into(),
                kind,
                target: target.map(Into::into),
                message: String::new(),
                source: None,
            })
        };
        assert!(needles_of(Kind::UnreachablePage, Some("a.html")).is_empty());
        assert_eq!(
            needles_of(Kind::EmptyHref, None),
            ["href=\"\"", "src=\"\"", "]()"]
        );
        assert_eq!(
            needles_of(Kind::HashOnlyHref, Some("#")),
            ["href=\"#\"", "](#)"]
        );
        assert_eq!(
            needles_of(Kind::DuplicateId, Some("dup")),
            ["id=\"dup\"", "{#dup"]
        );
        assert_eq!(
            needles_of(Kind::MissingFile, Some("b.html#x")),
            source::link_needles("b.html#x")
        );
        assert!(needles_of(Kind::MissingFile, None).is_empty());
    }

    #[test]
    fn addresses_get_the_sites_links_to_their_archived_copies() {
        let link = |url: &str, archive_of: Option<&str>| ExternalLink {
            url: url.into(),
            pages: vec!["a.html".into()],
            check: None,
            archive_of: archive_of.map(Into::into),
            archived_copies: Vec::new(),
        };
        let mut external = vec![
            link("https://un.org/a#part", None),
            link("https://un.org/b", None),
            link(
                "https://web.archive.org/web/2030/https://un.org/a",
                Some("https://un.org/a"),
            ),
            link(
                "https://web.archive.org/web/2029/https://un.org/a#x",
                Some("https://un.org/a#x"),
            ),
        ];
        pair_archived_copies(&mut external);
        let copies: Vec<&[String]> = external.iter().map(|l| &l.archived_copies[..]).collect();
        assert_eq!(
            copies,
            [
                &[
                    "https://web.archive.org/web/2029/https://un.org/a#x".to_owned(),
                    "https://web.archive.org/web/2030/https://un.org/a".to_owned(),
                ][..],
                &[],
                &[],
                &[],
            ]
        );
    }
    /// A web server on this machine answering 404 to paths starting with `/gone` or `/old`,
    /// 200 to the others; its address (`http://127.0.0.1:PORT`).
    fn server() -> String {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let address = format!("http://{}", listener.local_addr().unwrap());
        std::thread::spawn(move || {
            for mut stream in listener.incoming().flatten() {
                let mut request = [0; 4096];
                let n = std::io::Read::read(&mut stream, &mut request).unwrap_or(0);
                let request = String::from_utf8_lossy(&request[..n]);
                let path = request.split(' ').nth(1).unwrap_or("");
                let status = if path.starts_with("/gone") || path.starts_with("/old") {
                    "404 Not Found"
                } else {
                    "200 OK"
                };
                let answer =
                    format!("HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                let _ = std::io::Write::write_all(&mut stream, answer.as_bytes());
            }
        });
        address
    }

    #[test]
    fn failing_external_links_are_problems_on_each_page_naming_their_archived_copies() {
        let host = server();
        let ok = format!("{host}/ok");
        let gone = format!("{host}/gone-page");
        let copy = format!("{host}/web/20300101/{gone}");
        let broken_copy = format!("{host}/old/20300101/{ok}");
        let page = format!(
            "<a href=\"{ok}\">1</a><a href=\"{gone}#part\">2</a><a href=\"{copy}\">3</a>\
             <a href=\"{broken_copy}\">4</a><a href=\"mailto:a@example.org\">5</a>"
        );
        let dir = site(&[
            ("index.html", &page),
            ("a.html", &format!("<a href=\"{gone}#part\">2</a>")),
        ]);
        let options = Options {
            external: Some(external::Options {
                cache: dir.path().join("cache/links.json"),
                cache_ttl: std::time::Duration::from_secs(60),
                timeout: std::time::Duration::from_secs(10),
                retries: 0,
                backoff: std::time::Duration::ZERO,
                concurrency: 2,
            }),
            ..Options::default()
        };
        let report = check_site(dir.path(), &options).unwrap();
        let problems: Vec<String> = report
            .problems
            .iter()
            .map(|p| format!("{}: {} [{}]", p.page, p.message, p.kind))
            .collect();
        let broken = format!(
            "broken external link `{gone}#part`: 404; archived copy `{copy}`: 200 [broken-external]"
        );
        assert_eq!(
            problems,
            [
                format!("a.html: {broken}"),
                format!("index.html: {broken}"),
                format!(
                    "index.html: broken archived copy `{broken_copy}` of `{ok}`: 404 [broken-external]"
                ),
            ]
        );
    }
}
