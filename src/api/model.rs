//! The API database as stored in `rag_data/api/blender-<version>.json` (docs/api-db.md).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct ApiFile {
    pub format: u32,
    pub blender_version: String,
    #[serde(default)]
    pub structs: Vec<Struct>,
    #[serde(default)]
    pub operators: Vec<Operator>,
    #[serde(default)]
    pub context_members: Vec<Prop>,
    #[serde(default)]
    pub nodes: Vec<Node>,
    #[serde(default)]
    pub modules: Vec<Module>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Struct {
    pub name: String,
    #[serde(default)]
    pub base: Option<String>,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub properties: Vec<Prop>,
    #[serde(default)]
    pub functions: Vec<Func>,
    /// Members defined in Python (`Mesh.from_pydata`, `Object.children`).
    #[serde(default)]
    pub py_members: Vec<Member>,
    /// For classes Blender's startup scripts register (`TOPBAR_MT_file_export`): the Python
    /// module that defines them (`bl_ui.space_topbar`); none for RNA's own structs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub py_module: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PropType {
    Boolean,
    Int,
    Float,
    String,
    Enum,
    Pointer,
    Collection,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Prop {
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(rename = "type")]
    pub ty: PropType,
    #[serde(default)]
    pub fixed_type: Option<String>,
    #[serde(default)]
    pub collection_type: Option<String>,
    #[serde(default)]
    pub readonly: bool,
    #[serde(default)]
    pub array_length: u32,
    #[serde(default)]
    pub subtype: Option<String>,
    #[serde(default)]
    pub default: Option<serde_json::Value>,
    #[serde(default)]
    pub min: Option<f64>,
    #[serde(default)]
    pub max: Option<f64>,
    #[serde(default)]
    pub enum_items: Vec<EnumItem>,
    #[serde(default)]
    pub enum_flag: bool,
    #[serde(default)]
    pub is_required: bool,
}

/// `[identifier, name, description]`
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct EnumItem(pub String, pub String, pub String);

impl EnumItem {
    pub fn identifier(&self) -> &str {
        &self.0
    }
    pub fn name(&self) -> &str {
        &self.1
    }
    pub fn description(&self) -> &str {
        &self.2
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Func {
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub params: Vec<Prop>,
    #[serde(default)]
    pub returns: Vec<Prop>,
    #[serde(default)]
    pub is_classmethod: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Operator {
    pub module: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub params: Vec<Prop>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Node {
    pub idname: String,
    #[serde(default)]
    pub tree: String,
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub inputs: Vec<Socket>,
    #[serde(default)]
    pub outputs: Vec<Socket>,
    /// Every tree type the node can be added to, when more than one.
    #[serde(default)]
    pub trees: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Socket {
    pub name: String,
    #[serde(default)]
    pub identifier: String,
    #[serde(rename = "type", default)]
    pub ty: String,
    #[serde(default)]
    pub idname: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Module {
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub members: Vec<Member>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MemberKind {
    Class,
    Function,
    Method,
    Attribute,
    Constant,
    Module,
    #[serde(other)]
    Other,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Member {
    pub name: String,
    pub kind: MemberKind,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub signature: Option<String>,
    #[serde(default)]
    pub params: Vec<MemberParam>,
    #[serde(default)]
    pub returns: Option<String>,
    #[serde(rename = "type", default)]
    pub ty: Option<String>,
    #[serde(default)]
    pub members: Vec<Member>,
    /// What the docs say the function returns, in words, when they give no `:rtype:`
    /// (`pgettext_iface`: "The translated string ..."), read as a plain type.
    #[serde(rename = "returns_description", default, deserialize_with = "returned_in_words", skip_serializing)]
    pub returns_in_words: Option<PlainReturn>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlainReturn {
    Str,
    Bool,
}

/// "The translated string (or msgid ...)" -> "str", "True if ..." -> "bool".
fn returned_in_words<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<PlainReturn>, D::Error> {
    let text: Option<String> = serde::Deserialize::deserialize(d)?;
    let t = text.unwrap_or_default().trim_start().to_ascii_lowercase();
    Ok(if t.starts_with("the translated string") || t.starts_with("the original string") {
        Some(PlainReturn::Str)
    } else if t.starts_with("true if") {
        Some(PlainReturn::Bool)
    } else {
        None
    })
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct MemberParam {
    pub name: String,
    #[serde(rename = "type", default)]
    pub ty: Option<String>,
    #[serde(default)]
    pub default: Option<String>,
    #[serde(default)]
    pub description: String,
}
