//! The generated organisation pages on the real site: each GMG member's page links to every
//! chapter whose text names it (found by searching the Markdown, not the site's links), and
//! every mention link lands on a paragraph of that chapter; the facts of the registry.

use crate::common;

use common::{page, sel, site};
use mdbook_report::config::OrgPages;
use std::collections::BTreeSet;

/// Chapter pages (from the sidebar's order) that are report chapters, not generated pages.
fn report_pages() -> Vec<String> {
    common::summary_chapters()
        .iter()
        .map(|md| md.replace(".md", ".html"))
        .collect()
}

use common::RegistryEntry as Entry;

/// The report chapters whose Markdown names `org`, found by plain search of the source: its
/// name, acronym or another form as a whole word (a hyphen joins words: "UN-DESA" is not "UN"),
/// outside front matter and headings (never linked) and outside `never-link` phrases and the
/// longer names of other organisations that contain one of its spellings ("UNECE Statistical
/// Division" names the division, not UNECE).
fn chapters_naming(org: &Entry, all: &[Entry], never_link: &[&str]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let word = |form: &str| {
        regex::Regex::new(&format!(r"(?:^|[^\w-]){}(?:[^\w-]|$)", regex::escape(form))).unwrap()
    };
    let spellings = org.spellings();
    let longer: Vec<&str> = all
        .iter()
        .filter(|o| o.id != org.id)
        .flat_map(Entry::spellings)
        .filter(|f| spellings.iter().any(|s| f.contains(s) && f != s))
        .collect();
    for chapter in common::summary_chapters() {
        let text = std::fs::read_to_string(common::root().join("src").join(&chapter)).unwrap();
        let body = match text.strip_prefix("---\n") {
            Some(rest) => rest.split_once("\n---\n").expect("closed front matter").1,
            None => &text,
        };
        let mut prose: String = body
            .lines()
            .filter(|l| !l.starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n");
        for phrase in never_link.iter().chain(&longer) {
            prose = prose.replace(phrase, " ");
        }
        if spellings.iter().any(|f| word(f).is_match(&prose)) {
            out.insert(chapter.replace(".md", ".html"));
        }
    }
    out
}

#[test]
fn each_gmg_member_page_links_to_every_chapter_and_paragraph_that_mentions_it() {
    let all = &common::registry();
    // book.toml's `never-link`.
    let never_link = ["United Nations Global Migration Database"];
    let members: Vec<&Entry> = all
        .iter()
        .filter(|o| o.groups.iter().any(|g| g == "gmg"))
        .collect();
    assert_eq!(members.len(), 20);
    for org in members {
        let expected = chapters_naming(org, all, &never_link);
        assert!(!expected.is_empty(), "{}", org.id);
        let org_page = page(&format!("agencies/{}.html", org.id));
        let mut linked = BTreeSet::new();
        for a in org_page.select(&sel("ul.mentions a")) {
            let href = a.value().attr("href").unwrap();
            let (file, id) = href
                .trim_start_matches("../")
                .split_once('#')
                .expect("a paragraph link");
            let target = page(file);
            let paragraph = target
                .select(&sel(&format!("[id='{id}']")))
                .next()
                .unwrap_or_else(|| panic!("{}: {href} has no target", org.id));
            assert_eq!(
                paragraph.value().attr("class"),
                Some("anchor-target"),
                "{href}"
            );
            linked.insert(file.to_string());
        }
        let linked_report: BTreeSet<String> = linked
            .into_iter()
            .filter(|f| report_pages().contains(f))
            .collect();
        assert_eq!(linked_report, expected, "{}", org.id);
    }
    assert!(site().join("agencies/unicef.html").is_file());
}

/// Eight chapters naming UNICEF, one per agenda item; the first describes a meeting it organises.
fn small_book() -> Vec<(String, String)> {
    (1..=8)
        .map(|n| {
            let meeting = if n == 1 {
                "meetings:\n  - id: m\n    title: M\n    date: \"2014-06\"\n    organisers: [unicef]\n    mention: UNICEF works\n"
            } else {
                ""
            };
            (
                format!("p{n}.md"),
                format!("---\nagenda-item: {n}\n{meeting}---\n# Item {n}\n\nUNICEF works here.\n"),
            )
        })
        .collect()
}

fn unicef_page(cfg: &mdbook_report::config::Config) -> String {
    let chapters = small_book();
    let refs: Vec<(&str, &str)> = chapters
        .iter()
        .map(|(p, c)| (p.as_str(), c.as_str()))
        .collect();
    let (book, diags) = common::transform_with(&refs, common::REGISTRY, cfg);
    assert_eq!(diags, "0 errors, 0 warnings");
    common::content(&book, "agencies/unicef.md")
}

#[test]
fn a_feature_switched_off_leaves_no_trace_on_the_organisation_pages() {
    let (points, meetings) = (">Action points</a></h2>", ">Meetings</a></h2>");
    let all = unicef_page(&common::book_config());
    assert!(all.contains(points) && all.contains(meetings), "{all}");
    let mut cfg = common::book_config();
    cfg.agenda.enable = false;
    let page = unicef_page(&cfg);
    assert!(
        !page.contains("Action point") && page.contains(meetings),
        "{page}"
    );
    let mut cfg = common::book_config();
    cfg.timeline.enable = false;
    let page = unicef_page(&cfg);
    assert!(
        page.contains(points) && !page.contains("Meetings"),
        "{page}"
    );
}

/// The facts of `page`'s `dl.org-facts`, as `(term, text, link)`.
fn facts(page: &str) -> Vec<(String, String, Option<String>)> {
    let doc = common::page(page);
    let dl = doc
        .select(&sel("dl.org-facts"))
        .next()
        .expect("a facts list");
    let terms: Vec<String> = dl.select(&sel("dt")).map(|e| e.text().collect()).collect();
    let dd = sel("dd");
    let values = dl.select(&dd).map(|dd| {
        let link = dd
            .select(&sel("a"))
            .next()
            .and_then(|a| a.value().attr("href"))
            .map(String::from);
        (dd.text().collect::<String>(), link)
    });
    terms
        .into_iter()
        .zip(values)
        .map(|(t, (v, l))| (t, v, l))
        .collect()
}

/// Every fact the registry gives about ILO (`data/agencies.yaml`), hand-copied.
#[test]
fn an_organisation_page_states_the_registry_facts_its_website_included() {
    let ilo = facts("agencies/ilo.html");
    let has = |term: &str, value: &str, link: Option<&str>| {
        assert!(
            ilo.iter()
                .any(|(t, v, l)| t == term && v == value && l.as_deref() == link),
            "no {term}: {value} ({link:?}) in {ilo:?}"
        );
    };
    has(
        "Name in the report",
        "International Labour Organization",
        None,
    );
    has("Acronym", "ILO", None);
    has("Kind", "UN specialized agency", None);
    has("Global Migration Group", "Member in 2014", None);
    has("Website", "www.ilo.org", Some("https://www.ilo.org"));
    // An organisation without a website in the registry has no Website fact.
    let ilo_unit = facts("agencies/ilo-labour-migration-branch.html");
    assert!(
        ilo_unit.iter().all(|(t, _, _)| t != "Website"),
        "{ilo_unit:?}"
    );
}

/// Every generated page comes from its template, and a book's own template replaces the
/// built-in one on the built site (through the post-build step, which puts each body in place):
/// this book with a template of its own for each kind of page.
#[test]
fn a_book_template_of_each_kind_is_used_on_the_built_site() {
    use mdbook_report::build;
    // Every kind of generated page the user guide lists (docs/src/configuration.md, templates).
    const NAMES: &[&str] = &[
        "organisations",
        "organisation",
        "agenda",
        "timeline",
        "network",
        "data",
        "documents",
    ];
    let book = tempfile::tempdir().unwrap();
    for entry in ["book.toml", "src", "data", "theme"] {
        copy(&common::root().join(entry), &book.path().join(entry));
    }
    for name in NAMES {
        let title = if *name == "organisation" {
            "org.display_name"
        } else {
            "title"
        };
        std::fs::write(
            book.path().join(format!("theme/report/{name}.hbs")),
            format!("{{{{heading 1 {title}}}}}\n<p class=\"own-{name}\">{{{{{title}}}}}</p>\n"),
        )
        .unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    let options = build::Options {
        deny_warnings: Some(true),
        dest: Some(out.path().to_path_buf()),
        site_url: None,
    };
    let html = build::build(book.path(), &options).expect("the book builds");
    for (name, page, title) in [
        (
            "organisations",
            "agencies/index.html",
            "Agencies and organisations",
        ),
        (
            "organisation",
            "agencies/ilo.html",
            "International Labour Organization (ILO)",
        ),
        ("agenda", "agenda.html", "Eight-point agenda"),
        ("timeline", "timeline.html", "Timeline"),
        ("documents", "documents.html", "Documents cited"),
        ("network", "network.html", "Who works with whom"),
        ("data", "data.html", "Data"),
    ] {
        let text = std::fs::read_to_string(html.join(page)).unwrap();
        let main = &text[text.find("<main>").unwrap()..text.rfind("</main>").unwrap()];
        assert!(
            main.contains(&format!("<p class=\"own-{name}\">{title}</p>")),
            "{page}: {main}"
        );
        // Nothing of the built-in template, and no placeholder, is left.
        assert!(
            !main.contains("report-generated\">") && !main.contains("report-body"),
            "{page}: {main}"
        );
    }
}

/// Copies the file or directory `from` to `to`.
fn copy(from: &std::path::Path, to: &std::path::Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            copy(&entry.path(), &to.join(entry.file_name()));
        }
    } else {
        std::fs::copy(from, to).unwrap();
    }
}

/// A registry with more than the book names (one shared by many books): only what the book names
/// gets a page and a row on the index — an organisation in its text, a meeting's organiser (in
/// front matter only) and what these are part of — unless the book asks for every entry's.
#[test]
fn only_the_organisations_the_book_names_get_pages_unless_it_asks_for_all() {
    const REGISTRY: &str = "organisations:\n\
        \x20 - {id: un, name: United Nations}\n\
        \x20 - {id: ilo, name: International Labour Organization, acronym: ILO, parent: un}\n\
        \x20 - {id: iom, name: International Organization for Migration, acronym: IOM}\n\
        \x20 - {id: who, name: World Health Organization, acronym: WHO}\n\
        \x20 - {id: wfp, name: World Food Programme, acronym: WFP, parent: un}\n";
    const CHAPTER: &str = "---\nmeetings:\n  - id: m\n    title: M\n    date: \"2014-06\"\n    \
        organisers: [iom]\n    mention: The forum met\n---\n# One\n\nThe ILO spoke. The forum met.\n";
    let pages = |pages: OrgPages| {
        let mut cfg = common::feature_config();
        cfg.organisations.pages = pages;
        let (book, diags) = common::transform_with(&[("a.md", CHAPTER)], REGISTRY, &cfg);
        assert_eq!(diags, "0 errors, 0 warnings");
        let index = common::content(&book, "agencies/index.md");
        let mut out = BTreeSet::new();
        for item in book.iter() {
            if let mdbook_preprocessor::book::BookItem::Chapter(ch) = item {
                let path = ch.path.as_ref().unwrap().display().to_string();
                if let Some(id) = path.strip_prefix("agencies/") {
                    let listed = id == "index.md"
                        || index.contains(&format!("\"{}\"", id.replace(".md", ".html")));
                    out.insert((id.to_string(), listed));
                }
            }
        }
        out
    };
    let named: Vec<_> = pages(OrgPages::Named).into_iter().collect();
    let page = |id: &str| (id.to_string(), true);
    assert_eq!(
        named,
        [
            page("ilo.md"),
            page("index.md"),
            page("iom.md"),
            page("un.md")
        ]
    );
    let all: Vec<_> = pages(OrgPages::All).into_iter().collect();
    assert_eq!(
        all,
        [
            page("ilo.md"),
            page("index.md"),
            page("iom.md"),
            page("un.md"),
            page("wfp.md"),
            page("who.md")
        ]
    );
}
