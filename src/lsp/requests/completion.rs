use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, CompletionList, CompletionParams, CompletionResponse, CompletionTextEdit,
    Documentation, MarkupContent, MarkupKind, TextEdit,
};

use serde_json::json;

use crate::analysis::{self, CompletionKind, completion};
use crate::api::ApiDb;
use crate::lsp::convert;
use crate::lsp::session::Snapshot;
use crate::rag::Rag;

pub fn handle(snap: Snapshot, params: CompletionParams) -> Option<CompletionResponse> {
    let pos = params.text_document_position.position;
    let offset = convert::offset(&snap.doc, pos, snap.encoding)?;
    let names = |item_type: &str| snap.scene_names.as_ref().and_then(|n| n.get(item_type).cloned()).unwrap_or_default();
    let scene: Option<completion::SceneNames> = snap.scene_names.is_some().then_some(&names);
    let result = analysis::complete(&snap.db, &snap.usage, &snap.doc, offset, scene);
    let range = convert::range(&snap.doc, result.replace.clone(), snap.encoding);
    let member_of = result.member_of.as_deref();
    let items = result
        .items
        .into_iter()
        .enumerate()
        .map(|(i, item)| CompletionItem {
            label: item.label.clone(),
            kind: Some(kind(item.kind)),
            detail: (!item.detail.is_empty()).then_some(item.detail),
            // Node type lists are long and their documentation large: sent on resolve.
            documentation: (item.kind != CompletionKind::NodeType && !item.documentation.is_empty())
                .then(|| markdown(item.documentation)),
            data: (item.kind == CompletionKind::NodeType)
                .then(|| json!({"nodeType": item.label}))
                .or_else(|| super::examples::item_data(member_of, &item.label, item.kind)),
            sort_text: Some(format!("{i:05}")),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit { range, new_text: item.insert_text })),
            ..Default::default()
        })
        .collect();
    Some(CompletionResponse::List(CompletionList { is_incomplete: false, items }))
}

/// Fill in what `handle` left out: the documentation of node type ids; and a usage line from
/// the examples for members (with BlenderRAG open).
pub fn resolve(snap_db: &ApiDb, rag: Option<&Rag>, mut item: CompletionItem) -> CompletionItem {
    let node = item.data.as_ref().and_then(|d| d.get("nodeType")).and_then(|v| v.as_str());
    if let Some(doc) = node.and_then(|id| completion::node_documentation(snap_db, id)) {
        item.documentation = Some(markdown(doc));
    }
    super::examples::add_usage_line(rag, &mut item);
    item
}

fn markdown(value: String) -> Documentation {
    Documentation::MarkupContent(MarkupContent { kind: MarkupKind::Markdown, value })
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
