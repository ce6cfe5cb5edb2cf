//! The print page holds the document: its chapters and endnotes, not the generated pages.
//!
//! mdBook's `print.html` is every chapter one after another, separated by a page-break `<div>`,
//! with links between chapters rewritten into fragments of the print page (and ids made unique
//! across it: a repeated id gets `-1`, `-2` …). With a page per organisation the generated pages
//! are most of it (BENCHMARKS.md has the sizes), and printing it prints a directory nobody asked
//! for. mdBook has no per-chapter
//! switch for it, so the post-build step cuts the generated chapters out after rendering: each
//! chapter of the print page ends with its description marker ([`crate::outputs::describe`]),
//! which says what the page is and where it lives. Links from the kept chapters into a removed
//! one are pointed at the real page instead: the removed chapter's ids on the print page, in
//! document order, correspond one to one to its ids on its own page (the same tree, serialised
//! twice), which the caller collected when it read that page.
//!
//! mdBook serialises its own tree: attributes are always `name="value"`, text never contains a
//! raw `<`, and only the contents of `<script>`, `<style>` and comments are written raw, so tags
//! are found by a scan that skips those three.

use crate::outputs::describe::{self, PageKind};
use std::collections::HashMap;

/// mdBook's separator between chapters on the print page (`print.rs`, mdBook 0.5.4).
pub(crate) const PAGE_BREAK: &str =
    r#"<div style="break-before: page; page-break-before: always;"></div>"#;

/// Why a print page was left as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Unchanged {
    /// Nothing generated is on it.
    NothingGenerated,
    /// It does not have the shape this module knows (mdBook changed, or a chapter's own HTML
    /// contains the separator): better a full print page than a wrong one.
    UnknownShape(&'static str),
}

/// The print page without its generated chapters, links into them pointing at the real pages.
/// `page_ids` gives the ids inside `<main>` of each generated page (site-relative path), in
/// document order. Returns the new page and how many chapters were removed.
pub(crate) fn report_only(
    html: &str,
    page_ids: &HashMap<String, Vec<String>>,
) -> Result<(String, usize), Unchanged> {
    let start = html
        .find("<main>")
        .ok_or(Unchanged::UnknownShape("no <main>"))?
        + "<main>".len();
    let end = html
        .rfind("</main>")
        .filter(|&e| e >= start)
        .ok_or(Unchanged::UnknownShape("no </main>"))?;
    let segments: Vec<&str> = html[start..end].split(PAGE_BREAK).collect();
    let mut kept = Vec::new();
    let mut redirects: HashMap<String, String> = HashMap::new();
    for segment in &segments {
        let metas = describe::metas(segment);
        match metas.as_slice() {
            [meta] if meta.kind != PageKind::Chapter => {
                let print_ids = tags(segment)
                    .flat_map(|t| attr(t, "id"))
                    .collect::<Vec<_>>();
                let own = page_ids.get(&meta.path).map(Vec::as_slice).unwrap_or(&[]);
                // mdBook gives a chapter without an `<h1>` one on the print page only.
                let skip = usize::from(print_ids.len() == own.len() + 1);
                for (i, id) in print_ids.iter().enumerate() {
                    let target = if i == 0 {
                        meta.path.clone()
                    } else {
                        match own
                            .get(i - skip)
                            .filter(|_| print_ids.len() == own.len() + skip)
                        {
                            Some(real) => format!("{}#{real}", meta.path),
                            None => format!("{}#{}", meta.path, unsuffixed(id, own)),
                        }
                    };
                    redirects.insert(format!("#{id}"), target);
                }
            }
            [_] | [] => kept.push(*segment),
            _ => return Err(Unchanged::UnknownShape("a chapter with two markers")),
        }
    }
    let removed = segments.len() - kept.len();
    if removed == 0 {
        return Err(Unchanged::NothingGenerated);
    }
    let mut out = String::with_capacity(start + kept.iter().map(|s| s.len()).sum::<usize>() + 64);
    out.push_str(&html[..start]);
    for (i, segment) in kept.iter().enumerate() {
        if i > 0 {
            out.push_str(PAGE_BREAK);
        }
        rewrite_links(segment, &redirects, &mut out);
    }
    out.push_str(&html[end..]);
    Ok((out, removed))
}

/// `id` as its page has it: mdBook's print page adds `-N` to an id an earlier chapter used.
fn unsuffixed<'a>(id: &'a str, own: &[String]) -> &'a str {
    if own.iter().any(|o| o == id) {
        return id;
    }
    match id.rsplit_once('-') {
        Some((base, n))
            if n.bytes().all(|b| b.is_ascii_digit()) && own.iter().any(|o| o == base) =>
        {
            base
        }
        _ => id,
    }
}

/// Copies `segment` into `out`, replacing each `<a href>` found in `redirects`.
fn rewrite_links(segment: &str, redirects: &HashMap<String, String>, out: &mut String) {
    let mut copied = 0;
    for tag in tags(segment) {
        if !(tag.starts_with("<a ") || tag.starts_with("<area ")) {
            continue;
        }
        let Some(value) = attr(tag, "href") else {
            continue;
        };
        let Some(new) = redirects.get(value) else {
            continue;
        };
        // `value` is a slice of `segment`: its offset locates it.
        let at = value.as_ptr() as usize - segment.as_ptr() as usize;
        out.push_str(&segment[copied..at]);
        out.push_str(&crate::base::html::attr(new));
        copied = at + value.len();
    }
    out.push_str(&segment[copied..]);
}

/// The start tags of `html` as mdBook serialises it (see the module documentation), each from
/// `<` to `>`.
pub(crate) fn tags(html: &str) -> impl Iterator<Item = &str> {
    let mut rest = 0;
    std::iter::from_fn(move || {
        loop {
            let lt = rest + html[rest..].find('<')?;
            let after = &html[lt..];
            let skip_to = |close: &str| after.find(close).map(|i| lt + i + close.len());
            if after.starts_with("<!--") {
                rest = skip_to("-->")?;
                continue;
            }
            let end = lt + tag_end(after)?;
            rest = end;
            let tag = &html[lt..end];
            if tag.starts_with("</") {
                continue;
            }
            for raw in ["script", "style"] {
                let open =
                    tag[1..].starts_with(raw) && tag[1 + raw.len()..].starts_with([' ', '>']);
                if open {
                    rest = end + html[end..].find(&format!("</{raw}>"))?;
                }
            }
            return Some(tag);
        }
    })
}

/// The length of the tag at the start of `s` (through its `>`, outside quoted values).
fn tag_end(s: &str) -> Option<usize> {
    let mut quoted = false;
    for (i, b) in s.bytes().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'>' if !quoted => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// The raw (still escaped) value of attribute `name` in `tag`.
pub(crate) fn attr<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let mut rest = tag;
    loop {
        let i = rest.find(name)?;
        let before = rest[..i].chars().next_back();
        let after = &rest[i + name.len()..];
        if before == Some(' ')
            && let Some(value) = after.strip_prefix("=\"")
        {
            return value.find('"').map(|e| &value[..e]);
        }
        rest = &rest[i + name.len()..];
        // Skip a quoted value so a name inside it is not taken for an attribute.
        if let Some(q) = rest.strip_prefix("=\"") {
            rest = &q[q.find('"')? + 1..];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outputs::describe::{PageMeta, marker};

    fn meta(kind: PageKind, path: &str) -> String {
        marker(&PageMeta {
            kind,
            path: path.into(),
            ..PageMeta::default()
        })
    }

    fn print_page(chapters: &[String]) -> String {
        format!(
            "<html><body><main>\n{}\n</main><script>var s = \"{PAGE_BREAK}\";</script></body></html>",
            chapters.join(PAGE_BREAK)
        )
    }

    #[test]
    fn generated_chapters_are_cut_and_links_into_them_go_to_the_real_pages() {
        let chapters = [
            format!(
                "<h1 id=\"water\">Water</h1><p><a class=\"org\" href=\"#who\">WHO</a> and \
                 <a href=\"#meetings-1\">its meetings</a>, <a href=\"#water\">up</a>.</p>{}",
                meta(PageKind::Chapter, "water.html")
            ),
            format!(
                "<h1 id=\"who\">WHO</h1><h2 id=\"meetings-1\">Meetings</h2><script>'<a href=\"#x\">'</script>{}",
                meta(PageKind::Organisation, "orgs/who.html")
            ),
            format!(
                "<h1 id=\"notes\">Notes</h1>{}",
                meta(PageKind::Chapter, "notes.html")
            ),
        ];
        let ids = HashMap::from([(
            "orgs/who.html".to_string(),
            vec!["who".to_string(), "meetings".to_string()],
        )]);
        let (out, removed) = report_only(&print_page(&chapters), &ids).unwrap();
        assert_eq!(removed, 1);
        let expected = print_page(&[
            format!(
                "<h1 id=\"water\">Water</h1><p><a class=\"org\" href=\"orgs/who.html\">WHO</a> and \
                 <a href=\"orgs/who.html#meetings\">its meetings</a>, <a href=\"#water\">up</a>.</p>{}",
                meta(PageKind::Chapter, "water.html")
            ),
            chapters[2].clone(),
        ]);
        assert_eq!(out, expected);
    }

    #[test]
    fn ids_are_unsuffixed_when_the_pages_ids_are_unknown() {
        assert_eq!(unsuffixed("meetings-1", &["meetings".into()]), "meetings");
        assert_eq!(unsuffixed("item-1", &["item-1".into()]), "item-1");
        assert_eq!(unsuffixed("x-2", &[]), "x-2");
        // An id the page has as it is stays, even when its base is one of the page's too.
        assert_eq!(
            unsuffixed("item-1", &["item".into(), "item-1".into()]),
            "item-1"
        );
    }

    #[test]
    fn a_print_page_of_unknown_shape_is_left_alone() {
        let ids = HashMap::new();
        let only_chapters = print_page(&[meta(PageKind::Chapter, "a.html")]);
        assert_eq!(
            report_only(&only_chapters, &ids),
            Err(Unchanged::NothingGenerated)
        );
        let twice = print_page(&[format!(
            "{}{}",
            meta(PageKind::Chapter, "a.html"),
            meta(PageKind::Overview, "b.html")
        )]);
        assert_eq!(
            report_only(&twice, &ids),
            Err(Unchanged::UnknownShape("a chapter with two markers"))
        );
        assert_eq!(
            report_only("<html></html>", &ids),
            Err(Unchanged::UnknownShape("no <main>"))
        );
        assert_eq!(
            report_only("</main><main>x", &ids),
            Err(Unchanged::UnknownShape("no </main>"))
        );
    }

    #[test]
    fn tags_skip_comments_scripts_and_quoted_angles() {
        let html = "<p class=\"a>b\">x<!-- <a href=\"#c\"> --><script>if (a<b) {}</script><a href=\"#d\" id=\"e\">";
        let found: Vec<_> = tags(html).collect();
        assert_eq!(
            found,
            ["<p class=\"a>b\">", "<script>", "<a href=\"#d\" id=\"e\">"]
        );
        assert_eq!(attr(found[2], "id"), Some("e"));
        assert_eq!(attr("<a data-id=\"x\" id=\"y\">", "id"), Some("y"));
        assert_eq!(attr("<a title=\" id=&quot;z\">", "id"), None);
    }

    #[test]
    fn a_generated_page_without_a_heading_of_its_own_and_an_image_maps_area_are_followed() {
        // mdBook gives a chapter without `<h1>` one on the print page only: the print page's
        // first id is the page itself, the others are the page's own in order.
        let chapters = [
            format!(
                "<p><a href=\"#data\">data</a> <map><area href=\"#files\"></map></p>{}",
                meta(PageKind::Chapter, "a.html")
            ),
            format!(
                "<h1 id=\"data\">Data</h1><h2 id=\"files\">Files</h2>{}",
                meta(PageKind::Overview, "data.html")
            ),
        ];
        let ids = HashMap::from([("data.html".to_string(), vec!["files".to_string()])]);
        let (out, removed) = report_only(&print_page(&chapters), &ids).unwrap();
        assert_eq!(removed, 1);
        assert!(
            out.contains(
                "<a href=\"data.html\">data</a> <map><area href=\"data.html#files\"></map>"
            ),
            "{out}"
        );
    }

    #[test]
    fn ids_the_print_page_renumbered_map_to_the_pages_own_by_their_place() {
        // The page's two headings "A" are `a` and `a-1` on their page; the print page, which
        // has an `a` already, numbers them on: its own heading first, then `a-2` and `a-3`.
        let chapters = [
            format!(
                "<h1 id=\"a\">A</h1><a href=\"#a-3\">second</a>{}",
                meta(PageKind::Chapter, "a.html")
            ),
            format!(
                "<h1 id=\"top\">Top</h1><h2 id=\"a-2\">A</h2><h2 id=\"a-3\">A</h2>{}",
                meta(PageKind::Overview, "data.html")
            ),
        ];
        let ids = HashMap::from([(
            "data.html".to_string(),
            vec!["a".to_string(), "a-1".to_string()],
        )]);
        let (out, _) = report_only(&print_page(&chapters), &ids).unwrap();
        assert!(
            out.contains("<a href=\"data.html#a-1\">second</a>"),
            "{out}"
        );
    }

    #[test]
    fn a_comment_is_skipped_to_its_end_whatever_it_ends_with() {
        // The `<` three bytes before `-->` is still the comment's.
        assert_eq!(tags("<!-- a<b--><p>").collect::<Vec<_>>(), ["<p>"]);
        assert_eq!(tags("<!--<x>--><br>").collect::<Vec<_>>(), ["<br>"]);
    }

    #[test]
    fn an_empty_value_with_the_name_in_its_attribute_is_skipped() {
        assert_eq!(attr("<a data-id=\"\" id=\"y\">", "id"), Some("y"));
        assert_eq!(attr("<a data-id=\"\">", "id"), None);
    }

    #[test]
    fn a_generated_first_chapter_is_cut_and_main_kept() {
        let chapters = [
            format!(
                "<h1 id=\"data\">Data</h1>{}",
                meta(PageKind::Overview, "data.html")
            ),
            format!("<h1 id=\"a\">A</h1>{}", meta(PageKind::Chapter, "a.html")),
        ];
        let (out, removed) = report_only(&print_page(&chapters), &HashMap::new()).unwrap();
        assert_eq!(removed, 1);
        assert_eq!(
            out,
            format!(
                "<html><body><main>{}\n</main><script>var s = \"{PAGE_BREAK}\";</script></body></html>",
                chapters[1]
            )
        );
    }
}
