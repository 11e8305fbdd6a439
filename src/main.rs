//! The `bpy-lsp` command line. Each command calls the same library functions the server uses.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context, anyhow, bail};
use clap::{Parser, Subcommand};

use bpy_lsp::analysis::{self, Document, Usage};
use bpy_lsp::api::{self, ApiDb};
use bpy_lsp::config::Layer;

#[derive(Parser)]
#[command(name = "bpy-lsp", version, about = "A language server for Blender Python (bpy) code")]
struct Cli {
    /// Use this API database instead of the built-in Blender 4.4 one.
    #[arg(long, global = true, value_name = "FILE")]
    api_db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the Language Server Protocol on stdin/stdout.
    Serve {
        /// The Blender version to target (over the LSP settings, bpy-lsp.toml,
        /// $BPY_LSP_BLENDER_VERSION and the connected Blender; default 4.4).
        #[arg(long, value_name = "V")]
        blender_version: Option<String>,
    },
    /// Lint files and directories for Blender API errors (the server's diagnostics).
    Check {
        /// Files or directories (default: the current directory).
        paths: Vec<PathBuf>,
        /// The Blender version to check against (over bpy-lsp.toml and
        /// $BPY_LSP_BLENDER_VERSION; default 4.4).
        #[arg(long, value_name = "V")]
        blender_version: Option<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: CheckFormat,
        /// Apply the fixes that are certain (renames between versions, clear typos, moved
        /// APIs) and write the files; report what is left.
        #[arg(long)]
        fix: bool,
        /// Show the fixes `--fix` would apply as a unified diff; write nothing.
        #[arg(long, conflicts_with = "fix")]
        diff: bool,
    },
    /// Print the completions at a position of a file, best first.
    Complete {
        file: PathBuf,
        /// 1-based LINE:COLUMN (column in characters).
        position: String,
        /// How many items to print.
        #[arg(short = 'n', default_value_t = 20)]
        count: usize,
    },
    /// Print the hover text at a position of a file.
    Hover { file: PathBuf, position: String },
    /// Print the signature help at a position of a file.
    Signature { file: PathBuf, position: String },
    /// Print what the API database holds, its load time and the memory it takes.
    Stats,
    /// Tasks for developers of bpy-lsp.
    #[command(subcommand)]
    Dev(DevCommand),
    /// The built-in API databases of Blender 4.2, 4.4, 4.5 and 5.0: differences, notes, stats.
    #[command(subcommand)]
    Api(bpy_lsp::api::cli::ApiCommand),
    /// BlenderRAG: search the API database and the example library.
    #[command(subcommand)]
    Rag(bpy_lsp::rag::cli::RagCommand),
    /// Run a script in Blender: print its output; on an error print `file:line: Error: message`.
    Run(RunArgs),
    /// The Blender that runs code: install one, or show what is found.
    #[command(subcommand)]
    Blender(BlenderCommand),
    // --- the agent (src/agent/cli.rs) ---
    /// Generate a Blender asset script from words, run it in Blender, render it.
    Generate(bpy_lsp::agent::cli::GenerateArgs),
    /// List the agent's sessions (.bpy-lsp/sessions).
    Sessions(bpy_lsp::agent::cli::SessionsArgs),
}

#[derive(clap::Args)]
struct BlenderArgs {
    /// Address (host:port) of a running bridge, or of a blender-mcp / LL3M add-on.
    #[arg(long, value_name = "HOST:PORT")]
    blender_address: Option<String>,
    /// Token of that bridge.
    #[arg(long, value_name = "T")]
    token: Option<String>,
    /// A Blender executable to start headless (default: $BPY_LSP_BLENDER, `blender` on PATH).
    #[arg(long, value_name = "PATH")]
    blender: Option<PathBuf>,
    /// A Python with the bpy module to start headless (default: $BPY_LSP_BLENDER_PYTHON).
    #[arg(long, value_name = "PATH")]
    blender_python: Option<PathBuf>,
}

impl BlenderArgs {
    /// These flags as the top layer of `config`.
    fn add_to(self, flags: &mut Layer) {
        let path = |p: Option<PathBuf>| p.map(|p| p.to_string_lossy().into_owned());
        flags
            .set("blender.address", self.blender_address)
            .set("blender.token", self.token)
            .set("blender.path", path(self.blender))
            .set("blender.python", path(self.blender_python));
    }
}

#[derive(clap::Args)]
struct RunArgs {
    script: PathBuf,
    /// Start from an empty scene.
    #[arg(long)]
    fresh: bool,
    /// Time limit in seconds (0 = none; default: [blender] timeout of bpy-lsp.toml, else 30).
    #[arg(long, value_name = "S")]
    timeout: Option<f64>,
    /// After a successful run, render previews: OUT_00.png, OUT_01.png, ... one per view
    /// (OUT.png itself when there is one view).
    #[arg(long, value_name = "OUT.png")]
    render: Option<PathBuf>,
    /// Views around the scene, 1 to 10 (default: [render] of bpy-lsp.toml, else 4).
    #[arg(long)]
    views: Option<u32>,
    /// Pixels per side (default 256).
    #[arg(long)]
    resolution: Option<u32>,
    /// Cycles samples (default 16).
    #[arg(long)]
    samples: Option<u32>,
    #[command(flatten)]
    blender: BlenderArgs,
}

#[derive(Subcommand)]
enum BlenderCommand {
    /// Install Blender 4.4 as a Python module (pip bpy) into a venv under the user data dir.
    Install {
        /// The Python 3.11 to create the venv with (default: python3.11 on PATH).
        #[arg(long)]
        python: Option<PathBuf>,
        /// Install here instead of the user data dir.
        #[arg(long)]
        dir: Option<PathBuf>,
    },
    /// Show the Blender bpy-lsp would use: address, version, mode, pid; or why none.
    Status {
        /// Start a headless Blender when none is running, to check that it works.
        #[arg(long)]
        start: bool,
        #[command(flatten)]
        blender: BlenderArgs,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum CheckFormat {
    Text,
    Json,
}

#[derive(Subcommand)]
enum DevCommand {
    /// Count member usage in rag_data/examples and rag_data/assets into rag_data/api/usage.json.
    GenUsage {
        /// The repository root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Only check that the file is up to date.
        #[arg(long)]
        check: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // The server has its own panic hook and owns its stdout (the client closing it ends the
    // session); every other command is a filter that `| head` may cut short.
    if !matches!(cli.command, Command::Serve { .. }) {
        bpy_lsp::cli_pipe::quiet_broken_pipe();
    }
    match run(cli) {
        Ok(code) => code,
        // A closed stdout (`bpy-lsp check . | head -1`) is the reader being done, not an
        // error: exit 0 and print nothing, as ruff and ripgrep do.
        Err(e) if bpy_lsp::cli_pipe::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            bpy_lsp::cli_pipe::eprint(format_args!("bpy-lsp: {e:#}\n"));
            ExitCode::from(2)
        }
    }
}

fn load_db(path: &Option<PathBuf>) -> anyhow::Result<Arc<ApiDb>> {
    match path {
        Some(p) => api::load_file(p),
        None => Ok(api::load_default()),
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    // Written through `writeln!`, whose error a closed pipe is (`println!` panics on it).
    let mut out = std::io::stdout();
    match cli.command {
        Command::Serve { blender_version } => {
            // With --api-db the server uses that file and no other version.
            let fixed = match &cli.api_db {
                Some(p) => Some(api::load_file(p)?),
                None => None,
            };
            let mut flags = Layer::default();
            flags.set("blender_version", blender_version);
            let mut problems = Vec::new();
            let sources = bpy_lsp::config::Sources::new(flags, &mut problems);
            for p in problems {
                eprintln!("bpy-lsp: {p} (ignored)");
            }
            let usage = bpy_lsp::default_usage();
            // One thread for the protocol: a reply hops fewer threads (waking an idle vCPU
            // costs more than the work of a small request). Requests on normal documents
            // run on it too; lints, Blender runs and large documents go to other threads.
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .context("starting the async runtime")?;
            let ending = rt.block_on(bpy_lsp::lsp::serve_stdio(fixed, sources, usage));
            // Do not wait for the thread blocked on reading stdin.
            rt.shutdown_timeout(std::time::Duration::from_millis(100));
            // The spec: 1 when the client exits (or goes) without asking for `shutdown` first.
            if ending == bpy_lsp::lsp::transport::Ending::Abrupt {
                return Ok(ExitCode::from(1));
            }
        }
        Command::Check { paths, blender_version, format, fix, diff } => {
            let fix = match (fix, diff) {
                (true, _) => bpy_lsp::check::FixMode::Write,
                (_, true) => bpy_lsp::check::FixMode::Diff,
                _ => bpy_lsp::check::FixMode::Off,
            };
            return run_check(&cli.api_db, paths, blender_version, format, fix);
        }
        Command::Complete { file, position, count } => {
            let db = load_db(&cli.api_db)?;
            let (doc, offset) = open_at(&file, &position)?;
            let usage = bpy_lsp::default_usage();
            let result = analysis::complete(&db, &usage, &doc, offset, None);
            for item in result.items.iter().take(count) {
                writeln!(out, "{:<32} {:?}  {}", item.label, item.kind, item.detail)?;
            }
            if result.items.len() > count {
                writeln!(out, "... {} more", result.items.len() - count)?;
            }
        }
        Command::Hover { file, position } => {
            let db = load_db(&cli.api_db)?;
            let (doc, offset) = open_at(&file, &position)?;
            match analysis::hover(&db, &doc, offset) {
                Some(h) => writeln!(out, "{}", h.markdown)?,
                None => writeln!(out, "(nothing to show)")?,
            }
        }
        Command::Signature { file, position } => {
            let db = load_db(&cli.api_db)?;
            let (doc, offset) = open_at(&file, &position)?;
            match analysis::signature_help(&db, &doc, offset) {
                Some(s) => {
                    writeln!(out, "{}", s.label)?;
                    if let Some(a) = s.active {
                        if let Some(name) = s.params.get(a).and_then(|p| s.label.get(p.0.clone())) {
                            writeln!(out, "active parameter: {name}")?;
                        }
                    }
                }
                None => writeln!(out, "(no call here)")?,
            }
        }
        Command::Stats => {
            let rss_before = rss_kib();
            let t = Instant::now();
            let db = load_db(&cli.api_db)?;
            let load = t.elapsed();
            let usage = bpy_lsp::default_usage();
            let c = db.counts();
            writeln!(out, "Blender {} API", db.version)?;
            writeln!(
                out,
                "structs {}  properties {}  functions {}  operators {}  nodes {}  context members {}  modules {}",
                c.structs, c.properties, c.functions, c.operators, c.nodes, c.context_members, c.modules
            )?;
            writeln!(out, "usage table: {} members, {} strings", usage.members.len(), usage.strings.len())?;
            writeln!(out, "load time: {:.1} ms", load.as_secs_f64() * 1000.0)?;
            if let (Some(a), Some(b)) = (rss_before, rss_kib()) {
                writeln!(
                    out,
                    "resident memory: {:.1} MiB (database: {:.1} MiB)",
                    b as f64 / 1024.0,
                    (b - a) as f64 / 1024.0
                )?;
            }
        }
        Command::Api(cmd) => bpy_lsp::api::cli::run(cmd, &mut std::io::stdout().lock())?,
        Command::Run(args) => return run_in_blender(args),
        Command::Blender(cmd) => return blender_command(cmd),
        // --- the agent ---
        Command::Generate(args) => return Ok(ExitCode::from(bpy_lsp::agent::cli::generate(args)?)),
        Command::Sessions(args) => {
            return Ok(ExitCode::from(bpy_lsp::agent::cli::sessions(&args, &mut std::io::stdout().lock())?));
        }
        Command::Rag(cmd) => bpy_lsp::rag::cli::run(cmd, load_db(&cli.api_db)?)?,
        Command::Dev(DevCommand::GenUsage { root, check }) => {
            return gen_usage(&root, check, &cli.api_db);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn run_check(
    api_db: &Option<PathBuf>,
    paths: Vec<PathBuf>,
    flag: Option<String>,
    format: CheckFormat,
    fix: bpy_lsp::check::FixMode,
) -> anyhow::Result<ExitCode> {
    let paths = if paths.is_empty() { vec![PathBuf::from(".")] } else { paths };
    // The target: --blender-version, else bpy-lsp.toml next to the checked paths (or the
    // current directory), else $BPY_LSP_BLENDER_VERSION, else 4.4.
    let mut flags = Layer::default();
    flags.set("blender_version", flag);
    let target = bpy_lsp::config::for_cli(flags, &paths).map_err(|e| anyhow!(e))?.target.resolve();
    if let Some(problem) = &target.problem
        && api_db.is_none()
    {
        bail!("{problem}");
    }
    // The target version's database, and what the other versions say about names it lacks
    // (built only when a lint finds a name the target lacks).
    let (db, notes) = match api_db {
        Some(_) => (load_db(api_db)?, None),
        None => (api::load_version(target.version)?, Some(bpy_lsp::analysis::lint::LazyNotes::new(target.version))),
    };
    let hints = notes.as_ref().map(|n| n as &dyn bpy_lsp::analysis::lint::VersionHints);
    let format = match format {
        CheckFormat::Text => bpy_lsp::check::Format::Text,
        CheckFormat::Json => bpy_lsp::check::Format::Json,
    };
    let mut stdout = std::io::stdout().lock();
    let options = bpy_lsp::check::Options { format, fix };
    let report = bpy_lsp::check::check_with(&db, hints, &paths, options, &mut stdout)?;
    bpy_lsp::cli_pipe::eprint(format_args!("{}\n", summary(&report, fix, &db.version)));
    Ok(ExitCode::from(report.status()))
}

/// The last line of `check`: what was found, fixed and could not be checked.
fn summary(report: &bpy_lsp::check::Report, fix: bpy_lsp::check::FixMode, version: &str) -> String {
    let plural = |n: usize, one: &str, many: &str| if n == 1 { format!("1 {one}") } else { format!("{n} {many}") };
    let mut s = match report.problems {
        0 if report.unreadable.is_empty() => "No problems".to_string(),
        0 => "No problems found".to_string(),
        n => plural(n, "problem", "problems"),
    };
    if report.hints > 0 {
        s.push_str(&format!(" ({})", plural(report.hints, "hint", "hints")));
    }
    s.push_str(&format!(
        " in {} ({} lines, {:.2} s, {:.0} lines/s, Blender {version})",
        plural(report.files, "file", "files"),
        report.lines,
        report.seconds,
        report.lines as f64 / report.seconds.max(1e-9),
    ));
    match fix {
        bpy_lsp::check::FixMode::Write if report.fixed > 0 => {
            s.push_str(&format!("; fixed {}", plural(report.fixed, "problem", "problems")))
        }
        bpy_lsp::check::FixMode::Diff if report.fixed > 0 => {
            s.push_str(&format!("; would fix {}", plural(report.fixed, "problem", "problems")))
        }
        _ => {}
    }
    if !report.unreadable.is_empty() {
        s.push_str(&format!(
            "; {} could not be checked (see above)",
            plural(report.unreadable.len(), "input", "inputs")
        ));
    }
    s
}

fn run_in_blender(args: RunArgs) -> anyhow::Result<ExitCode> {
    let mut flags = Layer::default();
    flags
        .set("blender.timeout", args.timeout)
        .set("render.views", args.views)
        .set("render.resolution", args.resolution)
        .set("render.samples", args.samples);
    args.blender.add_to(&mut flags);
    let settings = bpy_lsp::config::for_cli(flags, std::slice::from_ref(&args.script)).map_err(|e| anyhow!(e))?;
    let opts = bpy_lsp::blender::cli::RunOptions {
        file: args.script,
        fresh: args.fresh,
        timeout: settings.blender.timeout,
        render: args.render,
        views: settings.render.views,
        resolution: settings.render.resolution,
        samples: settings.render.samples,
        settings: settings.blender,
    };
    let rt = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    let code = rt.block_on(bpy_lsp::blender::cli::run_file(&opts, &mut std::io::stdout(), &mut std::io::stderr()))?;
    Ok(ExitCode::from(code as u8))
}

fn blender_command(cmd: BlenderCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        BlenderCommand::Install { python, dir } => {
            let dir = dir
                .or_else(bpy_lsp::blender::install::venv_dir)
                .ok_or_else(|| anyhow!("no user data directory (HOME is not set); pass --dir"))?;
            bpy_lsp::blender::install::install(&dir, python.as_deref(), &mut |line| {
                // The install goes on when nobody reads its progress.
                let _ = writeln!(std::io::stdout(), "{line}");
            })?;
            Ok(ExitCode::SUCCESS)
        }
        BlenderCommand::Status { start, blender } => {
            let rt = tokio::runtime::Runtime::new().context("starting the async runtime")?;
            let mut flags = Layer::default();
            blender.add_to(&mut flags);
            let settings = bpy_lsp::config::for_cli(flags, &[] as &[PathBuf]).map_err(|e| anyhow!(e))?.blender;
            let mut out = std::io::stdout();
            let code = rt.block_on(bpy_lsp::blender::cli::status(&settings, start, &mut out))?;
            Ok(ExitCode::from(code as u8))
        }
    }
}

/// Read a file and turn a 1-based LINE:COLUMN into a byte offset.
fn open_at(file: &Path, position: &str) -> anyhow::Result<(Document, usize)> {
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let text = String::from_utf8(bytes).map_err(|_| anyhow!("{} is not UTF-8", file.display()))?;
    let (line, col) = position
        .split_once(':')
        .and_then(|(l, c)| Some((l.parse::<usize>().ok()?, c.parse::<usize>().ok()?)))
        .ok_or_else(|| anyhow!("position must be LINE:COLUMN, got {position:?}"))?;
    if line == 0 || col == 0 {
        bail!("LINE and COLUMN start at 1");
    }
    let doc = Document::new(text);
    let range = doc
        .lines()
        .line_range(doc.text(), line - 1)
        .ok_or_else(|| anyhow!("{} has {} lines, not {line}", file.display(), doc.lines().line_count()))?;
    let line_text = &doc.text()[range.clone()];
    let byte_col = line_text.char_indices().nth(col - 1).map(|(i, _)| i).unwrap_or(line_text.len());
    Ok((doc.clone(), range.start + byte_col))
}

fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn gen_usage(root: &Path, check: bool, api_db: &Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let db = load_db(api_db)?;
    let sources = bpy_lsp::example_sources(root)?;
    let usage = Usage::count(&db, sources.iter().map(|(_, s)| s.as_str()));
    let json = serde_json::to_string_pretty(&usage)? + "\n";
    let out = root.join("rag_data/api/usage.json");
    if check {
        let current = std::fs::read_to_string(&out).unwrap_or_default();
        if current != json {
            eprintln!("{} is out of date: run `cargo run -- dev gen-usage`", out.display());
            return Ok(ExitCode::FAILURE);
        }
        writeln!(std::io::stdout(), "{} is up to date", out.display())?;
    } else {
        std::fs::write(&out, json).with_context(|| format!("writing {}", out.display()))?;
        writeln!(
            std::io::stdout(),
            "wrote {} ({} members from {} files)",
            out.display(),
            usage.members.len(),
            sources.len()
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
