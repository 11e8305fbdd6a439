"""Checks the scripted LLM endpoint of the tests (tests/common/scripted_llm.rs) with the
official `openai` and `anthropic` SDKs: if they parse its answers, it speaks the real wire
formats. Run by tests/llm_sdk_check.rs, which scripts the server's queue in this order and
asserts what this prints: one JSON object with what each SDK call parsed.

Usage: check_sdks.py PORT
"""

import json
import sys

import anthropic
import openai


def main() -> None:
    port = sys.argv[1]
    # No retries: every request takes exactly one scripted answer.
    oa = openai.OpenAI(base_url=f"http://127.0.0.1:{port}/v1", api_key="sk-sdk-check", max_retries=0)
    an = anthropic.Anthropic(base_url=f"http://127.0.0.1:{port}", api_key="sk-ant-sdk-check", max_retries=0)
    messages = [{"role": "user", "content": "a red lantern"}]
    out = {"versions": {"openai": openai.__version__, "anthropic": anthropic.__version__}}

    # 1. Chat Completions, one JSON answer.
    r = oa.chat.completions.create(model="m", messages=messages, max_tokens=64)
    out["openai"] = {
        "text": r.choices[0].message.content,
        "model": r.model,
        "prompt_tokens": r.usage.prompt_tokens,
        "completion_tokens": r.usage.completion_tokens,
        "stop_reason": r.choices[0].finish_reason,
    }

    # 2. Chat Completions, streamed with the usage chunk.
    text, finish, usage, model, chunks = "", None, None, None, 0
    stream = oa.chat.completions.create(
        model="m", messages=messages, max_tokens=64, stream=True, stream_options={"include_usage": True}
    )
    for chunk in stream:
        chunks += 1
        model = chunk.model
        for c in chunk.choices:
            if c.delta.content:
                text += c.delta.content
            if c.finish_reason:
                finish = c.finish_reason
        if chunk.usage is not None:
            usage = chunk.usage
    out["openai_stream"] = {
        "text": text,
        "model": model,
        "prompt_tokens": usage.prompt_tokens if usage else None,
        "completion_tokens": usage.completion_tokens if usage else None,
        "stop_reason": finish,
        "chunks": chunks,
    }

    # 3. Chat Completions error body: 401.
    try:
        oa.chat.completions.create(model="m", messages=messages, max_tokens=64)
        out["openai_401"] = {"error": None}
    except openai.APIStatusError as e:
        out["openai_401"] = {"error": type(e).__name__, "status": e.status_code, "message": e.message, "code": e.code}

    # 4. Messages, one JSON answer.
    m = an.messages.create(model="m", max_tokens=64, messages=messages)
    out["anthropic"] = {
        "text": "".join(b.text for b in m.content if b.type == "text"),
        "model": m.model,
        "prompt_tokens": m.usage.input_tokens,
        "completion_tokens": m.usage.output_tokens,
        "stop_reason": m.stop_reason,
    }

    # 5. Messages, streamed through the SDK's stream helper (which accumulates the events).
    with an.messages.stream(model="m", max_tokens=64, messages=messages) as s:
        text = "".join(s.text_stream)
        final = s.get_final_message()
    out["anthropic_stream"] = {
        "text": text,
        "final_text": "".join(b.text for b in final.content if b.type == "text"),
        "model": final.model,
        "prompt_tokens": final.usage.input_tokens,
        "completion_tokens": final.usage.output_tokens,
        "stop_reason": final.stop_reason,
    }

    # 6. Messages error body: 529 overloaded.
    try:
        an.messages.create(model="m", max_tokens=64, messages=messages)
        out["anthropic_529"] = {"error": None}
    except anthropic.APIStatusError as e:
        body = e.body if isinstance(e.body, dict) else {}
        out["anthropic_529"] = {
            "error": type(e).__name__,
            "status": e.status_code,
            "type": (body.get("error") or {}).get("type"),
        }

    # 7. Messages stream with an `error` event in the middle.
    got = ""
    try:
        with an.messages.stream(model="m", max_tokens=64, messages=messages) as s:
            for t in s.text_stream:
                got += t
        out["anthropic_stream_error"] = {"error": None, "text": got}
    except anthropic.APIStatusError as e:
        body = e.body if isinstance(e.body, dict) else {}
        out["anthropic_stream_error"] = {
            "error": type(e).__name__,
            "type": (body.get("error") or {}).get("type"),
            "text": got,
        }

    print(json.dumps(out))


if __name__ == "__main__":
    main()
