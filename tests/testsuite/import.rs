//! `mdbook-report import`: documents extracted from the UN's PDFs become chapters that keep every
//! sentence, with anchors by paragraph number, notes linked both ways, the page furniture
//! dropped; importing again keeps the editor's edits. The catalogue's import examples
//! (`docs/src/diagnostics.md`, "Import") are run here.
//!
//! The expectations are written by hand from the documents, not from the importer: the
//! furniture lines of resolution 80/3 and the places of its 16 markers (as
//! `tests/fixtures/books/awaza/CONVERSION.md` lists them, made by hand before the importer).

use crate::common::{GENERATED, normalise, sel, sentences};
use mdbook_report::Diagnostics;
use mdbook_report::import;
use scraper::Html;
use std::path::{Path, PathBuf};

const RES_80_3: &str = include_str!("../fixtures/books/awaza/source.md");
const RES_80_9: &str = include_str!("../fixtures/import/A_RES_80_9.md");

/// The lines of 80/3 that are page furniture: the letterhead, whose agenda item is data.
const FURNITURE_80_3: &[&str] = &[
    "United Nations",
    "General Assembly Distr.: General 15 October 2025",
    "Eightieth session Agenda item 13 Integrated and coordinated implementation of and follow-up to the outcomes of the major United Nations conferences and summits in the economic, social and related fields",
];

/// 80/3's markers as the source writes them, and as the chapter must: CONVERSION.md's table.
const MARKERS_80_3: &[(&str, &str)] = &[
    ("2024,1 which", "2024,[^1] which"),
    ("Countries 2  and", "Countries[^2]  and"),
    ("2014–20243 and", "2014–2024[^3] and"),
    ("Trust,4 and", "Trust,[^4] and"),
    ("Development 5 and", "Development[^5] and"),
    ("Change[^6] and", "Change[^6] and"),
    ("Agreement,7 the", "Agreement,[^7] the"),
    ("2015–2030,8 the", "2015–2030,[^8] the"),
    ("Agenda[^9] and", "Agenda[^9] and"),
    ("Diversity[^10] and", "Diversity[^10] and"),
    ("Framework,11 particularly", "Framework,[^11] particularly"),
    ("Commitment, 12 which", "Commitment,[^12] which"),
    ("Agenda, 13 and", "Agenda,[^13] and"),
    ("Consensus[^14] and", "Consensus[^14] and"),
    ("Declaration,15 as", "Declaration,[^15] as"),
    ("Future. 16 9.", "Future.[^16]"),
];

/// A book to import into, with the plugin set installed.
fn book() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("book.toml"),
        "[book]\ntitle = \"Resolutions\"\nauthors = [\"General Assembly\"]\n\n[preprocessor.report]\ndocument = \"resolution\"\n",
    )
    .unwrap();
    mdbook_report::install::install(dir.path(), false).unwrap();
    dir
}

/// Imports `sources` (name, text) into `book`; the reports with the temporary folder left out.
fn import_into(
    book: &Path,
    sources: &[(&str, &str)],
    overwrite: bool,
) -> (Vec<import::Report>, String) {
    import_reporting(book, sources, overwrite, false)
}

/// [`import_into`], reporting only on the book's chapters (not on the sources' lines).
fn import_chapters(
    book: &Path,
    sources: &[(&str, &str)],
    overwrite: bool,
) -> (Vec<import::Report>, String) {
    import_reporting(book, sources, overwrite, true)
}

fn import_reporting(
    book: &Path,
    sources: &[(&str, &str)],
    overwrite: bool,
    chapters_only: bool,
) -> (Vec<import::Report>, String) {
    let dir = book.join("sources");
    std::fs::create_dir_all(&dir).unwrap();
    let files: Vec<PathBuf> = sources
        .iter()
        .map(|(name, text)| {
            let path = dir.join(name);
            std::fs::write(&path, text).unwrap();
            path
        })
        .collect();
    let mut diags = Diagnostics::new();
    let options = import::Options {
        book: book.to_path_buf(),
        overwrite,
    };
    let reports = import::run(&files, &options, &mut diags).unwrap();
    diags.sort();
    let text = diags
        .iter()
        .filter(|d| !chapters_only || d.location.path.starts_with(book.join("src")))
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("\n")
        .replace(&format!("{}/", book.display()), "");
    (reports, text)
}

/// Builds the book strictly and checks its links; the built HTML directory.
fn build(book: &Path) -> PathBuf {
    let options = mdbook_report::build::Options {
        deny_warnings: Some(true),
        dest: None,
        site_url: None,
    };
    let html = mdbook_report::build::build(book, &options).expect("the book builds strictly");
    let check = mdbook_report::linkcheck::Options {
        book: Some(book.to_path_buf()),
        siblings: Vec::new(),
        external: None,
    };
    let report = mdbook_report::linkcheck::check_site(&html, &check).unwrap();
    assert!(report.is_clean(), "{}", report.render_text());
    html
}

/// A page's `<main>` text without what the tools add: the plugin set's generated elements,
/// mdBook's footnote labels and back-links, recovered letters.
fn page_text(html: &Path, page: &str) -> String {
    let doc = Html::parse_document(&std::fs::read_to_string(html.join(page)).unwrap());
    let skip = sel(&format!(
        "{GENERATED}, sup.footnote-reference, a[href^='#fr-'], .report-recovered"
    ));
    let main = doc.select(&sel("main")).next().expect("<main>");
    let mut out = String::new();
    crate::common::collect_text(main, &skip, &mut out);
    normalise(&out)
}

/// 80/3's text as the site must show it, by hand: the metadata block, the furniture and the
/// `---` before the notes left out, each marker taken out of its place, the notes' labels
/// dropped; the page breaks' blank lines are whitespace.
fn expected_80_3() -> Vec<String> {
    let body = RES_80_3.split_once("\n---\n").unwrap().1;
    let (text, notes) = body.rsplit_once("\n---\n").unwrap();
    let mut text = text.to_string();
    let reference = regex::Regex::new(r"\[\^\d+\]").unwrap();
    for (source, chapter) in MARKERS_80_3 {
        assert!(text.contains(source), "{source}");
        let unmarked = reference.replace_all(chapter, "").into_owned();
        let unmarked = if source.ends_with("9.") {
            format!("{unmarked} 9.")
        } else {
            unmarked
        };
        text = text.replacen(source, &unmarked, 1);
    }
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| !FURNITURE_80_3.contains(&l.trim()))
        .collect();
    let notes: Vec<String> = notes
        .split("\n[^")
        .filter_map(|n| n.split_once("]: ").map(|(_, t)| t.to_string()))
        .collect();
    let all = format!("{} {}", kept.join(" "), notes.join(" "));
    sentences(&normalise(&all))
        .into_iter()
        .map(String::from)
        .collect()
}

#[test]
fn every_sentence_of_resolution_80_3_is_on_its_page_in_order_and_nothing_else() {
    let dir = book();
    let (reports, _) = import_into(dir.path(), &[("A_RES_80_3.md", RES_80_3)], false);
    assert_eq!(reports[0].imported.file, "a-res-80-3.md");
    let html = build(dir.path());
    let site = page_text(&html, "a-res-80-3.html");
    let expected = expected_80_3();
    assert!(expected.len() > 60, "{} sentences", expected.len());
    let mut pos = 0;
    let mut missing = Vec::new();
    let mut extra = Vec::new();
    for s in &expected {
        match site[pos..].find(s.as_str()) {
            Some(i) => {
                let gap = site[pos..pos + i].trim();
                if !gap.is_empty() {
                    extra.push(gap.to_string());
                }
                pos += i + s.len();
            }
            None => missing.push(s.clone()),
        }
    }
    assert!(
        missing.is_empty(),
        "missing or altered: {missing:#?}\n{site}"
    );
    // What the page adds: mdBook's previous/next arrows are outside <main>; nothing else.
    let tail = site[pos..].trim();
    assert!(
        extra.is_empty() && tail.is_empty(),
        "extra: {extra:#?} {tail}"
    );
    // ("United Nations" is also the text's own words.)
    for furniture in &FURNITURE_80_3[1..] {
        assert!(!site.contains(furniture), "{furniture}");
    }
}

#[test]
fn the_faithfulness_check_sees_a_dropped_sentence() {
    // The comparison above can fail: a sentence the page lacks is found missing.
    let expected = expected_80_3();
    let site = expected.join(" ");
    let longest = expected.iter().max_by_key(|s| s.len()).unwrap();
    let dropped = site.replacen(longest.as_str(), "", 1);
    assert!(site.contains(longest.as_str()));
    assert!(!dropped.contains(longest.as_str()));
}

#[test]
fn resolution_80_3_markers_furniture_and_anchors_are_where_the_document_has_them() {
    let dir = book();
    let (reports, diags) = import_into(dir.path(), &[("A_RES_80_3.md", RES_80_3)], false);
    let chapter = std::fs::read_to_string(dir.path().join("src/a-res-80-3.md")).unwrap();
    for (_, marked) in MARKERS_80_3 {
        assert_eq!(chapter.matches(marked).count(), 1, "{marked}");
    }
    let figures = &reports[0].imported.figures;
    assert_eq!(
        (
            figures.notes,
            figures.written,
            figures.recovered,
            figures.unplaced
        ),
        (16, 4, 12, 0)
    );
    let dropped: Vec<&str> = reports[0]
        .imported
        .dropped
        .iter()
        .map(|d| d.text.as_str())
        .collect();
    assert_eq!(dropped, FURNITURE_80_3);
    // The letterhead's agenda item and the adopting meeting are data.
    assert!(chapter.starts_with("---\ndocument:\n  symbol: \"A/RES/80/3\"\n  title: \"Awaza Political Declaration\"\n  body: \"General Assembly\"\n  session: \"Eightieth session\"\n  agenda-item: \"13\"\n"), "{chapter}");
    assert!(chapter.contains("  adopted: \"2025-10-14\"\n  meeting: \"18th plenary meeting\"\n  distributed: \"2025-10-15\"\n---\n"));
    // Paragraph 2 of the annex lost its number (and words) in the extraction: said, not guessed.
    assert_eq!(
        diags,
        "sources/A_RES_80_3.md:42:39: warning: the text has no number for paragraph 2: paragraph 3 follows paragraph 1 [import-paragraph-number]\n  = hint: the extraction lost the number (and perhaps text): the paragraph has no anchor; add the number in the chapter if the original shows where it starts"
    );
    let html = build(dir.path());
    let page = std::fs::read_to_string(html.join("a-res-80-3.html")).unwrap();
    let mut ids: Vec<&str> = vec!["preamble-1", "para-1", "annex-para-1"];
    let annex: Vec<String> = (3..=25).map(|n| format!("annex-para-{n}")).collect();
    let subs: Vec<String> = ('a'..='e').map(|l| format!("annex-para-13-{l}")).collect();
    ids.extend(annex.iter().map(String::as_str));
    ids.extend(subs.iter().map(String::as_str));
    for id in &ids {
        assert_eq!(page.matches(&format!("id=\"{id}\"")).count(), 1, "{id}");
    }
    assert!(!page.contains("id=\"annex-para-2\""));
    // Notes both ways: 16 references, 16 definitions each linking back.
    assert_eq!(page.matches("class=\"footnote-reference\"").count(), 16);
    for n in 1..=16 {
        assert!(page.contains(&format!("id=\"footnote-{n}\"")), "{n}");
        assert!(page.contains(&format!("href=\"#fr-{n}-1\"")), "{n}");
    }
    let summary = std::fs::read_to_string(dir.path().join("src/SUMMARY.md")).unwrap();
    assert_eq!(
        summary,
        "# Summary\n\n- [80/3. Awaza Political Declaration](a-res-80-3.md)\n"
    );
}

#[test]
fn lost_sub_paragraph_letters_come_back_where_a_surviving_letter_fixes_them() {
    let dir = book();
    let (reports, diags) = import_into(dir.path(), &[("A_RES_80_9.md", RES_80_9)], false);
    let chapter = std::fs::read_to_string(dir.path().join("src/a-res-80-9.md")).unwrap();
    // Paragraph 18: five items lost their letters, the sixth kept "(f)".
    for l in ['a', 'b', 'c', 'd', 'e'] {
        assert!(
            chapter.contains(&format!("- <span id=\"annex-para-18-{l}\"></span><span class=\"report-recovered\">({l})</span> We ")),
            "{l}"
        );
    }
    assert!(chapter.contains("- <span id=\"annex-para-18-f\"></span>(f) We reaffirm"));
    assert_eq!(reports[0].imported.figures.letters, 5);
    assert!(diags.contains("sources/A_RES_80_9.md:56:1: note: sub-paragraph letters (a), (b), (c), (d), (e) of `annex-para-18` recovered"), "{diags}");
    // Paragraphs 26 and 28: no letter survives, so none is given.
    assert!(diags.contains("warning: 2 paragraphs after `annex-para-26` read as its sub-paragraphs, but no letter survives"), "{diags}");
    assert!(!chapter.contains("annex-para-26-a"));
    // "Political Declarations of 20172 and 2021,3": the year and the marker apart.
    assert!(chapter.contains("Political Declarations of 2017[^2] and 2021,[^3] and"));
    assert_eq!(reports[0].imported.figures.unplaced, 0);
    build(dir.path());
}

/// The source's text with `from` replaced by `to` (once, and it must be there).
fn edit(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "{from}");
    text.replacen(from, to, 1)
}

#[test]
fn importing_again_keeps_the_editors_edits_and_takes_the_sources_changes() {
    let dir = book();
    import_into(dir.path(), &[("A_RES_80_3.md", RES_80_3)], false);
    let path = dir.path().join("src/a-res-80-3.md");
    let first = std::fs::read_to_string(&path).unwrap();
    // The editor: a description, a lost paragraph number restored, a sentence of their own.
    let mine = edit(
        &first,
        "---\n\nResolution adopted",
        "description: \"The Awaza declaration.\"\n---\n\nResolution adopted",
    );
    let mine = edit(
        &mine,
        "We welcome the Awaza Programme",
        "<span id=\"annex-para-2\"></span>2\\. We welcome the Awaza Programme",
    );
    let mine = format!("{mine}\nAn editor's closing line.\n");
    std::fs::write(&path, &mine).unwrap();
    // The source: paragraph 9 reworded, note 3 corrected.
    let source = edit(RES_80_3, "We note the interest", "We note with interest");
    let source = edit(
        &source,
        "[^3]: Resolution 69/137, annex II.",
        "[^3]: Resolution 69/137, annex II (corrected).",
    );
    let (reports, diags) = import_chapters(dir.path(), &[("A_RES_80_3.md", &source)], false);
    assert_eq!(diags, "");
    assert_eq!(reports[0].action, import::Action::Updated);
    let merged = std::fs::read_to_string(&path).unwrap();
    assert!(merged.contains("description: \"The Awaza declaration.\""));
    assert!(merged.contains("2\\. We welcome the Awaza Programme"));
    assert!(merged.contains("An editor's closing line."));
    assert!(merged.contains("9\\. We note with interest"));
    assert!(merged.contains("[^3]: Resolution 69/137, annex II (corrected)."));
    // The base is the new import: the same source again changes nothing.
    let (reports, _) = import_into(dir.path(), &[("A_RES_80_3.md", &source)], false);
    assert_eq!(reports[0].action, import::Action::Unchanged);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), merged);
    // The SUMMARY entry was added once; the editor's title for it stays.
    let summary = dir.path().join("src/SUMMARY.md");
    std::fs::write(&summary, "# Summary\n\n- [Awaza (edited)](a-res-80-3.md)\n").unwrap();
    import_into(dir.path(), &[("A_RES_80_3.md", &source)], false);
    assert_eq!(
        std::fs::read_to_string(&summary).unwrap(),
        "# Summary\n\n- [Awaza (edited)](a-res-80-3.md)\n"
    );
}

#[test]
fn a_line_both_changed_is_a_conflict_and_overwrite_says_what_it_replaced() {
    let dir = book();
    import_into(dir.path(), &[("A_RES_80_3.md", RES_80_3)], false);
    let path = dir.path().join("src/a-res-80-3.md");
    let first = std::fs::read_to_string(&path).unwrap();
    let line = first
        .lines()
        .position(|l| l.contains("9\\. We note the interest"))
        .unwrap()
        + 1;
    let mine = edit(&first, "We note the interest", "We note the keen interest");
    std::fs::write(&path, &mine).unwrap();
    let source = edit(RES_80_3, "We note the interest", "We note with interest");
    let (reports, diags) = import_chapters(dir.path(), &[("A_RES_80_3.md", &source)], false);
    assert_eq!(reports[0].action, import::Action::Kept);
    assert_eq!(
        diags,
        format!(
            "src/a-res-80-3.md:{line}:1: error: the editor changed line {line}, and the source changed them too: the chapter is left as it is [import-conflict]\n  = hint: edit the source to agree with the chapter, or import with `--overwrite` to take the import's text there (each such place is then a warning)"
        )
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), mine);
    let (_, diags) = import_chapters(dir.path(), &[("A_RES_80_3.md", &source)], true);
    assert_eq!(
        diags,
        format!(
            "src/a-res-80-3.md:{line}:1: warning: the editor's line {line} replaced by the import's: the source changed there too [import-overwritten]\n  = hint: compare with the version control's copy and redo the edit if it still applies"
        )
    );
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("9\\. We note with interest")
    );
}

#[test]
fn a_chapter_no_import_wrote_is_not_replaced() {
    let dir = book();
    std::fs::create_dir_all(dir.path().join("src")).unwrap();
    std::fs::write(dir.path().join("src/a-res-80-3.md"), "# Mine\n").unwrap();
    let (_, diags) = import_chapters(dir.path(), &[("A_RES_80_3.md", RES_80_3)], false);
    assert!(
        diags.starts_with("src/a-res-80-3.md: error: the chapter exists, but no import wrote it"),
        "{diags}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("src/a-res-80-3.md")).unwrap(),
        "# Mine\n"
    );
}

/// One import example of the catalogue: its files, the source it imports, what it reports.
struct Example {
    code: String,
    files: Vec<(String, String)>,
    source: String,
    expected: String,
    lines: std::ops::Range<usize>,
}

fn examples(catalogue: &str) -> Vec<Example> {
    let lines: Vec<&str> = catalogue.lines().collect();
    let start = lines
        .iter()
        .position(|l| *l == "## Import")
        .expect("an Import section");
    let mut out = Vec::new();
    let mut code = String::new();
    let mut files: Vec<(String, String)> = Vec::new();
    let mut i = start;
    let fenced = |from: usize| -> (String, usize) {
        let end = (from + 1..lines.len())
            .find(|&k| lines[k] == "```")
            .unwrap();
        (lines[from + 1..end].join("\n"), end)
    };
    while i < lines.len() {
        let line = lines[i];
        if let Some(c) = line.strip_prefix("### `").and_then(|l| l.strip_suffix('`')) {
            code = c.to_string();
            files.clear();
        } else if let Some(path) = line.strip_prefix('`').and_then(|l| l.strip_suffix("`:")) {
            let (content, end) = fenced(i + 1);
            files.push((path.to_string(), content + "\n"));
            i = end;
        } else if line.starts_with("Imported") && line.ends_with(':') {
            let source = match line.split_once("(`") {
                Some((_, rest)) => rest.split('`').next().unwrap().to_string(),
                None => files[0].0.clone(),
            };
            let (expected, end) = fenced(i + 1);
            out.push(Example {
                code: code.clone(),
                files: std::mem::take(&mut files),
                source,
                expected,
                lines: i + 2..end,
            });
            i = end;
        }
        i += 1;
    }
    out
}

fn run_example(example: &Example) -> String {
    let dir = tempfile::tempdir().unwrap();
    for (path, content) in &example.files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    }
    let mut diags = Diagnostics::new();
    let options = import::Options {
        book: dir.path().join("book"),
        overwrite: false,
    };
    import::run(&[dir.path().join(&example.source)], &options, &mut diags).unwrap();
    diags.sort();
    diags.fold_alike();
    diags
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("\n")
        .replace(&format!("{}/", dir.path().display()), "")
}

/// Every import example of the catalogue reports exactly what it shows, its own code among it.
/// `UPDATE_CATALOGUE=1` writes the actual reports into the catalogue (review the diff).
#[test]
fn every_import_example_of_the_catalogue_reports_what_it_shows() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/src/diagnostics.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let examples = examples(&text);
    assert!(examples.len() >= 10, "{} examples", examples.len());
    let actual: Vec<String> = examples.iter().map(run_example).collect();
    if std::env::var_os("UPDATE_CATALOGUE").is_some() {
        let mut lines: Vec<String> = text.lines().map(String::from).collect();
        for (example, actual) in examples.iter().zip(&actual).rev() {
            lines.splice(example.lines.clone(), actual.lines().map(String::from));
        }
        std::fs::write(&path, lines.join("\n") + "\n").unwrap();
        return;
    }
    let mut failures = Vec::new();
    for (example, actual) in examples.iter().zip(&actual) {
        if !actual.contains(&format!("[{}]", example.code)) {
            failures.push(format!(
                "`{}` does not report its code:\n{actual}",
                example.code
            ));
        } else if *actual != example.expected {
            failures.push(format!(
                "`{}`:\nexpected:\n{}\nactual:\n{actual}",
                example.code, example.expected
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
