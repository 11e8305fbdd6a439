//! A small JSON-RPC client that drives the real `bpy-lsp serve` binary over stdio.

#![allow(dead_code)]

pub mod scripted_llm;

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

pub const TIMEOUT: Duration = Duration::from_secs(30);

pub struct Lsp {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
    /// Notifications received while waiting for responses.
    pub notifications: Vec<Value>,
    /// Replies that arrived while waiting for another one (replies come in any order).
    replies: std::collections::HashMap<i64, Value>,
}

impl Lsp {
    /// Start the server and initialize it, offering these position encodings.
    pub fn start_with(encodings: &[&str], envs: &[(&str, &str)]) -> (Lsp, Value) {
        let caps = json!({"general": {"positionEncodings": encodings}});
        Lsp::start_full(caps, Value::Null, envs)
    }

    /// Start the server with these client capabilities and initializationOptions.
    pub fn start_full(caps: Value, init_options: Value, envs: &[(&str, &str)]) -> (Lsp, Value) {
        Lsp::start_in(None, &[], caps, init_options, envs)
    }

    /// Start the server on the workspace `root` (rootUri and one workspace folder), with
    /// these initializationOptions and environment. `BPY_LSP_BLENDER_VERSION` is removed from
    /// the environment unless `envs` sets it.
    pub fn start_rooted(root: &std::path::Path, init_options: Value, envs: &[(&str, &str)]) -> Lsp {
        Lsp::start_args(root, &[], init_options, envs)
    }

    /// `start_rooted` with arguments after `serve` (`--blender-version 4.5`).
    pub fn start_args(root: &std::path::Path, args: &[&str], init_options: Value, envs: &[(&str, &str)]) -> Lsp {
        let caps = json!({"general": {"positionEncodings": ["utf-16"]}});
        Lsp::start_in(Some(root), args, caps, init_options, envs).0
    }

    fn start_in(
        root: Option<&std::path::Path>,
        args: &[&str],
        caps: Value,
        init_options: Value,
        envs: &[(&str, &str)],
    ) -> (Lsp, Value) {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_bpy-lsp"));
        cmd.arg("serve").args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::null());
        if root.is_some() {
            cmd.env_remove("BPY_LSP_BLENDER_VERSION");
        }
        // BlenderRAG (examples in hover) only for the tests that choose its cache; the others
        // would build its index into the user's cache, several servers at once.
        if !envs.iter().any(|(k, _)| matches!(*k, "XDG_CACHE_HOME" | "BPY_LSP_RAG")) {
            cmd.env("BPY_LSP_RAG", "off");
        }
        for (k, v) in envs {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("spawn bpy-lsp");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        length = v.parse::<usize>().ok();
                    }
                }
                let Some(n) = length else { return };
                let mut body = vec![0; n];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                match serde_json::from_slice(&body) {
                    Ok(v) => {
                        if tx.send(v).is_err() {
                            return;
                        }
                    }
                    Err(_) => return,
                }
            }
        });
        let mut lsp =
            Lsp { child, stdin, messages: rx, next_id: 1, notifications: Vec::new(), replies: Default::default() };
        let mut params = json!({"processId": null, "rootUri": null, "capabilities": caps});
        if let Some(root) = root {
            let uri = file_uri(root);
            params["rootUri"] = json!(uri);
            params["workspaceFolders"] = json!([{"uri": uri, "name": "root"}]);
        }
        if !init_options.is_null() {
            params["initializationOptions"] = init_options;
        }
        let init = lsp.request("initialize", params);
        lsp.notify("initialized", json!({}));
        (lsp, init)
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn start() -> Lsp {
        Lsp::start_with(&["utf-16"], &[]).0
    }

    pub fn send_raw(&mut self, body: &[u8]) {
        let header = format!("Content-Length: {}\r\n\r\n", body.len());
        self.stdin.write_all(header.as_bytes()).expect("write header");
        self.stdin.write_all(body).expect("write body");
        self.stdin.flush().expect("flush");
    }

    /// Write bytes as they are, framing included (tests of broken framing).
    pub fn write_raw(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).expect("write");
        self.stdin.flush().expect("flush");
    }

    /// Wait up to `timeout` for the server to exit on its own: its exit code.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<i32> {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }

    pub fn send(&mut self, msg: &Value) {
        let body = serde_json::to_vec(msg).expect("serialize");
        self.send_raw(&body);
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Send a request without waiting; returns its id.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// Wait for the response to `id` (the whole message: result or error).
    pub fn response(&mut self, id: i64) -> Value {
        self.response_within(id, TIMEOUT)
    }

    /// Wait up to `timeout` for the response to `id`.
    pub fn response_within(&mut self, id: i64, timeout: Duration) -> Value {
        if let Some(msg) = self.replies.remove(&id) {
            return msg;
        }
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.messages.recv_timeout(left) {
                Ok(msg) => {
                    if msg.get("method").is_some() {
                        self.incoming(msg);
                    } else if msg.get("id") == Some(&json!(id)) {
                        return msg;
                    } else if let Some(other) = msg.get("id").and_then(Value::as_i64) {
                        self.replies.insert(other, msg);
                    }
                }
                Err(RecvTimeoutError::Timeout) => panic!("no response to request {id} within {timeout:?}"),
                Err(RecvTimeoutError::Disconnected) => panic!("server exited before answering request {id}"),
            }
        }
    }

    /// A server for the agents, started as an editor would: progress, showDocument and
    /// versioned workspace edits; state and sessions under `dir`; no GUI Blender to find.
    #[allow(dead_code)]
    pub fn start_agent(dir: &std::path::Path, options: Value) -> Lsp {
        let caps = json!({
            "general": {"positionEncodings": ["utf-16"]},
            "window": {"workDoneProgress": true, "showDocument": {"support": true}},
            "workspace": {"applyEdit": true, "workspaceEdit": {"documentChanges": true}},
        });
        let state = dir.join("state").to_string_lossy().into_owned();
        let sessions = dir.join("sessions").to_string_lossy().into_owned();
        let envs = [
            ("BPY_LSP_STATE_DIR", state.as_str()),
            ("BPY_LSP_SESSIONS_DIR", sessions.as_str()),
            ("BPY_LSP_BLENDER", ""),
        ];
        Lsp::start_full(caps, json!({"bpyLsp": options}), &envs).0
    }

    /// Whether the response to `id` has arrived (read while waiting for other replies).
    #[allow(dead_code)]
    pub fn has_reply(&self, id: i64) -> bool {
        self.replies.contains_key(&id)
    }

    /// The next reply (a message without a method), keeping notifications aside.
    pub fn next_reply(&mut self) -> Value {
        loop {
            let msg = self.messages.recv_timeout(TIMEOUT).expect("a message from the server");
            if msg.get("method").is_none() {
                return msg;
            }
            self.incoming(msg);
        }
    }

    /// A message from the server with a method: a notification, or a request to the client
    /// (`window/workDoneProgress/create`, ...) which is answered with `null`. Both are kept
    /// in `notifications`.
    fn incoming(&mut self, msg: Value) {
        self.answer(&msg);
        self.notifications.push(msg);
    }

    /// Answer a request of the server as an editor would: `workspace/applyEdit` is applied
    /// (the test sends the didChange itself), `window/showDocument` shown, others `null`.
    fn answer(&mut self, msg: &Value) {
        let Some(id) = msg.get("id").cloned() else { return };
        let result = match msg["method"].as_str() {
            Some("workspace/applyEdit") => json!({"applied": true}),
            Some("window/showDocument") => json!({"success": true}),
            _ => Value::Null,
        };
        self.send(&json!({"jsonrpc": "2.0", "id": id, "result": result}));
    }

    /// Wait up to `timeout` for a message from the server with this method for which `pred`
    /// holds (looking at those already received first); it is taken out of `notifications`.
    pub fn wait_notification(&mut self, method: &str, timeout: Duration, pred: impl Fn(&Value) -> bool) -> Value {
        let matches = |m: &Value| m["method"] == method && pred(&m["params"]);
        if let Some(i) = self.notifications.iter().position(matches) {
            return self.notifications.remove(i);
        }
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.messages.recv_timeout(left) {
                Ok(msg) if msg.get("method").is_some() => {
                    if matches(&msg) {
                        self.answer(&msg);
                        return msg;
                    }
                    self.incoming(msg);
                }
                Ok(msg) => {
                    if let Some(id) = msg.get("id").and_then(Value::as_i64) {
                        self.replies.insert(id, msg);
                    }
                }
                Err(_) => {
                    panic!("no {method} notification as expected within {timeout:?}; got {:#?}", self.notifications)
                }
            }
        }
    }

    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        let msg = self.response(id);
        assert!(msg.get("error").is_none(), "{method} failed: {msg}");
        msg["result"].clone()
    }

    pub fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": text}}),
        );
    }

    pub fn completion_labels(&mut self, uri: &str, pos: (u32, u32)) -> Vec<String> {
        let r = self.request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": {"line": pos.0, "character": pos.1}}),
        );
        labels(&r)
    }

    pub fn hover_text(&mut self, uri: &str, pos: (u32, u32)) -> String {
        let r = self.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": pos.0, "character": pos.1}}),
        );
        r["contents"]["value"].as_str().unwrap_or("").to_string()
    }

    pub fn shutdown(mut self) {
        let _ = self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                assert!(status.success(), "server exit status {status}");
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("server did not exit after shutdown/exit");
    }
}

impl Drop for Lsp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `file://` URI of an absolute path (test paths have no characters that need escaping).
pub fn file_uri(path: &std::path::Path) -> String {
    format!("file://{}", path.display())
}

pub fn labels(result: &Value) -> Vec<String> {
    let items = match result {
        Value::Array(a) => a.clone(),
        Value::Object(_) => result["items"].as_array().cloned().unwrap_or_default(),
        _ => Vec::new(),
    };
    items.iter().filter_map(|i| i["label"].as_str().map(str::to_string)).collect()
}

/// Split a fixture at its `$0` marker: (text without the marker, (line, UTF-16 column)).
pub fn fixture(src: &str) -> (String, (u32, u32)) {
    let at = src.find("$0").expect("fixture has a $0 marker");
    let text = format!("{}{}", &src[..at], &src[at + 2..]);
    let before = &src[..at];
    let line = before.matches('\n').count() as u32;
    let col = before.rsplit('\n').next().unwrap_or("").encode_utf16().count() as u32;
    (text, (line, col))
}

/// A Python with the `bpy` module for tests that need a real Blender: `$BPY_PYTHON`, else
/// the repository's `.venv/bin/python`. Without one the test is skipped with a note, or
/// fails when `CI` is set.
pub fn bpy_python() -> Option<std::path::PathBuf> {
    static FOUND: std::sync::OnceLock<Result<std::path::PathBuf, String>> = std::sync::OnceLock::new();
    find_bpy_python(&FOUND, "BPY_PYTHON", ".venv", "4.4")
}

/// A Python with Blender 4.2's `bpy`, for tests of a connected Blender of a version other
/// than the default target: `$BPY_PYTHON_42`, else `.venv-blender-4.2/bin/python`
/// (scripts/install-test-deps.sh makes it).
pub fn bpy_python_42() -> Option<std::path::PathBuf> {
    static FOUND: std::sync::OnceLock<Result<std::path::PathBuf, String>> = std::sync::OnceLock::new();
    find_bpy_python(&FOUND, "BPY_PYTHON_42", ".venv-blender-4.2", "4.2")
}

fn find_bpy_python(
    found: &std::sync::OnceLock<Result<std::path::PathBuf, String>>,
    env: &str,
    venv: &str,
    version: &str,
) -> Option<std::path::PathBuf> {
    let found = found.get_or_init(|| {
        let candidate = match std::env::var_os(env).filter(|v| !v.is_empty()) {
            Some(p) => std::path::PathBuf::from(p),
            None => std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(venv).join("bin/python"),
        };
        let check = format!("import bpy, sys; sys.exit('%d.%d' % bpy.app.version[:2] != '{version}')");
        let ok = Command::new(&candidate)
            .args(["-c", &check])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if ok {
            Ok(candidate)
        } else {
            Err(format!(
                "no Python with Blender {version}'s bpy module: {} cannot `import bpy` or has another version. \
                 Set {env}, or run scripts/install-test-deps.sh.",
                candidate.display()
            ))
        }
    });
    match found {
        Ok(p) => Some(p.clone()),
        Err(why) if std::env::var_os("CI").is_some() => panic!("{why}"),
        Err(why) => {
            eprintln!("note: skipping a test that needs Blender: {why}");
            None
        }
    }
}

/// A fresh empty directory under the system temp dir for one test.
pub fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("bpy-lsp-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create a temp dir");
    dir
}
