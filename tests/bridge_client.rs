//! The bridge client and the Blender service against a real headless Blender (the pip `bpy`
//! module running editors/blender/serve.py), and against a blender-mcp style server.

mod common;

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use bpy_lsp::blender::launcher::{Launch, Managed};
use bpy_lsp::blender::{Blender, Client, Error, ExecuteParams, Settings};
use serde_json::json;

fn settings(python: PathBuf) -> Settings {
    Settings { python: Some(python), ..Settings::default() }
}

fn params(code: &str, timeout: f64) -> ExecuteParams {
    let mut p = ExecuteParams::new(code, "/tmp/bridge_test.py");
    p.timeout = Some(timeout);
    p
}

async fn managed(python: PathBuf) -> Managed {
    Managed::start(&Launch::Python(python), Duration::from_secs(60)).await.expect("start a headless Blender")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn protocol_errors_are_answered_and_the_bridge_keeps_serving() {
    let Some(python) = common::bpy_python() else { return };
    let m = managed(python).await;
    let addr = m.address();

    // A wrong token: refused, with the bridge's reason.
    match Client::connect(&addr, "not-the-token", Duration::from_secs(5)).await {
        Err(Error::Unauthorized { message, .. }) => assert_eq!(message, "invalid token"),
        other => panic!("expected Unauthorized, got {other:?}"),
    }

    let c = Client::connect(&addr, &m.info.token, Duration::from_secs(5)).await.expect("hello");
    assert_eq!(c.hello().blender_version, "4.4.0");
    assert_eq!(c.hello().mode, "headless");
    let max = c.hello().max_message_bytes;

    // Malformed JSON: an error reply without id; the connection stays.
    c.send_raw(b"{\"id\": 5, \"type\": oops\n").await.expect("send");
    let r = c.next_stray_reply(Duration::from_secs(5)).await.expect("a reply to the malformed line");
    assert_eq!((r.status.as_str(), r.error_code(), r.id.is_null()), ("error", Some("parse_error"), true), "{r:?}");

    // A line longer than the limit: discarded with an error; the connection stays.
    let mut huge = vec![b'x'; max + 100];
    huge.push(b'\n');
    c.send_raw(&huge).await.expect("send");
    let r = c.next_stray_reply(Duration::from_secs(20)).await.expect("a reply to the oversized line");
    assert_eq!(r.error_code(), Some("message_too_large"), "{r:?}");

    // The client itself refuses to send a request over the limit.
    let big = params(&"#".repeat(max + 1), 5.0);
    match c.execute_code(&big).await {
        Err(Error::TooLarge { max: m2, .. }) => assert_eq!(m2, max),
        other => panic!("expected TooLarge, got {other:?}"),
    }

    // Unknown types are errors replies matched to their id.
    let r = c.request("make_coffee", json!({}), Some(Duration::from_secs(5))).await.expect("reply");
    assert_eq!(r.error_code(), Some("unknown_type"));
    assert!(!c.cancel().await.expect("cancel").cancelled);

    // `cancel` from a second connection stops a run of the first.
    let c = std::sync::Arc::new(c);
    let c2 = Client::connect(&addr, &m.info.token, Duration::from_secs(5)).await.expect("second connection");
    let runner = c.clone();
    let run = tokio::spawn(async move { runner.execute_code(&params("while True:\n    pass\n", 30.0)).await });
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert!(c2.cancel().await.expect("cancel").cancelled);
    let r = run.await.expect("join").expect("a reply");
    assert_eq!(r.error.expect("cancelled").kind, "Cancelled");

    // And the bridge still runs code.
    let r = c.execute_code(&params("import bpy\nprint('objects', len(bpy.data.objects))\n", 10.0)).await.expect("run");
    assert!(r.ok, "{r:?}");
    assert_eq!(r.stdout, "objects 3\n");
    let scene = c.get_scene_info_all().await.expect("scene");
    let mut names: Vec<_> = scene.objects.iter().map(|o| o.name.as_str()).collect();
    names.sort();
    assert_eq!(names, ["Camera", "Cube", "Light"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_time_limit_stops_an_infinite_loop_and_the_next_run_works() {
    let Some(python) = common::bpy_python() else { return };
    let mut b = Blender::new(settings(python));
    let code = "import bpy\nprint('start')\nn = 0\nwhile True:\n    n += 1\n";
    let t = Instant::now();
    let r = b.run(&params(code, 1.0)).await.expect("a reply");
    let e = r.error.expect("an error");
    assert_eq!(e.kind, "Timeout");
    assert!(matches!(e.line, Some(4 | 5)), "{e:?}");
    assert_eq!(r.stdout, "start\n");
    assert!(t.elapsed() < Duration::from_secs(15), "{:?}", t.elapsed());
    let pid = b.managed_pid();

    let r = b.run(&params("import bpy\nprint(bpy.app.version_string)\n", 10.0)).await.expect("second run");
    assert!(r.ok, "{r:?}");
    assert_eq!(r.stdout.trim(), "4.4.0");
    assert_eq!(b.managed_pid(), pid, "the same Blender serves the next run");
    b.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_blender_killed_mid_run_is_restarted_on_the_next_run() {
    let Some(python) = common::bpy_python() else { return };
    let mut b = Blender::new(settings(python));
    let r = b.run(&params("print('warm')", 10.0)).await.expect("first run");
    assert!(r.ok);
    let pid = b.managed_pid().expect("a managed Blender");

    let killer = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(800));
        Command::new("kill").args(["-9", &pid.to_string()]).status().expect("kill")
    });
    let r = b.run(&params("import time\nprint('sleeping')\ntime.sleep(30)\n", 60.0)).await;
    assert!(killer.join().expect("killer").success());
    let e = r.expect_err("the run cannot finish");
    assert!(e.to_string().contains("killed by signal 9"), "{e}");

    let r = b.run(&params("print('back')", 10.0)).await.expect("a new Blender");
    assert_eq!(r.stdout, "back\n");
    let new_pid = b.managed_pid().expect("a new managed Blender");
    assert_ne!(new_pid, pid);
    b.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn code_stuck_in_c_ends_blender_and_the_next_run_starts_another() {
    let Some(python) = common::bpy_python() else { return };
    let mut b = Blender::new(settings(python));
    // sum() over a huge range holds the GIL inside C: only the bridge's hard stop ends it.
    let r = b.run(&params("print('go')\nsum(range(10**15))\n", 0.5)).await;
    let e = r.expect_err("Blender had to give up");
    assert!(e.to_string().contains("exit code 3"), "{e}");
    let r = b.run(&params("print('again')", 10.0)).await.expect("a new Blender");
    assert_eq!(r.stdout, "again\n");
    b.shutdown().await;
}

/// The blender-mcp style fixture server, and its port.
fn start_mcp_server(python: &PathBuf) -> (Child, u16) {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mcp_server.py");
    let mut child = Command::new(python)
        .arg(script)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start the blender-mcp style server");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let port = loop {
        let line = lines.next().expect("a MCP_READY line").expect("read");
        if let Some(p) = line.strip_prefix("MCP_READY ") {
            break p.trim().parse().expect("a port");
        }
    };
    std::thread::spawn(move || for _ in lines {});
    (child, port)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_blender_mcp_envelope_runs_code() {
    let Some(python) = common::bpy_python() else { return };
    let (mut server, port) = start_mcp_server(&python);
    let s = Settings { address: Some(format!("127.0.0.1:{port}")), ..Settings::default() };
    let mut b = Blender::new(s);

    // bpy is pre-imported there; stdout comes back as `result.result`.
    let r = b.run(&params("print(bpy.app.version_string)\nprint(len(bpy.data.objects))\n", 10.0)).await;
    let r = r.expect("run through the legacy envelope");
    assert!(r.ok, "{r:?}");
    assert_eq!(r.stdout, "4.4.0\n3\n");
    assert!(matches!(&*b.handle().current().expect("connected"), bpy_lsp::blender::Connection::Legacy(_)));

    // Errors have a message and no traceback; a line only when the message has one.
    let r = b.run(&params("x = 1\ny = x / 0\n", 10.0)).await.expect("reply");
    let e = r.error.expect("an error");
    assert_eq!((e.message.as_str(), e.line), ("division by zero", None));
    let r = b.run(&params("x = 1\nif x\n    pass\n", 10.0)).await.expect("reply");
    assert_eq!(r.error.expect("a syntax error").line, Some(2));

    let st = b.status(false).await;
    let fields = st.connected.expect("connected");
    assert!(fields.iter().any(|(k, v)| *k == "protocol" && v.contains("blender-mcp")), "{fields:?}");
    let _ = server.kill();
    let _ = server.wait();
}
