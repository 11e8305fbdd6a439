//! `bpy-lsp check --blender-version 4.4 --fix` upgrades a script written for Blender 3.6,
//! proved in real Blender: each part of the script fails in bpy 4.2 with the error Blender
//! 4.0 introduced, `--fix` rewrites it, and the fixed script runs in bpy 4.4 and does what the
//! old one meant (the checks below read the values back).

mod common;

use std::path::Path;
use std::process::{Command, Stdio};

const HEAD: &str = "import bpy\n\
\n\
mat = bpy.data.materials.new(\"Upgraded\")\n\
mat.use_nodes = True\n\
bsdf = mat.node_tree.nodes[\"Principled BSDF\"]\n\
group = bpy.data.node_groups.new(\"Upgraded\", 'GeometryNodeTree')\n\
objs = [o for o in bpy.context.scene.objects]\n";

/// The 3.6 parts, each with the error bpy 4.2 raises on it.
const PARTS: &[(&str, &str)] = &[
    (
        // Principled BSDF socket renames (4.0).
        "bsdf.inputs[\"Subsurface\"].default_value = 0.25\n\
         bsdf.inputs[\"Specular\"].default_value = 0.75\n\
         bsdf.inputs[\"Emission\"].default_value = (1.0, 0.5, 0.0, 1.0)\n\
         bsdf.inputs[\"Clearcoat\"].default_value = 0.5\n",
        "KeyError: 'bpy_prop_collection[key]: key \"Subsurface\" not found'",
    ),
    (
        // Node group sockets moved to the interface (4.0).
        "group.inputs.new('NodeSocketFloat', \"Amount\")\n\
         group.outputs.new('NodeSocketGeometry', \"Geometry\")\n",
        "AttributeError: 'GeometryNodeTree' object has no attribute 'inputs'",
    ),
    (
        // Context-override dicts removed (4.0).
        "bpy.ops.object.delete({\"selected_objects\": objs})\n",
        "ValueError: 1-2 args execution context is supported",
    ),
];

/// What the fixed script must have done, read back in Blender (appended to the fixed text
/// only when it runs, so the linter never sees it).
const CHECKS: &str = "\nprint('CHECK', len(bpy.data.objects), \
round(bsdf.inputs['Subsurface Weight'].default_value, 3), \
round(bsdf.inputs['Specular IOR Level'].default_value, 3), \
tuple(bsdf.inputs['Emission Color'].default_value), \
round(bsdf.inputs['Coat Weight'].default_value, 3), \
sorted((s.in_out, s.socket_type, s.name) for s in group.interface.items_tree))\n";

const EXPECTED_CHECK: &str = "CHECK 0 0.25 0.75 (1.0, 0.5, 0.0, 1.0) 0.5 \
[('INPUT', 'NodeSocketFloat', 'Amount'), ('OUTPUT', 'NodeSocketGeometry', 'Geometry')]";

/// Run `script` (a file in `dir`) with `python`: (success, stdout, stderr).
fn run(python: &Path, dir: &Path, name: &str, script: &str) -> (bool, String, String) {
    std::fs::write(dir.join(name), script).unwrap();
    let out =
        Command::new(python).arg(name).current_dir(dir).stdin(Stdio::null()).output().expect("run Python with bpy");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_3_6_script_is_fixed_for_4_4_and_runs() {
    let (Some(py44), Some(py42)) = (common::bpy_python(), common::bpy_python_42()) else { return };
    let dir = common::temp_dir("upgrade-blender");

    // Before: every part fails on its own in Blender 4.2 (as in 4.4), with 4.0's error.
    for (i, (part, error)) in PARTS.iter().enumerate() {
        let (ok, _, stderr) = run(&py42, &dir, &format!("part{i}.py"), &format!("{HEAD}{part}"));
        assert!(!ok, "part {i} ran in 4.2:\n{part}");
        assert!(stderr.trim_end().ends_with(error), "part {i} in 4.2: expected {error}\n{stderr}");
    }

    let old: String = std::iter::once(HEAD).chain(PARTS.iter().map(|(p, _)| *p)).collect();
    std::fs::write(dir.join("old.py"), &old).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_bpy-lsp"))
        .args(["check", "--blender-version", "4.4", "--fix", "old.py"])
        .current_dir(&dir)
        .output()
        .expect("run bpy-lsp check --fix");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "problems left after --fix:\n{stdout}{stderr}");
    assert_eq!(stdout.lines().filter(|l| l.starts_with("old.py: fixed: ")).count(), 7, "{stdout}");

    let fixed = std::fs::read_to_string(dir.join("old.py")).unwrap();
    let expected = format!(
        "{HEAD}\
bsdf.inputs[\"Subsurface Weight\"].default_value = 0.25\n\
bsdf.inputs[\"Specular IOR Level\"].default_value = 0.75\n\
bsdf.inputs[\"Emission Color\"].default_value = (1.0, 0.5, 0.0, 1.0)\n\
bsdf.inputs[\"Coat Weight\"].default_value = 0.5\n\
group.interface.new_socket(\"Amount\", in_out='INPUT', socket_type='NodeSocketFloat')\n\
group.interface.new_socket(\"Geometry\", in_out='OUTPUT', socket_type='NodeSocketGeometry')\n\
with bpy.context.temp_override(selected_objects=objs):\n\
\x20   bpy.ops.object.delete()\n"
    );
    assert_eq!(fixed, expected);

    // After: the fixed script runs in Blender 4.4 and did what the 3.6 script meant: the
    // objects deleted, the socket values set, the group's two sockets declared.
    let (ok, out44, err44) = run(&py44, &dir, "fixed44.py", &format!("{fixed}{CHECKS}"));
    assert!(ok, "the fixed script fails in 4.4:\n{err44}");
    assert_eq!(out44.lines().find(|l| l.starts_with("CHECK")), Some(EXPECTED_CHECK), "{out44}{err44}");
    // The rewrites are 4.2's API too (the oldest database bpy-lsp has).
    let (ok, out42, err42) = run(&py42, &dir, "fixed42.py", &format!("{fixed}{CHECKS}"));
    assert!(ok, "the fixed script fails in 4.2:\n{err42}");
    assert_eq!(out42.lines().find(|l| l.starts_with("CHECK")), Some(EXPECTED_CHECK), "{out42}{err42}");
}
