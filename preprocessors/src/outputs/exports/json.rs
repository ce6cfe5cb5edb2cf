//! `timeline.json`: the timeline as data, compatible with TimelineJS, plus this project's fields.
//!
//! The document is built once by the preprocessor, which writes it as `timeline.json` and derives
//! `timeline.ics` from it ([`super::timeline_files`]): one source of truth for both. The files reach the site
//! through the post-build step ([`super::hand_over`]); the page no longer carries the data (it
//! was 3.9 MB of the timeline page's 9.2 MB at 100 reports, all of it mdBook rendering time:
//! BENCHMARKS.md, "Where the time goes").
//!
//! Schema (`?` marks a field that may be absent or `null`):
//!
//! ```text
//! {
//!   "title":  { "text": { "headline": HTML, "text": HTML } },   TimelineJS title slide
//!   "report_date"?: "2030-05",           the document's date, in the front-matter date forms
//!   "events": [ {                        in chronological order (see the timeline module)
//!     "unique_id":    "meeting-<id>",    TimelineJS slide id = the entry's id on the page
//!     "start_date":   { "year": 2030, "month"?: 4, "day"?: 23 },   as precise as the text;
//!     "end_date"?:    { "year": 2030, "month"?: 4, "day"?: 24 },   a season, quarter or half
//!                                        year gives its first and last month
//!     "display_date": "23–24 April 2030",   the date as a reader writes it
//!     "text":         { "headline": HTML title, "text": HTML place, organisers and status },
//!     "group":        "2030",            TimelineJS group: the year it is listed under
//!     "id":           "transit-forum",
//!     "title":        plain text,
//!     "date":         "2030-04-23",      canonical front-matter form of `date`
//!     "end"?:         "2030-04-24",      canonical front-matter form of `end`
//!     "first_day":    "2030-04-23",      first day the meeting may have taken place
//!     "last_day":     "2030-04-24",      last day (inclusive)
//!     "precision":    "day" | "month" | "quarter" | "season" | "half" | "year",
//!     "approximate":  false,             less precise than a day
//!     "planned":      false,             not over at the end of the document's date
//!     "tentative":    false,             the text calls the date tentative
//!     "place"?:       plain text,
//!     "organisers":   [ { "id": "wto", "name": plain text, "url"?: "organisations/wto.html" } ],
//!     "parent"?:      "<id>",            the meeting this one is part of
//!     "chapter":      { "title": "2.1. Transit and transport",
//!                       "url": "transit.html" },
//!     "url":          "transit.html#p-…"   the paragraph that mentions it
//!   } ]
//! }
//! ```
//!
//! URLs are relative to the site root, where `timeline.json` is written. TimelineJS reads
//! `title`, `events` and, in each event, `unique_id`, `start_date`, `end_date`, `display_date`,
//! `text` and `group`, and ignores the rest.

use crate::base::dates::{Date, Precision};
use crate::base::html;
use crate::config::Config;
use crate::features::timeline::Timeline;
use crate::model::Model;
use crate::model::orgs::Directory;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The file name of the JSON export, at the site root.
pub const JSON_FILE: &str = "timeline.json";

/// The whole export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// TimelineJS title slide.
    pub title: Slide,
    /// The document's date (`2030-05`), when configured.
    pub report_date: Option<String>,
    /// Meetings in chronological order.
    pub events: Vec<Event>,
}

/// A TimelineJS slide (only its text is used for the title).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Slide {
    /// Headline and body.
    pub text: Text,
}

/// TimelineJS text: HTML.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Text {
    /// HTML headline.
    pub headline: String,
    /// HTML body.
    pub text: String,
}

/// A TimelineJS date, as precise as the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsDate {
    /// Year.
    pub year: i32,
    /// Month (1–12), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month: Option<u32>,
    /// Day, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day: Option<u32>,
}

impl JsDate {
    fn of(day: NaiveDate, precision: Precision) -> JsDate {
        JsDate {
            year: day.year(),
            month: (precision != Precision::Year).then_some(day.month()),
            day: (precision == Precision::Day).then_some(day.day()),
        }
    }
}

/// An organiser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganiserRef {
    /// Registry id.
    pub id: String,
    /// Display name (the id when the registry is off).
    pub name: String,
    /// The organisation's page, relative to the site root.
    #[serde(default)]
    pub url: Option<String>,
}

/// The chapter that describes a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChapterRef {
    /// "2.1. Protect the human rights of all migrants".
    pub title: String,
    /// Relative to the site root.
    pub url: String,
}

/// One meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// `meeting-<id>`.
    pub unique_id: String,
    /// Start, as precise as the text.
    pub start_date: JsDate,
    /// End, for a range or a period longer than a month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<JsDate>,
    /// The date as a reader writes it.
    pub display_date: String,
    /// HTML headline and description.
    pub text: Text,
    /// The year it starts in.
    pub group: String,
    /// The meeting's id.
    pub id: String,
    /// Plain-text title.
    pub title: String,
    /// `date` in canonical form.
    pub date: String,
    /// `end` in canonical form.
    #[serde(default)]
    pub end: Option<String>,
    /// First possible day.
    pub first_day: NaiveDate,
    /// Last possible day (inclusive).
    pub last_day: NaiveDate,
    /// The coarser precision of `date` and `end`.
    pub precision: Precision,
    /// Less precise than a day.
    pub approximate: bool,
    /// Not over at the end of the report's date.
    pub planned: bool,
    /// The text calls the date tentative.
    pub tentative: bool,
    /// Where.
    #[serde(default)]
    pub place: Option<String>,
    /// Who.
    pub organisers: Vec<OrganiserRef>,
    /// The id of the meeting this one is part of.
    #[serde(default)]
    pub parent: Option<String>,
    /// The chapter that describes it.
    pub chapter: ChapterRef,
    /// The paragraph that mentions it.
    pub url: String,
}

/// Builds the export.
pub(crate) fn document(
    timeline: &Timeline,
    model: &Model,
    orgs: Option<&Directory>,
    cfg: &Config,
) -> Document {
    let events = timeline
        .meetings
        .iter()
        .map(|m| {
            let ch = model.chapter(m.chapter);
            let anchor = m.block.map(|b| ch.block(b).anchor.as_str());
            let organisers: Vec<OrganiserRef> = m
                .organisers
                .iter()
                .map(|o| match (o.org, orgs) {
                    (Some(i), Some(dir)) => OrganiserRef {
                        id: o.id.clone(),
                        name: dir.org(i).display_name(),
                        url: Some(html::site_href(&dir.page(i), None)),
                    },
                    _ => OrganiserRef {
                        id: o.id.clone(),
                        name: o.id.clone(),
                        url: None,
                    },
                })
                .collect();
            let span = m.span;
            let (start_date, end_date) = match (span.start, span.end) {
                (start, Some(end)) => (
                    JsDate::of(start.first(), start.precision()),
                    Some(JsDate::of(end.last(), end.precision())),
                ),
                (Date::Day(d), None) => (JsDate::of(d, Precision::Day), None),
                (Date::Month(..), None) | (Date::Year(_), None) => {
                    (JsDate::of(span.first_day(), span.precision()), None)
                }
                // TimelineJS has no seasons or halves: their first and last month.
                (start, None) => (
                    JsDate::of(start.first(), Precision::Month),
                    Some(JsDate::of(start.last(), Precision::Month)),
                ),
            };
            let mut about = Vec::new();
            if let Some(place) = &m.place {
                about.push(html::text(place));
            }
            if !organisers.is_empty() {
                let names: Vec<&str> = organisers.iter().map(|o| o.name.as_str()).collect();
                about.push(format!("Organised by {}", html::text(&names.join(", "))));
            }
            about.extend(status(m.span.approximate(), m.planned, m.tentative));
            Event {
                unique_id: m.fragment(),
                start_date,
                end_date,
                display_date: span.written(),
                text: Text {
                    headline: html::text(&m.title),
                    text: about.join(". ") + if about.is_empty() { "" } else { "." },
                },
                group: span.listed_year().to_string(),
                id: m.id.clone(),
                title: m.title.clone(),
                date: span.start.spec(),
                end: span.end.map(|e| e.spec()),
                first_day: span.first_day(),
                last_day: span.last_day(),
                precision: span.precision(),
                approximate: span.approximate(),
                planned: m.planned,
                tentative: m.tentative,
                place: m.place.clone(),
                organisers,
                parent: m.parent.map(|p| timeline.meeting(p).id.clone()),
                chapter: ChapterRef {
                    title: ch.title(),
                    url: html::site_href(&ch.path, None),
                },
                url: html::site_href(&ch.path, anchor),
            }
        })
        .collect();
    let summary = if cfg.timeline.summary.is_empty() {
        "The meetings described in {title}."
    } else {
        &cfg.timeline.summary
    };
    Document {
        title: Slide {
            text: Text {
                headline: html::text(&format!("Meetings in the {}", cfg.document)),
                text: html::text(&cfg.phrase(summary, &[])),
            },
        },
        report_date: cfg.date().map(|d| d.spec()),
        events,
    }
}

/// The status markers, in the page's words.
pub(crate) fn status(approximate: bool, planned: bool, tentative: bool) -> Vec<String> {
    [
        (approximate, "approximate date"),
        (planned, "planned at the time of writing"),
        (tentative, "tentative"),
    ]
    .into_iter()
    .filter(|(on, _)| *on)
    .map(|(_, s)| s.to_string())
    .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::base::diagnostics::Diagnostics;
    use crate::features::timeline::tests::{config, may_2014, orgs};
    use crate::model::testing::model;

    pub(crate) fn doc() -> Document {
        let mut diags = Diagnostics::new();
        let m = model(
            &[(
                "ch/a.md",
                "---\nmeetings:\n\
                 \x20 - id: w\n    title: W <b>&</b>\n    date: \"2014-04-23\"\n    end: \"2014-04-24\"\n    place: Turin\n    organisers: [ilo]\n    mention: The workshop\n\
                 \x20 - id: h\n    title: H\n    date: \"2014-H1\"\n    parent: w\n    tentative: true\n    mention: The workshop\n\
                 \x20 - id: y\n    title: Y\n    date: \"2013\"\n    mention: The workshop\n\
                 ---\n# A\n\nThe workshop met here.\n",
            )],
            &mut diags,
        );
        let orgs = orgs();
        let cfg = config();
        let t = Timeline::collect(&m, Some(&orgs), may_2014(), &cfg.timeline, &mut diags);
        assert_eq!(diags.render(), "0 errors, 0 warnings");
        document(&t, &m, Some(&orgs), &cfg)
    }

    #[test]
    fn events_carry_timelinejs_and_own_fields() {
        let d = doc();
        let ids: Vec<&str> = d.events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["y", "w", "h"]);
        let w = &d.events[1];
        assert_eq!(
            serde_json::to_value(w).unwrap(),
            serde_json::json!({
                "unique_id": "meeting-w",
                "start_date": {"year": 2014, "month": 4, "day": 23},
                "end_date": {"year": 2014, "month": 4, "day": 24},
                "display_date": "23–24 April 2014",
                "text": {"headline": "W &lt;b&gt;&amp;&lt;/b&gt;", "text": "Turin. Organised by International Labour Organization (ILO)."},
                "group": "2014",
                "id": "w",
                "title": "W <b>&</b>",
                "date": "2014-04-23",
                "end": "2014-04-24",
                "first_day": "2014-04-23",
                "last_day": "2014-04-24",
                "precision": "day",
                "approximate": false,
                "planned": false,
                "tentative": false,
                "place": "Turin",
                "organisers": [{
                    "id": "ilo",
                    "name": "International Labour Organization (ILO)",
                    "url": "agencies/ilo.html"
                }],
                "parent": null,
                "chapter": {"title": "Chapter 1", "url": "ch/a.html"},
                "url": "ch/a.html#p-the-workshop-met-here"
            })
        );
        let h = &d.events[2];
        assert_eq!(
            (h.start_date, h.end_date, h.display_date.as_str()),
            (
                JsDate {
                    year: 2014,
                    month: Some(1),
                    day: None
                },
                Some(JsDate {
                    year: 2014,
                    month: Some(6),
                    day: None
                }),
                "first half of 2014"
            )
        );
        assert_eq!(h.parent.as_deref(), Some("w"));
        assert_eq!(
            h.text.text,
            "approximate date. planned at the time of writing. tentative."
        );
        let y = &d.events[0];
        assert_eq!(
            (y.start_date, y.end_date, y.precision),
            (
                JsDate {
                    year: 2013,
                    month: None,
                    day: None
                },
                None,
                Precision::Year
            )
        );
    }

    #[test]
    fn script_json_cannot_close_the_script_and_the_file_round_trips() {
        let d = doc();
        let json = crate::base::html::script_json(&d);
        assert!(
            json.contains("W \\u003cb>&\\u003c/b>") && !json.contains('<'),
            "{json}"
        );
        let back: Document = serde_json::from_str(&json).unwrap();
        assert_eq!(back, d);
        let file: Document =
            serde_json::from_slice(&super::super::File::json(JSON_FILE, &d).bytes).unwrap();
        assert_eq!(file, d);
    }

    #[test]
    fn a_meeting_on_the_landing_page_links_to_the_page_not_a_bare_fragment() {
        let mut diags = Diagnostics::new();
        let m = model(
            &[(
                "index.md",
                "---\nmeetings:\n  - id: w\n    title: W\n    date: \"2014\"\n    mention: We met\n---\nWe met.\n",
            )],
            &mut diags,
        );
        let cfg = config();
        let t = Timeline::collect(&m, None, may_2014(), &cfg.timeline, &mut diags);
        let doc = document(&t, &m, None, &cfg);
        assert_eq!(doc.events[0].url, "index.html#p-we-met");
        assert_eq!(doc.events[0].chapter.url, "index.html");
    }
}
