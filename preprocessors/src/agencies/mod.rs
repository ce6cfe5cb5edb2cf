//! Organisations: every mention in the text linked to the organisation's own page.
//!
//! Mentions are the registry's forms (names, acronyms, other spellings) found in prose: outside
//! code, links, raw HTML, headings, images and front matter, whole words only, longest form first
//! ("UN Women", not "UN"). A possessive may follow ("UNICEF's", "UNICEF’s"). Mentions become
//! `<a class="org" href="agencies/unicef.html">`, an acronym wrapped in
//! `<abbr title="United Nations Children's Fund">`; by default only the first mention of each
//! organisation per paragraph is linked (`link = "first-per-page" | "every"` in book.toml).
//!
//! Editors can link explicitly, `[the refugee agency](org:unhcr)` (an unknown id is an error with
//! a "did you mean"), and suppress one mention by wrapping it in any inline HTML element, e.g.
//! `<span class="nolink">MOST</span>`.
//!
//! Each paragraph with a mention gets a stable anchor so the organisation's page can link to it.

pub mod pages;
pub mod registry;

use crate::config::{AgenciesConfig, LinkMode};
use crate::diagnostics::Diagnostics;
use crate::html;
use crate::markdown::{order, safe_to_wrap};
use crate::model::{ChapterOutput, Model};
use registry::Registry;
use std::collections::HashSet;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// One mention of an organisation.
#[derive(Debug, Clone)]
pub struct Mention {
    /// Organisation index in the registry.
    pub org: usize,
    /// Chapter index.
    pub chapter: usize,
    /// Block index in the chapter.
    pub block: usize,
    /// Body bytes of the mention, when it can be wrapped in a link.
    pub source: Option<Range<usize>>,
    /// The acronym was used.
    pub acronym: bool,
    /// Byte range of the mention in the block's text (for the context snippet).
    pub in_block: Range<usize>,
    /// Index of the chapter's `org:` link, for explicit mentions.
    pub explicit: Option<usize>,
}

/// The registry and every mention in the book.
#[derive(Debug)]
pub struct Agencies {
    /// The validated registry.
    pub registry: Registry,
    /// Mentions in reading order.
    pub mentions: Vec<Mention>,
    /// The directory of the generated pages (`agencies`).
    pub dir: PathBuf,
}

impl Agencies {
    /// Loads the registry and finds every mention.
    pub fn collect(
        model: &Model,
        root: &Path,
        cfg: &AgenciesConfig,
        diags: &mut Diagnostics,
    ) -> Agencies {
        let registry = Registry::load(root, &cfg.registry, diags);
        let mut mentions = Vec::new();
        for ch in &model.chapters {
            for run in &ch.doc.runs {
                for m in registry
                    .find(&run.text)
                    .into_iter()
                    .filter(|m| !run.in_url(m.range.clone()))
                {
                    mentions.push(Mention {
                        org: m.org,
                        chapter: ch.index,
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
            for (i, link) in ch.doc.scheme_links.iter().enumerate() {
                if link.scheme != "org" {
                    continue;
                }
                let Some(block) = link.block else { continue };
                let Some(org) = registry.get(&link.target) else {
                    let d = diags.error(
                        "org-unknown-id",
                        ch.locate(link.range.start),
                        format!(
                            "`org:{}` names no organisation in the registry",
                            link.target
                        ),
                    );
                    d.hint = Some(match registry.suggest(&link.target) {
                        Some(id) => format!("did you mean `org:{id}`?"),
                        None => format!("add it to `{}` or fix the id", cfg.registry.display()),
                    });
                    continue;
                };
                if link.dest_range.is_none() {
                    diags
                        .error(
                            "org-reference-link",
                            ch.locate(link.range.start),
                            "an `org:` link must be written inline, as `[text](org:id)`",
                        )
                        .hint =
                        Some("reference-style links (`[text][ref]`) cannot be rewritten".into());
                    continue;
                }
                mentions.push(Mention {
                    org,
                    chapter: ch.index,
                    block,
                    source: None,
                    acronym: false,
                    in_block: link.text_in_block.clone(),
                    explicit: Some(i),
                });
            }
        }
        mentions.sort_by_key(|m| (m.chapter, m.block, m.in_block.start));
        Agencies {
            registry,
            mentions,
            dir: cfg.dir.clone(),
        }
    }

    /// The page of organisation `org` (relative to `src/`).
    pub fn page(&self, org: usize) -> PathBuf {
        self.dir.join(format!("{}.md", self.registry.orgs[org].id))
    }

    /// The index page of the organisations.
    pub fn index_page(&self) -> PathBuf {
        self.dir.join("index.md")
    }

    /// The mentions of one organisation (one pass over every mention: for all organisations at
    /// once, use [`Agencies::by_org`]).
    pub fn of(&self, org: usize) -> impl Iterator<Item = &Mention> {
        self.mentions.iter().filter(move |m| m.org == org)
    }

    /// The mentions of every organisation, in reading order, indexed by organisation: one pass,
    /// where calling [`Agencies::of`] for each organisation would cost organisations × mentions.
    pub fn by_org(&self) -> Vec<Vec<&Mention>> {
        let mut out = vec![Vec::new(); self.registry.orgs.len()];
        for m in &self.mentions {
            out[m.org].push(m);
        }
        out
    }

    /// Links the mentions (as `mode` says) and rewrites `org:` links; anchors every paragraph
    /// with a mention.
    pub fn edit(&self, model: &Model, mode: LinkMode, outputs: &mut [ChapterOutput]) {
        let mut linked: HashSet<(usize, usize, Option<usize>)> = HashSet::new();
        for m in &self.mentions {
            let ch = &model.chapters[m.chapter];
            let out = &mut outputs[m.chapter];
            out.anchors.insert(m.block);
            let org = &self.registry.orgs[m.org];
            let href = html::href(&ch.path, &self.page(m.org), None);
            if let Some(i) = m.explicit {
                let link = &ch.doc.scheme_links[i];
                if let Some(dest) = &link.dest_range {
                    out.edits.replace(dest.clone(), href);
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
            let open = if m.acronym {
                format!(
                    "<a class=\"org\" href=\"{href}\"><abbr title=\"{}\">",
                    html::attr(&org.name)
                )
            } else {
                format!("<a class=\"org\" href=\"{href}\">")
            };
            let close = if m.acronym { "</abbr></a>" } else { "</a>" };
            out.edits.insert(source.start, order::OPEN, open);
            out.edits.insert(source.end, order::CLOSE, close);
        }
    }
}

/// Up to `context` characters of `text` on each side of `range`, cut at spaces.
pub fn snippet(text: &str, range: Range<usize>, context: usize) -> (String, String, String) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_cut_at_words() {
        let (b, m, a) = snippet("one two three UNICEF four five six", 14..20, 8);
        assert_eq!(
            (b.as_str(), m.as_str(), a.as_str()),
            ("…three ", "UNICEF", " four…")
        );
        let (b, _, a) = snippet("UNICEF", 0..6, 8);
        assert_eq!((b.as_str(), a.as_str()), ("", ""));
        // Ranges inside a multibyte character are moved to its start (found by a property test).
        let (b, m, _) = snippet("a😀b", 2..3, 8);
        assert_eq!((b.as_str(), m.as_str()), ("a", ""));
    }
}
