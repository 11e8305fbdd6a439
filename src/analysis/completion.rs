//! Completion: members after `.`, operators, keyword arguments, enum values, node type
//! ids, socket names and import names — ranked by how often our examples use them.

use std::ops::Range;

use super::describe::{self, one_line};
use super::document::{Document, floor_char_boundary};
use super::infer::{COLLECTION_METHODS, Infer};
use super::resolve::{Named, infer_text, resolve_text};
use super::scope::BindingKind;
use super::slots::{Slot, string_slot};
use super::text_scan::{args_so_far, expr_start_before, ident_start, in_comment, open_bracket_before, string_at};
use super::ty::Ty;
use super::usage::{Usage, member_key};
use crate::api::model::{MemberKind, Prop, PropType};
use crate::api::{ApiDb, StructMember};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompletionKind {
    Property,
    Method,
    Function,
    Class,
    Module,
    Operator,
    Keyword,
    EnumValue,
    NodeType,
    Socket,
    Variable,
    Constant,
    Name,
}

#[derive(Debug, Clone)]
pub struct CompletionItem {
    /// Also the text inserted in place of `Completions::replace`.
    pub label: String,
    pub kind: CompletionKind,
    /// One line: the type or signature.
    pub detail: String,
    /// Markdown.
    pub documentation: String,
    /// Higher first.
    pub score: u32,
}

#[derive(Debug, Clone, Default)]
pub struct Completions {
    /// Best first.
    pub items: Vec<CompletionItem>,
    /// The byte range of the document the chosen item replaces.
    pub replace: Range<usize>,
    /// For members after `.`: the API path of the receiver (`bpy.types.Object`,
    /// `bpy.ops.mesh`, `bmesh.ops`, `mathutils.Vector`); an item's API path is this, `.`,
    /// and its label.
    pub member_of: Option<String>,
}

/// Names in the connected Blender's scene, per item type ("Object" -> ["Cube", ...]).
pub type SceneNames<'a> = &'a dyn Fn(&str) -> Vec<String>;

pub fn complete(db: &ApiDb, usage: &Usage, doc: &Document, offset: usize, scene: Option<SceneNames>) -> Completions {
    let text = doc.text();
    let offset = floor_char_boundary(text, offset);
    if doc.tree().is_none() && text.len() > super::document::MAX_PARSED_BYTES {
        return Completions::default();
    }
    let infer = Infer::new(db, doc);
    if let Some((quote, content)) = string_at(text, offset) {
        let prefix = &text[content..offset];
        let items = string_completions(&infer, usage, quote, prefix, scene);
        return finish(items, prefix, content..offset);
    }
    if in_comment(text, offset) {
        return Completions::default();
    }
    let word_start = ident_start(text, offset);
    let prefix = &text[word_start..offset];
    if prefix.starts_with(|c: char| c.is_ascii_digit()) {
        return Completions::default();
    }
    let line_start = text[..word_start].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let line_head = text[line_start..word_start].trim_start();
    if let Some(items) = import_completions(db, usage, line_head) {
        return finish(items, prefix, word_start..offset);
    }
    let before = skip_spaces_back(text, word_start);
    if before > 0 && text.as_bytes()[before - 1] == b'.' {
        let dot = before - 1;
        let Some(start) = expr_start_before(text, dot) else {
            return Completions::default();
        };
        let receiver = infer_text(&infer, &text[start..dot], start);
        let items = match &receiver {
            Ty::User { scope, instance, .. } => own_class_completions(&infer, usage, *scope, *instance, "this file"),
            Ty::PackageClass { module, scope, instance, .. } => {
                let place = infer.module_path(*module);
                let (mut items, base) = infer
                    .in_module(*module, |i| {
                        (own_class_completions(i, usage, *scope, *instance, place), i.class_rna_base(*scope))
                    })
                    .unwrap_or_default();
                if *instance {
                    add_runtime_items(&infer, base.as_deref(), &mut items);
                }
                items
            }
            Ty::PackageModule(module) => package_module_completions(&infer, *module),
            Ty::Struct(s) => {
                let mut items = member_completions(db, usage, &receiver);
                // Properties the document and the other modules of its add-on register on
                // the type at run time.
                for (name, line) in infer.registrations_on(s) {
                    items.push(item(
                        &name,
                        CompletionKind::Property,
                        "registered in this file".into(),
                        format!("```python\n{line}\n```"),
                        150_000,
                    ));
                }
                for r in infer.package_registrations_on(s) {
                    if !items.iter().any(|i| i.label == r.name) {
                        let doc = format!("```python\n{}\n```", r.line);
                        items.push(item(
                            &r.name,
                            CompletionKind::Property,
                            format!("registered in {}", r.path),
                            doc,
                            150_000,
                        ));
                    }
                }
                items
            }
            _ => member_completions(db, usage, &receiver),
        };
        let mut found = finish(items, prefix, word_start..offset);
        found.member_of = receiver_api_path(&receiver);
        return found;
    }
    let (mut items, keywords_only) = keyword_argument_completions(&infer, usage, word_start);
    if !keywords_only {
        items.extend(name_completions(&infer, word_start, prefix));
    }
    finish(items, prefix, word_start..offset)
}

fn skip_spaces_back(text: &str, mut i: usize) -> usize {
    let b = text.as_bytes();
    while i > 0 && matches!(b[i - 1], b' ' | b'\t') {
        i -= 1;
    }
    i
}

/// Keep the items the typed prefix matches, best first.
fn finish(mut items: Vec<CompletionItem>, prefix: &str, replace: Range<usize>) -> Completions {
    let lower = prefix.to_lowercase();
    if !lower.is_empty() {
        items.retain(|i| fuzzy_match(&i.label.to_lowercase(), &lower));
    }
    // Labels that start with the prefix come before looser matches, then higher scores,
    // then labels. Lists of node ids or names in scope hold hundreds: nothing is allocated
    // per item when nothing is typed (sorted by label first, then stably by the rest).
    items.sort_unstable_by(|a, b| a.label.cmp(&b.label));
    if lower.is_empty() {
        items.sort_by_key(|i| std::cmp::Reverse(i.score));
    } else {
        items.sort_by_cached_key(|i| (!i.label.to_lowercase().starts_with(&lower), std::cmp::Reverse(i.score)));
    }
    // The same label twice (a name bound in two ways): the better one stays.
    let first: Vec<bool> = {
        let mut seen = std::collections::HashSet::with_capacity(items.len());
        items.iter().map(|i| seen.insert(i.label.as_str())).collect()
    };
    let mut first = first.into_iter();
    items.retain(|_| first.next().unwrap_or(true));
    Completions { items, replace, member_of: None }
}

/// The API path of a receiver whose members are API entries (see `Completions::member_of`);
/// none for `bpy`, `bpy.types` and `bpy.ops` themselves.
pub fn receiver_api_path(receiver: &Ty) -> Option<String> {
    match receiver {
        Ty::Struct(s) | Ty::StructClass(s) => Some(format!("bpy.types.{s}")),
        Ty::Collection { wrapper: Some(w), .. } => Some(format!("bpy.types.{w}")),
        Ty::OpModule(m) => Some(format!("bpy.ops.{m}")),
        Ty::Module(m) if !matches!(m.as_str(), "bpy" | "bpy.types" | "bpy.ops") => Some(m.clone()),
        Ty::PyInstance { module, class } | Ty::PyClass { module, class } => Some(format!("{module}.{class}")),
        _ => None,
    }
}

/// The first character matches, the rest is a subsequence: `ao` matches `active_object`.
fn fuzzy_match(label: &str, prefix: &str) -> bool {
    let mut wanted = prefix.chars();
    let Some(first) = wanted.next() else {
        return true;
    };
    let mut chars = label.chars();
    if chars.next() != Some(first) {
        return false;
    }
    let mut want = wanted.next();
    for c in chars {
        match want {
            Some(w) if w == c => want = wanted.next(),
            Some(_) => {}
            None => break,
        }
    }
    want.is_none()
}

fn item(label: &str, kind: CompletionKind, detail: String, documentation: String, score: u32) -> CompletionItem {
    CompletionItem { label: label.to_string(), kind, detail, documentation, score }
}

/// Score of a member: uses on this owner weigh most, uses of the name elsewhere a little.
fn member_score(db: &ApiDb, usage: &Usage, receiver: &Ty, name: &str, depth: u32) -> u32 {
    let own = member_key(db, receiver, name).map(|k| usage.member(&k)).unwrap_or(0);
    // Uses on this type first; then members declared on the type itself before inherited
    // ones (ID's many internals); then uses of the name on other types.
    let mut score = own * 10_000 + 7u32.saturating_sub(depth) * 1000 + usage.name(name).min(999);
    if name.starts_with("bl_") || name == "rna_type" {
        score /= 4;
    }
    score
}

pub fn member_completions(db: &ApiDb, usage: &Usage, receiver: &Ty) -> Vec<CompletionItem> {
    let mut out = Vec::new();
    match receiver {
        Ty::Module(m) if m == "bpy" => {
            for (name, doc) in BPY_MODULE_MEMBERS {
                let score = member_score(db, usage, receiver, name, 0);
                out.push(item(name, CompletionKind::Module, format!("bpy.{name}"), doc.to_string(), score));
            }
        }
        Ty::Module(m) if m == "bpy.ops" => {
            for module in db.operator_modules() {
                let n = db.operators_in(module).len();
                let score = member_score(db, usage, receiver, module, 0);
                out.push(item(
                    module,
                    CompletionKind::Module,
                    format!("bpy.ops.{module}"),
                    format!("{n} operators"),
                    score,
                ));
            }
        }
        Ty::Module(m) if m == "bpy.types" => {
            for s in db.structs() {
                // 1,600 names: what our examples use first, then the kind of class and its length.
                let score = usage.name(&s.name).saturating_mul(256) + type_prior(db, &s.name);
                out.push(item(
                    &s.name,
                    CompletionKind::Class,
                    base_detail(&s.base),
                    one_line(&s.description).to_string(),
                    score,
                ));
            }
        }
        Ty::Module(m) => {
            let sub_prefix = format!("{m}.");
            for sub in db.modules().iter().filter(|x| x.name.starts_with(&sub_prefix)) {
                let rest = &sub.name[sub_prefix.len()..];
                if !rest.contains('.') {
                    let score = member_score(db, usage, receiver, rest, 0);
                    out.push(item(
                        rest,
                        CompletionKind::Module,
                        sub.name.clone(),
                        one_line(&sub.description).to_string(),
                        score,
                    ));
                }
            }
            if let Some(module) = db.module(m) {
                for member in &module.members {
                    out.push(py_member_item(db, usage, receiver, member));
                }
            }
        }
        Ty::OperatorProperties(m, n) => {
            let params = db.operator(m, n).map(|op| op.params.as_slice()).unwrap_or(&[]);
            for (i, p) in params.iter().enumerate() {
                let score = member_score(db, usage, receiver, &p.name, 0) + 999u32.saturating_sub(i as u32);
                out.push(prop_item(p, score));
            }
        }
        Ty::OpModule(m) => {
            for op in db.operators_in(m) {
                let score = member_score(db, usage, receiver, &op.name, 0);
                let (sig, _) = describe::operator_signature(op);
                out.push(item(&op.name, CompletionKind::Operator, sig, one_line(&op.description).to_string(), score));
            }
        }
        Ty::Struct(s) | Ty::StructClass(s) => {
            if s == "Context" {
                // Context's own properties exist in every editor; the other members only
                // in some (`edit_bone`, `cloth`): at equal use, the former come first.
                for p in db.context_members() {
                    let depth = if db.member("Context", &p.name).is_some() { 0 } else { 1 };
                    let score = member_score(db, usage, receiver, &p.name, depth);
                    out.push(prop_item(p, score));
                }
            }
            let ancestry: Vec<String> = db.ancestry(s).iter().map(|x| x.name.clone()).collect();
            for m in db.members(s) {
                let depth = ancestry.iter().position(|a| a == m.owner()).unwrap_or(ancestry.len()) as u32;
                let score = member_score(db, usage, receiver, m.name(), depth);
                out.push(struct_member_item(m, score));
            }
        }
        Ty::Collection { wrapper, .. } => {
            if let Some(w) = wrapper {
                for m in db.members(w) {
                    if matches!(m, StructMember::Prop(_, p) if p.name == "rna_type") {
                        continue;
                    }
                    let score = member_score(db, usage, receiver, m.name(), 0);
                    out.push(struct_member_item(m, score));
                }
            }
            if super::infer::is_context_list(receiver) {
                out.extend(member_completions(db, usage, &Ty::List(Box::new(receiver.item()))));
                return out;
            }
            for (name, doc) in COLLECTION_METHODS {
                let score = member_score(db, usage, receiver, name, 1);
                out.push(item(
                    name,
                    CompletionKind::Method,
                    doc.split(':').next().unwrap_or(name).to_string(),
                    doc.to_string(),
                    score,
                ));
            }
        }
        Ty::PyInstance { .. } | Ty::PyClass { .. } | Ty::Builtin(_) | Ty::List(_) => {
            if let Some((module, class)) = receiver.py_class()
                && let Some(cls) = db.module_class(module, class)
            {
                for member in &cls.members {
                    out.push(py_member_item(db, usage, receiver, member));
                }
            }
        }
        _ => {}
    }
    out
}

const BPY_MODULE_MEMBERS: &[(&str, &str)] = &[
    ("context", "The context: the active scene, object, view layer, area, ..."),
    ("data", "The data-blocks of the open blend file: objects, meshes, materials, ..."),
    ("ops", "Operators: the actions of Blender's interface."),
    ("types", "The classes of Blender's data (RNA)."),
    ("props", "Property definitions for add-ons: FloatProperty, EnumProperty, ..."),
    ("utils", "Utilities: register_class, ..."),
    ("path", "Path utilities that know blend-file relative paths (//)."),
    ("app", "Application values: version, binary path, handlers, ..."),
    ("msgbus", "Message bus: subscribe to property changes."),
];

fn base_detail(base: &Option<String>) -> String {
    match base {
        Some(b) => format!("class({b})"),
        None => "class".into(),
    }
}

fn prop_item(p: &Prop, score: u32) -> CompletionItem {
    let mut detail = describe::prop_type(p);
    if p.readonly {
        detail.push_str(" (readonly)");
    }
    let mut doc = p.description.clone();
    if p.ty == PropType::Enum && !p.enum_items.is_empty() {
        doc.push_str("\n\n");
        doc.push_str(&describe::enum_items_markdown(p, 12));
    }
    item(&p.name, CompletionKind::Property, detail, doc, score)
}

fn struct_member_item(m: StructMember, score: u32) -> CompletionItem {
    match m {
        StructMember::Prop(_, p) => prop_item(p, score),
        StructMember::Func(_, f) => {
            let (sig, _) = describe::function_signature(f);
            item(&f.name, CompletionKind::Method, sig, f.description.clone(), score)
        }
        StructMember::Py(_, m) => py_item(m, score),
    }
}

fn py_member_item(db: &ApiDb, usage: &Usage, receiver: &Ty, m: &crate::api::model::Member) -> CompletionItem {
    py_item(m, member_score(db, usage, receiver, &m.name, 0))
}

fn py_item(m: &crate::api::model::Member, score: u32) -> CompletionItem {
    let (kind, detail) = match m.kind {
        MemberKind::Class => (CompletionKind::Class, "class".to_string()),
        MemberKind::Function => (CompletionKind::Function, describe::member_signature(m).0),
        MemberKind::Method => (CompletionKind::Method, describe::member_signature(m).0),
        MemberKind::Module => (CompletionKind::Module, "module".to_string()),
        MemberKind::Constant => (CompletionKind::Constant, m.ty.clone().unwrap_or_default()),
        _ => (CompletionKind::Property, m.ty.clone().unwrap_or_default()),
    };
    item(&m.name, kind, detail, m.description.clone(), score)
}

/// `import bpy.`, `from bpy.types import `, `from mathutils import `.
fn import_completions(db: &ApiDb, usage: &Usage, line_head: &str) -> Option<Vec<CompletionItem>> {
    let known: Vec<String> = [
        "bpy",
        "bpy.types",
        "bpy.ops",
        "bpy.props",
        "bpy.utils",
        "bpy.path",
        "bpy.app",
        "bpy.msgbus",
        "bmesh",
        "mathutils",
        "bpy_extras",
        "gpu",
        "blf",
        "aud",
        "idprop",
        "bl_math",
        "freestyle",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain(db.modules().iter().map(|m| m.name.clone()))
    .collect();
    let modules_under = |parent: &str| -> Vec<CompletionItem> {
        let mut names: Vec<&str> = known
            .iter()
            .filter_map(|m| {
                if parent.is_empty() {
                    Some(m.split('.').next().unwrap_or(m))
                } else {
                    m.strip_prefix(parent).and_then(|r| r.strip_prefix('.')).map(|r| r.split('.').next().unwrap_or(r))
                }
            })
            .collect();
        names.sort();
        names.dedup();
        names.into_iter().map(|n| item(n, CompletionKind::Module, "module".into(), String::new(), 0)).collect()
    };
    if let Some(rest) = line_head.strip_prefix("import ") {
        let last = rest.rsplit(',').next().unwrap_or("").trim();
        let parent = last.rsplit_once('.').map(|(p, _)| p).unwrap_or("");
        return Some(modules_under(parent));
    }
    if let Some(rest) = line_head.strip_prefix("from ") {
        if let Some((module, _)) = rest.split_once(" import ") {
            let module = module.trim();
            let mut items = modules_under(module);
            // What `from m import` offers is what `m.` offers, ranked the same way.
            items.extend(member_completions(db, usage, &Ty::Module(module.to_string())));
            return Some(items);
        }
        let parent = rest.trim().rsplit_once('.').map(|(p, _)| p).unwrap_or("");
        return Some(modules_under(parent));
    }
    None
}

/// `name=` items for the call the cursor is in, the ones not given yet; and whether the
/// callee takes keywords only (operators), so that other names are not worth offering.
fn keyword_argument_completions(infer: &Infer, usage: &Usage, word_start: usize) -> (Vec<CompletionItem>, bool) {
    let text = infer.doc.text();
    let Some((open, b'(')) = open_bracket_before(text, word_start) else {
        return (Vec::new(), false);
    };
    let args = args_so_far(text, open, word_start);
    // Only where an argument starts: right after `(` or `,`.
    if !text[args.current_start..word_start].trim().is_empty() {
        return (Vec::new(), false);
    }
    let Some(callee_start) = expr_start_before(text, open) else {
        return (Vec::new(), false);
    };
    let callee = &text[callee_start..open];
    let last = callee.rsplit('.').next().unwrap_or("").trim();
    let named = resolve_text(infer, callee, callee_start);
    let keywords_only = matches!(named, Named::Operator(_));
    let params: Vec<(String, String, String)> = match named {
        Named::Operator(op) => op.params.iter().map(param_triple).collect(),
        Named::Func { func, .. } => func.params.iter().map(param_triple).collect(),
        Named::PyMember { member, .. } => member
            .params
            .iter()
            .filter(|p| !p.name.starts_with('*') && p.name != "self")
            .map(|p| (p.name.clone(), p.ty.clone().unwrap_or_default(), p.description.clone()))
            .collect(),
        _ => Vec::new(),
    };
    let items = params
        .into_iter()
        .filter(|(name, _, _)| !args.keywords.contains(name))
        .enumerate()
        .map(|(i, (name, detail, doc))| {
            // Keyword arguments first, in the order people use them, then declaration order.
            let score = 1_000_000 + usage.keyword(last, &name) * 1000 + (999u32.saturating_sub(i as u32));
            item(&format!("{name}="), CompletionKind::Keyword, detail, doc, score)
        })
        .collect();
    (items, keywords_only)
}

fn param_triple(p: &Prop) -> (String, String, String) {
    let mut doc = p.description.clone();
    if p.ty == PropType::Enum && !p.enum_items.is_empty() {
        doc.push_str("\n\n");
        doc.push_str(&describe::enum_items_markdown(p, 12));
    }
    (p.name.clone(), describe::param(p), doc)
}

/// Names visible at the cursor, with their inferred types.
fn name_completions(infer: &Infer, offset: usize, prefix: &str) -> Vec<CompletionItem> {
    let scopes = infer.doc.scopes();
    let lower = prefix.to_lowercase();
    let mut visible = scopes.visible_names(offset);
    if !lower.is_empty() {
        visible.retain(|(n, _, _)| fuzzy_match(&n.to_lowercase(), &lower));
    }
    // Inferring every name of a large file would cost more than the rest of completion:
    // types are shown once the prefix has narrowed the list.
    let with_types = visible.len() <= 40;
    let mut out = Vec::new();
    for (name, _, binding) in visible {
        let kind = match binding.kind {
            BindingKind::Import { attr: None, .. } => CompletionKind::Module,
            BindingKind::Class(_) => CompletionKind::Class,
            BindingKind::Function(_) => CompletionKind::Function,
            _ => CompletionKind::Variable,
        };
        let ty = if with_types { infer.name(name, offset) } else { Ty::Unknown };
        let detail = if ty.is_unknown() { String::new() } else { ty.to_string() };
        out.push(item(name, kind, detail, String::new(), 500));
    }
    for module in ["bpy", "bmesh", "mathutils"] {
        out.push(item(module, CompletionKind::Module, format!("module {module}"), String::new(), 100));
    }
    out
}

fn string_completions(
    infer: &Infer,
    usage: &Usage,
    quote: usize,
    prefix: &str,
    scene: Option<SceneNames>,
) -> Vec<CompletionItem> {
    let db = infer.db;
    let _ = prefix;
    match string_slot(infer, quote) {
        Slot::Enum(p) => p
            .enum_items
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let score = usage.string(e.identifier()) * 1000 + 999u32.saturating_sub(i as u32);
                let doc = if e.description().is_empty() {
                    e.name().to_string()
                } else {
                    format!("{}: {}", e.name(), e.description())
                };
                item(e.identifier(), CompletionKind::EnumValue, format!("{}: {}", p.name, e.name()), doc, score)
            })
            .collect(),
        Slot::NodeType { tree } => db
            .nodes()
            .iter()
            .filter(|n| {
                // Group input/output, frame and reroute nodes go in every tree.
                tree.as_deref().is_none_or(|t| n.tree == t || n.tree.is_empty() || n.idname.starts_with("Node"))
            })
            .map(|n| {
                let score = usage.string(&n.idname) * 1000 + usage.name(&n.idname);
                // Documentation on resolve (`node_documentation`): hundreds of ids, few looked at.
                item(&n.idname, CompletionKind::NodeType, n.label.clone(), String::new(), score)
            })
            .collect(),
        Slot::RuntimeEnum { prop, extra } => {
            let mut values: Vec<&String> = extra.iter().collect();
            values.sort();
            let mut items: Vec<CompletionItem> = values
                .into_iter()
                .map(|v| item(v, CompletionKind::EnumValue, format!("{}: {v}", prop.name), String::new(), 1000))
                .collect();
            items.extend(prop.enum_items.iter().map(|e| {
                item(
                    e.identifier(),
                    CompletionKind::EnumValue,
                    format!("{}: {}", prop.name, e.name()),
                    String::new(),
                    0,
                )
            }));
            items
        }
        Slot::TreeType => db
            .descendants("NodeTree")
            .iter()
            .map(|s| {
                item(
                    &s.name,
                    CompletionKind::Class,
                    "node tree type".into(),
                    one_line(&s.description).to_string(),
                    usage.string(&s.name),
                )
            })
            .collect(),
        Slot::Socket { node, outputs } => {
            let Some(n) = db.node(&node) else {
                return Vec::new();
            };
            let sockets = if outputs { &n.outputs } else { &n.inputs };
            sockets
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let score = usage.string(&s.name) * 1000 + 999u32.saturating_sub(i as u32);
                    item(
                        &s.name,
                        CompletionKind::Socket,
                        format!("{} socket ({})", s.ty, s.idname),
                        String::new(),
                        score,
                    )
                })
                .collect()
        }
        Slot::AnySocket { outputs } => {
            let mut names: Vec<&str> = db
                .nodes()
                .iter()
                .flat_map(|n| if outputs { n.outputs.iter() } else { n.inputs.iter() })
                .map(|s| s.name.as_str())
                .collect();
            names.sort_unstable();
            names.dedup();
            names
                .into_iter()
                .map(|n| {
                    item(n, CompletionKind::Socket, "socket (node type unknown)".into(), String::new(), usage.string(n))
                })
                .collect()
        }
        Slot::NodeName { tree } => {
            let mut out: Vec<CompletionItem> = db
                .nodes()
                .iter()
                .filter(|n| !n.label.is_empty() && tree.as_deref().is_none_or(|t| n.tree == t))
                .map(|n| item(&n.label, CompletionKind::Name, n.idname.clone(), String::new(), usage.string(&n.label)))
                .collect();
            out.retain(|i| i.score > 0 || !i.label.is_empty());
            out
        }
        Slot::ItemName { item: kind } => scene
            .map(|f| f(&kind))
            .unwrap_or_default()
            .into_iter()
            .map(|name| item(&name, CompletionKind::Name, format!("{kind} in the scene"), String::new(), 1))
            .collect(),
        Slot::PropertyOf(ty) => property_names(infer, usage, &ty),
        Slot::OperatorId => {
            let own = super::addon_strings::own_ids(infer.doc.text(), true);
            let mut out: Vec<CompletionItem> = own
                .iter()
                .map(|id| item(id, CompletionKind::Operator, "operator of this file".into(), String::new(), 1_000_000))
                .collect();
            for op in db.operators() {
                let id = format!("{}.{}", op.module, op.name);
                let score = usage.string(&id) * 1000 + usage.member(&format!("bpy.ops.{id}")).min(999);
                out.push(CompletionItem {
                    label: id,
                    kind: CompletionKind::Operator,
                    detail: format!("bpy.ops.{}.{}", op.module, op.name),
                    documentation: one_line(&op.description).to_string(),
                    score,
                });
            }
            out
        }
        Slot::MenuId { panel } => {
            let base = if panel { "Panel" } else { "Menu" };
            let own = super::addon_strings::own_ids(infer.doc.text(), false);
            let mut out: Vec<CompletionItem> = own
                .iter()
                .map(|id| item(id, CompletionKind::Class, format!("{base} of this file"), String::new(), 1_000_000))
                .collect();
            for s in db.descendants(base) {
                let score = usage.string(&s.name) * 1000 + usage.name(&s.name).min(999);
                out.push(item(
                    &s.name,
                    CompletionKind::Class,
                    base.into(),
                    one_line(&s.description).to_string(),
                    score,
                ));
            }
            out
        }
        Slot::Values(values) => values
            .iter()
            .map(|v| item(v, CompletionKind::EnumValue, String::new(), String::new(), usage.string(v)))
            .collect(),
        Slot::None => Vec::new(),
    }
}

/// Members of one of the document's classes: its own (methods, class attributes and
/// annotations, attributes its methods assign to `self`, its bases' of this document) first,
/// then those of its RNA base.
/// The members of an own class; `place` says where the class is written.
fn own_class_completions(
    infer: &Infer,
    usage: &Usage,
    scope: usize,
    instance: bool,
    place: &str,
) -> Vec<CompletionItem> {
    use super::own_class::OwnKind;
    let mut out: Vec<CompletionItem> = infer
        .own_members(scope, instance)
        .into_iter()
        .enumerate()
        .map(|(i, m)| {
            let kind = match m.kind {
                OwnKind::Method => CompletionKind::Method,
                OwnKind::Class => CompletionKind::Class,
                OwnKind::Attribute | OwnKind::InstanceAttribute => CompletionKind::Property,
            };
            // Own members before inherited ones, in the order they are written.
            let score = 200_000u32.saturating_sub(i as u32);
            let place = m.module.as_deref().unwrap_or(place);
            item(&m.name, kind, format!("{} ({place})", m.class), format!("```python\n{}\n```", m.line), score)
        })
        .collect();
    let base = infer.class_rna_base(scope);
    if instance {
        add_runtime_items(infer, base.as_deref(), &mut out);
    }
    if let Some(base) = base {
        let rna = if instance { Ty::Struct(base) } else { Ty::StructClass(base) };
        out.extend(member_completions(infer.db, usage, &rna));
    }
    out
}

/// The properties functions of the add-on set on PropertyGroups at run time, after the
/// class's own members (for an instance of a class whose RNA base is `base`).
fn add_runtime_items(infer: &Infer, base: Option<&str>, items: &mut Vec<CompletionItem>) {
    let mut runtime = Vec::new();
    infer.add_runtime_members(base, &mut runtime);
    for m in runtime {
        if !items.iter().any(|i| i.label == m.name) {
            let place = m.module.as_deref().unwrap_or("this file");
            let doc = format!("```python\n{}\n```", m.line);
            items.push(item(&m.name, CompletionKind::Property, format!("set at run time ({place})"), doc, 140_000));
        }
    }
}

/// How likely a script names a class of `bpy.types` when nothing says more: the classes
/// add-ons derive from, then ID types, then other data, then node and socket classes, then
/// the UI's registered menus and panels; shorter names (the basic types) first within each.
fn type_prior(db: &ApiDb, name: &str) -> u32 {
    const BASES: &[&str] = &[
        "Operator",
        "Panel",
        "Menu",
        "Header",
        "UIList",
        "PropertyGroup",
        "AddonPreferences",
        "Gizmo",
        "GizmoGroup",
        "RenderEngine",
        "KeyingSetInfo",
        "Macro",
        "FileHandler",
        "NodeTree",
        "Node",
        "AssetShelf",
    ];
    const NODE_PREFIXES: &[&str] = &[
        "ShaderNode",
        "GeometryNode",
        "CompositorNode",
        "FunctionNode",
        "TextureNode",
        "NodeSocket",
        "NodeTreeInterfaceSocket",
    ];
    let kind = if ["_MT_", "_PT_", "_OT_", "_UL_", "_HT_", "_GGT_", "_GT_", "_AST_"].iter().any(|k| name.contains(k)) {
        0
    } else if NODE_PREFIXES.iter().any(|p| name.starts_with(p)) {
        1
    } else if BASES.contains(&name) {
        4
    } else if db.is_subtype(name, "ID") {
        3
    } else {
        2
    };
    kind * 16 + 15 - (name.len().min(30) as u32) / 2
}

/// The top-level classes, functions and names of another module of the add-on.
fn package_module_completions(infer: &Infer, module: usize) -> Vec<CompletionItem> {
    let path = infer.module_path(module);
    infer
        .in_module(module, |i| {
            let Some(top) = i.doc.scopes().scopes.first() else { return Vec::new() };
            let mut names: Vec<(&String, &Vec<super::scope::Binding>)> = top.bindings.iter().collect();
            names.sort_by_key(|(n, _)| n.as_str());
            names
                .into_iter()
                .filter(|(n, _)| !n.starts_with('_'))
                .filter_map(|(n, l)| {
                    let kind = match l.last()?.kind {
                        BindingKind::Class(_) => CompletionKind::Class,
                        BindingKind::Function(_) => CompletionKind::Function,
                        BindingKind::Import { .. } => CompletionKind::Module,
                        _ => CompletionKind::Variable,
                    };
                    Some(item(n, kind, path.to_string(), String::new(), 150_000))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The property names of a value of type `ty`, for `layout.prop(data, "` and data paths.
fn property_names(infer: &Infer, usage: &Usage, ty: &Ty) -> Vec<CompletionItem> {
    let db = infer.db;
    match ty {
        Ty::PackageClass { module, scope, .. } => infer
            .in_module(*module, |i| {
                property_names(i, usage, &Ty::User { scope: *scope, name: String::new(), instance: true })
            })
            .unwrap_or_default(),
        Ty::User { scope, .. } => {
            let mut out: Vec<CompletionItem> = infer
                .own_members(*scope, false)
                .into_iter()
                .filter(|m| m.kind == super::own_class::OwnKind::Attribute && m.line.contains("Property("))
                .map(|m| {
                    item(&m.name, CompletionKind::Property, format!("{} (this file)", m.class), String::new(), 200_000)
                })
                .collect();
            if let Some(base) = infer.class_rna_base(*scope) {
                out.extend(property_names(infer, usage, &Ty::Struct(base)));
            }
            out
        }
        Ty::Struct(s) | Ty::StructClass(s) => {
            let ancestry: Vec<String> = db.ancestry(s).iter().map(|x| x.name.clone()).collect();
            db.members(s)
                .into_iter()
                .filter_map(|m| match m {
                    StructMember::Prop(owner, p) if p.name != "rna_type" => {
                        let depth = ancestry.iter().position(|a| a == owner).unwrap_or(ancestry.len()) as u32;
                        Some(prop_item(p, member_score(db, usage, ty, &p.name, depth)))
                    }
                    _ => None,
                })
                .collect()
        }
        Ty::OperatorProperties(..) => member_completions(db, usage, ty),
        _ => Vec::new(),
    }
}

/// The documentation of a node type id, for completion items resolved later.
pub fn node_documentation(db: &ApiDb, idname: &str) -> Option<String> {
    db.node(idname).map(node_doc)
}

fn node_doc(n: &crate::api::model::Node) -> String {
    let list = |s: &[crate::api::model::Socket]| s.iter().map(|x| x.name.as_str()).collect::<Vec<_>>().join(", ");
    format!("**{}** ({})\n\nInputs: {}\n\nOutputs: {}", n.label, n.tree, list(&n.inputs), list(&n.outputs))
}
