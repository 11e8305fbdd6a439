//! All of bpy-lsp's settings, read in one place: [`Settings`] for the CLI, the server and the agent.
//!
//! Every source gives a [`Layer`] with the keys of bpy-lsp.toml (snake_case):
//!
//! 1. command-line flags (`--blender-version`, `--blender-python`, ...);
//! 2. LSP settings (`initializationOptions`, `workspace/didChangeConfiguration`): `bpyLsp.*`
//!    nested, flat (`"bpyLsp.blender.path"`) or the section alone, camelCase keys (`lsp.rs`);
//! 3. `bpy-lsp.toml` in the workspace root or the checked path, or one of their ancestors
//!    (`file.rs`);
//! 4. environment variables (`BPY_LSP_BLENDER_VERSION`, `BPY_LSP_BLENDER`,
//!    `BPY_LSP_BLENDER_PYTHON`, `BPY_LSP_RAG`, `BPY_LSP_AGENT_PROVIDER`, `BPY_LSP_AGENT_MODEL`,
//!    `BPY_LSP_AGENT_BASE_URL`);
//! 5. the connected Blender (its version, for the target only);
//! 6. the defaults of the structs.
//!
//! ONE precedence, per key: the first of these that sets a key wins (a flag over the LSP
//! setting over bpy-lsp.toml over the environment over the connected Blender over the default).
//! `null` or an empty string sets nothing, so the next source decides. A value of the wrong
//! type is reported with where it came from (the file and line for bpy-lsp.toml) and dropped;
//! a bpy-lsp.toml that does not parse is reported whole and the other sources still count.
//! Directories are in [`dirs`].

pub mod agent;
pub mod dirs;
mod file;
mod lsp;
mod target;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub use agent::{AgentSettings, ResolvedRole, Role, RoleSettings};
pub use file::{find_file, parse_file, read_file};
pub use lsp::from_lsp;
pub use target::{DEFAULT_TARGET, Source, Target, VersionSettings};

/// The configuration file bpy-lsp looks for in the workspace root and its ancestors.
pub const FILE_NAME: &str = "bpy-lsp.toml";
/// The environment variable with the target version.
pub const ENV_VERSION: &str = "BPY_LSP_BLENDER_VERSION";

/// Everything bpy-lsp can be told, resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Where the target version comes from (`.resolve()` picks it).
    pub target: VersionSettings,
    pub blender: crate::blender::Settings,
    pub render: RenderSettings,
    pub rag: RagSettings,
    pub agent: AgentSettings,
}

/// `[render]`: previews (`bpy-lsp.renderPreview`, `run --render`, the agent's critic).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RenderSettings {
    /// Views around the scene, 1 to 10.
    pub views: u32,
    /// Pixels per side.
    pub resolution: u32,
    /// Cycles samples.
    pub samples: u32,
}

impl Default for RenderSettings {
    fn default() -> Self {
        RenderSettings { views: 4, resolution: 256, samples: 16 }
    }
}

/// `[rag]`: BlenderRAG (examples in hover and completion, retrieval for the agent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RagSettings {
    pub enabled: bool,
}

impl Default for RagSettings {
    fn default() -> Self {
        RagSettings { enabled: true }
    }
}

/// The sections of a layer, typed: what a merged layer turns into.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Sections {
    blender: crate::blender::Settings,
    render: RenderSettings,
    rag: RagSettings,
    agent: AgentSettings,
}

/// One source's settings: a JSON object with the keys of bpy-lsp.toml, snake_case
/// (`{"blender_version": "4.2", "agent": {"base_url": "..."}}`), nothing null or empty.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layer(pub Map<String, Value>);

impl Layer {
    /// Set `path` ("blender.python", "agent.planner.model") unless `value` is None.
    pub fn set(&mut self, path: &str, value: Option<impl Into<Value>>) -> &mut Layer {
        let Some(value) = value else { return self };
        let mut obj = &mut self.0;
        let mut parts = path.split('.').peekable();
        while let Some(part) = parts.next() {
            if parts.peek().is_none() {
                obj.insert(part.to_string(), value.into());
                break;
            }
            let slot = obj.entry(part.to_string()).or_insert_with(|| Value::Object(Map::new()));
            if !slot.is_object() {
                *slot = Value::Object(Map::new());
            }
            let Value::Object(next) = slot else { break };
            obj = next;
        }
        self
    }

    /// The value at a dotted path.
    pub fn get(&self, path: &str) -> Option<&Value> {
        let mut parts = path.split('.');
        let mut v = self.0.get(parts.next()?)?;
        for part in parts {
            v = v.get(part)?;
        }
        Some(v)
    }

    /// The target version this layer asks for.
    pub fn version(&self) -> Option<String> {
        self.0.get("blender_version").and_then(Value::as_str).map(str::to_string)
    }

    /// Keys from a settings object as it came (camelCase or kebab-case keys, numbers for
    /// versions, nulls, blanks) into a layer; sections of the wrong type are dropped and
    /// reported as `"<origin>.<section>: <why>"`.
    pub fn from_value(value: Map<String, Value>, origin: &str, problems: &mut Vec<String>) -> Layer {
        let Value::Object(mut map) = clean(Value::Object(value)).unwrap_or(Value::Object(Map::new())) else {
            return Layer::default();
        };
        if let Some(v) = map.get_mut("blender_version") {
            match v {
                Value::String(_) => {}
                Value::Number(n) => *v = Value::String(n.to_string()),
                other => {
                    problems.push(format!("{origin}.blenderVersion must be a string such as \"4.2\", got {other}"));
                    map.remove("blender_version");
                }
            }
        }
        for section in ["blender", "render", "rag", "agent"] {
            let Some(v) = map.get(section) else { continue };
            let wrong = match section {
                "blender" => serde_json::from_value::<crate::blender::Settings>(v.clone()).err(),
                "render" => serde_json::from_value::<RenderSettings>(v.clone()).err(),
                "rag" => serde_json::from_value::<RagSettings>(v.clone()).err(),
                _ => serde_json::from_value::<AgentSettings>(v.clone()).err(),
            };
            if let Some(e) = wrong {
                problems.push(format!("{origin}.{section}: {e}"));
                map.remove(section);
            }
        }
        Layer(map)
    }

    /// The environment's layer (see the module comment for the variables).
    pub fn from_env(problems: &mut Vec<String>) -> Layer {
        Layer::from_env_with(&|name| std::env::var(name).ok(), problems)
    }

    fn from_env_with(env: &dyn Fn(&str) -> Option<String>, problems: &mut Vec<String>) -> Layer {
        let mut l = Layer::default();
        l.set("blender_version", env(ENV_VERSION));
        l.set("blender.path", env("BPY_LSP_BLENDER"));
        l.set("blender.python", env("BPY_LSP_BLENDER_PYTHON"));
        l.set("agent.provider", env("BPY_LSP_AGENT_PROVIDER"));
        l.set("agent.model", env("BPY_LSP_AGENT_MODEL"));
        l.set("agent.base_url", env("BPY_LSP_AGENT_BASE_URL"));
        if let Some(v) = env("BPY_LSP_RAG") {
            match v.trim().to_ascii_lowercase().as_str() {
                "off" | "0" | "false" | "no" => l.set("rag.enabled", Some(false)),
                "on" | "1" | "true" | "yes" | "" => l.set("rag.enabled", Some(true)),
                other => {
                    problems.push(format!("BPY_LSP_RAG must be on or off, got {other:?}"));
                    &mut l
                }
            };
        }
        Layer::from_value(l.0, "the environment", problems)
    }
}

/// Keys to snake_case (`baseUrl`, `base-url` -> `base_url`), strings trimmed; nulls, blank
/// strings and what becomes empty removed (they set nothing).
fn clean(v: Value) -> Option<Value> {
    match v {
        Value::Null => None,
        Value::String(s) => {
            let t = s.trim();
            (!t.is_empty()).then(|| Value::String(t.to_string()))
        }
        Value::Object(map) => {
            let out: Map<String, Value> = map
                .into_iter()
                .filter_map(|(k, v)| Some((snake_case(&k), clean(v)?)))
                .filter(|(_, v)| v.as_object().is_none_or(|o| !o.is_empty()))
                .collect();
            Some(Value::Object(out))
        }
        other => Some(other),
    }
}

fn snake_case(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    for c in key.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else if c == '-' {
            out.push('_');
        } else {
            out.push(c);
        }
    }
    out
}

/// `over` on top of `base`: objects merge key by key, anything else replaces.
fn merge(base: &mut Map<String, Value>, over: &Map<String, Value>) {
    for (k, v) in over {
        match (base.get_mut(k), v) {
            (Some(Value::Object(b)), Value::Object(o)) => merge(b, o),
            _ => {
                base.insert(k.clone(), v.clone());
            }
        }
    }
}

/// The layers of every source, kept apart so that one can change (a new didChangeConfiguration,
/// a Blender that connects) and the settings be resolved again.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sources {
    pub flags: Layer,
    pub lsp: Layer,
    /// bpy-lsp.toml and where it is.
    pub file: Option<(PathBuf, Layer)>,
    pub env: Layer,
    /// The connected Blender's version ("4.4.0").
    pub connected: Option<String>,
}

impl Sources {
    /// The flags and the environment; `problems` gets what was wrong with the environment.
    pub fn new(flags: Layer, problems: &mut Vec<String>) -> Sources {
        Sources { flags, env: Layer::from_env(problems), ..Default::default() }
    }

    /// Read the nearest bpy-lsp.toml from the first of `starts` that has one. A file that
    /// cannot be read or parsed is `Err` (with its path and line), and not used.
    pub fn read_file_near<P: AsRef<Path>>(&mut self, starts: &[P]) -> Result<(), String> {
        self.file = None;
        let Some(path) = starts.iter().find_map(|s| find_file(s.as_ref())) else { return Ok(()) };
        let layer = read_file(&path)?;
        self.file = Some((path, layer));
        Ok(())
    }

    /// The version each source asks for.
    pub fn versions(&self) -> VersionSettings {
        VersionSettings {
            flag: self.flags.version(),
            lsp: self.lsp.version(),
            file: self.file.as_ref().and_then(|(p, l)| Some((p.clone(), l.version()?))),
            env: self.env.version(),
            blender: self.connected.clone(),
        }
    }

    /// Every key by precedence, over the defaults.
    /// Whether any source (flags, LSP settings, bpy-lsp.toml, environment) sets `path`
    /// ("render.views"), as against the built-in default.
    pub fn is_set(&self, path: &str) -> bool {
        let file = self.file.as_ref().map(|(_, l)| l);
        [Some(&self.env), file, Some(&self.lsp), Some(&self.flags)].into_iter().flatten().any(|l| l.get(path).is_some())
    }

    pub fn resolve(&self) -> Settings {
        let mut merged = Map::new();
        let file = self.file.as_ref().map(|(_, l)| &l.0);
        for layer in [Some(&self.env.0), file, Some(&self.lsp.0), Some(&self.flags.0)].into_iter().flatten() {
            merge(&mut merged, layer);
        }
        // Every layer was checked section by section, so this cannot fail; if it did, the
        // defaults are the safe answer.
        let s: Sections = serde_json::from_value(Value::Object(merged)).unwrap_or_default();
        Settings { target: self.versions(), blender: s.blender, render: s.render, rag: s.rag, agent: s.agent }
    }
}

/// The settings of a command-line run: `flags`, the nearest bpy-lsp.toml of the first of
/// `near` that has one (then of the current directory), the environment. A broken
/// bpy-lsp.toml or a bad environment variable is an error here: a command reports it and stops.
pub fn for_cli<P: AsRef<Path>>(flags: Layer, near: &[P]) -> Result<Settings, String> {
    cli_sources(flags, near).map(|s| s.resolve())
}

/// The sources [`for_cli`] reads, for a command whose defaults depend on what was set
/// (see [`Sources::is_set`]).
pub fn cli_sources<P: AsRef<Path>>(flags: Layer, near: &[P]) -> Result<Sources, String> {
    let mut problems = Vec::new();
    let mut sources = Sources::new(flags, &mut problems);
    let mut starts: Vec<&Path> = near.iter().map(AsRef::as_ref).collect();
    starts.push(Path::new("."));
    sources.read_file_near(&starts)?;
    if let Some(p) = problems.into_iter().next() {
        return Err(p);
    }
    Ok(sources)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn layer(v: Value) -> Layer {
        let mut problems = Vec::new();
        let l = Layer::from_value(v.as_object().cloned().unwrap_or_default(), "test", &mut problems);
        assert_eq!(problems, Vec::<String>::new());
        l
    }

    #[test]
    fn one_precedence_per_key() {
        let sources = Sources {
            flags: layer(json!({"blender": {"python": "/flag/python"}})),
            lsp: layer(json!({"blender": {"python": "/lsp/python", "timeout": 5}, "render": {"views": 2}})),
            file: Some((
                PathBuf::from("/w/bpy-lsp.toml"),
                layer(json!({"blender_version": "4.2", "render": {"views": 6, "samples": 8}, "agent": {"model": "m"}})),
            )),
            env: layer(json!({"blender_version": "5.0", "blender": {"path": "/env/blender"}, "agent": {"model": "e"}})),
            connected: Some("4.5.1".into()),
        };
        let s = sources.resolve();
        assert_eq!(s.blender.python.as_deref(), Some(Path::new("/flag/python")));
        assert_eq!(s.blender.timeout, 5.0);
        assert_eq!(s.blender.blender.as_deref(), Some(Path::new("/env/blender")));
        assert_eq!(s.render, RenderSettings { views: 2, resolution: 256, samples: 8 });
        assert_eq!(s.agent.model.as_deref(), Some("m"));
        assert_eq!((s.agent.attempts, s.agent.rounds, s.agent.timeout_secs), (3, 2, 120.0));
        assert!(s.rag.enabled);
        let t = s.target.resolve();
        assert_eq!((t.version, t.source), ("4.2", Source::File));
        let mut only_connected = sources.clone();
        (only_connected.file, only_connected.env) = (None, Layer::default());
        assert_eq!(only_connected.resolve().target.resolve().source, Source::ConnectedBlender);
        assert_eq!(Sources::default().resolve().blender, crate::blender::Settings::default());
    }

    #[test]
    fn layers_from_loose_values() {
        let mut problems = Vec::new();
        let l = Layer::from_value(
            json!({"blenderVersion": 4.5, "agent": {"baseUrl": " http://h/v1 ", "apiKeyEnv": "", "coder": {"contextTokens": 4096}},
                   "render": {"views": "many"}, "blender": {"token": null}})
            .as_object()
            .cloned()
            .unwrap(),
            "bpyLsp",
            &mut problems,
        );
        assert_eq!(
            l.0,
            json!({"blender_version": "4.5", "agent": {"base_url": "http://h/v1", "coder": {"context_tokens": 4096}}})
                .as_object()
                .cloned()
                .unwrap()
        );
        assert_eq!(problems, ["bpyLsp.render: invalid type: string \"many\", expected u32"]);
    }

    #[test]
    fn environment_layer() {
        let vars = [("BPY_LSP_BLENDER_VERSION", "4.2"), ("BPY_LSP_BLENDER", ""), ("BPY_LSP_RAG", "off")];
        let env = |name: &str| vars.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string());
        let mut problems = Vec::new();
        let l = Layer::from_env_with(&env, &mut problems);
        assert_eq!(l.0, json!({"blender_version": "4.2", "rag": {"enabled": false}}).as_object().cloned().unwrap());
        let bad = |name: &str| (name == "BPY_LSP_RAG").then(|| "maybe".to_string());
        Layer::from_env_with(&bad, &mut problems);
        assert_eq!(problems, ["BPY_LSP_RAG must be on or off, got \"maybe\""]);
    }
}
