//! The static gate before every Blender run: bpy-lsp's own linter on the code, its
//! deterministic fixes applied without asking a model, and what remains as findings for the
//! coder (which then gets them instead of a Blender run).

use crate::analysis::Document;
use crate::analysis::lint::{Diagnostic, LazyNotes, Linter, Registrations, VersionHints};
use crate::api::ApiDb;

pub use crate::analysis::edit::TextEdit;

/// One finding the gate could not fix.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Finding {
    /// 1-based line.
    pub line: usize,
    pub code: String,
    pub message: String,
    /// The line's text.
    pub source: String,
}

impl Finding {
    /// `line 12: BPY006 message\n    12 | code`
    pub fn describe(&self) -> String {
        format!("line {}: {} {}\n    {} | {}", self.line, self.code, self.message, self.line, self.source.trim_end())
    }
}

#[derive(Debug, Clone, Default)]
pub struct Report {
    /// The code after the fixes.
    pub code: String,
    /// What was fixed, one line each: `line 12: BPY006 'Base Colour' -> 'Base Color'`.
    pub fixed: Vec<String>,
    pub remaining: Vec<Finding>,
}

impl Report {
    pub fn clean(&self) -> bool {
        self.remaining.is_empty()
    }
}

/// The linter with the notes of other Blender versions (renames become fixes).
fn diagnostics(doc: &Document, db: &ApiDb, notes: &LazyNotes) -> Vec<Diagnostic> {
    let registered = Registrations::of(doc.text());
    Linter::new(db, &registered, Some(notes as &dyn VersionHints)).lint(doc)
}

/// The deterministic fixes for a document: one per diagnostic that carries one, without
/// overlaps, in order. This is the one place to swap in `check --fix`'s fixer.
pub fn fixes(doc: &Document, db: &ApiDb) -> Vec<TextEdit> {
    let notes = LazyNotes::new(&db.version);
    fixes_of(&diagnostics(doc, db, &notes))
}

/// The certain fixes only (what `check --fix` applies without review), each kept whole or
/// left for the next round when it overlaps an earlier one.
fn fixes_of(diags: &[Diagnostic]) -> Vec<TextEdit> {
    let certain = diags.iter().filter_map(|d| d.fix.as_ref()).filter(|f| f.certain);
    crate::analysis::edit::DocumentEdit::from_fixes(None, certain).edits
}

/// Apply edits sorted by position and not overlapping (others are skipped).
pub fn apply(text: &str, edits: &[TextEdit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in edits {
        let (Some(before), Some(_)) = (text.get(at..e.start), text.get(e.start..e.end)) else { continue };
        out.push_str(before);
        out.push_str(&e.new_text);
        at = e.end;
    }
    out.push_str(text.get(at..).unwrap_or(""));
    out
}

fn line_of(text: &str, offset: usize) -> (usize, String) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count();
    let src = text.lines().nth(line).unwrap_or("").to_string();
    (line + 1, src)
}

/// Lint, fix what has a fix, lint again (a fix can reveal the next finding), at most a few
/// rounds; report what is left.
pub fn check(code: &str, db: &ApiDb) -> Report {
    let notes = LazyNotes::new(&db.version);
    let mut text = code.to_string();
    let mut fixed = Vec::new();
    for _ in 0..4 {
        let doc = Document::new(text.clone());
        let diags = diagnostics(&doc, db, &notes);
        let edits = fixes_of(&diags);
        if edits.is_empty() {
            let remaining = diags
                .iter()
                .map(|d| {
                    let (line, source) = line_of(&text, d.range.start);
                    Finding { line, code: d.code.as_str().to_string(), message: d.message.clone(), source }
                })
                .collect();
            return Report { code: text, fixed, remaining };
        }
        for d in &diags {
            if let Some(f) = &d.fix
                && let Some(first) = f.edits.first()
                && f.edits.iter().all(|fe| edits.contains(fe))
            {
                let (line, _) = line_of(&text, first.start);
                let old = text.get(first.start..first.end).unwrap_or("");
                fixed.push(format!("line {line}: {} {old} -> {} ({})", d.code.as_str(), first.new_text, f.title));
            }
        }
        text = apply(&text, &edits);
    }
    let doc = Document::new(text.clone());
    let remaining = diagnostics(&doc, db, &notes)
        .iter()
        .map(|d| {
            let (line, source) = line_of(&text, d.range.start);
            Finding { line, code: d.code.as_str().to_string(), message: d.message.clone(), source }
        })
        .collect();
    Report { code: text, fixed, remaining }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrong_socket_name_is_fixed_without_a_model() {
        let db = crate::api::load_default();
        let code = "import bpy\nmat = bpy.data.materials.new('m')\nmat.use_nodes = True\n\
                    bsdf = mat.node_tree.nodes.new('ShaderNodeBsdfPrincipled')\n\
                    bsdf.inputs['Base Colour'].default_value = (1, 0, 0, 1)\n";
        let r = check(code, &db);
        assert!(r.code.contains("bsdf.inputs['Base Color']"), "{}", r.code);
        assert_eq!(r.fixed.len(), 1, "{:?}", r.fixed);
        assert!(r.remaining.is_empty(), "{:?}", r.remaining);
    }

    #[test]
    fn guesses_are_findings_not_fixes() {
        let db = crate::api::load_default();
        let code = "import bpy\nmesh = bpy.data.meshes.new('m')\nmesh.calc_normals()\nmesh.updat()\n";
        let r = check(code, &db);
        // `updat` is a clear typo of `update`; `calc_normals` is no typo of `flip_normals`.
        assert_eq!(r.code, "import bpy\nmesh = bpy.data.meshes.new('m')\nmesh.calc_normals()\nmesh.update()\n");
        assert_eq!(r.fixed.len(), 1, "{:?}", r.fixed);
        let left: Vec<(usize, &str)> = r.remaining.iter().map(|f| (f.line, f.code.as_str())).collect();
        assert_eq!(left, [(3, "BPY004")]);
        // The coder is told what replaced it, not a look-alike name.
        assert!(r.remaining[0].message.ends_with("(removed in 4.0; normals are always up to date (mesh.vertex_normals, mesh.polygon_normals): remove the call)"), "{}", r.remaining[0].message);
    }

    #[test]
    fn apply_skips_overlaps_and_bad_offsets() {
        let e = [
            TextEdit { start: 0, end: 1, new_text: "X".into() },
            TextEdit { start: 100, end: 200, new_text: "Y".into() },
        ];
        assert_eq!(apply("abc", &e), "Xbc");
    }
}
