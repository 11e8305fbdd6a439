//! Retrieval quality: a set of natural-language queries with the API entries or example
//! paths that answer them (rag_data/rag_queries.json), scored as recall@k and MRR.

use std::path::Path;

use anyhow::Context;
use serde::Deserialize;

use super::{Kind, Rag};

#[derive(Debug, Clone, Deserialize)]
pub struct QuerySet {
    pub queries: Vec<EvalQuery>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct EvalQuery {
    /// What a user would type or an agent would ask.
    pub q: String,
    /// Hit paths that answer it (API paths or `rag_data/...` example paths); any one counts.
    pub expect: Vec<String>,
    /// Search only this kind ("api" or "example"); both when absent.
    #[serde(default)]
    pub kind: Option<String>,
}

impl EvalQuery {
    pub fn kind(&self) -> Option<Kind> {
        self.kind.as_deref().and_then(Kind::parse)
    }
}

/// Read a query set, naming the file in errors.
pub fn load_queries(path: &Path) -> anyhow::Result<Vec<EvalQuery>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read query set {}", path.display()))?;
    let set: QuerySet =
        serde_json::from_str(&text).with_context(|| format!("query set {} is not valid", path.display()))?;
    Ok(set.queries)
}

/// How one query did.
#[derive(Debug, Clone)]
pub struct QueryResult {
    pub q: String,
    /// 1-based rank of the first expected hit within the first `depth` hits.
    pub rank: Option<usize>,
    /// The paths of the first hits.
    pub top: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Report {
    pub k: usize,
    /// Fraction of queries with an expected hit among the first `k`.
    pub recall_at_k: f64,
    /// Mean reciprocal rank of the first expected hit (0 when not in the first `depth` hits).
    pub mrr: f64,
    pub results: Vec<QueryResult>,
    /// Expected paths that are not in the index at all (typos in the query set).
    pub unknown: Vec<String>,
}

impl Report {
    pub fn misses(&self) -> impl Iterator<Item = &QueryResult> {
        self.results.iter().filter(|r| r.rank.is_none_or(|rank| rank > self.k))
    }
}

/// Run every query; ranks are looked for in the first `depth` hits (MRR@depth).
///
/// With `only` set, every query searches that kind only and counts only the expected paths
/// of that kind (queries without any are skipped): `Some(Kind::Api)` measures API retrieval
/// on its own, without the examples' help.
pub fn evaluate(rag: &Rag, queries: &[EvalQuery], k: usize, depth: usize, only: Option<Kind>) -> Report {
    let mut results = Vec::new();
    let mut unknown = Vec::new();
    for q in queries {
        for e in &q.expect {
            if !rag.contains(e) && !unknown.contains(e) {
                unknown.push(e.clone());
            }
        }
        let expect: Vec<&String> = match only {
            None => q.expect.iter().collect(),
            Some(kind) => q.expect.iter().filter(|e| path_kind(e) == kind).collect(),
        };
        if expect.is_empty() {
            continue;
        }
        let hits = rag.search(&q.q, only.or(q.kind()), depth.max(k));
        let rank = hits.iter().position(|h| expect.iter().any(|e| **e == h.path)).map(|i| i + 1);
        results.push(QueryResult { q: q.q.clone(), rank, top: hits.iter().take(k).map(|h| h.path.clone()).collect() });
    }
    let n = results.len().max(1) as f64;
    let recall = results.iter().filter(|r| r.rank.is_some_and(|rank| rank <= k)).count() as f64 / n;
    let mrr = results.iter().map(|r| r.rank.map_or(0.0, |rank| 1.0 / rank as f64)).sum::<f64>() / n;
    Report { k, recall_at_k: recall, mrr, results, unknown }
}

/// Example paths start with `rag_data/`; everything else is an API path.
pub fn path_kind(path: &str) -> Kind {
    if path.starts_with("rag_data/") || path.ends_with(".py") { Kind::Example } else { Kind::Api }
}
