//! Hover: the signature or type of what is under the cursor, its description, enum
//! values, the Blender version and a link to the API docs page for that version.

use std::ops::Range;

use super::describe::{self, docs_url};
use super::document::{Document, floor_char_boundary};
use super::infer::Infer;
use super::resolve::{Named, infer_text, resolve_member, resolve_text};
use super::slots::{Slot, string_slot};
use super::text_scan::{
    args_so_far, expr_start_before, ident_start, in_comment, is_ident_byte, open_bracket_before, string_at,
};
use super::ty::Ty;
use crate::api::ApiDb;
use crate::api::model::PropType;

#[derive(Debug, Clone, PartialEq)]
pub struct Hover {
    pub markdown: String,
    pub range: Range<usize>,
    /// The API entry hovered, in the form BlenderRAG looks examples up by
    /// (`rag::Rag::examples_using`): `bpy.types.ObjectModifiers.new`, `bpy.ops.mesh.primitive_cube_add`,
    /// `bpy.context.active_object`, `bmesh.ops.bevel`, `bpy.types.ShaderNodeBsdfGlass`.
    pub api_path: Option<String>,
}

pub fn hover(db: &ApiDb, doc: &Document, offset: usize) -> Option<Hover> {
    let text = doc.text();
    let offset = floor_char_boundary(text, offset);
    let infer = Infer::new(db, doc);
    if let Some((quote, content)) = string_at(text, offset) {
        let end =
            text[content..].find(|c| c == text.as_bytes()[content - 1] as char || c == '\n').map(|e| content + e)?;
        let value = &text[content..end];
        let markdown = string_hover(db, &infer, quote, value)?;
        // A node type id names that node's API entry.
        let api_path = (matches!(string_slot(&infer, quote), Slot::NodeType { .. }) && db.node(value).is_some())
            .then(|| format!("bpy.types.{value}"));
        return Some(Hover { markdown, range: content..end, api_path });
    }
    if in_comment(text, offset) {
        return None;
    }
    let start = ident_start(text, offset);
    let mut end = offset;
    while end < text.len() && is_ident_byte(text.as_bytes()[end]) {
        end += 1;
    }
    if start == end {
        return None;
    }
    let word = &text[start..end];
    let before = text[..start].trim_end_matches([' ', '\t']);
    let named = if let Some(dot_expr) = before.strip_suffix('.') {
        let dot = dot_expr.len();
        let recv_start = expr_start_before(text, dot)?;
        let receiver = infer_text(&infer, &text[recv_start..dot], recv_start);
        // Namespaces (`bpy.types`, `bpy.ops.mesh`, `bpy.data`) are no API entry of their
        // own: they are described by what they are.
        resolve_member(&infer, &receiver, word).unwrap_or_else(|| Named::Value(infer.attribute(&receiver, word)))
    } else if let Some(param) = keyword_param(&infer, start, end) {
        return Some(Hover { markdown: param, range: start..end, api_path: None });
    } else {
        resolve_text(&infer, word, start)
    };
    let markdown = describe_named(db, &named, word)?;
    Some(Hover { markdown, range: start..end, api_path: api_path(&named) })
}

/// The API path of a named entry (see [`Hover::api_path`]); none for values of a type
/// (a variable holding an `Object` is not about `Object`), modules and operator properties.
pub fn api_path(named: &Named) -> Option<String> {
    Some(match named {
        Named::Prop { receiver, .. } if receiver == "OperatorProperties" => return None,
        Named::Prop { receiver, prop, .. } => format!("bpy.types.{receiver}.{}", prop.name),
        Named::Func { receiver, func, .. } => format!("bpy.types.{receiver}.{}", func.name),
        Named::ContextMember(prop) => format!("bpy.context.{}", prop.name),
        Named::Operator(op) => format!("bpy.ops.{}.{}", op.module, op.name),
        Named::PyMember { module, class: Some(c), member } => format!("{module}.{c}.{}", member.name),
        Named::PyMember { module, class: None, member } => format!("{module}.{}", member.name),
        Named::Value(Ty::StructClass(s)) => format!("bpy.types.{s}"),
        Named::Value(_) | Named::Own(_) => return None,
    })
}

/// `size` in `primitive_cube_add(size=2)`: the parameter's documentation.
fn keyword_param(infer: &Infer, start: usize, end: usize) -> Option<String> {
    let text = infer.doc.text();
    let after = text[end..].trim_start_matches([' ', '\t']);
    if !after.starts_with('=') || after.starts_with("==") {
        return None;
    }
    let (open, b'(') = open_bracket_before(text, start)? else {
        return None;
    };
    let args = args_so_far(text, open, end + 1 + (text[end..].len() - after.len()));
    let name = args.current_keyword?;
    let callee_start = expr_start_before(text, open)?;
    let params = match resolve_text(infer, &text[callee_start..open], callee_start) {
        Named::Operator(op) => op.params.clone(),
        Named::Func { func, .. } => func.params.clone(),
        _ => return None,
    };
    let p = params.iter().find(|p| p.name == name)?;
    let mut md = format!("```python\n(parameter) {}\n```\n\n{}", describe::param(p), p.description);
    if p.ty == PropType::Enum && !p.enum_items.is_empty() {
        md.push_str("\n\n");
        md.push_str(&describe::enum_items_markdown(p, 30));
    }
    Some(md)
}

fn footer(db: &ApiDb, url: String) -> String {
    format!("\n\n---\nBlender {} · [API docs]({url})", db.short_version())
}

pub fn describe_named(db: &ApiDb, named: &Named, word: &str) -> Option<String> {
    let md = match named {
        Named::Prop { receiver, owner, prop } if receiver == "OperatorProperties" => {
            let md = format!(
                "```python\n(operator property) {}: {}\n```\n\n{}",
                prop.name,
                describe::prop_type(prop),
                prop.description
            );
            let (m, n) = owner.split_once('.').unwrap_or((owner.as_str(), ""));
            let page = format!("bpy.ops.{m}");
            md + &footer(db, docs_url(db, &page, Some(&format!("{page}.{n}"))))
        }
        Named::Prop { receiver, owner, prop } => {
            let mut md = format!(
                "```python\n{receiver}.{}: {}\n```\n\n{}",
                prop.name,
                describe::prop_type(prop),
                prop.description
            );
            let mut facts = Vec::new();
            if prop.readonly {
                facts.push("read-only".to_string());
            }
            if let Some(d) = describe::default_value(prop) {
                facts.push(format!("default {d}"));
            }
            if let (Some(min), Some(max)) = (prop.min, prop.max) {
                facts.push(format!("range {min} to {max}"));
            }
            if prop.subtype.as_deref().is_some_and(|s| s != "NONE") {
                facts.push(format!("subtype {}", prop.subtype.as_deref().unwrap_or("")));
            }
            if !facts.is_empty() {
                md.push_str(&format!("\n\n{}", facts.join(" · ")));
            }
            if prop.ty == PropType::Enum && !prop.enum_items.is_empty() {
                md.push_str("\n\n");
                md.push_str(&describe::enum_items_markdown(prop, 30));
            }
            let anchor = format!("bpy.types.{owner}.{}", prop.name);
            md + &footer(db, docs_url(db, &format!("bpy.types.{owner}"), Some(&anchor)))
        }
        Named::Func { owner, func, .. } => {
            let (sig, _) = describe::function_signature(func);
            let mut md = format!("```python\n{owner}.{sig}\n```\n\n{}", func.description);
            for p in &func.params {
                md.push_str(&format!("\n- `{}`: {}", p.name, p.description));
            }
            let anchor = format!("bpy.types.{owner}.{}", func.name);
            md + &footer(db, docs_url(db, &format!("bpy.types.{owner}"), Some(&anchor)))
        }
        Named::ContextMember(prop) => {
            let md = format!(
                "```python\nbpy.context.{}: {}\n```\n\n{}",
                prop.name,
                describe::prop_type(prop),
                prop.description
            );
            md + &footer(db, docs_url(db, "bpy.context", Some(&format!("bpy.context.{}", prop.name))))
        }
        Named::Operator(op) => {
            let (sig, _) = describe::operator_signature(op);
            let md = format!("```python\n{sig}\n```\n\n{}", op.description);
            let page = format!("bpy.ops.{}", op.module);
            md + &footer(db, docs_url(db, &page, Some(&format!("{page}.{}", op.name))))
        }
        Named::PyMember { module, class, member } => {
            let (sig, _) = describe::member_signature(member);
            let qualified = match class {
                Some(c) => format!("{module}.{c}"),
                None => module.clone(),
            };
            let head = match member.kind {
                crate::api::model::MemberKind::Class => {
                    format!("class {qualified}.{}", member.name)
                }
                crate::api::model::MemberKind::Function | crate::api::model::MemberKind::Method => {
                    format!("{qualified}.{sig}")
                }
                _ => format!("{qualified}.{}: {}", member.name, member.ty.as_deref().unwrap_or("")),
            };
            let md = format!("```python\n{head}\n```\n\n{}", member.description);
            // The docs have one page per module (classes included).
            md + &footer(db, docs_url(db, module, Some(&format!("{qualified}.{}", member.name))))
        }
        Named::Own(m) => {
            let what = match m.kind {
                super::own_class::OwnKind::Method => "method",
                super::own_class::OwnKind::Class => "class",
                super::own_class::OwnKind::Attribute => "class attribute",
                super::own_class::OwnKind::InstanceAttribute => "attribute",
            };
            let place = m.module.as_deref().unwrap_or("this file");
            format!("```python\n({what}) {}.{}\n```\n\n`{}` (defined in {place})", m.class, m.name, m.line.trim())
        }
        Named::Value(ty) => match ty {
            Ty::Unknown => return None,
            Ty::User { name, instance, .. } => {
                let head = if *instance { format!("{word}: {name}") } else { format!("class {name}") };
                format!("```python\n{head}\n```\n\n(defined in this file)")
            }
            Ty::PackageClass { name, instance, .. } => {
                let head = if *instance { format!("{word}: {name}") } else { format!("class {name}") };
                format!("```python\n{head}\n```\n\n(defined in another module of the add-on)")
            }
            Ty::OwnFunc { name, .. } => format!("```python\n(function) {name}\n```\n\n(defined in this file)"),
            Ty::Module(m) => {
                let desc = db.module(m).map(|x| x.description.clone()).unwrap_or_default();
                format!("```python\nmodule {m}\n```\n\n{desc}") + &footer(db, docs_url(db, m, None))
            }
            Ty::OpModule(m) => {
                format!("```python\nbpy.ops.{m}\n```\n\n{} operators", db.operators_in(m).len())
                    + &footer(db, docs_url(db, &format!("bpy.ops.{m}"), None))
            }
            Ty::StructClass(s) | Ty::Struct(s) => {
                let st = db.struct_(s)?;
                let head = match ty {
                    Ty::StructClass(_) => {
                        format!("class bpy.types.{s}({})", st.base.as_deref().unwrap_or("bpy_struct"))
                    }
                    _ => format!("{word}: bpy.types.{s}"),
                };
                format!("```python\n{head}\n```\n\n{}", st.description)
                    + &footer(db, docs_url(db, &format!("bpy.types.{s}"), None))
            }
            other => format!("```python\n{word}: {other}\n```"),
        },
    };
    Some(md)
}

fn string_hover(db: &ApiDb, infer: &Infer, quote: usize, value: &str) -> Option<String> {
    match string_slot(infer, quote) {
        Slot::Enum(p) => {
            let item = p.enum_items.iter().find(|e| e.identifier() == value)?;
            Some(format!(
                "```python\n'{}'\n```\n\n**{}**: {}\n\nValue of `{}` ({} values)",
                item.identifier(),
                item.name(),
                item.description(),
                p.name,
                p.enum_items.len()
            ))
        }
        Slot::NodeType { .. } => {
            let n = db.node(value)?;
            let list = |s: &[crate::api::model::Socket]| {
                s.iter().map(|x| format!("`{}` ({})", x.name, x.ty)).collect::<Vec<_>>().join(", ")
            };
            let desc = db.struct_(value).map(|s| s.description.clone()).unwrap_or_default();
            Some(
                format!(
                    "```python\n{} — {}\n```\n\n{desc}\n\nInputs: {}\n\nOutputs: {}",
                    n.idname,
                    n.label,
                    list(&n.inputs),
                    list(&n.outputs)
                ) + &footer(db, docs_url(db, &format!("bpy.types.{}", n.idname), None)),
            )
        }
        Slot::Socket { node, outputs } => {
            let n = db.node(&node)?;
            let sockets = if outputs { &n.outputs } else { &n.inputs };
            let s = sockets.iter().find(|s| s.name == value)?;
            Some(format!(
                "```python\n{}.{}[\"{}\"]\n```\n\n{} socket `{}` of {} ({})",
                node,
                if outputs { "outputs" } else { "inputs" },
                s.name,
                if outputs { "Output" } else { "Input" },
                s.idname,
                n.label,
                s.ty
            ))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The API path hovered at `$0`.
    fn path_at(src: &str) -> Option<String> {
        let at = src.find("$0").expect("a $0 marker");
        let text = format!("{}{}", &src[..at], &src[at + 2..]);
        let db = crate::api::load_default();
        hover(&db, &Document::new(text), at).and_then(|h| h.api_path)
    }

    #[test]
    fn api_paths_in_the_form_blender_rag_takes() {
        let head = "import bpy\nimport bmesh\nfrom mathutils import Vector\nobj = bpy.context.active_object\n";
        let cases = [
            ("obj.modifiers.ne$0w('B', 'BEVEL')", Some("bpy.types.ObjectModifiers.new")),
            ("obj.loca$0tion.x = 1", Some("bpy.types.Object.location")),
            ("m = obj.modifiers.new('B', 'BEVEL')\nm.segm$0ents = 3", Some("bpy.types.BevelModifier.segments")),
            ("bpy.context.active_obj$0ect", Some("bpy.context.active_object")),
            ("bpy.ops.mesh.primitive_cube_a$0dd()", Some("bpy.ops.mesh.primitive_cube_add")),
            ("bmesh.ops.bev$0el(bm)", Some("bmesh.ops.bevel")),
            ("Vec$0tor((0, 0, 1))", Some("mathutils.Vector")),
            (
                "obj.data.materials[0].node_tree.nodes.new('ShaderNodeBsdfGl$0ass')",
                Some("bpy.types.ShaderNodeBsdfGlass"),
            ),
            // A variable, a keyword argument and a module are not API entries of their own.
            ("o$0bj.name", None),
            ("bpy.ops.mesh.primitive_cube_add(si$0ze=2)", None),
            ("bme$0sh.new()", None),
        ];
        for (code, want) in cases {
            assert_eq!(path_at(&format!("{head}{code}\n")).as_deref(), want, "{code}");
        }
    }
}
