//! Organisations: every mention in the text linked to the organisation's own page.
//!
//! Mentions are the registry's forms (names, acronyms, other spellings) found in prose: outside
//! code, links, raw HTML, headings, images and front matter, whole words only, longest form first
//! ("UN Women", not "UN"). A possessive may follow ("WTO's", "WTO’s"). Mentions become
//! `<a class="org" href="organisations/wto.html">`, an acronym wrapped in
//! `<abbr title="World Trade Organization">`; by default only the first mention of each
//! organisation per paragraph is linked (`link = "first-per-page" | "every"` in book.toml).
//! Phrases listed under `never-link` and document symbols (`A/HRC/17/31`) link nothing
//! ([`matcher`]).
//!
//! Editors can link explicitly, `[the trade body](org:wto)` (an unknown id is an error with
//! a "did you mean"), and suppress one mention by wrapping it in any inline HTML element, e.g.
//! `<span class="nolink">Office</span>`.
//!
//! One naming is one mention: "World Health Organization (WHO)" names WHO once, not twice (see
//! [`one_per_naming`]), so every count made from the mentions (the organisation pages, the
//! agenda's matrix, the open data, the previews, the network) counts namings.
//!
//! Each paragraph with a mention gets a stable anchor so the organisation's page can link to it.

#[cfg(test)]
mod book_registry;
mod config;
pub(crate) mod matcher;
pub(crate) mod registry;

use crate::base::diagnostics::Diagnostics;
use crate::base::html::{self, Html, Markdown};
use crate::base::markdown::{destination, safe_to_wrap};
use crate::model::Unused;
use crate::model::find::{find_loosely, find_phrase_in, normalised_blocks};
use crate::model::orgs::{Directory, FOLDED};
use crate::model::{BlockId, ChapterId, Model, OrgId, Outputs};
pub use config::{LinkMode, OrgPages, OrganisationsConfig};
use matcher::Matcher;
use registry::Registry;
use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;

/// One mention of an organisation.
#[derive(Debug, Clone)]
pub(crate) struct Mention {
    /// The organisation.
    pub org: OrgId,
    /// The chapter.
    pub chapter: ChapterId,
    /// The block of the chapter.
    pub block: BlockId,
    /// Body bytes of the mention, when it can be wrapped in a link.
    pub source: Option<Range<usize>>,
    /// The acronym was used.
    pub acronym: bool,
    /// Byte range of the mention in the block's text (for the context snippet): the whole
    /// naming, "Full Name (ACRONYM)" included.
    pub in_block: Range<usize>,
    /// Index of the chapter's `org:` link, for explicit mentions.
    pub explicit: Option<usize>,
}

/// The registry and every mention in the book.
#[derive(Debug)]
pub(crate) struct Organisations {
    /// The validated registry.
    pub registry: Registry,
    /// Mentions in reading order.
    pub mentions: Vec<Mention>,
    /// `never-link` phrases the text never has: configured, unused.
    pub unused: Vec<Unused>,
}

impl Organisations {
    /// Loads the registry, finds every mention, and warns about organisations never mentioned.
    pub(crate) fn collect(
        model: &Model,
        root: &Path,
        cfg: &OrganisationsConfig,
        diags: &mut Diagnostics,
    ) -> Organisations {
        let registry = registry::load(root, cfg.registry_path(), &cfg.dir, diags);
        let matcher = Matcher::new(&registry.directory, &cfg.never_link);
        let mut mentions = Vec::new();
        for ch in &model.chapters {
            found_in_prose(ch, &matcher, &mut mentions);
            match registry.directory.failed {
                // The registry's own error says what to fix; its links cannot be checked.
                Some(cause) => {
                    let links = ch.doc.scheme_links.iter().filter(|l| l.scheme == "org");
                    diags.fold(cause, links.count(), FOLDED.0, FOLDED.1);
                }
                None => explicit_links(
                    ch,
                    &registry.directory,
                    cfg.registry_path(),
                    &mut mentions,
                    diags,
                ),
            }
        }
        mentions.sort_by_key(|m| (m.chapter, m.block, m.in_block.start));
        one_per_naming(model, &mut mentions);
        let unused = unused_never_link(model, &cfg.never_link);
        let mut out = Organisations {
            registry,
            mentions,
            unused,
        };
        out.warn_unmentioned(diags);
        out.warn_common_words(model, diags);
        if cfg.pages == OrgPages::Named {
            let named = out.named(model);
            out.keep(&named);
        }
        out
    }

    /// The organisations the book names, by [`OrgId`]: mentioned (in prose or an `org:` link),
    /// a meeting's organiser (its front matter's id), or what one of these is part of. One pass
    /// over the mentions, the meetings and the chain of parents.
    fn named(&self, model: &Model) -> Vec<bool> {
        let dir = self.directory();
        let mut named = vec![false; dir.orgs.len()];
        let organisers = model
            .chapters
            .iter()
            .flat_map(|ch| &ch.front().meetings)
            .flat_map(|m| &m.organisers)
            .filter_map(|id| dir.get(&id.value));
        for org in self.mentions.iter().map(|m| m.org).chain(organisers) {
            let mut at = Some(org);
            // Stops at the first ancestor already marked: each organisation is walked once.
            while let Some(o) = at.filter(|o| !named[o.0]) {
                named[o.0] = true;
                at = dir.org(o).parent;
            }
        }
        named
    }

    /// Keeps the organisations `keep` marks, and only them: the registry, its locations and the
    /// mentions move to the new ids (a mention of one left out goes with it).
    fn keep(&mut self, keep: &[bool]) {
        let registry = std::mem::take(&mut self.registry);
        let (directory, map) = registry.directory.keep(keep);
        let locations = registry
            .locations
            .into_iter()
            .zip(&map)
            .filter_map(|(at, new)| new.map(|_| at))
            .collect();
        self.registry = Registry {
            directory,
            locations,
        };
        self.mentions.retain_mut(|m| match map[m.org.0] {
            Some(new) => {
                m.org = new;
                true
            }
            None => false,
        });
    }

    /// A registry name of one ordinary word ("Group", "Council") is found inside the text's
    /// longer names ("Expert Group", "Working Group"), each linked to it: a warning at its entry,
    /// with the first such name. A word after one at the start of a sentence ("The Group met")
    /// is not counted: the name there may be the organisation's.
    fn warn_common_words(&self, model: &Model, diags: &mut Diagnostics) {
        let mut warned = vec![false; self.directory().orgs.len()];
        for m in &self.mentions {
            if warned[m.org.0] || m.explicit.is_some() {
                continue;
            }
            let block = &model.chapter(m.chapter).block(m.block).text;
            let Some(word) = block.get(m.in_block.clone()) else {
                continue;
            };
            let one_word = !word.contains(char::is_whitespace);
            let acronym = word
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase);
            if !one_word || acronym {
                continue;
            }
            let Some(longer) = name_before(block, m.in_block.start) else {
                continue;
            };
            warned[m.org.0] = true;
            let org = &self.directory().orgs[m.org.0];
            diags
                .warning(
                    "registry-common-word",
                    self.registry.locations[m.org.0].clone(),
                    format!(
                        "`{word}` (a form of `{}`) is one ordinary word: the text has it inside longer names such as “{longer} {word}”, each linked to `{}`",
                        org.id, org.id
                    ),
                )
                .hint("give the entry its full name (list a short form under `forms` only if the text uses it alone), or add the longer names to `never-link`");
        }
    }

    /// The organisations' data.
    pub(crate) fn directory(&self) -> &Directory {
        &self.registry.directory
    }

    /// An organisation the registry lists but no chapter names is a registry mistake (a
    /// misspelt form) or a leftover: a warning at its entry.
    fn warn_unmentioned(&self, diags: &mut Diagnostics) {
        let mut named = vec![false; self.directory().orgs.len()];
        for m in &self.mentions {
            named[m.org.0] = true;
        }
        for (id, org) in self.directory().iter() {
            if !named[id.0] {
                diags
                    .warning(
                        "registry-unmentioned",
                        self.registry.locations[id.0].clone(),
                        format!("`{}` is in the registry but no chapter names it", org.id),
                    )
                    .hint("check that its name, acronym or `forms` are spelt exactly as in the text, or remove the entry");
            }
        }
    }

    /// The mentions of every organisation, in reading order, indexed by organisation: one pass,
    /// where filtering the mentions for each organisation would cost organisations × mentions.
    pub(crate) fn by_org(&self) -> Vec<Vec<&Mention>> {
        let mut out = vec![Vec::new(); self.directory().orgs.len()];
        for m in &self.mentions {
            out[m.org.0].push(m);
        }
        out
    }

    /// Links the mentions (as `mode` says) and rewrites `org:` links; anchors every paragraph
    /// with a mention.
    pub(crate) fn edit(&self, model: &Model, mode: LinkMode, outputs: &mut Outputs) {
        let mut linked: HashSet<(ChapterId, OrgId, Option<BlockId>)> = HashSet::new();
        for m in &self.mentions {
            let ch = model.chapter(m.chapter);
            let out = &mut outputs[m.chapter];
            out.anchors.insert(m.block);
            let org = self.directory().org(m.org);
            let href = html::href(&ch.path, &self.directory().page(m.org), None);
            if let Some(i) = m.explicit {
                let link = &ch.doc.scheme_links[i];
                if let Some(dest) = &link.dest_range {
                    out.edits.replace(dest.clone(), destination(&href));
                }
                continue;
            }
            let Some(source) = &m.source else { continue };
            let first = match mode {
                LinkMode::Every => true,
                LinkMode::FirstPerParagraph => linked.insert((m.chapter, m.org, Some(m.block))),
                LinkMode::FirstPerPage => linked.insert((m.chapter, m.org, None)),
            };
            if !first {
                continue;
            }
            let (mut open, mut close) = (Html::<Markdown>::new(), Html::<Markdown>::new());
            open.open("a")
                .attr("class", "org")
                .attr("href", &href)
                .close();
            if m.acronym {
                open.open("abbr").attr("title", &org.name).close();
                close.close("abbr");
            }
            close.close("a");
            out.wrap(source.clone(), open.into_string(), close.into_string());
        }
    }
}

/// The capitalised word right before byte `at` of `text`, when it is one ("Expert" before
/// "Group"), and not the first word of a sentence.
fn name_before(text: &str, at: usize) -> Option<&str> {
    let before = text[..at].strip_suffix(' ')?;
    let start = before
        .rfind(|c: char| !c.is_alphanumeric() && c != '-')
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[start..];
    let capital = word.chars().next().is_some_and(char::is_uppercase);
    let earlier = before[..start].trim_end();
    let sentence_start =
        earlier.is_empty() || earlier.ends_with(['.', '!', '?', ':', '(', '“', '"']);
    (capital && !sentence_start).then_some(word)
}

/// The `never-link` phrases no paragraph has: they keep nothing from being linked.
fn unused_never_link(model: &Model, never_link: &[String]) -> Vec<Unused> {
    let mut out = Vec::new();
    for (i, phrase) in never_link.iter().enumerate() {
        let phrase = phrase.trim();
        if phrase.is_empty() {
            continue;
        }
        let found = model.chapters.iter().any(|ch| {
            let blocks = normalised_blocks(ch);
            find_phrase_in(ch, &blocks, phrase).is_some()
        });
        if !found {
            out.push(Unused {
                key: ("organisations", "never-link"),
                entry: Some(i),
                problem: "keeps nothing from being linked: no paragraph of the book has it".into(),
                value: phrase.to_string(),
                hint: Unused::hint_for(find_loosely(model, phrase)),
            });
        }
    }
    out
}

/// The registry's forms in the chapter's prose.
fn found_in_prose(ch: &crate::model::Chapter, matcher: &Matcher, out: &mut Vec<Mention>) {
    for run in &ch.doc.runs {
        for m in matcher
            .find(&run.text)
            .into_iter()
            .filter(|m| !run.in_url(m.range.clone()))
        {
            out.push(Mention {
                org: m.org,
                chapter: ch.id,
                block: run.block,
                source: run
                    .source_range(m.range.clone())
                    .filter(|r| safe_to_wrap(ch.body(), r.clone())),
                acronym: m.acronym,
                in_block: run.block_offset + m.range.start..run.block_offset + m.range.end,
                explicit: None,
            });
        }
    }
}

/// Folds "Full Name (ACRONYM)" into one mention: a form of an organisation followed, in the
/// same paragraph, by a possessive at most, a parenthesis, another form of the same organisation
/// and the closing parenthesis (or the other way round, "WHO (World Health Organization)"). The naming keeps the first form's place and link, or an explicit `org:` link's (which
/// must still be rewritten), and its range covers both forms. `mentions` are in reading order.
fn one_per_naming(model: &Model, mentions: &mut Vec<Mention>) {
    mentions.dedup_by(|next, kept| {
        let same_naming = next.org == kept.org
            && (next.chapter, next.block) == (kept.chapter, kept.block)
            && !(next.explicit.is_some() && kept.explicit.is_some())
            && in_parentheses_after(
                &model.chapter(kept.chapter).block(kept.block).text,
                kept.in_block.end,
                next.in_block.clone(),
            );
        if same_naming {
            kept.in_block.end = next.in_block.end + ')'.len_utf8();
            if next.explicit.is_some() {
                kept.explicit = next.explicit;
                kept.source = None;
            } else if kept.source.is_none() && kept.explicit.is_none() {
                kept.source = next.source.take();
                kept.acronym = next.acronym;
            }
        }
        same_naming
    });
}

/// True when `text[inner]` is all that stands in parentheses right after `end` (a possessive
/// `'s` and spaces may come between): `… Organization (WHO)`, `… Western Asia’s (ESCWA)`.
fn in_parentheses_after(text: &str, end: usize, inner: Range<usize>) -> bool {
    let (Some(gap), Some(after)) = (text.get(end..inner.start), text.get(inner.end..)) else {
        return false;
    };
    let gap = gap
        .strip_prefix("'s")
        .or_else(|| gap.strip_prefix("’s"))
        .unwrap_or(gap);
    gap.trim_start().strip_prefix('(') == Some("") && after.starts_with(')')
}

/// The chapter's `[text](org:id)` links; an unknown id or a reference-style link is an error.
fn explicit_links(
    ch: &crate::model::Chapter,
    dir: &Directory,
    registry: &Path,
    out: &mut Vec<Mention>,
    diags: &mut Diagnostics,
) {
    for (i, link) in ch.doc.scheme_links.iter().enumerate() {
        if link.scheme != "org" {
            continue;
        }
        let Some(block) = link.block else { continue };
        let Some(org) = dir.get(&link.target) else {
            diags
                .error(
                    "org-unknown-id",
                    ch.locate(link.range.start),
                    format!(
                        "`org:{}` names no organisation in the registry",
                        link.target
                    ),
                )
                .suggest(
                    dir.suggest(&link.target).map(|id| format!("`org:{id}`")),
                    format!("add it to `{}` or fix the id", registry.display()),
                );
            continue;
        };
        if link.dest_range.is_none() {
            diags
                .error(
                    "org-reference-link",
                    ch.locate(link.range.start),
                    "an `org:` link must be written inline, as `[text](org:id)`",
                )
                .hint("reference-style links (`[text][ref]`) cannot be rewritten");
            continue;
        }
        out.push(Mention {
            org,
            chapter: ch.id,
            block,
            source: None,
            acronym: false,
            in_block: link.text_in_block.clone(),
            explicit: Some(i),
        });
    }
}

/// Up to `context` characters of `text` on each side of `range`, cut at spaces.
pub(crate) fn snippet(text: &str, range: Range<usize>, context: usize) -> (String, String, String) {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let range = floor(range.start)..floor(range.end.max(range.start));
    let before = &text[..range.start];
    let after = &text[range.end..];
    let mut b: Vec<char> = before.chars().rev().take(context).collect();
    b.reverse();
    let mut b: String = b.into_iter().collect();
    if b.len() < before.len() {
        b = format!("…{}", b.split_once(' ').map_or("", |(_, rest)| rest));
    }
    let mut a: String = after.chars().take(context).collect();
    if a.len() < after.len() {
        a = format!("{}…", a.rsplit_once(' ').map_or("", |(head, _)| head));
    }
    let squash = |s: &str| {
        let t = s.split_whitespace().collect::<Vec<_>>().join(" ");
        let lead = if s.starts_with(char::is_whitespace) && !t.is_empty() {
            " "
        } else {
            ""
        };
        let trail = if s.ends_with(char::is_whitespace) && !t.is_empty() {
            " "
        } else {
            ""
        };
        format!("{lead}{t}{trail}")
    };
    (squash(&b), text[range].to_string(), squash(&a))
}

/// For other modules' unit tests: the organisations of `model` by the registry `registry`
/// (its YAML), written into a temporary book's `data/organisations.yaml`.
#[cfg(test)]
pub(crate) fn collect_with_registry(
    registry: &str,
    model: &Model,
    cfg: &OrganisationsConfig,
    diags: &mut Diagnostics,
) -> Organisations {
    let root = tempfile::tempdir().expect("a temporary folder");
    std::fs::create_dir_all(root.path().join("data")).expect("a data folder");
    std::fs::write(root.path().join("data/organisations.yaml"), registry).expect("the registry");
    Organisations::collect(model, root.path(), cfg, diags)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::model;

    #[test]
    fn a_mention_knows_where_it_is_in_its_paragraphs_text() {
        let mut diags = Diagnostics::new();
        let yaml =
            "organisations:\n- {id: ilo, name: International Labour Organization, acronym: ILO}\n";
        let registry = registry::parse(yaml, Path::new("r.yaml"), Path::new("o"), &mut diags);
        let matcher = Matcher::new(&registry.directory, &[]);
        let m = model(&[("a.md", "Intro *then the ILO* and ILO.\n")], &mut diags);
        let mut found = Vec::new();
        found_in_prose(&m.chapters[0], &matcher, &mut found);
        let text = &m.chapters[0].doc.blocks[0].text;
        let places: Vec<&str> = found.iter().map(|f| &text[f.in_block.clone()]).collect();
        assert_eq!(places, ["ILO", "ILO"]);
        assert_eq!(found[0].in_block, 15..18);
    }

    const REGISTRY: &str = "organisations:
  - {id: un, name: United Nations}
  - {id: ilo, name: International Labour Organization, acronym: ILO, parent: un}
  - {id: itc, name: Training Centre, parent: ilo}
  - {id: group, name: Group}
  - {id: who, name: World Health Organization, acronym: WHO}
  - {id: never, name: Never Named}
  - {id: host, name: Host Body}
";

    const BOOK: [(&str, &str); 2] = [
        (
            "a.md",
            "---\nmeetings:\n  - {id: m, title: M, date: \"2014-06\", organisers: [host], mention: The ILO}\n---\n\
             The ILO and the ILO met the Training Centre. The Expert Group met. The Group met.\n\n\
             World Health Organization (WHO) and [the agency](org:who) (WHO), [x](org:whoo), [y][r]. The ILO.\n\
             [WHO](org:who) ([World Health Organization](org:who)). World Health Organization ([WHO](org:who)).\n\n\
             [r]: org:who\n",
        ),
        (
            "b.md",
            "The ILO again, WHO’s (World Health Organization) role.\n",
        ),
    ];

    /// The organisations of `chapters` with `registry` as the book's registry file, and the
    /// chapters' texts as edited in `link` mode.
    fn organisations(
        registry: &str,
        chapters: &[(&str, &str)],
        cfg: &OrganisationsConfig,
    ) -> (Model, Organisations, Vec<String>, String) {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(root.path().join("data")).unwrap();
        std::fs::write(root.path().join("data/organisations.yaml"), registry).unwrap();
        let mut diags = Diagnostics::new();
        let m = model(chapters, &mut diags);
        let orgs = Organisations::collect(&m, root.path(), cfg, &mut diags);
        let mut outputs = m.outputs();
        orgs.edit(&m, cfg.link, &mut outputs);
        let texts = m
            .chapters
            .iter()
            .map(|ch| outputs[ch.id].edits.apply(ch.body()))
            .collect();
        (m, orgs, texts, diags.render())
    }

    fn ids(orgs: &Organisations) -> Vec<&str> {
        orgs.directory()
            .orgs
            .iter()
            .map(|o| o.id.as_str())
            .collect()
    }

    #[test]
    fn mentions_are_namings_in_reading_order_with_their_mistakes_reported() {
        let cfg = OrganisationsConfig {
            never_link: vec!["Not in the text".into(), " ".into()],
            ..OrganisationsConfig::default()
        };
        let (m, orgs, _, diags) = organisations(REGISTRY, &BOOK, &cfg);
        assert_eq!(
            diags,
            "\
src/a.md:7:66: error: `org:whoo` names no organisation in the registry [org-unknown-id]
  = hint: did you mean `org:who`?
src/a.md:7:81: error: an `org:` link must be written inline, as `[text](org:id)` [org-reference-link]
  = hint: reference-style links (`[text][ref]`) cannot be rewritten
data/organisations.yaml:2:10: warning: `un` is in the registry but no chapter names it [registry-unmentioned]
  = hint: check that its name, acronym or `forms` are spelt exactly as in the text, or remove the entry
data/organisations.yaml:7:10: warning: `never` is in the registry but no chapter names it [registry-unmentioned]
  = hint: check that its name, acronym or `forms` are spelt exactly as in the text, or remove the entry
data/organisations.yaml:8:10: warning: `host` is in the registry but no chapter names it [registry-unmentioned]
  = hint: check that its name, acronym or `forms` are spelt exactly as in the text, or remove the entry
data/organisations.yaml:5:10: warning: `Group` (a form of `group`) is one ordinary word: the text has it inside longer names such as “Expert Group”, each linked to `group` [registry-common-word]
  = hint: give the entry its full name (list a short form under `forms` only if the text uses it alone), or add the longer names to `never-link`
2 errors, 4 warnings"
        );
        // Named: what the text names, a meeting's organiser and what they are part of.
        assert_eq!(ids(&orgs), ["un", "ilo", "itc", "group", "who", "host"]);
        let dir = orgs.directory();
        let mentions: Vec<(&str, usize, &str, bool, Option<usize>)> = orgs
            .mentions
            .iter()
            .map(|mention| {
                let block = m.chapter(mention.chapter).block(mention.block);
                (
                    dir.org(mention.org).id.as_str(),
                    mention.chapter.0,
                    &block.text[mention.in_block.clone()],
                    mention.acronym,
                    mention.explicit,
                )
            })
            .collect();
        assert_eq!(
            mentions,
            [
                ("ilo", 0, "ILO", true, None),
                ("ilo", 0, "ILO", true, None),
                ("itc", 0, "Training Centre", false, None),
                ("group", 0, "Group", false, None),
                ("group", 0, "Group", false, None),
                ("who", 0, "World Health Organization (WHO)", false, None),
                // A naming keeps its first form's kind: here an explicit link.
                ("who", 0, "the agency (WHO)", false, Some(0)),
                ("ilo", 0, "ILO", true, None),
                // Two explicit links are two mentions.
                ("who", 0, "WHO", false, Some(3)),
                ("who", 0, "World Health Organization", false, Some(4)),
                // A form then an explicit link: the link is the naming's.
                ("who", 0, "World Health Organization (WHO)", false, Some(5)),
                ("ilo", 1, "ILO", true, None),
                ("who", 1, "WHO’s (World Health Organization)", true, None),
            ]
        );
        let counts: Vec<usize> = orgs.by_org().iter().map(Vec::len).collect();
        assert_eq!(counts, [0, 4, 1, 2, 6, 0]);
        assert_eq!(orgs.unused.len(), 1);
        assert_eq!(
            (orgs.unused[0].entry, orgs.unused[0].value.as_str()),
            (Some(0), "Not in the text")
        );
        // Every organisation of the registry, when the book asks for all.
        let all = OrganisationsConfig {
            pages: OrgPages::All,
            ..OrganisationsConfig::default()
        };
        let (_, orgs, _, _) = organisations(REGISTRY, &BOOK, &all);
        assert_eq!(
            ids(&orgs),
            ["un", "ilo", "itc", "group", "who", "never", "host"]
        );
        assert_eq!(orgs.registry.locations.len(), 7);
    }

    #[test]
    fn mentions_are_linked_as_the_link_mode_says() {
        let abbr = |org: &str, title: &str, text: &str| {
            format!(
                "<a class=\"org\" href=\"organisations/{org}.html\"><abbr title=\"{title}\">{text}</abbr></a>"
            )
        };
        let ilo = abbr("ilo", "International Labour Organization", "ILO");
        let who = abbr("who", "World Health Organization", "WHO");
        let link = |org: &str, text: &str| {
            format!("<a class=\"org\" href=\"organisations/{org}.html\">{text}</a>")
        };
        let (itc, group) = (link("itc", "Training Centre"), link("group", "Group"));
        let who_name = link("who", "World Health Organization");
        let page = "organisations/who.html";
        let texts = |second_ilo: &str, second_group: &str, third_ilo: &str| {
            [
                format!(
                    "The {ilo} and the {second_ilo} met the {itc}. The Expert {group} met. The {second_group} met.\n\n\
                     {who_name} (WHO) and [the agency]({page}) (WHO), [x](org:whoo), [y][r]. The {third_ilo}.\n\
                     [WHO]({page}) ([World Health Organization]({page})). World Health Organization ([WHO]({page})).\n\n\
                     [r]: org:who\n"
                ),
                format!("The {ilo} again, {who}’s (World Health Organization) role.\n"),
            ]
        };
        for (mode, expected) in [
            (LinkMode::FirstPerParagraph, texts("ILO", "Group", &ilo)),
            (LinkMode::FirstPerPage, texts("ILO", "Group", "ILO")),
            (LinkMode::Every, texts(&ilo, &group, &ilo)),
        ] {
            let cfg = OrganisationsConfig {
                link: mode,
                ..OrganisationsConfig::default()
            };
            let (_, _, texts, _) = organisations(REGISTRY, &BOOK, &cfg);
            assert_eq!(texts, expected, "{mode:?}");
        }
    }

    #[test]
    fn an_org_link_into_a_folder_named_with_a_space_stays_a_link() {
        let cfg = OrganisationsConfig {
            dir: "Our bodies".into(),
            ..OrganisationsConfig::default()
        };
        let (_, _, texts, diags) = organisations(
            "organisations:\n  - {id: who, name: World Health Organization}\n",
            &[("a.md", "See [it](org:who).\n")],
            &cfg,
        );
        assert_eq!(diags, "0 errors, 0 warnings");
        assert_eq!(texts, ["See [it](<Our bodies/who.html>).\n"]);
    }

    #[test]
    fn a_broken_registry_counts_the_org_links_it_leaves_unchecked() {
        let (_, orgs, texts, diags) = organisations(
            "organisations:\n  - {id: x}\n",
            &[("a.md", "[a](org:x) [b](org:y) [c](agenda:1)\n")],
            &OrganisationsConfig::default(),
        );
        assert_eq!(
            diags,
            "data/organisations.yaml:2:6: error: this entry has no `name`, which it needs \
             (and 2 references to its organisations) [registry-yaml]\n  \
             = hint: add `name:` (see \"Organisations\" in README.md for the registry's keys)\n\
             1 error, 0 warnings"
        );
        assert!(orgs.mentions.is_empty());
        assert_eq!(texts, ["[a](org:x) [b](org:y) [c](agenda:1)\n"]);
    }

    #[test]
    fn a_one_word_name_is_warned_about_once_and_never_for_an_acronym_a_longer_name_or_a_link() {
        let registry = "organisations:
  - {id: group, name: Group}
  - {id: ilo, name: International Labour Organization, acronym: ILO}
  - {id: itc, name: Training Centre}
";
        let text = "The Task [Group](org:group) met; the Expert Group and the Working Group too. \
                    The Geneva ILO and the Turin Training Centre.\n";
        let (_, _, _, diags) =
            organisations(registry, &[("a.md", text)], &OrganisationsConfig::default());
        assert_eq!(
            diags,
            "data/organisations.yaml:2:10: warning: `Group` (a form of `group`) is one ordinary word: \
             the text has it inside longer names such as “Expert Group”, each linked to `group` \
             [registry-common-word]\n  \
             = hint: give the entry its full name (list a short form under `forms` only if the text \
             uses it alone), or add the longer names to `never-link`\n0 errors, 1 warning"
        );
    }

    #[test]
    fn a_naming_is_a_form_then_another_alone_in_parentheses() {
        let naming = |text: &str| {
            let inner = text.rfind("WHO").unwrap();
            in_parentheses_after(text, "World Health Organization".len(), inner..inner + 3)
        };
        assert!(naming("World Health Organization (WHO)"));
        assert!(naming("World Health Organization's (WHO) work"));
        assert!(!naming("World Health Organization (WHO and others)"));
        assert!(!naming("World Health Organization, WHO)"));
        assert!(!naming("World Health Organization (the WHO)"));
    }

    #[test]
    fn a_common_word_counts_after_a_capitalised_word_not_starting_a_sentence() {
        fn before(text: &str) -> Option<&str> {
            name_before(text, text.rfind("Group").unwrap())
        }
        assert_eq!(before("The Expert Group"), Some("Expert"));
        assert_eq!(before("the UN-Expert Group"), Some("UN-Expert"));
        assert_eq!(before("the body—Expert Group"), Some("Expert"));
        assert_eq!(before("The Group"), None);
        assert_eq!(before("It met. Expert Group"), None);
        assert_eq!(before("said “Expert Group"), None);
        assert_eq!(before("the expert Group"), None);
        assert_eq!(before("the Expert-Group"), None);
    }

    #[test]
    fn snippets_cut_at_words() {
        let (b, m, a) = snippet("one two three WORLDS four five six", 14..20, 8);
        assert_eq!(
            (b.as_str(), m.as_str(), a.as_str()),
            ("…three ", "WORLDS", " four…")
        );
        let (b, _, a) = snippet("WORLDS", 0..6, 8);
        assert_eq!((b.as_str(), a.as_str()), ("", ""));
        // Ranges inside a multibyte character are moved to its start (found by a property test).
        let (b, m, _) = snippet("a😀b", 2..3, 8);
        assert_eq!((b.as_str(), m.as_str()), ("a", ""));
    }
}
