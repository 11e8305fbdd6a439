//! Any text through the analysis entry points the server and the CLI use: parse, lint,
//! completion, hover and signature help at positions the input chooses, and an incremental
//! edit that must give the same text and the same diagnostics as a fresh parse.
//!
//! Input: two bytes choose an edit position and a position to ask at; the rest is the text
//! (made valid UTF-8, as an editor's buffer is).

#![no_main]

use std::sync::OnceLock;

use bpy_lsp::analysis::{self, Document};
use bpy_lsp::api::ApiDb;
use libfuzzer_sys::fuzz_target;

fn db() -> &'static (std::sync::Arc<ApiDb>, std::sync::Arc<analysis::Usage>) {
    static DB: OnceLock<(std::sync::Arc<ApiDb>, std::sync::Arc<analysis::Usage>)> = OnceLock::new();
    DB.get_or_init(|| (bpy_lsp::api::load_default(), bpy_lsp::default_usage()))
}

fuzz_target!(|data: &[u8]| {
    let [a, b, rest @ ..] = data else { return };
    let text = String::from_utf8_lossy(rest).into_owned();
    let (db, usage) = db();
    let doc = Document::new(text.clone());
    let diagnostics = analysis::lint::lint(db, &doc);
    let len = text.len();
    let at = |k: u8| analysis::document::floor_char_boundary(&text, len * k as usize / 255);
    for offset in [at(*b), at(*a), len, 0] {
        let _ = analysis::complete(db, usage, &doc, offset, None);
        let _ = analysis::hover(db, &doc, offset);
        let _ = analysis::signature_help(db, &doc, offset);
    }
    // Delete the text from one position to the other and type it again: same text, same
    // diagnostics.
    let (start, end) = (at(*a.min(b)), at(*a.max(b)));
    let mut edited = doc.clone();
    edited.edit(start, end, "");
    edited.edit(start, start, &text[start..end]);
    assert_eq!(edited.text(), text);
    assert_eq!(analysis::lint::lint(db, &edited), diagnostics);
});
