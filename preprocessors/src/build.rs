//! The one-command build: mdBook in-process with this project's preprocessor and post-build
//! renderer registered directly, so no command is spawned and no mdBook CLI is needed.
//!
//! This build decides what mdBook reads: `build.create-missing` is off (a chapter `SUMMARY.md`
//! lists but nobody wrote is an error, not an empty file created in `src/`), and the book's
//! sources are checked ([`crate::model::sources`]) before mdBook loads a single chapter, so a
//! file from outside the book is never read, let alone published.

use crate::base::diagnostics::{Diagnostics, Location};
use crate::config::{PREPROCESSOR, RENDERER, SITE_URL_HINT, is_absolute_url};
use crate::linkcheck::ReadPages;
use crate::model::sources;
use crate::postbuild::Postbuild;
use crate::preprocessor::Report;
use anyhow::Context;
use mdbook_driver::MDBook;
use mdbook_driver::config::Config;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Options of [`build`].
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Overrides `deny-warnings` from `book.toml` (the build command passes `true`).
    pub deny_warnings: Option<bool>,
    /// Build into this directory instead of `build.build-dir`.
    pub dest: Option<PathBuf>,
    /// Overrides `[preprocessor.report.citation] site-url` (the address the site is published
    /// at, which a book's repository may not know).
    pub site_url: Option<String>,
}

/// Loads the book at `root` and builds every configured output. Returns the HTML directory
/// (`book/html/` when `book.toml` has more outputs than `html`, as it does with the post-build
/// renderer).
pub fn build(root: &Path, options: &Options) -> anyhow::Result<PathBuf> {
    build_reading(root, options, None)
}

/// [`build`], for the link check that follows: returns the pages the post-build step finished,
/// each read as [`crate::linkcheck::check_read_site`] reads it while it was in memory, so the
/// check reads from disk only what the post-build step does not write (none, when the book has
/// the post-build step: every page).
pub fn build_for_check(root: &Path, options: &Options) -> anyhow::Result<(PathBuf, ReadPages)> {
    let sink = Arc::new(Mutex::new(ReadPages::default()));
    let html = build_reading(root, options, Some(sink.clone()))?;
    let read = std::mem::take(
        &mut *sink
            .lock()
            .map_err(|_| anyhow::anyhow!("the pages read were lost"))?,
    );
    Ok((html, read))
}

fn build_reading(
    root: &Path,
    options: &Options,
    for_check: Option<Arc<Mutex<ReadPages>>>,
) -> anyhow::Result<PathBuf> {
    let toml = root.join("book.toml");
    let mut config = if toml.exists() {
        Config::from_disk(&toml).with_context(|| format!("cannot read {}", toml.display()))?
    } else {
        Config::default()
    };
    config.update_from_env()?;
    config.build.create_missing = false;
    let mut diags = Diagnostics::new();
    // A value given on the command line is the command line's mistake, not book.toml's.
    if let Some(url) = options.site_url.as_deref().filter(|u| !is_absolute_url(u)) {
        diags
            .error(
                "config-site-url",
                Location::file("--site-url"),
                format!("`--site-url` is `{url}`, not an absolute address"),
            )
            .hint(SITE_URL_HINT);
    }
    sources::check(root, &config, &mut diags);
    // mdBook's own paths that leave the book (the theme files it copies into the site), before
    // it reads any; the rest of the theme check runs with the preprocessor's.
    crate::install::check_theme(root, &config, &mut diags);
    diags.retain(|d| d.code != "theme-file-missing");
    if diags.errors() > 0 {
        diags.finish(false)?;
    }
    let mut book = MDBook::load_with_config(root, config)
        .with_context(|| format!("cannot load the book at {}", root.display()))?;
    // The build command's strictness replaces the book's, unless the book's is a mistake of its
    // own (`deny-warnings = "yes"`), which the preprocessor then reports at its key.
    let key = format!("preprocessor.{PREPROCESSOR}.deny-warnings");
    let written = book.config.get::<serde_json::Value>(&key).ok().flatten();
    let mistaken = written.is_some_and(|v| !v.is_boolean());
    if let Some(deny) = options.deny_warnings.filter(|_| !mistaken) {
        book.config
            .set(format!("preprocessor.{PREPROCESSOR}.deny-warnings"), deny)
            .context("cannot set deny-warnings")?;
    }
    if let Some(url) = &options.site_url {
        let table = format!("preprocessor.{PREPROCESSOR}.citation");
        // The site's address asks for canonical links, not for citations: a book without the
        // citation table still cites nothing.
        if !book.config.contains_key(&table) {
            book.config
                .set(format!("{table}.enable"), false)
                .context("cannot set the site's address")?;
        }
        book.config
            .set(format!("{table}.site-url"), url)
            .context("cannot set the site's address")?;
    }
    if let Some(dest) = &options.dest {
        book.config.build.build_dir = dest.clone();
    }
    register_reading(&mut book, for_check);
    book.build()?;
    Ok(book.build_dir_for("html"))
}

/// Registers this project's preprocessor and post-build renderer in-process, in place of the
/// commands `book.toml` names.
pub fn register(book: &mut MDBook) {
    register_reading(book, None);
}

/// [`register`], the post-build step reading the pages for the check into `for_check`.
fn register_reading(book: &mut MDBook, for_check: Option<Arc<Mutex<ReadPages>>>) {
    // Same name as the `[preprocessor.report]` table in book.toml: this replaces its command in
    // place, keeping its position after `links`.
    book.with_preprocessor(Report);
    // Same name as `[output.report-postbuild]`: replaces its command in place, after `html`.
    // Only when configured, so a book without it keeps its single output directory.
    if book.config.contains_key(&format!("output.{RENDERER}")) {
        book.with_renderer(Postbuild { for_check });
    }
}
