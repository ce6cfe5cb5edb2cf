//! Archived copies of the web addresses in the endnotes, against link rot.
//!
//! Every `http(s)` address in an endnote (a link `<https://…>` or `[text](https://…)`, or an
//! address written out) gets a link to its copy in a web archive, by default the Internet
//! Archive's Wayback Machine: `https://web.archive.org/web/<YYYYMMDD>/<address>`, which the
//! archive redirects to its capture nearest that day. The day is the note's access date
//! ("[Accessed on February 14, 2030]", "accessed 14 February 2030", "retrieved on …": the first
//! after the address in its paragraph, else the last before it, else one elsewhere in the note),
//! else the first day of the document's `date` (in a book of many documents, the day the
//! chapter's document was adopted, its `document: adopted`). A note whose access date cannot be read is a
//! warning; an address with no date at all gets no copy, and a diagnostic note says why.

use super::DocumentsConfig;
use super::body_offset;
use crate::base::dates::{Date, parse_written_day};
use crate::base::diagnostics::Diagnostics;
use crate::base::text::fill;
use crate::model::{BlockId, Chapter, ChapterId, Model};
use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

/// Where the day of an archived copy comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DateFrom {
    /// The note's access date.
    Access,
    /// The document's date.
    Document,
    /// The adoption day of the chapter's own document (`document: adopted`), by its symbol.
    Adopted(String),
}

/// One address of an endnote and its archived copy.
#[derive(Debug, Clone)]
pub(crate) struct Copy {
    /// The chapter (the endnotes chapter).
    pub chapter: ChapterId,
    /// The paragraph of the note.
    pub block: BlockId,
    /// The address as the note gives it.
    pub address: String,
    /// The archived copy's address.
    pub archive: String,
    /// The day asked of the archive.
    pub date: NaiveDate,
    /// Where that day comes from.
    pub from: DateFrom,
    /// Body offset where the link to the copy goes (right after the address).
    pub at: usize,
}

static ACCESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:accessed|retrieved)(?:\s+on)?\s*:?\s+(?P<date>[^\]\)\[;]{1,40})")
        .expect("valid regex")
});

/// An access date found in a paragraph: where, and the day if it could be read.
struct Access {
    at: usize,
    end: usize,
    day: Option<NaiveDate>,
}

/// The access dates in `text`: "February 14, 2030]" or "14 February 2030. More".
fn access_dates(text: &str) -> Vec<Access> {
    ACCESS
        .captures_iter(text)
        .filter_map(|caps| {
            let whole = caps.get(0).expect("match");
            let date = caps.name("date").expect("group").as_str();
            // Up to the end of the sentence, if one ends inside.
            let first = date.split(". ").next().unwrap_or(date);
            let day = parse_written_day(date).or_else(|| parse_written_day(first));
            // "accessed by migrants" is no date: only text with a year-like number counts.
            let dated = first.chars().filter(char::is_ascii_digit).count() >= 4;
            (day.is_some() || dated).then_some(Access {
                at: whole.start(),
                end: whole.end(),
                day,
            })
        })
        .collect()
}

/// Every address of every note and its archived copy (none when `archive` is empty).
pub(crate) fn collect(
    model: &Model,
    cfg: &DocumentsConfig,
    date: Option<Date>,
    document: &str,
    diags: &mut Diagnostics,
) -> Vec<Copy> {
    let mut out = Vec::new();
    if cfg.archive.trim().is_empty() {
        return out;
    }
    for ch in &model.chapters {
        let notes: Vec<(BlockId, &str)> = ch
            .doc
            .blocks()
            .filter_map(|(id, b)| b.in_footnote.as_deref().map(|n| (id, n)))
            .collect();
        if notes.is_empty() {
            continue;
        }
        // In a book of many documents, a document's notes are dated by its own adoption.
        let adopted = ch.front().document.as_ref().and_then(|d| {
            let day = Date::parse(d.adopted.as_ref()?.value.trim()).ok()?;
            Some((day, d.symbol.value.clone()))
        });
        let from_document = match &adopted {
            Some((_, symbol)) => DateFrom::Adopted(symbol.clone()),
            None => DateFrom::Document,
        };
        let date = adopted.map(|(day, _)| day).or(date);
        // Access dates by paragraph, read (and reported) once.
        let mut dates: Vec<(BlockId, Vec<Access>)> = Vec::new();
        for &(b, _) in &notes {
            let text = &ch.block(b).text;
            let found = access_dates(text);
            for a in found.iter().filter(|a| a.day.is_none()) {
                diags
                    .warning(
                        "archive-access-date",
                        ch.locate(body_offset(ch, b, a.at)),
                        format!(
                            "the access date `{}` is not a date: the archived copies of this note use the {document}'s date",
                            text[a.at..a.end].trim()
                        ),
                    )
                    .hint("write it as “February 14, 2030” or “14 February 2030” (English month names)");
            }
            dates.push((b, found));
        }
        for &(b, note) in &notes {
            for (address, in_block, start, at) in addresses(ch, b) {
                let own = &dates.iter().find(|(d, _)| *d == b).expect("every note").1;
                let readable = |a: &&Access| a.day.is_some();
                let day = own
                    .iter()
                    .filter(readable)
                    .find(|a| a.at >= in_block)
                    .or_else(|| own.iter().filter(readable).rfind(|a| a.at < in_block))
                    .or_else(|| {
                        // Another paragraph of the same note.
                        notes
                            .iter()
                            .filter(|(other, n)| *n == note && *other != b)
                            .flat_map(|(other, _)| {
                                dates.iter().find(|(d, _)| d == other).map(|(_, a)| a)
                            })
                            .flatten()
                            .find(readable)
                    })
                    .and_then(|a| a.day);
                let (date, from) = match (day, date) {
                    (Some(d), _) => (d, DateFrom::Access),
                    (None, Some(doc)) => (doc.first(), from_document.clone()),
                    (None, None) => {
                        // The book chose no date and its note gives none: not a mistake (an
                        // ordinary book's footnotes rarely date their addresses), so a note.
                        diags
                            .note(
                                "archive-date-missing",
                                ch.locate(start),
                                format!("`{address}` has no date for its archived copy: the note gives no access date and the {document} has no `date`"),
                            )
                            .hint("add the access date to the note (“[Accessed on 14 February 2030]”) or set `date` under `[preprocessor.report]`; `archive = \"\"` under `[preprocessor.report.documents]` switches archived copies off");
                        continue;
                    }
                };
                let stamp = date.format("%Y%m%d").to_string();
                let archive = fill(&cfg.archive, &[("date", &stamp), ("address", &address)]);
                out.push(Copy {
                    chapter: ch.id,
                    block: b,
                    address,
                    archive,
                    date,
                    from,
                    at,
                });
            }
        }
    }
    out
}

/// The web addresses of paragraph `b`: its `http(s)` links and the addresses written out in its
/// text, each with its offset in the paragraph's text and its body range.
fn addresses(ch: &Chapter, b: BlockId) -> Vec<(String, usize, usize, usize)> {
    let mut out = Vec::new();
    for link in ch.doc.links.iter().filter(|l| l.block == Some(b)) {
        let lower = link.dest.to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") {
            out.push((
                link.dest.trim().to_string(),
                link.in_block,
                link.range.start,
                link.range.end,
            ));
        }
    }
    for run in ch.doc.runs.iter().filter(|r| r.block == b) {
        for url in run.urls() {
            let written = run.text[url.clone()].trim_end_matches(['.', ',', ';', ':', ')', ']']);
            let range = url.start..url.start + written.len();
            let lower = written.to_ascii_lowercase();
            let address = if lower.starts_with("www.") {
                format!("http://{written}")
            } else if lower.starts_with("http://") || lower.starts_with("https://") {
                written.to_string()
            } else {
                continue;
            };
            if let Some(src) = run.source_range(range.clone()) {
                out.push((address, run.block_offset + range.start, src.start, src.end));
            }
        }
    }
    out.sort_by_key(|a| a.3);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(text: &str) -> Vec<Option<String>> {
        access_dates(text)
            .into_iter()
            .map(|a| a.day.map(|d| d.to_string()))
            .collect()
    }

    #[test]
    fn access_dates_in_the_forms_notes_use() {
        assert_eq!(
            days("x [Accessed on February 14, 2030]. y [accessed on May 1, 2031]"),
            [Some("2030-02-14".into()), Some("2031-05-01".into())]
        );
        assert_eq!(
            days("available at: x (retrieved 3 March 2030). Next."),
            [Some("2030-03-03".into())]
        );
        assert_eq!(
            days("accessed 14 Feb. 2030; more"),
            [Some("2030-02-14".into())]
        );
        assert_eq!(days("[accessed on Febuary 4, 2030]"), [None]);
        assert!(days("information accessed by migrants in 12 countries").is_empty());
    }

    /// The archived copies of `notes` (the text of an endnotes chapter), the book dated `date`:
    /// (address, archive, day, from), and the problems.
    fn copies(
        notes: &str,
        date: Option<&str>,
    ) -> (Vec<(String, String, String, DateFrom)>, String) {
        let mut diags = Diagnostics::new();
        let m = crate::model::testing::model(
            &[("a.md", "# A\n\nText.[^a]\n"), ("notes.md", notes)],
            &mut diags,
        );
        let cfg = DocumentsConfig::default();
        let date = date.map(|d| Date::parse(d).unwrap());
        let found = collect(&m, &cfg, date, "report", &mut diags);
        let out = found
            .into_iter()
            .map(|c| (c.address, c.archive, c.date.to_string(), c.from))
            .collect();
        (out, diags.render())
    }

    #[test]
    fn each_address_of_a_note_is_archived_as_of_its_access_date_else_the_documents() {
        let notes = "# Notes\n\n\
            [^a]: See https://a.org/x. Accessed on 14 February 2030.\n\n\
            [^b]: [The site](HTTPS://b.org/) and www.c.org, undated.\n\n\
            [^c]: https://d.org, accessed by migrants.\n\n\
            [^d]: https://e.org [accessed on Febtober 4, 2030].\n";
        let (found, diags) = copies(notes, Some("2030-06"));
        let day = |a: &str, d: &str, from: DateFrom| {
            (
                a.to_string(),
                format!("https://web.archive.org/web/{}/{a}", d.replace('-', "")),
                d.to_string(),
                from,
            )
        };
        assert_eq!(
            found,
            [
                day("https://a.org/x", "2030-02-14", DateFrom::Access),
                day("HTTPS://b.org/", "2030-06-01", DateFrom::Document),
                day("http://www.c.org", "2030-06-01", DateFrom::Document),
                day("https://d.org", "2030-06-01", DateFrom::Document),
                day("https://e.org", "2030-06-01", DateFrom::Document),
            ]
        );
        assert_eq!(
            diags,
            "src/notes.md:9:22: warning: the access date `accessed on Febtober 4, 2030` is not a date: the archived copies of this note use the report's date [archive-access-date]\n  \
             = hint: write it as “February 14, 2030” or “14 February 2030” (English month names)\n\
             0 errors, 1 warning"
        );
    }

    #[test]
    fn without_a_date_an_undated_address_is_a_note_and_gets_no_copy() {
        let (found, diags) = copies(
            "# Notes\n\n[^a]: https://a.org and https://b.org, accessed 2 March 2030.\n",
            None,
        );
        let addresses: Vec<(&str, &str)> = found
            .iter()
            .map(|(a, _, d, _)| (a.as_str(), d.as_str()))
            .collect();
        // The access date after an address is its own; one before it serves the addresses after.
        assert_eq!(
            addresses,
            [
                ("https://a.org", "2030-03-02"),
                ("https://b.org", "2030-03-02")
            ]
        );
        assert_eq!(diags, "0 errors, 0 warnings");
        // A date before the addresses serves them too, and one in another paragraph of the note.
        let (found, _) = copies(
            "# Notes\n\n[^a]: [Accessed 2 March 2030] https://a.org\n\n[^b]: https://b.org\n\n    Accessed on 5 May 2030.\n",
            None,
        );
        let addresses: Vec<(&str, &str)> = found
            .iter()
            .map(|(a, _, d, _)| (a.as_str(), d.as_str()))
            .collect();
        assert_eq!(
            addresses,
            [
                ("https://a.org", "2030-03-02"),
                ("https://b.org", "2030-05-05")
            ]
        );
        let (found, diags) = copies("# Notes\n\n[^a]: https://a.org.\n", None);
        assert!(found.is_empty());
        assert_eq!(
            diags,
            "src/notes.md:3:7: note: `https://a.org` has no date for its archived copy: the note gives no access date and the report has no `date` [archive-date-missing]\n  \
             = hint: add the access date to the note (“[Accessed on 14 February 2030]”) or set `date` under `[preprocessor.report]`; `archive = \"\"` under `[preprocessor.report.documents]` switches archived copies off\n\
             0 errors, 0 warnings, 1 note"
        );
    }

    #[test]
    fn each_written_out_address_takes_the_first_access_date_after_it() {
        let (found, _) = copies(
            "# Notes\n\n[^a]: https://a.org, accessed 1 March 2030; https://b.org, accessed 2 March 2030.\n",
            None,
        );
        let addresses: Vec<(&str, &str)> = found
            .iter()
            .map(|(a, _, d, _)| (a.as_str(), d.as_str()))
            .collect();
        assert_eq!(
            addresses,
            [
                ("https://a.org", "2030-03-01"),
                ("https://b.org", "2030-03-02")
            ]
        );
    }
}
