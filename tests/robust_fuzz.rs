//! A fuzz test that runs in CI (issue 12): mutated versions of the example library —
//! byte flips, truncation, inserted tokens, emoji, combining marks, right-to-left marks,
//! CRLF and lone CR, deep nesting — through completion, hover, signature help and lint at
//! many positions, in process and (fewer) over stdio. Nothing may panic and no answer may
//! take longer than a generous bound. The seed is fixed, so a failure is reproducible;
//! `BPY_LSP_FUZZ_SEED` and `BPY_LSP_FUZZ_ROUNDS` explore further.
//!
//! The `cargo fuzz` targets in `fuzz/` drive the same entry points without a time budget.

mod common;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, Instant};

use bpy_lsp::analysis::{self, Document};

/// No single answer may take longer than this (they take well under a millisecond).
// Generous: the first lint that needs version notes loads every database (~1.5 s), and CI shares 2 cores.
const BOUND: Duration = Duration::from_secs(10);

/// xorshift64*: deterministic, and enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    ".",
    ",",
    "=",
    "==",
    "'",
    "\"",
    "\"\"\"",
    "'''",
    "#",
    "\\",
    "\\\n",
    "lambda ",
    "def ",
    "class ",
    "import ",
    "from ",
    "bpy.",
    "bpy.ops.",
    "bpy.context.",
    ".new(",
    "type='",
    "nodes[\"",
    "inputs[\"",
    "\t",
    "    ",
    "\n",
    "\r",
    "\r\n",
    "\0",
    "😀",
    "\u{301}",
    "\u{202e}",
    "\u{200f}",
    "ﬁ",
    "\u{a0}",
    "é",
    "𝔘",
    "\u{feff}",
    "🏳️‍🌈",
    "f'{",
    "*",
    "**",
    "@",
    ":=",
    "->",
    "yield ",
    "async ",
    "await ",
];

/// One mutation of `text`: the mutated text, and offsets worth asking at (where it changed).
fn mutate(rng: &mut Rng, text: &str) -> (String, Vec<usize>) {
    let at = floor(text, rng.below(text.len() + 1));
    match rng.below(9) {
        // Byte flips (the result made valid UTF-8 again, as an editor's buffer is).
        0 => {
            let mut bytes = text.as_bytes().to_vec();
            for _ in 0..1 + rng.below(8) {
                if !bytes.is_empty() {
                    let i = rng.below(bytes.len());
                    bytes[i] ^= 1 << rng.below(8);
                }
            }
            (String::from_utf8_lossy(&bytes).into_owned(), vec![at])
        }
        1 => (text[..at].to_string(), vec![at]),
        2 | 3 => {
            let mut out = text.to_string();
            let mut marks = Vec::new();
            for _ in 0..1 + rng.below(4) {
                let token = rng.pick(TOKENS);
                let at = floor(&out, rng.below(out.len() + 1));
                out.insert_str(at, token);
                marks.extend([at, at + token.len()]);
            }
            (out, marks)
        }
        4 => (text.replace('\n', "\r\n"), vec![at]),
        5 => (text.replace('\n', "\r"), vec![at]),
        6 => {
            // Deep nesting in the middle of the script.
            let depth = 500 + rng.below(3000);
            let (open, close) = *rng.pick(&[("(", ")"), ("[", "]"), ("f(", ")"), ("-", ""), ("{", "}"), ("not ", "")]);
            let deep = format!("x = {}y{}\n", open.repeat(depth), close.repeat(depth));
            let line = text[..at].rfind('\n').map_or(0, |i| i + 1);
            let mut out = text.to_string();
            out.insert_str(line, &deep);
            (out, vec![line + 4 + open.len() * depth / 2, line + deep.len() - 1])
        }
        7 => {
            // Every identifier character doubled with a combining mark / emoji around dots.
            (text.replace('.', "\u{301}.😀"), vec![at])
        }
        _ => {
            // A chunk of the script repeated, cut in the middle.
            let end = floor(text, (at + rng.below(400)).min(text.len()));
            let mut out = text.to_string();
            out.insert_str(end, &text[at..end].repeat(2 + rng.below(4)));
            (out, vec![at, end])
        }
    }
}

fn floor(text: &str, at: usize) -> usize {
    analysis::document::floor_char_boundary(text, at)
}

fn examples() -> Vec<(String, String)> {
    bpy_lsp::embedded_examples().into_iter().map(|(p, t)| (p.display().to_string(), t)).collect()
}

fn seed() -> u64 {
    std::env::var("BPY_LSP_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x5eed_b1e2_0d3f_0012)
}

/// Run `f`, failing with `what` on a panic or when it takes longer than BOUND.
fn bounded<T>(what: &dyn Fn() -> String, f: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let r = catch_unwind(AssertUnwindSafe(f));
    let took = started.elapsed();
    match r {
        Ok(v) => {
            assert!(took < BOUND, "{} took {took:?}", what());
            v
        }
        Err(p) => {
            let msg = p.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| p.downcast_ref::<String>().cloned());
            panic!("{} panicked: {msg:?}", what())
        }
    }
}

#[test]
fn mutated_examples_in_process() {
    let db = bpy_lsp::api::load_default();
    let usage = bpy_lsp::default_usage();
    let mut rng = Rng(seed());
    let sources = examples();
    let rounds: usize = std::env::var("BPY_LSP_FUZZ_ROUNDS").ok().and_then(|s| s.parse().ok()).unwrap_or(400);
    let started = Instant::now();
    let mut asked = 0usize;
    for round in 0..rounds {
        let (path, original) = rng.pick(&sources).clone();
        let (text, marks) = mutate(&mut rng, &original);
        let what = |op: &str, at: usize| {
            let around = &text[floor(&text, at.saturating_sub(40))..floor(&text, (at + 40).min(text.len()))];
            format!("round {round} (seed {}) {path}: {op} at {at} near {around:?}", seed())
        };
        let doc = bounded(&|| what("parse", 0), || Document::new(text.clone()));
        let diagnostics = bounded(&|| what("lint", 0), || analysis::lint::lint(&db, &doc));
        // The same text reached by an incremental edit of the original lints the same.
        let mut edited = Document::new(original.clone());
        let prefix = original.bytes().zip(text.bytes()).take_while(|(a, b)| a == b).count();
        let suffix = original.bytes().rev().zip(text.bytes().rev()).take_while(|(a, b)| a == b).count();
        let suffix = suffix.min(original.len() - prefix).min(text.len() - prefix);
        let (start, old_end, new_end) = (prefix, original.len() - suffix, text.len() - suffix);
        if text.is_char_boundary(start) && text.is_char_boundary(new_end) && original.is_char_boundary(old_end) {
            bounded(&|| what("edit", start), || edited.edit(start, old_end, &text[start..new_end]));
            assert_eq!(edited.text(), text, "{}", what("edit", start));
            let again = bounded(&|| what("lint after edit", start), || analysis::lint::lint(&db, &edited));
            assert_eq!(again, diagnostics, "{}", what("incremental lint", start));
        }
        // Positions: where the mutation happened, around it, and spread over the file.
        let mut positions: Vec<usize> = marks.iter().flat_map(|&m| [m.saturating_sub(1), m, m + 1, m + 2]).collect();
        positions.extend((0..24).map(|_| rng.below(text.len() + 1)));
        for at in positions {
            let at = at.min(text.len());
            asked += 1;
            bounded(&|| what("completion", at), || analysis::complete(&db, &usage, &doc, at, None));
            bounded(&|| what("hover", at), || analysis::hover(&db, &doc, at));
            bounded(&|| what("signature help", at), || analysis::signature_help(&db, &doc, at));
        }
    }
    eprintln!("{rounds} mutated scripts, {asked} positions, {:?}", started.elapsed());
}

#[test]
fn mutated_examples_over_stdio() {
    use serde_json::json;
    let mut lsp = common::Lsp::start();
    let mut rng = Rng(seed() ^ 0xfeed);
    let sources = examples();
    for round in 0..40 {
        let (path, original) = rng.pick(&sources).clone();
        let (text, marks) = mutate(&mut rng, &original);
        let uri = format!("file:///tmp/robust_fuzz_{round}.py");
        lsp.open(&uri, &text);
        let lines: Vec<&str> = text.split('\n').collect();
        let mut positions: Vec<(u32, u32)> = Vec::new();
        for at in marks.iter().copied().chain((0..6).map(|_| rng.below(text.len() + 1))) {
            let at = floor(&text, at.min(text.len()));
            let line = text[..at].matches('\n').count();
            let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            positions.push((line as u32, text[start..at].encode_utf16().count() as u32));
        }
        // And positions past the ends of lines and of the file, which clients send too.
        positions.push((lines.len() as u32 + 3, 0));
        positions.push((0, 10_000));
        for (line, character) in positions {
            for method in ["textDocument/completion", "textDocument/hover", "textDocument/signatureHelp"] {
                let started = Instant::now();
                let id = lsp.send_request(
                    method,
                    json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
                );
                let reply = lsp.response(id);
                assert!(reply.get("error").is_none(), "round {round} {path}: {method} at {line}:{character}: {reply}");
                assert!(started.elapsed() < BOUND, "round {round} {path}: {method} took {:?}", started.elapsed());
            }
        }
        lsp.notify("textDocument/didClose", json!({"textDocument": {"uri": uri}}));
    }
    lsp.shutdown();
}
