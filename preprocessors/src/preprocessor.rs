//! The mdBook preprocessor `report`: reads the configuration, runs the [`crate::pipeline`] and
//! reports every problem at once.
//!
//! One preprocessor does all the work, rather than one per feature: the features share one
//! parse of each chapter, and mdBook spawns a command preprocessor twice per build (once for
//! `supports`, once to run), so four preprocessors would cost eight process starts per build.

use crate::base::diagnostics::{Diagnostic, Diagnostics};
use crate::base::html::{Html, Markdown};
use crate::config::{Config, PREPROCESSOR, RENDERER};
use crate::model::{generated_chapter, sources};
use crate::outputs::exports;
use crate::outputs::pages::bodies;
use crate::pipeline;
use anyhow::Context;
use mdbook_preprocessor::book::{Book, BookItem};
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
use std::path::Path;

/// The preprocessor, for [`mdbook_driver::MDBook::with_preprocessor`] and for the binary.
#[derive(Debug, Default, Clone, Copy)]
pub struct Report;

impl Preprocessor for Report {
    fn name(&self) -> &str {
        PREPROCESSOR
    }

    fn run(
        &self,
        ctx: &PreprocessorContext,
        mut book: Book,
    ) -> mdbook_preprocessor::errors::Result<Book> {
        let mut diags = Diagnostics::new();
        let cfg = Config::from_book(&ctx.root, &ctx.config, &mut diags);
        check(&ctx.root, &ctx.config, &cfg, &mut book, &mut diags);
        let (root, src) = (&ctx.root, &ctx.config.book.src);
        let mut book = if hands_over(ctx) {
            let site = pipeline::site(book, &cfg, root, src, &mut diags);
            hand_over(ctx, &site)?;
            site.book
        } else {
            transform(book, &cfg, root, src, &mut diags)
        };
        // mdBook runs the preprocessor once per renderer it supports; `supports` leaves out the
        // post-build step, but a `renderers = [...]` list in book.toml can still ask for it: the
        // HTML run has reported the problems already, so such a run stays quiet.
        if ctx.renderer == RENDERER {
            diags = Diagnostics::new();
        }
        match diags.finish(cfg.deny_warnings) {
            // Under `mdbook serve`, a failed build would leave the editor looking at the last
            // good page (or stop `serve` at start-up): show the problems in the book instead.
            Err(_) if serving(ctx) => {
                show_problems(&mut book, &diags, &ctx.config.book.src);
                Ok(book)
            }
            result => result.map(|()| book),
        }
    }

    fn supports_renderer(&self, renderer: &str) -> mdbook_preprocessor::errors::Result<bool> {
        Ok(supports(renderer))
    }
}

/// The checks the preprocessor makes before the features run: the book's theme and renderer
/// ([`crate::install::check_book`]), and its chapters' sources, so that nothing from outside the
/// book (or its repository, for `{{#include}}`) reaches the pages, even under `mdbook serve`.
/// A chapter that fails is replaced by what it may show.
pub fn check(
    root: &Path,
    config: &mdbook_preprocessor::config::Config,
    cfg: &Config,
    book: &mut Book,
    diags: &mut Diagnostics,
) {
    crate::install::check_book(root, config, cfg.search.enable, diags);
    sources::check(root, config, diags).apply(book);
}

/// What the preprocessor does to a checked book ([`check`]) for mdBook's HTML renderer: every
/// feature the configuration `cfg` and the book's input call for, problems in `diags`. `root`
/// is the book's root (where its data files are), `src` its source folder relative to the root
/// (to name files in messages). With the post-build step, the preprocessor hands the generated
/// pages' bodies and the files to publish over to it instead of keeping them in the book.
pub fn transform(
    book: Book,
    cfg: &Config,
    root: &Path,
    src: &Path,
    diags: &mut Diagnostics,
) -> Book {
    pipeline::transform(book, cfg, root, src, diags)
}

/// Whether the post-build step runs after this run: the book has its renderer, and this is not
/// a run for that renderer (a `renderers = [...]` list can ask for one).
fn hands_over(ctx: &PreprocessorContext) -> bool {
    ctx.renderer != RENDERER && ctx.config.contains_key(&format!("output.{RENDERER}"))
}

/// The open data and the generated pages' bodies go to the post-build step in its own output
/// directory (`<build-dir>/report-postbuild/`, which mdBook computes the same way for the
/// renderer), not inside a page: see [`crate::outputs::exports`] and
/// [`crate::outputs::pages::bodies`].
fn hand_over(ctx: &PreprocessorContext, site: &pipeline::Site) -> anyhow::Result<()> {
    let dir = ctx.root.join(&ctx.config.build.build_dir).join(RENDERER);
    exports::hand_over(&dir, &site.files)
        .with_context(|| format!("cannot write the exports into {}", dir.display()))?;
    bodies::hand_over(&dir, &site.bodies)
        .with_context(|| format!("cannot write the pages' bodies into {}", dir.display()))
}

/// The renderers the output is meant for: HTML. Not `markdown`, and not this project's
/// post-build step, which reads what it needs from the HTML site (see [`crate::postbuild`]):
/// mdBook runs every preprocessor once per renderer, so supporting it would transform the book
/// twice.
pub fn supports(renderer: &str) -> bool {
    renderer != "markdown" && renderer != RENDERER
}

/// True under `mdbook serve`, which sets a live-reload endpoint in the configuration.
pub(crate) fn serving(ctx: &PreprocessorContext) -> bool {
    matches!(
        ctx.config.get::<String>("output.html.live-reload-endpoint"),
        Ok(Some(_))
    )
}

/// Puts the problems where the editor looks: a list at the top of each affected chapter and a
/// "Build problems" page first in the book.
pub(crate) fn show_problems(book: &mut Book, diags: &Diagnostics, src: &Path) {
    book.for_each_chapter_mut(|ch| {
        let Some(source) = ch.source_path.as_ref() else {
            return;
        };
        let file = src.join(source);
        let here: Vec<_> = diags.iter().filter(|d| d.location.path == file).collect();
        if !here.is_empty() {
            ch.content = problem_list(here) + &ch.content;
        }
    });
    let mut summary = Html::<Markdown>::new();
    summary.element("p", diags.summary()).newline();
    let page = generated_chapter(
        "Build problems",
        Path::new("build-problems.md"),
        format!(
            "# Build problems\n\n{}{summary}",
            problem_list(diags.iter().collect()),
        ),
        vec![],
    );
    book.items.insert(0, BookItem::Chapter(page));
}

/// The problems as an alert: a sentence, then each problem as it is printed.
fn problem_list(items: Vec<&Diagnostic>) -> String {
    let mut h = Html::<Markdown>::new();
    h.open("div")
        .attr("class", "report-problems report-generated")
        .attr("role", "alert")
        .close()
        .newline();
    h.element_open("p")
        .element(
            "strong",
            "This build has problems; the published build would fail.",
        )
        .close("p")
        .newline();
    h.element_open("ul").newline();
    for d in items {
        h.element_open("li")
            .element("code", d)
            .close("li")
            .newline();
    }
    h.close("ul").newline().close("div").newline().newline();
    h.into_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::diagnostics::Location;
    use mdbook_preprocessor::book::Chapter;
    use std::path::PathBuf;

    fn context(toml: &str, renderer: &str) -> PreprocessorContext {
        PreprocessorContext::new(PathBuf::from("."), toml.parse().unwrap(), renderer.into())
    }

    #[test]
    fn the_preprocessor_supports_every_renderer_but_markdown_and_the_post_build_step() {
        assert!(supports("html"));
        assert!(supports("epub"));
        assert!(!supports("markdown"));
        assert!(!supports(RENDERER));
        assert!(Report.supports_renderer("html").unwrap());
        assert!(!Report.supports_renderer("markdown").unwrap());
        assert_eq!(Report.name(), "report");
    }

    #[test]
    fn it_hands_over_to_the_post_build_step_only_when_the_book_has_it_and_this_run_is_not_for_it() {
        let with = "[output.html]\n[output.report-postbuild]\n";
        assert!(hands_over(&context(with, "html")));
        assert!(!hands_over(&context(with, RENDERER)));
        assert!(!hands_over(&context("[output.html]\n", "html")));
    }

    #[test]
    fn mdbook_serve_is_known_by_its_live_reload_endpoint() {
        assert!(serving(&context(
            "[output.html]\nlive-reload-endpoint = \"__livereload\"\n",
            "html"
        )));
        assert!(!serving(&context("[output.html]\n", "html")));
    }

    #[test]
    fn under_serve_the_problems_head_their_chapters_and_a_page_of_their_own() {
        let mut book = Book::new();
        let mut a = Chapter::new("A", "# A\n".into(), "a.md", vec![]);
        a.source_path = Some(PathBuf::from("a.md"));
        let mut b = Chapter::new("B", "# B\n".into(), "b.md", vec![]);
        b.source_path = Some(PathBuf::from("b.md"));
        book.push_item(BookItem::Chapter(a));
        book.push_item(BookItem::Chapter(b));
        let mut diags = Diagnostics::new();
        diags
            .error("x", Location::at("src/a.md", 1, 3), "a <b> & c")
            .hint("fix it");
        diags.warning("y", Location::file("book.toml"), "w");
        show_problems(&mut book, &diags, Path::new("src"));
        let contents: Vec<(String, String)> = book
            .iter()
            .filter_map(|i| match i {
                BookItem::Chapter(c) => Some((c.name.clone(), c.content.clone())),
                _ => None,
            })
            .collect();
        // The list is in Markdown: brackets are written as references, so they stay text.
        let list = "<div class=\"report-problems report-generated\" role=\"alert\">\n<p><strong>This build has problems; the published build would fail.</strong></p>\n<ul>\n";
        assert_eq!(
            contents,
            [
                (
                    "Build problems".to_string(),
                    format!(
                        "# Build problems\n\n{list}<li><code>src/a.md:1:3: error: a &lt;b&gt; &amp; c &#91;x&#93;\n  = hint: fix it</code></li>\n<li><code>book.toml: warning: w &#91;y&#93;</code></li>\n</ul>\n</div>\n\n<p>1 error, 1 warning</p>\n"
                    )
                ),
                (
                    "A".to_string(),
                    format!(
                        "{list}<li><code>src/a.md:1:3: error: a &lt;b&gt; &amp; c &#91;x&#93;\n  = hint: fix it</code></li>\n</ul>\n</div>\n\n# A\n"
                    )
                ),
                ("B".to_string(), "# B\n".to_string()),
            ]
        );
    }

    /// Runs the preprocessor for `renderer` on a one-chapter book whose chapter is `text`, with
    /// `extra` in book.toml; the chapters' names, or the error.
    fn run(text: &str, extra: &str, renderer: &str) -> Result<Vec<String>, String> {
        let dir = tempfile::tempdir().unwrap();
        let toml = format!(
            "[book]\ntitle = \"T\"\n[output.html]\n{extra}\n[output.html.search]\nenable = false\n"
        );
        std::fs::write(dir.path().join("book.toml"), &toml).unwrap();
        std::fs::create_dir_all(dir.path().join("src")).unwrap();
        std::fs::write(dir.path().join("src/SUMMARY.md"), "- [A](a.md)\n").unwrap();
        std::fs::write(dir.path().join("src/a.md"), text).unwrap();
        let mut cfg: mdbook_preprocessor::config::Config = toml.parse().unwrap();
        cfg.set("preprocessor.report.permalinks.enable", false)
            .unwrap();
        let ctx = PreprocessorContext::new(dir.path().to_path_buf(), cfg, renderer.into());
        let mut a = Chapter::new("A", text.into(), "a.md", vec![]);
        a.source_path = Some(PathBuf::from("a.md"));
        let mut book = Book::new();
        book.push_item(BookItem::Chapter(a));
        Report
            .run(&ctx, book)
            .map(|book| {
                book.iter()
                    .filter_map(|i| match i {
                        BookItem::Chapter(c) => Some(c.name.clone()),
                        _ => None,
                    })
                    .collect()
            })
            .map_err(|e| e.to_string())
    }

    #[test]
    fn a_build_with_an_error_fails_but_serve_shows_the_problems_in_the_book() {
        let bad = "# A\n\n[x](javascript:alert)\n";
        assert_eq!(
            run(bad, "", "html"),
            Err("the book has problems: 1 error, 1 warning".to_string())
        );
        assert_eq!(
            run(bad, "live-reload-endpoint = \"__livereload\"\n", "html"),
            Ok(vec!["Build problems".to_string(), "A".to_string()])
        );
        // A run for the post-build renderer stays quiet: the HTML run reported them.
        assert_eq!(run(bad, "", RENDERER), Ok(vec!["A".to_string()]));
        assert_eq!(run("# A\n\nFine.\n", "", "html"), Ok(vec!["A".to_string()]));
        // With the post-build step: handed over, and no warning that it is missing.
        assert_eq!(
            run("# A\n\nFine.\n", "[output.report-postbuild]\n", "html"),
            Ok(vec!["A".to_string()])
        );
        assert_eq!(
            run(bad, "[output.report-postbuild]\n", "html"),
            Err("the book has problems: 1 error, 0 warnings".to_string())
        );
    }
}
