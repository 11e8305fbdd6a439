//! The context budget of a model: a prompt is kept under `context_tokens` minus the
//! answer's room; the reference material (BlenderRAG hits) is trimmed first, from the
//! least relevant end, and what was cut is said (the session log records it).

use super::retrieve::Snippet;

/// A rough, high count of tokens (about 3.5 characters each), as the provider layer counts.
pub fn estimate(text: &str) -> u32 {
    let chars = text.chars().count() as u64;
    u32::try_from((chars * 2).div_ceil(7)).unwrap_or(u32::MAX)
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fitted {
    pub kept: Vec<Snippet>,
    /// Sources of the snippets left out.
    pub cut: Vec<String>,
    /// Tokens the fixed part of the prompt takes.
    pub fixed_tokens: u32,
}

/// Keep as many snippets (best first) as fit next to the fixed text. Without a known
/// context size, a default of 8k tokens keeps prompts sane for local servers.
pub fn fit(fixed: &str, snippets: Vec<Snippet>, context_tokens: Option<u32>, answer_tokens: u32) -> Fitted {
    let window = context_tokens.unwrap_or(8_192);
    let fixed_tokens = estimate(fixed);
    let mut room = window.saturating_sub(answer_tokens).saturating_sub(fixed_tokens);
    let mut out = Fitted { fixed_tokens, ..Default::default() };
    for s in snippets {
        let t = estimate(&s.text) + estimate(&s.source) + 4;
        if t <= room {
            room -= t;
            out.kept.push(s);
        } else {
            out.cut.push(s.source);
        }
    }
    out
}

/// The answer's room: a quarter of the window, between 1k and 8k tokens.
pub fn answer_tokens(context_tokens: Option<u32>) -> u32 {
    (context_tokens.unwrap_or(16_384) / 4).clamp(1_024, 8_192)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rag_hits_are_cut_first_and_named() {
        let s = |n: &str, len: usize| Snippet { source: n.into(), text: "x".repeat(len) };
        let f = fit("request", vec![s("a", 700), s("b", 7000), s("c", 70)], Some(1_500), 1_024);
        assert_eq!(f.kept.iter().map(|s| s.source.as_str()).collect::<Vec<_>>(), ["a", "c"]);
        assert_eq!(f.cut, ["b"]);
    }
}
