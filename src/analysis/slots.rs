//! What a string literal at the cursor stands for, from what surrounds it: an enum value
//! (`type='BEVEL'`, `engine = 'CYCLES'`, `obj.type == 'MESH'`), a node type id
//! (`nodes.new("ShaderNodeBsdfPrincipled")`), a socket name (`node.inputs["Base Color"]`)
//! or the name of a data-block (`bpy.data.objects["Cube"]`); the strings of add-on code
//! (property names, operator and menu ids, `bl_*` attributes) come from addon_strings.rs.

use super::infer::Infer;
use super::resolve::{Named, infer_text, resolve_member, resolve_text};
use super::text_scan::{args_so_far, expr_start_before, open_bracket_before, token_before};
use super::ty::Ty;
use crate::api::model::{Prop, PropType};

pub enum Slot<'db> {
    /// One of the values of this enum property or parameter.
    Enum(&'db Prop),
    /// One of the values of an enum parameter whose items Blender fills at run time: the
    /// static ones and those real Blender listed (`rag_data/api/dynamic_enums.json`).
    RuntimeEnum {
        prop: &'db Prop,
        extra: &'static std::collections::HashSet<String>,
    },
    /// A node type id; `tree` is the node tree type when known.
    NodeType {
        tree: Option<String>,
    },
    /// A node tree type id (`bpy.data.node_groups.new(name, "GeometryNodeTree")`).
    TreeType,
    /// A socket name of this node type.
    Socket {
        node: String,
        outputs: bool,
    },
    /// A socket name of a node whose type is not known: any node's.
    AnySocket {
        outputs: bool,
    },
    /// A node's name in a tree, by default its label.
    NodeName {
        tree: Option<String>,
    },
    /// The name of an item of a collection of `item` (objects, materials, ...).
    ItemName {
        item: String,
    },
    /// A property name of a value of this type (`layout.prop(obj, "`, `keyframe_insert("`).
    PropertyOf(Ty),
    /// An operator id (`layout.operator("`), Blender's or the document's own.
    OperatorId,
    /// A menu id (`layout.menu("`) or, with `panel`, a panel id (`bl_parent_id = "`).
    MenuId {
        panel: bool,
    },
    /// One of these plain strings (`bl_context`, `bl_category`).
    Values(Vec<String>),
    None,
}

/// The slot of the string literal whose opening quote is at `quote`.
pub fn string_slot<'db>(infer: &Infer<'db>, quote: usize) -> Slot<'db> {
    value_slot(infer, quote, 0)
}

fn value_slot<'db>(infer: &Infer<'db>, value_start: usize, depth: u32) -> Slot<'db> {
    let text = infer.doc.text();
    let Some((token, at)) = token_before(text, value_start) else {
        return Slot::None;
    };
    match token {
        "[" => {
            // A subscript when an expression stands right before the bracket; a list otherwise.
            match expr_start_before(text, at) {
                Some(s) if text[s..at].trim_end().len() == at - s => subscript_slot(infer, &text[s..at], s),
                _ if depth < 3 => value_slot(infer, at, depth + 1),
                _ => Slot::None,
            }
        }
        "{" if depth < 3 => value_slot(infer, at, depth + 1),
        "==" | "!=" | "in" => {
            // `x not in {...}`: the target ends before the `not`.
            let at = if token == "in" { strip_not(text, at) } else { at };
            let Some(s) = expr_start_before(text, at) else {
                return Slot::None;
            };
            target_slot(infer, &text[s..at], s)
        }
        "=" => {
            // `name=` inside a call is a keyword argument; otherwise an assignment.
            if let Some((open, b'(')) = open_bracket_before(text, at)
                && let Some(k) = args_so_far(text, open, value_start).current_keyword
            {
                return call_slot(infer, open, CallArg::Keyword(k));
            }
            let Some(s) = expr_start_before(text, at) else {
                return Slot::None;
            };
            target_slot(infer, &text[s..at], s)
        }
        "(" | "," => match open_bracket_before(text, value_start) {
            // A call when an expression stands before the bracket; else a tuple (`in ('A', `).
            Some((open, b'(')) if expr_start_before(text, open).is_some() => {
                let args = args_so_far(text, open, value_start);
                match args.current_keyword {
                    Some(k) => call_slot(infer, open, CallArg::Keyword(k)),
                    None => call_slot(infer, open, CallArg::Position(args.index)),
                }
            }
            Some((open, b'(' | b'{' | b'[')) if depth < 3 => value_slot(infer, open, depth + 1),
            _ => Slot::None,
        },
        _ => Slot::None,
    }
}

/// `receiver[` — what the key names.
fn subscript_slot<'db>(infer: &Infer<'db>, receiver: &str, at: usize) -> Slot<'db> {
    let ty = infer_text(infer, receiver, at);
    if ty.is_unknown() {
        return sockets_by_name(receiver);
    }
    collection_key_slot(infer, &ty)
}

/// `<unknown node>.inputs[`: the attribute name says it is a node's sockets.
fn sockets_by_name<'db>(receiver: &str) -> Slot<'db> {
    match receiver.trim_end().rsplit('.').next() {
        Some("inputs") => Slot::AnySocket { outputs: false },
        Some("outputs") => Slot::AnySocket { outputs: true },
        _ => Slot::None,
    }
}

fn collection_key_slot<'db>(infer: &Infer<'db>, ty: &Ty) -> Slot<'db> {
    match ty {
        Ty::Collection { item, owner, wrapper } => match item.as_str() {
            "NodeSocket" => match owner {
                Some(node) if infer.db.node(node).is_some() => {
                    Slot::Socket { node: node.clone(), outputs: wrapper.as_deref() == Some("NodeOutputs") }
                }
                _ => Slot::None,
            },
            "Node" => Slot::NodeName { tree: owner.clone().filter(|o| o.ends_with("NodeTree")) },
            _ => Slot::ItemName { item: item.clone() },
        },
        _ => Slot::None,
    }
}

/// The offset of `not` when `in` at `at` is the second word of `not in`, else `at`.
fn strip_not(text: &str, at: usize) -> usize {
    let head = text[..at].trim_end();
    match head.strip_suffix("not") {
        Some(rest) if rest.ends_with([' ', '\t']) => rest.len(),
        _ => at,
    }
}

/// (struct, property): a member named by its owner.
type MemberName = (&'static str, &'static str);

/// String properties whose values are the identifiers of an enum declared elsewhere:
/// `context.engine` holds what `scene.render.engine` holds.
const STRING_ENUMS: &[(MemberName, MemberName)] = &[(("Context", "engine"), ("RenderSettings", "engine"))];

/// Operator string parameters that take a node type id (`bpy.ops.node.add_node(type=...)`).
const NODE_TYPE_PARAMS: &[(&str, &str, &str)] = &[("node", "add_node", "type")];

fn enum_of_string<'db>(infer: &Infer<'db>, owner: &str, prop: &str) -> Option<&'db Prop> {
    let (_, (struct_name, enum_prop)) = STRING_ENUMS.iter().find(|(from, _)| *from == (owner, prop))?;
    match infer.db.member(struct_name, enum_prop)? {
        crate::api::StructMember::Prop(_, p) if p.ty == PropType::Enum => Some(p),
        _ => None,
    }
}

/// `target = '...'`, `target == '...'`: the enum property that `target` reads.
fn target_slot<'db>(infer: &Infer<'db>, target: &str, at: usize) -> Slot<'db> {
    if let Some(slot) = super::addon_strings::class_body_slot(infer, target, at) {
        return slot;
    }
    match resolve_text(infer, target.trim_end(), at) {
        Named::Prop { prop, .. } | Named::ContextMember(prop) if prop.ty == PropType::Enum => Slot::Enum(prop),
        Named::Prop { owner, prop, .. } => enum_of_string(infer, &owner, &prop.name).map_or(Slot::None, Slot::Enum),
        Named::ContextMember(prop) => enum_of_string(infer, "Context", &prop.name).map_or(Slot::None, Slot::Enum),
        _ => Slot::None,
    }
}

enum CallArg {
    Keyword(String),
    Position(usize),
}

/// The parameter of the call whose `(` is at `open` that the argument fills.
fn call_slot<'db>(infer: &Infer<'db>, open: usize, arg: CallArg) -> Slot<'db> {
    let text = infer.doc.text();
    let Some(callee_start) = expr_start_before(text, open) else {
        return Slot::None;
    };
    let callee = &text[callee_start..open];
    // The receiver of a method call decides node trees and collections.
    let (receiver, method) = match callee.rfind('.') {
        Some(dot) => (infer_text(infer, &callee[..dot], callee_start), callee[dot + 1..].trim()),
        None => (Ty::Unknown, callee.trim()),
    };
    let named = match &receiver {
        Ty::Unknown => resolve_text(infer, callee, callee_start),
        r => resolve_member(infer, r, method).unwrap_or(Named::Value(Ty::Unknown)),
    };
    let (keyword, position) = match &arg {
        CallArg::Keyword(k) => (Some(k.as_str()), None),
        CallArg::Position(i) => (None, Some(*i)),
    };
    if let Some(slot) = super::addon_strings::call_slot(infer, &named, &receiver, method, open, keyword, position) {
        return slot;
    }
    let params: &[Prop] = match &named {
        Named::Operator(op) => &op.params,
        Named::Func { func, .. } => &func.params,
        _ => {
            let first = matches!(arg, CallArg::Position(0)) || matches!(&arg, CallArg::Keyword(k) if k == "type");
            // Collection helpers: `coll.get("name")`.
            if method == "get" && matches!(arg, CallArg::Position(0) | CallArg::Keyword(_)) {
                return match receiver {
                    Ty::Unknown => sockets_by_name(&callee[..callee.rfind('.').unwrap_or(0)]),
                    r => collection_key_slot(infer, &r),
                };
            }
            // `<unknown>.nodes.new("`: a node tree's nodes, of a tree we do not know.
            if method == "new" && first && receiver.is_unknown() && callee.trim_end().ends_with("nodes.new") {
                return Slot::NodeType { tree: None };
            }
            return Slot::None;
        }
    };
    let param = match &arg {
        CallArg::Keyword(k) => params.iter().find(|p| &p.name == k),
        // Operators take keywords only; positional indexes count RNA function parameters.
        CallArg::Position(i) if !matches!(named, Named::Operator(_)) => params.get(*i),
        CallArg::Position(_) => None,
    };
    let Some(param) = param else {
        return Slot::None;
    };
    if let Named::Func { owner, func, .. } = &named
        && func.name == "new"
        && param.name == "type"
    {
        if owner == "Nodes" {
            let tree = match &receiver {
                Ty::Collection { owner, .. } => owner.clone().filter(|o| o.ends_with("NodeTree") && o != "NodeTree"),
                _ => None,
            };
            return Slot::NodeType { tree };
        }
        // The tree type enum is filled at run time (the database holds a placeholder).
        if func.returns.first().and_then(|r| r.fixed_type.as_deref()) == Some("NodeTree") {
            return Slot::TreeType;
        }
    }
    if let Named::Operator(op) = &named
        && NODE_TYPE_PARAMS.contains(&(op.module.as_str(), op.name.as_str(), param.name.as_str()))
    {
        return Slot::NodeType { tree: None };
    }
    // Items Blender fills at run time (`interface.new_socket(socket_type=)`): what real Blender listed.
    if let Named::Func { owner, func, .. } = &named
        && param.ty == PropType::Enum
    {
        let key = format!("{owner}.{}({})", func.name, param.name);
        if let Some(extra) = super::lint::dynamic::for_version(&infer.db.version).enum_extra(&key) {
            return Slot::RuntimeEnum { prop: param, extra };
        }
    }
    if param.ty == PropType::Enum { Slot::Enum(param) } else { Slot::None }
}
