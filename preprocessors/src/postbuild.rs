//! The post-build step: an mdBook renderer that finishes the site after mdBook's HTML renderer:
//! each page's own description goes into its `<head>` ([`crate::outputs::describe`]), and the
//! exports (the timeline's, `documents.json`) are written next to the pages.
//!
//! mdBook preprocessors cannot write files into the output (mdBook #1222), so `book.toml` has a
//! second output, `[output.report-postbuild]`, whose renderer is this one. mdBook runs renderers
//! in the alphabetical order of their table names, so it runs after `html` (which empties its
//! own directory first and would delete files written before it). With two outputs mdBook gives
//! each its own directory: the site is in `book/html/`, and this renderer writes
//! `timeline.json`, `timeline.ics` and `documents.json` there (its own directory stays empty).
//!
//! It reads the timeline page (and the "Documents cited" page) the HTML renderer has just written and the data block the
//! preprocessor embedded in it ([`export::extract`]; mdBook copies the raw `<script>` block as it
//! is): the exports are the page's own data, never recomputed. So this renderer needs nothing of
//! the preprocessed book, and the `report` preprocessor does not run for it
//! ([`crate::preprocessor::supports`]): mdBook runs every preprocessor once per renderer, and
//! running ours a second time doubled its cost (and, on the mdBook CLI path, added a process and
//! a JSON round trip of the whole book). The same renderer runs in-process for
//! `mdbook-report build` ([`crate::build`]) and as `mdbook-report-postbuild` for the mdBook CLI.

use crate::base::diagnostics::Diagnostics;
use crate::model::config::{Config, PREPROCESSOR, RENDERER};
use crate::outputs::cite::{self, Citation};
use crate::outputs::exports::{documents, ics, json as export};
use crate::outputs::{describe, previews};
use anyhow::Context;
use mdbook_renderer::{RenderContext, Renderer};
use std::path::{Path, PathBuf};

/// The post-build renderer, for [`mdbook_driver::MDBook::with_renderer`] and the binary.
#[derive(Debug, Default, Clone, Copy)]
pub struct Postbuild;

impl Renderer for Postbuild {
    fn name(&self) -> &str {
        RENDERER
    }

    fn render(&self, ctx: &RenderContext) -> mdbook_renderer::errors::Result<()> {
        run(ctx).map(|_| ())
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

/// Finishes every page (description, citation, the previews' data file in `<head>`; the "Cite
/// this" block in `<main>`), writes the previews' data file, `documents.json` (when the book has
/// a "Documents cited" page) and the timeline's exports; returns the files written besides the
/// pages.
pub fn run(ctx: &RenderContext) -> anyhow::Result<Vec<PathBuf>> {
    let mut diags = Diagnostics::new();
    let book_toml = std::fs::read_to_string(ctx.root.join("book.toml")).ok();
    let cfg = Config::from_mdbook(&ctx.config, book_toml.as_deref(), &mut diags);
    diags.finish(false)?;
    let dir = html_dir(ctx)?;
    let pages =
        read_pages(&dir).with_context(|| format!("cannot read the pages in {}", dir.display()))?;
    let mut written = Vec::new();
    let mut previews_file = None;
    let data = pages
        .iter()
        .find_map(|(_, html)| previews::take_marker(html).and_then(|(_, d)| d));
    if let Some(data) = data.filter(|_| cfg.previews.enable) {
        let endnotes = site_path(&cfg.endnotes.chapter.with_extension("html"));
        let notes = pages
            .iter()
            .find(|(rel, _)| *rel == endnotes)
            .map_or("", |(_, html)| html.as_str());
        let (name, text) = previews::finish(data, notes);
        let path = dir.join(&name);
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
        written.push(path);
        previews_file = Some(name);
    }
    let citation = cfg.citation.enable.then(|| Citation::from_config(&cfg));
    for (rel, html) in &pages {
        let page = finish_page(html, rel, citation.as_ref(), previews_file.as_deref());
        if page != *html {
            let path = dir.join(rel);
            std::fs::write(&path, page)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
    }
    if cfg.documents.enable {
        written.extend(documents_export(&cfg, &dir, &pages)?);
    }
    if !cfg.timeline.enable {
        return Ok(written);
    }
    let page = dir.join(cfg.timeline.page.with_extension("html"));
    let content = std::fs::read_to_string(&page).with_context(|| {
        format!(
            "the timeline page `{}` is not in the site: does the `{PREPROCESSOR}` preprocessor run for the `html` renderer?",
            page.display()
        )
    })?;
    let doc = export::extract(&content)?;
    // A calendar needs absolute URLs: only a site URL with a scheme gives them.
    let site_url = cfg.site_url();
    let files = [
        (export::JSON_FILE, export::to_file(&doc)),
        (
            ics::ICS_FILE,
            ics::calendar(
                &ics::Words::from_config(&cfg),
                &doc,
                cfg.date(),
                site_url.as_deref(),
            ),
        ),
    ];
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

/// `documents.json`, from the data the "Documents cited" page embeds. A book that cites no
/// document and has no archived address has no such page, and gets no file.
fn documents_export(
    cfg: &Config,
    dir: &Path,
    pages: &[(String, String)],
) -> anyhow::Result<Option<PathBuf>> {
    let page = site_path(&cfg.documents.page.with_extension("html"));
    let Some((_, content)) = pages.iter().find(|(rel, _)| *rel == page) else {
        return Ok(None);
    };
    let data = documents::extract(content)
        .with_context(|| format!("cannot read the documents' data in {page}"))?;
    let path = dir.join(documents::JSON_FILE);
    std::fs::write(&path, documents::to_file(&data))
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(Some(path))
}

/// Every HTML page under `dir`: its path from `dir` (with `/`) and its text, sorted by path.
fn read_pages(dir: &Path) -> std::io::Result<Vec<(String, String)>> {
    let mut pages = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                let rel = path.strip_prefix(dir).unwrap_or(&path);
                pages.push((site_path(rel), std::fs::read_to_string(&path)?));
            }
        }
    }
    pages.sort();
    Ok(pages)
}

/// A path in the site, with `/`.
fn site_path(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// One page finished: the previews' marker removed; for a page with its own marker (every page
/// of the book; not the print page, which has them all, nor mdBook's own pages), the
/// description, the citation's tags and the data file's name in `<head>` and "Cite this" at the
/// end of `<main>`.
pub fn finish_page(
    html: &str,
    rel: &str,
    citation: Option<&Citation>,
    previews_file: Option<&str>,
) -> String {
    let page = previews::take_marker(html).map_or_else(|| html.to_string(), |(p, _)| p);
    let Some((page, meta)) = describe::take(&page) else {
        return describe::strip_markers(&page).unwrap_or(page);
    };
    let mut page = describe::apply(page, &meta);
    let mut head = Vec::new();
    if let Some(c) = citation {
        let at = cite::Page {
            title: &meta.title,
            path: rel,
        };
        head.push(c.head_tags(at));
        if let Some(end) = page.rfind("</main>") {
            page.insert_str(end, &c.block(at));
        }
    }
    head.extend(previews_file.map(previews::meta_tag));
    if let Some(end) = page.find("</head>").filter(|_| !head.is_empty()) {
        page.insert_str(end, &format!("    {}\n    ", head.join("\n        ")));
    }
    page
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::timeline::Timeline;
    use crate::features::timeline::tests::{may_2014, model};
    use crate::model::config::TimelineConfig;
    use mdbook_renderer::book::Book;
    use mdbook_renderer::config::Config as MdConfig;

    /// A render context for a built book whose timeline page (in `book/html/`, when that exists)
    /// has one meeting.
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
        let doc = export::document(&t, &m, None, &Config::default());
        let html = dir.join("book/html");
        if html.is_dir() {
            // What mdBook's HTML renderer writes: the raw block as it is.
            std::fs::write(
                html.join("timeline.html"),
                format!(
                    "<html><body><main><h1>Timeline</h1>\n{}\n</main></body></html>\n",
                    export::embed(&doc)
                ),
            )
            .unwrap();
        }
        let book = Book::new();
        let mut config = MdConfig::default();
        if let Some(url) = site_url {
            config.set("output.html.site-url", url).unwrap();
        }
        RenderContext::new(dir, book, config, dir.join("book").join(RENDERER))
    }

    #[test]
    fn a_page_gets_its_citation_in_head_and_cite_this_in_main() {
        let mut cfg = Config::default();
        cfg.title = "T".into();
        cfg.authors = vec!["Org".into()];
        cfg.citation.site_url = "https://example.org/r/".into();
        let c = Citation::from_config(&cfg);
        let meta = describe::marker(&describe::PageMeta {
            title: "1. A".into(),
            description: String::new(),
        });
        let html = format!(
            "<head>\n    <meta name=\"description\" content=\"Book.\">\n</head>\n<main>\n<p>x</p>\n{meta}\n</main>"
        );
        let page = finish_page(&html, "a.html", Some(&c), Some("report-previews-1.js"));
        assert_eq!(
            page,
            format!(
                "<head>\n    <meta name=\"description\" content=\"Book.\">\n    {}\n        \
                 <meta name=\"report-previews\" content=\"report-previews-1.js\">\n    </head>\n\
                 <main>\n<p>x</p>\n{}</main>",
                c.head_tags(cite::Page {
                    title: "1. A",
                    path: "a.html"
                }),
                c.block(cite::Page {
                    title: "1. A",
                    path: "a.html"
                })
            )
        );
        assert!(page.contains("<link rel=\"canonical\" href=\"https://example.org/r/a.html\">"));
        // A page without a marker of its own (mdBook's 404 page, the print page) is left alone.
        let print = format!("<head></head><main>{meta}{meta}</main>");
        assert_eq!(
            finish_page(&print, "print.html", Some(&c), None),
            "<head></head><main></main>"
        );
        assert_eq!(
            finish_page("<head></head>", "404.html", Some(&c), None),
            "<head></head>"
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
            [html.join("timeline.json"), html.join("timeline.ics")]
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
    fn writes_documents_json_from_the_documents_page_when_there_is_one() {
        let dir = tempfile::tempdir().unwrap();
        let html = dir.path().join("book/html");
        std::fs::create_dir_all(&html).unwrap();
        let ctx = context(dir.path(), None);
        // No documents page (nothing cited): no file, no error.
        assert!(!run(&ctx).unwrap().contains(&html.join("documents.json")));
        let data = documents::Export {
            title: "Documents cited".into(),
            page: "documents.html".into(),
            documents: vec![],
            archived: vec![documents::ArchivedEntry {
                address: "https://a.org/x".into(),
                archive: "https://web.archive.org/web/20300214/https://a.org/x".into(),
                date: "2030-02-14".into(),
                date_from: "access".into(),
                note: Some("1".into()),
                url: "notes.html#p-x".into(),
            }],
        };
        std::fs::write(
            html.join("documents.html"),
            format!("<main>{}</main>", documents::embed(&data)),
        )
        .unwrap();
        let written = run(&ctx).unwrap();
        assert!(
            written.contains(&html.join("documents.json")),
            "{written:?}"
        );
        let back: documents::Export =
            serde_json::from_str(&std::fs::read_to_string(html.join("documents.json")).unwrap())
                .unwrap();
        assert_eq!(back, data);
    }

    #[test]
    fn a_relative_site_url_gives_no_calendar_urls() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("book/html")).unwrap();
        run(&context(dir.path(), Some("/report/"))).unwrap();
        let ics = std::fs::read_to_string(dir.path().join("book/html/timeline.ics")).unwrap();
        assert!(!ics.contains("URL:"));
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
    fn a_site_without_the_timeline_page_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("book/html")).unwrap();
        let ctx = context(dir.path(), None);
        let page = dir.path().join("book/html/timeline.html");
        std::fs::remove_file(&page).unwrap();
        assert_eq!(
            run(&ctx).unwrap_err().to_string(),
            format!(
                "the timeline page `{}` is not in the site: does the `report` preprocessor run for the `html` renderer?",
                page.display()
            )
        );
    }
}
