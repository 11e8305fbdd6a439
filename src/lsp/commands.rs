//! The `workspace/executeCommand` table: command name -> handler. `executeCommandProvider`
//! lists exactly these names; an unknown name is `InvalidParams` naming it. A stream that adds
//! a command adds one line here (see CONTRACT.md for names and arguments).

use std::sync::Arc;

use futures::future::BoxFuture;
use serde_json::Value;
use tower_lsp_server::Client;
use tower_lsp_server::jsonrpc::{Error as RpcError, Result as RpcResult};
use tower_lsp_server::ls_types::ExecuteCommandParams;

use super::session::Session;
use super::{agent, blender};

pub type Reply = RpcResult<Option<Value>>;
pub type Handler = fn(Client, Arc<Session>, ExecuteCommandParams) -> BoxFuture<'static, Reply>;

pub const TABLE: &[(&str, Handler)] = &[
    (blender::RUN_COMMAND, |c, s, p| Box::pin(blender::run_command(c, s, p, false))),
    (blender::RENDER_COMMAND, |c, s, p| Box::pin(blender::run_command(c, s, p, true))),
    (blender::START_COMMAND, |c, s, p| Box::pin(blender::start_command(c, s, p))),
    (blender::STOP_COMMAND, |c, s, p| Box::pin(blender::stop_command(c, s, p))),
    (blender::STATUS_COMMAND, |c, s, p| Box::pin(blender::status_command(c, s, p))),
    (agent::GENERATE_COMMAND, |c, s, p| Box::pin(agent::generate_command(c, s, p))),
    (agent::REFINE_COMMAND, |c, s, p| Box::pin(agent::refine_command(c, s, p))),
];

/// The names for `executeCommandProvider`.
pub fn names() -> Vec<String> {
    TABLE.iter().map(|(name, _)| name.to_string()).collect()
}

/// Run the command `params.command` names.
pub async fn execute(client: Client, session: Arc<Session>, params: ExecuteCommandParams) -> Reply {
    let Some((_, handler)) = TABLE.iter().find(|(name, _)| *name == params.command) else {
        return Err(RpcError::invalid_params(format!("unknown command {}", params.command)));
    };
    handler(client, session, params).await
}
