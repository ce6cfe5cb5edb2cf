//! The site in a real browser: `tests/browser/run.mjs` drives Debian's Chromium with
//! playwright-core over the built site (served on 127.0.0.1) — landing page, organisation links,
//! endnotes, timeline, search, keyboard, phone widths, print styles, axe-core over every page —
//! and saves screenshots under `ci-artifacts/screenshots/`.
//!
//! Needs Node 20 or later, the npm packages (`npm ci --prefix tests/browser`) and
//! `/usr/bin/chromium` (or the browser named by `GMG_CHROMIUM`): the build script (`build.rs`)
//! looks for them, and where one is missing `cargo test` reports this test as ignored, with the
//! reason, and the build prints which one. `.ci/run` installs all three and sets
//! `GMG_REQUIRE_BROWSER=1`, which makes a missing one a build failure and every scenario the
//! runner skips a failure.

#[path = "testsuite/common.rs"]
mod common;

use std::process::Command;

#[test]
#[cfg_attr(
    not(has_browser),
    ignore = "needs Node 20+, Chromium (apt-get install chromium) and `npm ci --prefix tests/browser`"
)]
fn the_site_works_in_a_browser_and_passes_axe() {
    let site = common::site();
    let shots = common::root().join("ci-artifacts/screenshots");
    let status = Command::new("node")
        // The browser the build script found (Debian's Chromium, or `GMG_CHROMIUM`'s: GitHub's
        // runners have Google Chrome).
        .env(
            "GMG_CHROMIUM",
            option_env!("GMG_PROBED_CHROMIUM").unwrap_or("/usr/bin/chromium"),
        )
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
