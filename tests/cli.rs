//! The mdBook CLI path (`mdbook build` with `book.toml`'s command preprocessor and renderer)
//! gives the same site as the in-process build.
//!
//! Needs the mdBook CLI 0.5.4 on `PATH`, looked for when the test runs (`tests/harness`):
//! without it `cargo test` reports the test as ignored, with the reason; `.ci/run` installs it
//! and sets `MDBOOK_REPORT_REQUIRE_MDBOOK=1`, so there it always runs. The protocol tests, which
//! need no tool, are `tests/testsuite/protocol.rs`.

#[path = "testsuite/common.rs"]
mod common;
mod harness;

use common::root;
use std::process::Command;

fn main() {
    harness::run(vec![harness::trial(
        "mdbook_cli_and_in_process_build_give_the_same_site",
        harness::REQUIRE_MDBOOK,
        harness::mdbook,
        mdbook_cli_and_in_process_build_give_the_same_site,
    )]);
}

fn mdbook_cli_and_in_process_build_give_the_same_site(_: ()) {
    let cli = tempfile::tempdir().unwrap();
    let out = Command::new("mdbook")
        .arg("build")
        .arg("--dest-dir")
        .arg(cli.path())
        .current_dir(root())
        // mdBook finds `mdbook-report` and `mdbook-report-postbuild` on PATH, as it does for any
        // plugin: the ones cargo built for this test come first.
        .env("PATH", common::path_with_binaries())
        // The test site's address, as `--site-url` gives it to the in-process build (mdBook
        // reads any key from the environment).
        .env(
            "MDBOOK_PREPROCESSOR__REPORT__CITATION__SITE_URL",
            common::SITE_URL,
        )
        .output()
        .expect("run mdbook");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let in_process = common::site();
    // Two outputs (`html`, `report-postbuild`): each renderer has its own directory.
    let cli_html = cli.path().join("html");
    assert_eq!(in_process.file_name(), cli_html.file_name());
    for export in ["timeline.ics", "timeline.json", "documents.json"] {
        assert!(cli_html.join(export).is_file(), "{export}");
    }
    let (cli_files, in_process_files) = (
        common::files_under(&cli_html),
        common::files_under(in_process),
    );
    let names =
        |files: &[(String, Vec<u8>)]| files.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&cli_files), names(&in_process_files));
    for ((name, a), (_, b)) in in_process_files.iter().zip(&cli_files) {
        assert!(
            a == b,
            "{name} differs between the CLI and the in-process build"
        );
    }
}
