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
            // The timestamp must be a segment of the path, not the host.
            "https://20300214/https://a.org/",
            // A modifier is two lower-case letters and `_`.
            "https://a.org/web/2030abc/https://b.org",
            "https://a.org/web/2030abc_/https://b.org",
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

    /// A local HTTP server: each request's line (`HEAD /ok`) is recorded, and the answer is what
    /// `respond` gives for it and the number of requests with that line before it: a status
    /// line with its headers, nothing to close the connection at once, `None` to hold it
    /// without a word.
    #[cfg(feature = "external")]
    struct Server {
        address: String,
        requests: std::sync::Arc<Mutex<Vec<String>>>,
    }

    #[cfg(feature = "external")]
    impl Server {
        fn start(respond: fn(&str, usize) -> Option<String>) -> Server {
            use std::io::{Read, Write};
            let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            let address = format!("http://{}", listener.local_addr().unwrap());
            let requests = std::sync::Arc::new(Mutex::new(Vec::new()));
            let log = std::sync::Arc::clone(&requests);
            std::thread::spawn(move || {
                for mut stream in listener.incoming().map_while(Result::ok) {
                    let log = std::sync::Arc::clone(&log);
                    std::thread::spawn(move || {
                        let mut head = Vec::new();
                        let mut byte = [0];
                        while !head.ends_with(b"\r\n\r\n")
                            && stream.read(&mut byte).unwrap_or(0) == 1
                        {
                            head.push(byte[0]);
                        }
                        let head = String::from_utf8_lossy(&head);
                        let line: Vec<&str> = head.split_whitespace().take(2).collect();
                        let line = line.join(" ");
                        let earlier = {
                            let mut log = log.lock().unwrap();
                            let earlier = log.iter().filter(|l| **l == line).count();
                            log.push(line.clone());
                            earlier
                        };
                        match respond(&line, earlier) {
                            // Closed without an answer.
                            Some(answer) if answer.is_empty() => {}
                            Some(answer) => {
                                let answer = format!(
                                    "{answer}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                                );
                                let _ = stream.write_all(answer.as_bytes());
                            }
                            // Until the client gives up and closes the connection.
                            None => while stream.read(&mut byte).unwrap_or(0) == 1 {},
                        }
                    });
                }
            });
            Server { address, requests }
        }

        fn url(&self, path: &str) -> String {
            format!("{}{path}", self.address)
        }

        /// The requests so far, sorted (they come from several threads).
        fn requests(&self) -> Vec<String> {
            let mut requests = self.requests.lock().unwrap().clone();
            requests.sort();
            requests
        }
    }

    #[cfg(feature = "external")]
    fn options(cache: PathBuf) -> Options {
        Options {
            cache,
            cache_ttl: Duration::from_secs(24 * 60 * 60),
            timeout: Duration::from_secs(10),
            retries: 0,
            backoff: Duration::from_millis(1),
            concurrency: 2,
        }
    }

    #[cfg(feature = "external")]
    fn answered(status: u16, final_url: Option<String>, cached: bool) -> Option<Outcome> {
        Some(Outcome {
            status: Some(status),
            final_url,
            error: None,
            cached,
        })
    }

    /// `/ok` answers, `/moved` redirects to it, `/head-refused` answers `GET` only, anything
    /// else is missing.
    #[cfg(feature = "external")]
    fn site(line: &str, _: usize) -> Option<String> {
        Some(
            match line {
                "HEAD /ok" | "GET /head-refused" => "HTTP/1.1 200 OK",
                "HEAD /moved" => "HTTP/1.1 301 Moved Permanently\r\nLocation: /ok",
                "HEAD /head-refused" => "HTTP/1.1 405 Method Not Allowed",
                _ => "HTTP/1.1 404 Not Found",
            }
            .to_owned(),
        )
    }

    #[cfg(feature = "external")]
    #[test]
    fn fetches_each_address_once_follows_redirects_and_caches_only_successes() {
        let server = Server::start(site);
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join("new/dir/cache.json");
        let options = options(cache.clone());
        let (ok, moved, missing, refused) = (
            server.url("/ok"),
            server.url("/moved"),
            server.url("/missing"),
            server.url("/head-refused"),
        );
        let urls = [
            format!("{ok}#a"),
            "mailto:gmg@example.org".to_owned(),
            format!("{ok}#b"),
            moved.clone(),
            missing.clone(),
            refused.clone(),
        ];
        let urls: Vec<&str> = urls.iter().map(String::as_str).collect();
        let before = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs();
        let outcomes = check(&urls, &options).unwrap();
        let after = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs();
        assert_eq!(
            outcomes,
            [
                answered(200, None, false),
                None,
                answered(200, None, false),
                answered(200, Some(ok.clone()), false),
                answered(404, None, false),
                answered(200, None, false),
            ]
        );
        assert_eq!(
            server.requests(),
            [
                "GET /head-refused",
                "HEAD /head-refused",
                "HEAD /missing",
                "HEAD /moved",
                "HEAD /ok",
                "HEAD /ok"
            ]
        );
        // The cache, in a directory it made: the successes, as fetched now.
        let written: Cache = serde_json::from_slice(&std::fs::read(&cache).unwrap()).unwrap();
        assert_eq!(written.version, CACHE_VERSION);
        let entries: Vec<(&str, u16, Option<&str>)> = written
            .entries
            .iter()
            .map(|(url, e)| (url.as_str(), e.status, e.final_url.as_deref()))
            .collect();
        assert_eq!(
            entries,
            [
                (refused.as_str(), 200, None),
                (moved.as_str(), 200, Some(ok.as_str())),
                (ok.as_str(), 200, None),
            ]
        );
        assert!(
            written
                .entries
                .values()
                .all(|e| (before..=after).contains(&e.checked_at))
        );

        // Run again: the successes come from the cache, the missing page is asked again.
        let outcomes = check(&urls, &options).unwrap();
        assert_eq!(
            outcomes,
            [
                answered(200, None, true),
                None,
                answered(200, None, true),
                answered(200, Some(ok.clone()), true),
                answered(404, None, false),
                answered(200, None, true),
            ]
        );
        assert_eq!(server.requests().len(), 7);
    }

    #[cfg(feature = "external")]
    #[test]
    fn a_success_older_than_the_ttl_or_from_another_cache_version_is_asked_again() {
        let server = Server::start(site);
        let dir = tempfile::tempdir().unwrap();
        let ok = server.url("/ok");
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs();
        let write_cache = |version: u32, checked_at: u64| {
            let entry =
                format!(r#"{{"status": 200, "final_url": null, "checked_at": {checked_at}}}"#);
            let json = format!(
                r#"{{"version": {version}, "entries": {{"{ok}": {entry}, "https://gone.example/": {entry}}}}}"#
            );
            std::fs::write(dir.path().join("cache.json"), json).unwrap();
        };
        let cached = |options: &Options| {
            let before = server.requests().len();
            let outcome = check(&[ok.as_str()], options).unwrap().remove(0).unwrap();
            assert_eq!(outcome.status, Some(200));
            assert_eq!(
                server.requests().len() - before,
                usize::from(!outcome.cached)
            );
            outcome.cached
        };
        let mut options = options(dir.path().join("cache.json"));
        write_cache(CACHE_VERSION, now);
        assert!(cached(&options));
        write_cache(CACHE_VERSION + 1, now);
        assert!(!cached(&options));
        // Exactly as old as the TTL: stale.
        options.cache_ttl = Duration::from_secs(100);
        write_cache(CACHE_VERSION, now - 100);
        assert!(!cached(&options));
        // Stale entries leave the cache, even of links no longer on the site.
        options.cache_ttl = Duration::ZERO;
        assert!(!cached(&options));
        let written: Cache =
            serde_json::from_slice(&std::fs::read(dir.path().join("cache.json")).unwrap()).unwrap();
        assert!(written.entries.is_empty(), "{written:?}");
    }

    #[cfg(feature = "external")]
    #[test]
    fn retries_what_may_pass_with_a_doubling_wait_and_nothing_else() {
        // Each path fails as its name says, then answers 200.
        fn flaky(line: &str, earlier: usize) -> Option<String> {
            let status = match line {
                "HEAD /busy" if earlier < 2 => "503 Service Unavailable",
                "HEAD /limited" if earlier < 1 => "429 Too Many Requests",
                "HEAD /error" if earlier < 1 => "500 Internal Server Error",
                "HEAD /not-implemented" | "GET /not-implemented" => "501 Not Implemented",
                "HEAD /missing" => "404 Not Found",
                "HEAD /down" => "503 Service Unavailable",
                _ => "200 OK",
            };
            Some(format!("HTTP/1.1 {status}"))
        }
        let server = Server::start(flaky);
        let dir = tempfile::tempdir().unwrap();
        let mut options = options(dir.path().join("cache.json"));
        options.retries = 2;
        options.backoff = Duration::from_millis(200);
        let fetch = |path: &str, options: &Options| {
            let url = server.url(path);
            check(&[url.as_str()], options).unwrap().remove(0).unwrap()
        };
        let started = std::time::Instant::now();
        assert_eq!(fetch("/busy", &options).status, Some(200));
        // 200 ms, then 400 ms.
        assert!(started.elapsed() >= Duration::from_millis(600));
        assert_eq!(fetch("/limited", &options).status, Some(200));
        assert_eq!(fetch("/error", &options).status, Some(200));
        assert_eq!(fetch("/not-implemented", &options).status, Some(501));
        assert_eq!(fetch("/missing", &options).status, Some(404));
        let count = |line: &str| server.requests().iter().filter(|l| *l == line).count();
        assert_eq!(count("HEAD /busy"), 3);
        assert_eq!(count("HEAD /limited"), 2);
        assert_eq!(count("HEAD /error"), 2);
        assert_eq!(count("HEAD /not-implemented"), 1);
        assert_eq!(count("GET /not-implemented"), 1);
        assert_eq!(count("HEAD /missing"), 1);
        // As many tries as allowed, then the last answer.
        options.retries = 1;
        assert_eq!(fetch("/down", &options).status, Some(503));
        assert_eq!(count("HEAD /down"), 2);
    }

    #[cfg(feature = "external")]
    #[test]
    fn a_timeout_or_a_dropped_connection_is_retried_an_answer_that_is_not_http_is_not() {
        fn broken(line: &str, _: usize) -> Option<String> {
            match line {
                "HEAD /silent" => None,
                "HEAD /dropped" => Some(String::new()),
                _ => Some("NOT HTTP AT ALL".to_owned()),
            }
        }
        let server = Server::start(broken);
        let dir = tempfile::tempdir().unwrap();
        let mut options = options(dir.path().join("cache.json"));
        options.retries = 1;
        options.timeout = Duration::from_millis(300);
        let urls = ["/silent", "/dropped", "/garbled"].map(|path| server.url(path));
        let outcomes = check(&urls.each_ref().map(String::as_str), &options).unwrap();
        let errors: Vec<String> = outcomes
            .iter()
            .map(|outcome| {
                let outcome = outcome.as_ref().unwrap();
                assert_eq!(outcome.status, None);
                outcome.error.clone().unwrap()
            })
            .collect();
        assert_eq!(errors[0], "timed out");
        assert!(errors[1].starts_with("connection failed"), "{}", errors[1]);
        assert_eq!(
            server.requests(),
            [
                "HEAD /dropped",
                "HEAD /dropped",
                "HEAD /garbled",
                "HEAD /silent",
                "HEAD /silent"
            ]
        );
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
