//! The indentation errors of Python's tokenizer, which the tree-sitter grammar forgives: a
//! block with no statement, a statement indented deeper or shallower than its block, and
//! tabs and spaces mixed so that the two ways Python counts a tab disagree (TabError).

use tree_sitter::Node;

/// An indentation error: where (a byte range on one line) and what Python says.
pub struct IndentError {
    pub range: std::ops::Range<usize>,
    pub message: String,
}

/// The indentation errors of the statements directly in `body` (the module or a block),
/// and of an empty block. `header` is the statement that owns the block.
pub fn check_body(body: Node, header: Option<Node>, text: &str) -> Option<IndentError> {
    let statements: Vec<Node> = {
        let mut c = body.walk();
        body.named_children(&mut c).filter(|n| n.kind() != "comment").collect()
    };
    if statements.is_empty() {
        return header.and_then(|h| empty_block(h, text));
    }
    let mut reference: Option<Indent> = if header.is_none() { Some(Indent::NONE) } else { None };
    let mut previous: Option<Node> = None;
    for statement in statements {
        let Some(indent) = line_start_indent(statement, text) else {
            // Not the first thing on its line (`if x: a; b`): a one-line suite has no indent.
            if previous.is_none() && header.is_some() {
                return None;
            }
            previous = Some(statement);
            continue;
        };
        let Some(want) = reference else {
            reference = Some(indent);
            previous = Some(statement);
            continue;
        };
        if let Some(message) = compare(indent, want, previous, text) {
            let at = statement.start_byte();
            return Some(IndentError { range: at..line_end(text, at), message });
        }
        previous = Some(statement);
    }
    None
}

/// The two column counts Python keeps: a tab to the next multiple of 8, and a tab as 1.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Indent {
    col8: usize,
    col1: usize,
}

impl Indent {
    const NONE: Indent = Indent { col8: 0, col1: 0 };

    fn of(prefix: &str) -> Indent {
        let mut col8 = 0;
        let mut col1 = 0;
        for c in prefix.chars() {
            match c {
                '\t' => {
                    col8 = (col8 / 8 + 1) * 8;
                    col1 += 1;
                }
                // A form feed resets the column, as in Python's tokenizer.
                '\x0c' => {
                    col8 = 0;
                    col1 = 0;
                }
                _ => {
                    col8 += 1;
                    col1 += 1;
                }
            }
        }
        Indent { col8, col1 }
    }
}

fn compare(indent: Indent, want: Indent, previous: Option<Node>, text: &str) -> Option<String> {
    if indent == want {
        return None;
    }
    let deeper8 = indent.col8.cmp(&want.col8);
    let deeper1 = indent.col1.cmp(&want.col1);
    if deeper8 != deeper1 {
        return Some("TabError: inconsistent use of tabs and spaces in indentation".into());
    }
    if deeper8 == std::cmp::Ordering::Less {
        return Some("IndentationError: unindent does not match any outer indentation level".into());
    }
    // Deeper than its block: after a deeper line (the grammar closed that block early) it is
    // an unindent that matches no level, otherwise an unexpected indent.
    let after_deeper = previous.and_then(|p| last_line_indent(p, text)).is_some_and(|last| last.col8 > indent.col8);
    Some(if after_deeper {
        "IndentationError: unindent does not match any outer indentation level".into()
    } else {
        "IndentationError: unexpected indent".into()
    })
}

/// The indent of `node`'s line when `node` is the first thing on it.
fn line_start_indent(node: Node, text: &str) -> Option<Indent> {
    let start = node.start_byte();
    let line_start = text.get(..start)?.rfind('\n').map_or(0, |n| n + 1);
    let prefix = text.get(line_start..start)?;
    prefix.chars().all(|c| matches!(c, ' ' | '\t' | '\x0c')).then(|| Indent::of(prefix))
}

/// The indent of the line where `node` ends.
fn last_line_indent(node: Node, text: &str) -> Option<Indent> {
    let end = node.end_byte().min(text.len());
    let line_start = text.get(..end)?.rfind('\n').map_or(0, |n| n + 1);
    let line = text.get(line_start..end)?;
    let code = line.trim_start_matches([' ', '\t', '\x0c']);
    Some(Indent::of(line.get(..line.len() - code.len())?))
}

fn line_end(text: &str, at: usize) -> usize {
    text.get(at..).map_or(at, |t| at + t.find('\n').unwrap_or(t.len()))
}

/// `def f():` followed by nothing indented: Python names the statement and its line, and
/// points at the next line with code (or the end of the file).
fn empty_block(header: Node, text: &str) -> Option<IndentError> {
    let what = match header.kind() {
        "function_definition" => "function definition".to_string(),
        "class_definition" => "class definition".to_string(),
        "if_statement" | "elif_clause" | "else_clause" | "for_statement" | "while_statement" | "with_statement"
        | "try_statement" | "except_clause" | "finally_clause" => {
            let keyword = header.kind().split('_').next().unwrap_or("");
            format!("'{keyword}' statement")
        }
        _ => return None,
    };
    let line = header.start_position().row + 1;
    // The header ends at its colon: the error is on the first line after it that is not blank.
    let colon_line_end = line_end(text, colon_of(header, text));
    let rest = text.get(colon_line_end..).unwrap_or("");
    let offset = rest.find(|c: char| !c.is_whitespace()).unwrap_or(rest.len());
    let at = colon_line_end + offset;
    Some(IndentError {
        range: at..line_end(text, at),
        message: format!("IndentationError: expected an indented block after {what} on line {line}"),
    })
}

/// The byte of the `:` that ends a compound statement's header (its last anonymous `:`
/// child before the body; the header's start when there is none).
fn colon_of(header: Node, text: &str) -> usize {
    let mut c = header.walk();
    let mut at = header.start_byte();
    for child in header.children(&mut c) {
        if child.kind() == ":" {
            at = child.start_byte();
        }
        if child.kind() == "block" {
            break;
        }
    }
    at.min(text.len())
}
