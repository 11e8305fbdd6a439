//! The server's state: open documents, the negotiated encoding, the API database.
//! Edits are applied synchronously under a std Mutex, in the order they arrive; requests
//! take a cheap snapshot and work on it elsewhere.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use tower_lsp_server::ls_types::{Diagnostic, TextDocumentContentChangeEvent, Uri};

use super::convert::{self, Encoding};
use crate::analysis::{Document, Usage};
use crate::api::ApiDb;

pub struct Session {
    pub db: Arc<ApiDb>,
    pub usage: Arc<Usage>,
    docs: Mutex<HashMap<Uri, Document>>,
    encoding: Mutex<Encoding>,
    /// Lint diagnostics: versions, debouncing, the workspace's registrations.
    pub lint: super::diagnostics::LintState,
    /// The Blender that runs code, and what it knows about the scene.
    pub blender: Arc<super::blender::LiveBlender>,
    /// Diagnostics of the last run in Blender, per document (source `blender`), kept apart
    /// from other sources and merged by `diagnostics`.
    blender_diagnostics: Mutex<HashMap<Uri, Vec<Diagnostic>>>,
    /// The documentation of the last completion list, sent on resolve.
    pub last_completion: super::requests::completion::LastList,
    /// BlenderRAG, once opened in the background after `initialized` (`server::open_rag`);
    /// requests take it if it is there and never wait for it.
    pub rag: OnceLock<Arc<crate::rag::Rag>>,
}

/// What a request works on: one document as it was when the request arrived.
#[derive(Clone)]
pub struct Snapshot {
    pub db: Arc<ApiDb>,
    pub usage: Arc<Usage>,
    pub doc: Document,
    pub encoding: Encoding,
    /// Names in the connected Blender's scene by item type ("Object" -> names), if any.
    pub scene_names: Option<Arc<HashMap<String, Vec<String>>>>,
}

/// A poisoned lock means a panic elsewhere; the data is still consistent because edits
/// are applied to a copy and swapped in whole.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Session {
    pub fn new(db: Arc<ApiDb>, usage: Arc<Usage>) -> Session {
        Session {
            db,
            usage,
            docs: Mutex::new(HashMap::new()),
            encoding: Mutex::new(Encoding::default()),
            lint: Default::default(),
            blender: Arc::new(super::blender::LiveBlender::new(crate::blender::Settings::from_env())),
            blender_diagnostics: Mutex::new(HashMap::new()),
            last_completion: Default::default(),
            rag: OnceLock::new(),
        }
    }

    pub fn set_encoding(&self, enc: Encoding) {
        *lock(&self.encoding) = enc;
    }

    pub fn encoding(&self) -> Encoding {
        *lock(&self.encoding)
    }

    pub fn open(&self, uri: Uri, text: String) {
        lock(&self.docs).insert(uri, Document::new(text));
    }

    pub fn close(&self, uri: &Uri) {
        lock(&self.docs).remove(uri);
    }

    /// Apply changes in order. A change whose range lies outside the document is clamped
    /// to it and reported, so that one bad message does not lose the rest.
    pub fn change(&self, uri: &Uri, changes: Vec<TextDocumentContentChangeEvent>) -> Result<(), String> {
        let enc = self.encoding();
        let mut docs = lock(&self.docs);
        let Some(current) = docs.get(uri) else {
            return Err(format!("change for a document that is not open: {}", uri.as_str()));
        };
        let mut doc = current.clone();
        let mut problem = None;
        for change in changes {
            match change.range {
                None => doc.replace(change.text),
                Some(range) => {
                    let end_of_text = doc.text().len();
                    let start = convert::offset(&doc, range.start, enc);
                    let end = convert::offset(&doc, range.end, enc);
                    if start.is_none() || end.is_none() {
                        problem = Some(format!(
                            "change range {}:{}-{}:{} is outside {} (clamped)",
                            range.start.line,
                            range.start.character,
                            range.end.line,
                            range.end.character,
                            uri.as_str()
                        ));
                    }
                    let start = start.unwrap_or(end_of_text);
                    let end = end.unwrap_or(end_of_text).max(start);
                    doc.edit(start, end, &change.text);
                }
            }
        }
        docs.insert(uri.clone(), doc);
        problem.map_or(Ok(()), Err)
    }

    pub fn snapshot(&self, uri: &Uri) -> Option<Snapshot> {
        let doc = lock(&self.docs).get(uri)?.clone();
        Some(Snapshot {
            db: self.db.clone(),
            usage: self.usage.clone(),
            doc,
            encoding: self.encoding(),
            scene_names: self.blender.scene_names(),
        })
    }

    pub fn set_blender_diagnostics(&self, uri: &Uri, diagnostics: Vec<Diagnostic>) {
        lock(&self.blender_diagnostics).insert(uri.clone(), diagnostics);
    }

    /// All diagnostics of a document, every source merged.
    pub fn diagnostics(&self, uri: &Uri) -> Vec<Diagnostic> {
        let mut all = self.lint.lint_diagnostics(uri);
        all.extend(lock(&self.blender_diagnostics).get(uri).cloned().unwrap_or_default());
        all
    }
}
