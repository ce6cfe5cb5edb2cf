//! Build script: finds the tools two end-to-end tests need, so that `cargo test` reports those
//! tests as ignored, with what to install, where the tools are missing, instead of passing
//! without running (docs/testing.md).
//!
//! - `cfg(has_browser)`: Node 20 or later, the npm packages of `tests/browser`
//!   (`npm ci --prefix tests/browser`) and Chromium (`/usr/bin/chromium`, or `GMG_CHROMIUM`),
//!   for `tests/browser.rs`. The browser's path reaches the test as `GMG_PROBED_CHROMIUM`.
//! - `cfg(has_mdbook)`: the mdBook CLI 0.5.4 on `PATH`, for the CLI comparison in `tests/cli.rs`.
//!
//! `GMG_REQUIRE_BROWSER=1` and `GMG_REQUIRE_MDBOOK=1` (set by `.ci/run`, which installs the
//! tools) turn a missing tool into a build failure that says what is missing: in CI a test can
//! never be skipped. The library and the binaries do not use either cfg.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(has_browser)");
    println!("cargo::rustc-check-cfg=cfg(has_mdbook)");
    for var in [
        "PATH",
        "GMG_CHROMIUM",
        "GMG_REQUIRE_BROWSER",
        "GMG_REQUIRE_MDBOOK",
    ] {
        println!("cargo::rerun-if-env-changed={var}");
    }
    println!("cargo::rerun-if-changed=build.rs");
    let mut watched = Vec::new();
    let browser = browser(&mut watched);
    let mdbook = mdbook(&mut watched);
    if browser.is_err() || mdbook.is_err() {
        // A missing tool may be installed later: any change to the directories it would be
        // installed into probes again (existing paths only: a missing one would probe on every
        // build, and every probe rebuilds the crate).
        watched.extend(path_dirs());
        watched.push(PathBuf::from("tests/browser"));
    }
    watched.sort();
    watched.dedup();
    for path in watched.iter().filter(|p| p.exists()) {
        println!("cargo::rerun-if-changed={}", path.display());
    }
    match browser {
        Ok(chromium) => {
            println!("cargo::rustc-cfg=has_browser");
            println!(
                "cargo::rustc-env=GMG_PROBED_CHROMIUM={}",
                chromium.display()
            );
        }
        Err(why) => missing("GMG_REQUIRE_BROWSER", "the browser test", &why),
    }
    match mdbook {
        Ok(()) => println!("cargo::rustc-cfg=has_mdbook"),
        Err(why) => missing("GMG_REQUIRE_MDBOOK", "the mdBook CLI comparison", &why),
    }
}

/// Fails the build when `require` is set; otherwise says why `test` is ignored.
fn missing(require: &str, test: &str, why: &str) {
    if std::env::var_os(require).is_some_and(|v| !v.is_empty()) {
        panic!("{require} is set but {why}: {test} cannot run (.ci/run installs what it needs)");
    }
    println!("cargo::warning={test} is ignored by `cargo test`: {why}");
}

/// Chromium's path, when Node 20+, the npm packages and Chromium are all there.
fn browser(watched: &mut Vec<PathBuf>) -> Result<PathBuf, String> {
    let node = find_on_path("node").ok_or("node is not installed (Node 20 or later)")?;
    watched.push(node);
    let version = output("node", &["--version"]).ok_or("node --version fails")?;
    let major: u32 = version
        .trim()
        .trim_start_matches('v')
        .split('.')
        .next()
        .and_then(|m| m.parse().ok())
        .unwrap_or(0);
    if major < 20 {
        return Err(format!(
            "node {} is too old (playwright-core needs 20 or later)",
            version.trim()
        ));
    }
    for package in ["playwright-core", "axe-core"] {
        let manifest = Path::new("tests/browser/node_modules")
            .join(package)
            .join("package.json");
        if !manifest.is_file() {
            return Err(format!(
                "the npm package {package} is not installed (npm ci --prefix tests/browser)"
            ));
        }
        watched.push(manifest);
    }
    let chromium =
        PathBuf::from(std::env::var("GMG_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()));
    if !chromium.is_file() {
        return Err(format!(
            "{} is missing (apt-get install chromium, or GMG_CHROMIUM=path)",
            chromium.display()
        ));
    }
    watched.push(chromium.clone());
    Ok(chromium)
}

/// The mdBook CLI of the version the in-process build uses.
fn mdbook(watched: &mut Vec<PathBuf>) -> Result<(), String> {
    const INSTALL: &str = "cargo install mdbook --version 0.5.4 --locked";
    let path = find_on_path("mdbook").ok_or(format!("mdbook is not installed ({INSTALL})"))?;
    watched.push(path);
    match output("mdbook", &["--version"]) {
        Some(v) if v.contains("v0.5.4") => Ok(()),
        Some(v) => Err(format!("{} is not mdBook v0.5.4 ({INSTALL})", v.trim())),
        None => Err(format!("mdbook --version fails ({INSTALL})")),
    }
}

fn path_dirs() -> Vec<PathBuf> {
    std::env::var_os("PATH")
        .map(|p| {
            std::env::split_paths(&p)
                .filter(|d| d.is_absolute())
                .collect()
        })
        .unwrap_or_default()
}

fn find_on_path(program: &str) -> Option<PathBuf> {
    path_dirs()
        .into_iter()
        .map(|d| d.join(program))
        .find(|p| p.is_file())
}

fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}
