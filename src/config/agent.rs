//! The agent's settings (`[agent]`, `[agent.planner|coder|critic]` in bpy-lsp.toml,
//! `bpyLsp.agent.*`): the provider and model, per role where one differs, and the loop's bounds.

use serde::{Deserialize, Serialize};

/// The provider when nothing is configured: deterministic, no model, labelled as such.
pub const DEFAULT_PROVIDER: &str = "offline";

/// `[agent]`. Keys are snake_case in bpy-lsp.toml (`base_url`), camelCase in LSP settings
/// (`baseUrl`); `timeout` is in seconds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AgentSettings {
    /// "offline" | "openai" | "anthropic"; `None` = offline.
    pub provider: Option<String>,
    pub base_url: Option<String>,
    /// The name of the environment variable that holds the key (never the key itself).
    pub api_key_env: Option<String>,
    pub model: Option<String>,
    /// How many tokens a prompt may take (local servers truncate longer ones silently).
    pub context_tokens: Option<u32>,
    /// Whether the model sees images (the critic needs it).
    pub vision: Option<bool>,
    /// Runs in Blender per generation before it gives up.
    pub attempts: u32,
    /// Critic rounds.
    pub rounds: u32,
    #[serde(rename = "timeout", alias = "timeout_secs")]
    pub timeout_secs: f64,
    pub planner: RoleSettings,
    pub coder: RoleSettings,
    pub critic: RoleSettings,
}

impl Default for AgentSettings {
    fn default() -> Self {
        AgentSettings {
            provider: None,
            base_url: None,
            api_key_env: None,
            model: None,
            context_tokens: None,
            vision: None,
            attempts: 3,
            rounds: 2,
            timeout_secs: 120.0,
            planner: RoleSettings::default(),
            coder: RoleSettings::default(),
            critic: RoleSettings::default(),
        }
    }
}

/// `[agent.planner]` and the others: what differs for one role. Unset fields come from `[agent]`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RoleSettings {
    pub provider: Option<String>,
    pub model: Option<String>,
    pub base_url: Option<String>,
    pub api_key_env: Option<String>,
    pub context_tokens: Option<u32>,
    pub vision: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Planner,
    Coder,
    Critic,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Planner, Role::Coder, Role::Critic];

    pub fn name(self) -> &'static str {
        match self {
            Role::Planner => "planner",
            Role::Coder => "coder",
            Role::Critic => "critic",
        }
    }
}

/// What one role uses, with `[agent]` filled in where the role says nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedRole {
    pub role: Role,
    /// Never empty: "offline" when nothing is configured.
    pub provider: String,
    pub model: Option<String>,
    pub base_url: Option<String>,
    pub api_key_env: Option<String>,
    pub context_tokens: Option<u32>,
    pub vision: Option<bool>,
}

impl AgentSettings {
    pub fn role_settings(&self, role: Role) -> &RoleSettings {
        match role {
            Role::Planner => &self.planner,
            Role::Coder => &self.coder,
            Role::Critic => &self.critic,
        }
    }

    /// The role's settings over `[agent]`. A role that names another provider than `[agent]`
    /// takes nothing else from `[agent]`: a model, URL or key variable of one provider is
    /// meaningless for another.
    pub fn role(&self, role: Role) -> ResolvedRole {
        let r = self.role_settings(role);
        let top_provider = self.provider.as_deref().unwrap_or(DEFAULT_PROVIDER);
        let provider = r.provider.as_deref().unwrap_or(top_provider);
        let inherit = provider == top_provider;
        let pick =
            |own: &Option<String>, top: &Option<String>| own.clone().or(if inherit { top.clone() } else { None });
        ResolvedRole {
            role,
            provider: provider.to_string(),
            model: pick(&r.model, &self.model),
            base_url: pick(&r.base_url, &self.base_url),
            api_key_env: pick(&r.api_key_env, &self.api_key_env),
            context_tokens: r.context_tokens.or(if inherit { self.context_tokens } else { None }),
            vision: r.vision.or(if inherit { self.vision } else { None }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_inherit_from_agent_unless_the_provider_differs() {
        let a = AgentSettings {
            provider: Some("openai".into()),
            model: Some("gpt-4o-mini".into()),
            base_url: Some("http://localhost:11434/v1".into()),
            context_tokens: Some(8192),
            coder: RoleSettings { model: Some("qwen2.5-coder".into()), ..Default::default() },
            critic: RoleSettings { provider: Some("anthropic".into()), vision: Some(true), ..Default::default() },
            ..Default::default()
        };
        let planner = a.role(Role::Planner);
        assert_eq!(
            (planner.provider.as_str(), planner.model.as_deref(), planner.context_tokens),
            ("openai", Some("gpt-4o-mini"), Some(8192))
        );
        assert_eq!(a.role(Role::Coder).model.as_deref(), Some("qwen2.5-coder"));
        assert_eq!(a.role(Role::Coder).base_url.as_deref(), Some("http://localhost:11434/v1"));
        let critic = a.role(Role::Critic);
        assert_eq!(
            critic,
            ResolvedRole {
                role: Role::Critic,
                provider: "anthropic".into(),
                model: None,
                base_url: None,
                api_key_env: None,
                context_tokens: None,
                vision: Some(true),
            }
        );
        assert_eq!(AgentSettings::default().role(Role::Coder).provider, "offline");
    }
}
