//! BlenderRAG retrieval quality on rag_data/rag_queries.json: recall@5 and MRR@10, for the
//! normal search (API entries and examples together) and for each kind on its own.
//! `bpy-lsp rag eval -v` lists the misses.

use std::path::Path;

use bpy_lsp::rag::{Kind, Rag, eval};

/// Floors a little under what the index measures (see the report printed by this test).
const FLOORS: [(&str, Option<Kind>, f64, f64); 3] = [
    // (label, kind, recall@5, MRR@10)
    ("mixed", None, 0.95, 0.93),
    ("api only", Some(Kind::Api), 0.82, 0.68),
    ("examples only", Some(Kind::Example), 0.95, 0.95),
];

#[test]
fn retrieval_quality() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let db = bpy_lsp::api::load_default();
    let examples = bpy_lsp::example_sources(root).expect("example library");
    let rag = Rag::build(&db, &examples).expect("index");
    let queries = eval::load_queries(&root.join("rag_data/rag_queries.json")).expect("query set");
    assert!(queries.len() >= 60, "only {} queries", queries.len());

    let mut failures = Vec::new();
    for (label, kind, min_recall, min_mrr) in FLOORS {
        let report = eval::evaluate(&rag, &queries, 5, 10, kind);
        assert!(report.unknown.is_empty(), "expected paths not in the index: {:?}", report.unknown);
        println!(
            "{label:<14} {:>3} queries  recall@5 {:.3}  MRR@10 {:.3}",
            report.results.len(),
            report.recall_at_k,
            report.mrr
        );
        for miss in report.misses() {
            println!("    miss (rank {:?}): {:?} -> {:?}", miss.rank, miss.q, miss.top);
        }
        if report.recall_at_k < min_recall || report.mrr < min_mrr {
            failures.push(format!(
                "{label}: recall@5 {:.3} (floor {min_recall}), MRR {:.3} (floor {min_mrr})",
                report.recall_at_k, report.mrr
            ));
        }
    }
    assert!(failures.is_empty(), "retrieval quality below the floor: {failures:?}");
}
