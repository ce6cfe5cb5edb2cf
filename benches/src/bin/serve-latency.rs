//! `serve-latency`: how long after an editor saves a chapter `mdbook serve` has the rebuilt page.
//!
//! ```text
//! serve-latency --book DIR --chapter src/x.md --page book/html/x.html [--done book/html/timeline.ics]
//!               [--iterations N] [--port P] [--mdbook PATH] [--json OUT]
//! ```
//!
//! Starts `mdbook serve` in DIR (the environment is passed on: with no command in book.toml,
//! mdBook runs the `mdbook-report` and `mdbook-report-postbuild` that `PATH` finds first;
//! `MDBOOK_PREPROCESSOR__REPORT__COMMAND` and `MDBOOK_OUTPUT__REPORT_POSTBUILD__COMMAND` choose
//! other commands), waits for the first build, then
//! N times: appends a sentence with a unique word to the chapter, and polls (every 2 ms) until
//! the page contains the word and, with `--done`, that file (the post-build step's last output)
//! has been written again. Three times per edit:
//!
//! - `total`: save → rebuilt page on disk (what the editor waits for, before the browser reloads);
//! - `debounce`: save → mdBook's "Files changed" log line (mdBook's file watcher, not our code);
//! - `rebuild`: that line → rebuilt page (loading the book, preprocessors, renderers).
//!
//! The chapter is restored at the end, and the server it started is stopped.

use anyhow::{Context, Result, bail};
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime};

struct Args {
    book: PathBuf,
    chapter: PathBuf,
    page: PathBuf,
    done: Option<PathBuf>,
    iterations: usize,
    port: u16,
    mdbook: String,
    json: Option<PathBuf>,
}

fn parse() -> Result<Args> {
    let mut a = Args {
        book: PathBuf::new(),
        chapter: PathBuf::new(),
        page: PathBuf::new(),
        done: None,
        iterations: 5,
        port: 3917,
        mdbook: "mdbook".into(),
        json: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().with_context(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--book" => a.book = value()?.into(),
            "--chapter" => a.chapter = value()?.into(),
            "--page" => a.page = value()?.into(),
            "--done" => a.done = Some(value()?.into()),
            "--iterations" => a.iterations = value()?.parse()?,
            "--port" => a.port = value()?.parse()?,
            "--mdbook" => a.mdbook = value()?,
            "--json" => a.json = Some(value()?.into()),
            other => bail!("unknown argument `{other}`"),
        }
    }
    if a.book.as_os_str().is_empty() || a.chapter.as_os_str().is_empty() {
        bail!("--book and --chapter are required");
    }
    Ok(a)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    if n == 0 {
        f64::NAN
    } else if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn modified(path: &std::path::Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// The file `PATH` finds for `name`, as mdBook's spawn would.
fn on_path(name: &str) -> Option<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|p| {
            std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        })
}

/// Says which commands mdBook will run for our tables (a `command` from book.toml or the
/// environment, or the binary `PATH` finds), so that a measurement names what it measured; a
/// binary not found is an error at once, not a first build that never comes.
fn report_commands(book: &std::path::Path) -> Result<()> {
    let mut config = mdbook_driver::config::Config::from_disk(book.join("book.toml"))
        .map_err(|e| anyhow::anyhow!("{e:#}"))?;
    config
        .update_from_env()
        .map_err(|e| anyhow::anyhow!("{e:#}"))?;
    for (table, binary) in [
        ("preprocessor.report", "mdbook-report"),
        ("output.report-postbuild", "mdbook-report-postbuild"),
    ] {
        if !config.contains_key(table) {
            continue;
        }
        let command: Option<String> = config
            .get(&format!("{table}.command"))
            .map_err(|e| anyhow::anyhow!("{e:#}"))?;
        if let Some(command) = command {
            eprintln!("[{table}]: `{command}` (its `command`)");
        } else if let Some(path) = on_path(binary) {
            eprintln!("[{table}]: {} (PATH)", path.display());
        } else {
            bail!(
                "[{table}] has no `command` and `{binary}` is not on PATH: install the binaries (cargo install --path . --locked) or put their directory first on PATH"
            );
        }
    }
    Ok(())
}

fn main() -> Result<()> {
    let a = parse()?;
    let chapter = a.book.join(&a.chapter);
    let page = a.book.join(&a.page);
    let done = a.done.as_ref().map(|d| a.book.join(d));
    let original = std::fs::read_to_string(&chapter)
        .with_context(|| format!("cannot read {}", chapter.display()))?;
    report_commands(&a.book)?;

    let started = SystemTime::now();
    let mut child = Command::new(&a.mdbook)
        .args(["serve", "-n", "127.0.0.1", "-p", &a.port.to_string()])
        .current_dir(&a.book)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("cannot start `{} serve`", a.mdbook))?;
    let stderr = child.stderr.take().expect("piped");
    let (tx, rx) = mpsc::channel::<(Instant, String)>();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if tx.send((Instant::now(), line)).is_err() {
                break;
            }
        }
    });

    let result = (|| -> Result<Vec<[f64; 3]>> {
        // The first build: the page, and the post-build step's output, written after start.
        let deadline = Instant::now() + Duration::from_secs(900);
        let mut log = Vec::new();
        loop {
            while let Ok((_, line)) = rx.try_recv() {
                log.push(line);
            }
            let page_ok = modified(&page).is_some_and(|t| t >= started);
            let done_ok = done
                .as_ref()
                .is_none_or(|d| modified(d).is_some_and(|t| t >= started));
            if page_ok && done_ok && log.iter().any(|l| l.contains("Serving on")) {
                break;
            }
            if let Some(status) = child.try_wait()? {
                bail!("mdbook serve exited ({status}):\n{}", log.join("\n"));
            }
            if Instant::now() > deadline {
                bail!("no first build after 900 s:\n{}", log.join("\n"));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        std::thread::sleep(Duration::from_millis(1500));
        while rx.try_recv().is_ok() {}

        let mut times = Vec::new();
        for i in 0..a.iterations {
            let token = format!("reportbenchedit{i}x{}", std::process::id());
            let text = format!("{}\n\nBenchmark edit {token}.\n", original.trim_end());
            let t0_sys = SystemTime::now();
            let t0 = Instant::now();
            std::fs::write(&chapter, text)?;
            let deadline = t0 + Duration::from_secs(300);
            let mut changed: Option<Instant> = None;
            let end = loop {
                while let Ok((at, line)) = rx.try_recv() {
                    if changed.is_none() && at >= t0 && line.contains("Files changed") {
                        changed = Some(at);
                    }
                    if line.contains("ERROR") || line.contains("error:") {
                        eprintln!("mdbook serve: {line}");
                    }
                }
                let done_ok = done
                    .as_ref()
                    .is_none_or(|d| modified(d).is_some_and(|t| t >= t0_sys));
                if done_ok && std::fs::read_to_string(&page).is_ok_and(|p| p.contains(&token)) {
                    break Instant::now();
                }
                if Instant::now() > deadline {
                    bail!("edit {i}: no rebuilt page after 300 s");
                }
                std::thread::sleep(Duration::from_millis(2));
            };
            // The log line may arrive after the poll saw the page.
            if changed.is_none() {
                while let Ok((at, line)) = rx.recv_timeout(Duration::from_millis(200)) {
                    if at >= t0 && line.contains("Files changed") {
                        changed = Some(at);
                        break;
                    }
                }
            }
            let total = (end - t0).as_secs_f64();
            let debounce = changed.map_or(f64::NAN, |c| (c - t0).as_secs_f64());
            let rebuild = changed.map_or(f64::NAN, |c| (end.max(c) - c).as_secs_f64());
            eprintln!(
                "edit {i}: total {total:.3} s = debounce {debounce:.3} s + rebuild {rebuild:.3} s"
            );
            times.push([total, debounce, rebuild]);
            std::thread::sleep(Duration::from_millis(1500));
            while rx.try_recv().is_ok() {}
        }
        Ok(times)
    })();

    std::fs::write(&chapter, &original)?;
    let _ = child.kill();
    let _ = child.wait();
    let times = result?;
    let col = |k: usize| times.iter().map(|t| t[k]).collect::<Vec<_>>();
    let (total, debounce, rebuild) = (median(col(0)), median(col(1)), median(col(2)));
    println!(
        "median of {}: total {total:.3} s, debounce {debounce:.3} s, rebuild {rebuild:.3} s",
        times.len()
    );
    if let Some(out) = a.json {
        let json = serde_json::json!({
            "iterations": times.len(),
            "total": times.iter().map(|t| t[0]).collect::<Vec<_>>(),
            "debounce": times.iter().map(|t| t[1]).collect::<Vec<_>>(),
            "rebuild": times.iter().map(|t| t[2]).collect::<Vec<_>>(),
            "median_total": total,
            "median_debounce": debounce,
            "median_rebuild": rebuild,
        });
        std::fs::write(out, serde_json::to_string_pretty(&json)?)?;
    }
    Ok(())
}
