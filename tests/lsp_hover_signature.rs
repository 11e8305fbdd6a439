//! End to end: hover text and signature help from the built binary.

mod common;

use common::{Lsp, fixture};
use serde_json::json;

fn hover(lsp: &mut Lsp, n: usize, src: &str) -> String {
    let (text, pos) = fixture(src);
    let uri = format!("file:///tmp/hover{n}.py");
    lsp.open(&uri, &text);
    lsp.hover_text(&uri, pos)
}

fn signature(lsp: &mut Lsp, n: usize, src: &str) -> serde_json::Value {
    let (text, pos) = fixture(src);
    let uri = format!("file:///tmp/sig{n}.py");
    lsp.open(&uri, &text);
    lsp.request(
        "textDocument/signatureHelp",
        json!({"textDocument": {"uri": uri}, "position": {"line": pos.0, "character": pos.1}}),
    )
}

#[test]
fn hover_on_a_property_shows_type_description_default_version_and_link() {
    let mut lsp = Lsp::start();
    let text = hover(&mut lsp, 0, "import bpy\nbpy.context.object.loc$0ation = (0, 0, 1)\n");
    assert!(text.contains("Object.location: float[3]"), "{text}");
    assert!(text.contains("Location of the object"), "{text}");
    assert!(text.contains("default (0.0, 0.0, 0.0)"), "{text}");
    assert!(text.contains("subtype TRANSLATION"), "{text}");
    assert!(text.contains("Blender 4.4"), "{text}");
    assert!(
        text.contains("https://docs.blender.org/api/4.4/bpy.types.Object.html#bpy.types.Object.location"),
        "{text}"
    );
}

#[test]
fn hover_on_an_enum_property_lists_its_values() {
    let mut lsp = Lsp::start();
    let text = hover(&mut lsp, 0, "import bpy\nbpy.context.scene.render.eng$0ine = 'CYCLES'\n");
    assert!(text.contains("RenderSettings.engine: enum"), "{text}");
    assert!(text.contains("- `'CYCLES'` Cycles"), "{text}");
    assert!(text.contains("- `'BLENDER_EEVEE_NEXT'`"), "{text}");
}

#[test]
fn hover_on_an_operator_shows_its_signature() {
    let mut lsp = Lsp::start();
    let text = hover(&mut lsp, 0, "import bpy\nbpy.ops.mesh.primitive_cu$0be_add(size=2)\n");
    assert!(
        text.starts_with("```python\nbpy.ops.mesh.primitive_cube_add(size: float = 2.0, calc_uvs: bool = True"),
        "{text}"
    );
    assert!(text.contains("Construct a cube mesh"), "{text}");
    assert!(
        text.contains("https://docs.blender.org/api/4.4/bpy.ops.mesh.html#bpy.ops.mesh.primitive_cube_add"),
        "{text}"
    );
}

#[test]
fn hover_on_strings_explains_enum_values_node_ids_and_sockets() {
    let mut lsp = Lsp::start();
    let text = hover(&mut lsp, 0, "import bpy\nobj = bpy.context.object\nobj.modifiers.new('b', type='BEV$0EL')\n");
    assert!(text.contains("**Bevel**: Generate sloped corners"), "{text}");
    let text = hover(
        &mut lsp,
        1,
        "import bpy\nmat = bpy.data.materials.new('M')\nn = mat.node_tree.nodes.new('ShaderNodeBsdfPrinc$0ipled')\n",
    );
    assert!(text.contains("ShaderNodeBsdfPrincipled — Principled BSDF"), "{text}");
    assert!(text.contains("`Base Color` (RGBA)"), "{text}");
    let text = hover(
        &mut lsp,
        2,
        "import bpy\nmat = bpy.data.materials.new('M')\nb = mat.node_tree.nodes['Principled BSDF']\nb.inputs['Rough$0ness']\n",
    );
    assert!(text.contains("Input socket `NodeSocketFloatFactor` of Principled BSDF (VALUE)"), "{text}");
}

#[test]
fn hover_on_keyword_argument_variable_and_module() {
    let mut lsp = Lsp::start();
    let text = hover(&mut lsp, 0, "import bpy\nbpy.ops.mesh.primitive_cube_add(si$0ze=2)\n");
    assert!(text.contains("(parameter) size: float = 2.0"), "{text}");
    let text = hover(&mut lsp, 1, "import bpy\nob$0j = bpy.data.objects['Cube']\n");
    assert!(text.contains("obj: bpy.types.Object"), "{text}");
    let text = hover(&mut lsp, 2, "import bmesh\nbm = bme$0sh.new()\n");
    assert!(text.contains("module bmesh"), "{text}");
    let text = hover(&mut lsp, 3, "from mathutils import Vector\nv = Vector((1, 0, 0)).normal$0ized()\n");
    assert!(text.contains("mathutils.Vector.normalized()"), "{text}");
    let text = hover(&mut lsp, 4, "x$0 = 1 + 2\n");
    assert_eq!(text, "```python\nx: int\n```");
    // Nothing to say about a name nobody defined.
    let text = hover(&mut lsp, 5, "print(unkno$0wn)\n");
    assert_eq!(text, "");
}

#[test]
fn signature_help_for_operators_and_rna_functions() {
    let mut lsp = Lsp::start();
    let sig = signature(&mut lsp, 0, "import bpy\nbpy.ops.mesh.primitive_cube_add(size=2, $0)\n");
    let label = sig["signatures"][0]["label"].as_str().unwrap();
    assert!(label.starts_with("bpy.ops.mesh.primitive_cube_add(size: float = 2.0, "), "{label}");
    // Operators take keywords: the active one is the first not given yet.
    assert_eq!(sig["activeParameter"], 1);
    let sig = signature(&mut lsp, 1, "import bpy\nbpy.ops.mesh.primitive_cube_add(size=2, location=$0)\n");
    assert_eq!(sig["activeParameter"], 4);
    let sig = signature(&mut lsp, 2, "import bpy\nobj = bpy.context.object\nobj.modifiers.new('m', $0)\n");
    assert_eq!(sig["signatures"][0]["label"], "ObjectModifiers.new(name: str, type: enum) -> Modifier");
    assert_eq!(sig["activeParameter"], 1);
    let params = sig["signatures"][0]["parameters"].as_array().unwrap();
    // "ObjectModifiers.new(" is 20 characters; "name: str, " 11 more.
    assert_eq!(params[1]["label"], json!([31, 41]));
    // Inside a string argument, the call is still found.
    let sig = signature(&mut lsp, 3, "import bpy\nobj = bpy.context.object\nobj.modifiers.new('m$0')\n");
    assert_eq!(sig["activeParameter"], 0);
    let sig = signature(&mut lsp, 4, "import bmesh\nbm = bmesh.new()\nbmesh.ops.bevel(bm, $0)\n");
    assert!(sig["signatures"][0]["label"].as_str().unwrap().starts_with("bevel(bm"), "{sig}");
    assert_eq!(sig["activeParameter"], 1);
    // Outside any call: no signature.
    let (text, pos) = fixture("import bpy\nx = 1$0\n");
    lsp.open("file:///tmp/none.py", &text);
    let r = lsp.request(
        "textDocument/signatureHelp",
        json!({"textDocument": {"uri": "file:///tmp/none.py"}, "position": {"line": pos.0, "character": pos.1}}),
    );
    assert!(r.is_null(), "{r}");
}

#[test]
fn hover_on_a_class_of_bpy_types_shows_the_class() {
    let mut lsp = Lsp::start();
    let text = hover(&mut lsp, 0, "import bpy\n\ndef count(mesh: bpy.types.Me$0sh):\n    return len(mesh.vertices)\n");
    assert!(text.starts_with("```python\nclass bpy.types.Mesh(ID)\n```"), "{text}");
    assert!(text.contains("Mesh data-block defining geometric surfaces"), "{text}");
    assert!(text.contains("https://docs.blender.org/api/4.4/bpy.types.Mesh.html"), "{text}");
}
