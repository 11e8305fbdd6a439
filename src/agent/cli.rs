//! `bpy-lsp generate` and `bpy-lsp sessions`: the agent from the command line. Provisions a
//! Blender when none is found, prints progress lines with phase and elapsed time on stderr,
//! writes the code and the renders, and cancels cleanly on Ctrl-C.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use tokio_util::sync::CancellationToken;

use super::pipeline::{self, Context, Error, Options, ProviderChoice, RenderOptions};
use super::progress::{self, Progress};
use super::session;

#[derive(Debug, Clone, clap::Args)]
pub struct GenerateArgs {
    /// What to make, in words ("a wooden chair with four legs"). With --refine: optional.
    pub request: Option<String>,
    /// Write the code here (default: print it).
    #[arg(short = 'o', long = "output", value_name = "FILE.py")]
    pub output: Option<PathBuf>,
    /// Render previews to this PNG (OUT_NN.png per view when there are several).
    #[arg(long, value_name = "OUT.png")]
    pub render: Option<PathBuf>,
    /// Views to render, 1-10 (default: [render] views of bpy-lsp.toml, else 1 offline and
    /// 4 with a model, for its critic).
    #[arg(long, value_name = "N")]
    pub views: Option<u32>,
    /// Render size in pixels (default: [render] resolution of bpy-lsp.toml, else 512).
    #[arg(long, value_name = "PX")]
    pub resolution: Option<u32>,
    /// Cycles samples per pixel (default: [render] samples of bpy-lsp.toml, else 16).
    #[arg(long)]
    pub samples: Option<u32>,
    /// offline (default when nothing is configured), openai or anthropic.
    #[arg(long, value_name = "NAME")]
    pub provider: Option<String>,
    #[arg(long, value_name = "M")]
    pub model: Option<String>,
    /// An OpenAI-compatible endpoint (Ollama: http://localhost:11434/v1).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Continue this session (see `bpy-lsp sessions`).
    #[arg(long, value_name = "ID")]
    pub session: Option<String>,
    /// Change the session's code (or the code in -o) as instructed.
    #[arg(long, value_name = "INSTRUCTION")]
    pub refine: Option<String>,
    /// Time limit of one run of the code in Blender, in seconds.
    #[arg(long, default_value_t = 60.0, value_name = "S")]
    pub timeout: f64,
    /// Blender runs before giving up (the debugger's attempts; default 3 or [agent] attempts).
    #[arg(long)]
    pub attempts: Option<u32>,
    /// Critic rounds (default 2 or [agent] rounds).
    #[arg(long)]
    pub rounds: Option<u32>,
    /// A Python with the bpy module to run the code with (default: $BPY_LSP_BLENDER_PYTHON,
    /// `blender` on PATH, the one `bpy-lsp blender install` made; installed if none).
    #[arg(long, value_name = "PATH")]
    pub blender_python: Option<PathBuf>,
    /// The Blender version to write the code for: its API is what the static checks and the
    /// coder's prompt use (default: bpy-lsp.toml next to -o, $BPY_LSP_BLENDER_VERSION, 4.4).
    #[arg(long, value_name = "X.Y")]
    pub blender_version: Option<String>,
    /// Do not install Blender when none is found.
    #[arg(long)]
    pub no_install: bool,
    /// The model cannot see images: skip the critic.
    #[arg(long)]
    pub no_vision: bool,
}

#[derive(Debug, Clone, clap::Args)]
pub struct SessionsArgs {
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

fn sessions_root() -> Result<PathBuf, Error> {
    let cwd = std::env::current_dir().map_err(|e| Error::Io(format!("no current directory: {e}")))?;
    let ws = session::find_workspace(&cwd);
    session::sessions_root(ws.as_deref())
        .ok_or_else(|| Error::Io("no directory for sessions (no workspace and HOME is not set)".into()))
}

/// `bpy-lsp sessions`.
pub fn sessions(args: &SessionsArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    let root = sessions_root().map_err(|e| anyhow::anyhow!("{e}"))?;
    let list = session::list(&root);
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&list)?)?;
        return Ok(0);
    }
    if list.is_empty() {
        writeln!(out, "No sessions in {}", root.display())?;
        return Ok(0);
    }
    writeln!(out, "{:<23} {:<9} {:>3}  {:<18} request", "id", "status", "ver", "provider")?;
    for m in &list {
        let req: String = m.request.chars().take(60).map(|c| if c.is_control() { ' ' } else { c }).collect();
        writeln!(out, "{:<23} {:<9} {:>3}  {:<18} {req}", m.id, m.status, m.versions, m.provider)?;
    }
    writeln!(
        out,
        "({} in {}; continue one with `bpy-lsp generate --session ID --refine \"...\"`)",
        list.len(),
        root.display()
    )?;
    Ok(0)
}

/// Make sure there is a Blender to start: when nothing is found, install bpy into the user
/// data dir (`bpy-lsp blender install`), with its progress on stderr.
fn provision(settings: &crate::blender::Settings, allow: bool) -> Result<(), Error> {
    if crate::blender::discover::choose_launch(settings).is_ok() {
        return Ok(());
    }
    if !allow {
        return Err(Error::Blender("no Blender found, and --no-install was given".into()));
    }
    let dir = crate::blender::install::venv_dir()
        .ok_or_else(|| Error::Blender("no user data directory (HOME is not set) to install Blender into".into()))?;
    eprintln!(
        "No Blender found: installing Blender 4.4 as a Python module into {} (once, about 920 MB)",
        dir.display()
    );
    crate::blender::install::install(&dir, None, &mut |line| eprintln!("  {line}"))
        .map_err(|e| Error::Blender(format!("installing Blender failed: {e}")))?;
    Ok(())
}

/// Flags over bpy-lsp.toml over the environment (`config::for_cli`).
fn settings(args: &GenerateArgs) -> Result<crate::config::Sources, Error> {
    let mut flags = crate::config::Layer::default();
    flags
        .set("agent.provider", args.provider.clone())
        .set("agent.model", args.model.clone())
        .set("agent.base_url", args.base_url.clone())
        .set("agent.vision", args.no_vision.then_some(false))
        .set("blender.python", args.blender_python.as_ref().map(|p| p.to_string_lossy().into_owned()))
        .set("blender_version", args.blender_version.clone())
        .set("render.views", args.views)
        .set("render.resolution", args.resolution)
        .set("render.samples", args.samples);
    let near: Vec<PathBuf> = args.output.iter().cloned().collect();
    crate::config::cli_sources(flags, &near).map_err(Error::BadRequest)
}

/// `bpy-lsp generate`. Returns the exit status: 0 done, 1 the code failed, 2 the request
/// cannot be served (or a setup problem), 130 cancelled.
pub fn generate(args: GenerateArgs) -> anyhow::Result<u8> {
    let rt = tokio::runtime::Runtime::new()?;
    let code = rt.block_on(generate_async(args));
    Ok(code)
}

async fn generate_async(args: GenerateArgs) -> u8 {
    match generate_inner(args).await {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("bpy-lsp: {e}");
            e.exit_code()
        }
    }
}

fn copy_renders(renders: &[(PathBuf, u32, u32)], target: &Path) -> Result<Vec<String>, Error> {
    let mut lines = Vec::new();
    let several = renders.len() > 1;
    for (i, (path, w, h)) in renders.iter().enumerate() {
        let dest = if several { crate::blender::cli::numbered(target, i as u32) } else { target.to_path_buf() };
        if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::Io(format!("cannot create {}: {e}", dir.display())))?;
        }
        std::fs::copy(path, &dest)
            .map_err(|e| Error::Io(format!("cannot copy {} to {}: {e}", path.display(), dest.display())))?;
        lines.push(format!("wrote {} ({w}x{h}, view {i})", dest.display()));
    }
    Ok(lines)
}

async fn generate_inner(args: GenerateArgs) -> Result<(), Error> {
    let sources = settings(&args)?;
    let config = sources.resolve();
    // The API the code is written for; an unknown version is refused before any work.
    let target = config.target.resolve();
    if let Some(problem) = target.problem {
        return Err(Error::BadRequest(problem));
    }
    let provider = super::choose_provider(&config.agent)?;
    let request = match (&args.request, &args.refine) {
        (Some(r), _) => r.clone(),
        (None, Some(_)) if args.session.is_some() || args.output.is_some() => String::new(),
        _ => return Err(Error::BadRequest("say what to make: bpy-lsp generate \"a wooden chair\" -o chair.py".into())),
    };
    if args.refine.is_none() {
        pipeline::validate_request(&request)?;
        // Say it before installing or starting Blender.
        if matches!(provider, ProviderChoice::Offline) && super::offline::choose(&request).is_none() {
            return Err(Error::NoFit(super::offline::no_fit_message(&request)));
        }
    }
    // Refining without a session: the code in -o.
    let base_code = match (&args.refine, &args.session, &args.output) {
        (Some(_), None, Some(o)) => Some(
            std::fs::read_to_string(o)
                .map_err(|e| Error::BadRequest(format!("cannot read {} to refine it: {e}", o.display())))?,
        ),
        (Some(_), None, None) => {
            return Err(Error::BadRequest("--refine needs --session ID or -o FILE.py with the code to refine".into()));
        }
        _ => None,
    };
    let settings = config.blender.clone();
    provision(&settings, !args.no_install)?;
    let is_offline = matches!(provider, ProviderChoice::Offline);
    // The command's own defaults where nothing (flag, bpy-lsp.toml, environment) says otherwise.
    let render = &config.render;
    let set = |key: &str, value: u32, default: u32| if sources.is_set(key) { value } else { default };
    let views = set("render.views", render.views, if is_offline { 1 } else { 4 }).clamp(1, 10);
    let resolution = set("render.resolution", render.resolution, 512).clamp(16, 4096);
    let samples = set("render.samples", render.samples, 16).max(1);
    let filename = match &args.output {
        Some(o) => std::path::absolute(o).unwrap_or_else(|_| o.clone()).to_string_lossy().into_owned(),
        None => "generated.py".into(),
    };
    let mut opts = Options::from_settings(&config, provider, request.clone(), sessions_root()?, filename);
    opts.refine = args.refine.clone();
    opts.session = args.session.clone();
    opts.base_code = base_code;
    opts.render = Some(RenderOptions { views, resolution, samples });
    opts.attempts = args.attempts.unwrap_or(config.agent.attempts).clamp(1, 10);
    opts.time_limit = Duration::from_secs_f64(args.timeout.clamp(1.0, 3600.0));
    if let Some(r) = args.rounds {
        opts.rounds = r.min(10);
    }
    let db = crate::api::load_version(target.version).map_err(|e| Error::Io(format!("{e:#}")))?;
    let sink = progress::Stderr;
    let prog = Progress::new(&sink);
    let cancel = CancellationToken::new();
    let watcher = {
        let cancel = cancel.clone();
        tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                eprintln!("\nbpy-lsp: cancelling (Ctrl-C)...");
                cancel.cancel();
            }
        })
    };
    let mut blender = crate::blender::Blender::new(settings);
    let rag = if is_offline { None } else { super::retrieve::open_rag(&db) };
    let cx = Context { db: &db, rag: rag.as_ref(), blender: &mut blender, progress: &prog, cancel: &cancel };
    let result = pipeline::generate(&opts, cx).await;
    blender.shutdown().await;
    watcher.abort();
    let outcome = result?;
    if let Some(o) = &args.output {
        if let Ok(old) = std::fs::read_to_string(o)
            && old != outcome.code
        {
            // Nothing lost: the replaced file stays in the session.
            let _ = std::fs::write(outcome.session_dir.join("replaced.py"), old);
        }
        std::fs::write(o, &outcome.code).map_err(|e| Error::Io(format!("cannot write {}: {e}", o.display())))?;
        eprintln!("wrote {} ({} lines, ran in Blender without error)", o.display(), outcome.code.lines().count());
    } else {
        print!("{}", outcome.code);
    }
    if let Some(target) = &args.render {
        for line in copy_renders(&outcome.renders, target)? {
            eprintln!("{line}");
        }
    }
    for n in &outcome.notices {
        eprintln!("note: {n}");
    }
    eprintln!(
        "{} ({}); session {} in {}",
        outcome.message,
        outcome.provider,
        outcome.session,
        outcome.session_dir.display()
    );
    Ok(())
}
