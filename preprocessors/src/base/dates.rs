//! Dates as precise as the report's text, in the forms an editor writes in front matter.
//!
//! | Form            | Example        | Period                                   | Written as              |
//! |-----------------|----------------|------------------------------------------|-------------------------|
//! | day             | `2030-04-23`   | that day                                 | 23 April 2030           |
//! | month           | `2030-06`      | the month                                | June 2030               |
//! | quarter         | `2030-Q3`      | July–September                           | third quarter of 2030   |
//! | half year       | `2030-H1`      | January–June (`H2`: July–December)       | first half of 2030      |
//! | season          | `2029-autumn`  | September–November                       | autumn 2029             |
//! | year            | `2030`         | the year                                 | 2030                    |
//!
//! Seasons are the northern hemisphere's meteorological seasons (the report's meetings are dated
//! by organisations in Geneva, New York and Turin): spring March–May, summer June–August, autumn
//! September–November, winter December to February of the next year (`2029-winter` is
//! December 2029 – February 2030). `fall` is accepted for autumn; `H`, `Q` and season names are
//! case-insensitive. Months and days have two digits, years four.
//!
//! A [`Date`] knows its first and last day and its [`Precision`]; anything less precise than a
//! day is approximate. A [`Span`] is a meeting's `date` with its optional `end`, written the way a
//! reader writes a range: "23–24 April 2030", "30 November – 2 December 2030", "June–July 2030".

use crate::base::diagnostics::did_you_mean;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

/// How precise a date is, from the most to the least precise. In JSON: `"day"`, `"month"`, ….
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// A day.
    Day,
    /// A month.
    Month,
    /// A quarter (three months).
    Quarter,
    /// A season (three months).
    Season,
    /// A half year.
    Half,
    /// A year.
    Year,
}

/// A northern-hemisphere meteorological season.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Season {
    /// March–May.
    Spring,
    /// June–August.
    Summer,
    /// September–November.
    Autumn,
    /// December–February (of the next year).
    Winter,
}

impl Season {
    const ALL: [Season; 4] = [
        Season::Spring,
        Season::Summer,
        Season::Autumn,
        Season::Winter,
    ];

    fn name(self) -> &'static str {
        match self {
            Season::Spring => "spring",
            Season::Summer => "summer",
            Season::Autumn => "autumn",
            Season::Winter => "winter",
        }
    }

    /// The first month (1–12).
    fn first_month(self) -> u32 {
        match self {
            Season::Spring => 3,
            Season::Summer => 6,
            Season::Autumn => 9,
            Season::Winter => 12,
        }
    }
}

/// A date as precise as the text. Construct with [`Date::parse`], which only
/// accepts dates that exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Date {
    /// `2030-04-23`.
    Day(NaiveDate),
    /// `2030-06`: year and month (1–12).
    Month(i32, u32),
    /// `2030-Q3`: year and quarter (1–4).
    Quarter(i32, u32),
    /// `2030-H1`: year and half (1–2).
    Half(i32, u32),
    /// `2029-autumn`.
    Season(i32, Season),
    /// `2030`.
    Year(i32),
}

/// Why a date was refused: a message and a hint for the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DateError {
    /// What is wrong.
    pub message: String,
    /// How to write it.
    pub hint: String,
}

/// The accepted forms, for hints.
pub(crate) const FORMS: &str = "write a day `2030-04-23`, a month `2030-06`, a year `2030`, a half year \
                         `2030-H1`, a quarter `2030-Q3` or a season `2029-autumn`";

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const ORDINALS: [&str; 4] = ["first", "second", "third", "fourth"];

/// The English name of month `m` (1–12).
pub(crate) fn month_name(m: u32) -> &'static str {
    MONTHS[(m as usize).clamp(1, 12) - 1]
}

fn digits(s: &str, n: usize) -> Option<u32> {
    (s.len() == n && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
}

fn last_day_of_month(year: i32, month: u32) -> NaiveDate {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .and_then(|d| d.pred_opt())
        .expect("four-digit years are in chrono's range")
}

fn first_of_month(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, 1).expect("valid month")
}

impl Date {
    /// Parses one of the accepted forms (surrounding spaces are ignored).
    pub(crate) fn parse(text: &str) -> Result<Date, DateError> {
        let s = text.trim();
        let malformed = |hint: String| DateError {
            message: format!("`{s}` is not a date"),
            hint,
        };
        let mut parts = s.splitn(3, '-');
        let year_part = parts.next().unwrap_or_default();
        let Some(year) = digits(year_part, 4) else {
            return Err(malformed(FORMS.into()));
        };
        let year = year as i32;
        let second = parts.next();
        let third = parts.next();
        let Some(second) = second else {
            return Ok(Date::Year(year));
        };
        let lower = second.to_ascii_lowercase();
        if third.is_none() {
            if let Some(m) = digits(second, 2) {
                return if (1..=12).contains(&m) {
                    Ok(Date::Month(year, m))
                } else {
                    Err(DateError {
                        message: format!("`{s}` is not a date: there is no month {m}"),
                        hint: "months are numbered `01` to `12`".into(),
                    })
                };
            }
            if let Some(n) = lower.strip_prefix('h').and_then(|n| digits(n, 1)) {
                return if (1..=2).contains(&n) {
                    Ok(Date::Half(year, n))
                } else {
                    Err(DateError {
                        message: format!("`{s}` is not a date: a year has two halves"),
                        hint: format!(
                            "write `{year}-H1` (January–June) or `{year}-H2` (July–December)"
                        ),
                    })
                };
            }
            if let Some(n) = lower.strip_prefix('q').and_then(|n| digits(n, 1)) {
                return if (1..=4).contains(&n) {
                    Ok(Date::Quarter(year, n))
                } else {
                    Err(DateError {
                        message: format!("`{s}` is not a date: a year has four quarters"),
                        hint: format!("write `{year}-Q1` to `{year}-Q4`"),
                    })
                };
            }
            let word = if lower == "fall" { "autumn" } else { &lower };
            if let Some(season) = Season::ALL.iter().find(|x| x.name() == word) {
                return Ok(Date::Season(year, *season));
            }
            if lower.bytes().all(|b| b.is_ascii_alphabetic()) && !lower.is_empty() {
                let names = Season::ALL.map(Season::name);
                if let Some(name) = did_you_mean(&lower, names) {
                    return Err(malformed(format!("did you mean `{year}-{name}`?")));
                }
            }
        }
        if let Some(padded) = pad(year, second, third) {
            return Err(malformed(format!(
                "write months and days with two digits: `{padded}`"
            )));
        }
        let (Some(m), Some(d)) = (digits(second, 2), third.and_then(|d| digits(d, 2))) else {
            return Err(malformed(FORMS.into()));
        };
        if !(1..=12).contains(&m) {
            return Err(DateError {
                message: format!("`{s}` is not a date: there is no month {m}"),
                hint: "months are numbered `01` to `12`".into(),
            });
        }
        match NaiveDate::from_ymd_opt(year, m, d) {
            Some(date) => Ok(Date::Day(date)),
            None => {
                let days = last_day_of_month(year, m).day();
                Err(DateError {
                    message: format!(
                        "`{s}` is not a date: {} {year} has no day {d}",
                        month_name(m)
                    ),
                    hint: format!("{} {year} has {days} days", month_name(m)),
                })
            }
        }
    }

    /// The first day of the period.
    pub(crate) fn first(&self) -> NaiveDate {
        match *self {
            Date::Day(d) => d,
            Date::Month(y, m) => first_of_month(y, m),
            Date::Quarter(y, q) => first_of_month(y, 3 * q - 2),
            Date::Half(y, h) => first_of_month(y, 6 * h - 5),
            Date::Season(y, s) => first_of_month(y, s.first_month()),
            Date::Year(y) => first_of_month(y, 1),
        }
    }

    /// The last day of the period (inclusive).
    pub(crate) fn last(&self) -> NaiveDate {
        match *self {
            Date::Day(d) => d,
            Date::Month(y, m) => last_day_of_month(y, m),
            Date::Quarter(y, q) => last_day_of_month(y, 3 * q),
            Date::Half(y, h) => last_day_of_month(y, 6 * h),
            Date::Season(y, Season::Winter) => last_day_of_month(y + 1, 2),
            Date::Season(y, s) => last_day_of_month(y, s.first_month() + 2),
            Date::Year(y) => last_day_of_month(y, 12),
        }
    }

    /// How precise the date is.
    pub(crate) fn precision(&self) -> Precision {
        match self {
            Date::Day(_) => Precision::Day,
            Date::Month(..) => Precision::Month,
            Date::Quarter(..) => Precision::Quarter,
            Date::Half(..) => Precision::Half,
            Date::Season(..) => Precision::Season,
            Date::Year(_) => Precision::Year,
        }
    }

    /// The canonical front-matter form: `2030-04-23`, `2030-06`, `2030-Q3`, `2030-H1`,
    /// `2029-autumn`, `2030`.
    pub(crate) fn spec(&self) -> String {
        match *self {
            Date::Day(d) => d.format("%Y-%m-%d").to_string(),
            Date::Month(y, m) => format!("{y:04}-{m:02}"),
            Date::Quarter(y, q) => format!("{y:04}-Q{q}"),
            Date::Half(y, h) => format!("{y:04}-H{h}"),
            Date::Season(y, s) => format!("{y:04}-{}", s.name()),
            Date::Year(y) => format!("{y:04}"),
        }
    }

    /// The date as a reader writes it: "23 April 2030", "June 2030", "first half of 2030",
    /// "autumn 2029", "winter 2029–2030", "2030".
    pub(crate) fn written(&self) -> String {
        match *self {
            Date::Day(d) => format!("{} {} {}", d.day(), month_name(d.month()), d.year()),
            Date::Month(y, m) => format!("{} {y}", month_name(m)),
            Date::Quarter(y, q) => format!("{} quarter of {y}", ORDINALS[q as usize - 1]),
            Date::Half(y, h) => format!("{} half of {y}", ORDINALS[h as usize - 1]),
            Date::Season(y, Season::Winter) => format!("winter {y}–{}", y + 1),
            Date::Season(y, s) => format!("{} {y}", s.name()),
            Date::Year(y) => y.to_string(),
        }
    }
}

/// A day as running text writes it: "February 14, 2030", "14 February 2030", "14 Feb. 2030",
/// "Feb 14 2030" (English month names, full or abbreviated, any case) or `2030-02-14`. `None`
/// for anything else, a day that does not exist included.
pub(crate) fn parse_written_day(text: &str) -> Option<NaiveDate> {
    let s = text.trim().trim_end_matches(['.', ',']);
    if let Ok(Date::Day(d)) = Date::parse(s) {
        return Some(d);
    }
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let month = |w: &str| -> Option<u32> {
        let w = w.trim_end_matches('.').to_ascii_lowercase();
        if w.len() < 3 {
            return None;
        }
        MONTHS
            .iter()
            .position(|m| {
                let m = m.to_ascii_lowercase();
                m == w || (w.len() <= 4 && m.starts_with(&w))
            })
            .map(|i| i as u32 + 1)
    };
    let number = |w: &str, max: usize| -> Option<u32> {
        let w = w
            .trim_end_matches("st")
            .trim_end_matches("nd")
            .trim_end_matches("rd")
            .trim_end_matches("th");
        (!w.is_empty() && w.len() <= max && w.bytes().all(|b| b.is_ascii_digit()))
            .then(|| w.parse().ok())?
    };
    let (day, m, year) = match words.as_slice() {
        [a, b, y] => match (month(a), month(b)) {
            (Some(m), None) => (number(b, 2)?, m, y),
            (None, Some(m)) => (number(a, 2)?, m, y),
            _ => return None,
        },
        _ => return None,
    };
    let year = (year.len() == 4).then(|| number(year, 4))??;
    NaiveDate::from_ymd_opt(year as i32, m, day)
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.written())
    }
}

/// `2030-6-3` → `2030-06-03`, when the editor only left out leading zeros.
fn pad(year: i32, month: &str, day: Option<&str>) -> Option<String> {
    let short = |s: &str| (1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    let needs = month.len() == 1 || day.is_some_and(|d| d.len() == 1);
    if !needs || !short(month) || !day.is_none_or(short) {
        return None;
    }
    let m: u32 = month.parse().ok()?;
    Some(match day {
        Some(d) => format!("{year:04}-{m:02}-{:02}", d.parse::<u32>().ok()?),
        None => format!("{year:04}-{m:02}"),
    })
}

/// When a meeting takes place: its `date` and optional `end` (the last day, as precise as the
/// text). Build it with [`Span::new`], which checks the end is not before the start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Span {
    /// The start.
    pub start: Date,
    /// The end, when the text gives one.
    pub end: Option<Date>,
}

impl Span {
    /// A span from `start` to `end`; refused when `end` starts before `start` does or ends
    /// before it ends.
    pub(crate) fn new(start: Date, end: Option<Date>) -> Result<Span, DateError> {
        if let Some(end) = end
            && (end.first() < start.first() || end.last() < start.last())
        {
            return Err(DateError {
                message: format!(
                    "the meeting ends ({}) before it starts ({})",
                    end.written(),
                    start.written()
                ),
                hint: "`end` is the last day of the meeting and cannot come before `date`; \
                       leave `end` out for a one-day meeting"
                    .into(),
            });
        }
        Ok(Span {
            start,
            end: end.filter(|e| *e != start),
        })
    }

    /// The first day the meeting may have taken place.
    pub(crate) fn first_day(&self) -> NaiveDate {
        self.start.first()
    }

    /// The last day the meeting may have taken place (inclusive).
    pub(crate) fn last_day(&self) -> NaiveDate {
        self.end.unwrap_or(self.start).last()
    }

    /// The coarser precision of the start and the end.
    pub(crate) fn precision(&self) -> Precision {
        self.start
            .precision()
            .max(self.end.map_or(Precision::Day, |e| e.precision()))
    }

    /// Less precise than a day.
    pub(crate) fn approximate(&self) -> bool {
        self.precision() != Precision::Day
    }

    /// Where the meeting sorts: a meeting whose start is a day sorts on that day; one whose
    /// start is a period sorts on the period's last day, after the dated meetings inside the
    /// period (until the period is over, one cannot tell where in it the meeting fell).
    pub(crate) fn sort_key(&self) -> (NaiveDate, Precision, NaiveDate) {
        let anchor = match self.start {
            Date::Day(d) => d,
            other => other.last(),
        };
        (anchor, self.start.precision(), self.last_day())
    }

    /// The year the meeting is listed under: that of the day it sorts on (winter 2029–2030 sorts
    /// at the end of February 2030).
    pub(crate) fn listed_year(&self) -> i32 {
        self.sort_key().0.year()
    }

    /// The span as a reader writes it: "23–24 April 2030", "30 November – 2 December 2030",
    /// "29 December 2029 – 2 January 2030", "June–July 2030", "2030–2031".
    pub(crate) fn written(&self) -> String {
        let Some(end) = self.end else {
            return self.start.written();
        };
        match (self.start, end) {
            (Date::Day(a), Date::Day(b)) if a.year() == b.year() && a.month() == b.month() => {
                format!("{}–{}", a.day(), end.written())
            }
            (Date::Day(a), Date::Day(b)) if a.year() == b.year() => {
                format!("{} {} – {}", a.day(), month_name(a.month()), end.written())
            }
            (Date::Month(y1, m1), Date::Month(y2, _)) if y1 == y2 => {
                format!("{}–{}", month_name(m1), end.written())
            }
            (Date::Year(a), Date::Year(b)) => format!("{a}–{b}"),
            (start, end) => format!("{} – {}", start.written(), end.written()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap_or_else(|e| panic!("{s}: {e:?}"))
    }

    fn err(s: &str) -> (String, String) {
        let e = Date::parse(s).expect_err(s);
        (e.message, e.hint)
    }

    fn ymd(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn written_days_in_running_text() {
        for text in [
            "February 14, 2030",
            "14 February 2030",
            "february 14 2030",
            "14 Feb. 2030",
            "Feb 14, 2030",
            "14th February 2030",
            "2030-02-14",
        ] {
            assert_eq!(parse_written_day(text), Some(ymd(2030, 2, 14)), "{text}");
        }
        for text in [
            "February 30, 2030",
            "Febuary 14, 2030",
            "14 2030",
            "May 2030",
            "1/2/2030",
            // A day has one or two digits, and nothing else.
            "0014 February 2030",
            "+3 February 2030",
        ] {
            assert_eq!(parse_written_day(text), None, "{text}");
        }
    }

    #[test]
    fn parses_every_form_with_its_period_and_precision() {
        let cases = [
            ("2014-04-23", (2014, 4, 23), (2014, 4, 23), Precision::Day),
            ("2014-06", (2014, 6, 1), (2014, 6, 30), Precision::Month),
            ("2014-02", (2014, 2, 1), (2014, 2, 28), Precision::Month),
            ("2016-02", (2016, 2, 1), (2016, 2, 29), Precision::Month),
            ("2014-12", (2014, 12, 1), (2014, 12, 31), Precision::Month),
            ("2014", (2014, 1, 1), (2014, 12, 31), Precision::Year),
            ("2014-H1", (2014, 1, 1), (2014, 6, 30), Precision::Half),
            ("2014-h2", (2014, 7, 1), (2014, 12, 31), Precision::Half),
            ("2014-Q1", (2014, 1, 1), (2014, 3, 31), Precision::Quarter),
            ("2014-Q3", (2014, 7, 1), (2014, 9, 30), Precision::Quarter),
            ("2014-q4", (2014, 10, 1), (2014, 12, 31), Precision::Quarter),
            (
                "2014-spring",
                (2014, 3, 1),
                (2014, 5, 31),
                Precision::Season,
            ),
            (
                "2014-summer",
                (2014, 6, 1),
                (2014, 8, 31),
                Precision::Season,
            ),
            (
                "2013-autumn",
                (2013, 9, 1),
                (2013, 11, 30),
                Precision::Season,
            ),
            ("2013-fall", (2013, 9, 1), (2013, 11, 30), Precision::Season),
            (
                "2013-Autumn",
                (2013, 9, 1),
                (2013, 11, 30),
                Precision::Season,
            ),
            (
                "2013-winter",
                (2013, 12, 1),
                (2014, 2, 28),
                Precision::Season,
            ),
            (
                "2015-winter",
                (2015, 12, 1),
                (2016, 2, 29),
                Precision::Season,
            ),
            (" 2014 ", (2014, 1, 1), (2014, 12, 31), Precision::Year),
        ];
        for (s, first, last, precision) in cases {
            let date = d(s);
            assert_eq!(date.first(), ymd(first.0, first.1, first.2), "{s}");
            assert_eq!(date.last(), ymd(last.0, last.1, last.2), "{s}");
            assert_eq!(date.precision(), precision, "{s}");
        }
    }

    #[test]
    fn canonical_forms() {
        let specs: Vec<String> = [
            "2014-04-23",
            "2014-06",
            "2014-q3",
            "2014-h1",
            "2013-fall",
            "2013-WINTER",
            "2014",
        ]
        .iter()
        .map(|s| d(s).spec())
        .collect();
        assert_eq!(
            specs,
            [
                "2014-04-23",
                "2014-06",
                "2014-Q3",
                "2014-H1",
                "2013-autumn",
                "2013-winter",
                "2014"
            ]
        );
    }

    #[test]
    fn impossible_dates_are_refused_with_the_reason() {
        assert_eq!(
            err("2014-02-30"),
            (
                "`2014-02-30` is not a date: February 2014 has no day 30".into(),
                "February 2014 has 28 days".into()
            )
        );
        assert_eq!(
            err("2015-02-29").0,
            "`2015-02-29` is not a date: February 2015 has no day 29"
        );
        assert_eq!(d("2016-02-29").spec(), "2016-02-29");
        assert_eq!(
            err("2014-04-00").0,
            "`2014-04-00` is not a date: April 2014 has no day 0"
        );
        assert_eq!(
            err("2014-13"),
            (
                "`2014-13` is not a date: there is no month 13".into(),
                "months are numbered `01` to `12`".into()
            )
        );
        assert_eq!(
            err("2014-00").0,
            "`2014-00` is not a date: there is no month 0"
        );
        assert_eq!(
            err("2014-13-01").0,
            "`2014-13-01` is not a date: there is no month 13"
        );
        assert_eq!(
            err("2014-H3"),
            (
                "`2014-H3` is not a date: a year has two halves".into(),
                "write `2014-H1` (January–June) or `2014-H2` (July–December)".into()
            )
        );
        assert_eq!(
            err("2014-Q5"),
            (
                "`2014-Q5` is not a date: a year has four quarters".into(),
                "write `2014-Q1` to `2014-Q4`".into()
            )
        );
    }

    #[test]
    fn malformed_dates_are_refused_with_a_hint() {
        for s in [
            "",
            "June 2014",
            "23 April 2014",
            "14",
            "20145",
            "2014-",
            "2014-06-",
            "2014/06/23",
            "2014-06-23-01",
            "2014-H",
            "2014-Q",
            "x014",
            "２０１４",
            // No season with a digit in it, and no padding for three digits.
            "2014-summ3r",
            "2014-123-4",
            "2014-6-123",
        ] {
            assert_eq!(
                err(s),
                (format!("`{}` is not a date", s.trim()), FORMS.into())
            );
        }
        assert_eq!(
            err("2014-6-3"),
            (
                "`2014-6-3` is not a date".into(),
                "write months and days with two digits: `2014-06-03`".into()
            )
        );
        assert_eq!(
            err("2014-6").1,
            "write months and days with two digits: `2014-06`"
        );
        assert_eq!(err("2013-automn").1, "did you mean `2013-autumn`?");
        assert_eq!(err("2013-sprng").1, "did you mean `2013-spring`?");
    }

    #[test]
    fn written_as_a_reader_writes_dates() {
        let written: Vec<String> = [
            "2014-04-23",
            "2014-06",
            "2014-H1",
            "2014-H2",
            "2014-Q1",
            "2014-Q4",
            "2013-autumn",
            "2013-winter",
            "2014",
        ]
        .iter()
        .map(|s| d(s).to_string())
        .collect();
        assert_eq!(
            written,
            [
                "23 April 2014",
                "June 2014",
                "first half of 2014",
                "second half of 2014",
                "first quarter of 2014",
                "fourth quarter of 2014",
                "autumn 2013",
                "winter 2013–2014",
                "2014"
            ]
        );
    }

    fn span(a: &str, b: Option<&str>) -> Span {
        Span::new(d(a), b.map(d)).unwrap()
    }

    #[test]
    fn ranges_are_written_with_shared_parts_once() {
        let cases = [
            ("2014-04-23", Some("2014-04-24"), "23–24 April 2014"),
            ("2013-10-03", Some("2013-10-04"), "3–4 October 2013"),
            (
                "2014-11-30",
                Some("2014-12-02"),
                "30 November – 2 December 2014",
            ),
            (
                "2013-12-29",
                Some("2014-01-02"),
                "29 December 2013 – 2 January 2014",
            ),
            ("2014-06", Some("2014-07"), "June–July 2014"),
            ("2013-12", Some("2014-01"), "December 2013 – January 2014"),
            ("2014", Some("2015"), "2014–2015"),
            (
                "2013-autumn",
                Some("2014-H1"),
                "autumn 2013 – first half of 2014",
            ),
            ("2014-04-23", Some("2014-04-23"), "23 April 2014"),
            ("2014-06", None, "June 2014"),
        ];
        for (a, b, expected) in cases {
            assert_eq!(span(a, b).written(), expected, "{a} {b:?}");
        }
    }

    #[test]
    fn end_before_start_is_refused() {
        let e = Span::new(d("2014-04-24"), Some(d("2014-04-23"))).unwrap_err();
        assert_eq!(
            e.message,
            "the meeting ends (23 April 2014) before it starts (24 April 2014)"
        );
        assert!(Span::new(d("2014-06-10"), Some(d("2014-06"))).is_err());
        assert!(Span::new(d("2014"), Some(d("2014-03"))).is_err());
        assert!(Span::new(d("2014-06"), Some(d("2014-06-15"))).is_err());
        assert!(Span::new(d("2014-06"), Some(d("2014-07-02"))).is_ok());
    }

    #[test]
    fn spans_know_their_days_and_precision() {
        let s = span("2014-04-23", Some("2014-04-24"));
        assert_eq!(
            (s.first_day(), s.last_day()),
            (ymd(2014, 4, 23), ymd(2014, 4, 24))
        );
        assert!(!s.approximate());
        let s = span("2013-winter", None);
        assert_eq!(s.last_day(), ymd(2014, 2, 28));
        assert!(s.approximate());
        let s = span("2014-06-10", Some("2014-07"));
        assert_eq!(s.precision(), Precision::Month);
    }

    #[test]
    fn approximate_dates_sort_after_the_dated_meetings_of_their_period() {
        let mut spans = [
            span("2014", None),
            span("2014-H1", None),
            span("2014-06", None),
            span("2014-06-30", None),
            span("2014-06-16", Some("2014-06-27")),
            span("2014-07-01", None),
            span("2014-01-01", None),
        ];
        spans.sort_by_key(Span::sort_key);
        let order: Vec<String> = spans.iter().map(Span::written).collect();
        assert_eq!(
            order,
            [
                "1 January 2014",
                "16–27 June 2014",
                "30 June 2014",
                "June 2014",
                "first half of 2014",
                "1 July 2014",
                "2014"
            ]
        );
    }

    fn any_date() -> impl Strategy<Value = Date> {
        let year = 1000i32..=9999;
        prop_oneof![
            (year.clone(), 1u32..=12, 1u32..=31).prop_filter_map("real day", |(y, m, d)| {
                NaiveDate::from_ymd_opt(y, m, d).map(Date::Day)
            }),
            (year.clone(), 1u32..=12).prop_map(|(y, m)| Date::Month(y, m)),
            (year.clone(), 1u32..=4).prop_map(|(y, q)| Date::Quarter(y, q)),
            (year.clone(), 1u32..=2).prop_map(|(y, h)| Date::Half(y, h)),
            (year.clone(), 0usize..4).prop_map(|(y, s)| Date::Season(y, Season::ALL[s])),
            year.prop_map(Date::Year),
        ]
    }

    proptest! {
        #[test]
        fn canonical_forms_round_trip(date in any_date()) {
            prop_assert_eq!(Date::parse(&date.spec()), Ok(date));
            prop_assert!(date.first() <= date.last());
            prop_assert!(!date.written().is_empty());
        }

        #[test]
        fn spans_are_ordered_and_written(a in any_date(), b in any_date()) {
            match Span::new(a, Some(b)) {
                Ok(s) => {
                    prop_assert!(s.first_day() <= s.last_day());
                    prop_assert!(!s.written().is_empty());
                }
                Err(e) => prop_assert!(b.first() < a.first() || b.last() < a.last(), "{}", e.message),
            }
        }

        #[test]
        fn no_string_makes_the_parser_panic(s in "\\PC{0,16}") {
            let _ = Date::parse(&s);
        }

        #[test]
        fn date_like_strings_never_panic(s in "[0-9]{4}(-[0-9HhQq]{1,3}(-[0-9]{1,3})?)?") {
            if let Ok(date) = Date::parse(&s) {
                prop_assert!(date.first() <= date.last());
            }
        }
    }
}
