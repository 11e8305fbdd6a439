//! bpy-lsp: a language server for Blender Python code. See DESIGN.md for the layering.

pub mod agent;
pub mod analysis;
pub mod api;
pub mod blender;
pub mod check;
pub mod cli_pipe;
pub mod config;
pub mod lsp;
pub mod package_files;
pub mod rag;

use std::sync::Arc;

/// How often our examples use each member (see `analysis::usage`), built into the binary.
static USAGE_JSON: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/rag_data/api/usage.json"));

pub fn default_usage() -> Arc<analysis::Usage> {
    // Checked by the `usage_table_is_fresh` test; a broken file is a build error.
    Arc::new(analysis::Usage::from_json(USAGE_JSON).expect("embedded usage table is valid JSON"))
}

/// The example library as built into the binary: (`rag_data/examples/x.py`, text), sorted
/// by path (see build.rs).
pub static EMBEDDED_EXAMPLES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/examples.rs"));

/// [`EMBEDDED_EXAMPLES`] in the form [`example_sources`] returns (same paths under
/// `rag_data/`, same order, so the index built from either has the same cache key).
pub fn embedded_examples() -> Vec<(std::path::PathBuf, String)> {
    EMBEDDED_EXAMPLES.iter().map(|(p, t)| (std::path::PathBuf::from(p), t.to_string())).collect()
}

/// The example library's scripts (rag_data/examples, rag_data/assets), sorted by path.
pub fn example_sources(root: &std::path::Path) -> anyhow::Result<Vec<(std::path::PathBuf, String)>> {
    let mut out = Vec::new();
    for dir in ["rag_data/examples", "rag_data/assets"] {
        let dir = root.join(dir);
        let entries = std::fs::read_dir(&dir).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", dir.display()))?;
        for entry in entries {
            let path = entry?.path();
            if path.extension().is_some_and(|e| e == "py") {
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
                out.push((path, text));
            }
        }
    }
    out.sort();
    Ok(out)
}
