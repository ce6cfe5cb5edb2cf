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

#[cfg(test)]
mod tests {
    use super::*;

    /// A book in a temporary folder: `book.toml` with `extra`, one chapter `text`.
    fn book(extra: &str, text: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("book.toml"),
            format!("[book]\ntitle = \"T\"\n\n[output.html.search]\nenable = false\n{extra}"),
        )
        .unwrap();
        std::fs::create_dir_all(dir.path().join("src")).unwrap();
        std::fs::write(dir.path().join("src/SUMMARY.md"), "- [A](a.md)\n").unwrap();
        std::fs::write(dir.path().join("src/a.md"), text).unwrap();
        dir
    }

    fn error(result: anyhow::Result<PathBuf>) -> String {
        result.expect_err("the build fails").to_string()
    }

    #[test]
    fn a_site_url_that_is_not_absolute_is_the_command_lines_mistake() {
        let dir = book("[output.report-postbuild]\n", "# A\n");
        let options = Options {
            site_url: Some("example.org/site".into()),
            ..Options::default()
        };
        assert_eq!(
            error(build(dir.path(), &options)),
            "the book has problems: 1 error, 0 warnings"
        );
        // Nothing was built.
        assert!(!dir.path().join("book").exists());
    }

    #[test]
    fn a_chapter_summary_lists_and_nobody_wrote_is_an_error_not_a_file() {
        let dir = book("[output.report-postbuild]\n", "# A\n");
        std::fs::write(
            dir.path().join("src/SUMMARY.md"),
            "- [A](a.md)\n- [B](b.md)\n",
        )
        .unwrap();
        assert!(build(dir.path(), &Options::default()).is_err());
        assert!(!dir.path().join("src/b.md").exists());
    }

    #[test]
    fn the_commands_strictness_replaces_the_books_unless_the_books_is_a_mistake() {
        // One warning (the post-build renderer is missing), an error when warnings are denied.
        let dir = book("", "# A\n");
        assert!(build(dir.path(), &Options::default()).is_ok());
        let strict = Options {
            deny_warnings: Some(true),
            ..Options::default()
        };
        assert_eq!(
            error(build(dir.path(), &strict)),
            "the book has problems: 1 error, 0 warnings"
        );
        let dir = book("[preprocessor.report]\ndeny-warnings = true\n", "# A\n");
        let lenient = Options {
            deny_warnings: Some(false),
            ..Options::default()
        };
        assert!(build(dir.path(), &lenient).is_ok());
        assert!(build(dir.path(), &Options::default()).is_err());
        let dir = book("[preprocessor.report]\ndeny-warnings = \"yes\"\n", "# A\n");
        assert!(build(dir.path(), &lenient).is_err());
    }

    #[test]
    fn the_site_goes_to_dest_in_its_html_folder_with_canonical_links_but_no_citation() {
        let dir = book("[output.report-postbuild]\n", "# A\n\nText.\n");
        let dest = dir.path().join("out");
        let options = Options {
            dest: Some(dest.clone()),
            site_url: Some("https://example.org/site/".into()),
            ..Options::default()
        };
        let html = build(dir.path(), &options).unwrap();
        assert_eq!(html, dest.join("html"));
        let page = std::fs::read_to_string(html.join("a.html")).unwrap();
        assert!(
            page.contains("<link rel=\"canonical\" href=\"https://example.org/site/a.html\">"),
            "{page}"
        );
        assert!(!page.contains("citation_title"));
        // Without the post-build renderer, mdBook's single output is the folder itself.
        let dir = book("", "# A\n");
        let dest = dir.path().join("out");
        let options = Options {
            dest: Some(dest.clone()),
            ..Options::default()
        };
        assert_eq!(build(dir.path(), &options).unwrap(), dest);
    }

    #[test]
    fn a_build_for_the_check_hands_it_every_page_the_post_build_step_finished() {
        let dir = book("[output.report-postbuild]\n", "# A\n\nText.\n");
        let (html, read) = build_for_check(dir.path(), &Options::default()).unwrap();
        assert_eq!(html, dir.path().join("book/html"));
        let pages = std::fs::read_dir(&html)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .path()
                    .extension()
                    .is_some_and(|x| x == "html")
            })
            .count();
        assert!(pages >= 3, "a.html, index.html, print.html, 404.html …");
        assert_eq!(read.len(), pages);
    }

    #[test]
    fn register_puts_the_preprocessor_and_the_post_build_step_into_an_mdbook() {
        let dir = book("[output.report-postbuild]\n", "# A\n\nText.\n");
        let mut md = MDBook::load(dir.path()).unwrap();
        register(&mut md);
        md.build().unwrap();
        let page = std::fs::read_to_string(dir.path().join("book/html/a.html")).unwrap();
        // The preprocessor's permalink, and the description the post-build step put in <head>.
        assert!(
            page.contains("class=\"permalink report-generated\""),
            "{page}"
        );
        assert!(
            page.contains("<meta property=\"og:description\" content=\"Text.\">"),
            "{page}"
        );
    }
}
