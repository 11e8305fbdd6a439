//! What the editor shows from BlenderRAG: the examples under a hover, the usage line in a
//! completion item's documentation, and how the server opens the index.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{CacheLocation, Origin, Rag, UsageLine, files};
use crate::api::ApiDb;

impl Rag {
    /// Markdown for the end of a hover: at most `n` examples that use `api_path` (see
    /// [`Rag::examples_using`]), each its title, a link to the line on disk (when the
    /// examples are on disk) and the line as a Python snippet (with the lines that complete
    /// a call or literal it opens, up to [`SNIPPET_LINES`]):
    ///
    /// ````markdown
    /// **Example: Bevel modifier** · [modifier_bevel.py:12](file:///.../modifier_bevel.py#L12)
    /// ```python
    /// bevel = obj.modifiers.new("Bevel", 'BEVEL')
    /// ```
    /// ````
    pub fn hover_examples(&self, api_path: &str, n: usize) -> Option<String> {
        let mut out = String::new();
        for hit in self.examples_using(api_path, n) {
            let Some(usage) = &hit.usage else { continue };
            out.push_str(&format!(
                "\n\n**Example: {}** · {}\n```python\n{}\n```",
                escape_markdown(&hit.title),
                self.location_markdown(usage),
                self.statement(usage)
            ));
        }
        (!out.is_empty()).then_some(out)
    }

    /// One line for a completion item's documentation:
    /// ``Example: `mod.segments = 3` — modifier_bevel.py:12``.
    pub fn completion_example(&self, api_path: &str) -> Option<String> {
        let usage = self.usage_line(api_path)?;
        Some(format!("Example: {} — {}:{}", code_span(&closed(&usage.code)), file_name(&usage.path), usage.line))
    }

    /// The usage line, and when it opens brackets that it does not close (`bevel(`), the
    /// following lines of the example up to the one that closes them (dedented like the first).
    fn statement(&self, usage: &UsageLine) -> String {
        let mut depth = bracket_depth(&usage.code);
        if depth <= 0 || usage.code.ends_with('…') {
            return usage.code.clone();
        }
        let Some(code) = self.example_code(&usage.path) else { return usage.code.clone() };
        let lines: Vec<&str> = code.lines().collect();
        let Some(first) = lines.get(usage.line.wrapping_sub(1)) else { return usage.code.clone() };
        let indent = &first[..first.len() - first.trim_start().len()];
        let mut out = usage.code.clone();
        for (i, line) in lines.iter().skip(usage.line).enumerate() {
            if i + 1 >= SNIPPET_LINES {
                out.push_str("\n    ...");
                break;
            }
            out.push('\n');
            out.push_str(line.strip_prefix(indent).unwrap_or(line.trim_start()).trim_end());
            depth += bracket_depth(line);
            if depth <= 0 {
                break;
            }
        }
        out
    }

    /// `[x.py:12](file:///...#L12)`, or `` `x.py:12` `` without a file on disk.
    fn location_markdown(&self, usage: &UsageLine) -> String {
        let label = format!("{}:{}", file_name(&usage.path), usage.line);
        match self.example_file(&usage.path) {
            Some(file) => format!("[{}]({}#L{})", escape_markdown(&label), files::file_uri(&file), usage.line),
            None => code_span(&label),
        }
    }
}

/// At most this many lines of an example in a hover snippet.
pub const SNIPPET_LINES: usize = 10;

/// Brackets a line of Python opens minus those it closes (outside strings and comments).
fn bracket_depth(line: &str) -> i32 {
    let mut depth = 0;
    for_each_bracket(line, |c| depth += if matches!(c, '(' | '[' | '{') { 1 } else { -1 });
    depth
}

/// One line of a statement that goes on (`bmesh.ops.bevel(`) as one that ends there:
/// `bmesh.ops.bevel(…)`.
fn closed(line: &str) -> String {
    let mut open = Vec::new();
    for_each_bracket(line, |c| match c {
        '(' => open.push(')'),
        '[' => open.push(']'),
        '{' => open.push('}'),
        _ => {
            open.pop();
        }
    });
    let mut out = line.to_string();
    if !open.is_empty() && !out.ends_with('…') {
        out.push('…');
    }
    out.extend(open.iter().rev());
    out
}

/// Call `f` with each bracket of a line of Python outside strings and comments.
fn for_each_bracket(line: &str, mut f: impl FnMut(char)) {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for c in line.chars() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
            }
            None => match c {
                '#' => break,
                '\'' | '"' => quote = Some(c),
                '(' | '[' | '{' | ')' | ']' | '}' => f(c),
                _ => {}
            },
        }
    }
}

/// `rag_data/examples/modifier_bevel.py` -> `modifier_bevel.py`.
fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// Inline code that may itself hold backticks.
fn code_span(code: &str) -> String {
    let mut ticks = "`".to_string();
    while code.contains(ticks.as_str()) {
        ticks.push('`');
    }
    if ticks.len() > 1 || code.starts_with('`') || code.ends_with('`') {
        format!("{ticks} {code} {ticks}")
    } else {
        format!("`{code}`")
    }
}

fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// What the server uses: the index of the example library built into the binary, from the
/// cache (built and cached if needed, in memory if the cache cannot be written), with the
/// examples written next to the cache for links (or the source tree's, if it has exactly
/// them). Also returns notes worth a log line (why the index is in memory, why there are no
/// links). Slow when the cache is cold (about a second): call it off the request path.
pub fn open_for_server(db: &Arc<ApiDb>, cache: &CacheLocation) -> anyhow::Result<(Rag, Vec<String>)> {
    let examples = crate::embedded_examples();
    let mut rag = Rag::open_or_build(db, &examples, cache)?;
    let mut notes = Vec::new();
    if let Origin::Memory { reason: Some(reason) } = rag.origin() {
        notes.push(format!("index built in memory ({reason})"));
    }
    let written = files::examples_root(cache).and_then(|root| files::write_library(&root, &examples));
    match written {
        Ok(dir) => rag.set_example_files(dir),
        Err(e) => {
            let source: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf();
            if files::holds_library(&source, &examples) {
                notes.push(format!("examples not copied ({e:#}): links go to {}", source.display()));
                rag.set_example_files(source);
            } else {
                notes.push(format!("examples not copied ({e:#}): hover shows them without links"));
            }
        }
    }
    Ok((rag, notes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_and_escapes() {
        assert_eq!(code_span("a = 1"), "`a = 1`");
        assert_eq!(code_span("x = `y`"), "`` x = `y` ``");
        assert_eq!(escape_markdown("a_b [c]"), "a\\_b \\[c\\]");
        assert_eq!(file_name("rag_data/assets/chair.py"), "chair.py");
    }

    #[test]
    fn brackets() {
        assert_eq!(bracket_depth("result = bmesh.ops.bevel("), 1);
        assert_eq!(bracket_depth("x = f(a, ')', [1, 2])  # (("), 0);
        assert_eq!(bracket_depth("s = \"\\\"(\" + g("), 1);
        assert_eq!(bracket_depth(")"), -1);
        assert_eq!(closed("result = bmesh.ops.bevel("), "result = bmesh.ops.bevel(…)");
        assert_eq!(closed("x = f(a, [1, g('(')"), "x = f(a, [1, g('(')…])");
        assert_eq!(
            closed("mod = obj.modifiers.new(\"Bevel\", 'BEVEL')"),
            "mod = obj.modifiers.new(\"Bevel\", 'BEVEL')"
        );
        assert_eq!(closed("v = f(aaaa…"), "v = f(aaaa…)");
    }
}
