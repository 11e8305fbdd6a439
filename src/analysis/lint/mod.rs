//! Diagnostics for Blender's run-time errors, found before the code runs: unknown
//! operators, keywords, attributes, enum values, node ids and sockets, and writes to
//! read-only properties. Each has a stable code, a message that says why, and a fix
//! where one exists.
//!
//! Precision first: a diagnostic is only given where the receiver's type is certain
//! (inference that trusts only the tree) and the name exists on no subtype either.

pub mod dynamic;
mod guards;
mod indentation;
mod names;
mod python_rules;
mod syntax;

use std::collections::HashSet;
use std::ops::Range;

use tree_sitter::Node;

use super::document::Document;
use super::edit::TextEdit;
use super::infer::{COLLECTION_METHODS, Infer, Source, string_value};
use super::resolve::{Named, resolve_member};
use super::ty::Ty;
use crate::api::ApiDb;
use crate::api::model::{Prop, PropType};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    SyntaxError,
    UnknownOperator,
    UnknownKeyword,
    InvalidEnumValue,
    UnknownAttribute,
    UnknownNodeType,
    UnknownSocket,
    ReadOnlyProperty,
    WrongValueType,
    MissingArgument,
    NoNodeTree,
    UndefinedName,
    ContextOverride,
}

impl Code {
    pub const ALL: [Code; 13] = [
        Code::SyntaxError,
        Code::UnknownOperator,
        Code::UnknownKeyword,
        Code::InvalidEnumValue,
        Code::UnknownAttribute,
        Code::UnknownNodeType,
        Code::UnknownSocket,
        Code::ReadOnlyProperty,
        Code::WrongValueType,
        Code::MissingArgument,
        Code::NoNodeTree,
        Code::UndefinedName,
        Code::ContextOverride,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Code::SyntaxError => "BPY000",
            Code::UnknownOperator => "BPY001",
            Code::UnknownKeyword => "BPY002",
            Code::InvalidEnumValue => "BPY003",
            Code::UnknownAttribute => "BPY004",
            Code::UnknownNodeType => "BPY005",
            Code::UnknownSocket => "BPY006",
            Code::ReadOnlyProperty => "BPY007",
            Code::WrongValueType => "BPY008",
            Code::MissingArgument => "BPY009",
            Code::NoNodeTree => "BPY010",
            Code::UndefinedName => "BPY011",
            Code::ContextOverride => "BPY012",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Code::SyntaxError => "syntax-error",
            Code::UnknownOperator => "unknown-operator",
            Code::UnknownKeyword => "unknown-keyword",
            Code::InvalidEnumValue => "invalid-enum-value",
            Code::UnknownAttribute => "unknown-attribute",
            Code::UnknownNodeType => "unknown-node-type",
            Code::UnknownSocket => "unknown-socket",
            Code::ReadOnlyProperty => "read-only-property",
            Code::WrongValueType => "wrong-value-type",
            Code::MissingArgument => "missing-argument",
            Code::NoNodeTree => "no-node-tree",
            Code::UndefinedName => "undefined-name",
            Code::ContextOverride => "context-override",
        }
    }

    /// The code named by `s` ("BPY004" or "unknown-attribute").
    pub fn parse(s: &str) -> Option<Code> {
        Code::ALL.into_iter().find(|c| c.as_str().eq_ignore_ascii_case(s) || c.name() == s)
    }
}

/// How sure the linter is. Errors are what raises when the script runs; hints are what
/// may be wrong but depends on data the linter cannot see (the editor shows them faintly,
/// `check` does not count them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Hint,
}

/// A quick fix: edits of the document that one undo reverts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<TextEdit>,
    /// Applied by `check --fix` without review: a rename another version's database
    /// records, or the one candidate clearly nearest to a typo. Other fixes are offered in
    /// the editor only.
    pub certain: bool,
}

impl Fix {
    /// Replace `range` by `text`: one edit, certain.
    pub fn replace(title: String, range: Range<usize>, text: String) -> Fix {
        Fix { title, edits: vec![TextEdit { start: range.start, end: range.end, new_text: text }], certain: true }
    }

    /// The same, but only a guess (offered in the editor, not applied by `check --fix`).
    pub fn guess(self) -> Fix {
        Fix { certain: false, ..self }
    }

    /// The text of the first edit (what most fixes put in place of the name).
    pub fn replacement(&self) -> &str {
        self.edits.first().map_or("", |e| e.new_text.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub range: Range<usize>,
    pub code: Code,
    pub message: String,
    pub fix: Option<Fix>,
}

/// What another Blender version says about a name the target version lacks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    /// "removed in 4.1; use the Smooth by Angle modifier", "renamed to 'X' in 4.0"
    pub note: String,
    /// The name to use instead, when there is one.
    pub replacement: Option<String>,
}

/// Knowledge of other Blender versions (the version diff), asked about names that the
/// target version does not have.
pub trait VersionHints: Sync {
    fn member(&self, owner: &str, name: &str) -> Option<Hint>;
    fn enum_value(&self, owner: &str, prop: &str, value: &str) -> Option<Hint>;
    fn operator(&self, module: &str, name: &str) -> Option<Hint>;
    fn operator_param(&self, module: &str, op: &str, param: &str) -> Option<Hint>;
    fn node(&self, idname: &str) -> Option<Hint>;
    fn socket(&self, node: &str, name: &str) -> Option<Hint>;
}

/// Names that the code being checked defines itself: operators (`bl_idname = "my.op"`),
/// node types, and properties added to Blender's types (`bpy.types.Scene.my_prop = ...`).
#[derive(Debug, Default, Clone)]
pub struct Registrations {
    pub idnames: HashSet<String>,
    pub members: HashSet<String>,
}

impl Registrations {
    /// Scan one source. Call for every file of a project (an add-on spreads its
    /// registrations over several files).
    pub fn scan(&mut self, text: &str) {
        for line in text.lines() {
            let t = line.trim_start();
            if let Some(rest) = t.strip_prefix("bl_idname") {
                let value = rest.trim_start().trim_start_matches([':', '=']).trim();
                let value = value.split('=').next_back().unwrap_or(value).trim();
                let value = value.trim_matches(|c| c == '"' || c == '\'');
                if !value.is_empty() {
                    self.idnames.insert(value.to_string());
                }
            }
            // `bpy.types.Scene.my_prop = ...`, `Scene.my_prop = ...`, `cls.type.prop = PointerProperty(...)`,
            // `setattr(T, "name", ...)`.
            if let Some((target, value)) = t.split_once('=') {
                let target = target.trim();
                let value = value.trim_start();
                let is_property = value.split('(').next().is_some_and(|f| f.trim().ends_with("Property"));
                if !target.contains(['(', '[', ' '])
                    && target.contains('.')
                    && !value.starts_with('=')
                    && let Some((owner, name)) = target.rsplit_once('.')
                {
                    let owner_last = owner.rsplit('.').next().unwrap_or(owner);
                    if is_property || owner_last.starts_with(|c: char| c.is_ascii_uppercase()) {
                        self.members.insert(name.to_string());
                    }
                }
            }
            // `setattr(bpy.types.Scene, "name", Prop(...))` registers; `setattr(obj, "name", v)`
            // on a value sets an attribute that must already exist, so it registers nothing.
            if let Some(rest) = t.strip_prefix("setattr(")
                && let Some((owner, rest)) = rest.split_once(',')
                && let Some(name) = rest.split(',').next()
            {
                let owner_last = owner.trim().rsplit('.').next().unwrap_or("");
                let value = rest.split_once(',').map_or("", |(_, v)| v);
                let is_property = value.split('(').next().is_some_and(|f| f.trim().ends_with("Property"));
                if is_property || owner_last.starts_with(|c: char| c.is_ascii_uppercase()) {
                    self.members.insert(name.trim().trim_matches(|c| c == '"' || c == '\'').to_string());
                }
            }
        }
    }

    pub fn of(text: &str) -> Registrations {
        let mut r = Registrations::default();
        r.scan(text);
        r
    }
}

/// From this size on, `Linter::lint` uses two threads (a 1 MB script lints in about 0.4 s).
const TWO_THREADS_FROM_BYTES: usize = 256 * 1024;

pub struct Linter<'a> {
    db: &'a ApiDb,
    hints: Option<&'a dyn VersionHints>,
    registered: &'a Registrations,
}

impl<'a> Linter<'a> {
    pub fn new(db: &'a ApiDb, registered: &'a Registrations, hints: Option<&'a dyn VersionHints>) -> Linter<'a> {
        Linter { db, hints, registered }
    }

    pub fn lint(&self, doc: &Document) -> Vec<Diagnostic> {
        let Some(tree) = doc.tree() else { return Vec::new() };
        let root = tree.root_node();
        let text = doc.text();
        let mut out = if text.len() < TWO_THREADS_FROM_BYTES {
            let mut out = self.walk(doc, &[root]);
            out.extend(names::undefined_names(root, text));
            out
        } else {
            // A large document is linted on two threads: the statements in two halves, the
            // undefined-name pass first on the second thread while the first one builds
            // the scopes. The findings are sorted below, so they do not depend on the split.
            let statements: Vec<Node> = root.named_children(&mut root.walk()).collect();
            let half = statements.partition_point(|n| n.start_byte() < text.len() / 2);
            let (first, second) = statements.split_at(half);
            std::thread::scope(|scope| {
                let other = scope.spawn(|| {
                    let mut out = names::undefined_names(root, text);
                    out.extend(self.walk(doc, second));
                    out
                });
                let mut out = self.walk(doc, first);
                match other.join() {
                    Ok(more) => out.extend(more),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
                out
            })
        };
        out.extend(syntax::first_error(root, text));
        let target = crate::api::diff::parse_version(&self.db.version);
        let guards = guards::Guards::new(root, text, target);
        out.retain(|d| !guards.is_guarded(d));
        out.sort_by_key(|d| (d.range.start, d.code));
        out.dedup_by(|a, b| a.range == b.range && a.code == b.code);
        out
    }

    /// The rules that look at one node, over every node under `roots`.
    fn walk(&self, doc: &Document, roots: &[Node]) -> Vec<Diagnostic> {
        NODE_TREE_USES.with(|cache| cache.borrow_mut().clear());
        let infer = Infer::strict(self.db, doc);
        let src = Source { text: doc.text(), lookup_at: None };
        let mut out = Vec::new();
        let mut stack = roots.to_vec();
        let mut cursor = match roots.first() {
            Some(root) => root.walk(),
            None => return out,
        };
        while let Some(node) = stack.pop() {
            match node.kind() {
                "call" => self.call(&infer, src, node, &mut out),
                "attribute" => self.attribute(&infer, src, node, &mut out),
                "assignment" => self.assignment(&infer, src, node, &mut out),
                "comparison_operator" => self.comparison(&infer, src, node, &mut out),
                "subscript" => self.subscript(&infer, src, node, &mut out),
                "print_statement" | "exec_statement" => out.extend(syntax::python2_statement(node)),
                _ => {}
            }
            cursor.reset(node);
            stack.extend(node.named_children(&mut cursor));
        }
        out
    }

    fn text<'s>(&self, src: Source<'s>, node: Node) -> &'s str {
        src.text.get(node.start_byte()..node.end_byte()).unwrap_or("")
    }

    /// `bpy.ops.<module>.<name>(...)`, RNA function calls, `nodes.new("...")`.
    fn call(&self, infer: &Infer, src: Source, node: Node, out: &mut Vec<Diagnostic>) {
        let Some(func) = node.child_by_field_name("function") else { return };
        let Some(args) = node.child_by_field_name("arguments") else { return };
        if func.kind() != "attribute" {
            return;
        }
        let (Some(object), Some(attr)) = (func.child_by_field_name("object"), func.child_by_field_name("attribute"))
        else {
            return;
        };
        let receiver = infer.expr(object, src);
        let name = self.text(src, attr);
        if matches!(receiver, Ty::OpModule(_)) {
            self.context_override(src, node, args, out);
        }
        match resolve_member(infer, &receiver, name) {
            Some(Named::Operator(op)) => {
                let params = &op.params;
                let callee = format!("bpy.ops.{}.{}", op.module, op.name);
                self.keywords(src, args, params, &callee, "operator", out, |h, k| {
                    h.operator_param(&op.module, &op.name, k)
                });
            }
            Some(Named::Func { owner, func: f, .. }) => {
                let callee = format!("{owner}.{}", f.name);
                self.keywords(src, args, &f.params, &callee, "function", out, |h, k| h.member(&owner, k));
                self.positional_enums(src, args, &f.params, out);
                missing_arguments(src, args, &f.params, &callee, out);
                if owner == "Nodes" && f.name == "new" {
                    self.node_type_argument(src, args, out);
                }
                if f.returns.first().and_then(|r| r.fixed_type.as_deref()) == Some("NodeTree") {
                    self.tree_type_argument(src, args, f.params.iter().position(|p| p.name == "type"), out);
                }
            }
            // Functions written in C with documented parameter types: a string or float
            // where an int is expected (`Matrix.Rotation(angle, 'Z')` misses the size).
            Some(Named::PyMember { module, class, member })
                if module == "mathutils" || module.starts_with("mathutils.") =>
            {
                let callee = match &class {
                    Some(c) => format!("{c}.{}", member.name),
                    None => format!("{module}.{}", member.name),
                };
                mathutils_arguments(args, member, &callee, out);
            }
            // Methods written in Python (`Mesh.from_pydata`) have documented parameters.
            Some(Named::PyMember { module, class: Some(class), member }) if module == "bpy.types" => {
                let names: Vec<&str> = member.params.iter().map(|p| p.name.as_str()).collect();
                if names.is_empty() || names.iter().any(|n| n.starts_with('*')) {
                    return;
                }
                let mut cursor = args.walk();
                for arg in args.named_children(&mut cursor).filter(|a| a.kind() == "keyword_argument") {
                    let Some(name_node) = arg.child_by_field_name("name") else { continue };
                    let name = self.text(src, name_node);
                    if names.contains(&name) {
                        continue;
                    }
                    let mut message = format!("{class}.{}() has no keyword '{name}'", member.name);
                    let fix = closest(name, names.iter().copied()).map(|best| {
                        message.push_str(&format!("; did you mean '{best}'?"));
                        typo_fix(range(name_node), name, best, names.iter().copied())
                    });
                    if fix.is_none() {
                        message.push_str(&format!("; the function takes: {}", names.join(", ")));
                    }
                    out.push(Diagnostic {
                        severity: Severity::Error,
                        range: range(name_node),
                        code: Code::UnknownKeyword,
                        message,
                        fix,
                    });
                }
            }
            _ => {}
        }
    }

    /// BPY012: `bpy.ops.object.delete({"selected_objects": objs})`. Blender 4.0 removed the
    /// context dict as the first positional argument of an operator ("1-2 args execution
    /// context is supported"); `with bpy.context.temp_override(selected_objects=objs):` replaces
    /// it. The fix is certain for a literal dict with string keys, in a call that is a
    /// statement of its own on its own line.
    fn context_override(&self, src: Source, call: Node, args: Node, out: &mut Vec<Diagnostic>) {
        if crate::api::diff::parse_version(&self.db.version).is_none_or(|v| v < (4, 0))
            || args.kind() != "argument_list"
        {
            return;
        }
        let mut c = args.walk();
        let given: Vec<Node> = args.named_children(&mut c).filter(|a| a.kind() != "comment").collect();
        let Some(&first) = given.first().filter(|a| a.kind() != "keyword_argument") else { return };
        let literal = first.kind() == "dictionary";
        if !literal && !is_dict_value(src, first) {
            return;
        }
        let callee = self.text(src, call.child_by_field_name("function").unwrap_or(call));
        let message = format!(
            "{callee}(): a context override dict as the first argument was removed in Blender 4.0 \
             (ValueError: 1-2 args execution context is supported); \
             use `with bpy.context.temp_override(...):` around the call"
        );
        let fix = if literal { temp_override_fix(src, call, args, &given, callee) } else { None };
        out.push(Diagnostic {
            severity: Severity::Error,
            range: call.start_byte()..first.end_byte(),
            code: Code::ContextOverride,
            message,
            fix,
        });
    }

    /// Keyword arguments: unknown names, and enum values.
    #[allow(clippy::too_many_arguments)]
    fn keywords(
        &self,
        src: Source,
        args: Node,
        params: &[Prop],
        callee: &str,
        what: &str,
        out: &mut Vec<Diagnostic>,
        hint: impl Fn(&dyn VersionHints, &str) -> Option<Hint>,
    ) {
        let mut cursor = args.walk();
        for arg in args.named_children(&mut cursor) {
            if arg.kind() != "keyword_argument" {
                continue;
            }
            let (Some(name_node), Some(value)) = (arg.child_by_field_name("name"), arg.child_by_field_name("value"))
            else {
                continue;
            };
            let name = self.text(src, name_node);
            match params.iter().find(|p| p.name == name) {
                Some(p) => {
                    self.enum_value(src, value, p, Some(callee), out);
                    if let Some(d) = value_type(src, value, p, &format!("{callee}(): {name}")) {
                        out.push(d);
                    }
                }
                None => {
                    let names: Vec<&str> = params.iter().map(|p| p.name.as_str()).collect();
                    let mut message = format!("{callee}() has no keyword '{name}'");
                    let mut fix = None;
                    let version = self.hints.and_then(|h| hint(h, name));
                    if let Some(h) = &version {
                        message.push_str(&format!(" ({})", h.note));
                        if let Some(r) = h.replacement.as_ref().filter(|r| names.contains(&r.as_str())) {
                            fix = Some(rename_fix(name_node, r));
                        }
                    }
                    if fix.is_none() {
                        if let Some(best) = closest(name, names.iter().copied()) {
                            message.push_str(&format!("; did you mean '{best}'?"));
                            fix = Some(typo_fix(range(name_node), name, best, names.iter().copied()));
                        } else if !names.is_empty() && names.len() <= 12 {
                            message.push_str(&format!("; the {what} takes: {}", names.join(", ")));
                        }
                    }
                    out.push(Diagnostic {
                        severity: Severity::Error,
                        range: range(name_node),
                        code: Code::UnknownKeyword,
                        message,
                        fix,
                    });
                }
            }
        }
    }

    /// Positional string arguments of RNA functions whose parameter is an enum.
    fn positional_enums(&self, src: Source, args: Node, params: &[Prop], out: &mut Vec<Diagnostic>) {
        let mut cursor = args.walk();
        let positional = args.named_children(&mut cursor).filter(|a| a.kind() != "keyword_argument");
        for (arg, p) in positional.zip(params.iter()) {
            self.enum_value(src, arg, p, None, out);
        }
    }

    /// A string (or set of strings) given where an enum is expected; `callee` is the
    /// function or operator the value is an argument of.
    fn enum_value(&self, src: Source, value: Node, p: &Prop, callee: Option<&str>, out: &mut Vec<Diagnostic>) {
        if p.ty != PropType::Enum || !has_static_items(p) {
            return;
        }
        let strings: Vec<Node> = match value.kind() {
            "string" => vec![value],
            "set" | "list" | "tuple" if p.enum_flag => {
                let mut c = value.walk();
                value.named_children(&mut c).filter(|n| n.kind() == "string").collect()
            }
            _ => return,
        };
        for s in strings {
            let Some(v) = string_value(s, src.text) else { continue };
            if p.enum_items.iter().any(|e| e.identifier() == v) {
                continue;
            }
            let key = callee.map(|c| format!("{c}({})", p.name));
            out.extend(self.bad_enum(s, &v, p, None, key.as_deref(), callee));
        }
    }

    /// `value` is none of the static items of `p` (of `owner`, when known). None when the
    /// enum's values depend on the data and `value` is one real Blender accepted; a hint when
    /// they depend on the data and nothing says `value` is wrong.
    fn bad_enum(
        &self,
        string: Node,
        value: &str,
        p: &Prop,
        owner: Option<&str>,
        dynamic_key: Option<&str>,
        callee: Option<&str>,
    ) -> Option<Diagnostic> {
        let dynamic = dynamic::for_version(&self.db.version);
        let key = dynamic_key.map(String::from).or_else(|| owner.map(|o| format!("{o}.{}", p.name)));
        let extra = key.as_deref().and_then(|k| dynamic.enum_extra(k));
        if extra.is_some_and(|e| e.contains(value)) {
            return None;
        }
        let mut ids: Vec<&str> = p.enum_items.iter().map(|e| e.identifier()).collect();
        let static_count = ids.len();
        if let Some(extra) = extra {
            let mut more: Vec<&str> = extra.iter().map(String::as_str).collect();
            more.sort_unstable();
            more.retain(|m| !ids.contains(m));
            ids.extend(more);
        }
        let mut message = format!("'{value}' is not a valid {}", enum_noun(p, owner, callee));
        let content = inner_range(string);
        let mut fix = None;
        let mut known_wrong = false;
        if let (Some(h), Some(owner)) = (self.hints, owner)
            && let Some(hint) = h.enum_value(owner, &p.name, value)
        {
            known_wrong = true;
            message.push_str(&format!(" ({})", hint.note));
            if let Some(r) = hint.replacement.filter(|r| ids[..static_count].contains(&r.as_str())) {
                fix = Some(Fix::replace(format!("Replace with '{r}'"), content.clone(), r));
            }
        }
        let nearest = nearest(value, ids.iter().copied());
        if fix.is_none()
            && let Some(best) = closest(value, ids.iter().copied())
        {
            message.push_str(&format!("; did you mean '{best}'?"));
            let f = Fix::replace(format!("Replace with '{best}'"), content.clone(), best.to_string());
            fix = Some(if is_clear_typo(value, best, &nearest) { f } else { f.guess() });
        }
        let shown: Vec<String> = nearest.iter().take(8).map(|(_, i)| format!("'{i}'")).collect();
        let label = if ids.len() > shown.len() {
            format!("Nearest valid values ({} in all)", ids.len())
        } else {
            "Valid values".to_string()
        };
        if !message.ends_with('?') {
            message.push('.');
        }
        message.push_str(&format!(" {label}: {}", shown.join(", ")));
        // Values that depend on the data: unless another version says this one is wrong,
        // only a hint.
        let severity = if extra.is_some() && !known_wrong { Severity::Hint } else { Severity::Error };
        if severity == Severity::Hint {
            fix = fix.map(Fix::guess);
        }
        Some(Diagnostic { severity, range: range(string), code: Code::InvalidEnumValue, message, fix })
    }

    /// `bpy.data.node_groups.new(name, type)`: the database holds only a placeholder for
    /// this run-time enum; the node tree types are the subtypes of NodeTree.
    fn tree_type_argument(&self, src: Source, args: Node, position: Option<usize>, out: &mut Vec<Diagnostic>) {
        let Some(arg) = super::infer::argument(args, src.text, "type", position.unwrap_or(1)) else { return };
        let Some(id) = string_value(arg, src.text) else { return };
        let trees: Vec<&str> = self.db.descendants("NodeTree").iter().map(|s| s.name.as_str()).collect();
        if trees.contains(&id.as_str()) || self.registered.idnames.contains(&id) {
            return;
        }
        let mut message = format!("'{id}' is not a node tree type");
        let typo = closest(&id, trees.iter().copied());
        // `'Shader'`, `'GeometryNodes'`: the first word of one tree type only (each kind of tree
        // has its own), the one meant whatever the distance.
        let first_word = |s: &str| words(s).first().map(|w| w.to_lowercase());
        let starting: Vec<&str> =
            trees.iter().copied().filter(|t| first_word(t).is_some() && first_word(t) == first_word(&id)).collect();
        let fix = match (typo, &starting[..]) {
            (_, [only]) if id.chars().count() >= 3 => {
                Some(Fix::replace(format!("Replace with '{only}'"), inner_range(arg), only.to_string()))
            }
            (Some(b), _) => Some(typo_fix(inner_range(arg), &id, b, trees.iter().copied())),
            (None, [first, ..]) => {
                Some(Fix::replace(format!("Replace with '{first}'"), inner_range(arg), first.to_string()).guess())
            }
            (None, []) => None,
        };
        if let Some(f) = &fix {
            message.push_str(&format!("; did you mean '{}'?", f.replacement()));
        }
        let mut sorted = trees.clone();
        sorted.sort();
        let stop = if message.ends_with('?') { "" } else { "." };
        message.push_str(&format!(
            "{stop} Valid values: {}",
            sorted.iter().map(|t| format!("'{t}'")).collect::<Vec<_>>().join(", ")
        ));
        out.push(Diagnostic {
            severity: Severity::Error,
            range: range(arg),
            code: Code::InvalidEnumValue,
            message,
            fix,
        });
    }

    fn node_type_argument(&self, src: Source, args: Node, out: &mut Vec<Diagnostic>) {
        let Some(arg) = super::infer::argument(args, src.text, "type", 0) else { return };
        let Some(id) = string_value(arg, src.text) else { return };
        if self.db.node(&id).is_some() || self.registered.idnames.contains(&id) {
            return;
        }
        if self.db.struct_(&id).is_some_and(|_| self.db.is_subtype(&id, "Node")) {
            return;
        }
        // An old id Blender still accepts (nodes.new("ShaderNodeBsdfGlossy") makes the
        // Glossy node under its new id).
        if dynamic::for_version(&self.db.version).node_alias(&id).is_some() {
            return;
        }
        let mut message = format!("'{id}' is not a node type");
        let mut fix = None;
        let hint = self.hints.and_then(|h| h.node(&id));
        if let Some(h) = &hint {
            message.push_str(&format!(" ({})", h.note));
            if let Some(r) = h.replacement.as_ref().filter(|r| self.db.node(r).is_some()) {
                fix = Some(Fix::replace(format!("Replace with '{r}'"), inner_range(arg), r.clone()));
            }
        }
        let ids = || self.db.nodes().iter().map(|n| n.idname.as_str());
        if fix.is_none()
            && let Some(best) = closest(&id, ids())
        {
            message.push_str(&format!("; did you mean '{best}'?"));
            fix = Some(typo_fix(inner_range(arg), &id, best, ids()));
        }
        out.push(Diagnostic {
            severity: Severity::Error,
            range: range(arg),
            code: Code::UnknownNodeType,
            message,
            fix,
        });
    }

    /// `value.attr` where the type of `value` is certain and no subtype has `attr`.
    fn attribute(&self, infer: &Infer, src: Source, node: Node, out: &mut Vec<Diagnostic>) {
        let (Some(object), Some(attr)) = (node.child_by_field_name("object"), node.child_by_field_name("attribute"))
        else {
            return;
        };
        let name = self.text(src, attr);
        if name == "node_tree" {
            self.new_without_node_tree(src, node, object, attr, out);
        }
        if name.starts_with("__") || self.registered.members.contains(name) {
            return;
        }
        // The guard walks up the tree (slow in tree-sitter): only once something is found.
        let found = out.len();
        self.unknown_attribute(infer, src, object, attr, name, out);
        if out.len() > found && is_guarded(node, src.text, name) {
            out.truncate(found);
        }
    }

    /// BPY001/BPY004: `name` is no operator module, operator or member of what
    /// `object` is.
    fn unknown_attribute(
        &self,
        infer: &Infer,
        src: Source,
        object: Node,
        attr: Node,
        name: &str,
        out: &mut Vec<Diagnostic>,
    ) {
        // Operator and operator module names.
        let receiver = infer.expr(object, src);
        match &receiver {
            Ty::Module(m) if m == "bpy.ops" => {
                if self.db.operator_modules().any(|x| x == name) || self.registered_op_module(name) {
                    return;
                }
                let modules: Vec<&str> = self.db.operator_modules().collect();
                let best = closest(name, modules.iter().copied()).map(|b| (b, &modules[..]));
                out.push(self.unknown_op(attr, name, format!("bpy.ops has no operator module '{name}'"), best, None));
            }
            Ty::OpModule(m) => {
                if self.db.operator(m, name).is_some() || self.registered.idnames.contains(&format!("{m}.{name}")) {
                    return;
                }
                let hint = self.hints.and_then(|h| h.operator(m, name));
                let ops = self.db.operators_in(m);
                let names: Vec<&str> = ops.iter().map(|o| o.name.as_str()).collect();
                let best = closest(name, names.iter().copied()).map(|b| (b, &names[..]));
                out.push(self.unknown_op(attr, name, format!("bpy.ops.{m} has no operator '{name}'"), best, hint));
            }
            Ty::Struct(s) => {
                if object.kind() == "identifier" && matches!(self.text(src, object), "self" | "cls") {
                    return; // user classes add their own attributes
                }
                if matches!(name, "bl_rna" | "rna_type" | "id_data") || self.has_member_somewhere(s, name) {
                    return;
                }
                // RNA's "any type" (`ShapeKey.data` holds points, bezier points or curve points
                // depending on the key's owner): nothing is known about its members.
                if matches!(s.as_str(), "UnknownType" | "AnyType") {
                    return;
                }
                // Python node trees add their own members, but none adds `inputs.new`: that is
                // a node group of Blender before 4.0 (`bpy.data.node_groups["G"].inputs.new`).
                let group_socket_call = s == "NodeTree"
                    && matches!(name, "inputs" | "outputs")
                    && new_socket_rewrite(src, attr, name).is_some();
                if self.is_extensible(s) && !group_socket_call {
                    return;
                }
                // The context's members depend on the editor: only flag likely typos.
                if s == "Context" && closest(name, self.db.context_members().iter().map(|p| p.name.as_str())).is_none()
                {
                    return;
                }
                let mut message = format!("'{s}' has no attribute '{name}'");
                let mut fix = None;
                // A name another version had is no typo: its note says what to do instead.
                let mut noted = false;
                if let Some(h) = self.hints.and_then(|h| h.member(s, name)) {
                    noted = true;
                    message.push_str(&format!(" ({})", h.note));
                    if let Some(r) = h.replacement.filter(|r| self.db.member(s, r).is_some()) {
                        // A node group's `inputs`/`outputs` became its `interface`, with other
                        // methods: only `inputs.new(type, name)` has a mechanical rewrite.
                        let group_sockets = matches!(name, "inputs" | "outputs")
                            && r == "interface"
                            && (s == "NodeTree" || self.db.is_subtype(s, "NodeTree"));
                        fix = Some(if group_sockets {
                            new_socket_rewrite(src, attr, name).unwrap_or_else(|| rename_fix(attr, &r).guess())
                        } else {
                            rename_fix(attr, &r)
                        });
                    }
                } else if let Some(hints) = self.hints {
                    // The value may be of a subtype that had the member (`obj.data` is an ID,
                    // and Mesh.use_auto_smooth was removed in 4.1): name the types that had it.
                    let mut had: Vec<(String, Hint)> = self
                        .db
                        .descendants(s)
                        .iter()
                        .filter_map(|d| hints.member(&d.name, name).map(|h| (d.name.clone(), h)))
                        .collect();
                    had.sort_by(|a, b| a.0.cmp(&b.0));
                    if let Some((first, h)) = had.first() {
                        let others: Vec<&str> = had.iter().skip(1).take(3).map(|(t, _)| t.as_str()).collect();
                        let also =
                            if others.is_empty() { String::new() } else { format!(", also {}", others.join(", ")) };
                        message.push_str(&format!(" ({first}.{name}: {}{also})", h.note));
                        noted = true;
                    }
                }
                if fix.is_none() && !noted {
                    let members = self.db.members(s);
                    let extra = if s == "Context" { self.db.context_members() } else { &[] };
                    let names = || members.iter().map(|m| m.name()).chain(extra.iter().map(|p| p.name.as_str()));
                    if let Some(best) = closest(name, names()) {
                        message.push_str(&format!("; did you mean '{best}'?"));
                        fix = Some(typo_fix(range(attr), name, best, names()));
                    }
                }
                out.push(Diagnostic {
                    severity: Severity::Error,
                    range: range(attr),
                    code: Code::UnknownAttribute,
                    message,
                    fix,
                });
            }
            // Without a wrapper struct this may be a Python list or an ID property collection.
            Ty::Collection { item, wrapper: wrapper @ Some(_), .. } => {
                let on_wrapper = wrapper.as_deref().is_some_and(|w| self.has_member_somewhere(w, name));
                let generic = COLLECTION_METHODS.iter().any(|(n, _)| *n == name)
                    || self.db.class_member("bpy.types", "bpy_prop_collection", name).is_some();
                if on_wrapper || generic {
                    return;
                }
                let message = format!("a collection of {item} has no attribute '{name}'");
                out.push(Diagnostic {
                    severity: Severity::Error,
                    range: range(attr),
                    code: Code::UnknownAttribute,
                    message,
                    fix: None,
                });
            }
            _ => {}
        }
    }

    /// `mat.node_tree.nodes` right after `mat = bpy.data.materials.new(...)` (BPY010): before
    /// Blender 5.0 a new material or world has no node tree until `use_nodes` is set, so
    /// `node_tree` is None. Only where nothing between the two can have set it: `mat` is bound
    /// once, at the top level of the same scope, and only its other attributes are used in
    /// between.
    fn new_without_node_tree(&self, src: Source, node: Node, object: Node, attr: Node, out: &mut Vec<Diagnostic>) {
        if crate::api::diff::parse_version(&self.db.version).is_none_or(|v| v >= (5, 0)) {
            return;
        }
        // `x.node_tree.nodes`, `x.node_tree["..."]`: a use of the value, which None fails.
        let Some(parent) = node.parent() else { return };
        let used = match parent.kind() {
            "attribute" => parent.child_by_field_name("object") == Some(node),
            "subscript" => parent.child_by_field_name("value") == Some(node),
            _ => false,
        };
        if !used || object.kind() != "identifier" {
            return;
        }
        let var = self.text(src, object);
        let mut scope = node;
        while let Some(p) = scope.parent() {
            scope = p;
            if matches!(scope.kind(), "function_definition" | "module" | "class_definition" | "lambda") {
                break;
            }
        }
        let block = match scope.kind() {
            "function_definition" => match scope.child_by_field_name("body") {
                Some(b) => b,
                None => return,
            },
            "module" => scope,
            _ => return,
        };
        if scope.kind() == "function_definition" {
            let params = scope.child_by_field_name("parameters");
            if params.is_some_and(|p| self.text(src, p).contains(var)) {
                return;
            }
        }
        // The binding: a statement of the block itself, before the use. What the block holds
        // is gathered once per block and name (see `BlockUses`).
        let uses = NODE_TREE_USES
            .with(|cache| cache.borrow_mut().entry(block.id()).or_insert_with(|| BlockUses::of(block, src)).clone());
        let Some(&(binding_end, kind)) = uses.bindings.get(var).filter(|(end, _)| *end <= node.start_byte()) else {
            return;
        };
        // In between (and in the rest of the scope before the use), `var` only as the receiver
        // of other attributes: not passed on, rebound, or given `use_nodes` or checked.
        let others = uses.others.get(var).map_or(&[][..], |o| &o[..]);
        let lo = others.partition_point(|&at| at < binding_end);
        let hi = others.partition_point(|&at| at < node.end_byte());
        if others.get(lo..hi).unwrap_or(&[]).iter().any(|&at| at != object.start_byte()) {
            return;
        }
        let message = format!(
            "{var}.node_tree is None: a new {kind} has no node tree until use_nodes is set (before Blender 5.0); \
             set {var}.use_nodes = True first"
        );
        out.push(Diagnostic {
            severity: Severity::Error,
            range: range(attr),
            code: Code::NoNodeTree,
            message,
            fix: None,
        });
    }

    /// Types that Python classes extend with their own properties (property groups, the
    /// properties of add-on operators, gizmos, ...): their members are not all known.
    fn is_extensible(&self, s: &str) -> bool {
        const EXTENSIBLE: &[&str] = &[
            "PropertyGroup",
            "AddonPreferences",
            "OperatorProperties",
            "Operator",
            "Macro",
            "Panel",
            "Menu",
            "Header",
            "UIList",
            "Gizmo",
            "GizmoGroup",
            "RenderEngine",
            "KeyingSetInfo",
            "AssetShelf",
            "FileHandler",
            "Node",
            "NodeTree",
            "NodeSocket",
            "NodeTreeInterfaceSocket",
        ];
        EXTENSIBLE.contains(&s) || ["PropertyGroup", "AddonPreferences"].iter().any(|b| self.db.is_subtype(s, b))
    }

    fn registered_op_module(&self, module: &str) -> bool {
        self.registered.idnames.iter().any(|id| id.split_once('.').is_some_and(|(m, _)| m == module))
    }

    /// `best`: the closest operator (or module) name, with all the names it was chosen from.
    fn unknown_op(
        &self,
        attr: Node,
        name: &str,
        mut message: String,
        best: Option<(&str, &[&str])>,
        hint: Option<Hint>,
    ) -> Diagnostic {
        let mut fix = None;
        if let Some(h) = hint {
            message.push_str(&format!(" ({})", h.note));
            if let Some(r) = h.replacement {
                fix = Some(rename_fix(attr, &r));
            }
        }
        if fix.is_none()
            && let Some((best, names)) = best
        {
            message.push_str(&format!("; did you mean '{best}'?"));
            // `primitive_uv_sphere` for `primitive_uv_sphere_add`: the one mistake of that shape.
            fix = Some(if best.strip_suffix("_add") == Some(name) {
                Fix::replace(format!("Replace with '{best}'"), range(attr), best.to_string())
            } else {
                typo_fix(range(attr), name, best, names.iter().copied())
            });
        }
        Diagnostic { severity: Severity::Error, range: range(attr), code: Code::UnknownOperator, message, fix }
    }

    /// On the struct, a base, a subtype (the value may be one), or as a context member.
    fn has_member_somewhere(&self, s: &str, name: &str) -> bool {
        if s == "Context" && self.db.context_member(name).is_some() {
            return true;
        }
        if self.db.member(s, name).is_some() {
            return true;
        }
        self.db.descendants(s).iter().any(|d| {
            d.properties.iter().any(|p| p.name == name)
                || d.functions.iter().any(|f| f.name == name)
                || d.py_members.iter().any(|m| m.name == name)
        })
    }

    /// `x.prop = value`: read-only properties, and enum values.
    fn assignment(&self, infer: &Infer, src: Source, node: Node, out: &mut Vec<Diagnostic>) {
        let (Some(left), Some(right)) = (node.child_by_field_name("left"), node.child_by_field_name("right")) else {
            return;
        };
        if left.kind() != "attribute" {
            return;
        }
        // `bpy.types.Scene.my_prop = PointerProperty(...)` registers; it does not assign.
        if let Some(object) = left.child_by_field_name("object")
            && matches!(infer.expr(object, src), Ty::StructClass(_) | Ty::Module(_))
        {
            return;
        }
        let Some((named, attr)) = self.resolve_attribute(infer, src, left) else { return };
        if let Named::ContextMember(p) = named {
            // Every member of bpy.context is read-only.
            let message = format!("bpy.context.{} is read-only; set the data it points to instead", p.name);
            out.push(Diagnostic {
                severity: Severity::Error,
                range: range(attr),
                code: Code::ReadOnlyProperty,
                message,
                fix: None,
            });
            return;
        }
        let Named::Prop { owner, prop, .. } = named else { return };
        if prop.readonly {
            // Collections and pointers to structs are read-only as a whole but their
            // contents are not; only the assignment itself fails.
            let message = format!("{owner}.{} is read-only", prop.name);
            out.push(Diagnostic {
                severity: Severity::Error,
                range: range(attr),
                code: Code::ReadOnlyProperty,
                message,
                fix: None,
            });
        } else if !self.registered.members.contains(&prop.name)
            && let Some(d) = value_type(src, right, prop, &format!("{owner}.{}", prop.name))
        {
            out.push(d);
        }
        if right.kind() == "string"
            && let Some(v) = string_value(right, src.text)
            && prop.ty == PropType::Enum
            && has_static_items(prop)
            && !prop.enum_items.iter().any(|e| e.identifier() == v)
        {
            out.extend(self.bad_enum(right, &v, prop, Some(&owner), None, None));
        }
    }

    /// `x.prop == 'VALUE'`, `x.prop in {'A', 'B'}`
    fn comparison(&self, infer: &Infer, src: Source, node: Node, out: &mut Vec<Diagnostic>) {
        let mut cursor = node.walk();
        let operands: Vec<Node> = node.named_children(&mut cursor).collect();
        let [left, right] = operands[..] else { return };
        if left.kind() != "attribute" {
            return;
        }
        let op_text = src.text.get(left.end_byte()..right.start_byte()).unwrap_or("").trim();
        if !matches!(op_text, "==" | "!=" | "in" | "not in") {
            return;
        }
        let Some((Named::Prop { owner, prop, .. }, _)) = self.resolve_attribute(infer, src, left) else { return };
        if prop.ty != PropType::Enum || !has_static_items(prop) {
            return;
        }
        let strings: Vec<Node> = match right.kind() {
            "string" if matches!(op_text, "==" | "!=") => vec![right],
            "set" | "list" | "tuple" if op_text.ends_with("in") => {
                let mut c = right.walk();
                right.named_children(&mut c).filter(|n| n.kind() == "string").collect()
            }
            _ => return,
        };
        for s in strings {
            let Some(v) = string_value(s, src.text) else { continue };
            if !prop.enum_items.iter().any(|e| e.identifier() == v) {
                out.extend(self.bad_enum(s, &v, prop, Some(&owner), None, None));
            }
        }
    }

    /// `node.inputs["Name"]` on a node of known type.
    fn subscript(&self, infer: &Infer, src: Source, node: Node, out: &mut Vec<Diagnostic>) {
        let (Some(value), Some(key)) = (node.child_by_field_name("value"), node.child_by_field_name("subscript"))
        else {
            return;
        };
        let Some(name) = string_value(key, src.text) else { return };
        let Ty::Collection { item, wrapper, owner: Some(owner) } = infer.expr(value, src) else { return };
        if item != "NodeSocket" {
            return;
        }
        let Some(n) = self.db.node(&owner) else { return };
        let outputs = wrapper.as_deref() == Some("NodeOutputs");
        let sockets = if outputs { &n.outputs } else { &n.inputs };
        // Group nodes and group inputs/outputs get their sockets from the group.
        if sockets.is_empty() || owner.ends_with("Group") || owner.starts_with("NodeGroup") {
            return;
        }
        if sockets.iter().any(|s| s.name == name || s.identifier == name) {
            return;
        }
        let side = if outputs { "outputs" } else { "inputs" };
        let mut message = format!("{} ({owner}) has no {side} socket '{name}'", n.label);
        let mut fix = None;
        if let Some(h) = self.hints.and_then(|h| h.socket(&owner, &name)) {
            message.push_str(&format!(" ({})", h.note));
            if let Some(r) = h.replacement.filter(|r| sockets.iter().any(|s| &s.name == r)) {
                fix = Some(Fix::replace(format!("Replace with '{r}'"), inner_range(key), r));
            }
        }
        if fix.is_none()
            && let Some(best) = closest(&name, sockets.iter().map(|s| s.name.as_str()))
        {
            message.push_str(&format!("; did you mean '{best}'?"));
            fix = Some(typo_fix(inner_range(key), &name, best, sockets.iter().map(|s| s.name.as_str())));
        }
        out.push(Diagnostic { severity: Severity::Error, range: range(key), code: Code::UnknownSocket, message, fix });
    }

    fn resolve_attribute<'n>(&self, infer: &Infer<'a>, src: Source, node: Node<'n>) -> Option<(Named<'a>, Node<'n>)> {
        let object = node.child_by_field_name("object")?;
        let attr = node.child_by_field_name("attribute")?;
        let receiver = infer.expr(object, src);
        Some((resolve_member(infer, &receiver, self.text(src, attr))?, attr))
    }
}

/// What a literal value is, as far as the syntax shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Literal {
    Int,
    Float,
    Str,
    Bool,
    /// A tuple or list display of this many items (no `*x`).
    Seq(usize),
}

fn literal(node: Node) -> Option<Literal> {
    // Signs and brackets are unwrapped in a loop, not by recursion: `----...1` nests as deep
    // as it is long.
    let mut node = node;
    let mut signed = false;
    loop {
        match node.kind() {
            "unary_operator" => {
                node = node.child_by_field_name("argument")?;
                signed = true;
            }
            "parenthesized_expression" => {
                let mut c = node.walk();
                let inner: Vec<Node> = node.named_children(&mut c).filter(|n| n.kind() != "comment").collect();
                match inner[..] {
                    [one] => node = one,
                    _ => return None,
                }
            }
            _ => break,
        }
    }
    let lit = match node.kind() {
        "integer" => Literal::Int,
        "float" => Literal::Float,
        "string" | "concatenated_string" => Literal::Str,
        "true" | "false" => Literal::Bool,
        "tuple" | "list" | "expression_list" => {
            let mut c = node.walk();
            let items: Vec<Node> = node.named_children(&mut c).filter(|n| n.kind() != "comment").collect();
            if items.iter().any(|n| n.kind().contains("splat") || n.kind() == "yield") {
                return None;
            }
            Literal::Seq(items.len())
        }
        _ => return None,
    };
    (!signed || matches!(lit, Literal::Int | Literal::Float)).then_some(lit)
}

fn describe(l: Literal) -> String {
    match l {
        Literal::Int => "an int".into(),
        Literal::Float => "a float".into(),
        Literal::Str => "a string".into(),
        Literal::Bool => "a bool".into(),
        Literal::Seq(n) => format!("a sequence of {n}"),
    }
}

/// A literal that Blender refuses for the property `p` (BPY008): a float for an int, a
/// sequence of the wrong length for a vector or colour, a single number for a vector, a
/// string for a number, a number for a string or a pointer. `what` names the target.
fn value_type(src: Source, value: Node, p: &Prop, what: &str) -> Option<Diagnostic> {
    let lit = literal(value)?;
    let n = p.array_length as usize;
    let kind = match p.ty {
        PropType::Int => "an int",
        PropType::Float => "a float",
        PropType::Boolean => "a bool",
        PropType::String => "a string",
        PropType::Enum => "an enum",
        PropType::Pointer => "a pointer",
        PropType::Collection => "a collection",
    };
    let mut fix = None;
    let message = if n > 0 {
        // Only flat arrays of a fixed length, which the default shows: matrices and other
        // multi-dimensional arrays have nested defaults.
        let flat_default = p
            .default
            .as_ref()
            .and_then(|d| d.as_array())
            .is_some_and(|a| a.len() == n && a.iter().all(|x| !x.is_array() && !x.is_object()));
        if !flat_default
            || p.subtype.as_deref() == Some("MATRIX")
            || !matches!(p.ty, PropType::Int | PropType::Float | PropType::Boolean)
        {
            return None;
        }
        match lit {
            Literal::Seq(k) if k != n => {
                let mut m = format!("{what} takes {n} values, not {k}");
                if n == 4 && k == 3 && matches!(p.subtype.as_deref(), Some("COLOR" | "COLOR_GAMMA")) {
                    m.push_str(" (RGBA: add the alpha, e.g. 1.0)");
                }
                m
            }
            Literal::Seq(_) => return None,
            Literal::Int | Literal::Float | Literal::Bool => {
                let mut m = format!("{what} takes a sequence of {n} values, not a single number");
                let text = src.text.get(value.start_byte()..value.end_byte()).unwrap_or("");
                if n == 3 && p.ty != PropType::Boolean && !text.contains('\n') {
                    let replacement = format!("({text}, {text}, {text})");
                    m.push_str(&format!("; use {replacement}"));
                    fix = Some(Fix::replace(format!("Replace with {replacement}"), range(value), replacement));
                }
                m
            }
            Literal::Str => format!("{what} takes a sequence of {n} values, not a string"),
        }
    } else {
        // A number property with no array length may be a dynamic array (`Image.pixels`):
        // a sequence may be right.
        let wrong = match (p.ty, lit) {
            (PropType::Int, Literal::Float | Literal::Str) => true,
            (PropType::Float, Literal::Str) => true,
            (PropType::Boolean, Literal::Str) => true,
            (PropType::String, Literal::Int | Literal::Float | Literal::Seq(_)) => true,
            (PropType::Enum, Literal::Int | Literal::Float | Literal::Seq(_)) => !p.enum_flag,
            (PropType::Pointer, _) => true,
            _ => false,
        };
        if !wrong {
            return None;
        }
        let mut m = format!("{what} is {kind}, not {}", describe(lit));
        if p.ty == PropType::Int && lit == Literal::Float {
            let text = src.text.get(value.start_byte()..value.end_byte()).unwrap_or("");
            if let Some(whole) =
                text.strip_suffix(".0").filter(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit() || b == b'-'))
            {
                m.push_str(&format!("; use {whole}"));
                fix = Some(Fix::replace(format!("Replace with {whole}"), range(value), whole.into()));
            } else {
                m.push_str("; use int(...) or round(...)");
            }
        }
        m
    };
    Some(Diagnostic { severity: Severity::Error, range: range(value), code: Code::WrongValueType, message, fix })
}

/// Required parameters of an RNA function that the call does not give (BPY009):
/// `elements.new()` without the position.
fn missing_arguments(src: Source, args: Node, params: &[Prop], callee: &str, out: &mut Vec<Diagnostic>) {
    let mut c = args.walk();
    let given: Vec<Node> = args.named_children(&mut c).filter(|a| a.kind() != "comment").collect();
    if args.kind() != "argument_list" || given.iter().any(|a| a.kind().contains("splat")) {
        return;
    }
    let positional = given.iter().filter(|a| a.kind() != "keyword_argument").count();
    let keywords: Vec<&str> = given
        .iter()
        .filter(|a| a.kind() == "keyword_argument")
        .filter_map(|a| a.child_by_field_name("name"))
        .filter_map(|n| src.text.get(n.start_byte()..n.end_byte()))
        .collect();
    // An unknown keyword is reported as such (BPY002): it is likely the missing one misspelt.
    if keywords.iter().any(|k| !params.iter().any(|p| p.name == *k)) {
        return;
    }
    let missing: Vec<&str> = params
        .iter()
        .enumerate()
        .filter(|(i, p)| p.is_required && *i >= positional && !keywords.contains(&p.name.as_str()))
        .map(|(_, p)| p.name.as_str())
        .collect();
    if missing.is_empty() {
        return;
    }
    let quoted: Vec<String> = missing.iter().map(|m| format!("'{m}'")).collect();
    let s = if missing.len() == 1 { "" } else { "s" };
    let message = format!("{callee}() misses the required argument{s} {}", quoted.join(", "));
    out.push(Diagnostic {
        severity: Severity::Error,
        range: range(args),
        code: Code::MissingArgument,
        message,
        fix: None,
    });
}

/// Positional arguments of a mathutils function that are literals of a type the
/// documented parameter cannot take (BPY008): a string or float for an int, a string for a float.
fn mathutils_arguments(args: Node, member: &crate::api::model::Member, callee: &str, out: &mut Vec<Diagnostic>) {
    if member.params.iter().any(|p| p.name.starts_with('*') || p.name == "self") {
        return;
    }
    let mut c = args.walk();
    let given: Vec<Node> = args.named_children(&mut c).filter(|a| a.kind() != "comment").collect();
    if given.iter().any(|a| a.kind().contains("splat")) {
        return;
    }
    let positional = given.iter().take_while(|a| a.kind() != "keyword_argument");
    for (arg, p) in positional.zip(member.params.iter()) {
        let Some(lit) = literal(*arg) else { continue };
        let wrong = match p.ty.as_deref() {
            Some("int") => matches!(lit, Literal::Str | Literal::Float | Literal::Seq(_)),
            Some("float") => matches!(lit, Literal::Str | Literal::Seq(_)),
            _ => false,
        };
        if !wrong {
            continue;
        }
        let names: Vec<&str> = member.params.iter().map(|p| p.name.as_str()).collect();
        let message = format!(
            "{callee}({}): {} is {}, not {}",
            names.join(", "),
            p.name,
            if p.ty.as_deref() == Some("int") { "an int" } else { "a float" },
            describe(lit)
        );
        out.push(Diagnostic {
            severity: Severity::Error,
            range: range(*arg),
            code: Code::WrongValueType,
            message,
            fix: None,
        });
    }
}

thread_local! {
    /// `BlockUses` of the tree being linted, by block (node id); emptied at the start of
    /// each lint.
    static NODE_TREE_USES: std::cell::RefCell<std::collections::HashMap<usize, std::rc::Rc<BlockUses>>> =
        Default::default();
}

/// For `new_without_node_tree`: in one block, the first statement that binds each name to a
/// new material or world, and where else those names appear other than as the receiver of
/// another attribute. Gathered in one walk of the block, so that each use of `x.node_tree`
/// costs a binary search instead of a walk from the binding to the use (quadratic in a
/// long script).
struct BlockUses {
    /// Per name: the end of its binding statement, and "material" or "world".
    bindings: std::collections::HashMap<String, (usize, &'static str)>,
    /// Per name: start offsets, sorted.
    others: std::collections::HashMap<String, Vec<usize>>,
}

impl BlockUses {
    fn of(block: Node, src: Source) -> std::rc::Rc<BlockUses> {
        let text = |n: Node| src.text.get(n.start_byte()..n.end_byte()).unwrap_or("");
        let mut bindings = std::collections::HashMap::new();
        let mut c = block.walk();
        for st in block.named_children(&mut c) {
            if let Some((name, b)) = new_material_binding(st, src) {
                bindings.entry(name).or_insert(b);
            }
        }
        let mut others: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
        if !bindings.is_empty() {
            let mut stack = vec![block];
            while let Some(n) = stack.pop() {
                if n.kind() == "identifier" && bindings.contains_key(text(n)) {
                    let p = n.parent();
                    let attr_name = p
                        .filter(|p| p.kind() == "attribute" && p.child_by_field_name("object") == Some(n))
                        .and_then(|p| p.child_by_field_name("attribute"))
                        .map(text);
                    if !matches!(attr_name, Some(a) if a != "use_nodes" && a != "node_tree") {
                        others.entry(text(n).to_string()).or_default().push(n.start_byte());
                    }
                }
                let mut c = n.walk();
                stack.extend(n.named_children(&mut c));
            }
            for list in others.values_mut() {
                list.sort_unstable();
            }
        }
        std::rc::Rc::new(BlockUses { bindings, others })
    }
}

/// `name = bpy.data.materials.new(...)` (or `worlds.new`) as a statement: the name, the end
/// of the statement and "material" or "world".
fn new_material_binding(st: Node, src: Source) -> Option<(String, (usize, &'static str))> {
    let text = |n: Node| src.text.get(n.start_byte()..n.end_byte()).unwrap_or("");
    let a = st.named_child(0).filter(|a| st.kind() == "expression_statement" && a.kind() == "assignment")?;
    let left = a.child_by_field_name("left")?;
    let right = a.child_by_field_name("right")?;
    if left.kind() != "identifier" || right.kind() != "call" {
        return None;
    }
    let f = text(right.child_by_field_name("function")?);
    let kind = match f.strip_prefix("bpy.")?.strip_prefix("data.")? {
        "materials.new" => "material",
        "worlds.new" => "world",
        _ => return None,
    };
    Some((text(left).to_string(), (st.end_byte(), kind)))
}

/// Enums whose items are known statically; dynamic ones (filled at run time from the
/// open file, or from the hardware) are stored with no item or a single placeholder.
fn has_static_items(p: &Prop) -> bool {
    p.enum_items.len() > 1
}

/// `hasattr(x, "name")` / `getattr(x, "name", ...)` in the same statement: the code
/// already expects the attribute may be missing.
fn is_guarded(node: Node, text: &str, name: &str) -> bool {
    let mut n = node;
    while let Some(p) = n.parent() {
        if matches!(p.kind(), "if_statement" | "while_statement" | "conditional_expression" | "boolean_operator") {
            let cond = p.child_by_field_name("condition").unwrap_or(p);
            let t = text.get(cond.start_byte()..cond.end_byte()).unwrap_or("");
            let quoted = t.contains(&format!("\"{name}\"")) || t.contains(&format!("'{name}'"));
            if (t.contains("hasattr(") || t.contains("getattr(")) && quoted {
                return true;
            }
        }
        if matches!(p.kind(), "function_definition" | "class_definition") {
            break;
        }
        n = p;
    }
    false
}

fn range(node: Node) -> Range<usize> {
    node.start_byte()..node.end_byte()
}

/// The content of a string literal without its quotes.
fn inner_range(string: Node) -> Range<usize> {
    let mut cursor = string.walk();
    let content = string.named_children(&mut cursor).find(|c| c.kind() == "string_content");
    match content {
        Some(c) => range(c),
        None => {
            let mid = string.start_byte() + (string.end_byte() - string.start_byte()) / 2;
            mid..mid
        }
    }
}

/// Whether `value` (the first argument of an operator) is a dict: `dict(...)`,
/// `bpy.context.copy()`, a comprehension, or a name that its scope binds to those only.
fn is_dict_value(src: Source, value: Node) -> bool {
    let text = |n: Node| src.text.get(n.start_byte()..n.end_byte()).unwrap_or("");
    let dict_expr = |n: Node| match n.kind() {
        "dictionary" | "dictionary_comprehension" => true,
        "call" => n.child_by_field_name("function").map(text).is_some_and(|f| {
            f == "dict" || f.strip_suffix(".copy").is_some_and(|o| o == "context" || o.ends_with(".context"))
        }),
        _ => false,
    };
    if dict_expr(value) {
        return true;
    }
    if value.kind() != "identifier" {
        return false;
    }
    let name = text(value);
    // The enclosing function (unless the name is one of its parameters: then unknown), and
    // the module for a name the function does not bind.
    let mut scopes = Vec::new();
    let mut n = value;
    while let Some(p) = n.parent() {
        if matches!(p.kind(), "function_definition" | "lambda") {
            let params = p.child_by_field_name("parameters").map(text).unwrap_or("");
            if params.split(|c: char| !(c.is_alphanumeric() || c == '_')).any(|w| w == name) {
                return false;
            }
            scopes.push(p);
        }
        if p.kind() == "module" {
            scopes.push(p);
        }
        n = p;
    }
    for scope in scopes {
        let mut bindings = Vec::new();
        let mut stack = vec![scope];
        while let Some(n) = stack.pop() {
            if n.kind() == "assignment"
                && let Some(left) = n.child_by_field_name("left")
                && left.kind() == "identifier"
                && text(left) == name
            {
                bindings.push(n.child_by_field_name("right"));
            } else if let Some(target) = match n.kind() {
                "for_statement" | "augmented_assignment" => n.child_by_field_name("left"),
                "named_expression" => n.child_by_field_name("name"),
                "with_item" | "as_pattern" => Some(n),
                _ => None,
            } && text(target).split(|c: char| !(c.is_alphanumeric() || c == '_')).any(|w| w == name)
            {
                return false; // bound another way: unknown
            }
            let mut c = n.walk();
            stack.extend(
                n.named_children(&mut c).filter(|c| scope.kind() != "module" || c.kind() != "function_definition"),
            );
        }
        if !bindings.is_empty() {
            return bindings.iter().all(|r| r.is_some_and(dict_expr));
        }
    }
    false
}

/// `bpy.ops.x.y({"k": v}, rest)` as a statement alone on its line, indented by `indent`:
/// `with bpy.context.temp_override(k=v):` and the call without the dict under it.
fn temp_override_fix(src: Source, call: Node, args: Node, given: &[Node], callee: &str) -> Option<Fix> {
    let text = |n: Node| src.text.get(n.start_byte()..n.end_byte()).unwrap_or("");
    let statement = call.parent().filter(|p| p.kind() == "expression_statement" && p.named_child_count() == 1)?;
    if !statement.parent().is_some_and(|b| matches!(b.kind(), "module" | "block")) || !callee.starts_with("bpy.ops.") {
        return None;
    }
    // Alone on its line: only indentation before it, nothing but a comment after it.
    let line_start = src.text[..statement.start_byte()].rfind('\n').map_or(0, |i| i + 1);
    let indent = &src.text[line_start..statement.start_byte()];
    let line_end = src.text[statement.end_byte()..].find('\n').map_or(src.text.len(), |i| statement.end_byte() + i);
    let after = src.text[statement.end_byte()..line_end].trim_start();
    if !indent.chars().all(|c| c == ' ' || c == '\t') || !(after.is_empty() || after.starts_with('#')) {
        return None;
    }
    let mut c = args.walk();
    if args.named_children(&mut c).any(|a| a.kind() == "comment") {
        return None;
    }
    let dict = given[0];
    let mut keywords = Vec::new();
    let mut c = dict.walk();
    for pair in dict.named_children(&mut c) {
        if pair.kind() == "comment" {
            continue;
        }
        let key = pair.child_by_field_name("key").filter(|_| pair.kind() == "pair")?;
        let value = pair.child_by_field_name("value")?;
        let k = string_value(key, src.text)?;
        let identifier = k.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !PYTHON_KEYWORDS.contains(&k.as_str());
        if !identifier {
            return None;
        }
        keywords.push(format!("{k}={}", text(value)));
    }
    let rest: Vec<&str> = given[1..].iter().map(|a| text(*a)).collect();
    let step = if indent.contains('\t') { "\t" } else { "    " };
    let new_text = format!(
        "with bpy.context.temp_override({}):\n{indent}{step}{callee}({})",
        keywords.join(", "),
        rest.join(", ")
    );
    Some(Fix::replace("Use bpy.context.temp_override(...)".to_string(), range(statement), new_text))
}

const PYTHON_KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
    "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
];

/// The socket types `NodeTreeInterface.new_socket` takes (Blender 4.2 to 4.5); the subtypes
/// `inputs.new` took before 4.0 (`NodeSocketFloatFactor`) are a `subtype` of the socket now.
const INTERFACE_SOCKET_TYPES: &[&str] = &[
    "NodeSocketFloat",
    "NodeSocketInt",
    "NodeSocketBool",
    "NodeSocketRotation",
    "NodeSocketMatrix",
    "NodeSocketVector",
    "NodeSocketColor",
    "NodeSocketString",
    "NodeSocketMenu",
    "NodeSocketObject",
    "NodeSocketGeometry",
    "NodeSocketCollection",
    "NodeSocketTexture",
    "NodeSocketImage",
    "NodeSocketMaterial",
    "NodeSocketShader",
];

/// Blender 4.0's node group interface: `group.inputs.new('NodeSocketFloat', 'Amount')` (`attr`
/// is `inputs`) becomes `group.interface.new_socket('Amount', in_out='INPUT',
/// socket_type='NodeSocketFloat')`, `outputs` -> `'OUTPUT'`. Certain when the call is exactly
/// `new(type, name)` (positional or keywords) and the type is one `new_socket` takes; a guess
/// for a type given as an expression or a subtype; None for any other use of `inputs`.
fn new_socket_rewrite(src: Source, attr: Node, name: &str) -> Option<Fix> {
    let text = |n: Node| src.text.get(n.start_byte()..n.end_byte()).unwrap_or("");
    let sockets = attr.parent().filter(|p| p.kind() == "attribute")?;
    let method =
        sockets.parent().filter(|m| m.kind() == "attribute" && m.child_by_field_name("object") == Some(sockets))?;
    if method.child_by_field_name("attribute").map(text) != Some("new") {
        return None;
    }
    let call = method.parent().filter(|c| c.kind() == "call" && c.child_by_field_name("function") == Some(method))?;
    let args = call.child_by_field_name("arguments").filter(|a| a.kind() == "argument_list")?;
    let mut c = args.walk();
    let given: Vec<Node> = args.named_children(&mut c).filter(|a| a.kind() != "comment").collect();
    let (mut ty, mut socket_name) = (None, None);
    for (i, a) in given.iter().enumerate() {
        if a.kind() == "keyword_argument" {
            let value = a.child_by_field_name("value")?;
            match a.child_by_field_name("name").map(text)? {
                "type" if ty.is_none() => ty = Some(value),
                "name" if socket_name.is_none() => socket_name = Some(value),
                _ => return None,
            }
        } else if a.kind().contains("splat") || given[..i].iter().any(|b| b.kind() == "keyword_argument") {
            return None;
        } else {
            match i {
                0 => ty = Some(*a),
                1 => socket_name = Some(*a),
                _ => return None,
            }
        }
    }
    let (ty, socket_name) = (ty?, socket_name?);
    let side = if name == "inputs" { "INPUT" } else { "OUTPUT" };
    let new_text = format!("interface.new_socket({}, in_out='{side}', socket_type={})", text(socket_name), text(ty));
    let fix = Fix::replace(format!("Replace with {new_text}"), attr.start_byte()..call.end_byte(), new_text);
    let known = string_value(ty, src.text).is_some_and(|t| INTERFACE_SOCKET_TYPES.contains(&t.as_str()));
    Some(if known { fix } else { fix.guess() })
}

fn rename_fix(node: Node, to: &str) -> Fix {
    Fix::replace(format!("Replace with '{to}'"), range(node), to.to_string())
}

/// The candidate closest to `name`, if it is close enough to be what was meant.
pub fn closest<'c>(name: &str, candidates: impl Iterator<Item = &'c str>) -> Option<&'c str> {
    let lower = name.to_lowercase();
    let limit = (name.chars().count() / 3).clamp(1, 4);
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = levenshtein(&lower, &c.to_lowercase());
        if d <= limit && best.is_none_or(|(bd, bc)| d < bd || (d == bd && c < bc)) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// Every candidate with its distance to `name`, nearest first (ties by name): what a message
/// lists as the valid values, so that those shown are the ones that look like what was typed.
pub fn nearest<'c>(name: &str, candidates: impl Iterator<Item = &'c str>) -> Vec<(usize, &'c str)> {
    let lower = name.to_lowercase();
    let mut all: Vec<(usize, &str)> = candidates
        .map(|c| {
            let cl = c.to_lowercase();
            // A prefix or a part of the name is near whatever its length ('SUBSURF' for 'SUB').
            let d = if !lower.is_empty() && (cl.starts_with(&lower) || lower.starts_with(&cl)) {
                cl.len().abs_diff(lower.len()).min(levenshtein(&lower, &cl))
            } else {
                levenshtein(&lower, &cl)
            };
            (d, c)
        })
        .collect();
    all.sort_unstable();
    all.dedup();
    all
}

/// A typo `check --fix` may correct without asking: the best candidate is the only one at
/// its distance, at most two edits away, and no word of it is another word (`Location` is
/// two edits from `Rotation`, but nobody mistypes the one for the other; `calc_normals` is no
/// typo of `flip_normals`): a word that differs starts with the same letter in both.
fn is_clear_typo(value: &str, best: &str, nearest: &[(usize, &str)]) -> bool {
    let d = levenshtein(&value.to_lowercase(), &best.to_lowercase());
    d <= 2
        && value.chars().count() >= 3
        && nearest.iter().filter(|(nd, _)| *nd <= d).count() == 1
        && !another_word(value, best)
}

/// Whether `typed` and `best` differ by a whole word rather than by a typo in one: split into
/// words (`_`, spaces, camel case), some pair of differing words starts with different
/// letters (or, when the words do not pair up, the names themselves do).
fn another_word(typed: &str, best: &str) -> bool {
    let (a, b) = (words(typed), words(best));
    let first = |w: &str| w.chars().next().map(|c| c.to_ascii_lowercase());
    if a.len() != b.len() {
        return first(typed) != first(best);
    }
    a.iter().zip(&b).any(|(x, y)| !x.eq_ignore_ascii_case(y) && first(x) != first(y))
}

/// `calc_normals` -> calc, normals; `ShaderNodeOutput` -> Shader, Node, Output; `Base Color`
/// -> Base, Color.
fn words(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    let mut prev_lower = false;
    for (i, c) in s.char_indices() {
        if !c.is_alphanumeric() {
            if let Some(st) = start.take() {
                out.push(&s[st..i]);
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase()
            && prev_lower
            && let Some(st) = start.replace(i)
        {
            out.push(&s[st..i]);
        }
        start.get_or_insert(i);
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
    }
    if let Some(st) = start {
        out.push(&s[st..]);
    }
    out
}

/// The "did you mean" fix of `typed` to `best`, the closest of `candidates`: certain (applied
/// by `check --fix` and the agent's gate) only for a clear typo, otherwise offered in the
/// editor only.
fn typo_fix<'c>(range: Range<usize>, typed: &str, best: &str, candidates: impl Iterator<Item = &'c str>) -> Fix {
    let nearest = nearest(typed, candidates);
    let fix = Fix::replace(format!("Replace with '{best}'"), range, best.to_string());
    if is_clear_typo(typed, best, &nearest) { fix } else { fix.guess() }
}

/// Edit distance counting a swap of two neighbours as one edit (`mseh` -> `mesh`): the
/// optimal string alignment distance of `strsim`.
fn levenshtein(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

/// What the enum is, in words: "modifier type" for `modifiers.new(type=...)`, "fill mode
/// (Curve.fill_mode)" for a property.
fn enum_noun(p: &Prop, owner: Option<&str>, callee: Option<&str>) -> String {
    let words = p.name.replace('_', " ");
    if let Some(callee) = callee {
        // `ObjectModifiers.new` -> "modifier"; `bpy.ops.object.modifier_add` -> the operator.
        let (owner, _) = callee.rsplit_once('.').unwrap_or((callee, ""));
        if !owner.starts_with("bpy.ops") {
            let last = camel_words(owner).pop().unwrap_or_default().to_lowercase();
            if let Some(single) = last.strip_suffix('s').filter(|s| s.len() > 2) {
                return format!("{single} {words}");
            }
        }
        return format!("{words} for {callee}()");
    }
    match owner {
        Some(o) => format!("{words} ({o}.{})", p.name),
        None => words,
    }
}

fn camel_words(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in s.chars() {
        if c.is_uppercase() || out.is_empty() {
            out.push(String::new());
        }
        if let Some(w) = out.last_mut() {
            w.push(c);
        }
    }
    out
}

/// Lint with no knowledge of other versions and only the document's own registrations.
pub fn lint(db: &ApiDb, doc: &Document) -> Vec<Diagnostic> {
    let registered = Registrations::of(doc.text());
    Linter::new(db, &registered, None).lint(doc)
}

/// Version notes built on first use: the history of every version is only needed when a
/// lint finds a name the target lacks, so a server or `check` run over correct code never
/// loads the other versions' databases.
pub struct LazyNotes {
    version: String,
    notes: std::sync::OnceLock<Option<crate::api::VersionNotes>>,
}

impl LazyNotes {
    pub fn new(version: &str) -> LazyNotes {
        LazyNotes { version: version.to_string(), notes: std::sync::OnceLock::new() }
    }

    /// The version the notes are for ("4.2").
    pub fn version(&self) -> &str {
        &self.version
    }

    /// Whether a lint has needed the notes (and loaded every version).
    pub fn is_loaded(&self) -> bool {
        self.notes.get().is_some()
    }

    fn get(&self) -> Option<&crate::api::VersionNotes> {
        self.notes.get_or_init(|| crate::api::VersionNotes::for_version(&self.version).ok()).as_ref()
    }
}

impl VersionHints for LazyNotes {
    fn member(&self, owner: &str, name: &str) -> Option<Hint> {
        self.get()?.member(owner, name)
    }
    fn enum_value(&self, owner: &str, prop: &str, value: &str) -> Option<Hint> {
        self.get()?.enum_value(owner, prop, value)
    }
    fn operator(&self, module: &str, name: &str) -> Option<Hint> {
        self.get()?.operator(module, name)
    }
    fn operator_param(&self, module: &str, op: &str, param: &str) -> Option<Hint> {
        self.get()?.operator_param(module, op, param)
    }
    fn node(&self, idname: &str) -> Option<Hint> {
        self.get()?.node(idname)
    }
    fn socket(&self, node: &str, name: &str) -> Option<Hint> {
        self.get()?.socket(node, name)
    }
}

/// The version history answers for the target version: what other versions say about a
/// name this one lacks.
impl VersionHints for crate::api::VersionNotes {
    fn member(&self, owner: &str, name: &str) -> Option<Hint> {
        self.lookup_member(owner, name).map(hint)
    }
    fn enum_value(&self, owner: &str, prop: &str, value: &str) -> Option<Hint> {
        self.lookup_enum_value(owner, prop, value).map(hint)
    }
    fn operator(&self, module: &str, name: &str) -> Option<Hint> {
        self.lookup_operator(&format!("{module}.{name}")).map(hint)
    }
    fn operator_param(&self, module: &str, op: &str, param: &str) -> Option<Hint> {
        self.lookup_operator_param(&format!("{module}.{op}"), param).map(hint)
    }
    fn node(&self, idname: &str) -> Option<Hint> {
        self.lookup_node(idname).map(hint)
    }
    fn socket(&self, node: &str, name: &str) -> Option<Hint> {
        self.lookup_socket(node, name).map(hint)
    }
}

fn hint(n: crate::api::Note) -> Hint {
    let note = match &n.hint {
        Some(advice) if !n.message.contains(advice.as_str()) => format!("{}; {advice}", n.message),
        _ => n.message.clone(),
    };
    Hint { note, replacement: n.new_name }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_finds_typos_only() {
        let c = ["primitive_cube_add", "primitive_cone_add", "subdivide"];
        assert_eq!(closest("primitive_cub_add", c.iter().copied()), Some("primitive_cube_add"));
        assert_eq!(closest("xyz", c.iter().copied()), None);
        assert_eq!(levenshtein("kitten", "sitting"), 3);
        assert_eq!(levenshtein("mseh", "mesh"), 1);
    }

    #[test]
    fn registrations_are_collected() {
        let r =
            Registrations::of("class O(bpy.types.Operator):\n    bl_idname = \"my.op\"\nbpy.types.Scene.my_prop = 1\n");
        assert!(r.idnames.contains("my.op"));
        assert!(r.members.contains("my_prop"));
    }
}
