//! The generated organisation pages: an index grouped by kind and one page per organisation with
//! its facts, the agenda items it works under, the meetings it organises and every mention. The
//! pages are rendered from templates a book can replace (`organisations.hbs`, `organisation.hbs`,
//! [`super::templates`]); this module gathers their data.

pub(crate) use super::Context;
use super::templates::Templates;
use crate::base::diagnostics::Diagnostics;
use crate::base::html;
use crate::base::text::{capitalise, plural, shorten, squash};
use crate::config::Config;
use crate::features::agenda::Agenda;
use crate::features::organisations::{Mention, Organisations, snippet};
use crate::model::orgs::{Directory, Org};
use crate::model::{ChapterId, MeetingId, Model, OrgId, generated_chapter};
use crate::outputs::exports::open_data::organisation_json_ld;
use crate::outputs::network::Network;
use mdbook_preprocessor::book::{BookItem, Chapter};
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// Builds the index chapter with one sub-chapter per organisation, from the templates
/// `organisations` and `organisation` ([`Templates`]).
pub(crate) fn build(
    orgs: &Organisations,
    cx: Context<'_>,
    templates: &Templates,
    diags: &mut Diagnostics,
) -> Chapter {
    let dir = orgs.directory();
    let index_path = dir.index_page();
    let title = &cx.cfg.organisations.title;
    let by_org = orgs.by_org();
    let meetings = cx.timeline.map(|t| t.by_organiser(dir.orgs.len()));
    let index = templates.render("organisations", &index_data(dir, &by_org, cx.cfg), diags);
    let mut index = generated_chapter(title, &index_path, index, vec![]);
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
        let content = templates.render("organisation", &page.data(cx), diags);
        index.sub_items.push(BookItem::Chapter(generated_chapter(
            org.short_name(),
            &dir.page(i),
            content,
            vec![title.to_string()],
        )));
    }
    index
}

fn index_data(dir: &Directory, by_org: &[Vec<&Mention>], cfg: &Config) -> Value {
    let named = match dir.orgs.len() {
        1 => "1 organisation, body or group".to_string(),
        n => format!("{n} organisations, bodies and groups"),
    };
    let mut intro = format!("The {} names {named}", cfg.document);
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
    // Grouped by kind in the registry's order; organisations without a kind come last.
    let mut by_kind: BTreeMap<usize, Vec<OrgId>> = BTreeMap::new();
    for (i, org) in dir.iter() {
        by_kind
            .entry(org.kind.unwrap_or(usize::MAX))
            .or_default()
            .push(i);
    }
    let from = dir.index_page();
    let kinds: Vec<Value> = by_kind
        .into_iter()
        .map(|(kind, mut ids)| {
            ids.sort_by_key(|&i| dir.org(i).name.to_lowercase());
            let heading = match dir.kinds.get(kind) {
                Some(kind) => Some(kind.plural.clone()),
                None if !dir.kinds.is_empty() => Some("Other".to_string()),
                None => None,
            };
            let orgs: Vec<Value> = ids
                .iter()
                .map(|&i| {
                    let org = dir.org(i);
                    let cells: Vec<&str> = dir
                        .groups
                        .iter()
                        .enumerate()
                        .map(|(g, group)| {
                            if org.groups.contains(&g) {
                                group.marker.as_str()
                            } else {
                                "—"
                            }
                        })
                        .collect();
                    json!({
                        "name": org.display_name(),
                        "href": html::href(&from, &dir.page(i), None),
                        "cells": cells,
                        "mentions": by_org[i.0].len(),
                    })
                })
                .collect();
            let mut kind = json!({ "orgs": orgs });
            if let Some(h) = heading {
                kind["heading"] = json!(h);
            }
            kind
        })
        .collect();
    json!({
        "title": cfg.organisations.title,
        "introduction": intro,
        "columns": dir.groups.iter().map(|g| g.column.as_str()).collect::<Vec<_>>(),
        "kinds": kinds,
    })
}

/// One organisation's page.
struct OrgPage<'a> {
    dir: &'a Directory,
    id: OrgId,
    org: &'a Org,
    mentions: &'a [&'a Mention],
    meetings: &'a [MeetingId],
}

impl OrgPage<'_> {
    /// The template's data (listed at the top of `organisation.hbs`).
    fn data(&self, cx: Context<'_>) -> Value {
        let mut data = json!({
            "document": cx.cfg.document,
            "org": self.org_data(),
            "meetings": self.meetings_data(cx),
            "mentions": self.mentions_data(cx.model),
        });
        if let Some(agenda) = cx.agenda.filter(|a| !a.is_empty()) {
            data["agenda"] = self.agenda_data(agenda, cx);
        }
        if let Some(documents) = self.documents_data(cx) {
            data["documents"] = documents;
        }
        let network = cx.network.filter(|_| cx.cfg.network.partners > 0);
        if let Some(network) = network.filter(|n| n.partners(self.id).next().is_some()) {
            data["partners"] = self.partners_data(network, cx);
        }
        if cx.cfg.data.enable && cx.cfg.data.json_ld {
            data["json_ld"] = organisation_json_ld(self.dir, self.id);
        }
        data
    }

    /// Its partners, strongest first, each with the first paragraphs they share.
    fn partners_data(&self, network: &Network, cx: Context<'_>) -> Value {
        const SHOWN: usize = 3;
        let page = self.dir.page(self.id);
        let all: Vec<_> = network.partners(self.id).collect();
        let limit = cx.cfg.network.partners;
        let list: Vec<Value> = all
            .iter()
            .take(limit)
            .map(|p| {
                let other = p.other(self.id);
                let mut together = Vec::new();
                if !p.paragraphs.is_empty() {
                    together.push(plural(p.paragraphs.len(), "paragraph"));
                }
                if !p.meetings.is_empty() {
                    together.push(plural(p.meetings.len(), "meeting"));
                }
                let paragraphs: Vec<Value> = p
                    .paragraphs
                    .iter()
                    .take(SHOWN)
                    .map(|&(c, b)| {
                        let ch = cx.model.chapter(c);
                        let block = ch.block(b);
                        json!({
                            "href": html::href(&page, &ch.path, Some(&block.anchor)),
                            "text": shorten(&squash(&block.text), 48),
                        })
                    })
                    .collect();
                let more = p.paragraphs.len().saturating_sub(SHOWN);
                json!({
                    "name": self.dir.org(other).short_name(),
                    "title": self.dir.org(other).name,
                    "href": html::href(&page, &self.dir.page(other), None),
                    "together": together.join(", "),
                    "paragraphs": paragraphs,
                    "more": if more > 0 { format!(" and {more} more") } else { String::new() },
                })
            })
            .collect();
        let mut summary = format!(
            "Named with {} in the {}: in the same paragraph{}; the most frequent first",
            plural(all.len(), "organisation"),
            cx.cfg.document,
            if cx.timeline.is_some() {
                ", or as organisers of the same meeting"
            } else {
                ""
            }
        );
        if all.len() > list.len() {
            summary.push_str(&format!(", the first {} listed here", list.len()));
        }
        summary.push('.');
        json!({
            "summary": summary,
            "network": html::href(&page, &cx.cfg.network.page, None),
            "list": list,
        })
    }

    fn link(&self, to: OrgId) -> Value {
        json!({
            "name": self.dir.org(to).display_name(),
            "href": html::href(&self.dir.page(self.id), &self.dir.page(to), None),
        })
    }

    /// Name, acronym, other forms, kind, parent, units, groups, website.
    fn org_data(&self) -> Value {
        let org = self.org;
        let groups: Vec<Value> = self
            .dir
            .groups
            .iter()
            .enumerate()
            .filter_map(|(g, group)| {
                let value = if org.groups.contains(&g) {
                    Some(&group.member)
                } else {
                    group.non_member.as_ref()
                };
                value.map(|v| json!({"name": group.name, "value": v}))
            })
            .collect();
        let website = org.website.as_ref().map(|url| {
            let shown = url
                .trim_start_matches("https://")
                .trim_start_matches("http://")
                .trim_end_matches('/');
            json!({"href": url, "shown": shown})
        });
        json!({
            "id": org.id,
            "name": org.name,
            "acronym": org.acronym,
            "display_name": org.display_name(),
            "forms": org.forms.join("; "),
            "kind": org.kind.and_then(|k| self.dir.kinds.get(k)).map(|k| &k.label),
            "parent": org.parent.map(|p| self.link(p)),
            "children": org.children.iter().map(|&c| self.link(c)).collect::<Vec<_>>(),
            "groups": groups,
            "website": website,
        })
    }

    /// The agenda items whose chapters mention the organisation.
    fn agenda_data(&self, agenda: &Agenda, cx: Context<'_>) -> Value {
        let page = self.dir.page(self.id);
        let mut counts: BTreeMap<usize, (ChapterId, usize)> = BTreeMap::new();
        for m in self.mentions {
            if let Some(item) = agenda.item_of(m.chapter) {
                counts.entry(item.number).or_insert((m.chapter, 0)).1 += 1;
            }
        }
        let items: Vec<Value> = counts
            .into_values()
            .map(|(c, n)| {
                let ch = cx.model.chapter(c);
                json!({
                    "title": ch.title(),
                    "href": html::href(&page, &ch.path, None),
                    "mentions": plural(n, "mention"),
                })
            })
            .collect();
        let cfg = &cx.cfg.agenda;
        json!({
            "heading": capitalise(&cfg.items_word()),
            "item": cfg.item,
            "items": items,
        })
    }

    /// In a book of many documents (more than one chapter with a `document:` part), its
    /// mentions counted per document, the most first (reading order among equals).
    fn documents_data(&self, cx: Context<'_>) -> Option<Value> {
        let documents = cx.model.collection()?;
        let mut counts: BTreeMap<ChapterId, usize> = BTreeMap::new();
        for m in self
            .mentions
            .iter()
            .filter(|m| documents.contains(&m.chapter))
        {
            *counts.entry(m.chapter).or_insert(0) += 1;
        }
        let mut counts: Vec<(ChapterId, usize)> = counts.into_iter().collect();
        counts.sort_by_key(|&(c, n)| (std::cmp::Reverse(n), c));
        let page = self.dir.page(self.id);
        let list: Vec<Value> = counts
            .iter()
            .map(|&(c, n)| {
                let ch = cx.model.chapter(c);
                let doc = ch.front().document.as_ref().expect("a document chapter");
                json!({
                    "symbol": doc.symbol.value.trim(),
                    "title": doc.title.value.trim(),
                    "href": html::href(&page, &ch.path, None),
                    "mentions": n,
                })
            })
            .collect();
        let word = &cx.cfg.document;
        Some(json!({
            "heading": capitalise(&format!("{word}s")),
            "summary": format!(
                "Named in {} of the {} of the book.",
                counts.len(),
                plural(documents.len(), word)
            ),
            "column": capitalise(word),
            "list": list,
        }))
    }

    /// The meetings it organises, linked to the timeline.
    fn meetings_data(&self, cx: Context<'_>) -> Vec<Value> {
        let Some(timeline) = cx.timeline else {
            return Vec::new();
        };
        let page = self.dir.page(self.id);
        self.meetings
            .iter()
            .map(|&id| {
                let m = timeline.meeting(id);
                json!({
                    "when": m.span.written(),
                    "title": m.title,
                    "href": html::href(&page, &timeline.page, Some(&m.fragment())),
                })
            })
            .collect()
    }

    /// Every mention with its context, by chapter.
    fn mentions_data(&self, model: &Model) -> Value {
        let page = self.dir.page(self.id);
        let mut chapters: Vec<ChapterId> = self.mentions.iter().map(|m| m.chapter).collect();
        chapters.dedup();
        // Mentions are in reading order: one run per chapter.
        let by_chapter: Vec<Value> = self
            .mentions
            .chunk_by(|a, b| a.chapter == b.chapter)
            .map(|run| {
                let ch = model.chapter(run[0].chapter);
                let mentions: Vec<Value> = run
                    .iter()
                    .map(|m| {
                        let block = ch.block(m.block);
                        let (before, text, after) = snippet(&block.text, m.in_block.clone(), 70);
                        json!({
                            "href": html::href(&page, &ch.path, Some(&block.anchor)),
                            "before": before,
                            "text": text,
                            "after": after,
                        })
                    })
                    .collect();
                json!({"title": ch.title(), "mentions": mentions})
            })
            .collect();
        json!({
            "summary": format!(
                "{} in {}",
                plural(self.mentions.len(), "mention"),
                plural(chapters.len(), "chapter")
            ),
            "chapters": by_chapter,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::model;

    const REGISTRY: &str = "kinds:
  - {id: agency, label: Specialized agency, plural: Specialized agencies}
groups:
  - {id: board, name: Executive Board, member: Member in 2030, non-member: Not a member, column: Board, marker: Yes, summary: '{count} sat on the Board.'}
organisations:
  - {id: un, name: United Nations, acronym: UN}
  - {id: wto, name: World Trade Organization, acronym: WTO, kind: agency, parent: un, groups: [board], website: 'https://www.wto.org/'}
  - {id: ilo, name: International Labour Organization, acronym: ILO, kind: agency}
";

    /// The index's data and `wto`'s page's data for two chapters that name WTO three times
    /// (twice in the first) and ILO once.
    fn pages() -> (Value, Value) {
        let mut diags = Diagnostics::new();
        let m = model(
            &[
                (
                    "a.md",
                    "# A\n\nThe WTO met.\n\nLater the WTO and the ILO spoke.\n",
                ),
                ("b.md", "# B\n\nWTO again.\n"),
            ],
            &mut diags,
        );
        let mut cfg = Config::default();
        cfg.network.enable = false;
        let orgs = crate::features::organisations::collect_with_registry(
            REGISTRY,
            &m,
            &cfg.organisations,
            &mut diags,
        );
        let cx = Context {
            model: &m,
            cfg: &cfg,
            orgs: Some(&orgs),
            agenda: None,
            timeline: None,
            network: None,
        };
        let dir = orgs.directory();
        let by_org = orgs.by_org();
        let index = index_data(dir, &by_org, &cfg);
        let wto = dir.get("wto").unwrap();
        let page = OrgPage {
            dir,
            id: wto,
            org: dir.org(wto),
            mentions: &by_org[wto.0],
            meetings: &[],
        };
        (index, page.data(cx))
    }

    #[test]
    fn the_index_counts_organisations_and_members_and_groups_them_by_kind() {
        let (index, _) = pages();
        assert_eq!(
            index["introduction"],
            "The document names 3 organisations, bodies and groups, listed here by kind. 1 sat on the Board. Each page lists every mention in the document."
        );
        assert_eq!(index["columns"], json!(["Board"]));
        assert_eq!(
            index["kinds"],
            json!([
                {"heading": "Specialized agencies", "orgs": [
                    {"name": "International Labour Organization (ILO)", "href": "ilo.html", "cells": ["—"], "mentions": 1},
                    {"name": "World Trade Organization (WTO)", "href": "wto.html", "cells": ["Yes"], "mentions": 3},
                ]},
                {"heading": "Other", "orgs": [
                    {"name": "United Nations (UN)", "href": "un.html", "cells": ["—"], "mentions": 0},
                ]},
            ])
        );
    }

    #[test]
    fn an_organisations_page_has_its_facts_and_every_mention_by_chapter() {
        let (_, page) = pages();
        assert_eq!(
            page["org"],
            json!({
                "id": "wto",
                "name": "World Trade Organization",
                "acronym": "WTO",
                "display_name": "World Trade Organization (WTO)",
                "forms": "",
                "kind": "Specialized agency",
                "parent": {"name": "United Nations (UN)", "href": "un.html"},
                "children": [],
                "groups": [{"name": "Executive Board", "value": "Member in 2030"}],
                "website": {"href": "https://www.wto.org/", "shown": "www.wto.org"},
            })
        );
        assert_eq!(page["mentions"]["summary"], "3 mentions in 2 chapters");
        let chapters = page["mentions"]["chapters"].as_array().unwrap();
        let titles: Vec<&str> = chapters
            .iter()
            .map(|c| c["title"].as_str().unwrap())
            .collect();
        assert_eq!(titles, ["Chapter 1", "Chapter 2"]);
        assert_eq!(chapters[0]["mentions"].as_array().unwrap().len(), 2);
        assert_eq!(
            chapters[0]["mentions"][1],
            json!({
                "href": "../a.html#p-later-the-wto-and-the-ilo",
                "before": "Later the ",
                "text": "WTO",
                "after": " and the ILO spoke.",
            })
        );
        assert_eq!(page["meetings"], json!([]));
        // No agenda, no collection of documents, no network: none of their sections.
        assert!(page.get("agenda").is_none());
        assert!(page.get("documents").is_none());
        assert!(page.get("partners").is_none());
        assert_eq!(page["json_ld"]["name"], "World Trade Organization");
    }

    /// `wto`'s page's data in a book of two documents, each under an agenda item, with a
    /// meeting WTO and ILO organise; `cfg` is changed by `set` first.
    fn rich_page(set: impl FnOnce(&mut Config)) -> Value {
        use crate::features::timeline::Timeline;
        let mut diags = Diagnostics::new();
        let m = model(
            &[
                (
                    "one.md",
                    "---\ndocument:\n  symbol: A/RES/1\n  title: One\nagenda-item: 1\nmeetings:\n  - id: w\n    title: Talks\n    date: \"2014-06\"\n    organisers: [wto, ilo]\n    mention: met\n---\n\
                     # One\n\nThe WTO and the ILO met.\n\nThe WTO and the ILO again.\n\nThe WTO, the ILO and the UN.\n\nThe WTO and the ILO, four times.\n",
                ),
                (
                    "two.md",
                    "---\ndocument:\n  symbol: A/RES/2\n  title: Two\nagenda-item: 2\n---\n# Two\n\nThe WTO and the UN.\n",
                ),
            ],
            &mut diags,
        );
        let mut cfg = Config::default();
        cfg.agenda.items = vec!["Trade".into(), "Labour".into()];
        cfg.network.partners = 1;
        set(&mut cfg);
        let orgs = crate::features::organisations::collect_with_registry(
            REGISTRY,
            &m,
            &cfg.organisations,
            &mut diags,
        );
        let dir = orgs.directory();
        let timeline = Timeline::collect(
            &m,
            Some(dir),
            crate::features::timeline::tests::may_2014(),
            &cfg.timeline,
            &mut diags,
        );
        let agenda = Agenda::collect(&m, &cfg.agenda, &mut diags);
        assert_eq!(diags.errors(), 0, "{}", diags.render());
        let network = Network::build(&orgs, Some(&timeline));
        let cx = Context {
            model: &m,
            cfg: &cfg,
            orgs: Some(&orgs),
            agenda: Some(&agenda),
            timeline: Some(&timeline),
            network: Some(&network),
        };
        let by_org = orgs.by_org();
        let meetings = timeline.by_organiser(dir.orgs.len());
        let wto = dir.get("wto").unwrap();
        let page = OrgPage {
            dir,
            id: wto,
            org: dir.org(wto),
            mentions: &by_org[wto.0],
            meetings: &meetings[wto.0],
        };
        page.data(cx)
    }

    #[test]
    fn an_organisations_page_counts_its_mentions_per_agenda_item_and_per_document() {
        let page = rich_page(|_| {});
        assert_eq!(
            page["agenda"],
            json!({
                "heading": "Items",
                "item": "item",
                "items": [
                    {"title": "Chapter 1", "href": "../one.html", "mentions": "4 mentions"},
                    {"title": "Chapter 2", "href": "../two.html", "mentions": "1 mention"},
                ],
            })
        );
        assert_eq!(
            page["documents"],
            json!({
                "heading": "Documents",
                "summary": "Named in 2 of the 2 documents of the book.",
                "column": "Document",
                "list": [
                    {"symbol": "A/RES/1", "title": "One", "href": "../one.html", "mentions": 4},
                    {"symbol": "A/RES/2", "title": "Two", "href": "../two.html", "mentions": 1},
                ],
            })
        );
        let meetings: Vec<&str> = page["meetings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["title"].as_str().unwrap())
            .collect();
        assert_eq!(meetings, ["Talks"]);
        assert_eq!(page["json_ld"]["name"], "World Trade Organization");
    }

    #[test]
    fn an_organisations_partners_are_ranked_cut_at_the_configured_number_and_summarised() {
        let page = rich_page(|_| {});
        assert_eq!(
            page["partners"]["summary"],
            "Named with 2 organisations in the document: in the same paragraph, or as organisers of the same meeting; the most frequent first, the first 1 listed here."
        );
        let list = page["partners"]["list"].as_array().unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0]["name"], "ILO");
        assert_eq!(list[0]["title"], "International Labour Organization");
        assert_eq!(list[0]["href"], "ilo.html");
        assert_eq!(list[0]["together"], "4 paragraphs, 1 meeting");
        assert_eq!(list[0]["paragraphs"].as_array().unwrap().len(), 3);
        assert_eq!(list[0]["more"], " and 1 more");
        // Every partner listed: no "first … listed here"; the UN shares paragraphs only.
        let page = rich_page(|cfg| cfg.network.partners = 2);
        assert_eq!(
            page["partners"]["summary"],
            "Named with 2 organisations in the document: in the same paragraph, or as organisers of the same meeting; the most frequent first."
        );
        assert_eq!(page["partners"]["list"][1]["name"], "UN");
        assert_eq!(page["partners"]["list"][1]["together"], "2 paragraphs");
        assert_eq!(page["partners"]["list"][1]["more"], "");
        // No partners asked for, or no data: no section, no JSON-LD.
        let page = rich_page(|cfg| {
            cfg.network.partners = 0;
            cfg.data.enable = false;
        });
        assert!(page.get("partners").is_none());
        assert!(page.get("json_ld").is_none());
    }

    #[test]
    fn the_index_chapter_holds_a_page_per_organisation_by_short_name() {
        let mut diags = Diagnostics::new();
        let m = model(
            &[("a.md", "# A\n\nThe WTO met.\n\nThe ILO and the UN too.\n")],
            &mut diags,
        );
        let cfg = Config::default();
        let orgs = crate::features::organisations::collect_with_registry(
            REGISTRY,
            &m,
            &cfg.organisations,
            &mut diags,
        );
        let cx = Context {
            model: &m,
            cfg: &cfg,
            orgs: Some(&orgs),
            agenda: None,
            timeline: None,
            network: None,
        };
        let index = build(&orgs, cx, &Templates::built_in(), &mut diags);
        assert_eq!(diags.errors(), 0, "{}", diags.render());
        assert_eq!(index.name, cfg.organisations.title);
        assert_eq!(index.path, Some(orgs.directory().index_page()));
        assert!(
            index.content.contains("United Nations (UN)"),
            "{}",
            index.content
        );
        let pages: Vec<(&str, String, &str)> = index
            .sub_items
            .iter()
            .map(|i| match i {
                BookItem::Chapter(c) => (
                    c.name.as_str(),
                    c.path.as_ref().unwrap().display().to_string(),
                    c.parent_names[0].as_str(),
                ),
                _ => panic!("a chapter"),
            })
            .collect();
        let title = cfg.organisations.title.as_str();
        let dir = orgs.directory();
        let path = |id: &str| dir.page(dir.get(id).unwrap()).display().to_string();
        assert_eq!(
            pages,
            [
                ("ILO", path("ilo"), title),
                ("UN", path("un"), title),
                ("WTO", path("wto"), title)
            ]
        );
        let BookItem::Chapter(wto) = &index.sub_items[2] else {
            unreachable!()
        };
        assert!(
            wto.content
                .contains("<a href=\"../a.html#p-the-wto-met\">The <mark>WTO</mark> met.</a>"),
            "{}",
            wto.content
        );
        assert!(!wto.content.contains("The ILO and the UN too."));
    }

    #[test]
    fn without_kinds_the_index_has_one_list_without_a_heading() {
        let mut diags = Diagnostics::new();
        let m = model(&[("a.md", "# A\n\nThe UN.\n")], &mut diags);
        let cfg = Config::default();
        let orgs = crate::features::organisations::collect_with_registry(
            "organisations:\n  - {id: un, name: United Nations, acronym: UN}\n",
            &m,
            &cfg.organisations,
            &mut diags,
        );
        let index = index_data(orgs.directory(), &orgs.by_org(), &cfg);
        assert_eq!(
            index["kinds"],
            json!([{"orgs": [{"name": "United Nations (UN)", "href": "un.html", "cells": [], "mentions": 1}]}])
        );
        assert_eq!(
            index["introduction"],
            "The document names 1 organisation, body or group. Each page lists every mention in the document."
        );
    }
}
