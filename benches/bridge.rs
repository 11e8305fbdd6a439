//! The Blender bridge from Rust, against a real headless Blender (pip `bpy`):
//! round trip of a trivial `execute_code`, start to ready, and a 512×512 Cycles render.
//!
//!     cargo bench --bench bridge
//!
//! Blender comes from `$BPY_PYTHON`, else the repository's `.venv/bin/python`.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use bpy_lsp::blender::launcher::{Launch, Managed};
use bpy_lsp::blender::{Client, ExecuteParams, RenderParams};

fn python() -> Option<PathBuf> {
    let p = std::env::var_os("BPY_PYTHON")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/python"));
    p.exists().then_some(p)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The value at quantile `q` (0..=1) of sorted durations.
fn quantile(sorted: &[Duration], q: f64) -> Duration {
    let i = ((sorted.len() - 1) as f64 * q).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

async fn bench(python: PathBuf) -> Result<(), bpy_lsp::blender::Error> {
    let launch = Launch::Python(python.clone());
    println!("bridge benchmark: headless Blender from {}", python.display());

    // Start to ready: spawn until the BPY_LSP_READY line, then hello.
    let mut starts = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let mut m = Managed::start(&launch, Duration::from_secs(120)).await?;
        let ready = t.elapsed();
        let c = Client::connect(&m.address(), &m.info.token, Duration::from_secs(5)).await?;
        starts.push((ready, t.elapsed()));
        let _ = c.shutdown().await;
        m.terminate(Duration::from_secs(5)).await;
    }
    starts.sort();
    let (ready, hello) = starts[starts.len() / 2];
    println!(
        "start to ready (median of 5):            {:8.1} ms   (to hello answered: {:.1} ms)",
        ms(ready),
        ms(hello)
    );

    let m = Managed::start(&launch, Duration::from_secs(120)).await?;
    let c = Client::connect(&m.address(), &m.info.token, Duration::from_secs(5)).await?;

    // Round trip of a trivial execute_code on one connection.
    let params = ExecuteParams::new("x = 1", "<bench>");
    for _ in 0..20 {
        c.execute_code(&params).await?;
    }
    let mut times = Vec::new();
    for _ in 0..200 {
        let t = Instant::now();
        let r = c.execute_code(&params).await?;
        times.push(t.elapsed());
        assert!(r.ok);
    }
    times.sort();
    println!(
        "execute_code `x = 1` round trip (200):    median {:.3} ms   p95 {:.3} ms   max {:.3} ms",
        ms(quantile(&times, 0.5)),
        ms(quantile(&times, 0.95)),
        ms(quantile(&times, 1.0))
    );

    // A 512×512 Cycles render of the default scene (Cube, Camera, Light), 16 samples.
    let dir = std::env::temp_dir().join(format!("bpy-lsp-bench-render-{}", std::process::id()));
    let render = RenderParams {
        views: 1,
        resolution: 512,
        engine: "CYCLES".into(),
        samples: 16,
        output_dir: Some(dir.to_string_lossy().into_owned()),
    };
    let mut renders = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let r = c.render(&render, Duration::from_secs(600)).await?;
        renders.push((t.elapsed(), r.duration));
    }
    renders.sort_by_key(|r| r.0);
    let (wall, inside) = renders[1];
    println!(
        "render 512x512 Cycles 16 samples (median of 3): {:8.1} ms   (inside Blender: {:.1} ms)",
        ms(wall),
        inside * 1000.0
    );
    let _ = std::fs::remove_dir_all(&dir);
    let _ = c.shutdown().await;
    let mut m = m;
    m.terminate(Duration::from_secs(5)).await;
    Ok(())
}

fn main() {
    let Some(python) = python() else {
        println!("bridge benchmark skipped: no Python with bpy (set BPY_PYTHON)");
        return;
    };
    let rt = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("cannot start tokio: {e}");
            std::process::exit(1);
        }
    };
    if let Err(e) = rt.block_on(bench(python)) {
        eprintln!("bridge benchmark failed: {e}");
        std::process::exit(1);
    }
}
