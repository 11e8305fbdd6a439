//! BlenderRAG: index build time (cold and from the cache), query latency, added memory and
//! retrieval quality.
//!
//! `cargo bench --bench rag` builds the index into a fresh cache directory, reopens it,
//! times every query of rag_data/rag_queries.json (and the hover / completion lookups) and
//! measures resident memory in child processes, so that one measurement does not inherit
//! another's heap. Then the same in the real server (`bpy-lsp serve` over stdio, with its own
//! XDG_CACHE_HOME): time to open the index cold and from the cache, hover latency with the
//! examples, and the resident memory the open index adds to the server.
//! `cargo bench --bench rag -- --lsp` runs only the server part.

#[path = "../tests/common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use bpy_lsp::rag::{CacheLocation, Kind, Rag, eval};

const REPEAT: usize = 20;

fn main() {
    // `cargo bench` passes `--bench`; a child gets `--child <what> <cache dir>`.
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--child") {
        child(&args[i + 1], Path::new(&args[i + 2]));
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if args.iter().any(|a| a == "--lsp") {
        lsp_figures(root);
        return;
    }
    let db = bpy_lsp::api::load_default();
    let examples = bpy_lsp::example_sources(root).expect("example library");
    let queries = eval::load_queries(&root.join("rag_data/rag_queries.json")).expect("query set");
    let cache_root = std::env::temp_dir().join(format!("bpy-lsp-rag-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&cache_root);
    let cache = CacheLocation::Dir(cache_root.clone());

    println!("== build");
    let t = Instant::now();
    let memory = Rag::build(&db, &examples).expect("index");
    let in_memory = t.elapsed();
    drop(memory);
    let t = Instant::now();
    let cold = Rag::open_or_build(&db, &examples, &cache).expect("index");
    let cold_time = t.elapsed();
    let dir = match cold.origin() {
        bpy_lsp::rag::Origin::Built { dir } => dir.clone(),
        other => panic!("expected a build, got {other:?}"),
    };
    drop(cold);
    let mut reopen = Vec::new();
    let mut rag = None;
    for _ in 0..5 {
        let t = Instant::now();
        let r = Rag::open_or_build(&db, &examples, &cache).expect("index");
        reopen.push(t.elapsed());
        assert!(matches!(r.origin(), bpy_lsp::rag::Origin::Cached { .. }));
        rag = Some(r);
    }
    let rag = rag.expect("index");
    let size: u64 = std::fs::read_dir(&dir)
        .map(|d| d.flatten().filter_map(|e| e.metadata().ok()).map(|m| m.len()).sum())
        .unwrap_or(0);
    println!("documents: {}  ({} example scripts)", rag.num_docs(), examples.len());
    println!("index on disk: {:.1} MiB", size as f64 / 1048576.0);
    println!("build in memory:        {:>8.1} ms", ms(in_memory));
    println!("build cold into cache:  {:>8.1} ms", ms(cold_time));
    println!(
        "open from cache:        {:>8.1} ms (median of 5; includes hashing the content and checking the files)",
        ms(percentile(&mut reopen, 50))
    );

    println!("\n== query latency ({} queries x {REPEAT})", queries.len());
    for q in &queries {
        std::hint::black_box(rag.search(&q.q, None, 10));
    }
    let mut times = Vec::new();
    for _ in 0..REPEAT {
        for q in &queries {
            let t = Instant::now();
            std::hint::black_box(rag.search(&q.q, None, 10));
            times.push(t.elapsed());
        }
    }
    report("search, n=10", &mut times);
    let mut times = Vec::new();
    for _ in 0..REPEAT {
        for q in &queries {
            let t = Instant::now();
            std::hint::black_box(rag.search(&q.q, Some(Kind::Api), 5));
            times.push(t.elapsed());
        }
    }
    report("search api, n=5", &mut times);
    let api_paths: Vec<&str> = queries
        .iter()
        .flat_map(|q| q.expect.iter())
        .filter(|p| eval::path_kind(p) == Kind::Api)
        .map(String::as_str)
        .collect();
    let mut times = Vec::new();
    for _ in 0..REPEAT / 4 {
        for p in &api_paths {
            let t = Instant::now();
            std::hint::black_box(rag.examples_using(p, 2));
            times.push(t.elapsed());
        }
    }
    report(&format!("examples_using x{}", api_paths.len()), &mut times);
    let mut times = Vec::new();
    for _ in 0..REPEAT / 4 {
        for p in &api_paths {
            let t = Instant::now();
            std::hint::black_box(rag.usage_line(p));
            times.push(t.elapsed());
        }
    }
    report("usage_line", &mut times);
    let found = api_paths.iter().filter(|p| rag.usage_line(p).is_some()).count();
    println!("usage_line found for {found} of {} API entries of the query set", api_paths.len());

    println!("\n== memory (resident set, in a fresh child process that already has the API database)");
    for what in ["cached", "memory", "cold"] {
        let cache_dir = if what == "cold" { cache_root.join("cold") } else { cache_root.clone() };
        let out = Command::new(std::env::current_exe().expect("exe"))
            .args(["--child", what, &cache_dir.to_string_lossy()])
            .output()
            .expect("child");
        print!("{}", String::from_utf8_lossy(&out.stdout));
        if !out.status.success() {
            println!("  {what}: child failed: {}", String::from_utf8_lossy(&out.stderr));
        }
    }

    println!("\n== retrieval quality ({} queries)", queries.len());
    for (label, only) in [("mixed", None), ("api only", Some(Kind::Api)), ("examples only", Some(Kind::Example))] {
        let r = eval::evaluate(&rag, &queries, 5, 10, only);
        println!("{label:<14} {:>3} queries  recall@5 {:.3}  MRR@10 {:.3}", r.results.len(), r.recall_at_k, r.mrr);
    }
    drop(rag);
    let _ = std::fs::remove_dir_all(&cache_root);
    lsp_figures(root);
}

/// Start `bpy-lsp serve` and wait for its BlenderRAG log line: (server, wall time from the
/// start of the process, the time the server reports for opening the index, the line).
fn start_ready(envs: &[(&str, &str)]) -> (common::Lsp, Duration, Duration, String) {
    let t = Instant::now();
    let (mut lsp, _) = common::Lsp::start_with(&["utf-16"], envs);
    let msg = lsp.wait_notification("window/logMessage", Duration::from_secs(300), |p| {
        p["message"].as_str().is_some_and(|m| m.starts_with("bpy-lsp: BlenderRAG"))
    });
    let wall = t.elapsed();
    let line = msg["params"]["message"].as_str().unwrap_or("").to_string();
    let in_server = line
        .strip_prefix("bpy-lsp: BlenderRAG ready in ")
        .and_then(|r| r.split(' ').next())
        .and_then(|n| n.parse::<u64>().ok())
        .map(Duration::from_millis)
        .unwrap_or_else(|| panic!("BlenderRAG did not open: {line}"));
    (lsp, wall, in_server, line)
}

/// A document to hover in: (uri, text, positions as (line, UTF-16 column)).
type HoverDoc = (String, String, Vec<(u32, u32)>);

/// Hover positions: the identifier after each `.` in code lines of the first example scripts.
fn hover_docs(root: &Path, max: usize) -> Vec<HoverDoc> {
    let mut out = Vec::new();
    let mut total = 0;
    for (path, text) in bpy_lsp::example_sources(root).expect("example library") {
        if total >= max {
            break;
        }
        let mut positions = Vec::new();
        for (n, line) in text.lines().enumerate() {
            if line.trim_start().starts_with('#') {
                continue;
            }
            let b = line.as_bytes();
            for i in 0..b.len() {
                if b[i] == b'.' && b.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_') {
                    let col = line[..i + 2].encode_utf16().count() as u32;
                    positions.push((n as u32, col));
                }
            }
        }
        positions.truncate(max - total);
        total += positions.len();
        let name = path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
        out.push((format!("file:///bench/{name}"), text, positions));
    }
    out
}

/// Hover at every position; (round-trip times, hovers with examples, hovers with any answer).
fn hover_all(lsp: &mut common::Lsp, docs: &[HoverDoc]) -> (Vec<Duration>, usize, usize) {
    let mut times = Vec::new();
    let (mut with_examples, mut answered) = (0, 0);
    for (uri, text, positions) in docs {
        lsp.open(uri, text);
        for &(line, character) in positions {
            let t = Instant::now();
            let r = lsp.request(
                "textDocument/hover",
                serde_json::json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
            );
            times.push(t.elapsed());
            let value = r["contents"]["value"].as_str().unwrap_or("");
            answered += usize::from(!value.is_empty());
            with_examples += usize::from(value.contains("\n\n**Example: ") || value.contains("\n**Example: "));
        }
    }
    (times, with_examples, answered)
}

fn process_rss_kib(pid: u32, field: &str) -> i64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with(field)).and_then(|l| l.split_whitespace().nth(1)?.parse().ok()))
        .unwrap_or(0)
}

fn lsp_figures(root: &Path) {
    println!("\n== in the server (bpy-lsp serve over stdio, its own XDG_CACHE_HOME)");
    let cache = std::env::temp_dir().join(format!("bpy-lsp-rag-bench-lsp-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&cache);
    std::fs::create_dir_all(&cache).expect("cache dir");
    let cache_s = cache.to_string_lossy().into_owned();
    let env = [("XDG_CACHE_HOME", cache_s.as_str())];

    let (lsp, wall, in_server, line) = start_ready(&env);
    assert!(line.contains("built and cached"), "{line}");
    println!(
        "open cold (build + cache + write examples): {:>7.1} ms in the server, {:>7.1} ms from process start",
        ms(in_server),
        ms(wall)
    );
    lsp.shutdown();
    let mut opened = Vec::new();
    let mut walls = Vec::new();
    let mut on = None;
    for _ in 0..5 {
        let (lsp, wall, in_server, line) = start_ready(&env);
        assert!(line.contains("from the cache"), "{line}");
        opened.push(in_server);
        walls.push(wall);
        if let Some(old) = on.replace(lsp) {
            old.shutdown();
        }
    }
    let mut on = on.expect("a server");
    println!(
        "open from the cache:                       {:>7.1} ms in the server, {:>7.1} ms from process start (median of 5)",
        ms(percentile(&mut opened, 50)),
        ms(percentile(&mut walls, 50))
    );

    let off_cache = cache.join("off");
    let off_s = off_cache.to_string_lossy().into_owned();
    let (mut off, _) =
        common::Lsp::start_with(&["utf-16"], &[("XDG_CACHE_HOME", off_s.as_str()), ("BPY_LSP_RAG", "off")]);
    // Wait as long as the other took to get ready, so both are idle.
    std::thread::sleep(Duration::from_millis(500));
    let idle_on = process_rss_kib(on.pid(), "VmRSS");
    let idle_off = process_rss_kib(off.pid(), "VmRSS");

    let docs = hover_docs(root, 600);
    let positions: usize = docs.iter().map(|d| d.2.len()).sum();
    // Warm up both (page in the database and the index), then measure.
    hover_all(&mut off, &docs[..1]);
    hover_all(&mut on, &docs[..1]);
    let (mut t_off, examples_off, answered_off) = hover_all(&mut off, &docs);
    let (mut t_on, with_examples, answered_on) = hover_all(&mut on, &docs);
    println!(
        "hover at {positions} positions in {} example files: {answered_on} answered, {with_examples} with examples",
        docs.len()
    );
    assert_eq!((answered_on, examples_off), (answered_off, 0));
    report("hover, with examples", &mut t_on);
    report("hover, index off", &mut t_off);
    let after_on = process_rss_kib(on.pid(), "VmRSS");
    let after_off = process_rss_kib(off.pid(), "VmRSS");
    println!(
        "server RSS: idle {:.1} MiB with the index open vs {:.1} MiB off (+{:.1} MiB); after the hovers {:.1} vs {:.1} MiB (+{:.1} MiB)",
        idle_on as f64 / 1024.0,
        idle_off as f64 / 1024.0,
        (idle_on - idle_off) as f64 / 1024.0,
        after_on as f64 / 1024.0,
        after_off as f64 / 1024.0,
        (after_on - after_off) as f64 / 1024.0,
    );
    on.shutdown();
    off.shutdown();
    let _ = std::fs::remove_dir_all(&cache);
}

/// Measure the memory one way of getting the index adds.
fn child(what: &str, cache_root: &Path) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let db = bpy_lsp::api::load_default();
    let examples = bpy_lsp::example_sources(root).expect("example library");
    let queries = eval::load_queries(&root.join("rag_data/rag_queries.json")).expect("query set");
    let before = rss_kib("VmRSS");
    let t = Instant::now();
    let rag = match what {
        "memory" => Rag::build(&db, &examples),
        _ => Rag::open_or_build(&db, &examples, &CacheLocation::Dir(PathBuf::from(cache_root))),
    }
    .expect("index");
    let took = t.elapsed();
    let opened = rss_kib("VmRSS");
    for q in &queries {
        std::hint::black_box(rag.search(&q.q, None, 10));
        for p in &q.expect {
            std::hint::black_box(rag.usage_line(p));
        }
    }
    let after = rss_kib("VmRSS");
    let peak = rss_kib("VmHWM");
    let label = match what {
        "cached" => "open from cache (mmap)",
        "memory" => "build in memory (RAM)",
        _ => "cold build into cache",
    };
    println!(
        "{label:<24} {:>6.1} ms   +{:.1} MiB after opening, +{:.1} MiB after all queries (RSS {:.1} -> {:.1} MiB, peak {:.1} MiB)",
        ms(took),
        (opened - before) as f64 / 1024.0,
        (after - before) as f64 / 1024.0,
        before as f64 / 1024.0,
        after as f64 / 1024.0,
        peak as f64 / 1024.0,
    );
}

fn rss_kib(field: &str) -> i64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with(field)).and_then(|l| l.split_whitespace().nth(1)?.parse().ok()))
        .unwrap_or(0)
}

fn report(label: &str, times: &mut [Duration]) {
    let p50 = percentile(times, 50);
    let p95 = percentile(times, 95);
    let max = times.iter().max().copied().unwrap_or_default();
    println!("{label:<22} p50 {:>7.3} ms   p95 {:>7.3} ms   max {:>7.3} ms", ms(p50), ms(p95), ms(max));
}

fn percentile(times: &mut [Duration], p: usize) -> Duration {
    times.sort();
    if times.is_empty() {
        return Duration::ZERO;
    }
    times[((times.len() - 1) * p / 100).min(times.len() - 1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
