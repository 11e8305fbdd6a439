//! Reading an add-on package from disk for [`analysis::package::Package`]: which package a
//! file belongs to, and its modules. Shared by `check`, the server and the benchmarks.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::analysis::package::{MAX_MODULES, Package, PackageRef};

/// Modules larger than this are left out (generated tables, not add-on code).
const MAX_MODULE_BYTES: u64 = 2 * 1024 * 1024;
/// Reading stops at this many bytes in all (rigify, 150 modules, is 3 MB).
const MAX_PACKAGE_BYTES: u64 = 64 * 1024 * 1024;

/// The outermost directory above `file` (at most six levels up) that holds an
/// `__init__.py`: the add-on package the file is a module of.
pub fn package_root(file: &Path) -> Option<PathBuf> {
    file.ancestors()
        .skip(1)
        .take(6)
        .take_while(|d| !d.as_os_str().is_empty())
        .filter(|d| d.join("__init__.py").is_file())
        .last()
        .map(Path::to_path_buf)
}

/// The dotted module name of `file` in the package at `root` (`ui/panels.py` -> `ui.panels`,
/// `__init__.py` -> `__init__`).
pub fn module_name(root: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(root).ok()?.with_extension("");
    let parts: Vec<&str> = rel.iter().map(|p| p.to_str()).collect::<Option<_>>()?;
    (!parts.is_empty()).then(|| parts.join("."))
}

/// Every Python module of the package at `root` that can be read as text, sorted by path.
pub fn load(root: &Path) -> Package {
    let files = crate::check::python_files(&[root.to_path_buf()]);
    let shown = root.parent().unwrap_or(root);
    let mut modules = Vec::new();
    let mut total = 0;
    for f in files.iter().filter(|f| f.extension().is_some_and(|e| e == "py")).take(MAX_MODULES) {
        let size = std::fs::metadata(f).map_or(u64::MAX, |m| m.len());
        if size > MAX_MODULE_BYTES {
            continue;
        }
        total += size;
        if total > MAX_PACKAGE_BYTES {
            break;
        }
        let (Some(name), Ok(text)) = (module_name(root, f), std::fs::read_to_string(f)) else { continue };
        let path = f.strip_prefix(shown).unwrap_or(f).to_string_lossy().into_owned();
        modules.push((name, path, text));
    }
    Package::new(modules)
}

/// `file`'s place in an already loaded package at `root`.
pub fn place(package: &Arc<Package>, root: &Path, file: &Path) -> Option<PackageRef> {
    Some(PackageRef { package: package.clone(), module: module_name(root, file)? })
}
