//! The timeline of the real book: every dated gathering of the report is on it, in date order,
//! linked to its paragraph, and the exports the build writes next to the site read back.

use crate::common;

use common::{normalise, page, root, sel, sentences, site, source_lines};
use mdbook_driver::MDBook;
use mdbook_report::data::{Timeline as Document, TimelineEvent};
use scraper::Html;
use std::collections::{HashMap, HashSet};

/// A chapter's front matter, as far as these tests read it (docs/src/timeline.md).
#[derive(serde::Deserialize)]
struct Front {
    #[serde(default)]
    meetings: Vec<Meeting>,
}

/// A meeting as an editor writes it.
#[derive(serde::Deserialize)]
struct Meeting {
    id: String,
    date: String,
    #[serde(default)]
    end: Option<String>,
    mention: String,
}

/// The meetings' `(id, date, end, mention)` from the chapters' front matter, as editors wrote
/// them (`end` empty when there is none), in the book's order.
fn meetings() -> Vec<(String, String, String, String)> {
    let book = MDBook::load(root()).expect("load the book");
    book.book
        .chapters()
        .filter_map(|ch| {
            let rest = ch.content.strip_prefix("---\n")?;
            let yaml = &rest[..rest.find("\n---\n")?];
            Some(
                serde_saphyr::from_str::<Front>(yaml)
                    .expect("front matter")
                    .meetings,
            )
        })
        .flatten()
        .map(|m| (m.id, m.date, m.end.unwrap_or_default(), m.mention))
        .collect()
}

/// The meetings' `(id, mention)`.
fn mentions() -> Vec<(String, String)> {
    meetings()
        .into_iter()
        .map(|(id, _, _, mention)| (id, mention))
        .collect()
}

fn json() -> Document {
    let text = std::fs::read_to_string(site().join("timeline.json")).expect("timeline.json");
    serde_json::from_str(&text).expect("timeline.json has the documented schema")
}

fn ics() -> String {
    std::fs::read_to_string(site().join("timeline.ics")).expect("timeline.ics")
}

fn attr<'a>(el: &scraper::ElementRef<'a>, name: &str) -> &'a str {
    el.value().attr(name).unwrap_or_default()
}

/// The text of the element with `id` on `page`, or of the element containing it when it is an
/// empty anchor (`<span class="anchor-target">`).
fn text_at(pages: &mut HashMap<String, Html>, page_name: &str, id: &str) -> Option<String> {
    let doc = pages
        .entry(page_name.to_string())
        .or_insert_with(|| page(page_name));
    let el = doc.select(&sel(&format!("[id=\"{id}\"]"))).next()?;
    let el = if el.text().collect::<String>().is_empty() {
        scraper::ElementRef::wrap(el.parent()?)?
    } else {
        el
    };
    Some(el.text().collect())
}

/// Every meeting of the report in the timeline's order: id, `date` and `end` as the front
/// matter gives them, and the calendar's DTSTART and DTEND (all-day events: DTEND is the day
/// after the last day, RFC 5545), all written by hand.
const EXPECTED: &[(&str, &str, &str, &str, &str)] = &[
    ("cop-16", "2010-11-29", "2010-12-10", "20101129", "20101211"),
    (
        "ilo-tmele-2013",
        "2013-02-11",
        "2013-02-15",
        "20130211",
        "20130216",
    ),
    (
        "eca-regional-experts-meeting-2013",
        "2013-07-03",
        "2013-07-04",
        "20130703",
        "20130705",
    ),
    (
        "first-regional-conference-population-development-2013",
        "2013-08-12",
        "2013-08-15",
        "20130812",
        "20130816",
    ),
    (
        "hld-2013",
        "2013-10-03",
        "2013-10-04",
        "20131003",
        "20131005",
    ),
    (
        "ilo-ttmlm-2013",
        "2013-11-04",
        "2013-11-08",
        "20131104",
        "20131109",
    ),
    (
        "ilo-ttmlm-2013-high-level-panel",
        "2013-11-06",
        "",
        "20131106",
        "20131107",
    ),
    (
        "gmg-knomad-workshop-on-learning-1",
        "2013-11-15",
        "",
        "20131115",
        "20131116",
    ),
    (
        "iom-council-103",
        "2013-11-26",
        "2013-11-29",
        "20131126",
        "20131130",
    ),
    (
        "iom-council-103-migration-governance-segment",
        "2013-11-28",
        "",
        "20131128",
        "20131129",
    ),
    // November 2013 and autumn 2013 both end on 30 November: the month, more precise, first.
    (
        "iom-council-103-gmg-segment",
        "2013-11",
        "",
        "20131101",
        "20131201",
    ),
    (
        "unicef-youth-migration-online-consultation",
        "2013-autumn",
        "",
        "20130901",
        "20131201",
    ),
    (
        "international-migrants-day-2013-cartoons",
        "2013-12-18",
        "",
        "20131218",
        "20131219",
    ),
    ("ga-68", "2013", "", "20130101", "20140101"),
    (
        "migration-indicators-retreat-2014",
        "2014-01",
        "",
        "20140101",
        "20140201",
    ),
    (
        "coordination-meeting-international-migration-12",
        "2014-02-20",
        "2014-02-21",
        "20140220",
        "20140222",
    ),
    (
        "hrc-25-panel-human-rights-mainstreaming",
        "2014-03-04",
        "",
        "20140304",
        "20140305",
    ),
    (
        "gmg-knomad-workshop-on-learning-2",
        "2014-03-14",
        "",
        "20140314",
        "20140315",
    ),
    // The same days: reading order (reduce-costs.md names the dialogue first).
    (
        "idm-2014-south-south",
        "2014-03-24",
        "2014-03-25",
        "20140324",
        "20140326",
    ),
    (
        "iris-launch",
        "2014-03-24",
        "2014-03-25",
        "20140324",
        "20140326",
    ),
    ("hrc-25", "2014-03", "", "20140301", "20140401"),
    (
        "cmw-day-of-general-discussion-2014",
        "2014-04-07",
        "",
        "20140407",
        "20140408",
    ),
    (
        "expert-consultation-human-rights-indicators-2014",
        "2014-04-08",
        "2014-04-09",
        "20140408",
        "20140410",
    ),
    (
        "fair-recruitment-workshop",
        "2014-04-23",
        "2014-04-24",
        "20140423",
        "20140425",
    ),
    (
        "knomad-population-modeling-seminar-2014",
        "2014-04-29",
        "",
        "20140429",
        "20140430",
    ),
    ("gfmd-7", "2014-05-14", "2014-05-16", "20140514", "20140517"),
    (
        "gfmd-7-gmg-youth-report-launch",
        "2014-05",
        "",
        "20140501",
        "20140601",
    ),
    (
        "ilo-labour-migration-academy-2014",
        "2014-06-16",
        "2014-06-27",
        "20140616",
        "20140628",
    ),
    ("hrc-26", "2014-06", "", "20140601", "20140701"),
    (
        "state-pledge-launch-hrc-26",
        "2014-06",
        "",
        "20140601",
        "20140701",
    ),
    (
        "unctad-50th-anniversary",
        "2014-06",
        "",
        "20140601",
        "20140701",
    ),
    (
        "unctad-remittance-costs-high-level-event",
        "2014-06",
        "",
        "20140601",
        "20140701",
    ),
    (
        "unhcr-ngo-consultations-2014",
        "2014-06",
        "",
        "20140601",
        "20140701",
    ),
    // The first half of 2014 ends on 30 June, with June; a half is less precise than a month.
    (
        "escwa-mainstreaming-workshops-2014",
        "2014-H1",
        "",
        "20140101",
        "20140701",
    ),
    (
        "unctad-expert-meeting-financial-services-2014",
        "2014-11-10",
        "2014-11-14",
        "20141110",
        "20141115",
    ),
    (
        "hc-dialogue-protection-challenges-2014",
        "2014-12-10",
        "2014-12-11",
        "20141210",
        "20141212",
    ),
    (
        "unesco-egm-qualifications-recognition",
        "2014",
        "",
        "20140101",
        "20150101",
    ),
    ("ilc-103", "2014", "", "20140101", "20150101"),
    (
        "unece-work-session-migration-statistics-2014",
        "2014",
        "",
        "20140101",
        "20150101",
    ),
    (
        "ouagadougou-plus-10-2014",
        "2014",
        "",
        "20140101",
        "20150101",
    ),
    (
        "migrant-domestic-workers-global-workshop-2015",
        "2015",
        "",
        "20150101",
        "20160101",
    ),
];

#[test]
fn every_meeting_is_on_the_page_in_date_order() {
    let doc = page("timeline.html");
    let entries: Vec<String> = doc
        .select(&sel("li.timeline-entry"))
        .map(|li| attr(&li, "id").to_string())
        .collect();
    let declared = mentions();
    assert_eq!(entries.len(), declared.len());
    assert!(declared.len() >= 41, "{}", declared.len());
    let json = json();
    let order: Vec<String> = json.events.iter().map(|e| e.unique_id.clone()).collect();
    assert_eq!(
        entries, order,
        "the page and timeline.json list the same order"
    );
    // Hand-written from the chapters' front matter and the rules of docs/src/timeline.md ("Order
    // and markers"), not from the code's sort key: a meeting sorts on the last day of its
    // `date` period; at the same day the more precise date first, then the earlier last day,
    // then reading order.
    let expected: Vec<String> = EXPECTED
        .iter()
        .map(|(id, ..)| format!("meeting-{id}"))
        .collect();
    assert_eq!(entries, expected, "the page's order");
    // The table's dates are the front matter's (a changed date needs the table redone by hand).
    let mut written: Vec<(String, String, String)> = meetings()
        .into_iter()
        .map(|(id, date, end, _)| (id, date, end))
        .collect();
    written.sort();
    let mut table: Vec<(String, String, String)> = EXPECTED
        .iter()
        .map(|(id, date, end, ..)| (id.to_string(), date.to_string(), end.to_string()))
        .collect();
    table.sort();
    assert_eq!(written, table);
    // Years, then groups within a year, as headings.
    let headings: Vec<String> = doc
        .select(&sel("main h2, main h3"))
        .map(|h| h.text().collect::<String>())
        .collect();
    assert_eq!(
        headings[..6],
        [
            "2010",
            "November 2010",
            "2013",
            "February 2013",
            "July 2013",
            "August 2013"
        ]
    );
    for h in [
        "Autumn 2013",
        "During 2013 (month not known)",
        "First half of 2014",
        "During 2014 (month not known)",
        "2015",
    ] {
        assert!(headings.iter().any(|x| x == h), "{h} in {headings:?}");
    }
    let pos = |h: &str| headings.iter().position(|x| x == h).unwrap();
    assert!(pos("November 2013") < pos("Autumn 2013") && pos("Autumn 2013") < pos("December 2013"));
    assert!(pos("June 2014") < pos("First half of 2014"));
    assert!(pos("December 2014") < pos("During 2014 (month not known)"));
}

#[test]
fn entries_show_markers_in_words_and_link_to_their_paragraph() {
    let doc = page("timeline.html");
    let json = json();
    let events: HashMap<&str, &TimelineEvent> = json
        .events
        .iter()
        .map(|e| (e.unique_id.as_str(), e))
        .collect();
    let mentions: HashMap<String, String> = mentions().into_iter().collect();
    let mut pages = HashMap::new();
    for li in doc.select(&sel("li.timeline-entry")) {
        let id = attr(&li, "id");
        let e = events[id];
        let when = li
            .select(&sel(".timeline-when"))
            .next()
            .unwrap()
            .text()
            .collect::<String>();
        assert!(when.starts_with(&e.display_date), "{id}: {when}");
        assert_eq!(when.contains("approximate date"), e.approximate, "{id}");
        assert_eq!(
            when.contains("planned at the time of writing"),
            e.planned,
            "{id}"
        );
        assert_eq!(when.contains("tentative"), e.tentative, "{id}");
        assert_eq!(attr(&li, "data-year"), e.group, "{id}");
        // The paragraph link lands on the paragraph that mentions the meeting.
        let link = li.select(&sel(".timeline-source a")).next().unwrap();
        let (file, anchor) = attr(&link, "href").split_once('#').expect("a fragment");
        assert!(
            link.text().collect::<String>().starts_with("Read in "),
            "{id}"
        );
        let text = text_at(&mut pages, file, anchor)
            .unwrap_or_else(|| panic!("{id}: {file}#{anchor} does not exist"));
        let mention = &mentions[&e.id];
        assert!(
            normalise(&text).contains(&normalise(mention)),
            "{id}: {file}#{anchor} does not mention “{mention}”: {text}"
        );
        // Organisers link to their pages, parents and parts to entries on this page.
        for a in li.select(&sel(".timeline-facts a")) {
            let href = attr(&a, "href");
            match href.strip_prefix('#') {
                Some(frag) => assert!(events.contains_key(frag), "{id}: {href}"),
                None => assert!(site().join(href).is_file(), "{id}: {href}"),
            }
        }
    }
    // Markers are words, and the data says which meetings have them.
    let approximate = json.events.iter().filter(|e| e.approximate).count();
    let planned = json.events.iter().filter(|e| e.planned).count();
    assert!(approximate > 10 && planned > 10, "{approximate} {planned}");
    let tl = &events["meeting-fair-recruitment-workshop"];
    assert_eq!(
        (tl.display_date.as_str(), tl.approximate, tl.planned),
        ("23–24 April 2014", false, false)
    );
    let consultation = &events["meeting-unicef-youth-migration-online-consultation"];
    assert_eq!(consultation.display_date, "autumn 2013");
    assert!(consultation.approximate && !consultation.planned);
}

#[test]
fn organisation_pages_and_agenda_list_the_meetings() {
    let ilo = page("agencies/ilo.html");
    let hrefs: Vec<&str> = ilo
        .select(&sel("ul.org-meetings a"))
        .map(|a| attr(&a, "href"))
        .collect();
    assert!(
        hrefs.contains(&"../timeline.html#meeting-fair-recruitment-workshop"),
        "{hrefs:?}"
    );
    let agenda = page("agenda.html");
    let point1: Vec<String> = agenda
        .select(&sel("#item-1 ul.agenda-meetings li"))
        .map(|li| li.text().collect())
        .collect();
    assert!(
        point1.contains(&"23–24 April 2014: Workshop on Fair Recruitment".to_string()),
        "{point1:?}"
    );
    let toc = std::fs::read_to_string(site().join("toc.html")).unwrap();
    assert!(toc.contains("href=\"timeline.html\""));
}

#[test]
fn the_page_carries_schema_org_events_and_links_the_exports_it_does_not_carry() {
    let html = std::fs::read_to_string(site().join("timeline.html")).unwrap();
    // The exports reach the site as files (BENCHMARKS.md: data in a page is rendering time).
    assert!(
        !html.contains("application/json"),
        "the export rides in the page"
    );
    let doc = page("timeline.html");
    let ld = doc
        .select(&sel("script[type=\"application/ld+json\"]"))
        .next()
        .expect("JSON-LD")
        .inner_html();
    let ld: serde_json::Value = serde_json::from_str(&ld).unwrap();
    let events = ld["@graph"].as_array().unwrap();
    assert_eq!(events.len(), json().events.len());
    assert!(events.iter().all(|e| e["@type"] == "Event"
        && e["eventStatus"] == "https://schema.org/EventScheduled"
        && e["startDate"].is_string()));
    let links: Vec<&str> = doc
        .select(&sel("#timeline-intro a"))
        .map(|a| attr(&a, "href"))
        .collect();
    assert_eq!(links, ["timeline.ics", "timeline.json"]);
}

#[test]
fn the_calendar_reads_back_with_exclusive_ends_stable_uids_and_a_fixed_stamp() {
    let text = ics();
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    for line in text.split_terminator("\r\n") {
        assert!(!line.contains('\n'), "bare LF in {line:?}");
        assert!(line.len() <= 75, "longer than 75 octets: {line:?}");
    }
    let unfolded = icalendar::parser::unfold(&text);
    let cal = icalendar::parser::read_calendar(&unfolded).expect("a valid calendar");
    let prop = |c: &icalendar::parser::Component<'_>, name: &str| {
        c.find_prop(name).map(|p| p.val.to_string())
    };
    let version = cal.properties.iter().find(|p| p.name == "VERSION").unwrap();
    assert_eq!(version.val.to_string(), "2.0");
    for name in ["PRODID", "CALSCALE"] {
        assert!(cal.properties.iter().any(|p| p.name == name), "{name}");
    }
    let json = json();
    assert_eq!(cal.components.len(), json.events.len());
    let mut uids = HashSet::new();
    let mut days = Vec::new();
    for (c, e) in cal.components.iter().zip(&json.events) {
        assert_eq!(c.name, "VEVENT");
        let uid = prop(c, "UID").unwrap();
        assert_eq!(uid, format!("{}@gmg-hld-report", e.id));
        assert!(uids.insert(uid));
        assert_eq!(prop(c, "DTSTAMP").unwrap(), "20140531T000000Z");
        let start = c.find_prop("DTSTART").unwrap();
        assert!(
            start
                .params
                .iter()
                .any(|p| p.key == "VALUE" && p.val.as_ref().is_some_and(|v| v.as_str() == "DATE")),
            "{}: all-day",
            e.id
        );
        // DTEND is exclusive: the day after the last day (hand-written in EXPECTED).
        let (_, _, _, dtstart, dtend) = EXPECTED[days.len()];
        assert_eq!(
            (prop(c, "DTSTART").unwrap(), prop(c, "DTEND").unwrap()),
            (dtstart.to_string(), dtend.to_string()),
            "{}",
            e.id
        );
        days.push(e.id.as_str());
        assert_eq!(prop(c, "SUMMARY").unwrap(), e.title);
        assert_eq!(prop(c, "LOCATION"), e.place);
        let description = prop(c, "DESCRIPTION").unwrap();
        assert_eq!(
            description.contains(&format!("Date approximate: {}.", e.display_date)),
            e.approximate,
            "{}: {description}",
            e.id
        );
        assert_eq!(
            description.contains("Planned at the time of writing (report of May 2014)."),
            e.planned
        );
        // The test site's address (common::SITE_URL) makes the calendar's links absolute.
        let url = prop(c, "URL").unwrap_or_default();
        assert!(
            url.starts_with(common::SITE_URL) && url.contains(".html#"),
            "{url}"
        );
    }
    let in_order: Vec<&str> = EXPECTED.iter().map(|(id, ..)| *id).collect();
    assert_eq!(
        days, in_order,
        "the calendar's events in the timeline's order"
    );
}

#[test]
fn the_json_export_matches_the_front_matter() {
    let json = json();
    assert_eq!(json.report_date.as_deref(), Some("2014-05"));
    let ids: HashSet<&str> = json.events.iter().map(|e| e.id.as_str()).collect();
    let declared = mentions();
    assert_eq!(ids.len(), declared.len());
    for (id, _) in &declared {
        assert!(ids.contains(id.as_str()), "{id}");
    }
    let hld = json.events.iter().find(|e| e.id == "hld-2013").unwrap();
    let value = serde_json::to_value(hld).unwrap();
    assert_eq!(
        value["start_date"],
        serde_json::json!({"year": 2013, "month": 10, "day": 3})
    );
    assert_eq!(value["end_date"]["day"], 4);
    assert_eq!(value["parent"], "ga-68");
    assert_eq!(value["precision"], "day");
    assert_eq!(value["organisers"][0]["url"], "agencies/un.html");
    assert!(
        value["url"]
            .as_str()
            .unwrap()
            .starts_with("introduction.html#p-")
    );
    let escwa = json
        .events
        .iter()
        .find(|e| e.id == "escwa-mainstreaming-workshops-2014")
        .unwrap();
    let value = serde_json::to_value(escwa).unwrap();
    assert_eq!(
        (
            &value["start_date"],
            &value["end_date"],
            &value["precision"]
        ),
        (
            &serde_json::json!({"year": 2014, "month": 1}),
            &serde_json::json!({"year": 2014, "month": 6}),
            &serde_json::json!("half")
        )
    );
}

/// Sentences of the report with a date expression that describe no gathering, or restate one
/// entered from the chapter text. Each is identified by a phrase it contains, with the reason.
const NOT_GATHERINGS: &[(&str, &str)] = &[
    ("In 2013, 232 million people", "a statistic"),
    (
        "preparing the 2015 Secretary-General's report",
        "a report (document)",
    ),
    (
        "Private Employment Convention, 1997",
        "the year of a convention",
    ),
    ("OHCHR will publish a study in 2014", "a publication"),
    (
        "chairing of the Inter-Agency Coordination Group",
        "IOM chairs ICAT in 2014: a role",
    ),
    ("in its capacity as GMG chair for 2014", "a chairmanship"),
    (
        "anti-trafficking initiatives in 2014",
        "country offices' work during 2014",
    ),
    (
        "a five-year campaign launched in 2012",
        "a campaign, launched at no named event",
    ),
    (
        "migrant domestic workers in an irregular situation in 2014",
        "a project and publication",
    ),
    ("UNODC 2014 Global Report", "a publication"),
    ("International Migration Barometer in 2014", "a survey"),
    ("In April 2013, UNICEF finalized a report", "a report"),
    ("2014-2017 Strategic Plan", "the span of a plan"),
    (
        "In 2014, OHCHR will finalize a Trainers' Guide",
        "a publication",
    ),
    ("the GMG Chair's work plan for 2014", "a work plan"),
    ("UN-DESA. 2013.", "endnote i: publication year"),
    (
        "Report of the Secretary General on International Migration and Development, 25 July 2013",
        "endnote ii: document date",
    ),
    (
        "Declaration of the High-level Dialogue on International Migration and Development, 1 October 2013",
        "endnote iii: document date",
    ),
    (
        "See tripartite Meeting of Experts",
        "endnote vii restates ilo-tmele-2013",
    ),
    (
        "Sutherland, Peter. Remarks to the IOM Council, 28 November 2013",
        "endnotes viii, xxi: remarks at iom-council-103",
    ),
    ("Census to be held next April", "endnote xiv: a census"),
    (
        "Conclusions of the Tripartite Technical Meeting on Labour Migration, 4-8 November 2013",
        "endnote xix restates ilo-ttmlm-2013",
    ),
    ("IOM. 2013. Overview", "endnote xx: publication year"),
    (
        "Committee on Migrant Workers, Day of General Discussion",
        "endnote xxii restates cmw-day-of-general-discussion-2014",
    ),
];

/// The report as units to check: the sentences of its text, then each endnote whole (citations
/// are not split into sentences: "UN-DESA. 2013. The number…").
fn units(lines: &[String]) -> Vec<&str> {
    let notes = lines
        .iter()
        .position(|l| l == "Endnotes")
        .expect("an Endnotes heading");
    lines[..notes]
        .iter()
        .flat_map(|l| sentences(l))
        .chain(lines[notes + 1..].iter().map(String::as_str))
        .collect()
}

/// The dated units that no mention covers and the allow-list does not explain, and the indices
/// of the allow-list entries used.
fn uncovered(mentions: &[String]) -> (Vec<String>, HashSet<usize>) {
    let date = regex::Regex::new(
        r"\b(?:19|20)\d{2}\b|\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b|(?i:\b(?:spring|summer|autumn|fall|winter)\b|\b(?:first|second) half\b)",
    )
    .unwrap();
    // Not dates of gatherings: citation access dates and links; "post-2015" names the UN
    // development agenda; "the 2013 HLD" names meeting `hld-2013`, which is on the timeline.
    let ignore =
        regex::Regex::new(r"(?i)\[accessed on [^\]]*\]|https?://\S+|www\.\S+|post-2015|2013 HLD")
            .unwrap();
    let lines = source_lines();
    let mut used = HashSet::new();
    let mut missing = Vec::new();
    for unit in units(&lines) {
        if !date.is_match(&ignore.replace_all(unit, "")) {
            continue;
        }
        if mentions.iter().any(|m| unit.contains(m.as_str())) {
            continue;
        }
        match NOT_GATHERINGS
            .iter()
            .position(|(phrase, _)| unit.contains(&normalise(phrase)))
        {
            Some(i) => {
                used.insert(i);
            }
            None => missing.push(unit.to_string()),
        }
    }
    (missing, used)
}

#[test]
fn every_dated_gathering_of_the_report_is_in_the_data() {
    let declared = mentions();
    assert!(declared.iter().any(|(id, _)| id == "hld-2013"));
    let mentions: Vec<String> = declared.iter().map(|(_, m)| normalise(m)).collect();
    let (missing, used) = uncovered(&mentions);
    assert!(
        missing.is_empty(),
        "dated sentences neither mentioned by a meeting nor allowed:\n{}",
        missing.join("\n")
    );
    let unused: Vec<&str> = (0..NOT_GATHERINGS.len())
        .filter(|i| !used.contains(i))
        .map(|i| NOT_GATHERINGS[i].0)
        .collect();
    assert!(unused.is_empty(), "stale allow-list entries: {unused:?}");
    // The check can fail: without one meeting, its sentence is reported.
    let fewer: Vec<String> = declared
        .iter()
        .filter(|(id, _)| id != "fair-recruitment-workshop")
        .map(|(_, m)| normalise(m))
        .collect();
    let (missing, _) = uncovered(&fewer);
    assert_eq!(missing.len(), 1);
    assert!(missing[0].starts_with("A workshop on Fair Recruitment was convened"));
}

#[test]
fn every_mention_is_a_phrase_of_the_report() {
    let text = normalise(&source_lines().join(" "));
    for (id, mention) in mentions() {
        assert!(
            text.contains(&normalise(&mention)),
            "{id}: “{mention}” is not in the report"
        );
    }
}
