//! Completion and hover on add-on code (issue 16), through the public analysis API the
//! server calls: Blender's own Python modules, plain Python values, the file's own classes,
//! run-time registrations, and the strings add-ons write (property names, operator and menu
//! ids, `bl_*` attributes, execution contexts, icons). Exact labels, exact hover names.

use bpy_lsp::analysis::{Document, complete, hover};

/// The completion labels at `$0`, best first.
fn labels(src: &str) -> Vec<String> {
    let at = src.find("$0").expect("a $0 marker");
    let text = format!("{}{}", &src[..at], &src[at + 2..]);
    let db = bpy_lsp::api::load_default();
    let usage = bpy_lsp::default_usage();
    complete(&db, &usage, &Document::new(text), at, None).items.into_iter().map(|i| i.label).collect()
}

/// The hover markdown at `$0`.
fn hover_at(src: &str) -> String {
    let at = src.find("$0").expect("a $0 marker");
    let text = format!("{}{}", &src[..at], &src[at + 2..]);
    let db = bpy_lsp::api::load_default();
    hover(&db, &Document::new(text), at).map(|h| h.markdown).unwrap_or_default()
}

fn assert_offers(src: &str, wanted: &[&str]) {
    let got = labels(src);
    for w in wanted {
        assert!(
            got.iter().any(|l| l == w),
            "{w:?} not offered at\n{src}\ngot (first 30): {:?}",
            &got[..got.len().min(30)]
        );
    }
}

fn assert_top(src: &str, wanted: &str, n: usize) {
    let got = labels(src);
    let rank = got.iter().position(|l| l == wanted);
    assert!(
        rank.is_some_and(|r| r < n),
        "{wanted:?} not in the first {n} at\n{src}\ngot: {:?}",
        &got[..got.len().min(n + 5)]
    );
}

const PANEL: &str = "import bpy\n\nclass VIEW3D_PT_tool(bpy.types.Panel):\n";

#[test]
fn layout_prop_names_the_data_properties() {
    let src = format!("{PANEL}    def draw(self, context):\n        self.layout.prop(context.object, \"$0\")\n");
    assert_offers(&src, &["location", "name", "hide_viewport"]);
    let src = format!(
        "{PANEL}    def draw(self, context):\n        layout = self.layout\n        layout.prop(context.scene.render, \"$0\", text=\"\")\n"
    );
    assert_offers(&src, &["engine", "resolution_x", "fps"]);
}

#[test]
fn data_paths_of_keyframes_and_drivers() {
    assert_offers(
        "import bpy\nobj = bpy.context.object\nobj.keyframe_insert(\"$0\")\n",
        &["location", "rotation_euler", "scale"],
    );
    assert_offers("import bpy\nobj = bpy.context.object\nobj.keyframe_insert(data_path=\"$0\")\n", &["location"]);
    assert_offers("import bpy\nobj = bpy.context.object\nobj.driver_add(\"$0\")\n", &["location"]);
}

#[test]
fn operator_and_menu_ids() {
    let src = format!("{PANEL}    def draw(self, context):\n        self.layout.operator(\"$0\")\n");
    assert_offers(&src, &["mesh.primitive_cube_add", "object.select_all"]);
    // The file's own operator.
    let src = "import bpy\nclass MY_OT_go(bpy.types.Operator):\n    bl_idname = \"my.go\"\n    bl_label = \"Go\"\n\
class P(bpy.types.Panel):\n    def draw(self, context):\n        self.layout.operator(\"$0\")\n";
    assert_top(src, "my.go", 1);
    let src = format!("{PANEL}    def draw(self, context):\n        self.layout.menu(\"$0\")\n");
    assert_offers(&src, &["VIEW3D_MT_object", "TOPBAR_MT_file_export"]);
    assert_offers("import bpy\nbpy.ops.wm.call_menu(name=\"$0\")\n", &["VIEW3D_MT_object"]);
}

#[test]
fn class_body_attributes() {
    assert_offers(&format!("{PANEL}    bl_space_type = '$0'\n"), &["VIEW_3D", "PROPERTIES"]);
    assert_offers(&format!("{PANEL}    bl_region_type = '$0'\n"), &["UI", "WINDOW"]);
    assert_offers(&format!("{PANEL}    bl_options = {{'$0'}}\n"), &["DEFAULT_CLOSED", "HIDE_HEADER"]);
    assert_offers(&format!("{PANEL}    bl_context = \"$0\"\n"), &["object", "modifier", "mesh_edit"]);
    assert_offers(&format!("{PANEL}    bl_parent_id = \"$0\"\n"), &["VIEW3D_PT_overlay", "VIEW3D_PT_collections"]);
    assert_offers("import bpy\nclass O(bpy.types.Operator):\n    bl_options = {'$0'}\n", &["REGISTER", "UNDO"]);
}

#[test]
fn execution_contexts_and_icons() {
    assert_offers("import bpy\nbpy.ops.object.select_all('$0')\n", &["INVOKE_DEFAULT", "EXEC_DEFAULT"]);
    assert_offers(
        "import bpy\nitems = [('A', 'a', '', 'ICON_X', 0)]\nbpy.props.EnumProperty(items=items, icon='$0')\n",
        &["MESH_CUBE"],
    );
    let src = format!("{PANEL}    def draw(self, context):\n        self.layout.label(text='x', icon='$0')\n");
    assert_offers(&src, &["MESH_CUBE", "ERROR"]);
}

#[test]
fn socket_types_of_new_socket_come_from_blender() {
    let src = "import bpy\nng = bpy.data.node_groups.new('g', 'GeometryNodeTree')\nng.interface.new_socket('Geo', in_out='INPUT', socket_type='$0')\n";
    assert_offers(src, &["NodeSocketGeometry", "NodeSocketFloat", "NodeSocketMatrix"]);
    assert_top(src, "NodeSocketBool", 3);
}

#[test]
fn plain_python_values() {
    assert_offers("import bpy\nbpy.path.abspath('//x').$0\n", &["replace", "startswith", "endswith"]);
    assert_offers("import bpy\nbpy.context.object.name.$0\n", &["startswith", "split", "lower"]);
    assert_offers("\", \".$0\n", &["join", "format"]);
    assert_offers("import bpy\nbpy.context.selected_objects.$0\n", &["append", "sort"]);
    assert!(hover_at("import bpy\nbpy.context.object.name.start$0swith('a')\n").contains("startswith"));
    // Translation functions return the translated string (their docs say so only in words).
    assert_offers(
        "from bpy.app.translations import pgettext_iface as iface_\niface_(\"Age: {:s}\").$0\n",
        &["format", "casefold"],
    );
    assert_offers("import bpy\nbpy.app.translations.pgettext_rpt('x').$0\n", &["format"]);
    // Empty containers assigned to self, as add-ons collect things.
    let cls = "class Exporter:\n    def __init__(self):\n        self.props = []\n        self.seen = {}\n    def add(self):\n";
    assert_offers(&format!("{cls}        self.props.$0\n"), &["append", "extend"]);
    assert_offers(&format!("{cls}        self.seen.$0\n"), &["setdefault", "items"]);
}

#[test]
fn namespaces_hover() {
    for (src, name) in [
        ("import bpy\nbpy.ty$0pes.Object\n", "bpy.types"),
        ("import bpy\nbpy.ops.me$0sh.primitive_cube_add()\n", "bpy.ops.mesh"),
        ("import bpy\nbp$0y.context\n", "bpy"),
        ("import bpy\nbpy.da$0ta.objects\n", "BlendData"),
        ("import bpy\nbpy.app.handlers.depsgraph_update_post.append\nbpy.app.hand$0lers\n", "bpy.app.handlers"),
    ] {
        let h = hover_at(src);
        assert!(h.contains(name), "hover at {src:?} does not name {name}: {h:?}");
    }
}

#[test]
fn blender_modules() {
    assert_offers("import bpy\nbpy.types.TOPBAR_MT_file_export.$0\n", &["append", "prepend", "remove", "is_extended"]);
    assert_offers("import addon_utils\naddon_utils.$0\n", &["modules", "enable", "disable", "check"]);
    assert_offers("import bpy\nbpy.app.translations.contexts.$0\n", &["default", "operator_default"]);
    assert_offers("import bpy\nbpy.app.build_options.$0\n", &["freestyle", "cycles"]);
    assert_offers("from bl_ui import node_add_menu\nnode_add_menu.$0\n", &["add_node_type"]);
    assert_offers("import rna_prop_ui\nrna_prop_ui.$0\n", &["rna_idprop_ui_create"]);
    assert!(hover_at("import bpy\nbpy.types.TOPBAR_MT_file_export.app$0end(f)\n").contains("append"));
}

const OPERATOR: &str = r#"import bpy
from bpy.props import IntProperty, PointerProperty

class MyGroup(bpy.types.PropertyGroup):
    count: IntProperty(name="Count")
    label: bpy.props.StringProperty()

class Base:
    shared = 3
    def helper(self):
        return bpy.data.objects.new("o", None)

class MY_OT_go(Base, bpy.types.Operator):
    bl_idname = "my.go"
    bl_label = "Go"
    steps: IntProperty()

    @classmethod
    def poll(cls, context):
        return cls.$1

    def invoke(self, context, event):
        self.started = True
        return self.execute(context)

    def execute(self, context):
        $2
        return {'FINISHED'}
"#;

fn at_marker(marker: &str, fill: &str) -> String {
    OPERATOR.replace(marker, fill).replace("$1", "x").replace("$2", "pass")
}

#[test]
fn own_classes_through_self_and_cls() {
    // self: own annotations, methods, instance attributes, a base of this file, the RNA base.
    let src = at_marker("$2", "self.$0");
    assert_offers(&src, &["steps", "execute", "invoke", "started", "helper", "shared", "report", "bl_idname"]);
    assert_top(&src, "steps", 5);
    // cls in a classmethod: the class's attributes.
    assert_offers(&at_marker("$1", "$0"), &["bl_label", "steps", "poll"]);
    // A method's return type is what its return gives.
    assert_offers(&at_marker("$2", "self.helper().$0"), &["location", "modifiers"]);
    // The class used directly.
    assert_offers(&at_marker("$2", "MY_OT_go.$0"), &["bl_idname", "poll"]);
    assert!(hover_at(&at_marker("$2", "self.st$0eps")).contains("steps"));
    // layout.prop(self, "") names the operator's own properties.
    assert_offers(&at_marker("$2", "context.window.screen\n        self.layout.prop(self, \"$0\")"), &["steps"]);
    // `__slots__` names instance attributes before any method sets them.
    let slots = "class Buffer:\n    __slots__ = (\n        'data',  # the bytes\n        \"_stop\",\n    )\n    def f(self):\n        self.$0\n";
    assert_offers(slots, &["data", "_stop", "f"]);
    assert!(!labels(slots).iter().any(|l| l == "the" || l == "bytes"));
}

#[test]
fn run_time_registrations() {
    let src = format!(
        "{OPERATOR}\ndef register():\n    bpy.types.Scene.my_tool = PointerProperty(type=MyGroup)\n    bpy.types.WindowManager.my_count = IntProperty()\n\n\
def draw(self, context):\n    context.scene.my_tool.$0\n"
    );
    let src = src.replace("$1", "x").replace("$2", "pass");
    assert_offers(&src, &["count", "label"]);
    assert_offers(&src.replace("context.scene.my_tool.$0", "context.scene.$0"), &["my_tool", "frame_current"]);
    assert!(hover_at(&src.replace("context.scene.my_tool.$0", "context.scene.my_to$0ol")).contains("my_tool"));
    assert_offers(&src.replace("context.scene.my_tool.$0", "context.window_manager.my_count.$0"), &["bit_length"]);
}

#[test]
fn inference_follows_the_code() {
    // A helper's return and tuple unpacking of items().
    assert_offers(
        "import bpy\ndef make():\n    return bpy.data.objects.new('o', None)\nob = make()\nob.$0\n",
        &["location"],
    );
    assert_offers("import bpy\nfor name, ob in bpy.data.objects.items():\n    ob.$0\n", &["location"]);
    // Unpacking: an RNA function with two outputs, a list of known items.
    let panel = "import bpy\ndef draw(self, context):\n    header, body = self.layout.panel(\"opts\")\n";
    assert_offers(&format!("{panel}    header.$0\n"), &["label", "prop"]);
    assert_offers(&format!("{panel}    body.$0\n"), &["column", "use_property_split"]);
    assert_offers("import bpy\na, b = bpy.context.selected_objects\nb.$0\n", &["location"]);
    // Parameters named as Blender's scripts name one RNA type (rigify's `def create(obj)`).
    assert_offers("import bpy\ndef create(obj):\n    obj.$0\n", &["pose", "location"]);
    assert_offers("import bpy\ndef setup(pbone):\n    pbone.$0\n", &["rotation_mode", "bone"]);
    assert!(!labels("import bpy\ndef setup(thing):\n    thing.$0\n").iter().any(|l| l == "location"));
    // A draw function appended to a menu draws into self.layout.
    assert_offers("import bpy\ndef menu_func(self, context):\n    self.layout.$0\n", &["operator", "separator"]);
}

#[test]
fn bad_input_stays_quick_and_quiet() {
    // A cyclic hierarchy, a registration naming an unknown class.
    let src = "import bpy\nclass A(B):\n    x = 1\nclass B(A):\n    y = 2\n    def f(self):\n        self.$0\n\
bpy.types.Scene.t = bpy.props.PointerProperty(type=Nowhere)\n";
    assert_offers(src, &["x", "y", "f"]);
    let src = "import bpy\nbpy.types.Scene.t = bpy.props.PointerProperty(type=Nowhere)\nbpy.context.scene.t.$0\n";
    assert!(labels(src).is_empty());
    // Self-inheriting class.
    assert_offers("class A(A):\n    z = 1\n    def f(self):\n        self.$0\n", &["z", "f"]);
}
