//! The strings add-ons write every day and what they stand for: property names
//! (`layout.prop(data, "name")`, `keyframe_insert("location")`), operator ids
//! (`layout.operator("mesh.primitive_cube_add")`), menu and panel ids (`layout.menu(...)`,
//! `bl_parent_id = ...`, `wm.call_menu(name=...)`), `bl_*` attributes in class bodies,
//! execution contexts (`bpy.ops.x.y('INVOKE_DEFAULT')`) and `icon=` anywhere. Ids the
//! document defines itself (`bl_idname = "my.op"`) count as well.

use super::infer::Infer;
use super::resolve::Named;
use super::slots::Slot;
use super::ty::Ty;
use crate::api::StructMember;
use crate::api::model::{Prop, PropType};

/// `bl_context` values: the Properties editor's tabs (buttons_context.cc), the 3D View's
/// modes (`CTX_data_mode_string` in context.cc) and the Preferences' sections. Blender
/// keeps them as plain strings, not as an enum the database could list.
pub const BL_CONTEXTS: &[&str] = &[
    // Properties editor
    "tool",
    "scene",
    "render",
    "output",
    "view_layer",
    "world",
    "collection",
    "object",
    "constraint",
    "modifier",
    "data",
    "bone",
    "bone_constraint",
    "material",
    "texture",
    "particle",
    "physics",
    "shaderfx",
    // 3D View modes
    "objectmode",
    "mesh_edit",
    "curve_edit",
    "curves_edit",
    "surface_edit",
    "text_edit",
    "armature_edit",
    "mball_edit",
    "lattice_edit",
    "grease_pencil_edit",
    "pointcloud_edit",
    "posemode",
    "sculpt_mode",
    "weightpaint",
    "vertexpaint",
    "imagepaint",
    "particlemode",
    "curves_sculpt",
    "grease_pencil_paint",
    "grease_pencil_sculpt",
    "grease_pencil_weight",
    "grease_pencil_vertex",
    "greasepencil_paint",
    "greasepencil_edit",
    "greasepencil_sculpt",
    "greasepencil_weight",
    "greasepencil_vertex",
    // Preferences
    "interface",
    "themes",
    "viewport",
    "lights",
    "editing",
    "animation",
    "addons",
    "extensions",
    "input",
    "navigation",
    "keymap",
    "system",
    "save_load",
    "file_paths",
    "experimental",
];

/// Tabs of the 3D View's sidebar that Blender itself fills.
const BLENDER_CATEGORIES: &[&str] = &["Item", "Tool", "View", "Edit", "Animation"];

/// `bpy_struct` methods whose first argument is a property path of the receiver.
const PATH_METHODS: &[&str] = &[
    "keyframe_insert",
    "keyframe_delete",
    "driver_add",
    "driver_remove",
    "path_resolve",
    "path_from_id",
    "is_property_set",
    "property_unset",
    "is_property_hidden",
    "is_property_readonly",
];

/// UILayout parameters whose value names a property of another argument: `property` of
/// `data`, `search_property` of `search_data`.
fn data_param_of(param: &str) -> Option<&'static str> {
    match param {
        "property" => Some("data"),
        "search_property" => Some("search_data"),
        _ => None,
    }
}

/// The slot of a string argument of a call whose callee was resolved to `named`
/// (`receiver.method(`), before the generic parameter lookup; None to go on with that.
pub fn call_slot<'db>(
    infer: &Infer<'db>,
    named: &Named<'db>,
    receiver: &Ty,
    method: &str,
    open: usize,
    keyword: Option<&str>,
    position: Option<usize>,
) -> Option<Slot<'db>> {
    match named {
        Named::Func { owner, func, .. } if owner == "UILayout" => {
            let param = match (keyword, position) {
                (Some(k), _) => func.params.iter().find(|p| p.name == k)?,
                (None, Some(i)) => func.params.get(i)?,
                _ => return None,
            };
            if let Some(data) = data_param_of(&param.name) {
                let index = func.params.iter().position(|p| p.name == data)?;
                let ty = argument_type(infer, open, data, index)?;
                return Some(Slot::PropertyOf(ty));
            }
            match param.name.as_str() {
                "operator" if param.ty == PropType::String => Some(Slot::OperatorId),
                "menu" if param.ty == PropType::String => Some(Slot::MenuId { panel: false }),
                "panel" if param.ty == PropType::String => Some(Slot::MenuId { panel: true }),
                _ => None,
            }
        }
        Named::PyMember { class: Some(c), member, .. }
            if c == "bpy_struct" && PATH_METHODS.contains(&member.name.as_str()) =>
        {
            let first = member.params.first().map(|p| p.name.as_str());
            let fills_path = position == Some(0) || (keyword.is_some() && keyword == first);
            (fills_path && !receiver.is_unknown()).then(|| Slot::PropertyOf(receiver.clone()))
        }
        Named::Operator(op) => {
            if keyword.is_none() && position == Some(0) {
                return execution_contexts(infer).map(Slot::Enum);
            }
            let menus = matches!((op.module.as_str(), op.name.as_str()), ("wm", "call_menu" | "call_menu_pie"));
            match keyword {
                Some("name") if menus => Some(Slot::MenuId { panel: false }),
                Some("name") if op.module == "wm" && op.name == "call_panel" => Some(Slot::MenuId { panel: true }),
                _ => None,
            }
        }
        _ => {
            // `icon=` takes Blender's icon names whatever the call (EnumProperty items,
            // operators of an unknown layout).
            if keyword == Some("icon") {
                return icon_enum(infer).map(Slot::Enum);
            }
            if !receiver.is_unknown() {
                return None;
            }
            // A layout whose type we lost (`row = split.row()` in broken code).
            match (method, position, keyword) {
                ("operator" | "operator_menu_enum", Some(0), None) => Some(Slot::OperatorId),
                ("menu", Some(0), None) => Some(Slot::MenuId { panel: false }),
                ("popover", Some(0), None) => Some(Slot::MenuId { panel: true }),
                _ => None,
            }
        }
    }
}

/// The `operator_context` enum of UILayout: the execution contexts operators take.
fn execution_contexts<'db>(infer: &Infer<'db>) -> Option<&'db Prop> {
    match infer.db.member("UILayout", "operator_context")? {
        StructMember::Prop(_, p) if p.ty == PropType::Enum => Some(p),
        _ => None,
    }
}

/// The icon enum of `UILayout.prop` (all of Blender's icon names).
pub fn icon_enum<'db>(infer: &Infer<'db>) -> Option<&'db Prop> {
    match infer.db.member("UILayout", "prop")? {
        StructMember::Func(_, f) => f.params.iter().find(|p| p.name == "icon" && p.ty == PropType::Enum),
        _ => None,
    }
}

/// The type of the argument given for parameter `name` (by keyword or at `index`) of the
/// call whose `(` is at `open`.
fn argument_type(infer: &Infer, open: usize, name: &str, index: usize) -> Option<Ty> {
    let text = infer.doc.text();
    let (start, end) = argument_range(text, open, name, index)?;
    let ty = super::resolve::infer_text(infer, text.get(start..end)?.trim(), start);
    (!ty.is_unknown()).then_some(ty)
}

/// The byte range of one argument of a call, by keyword or position, reading the text
/// (the call may be unfinished). Strings and brackets are skipped over.
fn argument_range(text: &str, open: usize, keyword: &str, index: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    let mut start = open + 1;
    let mut position = 0usize;
    let mut i = open + 1;
    let limit = bytes.len().min(open + 64 * 1024);
    let pick = |s: usize, e: usize, position: usize| -> Option<(usize, usize)> {
        let arg = text.get(s..e)?;
        let trimmed = arg.trim_start();
        let lead = arg.len() - trimmed.len();
        if let Some(eq) = trimmed.find('=').filter(|&eq| {
            let k = trimmed[..eq].trim();
            !k.is_empty()
                && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
                && !trimmed[eq..].starts_with("==")
        }) {
            return (trimmed[..eq].trim() == keyword).then_some((s + lead + eq + 1, e));
        }
        (position == index).then_some((s, e))
    };
    while i < limit {
        let b = bytes[i];
        if let Some(q) = quote {
            if b == b'\\' {
                i += 2;
                continue;
            }
            if b == q || b == b'\n' {
                quote = None;
            }
        } else {
            match b {
                b'"' | b'\'' => quote = Some(b),
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' if depth == 0 => return pick(start, i, position),
                b')' | b']' | b'}' => depth -= 1,
                b',' if depth == 0 => {
                    if let Some(r) = pick(start, i, position) {
                        return Some(r);
                    }
                    let is_kw = text.get(start..i).is_some_and(|a| a.contains('=') && !a.contains("=="));
                    if !is_kw {
                        position += 1;
                    }
                    start = i + 1;
                }
                _ => {}
            }
        }
        i += 1;
    }
    None
}

/// `bl_space_type = '`, `bl_options = {'`, `bl_context = "`, `bl_parent_id = "`: the slot
/// of a `bl_*` attribute assigned in a class body, from the class's RNA base.
pub fn class_body_slot<'db>(infer: &Infer<'db>, target: &str, at: usize) -> Option<Slot<'db>> {
    let name = target.trim();
    if !name.starts_with("bl_") || name.contains('.') {
        return None;
    }
    let base = infer.rna_base_of_class_at(at)?;
    match name {
        "bl_context" => return Some(Slot::Values(BL_CONTEXTS.iter().map(|s| s.to_string()).collect())),
        "bl_category" => {
            let mut cats: Vec<String> = BLENDER_CATEGORIES.iter().map(|s| s.to_string()).collect();
            cats.extend(assigned_literals(infer.doc.text(), "bl_category"));
            cats.sort();
            cats.dedup();
            return Some(Slot::Values(cats));
        }
        "bl_parent_id" => return Some(Slot::MenuId { panel: true }),
        _ => {}
    }
    match infer.db.member(&base, name)? {
        StructMember::Prop(_, p) if p.ty == PropType::Enum => Some(Slot::Enum(p)),
        _ => None,
    }
}

/// Every string literal the document assigns to `name` (`bl_category = "My Tab"`).
pub fn assigned_literals(text: &str, name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let Some(rest) = line.trim_start().strip_prefix(name) else { continue };
        let Some(value) = rest.trim_start().strip_prefix('=') else { continue };
        let value = value.trim();
        let inner = value
            .strip_prefix('"')
            .and_then(|v| v.split_once('"'))
            .or_else(|| value.strip_prefix('\'').and_then(|v| v.split_once('\'')))
            .map(|(v, _)| v);
        if let Some(v) = inner.filter(|v| !v.is_empty()) {
            out.push(v.to_string());
        }
    }
    out
}

/// The ids the document defines: `bl_idname` of its operators (`"my.op"`, with a dot) or of
/// its menus and panels (`"MY_MT_menu"`), and class names of Menu/Panel subclasses.
pub fn own_ids(text: &str, operators: bool) -> Vec<String> {
    let mut out: Vec<String> =
        assigned_literals(text, "bl_idname").into_iter().filter(|v| v.contains('.') == operators).collect();
    if !operators {
        for line in text.lines() {
            let Some(rest) = line.trim_start().strip_prefix("class ") else { continue };
            let Some((name, bases)) = rest.split_once('(') else { continue };
            if bases.contains("Menu") || bases.contains("Panel") {
                out.push(name.trim().to_string());
            }
        }
    }
    out
}
