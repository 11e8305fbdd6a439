//! The one Blender workflow that the CLI (`bpy-lsp run`), the server (`bpy-lsp.runInBlender`,
//! `bpy-lsp.renderPreview`) and the agent share: run a script, place its error in the buffer,
//! read the scene names again, render views. Callers keep only progress, logging, printing and
//! conversion.
//!
//! Cancellation: when the token fires during a run, the bridge is sent `cancel` (it stops the
//! code the way a time limit does) and `run_script` returns `Error::Cancelled` as soon as the
//! run has answered, or after the bridge's grace period, when a headless Blender of ours that
//! did not stop is killed. A render cannot be stopped on the bridge side: cancelling it stops
//! the wait. If the caller drops the future during a run, `cancel` is still sent.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio_util::sync::CancellationToken;

use super::client::SERVER_GRACE;
use super::discover::Connection;
use super::error::Error;
use super::protocol::{ExecuteParams, ExecuteResult, RenderImage, RenderParams};
use super::service::Blender;
use super::traceback::{self, Located};

/// Views per render request (each view is a Cycles render).
pub const VIEWS: std::ops::RangeInclusive<u32> = 1..=10;
/// Pixels per side of a view.
pub const RESOLUTION: std::ops::RangeInclusive<u32> = 8..=4096;
/// Cycles samples per view.
pub const SAMPLES: std::ops::RangeInclusive<u32> = 1..=4096;

/// What to render after a successful run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderRequest {
    /// Views around the scene (clamped to 1..=10).
    pub views: u32,
    /// Pixels per side (clamped to 8..=4096).
    pub resolution: u32,
    /// Cycles samples (clamped to 1..=4096).
    pub samples: u32,
    /// Where the PNG files go; `None`: a directory the bridge chooses.
    pub out_dir: Option<PathBuf>,
}

impl RenderRequest {
    pub fn from_settings(s: &crate::config::RenderSettings, out_dir: Option<PathBuf>) -> RenderRequest {
        RenderRequest { views: s.views, resolution: s.resolution, samples: s.samples, out_dir }
    }

    /// The bridge's parameters, every number within its range.
    pub fn params(&self) -> RenderParams {
        RenderParams {
            views: self.views.clamp(*VIEWS.start(), *VIEWS.end()),
            resolution: self.resolution.clamp(*RESOLUTION.start(), *RESOLUTION.end()),
            samples: self.samples.clamp(*SAMPLES.start(), *SAMPLES.end()),
            output_dir: self.out_dir.as_ref().map(|d| d.to_string_lossy().into_owned()),
            ..Default::default()
        }
    }
}

/// One script to run.
#[derive(Debug, Clone, PartialEq)]
pub struct RunRequest {
    pub code: String,
    /// The buffer's path (or URI): tracebacks name it, so errors map to its lines.
    pub file_name: String,
    /// Start from an empty scene; else the current one (the default scene with its cube, in
    /// a Blender that was just started).
    pub fresh: bool,
    /// `None`: no limit.
    pub time_limit: Option<Duration>,
    /// Render after a run without error.
    pub render: Option<RenderRequest>,
}

/// What happened.
#[derive(Debug, Clone, PartialEq)]
pub struct RunReport {
    /// Output and the structured error of the run (`ok: false` for a Python exception).
    pub result: ExecuteResult,
    /// The 1-based line of the buffer where the error belongs (the deepest frame in the
    /// buffer); `None` without an error or when no frame is in the buffer.
    pub error_line: Option<usize>,
    /// The error placed in the buffer (ranges, callers), when there is one.
    pub located: Option<Located>,
    /// The rendered PNG files, one per view.
    pub renders: Vec<PathBuf>,
    /// The same with their view number and size.
    pub images: Vec<RenderImage>,
    /// Why the render failed (the run itself succeeded).
    pub render_error: Option<String>,
    /// Names in the scene after the run, by item type ("Object" -> names); `None` when
    /// they could not be read (a blender-mcp add-on, or an error).
    pub scene_names: Option<HashMap<String, Vec<String>>>,
    /// From the request to the report.
    pub duration: Duration,
    /// The address of the Blender that ran it.
    pub address: String,
    /// What happened to the previous Blender (it crashed or hung and was restarted).
    pub problem: Option<String>,
}

/// Sends `cancel` if dropped while armed: a caller that stops waiting (a cancelled LSP
/// request) does not leave the code running in Blender.
struct CancelOnDrop(Option<Arc<Connection>>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        if let Some(conn) = self.0.take()
            && let Ok(rt) = tokio::runtime::Handle::try_current()
        {
            rt.spawn(async move {
                if let Connection::Bridge(c) = &*conn {
                    let _ = c.cancel().await;
                }
            });
        }
    }
}

/// Run `req` in `blender` (connecting or starting one), then read the scene and render.
/// `Err` when Blender could not be reached, died or hung, or `cancel` fired.
pub async fn run_script(
    blender: &mut Blender,
    req: &RunRequest,
    cancel: &CancellationToken,
) -> Result<RunReport, Error> {
    let started = Instant::now();
    if cancel.is_cancelled() {
        return Err(Error::Cancelled);
    }
    // Starting a Blender takes seconds; a cancel meanwhile stops the wait (a half-started
    // managed Blender is killed when its handle drops).
    let conn = tokio::select! {
        c = blender.connect() => c?,
        _ = cancel.cancelled() => return Err(Error::Cancelled),
    };
    let mut exec = ExecuteParams::new(req.code.clone(), req.file_name.clone());
    exec.fresh_scene = req.fresh;
    exec.timeout = req.time_limit.map(|d| d.as_secs_f64()).filter(|t| *t > 0.0);

    let mut guard = CancelOnDrop(Some(conn.clone()));
    let outcome = {
        let run = blender.run(&exec);
        tokio::pin!(run);
        tokio::select! {
            r = &mut run => Ok(r),
            _ = cancel.cancelled() => {
                if let Connection::Bridge(c) = &*conn {
                    // The bridge answers `cancel` at once and the run soon after.
                    let _ = c.cancel().await;
                }
                guard.0 = None;
                Err(tokio::time::timeout(SERVER_GRACE + Duration::from_secs(1), &mut run).await.is_ok())
            }
        }
    };
    guard.0 = None;
    let result = match outcome {
        Ok(r) => r?,
        Err(stopped) => {
            if !stopped {
                blender.abandon("a cancelled run did not stop").await;
            }
            return Err(Error::Cancelled);
        }
    };

    let problem = blender.last_problem.take();
    let located = traceback::locate(&result, &req.file_name, &req.code);
    let error_line = result.error.as_ref().and_then(|e| {
        let in_buffer = e.line.is_some() || e.traceback.iter().any(|f| f.filename == req.file_name && f.line.is_some());
        in_buffer.then(|| located.as_ref().map(|l| l.line + 1)).flatten()
    });
    let scene_names = match blender.scene_info().await {
        Ok(Some(info)) => Some(info.names_by_type()),
        _ => None,
    };
    let mut report = RunReport {
        result,
        error_line,
        located,
        renders: Vec::new(),
        images: Vec::new(),
        render_error: None,
        scene_names,
        duration: Duration::ZERO,
        address: conn.address().to_string(),
        problem,
    };
    if let Some(render) = req.render.as_ref().filter(|_| report.result.ok) {
        let params = render.params();
        let rendered = tokio::select! {
            r = blender.render(&params) => r,
            _ = cancel.cancelled() => return Err(Error::Cancelled),
        };
        match rendered {
            Ok(r) => {
                report.renders = r.images.iter().map(|i| PathBuf::from(&i.path)).collect();
                report.images = r.images;
            }
            Err(e) => report.render_error = Some(e.to_string()),
        }
    }
    report.duration = started.elapsed();
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_numbers_are_clamped() {
        let r = RenderRequest { views: 40, resolution: 2, samples: 0, out_dir: None };
        let p = r.params();
        assert_eq!((p.views, p.resolution, p.samples, p.engine.as_str()), (10, 8, 1, "CYCLES"));
        let r = RenderRequest { views: 0, resolution: 9000, samples: 99_999, out_dir: Some("/o".into()) };
        let p = r.params();
        assert_eq!((p.views, p.resolution, p.samples, p.output_dir.as_deref()), (1, 4096, 4096, Some("/o")));
    }
}
