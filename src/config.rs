//! Which Blender version the code targets, from every place it can be set, in one place.
//!
//! Precedence, first set wins: the `--blender-version` flag, the LSP settings
//! (`bpyLsp.blenderVersion`), `bpy-lsp.toml` (`blender-version = "4.2"`, in the workspace root
//! or an ancestor of the checked path), the `BPY_LSP_BLENDER_VERSION` environment variable,
//! the connected Blender's version, else 4.4. A version without a built-in database gives a
//! message and falls back to 4.4.

use std::fmt;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::api;

/// The configuration file bpy-lsp looks for in the workspace root and its ancestors.
pub const FILE_NAME: &str = "bpy-lsp.toml";
/// The environment variable with the target version.
pub const ENV_VERSION: &str = "BPY_LSP_BLENDER_VERSION";
/// The target when nothing says otherwise.
pub const DEFAULT_TARGET: &str = api::DEFAULT_VERSION;

/// Where the target version came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Flag,
    LspSettings,
    File,
    Env,
    ConnectedBlender,
    Default,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Source::Flag => "--blender-version",
            Source::LspSettings => "the LSP setting bpyLsp.blenderVersion",
            Source::File => FILE_NAME,
            Source::Env => ENV_VERSION,
            Source::ConnectedBlender => "the connected Blender",
            Source::Default => "the default",
        })
    }
}

/// Every place a target version can come from; `None` where it is not set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VersionSettings {
    pub flag: Option<String>,
    pub lsp: Option<String>,
    /// The version in `bpy-lsp.toml` and the file it came from.
    pub file: Option<(PathBuf, String)>,
    pub env: Option<String>,
    pub blender: Option<String>,
}

/// The version to target, where it came from, and a problem with what was asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// A built-in version: "4.2", "4.4", "4.5", "5.0".
    pub version: &'static str,
    pub source: Source,
    /// Set when the requested version has no database (the target is then 4.4).
    /// "no API database for Blender 3.6 (from bpy-lsp.toml); available: 4.2, 4.4, 4.5, 5.0"
    pub problem: Option<String>,
}

impl VersionSettings {
    /// The environment's part: `BPY_LSP_BLENDER_VERSION`.
    pub fn with_env(mut self) -> VersionSettings {
        self.env = std::env::var(ENV_VERSION).ok().map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        self
    }

    /// The requested version by precedence, if any is set.
    pub fn requested(&self) -> Option<(&str, Source)> {
        let file = self.file.as_ref().map(|(_, v)| v);
        [
            (self.flag.as_ref(), Source::Flag),
            (self.lsp.as_ref(), Source::LspSettings),
            (file, Source::File),
            (self.env.as_ref(), Source::Env),
            (self.blender.as_ref(), Source::ConnectedBlender),
        ]
        .into_iter()
        .find_map(|(v, s)| Some((v?.as_str(), s)))
    }

    /// The target: the first version set, if bpy-lsp has its database; else 4.4.
    pub fn resolve(&self) -> Target {
        let default = Target { version: DEFAULT_TARGET, source: Source::Default, problem: None };
        let Some((requested, source)) = self.requested() else { return default };
        match api::resolve_version(requested) {
            Some(version) => Target { version, source, problem: None },
            None => {
                let from = match (source, &self.file) {
                    (Source::File, Some((path, _))) => path.display().to_string(),
                    _ => source.to_string(),
                };
                Target {
                    problem: Some(format!(
                        "no API database for Blender {requested} (from {from}); available: {}",
                        api::available_versions().join(", ")
                    )),
                    ..default
                }
            }
        }
    }
}

/// The nearest `bpy-lsp.toml` in `start` (a directory, or a file's directory) or its ancestors.
pub fn find_file(start: &Path) -> Option<PathBuf> {
    let start = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
    let dir = if start.is_file() { start.parent()?.to_path_buf() } else { start };
    dir.ancestors().map(|d| d.join(FILE_NAME)).find(|f| f.is_file())
}

/// The target version in a `bpy-lsp.toml`: `Ok(None)` when the file does not set one.
pub fn read_file(path: &Path) -> Result<Option<String>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    parse_file(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The `blender-version` of a `bpy-lsp.toml` (top level, or in a `[bpy-lsp]` table).
///
/// bpy-lsp reads only this key, so this is a small TOML reader: `key = "string"` or
/// `key = 4.2` lines, `#` comments and `[table]` headers; other keys are ignored.
pub fn parse_file(text: &str) -> Result<Option<String>, String> {
    let mut table = String::new();
    let mut found = None;
    for (i, line) in text.lines().enumerate() {
        let line = strip_comment(line).trim();
        if line.is_empty() {
            continue;
        }
        if let Some(rest) = line.strip_prefix('[') {
            table = rest.trim_end_matches(']').trim().trim_matches('"').to_string();
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            return Err(format!("line {}: expected `key = value`", i + 1));
        };
        let key = key.trim().trim_matches('"');
        if !matches!(table.as_str(), "" | "bpy-lsp" | "tool.bpy-lsp")
            || !matches!(key, "blender-version" | "blender_version")
        {
            continue;
        }
        let value = value.trim();
        let unquoted = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')));
        let version = match unquoted {
            Some(v) => v.trim(),
            None if value.parse::<f64>().is_ok() => value,
            None => return Err(format!("line {}: {key} must be a string such as \"4.2\", got {value}", i + 1)),
        };
        found = Some(version.to_string());
    }
    Ok(found)
}

/// The line without a `#` comment (a `#` inside quotes is kept).
fn strip_comment(line: &str) -> &str {
    let mut quote = None;
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '#') => return &line[..i],
            _ => {}
        }
    }
    line
}

/// The target version in LSP settings (initializationOptions or didChangeConfiguration):
/// `{"bpyLsp": {"blenderVersion": "4.2"}}`, the section alone `{"blenderVersion": "4.2"}`, or
/// the flat key `{"bpyLsp.blenderVersion": "4.2"}`, like the `bpyLsp.blender.*` settings.
///
/// `None`: the settings do not mention it (another tool's settings change nothing);
/// `Some(None)`: it is cleared (null or empty), so the next source decides.
pub fn version_from_settings(value: &Value) -> Option<Option<String>> {
    let v = value
        .pointer("/bpyLsp/blenderVersion")
        .or_else(|| value.get("blenderVersion"))
        .or_else(|| value.get("bpyLsp.blenderVersion"))?;
    Some(match v {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn settings(
        flag: Option<&str>,
        lsp: Option<&str>,
        file: Option<&str>,
        env: Option<&str>,
        b: Option<&str>,
    ) -> Target {
        VersionSettings {
            flag: flag.map(Into::into),
            lsp: lsp.map(Into::into),
            file: file.map(|v| (PathBuf::from("/w/bpy-lsp.toml"), v.into())),
            env: env.map(Into::into),
            blender: b.map(Into::into),
        }
        .resolve()
    }

    #[test]
    fn precedence() {
        let all = [Some("4.2"), Some("4.5"), Some("5.0"), Some("4.4"), Some("4.2.3")];
        assert_eq!(settings(all[0], all[1], all[2], all[3], all[4]).source, Source::Flag);
        assert_eq!(settings(None, all[1], all[2], all[3], all[4]).version, "4.5");
        assert_eq!(settings(None, None, all[2], all[3], all[4]).version, "5.0");
        assert_eq!(settings(None, None, None, Some("4.2"), all[4]).source, Source::Env);
        let t = settings(None, None, None, None, Some("4.2.3"));
        assert_eq!((t.version, t.source), ("4.2", Source::ConnectedBlender));
        assert_eq!(
            settings(None, None, None, None, None),
            Target { version: "4.4", source: Source::Default, problem: None }
        );
    }

    #[test]
    fn unknown_version_falls_back() {
        let t = settings(None, None, Some("3.6"), Some("4.2"), None);
        assert_eq!(t.version, "4.4");
        assert_eq!(
            t.problem.as_deref(),
            Some("no API database for Blender 3.6 (from /w/bpy-lsp.toml); available: 4.2, 4.4, 4.5, 5.0")
        );
    }

    #[test]
    fn reads_the_file() {
        assert_eq!(parse_file("blender-version = \"4.2\"  # LTS\n"), Ok(Some("4.2".into())));
        assert_eq!(parse_file("# x\nblender_version = '5.0'\n"), Ok(Some("5.0".into())));
        assert_eq!(parse_file("[bpy-lsp]\nblender-version = 4.5\n"), Ok(Some("4.5".into())));
        assert_eq!(parse_file("[other]\nblender-version = \"4.5\"\n"), Ok(None));
        assert_eq!(parse_file("name = \"#x\"\n"), Ok(None));
        assert!(parse_file("blender-version = [4]\n").is_err());
        assert!(parse_file("what\n").is_err());
    }

    #[test]
    fn reads_lsp_settings() {
        assert_eq!(version_from_settings(&json!({"bpyLsp": {"blenderVersion": "4.2"}})), Some(Some("4.2".into())));
        assert_eq!(version_from_settings(&json!({"blenderVersion": "5.0"})), Some(Some("5.0".into())));
        assert_eq!(version_from_settings(&json!({"bpyLsp.blenderVersion": "4.5"})), Some(Some("4.5".into())));
        assert_eq!(version_from_settings(&json!({"bpyLsp": {"blenderVersion": null}})), Some(None));
        assert_eq!(version_from_settings(&json!({"bpyLsp": {"blender": {"path": "/b"}}})), None);
        assert_eq!(version_from_settings(&Value::Null), None);
    }
}
