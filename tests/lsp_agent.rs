//! The agents in the language server over stdio: "Generate asset from comment" and "Refine
//! with agent" as code actions and commands, with a real headless Blender 4.4, the offline
//! provider and a scripted OpenAI-compatible endpoint on loopback (the one stand-in).
//! Asserts the edit the editor is asked to apply, the previews, the progress, that a
//! cancelled or overtaken run leaves the document alone, and that the server keeps serving.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::scripted_llm::{Script, ScriptedLlm};
use common::{Lsp, file_uri};
use serde_json::{Value, json};

const LONG: Duration = Duration::from_secs(120);

fn start(python: &Path, dir: &Path, agent: Value) -> Lsp {
    Lsp::start_agent(
        dir,
        json!({
            "blender": {"python": python, "timeout": 120},
            "render": {"views": 1, "resolution": 48, "samples": 2},
            "rag": {"enabled": false},
            "agent": agent,
        }),
    )
}

fn execute(lsp: &mut Lsp, command: &Value, token: &str) -> i64 {
    lsp.send_request(
        "workspace/executeCommand",
        json!({"command": command["command"], "arguments": command["arguments"], "workDoneToken": token}),
    )
}

fn actions(lsp: &mut Lsp, uri: &str, range: Value, only: Option<Value>) -> Vec<Value> {
    let mut context = json!({"diagnostics": []});
    if let Some(o) = only {
        context["only"] = o;
    }
    let r = lsp
        .request("textDocument/codeAction", json!({"textDocument": {"uri": uri}, "range": range, "context": context}));
    r.as_array().cloned().unwrap_or_default()
}

fn at(line: u32, character: u32) -> Value {
    json!({"line": line, "character": character})
}

fn titled<'a>(all: &'a [Value], prefix: &str) -> Option<&'a Value> {
    all.iter().find(|a| a["title"].as_str().is_some_and(|t| t.starts_with(prefix)))
}

/// The `$/progress` messages of `token` received so far.
fn progress_messages(lsp: &Lsp, token: &str) -> Vec<String> {
    lsp.notifications
        .iter()
        .filter(|n| n["method"] == "$/progress" && n["params"]["token"] == token)
        .filter_map(|n| n["params"]["value"]["message"].as_str().map(str::to_string))
        .collect()
}

fn png_size(path: &str) -> (u32, u32) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "{path} is not a PNG");
    let be = |i: usize| u32::from_be_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
    (be(16), be(20))
}

#[test]
fn generate_from_a_comment_inserts_code_that_ran_with_one_versioned_edit() {
    let Some(python) = common::bpy_python() else { return };
    let dir = common::temp_dir("lsp-agent-generate");
    let mut lsp = start(&python, &dir, json!({"provider": "offline"}));
    let uri = file_uri(&dir.join("scene.py"));
    let text = "import bpy\n\n# a red wooden chair\n# with four legs\nprint('after')\n";
    lsp.open(&uri, text);

    // Offered on the comment, under the refactor kind; not on code, not for `only: quickfix`.
    let on_comment = actions(&mut lsp, &uri, json!({"start": at(3, 4), "end": at(3, 4)}), None);
    let generate = titled(&on_comment, "Generate asset from comment").unwrap_or_else(|| panic!("{on_comment:#?}"));
    assert_eq!(generate["kind"], "refactor.rewrite.bpy-lsp.generate");
    assert_eq!(generate["command"]["command"], "bpy-lsp.generate");
    assert_eq!(generate["command"]["arguments"], json!([{"uri": uri, "line": 3}]));
    assert!(generate.get("edit").is_none(), "offered, never run by itself: {generate}");
    let on_code = actions(&mut lsp, &uri, json!({"start": at(4, 2), "end": at(4, 2)}), None);
    assert!(titled(&on_code, "Generate").is_none(), "{on_code:#?}");
    let quickfix_only = actions(&mut lsp, &uri, json!({"start": at(3, 4), "end": at(3, 4)}), Some(json!(["quickfix"])));
    assert!(titled(&quickfix_only, "Generate").is_none(), "{quickfix_only:#?}");
    let refactor_only = actions(&mut lsp, &uri, json!({"start": at(2, 0), "end": at(2, 0)}), Some(json!(["refactor"])));
    assert!(titled(&refactor_only, "Generate").is_some(), "{refactor_only:#?}");

    let id = execute(&mut lsp, &generate["command"], "gen-1");
    let edit_req = lsp.wait_notification("workspace/applyEdit", LONG, |_| true);
    let result = lsp.response_within(id, LONG);
    assert!(result.get("error").is_none(), "{result}");
    let result = &result["result"];
    assert_eq!(result["applied"], true, "{result}");
    assert_eq!(result["provider"], "offline provider");

    // One versioned edit that inserts the code right under the comment block.
    let changes = &edit_req["params"]["edit"]["documentChanges"];
    assert_eq!(changes.as_array().map(Vec::len), Some(1), "{changes}");
    assert_eq!(changes[0]["textDocument"], json!({"uri": uri, "version": 1}));
    let edits = changes[0]["edits"].as_array().expect("edits");
    assert_eq!(edits.len(), 1);
    assert_eq!(edits[0]["range"], json!({"start": at(4, 0), "end": at(4, 0)}));
    let inserted = edits[0]["newText"].as_str().expect("newText");
    let draft = std::fs::read_to_string(result["draft"].as_str().expect("draft path")).expect("draft.py");
    assert_eq!(inserted, format!("{draft}\n"), "the code that ran, and a blank line before `print`");
    assert!(draft.starts_with("# chair") || draft.contains("rag_data/assets/chair.py"), "{draft}");
    assert!(draft.contains("import bpy"), "{draft}");
    let message = result["message"].as_str().unwrap_or("");
    assert!(message.contains("ran in Blender without error"), "{message}");
    assert!(result["blenderRuns"].as_u64().is_some_and(|n| n >= 1), "{result}");

    // The render came as a preview of this document.
    let preview = lsp.wait_notification("bpy/preview", Duration::from_secs(5), |p| p["uri"] == uri);
    let image = &preview["params"]["images"][0];
    assert_eq!(png_size(image["path"].as_str().expect("path")), (48, 48));
    assert_eq!((image["width"].as_u64(), image["height"].as_u64()), (Some(48), Some(48)));

    // Progress: begun with the title, phase lines with elapsed time, ended with the outcome.
    // tower-lsp-server may write the reply before notifications queued ahead of it, so the
    // end is waited for rather than assumed to have come with the reply.
    let end = lsp.wait_notification("$/progress", Duration::from_secs(5), |p| {
        p["token"] == "gen-1" && p["value"]["kind"] == "end"
    });
    assert_eq!(end["params"]["value"]["message"], "applied", "{end}");
    let msgs = progress_messages(&lsp, "gen-1");
    assert!(msgs.iter().any(|m| m.starts_with("[Blender run: 0:0")), "{msgs:#?}");
    assert!(!msgs.iter().any(|m| m == "applied" || m == "failed"), "one end only: {msgs:#?}");
    let begin =
        lsp.notifications.iter().find(|n| n["params"]["token"] == "gen-1" && n["params"]["value"]["kind"] == "begin");
    assert_eq!(begin.map(|b| b["params"]["value"]["title"].clone()), Some(json!("Generating asset")));
    lsp.shutdown();
}

#[test]
fn what_cannot_be_generated_gets_a_clear_error_and_the_server_keeps_serving() {
    let Some(python) = common::bpy_python() else { return };
    let dir = common::temp_dir("lsp-agent-errors");
    let mut lsp = start(&python, &dir, json!({"provider": "offline"}));
    let uri = file_uri(&dir.join("e.py"));
    lsp.open(&uri, "import bpy\n# a quantum choir of whales\n# bpy.ops.mesh.primitive_cube_add()\nx = 1\n");
    let error = |lsp: &mut Lsp, args: Value| -> String {
        let id =
            lsp.send_request("workspace/executeCommand", json!({"command": "bpy-lsp.generate", "arguments": [args]}));
        let r = lsp.response_within(id, LONG);
        r["error"]["message"].as_str().unwrap_or_else(|| panic!("expected an error: {r}")).to_string()
    };
    let m = error(&mut lsp, json!({"uri": uri, "line": 1}));
    assert!(m.contains("chair") && m.contains("provider"), "lists what it can make and how to configure a model: {m}");
    let m = error(&mut lsp, json!({"uri": uri, "line": 2}));
    assert!(m.contains("looks like code"), "{m}");
    let m = error(&mut lsp, json!({"uri": uri, "line": 3}));
    assert!(m.contains("line 4 is not a comment"), "{m}");
    let m = error(&mut lsp, json!({"uri": uri}));
    assert!(m.contains("{uri, line}"), "{m}");
    assert!(!lsp.notifications.iter().any(|n| n["method"] == "workspace/applyEdit"));
    assert!(lsp.completion_labels(&uri, (3, 0)).iter().any(|l| l == "bpy"));
    lsp.shutdown();
}

const PLAN: &str = "- seat: a flat box\nArrangement: on the floor.";

fn fenced(code: &str) -> String {
    format!("Here is the script.\n\n```python\n{code}```\n")
}

fn model_agent(llm: &ScriptedLlm) -> Value {
    json!({"provider": "openai", "model": "scripted-model", "baseUrl": llm.openai_base_url(), "vision": false, "rounds": 0, "timeout": 30})
}

#[test]
fn refine_replaces_the_selected_lines_with_code_the_model_wrote_and_blender_ran() {
    let Some(python) = common::bpy_python() else { return };
    let dir = common::temp_dir("lsp-agent-refine");
    let refined = "import bpy\n\nbpy.ops.mesh.primitive_cube_add(size=0.9, location=(0, 0, 0.5))\nbpy.context.active_object.scale.z = 0.2\n";
    let llm = ScriptedLlm::start(vec![Script::openai_stream(&fenced(refined))]);
    let mut lsp = start(&python, &dir, model_agent(&llm));
    let uri = file_uri(&dir.join("table.py"));
    let text = "# a table\n# refine: make the top twice as thick\nimport bpy\n\nbpy.ops.mesh.primitive_cube_add(size=0.9, location=(0, 0, 0.5))\nbpy.context.active_object.scale.z = 0.1\nprint('end')\n";
    lsp.open(&uri, text);

    // The selection splits lines 2 and 5: whole lines are refined; the instruction is the comment's.
    let range = json!({"start": at(2, 3), "end": at(5, 10)});
    let offered = actions(&mut lsp, &uri, range.clone(), None);
    let refine =
        titled(&offered, "Refine with agent: make the top twice as thick").unwrap_or_else(|| panic!("{offered:#?}"));
    assert_eq!(refine["kind"], "refactor.rewrite.bpy-lsp.refine");
    assert_eq!(refine["command"]["arguments"][0]["instruction"], "make the top twice as thick");
    let id = execute(&mut lsp, &refine["command"], "refine-1");
    let edit_req = lsp.wait_notification("workspace/applyEdit", LONG, |_| true);
    let result = lsp.response_within(id, LONG);
    assert_eq!(result["result"]["applied"], true, "{result}");
    assert_eq!(result["result"]["modelCalls"], 1, "{result}");

    let reqs = llm.requests();
    assert_eq!(reqs.len(), 1);
    let asked = reqs[0].text();
    assert!(asked.contains("make the top twice as thick"), "{asked}");
    assert!(asked.contains("bpy.context.active_object.scale.z = 0.1"), "the selected code: {asked}");
    assert!(!asked.contains("print('end')"), "only the selection: {asked}");

    // The `# refine:` line and the selected lines are replaced, nothing else.
    let edit = &edit_req["params"]["edit"]["documentChanges"][0]["edits"][0];
    assert_eq!(edit["range"], json!({"start": at(1, 0), "end": at(6, 0)}));
    assert_eq!(edit["newText"], refined);
    lsp.shutdown();
}

#[test]
fn cancel_stops_the_blender_run_and_leaves_the_document_and_the_next_run_works() {
    let Some(python) = common::bpy_python() else { return };
    let dir = common::temp_dir("lsp-agent-cancel");
    let forever = "import bpy\n\nbpy.ops.mesh.primitive_cube_add()\nn = 0\nwhile n >= 0:\n    n += 1\n";
    let llm = ScriptedLlm::start(vec![Script::openai_stream(PLAN), Script::openai_stream(&fenced(forever))]);
    let mut lsp = start(&python, &dir, model_agent(&llm));
    let uri = file_uri(&dir.join("loop.py"));
    lsp.open(&uri, "import bpy\n# a small table\n");
    let command = json!({"command": "bpy-lsp.generate", "arguments": [{"uri": uri, "line": 1}]});
    let id = execute(&mut lsp, &command, "cancel-1");
    // Wait until the script runs in Blender, then cancel.
    lsp.wait_notification("$/progress", LONG, |p| {
        p["token"] == "cancel-1" && p["value"]["message"].as_str().is_some_and(|m| m.starts_with("[Blender run:"))
    });
    std::thread::sleep(Duration::from_secs(1));
    let cancelled_at = Instant::now();
    lsp.notify("window/workDoneProgress/cancel", json!({"token": "cancel-1"}));
    let r = lsp.response_within(id, LONG);
    assert_eq!(r["error"]["code"], -32800, "{r}");
    // The run's limit is 120 s: the answer came because the run was stopped.
    assert!(cancelled_at.elapsed() < Duration::from_secs(60), "{:?}", cancelled_at.elapsed());
    assert!(!lsp.notifications.iter().any(|n| n["method"] == "workspace/applyEdit"), "the document is left alone");
    assert_eq!(llm.request_count(), 2);

    // The same server and its Blender serve the next generation (offline this time).
    lsp.notify("workspace/didChangeConfiguration", json!({"settings": {"bpyLsp": {"agent": {"provider": "offline"}}}}));
    lsp.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": "import bpy\n# a wooden stool\n"}]}),
    );
    let id = execute(&mut lsp, &command, "cancel-2");
    let r = lsp.response_within(id, LONG);
    assert_eq!(r["result"]["applied"], true, "{r}");
    lsp.shutdown();
}

#[test]
fn a_document_edited_during_the_run_is_not_overwritten_and_the_draft_is_offered() {
    let Some(python) = common::bpy_python() else { return };
    let dir = common::temp_dir("lsp-agent-edited");
    let mut lsp = start(&python, &dir, json!({"provider": "offline"}));
    let uri = file_uri(&dir.join("mug.py"));
    lsp.open(&uri, "import bpy\n# a blue mug\n");
    let command = json!({"command": "bpy-lsp.generate", "arguments": [{"uri": uri, "line": 1}]});
    let id = execute(&mut lsp, &command, "edited-1");
    lsp.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": "import bpy\n# a blue mug\nx = 1\n"}]}),
    );
    let r = lsp.response_within(id, LONG);
    let result = &r["result"];
    assert_eq!(result["applied"], false, "{r}");
    let draft = result["draft"].as_str().expect("draft");
    assert!(result["message"].as_str().is_some_and(|m| m.contains("changed") && m.contains(draft)), "{result}");
    let shown = lsp.wait_notification("window/showDocument", Duration::from_secs(5), |_| true);
    assert_eq!(shown["params"]["uri"].as_str(), Some(file_uri(Path::new(draft)).as_str()));
    assert!(std::fs::read_to_string(draft).is_ok_and(|d| d.contains("rag_data/assets/mug.py")));
    assert!(!lsp.notifications.iter().any(|n| n["method"] == "workspace/applyEdit"));
    lsp.shutdown();
}
