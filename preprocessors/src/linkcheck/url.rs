//! What a URL found in a page points at, resolved as a browser resolves it: the URL standard's
//! parsing of a reference against the page's base URL (the page itself, or its `<base href>`),
//! and the HTML standard's rules for finding the fragment's target.
//!
//! Paths of the site are `/`-separated and relative to its root, without a leading `/`; a
//! directory ends in `/`; they stay percent-encoded until a file is looked up. A path that
//! leaves the site starts with `../`: the site's root has parents the checker knows nothing of,
//! except the sibling sites a book declares ([`sibling_address`]). Pure string work, no file
//! system access, so every rule here is unit-tested.

use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};
use std::borrow::Cow;

/// Where a page's relative URLs start: its base URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Base {
    /// A path of this site (or above its root, starting with `../`).
    Local(String),
    /// An `http(s)` address, or a protocol-relative `//host/…`: every relative URL is external.
    External(String),
    /// An address of another scheme (`mailto:`): no relative URL can be resolved against it.
    Opaque,
}

/// A URL as the checker sees it, resolved against its base.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Target {
    /// `http:`, `https:`, `mailto:` or protocol-relative: listed, fetched on request.
    External(String),
    /// Another scheme (`javascript:`, `data:`, `tel:`, …): nothing to check.
    Other,
    /// `""` (after the whitespace a browser strips).
    Empty,
    /// `#` alone: a link that goes nowhere.
    HashOnly,
    /// A path of this site, or above its root.
    Local(Local),
}

/// A resolved URL of this site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Local {
    /// The path, normalised (no `.` or `..` segments but leading `../`), still percent-encoded.
    pub path: String,
    /// The query, without `?`.
    pub query: Option<String>,
    /// The fragment, without `#`, as the URL parser leaves it (spaces, quotes, `<`, `>`, `` ` ``,
    /// controls and non-ASCII percent-encoded).
    pub fragment: Option<String>,
}

impl Local {
    /// Whether the path leaves the site.
    pub(super) fn leaves_site(&self) -> bool {
        self.path.starts_with("../")
    }
}

/// The URL standard's fragment percent-encode set.
const FRAGMENT: &AsciiSet = &CONTROLS.add(b' ').add(b'"').add(b'<').add(b'>').add(b'`');

/// An attribute's URL as the URL parser reads it: without leading and trailing C0 controls and
/// spaces, without tabs and newlines anywhere, and with `\` as `/` before the query (as in every
/// `http(s)` URL).
fn clean(raw: &str) -> String {
    let trimmed = raw.trim_matches(|c: char| c <= ' ');
    let mut out: String = trimmed
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let end = out.find(['?', '#']).unwrap_or(out.len());
    if out[..end].contains('\\') && !is_opaque(&out) {
        let path = out[..end].replace('\\', "/");
        out.replace_range(..end, &path);
    }
    out
}

/// A URL with a scheme other than `http(s)`, whose backslashes are its own.
fn is_opaque(url: &str) -> bool {
    scheme(url).is_some_and(|s| !s.eq_ignore_ascii_case("http") && !s.eq_ignore_ascii_case("https"))
}

/// Resolves `raw` (an attribute value, entities decoded) against `base`. Root-relative paths
/// (`/x`) start at the site's URL path `site_prefix` (`/`, or `/report/`).
pub(super) fn resolve(base: &Base, raw: &str, site_prefix: &str) -> Target {
    let url = clean(raw);
    if url.is_empty() {
        return Target::Empty;
    }
    if url == "#" {
        return Target::HashOnly;
    }
    if let Some(scheme) = scheme(&url) {
        return match scheme.to_ascii_lowercase().as_str() {
            "http" | "https" | "mailto" => Target::External(url),
            _ => Target::Other,
        };
    }
    if url.starts_with("//") {
        return Target::External(url);
    }
    match base {
        Base::External(base) => Target::External(join(base, &url)),
        Base::Opaque => Target::Other,
        Base::Local(base) => {
            let (rest, fragment) = split_once_opt(&url, '#');
            let (path, query) = split_once_opt(rest, '?');
            let path = if let Some(rooted) = path.strip_prefix('/') {
                from_root(rooted, site_prefix)
            } else if path.is_empty() {
                base.clone()
            } else {
                normalise(&format!("{}{path}", dir_of(base)))
            };
            Target::Local(Local {
                path,
                query: query.map(str::to_owned),
                fragment: fragment.map(|f| utf8_percent_encode(f, FRAGMENT).to_string()),
            })
        }
    }
}

/// The base URL a page's `<base href>` sets, per the HTML standard: the value resolved against
/// the page's own URL; the page's own URL when that fails or gives a `data:` or `javascript:`
/// URL.
pub(super) fn base_of(page: &str, href: Option<&str>, site_prefix: &str) -> Base {
    let own = Base::Local(page.to_owned());
    let Some(href) = href else {
        return own;
    };
    match resolve(&own, href, site_prefix) {
        Target::Local(local) => Base::Local(local.path),
        Target::External(url) => match scheme(&url) {
            Some(scheme) if scheme.eq_ignore_ascii_case("mailto") => Base::Opaque,
            _ => Base::External(url),
        },
        Target::Empty | Target::HashOnly => own,
        Target::Other => match scheme(&clean(href)).map(str::to_ascii_lowercase).as_deref() {
            Some("data" | "javascript") => own,
            _ => Base::Opaque,
        },
    }
}

fn split_once_opt(s: &str, at: char) -> (&str, Option<&str>) {
    match s.split_once(at) {
        Some((before, after)) => (before, Some(after)),
        None => (s, None),
    }
}

/// Whether `href` is a `data:` address (its scheme, in any case, after the spaces a browser
/// strips).
pub(super) fn is_data(href: &str) -> bool {
    scheme(&clean(href)).is_some_and(|s| s.eq_ignore_ascii_case("data"))
}

/// The scheme of an absolute URL (a letter, then letters, digits, `+`, `-`, `.`, before the
/// first `:`, which must come before any `/`, `?` or `#`).
fn scheme(url: &str) -> Option<&str> {
    let colon = url.find(':')?;
    let scheme = &url[..colon];
    let mut chars = scheme.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    (first_ok && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
        .then_some(scheme)
}

/// A single-dot path segment of the URL standard (`.` or `%2e`).
fn is_single_dot(segment: &str) -> bool {
    segment == "." || segment.eq_ignore_ascii_case("%2e")
}

/// A double-dot path segment of the URL standard (`..`, `.%2e`, `%2e.`, `%2e%2e`).
fn is_double_dot(segment: &str) -> bool {
    matches!(
        segment.to_ascii_lowercase().as_str(),
        ".." | ".%2e" | "%2e." | "%2e%2e"
    )
}

/// The segments of a path with its dot segments applied: a final `.` or `..` leaves a directory
/// (a last empty segment); `..` at the top counts in the first number (how far above the start
/// the path goes).
fn segments(path: &str) -> (usize, Vec<&str>) {
    let mut ups = 0;
    let mut out: Vec<&str> = Vec::new();
    let parts: Vec<&str> = path.split('/').collect();
    let last = parts.len() - 1;
    for (i, segment) in parts.into_iter().enumerate() {
        if is_double_dot(segment) {
            if out.pop().is_none() {
                ups += 1;
            }
            if i == last {
                out.push("");
            }
        } else if is_single_dot(segment) {
            if i == last {
                out.push("");
            }
        } else {
            out.push(segment);
        }
    }
    (ups, out)
}

/// A relative path (from the site's root) normalised: `a/./b/../c` → `a/c`, `../x` stays.
fn normalise(path: &str) -> String {
    let (ups, rest) = segments(path);
    let mut out = "../".repeat(ups);
    out.push_str(&rest.join("/"));
    out
}

/// The site path of a root-relative URL's path (`rooted`, after its `/`), given the site URL's
/// path `site_prefix`: `/report/a.html` is `a.html` under `/report/`, `/other/x` is
/// `../other/x`. Above the host's root there is nothing: `/../x` is `/x`.
fn from_root(rooted: &str, site_prefix: &str) -> String {
    let (_, path) = segments(rooted);
    let prefix: Vec<&str> = site_prefix
        .trim_matches('/')
        .split('/')
        .filter(|s| !s.is_empty())
        .collect();
    if path == prefix {
        // `/report` for the site at `/report/`: its root.
        return String::new();
    }
    let dirs = &path[..path.len() - 1];
    let common = prefix.iter().zip(dirs).take_while(|(a, b)| a == b).count();
    let mut out = "../".repeat(prefix.len() - common);
    out.push_str(&path[common..].join("/"));
    out
}

/// `input` (not absolute, not protocol-relative) resolved against the absolute `http(s)` or
/// protocol-relative URL `base`, as the URL standard does (`..` stops at the host's root).
fn join(base: &str, input: &str) -> String {
    let after_scheme = base.find("//").map_or(0, |i| i + 2);
    let authority_end = base[after_scheme..]
        .find(['/', '?', '#'])
        .map_or(base.len(), |i| after_scheme + i);
    let origin = &base[..authority_end];
    let rest = &base[authority_end..];
    let (rest, _) = split_once_opt(rest, '#');
    let (path, query) = split_once_opt(rest, '?');
    let path = if path.is_empty() { "/" } else { path };
    let query = query.map(|q| format!("?{q}")).unwrap_or_default();
    match input.as_bytes().first() {
        None => format!("{origin}{path}{query}"),
        Some(b'#') => format!("{origin}{path}{query}{input}"),
        Some(b'?') => format!("{origin}{path}{input}"),
        _ => {
            let end = input.find(['?', '#']).unwrap_or(input.len());
            let (input_path, tail) = input.split_at(end);
            let joined: Cow<'_, str> = match input_path.strip_prefix('/') {
                Some(rooted) => Cow::Borrowed(rooted),
                None => Cow::Owned(format!("{}{input_path}", &dir_of(path)[1..])),
            };
            let (_, segments) = segments(&joined);
            format!("{origin}/{}{tail}", segments.join("/"))
        }
    }
}

/// The directory of a site path, `""` or ending in `/`.
pub(super) fn dir_of(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..=i])
}

/// The file a site path names on disk: percent-decoded, with empty segments (`a//b`) merged as
/// web servers merge them.
pub(super) fn file_path(path: &str) -> String {
    let parts: Vec<&str> = path.split('/').collect();
    let last = parts.len() - 1;
    parts
        .iter()
        .enumerate()
        .filter(|&(i, s)| i == last || !s.is_empty())
        .map(|(_, s)| percent_decode_str(s).decode_utf8_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// A fragment split at the fragment directive delimiter `:~:`: the part a browser looks up as
/// an id, and the directives after it, which it strips before looking.
pub(super) fn split_directive(fragment: &str) -> (&str, Option<&str>) {
    match fragment.split_once(":~:") {
        Some((id, directive)) => (id, Some(directive)),
        None => (fragment, None),
    }
}

/// Whether a browser finds the target of `fragment` (a URL's fragment, its directive removed)
/// on a page, per the HTML standard's "indicated part of the document": the empty fragment is
/// the top of the page; then the element with that id or the `<a>` with that name
/// (`has_target`), first as written, then percent-decoded (UTF-8); last, `top` in any case.
pub(super) fn finds_fragment(fragment: &str, has_target: impl Fn(&str) -> bool) -> bool {
    if fragment.is_empty() || has_target(fragment) {
        return true;
    }
    let decoded = percent_decode_str(fragment).decode_utf8_lossy();
    has_target(&decoded) || decoded.eq_ignore_ascii_case("top")
}

/// The address a path out of the site has on a sibling site: `../std/io/` with `../std/` →
/// `https://doc.rust-lang.org/std/` gives `https://doc.rust-lang.org/std/io/`, query and
/// fragment kept. The longest matching prefix wins; `siblings` are `(prefix, address)`, both
/// ending in `/`.
pub(super) fn sibling_address(local: &Local, siblings: &[(String, String)]) -> Option<String> {
    let (prefix, address) = siblings
        .iter()
        .filter(|(prefix, _)| {
            local.path.starts_with(prefix.as_str()) || format!("{}/", local.path) == *prefix
        })
        .max_by_key(|(prefix, _)| prefix.len())?;
    // From `./`: a rest starting with `/` (an empty segment) is not a path from the host's root.
    let mut rest = format!("./{}", local.path.get(prefix.len()..).unwrap_or_default());
    if let Some(query) = &local.query {
        rest.push('?');
        rest.push_str(query);
    }
    if let Some(fragment) = &local.fragment {
        rest.push('#');
        rest.push_str(fragment);
    }
    // Joined as a URL, so that `../` beyond a prefix of `../` alone stops at the host's root.
    Some(join(address, &rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(path: &str, query: Option<&str>, fragment: Option<&str>) -> Target {
        Target::Local(Local {
            path: path.into(),
            query: query.map(Into::into),
            fragment: fragment.map(Into::into),
        })
    }

    fn on_page(url: &str) -> Target {
        resolve(&Base::Local("a/b.html".into()), url, "/")
    }

    #[test]
    fn classifies_schemes_empty_and_hash_only_links() {
        let external = |u: &str| Target::External(u.into());
        assert_eq!(on_page("https://un.org/x"), external("https://un.org/x"));
        assert_eq!(on_page("HTTP://un.org"), external("HTTP://un.org"));
        assert_eq!(on_page("mailto:a@b.org"), external("mailto:a@b.org"));
        assert_eq!(on_page(" //cdn.org/x.js\n"), external("//cdn.org/x.js"));
        assert_eq!(on_page("javascript:void(0)"), Target::Other);
        assert_eq!(on_page("data:image/png;base64,xx"), Target::Other);
        assert_eq!(on_page(" \t "), Target::Empty);
        assert_eq!(on_page(" # "), Target::HashOnly);
        // A scheme is a letter, then letters, digits, `+`, `-` or `.`.
        assert_eq!(on_page("svn+ssh.x-y://h/x"), Target::Other);
        assert_eq!(on_page("1a:b"), local("a/1a:b", None, None));
        assert_eq!(on_page("a_b:c"), local("a/a_b:c", None, None));
        // A colon after a slash is not a scheme.
        assert_eq!(on_page("c/d:e.html"), local("a/c/d:e.html", None, None));
    }

    #[test]
    fn resolves_like_the_url_standard() {
        assert_eq!(
            on_page("../c.html?x=1#frag"),
            local("c.html", Some("x=1"), Some("frag"))
        );
        // `#x`, `?q` and `` keep the base's path.
        assert_eq!(on_page("#top"), local("a/b.html", None, Some("top")));
        assert_eq!(on_page("?q=a:b"), local("a/b.html", Some("q=a:b"), None));
        assert_eq!(on_page("./d/"), local("a/d/", None, None));
        assert_eq!(
            on_page("my%20file.html"),
            local("a/my%20file.html", None, None)
        );
        assert_eq!(on_page("/x.css"), local("x.css", None, None));
        assert_eq!(on_page(".."), local("", None, None));
        assert_eq!(on_page("."), local("a/", None, None));
        // Dot segments may be percent-encoded; backslashes are slashes; tabs and newlines vanish.
        assert_eq!(on_page("%2E%2e/x.html"), local("x.html", None, None));
        assert_eq!(on_page("x\\y.html"), local("a/x/y.html", None, None));
        assert_eq!(on_page("x\n.ht\tml"), local("a/x.html", None, None));
        // Empty segments are kept (a `..` removes one), as in a URL.
        assert_eq!(on_page("x//../y.html"), local("a/x/y.html", None, None));
        // The fragment is percent-encoded as the URL parser leaves it.
        assert_eq!(
            on_page("#caf\u{e9} a\"b"),
            local("a/b.html", None, Some("caf%C3%A9%20a%22b"))
        );
    }

    #[test]
    fn backslashes_are_slashes_in_http_urls_only() {
        let external = |u: &str| Target::External(u.into());
        // In `http(s)` URLs (and relative ones) a `\` before the query is a `/`, in any case of
        // the scheme ...
        assert_eq!(
            on_page("https:\\\\un.org\\a\\b.html?x=\\y"),
            external("https://un.org/a/b.html?x=\\y")
        );
        assert_eq!(on_page("HTTP:\\\\un.org\\a"), external("HTTP://un.org/a"));
        // ... but another scheme's path keeps it.
        assert_eq!(
            on_page("mailto:x\\y@un.org"),
            external("mailto:x\\y@un.org")
        );
    }

    #[test]
    fn a_single_dot_segment_may_be_percent_encoded() {
        assert_eq!(on_page("%2e/x.html"), local("a/x.html", None, None));
        assert_eq!(on_page("c/%2E"), local("a/c/", None, None));
        // Not a dot segment: a name with a dot in it.
        assert_eq!(on_page("%2ex/y.html"), local("a/%2ex/y.html", None, None));
    }

    #[test]
    fn data_addresses_are_known_by_their_scheme() {
        assert!(is_data("data:text/plain,x"));
        assert!(is_data(" \tDATA:image/png;base64,xx"));
        assert!(!is_data("javascript:void(0)"));
        assert!(!is_data("data.html"));
        assert!(!is_data("a/data:x"));
    }

    #[test]
    fn paths_above_the_root_leave_the_site() {
        let Target::Local(out) = resolve(&Base::Local("index.html".into()), "../std/", "/") else {
            panic!()
        };
        assert_eq!(out.path, "../std/");
        assert!(out.leaves_site());
        assert_eq!(
            resolve(&Base::Local("c/d.html".into()), "../../../x/y.html", "/"),
            local("../../x/y.html", None, None)
        );
        // Root-relative paths start at the site URL's path.
        let report = |url: &str| resolve(&Base::Local("a.html".into()), url, "/report/");
        assert_eq!(report("/report/x.css"), local("x.css", None, None));
        assert_eq!(report("/report"), local("", None, None));
        assert_eq!(report("/other/x.css"), local("../other/x.css", None, None));
        assert_eq!(report("/"), local("../", None, None));
        assert_eq!(report("/../report/x.css"), local("x.css", None, None));
        // A folder above the site's root named like the first folder of its URL path.
        let deep = |url: &str| resolve(&Base::Local("a.html".into()), url, "/docs/report/");
        assert_eq!(deep("/docs"), local("../../docs", None, None));
        assert_eq!(deep("/docs/"), local("../", None, None));
        assert_eq!(deep("/docs/x.css"), local("../x.css", None, None));
    }

    #[test]
    fn a_base_href_changes_where_every_relative_url_starts() {
        let base = |href: &str| base_of("a/page.html", Some(href), "/");
        assert_eq!(
            base_of("a/page.html", None, "/"),
            Base::Local("a/page.html".into())
        );
        assert_eq!(base("sub/"), Base::Local("a/sub/".into()));
        assert_eq!(base("/"), Base::Local("".into()));
        assert_eq!(base("../../up/"), Base::Local("../up/".into()));
        assert_eq!(
            base("https://example.com/root/"),
            Base::External("https://example.com/root/".into())
        );
        assert_eq!(base("//cdn.org/x/"), Base::External("//cdn.org/x/".into()));
        assert_eq!(base("#x"), Base::Local("a/page.html".into()));
        assert_eq!(base("  "), Base::Local("a/page.html".into()));
        // The HTML standard ignores `data:` and `javascript:` bases.
        assert_eq!(
            base("javascript:alert(1)"),
            Base::Local("a/page.html".into())
        );
        assert_eq!(base("mailto:x@un.org"), Base::Opaque);

        // `#here` goes to the base's page, not the one it is written on.
        let sub = base("sub/");
        assert_eq!(
            resolve(&sub, "#here", "/"),
            local("a/sub/", None, Some("here"))
        );
        assert_eq!(
            resolve(&sub, "x.html", "/"),
            local("a/sub/x.html", None, None)
        );
        assert_eq!(resolve(&Base::Opaque, "x.html", "/"), Target::Other);
    }

    #[test]
    fn relative_urls_under_an_external_base_are_external() {
        let base = Base::External("https://example.com/root/page.html?q=1#f".into());
        let at = |url: &str| resolve(&base, url, "/");
        let external = |u: &str| Target::External(u.into());
        assert_eq!(
            at("other.html"),
            external("https://example.com/root/other.html")
        );
        assert_eq!(
            at("../up.html#x"),
            external("https://example.com/up.html#x")
        );
        assert_eq!(at("../../../x"), external("https://example.com/x"));
        assert_eq!(at("/abs?y"), external("https://example.com/abs?y"));
        assert_eq!(
            at("#here"),
            external("https://example.com/root/page.html?q=1#here")
        );
        assert_eq!(
            at("?other"),
            external("https://example.com/root/page.html?other")
        );
        assert_eq!(at("https://b.org/"), external("https://b.org/"));
        let host_only = Base::External("https://example.com".into());
        assert_eq!(
            resolve(&host_only, "a.html", "/"),
            external("https://example.com/a.html")
        );
        // A short host: its end is found from the end of `//`, not further on.
        let short = Base::External("https://a.b/x/y.html".into());
        assert_eq!(
            resolve(&short, "../z.html", "/"),
            external("https://a.b/z.html")
        );
        assert_eq!(resolve(&short, "/abs", "/"), external("https://a.b/abs"));
        let relative = Base::External("//cdn.org/lib/".into());
        assert_eq!(
            resolve(&relative, "a.js", "/"),
            external("//cdn.org/lib/a.js")
        );
    }

    #[test]
    fn an_empty_reference_is_the_base_without_its_fragment() {
        assert_eq!(
            join("https://un.org/a/b.html?q=1#f", ""),
            "https://un.org/a/b.html?q=1"
        );
        assert_eq!(join("https://un.org", ""), "https://un.org/");
    }

    #[test]
    fn files_are_looked_up_decoded() {
        assert_eq!(file_path("a/my%20file.html"), "a/my file.html");
        assert_eq!(file_path("a//b/"), "a/b/");
        assert_eq!(file_path("caf%C3%A9.html"), "café.html");
    }

    #[test]
    fn fragments_are_found_as_the_html_standard_says() {
        let ids = ["café", "a b", "100%", "x%20y"];
        let finds = |f: &str| finds_fragment(f, |id| ids.contains(&id));
        assert!(finds("caf%C3%A9"));
        assert!(finds("a%20b"));
        assert!(finds("100%25"));
        // As written first: an id that looks encoded is found as it is.
        assert!(finds("x%20y"));
        assert!(finds(""));
        assert!(finds("TOP") && finds("%74op"));
        assert!(!finds("caf%C3%A8"));
        assert!(!finds("topp"));
        assert_eq!(
            split_directive("intro:~:text=fox"),
            ("intro", Some("text=fox"))
        );
        assert_eq!(split_directive(":~:text=a:~:b"), ("", Some("text=a:~:b")));
        assert_eq!(split_directive("plain"), ("plain", None));
    }

    #[test]
    fn sibling_sites_take_paths_out_of_the_site() {
        let siblings = [
            (
                "../std/".to_owned(),
                "https://doc.rust-lang.org/std/".to_owned(),
            ),
            (
                "../std/io/".to_owned(),
                "https://io.example.org/".to_owned(),
            ),
            ("../".to_owned(), "https://example.org/".to_owned()),
        ];
        let address = |path: &str, query: Option<&str>, fragment: Option<&str>| {
            let local = Local {
                path: path.into(),
                query: query.map(Into::into),
                fragment: fragment.map(Into::into),
            };
            sibling_address(&local, &siblings)
        };
        assert_eq!(
            address(
                "../std/vec/struct.Vec.html",
                Some("q=1"),
                Some("method.push")
            )
            .as_deref(),
            Some("https://doc.rust-lang.org/std/vec/struct.Vec.html?q=1#method.push")
        );
        assert_eq!(
            address("../std", None, None).as_deref(),
            Some("https://doc.rust-lang.org/std/")
        );
        assert_eq!(
            address("../std/io/x.html", None, None).as_deref(),
            Some("https://io.example.org/x.html")
        );
        // An empty segment after the prefix stays one, as in the URL the browser opens.
        assert_eq!(
            address("../std//x.html", None, None).as_deref(),
            Some("https://doc.rust-lang.org/std//x.html")
        );
        assert_eq!(
            address("../stdlib/", None, None).as_deref(),
            Some("https://example.org/stdlib/")
        );
        assert_eq!(
            address("../../../up.html", None, Some("x")).as_deref(),
            Some("https://example.org/up.html#x")
        );
        assert_eq!(
            sibling_address(
                &Local {
                    path: "../x".into(),
                    query: None,
                    fragment: None
                },
                &siblings[..2]
            ),
            None
        );
    }
}
