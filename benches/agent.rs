//! The agent's figures: time per phase on the offline path (real Blender 4.4, 256 px, 16
//! samples, one view), and for the model loop against the scripted endpoint (the same stand-in
//! the tests use): model calls and Blender runs the static gate saves, prompt tokens per role.
//!
//!     cargo bench --bench agent
//!
//! Blender comes from `$BPY_PYTHON`, else the repository's `.venv/bin/python`.

#[path = "../tests/common/scripted_llm.rs"]
#[allow(dead_code)]
mod scripted_llm;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use bpy_lsp::agent::pipeline::{self, Context, Options, ProviderChoice, RenderOptions};
use bpy_lsp::agent::progress::{Collect, Progress};
use scripted_llm::{Script, ScriptedLlm};

fn python() -> Option<PathBuf> {
    let p = std::env::var_os("BPY_PYTHON")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/python"));
    p.exists().then_some(p)
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

fn p95(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    let i = ((v.len().saturating_sub(1)) as f64 * 0.95).round() as usize;
    v.get(i).copied().unwrap_or(0.0)
}

fn options(dir: &std::path::Path, request: &str, provider: ProviderChoice, render: RenderOptions) -> Options {
    Options {
        request: request.into(),
        refine: None,
        session: None,
        base_code: None,
        provider,
        render: Some(render),
        attempts: 3,
        rounds: 0,
        time_limit: Duration::from_secs(60),
        sessions_root: dir.join("sessions"),
        filename: dir.join("asset.py").to_string_lossy().into_owned(),
        secrets: Vec::new(),
    }
}

fn main() {
    let Some(python) = python() else {
        eprintln!("no Python with bpy: set BPY_PYTHON");
        return;
    };
    let dir = std::env::temp_dir().join(format!("bpy-lsp-bench-agent-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    unsafe { std::env::set_var("BPY_LSP_STATE_DIR", dir.join("state")) };
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let db = bpy_lsp::api::load_default();
    let mut blender =
        bpy_lsp::blender::Blender::new(bpy_lsp::blender::Settings { python: Some(python), ..Default::default() });
    let cancel = tokio_util::sync::CancellationToken::new();

    // Offline: phases over several requests (the first run also starts Blender: not counted).
    let requests = [
        "a wooden chair with four legs",
        "a red chair",
        "a blue automobile",
        "a tall green saguaro with four arms",
        "a cottage with a blue roof",
        "a hexagonal lantern with a golden frame",
    ];
    let render = RenderOptions { views: 1, resolution: 256, samples: 16 };
    let mut phases: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    let mut totals = Vec::new();
    for round in 0..3 {
        for r in requests {
            let sink = Collect::default();
            let progress = Progress::new(&sink);
            let cx = Context { db: &db, rag: None, blender: &mut blender, progress: &progress, cancel: &cancel };
            let start = std::time::Instant::now();
            let out = rt.block_on(pipeline::generate(&options(&dir, r, ProviderChoice::Offline, render), cx));
            let total = start.elapsed().as_secs_f64();
            let Ok(out) = out else { continue };
            if round == 0 && r == requests[0] {
                continue;
            }
            totals.push(total);
            for (p, s) in out.stats.phases {
                phases.entry(p).or_default().push(s * 1000.0);
            }
        }
    }
    println!("offline provider, {} runs (256 px, 16 samples, 1 view), ms per phase:", totals.len());
    for (p, v) in phases.iter_mut() {
        println!("  {p:<14} median {:>8.1}  p95 {:>8.1}", median(v), p95(v));
    }
    println!("  {:<14} median {:>8.1}  p95 {:>8.1}", "total", median(&mut totals) * 1000.0, p95(&mut totals) * 1000.0);

    // The gate with a model: a wrong socket name fixed without a model call or a Blender run,
    // an unknown operator sent back without a Blender run.
    let plan = "- top: a box\n- legs: four boxes\nArrangement: legs under the top.";
    let base = "import bpy\n\n\ndef build():\n    bpy.ops.mesh.primitive_cube_add(size=0.5)\n    obj = bpy.context.active_object\n    mat = bpy.data.materials.new('M')\n    mat.use_nodes = True\n    bsdf = mat.node_tree.nodes['Principled BSDF']\n";
    let socket = format!(
        "```python\n{base}    bsdf.inputs['Base Colour'].default_value = (1, 0, 0, 1)\n    obj.data.materials.append(mat)\n\n\nbuild()\n```"
    );
    let op = format!("```python\n{base}    bpy.ops.mesh.make_a_whole_chair()\n\n\nbuild()\n```");
    let good = format!("```python\n{base}    obj.data.materials.append(mat)\n\n\nbuild()\n```");
    let llm = ScriptedLlm::start(vec![
        Script::openai(plan),
        Script::openai(&socket),
        Script::openai(plan),
        Script::openai(&op),
        Script::openai(&good),
    ]);
    let agent = bpy_lsp::config::AgentSettings {
        provider: Some("openai".into()),
        model: Some("scripted-model".into()),
        base_url: Some(llm.openai_base_url()),
        ..Default::default()
    };
    let mut tokens: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    let (mut fixes, mut rejections, mut runs, mut calls) = (0, 0, 0, 0);
    for _ in 0..2 {
        let provider = bpy_lsp::agent::choose_provider(&agent).expect("provider");
        let sink = Collect::default();
        let progress = Progress::new(&sink);
        let cx = Context { db: &db, rag: None, blender: &mut blender, progress: &progress, cancel: &cancel };
        let small = RenderOptions { views: 1, resolution: 64, samples: 1 };
        match rt.block_on(pipeline::generate(&options(&dir, "a red table", provider, small), cx)) {
            Ok(out) => {
                fixes += out.stats.gate_fixes;
                rejections += out.stats.gate_rejections;
                runs += out.stats.blender_runs;
                calls += out.stats.model_calls;
                for (role, t) in out.stats.prompt_tokens {
                    tokens.entry(role).or_default().push(t as f64);
                }
            }
            Err(e) => eprintln!("scripted run failed: {e}"),
        }
    }
    println!("scripted model, 2 generations: {calls} model calls, {runs} Blender runs;");
    println!("  the gate fixed {fixes} finding(s) itself (each saves a model call and a failed Blender run)");
    println!("  and sent {rejections} version(s) back to the coder without a Blender run");
    println!("prompt tokens per role (reported by the endpoint or estimated):");
    for (role, v) in tokens.iter_mut() {
        println!("  {role:<10} median {:>7.0}", median(v));
    }
    rt.block_on(blender.shutdown());
    let _ = std::fs::remove_dir_all(&dir);
}
