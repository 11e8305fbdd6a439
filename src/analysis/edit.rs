//! Edits as plain data: byte ranges of a document's text and their new text, against the
//! document version they were computed from. `lsp::convert` turns one into a versioned
//! `WorkspaceEdit`; the CLI and the agent apply it to a string.

use std::ops::Range;

use super::lint::Fix;

/// Replace `start..end` (byte offsets, on character boundaries) with `new_text`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TextEdit {
    pub start: usize,
    pub end: usize,
    pub new_text: String,
}

impl TextEdit {
    pub fn replace(range: Range<usize>, new_text: impl Into<String>) -> TextEdit {
        TextEdit { start: range.start, end: range.end, new_text: new_text.into() }
    }

    pub fn insert(at: usize, new_text: impl Into<String>) -> TextEdit {
        TextEdit { start: at, end: at, new_text: new_text.into() }
    }

    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// Edits of one document, made from its version `version` (`None`: any version).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentEdit {
    pub version: Option<i32>,
    pub edits: Vec<TextEdit>,
}

impl DocumentEdit {
    pub fn new(version: Option<i32>, edits: Vec<TextEdit>) -> DocumentEdit {
        DocumentEdit { version, edits }
    }

    /// The edits of the `fixes` that do not overlap an earlier fix (fixes in the order of their
    /// first edit), so that they can all be applied at once; a fix is kept whole or left for a
    /// next pass.
    pub fn from_fixes<'a>(version: Option<i32>, fixes: impl IntoIterator<Item = &'a Fix>) -> DocumentEdit {
        let mut fixes: Vec<&Fix> = fixes.into_iter().filter(|f| !f.edits.is_empty()).collect();
        fixes.sort_by_key(|f| f.edits.iter().map(|e| (e.start, e.end)).min());
        let mut kept: Vec<TextEdit> = Vec::new();
        for fix in fixes {
            let clashes = |e: &TextEdit| {
                kept.iter().any(|k| (k.start < e.end && e.start < k.end) || (k.start == e.start && k.end == e.end))
            };
            if !fix.edits.iter().any(clashes) {
                kept.extend(fix.edits.iter().cloned());
            }
        }
        kept.sort_by_key(|e| (e.start, e.end));
        DocumentEdit { version, edits: kept }
    }

    /// `text` with the edits applied. The edits must lie within `text`, on character
    /// boundaries, and not overlap; any order. Linear in the size of text and edits.
    pub fn apply(&self, text: &str) -> Result<String, String> {
        let mut edits: Vec<&TextEdit> = self.edits.iter().collect();
        edits.sort_by_key(|e| (e.start, e.end));
        let mut out = String::with_capacity(text.len() + edits.iter().map(|e| e.new_text.len()).sum::<usize>());
        let mut at = 0;
        for e in edits {
            if e.start > e.end || e.end > text.len() {
                return Err(format!("edit {}..{} is outside the text of {} bytes", e.start, e.end, text.len()));
            }
            if e.start < at {
                return Err(format!("edit {}..{} overlaps the edit before it", e.start, e.end));
            }
            let (Some(kept), true) = (text.get(at..e.start), text.is_char_boundary(e.end)) else {
                return Err(format!("edit {}..{} splits a character", e.start, e.end));
            };
            out.push_str(kept);
            out.push_str(&e.new_text);
            at = e.end;
        }
        out.push_str(text.get(at..).unwrap_or(""));
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_in_any_order() {
        let e = DocumentEdit::new(
            Some(3),
            vec![TextEdit::replace(7..13, "'BEVEL'"), TextEdit::insert(0, "# fixed\n"), TextEdit::replace(5..6, "=")],
        );
        assert_eq!(e.apply("type : 'BEVL'\n"), Ok("# fixed\ntype = 'BEVEL'\n".to_string()));
    }

    #[test]
    fn refuses_what_cannot_be_applied() {
        let text = "é = 1\n";
        let outside = DocumentEdit::new(None, vec![TextEdit::replace(3..99, "")]);
        assert_eq!(outside.apply(text), Err("edit 3..99 is outside the text of 7 bytes".to_string()));
        let split = DocumentEdit::new(None, vec![TextEdit::replace(1..2, "e")]);
        assert_eq!(split.apply(text), Err("edit 1..2 splits a character".to_string()));
        let overlap = DocumentEdit::new(None, vec![TextEdit::replace(0..4, "x"), TextEdit::replace(3..5, "y")]);
        assert_eq!(overlap.apply(text), Err("edit 3..5 overlaps the edit before it".to_string()));
    }

    #[test]
    fn fixes_that_overlap_wait_for_the_next_pass() {
        let fix = |r: Range<usize>, t: &str| Fix::replace(String::new(), r, t.into());
        let fixes = [fix(10..14, "b"), fix(0..4, "a"), fix(2..6, "overlaps"), fix(14..14, "c"), fix(14..14, "twice")];
        let e = DocumentEdit::from_fixes(Some(1), &fixes);
        let kept: Vec<_> = e.edits.iter().map(|e| (e.start, e.end, e.new_text.as_str())).collect();
        assert_eq!(kept, [(0, 4, "a"), (10, 14, "b"), (14, 14, "c")]);
    }
}
