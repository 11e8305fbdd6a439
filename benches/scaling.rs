//! How cost grows with the size of a document: `check` and the application of one
//! keystroke, at 0.1 / 1 / 4 / 10 MB.
//!
//! `cargo bench --bench scaling` builds each document from the example library (its scripts
//! one after another, as a long generated script or a concatenated add-on would be), then
//! times:
//! - `check`: the CLI's work on the file (read, parse, lint, format), in process;
//! - a keystroke as the server applies it on its protocol thread (`Session::change`: an
//!   incremental `didChange` of one character, position conversion, text, line index and
//!   incremental reparse), in the middle of lines spread over the document;
//! - the same edit on a `Document` alone, and the parse that the first request after it
//!   pays (`Document::tree`: tree-sitter's incremental reparse).
//!
//! Prints medians and p95 as a table. `--quick` runs fewer samples.

use std::time::{Duration, Instant};

use bpy_lsp::analysis::Document;
use bpy_lsp::lsp::session::Session;
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent, Uri};

const SIZES_MB: [f64; 4] = [0.1, 1.0, 4.0, 10.0];

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let db = bpy_lsp::api::load_default();
    let usage = bpy_lsp::default_usage();
    let library: Vec<String> = bpy_lsp::embedded_examples().into_iter().map(|(_, t)| t).collect();
    let dir = std::env::temp_dir().join(format!("bpy-lsp-scaling-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");

    println!(
        "{:>7} {:>8} {:>13} {:>13} {:>16} {:>16} {:>15} {:>15} {:>13} {:>13}",
        "size",
        "lines",
        "check p50",
        "check p95",
        "keystroke p50",
        "keystroke p95",
        "doc edit p50",
        "doc edit p95",
        "reparse p50",
        "reparse p95"
    );
    for mb in SIZES_MB {
        let text = document(&library, (mb * 1024.0 * 1024.0) as usize);
        let lines = text.lines().count();
        let path = dir.join(format!("scaling_{mb}.py"));
        std::fs::write(&path, &text).expect("write the document");

        let runs = if quick { 2 } else { (40.0 / mb.max(0.5)).ceil().clamp(5.0, 40.0) as usize };
        let mut check = Vec::new();
        for _ in 0..runs {
            let t = Instant::now();
            let mut out = Vec::new();
            let report =
                bpy_lsp::check::check(&db, None, std::slice::from_ref(&path), bpy_lsp::check::Format::Text, &mut out)
                    .expect("check");
            check.push(t.elapsed());
            std::hint::black_box((report.problems, out));
        }

        let session = Session::new(db.clone(), usage.clone(), Default::default());
        let uri: Uri = "file:///bench/scaling.py".parse().expect("uri");
        session.open(uri.clone(), text.clone());
        // Hold a snapshot, as a lint in progress does (the first edit then copies the text).
        let held = session.snapshot(&uri);
        let edits = if quick { 50 } else { 400 };
        // In the middle of lines spread over the document, as one types.
        let widths: Vec<u32> = text.split('\n').map(|l| l.encode_utf16().count() as u32).collect();
        let targets: Vec<(u32, u32)> = (0..edits)
            .map(|i| {
                let line = i * 7919 % widths.len().max(1);
                (line as u32, widths[line] / 2)
            })
            .collect();
        let mut keystroke = Vec::new();
        for (i, &(line, character)) in targets.iter().enumerate() {
            // Type a character, then delete it: the document stays the same size.
            let at = Position { line, character };
            let (range, text) = if i % 2 == 0 {
                (Range { start: at, end: at }, "x".to_string())
            } else {
                let prev = targets[i - 1];
                let p = Position { line: prev.0, character: prev.1 };
                (Range { start: p, end: Position { line: p.line, character: p.character + 1 } }, String::new())
            };
            let change = TextDocumentContentChangeEvent { range: Some(range), range_length: None, text };
            let t = Instant::now();
            session.change(&uri, vec![change]).expect("change");
            keystroke.push(t.elapsed());
        }
        drop(held);

        let mut doc = Document::new(text.clone());
        std::hint::black_box(doc.tree());
        let mut doc_edit = Vec::new();
        let mut reparse = Vec::new();
        for i in 0..edits {
            let at = bpy_lsp::analysis::document::floor_char_boundary(doc.text(), i * 104_729 % text.len().max(1));
            for (end, new_text) in [(at, "x"), (at + 1, "")] {
                let t = Instant::now();
                doc.edit(at, end, new_text);
                doc_edit.push(t.elapsed());
                if i % 5 == 0 {
                    let t = Instant::now();
                    std::hint::black_box(doc.tree());
                    reparse.push(t.elapsed());
                }
            }
        }
        assert_eq!(doc.text(), text);

        println!(
            "{:>5} MB {:>8} {:>10.0} ms {:>10.0} ms {:>13.3} ms {:>13.3} ms {:>12.3} ms {:>12.3} ms {:>10.0} ms {:>10.0} ms",
            mb,
            lines,
            ms(median(&mut check)),
            ms(p95(&mut check)),
            ms(median(&mut keystroke)),
            ms(p95(&mut keystroke)),
            ms(median(&mut doc_edit)),
            ms(p95(&mut doc_edit)),
            ms(median(&mut reparse)),
            ms(p95(&mut reparse)),
        );
        let _ = std::fs::remove_file(&path);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The library's scripts one after another until `size` bytes.
fn document(library: &[String], size: usize) -> String {
    let mut out = String::with_capacity(size + 64 * 1024);
    for script in library.iter().cycle() {
        if out.len() >= size {
            break;
        }
        out.push_str(script);
        out.push('\n');
    }
    out
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

fn p95(v: &mut [Duration]) -> Duration {
    v.sort();
    v.get((v.len() * 95).div_ceil(100).saturating_sub(1)).copied().unwrap_or_default()
}
