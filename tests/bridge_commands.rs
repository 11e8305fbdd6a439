//! The shared Blender workflow and the server's Blender commands, with a real headless
//! Blender: cancelling a script that loops forever (through the library, as the agent calls
//! it, and through `window/workDoneProgress/cancel`), `bpy-lsp.blender.start|stop|status`,
//! `bpy/status`, the command table, and the `version` of `bpy/preview`.

mod common;

use std::time::{Duration, Instant};

use bpy_lsp::blender::service::{Blender, RunRequest, run_script};
use common::Lsp;
use serde_json::{Value, json};
use tokio_util::sync::CancellationToken;

const LONG: Duration = Duration::from_secs(90);
const FOREVER: &str = "import bpy\nn = 0\nwhile True:\n    n += 1\n";

fn start(python: &std::path::Path, name: &str) -> Lsp {
    let state = common::temp_dir(name).to_string_lossy().into_owned();
    let caps = json!({"general": {"positionEncodings": ["utf-16"]}, "window": {"workDoneProgress": true}});
    let options = json!({"bpyLsp": {"blender": {"python": python, "timeout": 60}, "render": {"views": 1, "resolution": 32, "samples": 1}}});
    Lsp::start_full(caps, options, &[("BPY_LSP_STATE_DIR", &state), ("BPY_LSP_BLENDER", "")]).0
}

fn command(lsp: &mut Lsp, name: &str, args: Value) -> Value {
    let id = lsp.send_request("workspace/executeCommand", json!({"command": name, "arguments": args}));
    lsp.response_within(id, LONG)
}

#[test]
fn run_script_returns_promptly_when_cancelled_and_blender_stays_usable() {
    let Some(python) = common::bpy_python() else { return };
    let state = common::temp_dir("workflow-cancel");
    // This test binary's only in-process Blender; the LSP tests pass their own environment.
    unsafe { std::env::set_var("BPY_LSP_STATE_DIR", &state) };
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let settings = bpy_lsp::blender::Settings { python: Some(python), ..Default::default() };
        let mut blender = Blender::new(settings);
        let quick = |code: &str| RunRequest {
            code: code.into(),
            file_name: "/tmp/quick.py".into(),
            fresh: false,
            time_limit: Some(Duration::from_secs(30)),
            render: None,
        };
        // Start Blender first, so that the cancel below stops a running loop.
        let r = run_script(&mut blender, &quick("print('warm')\n"), &CancellationToken::new()).await.unwrap();
        assert_eq!(r.result.stdout, "warm\n");
        let pid = blender.managed_pid();
        assert!(pid.is_some());
        let req = RunRequest {
            code: FOREVER.into(),
            file_name: "/tmp/forever.py".into(),
            fresh: true,
            time_limit: None,
            render: None,
        };
        let cancel = CancellationToken::new();
        let c = cancel.clone();
        let cancelled_at = std::sync::Arc::new(std::sync::Mutex::new(None));
        let at = cancelled_at.clone();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_secs(2)).await;
            *at.lock().unwrap() = Some(Instant::now());
            c.cancel();
        });
        let r = run_script(&mut blender, &req, &cancel).await;
        let after = cancelled_at.lock().unwrap().expect("cancelled").elapsed();
        assert_eq!(r, Err(bpy_lsp::blender::Error::Cancelled));
        assert!(after < Duration::from_secs(3), "returned {after:?} after the cancel");
        // The same Blender runs the next script: the loop is no longer running.
        let r = run_script(&mut blender, &quick("print('next')\n"), &CancellationToken::new()).await.unwrap();
        assert_eq!((r.result.ok, r.result.stdout.as_str()), (true, "next\n"), "{:?}", r.result);
        assert_eq!(blender.managed_pid(), pid, "the headless Blender stopped the loop and kept running");
        blender.shutdown().await;
    });
}

#[test]
fn the_lsp_run_is_cancelled_through_its_progress_token() {
    cancel_through_progress_token("lsp-cancel", FOREVER);
}

/// A script blocked in C (`time.sleep`) is stopped too, not only a Python loop.
#[test]
fn a_run_blocked_in_a_sleep_is_cancelled_through_its_progress_token() {
    cancel_through_progress_token("lsp-cancel-sleep", "import time\ntime.sleep(60)\n");
}

fn cancel_through_progress_token(name: &str, script: &str) {
    let Some(python) = common::bpy_python() else { return };
    let mut lsp = start(&python, name);
    // Blender starts on this run, so that the cancel below stops a running loop.
    lsp.open("file:///tmp/bpy-lsp-test/warm.py", "print('warm')\n");
    let r = command(&mut lsp, "bpy-lsp.runInBlender", json!(["file:///tmp/bpy-lsp-test/warm.py"]));
    assert_eq!(r["result"]["stdout"], "warm\n", "{r}");
    let uri = "file:///tmp/bpy-lsp-test/forever.py";
    lsp.open(uri, script);
    let id = lsp.send_request(
        "workspace/executeCommand",
        json!({"command": "bpy-lsp.runInBlender", "arguments": [uri], "workDoneToken": "run-1"}),
    );
    let begin = lsp.wait_notification("$/progress", LONG, |p| p["token"] == "run-1" && p["value"]["kind"] == "begin");
    assert_eq!(begin["params"]["value"]["cancellable"], true, "{begin}");
    std::thread::sleep(Duration::from_secs(2));
    let sent = Instant::now();
    lsp.notify("window/workDoneProgress/cancel", json!({"token": "run-1"}));
    let r = lsp.response_within(id, LONG);
    assert!(sent.elapsed() < Duration::from_secs(3), "answered {:?} after the cancel", sent.elapsed());
    assert_eq!(r["error"]["code"], -32800, "{r}");
    let end = lsp.wait_notification("$/progress", LONG, |p| p["token"] == "run-1" && p["value"]["kind"] == "end");
    assert_eq!(end["params"]["value"]["message"], "cancelled");

    // The same server runs the next script in Blender.
    lsp.open("file:///tmp/bpy-lsp-test/next.py", "print('next')\n");
    let r = command(&mut lsp, "bpy-lsp.runInBlender", json!(["file:///tmp/bpy-lsp-test/next.py"]));
    assert_eq!((&r["result"]["ok"], &r["result"]["stdout"]), (&json!(true), &json!("next\n")), "{r}");
    lsp.shutdown();
}

#[test]
fn blender_start_status_stop_and_bpy_status() {
    let Some(python) = common::bpy_python() else { return };
    let mut lsp = start(&python, "lsp-start-stop");
    let init_status =
        json!({"connection": "none", "version": null, "address": null, "target": "4.4", "targetSource": "the default"});

    let r = command(&mut lsp, "bpy-lsp.blender.status", json!([]));
    assert_eq!(r["result"], init_status, "{r}");

    let r = command(&mut lsp, "bpy-lsp.blender.start", json!([]));
    let status = &r["result"];
    assert_eq!((&status["connection"], &status["version"]), (&json!("headless"), &json!("4.4.0")), "{r}");
    let address = status["address"].as_str().unwrap_or("").to_string();
    assert!(address.starts_with("127.0.0.1:") && address.len() > "127.0.0.1:".len(), "{r}");
    // The connected Blender's version is the target now that nothing else sets one.
    assert_eq!((&status["target"], &status["targetSource"]), (&json!("4.4"), &json!("the connected Blender")));
    let sent = lsp.wait_notification("bpy/status", LONG, |p| p["connection"] == "headless");
    assert_eq!(sent["params"], *status);
    // Status again: the same object; starting again attaches to the same Blender.
    assert_eq!(command(&mut lsp, "bpy-lsp.blender.status", json!([]))["result"], *status);
    assert_eq!(command(&mut lsp, "bpy-lsp.blender.start", json!([]))["result"]["address"], address);

    let r = command(&mut lsp, "bpy-lsp.blender.stop", json!([]));
    assert_eq!(r["result"], init_status, "{r}");
    let sent = lsp.wait_notification("bpy/status", LONG, |p| p["connection"] == "none");
    assert_eq!(sent["params"], init_status);

    // An unknown command names itself.
    let r = command(&mut lsp, "bpy-lsp.nope", json!([]));
    assert_eq!((&r["error"]["code"], &r["error"]["message"]), (&json!(-32602), &json!("unknown command bpy-lsp.nope")));
    lsp.shutdown();
}

#[test]
fn the_command_table_is_announced_and_previews_carry_the_document_version() {
    let Some(python) = common::bpy_python() else { return };
    let state = common::temp_dir("lsp-preview-version").to_string_lossy().into_owned();
    let caps = json!({"general": {"positionEncodings": ["utf-16"]}});
    let options =
        json!({"bpyLsp": {"blender": {"python": python}, "render": {"views": 2, "resolution": 24, "samples": 1}}});
    let (mut lsp, init) = Lsp::start_full(caps, options, &[("BPY_LSP_STATE_DIR", &state), ("BPY_LSP_BLENDER", "")]);
    assert_eq!(
        init["capabilities"]["executeCommandProvider"]["commands"],
        json!([
            "bpy-lsp.runInBlender",
            "bpy-lsp.renderPreview",
            "bpy-lsp.blender.start",
            "bpy-lsp.blender.stop",
            "bpy-lsp.blender.status",
            "bpy-lsp.generate",
            "bpy-lsp.refine"
        ])
    );
    let uri = "file:///tmp/bpy-lsp-test/preview.py";
    lsp.open(uri, "import bpy\n");
    lsp.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 7}, "contentChanges": [{"text": "import bpy\nbpy.ops.mesh.primitive_monkey_add()\n"}]}),
    );
    // No render options in the command: [render] of the settings (2 views of 24 px).
    let r = command(&mut lsp, "bpy-lsp.renderPreview", json!([{"uri": uri}]));
    assert_eq!(r["result"]["ok"], true, "{r}");
    let preview = lsp.wait_notification("bpy/preview", LONG, |_| true);
    let p = &preview["params"];
    assert_eq!((&p["uri"], &p["version"]), (&json!(uri), &json!(7)), "{p}");
    let sizes: Vec<(u64, u64, u64)> = p["images"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["view"].as_u64().unwrap(), i["width"].as_u64().unwrap(), i["height"].as_u64().unwrap()))
        .collect();
    assert_eq!(sizes, [(0, 24, 24), (1, 24, 24)]);
    assert_eq!(r["result"]["version"], 7);
    lsp.shutdown();
}
