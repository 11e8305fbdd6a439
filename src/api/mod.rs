//! What Blender offers: the API database, loaded once at start-up.

pub mod cli;
mod db;
pub mod diff;
pub mod model;
mod versions;

pub use db::{ApiCounts, ApiDb, StructMember};
pub use diff::{ApiDiff, Change, ChangeKind, Entity, Note, VersionHistory, VersionNotes};
pub use versions::{
    apply_delta, apply_delta_to_file, available_versions, embedded_size, load_version, resolve_version, version_file,
    version_value, versions_report,
};

use std::path::Path;
use std::sync::Arc;

/// The database of the default Blender version, built into the binary so that the server
/// needs no data files next to it.
static DEFAULT_DB_JSON: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/rag_data/api/blender-4.4.json"));

pub const DEFAULT_VERSION: &str = "4.4";

/// Load the built-in database of the default version.
pub fn load_default() -> Arc<ApiDb> {
    // The embedded file is checked by tests at build time; failing here is a build error.
    Arc::new(ApiDb::from_json(DEFAULT_DB_JSON).expect("embedded API database is valid JSON"))
}

/// Load a database from a file (`--api-db`), naming the file in the error.
pub fn load_file(path: &Path) -> anyhow::Result<Arc<ApiDb>> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| anyhow::anyhow!("cannot read API database {}: {e}", path.display()))?;
    let db =
        ApiDb::from_json(&text).map_err(|e| anyhow::anyhow!("API database {} is not valid: {e}", path.display()))?;
    Ok(Arc::new(db))
}
