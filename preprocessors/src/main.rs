//! `gmg-report`: build the site, or act as mdBook's preprocessor.
//!
//! - `gmg-report build` builds the whole site in-process (mdbook-driver), strict by default, then
//!   checks its links; any problem fails it.
//! - `gmg-report check [SITE_DIR]` checks every link, fragment and asset of the built site.
//! - `gmg-report preprocess [supports <renderer>]` is the mdBook preprocessor protocol: with
//!   `supports`, the answer is the exit code; otherwise `[context, book]` JSON is read on stdin and
//!   the processed book written to stdout.
//! - `gmg-report postbuild` is the mdBook renderer protocol for `[output.postbuild]`: the render
//!   context JSON is read on stdin and the timeline's exports written next to the HTML.

use anyhow::Context;
use clap::{Parser, Subcommand};
use gmg_report::preprocessor::{self, Gmg};
use gmg_report::{build, linkcheck, postbuild};
use mdbook_preprocessor::Preprocessor;
use mdbook_renderer::RenderContext;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(version, about = "Build and check the GMG follow-up report site")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the book's build directory (warnings are errors unless allowed).
    Build {
        /// The book's root directory (where book.toml is).
        #[arg(long, default_value = ".")]
        book: PathBuf,
        /// Report warnings without failing the build.
        #[arg(long)]
        allow_warnings: bool,
        /// Build into this directory instead of the configured one.
        #[arg(long)]
        dest: Option<PathBuf>,
        /// Skip the link check that follows the build.
        #[arg(long)]
        no_check: bool,
    },
    /// Check the links, fragments and assets of the built site.
    Check(linkcheck::CheckArgs),
    /// mdBook preprocessor protocol (used by `book.toml`).
    Preprocess {
        #[command(subcommand)]
        supports: Option<Supports>,
    },
    /// mdBook renderer protocol for `[output.postbuild]`: writes the timeline's exports.
    Postbuild,
}

#[derive(Subcommand)]
enum Supports {
    /// Exit 0 if the renderer is supported, 1 if not.
    Supports { renderer: String },
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Build {
            book,
            allow_warnings,
            dest,
            no_check,
        } => {
            let options = build::Options {
                deny_warnings: Some(!allow_warnings),
                dest,
            };
            let html = build::build(&book, &options)?;
            eprintln!("built {}", html.display());
            if no_check {
                return Ok(ExitCode::SUCCESS);
            }
            // A broken link fails the build (and CI), like any other problem in the sources.
            let check = linkcheck::Options {
                book: Some(book),
                external: None,
            };
            let report = linkcheck::check_site(&html, &check)?;
            if report.is_clean() {
                eprintln!("{}", report.summary());
                Ok(ExitCode::SUCCESS)
            } else {
                eprint!("{}", report.render_text());
                Ok(ExitCode::FAILURE)
            }
        }
        Command::Check(args) => linkcheck::run(&args),
        Command::Preprocess {
            supports: Some(Supports::Supports { renderer }),
        } => Ok(if preprocessor::supports(&renderer) {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        }),
        Command::Preprocess { supports: None } => {
            let (ctx, book) = mdbook_preprocessor::parse_input(std::io::stdin().lock())
                .context("the preprocessor expects mdBook's `[context, book]` JSON on stdin")?;
            if ctx.mdbook_version != mdbook_preprocessor::MDBOOK_VERSION {
                eprintln!(
                    "warning: built against mdBook {}, called by mdBook {}",
                    mdbook_preprocessor::MDBOOK_VERSION,
                    ctx.mdbook_version
                );
            }
            let book = Gmg.run(&ctx, book)?;
            let mut out = std::io::stdout().lock();
            serde_json::to_writer(&mut out, &book).context("cannot write the book to stdout")?;
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Postbuild => {
            let ctx = RenderContext::from_json(std::io::stdin().lock())
                .context("the post-build step expects mdBook's render context JSON on stdin")?;
            for file in postbuild::run(&ctx)? {
                eprintln!("wrote {}", file.display());
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
