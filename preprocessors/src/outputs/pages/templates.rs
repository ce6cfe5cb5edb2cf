//! The generated pages' templates, which a book can override as mdBook lets it override
//! `theme/index.hbs`.
//!
//! Every generated page (the organisation index and pages, the agenda's overview, the timeline,
//! the network, the *Data* and *Documents cited* pages) is rendered with Handlebars (the engine of
//! mdBook's own theme, so it costs no extra compilation) from a built-in template, the files of
//! this repository's `theme/report/` compiled in. A file of the same name in the book's
//! template directory (`templates` under `[preprocessor.report]`, default `theme/report/`)
//! replaces one: a publisher restyles a page without forking the code.
//!
//! A template writes the page's HTML as it reaches the reader: the post-build step puts it into
//! the page mdBook rendered around it (see [`crate::outputs::pages::bodies`]), so nothing of it is
//! read as Markdown. Values reach it escaped, whatever the template: `{{x}}` writes text (as
//! mdBook's serializer escapes it), `{{attr x}}` an attribute value, `{{heading 2 x}}` a heading
//! as mdBook writes one (a unique id from its text, its anchor link; `id=` and `skip=true`, for
//! `data-search="skip"`, as options), `{{json x}}` JSON inside a `<script>`, `{{html x}}` a
//! picture the code built ([`fragment`]). Where a value would not be escaped safely, the template
//! is refused when it is loaded ([`check`]): `{{{x}}}` (written raw), a value inside a tag but
//! outside a quoted attribute value, a value in a comment or in a `<script>` other than through
//! `json`. Strict mode makes a misspelt variable an error. Each problem is reported at the
//! template's line, and the built-in template is used instead.

use crate::base::diagnostics::{Diagnostics, Location};
use crate::base::html::{self, Html, Page};
use handlebars::template::{Template, TemplateElement};
use handlebars::{
    Context, Handlebars, Helper, HelperDef, HelperResult, JsonRender, Output, RenderContext,
    RenderErrorReason,
};
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The built-in templates, by name (this repository's `theme/report/`).
const BUILT_IN: &[(&str, &str)] = &[
    (
        "organisations",
        include_str!("../../../../theme/report/organisations.hbs"),
    ),
    (
        "organisation",
        include_str!("../../../../theme/report/organisation.hbs"),
    ),
    (
        "agenda",
        include_str!("../../../../theme/report/agenda.hbs"),
    ),
    (
        "timeline",
        include_str!("../../../../theme/report/timeline.hbs"),
    ),
    (
        "documents",
        include_str!("../../../../theme/report/documents.hbs"),
    ),
    (
        "network",
        include_str!("../../../../theme/report/network.hbs"),
    ),
    ("data", include_str!("../../../../theme/report/data.hbs")),
];

/// The key under which template data carries HTML the code built ([`fragment`]).
const FRAGMENT: &str = "$html";

/// HTML the code built (a picture), as template data: `{{html x}}` writes it as it is, and
/// only a value made here can be written so.
pub(crate) fn fragment(html: Html<Page>) -> Value {
    json!({ FRAGMENT: html.into_string() })
}

/// The templates of one build.
pub(crate) struct Templates {
    registry: Handlebars<'static>,
    /// The built-in templates alone, the fallback when a book's template fails.
    built_in: Handlebars<'static>,
    /// Where each overriding template came from (relative to the book root), by name.
    overrides: Vec<(String, PathBuf)>,
    /// The heading ids of the page being rendered (mdBook's: unique within a page).
    ids: Ids,
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Templates")
            .field("overrides", &self.overrides)
            .finish()
    }
}

type Ids = Arc<Mutex<HashSet<String>>>;

fn engine(ids: &Ids) -> Handlebars<'static> {
    let mut hb = Handlebars::new();
    hb.register_escape_fn(html::page_text);
    hb.set_strict_mode(true);
    hb.register_helper("attr", Box::new(AttrHelper));
    hb.register_helper("html", Box::new(FragmentHelper));
    hb.register_helper("json", Box::new(JsonHelper));
    hb.register_helper("heading", Box::new(HeadingHelper(ids.clone())));
    for (name, text) in BUILT_IN {
        hb.register_template_string(name, text)
            .expect("the built-in templates parse");
    }
    hb
}

impl Templates {
    /// The built-in templates only.
    pub(crate) fn built_in() -> Templates {
        let ids = Ids::default();
        Templates {
            registry: engine(&ids),
            built_in: engine(&ids),
            overrides: Vec::new(),
            ids,
        }
    }

    /// The built-in templates, replaced by those the book has in `root/dir`. A template that
    /// does not parse, or would write a value unescaped ([`check`]), is an error located in its
    /// file, and the built-in one is kept.
    pub(crate) fn load(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Templates {
        let mut out = Templates::built_in();
        for (name, built_in) in BUILT_IN {
            let rel = dir.join(format!("{name}.hbs"));
            let Ok(text) = std::fs::read_to_string(root.join(&rel)) else {
                continue;
            };
            // This repository's own book uses the built-in templates as they are.
            if text == *built_in {
                continue;
            }
            let template = match Template::compile(&text) {
                Ok(t) => t,
                Err(err) => {
                    let at = err
                        .pos()
                        .map_or_else(|| Location::file(&rel), |(l, c)| Location::at(&rel, l, c));
                    diags
                        .error(
                            "template-syntax",
                            at,
                            format!("the template does not parse: {}", err.reason()),
                        )
                        .hint(
                            "fix the Handlebars syntax (the built-in template is used meanwhile)",
                        );
                    continue;
                }
            };
            if let Err((at, why)) = check(&template) {
                let at = at.map_or_else(|| Location::file(&rel), |(l, c)| Location::at(&rel, l, c));
                diags.error("template-unescaped", at, why).hint(
                    "values go in as `{{x}}` in text, `{{attr x}}` inside a quoted attribute value and `{{json x}}` in a script (the built-in template is used meanwhile)",
                );
                continue;
            }
            out.registry.register_template(name, template);
            out.overrides.push((name.to_string(), rel));
        }
        out
    }

    /// Renders template `name` with `data`. A book's template that fails (an unknown variable
    /// in strict mode, a helper error) is reported once and the built-in template used instead.
    pub(crate) fn render<T: Serialize>(
        &self,
        name: &str,
        data: &T,
        diags: &mut Diagnostics,
    ) -> String {
        self.reset_ids();
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
                self.reset_ids();
                self.built_in
                    .render(name, data)
                    .expect("the built-in templates render their own data")
            }
        }
    }

    fn reset_ids(&self) {
        self.ids.lock().expect("not poisoned").clear();
    }
}

/// The JSON value of parameter `i`, or the helper's error.
fn param<'a>(h: &'a Helper<'_>, i: usize) -> Result<&'a Value, RenderErrorReason> {
    h.param(i)
        .map(|p| p.value())
        .ok_or_else(|| RenderErrorReason::ParamNotFoundForIndex(helper_name(h), i))
}

fn helper_name(h: &Helper<'_>) -> &'static str {
    match h.name() {
        "attr" => "attr",
        "html" => "html",
        "json" => "json",
        _ => "heading",
    }
}

/// `{{attr x}}`: `x` escaped as an attribute value.
struct AttrHelper;

impl HelperDef for AttrHelper {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let value = param(h, 0)?;
        out.write(&html::page_attr(&value.render()))?;
        Ok(())
    }
}

/// `{{html x}}`: HTML the code built ([`fragment`]), and nothing else.
struct FragmentHelper;

impl HelperDef for FragmentHelper {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let value = param(h, 0)?;
        let Some(built) = value.get(FRAGMENT).and_then(Value::as_str) else {
            return Err(RenderErrorReason::Other(
                "`html` writes only the pictures the data gives as HTML; write other values with `{{x}}`"
                    .into(),
            )
            .into());
        };
        out.write(built)?;
        Ok(())
    }
}

/// `{{json x}}`: `x` as JSON that cannot end the `<script>` it is in.
struct JsonHelper;

impl HelperDef for JsonHelper {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        out.write(&html::script_json(param(h, 0)?))?;
        Ok(())
    }
}

/// `{{heading LEVEL text [id="…"] [skip=true]}}`: a heading as mdBook writes one from Markdown:
/// `<h2 id="…"><a class="header" href="#…">text</a></h2>`, its id from its text (unique on the
/// page) unless given, `data-search="skip"` with `skip`; the line break after it is the
/// template's.
struct HeadingHelper(Ids);

impl HelperDef for HeadingHelper {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let level = param(h, 0)?
            .as_u64()
            .filter(|l| (1..=6).contains(l))
            .ok_or_else(|| {
                RenderErrorReason::Other("`heading`'s first parameter is its level, 1 to 6".into())
            })?;
        let text = param(h, 1)?.render();
        let skip = h
            .hash_get("skip")
            .is_some_and(|v| v.value().as_bool() == Some(true));
        let id = match h.hash_get("id") {
            Some(id) => id.value().render(),
            None => {
                let mut used = self.0.lock().expect("not poisoned");
                unique_id(&html::heading_id(&text), &mut used)
            }
        };
        // The template's own line break follows it.
        let h = heading(level as usize, &text, &id, skip);
        out.write(h.as_str().trim_end_matches('\n'))?;
        Ok(())
    }
}

/// A heading as mdBook renders `## text {#id}` (`skip`: `{data-search=skip}` too).
pub(crate) fn heading(level: usize, text: &str, id: &str, skip: bool) -> Html<Page> {
    const NAMES: [&str; 6] = ["h1", "h2", "h3", "h4", "h5", "h6"];
    let name = NAMES[level.clamp(1, 6) - 1];
    let mut h = Html::new();
    let mut tag = h.open(name);
    if skip {
        tag = tag.attr("data-search", "skip");
    }
    tag.attr("id", id)
        .close()
        .open("a")
        .attr("class", "header")
        .attr("href", format_args!("#{id}"))
        .close()
        .text(text)
        .close("a")
        .close(name);
    h
}

/// `id`, or with `-1`, `-2` … when the page has it already (mdBook's `unique_id`).
pub(crate) fn unique_id(id: &str, used: &mut HashSet<String>) -> String {
    if used.insert(id.to_string()) {
        return id.to_string();
    }
    (1..)
        .map(|n| format!("{id}-{n}"))
        .find(|candidate| used.insert(candidate.clone()))
        .expect("an unused suffix")
}

/// Where a value can be in a template's HTML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Spot {
    /// Text between tags.
    Text,
    /// Inside a tag, outside any attribute value (`<a href=x` and after).
    Tag { raw: Option<Raw>, value_next: bool },
    /// Inside a quoted attribute value.
    Quoted { raw: Option<Raw>, quote: u8 },
    /// Inside an unquoted attribute value.
    Unquoted { raw: Option<Raw> },
    /// Inside a comment.
    Comment,
    /// Inside a `<script>` or `<style>` element.
    RawText(Raw),
}

/// The elements whose content is not HTML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Raw {
    Script,
    Style,
}

impl Raw {
    fn end_tag(self) -> &'static str {
        match self {
            Raw::Script => "</script",
            Raw::Style => "</style",
        }
    }
}

/// A template's problem: where (line, column) and what.
type Refusal = (Option<(usize, usize)>, String);

/// Refuses a template that would write a value unescaped or where its escaping does not hold
/// (see the module documentation), at the first such place.
pub(crate) fn check(template: &Template) -> Result<(), Refusal> {
    let end = walk(template, Spot::Text)?;
    match end {
        Spot::Text => Ok(()),
        _ => Err((
            None,
            "the template ends inside a tag, a comment or a script".into(),
        )),
    }
}

/// Goes through `template`'s elements from `spot`; returns where its HTML ends.
fn walk(template: &Template, mut spot: Spot) -> Result<Spot, Refusal> {
    for (i, element) in template.elements.iter().enumerate() {
        let at = template.mapping.get(i).map(|m| (m.0, m.1));
        let refuse = |why: String| Err((at, why));
        match element {
            TemplateElement::RawString(text) => spot = advance(spot, text),
            TemplateElement::Comment(_) => {}
            TemplateElement::HtmlExpression(_) => {
                return refuse(
                    "`{{{…}}}` would write a value unescaped: write `{{x}}` (text) or `{{attr x}}` (an attribute value)".into(),
                );
            }
            TemplateElement::Expression(e) => {
                let helper = match &e.name {
                    handlebars::template::Parameter::Name(n) => n.as_str(),
                    _ => "",
                };
                let fits = match helper {
                    "attr" => matches!(spot, Spot::Quoted { raw: None, .. } | Spot::Text),
                    "json" => spot == Spot::RawText(Raw::Script),
                    _ => spot == Spot::Text,
                };
                if !fits {
                    return refuse(format!(
                        "a value here would not be escaped safely ({}): {}",
                        describe(spot),
                        match spot {
                            Spot::Quoted { raw: None, .. } =>
                                "write `{{attr x}}` inside an attribute value",
                            Spot::Tag { .. } | Spot::Unquoted { .. } =>
                                "put the value inside a quoted attribute value, as `\"{{attr x}}\"`",
                            Spot::RawText(Raw::Script) => "write `{{json x}}` inside a script",
                            _ => "move it into text or a quoted attribute value",
                        }
                    ));
                }
            }
            TemplateElement::HelperBlock(block) => {
                for body in [&block.template, &block.inverse].into_iter().flatten() {
                    if walk(body, spot)? != spot {
                        return refuse(format!(
                            "the block ends in another place of the HTML than it starts ({}): close what it opens inside it",
                            describe(spot)
                        ));
                    }
                }
            }
            // Partials, decorators and whatever a later Handlebars adds.
            _ => {
                return refuse(
                    "partials and decorators are not available to the page templates".into(),
                );
            }
        }
    }
    Ok(spot)
}

fn describe(spot: Spot) -> &'static str {
    match spot {
        Spot::Text => "in text",
        Spot::Tag { .. } => "inside a tag",
        Spot::Quoted { .. } => "inside an attribute value",
        Spot::Unquoted { .. } => "inside an unquoted attribute value",
        Spot::Comment => "inside a comment",
        Spot::RawText(Raw::Script) => "inside a script",
        Spot::RawText(Raw::Style) => "inside a style element",
    }
}

/// Where `text` (literal HTML of the template) leaves a value that follows it.
fn advance(mut spot: Spot, text: &str) -> Spot {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &text[i..];
        let b = bytes[i];
        spot = match spot {
            Spot::Text if rest.starts_with("<!--") => {
                i += 4;
                // `<!-->` and `<!--->` are empty comments, closed where they end (the HTML
                // standard's abrupt closing of an empty comment).
                match ["->", ">"].iter().find(|end| text[i..].starts_with(**end)) {
                    Some(end) => {
                        i += end.len();
                        Spot::Text
                    }
                    None => Spot::Comment,
                }
            }
            Spot::Text if b == b'<' => {
                let name: String = rest[1..]
                    .trim_start_matches('/')
                    .chars()
                    .take_while(char::is_ascii_alphanumeric)
                    .collect::<String>()
                    .to_ascii_lowercase();
                if name.is_empty() {
                    i += 1;
                    continue;
                }
                let closing = rest.as_bytes().get(1) == Some(&b'/');
                let raw = match name.as_str() {
                    "script" if !closing => Some(Raw::Script),
                    "style" if !closing => Some(Raw::Style),
                    _ => None,
                };
                i += 1 + usize::from(closing) + name.len();
                Spot::Tag {
                    raw,
                    value_next: false,
                }
            }
            Spot::Comment if rest.starts_with("-->") => {
                i += 3;
                Spot::Text
            }
            // (`get`: a cut inside a letter beyond ASCII is no end tag either.)
            Spot::RawText(raw)
                if rest
                    .get(..raw.end_tag().len())
                    .is_some_and(|s| s.eq_ignore_ascii_case(raw.end_tag())) =>
            {
                i += raw.end_tag().len();
                Spot::Tag {
                    raw: None,
                    value_next: false,
                }
            }
            Spot::Tag { raw, .. } if b == b'>' => {
                i += 1;
                raw.map_or(Spot::Text, Spot::RawText)
            }
            Spot::Tag { raw, .. } if b == b'=' => {
                i += 1;
                Spot::Tag {
                    raw,
                    value_next: true,
                }
            }
            Spot::Tag { raw, value_next } if b.is_ascii_whitespace() => {
                i += 1;
                Spot::Tag { raw, value_next }
            }
            Spot::Tag {
                raw,
                value_next: true,
            } if b == b'"' || b == b'\'' => {
                i += 1;
                Spot::Quoted { raw, quote: b }
            }
            Spot::Tag {
                raw,
                value_next: true,
            } => {
                i += rest.chars().next().map_or(1, char::len_utf8);
                Spot::Unquoted { raw }
            }
            Spot::Tag { raw, .. } => {
                i += rest.chars().next().map_or(1, char::len_utf8);
                Spot::Tag {
                    raw,
                    value_next: false,
                }
            }
            Spot::Quoted { raw, quote } if b == quote => {
                i += 1;
                Spot::Tag {
                    raw,
                    value_next: false,
                }
            }
            Spot::Unquoted { raw } if b.is_ascii_whitespace() => {
                i += 1;
                Spot::Tag {
                    raw,
                    value_next: false,
                }
            }
            Spot::Unquoted { raw } if b == b'>' => {
                i += 1;
                raw.map_or(Spot::Text, Spot::RawText)
            }
            other => {
                i += rest.chars().next().map_or(1, char::len_utf8);
                other
            }
        };
    }
    spot
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book_with(name: &str, template: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("theme/report")).unwrap();
        std::fs::write(
            dir.path().join(format!("theme/report/{name}.hbs")),
            template,
        )
        .unwrap();
        dir
    }

    fn data() -> serde_json::Value {
        json!({"title": "T* <&> \"q\"", "introduction": "I", "columns": [], "kinds": []})
    }

    fn load(name: &str, template: &str) -> (Templates, Diagnostics) {
        let dir = book_with(name, template);
        let mut diags = Diagnostics::new();
        let t = Templates::load(dir.path(), Path::new("theme/report"), &mut diags);
        (t, diags)
    }

    #[test]
    fn a_book_template_replaces_the_built_in_one_and_escapes_as_mdbook_writes() {
        let (t, mut diags) = load(
            "organisations",
            "{{heading 1 title}}\n<a href=\"{{attr title}}\" title='{{attr introduction}}'>{{title}}</a>\n",
        );
        let out = t.render("organisations", &data(), &mut diags);
        assert_eq!(
            out,
            "<h1 id=\"t--q\"><a class=\"header\" href=\"#t--q\">T* &lt;&amp;&gt; \"q\"</a></h1>\n\
             <a href=\"T* &lt;&amp;&gt; &quot;q&quot;\" title='I'>T* &lt;&amp;&gt; \"q\"</a>\n"
        );
        assert_eq!(diags.render(), "0 errors, 0 warnings");
    }

    #[test]
    fn headings_get_mdbooks_ids_unique_on_their_page() {
        let (t, mut diags) = load(
            "organisations",
            "{{heading 2 title}}\n{{heading 2 title}}\n{{heading 3 \"Pairs\" skip=true}}\n{{heading 2 title id=\"x\"}}\n",
        );
        let d = json!({"title": "Rights & duties"});
        let once = t.render("organisations", &d, &mut diags);
        assert_eq!(
            once,
            "<h2 id=\"rights--duties\"><a class=\"header\" href=\"#rights--duties\">Rights &amp; duties</a></h2>\n\
             <h2 id=\"rights--duties-1\"><a class=\"header\" href=\"#rights--duties-1\">Rights &amp; duties</a></h2>\n\
             <h3 data-search=\"skip\" id=\"pairs\"><a class=\"header\" href=\"#pairs\">Pairs</a></h3>\n\
             <h2 id=\"x\"><a class=\"header\" href=\"#x\">Rights &amp; duties</a></h2>\n"
        );
        // Every page starts afresh.
        assert_eq!(t.render("organisations", &d, &mut diags), once);
    }

    #[test]
    fn a_template_that_would_write_a_value_unescaped_is_refused_at_its_place() {
        for (template, at) in [
            ("<p>{{{title}}}</p>", "1:4"),
            ("<a href={{attr title}}>", "1:9"),
            ("<a href=x {{attr title}}>", "1:11"),
            ("<a href=ab {{title}}>", "1:12"),
            ("<!-- -> {{title}} -->", "1:9"),
            ("<a title=\"{{title}}\">", "1:11"),
            ("<a {{title}}>", "1:4"),
            ("<!-- {{title}} -->", "1:6"),
            ("<script>var x = {{title}};</script>", "1:17"),
            ("<p>\n{{#if title}}<a href=\"{{/if}}\">", "2:1"),
            ("<p>{{json title}}</p>", "1:4"),
            ("{{> other}}", "1:1"),
        ] {
            let (t, mut diags) = load("organisations", template);
            let d = diags.render();
            assert!(
                d.starts_with(&format!("theme/report/organisations.hbs:{at}: error: ")),
                "{template}: {d}"
            );
            // The built-in template is used instead.
            let out = t.render("organisations", &data(), &mut diags);
            assert!(out.starts_with("<h1 id="), "{out}");
        }
        // What is allowed: text, quoted attribute values, JSON in a script, blocks that close
        // what they open.
        let (_, diags) = load(
            "organisations",
            "<p class=\"{{attr title}}\">{{title}}</p><script type=\"application/ld+json\">{{json columns}}</script>\
             {{#if title}}<b>{{title}}</b>{{else}}<i>none</i>{{/if}}<a {{#if title}}class=\"x\"{{/if}}>",
        );
        assert_eq!(diags.render(), "0 errors, 0 warnings");
    }

    #[test]
    fn only_the_codes_pictures_can_be_written_as_html() {
        let (t, mut diags) = load("organisations", "{{html title}}");
        let out = t.render("organisations", &data(), &mut diags);
        assert!(out.starts_with("<h1 id="), "the built-in one: {out}");
        assert!(
            diags.render().contains("`html` writes only the pictures"),
            "{}",
            diags.render()
        );
        let mut svg = Html::<Page>::new();
        svg.open("svg").close().text("<x>").close("svg");
        let (t, mut diags) = load("organisations", "{{html picture}}");
        let d = json!({ "picture": fragment(svg) });
        assert_eq!(
            t.render("organisations", &d, &mut diags),
            "<svg>&lt;x&gt;</svg>"
        );
    }

    #[test]
    fn a_broken_template_is_located_and_the_built_in_one_used() {
        let (t, mut diags) = load("organisations", "{{heading 1 title}\n");
        assert!(
            diags
                .render()
                .starts_with("theme/report/organisations.hbs:1:"),
            "{}",
            diags.render()
        );
        assert!(
            t.render("organisations", &data(), &mut diags)
                .starts_with("<h1 id=\"t--q\">")
        );
    }

    #[test]
    fn a_misspelt_variable_is_an_error_not_an_empty_string() {
        let (t, mut diags) = load("organisations", "<h1>{{titel}}</h1>\n");
        let out = t.render("organisations", &data(), &mut diags);
        assert!(out.starts_with("<h1 id=\"t--q\">"), "{out}");
        let d = diags.render();
        assert!(
            d.starts_with(
                "theme/report/organisations.hbs:1:5: error: the template cannot be rendered"
            ),
            "{d}"
        );
    }

    #[test]
    fn the_built_in_templates_pass_their_own_check() {
        for (name, text) in BUILT_IN {
            let t = Template::compile(text).unwrap();
            assert_eq!(check(&t), Ok(()), "{name}");
        }
        assert_eq!(
            BUILT_IN.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
            [
                "organisations",
                "organisation",
                "agenda",
                "timeline",
                "documents",
                "network",
                "data"
            ]
        );
    }

    #[test]
    fn each_refusal_says_where_the_value_is_and_what_to_write() {
        let message = |template: &str| {
            let (_, diags) = load("organisations", template);
            diags
                .render()
                .lines()
                .next()
                .unwrap_or_default()
                .to_string()
        };
        assert_eq!(
            message("<p>{{{title}}}</p>"),
            "theme/report/organisations.hbs:1:4: error: `{{{…}}}` would write a value unescaped: \
             write `{{x}}` (text) or `{{attr x}}` (an attribute value) [template-unescaped]"
        );
        assert_eq!(
            message("<a title=\"{{title}}\">"),
            "theme/report/organisations.hbs:1:11: error: a value here would not be escaped \
             safely (inside an attribute value): write `{{attr x}}` inside an attribute value \
             [template-unescaped]"
        );
        assert_eq!(
            message("<style>{{title}}</style>"),
            "theme/report/organisations.hbs:1:8: error: a value here would not be escaped \
             safely (inside a style element): move it into text or a quoted attribute value \
             [template-unescaped]"
        );
    }

    #[test]
    fn comments_scripts_and_styles_end_where_html_ends_them() {
        for allowed in [
            "<!-- a note --><p>{{title}}</p>",
            "<!--><p>{{title}}</p>",
            "<!---><p>{{title}}</p>",
            "<a href = \"{{attr title}}\">",
            "<a href=x title=\"{{attr title}}\">{{title}}</a>",
            "<a href=x>{{title}}</a>",
            "<p>1 < 2 and {{title}}</p>",
            "</script></style><p>{{title}}</p>",
            "<script>var a = 1; var b = {{json columns}};</script><p>{{title}}</p>",
            "<SCRIPT>x = {{json columns}}</SCRIPT><p>{{title}}</p>",
            "<style>p { color: red }</style><p>{{title}}</p>",
        ] {
            let (_, diags) = load("organisations", allowed);
            assert_eq!(diags.render(), "0 errors, 0 warnings", "{allowed}");
        }
    }

    #[test]
    fn a_helper_without_its_value_names_itself_in_the_error() {
        for (template, name) in [
            // (Without a value, the check reads each as a variable in text.)
            ("<p>{{attr}}</p>", "attr"),
            ("<p>{{html}}</p>", "html"),
            ("<p>{{json}}</p>", "json"),
            ("{{heading 1}}", "heading"),
        ] {
            let (t, mut diags) = load("organisations", template);
            t.render("organisations", &data(), &mut diags);
            let d = diags.render();
            assert!(
                d.contains(&format!("Helper/Decorator {name} param at index")),
                "{template}: {d}"
            );
        }
    }

    #[test]
    fn templates_show_which_the_book_overrides() {
        let (t, _) = load("organisations", "<p>{{title}}</p>");
        assert_eq!(
            format!("{t:?}"),
            "Templates { overrides: [(\"organisations\", \"theme/report/organisations.hbs\")] }"
        );
    }

    #[test]
    fn what_follows_a_comment_is_read_from_where_the_comment_ends() {
        // A comment after other text of the same piece of HTML.
        let (_, diags) = load("organisations", "<p>a</p><!-- note --><p>{{title}}</p>");
        assert_eq!(diags.render(), "0 errors, 0 warnings");
        // A tag right after an empty comment is a tag.
        for (template, at) in [
            ("<!---><a href={{title}}>", "1:15"),
            ("<p><!--><a href={{title}}>", "1:17"),
        ] {
            let (_, diags) = load("organisations", template);
            assert_eq!(
                diags.render().lines().next().unwrap(),
                format!(
                    "theme/report/organisations.hbs:{at}: error: a value here would not be \
                     escaped safely (inside a tag): put the value inside a quoted attribute \
                     value, as `\"{{{{attr x}}}}\"` [template-unescaped]"
                ),
                "{template}"
            );
        }
    }

    #[test]
    fn a_comment_ends_at_its_closing_dashes_not_before_or_after() {
        for allowed in [
            // A comment that goes on after a Handlebars comment ends at its `-->`.
            "<!-- a {{! note }}-->{{title}}",
            // Letters of two bytes right before the `-->`.
            "<!-- \u{e9}\u{e9}-->{{title}}",
        ] {
            let (_, diags) = load("organisations", allowed);
            assert_eq!(diags.render(), "0 errors, 0 warnings", "{allowed}");
        }
        let (_, diags) = load("organisations", "<!-- a --><a href={{title}}>");
        assert!(
            diags
                .render()
                .starts_with("theme/report/organisations.hbs:1:19: error: a value here would not be escaped safely (inside a tag)"),
            "{}",
            diags.render()
        );
    }

    #[test]
    fn a_letter_beyond_ascii_inside_a_tag_is_read_whole() {
        // An unquoted attribute value and an attribute name that start with one (a byte at a
        // time, the check stopped inside the letter and panicked).
        for allowed in [
            "<a title=\u{e9}t\u{e9}>{{title}}</a>",
            "<a \u{e9}>{{title}}</a>",
        ] {
            let (_, diags) = load("organisations", allowed);
            assert_eq!(diags.render(), "0 errors, 0 warnings", "{allowed}");
        }
        let (_, diags) = load("organisations", "<a title=\u{e9} {{title}}>");
        assert!(
            diags
                .render()
                .starts_with("theme/report/organisations.hbs:1:12: error: a value here would not be escaped safely (inside a tag)"),
            "{}",
            diags.render()
        );
    }

    #[test]
    fn a_script_or_style_with_letters_beyond_ascii_is_read_whole() {
        // Compared eight bytes at a time with `</script`, the check cut a letter and panicked.
        for allowed in [
            "<script>var s = '\u{e9}t\u{e9}';</script><p>{{title}}</p>",
            "<style>p::after { content: '\u{20ac}\u{20ac}' }</style><p>{{title}}</p>",
        ] {
            let (_, diags) = load("organisations", allowed);
            assert_eq!(diags.render(), "0 errors, 0 warnings", "{allowed}");
        }
    }

    #[test]
    fn an_unquoted_value_after_a_space_is_still_the_attributes_value() {
        let (_, diags) = load("organisations", "<a title= x{{title}}>");
        assert_eq!(
            diags.render().lines().next().unwrap(),
            "theme/report/organisations.hbs:1:12: error: a value here would not be escaped \
             safely (inside an unquoted attribute value): put the value inside a quoted \
             attribute value, as `\"{{attr x}}\"` [template-unescaped]"
        );
    }
}
