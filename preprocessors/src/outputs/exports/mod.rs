//! The exports the post-build step writes from the data their pages embed: the timeline as
//! `timeline.json` ([`json`]) and `timeline.ics` ([`ics`]), the documents cited as
//! `documents.json` ([`documents`]).

pub mod documents;
pub mod ics;
pub mod json;
