//! textDocument/completion and completionItem/resolve.
//!
//! Lists are kept small, because on a long list the time goes into writing and reading
//! JSON, not into finding the items: documentation is sent on resolve (the list's
//! documentation is kept here until the next list), an identifier item carries no edit
//! range when the client's own word range is the same, and a list is cut to the best
//! `MAX_ITEMS` and marked incomplete, so the client asks again as the user types (the
//! next letter narrows it), as rust-analyzer does.

use std::collections::HashMap;
use std::sync::Mutex;

use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, CompletionList, CompletionParams, CompletionResponse, CompletionTextEdit,
    Documentation, MarkupContent, MarkupKind, TextEdit,
};

use crate::analysis::{self, CompletionKind, completion};
use crate::api::ApiDb;
use crate::lsp::convert;
use crate::lsp::session::Snapshot;
use crate::rag::Rag;

/// More than a screenful of a client's completion menu; a list of all the names in scope
/// can hold several hundred.
pub const MAX_ITEMS: usize = 100;

/// What resolve adds to an item of the last list sent, by label: the documentation and
/// the API path an example's usage line is looked up by. Clients resolve items of the
/// list they show, the last one.
#[derive(Default)]
pub struct LastList(Mutex<HashMap<String, Deferred>>);

struct Deferred {
    kind: CompletionKind,
    documentation: String,
    api_path: Option<String>,
}

fn lock(m: &Mutex<HashMap<String, Deferred>>) -> std::sync::MutexGuard<'_, HashMap<String, Deferred>> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

pub fn handle(snap: Snapshot, params: CompletionParams, last: &LastList) -> Option<CompletionResponse> {
    let pos = params.text_document_position.position;
    let offset = convert::offset(&snap.doc, pos, snap.encoding)?;
    let names = |item_type: &str| snap.scene_names.as_ref().and_then(|n| n.get(item_type).cloned()).unwrap_or_default();
    let scene: Option<completion::SceneNames> = snap.scene_names.is_some().then_some(&names);
    let mut result = analysis::complete(&snap.db, &snap.usage, &snap.doc, offset, scene);
    let is_incomplete = result.items.len() > MAX_ITEMS;
    result.items.truncate(MAX_ITEMS);
    let range = convert::range(&snap.doc, result.replace.clone(), snap.encoding);
    let word_at_cursor = is_client_word(snap.doc.text(), result.replace.clone(), offset);
    let member_of = result.member_of.as_deref();
    let mut deferred = HashMap::with_capacity(result.items.len());
    let items = result
        .items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let text_edit =
                (!word_at_cursor).then(|| CompletionTextEdit::Edit(TextEdit { range, new_text: item.label.clone() }));
            let api_path = super::examples::api_path(member_of, &item.label, item.kind);
            if !item.documentation.is_empty() || api_path.is_some() || item.kind == CompletionKind::NodeType {
                let d = Deferred { kind: item.kind, documentation: item.documentation, api_path };
                deferred.entry(item.label.clone()).or_insert(d);
            }
            CompletionItem {
                kind: Some(kind(item.kind)),
                detail: (!item.detail.is_empty()).then_some(item.detail),
                sort_text: Some(format!("{i:04}")),
                text_edit,
                label: item.label,
                ..Default::default()
            }
        })
        .collect();
    *lock(&last.0) = deferred;
    Some(CompletionResponse::List(CompletionList { is_incomplete, items }))
}

/// Fill in what `handle` left out: the documentation, and a usage line from the examples
/// (with BlenderRAG open).
pub fn resolve(last: &LastList, db: &ApiDb, rag: Option<&Rag>, mut item: CompletionItem) -> CompletionItem {
    let (documentation, api_path) = match lock(&last.0).get(&item.label) {
        Some(d) if d.kind == CompletionKind::NodeType => {
            (completion::node_documentation(db, &item.label).unwrap_or_default(), None)
        }
        Some(d) => (d.documentation.clone(), d.api_path.clone()),
        None => return item, // not of the last list
    };
    if !documentation.is_empty() {
        item.documentation = Some(markdown(documentation));
    }
    if let Some(path) = api_path {
        super::examples::add_usage_line(rag, &path, &mut item);
    }
    item
}

/// Whether `replace` is what a client takes as the word before the cursor when an item
/// has no edit range (VS Code's and Neovim's word patterns agree on identifiers): the
/// identifier characters that end at the cursor, and no more. Typed text with a space or
/// a dot (socket names, object names) keeps its explicit range.
fn is_client_word(text: &str, replace: std::ops::Range<usize>, cursor: usize) -> bool {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    replace.end == cursor
        && text.get(replace.clone()).is_some_and(|w| w.chars().all(is_word))
        && !text.get(..replace.start).and_then(|before| before.chars().next_back()).is_some_and(is_word)
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
