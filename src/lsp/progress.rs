//! Work-done progress for commands that take time: the client's `workDoneToken`, else one we
//! create (`window/workDoneProgress/create`) when the client supports it; cancellable with
//! `window/workDoneProgress/cancel`, which fires the command's `CancellationToken`.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio_util::sync::CancellationToken;
use tower_lsp_server::Client;
use tower_lsp_server::ls_types::request::WorkDoneProgressCreate;
use tower_lsp_server::ls_types::*;

fn key(t: &ProgressToken) -> String {
    match t {
        ProgressToken::Number(n) => format!("n:{n}"),
        ProgressToken::String(s) => format!("s:{s}"),
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The progress tokens in flight and their cancellation tokens.
#[derive(Default)]
pub struct Registry {
    supported: AtomicBool,
    next: AtomicU64,
    running: Arc<Mutex<HashMap<String, CancellationToken>>>,
}

impl Registry {
    pub fn set_supported(&self, yes: bool) {
        self.supported.store(yes, Ordering::Relaxed);
    }

    /// `window/workDoneProgress/cancel`: cancel that command (an unknown token is ignored:
    /// the command may just have ended).
    pub fn cancel(&self, token: &ProgressToken) {
        if let Some(c) = lock(&self.running).get(&key(token)) {
            c.cancel();
        }
    }

    /// Begin progress `title` for a command; `client_token` is its `workDoneToken`.
    pub async fn begin(
        &self,
        client: &Client,
        client_token: Option<ProgressToken>,
        title: &str,
        message: Option<String>,
    ) -> Progress {
        let mut token = client_token;
        if token.is_none() && self.supported.load(Ordering::Relaxed) {
            let t = ProgressToken::String(format!("bpy-lsp/{}", self.next.fetch_add(1, Ordering::Relaxed) + 1));
            let created =
                client.send_request::<WorkDoneProgressCreate>(WorkDoneProgressCreateParams { token: t.clone() });
            if let Ok(Ok(())) = tokio::time::timeout(Duration::from_secs(5), created).await {
                token = Some(t);
            }
        }
        let cancel = CancellationToken::new();
        if let Some(t) = &token {
            lock(&self.running).insert(key(t), cancel.clone());
        }
        let p = Progress { client: client.clone(), token, cancel, running: self.running.clone() };
        p.send(WorkDoneProgress::Begin(WorkDoneProgressBegin {
            title: title.into(),
            message,
            cancellable: Some(true),
            ..Default::default()
        }))
        .await;
        p
    }
}

/// One command's progress. Ends (and forgets its token) when dropped without `end`.
pub struct Progress {
    client: Client,
    token: Option<ProgressToken>,
    pub cancel: CancellationToken,
    running: Arc<Mutex<HashMap<String, CancellationToken>>>,
}

impl Progress {
    async fn send(&self, value: WorkDoneProgress) {
        if let Some(token) = &self.token {
            let params = ProgressParams { token: token.clone(), value: ProgressParamsValue::WorkDone(value) };
            self.client.send_notification::<notification::Progress>(params).await;
        }
    }

    pub async fn report(&self, message: impl Into<String>) {
        self.send(WorkDoneProgress::Report(WorkDoneProgressReport {
            message: Some(message.into()),
            ..Default::default()
        }))
        .await;
    }

    pub async fn end(&self, message: impl Into<String>) {
        self.send(WorkDoneProgress::End(WorkDoneProgressEnd { message: Some(message.into()) })).await;
        if let Some(t) = &self.token {
            lock(&self.running).remove(&key(t));
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(t) = &self.token {
            lock(&self.running).remove(&key(t));
        }
    }
}
