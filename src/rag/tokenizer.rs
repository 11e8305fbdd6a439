//! The `bpy` tokenizer: code identifiers and prose in one analyzer.
//!
//! `bpy.ops.mesh.primitive_cube_add` gives the whole path, its dotted suffixes
//! (`mesh.primitive_cube_add`), each compound component (`primitive_cube_add`) and the words
//! `bpy ops mesh primitive cube add`; `ShaderNodeBsdfPrincipled` gives itself and
//! `shader node bsdf principled`. Everything is lowercased, a few Blender abbreviations get
//! their long form as an extra token (`subsurf` -> `subdivision surface`, `verts` -> `vertex`),
//! then English stop words are dropped and words are stemmed. The same analyzer runs on the
//! documents and on queries.

use tantivy::tokenizer::{Language, Stemmer, StopWordFilter, TextAnalyzer, Token, TokenStream, Tokenizer};

/// The name under which the analyzer is registered with tantivy.
pub const TOKENIZER_NAME: &str = "bpy";

/// Words that carry no meaning in a search for Blender code.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "its", "of", "or",
    "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was", "will", "with", "how", "do",
    "does", "i", "you", "we", "can", "what", "which", "my", "me", "want", "using", "via", "some", "from", "python",
    "script", "blender", "way", "should", "would", "please", "when",
];

/// Extra tokens for Blender's abbreviations and fused words, so that the long form in a query
/// finds the short form in the API and the other way round.
fn aliases(word: &str) -> &'static [&'static str] {
    match word {
        "verts" | "vert" | "vertices" => &["vertex"],
        "subsurf" => &["subdivision", "surface"],
        "subdiv" => &["subdivision"],
        "uvsphere" => &["uv", "sphere"],
        "icosphere" => &["ico", "sphere"],
        "obj" | "ob" => &["object"],
        "mat" => &["material"],
        "loc" => &["location"],
        "rot" => &["rotation"],
        "tex" => &["texture"],
        "img" => &["image"],
        "anim" => &["animation"],
        "geom" => &["geometry"],
        "colour" => &["color"],
        "colours" => &["colors"],
        "grey" => &["gray"],
        "props" | "prop" => &["property"],
        "ops" | "op" => &["operator"],
        "bm" => &["bmesh"],
        "gn" => &["geometry", "nodes"],
        "bool" => &["boolean"],
        "vec" => &["vector"],
        "quat" => &["quaternion"],
        "tris" | "tri" => &["triangle"],
        "kdtree" => &["kd", "tree"],
        "bvhtree" => &["bvh", "tree"],
        "raycast" => &["ray", "cast"],
        "fcurve" | "fcurves" => &["curve"],
        "uilist" => &["ui", "list"],
        "keyframe" | "keyframes" => &["key", "frame"],
        "dof" => &["depth", "field"],
        "hdri" => &["environment"],
        // Words for the same thing in Blender's API and in people's questions.
        "delete" | "deleting" => &["remove"],
        "remove" | "removing" => &["delete"],
        "recalc" => &["recalculate"],
        "doubles" => &["duplicate"],
        "shortcut" | "shortcuts" | "hotkey" | "hotkeys" => &["keymap"],
        "keymap" | "keymaps" => &["shortcut"],
        "lathe" => &["spin"],
        _ => &[],
    }
}

/// A tokenizer that understands dotted paths, snake_case and CamelCase.
#[derive(Clone, Default)]
pub struct BpyTokenizer {
    tokens: Vec<Token>,
}

pub struct BpyTokenStream<'a> {
    tokens: &'a mut [Token],
    index: usize,
}

impl TokenStream for BpyTokenStream<'_> {
    fn advance(&mut self) -> bool {
        if self.index < self.tokens.len() {
            self.index += 1;
            true
        } else {
            false
        }
    }

    // Only called after `advance` returned true, as the trait requires.
    fn token(&self) -> &Token {
        &self.tokens[self.index - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.index - 1]
    }
}

impl Tokenizer for BpyTokenizer {
    type TokenStream<'a> = BpyTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> BpyTokenStream<'a> {
        self.tokens.clear();
        split(text, &mut |word, range, position| {
            self.tokens.push(Token {
                offset_from: range.start,
                offset_to: range.end,
                position,
                text: word.to_string(),
                position_length: 1,
            });
        });
        BpyTokenStream { tokens: &mut self.tokens, index: 0 }
    }
}

/// The full analyzer: [`BpyTokenizer`], stop words, English stemmer.
pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(BpyTokenizer::default())
        .filter(StopWordFilter::remove(STOP_WORDS.iter().map(|s| s.to_string())))
        .filter(Stemmer::new(Language::English))
        .build()
}

/// The analyzed terms of a text, in order, without duplicates.
pub fn terms(analyzer: &mut TextAnalyzer, text: &str, limit: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(token) = stream.next() {
        if out.len() >= limit {
            break;
        }
        if !token.text.is_empty() && !out.contains(&token.text) {
            out.push(token.text.clone());
        }
    }
    out
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Call `emit(token, byte range, position)` for every token of `text` (before stop words and
/// stemming).
pub fn split(text: &str, emit: &mut dyn FnMut(&str, std::ops::Range<usize>, usize)) {
    let mut position = 0usize;
    // Chunks: maximal runs of word characters and dots.
    let mut chunks: Vec<(usize, usize)> = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if is_word_char(c) || c == '.' {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            chunks.push((s, i));
        }
    }
    if let Some(s) = start {
        chunks.push((s, text.len()));
    }
    let mut previous: Option<(usize, usize)> = None;
    for &(s, e) in &chunks {
        let raw = &text[s..e];
        let trimmed = raw.trim_matches(['.', '_']);
        if trimmed.is_empty() {
            previous = None;
            continue;
        }
        let off = s + (raw.len() - raw.trim_start_matches(['.', '_']).len());
        let range = off..off + trimmed.len();
        // `f-curve`, `ray-cast`: also the joined word.
        if let Some((ps, pe)) = previous
            && pe + 1 == s
            && text.as_bytes()[pe] == b'-'
        {
            let joined = format!("{}{trimmed}", &text[ps..pe]).to_lowercase();
            if joined.chars().all(is_word_char) {
                emit(&joined, ps..range.end, position);
            }
        }
        previous = Some((range.start, range.end));
        let components: Vec<&str> = trimmed.split('.').filter(|c| !c.is_empty()).collect();
        let compound = components.len() > 1 || is_compound(trimmed);
        if compound {
            emit(&trimmed.to_lowercase(), range.clone(), position);
            // Dotted suffixes: `mesh.primitive_cube_add` for `bpy.ops.mesh.primitive_cube_add`.
            for i in 1..components.len().saturating_sub(1) {
                emit(&components[i..].join(".").to_lowercase(), range.clone(), position);
            }
        }
        for component in &components {
            if components.len() > 1 && is_compound(component) {
                emit(&component.to_lowercase(), range.clone(), position);
            }
            for word in subwords(component) {
                let w = word.to_lowercase();
                emit(&w, range.clone(), position);
                for alias in aliases(&w) {
                    emit(alias, range.clone(), position);
                }
                position += 1;
            }
        }
    }
}

/// More than one subword: snake_case, CamelCase or digits after letters.
fn is_compound(word: &str) -> bool {
    let mut n = 0;
    for _ in subwords(word) {
        n += 1;
        if n > 1 {
            return true;
        }
    }
    false
}

/// `primitive_cube_add` -> primitive, cube, add; `ShaderNodeBsdfPrincipled` -> Shader, Node,
/// Bsdf, Principled; `HTTPServer` -> HTTP, Server; `View3D` -> View, 3D.
fn subwords(word: &str) -> impl Iterator<Item = &str> {
    word.split('_').filter(|p| !p.is_empty()).flat_map(camel_parts)
}

fn camel_parts(part: &str) -> impl Iterator<Item = &str> {
    let chars: Vec<(usize, char)> = part.char_indices().collect();
    let mut cuts = vec![0usize];
    for i in 1..chars.len() {
        let (_, prev) = chars[i - 1];
        let (pos, c) = chars[i];
        let next = chars.get(i + 1).map(|&(_, n)| n);
        let boundary = (c.is_uppercase() && prev.is_lowercase())
            || (c.is_uppercase() && prev.is_uppercase() && next.is_some_and(|n| n.is_lowercase()))
            || (c.is_ascii_digit() && prev.is_alphabetic());
        if boundary {
            cuts.push(pos);
        }
    }
    cuts.push(part.len());
    let pieces: Vec<&str> = cuts.windows(2).map(|w| &part[w[0]..w[1]]).filter(|p| !p.is_empty()).collect();
    pieces.into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        split(text, &mut |w, _, _| out.push(w.to_string()));
        out
    }

    fn analyzed(text: &str) -> Vec<String> {
        terms(&mut analyzer(), text, 1000)
    }

    #[test]
    fn dotted_path() {
        let t = raw("bpy.ops.mesh.primitive_cube_add");
        for w in
            ["bpy.ops.mesh.primitive_cube_add", "mesh.primitive_cube_add", "primitive_cube_add", "bpy", "ops", "mesh"]
        {
            assert!(t.contains(&w.to_string()), "{w} missing in {t:?}");
        }
        for w in ["primitive", "cube", "add"] {
            assert!(t.contains(&w.to_string()), "{w} missing in {t:?}");
        }
    }

    #[test]
    fn camel_case() {
        let t = raw("ShaderNodeBsdfPrincipled");
        assert_eq!(t, ["shadernodebsdfprincipled", "shader", "node", "bsdf", "principled"]);
        let t = raw("HTTPServer SpaceView3D");
        assert!(t.contains(&"http".to_string()) && t.contains(&"server".to_string()), "{t:?}");
        assert!(t.contains(&"view".to_string()) && t.contains(&"3d".to_string()), "{t:?}");
    }

    #[test]
    fn prose_and_aliases() {
        let t = analyzed("Add a Subdivision Surface modifier to the verts");
        assert!(t.contains(&"subdivis".to_string()) || t.contains(&"subdivision".to_string()), "{t:?}");
        assert!(!t.contains(&"the".to_string()));
        let a = analyzed("subsurf");
        let b = analyzed("subdivision");
        assert!(b.iter().all(|w| a.contains(w)), "{a:?} {b:?}");
        assert!(analyzed("create_uvsphere").contains(&analyzed("sphere")[0]));
        assert!(
            analyzed("f-curve").contains(&"fcurv".to_string()) || analyzed("f-curve").contains(&"fcurve".to_string())
        );
    }

    #[test]
    fn odd_input() {
        assert!(analyzed("").is_empty());
        assert!(analyzed("... ___ . _").is_empty());
        let _ = analyzed("(((\"]]]:*^~ ünïcödé ΑΒΓ 日本語 a.b_c.D");
    }
}
