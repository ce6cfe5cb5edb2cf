//! `timeline.ics`: the timeline as an iCalendar file (RFC 5545) that calendar programs import.
//!
//! One `VCALENDAR` (`VERSION:2.0`, `PRODID`, `CALSCALE:GREGORIAN`, `METHOD:PUBLISH`, a name)
//! with one `VEVENT` per meeting, in the timeline's order:
//!
//! - `PRODID` and the calendar's name from the configuration (`calendar-id`, `calendar-name`
//!   under `[preprocessor.report.timeline]`), defaulting to the book's title;
//! - `UID:<id>@<uid-domain>`: stable across builds, so a re-import updates instead of
//!   duplicating;
//! - `DTSTAMP`: midnight UTC on the last day of the document's date (`2030-05` →
//!   `20300531T000000Z`), or of the last meeting when the document has no date; never the build
//!   time, so builds are byte-identical;
//! - all-day events: `DTSTART;VALUE=DATE` is the first day, `DTEND;VALUE=DATE` the day *after*
//!   the last day (RFC 5545 §3.6.1: the end is exclusive);
//! - a date less precise than a day becomes an all-day event over the whole period it names —
//!   June 2030 is 1 June to 1 July (exclusive), the first half of 2030 is 1 January to 1 July,
//!   autumn 2029 is 1 September to 1 December, 2030 is 1 January 2030 to 1 January 2031 — and
//!   `DESCRIPTION` starts with "Date approximate: June 2030.";
//! - `SUMMARY` (title), `LOCATION` (place, when known), `DESCRIPTION` (approximate date, planned
//!   at the time of writing, tentative, organisers, parent meeting, the chapter),
//!   `STATUS:TENTATIVE` when the text says so (else `CONFIRMED`), `TRANSP:TRANSPARENT` (an
//!   imported document does not make anyone busy), `RELATED-TO;RELTYPE=PARENT` for a meeting within
//!   another, and `URL` to the paragraph when `[output.html] site-url` is an absolute `http(s)`
//!   URL (relative links mean nothing in a calendar, so it is left out otherwise).
//!
//! Lines end with CRLF and are folded at 75 octets (never inside a UTF-8 character); TEXT values
//! escape `\`, `;`, `,` and newlines.
//!
//! Written here rather than with the `icalendar` crate: that crate stamps `DTSTAMP` with the
//! current time, gives every event a random `UID` and writes all-day events with `DTEND` equal
//! to `DTSTART`, so all three would have to be overridden; the subset needed is a few lines, and
//! the tests read the output back with that crate's parser.

use super::json::{Document, Event};
use crate::base::dates::Date;
use crate::config::Config;
use std::collections::HashMap;

/// The file name of the calendar, at the site root.
pub(crate) const ICS_FILE: &str = "timeline.ics";

/// The calendar's own words, from the configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Words {
    /// `PRODID`.
    pub prodid: String,
    /// `NAME` and `X-WR-CALNAME`.
    pub name: String,
    /// The domain part of every `UID`.
    pub uid_domain: String,
    /// The word for the document ("report").
    pub document: String,
}

impl Words {
    /// The configured words, or defaults made of the book's title.
    pub(crate) fn from_config(cfg: &Config) -> Words {
        let t = &cfg.timeline;
        let or = |configured: &str, default: String| {
            if configured.is_empty() {
                default
            } else {
                configured.to_string()
            }
        };
        let slug: String = cfg
            .title
            .to_lowercase()
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(6)
            .collect::<Vec<_>>()
            .join("-");
        Words {
            prodid: or(
                &t.calendar_id,
                format!("-//mdbook-report//{}//EN", cfg.title),
            ),
            name: cfg.phrase(&or(&t.calendar_name, "Meetings in {title}".into()), &[]),
            uid_domain: or(
                &t.uid_domain,
                if slug.is_empty() { "book".into() } else { slug },
            ),
            document: cfg.document.clone(),
        }
    }
}

/// The calendar. `report` is the document's date; `base_url` the site's absolute URL, if known.
pub(crate) fn calendar(
    words: &Words,
    doc: &Document,
    report: Option<Date>,
    base_url: Option<&str>,
) -> String {
    let last_meeting = doc.events.iter().map(|e| e.last_day).max();
    let stamp = report.map(|r| r.last()).or(last_meeting).map_or_else(
        || "19700101T000000Z".to_string(),
        |d| d.format("%Y%m%dT000000Z").to_string(),
    );
    let titles: HashMap<&str, &str> = doc
        .events
        .iter()
        .map(|e| (e.id.as_str(), e.title.as_str()))
        .collect();
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        &format!("PRODID:{}", words.prodid),
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        &format!("NAME:{}", text(&words.name)),
        &format!("X-WR-CALNAME:{}", text(&words.name)),
    ] {
        push_line(&mut out, line);
    }
    for e in &doc.events {
        event(&mut out, e, &stamp, words, report, base_url, &titles);
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

fn event(
    out: &mut String,
    e: &Event,
    stamp: &str,
    words: &Words,
    report: Option<Date>,
    base_url: Option<&str>,
    titles: &HashMap<&str, &str>,
) {
    let day = |d: chrono::NaiveDate| d.format("%Y%m%d").to_string();
    let end = e
        .last_day
        .succ_opt()
        .expect("four-digit years are in range");
    let mut lines = vec![
        "BEGIN:VEVENT".to_string(),
        format!("UID:{}@{}", e.id, words.uid_domain),
        format!("DTSTAMP:{stamp}"),
        format!("DTSTART;VALUE=DATE:{}", day(e.first_day)),
        format!("DTEND;VALUE=DATE:{}", day(end)),
        format!("SUMMARY:{}", text(&e.title)),
    ];
    if let Some(place) = &e.place {
        lines.push(format!("LOCATION:{}", text(place)));
    }
    lines.push(format!(
        "DESCRIPTION:{}",
        text(&description(e, words, report, titles))
    ));
    lines.push(
        if e.tentative {
            "STATUS:TENTATIVE"
        } else {
            "STATUS:CONFIRMED"
        }
        .into(),
    );
    lines.push("TRANSP:TRANSPARENT".into());
    if let Some(parent) = &e.parent {
        lines.push(format!(
            "RELATED-TO;RELTYPE=PARENT:{parent}@{}",
            words.uid_domain
        ));
    }
    if let Some(base) = base_url {
        lines.push(format!("URL:{}/{}", base.trim_end_matches('/'), e.url));
    }
    lines.push("END:VEVENT".into());
    for line in &lines {
        push_line(out, line);
    }
}

/// The event's description, one statement per line.
fn description(
    e: &Event,
    words: &Words,
    report: Option<Date>,
    titles: &HashMap<&str, &str>,
) -> String {
    let document = &words.document;
    let mut lines = Vec::new();
    if e.approximate {
        lines.push(format!("Date approximate: {}.", e.display_date));
    }
    if let Some(report) = report.filter(|_| e.planned) {
        lines.push(format!(
            "Planned at the time of writing ({document} of {}).",
            report.written()
        ));
    }
    if e.tentative {
        lines.push(format!("The {document} gives the date as tentative."));
    }
    if !e.organisers.is_empty() {
        let names: Vec<&str> = e.organisers.iter().map(|o| o.name.as_str()).collect();
        lines.push(format!("Organisers: {}.", names.join(", ")));
    }
    if let Some(title) = e.parent.as_deref().and_then(|p| titles.get(p)) {
        lines.push(format!("Part of: {title}."));
    }
    lines.push(format!("In the {document}: {}.", e.chapter.title));
    lines.join("\n")
}

/// Escapes a TEXT value (RFC 5545 §3.3.11).
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` folded at 75 octets (continuation lines start with a space), ending in CRLF.
fn push_line(out: &mut String, line: &str) {
    let mut rest = line;
    let mut limit = 75;
    loop {
        let mut cut = rest.len().min(limit);
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n");
        rest = &rest[cut..];
        if rest.is_empty() {
            break;
        }
        out.push(' ');
        limit = 74;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::dates::Precision;
    use crate::outputs::exports::json::{ChapterRef, JsDate, OrganiserRef, Slide, Text};
    use chrono::NaiveDate;

    #[test]
    fn the_calendars_words_default_to_the_books_title() {
        let mut cfg = Config::default();
        cfg.title = "Water: the  2030 Review, Part-One of Two!".into();
        let words = Words::from_config(&cfg);
        assert_eq!(
            words,
            Words {
                prodid: "-//mdbook-report//Water: the  2030 Review, Part-One of Two!//EN".into(),
                name: "Meetings in Water: the  2030 Review, Part-One of Two!".into(),
                uid_domain: "water-the-2030-review-part-one".into(),
                document: "document".into(),
            }
        );
        cfg.title = "¿…?".into();
        assert_eq!(Words::from_config(&cfg).uid_domain, "book");
        cfg.timeline.calendar_id = "-//X//Y//EN".into();
        cfg.timeline.calendar_name = "Calendar of {title}".into();
        cfg.timeline.uid_domain = "x.org".into();
        let words = Words::from_config(&cfg);
        assert_eq!(
            (
                words.prodid.as_str(),
                words.name.as_str(),
                words.uid_domain.as_str()
            ),
            ("-//X//Y//EN", "Calendar of ¿…?", "x.org")
        );
    }

    fn ev(id: &str, first: (i32, u32, u32), last: (i32, u32, u32)) -> Event {
        let day = |(y, m, d): (i32, u32, u32)| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        Event {
            unique_id: format!("meeting-{id}"),
            start_date: JsDate {
                year: first.0,
                month: None,
                day: None,
            },
            end_date: None,
            display_date: "23–24 April 2014".into(),
            text: Text {
                headline: String::new(),
                text: String::new(),
            },
            group: first.0.to_string(),
            id: id.into(),
            title: format!("Title of {id}"),
            date: String::new(),
            end: None,
            first_day: day(first),
            last_day: day(last),
            precision: Precision::Day,
            approximate: false,
            planned: false,
            tentative: false,
            place: None,
            organisers: Vec::new(),
            parent: None,
            chapter: ChapterRef {
                title: "2.1. Protect".into(),
                url: "a.html".into(),
            },
            url: "a.html#p-x".into(),
        }
    }

    fn doc(events: Vec<Event>) -> Document {
        Document {
            title: Slide {
                text: Text {
                    headline: String::new(),
                    text: String::new(),
                },
            },
            report_date: Some("2014-05".into()),
            events,
        }
    }

    fn may() -> Option<Date> {
        Date::parse("2014-05").ok()
    }

    fn words() -> Words {
        Words {
            prodid: "-//Global Migration Group//GMG HLD follow-up report//EN".into(),
            name: "Meetings in the GMG follow-up report to the 2013 HLD".into(),
            uid_domain: "gmg-hld-report".into(),
            document: "report".into(),
        }
    }

    #[test]
    fn writes_a_calendar_with_all_day_events_and_exclusive_ends() {
        let mut w = ev("w", (2014, 4, 23), (2014, 4, 24));
        w.place = Some("Turin, Italy".into());
        w.organisers = vec![OrganiserRef {
            id: "ilo".into(),
            name: "International Labour Organization (ILO)".into(),
            url: None,
        }];
        let mut june = ev("june", (2014, 6, 1), (2014, 6, 30));
        june.approximate = true;
        june.planned = true;
        june.tentative = true;
        june.display_date = "June 2014".into();
        june.parent = Some("w".into());
        let ics = calendar(&words(), &doc(vec![w, june]), may(), None);
        assert_eq!(
            ics,
            "BEGIN:VCALENDAR\r\n\
             VERSION:2.0\r\n\
             PRODID:-//Global Migration Group//GMG HLD follow-up report//EN\r\n\
             CALSCALE:GREGORIAN\r\n\
             METHOD:PUBLISH\r\n\
             NAME:Meetings in the GMG follow-up report to the 2013 HLD\r\n\
             X-WR-CALNAME:Meetings in the GMG follow-up report to the 2013 HLD\r\n\
             BEGIN:VEVENT\r\n\
             UID:w@gmg-hld-report\r\n\
             DTSTAMP:20140531T000000Z\r\n\
             DTSTART;VALUE=DATE:20140423\r\n\
             DTEND;VALUE=DATE:20140425\r\n\
             SUMMARY:Title of w\r\n\
             LOCATION:Turin\\, Italy\r\n\
             DESCRIPTION:Organisers: International Labour Organization (ILO).\\nIn the re\r\n \
             port: 2.1. Protect.\r\n\
             STATUS:CONFIRMED\r\n\
             TRANSP:TRANSPARENT\r\n\
             END:VEVENT\r\n\
             BEGIN:VEVENT\r\n\
             UID:june@gmg-hld-report\r\n\
             DTSTAMP:20140531T000000Z\r\n\
             DTSTART;VALUE=DATE:20140601\r\n\
             DTEND;VALUE=DATE:20140701\r\n\
             SUMMARY:Title of june\r\n\
             DESCRIPTION:Date approximate: June 2014.\\nPlanned at the time of writing (r\r\n \
             eport of May 2014).\\nThe report gives the date as tentative.\\nPart of: Tit\r\n \
             le of w.\\nIn the report: 2.1. Protect.\r\n\
             STATUS:TENTATIVE\r\n\
             TRANSP:TRANSPARENT\r\n\
             RELATED-TO;RELTYPE=PARENT:w@gmg-hld-report\r\n\
             END:VEVENT\r\n\
             END:VCALENDAR\r\n"
        );
    }

    #[test]
    fn url_only_with_an_absolute_site_url() {
        let ics = calendar(
            &words(),
            &doc(vec![ev("w", (2014, 12, 31), (2014, 12, 31))]),
            may(),
            Some("https://example.org/report/"),
        );
        assert!(ics.contains("\r\nURL:https://example.org/report/a.html#p-x\r\n"));
        assert!(ics.contains("\r\nDTEND;VALUE=DATE:20150101\r\n"));
    }

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(text("a,b;c\\d\r\ne"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let mut out = String::new();
        let line = format!("SUMMARY:{}", "é".repeat(100));
        push_line(&mut out, &line);
        let lines: Vec<&str> = out.split_terminator("\r\n").collect();
        assert!(lines.iter().all(|l| l.len() <= 75), "{lines:?}");
        assert!(lines[1..].iter().all(|l| l.starts_with(' ')));
        let unfolded: String = lines
            .iter()
            .enumerate()
            .map(|(i, l)| if i == 0 { *l } else { &l[1..] })
            .collect();
        assert_eq!(unfolded, line);
        let mut exact = String::new();
        push_line(&mut exact, &"x".repeat(75));
        assert_eq!(exact, format!("{}\r\n", "x".repeat(75)));
    }

    #[test]
    fn a_real_parser_reads_the_calendar_back() {
        let mut w = ev("w", (2014, 4, 23), (2014, 4, 24));
        w.title = "Workshop; “Fair, Ethical” \\ Recruitment — a long title to fold, ".repeat(3);
        let ics = calendar(&words(), &doc(vec![w.clone()]), may(), None);
        let unfolded = icalendar::parser::unfold(&ics);
        let cal = icalendar::parser::read_calendar(&unfolded).expect("parses");
        assert_eq!(cal.components.len(), 1);
        let event = &cal.components[0];
        assert_eq!(event.name, "VEVENT");
        let value = |name: &str| {
            event
                .find_prop(name)
                .unwrap_or_else(|| panic!("{name}"))
                .val
                .to_string()
        };
        assert_eq!(value("DTSTART"), "20140423");
        assert_eq!(value("DTEND"), "20140425");
        // The parser unfolds the lines and undoes the TEXT escaping.
        assert_eq!(value("SUMMARY"), w.title);
        assert_eq!(value("UID"), "w@gmg-hld-report");
        assert_eq!(value("DTSTAMP"), "20140531T000000Z");
    }
}
