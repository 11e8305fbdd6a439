//! The model loop against scripted OpenAI / Anthropic endpoints on loopback (the one
//! stand-in), with a real Blender 4.4, the real linter and real renders behind it. Every
//! scenario asserts what the model was sent, how many model calls and Blender runs it took,
//! and what ended in the session.

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use bpy_lsp::agent::pipeline::{self, Context, Error, Options, Outcome, RenderOptions};
use bpy_lsp::agent::progress::{Collect, Progress};
use bpy_lsp::config::AgentSettings;
use common::scripted_llm::{Script, ScriptedLlm};

const PLAN: &str = "- seat: a flat box 0.45 m square, wood\n- legs: four thin boxes under the corners\nArrangement: legs under the seat.";

/// A script that builds a small table-like asset; `extra` goes at the end of build().
fn script(extra: &str) -> String {
    format!(
        "import bpy\n\nSIZE = 0.45\nLEGS = 4\n\n\ndef seat(size):\n    bpy.ops.mesh.primitive_cube_add(size=size, location=(0, 0, 0.45))\n    obj = bpy.context.active_object\n    obj.scale = (1, 1, 0.1)\n    return obj\n\n\ndef build():\n    top = seat(SIZE)\n{extra}    return top\n\n\nbuild()\n"
    )
}

fn fenced(code: &str) -> String {
    format!("Here is the script.\n\n```python\n{code}```\n")
}

struct Harness {
    rt: tokio::runtime::Runtime,
    db: Arc<bpy_lsp::api::ApiDb>,
    blender: bpy_lsp::blender::Blender,
    dir: PathBuf,
}

impl Harness {
    fn new(name: &str) -> Option<Harness> {
        let python = common::bpy_python()?;
        let dir = common::temp_dir(name);
        static STATE: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
        let state = STATE.get_or_init(|| {
            let s = std::env::temp_dir().join(format!("bpy-lsp-test-{}-scenario-state", std::process::id()));
            // No user Blender is found: every test starts its own.
            unsafe { std::env::set_var("BPY_LSP_STATE_DIR", &s) };
            s
        });
        let _ = state;
        let settings = bpy_lsp::blender::Settings { python: Some(python), ..Default::default() };
        Some(Harness {
            rt: tokio::runtime::Runtime::new().expect("runtime"),
            db: bpy_lsp::api::load_default(),
            blender: bpy_lsp::blender::Blender::new(settings),
            dir,
        })
    }

    fn agent(&self, base_url: &str, key_env: Option<&str>) -> AgentSettings {
        AgentSettings {
            provider: Some("openai".into()),
            model: Some("scripted-model".into()),
            base_url: Some(base_url.into()),
            api_key_env: key_env.map(str::to_string),
            timeout_secs: 20.0,
            ..Default::default()
        }
    }

    fn options(&self, agent: &AgentSettings, request: &str, rounds: u32) -> Options {
        Options {
            request: request.into(),
            refine: None,
            session: None,
            base_code: None,
            provider: bpy_lsp::agent::choose_provider(agent).expect("provider"),
            render: Some(RenderOptions { views: 2, resolution: 64, samples: 2 }),
            attempts: 3,
            rounds,
            time_limit: Duration::from_secs(20),
            sessions_root: self.dir.join("sessions"),
            filename: self.dir.join("asset.py").to_string_lossy().into_owned(),
            secrets: bpy_lsp::agent::secrets_of(agent),
        }
    }

    fn generate(&mut self, opts: &Options) -> (Result<Outcome, Error>, Vec<String>) {
        let sink = Collect::default();
        let progress = Progress::new(&sink);
        let cancel = tokio_util::sync::CancellationToken::new();
        let cx = Context { db: &self.db, rag: None, blender: &mut self.blender, progress: &progress, cancel: &cancel };
        let out = self.rt.block_on(pipeline::generate(opts, cx));
        let lines = sink.0.lock().expect("events").iter().map(|e| e.line()).collect();
        (out, lines)
    }
}

impl Drop for Harness {
    fn drop(&mut self) {
        self.rt.block_on(self.blender.shutdown());
    }
}

fn png_size(bytes: &[u8]) -> (u32, u32) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let reader = decoder.read_info().expect("a PNG");
    (reader.info().width, reader.info().height)
}

fn session_files(dir: &Path) -> String {
    let mut all = String::new();
    for e in std::fs::read_dir(dir).expect("session dir").flatten() {
        if let Ok(t) = std::fs::read_to_string(e.path()) {
            all.push_str(&t);
        }
    }
    all
}

#[test]
fn a_runtime_error_reaches_the_debugger_with_its_line_and_the_fix_ends_in_the_draft() {
    let Some(mut h) = Harness::new("scenario-debug") else { return };
    let broken = script("    thickness = SIZE / (LEGS - 4)\n    top.scale.z = thickness\n");
    let fixed = script("    thickness = SIZE / (LEGS + 4)\n    top.scale.z = thickness\n");
    let llm = ScriptedLlm::start(vec![
        Script::openai_stream(PLAN),
        Script::openai_stream(&fenced(&broken)),
        Script::openai_stream(&fenced(&fixed)),
    ]);
    let agent = h.agent(&llm.openai_base_url(), None);
    let opts = h.options(&agent, "a small wooden table", 0);
    let (out, lines) = h.generate(&opts);
    let out = out.unwrap_or_else(|e| panic!("{e}\n{}", lines.join("\n")));
    let reqs = llm.requests();
    assert_eq!(reqs.len(), 3);
    let debug = reqs[2].text();
    assert!(debug.contains("Exception: ZeroDivisionError\nMessage: float division by zero\nLine: 16\n"), "{debug}");
    assert!(debug.contains("Code at that line: thickness = SIZE / (LEGS - 4)"), "{debug}");
    assert_eq!(out.code, fixed);
    assert_eq!(std::fs::read_to_string(&out.draft).expect("draft"), fixed);
    assert_eq!((out.stats.blender_runs, out.stats.model_calls), (2, 3));
    assert_eq!(out.renders.len(), 2);
    assert!(lines.iter().any(|l| l.starts_with("[Debugging: 0:00:") && l.contains("ZeroDivisionError")), "{lines:?}");
    let roles: Vec<&str> = out.stats.prompt_tokens.iter().map(|(r, _)| r.as_str()).collect();
    assert_eq!(roles, ["planner", "coder", "debugger"]);

    // The session continues by id from its draft.py.
    let refined = script("    thickness = SIZE / (LEGS + 4)\n    top.scale.z = thickness * 2\n");
    llm.push(Script::openai(&fenced(&refined)));
    let mut again = h.options(&agent, "", 0);
    again.session = Some(out.session.clone());
    again.refine = Some("make the top twice as thick".into());
    let (out2, lines) = h.generate(&again);
    let out2 = out2.unwrap_or_else(|e| panic!("{e}\n{}", lines.join("\n")));
    let reqs = llm.requests();
    assert_eq!(reqs.len(), 4);
    let asked = reqs[3].text();
    assert!(asked.contains("Instruction: make the top twice as thick") && asked.contains(&fixed), "{asked}");
    assert_eq!(out2.session, out.session);
    assert_eq!(std::fs::read_to_string(&out2.draft).expect("draft"), refined);
    assert!(out.session_dir.join("v03.py").is_file());
}

#[test]
fn the_static_gate_fixes_a_socket_name_and_sends_findings_back_without_a_blender_run() {
    let Some(mut h) = Harness::new("scenario-gate") else { return };
    let material = "    mat = bpy.data.materials.new('Wood')\n    mat.use_nodes = True\n    bsdf = mat.node_tree.nodes['Principled BSDF']\n    bsdf.inputs['Base Colour'].default_value = (0.4, 0.2, 0.1, 1.0)\n    top.data.materials.append(mat)\n";
    let llm = ScriptedLlm::start(vec![Script::openai_stream(PLAN), Script::openai_stream(&fenced(&script(material)))]);
    let agent = h.agent(&llm.openai_base_url(), None);
    let (out, lines) = h.generate(&h.options(&agent, "a wooden table", 0));
    let out = out.unwrap_or_else(|e| panic!("{e}\n{}", lines.join("\n")));
    assert_eq!((out.stats.blender_runs, out.stats.model_calls, out.stats.gate_fixes), (1, 2, 1));
    assert!(out.code.contains("bsdf.inputs['Base Color']"), "{}", out.code);
    assert_eq!(llm.request_count(), 2);
    assert!(lines.iter().any(|l| l.contains("fixed line 19: BPY006") && l.contains("Base Color")), "{lines:?}");

    // An unknown operator has no fix: the coder hears about it, Blender does not run it.
    let bad = script("    bpy.ops.mesh.make_a_whole_chair()\n");
    let good = script("    bpy.ops.mesh.primitive_cylinder_add(radius=0.02, depth=0.4)\n");
    let llm =
        ScriptedLlm::start(vec![Script::openai(PLAN), Script::openai(&fenced(&bad)), Script::openai(&fenced(&good))]);
    let agent = h.agent(&llm.openai_base_url(), None);
    let (out, lines) = h.generate(&h.options(&agent, "a table", 0));
    let out = out.unwrap_or_else(|e| panic!("{e}\n{}", lines.join("\n")));
    let reqs = llm.requests();
    assert!(reqs[2].text().contains("line 16: BPY001"), "{}", reqs[2].text());
    assert_eq!((out.stats.blender_runs, out.stats.model_calls, out.stats.gate_rejections), (1, 3, 1));
    assert_eq!(out.code, good);
}

#[test]
fn the_critic_sees_png_renders_and_the_verifier_fresh_ones() {
    let Some(mut h) = Harness::new("scenario-critic") else { return };
    let first = script("");
    let revised = script("    bpy.ops.mesh.primitive_cube_add(size=0.05, location=(0.2, 0.2, 0.2))\n");
    let llm = ScriptedLlm::start(vec![
        Script::anthropic_stream(PLAN),
        Script::anthropic_stream(&fenced(&first)),
        Script::anthropic_stream("- the table has no legs: the seat floats 0.45 m above the ground"),
        Script::anthropic_stream(&fenced(&revised)),
        Script::anthropic_stream("NO PROBLEMS"),
    ]);
    let agent = AgentSettings {
        provider: Some("anthropic".into()),
        model: Some("scripted-model".into()),
        base_url: Some(llm.anthropic_base_url()),
        timeout_secs: 20.0,
        ..Default::default()
    };
    let (out, lines) = h.generate(&h.options(&agent, "a table with legs", 2));
    let out = out.unwrap_or_else(|e| panic!("{e}\n{}", lines.join("\n")));
    let reqs = llm.requests();
    assert_eq!(reqs.len(), 5);
    for i in [2, 4] {
        let images = reqs[i].images();
        assert_eq!(images.len(), 2, "request {i}");
        for png in &images {
            assert_eq!(png_size(png), (64, 64));
        }
    }
    // The verifier saw the renders of the revision, not the first ones again.
    assert_ne!(reqs[2].images(), reqs[4].images());
    assert!(reqs[3].text().contains("the seat floats 0.45 m above the ground"));
    assert_eq!(out.code, revised);
    assert_eq!((out.stats.blender_runs, out.stats.model_calls), (2, 5));
    assert!(lines.iter().any(|l| l.starts_with("[Verification: ") && l.contains("no problems found")), "{lines:?}");

    // Without vision the critic is skipped with a notice.
    let llm = ScriptedLlm::start(vec![Script::openai(PLAN), Script::openai(&fenced(&first))]);
    let mut agent = h.agent(&llm.openai_base_url(), None);
    agent.vision = Some(false);
    let (out, _) = h.generate(&h.options(&agent, "a table", 2));
    let out = out.expect("ran");
    assert_eq!(llm.request_count(), 2);
    assert!(
        out.notices.iter().any(|n| n.starts_with("critic skipped: openai scripted-model is configured without vision")),
        "{:?}",
        out.notices
    );
}

#[test]
fn endpoint_failures_give_clear_errors_and_retries_succeed() {
    let Some(mut h) = Harness::new("scenario-errors") else { return };
    let good = script("");
    // 429 with retry-after, then 500: both retried, then success.
    let llm = ScriptedLlm::start(vec![
        Script::openai_error(429, "rate_limit_exceeded", "slow down").header("retry-after", "1"),
        Script::openai(PLAN),
        Script::openai_error(500, "server_error", "boom"),
        Script::openai(&fenced(&good)),
    ]);
    let agent = h.agent(&llm.openai_base_url(), None);
    let (out, lines) = h.generate(&h.options(&agent, "a table", 0));
    let out = out.unwrap_or_else(|e| panic!("{e}\n{}", lines.join("\n")));
    assert_eq!((llm.request_count(), out.stats.model_calls), (4, 2));
    assert_eq!(out.code, good);

    // A key that is refused: one request, a clear error, and the key nowhere.
    unsafe { std::env::set_var("BPY_LSP_SCENARIO_KEY", "sk-scenario-SECRET-4242") };
    let llm = ScriptedLlm::start(vec![Script::openai_error(401, "invalid_api_key", "Incorrect API key provided")]);
    let agent = h.agent(&llm.openai_base_url(), Some("BPY_LSP_SCENARIO_KEY"));
    let opts = h.options(&agent, "a table", 0);
    let (out, _) = h.generate(&opts);
    let e = out.expect_err("401");
    assert_eq!(llm.request_count(), 1);
    assert_eq!(llm.requests()[0].header("authorization"), Some("Bearer sk-scenario-SECRET-4242"));
    assert!(e.to_string().contains("rejected the API key (HTTP 401)"), "{e}");
    assert!(!e.to_string().contains("SECRET-4242"), "{e}");
    let listed = bpy_lsp::agent::session::list(&h.dir.join("sessions"));
    for m in &listed {
        let files = session_files(&h.dir.join("sessions").join(&m.id));
        assert!(!files.contains("SECRET-4242"), "key in session {}", m.id);
    }

    // Answers that are no use: no code, a stream cut short, not JSON, HTML.
    let cases: Vec<(Script, &str)> = vec![
        (Script::openai("I'm sorry, I can't write that."), "has no Python code"),
        (Script::openai_stream(&fenced(&good)).end_after(3), ""),
        (Script::raw(200, "application/json", "{not json"), "not its API's"),
        (Script::raw(200, "text/html", "<html><body>Welcome to nginx</body></html>"), "not its API's"),
    ];
    for (bad, wanted) in cases {
        let llm = ScriptedLlm::start(vec![Script::openai(PLAN), bad]);
        let agent = h.agent(&llm.openai_base_url(), None);
        let (out, _) = h.generate(&h.options(&agent, "a table", 0));
        let e = out.expect_err("a useless answer");
        assert!(matches!(e, Error::Model(_)), "{e:?}");
        assert!(e.to_string().contains(wanted), "{e}");
        assert_eq!(e.exit_code(), 2);
    }

    // An endpoint that never answers: the time limit.
    let llm = ScriptedLlm::start(vec![Script::openai(PLAN).delay(Duration::from_secs(30))]);
    let mut agent = h.agent(&llm.openai_base_url(), None);
    agent.timeout_secs = 2.0;
    let started = std::time::Instant::now();
    let (out, _) = h.generate(&h.options(&agent, "a table", 0));
    let e = out.expect_err("time-out");
    assert!(e.to_string().contains("did not answer in time"), "{e}");
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn a_script_that_never_ends_or_deletes_everything_is_stopped_and_debugged() {
    let Some(mut h) = Harness::new("scenario-loop") else { return };
    let forever = script("    while True:\n        top.location.x += 0.0\n");
    let wipe = script("    bpy.ops.object.select_all(action='SELECT')\n    bpy.ops.object.delete()\n");
    let good = script("");
    let llm = ScriptedLlm::start(vec![
        Script::openai(PLAN),
        Script::openai(&fenced(&forever)),
        Script::openai(&fenced(&wipe)),
        Script::openai(&fenced(&good)),
    ]);
    let agent = h.agent(&llm.openai_base_url(), None);
    let mut opts = h.options(&agent, "a table", 0);
    opts.time_limit = Duration::from_secs(3);
    let started = std::time::Instant::now();
    let (out, lines) = h.generate(&opts);
    let out = out.unwrap_or_else(|e| panic!("{e}\n{}", lines.join("\n")));
    let reqs = llm.requests();
    assert!(reqs[2].text().contains("execution exceeded the time limit of 3 s"), "{}", reqs[2].text());
    assert!(reqs[3].text().contains("Exception: EmptyScene"), "{}", reqs[3].text());
    assert_eq!(out.code, good);
    assert_eq!(out.stats.blender_runs, 3);
    assert!(started.elapsed() < Duration::from_secs(60));
}
