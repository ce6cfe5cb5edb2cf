//! What the features' findings become: generated pages ([`pages`]), the exports ([`exports`]),
//! who is named with whom ([`network`]), every page's description ([`describe`]) and citation ([`cite`]), and the
//! links' previews ([`previews`]); and what the post-build step makes of the rendered site: the
//! search index ([`search`]), the print page that holds only the document ([`print`](mod@print)) and each
//! page's files trimmed to what it uses ([`assets`]). Each
//! consumes the features through their public data; no feature imports an output.

pub(crate) mod assets;
pub(crate) mod cite;
pub(crate) mod describe;
pub(crate) mod exports;
pub(crate) mod network;
pub(crate) mod pages;
pub(crate) mod previews;
pub(crate) mod print;
pub(crate) mod search;
