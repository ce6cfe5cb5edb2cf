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
//! - an `{{#include}}`, `{{#rustdoc_include}}` or `{{#playground}}` of a file outside the book
//!   (`include-outside`) or of no file (`include-missing`: mdBook would print the directive as
//!   text).
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
use mdbook_preprocessor::book::{Book, BookItem};
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::LazyLock;

/// mdBook's own pattern for its directives (`mdbook-driver`, `links.rs`): an escaped directive,
/// or `{{#type target …}}`.
static DIRECTIVE: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"\\\{\{\#.*\}\}|\{\{\s*\#([a-zA-Z0-9_]+)\s+([^}]+)\}\}").expect("valid")
});

/// How deep mdBook follows includes inside included files.
const MAX_DEPTH: usize = 10;

/// What [`check`] found must not reach the site.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Sealed {
    /// Chapters (paths relative to `src/`, as mdBook names them) whose content comes from
    /// outside the book: emptied.
    pub withheld: BTreeSet<PathBuf>,
}

impl Sealed {
    /// Drops the chapters whose path leaves `src/` (their pages would be written outside the
    /// site) and empties the withheld ones.
    pub fn apply(&self, book: &mut Book) {
        fn walk(items: &mut Vec<BookItem>, sealed: &Sealed) {
            items.retain(|item| match item {
                BookItem::Chapter(ch) => ch.path.as_deref().is_none_or(|p| inside(p).is_some()),
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
pub const WITHHELD: &str =
    "*This chapter is not published: it is, or includes, a file from outside the book.*\n";

/// `path` made plain (`./a/../b.md` → `b.md`) if it stays inside the directory it is relative
/// to; `None` when it is absolute or climbs out.
fn inside(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::Normal(part) => out.push(part),
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

/// The state of one check.
struct Checker<'a> {
    /// The book's root, canonical.
    root: PathBuf,
    diags: &'a mut Diagnostics,
    sealed: Sealed,
}

/// Checks `SUMMARY.md` under `root/src` and every chapter it lists (see the module docs).
/// Problems go to `diags`; a book without a readable `SUMMARY.md` is left to mdBook, which says
/// so.
pub fn check(root: &Path, src: &Path, diags: &mut Diagnostics) -> Sealed {
    let Ok(canonical) = root.canonicalize() else {
        return Sealed::default();
    };
    let summary_path = src.join("SUMMARY.md");
    let Ok(summary) = std::fs::read_to_string(root.join(&summary_path)) else {
        return Sealed::default();
    };
    let mut checker = Checker {
        root: canonical,
        diags,
        sealed: Sealed::default(),
    };
    let lines = LineIndex::new(&summary_path, &summary);
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
        let Some(path) = inside(Path::new(dest)) else {
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
        let base = file.parent().unwrap_or(root).to_path_buf();
        if self.includes(&text, &shown, &base, 0) {
            self.sealed.withheld.insert(path);
        }
    }

    /// True when `file` (existing) resolves, links followed, to a file inside the book.
    fn is_inside(&self, file: &Path) -> bool {
        file.canonicalize().is_ok_and(|c| c.starts_with(&self.root))
    }

    /// Checks the directives of `text` (the file `shown`, relative to the book's root), whose
    /// paths are relative to `base`; follows includes as mdBook does. True when one reaches
    /// outside the book.
    fn includes(&mut self, text: &str, shown: &Path, base: &Path, depth: usize) -> bool {
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
            let file = base.join(target);
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
            if !self.is_inside(&file) {
                self.diags
                    .error(
                        "include-outside",
                        at,
                        format!("`{}` includes a file outside the book", whole.as_str()),
                    )
                    .hint("copy the file into the book and include the copy");
                outside = true;
                continue;
            }
            // Nested directives are mdBook's too (includes only), relative to the included file.
            if depth + 1 < MAX_DEPTH
                && kind.as_str() != "playground"
                && kind.as_str() != "playpen"
                && let Ok(nested) = std::fs::read_to_string(&file)
                && let Ok(canonical) = file.canonicalize()
            {
                let nested_shown = canonical
                    .strip_prefix(&self.root)
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|_| file.clone());
                let nested_base = canonical.parent().unwrap_or(&self.root).to_path_buf();
                outside |= self.includes(&nested, &nested_shown, &nested_base, depth + 1);
            }
        }
        outside
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inside_resolves_dots_and_refuses_what_climbs_out() {
        assert_eq!(
            inside(Path::new("./a/../b.md")),
            Some(PathBuf::from("b.md"))
        );
        assert_eq!(inside(Path::new("a/b.md")), Some(PathBuf::from("a/b.md")));
        assert_eq!(inside(Path::new("../x.md")), None);
        assert_eq!(inside(Path::new("a/../../x.md")), None);
        assert_eq!(inside(Path::new("/etc/x.md")), None);
    }

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
}
