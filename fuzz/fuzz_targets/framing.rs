//! Any byte stream through the server's message framing (`lsp::transport::FrameReader`):
//! it never panics, never waits for input that is not coming, and ends at the end of the
//! input; every body it gives is valid JSON, and a well-framed message appended after the
//! noise is read intact (the reader resynchronises).

#![no_main]

use bpy_lsp::lsp::transport::{Frame, FrameReader, Patience};
use libfuzzer_sys::fuzz_target;

const LAST: &str = r#"{"jsonrpc":"2.0","id":424242,"method":"shutdown"}"#;

fuzz_target!(|data: &[u8]| {
    let rt = tokio::runtime::Builder::new_current_thread().enable_time().build().expect("runtime");
    let mut input = data.to_vec();
    // The noise ends with a line break and a blank line, as a message boundary would.
    input.extend_from_slice(format!("\r\n\r\nContent-Length: {}\r\n\r\n{LAST}", LAST.len()).as_bytes());
    let patience =
        Patience { stall: std::time::Duration::from_millis(1), give_up: std::time::Duration::from_millis(5) };
    let frames = rt.block_on(async {
        let mut reader = FrameReader::with_patience(&input[..], patience);
        let mut frames = Vec::new();
        loop {
            match reader.next_frame().await.expect("reading from memory does not fail") {
                Frame::Eof => return frames,
                f => frames.push(f),
            }
            assert!(frames.len() <= input.len() + 2, "more frames than bytes");
        }
    });
    for f in &frames {
        if let Frame::Body(body) = f {
            assert!(serde_json::from_slice::<serde::de::IgnoredAny>(body).is_ok(), "a body that is not JSON: {body:?}");
        }
    }
    let last_is_read = frames.iter().any(|f| matches!(f, Frame::Body(b) if b == LAST.as_bytes()));
    // Noise that announces a longer body can swallow the message; any other noise cannot.
    if !data.windows(14).any(|w| w.eq_ignore_ascii_case(b"content-length")) {
        assert!(last_is_read, "the message after the noise was lost: {frames:?}");
    }
});
