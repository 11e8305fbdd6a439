//! What can go wrong talking to a model, each as one sentence a user can act on.
//!
//! `detail` fields hold the endpoint's own message, already scrubbed of the API key
//! (see `http::Endpoint::scrub`) and cut to a few hundred characters.

use std::fmt;
use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LlmError {
    /// No key in the environment for an endpoint that needs one.
    MissingKey { provider: String, var: String },
    /// The config cannot work (a base URL that is not http(s), ...).
    Config { provider: String, message: String },
    /// 401/403 about the key: wrong, revoked, or without access.
    Auth { provider: String, status: u16, detail: String },
    /// 404: an unknown model, or a base URL without this API.
    NotFound { provider: String, model: String, url: String, detail: String },
    /// 400/403/413/422 and the like: the endpoint refused the request itself.
    Refused { provider: String, status: u16, detail: String },
    /// 429 still after the retries, or asking for a wait longer than allowed.
    RateLimited { provider: String, attempts: u32, retry_after: Option<Duration>, detail: String },
    /// Out of credit or quota (OpenAI `insufficient_quota`, Anthropic billing errors).
    SpendLimit { provider: String, detail: String },
    /// Anthropic 529 / `overloaded_error` (and 503) still after the retries.
    Overloaded { provider: String, attempts: u32, detail: String },
    /// 5xx still after the retries.
    Server { provider: String, status: u16, attempts: u32, detail: String },
    /// The connect or the total time limit passed.
    Timeout { provider: String, what: &'static str, after: Duration },
    /// The answer stopped coming for longer than the stall limit.
    Stalled { provider: String, after: Duration },
    /// The caller cancelled.
    Cancelled,
    /// The endpoint (or model) does not take images.
    ImagesRefused { provider: String, detail: String },
    /// An answer that is not the API's: HTML, not JSON, no choices, a stream cut short.
    BadResponse { provider: String, detail: String },
    /// The connection failed (refused, reset, DNS, TLS).
    Transport { provider: String, url: String, detail: String },
}

impl LlmError {
    /// Whether trying again later (with the same request) may help.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            LlmError::RateLimited { .. }
                | LlmError::Overloaded { .. }
                | LlmError::Server { .. }
                | LlmError::Timeout { .. }
                | LlmError::Stalled { .. }
                | LlmError::Transport { .. }
        )
    }
}

fn secs(d: &Duration) -> String {
    let s = d.as_secs_f64();
    if s >= 10.0 || s.fract() == 0.0 { format!("{s:.0} s") } else { format!("{s:.1} s") }
}

/// "1 try", "3 tries".
fn tries(n: u32) -> String {
    if n == 1 { "1 try".to_string() } else { format!("{n} tries") }
}

/// ": detail" or nothing.
fn tail(detail: &str) -> String {
    if detail.is_empty() { String::new() } else { format!(": {detail}") }
}

impl fmt::Display for LlmError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LlmError::MissingKey { provider, var } => write!(
                f,
                "no API key for {provider}: set the environment variable {var} (or point base_url at a local server, which needs none)"
            ),
            LlmError::Config { provider, message } => write!(f, "{provider} is not configured right: {message}"),
            LlmError::Auth { provider, status, detail } => write!(
                f,
                "{provider} rejected the API key (HTTP {status}); check the key in its environment variable{}",
                tail(detail)
            ),
            LlmError::NotFound { provider, model, url, detail } => write!(
                f,
                "{provider} at {url} has no model '{model}' (HTTP 404); check the model name and base_url{}",
                tail(detail)
            ),
            LlmError::Refused { provider, status, detail } => {
                write!(f, "{provider} refused the request (HTTP {status}){}", tail(detail))
            }
            LlmError::RateLimited { provider, attempts, retry_after, detail } => {
                write!(f, "{provider} is rate-limiting requests (HTTP 429")?;
                if let Some(d) = retry_after {
                    write!(f, ", retry after {}", secs(d))?;
                }
                write!(f, ") after {}; try again later{}", tries(*attempts), tail(detail))
            }
            LlmError::SpendLimit { provider, detail } => {
                write!(f, "{provider} refuses for lack of credit or quota; check the account's billing{}", tail(detail))
            }
            LlmError::Overloaded { provider, attempts, detail } => {
                write!(f, "{provider} is overloaded after {}; try again later{}", tries(*attempts), tail(detail))
            }
            LlmError::Server { provider, status, attempts, detail } => {
                write!(f, "{provider} failed with HTTP {status} after {}{}", tries(*attempts), tail(detail))
            }
            LlmError::Timeout { provider, what, after } => {
                write!(f, "{provider} did not answer in time ({what} time limit of {} passed)", secs(after))
            }
            LlmError::Stalled { provider, after } => {
                write!(f, "{provider} stopped sending its answer ({} without a byte)", secs(after))
            }
            LlmError::Cancelled => write!(f, "the model request was cancelled"),
            LlmError::ImagesRefused { provider, detail } => {
                write!(f, "{provider} does not accept images for this model; set vision = false for it{}", tail(detail))
            }
            LlmError::BadResponse { provider, detail } => {
                write!(f, "{provider} sent an answer that is not its API's: {detail}")
            }
            LlmError::Transport { provider, url, detail } => {
                write!(f, "cannot reach {provider} at {url}{}", tail(detail))
            }
        }
    }
}

impl std::error::Error for LlmError {}
