//! End to end: the LSP plumbing — encodings, incremental sync, cancellation, panics, and
//! bad input (malformed messages, invalid positions, huge files, closed documents).

mod common;

use common::{Lsp, fixture, labels};
use serde_json::json;

fn completion(lsp: &mut Lsp, uri: &str, line: u32, character: u32) -> serde_json::Value {
    lsp.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
    )
}

#[test]
fn utf8_is_chosen_when_offered_and_columns_follow_it() {
    // A line with characters outside ASCII and outside the BMP before the cursor. A typed
    // socket name with a space carries its edit range, whose column shows the encoding.
    let (text, _) = fixture(
        "import bpy\nbsdf = bpy.data.materials.new('M').node_tree.nodes['Principled BSDF']\n\
         label = 'é😀'; bsdf.inputs['Base C$0']\n",
    );
    let line = text.lines().nth(2).unwrap();
    let byte_col = line.rfind("['").unwrap() + "['".len();
    let cursor = byte_col + "Base C".len();
    let utf16_col = line[..byte_col].encode_utf16().count();

    let (mut lsp, init) = Lsp::start_with(&["utf-8", "utf-16"], &[]);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    lsp.open("file:///tmp/u.py", &text);
    let r = completion(&mut lsp, "file:///tmp/u.py", 2, cursor as u32);
    assert_eq!(labels(&r), ["Base Color"], "{r}");
    // The edit range is in UTF-8 columns too.
    assert_eq!(r["items"][0]["textEdit"]["range"]["start"]["character"], byte_col);

    let (mut lsp, init) = Lsp::start_with(&["utf-16"], &[]);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    lsp.open("file:///tmp/u.py", &text);
    let r = completion(&mut lsp, "file:///tmp/u.py", 2, (utf16_col + "Base C".len()) as u32);
    assert_eq!(labels(&r), ["Base Color"], "{r}");
    assert_eq!(r["items"][0]["textEdit"]["range"]["start"]["character"], utf16_col);
}

#[test]
fn incremental_changes_are_applied_in_order() {
    let mut lsp = Lsp::start();
    let uri = "file:///tmp/inc.py";
    lsp.open(uri, "import bpy\n\n");
    // Type `obj = bpy.data.objects["Cube"]` then `obj.` one change at a time.
    let typed = "obj = bpy.data.objects[\"Cube\"]\nobj.";
    let mut line = 1;
    let mut col = 0;
    for (i, ch) in typed.chars().enumerate() {
        lsp.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": i + 2},
                "contentChanges": [{"range": {"start": {"line": line, "character": col}, "end": {"line": line, "character": col}}, "text": ch.to_string()}]
            }),
        );
        if ch == '\n' {
            line += 1;
            col = 0;
        } else {
            col += 1;
        }
    }
    let r = completion(&mut lsp, uri, 2, 4);
    let l = labels(&r);
    assert!(l.contains(&"location".to_string()) && l.contains(&"modifiers".to_string()), "{l:?}");
    // Delete `obj.` and replace the whole text: the full-text form works too.
    lsp.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 100}, "contentChanges": [{"text": "import bpy\nbpy.ops."}]}),
    );
    let l = labels(&completion(&mut lsp, uri, 1, 8));
    assert!(l.contains(&"mesh".to_string()), "{l:?}");
    lsp.shutdown();
}

#[test]
fn a_panic_in_a_request_answers_it_with_an_error_and_the_server_goes_on() {
    let (mut lsp, _) = Lsp::start_with(&["utf-16"], &[("BPY_LSP_DEBUG_PANIC", "1")]);
    lsp.open("file:///tmp/p.py", "import bpy\nbpy.context.");
    let id = lsp.send_request("bpy/debugPanic", json!({"uri": "file:///tmp/p.py"}));
    let reply = lsp.response(id);
    assert_eq!(reply["error"]["code"], -32603, "{reply}");
    assert!(reply["error"]["message"].as_str().unwrap().contains("requested by bpy/debugPanic"), "{reply}");
    let l = labels(&completion(&mut lsp, "file:///tmp/p.py", 1, 12));
    assert!(l.contains(&"scene".to_string()));
    lsp.shutdown();
}

#[test]
fn cancelled_requests_are_answered_once_and_the_server_goes_on() {
    let mut lsp = Lsp::start();
    lsp.open("file:///tmp/c.py", "import bpy\nbpy.types.");
    let mut ids = Vec::new();
    for _ in 0..20 {
        let id = lsp.send_request(
            "textDocument/completion",
            json!({"textDocument": {"uri": "file:///tmp/c.py"}, "position": {"line": 1, "character": 10}}),
        );
        lsp.notify("$/cancelRequest", json!({"id": id}));
        ids.push(id);
    }
    for id in ids {
        let reply = lsp.response(id);
        // Either it finished first (a result) or it was cancelled (RequestCancelled).
        let ok = reply.get("result").is_some() || reply["error"]["code"] == -32800;
        assert!(ok, "{reply}");
    }
    let l = labels(&completion(&mut lsp, "file:///tmp/c.py", 1, 10));
    assert!(l.contains(&"Object".to_string()));
}

#[test]
fn malformed_messages_get_an_error_and_do_not_stop_the_server() {
    let mut lsp = Lsp::start();
    lsp.send_raw(b"{this is not json");
    let reply = lsp.next_reply();
    assert_eq!(reply["error"]["code"], -32700, "{reply}");
    // Valid JSON that is not JSON-RPC.
    lsp.send_raw(br#"{"id": 41, "hello": "world"}"#);
    let reply = lsp.next_reply();
    assert_eq!((reply["error"]["code"].clone(), reply["id"].clone()), (json!(-32600), json!(41)), "{reply}");
    // Bytes that are not UTF-8.
    lsp.send_raw(b"\xff\xfe\xfd");
    assert_eq!(lsp.next_reply()["error"]["code"], -32700);
    // A request with wrong params is answered with InvalidParams.
    let id = lsp.send_request("textDocument/completion", json!({"nonsense": true}));
    let reply = lsp.response(id);
    assert_eq!(reply["error"]["code"], -32602, "{reply}");
    lsp.open("file:///tmp/m.py", "import bpy\nbpy.");
    assert!(labels(&completion(&mut lsp, "file:///tmp/m.py", 1, 4)).contains(&"data".to_string()));
}

#[test]
fn positions_past_the_end_unknown_documents_and_closed_documents_give_empty_answers() {
    let mut lsp = Lsp::start();
    let uri = "file:///tmp/pos.py";
    lsp.open(uri, "import bpy\nbpy.");
    // A line past the end: no answer, no error.
    assert!(completion(&mut lsp, uri, 99, 0).is_null());
    // A column past the end of the line clamps to the line's end.
    assert!(labels(&completion(&mut lsp, uri, 1, 999)).contains(&"data".to_string()));
    // A document never opened, and one closed.
    assert!(completion(&mut lsp, "file:///tmp/never.py", 0, 0).is_null());
    lsp.notify("textDocument/didClose", json!({"textDocument": {"uri": uri}}));
    assert!(completion(&mut lsp, uri, 1, 4).is_null());
    // A change to a closed document is reported, not applied, and nothing breaks.
    lsp.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 9}, "contentChanges": [{"text": "x"}]}),
    );
    // A change whose range is past the end is clamped.
    lsp.open(uri, "import bpy\n");
    lsp.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"range": {"start": {"line": 50, "character": 0}, "end": {"line": 60, "character": 0}}, "text": "bpy.context."}]}),
    );
    assert!(labels(&completion(&mut lsp, uri, 1, 12)).contains(&"scene".to_string()));
    lsp.shutdown();
}

#[test]
fn broken_python_and_a_ten_megabyte_file_still_get_answers() {
    let mut lsp = Lsp::start();
    let broken = "import bpy\ndef f(:\n    x = [1, 2\nclass\nobj = bpy.context.object\nobj.";
    lsp.open("file:///tmp/broken.py", broken);
    let l = labels(&completion(&mut lsp, "file:///tmp/broken.py", 5, 4));
    assert!(l.contains(&"location".to_string()), "{l:?}");

    let mut big = String::from("import bpy\n");
    let line = "bpy.data.objects['Cube'].location.x += 1.0  # padding padding padding padding\n";
    while big.len() < 10 * 1024 * 1024 {
        big.push_str(line);
    }
    big.push_str("bpy.context.");
    let last = big.lines().count() as u32 - 1;
    lsp.open("file:///tmp/big.py", &big);
    let l = labels(&completion(&mut lsp, "file:///tmp/big.py", last, 12));
    assert!(l.contains(&"scene".to_string()), "{:?}", &l[..l.len().min(5)]);
    let hover = lsp.hover_text("file:///tmp/big.py", (1, 10));
    assert!(hover.contains("objects"), "{hover}");
    lsp.shutdown();
}
