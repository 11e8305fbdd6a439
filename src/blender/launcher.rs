//! Starting a headless Blender that serves the bridge, and keeping an eye on it.
//!
//! The add-on (editors/blender/serve.py and the bpy_lsp_bridge package) is built into the
//! binary and written to a cache directory before the first launch, so an installed
//! bpy-lsp needs no checkout. The process gets its token through the environment (not
//! argv, which other users can read), writes no connection file (it belongs to this
//! bpy-lsp alone), and its stdout and stderr are drained for as long as it lives; the last
//! lines are kept for error messages.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::process::{ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::AsyncRead;
use tokio::process::{Child, Command};
use tokio::sync::oneshot;

use super::error::Error;
use super::protocol::{self, ConnectionInfo, Line, LineReader};

macro_rules! addon_file {
    ($path:literal) => {
        ($path, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/editors/blender/", $path)))
    };
}

/// The add-on files, relative to editors/blender/.
pub const ADDON_FILES: &[(&str, &str)] = &[
    addon_file!("serve.py"),
    addon_file!("bpy_lsp_bridge/__init__.py"),
    addon_file!("bpy_lsp_bridge/__main__.py"),
    addon_file!("bpy_lsp_bridge/blender_manifest.toml"),
    addon_file!("bpy_lsp_bridge/bridge.py"),
    addon_file!("bpy_lsp_bridge/connection.py"),
    addon_file!("bpy_lsp_bridge/executor.py"),
    addon_file!("bpy_lsp_bridge/hardstop.py"),
    addon_file!("bpy_lsp_bridge/headless.py"),
    addon_file!("bpy_lsp_bridge/render.py"),
    addon_file!("bpy_lsp_bridge/scene.py"),
    addon_file!("bpy_lsp_bridge/server.py"),
    addon_file!("bpy_lsp_bridge/ui.py"),
];

/// How many lines of Blender's output are kept for error messages.
const TAIL_LINES: usize = 200;

/// What to start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Launch {
    /// A Blender executable: `blender -b --factory-startup --python serve.py -- ...`.
    Binary(PathBuf),
    /// A Python with the `bpy` module: `python serve.py ...`.
    Python(PathBuf),
}

impl Launch {
    pub fn program(&self) -> &Path {
        match self {
            Launch::Binary(p) | Launch::Python(p) => p,
        }
    }

    pub fn describe(&self) -> String {
        match self {
            Launch::Binary(p) => format!("blender binary {}", p.display()),
            Launch::Python(p) => format!("Python with bpy {}", p.display()),
        }
    }
}

/// The directory the add-on files are written to, keyed by their content.
pub fn addon_dir() -> Result<PathBuf, Error> {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325; // FNV-1a: stable across builds
    for (name, text) in ADDON_FILES {
        for b in name.bytes().chain(text.bytes()) {
            hash ^= b as u64;
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    let leaf = format!("bridge-{}-{hash:016x}", env!("CARGO_PKG_VERSION"));
    let mut candidates = Vec::new();
    if let Some(c) = crate::config::dirs::cache_dir() {
        candidates.push(c.join(&leaf));
    }
    candidates.push(std::env::temp_dir().join(format!("bpy-lsp-{}", user_tag())).join(&leaf));
    let mut last = String::new();
    for dir in candidates {
        match write_addon(&dir) {
            Ok(()) => return Ok(dir),
            Err(e) => last = format!("cannot write the bridge add-on to {}: {e}", dir.display()),
        }
    }
    Err(Error::Io(last))
}

fn user_tag() -> String {
    std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_else(|_| "user".into())
}

/// Write the files unless a complete copy is there. A fresh copy goes to a temporary
/// directory first and is renamed into place, so a half-written copy is never used.
fn write_addon(dir: &Path) -> std::io::Result<()> {
    let complete =
        ADDON_FILES.iter().all(|(name, text)| std::fs::read(dir.join(name)).is_ok_and(|b| b == text.as_bytes()));
    if complete {
        return Ok(());
    }
    let parent = dir.parent().ok_or_else(|| std::io::Error::other("no parent directory"))?;
    std::fs::create_dir_all(parent)?;
    let tmp = parent.join(format!(".tmp-{}-{}", std::process::id(), random_token().get(..8).unwrap_or("x")));
    for (name, text) in ADDON_FILES {
        let path = tmp.join(name);
        if let Some(p) = path.parent() {
            std::fs::create_dir_all(p)?;
        }
        std::fs::write(&path, text)?;
    }
    if dir.exists() {
        let _ = std::fs::remove_dir_all(dir);
    }
    match std::fs::rename(&tmp, dir) {
        Ok(()) => Ok(()),
        Err(e) => {
            let _ = std::fs::remove_dir_all(&tmp);
            // Another bpy-lsp may have put a complete copy there in the meantime.
            let complete = ADDON_FILES
                .iter()
                .all(|(name, text)| std::fs::read(dir.join(name)).is_ok_and(|b| b == text.as_bytes()));
            if complete { Ok(()) } else { Err(e) }
        }
    }
}

/// 32 random bytes, base64url without padding (43 characters), like the add-on's tokens.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    let filled =
        std::fs::File::open("/dev/urandom").and_then(|mut f| std::io::Read::read_exact(&mut f, &mut bytes)).is_ok();
    if !filled {
        use std::hash::{BuildHasher, Hasher};
        for (i, chunk) in bytes.chunks_mut(8).enumerate() {
            let mut h = std::collections::hash_map::RandomState::new().build_hasher();
            h.write_usize(i);
            h.write_u128(
                std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos()),
            );
            chunk.copy_from_slice(&h.finish().to_le_bytes()[..chunk.len()]);
        }
    }
    base64url(&bytes)
}

fn base64url(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | (b as u32) << (16 - 8 * i));
        let chars = chunk.len() + 1;
        for i in 0..chars {
            out.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// The last lines Blender printed, shared with the tasks that drain its output.
#[derive(Debug, Default)]
pub struct OutputTail {
    lines: Mutex<VecDeque<String>>,
}

impl OutputTail {
    fn push(&self, line: String) {
        let mut l = self.lines.lock().unwrap_or_else(|e| e.into_inner());
        if l.len() >= TAIL_LINES {
            l.pop_front();
        }
        l.push_back(line);
    }

    /// The last `n` lines, joined.
    pub fn last(&self, n: usize) -> String {
        let l = self.lines.lock().unwrap_or_else(|e| e.into_inner());
        let skip = l.len().saturating_sub(n);
        l.iter().skip(skip).cloned().collect::<Vec<_>>().join("\n")
    }
}

/// A headless Blender started by us.
#[derive(Debug)]
pub struct Managed {
    child: Child,
    pub launch: Launch,
    /// From the ready line: address, token, pid, version.
    pub info: ConnectionInfo,
    pub output: Arc<OutputTail>,
    pub started: Instant,
    /// How long from spawn to the ready line.
    pub startup: Duration,
    exit: Option<ExitStatus>,
}

impl Managed {
    /// Start Blender and wait (up to `limit`) for its ready line.
    pub async fn start(launch: &Launch, limit: Duration) -> Result<Managed, Error> {
        let dir = addon_dir()?;
        let serve = dir.join("serve.py");
        let token = random_token();
        let mut cmd = match launch {
            Launch::Binary(blender) => {
                let mut c = Command::new(blender);
                c.arg("-b").arg("--factory-startup").arg("--python").arg(&serve).arg("--");
                c
            }
            Launch::Python(python) => {
                let mut c = Command::new(python);
                c.arg(&serve);
                c
            }
        };
        cmd.args(["--port", "0", "--host", "127.0.0.1", "--no-conn-file"])
            .env("BPY_LSP_TOKEN", &token)
            .env("PYTHONUNBUFFERED", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        #[cfg(target_os = "linux")]
        // SAFETY: prctl is async-signal-safe; it only sets a flag of the new process.
        unsafe {
            // Blender goes when bpy-lsp goes, even when bpy-lsp is killed.
            cmd.pre_exec(|| {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                Ok(())
            });
        }
        let started = Instant::now();
        let mut child =
            cmd.spawn().map_err(|e| Error::Launch(format!("cannot run {}: {e}", launch.program().display())))?;
        let output = Arc::new(OutputTail::default());
        let (ready_tx, ready_rx) = oneshot::channel();
        if let Some(out) = child.stdout.take() {
            tokio::spawn(drain(out, output.clone(), Some(ready_tx)));
        }
        if let Some(err) = child.stderr.take() {
            tokio::spawn(drain(err, output.clone(), None));
        }
        let describe_exit = |status: ExitStatus, output: &OutputTail| {
            Error::Launch(format!(
                "{} exited ({}) before it was ready. Last output:\n{}",
                launch.describe(),
                describe_status(status),
                output.last(20)
            ))
        };
        let ready = tokio::select! {
            r = tokio::time::timeout(limit, ready_rx) => r,
            status = child.wait() => {
                return Err(match status {
                    Ok(s) => {
                        // Let the drain tasks catch the last lines.
                        tokio::time::sleep(Duration::from_millis(100)).await;
                        describe_exit(s, &output)
                    }
                    Err(e) => Error::Launch(format!("waiting for Blender: {e}")),
                });
            }
        };
        let mut info = match ready {
            Ok(Ok(info)) => info,
            Ok(Err(_)) => {
                // stdout closed without a ready line: the process is ending.
                let status = tokio::time::timeout(Duration::from_secs(5), child.wait()).await;
                let _ = child.start_kill();
                return Err(match status {
                    Ok(Ok(s)) => describe_exit(s, &output),
                    _ => Error::Launch(format!("{} closed its output without a ready line", launch.describe())),
                });
            }
            Err(_) => {
                let _ = child.start_kill();
                let _ = child.wait().await;
                return Err(Error::Launch(format!(
                    "{} was not ready within {:.0} s. Last output:\n{}",
                    launch.describe(),
                    limit.as_secs_f64(),
                    output.last(20)
                )));
            }
        };
        info.token = token;
        if info.mode.is_empty() {
            info.mode = "headless".into();
        }
        Ok(Managed { child, launch: launch.clone(), info, output, started, startup: started.elapsed(), exit: None })
    }

    pub fn pid(&self) -> Option<u32> {
        self.info.pid.or_else(|| self.child.id())
    }

    pub fn address(&self) -> String {
        self.info.address()
    }

    /// The exit status, if the process has ended.
    pub fn exit_status(&mut self) -> Option<ExitStatus> {
        if self.exit.is_none() {
            self.exit = self.child.try_wait().ok().flatten();
        }
        self.exit
    }

    /// Wait up to `limit` for the process to end.
    pub async fn wait_exit(&mut self, limit: Duration) -> Option<ExitStatus> {
        if self.exit.is_none() {
            self.exit = tokio::time::timeout(limit, self.child.wait()).await.ok().and_then(Result::ok);
        }
        self.exit
    }

    /// SIGKILL and reap.
    pub async fn kill(&mut self) {
        if self.exit_status().is_none() {
            let _ = self.child.start_kill();
            self.exit = self.child.wait().await.ok();
        }
    }

    /// Ask it to end (SIGTERM: the server removes its files and exits 0); kill it if it is
    /// still there after `grace`.
    pub async fn terminate(&mut self, grace: Duration) {
        if self.exit_status().is_some() {
            return;
        }
        #[cfg(unix)]
        if let Some(pid) = self.child.id() {
            // SAFETY: kill(2) with a pid of our own child that has not been reaped.
            unsafe {
                libc::kill(pid as libc::pid_t, libc::SIGTERM);
            }
        }
        if self.wait_exit(grace).await.is_none() {
            self.kill().await;
        }
    }
}

/// "exit code 3 (...)", "killed by signal 9".
pub fn describe_status(status: ExitStatus) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(sig) = status.signal() {
            let name = match sig {
                9 => " (SIGKILL)",
                15 => " (SIGTERM)",
                11 => " (SIGSEGV: Blender crashed)",
                6 => " (SIGABRT: Blender crashed)",
                _ => "",
            };
            return format!("killed by signal {sig}{name}");
        }
    }
    match status.code() {
        Some(3) => "exit code 3: the code could not be stopped after its time limit".into(),
        Some(c) => format!("exit code {c}"),
        None => "ended".into(),
    }
}

/// Read lines from Blender's stdout or stderr until it closes them; send the ready line.
async fn drain<R: AsyncRead + Unpin>(
    stream: R,
    tail: Arc<OutputTail>,
    mut ready: Option<oneshot::Sender<ConnectionInfo>>,
) {
    let mut lines = LineReader::new(stream, 1 << 20);
    loop {
        match lines.next_line().await {
            Ok(Line::Text(bytes)) => {
                let line = String::from_utf8_lossy(&bytes).into_owned();
                if ready.is_some()
                    && let Some(info) = protocol::parse_ready_line(&line)
                    && let Some(tx) = ready.take()
                {
                    let _ = tx.send(info);
                    continue;
                }
                tail.push(line);
            }
            Ok(Line::TooLong(n)) => tail.push(format!("[a line of {n} bytes]")),
            Ok(Line::Eof) | Err(_) => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_43_url_safe_characters() {
        let t = random_token();
        assert_eq!(t.len(), 43);
        assert!(t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        assert_ne!(t, random_token());
        assert_eq!(base64url(b"\xfb\xff"), "-_8");
        assert_eq!(base64url(b"Man"), "TWFu");
    }

    #[test]
    fn every_addon_file_is_built_in() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("editors/blender/bpy_lsp_bridge");
        let Ok(entries) = std::fs::read_dir(&dir) else { return };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".py") || name.ends_with(".toml") {
                let rel = format!("bpy_lsp_bridge/{name}");
                assert!(ADDON_FILES.iter().any(|(n, _)| *n == rel), "{rel} is missing from ADDON_FILES");
            }
        }
    }
}
