//! A three-way merge of lines, as `git merge` does for a file: the base is what the last import
//! wrote, "ours" the chapter as the editor left it, "theirs" the new import. A stretch changed on
//! one side only takes that side's lines; changed on both sides alike, either; changed on both
//! differently, it is a conflict. Line diffs come from the `similar` crate (Myers' algorithm).

use similar::{Algorithm, DiffOp, capture_diff_slices};
use std::ops::Range;

/// A stretch both sides changed differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Conflict {
    /// Its lines in the editor's chapter (0-based, end exclusive).
    pub ours: Range<usize>,
    /// Its lines in the new import.
    pub theirs: Range<usize>,
}

/// The merge: the text (a conflict's stretch taken from the new import) and the conflicts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Merged {
    pub text: String,
    pub conflicts: Vec<Conflict>,
}

/// For each line of `base`, the line of `other` it is matched with.
fn matches(base: &[&str], other: &[&str]) -> Vec<Option<usize>> {
    let mut out = vec![None; base.len()];
    for op in capture_diff_slices(Algorithm::Myers, base, other) {
        if let DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            for k in 0..len {
                out[old_index + k] = Some(new_index + k);
            }
        }
    }
    out
}

/// Merges `ours` and `theirs`, two versions of `base`.
pub(super) fn merge(base: &str, ours: &str, theirs: &str) -> Merged {
    let b: Vec<&str> = base.split_inclusive('\n').collect();
    let o: Vec<&str> = ours.split_inclusive('\n').collect();
    let t: Vec<&str> = theirs.split_inclusive('\n').collect();
    let mo = matches(&b, &o);
    let mt = matches(&b, &t);
    let mut out = String::with_capacity(theirs.len().max(ours.len()));
    let mut conflicts = Vec::new();
    let (mut ib, mut io, mut it) = (0, 0, 0);
    loop {
        // Lines all three share, in step.
        while ib < b.len() && mo[ib] == Some(io) && mt[ib] == Some(it) {
            out.push_str(b[ib]);
            ib += 1;
            io += 1;
            it += 1;
        }
        // The next base line both sides kept: the end of the unstable stretch.
        let next = (ib..b.len())
            .find(|&k| matches!((mo[k], mt[k]), (Some(x), Some(y)) if x >= io && y >= it));
        let (eb, eo, et) = match next {
            Some(k) => (k, mo[k].expect("kept"), mt[k].expect("kept")),
            None => (b.len(), o.len(), t.len()),
        };
        if (ib, io, it) == (eb, eo, et) {
            break;
        }
        let (bs, os, ts) = (&b[ib..eb], &o[io..eo], &t[it..et]);
        if os == bs {
            out.extend(ts.iter().copied());
        } else if ts == bs || os == ts {
            out.extend(os.iter().copied());
        } else {
            conflicts.push(Conflict {
                ours: io..eo,
                theirs: it..et,
            });
            out.extend(ts.iter().copied());
        }
        (ib, io, it) = (eb, eo, et);
        if next.is_none() {
            break;
        }
    }
    Merged {
        text: out,
        conflicts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_side_keeps_its_own_changes() {
        let base = "a\nb\nc\nd\ne\n";
        let ours = "a\nB (editor)\nc\nd\ne\nnew by editor\n";
        let theirs = "a\nb\nc\nD (source)\ne\n";
        let m = merge(base, ours, theirs);
        assert_eq!(m.text, "a\nB (editor)\nc\nD (source)\ne\nnew by editor\n");
        assert!(m.conflicts.is_empty());
    }

    #[test]
    fn changes_next_to_each_other_are_a_conflict_as_in_git() {
        let m = merge("a\nd\n", "a\nd\nnew\n", "a\nD\n");
        assert_eq!(m.conflicts.len(), 1);
    }

    #[test]
    fn the_same_line_changed_on_both_sides_is_a_conflict() {
        let m = merge("a\nb\nc\n", "a\nB1\nc\n", "a\nB2\nc\n");
        assert_eq!(
            m.conflicts,
            vec![Conflict {
                ours: 1..2,
                theirs: 1..2
            }]
        );
        assert_eq!(m.text, "a\nB2\nc\n");
        // Changed alike on both sides: no conflict.
        let m = merge("a\nb\n", "a\nB\n", "a\nB\n");
        assert_eq!((m.text.as_str(), m.conflicts.len()), ("a\nB\n", 0));
    }

    #[test]
    fn unchanged_sides_give_the_other_one() {
        let base = "x\ny\n";
        assert_eq!(merge(base, base, "x\nz\n").text, "x\nz\n");
        assert_eq!(merge(base, "w\ny\n", base).text, "w\ny\n");
        assert_eq!(merge("", "", "new\n").text, "new\n");
    }
}
