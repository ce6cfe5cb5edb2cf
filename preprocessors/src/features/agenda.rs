//! The agenda a document is organised by (eight action points, five priority areas …), made
//! navigable.
//!
//! The book's configuration lists the items (their titles, what one is called, how they are
//! numbered, the phrases that name the agenda). A chapter that reports on one item declares it in
//! front matter by its bare label (`agenda-item: 3`, `agenda-item: c`); once one chapter does,
//! every item needs its chapter, each one only. This feature checks those declarations, links the
//! configured phrases to the overview page and rewrites `[the third item](agenda:3)` into a link
//! to the item's chapter (or, when the document has no chapter per item, to the item on the
//! overview). A document without a chapter per item usually lists its agenda in one paragraph
//! ("(a) Trade …"): each item is then linked to the first paragraph containing its title. The
//! overview page and the boxes at the top of the items' chapters are made from its result by
//! [`crate::outputs::pages::agenda`].

use crate::base::diagnostics::Diagnostics;
use crate::base::html::{self, Html, Markdown};
use crate::base::markdown::{destination, safe_to_wrap};
use crate::base::numbering::Numbering;
use crate::base::paths;
use crate::base::text;
use crate::model::Unused;
use crate::model::find::{find_loosely, find_phrase_in, normalised_blocks};
use crate::model::schema::{numbering_style as style, or_none};
use crate::model::{BlockId, Chapter, ChapterId, Model, Outputs};
use aho_corasick::{AhoCorasick, MatchKind};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// One item of the agenda.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    /// 1-based position.
    pub number: usize,
    /// The bare label editors write (`3`, `c`).
    pub label: String,
    /// The label as readers see it (`3`, `(c)`).
    pub written: String,
    /// Its title, from the configuration.
    pub title: String,
    /// The chapter that reports on it, if the document has one.
    pub chapter: Option<ChapterId>,
    /// Without chapters per item: the first paragraph whose text contains its title.
    pub listed: Option<(ChapterId, BlockId)>,
}

impl Item {
    /// The `id` of the item on the overview page.
    pub(crate) fn fragment(&self) -> String {
        format!("item-{}", self.label)
    }
}

/// The agenda: its items and which chapter reports on which.
#[derive(Debug)]
pub(crate) struct Agenda {
    /// The items, in order.
    pub items: Vec<Item>,
    /// The overview page.
    pub page: PathBuf,
}

impl Agenda {
    /// Reads the items from the configuration and checks the chapters' `agenda-item`
    /// declarations.
    pub(crate) fn collect(model: &Model, cfg: &AgendaConfig, diags: &mut Diagnostics) -> Agenda {
        let mut items: Vec<Item> = cfg
            .items
            .iter()
            .enumerate()
            .map(|(i, title)| Item {
                number: i + 1,
                label: cfg.numbering.bare(i + 1),
                written: cfg.numbering.written(i + 1),
                title: text::squash(title),
                chapter: None,
                listed: None,
            })
            .collect();
        for ch in &model.chapters {
            declare(ch, cfg, model, &mut items, diags);
        }
        // A chapter whose front matter could not be read may be the one that declares a
        // missing item: its error says what to fix first.
        if model.front_matter_failure().is_none() {
            report_missing(model, cfg, &items, diags);
        }
        if items.iter().all(|i| i.chapter.is_none()) {
            find_listed(model, &mut items);
        }
        Agenda {
            items,
            page: cfg.page.clone(),
        }
    }

    /// The item a chapter reports on.
    pub(crate) fn item_of(&self, chapter: ChapterId) -> Option<&Item> {
        self.items.iter().find(|i| i.chapter == Some(chapter))
    }

    /// True when no item is configured: the feature has nothing to show.
    pub(crate) fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Links the agenda's phrases to the overview and rewrites `agenda:` links. Returns what
    /// the configuration names and the text does not have: phrases no paragraph has, and,
    /// without a chapter per item, titles no paragraph lists.
    pub(crate) fn edit(
        &self,
        model: &Model,
        cfg: &AgendaConfig,
        outputs: &mut Outputs,
        diags: &mut Diagnostics,
    ) -> Vec<Unused> {
        // The phrases by their index in the configuration (empty ones are the schema's error).
        let phrases: Vec<(usize, &str)> = cfg
            .phrases
            .iter()
            .map(|p| p.trim())
            .enumerate()
            .filter(|(_, p)| !p.is_empty())
            .collect();
        // Without items there is no overview page to link the phrases to.
        let automaton = (!phrases.is_empty() && !self.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(phrases.iter().map(|(_, p)| p))
                .expect("phrases build")
        });
        let mut found = vec![false; phrases.len()];
        for ch in &model.chapters {
            if let Some(automaton) = &automaton {
                self.link_phrases(ch, automaton, outputs, &mut found);
            }
            self.rewrite_links(ch, model, cfg, outputs, diags);
        }
        for &(c, b) in self.items.iter().filter_map(|i| i.listed.as_ref()) {
            outputs[c].anchors.insert(b);
        }
        let mut unused = Vec::new();
        if automaton.is_some() {
            for (&(entry, phrase), _) in phrases.iter().zip(&found).filter(|(_, f)| !**f) {
                // Written in the text, but only ever inside a longer phrase, which wins.
                let inside_longer = model.chapters.iter().any(|ch| {
                    let blocks = normalised_blocks(ch);
                    find_phrase_in(ch, &blocks, phrase).is_some()
                });
                let (problem, hint) = if inside_longer {
                    (
                        "links nothing: wherever the text has it, a longer phrase of `phrases` links instead".into(),
                        "remove it (the longer phrase links those places)".into(),
                    )
                } else {
                    (
                        "links nothing: no paragraph of the book has it".into(),
                        Unused::hint_for(find_loosely(model, phrase)),
                    )
                };
                unused.push(Unused {
                    key: ("agenda", "phrases"),
                    entry: Some(entry),
                    problem,
                    value: phrase.to_string(),
                    hint,
                });
            }
        }
        // Without a chapter per item (none declares one, rightly or not), each title is looked
        // for in the text. One that is not there is a mistake when the text lists the others, or
        // writes it otherwise; a text that lists none of them does not list its agenda at all.
        let declared = model
            .chapters
            .iter()
            .any(|c| c.front().agenda_item.is_some());
        let lists_some = self.items.iter().any(|i| i.listed.is_some());
        if !declared {
            for item in self.items.iter().filter(|i| i.listed.is_none()) {
                let nearest = find_loosely(model, &item.title);
                if !lists_some && nearest.is_none() {
                    continue;
                }
                unused.push(Unused {
                    key: ("agenda", "items"),
                    entry: Some(item.number - 1),
                    problem: format!(
                        "is in no paragraph: {} {} has no place in the text to link to",
                        cfg.item, item.written
                    ),
                    value: item.title.clone(),
                    hint: Unused::hint_for(nearest),
                });
            }
        }
        unused
    }

    fn link_phrases(
        &self,
        ch: &Chapter,
        phrases: &AhoCorasick,
        outputs: &mut Outputs,
        found: &mut [bool],
    ) {
        let overview = html::href(&ch.path, &self.page, None);
        for run in &ch.doc.runs {
            for m in phrases.find_iter(&run.text) {
                found[m.pattern().as_usize()] = true;
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
                let mut open = Html::<Markdown>::new();
                open.open("a")
                    .attr("class", "agenda-ref")
                    .attr("href", &overview)
                    .close();
                outputs[ch.id].wrap(src, open.into_string(), Html::<Markdown>::end("a"));
            }
        }
    }

    fn rewrite_links(
        &self,
        ch: &Chapter,
        model: &Model,
        cfg: &AgendaConfig,
        outputs: &mut Outputs,
        diags: &mut Diagnostics,
    ) {
        for link in ch.doc.scheme_links.iter().filter(|l| l.scheme == "agenda") {
            let item = self.items.iter().find(|i| i.label == link.target);
            match (item, &link.dest_range) {
                (Some(item), Some(dest)) => {
                    let href = match item.chapter {
                        Some(c) => html::href(&ch.path, &model.chapter(c).path, None),
                        None => html::href(&ch.path, &self.page, Some(&item.fragment())),
                    };
                    outputs[ch.id]
                        .edits
                        .replace(dest.clone(), destination(&href));
                }
                (Some(_), None) => {
                    diags
                        .error(
                            "agenda-reference-link",
                            ch.locate(link.range.start),
                            "an `agenda:` link must be written inline, as `[text](agenda:3)`",
                        )
                        .hint("reference-style links cannot be rewritten");
                }
                (None, _) => {
                    diags
                        .error(
                            "agenda-link-unknown",
                            ch.locate(link.range.start),
                            format!(
                                "`agenda:{}` names no {} of the agenda",
                                link.target, cfg.item
                            ),
                        )
                        .hint(labels_hint(&self.items, "agenda:", cfg));
                }
            }
        }
    }
}

/// "the agenda's action points are `agenda:1` to `agenda:8`".
fn labels_hint(items: &[Item], prefix: &str, cfg: &AgendaConfig) -> String {
    match (items.first(), items.last()) {
        (Some(first), Some(last)) if items.len() > 1 => format!(
            "the agenda's {} are `{prefix}{}` to `{prefix}{}`",
            cfg.items_word(),
            first.label,
            last.label
        ),
        (Some(only), _) => format!("the agenda's only {} is `{prefix}{}`", cfg.item, only.label),
        _ => format!(
            "list the agenda's items under `items` in `[preprocessor.{}.agenda]`",
            crate::model::PREPROCESSOR
        ),
    }
}

/// For each item, the first paragraph of the book containing its title.
fn find_listed(model: &Model, items: &mut [Item]) {
    for ch in &model.chapters {
        if items.iter().all(|i| i.listed.is_some()) {
            return;
        }
        let blocks = normalised_blocks(ch);
        for item in items.iter_mut().filter(|i| i.listed.is_none()) {
            item.listed = find_phrase_in(ch, &blocks, &item.title).map(|b| (ch.id, b));
        }
    }
}

/// Records the chapter's `agenda-item` declaration, if any, or reports why it cannot be.
fn declare(
    ch: &Chapter,
    cfg: &AgendaConfig,
    model: &Model,
    items: &mut [Item],
    diags: &mut Diagnostics,
) {
    let Some(declared) = &ch.front().agenda_item else {
        return;
    };
    let at = ch.locate_front(declared);
    let label = declared.value.trim();
    let Some(item) = items.iter_mut().find(|i| i.label == label) else {
        let hint = labels_hint(items, "", cfg);
        diags
            .error(
                "agenda-item-unknown",
                at,
                format!("{} `{label}` is not on the agenda", cfg.item),
            )
            .hint(hint);
        return;
    };
    match item.chapter {
        Some(first) => {
            let first = model.chapter(first).lines.path().display().to_string();
            diags
                .error(
                    "agenda-item-duplicate",
                    at,
                    format!("{} `{label}` is declared twice", cfg.item),
                )
                .hint(format!(
                    "`{first}` already declares it; each {} has one chapter",
                    cfg.item
                ));
        }
        None => item.chapter = Some(ch.id),
    }
}

/// Once any chapter declares an item, all must: the gaps are reported once, at the first
/// declaration (where an editor looks for the agenda's front matter).
fn report_missing(model: &Model, cfg: &AgendaConfig, items: &[Item], diags: &mut Diagnostics) {
    let Some(first) = items.iter().filter_map(|i| i.chapter).min() else {
        return;
    };
    let missing: Vec<&str> = items
        .iter()
        .filter(|i| i.chapter.is_none())
        .map(|i| i.label.as_str())
        .collect();
    let list = match missing.split_last() {
        None => return,
        Some((last, rest)) if !rest.is_empty() => {
            format!("{} {} and {last}", cfg.items_word(), rest.join(", "))
        }
        Some((only, _)) => format!("{} {only}", cfg.item),
    };
    let ch = model.chapter(first);
    let declared = ch.front().agenda_item.as_ref().expect("it declares one");
    diags
        .error(
            "agenda-item-missing",
            ch.locate_front(declared),
            format!("no chapter declares {list}"),
        )
        .hint(format!(
            "add `agenda-item: LABEL` to the front matter of the chapter that reports on each {}",
            cfg.item
        ));
}

/// `[preprocessor.report.agenda]`: the agenda the document is organised by.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct AgendaConfig {
    /// Switch the feature on or off.
    pub enable: bool,
    /// Path (virtual, under `src/`) of the generated overview page.
    #[serde(deserialize_with = "paths::in_src")]
    pub page: PathBuf,
    /// The overview page's title.
    pub title: String,
    /// How the text names the agenda, for the chapter boxes ("of {name}"); empty: not named.
    #[serde(deserialize_with = "or_none")]
    pub name: String,
    /// What an item is called, lower case ("priority area", "objective").
    pub item: String,
    /// Its plural; empty: `item` + "s".
    #[serde(deserialize_with = "or_none")]
    pub item_plural: String,
    /// How items are numbered: `1`, `(a)`, `i` ….
    #[serde(with = "style")]
    pub numbering: Numbering,
    /// The items' titles, in order.
    pub items: Vec<String>,
    /// Phrases of the text that name the agenda, linked to the overview.
    #[serde(deserialize_with = "or_none")]
    pub phrases: Vec<String>,
    /// The overview's introduction: `{document}`, `{count}`, `{items}`.
    pub introduction: String,
}

impl Default for AgendaConfig {
    fn default() -> Self {
        AgendaConfig {
            enable: true,
            page: "agenda.md".into(),
            title: "Agenda".into(),
            name: String::new(),
            item: "item".into(),
            item_plural: String::new(),
            numbering: Numbering::decimal(),
            items: Vec::new(),
            phrases: Vec::new(),
            introduction: "The {count} {items} of the {document}.".into(),
        }
    }
}

impl AgendaConfig {
    /// The plural of the item word.
    pub fn items_word(&self) -> String {
        if self.item_plural.is_empty() {
            format!("{}s", self.item)
        } else {
            self.item_plural.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::numbering::Numbering;
    use crate::model::testing::model;

    /// Four decimal action points.
    fn points() -> AgendaConfig {
        AgendaConfig {
            item: "point".into(),
            items: ["Trade", "Transit", "Finance", "Data"]
                .map(String::from)
                .to_vec(),
            ..AgendaConfig::default()
        }
    }

    /// Three lettered priority areas, listed in the text rather than given a chapter each.
    fn areas() -> AgendaConfig {
        AgendaConfig {
            item: "priority area".into(),
            numbering: Numbering::parse("(a)").unwrap(),
            items: ["Trade", "Transit", "Means of   implementation"]
                .map(String::from)
                .to_vec(),
            ..AgendaConfig::default()
        }
    }

    fn declares(label: &str, body: &str) -> String {
        format!("---\nagenda-item: {label}\n---\n{body}")
    }

    /// What the feature made of a book: the agenda, every chapter's body after the edits, the
    /// blocks given an anchor, what the configuration names and the text lacks, and the
    /// diagnostics.
    struct Run {
        agenda: Agenda,
        bodies: Vec<String>,
        anchors: Vec<Vec<BlockId>>,
        unused: Vec<(Option<usize>, String, String, String)>,
        diags: String,
    }

    fn run(chapters: &[(&str, &str)], cfg: &AgendaConfig) -> Run {
        let mut diags = Diagnostics::new();
        let m = model(chapters, &mut diags);
        let agenda = Agenda::collect(&m, cfg, &mut diags);
        let mut outputs = m.outputs();
        let unused = agenda
            .edit(&m, cfg, &mut outputs, &mut diags)
            .into_iter()
            .map(|u| {
                assert_eq!(u.key.0, "agenda");
                (u.entry, u.problem, u.value, u.hint)
            })
            .collect();
        diags.sort();
        Run {
            bodies: m
                .chapters
                .iter()
                .map(|c| outputs[c.id].edits.apply(c.body()))
                .collect(),
            anchors: m
                .chapters
                .iter()
                .map(|c| outputs[c.id].anchors.iter().copied().collect())
                .collect(),
            agenda,
            unused,
            diags: diags.render(),
        }
    }

    #[test]
    fn items_are_numbered_labelled_and_titled_from_the_configuration() {
        let r = run(&[("a.md", "Text.\n")], &areas());
        let items: Vec<_> = r
            .agenda
            .items
            .iter()
            .map(|i| {
                (
                    i.number,
                    i.label.as_str(),
                    i.written.as_str(),
                    i.title.as_str(),
                )
            })
            .collect();
        assert_eq!(
            items,
            [
                (1, "a", "(a)", "Trade"),
                (2, "b", "(b)", "Transit"),
                (3, "c", "(c)", "Means of implementation")
            ]
        );
        assert_eq!(r.agenda.items[1].fragment(), "item-b");
        assert_eq!(r.agenda.page, PathBuf::from("agenda.md"));
        assert!(!r.agenda.is_empty());
        let none = run(&[("a.md", "Text.\n")], &AgendaConfig::default());
        assert!(none.agenda.is_empty());
    }

    #[test]
    fn declared_items_get_their_chapter_and_agenda_links_lead_there() {
        let r = run(
            &[
                ("p1.md", &declares("1", "# One\n\nSee [data](agenda:4).\n")),
                ("sub/p2.md", &declares("2", "# Two\n\n[One](agenda:1).\n")),
                ("p3.md", &declares("\" 3 \"", "# Three\n")),
                ("p4.md", &declares("4", "# Four\n")),
                ("intro.md", "Trade, and [transit](agenda:2).\n"),
            ],
            &points(),
        );
        assert_eq!(r.diags, "0 errors, 0 warnings");
        let chapters: Vec<_> = r.agenda.items.iter().map(|i| i.chapter).collect();
        assert_eq!(
            chapters,
            [0, 1, 2, 3].map(|c| Some(ChapterId(c))),
            "a label is read without its spaces"
        );
        assert_eq!(r.agenda.item_of(ChapterId(2)).map(|i| i.number), Some(3));
        assert!(r.agenda.item_of(ChapterId(4)).is_none());
        // With a chapter per item, no paragraph is looked for (the intro has "Trade").
        assert!(r.agenda.items.iter().all(|i| i.listed.is_none()));
        assert!(r.anchors.iter().all(Vec::is_empty));
        assert_eq!(r.bodies[0], "# One\n\nSee [data](p4.html).\n");
        assert_eq!(r.bodies[1], "# Two\n\n[One](../p1.html).\n");
        assert_eq!(r.bodies[4], "Trade, and [transit](sub/p2.html).\n");
        // Declared items are never reported as missing from the text.
        assert_eq!(r.unused, []);
    }

    #[test]
    fn an_agenda_link_to_a_chapter_file_named_with_spaces_and_brackets_stays_a_link() {
        let r = run(
            &[
                ("p1.md", &declares("1", "# One\n\nSee [four](agenda:4).\n")),
                ("p2.md", &declares("2", "# Two\n")),
                ("p3.md", &declares("3", "# Three\n")),
                ("Annex 4 (final).md", &declares("4", "# Four\n")),
            ],
            &points(),
        );
        assert_eq!(r.diags, "0 errors, 0 warnings");
        assert_eq!(
            r.bodies[0],
            "# One\n\nSee [four](<Annex 4 (final).html>).\n"
        );
    }

    #[test]
    fn items_no_chapter_declares_are_listed_once_at_the_first_declaration() {
        let several = run(
            &[
                ("a.md", "Intro.\n"),
                ("p4.md", &declares("4", "# Four\n")),
                ("p2.md", &declares("2", "# Two\n")),
            ],
            &points(),
        );
        assert_eq!(
            several.diags,
            "src/p4.md:2:14: error: no chapter declares points 1 and 3 [agenda-item-missing]
  = hint: add `agenda-item: LABEL` to the front matter of the chapter that reports on each point
1 error, 0 warnings"
        );
        let mut cfg = points();
        cfg.item_plural = "points of action".into();
        let three = run(&[("p2.md", &declares("2", "# Two\n"))], &cfg);
        assert!(
            three
                .diags
                .starts_with("src/p2.md:2:14: error: no chapter declares points of action 1, 3 and 4 [agenda-item-missing]"),
            "{}",
            three.diags
        );
        let one = run(
            &[
                ("p1.md", &declares("1", "# One\n")),
                ("p2.md", &declares("2", "# Two\n")),
                ("p4.md", &declares("4", "# Four\n")),
            ],
            &points(),
        );
        assert!(
            one.diags.starts_with(
                "src/p1.md:2:14: error: no chapter declares point 3 [agenda-item-missing]"
            ),
            "{}",
            one.diags
        );
    }

    #[test]
    fn a_chapter_whose_front_matter_fails_is_not_blamed_for_missing_items() {
        let r = run(
            &[
                ("p1.md", &declares("1", "# One\n")),
                ("p2.md", "---\nagenda-item: [2\n---\n# Two\n"),
            ],
            &points(),
        );
        assert!(!r.diags.contains("agenda-item-missing"), "{}", r.diags);
        assert!(r.diags.contains("1 error"), "{}", r.diags);
    }

    #[test]
    fn unknown_and_repeated_declarations_name_the_labels_and_the_first_chapter() {
        let r = run(
            &[
                ("p1.md", &declares("1", "# One\n")),
                ("p2.md", &declares("1", "# Again\n")),
                ("p3.md", &declares("9", "# Nine\n")),
            ],
            &AgendaConfig {
                items: vec!["Trade".into()],
                ..points()
            },
        );
        assert_eq!(
            r.diags,
            "src/p2.md:2:14: error: point `1` is declared twice [agenda-item-duplicate]
  = hint: `src/p1.md` already declares it; each point has one chapter
src/p3.md:2:14: error: point `9` is not on the agenda [agenda-item-unknown]
  = hint: the agenda's only point is `1`
2 errors, 0 warnings"
        );
        assert_eq!(r.agenda.items[0].chapter, Some(ChapterId(0)));
    }

    #[test]
    fn agenda_links_that_cannot_be_rewritten_are_errors_with_the_labels() {
        let r = run(
            &[(
                "a.md",
                "[x](agenda:z), [y][r] and [w](agenda:).\n\n[r]: agenda:2\n",
            )],
            &points(),
        );
        assert_eq!(
            r.diags,
            "src/a.md:1:1: error: `agenda:z` names no point of the agenda [agenda-link-unknown]
  = hint: the agenda's points are `agenda:1` to `agenda:4`
src/a.md:1:16: error: an `agenda:` link must be written inline, as `[text](agenda:3)` [agenda-reference-link]
  = hint: reference-style links cannot be rewritten
src/a.md:1:27: error: `agenda:` names no point of the agenda [agenda-link-unknown]
  = hint: the agenda's points are `agenda:1` to `agenda:4`
3 errors, 0 warnings"
        );
        let empty = run(&[("a.md", "[x](agenda:1).\n")], &AgendaConfig::default());
        assert!(
            empty.diags.contains(
                "= hint: list the agenda's items under `items` in `[preprocessor.report.agenda]`"
            ),
            "{}",
            empty.diags
        );
    }

    #[test]
    fn a_listed_agenda_links_each_item_to_the_first_paragraph_with_its_title() {
        let r = run(
            &[
                (
                    "a.md",
                    "# A\n\nNo list here.\n\nIts areas: (a) Trade; (b) Transit.\n\nTrade again.\n",
                ),
                (
                    "sub/b.md",
                    "Means of implementation, and [transit](agenda:b) and [c](agenda:c).\n",
                ),
                ("c.md", "Trade and Transit and Means of implementation.\n"),
            ],
            &areas(),
        );
        assert_eq!(r.diags, "0 errors, 0 warnings");
        let listed: Vec<_> = r.agenda.items.iter().map(|i| i.listed).collect();
        assert_eq!(
            listed,
            [
                Some((ChapterId(0), BlockId(1))),
                Some((ChapterId(0), BlockId(1))),
                Some((ChapterId(1), BlockId(0)))
            ]
        );
        // Headings are not blocks: block 1 is the paragraph that lists (a) and (b).
        assert_eq!(r.anchors, [vec![BlockId(1)], vec![BlockId(0)], vec![]]);
        assert_eq!(
            r.bodies[1],
            "Means of implementation, and [transit](../agenda.html#item-b) and [c](../agenda.html#item-c).\n"
        );
        assert_eq!(r.unused, []);
    }

    #[test]
    fn a_title_the_listed_agenda_lacks_is_reported_with_what_the_text_writes() {
        let text = "We work on (a) Trade and (b) Transit, and on means of implementation.\n";
        let r = run(&[("a.md", text)], &areas());
        assert_eq!(
            r.unused,
            [(
                Some(2),
                "is in no paragraph: priority area (c) has no place in the text to link to".into(),
                "Means of implementation".into(),
                "the text writes “means of implementation”: write it as the text does".into()
            )]
        );
        // Listing none of them, the text does not list its agenda: only titles it writes
        // otherwise are reported.
        let r = run(&[("a.md", "On means of implementation.\n")], &areas());
        let reported: Vec<_> = r.unused.iter().map(|u| u.0).collect();
        assert_eq!(reported, [Some(2)]);
        let r = run(&[("a.md", "Nothing of the agenda.\n")], &areas());
        assert_eq!(r.unused, []);
    }

    #[test]
    fn when_a_chapter_declares_an_item_listed_titles_are_not_looked_for() {
        // The declaration is wrong (`z`), so no item has a chapter; still nothing is reported
        // as unlisted, and nothing is anchored.
        let r = run(&[("a.md", &declares("z", "# A\n\nNothing.\n"))], &areas());
        assert_eq!(r.unused, []);
        assert!(r.diags.contains("agenda-item-unknown"), "{}", r.diags);
    }

    #[test]
    fn phrases_link_to_the_overview_as_whole_words() {
        let cfg = AgendaConfig {
            phrases: [
                "  three priority areas ",
                " ",
                "priority areas",
                "agenda",
                "nowhere seen",
                "Missing Phrase",
            ]
            .map(String::from)
            .to_vec(),
            ..areas()
        };
        let r = run(
            &[
                (
                    "a.md",
                    "In its three priority areas; the agendas, an agenda, xagenda.\n",
                ),
                (
                    "sub/b.md",
                    "The agenda (a) Trade, (b) Transit; missing phrase.\n",
                ),
            ],
            &cfg,
        );
        assert_eq!(
            r.bodies[0],
            "In its <a class=\"agenda-ref\" href=\"agenda.html\">three priority areas</a>; the agendas, an <a class=\"agenda-ref\" href=\"agenda.html\">agenda</a>, xagenda.\n"
        );
        assert_eq!(
            r.bodies[1],
            "The <a class=\"agenda-ref\" href=\"../agenda.html\">agenda</a> (a) Trade, (b) Transit; missing phrase.\n"
        );
        assert_eq!(
            r.unused,
            [
                (
                    Some(2),
                    "links nothing: wherever the text has it, a longer phrase of `phrases` links instead".into(),
                    "priority areas".into(),
                    "remove it (the longer phrase links those places)".into()
                ),
                (
                    Some(4),
                    "links nothing: no paragraph of the book has it".into(),
                    "nowhere seen".into(),
                    "copy it from the text, word for word, or remove it".into()
                ),
                (
                    Some(5),
                    "links nothing: no paragraph of the book has it".into(),
                    "Missing Phrase".into(),
                    "the text writes “missing phrase”: write it as the text does".into()
                ),
                (
                    Some(2),
                    "is in no paragraph: priority area (c) has no place in the text to link to".into(),
                    "Means of implementation".into(),
                    "copy it from the text, word for word, or remove it".into()
                ),
            ]
        );
    }

    #[test]
    fn without_items_phrases_link_nothing_and_are_not_reported() {
        let cfg = AgendaConfig {
            phrases: vec!["the agenda".into()],
            ..AgendaConfig::default()
        };
        let r = run(&[("a.md", "Under the agenda.\n")], &cfg);
        assert_eq!(r.bodies[0], "Under the agenda.\n");
        assert_eq!(r.unused, []);
        assert_eq!(r.diags, "0 errors, 0 warnings");
    }
}
