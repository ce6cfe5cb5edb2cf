//! Meetings described in chapters' front matter, as a timeline with iCalendar and JSON exports.

use serde::Deserialize;
use serde_saphyr::Spanned;

/// One meeting as an editor writes it in a chapter's front matter.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct MeetingSpec {
    /// Unique id across the book (`fair-recruitment-workshop`).
    pub id: Spanned<String>,
}
