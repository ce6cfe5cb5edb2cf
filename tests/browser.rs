//! The site in a real browser: `tests/browser/run.mjs` drives Debian's Chromium with
//! playwright-core over the built site (served on 127.0.0.1) — landing page, organisation links,
//! endnotes, timeline, search, keyboard, phone widths, print styles, axe-core over every page —
//! and saves screenshots under `ci-artifacts/screenshots/`.
//!
//! Needs Node 20 or later, the npm packages (`npm ci --prefix tests/browser`) and
//! `/usr/bin/chromium` (or the browser named by `MDBOOK_REPORT_CHROMIUM`), looked for when the
//! test runs (`tests/harness`): where one is missing, `cargo test` reports the test as ignored,
//! with the reason. `.ci/run` installs all three and sets `MDBOOK_REPORT_REQUIRE_BROWSER=1`,
//! which makes a missing one a failure, and every scenario the runner skips a failure too.

#[path = "testsuite/common.rs"]
mod common;
mod harness;

use std::path::PathBuf;
use std::process::Command;

fn main() {
    harness::run(vec![harness::trial(
        "the_site_works_in_a_browser_and_passes_axe",
        harness::REQUIRE_BROWSER,
        harness::browser,
        the_site_works_in_a_browser_and_passes_axe,
    )]);
}

fn the_site_works_in_a_browser_and_passes_axe(chromium: PathBuf) {
    let site = common::site();
    let shots = common::root().join("ci-artifacts/screenshots");
    let status = Command::new("node")
        // The browser the harness found (Debian's Chromium, or the one `MDBOOK_REPORT_CHROMIUM`
        // names).
        .env(harness::CHROMIUM, chromium)
        .arg(common::root().join("tests/browser/run.mjs"))
        .arg(site)
        .arg(&shots)
        .status()
        .expect("run node");
    assert!(
        status.success(),
        "browser tests failed (see the lines marked FAIL above); screenshots in {}",
        shots.display()
    );
}
