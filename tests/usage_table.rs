//! The committed usage table (rag_data/api/usage.json) must be what the examples give.

use std::path::Path;

#[test]
fn usage_table_is_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let db = bpy_lsp::api::load_default();
    let sources = bpy_lsp::example_sources(root).expect("example library");
    assert!(sources.len() >= 80, "only {} example scripts", sources.len());
    let counted = bpy_lsp::analysis::Usage::count(&db, sources.iter().map(|(_, s)| s.as_str()));
    let fresh = serde_json::to_string_pretty(&counted).unwrap() + "\n";
    let committed = std::fs::read_to_string(root.join("rag_data/api/usage.json")).unwrap();
    assert!(fresh == committed, "rag_data/api/usage.json is stale: run `cargo run --release -- dev gen-usage`");
    // The counts rank what scripts use most.
    assert!(counted.member("Context.object") > counted.member("Context.area"));
}
