//! What the code means: pure functions of (document, &ApiDb) that return plain data.
//! No I/O, no async, no LSP types. Offsets are bytes into the document's text.

pub mod document;
pub mod edit;
pub mod fix;
pub mod infer;
pub mod line_index;
pub mod lint;
pub mod scope;
pub mod text_scan;
pub mod ty;

pub use document::Document;
pub use ty::Ty;
pub mod addon_strings;
pub mod completion;
pub mod describe;
pub mod hover;
pub mod own_class;
pub mod package;
pub mod package_infer;
pub mod resolve;
pub mod signature;
pub mod slots;
pub mod usage;

pub use completion::{CompletionItem, CompletionKind, Completions, complete};
pub use hover::{Hover, hover};
pub use signature::{SignatureHelp, signature_help};
pub use usage::Usage;
