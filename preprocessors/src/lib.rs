//! mdBook 0.5 preprocessors, a post-build renderer and a link checker that publish an
//! intergovernmental report (or declaration, resolution …) as a connected website: every
//! organisation linked to its own page, the document's agenda cross-linked with an overview,
//! book-wide endnotes linked both ways, and a timeline of the meetings it describes.
//!
//! Layers, each using only those below it (ARCHITECTURE.md draws them):
//!
//! 1. [`base`]: diagnostics, YAML, HTML escaping, dates, numbering, the Markdown walk.
//! 2. [`model`]: the book parsed once, with the types several features read (configuration,
//!    front matter, organisations, typed ids).
//! 3. [`features`]: endnotes, organisations, agenda, timeline; each depends on the model only.
//! 4. [`outputs`]: generated pages, exports and page descriptions, made from the features'
//!    findings.
//! 5. [`pipeline`]: wires the features and outputs.
//! 6. Entry points: [`preprocessor`] (mdBook's preprocessor), [`postbuild`] (the renderer that
//!    finishes the site), [`build`] (both in-process), [`linkcheck`] (the built site's links),
//!    [`install`] (theme files for a new book), [`import`] (documents extracted from PDFs into
//!    chapters), [`suggest`] (names the registry lacks); the binaries `mdbook-report` and
//!    `mdbook-report-postbuild` are thin wrappers.

pub mod base;
pub mod build;
pub mod features;
pub mod import;
pub mod install;
pub mod linkcheck;
pub mod model;
pub mod outputs;
pub mod pipeline;
pub mod postbuild;
pub mod preprocessor;
pub mod suggest;
