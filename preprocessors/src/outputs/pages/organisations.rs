//! The generated organisation pages: an index grouped by kind and one page per organisation with
//! its facts, the agenda items it works under, the meetings it organises and every mention.

use crate::base::html;
use crate::base::text::{capitalise, plural};
use crate::features::agenda::Agenda;
use crate::features::organisations::{Mention, Organisations, snippet};
use crate::features::timeline::Timeline;
use crate::model::config::Config;
use crate::model::orgs::{Directory, Org};
use crate::model::{ChapterId, Model, OrgId, generated_chapter};
use mdbook_preprocessor::book::{BookItem, Chapter};
use std::collections::BTreeMap;
use std::fmt::Write;

/// What the organisation pages show of the other features.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The parsed book.
    pub model: &'a Model,
    /// The configuration (the document's word, the agenda's words).
    pub cfg: &'a Config,
    /// The agenda, when that feature is on.
    pub agenda: Option<&'a Agenda>,
    /// The timeline, when that feature is on.
    pub timeline: Option<&'a Timeline>,
}

/// Builds the index chapter with one sub-chapter per organisation.
pub fn build(orgs: &Organisations, cx: Context<'_>) -> Chapter {
    let dir = orgs.directory();
    let index_path = dir.index_page();
    let title = &cx.cfg.organisations.title;
    let by_org = orgs.by_org();
    let meetings = cx.timeline.map(|t| t.by_organiser(dir.orgs.len()));
    let mut index = generated_chapter(
        title,
        &index_path,
        index_content(dir, &by_org, cx.cfg),
        vec![],
    );
    let mut order: Vec<OrgId> = dir.iter().map(|(id, _)| id).collect();
    order.sort_by_key(|&i| dir.org(i).short_name().to_lowercase());
    for i in order {
        let org = dir.org(i);
        let page = OrgPage {
            dir,
            id: i,
            org,
            mentions: &by_org[i.0],
            meetings: meetings.as_ref().map_or(&[][..], |m| m[i.0].as_slice()),
        };
        index.sub_items.push(BookItem::Chapter(generated_chapter(
            org.short_name(),
            &dir.page(i),
            page.content(cx),
            vec![title.to_string()],
        )));
    }
    index
}

fn index_content(dir: &Directory, by_org: &[Vec<&Mention>], cfg: &Config) -> String {
    let mut out = format!("# {}\n\n", html::text(&cfg.organisations.title));
    let mut intro = format!(
        "The {} names {} organisations, bodies and groups",
        cfg.document,
        dir.orgs.len()
    );
    if !dir.kinds.is_empty() {
        intro.push_str(", listed here by kind");
    }
    intro.push_str(". ");
    for (g, group) in dir.groups.iter().enumerate() {
        if let Some(summary) = &group.summary {
            let members = dir.orgs.iter().filter(|o| o.groups.contains(&g)).count();
            intro.push_str(&cfg.phrase(summary, &[("count", &members.to_string())]));
            intro.push(' ');
        }
    }
    intro.push_str(&format!(
        "Each page lists every mention in the {}.",
        cfg.document
    ));
    let _ = writeln!(
        out,
        "<p class=\"report-generated\">{}</p>\n",
        html::text(&intro)
    );
    // Grouped by kind in the registry's order; organisations without a kind come last.
    let mut by_kind: BTreeMap<usize, Vec<OrgId>> = BTreeMap::new();
    for (i, org) in dir.iter() {
        by_kind
            .entry(org.kind.unwrap_or(usize::MAX))
            .or_default()
            .push(i);
    }
    let from = dir.index_page();
    for (kind, mut orgs) in by_kind {
        orgs.sort_by_key(|&i| dir.org(i).name.to_lowercase());
        match dir.kinds.get(kind) {
            Some(kind) => {
                let _ = writeln!(out, "## {}\n", html::text(&kind.plural));
            }
            None if !dir.kinds.is_empty() => out.push_str("## Other\n\n"),
            None => {}
        }
        out.push_str(
            "<table class=\"org-index report-generated\">\n<thead><tr><th scope=\"col\">Organisation</th>",
        );
        for group in &dir.groups {
            let _ = write!(out, "<th scope=\"col\">{}</th>", html::text(&group.column));
        }
        out.push_str("<th scope=\"col\">Mentions</th></tr></thead>\n<tbody>\n");
        for i in orgs {
            let org = dir.org(i);
            let _ = write!(
                out,
                "<tr><td><a href=\"{}\">{}</a></td>",
                html::attr(&html::href(&from, &dir.page(i), None)),
                html::text(&org.display_name()),
            );
            for (g, group) in dir.groups.iter().enumerate() {
                let cell = if org.groups.contains(&g) {
                    html::text(&group.marker)
                } else {
                    "—".to_string()
                };
                let _ = write!(out, "<td>{cell}</td>");
            }
            let _ = writeln!(out, "<td>{}</td></tr>", by_org[i.0].len());
        }
        out.push_str("</tbody>\n</table>\n\n");
    }
    out
}

/// One organisation's page.
struct OrgPage<'a> {
    dir: &'a Directory,
    id: OrgId,
    org: &'a Org,
    mentions: &'a [&'a Mention],
    meetings: &'a [crate::model::MeetingId],
}

impl OrgPage<'_> {
    fn content(&self, cx: Context<'_>) -> String {
        let mut out = format!(
            "# {}\n\n<dl class=\"org-facts report-generated\">\n",
            html::text(&self.org.display_name())
        );
        out.push_str(&self.facts(cx.cfg));
        out.push_str("</dl>\n\n");
        if let Some(agenda) = cx.agenda.filter(|a| !a.is_empty()) {
            out.push_str(&self.agenda_items(agenda, cx));
        }
        out.push_str(&self.meetings(cx));
        out.push_str(&self.mentions(cx.model));
        out
    }

    fn link(&self, to: OrgId) -> String {
        format!(
            "<a href=\"{}\">{}</a>",
            html::attr(&html::href(
                &self.dir.page(self.id),
                &self.dir.page(to),
                None
            )),
            html::text(&self.dir.org(to).display_name())
        )
    }

    /// The `<dt>`/`<dd>` pairs: name, acronym, other forms, kind, parent, units, groups, website.
    fn facts(&self, cfg: &Config) -> String {
        let org = self.org;
        let mut out = String::new();
        let mut fact = |term: &str, value: String| {
            let _ = writeln!(out, "<dt>{}</dt><dd>{value}</dd>", html::text(term));
        };
        fact(
            &format!("Name in the {}", cfg.document),
            html::text(&org.name),
        );
        if let Some(a) = &org.acronym {
            fact("Acronym", html::text(a));
        }
        if !org.forms.is_empty() {
            fact("Also written", html::text(&org.forms.join("; ")));
        }
        if let Some(kind) = org.kind.and_then(|k| self.dir.kinds.get(k)) {
            fact("Kind", html::text(&kind.label));
        }
        if let Some(p) = org.parent {
            fact("Part of", self.link(p));
        }
        if !org.children.is_empty() {
            let units: Vec<String> = org.children.iter().map(|&c| self.link(c)).collect();
            fact("Includes", units.join(", "));
        }
        for (g, group) in self.dir.groups.iter().enumerate() {
            let value = if org.groups.contains(&g) {
                Some(&group.member)
            } else {
                group.non_member.as_ref()
            };
            if let Some(value) = value {
                fact(&group.name, html::text(value));
            }
        }
        if let Some(url) = &org.website {
            let shown = url
                .trim_start_matches("https://")
                .trim_start_matches("http://")
                .trim_end_matches('/');
            fact(
                "Website",
                format!(
                    "<a href=\"{}\" rel=\"external\">{}</a>",
                    html::attr(url),
                    html::text(shown)
                ),
            );
        }
        out
    }

    /// The agenda items whose chapters mention the organisation.
    fn agenda_items(&self, agenda: &Agenda, cx: Context<'_>) -> String {
        let page = self.dir.page(self.id);
        let mut counts: BTreeMap<usize, (ChapterId, usize)> = BTreeMap::new();
        for m in self.mentions {
            if let Some(item) = agenda.item_of(m.chapter) {
                counts.entry(item.number).or_insert((m.chapter, 0)).1 += 1;
            }
        }
        let cfg = &cx.cfg.agenda;
        let mut out = format!("## {}\n\n", html::text(&capitalise(&cfg.items_word())));
        if counts.is_empty() {
            let _ = writeln!(
                out,
                "<p class=\"report-generated\">Not mentioned under any {}.</p>\n",
                html::text(&cfg.item)
            );
            return out;
        }
        out.push_str("<ul class=\"org-points report-generated\">\n");
        for (c, n) in counts.into_values() {
            let ch = cx.model.chapter(c);
            let _ = writeln!(
                out,
                "<li><a href=\"{}\">{}</a> ({})</li>",
                html::attr(&html::href(&page, &ch.path, None)),
                html::text(&ch.title()),
                plural(n, "mention")
            );
        }
        out.push_str("</ul>\n\n");
        out
    }

    /// The meetings it organises, linked to the timeline.
    fn meetings(&self, cx: Context<'_>) -> String {
        let Some(timeline) = cx.timeline.filter(|_| !self.meetings.is_empty()) else {
            return String::new();
        };
        let page = self.dir.page(self.id);
        let mut out = String::from("## Meetings\n\n<ul class=\"org-meetings report-generated\">\n");
        for &id in self.meetings {
            let m = timeline.meeting(id);
            let _ = writeln!(
                out,
                "<li>{}: <a href=\"{}\">{}</a></li>",
                html::text(&m.span.written()),
                html::attr(&html::href(&page, &timeline.page, Some(&m.fragment()))),
                html::text(&m.title)
            );
        }
        out.push_str("</ul>\n\n");
        out
    }

    /// Every mention with its context, by chapter.
    fn mentions(&self, model: &Model) -> String {
        let page = self.dir.page(self.id);
        let mut out = String::from("## Mentions\n\n");
        let mut chapters: Vec<ChapterId> = self.mentions.iter().map(|m| m.chapter).collect();
        chapters.dedup();
        let _ = writeln!(
            out,
            "<p class=\"report-generated\">{} in {}.</p>\n",
            plural(self.mentions.len(), "mention"),
            plural(chapters.len(), "chapter")
        );
        // Mentions are in reading order: one run per chapter.
        for run in self.mentions.chunk_by(|a, b| a.chapter == b.chapter) {
            let ch = model.chapter(run[0].chapter);
            let _ = writeln!(
                out,
                "### {}\n\n<ul class=\"mentions report-generated\">",
                html::text(&ch.title())
            );
            for m in run {
                let block = ch.block(m.block);
                let (before, text, after) = snippet(&block.text, m.in_block.clone(), 70);
                let _ = writeln!(
                    out,
                    "<li><a href=\"{}\">{}<mark>{}</mark>{}</a></li>",
                    html::attr(&html::href(&page, &ch.path, Some(&block.anchor))),
                    html::text(&before),
                    html::text(&text),
                    html::text(&after)
                );
            }
            out.push_str("</ul>\n\n");
        }
        out
    }
}
