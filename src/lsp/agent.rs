//! Glue between the LSP and `crate::agent`: the commands behind "Generate asset from
//! comment" and "Refine with agent". Reads the request from the document (`agent::ask`),
//! runs the loop (`agent::pipeline`) in the agent's own headless Blender with cancellable
//! `$/progress`, sends the renders as `bpy/preview`, and applies the code with one versioned
//! `workspace/applyEdit` (one undo), only after it ran in Blender without error and only
//! when the document has not changed since: otherwise the session's `draft.py` is offered.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use serde::Deserialize;
use serde_json::{Value, json};
use tokio::sync::mpsc;
use tower_lsp_server::Client;
use tower_lsp_server::jsonrpc::{Error as RpcError, Result as RpcResult};
use tower_lsp_server::ls_types::request::{ApplyWorkspaceEdit, ShowDocument};
use tower_lsp_server::ls_types::*;

use super::blender::{Preview, PreviewImage, PreviewParams, display_name, failed};
use super::convert;
use super::session::{Session, Snapshot};
use crate::agent::pipeline::{self, Options, Outcome};
use crate::agent::progress::{Event, Progress as AgentProgress, Sink};
use crate::agent::{ask, session as sessions};
use crate::analysis::edit::{DocumentEdit, TextEdit as PlainEdit};
use crate::blender::Blender;

pub const GENERATE_COMMAND: &str = "bpy-lsp.generate";
pub const REFINE_COMMAND: &str = "bpy-lsp.refine";

#[derive(Deserialize)]
struct GenerateArg {
    uri: Uri,
    /// 0-based line of the comment.
    line: u32,
}

#[derive(Deserialize)]
struct RefineArg {
    uri: Uri,
    range: Range,
    instruction: Option<String>,
}

fn argument<T: for<'de> Deserialize<'de>>(params: &ExecuteCommandParams, shape: &str) -> RpcResult<T> {
    let arg = params.arguments.first().cloned().unwrap_or(Value::Null);
    serde_json::from_value(arg)
        .map_err(|e| RpcError::invalid_params(format!("{}: the argument must be {shape} ({e})", params.command)))
}

fn open_snapshot(session: &Session, uri: &Uri) -> RpcResult<Snapshot> {
    session.snapshot(uri).ok_or_else(|| RpcError::invalid_params(format!("{} is not open", uri.as_str())))
}

/// What one command asks of the loop, and where its code goes.
struct Job {
    title: &'static str,
    request: String,
    refine: Option<String>,
    base_code: Option<String>,
    /// The byte range the code replaces (empty: inserted) and the text around it.
    replace: std::ops::Range<usize>,
    before: String,
    after: String,
    indent: String,
}

/// `bpy-lsp.generate` `[{uri, line}]`: make what the comment at `line` describes.
pub async fn generate_command(
    client: Client,
    session: Arc<Session>,
    params: ExecuteCommandParams,
) -> RpcResult<Option<Value>> {
    let arg: GenerateArg = argument(&params, "{uri, line}")?;
    let snap = open_snapshot(&session, &arg.uri)?;
    let g = ask::generate(&snap.doc, arg.line as usize).map_err(failed)?;
    let job = Job {
        title: "Generating asset",
        request: g.request,
        refine: None,
        base_code: None,
        replace: g.insert_at..g.insert_at,
        before: g.before.to_string(),
        after: g.after.to_string(),
        indent: String::new(),
    };
    run_job(client, session, &params, arg.uri, snap, job).await
}

/// `bpy-lsp.refine` `[{uri, range, instruction?}]`: change the selected lines as told (the
/// instruction, else a `# refine:` comment in or above them).
pub async fn refine_command(
    client: Client,
    session: Arc<Session>,
    params: ExecuteCommandParams,
) -> RpcResult<Option<Value>> {
    let arg: RefineArg = argument(&params, "{uri, range, instruction?}")?;
    let snap = open_snapshot(&session, &arg.uri)?;
    let offset = |p| convert::offset(&snap.doc, p, snap.encoding);
    let (Some(start), Some(end)) = (offset(arg.range.start), offset(arg.range.end)) else {
        return Err(RpcError::invalid_params("the range is outside the document"));
    };
    let r = ask::refine(&snap.doc, start, end, arg.instruction.as_deref()).map_err(failed)?;
    let job = Job {
        title: "Refining with agent",
        request: String::new(),
        refine: Some(r.instruction),
        base_code: Some(r.code),
        replace: r.replace,
        before: String::new(),
        after: String::new(),
        indent: r.indent,
    };
    run_job(client, session, &params, arg.uri, snap, job).await
}

/// Where the sessions of a document go: its workspace's `.bpy-lsp/sessions`, else the
/// user data dir.
fn sessions_root(uri: &Uri) -> RpcResult<PathBuf> {
    let workspace = uri.to_file_path().and_then(|p| sessions::find_workspace(p.parent()?));
    sessions::sessions_root(workspace.as_deref())
        .ok_or_else(|| failed("no directory for agent sessions (no workspace and HOME is not set)".into()))
}

/// Forwards the loop's progress lines to the task that sends `$/progress`.
struct Lines(mpsc::UnboundedSender<String>);

impl Sink for Lines {
    fn report(&self, event: &Event) {
        let _ = self.0.send(event.line());
    }
}

async fn run_job(
    client: Client,
    session: Arc<Session>,
    params: &ExecuteCommandParams,
    uri: Uri,
    snap: Snapshot,
    job: Job,
) -> RpcResult<Option<Value>> {
    let config = session.settings();
    let provider = crate::agent::choose_provider(&config.agent).map_err(|e| failed(format!("bpy-lsp: {e}")))?;
    let filename = uri.to_file_path().map_or_else(|| uri.as_str().to_string(), |p| p.to_string_lossy().into_owned());
    let mut opts = Options::from_settings(&config, provider, job.request.clone(), sessions_root(&uri)?, filename);
    opts.refine = job.refine.clone();
    opts.base_code = job.base_code.clone();
    let what = job.refine.as_deref().unwrap_or(&job.request);
    let headline: String = what.chars().take(80).collect();
    let progress = session
        .progress
        .begin(&client, params.work_done_progress_params.work_done_token.clone(), job.title, Some(headline))
        .await;
    client.log_message(MessageType::INFO, format!("[agent] {} in {}: {what}", job.title, display_name(&uri))).await;

    let db = session.db();
    let rag = match opts.provider {
        pipeline::ProviderChoice::Offline => None,
        pipeline::ProviderChoice::Model(_) => session.rag.get().cloned(),
    };
    let (tx, mut rx) = mpsc::unbounded_channel();
    let sink = Lines(tx);
    let agent_progress = AgentProgress::new(&sink);
    let mut agent_blender = session.blender.agent.lock().await;
    let mut own = config.blender.clone();
    (own.private, own.address, own.token) = (true, None, None);
    match agent_blender.as_mut() {
        Some(b) => b.set_settings(own).await,
        None => *agent_blender = Some(Blender::new(own)),
    }
    let Some(blender) = agent_blender.as_mut() else { return Err(failed("no Blender for the agent".into())) };
    let result = {
        let cx = pipeline::Context {
            db: &db,
            rag: rag.as_deref(),
            blender,
            progress: &agent_progress,
            cancel: &progress.cancel,
        };
        let work = pipeline::generate(&opts, cx);
        tokio::pin!(work);
        loop {
            tokio::select! {
                r = &mut work => break r,
                Some(line) = rx.recv() => forward(&client, &progress, line).await,
            }
        }
    };
    drop(agent_blender);
    while let Ok(line) = rx.try_recv() {
        forward(&client, &progress, line).await;
    }
    let outcome = match result {
        Ok(o) => o,
        Err(pipeline::Error::Cancelled { session: id }) => {
            progress.end("cancelled").await;
            let kept = id.map(|s| format!(" (session {s} keeps what was done)")).unwrap_or_default();
            client.log_message(MessageType::INFO, format!("[agent] cancelled{kept}; the document is unchanged")).await;
            return Err(RpcError::request_cancelled());
        }
        Err(e) => {
            let message = format!("bpy-lsp: {e}");
            client.log_message(MessageType::ERROR, format!("[agent] {message}")).await;
            progress.end("failed").await;
            return Err(failed(message));
        }
    };
    let (applied, message) = apply(&client, &session, &uri, &snap, &job, &outcome).await;
    // Sent after the edit, with the version that holds it: the renders show the code now in
    // the document, so the editor does not mark the preview stale.
    let version = if applied { version_after_edit(&session, &uri, &snap).await } else { snap.version };
    send_previews(&client, &uri, &outcome, version).await;
    client.log_message(MessageType::INFO, format!("[agent] {message}")).await;
    progress.end(if applied { "applied" } else { "not applied" }).await;
    let stats = &outcome.stats;
    Ok(Some(json!({
        "session": outcome.session,
        "applied": applied,
        "draft": outcome.draft,
        "message": message,
        "provider": outcome.provider,
        "notices": outcome.notices,
        "images": outcome.renders.iter().map(|(p, _, _)| p).collect::<Vec<_>>(),
        "blenderRuns": stats.blender_runs,
        "modelCalls": stats.model_calls,
        "gateFixes": stats.gate_fixes,
    })))
}

/// The document's version once the applied edit's didChange has arrived (it may come just
/// after the applyEdit answer); the old version if it does not come within a second.
async fn version_after_edit(session: &Session, uri: &Uri, before: &Snapshot) -> Option<i32> {
    for _ in 0..50 {
        if let Some(now) = session.snapshot(uri).filter(|now| now.doc.text() != before.doc.text()) {
            return now.version;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    before.version
}

async fn forward(client: &Client, progress: &super::progress::Progress, line: String) {
    client.log_message(MessageType::LOG, format!("[agent] {line}")).await;
    progress.report(line).await;
}

async fn send_previews(client: &Client, uri: &Uri, outcome: &Outcome, version: Option<i32>) {
    let images: Vec<PreviewImage> = outcome
        .renders
        .iter()
        .enumerate()
        .map(|(i, (path, w, h))| PreviewImage {
            path: path.to_string_lossy().into_owned(),
            view: i as u32,
            width: *w,
            height: *h,
        })
        .collect();
    if !images.is_empty() {
        client.send_notification::<Preview>(PreviewParams { uri: uri.clone(), images, version }).await;
    }
}

/// Put the code in the document with one versioned edit, unless the document changed
/// since the command started: then offer the draft instead. (applied, message)
async fn apply(
    client: &Client,
    session: &Session,
    uri: &Uri,
    snap: &Snapshot,
    job: &Job,
    outcome: &Outcome,
) -> (bool, String) {
    let lines = outcome.code.lines().count();
    let unchanged = session.snapshot(uri).is_some_and(|now| now.doc.text() == snap.doc.text());
    if unchanged {
        let text = format!("{}{}{}", job.before, ask::indented(&outcome.code, &job.indent), job.after);
        let edit = DocumentEdit::new(snap.version, vec![PlainEdit::replace(job.replace.clone(), text)]);
        let edit = convert::workspace_edit(&snap.doc, uri, &edit, snap.encoding);
        let label = Some(format!("bpy-lsp: {}", job.title.to_lowercase()));
        match client.send_request::<ApplyWorkspaceEdit>(ApplyWorkspaceEditParams { edit, label }).await {
            Ok(r) if r.applied => {
                return (
                    true,
                    format!("{} ({lines} lines, ran in Blender without error; {})", outcome.message, outcome.provider),
                );
            }
            Ok(r) => {
                let why = r.failure_reason.unwrap_or_else(|| "the editor refused the edit".into());
                return offer_draft(client, outcome, &why).await;
            }
            Err(e) => {
                return offer_draft(client, outcome, &format!("the edit could not be applied ({})", e.message)).await;
            }
        }
    }
    offer_draft(client, outcome, "the document changed while the agent worked, so it was not overwritten").await
}

async fn offer_draft(client: &Client, outcome: &Outcome, why: &str) -> (bool, String) {
    if let Some(draft) = Uri::from_file_path(&outcome.draft) {
        let show = ShowDocumentParams { uri: draft, external: None, take_focus: Some(false), selection: None };
        let _ = client.send_request::<ShowDocument>(show).await;
    }
    (false, format!("{why}: the result is in {}", outcome.draft.display()))
}
