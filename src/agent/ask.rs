//! What a user asks for in the editor, read from the document: the request of "Generate
//! asset from comment" (the comment block at a line, and where the code goes) and the code
//! and instruction of "Refine with agent" (the whole lines of a selection, and a
//! `# refine: ...` comment in or right above it). Pure text; `lsp/` converts positions.

use std::ops::Range;

use crate::analysis::Document;

/// "Generate asset from comment": what to make and where the code goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generate {
    /// The comment's words, without `#`.
    pub request: String,
    /// The comment block's lines (0-based, end exclusive).
    pub lines: Range<usize>,
    /// Byte offset right after the block (after its last line break).
    pub insert_at: usize,
    /// Text before the code (a line break when the block ends the file without one).
    pub before: &'static str,
    /// Text after the code (a blank line when code follows the block).
    pub after: &'static str,
}

/// "Refine with agent": the code to change and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refine {
    /// The selected lines, dedented.
    pub code: String,
    pub instruction: String,
    /// Byte range the refined code replaces: whole lines, with a `# refine:` line above.
    pub replace: Range<usize>,
    /// The selection's common indentation, given back to the refined code.
    pub indent: String,
}

/// A comment line's words: `#` and the spaces after it removed. None for other lines,
/// shebangs and coding lines.
fn comment_words(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let rest = t.strip_prefix('#')?;
    if rest.starts_with('!') || rest.contains("-*- coding") {
        return None;
    }
    Some(rest.trim_start_matches('#').trim())
}

/// `# refine: make it blue` → `make it blue`.
fn refine_instruction(line: &str) -> Option<&str> {
    let words = comment_words(line)?;
    let (head, rest) = words.split_once(':')?;
    head.trim().eq_ignore_ascii_case("refine").then(|| rest.trim()).filter(|r| !r.is_empty())
}

/// Whether a comment reads like code (`# obj.location = (0, 0, 1)`): such a comment is
/// commented-out code, not a description of an asset.
pub fn looks_like_code(words: &str) -> bool {
    let w = words.trim();
    const STARTS: &[&str] = &["import ", "def ", "class ", "return", "print(", "@", "bpy.", "bmesh."];
    // `with four legs`, `for a kitchen` describe; `with open(p) as f:` is code.
    const BLOCKS: &[&str] = &["for ", "while ", "if ", "with ", "from ", "else", "elif ", "try", "except"];
    let block = BLOCKS.iter().any(|s| w.starts_with(s))
        && (w.ends_with(':') || w.starts_with("from ") && w.contains(" import "));
    if block || STARTS.iter().any(|s| w.starts_with(s)) || w.contains("bpy.") || w.contains("==") || w.contains(" = ") {
        return true;
    }
    // A call: `name(` with no space before the parenthesis.
    let bytes = w.as_bytes();
    let call = bytes.windows(2).any(|p| (p[0].is_ascii_alphanumeric() || p[0] == b'_') && p[1] == b'(');
    let words = w.split_whitespace().count();
    call && words <= 4 || w.ends_with(':') && words <= 3
}

fn line_text<'a>(doc: &'a Document, line: usize) -> Option<&'a str> {
    let r = doc.lines().line_range(doc.text(), line)?;
    doc.text().get(r)
}

/// The request of the comment block that holds `line`.
pub fn generate(doc: &Document, line: usize) -> Result<Generate, String> {
    let count = doc.lines().line_count();
    let text = line_text(doc, line).ok_or_else(|| format!("line {} is past the end of the document", line + 1))?;
    let is_comment = |l: &str| comment_words(l).is_some_and(|w| refine_instruction(l).is_none() && !w.is_empty());
    // Commented-out code next to a description is not part of it.
    let is_request_line = |l: &str| is_comment(l) && !comment_words(l).is_some_and(looks_like_code);
    if !is_comment(text) {
        return Err(format!(
            "line {} is not a comment that describes an asset: write one, e.g. `# a wooden chair with four legs`",
            line + 1
        ));
    }
    let mut first = line;
    while first > 0 && line_text(doc, first - 1).is_some_and(is_request_line) {
        first -= 1;
    }
    let mut end = line + 1;
    while end < count && line_text(doc, end).is_some_and(is_request_line) {
        end += 1;
    }
    if !is_request_line(text) {
        let words = comment_words(text).unwrap_or_default();
        return Err(format!(
            "the comment looks like code ({}): describe the asset in words, e.g. `# a wooden chair with four legs`",
            words.chars().take(60).collect::<String>()
        ));
    }
    let request = (first..end).filter_map(|l| line_text(doc, l).and_then(comment_words)).collect::<Vec<_>>().join(" ");
    let (insert_at, before) = match doc.lines().line_start(end) {
        Some(at) => (at, ""),
        None => (doc.text().len(), "\n"),
    };
    let next_has_code = line_text(doc, end).is_some_and(|l| !l.trim().is_empty());
    Ok(Generate { request, lines: first..end, insert_at, before, after: if next_has_code { "\n" } else { "" } })
}

/// The code of the lines `start..end` (byte offsets) touch, and the instruction: `given`,
/// else a `# refine:` comment in the selection or on the line right above it.
pub fn refine(doc: &Document, start: usize, end: usize, given: Option<&str>) -> Result<Refine, String> {
    let lines = doc.lines();
    let (first, _) = lines.line_col(start.min(end));
    let (mut last, col) = lines.line_col(start.max(end));
    // A selection that ends at the start of a line does not take that line.
    if col == 0 && last > first {
        last -= 1;
    }
    let mut instruction = given.map(str::trim).filter(|g| !g.is_empty()).map(str::to_string);
    let mut from_line = first;
    // The `# refine:` line above is used up by the refinement that follows it (the editor
    // passes its words back as the given instruction).
    if first > 0
        && let Some(i) = line_text(doc, first - 1).and_then(refine_instruction)
        && instruction.as_deref().is_none_or(|g| g == i)
    {
        instruction = Some(i.to_string());
        from_line = first - 1;
    }
    let mut code_lines = Vec::new();
    for l in first..=last {
        let text = line_text(doc, l).unwrap_or("");
        match refine_instruction(text) {
            Some(i) if instruction.is_none() => instruction = Some(i.to_string()),
            Some(_) => {}
            None => code_lines.push(text),
        }
    }
    let instruction = instruction.ok_or_else(|| {
        "say what should change: give an instruction, or write `# refine: ...` above the selection".to_string()
    })?;
    if code_lines.iter().all(|l| l.trim().is_empty()) {
        return Err("select the code to refine (the selection has no code)".into());
    }
    let indent = code_lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| &l[..l.len() - l.trim_start().len()])
        .min_by_key(|i| i.len())
        .unwrap_or("")
        .to_string();
    let code: String =
        code_lines.iter().map(|l| format!("{}\n", l.strip_prefix(indent.as_str()).unwrap_or(l.trim_start()))).collect();
    let begin = lines.line_start(from_line).unwrap_or(0);
    let stop = lines.line_start(last + 1).unwrap_or(doc.text().len());
    Ok(Refine { code, instruction, replace: begin..stop, indent })
}

/// `code` with `indent` before every non-blank line, ending with a line break.
pub fn indented(code: &str, indent: &str) -> String {
    let mut out = String::with_capacity(code.len() + 16);
    for l in code.lines() {
        if !l.trim().is_empty() {
            out.push_str(indent);
            out.push_str(l);
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(s: &str) -> Document {
        Document::new(s.to_string())
    }

    #[test]
    fn a_comment_block_is_the_request_and_the_code_goes_under_it() {
        let d = doc("import bpy\n# a red lantern\n#  with a golden trim\nx = 1\n");
        let g = generate(&d, 2).unwrap();
        assert_eq!(g.request, "a red lantern with a golden trim");
        assert_eq!(g.lines, 1..3);
        assert_eq!(&d.text()[g.insert_at..], "x = 1\n");
        assert_eq!((g.before, g.after), ("", "\n"));
        // At the end of a file without a final line break.
        let d = doc("# a wooden chair");
        let g = generate(&d, 0).unwrap();
        assert_eq!((g.insert_at, g.before, g.after), (16, "\n", ""));
    }

    #[test]
    fn code_lines_and_commented_out_code_are_refused() {
        let d = doc("import bpy\n# obj.location = (0, 0, 1)\n#!/usr/bin/env python\n\n");
        assert!(generate(&d, 0).unwrap_err().contains("line 1 is not a comment"));
        assert!(generate(&d, 1).unwrap_err().contains("looks like code"));
        assert!(generate(&d, 2).is_err());
        assert!(generate(&d, 3).is_err());
        assert!(generate(&d, 99).unwrap_err().contains("past the end"));
        assert!(!looks_like_code("a chair (wooden) with 4 legs"));
        assert!(looks_like_code("make_chair()"));
        assert!(looks_like_code("with open(path) as f:") && looks_like_code("from math import pi"));
        assert!(!looks_like_code("with four legs") && !looks_like_code("for a kitchen table"));
    }

    #[test]
    fn refine_takes_whole_lines_and_the_refine_comment_above() {
        let text = "def f():\n    # refine: make it blue\n    a = 1\n    if a:\n        b = 2\nprint(1)\n";
        let d = doc(text);
        // From the middle of `a = 1` to the middle of `b = 2`.
        let start = text.find("= 1").unwrap();
        let end = text.find("b =").unwrap() + 1;
        let r = refine(&d, start, end, None).unwrap();
        assert_eq!(r.instruction, "make it blue");
        assert_eq!(r.code, "a = 1\nif a:\n    b = 2\n");
        assert_eq!(r.indent, "    ");
        assert_eq!(&text[r.replace.clone()], "    # refine: make it blue\n    a = 1\n    if a:\n        b = 2\n");
        assert_eq!(indented("x = 1\n\ny = 2", "  "), "  x = 1\n\n  y = 2\n");
        // A given instruction wins, and the comment above stays.
        let r = refine(&d, start, end, Some(" add a tassel ")).unwrap();
        assert_eq!(r.instruction, "add a tassel");
        assert_eq!(&text[r.replace], "    a = 1\n    if a:\n        b = 2\n");
        // A selection ending at column 0 of `print` does not take that line.
        let r = refine(&d, text.find("a = 1").unwrap(), text.find("print").unwrap(), Some("x")).unwrap();
        assert!(!r.code.contains("print"));
        // The editor passes the comment's own words back: the comment is still used up.
        let r = refine(&d, start, end, Some("make it blue")).unwrap();
        assert!(text[r.replace].starts_with("    # refine: make it blue\n"));
    }

    #[test]
    fn commented_out_code_below_a_description_is_not_part_of_it() {
        let d = doc("# a tall lamp\n# bpy.ops.mesh.primitive_cube_add()\nx = 1\n");
        let g = generate(&d, 0).unwrap();
        assert_eq!((g.request.as_str(), g.lines.clone()), ("a tall lamp", 0..1));
        assert!(generate(&d, 1).unwrap_err().contains("looks like code"));
    }

    #[test]
    fn refine_without_instruction_or_code_says_what_is_missing() {
        let d = doc("a = 1\n# refine: bigger\n");
        assert!(refine(&d, 0, 3, None).unwrap_err().contains("say what should change"));
        assert!(refine(&d, 6, 10, None).unwrap_err().contains("has no code"));
        let d = doc("é = 'ü'\n");
        assert_eq!(refine(&d, 0, 3, Some("x")).unwrap().code, "é = 'ü'\n");
    }
}
