//! Line starts of a text, to turn (line, column) into byte offsets and back.
//! Columns here are bytes; UTF-16 conversion lives in `lsp/`.
//!
//! Line breaks are those of the LSP spec: `\n`, `\r\n` and a lone `\r`. An edit updates
//! the index around the edited range instead of scanning the whole text again.

#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    /// Byte offset of the start of each line; the first is 0.
    starts: Vec<usize>,
    len: usize,
}

/// Whether a line starts at byte `p`: right after `\n`, or after a `\r` that no `\n` follows.
fn starts_line(bytes: &[u8], p: usize) -> bool {
    match p.checked_sub(1).and_then(|i| bytes.get(i)) {
        Some(b'\n') => true,
        Some(b'\r') => bytes.get(p) != Some(&b'\n'),
        _ => false,
    }
}

/// The line starts in `from..=to` (at least 1) of `bytes`, in order.
fn starts_in(bytes: &[u8], from: usize, to: usize, out: &mut Vec<usize>) {
    let to = to.min(bytes.len());
    let from = from.max(1);
    if from > to {
        return;
    }
    // Only a byte before a start can make it one: look at the line breaks in `from-1..to`.
    for (i, &b) in bytes[from - 1..to].iter().enumerate() {
        if b == b'\n' || b == b'\r' {
            let p = from + i;
            if starts_line(bytes, p) {
                out.push(p);
            }
        }
    }
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts_in(text.as_bytes(), 1, text.len(), &mut starts);
        LineIndex { starts, len: text.len() }
    }

    /// Update the index after the bytes `start..old_end` were replaced by `new_len` bytes;
    /// `text` is the text after the edit. Costs the edit's lines plus a shift of the later
    /// line starts, not a scan of the text.
    pub fn edit(&mut self, text: &str, start: usize, old_end: usize, new_len: usize) {
        let bytes = text.as_bytes();
        // A start at p depends on the bytes p-1 and p: those in start..=old_end may change.
        let from = start.max(1);
        let lo = self.starts.partition_point(|&p| p < from);
        let hi = self.starts.partition_point(|&p| p <= old_end).max(lo);
        let new_end = start + new_len;
        for p in &mut self.starts[hi..] {
            *p = *p - old_end + new_end;
        }
        let mut fresh = Vec::new();
        starts_in(bytes, from, new_end, &mut fresh);
        self.starts.splice(lo..hi, fresh);
        self.len = text.len();
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset of the start of `line`, or None past the last line.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line).copied()
    }

    /// Byte range of `line` without its line break.
    pub fn line_range(&self, text: &str, line: usize) -> Option<std::ops::Range<usize>> {
        let start = self.line_start(line)?;
        let Some(&next) = self.starts.get(line + 1) else {
            return Some(start..self.len.max(start));
        };
        let bytes = text.as_bytes();
        let mut end = next;
        if end > start && bytes.get(end - 1) == Some(&b'\n') {
            end -= 1;
        }
        if end > start && bytes.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        Some(start..end)
    }

    /// (line, byte column) of an offset; offsets past the end clamp to the end.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.len);
        let line = self.starts.partition_point(|&s| s <= offset).saturating_sub(1);
        (line, offset - self.starts.get(line).copied().unwrap_or(0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_offsets_both_ways() {
        let text = "ab\ncd\r\n\nxyz";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 4);
        assert_eq!(idx.line_col(0), (0, 0));
        assert_eq!(idx.line_col(4), (1, 1));
        assert_eq!(idx.line_col(8), (3, 0));
        assert_eq!(idx.line_col(100), (3, 3));
        assert_eq!(idx.line_range(text, 1), Some(3..5));
        assert_eq!(idx.line_range(text, 3), Some(8..11));
        assert_eq!(idx.line_range(text, 4), None);
    }

    #[test]
    fn a_lone_cr_breaks_a_line() {
        let text = "a\rbc\r\nd\re";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 4);
        assert_eq!(idx.line_range(text, 0), Some(0..1));
        assert_eq!(idx.line_range(text, 1), Some(2..4));
        assert_eq!(idx.line_range(text, 2), Some(6..7));
        assert_eq!(idx.line_range(text, 3), Some(8..9));
        assert_eq!(idx.line_col(3), (1, 1));
        assert_eq!(idx.line_col(9), (3, 1));
    }

    /// Every edit of a few texts, at every range, against an index built from scratch.
    #[test]
    fn edits_match_a_fresh_index() {
        let texts = ["a\r\nb\rc\n\nd", "\r\r\n\n\r", "xy", ""];
        let inserts = ["", "\n", "\r", "\r\n", "q\rr\ns", "\nz"];
        for text in texts {
            for start in 0..=text.len() {
                for end in start..=text.len() {
                    for ins in inserts {
                        let mut idx = LineIndex::new(text);
                        let mut new = text.to_string();
                        new.replace_range(start..end, ins);
                        idx.edit(&new, start, end, ins.len());
                        let fresh = LineIndex::new(&new);
                        assert_eq!(idx.starts, fresh.starts, "{text:?} {start}..{end} <- {ins:?}: {new:?}");
                        assert_eq!(idx.len, fresh.len);
                    }
                }
            }
        }
    }
}
