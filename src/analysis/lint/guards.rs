//! Code that guards itself: a finding inside a guard that expects it is no error.
//!
//! - `try:` ... `except (AttributeError, KeyError, Exception, ...)`: the body may fail; the
//!   handler says what happens then. Only the exceptions that the finding raises count.
//! - `if "X" in node.inputs:` / `if hasattr(x, "name"):` and the other branches of that
//!   `if`: code written for several Blender versions picks the name the running one has.
//! - `if bpy.app.version >= (4, 0, 0):`: a branch that cannot run on the target version is
//!   not checked against it (the target's `else`, or the body for older versions).

use std::cmp::Ordering;
use std::collections::HashMap;

use tree_sitter::Node;

use super::{Code, Diagnostic};

/// What a file says about the Blender version it runs on, for judging its findings.
pub struct Guards<'t> {
    root: Node<'t>,
    text: &'t str,
    target: Option<(u32, u32)>,
    /// Names bound once in the file to a part of `bpy.app.version` or to a test of it
    /// (`major, minor, _ = bpy.app.version`, `IS_4 = bpy.app.version >= (4, 0, 0)`).
    names: HashMap<&'t str, VersionName>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum VersionName {
    Part(Part),
    /// The test's value for the target.
    Test(Value),
}

/// What a condition is worth on the target, as far as the version decides it.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Value {
    Known(bool),
    /// A test of the version whose value we cannot tell (`version_string.startswith("3.")`).
    VersionUnknown,
    /// Not a version test, or one that the rest of the condition decides (`major >= 4 and bsdf`).
    Other,
}

/// Which part of `bpy.app.version` an expression is.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Part {
    /// The three items; the target's patch version is unknown.
    Whole,
    /// `[:2]`.
    MajorMinor,
    /// `[i]`.
    Item(usize),
}

impl<'t> Guards<'t> {
    pub fn new(root: Node<'t>, text: &'t str, target: Option<(u32, u32)>) -> Guards<'t> {
        let mut guards = Guards { root, text, target, names: HashMap::new() };
        if text.contains("app.version") {
            guards.names = guards.version_names();
        }
        guards
    }

    /// Whether `d` is guarded: inside a `try` that catches it, a branch that tests for the
    /// name, a branch the target never takes, or after an early exit that leaves when the
    /// name is missing or the version is another.
    pub fn is_guarded(&self, d: &Diagnostic) -> bool {
        if d.code == Code::SyntaxError {
            return false;
        }
        let (root, text) = (self.root, self.text);
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
                    if d.code != Code::UndefinedName && self.version_dead(p, child) {
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
                "block" | "module" if self.after_early_exit(child, name, d.code) => return true,
                // A guard outside a function does not run when the function does.
                "function_definition" | "class_definition" => break,
                _ => {}
            }
            child = p;
            n = p;
        }
        false
    }

    /// Whether an earlier statement of the same block leaves (`return`, `continue`, `break`,
    /// `raise`) when the name is missing (`if "X" not in c: return`) or when the version is
    /// the target's (`if bpy.app.version >= (4, 0): return`), so `statement` never runs then.
    fn after_early_exit(&self, statement: Node, name: &str, code: Code) -> bool {
        let mut sibling = statement.prev_named_sibling();
        while let Some(s) = sibling {
            sibling = s.prev_named_sibling();
            if s.kind() != "if_statement" || s.child_by_field_name("alternative").is_some() || !leaves(s) {
                continue;
            }
            let Some(cond) = s.child_by_field_name("condition") else { continue };
            if code != Code::UndefinedName
                && matches!(self.eval_version(cond), Value::Known(true) | Value::VersionUnknown)
            {
                return true;
            }
            let t = self.text.get(cond.byte_range()).unwrap_or("");
            if t.contains("not ") && tests_name(t, name, code) {
                return true;
            }
        }
        false
    }
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

impl<'t> Guards<'t> {
    /// Whether `branch` (a child of the `if` statement `stmt`) cannot run on the target: the
    /// chain tests `bpy.app.version` and the branch is the one the target does not take. A
    /// version test whose value is unknown (`version_string.startswith("3.")`) makes every
    /// branch after it unknown: they are not checked.
    fn version_dead(&self, stmt: Node, branch: Node) -> bool {
        if self.target.is_none() {
            return false;
        }
        // The branches in order, each with its condition (None for `else`).
        let mut arms: Vec<(Option<Node>, Node)> = Vec::new();
        if let Some(body) = stmt.child_by_field_name("consequence") {
            arms.push((stmt.child_by_field_name("condition"), body));
        }
        let mut c = stmt.walk();
        for alt in stmt.children_by_field_name("alternative", &mut c) {
            arms.push((if alt.kind() == "elif_clause" { alt.child_by_field_name("condition") } else { None }, alt));
        }
        let Some(index) = arms.iter().position(|(_, body)| *body == branch) else { return false };
        // The arm the target takes: the first whose condition is true.
        for (i, (cond, _)) in arms.iter().enumerate() {
            let Some(cond) = cond else { return false }; // the `else`, reached
            match self.eval_version(*cond) {
                Value::Known(true) => return i != index,
                Value::Known(false) if i == index => return true,
                Value::Known(false) => {}
                // Not knowing which arm runs: the arms from here are not checked.
                Value::VersionUnknown => return true,
                Value::Other if i == index => return false,
                Value::Other => {}
            }
        }
        false
    }

    /// Whether `cond` reads `bpy.app.version` (or a name bound to it).
    fn mentions_version(&self, cond: Node) -> bool {
        let t = self.text.get(cond.byte_range()).unwrap_or("");
        if t.contains("app.version") {
            return true;
        }
        if self.names.is_empty() {
            return false;
        }
        let mut stack = vec![cond];
        while let Some(n) = stack.pop() {
            if n.kind() == "identifier" && self.text.get(n.byte_range()).is_some_and(|w| self.names.contains_key(w)) {
                return true;
            }
            let mut c = n.walk();
            stack.extend(n.named_children(&mut c));
        }
        false
    }

    /// The value of a condition on `bpy.app.version` for the target, when it is only that:
    /// `bpy.app.version >= (4, 0, 0)`, `bpy.app.version[:2] < (4, 2)`, `bpy.app.version[0] >= 4`,
    /// `(4, 0) <= bpy.app.version`, `major >= 4` after `major, minor, _ = bpy.app.version`,
    /// `IS_4` after `IS_4 = bpy.app.version >= (4, 0)`, `not ...`, `... and ...`, `... or ...`.
    fn eval_version(&self, cond: Node) -> Value {
        if self.target.is_none() {
            return Value::Other;
        }
        match cond.kind() {
            "parenthesized_expression" => cond.named_child(0).map_or(Value::Other, |c| self.eval_version(c)),
            "not_operator" => match cond.child_by_field_name("argument").map(|a| self.eval_version(a)) {
                Some(Value::Known(b)) => Value::Known(!b),
                Some(v) => v,
                None => Value::Other,
            },
            "identifier" => match self.text.get(cond.byte_range()).and_then(|w| self.names.get(w)) {
                Some(VersionName::Test(value)) => *value,
                _ => Value::Other,
            },
            "boolean_operator" => {
                let side = |field| cond.child_by_field_name(field).map_or(Value::Other, |n| self.eval_version(n));
                let (l, r) = (side("left"), side("right"));
                let op = cond.child_by_field_name("operator").and_then(|o| self.text.get(o.byte_range()));
                // The side that decides (`False and x`, `True or x`), else the one we know least.
                let (decides, neutral) = if op == Some("and") { (false, true) } else { (true, false) };
                match (l, r) {
                    (Value::Known(a), _) | (_, Value::Known(a)) if a == decides => Value::Known(decides),
                    (Value::Known(a), Value::Known(b)) if a == neutral && b == neutral => Value::Known(neutral),
                    (Value::Other, _) | (_, Value::Other) => Value::Other,
                    _ => Value::VersionUnknown,
                }
            }
            "comparison_operator" => match self.eval_comparison(cond) {
                Some(b) => Value::Known(b),
                None if self.mentions_version(cond) => Value::VersionUnknown,
                None => Value::Other,
            },
            _ if self.mentions_version(cond) => Value::VersionUnknown,
            _ => Value::Other,
        }
    }

    /// `bpy.app.version >= (4, 0)` and the like for the target, when both sides are known.
    fn eval_comparison(&self, cond: Node) -> Option<bool> {
        let (text, target) = (self.text, self.target?);
        let mut c = cond.walk();
        let operands: Vec<Node> = cond.named_children(&mut c).collect();
        let [left, right] = operands[..] else { return None };
        let op = text.get(left.end_byte()..right.start_byte())?.trim();
        let (part, value, flipped) = if let Some(part) = self.version_part(left) {
            (part, right, false)
        } else if let Some(part) = self.version_part(right) {
            (part, left, true)
        } else {
            return None;
        };
        let wanted: Vec<u32> = version_tuple(value, text)?;
        // `full`: the value has a third item (the patch) unknown to us.
        let (have, full) = match part {
            Part::Whole => (vec![target.0, target.1], true),
            Part::MajorMinor => (vec![target.0, target.1], false),
            Part::Item(0) => (vec![target.0], false),
            Part::Item(1) => (vec![target.1], false),
            Part::Item(_) => return None,
        };
        compare_versions(&have, full, &wanted, op, flipped)
    }

    /// Which part of `bpy.app.version` `n` is: the attribute itself, a slice or an item of
    /// it, or a name bound to one of those.
    fn version_part(&self, n: Node) -> Option<Part> {
        if n.kind() == "identifier" {
            return match self.names.get(self.text.get(n.byte_range())?) {
                Some(VersionName::Part(p)) => Some(*p),
                _ => None,
            };
        }
        if is_app_version(n, self.text) {
            let t: String = self.text.get(n.byte_range())?.chars().filter(|c| !c.is_whitespace()).collect();
            return Some(if t.ends_with("[0]") {
                Part::Item(0)
            } else if t.ends_with("[1]") {
                Part::Item(1)
            } else if t.ends_with("[2]") {
                Part::Item(2)
            } else if t.ends_with("[:2]") {
                Part::MajorMinor
            } else {
                Part::Whole
            });
        }
        // `VERSION[0]` after `VERSION = bpy.app.version`.
        if n.kind() == "subscript" {
            let base = self.version_part(n.child_by_field_name("value")?)?;
            let index: usize = self.text.get(n.child_by_field_name("subscript")?.byte_range())?.parse().ok()?;
            return matches!(base, Part::Whole | Part::MajorMinor).then_some(Part::Item(index));
        }
        None
    }

    /// The names bound once in the file to a part of `bpy.app.version` or to a test of it.
    fn version_names(&self) -> HashMap<&'t str, VersionName> {
        let text = self.text;
        let mut bound: HashMap<&'t str, usize> = HashMap::new();
        let mut candidates: Vec<(&'t str, Node<'t>, Option<usize>)> = Vec::new();
        let mut stack = vec![self.root];
        while let Some(n) = stack.pop() {
            if matches!(n.kind(), "assignment" | "augmented_assignment" | "for_statement") {
                let left = n.child_by_field_name("left");
                let right = n.child_by_field_name("right");
                for (i, id) in left.into_iter().flat_map(|l| target_names(l)).enumerate() {
                    let Some(word) = text.get(id.byte_range()) else { continue };
                    *bound.entry(word).or_default() += 1;
                    if n.kind() == "assignment" {
                        if let Some(r) = right {
                            let item = left.filter(|l| l.kind() != "identifier").map(|_| i);
                            candidates.push((word, r, item));
                        }
                    }
                }
            }
            let mut c = n.walk();
            stack.extend(n.named_children(&mut c));
        }
        let mut names = HashMap::new();
        // Once to find the parts, then the tests (which may use the parts).
        for (word, value, item) in &candidates {
            if bound.get(word) != Some(&1) {
                continue;
            }
            let part = match (item, self.version_part(*value)) {
                (None, Some(p)) => Some(p),
                (Some(i), Some(Part::Whole | Part::MajorMinor)) => Some(Part::Item(*i)),
                _ => None,
            };
            if let Some(p) = part {
                names.insert(*word, VersionName::Part(p));
            }
        }
        let parts = Guards { root: self.root, text, target: self.target, names };
        let mut names = parts.names.clone();
        for (word, value, item) in &candidates {
            if bound.get(word) == Some(&1)
                && item.is_none()
                && !names.contains_key(word)
                && parts.mentions_version(*value)
            {
                let test = parts.eval_version(*value);
                if matches!(value.kind(), "comparison_operator" | "boolean_operator" | "not_operator")
                    && test != Value::Other
                {
                    names.insert(*word, VersionName::Test(test));
                }
            }
        }
        names
    }
}

/// Compare like Python compares tuples; the target's patch version is unknown, so a
/// comparison that depends on it is unknown.
fn compare_versions(have: &[u32], full: bool, wanted: &[u32], op: &str, flipped: bool) -> Option<bool> {
    let n = wanted.len().min(have.len());
    let mut ord = have.get(..n)?.cmp(wanted.get(..n)?);
    if ord == Ordering::Equal && wanted.len() > have.len() {
        if wanted.get(have.len()..)?.iter().all(|&x| x == 0) {
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

/// The names a target binds: `x`, `a, b`, `(a, b)`, `[a, b]`.
fn target_names(left: Node) -> Vec<Node> {
    match left.kind() {
        "identifier" => vec![left],
        "pattern_list" | "tuple_pattern" | "list_pattern" | "tuple" | "list" | "expression_list" => {
            let mut c = left.walk();
            left.named_children(&mut c).filter(|n| n.kind() == "identifier").collect()
        }
        _ => Vec::new(),
    }
}

/// Whether the body of `if_stmt` ends by leaving its block.
fn leaves(if_stmt: Node) -> bool {
    let Some(body) = if_stmt.child_by_field_name("consequence") else { return false };
    let mut c = body.walk();
    let last = body.named_children(&mut c).filter(|n| n.kind() != "comment").last();
    last.is_some_and(|n| {
        matches!(n.kind(), "return_statement" | "continue_statement" | "break_statement" | "raise_statement")
    })
}

fn is_app_version(n: Node, text: &str) -> bool {
    let t: String = text.get(n.byte_range()).unwrap_or("").chars().filter(|c| !c.is_whitespace()).collect();
    let base = ["[:2]", "[:3]", "[0]", "[1]", "[2]"].iter().find_map(|s| t.strip_suffix(s)).unwrap_or(&t);
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
