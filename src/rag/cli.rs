//! `bpy-lsp rag ...`: query the index, (re)build the cache, score the query set.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use anyhow::anyhow;
use clap::Subcommand;

use super::{CacheLocation, Hit, Kind, Origin, Rag, eval};
use crate::api::ApiDb;

#[derive(Debug, Subcommand)]
pub enum RagCommand {
    /// Search the API database and the example library.
    Query {
        /// What to look for, in words or identifiers.
        text: String,
        /// Only API entries or only examples.
        #[arg(long, value_parser = ["api", "example"])]
        kind: Option<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// How many hits.
        #[arg(short = 'n', default_value_t = 10)]
        count: usize,
        #[command(flatten)]
        source: Source,
    },
    /// Show the examples that use an API entry (what hover shows).
    Uses {
        /// `bpy.types.Object.location`, `bpy.ops.mesh.primitive_cube_add`, `bmesh.ops.bevel`, ...
        api_path: String,
        #[arg(short = 'n', default_value_t = 2)]
        count: usize,
        #[command(flatten)]
        source: Source,
    },
    /// (Re)build the cached index and print the timing.
    Build {
        #[command(flatten)]
        source: Source,
    },
    /// Score retrieval on a query set (recall@5, MRR) and list the misses.
    Eval {
        /// The query set (default: rag_data/rag_queries.json under the root).
        #[arg(long)]
        queries: Option<PathBuf>,
        /// List the queries whose answer is not in the first 5 hits.
        #[arg(short, long)]
        verbose: bool,
        #[command(flatten)]
        source: Source,
    },
}

#[derive(Debug, Clone, clap::Args)]
pub struct Source {
    /// The directory holding rag_data/ (default: the current directory if it has one, else
    /// the source tree bpy-lsp was built from).
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
    /// Cache directory (default: $XDG_CACHE_HOME/bpy-lsp/rag).
    #[arg(long, value_name = "DIR")]
    cache_dir: Option<PathBuf>,
    /// Build in memory, no cache.
    #[arg(long)]
    no_cache: bool,
}

impl Source {
    fn cache(&self) -> CacheLocation {
        match (&self.cache_dir, self.no_cache) {
            (_, true) => CacheLocation::Memory,
            (Some(d), false) => CacheLocation::Dir(d.clone()),
            (None, false) => CacheLocation::Default,
        }
    }
    fn root(&self) -> PathBuf {
        self.root.clone().unwrap_or_else(default_root)
    }
}

/// The directory holding `rag_data/`: the current directory if it has one, else the source
/// tree bpy-lsp was built from.
pub fn default_root() -> PathBuf {
    if Path::new("rag_data/examples").is_dir() { PathBuf::from(".") } else { PathBuf::from(env!("CARGO_MANIFEST_DIR")) }
}

fn open(db: &Arc<ApiDb>, source: &Source) -> anyhow::Result<Rag> {
    Rag::load(db, &source.root(), &source.cache())
}

fn hit_json(h: &Hit) -> serde_json::Value {
    let mut v = serde_json::json!({
        "kind": h.kind.as_str(),
        "entry": h.entry.as_str(),
        "title": h.title,
        "path": h.path,
        "snippet": h.snippet,
        "score": (h.score as f64 * 1000.0).round() / 1000.0,
    });
    if let Some(u) = &h.usage {
        v["usage"] = serde_json::json!({"code": u.code, "path": u.path, "line": u.line});
    }
    v
}

fn print_hits(hits: &[Hit], json: bool) -> anyhow::Result<()> {
    if json {
        let list: Vec<serde_json::Value> = hits.iter().map(hit_json).collect();
        println!("{}", serde_json::to_string_pretty(&list)?);
        return Ok(());
    }
    if hits.is_empty() {
        println!("(no hits)");
    }
    for (i, h) in hits.iter().enumerate() {
        let label = if h.kind == Kind::Example { h.path.as_str() } else { h.title.as_str() };
        println!("{:>2}. {:>7.2}  [{}] {}", i + 1, h.score, h.entry.as_str(), label);
        if h.kind == Kind::Example {
            println!("              {}", h.title);
        }
        if !h.snippet.is_empty() {
            println!("              {}", h.snippet);
        }
        if let Some(u) = &h.usage {
            println!("              {}:{}: {}", u.path, u.line, u.code);
        }
    }
    Ok(())
}

/// Run a `bpy-lsp rag` command.
pub fn run(cmd: RagCommand, db: Arc<ApiDb>) -> anyhow::Result<()> {
    match cmd {
        RagCommand::Query { text, kind, json, count, source } => {
            let rag = open(&db, &source)?;
            let kind =
                kind.as_deref().map(|k| Kind::parse(k).ok_or_else(|| anyhow!("unknown kind {k}"))).transpose()?;
            print_hits(&rag.search(&text, kind, count), json)
        }
        RagCommand::Uses { api_path, count, source } => {
            let rag = open(&db, &source)?;
            print_hits(&rag.examples_using(&api_path, count), false)
        }
        RagCommand::Build { source } => {
            let root = source.root();
            let t = Instant::now();
            let examples = crate::example_sources(&root)?;
            let read = t.elapsed();
            // Remove this content's cache entry first, so that this is a cold build.
            let t = Instant::now();
            let rag = match source.cache() {
                CacheLocation::Memory => Rag::build(&db, &examples)?,
                cache => {
                    let first = Rag::open_or_build(&db, &examples, &cache)?;
                    match first.origin().clone() {
                        Origin::Cached { dir } => {
                            drop(first);
                            std::fs::remove_dir_all(&dir)
                                .map_err(|e| anyhow!("removing the old cache {}: {e}", dir.display()))?;
                            Rag::open_or_build(&db, &examples, &cache)?
                        }
                        _ => first,
                    }
                }
            };
            let build = t.elapsed();
            let t = Instant::now();
            let again = Rag::open_or_build(&db, &examples, &source.cache())?;
            let reopen = t.elapsed();
            println!("{} documents ({} example scripts read in {:.1} ms)", rag.num_docs(), examples.len(), ms(read));
            println!("build: {:.0} ms  ({:?})", ms(build), rag.origin());
            println!("open from cache: {:.1} ms  ({:?})", ms(reopen), again.origin());
            Ok(())
        }
        RagCommand::Eval { queries, verbose, source } => {
            let path = queries.unwrap_or_else(|| source.root().join("rag_data/rag_queries.json"));
            let set = eval::load_queries(&path)?;
            let rag = open(&db, &source)?;
            let mut summary = Vec::new();
            for (label, only) in
                [("mixed", None), ("api only", Some(Kind::Api)), ("examples only", Some(Kind::Example))]
            {
                let report = eval::evaluate(&rag, &set, 5, 10, only);
                if verbose {
                    for r in report.misses() {
                        println!("MISS [{label}] (rank {:?}) {:?}", r.rank, r.q);
                        for p in &r.top {
                            println!("        {p}");
                        }
                    }
                }
                if only.is_none() {
                    for u in &report.unknown {
                        println!("UNKNOWN expected path {u}");
                    }
                }
                summary.push(format!(
                    "{label:<14} {:>3} queries  recall@{} {:.3}  MRR@10 {:.3}",
                    report.results.len(),
                    report.k,
                    report.recall_at_k,
                    report.mrr
                ));
            }
            for line in summary {
                println!("{line}");
            }
            Ok(())
        }
    }
}

fn ms(d: std::time::Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
