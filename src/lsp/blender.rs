//! Glue between the LSP and `crate::blender`: the run/render commands, their progress,
//! log output, diagnostics and preview notification, settings, and the scene names that
//! completion offers. The work itself is in `crate::blender`.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use tower_lsp_server::Client;
use tower_lsp_server::jsonrpc::{Error as RpcError, ErrorCode, Result as RpcResult};
use tower_lsp_server::ls_types::notification::Notification;
use tower_lsp_server::ls_types::request::WorkDoneProgressCreate;
use tower_lsp_server::ls_types::*;

use super::convert;
use super::session::Session;
use crate::analysis::Document;
use crate::blender::service::Handle;
use crate::blender::{self, Blender, Connection, ExecuteParams, ExecuteResult, RenderParams, Settings, traceback};

pub const RUN_COMMAND: &str = "bpy-lsp.runInBlender";
pub const RENDER_COMMAND: &str = "bpy-lsp.renderPreview";
pub const COMMANDS: [&str; 2] = [RUN_COMMAND, RENDER_COMMAND];
/// Scene names are read again at most this often (and after every run).
const SCENE_REFRESH: Duration = Duration::from_secs(3);

/// `bpy/preview`: images rendered for a document.
pub enum Preview {}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PreviewParams {
    pub uri: Uri,
    pub images: Vec<PreviewImage>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PreviewImage {
    pub path: String,
    pub view: u32,
    pub width: u32,
    pub height: u32,
}

impl Notification for Preview {
    type Params = PreviewParams;
    const METHOD: &'static str = "bpy/preview";
}

type Names = Arc<HashMap<String, Vec<String>>>;

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The server's Blender: one at a time runs; the connection and the scene names can be
/// read without waiting for a run.
pub struct LiveBlender {
    blender: tokio::sync::Mutex<Blender>,
    handle: Handle,
    progress: AtomicBool,
    names: Mutex<Option<Names>>,
    refreshed: Mutex<Option<Instant>>,
    refreshing: AtomicBool,
    next_token: AtomicU64,
}

impl LiveBlender {
    pub fn new(settings: Settings) -> LiveBlender {
        let blender = Blender::new(settings);
        let handle = blender.handle();
        LiveBlender {
            blender: tokio::sync::Mutex::new(blender),
            handle,
            progress: AtomicBool::new(false),
            names: Mutex::new(None),
            refreshed: Mutex::new(None),
            refreshing: AtomicBool::new(false),
            next_token: AtomicU64::new(1),
        }
    }

    pub fn set_progress_supported(&self, yes: bool) {
        self.progress.store(yes, Ordering::Relaxed);
    }

    /// New `[blender]` settings (`lsp::settings` resolved them).
    pub async fn configure(&self, settings: Settings) {
        let mut b = self.blender.lock().await;
        b.set_settings(settings).await;
    }

    /// The version of the connected Blender ("4.4.0"), if one is connected over the bridge.
    pub fn blender_version(&self) -> Option<String> {
        let conn = self.handle.current()?;
        match &*conn {
            Connection::Bridge(c) => Some(c.hello().blender_version.clone()).filter(|v| !v.is_empty()),
            _ => None,
        }
    }

    /// The names in the connected Blender's scene by item type, if a Blender is connected.
    pub fn scene_names(&self) -> Option<Names> {
        self.handle.current()?;
        lock(&self.names).clone()
    }

    /// Read the scene again in the background when the names are older than a few seconds.
    /// Never waits: completion uses what is cached.
    pub fn refresh_if_stale(self: &Arc<Self>) {
        let fresh = lock(&self.refreshed).is_some_and(|t| t.elapsed() < SCENE_REFRESH);
        if fresh || self.handle.current().is_none() || self.refreshing.swap(true, Ordering::AcqRel) {
            return;
        }
        let me = self.clone();
        tokio::spawn(async move {
            me.refresh_now().await;
            me.refreshing.store(false, Ordering::Release);
        });
    }

    async fn refresh_now(&self) {
        let Some(conn) = self.handle.current() else { return };
        let Connection::Bridge(client) = &*conn else { return };
        if let Ok(info) = client.get_scene_info_all().await {
            *lock(&self.names) = Some(Arc::new(info.names_by_type()));
        }
        *lock(&self.refreshed) = Some(Instant::now());
    }

    /// Connect to a Blender that already runs (never starts one), then read its scene.
    pub async fn attach(&self) {
        let found = {
            let mut b = self.blender.lock().await;
            b.attach().await
        };
        if found {
            self.refresh_now().await;
        }
    }

    pub async fn shutdown(&self) {
        self.blender.lock().await.shutdown().await;
    }

    /// The pid of the headless Blender the server started (tests, status).
    pub async fn managed_pid(&self) -> Option<u32> {
        self.blender.lock().await.managed_pid()
    }
}

/// Render options of `bpy-lsp.renderPreview`'s optional second argument.
fn render_params(arg: Option<&Value>) -> RenderParams {
    let mut p = RenderParams { views: 4, resolution: 256, ..Default::default() };
    let get = |k: &str| arg.and_then(|a| a.get(k)).and_then(Value::as_u64).map(|v| v.min(u32::MAX as u64) as u32);
    if let Some(v) = get("views") {
        p.views = v.clamp(1, 8);
    }
    if let Some(v) = get("resolution") {
        p.resolution = v.clamp(8, 4096);
    }
    if let Some(v) = get("samples") {
        p.samples = v.max(1);
    }
    if let Some(e) = arg.and_then(|a| a.get("engine")).and_then(Value::as_str) {
        p.engine = e.to_string();
    }
    p
}

struct Progress<'a> {
    client: &'a Client,
    token: Option<ProgressToken>,
}

impl Progress<'_> {
    async fn send(&self, value: WorkDoneProgress) {
        if let Some(token) = &self.token {
            let params = ProgressParams { token: token.clone(), value: ProgressParamsValue::WorkDone(value) };
            self.client.send_notification::<notification::Progress>(params).await;
        }
    }

    async fn end(&self, message: String) {
        self.send(WorkDoneProgress::End(WorkDoneProgressEnd { message: Some(message) })).await;
    }
}

fn failed(message: String) -> RpcError {
    RpcError { code: ErrorCode::ServerError(-32803), message: message.into(), data: None }
}

/// `bpy-lsp.runInBlender` / `bpy-lsp.renderPreview` with the document URI as argument.
pub async fn execute_command(
    client: &Client,
    session: &Session,
    params: ExecuteCommandParams,
) -> RpcResult<Option<Value>> {
    let render = match params.command.as_str() {
        RUN_COMMAND => false,
        RENDER_COMMAND => true,
        other => return Err(RpcError::invalid_params(format!("unknown command {other}"))),
    };
    let uri: Uri = params
        .arguments
        .first()
        .and_then(|a| a.as_str().or_else(|| a.get("uri").and_then(Value::as_str)))
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| RpcError::invalid_params("the first argument must be the document URI"))?;
    let Some(snap) = session.snapshot(&uri) else {
        return Err(RpcError::invalid_params(format!("{} is not open", uri.as_str())));
    };
    let live = &session.blender;

    // Progress: the client's token, else one we create when the client supports that.
    let mut token = params.work_done_progress_params.work_done_token.clone();
    if token.is_none() && live.progress.load(Ordering::Relaxed) {
        let t = ProgressToken::String(format!("bpy-lsp/blender/{}", live.next_token.fetch_add(1, Ordering::Relaxed)));
        let created = client.send_request::<WorkDoneProgressCreate>(WorkDoneProgressCreateParams { token: t.clone() });
        if let Ok(Ok(())) = tokio::time::timeout(Duration::from_secs(5), created).await {
            token = Some(t);
        }
    }
    let progress = Progress { client, token };
    let title = if render { "Rendering in Blender" } else { "Running in Blender" };
    progress
        .send(WorkDoneProgress::Begin(WorkDoneProgressBegin {
            title: title.into(),
            message: Some(display_name(&uri)),
            ..Default::default()
        }))
        .await;

    let filename = uri.to_file_path().map_or_else(|| uri.as_str().to_string(), |p| p.to_string_lossy().into_owned());
    let code = snap.doc.text().to_string();
    let mut exec = ExecuteParams::new(code.clone(), filename.clone());
    let mut blender = live.blender.lock().await;
    exec.timeout = Some(blender.settings().timeout).filter(|t| *t > 0.0);
    let result = blender.run(&exec).await;
    let result = match result {
        Ok(r) => r,
        Err(e) => {
            drop(blender);
            let message = format!("bpy-lsp: cannot run in Blender: {e}");
            client.log_message(MessageType::ERROR, &message).await;
            progress.end("failed".into()).await;
            return Err(failed(message));
        }
    };
    let connected_to = blender.handle().current().map(|c| c.address().to_string()).unwrap_or_default();
    let problem = blender.last_problem.take();
    if let Ok(Some(info)) = blender.scene_info().await {
        *lock(&live.names) = Some(Arc::new(info.names_by_type()));
        *lock(&live.refreshed) = Some(Instant::now());
    }
    let mut images = Vec::new();
    let mut render_error = None;
    if render && result.ok {
        progress
            .send(WorkDoneProgress::Report(WorkDoneProgressReport {
                message: Some("rendering".into()),
                ..Default::default()
            }))
            .await;
        match blender.render(&render_params(params.arguments.get(1))).await {
            Ok(r) => images = r.images,
            Err(e) => render_error = Some(e.to_string()),
        }
    }
    drop(blender);

    if let Some(p) = problem {
        client.log_message(MessageType::WARNING, format!("bpy-lsp: {p}")).await;
    }
    log_output(client, &uri, &connected_to, &result).await;
    let diagnostics = diagnostics(&snap.doc, snap.encoding, &result, &filename, &uri);
    let line = diagnostics.first().map(|d| d.range.start.line);
    session.set_blender_diagnostics(&uri, diagnostics);
    client.publish_diagnostics(uri.clone(), session.diagnostics(&uri), None).await;

    if let Some(e) = &render_error {
        client.log_message(MessageType::ERROR, format!("bpy-lsp: render failed: {e}")).await;
    }
    if !images.is_empty() {
        let images: Vec<PreviewImage> = images
            .iter()
            .map(|i| PreviewImage { path: i.path.clone(), view: i.view, width: i.width, height: i.height })
            .collect();
        client.send_notification::<Preview>(PreviewParams { uri: uri.clone(), images }).await;
    }
    let summary = match &result.error {
        None if render_error.is_some() => "ran; render failed".to_string(),
        None => format!("done in {:.2} s", result.duration),
        Some(e) => traceback::headline(e),
    };
    progress.end(summary).await;
    Ok(Some(json!({
        "ok": result.ok,
        "stdout": result.stdout,
        "stderr": result.stderr,
        "duration": result.duration,
        "error": result.error.as_ref().map(|e| json!({"type": e.kind, "message": e.message, "line": line})),
        "images": images.iter().map(|i| json!({"path": i.path, "view": i.view, "width": i.width, "height": i.height})).collect::<Vec<_>>(),
        "renderError": render_error,
    })))
}

fn display_name(uri: &Uri) -> String {
    uri.as_str().rsplit('/').next().unwrap_or(uri.as_str()).to_string()
}

async fn log_output(client: &Client, uri: &Uri, address: &str, r: &ExecuteResult) {
    let name = display_name(uri);
    let status = if r.ok { "ok" } else { "error" };
    client
        .log_message(MessageType::INFO, format!("[blender {address}] ran {name}: {status} in {:.3} s", r.duration))
        .await;
    if !r.stdout.is_empty() {
        client.log_message(MessageType::LOG, format!("[blender stdout]\n{}", r.stdout.trim_end())).await;
    }
    if !r.stderr.is_empty() {
        client.log_message(MessageType::WARNING, format!("[blender stderr]\n{}", r.stderr.trim_end())).await;
    }
    if let Some(e) = &r.error {
        let text = if e.formatted.is_empty() { traceback::headline(e) } else { e.formatted.trim_end().to_string() };
        client.log_message(MessageType::ERROR, format!("[blender error]\n{text}")).await;
    }
}

/// The `blender` diagnostics of a run: the error on its line, callers as related places.
pub fn diagnostics(
    doc: &Document,
    enc: convert::Encoding,
    r: &ExecuteResult,
    filename: &str,
    uri: &Uri,
) -> Vec<Diagnostic> {
    let Some(loc) = blender::traceback::locate(r, filename, doc.text()) else {
        return Vec::new();
    };
    let related: Vec<DiagnosticRelatedInformation> = loc
        .related
        .iter()
        .map(|(_, range, what)| DiagnosticRelatedInformation {
            location: Location { uri: uri.clone(), range: convert::range(doc, range.clone(), enc) },
            message: what.clone(),
        })
        .collect();
    vec![Diagnostic {
        range: convert::range(doc, loc.range.clone(), enc),
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some("blender".into()),
        message: loc.message,
        related_information: (!related.is_empty()).then_some(related),
        ..Default::default()
    }]
}
