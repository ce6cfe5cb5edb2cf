//! Small text helpers: placeholders in configured phrases, plurals, whitespace, cutting.
//!
//! Phrases a book configures (`"{count} of them were members …"`) name their variables in braces;
//! [`placeholders`] lets the configuration reject an unknown one, [`fill`] substitutes them.

/// The `{name}` placeholders of `template` (names of lower-case letters and `-`), in order.
pub(crate) fn placeholders(template: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close)
                if close > 0
                    && after[..close]
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b == b'-') =>
            {
                out.push(&after[..close]);
                rest = &after[close + 1..];
            }
            _ => rest = after,
        }
    }
    out
}

/// `template` with each `{name}` of `vars` replaced by its value; other braces are kept.
pub(crate) fn fill(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (close, *v))
        });
        match value {
            Some((close, v)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `"3 mentions"`, `"1 mention"`.
pub(crate) fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// `1st`, `2nd`, `3rd`, `4th` … `11th`, `12th`, `13th` … `21st`, `111th`.
pub(crate) fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// The first letter upper-cased: `"priority area"` → `"Priority area"`.
pub(crate) fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

/// Whitespace collapsed to single spaces, none at the ends.
pub(crate) fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most `max` characters, cut at a word boundary, with an ellipsis when cut.
pub(crate) fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}

/// `s` cut at the last space before `max` characters, without trailing punctuation, with "…",
/// if it is longer (descriptions for search engines).
pub(crate) fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max - 1).collect();
    let at_word_end = s.chars().nth(max - 1).is_some_and(char::is_whitespace);
    let head = match cut.rsplit_once(' ') {
        Some((h, _)) if !at_word_end => h,
        _ => cut.as_str(),
    };
    format!("{}…", head.trim_end_matches([',', ';', ':', '.', ' ']))
}

/// FNV-1a, 32 bits: a stable short hash (the same on every build and platform) for ids and file
/// names; nothing here needs a cryptographic one.
pub(crate) fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5, |h: u32, &b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_take_th_from_11_to_13_of_every_hundred() {
        assert_eq!(
            [
                0, 1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112, 113, 1002
            ]
            .map(ordinal),
            [
                "0th", "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd",
                "101st", "111th", "112th", "113th", "1002nd"
            ]
            .map(String::from)
        );
    }

    #[test]
    fn placeholders_are_filled_and_other_braces_kept() {
        let t = "{count} of {name} {x y} {} {Count} {";
        assert_eq!(placeholders(t), ["count", "name"]);
        assert_eq!(
            fill(t, &[("count", "3"), ("name", "GA")]),
            "3 of GA {x y} {} {Count} {"
        );
        assert_eq!(fill("{a}{a}", &[("a", "{a}")]), "{a}{a}");
    }

    #[test]
    fn words() {
        assert_eq!(plural(1, "mention"), "1 mention");
        assert_eq!(plural(0, "chapter"), "0 chapters");
        assert_eq!(capitalise("élan vital"), "Élan vital");
        assert_eq!(squash("  a \n b  "), "a b");
    }

    #[test]
    fn truncate_cuts_at_a_word() {
        assert_eq!(truncate("one two three", 9), "one two…");
        assert_eq!(truncate("short", 9), "short");
    }

    #[test]
    fn long_descriptions_are_cut_at_a_word() {
        let s = "word ".repeat(50);
        assert_eq!(shorten(s.trim(), 30), "word word word word word word…");
        assert_eq!(shorten("short.", 30), "short.");
    }

    #[test]
    fn a_shortened_description_with_its_ellipsis_is_at_most_max_characters() {
        // One word longer than the limit is cut inside it, the ellipsis the fifth character.
        assert_eq!(shorten("abcdef", 5), "abcd…");
        // A word the limit cuts is left out whole …
        assert_eq!(shorten("one two three", 6), "one…");
        // … and one the limit ends with is kept.
        assert_eq!(shorten("one two three", 8), "one two…");
    }
}
