//! The features: each reads the [`crate::model`] (and the organisations' data, which is part of
//! it) and returns its findings and edits; none imports another. The pipeline
//! ([`crate::pipeline`]) runs them, the outputs ([`crate::outputs`]) turn their findings into
//! pages, exports and descriptions.

pub mod agenda;
pub mod documents;
pub mod endnotes;
pub mod organisations;
pub mod timeline;
