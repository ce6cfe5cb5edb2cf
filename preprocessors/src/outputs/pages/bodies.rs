//! The generated pages' bodies, from the preprocessor to the post-build step, around mdBook's
//! Markdown renderer.
//!
//! A generated page stays a chapter of the book for mdBook: its title, its place in the sidebar
//! and the navigation, the theme, the print page. But its body is HTML rendered from a template
//! ([`super::templates`]), and mdBook's renderer would parse it again (as Markdown, then its raw
//! HTML into a tree) only to write the same bytes. So the chapter mdBook gets holds a short
//! [`placeholder`], and the body crosses beside it: the preprocessor writes every body into one
//! file in the post-build renderer's own directory ([`hand_over`], as the exports cross,
//! [`crate::outputs::exports`]), and the post-build step reads it ([`take`]) and puts each body
//! in place of its page's placeholder ([`Bodies::splice`]) before it reads the page for
//! anything else.
//!
//! The placeholder carries the body's ids, as empty `<span>`s in the body's order: mdBook's
//! print page gives every chapter's ids unique names across the page and points the other
//! chapters' links at them, then [`crate::outputs::print`] cuts the generated chapters out and
//! points those links at the real pages, by the ids' order. With the same ids in the same order,
//! the print page is what it was when the bodies went through mdBook.
//!
//! A body is the page's HTML from the start of its `<main>` content to the page's description
//! marker ([`crate::outputs::describe`]), as mdBook's serializer writes it; a book without the
//! post-build step gets the body inside the chapter instead ([`inline`]).

use crate::outputs::print;
use std::collections::HashMap;
use std::io::Write as _;
use std::ops::Range;
use std::path::Path;

/// The file the bodies cross in, in the post-build renderer's directory.
pub(crate) const FILE: &str = "bodies";

const OPEN: &str = "<!-- report-body ";
const CLOSE: &str = " -->";
/// Where a body ends on mdBook's page: at its description marker.
const END: &str = "<!-- report-meta ";

/// A generated page's body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Body {
    /// The page's path in the site (`agencies/who.html`).
    pub path: String,
    /// Its HTML.
    pub html: String,
}

/// The ids of `html` in document order, as mdBook would give the elements of a chapter.
pub(crate) fn ids(html: &str) -> Vec<&str> {
    print::tags(html)
        .filter_map(|t| print::attr(t, "id"))
        .collect()
}

/// What mdBook gets in place of `body`: a comment naming the page, then an empty element per id
/// of the body, in its order (for the print page).
pub(crate) fn placeholder(body: &Body) -> String {
    let mut out = format!("{OPEN}{}{CLOSE}\n", body.path.replace("--", "-\\u002d"));
    let ids = ids(&body.html);
    if !ids.is_empty() {
        let mut spans = crate::base::html::Html::<crate::base::html::Markdown>::new();
        for id in ids {
            spans.open("span").attr("id", id).close().close("span");
        }
        out.push_str(spans.as_str());
        out.push('\n');
    }
    out
}

/// `body` as a chapter's content for mdBook itself (a book without the post-build step): one
/// HTML block, its blank lines left out, so Markdown reads none of it.
pub(crate) fn inline(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    for line in body.lines().filter(|l| !l.trim().is_empty()) {
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Writes `bodies` into `renderer_dir/bodies`, replacing an earlier build's.
pub(crate) fn hand_over(renderer_dir: &Path, bodies: &[Body]) -> std::io::Result<()> {
    std::fs::create_dir_all(renderer_dir)?;
    let mut out = std::io::BufWriter::new(std::fs::File::create(renderer_dir.join(FILE))?);
    for body in bodies {
        // A path never holds a line break (mdBook's paths of chapters); the length says where
        // the HTML ends.
        writeln!(out, "{}\n{}", body.path, body.html.len())?;
        out.write_all(body.html.as_bytes())?;
    }
    out.flush()
}

/// The bodies handed over, by page.
#[derive(Debug, Default)]
pub(crate) struct Bodies {
    text: String,
    by_path: HashMap<String, Range<usize>>,
}

/// Reads what [`hand_over`] wrote and removes the file, so no later build uses it again; `None`
/// when nothing was handed over.
pub(crate) fn take(renderer_dir: &Path) -> anyhow::Result<Option<Bodies>> {
    let path = renderer_dir.join(FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    std::fs::remove_file(&path)?;
    let bodies = Bodies::parse(text)
        .ok_or_else(|| anyhow::anyhow!("{} is not what the preprocessor writes", path.display()))?;
    Ok(Some(bodies))
}

impl Bodies {
    fn parse(text: String) -> Option<Bodies> {
        let mut by_path = HashMap::new();
        let mut at = 0;
        while at < text.len() {
            let (path, rest) = text[at..].split_once('\n')?;
            let (len, _) = rest.split_once('\n')?;
            let start = at + path.len() + 1 + len.len() + 1;
            let end = start.checked_add(len.parse().ok()?)?;
            text.get(start..end)?;
            by_path.insert(path.to_string(), start..end);
            at = end;
        }
        Some(Bodies { text, by_path })
    }

    /// The body of the page at `path`.
    pub(crate) fn get(&self, path: &str) -> Option<&str> {
        self.by_path.get(path).map(|r| &self.text[r.clone()])
    }

    /// `page` (as mdBook wrote it) with its body in place of its placeholder: `Ok(None)` for a
    /// page without one, `Err` with the page's path when its body was not handed over.
    pub(crate) fn splice(&self, page: &str) -> Result<Option<String>, String> {
        let Some(start) = page.find(OPEN) else {
            return Ok(None);
        };
        let name_at = start + OPEN.len();
        let Some(name_len) = page[name_at..].find(CLOSE) else {
            return Ok(None);
        };
        let path = page[name_at..name_at + name_len].replace("-\\u002d", "--");
        let body = self.get(&path).ok_or_else(|| path.clone())?;
        let end = page[name_at..]
            .find(END)
            .map(|e| name_at + e)
            .or_else(|| page.rfind("</main>"))
            .filter(|&e| e >= name_at)
            .ok_or_else(|| path.clone())?;
        let mut out = String::with_capacity(page.len() + body.len());
        out.push_str(&page[..start]);
        out.push_str(body);
        out.push_str(&page[end..]);
        Ok(Some(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(path: &str, html: &str) -> Body {
        Body {
            path: path.into(),
            html: html.into(),
        }
    }

    #[test]
    fn the_placeholder_keeps_the_bodys_ids_in_order() {
        let b = body(
            "agencies/who.html",
            "<h1 id=\"who\"><a class=\"header\" href=\"#who\">WHO</a></h1>\n<script>var a = \"<b id='x'>\";</script><p id=\"p-1\">x</p>\n",
        );
        assert_eq!(
            placeholder(&b),
            "<!-- report-body agencies/who.html -->\n<span id=\"who\"></span><span id=\"p-1\"></span>\n"
        );
        assert_eq!(
            placeholder(&body("a.html", "<p>x</p>\n")),
            "<!-- report-body a.html -->\n"
        );
    }

    #[test]
    fn bodies_cross_in_one_file_once_and_take_their_pages_place() {
        let dir = tempfile::tempdir().unwrap();
        let bodies = [
            body("a.html", "<h1>A — ä</h1>\n\n"),
            body("agencies/b.html", "<p>B\n12\nnot a header</p>\n"),
        ];
        hand_over(dir.path(), &bodies).unwrap();
        let taken = take(dir.path()).unwrap().unwrap();
        assert_eq!(taken.get("a.html"), Some("<h1>A — ä</h1>\n\n"));
        assert_eq!(
            taken.get("agencies/b.html"),
            Some("<p>B\n12\nnot a header</p>\n")
        );
        assert!(take(dir.path()).unwrap().is_none(), "taken once");
        let page = format!(
            "<main>\n    {}<p><span id=\"x\"></span></p>\n\n<!-- report-meta {{}} -->\n</main>",
            placeholder(&bodies[0])
        );
        assert_eq!(
            taken.splice(&page),
            Ok(Some(
                "<main>\n    <h1>A — ä</h1>\n\n<!-- report-meta {} -->\n</main>".into()
            ))
        );
        assert_eq!(taken.splice("<main><p>A chapter</p></main>"), Ok(None));
        let unknown = placeholder(&body("c.html", ""));
        assert_eq!(taken.splice(&unknown), Err("c.html".into()));
    }

    #[test]
    fn a_body_inside_its_chapter_is_one_html_block() {
        assert_eq!(
            inline("<h1>T</h1>\n<p>a</p>\n\n<ul>\n<li>x</li>\n\n</ul>\n\n"),
            "<h1>T</h1>\n<p>a</p>\n<ul>\n<li>x</li>\n</ul>\n"
        );
    }
    #[test]
    fn a_page_without_the_description_marker_ends_its_body_at_main() {
        let dir = tempfile::tempdir().unwrap();
        hand_over(dir.path(), &[body("a--b.html", "<p>B</p>\n")]).unwrap();
        let taken = take(dir.path()).unwrap().unwrap();
        // A comment may not hold `--`: the path's is escaped and read back.
        let held = placeholder(&body("a--b.html", ""));
        assert_eq!(held, "<!-- report-body a-\\u002db.html -->\n");
        assert_eq!(
            taken.splice(&format!("<main>{held}<span id=\"x\"></span></main>\n")),
            Ok(Some("<main><p>B</p>\n</main>\n".into()))
        );
        // A `</main>` before the placeholder is no end of it.
        assert_eq!(
            taken.splice(&format!("<main></main>{held}")),
            Err("a--b.html".into())
        );
        // An unclosed comment is no placeholder.
        assert_eq!(taken.splice("<!-- report-body a--b.html"), Ok(None));
    }

    #[test]
    fn a_bodies_file_that_is_not_the_preprocessors_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        for text in ["a.html\n10\n<p>x</p>", "a.html\nten\n<p>x</p>", "a.html"] {
            std::fs::write(dir.path().join(FILE), text).unwrap();
            let err = take(dir.path()).unwrap_err().to_string();
            assert!(
                err.ends_with("bodies is not what the preprocessor writes"),
                "{err}"
            );
        }
        // An empty file hands over nothing; a file that cannot be read is an error.
        std::fs::write(dir.path().join(FILE), "").unwrap();
        assert_eq!(take(dir.path()).unwrap().unwrap().get("a.html"), None);
        std::fs::create_dir(dir.path().join(FILE)).unwrap();
        assert!(take(dir.path()).is_err());
    }
}
