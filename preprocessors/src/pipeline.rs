//! The pipeline: builds the model once, runs every enabled feature over it, splices the edits
//! and appends the generated pages. The only module that knows every feature and output.
//!
//! Order matters in three places: the documents feature links symbols after the organisations
//! and the agenda have linked their names and phrases (links never nest: a later feature skips a
//! range overlapping an earlier one's link); the endnotes chapter is reassembled last, from the
//! edits of every other feature (its notes mention organisations and cite documents too); and
//! the page descriptions are written after every page exists.
//!
//! The generated pages' bodies are HTML from their templates ([`pages::templates`]). For the
//! site ([`site`]) they cross to the post-build step beside the book, which gets a placeholder
//! in their place ([`pages::bodies`]); elsewhere ([`transform`], a book without the post-build
//! step) each body stays in its chapter as one HTML block.

use crate::base::diagnostics::Diagnostics;
use crate::config::{Config, OrganisationsConfig};
use crate::features::agenda::Agenda;
use crate::features::documents::Documents;
use crate::features::endnotes::Endnotes;
use crate::features::organisations::Organisations;
use crate::features::timeline::Timeline;
use crate::model::{self, Model, Outputs};
use crate::outputs::network::Network;
use crate::outputs::pages::bodies::{self, Body};
use crate::outputs::{describe, exports, pages, previews};
use mdbook_preprocessor::book::{Book, BookItem};
use std::collections::HashMap;
use std::path::Path;

/// The whole transformation, for mdBook alone (a book without the post-build step): `book` in,
/// the published book out, problems in `diags`; every page gets its description for its
/// `<head>` (a marker the post-build step moves there, see [`describe`]). `src` is the source
/// directory relative to the book root, used to name files in diagnostics. `root` is the book
/// root, where data files are read from.
pub(crate) fn transform(
    book: Book,
    cfg: &Config,
    root: &Path,
    src: &Path,
    diags: &mut Diagnostics,
) -> Book {
    run(book, cfg, root, src, diags, Mode::Inline).book
}

/// What the preprocessor hands the post-build step beside the book.
#[derive(Debug)]
pub(crate) struct Site {
    /// The book, each generated page a placeholder for its body.
    pub book: Book,
    /// The files to publish next to the pages (the timeline's exports, `documents.json`, the
    /// open data: [`exports::hand_over`]).
    pub files: Vec<exports::File>,
    /// The generated pages' bodies ([`bodies::hand_over`]).
    pub bodies: Vec<Body>,
}

/// [`transform`] for a book whose post-build step puts the generated pages' bodies in
/// place: the book with placeholders, the bodies and the files to publish.
pub(crate) fn site(
    book: Book,
    cfg: &Config,
    root: &Path,
    src: &Path,
    diags: &mut Diagnostics,
) -> Site {
    run(book, cfg, root, src, diags, Mode::HandOver)
}

/// Where a run's result goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// To mdBook alone: descriptions and the previews' data, bodies in their chapters.
    Inline,
    /// To mdBook and the post-build step: bodies beside the book.
    HandOver,
}

/// What the features found.
struct Findings {
    endnotes: Option<Endnotes>,
    orgs: Option<Organisations>,
    agenda: Option<Agenda>,
    timeline: Option<Timeline>,
    documents: Option<Documents>,
    /// Who is named with whom (with the organisations).
    network: Option<Network>,
}

/// One run: what its passes share. They read the model, the configuration and the book's root,
/// and write the chapters' edits and the problems; each pass is a method, called in [`run`]'s
/// order.
struct Run<'a> {
    model: &'a Model,
    cfg: &'a Config,
    root: &'a Path,
    outputs: Outputs,
    diags: &'a mut Diagnostics,
}

fn run(
    mut book: Book,
    cfg: &Config,
    root: &Path,
    src: &Path,
    diags: &mut Diagnostics,
    mode: Mode,
) -> Site {
    let model = Model::build(&book, src, diags);
    let mut run = Run {
        model: &model,
        cfg,
        root,
        outputs: model.outputs(),
        diags,
    };
    model::check_active_html(&model, &cfg.allow_html, &mut run.outputs, run.diags);
    let found = run.features();
    run.chapters(&found);
    model::write_back(&mut book, &model, &mut run.outputs);
    // The documents' data: their page lists it, and it is published as `documents.json`.
    let documents = found
        .documents
        .as_ref()
        .map(|d| exports::documents::export(d, &model, found.endnotes.as_ref(), cfg));
    let generated = run.pages(&mut book, &found, documents.as_ref());
    // The files to publish beside the pages: only the post-build step writes them.
    let files = if mode == Mode::HandOver {
        run.files(&found, documents.as_ref())
    } else {
        Vec::new()
    };
    // Last: every page, generated ones included, gets its description for <head>.
    run.annotate(&mut book, &found);
    let bodies = place_bodies(&mut book, generated, mode);
    Site {
        book,
        files,
        bodies,
    }
}

impl Run<'_> {
    /// Each feature finds what the book gives it and makes its edits. Each is there where the
    /// book gives it input: endnotes with a chapter for them, organisations with a registry, the
    /// timeline with meetings, the agenda with items, the documents page with documents cited.
    /// Without, the book is left as mdBook renders it.
    fn features(&mut self) -> Findings {
        let (model, cfg) = (self.model, self.cfg);
        let endnotes_chapter = cfg
            .endnotes
            .chapter
            .as_deref()
            .filter(|_| cfg.endnotes.enable);
        let endnotes =
            endnotes_chapter.map(|path| Endnotes::collect(model, path, &cfg.endnotes, self.diags));
        if let (Some(endnotes), Some(path)) = (&endnotes, endnotes_chapter) {
            endnotes.edit_references(model, path, &mut self.outputs);
        }
        let orgs = (cfg.organisations.enable
            && has_registry(self.root, &cfg.organisations, model, self.diags))
        .then(|| Organisations::collect(model, self.root, &cfg.organisations, self.diags));
        if let Some(orgs) = &orgs {
            cfg.unused(&orgs.unused, self.diags);
            orgs.edit(model, cfg.organisations.link, &mut self.outputs);
        }
        // An agenda without items makes no pages, but its `agenda:` links are still checked.
        let agenda = cfg
            .agenda
            .enable
            .then(|| Agenda::collect(model, &cfg.agenda, self.diags));
        if let Some(agenda) = &agenda {
            let unused = agenda.edit(model, &cfg.agenda, &mut self.outputs, self.diags);
            cfg.unused(&unused, self.diags);
        }
        let agenda = agenda.filter(|a| !a.is_empty());
        // After the features that link names and phrases: a symbol overlapping one of their
        // links is listed but not linked.
        let documents = cfg.documents.enable.then(|| {
            Documents::collect(model, &cfg.documents, cfg.date(), &cfg.document, self.diags)
        });
        if let Some(documents) = &documents {
            cfg.unused(&documents.unused, self.diags);
            documents.edit(model, &mut self.outputs);
        }
        let documents = documents.filter(|d| !d.is_empty());
        let timeline = cfg.timeline.enable.then(|| {
            let dir = orgs.as_ref().map(Organisations::directory);
            Timeline::collect(model, dir, cfg.date(), &cfg.timeline, self.diags)
        });
        if let Some(timeline) = &timeline {
            timeline.anchor(&mut self.outputs);
        }
        let timeline = timeline.filter(|t| !t.is_empty());
        let network = orgs.as_ref().map(|o| Network::build(o, timeline.as_ref()));
        Findings {
            endnotes,
            orgs,
            agenda,
            timeline,
            documents,
            network,
        }
    }

    /// What the chapters get from everything found: the agenda's boxes, the paragraphs'
    /// anchors, settled quotes and, last, the endnotes chapter reassembled from the edits of
    /// every feature (its notes mention organisations and cite documents too).
    fn chapters(&mut self, found: &Findings) {
        let (model, cfg) = (self.model, self.cfg);
        if let Some(agenda) = &found.agenda {
            for (c, prelude) in pages::agenda::chapter_boxes(agenda, context(model, cfg, found)) {
                self.outputs[c].prelude = prelude;
            }
        }
        model::insert_anchors(model, &mut self.outputs, cfg.permalinks.enable);
        model::settle_quotes(model, &mut self.outputs);
        if let Some(endnotes) = &found.endnotes {
            endnotes.assemble(model, &mut self.outputs, self.diags);
        }
    }

    /// The generated pages, from their templates (the book's own first), appended to `book`:
    /// each one's body by path.
    fn pages(
        &mut self,
        book: &mut Book,
        found: &Findings,
        documents: Option<&exports::documents::Export>,
    ) -> HashMap<String, String> {
        let templates =
            pages::templates::Templates::load(self.root, &self.cfg.templates, self.diags);
        append_pages(
            book, self.model, self.cfg, found, documents, &templates, self.diags,
        )
    }

    /// The files published beside the pages: the timeline's exports, `documents.json` and the
    /// open data.
    fn files(
        &self,
        found: &Findings,
        documents: Option<&exports::documents::Export>,
    ) -> Vec<exports::File> {
        let (model, cfg) = (self.model, self.cfg);
        let mut files = Vec::new();
        if let Some(timeline) = &found.timeline {
            let dir = found.orgs.as_ref().map(Organisations::directory);
            let doc = exports::json::document(timeline, model, dir, cfg);
            files = exports::timeline_files(&doc, cfg);
        }
        files.extend(documents.map(exports::documents::file));
        if let Some(sources) = open_data(model, cfg, found) {
            files.extend(exports::open_data::files(sources));
        }
        files
    }

    /// Every page's description for its `<head>`, and the previews' data on the first page:
    /// markers the post-build step takes out.
    fn annotate(&self, book: &mut Book, found: &Findings) {
        let (model, cfg) = (self.model, self.cfg);
        describe::annotate(book, model, found.orgs.as_ref(), found.agenda.as_ref(), cfg);
        if cfg.previews.enable {
            let data = previews::data(previews::Sources {
                model,
                endnotes: found.endnotes.as_ref(),
                orgs: found.orgs.as_ref(),
                agenda: found.agenda.as_ref(),
                item_word: &cfg.agenda.item,
                timeline: found.timeline.as_ref(),
            });
            previews::annotate(book, &data);
        }
    }
}

/// Each generated chapter's body (its content since [`append_pages`]): a placeholder in its
/// place and the body returned, for the post-build step ([`Mode::HandOver`]), else, for mdBook,
/// the body as one HTML block ([`bodies::inline`]). What follows it (the description marker)
/// stays.
fn place_bodies(book: &mut Book, generated: HashMap<String, String>, mode: Mode) -> Vec<Body> {
    let mut out = Vec::new();
    book.for_each_mut(|item| {
        let BookItem::Chapter(ch) = item else { return };
        let Some(path) = ch.path.as_deref().map(site_path) else {
            return;
        };
        let Some(html) = generated.get(&path) else {
            return;
        };
        let kept = html.trim_end_matches(['\n', '\r']).len();
        let tail = ch.content.get(kept..).unwrap_or_default();
        let body = Body {
            path,
            html: html.clone(),
        };
        ch.content = match mode {
            Mode::HandOver => bodies::placeholder(&body) + tail,
            Mode::Inline => bodies::inline(html) + tail,
        };
        out.push(body);
    });
    if mode == Mode::HandOver {
        out
    } else {
        Vec::new()
    }
}

/// A chapter's page in the site (`agencies/who.html`).
fn site_path(md: &Path) -> String {
    md.with_extension("html")
        .to_string_lossy()
        .replace('\\', "/")
}

/// Whether the organisations feature has its registry: the configured one (whose absence is
/// its loader's error), or the default one when the book has it. A book without one that still
/// names organisations by id (`org:` links, meetings' `organisers`) is told where the registry
/// goes, once, at the first of them.
fn has_registry(
    root: &Path,
    cfg: &OrganisationsConfig,
    model: &Model,
    diags: &mut Diagnostics,
) -> bool {
    if cfg.registry.is_some() || root.join(cfg.registry_path()).exists() {
        return true;
    }
    let mut references = model.chapters.iter().flat_map(|ch| {
        let links = ch.doc.scheme_links.iter().filter(|l| l.scheme == "org");
        let links = links.map(move |l| (format!("`org:{}`", l.target), ch.locate(l.range.start)));
        let organisers = ch.front().meetings.iter().flat_map(|m| &m.organisers);
        let organisers =
            organisers.map(move |o| (format!("the organiser `{}`", o.value), ch.locate_front(o)));
        links.chain(organisers)
    });
    if let Some((what, at)) = references.next() {
        diags
            .error(
                "org-without-registry",
                at,
                format!("{what} names an organisation, but the book has no organisation registry"),
            )
            .hint(format!(
                "list the book's organisations in `{}` (see README.md, \"Organisations\"), or leave the reference out",
                cfg.registry_path().display()
            ));
        let cause = diags.last_cause().expect("just reported");
        diags.fold(
            cause,
            references.count(),
            "other reference",
            "other references",
        );
    }
    false
}

/// What the open data is made of, when it is on (it needs the organisations).
fn open_data<'a>(
    model: &'a Model,
    cfg: &Config,
    found: &'a Findings,
) -> Option<exports::open_data::Sources<'a>> {
    Some(exports::open_data::Sources {
        model,
        orgs: found.orgs.as_ref().filter(|_| cfg.data.enable)?,
        agenda: found.agenda.as_ref(),
        network: found.network.as_ref()?,
    })
}

/// What the generated pages read.
fn context<'a>(model: &'a Model, cfg: &'a Config, found: &'a Findings) -> pages::Context<'a> {
    pages::Context {
        model,
        cfg,
        orgs: found.orgs.as_ref(),
        agenda: found.agenda.as_ref(),
        timeline: found.timeline.as_ref(),
        network: found.network.as_ref().filter(|_| cfg.network.enable),
    }
}

/// The generated pages after the book's own: the overview pages under one part title, then the
/// organisations under theirs. Returns each generated page's body (its content), by path.
fn append_pages(
    book: &mut Book,
    model: &Model,
    cfg: &Config,
    found: &Findings,
    documents: Option<&exports::documents::Export>,
    templates: &pages::templates::Templates,
    diags: &mut Diagnostics,
) -> HashMap<String, String> {
    let dir = found.orgs.as_ref().map(Organisations::directory);
    let cx = context(model, cfg, found);
    let mut explore = Vec::new();
    if let Some(agenda) = &found.agenda {
        explore.push(pages::agenda::overview(agenda, cx, templates, diags));
    }
    if let Some(timeline) = &found.timeline {
        explore.push(pages::timeline::chapter(
            timeline, model, dir, cfg, templates, diags,
        ));
    }
    if let (Some(cited), Some(data)) = (&found.documents, documents) {
        explore.push(pages::documents::chapter(
            cited, model, cfg, data, templates, diags,
        ));
    }
    if let (Some(orgs), Some(network)) = (&found.orgs, cx.network) {
        explore.push(pages::network::chapter(orgs, network, cx, templates, diags));
    }
    if cfg.data.enable && found.orgs.is_some() {
        let schemas = exports::open_data::schemas(found.agenda.as_ref());
        let others = exports::open_data::other_files(
            cfg,
            found.timeline.is_some(),
            found.documents.is_some(),
        );
        explore.push(pages::data::chapter(
            cfg, &schemas, &others, templates, diags,
        ));
    }
    let mut generated = HashMap::new();
    let mut note = |ch: &mdbook_preprocessor::book::Chapter| {
        if let Some(path) = &ch.path {
            generated.insert(site_path(path), ch.content.clone());
        }
    };
    explore.iter().for_each(&mut note);
    if !explore.is_empty() {
        let part = cfg.phrase(&cfg.explore_part, &[]);
        if !part.is_empty() {
            book.items.push(BookItem::PartTitle(part));
        }
        book.items
            .extend(explore.into_iter().map(BookItem::Chapter));
    }
    if let Some(orgs) = &found.orgs {
        if !cfg.organisations.part.is_empty() {
            book.items
                .push(BookItem::PartTitle(cfg.organisations.part.clone()));
        }
        let index = pages::organisations::build(orgs, cx, templates, diags);
        note(&index);
        for sub in &index.sub_items {
            if let BookItem::Chapter(page) = sub {
                note(page);
            }
        }
        book.items.push(BookItem::Chapter(index));
    }
    generated
}

#[cfg(test)]
mod tests {
    use super::*;
    use mdbook_preprocessor::book::Chapter;

    fn book() -> Book {
        let mut book = Book::new();
        book.push_item(BookItem::Chapter(Chapter::new(
            "Meetings",
            "---\nmeetings:\n  - id: w\n    title: Workshop\n    date: \"2014-04-23\"\n    \
             mention: A workshop met\n---\n# Meetings\n\nA workshop met in Turin.\n"
                .into(),
            "meetings.md",
            vec![],
        )));
        book
    }

    fn run(cfg: &Config) -> (Book, String) {
        let mut diags = Diagnostics::new();
        let book = transform(book(), cfg, Path::new("."), Path::new("src"), &mut diags);
        (book, diags.render())
    }

    fn config(timeline: bool) -> Config {
        let mut cfg = Config::default();
        cfg.organisations.enable = false;
        cfg.agenda.enable = false;
        cfg.endnotes.enable = false;
        cfg.documents.enable = false;
        cfg.timeline.enable = timeline;
        cfg
    }

    #[test]
    fn the_timeline_page_follows_the_explore_part_title_and_anchors_the_paragraph() {
        let (book, diags) = run(&config(true));
        assert_eq!(diags, "0 errors, 0 warnings");
        let names: Vec<String> = book
            .items
            .iter()
            .map(|i| match i {
                BookItem::Chapter(c) => c.name.clone(),
                BookItem::PartTitle(t) => format!("part: {t}"),
                BookItem::Separator => "---".into(),
            })
            .collect();
        assert_eq!(
            names,
            ["Meetings", "part: Explore the document", "Timeline"]
        );
        let BookItem::Chapter(page) = &book.items[2] else {
            panic!("a chapter")
        };
        assert_eq!(page.path.as_deref(), Some(Path::new("timeline.md")));
        assert!(
            page.content
                .contains("<li class=\"timeline-entry\" id=\"meeting-w\"")
        );
        let BookItem::Chapter(ch) = &book.items[0] else {
            panic!("a chapter")
        };
        assert!(ch.content.contains(
            "<span id=\"p-a-workshop-met-in-turin\" class=\"anchor-target\"></span>A workshop met"
        ));
    }

    #[test]
    fn with_permalinks_every_paragraph_gets_an_id_and_a_link_at_its_end() {
        let (book, _) = run(&config(false));
        let BookItem::Chapter(ch) = &book.items[0] else {
            panic!("a chapter")
        };
        // The paragraph, then (last) the page's description for its `<head>`.
        assert!(ch.content.contains(
            "\n<span id=\"p-a-workshop-met-in-turin\" class=\"anchor-target\"></span>A workshop met in Turin.\
             <a class=\"permalink report-generated\" href=\"#p-a-workshop-met-in-turin\" aria-label=\"Link to this paragraph\"></a>\n\n<!-- report-meta "
        ), "{}", ch.content);
    }

    #[test]
    fn the_timeline_can_be_switched_off() {
        let mut cfg = config(false);
        cfg.permalinks.enable = false;
        let (book, diags) = run(&cfg);
        assert_eq!(diags, "0 errors, 0 warnings");
        assert_eq!(book.items.len(), 1);
        let BookItem::Chapter(ch) = &book.items[0] else {
            panic!("a chapter")
        };
        assert!(!ch.content.contains("anchor-target"));
    }

    /// The names of `book`'s chapters and part titles, in order.
    fn names(book: &Book) -> Vec<String> {
        book.items
            .iter()
            .map(|i| match i {
                BookItem::Chapter(c) => c.name.clone(),
                BookItem::PartTitle(t) => format!("part: {t}"),
                BookItem::Separator => "---".into(),
            })
            .collect()
    }

    #[test]
    fn without_a_registry_or_a_reference_to_one_the_organisations_leave_no_trace() {
        let dir = tempfile::tempdir().unwrap();
        let mut cfg = config(false);
        cfg.organisations.enable = true;
        let mut diags = Diagnostics::new();
        let book = transform(book(), &cfg, dir.path(), Path::new("src"), &mut diags);
        assert_eq!(diags.render(), "0 errors, 0 warnings");
        assert_eq!(names(&book), ["Meetings"]);
    }

    #[test]
    fn configured_agenda_items_make_the_overview_page() {
        let mut cfg = config(false);
        cfg.agenda.enable = true;
        cfg.agenda.items = vec!["A workshop met in Turin".into()];
        let (book, diags) = run(&cfg);
        assert_eq!(diags, "0 errors, 0 warnings");
        assert_eq!(
            names(&book),
            ["Meetings", "part: Explore the document", "Agenda"]
        );
        cfg.agenda.items.clear();
        let (book, _) = run(&cfg);
        assert_eq!(names(&book), ["Meetings"]);
    }

    #[test]
    fn handed_over_pages_cross_beside_the_book_and_their_chapters_hold_a_placeholder() {
        let mut diags = Diagnostics::new();
        let dir = tempfile::tempdir().unwrap();
        let site = site(
            book(),
            &config(true),
            dir.path(),
            Path::new("src"),
            &mut diags,
        );
        assert_eq!(diags.render(), "0 errors, 0 warnings");
        let paths: Vec<&str> = site.bodies.iter().map(|b| b.path.as_str()).collect();
        assert_eq!(paths, ["timeline.html"]);
        assert!(site.bodies[0].html.contains("id=\"meeting-w\""));
        let BookItem::Chapter(page) = &site.book.items[2] else {
            panic!("a chapter")
        };
        assert!(
            page.content
                .starts_with(&bodies::placeholder(&site.bodies[0])),
            "{}",
            page.content
        );
        assert!(!page.content.contains("timeline-entry"));
    }

    /// A two-chapter book with two organisations named together, built with `cfg`.
    fn small(cfg: &Config) -> (Vec<(String, String)>, Vec<exports::File>) {
        use mdbook_preprocessor::book::Chapter;
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("data")).unwrap();
        std::fs::write(
            dir.path().join("data/organisations.yaml"),
            "organisations:\n  - {id: wmo, name: World Meteorological Organization, acronym: WMO, website: https://wmo.int}\n  - {id: who, name: World Health Organization, acronym: WHO}\n",
        )
        .unwrap();
        let mut book = Book::new();
        book.push_item(BookItem::Chapter(Chapter::new(
            "Water",
            "# Water\n\nWMO and WHO measure, with \"quotes\", commas.\n\nWHO alone.\n".into(),
            "water.md",
            vec![],
        )));
        let mut diags = Diagnostics::new();
        let site = site(
            book,
            cfg,
            dir.path(),
            std::path::Path::new("src"),
            &mut diags,
        );
        assert_eq!(diags.render(), "0 errors, 0 warnings");
        let mut pages = Vec::new();
        for item in site.book.iter() {
            if let BookItem::Chapter(ch) = item {
                // A generated page's body crosses beside its chapter.
                let path = ch.path.as_ref().unwrap();
                let html = path.with_extension("html").display().to_string();
                let body = site.bodies.iter().find(|b| b.path == html);
                let content = body.map_or_else(|| ch.content.clone(), |b| b.html.clone());
                pages.push((path.display().to_string(), content));
            }
        }
        (pages, site.files)
    }

    #[test]
    fn the_open_data_the_network_and_the_json_ld_each_switch_off() {
        let mut cfg = Config::default();
        cfg.endnotes.enable = false;
        cfg.timeline.enable = false;
        let page = |pages: &[(String, String)], p: &str| {
            pages.iter().find(|(n, _)| n == p).map(|(_, c)| c.clone())
        };
        let (pages, files) = small(&cfg);
        let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "organisations.csv",
                "organisations.json",
                "mentions.csv",
                "network.json"
            ]
        );
        assert!(page(&pages, "data.md").is_some());
        let network = page(&pages, "network.md").expect("the network page");
        assert!(network.contains("<svg class=\"network\""));
        let wmo = page(&pages, "organisations/wmo.md").unwrap();
        assert!(
            wmo.contains("<ol class=\"org-partners report-generated\">"),
            "{wmo}"
        );
        assert!(wmo.contains("\"sameAs\":[\"https://wmo.int\"]"), "{wmo}");
        cfg.data.enable = false;
        cfg.network.enable = false;
        let (pages, files) = small(&cfg);
        assert!(files.is_empty());
        assert!(page(&pages, "data.md").is_none() && page(&pages, "network.md").is_none());
        let wmo = page(&pages, "organisations/wmo.md").unwrap();
        assert!(!wmo.contains("org-partners") && !wmo.contains("application/ld+json"));
    }

    #[test]
    fn a_snippet_with_quotes_and_commas_reads_back_as_one_cell() {
        let mut cfg = Config::default();
        cfg.endnotes.enable = false;
        cfg.timeline.enable = false;
        let (_, files) = small(&cfg);
        let csv = files.iter().find(|f| f.name == "mentions.csv").unwrap();
        let mut reader = csv::Reader::from_reader(&csv.bytes[..]);
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 3);
        assert_eq!(&rows[0][0], "wmo");
        assert_eq!(&rows[0][1], "Water");
        assert_eq!(&rows[0][3], "water.html#p-wmo-and-who-measure-with-quotes");
        assert!(
            rows[0][4].starts_with("WMO and WHO measure, with "),
            "{:?}",
            &rows[0][4]
        );
        assert!(rows[0][4].ends_with("commas."));
        assert_eq!(&rows[2][0], "who");
    }

    #[test]
    fn a_book_naming_organisations_without_a_registry_is_told_once_where_it_goes() {
        let dir = tempfile::tempdir().unwrap();
        let mut cfg = config(false);
        cfg.organisations.enable = true;
        let mut book = Book::new();
        book.push_item(BookItem::Chapter(Chapter::new(
            "Water",
            "---\nmeetings:\n  - id: m\n    title: Talks\n    date: \"2014-04-23\"\n    \
             mention: Talks were held\n    organisers: [wmo]\n---\n# Water\n\nTalks were held. See \
             [item one](agenda:1), then [the WHO](org:who) and [the WMO](org:wmo).\n"
                .into(),
            "water.md",
            vec![],
        )));
        let mut diags = Diagnostics::new();
        let book = transform(book, &cfg, dir.path(), Path::new("src"), &mut diags);
        // At the first `org:` link (not the `agenda:` one before it), the other link and the
        // organiser folded into it.
        assert_eq!(
            diags.render(),
            "src/water.md:11:49: error: `org:who` names an organisation, but the book has no \
             organisation registry (and 2 other references) [org-without-registry]\n  \
             = hint: list the book's organisations in `data/organisations.yaml` (see README.md, \
             \"Organisations\"), or leave the reference out\n1 error, 0 warnings"
        );
        assert_eq!(names(&book), ["Water"]);
    }

    #[test]
    fn the_organisations_come_last_under_their_part_title_unless_it_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("data")).unwrap();
        std::fs::write(
            dir.path().join("data/organisations.yaml"),
            "organisations:\n  - {id: turin, name: Turin}\n",
        )
        .unwrap();
        let mut cfg = config(true);
        cfg.organisations.enable = true;
        cfg.network.enable = false;
        cfg.data.enable = false;
        let built = |cfg: &Config| {
            let mut diags = Diagnostics::new();
            let book = transform(book(), cfg, dir.path(), Path::new("src"), &mut diags);
            assert_eq!(diags.render(), "0 errors, 0 warnings");
            names(&book)
        };
        assert_eq!(
            built(&cfg),
            [
                "Meetings",
                "part: Explore the document",
                "Timeline",
                "part: Organisations",
                "Organisations"
            ]
        );
        cfg.organisations.part = String::new();
        assert_eq!(
            built(&cfg),
            [
                "Meetings",
                "part: Explore the document",
                "Timeline",
                "Organisations"
            ]
        );
    }
}
