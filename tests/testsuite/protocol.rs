//! The binaries follow mdBook's preprocessor and renderer protocols: `supports`, the
//! `[context, book]` JSON on stdin, malformed input as a message, `mdbook serve`'s problems shown
//! in the book; the build command names a broken link's line. (The comparison with the mdBook
//! CLI, which needs the CLI installed, is `tests/cli.rs`.)

use crate::common::root;
use mdbook_driver::MDBook;
use mdbook_preprocessor::book::Book;
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
use mdbook_report::preprocessor::Report;
use std::io::Write;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_mdbook-report");
const POSTBUILD: &str = env!("CARGO_BIN_EXE_mdbook-report-postbuild");

fn run_with_stdin(args: &[&str], stdin: &[u8]) -> std::process::Output {
    run_bin_with_stdin(BIN, args, stdin)
}

fn run_bin_with_stdin(bin: &str, args: &[&str], stdin: &[u8]) -> std::process::Output {
    let mut child = Command::new(bin)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn mdbook-report");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin)
        .expect("write stdin");
    child.wait_with_output().expect("wait")
}

#[test]
fn supports_answers_by_exit_code() {
    let status = |r: &str| Command::new(BIN).args(["supports", r]).status().unwrap();
    assert!(status("html").success());
    assert!(!status("markdown").success());
    // The post-build step reads the built site, not the preprocessed book: mdBook need not run
    // the preprocessor a second time for it.
    assert!(!status("report-postbuild").success());
}

/// The raw book and the context mdBook would send for the real book.
fn input() -> (PreprocessorContext, Book) {
    let md = MDBook::load(root()).expect("load the book");
    let ctx = PreprocessorContext::new(root().to_path_buf(), md.config.clone(), "html".into());
    (ctx, md.book)
}

#[test]
fn processes_context_and_book_json_from_stdin() {
    let (ctx, book) = input();
    let json = serde_json::to_vec(&(&ctx, &book)).unwrap();
    let out = run_with_stdin(&[], &json);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let from_binary: Book = serde_json::from_slice(&out.stdout).expect("a book on stdout");
    let in_process = Report.run(&ctx, book).expect("in-process run");
    assert_eq!(from_binary, in_process);
    let intro = from_binary
        .chapters()
        .find(|c| c.name == "Introduction")
        .unwrap();
    assert!(intro.content.contains("<sup class=\"endnote-ref\""));
}

#[test]
fn malformed_input_is_an_error_message_not_a_panic() {
    for input in [&b"not json"[..], b"[]", b"[{}, {}]", b""] {
        let out = run_with_stdin(&[], input);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success());
        assert!(
            stderr.contains("error: the preprocessor expects mdBook's `[context, book]` JSON"),
            "{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn postbuild_rejects_malformed_input_with_a_message() {
    for (input, bin) in [&b"not json"[..], b"{}", b""]
        .into_iter()
        .zip([BIN, POSTBUILD, BIN])
    {
        let args: &[&str] = if bin == BIN { &["postbuild"] } else { &[] };
        let out = run_bin_with_stdin(bin, args, input);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success());
        assert!(
            stderr.contains("error: the post-build step expects mdBook's render context JSON"),
            "{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn under_mdbook_serve_problems_are_shown_in_the_book_and_serving_goes_on() {
    let (mut ctx, mut book) = input();
    book.for_each_chapter_mut(|ch| {
        if ch.name == "Introduction" {
            ch.content.push_str("\nBroken citation.[^no-such-note]\n");
        }
    });
    let json = |ctx: &PreprocessorContext| serde_json::to_vec(&(ctx, &book)).unwrap();
    let plain = run_with_stdin(&[], &json(&ctx));
    assert!(!plain.status.success(), "a normal build fails");
    ctx.config
        .set("output.html.live-reload-endpoint", "__livereload")
        .unwrap();
    let served = run_with_stdin(&[], &json(&ctx));
    let stderr = String::from_utf8_lossy(&served.stderr);
    assert!(served.status.success(), "{stderr}");
    assert!(stderr.contains("src/introduction.md:"), "{stderr}");
    let out: Book = serde_json::from_slice(&served.stdout).unwrap();
    let first = out.chapters().next().unwrap();
    assert_eq!(first.name, "Build problems");
    assert!(
        first
            .content
            .contains("endnote &#96;no-such-note&#96; is cited but never defined"),
        "{}",
        first.content
    );
    let intro = out.chapters().find(|c| c.name == "Introduction").unwrap();
    assert!(
        intro
            .content
            .starts_with("<div class=\"report-problems report-generated\" role=\"alert\">")
    );
}

#[test]
fn the_build_command_fails_on_a_broken_link_and_names_its_line() {
    let dest = tempfile::tempdir().unwrap();
    let out = Command::new(BIN)
        .args([
            "build",
            "--book",
            "tests/fixtures/books/broken-link",
            "--dest",
        ])
        .arg(dest.path())
        .current_dir(root())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(stderr.contains("link `other.html#section`"), "{stderr}");
    assert!(
        stderr.contains("broken-link/src/chapter.md:3:22)"),
        "{stderr}"
    );
    assert!(stderr.contains("[missing-file]"), "{stderr}");
}
