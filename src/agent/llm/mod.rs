//! LLM providers: one small client per wire format (OpenAI-compatible Chat Completions and
//! Anthropic Messages) over reqwest, with streaming, retries, time limits and cancellation.
//!
//! The loop builds a [`ChatRequest`], calls [`Provider::chat`] and gets the whole reply text
//! back (and each piece of it through `on_text` while it streams). Every failure is an
//! [`LlmError`] whose `Display` is one sentence a user can act on; no error, log line or
//! `Debug` output ever holds an API key (keys are read from the environment only, see
//! [`ModelConfig::api_key_env`]).

mod anthropic;
mod error;
mod http;
mod openai;
mod retry;
mod sse;

use std::fmt;
use std::time::Duration;

use futures::future::BoxFuture;
use tokio_util::sync::CancellationToken;

pub use error::LlmError;

/// Who says a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    System,
    User,
    Assistant,
}

/// A piece of a message: text, or a PNG image (the critic's renders).
#[derive(Clone, PartialEq, Eq)]
pub enum Part {
    Text(String),
    /// The bytes of a PNG file; sent as base64 (`data:image/png;base64,` for OpenAI, an image
    /// block for Anthropic).
    Png(Vec<u8>),
}

impl fmt::Debug for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Part::Text(t) => f.debug_tuple("Text").field(t).finish(),
            // Megabytes of image bytes in a log line help nobody.
            Part::Png(b) => write!(f, "Png({} bytes)", b.len()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub role: Role,
    pub parts: Vec<Part>,
}

impl Message {
    /// A message of one text part.
    pub fn text(role: Role, text: impl Into<String>) -> Message {
        Message { role, parts: vec![Part::Text(text.into())] }
    }

    /// Whether any part is an image.
    pub fn has_images(&self) -> bool {
        self.parts.iter().any(|p| matches!(p, Part::Png(_)))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChatRequest {
    pub model: String,
    /// System messages may stand anywhere; Anthropic gets them joined in `system`.
    pub messages: Vec<Message>,
    pub max_tokens: u32,
    /// `None`: the endpoint's default (some reasoning models refuse any other value).
    pub temperature: Option<f32>,
}

impl ChatRequest {
    pub fn has_images(&self) -> bool {
        self.messages.iter().any(Message::has_images)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChatReply {
    /// The whole answer text (all text blocks / deltas joined).
    pub text: String,
    /// The model that answered, as the endpoint names it (the requested one if it does not).
    pub model: String,
    pub prompt_tokens: Option<u64>,
    pub completion_tokens: Option<u64>,
    /// As the endpoint says it: `stop`/`length` (OpenAI), `end_turn`/`max_tokens` (Anthropic).
    pub stop_reason: Option<String>,
}

/// Called with each piece of text as it streams in (once with the whole text when not
/// streaming).
pub type OnText<'a> = &'a (dyn Fn(&str) + Send + Sync);

pub trait Provider: Send + Sync {
    /// `"openai"` or `"anthropic"`.
    fn name(&self) -> &str;
    /// Whether the model can see images (config `vision`); the loop skips the critic if not.
    fn supports_images(&self) -> bool;
    /// One chat completion, with the retries, time limits and cancellation of the config.
    /// Cancelling `cancel` drops the request at once and returns [`LlmError::Cancelled`].
    fn chat<'a>(
        &'a self,
        req: &'a ChatRequest,
        cancel: &'a CancellationToken,
        on_text: &'a (dyn Fn(&str) + Send + Sync),
    ) -> BoxFuture<'a, Result<ChatReply, LlmError>>;
}

/// Which wire format an endpoint speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProviderKind {
    /// OpenAI Chat Completions: OpenAI, Ollama, llama.cpp, vLLM, LM Studio, OpenRouter, ...
    OpenAi,
    /// Anthropic Messages.
    Anthropic,
}

impl ProviderKind {
    pub fn name(self) -> &'static str {
        match self {
            ProviderKind::OpenAi => "openai",
            ProviderKind::Anthropic => "anthropic",
        }
    }

    /// `"openai"` / `"anthropic"` (case-insensitive); `None` for anything else (`"offline"`
    /// is the agent's own and not an HTTP provider).
    pub fn from_name(name: &str) -> Option<ProviderKind> {
        match name.trim().to_ascii_lowercase().as_str() {
            "openai" => Some(ProviderKind::OpenAi),
            "anthropic" => Some(ProviderKind::Anthropic),
            _ => None,
        }
    }

    /// The environment variable the key is read from when none is configured.
    pub fn default_key_env(self) -> &'static str {
        match self {
            ProviderKind::OpenAi => "OPENAI_API_KEY",
            ProviderKind::Anthropic => "ANTHROPIC_API_KEY",
        }
    }

    pub fn default_base_url(self) -> &'static str {
        match self {
            ProviderKind::OpenAi => "https://api.openai.com/v1",
            ProviderKind::Anthropic => "https://api.anthropic.com",
        }
    }
}

impl fmt::Display for ProviderKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One model endpoint. Holds the NAME of the key's environment variable, never the key.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelConfig {
    pub provider: ProviderKind,
    pub model: String,
    /// OpenAI: up to `/v1` (`http://localhost:11434/v1`); `/chat/completions` is appended.
    /// Anthropic: `https://api.anthropic.com` (with or without `/v1`); `/v1/messages` is
    /// appended. `None`: the provider's own.
    pub base_url: Option<String>,
    /// The environment variable holding the key; `None`: `OPENAI_API_KEY` /
    /// `ANTHROPIC_API_KEY`. A loopback base URL needs no key.
    pub api_key_env: Option<String>,
    /// The model's context window, for the loop's budget (`None`: unknown).
    pub context_tokens: Option<u32>,
    /// Whether the model can see images.
    pub vision: bool,
    pub connect_timeout: Duration,
    /// For the whole `chat` call, retries and their waits included.
    pub total_timeout: Duration,
    /// Longest silence allowed while the answer streams in.
    pub stall_timeout: Duration,
    /// Retries after the first try (429, 5xx, overloaded, connection failures).
    pub max_retries: u32,
    /// Stream the answer (SSE). Off: one JSON answer.
    pub stream: bool,
    /// First back-off wait for 5xx/overloaded; doubles each retry, with jitter, capped at
    /// [`ModelConfig::max_retry_wait`].
    pub retry_base: Duration,
    /// Longest wait before one retry (also for a 429's `retry-after`; a longer one gives up).
    pub max_retry_wait: Duration,
}

impl ModelConfig {
    /// A config with the usual limits: connect 10 s, total 120 s, stall 60 s, 3 retries,
    /// streaming, back-off from 0.5 s up to 30 s, no vision.
    pub fn new(provider: ProviderKind, model: impl Into<String>) -> ModelConfig {
        ModelConfig {
            provider,
            model: model.into(),
            base_url: None,
            api_key_env: None,
            context_tokens: None,
            vision: false,
            connect_timeout: Duration::from_secs(10),
            total_timeout: Duration::from_secs(120),
            stall_timeout: Duration::from_secs(60),
            max_retries: 3,
            stream: true,
            retry_base: Duration::from_millis(500),
            max_retry_wait: Duration::from_secs(30),
        }
    }
}

/// The provider for this config, its key read from the environment now.
/// Errors: no key for a remote endpoint, an unusable base URL.
pub fn provider(cfg: &ModelConfig) -> Result<Box<dyn Provider>, LlmError> {
    let endpoint = http::Endpoint::new(cfg)?;
    Ok(match cfg.provider {
        ProviderKind::OpenAi => Box::new(openai::OpenAi::new(endpoint)),
        ProviderKind::Anthropic => Box::new(anthropic::Anthropic::new(endpoint)),
    })
}

/// A rough, deliberately high count of the tokens in `text` (about 3.5 characters a token,
/// as code and prose come out in common BPE vocabularies), for the loop's context budget.
pub fn estimate_tokens(text: &str) -> u32 {
    let chars = text.chars().count() as u64;
    u32::try_from((chars * 2).div_ceil(7)).unwrap_or(u32::MAX)
}

/// Tokens an image costs in the prompt, roughly (a 512×512 render: OpenAI ~255 at high detail,
/// Anthropic ~350); counted high on purpose.
pub const IMAGE_TOKENS: u32 = 800;

/// [`estimate_tokens`] for a whole request: every text part, [`IMAGE_TOKENS`] per image and a
/// few tokens of framing per message.
pub fn estimate_request_tokens(req: &ChatRequest) -> u32 {
    let mut total: u32 = 0;
    for m in &req.messages {
        total = total.saturating_add(4);
        for p in &m.parts {
            total = total.saturating_add(match p {
                Part::Text(t) => estimate_tokens(t),
                Part::Png(_) => IMAGE_TOKENS,
            });
        }
    }
    total
}
