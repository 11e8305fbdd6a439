//! BlenderRAG: bad queries, the on-disk cache (corrupt, partial, outdated, unwritable),
//! missing data files, and the lookups hover and completion use.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant, SystemTime};

use bpy_lsp::api::ApiDb;
use bpy_lsp::rag::{CacheLocation, Entry, Kind, Origin, Rag};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn db() -> Arc<ApiDb> {
    static DB: OnceLock<Arc<ApiDb>> = OnceLock::new();
    DB.get_or_init(bpy_lsp::api::load_default).clone()
}

fn examples() -> Vec<(PathBuf, String)> {
    bpy_lsp::example_sources(root()).expect("example library")
}

/// One index in memory for the query tests.
fn rag() -> &'static Rag {
    static RAG: OnceLock<Rag> = OnceLock::new();
    RAG.get_or_init(|| Rag::build(&db(), &examples()).expect("index"))
}

/// A fresh directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let nanos = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
        let dir = std::env::temp_dir().join(format!("bpy-lsp-rag-{name}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn cached_dir(rag: &Rag) -> PathBuf {
    match rag.origin() {
        Origin::Built { dir } | Origin::Cached { dir } => dir.clone(),
        other => panic!("expected a cache directory, got {other:?}"),
    }
}

fn paths(hits: &[bpy_lsp::rag::Hit]) -> Vec<&str> {
    hits.iter().map(|h| h.path.as_str()).collect()
}

// ---------------------------------------------------------------- queries

#[test]
fn odd_queries_never_fail() {
    let rag = rag();
    let huge = "bevel modifier ".repeat(100_000);
    let odd = [
        "",
        "   \t\n",
        "\"",
        "(((",
        ")]}",
        "title:bevel AND -modifier OR \"unterminated",
        "*:* ~2 ^3 +-!&&||",
        "field:[a TO b]",
        "\\ / ? : ' ` ~",
        "\0\0\0",
        "ünïcödé ΑΒΓ 日本語 🙂",
        "....____....",
        "bpy.ops.",
        ".location",
        huge.as_str(),
    ];
    for q in odd {
        let t = Instant::now();
        for kind in [None, Some(Kind::Api), Some(Kind::Example)] {
            let hits = rag.try_search(q, kind, 10).unwrap_or_else(|e| panic!("{q:.40?}: {e}"));
            assert!(hits.len() <= 10);
        }
        assert!(t.elapsed() < Duration::from_secs(2), "{:.40?} took {:?}", q, t.elapsed());
    }
    assert!(rag.search("", None, 10).is_empty());
    assert!(rag.search("!!! ??? ...", None, 10).is_empty());
    assert!(rag.search("bevel", None, 0).is_empty());
    assert!(rag.search("bevel", None, usize::MAX).len() <= bpy_lsp::rag::MAX_HITS);
    // A query in syntax characters around real words still finds them.
    let hits = rag.search("title:(bevel) AND \"modifier\"", None, 5);
    assert!(paths(&hits).contains(&"rag_data/examples/modifier_bevel.py"), "{:?}", paths(&hits));
}

#[test]
fn kinds_filter_and_identifiers() {
    let rag = rag();
    let api = rag.search("bevel", Some(Kind::Api), 20);
    assert!(!api.is_empty() && api.iter().all(|h| h.kind == Kind::Api));
    let ex = rag.search("bevel", Some(Kind::Example), 20);
    assert!(!ex.is_empty() && ex.iter().all(|h| h.kind == Kind::Example));
    assert!(ex.iter().all(|h| h.path.starts_with("rag_data/")));

    // Exact API paths and identifiers come first.
    for (q, want) in [
        ("bpy.ops.mesh.primitive_cube_add", "bpy.ops.mesh.primitive_cube_add"),
        ("primitive_cube_add", "bpy.ops.mesh.primitive_cube_add"),
        ("ShaderNodeBsdfPrincipled", "bpy.types.ShaderNodeBsdfPrincipled"),
        ("bmesh.ops.create_uvsphere", "bmesh.ops.create_uvsphere"),
        ("bpy.types.Object.location", "bpy.types.Object.location"),
    ] {
        let hits = rag.search(q, Some(Kind::Api), 3);
        assert_eq!(hits.first().map(|h| h.path.as_str()), Some(want), "{q}: {:?}", paths(&hits));
    }
    let node = &rag.search("ShaderNodeBsdfPrincipled", Some(Kind::Api), 1)[0];
    assert_eq!(node.entry, Entry::Node);
    assert!(node.snippet.contains("Principled BSDF"), "{}", node.snippet);
    // CamelCase and snake_case words find them too.
    let hits = rag.search("shader node bsdf principled", Some(Kind::Api), 5);
    assert!(paths(&hits).contains(&"bpy.types.ShaderNodeBsdfPrincipled"), "{:?}", paths(&hits));
    let hits = rag.search("primitive cube add", Some(Kind::Api), 5);
    assert!(paths(&hits).contains(&"bpy.ops.mesh.primitive_cube_add"), "{:?}", paths(&hits));
    // Enum values are searchable through their property.
    let hits = rag.search("render engine cycles", Some(Kind::Api), 5);
    assert!(paths(&hits).contains(&"bpy.types.RenderSettings.engine"), "{:?}", paths(&hits));
}

#[test]
fn hits_have_titles_snippets_and_scores() {
    let hits = rag().search("glass material", None, 10);
    assert!(hits.len() == 10);
    for w in hits.windows(2) {
        assert!(w[0].score >= w[1].score);
    }
    for h in &hits {
        assert!(!h.title.is_empty() && !h.path.is_empty(), "{h:?}");
        assert!(h.usage.is_none());
    }
    let ex = hits.iter().find(|h| h.path == "rag_data/examples/material_glass.py").expect("glass example");
    assert_eq!(ex.title, "Glass material with the Glass BSDF node");
    assert!(ex.snippet.contains("Glass BSDF"));
    assert!(rag().contains("bpy.types.Object.location"));
    assert!(rag().contains("rag_data/examples/material_glass.py"));
    assert!(!rag().contains("bpy.types.Object.nope"));
}

// ---------------------------------------------------------------- hover / completion lookups

#[test]
fn examples_using_api_entries() {
    let rag = rag();
    let cases = [
        ("bpy.types.BevelModifier.segments", "rag_data/examples/modifier_bevel.py", "segments ="),
        ("bpy.types.Object.location", "", ".location"),
        ("Object.location", "", ".location"),
        ("bpy.ops.mesh.primitive_cube_add", "", "bpy.ops.mesh.primitive_cube_add("),
        ("bpy.types.ShaderNodeBsdfGlass", "rag_data/examples/material_glass.py", "\"ShaderNodeBsdfGlass\""),
        ("bmesh.ops.bevel", "rag_data/examples/bmesh_bevel_edges.py", "bmesh.ops.bevel("),
        ("mathutils.Vector.cross", "rag_data/examples/math_vector_ops.py", ".cross("),
        ("bpy.context.active_object", "", "active_object"),
        ("bpy.types.bpy_struct.keyframe_insert", "", ".keyframe_insert("),
        ("bpy.types.BlendDataMeshes.new", "", "meshes.new("),
        ("bpy.data.meshes", "", "bpy.data.meshes"),
        ("bpy.types.BevelModifier", "rag_data/examples/modifier_bevel.py", ""),
    ];
    for (api, first, line_has) in cases {
        let hits = rag.examples_using(api, 2);
        assert!(!hits.is_empty() && hits.len() <= 2, "{api}: {:?}", paths(&hits));
        assert!(hits.iter().all(|h| h.kind == Kind::Example));
        if !first.is_empty() {
            assert_eq!(hits[0].path, first, "{api}");
        }
        let usage = hits[0].usage.as_ref().unwrap_or_else(|| panic!("{api}: no usage line"));
        assert!(usage.code.contains(line_has), "{api}: {usage:?}");
        assert_eq!(usage.path, hits[0].path);
        let code = rag.example_code(&usage.path).expect("code");
        let line = code.lines().nth(usage.line - 1).expect("line");
        assert!(line.contains(line_has), "{api}: line {} is {line:?}", usage.line);

        let one = rag.usage_line(api).unwrap_or_else(|| panic!("{api}: no usage_line"));
        assert!(one.code.contains(line_has) && !one.code.contains('\n'), "{api}: {one:?}");
    }
    // A member is not confused with a longer one (`location` vs `location_x`), nor the
    // member of one type with the same name on another when the type is known.
    let node = rag.usage_line("bpy.types.Node.location").expect("node location");
    assert!(node.code.contains(".location"), "{node:?}");
    // Nothing for unknown or odd paths.
    for odd in ["", " ", "bpy.types.Nope.nothing", "no such thing", "bpy.ops.mesh.nope", "(((", "\0"] {
        assert!(rag.usage_line(odd).is_none(), "{odd:?}");
        assert!(rag.examples_using(odd, 3).len() <= 3);
    }
    assert!(rag.examples_using("bpy.types.Object.location", 0).is_empty());
}

// ---------------------------------------------------------------- cache

#[test]
fn cache_is_built_once_then_reused() {
    let tmp = TempDir::new("reuse");
    let cache = CacheLocation::Dir(tmp.0.clone());
    let (db, ex) = (db(), examples());
    let first = Rag::open_or_build(&db, &ex, &cache).expect("build");
    assert!(matches!(first.origin(), Origin::Built { .. }), "{:?}", first.origin());
    let dir = cached_dir(&first);
    assert!(dir.starts_with(&tmp.0));
    let second = Rag::open_or_build(&db, &ex, &cache).expect("open");
    assert_eq!(second.origin(), &Origin::Cached { dir: dir.clone() });
    assert_eq!(first.num_docs(), second.num_docs());
    let q = "bevel the edges of a cube";
    assert_eq!(paths(&first.search(q, None, 10)), paths(&second.search(q, None, 10)));
    assert_eq!(first.usage_line("bmesh.ops.bevel"), second.usage_line("bmesh.ops.bevel"));
    // Same results as the in-memory index.
    assert_eq!(paths(&rag().search(q, None, 10)), paths(&second.search(q, None, 10)));
}

#[test]
fn corrupt_cache_is_rebuilt() {
    let tmp = TempDir::new("corrupt");
    let cache = CacheLocation::Dir(tmp.0.clone());
    let (db, ex) = (db(), examples());
    let dir = cached_dir(&Rag::open_or_build(&db, &ex, &cache).expect("build"));
    // Segment files get new names on every build: look them up each time.
    let segment_files = |d: &Path| -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(d)
            .expect("dir")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "term" || e == "store" || e == "idx"))
            .collect();
        files.sort();
        assert!(!files.is_empty());
        files
    };
    type Damage<'a> = (&'a str, &'a dyn Fn(&Path));
    let damage: [Damage; 6] = [
        ("garbage in a segment file", &|d| {
            let f = &segment_files(d)[0];
            let len = std::fs::metadata(f).map(|m| m.len()).unwrap_or(0) as usize;
            std::fs::write(f, vec![0xAB; len]).expect("write");
        }),
        ("truncated segment file", &|d| {
            let files = segment_files(d);
            let f = &files[files.len() - 1];
            let data = std::fs::read(f).expect("read");
            std::fs::write(f, &data[..data.len() / 2]).expect("write");
        }),
        ("missing meta.json", &|d| std::fs::remove_file(d.join("meta.json")).expect("rm")),
        ("missing manifest", &|d| std::fs::remove_file(d.join("bpy-lsp-rag.json")).expect("rm")),
        ("garbage manifest", &|d| std::fs::write(d.join("bpy-lsp-rag.json"), "{not json").expect("write")),
        ("garbage meta.json", &|d| std::fs::write(d.join("meta.json"), "{}").expect("write")),
    ];
    for (what, damage) in damage {
        damage(&dir);
        let rag = Rag::open_or_build(&db, &ex, &cache).unwrap_or_else(|e| panic!("{what}: {e:#}"));
        assert_eq!(rag.origin(), &Origin::Built { dir: dir.clone() }, "{what}");
        let hits = rag.search("glass material", None, 5);
        assert!(paths(&hits).contains(&"rag_data/examples/material_glass.py"), "{what}: {:?}", paths(&hits));
        let again = Rag::open_or_build(&db, &ex, &cache).expect("reopen");
        assert_eq!(again.origin(), &Origin::Cached { dir: dir.clone() }, "{what}");
    }
    // An empty directory where the index should be.
    std::fs::remove_dir_all(&dir).expect("rm");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let rag = Rag::open_or_build(&db, &ex, &cache).expect("rebuild");
    assert_eq!(rag.origin(), &Origin::Built { dir: dir.clone() });
}

#[test]
fn outdated_cache_is_rebuilt() {
    let tmp = TempDir::new("outdated");
    let cache = CacheLocation::Dir(tmp.0.clone());
    let (db, mut ex) = (db(), examples());
    let dir = cached_dir(&Rag::open_or_build(&db, &ex, &cache).expect("build"));
    let manifest = dir.join("bpy-lsp-rag.json");
    let original = std::fs::read_to_string(&manifest).expect("manifest");

    // Another schema version.
    let schema = format!("\"schema\": {}", bpy_lsp::rag::SCHEMA_VERSION);
    assert!(original.contains(&schema), "{original}");
    std::fs::write(&manifest, original.replace(&schema, "\"schema\": 0")).expect("write");
    let rag = Rag::open_or_build(&db, &ex, &cache).expect("rebuild");
    assert_eq!(rag.origin(), &Origin::Built { dir: dir.clone() }, "old schema");

    // A manifest whose content hash is not this content's.
    let text = std::fs::read_to_string(&manifest).expect("manifest");
    let name = dir.file_name().and_then(|n| n.to_str()).expect("name").to_string();
    std::fs::write(&manifest, text.replace(&name, &"0".repeat(name.len()))).expect("write");
    let rag = Rag::open_or_build(&db, &ex, &cache).expect("rebuild");
    assert_eq!(rag.origin(), &Origin::Built { dir: dir.clone() }, "other hash");

    // Changed content (an example edited): another key, a new index that has the edit.
    let i = ex.iter().position(|(p, _)| p.ends_with("material_glass.py")).expect("glass");
    ex[i].1 = ex[i].1.replace("# tags: material, glass", "# tags: material, glass, zyzzyvaquartz");
    let rag = Rag::open_or_build(&db, &ex, &cache).expect("build edited");
    let edited = cached_dir(&rag);
    assert!(matches!(rag.origin(), Origin::Built { .. }));
    assert_ne!(edited, dir);
    let hits = rag.search("zyzzyvaquartz", Some(Kind::Example), 3);
    assert_eq!(paths(&hits), ["rag_data/examples/material_glass.py"]);
    // The old content's index is still valid for the old content.
    let old = Rag::open_or_build(&db, &examples(), &cache).expect("old");
    assert_eq!(old.origin(), &Origin::Cached { dir });
    assert!(old.search("zyzzyvaquartz", None, 3).is_empty());
}

#[test]
fn unusable_cache_falls_back_to_memory() {
    let tmp = TempDir::new("unusable");
    // The cache root is a file: nothing can be created under it.
    let file = tmp.0.join("not-a-dir");
    std::fs::write(&file, "x").expect("write");
    let rag = Rag::open_or_build(&db(), &examples(), &CacheLocation::Dir(file)).expect("memory fallback");
    match rag.origin() {
        Origin::Memory { reason: Some(reason) } => assert!(reason.contains("not-a-dir"), "{reason}"),
        other => panic!("{other:?}"),
    }
    assert!(!rag.search("glass", None, 3).is_empty());
    let rag = Rag::open_or_build(&db(), &examples()[..3], &CacheLocation::Memory).expect("memory");
    assert_eq!(rag.origin(), &Origin::Memory { reason: None });
}

#[test]
fn stale_cache_dirs_are_pruned() {
    let tmp = TempDir::new("prune");
    let cache = CacheLocation::Dir(tmp.0.clone());
    let (db, ex) = (db(), examples());
    // Leftovers: an old temporary build and an old directory without a manifest.
    let old = SystemTime::now() - Duration::from_secs(3 * 3600);
    for name in ["0123.tmp-1-2", "deadbeef"] {
        let d = tmp.0.join(name);
        std::fs::create_dir_all(&d).expect("mkdir");
        std::fs::File::open(&d).and_then(|f| f.set_modified(old)).expect("mtime");
    }
    let fresh = tmp.0.join("4567.tmp-9-9");
    std::fs::create_dir_all(&fresh).expect("mkdir");
    let rag = Rag::open_or_build(&db, &ex, &cache).expect("build");
    assert!(!tmp.0.join("0123.tmp-1-2").exists());
    assert!(!tmp.0.join("deadbeef").exists());
    assert!(fresh.exists(), "a build in progress elsewhere is left alone");
    assert!(cached_dir(&rag).exists());
}

// ---------------------------------------------------------------- missing files

#[test]
fn missing_example_library_is_named() {
    let tmp = TempDir::new("missing");
    let err = Rag::load(&db(), &tmp.0, &CacheLocation::Memory).expect_err("no rag_data");
    let msg = format!("{err:#}");
    assert!(msg.contains("rag_data/examples") || msg.contains("rag_data\\examples"), "{msg}");

    // Examples present but assets missing: the error names the assets directory.
    std::fs::create_dir_all(tmp.0.join("rag_data/examples")).expect("mkdir");
    std::fs::write(tmp.0.join("rag_data/examples/a.py"), "# title: Alpha widget\nimport bpy\n").expect("write");
    let err = Rag::load(&db(), &tmp.0, &CacheLocation::Memory).expect_err("no assets");
    assert!(format!("{err:#}").contains("rag_data/assets"), "{err:#}");

    std::fs::create_dir_all(tmp.0.join("rag_data/assets")).expect("mkdir");
    let rag = Rag::load(&db(), &tmp.0, &CacheLocation::Memory).expect("tiny library");
    assert_eq!(
        rag.search("alpha", Some(Kind::Example), 5).first().map(|h| h.path.as_str()),
        Some("rag_data/examples/a.py")
    );

    let err = bpy_lsp::rag::eval::load_queries(&tmp.0.join("rag_queries.json")).expect_err("no query set");
    assert!(format!("{err:#}").contains("rag_queries.json"), "{err:#}");
}
