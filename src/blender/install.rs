//! `bpy-lsp blender install`: a venv with the `bpy` module (Blender as a Python module)
//! under the user data dir, for a headless Blender without a Blender installation.
//!
//! bpy 4.4 is built for CPython 3.11 only, so the venv is made with `python3.11`.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::error::Error;

pub const BPY_VERSION: &str = "4.4.0";
pub const PACKAGES: [&str; 2] = ["bpy==4.4.0", "numpy<2"];

/// `<data dir>/blender-4.4`.
pub fn venv_dir() -> Option<PathBuf> {
    Some(crate::config::dirs::data_dir()?.join("blender-4.4"))
}

pub fn venv_python(dir: &Path) -> PathBuf {
    if cfg!(windows) { dir.join("Scripts").join("python.exe") } else { dir.join("bin").join("python") }
}

/// Does this Python import bpy 4.4? Its version string if so.
pub fn bpy_version(python: &Path) -> Option<String> {
    let out = Command::new(python)
        .args(["-c", "import bpy; print('.'.join(map(str, bpy.app.version)))"])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let v = String::from_utf8_lossy(&out.stdout).lines().last()?.trim().to_string();
    (!v.is_empty()).then_some(v)
}

/// What `install` did.
#[derive(Debug, PartialEq)]
pub enum Installed {
    AlreadyThere(PathBuf),
    Fresh(PathBuf),
}

/// Create the venv and install bpy (unless a working one is there). `python` is the
/// interpreter for the venv (default `python3.11`); `progress` gets short status lines.
pub fn install(dir: &Path, python: Option<&Path>, progress: &mut dyn FnMut(&str)) -> Result<Installed, Error> {
    let py = venv_python(dir);
    if let Some(v) = bpy_version(&py) {
        progress(&format!("bpy {v} is already installed in {}", dir.display()));
        return Ok(Installed::AlreadyThere(py));
    }
    if !py.exists() {
        let base = match python {
            Some(p) => p.to_path_buf(),
            None => super::discover::which("python3.11").ok_or_else(|| {
                Error::Launch("python3.11 is not on PATH (bpy 4.4 needs CPython 3.11); pass --python".into())
            })?,
        };
        progress(&format!("creating a venv in {} with {}", dir.display(), base.display()));
        if let Some(parent) = dir.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::Io(format!("creating {}: {e}", parent.display())))?;
        }
        let status = Command::new(&base)
            .args(["-m", "venv"])
            .arg(dir)
            .stdin(Stdio::null())
            .status()
            .map_err(|e| Error::Launch(format!("cannot run {}: {e}", base.display())))?;
        if !status.success() {
            return Err(Error::Launch(format!("`{} -m venv {}` failed ({status})", base.display(), dir.display())));
        }
    }
    progress(&format!("installing {} (about 400 MB to download)", PACKAGES.join(" ")));
    let mut child = Command::new(&py)
        .args(["-m", "pip", "install", "--disable-pip-version-check", "--progress-bar", "off"])
        .args(PACKAGES)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Error::Launch(format!("cannot run {}: {e}", py.display())))?;
    // stderr on a thread so that neither pipe fills up.
    let stderr = child.stderr.take().map(|err| {
        std::thread::spawn(move || BufReader::new(err).lines().map_while(Result::ok).collect::<Vec<_>>().join("\n"))
    });
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            if let Some(p) = progress_line(&line) {
                progress(&p);
            }
        }
    }
    let status = child.wait().map_err(|e| Error::Launch(format!("waiting for pip: {e}")))?;
    let errors = stderr.and_then(|h| h.join().ok()).unwrap_or_default();
    if !status.success() {
        return Err(Error::Launch(format!("pip install failed ({status}):\n{errors}")));
    }
    match bpy_version(&py) {
        Some(v) => {
            progress(&format!("bpy {v} installed: {}", py.display()));
            Ok(Installed::Fresh(py))
        }
        None => Err(Error::Launch(format!("pip succeeded but {} cannot import bpy", py.display()))),
    }
}

/// The lines of pip's output worth showing: what it collects, downloads and installs.
pub fn progress_line(line: &str) -> Option<String> {
    let l = line.trim();
    let keep = ["Collecting ", "Downloading ", "Using cached ", "Installing collected", "Successfully installed"];
    keep.iter().any(|k| l.starts_with(k)).then(|| {
        // "Downloading https://.../bpy-4.4.0-cp311-...whl (360.2 MB)" -> file name and size.
        if let Some(rest) = l.strip_prefix("Downloading ") {
            let (url, size) = rest.split_once(' ').unwrap_or((rest, ""));
            let file = url.rsplit('/').next().unwrap_or(url);
            format!("downloading {file} {size}").trim_end().to_string()
        } else {
            l.to_string()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pip_output_becomes_progress() {
        assert_eq!(progress_line("Collecting bpy==4.4.0").as_deref(), Some("Collecting bpy==4.4.0"));
        assert_eq!(
            progress_line("  Downloading https://files.example/p/bpy-4.4.0-cp311-cp311-manylinux.whl (360.2 MB)")
                .as_deref(),
            Some("downloading bpy-4.4.0-cp311-cp311-manylinux.whl (360.2 MB)")
        );
        assert_eq!(progress_line("Requirement already satisfied: idna"), None);
    }
}
