//! The Secretary-General's eight-point agenda for action, made visible and navigable.
//!
//! Each action-point chapter declares its number in front matter (`action-point: 3`); the set
//! must be exactly 1–8, each once. From that:
//!
//! - a generated overview page (`agenda.md`): each point with its title, the opening sentence of
//!   its chapter, the organisations active under it and the meetings it reports, then an
//!   organisation × point matrix of mention counts, each cell linking to the first paragraph;
//! - a box at the top of each action-point chapter: "Action point N of 8", the organisations
//!   active in it, previous and next point;
//! - phrases naming the agenda ("eight-point agenda for action", "eight-point action agenda",
//!   "eight-point agenda") link to the overview, and `[point three](point:3)` links to point 3.
//!
//! Without the agencies feature the overview and the boxes still work, without organisations.

use crate::agencies::Agencies;
use crate::config::AgendaConfig;
use crate::diagnostics::{Diagnostics, Location};
use crate::html;
use crate::markdown::{order, safe_to_wrap};
use crate::model::{ChapterOutput, Model, generated_chapter};
use aho_corasick::{AhoCorasick, MatchKind};
use mdbook_preprocessor::book::Chapter;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::PathBuf;

/// The number of points.
pub const POINTS: usize = 8;

/// Phrases that name the agenda, linked to the overview.
pub const PHRASES: &[&str] = &[
    "eight-point agenda for action",
    "eight-point action agenda",
    "eight-point agenda",
];

/// A meeting reported under a point, for the overview.
#[derive(Debug, Clone)]
pub struct MeetingItem {
    /// Chapter index where the meeting is described.
    pub chapter: usize,
    /// The date as a reader writes it.
    pub when: String,
    /// Title.
    pub title: String,
    /// Where the timeline shows it.
    pub page: PathBuf,
    /// Its id there.
    pub fragment: String,
}

/// One matrix row: per point, the number of mentions and the first mention's block.
type Row = [Option<(usize, usize)>; POINTS];

/// Which chapter reports on which point.
#[derive(Debug)]
pub struct Agenda {
    /// `chapters[n - 1]` is the chapter of point `n`.
    pub chapters: [Option<usize>; POINTS],
    /// The overview page.
    pub page: PathBuf,
}

impl Agenda {
    /// Reads and checks the chapters' `action-point` declarations.
    pub fn collect(model: &Model, cfg: &AgendaConfig, diags: &mut Diagnostics) -> Agenda {
        let mut chapters = [None; POINTS];
        for ch in &model.chapters {
            let Some(point) = &ch.front().action_point else {
                continue;
            };
            let at = ch.locate_front(point);
            let n = point.value;
            if !(1..=POINTS as i64).contains(&n) {
                diags
                    .error(
                        "agenda-point-range",
                        at,
                        format!("action point {n} does not exist"),
                    )
                    .hint = Some("the Secretary-General's agenda has points 1 to 8".into());
                continue;
            }
            let slot = &mut chapters[n as usize - 1];
            match slot {
                Some(first) => {
                    let first: &crate::model::Chapter = &model.chapters[*first];
                    diags
                        .error(
                            "agenda-point-duplicate",
                            at,
                            format!("action point {n} is declared twice"),
                        )
                        .hint = Some(format!(
                        "`{}` already declares it; each point has one chapter",
                        first.lines.path().display()
                    ));
                }
                None => *slot = Some(ch.index),
            }
        }
        let missing: Vec<String> = (1..=POINTS)
            .filter(|n| chapters[n - 1].is_none())
            .map(|n| n.to_string())
            .collect();
        // Once any chapter declares a point, all must: report the gaps once, at the first
        // declaration (where an editor looks for the agenda's front matter).
        let first = chapters.iter().flatten().copied().min();
        if let (Some(first), false) = (first, missing.is_empty()) {
            let ch = &model.chapters[first];
            let at = ch
                .front()
                .action_point
                .as_ref()
                .map_or_else(|| Location::file(ch.lines.path()), |p| ch.locate_front(p));
            let list = match missing.split_last() {
                Some((last, rest)) if !rest.is_empty() => {
                    format!("points {} and {last}", rest.join(", "))
                }
                _ => format!("point {}", missing.join("")),
            };
            diags
                .error("agenda-point-missing", at, format!("no chapter declares action {list}"))
                .hint = Some("add `action-point: N` to the front matter of each action-point chapter (2.1 to 2.8)".into());
        }
        Agenda {
            chapters,
            page: cfg.page.clone(),
        }
    }

    /// The point a chapter reports on.
    pub fn point_of(&self, chapter: usize) -> Option<usize> {
        self.chapters
            .iter()
            .position(|&c| c == Some(chapter))
            .map(|i| i + 1)
    }

    /// Organisations mentioned in a chapter with their mention counts and first mention's block,
    /// most mentioned first.
    fn active(agencies: &Agencies, chapter: usize) -> Vec<(usize, usize, usize)> {
        let mut by_org: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
        for m in agencies.mentions.iter().filter(|m| m.chapter == chapter) {
            by_org.entry(m.org).or_insert((0, m.block)).0 += 1;
        }
        let mut out: Vec<(usize, usize, usize)> =
            by_org.into_iter().map(|(o, (n, b))| (o, n, b)).collect();
        out.sort_by(|a, b| {
            b.1.cmp(&a.1).then_with(|| {
                agencies.registry.orgs[a.0]
                    .short_name()
                    .cmp(agencies.registry.orgs[b.0].short_name())
            })
        });
        out
    }

    /// Chapter boxes, agenda phrases and `point:` links.
    pub fn edit(
        &self,
        model: &Model,
        agencies: Option<&Agencies>,
        outputs: &mut [ChapterOutput],
        diags: &mut Diagnostics,
    ) {
        for (i, chapter) in self.chapters.iter().enumerate() {
            let Some(c) = *chapter else { continue };
            outputs[c].prelude = self.chapter_box(model, agencies, i + 1, c);
        }
        let phrases = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(PHRASES)
            .expect("phrases build");
        for ch in &model.chapters {
            let overview = html::href(&ch.path, &self.page, None);
            for run in &ch.doc.runs {
                for m in phrases.find_iter(&run.text) {
                    let before = run.text[..m.start()].chars().next_back();
                    let after = run.text[m.end()..].chars().next();
                    if before.is_some_and(char::is_alphanumeric)
                        || after.is_some_and(char::is_alphanumeric)
                    {
                        continue;
                    }
                    let Some(src) = run
                        .source_range(m.range())
                        .filter(|r| safe_to_wrap(ch.body(), r.clone()))
                    else {
                        continue;
                    };
                    let out = &mut outputs[ch.index].edits;
                    out.insert(
                        src.start,
                        order::OPEN,
                        format!("<a class=\"agenda-ref\" href=\"{overview}\">"),
                    );
                    out.insert(src.end, order::CLOSE, "</a>");
                }
            }
            for link in ch.doc.scheme_links.iter().filter(|l| l.scheme == "point") {
                let target = link
                    .target
                    .parse::<usize>()
                    .ok()
                    .filter(|n| (1..=POINTS).contains(n));
                let chapter = target.and_then(|n| self.chapters[n - 1]);
                match (chapter, &link.dest_range) {
                    (Some(t), Some(dest)) => {
                        let href = html::href(&ch.path, &model.chapters[t].path, None);
                        outputs[ch.index].edits.replace(dest.clone(), href);
                    }
                    (Some(_), None) => {
                        diags
                            .error(
                                "point-reference-link",
                                ch.locate(link.range.start),
                                "a `point:` link must be written inline, as `[text](point:3)`",
                            )
                            .hint = Some("reference-style links cannot be rewritten".into());
                    }
                    (None, _) => {
                        diags
                            .error(
                                "point-unknown",
                                ch.locate(link.range.start),
                                format!(
                                    "`point:{}` is not an action point of the agenda",
                                    link.target
                                ),
                            )
                            .hint = Some("use `point:1` to `point:8`".into());
                    }
                }
            }
        }
    }

    fn chapter_box(
        &self,
        model: &Model,
        agencies: Option<&Agencies>,
        n: usize,
        c: usize,
    ) -> String {
        let ch = &model.chapters[c];
        let mut out = format!(
            "<nav class=\"action-point-box gmg-generated\" aria-label=\"Action point {n} of {POINTS}\">\n\
             <p class=\"ap-position\"><a href=\"{}\">Action point {n} of {POINTS}</a> of the Secretary-General’s eight-point agenda for action</p>\n",
            html::href(&ch.path, &self.page, None)
        );
        if let Some(agencies) = agencies {
            let active = Self::active(agencies, c);
            if !active.is_empty() {
                let links: Vec<String> = active
                    .iter()
                    .map(|&(o, _, _)| {
                        let org = &agencies.registry.orgs[o];
                        format!(
                            "<a href=\"{}\" title=\"{}\">{}</a>",
                            html::href(&ch.path, &agencies.page(o), None),
                            html::attr(&org.name),
                            html::text(org.short_name())
                        )
                    })
                    .collect();
                let _ = writeln!(
                    out,
                    "<p class=\"ap-orgs\">Organisations active: {}</p>",
                    links.join(", ")
                );
            }
        }
        let neighbour = |k: usize, rel: &str, label: &str| -> Option<String> {
            let t = self.chapters.get(k.checked_sub(1)?)?.as_ref()?;
            let target = &model.chapters[*t];
            Some(format!(
                "<a rel=\"{rel}\" href=\"{}\">{label}: {}</a>",
                html::href(&ch.path, &target.path, None),
                html::text(&target.title())
            ))
        };
        let nav: Vec<String> = [
            neighbour(n - 1, "prev", "Previous point"),
            neighbour(n + 1, "next", "Next point"),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !nav.is_empty() {
            let _ = writeln!(out, "<p class=\"ap-nav\">{}</p>", nav.join(" "));
        }
        out.push_str("</nav>");
        out
    }

    /// The overview page.
    pub fn overview(
        &self,
        model: &Model,
        agencies: Option<&Agencies>,
        meetings: &[MeetingItem],
    ) -> Chapter {
        let title = "Eight-point agenda";
        let mut out = format!("# {title}\n\n");
        let _ = writeln!(
            out,
            "<p class=\"gmg-generated\">The report follows the Secretary-General’s eight-point agenda for action: \
             sections 2.1 to 2.8 each report on one point. For each point: its opening sentence, the organisations \
             active under it and the meetings it reports. The table at the end counts each organisation’s mentions \
             per point.</p>\n"
        );
        for (i, chapter) in self.chapters.iter().enumerate() {
            let Some(c) = *chapter else { continue };
            let ch = &model.chapters[c];
            let n = i + 1;
            let _ = writeln!(out, "## Point {n}: {}\n", html::text(&ch.name));
            let _ = writeln!(
                out,
                "<div class=\"agenda-point gmg-generated\" id=\"point-{n}\">"
            );
            if let Some(sentence) = opening_sentence(ch) {
                let _ = writeln!(
                    out,
                    "<blockquote class=\"opening\"><p>{}</p></blockquote>",
                    html::text(&sentence)
                );
            }
            let _ = writeln!(
                out,
                "<p class=\"read-section\"><a href=\"{}\">Read section {}</a></p>",
                html::href(&self.page, &ch.path, None),
                html::text(&ch.title())
            );
            if let Some(agencies) = agencies {
                let active = Self::active(agencies, c);
                let links: Vec<String> = active
                    .iter()
                    .map(|&(o, k, _)| {
                        format!(
                            "<a href=\"{}\">{}</a> ({k})",
                            html::href(&self.page, &agencies.page(o), None),
                            html::text(agencies.registry.orgs[o].short_name())
                        )
                    })
                    .collect();
                let _ = writeln!(
                    out,
                    "<p class=\"agenda-orgs\"><strong>Organisations active ({}):</strong> {}</p>",
                    active.len(),
                    if links.is_empty() {
                        "none named".into()
                    } else {
                        links.join(", ")
                    }
                );
            }
            let here: Vec<&MeetingItem> = meetings.iter().filter(|m| m.chapter == c).collect();
            if !here.is_empty() {
                out.push_str("<p class=\"agenda-meetings-label\"><strong>Meetings:</strong></p>\n<ul class=\"agenda-meetings\">\n");
                for m in here {
                    let _ = writeln!(
                        out,
                        "<li>{}: <a href=\"{}\">{}</a></li>",
                        html::text(&m.when),
                        html::href(&self.page, &m.page, Some(&m.fragment)),
                        html::text(&m.title)
                    );
                }
                out.push_str("</ul>\n");
            }
            out.push_str("</div>\n\n");
        }
        if let Some(agencies) = agencies {
            out.push_str(&self.matrix(model, agencies));
        }
        generated_chapter(title, &self.page, out, vec![])
    }

    /// The organisation × point table.
    fn matrix(&self, model: &Model, agencies: &Agencies) -> String {
        // counts[org][point - 1] = (mentions, first block)
        let mut counts: BTreeMap<usize, Row> = BTreeMap::new();
        for m in &agencies.mentions {
            let Some(n) = self.point_of(m.chapter) else {
                continue;
            };
            let cell = &mut counts.entry(m.org).or_insert([None; POINTS])[n - 1];
            match cell {
                Some((k, _)) => *k += 1,
                None => *cell = Some((1, m.block)),
            }
        }
        let mut rows: Vec<(usize, Row)> = counts.into_iter().collect();
        rows.sort_by_key(|(o, _)| agencies.registry.orgs[*o].short_name().to_lowercase());
        let mut out = String::from("## Organisations by action point\n\n");
        out.push_str(
            "<div class=\"matrix-scroll gmg-generated\" role=\"region\" aria-labelledby=\"matrix-caption\" tabindex=\"0\">\n\
             <table class=\"agenda-matrix\">\n<caption id=\"matrix-caption\">Mentions of each organisation under each action point; \
             each number links to the first paragraph that mentions it, “–” means none.</caption>\n\
             <thead><tr><th scope=\"col\">Organisation</th>",
        );
        for (i, chapter) in self.chapters.iter().enumerate() {
            let name = chapter
                .map(|c| model.chapters[c].name.clone())
                .unwrap_or_default();
            let _ = write!(
                out,
                "<th scope=\"col\"><abbr title=\"{}\">{}</abbr></th>",
                html::attr(&name),
                i + 1
            );
        }
        out.push_str("<th scope=\"col\">Total</th></tr></thead>\n<tbody>\n");
        for (o, cells) in rows {
            let org = &agencies.registry.orgs[o];
            let _ = write!(
                out,
                "<tr><th scope=\"row\"><a href=\"{}\" title=\"{}\">{}</a></th>",
                html::href(&self.page, &agencies.page(o), None),
                html::attr(&org.name),
                html::text(org.short_name())
            );
            let mut total = 0;
            for (i, cell) in cells.iter().enumerate() {
                match (cell, self.chapters[i]) {
                    (Some((k, b)), Some(c)) => {
                        total += k;
                        let ch = &model.chapters[c];
                        let _ = write!(
                            out,
                            "<td><a href=\"{}\" aria-label=\"{k} mention{} of {} under point {}\">{k}</a></td>",
                            html::href(&self.page, &ch.path, Some(&ch.doc.blocks[*b].anchor)),
                            if *k == 1 { "" } else { "s" },
                            html::attr(org.short_name()),
                            i + 1
                        );
                    }
                    _ => out.push_str("<td class=\"none\">–</td>"),
                }
            }
            let _ = writeln!(out, "<td>{total}</td></tr>");
        }
        out.push_str("</tbody>\n</table>\n</div>\n");
        out
    }
}

/// The first sentence of the chapter's first paragraph, verbatim.
pub fn opening_sentence(ch: &crate::model::Chapter) -> Option<String> {
    let block = ch.doc.blocks.iter().find(|b| !b.text.trim().is_empty())?;
    let text = block.text.split_whitespace().collect::<Vec<_>>().join(" ");
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for w in chars.windows(3) {
        let [(_, a), (i, b), (_, c)] = [w[0], w[1], w[2]];
        if matches!(a, '.' | '?' | '!') && b == ' ' && (c.is_uppercase() || c.is_ascii_digit()) {
            return Some(text[..i].to_string());
        }
    }
    Some(text)
}
