//! One Blender for bpy-lsp: found or started on first use, restarted after it died or hung.
//!
//! This is what the CLI (`bpy-lsp run`) and the language server share. It connects to a
//! configured address, else to a live connection file, else starts a managed headless
//! Blender. When a run hangs past its time limit, or the managed Blender dies, it is
//! killed and the *next* request starts a new one. A Blender that is not ours is never
//! killed. The workflow on top (run, locate the error, scene names, render) is
//! `run_script` (workflow.rs).

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use super::client::Client;
use super::discover::{self, Connection, Settings, Source};
use super::error::Error;
use super::launcher::{self, Managed};
use super::protocol::{ExecuteParams, ExecuteResult, RenderParams, RenderResult, SceneInfo};
pub use super::workflow::{RenderRequest, RunReport, RunRequest, run_script};

/// The current connection, readable without waiting for a run to finish.
#[derive(Clone, Default)]
pub struct Handle(Arc<Mutex<Option<Arc<Connection>>>>);

impl Handle {
    fn lock(&self) -> MutexGuard<'_, Option<Arc<Connection>>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The live connection, if there is one (never connects).
    pub fn current(&self) -> Option<Arc<Connection>> {
        self.lock().clone().filter(|c| !c.is_closed())
    }

    fn set(&self, c: Option<Arc<Connection>>) {
        *self.lock() = c;
    }
}

/// What `status` found.
#[derive(Debug, Clone, Default)]
pub struct Status {
    /// `address`, `version`, `mode`, `pid`, `protocol` of the connected Blender.
    pub connected: Option<Vec<(&'static str, String)>>,
    /// Where it came from.
    pub source: Option<String>,
    /// What would be started when nothing runs.
    pub launch: Option<String>,
    /// Why candidates were skipped, or why nothing works.
    pub notes: Vec<String>,
}

pub struct Blender {
    settings: Settings,
    conn: Handle,
    source: Option<Source>,
    managed: Option<Managed>,
    /// What happened to the previous Blender (crash, hang), for the next message.
    pub last_problem: Option<String>,
}

impl Blender {
    pub fn new(settings: Settings) -> Blender {
        Blender { settings, conn: Handle::default(), source: None, managed: None, last_problem: None }
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// New settings. A changed address, token or program drops the current connection
    /// (and stops a managed Blender when what to launch changed).
    pub async fn set_settings(&mut self, settings: Settings) {
        let reach = |s: &Settings| (s.address.clone(), s.token.clone(), s.blender.clone(), s.python.clone());
        if reach(&settings) != reach(&self.settings) {
            self.disconnect().await;
        }
        self.settings = settings;
    }

    pub fn handle(&self) -> Handle {
        self.conn.clone()
    }

    pub fn source(&self) -> Option<&Source> {
        self.source.as_ref()
    }

    pub fn managed(&self) -> Option<&Managed> {
        self.managed.as_ref()
    }

    /// The pid of the headless Blender we started, while it runs.
    pub fn managed_pid(&mut self) -> Option<u32> {
        let m = self.managed.as_mut()?;
        if m.exit_status().is_some() { None } else { m.pid() }
    }

    /// The connection, connecting or starting Blender when needed.
    pub async fn connect(&mut self) -> Result<Arc<Connection>, Error> {
        if let Some(m) = self.managed.as_mut()
            && let Some(status) = m.exit_status()
        {
            self.last_problem = Some(format!(
                "the headless Blender exited ({}); a new one was started",
                launcher::describe_status(status)
            ));
            self.managed = None;
            self.conn.set(None);
        }
        if let Some(c) = self.conn.current() {
            return Ok(c);
        }
        self.conn.set(None);
        if let Some(m) = &self.managed {
            // Ours, alive, but the connection is gone: connect again.
            let c = Client::connect(&m.address(), &m.info.token, discover::CONNECT_TIMEOUT).await;
            match c {
                Ok(c) => return Ok(self.store(Connection::Bridge(c), Source::Managed)),
                Err(e) => {
                    self.last_problem = Some(format!("lost the headless Blender ({e}); a new one was started"));
                    if let Some(mut m) = self.managed.take() {
                        m.kill().await;
                    }
                }
            }
        }
        let mut notes = Vec::new();
        if let Some((c, source)) = discover::find_running(&self.settings, &mut notes).await? {
            return Ok(self.store(c, source));
        }
        let (launch, _why) = discover::choose_launch(&self.settings)?;
        let managed = Managed::start(&launch, self.settings.start_timeout).await?;
        let c = Client::connect(&managed.address(), &managed.info.token, discover::CONNECT_TIMEOUT).await;
        match c {
            Ok(c) => {
                self.managed = Some(managed);
                Ok(self.store(Connection::Bridge(c), Source::Managed))
            }
            Err(e) => {
                let mut m = managed;
                m.kill().await;
                Err(e)
            }
        }
    }

    /// Connect to a Blender that already runs (the configured address or a connection
    /// file); never starts one. True when connected.
    pub async fn attach(&mut self) -> bool {
        if self.conn.current().is_some() {
            return true;
        }
        let mut notes = Vec::new();
        match discover::find_running(&self.settings, &mut notes).await {
            Ok(Some((c, source))) => {
                self.store(c, source);
                true
            }
            _ => false,
        }
    }

    fn store(&mut self, c: Connection, source: Source) -> Arc<Connection> {
        let c = Arc::new(c);
        self.conn.set(Some(c.clone()));
        self.source = Some(source);
        c
    }

    /// Drop the connection; stop a managed Blender.
    pub async fn disconnect(&mut self) {
        self.conn.set(None);
        self.source = None;
        if let Some(mut m) = self.managed.take() {
            m.terminate(Duration::from_secs(3)).await;
        }
    }

    /// Stop everything: `shutdown` to a managed Blender, then SIGTERM, then SIGKILL.
    pub async fn shutdown(&mut self) {
        if self.managed.is_some()
            && let Some(c) = self.conn.current()
            && let Connection::Bridge(client) = &*c
        {
            let _ = client.shutdown().await;
            if let Some(m) = self.managed.as_mut() {
                m.wait_exit(Duration::from_secs(3)).await;
            }
        }
        self.disconnect().await;
    }

    /// After a request failed because the connection closed or no reply came: find out
    /// what happened, kill our Blender if it hangs, and say so. The next request starts a
    /// new one.
    async fn failed(&mut self, what: &str, e: Error) -> Error {
        let (closed, timeout) = (matches!(e, Error::Closed(_)), matches!(e, Error::Timeout { .. }));
        if !closed && !timeout {
            return e;
        }
        self.conn.set(None);
        let Some(mut m) = self.managed.take() else {
            return e;
        };
        let pid = m.pid().map_or(String::new(), |p| format!(" (pid {p})"));
        let message = if timeout {
            m.kill().await;
            format!("{e}; the headless Blender{pid} was killed and will be started again on the next run")
        } else {
            let status = m.wait_exit(Duration::from_secs(3)).await;
            if status.is_none() {
                m.kill().await;
            }
            let how = status.map_or("it stopped answering".to_string(), launcher::describe_status);
            let tail = m.output.last(8);
            let tail = if tail.is_empty() { String::new() } else { format!("\nLast output of Blender:\n{tail}") };
            format!("Blender{pid} stopped during {what}: {how}. It will be started again on the next run.{tail}")
        };
        self.last_problem = Some(message.clone());
        self.source = None;
        Error::Closed(message)
    }

    /// Give up on the current run: kill the headless Blender of ours (it will be started
    /// again on the next request) and drop the connection. A Blender that is not ours is
    /// left alone (the user's GUI Blender is never killed).
    pub async fn abandon(&mut self, why: &str) {
        self.conn.set(None);
        if let Some(mut m) = self.managed.take() {
            let pid = m.pid().map_or(String::new(), |p| format!(" (pid {p})"));
            m.kill().await;
            self.source = None;
            self.last_problem = Some(format!("{why}: the headless Blender{pid} was killed"));
        }
    }

    /// Run code. A Python exception is `Ok` with `ok: false`; `Err` is for a Blender that
    /// could not be reached, died or hung.
    pub async fn run(&mut self, params: &ExecuteParams) -> Result<ExecuteResult, Error> {
        let conn = self.connect().await?;
        let result = match &*conn {
            Connection::Bridge(c) => c.execute_code(params).await,
            Connection::Legacy(l) => {
                let limit = Client::execute_limit(params.timeout).unwrap_or(Duration::from_secs(86_400));
                l.execute_code(&params.code, &params.filename, limit).await
            }
        };
        match result {
            Ok(r) => Ok(r),
            Err(e) => Err(self.failed("the run", e).await),
        }
    }

    /// The time we wait for a render: it cannot be cancelled, so be generous.
    pub fn render_limit(params: &RenderParams) -> Duration {
        Duration::from_secs(120 + 120 * params.views.max(1) as u64)
    }

    pub async fn render(&mut self, params: &RenderParams) -> Result<RenderResult, Error> {
        let conn = self.connect().await?;
        let Connection::Bridge(c) = &*conn else {
            return Err(Error::Protocol(format!(
                "{} is not a bpy-lsp bridge: it cannot render previews",
                conn.address()
            )));
        };
        match c.render(params, Self::render_limit(params)).await {
            Ok(r) => Ok(r),
            Err(e) => Err(self.failed("the render", e).await),
        }
    }

    /// The scene of the connected Blender (all pages). Does not connect or start one.
    pub async fn scene_info(&mut self) -> Result<Option<SceneInfo>, Error> {
        let Some(conn) = self.conn.current() else {
            return Ok(None);
        };
        let Connection::Bridge(c) = &*conn else {
            return Ok(None);
        };
        match c.get_scene_info_all().await {
            Ok(s) => Ok(Some(s)),
            Err(e) => Err(self.failed("get_scene_info", e).await),
        }
    }

    /// What is there: connects to a running Blender (or, with `start`, starts one), and
    /// says what it found or why nothing.
    pub async fn status(&mut self, start: bool) -> Status {
        let mut st = Status::default();
        let conn = if let Some(c) = self.conn.current() {
            Some(c)
        } else {
            match discover::find_running(&self.settings, &mut st.notes).await {
                Ok(Some((c, source))) => Some(self.store(c, source)),
                Ok(None) => None,
                Err(e) => {
                    st.notes.push(e.to_string());
                    return st;
                }
            }
        };
        match discover::choose_launch(&self.settings) {
            Ok((launch, why)) => st.launch = Some(format!("{} ({why})", launch.describe())),
            Err(e) => st.notes.push(e.to_string()),
        }
        let conn = match conn {
            Some(c) => Some(c),
            None if start => match self.connect().await {
                Ok(c) => Some(c),
                Err(e) => {
                    st.notes.push(e.to_string());
                    None
                }
            },
            None => None,
        };
        let Some(conn) = conn else {
            return st;
        };
        st.source = self.source.as_ref().map(|s| match s {
            Source::Configured => "configured address".to_string(),
            Source::ConnectionFile(p) => format!("connection file {}", p.display()),
            Source::Managed => "headless Blender started by bpy-lsp".to_string(),
        });
        let mut fields = vec![("address", conn.address().to_string())];
        match &*conn {
            Connection::Bridge(c) => {
                let h = c.hello();
                fields.push(("version", h.blender_version.clone()));
                fields.push(("mode", h.mode.clone()));
                fields.push(("pid", h.pid.map_or("?".into(), |p| p.to_string())));
                fields.push(("protocol", format!("bpy-lsp bridge {} (add-on {})", h.protocol, h.addon_version)));
            }
            Connection::Legacy(_) => {
                fields.push(("protocol", "blender-mcp / LL3M add-on (execute_code only)".into()));
            }
        }
        st.connected = Some(fields);
        st
    }
}
