//! Book-wide endnotes: numbering in reading order, references and back-links across pages, the
//! checks, and the real report's 22 notes on the built site and in print.html.

use crate::common;

use common::{content, page, sel, transform};
use std::collections::HashSet;

const ENDNOTES: &str = "endnotes.md";

fn run(chapters: &[(&str, &str)]) -> (mdbook_preprocessor::book::Book, String) {
    transform(chapters)
}

#[test]
fn notes_are_numbered_by_first_citation_across_chapters() {
    // Only the endnotes: the note's address would get its archived copy (tests/testsuite/documents.rs).
    let mut cfg = common::feature_config();
    cfg.documents.enable = false;
    let run = |chapters: &[(&str, &str)]| common::transform_with(chapters, common::REGISTRY, &cfg);
    let (book, diags) = run(&[
        ("a.md", "First.[^b] Again.[^a]\n"),
        ("b.md", "Then.[^a] And.[^c]\n"),
        (
            ENDNOTES,
            "# Endnotes\n\n[^a]: Note A.\n\n[^b]: Note *B* <http://b.org>.\n\n[^c]: Note C.\n",
        ),
    ]);
    assert_eq!(diags, "0 errors, 0 warnings");
    let a = content(&book, "a.md");
    assert_eq!(
        a,
        "First.<sup class=\"endnote-ref\" id=\"note-ref-i\"><a href=\"endnotes.html#note-i\" role=\"doc-noteref\" title=\"Endnote i: Note B http://b.org.\">i</a></sup> \
         Again.<sup class=\"endnote-ref\" id=\"note-ref-ii\"><a href=\"endnotes.html#note-ii\" role=\"doc-noteref\" title=\"Endnote ii: Note A.\">ii</a></sup>\n"
    );
    let b = content(&book, "b.md");
    assert!(
        b.contains("id=\"note-ref-ii-2\"><a href=\"endnotes.html#note-ii\""),
        "{b}"
    );
    let notes = content(&book, ENDNOTES);
    let expected = "# Endnotes\n\n<ol class=\"endnotes\">\n\
        <li class=\"endnote\" id=\"note-i\"><span class=\"endnote-label\">i</span>\n\nNote *B* <http://b.org>.\n\n\
        <p class=\"endnote-backlinks\">Cited in: <a href=\"a.html#note-ref-i\" role=\"doc-backlink\"><span aria-hidden=\"true\">↩ </span>1. a</a></p>\n</li>\n\
        <li class=\"endnote\" id=\"note-ii\"><span class=\"endnote-label\">ii</span>\n\nNote A.\n\n\
        <p class=\"endnote-backlinks\">Cited in: <a href=\"a.html#note-ref-ii\" role=\"doc-backlink\"><span aria-hidden=\"true\">↩ </span>1. a</a> · \
        <a href=\"b.html#note-ref-ii-2\" role=\"doc-backlink\"><span aria-hidden=\"true\">↩ </span>2. b (2)</a></p>\n</li>\n\
        <li class=\"endnote\" id=\"note-iii\"><span class=\"endnote-label\">iii</span>\n\nNote C.\n\n\
        <p class=\"endnote-backlinks\">Cited in: <a href=\"b.html#note-ref-iii\" role=\"doc-backlink\"><span aria-hidden=\"true\">↩ </span>2. b</a></p>\n</li>\n</ol>\n";
    assert_eq!(notes, expected);
}

#[test]
fn a_citation_added_earlier_renumbers_the_later_notes() {
    let defs = "[^a]: A.\n\n[^b]: B.\n";
    let (before, _) = run(&[("a.md", "x\n"), ("b.md", "y[^a] z[^b]\n"), (ENDNOTES, defs)]);
    let (after, _) = run(&[
        ("a.md", "x[^b]\n"),
        ("b.md", "y[^a] z[^b]\n"),
        (ENDNOTES, defs),
    ]);
    assert!(
        content(&before, "b.md")
            .contains("#note-i\" role=\"doc-noteref\" title=\"Endnote i: A.\">i<")
    );
    assert!(
        content(&after, "b.md")
            .contains("#note-ii\" role=\"doc-noteref\" title=\"Endnote ii: A.\">ii<")
    );
}

#[test]
fn references_in_code_and_multi_paragraph_definitions_are_handled() {
    let (book, diags) = run(&[
        ("a.md", "Code `[^a]` and\n\n```\n[^a]\n```\n\ntext[^a]\n"),
        (
            ENDNOTES,
            "[^a]: First paragraph.\n\n    Second paragraph, indented.\n",
        ),
    ]);
    assert_eq!(diags, "0 errors, 0 warnings");
    let a = content(&book, "a.md");
    assert_eq!(a.matches("endnote-ref").count(), 1, "{a}");
    assert!(a.starts_with("Code `[^a]` and\n\n```\n[^a]\n```\n"), "{a}");
    let notes = content(&book, ENDNOTES);
    assert!(
        notes.contains("First paragraph.\n\nSecond paragraph, indented.\n\n<p class"),
        "{notes}"
    );
}

#[test]
fn each_problem_is_a_located_error() {
    let (_, diags) = run(&[
        (
            "a.md",
            "One[^nope] two[^desa-2013] three[^twice]\n\n[^here]: defined in the wrong place\n",
        ),
        (
            ENDNOTES,
            "[^desa-2013]: A.\n\n[^unused]: B.\n\n[^twice]: C.\n\n[^twice]: D.\n",
        ),
    ]);
    assert_eq!(
        diags,
        "src/a.md:1:4: error: endnote `nope` is cited but never defined [endnote-undefined]
  = hint: define it in `endnotes.md` as `[^nope]: text of the note`
src/a.md:3:1: error: endnote `here` is defined outside the endnotes chapter [endnote-definition-elsewhere]
  = hint: move the definition to `endnotes.md`, where every endnote of the book is defined
src/endnotes.md:3:1: error: endnote `unused` is defined but never cited [endnote-unused]
  = hint: cite it with `[^unused]` where it belongs, or delete the definition
src/endnotes.md:7:1: error: endnote `twice` is defined twice [endnote-duplicate-definition]
  = hint: the first definition is at line 5; remove one or give it another key
4 errors, 0 warnings"
    );
}

#[test]
fn a_misspelt_key_gets_a_suggestion() {
    let (_, diags) = run(&[
        ("a.md", "x[^desa-2031]\n"),
        (ENDNOTES, "[^desa-2013]: A.\n"),
    ]);
    assert!(
        diags.contains("hint: did you mean `[^desa-2013]`?"),
        "{diags}"
    );
}

#[test]
fn two_notes_citing_one_document_warn_unless_acknowledged() {
    let defs =
        "[^a]: Remarks, <http://x.org/r.pdf>.\n\n[^b]: Same remarks, <http://x.org/r.pdf>.\n";
    let (_, diags) = run(&[("a.md", "x[^a] y[^b]\n"), (ENDNOTES, defs)]);
    assert_eq!(
        diags,
        "src/endnotes.md:3:1: warning: endnotes i (`a`) and ii (`b`) cite the same document [endnote-same-source]
  = hint: if the original report does this, acknowledge it in the front matter of this chapter: `same-source: [[a, b]]`
0 errors, 1 warning"
    );
    let acknowledged = format!("---\nsame-source:\n  - [a, b]\n---\n{defs}");
    let (_, diags) = run(&[("a.md", "x[^a] y[^b]\n"), (ENDNOTES, &acknowledged)]);
    assert_eq!(
        diags,
        "src/endnotes.md:7:1: note: endnotes i (`a`) and ii (`b`) cite the same document; acknowledged under `same-source` [endnote-same-source]
0 errors, 0 warnings, 1 note"
    );
}

#[test]
fn a_same_source_pair_acknowledges_only_those_two_notes() {
    // Three notes citing one address (`b` and `c` repeat `a`), and `d` another.
    let defs = "[^a]: One, <http://x.org/r.pdf>.\n\n[^b]: Two, <http://x.org/r.pdf>.\n\n[^c]: Three, <http://x.org/r.pdf>.\n\n[^d]: Four, <http://y.org/s.pdf>.\n";
    let cites = ("a.md", "x[^a] y[^b] z[^c] w[^d]\n");
    let warning = |line: usize, label: &str, key: &str| {
        format!(
            "src/endnotes.md:{line}:1: warning: endnotes i (`a`) and {label} (`{key}`) cite the same document [endnote-same-source]
  = hint: if the original report does this, acknowledge it in the front matter of this chapter: `same-source: [[a, {key}]]`"
        )
    };
    // A pair naming one of the two keys with another note acknowledges neither repetition.
    for pair in ["[a, d]", "[d, b]", "[c, d]"] {
        let front = format!("---\nsame-source:\n  - {pair}\n---\n{defs}");
        let (_, diags) = run(&[cites, (ENDNOTES, &front)]);
        assert_eq!(
            diags,
            format!(
                "{}\n{}\n0 errors, 2 warnings",
                warning(7, "ii", "b"),
                warning(9, "iii", "c")
            ),
            "{pair}"
        );
    }
    // [a, b] acknowledges b's repetition of a, not c's; the order of the pair does not matter.
    for pair in ["[a, b]", "[b, a]"] {
        let front = format!("---\nsame-source:\n  - {pair}\n---\n{defs}");
        let (_, diags) = run(&[cites, (ENDNOTES, &front)]);
        assert_eq!(
            diags,
            format!(
                "src/endnotes.md:7:1: note: endnotes i (`a`) and ii (`b`) cite the same document; acknowledged under `same-source` [endnote-same-source]\n{}\n0 errors, 1 warning, 1 note",
                warning(9, "iii", "c")
            ),
            "{pair}"
        );
    }
}

/// The ids of a page.
fn ids(name: &str) -> HashSet<String> {
    page(name)
        .select(&sel("[id]"))
        .map(|e| e.value().attr("id").unwrap().to_string())
        .collect()
}

#[test]
fn the_report_has_its_22_notes_labelled_i_to_xxii_with_working_links() {
    let notes = page("endnotes.html");
    let labels: Vec<String> = notes
        .select(&sel("li.endnote .endnote-label"))
        .map(|e| e.text().collect())
        .collect();
    let expected: Vec<String> = [
        "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv",
        "xv", "xvi", "xvii", "xviii", "xix", "xx", "xxi", "xxii",
    ]
    .map(String::from)
    .to_vec();
    assert_eq!(labels, expected);
    // Every back-link reaches a reference on its chapter page, every reference its note.
    let note_ids = ids("endnotes.html");
    let mut references = 0;
    for a in notes.select(&sel(".endnote-backlinks a")) {
        let href = a.value().attr("href").unwrap();
        let (file, id) = href.split_once('#').unwrap();
        assert!(ids(file).contains(id), "back-link {href} resolves");
        let chapter = page(file);
        let sup = chapter
            .select(&sel(&format!("sup#{id} a")))
            .next()
            .expect("reference");
        let target = sup.value().attr("href").unwrap();
        let (target_file, note) = target.split_once('#').unwrap();
        assert_eq!(target_file, "endnotes.html");
        assert!(note_ids.contains(note), "{target}");
        references += 1;
    }
    assert_eq!(references, 22, "the report cites each note once");
    // The notes' own markup: URLs are links, italics kept.
    let first = notes.select(&sel("li#note-i")).next().unwrap();
    assert!(first.select(&sel("em")).next().is_some());
    assert!(
        first
            .select(&sel("a[href^='http://esa.un.org']"))
            .next()
            .is_some()
    );
}

#[test]
fn in_print_html_every_endnote_link_stays_on_the_page() {
    let print = page("print.html");
    let ids: HashSet<String> = print
        .select(&sel("[id]"))
        .map(|e| e.value().attr("id").unwrap().to_string())
        .collect();
    let links: Vec<String> = print
        .select(&sel("sup.endnote-ref a, .endnote-backlinks a"))
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(links.len(), 44);
    for href in links {
        let id = href
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("{href} leaves print.html"));
        assert!(ids.contains(id), "{href} resolves in print.html");
    }
}
