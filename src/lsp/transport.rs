//! Framing between the client and tower-lsp-server.
//!
//! tower-lsp-server stops reading after the first message it cannot decode (its framed
//! reader ends on an error), so one malformed message would end the session. Messages are
//! therefore framed and checked here first: well-formed ones go on to the server, others
//! are answered with a JSON-RPC error and the session goes on. All output goes through
//! one writer so that replies never interleave.

use serde_json::json;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{Request, Response};

/// Larger messages are read and dropped with an error (a didOpen of a 100 MB file).
pub const MAX_MESSAGE_BYTES: usize = 128 * 1024 * 1024;
const MAX_HEADER_LINE: usize = 8 * 1024;

#[derive(Debug, PartialEq)]
pub enum Frame {
    Body(Vec<u8>),
    /// A framing problem that the reader recovered from; the text says what.
    Problem(String),
    Eof,
}

/// Read one `Content-Length` framed message. Lines that are not headers (the remains of
/// a broken message) are skipped until the next `Content-Length` header.
pub async fn read_frame<R: AsyncBufReadExt + Unpin>(reader: &mut R) -> std::io::Result<Frame> {
    let mut length: Option<usize> = None;
    let mut bad_length = None;
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = (&mut *reader).take(MAX_HEADER_LINE as u64).read_until(b'\n', &mut line).await?;
        if n == 0 {
            return Ok(Frame::Eof);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if let Some(len) = length {
                break read_body(reader, len).await;
            }
            if let Some(bad) = bad_length.take() {
                return Ok(Frame::Problem(format!("invalid Content-Length: {bad}")));
            }
            continue;
        }
        let Some((name, value)) = text.split_once(':') else { continue };
        if name.trim().eq_ignore_ascii_case("content-length") {
            match value.trim().parse::<usize>() {
                Ok(v) => length = Some(v),
                Err(_) => bad_length = Some(value.trim().to_string()),
            }
        }
    }
}

async fn read_body<R: AsyncRead + Unpin>(reader: &mut R, len: usize) -> std::io::Result<Frame> {
    if len > MAX_MESSAGE_BYTES {
        let skipped = tokio::io::copy(&mut reader.take(len as u64), &mut tokio::io::sink()).await?;
        return Ok(Frame::Problem(format!(
            "message of {skipped} bytes is larger than the limit of {MAX_MESSAGE_BYTES} bytes; it was ignored"
        )));
    }
    let mut body = vec![0; len];
    reader.read_exact(&mut body).await?;
    Ok(Frame::Body(body))
}

/// The error reply for a body tower-lsp-server would choke on, or None when it is fine.
pub fn check_body(body: &[u8]) -> Option<serde_json::Value> {
    if serde_json::from_slice::<Request>(body).is_ok() || serde_json::from_slice::<Response>(body).is_ok() {
        return None;
    }
    let (code, message, id) = match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(v) => (-32600, "Invalid request: not a JSON-RPC 2.0 message".to_string(), v.get("id").cloned()),
        Err(e) => (-32700, format!("Parse error: {e}"), None),
    };
    let id = id.filter(|i| i.is_number() || i.is_string()).unwrap_or(serde_json::Value::Null);
    Some(json!({"jsonrpc": "2.0", "error": {"code": code, "message": message}, "id": id}))
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// Run `serve_on(input, output)` (tower-lsp-server's loop) behind the checking framer.
pub async fn serve<I, O, F, Fut>(input: I, mut output: O, serve_on: F)
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
    F: FnOnce(tokio::io::DuplexStream, tokio::io::DuplexStream) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let (mut to_server, server_in) = tokio::io::duplex(1 << 20);
    let (server_out, from_server) = tokio::io::duplex(1 << 20);
    let (out_tx, mut out_rx) = mpsc::unbounded_channel::<Vec<u8>>();

    let errors = out_tx.clone();
    let reader = tokio::spawn(async move {
        let mut input = BufReader::new(input);
        loop {
            match read_frame(&mut input).await {
                Ok(Frame::Body(body)) => match check_body(&body) {
                    None => {
                        if to_server.write_all(&frame(&body)).await.is_err() {
                            return;
                        }
                    }
                    Some(reply) => {
                        eprintln!("bpy-lsp: dropped a malformed message: {}", reply["error"]["message"]);
                        let _ = errors.send(serde_json::to_vec(&reply).unwrap_or_default());
                    }
                },
                Ok(Frame::Problem(problem)) => {
                    eprintln!("bpy-lsp: {problem}");
                    let reply = json!({"jsonrpc": "2.0", "error": {"code": -32700, "message": problem}, "id": null});
                    let _ = errors.send(serde_json::to_vec(&reply).unwrap_or_default());
                }
                Ok(Frame::Eof) | Err(_) => return, // dropping `to_server` ends the server loop
            }
        }
    });

    let pump = tokio::spawn(async move {
        let mut from_server = BufReader::new(from_server);
        while let Ok(Frame::Body(body)) = read_frame(&mut from_server).await {
            if out_tx.send(body).is_err() {
                return;
            }
        }
    });

    let writer = tokio::spawn(async move {
        while let Some(body) = out_rx.recv().await {
            if output.write_all(&frame(&body)).await.is_err() || output.flush().await.is_err() {
                return;
            }
        }
    });

    serve_on(server_in, server_out).await;
    reader.abort();
    // Let the last replies (the answer to `shutdown`) reach the client.
    let _ = pump.await;
    let _ = writer.await;
}

/// Stdout without the line buffering of `std::io::stdout()` (which writes a frame's header
/// and body apart: two wake-ups of the client).
#[cfg(unix)]
pub fn stdout_file() -> std::io::Result<std::fs::File> {
    use std::os::fd::AsFd;
    Ok(std::fs::File::from(std::io::stdout().as_fd().try_clone_to_owned()?))
}

#[cfg(not(unix))]
pub fn stdout_file() -> std::io::Result<std::fs::File> {
    Err(std::io::ErrorKind::Unsupported.into())
}

/// Stdout written in place, on the protocol thread. tokio's stdout hands every write to a
/// thread of its blocking pool and back: two thread wake-ups per reply, which cost more
/// than the reply itself. A pipe to the editor has room for a reply (64 KiB) unless the
/// editor stops reading, and then waiting is all a server can do anyway.
pub struct InPlaceWriter<W>(pub W);

impl<W: std::io::Write + Unpin> AsyncWrite for InPlaceWriter<W> {
    fn poll_write(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
        buf: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        std::task::Poll::Ready(self.get_mut().0.write(buf))
    }

    fn poll_flush(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::task::Poll::Ready(self.get_mut().0.flush())
    }

    fn poll_shutdown(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        self.poll_flush(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn frames_are_read_and_garbage_is_skipped() {
        let input = b"Content-Length: 2\r\n\r\n{}garbage line\r\n\r\nContent-Length: x\r\n\r\nContent-Length: 3\r\nContent-Type: a\r\n\r\nabc";
        let mut r = BufReader::new(&input[..]);
        assert_eq!(read_frame(&mut r).await.unwrap(), Frame::Body(b"{}".to_vec()));
        assert_eq!(read_frame(&mut r).await.unwrap(), Frame::Problem("invalid Content-Length: x".into()));
        assert_eq!(read_frame(&mut r).await.unwrap(), Frame::Body(b"abc".to_vec()));
        assert_eq!(read_frame(&mut r).await.unwrap(), Frame::Eof);
    }

    #[test]
    fn bodies_are_checked_as_json_rpc() {
        assert!(check_body(br#"{"jsonrpc":"2.0","id":1,"method":"x"}"#).is_none());
        assert!(check_body(br#"{"jsonrpc":"2.0","method":"x"}"#).is_none());
        assert_eq!(check_body(b"{oops").unwrap()["error"]["code"], -32700);
        let r = check_body(br#"{"id":7,"hello":1}"#).unwrap();
        assert_eq!((r["error"]["code"].clone(), r["id"].clone()), (json!(-32600), json!(7)));
        assert_eq!(check_body(b"\xff\xfe").unwrap()["error"]["code"], -32700);
    }
}
