//! `bpy-lsp check`: run the linter the server runs over files and directories and print
//! ruff-style results.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::analysis::Document;
use crate::analysis::lint::{Diagnostic, Linter, Registrations, VersionHints};
use crate::api::ApiDb;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

pub struct Report {
    pub files: usize,
    pub lines: usize,
    pub problems: usize,
    pub unreadable: usize,
    pub seconds: f64,
}

/// Every `.py` file under the given paths, sorted; hidden and cache directories skipped.
pub fn python_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        walk(p, &mut out);
    }
    out.sort();
    out.dedup();
    out
}

fn walk(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') && name.len() > 1 || name == "__pycache__" || name == "node_modules" {
            return;
        }
        if let Ok(entries) = std::fs::read_dir(path) {
            for e in entries.flatten() {
                walk(&e.path(), out);
            }
        }
    } else if path.extension().is_some_and(|e| e == "py") || path.is_file() && out.is_empty() {
        out.push(path.to_path_buf());
    }
}

/// Lint `paths` and write the results to `out`. Registrations (operators and properties
/// that the checked code defines) are gathered from all files first, as an add-on
/// spreads them over several files.
pub fn check(
    db: &ApiDb,
    hints: Option<&dyn VersionHints>,
    paths: &[PathBuf],
    format: Format,
    out: &mut dyn Write,
) -> std::io::Result<Report> {
    let start = Instant::now();
    let files = python_files(paths);
    let mut sources = Vec::new();
    let mut unreadable = 0;
    for f in &files {
        match std::fs::read(f) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => sources.push((f.clone(), text)),
                Err(_) => {
                    eprintln!("{}: error: not valid UTF-8, skipped", f.display());
                    unreadable += 1;
                }
            },
            Err(e) => {
                eprintln!("{}: error: {e}", f.display());
                unreadable += 1;
            }
        }
    }
    let mut registered = Registrations::default();
    for (_, text) in &sources {
        registered.scan(text);
    }
    let linter = Linter::new(db, &registered, hints);
    let mut problems = 0;
    let mut lines = 0;
    let mut json = Vec::new();
    for (path, text) in &sources {
        let doc = Document::new(text.clone());
        lines += doc.lines().line_count();
        let diags = linter.lint(&doc);
        problems += diags.len();
        for d in &diags {
            match format {
                Format::Text => writeln!(out, "{}", text_line(path, &doc, d))?,
                Format::Json => json.push(json_entry(path, &doc, d)),
            }
        }
    }
    if format == Format::Json {
        writeln!(out, "{}", serde_json::to_string_pretty(&json).unwrap_or_default())?;
    }
    Ok(Report { files: sources.len(), lines, problems, unreadable, seconds: start.elapsed().as_secs_f64() })
}

/// 1-based line and column in characters.
fn line_col(doc: &Document, offset: usize) -> (usize, usize) {
    let (line, col) = doc.lines().line_col(offset);
    let start = offset - col;
    (line + 1, doc.text()[start..offset].chars().count() + 1)
}

fn text_line(path: &Path, doc: &Document, d: &Diagnostic) -> String {
    let (line, col) = line_col(doc, d.range.start);
    format!("{}:{line}:{col}: {} {}", path.display(), d.code.as_str(), d.message)
}

fn json_entry(path: &Path, doc: &Document, d: &Diagnostic) -> serde_json::Value {
    let (line, col) = line_col(doc, d.range.start);
    let (end_line, end_col) = line_col(doc, d.range.end);
    serde_json::json!({
        "file": path.display().to_string(),
        "line": line, "column": col, "end_line": end_line, "end_column": end_col,
        "code": d.code.as_str(), "name": d.code.name(), "message": d.message,
        "fix": d.fix.as_ref().map(|f| serde_json::json!({"title": f.title, "replacement": f.replacement})),
    })
}
