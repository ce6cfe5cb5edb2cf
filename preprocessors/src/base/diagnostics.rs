//! Located diagnostics shared by every feature.
//!
//! Every problem an editor can cause is a [`Diagnostic`]: a severity, a file, a 1-based line and
//! column (counted in characters, in the file the editor edits), a message and an optional hint.
//! They print as `path:line:col: error: message` followed by `  = hint: …`, the format editors'
//! tools (and terminals that make paths clickable) understand. A build collects all of them before
//! failing, so one run shows every problem; [`Diagnostics::summary`] gives the closing count.
//!
//! One mistake, one message: when an input cannot be read (the registry, a chapter's front
//! matter), the error that says so is its [`Cause`]; the checks that depend on that input skip
//! what they cannot know and fold what they would have reported into it ([`Diagnostics::fold`]:
//! "… (and 12 references to its organisations)") instead of reporting each consequence.

use crate::base::text::plural;
use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Information about something acknowledged in the sources; never fails a build.
    Note,
    /// The build still succeeds, unless warnings are denied.
    Warning,
    /// The build fails.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// A place in a file: 1-based line and column; `line == 0` means "the whole file".
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// The file, relative to the book root (e.g. `src/introduction.md`).
    pub path: PathBuf,
    /// 1-based line, or 0 when unknown.
    pub line: usize,
    /// 1-based column in characters, or 0 when unknown.
    pub col: usize,
}

impl Location {
    /// A location pointing at a whole file.
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Location {
            path: path.into(),
            line: 0,
            col: 0,
        }
    }

    /// A location at `line:col` of `path`.
    pub fn at(path: impl Into<PathBuf>, line: usize, col: usize) -> Self {
        Location {
            path: path.into(),
            line,
            col,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.col > 0 {
                write!(f, ":{}", self.col)?;
            }
        }
        Ok(())
    }
}

/// One problem found in the sources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A stable identifier of the kind of problem (listed in `docs/src/diagnostics.md`).
    pub code: &'static str,
    /// Where the problem is.
    pub location: Location,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it, when the tool can tell.
    pub hint: Option<String>,
    /// Consequences folded into it: (singular, plural, count).
    pub folded: Vec<(&'static str, &'static str, usize)>,
    /// Findings like it (same code, severity and hint) folded into it at scale
    /// ([`Diagnostics::fold_alike`]): how many, and the first few places.
    pub alike: Alike,
}

/// Findings folded into one diagnostic because they are alike.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Alike {
    /// How many.
    pub count: usize,
    /// The first few of their places.
    pub places: Vec<Location>,
}

/// A reported mistake whose consequences are folded into it (see [`Diagnostics::fold`]). It
/// names the diagnostic by its place in the collection, so it is valid until the collection is
/// sorted or filtered, which happens only once every check has run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cause(usize);

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {}{}{} [{}]",
            self.location,
            self.severity,
            self.message,
            self.folded_text(),
            self.alike_text(),
            self.code
        )?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  = hint: {hint}")?;
        }
        Ok(())
    }
}

impl Diagnostic {
    /// " (and 12 references to its organisations)".
    fn folded_text(&self) -> String {
        let parts: Vec<String> = self
            .folded
            .iter()
            .map(|&(one, many, n)| format!("{n} {}", if n == 1 { one } else { many }))
            .collect();
        if parts.is_empty() {
            String::new()
        } else {
            format!(" (and {})", parts.join(", "))
        }
    }

    /// " (and 9999 more like it: a.md:3:1, a.md:5:1, a.md:7:1, …)".
    fn alike_text(&self) -> String {
        let Alike { count, places } = &self.alike;
        if *count == 0 {
            return String::new();
        }
        // A group always has more members than places shown (see the assertion below).
        let shown: Vec<String> = places.iter().map(ToString::to_string).collect();
        format!(" (and {count} more like it: {}, …)", shown.join(", "))
    }

    /// Sets how to fix it.
    pub fn hint(&mut self, hint: impl Into<String>) -> &mut Self {
        self.hint = Some(hint.into());
        self
    }

    /// "did you mean `candidate`?" when there is a close candidate (already quoted as the
    /// editor would write it), else `otherwise`.
    pub fn suggest(
        &mut self,
        candidate: Option<String>,
        otherwise: impl Into<String>,
    ) -> &mut Self {
        self.hint = Some(match candidate {
            Some(c) => format!("did you mean {c}?"),
            None => otherwise.into(),
        });
        self
    }
}

/// Findings alike in this number or more are printed as one ([`Diagnostics::fold_alike`]).
pub(crate) const FOLD_ALIKE_AT: usize = 6;
/// How many places of findings folded as alike are named.
pub(crate) const ALIKE_PLACES: usize = 3;
const _: () = assert!(
    FOLD_ALIKE_AT - 1 > ALIKE_PLACES,
    "a folded group names some of its places"
);

/// All problems found during one build.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty collection.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records an error and returns it for adding a hint.
    pub fn error(
        &mut self,
        code: &'static str,
        location: Location,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.push(Severity::Error, code, location, message)
    }

    /// Records a note (an acknowledged finding) and returns it for adding a hint.
    pub fn note(
        &mut self,
        code: &'static str,
        location: Location,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.push(Severity::Note, code, location, message)
    }

    /// Records a warning and returns it for adding a hint.
    pub fn warning(
        &mut self,
        code: &'static str,
        location: Location,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.push(Severity::Warning, code, location, message)
    }

    fn push(
        &mut self,
        severity: Severity,
        code: &'static str,
        location: Location,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.items.push(Diagnostic {
            severity,
            code,
            location,
            message: message.into(),
            hint: None,
            folded: Vec::new(),
            alike: Alike::default(),
        });
        self.items.last_mut().expect("just pushed")
    }

    /// The diagnostic recorded last, as the cause of what follows from its input.
    pub fn last_cause(&self) -> Option<Cause> {
        self.items.len().checked_sub(1).map(Cause)
    }

    /// Folds `count` consequences of `cause` into its message instead of reporting each:
    /// `one`/`many` name them ("reference to its organisations"); folds with the same words add
    /// up. Nothing is folded for a count of 0.
    pub fn fold(&mut self, cause: Cause, count: usize, one: &'static str, many: &'static str) {
        let Some(d) = self.items.get_mut(cause.0).filter(|_| count > 0) else {
            return;
        };
        match d.folded.iter_mut().find(|f| f.0 == one) {
            Some(f) => f.2 += count,
            None => d.folded.push((one, many, count)),
        }
    }

    /// The diagnostics, in the order they were found.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Keeps only the diagnostics `keep` accepts.
    pub fn retain(&mut self, keep: impl FnMut(&Diagnostic) -> bool) {
        self.items.retain(keep);
    }

    /// Number of diagnostics.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True when nothing was found.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    /// Findings of `severity`, those folded as alike included.
    fn count(&self, severity: Severity) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == severity)
            .map(|d| 1 + d.alike.count)
            .sum()
    }

    /// One cause, one message at any scale: a group of at least [`FOLD_ALIKE_AT`] findings with
    /// the same code, severity and hint (10,000 registry entries no chapter names, an address
    /// without a date in every note) is printed as its first, with the count of the others and
    /// their first [`ALIKE_PLACES`] places. Run after [`Diagnostics::sort`]; the summary still
    /// counts every finding.
    pub fn fold_alike(&mut self) {
        use std::collections::HashMap;
        let mut groups: HashMap<(Severity, &'static str, Option<String>), Vec<usize>> =
            HashMap::new();
        for (i, d) in self.items.iter().enumerate() {
            let key = (d.severity, d.code, d.hint.clone());
            groups.entry(key).or_default().push(i);
        }
        let mut drop = vec![false; self.items.len()];
        for members in groups.values().filter(|m| m.len() >= FOLD_ALIKE_AT) {
            let (&first, rest) = members.split_first().expect("a group has members");
            let places = rest
                .iter()
                .take(ALIKE_PLACES)
                .map(|&i| self.items[i].location.clone())
                .collect();
            for &i in rest {
                drop[i] = true;
            }
            self.items[first].alike = Alike {
                count: rest.len(),
                places,
            };
        }
        let mut keep = drop.into_iter().map(|d| !d);
        self.items.retain(|_| keep.next().unwrap_or(true));
    }

    /// Whether the build must fail: any error, or any warning when warnings are denied.
    pub fn is_fatal(&self, deny_warnings: bool) -> bool {
        self.errors() > 0 || (deny_warnings && self.warnings() > 0)
    }

    /// Turns every warning into an error (the strict switch). Notes stay notes.
    pub fn deny_warnings(&mut self) {
        for d in &mut self.items {
            if d.severity == Severity::Warning {
                d.severity = Severity::Error;
            }
        }
    }

    /// Sorts by file, line and column so output is stable and grouped per file; drops exact
    /// duplicates (one mistake reached by two routes is reported once).
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            (&a.location, a.code, &a.message).cmp(&(&b.location, b.code, &b.message))
        });
        self.items.dedup();
    }

    /// `"2 errors, 1 warning"`.
    pub fn summary(&self) -> String {
        let mut s = format!(
            "{}, {}",
            plural(self.errors(), "error"),
            plural(self.warnings(), "warning")
        );
        let notes = self.count(Severity::Note);
        if notes > 0 {
            s.push_str(", ");
            s.push_str(&plural(notes, "note"));
        }
        s
    }

    /// Prints every diagnostic, sorted, with the summary to stderr, and fails when they are
    /// fatal (`deny_warnings`: warnings count as errors).
    pub fn finish(&mut self, deny_warnings: bool) -> anyhow::Result<()> {
        if deny_warnings {
            self.deny_warnings();
        }
        self.sort();
        self.fold_alike();
        if let Some(text) = self.printed() {
            eprintln!("{text}");
        }
        if self.is_fatal(deny_warnings) {
            anyhow::bail!("the book has problems: {}", self.summary());
        }
        Ok(())
    }

    /// What [`Diagnostics::finish`] prints: nothing at all for a clean build (not even a summary
    /// of zeros, so `mdbook serve` stays quiet), else [`Diagnostics::render`].
    fn printed(&self) -> Option<String> {
        (!self.is_empty()).then(|| self.render())
    }

    /// Everything, one diagnostic per paragraph, followed by the summary line.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for d in &self.items {
            out.push_str(&d.to_string());
            out.push('\n');
        }
        out.push_str(&self.summary());
        out
    }
}

/// Maps byte offsets of one file to 1-based line and character column.
#[derive(Debug, Clone)]
pub(crate) struct LineIndex {
    path: PathBuf,
    line_starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes `text`, the full content of the file at `path` (relative to the book root).
    pub(crate) fn new(path: impl Into<PathBuf>, text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex {
            path: path.into(),
            line_starts,
        }
    }

    /// The file this index belongs to.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// The location of byte `offset` of `text` (the same text given to [`LineIndex::new`]).
    pub(crate) fn location(&self, text: &str, offset: usize) -> Location {
        let offset = offset.min(text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self.line_starts[line - 1];
        let col = text.get(start..offset).map_or(1, |prefix| {
            prefix.trim_start_matches('\u{feff}').chars().count() + 1
        });
        Location::at(self.path.clone(), line, col)
    }
}

/// Why a source file could not be read, in plain words, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unreadable {
    /// The file, or its first byte that is not UTF-8.
    pub location: Location,
    /// "the file does not exist", "the file is not UTF-8 text" …
    pub problem: &'static str,
}

/// Reads `file` as text; `shown` is its path as the editor sees it (relative to the book's
/// root). Invalid UTF-8 is located at its first bad byte; other failures are said without the
/// system's words ("No such file or directory (os error 2)").
pub(crate) fn read_text(file: &Path, shown: &Path) -> Result<String, Unreadable> {
    let bytes = std::fs::read(file).map_err(|err| Unreadable {
        location: Location::file(shown),
        problem: match err.kind() {
            std::io::ErrorKind::NotFound => "the file does not exist",
            std::io::ErrorKind::PermissionDenied => "the file may not be read (permission denied)",
            std::io::ErrorKind::IsADirectory => "it is a folder, not a file",
            _ => "the file cannot be read",
        },
    })?;
    String::from_utf8(bytes).map_err(|err| {
        let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
        let before = std::str::from_utf8(valid).unwrap_or_default();
        Unreadable {
            location: LineIndex::new(shown, before).location(before, before.len()),
            problem: "the file is not UTF-8 text",
        }
    })
}

/// The registry form closest to `wanted` by edit distance, for "did you mean" hints.
pub(crate) fn did_you_mean<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let wanted_lower = wanted.to_lowercase();
    candidates
        .into_iter()
        .map(|c| {
            (
                strsim::damerau_levenshtein(&wanted_lower, &c.to_lowercase()),
                c,
            )
        })
        .filter(|(distance, c)| *distance <= (c.chars().count().max(wanted.len()) / 3).max(2))
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_location_severity_message_code_and_hint() {
        let mut d = Diagnostics::new();
        d.error("x-code", Location::at("src/a.md", 3, 7), "bad thing")
            .hint = Some("do this".into());
        d.warning("w-code", Location::file("book.toml"), "odd thing");
        assert_eq!(
            d.render(),
            "src/a.md:3:7: error: bad thing [x-code]\n  = hint: do this\n\
             book.toml: warning: odd thing [w-code]\n1 error, 1 warning"
        );
    }

    #[test]
    fn findings_alike_at_scale_are_one_message_with_the_count_and_the_first_places() {
        let many = |n: usize, hint: &str| {
            let mut d = Diagnostics::new();
            for i in 0..n {
                d.warning(
                    "w",
                    Location::at("r.yaml", 2 * i + 1, 3),
                    format!("`o{i}` unnamed"),
                )
                .hint(hint);
            }
            d
        };
        let mut folded = many(8, "name it");
        folded.sort();
        folded.fold_alike();
        assert_eq!(
            folded.render(),
            "r.yaml:1:3: warning: `o0` unnamed (and 7 more like it: r.yaml:3:3, r.yaml:5:3, r.yaml:7:3, …) [w]\n  = hint: name it\n0 errors, 8 warnings"
        );
        // The smallest group.
        let mut six = many(FOLD_ALIKE_AT, "h");
        six.fold_alike();
        assert!(
            six.render()
                .contains("(and 5 more like it: r.yaml:3:3, r.yaml:5:3, r.yaml:7:3, …)")
        );
        // Below the threshold, each is its own message.
        let mut five = many(FOLD_ALIKE_AT - 1, "h");
        five.fold_alike();
        assert_eq!(five.len(), FOLD_ALIKE_AT - 1);
        // Another hint is another cause.
        let mut mixed = many(4, "a");
        for i in 0..4 {
            mixed
                .warning("w", Location::at("s.yaml", i + 1, 1), "x")
                .hint("b");
        }
        mixed.fold_alike();
        assert_eq!(mixed.len(), 8);
        assert_eq!(mixed.summary(), "0 errors, 8 warnings");
    }

    #[test]
    fn line_index_counts_columns_in_characters() {
        let text = "ab\nUNICEF’s x\n\nlast";
        let idx = LineIndex::new("f.md", text);
        assert_eq!(idx.location(text, 0), Location::at("f.md", 1, 1));
        let x = text.find('x').unwrap();
        assert_eq!(idx.location(text, x), Location::at("f.md", 2, 10));
        assert_eq!(idx.location(text, text.len()), Location::at("f.md", 4, 5));
    }

    #[test]
    fn strict_mode_makes_warnings_fatal() {
        let mut d = Diagnostics::new();
        d.warning("w", Location::file("a"), "w");
        d.note("n", Location::file("a"), "n");
        assert_eq!(d.summary(), "0 errors, 1 warning, 1 note");
        assert!(!d.is_fatal(false));
        assert!(d.is_fatal(true));
        d.deny_warnings();
        assert_eq!(d.errors(), 1);
    }

    #[test]
    fn a_clean_build_prints_nothing_and_any_finding_prints_with_its_summary() {
        let clean = Diagnostics::new();
        assert!(clean.is_empty());
        assert_eq!(clean.printed(), None);
        let mut noted = Diagnostics::new();
        noted.note("n-code", Location::file("a.md"), "seen");
        assert!(!noted.is_empty());
        assert_eq!(
            noted.printed().as_deref(),
            Some("a.md: note: seen [n-code]\n0 errors, 0 warnings, 1 note")
        );
    }

    #[test]
    fn consequences_are_folded_into_their_cause() {
        let mut d = Diagnostics::new();
        d.error(
            "registry-yaml",
            Location::file("data/r.yaml"),
            "the registry is empty",
        );
        let cause = d.last_cause().unwrap();
        d.fold(
            cause,
            1,
            "reference to its organisations",
            "references to its organisations",
        );
        d.fold(
            cause,
            57,
            "reference to its organisations",
            "references to its organisations",
        );
        d.fold(cause, 0, "other", "others");
        assert_eq!(
            d.render(),
            "data/r.yaml: error: the registry is empty (and 58 references to its organisations) [registry-yaml]\n1 error, 0 warnings"
        );
    }

    #[test]
    fn unreadable_files_are_said_in_plain_words_and_bad_bytes_located() {
        let dir = std::env::temp_dir().join(format!("diag-read-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("a.md");
        std::fs::write(&file, b"# T\n\nCaf\xe9 au lait\n").unwrap();
        let shown = Path::new("src/a.md");
        assert_eq!(
            read_text(&file, shown),
            Err(Unreadable {
                location: Location::at("src/a.md", 3, 4),
                problem: "the file is not UTF-8 text"
            })
        );
        assert_eq!(
            read_text(&dir.join("none.md"), shown).unwrap_err().problem,
            "the file does not exist"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn finish_fails_on_errors_and_on_warnings_only_when_they_are_denied() {
        let warned = || {
            let mut d = Diagnostics::new();
            d.warning("w-code", Location::at("b.md", 2, 1), "odd");
            d.note("n", Location::at("a.md", 1, 1), "seen");
            d
        };
        let mut lenient = warned();
        assert!(lenient.finish(false).is_ok());
        assert_eq!(lenient.summary(), "0 errors, 1 warning, 1 note");
        let mut strict = warned();
        let err = strict.finish(true).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the book has problems: 1 error, 0 warnings, 1 note"
        );
        // Sorted, the warning now an error, the note still a note.
        assert_eq!(
            strict.render(),
            "a.md:1:1: note: seen [n]\nb.md:2:1: error: odd [w-code]\n1 error, 0 warnings, 1 note"
        );
        let mut notes_only = Diagnostics::new();
        notes_only.note("n", Location::file("a"), "n");
        assert!(notes_only.finish(true).is_ok());
        let mut errors = Diagnostics::new();
        errors.error("x-code", Location::file("a"), "bad");
        assert!(errors.finish(false).is_err());
        assert!(Diagnostics::new().finish(true).is_ok());
    }

    #[test]
    fn sorting_groups_by_place_and_drops_exact_duplicates() {
        let mut d = Diagnostics::new();
        d.error("x-code", Location::at("b.md", 1, 1), "b");
        d.error("x-code", Location::at("a.md", 9, 2), "a2");
        d.error("x-code", Location::at("a.md", 9, 1), "a1");
        d.error("x-code", Location::at("a.md", 9, 1), "a1");
        d.warning("w-code", Location::at("a.md", 10, 1), "a3");
        d.sort();
        let messages: Vec<&str> = d.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages, ["a1", "a2", "a3", "b"]);
        assert_eq!((d.len(), d.errors(), d.warnings()), (4, 3, 1));
        assert!(!d.is_empty());
        d.retain(|d| d.severity == Severity::Warning);
        assert_eq!(
            d.render(),
            "a.md:10:1: warning: a3 [w-code]\n0 errors, 1 warning"
        );
    }

    #[test]
    fn suggest_gives_the_candidate_or_the_fallback_hint() {
        let mut d = Diagnostics::new();
        d.error("x-code", Location::file("a"), "m")
            .suggest(Some("`b`".into()), "other");
        d.error("x-code", Location::file("a"), "m")
            .suggest(None, "other");
        let hints: Vec<_> = d.iter().map(|d| d.hint.clone().unwrap()).collect();
        assert_eq!(hints, ["did you mean `b`?", "other"]);
        assert_eq!(Location::at("f", 3, 0).to_string(), "f:3");
        assert_eq!(Location::file("f").to_string(), "f");
        assert_eq!(
            [Severity::Note, Severity::Warning, Severity::Error].map(|s| s.to_string()),
            ["note", "warning", "error"]
        );
    }

    #[test]
    fn suggests_the_closest_candidate() {
        let c = ["unhcr", "unicef", "unesco"];
        assert_eq!(did_you_mean("unchr", c), Some("unhcr"));
        assert_eq!(did_you_mean("UNICEFF", c), Some("unicef"));
        assert_eq!(did_you_mean("worldbank-group-x", c), None);
        // Long names allow a third of their length: three edits apart, still suggested.
        let long = ["international-labour"];
        assert_eq!(
            did_you_mean("intrnational-labr", long),
            Some("international-labour")
        );
        assert_eq!(
            did_you_mean("intrnatonal-lbr", long),
            Some("international-labour")
        );
        assert_eq!(did_you_mean("xyz", long), None);
    }

    #[test]
    fn a_folder_where_a_file_belongs_is_said_in_plain_words() {
        let dir = std::env::temp_dir().join(format!("diag-folder-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let shown = Path::new("src/chapter.md");
        assert_eq!(
            read_text(&dir, shown),
            Err(Unreadable {
                location: Location::file("src/chapter.md"),
                problem: "it is a folder, not a file"
            })
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
