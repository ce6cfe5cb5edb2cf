//! `mdbook-report check [SITE_DIR]`: proves that the built site has no broken link, answering
//! as a browser does.
//!
//! Every `.html` page of the site is read once (html5ever's tokenizer, no DOM) and each URL is
//! resolved as a browser resolves it (see `url.rs`: the URL standard's parsing against the page's
//! URL or its `<base href>`, the HTML standard's rules for fragments), then checked:
//!
//! - each local link (`<a href>`, `<link href>`, `<script src>`, `<img src|srcset>`, `<source src>`,
//!   `<use href>`, `<iframe src>`, `<form action>`, `formaction`, …, and `url()` in the site's
//!   stylesheets, `<style>` elements and `style` attributes) names a file of the site (a
//!   directory means its `index.html`; `%20` is decoded; `?query` is ignored) —
//!   `missing-file` for pages, `missing-asset` for what a page loads; a link above the site's
//!   root is one only into a declared sibling site (an external link then);
//! - each `#fragment`, on the same page or another, matches an `id` or `<a name>` of the target
//!   page (not inside a `<template>`), print.html and generated pages included —
//!   `missing-fragment`; each text fragment's text is on it — `missing-text-fragment` (see
//!   `text.rs`);
//! - no `id` appears twice on a page — `duplicate-id`; no `href`/`src` is empty — `empty-href`;
//!   no `href` is `#` alone — `hash-only-href` (mdBook's own heading anchors are not checked);
//! - the table of contents (mdBook's toc.html, or its `toc-*.js` when there is no toc.html)
//!   links to every page but print.html, toc.html, index.html, the 404 page and redirect stubs —
//!   `unreachable-page`;
//! - external links (`http:`, `https:`, `mailto:`) are listed with the pages using them; with
//!   `--external` they are fetched (see [`external`]) and failures are `broken-external`. A link
//!   of a web archive's form (`…/<timestamp>/<address>`, [`external::archived_address`]) is an
//!   archived copy of that address: a failing address names its copies and the archive's answer.
//!
//! Each problem is reported once per page, sorted by page, kind and target; a problem that
//! print.html (or index.html, mdBook's copy of the first chapter) only repeats is reported at
//! the chapter alone. When `--book` points at the book (`book.toml`, `src/SUMMARY.md`), a
//! problem on a chapter's page also names the Markdown line of the faulty link (see `source.rs`).
//!
//! # Text output
//!
//! ```text
//! book/intro.html: error: broken link `gone.html`: no file `gone.html` (src/intro.md:14:9) [missing-file]
//! book/intro.html: error: broken fragment `#x` in link `a.html#x`: no id `x` on `a.html` (src/intro.md:12:5) [missing-fragment]
//! external: https://www.un.org/ (intro.html, print.html)
//! 16 pages, 412 links: 2 problems (1 missing-file, 1 missing-fragment); 1 external link listed, not checked (--external checks them)
//! ```
//!
//! With `--external`, each `external:` line carries its outcome in brackets: `[200]`,
//! `[200 after redirect to https://…]`, `[404]`, `[timed out]`, with `, cached` when it came
//! from the cache.
//!
//! # JSON output (`--json`)
//!
//! ```json
//! {
//!   "site": "book",
//!   "pages": 16,
//!   "links": 412,
//!   "problems": [
//!     {
//!       "page": "intro.html",
//!       "kind": "missing-fragment",
//!       "target": "a.html#x",
//!       "message": "broken fragment `#x` in link `a.html#x`: no id `x` on `a.html`",
//!       "source": { "path": "src/intro.md", "line": 12, "column": 5 }
//!     }
//!   ],
//!   "counts": { "missing-fragment": 1 },
//!   "external": [
//!     {
//!       "url": "https://www.un.org/",
//!       "pages": ["intro.html", "print.html"],
//!       "check": { "status": 200, "final_url": null, "error": null, "cached": false }
//!     }
//!   ]
//! }
//! ```
//!
//! `target` is `null` for empty links and unreachable pages, `source` when no Markdown line is
//! known, `check` without `--external` and for `mailto:`; `status` is `null` when no answer came
//! (`error` says why).
//!
//! Exit status: 0 when clean, 1 on any problem, 2 when the site cannot be read or the
//! arguments are wrong.

mod check;
pub mod external;
mod extract;
mod report;
mod source;
mod text;
mod url;

pub(crate) use check::PageLinks;
pub use check::{ReadPages, check_read_site, check_site};
pub use report::{ExternalLink, Kind, Problem, Report, Source};

use crate::config::LinkCheckConfig;
use clap::Args;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

/// What [`check_site`] does besides the local checks.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The book's root directory (with `book.toml`), for source locations, the site URL and the
    /// 404 page; nothing of it is needed.
    pub book: Option<PathBuf>,
    /// Sites published beside this one, as (a folder beyond the site's root written from the
    /// root, `../std/`; its address, `https://doc.rust-lang.org/std/`), besides those of the
    /// book's `[preprocessor.report.link-check]`: links into them are external links.
    pub siblings: Vec<(String, String)>,
    /// Fetch external links; `None` only lists them.
    pub external: Option<external::Options>,
}

/// `mdbook-report check`.
#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// The built site [default: the build directory's `html/` if it exists, else the build
    /// directory, from book.toml (`book`)].
    pub site: Option<PathBuf>,
    /// The book's root directory (book.toml, src/), for Markdown line numbers.
    #[arg(long, default_value = ".")]
    pub book: PathBuf,
    /// A site published beside this one: the folder its links reach from the site's root and
    /// its address (`../std/=https://doc.rust-lang.org/std/`); links into it are external.
    /// Repeatable; adds to (and overrides) `siblings` under `[preprocessor.report.link-check]`.
    #[arg(long = "sibling", value_name = "PREFIX=URL", value_parser = sibling)]
    pub siblings: Vec<(String, String)>,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// Fetch external http(s) links over the network (a build with the `external` feature,
    /// the default).
    #[arg(long)]
    pub external: bool,
    /// Where --external keeps the results of successful fetches.
    #[arg(
        long,
        default_value = "target/linkcheck-cache.json",
        requires = "external"
    )]
    pub cache: PathBuf,
    /// How long a cached success is trusted.
    #[arg(long, value_name = "DAYS", default_value_t = 7, requires = "external")]
    pub cache_ttl: u64,
    /// Limit for one external request, redirects included.
    #[arg(long, value_name = "SECONDS", default_value = "10", value_parser = seconds, requires = "external")]
    pub timeout: Duration,
    /// Further tries after a timeout, a failed connection, 429 or 5xx (waiting 0.5 s, 1 s, …).
    #[arg(long, default_value_t = 2, requires = "external")]
    pub retries: u32,
    /// External requests in flight at once.
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..=256), requires = "external")]
    pub concurrency: u32,
}

fn seconds(s: &str) -> Result<Duration, String> {
    let secs: f64 = s
        .parse()
        .map_err(|_| format!("`{s}` is not a number of seconds"))?;
    Duration::try_from_secs_f64(secs)
        .ok()
        .filter(|d| !d.is_zero())
        .ok_or_else(|| format!("`{s}` is not a positive number of seconds"))
}

fn sibling(s: &str) -> Result<(String, String), String> {
    let (prefix, address) = s.split_once('=').ok_or_else(|| {
        format!("`{s}` is not PREFIX=URL (e.g. `../std/=https://doc.rust-lang.org/std/`)")
    })?;
    match LinkCheckConfig::sibling_mistake(prefix, address) {
        Some((problem, hint)) => Err(format!("{problem}: {hint}")),
        None => Ok((prefix.to_owned(), address.to_owned())),
    }
}

impl CheckArgs {
    /// The library options these arguments ask for.
    pub fn options(&self) -> Options {
        Options {
            book: Some(self.book.clone()),
            siblings: self.siblings.clone(),
            external: self.external.then(|| external::Options {
                cache: self.cache.clone(),
                cache_ttl: Duration::from_secs(self.cache_ttl.saturating_mul(24 * 3600)),
                timeout: self.timeout,
                retries: self.retries,
                backoff: Duration::from_millis(500),
                concurrency: self.concurrency as usize,
            }),
        }
    }
}

/// Runs `mdbook-report check`: prints the report; exit status 0 (clean), 1 (problems) or 2 (the
/// site or book cannot be read). Only a failure to write the report is an `Err`.
pub fn run(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    if args.external && !external::AVAILABLE {
        // Said before the site is read: the local checks would be done for nothing.
        eprintln!("error: {}", external::NOT_BUILT);
        return Ok(ExitCode::from(2));
    }
    let site = args
        .site
        .clone()
        .unwrap_or_else(|| default_site_dir(&args.book));
    let report = match check_site(&site, &args.options()) {
        Ok(report) => report,
        Err(err) => {
            eprintln!("error: {err:#}");
            return Ok(ExitCode::from(2));
        }
    };
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    } else {
        out.write_all(report.render_text().as_bytes())?;
    }
    out.flush()?;
    Ok(if report.is_clean() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The site mdBook builds for the book at `root`: `<build-dir>/html` when there are several
/// outputs, else `<build-dir>`.
pub fn default_site_dir(root: &Path) -> PathBuf {
    let build_dir = match source::Book::load(root) {
        Ok(Some(book)) => book.build_dir,
        _ if root == Path::new(".") => PathBuf::from("book"),
        _ => root.join("book"),
    };
    let html = build_dir.join("html");
    if html.is_dir() { html } else { build_dir }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        args: CheckArgs,
    }

    fn parse(args: &[&str]) -> Result<CheckArgs, String> {
        Cli::try_parse_from(["check"].iter().chain(args))
            .map(|c| c.args)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn a_timeout_is_a_positive_number_of_seconds() {
        assert_eq!(seconds("2.5"), Ok(Duration::from_millis(2500)));
        assert_eq!(
            seconds("0"),
            Err("`0` is not a positive number of seconds".into())
        );
        assert_eq!(
            seconds("-1"),
            Err("`-1` is not a positive number of seconds".into())
        );
        assert_eq!(
            seconds("ten"),
            Err("`ten` is not a number of seconds".into())
        );
    }

    #[test]
    fn a_sibling_is_a_prefix_and_an_address() {
        assert_eq!(
            sibling("../std/=https://doc.rust-lang.org/std/"),
            Ok(("../std/".into(), "https://doc.rust-lang.org/std/".into()))
        );
        assert_eq!(
            sibling("../std/"),
            Err(
                "`../std/` is not PREFIX=URL (e.g. `../std/=https://doc.rust-lang.org/std/`)"
                    .into()
            )
        );
        let mistake = sibling("../std/=doc.rust-lang.org").unwrap_err();
        let (problem, hint) =
            LinkCheckConfig::sibling_mistake("../std/", "doc.rust-lang.org").unwrap();
        assert_eq!(mistake, format!("{problem}: {hint}"));
    }

    #[test]
    fn the_arguments_give_the_options_with_days_as_seconds() {
        let args = parse(&[
            "site",
            "--book",
            "b",
            "--sibling",
            "../std/=https://doc.rust-lang.org/std/",
            "--external",
            "--cache-ttl",
            "2",
            "--timeout",
            "3",
            "--retries",
            "4",
            "--concurrency",
            "5",
        ])
        .unwrap();
        let options = args.options();
        assert_eq!(options.book, Some(PathBuf::from("b")));
        assert_eq!(options.siblings.len(), 1);
        let external = options.external.unwrap();
        assert_eq!(external.cache, PathBuf::from("target/linkcheck-cache.json"));
        assert_eq!(external.cache_ttl, Duration::from_secs(2 * 24 * 3600));
        assert_eq!(external.timeout, Duration::from_secs(3));
        assert_eq!(external.retries, 4);
        assert_eq!(external.backoff, Duration::from_millis(500));
        assert_eq!(external.concurrency, 5);
        assert!(parse(&[]).unwrap().options().external.is_none());
        // The network's options need --external.
        assert!(parse(&["--retries", "1"]).is_err());
        assert!(parse(&["--external", "--concurrency", "0"]).is_err());
    }

    #[test]
    fn the_default_site_is_the_html_folder_of_the_books_build_directory_when_there_is_one() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        assert_eq!(default_site_dir(root), root.join("book"));
        assert_eq!(default_site_dir(Path::new(".")), PathBuf::from("book"));
        std::fs::write(root.join("book.toml"), "[build]\nbuild-dir = \"out\"\n").unwrap();
        assert_eq!(default_site_dir(root), root.join("out"));
        std::fs::create_dir_all(root.join("out/html")).unwrap();
        assert_eq!(default_site_dir(root), root.join("out/html"));
    }

    #[test]
    fn the_exit_status_says_clean_problems_or_unreadable() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        let mut args = parse(&[site.to_str().unwrap(), "--book", "/nonexistent"]).unwrap();
        assert_eq!(run(&args).unwrap(), ExitCode::from(2));
        std::fs::create_dir_all(&site).unwrap();
        std::fs::write(site.join("index.html"), "<a href=\"a.html\">a</a>").unwrap();
        assert_eq!(run(&args).unwrap(), ExitCode::from(1));
        std::fs::write(site.join("a.html"), "<p>a</p>").unwrap();
        assert_eq!(run(&args).unwrap(), ExitCode::SUCCESS);
        args.json = true;
        assert_eq!(run(&args).unwrap(), ExitCode::SUCCESS);
        // With the network: a site without external links is as clean (nothing is fetched).
        let cache = dir.path().join("cache.json");
        let args = parse(&[
            site.to_str().unwrap(),
            "--book",
            "/nonexistent",
            "--external",
            "--cache",
            cache.to_str().unwrap(),
        ])
        .unwrap();
        assert_eq!(run(&args).unwrap(), ExitCode::SUCCESS);
    }
}
