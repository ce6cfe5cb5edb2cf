//! The mdBook preprocessor: builds the model once and runs every enabled feature over it.
//!
//! One preprocessor (`gmg`) does all the work, rather than one per feature: the features share
//! one parse of each chapter, and mdBook spawns a command preprocessor twice per build (once for
//! `supports`, once to run), so four preprocessors would cost eight process starts per build.

use crate::agencies::{self, Agencies};
use crate::agenda::Agenda;
use crate::config::{self, Config};
use crate::diagnostics::Diagnostics;
use crate::endnotes::Endnotes;
use crate::model::{self, ChapterOutput, Model};
use crate::postbuild;
use crate::timeline::{Timeline, export, page};
use mdbook_preprocessor::book::{Book, BookItem};
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
use std::path::Path;

/// The preprocessor, for [`mdbook_driver::MDBook::with_preprocessor`] and for the binary.
#[derive(Debug, Default, Clone, Copy)]
pub struct Gmg;

impl Preprocessor for Gmg {
    fn name(&self) -> &str {
        config::NAME
    }

    fn run(
        &self,
        ctx: &PreprocessorContext,
        book: Book,
    ) -> mdbook_preprocessor::errors::Result<Book> {
        let mut diags = Diagnostics::new();
        let book_toml = std::fs::read_to_string(ctx.root.join("book.toml")).ok();
        let cfg = Config::from_mdbook(&ctx.config, book_toml.as_deref(), &mut diags);
        let mut book = transform_for_site(book, &cfg, &ctx.root, &ctx.config.book.src, &mut diags);
        // mdBook runs the preprocessor once per renderer it supports; `supports` leaves out the
        // post-build step, but a `renderers = [...]` list in book.toml can still ask for it: the
        // HTML run has reported the problems already, so such a run stays quiet.
        if ctx.renderer == postbuild::NAME {
            diags = Diagnostics::new();
        }
        match report(&mut diags, cfg.deny_warnings) {
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

/// The renderers the output is meant for: HTML. Not `markdown`, and not this project's
/// post-build step, which reads what it needs from the HTML site (see [`postbuild`]): mdBook runs
/// every preprocessor once per renderer, so supporting it would transform the book twice.
pub fn supports(renderer: &str) -> bool {
    renderer != "markdown" && renderer != postbuild::NAME
}

/// True under `mdbook serve`, which sets a live-reload endpoint in the configuration.
pub fn serving(ctx: &PreprocessorContext) -> bool {
    matches!(
        ctx.config.get::<String>("output.html.live-reload-endpoint"),
        Ok(Some(_))
    )
}

/// Puts the problems where the editor looks: a list at the top of each affected chapter and a
/// "Build problems" page first in the book.
pub fn show_problems(book: &mut Book, diags: &Diagnostics, src: &Path) {
    let list = |items: Vec<&crate::diagnostics::Diagnostic>| {
        let mut out = String::from(
            "<div class=\"gmg-problems gmg-generated\" role=\"alert\">\n<p><strong>This build has problems; the published build would fail.</strong></p>\n<ul>\n",
        );
        for d in items {
            out.push_str(&format!(
                "<li><code>{}</code></li>\n",
                crate::html::text(&d.to_string())
            ));
        }
        out.push_str("</ul>\n</div>\n\n");
        out
    };
    book.for_each_chapter_mut(|ch| {
        let Some(source) = ch.source_path.as_ref() else {
            return;
        };
        let file = src.join(source);
        let here: Vec<_> = diags.iter().filter(|d| d.location.path == file).collect();
        if !here.is_empty() {
            ch.content = list(here) + &ch.content;
        }
    });
    let page = crate::model::generated_chapter(
        "Build problems",
        Path::new("build-problems.md"),
        format!(
            "# Build problems\n\n{}<p>{}</p>\n",
            list(diags.iter().collect()),
            crate::html::text(&diags.summary())
        ),
        vec![],
    );
    book.items.insert(0, BookItem::Chapter(page));
}

/// Prints the diagnostics to stderr and fails when they are fatal.
pub fn report(diags: &mut Diagnostics, deny_warnings: bool) -> anyhow::Result<()> {
    if deny_warnings {
        diags.deny_warnings();
    }
    diags.sort();
    if !diags.is_empty() {
        eprintln!("{}", diags.render());
    }
    if diags.is_fatal(deny_warnings) {
        anyhow::bail!("the book has problems: {}", diags.summary());
    }
    Ok(())
}

/// The whole transformation: `book` in, the published book out, problems in `diags`.
/// `src` is the source directory relative to the book root, used to name files in diagnostics.
/// `root` is the book root, where data files are read from.
pub fn transform(
    book: Book,
    cfg: &Config,
    root: &Path,
    src: &Path,
    diags: &mut Diagnostics,
) -> Book {
    run_features(book, cfg, root, src, diags, false)
}

/// What mdBook gets ([`Gmg`]): [`transform`], and every page's description for its `<head>`
/// (a marker the post-build step moves there, see [`crate::meta`]).
pub fn transform_for_site(
    book: Book,
    cfg: &Config,
    root: &Path,
    src: &Path,
    diags: &mut Diagnostics,
) -> Book {
    run_features(book, cfg, root, src, diags, true)
}

fn run_features(
    mut book: Book,
    cfg: &Config,
    root: &Path,
    src: &Path,
    diags: &mut Diagnostics,
    page_meta: bool,
) -> Book {
    let model = Model::build(&book, src, diags);
    let mut outputs: Vec<ChapterOutput> = model
        .chapters
        .iter()
        .map(|_| ChapterOutput::default())
        .collect();

    let endnotes = cfg
        .endnotes
        .enable
        .then(|| Endnotes::collect(&model, &cfg.endnotes, diags));
    if let Some(endnotes) = &endnotes {
        endnotes.edit_references(&model, &cfg.endnotes.chapter, &mut outputs);
    }

    let agencies = cfg
        .agencies
        .enable
        .then(|| Agencies::collect(&model, root, &cfg.agencies, diags));
    if let Some(agencies) = &agencies {
        agencies.edit(&model, cfg.agencies.link, &mut outputs);
    }

    let agenda = cfg
        .agenda
        .enable
        .then(|| Agenda::collect(&model, &cfg.agenda, diags));
    if let Some(agenda) = &agenda {
        agenda.edit(&model, agencies.as_ref(), &mut outputs, diags);
    }

    let timeline = cfg
        .timeline
        .enable
        .then(|| Timeline::collect(&model, agencies.as_ref(), &cfg.timeline, diags));
    if let Some(timeline) = &timeline {
        timeline.anchor(&mut outputs);
    }

    model::insert_anchors(&model, &mut outputs);
    model::settle_quotes(&model, &mut outputs);
    // Last: the endnotes chapter is reassembled from the edits of every feature.
    if let Some(endnotes) = &endnotes {
        endnotes.assemble(&model, &mut outputs, diags);
    }
    model::write_back(&mut book, &model, &mut outputs);

    if agenda.is_some() || timeline.is_some() {
        book.items
            .push(BookItem::PartTitle("Explore the report".into()));
    }
    if let Some(agenda) = &agenda {
        let meetings = timeline.as_ref().map(Timeline::agenda_items);
        book.items.push(BookItem::Chapter(agenda.overview(
            &model,
            agencies.as_ref(),
            meetings.as_deref().unwrap_or_default(),
        )));
    }
    if let Some(timeline) = &timeline {
        let doc = export::document(
            timeline,
            &model,
            agencies.as_ref(),
            &cfg.timeline.report_date,
        );
        book.items.push(BookItem::Chapter(page::chapter(
            timeline,
            &model,
            agencies.as_ref(),
            &doc,
        )));
    }
    if let Some(agencies) = &agencies {
        let meetings = timeline.as_ref().map(|t| t.organiser_items(agencies));
        book.items.push(BookItem::PartTitle("Agencies".into()));
        book.items.push(BookItem::Chapter(agencies::pages::build(
            agencies,
            &model,
            meetings.as_deref().unwrap_or_default(),
        )));
    }
    // Last: every page, generated ones included, gets its description for <head>.
    if page_meta {
        crate::meta::annotate(&mut book, &model, agencies.as_ref());
    }
    book
}

#[cfg(test)]
mod tests {
    use super::*;
    use mdbook_preprocessor::book::Chapter;

    fn book() -> Book {
        let mut book = Book::new();
        book.push_item(BookItem::Chapter(Chapter::new(
            "Meetings",
            "---\nmeetings:\n  - id: w\n    title: Workshop\n    date: \"2014-04-23\"\n    \
             mention: A workshop met\n---\n# Meetings\n\nA workshop met in Turin.\n"
                .into(),
            "meetings.md",
            vec![],
        )));
        book
    }

    fn run(cfg: &Config) -> (Book, String) {
        let mut diags = Diagnostics::new();
        let book = transform(book(), cfg, Path::new("."), Path::new("src"), &mut diags);
        (book, diags.render())
    }

    fn config(timeline: bool) -> Config {
        let mut cfg = Config::default();
        cfg.agencies.enable = false;
        cfg.agenda.enable = false;
        cfg.endnotes.enable = false;
        cfg.timeline.enable = timeline;
        cfg
    }

    #[test]
    fn the_timeline_page_follows_the_explore_part_title_and_anchors_the_paragraph() {
        let (book, diags) = run(&config(true));
        assert_eq!(diags, "0 errors, 0 warnings");
        let names: Vec<String> = book
            .items
            .iter()
            .map(|i| match i {
                BookItem::Chapter(c) => c.name.clone(),
                BookItem::PartTitle(t) => format!("part: {t}"),
                BookItem::Separator => "---".into(),
            })
            .collect();
        assert_eq!(names, ["Meetings", "part: Explore the report", "Timeline"]);
        let BookItem::Chapter(page) = &book.items[2] else {
            panic!("a chapter")
        };
        assert_eq!(page.path.as_deref(), Some(Path::new("timeline.md")));
        assert!(
            page.content
                .contains("<li class=\"timeline-entry\" id=\"meeting-w\"")
        );
        let BookItem::Chapter(ch) = &book.items[0] else {
            panic!("a chapter")
        };
        assert!(ch.content.contains(
            "<span id=\"p-a-workshop-met-in-turin\" class=\"anchor-target\"></span>A workshop met"
        ));
    }

    #[test]
    fn the_timeline_can_be_switched_off() {
        let (book, diags) = run(&config(false));
        assert_eq!(diags, "0 errors, 0 warnings");
        assert_eq!(book.items.len(), 1);
        let BookItem::Chapter(ch) = &book.items[0] else {
            panic!("a chapter")
        };
        assert!(!ch.content.contains("anchor-target"));
    }
}
