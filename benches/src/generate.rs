//! The scaled book: `N` distinct reports derived from the real one, in one mdBook book that
//! builds with zero errors and warnings in strict mode.
//!
//! Each report `rNNN` is the real report's chapters (its landing page, the introduction, the eight
//! action-point chapters, "Moving forward", the meetings chapter) in its own directory
//! `src/rNNN/`, varied deterministically (seeded [`Lcg`]) so that no two reports are copies:
//!
//! - **organisations**: a few organisations the report mentions (`orgs_per_report`, chosen at
//!   random among those with an acronym of three letters or more, mentioned at least twice) are
//!   replaced, in the text and the front matter, by report-specific synthetic ones (a made-up
//!   name and acronym) added to the generated registry, which grows by `N × orgs_per_report`
//!   entries; meetings they organise name the synthetic id;
//! - **meetings**: ids and parents prefixed with the report's id; every year in the report
//!   (text, dates, titles, mentions) shifted by a report-specific number of years (0, −1, +1, −2,
//!   …, unique per report), so dates, titles and mentions stay consistent with the text;
//! - **endnotes**: keys prefixed with the report's id, URLs given a report-specific path (so the
//!   "same document" check sees distinct sources); since endnotes are book-wide, all definitions
//!   are in the one endnotes chapter, report after report, whose front matter holds every
//!   report's endnote meetings and acknowledges each report's pair of notes citing the same
//!   document (as the real report's does);
//! - **text**: in each single-line prose paragraph the sentences are shuffled, and in sentences
//!   without markup a few adjacent words are swapped; a paragraph whose change would split a
//!   meeting's `mention` (or unbalance emphasis, links, quotes or HTML) is left as it was.
//!
//! **The eight-point agenda is book-wide** (exactly one chapter per point in the whole book), so
//! only the first report's chapters declare `agenda-item`; the other reports keep their text
//! (including the phrases that link to the agenda overview) without the declarations.
//!
//! [`plain_copy`] makes the "plain mdBook" book of the same Markdown: the same `src/` files
//! byte for byte, the same theme and `[output.html]`, with `[preprocessor.report*]` and
//! `[output.report-postbuild]` removed.

use crate::Lcg;
use anyhow::{Context, Result, bail};
use mdbook_report::__bench::{Directory, Matcher, Org, OrgId, Registry, parse_registry};
use mdbook_report::Diagnostics;
use regex::Regex;
use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    /// Number of reports.
    pub reports: usize,
    /// Organisations replaced by synthetic ones in each report.
    pub orgs_per_report: usize,
    /// Seed of the variations.
    pub seed: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            reports: 100,
            orgs_per_report: 6,
            seed: 2014,
        }
    }
}

/// What was generated.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The book's root (where `book.toml` is).
    pub root: PathBuf,
    /// Chapters (Markdown pages listed in `SUMMARY.md`).
    pub pages: usize,
    /// Bytes of Markdown in the chapters (front matter included, `SUMMARY.md` not).
    pub markdown_bytes: u64,
    /// Organisations in the generated registry.
    pub organisations: usize,
    /// Meetings declared in front matter.
    pub meetings: usize,
    /// Endnote definitions.
    pub endnotes: usize,
}

static CHAPTER_LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\]\(([^)\s]+\.md)\)").expect("valid"));
static URL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"https?://[^\s<>)\]]+").expect("valid"));
static URL_HOST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(https?://[^/\s<>)\]#?]+)").expect("valid"));
static LINK_DEST: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\]\([^)]*\)").expect("valid"));
static NOTE_KEY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[\^([^\]\s]+)\]").expect("valid"));
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(1[89]\d\d|20\d\d)\b").expect("valid"));
static ROOT_PAGE_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\]\((agenda\.md|timeline\.md|documents\.md|endnotes\.md|agencies/[^)\s]*)\)")
        .expect("valid")
});

/// One report's variations.
struct Variant<'a> {
    /// `r001`.
    id: String,
    /// Years added to every year.
    shift: i32,
    registry: &'a Registry,
    /// The registry's forms (and the book's `never-link` phrases), as the preprocessor finds them.
    matcher: &'a Matcher,
    /// Original organisation → (synthetic id, name, acronym).
    orgs: HashMap<OrgId, Synthetic>,
    /// The forms of the registry and of this report's synthetic organisations: a word swap must
    /// keep every mention of either.
    all_forms: Matcher,
    rng: Lcg,
}

#[derive(Debug, Clone)]
struct Synthetic {
    id: String,
    name: String,
    acronym: Option<String>,
    original: OrgId,
}

/// The chapters `SUMMARY.md` links, in order.
fn summary_chapters(summary: &str) -> Vec<String> {
    CHAPTER_LINK
        .captures_iter(summary)
        .map(|c| c[1].to_string())
        .collect()
}

/// Splits `---\n…\n---\n` front matter off; `("", text)` without.
fn split_front(text: &str) -> (&str, &str) {
    if let Some(rest) = text.strip_prefix("---\n")
        && let Some(end) = rest.find("\n---\n")
    {
        let cut = 4 + end + 5;
        return (&text[..cut], &text[cut..]);
    }
    ("", text)
}

/// Spans that must not change when organisations are renamed: URLs and link destinations.
fn protected_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans: Vec<Range<usize>> = URL.find_iter(text).map(|m| m.range()).collect();
    spans.extend(LINK_DEST.find_iter(text).map(|m| m.range()));
    spans
}

/// Straight quotes, no emphasis markers, single spaces: how a `mention` is compared with text.
fn normalise(text: &str) -> String {
    let s: String = text
        .chars()
        .filter(|c| *c != '*' && *c != '\\')
        .map(|c| match c {
            '’' | '‘' => '\'',
            '“' | '”' => '"',
            c => c,
        })
        .collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The value of a `key: value` YAML line, unquoted.
fn yaml_value(value: &str) -> String {
    let v = value.trim();
    if let Some(inner) = v.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        inner.replace("\\\"", "\"").replace("\\\\", "\\")
    } else if let Some(inner) = v.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
        inner.replace("''", "'")
    } else {
        v.to_string()
    }
}

impl Variant<'_> {
    fn shift_years(&self, text: &str) -> String {
        YEAR.replace_all(text, |c: &regex::Captures| {
            let year: i32 = c[1].parse().expect("digits");
            (year + self.shift).to_string()
        })
        .into_owned()
    }

    fn key(&self, key: &str) -> String {
        format!("{}-{}", self.id, self.shift_years(key))
    }

    /// Renames the replaced organisations outside URLs and link destinations.
    fn rename_orgs(&self, text: &str) -> String {
        if self.orgs.is_empty() {
            return text.to_string();
        }
        let protected = protected_spans(text);
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for m in self.matcher.find(text) {
            let Some(s) = self.orgs.get(&m.org) else {
                continue;
            };
            if protected
                .iter()
                .any(|p| p.start < m.range.end && m.range.start < p.end)
            {
                continue;
            }
            out.push_str(&text[at..m.range.start]);
            match (&s.acronym, m.acronym) {
                (Some(acronym), true) => out.push_str(acronym),
                _ => out.push_str(&s.name),
            }
            at = m.range.end;
        }
        out.push_str(&text[at..]);
        out
    }

    /// Report-specific URLs, endnote keys, years and organisations, for text of the report.
    fn text(&self, text: &str) -> String {
        let text =
            URL_HOST.replace_all(text, |c: &regex::Captures| format!("{}/{}", &c[1], self.id));
        let text = NOTE_KEY.replace_all(&text, |c: &regex::Captures| {
            format!("[^{}]", self.key(&c[1]))
        });
        let text = self.shift_years(&text);
        self.rename_orgs(&text)
    }

    /// The front matter, varied: meeting ids, parents and organisers, years and organisations in
    /// the values; `agenda-item` kept only when `agenda`. Returns the text and the mentions.
    fn front(&self, front: &str, agenda: bool) -> (String, Vec<String>) {
        let mut out = String::with_capacity(front.len());
        let mut mentions = Vec::new();
        for line in front.split_inclusive('\n') {
            let trimmed = line.trim_start();
            let indent = &line[..line.len() - trimmed.len()];
            if trimmed.starts_with("agenda-item:") && !agenda {
                continue;
            }
            let new = if let Some(id) = trimmed.strip_prefix("- id: ") {
                format!(
                    "{indent}- id: {}-{}\n",
                    self.id,
                    self.shift_years(id.trim())
                )
            } else if let Some(id) = trimmed.strip_prefix("parent: ") {
                format!(
                    "{indent}parent: {}-{}\n",
                    self.id,
                    self.shift_years(id.trim())
                )
            } else if let Some(list) = trimmed
                .strip_prefix("organisers: [")
                .and_then(|l| l.trim_end().strip_suffix(']'))
            {
                let ids: Vec<String> = list
                    .split(',')
                    .map(|id| {
                        let id = id.trim();
                        self.registry
                            .directory
                            .get(id)
                            .and_then(|o| self.orgs.get(&o))
                            .map_or_else(|| id.to_string(), |s| s.id.clone())
                    })
                    .collect();
                format!("{indent}organisers: [{}]\n", ids.join(", "))
            } else if trimmed.starts_with("- [") {
                // A `same-source` pair of endnote keys.
                let inner = trimmed
                    .trim()
                    .trim_start_matches("- [")
                    .trim_end_matches(']');
                let keys: Vec<String> = inner.split(',').map(|k| self.key(k.trim())).collect();
                format!("{indent}- [{}]\n", keys.join(", "))
            } else {
                let varied = self.rename_orgs(&self.shift_years(line));
                if let Some(value) = varied.trim_start().strip_prefix("mention: ") {
                    mentions.push(normalise(&yaml_value(value)));
                }
                varied
            };
            out.push_str(&new);
        }
        (out, mentions)
    }

    /// Shuffles sentences and swaps words in single-line prose paragraphs, keeping every
    /// `mention` inside one sentence and every sentence's markup balanced.
    fn vary_prose(&mut self, body: &str, mentions: &[String]) -> String {
        // A mention this code cannot find in the raw text (markup inside it) could be split:
        // leave such a chapter's text in its order.
        let whole = normalise(body);
        if mentions.iter().any(|m| !whole.contains(m.as_str())) {
            return body.to_string();
        }
        let lines: Vec<&str> = body.split('\n').collect();
        let mut out = Vec::with_capacity(lines.len());
        for (i, line) in lines.iter().enumerate() {
            let single = i > 0
                && lines[i - 1].trim().is_empty()
                && lines.get(i + 1).is_none_or(|l| l.trim().is_empty());
            if single && is_prose(line) {
                out.push(self.vary_paragraph(line, mentions));
            } else {
                out.push((*line).to_string());
            }
        }
        out.join("\n")
    }

    fn vary_paragraph(&mut self, para: &str, mentions: &[String]) -> String {
        let sentences = split_sentences(para);
        if sentences.iter().any(|s| !balanced(s)) {
            return para.to_string();
        }
        let norm: Vec<String> = sentences.iter().map(|s| normalise(s)).collect();
        let para_norm = normalise(para);
        let inside: Vec<&String> = mentions
            .iter()
            .filter(|m| para_norm.contains(m.as_str()))
            .collect();
        // Every mention of this paragraph must sit in one sentence for the order to change.
        let reorder = inside
            .iter()
            .all(|m| norm.iter().any(|s| s.contains(m.as_str())));
        let mut varied: Vec<String> = sentences
            .iter()
            .zip(&norm)
            .map(|(s, n)| {
                if inside.iter().any(|m| n.contains(m.as_str())) || has_markup(s) {
                    (*s).to_string()
                } else {
                    self.swap_words(s)
                }
            })
            .collect();
        if reorder && varied.len() > 1 {
            self.rng.shuffle(&mut varied);
        }
        let out = varied.join(" ");
        // The paragraph's mentions must survive (a swap may not create or break one).
        let out_norm = normalise(&out);
        if inside.iter().all(|m| out_norm.contains(m.as_str())) {
            out
        } else {
            para.to_string()
        }
    }

    /// Swaps about one adjacent pair of inner words in six.
    fn swap_words(&mut self, sentence: &str) -> String {
        let mut words: Vec<&str> = sentence.split(' ').collect();
        if words.len() < 6 {
            return sentence.to_string();
        }
        for _ in 0..words.len() / 6 {
            // Inner words only: the first keeps its capital, the last its full stop.
            let i = 1 + self.rng.below(words.len() - 3);
            words.swap(i, i + 1);
        }
        let swapped = words.join(" ");
        // A swap may not break or create the mention of an organisation (one named only there
        // would be left unmentioned, a warning of the strict build).
        let orgs = |text: &str| {
            let mut orgs: Vec<OrgId> = self.all_forms.find(text).iter().map(|m| m.org).collect();
            orgs.sort_unstable();
            orgs
        };
        if orgs(&swapped) == orgs(sentence) {
            swapped
        } else {
            sentence.to_string()
        }
    }
}

/// A paragraph of prose (not a heading, list, table, HTML, quote, code or definition).
fn is_prose(line: &str) -> bool {
    let Some(first) = line.chars().next() else {
        return false;
    };
    first.is_alphabetic() && !line.starts_with("[^") && !line.contains("  ")
}

fn has_markup(s: &str) -> bool {
    s.contains(|c: char| {
        matches!(
            c,
            '*' | '_'
                | '['
                | ']'
                | '('
                | ')'
                | '<'
                | '>'
                | '`'
                | '"'
                | '“'
                | '”'
                | '{'
                | '}'
                | '|'
                | '\\'
                | '&'
        )
    })
}

/// Emphasis, links, parentheses, HTML, code and quotes balanced within the sentence.
fn balanced(s: &str) -> bool {
    let count = |c: char| s.matches(c).count();
    let stars = s.matches("**").count();
    count('[') == count(']')
        && count('(') == count(')')
        && count('<') == count('>')
        && count('{') == count('}')
        && count('`').is_multiple_of(2)
        && count('"').is_multiple_of(2)
        && count('“') == count('”')
        && stars.is_multiple_of(2)
        && (count('*') - 2 * stars).is_multiple_of(2)
        && count('_').is_multiple_of(2)
}

/// Splits at `. ` (`!`, `?`, with closing quotes or brackets and endnote references kept with
/// their sentence) before a capital letter.
fn split_sentences(para: &str) -> Vec<&str> {
    let bytes = para.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if matches!(bytes[i], b'.' | b'!' | b'?') {
            let mut j = i + 1;
            // Closing quotes and brackets, then endnote references.
            loop {
                let rest = &para[j..];
                if let Some(c) = rest
                    .chars()
                    .next()
                    .filter(|c| matches!(c, '"' | '”' | '’' | ')' | '\''))
                {
                    j += c.len_utf8();
                } else if rest.starts_with("[^") {
                    match rest.find(']') {
                        Some(end) => j += end + 1,
                        None => break,
                    }
                } else {
                    break;
                }
            }
            if para[j..].starts_with(' ')
                && para[j + 1..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_uppercase())
            {
                out.push(&para[start..j]);
                start = j + 1;
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    out.push(&para[start..]);
    out
}

/// A pronounceable made-up word of two or three syllables.
fn pseudo_word(rng: &mut Lcg) -> String {
    const ONSETS: &[&str] = &[
        "b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "kr",
        "st", "tr", "sh",
    ];
    const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ou", "ea"];
    const CODAS: &[&str] = &["", "", "n", "r", "l", "s", "th", "nd"];
    let syllables = 2 + rng.below(2);
    let mut w = String::new();
    for _ in 0..syllables {
        w.push_str(ONSETS[rng.below(ONSETS.len())]);
        w.push_str(VOWELS[rng.below(VOWELS.len())]);
    }
    w.push_str(CODAS[rng.below(CODAS.len())]);
    let mut c = w.chars();
    let first = c.next().expect("non-empty").to_ascii_uppercase();
    std::iter::once(first).chain(c).collect()
}

const SUFFIXES: &[&str] = &[
    "Agency",
    "Fund",
    "Institute",
    "Council",
    "Office",
    "Programme",
    "Network",
    "Commission",
    "Foundation",
    "Centre",
];

/// A synthetic organisation for `original`, its forms unused by any text or registry form.
fn synthetic(
    rid: &str,
    original: OrgId,
    registry: &Registry,
    rng: &mut Lcg,
    taken: &mut BTreeSet<String>,
) -> Synthetic {
    let org = registry.directory.org(original);
    loop {
        let (a, b) = (pseudo_word(rng), pseudo_word(rng));
        let suffix = SUFFIXES[rng.below(SUFFIXES.len())];
        let name = format!("{a} {b} {suffix}");
        let acronym = org.acronym.as_ref().map(|_| {
            let mut s: String = [&a, &b, suffix]
                .iter()
                .map(|w| w.chars().next().expect("non-empty"))
                .collect();
            s.push((b'A' + rng.below(26) as u8) as char);
            s
        });
        let forms = std::iter::once(&name).chain(acronym.as_ref());
        if forms.clone().any(|f| taken.contains(f)) {
            continue;
        }
        for f in forms {
            taken.insert(f.clone());
        }
        taken.insert(a);
        taken.insert(b);
        return Synthetic {
            id: format!("{rid}-{}", org.id),
            name,
            acronym,
            original,
        };
    }
}

/// Copies a directory tree.
fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

/// `book.toml` for a copy: strict, watching only `data/` (the copy has no Rust sources);
/// `title` replaces the title. With `plain`, `[preprocessor.report]` and its sub-tables,
/// `[output.report-postbuild]` (and `extra-watch-dirs`) are removed: plain mdBook with the same
/// `[output.html]`.
pub fn derive_book_toml(orig: &str, title: Option<&str>, plain: bool) -> String {
    let mut out = String::new();
    let mut skipping = false;
    for line in orig.lines() {
        let t = line.trim();
        if t.starts_with('[') {
            skipping = plain && is_our_table(t);
        }
        if skipping {
            continue;
        }
        if t.starts_with("extra-watch-dirs") {
            if !plain {
                out.push_str("extra-watch-dirs = [\"data\"]\n");
            }
            continue;
        }
        if t.starts_with("deny-warnings") {
            out.push_str("deny-warnings = true\n");
            continue;
        }
        if let (Some(title), true) = (title, t.starts_with("title =")) {
            writeln!(out, "title = \"{title}\"").expect("string");
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// `[preprocessor.report]`, `[preprocessor.report.…]`, `[output.report-postbuild]` or
/// `[output.html.search]` (a trimmed table header line, comments after it allowed). The last is
/// the plugin set switching mdBook's search index off for its own: a plain copy keeps mdBook's
/// default, its search on, so it is mdBook doing the whole job, search included.
fn is_our_table(header: &str) -> bool {
    let name = header
        .trim_start_matches('[')
        .split(']')
        .next()
        .unwrap_or("")
        .trim();
    name == "preprocessor.report"
        || name.starts_with("preprocessor.report.")
        || name == "output.report-postbuild"
        || name == "output.html.search"
}

/// The report itself, copied to `out` (book.toml, src/, theme/, data/) so that benchmarks can
/// edit and build it without touching the repository.
pub fn copy_report(repo: &Path, out: &Path) -> Result<()> {
    if out.exists() {
        std::fs::remove_dir_all(out)?;
    }
    std::fs::create_dir_all(out)?;
    for dir in ["src", "theme", "data"] {
        copy_dir(&repo.join(dir), &out.join(dir))?;
    }
    let toml = std::fs::read_to_string(repo.join("book.toml"))?;
    std::fs::write(out.join("book.toml"), derive_book_toml(&toml, None, false))?;
    // mdbook serve skips changes that the nearest .gitignore ignores (the repository's ignores
    // target/): this one ignores only the output.
    std::fs::write(out.join(".gitignore"), "/book\n")?;
    Ok(())
}

/// The plain mdBook book of the same Markdown as the book at `full`: its `src/` (every file byte
/// for byte) and `theme/`, and its `book.toml` without our preprocessor and post-build renderer.
pub fn plain_copy(full: &Path, out: &Path) -> Result<()> {
    if out.exists() {
        std::fs::remove_dir_all(out)?;
    }
    std::fs::create_dir_all(out)?;
    copy_dir(&full.join("src"), &out.join("src"))?;
    copy_dir(&full.join("theme"), &out.join("theme"))?;
    let toml = std::fs::read_to_string(full.join("book.toml"))?;
    std::fs::write(out.join("book.toml"), derive_book_toml(&toml, None, true))?;
    std::fs::write(out.join(".gitignore"), "/book\n")?;
    Ok(())
}

/// The plain mdBook book of what our preprocessing *produces* for the book at `full`: every
/// chapter as the HTML renderer receives it (mdBook's `index` and `links`, then ours, as in a real
/// build), written back as Markdown with a `SUMMARY.md` of the same structure, the same theme and
/// the plain `book.toml`. `mdbook build` of it renders exactly the pages of a full build, so the
/// time of a full build over the time of this one is the cost of our own work (preprocessing and
/// post-build step) apart from mdBook rendering the pages we add. Sidebar numbers of the pages we
/// generate may differ (a `SUMMARY.md` cannot express an unnumbered chapter under a part title).
pub fn expanded_copy(full: &Path, out: &Path) -> Result<()> {
    let mut md = mdbook_driver::MDBook::load(full).map_err(|e| anyhow::anyhow!("{e:#}"))?;
    mdbook_report::build::register(&mut md);
    let (book, _) = md
        .preprocess_book(&mdbook_html::HtmlHandlebars::new())
        .map_err(|e| anyhow::anyhow!("{e:#}"))?;
    plain_copy(full, out)?;
    let mut summary = String::from("# Summary\n\n");
    write_summary(&book.items, 0, &mut false, &mut summary, &out.join("src"))?;
    std::fs::write(out.join("src/SUMMARY.md"), summary)?;
    Ok(())
}

/// Appends the `SUMMARY.md` lines of `items` (at nesting `depth`) and writes each chapter's
/// content under `src`. `in_list` turns true at the first numbered chapter or part title: every chapter after
/// it is written as a list item, since our generated parts follow the report's suffix chapter
/// (Endnotes), which a `SUMMARY.md` cannot express.
fn write_summary(
    items: &[mdbook_driver::book::BookItem],
    depth: usize,
    in_list: &mut bool,
    summary: &mut String,
    src: &Path,
) -> Result<()> {
    use mdbook_driver::book::BookItem;
    for item in items {
        match item {
            BookItem::Chapter(ch) => {
                let indent = "  ".repeat(depth);
                *in_list |= ch.number.is_some();
                let bullet = if depth > 0 || *in_list { "- " } else { "" };
                let name = ch.name.replace('[', "\\[").replace(']', "\\]");
                if bullet.is_empty() {
                    // Not a continuation of the list above it.
                    summary.push('\n');
                }
                let path = ch.path.as_deref().map(|p| p.display().to_string());
                writeln!(
                    summary,
                    "{indent}{bullet}[{name}]({})",
                    path.as_deref().unwrap_or("")
                )
                .expect("string");
                if let Some(p) = &ch.path {
                    let file = src.join(p);
                    if let Some(dir) = file.parent() {
                        std::fs::create_dir_all(dir)?;
                    }
                    std::fs::write(&file, &ch.content)?;
                }
                write_summary(&ch.sub_items, depth + 1, in_list, summary, src)?;
            }
            BookItem::Separator => summary.push_str("\n---\n\n"),
            BookItem::PartTitle(title) => {
                *in_list = true;
                writeln!(summary, "\n# {title}\n").expect("string");
            }
        }
    }
    Ok(())
}

/// Bytes of Markdown in the chapters of the book at `root` (every `.md` under `src/` but
/// `SUMMARY.md`).
pub fn markdown_bytes(root: &Path) -> Result<u64> {
    fn walk(dir: &Path, total: &mut u64) -> Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let entry = entry?;
            let path = entry.path();
            if entry.file_type()?.is_dir() {
                walk(&path, total)?;
            } else if path.extension().is_some_and(|e| e == "md")
                && path.file_name().is_some_and(|n| n != "SUMMARY.md")
            {
                *total += entry.metadata()?.len();
            }
        }
        Ok(())
    }
    let mut total = 0;
    walk(&root.join("src"), &mut total)?;
    Ok(total)
}

/// Generates the `opts.reports`-report book from the report in `repo` into `out` (replaced).
pub fn generate(repo: &Path, out: &Path, opts: &Options) -> Result<Generated> {
    if opts.reports == 0 {
        bail!("at least one report");
    }
    let src = repo.join("src");
    let summary = std::fs::read_to_string(src.join("SUMMARY.md"))?;
    let chapters = summary_chapters(&summary);
    let endnotes_file = "endnotes.md";
    let report_chapters: Vec<&String> = chapters.iter().filter(|c| *c != endnotes_file).collect();
    let read = |name: &str| {
        std::fs::read_to_string(src.join(name)).with_context(|| format!("cannot read src/{name}"))
    };
    let texts: Vec<(String, String)> = report_chapters
        .iter()
        .map(|c| Ok(((*c).clone(), read(c)?)))
        .collect::<Result<_>>()?;
    let endnotes = read(endnotes_file)?;

    // The report's own configuration: where its registry is, and the phrases it never links.
    let book = mdbook_driver::MDBook::load(repo).map_err(|e| anyhow::anyhow!("{e:#}"))?;
    let cfg = crate::config_of(&book)?.organisations;
    let registry_path = cfg.registry_path();
    let registry_text = std::fs::read_to_string(repo.join(registry_path))
        .with_context(|| format!("cannot read {}", registry_path.display()))?;
    let mut diags = Diagnostics::new();
    let registry = parse_registry(&registry_text, registry_path, &cfg.dir, &mut diags);
    if diags.is_fatal(false) {
        bail!("the registry has problems:\n{}", diags.render());
    }
    let matcher = Matcher::new(&registry.directory, &cfg.never_link);
    let dir = &registry.directory;

    // Words in use, so that synthetic names and acronyms never collide with text or forms.
    let word = Regex::new(r"[A-Za-z]+").expect("valid");
    let mut taken: BTreeSet<String> = BTreeSet::new();
    for text in texts
        .iter()
        .map(|(_, t)| t)
        .chain([&endnotes, &registry_text])
    {
        taken.extend(word.find_iter(text).map(|m| m.as_str().to_string()));
    }
    // Organisations worth replacing: an acronym of 3+ letters, mentioned twice or more.
    let mut counts: HashMap<OrgId, usize> = HashMap::new();
    for text in texts.iter().map(|(_, t)| t).chain([&endnotes]) {
        for m in matcher.find(split_front(text).1) {
            *counts.entry(m.org).or_default() += 1;
        }
    }
    let mut candidates: Vec<OrgId> = counts
        .iter()
        .filter(|&(&o, &n)| {
            n >= 2
                && dir
                    .org(o)
                    .acronym
                    .as_ref()
                    .is_some_and(|a| a.chars().filter(|c| c.is_alphabetic()).count() >= 3)
        })
        .map(|(&o, _)| o)
        .collect();
    candidates.sort_unstable();

    if out.exists() {
        std::fs::remove_dir_all(out)?;
    }
    let out_src = out.join("src");
    std::fs::create_dir_all(&out_src)?;
    copy_dir(&repo.join("theme"), &out.join("theme"))?;

    let (end_front, end_body) = split_front(&endnotes);
    let end_defs = end_body
        .split_once("# Endnotes\n")
        .map_or(end_body, |(_, defs)| defs)
        .trim();

    let mut summary_out = String::from("# Summary\n\n[About this collection](index.md)\n\n");
    let mut index = format!(
        "# A collection of {n} follow-up reports\n\nA book generated by `report-bench` (benches/) from the GMG follow-up report: {n} distinct reports, each with its own organisations, meetings and endnotes, to measure the build at scale. See BENCHMARKS.md.\n\n",
        n = opts.reports
    );
    let mut same_source = String::new();
    let mut end_meetings = String::new();
    let mut definitions = String::new();
    let mut synthetic_orgs: Vec<Synthetic> = Vec::new();
    // How many reports replaced each organisation of the registry.
    let mut replaced: HashMap<OrgId, usize> = HashMap::new();

    for r in 0..opts.reports {
        let rid = format!("r{:03}", r + 1);
        let mut rng = Lcg::new(opts.seed.wrapping_add(r as u64 * 0x0100_0193));
        // 0, −1, +1, −2, +2, …: unique per report, independent of the number of reports.
        let shift = if r % 2 == 0 {
            (r / 2) as i32
        } else {
            -(r as i32 + 1) / 2
        };
        let mut pool = candidates.clone();
        rng.shuffle(&mut pool);
        let mut orgs = HashMap::new();
        let first_own = synthetic_orgs.len();
        for &o in pool.iter().take(opts.orgs_per_report) {
            let s = synthetic(&rid, o, &registry, &mut rng, &mut taken);
            synthetic_orgs.push(s.clone());
            orgs.insert(o, s);
            *replaced.entry(o).or_default() += 1;
        }
        let all_forms = with_synthetic(dir, &synthetic_orgs[first_own..], &cfg.never_link);
        let mut v = Variant {
            id: rid.clone(),
            shift,
            registry: &registry,
            matcher: &matcher,
            orgs,
            all_forms,
            rng,
        };
        std::fs::create_dir_all(out_src.join(&rid))?;
        for (name, text) in &texts {
            let (front, body) = split_front(text);
            let (front, mentions) = v.front(front, r == 0);
            let mut body = v.vary_prose(&v.text(body), &mentions);
            if name == "index.md" {
                body = ROOT_PAGE_LINK.replace_all(&body, "](../$1)").into_owned();
            }
            std::fs::write(out_src.join(&rid).join(name), front + &body)?;
        }
        // SUMMARY: the report's chapters under a part title.
        writeln!(summary_out, "# Report {rid}\n").expect("string");
        writeln!(summary_out, "- [About this report](<{rid}/index.md>)").expect("string");
        for line in summary.lines() {
            let t = line.trim_start();
            if !t.starts_with("- [") || t.contains(endnotes_file) {
                continue;
            }
            let line =
                CHAPTER_LINK.replace(line, |c: &regex::Captures| format!("]({rid}/{})", &c[1]));
            writeln!(summary_out, "{}", v.shift_years(&line)).expect("string");
        }
        summary_out.push('\n');
        writeln!(index, "- [Report {rid}]({rid}/index.md)").expect("string");
        // Endnotes: definitions, the endnote meetings and the acknowledged pairs.
        let (front, end_mentions) = v.front(end_front, false);
        for line in v.text(end_defs).lines() {
            match line.split_once("]: ") {
                Some((key, content)) if line.starts_with("[^") => {
                    // Varied like prose; a note without a URL also names its report, so that no
                    // two reports' notes read as the same document.
                    let content = v.vary_paragraph(content, &end_mentions);
                    let own = if URL.is_match(&content) {
                        String::new()
                    } else {
                        format!(" ({rid})")
                    };
                    writeln!(definitions, "{key}]: {content}{own}").expect("string");
                }
                _ => writeln!(definitions, "{line}").expect("string"),
            }
        }
        definitions.push('\n');
        let mut section = "";
        for line in front.lines() {
            let t = line.trim_start();
            if !line.starts_with(' ') && t.ends_with(':') {
                section = t;
                continue;
            }
            if line.starts_with(' ') || line.starts_with('-') {
                match section {
                    "same-source:" => writeln!(same_source, "{line}").expect("string"),
                    "meetings:" => writeln!(end_meetings, "{line}").expect("string"),
                    _ => {}
                }
            }
        }
    }
    writeln!(summary_out, "[Endnotes]({endnotes_file})").expect("string");
    std::fs::write(out_src.join("SUMMARY.md"), summary_out)?;
    // An organisation that every report replaced is named by no chapter: named here, so that
    // the registry (the real one, kept whole) has no unmentioned entry.
    let everywhere: Vec<&str> = dir
        .iter()
        .filter(|(o, _)| replaced.get(o) == Some(&opts.reports))
        .map(|(_, org)| org.name.as_str())
        .collect();
    if !everywhere.is_empty() {
        writeln!(
            index,
            "\nEvery report of this collection replaces some organisations of the original report with its own; these it names in none: {}.",
            everywhere.join(", ")
        )
        .expect("string");
    }
    std::fs::write(out_src.join("index.md"), index)?;
    let endnotes_out = format!(
        "---\ndescription: \"The endnotes of the {n} generated reports, each linked to where it is cited.\"\nsame-source:\n{same_source}meetings:\n{end_meetings}---\n# Endnotes\n\n{definitions}",
        n = opts.reports
    );
    std::fs::write(
        out_src.join(endnotes_file),
        endnotes_out.trim_end().to_string() + "\n",
    )?;

    // The registry: the real one, then the synthetic organisations.
    let mut reg = registry_text.trim_end().to_string();
    reg.push_str("\n\n  # ---------------------------------------------------------------- generated by report-bench\n");
    // The kind and parent of the organisation each replaces; in no group.
    for s in &synthetic_orgs {
        let org = dir.org(s.original);
        writeln!(reg, "  - id: {}", s.id).expect("string");
        writeln!(reg, "    name: \"{}\"", s.name).expect("string");
        if let Some(a) = &s.acronym {
            writeln!(reg, "    acronym: \"{a}\"").expect("string");
        }
        if let Some(kind) = org.kind {
            writeln!(reg, "    kind: {}", dir.kinds[kind].id).expect("string");
        }
        if let Some(p) = org.parent {
            writeln!(reg, "    parent: {}", dir.org(p).id).expect("string");
        }
        reg.push('\n');
    }
    let out_registry = out.join(registry_path);
    if let Some(parent) = out_registry.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(out_registry, reg.trim_end().to_string() + "\n")?;

    let toml = std::fs::read_to_string(repo.join("book.toml"))?;
    let title = format!(
        "GMG follow-up reports: a generated collection of {}",
        opts.reports
    );
    std::fs::write(
        out.join("book.toml"),
        derive_book_toml(&toml, Some(&title), false),
    )?;
    std::fs::write(out.join(".gitignore"), "/book\n")?;

    let meetings_per_report: usize = texts
        .iter()
        .map(|(_, t)| split_front(t).0.matches("\n  - id: ").count())
        .sum::<usize>()
        + split_front(&endnotes).0.matches("\n  - id: ").count();
    Ok(Generated {
        root: out.to_path_buf(),
        pages: opts.reports * report_chapters.len() + 2,
        markdown_bytes: markdown_bytes(out)?,
        organisations: dir.orgs.len() + synthetic_orgs.len(),
        meetings: meetings_per_report * opts.reports,
        endnotes: NOTE_KEY.find_iter(end_defs).count() * opts.reports,
    })
}

/// A matcher of `dir`'s forms and those of `synthetic` organisations (after the registry's, so
/// the registry's ids stay the same).
fn with_synthetic(dir: &Directory, synthetic: &[Synthetic], never_link: &[String]) -> Matcher {
    let mut orgs = dir.orgs.clone();
    orgs.extend(synthetic.iter().map(|s| Org {
        id: s.id.clone(),
        name: s.name.clone(),
        acronym: s.acronym.clone(),
        forms: Vec::new(),
        kind: None,
        parent: None,
        children: Vec::new(),
        groups: Vec::new(),
        website: None,
    }));
    let all = Directory::new(orgs, dir.kinds.clone(), dir.groups.clone(), dir.dir.clone());
    Matcher::new(&all, never_link)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_keep_their_endnote_references_and_quotes() {
        let s =
            split_sentences("It met in 2014.[^a] The report said \"yes.\" Then U.S. policy. Done");
        assert_eq!(
            s,
            [
                "It met in 2014.[^a]",
                "The report said \"yes.\"",
                "Then U.S. policy.",
                "Done"
            ]
        );
    }

    #[test]
    fn balance_rejects_split_markup() {
        assert!(balanced("A **bold** [link](x) \"q\"."));
        assert!(!balanced("A **bold."));
        assert!(!balanced("A [link."));
    }

    #[test]
    fn a_generated_book_is_valid_in_strict_mode_and_its_reports_differ() {
        let out = std::env::temp_dir().join(format!("report-bench-gen-{}", std::process::id()));
        let opts = Options {
            reports: 3,
            ..Options::default()
        };
        let g = generate(&crate::repo_root(), &out, &opts).unwrap();
        assert_eq!(g.pages, 3 * 12 + 2);
        assert_eq!(g.organisations, 90 + 3 * opts.orgs_per_report);
        let a = std::fs::read_to_string(out.join("src/r002/evidence-base.md")).unwrap();
        let b = std::fs::read_to_string(out.join("src/r003/evidence-base.md")).unwrap();
        assert_ne!(a.replace("r002", "r003"), b);
        let md = mdbook_driver::MDBook::load(&out).unwrap();
        let cfg = crate::config_of(&md).unwrap();
        let mut diags = Diagnostics::new();
        mdbook_report::preprocessor::transform(md.book, &cfg, &out, Path::new("src"), &mut diags);
        diags.deny_warnings();
        assert!(!diags.is_fatal(true), "{}", diags.render());
        std::fs::remove_dir_all(&out).unwrap();
    }

    #[test]
    fn book_toml_plain_drops_our_tables() {
        let toml = "[book]\ntitle = \"T\"\n[build]\nextra-watch-dirs = [\"preprocessors\", \"data\"]\n[preprocessor.report]\nafter = [\"links\"]\ndeny-warnings = false\n[preprocessor.report.timeline]\nenable = true\n[preprocessor.reporter]\ncommand = \"z\"\n[output.html]\nno-section-label = false\n[output.report-postbuild]\n";
        let plain = derive_book_toml(toml, None, true);
        assert_eq!(
            plain,
            "[book]\ntitle = \"T\"\n[build]\n[preprocessor.reporter]\ncommand = \"z\"\n[output.html]\nno-section-label = false\n"
        );
        let full = derive_book_toml(toml, Some("G"), false);
        assert!(full.contains("title = \"G\"\n"));
        assert!(full.contains("extra-watch-dirs = [\"data\"]\n"));
        assert!(full.contains("deny-warnings = true\n"));
        assert!(full.contains("[preprocessor.report.timeline]\n"));
        assert!(full.contains("[output.report-postbuild]\n"));
    }
}
