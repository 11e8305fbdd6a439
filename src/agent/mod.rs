//! THE AGENTS: the LL3M loop (plan, retrieve, write, gate, run, debug, critique, refine)
//! behind `bpy-lsp generate` and the code actions, and the offline provider that serves
//! the asset library without a model. Never imports `lsp/`.

pub mod cli;
pub mod gate;
pub mod offline;
pub mod pipeline;
pub mod progress;
pub mod retrieve;
pub mod run;
pub mod session;
pub mod words;

use pipeline::{Error, ProviderChoice};

/// A model provider from flags (filled in by the model loop).
pub fn model_choice(name: &str, _model: Option<&str>, _base_url: Option<&str>) -> Result<ProviderChoice, Error> {
    Err(Error::BadRequest(format!("unknown provider {name:?}: use offline, openai or anthropic")))
}

/// The values of the API key variables that are set, to keep them out of every file.
pub fn configured_secrets() -> Vec<String> {
    ["OPENAI_API_KEY", "ANTHROPIC_API_KEY"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .filter(|v| !v.is_empty())
        .collect()
}
