//! What the features' findings become: generated pages ([`pages`]), the timeline's exports
//! ([`exports`]) and what every page says about itself ([`describe`]); and what the post-build
//! step makes of the rendered site: the search index ([`search`]) and the print page that holds
//! only the document ([`print`]). Each consumes the features through their public data; no
//! feature imports an output.

pub mod describe;
pub mod exports;
pub mod pages;
pub mod print;
pub mod search;
