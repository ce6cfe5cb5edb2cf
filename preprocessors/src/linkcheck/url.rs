//! What a URL found in a page points at: another site, nothing, or a file of this site.
//!
//! Pure string work on site-relative paths (`/`-separated, no leading `/`, directories ending in
//! `/`): no file system access, so every rule here is unit-tested.

use percent_encoding::percent_decode_str;
use std::borrow::Cow;

/// A URL as the checker sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Url<'a> {
    /// `http:`, `https:`, `mailto:` or protocol-relative `//host/…`: listed, fetched on request.
    External,
    /// Another scheme (`javascript:`, `data:`, `tel:`, …): nothing to check.
    Other,
    /// `""` (after trimming whitespace).
    Empty,
    /// `#` alone: a link that goes nowhere.
    HashOnly,
    /// A path of this site, relative to the page or to the site root.
    Local {
        /// The path part, still percent-encoded; empty for `#x` or `?q`.
        path: &'a str,
        /// The fragment without `#`, still percent-encoded.
        fragment: Option<&'a str>,
    },
}

/// Classifies `url` as it appears in an attribute (HTML strips surrounding ASCII whitespace).
pub fn classify(url: &str) -> Url<'_> {
    let url = url.trim_matches(|c: char| c.is_ascii_whitespace());
    if url.is_empty() {
        return Url::Empty;
    }
    if url == "#" {
        return Url::HashOnly;
    }
    if url.starts_with("//") {
        return Url::External;
    }
    if let Some(scheme) = scheme(url) {
        return match scheme.to_ascii_lowercase().as_str() {
            "http" | "https" | "mailto" => Url::External,
            _ => Url::Other,
        };
    }
    let (rest, fragment) = match url.split_once('#') {
        Some((rest, fragment)) => (rest, Some(fragment)),
        None => (url, None),
    };
    let path = rest.split_once('?').map_or(rest, |(path, _query)| path);
    Url::Local { path, fragment }
}

/// The scheme of an absolute URL (RFC 3986: a letter, then letters, digits, `+`, `-`, `.`,
/// before the first `:`, which must come before any `/`, `?` or `#`).
fn scheme(url: &str) -> Option<&str> {
    let colon = url.find(':')?;
    let scheme = &url[..colon];
    let mut chars = scheme.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    (first_ok && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
        .then_some(scheme)
}

/// Resolves the path part of a local URL against `base_dir` (the site-relative directory the
/// page's relative links start from, `""` or ending in `/`). Root-relative paths (`/x`) start at
/// the site root once `site_prefix` (the site URL's path, e.g. `/` or `/report/`) is removed.
/// The result is percent-decoded and normalised; `None` when it leaves the site.
pub fn resolve(base_dir: &str, path: &str, site_prefix: &str) -> Option<String> {
    let joined: Cow<'_, str> = if let Some(rooted) = path.strip_prefix('/') {
        let prefix = site_prefix.trim_start_matches('/');
        Cow::Borrowed(
            rooted
                .strip_prefix(prefix)
                .or(prefix.is_empty().then_some(rooted))?,
        )
    } else {
        Cow::Owned(format!("{base_dir}{path}"))
    };
    let mut parts: Vec<Cow<'_, str>> = Vec::new();
    let segments: Vec<&str> = joined.split('/').collect();
    let last = segments.len() - 1;
    for (i, segment) in segments.into_iter().enumerate() {
        match segment {
            // `a//b` and a trailing `/` are kept as meaningful only at the end (a directory).
            "" | "." if i < last => {}
            "." => parts.push(Cow::Borrowed("")),
            ".." => {
                parts.pop()?;
                if i == last {
                    parts.push(Cow::Borrowed(""));
                }
            }
            _ => parts.push(percent_decode_str(segment).decode_utf8_lossy()),
        }
    }
    Some(parts.join("/"))
}

/// The directory of a site-relative file path, `""` or ending in `/`.
pub fn dir_of(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..=i])
}

/// The base directory set by a page's `<base href>`, given the page's own directory; `None` when
/// the base is another site (then relative links are external, and not ours to check).
pub fn base_dir(page_dir: &str, base_href: &str, site_prefix: &str) -> Option<String> {
    match classify(base_href) {
        Url::Local { path, .. } => {
            let resolved = resolve(page_dir, path, site_prefix)?;
            Some(dir_of(&resolved).to_owned())
        }
        Url::Empty | Url::HashOnly => Some(page_dir.to_owned()),
        Url::External | Url::Other => None,
    }
}

/// `fragment` percent-decoded, when that changes it (browsers try both forms).
pub fn decoded_fragment(fragment: &str) -> Option<String> {
    let decoded = percent_decode_str(fragment).decode_utf8_lossy();
    (decoded != fragment).then(|| decoded.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_schemes_empty_and_hash_only_links() {
        assert_eq!(classify("https://un.org/x"), Url::External);
        assert_eq!(classify("HTTP://un.org"), Url::External);
        assert_eq!(classify("mailto:a@b.org"), Url::External);
        assert_eq!(classify("//cdn.example.org/x.js"), Url::External);
        assert_eq!(classify("javascript:void(0)"), Url::Other);
        assert_eq!(classify("data:image/png;base64,xx"), Url::Other);
        assert_eq!(classify("  "), Url::Empty);
        assert_eq!(classify(" # "), Url::HashOnly);
        // A scheme is a letter, then letters, digits, `+`, `-` or `.`.
        assert_eq!(classify("svn+ssh.x-y://h/x"), Url::Other);
        assert_eq!(
            classify("1a:b"),
            Url::Local {
                path: "1a:b",
                fragment: None
            }
        );
        assert_eq!(
            classify("a_b:c"),
            Url::Local {
                path: "a_b:c",
                fragment: None
            }
        );
    }

    #[test]
    fn splits_path_query_and_fragment_of_local_links() {
        assert_eq!(
            classify("a/b.html?x=1#frag"),
            Url::Local {
                path: "a/b.html",
                fragment: Some("frag")
            }
        );
        assert_eq!(
            classify("#top"),
            Url::Local {
                path: "",
                fragment: Some("top")
            }
        );
        assert_eq!(
            classify("?q=a:b"),
            Url::Local {
                path: "",
                fragment: None
            }
        );
        // A colon after a slash is not a scheme.
        assert_eq!(
            classify("a/b:c.html"),
            Url::Local {
                path: "a/b:c.html",
                fragment: None
            }
        );
    }

    #[test]
    fn resolves_relative_rooted_and_encoded_paths() {
        assert_eq!(
            resolve("a/b/", "../c.html", "/").as_deref(),
            Some("a/c.html")
        );
        assert_eq!(resolve("a/", "./d/", "/").as_deref(), Some("a/d/"));
        assert_eq!(resolve("a/", "", "/").as_deref(), Some("a/"));
        assert_eq!(
            resolve("a/", "my%20file.html", "/").as_deref(),
            Some("a/my file.html")
        );
        assert_eq!(resolve("a/", "/x.css", "/").as_deref(), Some("x.css"));
        assert_eq!(
            resolve("", "/report/x.css", "/report/").as_deref(),
            Some("x.css")
        );
        assert_eq!(resolve("a/", "..", "/").as_deref(), Some(""));
        // A final `.` or `..` names a directory; inner `.` and empty segments vanish.
        assert_eq!(resolve("a/", ".", "/").as_deref(), Some("a/"));
        assert_eq!(resolve("a/b/", "..", "/").as_deref(), Some("a/"));
        assert_eq!(
            resolve("a/", "./x//y.html", "/").as_deref(),
            Some("a/x/y.html")
        );
        assert_eq!(resolve("", "../x.html", "/"), None);
        assert_eq!(resolve("", "/other/x.css", "/report/"), None);
    }

    #[test]
    fn a_base_href_changes_where_relative_links_start() {
        assert_eq!(base_dir("a/", "/", "/").as_deref(), Some(""));
        assert_eq!(base_dir("a/", "/report/", "/report/").as_deref(), Some(""));
        assert_eq!(base_dir("a/", "b/", "/").as_deref(), Some("a/b/"));
        assert_eq!(base_dir("a/", "https://elsewhere.org/", "/"), None);
    }

    #[test]
    fn decodes_fragments_only_when_encoded() {
        assert_eq!(decoded_fragment("caf%C3%A9").as_deref(), Some("café"));
        assert_eq!(decoded_fragment("plain"), None);
    }
}
