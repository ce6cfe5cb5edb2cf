//! The generated "Timeline" page: every meeting in date order, readable without JavaScript.
//!
//! Structure: a `## 2030` heading per year, then a `### April 2030` heading per month; meetings
//! dated only to a quarter, season or half year get a group named after that period ("First
//! half of 2030"), and those dated only to a year a group "During 2030 (month not known)". Groups
//! follow the meetings' order ([`crate::base::dates::Span::sort_key`]): a period's group comes
//! after the months it covers, the year's group last. A meeting is listed under the year in which
//! it sorts (winter 2029–2030 under 2030).
//!
//! Each entry (`<li id="meeting-<id>">`) gives the title, the date as a reader writes it with
//! text markers ("approximate date", "planned at the time of writing", "tentative"), the place,
//! the organisers linked to their pages, the meeting it is part of and those it includes
//! (linked to their entries), and a link to the paragraph that mentions it. `data-year` and
//! `data-organisers` let `theme/timeline.js` filter the list; without JavaScript nothing is
//! hidden.
//!
//! The page carries schema.org `Event`s as JSON-LD for search engines and links `timeline.json`
//! and `timeline.ics`, which are written from the same [`Timeline`] ([`crate::outputs::exports::timeline_files`]) and
//! reach the site as files, not inside the page. With `[preprocessor.report.pictures] timeline`
//! the list is preceded by a month axis ([`super::timeline_axis`]), which scrolls sideways in
//! its figure on a phone; the filter hides its bars with their entries.

use super::templates::{Templates, fragment};
use crate::base::dates::{self, Date};
use crate::base::diagnostics::Diagnostics;
use crate::base::html;
use crate::config::Config;
use crate::features::timeline::{Meeting, Timeline};
use crate::model::orgs::Directory;
use crate::model::{MeetingId, Model, generated_chapter};
use crate::outputs::exports::ics::ICS_FILE;
use crate::outputs::exports::json as export;
use chrono::Datelike;
use mdbook_preprocessor::book::Chapter;
use serde_json::{Value, json};
use std::path::Path;

/// The group a meeting is listed in, within its year.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Group {
    /// `id` of the group's heading.
    id: String,
    /// Heading text.
    heading: String,
}

fn group_of(m: &Meeting) -> Group {
    match m.span.start {
        Date::Day(d) => Group {
            id: format!("timeline-{}-{:02}", d.year(), d.month()),
            heading: format!("{} {}", dates::month_name(d.month()), d.year()),
        },
        Date::Month(..) => Group {
            id: format!("timeline-{}", m.span.start.spec()),
            heading: m.span.start.written(),
        },
        Date::Year(y) => Group {
            id: format!("timeline-{y}-year"),
            heading: format!("During {y} (month not known)"),
        },
        period => {
            let written = period.written();
            let mut chars = written.chars();
            let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
            Group {
                id: format!("timeline-{}", period.spec().to_lowercase()),
                heading: first.unwrap_or_default() + chars.as_str(),
            }
        }
    }
}

/// Builds the page from the template `timeline` ([`Templates`]).
pub(crate) fn chapter(
    timeline: &Timeline,
    model: &Model,
    orgs: Option<&Directory>,
    cfg: &Config,
    templates: &Templates,
    diags: &mut Diagnostics,
) -> Chapter {
    let page = &timeline.page;
    let title = &cfg.timeline.title;
    let (introduction, precision) = intro(timeline, cfg);
    let mut years: Vec<Value> = Vec::new();
    let mut year = None;
    let mut group: Option<Group> = None;
    for (i, m) in timeline.iter() {
        let y = m.span.listed_year();
        let g = group_of(m);
        if year != Some(y) {
            years.push(json!({"year": y, "id": format!("timeline-{y}"), "groups": []}));
            year = Some(y);
            group = None;
        }
        let groups = years
            .last_mut()
            .and_then(|y| y["groups"].as_array_mut())
            .expect("a year was pushed");
        if group.as_ref() != Some(&g) {
            groups.push(json!({"heading": g.heading, "id": g.id, "meetings": []}));
            group = Some(g);
        }
        if let Some(meetings) = groups.last_mut().and_then(|g| g["meetings"].as_array_mut()) {
            meetings.push(entry(timeline, model, orgs, i));
        }
    }
    let mut data = json!({
        "title": title,
        "introduction": introduction,
        "precision": precision,
        "ics": html::relative(page, Path::new(ICS_FILE)),
        "json": html::relative(page, Path::new(export::JSON_FILE)),
        "json_ld": json_ld(timeline, model, orgs),
        "years": years,
    });
    if cfg.pictures.timeline
        && let Some(svg) = super::timeline_axis::svg(timeline, title, &cfg.document)
    {
        data["picture"] = fragment(svg);
    }
    let body = templates.render("timeline", &data, diags);
    generated_chapter(title, page, body, vec![])
}

/// The introduction's first sentences and what it says about dates.
fn intro(timeline: &Timeline, cfg: &Config) -> (String, String) {
    let document = &cfg.document;
    let dated = match timeline.report {
        Some(r) => format!(
            "The {document} dates from {}: meetings not over by {} are marked “planned at the \
             time of writing”.",
            r.written(),
            Date::Day(r.last()).written()
        ),
        None => format!(
            "The {document}’s date is not given, so no meeting is marked “planned at the time \
             of writing”."
        ),
    };
    let n = timeline.meetings.len();
    let first = cfg.phrase(
        &cfg.timeline.introduction,
        &[
            ("count", &n.to_string()),
            ("meetings", &crate::base::text::plural(n, "meeting")),
        ],
    );
    (
        first,
        format!(
            "Dates are as precise as the {document}. A date it gives only as a month, a season, a \
             half year or a year is marked “approximate date”, and the meeting is listed at the \
             end of that period, after the meetings dated within it. {dated}"
        ),
    )
}

/// One meeting's entry.
fn entry(timeline: &Timeline, model: &Model, orgs: Option<&Directory>, i: MeetingId) -> Value {
    let m = timeline.meeting(i);
    let page = &timeline.page;
    let ch = model.chapter(m.chapter);
    let ids: Vec<&str> = m.organisers.iter().map(|o| o.id.as_str()).collect();
    let link = |k: MeetingId| {
        let other = timeline.meeting(k);
        json!({
            "href": format!("#{}", other.fragment()),
            "title": other.title,
            "when": other.span.written(),
        })
    };
    let mut data = json!({
        "id": m.fragment(),
        "year": m.span.listed_year(),
        "organiser_ids": ids.join(" "),
        "title": m.title,
        "when": m.span.written(),
        "markers": export::status(m.span.approximate(), m.planned, m.tentative),
        "includes": timeline.children(i).map(link).collect::<Vec<_>>(),
        "source": {
            "href": html::href(page, &ch.path, m.block.map(|b| ch.block(b).anchor.as_str())),
            "title": ch.title(),
        },
    });
    if let Some(place) = &m.place {
        data["place"] = json!(place);
    }
    if !m.organisers.is_empty() {
        let list: Vec<Value> = m
            .organisers
            .iter()
            .map(|o| match (o.org, orgs) {
                (Some(org), Some(dir)) => json!({
                    "name": dir.org(org).display_name(),
                    "id": o.id,
                    "href": html::href(page, &dir.page(org), None),
                }),
                _ => json!({"name": o.id, "id": o.id}),
            })
            .collect();
        let label = if list.len() == 1 {
            "Organiser"
        } else {
            "Organisers"
        };
        data["organisers"] = json!({"label": label, "list": list});
    }
    if let Some(p) = m.parent {
        data["part_of"] = link(p);
    }
    data
}

/// schema.org `Event`s. Dates less precise than a day use ISO 8601's reduced forms (`2030-06`,
/// `2030`); a quarter, season or half year gives its first and last month.
fn json_ld(timeline: &Timeline, model: &Model, orgs: Option<&Directory>) -> Value {
    use crate::base::dates::Precision;
    let iso = |d: Date, last: bool| -> String {
        let day = if last { d.last() } else { d.first() };
        match d.precision() {
            Precision::Day => day.format("%Y-%m-%d").to_string(),
            Precision::Year => day.format("%Y").to_string(),
            _ => day.format("%Y-%m").to_string(),
        }
    };
    let page = &timeline.page;
    let events: Vec<Value> = timeline
        .meetings
        .iter()
        .map(|m| {
            let ch = model.chapter(m.chapter);
            let anchor = m.block.map(|b| ch.block(b).anchor.as_str());
            let organizers: Vec<Value> = m
                .organisers
                .iter()
                .map(|o| match (o.org, orgs) {
                    (Some(org), Some(dir)) => {
                        let org = dir.org(org);
                        let mut v = json!({"@type": "Organization", "name": org.display_name()});
                        if let Some(site) = &org.website {
                            v["url"] = json!(site);
                        }
                        v
                    }
                    _ => json!({"@type": "Organization", "name": o.id}),
                })
                .collect();
            let mut v = json!({
                "@type": "Event",
                "@id": format!("#{}", m.fragment()),
                "name": m.title,
                "startDate": iso(m.span.start, false),
                "endDate": iso(m.span.end.unwrap_or(m.span.start), true),
                "eventStatus": "https://schema.org/EventScheduled",
                "url": html::href(page, &ch.path, anchor),
                "organizer": organizers,
            });
            if let Some(place) = &m.place {
                v["location"] = json!({"@type": "Place", "name": place});
            }
            if let Some(p) = m.parent {
                v["superEvent"] = json!({"@id": format!("#{}", timeline.meeting(p).fragment())});
            }
            v
        })
        .collect();
    json!({"@context": "https://schema.org", "@graph": events})
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::diagnostics::Diagnostics;
    use crate::features::timeline::tests::{config, may_2014, orgs};
    use crate::model::testing::model;

    fn build(meetings: &str) -> String {
        let mut diags = Diagnostics::new();
        let m = model(
            &[(
                "a.md",
                &format!(
                    "---\nmeetings:\n{meetings}---\n# A\n\nThe first <b>meeting</b>.\n\nThe second meeting.\n"
                ),
            )],
            &mut diags,
        );
        let orgs = orgs();
        let cfg = config();
        let t = Timeline::collect(&m, Some(&orgs), may_2014(), &cfg.timeline, &mut diags);
        assert_eq!(diags.render(), "0 errors, 0 warnings");
        let templates = Templates::built_in();
        let page = chapter(&t, &m, Some(&orgs), &cfg, &templates, &mut diags).content;
        assert_eq!(diags.render(), "0 errors, 0 warnings");
        page
    }

    const MEETINGS: &str = "  - id: h1\n    title: Workshops <i>\n    date: 2014-H1\n    organisers: [ilo]\n    mention: The second meeting\n\
                            \x20 - id: w\n    title: Workshop\n    date: \"2014-04-23\"\n    end: \"2014-04-24\"\n    place: Turin\n    organisers: [ilo, unhcr]\n    parent: y\n    mention: The first meeting\n\
                            \x20 - id: y\n    title: Year\n    date: \"2014\"\n    tentative: true\n    mention: The second meeting\n\
                            \x20 - id: old\n    title: Old\n    date: 2013-autumn\n    mention: The first meeting\n";

    #[test]
    fn groups_by_year_then_month_or_period() {
        let page = build(MEETINGS);
        let headings: Vec<&str> = page
            .lines()
            .filter(|l| ["<h1", "<h2", "<h3"].iter().any(|h| l.starts_with(h)))
            .collect();
        let heading = |level: u8, id: &str, text: &str| {
            format!(
                "<h{level} id=\"{id}\"><a class=\"header\" href=\"#{id}\">{text}</a></h{level}>"
            )
        };
        assert_eq!(
            headings,
            [
                heading(1, "timeline", "Timeline"),
                heading(2, "timeline-2013", "2013"),
                heading(3, "timeline-2013-autumn", "Autumn 2013"),
                heading(2, "timeline-2014", "2014"),
                heading(3, "timeline-2014-04", "April 2014"),
                heading(3, "timeline-2014-h1", "First half of 2014"),
                heading(3, "timeline-2014-year", "During 2014 (month not known)"),
            ]
        );
        let ids: Vec<&str> = page
            .lines()
            .filter_map(|l| l.strip_prefix("<li class=\"timeline-entry\" id=\""))
            .map(|l| &l[..l.find('"').unwrap()])
            .collect();
        assert_eq!(ids, ["meeting-old", "meeting-w", "meeting-h1", "meeting-y"]);
    }

    #[test]
    fn entries_give_date_markers_facts_and_links() {
        let page = build(MEETINGS);
        let start = page
            .find("<li class=\"timeline-entry\" id=\"meeting-w\"")
            .unwrap();
        let end = start + page[start..].find("</li>").unwrap() + 5;
        assert_eq!(
            &page[start..end],
            "<li class=\"timeline-entry\" id=\"meeting-w\" data-search-kind=\"meeting\" data-year=\"2014\" data-organisers=\"ilo unhcr\">\n\
             <h4 class=\"timeline-title\">Workshop</h4>\n\n\
             <p class=\"timeline-when\"><span class=\"timeline-date\">23–24 April 2014</span></p>\n\n\
             <dl class=\"timeline-facts\">\n\
             <dt>Place</dt>\n<dd>Turin</dd>\n\n\
             <dt>Organisers</dt>\n<dd><a href=\"agencies/ilo.html\" data-org=\"ilo\">International Labour Organization (ILO)</a>, \
             <a href=\"agencies/unhcr.html\" data-org=\"unhcr\">Office of the United Nations High Commissioner for Refugees (UNHCR)</a></dd>\n\n\
             <dt>Part of</dt>\n<dd><a href=\"#meeting-y\">Year</a> (2014)</dd>\n\n\
             </dl>\n\n\
             <p class=\"timeline-source\"><a href=\"a.html#p-the-first-meeting\">Read in Chapter 1</a></p>\n\n\
             </li>"
        );
        assert!(page.contains(
            "<h4 class=\"timeline-title\">Workshops &lt;i&gt;</h4>\n\n<p class=\"timeline-when\"><span class=\"timeline-date\">first half of 2014</span> \
             <span class=\"timeline-marker\">approximate date</span> <span class=\"timeline-marker\">planned at the time of writing</span></p>"
        ));
        assert!(page.contains(
            "<span class=\"timeline-date\">2014</span> <span class=\"timeline-marker\">approximate date</span> \
             <span class=\"timeline-marker\">planned at the time of writing</span> <span class=\"timeline-marker\">tentative</span></p>"
        ));
        assert!(page.contains(
            "<dt>Includes</dt>\n<dd><a href=\"#meeting-w\">Workshop</a> (23–24 April 2014)</dd>"
        ));
        assert!(page.contains("<span class=\"timeline-date\">autumn 2013</span> <span class=\"timeline-marker\">approximate date</span></p>"));
        assert!(
            page.contains("<a href=\"timeline.ics\">")
                && page.contains("<a href=\"timeline.json\">")
        );
    }

    #[test]
    fn carries_json_ld_events_but_not_the_export() {
        let page = build(MEETINGS);
        let open = "<script type=\"application/ld+json\">";
        let start = page.find(open).unwrap() + open.len();
        let json = &page[start..start + page[start..].find("</script>").unwrap()];
        assert!(!json.contains('<'));
        let v: Value = serde_json::from_str(json).unwrap();
        assert_eq!(v["@context"], "https://schema.org");
        let w = &v["@graph"][1];
        assert_eq!(
            w,
            &json!({
                "@type": "Event",
                "@id": "#meeting-w",
                "name": "Workshop",
                "startDate": "2014-04-23",
                "endDate": "2014-04-24",
                "eventStatus": "https://schema.org/EventScheduled",
                "url": "a.html#p-the-first-meeting",
                "organizer": [
                    {"@type": "Organization", "name": "International Labour Organization (ILO)", "url": "https://www.ilo.org"},
                    {"@type": "Organization", "name": "Office of the United Nations High Commissioner for Refugees (UNHCR)"}
                ],
                "location": {"@type": "Place", "name": "Turin"},
                "superEvent": {"@id": "#meeting-y"}
            })
        );
        let dates: Vec<(&str, &str)> = v["@graph"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["startDate"].as_str().unwrap(),
                    e["endDate"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            dates,
            [
                ("2013-09", "2013-11"),
                ("2014-04-23", "2014-04-24"),
                ("2014-01", "2014-06"),
                ("2014", "2014")
            ]
        );
        assert!(
            !page.contains("application/json"),
            "the export rides in the page"
        );
    }
    #[test]
    fn the_introduction_counts_the_meetings_and_says_what_planned_means() {
        let mut diags = Diagnostics::new();
        let m = model(
            &[(
                "a.md",
                &format!(
                    "---\nmeetings:\n{MEETINGS}---\n# A\n\nThe first meeting.\n\nThe second meeting.\n"
                ),
            )],
            &mut diags,
        );
        let orgs = orgs();
        let cfg = config();
        let intros = [may_2014(), None].map(|report| {
            let t = Timeline::collect(&m, Some(&orgs), report, &cfg.timeline, &mut diags);
            intro(&t, &cfg)
        });
        assert_eq!(diags.render(), "0 errors, 0 warnings");
        let precision = "Dates are as precise as the report. A date it gives only as a month, a season, a \
             half year or a year is marked “approximate date”, and the meeting is listed at the end of \
             that period, after the meetings dated within it.";
        // `MEETINGS` has 4.
        assert_eq!(
            intros,
            [
                (
                    "The report describes 4 meetings.".to_string(),
                    format!(
                        "{precision} The report dates from May 2014: meetings not over by 31 May 2014 are marked “planned at the time of writing”."
                    )
                ),
                (
                    "The report describes 4 meetings.".to_string(),
                    format!(
                        "{precision} The report’s date is not given, so no meeting is marked “planned at the time of writing”."
                    )
                ),
            ]
        );
    }
}
