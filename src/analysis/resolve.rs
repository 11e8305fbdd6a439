//! From a piece of text (an expression cut out around the cursor) to what it names in
//! the API: a property, a function, an operator, a module member.

use std::cell::RefCell;

use tree_sitter::{Node, Parser, Tree};

use super::infer::{Infer, Source};
use super::ty::Ty;
use crate::api::StructMember;
use crate::api::model::{Func, Member, Operator, Prop};

thread_local! {
    static SNIPPET_PARSER: RefCell<Parser> = RefCell::new({
        let mut p = Parser::new();
        p.set_language(&tree_sitter_python::LANGUAGE.into()).expect("python grammar loads");
        p
    });
}

/// An expression parsed on its own. Names in it are looked up in the document at `at`.
pub struct Snippet<'t> {
    pub text: &'t str,
    pub at: usize,
    tree: Tree,
}

impl<'t> Snippet<'t> {
    pub fn parse(text: &'t str, at: usize) -> Option<Snippet<'t>> {
        if text.trim().is_empty() {
            return None;
        }
        let tree = SNIPPET_PARSER.with(|p| p.borrow_mut().parse(text, None))?;
        Some(Snippet { text, at, tree })
    }

    /// The expression: the module's single expression statement, unwrapped.
    pub fn expr(&self) -> Option<Node<'_>> {
        let root = self.tree.root_node();
        let stmt = root.named_child(0)?;
        let node = if stmt.kind() == "expression_statement" { stmt.named_child(0)? } else { stmt };
        (node.end_byte() >= self.text.trim_end().len()).then_some(node)
    }

    pub fn source(&self) -> Source<'t> {
        Source { text: self.text, lookup_at: Some(self.at) }
    }
}

/// What an expression names.
#[derive(Clone)]
pub enum Named<'db> {
    /// A property; `receiver` is the struct it was read on.
    Prop {
        receiver: String,
        owner: String,
        prop: &'db Prop,
    },
    /// A function of an RNA struct.
    Func {
        receiver: String,
        owner: String,
        func: &'db Func,
    },
    /// A member of `bpy.context`.
    ContextMember(&'db Prop),
    Operator(&'db Operator),
    /// A function, class or attribute of a Python-level module (or one of its classes).
    PyMember {
        module: String,
        class: Option<String>,
        member: &'db Member,
    },
    /// A member of one of the document's classes.
    Own(super::own_class::OwnMember),
    /// Anything else, by type.
    Value(Ty),
}

pub fn infer_text(infer: &Infer, text: &str, at: usize) -> Ty {
    match Snippet::parse(text, at) {
        Some(s) => match s.expr() {
            Some(node) => infer.expr(node, s.source()),
            None => Ty::Unknown,
        },
        None => Ty::Unknown,
    }
}

/// What `text` names when read at document offset `at`.
pub fn resolve_text<'db>(infer: &Infer<'db>, text: &str, at: usize) -> Named<'db> {
    let Some(snippet) = Snippet::parse(text, at) else {
        return Named::Value(Ty::Unknown);
    };
    let Some(node) = snippet.expr() else {
        return Named::Value(Ty::Unknown);
    };
    if node.kind() == "attribute"
        && let (Some(object), Some(attr)) = (node.child_by_field_name("object"), node.child_by_field_name("attribute"))
    {
        let receiver = infer.expr(object, snippet.source());
        let name = &text[attr.start_byte()..attr.end_byte()];
        if let Some(named) = resolve_member(infer, &receiver, name) {
            return named;
        }
    }
    let ty = infer.expr(node, snippet.source());
    match &ty {
        Ty::PyClass { module, class } => {
            if let Some(member) = infer.db.module(module).and_then(|m| m.members.iter().find(|x| &x.name == class)) {
                return Named::PyMember { module: module.clone(), class: None, member };
            }
        }
        Ty::PyFunc { module, class: None, name } => {
            if let Some(member) = infer.db.module(module).and_then(|m| m.members.iter().find(|x| &x.name == name)) {
                return Named::PyMember { module: module.clone(), class: None, member };
            }
        }
        _ => {}
    }
    Named::Value(ty)
}

fn named_member<'db>(receiver: &str, m: StructMember<'db>) -> Named<'db> {
    match m {
        StructMember::Prop(owner, prop) => {
            Named::Prop { receiver: receiver.to_string(), owner: owner.to_string(), prop }
        }
        StructMember::Func(owner, func) => {
            Named::Func { receiver: receiver.to_string(), owner: owner.to_string(), func }
        }
        StructMember::Py(owner, member) => {
            Named::PyMember { module: "bpy.types".into(), class: Some(owner.to_string()), member }
        }
    }
}

/// `receiver.name`
pub fn resolve_member<'db>(infer: &Infer<'db>, receiver: &Ty, name: &str) -> Option<Named<'db>> {
    let db = infer.db;
    match receiver {
        Ty::OpModule(m) => db.operator(m, name).map(Named::Operator),
        Ty::OperatorProperties(m, n) => {
            let prop = db.operator(m, n)?.params.iter().find(|p| p.name == name)?;
            Some(Named::Prop { receiver: "OperatorProperties".into(), owner: format!("{m}.{n}"), prop })
        }
        Ty::Module(m) if m == "bpy.types" => db.struct_(name).map(|_| Named::Value(Ty::StructClass(name.to_string()))),
        Ty::Module(m) if m != "bpy" && m != "bpy.ops" => {
            let member = db.module(m)?.members.iter().find(|x| x.name == name)?;
            Some(Named::PyMember { module: m.clone(), class: None, member })
        }
        Ty::Struct(s) | Ty::StructClass(s) => {
            if s == "Context"
                && let Some(p) = db.context_member(name)
            {
                return Some(Named::ContextMember(p));
            }
            Some(named_member(s, db.member(s, name)?))
        }
        Ty::Collection { wrapper, .. } => {
            if let Some(m) = wrapper.as_deref().and_then(|w| db.member(w, name)) {
                return Some(named_member(wrapper.as_deref().unwrap_or(""), m));
            }
            let member = db.class_member("bpy.types", "bpy_prop_collection", name)?;
            Some(Named::PyMember { module: "bpy.types".into(), class: Some("bpy_prop_collection".into()), member })
        }
        Ty::User { scope, instance, .. } => {
            let mut own = infer.own_members(*scope, *instance);
            let base = infer.class_rna_base(*scope);
            if *instance {
                infer.add_runtime_members(base.as_deref(), &mut own);
            }
            if let Some(m) = own.into_iter().find(|m| m.name == name) {
                return Some(Named::Own(m));
            }
            let base = base?;
            resolve_member(infer, &Ty::Struct(base), name)
        }
        Ty::PackageClass { module, scope, instance, .. } => {
            let path = infer.module_path(*module);
            let (own, base) = infer
                .in_module(*module, |i| (i.own_members(*scope, *instance), i.class_rna_base(*scope)))
                .unwrap_or_default();
            if let Some(mut m) = own.into_iter().find(|m| m.name == name) {
                m.module.get_or_insert_with(|| path.to_string());
                return Some(Named::Own(m));
            }
            if *instance {
                let mut runtime = Vec::new();
                infer.add_runtime_members(base.as_deref(), &mut runtime);
                if let Some(m) = runtime.into_iter().find(|m| m.name == name) {
                    return Some(Named::Own(m));
                }
            }
            let base = base?;
            resolve_member(infer, &Ty::Struct(base), name)
        }
        Ty::PyInstance { .. } | Ty::PyClass { .. } | Ty::Builtin(_) | Ty::List(_) => {
            let (module, class) = receiver.py_class()?;
            let member = db.class_member(module, class, name)?;
            Some(Named::PyMember { module: module.to_string(), class: Some(class.to_string()), member })
        }
        _ => None,
    }
}
