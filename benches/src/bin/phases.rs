//! `phases BOOK_ROOT`: where the time of one in-process build goes (wall-clock timers, no
//! profiler needed): loading, each renderer's preprocessing (mdBook's `index` and `links`, then
//! ours) and rendering, and our transform alone. Used to decide what to optimise; see
//! BENCHMARKS.md.

use anyhow::{Context, Result};
use mdbook_driver::MDBook;
use mdbook_driver::config::Config as MdConfig;
use mdbook_html::HtmlHandlebars;
use mdbook_renderer::{RenderContext, Renderer};
use mdbook_report::Diagnostics;
use mdbook_report::postbuild::Postbuild;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() -> Result<()> {
    let root = PathBuf::from(std::env::args().nth(1).context("phases BOOK_ROOT")?);
    let t = Instant::now();
    let mut book = MDBook::load(&root)?;
    let load = t.elapsed();
    mdbook_report::build::register(&mut book);

    let mut diags = Diagnostics::new();
    let cfg = report_bench::config_of(&book)?;
    // `PHASES_FEATURES=all|none|endnotes|organisations|agenda|timeline|documents PHASES_LOOPS=N`: only the
    // transform, N times (for a profiler), with those features.
    if let Ok(loops) = std::env::var("PHASES_LOOPS") {
        let features = std::env::var("PHASES_FEATURES").unwrap_or_else(|_| "all".into());
        if !report_bench::FEATURES.contains(&features.as_str()) {
            anyhow::bail!("PHASES_FEATURES: one of {:?}", report_bench::FEATURES);
        }
        let cfg = report_bench::with_features(cfg.clone(), &features);
        let t = Instant::now();
        let n: u32 = loops.parse()?;
        for _ in 0..n {
            let mut diags = Diagnostics::new();
            let b = mdbook_report::preprocessor::transform(
                book.book.clone(),
                &cfg,
                &root,
                Path::new("src"),
                &mut diags,
            );
            std::hint::black_box(b);
        }
        println!(
            "transform x{n}: {:.4} s each",
            t.elapsed().as_secs_f64() / f64::from(n)
        );
        return Ok(());
    }
    let t = Instant::now();
    let out = mdbook_report::preprocessor::transform(
        book.book.clone(),
        &cfg,
        &root,
        Path::new("src"),
        &mut diags,
    );
    let transform = t.elapsed();
    let out_bytes: usize = out.chapters().map(|c| c.content.len()).sum();
    let in_bytes: usize = book.book.chapters().map(|c| c.content.len()).sum();

    println!("load                         {:>8.3} s", load.as_secs_f64());
    println!(
        "transform alone              {:>8.3} s  ({in_bytes} B of Markdown in, {out_bytes} B out)",
        transform.as_secs_f64()
    );
    let renderers: [Box<dyn Renderer>; 2] = [
        Box::new(HtmlHandlebars::new()),
        Box::new(Postbuild::default()),
    ];
    for r in &renderers {
        let t = Instant::now();
        let (pre, pctx) = book.preprocess_book(&**r)?;
        let preprocess = t.elapsed();
        let config: MdConfig = book.config.clone();
        let mut ctx = RenderContext::new(root.clone(), pre, config, book.build_dir_for(r.name()));
        ctx.chapter_titles
            .extend(pctx.chapter_titles.borrow_mut().drain());
        let t = Instant::now();
        r.render(&ctx)?;
        let render = t.elapsed();
        println!(
            "{:<8} preprocess (all)      {:>8.3} s\n{:<8} render                {:>8.3} s",
            r.name(),
            preprocess.as_secs_f64(),
            r.name(),
            render.as_secs_f64()
        );
    }
    Ok(())
}
