//! The site in a real browser: `tests/browser/run.mjs` drives Debian's Chromium with
//! playwright-core over the built site (served on 127.0.0.1) — landing page, organisation links,
//! endnotes, timeline, search, keyboard, phone widths, print styles, axe-core over every page —
//! and saves screenshots under `ci-artifacts/screenshots/`.
//!
//! Skipped, with the reason, when Node, the npm packages (`npm ci --prefix tests/browser`) or
//! `/usr/bin/chromium` (or the browser named by `GMG_CHROMIUM`) are missing; `.ci/run` installs all three and sets `GMG_REQUIRE_BROWSER=1`,
//! which turns a skip into a failure.

mod common;

use std::path::Path;
use std::process::Command;

/// The browser: Debian's Chromium, or another Chromium-based one named by `GMG_CHROMIUM`
/// (GitHub's runners have Google Chrome).
fn chromium() -> String {
    std::env::var("GMG_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into())
}

/// Why the browser tests cannot run here, if they cannot.
fn missing() -> Option<String> {
    let node = Command::new("node").arg("--version").output();
    let Some(version) = node
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    else {
        return Some("node is not installed".into());
    };
    let major: u32 = version
        .trim_start_matches('v')
        .split('.')
        .next()
        .and_then(|m| m.parse().ok())
        .unwrap_or(0);
    if major < 20 {
        return Some(format!(
            "node {version} is too old (playwright-core needs 20 or later)"
        ));
    }
    let modules = common::root().join("tests/browser/node_modules");
    for package in ["playwright-core", "axe-core"] {
        if !modules.join(package).join("package.json").is_file() {
            return Some(format!(
                "the npm package {package} is not installed (npm ci --prefix tests/browser)"
            ));
        }
    }
    let chromium = chromium();
    if !Path::new(&chromium).is_file() {
        return Some(format!("{chromium} is missing (apt-get install chromium)"));
    }
    None
}

#[test]
fn the_site_works_in_a_browser_and_passes_axe() {
    if let Some(reason) = missing() {
        // CI installs everything: there a skip would hide a broken install step.
        assert!(
            std::env::var_os("GMG_REQUIRE_BROWSER").is_none(),
            "browser tests required (GMG_REQUIRE_BROWSER is set) but {reason}"
        );
        eprintln!("SKIPPED: browser tests: {reason}; .ci/run installs what they need");
        return;
    }
    let site = common::site();
    let shots = common::root().join("ci-artifacts/screenshots");
    let status = Command::new("node")
        .env("GMG_CHROMIUM", chromium())
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
