//! Code actions over stdio: versioned `documentChanges` edits in the negotiated position
//! encoding, `context.only` and the kinds (`quickfix`, `source.fixAll.bpy-lsp`).

mod common;

use common::Lsp;
use serde_json::{Value, json};

/// Two fixable problems: a misspelt operator (line 2) and a misspelt enum value (line 3),
/// after a line with a character that is 2 UTF-16 units and 4 UTF-8 bytes.
const TEXT: &str =
    "import bpy\nlabel = '😀'; bpy.ops.mesh.primitive_cube_ad(size=2)\nbpy.context.scene.render.engine = 'CYLES'\n";

fn open(encodings: &[&str]) -> (Lsp, Value) {
    let (mut lsp, init) = Lsp::start_with(encodings, &[]);
    let uri = "file:///tmp/actions.py";
    lsp.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "python", "version": 3, "text": TEXT}}),
    );
    let n = lsp.wait_notification("textDocument/publishDiagnostics", common::TIMEOUT, |p| p["uri"] == uri);
    assert_eq!(n["params"]["diagnostics"].as_array().map(Vec::len), Some(2), "{n}");
    (lsp, init)
}

fn actions(lsp: &mut Lsp, line: u32, only: Option<&[&str]>) -> Vec<Value> {
    let mut context = json!({"diagnostics": []});
    if let Some(only) = only {
        context["only"] = json!(only);
    }
    // The whole line (a character past its end clamps to the end).
    let range = json!({"start": {"line": line, "character": 0}, "end": {"line": line, "character": 200}});
    let r = lsp.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": "file:///tmp/actions.py"}, "range": range, "context": context}),
    );
    r.as_array().cloned().unwrap_or_default()
}

fn kinds_and_titles(actions: &[Value]) -> Vec<(String, String)> {
    actions
        .iter()
        .map(|a| (a["kind"].as_str().unwrap_or("").to_string(), a["title"].as_str().unwrap_or("").to_string()))
        .collect()
}

#[test]
fn kinds_are_announced_and_only_is_honoured() {
    let (mut lsp, init) = open(&["utf-16"]);
    assert_eq!(
        init["capabilities"]["codeActionProvider"],
        json!({"codeActionKinds": ["quickfix", "source.fixAll.bpy-lsp", "refactor.rewrite.bpy-lsp.generate", "refactor.rewrite.bpy-lsp.refine"]})
    );
    let fix_all = ("source.fixAll.bpy-lsp".to_string(), "Fix all 2 bpy-lsp problems".to_string());
    let quick = ("quickfix".to_string(), "Replace with 'primitive_cube_add'".to_string());
    let refine = ("refactor.rewrite.bpy-lsp.refine".to_string(), "Refine with agent…".to_string());
    // No `only`: the line's quick fix, fix-all since there are two fixes, then the agent
    // (the line is selected).
    assert_eq!(kinds_and_titles(&actions(&mut lsp, 1, None)), [quick.clone(), fix_all.clone(), refine.clone()]);
    // `source` (or `source.fixAll`): no quick fix.
    assert_eq!(kinds_and_titles(&actions(&mut lsp, 1, Some(&["source"]))), vec![fix_all.clone()]);
    assert_eq!(kinds_and_titles(&actions(&mut lsp, 1, Some(&["source.fixAll"]))), vec![fix_all.clone()]);
    // `quickfix`: no fix-all; `refactor`: only the agent.
    assert_eq!(kinds_and_titles(&actions(&mut lsp, 1, Some(&["quickfix"]))), [quick]);
    assert_eq!(kinds_and_titles(&actions(&mut lsp, 1, Some(&["refactor"]))), [refine]);
    lsp.shutdown();
}

#[test]
fn edits_are_versioned_document_changes_in_the_negotiated_encoding() {
    for (encoding, start, end) in [("utf-16", 27, 44), ("utf-8", 29, 46)] {
        let (mut lsp, init) = open(&[encoding]);
        assert_eq!(init["capabilities"]["positionEncoding"], encoding);
        let all = actions(&mut lsp, 1, Some(&["source.fixAll.bpy-lsp"]));
        assert_eq!(
            all[0]["edit"],
            json!({"documentChanges": [{"textDocument": {"uri": "file:///tmp/actions.py", "version": 3}, "edits": [
                {"range": {"start": {"line": 1, "character": start}, "end": {"line": 1, "character": end}}, "newText": "primitive_cube_add"},
                {"range": {"start": {"line": 2, "character": 35}, "end": {"line": 2, "character": 40}}, "newText": "CYCLES"}
            ]}]}),
            "{encoding}"
        );
        lsp.shutdown();
    }
}

/// Next to a problem's quick fix: one action that fixes every problem of the same code in the
/// file, with one edit per problem (and nothing of the other codes).
#[test]
fn fix_all_of_one_code_in_the_file() {
    let (mut lsp, _) = Lsp::start_with(&["utf-16"], &[]);
    let uri = "file:///tmp/same_code.py";
    let text = "import bpy\nbpy.context.scene.render.engine = 'CYLES'\nbpy.context.scene.render.engine = 'CYLES'\n\
                bpy.ops.mesh.primitive_cube_ad(size=2)\n";
    lsp.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "python", "version": 7, "text": text}}),
    );
    let n = lsp.wait_notification("textDocument/publishDiagnostics", common::TIMEOUT, |p| p["uri"] == uri);
    assert_eq!(n["params"]["diagnostics"].as_array().map(Vec::len), Some(3), "{n}");
    let range = json!({"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 200}});
    let r = lsp.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": range, "context": {"diagnostics": [], "only": ["quickfix"]}}),
    );
    let list = r.as_array().cloned().unwrap_or_default();
    assert_eq!(
        kinds_and_titles(&list),
        [
            ("quickfix".to_string(), "Replace with 'CYCLES'".to_string()),
            ("quickfix".to_string(), "Fix all 2 BPY003 problems in this file".to_string()),
        ]
    );
    let edits = &list[1]["edit"]["documentChanges"][0]["edits"];
    let got: Vec<(u64, u64, &str)> = edits
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| {
                    (
                        e["range"]["start"]["line"].as_u64().unwrap_or(99),
                        e["range"]["start"]["character"].as_u64().unwrap_or(99),
                        e["newText"].as_str().unwrap_or(""),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(got, [(1, 35, "CYCLES"), (2, 35, "CYCLES")], "{edits}");
    assert_eq!(list[1]["edit"]["documentChanges"][0]["textDocument"]["version"], 7);
    // A range over both problems: each quick fix, and the fix-all of their code once.
    let both = json!({"start": {"line": 1, "character": 0}, "end": {"line": 2, "character": 200}});
    let r = lsp.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": both, "context": {"diagnostics": [], "only": ["quickfix"]}}),
    );
    let titles: Vec<String> =
        kinds_and_titles(r.as_array().map_or(&[][..], Vec::as_slice)).into_iter().map(|(_, t)| t).collect();
    assert_eq!(titles, ["Replace with 'CYCLES'", "Fix all 2 BPY003 problems in this file", "Replace with 'CYCLES'"]);
    lsp.shutdown();
}
