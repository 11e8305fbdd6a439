//! `bpy-lsp check`: run the linter the server runs over files and directories and print
//! ruff-style results; `--fix` applies the certain fixes and writes the files, `--diff`
//! shows them as a unified diff.
//!
//! Honest about what it could not look at: a path that does not exist, a directory without
//! Python files, a file that is not UTF-8 or is binary is reported with its reason and makes
//! the exit status 2 (see `Report::status`).

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::analysis::Document;
use crate::analysis::fix;
use crate::analysis::lint::{Diagnostic, Linter, Registrations, Severity, VersionHints};
use crate::api::ApiDb;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FixMode {
    /// Report only.
    #[default]
    Off,
    /// Apply the certain fixes and write the files.
    Write,
    /// Print the certain fixes as a unified diff; write nothing.
    Diff,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub format: Format,
    pub fix: FixMode,
}

#[derive(Debug, Default)]
pub struct Report {
    pub files: usize,
    pub lines: usize,
    /// Errors left (after fixing, with `--fix`).
    pub problems: usize,
    /// Hints: findings that depend on data the linter cannot see; not counted as problems.
    pub hints: usize,
    /// Inputs that could not be checked, with the reason.
    pub unreadable: Vec<(PathBuf, String)>,
    /// Fixes applied (`--fix`) or that would be applied (`--diff`).
    pub fixed: usize,
    pub seconds: f64,
}

impl Report {
    /// The exit status: 2 when an input could not be checked, 1 when errors were found
    /// (or are left after fixing), 0 only when everything was checked and nothing found.
    pub fn status(&self) -> u8 {
        if !self.unreadable.is_empty() {
            2
        } else if self.problems > 0 {
            1
        } else {
            0
        }
    }
}

/// Every `.py` file under the given paths, sorted; hidden and cache directories skipped.
/// Paths that do not exist are left out (see `inputs` for the check that says so).
pub fn python_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    inputs(paths).0
}

/// The files to check under `paths`, and the paths that give none (with the reason). A
/// file named on the command line is checked whatever its extension.
pub fn inputs(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<(PathBuf, String)>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for p in paths {
        match std::fs::metadata(p) {
            Err(e) => problems.push((p.clone(), io_reason(&e))),
            Ok(m) if m.is_dir() => {
                let before = out.len();
                walk(p, &mut out);
                if out.len() == before {
                    problems.push((p.clone(), "no Python files in this directory".to_string()));
                }
            }
            Ok(_) => out.push(p.clone()),
        }
    }
    out.sort();
    out.dedup();
    (out, problems)
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

fn walk(path: &Path, out: &mut Vec<PathBuf>) {
    // An explicit stack: a deep tree of directories must not overflow ours.
    let mut dirs = vec![path.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            let name = e.file_name();
            let name = name.to_str().unwrap_or("");
            let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
            if is_dir {
                if !(name.starts_with('.') || name == "__pycache__" || name == "node_modules") {
                    dirs.push(p);
                }
            } else if p.extension().is_some_and(|x| x == "py") {
                out.push(p);
            }
        }
    }
}

/// Read a file as Python text, or say why it is not.
pub fn read_source(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| io_reason(&e))?;
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Err("a binary file, not Python text".to_string());
    }
    String::from_utf8(bytes).map_err(|e| format!("not valid UTF-8 (byte {})", e.utf8_error().valid_up_to()))
}

/// Lint `paths` and write the results to `out` (report only).
pub fn check(
    db: &ApiDb,
    hints: Option<&dyn VersionHints>,
    paths: &[PathBuf],
    format: Format,
    out: &mut dyn Write,
) -> std::io::Result<Report> {
    check_with(db, hints, paths, Options { format, fix: FixMode::Off }, out)
}

/// Lint (and fix) `paths`, writing results to `out` and the inputs that could not be
/// checked to stderr. Registrations (operators and properties that the checked code
/// defines) are those of the file itself and, for a file in a package, of every file of
/// its top-level package (an add-on spreads them over its files): the same whatever else
/// is checked with it.
pub fn check_with(
    db: &ApiDb,
    hints: Option<&dyn VersionHints>,
    paths: &[PathBuf],
    options: Options,
    out: &mut dyn Write,
) -> std::io::Result<Report> {
    let start = Instant::now();
    let (files, mut unreadable) = inputs(paths);
    let mut sources = Vec::new();
    for f in &files {
        match read_source(f) {
            Ok(text) => sources.push((f.clone(), text)),
            Err(reason) => unreadable.push((f.clone(), reason)),
        }
    }
    unreadable.sort();
    for (path, reason) in &unreadable {
        eprintln!("{}: error: {reason}; not checked", path.display());
    }
    let registrations = package_registrations(&sources);
    let checked = lint_all(db, hints, &registrations, &sources, options);
    let mut report = Report { files: sources.len(), unreadable, ..Default::default() };
    let mut json = Vec::new();
    for file in checked {
        report.lines += file.lines;
        report.problems += file.errors;
        report.hints += file.hints;
        report.fixed += file.fixed;
        if let Some(new_text) = &file.new_text {
            match options.fix {
                FixMode::Write => {
                    if let Err(e) = std::fs::write(&file.path, new_text) {
                        eprintln!("{}: error: could not write the fixes: {}", file.path.display(), io_reason(&e));
                        report.unreadable.push((file.path.clone(), format!("could not write: {}", io_reason(&e))));
                    }
                }
                FixMode::Diff => {
                    let old = sources.iter().find(|(p, _)| *p == file.path).map_or("", |(_, t)| t.as_str());
                    write!(out, "{}", fix::unified_diff(&file.path.display().to_string(), old, new_text))?;
                }
                FixMode::Off => {}
            }
        }
        for line in &file.text {
            writeln!(out, "{line}")?;
        }
        json.extend(file.json);
    }
    if options.format == Format::Json {
        writeln!(out, "{}", serde_json::to_string_pretty(&json).unwrap_or_default())?;
    }
    report.seconds = start.elapsed().as_secs_f64();
    Ok(report)
}

/// Registrations per file: its own, plus those of every file of its top-level package (the
/// outermost directory above it that is a package, `__init__.py` and all). Files of a
/// package are read from disk if they are not among the checked ones.
fn package_registrations(sources: &[(PathBuf, String)]) -> Vec<Registrations> {
    let texts: HashMap<&Path, &str> = sources.iter().map(|(p, t)| (p.as_path(), t.as_str())).collect();
    let mut by_root: HashMap<PathBuf, Registrations> = HashMap::new();
    sources
        .iter()
        .map(|(path, text)| {
            let Some(root) = crate::package_files::package_root(path) else { return Registrations::of(text) };
            by_root
                .entry(root.clone())
                .or_insert_with(|| {
                    let mut r = Registrations::default();
                    let mut files = Vec::new();
                    walk(&root, &mut files);
                    files.sort();
                    for f in files.iter().take(20_000) {
                        match texts.get(f.as_path()) {
                            Some(t) => r.scan(t),
                            None => {
                                if let Ok(t) = read_source(f) {
                                    r.scan(&t);
                                }
                            }
                        }
                    }
                    r
                })
                .clone()
        })
        .collect()
}

/// One file's results, formatted.
#[derive(Default)]
struct Checked {
    path: PathBuf,
    lines: usize,
    errors: usize,
    hints: usize,
    fixed: usize,
    /// The fixed text, when fixes were applied.
    new_text: Option<String>,
    text: Vec<String>,
    json: Vec<serde_json::Value>,
}

/// How many rounds of fixing at most: a fix may reveal the next (ruff uses 100).
const FIX_ROUNDS: usize = 8;

fn check_one(linter: &Linter, path: &Path, text: &str, options: Options) -> Checked {
    let mut doc = Document::new(text.to_string());
    let mut diags = linter.lint(&doc);
    let mut fixed = Vec::new();
    if options.fix != FixMode::Off {
        let had_syntax_error = diags.iter().any(|d| d.code == crate::analysis::lint::Code::SyntaxError);
        for _ in 0..FIX_ROUNDS {
            let certain: Vec<&crate::analysis::lint::Fix> =
                diags.iter().filter_map(|d| d.fix.as_ref()).filter(|f| f.certain).collect();
            if certain.is_empty() {
                break;
            }
            let round = fix::apply(doc.text(), &certain);
            if round.applied.is_empty() {
                break;
            }
            let next = Document::new(round.text);
            let next_diags = linter.lint(&next);
            // A fix must leave a file that parses.
            if !had_syntax_error && next_diags.iter().any(|d| d.code == crate::analysis::lint::Code::SyntaxError) {
                break;
            }
            fixed.extend(round.applied.iter().map(|&i| certain[i].title.clone()));
            doc = next;
            diags = next_diags;
        }
    }
    let mut file = Checked {
        path: path.to_path_buf(),
        lines: doc.lines().line_count(),
        fixed: fixed.len(),
        new_text: (!fixed.is_empty()).then(|| doc.text().to_string()),
        ..Default::default()
    };
    if !fixed.is_empty() && options.format == Format::Text && options.fix == FixMode::Write {
        for title in &fixed {
            file.text.push(format!("{}: fixed: {title}", path.display()));
        }
    }
    for d in &diags {
        match d.severity {
            Severity::Error => file.errors += 1,
            Severity::Hint => file.hints += 1,
        }
        if options.fix == FixMode::Diff {
            continue; // the diff is the output
        }
        match options.format {
            Format::Text => file.text.push(text_line(path, &doc, d)),
            Format::Json => file.json.push(json_entry(path, &doc, d)),
        }
    }
    file
}

/// Lint every source on all cores (files are independent once registrations are known);
/// the results come back in the order of `sources`.
fn lint_all(
    db: &ApiDb,
    hints: Option<&dyn VersionHints>,
    registrations: &[Registrations],
    sources: &[(PathBuf, String)],
    options: Options,
) -> Vec<Checked> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let (Some((path, text)), Some(registered)) = (sources.get(i), registrations.get(i)) else { return done };
            let linter = Linter::new(db, registered, hints);
            done.push((i, check_one(&linter, path, text, options)));
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
    (line + 1, doc.text().get(start..offset).map_or(col, |t| t.chars().count()) + 1)
}

fn text_line(path: &Path, doc: &Document, d: &Diagnostic) -> String {
    let (line, col) = line_col(doc, d.range.start);
    let hint = if d.severity == Severity::Hint { "[hint] " } else { "" };
    format!("{}:{line}:{col}: {} {hint}{}", path.display(), d.code.as_str(), d.message)
}

fn json_entry(path: &Path, doc: &Document, d: &Diagnostic) -> serde_json::Value {
    let (line, col) = line_col(doc, d.range.start);
    let (end_line, end_col) = line_col(doc, d.range.end);
    serde_json::json!({
        "file": path.display().to_string(),
        "line": line, "column": col, "end_line": end_line, "end_column": end_col,
        "code": d.code.as_str(), "name": d.code.name(), "message": d.message,
        "severity": match d.severity { Severity::Error => "error", Severity::Hint => "hint" },
        "fix": d.fix.as_ref().map(|f| serde_json::json!({
            "title": f.title,
            "replacement": f.replacement(),
            "certain": f.certain,
            "edits": f.edits.iter().map(|e| {
                let (line, column) = line_col(doc, e.start);
                let (end_line, end_column) = line_col(doc, e.end);
                serde_json::json!({"line": line, "column": column, "end_line": end_line, "end_column": end_column, "new_text": e.new_text})
            }).collect::<Vec<_>>(),
        })),
    })
}
