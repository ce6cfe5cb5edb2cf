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
    use crate::config::Config;
    use crate::features::timeline::tests::{config, may_2014};
    use crate::model::testing::model;

    const REGISTRY: &str = "organisations:
  - {id: un, name: United Nations, acronym: UN}
  - {id: wto, name: World Trade Organization, acronym: WTO}
  - {id: ilo, name: International Labour Organization, acronym: ILO}
";

    /// Three areas: "Trade" (the chapter `trade.md`, naming WTO twice and ILO twice, with a
    /// meeting), "Transit" (`transit.md`, naming WTO twice and UN once) and "Labour", which has
    /// no chapter and is listed in the introduction.
    const CHAPTERS: [(&str, &str); 3] = [
        (
            "intro.md",
            "# Introduction\n\nThe areas are Trade, Transit and Labour.\n",
        ),
        (
            "trade.md",
            "---\nagenda-item: 1\nmeetings:\n  - id: w\n    title: Workshop\n    date: \"2014-04-23\"\n    mention: The WTO met\n---\n\
             # Trade\n\nThe WTO met. 2 days later the ILO and the WTO spoke.\n\nThe ILO again.\n",
        ),
        (
            "transit.md",
            "---\nagenda-item: 2\n---\n# Transit\n\nThe UN met? Yes, with the WTO and the WTO again.\n",
        ),
    ];

    /// Runs `f` on the agenda of `chapters` with every feature on: the areas `items` of `name`.
    fn with_book<R>(
        chapters: &[(&str, &str)],
        (items, name): (&[&str], &str),
        heat_map: bool,
        f: impl FnOnce(&Agenda, Context<'_>) -> R,
    ) -> R {
        let mut diags = Diagnostics::new();
        let m = model(chapters, &mut diags);
        let mut cfg: Config = config();
        cfg.network.enable = false;
        cfg.pictures.heat_map = heat_map;
        cfg.agenda.item = "area".into();
        cfg.agenda.name = name.into();
        cfg.agenda.items = items.iter().map(|i| i.to_string()).collect();
        let orgs = crate::features::organisations::collect_with_registry(
            REGISTRY,
            &m,
            &cfg.organisations,
            &mut diags,
        );
        let agenda = Agenda::collect(&m, &cfg.agenda, &mut diags);
        let timeline = Timeline::collect(
            &m,
            Some(orgs.directory()),
            may_2014(),
            &cfg.timeline,
            &mut diags,
        );
        assert_eq!(diags.errors(), 0, "{}", diags.render());
        let cx = Context {
            model: &m,
            cfg: &cfg,
            orgs: Some(&orgs),
            agenda: Some(&agenda),
            timeline: Some(&timeline),
            network: None,
        };
        f(&agenda, cx)
    }

    const AREAS: [&str; 2] = ["Trade", "Transit"];

    #[test]
    fn the_box_gives_the_position_the_organisations_most_mentioned_first_and_the_neighbours() {
        let boxes = with_book(&CHAPTERS, (&AREAS, "the Plan"), false, chapter_boxes);
        let (trade, transit) = (ChapterId(1), ChapterId(2));
        // Trade: ILO 2, WTO 2 (a tie, by short name); Transit: WTO 2, UN 1.
        assert_eq!(
            boxes,
            [
                (
                    trade,
                    "<nav class=\"agenda-box report-generated\" aria-label=\"Area 1 of 2\">\n\
                     <p class=\"agenda-box-position\"><a href=\"agenda.html\">Area 1 of 2</a> of the Plan</p>\n\
                     <p class=\"agenda-box-orgs\">Organisations active: \
                     <a href=\"organisations/ilo.html\" title=\"International Labour Organization\">ILO</a>, \
                     <a href=\"organisations/wto.html\" title=\"World Trade Organization\">WTO</a></p>\n\
                     <p class=\"agenda-box-nav\"><a rel=\"next\" href=\"transit.html\">Next area: Chapter 3</a></p>\n\
                     </nav>"
                        .to_string()
                ),
                (
                    transit,
                    "<nav class=\"agenda-box report-generated\" aria-label=\"Area 2 of 2\">\n\
                     <p class=\"agenda-box-position\"><a href=\"agenda.html\">Area 2 of 2</a> of the Plan</p>\n\
                     <p class=\"agenda-box-orgs\">Organisations active: \
                     <a href=\"organisations/wto.html\" title=\"World Trade Organization\">WTO</a>, \
                     <a href=\"organisations/un.html\" title=\"United Nations\">UN</a></p>\n\
                     <p class=\"agenda-box-nav\"><a rel=\"prev\" href=\"trade.html\">Previous area: Chapter 2</a></p>\n\
                     </nav>"
                        .to_string()
                ),
            ]
        );
    }

    #[test]
    fn a_lone_item_naming_nobody_in_an_unnamed_agenda_has_its_position_only() {
        let only = [(
            "only.md",
            "---\nagenda-item: 1\n---\n# Only\n\nNobody spoke.\n",
        )];
        let boxes = with_book(&only, (&["Only"], ""), false, chapter_boxes);
        assert_eq!(
            boxes,
            [(
                ChapterId(0),
                "<nav class=\"agenda-box report-generated\" aria-label=\"Area 1 of 1\">\n\
                 <p class=\"agenda-box-position\"><a href=\"agenda.html\">Area 1 of 1</a></p>\n\
                 </nav>"
                    .to_string()
            )]
        );
    }

    #[test]
    fn the_overview_gives_each_item_its_opening_organisations_and_meetings() {
        let (items, intro) = with_book(&CHAPTERS, (&AREAS, "the Plan"), false, |agenda, cx| {
            let items: Vec<Value> = agenda
                .items
                .iter()
                .map(|i| overview_item(agenda, cx, i))
                .collect();
            let page = overview(agenda, cx, &Templates::built_in(), &mut Diagnostics::new());
            (
                items,
                page.content.lines().nth(1).unwrap_or_default().to_string(),
            )
        });
        assert_eq!(
            intro,
            "<p class=\"report-generated\">The 2 areas of the report.</p>"
        );
        assert_eq!(
            items,
            [
                json!({
                    "heading": "Area 1: Trade",
                    "id": "item-1",
                    "chapter": {"href": "trade.html", "title": "Chapter 2"},
                    "opening": "The WTO met.",
                    "orgs": {"count": 2, "list": [
                        {"name": "ILO", "href": "organisations/ilo.html", "mentions": 2},
                        {"name": "WTO", "href": "organisations/wto.html", "mentions": 2},
                    ]},
                    "meetings": [{"when": "23 April 2014", "href": "timeline.html#meeting-w", "title": "Workshop"}],
                }),
                json!({
                    "heading": "Area 2: Transit",
                    "id": "item-2",
                    "chapter": {"href": "transit.html", "title": "Chapter 3"},
                    "opening": "The UN met?",
                    "orgs": {"count": 2, "list": [
                        {"name": "WTO", "href": "organisations/wto.html", "mentions": 2},
                        {"name": "UN", "href": "organisations/un.html", "mentions": 1},
                    ]},
                    "meetings": [],
                }),
            ]
        );
    }

    #[test]
    fn the_matrix_counts_each_organisations_mentions_per_item_with_totals_and_shades() {
        let matrices = [true, false].map(|heat_map| {
            with_book(&CHAPTERS, (&AREAS, "the Plan"), heat_map, |agenda, cx| {
                matrix(agenda, cx, cx.orgs.unwrap()).unwrap()
            })
        });
        let trade = "trade.html#p-the-wto-met-2-days-later";
        let transit = "transit.html#p-the-un-met-yes-with-the";
        // Counted by hand from `CHAPTERS`: ILO 2 + 0, UN 0 + 1, WTO 2 + 2.
        let cell = |count: usize, href: &str, label: &str, heat: usize| json!({"count": count, "href": href, "label": label, "heat": heat});
        assert_eq!(
            matrices[0],
            json!({
                "heading": "Organisations by area",
                "item": "area",
                "heat_map": true,
                "legend": [{"step": 1, "counts": "1"}, {"step": 2, "counts": "2"}],
                "columns": [{"title": "Chapter 2", "label": "1"}, {"title": "Chapter 3", "label": "2"}],
                "rows": [
                    {"name": "ILO", "title": "International Labour Organization", "href": "organisations/ilo.html",
                     "cells": [cell(2, trade, "2 mentions of ILO under area 1", 2), {}], "total": 2},
                    {"name": "UN", "title": "United Nations", "href": "organisations/un.html",
                     "cells": [{}, cell(1, transit, "1 mention of UN under area 2", 1)], "total": 1},
                    {"name": "WTO", "title": "World Trade Organization", "href": "organisations/wto.html",
                     "cells": [cell(2, trade, "2 mentions of WTO under area 1", 2),
                               cell(2, transit, "2 mentions of WTO under area 2", 2)], "total": 4},
                ],
            })
        );
        // Without the heat map: the same table, no cell shaded.
        let mut unshaded = matrices[0].clone();
        unshaded["heat_map"] = json!(false);
        for row in unshaded["rows"].as_array_mut().unwrap() {
            for cell in row["cells"].as_array_mut().unwrap() {
                cell.as_object_mut().unwrap().remove("heat");
            }
        }
        assert_eq!(matrices[1], unshaded);
    }

    #[test]
    fn the_opening_sentence_ends_at_a_stop_before_a_capital_or_a_digit() {
        let opening = |body: &str| {
            let mut diags = Diagnostics::new();
            let m = model(&[("a.md", body)], &mut diags);
            opening_sentence(&m.chapters[0])
        };
        let cases = [
            ("# A\n\nThe WTO met. 2 days later, more.\n", "The WTO met."),
            ("# A\n\nWho met? The ILO.\n", "Who met?"),
            (
                "# A\n\nMet, i.e. the ILO! And more.\n",
                "Met, i.e. the ILO!",
            ),
            ("# A\n\nNo stop at all\n", "No stop at all"),
            (
                "# A\n\n<!-- a note -->\n\nAfter the note. Then.\n",
                "After the note.",
            ),
        ];
        for (body, first) in cases {
            assert_eq!(opening(body).as_deref(), Some(first), "{body:?}");
        }
    }

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
