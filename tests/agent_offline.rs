//! The offline provider end to end: requests worded unlike the asset titles become code that
//! runs in a real Blender 4.4 and renders an image whose dominant colour is the requested
//! one; requests the library cannot serve get the clear message and exit status 2; the
//! README's main-job command works; a session continues by id.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use bpy_lsp::agent::pipeline::{self, Context, Options, ProviderChoice, RenderOptions};
use bpy_lsp::agent::progress::{Collect, Progress};

/// Hue classes of an 8-bit RGB(A) PNG: the dominant class among clearly coloured pixels,
/// its share of them, and how many pixels are not background.
fn dominant_colour(path: &Path) -> (Option<&'static str>, f64, usize, (u32, u32)) {
    let decoder = png::Decoder::new(std::fs::File::open(path).expect("open png"));
    let mut reader = decoder.read_info().expect("png header");
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).expect("png data");
    let channels = info.color_type.samples();
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    let data = &buf[..info.buffer_size()];
    let names = ["red", "orange", "yellow", "green", "cyan", "blue", "purple", "pink"];
    let mut counts = [0usize; 8];
    let mut foreground = 0;
    let first = [data[0], data[1], data[2]];
    for px in data.chunks(channels) {
        let (r, g, b) = (px[0] as f64 / 255.0, px[1] as f64 / 255.0, px[2] as f64 / 255.0);
        if (px[0] as i32 - first[0] as i32).abs()
            + (px[1] as i32 - first[1] as i32).abs()
            + (px[2] as i32 - first[2] as i32).abs()
            > 24
        {
            foreground += 1;
        }
        let max = r.max(g).max(b);
        let min = r.min(g).min(b);
        let (v, s) = (max, if max > 0.0 { (max - min) / max } else { 0.0 });
        if s < 0.35 || v < 0.12 {
            continue;
        }
        let d = max - min;
        let h = if max == r {
            60.0 * (((g - b) / d).rem_euclid(6.0))
        } else if max == g {
            60.0 * ((b - r) / d + 2.0)
        } else {
            60.0 * ((r - g) / d + 4.0)
        };
        let class = match h {
            h if !(15.0..345.0).contains(&h) => 0,
            h if h < 40.0 => 1,
            h if h < 70.0 => 2,
            h if h < 165.0 => 3,
            h if h < 195.0 => 4,
            h if h < 255.0 => 5,
            h if h < 295.0 => 6,
            _ => 7,
        };
        counts[class] += 1;
    }
    let total: usize = counts.iter().sum();
    let (best, n) = counts.iter().enumerate().max_by_key(|(_, n)| **n).map(|(i, n)| (i, *n)).unwrap_or((0, 0));
    let share = if total == 0 { 0.0 } else { n as f64 / total as f64 };
    ((total > 20).then_some(names[best]), share, foreground, (info.width, info.height))
}

/// Requests worded unlike the asset titles, the asset they must get, and the colour the
/// render must show (None: no colour asked for).
const REQUESTS: &[(&str, &str, Option<&str>)] = &[
    ("a red chair", "chair", Some("red")),
    ("a blue dining chair with five slats and no cushion", "chair", Some("blue")),
    ("a green bar stool with three legs", "stool", Some("green")),
    ("a small yellow spaceship", "rocket", Some("yellow")),
    ("an orange pylon", "traffic_cone", Some("orange")),
    ("a purple urn", "vase", Some("purple")),
    ("a tall green saguaro with four arms", "cactus", Some("green")),
    ("a blue automobile", "car", Some("blue")),
    ("a yellow toadstool", "mushroom", Some("yellow")),
    ("an oak barrel with six hoops", "barrel", None),
    ("a walnut bookcase with three shelves", "bookshelf", None),
    ("a longsword with a golden guard", "sword", None),
    ("a steel mallet", "hammer", None),
    ("a blue coffee cup", "mug", Some("blue")),
    ("a hexagonal lantern with a golden frame", "lantern", None),
    ("a cottage with a blue roof", "house", Some("blue")),
    ("a big grey boulder", "rock", None),
    ("a dark green fir tree with six tiers", "pine_tree", Some("green")),
    ("a blue songbird without a perch", "bird", Some("blue")),
    ("an orange goldfish", "fish", Some("orange")),
    ("a red skate board", "skateboard", Some("red")),
    ("a bike wheel with 24 spokes", "bicycle_wheel", None),
    ("a snail with a yellow shell", "snail", Some("yellow")),
    ("a green garden bench with six slats", "park_bench", Some("green")),
    ("a red fence 6 m long", "picket_fence", Some("red")),
    ("a walnut kitchen table", "table", None),
    ("a bonsai with red leaves", "bonsai_tree", Some("red")),
    ("a tall purple taper", "candle", Some("purple")),
    ("a red reading lamp", "desk_lamp", Some("red")),
    ("a hatchet with a long handle", "axe", None),
    ("a goblet", "wine_glass", None),
];

#[test]
fn offline_requests_run_in_blender_and_render_the_requested_colour() {
    let Some(python) = common::bpy_python() else { return };
    let dir = common::temp_dir("agent-offline");
    // No user Blender, no user state: only what this test starts.
    unsafe {
        std::env::set_var("BPY_LSP_STATE_DIR", dir.join("state"));
    }
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let db = bpy_lsp::api::load_default();
    let settings = bpy_lsp::blender::Settings { python: Some(python), ..Default::default() };
    let mut blender = bpy_lsp::blender::Blender::new(settings);
    let cancel = tokio_util::sync::CancellationToken::new();
    let mut failures = Vec::new();
    let start = std::time::Instant::now();
    for (request, asset, colour) in REQUESTS {
        let sink = Collect::default();
        let progress = Progress::new(&sink);
        let opts = Options {
            request: request.to_string(),
            refine: None,
            session: None,
            base_code: None,
            provider: ProviderChoice::Offline,
            render: Some(RenderOptions { views: 1, resolution: 96, samples: 4 }),
            attempts: 1,
            rounds: 0,
            time_limit: Duration::from_secs(60),
            sessions_root: dir.join("sessions"),
            filename: dir.join("asset.py").to_string_lossy().into_owned(),
            secrets: Vec::new(),
        };
        let cx = Context { db: &db, rag: None, blender: &mut blender, progress: &progress, cancel: &cancel };
        let out = match rt.block_on(pipeline::generate(&opts, cx)) {
            Ok(o) => o,
            Err(e) => {
                failures.push(format!("{request}: {e}"));
                continue;
            }
        };
        assert_eq!(out.provider, "offline provider");
        assert!(out.code.contains(&format!("rag_data/assets/{asset}.py")), "{request}: {}", &out.code[..200]);
        assert_eq!(std::fs::read_to_string(&out.draft).expect("draft"), out.code);
        assert_eq!(out.stats.blender_runs, 1);
        let Some((png, w, h)) = out.renders.first() else {
            failures.push(format!("{request}: no render ({:?})", out.notices));
            continue;
        };
        let (dominant, share, foreground, size) = dominant_colour(png);
        assert_eq!(size, (96, 96), "{request}");
        assert_eq!((*w, *h), (96, 96));
        if foreground < 40 {
            failures.push(format!("{request}: blank render ({foreground} foreground pixels)"));
        }
        if let Some(c) = colour
            && dominant != Some(*c)
        {
            failures.push(format!("{request}: dominant colour {dominant:?} ({:.0}%), wanted {c}", share * 100.0));
        }
        // Progress names the phases.
        let lines: Vec<String> = sink.0.lock().expect("events").iter().map(|e| e.line()).collect();
        assert!(lines.iter().any(|l| l.starts_with("[Retrieval: 0:00:")), "{lines:?}");
        assert!(
            lines.iter().any(|l| l.starts_with("[Blender run: 0:0") && l.contains("ran without error")),
            "{lines:?}"
        );
    }
    rt.block_on(blender.shutdown());
    eprintln!("{} requests in {:.1} s", REQUESTS.len(), start.elapsed().as_secs_f64());
    assert!(REQUESTS.len() >= 25);
    assert!(failures.is_empty(), "{} of {} failed:\n{}", failures.len(), REQUESTS.len(), failures.join("\n"));
}

fn bpy_lsp(dir: &Path, python: Option<&Path>, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_bpy-lsp"));
    cmd.args(args)
        .current_dir(dir)
        .env("BPY_LSP_STATE_DIR", dir.join("state"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .env_remove("BPY_LSP_SESSIONS_DIR")
        .env_remove("BPY_LSP_BLENDER")
        .env_remove("OPENAI_API_KEY")
        .env_remove("ANTHROPIC_API_KEY")
        .stdin(Stdio::null());
    match python {
        Some(p) => cmd.env("BPY_LSP_BLENDER_PYTHON", p),
        // No Blender at all: the offline provider must refuse before looking for one.
        None => cmd.env("BPY_LSP_BLENDER_PYTHON", "/nonexistent/python").env("PATH", "/nonexistent"),
    };
    cmd.output().expect("run bpy-lsp")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn requests_the_library_cannot_serve_get_the_message_and_status_2() {
    let dir = common::temp_dir("agent-nofit");
    for request in [
        "a dragon with green scales",
        "a grand piano",
        "a helicopter with two rotors",
        "a laptop computer",
        "an apple tree",
    ] {
        let out = bpy_lsp(&dir, None, &["generate", request, "-o", "x.py"]);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{request}: {stderr}");
        assert!(stderr.contains(&format!("The offline provider cannot make \"{request}\"")), "{stderr}");
        assert!(stderr.contains("It can make: axe, barrel, bicycle wheel,"), "{stderr}");
        assert!(stderr.contains("--provider openai --model") && stderr.contains("[agent]"), "{stderr}");
        assert!(!dir.join("x.py").exists(), "nothing written for {request}");
    }
    // Empty and huge requests: a clear error, nothing written.
    let out = bpy_lsp(&dir, None, &["generate", "  ", "-o", "x.py"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("the request is empty"), "{}", text(&out.stderr));
    // A Blender version without an API database: refused before any work.
    let out = bpy_lsp(&dir, None, &["generate", "a wooden chair", "--blender-version", "3.6", "-o", "x.py"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("no API database for Blender 3.6 (from --blender-version)"),
        "{}",
        text(&out.stderr)
    );
    // (An argument can hold at most 128 KiB on Linux; the 1 MB request goes through the
    // library below.)
    let huge = "chair ".repeat(20_000);
    let out = bpy_lsp(&dir, None, &["generate", &huge, "-o", "x.py"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("longer than 8000 characters (120000 bytes)"), "{}", text(&out.stderr));
    let mb = "a chair ".repeat(131_072);
    let e = pipeline::validate_request(&mb).expect_err("1 MB");
    assert_eq!(e.exit_code(), 2);
    assert!(e.to_string().contains("(1048576 bytes)"), "{e}");
    assert!(!dir.join("x.py").exists());
}

#[test]
fn the_readme_command_writes_code_and_render_and_a_session_continues() {
    let Some(python) = common::bpy_python() else { return };
    let dir = common::temp_dir("agent-readme");
    // A workspace: sessions go to its .bpy-lsp/sessions.
    std::fs::create_dir_all(dir.join(".git")).expect("mkdir");
    let args = [
        "generate",
        "a wooden chair with four legs",
        "-o",
        "chair.py",
        "--render",
        "chair.png",
        "--resolution",
        "96",
        "--samples",
        "4",
    ];
    let out = bpy_lsp(&dir, Some(&python), &args);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("[Retrieval: 0:00:00] offline provider: rag_data/assets/chair.py (matched \"chair\")"),
        "{stderr}"
    );
    assert!(stderr.contains("wrote chair.png (96x96, view 0)"), "{stderr}");
    assert!(stderr.contains("linting the code with bpy-lsp's checks (Blender 4.4."), "{stderr}");
    assert!(stderr.contains("(offline provider); session "), "{stderr}");
    let code = std::fs::read_to_string(dir.join("chair.py")).expect("chair.py");
    assert!(code.starts_with("# Generated by bpy-lsp's offline provider for: \"a wooden chair with four legs\""));
    let (_, _, foreground, size) = dominant_colour(&dir.join("chair.png"));
    assert_eq!(size, (96, 96));
    assert!(foreground > 200, "{foreground}");

    // The session is listed, and continues by id after this process is gone.
    let out = bpy_lsp(&dir, None, &["sessions", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let id = list[0]["id"].as_str().expect("id").to_string();
    assert_eq!(list[0]["status"], "ok");
    assert_eq!(list[0]["request"], "a wooden chair with four legs");
    assert!(dir.join(".bpy-lsp/sessions").join(&id).join("draft.py").is_file());
    let out = bpy_lsp(
        &dir,
        Some(&python),
        &[
            "generate",
            "--session",
            &id,
            "--refine",
            "make it blue with 5 slats",
            "-o",
            "chair2.py",
            "--resolution",
            "64",
            "--blender-version",
            "4.2",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("checks (Blender 4.2."), "{}", text(&out.stderr));
    let refined = std::fs::read_to_string(dir.join("chair2.py")).expect("chair2.py");
    assert!(refined.contains("slat_count=5,") && refined.contains("wood_color=(0.03, 0.12, 0.8, 1.0),"), "{refined}");
    let session = dir.join(".bpy-lsp/sessions").join(&id);
    assert_eq!(std::fs::read_to_string(session.join("draft.py")).expect("draft"), refined);
    assert!(session.join("v02.py").is_file());
    let log = std::fs::read_to_string(session.join("log.jsonl")).expect("log");
    assert!(log.lines().any(|l| l.contains("\"step\":\"refine\"") && l.contains("make it blue")), "{log}");
    let text_list = text(&bpy_lsp(&dir, None, &["sessions"]).stdout);
    assert!(text_list.contains(&id) && text_list.contains("ok"), "{text_list}");
    let _ = PathBuf::new();
}

#[test]
fn render_settings_of_bpy_lsp_toml_are_generate_defaults_and_flags_win() {
    let Some(python) = common::bpy_python() else { return };
    let dir = common::temp_dir("agent-render-toml");
    std::fs::write(dir.join("bpy-lsp.toml"), "[render]\nresolution = 48\nsamples = 2\nviews = 2\n").expect("toml");
    let args = ["generate", "a red mug", "-o", "mug.py", "--render", "cube.png"];
    let out = bpy_lsp(&dir, Some(&python), &args);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    // Two views of 48 px from the file (the command's own defaults are 1 view of 512 px offline).
    assert!(stderr.contains("wrote cube_00.png (48x48, view 0)"), "{stderr}");
    assert!(stderr.contains("wrote cube_01.png (48x48, view 1)"), "{stderr}");
    assert_eq!(dominant_colour(&dir.join("cube_01.png")).3, (48, 48));
    // A flag wins over the file.
    let args = ["generate", "a red mug", "-o", "mug.py", "--render", "big.png", "--resolution", "40", "--views", "1"];
    let out = bpy_lsp(&dir, Some(&python), &args);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("wrote big.png (40x40, view 0)"), "{stderr}");
    assert!(!dir.join("big_01.png").exists());
}
