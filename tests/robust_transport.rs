//! Broken framing never wedges the session (issue 12, items 2 and 7): a bad or wrong
//! `Content-Length` is answered (with the request's id when it shows one) and the next
//! message is served; huge lengths without a body do not wait forever; `$/` requests get
//! MethodNotFound; the exit status follows the spec; a lone CR breaks a line.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::Lsp;
use serde_json::{Value, json};

const URI: &str = "file:///tmp/robust_transport.py";
const SCRIPT: &str = "import bpy\nobj = bpy.context.object\nobj.location.x = 1\n";

fn hover_request(id: i64, uri: &str) -> String {
    json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/hover",
           "params": {"textDocument": {"uri": uri}, "position": {"line": 2, "character": 5}}})
    .to_string()
}

fn started() -> Lsp {
    let mut lsp = Lsp::start();
    lsp.open(URI, SCRIPT);
    lsp
}

/// The server still answers: a hover on `location`, with its exact first line.
fn assert_serves(lsp: &mut Lsp, what: &str) {
    let hover = lsp.hover_text(URI, (2, 5));
    assert!(hover.starts_with("```python\nObject.location: float[3]\n```"), "after {what}: {hover}");
}

#[test]
fn bad_lengths_are_answered_with_the_id_and_the_session_goes_on() {
    let mut lsp = started();
    for (n, bad) in ["abc", "-5", "99999999999999999999999", "12x"].iter().enumerate() {
        let id = 100 + n as i64;
        lsp.write_raw(format!("Content-Length: {bad}\r\n\r\n{}", hover_request(id, URI)).as_bytes());
        let reply = lsp.response(id);
        assert_eq!(reply["error"]["code"], -32700, "{bad}: {reply}");
        assert_eq!(reply["error"]["message"], format!("invalid Content-Length: {bad}"), "{bad}");
        assert_serves(&mut lsp, bad);
    }
    lsp.shutdown();
}

#[test]
fn lengths_that_count_characters_are_corrected() {
    let mut lsp = Lsp::start();
    // A document whose name and text hold multi-byte characters, opened with a length that
    // counts characters, as some clients do.
    let uri = "file:///tmp/caf%C3%A9.py";
    let text = "import bpy\n# café ☃ 😀\nobj = bpy.context.object\nobj.location.x = 1\n";
    let open = json!({"jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": text}}})
    .to_string();
    assert!(open.chars().count() < open.len());
    lsp.write_raw(format!("Content-Length: {}\r\n\r\n{open}", open.chars().count()).as_bytes());
    // A request whose body is longer than its length says, then one whose length is too long.
    let req = json!({"jsonrpc": "2.0", "id": 7, "method": "textDocument/hover",
        "params": {"textDocument": {"uri": uri}, "position": {"line": 3, "character": 5}}})
    .to_string();
    lsp.write_raw(format!("Content-Length: {}\r\n\r\n{req}", req.len() - 3).as_bytes());
    let reply = lsp.response(7);
    let value = reply["result"]["contents"]["value"].as_str().unwrap_or_default();
    assert!(value.starts_with("```python\nObject.location: float[3]\n```"), "{reply}");
    let req = req.replace("\"id\":7", "\"id\":8");
    lsp.write_raw(format!("Content-Length: {}\r\n\r\n{req}", req.len() + 4).as_bytes());
    let reply = lsp.response(8);
    assert!(reply["result"]["contents"]["value"].is_string(), "{reply}");
    assert_eq!(lsp.hover_text(uri, (3, 5)), value);
    lsp.shutdown();
}

#[test]
fn huge_lengths_without_a_body_do_not_wait_forever() {
    let mut lsp = started();
    for length in [u64::MAX.to_string(), (128u64 * 1024 * 1024).to_string(), (1u64 << 40).to_string()] {
        let started = Instant::now();
        lsp.write_raw(format!("Content-Length: {length}\r\n\r\n").as_bytes());
        std::thread::sleep(Duration::from_millis(300));
        // The next message, sent while the server might still wait for the body.
        lsp.write_raw(
            format!("Content-Length: {}\r\n\r\n{}", hover_request(50, URI).len(), hover_request(50, URI)).as_bytes(),
        );
        // The framing problem is answered first (its id unknown: null), then the request.
        let problem = lsp.next_reply();
        assert_eq!(problem["id"], Value::Null, "{problem}");
        assert_eq!(problem["error"]["code"], -32700, "{problem}");
        let message = problem["error"]["message"].as_str().unwrap_or_default().to_string();
        let expected = if length == (128u64 * 1024 * 1024).to_string() {
            format!("no body came for a Content-Length of {length}")
        } else {
            format!("message of {length} bytes is larger than the limit of 134217728 bytes; it was ignored")
        };
        assert_eq!(message, expected);
        let reply = lsp.response_within(50, Duration::from_secs(15));
        let value = reply["result"]["contents"]["value"].as_str().unwrap_or_default();
        assert!(value.starts_with("```python\nObject.location"), "{length}: {reply}");
        assert!(started.elapsed() < Duration::from_secs(5), "{length}: {:?}", started.elapsed());
    }
    lsp.shutdown();
}

#[test]
fn garbage_between_messages_is_skipped() {
    let mut lsp = started();
    lsp.write_raw(b"this is not a header\r\n\r\n{\"half\": ");
    lsp.write_raw(
        format!("Content-Length: {}\r\n\r\n{}", hover_request(60, URI).len(), hover_request(60, URI)).as_bytes(),
    );
    let reply = lsp.response(60);
    assert!(reply["result"]["contents"]["value"].is_string(), "{reply}");
    // A header block with another header first.
    let body = hover_request(61, URI);
    lsp.write_raw(
        format!(
            "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .as_bytes(),
    );
    assert!(lsp.response(61)["result"]["contents"]["value"].is_string());
    lsp.shutdown();
}

#[test]
fn dollar_requests_get_method_not_found_and_dollar_notifications_nothing() {
    let mut lsp = started();
    lsp.notify("$/unknownNotification", json!({"x": 1}));
    let id = lsp.send_request("$/unknownRequest", json!({}));
    let reply = lsp.response(id);
    assert_eq!(reply["error"]["code"], -32601, "{reply}");
    assert_eq!(reply["error"]["message"], "Method not found: $/unknownRequest");
    assert_serves(&mut lsp, "$/ messages");
    // No reply was sent for the notification: the next reply is the next request's.
    let next = lsp.send_request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(lsp.next_reply()["id"], next);
    lsp.shutdown();
}

#[test]
fn exit_without_shutdown_exits_1() {
    let mut lsp = started();
    lsp.notify("exit", Value::Null);
    assert_eq!(lsp.wait_exit(Duration::from_secs(10)), Some(1));
    // After shutdown: 0 (Lsp::shutdown asserts it).
    started().shutdown();
}

#[test]
fn end_of_input_exits_0_after_shutdown_and_1_before() {
    for shutdown in [false, true] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_bpy-lsp"))
            .arg("serve")
            .env("BPY_LSP_RAG", "off")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        let mut stdin = child.stdin.take().expect("stdin");
        let mut send = |msg: Value| {
            let body = msg.to_string();
            stdin.write_all(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes()).expect("write");
        };
        send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}));
        if shutdown {
            send(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}));
        }
        drop(stdin);
        let deadline = Instant::now() + Duration::from_secs(10);
        let code = loop {
            if let Some(status) = child.try_wait().expect("wait") {
                break status.code();
            }
            assert!(Instant::now() < deadline, "the server did not exit at the end of its input");
            std::thread::sleep(Duration::from_millis(20));
        };
        assert_eq!(code, Some(if shutdown { 0 } else { 1 }), "shutdown: {shutdown}");
    }
}

#[test]
fn a_lone_cr_is_a_line_break() {
    let mut lsp = Lsp::start();
    let uri = "file:///tmp/robust_cr.py";
    lsp.open(uri, "import bpy\robj = bpy.context.object\robj.location.x = 1\r\nobj.\r");
    assert_eq!(lsp.hover_text(uri, (2, 5)).lines().nth(1), Some("Object.location: float[3]"));
    let labels = lsp.completion_labels(uri, (3, 4));
    assert!(labels.iter().any(|l| l == "location"), "{labels:?}");
    // An edit on the third line, addressed in lines that a lone CR ends.
    lsp.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{
            "range": {"start": {"line": 2, "character": 4}, "end": {"line": 2, "character": 12}},
            "text": "rotation_euler"}]}),
    );
    assert_eq!(lsp.hover_text(uri, (2, 6)).lines().nth(1), Some("Object.rotation_euler: float[3]"));
    lsp.shutdown();
}
