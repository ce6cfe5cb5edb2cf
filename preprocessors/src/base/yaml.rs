//! The YAML settings every data file and front matter block is read with.
//!
//! serde-saphyr (pure Rust, no `unsafe`) with budgets far below its defaults: an editor's chapter
//! header or the agency registry never needs more than a few thousand nodes, so an alias bomb,
//! runaway nesting or a huge scalar is rejected quickly and with bounded memory instead of being
//! expanded. Duplicate keys are errors (the serde-saphyr default).

use crate::base::diagnostics::did_you_mean;
use serde_saphyr::{Budget, Options, SnippetMode};

/// The largest front matter block accepted, in bytes: far beyond any real chapter header.
pub const MAX_FRONT_MATTER: usize = 256 * 1024;

/// The largest registry file accepted, in bytes.
pub const MAX_REGISTRY: usize = 4 * 1024 * 1024;

/// An error message for YAML larger than `limit`, checked before parsing so a huge input costs
/// nothing.
pub fn too_large(len: usize, limit: usize) -> Option<String> {
    (len > limit).then(|| format!("the YAML is {len} bytes; the limit is {limit} bytes"))
}

/// Parser options with the project's budgets.
pub fn options() -> Options {
    let mut budget = Budget::default();
    budget.max_events = 200_000;
    budget.max_aliases = 1_000;
    budget.max_anchors = 1_000;
    budget.max_recorded_anchor_events = 50_000;
    budget.max_recorded_anchor_bytes = 1024 * 1024;
    budget.max_depth = 32;
    budget.max_documents = 1;
    budget.max_nodes = 100_000;
    budget.max_total_scalar_bytes = 4 * 1024 * 1024;
    budget.max_merge_keys = 100;
    serde_saphyr::options! { budget: Some(budget) }
}

/// The error's message alone: no snippet and no "at line …" suffix (the caller prints the
/// location in the editor's file, not in the YAML block), and no advice meant for programmers.
pub fn message(err: &serde_saphyr::Error) -> String {
    let text =
        err.render_with_options(serde_saphyr::render_options! { snippets: SnippetMode::Off });
    let text = match text.rfind(" at line ") {
        Some(i) if text[i..].contains(", column ") => &text[..i],
        _ => &text,
    };
    let text = text.replace(", set DuplicateKeyPolicy in Options if acceptable", "");
    // serde's names for Rust types mean nothing to an editor.
    match text.as_str() {
        t if t.starts_with("invalid i64")
            || t.starts_with("invalid u")
            || t.starts_with("invalid i") =>
        {
            "expected a whole number".into()
        }
        "expected string scalar" => {
            "expected a single value (text or number), not a list or mapping".into()
        }
        t if t.starts_with("mapping values are not allowed") => {
            "unexpected `key: value` here; the indentation is probably wrong".into()
        }
        _ => text,
    }
}

/// A hint for the error: "did you mean" for an unknown key, otherwise where the syntax is described.
pub fn hint(err: &serde_saphyr::Error, known_keys: &[&str]) -> String {
    let text = message(err);
    if let Some(rest) = text.strip_prefix("unknown field `")
        && let Some(end) = rest.find('`')
    {
        let key = &rest[..end];
        // The message lists the keys this mapping accepts; suggest among those, not every key
        // of the file.
        let expected: Vec<&str> = rest
            .split_once("expected one of ")
            .map(|(_, list)| list.split(", ").map(|k| k.trim_matches('`')).collect())
            .unwrap_or_else(|| known_keys.to_vec());
        return match did_you_mean(key, expected.iter().copied()) {
            Some(k) => format!("did you mean `{k}`?"),
            None if rest.contains("expected one of") => {
                "remove the key, or write it as one of the keys listed".into()
            }
            None => format!("accepted keys: {}", expected.join(", ")),
        };
    }
    if text.contains("tabs disallowed") {
        return "indent YAML with spaces, not tabs".into();
    }
    if text.contains("indentation is probably wrong") {
        return "keys of one mapping start in the same column; a nested mapping is indented under its key".into();
    }
    if text.contains("duplicate mapping key") {
        return "each key may appear once; remove or merge the repeated one".into();
    }
    if text.contains("budget") || text.contains("limit") {
        return "the YAML is larger or more deeply nested than any real data needs".into();
    }
    "see \"Front matter\" in README.md for the accepted syntax".into()
}
