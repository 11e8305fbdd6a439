//! What can go wrong between bpy-lsp and a Blender, in words a user can act on.

use std::fmt;
use std::time::Duration;

#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// The TCP connection could not be made.
    Connect { address: String, message: String },
    /// The bridge refused the token.
    Unauthorized { address: String, message: String },
    /// The peer answered `hello` without an id: a blender-mcp / LL3M add-on.
    NotABridge { address: String, reply: String },
    /// The peer said something that does not follow the protocol.
    Protocol(String),
    /// The connection closed (or Blender died) before the reply came.
    Closed(String),
    /// No reply within the time limit.
    Timeout { what: String, after: Duration },
    /// An error reply (`status: "error"`): code and message from the bridge.
    Remote { code: String, message: String },
    /// A request longer than the bridge accepts; it was not sent.
    TooLarge { size: usize, max: usize },
    /// No Blender could be started.
    Launch(String),
    /// Local I/O (writing the add-on files, reading connection files, ...).
    Io(String),
    /// The caller cancelled (`blender::service::run_script`).
    Cancelled,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Connect { address, message } => write!(f, "cannot connect to Blender at {address}: {message}"),
            Error::Unauthorized { address, message } => {
                write!(f, "the Blender at {address} refused the token ({message})")
            }
            Error::NotABridge { address, reply } => {
                write!(f, "{address} is not a bpy-lsp bridge (it answered {reply})")
            }
            Error::Protocol(m) => write!(f, "bridge protocol error: {m}"),
            Error::Closed(m) => write!(f, "{m}"),
            Error::Timeout { what, after } => {
                write!(f, "Blender did not answer {what} within {:.1} s", after.as_secs_f64())
            }
            Error::Remote { code, message } => write!(f, "Blender replied with an error ({code}): {message}"),
            Error::TooLarge { size, max } => {
                write!(f, "the request is {size} bytes, larger than the bridge's limit of {max} bytes; not sent")
            }
            Error::Launch(m) => write!(f, "cannot start Blender: {m}"),
            Error::Io(m) => write!(f, "{m}"),
            Error::Cancelled => write!(f, "cancelled"),
        }
    }
}

impl std::error::Error for Error {}
