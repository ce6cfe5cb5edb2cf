//! The files published next to the pages: the timeline as `timeline.json` ([`json`]) and
//! `timeline.ics` ([`ics`]), the documents cited as `documents.json` ([`documents`]), and the
//! open data ([`open_data`]: the registry, the mentions, the agenda matrix, the network).
//!
//! mdBook preprocessors cannot add files to the output (mdBook #1222), and a renderer sees the
//! book but not the model. Embedding data in a page to carry it across costs mdBook's renderer
//! time per byte (BENCHMARKS.md, "Where the time goes": the timeline's export was 3.9 MB of its
//! page at 100 reports), so the preprocessor writes the finished files into the post-build
//! renderer's own output directory, which mdBook gives that renderer alone and nothing else
//! writes into ([`hand_over`]), and the post-build step moves them into the site
//! ([`take_over`]), after mdBook's HTML renderer has emptied and rewritten its directory.

pub(crate) mod documents;
pub(crate) mod ics;
pub(crate) mod json;
pub(crate) mod open_data;

use crate::config::Config;
use std::path::{Path, PathBuf};

/// A finished file for the site's root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct File {
    /// Its name at the site's root.
    pub name: String,
    /// Its content.
    pub bytes: Vec<u8>,
}

impl File {
    /// A file named `name`.
    pub(crate) fn new(name: &str, bytes: Vec<u8>) -> File {
        File {
            name: name.to_string(),
            bytes,
        }
    }

    /// `value` as a JSON file: pretty-printed, with a final newline.
    pub(crate) fn json<T: serde::Serialize>(name: &str, value: &T) -> File {
        let mut s = serde_json::to_string_pretty(value).expect("the export serialises");
        s.push('\n');
        File::new(name, s.into_bytes())
    }
}

/// `timeline.json` and `timeline.ics`, finished. The calendar's URLs need the site's absolute
/// address ([`Config::site_url`]); without it they are left out.
pub(crate) fn timeline_files(doc: &json::Document, cfg: &Config) -> Vec<File> {
    let site_url = cfg.site_url();
    let ics = ics::calendar(
        &ics::Words::from_config(cfg),
        doc,
        cfg.date(),
        site_url.as_deref(),
    );
    vec![
        File::json(json::JSON_FILE, doc),
        File::new(ics::ICS_FILE, ics.into_bytes()),
    ]
}

/// Where the preprocessor leaves the files, inside the post-build renderer's directory.
pub(crate) const HANDED_OVER: &str = "exports";

/// Writes `files` into `renderer_dir/exports/`, replacing whatever an earlier build left there.
pub(crate) fn hand_over(renderer_dir: &Path, files: &[File]) -> std::io::Result<()> {
    let dir = renderer_dir.join(HANDED_OVER);
    match std::fs::remove_dir_all(&dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    std::fs::create_dir_all(&dir)?;
    for file in files {
        std::fs::write(dir.join(&file.name), &file.bytes)?;
    }
    Ok(())
}

/// Moves the files [`hand_over`] left in `renderer_dir` into `site`, and removes their directory,
/// so a later build never publishes them again. Returns the files' new paths, by name; `None`
/// when nothing was handed over, not even an empty directory: the preprocessor did not run.
pub(crate) fn take_over(renderer_dir: &Path, site: &Path) -> std::io::Result<Option<Vec<PathBuf>>> {
    let dir = renderer_dir.join(HANDED_OVER);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let mut names: Vec<_> = entries
        .map(|e| e.map(|e| e.file_name()))
        .collect::<Result<_, _>>()?;
    names.sort();
    let mut moved = Vec::new();
    for name in names {
        let to = site.join(&name);
        let from = dir.join(&name);
        // A rename, unless the two directories are on different file systems.
        if std::fs::rename(&from, &to).is_err() {
            std::fs::copy(&from, &to)?;
        }
        moved.push(to);
    }
    std::fs::remove_dir_all(&dir)?;
    Ok(Some(moved))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_calendar_has_urls_only_with_an_absolute_site_address() {
        let d = crate::outputs::exports::json::tests::doc();
        let mut cfg = crate::features::timeline::tests::config();
        let calendar = |cfg: &Config| {
            let files = timeline_files(&d, cfg);
            assert_eq!(files[0].name, "timeline.json");
            assert_eq!(files[1].name, "timeline.ics");
            String::from_utf8(files[1].bytes.clone()).unwrap()
        };
        assert!(!calendar(&cfg).contains("\r\nURL:"));
        cfg.citation.site_url = "https://example.org/report/".into();
        assert!(calendar(&cfg).contains("\r\nURL:https://example.org/report/"));
    }

    #[test]
    fn handed_over_files_move_into_the_site_once() {
        let tmp = tempfile::tempdir().unwrap();
        let (renderer, site) = (tmp.path().join("r"), tmp.path().join("html"));
        std::fs::create_dir_all(&site).unwrap();
        // An earlier build's leftovers are replaced.
        hand_over(&renderer, &[File::new("old.csv", b"x".to_vec())]).unwrap();
        hand_over(
            &renderer,
            &[
                File::new("b.csv", b"b".to_vec()),
                File::new("a.json", b"{}".to_vec()),
            ],
        )
        .unwrap();
        let moved = take_over(&renderer, &site).unwrap();
        assert_eq!(moved, Some(vec![site.join("a.json"), site.join("b.csv")]));
        assert_eq!(std::fs::read(site.join("b.csv")).unwrap(), b"b");
        assert!(!site.join("old.csv").exists());
        assert!(!renderer.join(HANDED_OVER).exists());
        // Nothing handed over, not even an empty set: the preprocessor did not run.
        assert_eq!(take_over(&renderer, &site).unwrap(), None);
        hand_over(&renderer, &[]).unwrap();
        assert_eq!(take_over(&renderer, &site).unwrap(), Some(vec![]));
    }

    #[test]
    fn a_file_where_the_handed_over_directory_goes_is_reported_as_what_it_is() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join(HANDED_OVER), "not a directory").unwrap();
        // The error is the removal's, which names the cause, not the later creation's.
        let err = hand_over(tmp.path(), &[File::new("a.json", b"{}".to_vec())]).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::NotADirectory);
        // Nor is that file taken for "nothing handed over".
        let err = take_over(tmp.path(), &tmp.path().join("html")).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::NotADirectory);
    }
}
