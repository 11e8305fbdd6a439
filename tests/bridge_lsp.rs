//! The language server's Blender features over stdio, with a real headless Blender:
//! run command, progress, log output, `blender` diagnostics, previews, scene names.

mod common;

use std::time::Duration;

use common::{Lsp, fixture, labels};
use serde_json::{Value, json};

const LONG: Duration = Duration::from_secs(60);

fn start(python: &std::path::Path, name: &str) -> Lsp {
    let state = common::temp_dir(name);
    let caps = json!({"general": {"positionEncodings": ["utf-16"]}, "window": {"workDoneProgress": true}});
    let options = json!({"bpyLsp": {"blender": {"python": python, "timeout": 20}}});
    let state = state.to_string_lossy().into_owned();
    Lsp::start_full(caps, options, &[("BPY_LSP_STATE_DIR", &state), ("BPY_LSP_BLENDER", "")]).0
}

fn run(lsp: &mut Lsp, command: &str, args: Value) -> Value {
    let id = lsp.send_request("workspace/executeCommand", json!({"command": command, "arguments": args}));
    let r = lsp.response_within(id, LONG);
    assert!(r.get("error").is_none(), "{command} failed: {r}");
    r["result"].clone()
}

/// The `blender` diagnostics of the next publishDiagnostics for `uri` that has some
/// (`with: true`) or none (`with: false`). Other sources (the linter) publish too.
fn blender_diagnostics(lsp: &mut Lsp, uri: &str, with: bool) -> Vec<Value> {
    let from_blender = |p: &Value| -> Vec<Value> {
        let all = p["diagnostics"].as_array().cloned().unwrap_or_default();
        all.into_iter().filter(|d| d["source"] == "blender").collect()
    };
    let msg = lsp.wait_notification("textDocument/publishDiagnostics", LONG, |p| {
        p["uri"] == uri && from_blender(p).is_empty() != with
    });
    from_blender(&msg["params"])
}

#[test]
fn run_in_blender_reports_the_raising_line_and_clears_it() {
    let Some(python) = common::bpy_python() else { return };
    let mut lsp = start(&python, "lsp-run");
    let uri = "file:///tmp/bpy-lsp-test/chair.py";
    let text = "import bpy\n\
                \n\
                print('making a chair')\n\
                \n\
                def leg(name):\n\
                \x20   return bpy.data.objects[name].location\n\
                \n\
                leg('Cube')\n\
                leg('Leg')\n";
    lsp.open(uri, text);

    let lenses = lsp.request("textDocument/codeLens", json!({"textDocument": {"uri": uri}}));
    assert_eq!(lenses[0]["command"]["command"], "bpy-lsp.runInBlender", "{lenses}");
    assert_eq!(lenses[0]["command"]["title"], "▶ Run in Blender");
    assert_eq!(lenses[0]["command"]["arguments"], json!([uri]));

    let r = run(&mut lsp, "bpy-lsp.runInBlender", json!([uri]));
    assert_eq!(r["ok"], false, "{r}");
    assert_eq!(r["stdout"], "making a chair\n");
    let diags = blender_diagnostics(&mut lsp, uri, true);
    assert_eq!(diags.len(), 1, "{diags:?}");
    let d = &diags[0];
    assert_eq!(d["source"], "blender");
    assert_eq!(d["severity"], 1);
    assert_eq!(d["range"]["start"], json!({"line": 5, "character": 11}), "{d}");
    assert_eq!(d["range"]["end"], json!({"line": 5, "character": 33}), "{d}");
    assert!(d["message"].as_str().unwrap_or("").starts_with("KeyError: "), "{d}");
    assert_eq!(d["relatedInformation"][0]["location"]["range"]["start"]["line"], 8, "{d}");

    // Progress: created by the server, begun and ended; the output went to the log. The end
    // and the command's answer travel on separate streams of the server: wait for the end.
    let end = lsp.wait_notification("$/progress", common::TIMEOUT, |p| p["value"]["kind"] == "end");
    lsp.notifications.push(end);
    let created = lsp.notifications.iter().any(|m| m["method"] == "window/workDoneProgress/create");
    assert!(created, "{:#?}", lsp.notifications);
    let kinds: Vec<String> = lsp
        .notifications
        .iter()
        .filter(|m| m["method"] == "$/progress")
        .filter_map(|m| m["params"]["value"]["kind"].as_str().map(str::to_string))
        .collect();
    assert_eq!(kinds.first().map(String::as_str), Some("begin"), "{kinds:?}");
    assert_eq!(kinds.last().map(String::as_str), Some("end"), "{kinds:?}");
    let logged = lsp.notifications.iter().any(|m| {
        m["method"] == "window/logMessage" && m["params"]["message"].as_str().unwrap_or("").contains("making a chair")
    });
    assert!(logged, "{:#?}", lsp.notifications);

    // Fixed: the next run clears the diagnostic.
    let fixed = text.replace("leg('Leg')", "leg('Light')");
    lsp.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    // Only what is published from now on counts.
    lsp.notifications.retain(|m| m["method"] != "textDocument/publishDiagnostics");
    let r = run(&mut lsp, "bpy-lsp.runInBlender", json!([uri]));
    assert_eq!(r["ok"], true, "{r}");
    assert_eq!(blender_diagnostics(&mut lsp, uri, false), Vec::<Value>::new());
    lsp.shutdown();
}

#[test]
fn scene_names_from_a_previous_run_are_completed() {
    let Some(python) = common::bpy_python() else { return };
    let mut lsp = start(&python, "lsp-names");
    let maker = "file:///tmp/bpy-lsp-test/maker.py";
    let code = "import bpy\n\
                bpy.ops.mesh.primitive_cube_add(size=0.5)\n\
                bpy.context.active_object.name = 'Seat_Board'\n\
                bpy.data.materials.new('Oak_Finish')\n";
    lsp.open(maker, code);
    let r = run(&mut lsp, "bpy-lsp.runInBlender", json!([maker]));
    assert_eq!(r["ok"], true, "{r}");

    let user = "file:///tmp/bpy-lsp-test/user.py";
    let (text, pos) = fixture("import bpy\nseat = bpy.data.objects[\"$0\"]\n");
    lsp.open(user, &text);
    let names = lsp.completion_labels(user, pos);
    for expected in ["Seat_Board", "Cube", "Camera", "Light"] {
        assert!(names.iter().any(|n| n == expected), "{expected} not in {names:?}");
    }
    let (text, pos) = fixture("import bpy\nm = bpy.data.materials['$0']\n");
    let other = "file:///tmp/bpy-lsp-test/user2.py";
    lsp.open(other, &text);
    let result = lsp.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": other}, "position": {"line": pos.0, "character": pos.1}}),
    );
    assert!(labels(&result).iter().any(|n| n == "Oak_Finish"), "{result}");
    lsp.shutdown();
}

#[test]
fn render_preview_sends_the_images() {
    let Some(python) = common::bpy_python() else { return };
    let mut lsp = start(&python, "lsp-render");
    let uri = "file:///tmp/bpy-lsp-test/scene.py";
    lsp.open(uri, "import bpy\nbpy.ops.mesh.primitive_monkey_add(location=(0, 0, 1))\n");
    let r = run(&mut lsp, "bpy-lsp.renderPreview", json!([uri, {"views": 2, "resolution": 48, "samples": 2}]));
    assert_eq!(r["ok"], true, "{r}");
    let msg = lsp.wait_notification("bpy/preview", LONG, |p| p["uri"] == uri);
    let images = msg["params"]["images"].as_array().cloned().unwrap_or_default();
    assert_eq!(images.len(), 2, "{msg}");
    for (i, img) in images.iter().enumerate() {
        assert_eq!(
            (img["view"].as_u64(), img["width"].as_u64(), img["height"].as_u64()),
            (Some(i as u64), Some(48), Some(48))
        );
        let path = img["path"].as_str().unwrap_or("");
        assert!(std::path::Path::new(path).is_file(), "{path}");
    }
    // A file without bpy gets no lens.
    let plain = "file:///tmp/bpy-lsp-test/plain.py";
    lsp.open(plain, "print(1)\n");
    assert_eq!(lsp.request("textDocument/codeLens", json!({"textDocument": {"uri": plain}})), json!([]));
    lsp.shutdown();
}
