//! The bridge commands of the CLI (`bpy-lsp run`, `bpy-lsp blender status`), as library
//! functions that write to the given streams and return the exit code.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::discover::Settings;
use super::protocol::{ExecuteParams, RenderParams};
use super::service::Blender;
use super::traceback;

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
    pub engine: String,
    pub settings: Settings,
}

/// Exit codes: 0 the script ran, 1 it raised (or a render failed), errors = Blender problems.
pub async fn run_file(opts: &RunOptions, out: &mut dyn Write, err: &mut dyn Write) -> Result<i32, anyhow::Error> {
    let code =
        std::fs::read_to_string(&opts.file).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", opts.file.display()))?;
    // Tracebacks name the absolute path; messages use the path as the user wrote it.
    let filename = std::path::absolute(&opts.file).unwrap_or_else(|_| opts.file.clone());
    let filename = filename.to_string_lossy().into_owned();
    let mut params = ExecuteParams::new(code.clone(), filename.clone());
    params.fresh_scene = opts.fresh;
    params.timeout = (opts.timeout > 0.0).then_some(opts.timeout);

    let mut blender = Blender::new(opts.settings.clone());
    let result = blender.run(&params).await;
    let outcome = match result {
        Ok(r) => r,
        Err(e) => {
            blender.shutdown().await;
            return Err(e.into());
        }
    };
    out.write_all(outcome.stdout.as_bytes())?;
    err.write_all(outcome.stderr.as_bytes())?;
    let mut exit = 0;
    if let Some(e) = &outcome.error {
        let loc = traceback::locate_error(e, &filename, &code);
        if !e.formatted.is_empty() {
            err.write_all(e.formatted.as_bytes())?;
        }
        let shown = opts.file.display();
        match e.line.or_else(|| e.traceback.iter().rev().find(|f| f.filename == filename).and_then(|f| f.line)) {
            Some(_) => writeln!(err, "{shown}:{}: {}", loc.line + 1, loc.message)?,
            None => writeln!(err, "{shown}: {}", loc.message)?,
        }
        exit = 1;
    } else if let Some(target) = &opts.render {
        exit = render(&mut blender, opts, target, out, err).await?;
    }
    blender.shutdown().await;
    Ok(exit)
}

async fn render(
    blender: &mut Blender,
    opts: &RunOptions,
    target: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32, anyhow::Error> {
    let tmp = std::env::temp_dir().join(format!(
        "bpy-lsp-render-{}-{}",
        std::process::id(),
        super::launcher::random_token().get(..8).unwrap_or("x")
    ));
    let params = RenderParams {
        views: opts.views.clamp(1, 8),
        resolution: opts.resolution,
        engine: opts.engine.clone(),
        samples: opts.samples.max(1),
        output_dir: Some(tmp.to_string_lossy().into_owned()),
    };
    let result = blender.render(&params).await;
    let images = match result {
        Ok(r) => r.images,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&tmp);
            writeln!(err, "render failed: {e}")?;
            return Ok(1);
        }
    };
    let several = images.len() > 1;
    for img in &images {
        let dest = if several { numbered(target, img.view) } else { target.to_path_buf() };
        if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::copy(&img.path, &dest)
            .map_err(|e| anyhow::anyhow!("cannot copy {} to {}: {e}", img.path, dest.display()))?;
        writeln!(out, "wrote {} ({}x{}, view {})", dest.display(), img.width, img.height, img.view)?;
    }
    let _ = std::fs::remove_dir_all(&tmp);
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
