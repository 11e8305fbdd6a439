//! How often code uses each API member, counted over our own example library
//! (rag_data/examples and rag_data/assets). Completion ranks by it: after `bpy.context.`
//! people want `scene` and `object`, not `area` or `asset_library_reference`.
//!
//! The table is generated (`bpy-lsp dev gen-usage`) and committed as
//! rag_data/api/usage.json; a test checks that it matches the examples.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::document::Document;
use super::infer::{Infer, Source};
use super::ty::Ty;
use crate::api::ApiDb;

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct Usage {
    /// "Owner.member" -> count; Owner is the struct that declares the member, the module,
    /// `bpy.ops.<module>`, or `module.Class`.
    pub members: BTreeMap<String, u32>,
    /// String literal -> count (enum values, node ids, socket names).
    pub strings: BTreeMap<String, u32>,
    /// Keyword argument "callee(keyword" -> count.
    pub keywords: BTreeMap<String, u32>,
    #[serde(skip)]
    by_name: HashMap<String, u32>,
}

/// The key under which `receiver.member` is counted.
pub fn member_key(db: &ApiDb, receiver: &Ty, member: &str) -> Option<String> {
    let owner = match receiver {
        Ty::Module(m) => m.clone(),
        Ty::OpModule(m) => format!("bpy.ops.{m}"),
        Ty::OperatorProperties(m, n) => format!("bpy.ops.{m}.{n}"),
        Ty::Struct(s) | Ty::StructClass(s) => {
            if s == "Context" && db.context_member(member).is_some() {
                "Context".to_string()
            } else {
                // Counted on the declaring struct, so that `obj.name` ranks `name` on every ID;
                // but bpy_struct's generic methods are counted per receiver, or
                // `keyframe_insert` would top every list.
                match db.member(s, member).map(|m| m.owner()) {
                    Some(owner) if owner != "bpy_struct" => owner.to_string(),
                    _ => s.clone(),
                }
            }
        }
        Ty::Collection { wrapper, .. } => match wrapper.as_deref().and_then(|w| db.member(w, member)) {
            Some(m) => m.owner().to_string(),
            None => "bpy_prop_collection".to_string(),
        },
        Ty::PyInstance { module, class } | Ty::PyClass { module, class } => {
            format!("{module}.{class}")
        }
        _ => return None,
    };
    Some(format!("{owner}.{member}"))
}

impl Usage {
    pub fn from_json(json: &str) -> Result<Usage, serde_json::Error> {
        let mut u: Usage = serde_json::from_str(json)?;
        u.index();
        Ok(u)
    }

    fn index(&mut self) {
        self.by_name.clear();
        for (k, v) in &self.members {
            if let Some((_, name)) = k.rsplit_once('.') {
                *self.by_name.entry(name.to_string()).or_default() += v;
            }
        }
    }

    /// Count usage over example sources.
    pub fn count<'s>(db: &ApiDb, sources: impl IntoIterator<Item = &'s str>) -> Usage {
        let mut usage = Usage::default();
        for src in sources {
            let doc = Document::new(src.to_string());
            let Some(tree) = doc.tree() else { continue };
            let infer = Infer::new(db, &doc);
            let source = Source { text: doc.text(), lookup_at: None };
            let mut stack = vec![tree.root_node()];
            while let Some(node) = stack.pop() {
                match node.kind() {
                    "attribute" => {
                        if let (Some(obj), Some(attr)) =
                            (node.child_by_field_name("object"), node.child_by_field_name("attribute"))
                        {
                            let recv = infer.api_view(infer.expr(obj, source));
                            let name = &src[attr.start_byte()..attr.end_byte()];
                            if let Some(key) = member_key(db, &recv, name) {
                                *usage.members.entry(key).or_default() += 1;
                            }
                        }
                    }
                    "string_content" => {
                        let s = &src[node.start_byte()..node.end_byte()];
                        if s.len() <= 64 && !s.contains('\n') {
                            *usage.strings.entry(s.to_string()).or_default() += 1;
                        }
                    }
                    "keyword_argument" => {
                        let name = node.child_by_field_name("name").map(|n| &src[n.start_byte()..n.end_byte()]);
                        let callee = node.parent().and_then(|a| a.parent()).filter(|c| c.kind() == "call");
                        let func = callee.and_then(|c| c.child_by_field_name("function"));
                        if let (Some(name), Some(func)) = (name, func) {
                            let last = src[func.start_byte()..func.end_byte()].rsplit('.').next().unwrap_or("");
                            *usage.keywords.entry(format!("{last}({name}")).or_default() += 1;
                        }
                    }
                    _ => {}
                }
                let mut cursor = node.walk();
                stack.extend(node.children(&mut cursor));
            }
        }
        usage.index();
        usage
    }

    pub fn member(&self, key: &str) -> u32 {
        self.members.get(key).copied().unwrap_or(0)
    }

    /// Uses of any member with this name, on any type.
    pub fn name(&self, name: &str) -> u32 {
        self.by_name.get(name).copied().unwrap_or(0)
    }

    pub fn string(&self, s: &str) -> u32 {
        self.strings.get(s).copied().unwrap_or(0)
    }

    pub fn keyword(&self, callee: &str, keyword: &str) -> u32 {
        self.keywords.get(&format!("{callee}({keyword}")).copied().unwrap_or(0)
    }
}
