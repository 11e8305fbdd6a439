//! Backward scans over the raw text around the cursor.
//!
//! While a person types, the code at the cursor is almost never valid Python
//! (`bpy.context.`, `type='`), and tree-sitter's error recovery gives trees whose shape
//! depends on what follows. The cursor's surroundings are therefore read from the text:
//! the expression before a dot, the string the cursor is in, the call it is inside.
//! The expressions found here are then parsed on their own (see `completion`).

/// How far back a scan may look, so that a completion on a huge line stays cheap.
const LOOKBACK: usize = 8 * 1024;

/// Lines end at `\n`, `\r\n` or a lone `\r` (the LSP spec's line breaks).
const LINE_BREAK: [char; 2] = ['\n', '\r'];

/// `offset` clamped to the text and moved back to the start of the character it is in.
fn floor_boundary(text: &str, offset: usize) -> usize {
    super::document::floor_char_boundary(text, offset)
}

/// The lowest offset a backward scan from `offset` may reach: `LOOKBACK` bytes back, moved
/// forward to the start of a character, so that text from there on can be sliced.
fn scan_floor(text: &str, offset: usize) -> usize {
    let mut floor = offset.saturating_sub(LOOKBACK);
    while floor < offset && !text.is_char_boundary(floor) {
        floor += 1;
    }
    floor
}

const KEYWORDS: &[&str] = &[
    "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else", "except",
    "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
    "return", "try", "while", "with", "yield",
];

pub fn is_keyword(word: &str) -> bool {
    KEYWORDS.contains(&word)
}

pub fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// Start of the identifier that ends at `end` (may be `end` itself when there is none).
pub fn ident_start(text: &str, end: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = end.min(bytes.len());
    while i > 0 && is_ident_byte(bytes[i - 1]) {
        i -= 1;
    }
    // Move to a char boundary (identifiers may hold non-ASCII letters).
    while i < end && !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

fn skip_spaces_back(bytes: &[u8], mut i: usize, floor: usize) -> usize {
    while i > floor && matches!(bytes[i - 1], b' ' | b'\t') {
        i -= 1;
    }
    i
}

/// Skip back over whitespace including line breaks (inside brackets).
fn skip_ws_back(bytes: &[u8], mut i: usize, floor: usize) -> usize {
    while i > floor && matches!(bytes[i - 1], b' ' | b'\t' | b'\n' | b'\r' | b'\\') {
        i -= 1;
    }
    i
}

/// Given the index just after a closing quote at `close`, return the index of the
/// opening quote of that string literal, on the same line.
fn string_start_back(bytes: &[u8], close: usize, floor: usize) -> Option<usize> {
    let quote = bytes[close - 1];
    let mut i = close - 1;
    while i > floor {
        i -= 1;
        match bytes[i] {
            b'\n' | b'\r' => return None,
            b if b == quote => {
                let mut backslashes = 0;
                while i > floor + backslashes && bytes[i - backslashes - 1] == b'\\' {
                    backslashes += 1;
                }
                if backslashes % 2 == 0 {
                    // Include a string prefix such as f, r, b.
                    let mut s = i;
                    while s > floor && bytes[s - 1].is_ascii_alphabetic() && i - s < 2 {
                        s -= 1;
                    }
                    return Some(s);
                }
            }
            _ => {}
        }
    }
    None
}

/// Given the index just after a closing bracket, return the index of its opening bracket.
fn group_start_back(bytes: &[u8], close: usize, floor: usize) -> Option<usize> {
    let mut stack = vec![bytes[close - 1]];
    let mut i = close - 1;
    while i > floor {
        let b = bytes[i - 1];
        match b {
            b')' | b']' | b'}' => {
                stack.push(b);
                i -= 1;
            }
            b'(' | b'[' | b'{' => {
                let want = match b {
                    b'(' => b')',
                    b'[' => b']',
                    _ => b'}',
                };
                if stack.pop() != Some(want) {
                    return None;
                }
                i -= 1;
                if stack.is_empty() {
                    return Some(i);
                }
            }
            b'"' | b'\'' => i = string_start_back(bytes, i, floor)?,
            _ => i -= 1,
        }
    }
    None
}

/// The start of the postfix expression (`a.b(c)[d]`) that ends at `end` (spaces before
/// `end` are skipped). None when there is no expression there.
pub fn expr_start_before(text: &str, end: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let end = floor_boundary(text, end);
    let floor = scan_floor(text, end);
    let mut i = skip_spaces_back(bytes, end, floor);
    let mut start = None;
    loop {
        if i <= floor {
            break;
        }
        let b = bytes[i - 1];
        if is_ident_byte(b) {
            let s = ident_start(text, i);
            let word = &text[s..i];
            if is_keyword(word) && !matches!(word, "None" | "True" | "False") {
                break;
            }
            start = Some(s);
            i = s;
            // An identifier continues the chain only after a dot.
            let j = skip_spaces_back(bytes, i, floor);
            if j > floor && bytes[j - 1] == b'.' {
                i = skip_spaces_back(bytes, j - 1, floor);
                continue;
            }
            break;
        } else if matches!(b, b')' | b']') {
            let s = group_start_back(bytes, i, floor)?;
            start = Some(s);
            i = s;
            // A group is a call or subscript when an atom stands right before it.
            let j = skip_spaces_back(bytes, i, floor);
            if j > floor && (is_ident_byte(bytes[j - 1]) || matches!(bytes[j - 1], b')' | b']')) {
                let w = ident_start(text, j);
                if w < j && is_keyword(&text[w..j]) {
                    break;
                }
                i = j;
                continue;
            }
            let j2 = skip_spaces_back(bytes, i, floor);
            if j2 > floor && bytes[j2 - 1] == b'.' {
                i = skip_spaces_back(bytes, j2 - 1, floor);
                continue;
            }
            break;
        } else if matches!(b, b'"' | b'\'') {
            let s = string_start_back(bytes, i, floor)?;
            start = Some(s);
            i = s;
            let j = skip_spaces_back(bytes, i, floor);
            if j > floor && bytes[j - 1] == b'.' {
                i = skip_spaces_back(bytes, j - 1, floor);
                continue;
            }
            break;
        } else if b == b'}' {
            let s = group_start_back(bytes, i, floor)?;
            start = Some(s);
            break;
        } else {
            break;
        }
    }
    start
}

/// The string literal the cursor is in: (index of its opening quote, index of its content).
/// None when the cursor is not inside a single-line string, or is inside a comment.
pub fn string_at(text: &str, offset: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let offset = floor_boundary(text, offset);
    let line_start = text[..offset].rfind(LINE_BREAK).map(|i| i + 1).unwrap_or(0);
    let mut i = line_start;
    let mut open: Option<(usize, usize, u8)> = None;
    while i < offset {
        let b = bytes[i];
        match open {
            Some((_, _, q)) => {
                if b == b'\\' {
                    i += 2;
                    continue;
                }
                if b == q {
                    open = None;
                }
            }
            None => {
                if b == b'#' {
                    return None;
                }
                if b == b'"' || b == b'\'' {
                    // Triple quotes: treat the run as one opening (docstrings, not values).
                    if bytes.get(i + 1) == Some(&b) && bytes.get(i + 2) == Some(&b) {
                        let close = text[i + 3..].find(if b == b'"' { "\"\"\"" } else { "'''" });
                        match close {
                            Some(c) if i + 3 + c + 3 <= offset => {
                                i = i + 3 + c + 3;
                                continue;
                            }
                            _ => return None,
                        }
                    }
                    let mut s = i;
                    while s > line_start && bytes[s - 1].is_ascii_alphabetic() && i - s < 2 {
                        s -= 1;
                    }
                    open = Some((s, i + 1, b));
                }
            }
        }
        i += 1;
    }
    open.map(|(s, c, _)| (s, c))
}

/// True when `offset` is inside a comment on its line.
pub fn in_comment(text: &str, offset: usize) -> bool {
    let offset = floor_boundary(text, offset);
    let line_start = text[..offset].rfind(LINE_BREAK).map(|i| i + 1).unwrap_or(0);
    let bytes = text.as_bytes();
    let mut quote: Option<u8> = None;
    let mut i = line_start;
    while i < offset {
        let b = bytes[i];
        match quote {
            Some(q) => {
                if b == b'\\' {
                    i += 1;
                } else if b == q {
                    quote = None;
                }
            }
            None if b == b'#' => return true,
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None => {}
        }
        i += 1;
    }
    false
}

/// The innermost bracket that is open at `offset`: (its index, the bracket byte).
/// Crosses line breaks only where the earlier line cannot end a statement.
pub fn open_bracket_before(text: &str, offset: usize) -> Option<(usize, u8)> {
    let bytes = text.as_bytes();
    let offset = floor_boundary(text, offset);
    let floor = scan_floor(text, offset);
    let mut i = offset;
    while i > floor {
        let b = bytes[i - 1];
        match b {
            b')' | b']' | b'}' => i = group_start_back(bytes, i, floor)?,
            b'(' | b'[' | b'{' => return Some((i - 1, b)),
            b'"' | b'\'' => i = string_start_back(bytes, i, floor)?,
            b'\n' | b'\r' => {
                let line_end = i - 1;
                let prev_start = text[floor..line_end].rfind(LINE_BREAK).map(|p| floor + p + 1).unwrap_or(floor);
                let prev = strip_comment(&text[prev_start..line_end]).trim_end();
                let continues = prev.ends_with(['(', '[', '{', ',', '\\', '+', '-', '*', '/', '=', '|', '&', '%']);
                if !continues {
                    return None;
                }
                i -= 1;
            }
            b'#' => {
                // A comment on this line: restart from its start.
                i -= 1;
            }
            _ => i -= 1,
        }
    }
    None
}

fn strip_comment(line: &str) -> &str {
    let mut quote: Option<char> = None;
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '#' => return &line[..i],
            None if c == '"' || c == '\'' => quote = Some(c),
            None => {}
        }
    }
    line
}

/// The arguments written so far in a call whose `(` is at `open`, up to `offset`:
/// the index of the argument the cursor is in, the keyword names already used, and the
/// keyword of the current argument if it has one (`name=`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArgsSoFar {
    pub index: usize,
    pub keywords: Vec<String>,
    pub current_keyword: Option<String>,
    pub current_start: usize,
}

pub fn args_so_far(text: &str, open: usize, offset: usize) -> ArgsSoFar {
    let bytes = text.as_bytes();
    let mut out = ArgsSoFar { current_start: open + 1, ..Default::default() };
    let mut depth = 0usize;
    let mut i = open + 1;
    let mut quote: Option<u8> = None;
    let mut arg_start = open + 1;
    let end = floor_boundary(text, offset);
    while i < end {
        let b = bytes[i];
        if let Some(q) = quote {
            if b == b'\\' {
                i += 2;
                continue;
            }
            if b == q {
                quote = None;
            }
            i += 1;
            continue;
        }
        match b {
            b'"' | b'\'' => quote = Some(b),
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            b',' if depth == 0 => {
                if let Some(k) = text.get(arg_start..i).and_then(keyword_of) {
                    out.keywords.push(k);
                }
                out.index += 1;
                arg_start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    out.current_start = arg_start;
    if let Some(current) = text.get(arg_start..end) {
        out.current_keyword = keyword_of(current);
    }
    out
}

/// `name=...` -> Some("name").
fn keyword_of(seg: &str) -> Option<String> {
    let eq = find_top_level_eq(seg)?;
    let name = seg[..eq].trim();
    (!name.is_empty() && name.bytes().all(is_ident_byte)).then(|| name.to_string())
}

/// Index of a `=` that is not part of `==`, `<=`, `>=`, `!=` at depth 0.
fn find_top_level_eq(seg: &str) -> Option<usize> {
    let b = seg.as_bytes();
    let mut depth = 0;
    let mut quote: Option<u8> = None;
    for i in 0..b.len() {
        let c = b[i];
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            b'"' | b'\'' => quote = Some(c),
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth -= 1,
            b'=' if depth == 0 => {
                let prev = if i > 0 { b[i - 1] } else { b' ' };
                let next = b.get(i + 1).copied().unwrap_or(b' ');
                if next != b'=' && !matches!(prev, b'=' | b'<' | b'>' | b'!') {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// The operator right before `offset` (spaces skipped): one of `=`, `==`, `!=`, `in`, `(`, `,`, `[`, `{`.
pub fn token_before(text: &str, offset: usize) -> Option<(&'static str, usize)> {
    let bytes = text.as_bytes();
    let offset = floor_boundary(text, offset);
    let i = skip_ws_back(bytes, offset, scan_floor(text, offset));
    if i == 0 {
        return None;
    }
    let b = bytes[i - 1];
    // Compared as bytes: the byte before an operator may be inside a character (`café(`).
    let two: &[u8] = if i >= 2 { &bytes[i - 2..i] } else { b"" };
    match b {
        b'=' if two == b"==" => Some(("==", i - 2)),
        b'=' if two == b"!=" => Some(("!=", i - 2)),
        b'=' if matches!(two, b"<=" | b">=" | b"+=" | b"-=" | b"*=" | b"/=" | b"|=" | b"&=") => None,
        b'=' => Some(("=", i - 1)),
        b'(' => Some(("(", i - 1)),
        b',' => Some((",", i - 1)),
        b'[' => Some(("[", i - 1)),
        b'{' => Some(("{", i - 1)),
        b'n' if two == b"in" && (i == 2 || !is_ident_byte(bytes[i - 3])) => Some(("in", i - 2)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn before(src: &str) -> Option<&str> {
        let end = src.len();
        expr_start_before(src, end).map(|s| &src[s..end])
    }

    #[test]
    fn finds_postfix_chains() {
        assert_eq!(before("x = bpy.context.scene"), Some("bpy.context.scene"));
        assert_eq!(before("  bpy.data.objects[\"Cube\"].modifiers"), Some("bpy.data.objects[\"Cube\"].modifiers"));
        assert_eq!(before("f(a, obj.modifiers.new('m', type='BEVEL')"), Some("obj.modifiers.new('m', type='BEVEL')"));
        assert_eq!(before("if obj"), Some("obj"));
        assert_eq!(before("return (a)"), Some("(a)"));
        assert_eq!(before("x = 'a]b'.upper()"), Some("'a]b'.upper()"));
        assert_eq!(before("x = "), None);
        assert_eq!(before("nodes[\"Principled BSDF\"].inputs"), Some("nodes[\"Principled BSDF\"].inputs"));
    }

    #[test]
    fn finds_the_string_at_the_cursor() {
        let src = "x.engine = 'CY";
        assert_eq!(string_at(src, src.len()), Some((11, 12)));
        let src = "a = 'x' # 'y";
        assert_eq!(string_at(src, src.len()), None);
        let src = "a = \"it\\\"s";
        assert_eq!(string_at(src, src.len()), Some((4, 5)));
        let src = "a = 'done' + b";
        assert_eq!(string_at(src, src.len()), None);
    }

    #[test]
    fn finds_open_calls_and_arguments() {
        let src = "bpy.ops.mesh.primitive_cube_add(size=2, location=(0, 0, 1), ";
        let (open, b) = open_bracket_before(src, src.len()).unwrap();
        assert_eq!((open, b), (31, b'('));
        let args = args_so_far(src, open, src.len());
        assert_eq!(args.index, 2);
        assert_eq!(args.keywords, vec!["size".to_string(), "location".to_string()]);
        assert_eq!(args.current_keyword, None);
        let src = "f(a,\n  type='";
        let (open, _) = open_bracket_before(src, src.len() - 1).unwrap();
        assert_eq!(args_so_far(src, open, src.len() - 1).current_keyword.as_deref(), Some("type"));
        // A complete earlier line is a statement boundary.
        let src = "f(a)\nx = 1\ny";
        assert_eq!(open_bracket_before(src, src.len()), None);
    }
}
