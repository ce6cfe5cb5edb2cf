//! Active content in raw HTML (issue 26): whatever HTML an editor writes into a chapter, no
//! page gets active content the book did not allow, and every piece of it is reported.
//!
//! The property test writes chapters from fragments (active and ordinary elements in any case,
//! event handlers, `http-equiv`, quotes, entities, comments, closing tags, Markdown around them),
//! runs the preprocessor with a random `allow-html`, renders its output as mdBook does, and reads
//! the result with a browser's parser (html5ever's tree builder through `scraper`, not the
//! tokenizer the check itself uses). The claims: the page has no active content the book did
//! not allow; any the input would have put on the page is reported; nothing is rewritten
//! without a report.

use crate::common;
use mdbook_report::config::Config;
use proptest::prelude::*;
use scraper::Html;

/// Markdown rendered as mdBook renders it, as HTML.
fn render(markdown: &str) -> String {
    let mut out = String::new();
    mdbook_markdown::pulldown_cmark::html::push_html(
        &mut out,
        mdbook_markdown::new_cmark_parser(markdown, &Default::default()),
    );
    out
}

/// The active content a browser builds from `html`, by the names a book allows it under.
fn active_in_page(html: &str) -> Vec<String> {
    let doc = Html::parse_fragment(html);
    let mut found = Vec::new();
    for el in doc
        .root_element()
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
    {
        let name = el.value().name();
        // The elements that run or load active content, or send the reader elsewhere
        // (docs/src/configuration.md, `allow-html`).
        const ACTIVE: &[&str] = &[
            "script", "iframe", "frame", "frameset", "object", "embed", "applet", "portal", "base",
            "form",
        ];
        if ACTIVE.contains(&name) {
            found.push(name.to_string());
        }
        for (attr, _) in el.value().attrs() {
            let attr = attr.to_ascii_lowercase();
            let handler = attr.starts_with("on") && attr.len() > 2;
            if handler || (attr == "http-equiv" && name == "meta") {
                found.push(attr);
            }
        }
    }
    found
}

const FRAGMENTS: &[&str] = &[
    "<script>alert(1)</script>",
    "<SCRIPT>",
    "</script>",
    "<sCrIpT src=x.js></sCrIpT>",
    "<img src=\"a.png\" onerror=\"alert(1)\">",
    "<img src=a.png ONLOAD=x>",
    "<span onclick='x'>t</span>",
    "<span class=\"onclick\">t</span>",
    "<a data-onclick=x href=\"b.md\">b</a>",
    "<iframe src=\"https://example.org\"></iframe>",
    "<object data=x></object>",
    "<embed src=x>",
    "<form action=\"https://example.org\"><input name=q></form>",
    "<base href=\"https://example.org/\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=https://example.org\">",
    "<meta name=\"x\" content=\"y\">",
    "<details open><summary>More</summary>",
    "</details>",
    "<kbd>Ctrl</kbd>",
    "<div>",
    "</div>",
    "<!-- <script>x</script> -->",
    "<svg><circle onmouseover=\"x\"/></svg>",
    "&lt;script&gt;",
    "`<script>`",
    "<",
    ">",
    "\"",
    "'",
    "=",
    " ",
    "\n",
    "\n\n",
    "    ",
    "> ",
    "- ",
    "*",
    "text",
    "on",
    "click",
];

/// The names a book may allow, and none.
const ALLOWABLE: &[&str] = &[
    "script",
    "onerror",
    "onclick",
    "iframe",
    "form",
    "http-equiv",
];

fn chapter() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..24).prop_map(|v| v.concat())
}

fn allowed() -> impl Strategy<Value = Vec<String>> {
    prop::sample::subsequence(ALLOWABLE, 0..3)
        .prop_map(|v| v.into_iter().map(str::to_string).collect())
}

fn config(allow: &[String]) -> Config {
    let mut cfg = common::feature_config();
    cfg.allow_html = allow.to_vec();
    cfg
}

/// The claims for one chapter: what the page gets, and what is reported.
fn holds(markdown: &str, allow: &[String]) -> Result<(), TestCaseError> {
    let chapter = format!("# Chapter\n\n{markdown}\n");
    let (book, diags) =
        common::transform_with(&[("a.md", &chapter)], common::REGISTRY, &config(allow));
    let out = common::content(&book, "a.md");
    let page = render(&out);
    let published: Vec<String> = active_in_page(&page)
        .into_iter()
        .filter(|n| !allow.contains(n))
        .collect();
    prop_assert!(
        published.is_empty(),
        "{published:?} reached the page\nmarkdown {chapter:?}\nbecame {out:?}"
    );
    let would_publish = active_in_page(&render(&chapter))
        .into_iter()
        .any(|n| !allow.contains(&n));
    let reported = diags.contains("[html-active]");
    if would_publish {
        prop_assert!(reported, "not reported: {chapter:?}\n{diags}");
    }
    if !reported {
        prop_assert_eq!(page, render(&chapter), "rewritten without a report");
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn no_page_gets_active_content_the_book_did_not_allow(md in chapter(), allow in allowed()) {
        holds(&md, &allow)?;
    }
}

#[test]
fn an_allowed_element_reaches_the_page_and_others_do_not() {
    let md = "<iframe src=\"https://example.org/video\"></iframe>\n\n<script>x()</script>\n";
    let allow = vec!["iframe".to_string()];
    let chapter = format!("# Chapter\n\n{md}");
    let (book, diags) =
        common::transform_with(&[("a.md", &chapter)], common::REGISTRY, &config(&allow));
    let page = render(&common::content(&book, "a.md"));
    assert_eq!(active_in_page(&page), ["iframe"]);
    assert_eq!(diags.matches("[html-active]").count(), 1, "{diags}");
    assert!(page.contains("&lt;script&gt;x()&lt;/script&gt;"), "{page}");
}

/// Found by the property above: an HTML block in a blockquote, written as text, became a
/// paragraph that the next, indented line continued, so its `<script>` was inline HTML.
#[test]
fn an_escaped_html_block_is_not_continued_by_the_next_line() {
    holds(
        "><form action=\"https://example.org\"><input name=q></form><script>alert(1)</script>\n    <script>alert(1)</script>",
        &[],
    )
    .unwrap();
}
