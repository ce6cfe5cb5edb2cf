//! The pages this project generates: the organisations' index and pages, the agenda's overview
//! and chapter boxes, the timeline.

pub mod agenda;
pub mod organisations;
pub mod timeline;
