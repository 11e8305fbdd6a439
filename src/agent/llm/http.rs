//! The HTTP side both providers share: the endpoint (URL, key, client), sending with the
//! retry policy of `retry.rs`, reading bodies under the stall limit, the total time limit and
//! cancellation, and scrubbing the key out of anything an endpoint says back.

use std::fmt;
use std::future::Future;
use std::net::IpAddr;
use std::pin::Pin;
use std::time::{Duration, Instant};

use bytes::Bytes;
use futures::{Stream, StreamExt};
use reqwest::header::{CONTENT_TYPE, HeaderMap};
use reqwest::{Response, StatusCode, Url};
use tokio_util::sync::CancellationToken;

use super::retry::{self, ErrorBody, FailKind, RetryKind, Verdict};
use super::{LlmError, ModelConfig};

/// Largest answer body read (a chat answer is kilobytes; this only bounds memory).
pub const MAX_BODY: usize = 16 << 20;
/// Largest error body read.
const MAX_ERROR_BODY: usize = 64 << 10;
/// Characters of an endpoint's message kept in an error.
const DETAIL_CHARS: usize = 300;

/// The API key. Its `Debug` never shows it.
struct Secret(String);

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// One configured endpoint, ready to send to.
#[derive(Debug)]
pub struct Endpoint {
    pub cfg: ModelConfig,
    pub name: &'static str,
    /// The full URL requests go to (`.../v1/chat/completions`, `.../v1/messages`).
    pub url: Url,
    key: Option<Secret>,
    client: reqwest::Client,
}

/// A byte chunk of an answer, or why none came.
pub type Chunk = Result<Bytes, ChunkError>;
pub type ChunkStream = Pin<Box<dyn Stream<Item = Chunk> + Send>>;

#[derive(Debug)]
pub enum ChunkError {
    Stalled,
    Broken(String),
}

impl fmt::Display for ChunkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChunkError::Stalled => f.write_str("stalled"),
            ChunkError::Broken(e) => f.write_str(e),
        }
    }
}

impl std::error::Error for ChunkError {}

impl Endpoint {
    pub fn new(cfg: &ModelConfig) -> Result<Endpoint, LlmError> {
        let name = cfg.provider.name();
        let config_err = |message: String| LlmError::Config { provider: name.to_string(), message };
        let base = cfg.base_url.as_deref().map(str::trim).filter(|b| !b.is_empty());
        let base = base.unwrap_or(cfg.provider.default_base_url()).trim_end_matches('/');
        let base_url = Url::parse(base).map_err(|e| config_err(format!("base_url '{base}' is not a URL ({e})")))?;
        if !matches!(base_url.scheme(), "http" | "https") {
            return Err(config_err(format!("base_url '{base}' must start with http:// or https://")));
        }
        if !base_url.username().is_empty() || base_url.password().is_some() {
            // A key in the URL would end up in error messages; keys come from the environment.
            return Err(config_err(
                "base_url must not hold credentials; put the key in an environment variable".into(),
            ));
        }
        let path = match cfg.provider {
            super::ProviderKind::OpenAi => "/chat/completions",
            super::ProviderKind::Anthropic if base_url.path().trim_end_matches('/').ends_with("/v1") => "/messages",
            super::ProviderKind::Anthropic => "/v1/messages",
        };
        let url = Url::parse(&format!("{base}{path}")).map_err(|e| config_err(format!("base_url '{base}': {e}")))?;
        let local = is_loopback(&url);

        let var = cfg.api_key_env.as_deref().map(str::trim).filter(|v| !v.is_empty());
        let var = var.unwrap_or(cfg.provider.default_key_env());
        let key = std::env::var(var).ok().map(|k| k.trim().to_string()).filter(|k| !k.is_empty());
        if key.is_none() && !local {
            return Err(LlmError::MissingKey { provider: name.to_string(), var: var.to_string() });
        }

        let mut builder = reqwest::Client::builder()
            .connect_timeout(cfg.connect_timeout)
            .user_agent(concat!("bpy-lsp/", env!("CARGO_PKG_VERSION")));
        if local {
            // A proxy from the environment must not catch a model on this machine.
            builder = builder.no_proxy();
        }
        let client = builder.build().map_err(|e| config_err(format!("cannot set up HTTP: {}", error_chain(&e))))?;
        Ok(Endpoint { cfg: cfg.clone(), name, url, key: key.map(Secret), client })
    }

    pub fn key(&self) -> Option<&str> {
        self.key.as_ref().map(|k| k.0.as_str())
    }

    /// `text` cut to a few hundred characters, with the key (and any word holding a dozen
    /// characters of it, as OpenAI's "Incorrect API key provided: sk-...abcd" does) removed.
    pub fn scrub(&self, text: &str) -> String {
        let text: String = text.trim().chars().take(DETAIL_CHARS).collect();
        let Some(key) = self.key() else { return text };
        scrub_key(&text, key)
    }

    /// Run `fut` under the total time limit, stopping at once when `cancel` fires.
    pub async fn guard<T>(
        &self,
        cancel: &CancellationToken,
        fut: impl Future<Output = Result<T, LlmError>>,
    ) -> Result<T, LlmError> {
        if cancel.is_cancelled() {
            return Err(LlmError::Cancelled);
        }
        let total = self.cfg.total_timeout;
        tokio::select! {
            biased;
            _ = cancel.cancelled() => Err(LlmError::Cancelled),
            r = tokio::time::timeout(total, fut) => r.unwrap_or(Err(LlmError::Timeout {
                provider: self.name.to_string(),
                what: "total",
                after: total,
            })),
        }
    }

    /// POST `body` with `headers`, retrying what `retry::judge` says is worth it; the first
    /// 2xx answer is returned unread. `has_images`: the body carries images. A wait that
    /// would end past the total time limit is not begun: the error comes at once instead.
    pub async fn send(&self, body: Vec<u8>, headers: HeaderMap, has_images: bool) -> Result<Response, LlmError> {
        let deadline = Instant::now() + self.cfg.total_timeout;
        let body = Bytes::from(body);
        let mut retry_n = 0u32;
        loop {
            let attempts = retry_n + 1;
            let can_retry = retry_n < self.cfg.max_retries;
            let sent = self
                .client
                .post(self.url.clone())
                .headers(headers.clone())
                .header(CONTENT_TYPE, "application/json")
                .body(body.clone())
                .send()
                .await;
            let resp = match sent {
                Ok(r) => r,
                Err(e) => {
                    let err = self.transport_error(&e);
                    if can_retry && e.is_connect() {
                        self.wait(retry::backoff(retry_n, self.cfg.retry_base, self.cfg.max_retry_wait)).await;
                        retry_n += 1;
                        continue;
                    }
                    return Err(err);
                }
            };
            let status = resp.status();
            if status.is_success() {
                return Ok(resp);
            }
            let resp_headers = resp.headers().clone();
            let html = is_html(&resp_headers);
            let raw = self.read_capped(resp, MAX_ERROR_BODY).await.unwrap_or_default();
            let err = ErrorBody::parse(&raw);
            let detail = self.error_detail(&err, &raw, html);
            match retry::judge(status, &resp_headers, &err, has_images) {
                Verdict::Retry { kind, wait } => {
                    let wait =
                        wait.unwrap_or_else(|| retry::backoff(retry_n, self.cfg.retry_base, self.cfg.max_retry_wait));
                    if can_retry && wait <= self.cfg.max_retry_wait && Instant::now() + wait < deadline {
                        log_wait(self.name, status, wait);
                        self.wait(wait).await;
                        retry_n += 1;
                        continue;
                    }
                    let retry_after = (kind == RetryKind::RateLimited).then_some(wait);
                    return Err(self.retry_error(kind, status, attempts, retry_after, detail));
                }
                Verdict::Fail(kind) => return Err(self.fail_error(kind, status, detail)),
            }
        }
    }

    async fn wait(&self, d: Duration) {
        tokio::time::sleep(d).await;
    }

    /// The back-off before retry number `retry_n` of a whole request.
    pub async fn wait_before_retry(&self, retry_n: u32) {
        let d = retry::backoff(retry_n, self.cfg.retry_base, self.cfg.max_retry_wait);
        eprintln!("bpy-lsp: {} reported an overload in its answer, retrying in {:.1} s", self.name, d.as_secs_f64());
        self.wait(d).await;
    }

    fn transport_error(&self, e: &reqwest::Error) -> LlmError {
        if e.is_timeout() {
            return LlmError::Timeout {
                provider: self.name.to_string(),
                what: "connect",
                after: self.cfg.connect_timeout,
            };
        }
        let mut url = self.url.clone();
        url.set_query(None);
        LlmError::Transport {
            provider: self.name.to_string(),
            url: url.to_string(),
            detail: self.scrub(&error_chain_without_url(e)),
        }
    }

    /// The endpoint's own message, or what the body is when it has none.
    fn error_detail(&self, err: &ErrorBody, raw: &[u8], html: bool) -> String {
        if !err.message.is_empty() {
            let kind = if err.kind.is_empty() { &err.code } else { &err.kind };
            return self.scrub(&if kind.is_empty() {
                err.message.clone()
            } else {
                format!("{} ({kind})", err.message)
            });
        }
        if html || looks_like_html(raw) {
            return "the answer is an HTML page, not the API's JSON (is base_url the API's?)".into();
        }
        self.scrub(&String::from_utf8_lossy(raw))
    }

    fn retry_error(
        &self,
        kind: RetryKind,
        status: StatusCode,
        attempts: u32,
        retry_after: Option<Duration>,
        detail: String,
    ) -> LlmError {
        let provider = self.name.to_string();
        match kind {
            RetryKind::RateLimited => LlmError::RateLimited { provider, attempts, retry_after, detail },
            RetryKind::Overloaded => LlmError::Overloaded { provider, attempts, detail },
            RetryKind::Server => LlmError::Server { provider, status: status.as_u16(), attempts, detail },
        }
    }

    fn fail_error(&self, kind: FailKind, status: StatusCode, detail: String) -> LlmError {
        let provider = self.name.to_string();
        let status = status.as_u16();
        match kind {
            FailKind::Auth => LlmError::Auth { provider, status, detail },
            FailKind::NotFound => {
                let mut url = self.url.clone();
                url.set_query(None);
                LlmError::NotFound { provider, model: self.cfg.model.clone(), url: url.to_string(), detail }
            }
            FailKind::Refused => LlmError::Refused { provider, status, detail },
            FailKind::SpendLimit => LlmError::SpendLimit { provider, detail },
            FailKind::ImagesRefused => LlmError::ImagesRefused { provider, detail },
        }
    }

    /// The answer's bytes as they come, each chunk within the stall limit.
    pub fn chunks(&self, resp: Response) -> ChunkStream {
        let stall = self.cfg.stall_timeout;
        let bytes = resp.bytes_stream();
        Box::pin(futures::stream::unfold(Some(Box::pin(bytes)), move |state| async move {
            let mut s = state?;
            match tokio::time::timeout(stall, s.next()).await {
                Err(_) => Some((Err(ChunkError::Stalled), None)),
                Ok(None) => None,
                Ok(Some(Ok(b))) => Some((Ok(b), Some(s))),
                Ok(Some(Err(e))) => Some((Err(ChunkError::Broken(error_chain_without_url(&e))), None)),
            }
        }))
    }

    /// The whole answer body (at most [`MAX_BODY`]), each chunk within the stall limit.
    pub async fn read_body(&self, resp: Response) -> Result<Vec<u8>, LlmError> {
        let mut chunks = self.chunks(resp);
        let mut out = Vec::new();
        while let Some(chunk) = chunks.next().await {
            let chunk = chunk.map_err(|e| self.chunk_error(e, "the answer"))?;
            if out.len() + chunk.len() > MAX_BODY {
                return Err(self.bad(format!("the answer is larger than {} MiB", MAX_BODY >> 20)));
            }
            out.extend_from_slice(&chunk);
        }
        Ok(out)
    }

    /// Up to `cap` bytes of the body, for error messages; the rest is dropped.
    async fn read_capped(&self, resp: Response, cap: usize) -> Result<Vec<u8>, LlmError> {
        let mut chunks = self.chunks(resp);
        let mut out = Vec::new();
        while let Some(chunk) = chunks.next().await {
            let chunk = chunk.map_err(|e| self.chunk_error(e, "the error answer"))?;
            let room = cap.saturating_sub(out.len());
            out.extend_from_slice(chunk.get(..room.min(chunk.len())).unwrap_or_default());
            if out.len() >= cap {
                break;
            }
        }
        Ok(out)
    }

    pub fn chunk_error(&self, e: ChunkError, what: &str) -> LlmError {
        match e {
            ChunkError::Stalled => LlmError::Stalled { provider: self.name.to_string(), after: self.cfg.stall_timeout },
            ChunkError::Broken(detail) => self.bad(format!("{what} broke off ({})", self.scrub(&detail))),
        }
    }

    pub fn bad(&self, detail: impl Into<String>) -> LlmError {
        LlmError::BadResponse { provider: self.name.to_string(), detail: detail.into() }
    }

    /// Why a 2xx body that should be JSON is not.
    pub fn not_json(&self, body: &[u8], e: &serde_json::Error) -> LlmError {
        if looks_like_html(body) {
            return self.bad("an HTML page instead of JSON (is base_url the API's, e.g. ending in /v1?)");
        }
        if body.iter().all(u8::is_ascii_whitespace) {
            return self.bad("an empty answer");
        }
        let start: String = String::from_utf8_lossy(body).chars().take(80).collect();
        self.bad(format!("not JSON ({e}), starting {:?}", self.scrub(&start)))
    }

    /// An error the endpoint reported inside a 2xx answer (OpenRouter, vLLM and Anthropic
    /// streams do this).
    pub fn reported_error(&self, err: &ErrorBody) -> LlmError {
        let provider = self.name.to_string();
        let kind = if err.kind.is_empty() { err.code.clone() } else { err.kind.clone() };
        let message = if err.message.is_empty() { "no message".to_string() } else { err.message.clone() };
        let detail = self.scrub(&message);
        match kind.as_str() {
            "overloaded_error" => LlmError::Overloaded { provider, attempts: 1, detail },
            "rate_limit_error" | "rate_limit_exceeded" => {
                LlmError::RateLimited { provider, attempts: 1, retry_after: None, detail }
            }
            "insufficient_quota" | "billing_error" => LlmError::SpendLimit { provider, detail },
            "authentication_error" | "invalid_api_key" => LlmError::Auth { provider, status: 200, detail },
            _ => LlmError::BadResponse {
                provider,
                detail: if kind.is_empty() {
                    format!("it reported an error in its answer: {detail}")
                } else {
                    format!("it reported an error in its answer ({kind}): {detail}")
                },
            },
        }
    }
}

/// Whether the answer is an event stream (and not, say, one JSON object).
pub fn is_event_stream(resp: &Response) -> bool {
    content_type(resp.headers()).starts_with("text/event-stream")
}

fn content_type(h: &HeaderMap) -> String {
    h.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_ascii_lowercase()
}

pub fn is_html(h: &HeaderMap) -> bool {
    content_type(h).starts_with("text/html")
}

pub fn looks_like_html(body: &[u8]) -> bool {
    let start = body.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(body.len());
    let head: Vec<u8> = body.iter().skip(start).take(15).map(u8::to_ascii_lowercase).collect();
    head.starts_with(b"<!doctype html")
        || head.starts_with(b"<html")
        || head.starts_with(b"<head")
        || head.starts_with(b"<body")
}

fn is_loopback(url: &Url) -> bool {
    let Some(host) = url.host_str() else { return false };
    let host = host.trim_start_matches('[').trim_end_matches(']').to_ascii_lowercase();
    host == "localhost" || host.ends_with(".localhost") || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// An error and its sources, "a: b: c".
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut src = e.source();
    while let Some(s) = src {
        let s_text = s.to_string();
        if !out.contains(&s_text) {
            out.push_str(": ");
            out.push_str(&s_text);
        }
        src = s.source();
    }
    out
}

/// reqwest's error chain without the "for url (...)" its top level adds (the URL is said
/// once by the error that holds this).
fn error_chain_without_url(e: &reqwest::Error) -> String {
    let mut parts = Vec::new();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        let t = s.to_string();
        if !parts.contains(&t) {
            parts.push(t);
        }
        src = s.source();
    }
    if parts.is_empty() { e.to_string() } else { parts.join(": ") }
}

/// Log line for a retry wait (stderr is the server's log; never the key, never the body).
fn log_wait(name: &str, status: StatusCode, wait: Duration) {
    eprintln!("bpy-lsp: {name} answered HTTP {}, retrying in {:.1} s", status.as_u16(), wait.as_secs_f64());
}

/// Windows of the key this long found in a word make the word go.
const KEY_WINDOW: usize = 12;

fn scrub_key(text: &str, key: &str) -> String {
    let key = key.as_bytes();
    if key.len() < 4 {
        return text.to_string();
    }
    let windows: std::collections::HashSet<&[u8]> =
        if key.len() >= KEY_WINDOW { key.windows(KEY_WINDOW).collect() } else { std::iter::once(key).collect() };
    let w = KEY_WINDOW.min(key.len());
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let ws = rest.find(|c: char| !c.is_whitespace()).unwrap_or(rest.len());
        let (space, tail) = rest.split_at(ws);
        out.push_str(space);
        let we = tail.find(char::is_whitespace).unwrap_or(tail.len());
        let (word, after) = tail.split_at(we);
        if word.as_bytes().windows(w).any(|win| windows.contains(win)) {
            out.push_str("[redacted]");
        } else {
            out.push_str(word);
        }
        rest = after;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrub_removes_the_key_and_words_holding_much_of_it() {
        let key = "sk-test-0123456789abcdefghij";
        assert_eq!(scrub_key(&format!("bad key {key}."), key), "bad key [redacted]");
        assert_eq!(scrub_key("key: sk-test-0123456789ab***", key), "key: [redacted]");
        assert_eq!(scrub_key("  nothing\there ", key), "  nothing\there ");
        assert_eq!(scrub_key("short", "abc"), "short");
    }

    #[test]
    fn the_key_has_no_debug() {
        assert_eq!(format!("{:?}", Some(Secret("sk-123456".into()))), "Some([redacted])");
    }

    #[test]
    fn html_is_recognised() {
        assert!(looks_like_html(b"\n  <!DOCTYPE html><html>"));
        assert!(looks_like_html(b"<html>"));
        assert!(!looks_like_html(b"{\"a\": 1}"));
        assert!(!looks_like_html(b""));
    }

    #[test]
    fn loopback_hosts() {
        for u in
            ["http://localhost:11434/v1", "http://127.0.0.1:1234/v1", "http://[::1]:8080/v1", "http://127.3.4.5/v1"]
        {
            assert!(is_loopback(&Url::parse(u).unwrap()), "{u}");
        }
        for u in ["https://api.openai.com/v1", "http://192.168.1.2:11434/v1", "http://localhost.example.com/v1"] {
            assert!(!is_loopback(&Url::parse(u).unwrap()), "{u}");
        }
    }
}
