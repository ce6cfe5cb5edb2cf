//! The pages this project generates: the organisations' index and pages, the agenda's overview
//! and chapter boxes, the timeline, the documents cited, the network, the data; the templates
//! they are rendered from, which a book may override ([`templates`]); and how their bodies reach
//! the site beside mdBook's Markdown renderer ([`bodies`]).

pub(crate) mod agenda;
pub(crate) mod bodies;
pub(crate) mod data;
pub(crate) mod documents;
pub(crate) mod network;
pub(crate) mod organisations;
pub(crate) mod templates;
pub(crate) mod timeline;
pub(crate) mod timeline_axis;

use crate::config::Config;
use crate::features::agenda::Agenda;
use crate::features::organisations::Organisations;
use crate::features::timeline::Timeline;
use crate::model::Model;
use crate::outputs::network::Network;

/// What the generated pages show of the book: the model, the configuration and the findings of
/// every feature that is on.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Context<'a> {
    /// The parsed book.
    pub model: &'a Model,
    /// The configuration.
    pub cfg: &'a Config,
    /// The organisations, when that feature is on.
    pub orgs: Option<&'a Organisations>,
    /// The agenda, when that feature is on and has items.
    pub agenda: Option<&'a Agenda>,
    /// The timeline, when that feature is on.
    pub timeline: Option<&'a Timeline>,
    /// Who is named with whom, when the organisations and the network are on.
    pub network: Option<&'a Network>,
}
