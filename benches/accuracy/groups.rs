//! Position groups of issue 16, one per kind of code add-on authors write every day, chosen
//! mechanically from the syntax tree of Blender's own scripts (never from our examples):
//!
//! - `blender_modules`: `x.member` where `x` was imported from one of Blender's Python
//!   modules (bpy_extras, addon_utils, bl_ui, rna_prop_ui, ...), or the chain runs through
//!   `bpy.app.translations`, `bpy.app.handlers`, `bpy.app.build_options`, `bpy.utils.units`
//!   or a `bpy.types.X` class that Blender's startup scripts define (`TOPBAR_MT_file_export`).
//! - `plain_values`: a method of str/int/float/list/tuple/dict/set called on a chain whose
//!   root is known (`bpy`, `context`, `self`, an imported Blender module) or on a literal.
//! - `own_classes`: `self.x` / `cls.x` in a method of a class of the file, and `Name.x`
//!   where `Name` is a class of the file.
//! - `registrations`: `.name` where the add-on assigns `bpy.types.T.name = ...`, and the
//!   members after it (`context.scene.my_tool.count`).
//! - `inference`: `v.x` where `v` is a local name bound in the same function from a chain
//!   with a known root, a call of one of the file's functions, or a `for` / `with` over one.
//! - `large_namespaces`: `bpy.types.X` and `bpy.ops.X`.
//! - `namespaces`: members of `bpy`, `bpy.app`, `bpy.utils`, `bpy.ops`, `bpy.types` and
//!   every `.bl_rna`; hover also on the root `bpy` itself.
//!
//! A position can be in several groups; each is measured once (completion with nothing
//! typed, after the first letter, and hover on the identifier in the unchanged file).

use std::collections::{HashMap, HashSet};

use tree_sitter::Node;

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug, Hash)]
pub enum Group {
    BlenderModules,
    PlainValues,
    OwnClasses,
    Registrations,
    Inference,
    LargeNamespaces,
    Namespaces,
}

impl Group {
    pub const ALL: [Group; 7] = [
        Group::BlenderModules,
        Group::PlainValues,
        Group::OwnClasses,
        Group::Registrations,
        Group::Inference,
        Group::LargeNamespaces,
        Group::Namespaces,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Group::BlenderModules => "blender_modules",
            Group::PlainValues => "plain_values",
            Group::OwnClasses => "own_classes",
            Group::Registrations => "registrations",
            Group::Inference => "inference",
            Group::LargeNamespaces => "large_namespaces",
            Group::Namespaces => "namespaces",
        }
    }
}

/// Blender's Python modules that are not top-level directories of `scripts/modules` or
/// `scripts/startup` but chains under `bpy` people import from.
const BPY_SUBMODULES: &[&str] =
    &["bpy.app.translations", "bpy.app.handlers", "bpy.app.build_options", "bpy.utils.units"];

/// Non-underscore methods of Python 3.11's str, int, float, list, tuple, dict and set
/// (`dir()` of each), except those a `bpy_prop_collection` also has, whose receiver would
/// be ambiguous.
const BUILTIN_METHODS: &[&str] = &[
    // str
    "capitalize",
    "casefold",
    "center",
    "count",
    "encode",
    "endswith",
    "expandtabs",
    "format",
    "format_map",
    "isalnum",
    "isalpha",
    "isascii",
    "isdecimal",
    "isdigit",
    "isidentifier",
    "islower",
    "isnumeric",
    "isprintable",
    "isspace",
    "istitle",
    "isupper",
    "join",
    "ljust",
    "lower",
    "lstrip",
    "maketrans",
    "partition",
    "removeprefix",
    "removesuffix",
    "replace",
    "rfind",
    "rindex",
    "rjust",
    "rpartition",
    "rsplit",
    "rstrip",
    "split",
    "splitlines",
    "startswith",
    "strip",
    "swapcase",
    "title",
    "translate",
    "upper",
    "zfill",
    // int / float
    "as_integer_ratio",
    "bit_count",
    "bit_length",
    "conjugate",
    "denominator",
    "from_bytes",
    "imag",
    "is_integer",
    "numerator",
    "real",
    "to_bytes",
    "hex",
    "fromhex",
    // list / tuple / dict / set
    "append",
    "extend",
    "insert",
    "reverse",
    "sort",
    "setdefault",
    "popitem",
    "fromkeys",
    "difference",
    "difference_update",
    "discard",
    "intersection",
    "intersection_update",
    "isdisjoint",
    "issubset",
    "issuperset",
    "symmetric_difference",
    "symmetric_difference_update",
    "union",
];

/// What one file tells us before positions are chosen.
pub struct FileFacts {
    /// Names bound by imports from Blender's Python modules.
    blender_names: HashSet<String>,
    /// Classes and functions defined anywhere in the file.
    classes: HashSet<String>,
    functions: HashSet<String>,
}

#[derive(Clone)]
pub struct GroupPos {
    pub file: usize,
    pub groups: Vec<Group>,
    /// Byte range of the identifier; completion runs after the dot before it.
    pub ident: std::ops::Range<usize>,
    pub name: String,
    pub receiver: String,
    /// Only hover is measured (the root `bpy`).
    pub hover_only: bool,
}

/// Top-level module names of Blender's Python: every package or `.py` file directly in
/// `scripts/modules` and `scripts/startup`, except `bpy` itself (whose RNA part is measured
/// elsewhere) plus the C modules that ship without a `.py` file.
pub fn blender_module_tops(scripts: &std::path::Path) -> HashSet<String> {
    let mut out: HashSet<String> = ["bl_math", "_bpy", "bpy_types"].iter().map(|s| s.to_string()).collect();
    for dir in ["modules", "startup"] {
        let Ok(entries) = std::fs::read_dir(scripts.join(dir)) else { continue };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            let stem = name.strip_suffix(".py").unwrap_or(&name);
            if !stem.starts_with("__") && stem != "bpy" {
                out.insert(stem.to_string());
            }
        }
    }
    out
}

fn text_of<'a>(text: &'a str, node: Node) -> &'a str {
    &text[node.byte_range()]
}

/// Whether an imported dotted module path is one of Blender's Python modules.
fn is_blender_module(path: &str, tops: &HashSet<String>) -> bool {
    let top = path.split('.').next().unwrap_or("");
    tops.contains(top) || BPY_SUBMODULES.iter().any(|m| path == *m || path.starts_with(&format!("{m}.")))
}

pub fn file_facts(text: &str, root: Node, tops: &HashSet<String>) -> FileFacts {
    let mut facts = FileFacts { blender_names: HashSet::new(), classes: HashSet::new(), functions: HashSet::new() };
    super::walk(root, &mut |node| match node.kind() {
        "class_definition" => {
            if let Some(n) = node.child_by_field_name("name") {
                facts.classes.insert(text_of(text, n).to_string());
            }
        }
        "function_definition" => {
            if let Some(n) = node.child_by_field_name("name") {
                facts.functions.insert(text_of(text, n).to_string());
            }
        }
        "import_statement" => {
            let mut c = node.walk();
            for name in node.children_by_field_name("name", &mut c) {
                let (path, bound) = match name.kind() {
                    "aliased_import" => {
                        let p = name.child_by_field_name("name").map(|n| text_of(text, n)).unwrap_or("");
                        let a = name.child_by_field_name("alias").map(|n| text_of(text, n)).unwrap_or("");
                        (p, a.to_string())
                    }
                    _ => {
                        let p = text_of(text, name);
                        (p, p.split('.').next().unwrap_or("").to_string())
                    }
                };
                if is_blender_module(path, tops) {
                    facts.blender_names.insert(bound);
                }
            }
        }
        "import_from_statement" => {
            let Some(module) = node.child_by_field_name("module_name") else { return };
            if !is_blender_module(text_of(text, module), tops) {
                return;
            }
            let mut c = node.walk();
            for name in node.children_by_field_name("name", &mut c) {
                let bound = match name.kind() {
                    "aliased_import" => name.child_by_field_name("alias").map(|n| text_of(text, n)),
                    _ => Some(text_of(text, name)),
                };
                if let Some(b) = bound {
                    facts.blender_names.insert(b.to_string());
                }
            }
        }
        _ => {}
    });
    facts
}

/// Names an add-on registers on RNA types: `bpy.types.T.name = ...`.
pub fn registered_names(text: &str, root: Node, out: &mut HashSet<String>) {
    super::walk(root, &mut |node| {
        if node.kind() != "assignment" {
            return;
        }
        let Some(left) = node.child_by_field_name("left").filter(|l| l.kind() == "attribute") else { return };
        let (Some(object), Some(attr)) = (left.child_by_field_name("object"), left.child_by_field_name("attribute"))
        else {
            return;
        };
        let o = text_of(text, object);
        if o.starts_with("bpy.types.") && o.matches('.').count() == 2 && node.child_by_field_name("right").is_some() {
            out.insert(text_of(text, attr).to_string());
        }
    });
}

/// Class names Blender's startup scripts define (menus, panels, operators people append
/// to or subclass through `bpy.types`).
pub fn class_names(text: &str, root: Node, out: &mut HashSet<String>) {
    super::walk(root, &mut |node| {
        if node.kind() == "class_definition"
            && let Some(n) = node.child_by_field_name("name")
        {
            out.insert(text_of(text, n).to_string());
        }
    });
}

/// The leftmost node of a chain (through `.object`, call `.function`, subscript `.value`).
fn chain_root(node: Node) -> Node {
    let mut node = node;
    loop {
        let next = match node.kind() {
            "attribute" => node.child_by_field_name("object"),
            "call" => node.child_by_field_name("function"),
            "subscript" => node.child_by_field_name("value"),
            _ => None,
        };
        match next {
            Some(n) => node = n,
            None => return node,
        }
    }
}

/// Whether the chain passes through `self.layout` (measured with the `layout` roots already).
fn through_self_layout(node: Node, text: &str) -> bool {
    let mut node = node;
    loop {
        if node.kind() == "attribute"
            && node.child_by_field_name("object").is_some_and(|o| text_of(text, o) == "self")
            && node.child_by_field_name("attribute").is_some_and(|a| text_of(text, a) == "layout")
        {
            return true;
        }
        let next = match node.kind() {
            "attribute" => node.child_by_field_name("object"),
            "call" => node.child_by_field_name("function"),
            "subscript" => node.child_by_field_name("value"),
            _ => None,
        };
        match next {
            Some(n) => node = n,
            None => return false,
        }
    }
}

fn enclosing<'t>(node: Node<'t>, kind: &str) -> Option<Node<'t>> {
    let mut n = node.parent();
    while let Some(p) = n {
        if p.kind() == kind {
            return Some(p);
        }
        n = p.parent();
    }
    None
}

/// Whether `name` is bound in `scope` (a function) from something whose type is knowable:
/// an assignment, `for` target or `with ... as` whose value is rooted at a known root.
fn bound_knowably(scope: Node, name: &str, text: &str, known_root: &dyn Fn(&str) -> bool) -> bool {
    let mut found = false;
    super::walk(scope, &mut |node| {
        if found {
            return;
        }
        let (target, value) = match node.kind() {
            "assignment" => (node.child_by_field_name("left"), node.child_by_field_name("right")),
            "for_statement" => (node.child_by_field_name("left"), node.child_by_field_name("right")),
            "as_pattern" => (node.child_by_field_name("alias"), node.named_child(0)),
            _ => return,
        };
        let (Some(target), Some(value)) = (target, value) else { return };
        let mut binds = false;
        super::walk(target, &mut |t| binds |= t.kind() == "identifier" && text_of(text, t) == name);
        if !binds {
            return;
        }
        let root = chain_root(value);
        if root.kind() == "identifier" && known_root(text_of(text, root)) {
            found = true;
        }
    });
    found
}

pub struct Finder<'a> {
    pub text: &'a str,
    pub facts: &'a FileFacts,
    pub registered: &'a HashSet<String>,
    pub startup_classes: &'a HashSet<String>,
    pub roots: &'a [&'a str],
    pub file: usize,
    /// (function start byte, name) -> bound knowably there.
    cache: HashMap<(usize, String), bool>,
}

impl<'a> Finder<'a> {
    pub fn new(
        text: &'a str,
        facts: &'a FileFacts,
        registered: &'a HashSet<String>,
        startup_classes: &'a HashSet<String>,
        roots: &'a [&'a str],
        file: usize,
    ) -> Finder<'a> {
        Finder { text, facts, registered, startup_classes, roots, file, cache: HashMap::new() }
    }

    fn known_root(&self, name: &str) -> bool {
        self.roots.contains(&name)
            || matches!(name, "self" | "cls")
            || self.facts.blender_names.contains(name)
            || self.facts.functions.contains(name)
    }

    pub fn visit(&mut self, node: Node, out: &mut Vec<GroupPos>) {
        let text = self.text;
        // The root `bpy` of a chain: hover only.
        if node.kind() == "identifier"
            && text_of(text, node) == "bpy"
            && node.parent().is_some_and(|p| p.kind() == "attribute" && p.child_by_field_name("object") == Some(node))
        {
            out.push(GroupPos {
                file: self.file,
                groups: vec![Group::Namespaces],
                ident: node.byte_range(),
                name: "bpy".into(),
                receiver: String::new(),
                hover_only: true,
            });
            return;
        }
        if node.kind() != "attribute" {
            return;
        }
        let (Some(object), Some(attr)) = (node.child_by_field_name("object"), node.child_by_field_name("attribute"))
        else {
            return;
        };
        // Not the target of `bpy.types.T.name = ...` or any other assignment: nothing to complete there.
        let name = text_of(text, attr);
        let obj = text_of(text, object);
        let root = chain_root(object);
        let root_name = if root.kind() == "identifier" { text_of(text, root) } else { "" };
        let literal = matches!(
            root.kind(),
            "string" | "concatenated_string" | "list" | "dictionary" | "set" | "tuple" | "integer" | "float"
        );
        let mut groups = Vec::new();

        if obj == "bpy.types" || obj == "bpy.ops" {
            groups.push(Group::LargeNamespaces);
        }
        if matches!(obj, "bpy" | "bpy.app" | "bpy.utils" | "bpy.ops" | "bpy.types") || name == "bl_rna" {
            groups.push(Group::Namespaces);
        }
        let blender_chain = BPY_SUBMODULES.iter().any(|m| obj == *m || obj.starts_with(&format!("{m}.")))
            || obj
                .strip_prefix("bpy.types.")
                .is_some_and(|c| self.startup_classes.contains(c.split('.').next().unwrap_or("")))
            || self.facts.blender_names.contains(root_name);
        if blender_chain {
            groups.push(Group::BlenderModules);
        }
        let known = literal || self.known_root(root_name);
        if BUILTIN_METHODS.contains(&name) && (known || self.local_known(node, root_name)) {
            groups.push(Group::PlainValues);
        }
        let in_class_method =
            enclosing(node, "function_definition").is_some_and(|f| enclosing(f, "class_definition").is_some());
        if (matches!(root_name, "self" | "cls") && in_class_method && !through_self_layout(object, text))
            || self.facts.classes.contains(root_name)
        {
            groups.push(Group::OwnClasses);
        }
        let is_registration_target = obj.starts_with("bpy.types.") && obj.matches('.').count() == 2;
        let last_of_object = object.child_by_field_name("attribute").map(|a| text_of(text, a));
        if (self.registered.contains(name) && !is_registration_target && object.kind() != "identifier")
            || last_of_object.is_some_and(|l| self.registered.contains(l) && !obj.starts_with("bpy.types."))
        {
            groups.push(Group::Registrations);
        }
        if root.kind() == "identifier" && !self.known_root(root_name) && !self.facts.classes.contains(root_name) {
            if self.local_known(node, root_name) {
                groups.push(Group::Inference);
            }
        } else if root_name == "self" && !in_class_method && enclosing(node, "function_definition").is_some() {
            // `def menu_func(self, context): self.layout...` appended to a menu.
            groups.push(Group::Inference);
        }
        if groups.is_empty() {
            return;
        }
        groups.sort();
        groups.dedup();
        out.push(GroupPos {
            file: self.file,
            groups,
            ident: attr.byte_range(),
            name: name.to_string(),
            receiver: super::snippet(text, object),
            hover_only: false,
        });
    }

    /// Whether a local name at `node` is bound knowably in its function.
    fn local_known(&mut self, node: Node, name: &str) -> bool {
        if name.is_empty() || self.known_root(name) {
            return false;
        }
        let Some(scope) = enclosing(node, "function_definition") else { return false };
        let key = (scope.start_byte(), name.to_string());
        if let Some(&k) = self.cache.get(&key) {
            return k;
        }
        let facts = self.facts;
        let roots = self.roots;
        let known = |n: &str| {
            roots.contains(&n)
                || matches!(n, "self" | "cls")
                || facts.blender_names.contains(n)
                || facts.functions.contains(n)
        };
        let k = bound_knowably(scope, name, self.text, &known);
        self.cache.insert(key, k);
        k
    }
}
