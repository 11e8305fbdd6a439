//! The agent's loop, shared by `bpy-lsp generate` and the code actions: the request (or a
//! refinement of a session or of given code) goes through the provider (offline or a model),
//! the static gate and a real Blender on a fresh scene; only code that ran without error
//! becomes the session's `draft.py` and the result.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use serde_json::json;
use tokio_util::sync::CancellationToken;

use super::gate;
use super::offline;
use super::progress::{Phase, Progress};
use super::run::{self, RenderRequest, RunError};
use super::session::Session;
use crate::api::ApiDb;
use crate::blender::Blender;

/// Requests longer than this are refused (a prompt, not a document).
pub const MAX_REQUEST_CHARS: usize = 8_000;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RenderOptions {
    pub views: u32,
    pub resolution: u32,
    pub samples: u32,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions { views: 4, resolution: 256, samples: 16 }
    }
}

/// Which provider writes the code.
#[derive(Clone)]
pub enum ProviderChoice {
    Offline,
    Model(Arc<super::model::Models>),
}

#[derive(Clone)]
pub struct Options {
    /// What to make (for a refinement: the session's request or a description of the code).
    pub request: String,
    /// A refinement instruction.
    pub refine: Option<String>,
    /// Continue this session (from its draft.py).
    pub session: Option<String>,
    /// Refine this code (a selection in the editor) instead of a session's draft.
    pub base_code: Option<String>,
    pub provider: ProviderChoice,
    /// Render previews (and for the critic) with these settings; None = no renders.
    pub render: Option<RenderOptions>,
    /// Blender runs per version before giving up (debugger rounds).
    pub attempts: u32,
    /// Critic rounds.
    pub rounds: u32,
    /// Time limit of one run of the code.
    pub time_limit: Duration,
    pub sessions_root: PathBuf,
    /// The name tracebacks give the script (the target file).
    pub filename: String,
    /// API keys, to keep out of every file and message.
    pub secrets: Vec<String>,
}

impl Options {
    /// A request's options from the settings (`[agent]`, `[render]`, `[blender]`): what the
    /// CLI's flags and the editor's command arguments go over.
    pub fn from_settings(
        config: &crate::config::Settings,
        provider: ProviderChoice,
        request: String,
        sessions_root: PathBuf,
        filename: String,
    ) -> Options {
        let r = &config.render;
        let run_limit = Some(config.blender.timeout).filter(|t| *t > 0.0 && t.is_finite()).unwrap_or(60.0);
        Options {
            request,
            refine: None,
            session: None,
            base_code: None,
            provider,
            render: Some(RenderOptions {
                views: r.views.clamp(1, 10),
                resolution: r.resolution.clamp(16, 4096),
                samples: r.samples.max(1),
            }),
            attempts: config.agent.attempts.clamp(1, 10),
            rounds: config.agent.rounds.min(10),
            time_limit: Duration::from_secs_f64(run_limit.clamp(1.0, 3600.0)),
            sessions_root,
            filename,
            secrets: super::secrets_of(&config.agent),
        }
    }
}

/// Counts for the figures.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Stats {
    pub blender_runs: u32,
    pub model_calls: u32,
    /// Findings fixed by the gate without a model.
    pub gate_fixes: u32,
    /// Versions the gate sent back to the coder without a Blender run.
    pub gate_rejections: u32,
    /// (role, prompt tokens estimated or reported) per model call.
    pub prompt_tokens: Vec<(String, u64)>,
    /// (phase, seconds)
    pub phases: Vec<(String, f64)>,
}

#[derive(Debug, Clone)]
pub struct Outcome {
    pub session: String,
    pub session_dir: PathBuf,
    pub code: String,
    pub draft: PathBuf,
    /// (png path, width, height), one per view.
    pub renders: Vec<(PathBuf, u32, u32)>,
    /// "offline provider" or "openai gpt-4o".
    pub provider: String,
    /// One line for the user.
    pub message: String,
    pub notices: Vec<String>,
    pub stats: Stats,
}

#[derive(Debug, Clone)]
pub enum Error {
    /// The request cannot be worked on (empty, too long, a bad session id).
    BadRequest(String),
    /// The offline library has nothing that fits.
    NoFit(String),
    Cancelled {
        session: Option<String>,
    },
    /// No version ran without error within the attempts (the session keeps them all).
    Failed {
        message: String,
        session: String,
    },
    /// Blender could not be reached or started.
    Blender(String),
    /// The model endpoint failed (auth, unknown model, time-out, ...).
    Model(String),
    Io(String),
}

impl Error {
    /// The CLI's exit status: 2 for what the user must change, 1 when the code failed.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Failed { .. } => 1,
            Error::Cancelled { .. } => 130,
            _ => 2,
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::BadRequest(m) | Error::NoFit(m) | Error::Model(m) | Error::Io(m) => write!(f, "{m}"),
            Error::Blender(m) => write!(f, "Blender: {m}"),
            Error::Cancelled { session: Some(s) } => write!(f, "cancelled (session {s} keeps what was done)"),
            Error::Cancelled { session: None } => write!(f, "cancelled"),
            Error::Failed { message, session } => write!(f, "{message} (session {session} keeps every version)"),
        }
    }
}

fn io(e: std::io::Error) -> Error {
    Error::Io(format!("cannot write the session: {e}"))
}

/// What the loop needs from its caller.
pub struct Context<'a> {
    pub db: &'a Arc<ApiDb>,
    pub rag: Option<&'a crate::rag::Rag>,
    pub blender: &'a mut Blender,
    pub progress: &'a Progress<'a>,
    pub cancel: &'a CancellationToken,
}

/// Refuse what cannot be a request: empty, or longer than a prompt should be.
pub fn validate_request(text: &str) -> Result<(), Error> {
    if text.trim().is_empty() {
        return Err(Error::BadRequest("the request is empty: say what to make, e.g. \"a wooden chair\"".into()));
    }
    let n = text.chars().take(MAX_REQUEST_CHARS + 1).count();
    if n > MAX_REQUEST_CHARS {
        return Err(Error::BadRequest(format!(
            "the request is longer than {MAX_REQUEST_CHARS} characters ({} bytes): describe the asset in a few sentences",
            text.len()
        )));
    }
    Ok(())
}

/// The result of gating and running one version.
pub enum Tried {
    /// Ran without error.
    Ran(run::Ran, String),
    /// The gate found what it could not fix: back to the coder, no Blender run.
    Rejected(gate::Report),
    /// The script raised.
    Raised(run::Ran, String),
}

/// Gate and run one version: the gate's fixes are applied, and a version with findings
/// left is not run unless `run_anyway`.
pub async fn try_version(
    cx: &mut Context<'_>,
    session: &mut Session,
    opts: &Options,
    stats: &mut Stats,
    code: &str,
    phase: Phase,
    run_anyway: bool,
) -> Result<Tried, Error> {
    cx.progress
        .report(Phase::StaticCheck, format!("linting the code with bpy-lsp's checks (Blender {} API)", cx.db.version));
    let report = gate::check(code, cx.db);
    stats.gate_fixes += report.fixed.len() as u32;
    session.log(
        "gate",
        json!({"fixed": report.fixed, "remaining": report.remaining.iter().map(|f| f.describe()).collect::<Vec<_>>()}),
    );
    for f in &report.fixed {
        cx.progress.report(Phase::StaticCheck, format!("fixed {f}"));
    }
    if !report.clean() {
        cx.progress.report(Phase::StaticCheck, format!("{} finding(s) the gate cannot fix", report.remaining.len()));
        if !run_anyway {
            stats.gate_rejections += 1;
            return Ok(Tried::Rejected(report));
        }
    }
    let code = report.code;
    let (version, _) = session.write_version(&code).map_err(io)?;
    cx.progress.report(
        Phase::Run,
        format!("running version {version} in Blender (fresh scene, limit {:.0} s)", opts.time_limit.as_secs_f64()),
    );
    let render = opts.render.map(|r| RenderRequest {
        views: r.views,
        resolution: r.resolution,
        samples: r.samples,
        out_dir: session.render_dir(version),
    });
    stats.blender_runs += 1;
    let ran = match run::run(cx.blender, &code, &opts.filename, opts.time_limit, render.as_ref(), cx.cancel).await {
        Ok(r) => r,
        Err(RunError::Cancelled) => {
            session.log("cancelled", json!({"during": "blender run", "version": version}));
            return Err(Error::Cancelled { session: Some(session.meta.id.clone()) });
        }
        Err(RunError::Blender(e)) => {
            session.log("blender-error", json!({"version": version, "error": e.to_string()}));
            return Err(Error::Blender(e.to_string()));
        }
    };
    session.log(
        "run",
        json!({
            "version": version, "phase": phase.name(), "seconds": ran.seconds, "ok": ran.failure.is_none(),
            "error": ran.failure.as_ref().map(|f| f.describe()),
            "stdout_bytes": ran.result.stdout.len(), "renders": ran.renders.len(), "render_error": ran.render_error,
        }),
    );
    match &ran.failure {
        Some(f) => {
            cx.progress.report(Phase::Run, format!("version {version} raised {}", f.describe().replace('\n', " ")));
            Ok(Tried::Raised(ran, code))
        }
        None => {
            session.write_draft(version, &code).map_err(io)?;
            let views = ran.renders.len();
            let msg = if views > 0 {
                format!("version {version} ran without error in {:.1} s, {views} view(s) rendered", ran.seconds)
            } else {
                format!("version {version} ran without error in {:.1} s", ran.seconds)
            };
            cx.progress.report(Phase::Run, msg);
            if let Some(e) = &ran.render_error {
                cx.progress.report(Phase::Run, format!("the render failed: {e}"));
            }
            Ok(Tried::Ran(ran, code))
        }
    }
}

/// Open the session to continue, or start one.
fn open_session(opts: &Options, provider: &str) -> Result<Session, Error> {
    let mut s = match &opts.session {
        Some(id) => Session::open(&opts.sessions_root, id).map_err(Error::BadRequest)?,
        None => Session::create(&opts.sessions_root, &opts.request, provider).map_err(io)?,
    };
    for k in &opts.secrets {
        s.add_secret(k);
    }
    Ok(s)
}

/// Run the agent.
pub async fn generate(opts: &Options, mut cx: Context<'_>) -> Result<Outcome, Error> {
    if let Some(i) = &opts.refine {
        validate_request(i)?;
    } else {
        validate_request(&opts.request)?;
    }
    let out = match &opts.provider {
        ProviderChoice::Offline => offline_run(opts, &mut cx).await,
        ProviderChoice::Model(models) => super::model::run(opts, &mut cx, models).await,
    };
    cx.progress.finish();
    out.map(|mut o| {
        o.stats.phases = cx.progress.phase_times().iter().map(|(p, s)| (p.name().to_string(), *s)).collect();
        o
    })
}

/// The offline provider through the same gate and Blender.
async fn offline_run(opts: &Options, cx: &mut Context<'_>) -> Result<Outcome, Error> {
    let label = "offline provider";
    let mut stats = Stats::default();
    cx.progress.report(Phase::Retrieval, "offline provider: looking for an asset in the library that fits");
    // What to start from: a session's asset and parameters, the asset named in given code,
    // or the request.
    let (asset, fills, request, mut session) = match (&opts.refine, &opts.session) {
        (Some(instruction), Some(_)) => {
            let session = open_session(opts, label)?;
            let code = session.draft().unwrap_or_default();
            let asset = session
                .meta
                .asset
                .as_deref()
                .and_then(|p| offline::catalog().iter().find(|a| a.path == p))
                .or_else(|| offline::asset_of_code(&code))
                .ok_or_else(|| {
                    Error::BadRequest(format!(
                        "session {} was not made by the offline provider: refine it with a model provider",
                        session.meta.id
                    ))
                })?;
            let before = if session.meta.params.is_empty() {
                offline::fills_of_code(&code)
            } else {
                offline::fills_from(&session.meta.params)
            };
            let new = offline::fill(asset, instruction);
            let request = session.meta.request.clone();
            (asset, offline::merge(&before, &new, asset), request, session)
        }
        (Some(instruction), None) => {
            let code = opts.base_code.clone().unwrap_or_default();
            let asset = offline::asset_of_code(&code).ok_or_else(|| {
                Error::NoFit(
                    "the offline provider can only refine code it generated (its header names the asset); \
                     configure a model provider to refine other code"
                        .into(),
                )
            })?;
            let new = offline::fill(asset, instruction);
            let fills = offline::merge(&offline::fills_of_code(&code), &new, asset);
            let session = open_session(&Options { request: opts.request.clone(), ..opts.clone() }, label)?;
            (asset, fills, opts.request.clone(), session)
        }
        (None, _) => {
            let Some((asset, phrase)) = offline::choose(&opts.request) else {
                return Err(Error::NoFit(offline::no_fit_message(&opts.request)));
            };
            let fills = offline::fill(asset, &opts.request);
            let session = open_session(opts, label)?;
            session.log("retrieve", json!({"provider": label, "asset": asset.path, "matched": phrase}));
            cx.progress.report(Phase::Retrieval, format!("offline provider: {} (matched \"{phrase}\")", asset.path));
            (asset, fills, opts.request.clone(), session)
        }
    };
    if let Some(i) = &opts.refine {
        session.meta.refinements.push(i.clone());
        session.log("refine", json!({"instruction": i, "asset": asset.path}));
    }
    let phase = if opts.refine.is_some() { Phase::Refinement } else { Phase::Creation };
    let filled: Vec<String> = fills.iter().map(|f| format!("{}={} ({})", f.name, f.value.python(), f.why)).collect();
    cx.progress.report(
        phase,
        if filled.is_empty() {
            "offline provider: the asset's defaults fit the request".to_string()
        } else {
            format!("offline provider: {}", filled.join(", "))
        },
    );
    session.meta.asset = Some(asset.path.to_string());
    session.meta.params = offline::fills_to(&fills);
    session.log("code", json!({"provider": label, "asset": asset.path, "params": filled}));
    let code = offline::compose(asset, &request, &fills);
    let tried = try_version(cx, &mut session, opts, &mut stats, &code, phase, true).await;
    let tried = match tried {
        Ok(t) => t,
        Err(e) => {
            session.set_status(if matches!(e, Error::Cancelled { .. }) { "cancelled" } else { "failed" });
            return Err(e);
        }
    };
    match tried {
        Tried::Ran(ran, code) => {
            session.set_status("ok");
            let draft = session.draft_path();
            Ok(Outcome {
                session: session.meta.id.clone(),
                session_dir: session.dir.clone(),
                code,
                draft,
                renders: ran.renders,
                provider: label.into(),
                message: format!("offline provider: {} with {} parameter(s) from the request", asset.path, fills.len()),
                notices: ran.render_error.into_iter().map(|e| format!("the render failed: {e}")).collect(),
                stats,
            })
        }
        Tried::Raised(ran, _) => {
            session.set_status("failed");
            let what = ran.failure.map(|f| f.describe()).unwrap_or_default();
            Err(Error::Failed {
                message: format!("the generated code raised in Blender: {what}"),
                session: session.meta.id,
            })
        }
        Tried::Rejected(_) => unreachable_rejected(&session),
    }
}

fn unreachable_rejected(session: &Session) -> Result<Outcome, Error> {
    Err(Error::Failed { message: "the static gate rejected the code".into(), session: session.meta.id.clone() })
}
