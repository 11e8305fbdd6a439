//! The only place that knows LSP: the server, position conversion, one file per request.

pub mod agent;
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
/// environment) and the client's settings say (see `config`). Returns how the session ended,
/// for the exit status.
pub async fn serve_stdio(
    fixed: Option<Arc<ApiDb>>,
    sources: crate::config::Sources,
    usage: Arc<Usage>,
) -> transport::Ending {
    quiet_panics();
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

/// Panics in a request are caught and answered (see `server`); the default hook would also
/// print a backtrace when RUST_BACKTRACE is set, and symbolising one reads the binary's
/// debug information into memory that stays (over 100 MiB with full debug info) in a
/// process that runs for hours. This hook logs the message and where it happened instead.
/// `BPY_LSP_BACKTRACE=1` keeps the default hook, for debugging.
fn quiet_panics() {
    if std::env::var_os("BPY_LSP_BACKTRACE").is_some_and(|v| v == "1") {
        return;
    }
    std::panic::set_hook(Box::new(|info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".to_string());
        let at = info.location().map(|l| format!(" at {}:{}:{}", l.file(), l.line(), l.column())).unwrap_or_default();
        let thread = std::thread::current();
        eprintln!("bpy-lsp: panic in thread '{}'{at}: {message}", thread.name().unwrap_or("unnamed"));
    }));
}
