//! The imported document written as a chapter: front matter with its `document:` part, the
//! items as Markdown (anchors as empty `<span id>`s, sub-paragraphs as a list), markers as
//! mdBook footnote references and the notes as their definitions at the end. The text is
//! escaped so that it renders as the source writes it.

use crate::import::structure::{Data, Item, Kind};
use std::fmt::Write;

/// A YAML double-quoted string.
pub(super) fn yaml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `s` as Markdown text that renders as `s`: punctuation Markdown or HTML would read is escaped,
/// and so is what would start a block at the start of a line (`13.`, `-`, `#`, `>`).
pub(super) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut prev = '\0';
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '~' | '#' | '&' | '{' | '}' | '$' => {
                out.push('\\');
                out.push(c);
            }
            // Smart punctuation would turn `--` into a dash.
            '-' if prev == '-' => out.push_str("\\-"),
            c => out.push(c),
        }
        prev = c;
    }
    out
}

/// [`escape`] for text at the start of a line: also what would open a list or a block there.
pub(super) fn escape_line(s: &str) -> String {
    let escaped = escape(s);
    let digits = escaped.bytes().take_while(u8::is_ascii_digit).count();
    let after = escaped[digits..].chars().next();
    if digits > 0 && digits <= 9 && matches!(after, Some('.' | ')')) {
        return format!("{}\\{}", &escaped[..digits], &escaped[digits..]);
    }
    match escaped.chars().next() {
        Some('-' | '+' | '=' | ':' | '|') => format!("\\{escaped}"),
        _ => escaped,
    }
}

/// The `document:` part of the front matter.
pub(super) fn front_matter(symbol: &str, title: &str, data: &Data) -> String {
    let mut out = String::from("document:\n");
    let mut key = |k: &str, v: Option<&str>| {
        if let Some(v) = v.filter(|v| !v.trim().is_empty()) {
            let _ = writeln!(out, "  {k}: {}", yaml_string(v));
        }
    };
    key("symbol", Some(symbol));
    key("title", Some(title));
    key("body", data.body.as_deref());
    key("session", data.session.as_deref());
    key("agenda-item", data.agenda_item.as_deref());
    key("agenda-title", data.agenda_title.as_deref());
    key(
        "adopted",
        data.adopted.as_deref().and_then(iso_day).as_deref(),
    );
    key("meeting", data.meeting.as_deref());
    key(
        "distributed",
        data.distributed.as_deref().and_then(iso_day).as_deref(),
    );
    out
}

/// "14 October 2025" as `2025-10-14`.
fn iso_day(written: &str) -> Option<String> {
    crate::base::dates::parse_written_day(written).map(|d| d.format("%Y-%m-%d").to_string())
}

/// One item's Markdown line: `markers` are the byte ranges of its text replaced by Markdown
/// (footnote references `[^6]`, or a stray marker's digits), in order.
pub(super) fn item(item: &Item, markers: &[(std::ops::Range<usize>, String)]) -> String {
    let text = &item.block.text;
    let mut body = String::new();
    let mut at = 0;
    for (range, markdown) in markers {
        let piece = &text[at..range.start];
        body.push_str(&if at == 0 {
            escape_line(piece)
        } else {
            escape(piece)
        });
        body.push_str(markdown);
        at = range.end;
    }
    let rest = &text[at..];
    body.push_str(&if at == 0 {
        escape_line(rest)
    } else {
        escape(rest)
    });
    let anchor = item
        .anchor
        .as_ref()
        .map(|a| format!("<span id=\"{a}\"></span>"))
        .unwrap_or_default();
    let recovered = item
        .recovered
        .as_ref()
        .map(|l| format!("<span class=\"report-recovered\">{l}</span> "))
        .unwrap_or_default();
    match item.kind {
        Kind::Title => format!("# {body}"),
        Kind::Heading(level) => format!("{} {body}", "#".repeat(usize::from(level))),
        Kind::Text | Kind::Paragraph => format!("{anchor}{body}"),
        Kind::Sub(depth) => format!(
            "{}- {anchor}{recovered}{body}",
            "  ".repeat(usize::from(depth.saturating_sub(1)))
        ),
    }
}

/// Whether a blank line goes between two consecutive items (not inside a list).
pub(super) fn blank_between(a: &Item, b: &Item) -> bool {
    !(matches!(a.kind, Kind::Sub(_)) && matches!(b.kind, Kind::Sub(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_the_text() {
        assert_eq!(escape_line("13. We"), "13\\. We");
        assert_eq!(escape_line("2025) x"), "2025\\) x");
        assert_eq!(escape_line("- a"), "\\- a");
        assert_eq!(escape("[without (A/80/L.4)]"), "\\[without (A/80/L.4)\\]");
        assert_eq!(
            escape("a--b *c* <d> & e_f"),
            "a-\\-b \\*c\\* \\<d\\> \\& e\\_f"
        );
        assert_eq!(yaml_string("T: \"x\""), "\"T: \\\"x\\\"\"");
    }
}
