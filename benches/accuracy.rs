//! Completion accuracy on code nobody on this project wrote: the Python scripts that ship
//! inside the `bpy` package (templates_py, startup/bl_operators, startup/bl_ui, addons_core, modules).
//!
//!     cargo bench --bench accuracy -- [--scripts DIR] [--json] [--max N] [--max-group N] [--verbose]
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
//! 3. Groups (issue 16, see accuracy/groups.rs): member positions of the kinds add-on
//!    authors write every day (Blender's own Python modules, plain Python values, the file's
//!    own classes through self/cls, run-time registrations, inference over local names,
//!    bpy.types./bpy.ops., namespaces), each measured for completion and for hover.
//!    Strings add the add-on categories (layout.prop names, operator and menu ids, icons,
//!    bl_* class attributes, execution contexts, socket types).
//!
//! Every completion goes through the public analysis API (`Document::new` + `complete`),
//! the same calls the language server makes.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use bpy_lsp::analysis::package::{Package, PackageRef};
use bpy_lsp::analysis::{Document, Usage, complete};
use bpy_lsp::api::ApiDb;
use serde_json::{Value, json};
use tree_sitter::Node;

#[path = "accuracy/groups.rs"]
mod groups;
use groups::{Group, GroupPos};

/// The directories under the scripts root that we measure, with their short names.
const SOURCE_DIRS: &[(&str, &str)] = &[
    ("templates_py", "templates_py"),
    ("startup/bl_operators", "bl_operators"),
    ("startup/bl_ui", "bl_ui"),
    ("addons_core", "addons_core"),
    ("modules", "modules"),
];

/// Names that conventionally hold a bpy object in Blender's own scripts.
const ROOTS: &[&str] = &["bpy", "context", "C", "D", "layout", "bmesh", "mathutils"];

/// Group positions measured per group at most (issue 16's groups, see groups.rs).
const DEFAULT_MAX_PER_GROUP: usize = 300;

/// Above this many positions we measure an evenly spread sample (every k-th), so that a
/// run stays under about two minutes on two cores.
const DEFAULT_MAX_POSITIONS: usize = 1500;

const INSTALL_HINT: &str = "python3.11 -m venv .venv && .venv/bin/pip install bpy==4.4.0 'numpy<2'";

struct Args {
    scripts: PathBuf,
    json: bool,
    max: usize,
    max_group: usize,
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
    let mut max_group = DEFAULT_MAX_PER_GROUP;
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
            "--max-group" => {
                max_group =
                    args.next().and_then(|n| n.parse().ok()).ok_or("--max-group needs a number of positions")?;
            }
            // `cargo bench` passes `--bench` to every bench binary.
            "--bench" => {}
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(Args { scripts, json, max: max.max(1), max_group: max_group.max(1), verbose })
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!(
                "accuracy: {e}\nusage: cargo bench --bench accuracy -- [--scripts DIR] [--json] [--max N] [--max-group N] [--verbose]"
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
    // Per category, so that the rare categories of the old measure keep their size next to
    // the frequent add-on strings (`icon=`, `layout.prop`).
    let string_sample: Vec<StringPos> = StrCat::ALL
        .iter()
        .flat_map(|c| {
            let of: Vec<StringPos> = strings.iter().filter(|p| p.cat == *c).cloned().collect();
            spread(&of, (args.max / 5).max(1))
        })
        .collect();

    let group_all = find_groups(&files, &args.scripts);
    let group_sample = sample_groups(&group_all, args.max_group);

    let member_results = run_parallel(&member_sample, |p| measure_member(&db, &usage, &files[p.file], p));
    let group_results = run_parallel(&group_sample, |p| measure_group(&db, &usage, &files[p.file], p));
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
    let groups = GroupReport {
        files: &files,
        all: &group_all,
        measured: group_sample.iter().zip(&group_results).collect(),
        verbose: args.verbose,
    };
    groups.print();
    report.print_summary(&args.scripts, elapsed);
    if args.json {
        let mut j = report.json(elapsed);
        j["groups"] = groups.json();
        println!("{}", serde_json::to_string_pretty(&j).unwrap());
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
    /// The add-on package the file is a module of, as the server would read it.
    package: Option<PackageRef>,
}

impl Script {
    fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset)
    }

    /// A document of `text` (this file's, or an edited copy) in the file's package.
    fn doc(&self, text: String) -> Document {
        let mut doc = Document::new(text);
        doc.set_package(self.package.clone());
        doc
    }
}

fn load_scripts(root: &Path) -> Vec<Script> {
    let mut out = Vec::new();
    let mut packages: HashMap<PathBuf, Arc<Package>> = HashMap::new();
    for (dir, short) in SOURCE_DIRS {
        let mut paths = Vec::new();
        collect_py(&root.join(dir), &mut paths);
        paths.sort();
        for path in paths {
            // A few files may not be UTF-8; the language server would not see them either.
            let Ok(text) = std::fs::read_to_string(&path) else { continue };
            let rel = path.strip_prefix(root).unwrap_or(&path).display().to_string();
            let line_starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
            let package = bpy_lsp::package_files::package_root(&path).and_then(|r| {
                let p = packages.entry(r.clone()).or_insert_with(|| Arc::new(bpy_lsp::package_files::load(&r)));
                bpy_lsp::package_files::place(p, &r, &path)
            });
            out.push(Script { rel, dir: short, text, line_starts, package });
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
    let doc = file.doc(format!("{before}{after}"));
    let empty = complete(db, usage, &doc, before.len(), None);
    let latency = t.elapsed();
    // First letter typed.
    let first = p.name.chars().next().map(String::from).unwrap_or_default();
    let doc = file.doc(format!("{before}{first}{after}"));
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
    /// `layout.prop(data, "V")` and the other `prop*` calls of UILayout
    LayoutProp,
    /// `keyframe_insert("V")`, `data_path="V"`, `driver_add("V")`, `path_resolve("V")`
    DataPath,
    /// `layout.operator("V")`, `operator_menu_enum("V")`
    OperatorId,
    /// `layout.menu("V")`, `popover("V")`, `bl_parent_id = "V"`, `call_menu(name="V")`
    MenuId,
    /// `icon='V'`
    Icon,
    /// `bl_space_type`, `bl_region_type`, `bl_context`, `bl_category`, `bl_options = {'V'}` in a class body
    ClassBody,
    /// `bpy.ops.x.y('V')`: the execution context
    ExecContext,
    /// `socket_type="V"`
    SocketType,
}

impl StrCat {
    const ALL: [StrCat; 13] = [
        StrCat::OpKeyword,
        StrCat::Compare,
        StrCat::Assign,
        StrCat::NodeNew,
        StrCat::Socket,
        StrCat::LayoutProp,
        StrCat::DataPath,
        StrCat::OperatorId,
        StrCat::MenuId,
        StrCat::Icon,
        StrCat::ClassBody,
        StrCat::ExecContext,
        StrCat::SocketType,
    ];

    /// The categories issue 16 added (add-on strings); the first five are the old measure.
    fn is_addon_string(self) -> bool {
        !matches!(self, StrCat::OpKeyword | StrCat::Compare | StrCat::Assign | StrCat::NodeNew | StrCat::Socket)
    }

    fn name(self) -> &'static str {
        match self {
            StrCat::OpKeyword => "bpy.ops keyword",
            StrCat::Compare => "== / != / in",
            StrCat::Assign => "assignment",
            StrCat::NodeNew => "nodes.new",
            StrCat::Socket => "inputs/outputs[]",
            StrCat::LayoutProp => "layout.prop name",
            StrCat::DataPath => "data paths",
            StrCat::OperatorId => "operator ids",
            StrCat::MenuId => "menu/panel ids",
            StrCat::Icon => "icon=",
            StrCat::ClassBody => "bl_* class body",
            StrCat::ExecContext => "exec context",
            StrCat::SocketType => "socket_type=",
        }
    }

    fn key(self) -> &'static str {
        match self {
            StrCat::OpKeyword => "ops_keyword",
            StrCat::Compare => "compare",
            StrCat::Assign => "assign",
            StrCat::NodeNew => "nodes_new",
            StrCat::Socket => "socket",
            StrCat::LayoutProp => "layout_prop",
            StrCat::DataPath => "data_path",
            StrCat::OperatorId => "operator_id",
            StrCat::MenuId => "menu_id",
            StrCat::Icon => "icon",
            StrCat::ClassBody => "class_body",
            StrCat::ExecContext => "exec_context",
            StrCat::SocketType => "socket_type",
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
            // (f) add-on strings (issue 16).
            let positional: Vec<Node> = args.iter().copied().filter(|a| a.kind() != "keyword_argument").collect();
            let method = func_text.rsplit('.').next().unwrap_or("");
            let ctx = format!("{}(", snippet(text, func));
            let dotted = func.kind() == "attribute";
            if dotted
                && matches!(
                    method,
                    "prop"
                        | "prop_search"
                        | "prop_enum"
                        | "prop_menu_enum"
                        | "prop_tabs_enum"
                        | "props_enum"
                        | "prop_with_popover"
                        | "prop_with_menu"
                        | "prop_decorator"
                )
                && let Some(s) = positional.get(1)
            {
                push(StrCat::LayoutProp, *s, format!("{ctx}data, "));
            }
            if dotted
                && matches!(
                    method,
                    "keyframe_insert" | "keyframe_delete" | "driver_add" | "driver_remove" | "path_resolve"
                )
                && let Some(s) = positional.first()
            {
                push(StrCat::DataPath, *s, ctx.clone());
            }
            if dotted
                && matches!(method, "operator" | "operator_menu_enum" | "operator_enum" | "operator_menu_hold")
                && let Some(s) = positional.first()
            {
                push(StrCat::OperatorId, *s, ctx.clone());
            }
            if dotted
                && matches!(method, "menu" | "popover" | "menu_contents" | "popover_group")
                && let Some(s) = positional.first()
            {
                push(StrCat::MenuId, *s, ctx.clone());
            }
            if func_text.starts_with("bpy.ops.")
                && let Some(s) = positional.first()
            {
                push(StrCat::ExecContext, *s, ctx.clone());
            }
            for arg in args.iter().filter(|a| a.kind() == "keyword_argument") {
                let (Some(k), Some(v)) = (arg.child_by_field_name("name"), arg.child_by_field_name("value")) else {
                    continue;
                };
                let cat = match &text[k.byte_range()] {
                    "icon" => StrCat::Icon,
                    "data_path" => StrCat::DataPath,
                    "socket_type" => StrCat::SocketType,
                    "name" if matches!(method, "call_menu" | "call_menu_pie" | "call_panel") => StrCat::MenuId,
                    _ => continue,
                };
                push(cat, v, format!("{ctx}{}=", &text[k.byte_range()]));
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
            // (g) `bl_*` attributes in a class body.
            let in_class_body = node
                .parent()
                .and_then(|e| e.parent())
                .and_then(|b| b.parent())
                .is_some_and(|c| c.kind() == "class_definition");
            if in_class_body && left.kind() == "identifier" {
                let name = &text[left.byte_range()];
                let ctx = format!("{name} = ");
                match name {
                    "bl_space_type" | "bl_region_type" | "bl_context" | "bl_category" => {
                        push(StrCat::ClassBody, right, ctx)
                    }
                    "bl_parent_id" => push(StrCat::MenuId, right, ctx),
                    "bl_options" if right.kind() == "set" => {
                        let mut cursor = right.walk();
                        for element in right.named_children(&mut cursor) {
                            push(StrCat::ClassBody, element, format!("{ctx}{{"));
                        }
                    }
                    _ => {}
                }
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
    let doc = file.doc(format!("{before}{after}"));
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
            "positions found: {}, measured: {} (at most {} per category, evenly spread)",
            self.string_total,
            self.strings.len(),
            (self.max / 5).max(1)
        );
        println!("{:<18} {:>6} {:>8} {:>15}", "category", "count", "offered", "nothing at all");
        let groups = self.string_groups();
        for cat in StrCat::ALL {
            let (n, ok, none) = groups.get(&cat).copied().unwrap_or_default();
            println!("{:<18} {n:>6} {:>8} {:>15}", cat.name(), pct(ok, n), pct(none, n));
        }
        let sum = |addon: bool| {
            groups
                .iter()
                .filter(|(c, _)| c.is_addon_string() == addon)
                .fold((0, 0, 0), |a, (_, g)| (a.0 + g.0, a.1 + g.1, a.2 + g.2))
        };
        let (n, ok, none) = sum(false);
        println!("{:<18} {n:>6} {:>8} {:>15}", "API values", pct(ok, n), pct(none, n));
        let (n, ok, none) = sum(true);
        println!("{:<18} {n:>6} {:>8} {:>15}", "add-on strings", pct(ok, n), pct(none, n));
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

// ---------------------------------------------------------------------------------------
// 3. Issue 16's groups (groups.rs): completion and hover per kind of add-on code

/// The add-on a file belongs to, for registrations made in another of its modules:
/// `addons_core/NAME/...` is one add-on; any other file stands alone.
fn addon_key(rel: &str) -> String {
    let parts: Vec<&str> = rel.split('/').collect();
    match parts.as_slice() {
        ["addons_core", name, _, ..] => format!("addons_core/{name}"),
        _ => rel.to_string(),
    }
}

fn find_groups(files: &[Script], scripts: &Path) -> Vec<GroupPos> {
    let tops = groups::blender_module_tops(scripts);
    let docs: Vec<Document> = files.iter().map(|f| Document::new(f.text.clone())).collect();
    let mut startup_classes = std::collections::HashSet::new();
    let mut registered: BTreeMap<String, std::collections::HashSet<String>> = BTreeMap::new();
    for (f, doc) in files.iter().zip(&docs) {
        let Some(tree) = doc.tree() else { continue };
        if f.dir == "bl_ui" || f.dir == "bl_operators" {
            groups::class_names(&f.text, tree.root_node(), &mut startup_classes);
        }
        groups::registered_names(&f.text, tree.root_node(), registered.entry(addon_key(&f.rel)).or_default());
    }
    let empty = std::collections::HashSet::new();
    let mut out = Vec::new();
    for (i, (f, doc)) in files.iter().zip(&docs).enumerate() {
        let Some(tree) = doc.tree() else { continue };
        let facts = groups::file_facts(&f.text, tree.root_node(), &tops);
        let reg = registered.get(&addon_key(&f.rel)).unwrap_or(&empty);
        let mut finder = groups::Finder::new(&f.text, &facts, reg, &startup_classes, ROOTS, i);
        walk(tree.root_node(), &mut |node| finder.visit(node, &mut out));
    }
    out
}

/// At most `max` positions per group, evenly spread; a position kept for one group counts
/// in all of its groups.
fn sample_groups(all: &[GroupPos], max: usize) -> Vec<GroupPos> {
    let mut keep = vec![false; all.len()];
    for g in Group::ALL {
        let idx: Vec<usize> = all.iter().enumerate().filter(|(_, p)| p.groups.contains(&g)).map(|(i, _)| i).collect();
        for &i in idx.iter().step_by(step(idx.len(), max)) {
            keep[i] = true;
        }
    }
    all.iter().zip(keep).filter(|(_, k)| *k).map(|(p, _)| p.clone()).collect()
}

#[derive(Clone, Default)]
struct GroupResult {
    member: MemberResult,
    /// Hover on the identifier in the unchanged file names it.
    hover_names: bool,
    /// Hover text (first line), for misses.
    hover_first: String,
}

fn measure_group(db: &ApiDb, usage: &Usage, file: &Script, p: &GroupPos) -> GroupResult {
    let member = if p.hover_only {
        MemberResult::default()
    } else {
        let m =
            MemberPos { file: p.file, ident: p.ident.clone(), name: p.name.clone(), root: "", receiver: String::new() };
        measure_member(db, usage, file, &m)
    };
    let doc = file.doc(file.text.clone());
    let h = bpy_lsp::analysis::hover(db, &doc, p.ident.start);
    let hover_names = h.as_ref().is_some_and(|h| names_word(&h.markdown, &p.name));
    let hover_first =
        h.map(|h| h.markdown.lines().find(|l| !l.starts_with("```")).unwrap_or("").to_string()).unwrap_or_default();
    GroupResult { member, hover_names, hover_first }
}

/// Whether `word` occurs in `text` as a whole identifier.
fn names_word(text: &str, word: &str) -> bool {
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(word).any(|(i, _)| {
        !text[..i].chars().next_back().is_some_and(ident) && !text[i + word.len()..].chars().next().is_some_and(ident)
    })
}

struct GroupReport<'a> {
    files: &'a [Script],
    all: &'a [GroupPos],
    measured: Vec<(&'a GroupPos, &'a GroupResult)>,
    verbose: bool,
}

#[derive(Default)]
struct GroupStats {
    found: usize,
    n: usize,
    completion_n: usize,
    offered: usize,
    top5: usize,
    top5_typed: usize,
    hover: usize,
}

impl GroupStats {
    fn add(&mut self, p: &GroupPos, r: &GroupResult) {
        self.n += 1;
        self.hover += r.hover_names as usize;
        if !p.hover_only {
            self.completion_n += 1;
            self.offered += r.member.rank.is_some() as usize;
            self.top5 += r.member.rank.is_some_and(|k| k <= 5) as usize;
            self.top5_typed += r.member.rank_typed.is_some_and(|k| k <= 5) as usize;
        }
    }

    fn row(&self, label: &str) -> String {
        format!(
            "{label:<18} {:>6} {:>7} {:>8} {:>7} {:>13} {:>7}",
            self.found,
            self.n,
            pct(self.offered, self.completion_n),
            pct(self.top5, self.completion_n),
            pct(self.top5_typed, self.completion_n),
            pct(self.hover, self.n)
        )
    }

    fn json(&self) -> Value {
        json!({
            "found": self.found,
            "measured": self.n,
            "offered_pct": ratio(self.offered, self.completion_n),
            "top5_pct": ratio(self.top5, self.completion_n),
            "top5_first_letter_pct": ratio(self.top5_typed, self.completion_n),
            "hover_names_pct": ratio(self.hover, self.n),
        })
    }
}

impl GroupReport<'_> {
    fn stats(&self, g: Option<Group>) -> GroupStats {
        let mut s = GroupStats {
            found: self.all.iter().filter(|p| g.is_none_or(|g| p.groups.contains(&g))).count(),
            ..Default::default()
        };
        for (p, r) in self.measured.iter().filter(|(p, _)| g.is_none_or(|g| p.groups.contains(&g))) {
            s.add(p, r);
        }
        s
    }

    fn print(&self) {
        println!("== 3. Groups of add-on code (issue 16), positions from Blender's bundled scripts ==");
        println!("(offered / top-5 / top-5 after 1: member completion after the dot; hover: hover on the");
        println!(" identifier in the unchanged file names it; goals 95 / 60 / 90 / 95 %)");
        println!(
            "{:<18} {:>6} {:>7} {:>8} {:>7} {:>13} {:>7}",
            "group", "found", "measured", "offered", "top-5", "top-5 after 1", "hover"
        );
        for g in Group::ALL {
            println!("{}", self.stats(Some(g)).row(g.key()));
        }
        println!("{}", self.stats(None).row("all (distinct)"));
        for g in Group::ALL {
            self.print_misses(g);
        }
        println!();
    }

    fn print_misses(&self, g: Group) {
        let mut misses: BTreeMap<(String, String), Vec<&GroupPos>> = BTreeMap::new();
        let mut hover_misses: BTreeMap<(String, String), Vec<(&GroupPos, &GroupResult)>> = BTreeMap::new();
        for (p, r) in self.measured.iter().filter(|(p, _)| p.groups.contains(&g)) {
            if !p.hover_only && r.member.rank.is_none() {
                misses.entry((p.receiver.clone(), p.name.clone())).or_default().push(p);
            }
            if !r.hover_names {
                hover_misses.entry((p.receiver.clone(), p.name.clone())).or_default().push((p, r));
            }
        }
        let limit = if self.verbose { usize::MAX } else { 12 };
        let mut sorted: Vec<_> = misses.into_iter().collect();
        sorted.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
        println!("-- [{}] not offered (count, receiver.member, first example)", g.key());
        for ((recv, name), hits) in sorted.iter().take(limit) {
            let f = &self.files[hits[0].file];
            println!("{:>5}  {recv}.{name}   {}:{}", hits.len(), f.rel, f.line_of(hits[0].ident.start));
        }
        let mut sorted: Vec<_> = hover_misses.into_iter().collect();
        sorted.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
        println!("-- [{}] hover does not name it (count, receiver.member, first example, hover)", g.key());
        for ((recv, name), hits) in sorted.iter().take(limit) {
            let (p, r) = hits[0];
            let f = &self.files[p.file];
            println!("{:>5}  {recv}.{name}   {}:{}  {:?}", hits.len(), f.rel, f.line_of(p.ident.start), r.hover_first);
        }
    }

    fn json(&self) -> Value {
        let mut j: serde_json::Map<String, Value> =
            Group::ALL.iter().map(|g| (g.key().to_string(), self.stats(Some(*g)).json())).collect();
        j.insert("all".into(), self.stats(None).json());
        Value::Object(j)
    }
}
