//! `mdbook-report check`: the fixture site's faults, exact reports, the command line, external links
//! against a local HTTP server, and the real site built in-process.

use crate::common;
use mdbook_report::build;
use mdbook_report::linkcheck::{
    self, Kind, Options, Report, check_read_site, check_site, external,
};
use serde_json::json;
use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::Duration;

const BOOK: &str = "tests/fixtures/linkcheck";
const SITE: &str = "tests/fixtures/linkcheck/site";

fn check_fixture() -> Report {
    let options = Options {
        book: Some(BOOK.into()),
        siblings: Vec::new(),
        external: None,
    };
    check_site(Path::new(SITE), &options).unwrap()
}

#[test]
fn reports_each_fault_of_the_fixture_once_with_its_markdown_line() {
    assert_eq!(
        check_fixture().render_text(),
        "\
tests/fixtures/linkcheck/site/a.html: error: broken link `missing.html`: no file `missing.html` (tests/fixtures/linkcheck/src/a.md:5:24) [missing-file]
tests/fixtures/linkcheck/site/a.html: error: broken fragment `#nowhere` in link `b.html#nowhere`: no id `nowhere` on `b.html` (tests/fixtures/linkcheck/src/a.md:5:54) [missing-fragment]
tests/fixtures/linkcheck/site/a.html: error: empty `<a href>` (tests/fixtures/linkcheck/src/a.md:7:4) [empty-href]
tests/fixtures/linkcheck/site/a.html: error: `<a href=\"#\">` links nowhere (tests/fixtures/linkcheck/src/a.md:7:46) [hash-only-href]
tests/fixtures/linkcheck/site/b.html: error: missing asset `css/missing.css` in `<link href>`: no file `css/missing.css` [missing-asset]
tests/fixtures/linkcheck/site/b.html: error: missing asset `images/missing.png` in `<img src>`: no file `images/missing.png` (tests/fixtures/linkcheck/src/b.md:7:9) [missing-asset]
tests/fixtures/linkcheck/site/b.html: error: duplicate id `dup` (2 elements) (tests/fixtures/linkcheck/src/b.md:3:4) [duplicate-id]
tests/fixtures/linkcheck/site/css/style.css: error: missing asset `../fonts/missing.woff2` in `url()`: no file `fonts/missing.woff2` [missing-asset]
tests/fixtures/linkcheck/site/generated.html: error: broken fragment `#generated-missing` in link `a.html#generated-missing`: no id `generated-missing` on `a.html` [missing-fragment]
tests/fixtures/linkcheck/site/orphan.html: error: no table-of-contents entry links to this page [unreachable-page]
external: https://www.un.org/ (index.html)
external: mailto:gmg@example.org (index.html)
10 pages, 65 links: 10 problems (1 missing-file, 3 missing-asset, 2 missing-fragment, 1 duplicate-id, \
1 empty-href, 1 hash-only-href, 1 unreachable-page); 2 external links listed, not checked (--external checks them)
"
    );
}

#[test]
fn json_report_has_the_documented_shape() {
    let source = |file: &str, line: usize, column: usize| json!({ "path": format!("tests/fixtures/linkcheck/src/{file}"), "line": line, "column": column });
    let problem = |page: &str,
                   kind: &str,
                   target: Option<&str>,
                   message: &str,
                   src: serde_json::Value| {
        json!({ "page": page, "kind": kind, "target": target, "message": message, "source": src })
    };
    let null = serde_json::Value::Null;
    let expected = json!({
        "site": SITE,
        "pages": 10,
        "links": 65,
        "problems": [
            problem("a.html", "missing-file", Some("missing.html"),
                "broken link `missing.html`: no file `missing.html`", source("a.md", 5, 24)),
            problem("a.html", "missing-fragment", Some("b.html#nowhere"),
                "broken fragment `#nowhere` in link `b.html#nowhere`: no id `nowhere` on `b.html`",
                source("a.md", 5, 54)),
            problem("a.html", "empty-href", None, "empty `<a href>`", source("a.md", 7, 4)),
            problem("a.html", "hash-only-href", Some("#"), "`<a href=\"#\">` links nowhere", source("a.md", 7, 46)),
            problem("b.html", "missing-asset", Some("css/missing.css"),
                "missing asset `css/missing.css` in `<link href>`: no file `css/missing.css`", null.clone()),
            problem("b.html", "missing-asset", Some("images/missing.png"),
                "missing asset `images/missing.png` in `<img src>`: no file `images/missing.png`",
                source("b.md", 7, 9)),
            problem("b.html", "duplicate-id", Some("dup"), "duplicate id `dup` (2 elements)", source("b.md", 3, 4)),
            problem("css/style.css", "missing-asset", Some("../fonts/missing.woff2"),
                "missing asset `../fonts/missing.woff2` in `url()`: no file `fonts/missing.woff2`", null.clone()),
            problem("generated.html", "missing-fragment", Some("a.html#generated-missing"),
                "broken fragment `#generated-missing` in link `a.html#generated-missing`: no id `generated-missing` on `a.html`",
                null.clone()),
            problem("orphan.html", "unreachable-page", None,
                "no table-of-contents entry links to this page", null.clone()),
        ],
        "counts": {
            "missing-file": 1, "missing-asset": 3, "missing-fragment": 2, "duplicate-id": 1,
            "empty-href": 1, "hash-only-href": 1, "unreachable-page": 1
        },
        "external": [
            { "url": "https://www.un.org/", "pages": ["index.html"], "check": null },
            { "url": "mailto:gmg@example.org", "pages": ["index.html"], "check": null },
        ],
    });
    assert_eq!(serde_json::to_value(check_fixture()).unwrap(), expected);
}

#[test]
fn without_the_book_problems_name_the_page_alone() {
    let report = check_site(Path::new(SITE), &Options::default()).unwrap();
    assert_eq!(report.problems.len(), 10);
    assert!(report.problems.iter().all(|p| p.source.is_none()));
}

/// Copies the fixture site into a temporary directory, for tests that change it.
fn copy_of_fixture_site() -> tempfile::TempDir {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            let target = to.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                copy(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), target).unwrap();
            }
        }
    }
    let dir = tempfile::tempdir().unwrap();
    copy(Path::new(SITE), dir.path());
    dir
}

/// A site of one page (`index.html`, exempt from the table of contents) with `body` in it.
fn one_page_site(body: &str) -> tempfile::TempDir {
    let site = tempfile::tempdir().unwrap();
    std::fs::write(
        site.path().join("index.html"),
        format!("<!DOCTYPE html><html><head><title>t</title></head><body>{body}</body></html>"),
    )
    .unwrap();
    site
}

#[test]
fn percent_encoded_fragments_match_the_ids_they_encode() {
    let site = one_page_site(
        "<h2 id=\"café\">C</h2><h2 id=\"a b\">S</h2><h2 id=\"100%\">P</h2>\
         <a href=\"#caf%C3%A9\">1</a><a href=\"index.html#a%20b\">2</a><a href=\"#café\">3</a>\
         <a href=\"#100%25\">4</a><a href=\"#TOP\">5</a><a href=\"#caf%C3%A8\">6</a>",
    );
    let report = check_site(site.path(), &Options::default()).unwrap();
    let problems: Vec<&str> = report.problems.iter().map(|p| p.message.as_str()).collect();
    // Only the last link is broken: `%C3%A8` is "è".
    assert_eq!(
        problems,
        ["broken fragment `#caf%C3%A8` in link `#caf%C3%A8`: no id `caf%C3%A8` on `index.html`"]
    );
    assert_eq!(report.links, 6);
}

#[test]
fn reads_the_table_of_contents_from_the_sidebar_script_when_toc_html_is_gone() {
    let site = copy_of_fixture_site();
    std::fs::remove_file(site.path().join("toc.html")).unwrap();
    // Another script that links to the orphan is not the sidebar, nor is a `toc` file elsewhere.
    let link = "document.write('<a href=\"orphan.html\">x</a>');";
    std::fs::write(site.path().join("extra.js"), link).unwrap();
    std::fs::write(site.path().join("toc-notes.txt"), link).unwrap();
    let report = check_site(site.path(), &Options::default()).unwrap();
    let unreachable: Vec<&str> = report
        .problems
        .iter()
        .filter(|p| p.kind == Kind::UnreachablePage)
        .map(|p| p.page.as_str())
        .collect();
    assert_eq!(unreachable, ["orphan.html"]);
}

#[test]
fn the_site_defaults_to_the_html_directory_of_the_build_directory() {
    assert_eq!(
        linkcheck::default_site_dir(Path::new(BOOK)),
        PathBuf::from(SITE)
    );
    let book = tempfile::tempdir().unwrap();
    std::fs::write(
        book.path().join("book.toml"),
        "[build]\nbuild-dir = \"out\"\n",
    )
    .unwrap();
    assert_eq!(
        linkcheck::default_site_dir(book.path()),
        book.path().join("out")
    );
    std::fs::create_dir_all(book.path().join("out/html")).unwrap();
    assert_eq!(
        linkcheck::default_site_dir(book.path()),
        book.path().join("out/html")
    );
}

fn mdbook_report(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_mdbook-report"))
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn the_command_exits_0_when_clean_1_on_problems_2_when_it_cannot_check() {
    let (code, stdout, _) = mdbook_report(&["check", "--book", BOOK]);
    assert_eq!(code, 1);
    assert_eq!(stdout, check_fixture().render_text());

    let (code, stdout, _) = mdbook_report(&["check", "--book", BOOK, "--json", SITE]);
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json, serde_json::to_value(check_fixture()).unwrap());

    let clean = tempfile::tempdir().unwrap();
    std::fs::write(
        clean.path().join("index.html"),
        r##"<p id="a"><a href="#a">here</a></p>"##,
    )
    .unwrap();
    let (code, stdout, _) = mdbook_report(&["check", clean.path().to_str().unwrap()]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "1 page, 1 link: no problems; no external links\n")
    );

    let (code, stdout, stderr) = mdbook_report(&["check", "tests/fixtures/linkcheck/no-such-site"]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert!(
        stderr.starts_with(
            "error: cannot read the site directory tests/fixtures/linkcheck/no-such-site"
        ),
        "{stderr}"
    );

    // Options of --external make no sense without it.
    let (code, _, stderr) = mdbook_report(&["check", "--cache", "x.json", SITE]);
    assert_eq!(code, 2, "{stderr}");
}

/// A local HTTP server with canned answers, counting requests per path:
/// `/ok` 200, `/missing` 404, `/moved` 301 to `/ok`, `/head-refused` 405 to HEAD and 200 to GET,
/// `/slow` never answers; and a web archive under `/web/`.
struct Server {
    base: String,
    hits: Arc<Mutex<HashMap<String, usize>>>,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let hits: Arc<Mutex<HashMap<String, usize>>> = Arc::default();
        let counter = Arc::clone(&hits);
        std::thread::spawn(move || {
            // Bounded: every test run makes far fewer requests.
            for stream in listener.incoming().take(100) {
                let counter = Arc::clone(&counter);
                std::thread::spawn(move || answer(stream.unwrap(), &counter));
            }
        });
        Server { base, hits }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn hits(&self, path: &str) -> usize {
        self.hits.lock().unwrap().get(path).copied().unwrap_or(0)
    }
}

fn answer(mut stream: TcpStream, hits: &Mutex<HashMap<String, usize>>) {
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut head = Vec::new();
    let mut byte = [0u8];
    while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap_or(0) == 1 {
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head);
    let mut words = head.split_whitespace();
    let (method, path) = (
        words.next().unwrap_or(""),
        words.next().unwrap_or("").to_owned(),
    );
    *hits.lock().unwrap().entry(path.clone()).or_default() += 1;
    // The web archive: `/web/<day>/<address>` redirects to its capture `/web/<14 digits>/…`,
    // which answers; an address it never captured is a 404.
    if let Some(rest) = path.strip_prefix("/web/") {
        let (stamp, address) = rest.split_once('/').unwrap_or((rest, ""));
        let status = if address.contains("never-archived") {
            "404 Not Found".to_owned()
        } else if stamp.len() == 14 {
            "200 OK".to_owned()
        } else {
            format!("302 Found\r\nLocation: /web/20300301000000/{address}")
        };
        let response =
            format!("HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        let _ = stream.write_all(response.as_bytes());
        return;
    }
    let status = match (method, path.as_str()) {
        (_, "/slow") => {
            // Hold the connection without a word until the client gives up.
            let _ = stream.read(&mut [0u8; 1]);
            return;
        }
        (_, "/ok") | ("GET", "/head-refused") => "200 OK",
        (_, "/moved") => "301 Moved Permanently\r\nLocation: /ok",
        (_, "/head-refused") => "405 Method Not Allowed",
        _ => "404 Not Found",
    };
    let response = format!("HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    let _ = stream.write_all(response.as_bytes());
}

/// A one-page site linking to the server's paths (and to a `mailto:`, never fetched).
fn site_linking_to(server: &Server) -> tempfile::TempDir {
    let site = tempfile::tempdir().unwrap();
    let links: String = ["/ok", "/missing", "/moved", "/head-refused#part", "/slow"]
        .iter()
        .map(|path| format!(r#"<a href="{}">x</a>"#, server.url(path)))
        .collect();
    let html =
        format!(r#"<html><body>{links}<a href="mailto:gmg@example.org">mail</a></body></html>"#);
    std::fs::write(site.path().join("index.html"), html).unwrap();
    site
}

fn external_options(cache: &Path) -> external::Options {
    external::Options {
        cache: cache.to_path_buf(),
        cache_ttl: Duration::from_secs(3600),
        timeout: Duration::from_millis(300),
        retries: 1,
        backoff: Duration::from_millis(10),
        concurrency: 4,
    }
}

#[test]
fn external_links_are_fetched_once_then_taken_from_the_cache() {
    let server = Server::start();
    let site = site_linking_to(&server);
    let cache = site.path().join("cache/linkcheck.json");
    let options = Options {
        book: None,
        siblings: Vec::new(),
        external: Some(external_options(&cache)),
    };

    let first = check_site(site.path(), &options).unwrap();
    let outcomes = |report: &Report| -> Vec<(String, String)> {
        let outcome = |link: &linkcheck::ExternalLink| {
            link.check
                .as_ref()
                .map_or("-".to_owned(), |c| c.to_string())
        };
        report
            .external
            .iter()
            .map(|l| (l.url.replace(&server.base, ""), outcome(l)))
            .collect()
    };
    let ok = server.url("/ok");
    assert_eq!(
        outcomes(&first),
        [
            ("/head-refused#part".to_owned(), "200".to_owned()),
            ("/missing".to_owned(), "404".to_owned()),
            ("/moved".to_owned(), format!("200 after redirect to {ok}")),
            ("/ok".to_owned(), "200".to_owned()),
            ("/slow".to_owned(), "timed out".to_owned()),
            ("mailto:gmg@example.org".to_owned(), "-".to_owned()),
        ]
    );
    let broken: Vec<(&str, Kind, &str)> = first
        .problems
        .iter()
        .map(|p| (p.page.as_str(), p.kind, p.message.as_str()))
        .collect();
    let missing = format!("broken external link `{}`: 404", server.url("/missing"));
    let slow = format!("broken external link `{}`: timed out", server.url("/slow"));
    assert_eq!(
        broken,
        [
            ("index.html", Kind::BrokenExternal, missing.as_str()),
            ("index.html", Kind::BrokenExternal, slow.as_str()),
        ]
    );
    // HEAD, then GET when HEAD is refused; one retry after a timeout; a 404 is final.
    let hits = |paths: [&str; 5]| paths.map(|p| server.hits(p));
    let paths = ["/ok", "/missing", "/moved", "/head-refused", "/slow"];
    assert_eq!(hits(paths), [2, 1, 1, 2, 2]);

    // Only successes are cached.
    let cached: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&cache).unwrap()).unwrap();
    let mut keys: Vec<String> = cached["entries"]
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.replace(&server.base, ""))
        .collect();
    keys.sort();
    assert_eq!(keys, ["/head-refused", "/moved", "/ok"]);
    assert_eq!(cached["entries"][server.url("/moved")]["status"], 200);
    assert!(
        cached["entries"][server.url("/ok")]["checked_at"]
            .as_u64()
            .unwrap()
            > 1_700_000_000
    );

    let second = check_site(site.path(), &options).unwrap();
    assert_eq!(
        hits(paths),
        [2, 2, 1, 2, 4],
        "only the failures are asked again"
    );
    assert_eq!(
        outcomes(&second)[3],
        ("/ok".to_owned(), "200, cached".to_owned())
    );
    assert_eq!(second.problems, first.problems);
    assert_eq!(
        second.summary(),
        "1 page, 0 links: 2 problems (2 broken-external); 6 external links, 5 checked: 2 broken, 3 from the cache"
    );
}

#[test]
fn the_command_checks_external_links_on_request() {
    let server = Server::start();
    let site = site_linking_to(&server);
    let cache = site.path().join("cache.json");
    let site_arg = site.path().to_str().unwrap();
    let cache_arg = cache.to_str().unwrap();
    let args = [
        "check",
        site_arg,
        "--external",
        "--cache",
        cache_arg,
        "--timeout",
        "0.3",
        "--retries",
        "0",
    ];
    let (code, stdout, stderr) = mdbook_report(&args);
    assert_eq!(code, 1, "{stderr}");
    let ok_line = format!("external: {} [200] (index.html)", server.url("/ok"));
    assert!(stdout.lines().any(|l| l == ok_line), "{stdout}");
    assert!(
        stdout.ends_with("6 external links, 5 checked: 2 broken, 0 from the cache\n"),
        "{stdout}"
    );
    assert_eq!(server.hits("/slow"), 1, "no retry with --retries 0");
    assert!(cache.is_file());
}

/// A book whose notes cite three addresses of the server: one that answers, one gone, one gone
/// that the archive never captured; its archived copies point at the server's `/web/`.
fn book_citing(server: &Server) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let base = &server.base;
    let files = [
        (
            "book.toml",
            format!(
                "[book]\ntitle = \"Links\"\n\n[preprocessor.report]\ndate = \"2030-06\"\n\n\
                 [preprocessor.report.organisations]\nenable = false\n\n\
                 [preprocessor.report.endnotes]\nchapter = \"endnotes.md\"\n\n\
                 [preprocessor.report.timeline]\nenable = false\n\n\
                 [preprocessor.report.documents]\narchive = \"{base}/web/{{date}}/{{address}}\"\n\n\
                 [output.html]\n\n[output.html.search]\nenable = false\n\n[output.report-postbuild]\n"
            ),
        ),
        (
            "src/SUMMARY.md",
            "# Summary\n\n- [Chapter](a.md)\n\n[Endnotes](endnotes.md)\n".into(),
        ),
        (
            "src/a.md",
            "# Chapter\n\nFirst.[^live] Second.[^gone] Third.[^lost]\n".into(),
        ),
        (
            "src/endnotes.md",
            format!(
                "# Endnotes\n\n[^live]: Live, <{base}/ok> [Accessed on February 14, 2030].\n\n\
                 [^gone]: Gone, <{base}/gone> [accessed on 3 March 2030].\n\n\
                 [^lost]: Lost, <{base}/never-archived>.\n"
            ),
        ),
    ];
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

#[test]
fn failing_addresses_are_reported_with_their_archived_copies_and_the_archives_answer() {
    let server = Server::start();
    let book = book_citing(&server);
    let html = build::build(
        book.path(),
        &build::Options {
            deny_warnings: Some(true),
            dest: None,
            site_url: None,
        },
    )
    .unwrap();
    let cache = book.path().join("cache.json");
    let options = Options {
        book: Some(book.path().to_path_buf()),
        siblings: Vec::new(),
        external: Some(external_options(&cache)),
    };
    let report = check_site(&html, &options).unwrap();
    let url = |p: &str| server.url(p);
    let copy = |day: &str, p: &str| url(&format!("/web/{day}/{}", url(p)));
    let capture = |p: &str| url(&format!("/web/20300301000000/{}", url(p)));

    // The archived copies are the notes' access dates, else the book's date.
    let external: Vec<(String, Option<String>, Vec<String>)> = report
        .external
        .iter()
        .map(|l| {
            (
                l.url.clone(),
                l.archive_of.clone(),
                l.archived_copies.clone(),
            )
        })
        .collect();
    assert_eq!(
        external,
        [
            (url("/gone"), None, vec![copy("20300303", "/gone")]),
            (
                url("/never-archived"),
                None,
                vec![copy("20300601", "/never-archived")]
            ),
            (url("/ok"), None, vec![copy("20300214", "/ok")]),
            (copy("20300214", "/ok"), Some(url("/ok")), vec![]),
            (copy("20300303", "/gone"), Some(url("/gone")), vec![]),
            (
                copy("20300601", "/never-archived"),
                Some(url("/never-archived")),
                vec![]
            ),
        ]
    );

    // Each failure once per page that links it (the notes, the documents page; print.html only
    // repeats the notes).
    let mut messages: Vec<&str> = report.problems.iter().map(|p| p.message.as_str()).collect();
    messages.sort();
    messages.dedup();
    let gone = format!(
        "broken external link `{}`: 404; archived copy `{}`: 200 after redirect to {}",
        url("/gone"),
        copy("20300303", "/gone"),
        capture("/gone")
    );
    let lost = format!(
        "broken external link `{}`: 404; archived copy `{}`: 404",
        url("/never-archived"),
        copy("20300601", "/never-archived")
    );
    let lost_copy = format!(
        "broken archived copy `{}` of `{}`: 404",
        copy("20300601", "/never-archived"),
        url("/never-archived")
    );
    assert_eq!(messages, [lost_copy.as_str(), gone.as_str(), lost.as_str()]);
    let pages: std::collections::BTreeSet<&str> =
        report.problems.iter().map(|p| p.page.as_str()).collect();
    assert_eq!(
        pages.into_iter().collect::<Vec<_>>(),
        ["documents.html", "endnotes.html"]
    );
    assert!(
        report.summary().ends_with(
            "6 external links, 6 checked: 3 broken (2 with an archived copy, 1 of which answers), 0 from the cache"
        ),
        "{}",
        report.summary()
    );
    let text = report.render_text();
    let line = format!(
        "  archived copy: {} [200 after redirect to {}]\n",
        copy("20300303", "/gone"),
        capture("/gone")
    );
    assert!(
        text.contains(&format!("external: {} [404] (", url("/gone"))),
        "{text}"
    );
    assert!(text.contains(&line), "{text}");

    // The archive's answer is in the cache, with the capture it redirected to.
    let cached: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&cache).unwrap()).unwrap();
    let entry = &cached["entries"][copy("20300303", "/gone")];
    assert_eq!(entry["status"], 200);
    assert_eq!(entry["final_url"], json!(capture("/gone")));
    assert_eq!(server.hits(&format!("/web/20300303/{}", url("/gone"))), 1);

    // The JSON report names the copies both ways.
    let value = serde_json::to_value(&report).unwrap();
    let gone_entry = value["external"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["url"] == json!(url("/gone")))
        .unwrap();
    assert_eq!(
        gone_entry["archived_copies"],
        json!([copy("20300303", "/gone")])
    );
    assert!(gone_entry.get("archive_of").is_none());
}

/// The in-process build's check (`mdbook-report build`) reads no page twice: the post-build
/// step hands over every page of the site as the check reads it, and the check takes those
/// instead of reading them again from disk, with the report a check from disk gives.
#[test]
fn the_real_site_checks_clean_from_the_pages_the_build_already_read() {
    let dest = tempfile::tempdir().unwrap();
    let options = build::Options {
        deny_warnings: Some(true),
        dest: Some(dest.path().to_path_buf()),
        site_url: None,
    };
    let (html, read) = build::build_for_check(Path::new("."), &options).unwrap();
    let options = Options {
        book: Some(".".into()),
        siblings: Vec::new(),
        external: None,
    };
    let pages = common::files_under(&html)
        .iter()
        .filter(|(name, _)| name.ends_with(".html"))
        .count();
    assert_eq!(
        read.len(),
        pages,
        "every page, print.html and toc.html included"
    );
    // A link broken on disk after the build: only a check that reads the page again sees it.
    let page = html.join("agenda.html");
    let text = std::fs::read_to_string(&page).unwrap();
    let broken = text.replace("</main>", "<a href=\"gone.html\">x</a></main>");
    std::fs::write(&page, broken).unwrap();
    let from_disk = check_site(&html, &options).unwrap();
    let report = check_read_site(&html, &options, read).unwrap();
    std::fs::write(&page, &text).unwrap();
    assert_eq!(from_disk.problems.len(), 1, "{}", from_disk.render_text());
    assert_eq!(report.problems, [], "{}", report.render_text());
    assert_eq!(report.pages, pages);
    let again = check_site(&html, &options).unwrap();
    assert_eq!(
        (report.render_text(), report.links),
        (again.render_text(), again.links)
    );
    assert!(
        report.pages > 10 && report.links > 100,
        "{}",
        report.summary()
    );
}

/// One small site per behaviour where a browser's answer decides (`tests/fixtures/linkcheck/cases/`).
const CASES: &str = "tests/fixtures/linkcheck/cases";

/// What checking `site` reports, page by page: `page: message [code]` per problem, then
/// `external: URL (pages)` per external link.
fn findings(site: &Path, options: &Options) -> Vec<String> {
    let report = check_site(site, options).unwrap();
    let problems = report
        .problems
        .iter()
        .map(|p| format!("{}: {} [{}]", p.page, p.message, p.kind));
    let external = report
        .external
        .iter()
        .map(|l| format!("external: {} ({})", l.url, l.pages.join(", ")));
    problems.chain(external).collect()
}

fn check_case(case: &str) -> Vec<String> {
    findings(&Path::new(CASES).join(case), &Options::default())
}

/// Chromium 156 (headless, Debian) on these links: it strips `:~:…` before looking for the id,
/// scrolls to the text when it finds it (then the id is not used: `#nothere:~:text=fox` lands
/// on "fox"), falls back to the id when it does not (`#intro:~:text=purple%20cow` lands on
/// `#intro`), ignores case and accents, needs whole words, skips `<template>` and `<title>`, and
/// ignores a directive of three plain terms.
#[test]
fn text_fragments_are_looked_for_in_the_rendered_text_as_browsers_do() {
    let missing_text = |link: &str, text: &str| {
        format!(
            "index.html: broken text fragment in link `target.html#{link}`: no text `{text}` on `target.html` [missing-text-fragment]"
        )
    };
    assert_eq!(
        check_case("text-fragments"),
        [
            "index.html: broken fragment `#nothere` in link `target.html#nothere:~:text=purple%20cow`: no id `nothere` on `target.html` [missing-fragment]".to_owned(),
            "index.html: broken text fragment `text=brown,fox,lazy` in link `target.html#:~:text=brown,fox,lazy`: browsers ignore it \
             (a text fragment is `text=[prefix-,]start[,end][,-suffix]`, with `-`, `,` and `&` in the text written `%2D`, `%2C` and `%26`) [missing-text-fragment]".to_owned(),
            missing_text(":~:text=purple%20cow", "purple cow"),
            missing_text(":~:text=quick%20bro", "quick bro"),
            missing_text(":~:text=template%20words", "template words"),
            missing_text("intro:~:text=purple%20cow", "purple cow"),
            missing_text("nothere:~:text=purple%20cow", "purple cow"),
        ]
    );
}

/// Chromium: under `<base href="sub/">`, `#here` is `sub/#here` (a 404 here, with no
/// `sub/index.html`), and `#nowhere` under `<base href="other/">` looks on `other/`'s page, not
/// on the page that has the id; an empty form action submits to the page itself; under an
/// absolute `<base>`, relative links are that site's.
#[test]
fn a_base_href_moves_every_relative_link_fragments_included() {
    assert_eq!(
        check_case("base-href"),
        [
            "index.html: broken link `#here`: no file `sub/index.html` (the page's `<base href>` is `sub/`) [missing-file]",
            "to-other.html: broken fragment `#nowhere` in link `#nowhere`: no id `nowhere` on `other/index.html` (the page's `<base href>` is `other/`) [missing-fragment]",
            "external: https://example.com/root/#x (elsewhere.html)",
            "external: https://example.com/root/page.html (elsewhere.html)",
            "external: https://example.com/up.html (elsewhere.html)",
        ]
    );
}

/// Chromium requests `url()`s of `<style>` elements and `style` attributes like any asset; a
/// `url(#x)` of CSS names an element of the page; `@namespace`'s `url()` is a name, never
/// requested; `url("")` requests nothing.
#[test]
fn css_in_style_elements_and_attributes_is_checked() {
    assert_eq!(
        check_case("style-urls"),
        [
            "index.html: missing asset `missing-bg.png` in `<style>`: no file `missing-bg.png` [missing-asset]",
            "index.html: missing asset `missing-import.css` in `<style>`: no file `missing-import.css` [missing-asset]",
            "index.html: missing asset `missing-style-attr.png` in `style=\"\"`: no file `missing-style-attr.png` [missing-asset]",
            "index.html: broken fragment `#no-such-mask` in link `#no-such-mask`: no id `no-such-mask` on `index.html` [missing-fragment]",
            "index.html: empty `url()` in `<style>`: it loads nothing [empty-href]",
        ]
    );
}

/// Chromium 156 does not open a `data:` address from a link ("Not allowed to navigate top
/// frame to data URL"); as an image it loads, and `javascript:` is the page's own business.
#[test]
fn a_link_to_a_data_address_does_nothing_in_a_browser() {
    assert_eq!(
        check_case("data-links"),
        [
            "index.html: `<a href=\"data:…\">` does nothing: browsers do not open `data:` addresses from a page [data-href]",
            "index.html: `<a href=\"data:…\">` does nothing: browsers do not open `data:` addresses from a page [data-href]",
        ]
    );
}

/// Chromium sends no request to a `preconnect` or `dns-prefetch` origin: neither does
/// `--external`, and neither is listed.
#[test]
fn preconnect_and_dns_prefetch_origins_are_neither_listed_nor_fetched() {
    assert_eq!(
        check_case("preconnect"),
        ["external: https://cdn.example.net/site.css (index.html)"]
    );
    let server = Server::start();
    let site = one_page_site("");
    let head = format!(
        "<link rel=\"preconnect\" href=\"{}/\"><link rel=\"dns-prefetch\" href=\"{}/dns\">\
         <link rel=\"stylesheet\" href=\"{}\">",
        server.base,
        server.base,
        server.url("/ok")
    );
    let page = site.path().join("index.html");
    let html = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, html.replace("<title>", &format!("{head}<title>"))).unwrap();
    let options = Options {
        external: Some(external_options(&site.path().join("cache.json"))),
        ..Options::default()
    };
    let report = check_site(site.path(), &options).unwrap();
    assert_eq!(report.problems, []);
    assert_eq!(
        (server.hits("/"), server.hits("/dns"), server.hits("/ok")),
        (0, 0, 1)
    );
}

#[test]
fn form_actions_and_formactions_are_links() {
    assert_eq!(
        check_case("forms"),
        [
            "index.html: broken link `gone.html`: no file `gone.html` [missing-file]",
            "index.html: broken link `missing-form.html`: no file `missing-form.html` [missing-file]",
            "index.html: broken fragment `#results` in link `search.html#results`: no id `results` on `search.html` [missing-fragment]",
        ]
    );
}

/// Chromium does not scroll to an id or `<a name>` inside a `<template>` (its content is not
/// part of the page), and `getElementById` does not find it.
#[test]
fn ids_inside_templates_are_not_fragment_targets() {
    assert_eq!(
        check_case("template-ids"),
        [
            "index.html: broken fragment `#in-template` in link `#in-template`: no id `in-template` on `index.html` [missing-fragment]",
            "index.html: broken fragment `#named-in-template` in link `#named-in-template`: no id `named-in-template` on `index.html` [missing-fragment]",
        ]
    );
}

/// Builds a fixture book in-process into a temporary directory; returns it and the site.
fn build_fixture_book(book: &str) -> (tempfile::TempDir, PathBuf) {
    let dest = tempfile::tempdir().unwrap();
    let options = build::Options {
        deny_warnings: Some(false),
        dest: Some(dest.path().to_path_buf()),
        site_url: None,
    };
    let html = build::build(Path::new(book), &options).unwrap();
    (dest, html)
}

/// mdBook writes `<a class="header" href="#">` for a heading of punctuation alone, rewrites a
/// link to a whole chapter (`answers.md#`) to `#` on print.html, and repeats every chapter's
/// links on print.html and the first chapter's on index.html: each broken link is reported
/// once, at its chapter with its Markdown line, and mdBook's own markup not at all.
#[test]
fn mdbooks_own_markup_is_never_a_problem_and_each_broken_link_is_reported_once() {
    let book = "tests/fixtures/linkcheck/mdbook-markup";
    let (_dest, html) = build_fixture_book(book);
    let print = std::fs::read_to_string(html.join("print.html")).unwrap();
    assert!(
        print.contains(r##"<a class="header" href="#"><code>?</code></a>"##),
        "{print}"
    );
    assert!(
        print.contains(r##"<a href="#">the answers</a>"##),
        "{print}"
    );
    let options = Options {
        book: Some(book.into()),
        ..Options::default()
    };
    let report = check_site(&html, &options).unwrap();
    let found: Vec<(&str, String, String)> = report
        .problems
        .iter()
        .map(|p| {
            let source = p
                .source
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default();
            (p.page.as_str(), p.message.clone(), source)
        })
        .collect();
    let source = |column: usize| format!("{book}/src/questions.md:5:{column}");
    assert_eq!(
        found,
        [
            (
                "questions.html",
                "broken link `missing.html`: no file `missing.html`".to_owned(),
                source(92)
            ),
            (
                "questions.html",
                "broken fragment `#nowhere` in link `answers.html#nowhere`: no id `nowhere` on `answers.html`".to_owned(),
                source(133)
            ),
        ]
    );
}

/// A book declares the site published beside it (`[preprocessor.report.link-check] siblings`),
/// the command line adds more (`--sibling`); links into them are external links, from any
/// folder; a link out of the site to an undeclared one is an error naming the table.
#[test]
fn links_to_sibling_sites_are_external_links() {
    let book = "tests/fixtures/linkcheck/siblings";
    let (_dest, html) = build_fixture_book(book);
    let options = Options {
        book: Some(book.into()),
        ..Options::default()
    };
    let std_io =
        "external: https://doc.rust-lang.org/std/io/index.html (guide/io.html, print.html)";
    let vec_push = "external: https://doc.rust-lang.org/std/vec/struct.Vec.html#method.push (index.html, print.html, vectors.html)";
    let report = check_site(&html, &options).unwrap();
    let out_of_site = "broken link `../reference/items.html`: it leads out of the site, to \
        `../reference/items.html` from its root; if a site is published there, declare it: \
        `siblings = { \"../reference/\" = \"https://…\" }` under `[preprocessor.report.link-check]` \
        (or `--sibling ../reference/=https://…`)";
    let problems: Vec<(&str, &str, String)> = report
        .problems
        .iter()
        .map(|p| {
            (
                p.page.as_str(),
                p.message.as_str(),
                p.source
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        problems,
        [(
            "vectors.html",
            out_of_site,
            format!("{book}/src/vectors.md:3:79")
        )]
    );
    assert_eq!(findings(&html, &options)[1..], [std_io, vec_push]);

    // The build's own check reads the same table: only the undeclared site fails it.
    let dest = tempfile::tempdir().unwrap();
    let (code, _, stderr) = mdbook_report(&[
        "build",
        "--book",
        book,
        "--dest",
        dest.path().to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{stderr}");
    let errors: Vec<&str> = stderr.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(errors.len(), 1, "{stderr}");
    assert!(
        errors[0].ends_with(&format!(
            "{out_of_site} ({book}/src/vectors.md:3:79) [missing-file]"
        )),
        "{stderr}"
    );

    // The command line adds a sibling, and overrides the book's address of another.
    let html_arg = html.to_str().unwrap();
    let (code, stdout, stderr) = mdbook_report(&[
        "check",
        "--book",
        book,
        html_arg,
        "--sibling",
        "../reference/=https://doc.rust-lang.org/reference/",
        "--sibling",
        "../std/=https://doc.example.org/std/",
    ]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("external: https://doc.rust-lang.org/reference/items.html (index.html, print.html, vectors.html)\n"), "{stdout}");
    assert!(
        stdout.contains(
            "external: https://doc.example.org/std/io/index.html (guide/io.html, print.html)\n"
        ),
        "{stdout}"
    );

    // With --external, a sibling's pages are fetched like any external link.
    let server = Server::start();
    let options = Options {
        siblings: vec![("../std/".to_owned(), server.url("/std/"))],
        external: Some(external_options(&html.join("cache.json"))),
        ..options
    };
    let report = check_site(&html, &options).unwrap();
    assert_eq!(server.hits("/std/vec/struct.Vec.html"), 1);
    assert!(report.problems.iter().any(|p| p.message
        == format!(
            "broken external link `{}`: 404",
            server.url("/std/vec/struct.Vec.html#method.push")
        )));

    // A declaration that cannot be one is refused, on the command line and in book.toml.
    let (code, _, stderr) = mdbook_report(&[
        "check",
        html_arg,
        "--sibling",
        "std/=https://doc.rust-lang.org/std/",
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("`std/` does not lead out of the site: a site beside this one is reached from the root through `..`: write `../std/`"), "{stderr}");
    let bad = tempfile::tempdir().unwrap();
    std::fs::write(
        bad.path().join("book.toml"),
        "[preprocessor.report.link-check]\nsiblings = { \"../std/\" = \"doc.rust-lang.org/std/\" }\n",
    )
    .unwrap();
    let (code, _, stderr) =
        mdbook_report(&["check", "--book", bad.path().to_str().unwrap(), html_arg]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("`siblings` under `[preprocessor.report.link-check]`: the address of `../std/` is `doc.rust-lang.org/std/`, not the absolute address of a folder"), "{stderr}");
}
