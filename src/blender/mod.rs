//! The bridge to a running Blender: protocol (shared with editors/blender), client, launcher.
//!
//! `Blender` (service.rs) is the entry point: it finds or starts a Blender and runs code,
//! renders and reads the scene. No LSP types here.

pub mod cli;
pub mod client;
pub mod discover;
pub mod error;
pub mod install;
pub mod launcher;
pub mod legacy;
pub mod protocol;
pub mod service;
pub mod traceback;
pub mod workflow;

pub use client::Client;
pub use discover::{Connection, Settings, Source};
pub use error::Error;
pub use protocol::{ExecError, ExecuteParams, ExecuteResult, RenderImage, RenderParams, RenderResult, SceneInfo};
pub use service::Blender;
