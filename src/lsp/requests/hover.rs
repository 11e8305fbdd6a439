use tower_lsp_server::ls_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};

use crate::analysis;
use crate::lsp::convert;
use crate::lsp::session::Snapshot;
use crate::rag::Rag;

/// Examples shown under a hover.
const HOVER_EXAMPLES: usize = 2;

/// The API docs of what is under the cursor, then (when BlenderRAG is open) the examples
/// that use it.
pub fn handle(snap: Snapshot, params: HoverParams, rag: Option<&Rag>) -> Option<Hover> {
    let pos = params.text_document_position_params.position;
    let offset = convert::offset(&snap.doc, pos, snap.encoding)?;
    let h = analysis::hover(&snap.db, &snap.doc, offset)?;
    let mut value = h.markdown;
    if let (Some(rag), Some(path)) = (rag, &h.api_path) {
        value.push_str(&rag.hover_examples(path, HOVER_EXAMPLES).unwrap_or_default());
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value }),
        range: Some(convert::range(&snap.doc, h.range, snap.encoding)),
    })
}
