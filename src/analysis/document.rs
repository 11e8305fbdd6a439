//! One Python document: its text, its syntax tree (kept up to date incrementally) and
//! the derived tables that analyses share. Knows nothing of LSP.
//!
//! An edit costs time proportional to the edit: it updates the text, the line index and the
//! old tree's positions, and leaves the parse to the first reader of `tree()`. Reparsing
//! cannot be made proportional to the edit for Python: tree-sitter must re-lex the first
//! token of every statement after a newline (the indentation scanner makes it unsafe to
//! reuse) and the grammar's statement list is fragile, so an incremental reparse of a
//! 1 MB script costs about what a fresh one does. Parsing on demand keeps that cost off the
//! thread that applies keystrokes, and a burst of keystrokes pays for one parse, not one each.

use std::cell::RefCell;
use std::sync::{Arc, OnceLock};

use tree_sitter::{InputEdit, Parser, Point, Tree};

use super::line_index::LineIndex;
use super::package::PackageRef;
use super::scope::Scopes;

/// A snapshot of a document. Cloning is cheap (shared text and tree), so a request can
/// take a snapshot and work on it off the thread that applies edits.
#[derive(Clone)]
pub struct Document {
    text: Arc<String>,
    lines: Arc<LineIndex>,
    /// The last parsed tree with every edit since applied to its positions: what the next
    /// parse reuses. None before the first parse.
    edited: Option<Tree>,
    /// The tree of the current text, parsed on first use; shared by the snapshots.
    tree: Arc<OnceLock<Option<Tree>>>,
    scopes: Arc<OnceLock<Scopes>>,
    /// The add-on package the document is a module of, when the caller knows it.
    package: Option<PackageRef>,
}

/// Documents larger than this are kept but not parsed: analyses answer nothing for them.
pub const MAX_PARSED_BYTES: usize = 16 * 1024 * 1024;

thread_local! {
    static PARSER: RefCell<Parser> = RefCell::new({
        let mut parser = Parser::new();
        // The grammar is compiled in and matches the tree-sitter ABI we link; this cannot fail.
        parser
            .set_language(&tree_sitter_python::LANGUAGE.into())
            .expect("tree-sitter-python grammar matches the tree-sitter version");
        parser
    });
}

fn parse(text: &str, old: Option<&Tree>) -> Option<Tree> {
    if text.len() > MAX_PARSED_BYTES {
        return None;
    }
    let bytes = text.as_bytes();
    PARSER.with(|p| p.borrow_mut().parse_with_options(&mut |i, _| chunk(bytes, i), old, None))
}

/// The text from byte `i` on, up to the next lone `\r`, which is given as a `\n`:
/// tree-sitter-python ends lines at `\n` only, the LSP spec (and Python) at a lone `\r`
/// too. Same length, so offsets do not change. At most `CHUNK` bytes at a time: an
/// incremental reparse asks for text at many offsets, and each answer must cost little.
fn chunk(bytes: &[u8], i: usize) -> &[u8] {
    const CHUNK: usize = 4096;
    let Some(rest) = bytes.get(i..) else { return &[] };
    let window = &rest[..rest.len().min(CHUNK)];
    let mut from = 0;
    while let Some(cr) = window[from..].iter().position(|&b| b == b'\r') {
        let at = from + cr;
        if rest.get(at + 1) != Some(&b'\n') {
            return if at == 0 { b"\n" } else { &window[..at] };
        }
        from = at + 1;
    }
    window
}

impl Document {
    pub fn new(text: String) -> Document {
        let lines = Arc::new(LineIndex::new(&text));
        Document {
            text: Arc::new(text),
            lines,
            edited: None,
            tree: Arc::new(OnceLock::new()),
            scopes: Arc::new(OnceLock::new()),
            package: None,
        }
    }

    /// Make the document a module of an add-on package: its relative imports and the
    /// registrations of the other modules are followed. Kept across edits.
    pub fn set_package(&mut self, package: Option<PackageRef>) {
        self.package = package;
    }

    pub fn package(&self) -> Option<&PackageRef> {
        self.package.as_ref()
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The syntax tree of the current text (parsed now if no one has asked since the last
    /// edit); None for a document over `MAX_PARSED_BYTES`.
    pub fn tree(&self) -> Option<&Tree> {
        self.tree.get_or_init(|| parse(&self.text, self.edited.as_ref())).as_ref()
    }

    pub fn lines(&self) -> &LineIndex {
        &self.lines
    }

    /// Name bindings per scope, computed on first use after each change.
    pub fn scopes(&self) -> &Scopes {
        self.scopes.get_or_init(|| match self.tree() {
            Some(tree) => Scopes::build(tree, &self.text),
            None => Scopes::default(),
        })
    }

    /// Replace the bytes `start..end` with `new_text`; the next `tree()` reparses
    /// incrementally. Offsets are clamped to the text and moved back to character boundaries.
    pub fn edit(&mut self, start: usize, end: usize, new_text: &str) {
        let start = floor_char_boundary(&self.text, start.min(self.text.len()));
        let end = floor_char_boundary(&self.text, end.clamp(start, self.text.len()));
        let start_position = self.point(start);
        let old_end_position = self.point(end);
        Arc::make_mut(&mut self.text).replace_range(start..end, new_text);
        let new_end = start + new_text.len();
        Arc::make_mut(&mut self.lines).edit(&self.text, start, end, new_text.len());
        self.scopes = Arc::new(OnceLock::new());
        let new_end_position = self.point(new_end);
        // The freshest tree to reuse: the current one if it was parsed, else the one the
        // earlier edits were applied to. Clones share nodes; snapshots keep their own tree.
        let parsed = match Arc::get_mut(&mut self.tree) {
            Some(cell) => cell.take().flatten(),
            None => self.tree.get().cloned().flatten(),
        };
        let mut base = match parsed {
            Some(tree) => {
                if let Some(old) = self.edited.take() {
                    drop_in_background(old);
                }
                Some(tree)
            }
            None => self.edited.take(),
        };
        if let Some(tree) = &mut base {
            tree.edit(&InputEdit {
                start_byte: start,
                old_end_byte: end,
                new_end_byte: new_end,
                start_position,
                old_end_position,
                new_end_position,
            });
        }
        self.edited = base;
        self.tree = Arc::new(OnceLock::new());
    }

    /// Replace the whole text.
    pub fn replace(&mut self, text: String) {
        let package = self.package.take();
        *self = Document::new(text);
        self.package = package;
    }

    fn point(&self, offset: usize) -> Point {
        let (row, column) = self.lines.line_col(offset);
        Point { row, column }
    }
}

/// Frees a tree on another thread: after a reparse most nodes are new, and freeing the old
/// ones of a 1 MB script takes about 10 ms, which the keystroke that replaces it should not wait for.
fn drop_in_background(tree: Tree) {
    static DROPPER: OnceLock<Option<std::sync::mpsc::Sender<Tree>>> = OnceLock::new();
    let sender = DROPPER.get_or_init(|| {
        let (send, receive) = std::sync::mpsc::channel::<Tree>();
        let spawned = std::thread::Builder::new().name("drop-trees".into()).spawn(move || {
            for tree in receive {
                drop(tree);
            }
        });
        spawned.ok().map(|_| send)
    });
    match sender {
        // If the thread is gone, the tree comes back in the error and is dropped here.
        Some(sender) => drop(sender.send(tree)),
        None => drop(tree),
    }
}

pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn incremental_edit_matches_fresh_parse() {
        let mut doc = Document::new("import bpy\nx = bpy.data\n".to_string());
        assert!(doc.tree().is_some());
        let at = doc.text().find("data").unwrap();
        doc.edit(at, at + 4, "context.scene");
        assert_eq!(doc.text(), "import bpy\nx = bpy.context.scene\n");
        let fresh = Document::new(doc.text().to_string());
        assert_eq!(doc.tree().unwrap().root_node().to_sexp(), fresh.tree().unwrap().root_node().to_sexp());
    }

    #[test]
    fn edits_without_a_parse_between_them_accumulate() {
        let text = "import bpy\ndef f(o):\n    return o.location\nx = bpy.data\n";
        let mut doc = Document::new(text.to_string());
        assert!(doc.tree().is_some());
        let snapshot = doc.clone();
        // Three edits with no reader in between, one of them across lines.
        let at = doc.text().find("location").unwrap();
        doc.edit(at, at + "location".len(), "rotation_euler");
        let at = doc.text().find("def f").unwrap();
        doc.edit(at, at, "# é\n\n");
        let at = doc.text().find("bpy.data").unwrap();
        doc.edit(at + 4, at + 8, "context");
        let expected = "import bpy\n# é\n\ndef f(o):\n    return o.rotation_euler\nx = bpy.context\n";
        assert_eq!(doc.text(), expected);
        let fresh = Document::new(expected.to_string());
        assert_eq!(doc.tree().unwrap().root_node().to_sexp(), fresh.tree().unwrap().root_node().to_sexp());
        let name = doc
            .tree()
            .unwrap()
            .root_node()
            .descendant_for_byte_range(expected.find("rotation").unwrap(), expected.find("rotation").unwrap());
        assert_eq!(
            name.map(|n| n.utf8_text(expected.as_bytes()).unwrap().to_string()).as_deref(),
            Some("rotation_euler")
        );
        // The snapshot taken before kept its text and tree.
        assert_eq!(snapshot.text(), text);
        assert_eq!(
            snapshot.tree().unwrap().root_node().to_sexp(),
            Document::new(text.to_string()).tree().unwrap().root_node().to_sexp()
        );
    }

    #[test]
    fn a_lone_cr_ends_a_statement() {
        let doc = Document::new("import bpy\rx = 1\r\ny = 2".to_string());
        let root = doc.tree().unwrap().root_node();
        assert!(!root.has_error(), "{}", root.to_sexp());
        assert_eq!(root.named_child_count(), 3);
        assert_eq!(doc.lines().line_count(), 3);
    }

    #[test]
    fn edits_past_the_end_and_inside_characters_are_clamped() {
        let mut doc = Document::new("a = 'é'\n".to_string());
        doc.edit(6, 6, "x"); // inside the two bytes of é
        assert_eq!(doc.text(), "a = 'xé'\n");
        doc.edit(1000, 2000, "# end");
        assert_eq!(doc.text(), "a = 'xé'\n# end");
    }
}
