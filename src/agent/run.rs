//! One Blender run of a script version: a fresh scene, a time limit, renders on success,
//! and the error as the debugger needs it (type, message, 1-based line and its code).
//! Cancelling stops the code in Blender (the bridge's `cancel`), or the Blender we started.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use tokio_util::sync::CancellationToken;

use crate::blender::protocol::{ExecuteParams, ExecuteResult, RenderParams};
use crate::blender::{Blender, Connection, Error as BlenderError};

/// Renders after a run.
#[derive(Debug, Clone)]
pub struct RenderRequest {
    pub views: u32,
    pub resolution: u32,
    pub samples: u32,
    pub out_dir: PathBuf,
}

/// What went wrong in the script.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Failure {
    /// `AttributeError`
    pub kind: String,
    pub message: String,
    /// 1-based line of the script.
    pub line: Option<usize>,
    /// That line's code.
    pub source: String,
    /// The last lines of the traceback as Python prints it.
    pub traceback: String,
}

impl Failure {
    /// `line 12: KeyError: 'bpy_prop_collection[key]: key "Base Colour" not found'\n    12 | code`
    pub fn describe(&self) -> String {
        let head = if self.message.is_empty() { self.kind.clone() } else { format!("{}: {}", self.kind, self.message) };
        match self.line {
            Some(l) => format!("line {l}: {head}\n    {l} | {}", self.source.trim_end()),
            None => head,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Ran {
    pub result: ExecuteResult,
    pub failure: Option<Failure>,
    /// PNG files, one per view.
    pub renders: Vec<(PathBuf, u32, u32)>,
    pub seconds: f64,
    /// The render failed although the code ran (the message).
    pub render_error: Option<String>,
}

#[derive(Debug)]
pub enum RunError {
    Cancelled,
    Blender(BlenderError),
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RunError::Cancelled => write!(f, "cancelled"),
            RunError::Blender(e) => write!(f, "{e}"),
        }
    }
}

fn failure(result: &ExecuteResult, filename: &str, code: &str) -> Option<Failure> {
    let e = result.error.as_ref()?;
    let line = e
        .traceback
        .iter()
        .rev()
        .find(|f| f.filename == filename)
        .and_then(|f| f.line)
        .or(e.line)
        .and_then(|l| usize::try_from(l).ok())
        .filter(|&l| l >= 1);
    let source = line.and_then(|l| code.lines().nth(l - 1)).unwrap_or("").to_string();
    let tb: Vec<&str> = e.formatted.lines().collect();
    let traceback = tb.iter().skip(tb.len().saturating_sub(12)).copied().collect::<Vec<_>>().join("\n");
    Some(Failure { kind: e.kind.clone(), message: e.message.clone(), line, source, traceback })
}

/// Stop what runs: the bridge's `cancel` stops the code; a render cannot be stopped, so
/// the Blender we started is stopped (the next run starts a new one).
async fn stop(blender: &mut Blender, rendering: bool) {
    if let Some(conn) = blender.handle().current()
        && let Connection::Bridge(c) = &*conn
        && !rendering
        && c.cancel().await.is_ok()
    {
        return;
    }
    blender.disconnect().await;
}

pub async fn run(
    blender: &mut Blender,
    code: &str,
    filename: &str,
    limit: Duration,
    render: Option<&RenderRequest>,
    cancel: &CancellationToken,
) -> Result<Ran, RunError> {
    let start = Instant::now();
    let mut params = ExecuteParams::new(code.to_string(), filename.to_string());
    params.fresh_scene = true;
    params.timeout = Some(limit.as_secs_f64().max(0.1));
    let result = tokio::select! {
        r = blender.run(&params) => r,
        _ = cancel.cancelled() => {
            stop(blender, false).await;
            return Err(RunError::Cancelled);
        }
    };
    let result = result.map_err(RunError::Blender)?;
    let failure = failure(&result, filename, code);
    let mut ran = Ran { result, failure, renders: Vec::new(), seconds: 0.0, render_error: None };
    if ran.failure.is_none()
        && let Some(r) = render
    {
        let _ = std::fs::create_dir_all(&r.out_dir);
        let params = RenderParams {
            views: r.views.clamp(1, 10),
            resolution: r.resolution.clamp(16, 4096),
            engine: "CYCLES".into(),
            samples: r.samples.max(1),
            output_dir: Some(r.out_dir.to_string_lossy().into_owned()),
        };
        let rendered = tokio::select! {
            r = blender.render(&params) => r,
            _ = cancel.cancelled() => {
                stop(blender, true).await;
                return Err(RunError::Cancelled);
            }
        };
        match rendered {
            Ok(r) => ran.renders = r.images.iter().map(|i| (PathBuf::from(&i.path), i.width, i.height)).collect(),
            Err(e) => ran.render_error = Some(e.to_string()),
        }
    }
    ran.seconds = start.elapsed().as_secs_f64();
    Ok(ran)
}
