//! Completion that depends on where the code runs: the editor a panel or menu belongs to
//! (`context.space_data`), value slots in `not in` and tuples, and string properties
//! whose values are another enum's. Driven through the public analysis API.

use bpy_lsp::analysis::{Document, complete};

/// Labels at the `$0` of `src`, best first.
fn labels(src: &str) -> Vec<String> {
    let at = src.find("$0").expect("a $0 marker");
    let text = format!("{}{}", &src[..at], &src[at + 2..]);
    let db = bpy_lsp::api::load_default();
    let usage = bpy_lsp::default_usage();
    complete(&db, &usage, &Document::new(text), at, None).items.into_iter().map(|i| i.label).collect()
}

fn rank(labels: &[String], label: &str) -> Option<usize> {
    labels.iter().position(|l| l == label).map(|i| i + 1)
}

const PANEL_MIXIN: &str = "import bpy\n\
class DopeSheetPanel:\n    bl_space_type = 'DOPESHEET_EDITOR'\n    bl_region_type = 'UI'\n\n";

#[test]
fn space_data_is_the_space_of_the_panels_editor() {
    let own = "import bpy\nclass P(bpy.types.Panel):\n    bl_space_type = 'VIEW_3D'\n    \
               def draw(self, context):\n        context.space_data.$0";
    let l = labels(own);
    assert!(rank(&l, "shading").is_some() && rank(&l, "region_3d").is_some(), "{l:?}");

    // Through a mixin base class, and through a variable.
    let mixin = format!(
        "{PANEL_MIXIN}class P(DopeSheetPanel, bpy.types.Panel):\n    def draw(self, context):\n        \
         space = context.space_data\n        if space.mode == '$0'"
    );
    let l = labels(&mixin);
    assert!(["ACTION", "SHAPEKEY", "TIMELINE"].iter().all(|v| l.iter().any(|x| x == v)), "{l:?}");

    let graph = "import bpy\nclass P(bpy.types.Panel):\n    bl_space_type = 'NLA_EDITOR'\n    \
                 def draw(self, context):\n        context.space_data.$0";
    assert!(rank(&labels(graph), "show_strip_curves").is_some());
}

#[test]
fn bases_that_disagree_leave_the_base_space() {
    let src = "import bpy\nclass A:\n    bl_space_type = 'PROPERTIES'\nclass B:\n    bl_space_type = 'VIEW_3D'\n\
               class P(A, B, bpy.types.Panel):\n    def draw(self, context):\n        context.space_data.$0";
    let l = labels(src);
    assert!(rank(&l, "shading").is_none() && rank(&l, "context").is_none(), "{l:?}");
    assert!(rank(&l, "type").is_some(), "{l:?}");
}

#[test]
fn menus_take_their_editor_from_the_class_name() {
    let src = "import bpy\nclass NODE_MT_my_tools(bpy.types.Menu):\n    def draw(self, context):\n        \
               if context.space_data.geometry_nodes_type == '$0'";
    assert_eq!(labels(src), ["MODIFIER", "TOOL"]);
}

#[test]
fn value_slots_in_not_in_and_tuples() {
    let not_in = "import bpy\ndef f(context):\n    if context.mode not in {'$0'}:\n        pass";
    assert!(rank(&labels(not_in), "OBJECT").is_some());
    let tuple = "import bpy\ndef f(context):\n    if context.object.mode in ('$0',):\n        pass";
    assert!(rank(&labels(tuple), "POSE").is_some());
    // A call is still a call: the argument of `print(` is no enum value.
    let call = "import bpy\ndef f(context):\n    print('$0')";
    assert!(labels(call).is_empty());
}

#[test]
fn string_properties_that_hold_another_enums_values() {
    let engine = "import bpy\ndef f(context):\n    if context.engine == '$0'";
    assert_eq!(labels(engine).len(), 3);
    assert!(rank(&labels(engine), "CYCLES").is_some());
    let add_node = "import bpy\nbpy.ops.node.add_node(type='ShaderNodeAttr$0')";
    assert_eq!(labels(add_node).first().map(String::as_str), Some("ShaderNodeAttribute"));
}

#[test]
fn context_properties_of_every_editor_rank_before_editor_specific_members() {
    // `space_data` and `screen` exist everywhere; `sculpt_object` and `selected_ids` only in
    // some editors. None of them is used by the example library.
    let l = labels("import bpy\ndef f(context):\n    context.s$0");
    let space = rank(&l, "space_data").expect("space_data offered");
    assert!(space <= 5, "space_data at {space}: {l:?}");
    assert!(space < rank(&l, "sculpt_object").unwrap_or(usize::MAX));
    let t = labels("import bpy\ndef f(context):\n    context.t$0");
    // (`temp_override` is used by the examples, and a method of Context itself.)
    assert!(rank(&t, "tool_settings").is_some_and(|r| r <= 2), "{t:?}");
    assert!(rank(&t, "tool_settings") < rank(&t, "texture"), "{t:?}");
}
