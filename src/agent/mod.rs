//! THE AGENTS: the LL3M loop (plan, retrieve, write, gate, run, debug, critique, refine)
//! behind `bpy-lsp generate` and the code actions, and the offline provider that serves
//! the asset library without a model. `llm` talks to the model endpoints. Never imports `lsp/`.

pub mod llm;

pub mod ask;
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

/// The provider the settings name (`[agent]`, `bpyLsp.agent`, flags): offline when the
/// coder's provider is offline or unset; else a model per role. A critic without a model, or
/// configured without vision, means no critic (with a notice).
pub fn choose_provider(agent: &crate::config::AgentSettings) -> Result<ProviderChoice, Error> {
    use crate::config::agent::Role as R;
    let coder = agent.role(R::Coder);
    if coder.provider.trim().eq_ignore_ascii_case("offline") {
        return Ok(ProviderChoice::Offline);
    }
    let total = std::time::Duration::from_secs_f64(agent.timeout_secs.clamp(1.0, 3600.0));
    let config = |r: &crate::config::agent::ResolvedRole| -> Result<Option<llm::ModelConfig>, Error> {
        if r.provider.trim().eq_ignore_ascii_case("offline") {
            return Ok(None);
        }
        let kind = llm::ProviderKind::from_name(&r.provider).ok_or_else(|| {
            Error::BadRequest(format!(
                "unknown provider {:?} for the {}: use offline, openai or anthropic",
                r.provider,
                r.role.name()
            ))
        })?;
        let model = r.model.as_deref().map(str::trim).filter(|m| !m.is_empty()).ok_or_else(|| {
            Error::BadRequest(format!(
                "the {} uses provider {} but no model: set --model (or model in [agent] of bpy-lsp.toml), e.g. {}",
                r.role.name(),
                kind.name(),
                match kind {
                    llm::ProviderKind::OpenAi => "gpt-4o, or qwen2.5-coder with --base-url http://localhost:11434/v1",
                    llm::ProviderKind::Anthropic => "claude-sonnet-4-5",
                }
            ))
        })?;
        let mut cfg = llm::ModelConfig::new(kind, model);
        cfg.base_url = r.base_url.clone();
        cfg.api_key_env = r.api_key_env.clone();
        cfg.context_tokens = r.context_tokens;
        // Unknown: try; an endpoint that refuses images skips the critic with a notice.
        cfg.vision = r.vision.unwrap_or(true);
        cfg.total_timeout = total;
        Ok(Some(cfg))
    };
    let make = |cfg: &llm::ModelConfig| model::RoleModel::new(cfg).map_err(|e| Error::Model(e.to_string()));
    let coder_cfg = config(&coder)?.ok_or_else(|| Error::BadRequest("no coder model".into()))?;
    let planner_cfg = config(&agent.role(R::Planner))?.unwrap_or_else(|| coder_cfg.clone());
    let critic = match config(&agent.role(R::Critic))? {
        Some(c) => make(&c)?,
        None => {
            let mut c = coder_cfg.clone();
            c.vision = false;
            make(&c)?
        }
    };
    let models = model::Models { planner: make(&planner_cfg)?, coder: make(&coder_cfg)?, critic };
    Ok(ProviderChoice::Model(Arc::new(models)))
}

/// The key variables the settings name (and the usual ones) that are set: their values are
/// kept out of every file and message.
pub fn secrets_of(agent: &crate::config::AgentSettings) -> Vec<String> {
    use crate::config::agent::Role as R;
    let mut names: Vec<String> = vec!["OPENAI_API_KEY".into(), "ANTHROPIC_API_KEY".into()];
    names.extend(R::ALL.iter().filter_map(|r| agent.role(*r).api_key_env));
    names.iter().filter_map(|k| std::env::var(k).ok()).filter(|v| !v.is_empty()).collect()
}
