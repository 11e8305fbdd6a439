//! BlenderRAG in completion: which items can show a usage line from the examples (their API
//! path goes in `data`), and adding that line on `completionItem/resolve`.

use serde_json::{Value, json};
use tower_lsp_server::ls_types::{CompletionItem, Documentation, MarkupContent, MarkupKind};

use crate::analysis::CompletionKind;
use crate::rag::Rag;

/// The key of the API path in a completion item's `data`.
const KEY: &str = "api";

/// `data` for a member item: `{"api": "Object.location"}` (`bpy.types.` left out to keep
/// replies small; `Rag::usage_line` takes that form). `member_of` is
/// `analysis::Completions::member_of`.
pub fn item_data(member_of: Option<&str>, label: &str, kind: CompletionKind) -> Option<Value> {
    let owner = member_of?;
    let wanted = matches!(
        kind,
        CompletionKind::Property
            | CompletionKind::Method
            | CompletionKind::Function
            | CompletionKind::Operator
            | CompletionKind::Class
    );
    wanted.then(|| json!({ KEY: format!("{}.{label}", owner.strip_prefix("bpy.types.").unwrap_or(owner)) }))
}

/// Append "Example: `<usage line>` — <file>.py:<N>" to the documentation of an item whose
/// `data` names an API entry that an example uses. Nothing without BlenderRAG.
pub fn add_usage_line(rag: Option<&Rag>, item: &mut CompletionItem) {
    let Some(rag) = rag else { return };
    let Some(path) = item.data.as_ref().and_then(|d| d.get(KEY)).and_then(Value::as_str) else { return };
    let Some(line) = rag.completion_example(path) else { return };
    let value = match item.documentation.take() {
        None => line,
        Some(Documentation::String(s)) if s.is_empty() => line,
        Some(Documentation::MarkupContent(m)) if m.value.is_empty() => line,
        Some(Documentation::String(s)) => format!("{s}\n\n{line}"),
        Some(Documentation::MarkupContent(m)) => format!("{}\n\n{line}", m.value),
    };
    item.documentation = Some(Documentation::MarkupContent(MarkupContent { kind: MarkupKind::Markdown, value }));
}
