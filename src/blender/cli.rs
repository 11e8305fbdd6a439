//! The bridge commands of the CLI (`bpy-lsp run`, `bpy-lsp blender status`), as library
//! functions that write to the given streams and return the exit code. The work is
//! `service::run_script`; this file prints it.

use std::io::Write;
use std::path::{Path, PathBuf};

use std::time::Duration;

use tokio_util::sync::CancellationToken;

use super::discover::Settings;
use super::service::{Blender, RenderRequest, RunReport, RunRequest, run_script};

/// `bpy-lsp run` options.
#[derive(Debug, Clone)]
pub struct RunOptions {
    pub file: PathBuf,
    pub fresh: bool,
    /// Seconds; 0 = no limit.
    pub timeout: f64,
    /// Render previews after a successful run into this PNG path (`_NN` added per view
    /// when there are several).
    pub render: Option<PathBuf>,
    pub views: u32,
    pub resolution: u32,
    pub samples: u32,
    pub settings: Settings,
}

/// Exit codes: 0 the script ran, 1 it raised (or a render failed), errors = Blender problems.
pub async fn run_file(opts: &RunOptions, out: &mut dyn Write, err: &mut dyn Write) -> Result<i32, anyhow::Error> {
    let code =
        std::fs::read_to_string(&opts.file).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", opts.file.display()))?;
    // Tracebacks name the absolute path; messages use the path as the user wrote it.
    let filename = std::path::absolute(&opts.file).unwrap_or_else(|_| opts.file.clone());
    let tmp = std::env::temp_dir().join(format!(
        "bpy-lsp-render-{}-{}",
        std::process::id(),
        super::launcher::random_token().get(..8).unwrap_or("x")
    ));
    let req = RunRequest {
        code,
        file_name: filename.to_string_lossy().into_owned(),
        fresh: opts.fresh,
        time_limit: (opts.timeout > 0.0 && opts.timeout.is_finite()).then(|| Duration::from_secs_f64(opts.timeout)),
        render: opts.render.as_ref().map(|_| RenderRequest {
            views: opts.views,
            resolution: opts.resolution,
            samples: opts.samples,
            out_dir: Some(tmp.clone()),
        }),
    };
    let mut blender = Blender::new(opts.settings.clone());
    let report = run_script(&mut blender, &req, &CancellationToken::new()).await;
    blender.shutdown().await;
    let report = report?;
    out.write_all(report.result.stdout.as_bytes())?;
    err.write_all(report.result.stderr.as_bytes())?;
    let shown = opts.file.display();
    let mut exit = 0;
    if let (Some(e), Some(loc)) = (&report.result.error, &report.located) {
        if !e.formatted.is_empty() {
            err.write_all(e.formatted.as_bytes())?;
        }
        match report.error_line {
            Some(line) => writeln!(err, "{shown}:{line}: {}", loc.message)?,
            None => writeln!(err, "{shown}: {}", loc.message)?,
        }
        exit = 1;
    } else if let Some(target) = &opts.render {
        exit = copy_renders(&report, target, out, err)?;
    }
    let _ = std::fs::remove_dir_all(&tmp);
    Ok(exit)
}

/// The rendered views to `target` (one view) or `target_NN.png` (several).
fn copy_renders(report: &RunReport, target: &Path, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<i32> {
    if let Some(e) = &report.render_error {
        writeln!(err, "render failed: {e}")?;
        return Ok(1);
    }
    let several = report.images.len() > 1;
    for img in &report.images {
        let dest = if several { numbered(target, img.view) } else { target.to_path_buf() };
        if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::copy(&img.path, &dest)
            .map_err(|e| anyhow::anyhow!("cannot copy {} to {}: {e}", img.path, dest.display()))?;
        writeln!(out, "wrote {} ({}x{}, view {})", dest.display(), img.width, img.height, img.view)?;
    }
    Ok(0)
}

/// `out.png`, view 2 -> `out_02.png`.
pub fn numbered(path: &Path, view: u32) -> PathBuf {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "preview".into());
    let ext = path.extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_else(|| "png".into());
    path.with_file_name(format!("{stem}_{view:02}.{ext}"))
}

/// `bpy-lsp blender status`.
pub async fn status(settings: &Settings, start: bool, out: &mut dyn Write) -> Result<i32, anyhow::Error> {
    let mut blender = Blender::new(settings.clone());
    let st = blender.status(start).await;
    let found = st.connected.is_some();
    match &st.connected {
        Some(fields) => {
            writeln!(out, "Blender found: {}", st.source.as_deref().unwrap_or("?"))?;
            for (k, v) in fields {
                writeln!(out, "  {k:<9} {v}")?;
            }
        }
        None => writeln!(out, "No running Blender found.")?,
    }
    let started = blender.managed().is_some();
    if let Some(l) = &st.launch {
        match (found, started) {
            (true, true) => writeln!(out, "  started   {l}")?,
            (true, false) => writeln!(out, "Without it, bpy-lsp would start: {l}")?,
            (false, _) => writeln!(out, "Would start on first run: {l}")?,
        }
    }
    if !found {
        for n in &st.notes {
            writeln!(out, "  note: {n}")?;
        }
    }
    blender.shutdown().await;
    Ok(if found || st.launch.is_some() { 0 } else { 1 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_paths() {
        assert_eq!(numbered(Path::new("/a/out.png"), 2), PathBuf::from("/a/out_02.png"));
        assert_eq!(numbered(Path::new("prev"), 0), PathBuf::from("prev_00.png"));
    }
}
