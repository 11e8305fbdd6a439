//! Framing between the client and tower-lsp-server.
//!
//! tower-lsp-server stops reading after the first message it cannot decode (its framed
//! reader ends on an error), so one malformed message would end the session. Messages are
//! therefore framed and checked here first: well-formed ones go on to the server, others
//! are answered with a JSON-RPC error and the session goes on. All output goes through
//! one writer so that replies never interleave.
//!
//! The reader resynchronises after anything: text that is not a header is skipped to the
//! next `Content-Length`; a length that is not a number, or larger than the limit, is
//! answered and skipped; a length that is off by a few bytes (a client that counts
//! characters instead of bytes) is corrected by where the JSON body really ends. A body
//! that stops arriving is waited for a bounded time only, so that a client that waits for
//! an answer and a server that waits for the rest of a body never wait on each other.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{Request, Response};

/// Larger messages are skipped with an error (a didOpen of a 200 MB file).
pub const MAX_MESSAGE_BYTES: usize = 128 * 1024 * 1024;
/// A header block longer than this is not one.
const MAX_HEADER_BYTES: usize = 8 * 1024;
const CONTENT_LENGTH: &[u8] = b"content-length";

#[derive(Debug, PartialEq)]
pub enum Frame {
    Body(Vec<u8>),
    /// A framing problem that the reader recovered from: what went wrong, and the id of
    /// the message it hit when the message showed one.
    Problem {
        message: String,
        id: Option<Value>,
    },
    Eof,
}

impl Frame {
    fn problem(message: impl Into<String>, id: Option<Value>) -> Frame {
        Frame::Problem { message: message.into(), id }
    }
}

/// How long the reader waits for a body that has stopped arriving.
#[derive(Debug, Clone, Copy)]
pub struct Patience {
    /// After this long without a byte, what has arrived is looked at: a complete JSON
    /// message is taken (its length said too much).
    pub stall: Duration,
    /// After this long without a byte, an incomplete body is given up.
    pub give_up: Duration,
}

impl Default for Patience {
    fn default() -> Patience {
        Patience { stall: Duration::from_millis(100), give_up: Duration::from_secs(10) }
    }
}

enum Fill {
    Data,
    Eof,
    Idle,
}

/// Reads `Content-Length` framed messages from a byte stream, recovering from bad framing.
pub struct FrameReader<R> {
    inner: R,
    buf: Vec<u8>,
    /// Start of the bytes not consumed yet.
    pos: usize,
    eof: bool,
    patience: Patience,
    /// Bytes of an oversized body still to be skipped.
    skip: u64,
}

impl<R: AsyncRead + Unpin> FrameReader<R> {
    pub fn new(inner: R) -> FrameReader<R> {
        FrameReader::with_patience(inner, Patience::default())
    }

    pub fn with_patience(inner: R, patience: Patience) -> FrameReader<R> {
        FrameReader { inner, buf: Vec::new(), pos: 0, eof: false, patience, skip: 0 }
    }

    fn data(&self) -> &[u8] {
        self.buf.get(self.pos..).unwrap_or(&[])
    }

    fn consume(&mut self, n: usize) {
        self.pos = (self.pos + n).min(self.buf.len());
    }

    /// Read more bytes, waiting at most `wait` (forever with None).
    async fn fill(&mut self, wait: Option<Duration>) -> std::io::Result<Fill> {
        if self.eof {
            return Ok(Fill::Eof);
        }
        if self.pos > 0 && self.pos >= self.buf.len() / 2 {
            self.buf.drain(..self.pos);
            self.pos = 0;
        }
        self.buf.reserve(64 * 1024);
        let read = self.inner.read_buf(&mut self.buf);
        let n = match wait {
            None => read.await?,
            Some(d) => match tokio::time::timeout(d, read).await {
                Ok(r) => r?,
                Err(_) => return Ok(Fill::Idle),
            },
        };
        if n == 0 {
            self.eof = true;
            return Ok(Fill::Eof);
        }
        Ok(Fill::Data)
    }

    /// The next message, or the next problem the reader recovered from.
    pub async fn next_frame(&mut self) -> std::io::Result<Frame> {
        self.skip_oversized().await?;
        // Skip to the next `Content-Length`, keeping the last bytes (it may be cut in two).
        let skipped_text;
        let mut skipped = 0usize;
        loop {
            if let Some(at) = find_ignore_case(self.data(), CONTENT_LENGTH) {
                // Other headers may come before `Content-Length` (`Content-Type`).
                let before = &self.data()[..at];
                let garbage = &before[..before.len() - headers_before(before)];
                skipped += garbage.iter().filter(|b| !b.is_ascii_whitespace()).count();
                skipped_text = skipped > 0;
                self.consume(at);
                break;
            }
            let keep = CONTENT_LENGTH.len() - 1;
            let drop = self.data().len().saturating_sub(keep);
            skipped += self.data()[..drop].iter().filter(|b| !b.is_ascii_whitespace()).count();
            self.consume(drop);
            if let Fill::Eof = self.fill(None).await? {
                return Ok(if skipped > 0 {
                    self.consume(usize::MAX);
                    Frame::problem(
                        format!("skipped {skipped} bytes that are not a message before the end of input"),
                        None,
                    )
                } else {
                    Frame::Eof
                });
            }
        }
        if skipped_text {
            // Reported on its own, then the header that follows is read.
            return Ok(Frame::problem(format!("skipped {skipped} bytes that are not a message"), None));
        }
        let (header_len, length) = loop {
            match header_block(self.data()) {
                Some(found) => break found,
                None if self.data().len() > MAX_HEADER_BYTES => {
                    self.consume(CONTENT_LENGTH.len());
                    return Ok(Frame::problem("a header longer than 8 KiB was skipped", None));
                }
                None => {
                    if let Fill::Eof = self.fill(None).await? {
                        self.consume(usize::MAX);
                        return Ok(Frame::problem("input ended inside a header", None));
                    }
                }
            }
        };
        self.consume(header_len);
        match length {
            Err(bad) => {
                // The body that follows has no known length: it ends where the next message
                // starts. Its id, if it shows one, lets the error reach the right request.
                let body = self.delimited_body().await?;
                Ok(Frame::problem(format!("invalid Content-Length: {bad}"), sniff_id(&body)))
            }
            Ok(n) if n > MAX_MESSAGE_BYTES as u64 => {
                self.skip = n;
                let id = sniff_id(&self.data()[..self.data().len().min(64 * 1024)]);
                Ok(Frame::problem(
                    format!(
                        "message of {n} bytes is larger than the limit of {MAX_MESSAGE_BYTES} bytes; it was ignored"
                    ),
                    id,
                ))
            }
            Ok(n) => self.body(n as usize).await,
        }
    }

    /// Skip what is left of an oversized body: until its length is reached, or it stops
    /// arriving, or when it never started (a length of 2^64 - 1 and then the next message).
    async fn skip_oversized(&mut self) -> std::io::Result<()> {
        if self.skip > 0 {
            loop {
                let data = self.data().trim_ascii_start();
                if data.first().is_some_and(|b| !b"Cc".contains(b)) {
                    break; // a body
                }
                let n = data.len().min(CONTENT_LENGTH.len());
                if !data[..n].eq_ignore_ascii_case(&CONTENT_LENGTH[..n]) {
                    break; // garbage: skipped as the body
                }
                if n == CONTENT_LENGTH.len() {
                    self.skip = 0; // no body came: the next message
                    return Ok(());
                }
                if !matches!(self.fill(Some(self.patience.stall)).await?, Fill::Data) {
                    self.skip = 0;
                    return Ok(());
                }
            }
        }
        while self.skip > 0 {
            let n = (self.data().len() as u64).min(self.skip);
            self.consume(n as usize);
            self.skip -= n;
            if self.skip == 0 {
                break;
            }
            match self.fill(Some(self.patience.stall)).await? {
                Fill::Data => {}
                Fill::Eof | Fill::Idle => self.skip = 0,
            }
        }
        Ok(())
    }

    /// A body of `n` bytes, as its header says; corrected when the JSON ends elsewhere.
    async fn body(&mut self, n: usize) -> std::io::Result<Frame> {
        let mut idle = Duration::ZERO;
        while self.data().len() < n {
            match self.fill(Some(self.patience.stall)).await? {
                Fill::Data => idle = Duration::ZERO,
                Fill::Eof => {
                    if let Some(end) = complete_json_prefix(self.data()) {
                        let body = self.data()[..end].to_vec();
                        self.consume(end);
                        return Ok(Frame::Body(body));
                    }
                    let got = self.data().len();
                    self.consume(got);
                    return Ok(Frame::problem(format!("input ended after {got} of {n} bytes of a message"), None));
                }
                Fill::Idle => {
                    // Less came than the header said: the next message instead of the body,
                    // or a complete message (taken as it is).
                    let data = self.data().trim_ascii_start();
                    if data.len() >= CONTENT_LENGTH.len()
                        && data[..CONTENT_LENGTH.len()].eq_ignore_ascii_case(CONTENT_LENGTH)
                    {
                        return Ok(Frame::problem(format!("no body came for a Content-Length of {n}"), None));
                    }
                    let end =
                        complete_json_prefix(self.data()).or_else(|| complete_json_prefix_then_header(self.data()));
                    if let Some(end) = end {
                        let body = self.data()[..end].to_vec();
                        self.consume(end);
                        eprintln!(
                            "bpy-lsp: Content-Length {n} is longer than its message ({end} bytes); read as {end}"
                        );
                        return Ok(Frame::Body(body));
                    }
                    idle += self.patience.stall;
                    if idle >= self.patience.give_up {
                        let got = self.data().len();
                        let id = sniff_id(self.data());
                        self.consume(got);
                        return Ok(Frame::problem(
                            format!(
                                "incomplete message: {got} of {n} bytes came, then nothing for {} s",
                                idle.as_secs()
                            ),
                            id,
                        ));
                    }
                }
            }
        }
        let body = &self.data()[..n];
        match serde_json::from_slice::<serde::de::IgnoredAny>(body) {
            Ok(_) => {
                let body = body.to_vec();
                self.consume(n);
                return Ok(Frame::Body(body));
            }
            Err(e) if e.is_eof() => {
                // Too short (characters counted instead of bytes): the body goes on to the
                // next header.
                let found = self.delimited_body_from(n).await?;
                if let Some(end) = complete_json_prefix(&found).filter(|_| !found.is_empty()) {
                    let body = found[..end].to_vec();
                    self.consume(end);
                    eprintln!("bpy-lsp: Content-Length {n} is shorter than its message ({end} bytes); read as {end}");
                    return Ok(Frame::Body(body));
                }
            }
            Err(_) => {
                // Too long: the JSON ends early, and the start of the next header follows.
                if let Some(end) = complete_json_prefix_then_header(body) {
                    let body = body[..end].to_vec();
                    self.consume(end);
                    eprintln!("bpy-lsp: Content-Length {n} is longer than its message ({end} bytes); read as {end}");
                    return Ok(Frame::Body(body));
                }
            }
        }
        let id = sniff_id(&self.data()[..n]);
        let message = match serde_json::from_slice::<serde::de::IgnoredAny>(&self.data()[..n]) {
            Err(e) => format!("Parse error: {e}"),
            Ok(_) => "Parse error".to_string(),
        };
        self.consume(n);
        Ok(Frame::problem(message, id))
    }

    /// The bytes from here up to the next `Content-Length` header, the end of input, or a
    /// pause in the input after something that parses; consumed.
    async fn delimited_body(&mut self) -> std::io::Result<Vec<u8>> {
        let found = self.delimited_body_from(0).await?;
        self.consume(found.len());
        Ok(found)
    }

    /// The bytes from here up to the next `Content-Length` header after `min` bytes (or the
    /// end of input, or a pause), not consumed.
    async fn delimited_body_from(&mut self, min: usize) -> std::io::Result<Vec<u8>> {
        let mut idle = Duration::ZERO;
        // Where the search for the header goes on from (it may be cut in two).
        let mut from = min;
        loop {
            let data = self.data();
            if let Some(at) = data.get(from..).and_then(|d| find_ignore_case(d, CONTENT_LENGTH)) {
                return Ok(data[..from + at].to_vec());
            }
            from = data.len().saturating_sub(CONTENT_LENGTH.len() - 1).max(min);
            if data.len() > MAX_MESSAGE_BYTES {
                return Ok(data.to_vec());
            }
            match self.fill(Some(self.patience.stall)).await? {
                Fill::Data => idle = Duration::ZERO,
                Fill::Eof => return Ok(self.data().to_vec()),
                Fill::Idle => {
                    idle += self.patience.stall;
                    if complete_json_prefix(self.data()).is_some() || idle >= self.patience.give_up {
                        return Ok(self.data().to_vec());
                    }
                }
            }
        }
    }
}

/// The length of the header lines (`Name: value`) that end `before`, the text in front of a
/// `Content-Length` header.
fn headers_before(before: &[u8]) -> usize {
    // `end` is the start of the header lines found so far.
    let mut end = before.len();
    while end > 0 && before[end - 1] == b'\n' {
        let start = before[..end - 1].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let line = &before[start..end - 1];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let header = line
            .iter()
            .position(|&b| b == b':')
            .is_some_and(|c| c > 0 && line[..c].iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-'));
        if !header {
            break;
        }
        end = start;
    }
    before.len() - end
}

/// The first index of `needle` in `hay`, ASCII case ignored.
fn find_ignore_case(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    (0..=hay.len() - needle.len()).find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// A header block at the start of `data` (which starts with `Content-Length`): its length
/// including the blank line, and the length it gives (or the text that is not a length).
/// None while it is incomplete. A body that follows a header without the blank line ends
/// the block too.
fn header_block(data: &[u8]) -> Option<(usize, Result<u64, String>)> {
    let mut length: Option<Result<u64, String>> = None;
    let mut at = 0;
    loop {
        let rest = data.get(at..)?;
        if at > 0 && matches!(rest.first(), Some(b'{' | b'[')) {
            return Some((at, length.unwrap_or_else(|| Err(String::new()))));
        }
        let end = rest.iter().position(|&b| b == b'\n')?;
        let line = &rest[..end];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        at += end + 1;
        if line.is_empty() {
            if at == end + 1 {
                continue; // a blank line before the header (the remains of a message)
            }
            return Some((at, length.unwrap_or_else(|| Err(String::new()))));
        }
        let text = String::from_utf8_lossy(line);
        if let Some((name, value)) = text.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            let value = value.trim();
            let shown: String = value.chars().take(40).collect();
            length = Some(value.parse::<u64>().map_err(|_| shown));
        }
    }
}

/// The length of the JSON value at the start of `data` when nothing but whitespace follows it.
fn complete_json_prefix(data: &[u8]) -> Option<usize> {
    let mut values = serde_json::Deserializer::from_slice(data).into_iter::<serde::de::IgnoredAny>();
    values.next()?.ok()?;
    let end = values.byte_offset();
    data[end..].iter().all(u8::is_ascii_whitespace).then_some(end)
}

/// The length of the JSON value at the start of `data` when what follows it is the start of
/// a header (a length that counted a few bytes of the next message).
fn complete_json_prefix_then_header(data: &[u8]) -> Option<usize> {
    let mut values = serde_json::Deserializer::from_slice(data).into_iter::<serde::de::IgnoredAny>();
    values.next()?.ok()?;
    let end = values.byte_offset();
    let rest = data[end..].trim_ascii_start();
    let header = |name: &[u8]| {
        let n = rest.len().min(name.len());
        rest[..n].eq_ignore_ascii_case(&name[..n])
    };
    (header(b"content-length") || header(b"content-type")).then_some(end)
}

/// The top-level `"id"` of a JSON-RPC message that may be broken or cut short: a number or a
/// string found at depth one (never an `"id"` inside the params).
pub fn sniff_id(data: &[u8]) -> Option<Value> {
    if let Ok(v) = serde_json::from_slice::<Value>(data) {
        return v.get("id").filter(|i| i.is_number() || i.is_string()).cloned();
    }
    let mut depth = 0usize;
    let mut i = 0;
    while i < data.len() {
        match data[i] {
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.saturating_sub(1),
            b'"' => {
                let end = string_end(data, i)?;
                if depth == 1 && &data[i..end] == b"\"id\"" {
                    let rest = data[end..].trim_ascii_start().strip_prefix(b":")?.trim_ascii_start();
                    let mut values = serde_json::Deserializer::from_slice(rest).into_iter::<Value>();
                    return values.next()?.ok().filter(|v| v.is_number() || v.is_string());
                }
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The index just past the JSON string that opens at `open`.
fn string_end(data: &[u8], open: usize) -> Option<usize> {
    let mut i = open + 1;
    while i < data.len() {
        match data[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// Read one framed message from trusted output (tower-lsp-server's replies).
pub async fn read_frame<R: AsyncRead + Unpin>(reader: &mut FrameReader<R>) -> std::io::Result<Frame> {
    reader.next_frame().await
}

/// The error reply for a body tower-lsp-server would choke on, or None when it is fine.
pub fn check_body(body: &[u8]) -> Option<Value> {
    if serde_json::from_slice::<Request>(body).is_ok() || serde_json::from_slice::<Response>(body).is_ok() {
        return None;
    }
    let (code, message, id) = match serde_json::from_slice::<Value>(body) {
        Ok(v) => (-32600, "Invalid request: not a JSON-RPC 2.0 message".to_string(), v.get("id").cloned()),
        Err(e) => (-32700, format!("Parse error: {e}"), None),
    };
    let id = id.filter(|i| i.is_number() || i.is_string()).unwrap_or(Value::Null);
    Some(error_reply(code, &message, id))
}

fn error_reply(code: i64, message: &str, id: Value) -> Value {
    json!({"jsonrpc": "2.0", "error": {"code": code, "message": message}, "id": id})
}

/// What the framer does with a well-formed message before tower-lsp-server sees it.
#[derive(Debug, PartialEq)]
enum Route {
    Forward,
    /// Answered here: a `$/` request tower-lsp-server would leave unanswered.
    Answer(Value),
}

/// The protocol's `$/` methods are optional: a server that does not know one ignores it
/// when it is a notification, and answers MethodNotFound when it is a request (the spec;
/// tower-lsp-server drops both).
fn route(body: &[u8], seen: &Seen) -> Route {
    #[derive(serde::Deserialize)]
    struct Head {
        method: Option<String>,
        id: Option<Value>,
    }
    let Ok(head) = serde_json::from_slice::<Head>(body) else { return Route::Forward };
    let Some(method) = head.method else { return Route::Forward };
    match (method.as_str(), head.id) {
        ("shutdown", Some(_)) => seen.shutdown.store(true, Ordering::SeqCst),
        ("exit", None) => seen.exit.store(true, Ordering::SeqCst),
        (m, Some(id)) if m.starts_with("$/") => {
            return Route::Answer(error_reply(-32601, &format!("Method not found: {m}"), id));
        }
        _ => {}
    }
    Route::Forward
}

#[derive(Default)]
struct Seen {
    shutdown: AtomicBool,
    exit: AtomicBool,
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// How the session ended, for the exit status: the spec asks for 0 when `shutdown` came
/// before `exit` (or the end of input), else 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// `shutdown` was requested before the end.
    Clean,
    /// `exit` or the end of input without `shutdown`.
    Abrupt,
}

/// Run `serve_on(input, output)` (tower-lsp-server's loop) behind the checking framer.
pub async fn serve<I, O, F, Fut>(input: I, mut output: O, serve_on: F) -> Ending
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
    F: FnOnce(tokio::io::DuplexStream, tokio::io::DuplexStream) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let (mut to_server, server_in) = tokio::io::duplex(1 << 20);
    let (server_out, from_server) = tokio::io::duplex(1 << 20);
    let (out_tx, mut out_rx) = mpsc::unbounded_channel::<Vec<u8>>();
    let seen = Arc::new(Seen::default());

    let errors = out_tx.clone();
    let seen_by_reader = seen.clone();
    let reader = tokio::spawn(async move {
        let mut input = FrameReader::new(input);
        loop {
            match input.next_frame().await {
                Ok(Frame::Body(body)) => match check_body(&body) {
                    None => match route(&body, &seen_by_reader) {
                        Route::Forward => {
                            if to_server.write_all(&frame(&body)).await.is_err() {
                                return;
                            }
                        }
                        Route::Answer(reply) => {
                            let _ = errors.send(serde_json::to_vec(&reply).unwrap_or_default());
                        }
                    },
                    Some(reply) => {
                        eprintln!("bpy-lsp: dropped a malformed message: {}", reply["error"]["message"]);
                        let _ = errors.send(serde_json::to_vec(&reply).unwrap_or_default());
                    }
                },
                Ok(Frame::Problem { message, id }) => {
                    eprintln!("bpy-lsp: {message}");
                    let reply = error_reply(-32700, &message, id.unwrap_or(Value::Null));
                    let _ = errors.send(serde_json::to_vec(&reply).unwrap_or_default());
                }
                Ok(Frame::Eof) | Err(_) => return, // dropping `to_server` ends the server loop
            }
        }
    });

    let pump = tokio::spawn(async move {
        let mut from_server = FrameReader::new(from_server);
        while let Ok(Frame::Body(body)) = from_server.next_frame().await {
            if out_tx.send(body).is_err() {
                return;
            }
        }
    });

    let writer = tokio::spawn(async move {
        while let Some(body) = out_rx.recv().await {
            if output.write_all(&frame(&body)).await.is_err() || output.flush().await.is_err() {
                return;
            }
        }
    });

    serve_on(server_in, server_out).await;
    reader.abort();
    // Let the last replies (the answer to `shutdown`) reach the client.
    let _ = pump.await;
    let _ = writer.await;
    if seen.shutdown.load(Ordering::SeqCst) { Ending::Clean } else { Ending::Abrupt }
}

/// Stdout without the line buffering of `std::io::stdout()` (which writes a frame's header
/// and body apart: two wake-ups of the client).
#[cfg(unix)]
pub fn stdout_file() -> std::io::Result<std::fs::File> {
    use std::os::fd::AsFd;
    Ok(std::fs::File::from(std::io::stdout().as_fd().try_clone_to_owned()?))
}

#[cfg(not(unix))]
pub fn stdout_file() -> std::io::Result<std::fs::File> {
    Err(std::io::ErrorKind::Unsupported.into())
}

/// Stdout written in place, on the protocol thread. tokio's stdout hands every write to a
/// thread of its blocking pool and back: two thread wake-ups per reply, which cost more
/// than the reply itself. A pipe to the editor has room for a reply (64 KiB) unless the
/// editor stops reading, and then waiting is all a server can do anyway.
pub struct InPlaceWriter<W>(pub W);

impl<W: std::io::Write + Unpin> AsyncWrite for InPlaceWriter<W> {
    fn poll_write(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
        buf: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        std::task::Poll::Ready(self.get_mut().0.write(buf))
    }

    fn poll_flush(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::task::Poll::Ready(self.get_mut().0.flush())
    }

    fn poll_shutdown(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        self.poll_flush(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fast() -> Patience {
        Patience { stall: Duration::from_millis(20), give_up: Duration::from_millis(200) }
    }

    async fn frames(input: &[u8]) -> Vec<Frame> {
        let mut r = FrameReader::with_patience(input, fast());
        let mut out = Vec::new();
        loop {
            let f = r.next_frame().await.unwrap();
            if f == Frame::Eof {
                return out;
            }
            out.push(f);
        }
    }

    fn body(s: &str) -> Frame {
        Frame::Body(s.as_bytes().to_vec())
    }

    #[tokio::test]
    async fn frames_are_read_and_garbage_is_skipped() {
        let input = b"Content-Length: 2\r\n\r\n{}garbage line\r\n\r\nContent-Length: x\r\n\r\nContent-Length: 3\r\nContent-Type: a\r\n\r\n[1]";
        assert_eq!(
            frames(input).await,
            vec![
                body("{}"),
                Frame::problem("skipped 11 bytes that are not a message", None),
                Frame::problem("invalid Content-Length: x", None),
                body("[1]"),
            ]
        );
    }

    #[tokio::test]
    async fn a_bad_length_is_answered_with_the_id_and_the_next_message_is_read() {
        for bad in ["abc", "-5", "99999999999999999999999"] {
            let m1 = r#"{"jsonrpc":"2.0","id":7,"method":"textDocument/hover","params":{"id":3}}"#;
            let m2 = r#"{"jsonrpc":"2.0","id":8,"method":"shutdown"}"#;
            let input = format!("Content-Length: {bad}\r\n\r\n{m1}Content-Length: {}\r\n\r\n{m2}", m2.len());
            let shown = bad.to_string();
            assert_eq!(
                frames(input.as_bytes()).await,
                vec![Frame::problem(format!("invalid Content-Length: {shown}"), Some(json!(7))), body(m2)],
                "{bad}"
            );
        }
    }

    #[tokio::test]
    async fn lengths_off_by_a_few_bytes_are_corrected() {
        let m1 = r#"{"jsonrpc":"2.0","id":1,"method":"x","params":{"t":"café ☃"}}"#;
        let m2 = r#"{"jsonrpc":"2.0","id":2,"method":"y"}"#;
        let chars = m1.chars().count();
        for declared in [chars, m1.len() - 1, m1.len() + 3, m1.len() + 20] {
            let input = format!("Content-Length: {declared}\r\n\r\n{m1}Content-Length: {}\r\n\r\n{m2}", m2.len());
            assert_eq!(frames(input.as_bytes()).await, vec![body(m1), body(m2)], "declared {declared}");
        }
        // Too long with nothing after it: taken once the input pauses.
        let input = format!("Content-Length: {}\r\n\r\n{m1}", m1.len() + 5);
        assert_eq!(frames(input.as_bytes()).await, vec![body(m1)]);
    }

    #[tokio::test]
    async fn oversized_and_bodiless_lengths_do_not_wait_forever() {
        let m2 = r#"{"jsonrpc":"2.0","id":2,"method":"y"}"#;
        let (mut client, server) = tokio::io::duplex(1 << 16);
        let mut r = FrameReader::with_patience(server, fast());
        client.write_all(format!("Content-Length: {}\r\n\r\n", u64::MAX).as_bytes()).await.unwrap();
        let started = std::time::Instant::now();
        let f = r.next_frame().await.unwrap();
        assert!(matches!(f, Frame::Problem { ref message, .. } if message.contains("larger than the limit")), "{f:?}");
        client.write_all(format!("Content-Length: {}\r\n\r\n{m2}", m2.len()).as_bytes()).await.unwrap();
        assert_eq!(r.next_frame().await.unwrap(), body(m2));
        // 128 MiB announced, no body: given up after the pause, then the next message.
        client.write_all(format!("Content-Length: {}\r\n\r\n", 128 * 1024 * 1024).as_bytes()).await.unwrap();
        let f = r.next_frame().await.unwrap();
        assert!(matches!(f, Frame::Problem { ref message, .. } if message.contains("incomplete message")), "{f:?}");
        client.write_all(format!("Content-Length: {}\r\n\r\n{m2}", m2.len()).as_bytes()).await.unwrap();
        assert_eq!(r.next_frame().await.unwrap(), body(m2));
        assert!(started.elapsed() < Duration::from_secs(2));
    }

    #[tokio::test]
    async fn a_broken_body_of_the_right_length_is_an_error_with_its_id() {
        let m1 = r#"{"jsonrpc":"2.0","id":"a","method":"x","params":{"t":}}"#;
        let m2 = r#"{"jsonrpc":"2.0","id":2,"method":"y"}"#;
        let input = format!("Content-Length: {}\r\n\r\n{m1}Content-Length: {}\r\n\r\n{m2}", m1.len(), m2.len());
        let got = frames(input.as_bytes()).await;
        assert!(
            matches!(&got[0], Frame::Problem { message, id: Some(id) } if message.starts_with("Parse error") && id == "a")
        );
        assert_eq!(got[1], body(m2));
    }

    #[test]
    fn ids_are_sniffed_at_the_top_level_only() {
        assert_eq!(sniff_id(br#"{"params":{"id":3},"id":4,"x":"#), Some(json!(4)));
        assert_eq!(sniff_id(br#"{"params":{"id":3},"method":"#), None);
        assert_eq!(sniff_id(br#"{"method":"a\"id\"","id":"q"}"#), Some(json!("q")));
        assert_eq!(sniff_id(b"\xff\xfe"), None);
    }

    #[test]
    fn dollar_requests_are_answered_and_dollar_notifications_passed_on() {
        let seen = Seen::default();
        let Route::Answer(r) = route(br#"{"jsonrpc":"2.0","id":3,"method":"$/unknown"}"#, &seen) else {
            panic!("not answered")
        };
        assert_eq!((r["error"]["code"].clone(), r["id"].clone()), (json!(-32601), json!(3)));
        assert_eq!(route(br#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":1}}"#, &seen), Route::Forward);
        assert!(!seen.shutdown.load(Ordering::SeqCst));
        route(br#"{"jsonrpc":"2.0","id":9,"method":"shutdown"}"#, &seen);
        assert!(seen.shutdown.load(Ordering::SeqCst));
    }

    #[test]
    fn bodies_are_checked_as_json_rpc() {
        assert!(check_body(br#"{"jsonrpc":"2.0","id":1,"method":"x"}"#).is_none());
        assert!(check_body(br#"{"jsonrpc":"2.0","method":"x"}"#).is_none());
        assert_eq!(check_body(b"{oops").unwrap()["error"]["code"], -32700);
        let r = check_body(br#"{"id":7,"hello":1}"#).unwrap();
        assert_eq!((r["error"]["code"].clone(), r["id"].clone()), (json!(-32600), json!(7)));
        assert_eq!(check_body(b"\xff\xfe").unwrap()["error"]["code"], -32700);
    }
}
