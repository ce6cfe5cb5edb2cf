//! The YAML settings every data file and front matter block is read with.
//!
//! serde-saphyr (pure Rust, no `unsafe`) with budgets far below its defaults: an editor's chapter
//! header or the agency registry never needs more than a few thousand nodes, so an alias bomb,
//! runaway nesting or a huge scalar is rejected quickly and with bounded memory instead of being
//! expanded. Duplicate keys are errors (the serde-saphyr default).

use crate::base::diagnostics::did_you_mean;
use serde_saphyr::{Budget, Options, SnippetMode};

/// The largest front matter block accepted, in bytes: far beyond any real chapter header.
pub(crate) const MAX_FRONT_MATTER: usize = 256 * 1024;

/// The largest registry file accepted, in bytes.
pub(crate) const MAX_REGISTRY: usize = 4 * 1024 * 1024;

/// An error message for YAML larger than `limit`, checked before parsing so a huge input costs
/// nothing.
pub(crate) fn too_large(len: usize, limit: usize) -> Option<String> {
    (len > limit).then(|| format!("the YAML is {len} bytes; the limit is {limit} bytes"))
}

/// Parser options with the project's budgets.
pub(crate) fn options() -> Options {
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

/// The error's message in plain words: no snippet and no "at line …" suffix (the caller prints
/// the location in the editor's file, not in the YAML block), and none of the parser's or
/// Rust's words ("while scanning a plain scalar", "expected sequence start", "invalid u32",
/// "budget breached: Aliases { … }"): each known one is said as an editor would, with its hint.
pub(crate) fn message(err: &serde_saphyr::Error) -> String {
    let raw = raw(err);
    if let Some(rest) = raw.strip_prefix("unknown field `")
        && let Some((key, list)) = rest.split_once('`')
    {
        return match list.split_once("expected one of ") {
            Some((_, keys)) => format!("unknown key `{key}` (the keys here are {keys})"),
            None => format!("unknown key `{key}`"),
        };
    }
    if let Some(rest) = raw.strip_prefix("missing field `") {
        let key = rest.split('`').next().unwrap_or_default();
        return format!("this entry has no `{key}`, which it needs");
    }
    match plain(&raw) {
        Some((message, _)) => message.to_string(),
        None => raw,
    }
}

/// The parser's own message, its location and advice for programmers cut off.
fn raw(err: &serde_saphyr::Error) -> String {
    let text =
        err.render_with_options(serde_saphyr::render_options! { snippets: SnippetMode::Off });
    let text = match text.rfind(" at line ") {
        Some(i) if text[i..].contains(", column ") => &text[..i],
        _ => &text,
    };
    text.replace(", set DuplicateKeyPolicy in Options if acceptable", "")
}

/// The parser's messages an editor meets, in plain words with their hints; `None` for the
/// messages that are plain already (unknown fields, duplicate keys), which are kept.
fn plain(raw: &str) -> Option<(&'static str, &'static str)> {
    const TABLE: &[(&str, &str, &str)] = &[
        (
            "tab",
            "a tab here: YAML is indented with spaces",
            "indent YAML with spaces, not tabs",
        ),
        (
            "mapping values are not allowed",
            "unexpected `key: value` here; the indentation is probably wrong",
            "keys of one mapping start in the same column; a nested mapping is indented under its key; a value that contains `: ` goes in quotes",
        ),
        (
            "expected string scalar",
            "expected a single value (text or number), not a list or mapping",
            "write one value after the key, e.g. `place: Geneva`; text that starts with `[` or `{` goes in quotes",
        ),
        (
            "expected sequence start",
            "expected a list here",
            "write a list as `[a, b]`, or one `- item` per line under the key, e.g. `forms: [UN Women]`",
        ),
        (
            "cannot deserialize null",
            "this key has no value (`null`, or nothing after the colon)",
            "write the value after the key (in quotes if it could be read as something else, e.g. `date: \"2030-05\"`), or remove the key",
        ),
        (
            "invalid type",
            "this value is of another kind than the key takes",
            "write text in quotes, a number without them, a list as `[a, b]`",
        ),
        (
            "invalid value",
            "this value is not one the key takes",
            "see the documentation of the key in README.md",
        ),
        (
            "expected mapping start",
            "expected `key: value` lines here",
            "write the entry's keys under it, one `key: value` per line",
        ),
        (
            "expected a boolean",
            "expected `true` or `false`",
            "write `true` or `false`",
        ),
        (
            "invalid type: boolean",
            "expected text, not `true` or `false`",
            "put the value in quotes",
        ),
        (
            "unclosed quote",
            "a quotation mark is not closed",
            "close the quote at the end of the value, or remove it",
        ),
        (
            "unclosed bracket",
            "a `[` or `{` is not closed",
            "close the list with `]` (a mapping with `}`), or put text that starts with `[` in quotes",
        ),
        (
            "unexpected character",
            "a value cannot start with this character",
            "put the value in quotes",
        ),
        (
            "simple key expected",
            "expected `key: value` on this line",
            "write `key: value`; an item of a list starts with `- `",
        ),
        (
            "did not find expected",
            "the YAML is not well formed here; the indentation is probably wrong",
            "keys of one mapping start in the same column; each item of a list starts with `- `",
        ),
        (
            "budget breached",
            "the YAML repeats itself through aliases, or is nested or larger than any real data needs",
            "write the values out, without anchors (`&name`) and aliases (`*name`)",
        ),
        (
            "invalid i",
            "expected a whole number",
            "write the number without quotes or other characters",
        ),
        (
            "invalid u",
            "expected a whole number",
            "write the number without quotes or other characters",
        ),
        (
            "while ",
            "the YAML is not well formed here",
            "check the quotes, brackets and indentation of this line and the one before",
        ),
    ];
    let kept = ["unknown field", "duplicate mapping key", "missing field"];
    if kept.iter().any(|k| raw.starts_with(k)) {
        return None;
    }
    TABLE
        .iter()
        .find(|(needle, _, _)| raw.contains(needle))
        .map(|&(_, message, hint)| (message, hint))
}

/// Where the mistake is, as a byte offset into `yaml`: the parser's line and column, except for
/// a tab, which the parser reports after it or at the end of the line before it: the first tab
/// from the start of the reported line on is the mistake.
pub(crate) fn offset(err: &serde_saphyr::Error, yaml: &str) -> Option<usize> {
    let l = err.location()?;
    let (line, col) = (l.line() as usize, l.column() as usize);
    let line_start = yaml
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    let rest = yaml.get(line_start..).unwrap_or_default();
    let at = line_start
        + rest
            .char_indices()
            .nth(col.saturating_sub(1))
            .map_or(rest.len(), |(i, _)| i);
    if raw(err).contains("tab") {
        return rest.find('\t').map(|t| line_start + t).or(Some(at));
    }
    Some(at.min(yaml.len()))
}

/// A hint for the error: "did you mean" for an unknown key, the plain words' hint for the
/// parser's messages, otherwise `syntax` (where the accepted syntax is described).
pub(crate) fn hint(err: &serde_saphyr::Error, known_keys: &[&str], syntax: &str) -> String {
    let text = raw(err);
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
    if text.contains("duplicate mapping key") {
        return "each key may appear once; remove or merge the repeated one".into();
    }
    if let Some(rest) = text.strip_prefix("missing field `") {
        let key = rest.split('`').next().unwrap_or_default();
        return format!("add `{key}:` ({syntax})");
    }
    match plain(&text) {
        Some((_, hint)) => hint.to_string(),
        None => syntax.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `yaml` read as the project reads every YAML file: the plain message of its error.
    fn read(yaml: &str) -> Result<serde_json::Value, String> {
        serde_saphyr::from_str_with_options(yaml, options()).map_err(|e| message(&e))
    }

    const BREACHED: &str =
        "the YAML repeats itself through aliases, or is nested or larger than any real data needs";

    #[test]
    fn blocks_up_to_their_limits_are_read_and_larger_ones_refused_unread() {
        // Front matter: 256 KiB; a registry: 4 MiB.
        assert_eq!(too_large(262_144, MAX_FRONT_MATTER), None);
        assert_eq!(
            too_large(262_145, MAX_FRONT_MATTER).as_deref(),
            Some("the YAML is 262145 bytes; the limit is 262144 bytes")
        );
        assert_eq!(too_large(4_194_304, MAX_REGISTRY), None);
        assert_eq!(
            too_large(4_194_305, MAX_REGISTRY).as_deref(),
            Some("the YAML is 4194305 bytes; the limit is 4194304 bytes")
        );
    }

    #[test]
    fn only_the_location_is_cut_from_a_message() {
        let located = read("a: \"x\n").unwrap_err();
        assert_eq!(located, "a quotation mark is not closed");
        // A message without a location keeps its own words.
        let unlocated: serde_saphyr::Error =
            serde::de::Error::custom("the value at line 3 is not a date");
        assert_eq!(message(&unlocated), "the value at line 3 is not a date");
    }

    #[test]
    fn a_tab_is_located_at_itself_wherever_the_parser_reports_it() {
        // The tab is byte 16, on line 4 after a space; the parser reports the end of line 3.
        let yaml = "x: 1\nm:\n  a: 1\n \tb: 2\n";
        let err =
            serde_saphyr::from_str_with_options::<serde_json::Value>(yaml, options()).unwrap_err();
        assert_eq!(message(&err), "a tab here: YAML is indented with spaces");
        assert_eq!(offset(&err, yaml), Some(16));
    }

    /// The hint for `yaml` read as `T`, with `known` the keys the caller knows of.
    fn hint_for<T: serde::de::DeserializeOwned + std::fmt::Debug>(
        yaml: &str,
        known: &[&str],
    ) -> String {
        let err = serde_saphyr::from_str_with_options::<T>(yaml, options()).unwrap_err();
        hint(&err, known, "see the chapter on data files")
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Meeting {
        date: Option<String>,
        place: Option<String>,
    }

    #[test]
    fn an_unknown_key_is_answered_with_the_closest_key_or_the_keys_there_are() {
        assert_eq!(
            hint_for::<Meeting>("plaec: Geneva\n", &[]),
            "did you mean `place`?"
        );
        // Nothing close: the message lists the mapping's keys already.
        assert_eq!(
            hint_for::<Meeting>("venue: Geneva\n", &["venue"]),
            "remove the key, or write it as one of the keys listed"
        );
        // A message that does not list the mapping's keys: the caller's are named.
        let unlisted: serde_saphyr::Error = serde::de::Error::custom("unknown field `venue`");
        assert_eq!(
            hint(
                &unlisted,
                &["date", "place"],
                "see the chapter on data files"
            ),
            "accepted keys: date, place"
        );
        assert_eq!(
            hint(
                &unlisted,
                &["date", "venues"],
                "see the chapter on data files"
            ),
            "did you mean `venues`?"
        );
    }

    #[test]
    fn nesting_deeper_than_32_levels_is_refused() {
        let nested = |depth: usize| format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
        assert!(read(&nested(31)).is_ok());
        assert_eq!(read(&nested(40)), Err(BREACHED.into()));
    }

    #[test]
    fn an_anchored_value_of_real_size_is_reused_and_an_alias_bomb_refused() {
        let value = "x".repeat(100 * 1024);
        // One anchored mapping of 100 KiB, used twice: recorded (its text with an escape, so
        // the parser keeps a copy of it), and replayed once.
        let twice = format!("a: &v {{text: \"{value}\\t\"}}\nb: *v\n");
        let read_twice = read(&twice).expect("read");
        assert_eq!(
            read_twice["b"]["text"].as_str().map(str::len),
            Some(100 * 1024 + 1)
        );
        // Two MiB of text in one file is real data …
        let large = format!("a: {}\n", "x".repeat(2 * 1024 * 1024));
        assert!(read(&large).is_ok());
        // … but fifty copies of the 100 KiB value, 5 MiB, are what an alias bomb does.
        let bomb = format!("a: &v {value}\nb: [{}]\n", vec!["*v"; 50].join(", "));
        assert_eq!(read(&bomb), Err(BREACHED.into()));
    }
}
