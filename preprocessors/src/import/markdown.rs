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

    fn it(kind: Kind, anchor: Option<&str>, recovered: Option<&str>, text: &str) -> Item {
        Item {
            kind,
            anchor: anchor.map(String::from),
            recovered: recovered.map(String::from),
            block: crate::import::structure::Block {
                text: text.to_string(),
                spans: vec![],
            },
        }
    }

    #[test]
    fn every_character_markdown_or_html_would_read_is_escaped() {
        assert_eq!(escape(r"\`*_[]<>~#&{}$"), r"\\\`\*\_\[\]\<\>\~\#\&\{\}\$");
        // A dash after a dash only: smart punctuation makes `--` a dash.
        assert_eq!(escape("a-b - c---d"), "a-b - c-\\-\\-d");
        assert_eq!(escape("13. (a) + = : |"), "13. (a) + = : |");
    }

    #[test]
    fn a_lines_start_is_escaped_where_it_would_open_a_block() {
        assert_eq!(escape_line("123456789. x"), "123456789\\. x");
        assert_eq!(escape_line("1234567890. x"), "1234567890. x");
        assert_eq!(escape_line("7) x"), "7\\) x");
        assert_eq!(escape_line("7 x"), "7 x");
        assert_eq!(escape_line("7"), "7");
        // Without digits, a full stop or a bracket opens nothing.
        assert_eq!(escape_line(". x"), ". x");
        assert_eq!(escape_line(") x"), ") x");
        for c in ['-', '+', '=', ':', '|'] {
            assert_eq!(escape_line(&format!("{c} x")), format!("\\{c} x"));
        }
        assert_eq!(escape_line("x - y"), "x - y");
        assert_eq!(escape_line("# x"), "\\# x");
        assert_eq!(escape_line(""), "");
    }

    #[test]
    fn yaml_strings_escape_quotes_backslashes_and_control_characters() {
        assert_eq!(
            yaml_string("a\\b\"c\u{7}d\te"),
            "\"a\\\\b\\\"c\\u0007d\\u0009e\""
        );
        assert_eq!(yaml_string(""), "\"\"");
    }

    #[test]
    fn the_front_matter_has_each_known_key_in_order_and_days_as_iso_dates() {
        let data = Data {
            body: Some("General Assembly".into()),
            distributed: Some("15 October 2025".into()),
            session: Some("Eightieth session".into()),
            agenda_item: Some("13".into()),
            agenda_title: Some("  ".into()),
            adopted: Some("14 October 2025".into()),
            meeting: Some("18th plenary meeting".into()),
            number: Some("80/3".into()),
            title: Some("Not used".into()),
        };
        assert_eq!(
            front_matter("A/RES/80/3", "Water \"for\" all", &data),
            "document:\n  \
             symbol: \"A/RES/80/3\"\n  \
             title: \"Water \\\"for\\\" all\"\n  \
             body: \"General Assembly\"\n  \
             session: \"Eightieth session\"\n  \
             agenda-item: \"13\"\n  \
             adopted: \"2025-10-14\"\n  \
             meeting: \"18th plenary meeting\"\n  \
             distributed: \"2025-10-15\"\n"
        );
        let unreadable = Data {
            adopted: Some("sometime in October".into()),
            ..Data::default()
        };
        assert_eq!(
            front_matter("S", "T", &unreadable),
            "document:\n  symbol: \"S\"\n  title: \"T\"\n"
        );
    }

    #[test]
    fn an_items_line_has_its_anchor_recovered_letter_and_markers() {
        let markers = [(5..6, "[^1]".to_string()), (11..12, "[^2]".to_string())];
        assert_eq!(
            item(
                &it(Kind::Paragraph, Some("para-1"), None, "1. We1 note2 *this*"),
                &markers
            ),
            "<span id=\"para-1\"></span>1\\. We[^1] note[^2] \\*this\\*"
        );
        // Only the line's start is escaped as a line's start.
        let at_start = [(0..1, "[^3]".to_string())];
        assert_eq!(
            item(&it(Kind::Text, None, None, "3- 4. x"), &at_start),
            "[^3]- 4. x"
        );
        assert_eq!(
            item(&it(Kind::Title, None, None, "80/3. T"), &[]),
            "# 80/3. T"
        );
        assert_eq!(
            item(&it(Kind::Heading(3), None, None, "Plan"), &[]),
            "### Plan"
        );
        assert_eq!(
            item(
                &it(Kind::Sub(1), Some("p-1-c"), Some("(c)"), "To act;"),
                &[]
            ),
            "- <span id=\"p-1-c\"></span><span class=\"report-recovered\">(c)</span> To act;"
        );
        assert_eq!(
            item(&it(Kind::Sub(2), Some("p-1-c-i"), None, "(i) To act;"), &[]),
            "  - <span id=\"p-1-c-i\"></span>(i) To act;"
        );
    }

    #[test]
    fn a_blank_line_goes_between_items_but_not_inside_a_list() {
        let p = it(Kind::Paragraph, None, None, "p");
        let s = it(Kind::Sub(1), None, None, "s");
        let s2 = it(Kind::Sub(2), None, None, "s");
        assert!(blank_between(&p, &s));
        assert!(blank_between(&s, &p));
        assert!(blank_between(&p, &p));
        assert!(!blank_between(&s, &s2));
        assert!(!blank_between(&s2, &s));
    }
}
