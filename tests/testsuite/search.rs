//! The real site's search index, queried as its documentation says the client queries it (a
//! reader of the files written here, not the code that writes them): a typo forgiven, a quoted
//! phrase, the chapter about a word ranked first. `tests/browser/run.mjs` asks the client itself
//! the same questions.

use crate::common;

use common::site;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The terms of `text` as the client (`theme/search.js`, `terms()`) makes them from a query:
/// decomposed, combining marks dropped, lower-cased with a final sigma as sigma, runs of letters
/// and digits; a run of one letter dropped (one digit kept), runs over 40 characters dropped.
fn terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let keep = |word: &str| {
        let n = word.chars().count();
        (n >= 2 || word.chars().all(char::is_numeric)) && n <= 40
    };
    for c in text.nfd().filter(|&c| !is_combining_mark(c)).chain([' ']) {
        if c.is_alphabetic() || c.is_numeric() {
            word.extend(c.to_lowercase().map(|l| if l == 'ς' { 'σ' } else { l }));
        } else if !word.is_empty() {
            if keep(&word) {
                out.push(std::mem::take(&mut word));
            }
            word.clear();
        }
    }
    out
}

/// The file name of the shard for terms starting with `prefix`: `a`–`z` and digits as they are,
/// any other character as `_`, its code point in hex, `_`.
fn shard_name(prefix: &str) -> String {
    prefix
        .chars()
        .map(|c| {
            if c.is_ascii_lowercase() || c.is_ascii_digit() {
                c.to_string()
            } else {
                format!("_{:x}_", c as u32)
            }
        })
        .collect()
}

/// Unsigned LEB128 numbers.
struct Numbers<'a>(&'a [u8]);

impl Numbers<'_> {
    fn more(&self) -> bool {
        !self.0.is_empty()
    }

    fn num(&mut self) -> u64 {
        let (mut n, mut shift) = (0u64, 0);
        loop {
            let byte = self.0[0];
            self.0 = &self.0[1..];
            n |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return n;
            }
            shift += 7;
        }
    }

    fn bytes(&mut self, n: usize) -> Vec<u8> {
        let out = self.0[..n].to_vec();
        self.0 = &self.0[n..];
        out
    }
}

/// Front-coded words: the bytes shared with the previous word, the rest's length and bytes, then
/// `after` reads what follows each word.
fn front_coded(bytes: &[u8], mut after: impl FnMut(&mut Numbers<'_>)) -> Vec<String> {
    let mut r = Numbers(bytes);
    let mut out: Vec<String> = Vec::new();
    while r.more() {
        let shared = r.num() as usize;
        let rest = r.num() as usize;
        let mut word = out
            .last()
            .map_or(Vec::new(), |w| w.as_bytes()[..shared].to_vec());
        word.extend(r.bytes(rest));
        out.push(String::from_utf8(word).unwrap());
        after(&mut r);
    }
    out
}

/// A term of a shard: its postings (record, weight) and, per posting, its positions.
struct Entry {
    term: String,
    postings: Vec<(u32, u32)>,
    positions: Vec<Vec<u32>>,
}

/// A query word, as the client reads a query.
struct Word {
    text: String,
    prefix: bool,
    /// None, or whether a beginning one typo away counts.
    typo: Option<bool>,
    phrase: Option<usize>,
}

/// The built index of a site.
struct Index {
    dir: std::path::PathBuf,
    split: HashSet<String>,
    per_file: usize,
    records: usize,
}

const EXACT: f64 = 1.0;
const PREFIX: f64 = 0.5;
const TYPO: f64 = 0.3;
const TYPO_MIN: usize = 5;

impl Index {
    fn open(site: &Path) -> Index {
        Index::at(site.join("search"))
    }

    /// The index written into `dir`.
    fn at(dir: std::path::PathBuf) -> Index {
        let meta: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.join("meta.json")).unwrap()).unwrap();
        Index {
            split: meta["split"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap().to_string())
                .collect(),
            per_file: meta["per_file"].as_u64().unwrap() as usize,
            records: meta["records"].as_u64().unwrap() as usize,
            dir,
        }
    }

    /// The one shard that can hold `word` and the words it starts.
    fn shard_of(&self, word: &str) -> String {
        let chars: Vec<char> = word.chars().collect();
        let mut k = 1;
        while k < chars.len() && self.split.contains(&chars[..k].iter().collect::<String>()) {
            k += 1;
        }
        chars[..k].iter().collect()
    }

    fn shard(&self, prefix: &str) -> Vec<Entry> {
        let name = shard_name(prefix);
        let Ok(bytes) = std::fs::read(self.dir.join(format!("t/{name}.bin"))) else {
            return Vec::new();
        };
        let mut postings = Vec::new();
        let words = front_coded(&bytes, |r| {
            let n = r.num();
            let mut id = 0;
            postings.push(
                (0..n)
                    .map(|_| {
                        id += r.num() as u32;
                        (id, r.num() as u32)
                    })
                    .collect::<Vec<_>>(),
            );
        });
        let positions = std::fs::read(self.dir.join(format!("p/{name}.bin"))).unwrap();
        let mut r = Numbers(&positions);
        let out: Vec<Entry> = words
            .into_iter()
            .zip(postings)
            .map(|(term, postings)| {
                let positions = postings
                    .iter()
                    .map(|_| {
                        let n = r.num();
                        let mut at = 0;
                        (0..n)
                            .map(|_| {
                                at += r.num() as u32;
                                at
                            })
                            .collect()
                    })
                    .collect();
                Entry {
                    term,
                    postings,
                    positions,
                }
            })
            .collect();
        assert!(!r.more(), "{name}: positions left over");
        out
    }

    /// The words a typo can be forgiven for that start with `first`.
    fn vocabulary(&self, first: char) -> Vec<String> {
        if self.split.contains(&first.to_string()) {
            let bytes = std::fs::read(
                self.dir
                    .join(format!("v/{}.bin", shard_name(&first.to_string()))),
            )
            .unwrap();
            front_coded(&bytes, |_| {})
        } else {
            self.shard(&first.to_string())
                .into_iter()
                .map(|e| e.term)
                .collect()
        }
    }

    /// Records matching `w`, with scores, and the entries that matched.
    fn lookup(&self, w: &Word) -> (HashMap<u32, f64>, Vec<Entry>) {
        let mut scores: HashMap<u32, f64> = HashMap::new();
        let mut matched = Vec::new();
        let mut add = |e: Entry, f: f64, matched: &mut Vec<Entry>| {
            for &(id, weight) in &e.postings {
                let s = f64::from(weight) * f;
                let best = scores.entry(id).or_default();
                *best = best.max(s);
            }
            matched.push(e);
        };
        for e in self.shard(&self.shard_of(&w.text)) {
            if e.term == w.text {
                add(e, EXACT, &mut matched);
            } else if w.prefix && e.term.starts_with(&w.text) {
                add(e, PREFIX, &mut matched);
            }
        }
        if let Some(begins) = w.typo {
            let first = w.text.chars().next().unwrap();
            for t in self.vocabulary(first) {
                if !t.starts_with(&w.text) && one_typo(&w.text, &t, begins) {
                    let e = self
                        .shard(&self.shard_of(&t))
                        .into_iter()
                        .find(|e| e.term == t)
                        .unwrap();
                    add(e, TYPO, &mut matched);
                }
            }
        }
        (scores, matched)
    }

    /// The results of `query`, best first: (record, score).
    fn search(&self, query: &str) -> Vec<(u32, f64)> {
        let words = parse(query);
        let found: Vec<_> = words.iter().map(|w| self.lookup(w)).collect();
        let mut hits: Vec<(u32, f64)> = found[0]
            .0
            .iter()
            .filter_map(|(&id, &s)| {
                let mut total = s;
                for (other, _) in &found[1..] {
                    total += other.get(&id)?;
                }
                Some((id, total))
            })
            .collect();
        let phrases = words
            .iter()
            .filter_map(|w| w.phrase)
            .max()
            .map_or(0, |n| n + 1);
        for p in 0..phrases {
            // A word in more than half the records is not checked where a rarer one is.
            let in_phrase: Vec<(&Vec<Entry>, bool)> = words
                .iter()
                .zip(&found)
                .filter(|(w, _)| w.phrase == Some(p))
                .map(|(_, (_, entries))| {
                    let n: usize = entries.iter().map(|e| e.postings.len()).sum();
                    (entries, n * 2 > self.records)
                })
                .collect();
            let rare = in_phrase.iter().any(|(_, common)| !common);
            let checked: Vec<Option<&Vec<Entry>>> = in_phrase
                .into_iter()
                .map(|(e, common)| (!(rare && common)).then_some(e))
                .collect();
            hits.retain(|&(id, _)| holds(id, &checked));
        }
        hits.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        hits
    }

    /// A record's address and text (its first 2,500 characters).
    fn record(&self, id: u32) -> (String, String) {
        let file = id as usize / self.per_file;
        let records: serde_json::Value = serde_json::from_slice(
            &std::fs::read(self.dir.join(format!("r/{file}.json"))).unwrap(),
        )
        .unwrap();
        let r = &records[id as usize % self.per_file];
        (
            r["u"].as_str().unwrap().to_string(),
            r["b"].as_str().unwrap().to_string(),
        )
    }

    fn urls(&self, query: &str) -> Vec<String> {
        self.search(query)
            .into_iter()
            .map(|(id, _)| self.record(id).0)
            .collect()
    }
}

/// Does record `id` hold the phrase whose words matched `words` (none: a word not checked), the
/// checked ones at their distances?
fn holds(id: u32, words: &[Option<&Vec<Entry>>]) -> bool {
    let sets: Vec<Option<BTreeSet<u32>>> = words
        .iter()
        .map(|entries| {
            entries.map(|entries| {
                entries
                    .iter()
                    .flat_map(|e| {
                        e.postings
                            .iter()
                            .position(|&(i, _)| i == id)
                            .map(|k| e.positions[k].clone())
                            .unwrap_or_default()
                    })
                    .collect()
            })
        })
        .collect();
    let a = sets.iter().position(Option::is_some).unwrap();
    sets[a].as_ref().unwrap().iter().any(|&p| {
        sets.iter()
            .enumerate()
            .skip(a + 1)
            .all(|(i, s)| s.as_ref().is_none_or(|s| s.contains(&(p + (i - a) as u32))))
    })
}

/// At most one typo (optimal string alignment distance) between `q` and `t`, or a beginning of
/// `t`; never on the first character.
fn one_typo(q: &str, t: &str, begins: bool) -> bool {
    let a: Vec<char> = q.chars().collect();
    let b: Vec<char> = t.chars().collect();
    let (m, n) = (a.len(), b.len());
    if a[0] != b[0] || n + 1 < m || (!begins && n > m + 1) {
        return false;
    }
    let mut d = vec![vec![0usize; n + 1]; m + 1];
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=m {
        d[i][0] = i;
        for j in 1..=n {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    let last = if begins {
        *d[m].iter().min().unwrap()
    } else {
        d[m][n]
    };
    last <= 1
}

/// A query's words: quotes make phrases; the last word, unless a space or quote follows, is
/// still being typed.
fn parse(query: &str) -> Vec<Word> {
    let quotes = ['"', '“', '”', '„', '«', '»'];
    let parts: Vec<&str> = query.split(quotes).collect();
    let typing = query.chars().last().is_some_and(char::is_alphanumeric);
    let mut out = Vec::new();
    let mut phrases = 0;
    for (i, part) in parts.iter().enumerate() {
        let quoted = i % 2 == 1;
        let words = terms(part);
        let phrase = (quoted && words.len() > 1).then(|| {
            phrases += 1;
            phrases - 1
        });
        for (k, t) in words.iter().enumerate() {
            let last = typing && i == parts.len() - 1 && k == words.len() - 1;
            let long = t.chars().count() >= TYPO_MIN && !t.chars().all(char::is_numeric);
            out.push(Word {
                text: t.clone(),
                prefix: !quoted || last,
                typo: (!quoted && long).then_some(last),
                phrase,
            });
        }
    }
    out
}

fn index() -> Index {
    Index::open(site())
}

#[test]
fn a_typo_is_forgiven_in_a_long_word_never_in_its_first_letter() {
    let index = index();
    let right = index.urls("trafficking");
    assert_eq!(right[0], "eliminate-exploitation.html");
    for typo in [
        "traffiking",   // a letter dropped
        "trafficcking", // a letter added
        "traffixking",  // a letter replaced
        "tarfficking",  // two letters swapped
        "trafficking ",
    ] {
        let found = index.urls(typo);
        assert_eq!(found[0], "eliminate-exploitation.html", "{typo}");
        for url in &right {
            assert!(found.contains(url), "{typo}: {url} missing");
        }
    }
    // While a word is typed, a beginning one typo away counts: "traffik" finds "trafficking".
    assert!(
        index
            .urls("traffik")
            .contains(&"eliminate-exploitation.html".to_string())
    );
    // Not the first letter, not two typos, not in a word of four letters or in a phrase.
    for none in [
        "rtafficking",
        "trafiking ",
        "\"traffiking\"",
        "xtrafficking",
    ] {
        assert_eq!(index.urls(none), Vec::<String>::new(), "{none}");
    }
    let set = |q: &str| index.urls(q).into_iter().collect::<BTreeSet<String>>();
    assert!(!set("trade").is_empty());
    assert_eq!(set("trdae "), set("trade"));
    assert_eq!(index.urls("tdae "), Vec::<String>::new());
    // The word itself ranks before its typos: "migrants" before "migrant".
    let hits = index.search("migrants ");
    let (best, _) = index.record(hits[0].0);
    assert!(
        index.urls("\"migrants\"").contains(&best),
        "{best} has no \"migrants\""
    );
}

/// The report's chapters whose Markdown has `phrase` (case and line breaks aside).
fn chapters_with(phrase: &str) -> BTreeSet<String> {
    common::summary_chapters()
        .into_iter()
        .filter(|ch| {
            let text = std::fs::read_to_string(common::root().join("src").join(ch)).unwrap();
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            text.to_lowercase().contains(phrase)
        })
        .map(|ch| ch.replace(".md", ".html"))
        .collect()
}

#[test]
fn a_quoted_phrase_finds_its_words_in_that_order() {
    let index = index();
    let page = |url: &str| url.split('#').next().unwrap().to_string();
    // "the" and "of" are in more than half the records: not checked, the rarer words are.
    for phrase in [
        "human trafficking",
        "fair recruitment",
        "migrant workers",
        "the global migration group",
        "rights of all migrants",
    ] {
        let quoted: Vec<String> = index.urls(&format!("\"{phrase}\""));
        assert!(!quoted.is_empty(), "{phrase}");
        // Every chapter that has the phrase is found.
        let chapters = chapters_with(phrase);
        assert!(!chapters.is_empty(), "{phrase}");
        let found: BTreeSet<String> = quoted.iter().map(|u| page(u)).collect();
        for ch in &chapters {
            assert!(found.contains(ch), "\"{phrase}\": {ch} missing");
        }
        // Every record found has the phrase (its text, as far as the record file keeps it, or
        // its page's).
        for (id, _) in index.search(&format!("\"{phrase}\"")) {
            let (url, text) = index.record(id);
            let page_text = std::fs::read_to_string(site().join(page(&url))).unwrap();
            let words = |t: &str| format!(" {} ", terms(t).join(" "));
            assert!(
                words(&text).contains(&words(phrase)) || words(&page_text).contains(&words(phrase)),
                "\"{phrase}\": {url}"
            );
        }
        // The words apart are more.
        assert!(index.urls(phrase).len() > quoted.len(), "{phrase}");
    }
    // Words in another order are not the phrase; typographic quotes are quotes; an open quote is
    // a phrase still being typed.
    assert_eq!(index.urls("\"trafficking human\""), Vec::<String>::new());
    assert_eq!(
        index.urls("“human trafficking”"),
        index.urls("\"human trafficking\"")
    );
    let set = |q: &str| index.urls(q).into_iter().collect::<BTreeSet<String>>();
    assert_eq!(set("\"human traffick"), set("\"human trafficking\""));
}

#[test]
fn the_chapter_about_a_word_ranks_before_the_pages_that_name_it() {
    let index = index();
    for (query, first) in [
        ("trafficking", "eliminate-exploitation.html"),
        ("stranded", "stranded-migrants.html"),
        ("perceptions", "public-perceptions.html"),
        ("costs", "reduce-costs.html"),
        ("evidence", "evidence-base.html"),
        ("partnerships", "partnerships.html"),
        // An organisation's own page ranks first for its name.
        ("UNHCR", "agencies/unhcr.html"),
        ("IOM", "agencies/iom.html"),
    ] {
        let urls = index.urls(query);
        assert_eq!(urls[0], first, "{query}: {urls:?}");
    }
}

#[test]
fn a_typo_is_forgiven_through_the_vocabulary_when_its_letters_shard_is_split() {
    use mdbook_report::{build, install};
    // Two thousand words that start with "t", enough to split its shard, and the word sought,
    // in a book of twenty chapters.
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("words");
    std::fs::create_dir_all(book.join("src")).unwrap();
    std::fs::write(
        book.join("book.toml"),
        "[book]\ntitle = \"Words\"\n\n[preprocessor.report]\n\n[output.html]\n",
    )
    .unwrap();
    let mut summary = String::from("# Summary\n\n");
    for page in 0..20 {
        let text: Vec<String> = (0..100).map(|i| format!("t{}x{page}", i * 7)).collect();
        let text = if page == 7 {
            format!("{} trafficking", text.join(" "))
        } else {
            text.join(" ")
        };
        std::fs::write(
            book.join(format!("src/p{page}.md")),
            format!("# Page {page}\n\n{text}\n"),
        )
        .unwrap();
        summary.push_str(&format!("- [Page {page}](p{page}.md)\n"));
    }
    std::fs::write(book.join("src/SUMMARY.md"), summary).unwrap();
    install::install(&book, false).unwrap();
    let options = build::Options {
        deny_warnings: Some(false),
        dest: Some(dir.path().join("out")),
        site_url: None,
    };
    let html = build::build(&book, &options).unwrap();
    let index = Index::open(&html);
    assert!(index.split.contains("t"), "{:?}", index.split);
    assert!(index.shard(&index.shard_of("trafficking")).len() < 100);
    assert_eq!(index.urls("traffiking"), ["p7.html"]);
    assert_eq!(index.urls("tarfficking "), ["p7.html"]);
}
