//! What the features' findings become: generated pages ([`pages`]), the timeline's exports
//! ([`exports`]) and every page's description ([`describe`]). Each consumes the features through
//! their public data; no feature imports an output.

pub mod describe;
pub mod exports;
pub mod pages;
