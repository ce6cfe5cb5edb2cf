//! Hostile and odd input: no panic on arbitrary Markdown, front matter or registry data; hostile
//! YAML rejected with a located error; data escaped in the HTML; odd text (CRLF, BOM, empty
//! chapters, multibyte) handled; builds reproducible and never touching the sources.
//!
//! The property tests run a bounded number of cases in CI. Run them longer with, e.g.,
//! `PROPTEST_CASES=20000 cargo test --release --test testsuite -- robustness::`.

use crate::common;

use common::{content, transform, transform_with};
use proptest::prelude::*;
use std::time::Instant;

/// The messages of a one-chapter book whose registry is `yaml`, sorted: the registry's first.
fn registry(yaml: &str) -> String {
    transform_with(&[("a.md", "Text.\n")], yaml, &common::book_config()).1
}

/// What the robustness test adds to the shared markup: registry forms, endnote and scheme
/// links, front matter, tabs, fences, HTML, CRLF and a byte-order mark.
const PIECES: &[&str] = &[
    "UNICEF",
    "UN Women",
    "UN",
    "[^a]",
    "[^b]: note",
    "[x](org:unicef)",
    "[y](org:nope)",
    "[z](point:3)",
    "---\n",
    "action-point: 3\n",
    "meetings:\n",
    "  - id: x\n",
    "\t",
    "```\n",
    "<div>",
    "</div>",
    "<span>",
    "’",
    "\r\n",
    "\u{feff}",
    "eight-point agenda",
    "http://x.y/UNICEF",
    ":",
    "&amp;",
];

/// Markdown-ish text: [`PIECES`] and the shared markup, with short runs of letters and digits.
fn markdownish() -> impl Strategy<Value = String> {
    let pieces: Vec<&str> = PIECES.iter().chain(common::MARKUP).copied().collect();
    let piece = prop_oneof![
        prop::sample::select(pieces).prop_map(str::to_string),
        "[a-zA-Z0-9 ]{0,8}",
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

/// The input the property test once failed on, kept as a plain case so it outlives any change
/// to its generator.
#[test]
fn the_case_the_property_test_found_does_not_panic() {
    let notes = "UNICEF[x](org:unicef)Aaaa0AA 00A0 00Aaeight-point agenda*😀";
    let _ = transform(&[("a.md", ""), ("b.md", ""), ("endnotes.md", notes)]);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_chapters_never_panic(a in markdownish(), b in markdownish(), notes in markdownish()) {
        let _ = transform(&[("a.md", &a), ("b.md", &b), ("endnotes.md", &notes)]);
    }

    #[test]
    fn arbitrary_front_matter_never_panics(yaml in "(?s).{0,200}") {
        let chapter = format!("---\n{yaml}\n---\n# T\n");
        let _ = transform(&[("a.md", &chapter)]);
    }

    #[test]
    fn arbitrary_registry_data_never_panics(yaml in "(?s).{0,300}", tail in markdownish()) {
        let data = format!("organisations:\n  - {{id: a, name: {yaml}}}\n{tail}");
        let _ = transform_with(&[("a.md", "UNICEF and A.\n")], &data, &common::book_config());
        let _ = registry(&yaml);
    }
}

#[test]
fn regression_explicit_link_before_multibyte_text() {
    // Found by `arbitrary_chapters_never_panic`: the snippet of an `org:` link cut a character.
    let (book, _) = transform(&[(
        "a.md",
        "[x](org:unicef)😀 more text
",
    )]);
    assert!(content(&book, "agencies/unicef.md").contains("<mark>x</mark>😀 more text"));
}

#[test]
fn an_alias_bomb_is_rejected_quickly_with_a_location() {
    let start = Instant::now();
    // In front matter: the anchors' keys are unknown and the bomb cannot fit the schema.
    let chapter = format!(
        "---\nsame-source: {}\nsame-source: *l8\n---\nBody.\n",
        common::alias_bomb()
    );
    let (_, d) = transform(&[("a.md", &chapter)]);
    assert!(d.starts_with("src/a.md:2:"), "{d}");
    // In the registry, the same.
    let d = registry(&format!(
        "organisations: []\nx0: {}\n",
        common::alias_bomb()
    ));
    assert!(d.starts_with("data/agencies.yaml:2:1: error: "), "{d}");
    // A wide structure that does fit the schema hits the parser's budget instead.
    let wide = format!("---\nsame-source:\n{}---\n", "  - [a, b]\n".repeat(60_000));
    let (_, d) = transform(&[("a.md", &wide)]);
    assert!(d.starts_with("src/a.md:"), "{d}");
    eprintln!(
        "alias bombs and a 60,000-entry list rejected in {:?}",
        start.elapsed()
    );
}

#[test]
fn deep_nesting_and_huge_scalars_are_rejected() {
    let deep = format!("organisations: {}{}\n", "[".repeat(5000), "]".repeat(5000));
    let d = registry(&deep);
    assert!(d.starts_with("data/agencies.yaml:1:"), "{d}");
    let huge = format!(
        "organisations:\n  - {{id: a, name: \"{}\"}}\n",
        "x".repeat(8 * 1024 * 1024)
    );
    let start = Instant::now();
    let d = registry(&huge);
    assert!(
        d.starts_with(
            "data/agencies.yaml:1:1: error: the YAML is 8388645 bytes; the limit is 4194304 bytes"
        ),
        "{d}"
    );
    eprintln!("8 MiB registry rejected in {:?}", start.elapsed());
    let big_front = format!("---\ndescription: \"{}\"\n---\n", "x".repeat(300 * 1024));
    let (_, d) = transform(&[("a.md", &big_front)]);
    assert!(d.starts_with("src/a.md:2:1: error: the YAML is"), "{d}");
    let chapter = format!("---\ndescription: [{}]\n---\n", "[".repeat(2000));
    let (_, d) = transform(&[("a.md", &chapter)]);
    assert!(d.starts_with("src/a.md:2:"), "{d}");
}

#[test]
fn duplicate_keys_tabs_and_unknown_fields_in_the_registry_are_located() {
    let d = registry("organisations:\n  - id: a\n    id: b\n    name: A\n");
    assert!(
        d.starts_with("data/agencies.yaml:3:5: error: duplicate mapping key: id"),
        "{d}"
    );
    let d = registry("organisations:\n\t- id: a\n");
    assert!(d.starts_with("data/agencies.yaml:2:"), "{d}");
    let d = registry("organisations: []\nversion: 2\n");
    assert!(
        d.starts_with("data/agencies.yaml:2:1: error: unknown key `version`"),
        "{d}"
    );
}

#[test]
fn data_is_escaped_and_unsafe_urls_refused() {
    let hostile = r#"organisations:
  - {id: evil, name: "<script>alert(1)</script> & \"Co\"", acronym: "E<b>V", forms: ["Evil Org"], website: "javascript:alert(1)"}
  - {id: odd, name: "Odd *Markdown* [x](y)", acronym: ODD, website: "https://example.org/?a=1&b=\"2\""}
"#;
    let (book, diags) = transform_with(
        &[("a.md", "Evil Org and ODD met.\n")],
        hostile,
        &common::book_config(),
    );
    assert!(diags.contains("[registry-bad-url]"), "{diags}");
    let a = content(&book, "a.md");
    assert!(
        a.contains(r#"<abbr title="Odd *Markdown* [x](y)">ODD</abbr>"#),
        "{a}"
    );
    // Inside a tag nothing is Markdown: the title renders as written.
    assert!(common::rendered_text(&a).contains("ODD met."), "{a}");
    let evil = content(&book, "agencies/evil.md");
    assert!(
        !evil.contains("<script>") && !evil.contains("<b>V"),
        "{evil}"
    );
    assert!(
        evil.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"Co\""),
        "{evil}"
    );
    assert!(!evil.contains("javascript:"), "{evil}");
    let odd = content(&book, "agencies/odd.md");
    assert!(
        odd.contains(r#"href="https://example.org/?a=1&amp;b=&quot;2&quot;""#)
            || !odd.contains("example.org"),
        "{odd}"
    );
}

#[test]
fn odd_text_crlf_bom_empty_and_front_matter_only_chapters() {
    let (book, diags) = transform(&[
        (
            "crlf.md",
            "---\r\ndescription: x\r\n---\r\nUNICEF’s work,\r\nUNICEF again 😀.\r\n",
        ),
        ("bom.md", "\u{feff}UNICEF first.\n"),
        ("empty.md", ""),
        ("only-front.md", "---\ndescription: nothing else\n---\n"),
        (
            "bom-front.md",
            "\u{feff}---\ndescription: y\n---\nUN Women.\n",
        ),
    ]);
    // The empty chapters are reported, each once; nothing else is.
    assert_eq!(
        diags,
        "src/empty.md:1:1: warning: the chapter `empty.md` is empty: its page would be blank [chapter-empty]\n  \
         = hint: write the chapter, or remove it from SUMMARY.md (a chapter not written yet is listed as a draft, `- [Title]()`)\n\
         src/only-front.md:4:1: warning: the chapter `only-front.md` has front matter and no text: its page would be blank [chapter-empty]\n  \
         = hint: write the chapter, or remove it from SUMMARY.md (a chapter not written yet is listed as a draft, `- [Title]()`)\n\
         0 errors, 2 warnings"
    );
    assert!(content(&book, "crlf.md").contains("agencies/unicef.html\"><abbr title=\"United Nations Children&#39;s Fund\">UNICEF</abbr></a>’s work,\r\nUNICEF again 😀.\r\n"));
    assert!(content(&book, "bom.md").contains(">UNICEF</abbr></a> first."));
    assert_eq!(content(&book, "empty.md"), "");
    assert_eq!(content(&book, "only-front.md"), "");
    assert!(content(&book, "bom-front.md").contains(">UN Women</abbr></a>."));
}

#[test]
fn two_builds_are_byte_identical_and_leave_the_sources_alone() {
    let root = common::root();
    let sources_before = (
        common::files_under(&root.join("src")),
        common::files_under(&root.join("data")),
    );
    let build = || {
        let dir = tempfile::tempdir().unwrap();
        let options = mdbook_report::build::Options {
            deny_warnings: Some(true),
            dest: Some(dir.path().to_path_buf()),
            site_url: None,
        };
        mdbook_report::build::build(root, &options).unwrap();
        (common::files_under(dir.path()), dir)
    };
    let (first, _a) = build();
    let (second, _b) = build();
    assert_eq!(first.len(), second.len());
    for ((name, a), (_, b)) in first.iter().zip(&second) {
        assert!(a == b, "{name} differs between two builds");
    }
    assert!(first.len() > 100, "{} files", first.len());
    let sources_after = (
        common::files_under(&root.join("src")),
        common::files_under(&root.join("data")),
    );
    assert!(
        sources_before == sources_after,
        "a build modified src/ or data/"
    );
}
