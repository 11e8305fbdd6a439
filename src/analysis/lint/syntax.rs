//! BPY000: the first syntax error of a document, where Python would report it. A file with
//! a syntax error does not run at all, so one is enough; the other lints still run on the
//! rest of the tree.

use tree_sitter::Node;

use super::{Code, Diagnostic, Severity, python_rules};

/// The first syntax error of the document, where Python would report it: the grammar's
/// first error, unless a rule of Python's parser that the grammar does not enforce
/// (indentation, assignment targets, argument order) fails on an earlier line; with no
/// parser error, the first of the compiler's (`return` outside a function, ...).
pub fn first_error(root: Node, text: &str) -> Option<Diagnostic> {
    let grammar = grammar_error(root, text);
    let (parser, compiler) = python_rules::first_errors(root, text);
    let rule = match (&grammar, parser) {
        (Some(g), Some(p)) if line_of(text, p.range.start) < line_of(text, g.range.start) => Some(p),
        (Some(_), _) => None,
        (None, parser) => parser.or(compiler),
    };
    match rule {
        Some(r) => Some(Diagnostic {
            severity: Severity::Error,
            range: r.range,
            code: Code::SyntaxError,
            message: r.message,
            fix: None,
        }),
        None => grammar,
    }
}

fn line_of(text: &str, at: usize) -> usize {
    text.get(..at).map_or(0, |t| t.matches('\n').count())
}

/// The first error the grammar found under `root`.
fn grammar_error(root: Node, text: &str) -> Option<Diagnostic> {
    let found = if root.has_error() { first_error_node(root) } else { None };
    let (node, message) = found?;
    if let Some(d) = missing_colon(node, text) {
        return Some(d);
    }
    let start = node.start_byte();
    let end = node.end_byte().max(start);
    // An error that spans lines is reported on its first line only.
    let end = text.get(start..end).and_then(|t| t.find('\n')).map_or(end, |n| start + n);
    Some(Diagnostic { severity: Severity::Error, range: start..end, code: Code::SyntaxError, message, fix: None })
}

/// The error found first in source order: follow only the children that contain one.
fn first_error_node(root: Node) -> Option<(Node, String)> {
    let mut node = root;
    'down: loop {
        if node.is_missing() {
            let what = node.kind();
            let message = if what.chars().all(|c| c.is_ascii_punctuation()) || what.chars().all(char::is_alphabetic) {
                format!("invalid syntax: expected '{what}'")
            } else {
                "invalid syntax: something is missing here".to_string()
            };
            return Some((node, message));
        }
        if node.is_error() {
            // The unexpected token is the error's first leaf that is not itself an error.
            return Some((node, unexpected(node)));
        }
        let mut c = node.walk();
        for ch in node.children(&mut c) {
            if ch.has_error() || ch.is_missing() || ch.is_error() {
                node = ch;
                continue 'down;
            }
        }
        return None;
    }
}

fn unexpected(error: Node) -> String {
    let kinds: Vec<&str> = {
        let mut c = error.walk();
        error.children(&mut c).take(3).map(|ch| ch.kind()).collect()
    };
    if kinds.first().is_some_and(|k| *k == "print") {
        return "Missing parentheses in call to 'print'. Did you mean print(...)?".into();
    }
    "invalid syntax".into()
}

/// `print "x"` and `exec "code"`: Python 2 statements the grammar still parses.
pub fn python2_statement(node: Node) -> Option<Diagnostic> {
    let message = match node.kind() {
        "print_statement" => "Missing parentheses in call to 'print'. Did you mean print(...)?",
        "exec_statement" => "Missing parentheses in call to 'exec'",
        _ => return None,
    };
    Some(Diagnostic {
        severity: Severity::Error,
        range: node.start_byte()..node.start_byte() + node.kind().find('_').unwrap_or(0),
        code: Code::SyntaxError,
        message: message.into(),
        fix: None,
    })
}

/// `if x` / `def f()` / `else` without the colon: Python says "expected ':'" at the end
/// of the line; the grammar makes the whole statement one error.
fn missing_colon(error: Node, text: &str) -> Option<Diagnostic> {
    const COMPOUND: &[&str] =
        &["if", "elif", "else", "while", "for", "def", "class", "with", "try", "except", "finally", "async"];
    let first = error.child(0)?;
    if !COMPOUND.contains(&first.kind()) {
        return None;
    }
    let start = first.start_byte();
    let line_end = text.get(start..).map_or(start, |t| start + t.find('\n').unwrap_or(t.len()));
    let line = text.get(start..line_end)?;
    // The code of the line, without a comment (a '#' in a string is rare enough here).
    let code = line.split('#').next().unwrap_or(line).trim_end();
    if code.ends_with(':') || code.ends_with('\\') || code.ends_with(['(', '[', '{', ',']) {
        return None;
    }
    let at = start + code.len();
    Some(Diagnostic {
        severity: Severity::Error,
        range: at..at,
        code: Code::SyntaxError,
        message: "expected ':'".into(),
        fix: Some(super::Fix::replace("Add ':'".into(), at..at, ":".into()).guess()),
    })
}
