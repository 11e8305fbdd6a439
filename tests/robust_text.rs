//! Non-ASCII text and huge documents (issue 12, item 3): scans of the text land on
//! character boundaries, and a document over the parse limit answers empty, with one
//! message to the user.

mod common;

use std::time::Duration;

use common::Lsp;
use serde_json::{Value, json};

fn request(lsp: &mut Lsp, method: &str, uri: &str, line: u32, character: u32) -> Value {
    let id = lsp.send_request(
        method,
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
    );
    let reply = lsp.response(id);
    assert!(reply.get("error").is_none(), "{method} at {line}:{character} failed: {reply}");
    reply["result"].clone()
}

/// Completion, hover and signature help at every position of `text` (UTF-16 columns): none
/// fails. Returns the completion labels at the end of the text.
fn everywhere(lsp: &mut Lsp, uri: &str, text: &str) -> Vec<String> {
    lsp.open(uri, text);
    for (line, content) in text.split('\n').enumerate() {
        let units = content.encode_utf16().count() as u32;
        for character in 0..=units {
            for method in ["textDocument/completion", "textDocument/hover", "textDocument/signatureHelp"] {
                request(lsp, method, uri, line as u32, character);
            }
        }
    }
    let last = text.split('\n').count() as u32 - 1;
    let end = text.rsplit('\n').next().unwrap_or("").encode_utf16().count() as u32;
    common::labels(&request(lsp, "textDocument/completion", uri, last, end))
}

#[test]
fn non_ascii_before_brackets_and_operators() {
    let mut lsp = Lsp::start();
    let mut n = 0;
    for ch in ["é", "😀", "ﬁ", "\u{a0}", "\u{301}", "\u{202e}"] {
        for (op, close) in [("(", ")"), ("[", "]"), (",", ""), ("{", "}"), ("=", ""), (" in ", "")] {
            n += 1;
            let text =
                |ch: &str| format!("import bpy\nobj = bpy.context.object\ncaf{ch}{op}\"x\"{close}\nobj.\nx{ch}{op}");
            let uri = format!("file:///tmp/robust_text_{n}.py");
            let at_end = everywhere(&mut lsp, &uri, &text(ch));
            let labels = common::labels(&request(&mut lsp, "textDocument/completion", &uri, 3, 4));
            assert!(labels.iter().any(|l| l == "location"), "{ch:?} {op:?}: {labels:?}");
            // Right after the operator, the same answer as after an ASCII letter (the names
            // of the script spelt with it).
            let ascii: Vec<String> = everywhere(&mut lsp, &format!("file:///tmp/robust_text_{n}_ascii.py"), &text("e"))
                .into_iter()
                .map(|l| if l == "cafe" || l == "xe" { l.replace('e', ch) } else { l })
                .collect();
            // (Letters only: an emoji or a mark is no part of a Python name, so the names differ.)
            if ch.chars().all(char::is_alphabetic) {
                assert_eq!(at_end, ascii, "{ch:?} {op:?}");
            }
        }
    }
    // Keyword arguments right after a non-ASCII name: the same answer as after an ASCII one.
    let ascii =
        everywhere(&mut lsp, "file:///tmp/robust_text_a.py", "import bpy\ncafe = 1\nbpy.ops.mesh.primitive_cube_add(");
    let accented =
        everywhere(&mut lsp, "file:///tmp/robust_text_b.py", "import bpy\ncafé = 1\nbpy.ops.mesh.primitive_cube_add(");
    assert!(ascii.iter().any(|l| l.starts_with("size")), "{ascii:?}");
    assert_eq!(ascii, accented);
    lsp.shutdown();
}

#[test]
fn the_look_back_starts_inside_a_character() {
    let mut lsp = Lsp::start();
    // 8 KiB back from the cursor lands inside an é for one of these paddings.
    for pad in 0..4 {
        let uri = format!("file:///tmp/robust_lookback_{pad}.py");
        let text = format!(
            "import bpy\ns = '{}'{}\nobj = bpy.context.object\nbpy.ops.mesh.primitive_cube_add(\n    size=1,\n    ",
            "é".repeat(5000),
            " ".repeat(pad)
        );
        lsp.open(&uri, &text);
        let last = text.split('\n').count() as u32 - 1;
        let labels = common::labels(&request(&mut lsp, "textDocument/completion", &uri, last, 4));
        assert!(labels.iter().any(|l| l.starts_with("location")), "pad {pad}: {labels:?}");
        assert!(!labels.iter().any(|l| l.starts_with("size")), "pad {pad}: size is given already: {labels:?}");
        let help = request(&mut lsp, "textDocument/signatureHelp", &uri, last, 4);
        let label = help["signatures"][0]["label"].as_str().unwrap_or_default();
        assert!(label.starts_with("bpy.ops.mesh.primitive_cube_add(size: float = 2.0, "), "{help}");
        assert_eq!(help["activeParameter"], 1, "{help}");
        for character in [0, 2, 5, 5000, 5003] {
            for method in ["textDocument/completion", "textDocument/hover", "textDocument/signatureHelp"] {
                request(&mut lsp, method, &uri, 1, character);
            }
        }
    }
    lsp.shutdown();
}

#[test]
fn a_document_over_the_parse_limit_answers_empty_and_says_so_once() {
    let mut lsp = Lsp::start();
    let uri = "file:///tmp/robust_huge.py";
    let line = "obj = bpy.context.object  # padding padding padding padding padding\n";
    let text = format!("import bpy\n{}obj.", line.repeat(17 * 1024 * 1024 / line.len()));
    assert!(text.len() > 16 * 1024 * 1024);
    lsp.open(uri, &text);
    let message = lsp.wait_notification("window/showMessage", Duration::from_secs(30), |_| true);
    assert_eq!(
        message["params"]["message"],
        "bpy-lsp: robust_huge.py is 17.0 MiB, more than the 16 MiB bpy-lsp analyses: no diagnostics, completion or hover for it"
    );
    let last = text.split('\n').count() as u32 - 1;
    assert_eq!(request(&mut lsp, "textDocument/hover", uri, 1, 2), Value::Null);
    assert_eq!(request(&mut lsp, "textDocument/hover", uri, last, 1), Value::Null);
    assert!(common::labels(&request(&mut lsp, "textDocument/completion", uri, last, 4)).is_empty());
    request(&mut lsp, "textDocument/signatureHelp", uri, last, 4);
    // Edits do not repeat the message.
    for v in 2..5 {
        lsp.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": v}, "contentChanges": [{
                "range": {"start": {"line": last, "character": 4}, "end": {"line": last, "character": 4}},
                "text": "l"}]}),
        );
    }
    let diags =
        lsp.wait_notification("textDocument/publishDiagnostics", Duration::from_secs(30), |p| p["version"] == 4);
    assert_eq!(diags["params"]["diagnostics"], json!([]));
    assert!(
        !lsp.notifications.iter().any(|n| n["method"] == "window/showMessage"),
        "told twice: {:?}",
        lsp.notifications.iter().filter(|n| n["method"] == "window/showMessage").collect::<Vec<_>>()
    );
    lsp.shutdown();
}
