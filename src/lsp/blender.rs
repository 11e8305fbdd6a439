//! Glue between the LSP and `crate::blender`: the run/render commands, their progress,
//! log output, diagnostics and preview notification, settings, and the scene names that
//! completion offers. The work itself is in `crate::blender`.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use tower_lsp_server::Client;
use tower_lsp_server::jsonrpc::{Error as RpcError, ErrorCode, Result as RpcResult};
use tower_lsp_server::ls_types::notification::Notification;
use tower_lsp_server::ls_types::*;

use super::convert;
use super::session::Session;
use crate::analysis::Document;
use crate::blender::service::{Handle, RenderRequest, RunRequest, run_script};
use crate::blender::traceback::Located;
use crate::blender::{self, Blender, Connection, ExecuteResult, Settings, traceback};

pub const RUN_COMMAND: &str = "bpy-lsp.runInBlender";
pub const RENDER_COMMAND: &str = "bpy-lsp.renderPreview";
pub const START_COMMAND: &str = "bpy-lsp.blender.start";
pub const STOP_COMMAND: &str = "bpy-lsp.blender.stop";
pub const STATUS_COMMAND: &str = "bpy-lsp.blender.status";
/// Scene names are read again at most this often (and after every run).
const SCENE_REFRESH: Duration = Duration::from_secs(3);

/// `bpy/preview`: images rendered for a document.
pub enum Preview {}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PreviewParams {
    pub uri: Uri,
    pub images: Vec<PreviewImage>,
    /// The document version the render was made from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<i32>,
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

/// `bpy/status`: the object `bpy-lsp.blender.status` returns, whenever it changes.
pub enum Status {}

impl Notification for Status {
    type Params = Value;
    const METHOD: &'static str = "bpy/status";
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
    names: Mutex<Option<Names>>,
    refreshed: Mutex<Option<Instant>>,
    refreshing: AtomicBool,
    /// The last `bpy/status` sent.
    status_sent: Mutex<Option<Value>>,
    /// The agent's own headless Blender, started on first use: never the user's, because
    /// the agent runs every version on a fresh scene.
    pub(super) agent: tokio::sync::Mutex<Option<Blender>>,
}

impl LiveBlender {
    pub fn new(settings: Settings) -> LiveBlender {
        let blender = Blender::new(settings);
        let handle = blender.handle();
        LiveBlender {
            blender: tokio::sync::Mutex::new(blender),
            handle,
            names: Mutex::new(None),
            refreshed: Mutex::new(None),
            refreshing: AtomicBool::new(false),
            status_sent: Mutex::new(None),
            agent: tokio::sync::Mutex::new(None),
        }
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

    pub async fn refresh_now(&self) {
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
        // A generation that runs keeps its Blender (it is killed with the server at exit).
        if let Ok(mut agent) = self.agent.try_lock()
            && let Some(b) = agent.as_mut()
        {
            b.shutdown().await;
        }
    }

    /// The pid of the headless Blender the server started (tests, status).
    pub async fn managed_pid(&self) -> Option<u32> {
        self.blender.lock().await.managed_pid()
    }
}

/// `bpy-lsp.renderPreview`'s render: `[render]` of the settings, over which the command's
/// argument `{"views", "resolution", "samples"}` goes (the workflow clamps them).
fn render_request(session: &Session, arg: Option<&Value>) -> RenderRequest {
    let mut r = RenderRequest::from_settings(&session.settings().render, None);
    let get = |k: &str| arg.and_then(|a| a.get(k)).and_then(Value::as_u64).map(|v| v.min(u32::MAX as u64) as u32);
    r.views = get("views").unwrap_or(r.views);
    r.resolution = get("resolution").unwrap_or(r.resolution);
    r.samples = get("samples").unwrap_or(r.samples);
    r
}

pub(super) fn failed(message: String) -> RpcError {
    RpcError { code: ErrorCode::ServerError(-32803), message: message.into(), data: None }
}

/// The document URI of a command: `[uri, ...]` or `[{"uri", ...}]`.
pub fn uri_argument(params: &ExecuteCommandParams) -> RpcResult<Uri> {
    params
        .arguments
        .first()
        .and_then(|a| a.as_str().or_else(|| a.get("uri").and_then(Value::as_str)))
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| RpcError::invalid_params("the first argument must be the document URI"))
}

/// `bpy-lsp.runInBlender` / `bpy-lsp.renderPreview`: [uri] or [{"uri", "views"?, ...}]
/// (the render options also as a second argument, as before).
pub async fn run_command(
    client: Client,
    session: Arc<Session>,
    params: ExecuteCommandParams,
    render: bool,
) -> RpcResult<Option<Value>> {
    let uri = uri_argument(&params)?;
    let Some(snap) = session.snapshot(&uri) else {
        return Err(RpcError::invalid_params(format!("{} is not open", uri.as_str())));
    };
    let version = session.lint.current(&uri).map(|(v, _)| v);
    let options = params.arguments.get(1).or_else(|| params.arguments.first().filter(|a| a.is_object()));
    let live = &session.blender;
    let title = if render { "Rendering in Blender" } else { "Running in Blender" };
    let progress = session
        .progress
        .begin(&client, params.work_done_progress_params.work_done_token.clone(), title, Some(display_name(&uri)))
        .await;

    let filename = uri.to_file_path().map_or_else(|| uri.as_str().to_string(), |p| p.to_string_lossy().into_owned());
    let render_req = render.then(|| render_request(&session, options));
    // Another command may hold Blender (a run, a render): a cancel ends the wait too.
    let mut blender = tokio::select! {
        b = live.blender.lock() => b,
        _ = progress.cancel.cancelled() => {
            progress.end("cancelled").await;
            return Err(RpcError::request_cancelled());
        }
    };
    let req = RunRequest {
        code: snap.doc.text().to_string(),
        file_name: filename.clone(),
        fresh: false,
        time_limit: Some(blender.settings().timeout).filter(|t| *t > 0.0 && t.is_finite()).map(Duration::from_secs_f64),
        render: render_req,
    };
    let report = run_script(&mut blender, &req, &progress.cancel).await;
    drop(blender);
    let report = match report {
        Ok(r) => r,
        Err(blender::Error::Cancelled) => {
            progress.end("cancelled").await;
            return Err(RpcError::request_cancelled());
        }
        Err(e) => {
            let message = format!("bpy-lsp: cannot run in Blender: {e}");
            client.log_message(MessageType::ERROR, &message).await;
            progress.end("failed").await;
            return Err(failed(message));
        }
    };
    if let Some(names) = report.scene_names.clone() {
        *lock(&live.names) = Some(Arc::new(names));
        *lock(&live.refreshed) = Some(Instant::now());
    }
    if let Some(p) = &report.problem {
        client.log_message(MessageType::WARNING, format!("bpy-lsp: {p}")).await;
    }
    let result = &report.result;
    log_output(&client, &uri, &report.address, result).await;
    let diagnostics =
        report.located.as_ref().map(|l| diagnostics(&snap.doc, snap.encoding, l, &uri)).unwrap_or_default();
    let line = diagnostics.first().map(|d| d.range.start.line);
    session.set_blender_diagnostics(&uri, diagnostics);
    client.publish_diagnostics(uri.clone(), session.diagnostics(&uri), None).await;

    if let Some(e) = &report.render_error {
        client.log_message(MessageType::ERROR, format!("bpy-lsp: render failed: {e}")).await;
    }
    let images: Vec<PreviewImage> = report
        .images
        .iter()
        .map(|i| PreviewImage { path: i.path.clone(), view: i.view, width: i.width, height: i.height })
        .collect();
    if !images.is_empty() {
        client.send_notification::<Preview>(PreviewParams { uri: uri.clone(), images: images.clone(), version }).await;
    }
    let summary = match &result.error {
        None if report.render_error.is_some() => "ran; render failed".to_string(),
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
        "images": images,
        "renderError": report.render_error,
        "version": version,
    })))
}

/// The object of `bpy-lsp.blender.status` and `bpy/status` (CONTRACT.md).
pub fn status(session: &Session) -> Value {
    let conn = session.blender.handle.current();
    let (connection, version, address) = match conn.as_deref() {
        None => ("none", None, None),
        Some(Connection::Bridge(c)) => {
            let h = c.hello();
            let mode = if h.mode == "gui" { "gui" } else { "headless" };
            (mode, Some(h.blender_version.clone()).filter(|v| !v.is_empty()), Some(c.address().to_string()))
        }
        // blender-mcp and LL3M add-ons run inside a GUI Blender and do not say their version.
        Some(Connection::Legacy(l)) => ("gui", None, Some(l.address().to_string())),
    };
    let target = session.target();
    json!({
        "connection": connection,
        "version": version,
        "address": address,
        "target": target.version,
        "targetSource": target.source.to_string(),
    })
}

/// Send `bpy/status` if it differs from the last one sent.
pub async fn publish_status(client: &Client, session: &Session) {
    let now = status(session);
    {
        let mut sent = lock(&session.blender.status_sent);
        if sent.as_ref() == Some(&now) {
            return;
        }
        *sent = Some(now.clone());
    }
    client.send_notification::<Status>(now).await;
}

/// `bpy-lsp.blender.status`: what is connected now (never connects).
pub async fn status_command(
    client: Client,
    session: Arc<Session>,
    _: ExecuteCommandParams,
) -> RpcResult<Option<Value>> {
    publish_status(&client, &session).await;
    Ok(Some(status(&session)))
}

/// `bpy-lsp.blender.start`: attach to a running Blender, else start a headless one.
pub async fn start_command(
    client: Client,
    session: Arc<Session>,
    params: ExecuteCommandParams,
) -> RpcResult<Option<Value>> {
    let progress = session
        .progress
        .begin(&client, params.work_done_progress_params.work_done_token.clone(), "Starting Blender", None)
        .await;
    let connected = {
        let mut b = session.blender.blender.lock().await;
        tokio::select! {
            c = b.connect() => Some(c),
            _ = progress.cancel.cancelled() => None,
        }
    };
    match connected {
        None => {
            progress.end("cancelled").await;
            return Err(RpcError::request_cancelled());
        }
        Some(Err(e)) => {
            progress.end("failed").await;
            let message = format!("bpy-lsp: cannot start Blender: {e}");
            client.log_message(MessageType::ERROR, &message).await;
            return Err(failed(message));
        }
        Some(Ok(c)) => progress.end(format!("connected to {}", c.address())).await,
    }
    session.blender.refresh_now().await;
    follow_connected(&client, &session).await;
    Ok(Some(status(&session)))
}

/// The connected Blender's version (none after a stop) as the target's last source, then
/// `bpy/status`.
///
/// Always through `retarget`, even when the version is already in the settings: the startup
/// attach may have put it there and still be retargeting, and `retarget` waits for it, so the
/// status this command answers never shows the target from before (seen in CI under load).
async fn follow_connected(client: &Client, session: &Arc<Session>) {
    let version = session.blender.blender_version();
    session.edit_versions(|v| v.blender = version);
    super::diagnostics::retarget(client, session).await;
    publish_status(client, session).await;
}

/// `bpy-lsp.blender.stop`: stop the headless Blender bpy-lsp started; detach from a GUI one
/// (which keeps running).
pub async fn stop_command(client: Client, session: Arc<Session>, _: ExecuteCommandParams) -> RpcResult<Option<Value>> {
    session.blender.shutdown().await;
    *lock(&session.blender.names) = None;
    follow_connected(&client, &session).await;
    Ok(Some(status(&session)))
}

pub(super) fn display_name(uri: &Uri) -> String {
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
pub fn diagnostics(doc: &Document, enc: convert::Encoding, loc: &Located, uri: &Uri) -> Vec<Diagnostic> {
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
        message: loc.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        ..Default::default()
    }]
}
