//! The timeline page's picture: a month axis from the first meeting's month to the last one's,
//! each meeting a bar from its first possible day to its last (a day dated meeting is a short
//! bar; a meeting dated to a month, a season, a half year or a year spans the whole period, and
//! is hatched: "somewhere in here"), each bar a link to its entry. Meetings planned at the time
//! of writing (after the document's date) are hollow with a dashed outline, held ones solid:
//! told apart by shape, not only colour, and a vertical line marks the document's date. Bars
//! that would overlap go on separate rows, each placed on the first row where it fits, in the
//! timeline's order, so the picture is the same on every build. An SVG made at build time:
//! visible without JavaScript; the list after it says the same in words.
//!
//! Its text is 14 units high in a picture 1000 units wide (theme/timeline.css), 10 px on a
//! laptop's column; on a phone the picture keeps at least 900 px of width and scrolls sideways
//! in its figure, so the letters stay above 12 px and a one-day bar is a mark a finger can hit
//! (a third of the axis, about a year, per screen; `theme/timeline.js` opens it on the months
//! before the document's date).
//!
//! What a reader learns from it at 360 px, for this repository's report, is in
//! `docs/src/pictures.md`.

use crate::base::dates::month_name;
use crate::base::html::{Html, Page};
use crate::base::text::plural;
use crate::features::timeline::{Meeting, Timeline};
use crate::model::MeetingId;
use crate::outputs::exports::json::status;
use chrono::{Datelike, NaiveDate};

const WIDTH: f64 = 1000.0;
const LEFT: f64 = 10.0;
/// The first row's top.
const TOP: f64 = 44.0;
const ROW: f64 = 17.0;
const BAR: f64 = 12.0;
/// The narrowest bar, so a one-day meeting stays visible and clickable.
const MIN_BAR: f64 = 7.0;
/// The years' baseline, the months' and the top of the ticks.
const YEAR_Y: f64 = 15.0;
const MONTH_Y: f64 = 35.0;
const TICK_TOP: f64 = 22.0;
/// A legend's character, at the picture's 14 units.
const CHAR: f64 = 8.0;

/// Months since year 0, for the axis.
fn month_index(d: NaiveDate) -> i64 {
    d.year() as i64 * 12 + d.month0() as i64
}

fn days_in_month(d: NaiveDate) -> f64 {
    let (y, m) = (d.year(), d.month());
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)
    };
    let first = NaiveDate::from_ymd_opt(y, m, 1);
    match (first, next) {
        (Some(a), Some(b)) => (b - a).num_days() as f64,
        _ => 30.0,
    }
}

/// The month axis's geometry: where a day falls on the picture.
struct Scale {
    /// The first month shown, as [`month_index`].
    start: i64,
    /// The width of one month.
    month: f64,
}

impl Scale {
    /// From `first`'s month to `last`'s, across the picture's width.
    fn new(first: NaiveDate, last: NaiveDate) -> Scale {
        let start = month_index(first);
        let months = (month_index(last) - start + 1).max(1) as f64;
        Scale {
            start,
            month: (WIDTH - 2.0 * LEFT) / months,
        }
    }

    /// The left edge of day `d`.
    fn x(&self, d: NaiveDate) -> f64 {
        let in_month = (d.day0() as f64) / days_in_month(d);
        LEFT + ((month_index(d) - self.start) as f64 + in_month) * self.month
    }

    /// The right edge of day `d`.
    fn after(&self, d: NaiveDate) -> f64 {
        self.x(d) + self.month / days_in_month(d)
    }
}

/// One meeting's bar: its id, its meeting, its row and its left and right edges.
type Bar<'a> = (MeetingId, &'a Meeting, usize, f64, f64);

/// The bars in the timeline's order, each on the first row whose last bar ends before it starts,
/// and the number of rows.
fn layout<'a>(timeline: &'a Timeline, scale: &Scale) -> (Vec<Bar<'a>>, usize) {
    let mut rows: Vec<f64> = Vec::new();
    let mut bars = Vec::new();
    for (id, m) in timeline.iter() {
        let x0 = scale.x(m.span.first_day());
        let x1 = scale.after(m.span.last_day()).max(x0 + MIN_BAR);
        let row = match rows.iter().position(|&end| end + 2.0 <= x0) {
            Some(r) => r,
            None => {
                rows.push(0.0);
                rows.len() - 1
            }
        };
        rows[row] = x1;
        bars.push((id, m, row, x0, x1));
    }
    (bars, rows.len())
}

/// The picture, or none for a timeline without meetings. `title` is the page's title,
/// `document` the word for the document.
pub(crate) fn svg(timeline: &Timeline, title: &str, document: &str) -> Option<Html<Page>> {
    let first = timeline.meetings.iter().map(|m| m.span.first_day()).min()?;
    let last = timeline.meetings.iter().map(|m| m.span.last_day()).max()?;
    let scale = Scale::new(first, last);
    let (bars, rows) = layout(timeline, &scale);
    let legend = TOP + rows as f64 * ROW + 14.0;
    let mut h = Html::new();
    open(&mut h, timeline, title, (first, last), legend + 26.0);
    month_axis(&mut h, &scale, (first, last), legend)?;
    if let Some(report) = timeline.report {
        let rx = scale.after(report.last());
        h.open("path")
            .attr("class", "timeline-axis-report")
            .attr(
                "d",
                format_args!("M{rx:.1} {TICK_TOP} V{:.1}", legend - 8.0),
            )
            .self_close()
            .newline();
    }
    for bar in bars {
        bar_link(&mut h, timeline, bar);
    }
    key(&mut h, timeline, document, legend);
    h.close("svg");
    Some(h)
}

/// The `<svg>` element's start, its title and description for screen readers, and the hatch
/// pattern. `height` is the picture's.
fn open(
    h: &mut Html<Page>,
    timeline: &Timeline,
    title: &str,
    (first, last): (NaiveDate, NaiveDate),
    height: f64,
) {
    let planned = timeline.meetings.iter().filter(|m| m.planned).count();
    let approximate = timeline
        .meetings
        .iter()
        .filter(|m| m.span.approximate())
        .count();
    // Attribute names as mdBook's serializer writes them, lower case: HTML's parser gives SVG's
    // their case back (`viewBox`).
    h.open("svg")
        .attr("class", "timeline-axis")
        .attr("xmlns", "http://www.w3.org/2000/svg")
        .attr("viewbox", format_args!("0 0 {WIDTH} {height:.0}"))
        .attr("role", "group")
        .attr("aria-labelledby", "timeline-axis-title")
        .attr("aria-describedby", "timeline-axis-desc")
        .close()
        .newline();
    h.open("title")
        .attr("id", "timeline-axis-title")
        .close()
        .text(title)
        .close("title")
        .newline();
    h.open("desc")
        .attr("id", "timeline-axis-desc")
        .close()
        .text(format_args!(
            "{} on a month axis from {} {} to {} {}, each a bar from its first possible day to its last; {} dated only approximately span the whole period, hatched; {} planned at the time of writing are hollow with a dashed outline. The list after the picture gives the same meetings in words.",
            plural(timeline.meetings.len(), "meeting"),
            month_name(first.month()),
            first.year(),
            month_name(last.month()),
            last.year(),
            approximate,
            planned,
        ))
        .close("desc")
        .newline();
    h.open("defs").close();
    h.open("pattern")
        .attr("id", "timeline-hatch")
        .attr("width", "6")
        .attr("height", "6")
        .attr("patternunits", "userSpaceOnUse")
        .attr("patterntransform", "rotate(45)")
        .close();
    h.open("rect")
        .attr("class", "timeline-hatch")
        .attr("width", "2.5")
        .attr("height", "6")
        .self_close();
    h.close("pattern").close("defs").newline();
}

/// The axis: a tick per month down to the legend, the month's initial where there is room,
/// each year named. `None` past the calendar's last year.
fn month_axis(
    h: &mut Html<Page>,
    scale: &Scale,
    (first, last): (NaiveDate, NaiveDate),
    legend: f64,
) -> Option<()> {
    h.open("g")
        .attr("class", "timeline-axis-months")
        .close()
        .newline();
    let mut d = NaiveDate::from_ymd_opt(first.year(), first.month(), 1)?;
    while month_index(d) <= month_index(last) {
        let mx = scale.x(d);
        h.open("path")
            .attr(
                "d",
                format_args!("M{mx:.1} {TICK_TOP} V{:.1}", legend - 10.0),
            )
            .self_close();
        if scale.month >= 14.0 {
            h.open("text")
                .attr("x", format_args!("{:.1}", mx + scale.month / 2.0))
                .attr("y", MONTH_Y)
                .attr("text-anchor", "middle")
                .close()
                .text(&month_name(d.month())[..1])
                .close("text");
        }
        // The first month is named with its year unless January follows too closely.
        let opening = month_index(d) == scale.start && d.month() <= 10;
        if d.month() == 1 || opening {
            h.open("text")
                .attr("class", "timeline-axis-year")
                .attr("x", format_args!("{:.1}", mx + 2.0))
                .attr("y", YEAR_Y)
                .close()
                .text(d.year())
                .close("text");
        }
        h.newline();
        d = if d.month() == 12 {
            NaiveDate::from_ymd_opt(d.year() + 1, 1, 1)?
        } else {
            NaiveDate::from_ymd_opt(d.year(), d.month() + 1, 1)?
        };
    }
    h.close("g").newline();
    Some(())
}

/// One meeting's bar, a link to its entry, its words in a `<title>` (a tooltip, and what a
/// screen reader says).
fn bar_link(h: &mut Html<Page>, timeline: &Timeline, (id, m, row, x0, x1): Bar<'_>) {
    let mut class = vec![if m.planned { "planned" } else { "held" }];
    if m.span.approximate() {
        class.push("approximate");
    }
    let mut about = vec![m.span.written()];
    about.extend(status(m.span.approximate(), m.planned, m.tentative));
    h.open("a")
        .attr("href", format_args!("#{}", timeline.meeting(id).fragment()))
        .close();
    h.open("title")
        .close()
        .text(format_args!("{}: {}", m.title, about.join(", ")))
        .close("title");
    h.open("rect")
        .attr("class", class.join(" "))
        .attr("x", format_args!("{x0:.1}"))
        .attr("y", format_args!("{:.1}", TOP + row as f64 * ROW))
        .attr("width", format_args!("{:.1}", x1 - x0))
        .attr("height", BAR)
        .attr("rx", "2")
        .self_close();
    h.close("a").newline();
}

/// The legend at height `y`: a sample of each kind of bar with its words, and the document's
/// date line when there is one.
fn key(h: &mut Html<Page>, timeline: &Timeline, document: &str, y: f64) {
    let key = [
        ("held", "held"),
        ("planned", "planned at the time of writing"),
        ("held approximate", "date approximate: the whole period"),
    ];
    let mut lx = LEFT;
    h.open("g")
        .attr("class", "timeline-axis-legend")
        .close()
        .newline();
    for (class, label) in key {
        h.open("rect")
            .attr("class", class)
            .attr("x", format_args!("{lx:.1}"))
            .attr("y", format_args!("{y:.1}"))
            .attr("width", "22")
            .attr("height", BAR)
            .attr("rx", "2")
            .self_close();
        legend_text(h, lx + 28.0, y + 11.0, label);
        lx += 48.0 + CHAR * label.chars().count() as f64;
    }
    if timeline.report.is_some() {
        h.open("path")
            .attr("class", "timeline-axis-report")
            .attr("d", format_args!("M{lx:.1} {y:.1} v{BAR}"))
            .self_close();
        legend_text(h, lx + 8.0, y + 11.0, &format!("the {document}’s date"));
    }
    h.close("g").newline();
}

/// A legend's words at (`x`, `y`), and the end of its line.
fn legend_text(h: &mut Html<Page>, x: f64, y: f64, words: &str) {
    h.open("text")
        .attr("x", format_args!("{x:.1}"))
        .attr("y", format_args!("{y:.1}"))
        .close()
        .text(words)
        .close("text")
        .newline();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::timeline::tests::collect;

    #[test]
    fn each_meeting_is_a_linked_bar_over_the_days_it_may_have_taken_and_planned_ones_are_dashed() {
        let (timeline, diags) = collect(&[(
            "a.md",
            "---\nmeetings:\n\
             \x20 - id: d\n    title: Day\n    date: \"2014-01-01\"\n    mention: met\n\
             \x20 - id: h\n    title: Half\n    date: 2014-H1\n    mention: met\n\
             \x20 - id: p\n    title: Later\n    date: \"2014-12\"\n    mention: met\n\
             ---\nWe met.\n",
        )]);
        assert_eq!(diags, "0 errors, 0 warnings");
        let svg = svg(&timeline, "Timeline", "report").unwrap().into_string();
        let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
        let root = doc.root_element();
        let text = |name: &str| {
            root.children()
                .find(|n| n.tag_name().name() == name)
                .and_then(|n| n.text())
                .unwrap()
                .to_string()
        };
        assert_eq!(text("title"), "Timeline");
        assert!(
            text("desc")
                .starts_with("3 meetings on a month axis from January 2014 to December 2014")
        );
        let bars: Vec<(&str, &str, f64, f64)> = doc
            .descendants()
            .filter(|n| n.tag_name().name() == "a")
            .map(|a| {
                let rect = a
                    .children()
                    .find(|n| n.tag_name().name() == "rect")
                    .unwrap();
                let num = |k: &str| rect.attribute(k).unwrap().parse::<f64>().unwrap();
                (
                    a.attribute("href").unwrap(),
                    rect.attribute("class").unwrap(),
                    num("x"),
                    num("width"),
                )
            })
            .collect();
        let ids: Vec<&str> = bars.iter().map(|b| b.0).collect();
        assert_eq!(ids, ["#meeting-d", "#meeting-h", "#meeting-p"]);
        assert_eq!(bars[0].1, "held");
        // The first half of 2014 is not over at the end of May 2014.
        assert_eq!(bars[1].1, "planned approximate");
        assert_eq!(bars[2].1, "planned approximate");
        // Twelve months over 980 units: the first half is six of them, from the same day as the day.
        assert_eq!(bars[1].2, bars[0].2);
        assert!((bars[1].3 - 490.0).abs() < 0.2, "{}", bars[1].3);
        assert!(bars[0].3 >= MIN_BAR);
        assert!(svg.contains(
            "<title>Later: December 2014, approximate date, planned at the time of writing</title>"
        ));
        // The document's date (May 2014) is drawn.
        assert!(svg.contains("class=\"timeline-axis-report\""));
    }

    #[test]
    fn no_meeting_no_picture() {
        let (timeline, _) = collect(&[("a.md", "We met.\n")]);
        assert_eq!(svg(&timeline, "T", "report"), None);
    }
    /// A timeline of the meetings `(id, title, date)`, its document dated May 2014.
    fn timeline_of(meetings: &[(&str, &str, &str)]) -> Timeline {
        let specs: String = meetings
            .iter()
            .map(|(id, title, date)| {
                format!(
                    "  - id: {id}\n    title: {title}\n    date: \"{date}\"\n    mention: met\n"
                )
            })
            .collect();
        let (timeline, diags) =
            collect(&[("a.md", &format!("---\nmeetings:\n{specs}---\nWe met.\n"))]);
        assert_eq!(diags, "0 errors, 0 warnings");
        timeline
    }

    #[test]
    fn a_bar_shares_a_row_only_with_a_gap_of_two_units_after_the_last_one() {
        // Three months over 980 units: a day is about 10.5 units, so the second day's bar
        // starts where the first day's ends, with no gap: it takes a new row. March is far
        // enough after both to go back to the first.
        let timeline = timeline_of(&[
            ("a", "First", "2014-01-10"),
            ("b", "Second", "2014-01-11"),
            ("c", "Third", "2014-03-01"),
        ]);
        let first = NaiveDate::from_ymd_opt(2014, 1, 10).unwrap();
        let last = NaiveDate::from_ymd_opt(2014, 3, 1).unwrap();
        let (bars, rows) = layout(&timeline, &Scale::new(first, last));
        let placed: Vec<usize> = bars.iter().map(|b| b.2).collect();
        assert_eq!((placed, rows), (vec![0, 1, 0], 2));
        assert!(
            (bars[0].4 - bars[1].3).abs() < 1e-9,
            "the second starts where the first ends"
        );
    }

    /// Eight months from November 2013 over 980 units: 122.5 a month. A day is at its month's
    /// start plus its part of the month (30 November: 10 + 29/30 × 122.5 = 128.4), at least 7
    /// wide; the month of November overlaps it and takes a second row (44 + 17). The rows end
    /// at 44 + 2 × 17 + 14 = 92, where the legend is, each entry 48 units and 8 a character
    /// after the last. November is too close to January to carry its year.
    #[test]
    fn the_picture_places_each_day_on_its_month_and_each_overlap_on_a_new_row() {
        let timeline = timeline_of(&[
            ("d", "Day", "2013-11-30"),
            ("m", "Month", "2013-11"),
            ("n", "Next", "2014-01-02"),
            ("p", "Later", "2014-06-10"),
        ]);
        let tick = |x: &str, initial: &str| {
            format!(
                "<path d=\"M{x} 22 V82.0\" /><text x=\"{initial}\" y=\"35\" text-anchor=\"middle\">"
            )
        };
        let expected = [
            "<svg class=\"timeline-axis\" xmlns=\"http://www.w3.org/2000/svg\" viewbox=\"0 0 1000 118\" role=\"group\" \
             aria-labelledby=\"timeline-axis-title\" aria-describedby=\"timeline-axis-desc\">".to_owned(),
            "<title id=\"timeline-axis-title\">Timeline</title>".to_owned(),
            "<desc id=\"timeline-axis-desc\">4 meetings on a month axis from November 2013 to June 2014, each a bar \
             from its first possible day to its last; 1 dated only approximately span the whole period, hatched; 1 \
             planned at the time of writing are hollow with a dashed outline. The list after the picture gives the \
             same meetings in words.</desc>".to_owned(),
            "<defs><pattern id=\"timeline-hatch\" width=\"6\" height=\"6\" patternunits=\"userSpaceOnUse\" \
             patterntransform=\"rotate(45)\"><rect class=\"timeline-hatch\" width=\"2.5\" height=\"6\" /></pattern></defs>".to_owned(),
            "<g class=\"timeline-axis-months\">".to_owned(),
            format!("{}N</text>", tick("10.0", "71.2")),
            format!("{}D</text>", tick("132.5", "193.8")),
            format!("{}J</text><text class=\"timeline-axis-year\" x=\"257.0\" y=\"15\">2014</text>", tick("255.0", "316.2")),
            format!("{}F</text>", tick("377.5", "438.8")),
            format!("{}M</text>", tick("500.0", "561.2")),
            format!("{}A</text>", tick("622.5", "683.8")),
            format!("{}M</text>", tick("745.0", "806.2")),
            format!("{}J</text>", tick("867.5", "928.8")),
            "</g>".to_owned(),
            // The end of May 2014.
            "<path class=\"timeline-axis-report\" d=\"M867.5 22 V84.0\" />".to_owned(),
            "<a href=\"#meeting-d\"><title>Day: 30 November 2013</title><rect class=\"held\" x=\"128.4\" y=\"44.0\" \
             width=\"7.0\" height=\"12\" rx=\"2\" /></a>".to_owned(),
            "<a href=\"#meeting-m\"><title>Month: November 2013, approximate date</title><rect class=\"held \
             approximate\" x=\"10.0\" y=\"61.0\" width=\"122.5\" height=\"12\" rx=\"2\" /></a>".to_owned(),
            "<a href=\"#meeting-n\"><title>Next: 2 January 2014</title><rect class=\"held\" x=\"259.0\" y=\"44.0\" \
             width=\"7.0\" height=\"12\" rx=\"2\" /></a>".to_owned(),
            "<a href=\"#meeting-p\"><title>Later: 10 June 2014, planned at the time of writing</title><rect \
             class=\"planned\" x=\"904.2\" y=\"44.0\" width=\"7.0\" height=\"12\" rx=\"2\" /></a>".to_owned(),
            "<g class=\"timeline-axis-legend\">".to_owned(),
            "<rect class=\"held\" x=\"10.0\" y=\"92.0\" width=\"22\" height=\"12\" rx=\"2\" /><text x=\"38.0\" \
             y=\"103.0\">held</text>".to_owned(),
            "<rect class=\"planned\" x=\"90.0\" y=\"92.0\" width=\"22\" height=\"12\" rx=\"2\" /><text x=\"118.0\" \
             y=\"103.0\">planned at the time of writing</text>".to_owned(),
            "<rect class=\"held approximate\" x=\"378.0\" y=\"92.0\" width=\"22\" height=\"12\" rx=\"2\" /><text \
             x=\"406.0\" y=\"103.0\">date approximate: the whole period</text>".to_owned(),
            "<path class=\"timeline-axis-report\" d=\"M698.0 92.0 v12\" /><text x=\"706.0\" y=\"103.0\">the report’s \
             date</text>".to_owned(),
            "</g>".to_owned(),
            "</svg>".to_owned(),
        ];
        let svg = svg(&timeline, "Timeline", "report").unwrap().into_string();
        assert_eq!(svg.lines().collect::<Vec<_>>(), expected);
    }

    /// 87 months (October 2010 to December 2017) leave 11.3 units a month: no initials; the
    /// years are named at each January and at the first month, October being far enough from
    /// January. A December day ends with its month, the axis's end.
    #[test]
    fn a_long_axis_names_only_the_years() {
        let timeline = timeline_of(&[("a", "First", "2010-10-01"), ("b", "Last", "2017-12-31")]);
        let svg = svg(&timeline, "T", "report").unwrap().into_string();
        assert!(!svg.contains("text-anchor"), "{svg}");
        let years: Vec<&str> = svg
            .split("class=\"timeline-axis-year\" ")
            .skip(1)
            .map(|s| &s[s.find('>').unwrap() + 1..s.find('<').unwrap()])
            .collect();
        assert_eq!(
            years,
            [
                "2010", "2011", "2012", "2013", "2014", "2015", "2016", "2017"
            ]
        );
        // The last day starts 11.26 / 31 before the axis's end (990), its bar 7 units wide.
        assert!(
            svg.contains("x=\"989.6\" y=\"44.0\" width=\"7.0\""),
            "{svg}"
        );
    }
}
