//! `mdbook-report`: mdBook's preprocessor for `[preprocessor.report]`, and the tools around it.
//!
//! - `mdbook-report` (no arguments) and `mdbook-report supports <renderer>` are the mdBook
//!   preprocessor protocol: with `supports`, the answer is the exit code; otherwise
//!   `[context, book]` JSON is read on stdin and the processed book written to stdout.
//! - `mdbook-report build` builds the whole site in-process (mdbook-driver), strict by default,
//!   then checks its links; any problem fails it.
//! - `mdbook-report check [SITE_DIR]` checks every link, fragment and asset of the built site.
//! - `mdbook-report citation` prints the document's citation (`CITATION.cff`, BibTeX, RIS,
//!   CSL-JSON) from `book.toml`.
//! - `mdbook-report install` writes the theme files into a book and completes its `book.toml`.
//! - `mdbook-report import FILE…` turns documents extracted from PDFs into chapters of a book.
//! - `mdbook-report registry suggest` lists the names of organisations and bodies the texts use
//!   and the registry lacks.
//! - `mdbook-report postbuild` is the renderer protocol of `[output.report-postbuild]` (also
//!   the binary `mdbook-report-postbuild`, which mdBook finds by that table's name).

use anyhow::Context;
use clap::{Parser, Subcommand};
use mdbook_preprocessor::Preprocessor;
use mdbook_report::preprocessor::{self, Report};
use mdbook_report::{build, citation, import, install, linkcheck, postbuild, suggest};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    version,
    about = "mdBook preprocessor and tools that publish a report as a connected website"
)]
struct Cli {
    /// Without a command: the mdBook preprocessor protocol (book JSON on stdin).
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// mdBook's question: exit 0 if the renderer is supported, 1 if not.
    Supports { renderer: String },
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
        /// The address the site is published at (`https://example.org/report/`): overrides
        /// `[preprocessor.report.citation] site-url` for canonical links and citations.
        #[arg(long)]
        site_url: Option<String>,
    },
    /// Print the document's citation, from book.toml (e.g. `--format cff > CITATION.cff`).
    Citation {
        /// The book's root directory (where book.toml is).
        #[arg(long, default_value = ".")]
        book: PathBuf,
        /// `cff`, `bibtex`, `ris` or `csl-json`.
        #[arg(long, default_value = "cff")]
        format: CitationFormat,
    },
    /// Check the links, fragments and assets of the built site.
    Check(linkcheck::CheckArgs),
    /// Write the theme files into a book and add what its book.toml needs.
    Install {
        /// The book's root directory (where book.toml is).
        #[arg(long, default_value = ".")]
        book: PathBuf,
        /// Replace theme files that differ from this version's (edits made to them are lost).
        #[arg(long)]
        update: bool,
    },
    /// Turn documents extracted from the UN's PDFs into chapters (one per document), or import
    /// them again, keeping the editor's edits.
    Import {
        /// The source files (a metadata block, the text, the notes `[^n]:` at the end).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The book's root directory (where book.toml is).
        #[arg(long, default_value = ".")]
        book: PathBuf,
        /// Where the editor and the source changed the same lines, take the source's.
        #[arg(long)]
        overwrite: bool,
    },
    /// The organisation registry (`data/organisations.yaml`).
    #[command(subcommand)]
    Registry(RegistryCommand),
    /// mdBook renderer protocol for `[output.report-postbuild]` (render context on stdin).
    Postbuild,
}

#[derive(Subcommand)]
enum RegistryCommand {
    /// List the names of organisations and bodies the texts use and the registry lacks
    /// ("Full Name (ACR)", "the … Council"), the most used first, with where each is first.
    Suggest {
        /// The book's root directory (where book.toml is).
        #[arg(long, default_value = ".")]
        book: PathBuf,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum CitationFormat {
    Cff,
    Bibtex,
    Ris,
    CslJson,
}

impl From<CitationFormat> for citation::Format {
    fn from(f: CitationFormat) -> Self {
        match f {
            CitationFormat::Cff => citation::Format::Cff,
            CitationFormat::Bibtex => citation::Format::Bibtex,
            CitationFormat::Ris => citation::Format::Ris,
            CitationFormat::CslJson => citation::Format::CslJson,
        }
    }
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
        None => preprocess(),
        Some(Command::Supports { renderer }) => Ok(if preprocessor::supports(&renderer) {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        }),
        Some(Command::Build {
            book,
            allow_warnings,
            dest,
            no_check,
            site_url,
        }) => {
            let options = build::Options {
                deny_warnings: Some(!allow_warnings),
                dest,
                site_url,
            };
            if no_check {
                let html = build::build(&book, &options)?;
                eprintln!("built {}", html.display());
                return Ok(ExitCode::SUCCESS);
            }
            let (html, read) = build::build_for_check(&book, &options)?;
            eprintln!("built {}", html.display());
            // A broken link fails the build (and CI), like any other problem in the sources.
            let check = linkcheck::Options {
                book: Some(book),
                siblings: Vec::new(),
                external: None,
            };
            let report = linkcheck::check_read_site(&html, &check, read)?;
            if report.is_clean() {
                eprintln!("{}", report.summary());
                Ok(ExitCode::SUCCESS)
            } else {
                eprint!("{}", report.render_text());
                Ok(ExitCode::FAILURE)
            }
        }
        Some(Command::Check(args)) => linkcheck::run(&args),
        Some(Command::Install { book, update }) => {
            let done = install::install(&book, update)?;
            for line in done.changes.iter().chain(&done.kept) {
                eprintln!("{line}");
            }
            for line in &done.advice {
                eprintln!("note: {line}");
            }
            if done.is_unchanged() {
                eprintln!(
                    "nothing to change: the plugin set is installed in {}",
                    book.display()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Import {
            files,
            book,
            overwrite,
        }) => {
            let mut diags = mdbook_report::Diagnostics::new();
            let options = import::Options { book, overwrite };
            let reports = import::run(&files, &options, &mut diags)?;
            for report in &reports {
                eprintln!("{}", report.line());
            }
            diags.finish(false)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Registry(RegistryCommand::Suggest { book })) => {
            let mut diags = mdbook_report::Diagnostics::new();
            let found = suggest::suggest(&book, &mut diags)?;
            diags.finish(false)?;
            // Names longer than 60 characters push their place to the right.
            let width = found
                .iter()
                .map(|s| s.name.chars().count())
                .max()
                .unwrap_or(0)
                .min(60);
            let mut out = std::io::stdout().lock();
            for s in &found {
                writeln!(out, "{}", s.line(width))?;
            }
            let names = match found.len() {
                1 => "1 name".to_string(),
                n => format!("{n} names"),
            };
            eprintln!("{names} the registry lacks (count, name, first place)");
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Postbuild) => postbuild::main(),
        Some(Command::Citation { book, format }) => {
            print!("{}", citation::of_book(&book, format.into())?);
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn preprocess() -> anyhow::Result<ExitCode> {
    let (ctx, book) = mdbook_preprocessor::parse_input(std::io::stdin().lock())
        .context("the preprocessor expects mdBook's `[context, book]` JSON on stdin")?;
    if ctx.mdbook_version != mdbook_preprocessor::MDBOOK_VERSION {
        eprintln!(
            "warning: built against mdBook {}, called by mdBook {}",
            mdbook_preprocessor::MDBOOK_VERSION,
            ctx.mdbook_version
        );
    }
    let book = Report.run(&ctx, book)?;
    let mut out = std::io::stdout().lock();
    serde_json::to_writer(&mut out, &book).context("cannot write the book to stdout")?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
