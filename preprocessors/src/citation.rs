//! `mdbook-report cite`: the citation of a whole book, in the formats its pages offer.

use crate::base::diagnostics::Diagnostics;
use crate::config::{Config, PREPROCESSOR};
use crate::outputs::cite::{Citation, Page};
use anyhow::Context;
use std::path::Path;

/// A citation format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `CITATION.cff` (Citation File Format 1.2).
    Cff,
    /// A BibTeX entry.
    Bibtex,
    /// A RIS record.
    Ris,
    /// CSL-JSON, as citation managers import it.
    CslJson,
}

/// The citation of the book at `root` (where book.toml is) in `format`, for the whole
/// document, from its `[preprocessor.report.citation]` table.
pub fn of_book(root: &Path, format: Format) -> anyhow::Result<String> {
    let path = root.join("book.toml");
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let config: mdbook_preprocessor::config::Config = text
        .parse()
        .with_context(|| format!("{} is not valid", path.display()))?;
    let mut diags = Diagnostics::new();
    let cfg = Config::from_mdbook(&config, Some(&text), &mut diags);
    diags.finish(false)?;
    anyhow::ensure!(
        cfg.citation.enable,
        "{} has no `[preprocessor.{PREPROCESSOR}.citation]` table: add one to say how the document is cited",
        path.display()
    );
    let c = Citation::from_config(&cfg);
    let whole = Page::DOCUMENT;
    Ok(match format {
        Format::Cff => c.cff(),
        Format::Bibtex => c.bibtex(whole),
        Format::Ris => c.ris(whole),
        Format::CslJson => c.csl_json(whole),
    })
}
