//! What goes into the index: one document per API entry and per example script.

use std::collections::HashMap;
use std::path::Path;

use crate::api::ApiDb;
use crate::api::model::{Member, MemberKind, Prop, PropType};

use super::{Entry, Kind};

/// One document, before it becomes a tantivy document.
#[derive(Debug, Default, Clone)]
pub(crate) struct RagDoc {
    pub kind: Option<Kind>,
    pub entry: Option<Entry>,
    /// API path (`bpy.types.Object.location`) or file path (`rag_data/examples/x.py`).
    pub path: String,
    pub title: String,
    pub snippet: String,
    /// Searched fields, from most to least important.
    pub name: String,
    pub tags: String,
    pub owner: String,
    pub desc: String,
    pub extra: String,
    pub code: String,
    /// The key under which examples count uses of this entry (see `analysis::usage`).
    pub usage_key: Option<String>,
}

/// The first sentence of a description, at most `max` characters, on one line.
pub(crate) fn first_sentence(text: &str, max: usize) -> String {
    let text = text.trim();
    let mut end = text.find(". ").map_or(text.len(), |i| i + 1);
    if let Some(i) = text.find("\n\n") {
        end = end.min(i);
    }
    let one_line: String = text[..end].split_whitespace().collect::<Vec<_>>().join(" ");
    truncate(&one_line, max)
}

pub(crate) fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

fn prop_type(p: &Prop) -> String {
    let base = match p.ty {
        PropType::Boolean => "bool".to_string(),
        PropType::Int => "int".to_string(),
        PropType::Float => "float".to_string(),
        PropType::String => "str".to_string(),
        PropType::Enum => {
            if p.enum_flag {
                "enum set".to_string()
            } else {
                "enum".to_string()
            }
        }
        PropType::Pointer => p.fixed_type.clone().unwrap_or_else(|| "pointer".to_string()),
        PropType::Collection => format!("collection of {}", p.fixed_type.as_deref().unwrap_or("?")),
    };
    if p.array_length > 0 { format!("{base}[{}]", p.array_length) } else { base }
}

/// Enum items as searchable text: `CYCLES Cycles` (descriptions only for short lists).
fn enum_text(p: &Prop, out: &mut String) {
    let with_desc = p.enum_items.len() <= 12;
    for item in &p.enum_items {
        out.push(' ');
        out.push_str(item.identifier());
        out.push(' ');
        out.push_str(item.name());
        if with_desc && !item.description().is_empty() {
            out.push(' ');
            out.push_str(item.description());
        }
    }
}

fn enum_snippet(p: &Prop) -> String {
    if p.enum_items.is_empty() {
        return String::new();
    }
    let ids: Vec<&str> = p.enum_items.iter().take(8).map(|i| i.identifier()).collect();
    let more = if p.enum_items.len() > 8 { ", …" } else { "" };
    format!(" ('{}'{more})", ids.join("', '"))
}

fn params_text(params: &[Prop], out: &mut String) {
    for p in params {
        out.push(' ');
        out.push_str(&p.name);
        if p.ty == PropType::Enum {
            enum_text(p, out);
        }
    }
}

fn signature(params: &[Prop], max: usize) -> String {
    let names: Vec<&str> = params.iter().map(|p| p.name.as_str()).collect();
    truncate(&format!("({})", names.join(", ")), max)
}

fn snippet(kind_type: &str, description: &str) -> String {
    let d = first_sentence(description, 180);
    match (kind_type.is_empty(), d.is_empty()) {
        (true, _) => d,
        (false, true) => kind_type.to_string(),
        (false, false) => format!("{kind_type} — {d}"),
    }
}

/// Every API entry of the database, in a fixed order.
pub(crate) fn api_docs(db: &ApiDb) -> Vec<RagDoc> {
    let mut out = Vec::with_capacity(20_000);
    // Functions that every node struct repeats (`is_registered_node_type`, `input_template`)
    // are indexed once.
    let mut repeated: HashMap<(&str, &str), u32> = HashMap::new();
    for s in db.structs() {
        for f in &s.functions {
            *repeated.entry((f.name.as_str(), f.description.as_str())).or_default() += 1;
        }
    }
    let mut seen_repeated: std::collections::HashSet<(&str, &str)> = Default::default();

    for s in db.structs() {
        let path = format!("bpy.types.{}", s.name);
        let node = db.node(&s.name);
        let mut doc = RagDoc {
            kind: Some(Kind::Api),
            entry: Some(if node.is_some() { Entry::Node } else { Entry::Struct }),
            title: path.clone(),
            path,
            name: s.name.clone(),
            owner: s.base.clone().unwrap_or_default(),
            desc: s.description.clone(),
            usage_key: Some(s.name.clone()),
            ..Default::default()
        };
        for p in &s.properties {
            doc.extra.push(' ');
            doc.extra.push_str(&p.name);
        }
        for f in &s.functions {
            doc.extra.push(' ');
            doc.extra.push_str(&f.name);
        }
        if let Some(n) = node {
            add_node_text(n, &mut doc);
        }
        doc.snippet = if let Some(n) = node {
            snippet(&format!("node \"{}\"", n.label), &s.description)
        } else {
            snippet(&format!("class ({})", s.base.as_deref().unwrap_or("bpy_struct")), &s.description)
        };
        out.push(doc);

        for p in &s.properties {
            let path = format!("bpy.types.{}.{}", s.name, p.name);
            let mut doc = RagDoc {
                kind: Some(Kind::Api),
                entry: Some(Entry::Property),
                title: path.clone(),
                path,
                name: p.name.clone(),
                owner: s.name.clone(),
                desc: p.description.clone(),
                snippet: snippet(&format!("{}{}", prop_type(p), enum_snippet(p)), &p.description),
                usage_key: Some(format!("{}.{}", s.name, p.name)),
                ..Default::default()
            };
            if let Some(t) = &p.fixed_type {
                doc.extra.push_str(t);
            }
            enum_text(p, &mut doc.extra);
            out.push(doc);
        }
        for f in &s.functions {
            let key = (f.name.as_str(), f.description.as_str());
            if repeated.get(&key).copied().unwrap_or(0) > 30 && !seen_repeated.insert(key) {
                continue;
            }
            let path = format!("bpy.types.{}.{}", s.name, f.name);
            let mut doc = RagDoc {
                kind: Some(Kind::Api),
                entry: Some(Entry::Function),
                title: format!("{path}{}", signature(&f.params, 80)),
                path,
                name: f.name.clone(),
                owner: s.name.clone(),
                desc: f.description.clone(),
                snippet: snippet("", &f.description),
                usage_key: Some(format!("{}.{}", s.name, f.name)),
                ..Default::default()
            };
            params_text(&f.params, &mut doc.extra);
            out.push(doc);
        }
        for m in &s.py_members {
            out.push(member_doc(&format!("bpy.types.{}", s.name), &s.name, m, Some(format!("{}.{}", s.name, m.name))));
        }
    }

    for n in db.nodes() {
        if db.struct_(&n.idname).is_some() {
            continue;
        }
        let path = format!("bpy.types.{}", n.idname);
        let mut doc = RagDoc {
            kind: Some(Kind::Api),
            entry: Some(Entry::Node),
            title: path.clone(),
            path,
            name: n.idname.clone(),
            snippet: format!("node \"{}\"", n.label),
            usage_key: Some(n.idname.clone()),
            ..Default::default()
        };
        add_node_text(n, &mut doc);
        out.push(doc);
    }

    for op in db.operators() {
        let path = format!("bpy.ops.{}.{}", op.module, op.name);
        let mut doc = RagDoc {
            kind: Some(Kind::Api),
            entry: Some(Entry::Operator),
            title: format!("{path}{}", signature(&op.params, 80)),
            name: format!("{}.{}", op.module, op.name),
            owner: format!("bpy.ops.{}", op.module),
            desc: op.description.clone(),
            snippet: snippet("operator", &op.description),
            usage_key: Some(path.clone()),
            path,
            ..Default::default()
        };
        params_text(&op.params, &mut doc.extra);
        out.push(doc);
    }

    for p in db.context_members() {
        let path = format!("bpy.context.{}", p.name);
        let mut doc = RagDoc {
            kind: Some(Kind::Api),
            entry: Some(Entry::ContextMember),
            title: path.clone(),
            path,
            name: p.name.clone(),
            owner: "bpy.context Context".to_string(),
            desc: p.description.clone(),
            snippet: snippet(&prop_type(p), &p.description),
            usage_key: Some(format!("Context.{}", p.name)),
            ..Default::default()
        };
        if let Some(t) = &p.fixed_type {
            doc.extra.push_str(t);
        }
        out.push(doc);
    }

    for module in db.modules() {
        if module.name == "bpy.ops" {
            continue; // operator modules: the operators themselves are indexed
        }
        out.push(RagDoc {
            kind: Some(Kind::Api),
            entry: Some(Entry::Module),
            title: module.name.clone(),
            path: module.name.clone(),
            name: module.name.clone(),
            desc: module.description.clone(),
            snippet: snippet("module", &module.description),
            usage_key: None,
            ..Default::default()
        });
        for m in &module.members {
            if m.kind == MemberKind::Module {
                continue; // listed as a module of its own
            }
            out.push(member_doc(&module.name, &module.name, m, Some(format!("{}.{}", module.name, m.name))));
            if m.kind == MemberKind::Class {
                let class_path = format!("{}.{}", module.name, m.name);
                for c in &m.members {
                    if c.name.starts_with('_') {
                        continue;
                    }
                    // Usage counts `bpy_struct` methods on the receiver's type and other
                    // `bpy.types` base classes without the module.
                    let key = match (module.name.as_str(), m.name.as_str()) {
                        ("bpy.types", "bpy_struct") => format!("*.{}", c.name),
                        ("bpy.types", class) => format!("{class}.{}", c.name),
                        _ => format!("{class_path}.{}", c.name),
                    };
                    out.push(member_doc(&class_path, &class_path, c, Some(key)));
                }
            }
        }
    }
    out
}

fn add_node_text(n: &crate::api::model::Node, doc: &mut RagDoc) {
    doc.name.push(' ');
    doc.name.push_str(&n.label);
    doc.owner.push(' ');
    doc.owner.push_str(&n.tree);
    doc.extra.push_str(" inputs");
    for s in &n.inputs {
        doc.extra.push(' ');
        doc.extra.push_str(&s.name);
    }
    doc.extra.push_str(" outputs");
    for s in &n.outputs {
        doc.extra.push(' ');
        doc.extra.push_str(&s.name);
    }
}

/// A Python-level member: `bmesh.ops.bevel`, `mathutils.Vector.cross`, `Mesh.from_pydata`.
fn member_doc(parent_path: &str, owner: &str, m: &Member, usage_key: Option<String>) -> RagDoc {
    let path = format!("{parent_path}.{}", m.name);
    let (entry, kind_type) = match m.kind {
        MemberKind::Class => (Entry::Class, "class".to_string()),
        MemberKind::Function | MemberKind::Method => (Entry::Function, String::new()),
        _ => (Entry::Attribute, m.ty.clone().unwrap_or_default()),
    };
    let title = match &m.signature {
        Some(sig) if matches!(m.kind, MemberKind::Function | MemberKind::Method | MemberKind::Class) => {
            format!("{path}{}", truncate(sig, 80))
        }
        _ => path.clone(),
    };
    let mut doc = RagDoc {
        kind: Some(Kind::Api),
        entry: Some(entry),
        title,
        path,
        name: m.name.clone(),
        owner: owner.to_string(),
        desc: m.description.clone(),
        snippet: snippet(&kind_type, &m.description),
        usage_key,
        ..Default::default()
    };
    for p in &m.params {
        doc.extra.push(' ');
        doc.extra.push_str(&p.name);
    }
    if let Some(r) = &m.returns {
        doc.extra.push(' ');
        doc.extra.push_str(r);
    }
    doc
}

/// The header of an example script: `# title:`, `# shows:`, `# tags:`, `# blender:`, `# params:`.
#[derive(Debug, Default, Clone)]
pub struct ExampleHeader {
    pub title: String,
    pub shows: String,
    pub tags: String,
    pub blender: String,
    pub params: String,
}

pub fn parse_header(code: &str) -> ExampleHeader {
    let mut h = ExampleHeader::default();
    for line in code.lines().take(40) {
        let Some(rest) = line.strip_prefix('#') else {
            if line.trim().is_empty() {
                continue;
            }
            break;
        };
        let Some((key, value)) = rest.split_once(':') else { continue };
        let value = value.trim().to_string();
        match key.trim() {
            "title" => h.title = value,
            "shows" => h.shows = value,
            "tags" => h.tags = value,
            "blender" => h.blender = value,
            "params" => h.params = value,
            _ => {}
        }
    }
    h
}

/// `/repo/rag_data/examples/x.py` -> `rag_data/examples/x.py`; other paths as given.
pub fn display_path(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    match s.rfind("rag_data/") {
        Some(i) => s[i..].to_string(),
        None => s,
    }
}

/// An example script's document, without its `uses` (computed at build time only).
pub(crate) fn example_doc(path: &Path, code: &str) -> RagDoc {
    let h = parse_header(code);
    let display = display_path(path);
    let is_asset = display.contains("/assets/");
    let title = if h.title.is_empty() {
        path.file_stem().map(|s| s.to_string_lossy().replace('_', " ")).unwrap_or_default()
    } else {
        h.title.clone()
    };
    RagDoc {
        kind: Some(Kind::Example),
        entry: Some(if is_asset { Entry::Asset } else { Entry::Example }),
        name: title.clone(),
        title,
        tags: h.tags.clone(),
        desc: h.shows.clone(),
        extra: h.params.clone(),
        snippet: first_sentence(&h.shows, 220),
        code: code.to_string(),
        path: display,
        ..Default::default()
    }
}
