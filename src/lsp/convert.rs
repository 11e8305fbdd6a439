//! Positions: LSP (line, character in the negotiated encoding) <-> byte offsets.
//! The only place that knows about UTF-16.

use tower_lsp_server::ls_types::{Position, PositionEncodingKind, Range};

use crate::analysis::Document;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client offers it, else UTF-16 (the LSP default).
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }
}

/// The byte offset of a position. A character past the end of its line clamps to the
/// line's end (clients do send those); a line past the last one is an error.
pub fn offset(doc: &Document, pos: Position, enc: Encoding) -> Option<usize> {
    let text = doc.text();
    let line = doc.lines().line_range(text, pos.line as usize)?;
    let line_text = &text[line.clone()];
    let want = pos.character as usize;
    let col = match enc {
        Encoding::Utf8 => {
            let mut c = want.min(line_text.len());
            while c > 0 && !line_text.is_char_boundary(c) {
                c -= 1;
            }
            c
        }
        Encoding::Utf16 => {
            let mut units = 0;
            let mut col = line_text.len();
            for (i, ch) in line_text.char_indices() {
                if units >= want {
                    col = i;
                    break;
                }
                units += ch.len_utf16();
            }
            col
        }
    };
    Some(line.start + col)
}

pub fn position(doc: &Document, offset: usize, enc: Encoding) -> Position {
    let text = doc.text();
    let (line, col) = doc.lines().line_col(offset);
    let start = offset.min(text.len()) - col;
    let character = match enc {
        Encoding::Utf8 => col,
        Encoding::Utf16 => text[start..start + col].encode_utf16().count(),
    };
    Position { line: line as u32, character: character as u32 }
}

pub fn range(doc: &Document, r: std::ops::Range<usize>, enc: Encoding) -> Range {
    Range { start: position(doc, r.start, enc), end: position(doc, r.end, enc) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_utf16_and_utf8_columns() {
        let doc = Document::new("a = 'é😀x'\nb\n".to_string());
        // 'x' is at UTF-16 column 8 (é = 1 unit, 😀 = 2 units), UTF-8 column 11.
        let x = doc.text().find('x').unwrap();
        assert_eq!(position(&doc, x, Encoding::Utf16), Position { line: 0, character: 8 });
        assert_eq!(position(&doc, x, Encoding::Utf8), Position { line: 0, character: 11 });
        assert_eq!(offset(&doc, Position { line: 0, character: 8 }, Encoding::Utf16), Some(x));
        assert_eq!(offset(&doc, Position { line: 0, character: 11 }, Encoding::Utf8), Some(x));
        // Past the end of a line clamps; past the last line is None.
        assert_eq!(offset(&doc, Position { line: 1, character: 99 }, Encoding::Utf16), Some(doc.text().len() - 1));
        assert_eq!(offset(&doc, Position { line: 7, character: 0 }, Encoding::Utf16), None);
        // Inside a multi-byte character (UTF-8 column 6 is inside é) moves back to its start.
        assert_eq!(offset(&doc, Position { line: 0, character: 6 }, Encoding::Utf8), Some(5));
    }
}
