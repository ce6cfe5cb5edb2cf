//! One rule for every path a book names: it stays inside.
//!
//! A path in `book.toml` (the registry, the templates, a generated page, the endnotes chapter,
//! the theme files), in `SUMMARY.md` or in an `{{#include}}` is resolved here, and nowhere else:
//!
//! - it is relative (never absolute: a book moves between machines);
//! - written out plainly it stays inside the folder it is relative to ([`inside`]: `a/../b` is
//!   `b`, `../x` leaves);
//! - followed through symbolic links on the disk, it still ends inside the [`Boundary`]: the
//!   book's folder, or for includes (which mdBook reads from anywhere, and real books take from
//!   their repository: mdBook's own guide includes `../../../examples/…`) the book's repository.
//!
//! What breaks the rule is an [`Escape`], which says in plain words what the path does; each
//! reader reports it once, where the path is written (the key in `book.toml`, the directive in a
//! chapter). The configuration's path keys are read with [`in_book`] or [`in_src`], whose marks
//! the configuration's schema sees, so every path key is checked the same way, a new one too.
//!
//! Generated files are never resolved against the disk's folders: they are written only into
//! the build's output, under the virtual paths [`inside`] accepts.

use serde::Deserialize;
use std::path::{Component, Path, PathBuf};

/// The mark of a path relative to the book's folder, for the configuration's schema.
pub const IN_BOOK: &str = "path in the book";

/// The mark of a path relative to the book's `src/` folder, for the configuration's schema.
pub const IN_SRC: &str = "path in src";

/// The mark of the folder above the book that is its repository (`..`).
pub const REPOSITORY: &str = "repository";

/// How a path breaks the rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Escape {
    /// Nothing is written.
    Empty,
    /// `/srv/x`, `C:\x`.
    Absolute,
    /// `../x`: it climbs out of the folder it is relative to.
    Parent,
    /// It exists, and a symbolic link on the way leads outside, to this file or folder.
    Link(PathBuf),
    /// It climbs out of the repository (includes only).
    Repository,
}

impl Escape {
    /// What the path does, to follow "`dir` under `[…]` …" or "`{{#include …}}` …".
    pub(crate) fn problem(&self) -> String {
        match self {
            Escape::Empty => "is empty".into(),
            Escape::Absolute => "is an absolute path".into(),
            Escape::Parent => "leads out of the book (through `..`)".into(),
            Escape::Link(to) => format!(
                "goes through a symbolic link to `{}`, outside the book",
                to.display()
            ),
            Escape::Repository => "leads out of the book's repository".into(),
        }
    }

    /// How to fix it.
    pub(crate) fn hint(&self) -> &'static str {
        match self {
            Escape::Empty => "write the path, relative to the book's folder, or remove the key",
            Escape::Absolute | Escape::Parent => {
                "write a path inside the book, relative to its folder (e.g. `data/file.yaml`); copy what lives elsewhere into the book"
            }
            Escape::Link(_) => "copy the file into the book instead of linking to it",
            Escape::Repository => "copy the file into the book's repository and include the copy",
        }
    }
}

/// `path` made plain (`./a/../b.md` → `b.md`) if it is relative and stays inside the folder it
/// is relative to.
pub(crate) fn inside(path: &Path) -> Result<PathBuf, Escape> {
    if path.as_os_str().is_empty() {
        return Err(Escape::Empty);
    }
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::Normal(part) => out.push(part),
            Component::ParentDir => {
                if !out.pop() {
                    return Err(Escape::Parent);
                }
            }
            Component::RootDir | Component::Prefix(_) => return Err(Escape::Absolute),
        }
    }
    Ok(out)
}

/// Where the paths of one book may lead, on the disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Boundary {
    /// The book's folder, canonical.
    root: PathBuf,
    /// The folder includes may reach: the book's repository, or the book's folder.
    repository: PathBuf,
}

impl Boundary {
    /// The boundary of the book at `root` (which must exist). Includes may reach `repository`,
    /// a folder above the book given relative to it (`..`): `[preprocessor.report] repository`;
    /// without one, the nearest folder above the book with a `.git`; without that, the book.
    /// A `repository` that is not a folder above the book is left out (the configuration
    /// reports it).
    pub(crate) fn new(root: &Path, repository: Option<&Path>) -> std::io::Result<Boundary> {
        let root = root.canonicalize()?;
        let configured = repository
            .and_then(|r| above(r).map(|up| (0..up).fold(root.clone(), |p, _| parent_of(&p))));
        let found = || {
            root.ancestors()
                .find(|a| a.join(".git").exists())
                .map(Path::to_path_buf)
        };
        let repository = configured.or_else(found).unwrap_or_else(|| root.clone());
        Ok(Boundary { root, repository })
    }

    /// The book's folder, canonical.
    pub(crate) fn root(&self) -> &Path {
        &self.root
    }

    /// `written`, a path of the book relative to its folder `base` (`""` or `src`), resolved on
    /// the disk: it stays inside the book, links followed. It need not exist.
    pub(crate) fn in_book(&self, base: &Path, written: &Path) -> Result<PathBuf, Escape> {
        let plain = inside(written)?;
        let file = self.root.join(base).join(plain);
        match resolved(&file) {
            Some(real) if !real.starts_with(&self.root) => Err(Escape::Link(real)),
            _ => Ok(file),
        }
    }

    /// `written`, a directive's path relative to `dir` (the folder of the file that holds it,
    /// absolute, inside the repository), as mdBook resolves it, kept inside the repository.
    pub(crate) fn included(&self, dir: &Path, written: &Path) -> Result<PathBuf, Escape> {
        if written.is_absolute() {
            return Err(Escape::Absolute);
        }
        let within = dir
            .strip_prefix(&self.repository)
            .map_err(|_| Escape::Repository)?;
        inside(&within.join(written)).map_err(|_| Escape::Repository)?;
        let file = dir.join(written);
        match resolved(&file) {
            Some(real) if !real.starts_with(&self.repository) => Err(Escape::Link(real)),
            _ => Ok(file),
        }
    }

    /// True when includes may reach beyond the book's folder.
    pub(crate) fn has_repository(&self) -> bool {
        self.repository != self.root
    }

    /// `file` (absolute, canonical) as the editor names it: relative to the book's folder
    /// (`src/a.md`, `../examples/x.rs`), or as it is when outside the repository.
    pub(crate) fn shown(&self, file: &Path) -> PathBuf {
        if let Ok(rel) = file.strip_prefix(&self.root) {
            return rel.to_path_buf();
        }
        match (
            file.strip_prefix(&self.repository),
            self.root.strip_prefix(&self.repository),
        ) {
            (Ok(rel), Ok(book)) => book
                .components()
                .map(|_| Path::new(".."))
                .collect::<PathBuf>()
                .join(rel),
            _ => file.to_path_buf(),
        }
    }
}

/// How many folders up a path made of `..` only goes (`..` → 1, `../..` → 2).
pub(crate) fn above(path: &Path) -> Option<usize> {
    let mut up = 0;
    for c in path.components() {
        match c {
            Component::ParentDir => up += 1,
            Component::CurDir => {}
            _ => return None,
        }
    }
    (up > 0).then_some(up)
}

fn parent_of(path: &Path) -> PathBuf {
    path.parent().unwrap_or(path).to_path_buf()
}

/// The canonical form of `file`'s longest existing ancestor (itself when it exists), with the
/// rest appended: where the path really leads.
fn resolved(file: &Path) -> Option<PathBuf> {
    let mut rest = Vec::new();
    let mut at = file;
    loop {
        if let Ok(real) = at.canonicalize() {
            return Some(rest.iter().rev().fold(real, |p, part| p.join(part)));
        }
        rest.push(at.file_name()?.to_os_string());
        at = at.parent()?;
    }
}

/// A path relative to the book's folder: a `book.toml` key reads its value with
/// `#[serde(deserialize_with = "paths::in_book")]`. The value is made plain; one that leaves
/// the folder is refused (the configuration reports it at the key before this runs).
pub(crate) fn in_book<'de, D: serde::Deserializer<'de>>(d: D) -> Result<PathBuf, D::Error> {
    marked(d, IN_BOOK)
}

/// A path relative to the book's `src/` folder (a chapter, a generated page's virtual path).
pub(crate) fn in_src<'de, D: serde::Deserializer<'de>>(d: D) -> Result<PathBuf, D::Error> {
    marked(d, IN_SRC)
}

/// [`in_book`] for a key whose absence means something (`registry`: the default file, if the
/// book has it).
pub(crate) fn in_book_if_set<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<PathBuf>, D::Error> {
    marked(d, IN_BOOK).map(Some)
}

/// [`in_src`] for a key whose absence means something (`chapter` of the endnotes: none, no
/// endnotes).
pub(crate) fn in_src_if_set<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<PathBuf>, D::Error> {
    marked(d, IN_SRC).map(Some)
}

/// `[preprocessor.report] repository`: the folder above the book that includes may reach,
/// written `..` (or `../..` …); anything else is refused.
pub(crate) fn repository<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<PathBuf>, D::Error> {
    struct Up;
    impl<'de> serde::de::Visitor<'de> for Up {
        type Value = Option<PathBuf>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a folder above the book")
        }
        fn visit_newtype_struct<D: serde::Deserializer<'de>>(
            self,
            d: D,
        ) -> Result<Self::Value, D::Error> {
            let written = String::deserialize(d)?;
            match above(Path::new(&written)) {
                Some(_) => Ok(Some(PathBuf::from(written))),
                None => Err(serde::de::Error::invalid_value(
                    serde::de::Unexpected::Str(&written),
                    &self,
                )),
            }
        }
    }
    d.deserialize_newtype_struct(REPOSITORY, Up)
}

fn marked<'de, D: serde::Deserializer<'de>>(d: D, mark: &'static str) -> Result<PathBuf, D::Error> {
    struct Marked;
    impl<'de> serde::de::Visitor<'de> for Marked {
        type Value = PathBuf;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a path inside the book")
        }
        fn visit_newtype_struct<D: serde::Deserializer<'de>>(
            self,
            d: D,
        ) -> Result<PathBuf, D::Error> {
            let written = PathBuf::deserialize(d)?;
            inside(&written)
                .map_err(|e| serde::de::Error::custom(format!("the path {}", e.problem())))
        }
    }
    d.deserialize_newtype_struct(mark, Marked)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inside_resolves_dots_and_refuses_what_climbs_out() {
        assert_eq!(inside(Path::new("./a/../b.md")), Ok(PathBuf::from("b.md")));
        assert_eq!(inside(Path::new("a/b.md")), Ok(PathBuf::from("a/b.md")));
        assert_eq!(inside(Path::new("../x.md")), Err(Escape::Parent));
        assert_eq!(inside(Path::new("a/../../x.md")), Err(Escape::Parent));
        assert_eq!(inside(Path::new("/etc/x.md")), Err(Escape::Absolute));
        assert_eq!(inside(Path::new("")), Err(Escape::Empty));
    }

    #[test]
    fn each_escape_says_what_the_path_does_and_how_to_fix_it() {
        let inside_the_book = "write a path inside the book, relative to its folder (e.g. `data/file.yaml`); copy what lives elsewhere into the book";
        let cases = [
            (
                Escape::Empty,
                "is empty",
                "write the path, relative to the book's folder, or remove the key",
            ),
            (Escape::Absolute, "is an absolute path", inside_the_book),
            (
                Escape::Parent,
                "leads out of the book (through `..`)",
                inside_the_book,
            ),
            (
                Escape::Link(PathBuf::from("/srv/x.yaml")),
                "goes through a symbolic link to `/srv/x.yaml`, outside the book",
                "copy the file into the book instead of linking to it",
            ),
            (
                Escape::Repository,
                "leads out of the book's repository",
                "copy the file into the book's repository and include the copy",
            ),
        ];
        for (escape, problem, hint) in cases {
            assert_eq!((escape.problem(), escape.hint()), (problem.into(), hint));
        }
    }

    #[test]
    fn a_link_out_of_the_book_is_an_escape_and_one_inside_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let book = dir.path().join("book");
        std::fs::create_dir_all(book.join("data")).unwrap();
        std::fs::write(dir.path().join("outside.yaml"), "x").unwrap();
        std::fs::write(book.join("data/in.yaml"), "x").unwrap();
        std::os::unix::fs::symlink(dir.path().join("outside.yaml"), book.join("data/out.yaml"))
            .unwrap();
        std::os::unix::fs::symlink(book.join("data"), book.join("alias")).unwrap();
        std::os::unix::fs::symlink(dir.path(), book.join("up")).unwrap();
        let b = Boundary::new(&book, None).unwrap();
        assert!(b.in_book(Path::new(""), Path::new("data/in.yaml")).is_ok());
        assert!(b.in_book(Path::new(""), Path::new("alias/in.yaml")).is_ok());
        assert!(b.in_book(Path::new(""), Path::new("data/new.yaml")).is_ok());
        assert!(matches!(
            b.in_book(Path::new(""), Path::new("data/out.yaml")),
            Err(Escape::Link(_))
        ));
        // A folder that does not exist yet, under a link out of the book.
        assert!(matches!(
            b.in_book(Path::new(""), Path::new("up/new/x.md")),
            Err(Escape::Link(_))
        ));
    }

    #[test]
    fn includes_reach_the_repository_and_no_further() {
        let dir = tempfile::tempdir().unwrap();
        let repo = dir.path().join("repo");
        let src = repo.join("guide/src");
        std::fs::create_dir_all(&src).unwrap();
        std::fs::create_dir_all(repo.join("examples")).unwrap();
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        let src = src.canonicalize().unwrap();
        let found = Boundary::new(&repo.join("guide"), None).unwrap();
        assert!(
            found
                .included(&src, Path::new("../../examples/x.rs"))
                .is_ok()
        );
        assert_eq!(
            found.included(&src, Path::new("../../../x.rs")),
            Err(Escape::Repository)
        );
        assert_eq!(
            found.included(&src, Path::new("/x.rs")),
            Err(Escape::Absolute)
        );
        let book_only = Boundary::new(&src.join(".."), Some(Path::new("src/.."))).unwrap();
        // `repository` must go up; otherwise the nearest `.git` counts.
        assert_eq!(book_only, found);
        let configured = Boundary::new(&repo.join("guide"), Some(Path::new(".."))).unwrap();
        assert!(
            configured
                .included(&src, Path::new("../../examples/x.rs"))
                .is_ok()
        );
        assert_eq!(above(Path::new("../..")), Some(2));
        assert_eq!(above(Path::new("../x")), None);
    }

    #[test]
    fn above_counts_the_steps_up_and_skips_the_dots() {
        assert_eq!(above(Path::new("./..")), Some(1));
        assert_eq!(above(Path::new(".././..")), Some(2));
        // A path that does not go up names no folder above the book.
        assert_eq!(above(Path::new(".")), None);
        assert_eq!(above(Path::new("")), None);
    }

    /// A repository (`repo/.git`) with a book in `repo/guide`, its chapters in `guide/src`, a
    /// folder `repo/examples` beside it and a file `outside.rs` next to the repository.
    fn repository_with_a_book() -> (tempfile::TempDir, Boundary, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let repo = dir.path().join("repo");
        std::fs::create_dir_all(repo.join("guide/src")).unwrap();
        std::fs::create_dir_all(repo.join("examples")).unwrap();
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        std::fs::write(dir.path().join("outside.rs"), "x").unwrap();
        let boundary = Boundary::new(&repo.join("guide"), None).unwrap();
        let repo = repo.canonicalize().unwrap();
        (dir, boundary, repo)
    }

    #[test]
    fn an_include_through_a_link_out_of_the_repository_is_an_escape() {
        let (dir, b, repo) = repository_with_a_book();
        let src = repo.join("guide/src");
        let outside = dir.path().canonicalize().unwrap().join("outside.rs");
        std::os::unix::fs::symlink(&outside, repo.join("examples/linked.rs")).unwrap();
        std::fs::write(repo.join("examples/own.rs"), "x").unwrap();
        assert_eq!(
            b.included(&src, Path::new("../../examples/linked.rs")),
            Err(Escape::Link(outside))
        );
        assert_eq!(
            b.included(&src, Path::new("../../examples/own.rs")),
            Ok(src.join("../../examples/own.rs"))
        );
    }

    #[test]
    fn only_a_repository_above_the_book_widens_what_includes_reach() {
        let (_dir, with_git, repo) = repository_with_a_book();
        assert!(with_git.has_repository());
        let configured = Boundary::new(&repo.join("guide/src"), Some(Path::new(".."))).unwrap();
        assert!(configured.has_repository());
        // A book with no `.git` above it and no `repository`: includes stay in the book.
        let lone = tempfile::tempdir().unwrap();
        assert!(!Boundary::new(lone.path(), None).unwrap().has_repository());
    }

    #[test]
    fn files_are_shown_relative_to_the_book_or_its_repository_or_as_they_are() {
        let (_dir, b, repo) = repository_with_a_book();
        assert_eq!(b.shown(&repo.join("guide/src/a.md")), Path::new("src/a.md"));
        assert_eq!(
            b.shown(&repo.join("examples/x.rs")),
            Path::new("../examples/x.rs")
        );
        assert_eq!(b.shown(Path::new("/srv/x.rs")), Path::new("/srv/x.rs"));
    }

    /// Keys read with this module's functions, as `book.toml`'s are (serde_json's deserializer
    /// passes the marks' newtype structs through, as the configuration's does).
    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Keys {
        #[serde(default, deserialize_with = "in_book_if_set")]
        registry: Option<PathBuf>,
        #[serde(default, deserialize_with = "in_src_if_set")]
        chapter: Option<PathBuf>,
        #[serde(default, deserialize_with = "repository")]
        repository: Option<PathBuf>,
    }

    /// The keys of `json`, or the error's message without serde_json's location.
    fn keys(json: &str) -> Result<Keys, String> {
        serde_json::from_str(json).map_err(|e| {
            let text = e.to_string();
            text.split(" at line ")
                .next()
                .unwrap_or_default()
                .to_string()
        })
    }

    #[test]
    fn path_keys_are_read_plain_and_refused_when_they_leave() {
        assert_eq!(
            keys(
                r#"{"registry": "./data/../orgs.yaml", "chapter": "notes/./end.md", "repository": "../.."}"#
            ),
            Ok(Keys {
                registry: Some(PathBuf::from("orgs.yaml")),
                chapter: Some(PathBuf::from("notes/end.md")),
                repository: Some(PathBuf::from("../..")),
            })
        );
        assert_eq!(
            keys(r#"{"chapter": "../end.md"}"#),
            Err("the path leads out of the book (through `..`)".into())
        );
        assert_eq!(
            keys(r#"{"repository": "../x"}"#),
            Err("invalid value: string \"../x\", expected a folder above the book".into())
        );
    }

    #[test]
    fn a_reader_without_marks_is_told_what_the_key_expects() {
        use serde::de::value::{Error, StrDeserializer};
        let plain = || StrDeserializer::<Error>::new("x");
        assert_eq!(
            in_book(plain()).unwrap_err().to_string(),
            "invalid type: string \"x\", expected a path inside the book"
        );
        assert_eq!(
            repository(plain()).unwrap_err().to_string(),
            "invalid type: string \"x\", expected a folder above the book"
        );
    }
}
