//! `gen-book`: writes the benchmark books (see BENCHMARKS.md).
//!
//! ```text
//! gen-book [--reports N] [--orgs-per-report K] [--seed S] [--out DIR]
//! ```
//!
//! Writes into DIR (default `target/bench-books`):
//! - `report/full`, `report/plain`, `report/expanded`: the report itself, its plain-mdBook copy
//!   and the plain-mdBook book of its preprocessed pages (see `expanded_copy`);
//! - `gen-N/full`, `gen-N/plain`, `gen-N/expanded`: the same for the N-report book.

use anyhow::{Context, Result, bail};
use report_bench::{Options, expanded_copy, generate, markdown_bytes, plain_copy, repo_root};
use std::path::PathBuf;

fn main() -> Result<()> {
    let mut opts = Options::default();
    let repo = repo_root();
    let mut out = repo.join("target/bench-books");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().with_context(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--reports" => opts.reports = value()?.parse()?,
            "--orgs-per-report" => opts.orgs_per_report = value()?.parse()?,
            "--seed" => opts.seed = value()?.parse()?,
            "--out" => out = PathBuf::from(value()?),
            "-h" | "--help" => {
                println!("gen-book [--reports N] [--orgs-per-report K] [--seed S] [--out DIR]");
                return Ok(());
            }
            other => bail!("unknown argument `{other}`"),
        }
    }
    let report = out.join("report");
    report_bench::generate::copy_report(&repo, &report.join("full"))?;
    plain_copy(&report.join("full"), &report.join("plain"))?;
    expanded_copy(&report.join("full"), &report.join("expanded"))?;
    println!(
        "report: {} ({} bytes of Markdown)",
        report.join("full").display(),
        markdown_bytes(&report.join("full"))?
    );
    let dir = out.join(format!("gen-{}", opts.reports));
    let g = generate(&repo, &dir.join("full"), &opts)?;
    plain_copy(&g.root, &dir.join("plain"))?;
    expanded_copy(&g.root, &dir.join("expanded"))?;
    println!(
        "gen-{}: {} ({} pages, {} bytes of Markdown, {} organisations, {} meetings, {} endnotes)",
        opts.reports,
        g.root.display(),
        g.pages,
        g.markdown_bytes,
        g.organisations,
        g.meetings,
        g.endnotes
    );
    Ok(())
}
