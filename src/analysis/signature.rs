//! Signature help for operators, RNA functions and Python-level functions, with the
//! parameter the cursor is on.

use std::ops::Range;

use super::describe;
use super::document::{Document, floor_char_boundary};
use super::infer::Infer;
use super::resolve::{Named, resolve_text};
use super::text_scan::{args_so_far, expr_start_before, open_bracket_before, string_at};
use crate::api::ApiDb;

#[derive(Debug, Clone, PartialEq)]
pub struct SignatureHelp {
    pub label: String,
    pub documentation: String,
    /// Byte ranges of each parameter in `label`, with its documentation.
    pub params: Vec<(Range<usize>, String)>,
    pub active: Option<usize>,
}

pub fn signature_help(db: &ApiDb, doc: &Document, offset: usize) -> Option<SignatureHelp> {
    let text = doc.text();
    let offset = floor_char_boundary(text, offset);
    // Inside a string, the call is the one the string is an argument of.
    let from = string_at(text, offset).map(|(q, _)| q).unwrap_or(offset);
    let (open, b'(') = open_bracket_before(text, from)? else {
        return None;
    };
    let callee_start = expr_start_before(text, open)?;
    let infer = Infer::new(db, doc);
    let args = args_so_far(text, open, offset);
    let (label, ranges, documentation, names, keyword_only) =
        match resolve_text(&infer, &text[callee_start..open], callee_start) {
            Named::Operator(op) => {
                let (label, ranges) = describe::operator_signature(op);
                let names: Vec<(String, String)> =
                    op.params.iter().map(|p| (p.name.clone(), p.description.clone())).collect();
                (label, ranges, op.description.clone(), names, true)
            }
            Named::Func { owner, func, .. } => {
                let (sig, ranges) = describe::function_signature(func);
                let shift = owner.len() + 1;
                let label = format!("{owner}.{sig}");
                let ranges = ranges.into_iter().map(|r| r.start + shift..r.end + shift).collect();
                let names = func.params.iter().map(|p| (p.name.clone(), p.description.clone())).collect();
                (label, ranges, func.description.clone(), names, false)
            }
            Named::PyMember { member, .. } => {
                let (label, ranges) = describe::member_signature(member);
                let mut names: Vec<(String, String)> =
                    member.params.iter().map(|p| (p.name.clone(), p.description.clone())).collect();
                if names.len() != ranges.len() {
                    // Documented signature only: take names from the label itself.
                    names = ranges
                        .iter()
                        .map(|r| {
                            let p = &label[r.clone()];
                            let n = p.split(['=', ':']).next().unwrap_or(p).trim().to_string();
                            (n, String::new())
                        })
                        .collect();
                }
                (label, ranges, member.description.clone(), names, false)
            }
            _ => return None,
        };
    let active = match &args.current_keyword {
        Some(k) => names.iter().position(|(n, _)| n == k),
        None if keyword_only => {
            // Operators take keywords only: point at the first parameter not given yet.
            names.iter().position(|(n, _)| !args.keywords.contains(n))
        }
        None => (args.index < names.len()).then_some(args.index),
    };
    let params = ranges.into_iter().zip(names).map(|(r, (_, d))| (r, d)).collect();
    Some(SignatureHelp { label, documentation, params, active })
}
