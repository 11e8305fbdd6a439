//! The command line on a closed stdout (issue 12): `bpy-lsp check big.py | head -1` and
//! `bpy-lsp complete ... | head -c1` exited 101 with "panicked" on stderr. A reader that
//! stops reading is not an error: every command exits 0 and prints nothing more, as ruff
//! and ripgrep do.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A directory of this test's own under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("bpy-lsp-cli-pipe-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create the temp dir");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A script with a problem on each of its 4,000 lines: `check` prints far more than a
/// pipe buffers (64 KiB), so its writes fail however late the reader goes.
fn big_script(dir: &Path) -> PathBuf {
    let mut text = String::from("import bpy\n");
    for i in 0..4000 {
        text.push_str(&format!("bpy.context.object.locaton = {i}\n"));
    }
    let path = dir.join("big.py");
    std::fs::write(&path, text).expect("write big.py");
    path
}

/// How the reader of stdout stops.
#[derive(Clone, Copy, Debug)]
enum Reader {
    /// Closes the pipe before the command writes anything.
    ClosedAtOnce,
    /// Reads one line, then closes it (`head -1`).
    OneLine,
    /// Reads one byte, then closes it (`head -c1`).
    OneByte,
}

/// Run the binary with `args`, stdout read by `reader`; its exit code and stderr.
fn run(args: &[&str], reader: Reader) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bpy-lsp"))
        .args(args)
        .env("BPY_LSP_RAG", "off")
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn bpy-lsp");
    let stdout = child.stdout.take().expect("stdout");
    match reader {
        Reader::ClosedAtOnce => drop(stdout),
        Reader::OneLine => {
            let mut line = String::new();
            BufReader::new(stdout).read_line(&mut line).expect("read a line");
            assert!(!line.is_empty(), "{args:?} printed nothing");
        }
        Reader::OneByte => {
            let mut byte = [0u8; 1];
            let mut stdout = stdout;
            stdout.read_exact(&mut byte).expect("read a byte");
        }
    }
    let mut stderr = String::new();
    child.stderr.take().expect("stderr").read_to_string(&mut stderr).expect("read stderr");
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return (status.code(), stderr);
        }
        assert!(Instant::now() < deadline, "{args:?} did not exit");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn assert_quiet_exit(args: &[&str], reader: Reader) {
    let (code, stderr) = run(args, reader);
    assert!(!stderr.contains("panicked"), "{args:?} ({reader:?}) panicked: {stderr}");
    assert_eq!(code, Some(0), "{args:?} ({reader:?}) exit code; stderr: {stderr}");
    assert_eq!(stderr, "", "{args:?} ({reader:?}) wrote to stderr");
}

#[test]
fn check_exits_quietly_when_its_reader_goes() {
    let dir = TempDir::new("check");
    let big = big_script(&dir.0);
    let big = big.to_str().expect("a UTF-8 path");
    // The same run with a reader prints every problem and exits 1.
    let full = Command::new(env!("CARGO_BIN_EXE_bpy-lsp")).args(["check", big]).output().expect("run check");
    assert_eq!(full.status.code(), Some(1));
    assert!(full.stdout.len() > 64 * 1024, "{} bytes", full.stdout.len());
    assert_eq!(String::from_utf8_lossy(&full.stdout).lines().count(), 4000);
    for reader in [Reader::ClosedAtOnce, Reader::OneLine, Reader::OneByte] {
        assert_quiet_exit(&["check", big], reader);
        assert_quiet_exit(&["check", "--format", "json", big], reader);
        assert_quiet_exit(&["check", "--diff", big], reader);
    }
}

#[test]
fn position_commands_exit_quietly_when_their_reader_goes() {
    let dir = TempDir::new("position");
    let path = dir.0.join("script.py");
    std::fs::write(&path, "import bpy\nbpy.types.\nbpy.ops.mesh.primitive_cube_add(size=2)\nbpy.context.object\n")
        .expect("write script.py");
    let path = path.to_str().expect("a UTF-8 path");
    for reader in [Reader::ClosedAtOnce, Reader::OneLine, Reader::OneByte] {
        // `bpy.types.` has thousands of completions.
        assert_quiet_exit(&["complete", path, "2:11", "-n", "100000"], reader);
        assert_quiet_exit(&["hover", path, "4:14"], reader);
        assert_quiet_exit(&["signature", path, "3:34"], reader);
        assert_quiet_exit(&["stats"], reader);
        assert_quiet_exit(&["api", "diff", "4.2", "4.4"], reader);
    }
}

#[test]
fn other_errors_still_fail() {
    let (code, stderr) = run(&["hover", "/nonexistent/bpy-lsp-cli-pipe.py", "1:1"], Reader::ClosedAtOnce);
    assert_eq!(code, Some(2));
    assert!(stderr.starts_with("bpy-lsp: cannot read /nonexistent/bpy-lsp-cli-pipe.py"), "{stderr}");
}
