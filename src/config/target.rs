//! Which Blender version the code targets: the version each source asks for, and the one
//! that wins (the precedence of `config`, with the connected Blender's version before the
//! default). A version without a built-in database gives a message and falls back to 4.4.

use std::fmt;
use std::path::PathBuf;

use super::{ENV_VERSION, FILE_NAME};
use crate::api;

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
