//! The generated "Data" page: every file published next to the pages, linked, with its schema
//! (each field's name, type and meaning) from [`crate::outputs::exports::open_data`], the same
//! definitions the files are written from.

use crate::base::html;
use crate::model::config::Config;
use crate::model::generated_chapter;
use crate::outputs::exports::open_data::Schema;
use mdbook_preprocessor::book::Chapter;
use std::fmt::Write;
use std::path::Path;

/// The page: `schemas` (the open data, in order), then `others` (file, what it holds).
pub fn chapter(cfg: &Config, schemas: &[Schema], others: &[(&str, String)]) -> Chapter {
    let data = &cfg.data;
    let page = &data.page;
    let mut out = format!("# {}\n\n", html::text(&data.title));
    let _ = writeln!(
        out,
        "<p class=\"report-generated\">{} Each file is written at every build from the same sources as the pages; web addresses in them are relative to the site’s address. CSV files follow RFC 4180 (UTF-8, a header row); a cell holding a list separates its items with “; ”.</p>\n",
        html::text(&cfg.phrase(&data.introduction, &[]))
    );
    let href = |file: &str| html::attr(&html::relative(page, Path::new(file)));
    for s in schemas {
        let id = format!("data-{}", s.file.replace('.', "-"));
        let _ = writeln!(
            out,
            "## {file} {{#{id}}}\n\n<div class=\"data-file report-generated\">\n<p><a href=\"{href}\" download>Download {file}</a> ({format}). {about}</p>\n\
             <div class=\"matrix-scroll\" role=\"region\" aria-labelledby=\"{id}-caption\" tabindex=\"0\">\n\
             <table class=\"data-schema\">\n<caption id=\"{id}-caption\">The fields of {file}</caption>\n\
             <thead><tr><th scope=\"col\">Field</th><th scope=\"col\">Type</th><th scope=\"col\">Meaning</th></tr></thead>\n<tbody>",
            file = html::text(s.file),
            href = href(s.file),
            format = s.format,
            about = html::text(s.about),
        );
        for field in s.fields {
            let _ = writeln!(
                out,
                "<tr><th scope=\"row\"><code>{}</code></th><td>{}</td><td>{}</td></tr>",
                html::text(field.name),
                html::text(field.kind),
                html::text(field.meaning)
            );
        }
        out.push_str("</tbody>\n</table>\n</div>\n</div>\n\n");
    }
    if !others.is_empty() {
        out.push_str("## Other files\n\n<ul class=\"data-files report-generated\">\n");
        for (file, about) in others {
            let _ = writeln!(
                out,
                "<li><a href=\"{}\" download>{}</a>: {}</li>",
                href(file),
                html::text(file),
                html::text(about)
            );
        }
        out.push_str("</ul>\n");
    }
    generated_chapter(&data.title, page, out, vec![])
}
