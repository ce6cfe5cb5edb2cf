//! `compare-faults`: does `mdbook-report check` find every fault that lychee finds?
//!
//! ```text
//! compare-faults --inject SITE                 # puts known faults into a copy of a built site
//! compare-faults --site SITE --ours OURS.json --lychee LYCHEE.json [--summary]
//! ```
//!
//! Both reports are reduced to (page, target file, fragment), the target resolved against the
//! page and relative to the site. A lychee finding is covered when `mdbook-report check` reports a
//! problem on the same page with the same target. Exit status 1 when one is not.

use anyhow::{Context, Result, bail};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

type Finding = (String, String, Option<String>);

/// `a/../b/./c` → `b/c`, `dir/` → `dir/index.html`.
fn normal(path: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                parts.pop();
            }
            Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    let s = parts.join("/");
    if s.is_empty() || !s.rsplit('/').next().unwrap_or("").contains('.') {
        if s.is_empty() {
            "index.html".into()
        } else {
            format!("{s}/index.html")
        }
    } else {
        s
    }
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Some(hex) = s.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn split_fragment(s: &str) -> (&str, Option<String>) {
    match s.split_once('#') {
        Some((p, f)) => (p, Some(decode(f))),
        None => (s, None),
    }
}

/// `mdbook-report check --json`: link problems with a target.
fn ours(report: &Value) -> Result<BTreeSet<Finding>> {
    let mut out = BTreeSet::new();
    for p in report["problems"].as_array().context("no `problems`")? {
        let page = p["page"].as_str().context("page")?.to_string();
        let Some(target) = p["target"].as_str() else {
            continue;
        };
        let target = target.split('?').next().unwrap_or(target);
        let (path, fragment) = split_fragment(target);
        let file = if path.is_empty() {
            page.clone()
        } else {
            let dir = Path::new(&page).parent().unwrap_or(Path::new(""));
            normal(&dir.join(decode(path)))
        };
        out.insert((page, file, fragment));
    }
    Ok(out)
}

/// lychee's JSON: `fail_map` / `error_map` of input source → [{ url, status }].
fn lychee(report: &Value, site: &Path) -> Result<BTreeSet<Finding>> {
    let site = site.canonicalize()?;
    let rel = |s: &str| -> String {
        let s = s.strip_prefix("file://").unwrap_or(s);
        let p = PathBuf::from(decode(s));
        let p = p.strip_prefix(&site).map(Path::to_path_buf).unwrap_or(p);
        normal(&p)
    };
    let mut out = BTreeSet::new();
    for key in ["fail_map", "error_map"] {
        let Some(map) = report.get(key).and_then(Value::as_object) else {
            continue;
        };
        for (source, items) in map {
            // The source is a path, or `{"FsPath": …}`-like in some versions.
            let source = serde_json::from_str::<Value>(source)
                .ok()
                .and_then(|v| v.as_object().and_then(|o| o.values().next().cloned()))
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_else(|| source.clone());
            let page = rel(&source);
            for item in items.as_array().context("a list of failures")? {
                let url = item["url"].as_str().context("url")?;
                let (path, fragment) = split_fragment(url);
                out.insert((page.clone(), rel(path), fragment));
            }
        }
    }
    Ok(out)
}

/// Known faults, one per kind that both tools claim to find.
fn inject(site: &Path) -> Result<()> {
    let edit = |page: &str, find: &str, insert: &str, what: &str| -> Result<()> {
        let path = site.join(page);
        let html = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let at = html
            .find(find)
            .with_context(|| format!("no `{find}` in {page}"))?;
        let mut new = html.clone();
        new.insert_str(at, insert);
        std::fs::write(&path, new)?;
        println!("{page}: {what}");
        Ok(())
    };
    edit(
        "introduction.html",
        "</main>",
        "<p><a href=\"no-such-page.html\">gone</a></p>",
        "link to a missing page `no-such-page.html`",
    )?;
    edit(
        "protect-human-rights.html",
        "</main>",
        "<p><a href=\"reduce-costs.html#no-such-fragment\">x</a></p>",
        "link to a missing fragment on another page `reduce-costs.html#no-such-fragment`",
    )?;
    edit(
        "reduce-costs.html",
        "</main>",
        "<p><a href=\"#no-such-id\">x</a></p>",
        "link to a missing fragment on the same page `#no-such-id`",
    )?;
    edit(
        "meetings.html",
        "</main>",
        "<p><img src=\"images/missing.png\" alt=\"missing\"></p>",
        "missing image `images/missing.png`",
    )?;
    edit(
        "agencies/ilo.html",
        "</main>",
        "<p><a href=\"../nowhere/index.html\">x</a></p>",
        "link up and into a missing directory `../nowhere/index.html` (from a subdirectory)",
    )?;
    edit(
        "index.html",
        "</head>",
        "<link rel=\"stylesheet\" href=\"missing.css\">",
        "missing stylesheet `missing.css`",
    )?;
    // A paragraph anchor that other pages link to (timeline, organisation pages) disappears.
    let page = site.join("protect-human-rights.html");
    let html = std::fs::read_to_string(&page)?;
    let start = html
        .find("id=\"p-")
        .context("no paragraph anchor in protect-human-rights.html")?
        + 4;
    let end = start + html[start..].find('"').context("closed id")?;
    let id = html[start..end].to_string();
    std::fs::write(
        &page,
        format!("{}{}-renamed{}", &html[..start], id, &html[end..]),
    )?;
    println!("protect-human-rights.html: anchor `{id}` renamed (links from other pages break)");
    std::fs::remove_file(site.join("timeline.ics"))?;
    println!("timeline.ics: deleted (the timeline page links to it)");
    Ok(())
}

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let (mut site, mut ours_json, mut lychee_json, mut summary) = (None, None, None, false);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--inject" => {
                let dir = PathBuf::from(args.next().context("--inject SITE")?);
                return inject(&dir);
            }
            "--site" => site = args.next().map(PathBuf::from),
            "--ours" => ours_json = args.next().map(PathBuf::from),
            "--lychee" => lychee_json = args.next().map(PathBuf::from),
            "--summary" => summary = true,
            other => bail!("unknown argument `{other}`"),
        }
    }
    let (Some(site), Some(o), Some(l)) = (site, ours_json, lychee_json) else {
        bail!("--site, --ours and --lychee are required");
    };
    let read = |p: &Path| -> Result<Value> {
        Ok(serde_json::from_str(
            &std::fs::read_to_string(p).with_context(|| format!("cannot read {}", p.display()))?,
        )?)
    };
    let ours_report = read(&o)?;
    let ours = ours(&ours_report)?;
    let theirs = lychee(&read(&l)?, &site)?;
    let problems = ours_report["problems"].as_array().map_or(0, Vec::len);
    let missed: Vec<&Finding> = theirs.difference(&ours).collect();
    if summary {
        println!(
            "{problems} / {}{}",
            theirs.len(),
            if missed.is_empty() {
                ", every lychee finding found".to_string()
            } else {
                format!(", **{} lychee findings missed**", missed.len())
            }
        );
    } else {
        println!(
            "mdbook-report check: {problems} problems ({} with a link target); lychee: {} failed links; lychee's found by mdbook-report check: {}/{}",
            ours.len(),
            theirs.len(),
            theirs.len() - missed.len(),
            theirs.len()
        );
        for (page, file, fragment) in &theirs {
            let mark = if ours.contains(&(page.clone(), file.clone(), fragment.clone())) {
                "both  "
            } else {
                "MISSED"
            };
            let f = fragment.as_ref().map_or(String::new(), |f| format!("#{f}"));
            println!("  {mark} {page} → {file}{f}");
        }
        let only: Vec<_> = ours.difference(&theirs).collect();
        if !only.is_empty() {
            println!("  found by mdbook-report check only: {}", only.len());
            for (page, file, fragment) in only.iter().take(20) {
                let f = fragment.as_ref().map_or(String::new(), |f| format!("#{f}"));
                println!("    {page} → {file}{f}");
            }
        }
    }
    for (page, file, fragment) in &missed {
        eprintln!("missed: {page} → {file} {fragment:?}");
    }
    if missed.is_empty() {
        Ok(())
    } else {
        std::process::exit(1)
    }
}
