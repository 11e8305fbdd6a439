//! BPY011: a name that is used but bound nowhere in the file, imported nowhere and not a
//! builtin raises `NameError` when the line runs (`mathutils.Vector` without
//! `import mathutils`, the Python console's `C` and `D` in a script).
//!
//! Deliberately flow-insensitive: a name bound anywhere in the file, in any scope, counts
//! as defined everywhere. That misses a use before the binding, but it never reports a name
//! that a `global` statement, a class body, a branch or a `del` makes hard to follow. Files
//! that make names appear in ways the syntax does not show (`from x import *`, `exec`,
//! writes to `globals()` or `__builtins__`, `except NameError`) are not checked at all.

use std::collections::HashSet;

use tree_sitter::Node;

use super::{Code, Diagnostic, Fix, Severity};
use crate::analysis::edit::TextEdit;

/// Python 3.11's builtins (Blender adds none).
const BUILTINS: &[&str] = &[
    "ArithmeticError",
    "AssertionError",
    "AttributeError",
    "BaseException",
    "BaseExceptionGroup",
    "BlockingIOError",
    "BrokenPipeError",
    "BufferError",
    "BytesWarning",
    "ChildProcessError",
    "ConnectionAbortedError",
    "ConnectionError",
    "ConnectionRefusedError",
    "ConnectionResetError",
    "DeprecationWarning",
    "EOFError",
    "Ellipsis",
    "EncodingWarning",
    "EnvironmentError",
    "Exception",
    "ExceptionGroup",
    "False",
    "FileExistsError",
    "FileNotFoundError",
    "FloatingPointError",
    "FutureWarning",
    "GeneratorExit",
    "IOError",
    "ImportError",
    "ImportWarning",
    "IndentationError",
    "IndexError",
    "InterruptedError",
    "IsADirectoryError",
    "KeyError",
    "KeyboardInterrupt",
    "LookupError",
    "MemoryError",
    "ModuleNotFoundError",
    "NameError",
    "None",
    "NotADirectoryError",
    "NotImplemented",
    "NotImplementedError",
    "OSError",
    "OverflowError",
    "PendingDeprecationWarning",
    "PermissionError",
    "ProcessLookupError",
    "RecursionError",
    "ReferenceError",
    "ResourceWarning",
    "RuntimeError",
    "RuntimeWarning",
    "StopAsyncIteration",
    "StopIteration",
    "SyntaxError",
    "SyntaxWarning",
    "SystemError",
    "SystemExit",
    "TabError",
    "TimeoutError",
    "True",
    "TypeError",
    "UnboundLocalError",
    "UnicodeDecodeError",
    "UnicodeEncodeError",
    "UnicodeError",
    "UnicodeTranslateError",
    "UnicodeWarning",
    "UserWarning",
    "ValueError",
    "Warning",
    "ZeroDivisionError",
    "abs",
    "aiter",
    "all",
    "anext",
    "any",
    "ascii",
    "bin",
    "bool",
    "breakpoint",
    "bytearray",
    "bytes",
    "callable",
    "chr",
    "classmethod",
    "compile",
    "complex",
    "copyright",
    "credits",
    "delattr",
    "dict",
    "dir",
    "divmod",
    "enumerate",
    "eval",
    "exec",
    "exit",
    "filter",
    "float",
    "format",
    "frozenset",
    "getattr",
    "globals",
    "hasattr",
    "hash",
    "help",
    "hex",
    "id",
    "input",
    "int",
    "isinstance",
    "issubclass",
    "iter",
    "len",
    "license",
    "list",
    "locals",
    "map",
    "max",
    "memoryview",
    "min",
    "next",
    "object",
    "oct",
    "open",
    "ord",
    "pow",
    "print",
    "property",
    "quit",
    "range",
    "repr",
    "reversed",
    "round",
    "set",
    "setattr",
    "slice",
    "sorted",
    "staticmethod",
    "str",
    "sum",
    "super",
    "tuple",
    "type",
    "vars",
    "zip",
];

/// Modules a script commonly uses without importing them: the fix adds the import.
const MODULES: &[&str] = &[
    "bpy",
    "bmesh",
    "mathutils",
    "gpu",
    "gpu_extras",
    "bpy_extras",
    "blf",
    "aud",
    "idprop",
    "math",
    "random",
    "os",
    "sys",
    "time",
    "json",
    "re",
    "colorsys",
    "itertools",
    "functools",
    "collections",
    "pathlib",
    "numpy",
];

/// Names `from mathutils import ...` gives.
const MATHUTILS: &[&str] = &["Vector", "Matrix", "Euler", "Quaternion", "Color"];

/// Undefined names of the document `root` (with `text`), in source order, at most one
/// diagnostic per name (the first use: one import fixes them all).
pub fn undefined_names(root: Node, text: &str) -> Vec<Diagnostic> {
    let mut walk = Walk { text, bound: HashSet::new(), uses: Vec::new(), give_up: false };
    walk.run(root);
    if walk.give_up {
        return Vec::new();
    }
    // The walk visits the tree in no useful order: the one diagnostic per name goes on its
    // first use in the text, where a script run from the top raises the NameError.
    walk.uses.sort_by_key(|(_, n)| n.start_byte());
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for &(name, node) in &walk.uses {
        if walk.bound.contains(name)
            || BUILTINS.binary_search(&name).is_ok()
            || (name.starts_with("__") && name.ends_with("__"))
            || !seen.insert(name)
        {
            continue;
        }
        // The console shortcuts' fix replaces every use (only C and D: a walk over all uses
        // per name would be quadratic in a file with many undefined names).
        let all: Vec<Node> = if matches!(name, "C" | "D") {
            walk.uses.iter().filter(|(n, _)| *n == name).map(|(_, u)| *u).collect()
        } else {
            vec![node]
        };
        out.push(diagnostic(root, text, name, node, &all, &walk.bound));
    }
    out
}

/// The diagnostic for `name`, first used at `node`; `uses` are all its uses, in order.
fn diagnostic(root: Node, text: &str, name: &str, node: Node, uses: &[Node], bound: &HashSet<&str>) -> Diagnostic {
    let mut message = format!("name '{name}' is not defined");
    let range = node.start_byte()..node.end_byte();
    let fix = match name {
        "C" | "D" => {
            let full = if name == "C" { "bpy.context" } else { "bpy.data" };
            message
                .push_str(&format!(" ('{name}' is a shortcut of Blender's Python console only; a script uses {full})"));
            let mut edits: Vec<TextEdit> = uses
                .iter()
                .map(|u| TextEdit { start: u.start_byte(), end: u.end_byte(), new_text: full.to_string() })
                .collect();
            if !bound.contains("bpy") {
                edits.push(import_edit(root, text, "import bpy"));
            }
            // Every use of the shortcut is replaced: the file is only right with all of them.
            Some(Fix { title: format!("Replace '{name}' with {full}"), edits, certain: false })
        }
        _ if MODULES.contains(&name) => {
            message.push_str(&format!("; add 'import {name}'"));
            let edit = import_edit(root, text, &format!("import {name}"));
            Some(Fix { title: format!("Add 'import {name}'"), edits: vec![edit], certain: true })
        }
        _ if MATHUTILS.contains(&name) => {
            message.push_str(&format!("; add 'from mathutils import {name}'"));
            let edit = import_edit(root, text, &format!("from mathutils import {name}"));
            Some(Fix { title: format!("Add 'from mathutils import {name}'"), edits: vec![edit], certain: true })
        }
        _ => None,
    };
    Diagnostic { severity: Severity::Error, range, code: Code::UndefinedName, message, fix }
}

/// An edit that inserts `line` after the file's leading docstring, comments and imports.
pub fn import_edit(root: Node, text: &str, line: &str) -> TextEdit {
    let mut at = 0;
    let mut c = root.walk();
    for (i, st) in root.named_children(&mut c).enumerate() {
        let is_doc =
            i == 0 && st.kind() == "expression_statement" && st.named_child(0).is_some_and(|s| s.kind() == "string");
        if is_doc || matches!(st.kind(), "import_statement" | "import_from_statement" | "future_import_statement") {
            at = st.end_byte();
        } else if st.kind() != "comment" {
            break;
        }
    }
    if at == 0 {
        return TextEdit { start: 0, end: 0, new_text: format!("{line}\n") };
    }
    // After the end of that statement's line.
    let end = text.get(at..).and_then(|t| t.find('\n')).map_or(text.len(), |n| at + n);
    let newline = if end == text.len() && !text.ends_with('\n') { "\n" } else { "" };
    let (start, new_text) =
        if end < text.len() { (end + 1, format!("{line}\n")) } else { (end, format!("{newline}{line}\n")) };
    TextEdit { start, end: start, new_text }
}

struct Walk<'t> {
    text: &'t str,
    bound: HashSet<&'t str>,
    uses: Vec<(&'t str, Node<'t>)>,
    give_up: bool,
}

/// Nodes that pass a binding on to their children (`a, (b, *c) = ...`).
const BINDING_CONTAINERS: &[&str] = &[
    "pattern_list",
    "tuple_pattern",
    "list_pattern",
    "tuple",
    "list",
    "parenthesized_expression",
    "list_splat_pattern",
    "list_splat",
    "as_pattern_target",
    "expression_list",
    "dictionary_splat_pattern",
];

impl<'t> Walk<'t> {
    fn name(&self, n: Node) -> &'t str {
        self.text.get(n.start_byte()..n.end_byte()).unwrap_or("")
    }

    fn run(&mut self, root: Node<'t>) {
        // (node, binding): an explicit stack, as a deep tree must not overflow ours.
        let mut stack: Vec<(Node<'t>, bool)> = vec![(root, false)];
        while let Some((n, binding)) = stack.pop() {
            let kind = n.kind();
            if binding {
                if kind == "identifier" {
                    let name = self.name(n);
                    self.bound.insert(name);
                } else if BINDING_CONTAINERS.contains(&kind) {
                    push_children(n, true, &mut stack);
                } else {
                    stack.push((n, false));
                }
                continue;
            }
            match kind {
                "identifier" => {
                    let name = self.name(n);
                    if matches!(name, "exec" | "globals" | "vars" | "locals" | "__builtins__" | "NameError") {
                        self.give_up = true;
                    }
                    self.uses.push((name, n));
                }
                "wildcard_import" => self.give_up = true,
                "import_statement" | "import_from_statement" | "future_import_statement" => self.import(n),
                "assignment" | "augmented_assignment" | "for_statement" | "for_in_clause" => {
                    push_field(n, "left", true, &mut stack);
                    push_field(n, "right", false, &mut stack);
                    push_field(n, "type", false, &mut stack);
                    push_field(n, "body", false, &mut stack);
                    push_field(n, "alternative", false, &mut stack);
                }
                "named_expression" => {
                    push_field(n, "name", true, &mut stack);
                    push_field(n, "value", false, &mut stack);
                }
                "as_pattern" => {
                    let alias = n.child_by_field_name("alias");
                    let mut c = n.walk();
                    for ch in n.named_children(&mut c) {
                        stack.push((ch, Some(ch) == alias));
                    }
                }
                "function_definition" | "class_definition" => {
                    push_field(n, "name", true, &mut stack);
                    let mut c = n.walk();
                    for ch in n.named_children(&mut c) {
                        if Some(ch) != n.child_by_field_name("name") {
                            stack.push((ch, false));
                        }
                    }
                }
                "parameters" | "lambda_parameters" => {
                    let mut c = n.walk();
                    for p in n.named_children(&mut c) {
                        self.parameter(p, &mut stack);
                    }
                }
                "global_statement" | "nonlocal_statement" => push_children(n, true, &mut stack),
                "keyword_argument" => push_field(n, "value", false, &mut stack),
                "attribute" => push_field(n, "object", false, &mut stack),
                // Patterns of `case` bind what they capture; their dotted names are values.
                "case_pattern" | "keyword_pattern" | "class_pattern" | "dict_pattern" => {
                    self.give_up_on_patterns(n);
                }
                "type_alias_statement" => {
                    push_field(n, "left", true, &mut stack);
                    push_field(n, "right", false, &mut stack);
                }
                // `print "x"` is a syntax error (reported as such), `exec "..."` too.
                "print_statement" | "exec_statement" => push_children(n, false, &mut stack),
                "ERROR" => self.give_up = true,
                _ => push_children(n, false, &mut stack),
            }
        }
    }

    /// Every identifier in a `case` pattern counts as bound: a capture binds it, and a
    /// value pattern (`Color.RED`) names something bound elsewhere.
    fn give_up_on_patterns(&mut self, n: Node<'t>) {
        let mut stack = vec![n];
        while let Some(x) = stack.pop() {
            if x.kind() == "identifier" {
                let name = self.name(x);
                self.bound.insert(name);
            }
            let mut c = x.walk();
            stack.extend(x.named_children(&mut c));
        }
    }

    fn parameter(&mut self, p: Node<'t>, stack: &mut Vec<(Node<'t>, bool)>) {
        match p.kind() {
            "identifier" => {
                let name = self.name(p);
                self.bound.insert(name);
            }
            "default_parameter" | "typed_default_parameter" => {
                push_field(p, "name", true, stack);
                push_field(p, "type", false, stack);
                push_field(p, "value", false, stack);
            }
            "typed_parameter" => {
                let ty = p.child_by_field_name("type");
                let mut c = p.walk();
                for ch in p.named_children(&mut c) {
                    if Some(ch) == ty {
                        stack.push((ch, false));
                    } else {
                        self.parameter(ch, stack);
                    }
                }
            }
            "list_splat_pattern" | "dictionary_splat_pattern" | "tuple_pattern" => push_children(p, true, stack),
            _ => stack.push((p, false)),
        }
    }

    /// `import a.b` binds `a`, `import a.b as c` binds `c`, `from m import x as y` binds `y`.
    fn import(&mut self, n: Node<'t>) {
        let module = n.child_by_field_name("module_name");
        let mut c = n.walk();
        for ch in n.named_children(&mut c) {
            if Some(ch) == module {
                continue;
            }
            let bound = match ch.kind() {
                "aliased_import" => ch.child_by_field_name("alias"),
                "dotted_name" => ch.named_child(0),
                "wildcard_import" => {
                    self.give_up = true;
                    None
                }
                _ => None,
            };
            if let Some(b) = bound {
                let name = self.name(b);
                self.bound.insert(name);
            }
        }
    }
}

fn push_field<'t>(n: Node<'t>, field: &str, binding: bool, stack: &mut Vec<(Node<'t>, bool)>) {
    let mut c = n.walk();
    for ch in n.children_by_field_name(field, &mut c) {
        if ch.is_named() {
            stack.push((ch, binding));
        }
    }
}

fn push_children<'t>(n: Node<'t>, binding: bool, stack: &mut Vec<(Node<'t>, bool)>) {
    let mut c = n.walk();
    stack.extend(n.named_children(&mut c).map(|ch| (ch, binding)));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn undefined(src: &str) -> Vec<(usize, String, Option<String>)> {
        let doc = crate::analysis::Document::new(src.to_string());
        let tree = doc.tree().expect("parsed");
        undefined_names(tree.root_node(), src)
            .into_iter()
            .map(|d| {
                let line = doc.lines().line_col(d.range.start).0 + 1;
                let fixed = d.fix.map(|f| crate::analysis::fix::apply(src, &[&f]).text);
                (line, src[d.range].to_string(), fixed)
            })
            .collect()
    }

    #[test]
    fn an_undefined_name_is_reported_at_its_first_use() {
        let src = "import bpy\nC.object.location.x = 1\nprint(C.scene)\nfor o in C.selected_objects:\n    pass\n";
        let found = undefined(src);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].0, found[0].1.as_str()), (2, "C"));
        // The fix replaces every use, not only the first.
        assert_eq!(
            found[0].2.as_deref(),
            Some(
                "import bpy\nbpy.context.object.location.x = 1\nprint(bpy.context.scene)\n\
                 for o in bpy.context.selected_objects:\n    pass\n"
            )
        );
        let src =
            "def f():\n    return mathutils.Vector()\nv = mathutils.Matrix()\nx = [mathutils.Euler() for _ in []]\n";
        let found = undefined(src);
        assert_eq!(found.iter().map(|(l, t, _)| (*l, t.as_str())).collect::<Vec<_>>(), [(2, "mathutils")]);
    }

    #[test]
    fn builtins_are_sorted_for_binary_search() {
        assert!(BUILTINS.windows(2).all(|w| w[0] < w[1]));
    }
}
