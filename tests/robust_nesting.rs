//! Deeply nested code does not kill the server or `check`: every walk over the syntax tree
//! is iterative or depth-bounded. Reproducers of issue 12, item 1, over stdio and the CLI.

mod common;

use std::time::Duration;

use common::Lsp;
use serde_json::{Value, json};

/// Nested expressions of the shapes that overflowed the stack, `depth` levels deep.
fn shapes(depth: usize) -> Vec<(&'static str, String)> {
    vec![
        ("parentheses", format!("{}int{}", "(".repeat(depth), ")".repeat(depth))),
        ("calls", format!("{}abs{}", "abs(".repeat(depth), ")".repeat(depth))),
        ("lists", format!("{}int{}", "[".repeat(depth), "]".repeat(depth))),
        ("unary minus", format!("{}int", "-".repeat(depth))),
        ("binary plus", vec!["int"; depth].join(" + ")),
        ("attributes", format!("int{}", ".a".repeat(depth))),
        ("subscripts", format!("int{}", "[0]".repeat(depth))),
    ]
}

/// A script with a deep expression on line 1 and ordinary code after it, with one error
/// (line 4) that the linter must still find.
fn script(deep: &str) -> String {
    format!(
        "import bpy\nx = {deep}\nobj = bpy.context.object\nobj.location.x = 1\nbpy.ops.mesh.primitive_cube_addd()\n"
    )
}

fn diagnostics_of(lsp: &mut Lsp, uri: &str) -> Vec<Value> {
    let msg = lsp.wait_notification("textDocument/publishDiagnostics", Duration::from_secs(60), |p| p["uri"] == uri);
    msg["params"]["diagnostics"].as_array().cloned().unwrap_or_default()
}

#[test]
fn deeply_nested_expressions_are_linted_and_answered_over_stdio() {
    let mut lsp = Lsp::start();
    // The sizes of the issue (1,500 brackets, 740 calls) and far past them.
    for depth in [740, 1_500, 10_000] {
        for (shape, deep) in shapes(depth) {
            let uri = format!("file:///tmp/deep_{}_{depth}.py", shape.replace(' ', "_"));
            let text = script(&deep);
            lsp.open(&uri, &text);
            let diags = diagnostics_of(&mut lsp, &uri);
            let codes: Vec<(&str, u64)> = diags
                .iter()
                .map(|d| (d["code"].as_str().unwrap_or(""), d["range"]["start"]["line"].as_u64().unwrap_or(99)))
                .collect();
            assert_eq!(codes, vec![("BPY001", 4)], "{shape} x{depth}: {diags:?}");
            // Hover after the deep line knows the API; inside it, the answer is empty.
            let hover = lsp.hover_text(&uri, (3, 5));
            assert!(hover.starts_with("```python\nObject.location: float[3]\n```"), "{shape} x{depth}: {hover}");
            let mid = deep.len() as u32 / 2 + 4;
            let r = lsp.request(
                "textDocument/hover",
                json!({"textDocument": {"uri": uri}, "position": {"line": 1, "character": mid}}),
            );
            assert!(r.is_null() || r["contents"]["value"].is_string(), "{shape} x{depth}: {r}");
            // Completion and signature help at the end of the deep line and after it.
            let end = 4 + deep.len() as u32;
            for (method, line, character) in [
                ("textDocument/completion", 1, end),
                ("textDocument/signatureHelp", 1, end - 1),
                ("textDocument/signatureHelp", 1, mid),
            ] {
                let id = lsp.send_request(
                    method,
                    json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
                );
                let reply = lsp.response(id);
                assert!(reply.get("error").is_none(), "{method} on {shape} x{depth}: {reply}");
            }
            let labels = lsp.completion_labels(&uri, (3, 4));
            assert!(labels.iter().any(|l| l == "location"), "{shape} x{depth}: {labels:?}");
            lsp.notify("textDocument/didClose", json!({"textDocument": {"uri": uri}}));
        }
    }
    // Statements nested deep: 3,000 levels of `if`.
    let uri = "file:///tmp/deep_if.py";
    let mut text = String::from("import bpy\n");
    for i in 0..3000 {
        text.push_str(&format!("{}if x:\n", " ".repeat(i)));
    }
    text.push_str(&format!("{}bpy.ops.mesh.primitive_cube_addd()\n", " ".repeat(3000)));
    lsp.open(uri, &text);
    let diags = diagnostics_of(&mut lsp, uri);
    // Python itself refuses over 100 levels of indentation, so a syntax error (BPY000) may stand
    // beside the finding; the finding on the deepest line must still be there.
    let found: Vec<_> = diags.iter().map(|d| (d["code"].clone(), d["range"]["start"]["line"].clone())).collect();
    assert!(found.contains(&(json!("BPY001"), json!(3001))), "{diags:?}");
    assert!(found.iter().all(|(c, _)| c == "BPY001" || c == "BPY000"), "{diags:?}");
    lsp.shutdown();
}

#[test]
fn check_survives_deep_nesting() {
    let dir = common::temp_dir("deep-check");
    for (shape, deep) in shapes(6_000).into_iter().chain(shapes(20_000)).chain([
        ("signed literal", format!("{}1", "-".repeat(100_000))),
        ("bracketed literal", format!("{}1{}", "(".repeat(100_000), ")".repeat(100_000))),
    ]) {
        let file = dir.join("deep.py");
        std::fs::write(&file, script(&deep).replace("x = ", "bpy.context.object.pass_index = ")).unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_bpy-lsp"))
            .arg("check")
            .arg(&file)
            .output()
            .expect("run check");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{shape}: {stdout} {}", String::from_utf8_lossy(&out.stderr));
        let expected = format!(
            "{}:5:14: BPY001 bpy.ops.mesh has no operator 'primitive_cube_addd'; did you mean 'primitive_cube_add'?",
            file.display()
        );
        assert_eq!(stdout.lines().next(), Some(expected.as_str()), "{shape}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
