//! One agent session on disk: `.bpy-lsp/sessions/<id>/` in the workspace (the user data dir
//! when there is none) with the request, the plan, every script version (`v01.py`, ...),
//! `draft.py` (the latest version that ran without error), renders and `log.jsonl`, one JSON
//! object per step. A session can be continued by id after the process that made it died.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// What `meta.json` holds: enough to list a session and to continue it.
#[derive(Debug, Clone, Serialize, Deserialize, Default, PartialEq)]
pub struct Meta {
    pub id: String,
    /// Seconds since the Unix epoch.
    pub created: u64,
    pub updated: u64,
    pub request: String,
    /// "offline provider", "openai gpt-4o", ...
    pub provider: String,
    /// The last state: "running", "ok", "failed", "cancelled", "no-fit".
    pub status: String,
    /// Script versions written (v01.py ... vNN.py).
    pub versions: u32,
    /// The version that is in draft.py, when one ran.
    pub draft_version: Option<u32>,
    /// Refinement instructions applied, in order.
    #[serde(default)]
    pub refinements: Vec<String>,
    /// Offline provider: the asset and the parameters it filled (to refine them later).
    #[serde(default)]
    pub asset: Option<String>,
    #[serde(default)]
    pub params: Vec<(String, String)>,
}

pub struct Session {
    pub dir: PathBuf,
    pub meta: Meta,
    /// Strings that must never reach a file (API keys): replaced by `[redacted]`.
    secrets: Vec<String>,
}

/// `<root>/.bpy-lsp/sessions` for a workspace root; else `<data dir>/sessions`.
/// `BPY_LSP_SESSIONS_DIR` replaces both.
pub fn sessions_root(workspace: Option<&Path>) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("BPY_LSP_SESSIONS_DIR").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(p));
    }
    match workspace {
        Some(w) => Some(w.join(".bpy-lsp").join("sessions")),
        None => Some(crate::config::dirs::data_dir()?.join("sessions")),
    }
}

/// The workspace of a directory: the nearest ancestor with `.bpy-lsp`, `bpy-lsp.toml` or `.git`.
pub fn find_workspace(start: &Path) -> Option<PathBuf> {
    let start = std::path::absolute(start).ok()?;
    start
        .ancestors()
        .find(|d| d.join(".bpy-lsp").is_dir() || d.join("bpy-lsp.toml").is_file() || d.join(".git").exists())
        .map(Path::to_path_buf)
}

pub fn now_secs() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// `20261202-153005` (UTC) for Unix seconds.
pub fn stamp(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}{m:02}{d:02}-{:02}{:02}{:02}", rem / 3600, rem / 60 % 60, rem % 60)
}

/// A session id is `[A-Za-z0-9-]`, 1..64 chars: it names a directory, so nothing else.
pub fn valid_id(id: &str) -> bool {
    // The random part is URL-safe base64 (`_` and `-` besides letters and digits); nothing
    // that could leave the sessions directory (`/`, `.`).
    !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

impl Session {
    /// A new session under `root`.
    pub fn create(root: &Path, request: &str, provider: &str) -> std::io::Result<Session> {
        let created = now_secs();
        let token = crate::blender::launcher::random_token();
        let id = format!("{}-{}", stamp(created), token.get(..6).unwrap_or("000000"));
        let dir = root.join(&id);
        std::fs::create_dir_all(&dir)?;
        let meta = Meta {
            id,
            created,
            updated: created,
            request: request.to_string(),
            provider: provider.to_string(),
            status: "running".into(),
            ..Default::default()
        };
        let s = Session { dir, meta, secrets: Vec::new() };
        std::fs::write(s.dir.join("request.txt"), request)?;
        s.save()?;
        Ok(s)
    }

    /// An existing session by id.
    pub fn open(root: &Path, id: &str) -> Result<Session, String> {
        if !valid_id(id) {
            return Err(format!("{id:?} is not a session id (see `bpy-lsp sessions`)"));
        }
        let dir = root.join(id);
        let text = std::fs::read_to_string(dir.join("meta.json"))
            .map_err(|e| format!("no session {id} in {}: {e} (see `bpy-lsp sessions`)", root.display()))?;
        let meta: Meta = serde_json::from_str(&text).map_err(|e| format!("session {id}: meta.json is damaged: {e}"))?;
        Ok(Session { dir, meta, secrets: Vec::new() })
    }

    /// Never write these strings (API keys) into any session file.
    pub fn add_secret(&mut self, secret: &str) {
        if secret.len() >= 4 {
            self.secrets.push(secret.to_string());
        }
    }

    pub fn redact(&self, text: &str) -> String {
        let mut out = text.to_string();
        for s in &self.secrets {
            if out.contains(s.as_str()) {
                out = out.replace(s.as_str(), "[redacted]");
            }
        }
        out
    }

    pub fn save(&self) -> std::io::Result<()> {
        let text = serde_json::to_string_pretty(&self.meta).unwrap_or_default();
        write_atomic(&self.dir.join("meta.json"), self.redact(&text).as_bytes())
    }

    pub fn set_status(&mut self, status: &str) {
        self.meta.status = status.to_string();
        self.meta.updated = now_secs();
        let _ = self.save();
    }

    /// Append one step to log.jsonl: `{"time": .., "step": .., ...fields}`.
    pub fn log(&self, step: &str, fields: Value) {
        let mut entry = json!({"time": now_secs(), "step": step});
        if let (Some(e), Value::Object(f)) = (entry.as_object_mut(), fields) {
            e.extend(f);
        }
        let line = self.redact(&entry.to_string()) + "\n";
        let file = std::fs::OpenOptions::new().create(true).append(true).open(self.dir.join("log.jsonl"));
        if let Ok(mut f) = file {
            let _ = f.write_all(line.as_bytes());
        }
    }

    /// Write the next script version; returns its number and path.
    pub fn write_version(&mut self, code: &str) -> std::io::Result<(u32, PathBuf)> {
        self.meta.versions += 1;
        let n = self.meta.versions;
        let path = self.dir.join(format!("v{n:02}.py"));
        std::fs::write(&path, self.redact(code))?;
        self.save()?;
        Ok((n, path))
    }

    /// The version that ran without error becomes draft.py.
    pub fn write_draft(&mut self, version: u32, code: &str) -> std::io::Result<PathBuf> {
        let path = self.draft_path();
        write_atomic(&path, self.redact(code).as_bytes())?;
        self.meta.draft_version = Some(version);
        self.save()?;
        Ok(path)
    }

    pub fn draft_path(&self) -> PathBuf {
        self.dir.join("draft.py")
    }

    pub fn draft(&self) -> Option<String> {
        std::fs::read_to_string(self.draft_path()).ok()
    }

    pub fn write_file(&self, name: &str, text: &str) {
        let _ = std::fs::write(self.dir.join(name), self.redact(text));
    }

    /// Where the renders of a version go.
    pub fn render_dir(&self, version: u32) -> PathBuf {
        self.dir.join("renders").join(format!("v{version:02}"))
    }
}

fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}

/// All sessions under `root`, newest first (unreadable ones are skipped).
pub fn list(root: &Path) -> Vec<Meta> {
    let Ok(entries) = std::fs::read_dir(root) else { return Vec::new() };
    let mut out: Vec<Meta> = entries
        .flatten()
        .filter_map(|e| std::fs::read_to_string(e.path().join("meta.json")).ok())
        .filter_map(|t| serde_json::from_str(&t).ok())
        .collect();
    out.sort_by(|a, b| b.created.cmp(&a.created).then(b.id.cmp(&a.id)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_are_utc_dates() {
        assert_eq!(stamp(0), "19700101-000000");
        assert_eq!(stamp(1_796_225_405), "20261202-153005");
    }

    #[test]
    fn ids_cannot_leave_the_directory() {
        assert!(valid_id("20261202-153005-abc123"));
        // Every id `create` makes is valid (its random part may hold `_` or `-`).
        assert!(valid_id("20261203-121306-U_QaM8") && valid_id("20261203-121306--x9a0b"));
        assert!(!valid_id("20261203-121306.x") && !valid_id("a\\b"));
        assert!(!valid_id("../etc"));
        assert!(!valid_id(""));
        assert!(!valid_id("a/b"));
    }

    #[test]
    fn secrets_never_reach_the_files() {
        let dir = std::env::temp_dir().join(format!("bpy-lsp-session-test-{}", std::process::id()));
        let mut s = Session::create(&dir, "a chair", "offline provider").expect("create");
        s.add_secret("sk-secret-123");
        s.log("model", json!({"error": "bad key sk-secret-123"}));
        let log = std::fs::read_to_string(s.dir.join("log.jsonl")).expect("log");
        assert!(!log.contains("sk-secret-123") && log.contains("[redacted]"), "{log}");
        let back = Session::open(&dir, &s.meta.id).expect("open");
        assert_eq!(back.meta.request, "a chair");
        assert_eq!(list(&dir).len(), 1);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
