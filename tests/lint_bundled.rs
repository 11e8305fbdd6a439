//! No false alarms on real code: linting every `.py` file that ships inside the bpy 4.4
//! package reports exactly the true errors listed in tests/fixtures/bundled_true_errors.txt.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn scripts_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("BPY_SCRIPTS").map(PathBuf::from).unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv/lib/python3.11/site-packages/bpy/4.4/scripts")
    });
    dir.is_dir().then_some(dir)
}

#[test]
fn bundled_scripts_have_only_their_true_errors() {
    let Some(dir) = scripts_dir() else {
        assert!(std::env::var_os("CI").is_none(), "Blender's scripts are missing: run scripts/install-test-deps.sh");
        eprintln!("skipped: no bpy 4.4 scripts (run scripts/install-test-deps.sh)");
        return;
    };
    let db = bpy_lsp::api::load_default();
    let paths: Vec<PathBuf> =
        ["startup", "templates_py", "addons_core", "modules"].iter().map(|d| dir.join(d)).collect();
    let mut out = Vec::new();
    let report = bpy_lsp::check::check(&db, None, &paths, bpy_lsp::check::Format::Text, &mut out).unwrap();
    assert!(report.files > 400 && report.lines > 200_000, "{} files, {} lines", report.files, report.lines);
    let prefix = format!("{}/", dir.display());
    let found: BTreeSet<String> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| {
            let l = l.strip_prefix(&prefix).unwrap_or(l);
            let mut parts = l.splitn(3, ' ');
            format!("{} {}", parts.next().unwrap_or(""), parts.next().unwrap_or(""))
        })
        .collect();
    let expected_text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bundled_true_errors.txt"))
            .unwrap();
    let expected: BTreeSet<String> =
        expected_text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).map(str::to_string).collect();
    let new: Vec<_> = found.difference(&expected).collect();
    let gone: Vec<_> = expected.difference(&found).collect();
    assert!(new.is_empty() && gone.is_empty(), "false alarms (new): {new:#?}\nno longer reported: {gone:#?}");
}
