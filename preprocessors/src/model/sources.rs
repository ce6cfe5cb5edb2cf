//! The book's sources stay inside the book: what `SUMMARY.md` lists and what chapters include.
//!
//! mdBook reads whatever `SUMMARY.md` names (`../../x.md` is read, and its page written outside
//! the site; a missing chapter is created in `src/` unless `build.create-missing` is off) and
//! whatever `{{#include}}` names, from anywhere on the disk; a chapter or include may also be a
//! symbolic link to a file elsewhere. [`check`] reads `SUMMARY.md` and the chapters' files as
//! they are on disk and reports, each located where the editor wrote it:
//!
//! - an entry whose path is absolute or leaves `src/` (`summary-outside`), an entry listed twice
//!   (`summary-duplicate`), and what mdBook's own parser of `SUMMARY.md` refuses
//!   (`summary-syntax`);
//! - an entry for a file that does not exist (`summary-missing`);
//! - a chapter that is a link to a file outside the book's folder (`chapter-outside`);
//! - a chapter that is not UTF-8 text (`chapter-utf8`), at its first bad byte;
//! - an `{{#include}}`, `{{#rustdoc_include}}` or `{{#playground}}` of a file outside the book's
//!   repository (`include-outside`: see [`crate::base::paths`]; mdBook's own guide includes
//!   files of its repository, so that much is allowed) or of no file (`include-missing`: mdBook
//!   would print the directive as text);
//! - an include of an anchor the file does not have (`include-anchor`) or of lines past its end
//!   (`include-range`): mdBook would include nothing;
//! - front matter at the top of `SUMMARY.md` (`summary-front-matter`), which mdBook takes for
//!   text, dropping the first chapter;
//! - a Markdown file under `src/` that `SUMMARY.md` does not list and no chapter includes
//!   (`chapter-unlisted`, a warning): its text, meetings and notes would not be published.
//!
//! Paths are resolved the way mdBook's `links` preprocessor resolves them: a directive's path
//! is relative to the directory of the file that contains it (the chapter, or the included file
//! for a nested include), and includes nest up to ten levels. mdBook recognises its directives
//! by a pattern over the raw text, before any Markdown is parsed (inside code blocks too), so
//! they are found here with the same pattern rather than through the Markdown parse.
//!
//! [`Sealed::apply`] then keeps what must not be published out of the book: a chapter from
//! outside `src/` is dropped, a chapter that is (or includes) a file outside the book is emptied.
//! The build fails on these errors anyway; under `mdbook serve`, which shows the problems
//! instead of failing, this is what keeps the outside file off the pages.

use crate::base::diagnostics::{Diagnostics, LineIndex, Location, read_text};
use crate::base::markdown::Doc;
use crate::base::paths::{Boundary, Escape, inside};
use mdbook_preprocessor::book::{Book, BookItem};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// mdBook's own pattern for its directives (`mdbook-driver`, `links.rs`): an escaped directive,
/// or `{{#type target …}}`.
static DIRECTIVE: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"\\\{\{\#.*\}\}|\{\{\s*\#([a-zA-Z0-9_]+)\s+([^}]+)\}\}").expect("valid")
});

/// mdBook's anchors (`ANCHOR: name`) in an included file.
static ANCHOR: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"ANCHOR:\s*([\w_-]+)").expect("valid"));

/// How deep mdBook follows includes inside included files.
const MAX_DEPTH: usize = 10;

/// What [`check`] found must not reach the site.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Sealed {
    /// Chapters (paths relative to `src/`, as mdBook names them) whose content comes from
    /// outside the book: emptied.
    pub withheld: BTreeSet<PathBuf>,
}

impl Sealed {
    /// Drops the chapters whose path leaves `src/` (their pages would be written outside the
    /// site) and empties the withheld ones.
    pub(crate) fn apply(&self, book: &mut Book) {
        fn walk(items: &mut Vec<BookItem>, sealed: &Sealed) {
            items.retain(|item| match item {
                BookItem::Chapter(ch) => ch.path.as_deref().is_none_or(|p| inside(p).is_ok()),
                _ => true,
            });
            for item in items {
                if let BookItem::Chapter(ch) = item {
                    if ch
                        .path
                        .as_ref()
                        .is_some_and(|p| sealed.withheld.contains(p))
                    {
                        // Its problem is reported where it is; the page says it is withheld
                        // (under `mdbook serve`) and is not another, empty, chapter.
                        ch.content = WITHHELD.to_string();
                    }
                    walk(&mut ch.sub_items, sealed);
                }
            }
        }
        walk(&mut book.items, self);
    }
}

/// What a withheld chapter's page says instead of its content.
pub(crate) const WITHHELD: &str =
    "*This chapter is not published: it is, or includes, a file from outside the book.*\n";

/// The state of one check.
struct Checker<'a> {
    /// The book's root, canonical.
    root: PathBuf,
    /// Where includes may reach.
    boundary: Boundary,
    diags: &'a mut Diagnostics,
    sealed: Sealed,
    /// Every file a chapter includes, canonical.
    included: BTreeSet<PathBuf>,
}

/// Checks `SUMMARY.md` under `root/src` and every chapter it lists (see the module docs).
/// Problems go to `diags`; a book without a readable `SUMMARY.md` is left to mdBook, which says
/// so.
pub(crate) fn check(
    root: &Path,
    config: &mdbook_preprocessor::config::Config,
    diags: &mut Diagnostics,
) -> Sealed {
    let src = config.book.src.as_path();
    // mdBook renders this file as the site's "not found" page (`[output.html] input-404`)
    // without SUMMARY.md listing it.
    let page_404 = config
        .html_config()
        .and_then(|html| html.input_404)
        .unwrap_or_else(|| "404.md".to_owned());
    let repository = repository(root);
    let Ok(boundary) = Boundary::new(root, repository.as_deref()) else {
        return Sealed::default();
    };
    let summary_path = src.join("SUMMARY.md");
    let Ok(summary) = std::fs::read_to_string(root.join(&summary_path)) else {
        return Sealed::default();
    };
    let mut checker = Checker {
        root: boundary.root().to_path_buf(),
        boundary,
        diags,
        sealed: Sealed::default(),
        included: BTreeSet::new(),
    };
    let lines = LineIndex::new(&summary_path, &summary);
    if let Ok(split) = crate::model::frontmatter::split(&summary)
        && split.yaml.is_some()
    {
        checker
            .diags
            .error(
                "summary-front-matter",
                Location::at(&summary_path, 1, 1),
                "SUMMARY.md begins with front matter, which mdBook does not read: it would take the block for text and leave out the first chapter",
            )
            .hint("remove the block from SUMMARY.md; front matter belongs at the top of a chapter");
    }
    let doc = Doc::parse(&summary);
    let mut seen = BTreeSet::new();
    let mut duplicate = false;
    for link in doc.links.iter().filter(|l| !l.autolink) {
        // mdBook's SUMMARY parser reads a destination as a path, `%20` as a space.
        let dest = link.dest.replace("%20", " ");
        let at = lines.location(&summary, link.range.start);
        if dest.is_empty() {
            continue; // a draft chapter
        }
        if !seen.insert(dest.clone()) {
            checker
                .diags
                .error(
                    "summary-duplicate",
                    at,
                    format!("the chapter `{dest}` is listed twice"),
                )
                .hint("a chapter has one place in the book: remove one of the entries");
            duplicate = true;
            continue;
        }
        checker.entry(root, src, &dest, at);
    }
    // An entry that misses its file may be meant for an unlisted one: that error says what to
    // fix, and the unlisted files are not reported besides.
    let entry_failed = checker
        .diags
        .iter()
        .any(|d| matches!(d.code, "summary-missing" | "summary-outside"));
    if !entry_failed {
        checker.unlisted(root, src, &seen, Path::new(&page_404));
    }
    // The rest of SUMMARY.md's grammar is mdBook's: its parser's error, located where it says.
    if !duplicate && let Err(err) = mdbook_summary::parse_summary(&summary) {
        // "failed to parse SUMMARY.md line 8, column 1: Suffix chapters cannot …": the
        // location is ours to print, the rest is said as a sentence.
        let cause = err.root_cause().to_string();
        let cause = cause.rsplit_once(": ").map_or(cause.as_str(), |(_, m)| m);
        let cause = cause.chars().next().map_or(String::new(), |c| {
            c.to_lowercase().chain(cause.chars().skip(1)).collect()
        });
        let at = SUMMARY_AT
            .captures(&format!("{err:#}"))
            .and_then(|c| Some((c[1].parse().ok()?, c[2].parse::<usize>().ok()?)))
            .map_or_else(
                || Location::file(&summary_path),
                |(line, col)| Location::at(&summary_path, line, col.max(1)),
            );
        checker
            .diags
            .error("summary-syntax", at, format!("SUMMARY.md cannot be read here: {cause}"))
            .hint("SUMMARY.md is a title, then prefix chapters `[Title](file.md)`, numbered chapters `- [Title](file.md)` (nested by indentation), then suffix chapters; see mdBook's documentation, \"SUMMARY.md\"");
    }
    checker.sealed
}

/// Where mdBook's SUMMARY parser says its error is.
static SUMMARY_AT: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"line (\d+), column (\d+)").expect("valid"));

impl Checker<'_> {
    /// One entry of `SUMMARY.md`: `dest` as written, at `at`.
    fn entry(&mut self, root: &Path, src: &Path, dest: &str, at: Location) {
        let Ok(path) = inside(Path::new(dest)) else {
            self.diags
                .error(
                    "summary-outside",
                    at,
                    format!("the chapter `{dest}` is outside the book's `{}/` folder", src.display()),
                )
                .hint(format!(
                    "chapters are files under `{}/`: move the file there and write its path relative to it",
                    src.display()
                ));
            return;
        };
        let shown = src.join(&path);
        let file = root.join(&shown);
        if std::fs::symlink_metadata(&file).is_err() {
            self.diags
                .error(
                    "summary-missing",
                    at,
                    format!("the chapter `{dest}` does not exist: there is no file `{}`", shown.display()),
                )
                .hint(format!(
                    "create `{}`, or correct or remove the entry (the build does not create missing chapters)",
                    shown.display()
                ));
            return;
        }
        if !self.is_inside(&file) {
            self.diags
                .error(
                    "chapter-outside",
                    Location::file(&shown),
                    format!("`{}` is a link to a file outside the book", shown.display()),
                )
                .hint("copy the file into the book instead of linking to it");
            self.sealed.withheld.insert(path);
            return;
        }
        let text = match read_text(&file, &shown) {
            Ok(text) => text,
            Err(e) if e.location.line > 0 => {
                self.diags
                    .error(
                        "chapter-utf8",
                        e.location,
                        format!("`{}` is not UTF-8 text", shown.display()),
                    )
                    .hint("save the file as UTF-8 (the character here was written in another encoding)");
                return;
            }
            Err(_) => return, // a folder, or a file that may not be read: mdBook says so
        };
        let base = file
            .canonicalize()
            .ok()
            .and_then(|f| f.parent().map(Path::to_path_buf))
            .unwrap_or_else(|| self.root.clone());
        let chain = file.canonicalize().into_iter().collect::<Vec<_>>();
        if self.includes(&text, &shown, &base, &chain) {
            self.sealed.withheld.insert(path);
        }
    }

    /// An include that leaves the boundary: one error at its directive.
    fn outside(&mut self, directive: &str, escape: &Escape, at: Location) {
        let place = if self.boundary.has_repository() {
            "the book's repository"
        } else {
            "the book"
        };
        let message = match escape {
            Escape::Absolute => format!("`{directive}` includes a file by an absolute path"),
            Escape::Link(to) => format!(
                "`{directive}` includes a file through a symbolic link to `{}`, outside {place}",
                to.display()
            ),
            _ => format!("`{directive}` includes a file outside {place}"),
        };
        let hint = match escape {
            Escape::Link(_) => {
                "copy the file into the book instead of linking to it, and include the copy"
            }
            _ => {
                "write the path relative to the chapter's folder; copy a file from elsewhere into the book and include the copy"
            }
        };
        self.diags.error("include-outside", at, message).hint(hint);
    }

    /// The part of an included file a directive selects (mdBook's `file:anchor` or
    /// `file:start:end`, lines from 1): an anchor the file does not have, or lines past its
    /// end, would include nothing.
    fn selection(
        &mut self,
        directive: &str,
        selector: &str,
        text: &str,
        file: &Path,
        at: Location,
    ) {
        let mut parts = selector.splitn(2, ':');
        let first = parts.next().unwrap_or_default();
        let end = parts.next().map(str::parse::<usize>);
        let lines = text.lines().count();
        let start = match first.parse::<usize>() {
            Ok(n) => n.saturating_sub(1),
            Err(_) if first.is_empty() => 0,
            Err(_) => {
                let names: BTreeSet<&str> = ANCHOR
                    .captures_iter(text)
                    .filter_map(|c| c.get(1).map(|m| m.as_str()))
                    .collect();
                if !names.contains(first) {
                    let known = if names.is_empty() {
                        String::new()
                    } else {
                        let list: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
                        format!(" (it has {})", list.join(", "))
                    };
                    self.diags
                        .error(
                            "include-anchor",
                            at,
                            format!("`{directive}` names the anchor `{first}`, which `{}` does not have: nothing would be included", file.display()),
                        )
                        .hint(format!("mark the lines in the file with `ANCHOR: {first}` and `ANCHOR_END: {first}`, or correct the name{known}"));
                }
                return;
            }
        };
        let end = match end {
            Some(Ok(end)) => Some(end),
            Some(Err(_)) => None,
            // `file:5` is line 5 alone.
            None if !first.is_empty() => Some(start + 1),
            None => None,
        };
        let empty = start >= lines || end.is_some_and(|e| e <= start);
        if empty {
            self.diags
                .error(
                    "include-range",
                    at,
                    format!("`{directive}` selects lines from {} on, but `{}` has {lines} line{}: nothing would be included", start + 1, file.display(), if lines == 1 { "" } else { "s" }),
                )
                .hint("correct the line numbers (`file:first:last`, counted from 1), or use an anchor");
        }
    }

    /// Markdown files under `src/` that `SUMMARY.md` does not list and no chapter includes: a
    /// warning each, since their text (and their meetings and notes) would not be published.
    /// `page_404` (relative to `src`) is published by mdBook as the site's "not found" page.
    fn unlisted(&mut self, root: &Path, src: &Path, listed: &BTreeSet<String>, page_404: &Path) {
        let listed: BTreeSet<PathBuf> = listed
            .iter()
            .filter_map(|d| inside(Path::new(d)).ok())
            .collect();
        let dir = root.join(src);
        let mut stack = vec![dir.clone()];
        let mut found = Vec::new();
        while let Some(d) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&d) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                let hidden = entry.file_name().to_string_lossy().starts_with('.');
                let Ok(meta) = std::fs::symlink_metadata(&path) else {
                    continue;
                };
                if hidden || meta.file_type().is_symlink() {
                    continue;
                }
                if meta.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "md")
                    && let Ok(rel) = path.strip_prefix(&dir)
                {
                    found.push(rel.to_path_buf());
                }
            }
        }
        found.sort();
        for rel in found {
            let included = root
                .join(src)
                .join(&rel)
                .canonicalize()
                .is_ok_and(|c| self.included.contains(&c));
            if rel == Path::new("SUMMARY.md")
                || rel == page_404
                || listed.contains(&rel)
                || included
            {
                continue;
            }
            let shown = src.join(&rel);
            self.diags
                .warning(
                    "chapter-unlisted",
                    Location::file(&shown),
                    format!("`{}` is not listed in SUMMARY.md: its text is not published", shown.display()),
                )
                .hint(format!(
                    "list it in SUMMARY.md (`- [Title]({})`), include it from a chapter, or move it out of `{}/`",
                    rel.display(),
                    src.display()
                ));
        }
    }

    /// True when `file` (existing) resolves, links followed, to a file inside the book.
    fn is_inside(&self, file: &Path) -> bool {
        file.canonicalize().is_ok_and(|c| c.starts_with(&self.root))
    }

    /// Checks the directives of `text` (the file `shown`, relative to the book's root), whose
    /// paths are relative to `base`; follows includes as mdBook does. `chain` is the files the
    /// text is included from, itself last (canonical): a file that includes one of them includes
    /// itself, which mdBook repeats ten times over (`include-cycle`). True when one reaches
    /// outside the book.
    fn includes(&mut self, text: &str, shown: &Path, base: &Path, chain: &[PathBuf]) -> bool {
        let depth = chain.len().saturating_sub(1);
        let mut outside = false;
        let lines = LineIndex::new(shown, text);
        for cap in DIRECTIVE.captures_iter(text) {
            let (Some(kind), Some(rest)) = (cap.get(1), cap.get(2)) else {
                continue; // an escaped directive
            };
            let Some(target) = rest.as_str().split_whitespace().next() else {
                continue;
            };
            let target = match kind.as_str() {
                "include" | "rustdoc_include" => target.split(':').next().unwrap_or(target),
                "playground" | "playpen" => target,
                _ => continue,
            };
            let whole = cap.get(0).expect("match");
            let at = lines.location(text, whole.start());
            let file = match self.boundary.included(base, Path::new(target)) {
                Ok(file) => file,
                Err(escape) => {
                    self.outside(whole.as_str(), &escape, at);
                    outside = true;
                    continue;
                }
            };
            if !file.is_file() {
                self.diags
                    .error(
                        "include-missing",
                        at,
                        format!("`{}` includes `{target}`, which is not a file", whole.as_str()),
                    )
                    .hint("the path is relative to the folder of the file that includes it: correct it, or create the file");
                continue;
            }
            let Ok(canonical) = file.canonicalize() else {
                continue;
            };
            let Ok(included) = std::fs::read_to_string(&canonical) else {
                continue; // not text: mdBook says so
            };
            let nests = matches!(kind.as_str(), "include" | "rustdoc_include");
            if nests && chain.contains(&canonical) {
                self.diags
                    .error(
                        "include-cycle",
                        at,
                        format!(
                            "`{}` includes `{}`, which this text is part of: mdBook would repeat it ten times over",
                            whole.as_str(),
                            self.boundary.shown(&canonical).display()
                        ),
                    )
                    .hint("include another file, or move the shared text into a file of its own that includes nothing");
                continue;
            }
            self.included.insert(canonical.clone());
            let shown_target = self.boundary.shown(&canonical);
            if matches!(kind.as_str(), "include" | "rustdoc_include") {
                let part = rest.as_str().split_whitespace().next().unwrap_or_default();
                if let Some((_, selector)) = part.split_once(':') {
                    self.selection(whole.as_str(), selector, &included, &shown_target, at);
                }
            }
            // Nested directives are mdBook's too (includes only), relative to the included file.
            if depth + 1 < MAX_DEPTH && nests {
                let nested_base = canonical.parent().unwrap_or(&self.root).to_path_buf();
                let chain = [chain, &[canonical]].concat();
                outside |= self.includes(&included, &shown_target, &nested_base, &chain);
            }
        }
        outside
    }
}

/// `[preprocessor.report] repository` of the book at `root`, read from its book.toml when it
/// is a folder above the book (the configuration reports any other value).
fn repository(root: &Path) -> Option<PathBuf> {
    let text = std::fs::read_to_string(root.join("book.toml")).ok()?;
    let doc = toml_edit::Document::parse(text).ok()?;
    let written = doc
        .get("preprocessor")?
        .get(crate::model::PREPROCESSOR)?
        .get("repository")?
        .as_str()?;
    crate::base::paths::above(Path::new(written)).map(|_| PathBuf::from(written))
}

#[cfg(test)]
mod tests {
    use super::*;
    use mdbook_preprocessor::book::Chapter;

    #[test]
    fn the_directive_pattern_is_mdbooks() {
        let caps: Vec<_> = DIRECTIVE
            .captures_iter(
                "a {{#include x.md:2:3}} b \\{{#include y.md}}\n{{ #playground p.rs editable}}",
            )
            .map(|c| c.get(2).map(|m| m.as_str().to_string()))
            .collect();
        assert_eq!(
            caps,
            [Some("x.md:2:3".into()), None, Some("p.rs editable".into())]
        );
    }

    /// The `chapter-unlisted` files of a book with `files` (under the book's root) and `book.toml`.
    fn unlisted(book_toml: &str, files: &[&str]) -> Vec<String> {
        let dir = tempfile::tempdir().unwrap();
        for f in ["src/SUMMARY.md"].iter().chain(files) {
            let path = dir.path().join(f);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "# Summary\n\n- [One](one.md)\n").unwrap();
        }
        let config: mdbook_preprocessor::config::Config = book_toml.parse().unwrap();
        let mut diags = Diagnostics::new();
        check(dir.path(), &config, &mut diags);
        diags
            .iter()
            .filter(|d| d.code == "chapter-unlisted")
            .map(|d| d.location.path.display().to_string())
            .collect()
    }

    /// A book in a temporary folder: `files` are paths under its root and their text.
    fn book(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, text).unwrap();
        }
        dir
    }

    /// What [`check`] reports on the book at `root` (read with its `book.toml`, if any), the
    /// folder's path written `$DIR`, and what it withholds.
    fn checked(root: &Path) -> (String, Sealed) {
        let toml = std::fs::read_to_string(root.join("book.toml")).unwrap_or_default();
        let config: mdbook_preprocessor::config::Config = toml.parse().unwrap();
        let mut diags = Diagnostics::new();
        let sealed = check(root, &config, &mut diags);
        let real = root.canonicalize().unwrap();
        let text = diags.render().replace(real.to_str().unwrap(), "$DIR");
        (text, sealed)
    }

    /// [`checked`]'s report alone.
    fn report(root: &Path) -> String {
        checked(root).0
    }

    const ONE: &str = "# Summary\n\n- [One](one.md)\n";

    #[test]
    fn a_book_whose_chapters_stay_inside_has_nothing_to_report() {
        let dir = book(&[
            (
                "src/SUMMARY.md",
                "# Summary\n\n- [One](one.md)\n- [Draft]()\n- [Two words](two%20words.md)\n\n<https://example.org/x.md>\n",
            ),
            ("src/one.md", "# One\n"),
            ("src/two words.md", "# Two\n"),
        ]);
        assert_eq!(
            checked(dir.path()),
            ("0 errors, 0 warnings".into(), Sealed::default())
        );
    }

    #[test]
    fn a_book_without_a_summary_is_left_to_mdbook() {
        let dir = book(&[("src/one.md", "# One\n")]);
        assert_eq!(report(dir.path()), "0 errors, 0 warnings");
        // Nor is a book that does not exist checked.
        let config = mdbook_preprocessor::config::Config::default();
        let mut diags = Diagnostics::new();
        let gone = dir.path().join("gone");
        assert_eq!(check(&gone, &config, &mut diags), Sealed::default());
        assert!(diags.is_empty());
    }

    #[test]
    fn front_matter_in_the_summary_is_an_error_at_its_top() {
        let dir = book(&[
            (
                "src/SUMMARY.md",
                "---\ntitle: x\n---\n\n# Summary\n\n- [One](one.md)\n",
            ),
            ("src/one.md", "# One\n"),
        ]);
        assert_eq!(
            report(dir.path()),
            "src/SUMMARY.md:1:1: error: SUMMARY.md begins with front matter, which mdBook does not read: it would take the block for text and leave out the first chapter [summary-front-matter]\n  \
             = hint: remove the block from SUMMARY.md; front matter belongs at the top of a chapter\n\
             1 error, 0 warnings"
        );
    }

    #[test]
    fn an_entry_listed_twice_is_reported_at_the_second_and_checked_once() {
        let dir = book(&[
            (
                "src/SUMMARY.md",
                "# Summary\n\n- [One](one.md)\n- [Missing](gone.md)\n- [Again](one.md)\n- [Gone again](gone.md)\n",
            ),
            ("src/one.md", "# One\n"),
        ]);
        assert_eq!(
            report(dir.path()),
            "src/SUMMARY.md:4:3: error: the chapter `gone.md` does not exist: there is no file `src/gone.md` [summary-missing]\n  \
             = hint: create `src/gone.md`, or correct or remove the entry (the build does not create missing chapters)\n\
             src/SUMMARY.md:5:3: error: the chapter `one.md` is listed twice [summary-duplicate]\n  \
             = hint: a chapter has one place in the book: remove one of the entries\n\
             src/SUMMARY.md:6:3: error: the chapter `gone.md` is listed twice [summary-duplicate]\n  \
             = hint: a chapter has one place in the book: remove one of the entries\n\
             3 errors, 0 warnings"
        );
    }

    #[test]
    fn an_entry_outside_src_is_an_error_and_its_chapter_dropped() {
        let dir = book(&[
            (
                "src/SUMMARY.md",
                "# Summary\n\n- [One](one.md)\n- [Up](../notes.md)\n- [Root](/etc/x.md)\n",
            ),
            ("src/one.md", "# One\n"),
            ("notes.md", "# Notes\n"),
            ("src/stray.md", "# Stray\n"),
        ]);
        let hint = "chapters are files under `src/`: move the file there and write its path relative to it";
        assert_eq!(
            report(dir.path()),
            format!(
                "src/SUMMARY.md:4:3: error: the chapter `../notes.md` is outside the book's `src/` folder [summary-outside]\n  \
                 = hint: {hint}\n\
                 src/SUMMARY.md:5:3: error: the chapter `/etc/x.md` is outside the book's `src/` folder [summary-outside]\n  \
                 = hint: {hint}\n\
                 2 errors, 0 warnings"
            )
        );
        let mut book = Book::new_with_items(vec![
            BookItem::Chapter(Chapter::new("One", "# One\n".into(), "one.md", vec![])),
            BookItem::Chapter(Chapter::new(
                "Up",
                "# Notes\n".into(),
                "../notes.md",
                vec![],
            )),
            BookItem::Separator,
            BookItem::Chapter(Chapter::new_draft("Draft", vec![])),
        ]);
        checked(dir.path()).1.apply(&mut book);
        let names: Vec<&str> = book
            .items
            .iter()
            .map(|item| match item {
                BookItem::Chapter(ch) => ch.name.as_str(),
                _ => "-",
            })
            .collect();
        assert_eq!(names, ["One", "-", "Draft"]);
    }

    #[test]
    fn a_withheld_chapter_is_emptied_wherever_it_is_nested() {
        let withheld = Sealed {
            withheld: [PathBuf::from("part/secret.md")].into(),
        };
        let mut secret = Chapter::new("Secret", "# Secret\n".into(), "part/secret.md", vec![]);
        secret.sub_items = vec![BookItem::Chapter(Chapter::new(
            "Under",
            "# Under\n".into(),
            "../up.md",
            vec![],
        ))];
        let mut part = Chapter::new("Part", "# Part\n".into(), "part/index.md", vec![]);
        part.sub_items = vec![BookItem::Chapter(secret)];
        let mut book = Book::new_with_items(vec![BookItem::Chapter(part)]);
        withheld.apply(&mut book);
        let BookItem::Chapter(part) = &book.items[0] else {
            panic!("a chapter")
        };
        assert_eq!(part.content, "# Part\n");
        let BookItem::Chapter(secret) = &part.sub_items[0] else {
            panic!("a chapter")
        };
        assert_eq!(secret.content, WITHHELD);
        // Its own sub-chapter from outside `src/` is dropped too.
        assert!(secret.sub_items.is_empty());
    }

    #[test]
    fn a_chapter_that_links_out_of_the_book_is_withheld() {
        let dir = book(&[
            (
                "src/SUMMARY.md",
                "# Summary\n\n- [One](one.md)\n- [Linked](linked.md)\n",
            ),
            ("src/one.md", "# One\n"),
        ]);
        let outside = tempfile::NamedTempFile::new().unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("src/linked.md")).unwrap();
        let (text, sealed) = checked(dir.path());
        assert_eq!(
            text,
            "src/linked.md: error: `src/linked.md` is a link to a file outside the book [chapter-outside]\n  \
             = hint: copy the file into the book instead of linking to it\n\
             1 error, 0 warnings"
        );
        assert_eq!(sealed.withheld, [PathBuf::from("linked.md")].into());
    }

    #[test]
    fn a_chapter_not_in_utf8_is_an_error_at_its_first_bad_byte() {
        let dir = book(&[("src/SUMMARY.md", ONE)]);
        std::fs::write(dir.path().join("src/one.md"), b"# One\n\nd\xe9j\xe0\n").unwrap();
        assert_eq!(
            report(dir.path()),
            "src/one.md:3:2: error: `src/one.md` is not UTF-8 text [chapter-utf8]\n  \
             = hint: save the file as UTF-8 (the character here was written in another encoding)\n\
             1 error, 0 warnings"
        );
        // A folder where a chapter belongs is mdBook's to report.
        let dir = book(&[("src/SUMMARY.md", ONE), ("src/one.md/x.txt", "")]);
        assert_eq!(report(dir.path()), "0 errors, 0 warnings");
    }

    #[test]
    fn the_summarys_own_grammar_is_mdbooks_located_where_it_says() {
        let dir = book(&[
            (
                "src/SUMMARY.md",
                "# Summary\n\n- [One](one.md)\n\n[Suffix](suffix.md)\n\n- [Two](two.md)\n",
            ),
            ("src/one.md", "# One\n"),
            ("src/two.md", "# Two\n"),
            ("src/suffix.md", "# Suffix\n"),
        ]);
        let text = report(dir.path());
        assert!(
            text.starts_with("src/SUMMARY.md:7:1: error: SUMMARY.md cannot be read here: suffix chapters cannot be followed by a list [summary-syntax]\n"),
            "{text}"
        );
    }

    /// A chapter `src/one.md` with `text`, besides `files`.
    fn chapter(text: &str, files: &[(&str, &str)]) -> tempfile::TempDir {
        let mut all = vec![("src/SUMMARY.md", ONE), ("src/one.md", text)];
        all.extend_from_slice(files);
        book(&all)
    }

    #[test]
    fn includes_of_files_that_are_not_there_or_outside_are_errors_at_their_directives() {
        let dir = chapter(
            "# One\n\n{{#include ../../x.md}}\n{{#include /etc/passwd}}\n{{#rustdoc_include gone.rs:2}}\n{{#playground ../../up.rs}}\n",
            &[],
        );
        let outside_hint = "write the path relative to the chapter's folder; copy a file from elsewhere into the book and include the copy";
        let (text, sealed) = checked(dir.path());
        assert_eq!(
            text,
            format!(
                "src/one.md:3:1: error: `{{{{#include ../../x.md}}}}` includes a file outside the book [include-outside]\n  \
                 = hint: {outside_hint}\n\
                 src/one.md:4:1: error: `{{{{#include /etc/passwd}}}}` includes a file by an absolute path [include-outside]\n  \
                 = hint: {outside_hint}\n\
                 src/one.md:5:1: error: `{{{{#rustdoc_include gone.rs:2}}}}` includes `gone.rs`, which is not a file [include-missing]\n  \
                 = hint: the path is relative to the folder of the file that includes it: correct it, or create the file\n\
                 src/one.md:6:1: error: `{{{{#playground ../../up.rs}}}}` includes a file outside the book [include-outside]\n  \
                 = hint: {outside_hint}\n\
                 4 errors, 0 warnings"
            )
        );
        assert_eq!(sealed.withheld, [PathBuf::from("one.md")].into());
    }

    #[test]
    fn an_include_through_a_link_out_of_the_book_is_an_error() {
        let dir = chapter("{{#include linked.md}}\n", &[]);
        let outside = tempfile::NamedTempFile::new().unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("src/linked.md")).unwrap();
        let real = outside.path().canonicalize().unwrap();
        assert_eq!(
            report(dir.path()),
            format!(
                "src/one.md:1:1: error: `{{{{#include linked.md}}}}` includes a file through a symbolic link to `{}`, outside the book [include-outside]\n  \
                 = hint: copy the file into the book instead of linking to it, and include the copy\n\
                 1 error, 0 warnings",
                real.display()
            )
        );
    }

    #[test]
    fn includes_may_reach_the_books_repository_and_no_further() {
        let dir = book(&[
            (
                "guide/book.toml",
                "[preprocessor.report]\nrepository = \"..\"\n",
            ),
            ("guide/src/SUMMARY.md", ONE),
            (
                "guide/src/one.md",
                "{{#include ../../examples/a.rs}}\n{{#include ../../../x.rs}}\n",
            ),
            ("examples/a.rs", "fn main() {}\n"),
        ]);
        assert_eq!(
            report(&dir.path().join("guide")),
            "src/one.md:2:1: error: `{{#include ../../../x.rs}}` includes a file outside the book's repository [include-outside]\n  \
             = hint: write the path relative to the chapter's folder; copy a file from elsewhere into the book and include the copy\n\
             1 error, 0 warnings"
        );
    }

    #[test]
    fn escaped_directives_and_other_kinds_include_nothing() {
        let dir = chapter(
            "\\{{#include ../../x.md}}\n{{#title ../../x.md}}\n{{#include   }}\n",
            &[],
        );
        assert_eq!(report(dir.path()), "0 errors, 0 warnings");
    }

    #[test]
    fn an_anchor_the_file_lacks_is_an_error_that_lists_its_anchors() {
        let table = "// ANCHOR: budget\nx\n// ANCHOR_END: budget\n// ANCHOR: staff\n";
        let dir = chapter(
            "{{#include table.rs:budget}}\n{{#include table.rs:budgte}}\n{{#include plain.rs:all}}\n",
            &[("src/table.rs", table), ("src/plain.rs", "x\n")],
        );
        assert_eq!(
            report(dir.path()),
            "src/one.md:2:1: error: `{{#include table.rs:budgte}}` names the anchor `budgte`, which `src/table.rs` does not have: nothing would be included [include-anchor]\n  \
             = hint: mark the lines in the file with `ANCHOR: budgte` and `ANCHOR_END: budgte`, or correct the name (it has `budget`, `staff`)\n\
             src/one.md:3:1: error: `{{#include plain.rs:all}}` names the anchor `all`, which `src/plain.rs` does not have: nothing would be included [include-anchor]\n  \
             = hint: mark the lines in the file with `ANCHOR: all` and `ANCHOR_END: all`, or correct the name\n\
             2 errors, 0 warnings"
        );
    }

    #[test]
    fn lines_past_the_files_end_or_before_their_start_are_an_error() {
        // `table.md` has three lines, `line.md` one; `2:2` is line 2 alone.
        let dir = chapter(
            "{{#include table.md:3}}\n{{#include table.md:2:3}}\n{{#include table.md::1}}\n\
             {{#include table.md:3:}}\n{{#include table.md:3:x}}\n{{#include table.md:}}\n\
             {{#include table.md:4}}\n{{#include table.md:3:2}}\n{{#include table.md:2:2}}\n\
             {{#include line.md:0:1}}\n{{#include line.md:2}}\n",
            &[("src/table.md", "a\nb\nc\n"), ("src/line.md", "a")],
        );
        let hint = "correct the line numbers (`file:first:last`, counted from 1), or use an anchor";
        assert_eq!(
            report(dir.path()),
            format!(
                "src/one.md:7:1: error: `{{{{#include table.md:4}}}}` selects lines from 4 on, but `src/table.md` has 3 lines: nothing would be included [include-range]\n  \
                 = hint: {hint}\n\
                 src/one.md:8:1: error: `{{{{#include table.md:3:2}}}}` selects lines from 3 on, but `src/table.md` has 3 lines: nothing would be included [include-range]\n  \
                 = hint: {hint}\n\
                 src/one.md:11:1: error: `{{{{#include line.md:2}}}}` selects lines from 2 on, but `src/line.md` has 1 line: nothing would be included [include-range]\n  \
                 = hint: {hint}\n\
                 3 errors, 0 warnings"
            )
        );
    }

    #[test]
    fn a_file_that_includes_itself_is_a_cycle_and_playgrounds_do_not_nest() {
        let dir = chapter(
            "{{#include part/a.md}}\n{{#playground one.md}}\n",
            &[
                ("src/part/a.md", "{{#include b.md}}\n"),
                ("src/part/b.md", "{{#include ../one.md}}\n"),
            ],
        );
        assert_eq!(
            report(dir.path()),
            "src/part/b.md:1:1: error: `{{#include ../one.md}}` includes `src/one.md`, which this text is part of: mdBook would repeat it ten times over [include-cycle]\n  \
             = hint: include another file, or move the shared text into a file of its own that includes nothing\n\
             1 error, 0 warnings"
        );
    }

    #[test]
    fn nested_includes_are_followed_as_deep_as_mdbook_follows_them() {
        // `one.md` includes `n1.md`, which includes `n2.md` … `n{depth}.md`, which includes a
        // file outside the book: mdBook reads ten levels of includes below the chapter.
        let outside_at = |depth: usize| {
            let mut files: Vec<(String, String)> = (1..depth)
                .map(|i| {
                    (
                        format!("src/n{i}.md"),
                        format!("{{{{#include n{}.md}}}}\n", i + 1),
                    )
                })
                .collect();
            files.push((
                format!("src/n{depth}.md"),
                "{{#include ../../x.md}}\n".into(),
            ));
            let files: Vec<(&str, &str)> = files
                .iter()
                .map(|(p, t)| (p.as_str(), t.as_str()))
                .collect();
            let dir = chapter("{{#include n1.md}}\n", &files);
            let (text, sealed) = checked(dir.path());
            (
                text.lines().next().unwrap_or_default().to_string(),
                sealed.withheld.len(),
            )
        };
        assert_eq!(
            outside_at(9),
            (
                "src/n9.md:1:1: error: `{{#include ../../x.md}}` includes a file outside the book [include-outside]".into(),
                1
            )
        );
        assert_eq!(outside_at(10), ("0 errors, 0 warnings".into(), 0));
    }

    #[test]
    fn mdbooks_not_found_page_is_published_without_being_listed() {
        let files = ["src/one.md", "src/404.md", "src/old.md", "src/gone.md"];
        assert_eq!(unlisted("", &files), ["src/gone.md", "src/old.md"]);
        let own = "[output.html]\ninput-404 = \"gone.md\"\n";
        assert_eq!(unlisted(own, &files), ["src/404.md", "src/old.md"]);
    }

    #[test]
    fn unlisted_markdown_files_are_warned_about_once_each() {
        let dir = chapter(
            "{{#include parts/shared.md}}\n",
            &[
                ("src/parts/shared.md", "shared\n"),
                ("src/parts/deep/old.md", "old\n"),
                ("src/notes.txt", "not Markdown\n"),
                ("src/.draft.md", "hidden\n"),
                ("src/.hidden/x.md", "hidden\n"),
            ],
        );
        std::os::unix::fs::symlink(
            dir.path().join("src/one.md"),
            dir.path().join("src/alias.md"),
        )
        .unwrap();
        assert_eq!(
            report(dir.path()),
            "src/parts/deep/old.md: warning: `src/parts/deep/old.md` is not listed in SUMMARY.md: its text is not published [chapter-unlisted]\n  \
             = hint: list it in SUMMARY.md (`- [Title](parts/deep/old.md)`), include it from a chapter, or move it out of `src/`\n\
             0 errors, 1 warning"
        );
    }

    #[test]
    fn an_entry_that_misses_its_file_silences_the_unlisted_warnings() {
        let dir = book(&[
            (
                "src/SUMMARY.md",
                "# Summary\n\n- [One](one.md)\n- [Two](tow.md)\n",
            ),
            ("src/one.md", "# One\n"),
            ("src/two.md", "# Two\n"),
        ]);
        let text = report(dir.path());
        assert!(text.ends_with("1 error, 0 warnings"), "{text}");
        let dir = book(&[
            (
                "src/SUMMARY.md",
                "# Summary\n\n- [One](one.md)\n- [Two](../two.md)\n",
            ),
            ("src/one.md", "# One\n"),
            ("src/two.md", "# Two\n"),
        ]);
        let text = report(dir.path());
        assert!(text.ends_with("1 error, 0 warnings"), "{text}");
    }
}
