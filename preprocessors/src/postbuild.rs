//! The post-build step: an mdBook renderer that runs after the HTML renderer and finishes the
//! pages it wrote: each page's own description goes into its `<head>` ([`crate::meta`]).
//!
//! A renderer, because nothing else runs after mdBook's HTML renderer: `book.toml` has a second
//! output, `[output.postbuild]`. mdBook runs renderers in the alphabetical order of their table
//! names, so `postbuild` runs after `html` (which empties its own directory first). With two
//! outputs mdBook gives each its own directory: the site is in `book/html/` and this renderer
//! works there (its own `book/postbuild/` stays empty). The same renderer runs in-process for
//! `gmg-report build` ([`crate::build`]) and as `gmg-report postbuild` for the mdBook CLI.

use anyhow::Context;
use mdbook_renderer::{RenderContext, Renderer};
use std::path::PathBuf;

/// The renderer's name: the `[output.postbuild]` table of `book.toml`.
pub const NAME: &str = "postbuild";

/// The post-build renderer, for [`mdbook_driver::MDBook::with_renderer`] and the binary.
#[derive(Debug, Default, Clone, Copy)]
pub struct Postbuild;

impl Renderer for Postbuild {
    fn name(&self) -> &str {
        NAME
    }

    fn render(&self, ctx: &RenderContext) -> mdbook_renderer::errors::Result<()> {
        run(ctx).map(|_| ())
    }
}

/// The HTML output directory next to this renderer's own.
pub fn html_dir(ctx: &RenderContext) -> anyhow::Result<PathBuf> {
    let dir = ctx
        .destination
        .parent()
        .map(|p| p.join("html"))
        .filter(|d| d.is_dir())
        .with_context(|| {
            format!(
                "no HTML output next to {}: keep `[output.html]` in book.toml, before `[output.{NAME}]`",
                ctx.destination.display()
            )
        })?;
    Ok(dir)
}

/// Finishes the HTML pages; returns the pages rewritten.
pub fn run(ctx: &RenderContext) -> anyhow::Result<Vec<PathBuf>> {
    let dir = html_dir(ctx)?;
    crate::meta::apply_to_site(&dir)
        .with_context(|| format!("cannot write the page descriptions in {}", dir.display()))
}
