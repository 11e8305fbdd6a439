use serde_json::json;
use tower_lsp_server::ls_types::{CodeLens, Command, Position, Range, Uri};

use crate::lsp::blender::{RENDER_COMMAND, RUN_COMMAND};
use crate::lsp::session::Snapshot;

/// "▶ Run in Blender" and "Render preview" at the top of files that import bpy.
pub fn handle(snap: Snapshot, uri: &Uri) -> Option<Vec<CodeLens>> {
    if !imports_bpy(snap.doc.text()) {
        return Some(Vec::new());
    }
    let top = Range { start: Position { line: 0, character: 0 }, end: Position { line: 0, character: 0 } };
    let lens = |title: &str, command: &str| CodeLens {
        range: top,
        command: Some(Command { title: title.into(), command: command.into(), arguments: Some(vec![json!(uri)]) }),
        data: None,
    };
    Some(vec![lens("▶ Run in Blender", RUN_COMMAND), lens("Render preview", RENDER_COMMAND)])
}

/// `import bpy`, `import bpy.ops as O`, `import bmesh, bpy`, `from bpy import data`, ...
pub fn imports_bpy(text: &str) -> bool {
    text.lines().any(|line| {
        let l = line.trim_start();
        let modules = if let Some(rest) = l.strip_prefix("import ") {
            rest
        } else if let Some(rest) = l.strip_prefix("from ") {
            rest.split(" import").next().unwrap_or("")
        } else {
            return false;
        };
        modules.split(',').any(|m| {
            let name = m.split_whitespace().next().unwrap_or("");
            name == "bpy" || name.starts_with("bpy.")
        })
    })
}

#[cfg(test)]
mod tests {
    use super::imports_bpy;

    #[test]
    fn finds_bpy_imports() {
        assert!(imports_bpy("import bpy\n"));
        assert!(imports_bpy("x = 1\n    import bmesh, bpy as b\n"));
        assert!(imports_bpy("from bpy.props import IntProperty\n"));
        assert!(!imports_bpy("import bpyx\nimport numpy\n# import bpy? no: a comment\n"));
    }
}
