//! Which HTTP failures are worth another try, and how long to wait before it.
//!
//! Pure functions of the status, headers and error body, so the policy is tested without a
//! network: 429 waits `retry-after` (or `retry-after-ms`), 5xx and overloaded back off
//! exponentially with jitter, a spend limit and every other 4xx fail at once.

use std::time::{Duration, SystemTime};

use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde_json::Value;

/// What to do about one failed answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Try again: after `wait` if the endpoint named one, else after the back-off.
    Retry { kind: RetryKind, wait: Option<Duration> },
    /// Give up with this error kind.
    Fail(FailKind),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryKind {
    RateLimited,
    Overloaded,
    Server,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailKind {
    Auth,
    NotFound,
    Refused,
    SpendLimit,
    ImagesRefused,
}

/// The endpoint's error message, type and code from any of the usual error bodies:
/// OpenAI `{"error": {"message", "type", "code"}}`, Anthropic
/// `{"type": "error", "error": {"type", "message"}}`, Ollama/llama.cpp `{"error": "..."}`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ErrorBody {
    pub message: String,
    pub kind: String,
    pub code: String,
}

impl ErrorBody {
    pub fn parse(body: &[u8]) -> ErrorBody {
        let Ok(v) = serde_json::from_slice::<Value>(body) else {
            return ErrorBody::default();
        };
        ErrorBody::from_value(&v)
    }

    pub fn from_value(v: &Value) -> ErrorBody {
        let s = |v: Option<&Value>| match v {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => String::new(),
        };
        match v.get("error") {
            Some(Value::String(msg)) => ErrorBody { message: msg.clone(), ..ErrorBody::default() },
            Some(e @ Value::Object(_)) => {
                ErrorBody { message: s(e.get("message")), kind: s(e.get("type")), code: s(e.get("code")) }
            }
            _ => ErrorBody { message: s(v.get("message")).clone(), kind: s(v.get("type")), code: s(v.get("code")) },
        }
    }

    fn is(&self, word: &str) -> bool {
        self.kind == word || self.code == word
    }

    fn mentions(&self, word: &str) -> bool {
        self.message.to_ascii_lowercase().contains(word)
    }
}

/// Decide about a non-2xx answer. `has_images`: the request carried images (a refusal that
/// mentions images is then `ImagesRefused`, which the loop answers by skipping the critic).
pub fn judge(status: StatusCode, headers: &HeaderMap, err: &ErrorBody, has_images: bool) -> Verdict {
    let code = status.as_u16();
    // Money first: a spend limit comes as 429 (OpenAI) or 400/402 (Anthropic billing) and
    // waiting does not help.
    if err.is("insufficient_quota")
        || err.is("billing_error")
        || code == 402
        || err.mentions("credit balance")
        || err.mentions("exceeded your current quota")
    {
        return Verdict::Fail(FailKind::SpendLimit);
    }
    if has_images && (status.is_client_error() || status.is_server_error()) && code != 429 && mentions_images(err) {
        return Verdict::Fail(FailKind::ImagesRefused);
    }
    if code == 529 || err.is("overloaded_error") || code == 503 {
        return Verdict::Retry { kind: RetryKind::Overloaded, wait: retry_after(headers, SystemTime::now()) };
    }
    if code == 429 {
        return Verdict::Retry { kind: RetryKind::RateLimited, wait: retry_after(headers, SystemTime::now()) };
    }
    if status.is_server_error() || code == 408 || code == 409 {
        return Verdict::Retry { kind: RetryKind::Server, wait: retry_after(headers, SystemTime::now()) };
    }
    match code {
        401 => Verdict::Fail(FailKind::Auth),
        // 403 is a key without access as often as a refused request; the message tells.
        403 if err.is("permission_error") || err.is("authentication_error") || err.mentions("key") => {
            Verdict::Fail(FailKind::Auth)
        }
        404 => Verdict::Fail(FailKind::NotFound),
        _ => Verdict::Fail(FailKind::Refused),
    }
}

fn mentions_images(err: &ErrorBody) -> bool {
    let m = err.message.to_ascii_lowercase();
    m.contains("image") || m.contains("vision") || m.contains("multimodal") || m.contains("mmproj")
}

/// The wait the endpoint asks for: `retry-after-ms` (OpenAI), `retry-after` in seconds or as
/// an HTTP date. `None` if absent or unreadable.
pub fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let get = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim);
    if let Some(ms) = get("retry-after-ms").and_then(|v| v.parse::<f64>().ok())
        && ms.is_finite()
        && ms >= 0.0
    {
        return Some(Duration::from_secs_f64(ms / 1000.0));
    }
    let v = get("retry-after")?;
    if let Ok(s) = v.parse::<f64>() {
        return (s.is_finite() && s >= 0.0).then(|| Duration::from_secs_f64(s.min(1e9)));
    }
    let at = httpdate::parse_http_date(v).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// Exponential back-off before retry number `retry` (0 = the first retry): `base · 2^retry`,
/// capped at `cap`, then a random 50–100 % of it so that many clients do not come back at
/// the same instant.
pub fn backoff(retry: u32, base: Duration, cap: Duration) -> Duration {
    let full = base.saturating_mul(1u32.checked_shl(retry.min(20)).unwrap_or(u32::MAX)).min(cap);
    full.mul_f64(0.5 + fastrand::f64() * 0.5)
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn retry_after_seconds_date_and_ms() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        assert_eq!(retry_after(&headers(&[("retry-after", "3")]), now), Some(Duration::from_secs(3)));
        assert_eq!(retry_after(&headers(&[("retry-after", "0.5")]), now), Some(Duration::from_millis(500)));
        assert_eq!(retry_after(&headers(&[("retry-after-ms", "250")]), now), Some(Duration::from_millis(250)));
        let date = httpdate::fmt_http_date(now + Duration::from_secs(7));
        assert_eq!(retry_after(&headers(&[("retry-after", &date)]), now), Some(Duration::from_secs(7)));
        let past = httpdate::fmt_http_date(now - Duration::from_secs(7));
        assert_eq!(retry_after(&headers(&[("retry-after", &past)]), now), Some(Duration::ZERO));
        assert_eq!(retry_after(&headers(&[("retry-after", "soon")]), now), None);
        assert_eq!(retry_after(&headers(&[("retry-after", "-1")]), now), None);
        assert_eq!(retry_after(&HeaderMap::new(), now), None);
    }

    #[test]
    fn backoff_doubles_with_jitter_and_is_capped() {
        let base = Duration::from_millis(100);
        let cap = Duration::from_secs(1);
        for retry in 0..40 {
            let full = (base * 2u32.pow(retry.min(10))).min(cap);
            let b = backoff(retry, base, cap);
            assert!(b >= full / 2 && b <= full, "retry {retry}: {b:?} vs {full:?}");
        }
    }

    #[test]
    fn verdicts() {
        let none = HeaderMap::new();
        let e = |json: &str| ErrorBody::parse(json.as_bytes());
        let j = |code: u16, body: &str, img: bool| judge(StatusCode::from_u16(code).unwrap(), &none, &e(body), img);
        assert_eq!(j(401, "{}", false), Verdict::Fail(FailKind::Auth));
        assert_eq!(j(404, r#"{"error":"model 'x' not found"}"#, false), Verdict::Fail(FailKind::NotFound));
        assert_eq!(j(400, r#"{"error":{"message":"bad"}}"#, false), Verdict::Fail(FailKind::Refused));
        assert_eq!(
            j(
                429,
                r#"{"error":{"message":"You exceeded","type":"insufficient_quota","code":"insufficient_quota"}}"#,
                false
            ),
            Verdict::Fail(FailKind::SpendLimit)
        );
        assert_eq!(
            j(
                400,
                r#"{"type":"error","error":{"type":"invalid_request_error","message":"Your credit balance is too low"}}"#,
                false
            ),
            Verdict::Fail(FailKind::SpendLimit)
        );
        assert_eq!(
            j(429, r#"{"error":{"message":"slow down"}}"#, false),
            Verdict::Retry { kind: RetryKind::RateLimited, wait: None }
        );
        assert_eq!(
            j(529, r#"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#, false),
            Verdict::Retry { kind: RetryKind::Overloaded, wait: None }
        );
        assert_eq!(j(500, "oops", false), Verdict::Retry { kind: RetryKind::Server, wait: None });
        assert_eq!(
            j(400, r#"{"error":{"message":"This model does not support image input"}}"#, true),
            Verdict::Fail(FailKind::ImagesRefused)
        );
        assert_eq!(
            j(400, r#"{"error":{"message":"This model does not support image input"}}"#, false),
            Verdict::Fail(FailKind::Refused)
        );
        // llama.cpp without a projector answers 500.
        assert_eq!(
            j(500, r#"{"error":{"message":"image input is not supported"}}"#, true),
            Verdict::Fail(FailKind::ImagesRefused)
        );
    }
}
