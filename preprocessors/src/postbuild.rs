//! The post-build step: an mdBook renderer that finishes the site after mdBook's HTML renderer,
//! in one pass over the pages on both cores: each generated page's body goes in place of its
//! placeholder ([`crate::outputs::pages::bodies`]) before anything reads the page, each page's
//! own description, citation tags and the
//! previews' data file go into its `<head>` ([`crate::outputs::describe`], [`crate::outputs::cite`],
//! [`crate::outputs::previews`]), "Cite this" at the end of its `<main>`, and its records into the
//! search index ([`crate::outputs::search`]), and it stops loading the files it does not use
//! ([`crate::outputs::assets`]: code highlighting on a page without code, the timeline's and the
//! pictures' files elsewhere); then the print page loses the generated chapters
//! ([`crate::outputs::print`]), and the exports the preprocessor handed over in this renderer's
//! own directory (the timeline's, `documents.json`, the open data) are moved next to the pages.
//!
//! mdBook preprocessors cannot write files into the output (mdBook #1222), so `book.toml` has a
//! second output, `[output.report-postbuild]`, whose renderer is this one. mdBook runs renderers
//! in the alphabetical order of their table names, so it runs after `html` (which empties its
//! own directory first and would delete files written before it). With two outputs mdBook gives
//! each its own directory: the site is in `book/html/`. The preprocessor leaves the finished
//! timeline exports and open data in this renderer's own directory (`book/report-postbuild/
//! exports/`, see [`crate::outputs::exports`]), and this renderer moves them into the site.
//! So this renderer needs nothing
//! of the preprocessed book, and the `report` preprocessor does not run for it
//! ([`crate::preprocessor::supports`]): mdBook runs every preprocessor once per renderer, and
//! running ours a second time doubled its cost (and, on the mdBook CLI path, added a process and
//! a JSON round trip of the whole book). The same renderer runs in-process for
//! `mdbook-report build` ([`crate::build`]) and as `mdbook-report-postbuild` for the mdBook CLI.

use crate::base::diagnostics::Diagnostics;
use crate::base::html::{Html, Page};
use crate::config::{Config, PREPROCESSOR, RENDERER};
use crate::linkcheck::{PageLinks, ReadPages};
use crate::outputs::cite::{self, Citation};
use crate::outputs::describe::{self, PageKind, PageMeta};
use crate::outputs::exports;
use crate::outputs::pages::bodies::{self, Bodies};
use crate::outputs::search::{self, extract};
use crate::outputs::{assets, previews, print};
use anyhow::Context;
use mdbook_renderer::{RenderContext, Renderer};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// The post-build renderer, for [`mdbook_driver::MDBook::with_renderer`] and the binary.
#[derive(Debug, Default, Clone)]
pub struct Postbuild {
    /// Where the pages go as the link check reads them, when a check follows in the same
    /// process ([`crate::build::build_for_check`]): each finished page is read while it is in
    /// memory, instead of again from disk after the build.
    pub for_check: Option<Arc<Mutex<ReadPages>>>,
}

impl Renderer for Postbuild {
    fn name(&self) -> &str {
        RENDERER
    }

    fn render(&self, ctx: &RenderContext) -> mdbook_renderer::errors::Result<()> {
        let (_, read) = run_reading(ctx, self.for_check.is_some())?;
        if let Some(sink) = &self.for_check {
            *sink
                .lock()
                .map_err(|_| anyhow::anyhow!("the pages read were lost"))? = read;
        }
        Ok(())
    }
}

/// The HTML output directory next to this renderer's own.
fn html_dir(ctx: &RenderContext) -> anyhow::Result<PathBuf> {
    let dir = ctx
        .destination
        .parent()
        .map(|p| p.join("html"))
        .filter(|d| d.is_dir())
        .with_context(|| {
            format!(
                "no HTML output next to {}: keep `[output.html]` in book.toml, the exports are written into it",
                ctx.destination.display()
            )
        })?;
    Ok(dir)
}

/// The renderer protocol: the render context JSON on stdin, the files written on stderr.
pub fn main() -> anyhow::Result<std::process::ExitCode> {
    let ctx = RenderContext::from_json(std::io::stdin().lock())
        .context("the post-build step expects mdBook's render context JSON on stdin")?;
    for file in run(&ctx)? {
        eprintln!("wrote {}", file.display());
    }
    Ok(std::process::ExitCode::SUCCESS)
}

/// Finishes every page, writes the previews' data file, the search index and the print page,
/// and moves the files the preprocessor handed over (the timeline's exports, `documents.json`,
/// the open data) into the site; returns the files written besides the pages and the index.
pub(crate) fn run(ctx: &RenderContext) -> anyhow::Result<Vec<PathBuf>> {
    run_reading(ctx, false).map(|(written, _)| written)
}

/// [`run`], and with `for_check`, every page it finishes read as the link check reads it.
fn run_reading(ctx: &RenderContext, for_check: bool) -> anyhow::Result<(Vec<PathBuf>, ReadPages)> {
    let mut diags = Diagnostics::new();
    let book_toml = std::fs::read_to_string(ctx.root.join("book.toml")).ok();
    let cfg = Config::from_mdbook(&ctx.config, book_toml.as_deref(), &mut diags);
    diags.finish(false)?;
    let dir = html_dir(ctx)?;
    // The generated pages' bodies, which the preprocessor wrote into this renderer's directory.
    let bodies = bodies::take(&ctx.destination)
        .with_context(|| {
            format!(
                "cannot read the pages' bodies in {}",
                ctx.destination.display()
            )
        })?
        .unwrap_or_default();
    let (mut written, read) = finish_pages(ctx, &dir, &cfg, &bodies, for_check)?;
    // The timeline's exports and the open data, which the preprocessor wrote into this
    // renderer's directory.
    let moved = exports::take_over(&ctx.destination, &dir)
        .with_context(|| format!("cannot move the exports into {}", dir.display()))?;
    // The preprocessor hands over a directory, empty when the book has nothing to export.
    let Some(moved) = moved else {
        anyhow::bail!(
            "nothing was handed over in {}: does the `{PREPROCESSOR}` preprocessor run for the `html` renderer?",
            ctx.destination.join(exports::HANDED_OVER).display()
        );
    };
    written.extend(moved);
    Ok((written, read))
}

/// The print page, which holds every chapter.
const PRINT: &str = "print.html";
/// Where the search index goes in the site.
pub(crate) const SEARCH_DIR: &str = "search";

/// The previews' data file: the data rides on the first chapter's page (its marker), each note
/// gets its HTML from the endnotes page as mdBook rendered it. Returns the file's name.
fn previews_file(
    ctx: &RenderContext,
    dir: &Path,
    cfg: &Config,
    pages: &[String],
    written: &mut Vec<PathBuf>,
) -> anyhow::Result<Option<String>> {
    if !cfg.previews.enable {
        return Ok(None);
    }
    let first = ctx.book.iter().find_map(|item| match item {
        mdbook_renderer::book::BookItem::Chapter(ch) => ch
            .path
            .as_ref()
            .map(|p| site_path(&p.with_extension("html"))),
        _ => None,
    });
    let read = |rel: &str| std::fs::read_to_string(dir.join(rel)).ok();
    // The first chapter's page, else (a book whose first chapter moved) any page with the marker.
    let data = first
        .as_deref()
        .and_then(read)
        .and_then(|html| previews::take_marker(&html))
        .or_else(|| {
            pages
                .iter()
                .filter_map(|p| read(p))
                .find_map(|h| previews::take_marker(&h))
        })
        .and_then(|(_, data)| data);
    let Some(data) = data else {
        return Ok(None);
    };
    let notes = cfg
        .endnotes
        .chapter
        .as_ref()
        .and_then(|c| read(&site_path(&c.with_extension("html"))))
        .unwrap_or_default();
    let (name, text) = previews::finish(data, &notes);
    let path = dir.join(&name);
    std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    written.push(path);
    Ok(Some(name))
}

/// One pass over the site's pages (on both cores): each page is finished ([`finish_page`]) and
/// its records go to the search index; then the print page loses its generated chapters
/// ([`print::report_only`]) and its markers. With `for_check`, each page is also read as the link
/// check reads it, as written.
fn finish_pages(
    ctx: &RenderContext,
    dir: &Path,
    cfg: &Config,
    bodies: &Bodies,
    for_check: bool,
) -> anyhow::Result<(Vec<PathBuf>, ReadPages)> {
    let mut pages = Vec::new();
    html_files(dir, "", &mut pages)
        .with_context(|| format!("cannot list the pages of {}", dir.display()))?;
    pages.sort();
    pages.retain(|p| p != PRINT);
    let mut written = Vec::new();
    let previews = previews_file(ctx, dir, cfg, &pages, &mut written)?;
    let citation = cfg.citation.enable.then(|| Citation::from_config(cfg));
    let site_url = cfg.site_url();
    let next = AtomicUsize::new(0);
    let work = || -> anyhow::Result<Vec<(usize, Done)>> {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(rel) = pages.get(i) else {
                return Ok(done);
            };
            let path = dir.join(rel);
            let read = std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            // First the body, so that everything after reads the whole page.
            let html = bodies.splice(&read).map_err(|page| {
                anyhow::anyhow!(
                    "{}: the body of `{page}` was not handed over: does the `{PREPROCESSOR}` preprocessor run for the `html` renderer?",
                    path.display()
                )
            })?;
            let (new, meta) = finish_page(
                html.as_deref().unwrap_or(&read),
                rel,
                site_url.as_deref(),
                citation.as_ref(),
                previews.as_deref(),
            );
            let new = menu_title(&new, &cfg.short_title).unwrap_or(new);
            let new = page_head(&new, rel, meta.as_ref(), &cfg.title);
            let new = if cfg.search.enable {
                noscript_note(&new)
            } else {
                new
            };
            if new != read {
                std::fs::write(&path, &new)
                    .with_context(|| format!("cannot write {}", path.display()))?;
            }
            let mut one = Done {
                ids: None,
                prepared: None,
                links: for_check.then(|| PageLinks::read(&new)),
            };
            // A page without a marker is not one of the book's (toc.html, 404.html).
            if let Some(meta) = meta
                && (cfg.search.enable || meta.kind != PageKind::Chapter)
            {
                let records = extract::page(&new, &meta.path);
                // A generated page's ids, for the print page's links into it.
                one.ids = (meta.kind != PageKind::Chapter)
                    .then(|| (meta.path.clone(), records.ids.clone()));
                one.prepared = cfg.search.enable.then(|| search::prepare(meta, records));
            }
            done.push((i, one));
        }
    };
    let mut done = std::thread::scope(|s| {
        let other = s.spawn(work);
        let mine = work();
        let theirs = other.join().expect("page worker");
        mine.and_then(|mut m| {
            m.extend(theirs?);
            Ok(m)
        })
    })?;
    done.sort_by_key(|(i, ..)| *i);

    let mut ids = HashMap::new();
    let mut index = search::Builder::default();
    let mut read = ReadPages::default();
    for (i, page) in done {
        ids.extend(page.ids);
        if let Some(links) = page.links {
            read.insert(pages[i].clone(), links);
        }
        if let Some(prepared) = page.prepared {
            index.add(prepared);
        }
    }
    if cfg.search.enable {
        let out = dir.join(SEARCH_DIR);
        index
            .write(&out, &search_labels(cfg))
            .with_context(|| format!("cannot write the search index into {}", out.display()))?;
    }
    if let Some(print) = finish_print(dir, &ids, &cfg.short_title)?
        && for_check
    {
        read.insert(PRINT.to_owned(), PageLinks::read(&print));
    }
    Ok((written, read))
}

/// What a page tells link previews (Open Graph), written into its `<head>` after rendering, so
/// a book needs no `theme/head.hbs` of the plugin set's and keeps its own: the site's name, the
/// page's kind (the landing page is a website, every other page an article) and title (as the
/// sidebar shows it). mdBook's table of contents (`toc.html`) has no `<title>`: it gets
/// "Contents - " and the book's.
fn page_head(page: &str, rel: &str, meta: Option<&PageMeta>, book_title: &str) -> String {
    use crate::base::html::meta as tag;
    let Some(end) = page.find("</head>") else {
        return page.to_string();
    };
    let tags = match meta {
        Some(meta) => {
            let landing = meta.path == "index.html";
            let title = if landing { book_title } else { &meta.title };
            let kind = if landing { "website" } else { "article" };
            format!(
                "{}\n        {}\n        {}\n        {}\n    ",
                tag("property", "og:site_name", book_title),
                tag("property", "og:type", kind),
                tag("property", "og:title", title),
                tag("name", "twitter:card", "summary"),
            )
        }
        None if rel == "toc.html" && !page[..end].contains("<title>") => {
            let mut h = Html::<Page>::new();
            h.element("title", format_args!("Contents - {book_title}"))
                .text("\n    ");
            h.into_string()
        }
        None => return page.to_string(),
    };
    let mut out = page.to_string();
    out.insert_str(end, &tags);
    out
}

/// Search needs JavaScript: without it, a line at the top of each page says so (inside
/// `<noscript>`, so a reader with JavaScript never sees it), instead of a search button that
/// does nothing.
fn noscript_note(page: &str) -> String {
    const PAGE: &str = "<div class=\"page\">";
    let Some(at) = page.find(PAGE).map(|i| i + PAGE.len()) else {
        return page.to_string();
    };
    let mut out = page.to_string();
    out.insert_str(
        at,
        "\n                <noscript><p class=\"report-noscript\">Search needs JavaScript. Without it, the table of contents and every link of the site work as usual.</p></noscript>",
    );
    out
}

/// mdBook's menu bar names the book in `<h1 class="menu-title">`, one line cut with "…" (on a
/// phone, "Follow-up by the agen…"). With a `short-title` the title holds both forms, and
/// theme/report.css shows the short one on a phone, the book's elsewhere; `None` without one.
fn menu_title(page: &str, short: &str) -> Option<String> {
    const OPEN: &str = "<h1 class=\"menu-title\">";
    if short.is_empty() {
        return None;
    }
    let start = page.find(OPEN)? + OPEN.len();
    let end = start + page[start..].find("</h1>")?;
    // The book's title as mdBook wrote it (already escaped), then the short one from book.toml.
    let mut long = Html::<Page>::new();
    long.open("span").attr("class", "report-title-long").close();
    let mut short_span = Html::<Page>::new();
    short_span
        .open("span")
        .attr("class", "report-title-short")
        .close()
        .text(short)
        .close("span");
    Some(format!(
        "{}{long}{}{}{short_span}{}",
        &page[..start],
        &page[start..end],
        Html::<Page>::end("span"),
        &page[end..]
    ))
}

/// The print page without the generated chapters, without any marker and without the files it
/// does not use, with the menu bar's short title; returns it as written (none: the book has no
/// print page).
fn finish_print(
    dir: &Path,
    ids: &HashMap<String, Vec<String>>,
    short_title: &str,
) -> anyhow::Result<Option<String>> {
    let path = dir.join(PRINT);
    let Ok(html) = std::fs::read_to_string(&path) else {
        return Ok(None);
    };
    let reduced = match print::report_only(&html, ids) {
        Ok((reduced, _)) => Some(reduced),
        Err(print::Unchanged::NothingGenerated) => None,
        Err(print::Unchanged::UnknownShape(why)) => {
            eprintln!(
                "warning: {PRINT} keeps the generated pages: it does not have the shape mdBook 0.5.4 gives it ({why})"
            );
            None
        }
    };
    let html = reduced.unwrap_or(html);
    let html = assets::trim(&html).unwrap_or(html);
    let html = menu_title(&html, short_title).unwrap_or(html);
    let html = previews::take_marker(&html).map_or(html, |(page, _)| page);
    // One chapter left has one marker, which `strip_markers` leaves to `take`.
    let html = describe::strip_markers(&html)
        .or_else(|| describe::take(&html).map(|(page, _)| page))
        .unwrap_or(html);
    std::fs::write(&path, &html).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(Some(html))
}

/// One page finished: the files it does not use unlinked ([`assets::trim`]), the previews'
/// marker removed; for a page with its own marker (every page of the book; not mdBook's own
/// pages), the description, the canonical link (on a site whose address is known), the
/// citation's tags and the data file's name in `<head>` and "Cite this" at the end of `<main>`
/// (with a citation). Returns the page and what its marker said.
pub(crate) fn finish_page(
    html: &str,
    rel: &str,
    site_url: Option<&str>,
    citation: Option<&Citation>,
    previews_file: Option<&str>,
) -> (String, Option<PageMeta>) {
    let trimmed = assets::trim(html);
    let html = trimmed.as_deref().unwrap_or(html);
    let page = previews::take_marker(html).map_or_else(|| html.to_string(), |(p, _)| p);
    let Some((page, meta)) = describe::take(&page) else {
        return (describe::strip_markers(&page).unwrap_or(page), None);
    };
    let mut page = describe::apply(page, &meta);
    let mut head: Vec<String> = cite::canonical(site_url, rel).into_iter().collect();
    if let Some(c) = citation {
        let at = cite::Page::new(&meta.title, rel, meta.kind);
        head.extend(c.head_tags(at));
        if let Some(end) = page.rfind("</main>") {
            page.insert_str(end, &c.block(at));
        }
    }
    head.extend(previews_file.map(previews::meta_tag));
    if let Some(end) = page.find("</head>").filter(|_| !head.is_empty()) {
        page.insert_str(end, &format!("    {}\n    ", head.join("\n        ")));
    }
    (page, Some(meta))
}

/// A path in the site, with `/`.
fn site_path(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// What the pass over the pages keeps of one page.
struct Done {
    /// A generated page's path and the ids inside its `<main>`.
    ids: Option<(String, Vec<String>)>,
    /// Its search records, cut into terms.
    prepared: Option<search::Prepared>,
    /// The page as the link check reads it.
    links: Option<PageLinks>,
}

/// The search interface's words that belong to the document, from its configuration.
fn search_labels(cfg: &Config) -> search::Labels {
    let agenda = &cfg.agenda;
    let mut item = agenda.item.clone();
    if let Some(first) = item.get(..1) {
        item = first.to_uppercase() + &item[1..];
    }
    search::Labels {
        kinds: [
            "Chapters".into(),
            "Overviews".into(),
            cfg.organisations.title.clone(),
            "Meetings".into(),
        ],
        item,
        items: agenda
            .items
            .iter()
            .enumerate()
            .map(|(i, title)| {
                let written = agenda.numbering.written(i + 1);
                let sep = if written.ends_with([')', '.']) {
                    " "
                } else {
                    ". "
                };
                (
                    agenda.numbering.bare(i + 1),
                    format!("{written}{sep}{title}"),
                )
            })
            .collect(),
        org: "Organisation".into(),
    }
}

/// The site-relative paths (`/`-separated) of the HTML files under `dir`.
fn html_files(dir: &Path, rel: &str, out: &mut Vec<String>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = if rel.is_empty() {
            name
        } else {
            format!("{rel}/{name}")
        };
        if entry.file_type()?.is_dir() {
            if path != SEARCH_DIR {
                html_files(&entry.path(), &path, out)?;
            }
        } else if path.ends_with(".html") {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::TimelineConfig;
    use crate::features::timeline::Timeline;
    use crate::features::timeline::tests::may_2014;
    use crate::model::testing::model;
    use crate::outputs::exports::json as export;
    use mdbook_renderer::book::Book;
    use mdbook_renderer::config::Config as MdConfig;

    /// A render context for a built book (in `book/html/`, when that exists) whose preprocessor
    /// handed over the exports of a timeline of one meeting.
    fn context(dir: &std::path::Path, site_url: Option<&str>) -> RenderContext {
        let mut diags = Diagnostics::new();
        let m = model(
            &[(
                "a.md",
                "---\nmeetings:\n  - id: w\n    title: W\n    date: \"2014-06\"\n    mention: met\n---\nWe met.\n",
            )],
            &mut diags,
        );
        let t = Timeline::collect(&m, None, may_2014(), &TimelineConfig::default(), &mut diags);
        let mut cfg = Config::default();
        cfg.citation.site_url = site_url.unwrap_or_default().into();
        let doc = export::document(&t, &m, None, &cfg);
        let renderer = dir.join("book").join(RENDERER);
        if dir.join("book/html").is_dir() {
            exports::hand_over(&renderer, &exports::timeline_files(&doc, &cfg)).unwrap();
        }
        RenderContext::new(dir, Book::new(), MdConfig::default(), renderer)
    }

    #[test]
    fn a_page_gets_its_citation_in_head_and_cite_this_in_main() {
        let mut cfg = Config::default();
        cfg.title = "T".into();
        cfg.authors = vec!["Org".into()];
        cfg.citation.site_url = "https://example.org/r/".into();
        let c = Citation::from_config(&cfg);
        let site = cfg.site_url();
        let meta = describe::marker(&describe::PageMeta {
            title: "1. A".into(),
            ..describe::PageMeta::default()
        });
        let html = format!(
            "<head>\n    <meta name=\"description\" content=\"Book.\">\n</head>\n<main>\n<p>x</p>\n{meta}\n</main>"
        );
        let (page, read) = finish_page(
            &html,
            "a.html",
            site.as_deref(),
            Some(&c),
            Some("report-previews-1.js"),
        );
        assert_eq!(read.map(|m| m.title), Some("1. A".to_string()));
        let at = cite::Page::new("1. A", "a.html", PageKind::Chapter);
        assert_eq!(
            page,
            format!(
                "<head>\n    <meta name=\"description\" content=\"Book.\">\n    \
                 <link rel=\"canonical\" href=\"https://example.org/r/a.html\">\n        {}\n        \
                 <meta name=\"report-previews\" content=\"report-previews-1.js\">\n    </head>\n\
                 <main>\n<p>x</p>\n{}</main>",
                c.head_tags(at).join("\n        "),
                c.block(at)
            )
        );
        // A page without a marker of its own (mdBook's 404 page, the print page) is left alone.
        let print = format!("<head></head><main>{meta}{meta}</main>");
        assert_eq!(
            finish_page(&print, "print.html", site.as_deref(), Some(&c), None),
            ("<head></head><main></main>".to_string(), None)
        );
        assert_eq!(
            finish_page("<head></head>", "404.html", site.as_deref(), Some(&c), None),
            ("<head></head>".to_string(), None)
        );
    }

    #[test]
    fn without_a_citation_a_page_keeps_its_canonical_link_and_cites_nothing() {
        let meta = describe::marker(&describe::PageMeta::default());
        let html = format!("<head>\n</head>\n<main>\n<p>x</p>\n{meta}\n</main>");
        let (page, _) = finish_page(&html, "a.html", Some("https://example.org/r/"), None, None);
        assert_eq!(
            page,
            "<head>\n    <link rel=\"canonical\" href=\"https://example.org/r/a.html\">\n    </head>\n<main>\n<p>x</p>\n</main>"
        );
        let (page, _) = finish_page(&html, "a.html", None, None, None);
        assert_eq!(page, "<head>\n</head>\n<main>\n<p>x</p>\n</main>");
    }

    #[test]
    fn pages_tell_link_previews_their_site_kind_and_title_without_a_head_template() {
        let meta = |path: &str, title: &str| PageMeta {
            title: title.into(),
            path: path.into(),
            ..PageMeta::default()
        };
        let page = "<head>\n    <title>x</title>\n    </head><body></body>";
        assert_eq!(
            page_head(
                page,
                "a.html",
                Some(&meta("a.html", "2.1. Rights & \"duties\"")),
                "Book <1>"
            ),
            "<head>\n    <title>x</title>\n    <meta property=\"og:site_name\" content=\"Book &lt;1&gt;\">\n        \
             <meta property=\"og:type\" content=\"article\">\n        \
             <meta property=\"og:title\" content=\"2.1. Rights &amp; &quot;duties&quot;\">\n        \
             <meta name=\"twitter:card\" content=\"summary\">\n    </head><body></body>"
        );
        let landing = page_head(
            page,
            "index.html",
            Some(&meta("index.html", "Intro")),
            "Book",
        );
        assert!(
            landing.contains("og:type\" content=\"website\"")
                && landing.contains("og:title\" content=\"Book\"")
        );
        // mdBook's own table of contents gets a title; its other pages are left as they are.
        assert_eq!(
            page_head("<head></head>", "toc.html", None, "Book"),
            "<head><title>Contents - Book</title>\n    </head>"
        );
        assert_eq!(
            page_head("<head></head>", "404.html", None, "Book"),
            "<head></head>"
        );
        assert_eq!(
            noscript_note("<div class=\"page\"><div>"),
            "<div class=\"page\">\n                <noscript><p class=\"report-noscript\">Search needs JavaScript. Without it, the table of contents and every link of the site work as usual.</p></noscript><div>"
        );
    }

    #[test]
    fn the_menu_bar_holds_the_short_title_next_to_the_books_when_there_is_one() {
        let page = "<div><h1 class=\"menu-title\">A very long title</h1></div>";
        assert_eq!(
            menu_title(page, "Short & sweet").as_deref(),
            Some(
                "<div><h1 class=\"menu-title\"><span class=\"report-title-long\">A very long title</span>\
                 <span class=\"report-title-short\">Short &amp; sweet</span></h1></div>"
            )
        );
        assert_eq!(menu_title(page, ""), None);
        assert_eq!(menu_title("<div></div>", "Short"), None);
    }

    #[test]
    fn the_search_labels_name_the_kinds_the_item_and_each_item_as_the_agenda_writes_it() {
        let mut cfg = Config::default();
        cfg.organisations.title = "Bodies".into();
        cfg.agenda.item = "objective".into();
        cfg.agenda.items = vec!["Trade".into(), "Health".into()];
        let labels = search_labels(&cfg);
        assert_eq!(
            labels.kinds,
            ["Chapters", "Overviews", "Bodies", "Meetings"].map(String::from)
        );
        assert_eq!(labels.item, "Objective");
        assert_eq!(labels.org, "Organisation");
        let items = |l: &search::Labels| -> Vec<(String, String)> { l.items.clone() };
        assert_eq!(
            items(&labels),
            [
                ("1".to_string(), "1. Trade".to_string()),
                ("2".to_string(), "2. Health".to_string())
            ]
        );
        // A label that ends in punctuation of its own gets a space only.
        cfg.agenda.numbering = crate::base::numbering::Numbering::parse("(a)").unwrap();
        assert_eq!(
            items(&search_labels(&cfg)),
            [
                ("a".to_string(), "(a) Trade".to_string()),
                ("b".to_string(), "(b) Health".to_string())
            ]
        );
    }

    #[test]
    fn the_pages_are_every_html_file_under_the_site_but_the_search_index() {
        let dir = tempfile::tempdir().unwrap();
        for file in [
            "a.html",
            "sub/b.html",
            "sub/deep/c.html",
            "search/d.html",
            "e.json",
        ] {
            let path = dir.path().join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "").unwrap();
        }
        let mut pages = Vec::new();
        html_files(dir.path(), "", &mut pages).unwrap();
        pages.sort();
        assert_eq!(pages, ["a.html", "sub/b.html", "sub/deep/c.html"]);
        assert_eq!(
            site_path(Path::new("organisations/who.html")),
            "organisations/who.html"
        );
    }

    #[test]
    fn without_search_the_print_pages_links_into_a_generated_page_still_find_its_own_ids() {
        // The generated page `g.html` has `top` and `a`; the print page, which has an `a` of
        // the chapter's already, renumbers the second `a-1`.
        let dir = tempfile::tempdir().unwrap();
        let marker = |kind, path: &str| {
            describe::marker(&PageMeta {
                kind,
                path: path.into(),
                ..PageMeta::default()
            })
        };
        let page =
            |main: &str| format!("<html><head></head><body><main>{main}</main></body></html>");
        let chapter = format!(
            "<h1 id=\"a\">A</h1><p><a href=\"#a-1\">its A</a></p>{}",
            marker(PageKind::Chapter, "a.html")
        );
        std::fs::write(dir.path().join("a.html"), page(&chapter)).unwrap();
        std::fs::write(
            dir.path().join("g.html"),
            page(&format!(
                "<h1 id=\"top\">Top</h1><h2 id=\"a\">A</h2>{}",
                marker(PageKind::Overview, "g.html")
            )),
        )
        .unwrap();
        std::fs::write(
            dir.path().join(PRINT),
            page(&format!(
                "{chapter}{}<h1 id=\"top\">Top</h1><h2 id=\"a-1\">A</h2>{}",
                print::PAGE_BREAK,
                marker(PageKind::Overview, "g.html")
            )),
        )
        .unwrap();
        let mut cfg = Config::default();
        cfg.search.enable = false;
        cfg.previews.enable = false;
        let ctx = RenderContext::new(
            dir.path(),
            Book::new(),
            MdConfig::default(),
            dir.path().join("renderer"),
        );
        finish_pages(&ctx, dir.path(), &cfg, &Bodies::default(), false).unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join(PRINT)).unwrap(),
            page("<h1 id=\"a\">A</h1><p><a href=\"g.html#a\">its A</a></p>")
        );
    }

    #[test]
    fn writes_both_exports_next_to_the_html() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("book/html")).unwrap();
        let ctx = context(dir.path(), Some("https://example.org/report/"));
        let written = run(&ctx).unwrap();
        let html = dir.path().join("book/html");
        assert_eq!(
            written,
            [html.join("timeline.ics"), html.join("timeline.json")]
        );
        let ics = std::fs::read_to_string(html.join("timeline.ics")).unwrap();
        assert!(ics.contains("\r\nURL:https://example.org/report/a.html#p-we-met\r\n"));
        assert!(ics.contains("\r\nDTSTART;VALUE=DATE:20140601\r\nDTEND;VALUE=DATE:20140701\r\n"));
        let json: export::Document =
            serde_json::from_str(&std::fs::read_to_string(html.join("timeline.json")).unwrap())
                .unwrap();
        assert_eq!(json.events[0].id, "w");
    }

    #[test]
    fn without_html_output_it_says_what_to_keep() {
        let dir = tempfile::tempdir().unwrap();
        let err = run(&context(dir.path(), None)).unwrap_err().to_string();
        assert!(err.starts_with("no HTML output next to "), "{err}");
        assert!(
            err.ends_with("keep `[output.html]` in book.toml, the exports are written into it")
        );
    }

    #[test]
    fn without_anything_handed_over_it_asks_whether_the_preprocessor_ran() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("book/html")).unwrap();
        let ctx = context(dir.path(), None);
        std::fs::remove_dir_all(ctx.destination.join(exports::HANDED_OVER)).unwrap();
        assert_eq!(
            run(&ctx).unwrap_err().to_string(),
            format!(
                "nothing was handed over in {}: does the `report` preprocessor run for the `html` renderer?",
                ctx.destination.join("exports").display()
            )
        );
    }

    /// A book with an endnote, built in-process with `extra` in book.toml: its HTML folder, the
    /// pages read for the check, and the folder (kept alive).
    fn built(extra: &str) -> (PathBuf, ReadPages, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("book.toml"),
            format!(
                "[book]\ntitle = \"T\"\n[preprocessor.report.endnotes]\nchapter = \"notes.md\"\n{extra}\n[output.html.search]\nenable = false\n[output.report-postbuild]\n"
            ),
        )
        .unwrap();
        std::fs::create_dir_all(dir.path().join("src")).unwrap();
        std::fs::write(
            dir.path().join("src/SUMMARY.md"),
            "- [A](a.md)\n- [Notes](notes.md)\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("src/a.md"), "# A\n\nText.[^n]\n").unwrap();
        std::fs::write(
            dir.path().join("src/notes.md"),
            "# Notes\n\n[^n]: The note.\n",
        )
        .unwrap();
        let (html, read) =
            crate::build::build_for_check(dir.path(), &crate::build::Options::default()).unwrap();
        (html, read, dir)
    }

    fn files(html: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(html)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn with_search_and_previews_the_site_gets_their_files_and_every_page_its_note() {
        let (html, read, _dir) = built("");
        let names = files(&html);
        assert!(names.contains(&SEARCH_DIR.to_string()), "{names:?}");
        assert!(html.join("search/meta.json").is_file());
        assert!(
            names
                .iter()
                .any(|n| n.starts_with("report-previews-") && n.ends_with(".js")),
            "{names:?}"
        );
        let page = std::fs::read_to_string(html.join("a.html")).unwrap();
        assert!(page.contains("<noscript><p class=\"report-noscript\">"));
        // Every page is read for the check, the print page too.
        let pages = names.iter().filter(|n| n.ends_with(".html")).count();
        assert!(names.contains(&PRINT.to_string()));
        assert_eq!(read.len(), pages);
        let print = std::fs::read_to_string(html.join(PRINT)).unwrap();
        assert!(!print.contains("report-meta"));
        // The search index holds the chapters' text: the print page is not a page of its own.
        let records = std::fs::read_to_string(html.join("search/r/0.json")).unwrap();
        assert!(records.contains("\"a.html\""), "{records}");
        assert!(!records.contains("print.html"), "{records}");
    }

    #[test]
    fn without_search_or_previews_none_of_their_files_or_notes() {
        let (html, _, _dir) = built(
            "[preprocessor.report.search]\nenable = false\n[preprocessor.report.previews]\nenable = false\n",
        );
        let names = files(&html);
        assert!(!names.contains(&SEARCH_DIR.to_string()), "{names:?}");
        assert!(
            !names.iter().any(|n| n.starts_with("report-previews-")),
            "{names:?}"
        );
        let page = std::fs::read_to_string(html.join("a.html")).unwrap();
        assert!(!page.contains("report-noscript"));
    }
}
