//! Completion and hover across the modules of an add-on package (issue 16): a property
//! registered in `__init__.py` and read in `operators.py`, a PropertyGroup imported from
//! `props.py`, a base class from another module, properties a function sets on the
//! PropertyGroup it is given at run time (rigify's `add_parameters`), and import cycles.
//! The package is written to disk and read with `package_files`, as the server reads it.

use std::path::Path;
use std::sync::Arc;

use bpy_lsp::analysis::{Document, complete, hover};
use bpy_lsp::package_files;

const INIT: &str = "import bpy\nfrom bpy.props import PointerProperty, StringProperty, CollectionProperty\nfrom .props import ToolSettings, RigParams\nfrom . import operators\n\ndef register():\n    bpy.types.Scene.my_tool = PointerProperty(type=ToolSettings)\n    bpy.types.Scene.busy_node = StringProperty()\n    bpy.types.PoseBone.rig_params = PointerProperty(type=RigParams)\n    bpy.types.Mesh.variant_data = StringProperty()\n";
const PROPS: &str = "import bpy\nfrom bpy.props import IntProperty, FloatProperty\nfrom .operators import MY_OT_go\n\nclass ToolSettings(bpy.types.PropertyGroup):\n    count: IntProperty(name=\"Count\")\n    scale: FloatProperty()\n\nclass RigParams(bpy.types.PropertyGroup):\n    name: bpy.props.StringProperty()\n\nclass BaseOp:\n    bl_options = {'REGISTER', 'UNDO'}\n    def report_done(self):\n        pass\n";
const OPS: &str = "import bpy\nfrom .props import BaseOp\n\nclass MY_OT_go(BaseOp, bpy.types.Operator):\n    bl_idname = \"my.go\"\n    bl_label = \"Go\"\n    def execute(self, context):\n        context.scene.$0\n        return {'FINISHED'}\n";
const RIG: &str = "import bpy\n\ndef add_parameters(params):\n    params.make_widget = bpy.props.BoolProperty(name=\"Widget\")\n    params.segments = bpy.props.IntProperty(default=2)\n";

/// The add-on in a fresh directory: my_addon/{__init__,props,operators}.py, rigs/basic.py.
fn write_addon(dir: &Path) -> std::path::PathBuf {
    let root = dir.join("my_addon");
    std::fs::create_dir_all(root.join("rigs")).unwrap();
    std::fs::write(root.join("__init__.py"), INIT).unwrap();
    std::fs::write(root.join("props.py"), PROPS).unwrap();
    std::fs::write(root.join("operators.py"), OPS.replace("$0", "")).unwrap();
    std::fs::write(root.join("rigs/__init__.py"), "").unwrap();
    std::fs::write(root.join("rigs/basic.py"), RIG).unwrap();
    root
}

/// A directory of its own under the system's temp dir, removed at the end.
struct TempDir(std::path::PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn temp_dir() -> TempDir {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("bpy-lsp-package-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    TempDir(dir)
}

struct Addon {
    _dir: TempDir,
    root: std::path::PathBuf,
    package: Arc<bpy_lsp::analysis::package::Package>,
}

fn addon() -> Addon {
    let dir = temp_dir();
    let root = write_addon(&dir.0);
    assert_eq!(package_files::package_root(&root.join("rigs/basic.py")).as_deref(), Some(root.as_path()));
    let package = Arc::new(package_files::load(&root));
    Addon { _dir: dir, root, package }
}

impl Addon {
    /// `src` (with `$0`) as the text of module `file` of the add-on.
    fn doc(&self, file: &str, src: &str) -> (Document, usize) {
        let at = src.find("$0").expect("a $0 marker");
        let mut doc = Document::new(format!("{}{}", &src[..at], &src[at + 2..]));
        doc.set_package(package_files::place(&self.package, &self.root, &self.root.join(file)));
        (doc, at)
    }

    fn labels(&self, file: &str, src: &str) -> Vec<(String, String)> {
        let (doc, at) = self.doc(file, src);
        let db = bpy_lsp::api::load_default();
        let usage = bpy_lsp::default_usage();
        complete(&db, &usage, &doc, at, None).items.into_iter().map(|i| (i.label, i.detail)).collect()
    }

    fn detail_of(&self, file: &str, src: &str, label: &str) -> Option<String> {
        self.labels(file, src).into_iter().find(|(l, _)| l == label).map(|(_, d)| d)
    }

    fn hover(&self, file: &str, src: &str) -> String {
        let (doc, at) = self.doc(file, src);
        let db = bpy_lsp::api::load_default();
        hover(&db, &doc, at).map(|h| h.markdown).unwrap_or_default()
    }
}

#[test]
fn registrations_of_another_module_are_offered_with_where_they_are() {
    let a = addon();
    assert_eq!(a.detail_of("operators.py", OPS, "my_tool").as_deref(), Some("registered in my_addon/__init__.py"));
    assert_eq!(a.detail_of("operators.py", OPS, "busy_node").as_deref(), Some("registered in my_addon/__init__.py"));
    // Its members come from the PropertyGroup of props.py.
    let src = OPS.replace("context.scene.$0", "context.scene.my_tool.$0");
    assert_eq!(a.detail_of("operators.py", &src, "count").as_deref(), Some("ToolSettings (my_addon/props.py)"));
    assert!(a.detail_of("operators.py", &src, "scale").is_some());
    let src = OPS.replace("context.scene.$0", "context.scene.my_tool.co$0unt");
    let h = a.hover("operators.py", &src);
    assert!(h.contains("ToolSettings.count") && h.contains("my_addon/props.py"), "{h}");
    // A registration on Mesh is offered on `obj.data`, which the API declares an ID.
    let src = OPS.replace("context.scene.$0", "context.object.data.$0");
    assert_eq!(
        a.detail_of("operators.py", &src, "variant_data").as_deref(),
        Some("registered in my_addon/__init__.py")
    );
    // Not on an unrelated type.
    let src = OPS.replace("context.scene.$0", "context.object.$0");
    assert_eq!(a.detail_of("operators.py", &src, "variant_data"), None);
    assert_eq!(a.detail_of("operators.py", &src, "my_tool"), None);
}

#[test]
fn relative_imports_and_bases_of_other_modules() {
    let a = addon();
    // `from .props import ToolSettings` in __init__: the class and its annotations.
    let src = format!("{INIT}\nToolSettings.$0\n");
    assert!(a.detail_of("__init__.py", &src, "count").is_some(), "{:?}", a.labels("__init__.py", &src));
    // `from . import operators`: the module's classes.
    let src = format!("{INIT}\noperators.$0\n");
    assert_eq!(a.detail_of("__init__.py", &src, "MY_OT_go").as_deref(), Some("my_addon/operators.py"));
    // A base class from props.py: its method through `self`, and the Operator RNA base.
    let src = OPS.replace("context.scene.$0", "self.$0");
    assert_eq!(a.detail_of("operators.py", &src, "report_done").as_deref(), Some("BaseOp (my_addon/props.py)"));
    assert!(a.detail_of("operators.py", &src, "report").is_some(), "Operator.report");
    // props.py imports operators.py which imports props.py: nothing loops.
    let src = format!("{PROPS}\nMY_OT_go.$0\n");
    assert!(a.detail_of("props.py", &src, "bl_idname").is_some());
}

#[test]
fn properties_set_at_run_time_on_a_property_group() {
    let a = addon();
    let src = "import bpy\n\ndef f(pbone):\n    pbone.rig_params.$0\n";
    let src =
        src.replace("def f(pbone):", "def f():\n    obj = bpy.context.object\n    pbone = obj.pose.bones['spine']");
    assert_eq!(
        a.detail_of("rigs/other.py", &src, "make_widget").as_deref(),
        Some("set at run time (my_addon/rigs/basic.py)"),
        "{:?}",
        a.labels("rigs/other.py", &src)
    );
    assert!(a.detail_of("rigs/other.py", &src, "segments").is_some());
    assert!(a.detail_of("rigs/other.py", &src, "name").is_some(), "the declared member");
    let h = a.hover("rigs/other.py", &src.replace("rig_params.$0", "rig_params.make_wid$0get"));
    assert!(h.contains("make_widget") && h.contains("rigs/basic.py"), "{h}");
    // Not on another PropertyGroup's class object, nor on RNA types.
    let src = OPS.replace("context.scene.$0", "context.scene.$0");
    assert_eq!(a.detail_of("operators.py", &src, "make_widget"), None);
}

#[test]
fn without_a_package_nothing_of_it_is_offered() {
    let db = bpy_lsp::api::load_default();
    let usage = bpy_lsp::default_usage();
    let text = OPS.replace("$0", "");
    let at = OPS.find("$0").unwrap();
    let labels: Vec<String> =
        complete(&db, &usage, &Document::new(text), at, None).items.into_iter().map(|i| i.label).collect();
    assert!(labels.iter().any(|l| l == "frame_current"));
    assert!(!labels.iter().any(|l| l == "my_tool"));
}
