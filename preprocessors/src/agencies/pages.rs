//! The generated "Agencies" pages: an index grouped by kind and one page per organisation with
//! its facts, the action points it works under, the meetings it organises and every mention.

use super::registry::Kind;
use super::{Agencies, Mention};
use crate::html;
use crate::model::{Model, generated_chapter};
use mdbook_preprocessor::book::{BookItem, Chapter};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::PathBuf;

/// A meeting an organisation organises, as listed on its page.
#[derive(Debug, Clone)]
pub struct MeetingItem {
    /// The date as a reader writes it.
    pub when: String,
    /// The meeting's title.
    pub title: String,
    /// The timeline page.
    pub page: PathBuf,
    /// The entry's id on the timeline page.
    pub fragment: String,
}

/// Builds the index chapter with one sub-chapter per organisation.
/// `meetings[org]` lists the meetings organisation `org` organises.
pub fn build(agencies: &Agencies, model: &Model, meetings: &[Vec<MeetingItem>]) -> Chapter {
    let index_path = agencies.index_page();
    let title = "Agencies and organisations";
    let by_org = agencies.by_org();
    let mut index = generated_chapter(
        title,
        &index_path,
        index_content(agencies, &by_org, title),
        vec![],
    );
    let mut order: Vec<usize> = (0..agencies.registry.orgs.len()).collect();
    order.sort_by_key(|&i| agencies.registry.orgs[i].short_name().to_lowercase());
    for i in order {
        let org = &agencies.registry.orgs[i];
        let content = org_content(
            agencies,
            model,
            i,
            &by_org[i],
            meetings.get(i).map_or(&[][..], Vec::as_slice),
        );
        index.sub_items.push(BookItem::Chapter(generated_chapter(
            org.short_name(),
            &agencies.page(i),
            content,
            vec![title.to_string()],
        )));
    }
    index
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn index_content(agencies: &Agencies, by_org: &[Vec<&Mention>], title: &str) -> String {
    let reg = &agencies.registry;
    let mut out = format!("# {title}\n\n");
    let members = reg.orgs.iter().filter(|o| o.gmg).count();
    let _ = writeln!(
        out,
        "<p class=\"gmg-generated\">The report names {} organisations, bodies and groups, listed here by kind. \
         {} of them were members of the Global Migration Group (GMG) in 2014, marked “GMG member”. \
         Each page lists every mention in the report.</p>\n",
        reg.orgs.len(),
        members
    );
    let mut by_kind: BTreeMap<Kind, Vec<usize>> = BTreeMap::new();
    for (i, org) in reg.orgs.iter().enumerate() {
        by_kind.entry(org.kind).or_default().push(i);
    }
    let from = agencies.index_page();
    for (kind, mut orgs) in by_kind {
        orgs.sort_by_key(|&i| reg.orgs[i].name.to_lowercase());
        let _ = writeln!(out, "## {}\n", html::text(kind.plural()));
        out.push_str(
            "<table class=\"org-index gmg-generated\">\n<thead><tr><th scope=\"col\">Organisation</th>\
             <th scope=\"col\">GMG member (2014)</th><th scope=\"col\">Mentions</th></tr></thead>\n<tbody>\n",
        );
        for i in orgs {
            let org = &reg.orgs[i];
            let _ = writeln!(
                out,
                "<tr><td><a href=\"{}\">{}</a></td><td>{}</td><td>{}</td></tr>",
                html::href(&from, &agencies.page(i), None),
                html::text(&org.display_name()),
                if org.gmg { "GMG member" } else { "—" },
                by_org[i].len()
            );
        }
        out.push_str("</tbody>\n</table>\n\n");
    }
    out
}

fn org_content(
    agencies: &Agencies,
    model: &Model,
    i: usize,
    mentions: &[&Mention],
    meetings: &[MeetingItem],
) -> String {
    let reg = &agencies.registry;
    let org = &reg.orgs[i];
    let page = agencies.page(i);
    let link = |j: usize| {
        format!(
            "<a href=\"{}\">{}</a>",
            html::href(&page, &agencies.page(j), None),
            html::text(&reg.orgs[j].display_name())
        )
    };
    let mut out = format!(
        "# {}\n\n<dl class=\"org-facts gmg-generated\">\n",
        html::text(&org.display_name())
    );
    let mut fact = |term: &str, value: String| {
        let _ = writeln!(out, "<dt>{term}</dt><dd>{value}</dd>");
    };
    fact("Name in the report", html::text(&org.name));
    if let Some(a) = &org.acronym {
        fact("Acronym", html::text(a));
    }
    if !org.forms.is_empty() {
        fact("Also written", html::text(&org.forms.join("; ")));
    }
    fact("Kind", html::text(&org.kind.to_string()));
    if let Some(p) = org.parent {
        fact("Part of", link(p));
    }
    if !org.children.is_empty() {
        fact(
            "Includes",
            org.children
                .iter()
                .map(|&c| link(c))
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    fact(
        "Global Migration Group",
        if org.gmg {
            "Member in 2014"
        } else {
            "Not a member in 2014"
        }
        .to_string(),
    );
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
    out.push_str("</dl>\n\n");

    // Action points: chapters declaring a point in which the organisation is mentioned.
    let mut points: BTreeMap<i64, (usize, usize)> = BTreeMap::new();
    for m in mentions {
        if let Some(p) = model.chapters[m.chapter].front().action_point.as_ref() {
            points.entry(p.value).or_insert((m.chapter, 0)).1 += 1;
        }
    }
    out.push_str("## Action points\n\n");
    if points.is_empty() {
        out.push_str("<p class=\"gmg-generated\">Not mentioned under any point of the eight-point agenda.</p>\n\n");
    } else {
        out.push_str("<ul class=\"org-points gmg-generated\">\n");
        for (_, (c, n)) in points {
            let ch = &model.chapters[c];
            let _ = writeln!(
                out,
                "<li><a href=\"{}\">{}</a> ({})</li>",
                html::href(&page, &ch.path, None),
                html::text(&ch.title()),
                plural(n, "mention")
            );
        }
        out.push_str("</ul>\n\n");
    }

    if !meetings.is_empty() {
        out.push_str("## Meetings\n\n<ul class=\"org-meetings gmg-generated\">\n");
        for m in meetings {
            let _ = writeln!(
                out,
                "<li>{}: <a href=\"{}\">{}</a></li>",
                html::text(&m.when),
                html::href(&page, &m.page, Some(&m.fragment)),
                html::text(&m.title)
            );
        }
        out.push_str("</ul>\n\n");
    }

    out.push_str("## Mentions\n\n");
    let chapters: Vec<usize> = {
        let mut c: Vec<usize> = mentions.iter().map(|m| m.chapter).collect();
        c.dedup();
        c
    };
    let _ = writeln!(
        out,
        "<p class=\"gmg-generated\">{} in {}.</p>\n",
        plural(mentions.len(), "mention"),
        plural(chapters.len(), "chapter")
    );
    // Mentions are in reading order: one run per chapter.
    for run in mentions.chunk_by(|a, b| a.chapter == b.chapter) {
        let ch = &model.chapters[run[0].chapter];
        let _ = writeln!(
            out,
            "### {}\n\n<ul class=\"mentions gmg-generated\">",
            html::text(&ch.title())
        );
        for m in run {
            let block = &ch.doc.blocks[m.block];
            let (before, text, after) = super::snippet(&block.text, m.in_block.clone(), 70);
            let _ = writeln!(
                out,
                "<li><a href=\"{}\">{}<mark>{}</mark>{}</a></li>",
                html::href(&page, &ch.path, Some(&block.anchor)),
                html::text(&before),
                html::text(&text),
                html::text(&after)
            );
        }
        out.push_str("</ul>\n\n");
    }
    out
}
