//! Lint diagnostics as you type: debounced after each change, computed off the async
//! threads, published only if the document has not changed since (tied to its version),
//! and merged with the other sources the session keeps (the last run in Blender).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use tower_lsp_server::Client;
use tower_lsp_server::ls_types::{Diagnostic, DiagnosticSeverity, MessageType, NumberOrString, Uri};

use super::convert;
use super::session::{Session, Snapshot};
use crate::analysis::lint::{Linter, Registrations, Severity};

/// Long enough to skip the keystrokes of a word, short enough to feel immediate.
pub const DEBOUNCE: Duration = Duration::from_millis(120);

#[derive(Default)]
pub struct LintState {
    /// Per document: the client's version and a counter bumped by every change.
    versions: Mutex<HashMap<Uri, (i32, u64)>>,
    published: Mutex<HashMap<Uri, Vec<Diagnostic>>>,
    /// Operators and properties the workspace registers (scanned once at start).
    registrations: RwLock<Registrations>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl LintState {
    /// Record a change; returns the generation a scheduled lint must still match.
    pub fn changed(&self, uri: &Uri, version: i32) -> u64 {
        let mut v = lock(&self.versions);
        let entry = v.entry(uri.clone()).or_insert((version, 0));
        entry.0 = version;
        entry.1 += 1;
        entry.1
    }

    pub fn current(&self, uri: &Uri) -> Option<(i32, u64)> {
        lock(&self.versions).get(uri).copied()
    }

    /// A new generation without a change (the target changed): lints scheduled before are
    /// dropped. None when the document is not open.
    pub fn bump(&self, uri: &Uri) -> Option<u64> {
        let mut v = lock(&self.versions);
        let entry = v.get_mut(uri)?;
        entry.1 += 1;
        Some(entry.1)
    }

    pub fn closed(&self, uri: &Uri) {
        lock(&self.versions).remove(uri);
        lock(&self.published).remove(uri);
    }

    pub fn lint_diagnostics(&self, uri: &Uri) -> Vec<Diagnostic> {
        lock(&self.published).get(uri).cloned().unwrap_or_default()
    }

    pub fn set_registrations(&self, r: Registrations) {
        *self.registrations.write().unwrap_or_else(|e| e.into_inner()) = r;
    }

    /// The workspace's registrations plus the document's own.
    pub fn registrations_with(&self, text: &str) -> Registrations {
        let mut r = self.registrations.read().unwrap_or_else(|e| e.into_inner()).clone();
        r.scan(text);
        r
    }
}

/// Lint one snapshot into LSP diagnostics.
pub fn compute(snap: &Snapshot, registered: &Registrations) -> Vec<Diagnostic> {
    let linter = Linter::new(&snap.db, registered, snap.hints());
    linter
        .lint(&snap.doc)
        .into_iter()
        .map(|d| Diagnostic {
            range: convert::range(&snap.doc, d.range.clone(), snap.encoding),
            severity: Some(match d.severity {
                Severity::Error => DiagnosticSeverity::ERROR,
                Severity::Hint => DiagnosticSeverity::HINT,
            }),
            code: Some(NumberOrString::String(d.code.as_str().to_string())),
            source: Some("bpy-lsp".to_string()),
            message: d.message,
            data: d.fix.map(|f| serde_json::json!({"title": f.title, "replacement": f.replacement()})),
            ..Default::default()
        })
        .collect()
}

/// Lint `uri` after the debounce, unless another change comes first; then publish the
/// lint diagnostics merged with the session's other sources.
pub fn schedule(client: Client, session: Arc<Session>, uri: Uri, generation: u64) {
    tokio::spawn(async move {
        tokio::time::sleep(DEBOUNCE).await;
        if session.lint.current(&uri).map(|(_, g)| g) != Some(generation) {
            return; // a newer change will lint
        }
        let Some(snap) = session.snapshot(&uri) else { return };
        // The document's registrations too are read off the protocol thread (a scan of its text).
        let lint_session = session.clone();
        let Ok(diags) = tokio::task::spawn_blocking(move || {
            let registered = lint_session.lint.registrations_with(snap.doc.text());
            compute(&snap, &registered)
        })
        .await
        else {
            return; // a panic in the linter: keep the previous diagnostics
        };
        let Some((version, g)) = session.lint.current(&uri) else { return };
        if g != generation {
            return;
        }
        lock(&session.lint.published).insert(uri.clone(), diags);
        publish(&client, &session, uri, Some(version)).await;
    });
}

/// Compute the target Blender version again from the session's settings (change them first,
/// with `Session::edit_versions`, before any await, so that the latest settings win whatever
/// order these tasks run in); when the target changes, lint every open document again. One
/// at a time; a version bpy-lsp has no database of is shown to the user (4.4 is used instead).
pub async fn retarget(client: &Client, session: &Arc<Session>) {
    let _one_at_a_time = session.retargeting.lock().await;
    let s = session.clone();
    // Loading a database takes a moment: off the async threads.
    let Ok(Some(r)) = tokio::task::spawn_blocking(move || s.update_versions(|_| {})).await else { return };
    if let Some(problem) = &r.problem {
        let message = format!("bpy-lsp: {problem}; using Blender {}", r.to);
        client.show_message(MessageType::WARNING, message).await;
    }
    if !r.changed() {
        return;
    }
    client.log_message(MessageType::INFO, format!("bpy-lsp: targeting Blender {} (was {})", r.to, r.from)).await;
    for uri in session.open_documents() {
        if let Some(generation) = session.lint.bump(&uri) {
            schedule(client.clone(), session.clone(), uri, generation);
        }
    }
}

/// Publish every source's diagnostics of `uri`.
pub async fn publish(client: &Client, session: &Session, uri: Uri, version: Option<i32>) {
    client.publish_diagnostics(uri.clone(), session.diagnostics(&uri), version).await;
}

/// Scan the workspace's Python files for registrations, in the background.
pub fn scan_workspace(session: Arc<Session>, roots: Vec<std::path::PathBuf>) {
    tokio::task::spawn_blocking(move || {
        let mut r = Registrations::default();
        let files = crate::check::python_files(&roots);
        for f in files.iter().take(20_000) {
            if let Ok(text) = std::fs::read_to_string(f) {
                r.scan(&text);
            }
        }
        session.lint.set_registrations(r);
    });
}
