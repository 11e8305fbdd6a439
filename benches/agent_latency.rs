//! Completion latency while the agent generates, against idle, in one server: the real
//! binary over stdio, a real headless Blender (bpy 4.4) running and rendering the offline
//! provider's code, BlenderRAG on. Completion is asked in another open file (Blender's own
//! `bl_ui/space_view3d.py` with a `bpy.context.active_object.` chain at its end) while
//! `bpy-lsp.generate` runs; the idle samples come from the same server before it.
//!
//!     cargo bench --bench agent_latency
//!
//! Blender comes from `$BPY_PYTHON`, else the repository's `.venv/bin/python`.

#[path = "../tests/common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{Lsp, labels};
use serde_json::json;

const GENERATIONS: usize = 3;
const IDLE: usize = 300;

/// A file of the bpy package that `python` imports: `<venv>/lib/python3.*/site-packages/bpy/<version>/<rel>`.
fn bundled(python: &Path, rel: &str) -> Option<PathBuf> {
    let venv = python.parent()?.parent()?;
    for lib in std::fs::read_dir(venv.join("lib")).ok()?.flatten() {
        let bpy = lib.path().join("site-packages/bpy");
        for version in std::fs::read_dir(&bpy).into_iter().flatten().flatten() {
            let p = version.path().join(rel);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

fn percentile(v: &mut [Duration], p: usize) -> Duration {
    v.sort();
    v.get((v.len() * p / 100).min(v.len().saturating_sub(1))).copied().unwrap_or_default()
}

fn main() {
    let Some(python) = common::bpy_python() else {
        eprintln!("no Blender: set BPY_PYTHON or run ./scripts/install-test-deps.sh");
        std::process::exit(1);
    };
    let dir = std::env::temp_dir().join(format!("bpy-lsp-agent-latency-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let mut lsp = Lsp::start_agent(
        &dir,
        json!({
            "blender": {"python": python, "timeout": 120},
            "render": {"views": 2, "resolution": 128, "samples": 8},
            "agent": {"provider": "offline"},
        }),
    );

    // Blender's own 3D viewport UI module (about 9,000 lines), not code of ours.
    let viewport = bundled(&python, "scripts/startup/bl_ui/space_view3d.py");
    let source = viewport.as_deref().and_then(|p| std::fs::read_to_string(p).ok());
    let Some(source) = source else {
        eprintln!("no space_view3d.py in the bpy package next to {}", python.display());
        std::process::exit(1);
    };
    let text = format!("{source}\nobj = bpy.context.active_object\nobj.\n");
    let line = text.lines().count() as u32 - 1;
    let edited = "file:///bench/edited.py";
    lsp.open(edited, &text);
    let position = json!({"textDocument": {"uri": edited}, "position": {"line": line, "character": 4}});
    let complete = |lsp: &mut Lsp| {
        let t = Instant::now();
        let r = lsp.request("textDocument/completion", position.clone());
        let took = t.elapsed();
        assert!(labels(&r).iter().any(|l| l == "location"), "completion offers Object members");
        took
    };
    for _ in 0..20 {
        complete(&mut lsp); // warm up (API database, RAG index)
    }
    let mut idle: Vec<Duration> = (0..IDLE).map(|_| complete(&mut lsp)).collect();

    let mut during = Vec::new();
    let mut gen_times = Vec::new();
    for g in 0..GENERATIONS {
        let uri = format!("file://{}/gen{g}.py", dir.display());
        lsp.open(&uri, "import bpy\n\n# a red wooden chair with four legs\n");
        let started = Instant::now();
        let id = lsp.send_request(
            "workspace/executeCommand",
            json!({"command": "bpy-lsp.generate", "arguments": [{"uri": uri, "line": 2}], "workDoneToken": format!("g{g}")}),
        );
        while !lsp.has_reply(id) && started.elapsed() < Duration::from_secs(300) {
            during.push(complete(&mut lsp));
        }
        let r = lsp.response_within(id, Duration::from_secs(300));
        assert_eq!(r["result"]["applied"], true, "generation {g}: {r}");
        gen_times.push(started.elapsed());
    }
    lsp.shutdown();

    println!("completion over stdio ({} lines, at `obj.`), while `bpy-lsp.generate` runs vs idle:", line + 1);
    println!("{:<22} {:>8} {:>10} {:>10} {:>10}", "", "samples", "p50 ms", "p95 ms", "max ms");
    for (name, v) in [("idle", &mut idle), ("during generation", &mut during)] {
        let max = v.iter().max().copied().unwrap_or_default();
        println!(
            "{name:<22} {:>8} {:>10.2} {:>10.2} {:>10.2}",
            v.len(),
            percentile(v, 50).as_secs_f64() * 1e3,
            percentile(v, 95).as_secs_f64() * 1e3,
            max.as_secs_f64() * 1e3
        );
    }
    let mut g = gen_times.clone();
    println!(
        "generation (offline, run + 2 views at 128 px): median {:.2} s over {GENERATIONS}",
        percentile(&mut g, 50).as_secs_f64()
    );
    let _ = std::fs::remove_dir_all(&dir);
}
