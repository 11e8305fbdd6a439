//! Type inference for bpy expressions: module chains, RNA properties and collections,
//! subscripts, loops, assignments, parameters, RNA function returns, and the subtype a
//! call names (`modifiers.new(type='BEVEL')` -> BevelModifier).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use tree_sitter::Node;

use super::document::Document;
use super::scope::{BindingKind, ScopeKind};
use super::ty::Ty;
use crate::api::model::{MemberKind, PlainReturn, Prop, PropType};
use crate::api::{ApiDb, StructMember};

const MAX_DEPTH: u32 = 40;

/// Where the expression being inferred comes from: the document itself, or a snippet cut
/// out of the text at the cursor (whose names are looked up at the cursor).
#[derive(Clone, Copy)]
pub struct Source<'s> {
    pub text: &'s str,
    /// For snippets: the document offset at which names are resolved.
    pub lookup_at: Option<usize>,
}

pub struct Infer<'a> {
    pub db: &'a ApiDb,
    pub doc: &'a Document,
    depth: Cell<u32>,
    /// Set when an inference was cut at MAX_DEPTH: its result is not cached.
    cut: Cell<bool>,
    /// The type of each binding inferred so far, by the binding's address in the document's
    /// scopes. A long script rebinds `obj` hundreds of times; without this, strict lookups
    /// (which compare all bindings of a name) re-infer them at every use.
    bindings: RefCell<HashMap<usize, Ty>>,
    /// Strict lookups: whether all bindings of a name in a scope have one type, by the
    /// address of the scope's binding list. Asked at every use of the name, and a long
    /// script binds `obj` thousands of times: comparing them all at every use was quadratic.
    agreed: RefCell<HashMap<usize, Agreement>>,
    /// Read names from assignment lines when the tree hides them (completion on broken
    /// code). Off for linting, which must not guess.
    text_fallback: bool,
}

#[derive(Clone)]
enum Agreement {
    /// Being computed: a binding of the name refers to the name (`obj = obj.parent`), and
    /// is taken to agree while the others are compared.
    Computing,
    One(Ty),
    Mixed,
}

/// Modules of the `bpy` package that scripts reach as attributes of `bpy`.
const BPY_SUBMODULES: &[&str] = &["app", "context", "data", "msgbus", "ops", "path", "props", "types", "utils"];

impl<'a> Infer<'a> {
    pub fn new(db: &'a ApiDb, doc: &'a Document) -> Infer<'a> {
        Infer {
            db,
            doc,
            depth: Cell::new(0),
            cut: Cell::new(false),
            bindings: Default::default(),
            agreed: Default::default(),
            text_fallback: true,
        }
    }

    /// Inference that only trusts the syntax tree (for diagnostics).
    pub fn strict(db: &'a ApiDb, doc: &'a Document) -> Infer<'a> {
        Infer {
            db,
            doc,
            depth: Cell::new(0),
            cut: Cell::new(false),
            bindings: Default::default(),
            agreed: Default::default(),
            text_fallback: false,
        }
    }

    fn doc_source(&self) -> Source<'a> {
        Source { text: self.doc.text(), lookup_at: None }
    }

    /// Infer the expression of the document at this byte range (a recorded binding).
    fn range(&self, range: &std::ops::Range<usize>) -> Ty {
        if range.is_empty() {
            return Ty::Unknown;
        }
        let Some(tree) = self.doc.tree() else {
            return Ty::Unknown;
        };
        let Some(node) = tree.root_node().named_descendant_for_byte_range(range.start, range.end) else {
            return Ty::Unknown;
        };
        // The smallest node spanning the range may be a child of the expression.
        let mut node = node;
        while (node.start_byte() != range.start || node.end_byte() != range.end) && node.parent().is_some() {
            match node.parent() {
                Some(p) if p.start_byte() >= range.start && p.end_byte() <= range.end => node = p,
                _ => break,
            }
        }
        self.expr(node, self.doc_source())
    }

    /// The type of the document's expression at `range`.
    pub fn range_ty(&self, range: &std::ops::Range<usize>) -> Ty {
        self.range(range)
    }

    /// The type of an expression cut out of the text, its names looked up at `at`.
    pub fn text_ty(&self, text: &str, at: usize) -> Ty {
        super::resolve::infer_text(self, text, at)
    }

    /// Completion and hover (not lint) know the document's own classes and functions.
    fn knows_own_code(&self) -> bool {
        self.text_fallback
    }

    pub fn expr(&self, node: Node, src: Source) -> Ty {
        let depth = self.depth.get();
        if depth > MAX_DEPTH {
            self.cut.set(true);
            return Ty::Unknown;
        }
        self.depth.set(depth + 1);
        let ty = self.expr_inner(node, src);
        self.depth.set(depth);
        ty
    }

    fn text<'s>(&self, node: Node, src: Source<'s>) -> &'s str {
        src.text.get(node.start_byte()..node.end_byte()).unwrap_or("")
    }

    fn expr_inner(&self, node: Node, src: Source) -> Ty {
        match node.kind() {
            "identifier" => {
                let at = src.lookup_at.unwrap_or(node.start_byte());
                self.name(self.text(node, src), at)
            }
            "attribute" => {
                let (Some(object), Some(attr)) =
                    (node.child_by_field_name("object"), node.child_by_field_name("attribute"))
                else {
                    return Ty::Unknown;
                };
                let base = self.expr(object, src);
                let name = self.text(attr, src);
                if name == "space_data"
                    && matches!(&base, Ty::Struct(c) if c == "Context")
                    && let Some(space) = self.space_of_class_at(src.lookup_at.unwrap_or(node.start_byte()))
                {
                    return Ty::Struct(space);
                }
                self.attribute(&base, name)
            }
            "subscript" => {
                let Some(value) = node.child_by_field_name("value") else {
                    return Ty::Unknown;
                };
                let base = self.expr(value, src);
                let key = node.child_by_field_name("subscript");
                let key_str = key.and_then(|k| string_value(k, src.text));
                let is_slice = key.is_some_and(|k| k.kind() == "slice");
                if is_slice {
                    return match base {
                        Ty::Collection { item, .. } => Ty::List(Box::new(Ty::Struct(item))),
                        other => other,
                    };
                }
                self.subscript(&base, key_str.as_deref())
            }
            "call" => self.call(node, src),
            "parenthesized_expression" => node.named_child(0).map(|n| self.expr(n, src)).unwrap_or(Ty::Unknown),
            "string" | "concatenated_string" => Ty::Builtin("str"),
            "integer" => Ty::Builtin("int"),
            "float" => Ty::Builtin("float"),
            "true" | "false" | "comparison_operator" | "not_operator" => Ty::Builtin("bool"),
            // `a and b` is `b` when it matters; `a or b` is `a` when that is set.
            "boolean_operator" => {
                let op = node.child_by_field_name("operator").map(|o| o.kind()).unwrap_or("");
                let side = if op == "and" { "right" } else { "left" };
                node.child_by_field_name(side).map(|n| self.expr(n, src)).unwrap_or(Ty::Unknown)
            }
            "conditional_expression" => node.named_child(0).map(|n| self.expr(n, src)).unwrap_or(Ty::Unknown),
            "binary_operator" => {
                // Vector and matrix arithmetic keeps the mathutils type of the left side.
                let left = node.child_by_field_name("left").map(|n| self.expr(n, src)).unwrap_or(Ty::Unknown);
                match &left {
                    Ty::PyInstance { .. } => left,
                    Ty::Builtin(b @ ("int" | "float")) => {
                        let right = node.child_by_field_name("right").map(|n| self.expr(n, src)).unwrap_or(Ty::Unknown);
                        if matches!(right, Ty::PyInstance { .. }) { right } else { Ty::Builtin(b) }
                    }
                    _ => Ty::Unknown,
                }
            }
            "list_comprehension" => {
                let body = node.child_by_field_name("body").map(|n| self.expr(n, src)).unwrap_or(Ty::Unknown);
                if body.is_unknown() { Ty::Unknown } else { Ty::List(Box::new(body)) }
            }
            "list" => {
                let first = node.named_child(0).map(|n| self.expr(n, src)).unwrap_or(Ty::Unknown);
                match first {
                    // Completion offers a list's methods on `self.items = []`; lint does not
                    // judge what is appended to it.
                    Ty::Unknown if self.text_fallback => Ty::Builtin("list"),
                    Ty::Unknown => Ty::Unknown,
                    t => Ty::List(Box::new(t)),
                }
            }
            "dictionary" | "dictionary_comprehension" if self.text_fallback => Ty::Builtin("dict"),
            "set" | "set_comprehension" if self.text_fallback => Ty::Builtin("set"),
            "tuple" if self.text_fallback => Ty::Builtin("tuple"),
            "expression_statement" => node.named_child(0).map(|n| self.expr(n, src)).unwrap_or(Ty::Unknown),
            _ => Ty::Unknown,
        }
    }

    /// What the name means at `at`: a binding in scope, else a well-known global.
    pub fn name(&self, name: &str, at: usize) -> Ty {
        if let Some((scope, binding)) = self.doc.scopes().lookup(name, at) {
            let ty = self.binding(name, scope, &binding.kind);
            // Strict: a name bound to different types in branches (`items = objects` /
            // `items = bones`) has no single type.
            if !self.text_fallback && !ty.is_unknown() {
                let all = self.doc.scopes().scopes.get(scope).and_then(|s| s.bindings.get(name));
                if all.is_some_and(|all| all.len() > 1 && !self.all_agree(name, scope, all, &ty)) {
                    return Ty::Unknown;
                }
            }
            return ty;
        }
        // Broken code around the assignment can hide it from the tree: read it from the text.
        if self.text_fallback {
            let by_text = self.name_from_text(name, at);
            if !by_text.is_unknown() {
                return by_text;
            }
        }
        match name {
            "bpy" | "bmesh" | "mathutils" | "bpy_extras" | "gpu" | "blf" | "aud" => Ty::module(name),
            // Blender's Python console defines these.
            "C" => Ty::struct_("Context"),
            "D" => Ty::struct_("BlendData"),
            _ => Ty::Unknown,
        }
    }

    /// Whether every binding in `all` (those of `name` in `scope`) has the type `ty`.
    fn all_agree(&self, name: &str, scope: usize, all: &[super::scope::Binding], ty: &Ty) -> bool {
        let key = all.as_ptr() as usize;
        let known = self.agreed.borrow().get(&key).cloned();
        let agreement = match known {
            Some(a) => a,
            None => {
                self.agreed.borrow_mut().insert(key, Agreement::Computing);
                let outer_cut = self.cut.replace(false);
                let mut types = all.iter().map(|b| self.binding(name, scope, &b.kind));
                let first = types.next().unwrap_or(Ty::Unknown);
                let a = if types.all(|t| t == first) { Agreement::One(first) } else { Agreement::Mixed };
                if self.cut.get() {
                    self.agreed.borrow_mut().remove(&key);
                } else {
                    self.agreed.borrow_mut().insert(key, a.clone());
                }
                self.cut.set(outer_cut || self.cut.get());
                a
            }
        };
        match agreement {
            Agreement::Computing => true,
            Agreement::One(t) => &t == ty,
            Agreement::Mixed => false,
        }
    }

    /// The last line before `at` that reads `name = <expr>`: infer `<expr>` on its own.
    fn name_from_text(&self, name: &str, at: usize) -> Ty {
        let text = self.doc.text();
        let at = super::document::floor_char_boundary(text, at);
        let floor = super::document::floor_char_boundary(text, at.saturating_sub(64 * 1024));
        for line in text[floor..at].lines().rev() {
            let trimmed = line.trim_start();
            let Some(rest) = trimmed.strip_prefix(name) else { continue };
            let rest = rest.trim_start();
            if !rest.starts_with('=') || rest.starts_with("==") {
                continue;
            }
            let value = rest[1..].trim();
            if value.is_empty() || value.starts_with(name) {
                return Ty::Unknown;
            }
            // Names in the value are looked up where the line is.
            let line_at = line.as_ptr() as usize - text.as_ptr() as usize;
            return super::resolve::infer_text(self, value, line_at);
        }
        Ty::Unknown
    }

    fn binding(&self, name: &str, scope: usize, kind: &BindingKind) -> Ty {
        let key = kind as *const BindingKind as usize;
        if let Some(ty) = self.bindings.borrow().get(&key) {
            return ty.clone();
        }
        let outer_cut = self.cut.replace(false);
        let ty = self.binding_uncached(name, scope, kind);
        if !self.cut.get() {
            self.bindings.borrow_mut().insert(key, ty.clone());
        }
        self.cut.set(outer_cut || self.cut.get());
        ty
    }

    fn binding_uncached(&self, name: &str, scope: usize, kind: &BindingKind) -> Ty {
        match kind {
            BindingKind::Value(r) | BindingKind::WithValue(r) => self.range(r),
            BindingKind::Annotation(r) => instance_of(self.range(r)),
            BindingKind::Item(r) => self.range(r).item(),
            BindingKind::PairItem(r) => self.pair_item(r),
            BindingKind::Element { value, index } => self.element(value, *index),
            BindingKind::Import { module, attr: None } => Ty::Module(module.clone()),
            BindingKind::Import { module, attr: Some(attr) } => {
                if module.starts_with('.') {
                    return if self.knows_own_code() { self.package_import(module, attr) } else { Ty::Unknown };
                }
                let full = format!("{module}.{attr}");
                if self.is_module(&full) {
                    return Ty::Module(full);
                }
                self.attribute(&Ty::Module(module.clone()), attr)
            }
            BindingKind::Param { index, annotation, default, function } => {
                if let Some(a) = annotation {
                    let t = instance_of(self.range(a));
                    if !t.is_unknown() {
                        return t;
                    }
                }
                if *index == 0 && matches!(name, "self" | "cls") {
                    if self.knows_own_code()
                        && let Some(class) = self.doc.scopes().scopes.get(*function).and_then(|f| f.parent)
                        && let Some(c) = self.doc.scopes().scopes.get(class).filter(|c| c.kind == ScopeKind::Class)
                    {
                        return Ty::User { scope: class, name: c.name.clone(), instance: name == "self" };
                    }
                    return self.class_instance_of_method(*function);
                }
                if let Some(d) = default {
                    let t = self.range(d);
                    if !t.is_unknown() {
                        return t;
                    }
                }
                match conventional_param(name) {
                    Ty::Unknown if self.knows_own_code() => named_param(name),
                    t => t,
                }
            }
            BindingKind::Class(id) if self.knows_own_code() => {
                Ty::User { scope: *id, name: name.to_string(), instance: false }
            }
            BindingKind::Class(id) => self.class_type(*id).map(Ty::StructClass).unwrap_or(Ty::Unknown),
            BindingKind::Function(id) if self.knows_own_code() => Ty::OwnFunc { scope: *id, name: name.to_string() },
            BindingKind::Function(_) => {
                let _ = scope;
                Ty::Unknown
            }
        }
    }

    /// Element `index` of the value at `r` when it is unpacked: an output of an RNA function
    /// that returns several (`UILayout.panel` gives header and body), an item of a list.
    fn element(&self, r: &std::ops::Range<usize>, index: usize) -> Ty {
        let call = self
            .doc
            .tree()
            .and_then(|t| t.root_node().named_descendant_for_byte_range(r.start, r.end))
            .filter(|n| n.kind() == "call" && n.byte_range() == *r);
        if let Some(func) = call.and_then(|c| c.child_by_field_name("function"))
            && let Ty::RnaFunc { owner, name } = self.expr(func, self.doc_source())
            && let Some(StructMember::Func(_, f)) = self.db.member(&owner, &name)
            && f.returns.len() > 1
        {
            return f.returns.get(index).map(|p| self.prop_ty(p, &owner)).unwrap_or(Ty::Unknown);
        }
        match self.range(r) {
            Ty::List(item) => *item,
            Ty::Collection { item, .. } => Ty::Struct(item),
            _ => Ty::Unknown,
        }
    }

    /// `for i, x in enumerate(coll)` / `for k, x in coll.items()`
    fn pair_item(&self, r: &std::ops::Range<usize>) -> Ty {
        let Some(tree) = self.doc.tree() else {
            return Ty::Unknown;
        };
        let Some(node) = tree.root_node().named_descendant_for_byte_range(r.start, r.end) else {
            return Ty::Unknown;
        };
        if node.kind() != "call" {
            return Ty::Unknown;
        }
        let src = self.doc_source();
        let func = node.child_by_field_name("function");
        let first_arg = node.child_by_field_name("arguments").and_then(|a| a.named_child(0));
        match func {
            Some(f) if f.kind() == "identifier" && self.text(f, src) == "enumerate" => {
                first_arg.map(|a| self.expr(a, src).item()).unwrap_or(Ty::Unknown)
            }
            Some(f) if f.kind() == "attribute" => {
                let attr = f.child_by_field_name("attribute").map(|a| self.text(a, src));
                let object = f.child_by_field_name("object");
                match (attr, object) {
                    (Some("items"), Some(o)) => self.expr(o, src).item(),
                    _ => Ty::Unknown,
                }
            }
            _ => Ty::Unknown,
        }
    }

    /// `context.space_data` in a class that says which editor it belongs to
    /// (`bl_space_type = 'VIEW_3D'`, itself or through a base class of this file) is that
    /// editor's space: SpaceView3D rather than the base Space.
    fn space_of_class_at(&self, at: usize) -> Option<String> {
        let scopes = self.doc.scopes();
        let mut scope = Some(scopes.scope_at(at));
        while let Some(id) = scope {
            let s = &scopes.scopes[id];
            if s.kind == ScopeKind::Class {
                if let Some(space_type) = self.class_attribute_literal(id, "bl_space_type", 0) {
                    return space_struct(self.db, &space_type);
                }
                // Menus have no bl_space_type; Blender's naming convention puts the editor
                // first (`NODE_MT_add`, `VIEW3D_MT_object`). A guess: completion only.
                let editor = s.name.split_once("_MT_").map(|(e, _)| e).filter(|_| self.text_fallback)?;
                return space_struct(self.db, editor);
            }
            scope = s.parent;
        }
        None
    }

    /// The RNA struct the class whose body holds `at` derives from (`Panel` for
    /// `class MY_PT_x(bpy.types.Panel)`), directly or through classes of this file.
    pub fn rna_base_of_class_at(&self, at: usize) -> Option<String> {
        let scopes = self.doc.scopes();
        let id = scopes.scope_at(at);
        (scopes.scopes.get(id)?.kind == ScopeKind::Class).then(|| self.class_type(id)).flatten()
    }

    /// The string literal a class (or a base class in this file) assigns to `name`. When
    /// bases disagree the answer depends on Python's method resolution order: none.
    fn class_attribute_literal(&self, class_scope: usize, name: &str, depth: u32) -> Option<String> {
        let scopes = self.doc.scopes();
        let scope = scopes.scopes.get(class_scope)?;
        let text = self.doc.text();
        if let Some(BindingKind::Value(r)) = scope.bindings.get(name).and_then(|b| b.last()).map(|b| &b.kind) {
            return string_literal(text.get(r.clone())?).map(str::to_string);
        }
        if depth >= 8 {
            return None;
        }
        let mut found: Option<String> = None;
        for base in &scope.bases {
            let Some(base_name) = text.get(base.clone()) else { continue };
            let Some(BindingKind::Class(id)) = scopes.lookup(base_name, base.start).map(|(_, b)| &b.kind) else {
                continue;
            };
            if *id == class_scope {
                continue;
            }
            match (self.class_attribute_literal(*id, name, depth + 1), &found) {
                (Some(v), Some(f)) if &v != f => return None,
                (Some(v), None) => found = Some(v),
                _ => {}
            }
        }
        found
    }

    /// The RNA struct a user class derives from (directly or through other user classes).
    fn class_type(&self, class_scope: usize) -> Option<String> {
        let scopes = self.doc.scopes();
        let scope = scopes.scopes.get(class_scope)?;
        for base in &scope.bases {
            match self.range(base) {
                Ty::StructClass(s) => return Some(s),
                Ty::User { scope: id, .. } if id != class_scope => {
                    if let Some(s) = self.class_rna_base(id) {
                        return Some(s);
                    }
                }
                Ty::PackageClass { module, scope, .. } => {
                    if let Some(s) = self.in_module(module, |i| i.class_rna_base(scope)).flatten() {
                        return Some(s);
                    }
                }
                _ => continue,
            }
        }
        None
    }

    fn class_instance_of_method(&self, function: usize) -> Ty {
        let scopes = self.doc.scopes();
        let Some(parent) = scopes.scopes.get(function).and_then(|f| f.parent) else {
            return Ty::Unknown;
        };
        if scopes.scopes[parent].kind != ScopeKind::Class {
            return Ty::Unknown;
        }
        self.class_type(parent).map(Ty::Struct).unwrap_or(Ty::Unknown)
    }

    fn is_module(&self, name: &str) -> bool {
        self.db.module(name).is_some() || matches!(name, "bpy" | "bpy.types" | "bpy.ops" | "bpy.data" | "bpy.context")
    }

    /// The type of `base.attr`.
    pub fn attribute(&self, base: &Ty, attr: &str) -> Ty {
        match base {
            Ty::Module(m) if m == "bpy" => match attr {
                "data" => Ty::struct_("BlendData"),
                "context" => Ty::struct_("Context"),
                "ops" | "types" => Ty::Module(format!("bpy.{attr}")),
                _ if BPY_SUBMODULES.contains(&attr) => Ty::Module(format!("bpy.{attr}")),
                _ => Ty::Unknown,
            },
            Ty::Module(m) if m == "bpy.ops" => {
                if self.db.operator_modules().any(|x| x == attr) {
                    Ty::OpModule(attr.to_string())
                } else {
                    Ty::Unknown
                }
            }
            Ty::Module(m) if m == "bpy.types" => {
                if self.db.struct_(attr).is_some() {
                    Ty::StructClass(attr.to_string())
                } else {
                    Ty::Unknown
                }
            }
            Ty::Module(m) => self.module_attribute(m, attr),
            Ty::OpModule(m) => {
                if self.db.operator(m, attr).is_some() {
                    Ty::Operator(m.clone(), attr.to_string())
                } else {
                    Ty::Unknown
                }
            }
            Ty::Struct(s) | Ty::StructClass(s) => self.struct_attribute(s, attr),
            Ty::OperatorProperties(m, n) => {
                match self.db.operator(m, n).and_then(|op| op.params.iter().find(|p| p.name == attr)) {
                    Some(p) => self.prop_ty(p, "OperatorProperties"),
                    None => Ty::Unknown,
                }
            }
            // Panels, menus and their mixins all draw into `self.layout`.
            Ty::Unknown if attr == "layout" => Ty::struct_("UILayout"),
            Ty::User { scope, instance, .. } => self.own_attribute(*scope, *instance, attr),
            Ty::PackageClass { module, scope, instance, .. } => {
                self.package_class_attribute(*module, *scope, *instance, attr)
            }
            Ty::PackageModule(module) => self.package_module_member(*module, attr),
            Ty::Collection { wrapper, item, .. } => {
                // The collection's own methods come first: the wrapper struct also inherits
                // bpy_struct's `get`, which reads ID properties instead.
                if COLLECTION_METHODS.iter().any(|(n, _)| *n == attr) {
                    return Ty::RnaFunc { owner: format!("bpy_prop_collection[{item}]"), name: attr.to_string() };
                }
                match wrapper.as_deref().and_then(|w| self.db.member(w, attr).map(|m| (w, m))) {
                    Some((w, m)) => self.member_ty(m, w),
                    // The context's sequences are Python lists.
                    None if wrapper.is_none() && is_context_list(base) => {
                        self.attribute(&Ty::List(Box::new(Ty::Struct(item.clone()))), attr)
                    }
                    None => Ty::Unknown,
                }
            }
            Ty::PyInstance { .. } | Ty::PyClass { .. } | Ty::Builtin(_) | Ty::List(_) => {
                let Some((module, class)) = base.py_class() else { return Ty::Unknown };
                let (module, class) = (&module.to_string(), &class.to_string());
                let Some(member) = self.db.class_member(module, class, attr) else {
                    return Ty::Unknown;
                };
                match member.kind {
                    MemberKind::Method | MemberKind::Function => {
                        Ty::PyFunc { module: module.clone(), class: Some(class.clone()), name: attr.to_string() }
                    }
                    _ => self.doc_type(member.ty.as_deref().unwrap_or(""), module),
                }
            }
            _ => Ty::Unknown,
        }
    }

    fn module_attribute(&self, module: &str, attr: &str) -> Ty {
        let full = format!("{module}.{attr}");
        if self.db.module(&full).is_some() {
            return Ty::Module(full);
        }
        let Some(m) = self.db.module(module) else {
            return Ty::Unknown;
        };
        let Some(member) = m.members.iter().find(|x| x.name == attr) else {
            return Ty::Unknown;
        };
        match member.kind {
            MemberKind::Class => Ty::PyClass { module: module.to_string(), class: attr.to_string() },
            MemberKind::Function | MemberKind::Method => {
                Ty::PyFunc { module: module.to_string(), class: None, name: attr.to_string() }
            }
            MemberKind::Module => Ty::Module(full),
            _ => self.doc_type(member.ty.as_deref().unwrap_or(""), module),
        }
    }

    fn struct_attribute(&self, s: &str, attr: &str) -> Ty {
        if s == "Context"
            && let Some(p) = self.db.context_member(attr)
        {
            return self.prop_ty(p, "Context");
        }
        match self.db.member(s, attr) {
            Some(m) => self.member_ty(m, s),
            // `bpy.types.Scene.my_tool = PointerProperty(type=MyGroup)` in this document.
            None if self.knows_own_code() => self.registered_attribute(s, attr).unwrap_or(Ty::Unknown),
            None => Ty::Unknown,
        }
    }

    fn member_ty(&self, m: StructMember, receiver: &str) -> Ty {
        match m {
            StructMember::Prop(_, p) => self.prop_ty(p, receiver),
            StructMember::Func(_, f) => Ty::RnaFunc { owner: receiver.to_string(), name: f.name.clone() },
            StructMember::Py(owner, member) => match member.kind {
                MemberKind::Method | MemberKind::Function => {
                    Ty::PyFunc { module: "bpy.types".into(), class: Some(owner.to_string()), name: member.name.clone() }
                }
                _ => match (owner, member.name.as_str()) {
                    // Python properties whose docstrings give no type.
                    ("Object", "children" | "children_recursive") => Ty::List(Box::new(Ty::struct_("Object"))),
                    ("Object", "users_collection") => Ty::List(Box::new(Ty::struct_("Collection"))),
                    ("Object", "users_scene") => Ty::List(Box::new(Ty::struct_("Scene"))),
                    _ => self.doc_type(member.ty.as_deref().unwrap_or(""), "bpy.types"),
                },
            },
        }
    }

    /// The value type of an RNA property read on an instance of `receiver`.
    pub fn prop_ty(&self, p: &Prop, receiver: &str) -> Ty {
        match p.ty {
            PropType::Pointer => match &p.fixed_type {
                Some(t) => Ty::Struct(refine_pointer(self.db, receiver, &p.name, t)),
                None => Ty::Unknown,
            },
            PropType::Collection => match &p.fixed_type {
                Some(t) => Ty::Collection {
                    item: t.clone(),
                    wrapper: p.collection_type.clone(),
                    owner: Some(receiver.to_string()),
                },
                None => Ty::Unknown,
            },
            PropType::Float if p.array_length > 0 => {
                let class = match p.subtype.as_deref().unwrap_or("NONE") {
                    "TRANSLATION" | "DIRECTION" | "VELOCITY" | "ACCELERATION" | "XYZ" | "XYZ_LENGTH"
                    | "COORDINATES" => Some("Vector"),
                    "EULER" => Some("Euler"),
                    "QUATERNION" => Some("Quaternion"),
                    "MATRIX" => Some("Matrix"),
                    "COLOR" | "COLOR_GAMMA" if p.array_length == 3 => Some("Color"),
                    _ => None,
                };
                match class {
                    Some(c) => Ty::PyInstance { module: "mathutils".into(), class: c.into() },
                    None => Ty::Unknown,
                }
            }
            PropType::Float => Ty::Builtin("float"),
            PropType::Int if p.array_length == 0 => Ty::Builtin("int"),
            PropType::Boolean if p.array_length == 0 => Ty::Builtin("bool"),
            PropType::String => Ty::Builtin("str"),
            PropType::Enum if !p.enum_flag => Ty::Builtin("str"),
            _ => Ty::Unknown,
        }
    }

    /// A type as docstrings write it ("Vector", ":class:`bmesh.types.BMesh`", "list of BMFace").
    pub fn doc_type(&self, written: &str, module: &str) -> Ty {
        let cleaned = written.replace(":class:", "").replace('`', "");
        let cleaned = cleaned.trim();
        for prefix in ["list of ", "sequence of ", "tuple of "] {
            if let Some(rest) = cleaned.strip_prefix(prefix) {
                let inner = self.doc_type(rest, module);
                return if inner.is_unknown() { Ty::Unknown } else { Ty::List(Box::new(inner)) };
            }
        }
        let first = cleaned.split([' ', ',', '|']).next().unwrap_or("");
        match first {
            "float" => return Ty::Builtin("float"),
            "int" => return Ty::Builtin("int"),
            "bool" | "boolean" => return Ty::Builtin("bool"),
            "str" | "string" => return Ty::Builtin("str"),
            _ => {}
        }
        let (path, name) = match first.rfind('.') {
            Some(i) => (&first[..i], &first[i + 1..]),
            None => ("", first),
        };
        if name.is_empty() {
            return Ty::Unknown;
        }
        if path == "bpy.types"
            || (path.is_empty() && self.db.struct_(name).is_some() && self.db.find_class(name).is_none())
        {
            return if self.db.struct_(name).is_some() { Ty::Struct(name.to_string()) } else { Ty::Unknown };
        }
        if !path.is_empty() && self.db.module_class(path, name).is_some() {
            return Ty::PyInstance { module: path.to_string(), class: name.to_string() };
        }
        if self.db.module_class(module, name).is_some() {
            return Ty::PyInstance { module: module.to_string(), class: name.to_string() };
        }
        match self.db.find_class(name) {
            Some((m, c)) => Ty::PyInstance { module: m.name.clone(), class: c.name.clone() },
            None => Ty::Unknown,
        }
    }

    /// `base[key]`
    pub fn subscript(&self, base: &Ty, key: Option<&str>) -> Ty {
        match base {
            Ty::Collection { item, owner, .. } => {
                if let Some(key) = key
                    && let Some(t) = self.keyed_item(item, owner.as_deref(), key)
                {
                    return t;
                }
                Ty::Struct(item.clone())
            }
            Ty::List(inner) => (**inner).clone(),
            Ty::PyInstance { module, class } if module == "mathutils" => match class.as_str() {
                "Matrix" => Ty::PyInstance { module: module.clone(), class: "Vector".into() },
                "Vector" | "Color" | "Euler" | "Quaternion" => Ty::Builtin("float"),
                _ => Ty::Unknown,
            },
            _ => Ty::Unknown,
        }
    }

    /// Items whose type the key decides: `nodes["Principled BSDF"]`, `node.inputs["Base Color"]`.
    fn keyed_item(&self, item: &str, owner: Option<&str>, key: &str) -> Option<Ty> {
        if item == "Node" {
            let tree = owner.filter(|o| o.ends_with("NodeTree"));
            let node = self.db.node_by_label(key, tree)?;
            return self.db.struct_(&node.idname).map(|_| Ty::Struct(node.idname.clone()));
        }
        if item == "NodeSocket" {
            let node = self.db.node(owner?)?;
            let mut sockets = node.inputs.iter().chain(node.outputs.iter());
            let socket = sockets.find(|s| s.name == key || s.identifier == key)?;
            // Sockets that share a name (Random Value's "Min" for each data type): which one a
            // name finds depends on the node's data, so the type is not known.
            let mut all = node.inputs.iter().chain(node.outputs.iter());
            if all.any(|s| s.name == key && s.idname != socket.idname) {
                return None;
            }
            return self.db.struct_(&socket.idname).map(|_| Ty::Struct(socket.idname.clone()));
        }
        None
    }

    fn call(&self, node: Node, src: Source) -> Ty {
        let Some(func) = node.child_by_field_name("function") else {
            return Ty::Unknown;
        };
        let args = node.child_by_field_name("arguments");
        if func.kind() == "identifier" {
            match self.text(func, src) {
                "list" | "sorted" | "reversed" | "tuple" => {
                    let inner = args.and_then(|a| a.named_child(0)).map(|a| self.expr(a, src)).unwrap_or(Ty::Unknown);
                    let item = inner.item();
                    return if item.is_unknown() { Ty::Unknown } else { Ty::List(Box::new(item)) };
                }
                "len" | "int" | "round" => return Ty::Builtin("int"),
                "str" | "repr" => return Ty::Builtin("str"),
                "float" => return Ty::Builtin("float"),
                "bool" | "isinstance" | "hasattr" => return Ty::Builtin("bool"),
                "next" | "iter" => {
                    return args
                        .and_then(|a| a.named_child(0))
                        .map(|a| self.expr(a, src).item())
                        .unwrap_or(Ty::Unknown);
                }
                _ => {}
            }
        }
        let callee = self.expr(func, src);
        match &callee {
            Ty::StructClass(s) => Ty::Struct(s.clone()),
            Ty::User { scope, name, instance: false } => Ty::User { scope: *scope, name: name.clone(), instance: true },
            Ty::PackageClass { module, scope, name, instance: false } => {
                Ty::PackageClass { module: *module, scope: *scope, name: name.clone(), instance: true }
            }
            Ty::OwnFunc { scope, .. } => self.own_call(*scope),
            Ty::PyClass { module, class } => Ty::PyInstance { module: module.clone(), class: class.clone() },
            Ty::RnaFunc { owner, name } => self.rna_call(owner, name, args, src),
            Ty::PyFunc { module, class, name } => {
                let member = match class {
                    Some(c) => self.db.class_member(module, c, name),
                    None => self.db.module(module).and_then(|m| m.members.iter().find(|x| &x.name == name)),
                };
                match member.and_then(|m| m.returns.as_deref()) {
                    Some(r) => {
                        let t = self.doc_type(r, module);
                        // Methods such as `normalized` are documented as returning their class.
                        if t.is_unknown() && r.contains("copy") {
                            class
                                .as_ref()
                                .map(|c| Ty::PyInstance { module: module.clone(), class: c.clone() })
                                .unwrap_or(Ty::Unknown)
                        } else {
                            t
                        }
                    }
                    None => match member.and_then(|m| m.returns_in_words) {
                        Some(PlainReturn::Str) => Ty::Builtin("str"),
                        Some(PlainReturn::Bool) => Ty::Builtin("bool"),
                        None => Ty::Unknown,
                    },
                }
            }
            _ => {
                // A function defined in this file with a return annotation.
                if func.kind() == "identifier" {
                    let at = src.lookup_at.unwrap_or(func.start_byte());
                    if let Some((_, b)) = self.doc.scopes().lookup(self.text(func, src), at)
                        && let BindingKind::Function(id) = b.kind
                        && let Some(r) = self.doc.scopes().scopes.get(id).and_then(|s| s.returns.clone())
                    {
                        return instance_of(self.range(&r));
                    }
                }
                Ty::Unknown
            }
        }
    }

    fn rna_call(&self, owner: &str, name: &str, args: Option<Node>, src: Source) -> Ty {
        if let Some(item) = owner.strip_prefix("bpy_prop_collection[").and_then(|s| s.strip_suffix(']')) {
            // `nodes.get("Principled BSDF")` knows the node as `nodes["Principled BSDF"]` does.
            let key = args.and_then(|a| argument(a, src.text, "key", 0)).and_then(|k| string_value(k, src.text));
            if let (Some(key), "get") = (key, name)
                && let Some(t) = self.keyed_item(item, None, &key)
            {
                return t;
            }
            return match name {
                "get" => Ty::Struct(item.to_string()),
                "values" => Ty::List(Box::new(Ty::Struct(item.to_string()))),
                "keys" => Ty::List(Box::new(Ty::Builtin("str"))),
                "find" => Ty::Builtin("int"),
                _ => Ty::Unknown,
            };
        }
        let Some(StructMember::Func(_, f)) = self.db.member(owner, name) else {
            return Ty::Unknown;
        };
        let Some(ret) = f.returns.first() else {
            return Ty::Unknown;
        };
        let base = self.prop_ty(ret, owner);
        // `layout.operator("mesh.select_all")` returns that operator's properties.
        if ret.fixed_type.as_deref() == Some("OperatorProperties") {
            let id = args.and_then(|a| argument(a, src.text, "operator", 0)).and_then(|n| string_value(n, src.text));
            if let Some((m, n)) = id.as_deref().and_then(|id| id.split_once('.'))
                && self.db.operator(m, n).is_some()
            {
                return Ty::OperatorProperties(m.to_string(), n.to_string());
            }
        }
        // The subtype the call names: a node id, or a `type` enum matching a subclass.
        let Some(args) = args else { return base };
        let Ty::Struct(base_name) = &base else {
            return base;
        };
        let type_index = f.params.iter().position(|p| p.name == "type");
        let Some(type_index) = type_index else {
            return base;
        };
        let Some(value) = argument(args, src.text, "type", type_index).and_then(|n| string_value(n, src.text)) else {
            return base;
        };
        match subtype_named(self.db, base_name, &value) {
            Some(s) => Ty::Struct(s),
            None => base,
        }
    }
}

/// The members that every `bpy_prop_collection` has, with a one-line description.
pub const COLLECTION_METHODS: &[(&str, &str)] = &[
    ("get", "get(key, default=None): the item named key, or default"),
    ("keys", "keys(): the names of the items"),
    ("values", "values(): the items"),
    ("items", "items(): (name, item) pairs"),
    ("find", "find(key): the index of the item named key, or -1"),
    ("foreach_get", "foreach_get(attr, seq): read attr of all items into a flat sequence"),
    ("foreach_set", "foreach_set(attr, seq): write attr of all items from a flat sequence"),
];

/// `context.selected_objects` and the other sequences of the context: Python lists.
pub fn is_context_list(ty: &Ty) -> bool {
    matches!(ty, Ty::Collection { wrapper: None, owner: Some(o), .. } if o == "Context")
}

/// An annotation names a class; the annotated value is an instance of it.
pub fn instance_of(t: Ty) -> Ty {
    match t {
        Ty::StructClass(s) => Ty::Struct(s),
        Ty::User { scope, name, .. } => Ty::User { scope, name, instance: true },
        Ty::PackageClass { module, scope, name, .. } => Ty::PackageClass { module, scope, name, instance: true },
        Ty::PyClass { module, class } => Ty::PyInstance { module, class },
        Ty::Struct(_) | Ty::PyInstance { .. } => t,
        Ty::Builtin(_) => t,
        _ => Ty::Unknown,
    }
}

/// Parameters that Blender's callbacks always receive under these names.
fn conventional_param(name: &str) -> Ty {
    match name {
        "context" => Ty::struct_("Context"),
        "event" => Ty::struct_("Event"),
        "layout" => Ty::struct_("UILayout"),
        "scene" => Ty::struct_("Scene"),
        "depsgraph" => Ty::struct_("Depsgraph"),
        _ => Ty::Unknown,
    }
}

/// Parameters whose name, in Blender's own scripts and add-ons, always holds one RNA type
/// (`def create(obj)`, `def setup(pbone)`): a guess, so completion and hover only.
fn named_param(name: &str) -> Ty {
    let s = match name {
        "obj" | "ob" | "object" => "Object",
        "pbone" | "pose_bone" => "PoseBone",
        "ebone" | "edit_bone" => "EditBone",
        "mesh" | "me" => "Mesh",
        "mat" | "material" => "Material",
        "world" => "World",
        "node_tree" | "ntree" => "NodeTree",
        "area" => "Area",
        "region" => "Region",
        "wm" | "window_manager" => "WindowManager",
        "image" | "img" => "Image",
        _ => return Ty::Unknown,
    };
    Ty::struct_(s)
}

/// Pointers whose declared type is a base class, but whose owner fixes the subtype.
fn refine_pointer(db: &ApiDb, receiver: &str, prop: &str, declared: &str) -> String {
    let refined = match (prop, declared) {
        ("node_tree", "NodeTree") => {
            if ["Material", "World", "Light", "FreestyleLineStyle"].iter().any(|s| db.is_subtype(receiver, s)) {
                Some("ShaderNodeTree")
            } else if receiver == "Scene" {
                Some("CompositorNodeTree")
            } else {
                None
            }
        }
        ("node_group", "NodeTree") if receiver == "NodesModifier" => Some("GeometryNodeTree"),
        _ => None,
    };
    match refined {
        Some(r) if db.struct_(r).is_some() => r.to_string(),
        _ => declared.to_string(),
    }
}

/// The subclass of `base` that a type id names: a node id ("ShaderNodeMath"), a tree id
/// ("GeometryNodeTree"), or an enum identifier ('BEVEL' -> BevelModifier, 'SUN' -> SunLight).
pub fn subtype_named(db: &ApiDb, base: &str, value: &str) -> Option<String> {
    if db.struct_(value).is_some() && db.is_subtype(value, base) {
        return Some(value.to_string());
    }
    let wanted: String = value.chars().filter(|c| *c != '_' && *c != ' ').collect::<String>().to_lowercase();
    if wanted.is_empty() {
        return None;
    }
    let suffixes: Vec<&str> = db.ancestry(base).iter().map(|s| s.name.as_str()).collect();
    db.descendants(base)
        .into_iter()
        .find(|s| {
            suffixes.iter().any(|suffix| s.name.strip_suffix(suffix).is_some_and(|stem| stem.to_lowercase() == wanted))
        })
        .map(|s| s.name.clone())
}

/// The argument passed for a parameter, by keyword or by position.
pub fn argument<'t>(args: Node<'t>, text: &str, keyword: &str, position: usize) -> Option<Node<'t>> {
    let mut cursor = args.walk();
    let mut positional = 0;
    for arg in args.named_children(&mut cursor) {
        if arg.kind() == "keyword_argument" {
            let name = arg.child_by_field_name("name").and_then(|n| text.get(n.start_byte()..n.end_byte()));
            if name == Some(keyword) {
                return arg.child_by_field_name("value");
            }
        } else if arg.kind() != "comment" {
            if positional == position {
                return Some(arg);
            }
            positional += 1;
        }
    }
    None
}

/// The text of a plain string literal node, without quotes.
pub fn string_value(node: Node, text: &str) -> Option<String> {
    if node.kind() != "string" {
        return None;
    }
    let mut cursor = node.walk();
    let mut out = String::new();
    for child in node.named_children(&mut cursor) {
        match child.kind() {
            "string_content" => out.push_str(text.get(child.start_byte()..child.end_byte())?),
            "string_start" | "string_end" => {}
            _ => return None, // interpolation or escapes: not a plain value
        }
    }
    Some(out)
}

/// The content of a plain one-line string literal (`'VIEW_3D'`).
fn string_literal(text: &str) -> Option<&str> {
    let t = text.trim();
    let inner = t.strip_prefix('\'').and_then(|r| r.strip_suffix('\''));
    inner.or_else(|| t.strip_prefix('"').and_then(|r| r.strip_suffix('"'))).filter(|v| !v.contains(['\'', '"', '\n']))
}

/// The Space subtype of an editor type (`Space.type`): 'VIEW_3D' -> SpaceView3D,
/// 'NLA_EDITOR' -> SpaceNLA, by comparing names without case and underscores.
fn space_struct(db: &ApiDb, space_type: &str) -> Option<String> {
    // 'NODE_EDITOR', 'NODE' and SpaceNodeEditor all come to "node".
    let norm = |s: &str| {
        let s = s.chars().filter(|c| *c != '_').collect::<String>().to_lowercase();
        s.strip_suffix("editor").map(str::to_string).unwrap_or(s)
    };
    let wanted = norm(space_type);
    db.descendants("Space")
        .iter()
        .map(|s| s.name.as_str())
        .find_map(|name| (norm(name.strip_prefix("Space")?) == wanted).then(|| name.to_string()))
}
