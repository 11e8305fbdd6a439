//! End to end: BlenderRAG examples in hover and completion resolve, over the real binary,
//! each server with its own XDG_CACHE_HOME.

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use common::{Lsp, fixture};
use serde_json::{Value, json};

/// A cold index build on a busy 2-core machine.
const READY: Duration = Duration::from_secs(180);

/// One cache for the tests that only need a working one (built by the first server).
fn shared_cache() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| common::temp_dir("rag-shared-cache"))
}

fn start(envs: &[(&str, &str)]) -> Lsp {
    Lsp::start_with(&["utf-16"], envs).0
}

/// Wait for the server's one BlenderRAG log line and return it.
fn rag_log(lsp: &mut Lsp) -> String {
    let msg = lsp.wait_notification("window/logMessage", READY, |p| {
        p["message"].as_str().is_some_and(|m| m.starts_with("bpy-lsp: BlenderRAG"))
    });
    msg["params"]["message"].as_str().unwrap_or("").to_string()
}

fn hover_at(lsp: &mut Lsp, uri: &str, src: &str) -> String {
    let (text, pos) = fixture(src);
    lsp.open(uri, &text);
    lsp.hover_text(uri, pos)
}

/// Percent-decoding of a `file://` URI (without its `#L` fragment) into a path.
fn uri_path(uri: &str) -> PathBuf {
    let s = uri.strip_prefix("file://").expect("a file URI");
    let s = s.split('#').next().unwrap_or(s);
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() + 1 {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).expect("hex");
            out.push(u8::from_str_radix(hex, 16).expect("hex"));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    PathBuf::from(String::from_utf8(out).expect("utf-8 path"))
}

/// The examples of a hover: (title, file:line label, link, snippet).
fn examples_of(hover: &str) -> Vec<(String, String, Option<String>, String)> {
    let mut out = Vec::new();
    let mut rest = hover;
    while let Some(i) = rest.find("\n\n**Example: ") {
        rest = &rest[i + "\n\n**Example: ".len()..];
        let (title, after) = rest.split_once("** · ").expect("title");
        let (location, after) = after.split_once("\n```python\n").expect("snippet");
        let (snippet, after) = after.split_once("\n```").expect("end of snippet");
        let (label, link) = match location.strip_prefix('[') {
            Some(l) => {
                let (label, link) = l.split_once("](").expect("link");
                (label.to_string(), Some(link.trim_end_matches(')').to_string()))
            }
            None => (location.trim_matches('`').to_string(), None),
        };
        out.push((title.replace('\\', ""), label.replace('\\', ""), link, snippet.to_string()));
        rest = after;
    }
    out
}

/// The link points at a file whose line N is the snippet (whose following lines are the
/// snippet's following lines, when it has more).
fn check_link(link: &str, label: &str, snippet: &str) -> PathBuf {
    let (_, line) = link.rsplit_once("#L").expect("a #L fragment");
    let line: usize = line.parse().expect("a line number");
    assert!(label.ends_with(&format!(":{line}")), "{label} vs {link}");
    let path = uri_path(link);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{} does not exist: {e}", path.display()));
    for (k, part) in snippet.lines().enumerate() {
        let n = line + k;
        let at = text.lines().nth(n - 1).unwrap_or_else(|| panic!("{} has no line {n}", path.display()));
        assert!(at.contains(part.trim()), "line {n} of {} is {at:?}, not {part:?}", path.display());
    }
    assert!(path.ends_with(label.split(':').next().unwrap_or("")), "{} vs {label}", path.display());
    path
}

const SCENE: &str = "import bpy\nimport bmesh\n\nobj = bpy.context.active_object\n";

#[test]
fn hover_shows_the_examples_that_use_an_api_with_links_to_the_line() {
    let cache = shared_cache();
    let mut lsp = start(&[("XDG_CACHE_HOME", &cache.to_string_lossy())]);
    let log = rag_log(&mut lsp);
    assert!(log.starts_with("bpy-lsp: BlenderRAG ready in "), "{log}");
    assert!(!log.contains(';'), "no notes expected: {log}");

    // A member of a collection wrapper.
    let text = hover_at(
        &mut lsp,
        "file:///tmp/rag_hover1.py",
        &format!("{SCENE}mod = obj.modifiers.ne$0w('Bevel', 'BEVEL')\n"),
    );
    assert!(text.starts_with("```python\nObjectModifiers.new("), "{text}");
    let api_end = text.find("\n\n**Example: ").expect("examples under the API docs");
    assert!(text[..api_end].contains("[API docs](https://docs.blender.org/api/4.4/"), "{text}");
    let examples = examples_of(&text);
    assert_eq!(
        examples.iter().map(|(t, l, _, s)| (t.as_str(), l.as_str(), s.as_str())).collect::<Vec<_>>(),
        EXPECT_MODIFIERS_NEW.to_vec(),
        "{text}"
    );
    let examples_dir = cache.join("bpy-lsp/examples");
    for (_, label, link, snippet) in &examples {
        let path = check_link(link.as_deref().expect("a link"), label, snippet);
        assert!(path.starts_with(&examples_dir), "{} is not under {}", path.display(), examples_dir.display());
    }

    // A function of a Python module.
    let text = hover_at(
        &mut lsp,
        "file:///tmp/rag_hover2.py",
        &format!("{SCENE}bm = bmesh.new()\nbmesh.ops.bev$0el(bm, geom=bm.edges[:], offset=0.1)\n"),
    );
    assert!(text.starts_with("```python\nbmesh.ops.bevel("), "{text}");
    let examples = examples_of(&text);
    assert_eq!(
        examples.iter().map(|(t, l, _, s)| (t.as_str(), l.as_str(), s.as_str())).collect::<Vec<_>>(),
        EXPECT_BMESH_BEVEL.to_vec(),
        "{text}"
    );
    for (_, label, link, snippet) in &examples {
        check_link(link.as_deref().expect("a link"), label, snippet);
    }

    // A node type id in a string.
    let text = hover_at(
        &mut lsp,
        "file:///tmp/rag_hover3.py",
        "import bpy\nmat = bpy.data.materials.new('M')\nmat.use_nodes = True\nmat.node_tree.nodes.new('ShaderNodeBsdfGl$0ass')\n",
    );
    let examples = examples_of(&text);
    assert!(!examples.is_empty(), "{text}");
    for (_, label, link, snippet) in &examples {
        check_link(link.as_deref().expect("a link"), label, snippet);
    }

    // A local variable is not an API entry: no examples.
    let text = hover_at(&mut lsp, "file:///tmp/rag_hover4.py", &format!("{SCENE}o$0bj.name\n"));
    assert!(text.contains("obj: bpy.types.Object"), "{text}");
    assert!(!text.contains("**Example: "), "{text}");
    lsp.shutdown();
}

#[test]
fn completion_resolve_adds_a_usage_line_from_the_examples() {
    let cache = shared_cache();
    let mut lsp = start(&[("XDG_CACHE_HOME", &cache.to_string_lossy())]);
    rag_log(&mut lsp);
    let (text, pos) = fixture(&format!("{SCENE}bev = obj.modifiers.new('Bevel', 'BEVEL')\nbev.$0\n"));
    let uri = "file:///tmp/rag_completion.py";
    lsp.open(uri, &text);
    let list = lsp.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": {"line": pos.0, "character": pos.1}}),
    );
    let items = list["items"].as_array().expect("items");
    let segments = items.iter().find(|i| i["label"] == "segments").expect("segments offered").clone();
    assert!(segments.get("data").is_none(), "{segments}");
    let resolved = lsp.request("completionItem/resolve", segments);
    let doc = resolved["documentation"]["value"].as_str().unwrap_or("").to_string();
    assert!(doc.starts_with("Number of segments"), "{doc}");
    assert!(doc.ends_with(&format!("\n\n{EXPECT_SEGMENTS_LINE}")), "{doc}");

    // An operator item.
    let (text, pos) = fixture("import bpy\nbpy.ops.mesh.$0\n");
    lsp.open("file:///tmp/rag_completion2.py", &text);
    let list = lsp.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": "file:///tmp/rag_completion2.py"}, "position": {"line": pos.0, "character": pos.1}}),
    );
    let items = list["items"].as_array().expect("items");
    let cube = items.iter().find(|i| i["label"] == "primitive_cube_add").expect("offered").clone();
    let resolved = lsp.request("completionItem/resolve", cube);
    let doc = resolved["documentation"]["value"].as_str().unwrap_or("").to_string();
    assert!(doc.ends_with(&format!("\n\n{EXPECT_CUBE_LINE}")), "{doc}");

    // Items not of the last list resolve to themselves.
    let plain = json!({"label": "segments"});
    let resolved = lsp.request("completionItem/resolve", plain);
    assert!(resolved.get("documentation").is_none_or(Value::is_null), "{resolved}");
    lsp.shutdown();
}

#[test]
fn without_a_writable_cache_the_index_is_in_memory_and_links_go_to_the_source_tree() {
    let dir = common::temp_dir("rag-cache-is-a-file");
    let file = dir.join("not-a-directory");
    std::fs::write(&file, "x").expect("write");
    let mut lsp = start(&[("XDG_CACHE_HOME", &file.to_string_lossy())]);
    let log = rag_log(&mut lsp);
    assert!(log.contains("built in memory"), "{log}");
    assert!(log.contains("index built in memory ("), "{log}");
    let source = Path::new(env!("CARGO_MANIFEST_DIR"));
    assert!(log.contains(&format!("links go to {}", source.display())), "{log}");
    let text = hover_at(
        &mut lsp,
        "file:///tmp/rag_nocache.py",
        &format!("{SCENE}mod = obj.modifiers.ne$0w('Bevel', 'BEVEL')\n"),
    );
    assert!(text.starts_with("```python\nObjectModifiers.new("), "{text}");
    let examples = examples_of(&text);
    assert_eq!(examples.len(), 2, "{text}");
    for (_, label, link, snippet) in &examples {
        let path = check_link(link.as_deref().expect("a link"), label, snippet);
        assert!(path.starts_with(source.join("rag_data")), "{}", path.display());
    }
    lsp.shutdown();
}

#[test]
fn hover_works_without_the_index() {
    // Switched off: the API docs and nothing else, and no BlenderRAG log line.
    let cache = common::temp_dir("rag-off");
    let mut lsp = start(&[("XDG_CACHE_HOME", &cache.to_string_lossy()), ("BPY_LSP_RAG", "off")]);
    let src = format!("{SCENE}mod = obj.modifiers.ne$0w('Bevel', 'BEVEL')\n");
    let text = hover_at(&mut lsp, "file:///tmp/rag_off.py", &src);
    assert!(text.starts_with("```python\nObjectModifiers.new("), "{text}");
    assert!(text.ends_with(")"), "ends with the API docs link: {text}");
    assert!(!text.contains("**Example"), "{text}");
    let (ctext, pos) = fixture(&format!("{SCENE}bev = obj.modifiers.new('Bevel', 'BEVEL')\nbev.$0\n"));
    lsp.open("file:///tmp/rag_off2.py", &ctext);
    let list = lsp.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": "file:///tmp/rag_off2.py"}, "position": {"line": pos.0, "character": pos.1}}),
    );
    let segments = list["items"].as_array().and_then(|a| a.iter().find(|i| i["label"] == "segments")).cloned();
    let resolved = lsp.request("completionItem/resolve", segments.expect("segments"));
    let doc = resolved["documentation"]["value"].as_str().unwrap_or("");
    assert!(!doc.contains("Example:"), "{doc}");
    lsp.shutdown();
    assert!(!std::fs::exists(cache.join("bpy-lsp")).unwrap_or(true), "nothing written to the cache");

    // Not ready yet (a cold build into an empty cache): hover answers at once, API docs first.
    let cache = common::temp_dir("rag-cold");
    let mut lsp = start(&[("XDG_CACHE_HOME", &cache.to_string_lossy())]);
    let t = Instant::now();
    let text = hover_at(&mut lsp, "file:///tmp/rag_cold.py", &src);
    assert!(t.elapsed() < Duration::from_secs(5), "hover waited {:?}", t.elapsed());
    assert!(text.starts_with("```python\nObjectModifiers.new("), "{text}");
    let log = rag_log(&mut lsp);
    assert!(log.ends_with("(20075 documents, built and cached)"), "{log}");
    lsp.shutdown();
}

/// What `bpy-lsp rag uses bpy.types.ObjectModifiers.new` finds in our library.
const EXPECT_MODIFIERS_NEW: [(&str, &str, &str); 2] = [
    (
        "Turn edges into beams with the Wireframe modifier",
        "modifier_wireframe.py:12",
        "wire = dome.modifiers.new(name=\"Wireframe\", type='WIREFRAME')",
    ),
    (
        "Inflate a cube towards a sphere with the Cast modifier",
        "modifier_cast_to_sphere.py:12",
        "sub = obj.modifiers.new(name=\"Subdivide\", type='SUBSURF')",
    ),
];

/// What `bpy-lsp rag uses bmesh.ops.bevel` finds.
const EXPECT_BMESH_BEVEL: [(&str, &str, &str); 2] = [
    (
        "Bevel all edges of a cube with bmesh.ops.bevel",
        "bmesh_bevel_edges.py:13",
        "result = bmesh.ops.bevel(\n    bm,\n    geom=bm.edges[:] + bm.verts[:],\n    offset=0.2,\n    \
         offset_type='OFFSET',\n    segments=3,\n    profile=0.5,\n    affect='EDGES',\n    clamp_overlap=True,\n)",
    ),
    (
        "Simple toy car with body, cabin, wheels and lights",
        "car.py:55",
        "bmesh.ops.bevel(bm, geom=bm.edges[:], offset=body_height * 0.25, segments=3, affect='EDGES')",
    ),
];

const EXPECT_SEGMENTS_LINE: &str =
    "Example: `bevel.segments = 4  # more segments = rounder edge` — modifier_bevel.py:14";
const EXPECT_CUBE_LINE: &str = "Example: `bpy.ops.mesh.primitive_cube_add()` — math_matrix_transforms.py:10";
