//! What each page loads. mdBook's template (`index.hbs`) links every page to the same files: its
//! code highlighting (`highlight.js`, 46 kB gzip, `clipboard.min.js` and three highlight
//! stylesheets) and every `additional-css` and `additional-js` file, so a chapter of prose in a
//! book without code loaded the highlighting and the timeline's and the pictures' styles and
//! scripts. The post-build step, which rewrites every page anyway, takes out of each page what
//! it does not use ([`trim`]):
//!
//! - mdBook's highlighting where it has nothing to do. `highlight.js` colours code blocks that
//!   name their language (`<code class="language-…">`; `book.js` asks it to guess no other);
//!   `clipboard.min.js` serves the copy buttons of code blocks (`<pre><code>`); the highlight
//!   stylesheets style every `<code>`, to which `book.js` adds the class `hljs`. mdBook 0.5.4's
//!   `book.js` calls `hljs.configure` and `hljs.highlightBlock` at its start and
//!   `new ClipboardJS(…)` near its end, unguarded: without them it throws, and the rest of it
//!   (themes, the sidebar, the keyboard's chapter navigation, the menu bar) never runs. So where
//!   a script goes, an inline stub of those names ([`STUB`], defining only what is missing)
//!   takes `highlight.js`'s place, and a stylesheet's `<link>` becomes an empty `<template>` with
//!   its id, which `book.js`'s theme switch looks up to set `disabled` on.
//! - The plugin set's page-specific theme files ([`PAGE_FILES`]), from a page without the markup
//!   they style or run (by its classes).
//!
//! A file is recognised by its path in the book (`theme/timeline.css`, mdBook's
//! `highlight.css`) whatever mdBook's fingerprint (`timeline-0a1b2c3d.css`) and the page's depth
//! (`../`). Tags are found with [`super::print`]'s scanner of mdBook's output. Without the
//! post-build step every page loads everything, as before.

use super::print::{attr, tags};
use std::collections::HashSet;

/// A theme file of the plugin set that only some pages use.
pub(crate) struct PageFile {
    /// Its path in the book, as `book.toml` lists it (`mdbook-report install` writes these).
    pub path: &'static str,
    /// The classes of the markup it styles or runs: a page with none of them does not load it.
    pub classes: &'static [&'static str],
}

/// The timeline page's list (`outputs::pages::timeline`).
const TIMELINE: &[&str] = &["timeline-entry"];
/// The heat map (`outputs::pages::agenda`) and the network's picture (`outputs::pages::network`).
const PICTURES: &[&str] = &["heat-map", "network-figure"];

/// The page-specific theme files.
pub(crate) const PAGE_FILES: &[PageFile] = &[
    PageFile {
        path: "theme/timeline.css",
        classes: TIMELINE,
    },
    PageFile {
        path: "theme/timeline.js",
        classes: TIMELINE,
    },
    PageFile {
        path: "theme/pictures.css",
        classes: PICTURES,
    },
    PageFile {
        path: "theme/pictures.js",
        classes: PICTURES,
    },
];

/// mdBook's highlight stylesheets, which `book.js` finds by id.
const HIGHLIGHT_CSS: &[&str] = &["highlight.css", "tomorrow-night.css", "ayu-highlight.css"];
/// mdBook's highlighting script, replaced by [`STUB`] where there is no code.
const HIGHLIGHT_JS: &str = "highlight.js";
/// mdBook's clipboard script, for its code blocks' copy buttons.
const CLIPBOARD_JS: &str = "clipboard.min.js";
/// What `book.js` calls of `highlight.js` and `clipboard.min.js`, doing nothing, where they did
/// not load.
pub(crate) const STUB: &str = "<script>window.hljs=window.hljs||{configure:function(){},highlightBlock:function(){}};window.ClipboardJS=window.ClipboardJS||function(){this.on=function(){}};</script>";

/// What a page has that its files are for.
#[derive(Default)]
struct Uses<'a> {
    /// A `<code>` element.
    code: bool,
    /// A `<code>` that names its language.
    language: bool,
    /// A `<pre>` element.
    pre: bool,
    /// Every class of every element.
    classes: HashSet<&'a str>,
}

/// Whether `tag` is a start tag of element `name`.
fn is(tag: &str, name: &str) -> bool {
    tag.strip_prefix('<')
        .and_then(|t| t.strip_prefix(name))
        .is_some_and(|rest| rest.starts_with([' ', '>']))
}

fn uses(html: &str) -> Uses<'_> {
    let mut out = Uses::default();
    for tag in tags(html) {
        let classes = attr(tag, "class").unwrap_or_default();
        if is(tag, "code") {
            out.code = true;
            out.language |= classes
                .split_ascii_whitespace()
                .any(|c| c.starts_with("language-"));
        }
        out.pre |= is(tag, "pre");
        out.classes.extend(classes.split_ascii_whitespace());
    }
    out
}

/// The book's path of a linked file: `../theme/timeline-0a1b2c3d.css` → `theme/timeline.css`.
fn book_path(url: &str) -> String {
    let mut rest = url;
    while let Some(r) = rest.strip_prefix("../").or_else(|| rest.strip_prefix("./")) {
        rest = r;
    }
    // mdBook's fingerprint: `-` and eight hex digits before the first `.` of the file name.
    let name_at = rest.rfind('/').map_or(0, |i| i + 1);
    let Some(dot) = rest[name_at..].find('.').map(|d| name_at + d) else {
        return rest.to_string();
    };
    let stem = &rest[..dot];
    match stem.len().checked_sub(9).map(|i| stem.split_at(i)) {
        Some((name, hash))
            if hash.starts_with('-') && hash[1..].bytes().all(|b| b.is_ascii_hexdigit()) =>
        {
            format!("{name}{}", &rest[dot..])
        }
        _ => rest.to_string(),
    }
}

/// `html` without the files it does not use (see the module documentation), or `None` when it
/// uses them all.
pub(crate) fn trim(html: &str) -> Option<String> {
    let used = uses(html);
    let highlighting = used.language;
    let clipboard = used.pre && used.code;
    let at = |s: &str| s.as_ptr() as usize - html.as_ptr() as usize;
    // (start, end, replacement) of each tag to change, in page order.
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    for tag in tags(html) {
        let (url, script) = if tag.starts_with("<link ") && attr(tag, "rel") == Some("stylesheet") {
            (attr(tag, "href"), false)
        } else if tag.starts_with("<script ") {
            (attr(tag, "src"), true)
        } else {
            continue;
        };
        let Some(url) = url else { continue };
        let path = book_path(url);
        let start = at(tag);
        let mut end = start + tag.len();
        if script {
            let Some(close) = html[end..].find("</script>") else {
                continue;
            };
            end += close + "</script>".len();
        }
        let replacement = if HIGHLIGHT_CSS.contains(&path.as_str()) && !used.code {
            attr(tag, "id").map_or_else(String::new, |id| {
                format!("<template id=\"{id}\"></template>")
            })
        } else if script && path == HIGHLIGHT_JS && !highlighting {
            STUB.to_string()
        } else if script && path == HIGHLIGHT_JS && !clipboard {
            // `book.js` comes next: it needs the clipboard's name too.
            format!("{}{STUB}", &html[start..end])
        } else if (script && path == CLIPBOARD_JS && !clipboard)
            || PAGE_FILES
                .iter()
                .any(|f| f.path == path && !f.classes.iter().any(|c| used.classes.contains(c)))
        {
            String::new()
        } else {
            continue;
        };
        // A tag removed whole takes its line with it.
        let line_start = html[..start].rfind('\n').map_or(0, |i| i + 1);
        if replacement.is_empty()
            && html[line_start..start].trim().is_empty()
            && html[end..].starts_with('\n')
        {
            edits.push((line_start, end + 1, replacement));
        } else {
            edits.push((start, end, replacement));
        }
    }
    if edits.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(html.len());
    let mut copied = 0;
    for (start, end, replacement) in edits {
        out.push_str(&html[copied..start]);
        out.push_str(&replacement);
        copied = end;
    }
    out.push_str(&html[copied..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page as mdBook 0.5.4's template writes it, with `body` in its `<main>`.
    fn page(body: &str) -> String {
        format!(
            "<head>\n        <link rel=\"stylesheet\" href=\"../css/general-11aa22bb.css\">\n\
             \x20       <link rel=\"stylesheet\" id=\"mdbook-highlight-css\" href=\"../highlight-0a1b2c3d.css\">\n\
             \x20       <link rel=\"stylesheet\" id=\"mdbook-ayu-highlight-css\" href=\"../ayu-highlight-99aa88bb.css\">\n\
             \x20       <link rel=\"stylesheet\" href=\"../theme/report-12345678.css\">\n\
             \x20       <link rel=\"stylesheet\" href=\"../theme/timeline-abcdef01.css\">\n\
             </head>\n<body><main>{body}</main>\n\
             \x20       <script src=\"../clipboard-1a2b3c4d.min.js\"></script>\n\
             \x20       <script src=\"../highlight-5e6f7a8b.js\"></script>\n\
             \x20       <script src=\"../book-00000000.js\"></script>\n\
             \x20       <script src=\"../theme/timeline-abcdef02.js\"></script>\n\
             </body>"
        )
    }

    #[test]
    fn a_page_of_prose_loads_neither_the_highlighting_nor_the_timelines_files() {
        let out = trim(&page("<p>Prose.</p>")).expect("trimmed");
        assert_eq!(
            out,
            format!(
                "<head>\n        <link rel=\"stylesheet\" href=\"../css/general-11aa22bb.css\">\n\
                 \x20       <template id=\"mdbook-highlight-css\"></template>\n\
                 \x20       <template id=\"mdbook-ayu-highlight-css\"></template>\n\
                 \x20       <link rel=\"stylesheet\" href=\"../theme/report-12345678.css\">\n\
                 </head>\n<body><main><p>Prose.</p></main>\n\
                 \x20       {STUB}\n\
                 \x20       <script src=\"../book-00000000.js\"></script>\n\
                 </body>"
            )
        );
    }

    #[test]
    fn a_code_block_keeps_the_highlighting_and_the_timeline_keeps_its_files() {
        let block = page("<pre><code class=\"language-rust\">x</code></pre>");
        let with_code = trim(&block).unwrap();
        assert!(with_code.contains("highlight-5e6f7a8b.js\"></script>\n"));
        assert!(with_code.contains("clipboard-1a2b3c4d.min.js"));
        assert!(with_code.contains("id=\"mdbook-highlight-css\" href="));
        assert!(!with_code.contains("theme/timeline-"));
        assert_eq!(
            with_code,
            block
                .replace(
                    "        <script src=\"../theme/timeline-abcdef02.js\"></script>\n",
                    ""
                )
                .replace(
                    "        <link rel=\"stylesheet\" href=\"../theme/timeline-abcdef01.css\">\n",
                    ""
                )
        );
        let timeline = page(
            "<pre><code class=\"language-toml\">x</code></pre><li class=\"timeline-entry\"></li>",
        );
        assert_eq!(trim(&timeline), None);
    }

    #[test]
    fn inline_code_keeps_the_highlight_styles_only_and_a_block_without_language_the_clipboard() {
        let inline = trim(&page("<p><code>x</code></p>")).unwrap();
        assert!(inline.contains("id=\"mdbook-highlight-css\" href="));
        assert!(!inline.contains("highlight-5e6f7a8b.js"));
        assert!(!inline.contains("clipboard-"));
        assert!(inline.contains(STUB));
        let plain_block = trim(&page("<pre><code>x</code></pre>")).unwrap();
        assert!(plain_block.contains("clipboard-1a2b3c4d.min.js"));
        assert!(!plain_block.contains("highlight-5e6f7a8b.js"));
        assert!(plain_block.contains(STUB));
        // A language named outside a block (mdBook never writes it, an editor's HTML may):
        // highlighted, and the clipboard's name stubbed after the script.
        let named = trim(&page("<p><code class=\"language-sh\">x</code></p>")).unwrap();
        assert!(named.contains(&format!("highlight-5e6f7a8b.js\"></script>{STUB}\n")));
    }

    #[test]
    fn files_are_recognised_by_their_path_in_the_book_whatever_their_fingerprint() {
        assert_eq!(
            book_path("../../theme/timeline-0a1b2c3d.css"),
            "theme/timeline.css"
        );
        assert_eq!(book_path("clipboard-1a2b3c4d.min.js"), "clipboard.min.js");
        assert_eq!(
            book_path("./.././theme/report-0a1b2c3d.js"),
            "theme/report.js"
        );
        assert_eq!(book_path("highlight.js"), "highlight.js");
        // Not a fingerprint: kept as it is.
        assert_eq!(book_path("theme/time-line.css"), "theme/time-line.css");
        assert_eq!(book_path("theme/x-zzzzzzzz.css"), "theme/x-zzzzzzzz.css");
        // Another directory's `timeline.css` is not the plugin set's.
        let other = page("").replace("../theme/timeline-abcdef01.css", "../style/timeline.css");
        assert!(trim(&other).unwrap().contains("../style/timeline.css"));
    }

    #[test]
    fn a_class_in_text_or_a_comment_does_not_count() {
        let text = page("<p>class=\"timeline-entry\" <!-- <li class=\"timeline-entry\"> --></p>");
        assert!(!trim(&text).unwrap().contains("theme/timeline-"));
    }

    #[test]
    fn a_path_from_the_sites_root_keeps_its_slash_and_loses_its_fingerprint() {
        assert_eq!(book_path("/clipboard-1a2b3c4d.min.js"), "/clipboard.min.js");
    }

    #[test]
    fn a_link_that_is_not_a_stylesheet_stays_whatever_it_names() {
        // A preload of the timeline's script on a page without a timeline: not a stylesheet, so
        // not the stylesheet's `<link>` to take out (and nothing else to take out either).
        let html = "<link rel=\"preload\" href=\"theme/timeline.js\" as=\"script\">\n<p>x</p>";
        assert_eq!(trim(html), None);
    }

    #[test]
    fn a_tag_is_named_by_its_whole_name() {
        assert!(is("<code>", "code") && is("<code class=\"x\">", "code"));
        assert!(!is("<codex>", "code") && !is("<pre>", "code") && !is("code>", "code"));
    }
}
