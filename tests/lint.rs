//! The linter on small scripts: the exact code, place and message of each diagnostic,
//! and its fix; and silence on correct code.

use bpy_lsp::analysis::Document;
use bpy_lsp::analysis::lint::{Code, lint};

/// (code, 1-based line, text under the range, message, fix replacement)
fn diagnose(src: &str) -> Vec<(&'static str, usize, String, String, Option<String>)> {
    let db = bpy_lsp::api::load_default();
    let doc = Document::new(src.to_string());
    lint(&db, &doc)
        .into_iter()
        .map(|d| {
            let line = doc.lines().line_col(d.range.start).0 + 1;
            let text = src[d.range.clone()].to_string();
            (d.code.as_str(), line, text, d.message, d.fix.map(|f| f.replacement().to_string()))
        })
        .collect()
}

const HEAD: &str = "import bpy\nobj = bpy.context.active_object\n";

#[test]
fn each_rule_with_its_message_and_fix() {
    let cases: &[(&str, &str, &str, &str, Option<&str>)] = &[
        (
            "bpy.ops.mesh.primitive_cube_ad(size=2)\n",
            "BPY001",
            "primitive_cube_ad",
            "bpy.ops.mesh has no operator 'primitive_cube_ad'; did you mean 'primitive_cube_add'?",
            Some("primitive_cube_add"),
        ),
        (
            "bpy.ops.mseh.primitive_cube_add()\n",
            "BPY001",
            "mseh",
            "bpy.ops has no operator module 'mseh'; did you mean 'mesh'?",
            Some("mesh"),
        ),
        (
            "bpy.ops.mesh.primitive_cube_add(sizee=2)\n",
            "BPY002",
            "sizee",
            "bpy.ops.mesh.primitive_cube_add() has no keyword 'sizee'; did you mean 'size'?",
            Some("size"),
        ),
        (
            "obj.modifiers.new(name='m', kind='BEVEL')\n",
            "BPY002",
            "kind",
            "ObjectModifiers.new() has no keyword 'kind'; the function takes: name, type",
            None,
        ),
        (
            "obj.modifiers.new('m', type='BEVELL')\n",
            "BPY003",
            "'BEVELL'",
            "'BEVELL' is not a valid modifier type; did you mean 'BEVEL'? Nearest valid values (83 in all): 'BEVEL', ",
            Some("BEVEL"),
        ),
        (
            "bpy.context.scene.render.engine = 'CYCLE'\n",
            "BPY003",
            "'CYCLE'",
            "'CYCLE' is not a valid engine (RenderSettings.engine); did you mean 'CYCLES'? Valid values: 'CYCLES', ",
            Some("CYCLES"),
        ),
        (
            "if obj.type == 'MESHES':\n    pass\n",
            "BPY003",
            "'MESHES'",
            "'MESHES' is not a valid type (Object.type); did you mean 'MESH'? Nearest valid values (",
            Some("MESH"),
        ),
        (
            "obj.locaton = (0, 0, 1)\n",
            "BPY004",
            "locaton",
            "'Object' has no attribute 'locaton'; did you mean 'location'?",
            Some("location"),
        ),
        (
            "mat = bpy.data.materials.new('M')\nmat.use_nodes = True\nmat.node_tree.nodes.new('ShaderNodeBsdfPrincipal')\n",
            "BPY005",
            "'ShaderNodeBsdfPrincipal'",
            "'ShaderNodeBsdfPrincipal' is not a node type; did you mean 'ShaderNodeBsdfPrincipled'?",
            Some("ShaderNodeBsdfPrincipled"),
        ),
        (
            "mat = bpy.data.materials.new('M')\nmat.use_nodes = True\nb = mat.node_tree.nodes['Principled BSDF']\nb.inputs['Base Colour'].default_value = (1, 0, 0, 1)\n",
            "BPY006",
            "'Base Colour'",
            "Principled BSDF (ShaderNodeBsdfPrincipled) has no inputs socket 'Base Colour'; did you mean 'Base Color'?",
            Some("Base Color"),
        ),
        ("obj.type = 'MESH'\n", "BPY007", "type", "Object.type is read-only", None),
        (
            "obj.modifiers.new('S', 'SUBSURF').levels = 2.0\n",
            "BPY008",
            "2.0",
            "SubsurfModifier.levels is an int, not a float; use 2",
            Some("2"),
        ),
        (
            "obj.scale = 0.5\n",
            "BPY008",
            "0.5",
            "Object.scale takes a sequence of 3 values, not a single number; use (0.5, 0.5, 0.5)",
            Some("(0.5, 0.5, 0.5)"),
        ),
        (
            "bpy.ops.mesh.primitive_cube_add(location=(0, 0))\n",
            "BPY008",
            "(0, 0)",
            "bpy.ops.mesh.primitive_cube_add(): location takes 3 values, not 2",
            None,
        ),
        ("obj.name = 3\n", "BPY008", "3", "ID.name is a string, not an int", None),
        (
            "mat = bpy.data.materials.new('M')\nmat.diffuse_color = (1, 0, 0)\n",
            "BPY008",
            "(1, 0, 0)",
            "Material.diffuse_color takes 4 values, not 3 (RGBA: add the alpha, e.g. 1.0)",
            None,
        ),
        (
            "mat = bpy.data.materials.new('M')\nmat.use_nodes = True\nr = mat.node_tree.nodes.new('ShaderNodeValToRGB')\nr.color_ramp.elements.new()\n",
            "BPY009",
            "()",
            "ColorRampElements.new() misses the required argument 'position'",
            None,
        ),
        (
            "mat = bpy.data.materials.new('M')\nmat.diffuse_color = (1, 0, 0, 1)\nmat.node_tree.links.clear()\n",
            "BPY010",
            "node_tree",
            "mat.node_tree is None: a new material has no node tree until use_nodes is set (before Blender 5.0); set \
             mat.use_nodes = True first",
            None,
        ),
    ];
    for (body, code, text, message, fix) in cases {
        let src = format!("{HEAD}{body}");
        let diags = diagnose(&src);
        assert_eq!(diags.len(), 1, "{body:?}: {diags:?}");
        let (c, line, t, m, f) = &diags[0];
        assert_eq!((*c, t.as_str()), (*code, *text), "{body:?}");
        let expected_line =
            HEAD.lines().count() + body.lines().position(|l| l.contains(text.trim_matches('\''))).unwrap() + 1;
        assert_eq!(*line, expected_line, "{body:?}");
        assert!(m.starts_with(message), "{body:?}: {m}");
        assert_eq!(f.as_deref(), *fix, "{body:?}");
    }
}

#[test]
fn the_valid_values_are_listed() {
    let src = format!("{HEAD}bpy.context.scene.render.engine = 'EEVEE'\n");
    let d = diagnose(&src);
    // The engine's values depend on the add-ons that are enabled: a value none of them has
    // is a hint, and the values listed are those nearest to what was typed.
    assert_eq!(
        d[0].3,
        "'EEVEE' is not a valid engine (RenderSettings.engine). Valid values: 'CYCLES', 'BLENDER_EEVEE_NEXT', 'BLENDER_WORKBENCH'"
    );
    let src = format!("{HEAD}obj.modifiers.new('b', type='BEVL')\n");
    let d = diagnose(&src);
    assert_eq!(
        d[0].3,
        "'BEVL' is not a valid modifier type; did you mean 'BEVEL'? Nearest valid values (83 in all): 'BEVEL', 'BUILD', \
         'WAVE', 'WELD', 'CAST', 'CURVE', 'HOOK', 'MASK'"
    );
}

#[test]
fn correct_code_and_uncertain_types_are_silent() {
    let src = format!(
        "{HEAD}\
bpy.ops.mesh.primitive_cube_add(size=2, location=(0, 0, 1))
mod = obj.modifiers.new(name='b', type='BEVEL')
mod.width = 0.1
obj.data.vertices[0].co.x = 1.0        # obj.data is an ID: Mesh has vertices
m = obj.modifiers[0]
m.segments = 3                          # a Modifier may be a BevelModifier
bpy.types.Scene.my_setting = bpy.props.IntProperty()
bpy.context.scene.my_setting = 3        # registered above
items = bpy.context.selected_objects if obj else bpy.context.selected_pose_bones
for item in items:
    item.select_set(True)              # two types in branches: unknown, silent
class MyOp(bpy.types.Operator):
    bl_idname = 'my.op'
    def execute(self, context):
        self.anything = 1
        return {{'FINISHED'}}
bpy.ops.my.op()
if hasattr(obj, 'not_in_4_4'):
    obj.not_in_4_4 = 1
bpy.context.scene.render.image_settings.file_format = 'PNG'
img = bpy.data.images.new('i', 1, 1)
img.pixels = (0.0, 0.0, 0.0, 1.0)      # a dynamic array: no length in the database
obj.location = (1, 2, 3)
obj.location = 0, 0, 0
obj.rotation_euler = [0.0] * 3
obj.matrix_world = ((1, 0, 0, 0), (0, 1, 0, 0), (0, 0, 1, 0), (0, 0, 0, 1))
obj.pass_index = True
def setup(mat):
    mat.node_tree.nodes.clear()
m2 = bpy.data.materials.new('N')
setup(m2)                               # may set use_nodes
m2.node_tree.nodes.clear()
bpy.ops.mesh.primitive_cube_add(size=2.0, location=(0, 0, 1), scale=(1, 1, 1))
"
    );
    assert_eq!(diagnose(&src), vec![]);
    let _ = Code::ALL;
}

#[test]
fn check_names_the_version_that_changed_a_name() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_bpy-lsp"))
        .args(["check", "--blender-version", "4.4"])
        .arg(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lint_corpus/sock_specular.py"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("has no inputs socket 'Specular' (renamed to 'Specular IOR Level' in 4.0"), "{stdout}");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_bpy-lsp"))
        .args(["check", "--blender-version", "3.6", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            == "bpy-lsp: no API database for Blender 3.6 (from --blender-version); available: 4.2, 4.4, 4.5, 5.0\n"
    );
}

/// `check` lints files on all cores; its output still follows the sorted file order.
#[test]
fn check_reports_files_in_order() {
    let dir = std::env::temp_dir().join(format!("bpy-lsp-test-{}-check-order", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    // Files long enough that every thread gets some, each with one error on its last line.
    let body = "import bpy\n\nobj = bpy.context.object\n".to_string() + &"obj.location.x += 1.0\n".repeat(300);
    let mut expected = String::new();
    for i in 0..40 {
        let name = format!("script_{i:02}.py");
        std::fs::write(dir.join(&name), format!("{body}bpy.ops.mesh.primitive_cube_ad()\n")).unwrap();
        expected.push_str(&format!(
            "./{name}:304:14: BPY001 bpy.ops.mesh has no operator 'primitive_cube_ad'; did you mean 'primitive_cube_add'?\n"
        ));
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_bpy-lsp"))
        .args(["check", "--blender-version", "4.4", "."])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stdout), expected);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_bpy-lsp"))
        .args(["check", "--blender-version", "4.4", "--format", "json", "."])
        .current_dir(&dir)
        .output()
        .unwrap();
    let entries: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let files: Vec<String> = (0..40).map(|i| format!("./script_{i:02}.py")).collect();
    let got: Vec<&str> = entries.as_array().unwrap().iter().map(|e| e["file"].as_str().unwrap_or("")).collect();
    assert_eq!(got, files);
}

/// (code, 1-based line, the fix's replacement, whether `check --fix` applies it)
fn fixes(src: &str) -> Vec<(&'static str, usize, String, bool)> {
    let db = bpy_lsp::api::load_default();
    let doc = Document::new(src.to_string());
    lint(&db, &doc)
        .into_iter()
        .filter_map(|d| {
            let line = doc.lines().line_col(d.range.start).0 + 1;
            d.fix.map(|f| (d.code.as_str(), line, f.replacement().to_string(), f.certain))
        })
        .collect()
}

/// A "did you mean" fix is applied without review only when it is a clear typo: one or two
/// edits, the only candidate that close, and no word turned into another word. Otherwise it is
/// offered in the editor only: `calc_normals` -> `flip_normals` would flip every normal,
/// `Location` -> `Rotation` would rotate instead of move.
#[test]
fn only_clear_typos_are_certain_fixes() {
    let src = format!(
        "{HEAD}\
mesh = bpy.data.meshes.new('m')
mesh.calc_normals()
ng = bpy.data.node_groups.new('G', 'GeometryNodeTree')
xform = ng.nodes.new('GeometryNodeTransform')
xform.inputs['Location'].default_value = (0, 0, 1)
mat = bpy.data.materials.new('M')
mat.use_nodes = True
out = mat.node_tree.nodes.new('ShaderNodeOutput')
obj.locaton = (0, 0, 1)
bpy.ops.mesh.primitive_cube_ad(size=2)
bpy.ops.mesh.primitive_uv_sphere(radius=1)
b = mat.node_tree.nodes['Principled BSDF']
b.inputs['Base Colour'].default_value = (1, 0, 0, 1)
g2 = bpy.data.node_groups.new('H', 'GeometryNodes')
bpy.ops.mesh.primitive_cube_add(sizee=2)
"
    );
    assert_eq!(
        fixes(&src),
        vec![
            ("BPY004", 4, "flip_normals".to_string(), false),
            ("BPY006", 7, "Rotation".to_string(), false),
            ("BPY005", 10, "ShaderNodeOutputAOV".to_string(), false),
            ("BPY004", 11, "location".to_string(), true),
            ("BPY001", 12, "primitive_cube_add".to_string(), true),
            ("BPY001", 13, "primitive_uv_sphere_add".to_string(), true),
            ("BPY006", 15, "Base Color".to_string(), true),
            ("BPY003", 16, "GeometryNodeTree".to_string(), true),
            ("BPY002", 17, "size".to_string(), true),
        ]
    );
}

/// BPY012: a context dict given to an operator positionally raises `ValueError: 1-2 args
/// execution context is supported` since Blender 4.0. Reported on the call's line; a literal
/// dict in a call that is a statement of its own is rewritten to `temp_override` (with the
/// execution context and keywords kept, at the statement's indentation); a dict built
/// elsewhere is only reported; a function parameter is unknown; `except ValueError` guards.
#[test]
fn context_override_dicts_become_temp_override() {
    let src = "import bpy\n\
objs = list(bpy.context.scene.objects)\n\
bpy.ops.object.delete({\"selected_objects\": objs})\n\
def f():\n\
\x20   if objs:\n\
\x20       bpy.ops.object.select_all({'selected_objects': objs, 'active_object': objs[0]}, 'EXEC_DEFAULT', action='SELECT')\n\
override = bpy.context.copy()\n\
bpy.ops.object.delete(override)\n\
done = bpy.ops.object.delete({'selected_objects': objs})\n\
bpy.ops.object.select_all('INVOKE_DEFAULT', action='SELECT')\n\
def g(ctx):\n\
\x20   bpy.ops.object.delete(ctx)\n\
try:\n\
\x20   bpy.ops.object.delete({'selected_objects': objs})\n\
except ValueError:\n\
\x20   pass\n";
    let db = bpy_lsp::api::load_default();
    let doc = Document::new(src.to_string());
    let diags = lint(&db, &doc);
    let found: Vec<(&str, usize, bool)> = diags
        .iter()
        .map(|d| {
            (d.code.as_str(), doc.lines().line_col(d.range.start).0 + 1, d.fix.as_ref().is_some_and(|f| f.certain))
        })
        .collect();
    assert_eq!(found, [("BPY012", 3, true), ("BPY012", 6, true), ("BPY012", 8, false), ("BPY012", 9, false)]);
    assert!(
        diags[0].message.starts_with(
            "bpy.ops.object.delete(): a context override dict as the first argument was removed in Blender 4.0 \
             (ValueError: 1-2 args execution context is supported)"
        ),
        "{}",
        diags[0].message
    );
    let fixes: Vec<&bpy_lsp::analysis::lint::Fix> = diags.iter().filter_map(|d| d.fix.as_ref()).collect();
    let fixed = bpy_lsp::analysis::fix::apply(src, &fixes).text;
    let lines: Vec<&str> = fixed.lines().collect();
    assert_eq!(
        lines[2..8],
        [
            "with bpy.context.temp_override(selected_objects=objs):",
            "    bpy.ops.object.delete()",
            "def f():",
            "    if objs:",
            "        with bpy.context.temp_override(selected_objects=objs, active_object=objs[0]):",
            "            bpy.ops.object.select_all('EXEC_DEFAULT', action='SELECT')",
        ]
    );
    assert!(Document::new(fixed.clone()).tree().is_some_and(|t| !t.root_node().has_error()), "{fixed}");
}

/// Code written for several Blender versions guards itself; each guard kind silences only what
/// it guards, and the same line without the guard (or on the branch the target takes) is found.
#[test]
fn guards_are_understood() {
    let src = "\
import bpy
mat = bpy.data.materials.new('M')
mat.use_nodes = True
bsdf = mat.node_tree.nodes.new('ShaderNodeBsdfPrincipled')
obj = bpy.context.active_object
if 'Specular' in bsdf.inputs:
    bsdf.inputs['Specular'].default_value = 0.5
else:
    bsdf.inputs['Specular IOR Level'].default_value = 0.5
s = bsdf.inputs.get('Subsurface Color')
if s is not None:
    s.default_value = (1, 0, 0, 1)
try:
    bsdf.inputs['Clearcoat Roughness'].default_value = 0.5
except (KeyError, AttributeError):
    pass
if bpy.app.version >= (4, 0, 0):
    bsdf.inputs['Transmission Weight'].default_value = 1.0
else:
    bsdf.inputs['Transmission'].default_value = 1.0
if bpy.app.version < (4, 0):
    bsdf.inputs['Clearcoat'].default_value = 1.0
elif bpy.app.version[:2] >= (4, 2):
    bsdf.inputs['Coat Weight'].default_value = 1.0
major, minor, _ = bpy.app.version
if major < 4:
    bsdf.inputs['Emission'].default_value = (1, 1, 1, 1)
IS_OLD = bpy.app.version < (4, 1)
if IS_OLD:
    obj.data.use_auto_smooth = True
if bpy.app.version_string.startswith('3.'):
    bpy.context.scene.eevee.use_bloom = True
def old_only():
    if bpy.app.version >= (4, 0):
        return
    bsdf.inputs['Specular Tint'].default_value = 0.5
def unguarded():
    bsdf.inputs['Specular'].default_value = 0.5
if major >= 4 and obj:
    bsdf.inputs['Subsurface'].default_value = 0.1
try:
    bsdf.inputs['Sheen'].default_value = 0.5
except ValueError:
    pass
if bpy.app.version >= (4, 0):
    bsdf.inputs['Emission'].default_value = (1, 1, 1, 1)
";
    let found: Vec<(usize, String)> =
        diagnose(src).into_iter().map(|(c, l, t, _, _)| (l, format!("{c} {t}"))).collect();
    assert_eq!(
        found,
        vec![
            (38, "BPY006 'Specular'".to_string()),
            (40, "BPY006 'Subsurface'".to_string()),
            (42, "BPY006 'Sheen'".to_string()),
            (46, "BPY006 'Emission'".to_string()),
        ]
    );
}
