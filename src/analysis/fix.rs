//! The fix engine: applies lint fixes (plain text edits) to a text. Pure; `check --fix`
//! and the server's "fix all" both use it.
//!
//! Fixes whose edits overlap an edit already taken wait for the next round (the caller lints
//! the result again), as ruff does; an edit identical to one taken (two undefined names that
//! both add `import bpy`) is shared.

use super::edit::TextEdit;
use super::lint::Fix;

/// The result of one round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub text: String,
    /// Indices (into the fixes given) of the fixes applied.
    pub applied: Vec<usize>,
}

/// Apply as many of `fixes` as do not overlap, in order of position.
pub fn apply(text: &str, fixes: &[&Fix]) -> Applied {
    let mut order: Vec<usize> = (0..fixes.len()).collect();
    order.sort_by_key(|&i| fixes[i].edits.iter().map(|e| e.start).min().unwrap_or(0));
    let mut taken: Vec<TextEdit> = Vec::new();
    let mut applied = Vec::new();
    for i in order {
        let edits = &fixes[i].edits;
        let valid = edits.iter().all(|e| {
            e.start <= e.end && e.end <= text.len() && text.is_char_boundary(e.start) && text.is_char_boundary(e.end)
        });
        if !valid || edits.is_empty() {
            continue;
        }
        let clash = edits.iter().any(|e| taken.iter().any(|t| t != e && overlaps(t, e)))
            || edits.iter().enumerate().any(|(j, e)| edits.iter().skip(j + 1).any(|f| overlaps(e, f)));
        if clash {
            continue;
        }
        for e in edits {
            if !taken.contains(e) {
                taken.push(e.clone());
            }
        }
        applied.push(i);
    }
    applied.sort_unstable();
    Applied { text: apply_edits(text, &mut taken), applied }
}

/// Two edits overlap when their ranges share a byte, or both insert at the same place (the
/// order of the insertions would be a guess).
fn overlaps(a: &TextEdit, b: &TextEdit) -> bool {
    if a.start == a.end && b.start == b.end {
        return a.start == b.start;
    }
    a.start < b.end && b.start < a.end
        || (a.start == a.end && b.start < a.start && a.start < b.end)
        || (b.start == b.end && a.start < b.start && b.start < a.end)
}

/// Apply non-overlapping edits.
pub fn apply_edits(text: &str, edits: &mut [TextEdit]) -> String {
    edits.sort_by_key(|e| (e.start, e.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in edits.iter() {
        if e.start < at {
            continue; // overlapping: cannot happen for edits from `apply`
        }
        out.push_str(text.get(at..e.start).unwrap_or(""));
        out.push_str(&e.new_text);
        at = e.end;
    }
    out.push_str(text.get(at..).unwrap_or(""));
    out
}

/// A unified diff of `old` to `new` (for `check --diff`), with `context` lines around each
/// change, labelled with `path`.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new).unified_diff().context_radius(3).header(path, path).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(edits: &[(usize, usize, &str)]) -> Fix {
        Fix {
            title: String::new(),
            edits: edits.iter().map(|&(s, e, t)| TextEdit { start: s, end: e, new_text: t.into() }).collect(),
            certain: true,
        }
    }

    #[test]
    fn overlapping_fixes_wait_and_shared_imports_are_added_once() {
        let text = "x = C.object\ny = D.objects\n";
        let a = fix(&[(4, 5, "bpy.context"), (0, 0, "import bpy\n")]);
        let b = fix(&[(17, 18, "bpy.data"), (0, 0, "import bpy\n")]);
        let c = fix(&[(4, 12, "z")]);
        let r = apply(text, &[&a, &b, &c]);
        assert_eq!(r.applied, vec![0, 1]);
        assert_eq!(r.text, "import bpy\nx = bpy.context.object\ny = bpy.data.objects\n");
    }

    #[test]
    fn edits_out_of_range_are_not_applied() {
        let r = apply("abc", &[&fix(&[(2, 9, "x")])]);
        assert!(r.applied.is_empty());
        assert_eq!(r.text, "abc");
    }
}
