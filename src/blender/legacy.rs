//! Running code through the add-ons of blender-mcp and LL3M (docs/protocol.md, section 8).
//!
//! Their protocol has no `hello`, no id and no delimiter: the request is
//! `{"type": "execute_code", "params": {"code": ...}}`, the reply one JSON value without a
//! newline, `{"status": "success", "result": {"executed": true, "result": "<stdout>"}}` or
//! `{"status": "error", "message": "..."}`. One request at a time; each on its own
//! connection here, so that a half-read reply can never confuse the next one.

use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

use super::error::Error;
use super::protocol::{self, ExecError, ExecuteResult};

#[derive(Debug, Clone)]
pub struct LegacyClient {
    address: String,
}

impl LegacyClient {
    pub fn new(address: impl Into<String>) -> LegacyClient {
        LegacyClient { address: address.into() }
    }

    pub fn address(&self) -> &str {
        &self.address
    }

    /// Send one request and read one JSON value back, within `limit`.
    pub async fn request(&self, kind: &str, params: Value, limit: Duration) -> Result<Value, Error> {
        let work = async {
            let mut stream = TcpStream::connect(&self.address)
                .await
                .map_err(|e| Error::Connect { address: self.address.clone(), message: e.to_string() })?;
            let _ = stream.set_nodelay(true);
            let body = serde_json::to_vec(&json!({"type": kind, "params": params}))
                .map_err(|e| Error::Protocol(e.to_string()))?;
            stream
                .write_all(&body)
                .await
                .map_err(|e| Error::Closed(format!("{} closed the connection: {e}", self.address)))?;
            let (value, _) = protocol::read_json_value(&mut stream, Vec::new(), protocol::MAX_REPLY_BYTES)
                .await
                .map_err(|e| Error::Closed(format!("no complete reply from {}: {e}", self.address)))?;
            Ok(value)
        };
        match tokio::time::timeout(limit, work).await {
            Ok(r) => r,
            Err(_) => Err(Error::Timeout { what: kind.into(), after: limit }),
        }
    }

    /// Run code. There is no time limit on that side: a runaway script blocks that Blender,
    /// and we give up after `limit`.
    pub async fn execute_code(&self, code: &str, filename: &str, limit: Duration) -> Result<ExecuteResult, Error> {
        let started = std::time::Instant::now();
        let reply = self.request("execute_code", json!({"code": code}), limit).await?;
        let mut result = map_reply(&reply, filename)?;
        result.duration = started.elapsed().as_secs_f64();
        Ok(result)
    }
}

/// Turn a legacy reply into the bridge's `execute_code` result.
pub fn map_reply(reply: &Value, filename: &str) -> Result<ExecuteResult, Error> {
    match reply.get("status").and_then(Value::as_str) {
        Some("success") => {
            let out = &reply["result"]["result"];
            let stdout = match out {
                Value::String(s) => s.clone(),
                Value::Null => String::new(),
                other => other.to_string(),
            };
            Ok(ExecuteResult { ok: true, stdout, ..Default::default() })
        }
        Some("error") => {
            let raw = reply.get("message").and_then(Value::as_str).unwrap_or("error");
            let message = raw.strip_prefix("Code execution error: ").unwrap_or(raw).to_string();
            let line = line_in_message(&message);
            let error = ExecError {
                kind: "Error".into(),
                message,
                filename: filename.into(),
                line,
                stage: "run".into(),
                ..Default::default()
            };
            Ok(ExecuteResult { ok: false, error: Some(error), ..Default::default() })
        }
        _ => Err(Error::Protocol(format!("unexpected reply {}", super::client::short(&reply.to_string(), 200)))),
    }
}

/// `invalid syntax (<string>, line 3)` -> 3: the only line number such messages carry.
fn line_in_message(message: &str) -> Option<u32> {
    let at = message.rfind("line ")?;
    let digits: String = message[at + 5..].chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok().filter(|&l| l > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_are_mapped() {
        let ok = json!({"status": "success", "result": {"executed": true, "result": "hi\n"}});
        let r = map_reply(&ok, "a.py").unwrap();
        assert!(r.ok);
        assert_eq!(r.stdout, "hi\n");
        let err = json!({"status": "error", "message": "Code execution error: invalid syntax (<string>, line 3)"});
        let r = map_reply(&err, "a.py").unwrap();
        let e = r.error.unwrap();
        assert_eq!((e.message.as_str(), e.line), ("invalid syntax (<string>, line 3)", Some(3)));
        let err = json!({"status": "error", "message": "name 'x' is not defined"});
        assert_eq!(map_reply(&err, "a.py").unwrap().error.unwrap().line, None);
        assert!(map_reply(&json!({"what": 1}), "a.py").is_err());
    }
}
