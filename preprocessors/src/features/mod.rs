//! The features: each reads the [`crate::model`] (and the organisations' data, which is part of
//! it) and returns its findings and edits; none imports another. The pipeline
//! ([`crate::pipeline`]) runs them, the outputs ([`crate::outputs`]) turn their findings into
//! pages, exports and descriptions.

pub(crate) mod agenda;
pub(crate) mod documents;
pub(crate) mod endnotes;
pub(crate) mod organisations;
pub(crate) mod timeline;
