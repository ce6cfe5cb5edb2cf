//! The bottom layer: what every other module may use and which knows nothing of the features.
//!
//! Diagnostics, the YAML settings, HTML escaping and links, calendar dates as documents give
//! them, label numbering (1, a, i …), small text helpers, and the one Markdown parse per chapter
//! with byte-range splicing.

pub(crate) mod dates;
pub(crate) mod diagnostics;
pub(crate) mod html;
pub(crate) mod markdown;
pub(crate) mod numbering;
pub(crate) mod paths;
pub(crate) mod text;
pub(crate) mod yaml;

/// Defines a typed index (`struct $name(pub(crate) usize)`), so a chapter index is never used
/// where a block or an organisation is meant.
macro_rules! index_type {
    ($(#[$doc:meta])* $vis:vis $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        $vis struct $name(pub(crate) usize);
    };
}
pub(crate) use index_type;
