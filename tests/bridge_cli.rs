//! `bpy-lsp run` and `bpy-lsp blender ...` against a real headless Blender.

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// `bpy-lsp ARGS` in `dir`, with Blender from `python` and a private state dir.
fn bpy_lsp(dir: &Path, python: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bpy-lsp"))
        .args(args)
        .current_dir(dir)
        .env("BPY_LSP_BLENDER_PYTHON", python)
        .env("BPY_LSP_STATE_DIR", dir.join("state"))
        .env_remove("BPY_LSP_BLENDER")
        .stdin(Stdio::null())
        .output()
        .expect("run bpy-lsp")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn run_prints_output_and_the_raising_line() {
    let Some(python) = common::bpy_python() else { return };
    let dir = common::temp_dir("cli-error");
    let script = "import bpy\n\
                  \n\
                  print('building', len(bpy.data.objects))\n\
                  \n\
                  def leg(height):\n\
                  \x20   width = 0\n\
                  \x20   return height / width\n\
                  \n\
                  legs = [leg(h) for h in (1, 2)]\n\
                  print('never')\n";
    std::fs::write(dir.join("chair.py"), script).expect("write");
    let out = bpy_lsp(&dir, &python, &["run", "chair.py"]);
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(1), "{stdout}\n{stderr}");
    assert_eq!(stdout, "building 3\n");
    assert_eq!(stderr.lines().last(), Some("chair.py:7: ZeroDivisionError: division by zero"), "{stderr}");
    assert!(stderr.contains("Traceback (most recent call last)"), "{stderr}");

    // A syntax error: its line, from the compiler.
    std::fs::write(dir.join("bad.py"), "import bpy\nx = 1\nfor i in range(3)\n    print(i)\n").expect("write");
    let out = bpy_lsp(&dir, &python, &["run", "bad.py"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr.lines().last(), Some("bad.py:3: SyntaxError: expected ':'"), "{stderr}");

    // Success: stdout and stderr of the script, exit 0.
    std::fs::write(dir.join("ok.py"), "import sys\nprint('out')\nprint('err', file=sys.stderr)\n").expect("write");
    let out = bpy_lsp(&dir, &python, &["run", "ok.py", "--fresh"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!((text(&out.stdout), text(&out.stderr)), ("out\n".to_string(), "err\n".to_string()));
}

/// Width, height and the variance of the pixel values of an 8-bit PNG.
fn png_stats(path: &Path) -> (u32, u32, f64) {
    let decoder = png::Decoder::new(std::fs::File::open(path).expect("open png"));
    let mut reader = decoder.read_info().expect("png header");
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).expect("png data");
    let data = &buf[..info.buffer_size()];
    let n = data.len() as f64;
    let mean = data.iter().map(|&v| v as f64).sum::<f64>() / n;
    let var = data.iter().map(|&v| (v as f64 - mean).powi(2)).sum::<f64>() / n;
    (info.width, info.height, var)
}

#[test]
fn run_renders_previews_of_the_requested_size() {
    let Some(python) = common::bpy_python() else { return };
    let dir = common::temp_dir("cli-render");
    let script = "import bpy\nbpy.ops.mesh.primitive_uv_sphere_add(radius=0.8, location=(2, 0, 0.8))\n";
    std::fs::write(dir.join("scene.py"), script).expect("write");
    let args = ["run", "scene.py", "--render", "out/prev.png", "--views", "2", "--resolution", "96", "--samples", "4"];
    let out = bpy_lsp(&dir, &python, &args);
    assert_eq!(out.status.code(), Some(0), "{}\n{}", text(&out.stdout), text(&out.stderr));
    for view in 0..2 {
        let path: PathBuf = dir.join(format!("out/prev_{view:02}.png"));
        let (w, h, var) = png_stats(&path);
        assert_eq!((w, h), (96, 96), "{}", path.display());
        assert!(var > 50.0, "{} looks blank (variance {var:.1})", path.display());
    }
}

#[test]
fn a_wrong_token_is_refused() {
    let Some(python) = common::bpy_python() else { return };
    let dir = common::temp_dir("cli-token");
    let serve = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("editors/blender/serve.py");
    let mut server = Command::new(&python)
        .arg(serve)
        .args(["--port", "0", "--token", "the-right-token", "--no-conn-file"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start serve.py");
    let mut lines = BufReader::new(server.stdout.take().expect("stdout")).lines();
    let port = loop {
        let line = lines.next().expect("a ready line").expect("read");
        if let Some(json) = line.strip_prefix("BPY_LSP_READY ") {
            let v: serde_json::Value = serde_json::from_str(json).expect("json");
            break v["port"].as_u64().expect("port");
        }
    };
    std::fs::write(dir.join("s.py"), "print('ran')\n").expect("write");
    let address = format!("127.0.0.1:{port}");
    let out = bpy_lsp(&dir, &python, &["run", "s.py", "--blender-address", &address, "--token", "wrong"]);
    let stderr = text(&out.stderr);
    assert_ne!(out.status.code(), Some(0));
    assert!(stderr.contains("refused the token"), "{stderr}");
    assert_eq!(text(&out.stdout), "");

    let out = bpy_lsp(&dir, &python, &["run", "s.py", "--blender-address", &address, "--token", "the-right-token"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "ran\n");
    let _ = server.kill();
    let _ = server.wait();
}

#[test]
fn blender_status_and_install() {
    let Some(python) = common::bpy_python() else { return };
    let dir = common::temp_dir("cli-status");
    let out = bpy_lsp(&dir, &python, &["blender", "status"]);
    let stdout = text(&out.stdout);
    assert!(stdout.contains("No running Blender found."), "{stdout}");
    assert!(stdout.contains(&format!("Python with bpy {} (configured Python)", python.display())), "{stdout}");

    let out = bpy_lsp(&dir, &python, &["blender", "status", "--start"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("headless Blender started by bpy-lsp"), "{stdout}");
    assert!(stdout.contains("version   4.4.0") && stdout.contains("mode      headless"), "{stdout}");

    // `install` finds a working venv in place and leaves it alone.
    let venv = python.parent().and_then(Path::parent).expect("venv dir");
    #[cfg(unix)]
    if venv.join("pyvenv.cfg").exists() {
        let data = dir.join("data");
        std::fs::create_dir_all(data.join("bpy-lsp")).expect("mkdir");
        std::os::unix::fs::symlink(venv, data.join("bpy-lsp/blender-4.4")).expect("symlink");
        let out = Command::new(env!("CARGO_BIN_EXE_bpy-lsp"))
            .args(["blender", "install"])
            .env("XDG_DATA_HOME", &data)
            .output()
            .expect("run");
        let stdout = text(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
        assert!(stdout.starts_with("bpy 4.4.0 is already installed in"), "{stdout}");
    }
}

#[test]
fn a_running_bridge_is_found_by_its_connection_file() {
    let Some(python) = common::bpy_python() else { return };
    let dir = common::temp_dir("cli-connfile");
    let state = dir.join("state");
    // A stale file: its process is gone.
    std::fs::create_dir_all(state.join("connections")).expect("mkdir");
    let stale = r#"{"host": "127.0.0.1", "port": 9, "token": "x", "pid": 999999999, "mode": "gui", "started_at": "2030-01-01T00:00:00Z"}"#;
    std::fs::write(state.join("connections/blender-999999999.json"), stale).expect("write");
    let serve = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("editors/blender/serve.py");
    let mut server = Command::new(&python)
        .arg(serve)
        .args(["--port", "0"])
        .env("BPY_LSP_STATE_DIR", &state)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start serve.py");
    let mut lines = BufReader::new(server.stdout.take().expect("stdout")).lines();
    let pid = loop {
        let line = lines.next().expect("a ready line").expect("read");
        if let Some(json) = line.strip_prefix("BPY_LSP_READY ") {
            let v: serde_json::Value = serde_json::from_str(json).expect("json");
            break v["pid"].as_u64().expect("pid");
        }
    };
    let out = bpy_lsp(&dir, &python, &["blender", "status"]);
    let stdout = text(&out.stdout);
    assert!(
        stdout
            .contains(&format!("connection file {}", state.join(format!("connections/blender-{pid}.json")).display())),
        "{stdout}"
    );
    assert!(stdout.contains(&format!("pid       {pid}")), "{stdout}");

    std::fs::write(dir.join("s.py"), "import os\nprint(os.getpid())\n").expect("write");
    let out = bpy_lsp(&dir, &python, &["run", "s.py"]);
    assert_eq!(text(&out.stdout).trim(), pid.to_string(), "{}", text(&out.stderr));
    let _ = server.kill();
    let _ = server.wait();
}
