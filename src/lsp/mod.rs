//! The only place that knows LSP: the server, position conversion, one file per request.

pub mod blender;
pub mod commands;
pub mod convert;
mod diagnostics;
pub mod progress;
mod requests;
mod server;
pub mod session;
mod settings;
pub mod transport;

use std::sync::Arc;

use tower_lsp_server::{LspService, Server as Transport};

use crate::analysis::Usage;
use crate::api::ApiDb;
use server::Server;
use session::Session;

/// Serve LSP over stdin/stdout until the client exits. With `fixed` (`--api-db`) the server
/// uses that database alone; else it targets the version that `sources` (flags and the
/// environment) and the client's settings say (see `config`).
pub async fn serve_stdio(fixed: Option<Arc<ApiDb>>, sources: crate::config::Sources, usage: Arc<Usage>) {
    let session = Arc::new(match fixed {
        Some(db) => Session::new(db, usage, sources),
        None => Session::targeting(usage, sources),
    });
    let (service, socket) = LspService::build(move |client| Server::new(client, session.clone()))
        .custom_method("bpy/debugPanic", Server::debug_panic)
        .custom_method("window/workDoneProgress/cancel", Server::progress_cancel)
        .finish();
    let serve = |input, output| Transport::new(input, output, socket).serve(service);
    match transport::stdout_file() {
        Ok(stdout) => transport::serve(tokio::io::stdin(), transport::InPlaceWriter(stdout), serve).await,
        Err(_) => transport::serve(tokio::io::stdin(), tokio::io::stdout(), serve).await,
    }
}
