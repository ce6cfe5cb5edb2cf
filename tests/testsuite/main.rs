//! The end-to-end tests, one binary (as mdBook's `tests/testsuite`): every module shares the
//! real book built once (`common::site`) and links the library once. The browser test and the
//! mdBook CLI comparison are targets of their own (`tests/browser.rs`, `tests/cli.rs`, with the
//! harness of `tests/harness`): they need tools besides Rust, looked for when they run.

mod common;

mod agenda;
mod anybook;
mod architecture;
mod books;
mod citation;
mod collection;
mod diagnostics;
mod documents;
mod endnotes;
mod faithful;
mod generated_probes;
mod html_policy;
mod import;
mod linkcheck;
mod linking;
mod markdown;
mod meta;
mod naming;
mod opendata;
mod pages;
mod probes;
mod protocol;
mod readme;
mod robustness;
mod search;
mod timeline;
