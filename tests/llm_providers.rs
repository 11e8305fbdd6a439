//! The LLM providers (src/agent/llm) against the scripted OpenAI-compatible and Anthropic
//! endpoints of tests/common/scripted_llm.rs over real HTTP on loopback: both wire formats
//! streamed and not, images, the retry policy, the time limits, cancellation and the errors
//! of broken answers, and that the key never shows in an error.

mod common;

use std::sync::{Arc, Mutex, Once};
use std::time::{Duration, Instant};

use base64::Engine;
use bpy_lsp::agent::llm::{
    self, ChatReply, ChatRequest, LlmError, Message, ModelConfig, Part, ProviderKind, Role,
};
use common::scripted_llm::{Recorded, Script, ScriptedLlm, anthropic_error_event, pieces};
use tokio_util::sync::CancellationToken;

const KEY_VAR: &str = "BPY_LSP_TEST_LLM_KEY";
const KEY: &str = "sk-test-SECRET-0123456789abcdefghij";
const UNSET_VAR: &str = "BPY_LSP_TEST_LLM_KEY_NOT_SET";
const CODE: &str = "```python\nimport bpy\n\n# a red lantern — 12 ribs\nbpy.ops.mesh.primitive_cylinder_add(vertices=12, radius=0.3)\n```";

fn set_key() {
    static ONCE: Once = Once::new();
    // SAFETY: set once, before any provider of this process reads the environment, to a
    // name nothing else reads; the other tests only read their own variables.
    ONCE.call_once(|| unsafe { std::env::set_var(KEY_VAR, KEY) });
}

fn config(kind: ProviderKind, llm: &ScriptedLlm, stream: bool) -> ModelConfig {
    set_key();
    let mut c = ModelConfig::new(kind, "test-model");
    c.base_url = Some(match kind {
        ProviderKind::OpenAi => llm.openai_base_url(),
        ProviderKind::Anthropic => llm.anthropic_base_url(),
    });
    c.api_key_env = Some(KEY_VAR.to_string());
    c.stream = stream;
    c.retry_base = Duration::from_millis(20);
    c.max_retry_wait = Duration::from_secs(5);
    c.total_timeout = Duration::from_secs(20);
    c.stall_timeout = Duration::from_secs(5);
    c
}

fn request() -> ChatRequest {
    ChatRequest {
        model: "test-model".into(),
        messages: vec![
            Message::text(Role::System, "You write Blender Python."),
            Message::text(Role::User, "a red lantern"),
        ],
        max_tokens: 512,
        temperature: Some(0.25),
    }
}

/// Run one chat; returns the result and every piece `on_text` got.
async fn chat(cfg: &ModelConfig, req: &ChatRequest) -> (Result<ChatReply, LlmError>, Vec<String>) {
    let provider = llm::provider(cfg).expect("provider");
    let seen = Arc::new(Mutex::new(Vec::new()));
    let s2 = seen.clone();
    let on_text = move |t: &str| s2.lock().unwrap().push(t.to_string());
    let cancel = CancellationToken::new();
    let r = provider.chat(req, &cancel, &on_text).await;
    let pieces = seen.lock().unwrap().clone();
    (r, pieces)
}

/// The error of a chat that must fail, checked to hold no trace of the key.
async fn chat_err(cfg: &ModelConfig, req: &ChatRequest) -> LlmError {
    let (r, _) = chat(cfg, req).await;
    let e = r.expect_err("the chat must fail");
    no_key(&e);
    e
}

fn no_key(e: &LlmError) {
    let shown = format!("{e} {e:?}");
    assert!(!shown.contains(KEY) && !shown.contains(&KEY[8..20]), "the key leaked: {shown}");
}

fn assert_reply(r: &ChatReply, text: &str, model: &str, usage: (u64, u64), stop: &str) {
    assert_eq!(r.text, text);
    assert_eq!(r.model, model);
    assert_eq!((r.prompt_tokens, r.completion_tokens), (Some(usage.0), Some(usage.1)));
    assert_eq!(r.stop_reason.as_deref(), Some(stop));
}

#[tokio::test]
async fn openai_answer_json_and_streamed() {
    let llm = ScriptedLlm::start(vec![
        Script::openai(CODE).usage(210, 34).model("gpt-x"),
        Script::openai_stream(CODE).usage(211, 35).model("gpt-y").stop_reason("length"),
    ]);
    let (r, seen) = chat(&config(ProviderKind::OpenAi, &llm, false), &request()).await;
    assert_reply(&r.unwrap(), CODE, "gpt-x", (210, 34), "stop");
    assert_eq!(seen, [CODE]);

    let (r, seen) = chat(&config(ProviderKind::OpenAi, &llm, true), &request()).await;
    assert_reply(&r.unwrap(), CODE, "gpt-y", (211, 35), "length");
    assert_eq!(seen, pieces(CODE), "each delta reaches on_text as it comes");

    let reqs = llm.requests();
    assert_eq!(reqs.len(), 2);
    for (req, stream) in reqs.iter().zip([false, true]) {
        assert_eq!(req.method, "POST");
        assert_eq!(req.path, "/v1/chat/completions");
        assert_eq!(req.header("authorization"), Some(format!("Bearer {KEY}").as_str()));
        assert_eq!(req.header("content-type"), Some("application/json"));
        let mut want = serde_json::json!({
            "model": "test-model",
            "messages": [
                {"role": "system", "content": "You write Blender Python."},
                {"role": "user", "content": "a red lantern"},
            ],
            "max_tokens": 512,
            "temperature": 0.25,
        });
        if stream {
            want["stream"] = true.into();
            want["stream_options"] = serde_json::json!({"include_usage": true});
        }
        assert_eq!(req.json, want);
    }
}

#[tokio::test]
async fn anthropic_answer_json_and_streamed() {
    let llm = ScriptedLlm::start(vec![
        Script::anthropic(CODE).usage(310, 44).model("claude-x"),
        Script::anthropic_stream(CODE).usage(311, 45).model("claude-y").stop_reason("max_tokens"),
    ]);
    let (r, seen) = chat(&config(ProviderKind::Anthropic, &llm, false), &request()).await;
    assert_reply(&r.unwrap(), CODE, "claude-x", (310, 44), "end_turn");
    assert_eq!(seen, [CODE]);

    let (r, seen) = chat(&config(ProviderKind::Anthropic, &llm, true), &request()).await;
    assert_reply(&r.unwrap(), CODE, "claude-y", (311, 45), "max_tokens");
    assert_eq!(seen, pieces(CODE));

    for (req, stream) in llm.requests().iter().zip([false, true]) {
        assert_eq!(req.path, "/v1/messages");
        assert_eq!(req.header("x-api-key"), Some(KEY));
        assert_eq!(req.header("anthropic-version"), Some("2023-06-01"));
        assert_eq!(req.header("authorization"), None);
        let mut want = serde_json::json!({
            "model": "test-model",
            "system": "You write Blender Python.",
            "messages": [{"role": "user", "content": [{"type": "text", "text": "a red lantern"}]}],
            "max_tokens": 512,
            "temperature": 0.25,
        });
        if stream {
            want["stream"] = true.into();
        }
        assert_eq!(req.json, want);
    }
}

/// A small real PNG (not just bytes that say PNG).
fn png(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, width, height);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    let mut w = enc.write_header().unwrap();
    let data: Vec<u8> = (0..width * height * 3).map(|i| (i * 7 % 251) as u8).collect();
    w.write_image_data(&data).unwrap();
    drop(w);
    out
}

fn critic_request(images: &[Vec<u8>]) -> ChatRequest {
    let mut parts = vec![Part::Text("List what is wrong in these renders.".into())];
    parts.extend(images.iter().cloned().map(Part::Png));
    ChatRequest {
        model: "test-model".into(),
        messages: vec![Message { role: Role::User, parts }],
        max_tokens: 256,
        temperature: None,
    }
}

#[tokio::test]
async fn images_reach_the_request_as_the_exact_base64_of_the_png() {
    let images = [png(64, 48), png(32, 32)];
    let b64: Vec<String> = images.iter().map(|p| base64::engine::general_purpose::STANDARD.encode(p)).collect();
    let llm = ScriptedLlm::start(vec![Script::openai_stream("1. the lid floats"), Script::anthropic("1. the lid floats")]);
    let req = critic_request(&images);

    let (r, _) = chat(&config(ProviderKind::OpenAi, &llm, true), &req).await;
    assert_eq!(r.unwrap().text, "1. the lid floats");
    let (r, _) = chat(&config(ProviderKind::Anthropic, &llm, false), &req).await;
    assert_eq!(r.unwrap().text, "1. the lid floats");

    let reqs = llm.requests();
    let content = &reqs[0].json["messages"][0]["content"];
    assert_eq!(content[0], serde_json::json!({"type": "text", "text": "List what is wrong in these renders."}));
    for (i, b) in b64.iter().enumerate() {
        assert_eq!(content[i + 1]["type"], "image_url");
        assert_eq!(content[i + 1]["image_url"]["url"], format!("data:image/png;base64,{b}"));
    }
    assert!(reqs[0].json.get("temperature").is_none(), "no temperature when none is asked for");

    let content = &reqs[1].json["messages"][0]["content"];
    for (i, b) in b64.iter().enumerate() {
        assert_eq!(
            content[i + 1],
            serde_json::json!({"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": b}})
        );
    }
    for r in &reqs {
        assert_eq!(r.images(), images, "decoded images are the PNGs sent");
    }
}

#[tokio::test]
async fn images_refused_by_the_endpoint() {
    let llm = ScriptedLlm::start(vec![Script::openai_error(
        400,
        "invalid_request_error",
        "This model does not support image input.",
    )]);
    let e = chat_err(&config(ProviderKind::OpenAi, &llm, true), &critic_request(&[png(8, 8)])).await;
    assert!(matches!(e, LlmError::ImagesRefused { .. }), "{e:?}");
    assert!(e.to_string().contains("does not accept images"), "{e}");
    assert_eq!(llm.request_count(), 1);
}

#[tokio::test]
async fn rate_limit_429_waits_retry_after_then_succeeds() {
    let llm = ScriptedLlm::start(vec![
        Script::openai_error(429, "rate_limit_exceeded", "Rate limit reached").header("retry-after", "1"),
        Script::openai("ok"),
    ]);
    let (r, _) = chat(&config(ProviderKind::OpenAi, &llm, false), &request()).await;
    assert_eq!(r.unwrap().text, "ok");
    let reqs = llm.requests();
    assert_eq!(reqs.len(), 2);
    let waited = reqs[1].at - reqs[0].at;
    assert!(waited >= Duration::from_secs(1) && waited < Duration::from_secs(4), "waited {waited:?}");
}

#[tokio::test]
async fn rate_limit_429_with_an_http_date() {
    let at = std::time::SystemTime::now() + Duration::from_secs(2);
    let llm = ScriptedLlm::start(vec![
        Script::anthropic_error(429, "rate_limit_error", "slow down").header("retry-after", &httpdate::fmt_http_date(at)),
        Script::anthropic_stream("ok"),
    ]);
    let (r, _) = chat(&config(ProviderKind::Anthropic, &llm, true), &request()).await;
    assert_eq!(r.unwrap().text, "ok");
    let reqs = llm.requests();
    assert_eq!(reqs.len(), 2);
    // An HTTP date has whole seconds: between 1 and 2 s from now.
    let waited = reqs[1].at - reqs[0].at;
    assert!(waited >= Duration::from_millis(900) && waited < Duration::from_secs(4), "waited {waited:?}");
}

#[tokio::test]
async fn rate_limit_asking_too_long_a_wait_gives_up_at_once() {
    let llm = ScriptedLlm::start(vec![
        Script::openai_error(429, "rate_limit_exceeded", "Rate limit reached").header("retry-after", "3600"),
    ]);
    let t = Instant::now();
    let e = chat_err(&config(ProviderKind::OpenAi, &llm, false), &request()).await;
    assert!(t.elapsed() < Duration::from_secs(2));
    assert_eq!(llm.request_count(), 1);
    let LlmError::RateLimited { retry_after, attempts, .. } = &e else { panic!("{e:?}") };
    assert_eq!((*retry_after, *attempts), (Some(Duration::from_secs(3600)), 1));
    assert!(e.to_string().contains("retry after 3600 s"), "{e}");
}

#[tokio::test]
async fn server_error_500_then_success() {
    let llm = ScriptedLlm::start(vec![Script::openai_error(500, "server_error", "boom"), Script::openai_stream(CODE)]);
    let (r, seen) = chat(&config(ProviderKind::OpenAi, &llm, true), &request()).await;
    assert_eq!(r.unwrap().text, CODE);
    assert_eq!(seen.concat(), CODE);
    assert_eq!(llm.request_count(), 2);
    assert_eq!(llm.requests()[0].json, llm.requests()[1].json, "the retry sends the same request");
}

#[tokio::test]
async fn server_errors_past_the_retries_give_up() {
    let llm = ScriptedLlm::start((0..5).map(|_| Script::openai_error(502, "bad_gateway", "upstream down")).collect());
    let mut cfg = config(ProviderKind::OpenAi, &llm, false);
    cfg.max_retries = 2;
    let e = chat_err(&cfg, &request()).await;
    assert_eq!(llm.request_count(), 3);
    let LlmError::Server { status, attempts, .. } = &e else { panic!("{e:?}") };
    assert_eq!((*status, *attempts), (502, 3));
    assert_eq!(e.to_string(), "openai failed with HTTP 502 after 3 tries: upstream down (bad_gateway)");
}

#[tokio::test]
async fn anthropic_529_overloaded_then_success() {
    let llm = ScriptedLlm::start(vec![
        Script::anthropic_error(529, "overloaded_error", "Overloaded"),
        Script::anthropic_error(529, "overloaded_error", "Overloaded"),
        Script::anthropic(CODE),
    ]);
    let (r, _) = chat(&config(ProviderKind::Anthropic, &llm, false), &request()).await;
    assert_eq!(r.unwrap().text, CODE);
    assert_eq!(llm.request_count(), 3);
}

#[tokio::test]
async fn unauthorized_401_is_one_request_and_a_clear_error_without_the_key() {
    let llm = ScriptedLlm::start(vec![
        Script::openai_error(401, "invalid_api_key", &format!("Incorrect API key provided: {KEY}. You can find your API key at https://platform.openai.com/account/api-keys.")),
        Script::openai("never sent"),
    ]);
    let e = chat_err(&config(ProviderKind::OpenAi, &llm, true), &request()).await;
    assert_eq!(llm.request_count(), 1, "401 is not retried");
    assert!(matches!(e, LlmError::Auth { status: 401, .. }), "{e:?}");
    let text = e.to_string();
    assert!(text.starts_with("openai rejected the API key (HTTP 401); check the key in its environment variable: Incorrect API key provided: [redacted]"), "{text}");

    let llm = ScriptedLlm::start(vec![Script::anthropic_error(401, "authentication_error", "invalid x-api-key")]);
    let e = chat_err(&config(ProviderKind::Anthropic, &llm, false), &request()).await;
    assert_eq!(llm.request_count(), 1);
    assert_eq!(
        e.to_string(),
        "anthropic rejected the API key (HTTP 401); check the key in its environment variable: invalid x-api-key (authentication_error)"
    );
}

#[tokio::test]
async fn unknown_model_404() {
    let llm = ScriptedLlm::start(vec![Script::raw(404, "application/json", r#"{"error":"model 'qwen9:70b' not found, try pulling it first"}"#)]);
    let mut cfg = config(ProviderKind::OpenAi, &llm, true);
    cfg.model = "qwen9:70b".into();
    let mut req = request();
    req.model = "qwen9:70b".into();
    let e = chat_err(&cfg, &req).await;
    assert_eq!(llm.request_count(), 1);
    assert_eq!(
        e.to_string(),
        format!(
            "openai at {}/chat/completions has no model 'qwen9:70b' (HTTP 404); check the model name and base_url: model 'qwen9:70b' not found, try pulling it first",
            llm.openai_base_url()
        )
    );
}

#[tokio::test]
async fn refused_400_is_not_retried() {
    let llm = ScriptedLlm::start(vec![Script::anthropic_error(400, "invalid_request_error", "max_tokens: must be at most 8192")]);
    let e = chat_err(&config(ProviderKind::Anthropic, &llm, true), &request()).await;
    assert_eq!(llm.request_count(), 1);
    assert_eq!(
        e.to_string(),
        "anthropic refused the request (HTTP 400): max_tokens: must be at most 8192 (invalid_request_error)"
    );
}

#[tokio::test]
async fn spend_limit_is_not_retried() {
    let llm = ScriptedLlm::start(vec![
        Script::openai_error(429, "insufficient_quota", "You exceeded your current quota, please check your plan and billing details."),
        Script::openai("never sent"),
    ]);
    let e = chat_err(&config(ProviderKind::OpenAi, &llm, false), &request()).await;
    assert_eq!(llm.request_count(), 1);
    assert!(matches!(e, LlmError::SpendLimit { .. }), "{e:?}");
    assert!(e.to_string().starts_with("openai refuses for lack of credit or quota"), "{e}");

    let llm = ScriptedLlm::start(vec![Script::anthropic_error(
        400,
        "invalid_request_error",
        "Your credit balance is too low to access the Anthropic API.",
    )]);
    let e = chat_err(&config(ProviderKind::Anthropic, &llm, false), &request()).await;
    assert_eq!(llm.request_count(), 1);
    assert!(matches!(e, LlmError::SpendLimit { .. }), "{e:?}");
}

#[tokio::test]
async fn html_answers() {
    let page = "<!DOCTYPE html>\n<html><head><title>LM Studio</title></head><body>Welcome</body></html>";
    let llm = ScriptedLlm::start(vec![Script::raw(200, "text/html; charset=utf-8", page), Script::raw(502, "text/html", page)]);
    let mut cfg = config(ProviderKind::OpenAi, &llm, true);
    let e = chat_err(&cfg, &request()).await;
    assert!(matches!(e, LlmError::BadResponse { .. }), "{e:?}");
    assert_eq!(
        e.to_string(),
        "openai sent an answer that is not its API's: an HTML page instead of JSON (is base_url the API's, e.g. ending in /v1?)"
    );
    cfg.max_retries = 0;
    let e = chat_err(&cfg, &request()).await;
    assert_eq!(
        e.to_string(),
        "openai failed with HTTP 502 after 1 try: the answer is an HTML page, not the API's JSON (is base_url the API's?)"
    );
}

#[tokio::test]
async fn non_json_and_empty_choices() {
    let llm = ScriptedLlm::start(vec![
        Script::raw(200, "application/json", "Internal error, try again"),
        Script::raw(200, "application/json", r#"{"id":"x","object":"chat.completion","choices":[]}"#),
        Script::raw(200, "application/json", ""),
        Script::raw(200, "application/json", r#"{"id":"msg","type":"message"}"#),
    ]);
    let cfg = config(ProviderKind::OpenAi, &llm, false);
    let e = chat_err(&cfg, &request()).await;
    assert!(e.to_string().starts_with("openai sent an answer that is not its API's: not JSON ("), "{e}");
    assert!(e.to_string().ends_with("starting \"Internal error, try again\""), "{e}");
    let e = chat_err(&cfg, &request()).await;
    assert_eq!(e.to_string(), "openai sent an answer that is not its API's: no choices in the answer");
    let e = chat_err(&cfg, &request()).await;
    assert_eq!(e.to_string(), "openai sent an answer that is not its API's: an empty answer");
    let e = chat_err(&config(ProviderKind::Anthropic, &llm, false), &request()).await;
    assert_eq!(e.to_string(), "anthropic sent an answer that is not its API's: no content in the answer");
}

#[tokio::test]
async fn truncated_streams() {
    let llm = ScriptedLlm::start(vec![
        // Role chunk and two pieces, then a clean end of the body without [DONE].
        Script::openai_stream(CODE).end_after(3),
        // message_start, ping, content_block_start, one delta, then the end.
        Script::anthropic_stream(CODE).end_after(4),
        // The connection cut in the middle of the chunked body.
        Script::openai_stream(CODE).drop_after(2),
    ]);
    let e = chat_err(&config(ProviderKind::OpenAi, &llm, true), &request()).await;
    let got = pieces(CODE).iter().take(2).map(|p| p.chars().count()).sum::<usize>();
    assert_eq!(
        e.to_string(),
        format!("openai sent an answer that is not its API's: the answer stream ended before [DONE] ({got} characters received); the connection was cut")
    );
    let e = chat_err(&config(ProviderKind::Anthropic, &llm, true), &request()).await;
    let got = pieces(CODE)[0].chars().count();
    assert_eq!(
        e.to_string(),
        format!("anthropic sent an answer that is not its API's: the answer stream ended before message_stop ({got} characters received); the connection was cut")
    );
    let e = chat_err(&config(ProviderKind::OpenAi, &llm, true), &request()).await;
    assert!(matches!(e, LlmError::BadResponse { .. }), "{e:?}");
    assert!(e.to_string().contains("broke off") || e.to_string().contains("before [DONE]"), "{e}");
    assert_eq!(llm.request_count(), 3, "a broken stream is not retried");
}

#[tokio::test]
async fn error_event_mid_stream() {
    let llm = ScriptedLlm::start(vec![
        Script::anthropic_stream(CODE).insert(4, &anthropic_error_event("overloaded_error", "Overloaded")).end_after(4),
        Script::anthropic_stream(CODE).insert(3, &anthropic_error_event("api_error", "Internal server error")).end_after(3),
        Script::openai_stream(CODE)
            .insert(2, "data: {\"error\":{\"message\":\"upstream provider failed\",\"code\":502}}\n\n")
            .end_after(2),
    ]);
    let (r, seen) = chat(&config(ProviderKind::Anthropic, &llm, true), &request()).await;
    let e = r.unwrap_err();
    assert_eq!(seen, [pieces(CODE)[0].clone()], "the text before the error was streamed");
    assert!(matches!(e, LlmError::Overloaded { .. }), "{e:?}");
    assert_eq!(e.to_string(), "anthropic is overloaded after 1 try; try again later: Overloaded");
    let e = chat_err(&config(ProviderKind::Anthropic, &llm, true), &request()).await;
    assert_eq!(
        e.to_string(),
        "anthropic sent an answer that is not its API's: it reported an error in its answer (api_error): Internal server error"
    );
    let e = chat_err(&config(ProviderKind::OpenAi, &llm, true), &request()).await;
    assert_eq!(
        e.to_string(),
        "openai sent an answer that is not its API's: it reported an error in its answer (502): upstream provider failed"
    );
}

#[tokio::test]
async fn a_stall_gives_stalled_within_the_limit() {
    let llm = ScriptedLlm::start(vec![Script::openai_stream(CODE).stall_after(2), Script::anthropic_stream(CODE).stall_after(4)]);
    for kind in [ProviderKind::OpenAi, ProviderKind::Anthropic] {
        let mut cfg = config(kind, &llm, true);
        cfg.stall_timeout = Duration::from_millis(400);
        let t = Instant::now();
        let e = chat_err(&cfg, &request()).await;
        let took = t.elapsed();
        assert!(matches!(e, LlmError::Stalled { .. }), "{e:?}");
        assert!(took >= Duration::from_millis(400) && took < Duration::from_secs(3), "{took:?}");
        assert!(e.to_string().ends_with("stopped sending its answer (0.4 s without a byte)"), "{e}");
    }
    assert_eq!(llm.request_count(), 2, "a stalled stream is not retried");
}

#[tokio::test]
async fn slow_pieces_within_the_stall_limit_are_fine() {
    let llm = ScriptedLlm::start(vec![Script::openai_stream(CODE).pause_after(2, Duration::from_millis(300)).pause_after(4, Duration::from_millis(300))]);
    let mut cfg = config(ProviderKind::OpenAi, &llm, true);
    cfg.stall_timeout = Duration::from_millis(800);
    let (r, _) = chat(&cfg, &request()).await;
    assert_eq!(r.unwrap().text, CODE);
}

#[tokio::test]
async fn total_time_limit() {
    let llm = ScriptedLlm::start(vec![Script::anthropic(CODE).delay(Duration::from_secs(10))]);
    let mut cfg = config(ProviderKind::Anthropic, &llm, false);
    cfg.total_timeout = Duration::from_millis(600);
    let t = Instant::now();
    let e = chat_err(&cfg, &request()).await;
    assert!(t.elapsed() < Duration::from_secs(3), "{:?}", t.elapsed());
    assert_eq!(e.to_string(), "anthropic did not answer in time (total time limit of 0.6 s passed)");
    assert!(e.is_transient());
}

#[tokio::test]
async fn cancellation_mid_stream_returns_at_once_and_closes_the_connection() {
    for kind in [ProviderKind::OpenAi, ProviderKind::Anthropic] {
        let script = match kind {
            ProviderKind::OpenAi => Script::openai_stream(CODE).stall_after(3),
            ProviderKind::Anthropic => Script::anthropic_stream(CODE).stall_after(5),
        };
        let llm = ScriptedLlm::start(vec![script]);
        let provider = llm::provider(&config(kind, &llm, true)).unwrap();
        let cancel = CancellationToken::new();
        let c2 = cancel.clone();
        let cancelled_at = Arc::new(Mutex::new(None));
        let at2 = cancelled_at.clone();
        // Cancel from another task once the second piece is in, as the editor would.
        let on_text = move |t: &str| {
            if t == pieces(CODE)[1] {
                *at2.lock().unwrap() = Some(Instant::now());
                let c = c2.clone();
                tokio::spawn(async move { c.cancel() });
            }
        };
        let r = provider.chat(&request(), &cancel, &on_text).await;
        let returned = Instant::now();
        assert_eq!(r.unwrap_err(), LlmError::Cancelled);
        let at = cancelled_at.lock().unwrap().expect("the second piece came");
        assert!(returned - at < Duration::from_millis(500), "{:?}", returned - at);
        // The server sees the connection go.
        let deadline = Instant::now() + Duration::from_secs(2);
        let gone = loop {
            if let Some(g) = llm.requests()[0].client_gone_at {
                break g;
            }
            assert!(Instant::now() < deadline, "the connection stayed open after the cancel");
            tokio::time::sleep(Duration::from_millis(10)).await;
        };
        assert!(gone - at < Duration::from_millis(1000), "{:?}", gone - at);
        assert_eq!(LlmError::Cancelled.to_string(), "the model request was cancelled");
    }
}

#[tokio::test]
async fn cancelled_before_it_starts_sends_nothing() {
    let llm = ScriptedLlm::start(vec![Script::openai("never")]);
    let provider = llm::provider(&config(ProviderKind::OpenAi, &llm, false)).unwrap();
    let cancel = CancellationToken::new();
    cancel.cancel();
    let r = provider.chat(&request(), &cancel, &|_| {}).await;
    assert_eq!(r.unwrap_err(), LlmError::Cancelled);
    assert_eq!(llm.request_count(), 0);
}

#[tokio::test]
async fn keys_come_from_the_environment_and_local_endpoints_need_none() {
    // A remote endpoint without its key: no request is made.
    let mut cfg = ModelConfig::new(ProviderKind::Anthropic, "claude");
    cfg.api_key_env = Some(UNSET_VAR.into());
    let e = llm::provider(&cfg).err().expect("no key, no provider");
    assert_eq!(
        e.to_string(),
        format!("no API key for anthropic: set the environment variable {UNSET_VAR} (or point base_url at a local server, which needs none)")
    );
    // A loopback endpoint works without one and sends no key header.
    let llm = ScriptedLlm::start(vec![Script::openai_stream("ok"), Script::anthropic("ok")]);
    for kind in [ProviderKind::OpenAi, ProviderKind::Anthropic] {
        let mut cfg = config(kind, &llm, kind == ProviderKind::OpenAi);
        cfg.api_key_env = Some(UNSET_VAR.into());
        let (r, _) = chat(&cfg, &request()).await;
        assert_eq!(r.unwrap().text, "ok");
    }
    let reqs: Vec<Recorded> = llm.requests();
    assert_eq!(reqs[0].header("authorization"), None);
    assert_eq!(reqs[1].header("x-api-key"), None);
    assert_eq!(reqs[1].header("anthropic-version"), Some("2023-06-01"));
    // A base URL must be http(s) and hold no credentials.
    let mut cfg = ModelConfig::new(ProviderKind::OpenAi, "m");
    cfg.base_url = Some("http://user:secret@127.0.0.1:1/v1".into());
    let e = llm::provider(&cfg).err().unwrap();
    assert!(!e.to_string().contains("secret") || e.to_string().contains("must not hold credentials"), "{e}");
    cfg.base_url = Some("ftp://127.0.0.1/v1".into());
    assert_eq!(
        llm::provider(&cfg).err().unwrap().to_string(),
        "openai is not configured right: base_url 'ftp://127.0.0.1/v1' must start with http:// or https://"
    );
}

#[tokio::test]
async fn connection_refused_is_a_transport_error() {
    // A port nothing listens on any more.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    set_key();
    let mut cfg = ModelConfig::new(ProviderKind::OpenAi, "m");
    cfg.base_url = Some(format!("http://127.0.0.1:{port}/v1"));
    cfg.retry_base = Duration::from_millis(10);
    cfg.max_retries = 1;
    let e = chat_err(&cfg, &request()).await;
    assert!(matches!(e, LlmError::Transport { .. }), "{e:?}");
    assert!(e.to_string().starts_with(&format!("cannot reach openai at http://127.0.0.1:{port}/v1/chat/completions")), "{e}");
}

#[test]
fn estimates() {
    assert_eq!(llm::estimate_tokens(""), 0);
    assert_eq!(llm::estimate_tokens("abcdefg"), 2);
    assert_eq!(llm::estimate_tokens(&"x".repeat(3500)), 1000);
    // Characters, not bytes.
    assert_eq!(llm::estimate_tokens(&"é".repeat(7)), 2);
    let req = critic_request(&[png(8, 8)]);
    assert_eq!(llm::estimate_request_tokens(&req), 4 + llm::estimate_tokens("List what is wrong in these renders.") + llm::IMAGE_TOKENS);
    assert_eq!(ProviderKind::from_name(" OpenAI "), Some(ProviderKind::OpenAi));
    assert_eq!(ProviderKind::from_name("offline"), None);
    assert_eq!(format!("{:?}", Part::Png(vec![0; 1000])), "Png(1000 bytes)");
}
