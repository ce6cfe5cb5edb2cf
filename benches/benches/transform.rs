//! Throughput of the in-process transform (`mdbook_report::preprocessor::transform`, what the
//! preprocessor does for mdBook's HTML renderer), per MB of Markdown: every feature on (`site`),
//! none (the shared model: front matter and one Markdown parse per chapter, the page
//! descriptions, and writing back), each feature alone (the others switched off through
//! `Config`), on the report and on generated books of `REPORT_BENCH_REPORTS` reports (default
//! `10,100`), to show whether the cost is linear in size.
//!
//! `cargo bench -p report-bench --bench transform`; `-- --test` runs each case once (CI smoke pass).
//! Before measuring, each case is checked to give no error or warning.

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use mdbook_driver::book::Book;
use mdbook_report::Diagnostics;
use mdbook_report::config::Config;
use mdbook_report::preprocessor::transform;
use report_bench::{FEATURES, Options, config_of, generate, repo_root, with_features};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The configurations measured, from the book's own `cfg`: (name, config): `site` (the book's
/// own, every feature) and each of [`FEATURES`].
fn configs(cfg: &Config) -> Vec<(&'static str, Config)> {
    let mut out = vec![("site", cfg.clone())];
    out.extend(FEATURES.iter().map(|&f| (f, with_features(cfg.clone(), f))));
    out
}

/// The book at `root` and its `[preprocessor.report]` configuration.
fn load(root: &Path) -> (Book, Config) {
    let md = mdbook_driver::MDBook::load(root)
        .unwrap_or_else(|e| panic!("cannot load {}: {e:#}", root.display()));
    let cfg = config_of(&md).unwrap_or_else(|e| panic!("{}: {e:#}", root.display()));
    (md.book, cfg)
}

fn markdown_len(book: &Book) -> u64 {
    book.chapters().map(|c| c.content.len() as u64).sum()
}

fn run(book: Book, cfg: &Config, root: &Path) -> (Book, Diagnostics) {
    let mut diags = Diagnostics::new();
    let book = transform(book, cfg, root, Path::new("src"), &mut diags);
    (book, diags)
}

fn books() -> Vec<(String, PathBuf)> {
    let repo = repo_root();
    let mut out = vec![("report".to_string(), repo.clone())];
    let sizes = std::env::var("REPORT_BENCH_REPORTS").unwrap_or_else(|_| "10,100".into());
    for n in sizes.split(',').filter(|s| !s.trim().is_empty()) {
        let reports: usize = n.trim().parse().expect("REPORT_BENCH_REPORTS: numbers");
        let dir = repo.join(format!("target/bench-books/criterion/gen-{reports}"));
        let opts = Options {
            reports,
            ..Options::default()
        };
        generate(&repo, &dir, &opts).expect("generate the book");
        out.push((format!("gen-{reports}"), dir));
    }
    out
}

fn bench(c: &mut Criterion) {
    for (name, root) in books() {
        let (book, book_cfg) = load(&root);
        let bytes = markdown_len(&book);
        let mut group = c.benchmark_group(format!("transform/{name}"));
        group.throughput(Throughput::Bytes(bytes));
        if bytes > 1_000_000 {
            group.sample_size(10);
            group.measurement_time(Duration::from_secs(15));
        } else {
            group.sample_size(20);
        }
        for (feature, cfg) in configs(&book_cfg) {
            let (_, mut diags) = run(book.clone(), &cfg, &root);
            diags.deny_warnings();
            assert!(
                !diags.is_fatal(true),
                "{name}/{feature} has problems:\n{}",
                diags.render()
            );
            group.bench_function(feature, |b| {
                b.iter_batched(
                    || book.clone(),
                    |book| run(book, &cfg, &root),
                    BatchSize::LargeInput,
                )
            });
        }
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
