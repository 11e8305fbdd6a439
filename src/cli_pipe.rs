//! The command line's answer to a closed stdout: `bpy-lsp check . | head -1` stops being
//! read after one line, and every later write fails with EPIPE (Rust ignores SIGPIPE).
//! That is the reader being done, not an error: the command exits 0 and prints nothing,
//! as ruff and ripgrep do.
//!
//! Commands write through `writeln!` and return the error (`is_broken_pipe` finds it);
//! for code that still prints with `println!`, which panics on the error, a panic hook
//! turns exactly that panic into the same quiet exit.

use std::io::{ErrorKind, Write};

/// Whether `error` was caused by writing to a closed pipe.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| cause.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == ErrorKind::BrokenPipe))
}

/// Install a panic hook that exits 0, quietly, when `println!` or `eprintln!` failed
/// because its pipe is closed; any other panic goes to the previous hook.
pub fn quiet_broken_pipe() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message =
            payload.downcast_ref::<String>().map(String::as_str).or_else(|| payload.downcast_ref::<&str>().copied());
        if message.is_some_and(is_print_to_closed_pipe) {
            std::process::exit(0);
        }
        previous(info);
    }));
}

/// std's message for a failed `print!` family write ("failed printing to stdout: Broken
/// pipe (os error 32)"), for a closed pipe only.
fn is_print_to_closed_pipe(message: &str) -> bool {
    let Some(rest) = message.strip_prefix("failed printing to std") else { return false };
    let reason = rest.split_once(": ").map_or("", |(_, r)| r);
    reason == std::io::Error::from_raw_os_error(libc::EPIPE).to_string()
}

/// Write to stderr; nothing when it is closed too (`2>&1 | head`).
pub fn eprint(args: std::fmt::Arguments) {
    let _ = std::io::stderr().write_fmt(args);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_std_messages_for_a_closed_pipe() {
        let epipe = std::io::Error::from_raw_os_error(libc::EPIPE);
        assert!(is_print_to_closed_pipe(&format!("failed printing to stdout: {epipe}")));
        assert!(is_print_to_closed_pipe(&format!("failed printing to stderr: {epipe}")));
        assert!(!is_print_to_closed_pipe("failed printing to stdout: No space left on device (os error 28)"));
        assert!(!is_print_to_closed_pipe("index out of bounds: Broken pipe"));
    }

    #[test]
    fn finds_a_broken_pipe_under_context() {
        let e = anyhow::Error::from(std::io::Error::from(ErrorKind::BrokenPipe)).context("writing the report");
        assert!(is_broken_pipe(&e));
        assert!(!is_broken_pipe(&anyhow::anyhow!("Broken pipe")));
    }
}
