//! mdBook 0.5 preprocessors, a post-build renderer and a link checker that publish an
//! intergovernmental report (or declaration, resolution …) as a connected website: every
//! organisation linked to its own page, the document's agenda cross-linked with an overview,
//! book-wide endnotes linked both ways, and a timeline of the meetings it describes.
//!
//! The public surface is what a program driving the plugin set needs: the entry points
//! ([`build`], [`preprocessor`], [`postbuild`], [`linkcheck`], [`install`], [`import`],
//! [`suggest`]), the configuration ([`config`]), the diagnostics ([`Diagnostics`]) and the formats
//! of the open data ([`data`]). Everything else is private to the crate.
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

#![warn(unreachable_pub)]
#![deny(missing_docs)]
// The entry points' documentation names the private modules they drive, for the engineer who
// reads it with `cargo doc --document-private-items`; a library user sees those links as text.
#![allow(rustdoc::private_intra_doc_links)]

// The layers: private, so the compiler checks that nothing outside the crate depends on them
// (`config`, public, composes the features' configuration types).
mod base;
pub mod config;
mod features;
mod model;
mod outputs;
mod pipeline;

// The entry points.
pub mod build;
pub mod citation;
pub mod import;
pub mod install;
pub mod linkcheck;
pub mod postbuild;
pub mod preprocessor;
pub mod suggest;

/// The open data and the timeline's JSON as the site publishes them, for programs that read
/// them back: their file names, their columns and fields, and their types.
pub mod data {
    pub use crate::outputs::exports::json::{
        Document as Timeline, Event as TimelineEvent, JSON_FILE as TIMELINE_JSON,
    };
    pub use crate::outputs::exports::open_data::{
        AGENDA_MATRIX_CSV, Edge, Field, MENTIONS_CSV, NETWORK_JSON, NetworkFile, Node,
        ORGANISATIONS_CSV, ORGANISATIONS_JSON, OrganisationRecord, OrganisationsFile, Schema,
    };
}

/// Not part of the public interface: what the benchmarks' book generator (`benches/`) drives
/// directly, the organisation registry and its matcher, so a scaled book is named exactly as the
/// preprocessor reads it. It may change with any release.
#[doc(hidden)]
pub mod __bench {
    pub use crate::features::organisations::matcher::{Match, Matcher};
    pub use crate::features::organisations::registry::{Registry, parse as parse_registry};
    pub use crate::model::ids::OrgId;
    pub use crate::model::orgs::{Directory, Group, Kind, Org};
}

pub use base::diagnostics::{Diagnostic, Diagnostics, Location, Severity};
pub use config::Config;
