//! The generated network page: which organisations the document names together, drawn at build
//! time as an SVG (visible without JavaScript, the same bytes on every build) with the table of
//! the pairs after it for readers who do not see the picture.
//!
//! Layout: a circle, the organisations grouped by kind (the registry's order of kinds, a gap
//! between groups) and by name within a kind, each a mark whose area grows with its mentions and
//! whose shape (circle, square, diamond, triangle, hexagon) and colour say its kind, labelled
//! with its short name; a line joins two organisations named together, wider the more often. A
//! circle was chosen over a force layout: it is deterministic without a seed, every label has
//! its own place on the rim (at ninety organisations a force layout piles the most connected
//! ones, and their labels, in the middle), and a kind's members stay side by side, so how much
//! one kind works with another shows as the bundle of lines between two arcs. The picture
//! draws the `max-nodes` most mentioned organisations and the `max-pairs` strongest pairs
//! among them (on a book of a hundred reports, hundreds of organisations: the most present);
//! the table lists the same pairs and `network.json` all of them.
//!
//! On a phone the circle would be a third of its size, its labels 5 px and its marks too small
//! to tap, so a second drawing of the same organisations and pairs takes its place below 600 px
//! ([`list`], the stylesheet shows one or the other): a list, grouped by kind under the kind's
//! name, one row per organisation (its mark, its name on up to two lines at 14 px in a picture
//! 340 units wide, the whole row its link), with an arc on the right joining two organisations
//! named together (an arc diagram: neighbours' arcs are short, a kind's ties with another are
//! the long ones). Both carry each mark's organisation (`data-org`) and each line's pair
//! (`data-orgs`), from which `theme/pictures.js` shows one organisation's partners when a
//! reader picks it, and names them.
//!
//! What a reader learns from it at 360 px, for this repository's report, is in
//! `docs/src/pictures.md`.

pub(crate) use super::Context;
use super::templates::{Templates, fragment};
use crate::base::diagnostics::Diagnostics;
use crate::base::html::{self, Html, Page};
use crate::base::text::{capitalise, plural, truncate};
use crate::features::organisations::Organisations;
use crate::model::orgs::Directory;
use crate::model::{OrgId, generated_chapter};
use crate::outputs::network::{Network, Pair};
use mdbook_preprocessor::book::Chapter;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::f64::consts::PI;
use std::path::Path;

/// The picture's side, in SVG units.
const SIZE: f64 = 1000.0;
/// The circle's radius.
const RADIUS: f64 = 290.0;
/// Labels longer than this are cut (the mark's title has the whole name).
const LABEL: usize = 24;
/// The largest mark's radius (the smallest is [`MIN_MARK`]).
const MAX_MARK: f64 = 14.0;
const MIN_MARK: f64 = 3.0;
/// Shapes, by kind (in the registry's order, repeating); organisations without a kind: circles.
const SHAPES: usize = 5;
/// Colours (`net-colour-N` in theme/report.css), by kind, repeating: with five shapes, 35
/// kinds before a shape and colour repeat.
const COLOURS: usize = 7;
/// The legend's rows, below the circle, in two columns.
const LEGEND_ROW: f64 = 24.0;

/// The phone's list: its width in SVG units (about the width of a phone's text column, so a
/// unit is about a pixel there).
const LIST_WIDTH: f64 = 340.0;
/// Where a row's name starts, after its mark.
const LIST_TEXT: f64 = 30.0;
/// A line of a name (the stylesheet sets the list's text at 14 units).
const LIST_LINE: f64 = 17.0;
/// A row's height with a one-line name: a tap target of about 24 px.
const LIST_ROW: f64 = 25.0;
/// A kind's heading row.
const LIST_HEADING: f64 = 30.0;
/// Characters of a name per line, at most two lines.
const LIST_CHARS: usize = 25;
/// Where the arcs start, right of the names.
const LIST_ARCS: f64 = 236.0;
/// How far right an arc may bend.
const LIST_BEND: f64 = 100.0;

/// The mark's classes of a kind (by index).
fn kind_class(kind: Option<usize>) -> String {
    kind.map_or("net-other".to_string(), |k| {
        format!("net-colour-{}", k % COLOURS)
    })
}

/// The circle's labels: short names cut at [`LABEL`] characters, and where two cuts would read
/// the same ("Thematic Working Group…"), the words they share after the first one left out
/// ("Thematic … on Data on…").
fn labels(names: &[&str]) -> Vec<String> {
    let cut: Vec<String> = names.iter().map(|n| truncate(n, LABEL)).collect();
    let mut out = cut.clone();
    for (i, label) in cut.iter().enumerate() {
        let same: Vec<usize> = (0..cut.len()).filter(|&j| &cut[j] == label).collect();
        if same.len() < 2 || !label.ends_with('…') {
            continue;
        }
        let words = |k: usize| names[k].split_whitespace().collect::<Vec<_>>();
        let mine = words(i);
        let shared = same
            .iter()
            .map(|&j| {
                mine.iter()
                    .zip(words(j))
                    .take_while(|(a, b)| **a == *b)
                    .count()
            })
            .min()
            .unwrap_or(0);
        if shared >= 2 && shared < mine.len() {
            let rest = mine[shared..].join(" ");
            out[i] = truncate(&format!("{} … {rest}", mine[0]), LABEL);
        }
    }
    out
}

/// `text` on at most `lines` lines of at most `width` characters, cut at words; what does not
/// fit ends the last line with "…".
fn wrap(text: &str, width: usize, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let words: Vec<&str> = text.split_whitespace().collect();
    for (k, word) in words.iter().enumerate() {
        let fits = out
            .last()
            .is_some_and(|line| line.chars().count() + 1 + word.chars().count() <= width);
        if fits {
            if let Some(line) = out.last_mut() {
                line.push(' ');
                line.push_str(word);
            }
        } else if out.len() == lines {
            let last = out.pop().unwrap_or_default();
            out.push(truncate(&format!("{last} {}", words[k..].join(" ")), width));
            return out;
        } else {
            out.push(truncate(word, width));
        }
    }
    out
}

/// What the picture draws: the organisations, in their order on the circle, and the pairs.
pub(crate) struct Drawn<'a> {
    /// The organisations.
    pub orgs: Vec<OrgId>,
    /// The pairs among them, strongest first.
    pub pairs: Vec<&'a Pair>,
}

/// The `max_nodes` most mentioned organisations (named at least once), grouped by kind and by
/// name, and the `max_pairs` strongest pairs among them.
pub(crate) fn drawn<'a>(
    dir: &Directory,
    network: &'a Network,
    max_nodes: usize,
    max_pairs: usize,
) -> Drawn<'a> {
    let mut orgs: Vec<OrgId> = dir
        .iter()
        .map(|(i, _)| i)
        .filter(|i| network.mentions[i.0] > 0)
        .collect();
    // Stable: equal counts stay in registry order.
    orgs.sort_by_key(|i| std::cmp::Reverse(network.mentions[i.0]));
    orgs.truncate(max_nodes);
    orgs.sort_by_key(|&i| {
        let org = dir.org(i);
        (
            org.kind.unwrap_or(usize::MAX),
            org.short_name().to_lowercase(),
        )
    });
    let shown: std::collections::HashSet<OrgId> = orgs.iter().copied().collect();
    let pairs = network
        .pairs
        .iter()
        .filter(|p| shown.contains(&p.a) && shown.contains(&p.b))
        .take(max_pairs)
        .collect();
    Drawn { orgs, pairs }
}

/// The mentions of the most mentioned organisation drawn (at least 1), for the marks' sizes.
fn most_mentioned(network: &Network, drawn: &Drawn<'_>) -> f64 {
    drawn
        .orgs
        .iter()
        .map(|i| network.mentions[i.0])
        .max()
        .unwrap_or(1)
        .max(1) as f64
}

/// A mark of `shape` centred on (`x`, `y`) with radius `r`, as a path.
fn mark(shape: Option<usize>, x: f64, y: f64, r: f64) -> String {
    let polygon = |points: &[(f64, f64)]| {
        let mut d = String::new();
        for (k, (px, py)) in points.iter().enumerate() {
            let step = if k == 0 { "M" } else { " L" };
            d.push_str(&format!("{step}{:.1} {:.1}", x + px * r, y + py * r));
        }
        d + " Z"
    };
    match shape.map(|s| s % SHAPES) {
        Some(1) => polygon(&[(-0.9, -0.9), (0.9, -0.9), (0.9, 0.9), (-0.9, 0.9)]),
        Some(2) => polygon(&[(0.0, -1.25), (1.25, 0.0), (0.0, 1.25), (-1.25, 0.0)]),
        Some(3) => polygon(&[(0.0, -1.3), (1.15, 0.75), (-1.15, 0.75)]),
        Some(4) => {
            let pts: Vec<(f64, f64)> = (0..6)
                .map(|k| {
                    let a = PI / 3.0 * k as f64;
                    (1.1 * a.cos(), 1.1 * a.sin())
                })
                .collect();
            polygon(&pts)
        }
        _ => format!(
            "M{:.1} {:.1} a{r:.1} {r:.1} 0 1 0 {:.1} 0 a{r:.1} {r:.1} 0 1 0 {:.1} 0 Z",
            x - r,
            y,
            2.0 * r,
            -2.0 * r
        ),
    }
}

/// The SVG. `from` is the page it is on (its links are relative to it); `title` its title.
/// Attribute names are written as mdBook's serializer writes them, lower case (`viewbox`):
/// HTML's parser gives SVG's their case back.
pub(crate) fn svg(
    dir: &Directory,
    network: &Network,
    drawn: &Drawn<'_>,
    from: &Path,
    title: &str,
) -> Html<Page> {
    let kinds: Vec<Option<usize>> = drawn.orgs.iter().map(|&i| dir.org(i).kind).collect();
    let at = positions(drawn, &kinds);
    let mut seen: Vec<Option<usize>> = kinds.clone();
    seen.dedup();
    let kind_name = |k: Option<usize>| {
        k.and_then(|k| dir.kinds.get(k))
            .map_or("other", |k| k.plural.as_str())
    };
    let kind_names: Vec<&str> = seen.iter().map(|&k| kind_name(k)).collect();
    let height = SIZE + LEGEND_ROW * seen.len().div_ceil(2) as f64;
    let mut h = Html::new();
    h.open("svg")
        .attr("class", "network")
        .attr("xmlns", "http://www.w3.org/2000/svg")
        .attr("viewbox", format_args!("0 0 {SIZE} {height}"))
        .attr("role", "group")
        .attr("aria-labelledby", "network-title")
        .attr("aria-describedby", "network-desc")
        .close()
        .newline();
    h.open("title")
        .attr("id", "network-title")
        .close()
        .text(title)
        .close("title")
        .newline();
    h.open("desc")
        .attr("id", "network-desc")
        .close()
        .text(format_args!(
            "{} around a circle, grouped by kind ({}); a larger mark is more mentions; a line joins two organisations named together, the wider the more often ({} drawn). The table after the picture lists the same pairs.",
            plural(drawn.orgs.len(), "organisation"),
            kind_names.join(", "),
            plural(drawn.pairs.len(), "pair"),
        ))
        .close("desc")
        .newline();
    pair_lines(&mut h, dir, drawn, &at);
    marks(&mut h, dir, network, drawn, from, &kinds, &at);
    // The legend: each kind's shape, colour and name, below the circle in two columns.
    for (row, (&kind, name)) in seen.iter().zip(&kind_names).enumerate() {
        let x = 20.0 + (row % 2) as f64 * SIZE / 2.0;
        let y = SIZE - 6.0 + LEGEND_ROW * (row / 2) as f64;
        h.open("g").attr("class", "network-legend").close();
        h.open("path")
            .attr("class", kind_class(kind))
            .attr("d", mark(kind, x, y, 7.0))
            .self_close();
        h.open("text")
            .attr("x", format_args!("{:.1}", x + 16.0))
            .attr("y", format_args!("{y:.1}"))
            .attr("dominant-baseline", "middle")
            .close()
            .text(name)
            .close("text");
        h.close("g").newline();
    }
    h.close("svg");
    h
}

/// Each drawn organisation's place on the circle: its angle and its centre's x and y. In the
/// drawing's order, a gap of two places between kinds (none with a single kind); `kinds` is
/// each one's kind.
fn positions(drawn: &Drawn<'_>, kinds: &[Option<usize>]) -> HashMap<OrgId, (f64, f64, f64)> {
    let groups = kinds.windows(2).filter(|w| w[0] != w[1]).count() + 1;
    let gap = if groups > 1 { 2 } else { 0 };
    let places = (drawn.orgs.len() + gap * groups).max(1) as f64;
    let c = SIZE / 2.0;
    let mut at = HashMap::new();
    let mut place = 0usize;
    for (k, &i) in drawn.orgs.iter().enumerate() {
        if k > 0 && kinds[k] != kinds[k - 1] {
            place += gap;
        }
        let angle = 2.0 * PI * place as f64 / places - PI / 2.0;
        at.insert(
            i,
            (angle, c + RADIUS * angle.cos(), c + RADIUS * angle.sin()),
        );
        place += 1;
    }
    at
}

/// The pairs' lines, each bent towards the centre and the wider the more often the two are
/// named together.
fn pair_lines(
    h: &mut Html<Page>,
    dir: &Directory,
    drawn: &Drawn<'_>,
    at: &HashMap<OrgId, (f64, f64, f64)>,
) {
    let c = SIZE / 2.0;
    let max_w = drawn.pairs.first().map_or(1, |p| p.weight()).max(1) as f64;
    h.open("g").attr("class", "network-pairs").close().newline();
    for p in &drawn.pairs {
        let (_, x1, y1) = at[&p.a];
        let (_, x2, y2) = at[&p.b];
        // Bent towards the centre, so lines between neighbours stay apart from the rim.
        let (qx, qy) = ((x1 + x2) / 4.0 + c / 2.0, (y1 + y2) / 4.0 + c / 2.0);
        h.open("path")
            .attr(
                "d",
                format_args!("M{x1:.1} {y1:.1} Q{qx:.1} {qy:.1} {x2:.1} {y2:.1}"),
            )
            .attr(
                "stroke-width",
                format_args!("{:.2}", 0.6 + 4.4 * p.weight() as f64 / max_w),
            )
            .attr("data-orgs", pair_ids(dir, p))
            .self_close()
            .newline();
    }
    h.close("g").newline();
}

/// Each organisation's mark, the larger the more it is mentioned, in its kind's shape, and its
/// name along the radius: a link to its page (from the page at `from`).
fn marks(
    h: &mut Html<Page>,
    dir: &Directory,
    network: &Network,
    drawn: &Drawn<'_>,
    from: &Path,
    kinds: &[Option<usize>],
    at: &HashMap<OrgId, (f64, f64, f64)>,
) {
    let c = SIZE / 2.0;
    let max_m = most_mentioned(network, drawn);
    let names: Vec<&str> = drawn
        .orgs
        .iter()
        .map(|&i| dir.org(i).short_name())
        .collect();
    let labels = labels(&names);
    h.open("g").attr("class", "network-orgs").close().newline();
    for (k, &i) in drawn.orgs.iter().enumerate() {
        let (angle, x, y) = at[&i];
        let m = network.mentions[i.0];
        let r = MIN_MARK + (MAX_MARK - MIN_MARK) * (m as f64 / max_m).sqrt();
        let deg = angle.to_degrees();
        let (anchor, rotate) = if angle.cos() >= -1e-9 {
            ("start", deg)
        } else {
            ("end", deg + 180.0)
        };
        let lx = c + (RADIUS + MAX_MARK + 6.0) * angle.cos();
        let ly = c + (RADIUS + MAX_MARK + 6.0) * angle.sin();
        h.open("a")
            .attr("href", html::href(from, &dir.page(i), None))
            .attr("data-org", &dir.org(i).id)
            .close();
        h.element("title", mark_title(dir, network, i));
        h.open("path")
            .attr("class", kind_class(kinds[k]))
            .attr("d", mark(kinds[k], x, y, r))
            .self_close();
        h.open("text")
            .attr("x", format_args!("{lx:.1}"))
            .attr("y", format_args!("{ly:.1}"))
            .attr("text-anchor", anchor)
            .attr("dominant-baseline", "middle")
            .attr(
                "transform",
                format_args!("rotate({rotate:.1} {lx:.1} {ly:.1})"),
            )
            .close()
            .text(&labels[k])
            .close("text");
        h.close("a").newline();
    }
    h.close("g").newline();
}

/// A line's pair, for `theme/pictures.js`: `a b` (the registry's ids).
fn pair_ids(dir: &Directory, p: &Pair) -> String {
    format!("{} {}", dir.org(p.a).id, dir.org(p.b).id)
}

/// The mark's title: "Name (ACR): kind; 12 mentions, 3 partners".
fn mark_title(dir: &Directory, network: &Network, i: OrgId) -> String {
    let org = dir.org(i);
    let kind = match org.kind.and_then(|k| dir.kinds.get(k)) {
        Some(kind) => format!("{}; ", kind.label),
        None => String::new(),
    };
    format!(
        "{}: {kind}{}, {}",
        org.display_name(),
        plural(network.mentions[i.0], "mention"),
        plural(network.partners(i).count(), "partner")
    )
}

/// The phone's drawing of the same organisations and pairs (see the module documentation): rows
/// grouped by kind under the kind's name, arcs on the right.
pub(crate) fn list(
    dir: &Directory,
    network: &Network,
    drawn: &Drawn<'_>,
    from: &Path,
) -> Html<Page> {
    let max_m = most_mentioned(network, drawn);
    let mut rows = Html::new();
    let mut mid: HashMap<OrgId, f64> = HashMap::new();
    let mut y = 0.0;
    let mut kind = None;
    for (k, &i) in drawn.orgs.iter().enumerate() {
        let org = dir.org(i);
        if k == 0 || org.kind != kind {
            kind = org.kind;
            let name = kind
                .and_then(|k| dir.kinds.get(k))
                .map_or("other", |k| k.plural.as_str());
            rows.open("text")
                .attr("class", "network-list-kind")
                .attr("x", "4")
                .attr("y", format_args!("{:.1}", y + LIST_HEADING - 9.0))
                .close()
                .text(capitalise(name))
                .close("text")
                .newline();
            y += LIST_HEADING;
        }
        let lines = wrap(org.short_name(), LIST_CHARS, 2);
        let height = LIST_ROW + LIST_LINE * (lines.len().max(1) - 1) as f64;
        let centre = y + height / 2.0;
        mid.insert(i, centre);
        let r = 3.0 + 6.0 * (network.mentions[i.0] as f64 / max_m).sqrt();
        let first = centre - LIST_LINE * (lines.len().max(1) - 1) as f64 / 2.0;
        rows.open("a")
            .attr("href", html::href(from, &dir.page(i), None))
            .attr("data-org", &org.id)
            .close();
        rows.element("title", mark_title(dir, network, i));
        rows.open("rect")
            .attr("class", "network-list-row")
            .attr("x", "0")
            .attr("y", format_args!("{y:.1}"))
            .attr("width", LIST_WIDTH)
            .attr("height", format_args!("{height:.1}"))
            .self_close();
        rows.open("path")
            .attr("class", kind_class(org.kind))
            .attr("d", mark(org.kind, 14.0, centre, r))
            .self_close();
        rows.open("text")
            .attr("dominant-baseline", "middle")
            .close();
        for (n, line) in lines.iter().enumerate() {
            rows.open("tspan")
                .attr("x", LIST_TEXT)
                .attr("y", format_args!("{:.1}", first + LIST_LINE * n as f64))
                .close()
                .text(line)
                .close("tspan");
        }
        rows.close("text").close("a").newline();
        y += height;
    }
    let max_w = drawn.pairs.first().map_or(1, |p| p.weight()).max(1) as f64;
    let mut h = Html::new();
    h.open("svg")
        .attr("class", "network-list")
        .attr("xmlns", "http://www.w3.org/2000/svg")
        .attr("viewbox", format_args!("0 0 {LIST_WIDTH} {:.0}", y + 4.0))
        .attr("role", "group")
        .attr("aria-labelledby", "network-list-title")
        .close()
        .newline();
    h.open("title")
        .attr("id", "network-list-title")
        .close()
        .text(format_args!(
            "{} in a list by kind, each joined to those it is named with by an arc on the right ({} drawn)",
            plural(drawn.orgs.len(), "organisation"),
            plural(drawn.pairs.len(), "pair"),
        ))
        .close("title")
        .newline();
    h.open("g").attr("class", "network-pairs").close().newline();
    for p in &drawn.pairs {
        let (y1, y2) = (mid[&p.a], mid[&p.b]);
        let bend = LIST_BEND.min((y2 - y1).abs() * 0.6).max(8.0) * 4.0 / 3.0;
        let x = LIST_ARCS + bend;
        h.open("path")
            .attr(
                "d",
                format_args!(
                    "M{LIST_ARCS} {y1:.1} C{x:.1} {y1:.1} {x:.1} {y2:.1} {LIST_ARCS} {y2:.1}"
                ),
            )
            .attr(
                "stroke-width",
                format_args!("{:.2}", 0.6 + 2.4 * p.weight() as f64 / max_w),
            )
            .attr("data-orgs", pair_ids(dir, p))
            .self_close()
            .newline();
    }
    h.close("g").newline();
    h.open("g").attr("class", "network-orgs").close().newline();
    h.push(&rows);
    h.close("g").newline().close("svg");
    h
}

/// The page: its introduction, the picture and the table of the pairs, from the template
/// `network` ([`Templates`]).
pub(crate) fn chapter(
    orgs: &Organisations,
    network: &Network,
    cx: Context<'_>,
    templates: &Templates,
    diags: &mut Diagnostics,
) -> Chapter {
    let cfg = &cx.cfg.network;
    let dir = orgs.directory();
    let page = &cfg.page;
    let drawn = drawn(dir, network, cfg.max_nodes, cfg.max_pairs);
    let named = network.mentions.iter().filter(|&&m| m > 0).count();
    let intro = cx.cfg.phrase(
        &cfg.introduction,
        &[
            ("count", &named.to_string()),
            ("pairs", &plural(network.pairs.len(), "pair")),
        ],
    );
    let link = |o: OrgId| {
        json!({
            "name": dir.org(o).short_name(),
            "title": dir.org(o).name,
            "href": html::href(page, &dir.page(o), None),
        })
    };
    let pairs: Vec<Value> = drawn
        .pairs
        .iter()
        .map(|p| {
            json!({
                "a": link(p.a),
                "b": link(p.b),
                "paragraphs": p.paragraphs.len(),
                "meetings": p.meetings.len(),
                "together": p.weight(),
            })
        })
        .collect();
    let mut data = json!({
        "title": cfg.title,
        "introduction": intro,
        "picture": fragment(svg(dir, network, &drawn, page, &cfg.title)),
        "list": fragment(list(dir, network, &drawn, page)),
        "caption": "Organisations around a circle, grouped by kind, each mark’s shape and colour its kind and its size its mentions; lines join organisations named together.",
        "pairs": {
            "caption": format!("The {} drawn", plural(drawn.pairs.len(), "pair")),
            "list": pairs,
        },
    });
    if drawn.orgs.len() < named || drawn.pairs.len() < network.pairs.len() {
        data["shown"] = json!({
            "organisations": plural(drawn.orgs.len(), "organisation"),
            "pairs": plural(drawn.pairs.len(), "pair"),
            "json": html::relative(
                page,
                Path::new(crate::outputs::exports::open_data::NETWORK_JSON.file)
            ),
        });
    }
    let body = templates.render("network", &data, diags);
    generated_chapter(&cfg.title, page, body, vec![])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BlockId, ChapterId};

    fn network() -> (Directory, Network) {
        let dir = crate::features::timeline::tests::orgs();
        let pair = Pair {
            a: OrgId(0),
            b: OrgId(1),
            paragraphs: vec![(ChapterId(0), BlockId(0))],
            meetings: vec![],
        };
        let net = Network::new(vec![4, 1], vec![pair]);
        (dir, net)
    }

    #[test]
    fn the_picture_is_well_formed_svg_with_a_title_a_description_and_a_link_per_organisation() {
        let (dir, net) = network();
        let drawn = drawn(&dir, &net, 10, 10);
        let svg = svg(&dir, &net, &drawn, Path::new("network.md"), "Who & whom").into_string();
        let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        let child = |name: &str| {
            root.children()
                .find(|n| n.tag_name().name() == name)
                .and_then(|n| n.text())
                .map(str::to_string)
        };
        assert_eq!(child("title").as_deref(), Some("Who & whom"));
        assert!(
            child("desc")
                .unwrap()
                .starts_with("2 organisations around a circle")
        );
        let links: Vec<&str> = doc
            .descendants()
            .filter(|n| n.tag_name().name() == "a")
            .filter_map(|n| n.attribute("href"))
            .collect();
        assert_eq!(links, ["agencies/ilo.html", "agencies/unhcr.html"]);
        let titles: Vec<String> = doc
            .descendants()
            .filter(|n| n.tag_name().name() == "a")
            .map(|a| a.first_element_child().unwrap().text().unwrap().to_string())
            .collect();
        assert_eq!(
            titles[0],
            "International Labour Organization (ILO): 4 mentions, 1 partner"
        );
        // One line for the pair; the same bytes every time.
        assert_eq!(svg.matches("<path d=\"M").count(), 1);
        assert_eq!(
            svg,
            super::svg(&dir, &net, &drawn, Path::new("network.md"), "Who & whom").into_string()
        );
    }

    #[test]
    fn only_the_most_mentioned_are_drawn_and_only_pairs_among_them() {
        let (dir, net) = network();
        let drawn = drawn(&dir, &net, 1, 10);
        assert_eq!(drawn.orgs, [OrgId(0)]);
        assert!(drawn.pairs.is_empty());
    }

    #[test]
    fn the_phones_list_has_a_row_per_organisation_under_its_kind_and_an_arc_per_pair() {
        let (dir, net) = network();
        let drawn = drawn(&dir, &net, 10, 10);
        let list = list(&dir, &net, &drawn, Path::new("network.md")).into_string();
        let doc = roxmltree::Document::parse(&list).expect("well-formed XML");
        let rows: Vec<(&str, &str)> = doc
            .descendants()
            .filter(|n| n.tag_name().name() == "a")
            .map(|a| {
                (
                    a.attribute("href").unwrap(),
                    a.attribute("data-org").unwrap(),
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                ("agencies/ilo.html", "ilo"),
                ("agencies/unhcr.html", "unhcr")
            ]
        );
        let arcs: Vec<&str> = doc
            .descendants()
            .filter_map(|n| n.attribute("data-orgs"))
            .collect();
        assert_eq!(arcs, ["ilo unhcr"]);
        // Each row is at least a tap target high, its name in the row.
        for rect in doc
            .descendants()
            .filter(|n| n.attribute("class") == Some("network-list-row"))
        {
            assert!(rect.attribute("height").unwrap().parse::<f64>().unwrap() >= LIST_ROW);
        }
        let headings = doc
            .descendants()
            .filter(|n| n.attribute("class") == Some("network-list-kind"))
            .count();
        assert!(headings >= 1);
    }

    #[test]
    fn long_names_wrap_on_two_lines_at_most_and_cut_labels_stay_apart() {
        assert_eq!(
            wrap(
                "Working Group on International Migration in the Arab Region",
                25,
                2
            ),
            ["Working Group on", "International Migration…"]
        );
        assert_eq!(wrap("UNHCR", 25, 2), ["UNHCR"]);
        assert_eq!(
            wrap("Committee of the Rights of the Child", 25, 2),
            ["Committee of the Rights", "of the Child"]
        );
        let names = [
            "Thematic Working Group on Data on Migration and Remittance Flows",
            "Thematic Working Group on Low-Skilled Labour Migration",
            "Thematic Working Group 7 on Migrant Rights and Social Aspects of Migration",
            "UNHCR",
        ];
        let labels = labels(&names);
        // Worked out by hand: each cut to "Thematic Working Group…", then the first word and
        // what follows the three words all of them share, cut again.
        assert_eq!(
            labels,
            [
                "Thematic … on Data on…",
                "Thematic … on…",
                "Thematic … 7 on Migrant…",
                "UNHCR"
            ]
        );
        // Two alike (four words shared) are told apart too; two the same stay as they are cut.
        assert_eq!(
            super::labels(&names[..2]),
            ["Thematic … Data on…", "Thematic … Low-Skilled…"]
        );
        assert_eq!(
            super::labels(&[names[0], names[0]]),
            ["Thematic Working Group…", "Thematic Working Group…"]
        );
        let distinct: std::collections::HashSet<&String> = labels.iter().collect();
        assert_eq!(distinct.len(), names.len(), "{labels:?}");
        assert!(
            labels.iter().all(|l| l.chars().count() <= LABEL + 1),
            "{labels:?}"
        );
    }

    /// Five organisations of two kinds and none, four of them named: `zeta` (4 mentions) and
    /// `alpha` (1) agencies, `fund` (9) a fund, `gamma` (0) and `omega` (1, a long name) of no
    /// kind; `zeta` and `fund` named together twice, `alpha` and `zeta` once, `fund` and
    /// `gamma` once.
    fn kinds_network() -> (Directory, Network) {
        let mut diags = Diagnostics::new();
        let yaml = "kinds:\n\
                    - {id: agency, label: Specialized agency, plural: Specialized agencies}\n\
                    - {id: fund, label: Fund, plural: Funds}\n\
                    organisations:\n\
                    - {id: zeta, name: Zeta Agency, acronym: ZA, kind: agency}\n\
                    - {id: alpha, name: Alpha Agency, acronym: AA, kind: agency}\n\
                    - {id: fund, name: Beta Fund, acronym: BF, kind: fund}\n\
                    - {id: gamma, name: Gamma Group}\n\
                    - {id: omega, name: Omega Body for the Very Long Names of Things}\n";
        let dir = crate::features::organisations::registry::parse(
            yaml,
            Path::new("data/organisations.yaml"),
            Path::new("organisations"),
            &mut diags,
        )
        .directory;
        assert_eq!(diags.render(), "0 errors, 0 warnings");
        let pair = |a: usize, b: usize, n: usize| Pair {
            a: OrgId(a),
            b: OrgId(b),
            paragraphs: (0..n).map(|k| (ChapterId(0), BlockId(k))).collect(),
            meetings: vec![],
        };
        let net = Network::new(
            vec![4, 1, 9, 0, 1],
            vec![pair(1, 0, 1), pair(0, 2, 2), pair(2, 3, 1)],
        );
        (dir, net)
    }

    /// Each element named `name` of `svg`'s group of class `group`, as the values of `attrs`.
    fn attrs_in(svg: &str, group: &str, name: &str, attrs: &[&str]) -> Vec<Vec<String>> {
        let doc = roxmltree::Document::parse(svg).expect("well-formed XML");
        doc.descendants()
            .filter(|n| n.attribute("class") == Some(group))
            .flat_map(|g| g.descendants().filter(|n| n.tag_name().name() == name))
            .map(|n| {
                attrs
                    .iter()
                    .map(|a| n.attribute(*a).unwrap_or_default().to_string())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn the_named_are_drawn_by_kind_in_the_registrys_order_then_by_short_name() {
        let (dir, net) = kinds_network();
        let all = drawn(&dir, &net, 10, 10);
        assert_eq!(
            all.orgs,
            [1, 0, 2, 4].map(OrgId),
            "AA, ZA; BF; no kind last"
        );
        let ids: Vec<String> = all.pairs.iter().map(|p| pair_ids(&dir, p)).collect();
        assert_eq!(
            ids,
            ["zeta fund", "alpha zeta"],
            "strongest first, gamma not drawn"
        );
        // The two most mentioned, and a tie (alpha and omega, 1 each) kept in registry order.
        assert_eq!(drawn(&dir, &net, 2, 10).orgs, [0, 2].map(OrgId));
        assert_eq!(drawn(&dir, &net, 3, 10).orgs, [1, 0, 2].map(OrgId));
        assert_eq!(drawn(&dir, &net, 10, 1).pairs.len(), 1);
    }

    #[test]
    fn the_circle_places_each_kind_together_with_a_gap_of_two_places_between_kinds() {
        // Four drawn and three groups: ten places, taken by 0, 1 | 4 | 7, from the top
        // clockwise; radius 290 around (500, 500); marks of area proportional to mentions
        // (radius 3 + 11 × √(m / 9)); an agency's a circle, a fund's (second kind) a square.
        // The figures were computed apart from the code, from those rules.
        let (dir, net) = kinds_network();
        let all = drawn(&dir, &net, 10, 10);
        let svg = svg(&dir, &net, &all, Path::new("network.md"), "Network").into_string();
        assert_eq!(
            attrs_in(&svg, "network-orgs", "path", &["d"]).concat(),
            [
                "M493.3 210.0 a6.7 6.7 0 1 0 13.3 0 a6.7 6.7 0 1 0 -13.3 0 Z",
                "M660.1 265.4 a10.3 10.3 0 1 0 20.7 0 a10.3 10.3 0 1 0 -20.7 0 Z",
                "M657.9 722.0 L683.1 722.0 L683.1 747.2 L657.9 747.2 Z",
                "M217.5 589.6 a6.7 6.7 0 1 0 13.3 0 a6.7 6.7 0 1 0 -13.3 0 Z",
            ]
        );
        // Labels 20 units outside the largest mark, along the radius: read from the left on
        // the right half, turned half a turn and ending at the rim on the left half.
        assert_eq!(
            attrs_in(
                &svg,
                "network-orgs",
                "text",
                &["x", "y", "text-anchor", "transform"]
            ),
            [
                ["500.0", "190.0", "start", "rotate(-90.0 500.0 190.0)"],
                ["682.2", "249.2", "start", "rotate(-54.0 682.2 249.2)"],
                ["682.2", "750.8", "start", "rotate(54.0 682.2 750.8)"],
                ["205.2", "595.8", "end", "rotate(342.0 205.2 595.8)"],
            ]
        );
        // A pair's line from one centre to the other, bent halfway to the circle's centre,
        // 0.6 + 4.4 × its weight over the strongest's wide.
        assert_eq!(
            attrs_in(
                &svg,
                "network-pairs",
                "path",
                &["d", "stroke-width", "data-orgs"]
            ),
            [
                ["M670.5 265.4 Q585.2 500.0 670.5 734.6", "5.00", "zeta fund"],
                [
                    "M500.0 210.0 Q542.6 368.8 670.5 265.4",
                    "2.80",
                    "alpha zeta"
                ],
            ]
        );
        // The legend: a kind a row, in two columns, below the circle, which grows the picture.
        assert_eq!(
            attrs_in(&svg, "network-legend", "path", &["d", "class"]),
            [
                [
                    "M13.0 994.0 a7.0 7.0 0 1 0 14.0 0 a7.0 7.0 0 1 0 -14.0 0 Z",
                    "net-colour-0"
                ],
                [
                    "M513.7 987.7 L526.3 987.7 L526.3 1000.3 L513.7 1000.3 Z",
                    "net-colour-1"
                ],
                [
                    "M13.0 1018.0 a7.0 7.0 0 1 0 14.0 0 a7.0 7.0 0 1 0 -14.0 0 Z",
                    "net-other"
                ],
            ]
        );
        let legend: Vec<String> = roxmltree::Document::parse(&svg)
            .unwrap()
            .descendants()
            .filter(|n| n.attribute("class") == Some("network-legend"))
            .map(|g| {
                let t = g.children().find(|n| n.has_tag_name("text")).unwrap();
                format!(
                    "{} {} {}",
                    t.attribute("x").unwrap(),
                    t.attribute("y").unwrap(),
                    t.text().unwrap()
                )
            })
            .collect();
        assert_eq!(
            legend,
            [
                "36.0 994.0 Specialized agencies",
                "536.0 994.0 Funds",
                "36.0 1018.0 other"
            ]
        );
        assert!(svg.contains(r#"viewbox="0 0 1000 1048""#), "{svg}");
        assert!(svg.contains(
            "<desc id=\"network-desc\">4 organisations around a circle, grouped by kind \
             (Specialized agencies, Funds, other);"
        ));
        assert!(svg.contains("(2 pairs drawn)"));
    }

    #[test]
    fn one_kind_has_no_gap_and_a_lone_organisation_sits_at_the_top() {
        let (dir, net) = kinds_network();
        let agencies = Drawn {
            orgs: vec![OrgId(1), OrgId(0)],
            pairs: vec![],
        };
        let svg = svg(&dir, &net, &agencies, Path::new("network.md"), "N").into_string();
        // Two places: the top and the bottom; the larger mark is ZA's (4 mentions, the most).
        assert_eq!(
            attrs_in(&svg, "network-orgs", "path", &["d"]).concat(),
            [
                "M491.5 210.0 a8.5 8.5 0 1 0 17.0 0 a8.5 8.5 0 1 0 -17.0 0 Z",
                "M486.0 790.0 a14.0 14.0 0 1 0 28.0 0 a14.0 14.0 0 1 0 -28.0 0 Z",
            ]
        );
        assert!(svg.contains(r#"viewbox="0 0 1000 1024""#), "{svg}");
        let none = Drawn {
            orgs: vec![],
            pairs: vec![],
        };
        let empty = super::svg(&dir, &net, &none, Path::new("network.md"), "N").into_string();
        assert!(empty.contains("0 organisations around a circle"), "{empty}");
    }

    #[test]
    fn each_kind_has_its_shape_and_colour_repeating_after_five_and_seven() {
        let at = |shape| mark(shape, 100.0, 100.0, 10.0);
        let circle = "M90.0 100.0 a10.0 10.0 0 1 0 20.0 0 a10.0 10.0 0 1 0 -20.0 0 Z";
        assert_eq!(at(None), circle);
        assert_eq!(at(Some(0)), circle);
        assert_eq!(at(Some(5)), circle);
        assert_eq!(
            at(Some(1)),
            "M91.0 91.0 L109.0 91.0 L109.0 109.0 L91.0 109.0 Z"
        );
        assert_eq!(at(Some(6)), at(Some(1)));
        assert_eq!(
            at(Some(2)),
            "M100.0 87.5 L112.5 100.0 L100.0 112.5 L87.5 100.0 Z"
        );
        assert_eq!(at(Some(3)), "M100.0 87.0 L111.5 107.5 L88.5 107.5 Z");
        assert_eq!(
            at(Some(4)),
            "M111.0 100.0 L105.5 109.5 L94.5 109.5 L89.0 100.0 L94.5 90.5 L105.5 90.5 Z"
        );
        assert_eq!(kind_class(None), "net-other");
        assert_eq!(kind_class(Some(1)), "net-colour-1");
        assert_eq!(kind_class(Some(8)), "net-colour-1");
    }

    #[test]
    fn the_phones_list_stacks_rows_under_kind_headings_with_arcs_on_the_right() {
        // Headings 30 high (text 9 above their bottom), rows 25 high and 17 more for a second
        // line, marks at x 14 with radius 3 + 6 × √(m / 9), arcs from x 236 bending right by
        // 4/3 of 0.6 × their span (at least 8, at most 100), 0.6 + 2.4 × weight over the
        // strongest's wide. Computed apart from the code, from those rules.
        let (dir, net) = kinds_network();
        let all = drawn(&dir, &net, 10, 10);
        let list = list(&dir, &net, &all, Path::new("network.md")).into_string();
        let doc = roxmltree::Document::parse(&list).unwrap();
        let headings: Vec<(&str, &str)> = doc
            .descendants()
            .filter(|n| n.attribute("class") == Some("network-list-kind"))
            .map(|n| (n.attribute("y").unwrap(), n.text().unwrap()))
            .collect();
        assert_eq!(
            headings,
            [
                ("21.0", "Specialized agencies"),
                ("101.0", "Funds"),
                ("156.0", "Other")
            ]
        );
        let rows: Vec<(&str, &str)> = doc
            .descendants()
            .filter(|n| n.attribute("class") == Some("network-list-row"))
            .map(|n| (n.attribute("y").unwrap(), n.attribute("height").unwrap()))
            .collect();
        assert_eq!(
            rows,
            [
                ("30.0", "25.0"),
                ("55.0", "25.0"),
                ("110.0", "25.0"),
                ("165.0", "42.0")
            ]
        );
        let marks: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("path") && n.attribute("data-orgs").is_none())
            .map(|n| n.attribute("d").unwrap())
            .collect();
        assert_eq!(
            marks,
            [
                "M9.0 42.5 a5.0 5.0 0 1 0 10.0 0 a5.0 5.0 0 1 0 -10.0 0 Z",
                "M7.0 67.5 a7.0 7.0 0 1 0 14.0 0 a7.0 7.0 0 1 0 -14.0 0 Z",
                "M5.9 114.4 L22.1 114.4 L22.1 130.6 L5.9 130.6 Z",
                "M9.0 186.0 a5.0 5.0 0 1 0 10.0 0 a5.0 5.0 0 1 0 -10.0 0 Z",
            ]
        );
        let lines: Vec<(&str, &str, &str)> = doc
            .descendants()
            .filter(|n| n.has_tag_name("tspan"))
            .map(|n| {
                (
                    n.attribute("x").unwrap(),
                    n.attribute("y").unwrap(),
                    n.text().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            lines,
            [
                ("30", "42.5", "AA"),
                ("30", "67.5", "ZA"),
                ("30", "122.5", "BF"),
                ("30", "177.5", "Omega Body for the Very"),
                ("30", "194.5", "Long Names of Things"),
            ]
        );
        assert_eq!(
            attrs_in(
                &list,
                "network-pairs",
                "path",
                &["d", "stroke-width", "data-orgs"]
            ),
            [
                [
                    "M236 67.5 C280.0 67.5 280.0 122.5 236 122.5",
                    "3.00",
                    "zeta fund"
                ],
                [
                    "M236 42.5 C256.0 42.5 256.0 67.5 236 67.5",
                    "1.80",
                    "alpha zeta"
                ],
            ]
        );
        assert!(list.contains(r#"viewbox="0 0 340 211""#), "{list}");
        assert!(list.contains(
            "4 organisations in a list by kind, each joined to those it is named with by an \
             arc on the right (2 pairs drawn)"
        ));
    }

    #[test]
    fn an_arc_bends_at_least_8_and_at_most_100_units_by_four_thirds() {
        let (dir, net) = kinds_network();
        // Neighbours in one kind (25 apart) and the two ends of a long list.
        let far = Pair {
            a: OrgId(1),
            b: OrgId(4),
            paragraphs: vec![(ChapterId(0), BlockId(0))],
            meetings: vec![],
        };
        let drawn = Drawn {
            orgs: vec![OrgId(1), OrgId(4)],
            pairs: vec![&far],
        };
        let list = list(&dir, &net, &drawn, Path::new("n.md")).into_string();
        // alpha's row centre 42.5; omega's: 30 + 25 + 30 (its heading) + 21 = 106.0.
        // 0.6 × 63.5 = 38.1, by 4/3: 50.8.
        assert_eq!(
            attrs_in(&list, "network-pairs", "path", &["d"]).concat(),
            ["M236 42.5 C286.8 42.5 286.8 106.0 236 106.0"]
        );
        let near = Pair {
            a: OrgId(1),
            b: OrgId(1),
            paragraphs: vec![(ChapterId(0), BlockId(0))],
            meetings: vec![],
        };
        let same = Drawn {
            orgs: vec![OrgId(1)],
            pairs: vec![&near],
        };
        let list = super::list(&dir, &net, &same, Path::new("n.md")).into_string();
        // No span: at least 8, by 4/3.
        assert_eq!(
            attrs_in(&list, "network-pairs", "path", &["d", "stroke-width"]),
            [["M236 42.5 C246.7 42.5 246.7 42.5 236 42.5", "3.00"]]
        );
    }

    #[test]
    fn the_page_says_what_the_picture_leaves_out_only_when_it_leaves_something_out() {
        let mut diags = Diagnostics::new();
        let m = crate::model::testing::model(
            &[(
                "a.md",
                "# A\n\nThe ILO and the UNHCR met.\n\nThe ILO and the WHO met.\n",
            )],
            &mut diags,
        );
        let mut cfg = crate::config::Config::default();
        let orgs = crate::features::organisations::collect_with_registry(
            "organisations:\n\
             - {id: un, name: United Nations System}\n\
             - {id: ilo, name: International Labour Organization, acronym: ILO, parent: un}\n\
             - {id: unhcr, name: Refugee Agency, acronym: UNHCR}\n\
             - {id: who, name: World Health Organization, acronym: WHO}\n",
            &m,
            &cfg.organisations,
            &mut diags,
        );
        let net = Network::build(&orgs, None);
        let page = |cfg: &crate::config::Config, diags: &mut Diagnostics| {
            let cx = Context {
                model: &m,
                cfg,
                orgs: Some(&orgs),
                agenda: None,
                timeline: None,
                network: Some(&net),
            };
            chapter(&orgs, &net, cx, &Templates::built_in(), diags)
        };
        // Three named (their parent, kept for its child, is not), two pairs: all drawn,
        // nothing said.
        let all = page(&cfg, &mut diags);
        assert_eq!(all.name, "Who works with whom");
        assert_eq!(all.path.as_deref(), Some(Path::new("network.md")));
        assert!(
            all.content.contains(
                "The document names 3 organisations together in 2 pairs: in one paragraph, or \
                 as organisers of one meeting. Each mark links"
            ),
            "{}",
            all.content
        );
        // Fewer organisations drawn, or fewer pairs.
        cfg.network.max_nodes = 2;
        let fewer = page(&cfg, &mut diags);
        assert!(
            fewer.content.contains(
                "The picture shows the 2 organisations most mentioned and the 1 pair strongest \
                 among them; <a href=\"network.json\">network.json</a> has them all."
            ),
            "{}",
            fewer.content
        );
        cfg.network.max_nodes = 3;
        cfg.network.max_pairs = 1;
        let pairs = page(&cfg, &mut diags);
        assert!(
            pairs
                .content
                .contains("The picture shows the 3 organisations most mentioned and the 1 pair"),
            "{}",
            pairs.content
        );
        assert_eq!(diags.errors(), 0, "{}", diags.render());
    }
}
