//! The generated "Data" page: every file published next to the pages, linked, with its schema
//! (each field's name, type and meaning) from [`crate::outputs::exports::open_data`], the same
//! definitions the files are written from; rendered from the template `data`
//! ([`super::templates`]).

use super::templates::Templates;
use crate::base::diagnostics::Diagnostics;
use crate::base::html;
use crate::config::Config;
use crate::model::generated_chapter;
use crate::outputs::exports::open_data::Schema;
use mdbook_preprocessor::book::Chapter;
use serde_json::{Value, json};
use std::path::Path;

/// The page: `schemas` (the open data, in order), then `others` (file, what it holds).
pub(crate) fn chapter(
    cfg: &Config,
    schemas: &[Schema],
    others: &[(&str, String)],
    templates: &Templates,
    diags: &mut Diagnostics,
) -> Chapter {
    let data = &cfg.data;
    let page = &data.page;
    let href = |file: &str| html::relative(page, Path::new(file));
    let files: Vec<Value> = schemas
        .iter()
        .map(|s| {
            let fields: Vec<Value> = s
                .fields
                .iter()
                .map(|f| json!({"name": f.name, "kind": f.kind, "meaning": f.meaning}))
                .collect();
            json!({
                "file": s.file,
                "id": format!("data-{}", s.file.replace('.', "-")),
                "href": href(s.file),
                "format": s.format,
                "about": s.about,
                "fields": fields,
            })
        })
        .collect();
    let others: Vec<Value> = others
        .iter()
        .map(|(file, about)| json!({"file": file, "href": href(file), "about": about}))
        .collect();
    let values = json!({
        "title": data.title,
        "introduction": cfg.phrase(&data.introduction, &[]),
        "files": files,
        "others": others,
    });
    let body = templates.render("data", &values, diags);
    generated_chapter(&data.title, page, body, vec![])
}
