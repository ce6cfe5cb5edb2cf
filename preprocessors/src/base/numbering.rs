//! Labels for numbered things: endnotes (i, ii, iii or 1, 2, 3) and agenda items (1–8, (a)–(e)).
//!
//! A style is written as its first label, as in HTML's `<ol type>`, optionally with punctuation
//! around it: `1`, `a`, `A`, `i`, `I`, `(a)`, `a)`, `1.`. The bare label (`c`, `iv`) is what
//! editors write in front matter and what ids are made of; the written label (`(c)`) is what
//! readers see.

use serde::Deserialize;
use std::fmt;

/// How the numbers are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Digits {
    Decimal,
    LowerAlpha,
    UpperAlpha,
    LowerRoman,
    UpperRoman,
}

/// A numbering style: digits and the punctuation around them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Numbering {
    digits: Digits,
    prefix: String,
    suffix: String,
}

impl Numbering {
    /// `1, 2, 3`.
    pub fn decimal() -> Numbering {
        Numbering::parse("1").expect("valid style")
    }

    /// `i, ii, iii`.
    pub fn lower_roman() -> Numbering {
        Numbering::parse("i").expect("valid style")
    }

    /// Reads a style (`1`, `(a)`, `i.` …). The error says what is accepted.
    pub fn parse(style: &str) -> Result<Numbering, String> {
        let digit = |c: char| matches!(c, '1' | 'a' | 'A' | 'i' | 'I');
        let found: Vec<(usize, char)> = style.char_indices().filter(|&(_, c)| digit(c)).collect();
        let [(at, c)] = found[..] else {
            return Err(format!(
                "numbering `{style}` must contain exactly one of `1`, `a`, `A`, `i`, `I` (with optional punctuation, e.g. `(a)`)"
            ));
        };
        let (prefix, suffix) = (&style[..at], &style[at + c.len_utf8()..]);
        if prefix
            .chars()
            .chain(suffix.chars())
            .any(char::is_alphanumeric)
        {
            return Err(format!(
                "numbering `{style}`: only punctuation may surround the first label"
            ));
        }
        // A bracket opened before the label closes after it: `(A` would show every label
        // half-bracketed. (A closing one alone is a style of its own: `a)`, `1)`.)
        for (open, close) in [('(', ')'), ('[', ']'), ('{', '}')] {
            if prefix.contains(open) && !suffix.contains(close) {
                return Err(format!(
                    "numbering `{style}`: its `{open}` and `{close}` do not pair around the label"
                ));
            }
        }
        let digits = match c {
            '1' => Digits::Decimal,
            'a' => Digits::LowerAlpha,
            'A' => Digits::UpperAlpha,
            'i' => Digits::LowerRoman,
            _ => Digits::UpperRoman,
        };
        Ok(Numbering {
            digits,
            prefix: prefix.to_string(),
            suffix: suffix.to_string(),
        })
    }

    /// The bare label of `n` (1-based): `3`, `c`, `iii`.
    pub fn bare(&self, n: usize) -> String {
        match self.digits {
            Digits::Decimal => n.to_string(),
            Digits::LowerAlpha => alpha(n),
            Digits::UpperAlpha => alpha(n).to_uppercase(),
            Digits::LowerRoman => roman(n),
            Digits::UpperRoman => roman(n).to_uppercase(),
        }
    }

    /// The label as readers see it: `3`, `(c)`.
    pub fn written(&self, n: usize) -> String {
        format!("{}{}{}", self.prefix, self.bare(n), self.suffix)
    }
}

impl fmt::Display for Numbering {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.written(1))
    }
}

impl<'de> Deserialize<'de> for Numbering {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let style = String::deserialize(d)?;
        Numbering::parse(&style).map_err(serde::de::Error::custom)
    }
}

/// `1 → "a"`, `26 → "z"`, `27 → "aa"` (bijective base 26, as lists are lettered).
fn alpha(mut n: usize) -> String {
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(b'a' + (n % 26) as u8);
        n /= 26;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII")
}

/// `1 → "i"`, `22 → "xxii"`.
fn roman(mut n: usize) -> String {
    const TABLE: &[(usize, &str)] = &[
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for &(value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(style: &str, ns: &[usize]) -> Vec<String> {
        let n = Numbering::parse(style).unwrap();
        ns.iter().map(|&k| n.written(k)).collect()
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(
            labels("i", &[1, 2, 3, 4, 5, 9, 14, 19, 21, 22, 40, 1994]),
            [
                "i", "ii", "iii", "iv", "v", "ix", "xiv", "xix", "xxi", "xxii", "xl", "mcmxciv"
            ]
        );
        assert_eq!(labels("I.", &[4]), ["IV."]);
    }

    #[test]
    fn letters_continue_past_z_as_lists_do() {
        assert_eq!(
            labels("(a)", &[1, 5, 26, 27, 52, 53]),
            ["(a)", "(e)", "(z)", "(aa)", "(az)", "(ba)"]
        );
        assert_eq!(labels("A", &[3]), ["C"]);
    }

    #[test]
    fn bare_labels_drop_the_punctuation() {
        let n = Numbering::parse("(a)").unwrap();
        assert_eq!(
            (n.bare(3), n.written(3)),
            ("c".to_string(), "(c)".to_string())
        );
        assert_eq!(Numbering::decimal().written(8), "8");
    }

    #[test]
    fn a_style_needs_exactly_one_first_label() {
        for bad in ["", "x", "1a", "(b)", "no 1"] {
            assert!(Numbering::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn brackets_around_the_label_pair() {
        for good in ["(a)", "[1]", "1.", "{i}", "a)", "i]", "§1"] {
            assert!(Numbering::parse(good).is_ok(), "{good}");
        }
        for bad in ["(A", "[a", "(a]", "{i"] {
            assert!(Numbering::parse(bad).is_err(), "{bad}");
        }
    }
}
