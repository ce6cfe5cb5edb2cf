//! `--external`: fetching `http(s)` links, with a cache file, timeouts, retries and a
//! concurrency limit.
//!
//! Each URL (without its `#fragment`) is asked once with `HEAD`, then with `GET` when the server
//! does not do `HEAD` (405, 501). Redirects are followed and the final status counts: a redirect
//! is not a problem. Timeouts, failed connections, 429 and 5xx are retried with exponential
//! backoff. Blocking `ureq` calls on a few scoped threads: the work is waiting on the network,
//! not computing, so no async runtime is needed.
//!
//! The cache (JSON, `{"version": 1, "entries": {URL: {"status", "final_url", "checked_at"}}}`,
//! `checked_at` in Unix seconds) keeps only successes, younger than the TTL: a broken link is
//! asked again on every run until it is fixed, and a good one is not asked again for days.
//!
//! The network client is the cargo feature `external` (on by default): built without it
//! (`--no-default-features`), [`check`] fails with [`NOT_BUILT`] and fetches nothing; the rest
//! (outcomes, archived addresses) is there either way.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Whether this build can fetch (the cargo feature `external`).
pub(crate) const AVAILABLE: bool = cfg!(feature = "external");

/// Why `--external` cannot run in a build without the network client.
pub(crate) const NOT_BUILT: &str = "`--external` fetches links over the network, and this mdbook-report \
     was built without its network client (the cargo feature `external`, on by default): \
     install it with its default features (`cargo install --path . --locked`)";

/// How external links are fetched.
#[derive(Debug, Clone)]
pub struct Options {
    /// The cache file, created (with its directory) if missing.
    pub cache: PathBuf,
    /// How long a success stays in the cache.
    pub cache_ttl: Duration,
    /// Limit for one request, redirects included.
    pub timeout: Duration,
    /// Further tries after a timeout, a failed connection, 429 or 5xx.
    pub retries: u32,
    /// The wait before the first retry; doubled for each next one.
    pub backoff: Duration,
    /// Requests in flight at once.
    pub concurrency: usize,
}

/// What fetching one URL gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outcome {
    /// The final HTTP status, after redirects; `None` when no answer came.
    pub status: Option<u16>,
    /// Where redirects led, when elsewhere.
    pub final_url: Option<String>,
    /// Why there is no status (timeout, unknown host, …).
    pub error: Option<String>,
    /// Taken from the cache, not fetched in this run.
    pub cached: bool,
}

impl Outcome {
    /// Success (2xx), or a redirect not followed to its end (3xx).
    pub fn is_ok(&self) -> bool {
        self.status.is_some_and(|s| (200..400).contains(&s))
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.status, &self.error) {
            (Some(status), _) => write!(f, "{status}")?,
            (None, Some(error)) => write!(f, "{error}")?,
            (None, None) => f.write_str("no answer")?,
        }
        if let Some(url) = &self.final_url {
            write!(f, " after redirect to {url}")?;
        }
        if self.cached {
            f.write_str(", cached")?;
        }
        Ok(())
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Cache {
    version: u32,
    entries: BTreeMap<String, CacheEntry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct CacheEntry {
    status: u16,
    final_url: Option<String>,
    checked_at: u64,
}

const CACHE_VERSION: u32 = 1;

/// Fetches each of `urls` (or takes it from the cache) and returns one outcome per URL, in
/// order; then writes the cache. `mailto:` links cannot be fetched and get `None`. Fails
/// ([`NOT_BUILT`]) in a build without the network client.
pub(crate) fn check(urls: &[&str], options: &Options) -> anyhow::Result<Vec<Option<Outcome>>> {
    let agent = network::Agent::new(options)?;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let mut cache = load_cache(&options.cache);
    let fresh =
        |entry: &CacheEntry| now.saturating_sub(entry.checked_at) < options.cache_ttl.as_secs();

    // The URLs to fetch, each once: the fragment is for the browser, not the server.
    let mut outcomes: Vec<Option<Outcome>> = vec![None; urls.len()];
    let mut to_fetch: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, url) in urls.iter().enumerate() {
        let Some(request_url) = request_url(url) else {
            continue;
        };
        match cache.entries.get(&request_url).filter(|e| fresh(e)) {
            Some(entry) => {
                outcomes[i] = Some(Outcome {
                    status: Some(entry.status),
                    final_url: entry.final_url.clone(),
                    error: None,
                    cached: true,
                });
            }
            None => to_fetch.entry(request_url).or_default().push(i),
        }
    }

    let jobs: Vec<(&String, &Vec<usize>)> = to_fetch.iter().collect();
    let next = AtomicUsize::new(0);
    let results = Mutex::new(Vec::with_capacity(jobs.len()));
    std::thread::scope(|scope| {
        for _ in 0..options.concurrency.clamp(1, jobs.len().max(1)) {
            scope.spawn(|| {
                while let Some((url, _)) = jobs.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let outcome = agent.fetch_with_retries(url, options);
                    results
                        .lock()
                        .expect("no thread panics holding it")
                        .push(((*url).clone(), outcome));
                }
            });
        }
    });

    for (url, outcome) in results.into_inner().expect("threads are done") {
        if let (true, Some(status)) = (outcome.is_ok(), outcome.status) {
            let entry = CacheEntry {
                status,
                final_url: outcome.final_url.clone(),
                checked_at: now,
            };
            cache.entries.insert(url.clone(), entry);
        } else {
            cache.entries.remove(&url);
        }
        for &i in &to_fetch[&url] {
            outcomes[i] = Some(outcome.clone());
        }
    }
    cache.entries.retain(|_, entry| fresh(entry));
    save_cache(&options.cache, &cache)?;
    Ok(outcomes)
}

/// The address a web archive's copy archives: `https://web.archive.org/web/20300214/https://x.org/a`
/// gives `https://x.org/a`. Any link whose path has a timestamp segment (4 to 14 digits, with an
/// optional modifier such as `id_`) followed by an `http(s)://` address is taken for one: the
/// form of the Wayback Machine and the other archives built on its software.
pub(crate) fn archived_address(url: &str) -> Option<&str> {
    let lower = url.to_ascii_lowercase();
    let host = lower.find("://")? + 3;
    let mut from = host;
    while let Some(i) = lower[from..].find("/http") {
        let at = from + i;
        from = at + 1;
        let rest = &lower[at + 1..];
        if !(rest.starts_with("http://") || rest.starts_with("https://")) {
            continue;
        }
        let segment = lower[host..at].rsplit('/').next().unwrap_or_default();
        let digits = segment.bytes().take_while(u8::is_ascii_digit).count();
        let modifier = &segment[digits..];
        let modifier_ok = modifier.is_empty()
            || (modifier.len() == 3
                && modifier.ends_with('_')
                && modifier[..2].bytes().all(|b| b.is_ascii_lowercase()));
        if (4..=14).contains(&digits) && modifier_ok && lower[host..at].contains('/') {
            return Some(&url[at + 1..]);
        }
    }
    None
}

/// The URL to ask the server: `http(s)` only, without the fragment, non-ASCII percent-encoded
/// as browsers do; protocol-relative links are asked over `https`.
fn request_url(url: &str) -> Option<String> {
    let url = url.trim();
    let url = url.split_once('#').map_or(url, |(before, _)| before);
    let url = match url.strip_prefix("//") {
        Some(rest) => format!("https://{rest}"),
        None => url.to_owned(),
    };
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return None;
    }
    const UNSAFE: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'<')
        .add(b'>');
    Some(percent_encoding::utf8_percent_encode(&url, UNSAFE).to_string())
}

/// The HTTP client, where the build has it.
#[cfg(feature = "external")]
mod network {
    use super::{Options, Outcome};
    use ureq::ResponseExt;

    pub(super) struct Agent(ureq::Agent);

    impl Agent {
        pub(super) fn new(options: &Options) -> anyhow::Result<Agent> {
            let config = ureq::Agent::config_builder()
                .timeout_global(Some(options.timeout))
                .http_status_as_error(false)
                .max_redirects(10)
                .save_redirect_history(true)
                .user_agent(concat!(
                    "mdbook-report-linkcheck/",
                    env!("CARGO_PKG_VERSION")
                ))
                .build();
            Ok(Agent(config.new_agent()))
        }

        pub(super) fn fetch_with_retries(&self, url: &str, options: &Options) -> Outcome {
            let mut delay = options.backoff;
            let mut attempt = 0;
            loop {
                let outcome = self.fetch(url);
                let transient = match outcome.status {
                    Some(status) => status == 429 || (500..600).contains(&status) && status != 501,
                    None => outcome.error.as_deref().is_some_and(is_transient_error),
                };
                if !transient || attempt >= options.retries {
                    return outcome;
                }
                attempt += 1;
                std::thread::sleep(delay);
                delay *= 2;
            }
        }

        /// One `HEAD`, then one `GET` if the server does not do `HEAD`.
        fn fetch(&self, url: &str) -> Outcome {
            let agent = &self.0;
            let response = match agent.head(url).call() {
                Ok(response) if matches!(response.status().as_u16(), 405 | 501) => {
                    agent.get(url).call()
                }
                other => other,
            };
            match response {
                // The body is never read: dropping the response closes the connection.
                Ok(response) => {
                    let redirected = response
                        .get_redirect_history()
                        .is_some_and(|uris| uris.len() > 1);
                    Outcome {
                        status: Some(response.status().as_u16()),
                        final_url: redirected.then(|| response.get_uri().to_string()),
                        error: None,
                        cached: false,
                    }
                }
                Err(ureq::Error::Timeout(_)) => failed(TIMED_OUT),
                Err(ureq::Error::HostNotFound) => failed("host not found"),
                Err(ureq::Error::ConnectionFailed) => failed(CONNECTION_FAILED),
                Err(ureq::Error::Io(err)) => failed(format!("{CONNECTION_FAILED}: {err}")),
                Err(err) => failed(err.to_string()),
            }
        }
    }

    fn failed(error: impl Into<String>) -> Outcome {
        Outcome {
            status: None,
            final_url: None,
            error: Some(error.into()),
            cached: false,
        }
    }

    const TIMED_OUT: &str = "timed out";
    const CONNECTION_FAILED: &str = "connection failed";

    fn is_transient_error(error: &str) -> bool {
        error == TIMED_OUT || error.starts_with(CONNECTION_FAILED)
    }
}

/// A build without the HTTP client: [`check`] fails before it reads anything.
#[cfg(not(feature = "external"))]
mod network {
    use super::{NOT_BUILT, Options, Outcome};

    /// No value: there is nothing to fetch with.
    pub(super) enum Agent {}

    impl Agent {
        pub(super) fn new(_: &Options) -> anyhow::Result<Agent> {
            anyhow::bail!(NOT_BUILT)
        }

        pub(super) fn fetch_with_retries(&self, _: &str, _: &Options) -> Outcome {
            match *self {}
        }
    }
}

/// A missing, unreadable or outdated cache is an empty one: it only saves time.
fn load_cache(path: &Path) -> Cache {
    std::fs::read(path)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Cache>(&bytes).ok())
        .filter(|cache| cache.version == CACHE_VERSION)
        .unwrap_or(Cache {
            version: CACHE_VERSION,
            entries: BTreeMap::new(),
        })
}

fn save_cache(path: &Path, cache: &Cache) -> anyhow::Result<()> {
    use anyhow::Context;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let json = serde_json::to_vec_pretty(cache)?;
    std::fs::write(path, json).with_context(|| format!("cannot write the cache {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asks_servers_without_fragments_and_with_encoded_characters() {
        assert_eq!(
            request_url("http://a.org/x.pdf#page=4").as_deref(),
            Some("http://a.org/x.pdf")
        );
        assert_eq!(
            request_url("//cdn.org/a b").as_deref(),
            Some("https://cdn.org/a%20b")
        );
        assert_eq!(
            request_url("https://a.org/café").as_deref(),
            Some("https://a.org/caf%C3%A9")
        );
        assert_eq!(request_url("mailto:x@un.org"), None);
    }

    #[test]
    fn archive_links_name_the_address_they_archive() {
        assert_eq!(
            archived_address("https://web.archive.org/web/20300214/http://a.org/x?y=1#z"),
            Some("http://a.org/x?y=1#z")
        );
        assert_eq!(
            archived_address("http://127.0.0.1:8/web/2030id_/https://a.org/"),
            Some("https://a.org/")
        );
        assert_eq!(
            archived_address("https://a.org/2030/http://b.org"),
            Some("http://b.org")
        );
        for url in [
            "https://a.org/x/http://b.org",
            "https://a.org/web/12/http://b.org",
            "https://a.org/?u=http://b.org",
            "https://web.archive.org/web/20300214/ftp://a.org",
            "https://a.org/docs/2030/report.pdf",
        ] {
            assert_eq!(archived_address(url), None, "{url}");
        }
    }

    #[test]
    fn describes_outcomes_for_the_text_report() {
        let redirected = Outcome {
            status: Some(200),
            final_url: Some("https://b.org/".into()),
            error: None,
            cached: true,
        };
        assert_eq!(
            redirected.to_string(),
            "200 after redirect to https://b.org/, cached"
        );
        assert!(redirected.is_ok());
        let timeout = Outcome {
            status: None,
            final_url: None,
            error: Some("timed out".into()),
            cached: false,
        };
        assert_eq!(timeout.to_string(), "timed out");
        assert!(!timeout.is_ok());
    }

    #[cfg(not(feature = "external"))]
    #[test]
    fn a_build_without_the_network_client_says_so_and_fetches_nothing() {
        let dir = std::env::temp_dir().join("mdbook-report-no-network-client");
        let options = Options {
            cache: dir.join("cache.json"),
            cache_ttl: Duration::from_secs(60),
            timeout: Duration::from_secs(1),
            retries: 0,
            backoff: Duration::from_millis(1),
            concurrency: 1,
        };
        let err = check(&["https://example.org/"], &options).unwrap_err();
        assert_eq!(err.to_string(), NOT_BUILT);
        assert!(!options.cache.exists(), "no cache written");
        assert!(!AVAILABLE);
    }
}
