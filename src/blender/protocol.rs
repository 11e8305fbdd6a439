//! The bridge protocol (docs/protocol.md): message types and line-delimited JSON framing.
//!
//! Every message is one JSON object on one line. Requests are checked against the
//! server's size limit before they are sent; replies are read with a (larger) limit of
//! their own so that a broken peer cannot make us buffer without end.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use tokio::io::{AsyncRead, AsyncReadExt};

/// The protocol version this client speaks (`hello` result `protocol`).
pub const PROTOCOL_VERSION: u64 = 1;
/// The prefix of the line a headless server prints when it listens.
pub const READY_PREFIX: &str = "BPY_LSP_READY ";
/// The server's default request size limit (until `hello` tells the real one).
pub const DEFAULT_MAX_MESSAGE_BYTES: usize = 64 * 1024 * 1024;
/// The largest reply line we accept (renders with `include_bytes` are large).
pub const MAX_REPLY_BYTES: usize = 256 * 1024 * 1024;
/// Request types of protocol version 1.
pub const TYPES: [&str; 6] = ["hello", "execute_code", "get_scene_info", "render", "cancel", "shutdown"];

/// A request envelope: `{"id", "type", "params"}`.
#[derive(Debug, Clone, Serialize)]
pub struct Request<'a> {
    pub id: u64,
    #[serde(rename = "type")]
    pub kind: &'a str,
    pub params: Value,
}

/// A reply envelope: `{"id", "status", "result" | "message", "error"}`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Reply {
    #[serde(default)]
    pub id: Value,
    pub status: String,
    #[serde(default)]
    pub result: Value,
    #[serde(default)]
    pub message: Option<String>,
    /// `{"code": ..., details}` for protocol errors.
    #[serde(default)]
    pub error: Value,
}

impl Reply {
    pub fn is_success(&self) -> bool {
        self.status == "success"
    }

    /// `error.code` of an error reply (`parse_error`, `unauthorized`, ...).
    pub fn error_code(&self) -> Option<&str> {
        self.error.get("code").and_then(Value::as_str)
    }

    pub fn message(&self) -> &str {
        self.message.as_deref().unwrap_or("")
    }
}

/// `hello` parameters.
#[derive(Debug, Clone, Serialize)]
pub struct HelloParams<'a> {
    pub token: &'a str,
    pub client: &'a str,
    /// The client's process id, shown in the add-on's panel.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pid: Option<u32>,
}

/// `hello` result.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct HelloResult {
    pub blender_version: String,
    pub protocol: u64,
    #[serde(default)]
    pub mode: String,
    #[serde(default)]
    pub pid: Option<u32>,
    #[serde(default)]
    pub addon_version: String,
    #[serde(default)]
    pub types: Vec<String>,
    #[serde(default = "default_max")]
    pub max_message_bytes: usize,
}

fn default_max() -> usize {
    DEFAULT_MAX_MESSAGE_BYTES
}

/// `execute_code` parameters.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ExecuteParams {
    pub code: String,
    /// Used for `compile()`: tracebacks name it. The buffer's path.
    pub filename: String,
    pub fresh_scene: bool,
    /// Seconds; `None` = no limit.
    pub timeout: Option<f64>,
}

impl ExecuteParams {
    pub fn new(code: impl Into<String>, filename: impl Into<String>) -> ExecuteParams {
        ExecuteParams { code: code.into(), filename: filename.into(), fresh_scene: false, timeout: Some(30.0) }
    }
}

/// `execute_code` result. A Python exception is `ok: false` with `error`.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Default)]
pub struct ExecuteResult {
    pub ok: bool,
    #[serde(default)]
    pub stdout: String,
    #[serde(default)]
    pub stderr: String,
    #[serde(default)]
    pub duration: f64,
    #[serde(default)]
    pub error: Option<ExecError>,
    #[serde(default)]
    pub warnings: Vec<CompileWarning>,
}

/// The structured error of a failed run. Lines and columns are 1-based; columns count
/// Unicode code points; `end_column` is exclusive.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Default)]
pub struct ExecError {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub filename: String,
    #[serde(default)]
    pub line: Option<u32>,
    #[serde(default)]
    pub column: Option<u32>,
    #[serde(default)]
    pub end_line: Option<u32>,
    #[serde(default)]
    pub end_column: Option<u32>,
    #[serde(default)]
    pub traceback: Vec<Frame>,
    #[serde(default)]
    pub formatted: String,
    #[serde(default)]
    pub stage: String,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub qualified_type: Option<String>,
}

/// One traceback frame (outermost first in `ExecError::traceback`).
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Default)]
pub struct Frame {
    pub filename: String,
    #[serde(default)]
    pub line: Option<u32>,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub column: Option<u32>,
    #[serde(default)]
    pub end_line: Option<u32>,
    #[serde(default)]
    pub end_column: Option<u32>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Default)]
pub struct CompileWarning {
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub filename: String,
    #[serde(default)]
    pub line: Option<u32>,
}

/// `get_scene_info` result (one page of objects).
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Default)]
pub struct SceneInfo {
    #[serde(default)]
    pub scene: String,
    #[serde(default)]
    pub frame: i64,
    #[serde(default)]
    pub camera: Option<String>,
    #[serde(default)]
    pub world: Option<String>,
    #[serde(default)]
    pub objects: Vec<SceneObject>,
    #[serde(default)]
    pub materials: Vec<String>,
    #[serde(default)]
    pub collections: Vec<SceneCollection>,
    #[serde(default)]
    pub total_objects: usize,
    #[serde(default)]
    pub offset: usize,
    #[serde(default)]
    pub limit: usize,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Default)]
pub struct SceneObject {
    pub name: String,
    #[serde(rename = "type", default)]
    pub kind: String,
    #[serde(default)]
    pub location: Vec<f64>,
    #[serde(default)]
    pub dimensions: Vec<f64>,
    #[serde(default)]
    pub parent: Option<String>,
    #[serde(default)]
    pub materials: Vec<String>,
    #[serde(default)]
    pub collections: Vec<String>,
    #[serde(default)]
    pub data: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Default)]
pub struct SceneCollection {
    pub name: String,
    #[serde(default)]
    pub objects: Vec<String>,
    #[serde(default)]
    pub children: Vec<String>,
}

impl SceneInfo {
    /// The names a `bpy.data.<collection>["` subscript can take, per RNA item type
    /// (`"Object"`, `"Material"`, `"Mesh"`, ...), from what `get_scene_info` tells.
    pub fn names_by_type(&self) -> std::collections::HashMap<String, Vec<String>> {
        let mut out: std::collections::HashMap<String, Vec<String>> = Default::default();
        let mut push = |ty: &str, name: &str| {
            let list = out.entry(ty.to_string()).or_default();
            if !list.iter().any(|n| n == name) {
                list.push(name.to_string());
            }
        };
        for o in &self.objects {
            push("Object", &o.name);
            let data_type = match o.kind.as_str() {
                "MESH" => Some("Mesh"),
                "CURVE" | "SURFACE" | "FONT" => Some("Curve"),
                "LIGHT" => Some("Light"),
                "CAMERA" => Some("Camera"),
                "ARMATURE" => Some("Armature"),
                "LATTICE" => Some("Lattice"),
                "META" => Some("MetaBall"),
                "CURVES" => Some("Curves"),
                "POINTCLOUD" => Some("PointCloud"),
                "VOLUME" => Some("Volume"),
                "GREASEPENCIL" => Some("GreasePencilv3"),
                _ => None,
            };
            if let (Some(t), Some(d)) = (data_type, &o.data) {
                push(t, d);
            }
        }
        for m in &self.materials {
            push("Material", m);
        }
        // The scene's master collection is not in bpy.data.collections.
        for c in self.collections.iter().skip(1) {
            push("Collection", &c.name);
        }
        if !self.scene.is_empty() {
            push("Scene", &self.scene);
        }
        if let Some(w) = &self.world {
            push("World", w);
        }
        out
    }
}

/// `render` parameters (the ones bpy-lsp uses; the server has more).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RenderParams {
    pub views: u32,
    pub resolution: u32,
    pub engine: String,
    pub samples: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output_dir: Option<String>,
}

impl Default for RenderParams {
    fn default() -> Self {
        RenderParams { views: 1, resolution: 512, engine: "CYCLES".into(), samples: 16, output_dir: None }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Default)]
pub struct RenderResult {
    pub images: Vec<RenderImage>,
    #[serde(default)]
    pub duration: f64,
    #[serde(default)]
    pub engine: String,
    #[serde(default)]
    pub samples: u32,
    #[serde(default)]
    pub output_dir: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Default)]
pub struct RenderImage {
    pub path: String,
    pub view: u32,
    pub width: u32,
    pub height: u32,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Default)]
pub struct CancelResult {
    pub cancelled: bool,
    #[serde(default)]
    pub request_id: Value,
}

/// The connection file a bridge writes (section 2), or the ready line's JSON.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Default)]
pub struct ConnectionInfo {
    pub host: String,
    pub port: u16,
    pub token: String,
    #[serde(default)]
    pub blender_version: String,
    #[serde(default)]
    pub pid: Option<u32>,
    #[serde(default)]
    pub mode: String,
    #[serde(default)]
    pub started_at: String,
    #[serde(default)]
    pub protocol: Option<u64>,
    #[serde(default)]
    pub conn_file: Option<String>,
}

impl ConnectionInfo {
    pub fn address(&self) -> String {
        if self.host.contains(':') {
            format!("[{}]:{}", self.host, self.port)
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }
}

/// Parse the line a headless server prints when it listens; None for other lines.
pub fn parse_ready_line(line: &str) -> Option<ConnectionInfo> {
    let json = line.trim_end().strip_prefix(READY_PREFIX)?;
    serde_json::from_str(json).ok()
}

/// One request as a line: JSON plus `\n`. Fails when it is longer than `max` bytes.
pub fn encode_request(req: &Request, max: usize) -> Result<Vec<u8>, usize> {
    let mut line = serde_json::to_vec(req).map_err(|_| 0usize)?;
    if line.len() > max {
        return Err(line.len());
    }
    line.push(b'\n');
    Ok(line)
}

/// What reading one line gave.
#[derive(Debug, PartialEq)]
pub enum Line {
    Text(Vec<u8>),
    /// The line was longer than the limit; it was read and dropped up to its `\n`.
    TooLong(usize),
    Eof,
}

/// Reads `\n`-terminated lines with a size limit, keeping what it read past a line.
pub struct LineReader<R> {
    inner: R,
    buf: Vec<u8>,
    max: usize,
    chunk: Vec<u8>,
}

impl<R: AsyncRead + Unpin> LineReader<R> {
    pub fn new(inner: R, max: usize) -> LineReader<R> {
        LineReader { inner, buf: Vec::new(), max, chunk: vec![0u8; 64 * 1024] }
    }

    /// Start with bytes already read from `inner`.
    pub fn with_buffer(inner: R, max: usize, buf: Vec<u8>) -> LineReader<R> {
        LineReader { inner, buf, max, chunk: vec![0u8; 64 * 1024] }
    }

    /// The next non-empty line without its `\r\n`/`\n`. A partial line at EOF is a line.
    pub async fn next_line(&mut self) -> std::io::Result<Line> {
        let mut scanned = 0;
        let mut dropped: Option<usize> = None;
        loop {
            if let Some(nl) = self.buf[scanned..].iter().position(|&b| b == b'\n') {
                let end = scanned + nl;
                let mut line: Vec<u8> = self.buf.drain(..=end).collect();
                line.pop();
                if line.last() == Some(&b'\r') {
                    line.pop();
                }
                if let Some(n) = dropped {
                    return Ok(Line::TooLong(n + line.len()));
                }
                if line.len() > self.max {
                    return Ok(Line::TooLong(line.len()));
                }
                if line.iter().all(u8::is_ascii_whitespace) {
                    scanned = 0;
                    continue;
                }
                return Ok(Line::Text(line));
            }
            scanned = self.buf.len();
            if self.buf.len() > self.max {
                // Drop what we have; remember how much, keep reading up to the newline.
                *dropped.get_or_insert(0) += self.buf.len();
                self.buf.clear();
                scanned = 0;
            }
            let n = self.inner.read(&mut self.chunk).await?;
            if n == 0 {
                if let Some(n) = dropped {
                    return Ok(Line::TooLong(n + self.buf.len()));
                }
                if self.buf.iter().all(u8::is_ascii_whitespace) {
                    return Ok(Line::Eof);
                }
                return Ok(Line::Text(std::mem::take(&mut self.buf)));
            }
            self.buf.extend_from_slice(&self.chunk[..n]);
        }
    }

    pub fn into_parts(self) -> (R, Vec<u8>) {
        (self.inner, self.buf)
    }
}

/// Read until the bytes so far hold one complete JSON value (the blender-mcp framing:
/// no delimiter). Returns the value and the bytes after it. `max` bounds the buffer.
pub async fn read_json_value<R: AsyncRead + Unpin>(
    reader: &mut R,
    mut buf: Vec<u8>,
    max: usize,
) -> std::io::Result<(Value, Vec<u8>)> {
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        if buf.iter().any(|b| !b.is_ascii_whitespace()) {
            let mut stream = serde_json::Deserializer::from_slice(&buf).into_iter::<Value>();
            match stream.next() {
                Some(Ok(v)) => {
                    let used = stream.byte_offset();
                    return Ok((v, buf[used..].to_vec()));
                }
                Some(Err(e)) if e.is_eof() => {}
                Some(Err(e)) => {
                    return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, format!("invalid JSON: {e}")));
                }
                None => {}
            }
        }
        if buf.len() > max {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("reply larger than {max} bytes without a complete JSON value"),
            ));
        }
        let n = reader.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "connection closed before a complete reply",
            ));
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[tokio::test]
    async fn lines_are_split_and_long_ones_dropped() {
        let input: &[u8] = b"{\"a\":1}\r\n\n  \n0123456789abcdef\nok\npartial";
        let mut r = LineReader::new(input, 8);
        assert_eq!(r.next_line().await.unwrap(), Line::Text(b"{\"a\":1}".to_vec()));
        assert_eq!(r.next_line().await.unwrap(), Line::TooLong(16));
        assert_eq!(r.next_line().await.unwrap(), Line::Text(b"ok".to_vec()));
        assert_eq!(r.next_line().await.unwrap(), Line::Text(b"partial".to_vec()));
        assert_eq!(r.next_line().await.unwrap(), Line::Eof);
    }

    #[tokio::test]
    async fn json_values_are_read_without_delimiters() {
        let mut input: &[u8] = b"{\"status\": \"error\", \"message\": \"x\"}{\"b\"";
        let (v, rest) = read_json_value(&mut input, Vec::new(), 1024).await.unwrap();
        assert_eq!(v, json!({"status": "error", "message": "x"}));
        assert_eq!(rest, b"{\"b\"".to_vec());
        let mut input: &[u8] = b"{\"a\": [1, 2";
        assert!(read_json_value(&mut input, Vec::new(), 1024).await.is_err());
    }

    #[test]
    fn requests_respect_the_limit() {
        let req = Request { id: 1, kind: "execute_code", params: json!({"code": "x" }) };
        let line = encode_request(&req, 1000).unwrap();
        assert_eq!(line.last(), Some(&b'\n'));
        assert!(encode_request(&req, 10).is_err());
    }

    #[test]
    fn replies_and_ready_lines_parse() {
        let r: Reply = serde_json::from_str(
            r#"{"id":null,"status":"error","message":"malformed JSON","error":{"code":"parse_error"}}"#,
        )
        .unwrap();
        assert_eq!(r.error_code(), Some("parse_error"));
        let info = parse_ready_line(
            "BPY_LSP_READY {\"host\":\"127.0.0.1\",\"port\":43837,\"token\":\"t\",\"pid\":8594,\"blender_version\":\"4.4.0\"}\n",
        )
        .unwrap();
        assert_eq!((info.address(), info.pid), ("127.0.0.1:43837".to_string(), Some(8594)));
        assert!(parse_ready_line("Fra:1 Mem:12M").is_none());
    }

    #[test]
    fn scene_names_by_type() {
        let info: SceneInfo = serde_json::from_value(json!({
            "scene": "Scene",
            "objects": [{"name": "Cube", "type": "MESH", "data": "CubeMesh"}, {"name": "Light", "type": "LIGHT", "data": "Light"}],
            "materials": ["Wood"],
            "collections": [{"name": "Scene Collection"}, {"name": "Props"}]
        }))
        .unwrap();
        let names = info.names_by_type();
        assert_eq!(names["Object"], vec!["Cube", "Light"]);
        assert_eq!(names["Mesh"], vec!["CubeMesh"]);
        assert_eq!(names["Material"], vec!["Wood"]);
        assert_eq!(names["Collection"], vec!["Props"]);
    }
}
