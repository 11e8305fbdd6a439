//! The targeted Blender version, end to end over the real binary: bpy-lsp.toml, LSP settings,
//! `--blender-version`, BPY_LSP_BLENDER_VERSION, their precedence, and unknown versions, for
//! both `bpy-lsp serve` and `bpy-lsp check`.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use common::{Lsp, file_uri, temp_dir};
use serde_json::{Value, json};

/// `Action.slots` is new in Blender 4.4: fine for 4.4, an error for 4.2.
const SCRIPT: &str = "import bpy\n\naction = bpy.data.actions.new(\"Walk\")\nslot = action.slots.new(id_type='OBJECT', name=\"Walker\")\n";
const MESSAGE_42: &str = "'Action' has no attribute 'slots' (added in 4.3 or 4.4)";

fn workspace(name: &str, toml: Option<&str>) -> (PathBuf, String) {
    let dir = temp_dir(name);
    if let Some(t) = toml {
        std::fs::write(dir.join("bpy-lsp.toml"), t).unwrap();
    }
    let script = dir.join("walk.py");
    std::fs::write(&script, SCRIPT).unwrap();
    (dir, file_uri(&script))
}

/// Open the script and return its first published diagnostics as (code, line, character, message).
fn open_and_diagnose(lsp: &mut Lsp, uri: &str) -> Vec<(String, u64, u64, String)> {
    lsp.open(uri, SCRIPT);
    let uri_owned = uri.to_string();
    let n = lsp.wait_notification("textDocument/publishDiagnostics", common::TIMEOUT, move |p| p["uri"] == *uri_owned);
    summary(&n["params"])
}

fn summary(params: &Value) -> Vec<(String, u64, u64, String)> {
    params["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or("").to_string(),
                d["range"]["start"]["line"].as_u64().unwrap(),
                d["range"]["start"]["character"].as_u64().unwrap(),
                d["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn slots_42() -> Vec<(String, u64, u64, String)> {
    vec![("BPY004".to_string(), 3, 14, MESSAGE_42.to_string())]
}

#[test]
fn bpy_lsp_toml_sets_the_target_of_the_server() {
    let (dir, uri) = workspace("toml42", Some("# the add-on supports the LTS\nblender-version = \"4.2\"\n"));
    let mut lsp = Lsp::start_rooted(&dir, Value::Null, &[]);
    assert_eq!(open_and_diagnose(&mut lsp, &uri), slots_42());
    lsp.shutdown();

    // Without the file: 4.4, where the name exists.
    let (dir, uri) = workspace("notoml", None);
    let mut lsp = Lsp::start_rooted(&dir, Value::Null, &[]);
    assert_eq!(open_and_diagnose(&mut lsp, &uri), vec![]);
    lsp.shutdown();
}

#[test]
fn precedence_flag_over_settings_over_file_over_env() {
    // LSP settings over bpy-lsp.toml.
    let (dir, uri) = workspace("settings_over_file", Some("blender-version = \"4.2\"\n"));
    let mut lsp = Lsp::start_rooted(&dir, json!({"bpyLsp": {"blenderVersion": "4.4"}}), &[]);
    assert_eq!(open_and_diagnose(&mut lsp, &uri), vec![]);
    lsp.shutdown();
    // The flag over LSP settings.
    let (dir, uri) = workspace("flag_over_settings", None);
    let mut lsp =
        Lsp::start_args(&dir, &["--blender-version", "4.2"], json!({"bpyLsp": {"blenderVersion": "4.4"}}), &[]);
    assert_eq!(open_and_diagnose(&mut lsp, &uri), slots_42());
    lsp.shutdown();
    // bpy-lsp.toml over the environment.
    let (dir, uri) = workspace("file_over_env", Some("blender-version = \"4.4\"\n"));
    let mut lsp = Lsp::start_rooted(&dir, Value::Null, &[("BPY_LSP_BLENDER_VERSION", "4.2")]);
    assert_eq!(open_and_diagnose(&mut lsp, &uri), vec![]);
    lsp.shutdown();
    // The environment alone.
    let (dir, uri) = workspace("env", None);
    let mut lsp = Lsp::start_rooted(&dir, Value::Null, &[("BPY_LSP_BLENDER_VERSION", "4.2")]);
    assert_eq!(open_and_diagnose(&mut lsp, &uri), slots_42());
    lsp.shutdown();
}

#[test]
fn a_settings_change_lints_open_documents_again() {
    let (dir, uri) = workspace("settings_change", None);
    let mut lsp = Lsp::start_rooted(&dir, Value::Null, &[]);
    assert_eq!(open_and_diagnose(&mut lsp, &uri), vec![]);

    lsp.notify("workspace/didChangeConfiguration", json!({"settings": {"bpyLsp": {"blenderVersion": "4.2"}}}));
    let u = uri.clone();
    let n = lsp.wait_notification("textDocument/publishDiagnostics", common::TIMEOUT, move |p| p["uri"] == *u);
    assert_eq!(n["params"]["version"], 1);
    assert_eq!(summary(&n["params"]), slots_42());
    // Hover and completion use the target too: 4.2 has no `slots` to complete.
    let labels = lsp.completion_labels(&uri, (3, 14));
    assert!(!labels.iter().any(|l| l == "slots"), "{labels:?}");
    assert!(labels.iter().any(|l| l == "fcurves"), "{labels:?}");

    // Clearing the setting goes back to the next source (here the default, 4.4).
    lsp.notify("workspace/didChangeConfiguration", json!({"settings": {"bpyLsp": {"blenderVersion": null}}}));
    let u = uri.clone();
    let n = lsp.wait_notification("textDocument/publishDiagnostics", common::TIMEOUT, move |p| p["uri"] == *u);
    assert_eq!(summary(&n["params"]), vec![]);
    assert!(lsp.completion_labels(&uri, (3, 14)).iter().any(|l| l == "slots"));

    // Another tool's settings change nothing: no publish follows.
    lsp.notify("workspace/didChangeConfiguration", json!({"settings": {"python": {"analysis": {}}}}));
    std::thread::sleep(Duration::from_millis(500));
    let _ = lsp
        .request("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 7}}));
    assert!(
        !lsp.notifications.iter().any(|m| m["method"] == "textDocument/publishDiagnostics"),
        "{:?}",
        lsp.notifications
    );
    lsp.shutdown();
}

#[test]
fn an_unknown_version_is_shown_and_4_4_is_used() {
    let (dir, uri) = workspace("unknown_setting", None);
    let mut lsp = Lsp::start_rooted(&dir, json!({"bpyLsp": {"blenderVersion": "3.6"}}), &[]);
    let m = lsp.wait_notification("window/showMessage", common::TIMEOUT, |_| true);
    assert_eq!(
        m["params"],
        json!({"type": 2, "message": "bpy-lsp: no API database for Blender 3.6 (from the LSP setting bpyLsp.blenderVersion); available: 4.2, 4.4, 4.5, 5.0; using Blender 4.4"})
    );
    assert_eq!(open_and_diagnose(&mut lsp, &uri), vec![]);
    // Changed to another unknown one later: shown again.
    lsp.notify("workspace/didChangeConfiguration", json!({"settings": {"bpyLsp": {"blenderVersion": "9.9"}}}));
    let m = lsp.wait_notification("window/showMessage", common::TIMEOUT, |_| true);
    assert_eq!(
        m["params"]["message"],
        "bpy-lsp: no API database for Blender 9.9 (from the LSP setting bpyLsp.blenderVersion); available: 4.2, 4.4, 4.5, 5.0; using Blender 4.4"
    );
    lsp.shutdown();

    // From bpy-lsp.toml: the message names the file.
    let (dir, _) = workspace("unknown_file", Some("blender-version = \"3.6\"\n"));
    let mut lsp = Lsp::start_rooted(&dir, Value::Null, &[]);
    let m = lsp.wait_notification("window/showMessage", common::TIMEOUT, |_| true);
    assert_eq!(
        m["params"]["message"],
        format!(
            "bpy-lsp: no API database for Blender 3.6 (from {}); available: 4.2, 4.4, 4.5, 5.0; using Blender 4.4",
            dir.join("bpy-lsp.toml").display()
        )
    );
    lsp.shutdown();
}

fn check(dir: &Path, args: &[&str], envs: &[(&str, &str)]) -> (Option<i32>, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_bpy-lsp"));
    cmd.arg("check").args(args).current_dir(dir).env_remove("BPY_LSP_BLENDER_VERSION");
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn check_reads_bpy_lsp_toml() {
    let (dir, _) = workspace("check_toml", Some("[bpy-lsp]\nblender-version = \"4.2\"\n"));
    let sub = dir.join("scripts");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::rename(dir.join("walk.py"), sub.join("walk.py")).unwrap();
    let expected = format!("{}:4:15: BPY004 {MESSAGE_42}\n", sub.join("walk.py").display());
    // The file is found from the checked path's ancestors, wherever check runs.
    let (code, out, err) = check(Path::new("/"), &[sub.to_str().unwrap()], &[]);
    assert_eq!((code, out.as_str()), (Some(1), expected.as_str()), "{err}");
    assert!(err.ends_with(", Blender 4.2.23)\n"), "{err}");
    // The flag wins over the file; the file over the environment.
    let (code, out, _) = check(&dir, &["--blender-version", "4.4", "scripts"], &[]);
    assert_eq!((code, out.as_str()), (Some(0), ""));
    let (code, _, _) = check(&dir, &["scripts"], &[("BPY_LSP_BLENDER_VERSION", "4.4")]);
    assert_eq!(code, Some(1));

    // The environment alone.
    let (dir, _) = workspace("check_env", None);
    let (code, out, _) = check(&dir, &[], &[("BPY_LSP_BLENDER_VERSION", "4.2")]);
    assert_eq!((code, out.as_str()), (Some(1), format!("./walk.py:4:15: BPY004 {MESSAGE_42}\n").as_str()));

    // An unknown version in the file is an error that names the file.
    let (dir, _) = workspace("check_unknown", Some("blender-version = \"4.3\"\n"));
    let (code, out, err) = check(&dir, &["walk.py"], &[]);
    assert_eq!((code, out.as_str()), (Some(2), ""));
    assert_eq!(
        err,
        format!(
            "bpy-lsp: no API database for Blender 4.3 (from {}); available: 4.2, 4.4, 4.5, 5.0\n",
            dir.join("bpy-lsp.toml").display()
        )
    );
    // A broken file is an error too.
    std::fs::write(dir.join("bpy-lsp.toml"), "blender-version = [4]\n").unwrap();
    let (code, _, err) = check(&dir, &["walk.py"], &[]);
    assert_eq!(code, Some(2));
    assert_eq!(
        err,
        format!(
            "bpy-lsp: {}: line 1: blender-version must be a string such as \"4.2\", got [4]\n",
            dir.join("bpy-lsp.toml").display()
        )
    );
}

/// Nothing sets a version: the connected Blender's (here a real Blender 4.2, run headless by
/// the server) becomes the target once it is known, and the open documents are linted again.
/// A version that is set wins over the connected Blender.
#[test]
fn the_connected_blenders_version_is_the_target_when_nothing_sets_one() {
    let Some(python) = common::bpy_python_42() else { return };
    let run = |lsp: &mut Lsp, uri: &str| {
        let args = json!({"command": "bpy-lsp.runInBlender", "arguments": [uri]});
        let id = lsp.send_request("workspace/executeCommand", args);
        lsp.response_within(id, Duration::from_secs(120))["result"].clone()
    };
    let options = json!({"bpyLsp": {"blender": {"python": python, "timeout": 60}}});

    let (dir, uri) = workspace("connected42", None);
    let state = temp_dir("connected42-state").to_string_lossy().into_owned();
    let envs = [("BPY_LSP_STATE_DIR", state.as_str()), ("BPY_LSP_BLENDER", "")];
    let mut lsp = Lsp::start_rooted(&dir, options.clone(), &envs);
    assert_eq!(open_and_diagnose(&mut lsp, &uri), vec![], "4.4 before any Blender is known");
    // The script fails in Blender 4.2 where bpy-lsp, now targeting 4.2, flags it.
    let r = run(&mut lsp, &uri);
    assert_eq!(r["ok"], false, "{r}");
    let error = (r["error"]["type"].clone(), r["error"]["line"].clone());
    assert_eq!(error, (json!("AttributeError"), json!(3)), "{r}");
    let log = lsp.wait_notification("window/logMessage", common::TIMEOUT, |p| {
        p["message"].as_str().is_some_and(|m| m.starts_with("bpy-lsp: targeting"))
    });
    assert_eq!(log["params"]["message"], "bpy-lsp: targeting Blender 4.2 (was 4.4)");
    let u = uri.clone();
    let n = lsp.wait_notification("textDocument/publishDiagnostics", Duration::from_secs(30), move |p| {
        p["uri"] == *u && p["diagnostics"].as_array().is_some_and(|d| d.iter().any(|d| d["source"] == "bpy-lsp"))
    });
    let lint: Vec<_> = summary(&n["params"]).into_iter().filter(|d| d.0.starts_with("BPY")).collect();
    assert_eq!(lint, slots_42());
    lsp.shutdown();

    // bpy-lsp.toml says 4.4: the connected 4.2 changes nothing.
    let (dir, uri) = workspace("connected42_toml44", Some("blender-version = \"4.4\"\n"));
    let mut lsp = Lsp::start_rooted(&dir, options, &envs);
    assert_eq!(open_and_diagnose(&mut lsp, &uri), vec![]);
    assert_eq!(run(&mut lsp, &uri)["ok"], false);
    let _ = lsp
        .request("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 7}}));
    std::thread::sleep(Duration::from_millis(800));
    let _ = lsp
        .request("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 7}}));
    let retargeted = lsp.notifications.iter().any(|m| {
        m["method"] == "window/logMessage"
            && m["params"]["message"].as_str().is_some_and(|s| s.starts_with("bpy-lsp: targeting"))
    });
    assert!(!retargeted, "{:#?}", lsp.notifications);
    let lint_published = lsp.notifications.iter().any(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["diagnostics"].as_array().is_some_and(|d| d.iter().any(|d| d["source"] == "bpy-lsp"))
    });
    assert!(!lint_published, "{:#?}", lsp.notifications);
    lsp.shutdown();
}
