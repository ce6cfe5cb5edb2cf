//! The timeline as files: `timeline.json` ([`json`]) and `timeline.ics` ([`ics`]), both written
//! by the post-build step from the document the timeline page embeds.

pub mod ics;
pub mod json;
