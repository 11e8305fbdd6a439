use tower_lsp_server::ls_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};

use crate::analysis;
use crate::lsp::convert;
use crate::lsp::session::Snapshot;

pub fn handle(snap: Snapshot, params: HoverParams) -> Option<Hover> {
    let pos = params.text_document_position_params.position;
    let offset = convert::offset(&snap.doc, pos, snap.encoding)?;
    let h = analysis::hover(&snap.db, &snap.doc, offset)?;
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: h.markdown }),
        range: Some(convert::range(&snap.doc, h.range, snap.encoding)),
    })
}
