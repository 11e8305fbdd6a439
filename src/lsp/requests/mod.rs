//! One file per request: plain functions from a snapshot and LSP params to an LSP result.
pub mod code_action;
pub mod code_lens;
pub mod completion;
pub mod examples;
pub mod hover;
pub mod signature_help;
