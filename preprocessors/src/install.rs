//! The plugin set's theme files: `mdbook-report install` puts them into a book, and every build
//! checks that the files `book.toml` lists are there.
//!
//! The files are this repository's `theme/` (its own book uses them as they are), compiled into
//! the binary: `report.css` and `report.js` (the look of generated markup, small accessibility
//! fixes, permalinks, "Cite this", the sidebar's folding), `timeline.css` and `timeline.js` (the
//! timeline's filter), `previews.css` and `previews.js` (the links' previews), `search.js` (the
//! search client), `head.hbs` (link-preview tags), `header.hbs` (the note that search needs
//! JavaScript). `install` writes the missing ones into the book's `theme/` and adds what
//! `book.toml` lacks (the preprocessor, the post-build renderer, the files in `additional-css`
//! and `additional-js`, mdBook's own search index switched off, mdBook's `create-missing` off),
//! editing it with `toml_edit` so its comments and layout stay.

use crate::base::diagnostics::{Diagnostics, Location};
use crate::base::paths;
use crate::model::config::{PREPROCESSOR, RENDERER, locate, place};
use crate::model::schema::Seg;
use anyhow::Context;
use std::path::{Path, PathBuf};

/// The theme files, by name under `theme/`.
pub const THEME: &[(&str, &str)] = &[
    ("report.css", include_str!("../../theme/report.css")),
    ("report.js", include_str!("../../theme/report.js")),
    ("timeline.css", include_str!("../../theme/timeline.css")),
    ("timeline.js", include_str!("../../theme/timeline.js")),
    ("previews.css", include_str!("../../theme/previews.css")),
    ("previews.js", include_str!("../../theme/previews.js")),
    ("search.js", include_str!("../../theme/search.js")),
    ("head.hbs", include_str!("../../theme/head.hbs")),
    ("header.hbs", include_str!("../../theme/header.hbs")),
];

const CSS: &[&str] = &[
    "theme/report.css",
    "theme/timeline.css",
    "theme/previews.css",
];
const JS: &[&str] = &[
    "theme/report.js",
    "theme/timeline.js",
    "theme/previews.js",
    "theme/search.js",
];

/// What a book needs of the plugin set's theme and renderer: [`check_theme`],
/// [`check_renderer`] and, when the plugin set's search is on (`search`), [`check_search`].
pub fn check_book(
    root: &Path,
    config: &mdbook_preprocessor::config::Config,
    search: bool,
    diags: &mut Diagnostics,
) {
    check_theme(root, config, diags);
    let book_toml = std::fs::read_to_string(root.join("book.toml")).ok();
    check_renderer(config, book_toml.as_deref(), diags);
    if search {
        check_search(config, book_toml.as_deref(), diags);
    }
}

/// mdBook's own search index next to the plugin set's: two search buttons, and mdBook's index
/// is every page's text in one file a reader downloads whole. A warning that says what to set.
fn check_search(
    config: &mdbook_preprocessor::config::Config,
    book_toml: Option<&str>,
    diags: &mut Diagnostics,
) {
    let mdbook_search = config
        .get::<bool>("output.html.search.enable")
        .ok()
        .flatten()
        .unwrap_or(true);
    if !mdbook_search {
        return;
    }
    let at = match locate(book_toml, "output.html.search", "enable") {
        at if at.line > 0 => at,
        _ => match book_toml.and_then(|t| t.lines().position(|l| l.trim() == "[output.html]")) {
            Some(line) => Location::at("book.toml", line + 1, 1),
            None => Location::file("book.toml"),
        },
    };
    diags
        .warning(
            "search-mdbook-index",
            at,
            "mdBook's own search index is on next to the plugin set's search: readers would download every page's text when they open search",
        )
        .hint(format!(
            "set `enable = false` under `[output.html.search]` (the plugin set's search replaces it), or switch the plugin set's off with `enable = false` under `[preprocessor.{PREPROCESSOR}.search]`"
        ));
}

/// Without `[output.report-postbuild]` the pages keep mdBook's one description and the
/// timeline's exports are never written (its page links to them): a warning that says what to
/// add.
fn check_renderer(
    config: &mdbook_preprocessor::config::Config,
    book_toml: Option<&str>,
    diags: &mut Diagnostics,
) {
    if config.contains_key(&format!("output.{RENDERER}")) {
        return;
    }
    let at = match book_toml.and_then(|t| t.lines().position(|l| l.trim() == "[output.html]")) {
        Some(line) => Location::at("book.toml", line + 1, 1),
        None => Location::file("book.toml"),
    };
    diags
        .warning(
            "postbuild-missing",
            at,
            format!("`[output.{RENDERER}]` is not in book.toml: pages keep the book's description and the timeline's exports are not written"),
        )
        .hint(format!(
            "add an empty `[output.{RENDERER}]` table (mdBook then runs `mdbook-{RENDERER}` after `html`), or run `mdbook-{PREPROCESSOR} install`"
        ));
}

/// mdBook's own path keys, which the book's paths rule covers too ([`paths`]): the files
/// `[output.html]` lists in `additional-css` and `additional-js` (mdBook copies each into the
/// site at the path written, so `../x.css` would be written outside it), its `theme` folder
/// and `book.src`. Each must stay inside the book, links followed (one error at its key or
/// entry), and a listed file must exist (mdBook's own error would come later and without a
/// hint).
pub fn check_theme(
    root: &Path,
    config: &mdbook_preprocessor::config::Config,
    diags: &mut Diagnostics,
) {
    let book_toml = std::fs::read_to_string(root.join("book.toml")).ok();
    let Ok(boundary) = paths::Boundary::new(root, None) else {
        return;
    };
    let at = |path: &[&str], entry: Option<usize>| {
        let mut segs: Vec<Seg> = path.iter().map(|k| Seg::Key(k.to_string())).collect();
        segs.extend(entry.map(Seg::Index));
        place(book_toml.as_deref(), &segs).unwrap_or_else(|| Location::file("book.toml"))
    };
    let outside = |diags: &mut Diagnostics, what: String, escape: paths::Escape, place| {
        diags
            .error("config-path", place, format!("{what} {}", escape.problem()))
            .hint(escape.hint());
    };
    for (table, key) in [("output.html", "theme"), ("book", "src")] {
        let written = match table {
            "book" => Some(config.book.src.clone()),
            _ => config
                .get::<PathBuf>(&format!("{table}.{key}"))
                .ok()
                .flatten(),
        };
        if let Some(written) = written
            && let Err(escape) = boundary.in_book(Path::new(""), &written)
        {
            let path: Vec<&str> = table.split('.').chain([key]).collect();
            outside(
                diags,
                format!("`{key}` under `[{table}]`"),
                escape,
                at(&path, None),
            );
        }
    }
    for key in ["additional-css", "additional-js"] {
        let listed = config
            .get::<Vec<PathBuf>>(&format!("output.html.{key}"))
            .ok()
            .flatten()
            .unwrap_or_default();
        for (i, file) in listed.iter().enumerate() {
            let place = at(&["output", "html", key], Some(i));
            if let Err(escape) = boundary.in_book(Path::new(""), file) {
                let what = format!("`{}` in `{key}` under `[output.html]`", file.display());
                outside(diags, what, escape, place);
                continue;
            }
            if root.join(file).is_file() {
                continue;
            }
            let ours = file
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| THEME.iter().any(|(t, _)| *t == n));
            let hint = if ours {
                format!(
                    "run `mdbook-{PREPROCESSOR} install` in the book's directory to write the plugin set's theme files"
                )
            } else {
                "add the file, or remove it from the list".to_string()
            };
            diags
                .error(
                    "theme-file-missing",
                    place,
                    format!(
                        "`{}` is listed in `{key}` but is not in the book",
                        file.display()
                    ),
                )
                .hint(hint);
        }
    }
}

/// What [`install`] did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Installed {
    /// Theme files written.
    pub written: Vec<PathBuf>,
    /// Theme files already there, left as they are.
    pub kept: Vec<PathBuf>,
    /// Whether book.toml was changed.
    pub config_changed: bool,
}

/// Writes the missing theme files into `root/theme/` and completes `root/book.toml`.
pub fn install(root: &Path) -> anyhow::Result<Installed> {
    let toml_path = root.join("book.toml");
    let text = std::fs::read_to_string(&toml_path)
        .with_context(|| format!("no book here: cannot read {}", toml_path.display()))?;
    let mut doc: toml_edit::DocumentMut = text
        .parse()
        .with_context(|| format!("{} is not valid TOML", toml_path.display()))?;
    let theme = root.join("theme");
    std::fs::create_dir_all(&theme)
        .with_context(|| format!("cannot create {}", theme.display()))?;
    let mut done = Installed::default();
    for (name, content) in THEME {
        let path = theme.join(name);
        if path.exists() {
            done.kept.push(path);
        } else {
            std::fs::write(&path, content)
                .with_context(|| format!("cannot write {}", path.display()))?;
            done.written.push(path);
        }
    }
    done.config_changed = complete(&mut doc);
    if done.config_changed {
        std::fs::write(&toml_path, doc.to_string())
            .with_context(|| format!("cannot write {}", toml_path.display()))?;
    }
    Ok(done)
}

/// Adds to `doc` what the plugin set needs; true when anything was added.
fn complete(doc: &mut toml_edit::DocumentMut) -> bool {
    use toml_edit::{Array, Item, Table, value};
    let before = doc.to_string();
    let table = |doc: &mut toml_edit::DocumentMut, outer: &str| -> bool {
        if !doc.contains_key(outer) {
            let mut t = Table::new();
            t.set_implicit(true);
            doc.insert(outer, Item::Table(t));
        }
        doc[outer].is_table()
    };
    // mdBook creates a missing chapter's file in `src/` by default; the build reports it instead.
    if table(doc, "build")
        && let Some(build) = doc["build"].as_table_mut()
        && !build.contains_key("create-missing")
    {
        build.set_implicit(false);
        build.insert("create-missing", value(false));
    }
    if table(doc, "preprocessor")
        && !doc["preprocessor"]
            .as_table()
            .is_some_and(|t| t.contains_key(PREPROCESSOR))
    {
        let mut t = Table::new();
        let mut after = Array::new();
        after.push("links");
        t.insert("after", value(after));
        doc["preprocessor"][PREPROCESSOR] = Item::Table(t);
    }
    if table(doc, "output") {
        let output = doc["output"].as_table_mut().expect("a table");
        if !output.contains_key("html") {
            output.insert("html", Item::Table(Table::new()));
        }
        if let Some(html) = output["html"].as_table_mut() {
            for (key, files) in [("additional-css", CSS), ("additional-js", JS)] {
                let list = html
                    .entry(key)
                    .or_insert_with(|| value(Array::new()))
                    .as_array_mut();
                if let Some(list) = list {
                    for file in files {
                        if !list.iter().any(|v| v.as_str() == Some(file)) {
                            list.push(*file);
                        }
                    }
                }
            }
            // The plugin set's search replaces mdBook's one-file index (an explicit choice
            // stays, and gets the `search-mdbook-index` warning).
            let search = html
                .entry("search")
                .or_insert_with(|| Item::Table(Table::new()));
            if let Some(search) = search.as_table_like_mut()
                && !search.contains_key("enable")
            {
                search.insert("enable", value(false));
            }
        }
        if !output.contains_key(RENDERER) {
            output.insert(RENDERER, Item::Table(Table::new()));
        }
    }
    doc.to_string() != before
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn install_writes_the_theme_and_completes_book_toml_once() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("book.toml"),
            "# My book\n[book]\ntitle = \"T\"\n\n[output.html]\nadditional-css = [\"mine.css\"]\n",
        )
        .unwrap();
        let first = install(dir.path()).unwrap();
        assert_eq!(first.written.len(), THEME.len());
        assert!(first.config_changed);
        let toml = std::fs::read_to_string(dir.path().join("book.toml")).unwrap();
        assert!(
            toml.starts_with("# My book\n[book]\ntitle = \"T\"\n"),
            "{toml}"
        );
        let parsed: toml_edit::DocumentMut = toml.parse().unwrap();
        assert_eq!(
            parsed["output"]["html"]["additional-css"]
                .to_string()
                .trim(),
            "[\"mine.css\", \"theme/report.css\", \"theme/timeline.css\", \"theme/previews.css\"]"
        );
        assert!(parsed["preprocessor"][PREPROCESSOR].is_table());
        assert_eq!(
            parsed["output"]["html"]["search"]["enable"].as_bool(),
            Some(false)
        );
        assert!(parsed["output"][RENDERER].is_table());
        assert_eq!(parsed["build"]["create-missing"].as_bool(), Some(false));
        let second = install(dir.path()).unwrap();
        assert_eq!(
            (
                second.written.len(),
                second.kept.len(),
                second.config_changed
            ),
            (0, THEME.len(), false)
        );
    }
}
