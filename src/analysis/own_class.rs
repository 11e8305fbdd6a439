//! The document's own classes and functions: what `self.x`, `cls.x` and `MyClass.x` are
//! (methods, class attributes, `bpy.props` annotations, attributes a method assigns to
//! `self`, members of base classes of the file and of the RNA base), and what calling a
//! function of the file returns (its annotation, else what its `return`s give).
//! Used by completion and hover only (inference that is not strict); lint keeps reading
//! these classes as their RNA base.

use std::ops::Range;

use tree_sitter::Node;

use super::infer::Infer;
use super::package::{registrations_in, statement_end};
use super::scope::{BindingKind, ScopeKind};
use super::ty::Ty;

/// Base classes followed at most this deep (a cyclic hierarchy stops here).
const MAX_BASES: u32 = 8;

/// One member of an own class, where it is written.
#[derive(Debug, Clone)]
pub struct OwnMember {
    pub name: String,
    pub kind: OwnKind,
    /// The class that declares it.
    pub class: String,
    /// The first line of its definition (`def execute(self, context):`, `count: IntProperty(...)`).
    pub line: String,
    /// The module of the add-on it is written in, when that is not the document.
    pub module: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnKind {
    Method,
    Class,
    /// A class attribute or annotation (`bl_label = "..."`, `count: IntProperty()`).
    Attribute,
    /// Assigned to `self` in a method.
    InstanceAttribute,
}

/// The class scope of a class type, if `ty` is one of the document's classes.
pub fn class_scope(ty: &Ty) -> Option<usize> {
    match ty {
        Ty::User { scope, .. } => Some(*scope),
        _ => None,
    }
}

impl Infer<'_> {
    /// The API type a value stands for: an own class as its RNA base (usage counts and API
    /// paths are kept per RNA type), anything else as it is.
    pub fn api_view(&self, ty: Ty) -> Ty {
        match &ty {
            Ty::User { scope, instance, .. } => match self.class_rna_base(*scope) {
                Some(b) if *instance => Ty::Struct(b),
                Some(b) => Ty::StructClass(b),
                None => ty,
            },
            _ => ty,
        }
    }

    /// The syntax node of the class whose scope is `scope`.
    fn class_node(&self, scope: usize) -> Option<Node<'_>> {
        let s = self.doc.scopes().scopes.get(scope)?;
        let tree = self.doc.tree()?;
        let mut node = tree.root_node().descendant_for_byte_range(s.range.start, s.range.start)?;
        loop {
            if node.kind() == "class_definition" {
                return Some(node);
            }
            node = node.parent()?;
        }
    }

    fn node_text(&self, node: Node) -> &str {
        self.doc.text().get(node.byte_range()).unwrap_or("")
    }

    /// `self.name = value` in the methods of a class: (name, value range, first line).
    fn instance_assignments(&self, scope: usize) -> Vec<(String, Range<usize>, String)> {
        let mut out = Vec::new();
        let Some(class) = self.class_node(scope) else { return out };
        let Some(body) = class.child_by_field_name("body") else { return out };
        let mut cursor = body.walk();
        for child in body.named_children(&mut cursor) {
            let def = match child.kind() {
                "decorated_definition" => child.child_by_field_name("definition"),
                "function_definition" => Some(child),
                _ => None,
            };
            let Some(def) = def.filter(|d| d.kind() == "function_definition") else { continue };
            let first = def.child_by_field_name("parameters").and_then(|p| p.named_child(0));
            let Some(receiver) = first.filter(|p| p.kind() == "identifier").map(|p| self.node_text(p).to_string())
            else {
                continue;
            };
            let Some(fn_body) = def.child_by_field_name("body") else { continue };
            // An explicit stack: method bodies nest (loops, ifs) but are never deep.
            let mut stack = vec![fn_body];
            while let Some(node) = stack.pop() {
                if node.kind() == "assignment"
                    && let (Some(left), Some(right)) =
                        (node.child_by_field_name("left"), node.child_by_field_name("right"))
                    && left.kind() == "attribute"
                    && left.child_by_field_name("object").is_some_and(|o| self.node_text(o) == receiver)
                    && let Some(attr) = left.child_by_field_name("attribute")
                {
                    let line = self.node_text(node).lines().next().unwrap_or("").to_string();
                    out.push((self.node_text(attr).to_string(), right.byte_range(), line));
                }
                if matches!(node.kind(), "function_definition" | "class_definition" | "lambda") && node != fn_body {
                    continue;
                }
                let mut c = node.walk();
                stack.extend(node.named_children(&mut c));
            }
        }
        out
    }

    /// The own classes a class derives from in this document (direct bases).
    fn own_bases(&self, scope: usize) -> Vec<usize> {
        let scopes = self.doc.scopes();
        let Some(s) = scopes.scopes.get(scope) else { return Vec::new() };
        let text = self.doc.text();
        s.bases
            .iter()
            .filter_map(|b| {
                let name = text.get(b.clone())?.trim();
                match scopes.lookup(name, b.start).map(|(_, binding)| &binding.kind) {
                    Some(BindingKind::Class(id)) if *id != scope => Some(*id),
                    _ => None,
                }
            })
            .collect()
    }

    /// The type of `attr` on an own class (`instance`: read on an instance).
    pub fn own_attribute(&self, scope: usize, instance: bool, attr: &str) -> Ty {
        self.own_attribute_at(scope, instance, attr, 0)
    }

    fn own_attribute_at(&self, scope: usize, instance: bool, attr: &str, depth: u32) -> Ty {
        let scopes = self.doc.scopes();
        let Some(s) = scopes.scopes.get(scope) else { return Ty::Unknown };
        if let Some(b) = s.bindings.get(attr).and_then(|l| l.last()) {
            let t = match &b.kind {
                BindingKind::Function(id) => Ty::OwnFunc { scope: *id, name: attr.to_string() },
                BindingKind::Class(id) => Ty::User { scope: *id, name: attr.to_string(), instance: false },
                BindingKind::Annotation(r) | BindingKind::Value(r) => {
                    self.property_value(r).unwrap_or_else(|| match &b.kind {
                        BindingKind::Annotation(_) => super::infer::instance_of(self.range_ty(r)),
                        _ => self.range_ty(r),
                    })
                }
                _ => Ty::Unknown,
            };
            if !t.is_unknown() {
                return t;
            }
        }
        if instance {
            for (name, value, _) in self.instance_assignments(scope) {
                if name == attr {
                    let t = self.range_ty(&value);
                    if !t.is_unknown() {
                        return t;
                    }
                }
            }
        }
        if depth < MAX_BASES {
            for base in self.own_bases(scope) {
                let t = self.own_attribute_at(base, instance, attr, depth + 1);
                if !t.is_unknown() {
                    return t;
                }
            }
            for (module, base) in self.package_bases(scope) {
                let t = self.package_class_attribute(module, base, instance, attr);
                if !t.is_unknown() {
                    return t;
                }
            }
        }
        if depth == 0 {
            if let Some(rna) = self.class_rna_base(scope) {
                let t = self.attribute(&Ty::Struct(rna), attr);
                if !t.is_unknown() {
                    return t;
                }
            }
            // Panels, menus and their mixins all draw into `self.layout`.
            if attr == "layout" {
                return Ty::struct_("UILayout");
            }
            if instance && self.takes_runtime_properties(self.class_rna_base(scope).as_deref()) {
                return self.runtime_member_ty(attr);
            }
        }
        Ty::Unknown
    }

    /// Every member of an own class, its own first, then its bases' of this document
    /// (not those of the RNA base, which completion lists from the database).
    pub fn own_members(&self, scope: usize, instance: bool) -> Vec<OwnMember> {
        let mut out: Vec<OwnMember> = Vec::new();
        let mut todo = vec![(scope, 0u32)];
        let mut seen = vec![scope];
        while let Some((id, depth)) = todo.pop() {
            let scopes = self.doc.scopes();
            let Some(s) = scopes.scopes.get(id) else { continue };
            let text = self.doc.text();
            let mut names: Vec<(&String, &Vec<super::scope::Binding>)> = s.bindings.iter().collect();
            names.sort_by_key(|(_, l)| l.first().map(|b| b.at).unwrap_or(0));
            for (name, list) in names {
                let Some(b) = list.last() else { continue };
                let kind = match b.kind {
                    BindingKind::Function(_) => OwnKind::Method,
                    BindingKind::Class(_) => OwnKind::Class,
                    BindingKind::Annotation(_) | BindingKind::Value(_) => OwnKind::Attribute,
                    _ => continue,
                };
                if name.starts_with("__") || out.iter().any(|m| &m.name == name) {
                    continue;
                }
                let line = text.get(b.at.min(text.len())..).and_then(|t| t.lines().next()).unwrap_or("");
                let line = match &b.kind {
                    BindingKind::Annotation(r) | BindingKind::Value(r) => {
                        format!("{name} = {}", text.get(r.clone()).and_then(|v| v.lines().next()).unwrap_or(""))
                    }
                    _ => line.trim().to_string(),
                };
                out.push(OwnMember { name: name.clone(), kind, class: s.name.clone(), line, module: None });
            }
            if instance {
                // `__slots__ = ("a", "b")` names the instance attributes, wherever they are set;
                // then those the methods assign to `self`.
                let slots = match s.bindings.get("__slots__").and_then(|l| l.last()).map(|b| &b.kind) {
                    Some(BindingKind::Value(r)) => string_literals(text.get(r.clone()).unwrap_or("")),
                    _ => Vec::new(),
                };
                let slots = slots.into_iter().map(|name| {
                    let line = format!("__slots__: {name}");
                    (name, line)
                });
                let assigned = self.instance_assignments(id).into_iter().map(|(name, _, line)| (name, line));
                for (name, line) in slots.chain(assigned) {
                    if !out.iter().any(|m| m.name == name) {
                        let class = s.name.clone();
                        out.push(OwnMember { name, kind: OwnKind::InstanceAttribute, class, line, module: None });
                    }
                }
            }
            if depth < MAX_BASES {
                for base in self.own_bases(id) {
                    if !seen.contains(&base) {
                        seen.push(base);
                        todo.push((base, depth + 1));
                    }
                }
                // Bases from other modules of the add-on, with where they are written.
                for (module, base) in self.package_bases(id) {
                    let path = self.module_path(module);
                    for mut m in self.in_module(module, |i| i.own_members(base, instance)).unwrap_or_default() {
                        if !out.iter().any(|o| o.name == m.name) {
                            m.module = Some(path.to_string());
                            out.push(m);
                        }
                    }
                }
            }
        }
        out
    }

    /// The RNA struct an own class derives from, through its bases of this document.
    pub fn class_rna_base(&self, scope: usize) -> Option<String> {
        let mut todo = vec![(scope, 0u32)];
        let mut seen = vec![scope];
        while let Some((id, depth)) = todo.pop() {
            let scopes = self.doc.scopes();
            let s = scopes.scopes.get(id)?;
            let text = self.doc.text();
            for b in &s.bases {
                // Only dotted bases or imported names can be RNA classes; own ones are followed.
                let name = text.get(b.clone()).unwrap_or("").trim();
                if let Some((_, binding)) = scopes.lookup(name, b.start)
                    && let BindingKind::Class(base) = binding.kind
                {
                    if depth < MAX_BASES && !seen.contains(&base) {
                        seen.push(base);
                        todo.push((base, depth + 1));
                    }
                    continue;
                }
                match self.range_ty(b) {
                    Ty::StructClass(st) => return Some(st),
                    Ty::PackageClass { module, scope, .. } => {
                        if let Some(st) = self.in_module(module, |i| i.class_rna_base(scope)).flatten() {
                            return Some(st);
                        }
                    }
                    _ => {}
                }
            }
        }
        None
    }

    /// `bpy.props.IntProperty(...)` (or a bare `IntProperty(...)`) at `r`: the type of the
    /// value the property holds.
    pub fn property_value(&self, r: &Range<usize>) -> Option<Ty> {
        let text = self.doc.text().get(r.clone())?.trim();
        let (func, args) = text.split_once('(')?;
        let func = func.trim().rsplit('.').next()?;
        Some(match func {
            "IntProperty" => Ty::Builtin("int"),
            "FloatProperty" => Ty::Builtin("float"),
            "BoolProperty" => Ty::Builtin("bool"),
            "StringProperty" | "EnumProperty" => Ty::Builtin("str"),
            "FloatVectorProperty" => Ty::PyInstance { module: "mathutils".into(), class: "Vector".into() },
            "PointerProperty" | "CollectionProperty" => {
                let ty = keyword_value(args, "type")?;
                let at = r.start + text.find(ty)?;
                let t = super::infer::instance_of(self.text_ty(ty, at));
                if t.is_unknown() {
                    return None;
                }
                if func == "CollectionProperty" { Ty::List(Box::new(t)) } else { t }
            }
            _ => return None,
        })
    }

    /// What calling an own function returns: its annotation, else the first `return` whose
    /// value has a known type.
    pub fn own_call(&self, function: usize) -> Ty {
        let scopes = self.doc.scopes();
        let Some(f) = scopes.scopes.get(function).filter(|s| s.kind == ScopeKind::Function) else {
            return Ty::Unknown;
        };
        if let Some(r) = &f.returns {
            let t = super::infer::instance_of(self.range_ty(r));
            if !t.is_unknown() {
                return t;
            }
        }
        let Some(tree) = self.doc.tree() else { return Ty::Unknown };
        let Some(mut node) = tree.root_node().descendant_for_byte_range(f.range.start, f.range.start) else {
            return Ty::Unknown;
        };
        while node.kind() != "function_definition" {
            let Some(p) = node.parent() else { return Ty::Unknown };
            node = p;
        }
        let Some(body) = node.child_by_field_name("body") else { return Ty::Unknown };
        let mut stack = vec![body];
        while let Some(n) = stack.pop() {
            if n.kind() == "return_statement"
                && let Some(value) = n.named_child(0)
            {
                let t = self.range_ty(&value.byte_range());
                if !t.is_unknown() {
                    return t;
                }
            }
            if matches!(n.kind(), "function_definition" | "class_definition" | "lambda") {
                continue;
            }
            let mut c = n.walk();
            // Reversed, so that the first return in the text is looked at first.
            let kids: Vec<Node> = n.named_children(&mut c).collect();
            stack.extend(kids.into_iter().rev());
        }
        Ty::Unknown
    }
}

impl Infer<'_> {
    /// A property the document registers on `s` or one of its bases at run time
    /// (`bpy.types.Scene.my_tool = PointerProperty(type=MyGroup)`, `Scene.x = IntProperty()`):
    /// the value it holds.
    pub fn registered_attribute(&self, s: &str, attr: &str) -> Option<Ty> {
        if let Some((_, value)) = self.registration(s, attr) {
            return self.property_value(&value);
        }
        self.package_registered_attribute(s, attr)
    }

    /// Where the document registers `attr` on `s` or a base of it: (target range, value range).
    pub fn registration(&self, s: &str, attr: &str) -> Option<(Range<usize>, Range<usize>)> {
        let text = self.doc.text();
        let needle = format!(".{attr}");
        for (i, _) in text.match_indices(&needle) {
            let after = &text[i + needle.len()..];
            let rest = after.trim_start_matches([' ', '\t']);
            if rest.starts_with(|c: char| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let Some(value) = rest.strip_prefix('=').filter(|v| !v.starts_with('=')) else { continue };
            let line_start = text[..i].rfind('\n').map(|l| l + 1).unwrap_or(0);
            let target = text[line_start..i].trim_start();
            let owner = target.rsplit('.').next().unwrap_or(target);
            if !self.registers_on(s, owner) {
                continue;
            }
            let start = text.len() - value.len();
            let end = statement_end(text, start);
            return Some((line_start..i + needle.len(), start..end));
        }
        None
    }
}

impl Infer<'_> {
    /// Whether a property registered on `owner` is read on a value of type `s`: `owner` is
    /// `s` or a base of it, or (completion only) a type derived from it: `obj.data` is
    /// declared an `ID`, and holds the `Mesh` an add-on registered `gltf2_variant_mesh_data` on.
    pub fn registers_on(&self, s: &str, owner: &str) -> bool {
        self.db.ancestry(s).iter().any(|x| x.name == owner) || self.db.ancestry(owner).iter().any(|x| x.name == s)
    }

    /// Every property the document registers on `s` or a base of it: (name, first line).
    pub fn registrations_on(&self, s: &str) -> Vec<(String, String)> {
        registrations_in(self.doc.text(), &|o| self.registers_on(s, o))
            .into_iter()
            .map(|(n, line, _)| (n, line))
            .collect()
    }
}

/// The identifiers written as string literals in `text` (`("a", 'b',  # c\n "d")`).
fn string_literals(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(['"', '\'']) {
        let quote = rest.as_bytes()[i] as char;
        let after = &rest[i + 1..];
        let Some(end) = after.find(quote) else { break };
        let word = &after[..end];
        if !word.is_empty() && word.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            out.push(word.to_string());
        }
        rest = &after[end + 1..];
    }
    out
}

/// The text of keyword argument `name` in an argument list (`type=MyGroup, name="x"`).
fn keyword_value<'t>(args: &'t str, name: &str) -> Option<&'t str> {
    let mut rest = args;
    while let Some(i) = rest.find(name) {
        let before = rest[..i].chars().next_back();
        let after = rest[i + name.len()..].trim_start();
        if !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
            && let Some(value) = after.strip_prefix('=').filter(|v| !v.starts_with('='))
        {
            let value = value.trim_start();
            let end = value.find([',', ')', '\n']).unwrap_or(value.len());
            return Some(value[..end].trim()).filter(|v| !v.is_empty());
        }
        rest = &rest[i + name.len()..];
    }
    None
}
