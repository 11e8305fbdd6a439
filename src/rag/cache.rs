//! The on-disk cache of the index: `<root>/<hash>/`, where the hash covers the schema version
//! and everything indexed. A directory is used only when its manifest (written last) matches
//! and every file has the length and checksum the manifest records; anything else is removed
//! and rebuilt. Builds go to a temporary directory that is renamed into place, so concurrent
//! servers never see a partial index.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use anyhow::{Context, anyhow, bail};
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use super::SCHEMA_VERSION;
use crate::api::ApiDb;
use crate::api::model::{Member, Prop};

/// The manifest's file name inside a cache directory.
pub const MANIFEST: &str = "bpy-lsp-rag.json";
/// Complete cache directories kept (most recently used first); older ones are removed.
const KEEP: usize = 4;
/// Temporary or incomplete directories older than this are removed.
const STALE: Duration = Duration::from_secs(3600);
/// Part of the cache key: the on-disk format of the search library.
const ENGINE: &str = "tantivy-0.27";

/// Where [`super::Rag::open_or_build`] keeps the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CacheLocation {
    /// `<cache dir>/bpy-lsp/rag` (`config::dirs`: `$XDG_CACHE_HOME`, else `~/.cache` on Linux).
    Default,
    /// This directory (it holds one sub-directory per content hash).
    Dir(PathBuf),
    /// No cache: build in memory.
    Memory,
}

impl CacheLocation {
    /// The cache root; `Ok(None)` for no cache; `Err` when the default cannot be found.
    pub(crate) fn root(&self) -> Result<Option<PathBuf>, String> {
        match self {
            CacheLocation::Default => {
                default_cache_root().map(Some).ok_or_else(|| "no cache directory (HOME is not set)".to_string())
            }
            CacheLocation::Dir(p) => Ok(Some(p.clone())),
            CacheLocation::Memory => Ok(None),
        }
    }
}

/// `<cache dir>/bpy-lsp/rag` (see `config::dirs`).
pub fn default_cache_root() -> Option<PathBuf> {
    Some(crate::config::dirs::cache_dir()?.join("rag"))
}

/// The source of everything that decides what goes into the index, so that a change to the
/// code invalidates caches as surely as a change to the data.
const SOURCES: &[&str] = &[
    include_str!("mod.rs"),
    include_str!("docs.rs"),
    include_str!("tokenizer.rs"),
    include_str!("uses.rs"),
    include_str!("cache.rs"),
    include_str!("../analysis/usage.rs"),
    include_str!("../analysis/infer.rs"),
];

/// The cache key: schema version, engine, the indexing code, every field of the API
/// database and every example file (its path under rag_data/ and its text).
pub(crate) fn content_hash(db: &ApiDb, examples: &[(PathBuf, String)]) -> String {
    let mut h = Xxh3::new();
    h.update(format!("bpy-lsp-rag schema {SCHEMA_VERSION} {ENGINE}\0").as_bytes());
    for src in SOURCES {
        text(&mut h, src);
    }
    hash_db(db, &mut h);
    num(&mut h, examples.len() as u64);
    for (path, code) in examples {
        text(&mut h, &super::docs::display_path(path));
        text(&mut h, code);
    }
    format!("{:032x}", h.digest128())
}

fn text(h: &mut Xxh3, s: &str) {
    h.update(&(s.len() as u64).to_le_bytes());
    h.update(s.as_bytes());
}

fn num(h: &mut Xxh3, n: u64) {
    h.update(&n.to_le_bytes());
}

fn opt(h: &mut Xxh3, s: &Option<String>) {
    match s {
        Some(s) => text(h, s),
        None => num(h, u64::MAX),
    }
}

fn hash_prop(h: &mut Xxh3, p: &Prop) {
    text(h, &p.name);
    text(h, &p.description);
    num(h, p.ty as u64);
    opt(h, &p.fixed_type);
    opt(h, &p.collection_type);
    num(
        h,
        p.array_length as u64 | (p.readonly as u64) << 32 | (p.enum_flag as u64) << 33 | (p.is_required as u64) << 34,
    );
    opt(h, &p.subtype);
    match &p.default {
        Some(v) => text(h, &v.to_string()),
        None => num(h, u64::MAX),
    }
    num(h, p.min.map_or(u64::MAX, f64::to_bits));
    num(h, p.max.map_or(u64::MAX, f64::to_bits));
    num(h, p.enum_items.len() as u64);
    for item in &p.enum_items {
        text(h, item.identifier());
        text(h, item.name());
        text(h, item.description());
    }
}

fn hash_member(h: &mut Xxh3, m: &Member) {
    text(h, &m.name);
    num(h, m.kind as u64);
    text(h, &m.description);
    opt(h, &m.signature);
    opt(h, &m.returns);
    opt(h, &m.ty);
    num(h, m.params.len() as u64);
    for p in &m.params {
        text(h, &p.name);
        opt(h, &p.ty);
        opt(h, &p.default);
        text(h, &p.description);
    }
    num(h, m.members.len() as u64);
    for c in &m.members {
        hash_member(h, c);
    }
}

/// Every field of the database that the model holds.
fn hash_db(db: &ApiDb, h: &mut Xxh3) {
    text(h, &db.version);
    num(h, db.structs().len() as u64);
    for s in db.structs() {
        text(h, &s.name);
        opt(h, &s.base);
        text(h, &s.description);
        num(h, s.properties.len() as u64);
        for p in &s.properties {
            hash_prop(h, p);
        }
        num(h, s.functions.len() as u64);
        for f in &s.functions {
            text(h, &f.name);
            text(h, &f.description);
            num(h, f.is_classmethod as u64);
            for list in [&f.params, &f.returns] {
                num(h, list.len() as u64);
                for p in list {
                    hash_prop(h, p);
                }
            }
        }
        num(h, s.py_members.len() as u64);
        for m in &s.py_members {
            hash_member(h, m);
        }
    }
    num(h, db.operators().len() as u64);
    for o in db.operators() {
        text(h, &o.module);
        text(h, &o.name);
        text(h, &o.description);
        num(h, o.params.len() as u64);
        for p in &o.params {
            hash_prop(h, p);
        }
    }
    num(h, db.context_members().len() as u64);
    for p in db.context_members() {
        hash_prop(h, p);
    }
    num(h, db.nodes().len() as u64);
    for n in db.nodes() {
        text(h, &n.idname);
        text(h, &n.tree);
        text(h, &n.label);
        for list in [&n.inputs, &n.outputs] {
            num(h, list.len() as u64);
            for sock in list {
                text(h, &sock.name);
                text(h, &sock.identifier);
                text(h, &sock.ty);
                text(h, &sock.idname);
            }
        }
    }
    num(h, db.modules().len() as u64);
    for m in db.modules() {
        text(h, &m.name);
        text(h, &m.description);
        num(h, m.members.len() as u64);
        for member in &m.members {
            hash_member(h, member);
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct Manifest {
    schema: u32,
    hash: String,
    docs: u64,
    /// (file name, length, xxh3-64 of the content as hex)
    files: Vec<(String, u64, String)>,
}

/// A usable cache directory.
pub(crate) struct Opened {
    pub dir: PathBuf,
    /// Built now (rather than found).
    pub built: bool,
    /// Documents the index must hold.
    pub docs: u64,
}

/// Use `<root>/<hash>` if valid, else build it with `build(dir)`, which must write a complete
/// tantivy index into `dir` and return how many documents it holds.
pub(crate) fn open_or_build(
    root: &Path,
    hash: &str,
    build: impl FnOnce(&Path) -> anyhow::Result<u64>,
) -> anyhow::Result<Opened> {
    std::fs::create_dir_all(root).with_context(|| format!("creating cache directory {}", root.display()))?;
    let dir = root.join(hash);
    if dir.exists() {
        match validate(&dir, hash) {
            Ok(docs) => {
                touch(&dir, MANIFEST);
                prune(root, &dir, MANIFEST);
                return Ok(Opened { dir, built: false, docs });
            }
            Err(_) => {
                // Corrupt, partial or from another schema: start again.
                let _ = std::fs::remove_dir_all(&dir);
            }
        }
    }
    let nanos = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    let tmp = root.join(format!("{hash}.tmp-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&tmp).with_context(|| format!("creating {}", tmp.display()))?;
    let docs = match build(&tmp).and_then(|docs| write_manifest(&tmp, hash, docs).map(|()| docs)) {
        Ok(docs) => docs,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(e);
        }
    };
    if let Err(e) = std::fs::rename(&tmp, &dir) {
        let _ = std::fs::remove_dir_all(&tmp);
        // Another process may have put a valid index there first.
        if let Ok(docs) = validate(&dir, hash) {
            touch(&dir, MANIFEST);
            return Ok(Opened { dir, built: false, docs });
        }
        return Err(anyhow!("moving the index to {}: {e}", dir.display()));
    }
    prune(root, &dir, MANIFEST);
    Ok(Opened { dir, built: true, docs })
}

/// Files of the index that the manifest covers (tantivy's lock files come and go).
fn index_files(dir: &Path) -> anyhow::Result<Vec<String>> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == MANIFEST || name.ends_with(".lock") || !entry.file_type()?.is_file() {
            continue;
        }
        names.push(name);
    }
    names.sort();
    Ok(names)
}

fn file_hash(path: &Path) -> anyhow::Result<(u64, String)> {
    let mut file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut h = Xxh3::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut len = 0u64;
    loop {
        let n = file.read(&mut buf).with_context(|| format!("reading {}", path.display()))?;
        if n == 0 {
            break;
        }
        len += n as u64;
        h.update(&buf[..n]);
    }
    Ok((len, format!("{:016x}", h.digest())))
}

fn write_manifest(dir: &Path, hash: &str, docs: u64) -> anyhow::Result<()> {
    let mut files = Vec::new();
    for name in index_files(dir)? {
        let (len, sum) = file_hash(&dir.join(&name))?;
        files.push((name, len, sum));
    }
    if !files.iter().any(|(n, _, _)| n == "meta.json") {
        bail!("the index in {} has no meta.json", dir.display());
    }
    let manifest = Manifest { schema: SCHEMA_VERSION, hash: hash.to_string(), docs, files };
    let json = serde_json::to_string_pretty(&manifest)?;
    std::fs::write(dir.join(MANIFEST), json).with_context(|| format!("writing the manifest in {}", dir.display()))
}

/// The number of documents when `dir` holds a complete index for this hash and schema.
pub(crate) fn validate(dir: &Path, hash: &str) -> anyhow::Result<u64> {
    let path = dir.join(MANIFEST);
    let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let m: Manifest = serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
    if m.schema != SCHEMA_VERSION {
        bail!("schema {} in the cache, {SCHEMA_VERSION} wanted", m.schema);
    }
    if m.hash != hash {
        bail!("content hash differs");
    }
    if m.files.is_empty() {
        bail!("empty manifest");
    }
    for (name, len, sum) in &m.files {
        if name.contains(['/', '\\']) || name == ".." {
            bail!("bad file name {name:?} in the manifest");
        }
        let file = dir.join(name);
        let actual_len = std::fs::metadata(&file).with_context(|| format!("{} is missing", file.display()))?.len();
        if actual_len != *len {
            bail!("{} has {actual_len} bytes, {len} expected", file.display());
        }
        let (_, actual) = file_hash(&file)?;
        if &actual != sum {
            bail!("{} is corrupt (checksum differs)", file.display());
        }
    }
    Ok(m.docs)
}

/// Mark a cache directory as used now, by the mtime of its `marker` file (pruning keeps
/// the most recently used). Shared by the index cache and the example copies.
pub(crate) fn touch(dir: &Path, marker: &str) {
    if let Ok(f) = std::fs::File::options().write(true).open(dir.join(marker)) {
        let _ = f.set_modified(SystemTime::now());
    }
}

/// Under `root`, remove stale temporary directories (and ones without their `marker`
/// file) and all but the `KEEP` most recently used complete ones.
pub(crate) fn prune(root: &Path, current: &Path, marker: &str) {
    let Ok(entries) = std::fs::read_dir(root) else { return };
    let now = SystemTime::now();
    let age = |p: &Path| {
        std::fs::metadata(p)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| now.duration_since(t).ok())
            .unwrap_or_default()
    };
    let mut complete: Vec<(Duration, PathBuf)> = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if path == current || !entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let manifest = path.join(marker);
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.contains(".tmp-") || !manifest.exists() {
            if age(&path) > STALE {
                let _ = std::fs::remove_dir_all(&path);
            }
        } else {
            complete.push((age(&manifest), path));
        }
    }
    complete.sort();
    for (_, path) in complete.into_iter().skip(KEEP.saturating_sub(1)) {
        let _ = std::fs::remove_dir_all(&path);
    }
}
