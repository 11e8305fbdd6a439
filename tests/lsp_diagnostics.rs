//! End to end: lint diagnostics published as you type, tied to the document version,
//! and their quick fixes as code actions.

mod common;

use common::Lsp;
use serde_json::{Value, json};

fn for_version(uri: &'static str, version: i64) -> impl Fn(&Value) -> bool {
    move |p: &Value| p["uri"] == uri && p["version"] == version
}

#[test]
fn diagnostics_follow_the_edits_and_fixes_are_code_actions() {
    let mut lsp = Lsp::start();
    let uri = "file:///tmp/diag.py";
    lsp.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "python", "version": 1,
               "text": "import bpy\nbpy.ops.mesh.primitive_cube_ad(size=2)\n"}}),
    );
    let n = lsp.wait_notification("textDocument/publishDiagnostics", common::TIMEOUT, for_version(uri, 1));
    let diags = n["params"]["diagnostics"].as_array().unwrap().clone();
    assert_eq!(diags.len(), 1, "{diags:?}");
    let d = &diags[0];
    assert_eq!(d["code"], "BPY001");
    assert_eq!(d["source"], "bpy-lsp");
    assert_eq!(d["range"], json!({"start": {"line": 1, "character": 13}, "end": {"line": 1, "character": 30}}));
    assert_eq!(d["message"], "bpy.ops.mesh has no operator 'primitive_cube_ad'; did you mean 'primitive_cube_add'?");

    // The quick fix replaces exactly the operator name.
    let actions = lsp.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d]}}),
    );
    let a = &actions[0];
    assert_eq!(a["title"], "Replace with 'primitive_cube_add'");
    assert_eq!(a["kind"], "quickfix");
    assert_eq!(
        a["edit"],
        json!({"documentChanges": [{"textDocument": {"uri": uri, "version": 1},
            "edits": [{"range": {"start": {"line": 1, "character": 13}, "end": {"line": 1, "character": 30}}, "newText": "primitive_cube_add"}]}]})
    );

    // Several quick edits: only the document's latest version matters, and fixing the
    // name clears the diagnostics.
    for (version, text) in [(2, "x"), (3, "xy"), (4, "")] {
        lsp.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [{"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 2}}, "text": text}]}),
        );
    }
    lsp.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 5},
               "contentChanges": [{"range": {"start": {"line": 1, "character": 30}, "end": {"line": 1, "character": 30}}, "text": "d"}]}),
    );
    let n = lsp.wait_notification("textDocument/publishDiagnostics", common::TIMEOUT, for_version(uri, 5));
    assert_eq!(n["params"]["diagnostics"], json!([]));
    // Debounced: the intermediate versions were never linted.
    assert!(
        !lsp.notifications
            .iter()
            .any(|m| m["params"]["uri"] == uri && [2, 3, 4].contains(&m["params"]["version"].as_i64().unwrap_or(0)))
    );

    // Closing clears them.
    lsp.notify("textDocument/didClose", json!({"textDocument": {"uri": uri}}));
    let n = lsp.wait_notification("textDocument/publishDiagnostics", common::TIMEOUT, |p| {
        p["uri"] == uri && p["version"].is_null()
    });
    assert_eq!(n["params"]["diagnostics"], json!([]));
    lsp.shutdown();
}

#[test]
fn completion_is_answered_while_a_large_file_is_being_linted() {
    let mut lsp = Lsp::start();
    let mut text = String::from("import bpy\n");
    for i in 0..5000 {
        text.push_str(&format!("bpy.data.objects['o{i}'].location.x = {i}\n"));
    }
    text.push_str("bpy.context.");
    lsp.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": "file:///tmp/big_lint.py", "languageId": "python", "version": 1, "text": text}}),
    );
    let labels = lsp.completion_labels("file:///tmp/big_lint.py", (5001, 12));
    assert!(labels.iter().any(|l| l == "scene"));
    let n = lsp.wait_notification(
        "textDocument/publishDiagnostics",
        common::TIMEOUT,
        for_version("file:///tmp/big_lint.py", 1),
    );
    // The unfinished `bpy.context.` on the last line is the only finding: a syntax error.
    let codes: Vec<_> =
        n["params"]["diagnostics"].as_array().into_iter().flatten().map(|d| d["code"].clone()).collect();
    assert_eq!(codes, vec![json!("BPY000")]);
}
