//! The agenda made visible: the overview page and the box at the top of each item's chapter.
//!
//! - The overview (`agenda.md`): each item with its title, the opening sentence of its chapter,
//!   the organisations active under it and the meetings it reports, then an organisation × item
//!   matrix of mention counts, each cell linking to the first paragraph.
//! - A box at the top of each item's chapter: "Priority area (c) of 5" (in the configured words),
//!   the organisations active in it, previous and next item.
//!
//! Without the organisations feature the overview and the boxes still work, without
//! organisations; without the timeline, without meetings.
//!
//! The matrix as a heat map ([`steps`]), at 360 px: a box as tall as the window scrolls both
//! ways with its header row and its organisation column in view, the legend in its caption.
//! What a reader learns there, for this repository's report, is in `docs/src/pictures.md`.

pub use super::Context;
use crate::base::html;
use crate::base::text::capitalise;
use crate::features::agenda::{Agenda, Item};
use crate::features::organisations::Organisations;
use crate::features::timeline::Timeline;
use crate::model::config::AgendaConfig;
use crate::model::{BlockId, Chapter as ModelChapter, ChapterId, OrgId, generated_chapter};
use mdbook_preprocessor::book::Chapter;
use std::collections::BTreeMap;
use std::fmt::Write;

/// An organisation active in a chapter, with its number of mentions there.
struct Active {
    org: OrgId,
    mentions: usize,
}

/// Organisations mentioned in a chapter with their mention counts, most mentioned first.
fn active(orgs: &Organisations, chapter: ChapterId) -> Vec<Active> {
    let mut by_org: BTreeMap<OrgId, usize> = BTreeMap::new();
    for m in orgs.mentions.iter().filter(|m| m.chapter == chapter) {
        *by_org.entry(m.org).or_insert(0) += 1;
    }
    let dir = orgs.directory();
    let mut out: Vec<Active> = by_org
        .into_iter()
        .map(|(org, mentions)| Active { org, mentions })
        .collect();
    out.sort_by(|a, b| {
        b.mentions
            .cmp(&a.mentions)
            .then_with(|| dir.org(a.org).short_name().cmp(dir.org(b.org).short_name()))
    });
    out
}

/// "Priority area (c) of 5".
fn position(cfg: &AgendaConfig, item: &Item, count: usize) -> String {
    format!("{} {} of {count}", capitalise(&cfg.item), item.written)
}

/// The box at the top of each item's chapter, by chapter.
pub fn chapter_boxes(agenda: &Agenda, cx: Context<'_>) -> Vec<(ChapterId, String)> {
    let with_chapter: Vec<(&Item, ChapterId)> = agenda
        .items
        .iter()
        .filter_map(|i| i.chapter.map(|c| (i, c)))
        .collect();
    with_chapter
        .iter()
        .enumerate()
        .map(|(k, &(item, c))| {
            let neighbours = (
                k.checked_sub(1)
                    .and_then(|p| with_chapter.get(p))
                    .map(|n| n.1),
                with_chapter.get(k + 1).map(|n| n.1),
            );
            (c, chapter_box(agenda, cx, item, c, neighbours))
        })
        .collect()
}

fn chapter_box(
    agenda: &Agenda,
    cx: Context<'_>,
    item: &Item,
    c: ChapterId,
    (prev, next): (Option<ChapterId>, Option<ChapterId>),
) -> String {
    let cfg = &cx.cfg.agenda;
    let ch = cx.model.chapter(c);
    let label = position(cfg, item, agenda.items.len());
    let named = if cfg.name.is_empty() {
        String::new()
    } else {
        format!(" of {}", html::text(&cfg.name))
    };
    let mut out = format!(
        "<nav class=\"agenda-box report-generated\" aria-label=\"{label_attr}\">\n\
         <p class=\"agenda-box-position\"><a href=\"{href}\">{label_text}</a>{named}</p>\n",
        label_attr = html::attr(&label),
        href = html::attr(&html::href(&ch.path, &agenda.page, None)),
        label_text = html::text(&label),
    );
    if let Some(orgs) = cx.orgs {
        let dir = orgs.directory();
        let active = active(orgs, c);
        if !active.is_empty() {
            let links: Vec<String> = active
                .iter()
                .map(|a| {
                    let org = dir.org(a.org);
                    format!(
                        "<a href=\"{}\" title=\"{}\">{}</a>",
                        html::attr(&html::href(&ch.path, &dir.page(a.org), None)),
                        html::attr(&org.name),
                        html::text(org.short_name())
                    )
                })
                .collect();
            let _ = writeln!(
                out,
                "<p class=\"agenda-box-orgs\">Organisations active: {}</p>",
                links.join(", ")
            );
        }
    }
    let neighbour = |target: Option<ChapterId>, rel: &str, which: &str| -> Option<String> {
        let target = cx.model.chapter(target?);
        Some(format!(
            "<a rel=\"{rel}\" href=\"{}\">{which} {}: {}</a>",
            html::attr(&html::href(&ch.path, &target.path, None)),
            html::text(&cfg.item),
            html::text(&target.title())
        ))
    };
    let nav: Vec<String> = [
        neighbour(prev, "prev", "Previous"),
        neighbour(next, "next", "Next"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !nav.is_empty() {
        let _ = writeln!(out, "<p class=\"agenda-box-nav\">{}</p>", nav.join(" "));
    }
    out.push_str("</nav>");
    out
}

/// The overview page.
pub fn overview(agenda: &Agenda, cx: Context<'_>) -> Chapter {
    let cfg = &cx.cfg.agenda;
    let title = &cfg.title;
    let mut out = format!("# {}\n\n", html::text(title));
    let intro = cx.cfg.phrase(
        &cfg.introduction,
        &[
            ("count", &agenda.items.len().to_string()),
            ("items", &cfg.items_word()),
        ],
    );
    let _ = writeln!(
        out,
        "<p class=\"report-generated\">{}</p>\n",
        html::text(&intro)
    );
    for item in &agenda.items {
        out.push_str(&overview_item(agenda, cx, item));
    }
    if let Some(orgs) = cx.orgs {
        out.push_str(&matrix(agenda, cx, orgs));
    }
    generated_chapter(title, &agenda.page, out, vec![])
}

fn overview_item(agenda: &Agenda, cx: Context<'_>, item: &Item) -> String {
    let cfg = &cx.cfg.agenda;
    let page = &agenda.page;
    let mut out = format!(
        "## {} {}: {}\n\n<div class=\"agenda-item report-generated\" id=\"{}\">\n",
        html::text(&capitalise(&cfg.item)),
        html::text(&item.written),
        html::text(&item.title),
        item.fragment()
    );
    let Some(c) = item.chapter else {
        if let Some((c, b)) = item.listed {
            let ch = cx.model.chapter(c);
            let _ = writeln!(
                out,
                "<p class=\"read-section\"><a href=\"{}\">Read in {}</a></p>",
                html::attr(&html::href(page, &ch.path, Some(&ch.block(b).anchor))),
                html::text(&ch.title())
            );
        }
        out.push_str("</div>\n\n");
        return out;
    };
    let ch = cx.model.chapter(c);
    if let Some(sentence) = opening_sentence(ch) {
        let _ = writeln!(
            out,
            "<blockquote class=\"opening\" data-search=\"skip\"><p>{}</p></blockquote>",
            html::text(&sentence)
        );
    }
    let _ = writeln!(
        out,
        "<p class=\"read-section\"><a href=\"{}\">Read section {}</a></p>",
        html::attr(&html::href(page, &ch.path, None)),
        html::text(&ch.title())
    );
    if let Some(orgs) = cx.orgs {
        let dir = orgs.directory();
        let active = active(orgs, c);
        let links: Vec<String> = active
            .iter()
            .map(|a| {
                format!(
                    "<a href=\"{}\">{}</a> ({})",
                    html::attr(&html::href(page, &dir.page(a.org), None)),
                    html::text(dir.org(a.org).short_name()),
                    a.mentions
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
    if let Some(timeline) = cx.timeline {
        out.push_str(&meetings(timeline, c, page));
    }
    out.push_str("</div>\n\n");
    out
}

/// The meetings a chapter describes, linked to the timeline.
fn meetings(timeline: &Timeline, c: ChapterId, page: &std::path::Path) -> String {
    let here: Vec<_> = timeline
        .meetings
        .iter()
        .filter(|m| m.chapter == c)
        .collect();
    if here.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "<p class=\"agenda-meetings-label\"><strong>Meetings:</strong></p>\n<ul class=\"agenda-meetings\">\n",
    );
    for m in here {
        let _ = writeln!(
            out,
            "<li>{}: <a href=\"{}\">{}</a></li>",
            html::text(&m.span.written()),
            html::attr(&html::href(page, &timeline.page, Some(&m.fragment()))),
            html::text(&m.title)
        );
    }
    out.push_str("</ul>\n");
    out
}

/// Per item: the number of mentions and the first mention's block.
pub type Row = Vec<Option<(usize, BlockId)>>;

/// The organisation × item counts: the items with a chapter (the columns) and a row per
/// organisation mentioned under one, by short name. The page's table and `agenda-matrix.csv`
/// are both made from it.
pub struct Matrix<'a> {
    /// The items with a chapter, in order.
    pub columns: Vec<(&'a Item, ChapterId)>,
    /// The rows.
    pub rows: Vec<(OrgId, Row)>,
}

/// Counts every mention under the item of its chapter.
pub fn matrix_counts<'a>(agenda: &'a Agenda, orgs: &Organisations) -> Matrix<'a> {
    let dir = orgs.directory();
    let columns: Vec<(&Item, ChapterId)> = agenda
        .items
        .iter()
        .filter_map(|i| i.chapter.map(|c| (i, c)))
        .collect();
    let mut counts: BTreeMap<OrgId, Row> = BTreeMap::new();
    for m in &orgs.mentions {
        let Some(col) = columns.iter().position(|&(_, c)| c == m.chapter) else {
            continue;
        };
        let row = counts
            .entry(m.org)
            .or_insert_with(|| vec![None; columns.len()]);
        match &mut row[col] {
            Some((k, _)) => *k += 1,
            cell => *cell = Some((1, m.block)),
        }
    }
    let mut rows: Vec<(OrgId, Row)> = counts.into_iter().collect();
    rows.sort_by_key(|(o, _)| dir.org(*o).short_name().to_lowercase());
    Matrix { columns, rows }
}

/// The heat map's steps: the counts each shade stands for, as inclusive ranges, for a table
/// whose largest count is `max`. Up to five, every count its own step; beyond, 1, 2 and 3 keep
/// theirs (most cells hold few mentions, and a reader compares those) and the rest is split in
/// two at the geometric middle of 4 and `max` (counts are skewed: a few organisations dominate).
pub fn steps(max: usize) -> Vec<(usize, usize)> {
    if max <= 5 {
        return (1..=max.max(1)).map(|k| (k, k)).collect();
    }
    let middle = ((4.0 * max as f64).sqrt().round() as usize).clamp(4, max - 1);
    vec![(1, 1), (2, 2), (3, 3), (4, middle), (middle + 1, max)]
}

/// The step (1 to 5) of count `k` among `steps`.
pub fn heat(k: usize, steps: &[(usize, usize)]) -> usize {
    steps
        .iter()
        .position(|&(_, high)| k <= high)
        .map_or(steps.len(), |i| i + 1)
}

/// The heat map's legend: each step's swatch with its counts.
fn legend(steps: &[(usize, usize)]) -> String {
    let swatches: Vec<String> = steps
        .iter()
        .enumerate()
        .map(|(i, &(low, high))| {
            let counts = if low == high {
                low.to_string()
            } else {
                format!("{low}–{high}")
            };
            format!("<span class=\"heat-{}\">{counts}</span>", i + 1)
        })
        .collect();
    format!(
        " <span class=\"heat-legend\">Shades, by mentions: {}</span>",
        swatches.join(" ")
    )
}

/// The organisation × item table (items with a chapter only), shaded by count when
/// `[preprocessor.report.pictures] heat-map` is on.
fn matrix(agenda: &Agenda, cx: Context<'_>, orgs: &Organisations) -> String {
    let cfg = &cx.cfg.agenda;
    let dir = orgs.directory();
    let Matrix { columns, rows } = matrix_counts(agenda, orgs);
    if columns.is_empty() {
        return String::new();
    }
    let heat_map = cx.cfg.pictures.heat_map;
    let max = rows
        .iter()
        .flat_map(|(_, r)| r.iter().flatten().map(|(k, _)| *k))
        .max()
        .unwrap_or(1);
    let steps = steps(max);
    let page = &agenda.page;
    let mut out = format!("## Organisations by {}\n\n", html::text(&cfg.item));
    let _ = write!(
        out,
        "<div class=\"matrix-scroll report-generated\" data-search=\"skip\" role=\"region\" aria-labelledby=\"matrix-caption\" tabindex=\"0\">\n\
         <table class=\"agenda-matrix{heat_class}\">\n<caption id=\"matrix-caption\">Mentions of each organisation under each {item}; \
         each number links to the first paragraph that mentions it, “–” means none.{shading}</caption>\n\
         <thead><tr><th scope=\"col\">Organisation</th>",
        item = html::text(&cfg.item),
        heat_class = if heat_map { " heat-map" } else { "" },
        shading = if heat_map {
            format!(
                " The stronger the shade, the more mentions.{}",
                legend(&steps)
            )
        } else {
            String::new()
        },
    );
    for (item, c) in &columns {
        let _ = write!(
            out,
            "<th scope=\"col\"><abbr title=\"{}\">{}</abbr></th>",
            html::attr(&cx.model.chapter(*c).name),
            html::text(&item.written)
        );
    }
    out.push_str("<th scope=\"col\">Total</th></tr></thead>\n<tbody>\n");
    for (o, cells) in rows {
        let org = dir.org(o);
        let _ = write!(
            out,
            "<tr><th scope=\"row\"><a href=\"{}\" title=\"{}\">{}</a></th>",
            html::attr(&html::href(page, &dir.page(o), None)),
            html::attr(&org.name),
            html::text(org.short_name())
        );
        let mut total = 0;
        for (cell, (item, c)) in cells.iter().zip(&columns) {
            let Some((k, b)) = cell else {
                out.push_str("<td class=\"none\" data-count=\"0\">–</td>");
                continue;
            };
            total += k;
            let ch = cx.model.chapter(*c);
            let label = format!(
                "{k} mention{} of {} under {} {}",
                if *k == 1 { "" } else { "s" },
                org.short_name(),
                cfg.item,
                item.written
            );
            let shade = if heat_map {
                format!(" class=\"heat-{}\"", heat(*k, &steps))
            } else {
                String::new()
            };
            let _ = write!(
                out,
                "<td{shade} data-count=\"{k}\"><a href=\"{}\" aria-label=\"{}\">{k}</a></td>",
                html::attr(&html::href(page, &ch.path, Some(&ch.block(*b).anchor))),
                html::attr(&label),
            );
        }
        let _ = writeln!(out, "<td data-count=\"{total}\">{total}</td></tr>");
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
    out
}

/// The first sentence of the chapter's first paragraph, verbatim.
pub fn opening_sentence(ch: &ModelChapter) -> Option<String> {
    let block = ch.doc.blocks.iter().find(|b| !b.text.trim().is_empty())?;
    let text = crate::base::text::squash(&block.text);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for w in chars.windows(3) {
        let [(_, a), (i, b), (_, c)] = [w[0], w[1], w[2]];
        if matches!(a, '.' | '?' | '!') && b == ' ' && (c.is_uppercase() || c.is_ascii_digit()) {
            return Some(text[..i].to_string());
        }
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_two_and_three_mentions_are_steps_of_their_own_and_the_rest_is_split_in_two() {
        let twenty = steps(20);
        assert_eq!(twenty, [(1, 1), (2, 2), (3, 3), (4, 9), (10, 20)]);
        let shades: Vec<usize> = (1..=20).map(|k| heat(k, &twenty)).collect();
        assert_eq!(
            shades,
            [1, 2, 3, 4, 4, 4, 4, 4, 4, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5]
        );
        assert_eq!(steps(3), [(1, 1), (2, 2), (3, 3)]);
        assert_eq!(steps(6), [(1, 1), (2, 2), (3, 3), (4, 5), (6, 6)]);
        // Every count from 1 to the largest in exactly one step, in order, at most five.
        for max in 1..300 {
            let s = steps(max);
            assert!(s.len() <= 5);
            assert_eq!((s[0].0, s[s.len() - 1].1), (1, max), "{max}");
            assert!(s.iter().all(|&(low, high)| low <= high), "{max}: {s:?}");
            assert!(s.windows(2).all(|w| w[1].0 == w[0].1 + 1), "{max}: {s:?}");
        }
    }

    #[test]
    fn the_legend_writes_each_steps_counts_in_its_swatch() {
        assert_eq!(
            legend(&steps(20)),
            " <span class=\"heat-legend\">Shades, by mentions: <span class=\"heat-1\">1</span> \
             <span class=\"heat-2\">2</span> <span class=\"heat-3\">3</span> \
             <span class=\"heat-4\">4–9</span> <span class=\"heat-5\">10–20</span></span>"
        );
    }
}
