//! The LanguageServer implementation: thin glue from LSP methods to `requests/*`.
//! Every request runs on a blocking thread over a snapshot; a panic there becomes an
//! error answer to that request alone.

use std::sync::Arc;

use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use super::convert::Encoding;
use super::diagnostics;
use super::requests;
use super::session::{Session, Snapshot};
use crate::analysis::document::MAX_PARSED_BYTES;

/// Requests on documents up to this size run on the protocol thread (see `Server::run`):
/// about 25,000 lines, where a completion still takes about a millisecond.
const RUN_IN_PLACE_BYTES: usize = 1 << 20;

pub struct Server {
    client: Client,
    session: Arc<Session>,
    /// Problems with the settings of `initialize`, shown once the client is initialized.
    pending: std::sync::Mutex<Vec<String>>,
    /// Documents the user was told are too large to analyse (told once per document).
    told_too_large: std::sync::Mutex<std::collections::HashSet<Uri>>,
}

impl Server {
    pub fn new(client: Client, session: Arc<Session>) -> Server {
        Server { client, session, pending: Default::default(), told_too_large: Default::default() }
    }

    /// A document over the parse limit gets no diagnostics, completion or hover (they answer
    /// empty): say so once, rather than leave the user waiting for diagnostics.
    async fn tell_if_too_large(&self, uri: &Uri, len: usize) {
        if len <= MAX_PARSED_BYTES {
            return;
        }
        if !self.told_too_large.lock().unwrap_or_else(|e| e.into_inner()).insert(uri.clone()) {
            return;
        }
        let name = uri.as_str().rsplit('/').next().unwrap_or(uri.as_str());
        let message = format!(
            "bpy-lsp: {name} is {:.1} MiB, more than the {} MiB bpy-lsp analyses: no diagnostics, completion or hover for it",
            len as f64 / (1024.0 * 1024.0),
            MAX_PARSED_BYTES >> 20
        );
        self.client.show_message(MessageType::WARNING, message).await;
    }

    /// Run `f` on a snapshot of the document. No document: no answer. A panic in `f`
    /// answers this request with an error.
    ///
    /// On a document of normal size `f` runs right here: a request takes well under a
    /// millisecond, less than handing it to another thread and back (two thread wake-ups).
    /// On a large one it runs on the blocking pool, so that the protocol thread stays free
    /// for other messages (cancellation, edits) meanwhile.
    async fn run<R: Send + 'static>(
        &self,
        name: &'static str,
        uri: &Uri,
        f: impl FnOnce(Snapshot) -> Option<R> + Send + 'static,
    ) -> Result<Option<R>> {
        let Some(snap) = self.session.snapshot(uri) else {
            return Ok(None);
        };
        let outcome = if snap.doc.text().len() <= RUN_IN_PLACE_BYTES {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || f(snap))).map_err(Some)
        } else {
            tokio::task::spawn_blocking(move || f(snap))
                .await
                .map_err(|e| if e.is_panic() { Some(e.into_panic()) } else { None })
        };
        match outcome {
            Ok(r) => Ok(r),
            Err(Some(panic)) => {
                let msg = panic_message(panic);
                self.client.log_message(MessageType::ERROR, format!("bpy-lsp: {name} failed: {msg}")).await;
                Err(Error {
                    code: ErrorCode::InternalError,
                    message: format!("{name} failed: {msg}").into(),
                    data: None,
                })
            }
            Err(None) => Err(Error::request_cancelled()),
        }
    }

    /// A test hook: panics inside a request, to check that the server survives it.
    /// Only answers when the server was started with BPY_LSP_DEBUG_PANIC=1.
    pub async fn debug_panic(&self, params: TextDocumentIdentifier) -> Result<Option<()>> {
        if std::env::var("BPY_LSP_DEBUG_PANIC").as_deref() != Ok("1") {
            return Err(Error::method_not_found());
        }
        self.run("bpy/debugPanic", &params.uri, |_| -> Option<()> { panic!("requested by bpy/debugPanic") }).await
    }

    /// `window/workDoneProgress/cancel`: cancel the command behind that progress.
    pub async fn progress_cancel(&self, params: WorkDoneProgressCancelParams) {
        self.session.progress.cancel(&params.token);
    }
}

/// Open BlenderRAG off the async threads, put it in the session and log the outcome once
/// (`window/logMessage`). Until then, and if it fails, hover and completion have no examples.
/// `bpyLsp.rag.enabled = false` (or `BPY_LSP_RAG=off`, see `config`) leaves it closed.
fn open_rag(client: Client, session: Arc<Session>) {
    if !session.settings().rag.enabled {
        return;
    }
    tokio::spawn(async move {
        let db = session.db();
        let started = std::time::Instant::now();
        let opened =
            tokio::task::spawn_blocking(move || crate::rag::open_for_server(&db, &crate::rag::CacheLocation::Default))
                .await;
        let (level, message) = match opened {
            Ok(Ok((rag, notes))) => {
                let origin = match rag.origin() {
                    crate::rag::Origin::Cached { .. } => "from the cache",
                    crate::rag::Origin::Built { .. } => "built and cached",
                    crate::rag::Origin::Memory { .. } => "built in memory",
                };
                let mut message = format!(
                    "bpy-lsp: BlenderRAG ready in {} ms ({} documents, {origin})",
                    started.elapsed().as_millis(),
                    rag.num_docs()
                );
                for note in &notes {
                    message.push_str("; ");
                    message.push_str(note);
                }
                let _ = session.rag.set(Arc::new(rag));
                (if notes.is_empty() { MessageType::INFO } else { MessageType::WARNING }, message)
            }
            Ok(Err(e)) => {
                (MessageType::ERROR, format!("bpy-lsp: BlenderRAG unavailable (no examples in hover): {e:#}"))
            }
            Err(e) => {
                let why = if e.is_panic() { panic_message(e.into_panic()) } else { "cancelled".to_string() };
                (MessageType::ERROR, format!("bpy-lsp: BlenderRAG unavailable (no examples in hover): {why}"))
            }
        };
        client.log_message(level, message).await;
    });
}

/// The connected Blender's version is the target when nothing else sets one.
async fn follow_connected_blender(client: &Client, session: &Arc<Session>) {
    let version = session.blender.blender_version();
    if session.blender_version_known(&version) {
        super::blender::publish_status(client, session).await;
        return;
    }
    session.edit_versions(|v| v.blender = version);
    diagnostics::retarget(client, session).await;
    super::blender::publish_status(client, session).await;
}

fn panic_message(p: Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".to_string()
    }
}

impl LanguageServer for Server {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let offered = params.capabilities.general.as_ref().and_then(|g| g.position_encodings.as_deref());
        let enc = Encoding::negotiate(offered);
        self.session.set_encoding(enc);
        #[allow(deprecated)]
        let root_uri = params.root_uri.iter();
        let roots: Vec<std::path::PathBuf> = params
            .workspace_folders
            .iter()
            .flatten()
            .map(|f| &f.uri)
            .chain(root_uri)
            .filter_map(|u| u.to_file_path().map(|p| p.into_owned()))
            .collect();
        let problems = super::settings::initialize(&self.session, &roots, params.initialization_options.as_ref()).await;
        self.pending.lock().unwrap_or_else(|e| e.into_inner()).extend(problems);
        diagnostics::scan_workspace(self.session.clone(), roots);
        let progress = params.capabilities.window.as_ref().and_then(|w| w.work_done_progress).unwrap_or(false);
        self.session.progress.set_supported(progress);
        Ok(InitializeResult {
            server_info: Some(ServerInfo { name: "bpy-lsp".into(), version: Some(env!("CARGO_PKG_VERSION").into()) }),
            capabilities: ServerCapabilities {
                position_encoding: Some(enc.kind()),
                text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    ..Default::default()
                })),
                completion_provider: Some(CompletionOptions {
                    trigger_characters: Some([".", "'", "\"", "[", "(", ","].iter().map(|s| s.to_string()).collect()),
                    resolve_provider: Some(true),
                    ..Default::default()
                }),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                    code_action_kinds: Some(requests::code_action::kinds()),
                    ..Default::default()
                })),
                signature_help_provider: Some(SignatureHelpOptions {
                    trigger_characters: Some(vec!["(".into(), ",".into()]),
                    retrigger_characters: Some(vec![",".into(), "=".into()]),
                    ..Default::default()
                }),
                execute_command_provider: Some(ExecuteCommandOptions {
                    commands: super::commands::names(),
                    ..Default::default()
                }),
                code_lens_provider: Some(CodeLensOptions { resolve_provider: Some(false) }),
                ..Default::default()
            },
            ..Default::default()
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let pending = std::mem::take(&mut *self.pending.lock().unwrap_or_else(|e| e.into_inner()));
        for message in pending {
            self.client.show_message(MessageType::WARNING, message).await;
        }
        let session = self.session.clone();
        let Ok(target) = tokio::task::spawn_blocking(move || session.target()).await else { return };
        self.client
            .log_message(
                MessageType::INFO,
                format!(
                    "bpy-lsp {} ready, Blender {} API (target {} from {})",
                    env!("CARGO_PKG_VERSION"),
                    target.db.version,
                    target.version,
                    target.source
                ),
            )
            .await;
        // A Blender that already runs (a GUI one with the bridge): its scene names, and its
        // version as the target when nothing else sets one.
        let (client, session) = (self.client.clone(), self.session.clone());
        tokio::spawn(async move {
            session.blender.attach().await;
            follow_connected_blender(&client, &session).await;
        });
        open_rag(self.client.clone(), self.session.clone());
    }

    async fn shutdown(&self) -> Result<()> {
        let stop = self.session.blender.shutdown();
        let _ = tokio::time::timeout(std::time::Duration::from_secs(5), stop).await;
        Ok(())
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        // Recorded now, in the order the notifications came; the target is computed in the background.
        let Some(changed) = super::settings::changed(&self.session, &params.settings) else { return };
        if changed.retarget {
            let (client, session) = (self.client.clone(), self.session.clone());
            tokio::spawn(async move {
                diagnostics::retarget(&client, &session).await;
                super::blender::publish_status(&client, &session).await;
            });
        }
        for problem in changed.problems {
            self.client.show_message(MessageType::WARNING, problem).await;
        }
        self.session.blender.configure(changed.settings.blender).await;
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        let result = super::commands::execute(self.client.clone(), self.session.clone(), params).await;
        // A command may have connected a Blender (or started or stopped one).
        let (client, session) = (self.client.clone(), self.session.clone());
        tokio::spawn(async move { follow_connected_blender(&client, &session).await });
        result
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        let uri = params.text_document.uri;
        let u = uri.clone();
        self.run("code lens", &uri, move |s| requests::code_lens::handle(s, &u)).await
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let uri = params.text_document.uri;
        let len = params.text_document.text.len();
        self.session.open(uri.clone(), params.text_document.text);
        let generation = self.session.lint.changed(&uri, params.text_document.version);
        diagnostics::schedule(self.client.clone(), self.session.clone(), uri.clone(), generation);
        self.tell_if_too_large(&uri, len).await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        // Applied before any await, so that edits keep their order.
        let uri = params.text_document.uri;
        let result = self.session.change(&uri, params.content_changes);
        let generation = self.session.lint.changed(&uri, params.text_document.version);
        diagnostics::schedule(self.client.clone(), self.session.clone(), uri.clone(), generation);
        match result {
            Ok(len) => self.tell_if_too_large(&uri, len).await,
            Err(problem) => self.client.log_message(MessageType::WARNING, format!("bpy-lsp: {problem}")).await,
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        self.session.close(&uri);
        self.session.lint.closed(&uri);
        self.client.publish_diagnostics(uri, Vec::new(), None).await;
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let uri = params.text_document_position.text_document.uri.clone();
        self.session.blender.refresh_if_stale();
        let session = self.session.clone();
        self.run("completion", &uri, move |s| requests::completion::handle(s, params, &session.last_completion)).await
    }

    async fn completion_resolve(&self, item: CompletionItem) -> Result<CompletionItem> {
        let rag = self.session.rag.get().cloned();
        Ok(requests::completion::resolve(&self.session.last_completion, &self.session.db(), rag.as_deref(), item))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri.clone();
        let session = self.session.clone();
        self.run("code action", &uri, move |s| {
            let registered = session.lint.registrations_with(s.doc.text());
            requests::code_action::handle(s, params, registered)
        })
        .await
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let uri = params.text_document_position_params.text_document.uri.clone();
        let rag = self.session.rag.get().cloned();
        self.run("hover", &uri, move |s| requests::hover::handle(s, params, rag.as_deref())).await
    }

    async fn signature_help(&self, params: SignatureHelpParams) -> Result<Option<SignatureHelp>> {
        let uri = params.text_document_position_params.text_document.uri.clone();
        self.run("signature help", &uri, move |s| requests::signature_help::handle(s, params)).await
    }
}
