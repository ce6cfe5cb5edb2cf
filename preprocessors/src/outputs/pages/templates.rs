//! Page templates a book can override, as mdBook lets a book override `theme/index.hbs`.
//!
//! The organisation pages are rendered with Handlebars (the engine mdBook's own theme uses, so it
//! costs no extra compilation) from built-in templates (`preprocessors/templates/*.hbs`). A file
//! of the same name in the book's template directory (`templates` under `[preprocessor.report]`,
//! default `theme/report/`) replaces one: a publisher restyles an organisation page without
//! forking the code. Templates write Markdown with inline HTML; `{{x}}` escapes with
//! [`html::text`], `{{{attr x}}}` with [`html::attr`]. Strict mode makes a misspelt variable an
//! error, reported at the template file, and the built-in template is used instead.

use crate::base::diagnostics::{Diagnostics, Location};
use crate::base::html;
use handlebars::{Handlebars, handlebars_helper};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// The built-in templates, by name.
const BUILT_IN: &[(&str, &str)] = &[
    (
        "organisation",
        include_str!("../../../templates/organisation.hbs"),
    ),
    (
        "organisations",
        include_str!("../../../templates/organisations.hbs"),
    ),
];

handlebars_helper!(attr: |s: str| html::attr(s));

/// The templates of one build.
pub struct Templates {
    registry: Handlebars<'static>,
    /// The built-in templates alone, the fallback when a book's template fails.
    built_in: Handlebars<'static>,
    /// Where each overriding template came from (relative to the book root), by name.
    overrides: Vec<(String, PathBuf)>,
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Templates")
            .field("overrides", &self.overrides)
            .finish()
    }
}

fn engine() -> Handlebars<'static> {
    let mut hb = Handlebars::new();
    hb.register_escape_fn(html::text);
    hb.set_strict_mode(true);
    hb.register_helper("attr", Box::new(attr));
    for (name, text) in BUILT_IN {
        hb.register_template_string(name, text)
            .expect("the built-in templates parse");
    }
    hb
}

impl Templates {
    /// The built-in templates only.
    pub fn built_in() -> Templates {
        Templates {
            registry: engine(),
            built_in: engine(),
            overrides: Vec::new(),
        }
    }

    /// The built-in templates, replaced by those the book has in `root/dir`. A template that
    /// does not parse is an error located in its file, and the built-in one is kept.
    pub fn load(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Templates {
        let mut out = Templates::built_in();
        for (name, _) in BUILT_IN {
            let rel = dir.join(format!("{name}.hbs"));
            let Ok(text) = std::fs::read_to_string(root.join(&rel)) else {
                continue;
            };
            match out.registry.register_template_string(name, &text) {
                Ok(()) => out.overrides.push((name.to_string(), rel)),
                Err(err) => {
                    let location = err
                        .pos()
                        .map_or_else(|| Location::file(&rel), |(l, c)| Location::at(&rel, l, c));
                    diags
                        .error(
                            "template-syntax",
                            location,
                            format!("the template does not parse: {}", err.reason()),
                        )
                        .hint(
                            "fix the Handlebars syntax (the built-in template is used meanwhile)",
                        );
                }
            }
        }
        out
    }

    /// Renders template `name` with `data`. A book's template that fails (an unknown variable
    /// in strict mode, a helper error) is reported once and the built-in template used instead.
    pub fn render<T: Serialize>(&self, name: &str, data: &T, diags: &mut Diagnostics) -> String {
        match self.registry.render(name, data) {
            Ok(text) => text,
            Err(err) => {
                let rel = self
                    .overrides
                    .iter()
                    .find(|(n, _)| n == name)
                    .map_or_else(|| PathBuf::from(name), |(_, p)| p.clone());
                let location = match (err.line_no, err.column_no) {
                    (Some(l), Some(c)) => Location::at(&rel, l, c),
                    _ => Location::file(&rel),
                };
                diags
                    .error(
                        "template-render",
                        location,
                        format!("the template cannot be rendered: {}", err.reason()),
                    )
                    .hint("use only the variables the built-in template uses (listed at its top)");
                self.built_in
                    .render(name, data)
                    .expect("the built-in templates render their own data")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn book_with(template: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("theme/report")).unwrap();
        std::fs::write(dir.path().join("theme/report/organisations.hbs"), template).unwrap();
        dir
    }

    fn data() -> serde_json::Value {
        json!({"title": "T*", "introduction": "I", "columns": [], "kinds": []})
    }

    #[test]
    fn a_book_template_replaces_the_built_in_one_and_escapes_as_ours_do() {
        let dir = book_with("# {{title}} <a href=\"{{{attr title}}}\">\n");
        let mut diags = Diagnostics::new();
        let t = Templates::load(dir.path(), Path::new("theme/report"), &mut diags);
        let out = t.render("organisations", &data(), &mut diags);
        assert_eq!(out, "# T&#42; <a href=\"T*\">\n");
        assert_eq!(diags.render(), "0 errors, 0 warnings");
    }

    #[test]
    fn a_broken_template_is_located_and_the_built_in_one_used() {
        let dir = book_with("# {{title}\n");
        let mut diags = Diagnostics::new();
        let t = Templates::load(dir.path(), Path::new("theme/report"), &mut diags);
        assert!(
            diags
                .render()
                .starts_with("theme/report/organisations.hbs:1:"),
            "{}",
            diags.render()
        );
        assert!(
            t.render("organisations", &data(), &mut diags)
                .starts_with("# T&#42;\n")
        );
    }

    #[test]
    fn a_misspelt_variable_is_an_error_not_an_empty_string() {
        let dir = book_with("# {{titel}}\n");
        let mut diags = Diagnostics::new();
        let t = Templates::load(dir.path(), Path::new("theme/report"), &mut diags);
        let out = t.render("organisations", &data(), &mut diags);
        assert!(out.starts_with("# T&#42;\n"), "{out}");
        let d = diags.render();
        assert!(
            d.starts_with(
                "theme/report/organisations.hbs:1:3: error: the template cannot be rendered"
            ),
            "{d}"
        );
    }
}
