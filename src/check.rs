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
    let checked = lint_all(&linter, &sources, format);
    let mut problems = 0;
    let mut lines = 0;
    let mut json = Vec::new();
    for file in checked {
        lines += file.lines;
        problems += file.text.len() + file.json.len();
        for line in &file.text {
            writeln!(out, "{line}")?;
        }
        json.extend(file.json);
    }
    if format == Format::Json {
        writeln!(out, "{}", serde_json::to_string_pretty(&json).unwrap_or_default())?;
    }
    Ok(Report { files: sources.len(), lines, problems, unreadable, seconds: start.elapsed().as_secs_f64() })
}

/// One file's results, formatted.
#[derive(Default)]
struct Checked {
    lines: usize,
    text: Vec<String>,
    json: Vec<serde_json::Value>,
}

/// Lint every source on all cores (files are independent once registrations are known);
/// the results come back in the order of `sources`.
fn lint_all(linter: &Linter, sources: &[(PathBuf, String)], format: Format) -> Vec<Checked> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some((path, text)) = sources.get(i) else { return done };
            let doc = Document::new(text.clone());
            let mut file = Checked { lines: doc.lines().line_count(), ..Default::default() };
            for d in &linter.lint(&doc) {
                match format {
                    Format::Text => file.text.push(text_line(path, &doc, d)),
                    Format::Json => file.json.push(json_entry(path, &doc, d)),
                }
            }
            done.push((i, file));
        }
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(sources.len()).max(1);
    let mut all: Vec<(usize, Checked)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut all = work();
        for w in workers {
            // A panic in a worker is a bug in the linter: let it surface as one.
            all.extend(w.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
        }
        all
    });
    all.sort_unstable_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, file)| file).collect()
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
