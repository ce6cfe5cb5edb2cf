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

pub(crate) use super::Context;
use super::templates::Templates;
use crate::base::diagnostics::Diagnostics;
use crate::base::html::{self, Html, Markdown};
use crate::base::text::capitalise;
use crate::config::AgendaConfig;
use crate::features::agenda::{Agenda, Item};
use crate::features::organisations::Organisations;
use crate::features::timeline::Timeline;
use crate::model::{BlockId, Chapter as ModelChapter, ChapterId, OrgId, generated_chapter};
use mdbook_preprocessor::book::Chapter;
use serde_json::{Value, json};
use std::collections::BTreeMap;

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
pub(crate) fn chapter_boxes(agenda: &Agenda, cx: Context<'_>) -> Vec<(ChapterId, String)> {
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
    let mut h = Html::<Markdown>::new();
    h.open("nav")
        .attr("class", "agenda-box report-generated")
        .attr("aria-label", &label)
        .close()
        .newline();
    h.open("p").attr("class", "agenda-box-position").close();
    h.open("a")
        .attr("href", html::href(&ch.path, &agenda.page, None))
        .close()
        .text(&label)
        .close("a");
    if !cfg.name.is_empty() {
        h.text(" of ").text(&cfg.name);
    }
    h.close("p").newline();
    if let Some(orgs) = cx.orgs {
        let dir = orgs.directory();
        let active = active(orgs, c);
        if !active.is_empty() {
            h.open("p")
                .attr("class", "agenda-box-orgs")
                .close()
                .text("Organisations active: ");
            h.join(&active, ", ", |h, a| {
                let org = dir.org(a.org);
                h.open("a")
                    .attr("href", html::href(&ch.path, &dir.page(a.org), None))
                    .attr("title", &org.name)
                    .close()
                    .text(org.short_name())
                    .close("a");
            });
            h.close("p").newline();
        }
    }
    let neighbours: Vec<_> = [(prev, "prev", "Previous"), (next, "next", "Next")]
        .into_iter()
        .filter_map(|(target, rel, which)| Some((cx.model.chapter(target?), rel, which)))
        .collect();
    if !neighbours.is_empty() {
        h.open("p").attr("class", "agenda-box-nav").close();
        h.join(neighbours, " ", |h, (target, rel, which)| {
            h.open("a")
                .attr("rel", rel)
                .attr("href", html::href(&ch.path, &target.path, None))
                .close()
                .text(format_args!("{which} {}: {}", cfg.item, target.title()))
                .close("a");
        });
        h.close("p").newline();
    }
    h.close("nav");
    h.into_string()
}

/// The overview page, from the template `agenda` ([`Templates`]).
pub(crate) fn overview(
    agenda: &Agenda,
    cx: Context<'_>,
    templates: &Templates,
    diags: &mut Diagnostics,
) -> Chapter {
    let cfg = &cx.cfg.agenda;
    let title = &cfg.title;
    let intro = cx.cfg.phrase(
        &cfg.introduction,
        &[
            ("count", &agenda.items.len().to_string()),
            ("items", &cfg.items_word()),
        ],
    );
    let items: Vec<Value> = agenda
        .items
        .iter()
        .map(|i| overview_item(agenda, cx, i))
        .collect();
    let mut data = json!({ "title": title, "introduction": intro, "items": items });
    if let Some(matrix) = cx.orgs.and_then(|orgs| matrix(agenda, cx, orgs)) {
        data["matrix"] = matrix;
    }
    let body = templates.render("agenda", &data, diags);
    generated_chapter(title, &agenda.page, body, vec![])
}

/// An item on the overview: its chapter, opening sentence, organisations and meetings.
fn overview_item(agenda: &Agenda, cx: Context<'_>, item: &Item) -> Value {
    let cfg = &cx.cfg.agenda;
    let page = &agenda.page;
    let mut data = json!({
        "heading": format!("{} {}: {}", capitalise(&cfg.item), item.written, item.title),
        "id": item.fragment(),
    });
    let Some(c) = item.chapter else {
        if let Some((c, b)) = item.listed {
            let ch = cx.model.chapter(c);
            data["listed"] = json!({
                "href": html::href(page, &ch.path, Some(&ch.block(b).anchor)),
                "title": ch.title(),
            });
        }
        return data;
    };
    let ch = cx.model.chapter(c);
    data["chapter"] = json!({"href": html::href(page, &ch.path, None), "title": ch.title()});
    if let Some(sentence) = opening_sentence(ch) {
        data["opening"] = json!(sentence);
    }
    if let Some(orgs) = cx.orgs {
        let dir = orgs.directory();
        let active = active(orgs, c);
        let list: Vec<Value> = active
            .iter()
            .map(|a| {
                json!({
                    "name": dir.org(a.org).short_name(),
                    "href": html::href(page, &dir.page(a.org), None),
                    "mentions": a.mentions,
                })
            })
            .collect();
        data["orgs"] = json!({"count": active.len(), "list": list});
    }
    if let Some(timeline) = cx.timeline {
        data["meetings"] = json!(meetings(timeline, c, page));
    }
    data
}

/// The meetings a chapter describes, linked to the timeline.
fn meetings(timeline: &Timeline, c: ChapterId, page: &std::path::Path) -> Vec<Value> {
    timeline
        .meetings
        .iter()
        .filter(|m| m.chapter == c)
        .map(|m| {
            json!({
                "when": m.span.written(),
                "href": html::href(page, &timeline.page, Some(&m.fragment())),
                "title": m.title,
            })
        })
        .collect()
}

/// Per item: the number of mentions and the first mention's block.
pub(crate) type Row = Vec<Option<(usize, BlockId)>>;

/// The organisation × item counts: the items with a chapter (the columns) and a row per
/// organisation mentioned under one, by short name. The page's table and `agenda-matrix.csv`
/// are both made from it.
pub(crate) struct Matrix<'a> {
    /// The items with a chapter, in order.
    pub columns: Vec<(&'a Item, ChapterId)>,
    /// The rows.
    pub rows: Vec<(OrgId, Row)>,
}

/// Counts every mention under the item of its chapter.
pub(crate) fn matrix_counts<'a>(agenda: &'a Agenda, orgs: &Organisations) -> Matrix<'a> {
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
pub(crate) fn steps(max: usize) -> Vec<(usize, usize)> {
    if max <= 5 {
        return (1..=max.max(1)).map(|k| (k, k)).collect();
    }
    let middle = ((4.0 * max as f64).sqrt().round() as usize).clamp(4, max - 1);
    vec![(1, 1), (2, 2), (3, 3), (4, middle), (middle + 1, max)]
}

/// The step (1 to 5) of count `k` among `steps`.
pub(crate) fn heat(k: usize, steps: &[(usize, usize)]) -> usize {
    steps
        .iter()
        .position(|&(_, high)| k <= high)
        .map_or(steps.len(), |i| i + 1)
}

/// The heat map's legend: each step's swatch with its counts.
fn legend(steps: &[(usize, usize)]) -> Vec<Value> {
    steps
        .iter()
        .enumerate()
        .map(|(i, &(low, high))| {
            let counts = if low == high {
                low.to_string()
            } else {
                format!("{low}–{high}")
            };
            json!({"step": i + 1, "counts": counts})
        })
        .collect()
}

/// The organisation × item table (items with a chapter only), shaded by count when
/// `[preprocessor.report.pictures] heat-map` is on; none without such items.
fn matrix(agenda: &Agenda, cx: Context<'_>, orgs: &Organisations) -> Option<Value> {
    let cfg = &cx.cfg.agenda;
    let dir = orgs.directory();
    let Matrix { columns, rows } = matrix_counts(agenda, orgs);
    if columns.is_empty() {
        return None;
    }
    let heat_map = cx.cfg.pictures.heat_map;
    let max = rows
        .iter()
        .flat_map(|(_, r)| r.iter().flatten().map(|(k, _)| *k))
        .max()
        .unwrap_or(1);
    let steps = steps(max);
    let page = &agenda.page;
    let rows: Vec<Value> = rows
        .into_iter()
        .map(|(o, cells)| {
            let org = dir.org(o);
            let mut total = 0;
            let cells: Vec<Value> = cells
                .iter()
                .zip(&columns)
                .map(|(cell, (item, c))| {
                    let Some((k, b)) = cell else {
                        return json!({});
                    };
                    total += k;
                    let ch = cx.model.chapter(*c);
                    let mut cell = json!({
                        "count": k,
                        "href": html::href(page, &ch.path, Some(&ch.block(*b).anchor)),
                        "label": format!(
                            "{k} mention{} of {} under {} {}",
                            if *k == 1 { "" } else { "s" },
                            org.short_name(),
                            cfg.item,
                            item.written
                        ),
                    });
                    if heat_map {
                        cell["heat"] = json!(heat(*k, &steps));
                    }
                    cell
                })
                .collect();
            json!({
                "name": org.short_name(),
                "title": org.name,
                "href": html::href(page, &dir.page(o), None),
                "cells": cells,
                "total": total,
            })
        })
        .collect();
    let columns: Vec<Value> = columns
        .iter()
        .map(|(item, c)| json!({"title": cx.model.chapter(*c).name, "label": item.written}))
        .collect();
    Some(json!({
        "heading": format!("Organisations by {}", cfg.item),
        "item": cfg.item,
        "heat_map": heat_map,
        "legend": legend(&steps),
        "columns": columns,
        "rows": rows,
    }))
}

/// The first sentence of the chapter's first paragraph, verbatim.
pub(crate) fn opening_sentence(ch: &ModelChapter) -> Option<String> {
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
            [
                json!({"step": 1, "counts": "1"}),
                json!({"step": 2, "counts": "2"}),
                json!({"step": 3, "counts": "3"}),
                json!({"step": 4, "counts": "4–9"}),
                json!({"step": 5, "counts": "10–20"}),
            ]
        );
    }
}
