//! A caught panic costs no lasting memory (issue 12, item 5): with RUST_BACKTRACE=1, the
//! default panic hook symbolised a backtrace from the binary's debug information and kept
//! it (136 MiB). The server logs the panic's message and place instead.

mod common;

use common::Lsp;
use serde_json::json;

fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("read /proc/PID/status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS")
}

#[test]
#[cfg(target_os = "linux")]
fn a_panic_with_backtraces_on_adds_no_lasting_memory() {
    let (mut lsp, _) = Lsp::start_with(&["utf-16"], &[("RUST_BACKTRACE", "1"), ("BPY_LSP_DEBUG_PANIC", "1")]);
    let uri = "file:///tmp/robust_panic.py";
    lsp.open(uri, "import bpy\nobj = bpy.context.object\nobj.location.x = 1\n");
    let hover = lsp.hover_text(uri, (2, 5));
    assert!(hover.contains("Object.location"), "{hover}");
    std::thread::sleep(std::time::Duration::from_millis(300));
    let before = rss_kib(lsp.pid());
    for _ in 0..3 {
        let id = lsp.send_request("bpy/debugPanic", json!({"uri": uri}));
        let reply = lsp.response(id);
        assert_eq!(reply["error"]["code"], -32603, "{reply}");
        assert_eq!(reply["error"]["message"], "bpy/debugPanic failed: requested by bpy/debugPanic");
    }
    // The server goes on, and its memory did not grow by a symbolised backtrace.
    assert_eq!(lsp.hover_text(uri, (2, 5)), hover);
    std::thread::sleep(std::time::Duration::from_millis(300));
    let after = rss_kib(lsp.pid());
    eprintln!("RSS before the panics {before} KiB, after {after} KiB");
    assert!(after < before + 8 * 1024, "RSS grew from {before} KiB to {after} KiB after three panics");
    lsp.shutdown();
}
