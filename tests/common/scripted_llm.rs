//! A scripted LLM endpoint for tests: a small HTTP/1.1 server on 127.0.0.1 that answers each
//! request with the next [`Script`] of its queue, speaking the OpenAI Chat Completions or the
//! Anthropic Messages wire format (JSON or SSE streams), and records every request it got.
//!
//! It is the one stand-in the tests allow (everything else is real): it is checked against
//! the official `openai` and `anthropic` Python SDKs by tests/llm_sdk_check.rs, so what it
//! sends is what those APIs send.
//!
//! ```ignore
//! mod common;
//! use common::scripted_llm::{Script, ScriptedLlm};
//!
//! let llm = ScriptedLlm::start(vec![
//!     Script::openai_error(500, "server_error", "boom"),        // first request
//!     Script::openai_stream("```python\nimport bpy\n```"),     // second request
//! ]);
//! // point the provider at llm.openai_base_url() ("http://127.0.0.1:PORT/v1")
//! // or llm.anthropic_base_url() ("http://127.0.0.1:PORT") ...
//! let reqs = llm.requests();                 // every request, in order
//! assert_eq!(reqs[1].path, "/v1/chat/completions");
//! assert!(reqs[1].text().contains("Traceback"));   // all text the model was sent
//! ```
//!
//! - Answers: [`Script::openai`], [`Script::openai_stream`], [`Script::anthropic`],
//!   [`Script::anthropic_stream`] build a whole answer from its text; [`Script::openai_error`],
//!   [`Script::anthropic_error`] the APIs' error bodies; [`Script::raw`] anything else (HTML,
//!   broken JSON); [`Script::sse`] a stream of raw events.
//! - Changes: `.status()`, `.header()`, `.usage()`, `.stop_reason()`, `.model()`, `.delay()`
//!   (before the status line), and for streams `.pause_after(n, d)`, `.stall_after(n)` (send
//!   nothing more until the client goes), `.end_after(n)` (end the body cleanly after n events:
//!   a truncated stream), `.drop_after(n)` (cut the connection mid-body), `.insert(n, event)`.
//!   Stream answers split their text into pieces of [`PIECE_CHARS`] characters.
//! - When the queue is empty the server answers 500 with a JSON error saying so (and records
//!   the request), so a test that makes too many calls sees it in its counts.
//! - The server runs on its own thread and runtime (usable from sync and async tests); it
//!   stops when the [`ScriptedLlm`] is dropped.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Characters of reply text per streamed delta.
pub const PIECE_CHARS: usize = 16;

/// The model name answers carry unless `.model()` says otherwise.
pub const DEFAULT_MODEL: &str = "scripted-model";

/// One request as the server received it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    /// The path and query, `/v1/chat/completions`.
    pub path: String,
    /// Header names lowercased, in the order sent.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// The body as JSON (`Value::Null` if it is not JSON).
    pub json: Value,
    /// When the request (head and body) had arrived.
    pub at: Instant,
    /// When the server saw the client close the connection while it was stalling or pausing
    /// (`None`: it did not, or the answer was sent in full).
    pub client_gone_at: Option<Instant>,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// Every text the request carried, in order, one per line: Anthropic's `system`, then
    /// each message's text content (string or `text` parts/blocks).
    pub fn text(&self) -> String {
        let mut out = Vec::new();
        if let Some(s) = self.json.get("system") {
            push_text(s, &mut out);
        }
        for m in self.json.get("messages").and_then(Value::as_array).into_iter().flatten() {
            if let Some(c) = m.get("content") {
                push_text(c, &mut out);
            }
        }
        out.join("\n")
    }

    /// The messages as (role, text) pairs, text parts joined with "\n".
    pub fn messages(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for m in self.json.get("messages").and_then(Value::as_array).into_iter().flatten() {
            let role = m.get("role").and_then(Value::as_str).unwrap_or("").to_string();
            let mut texts = Vec::new();
            if let Some(c) = m.get("content") {
                push_text(c, &mut texts);
            }
            out.push((role, texts.join("\n")));
        }
        out
    }

    /// The images the request carried, decoded: OpenAI `data:image/png;base64,` URLs and
    /// Anthropic base64 image blocks, in order.
    pub fn images(&self) -> Vec<Vec<u8>> {
        use base64::Engine;
        let b64 = base64::engine::general_purpose::STANDARD;
        let mut out = Vec::new();
        for m in self.json.get("messages").and_then(Value::as_array).into_iter().flatten() {
            for part in m.get("content").and_then(Value::as_array).into_iter().flatten() {
                let data = match part.get("type").and_then(Value::as_str) {
                    Some("image_url") => part
                        .pointer("/image_url/url")
                        .and_then(Value::as_str)
                        .and_then(|u| u.strip_prefix("data:image/png;base64,"))
                        .map(str::to_string),
                    Some("image") => part.pointer("/source/data").and_then(Value::as_str).map(str::to_string),
                    _ => None,
                };
                if let Some(d) = data {
                    out.push(b64.decode(d).expect("image data is base64"));
                }
            }
        }
        out
    }
}

fn push_text(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(parts) => {
            for p in parts {
                if let Some(t) = p.get("text").and_then(Value::as_str) {
                    out.push(t.to_string());
                }
            }
        }
        _ => {}
    }
}

/// A step of a streamed body.
#[derive(Debug, Clone)]
enum Step {
    /// One chunk on the wire (one SSE event).
    Send(Vec<u8>),
    Pause(Duration),
    /// Send nothing more; keep the connection open until the client closes it.
    Stall,
    /// Close the connection without ending the chunked body.
    Drop,
}

#[derive(Debug, Clone)]
enum Kind {
    OpenAi { text: String, stream: bool },
    Anthropic { text: String, stream: bool },
    Raw { content_type: String, body: Vec<u8> },
    Events(Vec<String>),
}

/// One scripted answer. See the module comment.
#[derive(Debug, Clone)]
pub struct Script {
    kind: Kind,
    status: u16,
    headers: Vec<(String, String)>,
    delay: Duration,
    model: String,
    usage: Option<(u64, u64)>,
    stop_reason: Option<String>,
    /// (after n events, step), applied in order.
    edits: Vec<(usize, Edit)>,
}

#[derive(Debug, Clone)]
enum Edit {
    Pause(Duration),
    Stall,
    End,
    Drop,
    Insert(String),
}

impl Script {
    fn new(kind: Kind) -> Script {
        Script {
            kind,
            status: 200,
            headers: Vec::new(),
            delay: Duration::ZERO,
            model: DEFAULT_MODEL.to_string(),
            usage: None,
            stop_reason: None,
            edits: Vec::new(),
        }
    }

    /// A Chat Completions JSON answer (`chat.completion`) whose message content is `text`.
    pub fn openai(text: &str) -> Script {
        Script::new(Kind::OpenAi { text: text.to_string(), stream: false })
    }

    /// A Chat Completions SSE stream: a role chunk, `text` in pieces, a chunk with
    /// `finish_reason`, a usage chunk with `choices: []`, `data: [DONE]`.
    pub fn openai_stream(text: &str) -> Script {
        Script::new(Kind::OpenAi { text: text.to_string(), stream: true })
    }

    /// A Messages JSON answer with one text block.
    pub fn anthropic(text: &str) -> Script {
        Script::new(Kind::Anthropic { text: text.to_string(), stream: false })
    }

    /// A Messages event stream: `message_start`, `ping`, `content_block_start`, `text` as
    /// `text_delta`s (another `ping` among them), `content_block_stop`, `message_delta`,
    /// `message_stop`.
    pub fn anthropic_stream(text: &str) -> Script {
        Script::new(Kind::Anthropic { text: text.to_string(), stream: true })
    }

    /// OpenAI's error body `{"error": {"message", "type", "code"}}` with this status
    /// (`kind` goes in both `type` and `code`).
    pub fn openai_error(status: u16, kind: &str, message: &str) -> Script {
        let body = json!({"error": {"message": message, "type": kind, "param": null, "code": kind}});
        Script::raw(status, "application/json", &body.to_string())
    }

    /// Anthropic's error body `{"type": "error", "error": {"type", "message"}}`.
    pub fn anthropic_error(status: u16, kind: &str, message: &str) -> Script {
        Script::raw(status, "application/json", &anthropic_error_json(kind, message).to_string())
    }

    /// Any body with this status and content type.
    pub fn raw(status: u16, content_type: &str, body: &str) -> Script {
        let mut s = Script::new(Kind::Raw { content_type: content_type.to_string(), body: body.as_bytes().to_vec() });
        s.status = status;
        s
    }

    /// A `text/event-stream` of these raw events, each sent as it is (end each with "\n\n").
    pub fn sse(events: Vec<String>) -> Script {
        Script::new(Kind::Events(events))
    }

    pub fn status(mut self, status: u16) -> Script {
        self.status = status;
        self
    }

    pub fn header(mut self, name: &str, value: &str) -> Script {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    /// Prompt and completion tokens the answer reports (default: 100 and the text's
    /// characters / 4).
    pub fn usage(mut self, prompt: u64, completion: u64) -> Script {
        self.usage = Some((prompt, completion));
        self
    }

    /// Default `stop` (OpenAI) / `end_turn` (Anthropic).
    pub fn stop_reason(mut self, reason: &str) -> Script {
        self.stop_reason = Some(reason.to_string());
        self
    }

    pub fn model(mut self, model: &str) -> Script {
        self.model = model.to_string();
        self
    }

    /// Wait this long before sending anything.
    pub fn delay(mut self, d: Duration) -> Script {
        self.delay = d;
        self
    }

    /// After the first `n` events, wait `d`.
    pub fn pause_after(mut self, n: usize, d: Duration) -> Script {
        self.edits.push((n, Edit::Pause(d)));
        self
    }

    /// After the first `n` events, send nothing more until the client closes the connection.
    pub fn stall_after(mut self, n: usize) -> Script {
        self.edits.push((n, Edit::Stall));
        self
    }

    /// Send only the first `n` events, then end the body cleanly (no `[DONE]` /
    /// `message_stop` if they came later).
    pub fn end_after(mut self, n: usize) -> Script {
        self.edits.push((n, Edit::End));
        self
    }

    /// Send only the first `n` events, then close the connection mid-body.
    pub fn drop_after(mut self, n: usize) -> Script {
        self.edits.push((n, Edit::Drop));
        self
    }

    /// Send `event` (raw SSE, ending in "\n\n") after the first `n` events.
    pub fn insert(mut self, n: usize, event: &str) -> Script {
        self.edits.push((n, Edit::Insert(event.to_string())));
        self
    }

    fn completion_tokens(&self, text: &str) -> u64 {
        (text.chars().count() as u64).div_ceil(4)
    }

    /// Status, headers and the body: `Ok` sent whole with Content-Length, `Err` as chunked steps.
    fn render(&self) -> (u16, Vec<(String, String)>, Result<Vec<u8>, Vec<Step>>) {
        let mut headers = Vec::new();
        let (content_type, body): (String, Result<Vec<u8>, Vec<String>>) = match &self.kind {
            Kind::OpenAi { text, stream: false } => ("application/json".into(), Ok(self.openai_json(text))),
            Kind::OpenAi { text, stream: true } => ("text/event-stream".into(), Err(self.openai_events(text))),
            Kind::Anthropic { text, stream: false } => ("application/json".into(), Ok(self.anthropic_json(text))),
            Kind::Anthropic { text, stream: true } => ("text/event-stream".into(), Err(self.anthropic_events(text))),
            Kind::Raw { content_type, body } => (content_type.clone(), Ok(body.clone())),
            Kind::Events(events) => ("text/event-stream".into(), Err(events.clone())),
        };
        if self.kind_is_anthropic() {
            headers.push(("request-id".to_string(), "req_scripted".to_string()));
        }
        headers.push(("content-type".to_string(), content_type));
        if matches!(body, Err(_)) {
            headers.push(("cache-control".to_string(), "no-cache".to_string()));
        }
        headers.extend(self.headers.iter().cloned());
        let body = match body {
            Ok(bytes) => Ok(bytes),
            Err(events) => Err(self.apply_edits(events)),
        };
        (self.status, headers, body)
    }

    fn kind_is_anthropic(&self) -> bool {
        matches!(self.kind, Kind::Anthropic { .. })
    }

    fn apply_edits(&self, events: Vec<String>) -> Vec<Step> {
        let mut steps = Vec::new();
        let mut sent = 0;
        let edits_at = |n: usize| self.edits.iter().filter(move |(at, _)| *at == n).map(|(_, e)| e);
        let mut i = 0;
        loop {
            for e in edits_at(sent) {
                match e {
                    Edit::Pause(d) => steps.push(Step::Pause(*d)),
                    Edit::Stall => {
                        steps.push(Step::Stall);
                        return steps;
                    }
                    Edit::End => return steps,
                    Edit::Drop => {
                        steps.push(Step::Drop);
                        return steps;
                    }
                    Edit::Insert(ev) => steps.push(Step::Send(ev.as_bytes().to_vec())),
                }
            }
            let Some(ev) = events.get(i) else { return steps };
            steps.push(Step::Send(ev.as_bytes().to_vec()));
            sent += 1;
            i += 1;
        }
    }

    fn openai_json(&self, text: &str) -> Vec<u8> {
        let (p, c) = self.usage.unwrap_or((100, self.completion_tokens(text)));
        json!({
            "id": "chatcmpl-scripted",
            "object": "chat.completion",
            "created": 1_700_000_000,
            "model": self.model,
            "choices": [{
                "index": 0,
                "message": {"role": "assistant", "content": text, "refusal": null},
                "logprobs": null,
                "finish_reason": self.stop_reason.as_deref().unwrap_or("stop"),
            }],
            "usage": {"prompt_tokens": p, "completion_tokens": c, "total_tokens": p + c},
            "system_fingerprint": null,
        })
        .to_string()
        .into_bytes()
    }

    fn openai_events(&self, text: &str) -> Vec<String> {
        let (p, c) = self.usage.unwrap_or((100, self.completion_tokens(text)));
        let chunk = |choices: Value, usage: Value| {
            let v = json!({
                "id": "chatcmpl-scripted",
                "object": "chat.completion.chunk",
                "created": 1_700_000_000,
                "model": self.model,
                "system_fingerprint": null,
                "choices": choices,
                "usage": usage,
            });
            format!("data: {v}\n\n")
        };
        let mut out = vec![chunk(
            json!([{"index": 0, "delta": {"role": "assistant", "content": ""}, "logprobs": null, "finish_reason": null}]),
            Value::Null,
        )];
        for piece in pieces(text) {
            out.push(chunk(
                json!([{"index": 0, "delta": {"content": piece}, "logprobs": null, "finish_reason": null}]),
                Value::Null,
            ));
        }
        out.push(chunk(
            json!([{"index": 0, "delta": {}, "logprobs": null, "finish_reason": self.stop_reason.as_deref().unwrap_or("stop")}]),
            Value::Null,
        ));
        out.push(chunk(json!([]), json!({"prompt_tokens": p, "completion_tokens": c, "total_tokens": p + c})));
        out.push("data: [DONE]\n\n".to_string());
        out
    }

    fn anthropic_json(&self, text: &str) -> Vec<u8> {
        let (p, c) = self.usage.unwrap_or((100, self.completion_tokens(text)));
        json!({
            "id": "msg_scripted",
            "type": "message",
            "role": "assistant",
            "model": self.model,
            "content": [{"type": "text", "text": text}],
            "stop_reason": self.stop_reason.as_deref().unwrap_or("end_turn"),
            "stop_sequence": null,
            "usage": {"input_tokens": p, "output_tokens": c},
        })
        .to_string()
        .into_bytes()
    }

    fn anthropic_events(&self, text: &str) -> Vec<String> {
        let (p, c) = self.usage.unwrap_or((100, self.completion_tokens(text)));
        let ev = |name: &str, data: Value| format!("event: {name}\ndata: {data}\n\n");
        let mut out = vec![
            ev(
                "message_start",
                json!({"type": "message_start", "message": {
                    "id": "msg_scripted", "type": "message", "role": "assistant", "model": self.model,
                    "content": [], "stop_reason": null, "stop_sequence": null,
                    "usage": {"input_tokens": p, "output_tokens": 1},
                }}),
            ),
            ev("ping", json!({"type": "ping"})),
            ev(
                "content_block_start",
                json!({"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}}),
            ),
        ];
        for (i, piece) in pieces(text).into_iter().enumerate() {
            out.push(ev(
                "content_block_delta",
                json!({"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": piece}}),
            ));
            if i == 1 {
                // A ping may come at any point.
                out.push(ev("ping", json!({"type": "ping"})));
            }
        }
        out.push(ev("content_block_stop", json!({"type": "content_block_stop", "index": 0})));
        out.push(ev(
            "message_delta",
            json!({"type": "message_delta",
                   "delta": {"stop_reason": self.stop_reason.as_deref().unwrap_or("end_turn"), "stop_sequence": null},
                   "usage": {"output_tokens": c}}),
        ));
        out.push(ev("message_stop", json!({"type": "message_stop"})));
        out
    }
}

/// Anthropic's error object, as a body or in an `error` event.
pub fn anthropic_error_json(kind: &str, message: &str) -> Value {
    json!({"type": "error", "error": {"type": kind, "message": message}})
}

/// An Anthropic `error` event, for [`Script::insert`].
pub fn anthropic_error_event(kind: &str, message: &str) -> String {
    format!("event: error\ndata: {}\n\n", anthropic_error_json(kind, message))
}

/// `text` in pieces of [`PIECE_CHARS`] characters (at least one piece, possibly empty).
pub fn pieces(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    if chars.is_empty() {
        return vec![String::new()];
    }
    chars.chunks(PIECE_CHARS).map(|c| c.iter().collect()).collect()
}

struct State {
    queue: VecDeque<Script>,
    requests: Vec<Recorded>,
}

/// The running server. Dropping it stops it.
pub struct ScriptedLlm {
    pub port: u16,
    state: Arc<Mutex<State>>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl ScriptedLlm {
    /// Start on 127.0.0.1 with an ephemeral port; `scripts` answer the requests in order.
    pub fn start(scripts: Vec<Script>) -> ScriptedLlm {
        let state = Arc::new(Mutex::new(State { queue: scripts.into(), requests: Vec::new() }));
        let std_listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        std_listener.set_nonblocking(true).expect("nonblocking listener");
        let port = std_listener.local_addr().expect("local addr").port();
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let st = state.clone();
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("test runtime");
            rt.block_on(async move {
                let listener = TcpListener::from_std(std_listener).expect("tokio listener");
                let accept = async {
                    loop {
                        let Ok((sock, _)) = listener.accept().await else { continue };
                        let st = st.clone();
                        tokio::spawn(async move {
                            let _ = serve(sock, st).await;
                        });
                    }
                };
                tokio::select! {
                    _ = stop_rx => {}
                    _ = accept => {}
                }
            });
            // Dropping the runtime ends the connection tasks, stalled ones too.
        });
        ScriptedLlm { port, state, stop: Some(stop_tx), thread: Some(thread) }
    }

    /// `http://127.0.0.1:PORT/v1`, the base URL of an OpenAI-compatible endpoint.
    pub fn openai_base_url(&self) -> String {
        format!("http://127.0.0.1:{}/v1", self.port)
    }

    /// `http://127.0.0.1:PORT`, the base URL of an Anthropic endpoint.
    pub fn anthropic_base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Add answers to the end of the queue.
    pub fn push(&self, script: Script) {
        self.state.lock().unwrap().queue.push_back(script);
    }

    /// Every request so far, in the order they arrived.
    pub fn requests(&self) -> Vec<Recorded> {
        self.state.lock().unwrap().requests.clone()
    }

    pub fn request_count(&self) -> usize {
        self.state.lock().unwrap().requests.len()
    }

    /// Answers not yet given.
    pub fn remaining(&self) -> usize {
        self.state.lock().unwrap().queue.len()
    }
}

impl Drop for ScriptedLlm {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Read one request, answer it with the next script, close.
async fn serve(mut sock: TcpStream, state: Arc<Mutex<State>>) -> std::io::Result<()> {
    let mut buf = Vec::new();
    let head_end = loop {
        let mut chunk = [0u8; 8192];
        let n = sock.read(&mut chunk).await?;
        if n == 0 {
            return Ok(());
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(p) = find(&buf, b"\r\n\r\n") {
            break p;
        }
        if buf.len() > 1 << 20 {
            return Ok(());
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap_or("");
    let mut parts = request_line.split(' ');
    let method = parts.next().unwrap_or("").to_string();
    let path = parts.next().unwrap_or("").to_string();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let length: usize =
        headers.iter().find(|(k, _)| k == "content-length").and_then(|(_, v)| v.parse().ok()).unwrap_or(0);
    let mut body = buf[head_end + 4..].to_vec();
    while body.len() < length {
        let mut chunk = vec![0u8; 65536];
        let n = sock.read(&mut chunk).await?;
        if n == 0 {
            return Ok(());
        }
        body.extend_from_slice(&chunk[..n]);
    }
    body.truncate(length);
    let json = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let (index, script) = {
        let mut st = state.lock().unwrap();
        st.requests.push(Recorded {
            method,
            path,
            headers,
            body,
            json,
            at: Instant::now(),
            client_gone_at: None,
        });
        (st.requests.len() - 1, st.queue.pop_front())
    };
    let script = script.unwrap_or_else(|| {
        Script::openai_error(500, "scripted_server_empty", "the scripted server has no answer left for this request")
    });
    if !script.delay.is_zero() && wait_or_gone(&mut sock, script.delay).await {
        state.lock().unwrap().requests[index].client_gone_at = Some(Instant::now());
        return Ok(());
    }
    let (status, headers, body) = script.render();
    let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    for (k, v) in &headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("connection: close\r\n");
    match body {
        Ok(bytes) => {
            head.push_str(&format!("content-length: {}\r\n\r\n", bytes.len()));
            sock.write_all(head.as_bytes()).await?;
            sock.write_all(&bytes).await?;
        }
        Err(steps) => {
            head.push_str("transfer-encoding: chunked\r\n\r\n");
            sock.write_all(head.as_bytes()).await?;
            sock.flush().await?;
            for step in steps {
                match step {
                    Step::Send(bytes) => {
                        sock.write_all(format!("{:x}\r\n", bytes.len()).as_bytes()).await?;
                        sock.write_all(&bytes).await?;
                        sock.write_all(b"\r\n").await?;
                        sock.flush().await?;
                    }
                    Step::Pause(d) => {
                        if wait_or_gone(&mut sock, d).await {
                            state.lock().unwrap().requests[index].client_gone_at = Some(Instant::now());
                            return Ok(());
                        }
                    }
                    Step::Stall => {
                        // Until the client goes (or the server is dropped).
                        wait_or_gone(&mut sock, Duration::from_secs(3600)).await;
                        state.lock().unwrap().requests[index].client_gone_at = Some(Instant::now());
                        return Ok(());
                    }
                    Step::Drop => {
                        // Close with the chunked body unfinished.
                        return Ok(());
                    }
                }
            }
            sock.write_all(b"0\r\n\r\n").await?;
        }
    }
    sock.flush().await?;
    let _ = sock.shutdown().await;
    Ok(())
}

/// Wait `d`, or less if the client closes the connection; true if it did.
async fn wait_or_gone(sock: &mut TcpStream, d: Duration) -> bool {
    let mut byte = [0u8; 1];
    let deadline = tokio::time::sleep(d);
    tokio::pin!(deadline);
    loop {
        tokio::select! {
            _ = &mut deadline => return false,
            r = sock.read(&mut byte) => match r {
                Ok(0) | Err(_) => return true,
                Ok(_) => continue,
            },
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        529 => "Overloaded",
        _ => "Status",
    }
}
