//! OpenAI Chat Completions, the format OpenAI, Ollama, llama.cpp's server, vLLM, LM Studio
//! and OpenRouter all speak: the request body, the JSON answer and the SSE stream
//! (`data: {chunk}` ... `data: [DONE]`).

use std::sync::atomic::{AtomicBool, Ordering};

use base64::Engine;
use futures::future::BoxFuture;
use reqwest::header::{ACCEPT, AUTHORIZATION, HeaderMap, HeaderValue};
use serde_json::{Value, json};
use tokio_util::sync::CancellationToken;

use super::http::{self, Endpoint};
use super::retry::ErrorBody;
use super::sse::Events;
use super::{ChatReply, ChatRequest, LlmError, OnText, Part, Provider, Role};

pub struct OpenAi {
    ep: Endpoint,
}

impl OpenAi {
    pub fn new(ep: Endpoint) -> OpenAi {
        OpenAi { ep }
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
        let body = request_body(req, stream, self.ep.url.host_str() == Some("api.openai.com"));
        let body = serde_json::to_vec(&body).map_err(|e| self.ep.bad(format!("cannot encode the request: {e}")))?;
        let mut headers = HeaderMap::new();
        if let Some(key) = self.ep.key() {
            let mut v = HeaderValue::from_str(&format!("Bearer {key}")).map_err(|_| LlmError::Config {
                provider: "openai".into(),
                message: "the API key holds characters no HTTP header can".into(),
            })?;
            v.set_sensitive(true);
            headers.insert(AUTHORIZATION, v);
        }
        if stream {
            headers.insert(ACCEPT, HeaderValue::from_static("text/event-stream"));
        }
        let resp = self.ep.send(body, headers, req.has_images()).await?;
        if stream && http::is_event_stream(&resp) {
            return self.read_stream(resp, req, on_text).await;
        }
        // Not streaming, or an endpoint that answered one JSON object anyway.
        let html = http::is_html(resp.headers());
        let bytes = self.ep.read_body(resp).await?;
        if html || http::looks_like_html(&bytes) {
            return Err(self.ep.bad("an HTML page instead of JSON (is base_url the API's, e.g. ending in /v1?)"));
        }
        let v: Value = serde_json::from_slice(&bytes).map_err(|e| self.ep.not_json(&bytes, &e))?;
        let reply = self.parse_reply(&v, req)?;
        if !reply.text.is_empty() {
            on_text(&reply.text);
        }
        Ok(reply)
    }

    fn parse_reply(&self, v: &Value, req: &ChatRequest) -> Result<ChatReply, LlmError> {
        if v.get("error").is_some_and(|e| !e.is_null()) {
            return Err(self.ep.reported_error(&ErrorBody::from_value(v)));
        }
        let Some(choice) = v.get("choices").and_then(Value::as_array).and_then(|c| c.first()) else {
            return Err(self.ep.bad("no choices in the answer"));
        };
        let message = choice.get("message").ok_or_else(|| self.ep.bad("the first choice has no message"))?;
        let text = match message.get("content") {
            Some(Value::String(s)) => s.clone(),
            // Some servers answer content as parts.
            Some(Value::Array(parts)) => {
                parts.iter().filter_map(|p| p.get("text").and_then(Value::as_str)).collect::<Vec<_>>().concat()
            }
            Some(Value::Null) | None => String::new(),
            Some(other) => return Err(self.ep.bad(format!("the message content is {}", kind_of(other)))),
        };
        let (prompt_tokens, completion_tokens) = usage(v.get("usage"));
        Ok(ChatReply {
            text,
            model: v.get("model").and_then(Value::as_str).unwrap_or(&req.model).to_string(),
            prompt_tokens,
            completion_tokens,
            stop_reason: choice.get("finish_reason").and_then(Value::as_str).map(str::to_string),
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
        let mut saw_choice = false;
        let mut done = false;
        while let Some(ev) = events.next().await? {
            let data = ev.data.trim();
            if data == "[DONE]" {
                done = true;
                break;
            }
            if data.is_empty() {
                continue;
            }
            let v: Value = serde_json::from_str(data).map_err(|e| self.ep.not_json(data.as_bytes(), &e))?;
            if v.get("error").is_some_and(|e| !e.is_null()) {
                return Err(self.ep.reported_error(&ErrorBody::from_value(&v)));
            }
            if let Some(m) = v.get("model").and_then(Value::as_str).filter(|m| !m.is_empty()) {
                m.clone_into(&mut reply.model);
            }
            // Chunks with `choices: []` (the usage chunk) and `usage: null` are normal.
            if let Some(choices) = v.get("choices").and_then(Value::as_array) {
                for c in choices.iter().filter(|c| c.get("index").and_then(Value::as_u64).unwrap_or(0) == 0) {
                    saw_choice = true;
                    if let Some(t) = c.pointer("/delta/content").and_then(Value::as_str).filter(|t| !t.is_empty()) {
                        reply.text.push_str(t);
                        on_text(t);
                    }
                    if let Some(r) = c.get("finish_reason").and_then(Value::as_str) {
                        reply.stop_reason = Some(r.to_string());
                    }
                }
            }
            let (p, c) = usage(v.get("usage"));
            reply.prompt_tokens = p.or(reply.prompt_tokens);
            reply.completion_tokens = c.or(reply.completion_tokens);
        }
        if !done {
            return Err(self.ep.bad(format!(
                "the answer stream ended before [DONE] ({} characters received); the connection was cut",
                reply.text.chars().count()
            )));
        }
        if !saw_choice {
            return Err(self.ep.bad("no choices in the answer stream"));
        }
        Ok(reply)
    }
}

impl Provider for OpenAi {
    fn name(&self) -> &str {
        "openai"
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

/// The Chat Completions body. Text-only messages get a plain string as content (what every
/// local server takes); messages with images get content parts with `data:` URLs.
/// `official`: api.openai.com, whose newer models take only `max_completion_tokens`.
pub fn request_body(req: &ChatRequest, stream: bool, official: bool) -> Value {
    let messages: Vec<Value> = req
        .messages
        .iter()
        .map(|m| {
            let role = match m.role {
                Role::System => "system",
                Role::User => "user",
                Role::Assistant => "assistant",
            };
            let content = if m.has_images() {
                Value::Array(
                    m.parts
                        .iter()
                        .map(|p| match p {
                            Part::Text(t) => json!({"type": "text", "text": t}),
                            Part::Png(png) => json!({
                                "type": "image_url",
                                "image_url": {"url": format!("data:image/png;base64,{}", base64::engine::general_purpose::STANDARD.encode(png))}
                            }),
                        })
                        .collect(),
                )
            } else {
                Value::String(
                    m.parts
                        .iter()
                        .filter_map(|p| match p {
                            Part::Text(t) => Some(t.as_str()),
                            Part::Png(_) => None,
                        })
                        .collect::<Vec<_>>()
                        .join("\n\n"),
                )
            };
            json!({"role": role, "content": content})
        })
        .collect();
    let mut body = json!({"model": req.model, "messages": messages});
    let tokens_key = if official { "max_completion_tokens" } else { "max_tokens" };
    body[tokens_key] = json!(req.max_tokens);
    if let Some(t) = req.temperature {
        body["temperature"] = json!(t);
    }
    if stream {
        body["stream"] = json!(true);
        body["stream_options"] = json!({"include_usage": true});
    }
    body
}

fn usage(u: Option<&Value>) -> (Option<u64>, Option<u64>) {
    let Some(u) = u.filter(|u| u.is_object()) else { return (None, None) };
    (u.get("prompt_tokens").and_then(Value::as_u64), u.get("completion_tokens").and_then(Value::as_u64))
}

pub fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}
