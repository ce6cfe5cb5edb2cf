//! Meetings described in chapters' front matter, as a timeline with iCalendar and JSON exports.
//!
//! Front matter syntax (in the chapter whose text describes the meeting):
//!
//! ```yaml
//! meetings:
//!   - id: fair-recruitment-workshop          # unique in the book
//!     title: Workshop on Fair Recruitment
//!     date: 2014-04-23                       # see below
//!     end: 2014-04-24                        # optional, same forms, not before `date`
//!     place: International Training Centre of the ILO, Turin, Italy   # optional
//!     organisers: [ilo]                      # registry ids
//!     parent: hrc-26                         # optional: the meeting this one is part of
//!     tentative: false                       # optional: the text says "tentatively"
//!     mention: "A workshop on Fair Recruitment was convened"   # verbatim from the chapter text
//! ```
//!
//! Dates are as precise as the text: `2014`, `2014-06`, `2014-04-23`, a half year `2014-H1`, a
//! quarter `2014-Q3`, a season `2013-autumn` (northern hemisphere; `fall` is accepted).

use serde::Deserialize;
use serde_saphyr::Spanned;

/// One meeting as an editor writes it in a chapter's front matter.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct MeetingSpec {
    /// Unique id across the book (`fair-recruitment-workshop`).
    pub id: Spanned<String>,
    /// The meeting's name, as the text gives it.
    pub title: Spanned<String>,
    /// Start date, as precise as the text.
    pub date: Spanned<String>,
    /// Optional last day (inclusive), as precise as the text.
    #[serde(default)]
    pub end: Option<Spanned<String>>,
    /// Where it takes place.
    #[serde(default)]
    pub place: Option<Spanned<String>>,
    /// Registry ids of the organisers.
    #[serde(default)]
    pub organisers: Vec<Spanned<String>>,
    /// The id of the meeting this one is part of.
    #[serde(default)]
    pub parent: Option<Spanned<String>>,
    /// The text calls the date tentative.
    #[serde(default)]
    pub tentative: bool,
    /// A phrase copied verbatim from the chapter text where the meeting is mentioned.
    pub mention: Spanned<String>,
}
