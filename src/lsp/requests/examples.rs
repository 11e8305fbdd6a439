//! BlenderRAG in completion: which items can show a usage line from the examples (by their
//! API path), and adding that line on `completionItem/resolve`.

use tower_lsp_server::ls_types::{CompletionItem, Documentation, MarkupContent, MarkupKind};

use crate::analysis::CompletionKind;
use crate::rag::Rag;

/// The API path of a member item, in the form `Rag::usage_line` takes: `Object.location`,
/// `bpy.ops.mesh.primitive_cube_add`. `member_of` is `analysis::Completions::member_of`.
pub fn api_path(member_of: Option<&str>, label: &str, kind: CompletionKind) -> Option<String> {
    let owner = member_of?;
    let wanted = matches!(
        kind,
        CompletionKind::Property
            | CompletionKind::Method
            | CompletionKind::Function
            | CompletionKind::Operator
            | CompletionKind::Class
    );
    wanted.then(|| format!("{}.{label}", owner.strip_prefix("bpy.types.").unwrap_or(owner)))
}

/// Append "Example: `<usage line>` — <file>.py:<N>" to the documentation of an item whose
/// API entry an example uses. Nothing without BlenderRAG.
pub fn add_usage_line(rag: Option<&Rag>, api_path: &str, item: &mut CompletionItem) {
    let Some(rag) = rag else { return };
    let Some(line) = rag.completion_example(api_path) else { return };
    let value = match item.documentation.take() {
        None => line,
        Some(Documentation::String(s)) if s.is_empty() => line,
        Some(Documentation::MarkupContent(m)) if m.value.is_empty() => line,
        Some(Documentation::String(s)) => format!("{s}\n\n{line}"),
        Some(Documentation::MarkupContent(m)) => format!("{}\n\n{line}", m.value),
    };
    item.documentation = Some(Documentation::MarkupContent(MarkupContent { kind: MarkupKind::Markdown, value }));
}
