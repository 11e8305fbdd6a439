//! The syntax errors Python raises that the tree-sitter grammar accepts: indentation (see
//! `indentation`), targets that cannot be assigned or deleted, arguments in an order Python
//! refuses, and the compiler's rules (`return` outside a function, `break` outside a loop,
//! a duplicate parameter). Python reports the first error of the parser before any of the
//! compiler's, so the two kinds are found separately.

use tree_sitter::Node;

use super::indentation;

/// A syntax error: where it is (a byte range on one line) and Python's words for it.
pub struct SyntaxRule {
    pub range: std::ops::Range<usize>,
    pub message: String,
}

/// The first error of the parser (indentation, targets, arguments) and the first of the
/// compiler (scopes and loops), each in source order.
pub fn first_errors(root: Node, text: &str) -> (Option<SyntaxRule>, Option<SyntaxRule>) {
    let mut parser: Option<SyntaxRule> = None;
    let mut compiler: Option<SyntaxRule> = None;
    let keep = |slot: &mut Option<SyntaxRule>, found: SyntaxRule| {
        if slot.as_ref().is_none_or(|s| found.range.start < s.range.start) {
            *slot = Some(found);
        }
    };
    if let Some(e) = indentation::check_body(root, None, text) {
        keep(&mut parser, SyntaxRule { range: e.range, message: e.message });
    }
    let mut stack = vec![(root, Where::MODULE)];
    let mut cursor = root.walk();
    while let Some((node, at)) = stack.pop() {
        if node.is_error() {
            continue;
        }
        if node.kind() == "block" {
            if let Some(e) = indentation::check_body(node, node.parent(), text) {
                keep(&mut parser, SyntaxRule { range: e.range, message: e.message });
            }
        }
        if let Some(found) = parser_rule(node, text) {
            keep(&mut parser, found);
        }
        if let Some(found) = compiler_rule(node, at, text) {
            keep(&mut compiler, found);
        }
        cursor.reset(node);
        for child in node.named_children(&mut cursor) {
            stack.push((child, at.inside(node, child)));
        }
    }
    (parser, compiler)
}

/// Where a node is, as far as the compiler's rules care.
#[derive(Clone, Copy)]
struct Where {
    function: bool,
    module: bool,
    loop_: bool,
}

impl Where {
    const MODULE: Where = Where { function: false, module: true, loop_: false };

    /// Where `child` of `parent` is. A loop's `else` is not in the loop; a class body is
    /// neither a function nor the module.
    fn inside(self, parent: Node, child: Node) -> Where {
        match parent.kind() {
            "function_definition" | "lambda" if child.kind() == "block" || parent.kind() == "lambda" => {
                Where { function: true, module: false, loop_: false }
            }
            "class_definition" if child.kind() == "block" => Where { function: false, module: false, loop_: false },
            "for_statement" | "while_statement" if child.kind() == "block" => Where { loop_: true, ..self },
            _ => self,
        }
    }
}

fn rule(node: Node, text: &str, message: String) -> SyntaxRule {
    let start = node.start_byte();
    let end = node.end_byte().max(start);
    let end = text.get(start..end).and_then(|t| t.find('\n')).map_or(end, |n| start + n);
    SyntaxRule { range: start..end, message }
}

fn compiler_rule(node: Node, at: Where, text: &str) -> Option<SyntaxRule> {
    let message = match node.kind() {
        "return_statement" if !at.function => "'return' outside function".to_string(),
        "yield" if !at.function => "'yield' outside function".to_string(),
        "await" if at.module => "'await' outside function".to_string(),
        "break_statement" if !at.loop_ => "'break' outside loop".to_string(),
        "continue_statement" if !at.loop_ => "'continue' not properly in loop".to_string(),
        "nonlocal_statement" if at.module => "nonlocal declaration not allowed at module level".to_string(),
        "parameters" | "lambda_parameters" => return duplicate_parameter(node, text),
        _ => return None,
    };
    Some(rule(node, text, message))
}

/// `def f(a, a)`: the second name.
fn duplicate_parameter(parameters: Node, text: &str) -> Option<SyntaxRule> {
    let mut seen: Vec<&str> = Vec::new();
    let mut c = parameters.walk();
    for p in parameters.named_children(&mut c) {
        let name = match p.kind() {
            "identifier" => Some(p),
            "default_parameter" | "typed_default_parameter" => p.child_by_field_name("name"),
            "typed_parameter" | "list_splat_pattern" | "dictionary_splat_pattern" => {
                p.named_child(0).and_then(|n| if n.kind() == "identifier" { Some(n) } else { n.named_child(0) })
            }
            _ => None,
        };
        let Some(name) = name.filter(|n| n.kind() == "identifier") else { continue };
        let Some(word) = text.get(name.byte_range()) else { continue };
        if seen.contains(&word) {
            return Some(rule(name, text, format!("duplicate argument '{word}' in function definition")));
        }
        seen.push(word);
    }
    None
}

fn parser_rule(node: Node, text: &str) -> Option<SyntaxRule> {
    match node.kind() {
        "augmented_assignment" => {
            let left = node.child_by_field_name("left")?;
            let what = illegal_target(left)?;
            Some(rule(node, text, format!("'{what}' is an illegal expression for augmented assignment")))
        }
        "delete_statement" => {
            let mut c = node.walk();
            let targets: Vec<Node> = node.named_children(&mut c).collect();
            targets.into_iter().find_map(|t| undeletable(t, text))
        }
        "expression_statement" => {
            let first = node.named_child(0)?;
            (first.kind() == "named_expression").then(|| {
                let op = first.child_by_field_name("name").map_or(first, |n| n.next_sibling().unwrap_or(first));
                rule(op, text, "invalid syntax".into())
            })
        }
        "for_in_clause" => {
            // `[x for x in a, b]`: a bare tuple after `in` is not allowed in a comprehension.
            let mut c = node.walk();
            let second = node.children_by_field_name("right", &mut c).nth(1)?;
            let in_call = node
                .parent()
                .is_some_and(|g| g.kind() == "generator_expression" && g.parent().is_some_and(|p| p.kind() == "call"));
            Some(match (in_call, node.parent()) {
                (true, Some(generator)) => rule(generator, text, "Generator expression must be parenthesized".into()),
                _ => rule(second, text, "invalid syntax".into()),
            })
        }
        "argument_list" => argument_order(node, text),
        _ => None,
    }
}

/// What Python calls a target that cannot take `+=`; None when it can.
fn illegal_target(left: Node) -> Option<&'static str> {
    Some(match left.kind() {
        "identifier" | "attribute" | "subscript" => return None,
        "pattern_list" | "tuple" | "expression_list" | "tuple_pattern" => "tuple",
        "list" | "list_pattern" => "list",
        "call" => "function call",
        "integer" | "float" | "string" | "true" | "false" | "none" | "concatenated_string" => "literal",
        "parenthesized_expression" => return left.named_child(0).and_then(illegal_target),
        _ => "expression",
    })
}

/// `del f()`, `del 1`: what cannot be deleted (a name, attribute, subscript or a tuple or
/// list of them can).
fn undeletable(target: Node, text: &str) -> Option<SyntaxRule> {
    match target.kind() {
        "identifier" | "attribute" | "subscript" | "comment" => None,
        "expression_list" | "tuple" | "list" | "parenthesized_expression" | "pattern_list" => {
            let mut c = target.walk();
            let inner: Vec<Node> = target.named_children(&mut c).collect();
            inner.into_iter().find_map(|t| undeletable(t, text))
        }
        "call" => Some(rule(target, text, "cannot delete function call".into())),
        "integer" | "float" | "string" | "true" | "false" | "none" | "concatenated_string" => {
            Some(rule(target, text, "cannot delete literal".into()))
        }
        _ => Some(rule(target, text, "cannot delete expression".into())),
    }
}

/// `f(a=1, 2)`, `f(**k, *a)`, `f(a=1, a=2)`: arguments in an order Python refuses.
fn argument_order(args: Node, text: &str) -> Option<SyntaxRule> {
    let mut keyword = false;
    let mut keyword_splat = false;
    let mut names: Vec<&str> = Vec::new();
    let mut c = args.walk();
    for arg in args.named_children(&mut c) {
        match arg.kind() {
            "comment" => {}
            "keyword_argument" => {
                keyword = true;
                let name = arg.child_by_field_name("name").and_then(|n| text.get(n.byte_range()));
                if let Some(name) = name {
                    if names.contains(&name) {
                        return Some(rule(arg, text, format!("keyword argument repeated: {name}")));
                    }
                    names.push(name);
                }
            }
            "dictionary_splat" => keyword_splat = true,
            "list_splat" if keyword_splat => {
                return Some(rule(arg, text, "iterable argument unpacking follows keyword argument unpacking".into()));
            }
            "list_splat" => {}
            _ if keyword_splat => {
                return Some(rule(arg, text, "positional argument follows keyword argument unpacking".into()));
            }
            _ if keyword => return Some(rule(arg, text, "positional argument follows keyword argument".into())),
            _ => {}
        }
    }
    None
}
