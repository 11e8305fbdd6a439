//! A client for one bridge connection: `hello`, then requests matched to replies by id.
//!
//! One task reads replies and routes them to the waiting requests; writes go through a
//! mutex, so a `Client` can be shared (`Arc<Client>`) and used concurrently, e.g. to
//! `cancel` a run that another task waits for. When the connection ends every waiting
//! request gets `Error::Closed` at once.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::sync::{mpsc, oneshot};

use super::error::Error;
use super::protocol::{
    self, CancelResult, ExecuteParams, ExecuteResult, HelloResult, Line, LineReader, MAX_REPLY_BYTES, RenderParams,
    RenderResult, Reply, Request, SceneInfo,
};

/// The bridge's grace period after a time limit before it gives up on stuck code.
pub const SERVER_GRACE: Duration = Duration::from_secs(5);
/// Time limit for requests that should be quick (`get_scene_info`, `cancel`, `shutdown`).
pub const QUICK_LIMIT: Duration = Duration::from_secs(15);
const CLIENT_NAME: &str = concat!("bpy-lsp ", env!("CARGO_PKG_VERSION"));

type Waiter = oneshot::Sender<Result<Reply, Error>>;

struct Pending {
    waiters: HashMap<u64, Waiter>,
    /// Why the connection ended, once it has.
    closed: Option<String>,
}

struct Shared {
    pending: Mutex<Pending>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Shared {
    fn close(&self, reason: String) {
        let waiters: Vec<Waiter> = {
            let mut p = lock(&self.pending);
            if p.closed.is_none() {
                p.closed = Some(reason.clone());
            }
            p.waiters.drain().map(|(_, w)| w).collect()
        };
        for w in waiters {
            let _ = w.send(Err(Error::Closed(reason.clone())));
        }
    }
}

pub struct Client {
    address: String,
    hello: HelloResult,
    writer: tokio::sync::Mutex<OwnedWriteHalf>,
    shared: Arc<Shared>,
    next_id: AtomicU64,
    /// Replies with `"id": null` (framing errors) or an id we did not send.
    stray: tokio::sync::Mutex<mpsc::UnboundedReceiver<Reply>>,
    reader: tokio::task::JoinHandle<()>,
}

impl Drop for Client {
    fn drop(&mut self) {
        self.reader.abort();
    }
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client").field("address", &self.address).field("hello", &self.hello).finish()
    }
}

impl Client {
    /// Connect to `address` (`host:port`), send `hello` with `token` and check the answer.
    /// A blender-mcp / LL3M add-on answers without an id: `Error::NotABridge`.
    pub async fn connect(address: &str, token: &str, limit: Duration) -> Result<Client, Error> {
        let connect = tokio::time::timeout(limit, TcpStream::connect(address)).await;
        let stream = match connect {
            Err(_) => {
                return Err(Error::Connect { address: address.into(), message: format!("no answer within {limit:?}") });
            }
            Ok(Err(e)) => return Err(Error::Connect { address: address.into(), message: e.to_string() }),
            Ok(Ok(s)) => s,
        };
        let _ = stream.set_nodelay(true);
        let (mut read, mut write) = stream.into_split();
        // `client` and `pid` let the add-on's panel show which editor is connected.
        let hello = Request {
            id: 1,
            kind: "hello",
            params: json!({"token": token, "client": CLIENT_NAME, "pid": std::process::id()}),
        };
        let line =
            protocol::encode_request(&hello, 64 * 1024).map_err(|size| Error::TooLarge { size, max: 64 * 1024 })?;
        write.write_all(&line).await.map_err(|e| Error::Closed(format!("{address} closed the connection: {e}")))?;

        // Not line-based yet: a legacy add-on answers with a JSON value and no newline.
        let reply = tokio::time::timeout(limit, protocol::read_json_value(&mut read, Vec::new(), 1 << 20)).await;
        let (value, rest) = match reply {
            Err(_) => return Err(Error::Timeout { what: "hello".into(), after: limit }),
            Ok(Err(e)) => return Err(Error::Closed(format!("{address} closed the connection during hello: {e}"))),
            Ok(Ok(v)) => v,
        };
        if value.get("id").is_none() {
            return Err(Error::NotABridge { address: address.into(), reply: short(&value.to_string(), 200) });
        }
        let reply: Reply = serde_json::from_value(value.clone())
            .map_err(|e| Error::Protocol(format!("bad hello reply {}: {e}", short(&value.to_string(), 200))))?;
        if !reply.is_success() {
            let message = reply.message().to_string();
            return Err(match reply.error_code() {
                Some("unauthorized") => Error::Unauthorized { address: address.into(), message },
                code => Error::Remote { code: code.unwrap_or("unknown").into(), message },
            });
        }
        let hello: HelloResult =
            serde_json::from_value(reply.result).map_err(|e| Error::Protocol(format!("bad hello result: {e}")))?;
        if hello.protocol != protocol::PROTOCOL_VERSION {
            return Err(Error::Protocol(format!(
                "the bridge at {address} speaks protocol {}, this bpy-lsp speaks {}",
                hello.protocol,
                protocol::PROTOCOL_VERSION
            )));
        }

        let shared = Arc::new(Shared { pending: Mutex::new(Pending { waiters: HashMap::new(), closed: None }) });
        let (stray_tx, stray_rx) = mpsc::unbounded_channel();
        let reader = tokio::spawn(read_replies(
            LineReader::with_buffer(read, MAX_REPLY_BYTES, rest),
            shared.clone(),
            stray_tx,
            address.to_string(),
        ));
        Ok(Client {
            address: address.into(),
            hello,
            writer: tokio::sync::Mutex::new(write),
            shared,
            next_id: AtomicU64::new(2),
            stray: tokio::sync::Mutex::new(stray_rx),
            reader,
        })
    }

    pub fn address(&self) -> &str {
        &self.address
    }

    pub fn hello(&self) -> &HelloResult {
        &self.hello
    }

    /// Whether the connection has ended (Blender closed it or died).
    pub fn is_closed(&self) -> bool {
        lock(&self.shared.pending).closed.is_some()
    }

    /// Send one request and wait for its reply (success or error reply) up to `limit`.
    pub async fn request(&self, kind: &str, params: Value, limit: Option<Duration>) -> Result<Reply, Error> {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let max = self.hello.max_message_bytes;
        let line = protocol::encode_request(&Request { id, kind, params }, max)
            .map_err(|size| Error::TooLarge { size, max })?;
        let (tx, rx) = oneshot::channel();
        {
            let mut p = lock(&self.shared.pending);
            if let Some(reason) = &p.closed {
                return Err(Error::Closed(reason.clone()));
            }
            p.waiters.insert(id, tx);
        }
        if let Err(e) = self.write(&line).await {
            lock(&self.shared.pending).waiters.remove(&id);
            return Err(e);
        }
        let reply = match limit {
            Some(limit) => match tokio::time::timeout(limit, rx).await {
                Ok(r) => r,
                Err(_) => {
                    lock(&self.shared.pending).waiters.remove(&id);
                    return Err(Error::Timeout { what: kind.to_string(), after: limit });
                }
            },
            None => rx.await,
        };
        match reply {
            Ok(r) => r,
            Err(_) => Err(Error::Closed(format!("the connection to {} ended", self.address))),
        }
    }

    /// Like `request`, but an error reply becomes `Error::Remote` and the result is decoded.
    pub async fn call<T: serde::de::DeserializeOwned>(
        &self,
        kind: &str,
        params: Value,
        limit: Option<Duration>,
    ) -> Result<T, Error> {
        let reply = self.request(kind, params, limit).await?;
        if !reply.is_success() {
            return Err(Error::Remote {
                code: reply.error_code().unwrap_or("unknown").to_string(),
                message: reply.message().to_string(),
            });
        }
        serde_json::from_value(reply.result).map_err(|e| Error::Protocol(format!("bad {kind} result: {e}")))
    }

    async fn write(&self, bytes: &[u8]) -> Result<(), Error> {
        let mut w = self.writer.lock().await;
        let r = w.write_all(bytes).await;
        r.map_err(|e| Error::Closed(format!("the connection to {} ended: {e}", self.address)))
    }

    /// Write raw bytes (diagnostics and tests: malformed or oversized lines).
    pub async fn send_raw(&self, bytes: &[u8]) -> Result<(), Error> {
        self.write(bytes).await
    }

    /// The next reply that belongs to no request (`"id": null`: framing errors).
    pub async fn next_stray_reply(&self, limit: Duration) -> Option<Reply> {
        let mut rx = self.stray.lock().await;
        tokio::time::timeout(limit, rx.recv()).await.ok().flatten()
    }

    /// The time limit for an `execute_code` with this code time limit: the bridge stops
    /// the code itself, so only wait longer than its limit plus its grace period.
    pub fn execute_limit(timeout: Option<f64>) -> Option<Duration> {
        let t = timeout.filter(|t| t.is_finite() && *t > 0.0)?;
        Some(Duration::from_secs_f64(t.min(86_400.0)) + SERVER_GRACE + Duration::from_secs(5))
    }

    pub async fn execute_code(&self, params: &ExecuteParams) -> Result<ExecuteResult, Error> {
        let value = serde_json::to_value(params).map_err(|e| Error::Protocol(e.to_string()))?;
        self.call("execute_code", value, Self::execute_limit(params.timeout)).await
    }

    /// One page of the scene.
    pub async fn get_scene_info(&self, offset: usize, limit: usize) -> Result<SceneInfo, Error> {
        self.call("get_scene_info", json!({"offset": offset, "limit": limit}), Some(QUICK_LIMIT)).await
    }

    /// The whole scene, all pages of objects.
    pub async fn get_scene_info_all(&self) -> Result<SceneInfo, Error> {
        const PAGE: usize = 1000;
        let mut info = self.get_scene_info(0, PAGE).await?;
        while info.objects.len() < info.total_objects {
            let page = self.get_scene_info(info.objects.len(), PAGE).await?;
            if page.objects.is_empty() {
                break;
            }
            info.objects.extend(page.objects);
        }
        Ok(info)
    }

    /// Render previews. Not cancellable on the bridge side; `limit` bounds our wait.
    pub async fn render(&self, params: &RenderParams, limit: Duration) -> Result<RenderResult, Error> {
        let value = serde_json::to_value(params).map_err(|e| Error::Protocol(e.to_string()))?;
        self.call("render", value, Some(limit)).await
    }

    /// Stop the running `execute_code` (of any connection).
    pub async fn cancel(&self) -> Result<CancelResult, Error> {
        self.call("cancel", json!({}), Some(QUICK_LIMIT)).await
    }

    /// A `hello` on the authenticated connection: answered by the socket thread, so it
    /// works even while code runs.
    pub async fn ping(&self, limit: Duration) -> Result<HelloResult, Error> {
        self.call("hello", json!({"token": "", "client": CLIENT_NAME}), Some(limit)).await
    }

    /// Ask the bridge to stop (a headless Blender exits).
    pub async fn shutdown(&self) -> Result<Value, Error> {
        self.call("shutdown", json!({}), Some(QUICK_LIMIT)).await
    }
}

async fn read_replies(
    mut reader: LineReader<OwnedReadHalf>,
    shared: Arc<Shared>,
    stray: mpsc::UnboundedSender<Reply>,
    address: String,
) {
    let reason = loop {
        match reader.next_line().await {
            Ok(Line::Text(bytes)) => {
                let reply: Reply = match serde_json::from_slice(&bytes) {
                    Ok(r) => r,
                    Err(e) => {
                        let text = String::from_utf8_lossy(&bytes);
                        break format!(
                            "the bridge at {address} sent a line that is not a reply ({e}): {}",
                            short(&text, 200)
                        );
                    }
                };
                let waiter = reply.id.as_u64().and_then(|id| lock(&shared.pending).waiters.remove(&id));
                match waiter {
                    Some(w) => {
                        let _ = w.send(Ok(reply));
                    }
                    None => {
                        let _ = stray.send(reply);
                    }
                }
            }
            Ok(Line::TooLong(n)) => {
                break format!("the bridge at {address} sent a reply of {n} bytes, more than we accept");
            }
            Ok(Line::Eof) => break format!("Blender closed the connection ({address})"),
            Err(e) => break format!("the connection to Blender ({address}) failed: {e}"),
        }
    };
    shared.close(reason);
}

/// At most `max` characters of `s`, with an ellipsis when cut.
pub(crate) fn short(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}
