//! The harness of the two test targets whose tests need tools besides Rust: `tests/browser.rs`
//! (Node 20 or later, the npm packages of `tests/browser`, Chromium) and `tests/cli.rs` (the
//! mdBook CLI 0.5.4). Both are `harness = false` targets run by libtest-mimic, which prints
//! `cargo test`'s own lines and summary, so whether a tool is there is decided when the test
//! runs (docs/src/testing.md):
//!
//! - where a tool is missing, its test is *ignored*, with the reason on its line
//!   (`test … ... ignored (node is not installed: …)`) and counted in the summary, never passed;
//! - `MDBOOK_REPORT_REQUIRE_BROWSER=1` and `MDBOOK_REPORT_REQUIRE_MDBOOK=1` (set by `.ci/run`,
//!   which installs the tools) turn a missing tool into a failure that says what is missing.
//!
//! A `#[test]` function in a `harness = false` target is never compiled, let alone run: the
//! tests here are [`Trial`]s that the target's `main` lists, and a test that needs no tool
//! belongs in `tests/testsuite/`.

#![allow(dead_code)] // each target uses its own tool's probe

use libtest_mimic::{Arguments, Completion, Trial};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A test that runs where `probe` finds its tool and is given what it found; elsewhere it is
/// ignored with `probe`'s reason, or fails when the switch `require` is set.
pub fn trial<T: 'static>(
    name: &'static str,
    require: &'static str,
    probe: fn() -> Result<T, String>,
    test: fn(T),
) -> Trial {
    Trial::ignorable_test(name, move || match probe() {
        Ok(tool) => {
            test(tool);
            Ok(Completion::Completed)
        }
        Err(missing) if required(require) => {
            Err(format!("{require} is set, and the test cannot run: {missing}").into())
        }
        Err(missing) => Ok(Completion::ignored_with(missing)),
    })
}

/// Runs the trials as `cargo test` runs tests (the same arguments, lines and summary) and exits.
pub fn run(trials: Vec<Trial>) -> ! {
    libtest_mimic::run(&Arguments::from_args(), trials).exit()
}

/// Whether the environment variable `name` is set to something.
fn required(name: &str) -> bool {
    std::env::var_os(name).is_some_and(|v| !v.is_empty())
}

/// `MDBOOK_REPORT_REQUIRE_BROWSER`: the browser test may not be ignored.
pub const REQUIRE_BROWSER: &str = "MDBOOK_REPORT_REQUIRE_BROWSER";
/// `MDBOOK_REPORT_REQUIRE_MDBOOK`: the mdBook CLI comparison may not be ignored.
pub const REQUIRE_MDBOOK: &str = "MDBOOK_REPORT_REQUIRE_MDBOOK";
/// `MDBOOK_REPORT_CHROMIUM`: the browser to drive, when not `/usr/bin/chromium` (GitHub's runners
/// have Google Chrome).
pub const CHROMIUM: &str = "MDBOOK_REPORT_CHROMIUM";

/// The browser test's tools: Node 20 or later, the npm packages `tests/browser/package-lock.json`
/// pins, and Chromium, whose path it gives.
pub fn browser() -> Result<PathBuf, String> {
    let version = stdout_of("node", &["--version"])
        .ok_or("node is not installed: Node 20 or later is needed")?;
    let major: u32 = (version.trim().trim_start_matches('v').split('.').next())
        .and_then(|m| m.parse().ok())
        .unwrap_or(0);
    if major < 20 {
        return Err(format!(
            "node {} is too old: playwright-core needs 20 or later",
            version.trim()
        ));
    }
    let modules = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/node_modules");
    for package in ["playwright-core", "axe-core"] {
        if !modules.join(package).join("package.json").is_file() {
            return Err(format!(
                "the npm package {package} is not installed: npm ci --prefix tests/browser"
            ));
        }
    }
    let chromium =
        PathBuf::from(std::env::var_os(CHROMIUM).unwrap_or_else(|| "/usr/bin/chromium".into()));
    if !chromium.is_file() {
        return Err(format!(
            "{} is missing: apt-get install chromium, or {CHROMIUM}=path",
            chromium.display()
        ));
    }
    Ok(chromium)
}

/// The CLI comparison's tool: `mdbook` on `PATH`, of the version the in-process build uses.
pub fn mdbook() -> Result<(), String> {
    const INSTALL: &str = "cargo install mdbook --version 0.5.4 --locked";
    match stdout_of("mdbook", &["--version"]) {
        Some(v) if v.split_whitespace().any(|w| w == "v0.5.4") => Ok(()),
        Some(v) => Err(format!("{} is not mdBook v0.5.4: {INSTALL}", v.trim())),
        None => Err(format!("the mdBook CLI is not installed: {INSTALL}")),
    }
}

/// What `program args` prints, when it can be run and succeeds.
fn stdout_of(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}
