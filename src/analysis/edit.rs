//! An edit as plain data: byte offsets into a document's text and the text to put there.
//! `lsp/convert.rs` turns it into LSP positions; `check --fix` applies it to files.

/// Replace the bytes `start..end` of the text with `new_text`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TextEdit {
    pub start: usize,
    pub end: usize,
    pub new_text: String,
}

/// Edits of one document, made against its `version` (None: whatever is current).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocumentEdit {
    pub version: Option<i32>,
    pub edits: Vec<TextEdit>,
}
