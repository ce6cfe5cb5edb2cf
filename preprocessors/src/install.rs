//! The plugin set's theme files: `mdbook-report install` puts them into a book, and every build
//! checks that the files `book.toml` lists are there.
//!
//! The files are this repository's `theme/` (its own book uses them as they are), compiled into
//! the binary: `report.css` and `report.js` (the look of generated markup, small accessibility
//! fixes, permalinks, "Cite this", the sidebar's folding), `timeline.css` and `timeline.js` (the
//! timeline page: its list, its picture, its filter), `pictures.css` and `pictures.js` (the
//! heat map and the network's picture), `previews.css` and `previews.js` (the links' previews),
//! `search.js` (the search client), `fonts/fonts.css` (the reader's own fonts instead of mdBook's web
//! fonts, which a page would otherwise load: mdBook's documented way to leave them out). The
//! post-build step unlinks the timeline's and the pictures' files from the pages without them
//! ([`crate::outputs::assets`]). No template of mdBook's is replaced: what a page's `<head>` gets
//! (link-preview tags) and the note that search needs JavaScript are written by the post-build
//! step, so a book keeps its own `theme/head.hbs` and `theme/header.hbs`. `install` writes the missing ones into the book's `theme/` and adds what
//! `book.toml` lacks (the preprocessor, the post-build renderer, the files in `additional-css`
//! and `additional-js`, mdBook's own search index switched off, mdBook's `create-missing` off),
//! editing it with `toml_edit` so its comments and layout stay.

use crate::base::diagnostics::{Diagnostics, Location};
use crate::base::paths;
use crate::config::{PREPROCESSOR, RENDERER, locate, place};
use crate::model::schema::Seg;
use anyhow::Context;
use std::path::{Path, PathBuf};

/// The theme files, by name under `theme/`.
pub(crate) const THEME: &[(&str, &str)] = &[
    ("report.css", include_str!("../../theme/report.css")),
    ("report.js", include_str!("../../theme/report.js")),
    ("timeline.css", include_str!("../../theme/timeline.css")),
    ("timeline.js", include_str!("../../theme/timeline.js")),
    ("pictures.css", include_str!("../../theme/pictures.css")),
    ("pictures.js", include_str!("../../theme/pictures.js")),
    ("previews.css", include_str!("../../theme/previews.css")),
    ("previews.js", include_str!("../../theme/previews.js")),
    ("search.js", include_str!("../../theme/search.js")),
    (
        "fonts/fonts.css",
        include_str!("../../theme/fonts/fonts.css"),
    ),
];

const CSS: &[&str] = &[
    "theme/report.css",
    "theme/timeline.css",
    "theme/pictures.css",
    "theme/previews.css",
];
const JS: &[&str] = &[
    "theme/report.js",
    "theme/timeline.js",
    "theme/pictures.js",
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

/// What [`install`] did, in the order it did it: each line says one change in plain words
/// ("wrote theme/report.css", "book.toml: renamed [preprocessor.gmg] to [preprocessor.report]").
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Installed {
    /// The changes made, each as a sentence.
    pub changes: Vec<String>,
    /// What was looked at and left as it is, each as a sentence.
    pub kept: Vec<String>,
    /// What the book still needs from its editor, each as a sentence (the sites its chapters
    /// link to beside it, whose addresses only the editor knows).
    pub advice: Vec<String>,
}

impl Installed {
    /// Nothing changed: the plugin set was already installed (running `install` again is safe).
    pub fn is_unchanged(&self) -> bool {
        self.changes.is_empty()
    }
}

/// Writes the missing theme files into `root/theme/` and completes `root/book.toml`: the tables
/// and keys the plugin set needs are added where missing (an existing table is completed, never
/// replaced), and the names an older version used are renamed. `update` replaces theme files
/// that differ from this version's (a book's own edits to them are lost: they are kept and
/// reported otherwise). Running it twice changes nothing the second time.
pub fn install(root: &Path, update: bool) -> anyhow::Result<Installed> {
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
        let shown = format!("theme/{name}");
        // `fonts/fonts.css` is in a directory of its own.
        let write = || -> anyhow::Result<()> {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("cannot create {}", dir.display()))?;
            }
            std::fs::write(&path, content)
                .with_context(|| format!("cannot write {}", path.display()))
        };
        match std::fs::read_to_string(&path) {
            Ok(existing) if existing == *content => {}
            Ok(_) if !update => done.kept.push(format!(
                "kept {shown}: it differs from this version's (your edits, or an older version's file; `install --update` replaces it)"
            )),
            Ok(_) => {
                write()?;
                done.changes.push(format!("replaced {shown} with this version's"));
            }
            Err(_) => {
                write()?;
                done.changes.push(format!("wrote {shown}"));
            }
        }
    }
    let edits = complete(&mut doc);
    if !edits.is_empty() {
        std::fs::write(&toml_path, doc.to_string())
            .with_context(|| format!("cannot write {}", toml_path.display()))?;
        done.changes
            .extend(edits.into_iter().map(|e| format!("book.toml: {e}")));
    }
    let declared = doc
        .get("preprocessor")
        .and_then(|p| p.get(PREPROCESSOR))
        .and_then(|r| r.get("link-check"))
        .and_then(|l| l.get("siblings"))
        .and_then(|s| s.as_table_like())
        .map(|t| t.iter().map(|(k, _)| k.to_string()).collect::<Vec<_>>())
        .unwrap_or_default();
    let src = doc
        .get("book")
        .and_then(|b| b.get("src"))
        .and_then(|s| s.as_str())
        .unwrap_or("src")
        .to_string();
    let undeclared: Vec<String> = sibling_folders(&root.join(src))
        .into_iter()
        .filter(|f| !declared.contains(f))
        .collect();
    if let Some(first) = undeclared.first() {
        done.advice.push(format!(
            "the chapters link to sites beside this one ({}): say where each is published, e.g. `siblings = {{ \"{first}\" = \"https://…\" }}` under [preprocessor.{PREPROCESSOR}.link-check], or the link check reports those links as leaving the site",
            undeclared.join(", ")
        ));
    }
    Ok(done)
}

/// The folders beyond the site's root that the chapters' links lead to (`../std/` for
/// `../std/vec/struct.Vec.html` from a chapter at the root, `../../std/` one level down is the
/// same folder), written from the root, sorted: the sites a book is published beside.
fn sibling_folders(src: &Path) -> Vec<String> {
    let Ok(summary) = std::fs::read_to_string(src.join("SUMMARY.md")) else {
        return Vec::new();
    };
    let Ok(summary) = mdbook_summary::parse_summary(&summary) else {
        return Vec::new();
    };
    let mut chapters = Vec::new();
    fn walk(items: &[mdbook_summary::SummaryItem], out: &mut Vec<PathBuf>) {
        for item in items {
            if let mdbook_summary::SummaryItem::Link(link) = item {
                out.extend(link.location.clone());
                walk(&link.nested_items, out);
            }
        }
    }
    walk(&summary.prefix_chapters, &mut chapters);
    walk(&summary.numbered_chapters, &mut chapters);
    walk(&summary.suffix_chapters, &mut chapters);
    let mut folders = std::collections::BTreeSet::new();
    for chapter in chapters {
        let Ok(text) = std::fs::read_to_string(src.join(&chapter)) else {
            continue;
        };
        let depth = chapter.parent().map_or(0, |p| p.components().count());
        let doc = crate::base::markdown::Doc::parse(&text);
        for link in doc.links.iter().filter(|l| !l.autolink) {
            let dest = link.dest.trim_start_matches("./");
            if dest.contains(':') {
                continue;
            }
            let ups = dest.split('/').take_while(|s| *s == "..").count();
            let rest = dest.split('/').nth(ups).filter(|s| !s.is_empty());
            if let (true, Some(folder)) = (ups > depth, rest) {
                folders.insert(format!("{}{folder}/", "../".repeat(ups - depth)));
            }
        }
    }
    folders.into_iter().collect()
}

/// The tables of older versions and their names now.
const RENAMED_TABLES: &[(&str, &str, &str)] = &[
    ("preprocessor", "gmg", PREPROCESSOR),
    ("output", "postbuild", RENDERER),
];

/// Theme files of older versions and their names now.
const RENAMED_FILES: &[(&str, &str)] = &[
    ("theme/gmg.css", "theme/report.css"),
    ("theme/gmg.js", "theme/report.js"),
];

/// Renames what an older version called otherwise: its tables, the `command` that ran its
/// binary (mdBook now finds `mdbook-report` and `mdbook-report-postbuild` by the tables' names),
/// `report-date` of the timeline's table (now `date` of the preprocessor's), its theme files.
fn migrate(doc: &mut toml_edit::DocumentMut, edits: &mut Vec<String>) {
    for (outer, old, new) in RENAMED_TABLES {
        let Some(tables) = doc.get_mut(outer).and_then(|t| t.as_table_like_mut()) else {
            continue;
        };
        if tables.contains_key(new) {
            continue;
        }
        let Some(mut table) = tables.remove(old) else {
            continue;
        };
        edits.push(format!(
            "renamed [{outer}.{old}] to [{outer}.{new}] (its name since version 0.2)"
        ));
        if let Some(t) = table.as_table_like_mut()
            && t.get("command")
                .and_then(|c| c.as_str())
                .is_some_and(|c| c.contains("gmg-report"))
        {
            t.remove("command");
            edits.push(format!(
                "removed the `command` of [{outer}.{new}], which ran an older version's binary (mdBook finds `mdbook-{new}` by the table's name)"
            ));
        }
        // The table keeps its place in the file (its position travels with it).
        if let Some(t) = doc[*outer].as_table_like_mut() {
            t.insert(new, table);
        }
    }
    let report_date = doc
        .get_mut("preprocessor")
        .and_then(|p| p.get_mut(PREPROCESSOR))
        .and_then(|r| r.get_mut("timeline"))
        .and_then(|t| t.as_table_like_mut())
        .and_then(|t| t.remove("report-date"));
    if let Some(date) = report_date {
        let report = &mut doc["preprocessor"][PREPROCESSOR];
        if report.get("date").is_none() {
            report["date"] = date;
            edits.push(format!(
                "moved `report-date` of [preprocessor.{PREPROCESSOR}.timeline] to `date` of [preprocessor.{PREPROCESSOR}] (the document's date, used by every feature)"
            ));
        } else {
            edits.push(format!(
                "removed `report-date` of [preprocessor.{PREPROCESSOR}.timeline]: `date` of [preprocessor.{PREPROCESSOR}] is the document's date now"
            ));
        }
    }
    let html = doc
        .get_mut("output")
        .and_then(|o| o.get_mut("html"))
        .and_then(|h| h.as_table_like_mut());
    if let Some(html) = html {
        for key in ["additional-css", "additional-js"] {
            let Some(list) = html.get_mut(key).and_then(|l| l.as_array_mut()) else {
                continue;
            };
            for (old, new) in RENAMED_FILES {
                let Some(i) = list.iter().position(|v| v.as_str() == Some(old)) else {
                    continue;
                };
                if list.iter().any(|v| v.as_str() == Some(new)) {
                    list.remove(i);
                } else {
                    list.replace(i, *new);
                }
                edits.push(format!(
                    "replaced `{old}` with `{new}` in `{key}` of [output.html] (the file's name now; `{old}` is no longer used)"
                ));
            }
        }
    }
}

/// Adds to `doc` what the plugin set needs, completing tables that are there; returns what it
/// changed, each as a sentence (none when everything was there).
fn complete(doc: &mut toml_edit::DocumentMut) -> Vec<String> {
    use toml_edit::{Array, Item, Table, value};
    let mut edits = Vec::new();
    migrate(doc, &mut edits);
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
        edits.push("added `create-missing = false` to [build] (a chapter SUMMARY.md lists but nobody wrote is reported, not created empty)".into());
    }
    if table(doc, "preprocessor") {
        let preprocessors = doc["preprocessor"].as_table_mut().expect("a table");
        if !preprocessors.contains_key(PREPROCESSOR) {
            preprocessors.insert(PREPROCESSOR, Item::Table(Table::new()));
            edits.push(format!("added [preprocessor.{PREPROCESSOR}]"));
        }
        // After mdBook's `links`, so included text is processed too; an existing `after` list
        // is completed, not replaced.
        if let Some(report) = preprocessors[PREPROCESSOR].as_table_like_mut() {
            let after = report
                .entry("after")
                .or_insert_with(|| value(Array::new()))
                .as_array_mut();
            if let Some(after) = after
                && !after.iter().any(|v| v.as_str() == Some("links"))
            {
                after.push("links");
                edits.push(format!("added \"links\" to `after` of [preprocessor.{PREPROCESSOR}] (included text is processed too)"));
            }
        }
    }
    if table(doc, "output") {
        let output = doc["output"].as_table_mut().expect("a table");
        if !output.contains_key("html") {
            output.insert("html", Item::Table(Table::new()));
            edits.push("added [output.html]".into());
        }
        if let Some(html) = output["html"].as_table_mut() {
            for (key, files) in [("additional-css", CSS), ("additional-js", JS)] {
                let list = html
                    .entry(key)
                    .or_insert_with(|| value(Array::new()))
                    .as_array_mut();
                if let Some(list) = list {
                    let missing: Vec<&str> = files
                        .iter()
                        .copied()
                        .filter(|f| !list.iter().any(|v| v.as_str() == Some(f)))
                        .collect();
                    for file in &missing {
                        list.push(*file);
                    }
                    if !missing.is_empty() {
                        edits.push(format!(
                            "added {} to `{key}` of [output.html]",
                            missing.join(", ")
                        ));
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
                edits.push("added `enable = false` to [output.html.search] (the plugin set's search replaces mdBook's one-file index)".into());
            }
        }
        if !output.contains_key(RENDERER) {
            output.insert(RENDERER, Item::Table(Table::new()));
            edits.push(format!(
                "added [output.{RENDERER}] (mdBook runs `mdbook-{RENDERER}` after `html`)"
            ));
        }
    }
    edits
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
        let first = install(dir.path(), false).unwrap();
        assert!(!first.is_unchanged());
        assert_eq!(
            first
                .changes
                .iter()
                .filter(|c| c.starts_with("wrote theme/"))
                .count(),
            THEME.len()
        );
        assert!(first.changes.iter().any(|c| c.starts_with("book.toml: ")));
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
            "[\"mine.css\", \"theme/report.css\", \"theme/timeline.css\", \"theme/pictures.css\", \"theme/previews.css\"]"
        );
        assert!(parsed["preprocessor"][PREPROCESSOR].is_table());
        assert_eq!(
            parsed["output"]["html"]["search"]["enable"].as_bool(),
            Some(false)
        );
        assert!(parsed["output"][RENDERER].is_table());
        assert_eq!(parsed["build"]["create-missing"].as_bool(), Some(false));
        let second = install(dir.path(), false).unwrap();
        assert_eq!(second, Installed::default());
        assert!(second.is_unchanged());
    }

    /// [`check_book`]'s findings for a book whose `book.toml` is `toml` and whose other files
    /// are `files` (path, text), with the plugin set's search on or off.
    fn checked(toml: &str, files: &[(&str, &str)], search: bool) -> String {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("book.toml"), toml).unwrap();
        for (path, text) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let config: mdbook_preprocessor::config::Config = toml.parse().unwrap();
        let mut diags = Diagnostics::new();
        check_book(dir.path(), &config, search, &mut diags);
        diags.render()
    }

    /// What the checks find wrong in a book `install` completed: nothing.
    const COMPLETE: &str = "[book]\ntitle = \"T\"\n\n[output.html]\n\n[output.html.search]\nenable = false\n\n[output.report-postbuild]\n";

    #[test]
    fn a_complete_book_passes_the_checks() {
        assert_eq!(checked(COMPLETE, &[], true), "0 errors, 0 warnings");
    }

    #[test]
    fn mdbooks_own_search_index_is_a_warning_at_its_key_or_the_html_table_or_the_file() {
        let warning = "warning: mdBook's own search index is on next to the plugin set's search: readers would download every page's text when they open search [search-mdbook-index]\n  = hint: set `enable = false` under `[output.html.search]` (the plugin set's search replaces it), or switch the plugin set's off with `enable = false` under `[preprocessor.report.search]`\n0 errors, 1 warning";
        let on = COMPLETE.replace("enable = false", "enable = true");
        assert_eq!(checked(&on, &[], true), format!("book.toml:7:1: {warning}"));
        let unsaid = COMPLETE.replace("\n[output.html.search]\nenable = false\n", "");
        assert_eq!(
            checked(&unsaid, &[], true),
            format!("book.toml:4:1: {warning}")
        );
        let no_html = "[output.report-postbuild]\n";
        assert_eq!(checked(no_html, &[], true), format!("book.toml: {warning}"));
        // The plugin set's search off: mdBook's is the only one.
        assert_eq!(checked(&on, &[], false), "0 errors, 0 warnings");
    }

    #[test]
    fn without_the_post_build_renderer_a_warning_says_what_to_add() {
        let warning = "warning: `[output.report-postbuild]` is not in book.toml: pages keep the book's description and the timeline's exports are not written [postbuild-missing]\n  = hint: add an empty `[output.report-postbuild]` table (mdBook then runs `mdbook-report-postbuild` after `html`), or run `mdbook-report install`\n0 errors, 1 warning";
        let without = COMPLETE.replace("\n[output.report-postbuild]\n", "");
        assert_eq!(
            checked(&without, &[], true),
            format!("book.toml:4:1: {warning}")
        );
        let bare = "[output.html.search]\nenable = false\n";
        assert_eq!(checked(bare, &[], true), format!("book.toml: {warning}"));
    }

    #[test]
    fn listed_theme_files_must_exist_and_stay_in_the_book() {
        let toml = COMPLETE.replace(
            "[output.html]\n",
            "[output.html]\nadditional-css = [\"theme/report.css\", \"mine.css\", \"../out.css\"]\nadditional-js = [\"theme/search.js\"]\n",
        );
        assert_eq!(
            checked(&toml, &[("theme/search.js", "")], true),
            "book.toml:5:19: error: `theme/report.css` is listed in `additional-css` but is not in the book [theme-file-missing]\n  \
             = hint: run `mdbook-report install` in the book's directory to write the plugin set's theme files\n\
             book.toml:5:39: error: `mine.css` is listed in `additional-css` but is not in the book [theme-file-missing]\n  \
             = hint: add the file, or remove it from the list\n\
             book.toml:5:51: error: `../out.css` in `additional-css` under `[output.html]` leads out of the book (through `..`) [config-path]\n  \
             = hint: write a path inside the book, relative to its folder (e.g. `data/file.yaml`); copy what lives elsewhere into the book\n\
             3 errors, 0 warnings"
        );
    }

    #[test]
    fn the_theme_folder_and_the_source_folder_stay_in_the_book() {
        let toml = COMPLETE
            .replace("[output.html]\n", "[output.html]\ntheme = \"/etc\"\n")
            .replace("title = \"T\"\n", "title = \"T\"\nsrc = \"../src\"\n");
        assert_eq!(
            checked(&toml, &[], true),
            "book.toml:6:1: error: `theme` under `[output.html]` is an absolute path [config-path]\n  \
             = hint: write a path inside the book, relative to its folder (e.g. `data/file.yaml`); copy what lives elsewhere into the book\n\
             book.toml:3:1: error: `src` under `[book]` leads out of the book (through `..`) [config-path]\n  \
             = hint: write a path inside the book, relative to its folder (e.g. `data/file.yaml`); copy what lives elsewhere into the book\n\
             2 errors, 0 warnings"
        );
    }

    fn installed(toml: &str) -> (String, Installed) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("book.toml"), toml).unwrap();
        let done = install(dir.path(), false).unwrap();
        (
            std::fs::read_to_string(dir.path().join("book.toml")).unwrap(),
            done,
        )
    }

    #[test]
    fn an_existing_preprocessor_table_is_completed_not_replaced() {
        let (toml, done) = installed(
            "[book]\ntitle = \"T\"\n\n[preprocessor.report]\ndocument = \"report\"\nafter = [\"mine\"]\n",
        );
        assert!(
            toml.contains(
                "[preprocessor.report]\ndocument = \"report\"\nafter = [\"mine\", \"links\"]\n"
            ),
            "{toml}"
        );
        assert!(done.changes.contains(
            &"book.toml: added \"links\" to `after` of [preprocessor.report] (included text is processed too)".to_string()
        ));
        assert!(
            !done
                .changes
                .iter()
                .any(|c| c == "book.toml: added [preprocessor.report]")
        );
    }

    #[test]
    fn an_older_versions_names_are_renamed_and_each_rename_is_said() {
        let (toml, done) = installed(
            "[book]\ntitle = \"T\"\n\n[preprocessor.gmg]\ncommand = \"cargo run --release --quiet --bin gmg-report -- preprocess\"\nafter = [\"links\"]\n\n\
             [preprocessor.gmg.timeline]\nreport-date = \"2014-05\"\n\n\
             [output.html]\nadditional-css = [\"theme/gmg.css\", \"theme/timeline.css\"]\n\n\
             [output.postbuild]\ncommand = \"cargo run --release --quiet --bin gmg-report -- postbuild\"\n",
        );
        let parsed: toml_edit::DocumentMut = toml.parse().unwrap();
        assert!(parsed["preprocessor"].get("gmg").is_none(), "{toml}");
        assert!(parsed["output"].get("postbuild").is_none(), "{toml}");
        let report = &parsed["preprocessor"]["report"];
        assert_eq!(report["date"].as_str(), Some("2014-05"));
        assert!(report.get("command").is_none());
        assert!(report["timeline"].get("report-date").is_none());
        assert!(parsed["output"][RENDERER].get("command").is_none());
        assert_eq!(
            parsed["output"]["html"]["additional-css"]
                .to_string()
                .trim(),
            "[\"theme/report.css\", \"theme/timeline.css\", \"theme/pictures.css\", \"theme/previews.css\"]"
        );
        let said: Vec<&str> = done.changes.iter().map(String::as_str).collect();
        for expected in [
            "book.toml: renamed [preprocessor.gmg] to [preprocessor.report] (its name since version 0.2)",
            "book.toml: renamed [output.postbuild] to [output.report-postbuild] (its name since version 0.2)",
            "book.toml: moved `report-date` of [preprocessor.report.timeline] to `date` of [preprocessor.report] (the document's date, used by every feature)",
            "book.toml: replaced `theme/gmg.css` with `theme/report.css` in `additional-css` of [output.html] (the file's name now; `theme/gmg.css` is no longer used)",
        ] {
            assert!(said.contains(&expected), "{expected}\nnot in\n{said:#?}");
        }
        // The renamed table stays where it was, before [output.html].
        assert!(
            toml.find("[preprocessor.report]").unwrap() < toml.find("[output.html]").unwrap(),
            "{toml}"
        );
    }

    #[test]
    fn install_names_the_sites_beside_the_book_its_chapters_link_to() {
        let dir = tempfile::tempdir().unwrap();
        let write = |p: &str, t: &str| {
            let p = dir.path().join(p);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, t).unwrap();
        };
        write("book.toml", "[book]\ntitle = \"T\"\n");
        write(
            "src/SUMMARY.md",
            "# S\n\n- [A](a.md)\n    - [B](deep/b.md)\n",
        );
        write(
            "src/a.md",
            "[Vec](../std/vec/index.html), [here](b.md), [up](deep/../a.md), <https://x.org/>\n",
        );
        write(
            "src/deep/b.md",
            "[ref](../../reference/types.html) and [a](../a.md)\n",
        );
        let done = install(dir.path(), false).unwrap();
        assert_eq!(
            done.advice,
            [
                "the chapters link to sites beside this one (../reference/, ../std/): say where each is published, e.g. `siblings = { \"../reference/\" = \"https://…\" }` under [preprocessor.report.link-check], or the link check reports those links as leaving the site"
            ]
        );
        // Declared: no advice.
        let toml = std::fs::read_to_string(dir.path().join("book.toml")).unwrap();
        write(
            "book.toml",
            &format!(
                "{toml}\n[preprocessor.report.link-check]\nsiblings = {{ \"../std/\" = \"https://doc.rust-lang.org/std/\", \"../reference/\" = \"https://doc.rust-lang.org/reference/\" }}\n"
            ),
        );
        assert!(install(dir.path(), false).unwrap().advice.is_empty());
    }

    #[test]
    fn a_theme_file_the_book_changed_is_kept_unless_updated() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("book.toml"), "[book]\n").unwrap();
        install(dir.path(), false).unwrap();
        let css = dir.path().join("theme/report.css");
        std::fs::write(&css, "/* mine */").unwrap();
        let again = install(dir.path(), false).unwrap();
        assert!(again.is_unchanged());
        assert_eq!(again.kept.len(), 1);
        assert!(again.kept[0].starts_with("kept theme/report.css: it differs"));
        assert_eq!(std::fs::read_to_string(&css).unwrap(), "/* mine */");
        let updated = install(dir.path(), true).unwrap();
        assert_eq!(
            updated.changes,
            ["replaced theme/report.css with this version's"]
        );
        assert_eq!(std::fs::read_to_string(&css).unwrap(), THEME[0].1);
    }
}
