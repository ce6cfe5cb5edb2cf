//! Meetings described in chapters' front matter, checked and put in date order: the data of the
//! timeline page and its iCalendar and JSON exports ([`crate::outputs`]).
//!
//! Front matter syntax (in the chapter whose text describes the meeting):
//!
//! ```yaml
//! meetings:
//!   - id: transit-forum                      # unique in the book
//!     title: Forum on Transit Transport
//!     date: "2030-04-23"                     # see below
//!     end: "2030-04-24"                      # optional, same forms, not before `date`
//!     place: Geneva, Switzerland             # optional
//!     organisers: [wto]                      # registry ids
//!     parent: trade-week                     # optional: the meeting this one is part of
//!     tentative: false                       # optional: the text says "tentatively"
//!     mention: "A forum on transit transport was convened"   # verbatim from the chapter text
//! ```
//!
//! Dates are as precise as the text: `2030`, `2030-06`, `2030-04-23`, a half year `2030-H1`, a
//! quarter `2030-Q3`, a season `2029-autumn` (northern hemisphere; `fall` is accepted); see
//! [`crate::base::dates`].
//!
//! [`Timeline::collect`] validates every meeting of the book, each problem an error located at the
//! offending value: a malformed or impossible date, an end before the start, an unknown organiser
//! (checked only when the organisations feature is on), a duplicate or malformed id, an unknown parent,
//! parents forming a cycle, a `mention` not found in the chapter's text. The mention is matched
//! against the paragraphs' text as a reader sees it, whitespace collapsed and typographic quotes
//! made straight; the paragraph containing it gets an anchor and the timeline links to it.
//!
//! Meetings are ordered by [`crate::base::dates::Span::sort_key`]: a meeting dated to the day sorts on its
//! first day; one dated only to a month, season, half year or year sorts at the end of that
//! period, after the meetings dated inside it. A meeting is *planned at the time of writing* when
//! it is not entirely over at the end of the document's date (`date` under
//! `[preprocessor.report]`, e.g. `2030-05`: anything ending after 31 May 2030); without a date,
//! no meeting is marked.

use crate::base::dates::{Date, Span};
use crate::base::diagnostics::{Diagnostics, Location, did_you_mean};
use crate::base::paths;
use crate::model::find::{find_phrase_in, normalised_blocks};
use crate::model::frontmatter::MeetingSpec;
use crate::model::orgs::{Directory, FOLDED};
use crate::model::schema::or_none;
use crate::model::{BlockId, Chapter, ChapterId, MeetingId, Model, OrgId, Outputs};
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;
use std::collections::HashMap;
use std::path::PathBuf;

/// An organiser of a meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Organiser {
    /// The id the editor wrote.
    pub id: String,
    /// The organisation (none when the organisations feature is off).
    pub org: Option<OrgId>,
}

/// A validated meeting.
#[derive(Debug, Clone)]
pub(crate) struct Meeting {
    /// Unique id.
    pub id: String,
    /// Title.
    pub title: String,
    /// When.
    pub span: Span,
    /// Where, if the text says.
    pub place: Option<String>,
    /// Organisers, in the editor's order.
    pub organisers: Vec<Organiser>,
    /// The meeting this one is part of.
    pub parent: Option<MeetingId>,
    /// The text calls the date tentative.
    pub tentative: bool,
    /// Not entirely over at the document's date.
    pub planned: bool,
    /// The chapter whose front matter declares it.
    pub chapter: ChapterId,
    /// The block of that chapter that mentions it (none when the mention was not found).
    pub block: Option<BlockId>,
}

impl Meeting {
    /// The `id` of its entry on the timeline page.
    pub(crate) fn fragment(&self) -> String {
        format!("meeting-{}", self.id)
    }
}

/// Every meeting of the book, in chronological order.
#[derive(Debug)]
pub(crate) struct Timeline {
    /// Meetings, sorted by [`Span::sort_key`], then in reading order.
    pub meetings: Vec<Meeting>,
    /// The generated page (relative to `src/`).
    pub page: PathBuf,
    /// The document's date, if configured.
    pub report: Option<Date>,
}

/// A meeting before parents are resolved and meetings sorted.
struct Draft {
    meeting: Meeting,
    parent: Option<(String, Location)>,
    location: Location,
}

/// Whitespace collapsed: titles and places go on one line of the page.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Timeline {
    /// No meeting: the book gets no timeline page and no calendar.
    pub(crate) fn is_empty(&self) -> bool {
        self.meetings.is_empty()
    }

    /// Reads and validates every meeting of the book. `orgs` are the organisations to check
    /// organisers against (none when that feature is off: organisers are then not checked);
    /// `report` is the document's date.
    pub(crate) fn collect(
        model: &Model,
        orgs: Option<&Directory>,
        report: Option<Date>,
        cfg: &TimelineConfig,
        diags: &mut Diagnostics,
    ) -> Timeline {
        let mut drafts: Vec<Draft> = Vec::new();
        let mut ids: HashMap<String, Location> = HashMap::new();
        for ch in &model.chapters {
            if ch.front().meetings.is_empty() {
                continue;
            }
            let blocks = normalised_blocks(ch);
            for spec in &ch.front().meetings {
                if let Some(draft) = Self::draft(ch, &blocks, spec, orgs, report, &mut ids, diags) {
                    drafts.push(draft);
                }
            }
        }
        let mut timeline = Timeline {
            meetings: Vec::new(),
            page: cfg.page.clone(),
            report,
        };
        // A parent declared with a mistake of its own (an impossible date), or possibly in a
        // chapter whose front matter could not be read, is not unknown: its error is the one.
        let declared = |id: &str| ids.contains_key(id) || model.front_matter_failure().is_some();
        timeline.resolve(drafts, declared, diags);
        timeline
    }

    /// Checks one meeting; `None` when it cannot be placed on the timeline.
    fn draft(
        ch: &Chapter,
        blocks: &[String],
        spec: &MeetingSpec,
        orgs: Option<&Directory>,
        report: Option<Date>,
        ids: &mut HashMap<String, Location>,
        diags: &mut Diagnostics,
    ) -> Option<Draft> {
        let at = |v: &Spanned<String>| ch.locate_front(v);
        let id = spec.id.value.trim().to_string();
        let unique = check_id(&id, at(&spec.id), ids, diags);
        let span = span(ch, spec, diags);
        if spec.title.value.trim().is_empty() {
            diags
                .error(
                    "meeting-empty-title",
                    at(&spec.title),
                    format!("meeting `{id}` has an empty title"),
                )
                .hint = Some("give the meeting's name as the text gives it".into());
        }
        let organisers = organisers(ch, spec, &id, orgs, diags);
        let block = find_phrase_in(ch, blocks, &spec.mention.value);
        if block.is_none() {
            diags
                .error(
                    "meeting-mention-not-found",
                    at(&spec.mention),
                    format!(
                        "the mention of meeting `{id}` is not in the text of this chapter: “{}”",
                        spec.mention.value.trim()
                    ),
                )
                .hint = Some(
                "copy a phrase of the paragraph that describes the meeting, word for word, from the chapter's text"
                    .into(),
            );
        }
        let span = span.filter(|_| unique)?;
        let planned = report.is_some_and(|r| span.last_day() > r.last());
        Some(Draft {
            meeting: Meeting {
                id,
                title: one_line(&spec.title.value),
                span,
                place: spec
                    .place
                    .as_ref()
                    .map(|p| one_line(&p.value))
                    .filter(|p| !p.is_empty()),
                organisers,
                parent: None,
                tentative: spec.tentative,
                planned,
                chapter: ch.id,
                block,
            },
            parent: spec
                .parent
                .as_ref()
                .map(|p| (p.value.trim().to_string(), at(p))),
            location: at(&spec.id),
        })
    }

    /// Resolves parents (unknown ones and cycles are errors) and sorts the meetings.
    fn resolve(
        &mut self,
        drafts: Vec<Draft>,
        declared: impl Fn(&str) -> bool,
        diags: &mut Diagnostics,
    ) {
        let index: HashMap<&str, usize> = drafts
            .iter()
            .enumerate()
            .map(|(i, d)| (d.meeting.id.as_str(), i))
            .collect();
        let mut parents: Vec<Option<usize>> = vec![None; drafts.len()];
        for (i, d) in drafts.iter().enumerate() {
            let Some((pid, at)) = &d.parent else { continue };
            match index.get(pid.as_str()) {
                Some(&p) => parents[i] = Some(p),
                None if declared(pid) => {}
                None => {
                    diags
                        .error(
                            "meeting-parent-unknown",
                            at.clone(),
                            format!(
                                "parent `{pid}` of meeting `{}` is not a meeting of the book",
                                d.meeting.id
                            ),
                        )
                        .hint = Some(
                        match did_you_mean(pid, drafts.iter().map(|d| d.meeting.id.as_str())) {
                            Some(s) => format!("did you mean `{s}`?"),
                            None => "`parent` is the id of the meeting this one is part of".into(),
                        },
                    );
                }
            }
        }
        // Cycles: report each once, at the meeting of the cycle that comes first in the book.
        let mut in_cycle = vec![false; drafts.len()];
        for i in 0..drafts.len() {
            let mut path = vec![i];
            let mut cur = parents[i];
            while let Some(p) = cur {
                if p == i {
                    if !in_cycle[i] {
                        let names: Vec<&str> = path
                            .iter()
                            .chain([&i])
                            .map(|&k| drafts[k].meeting.id.as_str())
                            .collect();
                        let at = drafts[i]
                            .parent
                            .as_ref()
                            .map_or_else(|| drafts[i].location.clone(), |(_, at)| at.clone());
                        diags
                            .error(
                                "meeting-parent-cycle",
                                at,
                                format!(
                                    "the parents of meeting `{}` form a cycle: {}",
                                    drafts[i].meeting.id,
                                    names.join(" → ")
                                ),
                            )
                            .hint = Some(
                            "`parent` names the meeting this one is part of; remove it from one of them"
                                .into(),
                        );
                        for &k in &path {
                            in_cycle[k] = true;
                        }
                    }
                    break;
                }
                if path.contains(&p) {
                    break; // a cycle further up, reported from one of its own meetings
                }
                path.push(p);
                cur = parents[p];
            }
        }
        for (i, c) in in_cycle.iter().enumerate() {
            if *c {
                parents[i] = None;
            }
        }
        // A part of a meeting takes place within it: dates that cannot meet the parent's are a
        // mistake in one of the two (or the wrong parent). Dates are as precise as the text
        // gives them, so a part dated by its month within a parent dated by its days is fine.
        for (i, d) in drafts.iter().enumerate() {
            let (Some(p), Some((pid, at))) = (parents[i], &d.parent) else {
                continue;
            };
            let (child, parent) = (&d.meeting.span, &drafts[p].meeting.span);
            if child.last_day() < parent.first_day() || child.first_day() > parent.last_day() {
                diags
                    .warning(
                        "meeting-outside-parent",
                        at.clone(),
                        format!(
                            "meeting `{}` ({}) is part of `{pid}` ({}), but their dates do not meet",
                            d.meeting.id,
                            child.written(),
                            parent.written()
                        ),
                    )
                    .hint("correct the dates of one of the two, or the `parent`");
            }
        }
        let mut order: Vec<usize> = (0..drafts.len()).collect();
        order.sort_by_key(|&i| drafts[i].meeting.span.sort_key());
        let mut position = vec![0; drafts.len()];
        for (pos, &i) in order.iter().enumerate() {
            position[i] = pos;
        }
        let mut slots: Vec<Option<Draft>> = drafts.into_iter().map(Some).collect();
        for &i in &order {
            let mut m = slots[i].take().expect("each draft once").meeting;
            m.parent = parents[i].map(|p| MeetingId(position[p]));
            self.meetings.push(m);
        }
    }

    /// Asks for an anchor on every paragraph that mentions a meeting.
    pub(crate) fn anchor(&self, outputs: &mut Outputs) {
        for m in &self.meetings {
            if let Some(b) = m.block {
                outputs[m.chapter].anchors.insert(b);
            }
        }
    }

    /// Meeting `id`.
    pub(crate) fn meeting(&self, id: MeetingId) -> &Meeting {
        &self.meetings[id.0]
    }

    /// Every meeting with its id, in date order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (MeetingId, &Meeting)> {
        self.meetings
            .iter()
            .enumerate()
            .map(|(i, m)| (MeetingId(i), m))
    }

    /// The meetings contained in meeting `id` (whose parent it is).
    pub(crate) fn children(&self, id: MeetingId) -> impl Iterator<Item = MeetingId> + '_ {
        self.iter()
            .filter(move |(_, m)| m.parent == Some(id))
            .map(|(k, _)| k)
    }

    /// For each of `orgs` organisations, the meetings it organises (each once), in date order.
    pub(crate) fn by_organiser(&self, orgs: usize) -> Vec<Vec<MeetingId>> {
        let mut out: Vec<Vec<MeetingId>> = vec![Vec::new(); orgs];
        for (id, m) in self.iter() {
            for org in m.organisers.iter().filter_map(|o| o.org) {
                if out[org.0].last() != Some(&id) {
                    out[org.0].push(id);
                }
            }
        }
        out
    }
}

/// Checks a meeting's `id` (written at `at`): a slug, not used before in the book (`ids`, where
/// it is then recorded). False when it is not.
fn check_id(
    id: &str,
    at: Location,
    ids: &mut HashMap<String, Location>,
    diags: &mut Diagnostics,
) -> bool {
    if !crate::base::html::is_slug(id) {
        diags
            .error(
                "meeting-bad-id",
                at,
                format!("meeting id `{id}` is not a lower-case slug"),
            )
            .hint =
            Some("use lower-case letters, digits and `-`, e.g. `fair-recruitment-workshop`".into());
        false
    } else if let Some(first) = ids.get(id) {
        diags
            .error(
                "meeting-duplicate-id",
                at,
                format!("meeting id `{id}` is used twice"),
            )
            .hint = Some(format!(
            "the first meeting with this id is at {first}; ids must be unique in the book"
        ));
        false
    } else {
        ids.insert(id.to_string(), at);
        true
    }
}

/// The days a meeting may have taken, from its `date` and `end`; `None`, with its error, when
/// one cannot be read or the end comes before the start.
fn span(ch: &Chapter, spec: &MeetingSpec, diags: &mut Diagnostics) -> Option<Span> {
    let at = |v: &Spanned<String>| ch.locate_front(v);
    let mut parse = |v: &Spanned<String>| match Date::parse(&v.value) {
        Ok(d) => Some(d),
        Err(e) => {
            diags.error("meeting-date", at(v), e.message).hint = Some(e.hint);
            None
        }
    };
    let start = parse(&spec.date);
    let end = spec.end.as_ref().map(&mut parse);
    match (start, end) {
        (Some(start), None) => Some(Span::new(start, None).expect("no end")),
        (Some(start), Some(Some(end))) => match Span::new(start, Some(end)) {
            Ok(span) => Some(span),
            Err(e) => {
                let end_at = spec.end.as_ref().map_or_else(|| at(&spec.date), at);
                diags
                    .error("meeting-end-before-start", end_at, e.message)
                    .hint = Some(e.hint);
                None
            }
        },
        _ => None,
    }
}

/// A meeting's organisers, each once, checked against the registry `orgs` (not checked without
/// one). An unknown organiser is an error and left out.
fn organisers(
    ch: &Chapter,
    spec: &MeetingSpec,
    id: &str,
    orgs: Option<&Directory>,
    diags: &mut Diagnostics,
) -> Vec<Organiser> {
    let mut organisers: Vec<Organiser> = Vec::new();
    for o in &spec.organisers {
        let oid = o.value.trim();
        if organisers.iter().any(|known| known.id == oid) {
            diags
                .warning(
                    "meeting-organiser-twice",
                    ch.locate_front(o),
                    format!("`{oid}` is named twice as an organiser of meeting `{id}`"),
                )
                .hint(
                    "name each organiser once (the page would say “Organised by …” with it twice)",
                );
            continue;
        }
        let org = match orgs {
            // The registry could not be read: its error counts this reference.
            Some(Directory {
                failed: Some(cause),
                ..
            }) => {
                diags.fold(*cause, 1, FOLDED.0, FOLDED.1);
                None
            }
            Some(a) => match a.get(oid) {
                Some(i) => Some(i),
                None => {
                    diags
                        .error(
                            "meeting-organiser-unknown",
                            ch.locate_front(o),
                            format!("organiser `{oid}` is not in the organisation registry"),
                        )
                        .hint = Some(match a.suggest(oid) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => "use the id of an organisation in the registry, or add the organisation to it".into(),
                    });
                    continue;
                }
            },
            None => None,
        };
        organisers.push(Organiser {
            id: oid.to_string(),
            org,
        });
    }
    organisers
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::features::organisations::registry;
    use crate::model::testing::model;
    use std::path::Path;

    pub(crate) fn orgs() -> Directory {
        let mut diags = Diagnostics::new();
        let yaml = "organisations:\n\
                    - {id: ilo, name: International Labour Organization, acronym: ILO, website: https://www.ilo.org}\n\
                    - {id: unhcr, name: Office of the United Nations High Commissioner for Refugees, acronym: UNHCR}\n";
        let registry = registry::parse(
            yaml,
            Path::new("data/agencies.yaml"),
            Path::new("agencies"),
            &mut diags,
        );
        assert_eq!(diags.render(), "0 errors, 0 warnings");
        registry.directory
    }

    /// The document's date of the tests.
    pub(crate) fn may_2014() -> Option<Date> {
        Date::parse("2014-05").ok()
    }

    /// A configuration whose document is a report of May 2014.
    pub(crate) fn config() -> crate::config::Config {
        let mut cfg = crate::config::Config::default();
        cfg.document = "report".into();
        cfg.date_text = Some("2014-05".into());
        cfg.check(None, &mut Diagnostics::new());
        cfg
    }

    pub(crate) fn collect(chapters: &[(&str, &str)]) -> (Timeline, String) {
        let mut diags = Diagnostics::new();
        let model = model(chapters, &mut diags);
        let orgs = orgs();
        let t = Timeline::collect(
            &model,
            Some(&orgs),
            may_2014(),
            &TimelineConfig::default(),
            &mut diags,
        );
        diags.sort();
        (t, diags.render())
    }

    const BODY: &str = "# Chapter\n\nA workshop on “Fair Recruitment” was\nconvened in Turin.\n\n\
                        - The ILO’s Academy met in June 2014.\n- The panel met.\n";

    fn chapter(meetings: &str) -> String {
        format!("---\nmeetings:\n{meetings}---\n{BODY}")
    }

    #[test]
    fn valid_meetings_are_sorted_and_linked_to_their_paragraph() {
        let a = chapter(
            "  - id: academy\n    title: Academy\n    date: \"2014-06\"\n    organisers: [ilo]\n    mention: \"The ILO's Academy met\"\n\
             \x20 - id: workshop\n    title: Workshop\n    date: \"2014-04-23\"\n    end: \"2014-04-24\"\n    place: Turin\n    organisers: [ilo, unhcr]\n    mention: 'A workshop on \"Fair Recruitment\" was convened'\n\
             \x20 - id: panel\n    title: Panel\n    date: \"2014-06-16\"\n    parent: academy\n    tentative: true\n    mention: The panel met\n",
        );
        let (t, d) = collect(&[("a.md", &a)]);
        assert_eq!(d, "0 errors, 0 warnings");
        let got: Vec<_> = t
            .meetings
            .iter()
            .map(|m| {
                (
                    m.id.as_str(),
                    m.span.written(),
                    m.block,
                    m.parent,
                    m.planned,
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "workshop",
                    "23–24 April 2014".into(),
                    Some(BlockId(0)),
                    None,
                    false
                ),
                (
                    "panel",
                    "16 June 2014".into(),
                    Some(BlockId(2)),
                    Some(MeetingId(2)),
                    true
                ),
                ("academy", "June 2014".into(), Some(BlockId(1)), None, true),
            ]
        );
        assert_eq!(
            t.meetings[0].organisers,
            vec![
                Organiser {
                    id: "ilo".into(),
                    org: Some(OrgId(0))
                },
                Organiser {
                    id: "unhcr".into(),
                    org: Some(OrgId(1))
                }
            ]
        );
        assert_eq!(t.children(MeetingId(2)).collect::<Vec<_>>(), [MeetingId(1)]);
        let mut diags = Diagnostics::new();
        let mut outputs = model(&[("a.md", &a)], &mut diags).outputs();
        t.anchor(&mut outputs);
        assert_eq!(
            outputs[ChapterId(0)]
                .anchors
                .iter()
                .copied()
                .collect::<Vec<_>>(),
            [BlockId(0), BlockId(1), BlockId(2)]
        );
    }

    fn one(meeting: &str) -> String {
        collect(&[("a.md", &chapter(meeting))]).1
    }

    #[test]
    fn malformed_and_impossible_dates_are_located_at_the_value() {
        assert_eq!(
            one("  - id: a\n    title: A\n    date: \"2014-02-30\"\n    mention: The panel met\n"),
            "src/a.md:5:11: error: `2014-02-30` is not a date: February 2014 has no day 30 [meeting-date]\n\
             \x20 = hint: February 2014 has 28 days\n1 error, 0 warnings"
        );
        assert_eq!(
            one("  - id: a\n    title: A\n    date: 2014-H3\n    mention: The panel met\n"),
            "src/a.md:5:11: error: `2014-H3` is not a date: a year has two halves [meeting-date]\n\
             \x20 = hint: write `2014-H1` (January–June) or `2014-H2` (July–December)\n1 error, 0 warnings"
        );
        assert_eq!(
            one(
                "  - id: a\n    title: A\n    date: \"2014\"\n    end: June 2014\n    mention: The panel met\n"
            ),
            format!(
                "src/a.md:6:10: error: `June 2014` is not a date [meeting-date]\n  = hint: {}\n1 error, 0 warnings",
                crate::base::dates::FORMS
            )
        );
    }

    #[test]
    fn unquoted_yaml_dates_are_read_as_written() {
        let (t, d) = collect(&[(
            "a.md",
            &chapter(
                "  - id: a\n    title: A\n    date: 2014\n    mention: The panel met\n\
                 \x20 - id: b\n    title: B\n    date: 2014-04-23\n    end: 2014-04-24\n    mention: The panel met\n",
            ),
        )]);
        assert_eq!(d, "0 errors, 0 warnings");
        let specs: Vec<String> = t.meetings.iter().map(|m| m.span.start.spec()).collect();
        assert_eq!(specs, ["2014-04-23", "2014"]);
    }

    #[test]
    fn end_before_start_is_located_at_the_end() {
        assert_eq!(
            one(
                "  - id: a\n    title: A\n    date: \"2014-04-24\"\n    end: \"2014-04-23\"\n    mention: The panel met\n"
            ),
            "src/a.md:6:10: error: the meeting ends (23 April 2014) before it starts (24 April 2014) [meeting-end-before-start]\n\
             \x20 = hint: `end` is the last day of the meeting and cannot come before `date`; leave `end` out for a one-day meeting\n\
             1 error, 0 warnings"
        );
    }

    #[test]
    fn unknown_organiser_suggests_a_registry_id() {
        assert_eq!(
            one(
                "  - id: a\n    title: A\n    date: \"2014\"\n    organisers: [ilo, unhrc, zzzzzzzz]\n    mention: The panel met\n"
            ),
            "src/a.md:6:23: error: organiser `unhrc` is not in the organisation registry [meeting-organiser-unknown]\n\
             \x20 = hint: did you mean `unhcr`?\n\
             src/a.md:6:30: error: organiser `zzzzzzzz` is not in the organisation registry [meeting-organiser-unknown]\n\
             \x20 = hint: use the id of an organisation in the registry, or add the organisation to it\n\
             2 errors, 0 warnings"
        );
    }

    #[test]
    fn organisers_are_not_checked_without_the_organisations_feature() {
        let mut diags = Diagnostics::new();
        let m = model(
            &[(
                "a.md",
                &chapter(
                    "  - id: a\n    title: A\n    date: \"2014\"\n    organisers: [nobody]\n    mention: The panel met\n",
                ),
            )],
            &mut diags,
        );
        let t = Timeline::collect(&m, None, may_2014(), &TimelineConfig::default(), &mut diags);
        assert_eq!(diags.render(), "0 errors, 0 warnings");
        assert_eq!(
            t.meetings[0].organisers,
            vec![Organiser {
                id: "nobody".into(),
                org: None
            }]
        );
    }

    #[test]
    fn duplicate_id_names_the_first_across_chapters() {
        let a =
            chapter("  - id: a\n    title: A\n    date: \"2014\"\n    mention: The panel met\n");
        let (t, d) = collect(&[("a.md", &a), ("b.md", &a)]);
        assert_eq!(
            d,
            "src/b.md:3:9: error: meeting id `a` is used twice [meeting-duplicate-id]\n\
             \x20 = hint: the first meeting with this id is at src/a.md:3:9; ids must be unique in the book\n\
             1 error, 0 warnings"
        );
        assert_eq!(t.meetings.len(), 1);
    }

    #[test]
    fn malformed_id_is_an_error() {
        assert_eq!(
            one(
                "  - id: Fair Workshop\n    title: A\n    date: \"2014\"\n    mention: The panel met\n"
            ),
            "src/a.md:3:9: error: meeting id `Fair Workshop` is not a lower-case slug [meeting-bad-id]\n\
             \x20 = hint: use lower-case letters, digits and `-`, e.g. `fair-recruitment-workshop`\n\
             1 error, 0 warnings"
        );
    }

    #[test]
    fn unknown_parent_suggests_a_meeting() {
        assert_eq!(
            one(
                "  - id: academy\n    title: A\n    date: \"2014\"\n    mention: The panel met\n\
                 \x20 - id: b\n    title: B\n    date: \"2014\"\n    parent: acadmy\n    mention: The panel met\n"
            ),
            "src/a.md:10:13: error: parent `acadmy` of meeting `b` is not a meeting of the book [meeting-parent-unknown]\n\
             \x20 = hint: did you mean `academy`?\n1 error, 0 warnings"
        );
    }

    #[test]
    fn parent_cycles_are_reported_once() {
        let (t, d) = collect(&[(
            "a.md",
            &chapter(
                "  - id: a\n    title: A\n    date: \"2014\"\n    parent: b\n    mention: The panel met\n\
                 \x20 - id: b\n    title: B\n    date: \"2014\"\n    parent: a\n    mention: The panel met\n\
                 \x20 - id: c\n    title: C\n    date: \"2014\"\n    parent: c\n    mention: The panel met\n\
                 \x20 - id: d\n    title: D\n    date: \"2014\"\n    parent: a\n    mention: The panel met\n",
            ),
        )]);
        assert_eq!(
            d,
            "src/a.md:6:13: error: the parents of meeting `a` form a cycle: a → b → a [meeting-parent-cycle]\n\
             \x20 = hint: `parent` names the meeting this one is part of; remove it from one of them\n\
             src/a.md:16:13: error: the parents of meeting `c` form a cycle: c → c [meeting-parent-cycle]\n\
             \x20 = hint: `parent` names the meeting this one is part of; remove it from one of them\n\
             2 errors, 0 warnings"
        );
        let parents: Vec<Option<&str>> = t
            .meetings
            .iter()
            .map(|m| m.parent.map(|p| t.meeting(p).id.as_str()))
            .collect();
        assert_eq!(parents, [None, None, None, Some("a")]);
    }

    #[test]
    fn mention_must_be_in_the_chapter_text() {
        assert_eq!(
            one(
                "  - id: a\n    title: A\n    date: \"2014\"\n    mention: A workshop on Fair Recruitment\n"
            ),
            "src/a.md:6:14: error: the mention of meeting `a` is not in the text of this chapter: “A workshop on Fair Recruitment” [meeting-mention-not-found]\n\
             \x20 = hint: copy a phrase of the paragraph that describes the meeting, word for word, from the chapter's text\n\
             1 error, 0 warnings"
        );
        // Quotes and line breaks may differ; words may not, and the heading is not a paragraph.
        assert_eq!(
            one(
                "  - id: a\n    title: A\n    date: \"2014\"\n    mention: \"on “Fair Recruitment”  was convened\"\n"
            ),
            "0 errors, 0 warnings"
        );
        assert!(
            one("  - id: a\n    title: A\n    date: \"2014\"\n    mention: \"# Chapter\"\n")
                .contains("[meeting-mention-not-found]")
        );
        assert!(
            one("  - id: a\n    title: A\n    date: \"2014\"\n    mention: \"\"\n")
                .contains("[meeting-mention-not-found]")
        );
    }

    #[test]
    fn the_documents_date_decides_what_was_planned() {
        let mut diags = Diagnostics::new();
        let m = model(
            &[(
                "a.md",
                &chapter(
                    "  - id: may\n    title: A\n    date: \"2014-05\"\n    mention: The panel met\n\
                     \x20 - id: h1\n    title: B\n    date: \"2014-H1\"\n    mention: The panel met\n\
                     \x20 - id: may-june\n    title: C\n    date: \"2014-05-31\"\n    end: \"2014-06-01\"\n    mention: The panel met\n",
                ),
            )],
            &mut diags,
        );
        let t = Timeline::collect(&m, None, may_2014(), &TimelineConfig::default(), &mut diags);
        let planned: Vec<(&str, bool)> = t
            .meetings
            .iter()
            .map(|m| (m.id.as_str(), m.planned))
            .collect();
        assert_eq!(planned, [("may-june", true), ("may", false), ("h1", true)]);
        // Without a date, nothing is assumed: no meeting is marked.
        let t = Timeline::collect(&m, None, None, &TimelineConfig::default(), &mut diags);
        assert!(t.meetings.iter().all(|m| !m.planned));
        assert_eq!(diags.render(), "0 errors, 0 warnings");
    }

    #[test]
    fn meetings_by_organiser_list_each_meeting_once() {
        let (t, _) = collect(&[(
            "a.md",
            &chapter(
                "  - id: a\n    title: A\n    date: \"2014-06\"\n    organisers: [unhcr, unhcr]\n    mention: The panel met\n",
            ),
        )]);
        assert_eq!(t.by_organiser(2), [vec![], vec![MeetingId(0)]]);
    }

    #[test]
    fn a_book_without_meetings_has_an_empty_timeline() {
        let (t, d) = collect(&[("a.md", "# Chapter\n\nNo meetings.\n")]);
        assert_eq!(d, "0 errors, 0 warnings");
        assert!(t.is_empty());
        let (t, _) = collect(&[(
            "a.md",
            &chapter(
                "  - id: panel\n    title: P\n    date: \"2014\"\n    mention: The panel met\n",
            ),
        )]);
        assert!(!t.is_empty());
        assert_eq!(t.meetings[0].fragment(), "meeting-panel");
    }

    #[test]
    fn a_parent_whose_own_entry_has_a_mistake_is_not_called_unknown() {
        // `academy` is declared, with an impossible date: that error is the one reported.
        let (t, d) = collect(&[(
            "a.md",
            &chapter(
                "  - id: academy\n    title: A\n    date: \"2014-02-30\"\n    mention: The panel met\n\
                 \x20 - id: b\n    title: B\n    date: \"2014\"\n    parent: academy\n    mention: The panel met\n",
            ),
        )]);
        assert!(
            d.ends_with("[meeting-date]\n  = hint: February 2014 has 28 days\n1 error, 0 warnings"),
            "{d}"
        );
        assert_eq!(t.meetings.len(), 1);
        assert_eq!(t.meetings[0].parent, None);
        // A chapter whose front matter cannot be read may declare it: nothing is blamed.
        let (_, d) = collect(&[
            ("a.md", "---\nmeetings: [\n---\n# A\n"),
            (
                "b.md",
                &chapter(
                    "  - id: b\n    title: B\n    date: \"2014\"\n    parent: elsewhere\n    mention: The panel met\n",
                ),
            ),
        ]);
        assert!(!d.contains("meeting-parent-unknown"), "{d}");
        assert!(d.ends_with("1 error, 0 warnings"), "{d}");
    }

    #[test]
    fn a_part_whose_dates_cannot_meet_its_parents_is_a_warning() {
        let part = |id: &str, date: &str| {
            format!(
                "  - id: {id}\n    title: T\n    date: \"{date}\"\n    parent: week\n    mention: The panel met\n"
            )
        };
        let meetings = format!(
            "  - id: week\n    title: Week\n    date: \"2014-06-10\"\n    end: \"2014-06-12\"\n    mention: The panel met\n{}{}{}{}{}",
            part("before", "2014-06-09"),
            part("first", "2014-06-10"),
            part("last", "2014-06-12"),
            part("after", "2014-06-13"),
            part("month", "2014-06"),
        );
        let (t, d) = collect(&[("a.md", &chapter(&meetings))]);
        assert_eq!(
            d,
            "src/a.md:11:13: warning: meeting `before` (9 June 2014) is part of `week` (10–12 June 2014), but their dates do not meet [meeting-outside-parent]
  = hint: correct the dates of one of the two, or the `parent`
src/a.md:26:13: warning: meeting `after` (13 June 2014) is part of `week` (10–12 June 2014), but their dates do not meet [meeting-outside-parent]
  = hint: correct the dates of one of the two, or the `parent`
0 errors, 2 warnings"
        );
        // Still its part, on the timeline.
        assert!(
            t.meetings
                .iter()
                .all(|m| m.id == "week" || m.parent.is_some())
        );
    }
}

/// `[preprocessor.report.timeline]`: meetings from front matter.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct TimelineConfig {
    /// Switch the feature on or off.
    pub enable: bool,
    /// Path (virtual, under `src/`) of the generated timeline page.
    #[serde(deserialize_with = "paths::in_src")]
    pub page: PathBuf,
    /// The page's title.
    pub title: String,
    /// The page's first sentence: `{document}`, `{count}`, `{meetings}` ("1 meeting").
    pub introduction: String,
    /// The calendar's name; empty: "Meetings in" and the book's title.
    #[serde(deserialize_with = "or_none")]
    pub calendar_name: String,
    /// The calendar's `PRODID`; empty: one made of the book's title.
    #[serde(deserialize_with = "or_none")]
    pub calendar_id: String,
    /// The domain part of every event's `UID`; empty: made of the book's title.
    #[serde(deserialize_with = "or_none")]
    pub uid_domain: String,
    /// The JSON export's title slide text; empty: "The meetings described in" and the title.
    #[serde(deserialize_with = "or_none")]
    pub summary: String,
}

impl Default for TimelineConfig {
    fn default() -> Self {
        TimelineConfig {
            enable: true,
            page: "timeline.md".into(),
            title: "Timeline".into(),
            introduction: "The {document} describes {meetings}.".into(),
            calendar_name: String::new(),
            calendar_id: String::new(),
            uid_domain: String::new(),
            summary: String::new(),
        }
    }
}
