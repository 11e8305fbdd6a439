//! One Blender run of a script version: a fresh scene, a time limit, renders on success,
//! and the error as the debugger needs it (type, message, 1-based line and its code).
//! Cancelling stops the code in Blender (the bridge's `cancel`, see `blender::workflow`).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use tokio_util::sync::CancellationToken;

use crate::blender::protocol::ExecuteResult;
use crate::blender::workflow::{self, RunRequest};
use crate::blender::{Blender, Error as BlenderError};

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

fn failure(result: &ExecuteResult, line: Option<usize>, code: &str) -> Option<Failure> {
    let e = result.error.as_ref()?;
    let source = line.and_then(|l| code.lines().nth(l.checked_sub(1)?)).unwrap_or("").to_string();
    let tb: Vec<&str> = e.formatted.lines().collect();
    let traceback = tb.iter().skip(tb.len().saturating_sub(12)).copied().collect::<Vec<_>>().join("\n");
    Some(Failure { kind: e.kind.clone(), message: e.message.clone(), line, source, traceback })
}

/// Run `code` on a fresh scene with a time limit through the shared Blender workflow
/// (`blender::workflow::run_script`), rendering on success.
pub async fn run(
    blender: &mut Blender,
    code: &str,
    filename: &str,
    limit: Duration,
    render: Option<&RenderRequest>,
    cancel: &CancellationToken,
) -> Result<Ran, RunError> {
    let start = Instant::now();
    let req = RunRequest {
        code: code.to_string(),
        file_name: filename.to_string(),
        fresh: true,
        time_limit: Some(limit),
        render: render.map(|r| {
            let _ = std::fs::create_dir_all(&r.out_dir);
            workflow::RenderRequest {
                views: r.views,
                resolution: r.resolution,
                samples: r.samples,
                out_dir: Some(r.out_dir.clone()),
            }
        }),
    };
    let report = match workflow::run_script(blender, &req, cancel).await {
        Ok(r) => r,
        Err(BlenderError::Cancelled) => return Err(RunError::Cancelled),
        Err(e) => return Err(RunError::Blender(e)),
    };
    let mut failure = failure(&report.result, report.error_line, code);
    // A script that ran but left nothing (it deleted every object, or made none) has not
    // built an asset: the debugger hears about it like an error.
    let objects = report.scene_names.as_ref().map(|n| n.get("Object").map_or(0, Vec::len));
    if failure.is_none() && objects == Some(0) {
        failure = Some(Failure {
            kind: "EmptyScene".into(),
            message: "the script ran without error but the scene has no objects afterwards: it must build the asset \
                      (and never delete objects it did not make)"
                .into(),
            line: None,
            source: String::new(),
            traceback: String::new(),
        });
    }
    Ok(Ran {
        failure,
        renders: report.images.iter().map(|i| (PathBuf::from(&i.path), i.width, i.height)).collect(),
        render_error: if objects == Some(0) { None } else { report.render_error },
        result: report.result,
        seconds: start.elapsed().as_secs_f64(),
    })
}
