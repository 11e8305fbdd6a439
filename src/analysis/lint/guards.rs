//! Code that guards itself: a finding inside a guard that expects it is no error.
//!
//! - `try:` ... `except (AttributeError, KeyError, Exception, ...)`: the body may fail; the
//!   handler says what happens then. Only the exceptions that the finding raises count.
//! - `if "X" in node.inputs:` / `if hasattr(x, "name"):` and the other branches of that
//!   `if`: code written for several Blender versions picks the name the running one has.
//! - `if bpy.app.version >= (4, 0, 0):`: a branch that cannot run on the target version is
//!   not checked against it (the target's `else`, or the body for older versions).

use std::cmp::Ordering;

use tree_sitter::Node;

use super::{Code, Diagnostic};

/// Whether `d` (found under `root`) is guarded, for a target of version `target`.
pub fn is_guarded(root: Node, text: &str, d: &Diagnostic, target: Option<(u32, u32)>) -> bool {
    if d.code == Code::SyntaxError {
        return false;
    }
    let Some(node) = root.descendant_for_byte_range(d.range.start, d.range.end.max(d.range.start)) else {
        return false;
    };
    let name = text.get(d.range.clone()).unwrap_or("").trim_matches(|c| c == '"' || c == '\'');
    let mut child = node;
    let mut n = node;
    while let Some(p) = n.parent() {
        match p.kind() {
            "try_statement" if p.child_by_field_name("body") == Some(child) && catches(p, text, d.code) => {
                return true;
            }
            // Only for what the `if` guards, not for its own condition.
            "if_statement" if p.child_by_field_name("condition") != Some(child) => {
                if d.code != Code::UndefinedName && version_dead(p, child, text, target) {
                    return true;
                }
                if chain_tests(p, text, name, d.code) {
                    return true;
                }
            }
            // `a if hasattr(x, "a") else b`, `hasattr(x, "a") and x.a`.
            "conditional_expression" | "boolean_operator" => {
                let test = if p.kind() == "boolean_operator" {
                    p.child_by_field_name("left").filter(|_| p.child_by_field_name("right") == Some(child))
                } else {
                    p.named_child(1).filter(|c| *c != child)
                };
                let t = test.and_then(|t| text.get(t.byte_range())).unwrap_or("");
                if tests_name(t, name, d.code) {
                    return true;
                }
            }
            // A guard outside a function does not run when the function does.
            "function_definition" | "class_definition" => break,
            _ => {}
        }
        child = p;
        n = p;
    }
    false
}

/// The exceptions a finding raises when its line runs.
fn raises(code: Code) -> &'static [&'static str] {
    match code {
        Code::UnknownOperator | Code::UnknownAttribute | Code::ReadOnlyProperty | Code::NoNodeTree => {
            &["AttributeError"]
        }
        Code::UnknownSocket => &["KeyError", "LookupError"],
        Code::InvalidEnumValue | Code::UnknownKeyword | Code::WrongValueType | Code::MissingArgument => {
            &["TypeError", "ValueError"]
        }
        Code::UnknownNodeType => &["RuntimeError"],
        Code::UndefinedName => &["NameError"],
        Code::ContextOverride => &["ValueError", "TypeError", "RuntimeError"],
        Code::SyntaxError => &[],
    }
}

/// Whether one of the `except` clauses of `try_stmt` catches what `code` raises.
fn catches(try_stmt: Node, text: &str, code: Code) -> bool {
    let wanted = raises(code);
    let mut c = try_stmt.walk();
    try_stmt.named_children(&mut c).filter(|ch| ch.kind() == "except_clause").any(|clause| {
        // The exception expression: the clause's first named child unless it is the block.
        let mut cc = clause.walk();
        let first = clause.named_children(&mut cc).find(|x| x.kind() != "comment");
        let Some(first) = first.filter(|f| f.kind() != "block") else { return true }; // bare `except:`
        let expr = match first.kind() {
            "as_pattern" => first.named_child(0).unwrap_or(first),
            _ => first,
        };
        let t = text.get(expr.start_byte()..expr.end_byte()).unwrap_or("");
        t.split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .any(|w| w == "Exception" || w == "BaseException" || wanted.contains(&w))
    })
}

/// Whether a condition of the `if`/`elif` chain of `stmt` tests for `name` the way the
/// finding's code needs: membership (`"X" in c`, `c.get("X")`) for sockets and keys,
/// `hasattr`/`getattr` for attributes and operators.
fn chain_tests(stmt: Node, text: &str, name: &str, code: Code) -> bool {
    let mut conditions = Vec::new();
    conditions.extend(stmt.child_by_field_name("condition"));
    let mut c = stmt.walk();
    for alt in stmt.children_by_field_name("alternative", &mut c) {
        if alt.kind() == "elif_clause" {
            conditions.extend(alt.child_by_field_name("condition"));
        }
    }
    conditions.iter().any(|cond| tests_name(text.get(cond.start_byte()..cond.end_byte()).unwrap_or(""), name, code))
}

fn tests_name(t: &str, name: &str, code: Code) -> bool {
    if name.is_empty() {
        return false;
    }
    let quoted = t.contains(&format!("\"{name}\"")) || t.contains(&format!("'{name}'"));
    match code {
        Code::UnknownNodeType => quoted,
        Code::UnknownSocket => {
            // `"Specular" in bsdf.inputs`, `bsdf.inputs.get("Specular")`, and, for the other
            // branch, any membership test on sockets (`"Specular IOR Level" in bsdf.inputs`).
            quoted || t.contains(" in ") && (t.contains(".inputs") || t.contains(".outputs"))
        }
        Code::UnknownAttribute | Code::UnknownOperator | Code::ReadOnlyProperty | Code::UnknownKeyword => {
            (t.contains("hasattr(") || t.contains("getattr(")) && quoted
        }
        _ => false,
    }
}

/// Whether `branch` (a child of the `if` statement `stmt`) cannot run on the target: the
/// chain tests `bpy.app.version` and the branch is the one the target does not take.
fn version_dead(stmt: Node, branch: Node, text: &str, target: Option<(u32, u32)>) -> bool {
    let Some(target) = target else { return false };
    // The branches in order, each with its condition (None for `else`).
    let mut arms: Vec<(Option<Node>, Node)> = Vec::new();
    if let Some(body) = stmt.child_by_field_name("consequence") {
        arms.push((stmt.child_by_field_name("condition"), body));
    }
    let mut c = stmt.walk();
    for alt in stmt.children_by_field_name("alternative", &mut c) {
        arms.push((if alt.kind() == "elif_clause" { alt.child_by_field_name("condition") } else { None }, alt));
    }
    // The arm the target takes: the first whose condition is true; unknown conditions
    // before it make the answer unknown.
    let mut taken = None;
    for (i, (cond, _)) in arms.iter().enumerate() {
        match cond {
            None => {
                taken = Some(i);
                break;
            }
            Some(c) => match eval_version(*c, text, target) {
                Some(true) => {
                    taken = Some(i);
                    break;
                }
                Some(false) => {}
                None => return false,
            },
        }
    }
    let Some(index) = arms.iter().position(|(_, body)| *body == branch) else { return false };
    taken != Some(index)
}

/// The value of a condition on `bpy.app.version` for `target`, when it is only that:
/// `bpy.app.version >= (4, 0, 0)`, `bpy.app.version[:2] < (4, 2)`, `bpy.app.version[0] >= 4`,
/// `(4, 0) <= bpy.app.version`, `not ...`, `... and ...`, `... or ...`.
fn eval_version(cond: Node, text: &str, target: (u32, u32)) -> Option<bool> {
    match cond.kind() {
        "parenthesized_expression" => eval_version(cond.named_child(0)?, text, target),
        "not_operator" => eval_version(cond.child_by_field_name("argument")?, text, target).map(|b| !b),
        "boolean_operator" => {
            let l = eval_version(cond.child_by_field_name("left")?, text, target)?;
            let r = eval_version(cond.child_by_field_name("right")?, text, target)?;
            let op = text.get(cond.child_by_field_name("operator")?.byte_range())?;
            Some(if op == "and" { l && r } else { l || r })
        }
        "comparison_operator" => {
            let mut c = cond.walk();
            let operands: Vec<Node> = cond.named_children(&mut c).collect();
            let [left, right] = operands[..] else { return None };
            let op = text.get(left.end_byte()..right.start_byte())?.trim();
            let (version_side, value, flipped) = if is_app_version(left, text) {
                (left, right, false)
            } else if is_app_version(right, text) {
                (right, left, true)
            } else {
                return None;
            };
            let vt = text.get(version_side.byte_range())?.replace(' ', "");
            let major_only = vt.ends_with("[0]");
            // `bpy.app.version` itself has three items, the patch unknown to us.
            let full = !major_only && !vt.ends_with(']');
            let wanted: Vec<u32> = version_tuple(value, text)?;
            let have: Vec<u32> = if major_only { vec![target.0] } else { vec![target.0, target.1] };
            // Compare like Python compares tuples; the target's patch version is unknown, so
            // a comparison that depends on it is unknown.
            let n = wanted.len().min(have.len());
            let mut ord = have[..n].cmp(&wanted[..n]);
            if ord == Ordering::Equal && wanted.len() > have.len() {
                if wanted[have.len()..].iter().all(|&x| x == 0) {
                    ord = Ordering::Greater; // (4, 4, p) vs (4, 4, 0): >= holds, < does not, == unknown
                    if matches!(op, "==" | "!=" | ">" | "<=") {
                        return None;
                    }
                } else {
                    return None;
                }
            } else if ord == Ordering::Equal && (have.len() > wanted.len() || full) {
                ord = Ordering::Greater; // (4, 4, p) > (4, 4) and (4, 4) > (4,) in Python
            }
            if flipped {
                ord = ord.reverse();
            }
            Some(match op {
                ">=" => ord != Ordering::Less,
                ">" => ord == Ordering::Greater,
                "<=" => ord != Ordering::Greater,
                "<" => ord == Ordering::Less,
                "==" => ord == Ordering::Equal,
                "!=" => ord != Ordering::Equal,
                _ => return None,
            })
        }
        _ => None,
    }
}

fn is_app_version(n: Node, text: &str) -> bool {
    let t: String = text.get(n.byte_range()).unwrap_or("").chars().filter(|c| !c.is_whitespace()).collect();
    let base =
        t.strip_suffix("[:2]").or_else(|| t.strip_suffix("[:3]")).or_else(|| t.strip_suffix("[0]")).unwrap_or(&t);
    matches!(base, "bpy.app.version" | "app.version")
}

fn version_tuple(n: Node, text: &str) -> Option<Vec<u32>> {
    match n.kind() {
        "integer" => Some(vec![text.get(n.byte_range())?.parse().ok()?]),
        "tuple" | "parenthesized_expression" => {
            let mut c = n.walk();
            n.named_children(&mut c)
                .filter(|x| x.kind() != "comment")
                .map(|x| (x.kind() == "integer").then(|| text.get(x.byte_range())?.parse().ok()).flatten())
                .collect()
        }
        _ => None,
    }
}
