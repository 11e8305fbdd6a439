//! Retrieval for the model loop: BlenderRAG hits for each part of the plan, and the API
//! entries of the names the code uses (the failing API for the debugger).

use std::sync::Arc;

use crate::api::ApiDb;
use crate::rag::{CacheLocation, Hit, Kind, Rag};

/// BlenderRAG from its cache (built on first use); None when it cannot be opened.
pub fn open_rag(db: &Arc<ApiDb>) -> Option<Rag> {
    Rag::open_or_build(db, &crate::embedded_examples(), &CacheLocation::Default).ok()
}

/// One hit as the coder reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct Snippet {
    /// `rag_data/examples/modifier_bevel.py` or `bpy.types.BevelModifier.width`.
    pub source: String,
    pub text: String,
}

/// Examples for each part (their code, trimmed) and API entries, best first, no repeats.
pub fn for_parts(rag: &Rag, parts: &[String], per_part: usize) -> Vec<Snippet> {
    let mut out: Vec<Snippet> = Vec::new();
    for part in parts {
        for hit in rag.search(part, Some(Kind::Example), per_part) {
            if out.iter().any(|s| s.source == hit.path) {
                continue;
            }
            let code = rag.example_code(&hit.path).unwrap_or_default();
            out.push(Snippet { source: hit.path.clone(), text: format!("# {}\n{}", hit.title, trim_lines(&code, 60)) });
        }
    }
    out
}

/// API entries for names (`modifiers.new`, `ShaderNodeBsdfPrincipled`).
pub fn for_names(rag: &Rag, names: &[String], per_name: usize) -> Vec<Snippet> {
    let mut out: Vec<Snippet> = Vec::new();
    for name in names {
        for hit in rag.search(name, Some(Kind::Api), per_name) {
            if !out.iter().any(|s| s.source == hit.path) {
                out.push(api_snippet(&hit));
            }
        }
    }
    out
}

fn api_snippet(hit: &Hit) -> Snippet {
    Snippet { source: hit.path.clone(), text: format!("{}: {}", hit.title, hit.snippet) }
}

fn trim_lines(code: &str, n: usize) -> String {
    let lines: Vec<&str> = code.lines().collect();
    let mut s = lines.iter().take(n).copied().collect::<Vec<_>>().join("\n");
    if lines.len() > n {
        s.push_str(&format!("\n# ... {} more lines", lines.len() - n));
    }
    s
}

/// Dotted names and node ids the code uses: `bpy.ops.mesh.primitive_cube_add`,
/// `modifiers.new`, `ShaderNodeBsdfPrincipled` (at most `max`, in order of appearance).
pub fn names_in(code: &str, max: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        let t = cur.trim_matches('.').to_string();
        cur.clear();
        let interesting = (t.contains('.')
            && (t.starts_with("bpy") || t.starts_with("bmesh") || t.matches('.').count() >= 1))
            || t.starts_with("ShaderNode")
            || t.starts_with("GeometryNode");
        if interesting && t.len() > 3 && !out.contains(&t) && out.len() < max {
            out.push(t);
        }
    };
    for c in code.chars() {
        if c.is_alphanumeric() || c == '_' || c == '.' {
            cur.push(c);
        } else {
            flush(&mut cur, &mut out);
        }
    }
    flush(&mut cur, &mut out);
    out
}
