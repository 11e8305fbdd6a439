//! Human-readable text for API entries: types, signatures, defaults, documentation links.
//! Shared by completion, hover and signature help.

use crate::api::ApiDb;
use crate::api::model::{Func, Member, Operator, Prop, PropType};

/// `float[3]`, `Object`, `bpy_prop_collection of Modifier`, `enum`.
pub fn prop_type(p: &Prop) -> String {
    let base = match p.ty {
        PropType::Boolean => "bool".to_string(),
        PropType::Int => "int".to_string(),
        PropType::Float => "float".to_string(),
        PropType::String => "str".to_string(),
        PropType::Enum if p.enum_flag => "enum set".to_string(),
        PropType::Enum => "enum".to_string(),
        PropType::Pointer => p.fixed_type.clone().unwrap_or_else(|| "pointer".into()),
        PropType::Collection => format!("bpy_prop_collection of {}", p.fixed_type.as_deref().unwrap_or("?")),
    };
    if p.array_length > 0 { format!("{base}[{}]", p.array_length) } else { base }
}

/// The value a Python user would write for a default, or None.
pub fn default_value(p: &Prop) -> Option<String> {
    let d = p.default.as_ref()?;
    let s = match d {
        serde_json::Value::Null => return None,
        serde_json::Value::Bool(b) => {
            if *b {
                "True".into()
            } else {
                "False".into()
            }
        }
        serde_json::Value::String(s) if p.ty == PropType::Enum => format!("'{s}'"),
        serde_json::Value::String(s) => format!("{s:?}"),
        serde_json::Value::Array(items) if p.ty == PropType::Enum => {
            let inner: Vec<String> = items.iter().filter_map(|v| v.as_str()).map(|s| format!("'{s}'")).collect();
            if inner.is_empty() { "set()".into() } else { format!("{{{}}}", inner.join(", ")) }
        }
        serde_json::Value::Array(items) => {
            let inner: Vec<String> = items.iter().map(|v| v.to_string()).collect();
            format!("({})", inner.join(", "))
        }
        other => other.to_string(),
    };
    Some(s)
}

/// `name: type = default` for a parameter.
pub fn param(p: &Prop) -> String {
    let mut s = format!("{}: {}", p.name, prop_type(p));
    if !p.is_required
        && let Some(d) = default_value(p)
    {
        s.push_str(&format!(" = {d}"));
    }
    s
}

/// `new(name: str, type: enum) -> Modifier` plus the byte range of each parameter in it.
pub fn function_signature(f: &Func) -> (String, Vec<std::ops::Range<usize>>) {
    let mut label = format!("{}(", f.name);
    let mut ranges = Vec::new();
    for (i, p) in f.params.iter().enumerate() {
        if i > 0 {
            label.push_str(", ");
        }
        let start = label.len();
        label.push_str(&param(p));
        ranges.push(start..label.len());
    }
    label.push(')');
    if !f.returns.is_empty() {
        let rets: Vec<String> = f.returns.iter().map(prop_type).collect();
        label.push_str(&format!(" -> {}", rets.join(", ")));
    }
    (label, ranges)
}

/// `bpy.ops.mesh.primitive_cube_add(size: float = 2.0, ...)` plus parameter ranges.
pub fn operator_signature(op: &Operator) -> (String, Vec<std::ops::Range<usize>>) {
    let mut label = format!("bpy.ops.{}.{}(", op.module, op.name);
    let mut ranges = Vec::new();
    for (i, p) in op.params.iter().enumerate() {
        if i > 0 {
            label.push_str(", ");
        }
        let start = label.len();
        label.push_str(&param(p));
        ranges.push(start..label.len());
    }
    label.push(')');
    (label, ranges)
}

/// Signature of a Python-level function: its documented signature, with parameter ranges.
pub fn member_signature(m: &Member) -> (String, Vec<std::ops::Range<usize>>) {
    let sig = m.signature.clone().unwrap_or_else(|| {
        let names: Vec<String> = m
            .params
            .iter()
            .map(|p| match &p.default {
                Some(d) => format!("{}={d}", p.name),
                None => p.name.clone(),
            })
            .collect();
        format!("({})", names.join(", "))
    });
    let sig = if sig.starts_with('(') { format!("{}{sig}", m.name) } else { sig };
    let label = match &m.returns {
        Some(r) if !sig.contains("->") => format!("{sig} -> {r}"),
        _ => sig,
    };
    // Parameter ranges: split the text between the outer parentheses on top-level commas.
    let mut ranges = Vec::new();
    if let (Some(open), Some(close)) = (label.find('('), find_matching_paren(&label)) {
        let mut depth = 0;
        let mut start = open + 1;
        for (i, c) in label[open + 1..close].char_indices() {
            let i = i + open + 1;
            match c {
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => depth -= 1,
                ',' if depth == 0 => {
                    push_trimmed(&label, start..i, &mut ranges);
                    start = i + 1;
                }
                _ => {}
            }
        }
        push_trimmed(&label, start..close, &mut ranges);
    }
    (label, ranges)
}

fn find_matching_paren(s: &str) -> Option<usize> {
    let open = s.find('(')?;
    let mut depth = 0;
    for (i, c) in s[open..].char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + i);
                }
            }
            _ => {}
        }
    }
    None
}

fn push_trimmed(s: &str, r: std::ops::Range<usize>, out: &mut Vec<std::ops::Range<usize>>) {
    let seg = &s[r.clone()];
    let lead = seg.len() - seg.trim_start().len();
    let trail = seg.len() - seg.trim_end().len();
    if r.end - trail > r.start + lead {
        out.push(r.start + lead..r.end - trail);
    }
}

/// Enum values as a markdown list: `'CYCLES'`: Cycles, description.
pub fn enum_items_markdown(p: &Prop, max: usize) -> String {
    let mut out = String::new();
    for item in p.enum_items.iter().take(max) {
        out.push_str(&format!("- `'{}'`", item.identifier()));
        if !item.name().is_empty() && item.name() != item.identifier() {
            out.push_str(&format!(" {}", item.name()));
        }
        if !item.description().is_empty() {
            out.push_str(&format!(": {}", item.description()));
        }
        out.push('\n');
    }
    if p.enum_items.len() > max {
        out.push_str(&format!("- … {} more\n", p.enum_items.len() - max));
    }
    out
}

/// The API documentation page of an entry for the database's Blender version.
/// `page` is the module or type page ("bpy.types.Object", "bpy.ops.mesh", "mathutils"),
/// `anchor` the full dotted name of the entry, if it has one on that page.
pub fn docs_url(db: &ApiDb, page: &str, anchor: Option<&str>) -> String {
    let base = format!("https://docs.blender.org/api/{}/{page}.html", db.short_version());
    match anchor {
        Some(a) => format!("{base}#{a}"),
        None => base,
    }
}

/// The first sentence-ish line of a description, for completion lists.
pub fn one_line(description: &str) -> &str {
    description.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("")
}
