//! Finding a Blender: a configured address, a live connection file, or what to launch.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::client::Client;
use super::error::Error;
use super::launcher::Launch;
use super::legacy::LegacyClient;
use super::protocol::ConnectionInfo;

/// Where and how to reach Blender (`[blender]` of `config`). Empty fields mean "find one".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// `host:port` of a running bridge (or blender-mcp / LL3M add-on).
    pub address: Option<String>,
    /// Its token.
    pub token: Option<String>,
    /// A Blender executable to start headless (`path` in the settings).
    #[serde(rename = "path")]
    pub blender: Option<PathBuf>,
    /// A Python with the `bpy` module to start headless.
    pub python: Option<PathBuf>,
    /// Time limit of one run, in seconds; 0 = none.
    pub timeout: f64,
    /// Time limit for a managed Blender to start.
    #[serde(skip)]
    pub start_timeout: Duration,
    /// Start a headless Blender of our own and never attach to a running one (the agent:
    /// it runs every version on a fresh scene, which would wipe a user's open scene).
    #[serde(skip)]
    pub private: bool,
}

pub const DEFAULT_TIMEOUT: f64 = 30.0;
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

impl Default for Settings {
    fn default() -> Self {
        Settings {
            address: None,
            token: None,
            blender: None,
            python: None,
            timeout: DEFAULT_TIMEOUT,
            start_timeout: Duration::from_secs(90),
            private: false,
        }
    }
}

/// Whether a process with this pid exists (true when it cannot be told).
pub fn pid_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        if pid == 0 || pid > i32::MAX as u32 {
            return false;
        }
        // SAFETY: signal 0 only checks that the process exists.
        let r = unsafe { libc::kill(pid as libc::pid_t, 0) };
        r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// Connection files in `<state dir>/connections`, best first: GUI Blenders before
/// headless ones, then the newest. Files that do not parse are skipped.
pub fn connection_files(state: &Path) -> Vec<(PathBuf, ConnectionInfo)> {
    let Ok(entries) = std::fs::read_dir(state.join("connections")) else {
        return Vec::new();
    };
    let mut out: Vec<(PathBuf, ConnectionInfo)> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.starts_with("blender-") && name.ends_with(".json")
        })
        .filter_map(|p| {
            let text = std::fs::read_to_string(&p).ok()?;
            let info: ConnectionInfo = serde_json::from_str(&text).ok()?;
            Some((p, info))
        })
        .collect();
    out.sort_by(|(_, a), (_, b)| (b.mode == "gui").cmp(&(a.mode == "gui")).then(b.started_at.cmp(&a.started_at)));
    out
}

/// A connection to a running Blender.
#[derive(Debug)]
#[allow(clippy::large_enum_variant)] // one per Blender, behind an Arc
pub enum Connection {
    Bridge(Client),
    Legacy(LegacyClient),
}

impl Connection {
    pub fn address(&self) -> &str {
        match self {
            Connection::Bridge(c) => c.address(),
            Connection::Legacy(c) => c.address(),
        }
    }

    pub fn is_closed(&self) -> bool {
        match self {
            Connection::Bridge(c) => c.is_closed(),
            Connection::Legacy(_) => false,
        }
    }
}

/// Where the connection came from.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    Configured,
    ConnectionFile(PathBuf),
    Managed,
}

/// Connect to a configured address: a bridge, or else a blender-mcp / LL3M add-on.
pub async fn connect_configured(address: &str, token: Option<&str>) -> Result<Connection, Error> {
    match Client::connect(address, token.unwrap_or(""), CONNECT_TIMEOUT).await {
        Ok(c) => Ok(Connection::Bridge(c)),
        Err(Error::NotABridge { .. }) => Ok(Connection::Legacy(LegacyClient::new(address))),
        Err(e) => Err(e),
    }
}

/// A running Blender: the configured address, else the best live connection file.
/// `Ok(None)`: nothing is running (a managed Blender is the next step). `notes` collects
/// why candidates were skipped.
pub async fn find_running(settings: &Settings, notes: &mut Vec<String>) -> Result<Option<(Connection, Source)>, Error> {
    if settings.private {
        notes.push("a Blender of its own is started for this work".into());
        return Ok(None);
    }
    if let Some(address) = settings.address.as_deref().filter(|a| !a.is_empty()) {
        let c = connect_configured(address, settings.token.as_deref()).await?;
        return Ok(Some((c, Source::Configured)));
    }
    let Some(state) = crate::config::dirs::state_dir() else {
        notes.push("no state directory (HOME is not set)".into());
        return Ok(None);
    };
    let files = connection_files(&state);
    if files.is_empty() {
        notes.push(format!("no connection file in {}", state.join("connections").display()));
    }
    for (path, info) in files {
        if let Some(pid) = info.pid
            && !pid_alive(pid)
        {
            notes.push(format!("{}: process {pid} is gone", path.display()));
            continue;
        }
        match Client::connect(&info.address(), &info.token, CONNECT_TIMEOUT).await {
            Ok(c) => return Ok(Some((Connection::Bridge(c), Source::ConnectionFile(path)))),
            Err(e) => notes.push(format!("{}: {e}", path.display())),
        }
    }
    Ok(None)
}

/// Is `name` an executable file on PATH? Its full path.
pub fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|d| d.join(name)).find(|p| is_executable(p))
}

fn is_executable(p: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        p.metadata().is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    {
        p.is_file()
    }
}

/// The Python of the venv `bpy-lsp blender install` creates.
pub fn managed_python() -> Option<PathBuf> {
    let dir = super::install::venv_dir()?;
    let py = super::install::venv_python(&dir);
    is_executable(&py).then_some(py)
}

/// `.venv/bin/python` of the repository this bpy-lsp was built from (development).
pub fn dev_python() -> Option<PathBuf> {
    let py = Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/python");
    is_executable(&py).then_some(py)
}

/// What to launch when no Blender is running, and why that one: a configured binary, a
/// configured Python, `blender` on PATH, the managed venv, the repository's .venv.
pub fn choose_launch(settings: &Settings) -> Result<(Launch, &'static str), Error> {
    if let Some(b) = &settings.blender {
        return Ok((Launch::Binary(b.clone()), "configured Blender binary"));
    }
    if let Some(p) = &settings.python {
        return Ok((Launch::Python(p.clone()), "configured Python"));
    }
    if let Some(b) = which("blender") {
        return Ok((Launch::Binary(b), "blender on PATH"));
    }
    if let Some(p) = managed_python() {
        return Ok((Launch::Python(p), "installed by `bpy-lsp blender install`"));
    }
    if let Some(p) = dev_python() {
        return Ok((Launch::Python(p), "the repository's .venv"));
    }
    Err(Error::Launch(
        "no Blender found: start the bpy-lsp bridge in Blender, set bpyLsp.blender.path / BPY_LSP_BLENDER, \
         put `blender` on PATH, or run `bpy-lsp blender install`"
            .into(),
    ))
}
