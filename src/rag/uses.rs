//! What an example script uses, and on which lines: the same keys as `analysis::usage`
//! (`Object.location`, `bpy.ops.mesh.primitive_cube_add`, `bmesh.ops.bevel`, string literals
//! such as node ids), found with the same type inference.

use std::collections::BTreeMap;

use crate::analysis::Document;
use crate::analysis::infer::{Infer, Source};
use crate::analysis::usage::member_key;
use crate::api::ApiDb;

/// Lines kept per key (1-based).
const MAX_LINES: usize = 4;

#[derive(Debug, Default, Clone)]
pub(crate) struct Uses {
    /// Member key -> (count, first lines).
    pub members: BTreeMap<String, (u32, Vec<u32>)>,
    /// String literal -> (count, first lines).
    pub strings: BTreeMap<String, (u32, Vec<u32>)>,
}

fn add(map: &mut BTreeMap<String, (u32, Vec<u32>)>, key: &str, line: u32) {
    let entry = map.entry(key.to_string()).or_default();
    entry.0 += 1;
    if !entry.1.contains(&line) {
        entry.1.push(line);
    }
}

impl Uses {
    pub fn of(db: &ApiDb, code: &str) -> Uses {
        let mut uses = Uses::default();
        let doc = Document::new(code.to_string());
        let Some(tree) = doc.tree() else { return uses };
        let infer = Infer::new(db, &doc);
        let src = doc.text();
        let source = Source { text: src, lookup_at: None };
        let mut stack = vec![tree.root_node()];
        while let Some(node) = stack.pop() {
            let line = node.start_position().row as u32 + 1;
            match node.kind() {
                "attribute" => {
                    if let (Some(obj), Some(attr)) =
                        (node.child_by_field_name("object"), node.child_by_field_name("attribute"))
                    {
                        let recv = infer.expr(obj, source);
                        let name = &src[attr.start_byte()..attr.end_byte()];
                        if let Some(key) = member_key(db, &recv, name) {
                            add(&mut uses.members, &key, attr.start_position().row as u32 + 1);
                        }
                    }
                }
                "string_content" => {
                    let s = &src[node.start_byte()..node.end_byte()];
                    if s.len() <= 64 && !s.contains('\n') {
                        add(&mut uses.strings, s, line);
                    }
                }
                _ => {}
            }
            let mut cursor = node.walk();
            stack.extend(node.children(&mut cursor));
        }
        // Keep the first lines in file order (the walk is depth-first from the end).
        for (_, lines) in uses.members.values_mut().chain(uses.strings.values_mut()) {
            lines.sort_unstable();
            lines.truncate(MAX_LINES);
        }
        uses
    }

    /// All member uses.
    pub fn total(&self) -> u32 {
        self.members.values().map(|(c, _)| c).sum()
    }

    /// The stored form: one `key\tline,line` per line; string literals as `"text`.
    pub fn encode_lines(&self) -> String {
        let mut out = String::new();
        let items = self.members.iter().map(|(k, v)| (String::new(), k, v));
        let strings = self.strings.iter().map(|(k, v)| ("\"".to_string(), k, v));
        for (prefix, key, (_, lines)) in items.chain(strings) {
            if key.contains(['\t', '\n']) {
                continue;
            }
            let lines: Vec<String> = lines.iter().map(u32::to_string).collect();
            out.push_str(&format!("{prefix}{key}\t{}\n", lines.join(",")));
        }
        out
    }
}

/// Parse [`Uses::encode_lines`]: (key, lines); string literals keep their leading `"`.
pub(crate) fn decode_lines(text: &str) -> impl Iterator<Item = (&str, Vec<usize>)> {
    text.lines().filter_map(|l| {
        let (key, lines) = l.split_once('\t')?;
        Some((key, lines.split(',').filter_map(|n| n.parse().ok()).collect()))
    })
}
