//! Positions: LSP (line, character in the negotiated encoding) <-> byte offsets, and plain
//! edits -> versioned `WorkspaceEdit`s. The only place that knows about UTF-16.

use tower_lsp_server::ls_types::{
    DocumentChanges, OneOf, OptionalVersionedTextDocumentIdentifier, Position, PositionEncodingKind, Range,
    TextDocumentEdit, TextEdit, Uri, WorkspaceEdit,
};

use crate::analysis::Document;
use crate::analysis::edit::DocumentEdit;

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

/// The one conversion of an edit: `documentChanges` with the document version the edit was
/// made from, so that a client refuses it when the document has changed since.
pub fn workspace_edit(doc: &Document, uri: &Uri, edit: &DocumentEdit, enc: Encoding) -> WorkspaceEdit {
    let edits = edit
        .edits
        .iter()
        .map(|e| OneOf::Left(TextEdit { range: range(doc, e.range(), enc), new_text: e.new_text.clone() }))
        .collect();
    WorkspaceEdit {
        document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
            text_document: OptionalVersionedTextDocumentIdentifier { uri: uri.clone(), version: edit.version },
            edits,
        }])),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::edit::TextEdit as PlainEdit;

    #[test]
    fn edits_become_versioned_document_changes_in_the_negotiated_encoding() {
        let doc = Document::new("s = '😀'; m.type = 'BEVL'\n".to_string());
        let at = doc.text().find("'BEVL'").unwrap();
        let edit = DocumentEdit::new(Some(4), vec![PlainEdit::replace(at..at + 6, "'BEVEL'")]);
        let uri: Uri = "file:///w/a.py".parse().unwrap();
        let json = |enc| serde_json::to_value(workspace_edit(&doc, &uri, &edit, enc)).unwrap();
        let expected = |start: u32, end: u32| {
            serde_json::json!({"documentChanges": [{
                "textDocument": {"uri": "file:///w/a.py", "version": 4},
                "edits": [{"range": {"start": {"line": 0, "character": start}, "end": {"line": 0, "character": end}}, "newText": "'BEVEL'"}]
            }]})
        };
        // 😀 is 2 UTF-16 units and 4 UTF-8 bytes.
        assert_eq!(json(Encoding::Utf16), expected(19, 25));
        assert_eq!(json(Encoding::Utf8), expected(21, 27));
    }

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
