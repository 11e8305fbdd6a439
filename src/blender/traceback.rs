//! From the bridge's structured error to places in the buffer.
//!
//! The bridge counts lines from 1 and columns in Unicode code points from 1 (end
//! exclusive). Here they become 0-based lines and byte ranges of the submitted text, so
//! that the caller (the LSP, the CLI) converts them like any other range.

use std::ops::Range;

use super::protocol::{ExecError, ExecuteResult};

/// An error placed in the buffer.
#[derive(Debug, Clone, PartialEq)]
pub struct Located {
    /// 0-based line of the buffer.
    pub line: usize,
    /// Byte range in the buffer (within `line` unless the error spans lines).
    pub range: Range<usize>,
    /// `ErrorType: message`.
    pub message: String,
    /// Other frames in the buffer (callers, outermost first): (0-based line, byte range, what).
    pub related: Vec<(usize, Range<usize>, String)>,
}

/// `ErrorType: message` (the last line of a Python traceback).
pub fn headline(e: &ExecError) -> String {
    if e.message.is_empty() { e.kind.clone() } else { format!("{}: {}", e.kind, e.message) }
}

/// Where in `text` (submitted as `filename`) the error of `result` belongs. None when the
/// run succeeded. An error without a line is put on the first line.
pub fn locate(result: &ExecuteResult, filename: &str, text: &str) -> Option<Located> {
    let e = result.error.as_ref()?;
    Some(locate_error(e, filename, text))
}

pub fn locate_error(e: &ExecError, filename: &str, text: &str) -> Located {
    let lines = LineStarts::new(text);
    let in_file: Vec<_> = e.traceback.iter().filter(|f| f.filename == filename && f.line.is_some()).collect();
    // The deepest frame in the file: the buffer line that raised or called into a library.
    let (line, column, end_line, end_column) = match in_file.last() {
        Some(f) => (f.line, f.column, f.end_line, f.end_column),
        None => (e.line, e.column, e.end_line, e.end_column),
    };
    let range = match line {
        Some(l) if l >= 1 => lines.range(text, l as usize - 1, column, end_line, end_column),
        _ => lines.range(text, 0, None, None, None),
    };
    let line0 = line.filter(|&l| l >= 1).map_or(0, |l| (l as usize - 1).min(lines.count().saturating_sub(1)));
    let related = in_file
        .iter()
        .rev()
        .skip(1)
        .rev()
        .filter_map(|f| {
            let l = f.line? as usize;
            let l0 = l.checked_sub(1)?;
            let what = if f.name == "<module>" { "called from here".to_string() } else { format!("in {}", f.name) };
            Some((l0, lines.range(text, l0, f.column, f.end_line, f.end_column), what))
        })
        .collect();
    Located { line: line0, range, message: headline(e), related }
}

struct LineStarts(Vec<usize>);

impl LineStarts {
    fn new(text: &str) -> LineStarts {
        let mut v = vec![0];
        v.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineStarts(v)
    }

    fn count(&self) -> usize {
        self.0.len()
    }

    /// Byte range of line `l` (0-based) without its line break.
    fn line(&self, text: &str, l: usize) -> Range<usize> {
        let l = l.min(self.0.len() - 1);
        let start = self.0[l].min(text.len());
        let end = self.0.get(l + 1).map_or(text.len(), |&n| n - 1).max(start);
        let end = if text[start..end].ends_with('\r') { end - 1 } else { end };
        start..end
    }

    /// Byte offset of a 1-based code-point column on line `l`, clamped to the line.
    fn column(&self, text: &str, l: usize, col: u32) -> usize {
        let r = self.line(text, l);
        let s = &text[r.clone()];
        r.start + s.char_indices().nth(col.saturating_sub(1) as usize).map_or(s.len(), |(i, _)| i)
    }

    /// The range of a 1-based (column, end line, end column) span starting on 0-based line
    /// `l`. Without a usable column: the line's text without leading whitespace.
    fn range(
        &self,
        text: &str,
        l: usize,
        col: Option<u32>,
        end_line: Option<u32>,
        end_col: Option<u32>,
    ) -> Range<usize> {
        let whole = self.line(text, l);
        let Some(col) = col.filter(|&c| c >= 1) else {
            let s = &text[whole.clone()];
            return whole.start + (s.len() - s.trim_start().len())..whole.end;
        };
        let start = self.column(text, l, col);
        let end = match (end_line, end_col) {
            (Some(el), Some(ec)) if el >= 1 && (el as usize - 1) >= l && ec >= 1 => {
                self.column(text, el as usize - 1, ec)
            }
            _ => whole.end,
        };
        if end > start {
            start..end
        } else if start < whole.end {
            // An empty span (SyntaxError at a point): mark one character.
            let next = text[start..].chars().next().map_or(0, char::len_utf8);
            start..start + next
        } else {
            // At the end of the line: mark the line.
            let s = &text[whole.clone()];
            whole.start + (s.len() - s.trim_start().len())..whole.end
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blender::protocol::Frame;

    fn frame(file: &str, line: u32, col: u32, end_col: u32, name: &str) -> Frame {
        Frame {
            filename: file.into(),
            line: Some(line),
            name: name.into(),
            column: Some(col),
            end_line: Some(line),
            end_column: Some(end_col),
            text: None,
        }
    }

    #[test]
    fn deepest_frame_in_the_file_wins() {
        let text = "import bpy\n\ndef leg(x):\n    return bpy.data.objects['Leg'].location\n\nleg(1)\n";
        let e = ExecError {
            kind: "KeyError".into(),
            message: "'not found'".into(),
            line: Some(4),
            traceback: vec![
                frame("/c.py", 6, 1, 7, "<module>"),
                frame("/c.py", 4, 12, 35, "leg"),
                frame("/lib/x.py", 99, 1, 3, "inner"),
            ],
            ..Default::default()
        };
        let loc = locate_error(&e, "/c.py", text);
        assert_eq!(loc.line, 3);
        assert_eq!(&text[loc.range.clone()], "bpy.data.objects['Leg']");
        assert_eq!(loc.message, "KeyError: 'not found'");
        assert_eq!(loc.related.len(), 1);
        assert_eq!(&text[loc.related[0].1.clone()], "leg(1)");
    }

    #[test]
    fn code_point_columns_and_missing_ones() {
        let text = "x = 'é😀'\ny = é😀z\n";
        let e = ExecError {
            kind: "NameError".into(),
            line: Some(2),
            column: Some(7),
            end_line: Some(2),
            end_column: Some(8),
            ..Default::default()
        };
        assert_eq!(&text[locate_error(&e, "f", text).range], "z");
        let e = ExecError { kind: "X".into(), line: Some(2), ..Default::default() };
        assert_eq!(&text[locate_error(&e, "f", text).range], "y = é😀z");
        let e = ExecError { kind: "X".into(), line: None, ..Default::default() };
        assert_eq!(locate_error(&e, "f", text).line, 0);
        // Past the last line: clamped.
        let e = ExecError { kind: "X".into(), line: Some(40), ..Default::default() };
        assert_eq!(locate_error(&e, "f", text).line, 2);
    }
}
