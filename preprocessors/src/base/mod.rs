//! The bottom layer: what every other module may use and which knows nothing of the features.
//!
//! Diagnostics, the YAML settings, HTML escaping and links, calendar dates as documents give
//! them, label numbering (1, a, i …), small text helpers, and the one Markdown parse per chapter
//! with byte-range splicing.

pub mod dates;
pub mod diagnostics;
pub mod html;
pub mod markdown;
pub mod numbering;
pub mod paths;
pub mod text;
pub mod yaml;

/// Defines a typed index (`pub struct $name(pub usize)`), so a chapter index is never used where
/// a block or an organisation is meant.
macro_rules! index_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub usize);

        impl $name {
            /// The plain index.
            pub fn index(self) -> usize {
                self.0
            }
        }
    };
}
pub(crate) use index_type;
