//! Code actions: a quick fix per lint diagnostic in the range (kind `quickfix`), and one
//! `source.fixAll.bpy-lsp` that applies every fix of the document at once. Each is one
//! versioned edit that one undo reverts. And the agents, offered, never run by themselves:
//! "Generate asset from comment" on a comment that describes an asset, "Refine with agent"
//! on a selection; each carries the command that runs it. `context.only` is honoured: a kind is offered when
//! it is, or is below, one of the requested kinds (`source` covers `source.fixAll.bpy-lsp`).

use serde_json::json;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, Command, NumberOrString, Range, Uri,
};

use crate::agent::ask;
use crate::lsp::agent;

use crate::analysis::edit::DocumentEdit;
use crate::analysis::lint::{Linter, Registrations};
use crate::lsp::convert;
use crate::lsp::session::Snapshot;

/// `source.fixAll.bpy-lsp`.
pub const FIX_ALL: &str = "source.fixAll.bpy-lsp";
/// "Generate asset from comment".
pub const GENERATE: &str = "refactor.rewrite.bpy-lsp.generate";
/// "Refine with agent".
pub const REFINE: &str = "refactor.rewrite.bpy-lsp.refine";

/// The kinds this server offers, for `codeActionProvider.codeActionKinds`.
pub fn kinds() -> Vec<CodeActionKind> {
    vec![
        CodeActionKind::QUICKFIX,
        CodeActionKind::from(FIX_ALL),
        CodeActionKind::from(GENERATE),
        CodeActionKind::from(REFINE),
    ]
}

/// Whether `kind` is wanted by `only` (none: everything).
pub fn wanted(only: Option<&[CodeActionKind]>, kind: &str) -> bool {
    let Some(only) = only else { return true };
    only.iter().any(|o| {
        let o = o.as_str();
        kind == o || (kind.starts_with(o) && kind.as_bytes().get(o.len()) == Some(&b'.'))
    })
}

pub fn handle(snap: Snapshot, params: CodeActionParams, registered: Registrations) -> Option<Vec<CodeActionOrCommand>> {
    let start = convert::offset(&snap.doc, params.range.start, snap.encoding)?;
    let end = convert::offset(&snap.doc, params.range.end, snap.encoding)?.max(start);
    let only = params.context.only.as_deref();
    let (quickfix, fix_all) = (wanted(only, CodeActionKind::QUICKFIX.as_str()), wanted(only, FIX_ALL));
    let uri = params.text_document.uri;
    // Fixes first (they are what the light bulb is for), the agents after them.
    let agents = agent_actions(&snap, &uri, start, end, only);
    if !quickfix && !fix_all {
        return Some(agents);
    }
    let mut actions = Vec::new();
    let linter = Linter::new(&snap.db, &registered, snap.hints());
    let diagnostics = linter.lint(&snap.doc);
    let mut per_code = Vec::new();
    for d in diagnostics.iter().filter(|_| quickfix) {
        // Diagnostics that touch the requested range.
        if d.range.end < start || d.range.start > end {
            continue;
        }
        let Some(fix) = &d.fix else { continue };
        let edit = DocumentEdit::from_fixes(snap.version, [fix]);
        let diagnostic = params
            .context
            .diagnostics
            .iter()
            .find(|x| x.code == Some(NumberOrString::String(d.code.as_str().to_string())))
            .cloned();
        actions.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: fix.title.clone(),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: diagnostic.map(|x| vec![x]),
            edit: Some(convert::workspace_edit(&snap.doc, &uri, &edit, snap.encoding)),
            is_preferred: Some(true),
            ..Default::default()
        }));
        // The same fix for every problem of this code in the file (ESLint's "fix all of this
        // rule"), when there is more than this one; once per code, however many are in range.
        let same: Vec<_> = diagnostics.iter().filter(|o| o.code == d.code).filter_map(|o| o.fix.as_ref()).collect();
        if same.len() > 1 && !per_code.contains(&d.code) {
            per_code.push(d.code);
            let title = format!("Fix all {} {} problems in this file", same.len(), d.code.as_str());
            let edit = DocumentEdit::from_fixes(snap.version, same.iter().copied());
            actions.push(edit_action(&snap, &uri, title, CodeActionKind::QUICKFIX, &edit));
        }
    }
    // Fix all: asked for by kind, or offered in the light bulb when there is more than one fix.
    let fixes: Vec<_> = diagnostics.iter().filter_map(|d| d.fix.as_ref()).collect();
    if fix_all && !fixes.is_empty() && (only.is_some() || fixes.len() > 1) {
        let edit = DocumentEdit::from_fixes(snap.version, fixes.iter().copied());
        let n = edit.edits.len();
        let title = if n == 1 { "Fix 1 bpy-lsp problem".to_string() } else { format!("Fix all {n} bpy-lsp problems") };
        actions.push(edit_action(&snap, &uri, title, CodeActionKind::from(FIX_ALL), &edit));
    }
    actions.extend(agents);
    Some(actions)
}

/// One code action that applies `edit` (one versioned edit of the document).
fn edit_action(
    snap: &Snapshot,
    uri: &Uri,
    title: String,
    kind: CodeActionKind,
    edit: &DocumentEdit,
) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(kind),
        edit: Some(convert::workspace_edit(&snap.doc, uri, edit, snap.encoding)),
        ..Default::default()
    })
}

/// The agents' actions for the range `start..end`: Generate on a describing comment at the
/// cursor (or a selection of only such comments), Refine on a selection with code.
fn agent_actions(
    snap: &Snapshot,
    uri: &Uri,
    start: usize,
    end: usize,
    only: Option<&[CodeActionKind]>,
) -> Vec<CodeActionOrCommand> {
    let mut out = Vec::new();
    let (line, _) = snap.doc.lines().line_col(start);
    let generate = ask::generate(&snap.doc, line).ok().filter(|g| {
        let (last, _) = snap.doc.lines().line_col(end);
        start == end || last < g.lines.end
    });
    if wanted(only, GENERATE) && generate.is_some() {
        let title = "Generate asset from comment (bpy-lsp agent)".to_string();
        out.push(action(
            title.clone(),
            GENERATE,
            Command {
                title,
                command: agent::GENERATE_COMMAND.into(),
                arguments: Some(vec![json!({"uri": uri, "line": line})]),
            },
        ));
    }
    if wanted(only, REFINE) && start != end && generate.is_none() {
        // The instruction when the code says it (`# refine:`); else the editor asks.
        let instruction = ask::refine(&snap.doc, start, end, None).ok().map(|r| r.instruction);
        let range = Range {
            start: convert::position(&snap.doc, start, snap.encoding),
            end: convert::position(&snap.doc, end, snap.encoding),
        };
        let mut arg = json!({"uri": uri, "range": range});
        if let Some(i) = &instruction {
            arg["instruction"] = json!(i);
        }
        let title = match &instruction {
            Some(i) => format!("Refine with agent: {}", i.chars().take(60).collect::<String>()),
            None => "Refine with agent…".to_string(),
        };
        out.push(action(
            title.clone(),
            REFINE,
            Command { title, command: agent::REFINE_COMMAND.into(), arguments: Some(vec![arg]) },
        ));
    }
    out
}

fn action(title: String, kind: &str, command: Command) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(CodeActionKind::from(kind.to_string())),
        command: Some(command),
        ..Default::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_selects_kinds_and_their_children() {
        let k = |s: &str| CodeActionKind::from(s.to_string());
        assert!(wanted(None, "quickfix"));
        assert!(wanted(Some(&[k("quickfix")]), "quickfix"));
        assert!(!wanted(Some(&[k("source")]), "quickfix"));
        assert!(wanted(Some(&[k("source")]), FIX_ALL));
        assert!(wanted(Some(&[k("source.fixAll")]), FIX_ALL));
        assert!(!wanted(Some(&[k("source.fix")]), FIX_ALL));
        assert!(!wanted(Some(&[k("refactor")]), FIX_ALL));
        assert!(!wanted(Some(&[]), "quickfix"));
    }
}
