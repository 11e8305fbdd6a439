//! Anthropic Messages: the request body (system prompt in `system`, base64 image blocks),
//! the JSON answer and the event stream (`message_start`, `content_block_start/delta/stop`,
//! `message_delta`, `message_stop`, `ping` anywhere, `error`).

use std::sync::atomic::{AtomicBool, Ordering};

use base64::Engine;
use futures::future::BoxFuture;
use reqwest::header::{ACCEPT, HeaderMap, HeaderValue};
use serde_json::{Value, json};
use tokio_util::sync::CancellationToken;

use super::http::{self, Endpoint};
use super::openai::kind_of;
use super::retry::ErrorBody;
use super::sse::Events;
use super::{ChatReply, ChatRequest, LlmError, OnText, Part, Provider, Role};

/// The API version this client speaks.
pub const API_VERSION: &str = "2023-06-01";

pub struct Anthropic {
    ep: Endpoint,
}

impl Anthropic {
    pub fn new(ep: Endpoint) -> Anthropic {
        Anthropic { ep }
    }

    /// [`Self::once`], again when the stream reported an overload before any text (Anthropic
    /// answers 200 and then an `overloaded_error` event when busy).
    async fn run(&self, req: &ChatRequest, on_text: OnText<'_>) -> Result<ChatReply, LlmError> {
        let mut retry_n = 0;
        loop {
            let delivered = AtomicBool::new(false);
            let track = |t: &str| {
                delivered.store(true, Ordering::Relaxed);
                on_text(t);
            };
            match self.once(req, &track).await {
                Err(LlmError::Overloaded { .. })
                    if self.ep.cfg.stream
                        && !delivered.load(Ordering::Relaxed)
                        && retry_n < self.ep.cfg.max_retries =>
                {
                    self.ep.wait_before_retry(retry_n).await;
                    retry_n += 1;
                }
                r => return r,
            }
        }
    }

    async fn once(&self, req: &ChatRequest, on_text: OnText<'_>) -> Result<ChatReply, LlmError> {
        let stream = self.ep.cfg.stream;
        let body = serde_json::to_vec(&request_body(req, stream))
            .map_err(|e| self.ep.bad(format!("cannot encode the request: {e}")))?;
        let mut headers = HeaderMap::new();
        headers.insert("anthropic-version", HeaderValue::from_static(API_VERSION));
        if let Some(key) = self.ep.key() {
            let mut v = HeaderValue::from_str(key).map_err(|_| LlmError::Config {
                provider: "anthropic".into(),
                message: "the API key holds characters no HTTP header can".into(),
            })?;
            v.set_sensitive(true);
            headers.insert("x-api-key", v);
        }
        if stream {
            headers.insert(ACCEPT, HeaderValue::from_static("text/event-stream"));
        }
        let resp = self.ep.send(body, headers, req.has_images()).await?;
        if stream && http::is_event_stream(&resp) {
            return self.read_stream(resp, req, on_text).await;
        }
        let html = http::is_html(resp.headers());
        let bytes = self.ep.read_body(resp).await?;
        if html || http::looks_like_html(&bytes) {
            return Err(self.ep.bad("an HTML page instead of JSON (is base_url the API's?)"));
        }
        let v: Value = serde_json::from_slice(&bytes).map_err(|e| self.ep.not_json(&bytes, &e))?;
        let reply = self.parse_reply(&v, req)?;
        if !reply.text.is_empty() {
            on_text(&reply.text);
        }
        Ok(reply)
    }

    fn parse_reply(&self, v: &Value, req: &ChatRequest) -> Result<ChatReply, LlmError> {
        if v.get("type").and_then(Value::as_str) == Some("error") || v.get("error").is_some_and(|e| !e.is_null()) {
            return Err(self.ep.reported_error(&ErrorBody::from_value(v)));
        }
        let content = match v.get("content") {
            Some(Value::Array(c)) => c,
            Some(other) => return Err(self.ep.bad(format!("the message content is {}", kind_of(other)))),
            None => return Err(self.ep.bad("no content in the answer")),
        };
        let text = content
            .iter()
            .filter(|b| b.get("type").and_then(Value::as_str) == Some("text"))
            .filter_map(|b| b.get("text").and_then(Value::as_str))
            .collect::<Vec<_>>()
            .concat();
        let usage = v.get("usage");
        Ok(ChatReply {
            text,
            model: v.get("model").and_then(Value::as_str).unwrap_or(&req.model).to_string(),
            prompt_tokens: usage.and_then(input_tokens),
            completion_tokens: usage.and_then(|u| u.get("output_tokens")).and_then(Value::as_u64),
            stop_reason: v.get("stop_reason").and_then(Value::as_str).map(str::to_string),
        })
    }

    async fn read_stream(
        &self,
        resp: reqwest::Response,
        req: &ChatRequest,
        on_text: OnText<'_>,
    ) -> Result<ChatReply, LlmError> {
        let mut events = Events::new(&self.ep, resp);
        let mut reply = ChatReply { model: req.model.clone(), ..ChatReply::default() };
        let mut started = false;
        let mut stopped = false;
        while let Some(ev) = events.next().await? {
            let data = ev.data.trim();
            if data.is_empty() {
                continue;
            }
            let v: Value = serde_json::from_str(data).map_err(|e| self.ep.not_json(data.as_bytes(), &e))?;
            // The event name is in `event:` and again in the data's `type`.
            let name = if ev.event.is_empty() || ev.event == "message" {
                v.get("type").and_then(Value::as_str).unwrap_or("").to_string()
            } else {
                ev.event.clone()
            };
            match name.as_str() {
                "message_start" => {
                    started = true;
                    let m = v.get("message");
                    if let Some(model) = m.and_then(|m| m.get("model")).and_then(Value::as_str) {
                        model.clone_into(&mut reply.model);
                    }
                    let usage = m.and_then(|m| m.get("usage"));
                    reply.prompt_tokens = usage.and_then(input_tokens);
                    reply.completion_tokens = usage.and_then(|u| u.get("output_tokens")).and_then(Value::as_u64);
                }
                "content_block_start" => {
                    let block = v.get("content_block");
                    if block.and_then(|b| b.get("type")).and_then(Value::as_str) == Some("text")
                        && let Some(t) =
                            block.and_then(|b| b.get("text")).and_then(Value::as_str).filter(|t| !t.is_empty())
                    {
                        reply.text.push_str(t);
                        on_text(t);
                    }
                }
                "content_block_delta" => {
                    let delta = v.get("delta");
                    // thinking_delta, input_json_delta, signature_delta are not answer text.
                    if delta.and_then(|d| d.get("type")).and_then(Value::as_str) == Some("text_delta")
                        && let Some(t) =
                            delta.and_then(|d| d.get("text")).and_then(Value::as_str).filter(|t| !t.is_empty())
                    {
                        reply.text.push_str(t);
                        on_text(t);
                    }
                }
                "message_delta" => {
                    if let Some(r) = v.pointer("/delta/stop_reason").and_then(Value::as_str) {
                        reply.stop_reason = Some(r.to_string());
                    }
                    // Cumulative; it may also correct the input count.
                    if let Some(u) = v.get("usage") {
                        if let Some(o) = u.get("output_tokens").and_then(Value::as_u64) {
                            reply.completion_tokens = Some(o);
                        }
                        if let Some(i) = input_tokens(u) {
                            reply.prompt_tokens = Some(i);
                        }
                    }
                }
                "message_stop" => {
                    stopped = true;
                    break;
                }
                "error" => return Err(self.ep.reported_error(&ErrorBody::from_value(&v))),
                // ping, content_block_stop and event types added later.
                _ => {}
            }
        }
        if !stopped {
            return Err(self.ep.bad(format!(
                "the answer stream ended before message_stop ({} characters received); the connection was cut",
                reply.text.chars().count()
            )));
        }
        if !started {
            return Err(self.ep.bad("the answer stream had no message_start"));
        }
        Ok(reply)
    }
}

impl Provider for Anthropic {
    fn name(&self) -> &str {
        "anthropic"
    }

    fn supports_images(&self) -> bool {
        self.ep.cfg.vision
    }

    fn chat<'a>(
        &'a self,
        req: &'a ChatRequest,
        cancel: &'a CancellationToken,
        on_text: &'a (dyn Fn(&str) + Send + Sync),
    ) -> BoxFuture<'a, Result<ChatReply, LlmError>> {
        Box::pin(self.ep.guard(cancel, self.run(req, on_text)))
    }
}

/// Prompt tokens: the uncached input plus what was written to or read from the cache.
fn input_tokens(u: &Value) -> Option<u64> {
    let base = u.get("input_tokens").and_then(Value::as_u64)?;
    let more = ["cache_creation_input_tokens", "cache_read_input_tokens"]
        .iter()
        .filter_map(|k| u.get(*k).and_then(Value::as_u64))
        .sum::<u64>();
    Some(base + more)
}

/// The Messages body: system messages joined into `system`, the others as content blocks,
/// consecutive messages of one role merged (the API wants user and assistant to alternate).
pub fn request_body(req: &ChatRequest, stream: bool) -> Value {
    let mut system = Vec::new();
    let mut messages: Vec<(&'static str, Vec<Value>)> = Vec::new();
    for m in &req.messages {
        let role = match m.role {
            Role::System => {
                system.extend(m.parts.iter().filter_map(|p| match p {
                    Part::Text(t) => Some(t.as_str()),
                    Part::Png(_) => None,
                }));
                continue;
            }
            Role::User => "user",
            Role::Assistant => "assistant",
        };
        let blocks = m.parts.iter().map(|p| match p {
            Part::Text(t) => json!({"type": "text", "text": t}),
            Part::Png(png) => json!({
                "type": "image",
                "source": {"type": "base64", "media_type": "image/png", "data": base64::engine::general_purpose::STANDARD.encode(png)}
            }),
        });
        match messages.last_mut() {
            Some((r, content)) if *r == role => content.extend(blocks),
            _ => messages.push((role, blocks.collect())),
        }
    }
    let messages: Vec<Value> =
        messages.into_iter().map(|(role, content)| json!({"role": role, "content": content})).collect();
    let mut body = json!({"model": req.model, "max_tokens": req.max_tokens, "messages": messages});
    if !system.is_empty() {
        body["system"] = json!(system.join("\n\n"));
    }
    if let Some(t) = req.temperature {
        body["temperature"] = json!(t);
    }
    if stream {
        body["stream"] = json!(true);
    }
    body
}
