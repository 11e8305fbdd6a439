//! Line starts of a text, to turn (line, column) into byte offsets and back.
//! Columns here are bytes; UTF-16 conversion lives in `lsp/`.

#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i + 1));
        LineIndex { starts, len: text.len() }
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
        let mut end = self.starts.get(line + 1).map(|s| s - 1).unwrap_or(self.len);
        if end > start && text.as_bytes().get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        Some(start..end)
    }

    /// (line, byte column) of an offset; offsets past the end clamp to the end.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.len);
        let line = match self.starts.binary_search(&offset) {
            Ok(l) => l,
            Err(l) => l - 1,
        };
        (line, offset - self.starts[line])
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
}
