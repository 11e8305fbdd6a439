//! `config` end to end over the real binary: the tables of bpy-lsp.toml, one precedence
//! (flag > bpy-lsp.toml > environment for the CLI; LSP settings over the file for the server),
//! and a broken bpy-lsp.toml: a clear error naming the file and line, and a server that keeps
//! serving with the defaults.

mod common;

use std::path::Path;
use std::process::Command;

use common::{Lsp, file_uri, temp_dir};
use serde_json::{Value, json};

/// `bpy-lsp ARGS` in `dir` with a private state dir, no Blender on PATH or in BPY_LSP_BLENDER.
fn bpy_lsp(dir: &Path, args: &[&str], envs: &[(&str, &str)]) -> (Option<i32>, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_bpy-lsp"));
    cmd.args(args)
        .current_dir(dir)
        .env("BPY_LSP_STATE_DIR", dir.join("state"))
        .env("PATH", "/usr/bin:/bin")
        .env_remove("BPY_LSP_BLENDER")
        .env_remove("BPY_LSP_BLENDER_PYTHON")
        .env_remove("BPY_LSP_BLENDER_VERSION");
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run bpy-lsp");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The line of `blender status` that says what would be started.
fn would_start(dir: &Path, args: &[&str], envs: &[(&str, &str)]) -> String {
    let mut all = vec!["blender", "status"];
    all.extend_from_slice(args);
    let (code, out, err) = bpy_lsp(dir, &all, envs);
    assert_eq!(code, Some(0), "{out}{err}");
    out.lines().find(|l| l.starts_with("Would start")).unwrap_or("").to_string()
}

#[test]
fn the_blender_to_start_follows_one_precedence() {
    let dir = temp_dir("config-precedence");
    let env = [("BPY_LSP_BLENDER_PYTHON", "/from/env/python")];
    // The environment alone.
    assert_eq!(
        would_start(&dir, &[], &env),
        "Would start on first run: Python with bpy /from/env/python (configured Python)"
    );
    // bpy-lsp.toml over the environment; a relative path is relative to the file.
    std::fs::write(dir.join("bpy-lsp.toml"), "[blender]\npython = \"venv/bin/python\"\ntimeout = 12\n").unwrap();
    assert_eq!(
        would_start(&dir, &[], &env),
        format!(
            "Would start on first run: Python with bpy {} (configured Python)",
            dir.join("venv/bin/python").display()
        )
    );
    // The flag over both.
    assert_eq!(
        would_start(&dir, &["--blender-python", "/from/flag/python"], &env),
        "Would start on first run: Python with bpy /from/flag/python (configured Python)"
    );
    // `[blender] path` (a Blender binary) is chosen before any Python.
    std::fs::write(dir.join("bpy-lsp.toml"), "[blender]\npath = \"/opt/blender/blender\"\n").unwrap();
    assert_eq!(
        would_start(&dir, &[], &env),
        "Would start on first run: blender binary /opt/blender/blender (configured Blender binary)"
    );
}

#[test]
fn a_broken_file_is_an_error_with_its_path_and_line_for_the_cli() {
    let dir = temp_dir("config-broken-cli");
    std::fs::write(dir.join("walk.py"), "import bpy\n").unwrap();
    let toml = dir.join("bpy-lsp.toml");
    std::fs::write(&toml, "blender-version = \"4.4\"\n[render]\nviews = \"four\"\n").unwrap();
    let (code, out, err) = bpy_lsp(&dir, &["check", "walk.py"], &[]);
    assert_eq!((code, out.as_str()), (Some(2), ""));
    assert_eq!(err, format!("bpy-lsp: {}: line 3: invalid type: string \"four\", expected u32\n", toml.display()));
    std::fs::write(&toml, "[agent\nprovider = \"openai\"\n").unwrap();
    let (code, _, err) = bpy_lsp(&dir, &["blender", "status"], &[]);
    assert_eq!(code, Some(2));
    assert!(err.starts_with(&format!("bpy-lsp: {}: line 1: ", toml.display())), "{err}");
    // A bad environment variable is named too.
    std::fs::remove_file(&toml).unwrap();
    let (code, _, err) = bpy_lsp(&dir, &["check", "walk.py"], &[("BPY_LSP_RAG", "sometimes")]);
    assert_eq!((code, err.as_str()), (Some(2), "bpy-lsp: BPY_LSP_RAG must be on or off, got \"sometimes\"\n"));
}

/// `Action.slots` is new in 4.4: fine for 4.4, an error for 4.2.
const SCRIPT: &str = "import bpy\n\naction = bpy.data.actions.new(\"Walk\")\nslot = action.slots.new(id_type='OBJECT', name=\"Walker\")\n";

fn diagnostics_of(lsp: &mut Lsp, uri: &str) -> Vec<String> {
    lsp.open(uri, SCRIPT);
    let u = uri.to_string();
    let n = lsp.wait_notification("textDocument/publishDiagnostics", common::TIMEOUT, move |p| p["uri"] == *u);
    n["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn a_broken_file_is_shown_and_the_server_keeps_serving_with_the_defaults() {
    let dir = temp_dir("config-broken-server");
    let toml = dir.join("bpy-lsp.toml");
    // The version is fine but the file as a whole does not parse: none of it is used.
    std::fs::write(&toml, "blender-version = \"4.2\"\n\n[blender]\ntimeout = \n").unwrap();
    let uri = file_uri(&dir.join("walk.py"));
    let mut lsp = Lsp::start_rooted(&dir, Value::Null, &[]);
    let m = lsp.wait_notification("window/showMessage", common::TIMEOUT, |_| true);
    let message = m["params"]["message"].as_str().unwrap().to_string();
    let prefix = format!("bpy-lsp: {}: line 4: ", toml.display());
    assert!(message.starts_with(&prefix) && message.ends_with(" (the file is not used)"), "{message}");
    // Served on the default target, 4.4: no BPY004 for `slots`.
    assert_eq!(diagnostics_of(&mut lsp, &uri), Vec::<String>::new());
    let hover = lsp.hover_text(&uri, (2, 20));
    assert!(hover.contains("BlendData.actions: bpy_prop_collection of Action"), "{hover}");
    lsp.shutdown();
}

#[test]
fn lsp_settings_of_the_wrong_type_are_shown_and_the_rest_is_used() {
    let dir = temp_dir("config-bad-lsp");
    std::fs::write(dir.join("bpy-lsp.toml"), "[render]\nviews = 3\n").unwrap();
    let uri = file_uri(&dir.join("walk.py"));
    let options = json!({"bpyLsp": {"blenderVersion": "4.2", "blender": {"timeout": "long"}}});
    let mut lsp = Lsp::start_rooted(&dir, options, &[]);
    let m = lsp.wait_notification("window/showMessage", common::TIMEOUT, |_| true);
    assert_eq!(m["params"]["message"], "bpy-lsp: bpyLsp.blender: invalid type: string \"long\", expected f64");
    // blenderVersion still counts.
    assert_eq!(diagnostics_of(&mut lsp, &uri), vec!["BPY004".to_string()]);
    lsp.shutdown();
}
