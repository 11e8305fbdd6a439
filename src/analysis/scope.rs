//! Name bindings per scope (module, class, function), gathered in one walk of the tree so
//! that inference can find "what was assigned to `obj` before this point" without walking
//! the whole file for each question.

use std::collections::HashMap;
use std::ops::Range;

use tree_sitter::{Node, Tree};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Class,
    Function,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BindingKind {
    /// `x = <expr>`, `x := <expr>`: the byte range of the value.
    Value(Range<usize>),
    /// `x: <annotation>` (with or without a value).
    Annotation(Range<usize>),
    /// `for x in <expr>`, `[... for x in <expr>]`.
    Item(Range<usize>),
    /// `for i, x in enumerate(<expr>)` and `for k, x in <expr>.items()`: `x` is an item.
    PairItem(Range<usize>),
    /// `with <expr> as x`
    WithValue(Range<usize>),
    /// `a, b = <expr>` where `<expr>` is no tuple of its own: element `index` of its value
    /// (`header, body = layout.panel("x")`, `first, second = context.selected_objects`).
    Element { value: Range<usize>, index: usize },
    /// `import a.b` binds `a` to module `a`; `import a.b as c` binds `c` to `a.b`;
    /// `from a import b` binds `b` to `a.b` (`attr` = Some("b")).
    Import { module: String, attr: Option<String> },
    /// A function parameter; `index` is its position, `function` the function's scope.
    Param { index: usize, annotation: Option<Range<usize>>, default: Option<Range<usize>>, function: usize },
    /// `class X(...)`: the scope of the class body.
    Class(usize),
    /// `def f(...)`: the scope of the function body.
    Function(usize),
}

#[derive(Debug, Clone)]
pub struct Binding {
    /// The binding takes effect from this offset on.
    pub at: usize,
    pub kind: BindingKind,
}

#[derive(Debug, Clone)]
pub struct Scope {
    pub kind: ScopeKind,
    pub name: String,
    pub range: Range<usize>,
    pub parent: Option<usize>,
    /// Class scopes: the byte ranges of the base-class expressions.
    pub bases: Vec<Range<usize>>,
    /// Function scopes: the return annotation.
    pub returns: Option<Range<usize>>,
    pub bindings: HashMap<String, Vec<Binding>>,
}

#[derive(Debug, Clone, Default)]
pub struct Scopes {
    pub scopes: Vec<Scope>,
}

impl Scopes {
    pub fn build(tree: &Tree, text: &str) -> Scopes {
        let root = tree.root_node();
        let mut scopes = Scopes {
            scopes: vec![Scope {
                kind: ScopeKind::Module,
                name: String::new(),
                range: 0..text.len().max(root.end_byte()),
                parent: None,
                bases: Vec::new(),
                returns: None,
                bindings: HashMap::new(),
            }],
        };
        let mut builder = Builder { text, scopes: &mut scopes };
        builder.walk_block(root, 0);
        // In the order they take effect (a comprehension's variable, recorded after the
        // assignment that holds it, takes effect before it): `lookup` searches by position.
        for scope in &mut scopes.scopes {
            for list in scope.bindings.values_mut() {
                list.sort_by_key(|b| b.at);
            }
        }
        scopes
    }

    /// The innermost scope whose body contains `offset` (0, the module, when there are no
    /// scopes: a document too large to parse).
    ///
    /// Scopes are recorded in document order and nest like the tree (each lies inside its
    /// parent, siblings apart), so the innermost one is the last scope that starts at or
    /// before `offset`, or one of its parents: a binary search and a short climb instead of
    /// a scan of every scope, which made a lint of a file of many functions quadratic.
    pub fn scope_at(&self, offset: usize) -> usize {
        let contains = |s: &Scope| s.range.start <= offset && offset <= s.range.end;
        let mut id = self.scopes.partition_point(|s| s.range.start <= offset).saturating_sub(1);
        while id > 0 {
            let Some(s) = self.scopes.get(id) else { return 0 };
            if contains(s) {
                return id;
            }
            // A parent always comes before its children; anything else is not a tree.
            id = s.parent.filter(|&p| p < id).unwrap_or(0);
        }
        0
    }

    /// The binding of `name` visible at `offset`, with the scope it lives in.
    /// The last binding before `offset` wins, else the first one (a function body may run
    /// after names below it were assigned). Class scopes are skipped for nested functions,
    /// as in Python.
    pub fn lookup(&self, name: &str, offset: usize) -> Option<(usize, &Binding)> {
        let mut scope = Some(self.scope_at(offset));
        let mut innermost = true;
        while let Some(id) = scope {
            let s = self.scopes.get(id)?;
            if (innermost || s.kind != ScopeKind::Class)
                && let Some(list) = s.bindings.get(name)
            {
                // Not yet bound here (the defining statement itself, or a loop that
                // assigns it later): the first binding still tells its type.
                if let Some(b) = last_before(list, offset).or(list.first()) {
                    return Some((id, b));
                }
            }
            innermost = false;
            scope = s.parent;
        }
        None
    }

    /// Names visible at `offset`, each once: the innermost scope's first, in no particular
    /// order within a scope (a long script's module scope holds hundreds; callers sort).
    pub fn visible_names(&self, offset: usize) -> Vec<(&str, usize, &Binding)> {
        let mut out: Vec<(&str, usize, &Binding)> = Vec::new();
        let mut scope = Some(self.scope_at(offset));
        let mut innermost = true;
        let capacity = std::iter::successors(scope.and_then(|id| self.scopes.get(id)), |s| {
            s.parent.and_then(|p| self.scopes.get(p))
        })
        .map(|s| s.bindings.len());
        let mut seen = std::collections::HashSet::with_capacity(capacity.sum());
        while let Some(id) = scope {
            let Some(s) = self.scopes.get(id) else { break };
            if innermost || s.kind != ScopeKind::Class {
                for (name, list) in &s.bindings {
                    let visible = if innermost { last_before(list, offset) } else { list.first() };
                    if let Some(b) = visible
                        && seen.insert(name.as_str())
                    {
                        out.push((name.as_str(), id, b));
                    }
                }
            }
            innermost = false;
            scope = s.parent;
        }
        out
    }
}

/// The last binding that takes effect at or before `offset`, in a list sorted by `at` (a
/// binary search: a long script rebinds `obj` thousands of times).
fn last_before(list: &[Binding], offset: usize) -> Option<&Binding> {
    list.get(list.partition_point(|b| b.at <= offset).checked_sub(1)?)
}

struct Builder<'a> {
    text: &'a str,
    scopes: &'a mut Scopes,
}

fn range(node: Node) -> Range<usize> {
    node.start_byte()..node.end_byte()
}

/// Push the named children of `node` (but those in the fields `skip`) so that they pop in
/// document order.
fn push_children<'t>(stack: &mut Vec<(Node<'t>, usize)>, node: Node<'t>, scope: usize, skip: &[&str]) {
    let first = stack.len();
    let mut cursor = node.walk();
    if cursor.goto_first_child() {
        loop {
            let child = cursor.node();
            if child.is_named() && !cursor.field_name().is_some_and(|f| skip.contains(&f)) {
                stack.push((child, scope));
            }
            if !cursor.goto_next_sibling() {
                break;
            }
        }
    }
    stack[first..].reverse();
}

impl Builder<'_> {
    fn bind(&mut self, scope: usize, name: &str, at: usize, kind: BindingKind) {
        if name.is_empty() {
            return;
        }
        self.scopes.scopes[scope].bindings.entry(name.to_string()).or_default().push(Binding { at, kind });
    }

    fn node_text(&self, node: Node) -> &str {
        self.text.get(node.start_byte()..node.end_byte()).unwrap_or("")
    }

    fn new_scope(&mut self, kind: ScopeKind, name: &str, body: Range<usize>, parent: usize) -> usize {
        self.scopes.scopes.push(Scope {
            kind,
            name: name.to_string(),
            range: body,
            parent: Some(parent),
            bases: Vec::new(),
            returns: None,
            bindings: HashMap::new(),
        });
        self.scopes.scopes.len() - 1
    }

    /// Walk statements (and expressions, for comprehensions and walrus) under `node`.
    ///
    /// The walk keeps its own stack instead of recursing: a file of a few kilobytes can
    /// nest brackets thousands deep, which would overflow the thread's stack. Work is
    /// popped in document order (children are pushed in reverse), and each node records
    /// its bindings before its children are walked, so bindings keep the order in which
    /// a recursive walk would record them.
    fn walk_block<'t>(&mut self, node: Node<'t>, scope: usize) {
        let mut stack = Vec::new();
        push_children(&mut stack, node, scope, &[]);
        while let Some((node, scope)) = stack.pop() {
            self.visit(node, scope, &mut stack);
        }
    }

    /// Record what `node` binds and push the nodes under it that the walk must visit.
    fn visit<'t>(&mut self, node: Node<'t>, scope: usize, stack: &mut Vec<(Node<'t>, usize)>) {
        match node.kind() {
            "function_definition" => {
                if let Some((body, id)) = self.function(node, scope) {
                    push_children(stack, body, id, &[]);
                }
            }
            "class_definition" => {
                if let Some((body, id)) = self.class(node, scope) {
                    push_children(stack, body, id, &[]);
                }
            }
            "assignment" => {
                self.assignment(node, scope);
                // Nested walrus or comprehensions in the value.
                if let Some(right) = node.child_by_field_name("right") {
                    stack.push((right, scope));
                }
            }
            "named_expression" => {
                if let (Some(name), Some(value)) = (node.child_by_field_name("name"), node.child_by_field_name("value"))
                {
                    let n = self.node_text(name).to_string();
                    self.bind(scope, &n, node.end_byte(), BindingKind::Value(range(value)));
                    stack.push((value, scope));
                }
            }
            "for_statement" | "for_in_clause" => {
                // Pushed first, walked last: everything but the target and the iterable.
                push_children(stack, node, scope, &["left", "right"]);
                if let (Some(left), Some(right)) = (node.child_by_field_name("left"), node.child_by_field_name("right"))
                {
                    // The loop variable is bound from the start of the body (comprehensions:
                    // from the start of the whole comprehension, which reads it before the `for`).
                    let at = if node.kind() == "for_in_clause" {
                        node.parent().map(|p| p.start_byte()).unwrap_or(node.start_byte())
                    } else {
                        right.end_byte()
                    };
                    self.for_target(left, right, at, scope);
                    stack.push((right, scope));
                }
            }
            "with_item" => {
                if let Some(value) = node.child_by_field_name("value") {
                    if value.kind() == "as_pattern" {
                        let expr = value.named_child(0);
                        let alias = value.child_by_field_name("alias");
                        if let (Some(expr), Some(alias)) = (expr, alias) {
                            let target = alias.named_child(0).unwrap_or(alias);
                            if target.kind() == "identifier" {
                                let n = self.node_text(target).to_string();
                                self.bind(scope, &n, value.end_byte(), BindingKind::WithValue(range(expr)));
                            }
                        }
                    }
                    stack.push((value, scope));
                }
            }
            "import_statement" => self.import(node, scope),
            "import_from_statement" => self.import_from(node, scope),
            "lambda" => {}
            _ => push_children(stack, node, scope, &[]),
        }
    }

    /// Record a `def`: its scope, name and parameters. Returns its body and scope, to walk.
    fn function<'t>(&mut self, node: Node<'t>, scope: usize) -> Option<(Node<'t>, usize)> {
        let name = node.child_by_field_name("name").map(|n| self.node_text(n).to_string()).unwrap_or_default();
        let body_range = node
            .child_by_field_name("body")
            .map(|b| b.start_byte()..node.end_byte())
            .unwrap_or(node.end_byte()..node.end_byte());
        // Parameters belong to the function scope; make it span the parameter list too so
        // that annotations and defaults see the enclosing names but the body sees params.
        let params = node.child_by_field_name("parameters");
        let fn_range = params.map(|p| p.start_byte()).unwrap_or(body_range.start)..body_range.end;
        let id = self.new_scope(ScopeKind::Function, &name, fn_range.clone(), scope);
        self.scopes.scopes[id].returns = node.child_by_field_name("return_type").map(range);
        self.bind(scope, &name, node.start_byte(), BindingKind::Function(id));
        if let Some(params) = params {
            let mut cursor = params.walk();
            for (index, p) in params.named_children(&mut cursor).enumerate() {
                let (ident, annotation, default) = match p.kind() {
                    "identifier" => (Some(p), None, None),
                    "typed_parameter" => (p.named_child(0), p.child_by_field_name("type"), None),
                    "default_parameter" => (p.child_by_field_name("name"), None, p.child_by_field_name("value")),
                    "typed_default_parameter" => {
                        (p.child_by_field_name("name"), p.child_by_field_name("type"), p.child_by_field_name("value"))
                    }
                    _ => (None, None, None),
                };
                if let Some(ident) = ident.filter(|i| i.kind() == "identifier") {
                    let n = self.node_text(ident).to_string();
                    self.bind(
                        id,
                        &n,
                        fn_range.start,
                        BindingKind::Param {
                            index,
                            annotation: annotation.map(range),
                            default: default.map(range),
                            function: id,
                        },
                    );
                }
            }
        }
        node.child_by_field_name("body").map(|body| (body, id))
    }

    /// Record a `class`: its scope, name and bases. Returns its body and scope, to walk.
    fn class<'t>(&mut self, node: Node<'t>, scope: usize) -> Option<(Node<'t>, usize)> {
        let name = node.child_by_field_name("name").map(|n| self.node_text(n).to_string()).unwrap_or_default();
        let body = node.child_by_field_name("body");
        let body_range = body.map(|b| b.start_byte()..node.end_byte()).unwrap_or(node.end_byte()..node.end_byte());
        let id = self.new_scope(ScopeKind::Class, &name, body_range, scope);
        if let Some(supers) = node.child_by_field_name("superclasses") {
            let mut cursor = supers.walk();
            self.scopes.scopes[id].bases =
                supers.named_children(&mut cursor).filter(|c| c.kind() != "keyword_argument").map(range).collect();
        }
        self.bind(scope, &name, node.start_byte(), BindingKind::Class(id));
        body.map(|body| (body, id))
    }

    fn assignment(&mut self, node: Node, scope: usize) {
        let Some(left) = node.child_by_field_name("left") else {
            return;
        };
        let at = node.end_byte();
        if let Some(annotation) = node.child_by_field_name("type") {
            if left.kind() == "identifier" {
                let n = self.node_text(left).to_string();
                self.bind(scope, &n, at, BindingKind::Annotation(range(annotation)));
            }
            return;
        }
        let Some(right) = node.child_by_field_name("right") else {
            return;
        };
        // `a = b = value`: the right side is another assignment.
        let mut value = right;
        while value.kind() == "assignment" {
            if let Some(l) = value.child_by_field_name("left")
                && l.kind() == "identifier"
            {
                let n = self.node_text(l).to_string();
                if let Some(v) = value.child_by_field_name("right") {
                    self.bind(scope, &n, at, BindingKind::Value(range(v)));
                }
            }
            match value.child_by_field_name("right") {
                Some(v) => value = v,
                None => return,
            }
        }
        match left.kind() {
            "identifier" => {
                let n = self.node_text(left).to_string();
                self.bind(scope, &n, at, BindingKind::Value(range(value)));
            }
            "pattern_list" | "tuple_pattern" => {
                // `a, b = x, y`: bind element-wise when the right side is a tuple of equal length.
                let mut lc = left.walk();
                let targets: Vec<Node> = left.named_children(&mut lc).collect();
                let values: Vec<Node> = if matches!(value.kind(), "expression_list" | "tuple") {
                    let mut vc = value.walk();
                    value.named_children(&mut vc).collect()
                } else {
                    Vec::new()
                };
                for (i, t) in targets.iter().enumerate() {
                    if t.kind() == "identifier" {
                        let n = self.node_text(*t).to_string();
                        let kind = match values.get(i) {
                            Some(v) if values.len() == targets.len() => BindingKind::Value(range(*v)),
                            _ if values.is_empty() => BindingKind::Element { value: range(value), index: i },
                            _ => BindingKind::Value(0..0),
                        };
                        self.bind(scope, &n, at, kind);
                    }
                }
            }
            _ => {}
        }
    }

    fn for_target(&mut self, left: Node, right: Node, at: usize, scope: usize) {
        match left.kind() {
            "identifier" => {
                let n = self.node_text(left).to_string();
                self.bind(scope, &n, at, BindingKind::Item(range(right)));
            }
            "pattern_list" | "tuple_pattern" => {
                let mut lc = left.walk();
                let targets: Vec<Node> = left.named_children(&mut lc).collect();
                for (i, t) in targets.iter().enumerate() {
                    if t.kind() != "identifier" {
                        continue;
                    }
                    let n = self.node_text(*t).to_string();
                    let kind = if targets.len() == 2 && i == 1 {
                        BindingKind::PairItem(range(right))
                    } else {
                        BindingKind::Value(0..0)
                    };
                    self.bind(scope, &n, at, kind);
                }
            }
            _ => {}
        }
    }

    fn import(&mut self, node: Node, scope: usize) {
        let mut cursor = node.walk();
        let names: Vec<Node> = node.children_by_field_name("name", &mut cursor).collect();
        for name in names {
            match name.kind() {
                "dotted_name" => {
                    let full = self.node_text(name).to_string();
                    let first = full.split('.').next().unwrap_or("").trim().to_string();
                    self.bind(
                        scope,
                        &first,
                        node.end_byte(),
                        BindingKind::Import { module: first.clone(), attr: None },
                    );
                }
                "aliased_import" => {
                    let module = name.child_by_field_name("name").map(|n| self.node_text(n).to_string());
                    let alias = name.child_by_field_name("alias").map(|n| self.node_text(n).to_string());
                    if let (Some(module), Some(alias)) = (module, alias) {
                        self.bind(scope, &alias, node.end_byte(), BindingKind::Import { module, attr: None });
                    }
                }
                _ => {}
            }
        }
    }

    fn import_from(&mut self, node: Node, scope: usize) {
        let Some(module) = node.child_by_field_name("module_name") else {
            return;
        };
        let module = self.node_text(module).to_string();
        let mut cursor = node.walk();
        let names: Vec<Node> = node.children_by_field_name("name", &mut cursor).collect();
        for name in names {
            let (attr, alias) = match name.kind() {
                "dotted_name" => (self.node_text(name).to_string(), None),
                "aliased_import" => (
                    name.child_by_field_name("name").map(|n| self.node_text(n).to_string()).unwrap_or_default(),
                    name.child_by_field_name("alias").map(|n| self.node_text(n).to_string()),
                ),
                _ => continue,
            };
            let bound = alias.unwrap_or_else(|| attr.clone());
            self.bind(scope, &bound, node.end_byte(), BindingKind::Import { module: module.clone(), attr: Some(attr) });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::document::Document;

    fn kind_at<'a>(doc: &'a Document, name: &str, marker: &str) -> Option<&'a BindingKind> {
        let at = doc.text().find(marker)?;
        doc.scopes().lookup(name, at).map(|(_, b)| &b.kind)
    }

    #[test]
    fn finds_assignments_params_loops_and_imports() {
        let src = "import bpy\nfrom bpy.types import Object as O\nobj = bpy.context.object\n\
                   def f(context, o: O):\n    for m in o.modifiers:\n        pass #A\n    obj = 1\n    #B\n\
                   #C\n";
        let doc = Document::new(src.to_string());
        assert_eq!(kind_at(&doc, "bpy", "#C"), Some(&BindingKind::Import { module: "bpy".into(), attr: None }));
        assert_eq!(
            kind_at(&doc, "O", "#C"),
            Some(&BindingKind::Import { module: "bpy.types".into(), attr: Some("Object".into()) })
        );
        assert!(matches!(kind_at(&doc, "m", "#A"), Some(BindingKind::Item(_))));
        assert!(matches!(kind_at(&doc, "o", "#A"), Some(BindingKind::Param { index: 1, annotation: Some(_), .. })));
        let at_b = src.find("#B").unwrap();
        let (_, b) = doc.scopes().lookup("obj", at_b).unwrap();
        assert_eq!(b.kind, BindingKind::Value(src.find("1\n    #B").unwrap()..src.find("1\n    #B").unwrap() + 1));
        let (_, c) = doc.scopes().lookup("obj", src.find("#C").unwrap()).unwrap();
        let v = src.find("bpy.context.object").unwrap();
        assert_eq!(c.kind, BindingKind::Value(v..v + "bpy.context.object".len()));
    }
}
