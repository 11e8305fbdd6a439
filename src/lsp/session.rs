//! The server's state: open documents, the negotiated encoding, the targeted Blender
//! version and its API database.
//! Edits are applied synchronously under a std Mutex, in the order they arrive; requests
//! take a cheap snapshot and work on it elsewhere.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, RwLock};

use tower_lsp_server::ls_types::{Diagnostic, TextDocumentContentChangeEvent, Uri};

use super::convert::{self, Encoding};
use crate::analysis::lint::{LazyNotes, VersionHints};
use crate::analysis::package::{Package, PackageRef};
use crate::analysis::{Document, Usage};
use crate::api::ApiDb;
use crate::config::{self, Source, VersionSettings};

/// The Blender version the server targets: its database, and notes about the names it
/// lacks from the other versions (loaded only when a lint needs them).
pub struct TargetDb {
    /// "4.2"; the database's own version with `--api-db`.
    pub version: String,
    pub source: Source,
    pub db: Arc<ApiDb>,
    pub notes: Option<Arc<LazyNotes>>,
}

/// How long a package read from disk is reused for newly opened files.
const PACKAGE_FRESH: std::time::Duration = std::time::Duration::from_secs(30);

pub struct Session {
    /// Loaded on first use, so that the settings of `initialize` (LSP settings, the
    /// workspace's bpy-lsp.toml) decide before any database is loaded.
    target: RwLock<Option<Arc<TargetDb>>>,
    /// Where the target version can come from; `None` with `--api-db` (the file is the target).
    versions: Option<Mutex<VersionSettings>>,
    /// Every source of the settings (flags, LSP settings, bpy-lsp.toml, environment); see
    /// `lsp::settings`.
    pub sources: Mutex<config::Sources>,
    /// Held while the target changes and open documents are linted again: one at a time.
    pub retargeting: tokio::sync::Mutex<()>,
    pub usage: Arc<Usage>,
    docs: Mutex<HashMap<Uri, Document>>,
    /// The add-on packages of opened documents, by root directory, with when they were read.
    packages: Mutex<HashMap<std::path::PathBuf, (std::time::Instant, Arc<Package>)>>,
    encoding: Mutex<Encoding>,
    /// Lint diagnostics: versions, debouncing, the workspace's registrations.
    pub lint: super::diagnostics::LintState,
    /// The Blender that runs code, and what it knows about the scene.
    pub blender: Arc<super::blender::LiveBlender>,
    /// Work-done progress of running commands, and their cancellation.
    pub progress: super::progress::Registry,
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
    /// The targeted version's database.
    pub db: Arc<ApiDb>,
    /// What other versions say about names the target lacks.
    pub notes: Option<Arc<LazyNotes>>,
    pub usage: Arc<Usage>,
    pub doc: Document,
    /// The client's version of `doc` (edits computed from it carry it).
    pub version: Option<i32>,
    pub encoding: Encoding,
    /// Names in the connected Blender's scene by item type ("Object" -> names), if any.
    pub scene_names: Option<Arc<HashMap<String, Vec<String>>>>,
}

/// A poisoned lock means a panic elsewhere; the data is still consistent because edits
/// are applied to a copy and swapped in whole.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Snapshot {
    pub fn hints(&self) -> Option<&dyn VersionHints> {
        self.notes.as_deref().map(|n| n as &dyn VersionHints)
    }
}

/// What changed when the target was computed again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retarget {
    /// The target version before and after.
    pub from: String,
    pub to: String,
    /// A version was asked for that bpy-lsp has no database of (4.4 is used).
    pub problem: Option<String>,
}

impl Retarget {
    pub fn changed(&self) -> bool {
        self.from != self.to
    }
}

impl Session {
    /// A session on one fixed database (`--api-db`, tests): no other version.
    pub fn new(db: Arc<ApiDb>, usage: Arc<Usage>, sources: config::Sources) -> Session {
        let target = TargetDb { version: db.short_version().to_string(), source: Source::Default, db, notes: None };
        Session::with_target(Some(target), false, usage, sources)
    }

    /// A session that targets the version `sources` resolve to (see `config`); the
    /// database is loaded on first use.
    pub fn targeting(usage: Arc<Usage>, sources: config::Sources) -> Session {
        Session::with_target(None, true, usage, sources)
    }

    fn with_target(target: Option<TargetDb>, versions: bool, usage: Arc<Usage>, sources: config::Sources) -> Session {
        let settings = sources.resolve();
        Session {
            target: RwLock::new(target.map(Arc::new)),
            versions: versions.then(|| Mutex::new(settings.target)),
            sources: Mutex::new(sources),
            retargeting: tokio::sync::Mutex::new(()),
            usage,
            docs: Mutex::new(HashMap::new()),
            packages: Mutex::new(HashMap::new()),
            encoding: Mutex::new(Encoding::default()),
            lint: Default::default(),
            blender: Arc::new(super::blender::LiveBlender::new(settings.blender)),
            progress: Default::default(),
            blender_diagnostics: Mutex::new(HashMap::new()),
            last_completion: Default::default(),
            rag: OnceLock::new(),
        }
    }

    /// The targeted version: its database and notes.
    pub fn target(&self) -> Arc<TargetDb> {
        if let Some(t) = self.target.read().unwrap_or_else(|e| e.into_inner()).as_ref() {
            return t.clone();
        }
        let mut t = self.target.write().unwrap_or_else(|e| e.into_inner());
        if let Some(t) = t.as_ref() {
            return t.clone();
        }
        let settings = self.versions.as_ref().map(|v| lock(v).clone()).unwrap_or_default();
        let loaded = Arc::new(load_target(&settings).0);
        *t = Some(loaded.clone());
        loaded
    }

    /// The settings as they are now, every source resolved.
    pub fn settings(&self) -> config::Settings {
        lock(&self.sources).resolve()
    }

    /// The targeted version's database.
    pub fn db(&self) -> Arc<ApiDb> {
        self.target().db.clone()
    }

    /// Change where the target version comes from, then compute the target again (loading
    /// the database of a new target; this can take a moment, so call it off the async
    /// threads). `None` with `--api-db`.
    pub fn update_versions(&self, update: impl FnOnce(&mut VersionSettings)) -> Option<Retarget> {
        let versions = self.versions.as_ref()?;
        let settings = {
            let mut v = lock(versions);
            update(&mut v);
            v.clone()
        };
        let wanted = settings.resolve();
        let Some(current) = self.target.read().unwrap_or_else(|e| e.into_inner()).clone() else {
            // Not loaded yet: the first use loads what the settings say then.
            return Some(Retarget { from: wanted.version.into(), to: wanted.version.into(), problem: wanted.problem });
        };
        let from = current.version.clone();
        let (updated, problem) = if wanted.version == from {
            // Same database; the source may differ.
            (TargetDb { source: wanted.source, ..clone_target(&current) }, wanted.problem)
        } else {
            // Loaded without the lock: requests keep the old target meanwhile.
            load_target(&settings)
        };
        let retarget = Retarget { from, to: updated.version.clone(), problem };
        *self.target.write().unwrap_or_else(|e| e.into_inner()) = Some(Arc::new(updated));
        Some(retarget)
    }

    /// Whether `version` is already the connected Blender's version in the settings.
    pub fn blender_version_known(&self, version: &Option<String>) -> bool {
        self.versions.as_ref().is_none_or(|v| &lock(v).blender == version)
    }

    /// Change where the target version comes from, without computing the target again (see
    /// `diagnostics::retarget`). Nothing with `--api-db`.
    pub fn edit_versions(&self, edit: impl FnOnce(&mut VersionSettings)) {
        if let Some(v) = &self.versions {
            edit(&mut lock(v));
        }
    }

    /// The documents that are open.
    pub fn open_documents(&self) -> Vec<Uri> {
        lock(&self.docs).keys().cloned().collect()
    }

    pub fn set_encoding(&self, enc: Encoding) {
        *lock(&self.encoding) = enc;
    }

    pub fn encoding(&self) -> Encoding {
        *lock(&self.encoding)
    }

    pub fn open(&self, uri: Uri, text: String) {
        let mut doc = Document::new(text);
        doc.set_package(self.package_of(&uri));
        lock(&self.docs).insert(uri, doc);
    }

    /// The add-on package a file is a module of, so that completion and hover follow its
    /// other modules. Read on open; a package read more than `PACKAGE_FRESH` ago is read
    /// again when another of its files opens (the documents already open keep theirs).
    fn package_of(&self, uri: &Uri) -> Option<PackageRef> {
        let path = uri.to_file_path()?.into_owned();
        let root = crate::package_files::package_root(&path)?;
        let mut packages = lock(&self.packages);
        let package = match packages.get(&root) {
            Some((read, p)) if read.elapsed() < PACKAGE_FRESH => p.clone(),
            _ => {
                let p = Arc::new(crate::package_files::load(&root));
                packages.insert(root.clone(), (std::time::Instant::now(), p.clone()));
                p
            }
        };
        crate::package_files::place(&package, &root, &path)
    }

    pub fn close(&self, uri: &Uri) {
        lock(&self.docs).remove(uri);
    }

    /// Apply changes in order. A change whose range lies outside the document is clamped
    /// to it and reported, so that one bad message does not lose the rest.
    ///
    /// The document is taken out of the table while it is edited, so that its text is not
    /// shared and an edit changes it in place (a copy of a 10 MB text per keystroke is what
    /// the edit would cost otherwise). Snapshots that requests hold keep their own.
    /// Returns the length of the text after the changes.
    pub fn change(&self, uri: &Uri, changes: Vec<TextDocumentContentChangeEvent>) -> Result<usize, String> {
        let enc = self.encoding();
        let mut docs = lock(&self.docs);
        let Some(mut doc) = docs.remove(uri) else {
            return Err(format!("change for a document that is not open: {}", uri.as_str()));
        };
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
        let len = doc.text().len();
        docs.insert(uri.clone(), doc);
        problem.map_or(Ok(len), Err)
    }

    pub fn snapshot(&self, uri: &Uri) -> Option<Snapshot> {
        let doc = lock(&self.docs).get(uri)?.clone();
        let target = self.target();
        Some(Snapshot {
            db: target.db.clone(),
            notes: target.notes.clone(),
            usage: self.usage.clone(),
            doc,
            version: self.lint.current(uri).map(|(v, _)| v),
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

fn clone_target(t: &TargetDb) -> TargetDb {
    TargetDb { version: t.version.clone(), source: t.source, db: t.db.clone(), notes: t.notes.clone() }
}

/// The database and notes of the version `versions` resolve to (4.4 when that one fails to
/// load, which a test of the built-in deltas rules out).
fn load_target(versions: &VersionSettings) -> (TargetDb, Option<String>) {
    let wanted = versions.resolve();
    let mut problem = wanted.problem;
    let (version, db) = match crate::api::load_version(wanted.version) {
        Ok(db) => (wanted.version, db),
        Err(e) => {
            problem = Some(format!("cannot load the Blender {} database: {e}", wanted.version));
            (crate::config::DEFAULT_TARGET, crate::api::load_default())
        }
    };
    let notes = Some(Arc::new(LazyNotes::new(version)));
    (TargetDb { version: version.to_string(), source: wanted.source, db, notes }, problem)
}
