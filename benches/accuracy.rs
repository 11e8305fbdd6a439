//! Completion accuracy on code nobody on this project wrote: the Python scripts that ship
//! inside the `bpy` package (templates_py, startup/bl_operators, startup/bl_ui, addons_core).
//!
//!     cargo bench --bench accuracy -- [--scripts DIR] [--json] [--max N] [--verbose]
//!
//! Positions are chosen from the syntax tree of the ORIGINAL file only, by shape, so that
//! the selection does not depend on our own inference:
//!
//! 1. Members: every identifier after a dot in an attribute chain (calls and subscripts
//!    allowed inside it) whose root is `bpy`, `context`, `C`, `D`, `layout`, `self.layout`,
//!    `bmesh` or `mathutils`. The identifier is deleted (the rest of the file unchanged) and
//!    completion runs right after the dot; then again with its first letter typed.
//! 2. Strings: literals in slots whose value the API defines (operator keywords, enum
//!    comparisons and assignments, node type ids, socket names). The content is deleted,
//!    completion runs right after the opening quote, and we check the value is offered.
//!
//! Every completion goes through the public analysis API (`Document::new` + `complete`),
//! the same calls the language server makes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use bpy_lsp::analysis::{Document, Usage, complete};
use bpy_lsp::api::ApiDb;
use serde_json::{Value, json};
use tree_sitter::Node;

/// The directories under the scripts root that we measure, with their short names.
const SOURCE_DIRS: &[(&str, &str)] = &[
    ("templates_py", "templates_py"),
    ("startup/bl_operators", "bl_operators"),
    ("startup/bl_ui", "bl_ui"),
    ("addons_core", "addons_core"),
];

/// Names that conventionally hold a bpy object in Blender's own scripts.
const ROOTS: &[&str] = &["bpy", "context", "C", "D", "layout", "bmesh", "mathutils"];

/// Above this many positions we measure an evenly spread sample (every k-th), so that a
/// run stays under about two minutes on two cores.
const DEFAULT_MAX_POSITIONS: usize = 1500;

const INSTALL_HINT: &str = "python3.11 -m venv .venv && .venv/bin/pip install bpy==4.4.0 'numpy<2'";

struct Args {
    scripts: PathBuf,
    json: bool,
    max: usize,
    /// Print every miss, not only the most frequent ones.
    verbose: bool,
}

fn parse_args() -> Result<Args, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut scripts = std::env::var_os("BPY_SCRIPTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join(".venv/lib/python3.11/site-packages/bpy/4.4/scripts"));
    let mut json = false;
    let mut max = DEFAULT_MAX_POSITIONS;
    let mut verbose = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--scripts" => scripts = args.next().ok_or("--scripts needs a directory")?.into(),
            "--json" => json = true,
            "--verbose" => verbose = true,
            "--max" => {
                max = args.next().and_then(|n| n.parse().ok()).ok_or("--max needs a number of positions")?;
            }
            // `cargo bench` passes `--bench` to every bench binary.
            "--bench" => {}
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(Args { scripts, json, max: max.max(1), verbose })
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!(
                "accuracy: {e}\nusage: cargo bench --bench accuracy -- [--scripts DIR] [--json] [--max N] [--verbose]"
            );
            std::process::exit(2);
        }
    };
    let missing: Vec<&str> = SOURCE_DIRS.iter().map(|(d, _)| *d).filter(|d| !args.scripts.join(d).is_dir()).collect();
    if !missing.is_empty() {
        eprintln!(
            "accuracy: Blender's bundled scripts were not found in {} (missing: {}).\n\
             Install Blender 4.4 as a Python module in the repository root:\n    {INSTALL_HINT}\n\
             or point to a scripts directory with --scripts DIR or BPY_SCRIPTS=DIR.",
            args.scripts.display(),
            missing.join(", ")
        );
        std::process::exit(2);
    }

    let started = Instant::now();
    let db = bpy_lsp::api::load_default();
    let usage = bpy_lsp::default_usage();
    let files = load_scripts(&args.scripts);

    let members = find_all(&files, member_positions);
    let strings = find_all(&files, string_positions);
    let member_sample = spread(&members, args.max);
    let string_sample = spread(&strings, args.max);

    let member_results = run_parallel(&member_sample, |p| measure_member(&db, &usage, &files[p.file], p));
    let string_results = run_parallel(&string_sample, |p| measure_string(&db, &usage, &files[p.file], p));
    let elapsed = started.elapsed();

    let report = Report {
        files: &files,
        member_total: members.len(),
        members: member_sample.iter().zip(&member_results).collect(),
        string_total: strings.len(),
        strings: string_sample.iter().zip(&string_results).collect(),
        verbose: args.verbose,
        max: args.max,
    };
    report.print_members();
    report.print_strings();
    report.print_summary(&args.scripts, elapsed);
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report.json(elapsed)).unwrap());
    }
}

// ---------------------------------------------------------------------------------------
// Loading the scripts

struct Script {
    /// Path relative to the scripts directory, for messages.
    rel: String,
    /// Short name of the source directory (bl_ui, addons_core, ...).
    dir: &'static str,
    text: String,
    /// Byte offsets of line starts, for file:line in messages.
    line_starts: Vec<usize>,
}

impl Script {
    fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset)
    }
}

fn load_scripts(root: &Path) -> Vec<Script> {
    let mut out = Vec::new();
    for (dir, short) in SOURCE_DIRS {
        let mut paths = Vec::new();
        collect_py(&root.join(dir), &mut paths);
        paths.sort();
        for path in paths {
            // A few files may not be UTF-8; the language server would not see them either.
            let Ok(text) = std::fs::read_to_string(&path) else { continue };
            let rel = path.strip_prefix(root).unwrap_or(&path).display().to_string();
            let line_starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
            out.push(Script { rel, dir: short, text, line_starts });
        }
    }
    out
}

fn collect_py(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_py(&path, out);
        } else if path.extension().is_some_and(|e| e == "py") {
            out.push(path);
        }
    }
}

/// Run a position finder over every file's original tree; positions come out in file
/// order, then text order, so sampling is deterministic.
fn find_all<P>(files: &[Script], find: fn(usize, &str, Node, &mut Vec<P>)) -> Vec<P> {
    let mut out = Vec::new();
    for (i, file) in files.iter().enumerate() {
        let doc = Document::new(file.text.clone());
        if let Some(tree) = doc.tree() {
            walk(tree.root_node(), &mut |node| find(i, &file.text, node, &mut out));
        }
    }
    out
}

fn walk<'t>(node: Node<'t>, f: &mut impl FnMut(Node<'t>)) {
    f(node);
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        walk(child, f);
    }
}

/// The sampling step: every k-th position, so that at most `max` remain.
fn step(found: usize, max: usize) -> usize {
    found.div_ceil(max).max(1)
}

fn spread<P: Clone>(all: &[P], max: usize) -> Vec<P> {
    all.iter().step_by(step(all.len(), max)).cloned().collect()
}

/// Measure positions on all cores; results come back in input order.
fn run_parallel<P: Sync, R: Send + Default + Clone>(items: &[P], measure: impl Fn(&P) -> R + Sync) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let mut results = vec![R::default(); items.len()];
    let chunks: Vec<Vec<(usize, R)>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                s.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        done.push((i, measure(item)));
                    }
                    done
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("a measuring thread panicked")).collect()
    });
    for (i, r) in chunks.into_iter().flatten() {
        results[i] = r;
    }
    results
}

/// Text of a node on one line, shortened, for messages.
fn snippet(text: &str, node: Node) -> String {
    let s: String = text[node.byte_range()].split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() > 60 { format!("{}…", s.chars().take(59).collect::<String>()) } else { s }
}

// ---------------------------------------------------------------------------------------
// 1. Member positions

#[derive(Clone)]
struct MemberPos {
    file: usize,
    /// Byte range of the identifier after the dot.
    ident: std::ops::Range<usize>,
    name: String,
    /// The chain's root (`bpy`, `context`, `self.layout`, ...).
    root: &'static str,
    /// The text before the dot, for messages.
    receiver: String,
}

/// `self.layout`: the Panel's layout, a root of its own.
fn is_self_layout(node: Node, text: &str) -> bool {
    let field = |name: &str| node.child_by_field_name(name).map(|n| &text[n.byte_range()]);
    node.kind() == "attribute" && field("object") == Some("self") && field("attribute") == Some("layout")
}

/// The root's name when an expression is a chain rooted at one of `ROOTS`.
fn rooted(node: Node, text: &str) -> Option<&'static str> {
    // Go down through `.object`, call `.function` and subscript `.value` to the root.
    let mut node = node;
    loop {
        if is_self_layout(node, text) {
            return Some("self.layout");
        }
        let next = match node.kind() {
            "attribute" => node.child_by_field_name("object"),
            "call" => node.child_by_field_name("function"),
            "subscript" => node.child_by_field_name("value"),
            "identifier" => {
                let name = &text[node.byte_range()];
                return ROOTS.iter().find(|r| **r == name).copied();
            }
            _ => return None,
        };
        node = next?;
    }
}

fn member_positions(file: usize, text: &str, node: Node, out: &mut Vec<MemberPos>) {
    if node.kind() != "attribute" {
        return;
    }
    let (Some(object), Some(attr)) = (node.child_by_field_name("object"), node.child_by_field_name("attribute")) else {
        return;
    };
    // (The `layout` of `self.layout` is not a position: `self` is no root.)
    let Some(root) = rooted(object, text) else { return };
    out.push(MemberPos {
        file,
        ident: attr.byte_range(),
        name: text[attr.byte_range()].to_string(),
        root,
        receiver: snippet(text, object),
    });
}

#[derive(Clone, Default)]
struct MemberResult {
    /// 1-based rank with nothing typed; None when not offered.
    rank: Option<usize>,
    /// 1-based rank after typing the first letter.
    rank_typed: Option<usize>,
    /// How many items came back with nothing typed.
    offered_count: usize,
    latency: Duration,
}

fn rank_of(items: &[bpy_lsp::analysis::CompletionItem], label: &str) -> Option<usize> {
    items.iter().position(|i| i.label == label).map(|i| i + 1)
}

fn measure_member(db: &ApiDb, usage: &Usage, file: &Script, p: &MemberPos) -> MemberResult {
    let text = &file.text;
    let (before, after) = (&text[..p.ident.start], &text[p.ident.end..]);
    // Nothing typed: the identifier deleted, the cursor right after the dot.
    let t = Instant::now();
    let doc = Document::new(format!("{before}{after}"));
    let empty = complete(db, usage, &doc, before.len(), None);
    let latency = t.elapsed();
    // First letter typed.
    let first = p.name.chars().next().map(String::from).unwrap_or_default();
    let doc = Document::new(format!("{before}{first}{after}"));
    let typed = complete(db, usage, &doc, before.len() + first.len(), None);
    MemberResult {
        rank: rank_of(&empty.items, &p.name),
        rank_typed: rank_of(&typed.items, &p.name),
        offered_count: empty.items.len(),
        latency,
    }
}

// ---------------------------------------------------------------------------------------
// 2. String positions

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum StrCat {
    /// `bpy.ops.X.Y(kw='V')`
    OpKeyword,
    /// `chain == 'V'`, `chain != 'V'`, `chain [not] in {'V', ...}` (also tuples and lists,
    /// which Blender's scripts use as often as sets)
    Compare,
    /// `chain = 'V'`
    Assign,
    /// `nodes.new("V")`, `nodes.new(type="V")`
    NodeNew,
    /// `.inputs["V"]`, `.outputs["V"]`
    Socket,
}

impl StrCat {
    const ALL: [StrCat; 5] = [StrCat::OpKeyword, StrCat::Compare, StrCat::Assign, StrCat::NodeNew, StrCat::Socket];

    fn name(self) -> &'static str {
        match self {
            StrCat::OpKeyword => "bpy.ops keyword",
            StrCat::Compare => "== / != / in",
            StrCat::Assign => "assignment",
            StrCat::NodeNew => "nodes.new",
            StrCat::Socket => "inputs/outputs[]",
        }
    }

    fn key(self) -> &'static str {
        match self {
            StrCat::OpKeyword => "ops_keyword",
            StrCat::Compare => "compare",
            StrCat::Assign => "assign",
            StrCat::NodeNew => "nodes_new",
            StrCat::Socket => "socket",
        }
    }
}

#[derive(Clone)]
struct StringPos {
    file: usize,
    cat: StrCat,
    /// Byte range of the content between the quotes.
    content: std::ops::Range<usize>,
    value: String,
    /// What the string is the value of, for messages (`context.mode ==`).
    context: String,
}

/// The content range of a plain one-line string literal (no prefix, escapes,
/// interpolation or triple quotes); None for anything else or an empty string.
fn plain_string(node: Node, text: &str) -> Option<std::ops::Range<usize>> {
    if node.kind() != "string" {
        return None;
    }
    let start = node.child(0).filter(|c| c.kind() == "string_start")?;
    let end = node.child(node.child_count().checked_sub(1)?).filter(|c| c.kind() == "string_end")?;
    let opening = &text[start.byte_range()];
    if opening != "'" && opening != "\"" {
        return None;
    }
    let content = start.end_byte()..end.start_byte();
    let value = &text[content.clone()];
    if value.is_empty() || value.contains(['\\', '\n']) {
        return None;
    }
    Some(content)
}

fn string_positions(file: usize, text: &str, node: Node, out: &mut Vec<StringPos>) {
    let mut push = |cat: StrCat, string: Node, context: String| {
        if let Some(content) = plain_string(string, text) {
            out.push(StringPos { file, cat, value: text[content.clone()].to_string(), content, context });
        }
    };
    match node.kind() {
        "call" => {
            let (Some(func), Some(args)) =
                (node.child_by_field_name("function"), node.child_by_field_name("arguments"))
            else {
                return;
            };
            let func_text = &text[func.byte_range()];
            let mut cursor = args.walk();
            let args: Vec<Node> = args.named_children(&mut cursor).collect();
            // (a) keyword arguments of operator calls.
            if func_text.starts_with("bpy.ops.") {
                for arg in args.iter().filter(|a| a.kind() == "keyword_argument") {
                    if let (Some(name), Some(value)) =
                        (arg.child_by_field_name("name"), arg.child_by_field_name("value"))
                    {
                        push(
                            StrCat::OpKeyword,
                            value,
                            format!("{}({}=", snippet(text, func), &text[name.byte_range()]),
                        );
                    }
                }
            }
            // (d) node type ids: the first positional argument or `type=`.
            if func_text.ends_with("nodes.new") {
                let ctx = format!("{}(", snippet(text, func));
                if let Some(first) = args.first().filter(|a| a.kind() == "string") {
                    push(StrCat::NodeNew, *first, ctx.clone());
                }
                for arg in args.iter().filter(|a| a.kind() == "keyword_argument") {
                    let is_type = arg.child_by_field_name("name").is_some_and(|n| &text[n.byte_range()] == "type");
                    if let (true, Some(value)) = (is_type, arg.child_by_field_name("value")) {
                        push(StrCat::NodeNew, value, format!("{ctx}type="));
                    }
                }
            }
        }
        // (b) comparisons with a rooted chain on the left; only simple `a OP b`.
        "comparison_operator" if node.named_child_count() == 2 => {
            let (Some(left), Some(right)) = (node.named_child(0), node.named_child(1)) else { return };
            if rooted(left, text).is_none() {
                return;
            }
            let op = text[left.end_byte()..right.start_byte()].split_whitespace().collect::<Vec<_>>().join(" ");
            let ctx = format!("{} {op} ", snippet(text, left));
            match op.as_str() {
                "==" | "!=" => push(StrCat::Compare, right, ctx),
                "in" | "not in" if matches!(right.kind(), "set" | "tuple" | "list") => {
                    let mut cursor = right.walk();
                    for element in right.named_children(&mut cursor) {
                        push(StrCat::Compare, element, format!("{ctx}{}", &text[right.byte_range()][..1]));
                    }
                }
                _ => {}
            }
        }
        // (c) assignments to a rooted chain.
        "assignment" => {
            let (Some(left), Some(right)) = (node.child_by_field_name("left"), node.child_by_field_name("right"))
            else {
                return;
            };
            if left.kind() == "attribute" && rooted(left, text).is_some() {
                push(StrCat::Assign, right, format!("{} = ", snippet(text, left)));
            }
        }
        // (e) socket names.
        "subscript" => {
            let (Some(value), Some(key)) = (node.child_by_field_name("value"), node.child_by_field_name("subscript"))
            else {
                return;
            };
            let is_sockets = value.kind() == "attribute"
                && value
                    .child_by_field_name("attribute")
                    .is_some_and(|a| matches!(&text[a.byte_range()], "inputs" | "outputs"));
            if is_sockets {
                push(StrCat::Socket, key, format!("{}[", snippet(text, value)));
            }
        }
        _ => {}
    }
}

#[derive(Clone, Default)]
struct StringResult {
    offered: bool,
    /// How many items came back (0: the slot was not recognised at all).
    items: usize,
    latency: Duration,
}

fn measure_string(db: &ApiDb, usage: &Usage, file: &Script, p: &StringPos) -> StringResult {
    let text = &file.text;
    let (before, after) = (&text[..p.content.start], &text[p.content.end..]);
    let t = Instant::now();
    let doc = Document::new(format!("{before}{after}"));
    let got = complete(db, usage, &doc, before.len(), None);
    StringResult { offered: got.items.iter().any(|i| i.label == p.value), items: got.items.len(), latency: t.elapsed() }
}

// ---------------------------------------------------------------------------------------
// Reporting

struct Report<'a> {
    files: &'a [Script],
    member_total: usize,
    members: Vec<(&'a MemberPos, &'a MemberResult)>,
    string_total: usize,
    strings: Vec<(&'a StringPos, &'a StringResult)>,
    verbose: bool,
    max: usize,
}

/// Figures over a group of member positions.
#[derive(Default)]
struct MemberStats {
    n: usize,
    offered: usize,
    top1: usize,
    top5: usize,
    top5_typed: usize,
    /// Positions where completion returned nothing at all: the receiver was not inferred.
    nothing: usize,
    ranks: Vec<usize>,
}

impl MemberStats {
    fn of<'a>(results: impl Iterator<Item = &'a MemberResult>) -> MemberStats {
        let mut s = MemberStats::default();
        for r in results {
            s.n += 1;
            if let Some(rank) = r.rank {
                s.offered += 1;
                s.ranks.push(rank);
                s.top1 += (rank == 1) as usize;
                s.top5 += (rank <= 5) as usize;
            }
            s.top5_typed += r.rank_typed.is_some_and(|k| k <= 5) as usize;
            s.nothing += (r.offered_count == 0) as usize;
        }
        s.ranks.sort_unstable();
        s
    }

    /// Median rank over the positions where the member was offered.
    fn median_rank(&self) -> Option<usize> {
        self.ranks.get(self.ranks.len().saturating_sub(1) / 2).copied().filter(|_| !self.ranks.is_empty())
    }

    fn row(&self, label: &str) -> String {
        let median = self.median_rank().map(|m| m.to_string()).unwrap_or("-".into());
        format!(
            "{label:<14} {:>6} {:>8} {:>7} {:>7} {:>7} {:>7} {:>13}",
            self.n,
            pct(self.offered, self.n),
            pct(self.nothing, self.n),
            pct(self.top5, self.n),
            pct(self.top1, self.n),
            median,
            pct(self.top5_typed, self.n)
        )
    }

    fn json(&self) -> Value {
        json!({
            "measured": self.n,
            "offered_pct": ratio(self.offered, self.n),
            "nothing_offered_pct": ratio(self.nothing, self.n),
            "top5_pct": ratio(self.top5, self.n),
            "top1_pct": ratio(self.top1, self.n),
            "median_rank": self.median_rank(),
            "top5_first_letter_pct": ratio(self.top5_typed, self.n),
        })
    }
}

/// " (every 14th position)" when a sample was taken.
fn step_note(found: usize, max: usize) -> String {
    match step(found, max) {
        1 => String::new(),
        k => format!(" (every {k}th position)"),
    }
}

fn ratio(k: usize, n: usize) -> f64 {
    if n == 0 { 0.0 } else { (1000.0 * k as f64 / n as f64).round() / 10.0 }
}

fn pct(k: usize, n: usize) -> String {
    format!("{:.1}%", ratio(k, n))
}

const MEMBER_HEADER: &str = "               count  offered nothing   top-5   top-1  median  top-5 after 1";

impl Report<'_> {
    fn member_groups<K: Ord>(&self, key: impl Fn(&MemberPos) -> K) -> BTreeMap<K, MemberStats> {
        let mut groups: BTreeMap<K, Vec<&MemberResult>> = BTreeMap::new();
        for (p, r) in &self.members {
            groups.entry(key(p)).or_default().push(r);
        }
        groups.into_iter().map(|(k, v)| (k, MemberStats::of(v.into_iter()))).collect()
    }

    fn all_members(&self) -> MemberStats {
        MemberStats::of(self.members.iter().map(|(_, r)| *r))
    }

    fn print_members(&self) {
        println!("== 1. Member completion after `.` ==");
        println!(
            "positions found: {}, measured: {}{}",
            self.member_total,
            self.members.len(),
            step_note(self.member_total, self.max)
        );
        println!(
            "(nothing: no items at all, the receiver was not inferred; top-5/top-1: rank with nothing typed;\n \
             median: over offered positions; last column: rank after typing the first letter)"
        );
        println!("{MEMBER_HEADER}");
        println!("{}", self.all_members().row("all"));
        println!("-- per root");
        for (root, s) in self.member_groups(|p| p.root) {
            println!("{}", s.row(root));
        }
        println!("-- per source directory");
        for (dir, s) in self.member_groups(|p| self.files[p.file].dir) {
            println!("{}", s.row(dir));
        }
        self.print_member_misses();
        self.print_low_ranked();
        self.print_low_ranked_typed();
        println!();
    }

    /// The 30 most frequent members not offered, grouped by receiver text and name.
    fn print_member_misses(&self) {
        let mut misses: BTreeMap<(&str, &str), Vec<(&MemberPos, &MemberResult)>> = BTreeMap::new();
        for (p, r) in self.members.iter().filter(|(_, r)| r.rank.is_none()) {
            misses.entry((p.receiver.as_str(), p.name.as_str())).or_default().push((p, r));
        }
        let mut sorted: Vec<_> = misses.into_iter().collect();
        sorted.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
        println!("-- most frequent misses (count, receiver.member, first example)");
        for ((receiver, name), hits) in sorted.iter().take(self.limit(30)) {
            let (p, r) = hits[0];
            // "nothing offered" means the receiver's type was not inferred at all.
            let what = match r.offered_count {
                0 => "nothing offered".to_string(),
                n => format!("{n} other items"),
            };
            let f = &self.files[p.file];
            println!("{:>5}  {receiver}.{name}   {}:{} ({what})", hits.len(), f.rel, f.line_of(p.ident.start));
        }
    }

    fn limit(&self, n: usize) -> usize {
        if self.verbose { usize::MAX } else { n }
    }

    /// Members that are offered but ranked low although scripts use them often: what the
    /// usage-based ranking misses. Grouped by root and name.
    fn print_low_ranked(&self) {
        let mut groups: BTreeMap<(&str, &str), Vec<usize>> = BTreeMap::new();
        for (p, r) in &self.members {
            if let Some(rank) = r.rank {
                groups.entry((p.root, p.name.as_str())).or_default().push(rank);
            }
        }
        let mut low: Vec<_> = groups
            .into_iter()
            .map(|(k, mut ranks)| {
                ranks.sort_unstable();
                (k, ranks.len(), ranks[(ranks.len() - 1) / 2])
            })
            .filter(|(_, _, median)| *median > 5)
            .collect();
        low.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        println!("-- frequent members ranked below 5 with nothing typed (count, root: member, median rank)");
        for ((root, name), count, median) in low.iter().take(self.limit(15)) {
            println!("{count:>5}  {root}: .{name}   median rank {median}");
        }
    }

    /// Members ranked below 5 even after their first letter is typed, grouped by root and name.
    fn print_low_ranked_typed(&self) {
        let mut groups: BTreeMap<(&str, &str), Vec<usize>> = BTreeMap::new();
        for (p, r) in &self.members {
            if let Some(rank) = r.rank_typed.filter(|r| *r > 5) {
                groups.entry((p.root, p.name.as_str())).or_default().push(rank);
            }
        }
        let mut low: Vec<_> = groups.into_iter().collect();
        low.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
        println!("-- members below 5 after their first letter (count, root: member, ranks)");
        for ((root, name), ranks) in low.iter().take(self.limit(15)) {
            println!("{:>5}  {root}: .{name}   ranks {ranks:?}", ranks.len());
        }
    }

    fn string_groups(&self) -> BTreeMap<StrCat, (usize, usize, usize)> {
        // (measured, offered, slot not recognised at all)
        let mut groups: BTreeMap<StrCat, (usize, usize, usize)> = BTreeMap::new();
        for (p, r) in &self.strings {
            let g = groups.entry(p.cat).or_default();
            g.0 += 1;
            g.1 += r.offered as usize;
            g.2 += (r.items == 0) as usize;
        }
        groups
    }

    fn print_strings(&self) {
        println!("== 2. String completion (content deleted, cursor after the opening quote) ==");
        println!(
            "positions found: {}, measured: {}{}",
            self.string_total,
            self.strings.len(),
            step_note(self.string_total, self.max)
        );
        println!("{:<18} {:>6} {:>8} {:>15}", "category", "count", "offered", "nothing at all");
        let groups = self.string_groups();
        for cat in StrCat::ALL {
            let (n, ok, none) = groups.get(&cat).copied().unwrap_or_default();
            println!("{:<18} {n:>6} {:>8} {:>15}", cat.name(), pct(ok, n), pct(none, n));
        }
        let (n, ok, none) = groups.values().fold((0, 0, 0), |a, g| (a.0 + g.0, a.1 + g.1, a.2 + g.2));
        println!("{:<18} {n:>6} {:>8} {:>15}", "all", pct(ok, n), pct(none, n));
        // The most frequent misses per category, so each category gets some room.
        println!("-- most frequent misses per category (count, context 'value', first example)");
        for cat in StrCat::ALL {
            let mut misses: BTreeMap<(String, String), Vec<(&StringPos, &StringResult)>> = BTreeMap::new();
            for (p, r) in self.strings.iter().filter(|(p, r)| p.cat == cat && !r.offered) {
                misses.entry((p.context.clone(), p.value.clone())).or_default().push((p, r));
            }
            let mut sorted: Vec<_> = misses.into_iter().collect();
            sorted.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
            println!("  [{}]", cat.name());
            for ((context, value), hits) in sorted.iter().take(self.limit(8)) {
                let (p, r) = hits[0];
                let f = &self.files[p.file];
                let what =
                    if r.items == 0 { "nothing offered".to_string() } else { format!("{} other items", r.items) };
                println!("{:>5}  {context}'{value}'   {}:{} ({what})", hits.len(), f.rel, f.line_of(p.content.start));
            }
        }
        println!();
    }

    fn latencies(&self) -> Vec<Duration> {
        let mut l: Vec<Duration> =
            self.members.iter().map(|(_, r)| r.latency).chain(self.strings.iter().map(|(_, r)| r.latency)).collect();
        l.sort_unstable();
        l
    }

    fn print_summary(&self, scripts: &Path, elapsed: Duration) {
        let m = self.all_members();
        let (n, ok, _) = self.string_groups().values().fold((0, 0, 0), |a, g| (a.0 + g.0, a.1 + g.1, a.2 + g.2));
        let lat = self.latencies();
        let q =
            |f: f64| lat.get(((lat.len() as f64 - 1.0) * f) as usize).map(|d| d.as_secs_f64() * 1000.0).unwrap_or(0.0);
        println!("== Summary ({} files under {}) ==", self.files.len(), scripts.display());
        println!("| measure                               | value |");
        println!("|---------------------------------------|-------|");
        println!("| member positions (found / measured)   | {} / {} |", self.member_total, self.members.len());
        println!("| member offered                        | {} |", pct(m.offered, m.n));
        println!("| member in top 5, nothing typed        | {} |", pct(m.top5, m.n));
        println!("| member top 1, nothing typed           | {} |", pct(m.top1, m.n));
        println!("| member median rank (when offered)     | {} |", m.median_rank().unwrap_or(0));
        println!("| member in top 5 after first letter    | {} |", pct(m.top5_typed, m.n));
        println!("| string positions (found / measured)   | {} / {} |", self.string_total, self.strings.len());
        println!("| string value offered                  | {} |", pct(ok, n));
        println!("| parse + complete, p50 / p95           | {:.1} / {:.1} ms |", q(0.5), q(0.95));
        println!("run took {:.1} s", elapsed.as_secs_f64());
    }

    fn json(&self, elapsed: Duration) -> Value {
        let mut members = self.all_members().json();
        members["positions"] = json!(self.member_total);
        members["by_root"] = self.member_groups(|p| p.root).iter().map(|(k, s)| (k.to_string(), s.json())).collect();
        members["by_dir"] =
            self.member_groups(|p| self.files[p.file].dir).iter().map(|(k, s)| (k.to_string(), s.json())).collect();
        let groups = self.string_groups();
        let (n, ok, none) = groups.values().fold((0, 0, 0), |a, g| (a.0 + g.0, a.1 + g.1, a.2 + g.2));
        let by_category: serde_json::Map<String, Value> = groups
            .iter()
            .map(|(c, (n, ok, none))| {
                let v = json!({"measured": n, "offered_pct": ratio(*ok, *n), "nothing_offered_pct": ratio(*none, *n)});
                (c.key().to_string(), v)
            })
            .collect();
        let lat = self.latencies();
        let q =
            |f: f64| lat.get(((lat.len() as f64 - 1.0) * f) as usize).map(|d| d.as_secs_f64() * 1000.0).unwrap_or(0.0);
        json!({
            "files": self.files.len(),
            "members": members,
            "strings": {
                "positions": self.string_total,
                "measured": n,
                "offered_pct": ratio(ok, n),
                "nothing_offered_pct": ratio(none, n),
                "by_category": by_category,
            },
            "latency_ms": {"p50": (q(0.5) * 10.0).round() / 10.0, "p95": (q(0.95) * 10.0).round() / 10.0},
            "elapsed_s": (elapsed.as_secs_f64() * 10.0).round() / 10.0,
        })
    }
}
