//! The pages this project generates: the organisations' index and pages, the agenda's overview
//! and chapter boxes, the timeline; and the templates a book may override.

pub mod agenda;
pub mod organisations;
pub mod templates;
pub mod timeline;
