//! Embeds the example library (rag_data/examples, rag_data/assets) in the binary, so that an
//! installed `bpy-lsp` serves BlenderRAG without the source tree: writes
//! `$OUT_DIR/examples.rs`, a sorted `&[(path, text)]` of `include_str!`s.

use std::path::Path;

fn main() {
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    println!("cargo:rerun-if-changed=build.rs");
    let mut files = Vec::new();
    for dir in ["rag_data/examples", "rag_data/assets"] {
        // A directory: cargo reruns when anything in it changes.
        println!("cargo:rerun-if-changed={dir}");
        let entries = match std::fs::read_dir(Path::new(&root).join(dir)) {
            Ok(e) => e,
            Err(e) => panic!("cannot read {dir}: {e}"),
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".py") {
                files.push(format!("{dir}/{name}"));
            }
        }
    }
    files.sort();
    let mut code = String::from("&[\n");
    for rel in &files {
        code.push_str(&format!("    ({rel:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/{rel}\"))),\n"));
    }
    code.push_str("]\n");
    let target = Path::new(&out).join("examples.rs");
    if std::fs::read_to_string(&target).ok().as_deref() != Some(code.as_str()) {
        std::fs::write(&target, code).expect("writing examples.rs");
    }
}
