//! The scripted LLM endpoint of the tests (tests/common/scripted_llm.rs) checked with the
//! official `openai` and `anthropic` Python SDKs (installed into .venv by
//! scripts/install-test-deps.sh): they must parse its answers, streamed and not, and its
//! error bodies, so the stand-in the provider and agent tests use speaks the real protocols.

mod common;

use std::process::Command;

use common::scripted_llm::{Script, ScriptedLlm, anthropic_error_event};
use serde_json::Value;

const CODE: &str = "```python\nimport bpy\n\n# A lantern: 12 ribs, gold trim ✨\nbpy.ops.mesh.primitive_cylinder_add(vertices=12)\n```";

#[test]
fn official_sdks_parse_the_scripted_answers() {
    let python = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/python");
    assert!(python.exists(), "{} is missing: run scripts/install-test-deps.sh", python.display());
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/llm_sdk/check_sdks.py");

    let llm = ScriptedLlm::start(vec![
        Script::openai(CODE).usage(321, 45).model("gpt-scripted"),
        Script::openai_stream(CODE).usage(322, 46).stop_reason("length"),
        Script::openai_error(401, "invalid_api_key", "Incorrect API key provided: sk-sdk-ch***heck."),
        Script::anthropic(CODE).usage(123, 67).model("claude-scripted"),
        Script::anthropic_stream(CODE).usage(124, 68).stop_reason("max_tokens"),
        Script::anthropic_error(529, "overloaded_error", "Overloaded"),
        Script::anthropic_stream(CODE).insert(5, &anthropic_error_event("overloaded_error", "Overloaded")).end_after(5),
    ]);

    let out = Command::new(&python)
        .arg(&script)
        .arg(llm.port.to_string())
        // The SDKs' HTTP client (httpx) honours proxies from the environment.
        .env("NO_PROXY", "127.0.0.1,localhost")
        .env("no_proxy", "127.0.0.1,localhost")
        .output()
        .expect("run check_sdks.py");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "check_sdks.py failed (run scripts/install-test-deps.sh if openai/anthropic are missing):\n{stderr}");
    let v: Value = serde_json::from_slice(&out.stdout).expect("check_sdks.py prints JSON");
    eprintln!("SDK versions: {}", v["versions"]);

    let o = &v["openai"];
    assert_eq!(o["text"], CODE);
    assert_eq!(o["model"], "gpt-scripted");
    assert_eq!((o["prompt_tokens"].as_u64(), o["completion_tokens"].as_u64()), (Some(321), Some(45)));
    assert_eq!(o["stop_reason"], "stop");

    let s = &v["openai_stream"];
    assert_eq!(s["text"], CODE);
    assert_eq!(s["model"], "scripted-model");
    assert_eq!((s["prompt_tokens"].as_u64(), s["completion_tokens"].as_u64()), (Some(322), Some(46)));
    assert_eq!(s["stop_reason"], "length");
    // Role chunk, the pieces, the finish chunk and the usage chunk (`[DONE]` is not a chunk).
    let pieces = common::scripted_llm::pieces(CODE).len() as u64;
    assert_eq!(s["chunks"].as_u64(), Some(pieces + 3));

    let e = &v["openai_401"];
    assert_eq!(e["error"], "AuthenticationError");
    assert_eq!(e["status"], 401);
    assert_eq!(e["code"], "invalid_api_key");
    assert!(e["message"].as_str().is_some_and(|m| m.contains("Incorrect API key provided")), "{e}");

    let a = &v["anthropic"];
    assert_eq!(a["text"], CODE);
    assert_eq!(a["model"], "claude-scripted");
    assert_eq!((a["prompt_tokens"].as_u64(), a["completion_tokens"].as_u64()), (Some(123), Some(67)));
    assert_eq!(a["stop_reason"], "end_turn");

    let s = &v["anthropic_stream"];
    assert_eq!(s["text"], CODE);
    assert_eq!(s["final_text"], CODE);
    assert_eq!((s["prompt_tokens"].as_u64(), s["completion_tokens"].as_u64()), (Some(124), Some(68)));
    assert_eq!(s["stop_reason"], "max_tokens");

    let e = &v["anthropic_529"];
    assert_eq!(e["status"], 529);
    assert_eq!(e["type"], "overloaded_error");
    assert!(e["error"].as_str().is_some_and(|n| n != "null"), "{e}");

    // message_start, ping, content_block_start, 2 deltas, then the error event.
    let e = &v["anthropic_stream_error"];
    assert_eq!(e["type"], "overloaded_error", "{e}");
    let first_two: String = common::scripted_llm::pieces(CODE).iter().take(2).cloned().collect();
    assert_eq!(e["text"], first_two.as_str());

    let reqs = llm.requests();
    let paths: Vec<&str> = reqs.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(
        paths,
        ["/v1/chat/completions", "/v1/chat/completions", "/v1/chat/completions", "/v1/messages", "/v1/messages", "/v1/messages", "/v1/messages"]
    );
    assert_eq!(reqs[0].header("authorization"), Some("Bearer sk-sdk-check"));
    // The SDK sends its key as `x-api-key` or (2.x) as a bearer token, and its own API version.
    let key = reqs[3].header("x-api-key").map(str::to_string).or(reqs[3].header("authorization").map(str::to_string));
    assert!(key.is_some_and(|k| k.ends_with("sk-ant-sdk-check")), "{:?}", reqs[3].headers);
    assert!(reqs[3].header("anthropic-version").is_some());
    assert_eq!(reqs[1].json["stream_options"]["include_usage"], true);
    assert_eq!(reqs[0].text(), "a red lantern");
    assert_eq!(llm.remaining(), 0);
}
