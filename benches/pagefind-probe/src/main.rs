//! `pagefind-probe SITE OUT`: indexes every HTML page of a built site (print.html and 404.html
//! excepted) with Pagefind's library API and writes its bundle into `OUT`; prints the time taken
//! and the bundle's size by kind of file. Organisation pages' mention lists and the agenda's
//! excerpts can be left out with `data-pagefind-ignore` in the site; this probe indexes pages as
//! they are.

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn pages(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            pages(&p, out);
        } else if p.extension().is_some_and(|x| x == "html") {
            out.push(p);
        }
    }
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let site = PathBuf::from(&args[1]);
    let out = PathBuf::from(&args[2]);
    let t = Instant::now();
    let mut files = Vec::new();
    pages(&site, &mut files);
    files.sort();
    let config = PagefindServiceConfig::builder()
        .force_language("en".into())
        .build();
    let mut index = PagefindIndex::new(Some(config)).expect("index");
    let mut n = 0;
    for f in &files {
        let rel = f.strip_prefix(&site).unwrap().to_string_lossy().to_string();
        if rel == "print.html" || rel == "404.html" || rel == "toc.html" {
            continue;
        }
        let html = std::fs::read_to_string(f).unwrap();
        index
            .add_html_file(Some(rel), None, html)
            .await
            .expect("add");
        n += 1;
    }
    let written = index.get_files().await.expect("files");
    let _ = std::fs::remove_dir_all(&out);
    let mut by_kind: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
    for f in &written {
        let path = out.join(&f.filename);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &f.contents).unwrap();
        let name = f.filename.to_string_lossy();
        let kind = if name.contains("fragment/") {
            "fragments".to_string()
        } else if name.contains("index/") {
            "index chunks".to_string()
        } else if name.contains("filter/") {
            "filter chunks".to_string()
        } else {
            name.to_string()
        };
        let e = by_kind.entry(kind).or_default();
        e.0 += 1;
        e.1 += f.contents.len();
    }
    println!("{n} pages indexed in {:.3} s", t.elapsed().as_secs_f64());
    for (k, (count, bytes)) in by_kind {
        println!("{k:<40} {count:>6} files {bytes:>10} B");
    }
}
