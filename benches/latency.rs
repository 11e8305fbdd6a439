//! Completion latency, cold start and memory of the real server.
//!
//! `cargo bench --bench latency` builds a 5,000-line bpy file from our example library,
//! picks 200+ positions of each kind of completion, and times each request over stdio
//! (the JSON-RPC round trip an editor sees, from a client that reads each reply on its
//! own thread as editors do) and in process (the analysis alone).
//! Prints medians and p95.

#[path = "../tests/common/mod.rs"]
mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use bpy_lsp::analysis::{self, Document, slots};
use common::{Lsp, labels};
use serde_json::json;

const LINES: usize = 5_000;
const PER_KIND: usize = 200;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = big_file(root);
    let db = bpy_lsp::api::load_default();
    let usage = bpy_lsp::default_usage();
    let doc = Document::new(text.clone());
    let kinds = positions(&db, &doc);

    println!("file: {} lines, {} KiB", text.lines().count(), text.len() / 1024);
    println!(
        "\n{:<14} {:>9} {:>9} {:>11} {:>11} {:>8} {:>9}",
        "kind", "positions", "samples", "lsp p50 ms", "lsp p95 ms", "items", "KiB/reply"
    );
    let mut lsp = Lsp::start();
    let uri = "file:///bench/big.py";
    lsp.open(uri, &text);
    let mut direct = DirectClient::start(uri, &text);
    let mut in_process = Vec::new();
    for (kind, offsets) in &kinds {
        let distinct = offsets.len();
        let samples: Vec<usize> = offsets.iter().cycle().take(PER_KIND.max(distinct)).copied().collect();
        let mut times = Vec::new();
        let mut items = 0;
        let mut bytes = 0;
        for &off in &samples {
            let (line, col) = lsp_position(&doc, off);
            let t = Instant::now();
            let r = direct.completion(uri, line, col);
            times.push(t.elapsed());
            items += labels(&r).len();
            bytes += r.to_string().len();
        }
        let mut local = Vec::new();
        for &off in &samples {
            let t = Instant::now();
            let c = analysis::complete(&db, &usage, &doc, off, None);
            local.push(t.elapsed());
            std::hint::black_box(c);
        }
        in_process.push((kind.to_string(), percentile(&mut local, 50), percentile(&mut local, 95)));
        println!(
            "{:<14} {:>9} {:>9} {:>11.3} {:>11.3} {:>8} {:>9.1}",
            kind,
            distinct,
            samples.len(),
            ms(percentile(&mut times, 50)),
            ms(percentile(&mut times, 95)),
            items / samples.len().max(1),
            bytes as f64 / samples.len().max(1) as f64 / 1024.0
        );
    }
    println!("\nin process (analysis only):");
    for (kind, p50, p95) in in_process {
        println!("{:<14} p50 {:>7.3} ms   p95 {:>7.3} ms", kind, ms(p50), ms(p95));
    }
    // Diagnostics after an edit: the edit applied incrementally, then the linter (in
    // process), and over stdio from didChange to publishDiagnostics (which includes the
    // debounce the server waits for more keystrokes).
    let registered = bpy_lsp::analysis::lint::Registrations::of(&text);
    let linter = bpy_lsp::analysis::lint::Linter::new(&db, &registered, None);
    let mut edited = doc.clone();
    let mut lint_times = Vec::new();
    for i in 0..200 {
        let at = edited.text().len() / 200 * i;
        let at = edited.text()[..at].rfind('\n').map(|p| p + 1).unwrap_or(0);
        let t = Instant::now();
        edited.edit(at, at, "x = 1\n");
        let d = linter.lint(&edited);
        lint_times.push(t.elapsed());
        std::hint::black_box(d);
    }
    println!(
        "\ndiagnostics after an edit (incremental reparse + lint, 200 edits): p50 {:.2} ms, p95 {:.2} ms",
        ms(percentile(&mut lint_times, 50)),
        ms(percentile(&mut lint_times, 95))
    );
    let mut e2e = Vec::new();
    for version in 2..22 {
        let t = Instant::now();
        lsp.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "#"}]}),
        );
        lsp.wait_notification("textDocument/publishDiagnostics", common::TIMEOUT, |p| {
            p["uri"] == uri && p["version"] == version
        });
        e2e.push(t.elapsed());
    }
    println!(
        "didChange to publishDiagnostics over stdio (with the {} ms debounce): p50 {:.1} ms, p95 {:.1} ms",
        120,
        ms(percentile(&mut e2e, 50)),
        ms(percentile(&mut e2e, 95))
    );
    let pid = lsp_pid(&mut lsp);
    println!("\nRSS with the 5,000-line file open: {:.1} MiB", rss_mib(pid));
    lsp.shutdown();

    // Cold start: process start to the first completion answered.
    let mut starts = Vec::new();
    let mut idle = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        let mut lsp = Lsp::start();
        lsp.open("file:///bench/small.py", "import bpy\nbpy.context.");
        let l = lsp.completion_labels("file:///bench/small.py", (1, 12));
        starts.push(t.elapsed());
        assert!(l.iter().any(|x| x == "scene"));
        idle.push(rss_mib(lsp_pid(&mut lsp)));
        lsp.shutdown();
    }
    idle.sort_by(|a, b| a.total_cmp(b));
    println!(
        "cold start to first completion: p50 {:.1} ms, p95 {:.1} ms (20 runs)",
        ms(percentile(&mut starts, 50)),
        ms(percentile(&mut starts, 95))
    );
    println!("idle RSS after the first completion: median {:.1} MiB", idle[idle.len() / 2]);
}

/// Our examples, concatenated until the file has LINES lines.
fn big_file(root: &Path) -> String {
    let sources = bpy_lsp::example_sources(root).expect("rag_data examples");
    let mut out = String::new();
    let mut count = 0;
    'fill: loop {
        for (_, src) in &sources {
            for line in src.lines() {
                out.push_str(line);
                out.push('\n');
                count += 1;
                if count >= LINES {
                    break 'fill;
                }
            }
        }
    }
    out
}

/// Offsets of each kind of completion in the document.
fn positions(db: &bpy_lsp::api::ApiDb, doc: &Document) -> Vec<(&'static str, Vec<usize>)> {
    let text = doc.text();
    let infer = analysis::infer::Infer::new(db, doc);
    let mut member = Vec::new();
    let mut keyword = Vec::new();
    let mut enums = Vec::new();
    let mut node_ids = Vec::new();
    let mut sockets = Vec::new();
    let mut imports = Vec::new();
    let tree = doc.tree().expect("parsed");
    let mut stack = vec![tree.root_node()];
    while let Some(node) = stack.pop() {
        match node.kind() {
            "attribute" => {
                if let Some(attr) = node.child_by_field_name("attribute") {
                    member.push(attr.start_byte());
                }
            }
            "keyword_argument" => keyword.push(node.start_byte()),
            "string" => {
                let content = node.start_byte() + 1;
                match slots::string_slot(&infer, node.start_byte()) {
                    slots::Slot::Enum(_) => enums.push(content),
                    slots::Slot::NodeType { .. } => node_ids.push(content),
                    slots::Slot::Socket { .. } => sockets.push(content),
                    _ => {}
                }
            }
            "import_statement" | "import_from_statement" => imports.push(node.end_byte()),
            _ => {}
        }
        let mut cursor = node.walk();
        stack.extend(node.children(&mut cursor));
    }
    let _ = text;
    vec![
        ("member", member),
        ("keyword arg", keyword),
        ("enum value", enums),
        ("node id", node_ids),
        ("socket name", sockets),
        ("import", imports),
    ]
}

fn lsp_position(doc: &Document, offset: usize) -> (u32, u32) {
    let (line, col) = doc.lines().line_col(offset);
    let start = offset - col;
    (line as u32, doc.text()[start..offset].encode_utf16().count() as u32)
}

fn percentile(v: &mut [Duration], p: usize) -> Duration {
    v.sort();
    v[((v.len() - 1) * p) / 100]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn lsp_pid(lsp: &mut Lsp) -> u32 {
    lsp.pid()
}

fn rss_mib(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let kib: f64 = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0);
    kib / 1024.0
}

/// A client that writes a request and reads frames until its reply, on one thread (the
/// test harness's client hands replies over from a reader thread, one more thread hop).
struct DirectClient {
    child: std::process::Child,
    stdin: std::process::ChildStdin,
    stdout: std::io::BufReader<std::process::ChildStdout>,
    next_id: i64,
}

impl DirectClient {
    fn start(uri: &str, text: &str) -> DirectClient {
        use std::process::{Command, Stdio};
        let mut child = Command::new(env!("CARGO_BIN_EXE_bpy-lsp"))
            .arg("serve")
            .env("BPY_LSP_RAG", "off")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn bpy-lsp");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = std::io::BufReader::new(child.stdout.take().expect("stdout"));
        let mut c = DirectClient { child, stdin, stdout, next_id: 1 };
        c.request("initialize", json!({"capabilities": {}}));
        c.send(&json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
        c.send(&json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument":
            {"uri": uri, "languageId": "python", "version": 1, "text": text}}}));
        c
    }

    fn send(&mut self, msg: &serde_json::Value) {
        use std::io::Write;
        // One write per message, as Neovim sends them (an unbuffered `write!` makes four).
        let body = msg.to_string();
        let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        self.stdin.write_all(frame.as_bytes()).expect("write");
    }

    fn request(&mut self, method: &str, params: serde_json::Value) -> serde_json::Value {
        use std::io::{BufRead, Read};
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let mut length = 0;
            loop {
                let mut line = String::new();
                assert!(self.stdout.read_line(&mut line).expect("read") > 0, "server closed");
                let line = line.trim_end();
                if line.is_empty() {
                    break;
                }
                if let Some(v) = line.strip_prefix("Content-Length: ") {
                    length = v.parse().expect("length");
                }
            }
            let mut body = vec![0; length];
            self.stdout.read_exact(&mut body).expect("body");
            let msg: serde_json::Value = serde_json::from_slice(&body).expect("json");
            if msg["id"] == id && msg.get("method").is_none() {
                return msg["result"].clone();
            }
        }
    }

    fn completion(&mut self, uri: &str, line: u32, character: u32) -> serde_json::Value {
        self.request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
        )
    }
}

impl Drop for DirectClient {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
