//! Copies of the example scripts on disk, so that hover can link to the line an example uses
//! an API entry on. The scripts are built into the binary (`crate::EMBEDDED_EXAMPLES`); the
//! server writes them once to `<cache>/bpy-lsp/examples/<hash>/rag_data/...`, next to the
//! index cache (`<cache>/bpy-lsp/rag`), keyed by their content, so a link always points at
//! the text the index was built from. A directory is used only when its marker (written
//! last) is there and every file has the expected content; anything else is written again.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use anyhow::{Context as _, anyhow, bail};
use xxhash_rust::xxh3::Xxh3;

use super::CacheLocation;
use super::cache::{prune, touch};
use super::docs::display_path;

/// Written last into a complete copy.
const MARKER: &str = "bpy-lsp-examples.json";

/// The directory holding the copies for this cache location: `examples` next to the index
/// cache root (`.../bpy-lsp/rag` -> `.../bpy-lsp/examples`).
pub fn examples_root(cache: &CacheLocation) -> anyhow::Result<PathBuf> {
    let root = cache.root().map_err(|e| anyhow!(e))?.ok_or_else(|| anyhow!("no cache directory (in memory)"))?;
    let parent = root.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    Ok(parent.join("examples"))
}

/// A content key of the example library (paths under `rag_data/` and texts).
fn library_hash(examples: &[(PathBuf, String)]) -> String {
    let mut h = Xxh3::new();
    h.update(&(examples.len() as u64).to_le_bytes());
    for (path, code) in examples {
        for s in [display_path(path).as_str(), code.as_str()] {
            h.update(&(s.len() as u64).to_le_bytes());
            h.update(s.as_bytes());
        }
    }
    format!("{:032x}", h.digest128())
}

/// Whether `base.join(rag_data/...)` holds every example with exactly its text.
pub fn holds_library(base: &Path, examples: &[(PathBuf, String)]) -> bool {
    !examples.is_empty()
        && examples.iter().all(|(path, code)| {
            std::fs::read(base.join(display_path(path))).is_ok_and(|bytes| bytes == code.as_bytes())
        })
}

/// The base directory of a copy of the examples under `root` (`base.join("rag_data/examples/x.py")`
/// is a file), written now if there is no valid one.
pub fn write_library(root: &Path, examples: &[(PathBuf, String)]) -> anyhow::Result<PathBuf> {
    if examples.is_empty() {
        bail!("no examples to write");
    }
    let hash = library_hash(examples);
    let dir = root.join(&hash);
    if dir.join(MARKER).is_file() && holds_library(&dir, examples) {
        touch(&dir, MARKER);
        prune(root, &dir, MARKER);
        return Ok(dir);
    }
    std::fs::create_dir_all(root).with_context(|| format!("creating {}", root.display()))?;
    let nanos = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    let tmp = root.join(format!("{hash}.tmp-{}-{nanos}", std::process::id()));
    let written = write_all(&tmp, examples);
    if let Err(e) = written {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    if dir.exists() {
        // Another server finished first: keep its copy, which it may be linking to already.
        if dir.join(MARKER).is_file() && holds_library(&dir, examples) {
            let _ = std::fs::remove_dir_all(&tmp);
            return Ok(dir);
        }
        // Incomplete or changed under our feet: replace it.
        let _ = std::fs::remove_dir_all(&dir);
    }
    if let Err(e) = std::fs::rename(&tmp, &dir) {
        let _ = std::fs::remove_dir_all(&tmp);
        // Another server may have put a valid copy there first.
        if dir.join(MARKER).is_file() && holds_library(&dir, examples) {
            return Ok(dir);
        }
        return Err(anyhow!("moving the examples to {}: {e}", dir.display()));
    }
    prune(root, &dir, MARKER);
    Ok(dir)
}

fn write_all(tmp: &Path, examples: &[(PathBuf, String)]) -> anyhow::Result<()> {
    for (path, code) in examples {
        let rel = display_path(path);
        if !rel.starts_with("rag_data/") || rel.split('/').any(|c| c == "..") {
            bail!("unexpected example path {rel}");
        }
        let file = tmp.join(&rel);
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
        }
        std::fs::write(&file, code).with_context(|| format!("writing {}", file.display()))?;
    }
    let marker = serde_json::json!({"files": examples.len()}).to_string();
    std::fs::write(tmp.join(MARKER), marker).with_context(|| format!("writing the marker in {}", tmp.display()))
}

/// A `file://` URI for an absolute path (percent-encoding all but unreserved characters and `/`).
pub fn file_uri(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file://");
    if !s.starts_with('/') {
        out.push('/');
    }
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_' | b'.' | b'~' | b':') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris() {
        assert_eq!(file_uri(Path::new("/tmp/a b/x.py")), "file:///tmp/a%20b/x.py");
        assert_eq!(file_uri(Path::new("/c/é#.py")), "file:///c/%C3%A9%23.py");
    }

    #[test]
    fn writes_once_and_repairs() {
        let root = std::env::temp_dir().join(format!("bpy-lsp-examples-unit-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let ex = vec![
            (PathBuf::from("rag_data/examples/a.py"), "# title: A\nx = 1\n".to_string()),
            (PathBuf::from("/src/rag_data/assets/b.py"), "y = 2\n".to_string()),
        ];
        let dir = write_library(&root, &ex).expect("written");
        assert_eq!(std::fs::read_to_string(dir.join("rag_data/assets/b.py")).ok().as_deref(), Some("y = 2\n"));
        assert!(holds_library(&dir, &ex));
        // A changed file is noticed and written again.
        std::fs::write(dir.join("rag_data/examples/a.py"), "changed").expect("write");
        let again = write_library(&root, &ex).expect("rewritten");
        assert_eq!(again, dir);
        assert!(holds_library(&dir, &ex));
        // A different library goes to another directory.
        let other = write_library(&root, &ex[..1]).expect("written");
        assert_ne!(other, dir);
        let _ = std::fs::remove_dir_all(&root);
    }
}
