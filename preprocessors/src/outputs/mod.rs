//! What the features' findings become: generated pages ([`pages`]), the timeline's exports
//! ([`exports`]), every page's description ([`describe`]) and citation ([`cite`]), and the
//! links' previews ([`previews`]). Each consumes the features through
//! their public data; no feature imports an output.

pub mod cite;
pub mod describe;
pub mod exports;
pub mod pages;
pub mod previews;
