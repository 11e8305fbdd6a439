//! The server's side of `config`: `initialize` and `workspace/didChangeConfiguration` replace
//! a layer of the session's sources, and the parts that read settings get the result.

use std::path::PathBuf;

use serde_json::Value;

use super::session::Session;
use crate::config::{self, Settings, VersionSettings};

/// Copy what the sources ask for into the session's versions, keeping the connected
/// Blender's version (the session learns that one itself).
fn copy_versions(v: &mut VersionSettings, from: &VersionSettings) {
    let blender = v.blender.take();
    *v = VersionSettings { blender, ..from.clone() };
}

/// At `initialize`: the workspace's bpy-lsp.toml and the initializationOptions. Returns the
/// problems to show the user once the client is initialized. Nothing is loaded yet, so this
/// is quick.
pub async fn initialize(session: &Session, roots: &[PathBuf], options: Option<&Value>) -> Vec<String> {
    let mut problems = Vec::new();
    let settings = {
        let mut sources = session.sources.lock().unwrap_or_else(|e| e.into_inner());
        if let Err(e) = sources.read_file_near(roots) {
            problems.push(format!("bpy-lsp: {e} (the file is not used)"));
        }
        if let Some((layer, wrong)) = options.and_then(config::from_lsp) {
            sources.lsp = layer;
            problems.extend(wrong.into_iter().map(|p| format!("bpy-lsp: {p}")));
        }
        sources.resolve()
    };
    let r = session.update_versions(|v| copy_versions(v, &settings.target));
    if let Some(problem) = r.and_then(|r| r.problem.map(|p| format!("bpy-lsp: {p}; using Blender {}", r.to))) {
        problems.push(problem);
    }
    session.blender.configure(settings.blender).await;
    problems
}

/// What a `didChangeConfiguration` changed.
pub struct Changed {
    pub settings: Settings,
    /// The target version's sources changed: lint again (`diagnostics::retarget`).
    pub retarget: bool,
    pub problems: Vec<String>,
}

/// New LSP settings: `None` when they hold nothing of bpy-lsp. The versions are recorded
/// here, before any await, so that the latest notification wins.
pub fn changed(session: &Session, value: &Value) -> Option<Changed> {
    let (layer, problems) = config::from_lsp(value)?;
    let settings = {
        let mut sources = session.sources.lock().unwrap_or_else(|e| e.into_inner());
        sources.lsp = layer;
        sources.resolve()
    };
    let mut retarget = false;
    session.edit_versions(|v| {
        let before = v.clone();
        copy_versions(v, &settings.target);
        retarget = *v != before;
    });
    let problems = problems.into_iter().map(|p| format!("bpy-lsp: {p}")).collect();
    Some(Changed { settings, retarget, problems })
}
