//! End to end: the built binary over stdio, exact completion labels for real cases.

mod common;

use common::{Lsp, fixture};

const PRELUDE: &str = "import bpy\nobj = bpy.context.active_object\nscene = bpy.context.scene\n\
mat = bpy.data.materials.new(\"M\")\nmat.use_nodes = True\nnodes = mat.node_tree.nodes\n\
bsdf = nodes[\"Principled BSDF\"]\n";

/// Completion labels at the `$0` of `body` (appended to PRELUDE).
fn complete(lsp: &mut Lsp, n: usize, body: &str) -> Vec<String> {
    let (text, pos) = fixture(&format!("{PRELUDE}{body}"));
    let uri = format!("file:///tmp/case{n}.py");
    lsp.open(&uri, &text);
    lsp.completion_labels(&uri, pos)
}

fn has_all(labels: &[String], expected: &[&str]) -> bool {
    expected.iter().all(|e| labels.iter().any(|l| l == e))
}

#[test]
fn members_after_dot() {
    let mut lsp = Lsp::start();
    let cases: &[(&str, &[&str])] = &[
        ("bpy.$0", &["context", "data", "ops", "types", "props", "utils", "path", "app", "msgbus"]),
        ("bpy.context.$0", &["scene", "object", "active_object", "selected_objects", "view_layer", "collection"]),
        ("bpy.data.$0", &["objects", "meshes", "materials", "node_groups", "collections", "images"]),
        ("obj.$0", &["location", "rotation_euler", "modifiers", "data", "name", "select_set", "children"]),
        ("obj.location.$0", &["x", "y", "z", "normalized", "length", "cross", "dot"]),
        ("bpy.data.objects[\"Cube\"].modifiers.$0", &["new", "remove", "clear", "get", "active"]),
        ("obj.modifiers[0].$0", &["show_viewport", "name", "type"]),
        ("mod = obj.modifiers.new(\"b\", type='BEVEL')\nmod.$0", &["width", "segments", "limit_method", "affect"]),
        ("light = bpy.data.lights.new(\"L\", type='SUN')\nlight.$0", &["angle", "energy", "color"]),
        (
            "tree = bpy.data.node_groups.new(\"G\", 'GeometryNodeTree')\ntree.interface.$0",
            &["new_socket", "items_tree"],
        ),
        ("for m in obj.modifiers:\n    m.$0", &["show_viewport", "show_render"]),
        ("for i, o in enumerate(bpy.data.objects):\n    o.$0", &["location", "matrix_world"]),
        ("def f(o: bpy.types.Object):\n    o.$0", &["location", "parent"]),
        (
            "class P(bpy.types.Panel):\n    def draw(self, context):\n        self.layout.$0",
            &["row", "column", "prop", "operator", "label"],
        ),
        ("class O(bpy.types.Operator):\n    def execute(self, context):\n        context.$0", &["scene", "object"]),
        ("bsdf.$0", &["inputs", "outputs", "distribution", "subsurface_method"]),
        ("class P:\n    def draw(self, context):\n        self.layout.$0", &["row", "prop", "operator"]),
        (
            "def draw(self, context):\n    props = self.layout.operator('mesh.primitive_cube_add')\n    props.$0",
            &["size", "location", "align"],
        ),
        ("bsdf.inputs[\"Base Color\"].$0", &["default_value", "is_linked"]),
        ("tex = nodes.new(\"ShaderNodeTexNoise\")\ntex.$0", &["noise_dimensions", "inputs"]),
        ("nodes.new(type=\"ShaderNodeMath\").$0", &["operation", "use_clamp"]),
        ("import bmesh\nbm = bmesh.new()\nbm.$0", &["verts", "edges", "faces", "to_mesh", "free"]),
        ("import bmesh\nbmesh.ops.$0", &["bevel", "extrude_face_region", "create_cube", "subdivide_edges"]),
        ("from mathutils import Vector\nv = Vector((1, 0, 0))\nv.$0", &["normalized", "cross", "length"]),
        ("C.$0", &["scene", "object"]),
        ("bpy.ops.$0", &["mesh", "object", "transform", "render"]),
        ("bpy.ops.mesh.$0", &["primitive_cube_add", "primitive_uv_sphere_add", "subdivide"]),
        ("bpy.types.$0", &["Object", "Operator", "Panel", "Scene"]),
        ("bpy.types.ShaderNodeB$0", &["ShaderNodeBsdfPrincipled", "ShaderNodeBsdfGlass"]),
        ("scene.render.$0", &["engine", "resolution_x", "filepath", "image_settings"]),
        ("scene.cycles.$0", &["samples", "device", "use_denoising"]),
    ];
    for (i, (body, expected)) in cases.iter().enumerate() {
        let labels = complete(&mut lsp, i, body);
        assert!(has_all(&labels, expected), "{body:?}: expected {expected:?} in {labels:?}");
    }
}

#[test]
fn members_are_filtered_by_the_typed_prefix() {
    let mut lsp = Lsp::start();
    let labels = complete(&mut lsp, 0, "bpy.context.act$0");
    assert!(labels.iter().all(|l| l.starts_with('a')), "{labels:?}");
    assert!(labels.iter().take(5).any(|l| l == "active_object"), "{labels:?}");
    let labels = complete(&mut lsp, 1, "obj.loc$0");
    assert_eq!(labels.first().map(String::as_str), Some("location"), "{labels:?}");
}

#[test]
fn ranking_puts_common_members_first() {
    let mut lsp = Lsp::start();
    let labels = complete(&mut lsp, 0, "bpy.context.$0");
    let top: Vec<&str> = labels.iter().take(5).map(String::as_str).collect();
    assert!(top.contains(&"scene") && top.contains(&"object"), "top 5 after bpy.context.: {top:?}");
    let labels = complete(&mut lsp, 1, "bpy.data.$0");
    let top: Vec<&str> = labels.iter().take(5).map(String::as_str).collect();
    assert!(top.contains(&"objects") && top.contains(&"materials"), "top 5 after bpy.data.: {top:?}");
}

#[test]
fn keyword_arguments_in_calls() {
    let mut lsp = Lsp::start();
    let labels = complete(&mut lsp, 0, "bpy.ops.mesh.primitive_cube_add($0)");
    assert!(
        has_all(&labels, &["size=", "location=", "rotation=", "scale=", "align=", "enter_editmode=", "calc_uvs="]),
        "{labels:?}"
    );
    // Keywords already given are not offered again.
    let labels = complete(&mut lsp, 1, "bpy.ops.mesh.primitive_cube_add(size=2, $0)");
    assert!(!labels.contains(&"size=".to_string()) && labels.contains(&"location=".to_string()), "{labels:?}");
    let labels = complete(&mut lsp, 2, "obj.modifiers.new($0)");
    // Parameters first (ranked by use in the examples), then names in scope.
    let mut first_two = labels[..2].to_vec();
    first_two.sort();
    assert_eq!(first_two, ["name=", "type="], "{labels:?}");
}

#[test]
fn string_completions() {
    let mut lsp = Lsp::start();
    let exact: &[(&str, &[&str])] = &[
        // Assignment to an enum property: every value, in Blender's order.
        ("scene.render.engine = '$0'", &["BLENDER_EEVEE_NEXT", "BLENDER_WORKBENCH", "CYCLES"]),
    ];
    for (i, (body, expected)) in exact.iter().enumerate() {
        let mut labels = complete(&mut lsp, i, body);
        labels.sort();
        assert_eq!(labels, expected.iter().map(|s| s.to_string()).collect::<Vec<_>>(), "{body:?}");
    }
    let cases: &[(&str, &[&str], &[&str])] = &[
        // keyword argument of an RNA function
        (
            "obj.modifiers.new(\"m\", type='$0')",
            &["BEVEL", "SUBSURF", "ARRAY", "MIRROR", "SOLIDIFY", "BOOLEAN", "NODES"],
            &["MESH"],
        ),
        // positional argument
        ("obj.modifiers.new(\"m\", '$0')", &["BEVEL", "WELD"], &[]),
        // keyword argument of an operator
        ("bpy.ops.object.modifier_add(type='$0')", &["SUBSURF", "BEVEL"], &[]),
        // comparison
        ("if obj.type == '$0'", &["MESH", "CURVE", "LIGHT", "CAMERA", "EMPTY"], &["BEVEL"]),
        // membership in a set
        ("if obj.type in {'MESH', '$0'}", &["CURVE", "SURFACE"], &[]),
        // node type ids, only shader nodes in a material's tree
        (
            "nodes.new(\"$0\")",
            &["ShaderNodeBsdfPrincipled", "ShaderNodeTexNoise", "ShaderNodeMixShader", "ShaderNodeOutputMaterial"],
            &["GeometryNodeMeshCube", "CompositorNodeBlur"],
        ),
        (
            "nodes.new(type='ShaderNodeTex$0')",
            &["ShaderNodeTexNoise", "ShaderNodeTexImage", "ShaderNodeTexVoronoi"],
            &["ShaderNodeBsdfPrincipled"],
        ),
        // node ids in a geometry node tree
        (
            "g = bpy.data.node_groups.new(\"G\", 'GeometryNodeTree')\ng.nodes.new(\"$0\")",
            &["GeometryNodeMeshCube", "GeometryNodeSetPosition"],
            &["ShaderNodeBsdfPrincipled"],
        ),
        // socket names
        (
            "bsdf.inputs[\"$0\"]",
            &["Base Color", "Roughness", "Metallic", "Specular IOR Level", "Emission Color", "Transmission Weight"],
            &["BSDF"],
        ),
        ("bsdf.outputs['$0']", &["BSDF"], &["Base Color"]),
        ("n = nodes.new('ShaderNodeMixShader')\nn.inputs['$0']", &["Fac", "Shader"], &[]),
        ("bsdf.inputs.get('$0')", &["Base Color"], &[]),
        // the value of a keyword argument inside an operator call
        ("bpy.ops.object.select_by_type(type='$0')", &["MESH", "CURVE"], &[]),
        ("scene.render.image_settings.file_format = '$0'", &["PNG", "JPEG", "OPEN_EXR"], &[]),
        // receivers of unknown type: the names still say what is expected
        ("def f(mh):\n    mh.node_tree.nodes.new('$0')", &["ShaderNodeMath", "GeometryNodeMeshCube"], &[]),
        ("def f(node):\n    node.inputs['$0']", &["Factor", "Base Color", "Vector"], &["BSDF"]),
        ("def f(node):\n    node.outputs['$0']", &["BSDF", "Color"], &[]),
        // an operator's properties, as layout.operator returns them
        (
            "def draw(self, context):\n    self.layout.operator('mesh.select_all').action = '$0'",
            &["SELECT", "DESELECT", "TOGGLE", "INVERT"],
            &[],
        ),
        (
            "bpy.data.node_groups.new('G', type='$0')",
            &["GeometryNodeTree", "ShaderNodeTree", "CompositorNodeTree"],
            &[],
        ),
    ];
    for (i, (body, expected, absent)) in cases.iter().enumerate() {
        let labels = complete(&mut lsp, 100 + i, body);
        assert!(has_all(&labels, expected), "{body:?}: expected {expected:?} in {labels:?}");
        for a in *absent {
            assert!(!labels.iter().any(|l| l == a), "{body:?}: {a} should not be offered: {labels:?}");
        }
    }
}

#[test]
fn import_names() {
    let mut lsp = Lsp::start();
    let labels = complete(&mut lsp, 0, "from bpy.types import $0");
    assert!(has_all(&labels, &["Operator", "Panel", "Object"]), "{labels:?}");
    let labels = complete(&mut lsp, 1, "import bpy.$0");
    assert!(has_all(&labels, &["types", "props", "utils"]), "{labels:?}");
    let labels = complete(&mut lsp, 2, "from mathutils import $0");
    assert!(has_all(&labels, &["Vector", "Matrix", "Euler", "Quaternion", "Color", "geometry", "noise"]), "{labels:?}");
    let labels = complete(&mut lsp, 3, "import b$0");
    assert!(has_all(&labels, &["bpy", "bmesh"]), "{labels:?}");
}

#[test]
fn nothing_in_comments_and_plain_strings() {
    let mut lsp = Lsp::start();
    assert!(complete(&mut lsp, 0, "# bpy.context.$0").is_empty());
    assert!(complete(&mut lsp, 1, "print('bpy.context.$0')").is_empty());
}

#[test]
fn node_type_documentation_comes_on_resolve() {
    let mut lsp = Lsp::start();
    let (text, pos) = fixture(&format!("{PRELUDE}nodes.new(\"ShaderNodeBsdfP$0\")"));
    lsp.open("file:///tmp/resolve.py", &text);
    let r = lsp.request(
        "textDocument/completion",
        serde_json::json!({"textDocument": {"uri": "file:///tmp/resolve.py"}, "position": {"line": pos.0, "character": pos.1}}),
    );
    let item =
        r["items"].as_array().unwrap().iter().find(|i| i["label"] == "ShaderNodeBsdfPrincipled").unwrap().clone();
    assert!(item.get("documentation").is_none(), "{item}");
    let resolved = lsp.request("completionItem/resolve", item);
    let doc = resolved["documentation"]["value"].as_str().unwrap();
    assert!(doc.starts_with("**Principled BSDF** (ShaderNodeTree)"), "{doc}");
    assert!(doc.contains("Inputs: Base Color, Metallic, Roughness"), "{doc}");
}

/// The raw completion reply at the `$0` of `body`.
fn completion_reply(lsp: &mut Lsp, uri: &str, body: &str) -> serde_json::Value {
    let (text, pos) = fixture(&format!("{PRELUDE}{body}"));
    lsp.open(uri, &text);
    lsp.request(
        "textDocument/completion",
        serde_json::json!({"textDocument": {"uri": uri}, "position": {"line": pos.0, "character": pos.1}}),
    )
}

fn item_labelled(reply: &serde_json::Value, label: &str) -> serde_json::Value {
    reply["items"].as_array().unwrap().iter().find(|i| i["label"] == label).unwrap().clone()
}

#[test]
fn lists_are_lean_and_documentation_comes_on_resolve() {
    let mut lsp = Lsp::start();
    // A member: no documentation and no edit range in the list (the client's word is ours).
    let reply = completion_reply(&mut lsp, "file:///tmp/lean1.py", "obj.loc$0");
    let location = item_labelled(&reply, "location");
    assert!(location.get("documentation").is_none(), "{location}");
    assert!(location.get("textEdit").is_none(), "{location}");
    assert!(location.get("insertText").is_none(), "{location}");
    assert_eq!(location["detail"], "float[3]");
    let resolved = lsp.request("completionItem/resolve", location.clone());
    assert_eq!(resolved["documentation"]["value"], "Location of the object");

    // A keyword argument: its label is what it inserts.
    let reply = completion_reply(&mut lsp, "file:///tmp/lean2.py", "bpy.ops.mesh.primitive_cube_add(si$0)");
    let size = item_labelled(&reply, "size=");
    assert_eq!(size["detail"], "size: float = 2.0");
    assert!(size.get("insertText").is_none(), "{size}");
    assert!(size.get("textEdit").is_none(), "{size}");

    // Typed text the client would not take for one word (a space in a socket name) keeps
    // an explicit edit range from the opening quote.
    let reply = completion_reply(&mut lsp, "file:///tmp/lean3.py", "bsdf.inputs[\"Base C$0\"]");
    let base_color = item_labelled(&reply, "Base Color");
    let line = PRELUDE.lines().count();
    assert_eq!(base_color["textEdit"]["range"]["start"], serde_json::json!({"line": line, "character": 13}));
    assert_eq!(base_color["textEdit"]["range"]["end"], serde_json::json!({"line": line, "character": 19}));
    assert_eq!(base_color["textEdit"]["newText"], "Base Color");

    // An item of an older list resolves to itself rather than to another item's text.
    let stale = lsp.request("completionItem/resolve", location);
    assert!(stale.get("documentation").is_none(), "{stale}");
}

#[test]
fn long_lists_are_cut_and_marked_incomplete_so_typing_asks_again() {
    let mut lsp = Lsp::start();
    // Every struct of the API: cut to the best 100, and the client is told to ask again.
    let reply = completion_reply(&mut lsp, "file:///tmp/long1.py", "bpy.types.$0");
    assert_eq!(reply["items"].as_array().unwrap().len(), 100);
    assert_eq!(reply["isIncomplete"], true);
    // The next letters narrow the list to the ones that match, all of them.
    let reply = completion_reply(&mut lsp, "file:///tmp/long2.py", "bpy.types.BevelMod$0");
    assert_eq!(common::labels(&reply)[0], "BevelModifier");
    assert_eq!(reply["isIncomplete"], false);
}
