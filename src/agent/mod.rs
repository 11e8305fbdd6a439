//! THE AGENTS: the LL3M loop (plan, retrieve, write, gate, run, debug, critique, refine)
//! behind `bpy-lsp generate` and the code actions, and the offline provider that serves
//! the asset library without a model. `llm` talks to the model endpoints. Never imports `lsp/`.

pub mod llm;

pub mod budget;
pub mod cli;
pub mod code;
pub mod gate;
pub mod model;
pub mod offline;
pub mod pipeline;
pub mod progress;
pub mod retrieve;
pub mod run;
pub mod session;
pub mod words;

use std::sync::Arc;

use pipeline::{Error, ProviderChoice};

/// A model provider from flags: `openai` or `anthropic`, a model, an optional base URL.
pub fn model_choice(
    name: &str,
    model: Option<&str>,
    base_url: Option<&str>,
    vision: bool,
) -> Result<ProviderChoice, Error> {
    let kind = llm::ProviderKind::from_name(name)
        .ok_or_else(|| Error::BadRequest(format!("unknown provider {name:?}: use offline, openai or anthropic")))?;
    let model = model.map(str::trim).filter(|m| !m.is_empty()).ok_or_else(|| {
        Error::BadRequest(format!(
            "--provider {} needs --model (for example {})",
            kind.name(),
            match kind {
                llm::ProviderKind::OpenAi => "gpt-4o, or qwen2.5-coder with --base-url http://localhost:11434/v1",
                llm::ProviderKind::Anthropic => "claude-sonnet-4-5",
            }
        ))
    })?;
    let mut cfg = llm::ModelConfig::new(kind, model);
    cfg.base_url = base_url.map(str::to_string);
    cfg.vision = vision;
    let models = model::Models::same(&cfg).map_err(|e| Error::Model(e.to_string()))?;
    Ok(ProviderChoice::Model(Arc::new(models)))
}

/// The values of the API key variables that are set, to keep them out of every file.
pub fn configured_secrets() -> Vec<String> {
    ["OPENAI_API_KEY", "ANTHROPIC_API_KEY"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .filter(|v| !v.is_empty())
        .collect()
}
