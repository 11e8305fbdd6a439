use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, CompletionList, CompletionParams, CompletionResponse, CompletionTextEdit,
    Documentation, MarkupContent, MarkupKind, TextEdit,
};

use crate::analysis::{self, CompletionKind};
use crate::lsp::convert;
use crate::lsp::session::Snapshot;

pub fn handle(snap: Snapshot, params: CompletionParams) -> Option<CompletionResponse> {
    let pos = params.text_document_position.position;
    let offset = convert::offset(&snap.doc, pos, snap.encoding)?;
    let result = analysis::complete(&snap.db, &snap.usage, &snap.doc, offset, None);
    let range = convert::range(&snap.doc, result.replace.clone(), snap.encoding);
    let items = result
        .items
        .into_iter()
        .enumerate()
        .map(|(i, item)| CompletionItem {
            label: item.label.clone(),
            kind: Some(kind(item.kind)),
            detail: (!item.detail.is_empty()).then_some(item.detail),
            documentation: (!item.documentation.is_empty()).then(|| {
                Documentation::MarkupContent(MarkupContent { kind: MarkupKind::Markdown, value: item.documentation })
            }),
            sort_text: Some(format!("{i:05}")),
            filter_text: Some(item.label),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit { range, new_text: item.insert_text })),
            ..Default::default()
        })
        .collect();
    Some(CompletionResponse::List(CompletionList { is_incomplete: false, items }))
}

fn kind(k: CompletionKind) -> CompletionItemKind {
    match k {
        CompletionKind::Property => CompletionItemKind::PROPERTY,
        CompletionKind::Method => CompletionItemKind::METHOD,
        CompletionKind::Function => CompletionItemKind::FUNCTION,
        CompletionKind::Class => CompletionItemKind::CLASS,
        CompletionKind::Module => CompletionItemKind::MODULE,
        CompletionKind::Operator => CompletionItemKind::FUNCTION,
        CompletionKind::Keyword => CompletionItemKind::VARIABLE,
        CompletionKind::EnumValue => CompletionItemKind::ENUM_MEMBER,
        CompletionKind::NodeType => CompletionItemKind::CLASS,
        CompletionKind::Socket => CompletionItemKind::FIELD,
        CompletionKind::Variable => CompletionItemKind::VARIABLE,
        CompletionKind::Constant => CompletionItemKind::CONSTANT,
        CompletionKind::Name => CompletionItemKind::VALUE,
    }
}
