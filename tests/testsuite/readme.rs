//! The README's walkthrough, "Use it for your own report", builds as written: every fenced block
//! marked `file=PATH` is written into a new book, then the commands the README shows run there
//! (`mdbook-report install`, then the strict build with the link check).

use crate::common;

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_mdbook-report");

fn run(args: &[&str], book: &std::path::Path) -> String {
    let out = Command::new(BIN)
        .args(args)
        .arg("--book")
        .arg(book)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "mdbook-report {args:?}:\n{stderr}");
    stderr
}

#[test]
fn the_readme_walkthrough_builds_as_written() {
    let files = common::walkthrough_files();
    let names: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        names,
        [
            "book.toml",
            "src/SUMMARY.md",
            "src/water.md",
            "src/cooperation.md",
            "src/notes.md",
            "data/organisations.yaml"
        ]
    );
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("water");
    for (path, content) in &files {
        let file = book.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, content).unwrap();
    }
    run(&["install"], &book);
    let stderr = run(&["build"], &book);
    assert!(stderr.contains(": no problems"), "{stderr}");
    let site = book.join("book/html");
    let read =
        |p: &str| std::fs::read_to_string(site.join(p)).unwrap_or_else(|e| panic!("{p}: {e}"));
    // Two notes numbered 1 and 2, linked both ways.
    let water = read("water.html");
    assert!(water.contains("href=\"notes.html#note-1\""), "{water}");
    assert!(read("cooperation.html").contains("href=\"notes.html#note-2\""));
    assert!(water.contains(
        "<a class=\"org\" href=\"organisations/who.html\">World Health Organization</a>"
    ));
    assert!(read("notes.html").contains("href=\"water.html#note-ref-1\""));
    // Three organisations, each with its page; acronyms as <abbr>.
    for org in ["who", "unicef", "wmo"] {
        assert!(
            site.join(format!("organisations/{org}.html")).is_file(),
            "{org}"
        );
    }
    let cooperation = read("cooperation.html");
    assert!(
        cooperation.contains("<abbr title=\"United Nations Children&#39;s Fund\">UNICEF</abbr>"),
        "{cooperation}"
    );
    // The three objectives, each linked to its line of the text.
    let agenda = read("agenda.html");
    for (label, title) in [
        ("a", "Safe water for all"),
        ("b", "Sanitation"),
        ("c", "Cooperation across borders"),
    ] {
        assert!(
            agenda.contains(&format!("Objective ({label}): {title}")),
            "{agenda}"
        );
    }
    assert!(
        agenda.contains("href=\"water.html#p-a-safe-water-for-all\""),
        "{agenda}"
    );
    // One meeting on the timeline and in both exports.
    assert!(read("timeline.html").contains("id=\"meeting-basin-forum\""));
    assert!(read("timeline.ics").contains("SUMMARY:Basin Forum"));
    assert!(read("timeline.json").contains("\"id\": \"basin-forum\""));
    assert!(read("organisations/wmo.html").contains("timeline.html#meeting-basin-forum"));
}
