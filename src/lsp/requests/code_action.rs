//! Quick fixes for lint diagnostics: each is one text edit that one undo reverts.

use std::collections::HashMap;

use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, NumberOrString, TextEdit, WorkspaceEdit,
};

use crate::analysis::lint::{Linter, Registrations};
use crate::lsp::convert;
use crate::lsp::session::Snapshot;

pub fn handle(snap: Snapshot, params: CodeActionParams, registered: Registrations) -> Option<Vec<CodeActionOrCommand>> {
    let start = convert::offset(&snap.doc, params.range.start, snap.encoding)?;
    let end = convert::offset(&snap.doc, params.range.end, snap.encoding)?.max(start);
    let uri = params.text_document.uri;
    let linter = Linter::new(&snap.db, &registered, snap.hints());
    let mut actions = Vec::new();
    for d in linter.lint(&snap.doc) {
        // Diagnostics that touch the requested range.
        if d.range.end < start || d.range.start > end {
            continue;
        }
        let Some(fix) = d.fix.clone() else { continue };
        let edits: Vec<TextEdit> = fix
            .edits
            .iter()
            .map(|e| TextEdit {
                range: convert::range(&snap.doc, e.start..e.end, snap.encoding),
                new_text: e.new_text.clone(),
            })
            .collect();
        let diagnostic = params
            .context
            .diagnostics
            .iter()
            .find(|x| x.code == Some(NumberOrString::String(d.code.as_str().to_string())))
            .cloned();
        actions.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: fix.title,
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: diagnostic.map(|x| vec![x]),
            edit: Some(WorkspaceEdit { changes: Some(HashMap::from([(uri.clone(), edits)])), ..Default::default() }),
            is_preferred: Some(true),
            ..Default::default()
        }));
    }
    Some(actions)
}
