//! mdBook 0.5 preprocessors that publish the Global Migration Group's follow-up report to the
//! 2013 High-level Dialogue on International Migration and Development.
//!
//! The data flow (see ARCHITECTURE.md): mdBook loads the chapters → [`model::Model`] parses each
//! chapter's front matter and Markdown once → each feature ([`endnotes`], …) reads the model and
//! returns edits and generated pages → the edits are spliced by byte range → mdBook renders →
//! the post-build renderer ([`postbuild`]) writes the timeline's exports next to the HTML.

pub mod agencies;
pub mod agenda;
pub mod build;
pub mod config;
pub mod diagnostics;
pub mod endnotes;
pub mod frontmatter;
pub mod html;
pub mod linkcheck;
pub mod markdown;
pub mod meta;
pub mod model;
pub mod postbuild;
pub mod preprocessor;
pub mod timeline;
pub mod yaml;
