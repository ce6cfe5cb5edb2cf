//! Benchmark support for `mdbook-report`: the scaled-book generator ([`generate`]), the "plain
//! mdBook" copy of a book ([`plain_copy`]), the plain book of its preprocessed pages
//! ([`expanded_copy`]) and small helpers shared by the criterion benches and
//! the binaries that `benches/run.sh` calls. See BENCHMARKS.md.

pub mod generate;

pub use generate::{Generated, Options, expanded_copy, generate, markdown_bytes, plain_copy};

use mdbook_report::Diagnostics;
use mdbook_report::config::Config;
use std::path::{Path, PathBuf};

/// The features a benchmark can select: `all` keeps `cfg` as it is, `none` switches every feature
/// off (the shared model alone), a feature's name keeps only that one on.
pub const FEATURES: [&str; 7] = [
    "all",
    "none",
    "endnotes",
    "organisations",
    "agenda",
    "timeline",
    "documents",
];

/// `cfg` with only the features `selection` (one of [`FEATURES`]) names.
pub fn with_features(mut cfg: Config, selection: &str) -> Config {
    if selection != "all" {
        cfg.endnotes.enable = selection == "endnotes";
        cfg.organisations.enable = selection == "organisations";
        cfg.agenda.enable = selection == "agenda";
        cfg.timeline.enable = selection == "timeline";
        cfg.documents.enable = selection == "documents";
    }
    cfg
}

/// The `[preprocessor.report]` configuration of a loaded book, as the preprocessor reads it (the
/// date parsed, the phrases checked); a problem in it is an error.
pub fn config_of(book: &mdbook_driver::MDBook) -> anyhow::Result<Config> {
    let toml = std::fs::read_to_string(book.root.join("book.toml")).ok();
    let mut diags = Diagnostics::new();
    let cfg = Config::from_mdbook(&book.config, toml.as_deref(), &mut diags);
    diags.finish(false)?;
    Ok(cfg)
}

/// The repository root (the directory above this package).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("benches/ is inside the repository")
        .to_path_buf()
}

/// A tiny deterministic random number generator (64-bit LCG, Knuth's MMIX constants, the high
/// bits used): the same seed gives the same book on every machine, without a `rand` dependency.
#[derive(Debug, Clone)]
pub struct Lcg(u64);

impl Lcg {
    /// A generator for `seed` (mixed so that nearby seeds diverge at once).
    pub fn new(seed: u64) -> Lcg {
        let mut g = Lcg(seed ^ 0x9E37_79B9_7F4A_7C15);
        g.next_u64();
        g
    }

    /// The next 64 random bits (the state's high half is the better half of an LCG).
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let hi = self.0 >> 32;
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (hi << 32) | (self.0 >> 32)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// Shuffles `items` in place (Fisher–Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lcg_is_deterministic_and_spreads() {
        let a: Vec<u64> = (0..4).map(|_| Lcg::new(7).next_u64()).collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
        let mut g = Lcg::new(1);
        let mut seen = [0usize; 10];
        for _ in 0..10_000 {
            seen[g.below(10)] += 1;
        }
        assert!(seen.iter().all(|&n| (800..1200).contains(&n)), "{seen:?}");
    }
}
