//! `bpy-lsp check` over the real binary: honest exit statuses (2 when an input could not be
//! checked, with the reason; 1 for problems; 0 only when everything was looked at and found
//! clean), syntax errors as diagnostics, `--fix` and `--diff`, and the same findings for a
//! file whatever is checked with it.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

struct Out {
    status: i32,
    stdout: String,
    stderr: String,
}

fn check(dir: &Path, args: &[&str]) -> Out {
    let out = Command::new(env!("CARGO_BIN_EXE_bpy-lsp"))
        .arg("check")
        .args(args)
        .current_dir(dir)
        .env_remove("BPY_LSP_BLENDER_VERSION")
        .output()
        .expect("run bpy-lsp check");
    Out {
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn exit_status_says_whether_everything_was_checked() {
    let dir = common::temp_dir("check-exit");
    std::fs::write(dir.join("good.py"), "import bpy\nbpy.context.scene.frame_end = 10\n").unwrap();
    std::fs::write(dir.join("latin1.py"), b"# caf\xe9\nimport bpy\n").unwrap();
    std::fs::write(dir.join("blob.py"), b"\x7fELF\x00\x00\x01").unwrap();
    std::fs::create_dir_all(dir.join("empty")).unwrap();

    let ok = check(&dir, &["good.py"]);
    assert_eq!(ok.status, 0, "{}{}", ok.stdout, ok.stderr);
    assert_eq!(ok.stdout, "");
    assert!(ok.stderr.starts_with("No problems in 1 file ("), "{}", ok.stderr);

    let typo = check(&dir, &["good.py", "missing.py"]);
    assert_eq!(typo.status, 2, "{}", typo.stderr);
    assert!(typo.stderr.contains("missing.py: error: no such file or directory; not checked"), "{}", typo.stderr);
    assert!(typo.stderr.contains("1 input could not be checked"), "{}", typo.stderr);
    assert!(!typo.stderr.contains("No problems in"), "{}", typo.stderr);

    let latin = check(&dir, &["latin1.py"]);
    assert_eq!(latin.status, 2);
    assert!(latin.stderr.contains("latin1.py: error: not valid UTF-8 (byte 5); not checked"), "{}", latin.stderr);

    let binary = check(&dir, &["blob.py"]);
    assert_eq!(binary.status, 2);
    assert!(binary.stderr.contains("blob.py: error: a binary file, not Python text; not checked"), "{}", binary.stderr);

    let empty = check(&dir, &["empty"]);
    assert_eq!(empty.status, 2);
    assert!(empty.stderr.contains("empty: error: no Python files in this directory"), "{}", empty.stderr);

    // A directory with a bad file among good ones: the good ones are still checked.
    let all = check(&dir, &["."]);
    assert_eq!(all.status, 2, "{}", all.stderr);
    assert!(all.stderr.contains("in 1 file ("), "{}", all.stderr);
}

#[test]
fn syntax_errors_are_diagnostics_with_a_position() {
    let dir = common::temp_dir("check-syntax");
    std::fs::write(dir.join("broken.py"), "import bpy\n\nif True\n    bpy.ops.mesh.primitive_cube_add()\n").unwrap();
    std::fs::write(dir.join("py2.py"), "import bpy\nprint \"done\"\n").unwrap();
    let out = check(&dir, &["broken.py", "py2.py"]);
    assert_eq!(out.status, 1, "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "broken.py:3:8: BPY000 expected ':'",
            "py2.py:2:1: BPY000 Missing parentheses in call to 'print'. Did you mean print(...)?",
        ]
    );
    let json = check(&dir, &["--format", "json", "broken.py"]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v[0]["code"], "BPY000");
    assert_eq!(v[0]["name"], "syntax-error");
    assert_eq!(v[0]["severity"], "error");
    assert_eq!((v[0]["line"].as_u64(), v[0]["column"].as_u64()), (Some(3), Some(8)));
}

/// The errors Python's parser and compiler raise that the grammar accepts, each where
/// Python reports it (the expected lines and messages are CPython 3.11's).
#[test]
fn syntax_errors_the_grammar_accepts_are_reported_where_python_reports_them() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "indent_empty.py",
            "def f():\nreturn 1\n",
            "2:1: BPY000 IndentationError: expected an indented block after function definition on line 1",
        ),
        (
            "indent_if.py",
            "import bpy\nif bpy:\n# nothing\n",
            "3:1: BPY000 IndentationError: expected an indented block after 'if' statement on line 2",
        ),
        (
            "indent_unindent.py",
            "if True:\n    x = 1\n   y = 2\n",
            "3:4: BPY000 IndentationError: unindent does not match any outer indentation level",
        ),
        ("indent_deeper.py", "if True:\n    x = 1\n        y = 2\n", "3:9: BPY000 IndentationError: unexpected indent"),
        ("indent_module.py", "import bpy\n  x = 1\n", "2:3: BPY000 IndentationError: unexpected indent"),
        (
            "tabs.py",
            "if True:\n\tx = 1\n        y = 2\n",
            "3:9: BPY000 TabError: inconsistent use of tabs and spaces in indentation",
        ),
        ("return.py", "import bpy\nreturn 5\n", "2:1: BPY000 'return' outside function"),
        ("break.py", "for x in range(3):\n    pass\nelse:\n    break\n", "4:5: BPY000 'break' outside loop"),
        ("yield.py", "class A:\n    yield 1\n", "2:5: BPY000 'yield' outside function"),
        ("nonlocal.py", "nonlocal x\n", "1:1: BPY000 nonlocal declaration not allowed at module level"),
        (
            "augmented.py",
            "a = b = 0\na, b += 1\n",
            "2:1: BPY000 'tuple' is an illegal expression for augmented assignment",
        ),
        ("delete.py", "del print()\n", "1:5: BPY000 cannot delete function call"),
        ("duplicate.py", "def f(a, a):\n    pass\n", "1:10: BPY000 duplicate argument 'a' in function definition"),
        ("walrus.py", "x := 5\n", "1:3: BPY000 invalid syntax"),
        ("keywords.py", "print(sep=' ', sep='')\n", "1:16: BPY000 keyword argument repeated: sep"),
        ("positional.py", "print(sep=' ', 2)\n", "1:16: BPY000 positional argument follows keyword argument"),
    ];
    let dir = common::temp_dir("check-python-rules");
    let mut names = Vec::new();
    for (name, text, _) in cases {
        std::fs::write(dir.join(name), text).unwrap();
        names.push(*name);
    }
    let out = check(&dir, &names);
    assert_eq!(out.status, 1, "{}", out.stderr);
    let mut want: Vec<String> = cases.iter().map(|(name, _, line)| format!("{name}:{line}")).collect();
    want.sort();
    let mut got: Vec<&str> = out.stdout.lines().filter(|l| l.contains(": BPY")).collect();
    got.sort();
    assert_eq!(got, want);
    // What Python accepts stays silent: a one-line suite, a loop's `continue`, a block's
    // comment at any indent, a form feed, tabs used alike, keyword splats after keywords.
    std::fs::write(
        dir.join("fine.py"),
        "import bpy\nif bpy: x = 1; y = 2\nfor o in bpy.data.objects:\n    if o:\n        continue\n  # a comment\n    del o.name, x\n\x0c\ndef g(a, *b, c=1, **d):\n\tif a:\n\t\treturn print(a, *b, sep='', **d)\n\tyield (z := 1)\nclass K:\n    def m(self): return [i for i in range(3)]\n",
    )
    .unwrap();
    let fine = check(&dir, &["fine.py"]);
    assert_eq!((fine.status, fine.stdout.lines().filter(|l| l.contains(": BPY")).count()), (0, 0), "{}", fine.stdout);
}

fn corpus_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["rag_data/examples", "rag_data/assets", "tests/lint_corpus"] {
        let mut f: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "py"))
            .collect();
        f.sort();
        files.extend(f);
    }
    files
}

/// Each file alone and all of them together (and in reverse order) give byte-identical
/// findings per file: nothing one file says changes what is said about another.
#[test]
fn findings_do_not_depend_on_the_other_files() {
    let files = corpus_files();
    assert!(files.len() > 250, "{}", files.len());
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let args: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    let args_ref: Vec<&str> = args.iter().map(String::as_str).collect();
    let together = check(root, &args_ref).stdout;
    let mut reversed_args = args_ref.clone();
    reversed_args.reverse();
    let reversed = check(root, &reversed_args).stdout;
    assert_eq!(together, reversed, "the order of the arguments changed the findings");
    // Alone, each in a run of its own (in process: the database is loaded once).
    let db = bpy_lsp::api::load_version("4.4").unwrap();
    let notes = bpy_lsp::analysis::lint::LazyNotes::new("4.4");
    let mut alone = Vec::new();
    for f in &files {
        bpy_lsp::check::check(&db, Some(&notes), std::slice::from_ref(f), bpy_lsp::check::Format::Text, &mut alone)
            .unwrap();
    }
    assert_eq!(String::from_utf8(alone).unwrap(), together);
    // The corpus has findings: the comparison is not between empty outputs.
    assert!(together.lines().count() > 60, "{together}");
    assert!(together.contains("attr_eevee_use_bloom.py:8:13: BPY004 'SceneEEVEE' has no attribute 'use_bloom'"));
}

/// What another script registers (a property added to a type, a setattr) is no reason to
/// stay silent on a script that is not in the same package.
#[test]
fn registrations_of_other_scripts_do_not_hide_findings() {
    let dir = common::temp_dir("check-registrations");
    std::fs::write(dir.join("a.py"), "import bpy\nscene = bpy.context.scene\nscene.eevee.use_bloom = True\n").unwrap();
    std::fs::write(dir.join("b.py"), "import bpy\nsetattr(bpy.context.scene.eevee, \"use_bloom\", True)\n").unwrap();
    std::fs::write(dir.join("c.py"), "import bpy\nbpy.types.SceneEEVEE.use_bloom = bpy.props.BoolProperty()\n")
        .unwrap();
    let alone = check(&dir, &["a.py"]);
    assert!(
        alone.stdout.starts_with("a.py:3:13: BPY004 'SceneEEVEE' has no attribute 'use_bloom'"),
        "{}",
        alone.stdout
    );
    let together = check(&dir, &["a.py", "b.py", "c.py"]);
    assert_eq!(together.stdout, alone.stdout);
    // In a package, a registration in one module counts for the others, checked or not.
    let pkg = dir.join("addon");
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(
        pkg.join("__init__.py"),
        "import bpy\ndef register():\n    bpy.types.SceneEEVEE.use_bloom = bpy.props.BoolProperty()\n",
    )
    .unwrap();
    std::fs::write(pkg.join("ui.py"), "import bpy\nbpy.context.scene.eevee.use_bloom = True\n").unwrap();
    let in_package = check(&dir, &["addon/ui.py"]);
    assert_eq!((in_package.status, in_package.stdout.as_str()), (0, ""), "{}", in_package.stderr);
}

/// The example library runs in Blender (tests/blender/run_rag_scripts.py): no error on it.
#[test]
fn no_errors_on_the_example_library() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = check(root, &["rag_data/examples", "rag_data/assets"]);
    assert_eq!((out.status, out.stdout.lines().filter(|l| !l.contains("[hint]")).count()), (0, 0), "{}", out.stdout);
    assert!(out.stderr.starts_with("No problems"), "{}", out.stderr);
}

#[test]
fn fix_writes_the_certain_fixes_and_diff_only_shows_them() {
    let dir = common::temp_dir("check-fix");
    let script = "import bpy\n\
                  mat = bpy.data.materials.new(\"m\")\n\
                  mat.use_nodes = True\n\
                  bsdf = mat.node_tree.nodes[\"Principled BSDF\"]\n\
                  bsdf.inputs[\"Subsurface\"].default_value = 0.2\n\
                  obj = bpy.context.object\n\
                  obj.modifiers.new(\"b\", type=\"BEVL\")\n\
                  v = mathutils.Vector((0, 0, 1))\n\
                  obj.frobnicate = 1\n";
    std::fs::write(dir.join("old.py"), script).unwrap();
    let diff = check(&dir, &["--diff", "old.py"]);
    assert_eq!(std::fs::read_to_string(dir.join("old.py")).unwrap(), script, "--diff wrote the file");
    assert_eq!(diff.status, 1, "one problem has no certain fix: {}", diff.stderr);
    let expected = "--- old.py\n+++ old.py\n@@ -1,9 +1,10 @@\n import bpy\n+import mathutils\n \
                    mat = bpy.data.materials.new(\"m\")\n mat.use_nodes = True\n \
                    bsdf = mat.node_tree.nodes[\"Principled BSDF\"]\n-bsdf.inputs[\"Subsurface\"].default_value = 0.2\n\
                    +bsdf.inputs[\"Subsurface Weight\"].default_value = 0.2\n obj = bpy.context.object\n\
                    -obj.modifiers.new(\"b\", type=\"BEVL\")\n+obj.modifiers.new(\"b\", type=\"BEVEL\")\n \
                    v = mathutils.Vector((0, 0, 1))\n obj.frobnicate = 1\n";
    assert_eq!(diff.stdout, expected);
    assert!(diff.stderr.contains("would fix 3 problems"), "{}", diff.stderr);

    let fixed = check(&dir, &["--fix", "old.py"]);
    assert_eq!(fixed.status, 1, "{}", fixed.stderr);
    let lines: Vec<&str> = fixed.stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "old.py: fixed: Replace with 'Subsurface Weight'",
            "old.py: fixed: Replace with 'BEVEL'",
            "old.py: fixed: Add 'import mathutils'",
            "old.py:10:5: BPY004 'Object' has no attribute 'frobnicate'",
        ]
    );
    assert!(fixed.stderr.contains("fixed 3 problems"), "{}", fixed.stderr);
    let text = std::fs::read_to_string(dir.join("old.py")).unwrap();
    assert!(text.contains("import bpy\nimport mathutils\n") && text.contains("\"Subsurface Weight\""), "{text}");
    // Nothing certain is left: a second run changes nothing.
    let again = check(&dir, &["--fix", "old.py"]);
    assert_eq!(std::fs::read_to_string(dir.join("old.py")).unwrap(), text);
    assert_eq!(again.stdout.lines().count(), 1, "{}", again.stdout);
}

/// `--fix` never changes what a script does: a "did you mean" that is not a clear typo
/// (`calc_normals` -> `flip_normals`, `Location` -> `Rotation`, `ShaderNodeOutput` ->
/// `ShaderNodeOutputAOV`) is left for a person, while the clear typo on the same file is fixed.
#[test]
fn fix_leaves_guesses_alone() {
    let dir = common::temp_dir("check-fix-guesses");
    let script = "import bpy\n\
                  mesh = bpy.data.meshes.new('m')\n\
                  mesh.calc_normals()\n\
                  ng = bpy.data.node_groups.new('G', 'GeometryNodeTree')\n\
                  xform = ng.nodes.new('GeometryNodeTransform')\n\
                  xform.inputs['Location'].default_value = (0, 0, 1)\n\
                  mat = bpy.data.materials.new('M')\n\
                  mat.use_nodes = True\n\
                  out = mat.node_tree.nodes.new('ShaderNodeOutput')\n\
                  bpy.context.object.locaton = (0, 0, 1)\n";
    std::fs::write(dir.join("guess.py"), script).unwrap();
    let fixed = check(&dir, &["--fix", "guess.py"]);
    assert_eq!(fixed.status, 1, "{}", fixed.stderr);
    let text = std::fs::read_to_string(dir.join("guess.py")).unwrap();
    assert_eq!(text, script.replace(".locaton =", ".location ="));
    let lines: Vec<&str> = fixed.stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "guess.py: fixed: Replace with 'location'",
            "guess.py:3:6: BPY004 'Mesh' has no attribute 'calc_normals' (removed in 4.0; normals are always up to date \
             (mesh.vertex_normals, mesh.polygon_normals): remove the call)",
            "guess.py:6:14: BPY006 Transform Geometry (GeometryNodeTransform) has no inputs socket 'Location'; did you mean 'Rotation'?",
            "guess.py:9:31: BPY005 'ShaderNodeOutput' is not a node type; did you mean 'ShaderNodeOutputAOV'?",
        ]
    );
}

/// Blender 4.0 moved node group sockets to the interface: `inputs.new(type, name)` on a node
/// group is rewritten to `interface.new_socket(name, in_out=..., socket_type=type)`, not to a
/// broken `interface.new(...)`. A subtype `new_socket` does not take stays a finding; a node's
/// own `inputs.new` (custom nodes have it in 4.x) is not touched.
#[test]
fn fix_rewrites_node_group_sockets_to_the_interface() {
    let dir = common::temp_dir("check-fix-group-sockets");
    let script = "import bpy\n\
                  ng = bpy.data.node_groups.new('G', 'GeometryNodeTree')\n\
                  ng.inputs.new('NodeSocketFloat', 'Amount')\n\
                  ng.outputs.new(name=\"Geometry\", type='NodeSocketGeometry')\n\
                  bpy.data.node_groups['G'].inputs.new('NodeSocketInt', 'Count')\n\
                  ng.inputs.new('NodeSocketFloatFactor', 'Fac')\n\
                  node = ng.nodes.new('GeometryNodeTransform')\n\
                  node.inputs.new('NodeSocketFloat', 'X')\n";
    std::fs::write(dir.join("group.py"), script).unwrap();
    let fixed = check(&dir, &["--blender-version", "4.4", "--fix", "group.py"]);
    let text = std::fs::read_to_string(dir.join("group.py")).unwrap();
    assert_eq!(
        text,
        "import bpy\n\
         ng = bpy.data.node_groups.new('G', 'GeometryNodeTree')\n\
         ng.interface.new_socket('Amount', in_out='INPUT', socket_type='NodeSocketFloat')\n\
         ng.interface.new_socket(\"Geometry\", in_out='OUTPUT', socket_type='NodeSocketGeometry')\n\
         bpy.data.node_groups['G'].interface.new_socket('Count', in_out='INPUT', socket_type='NodeSocketInt')\n\
         ng.inputs.new('NodeSocketFloatFactor', 'Fac')\n\
         node = ng.nodes.new('GeometryNodeTransform')\n\
         node.inputs.new('NodeSocketFloat', 'X')\n"
    );
    let left: Vec<&str> = fixed.stdout.lines().filter(|l| !l.contains(": fixed: ")).collect();
    assert_eq!(left.len(), 1, "{}", fixed.stdout);
    assert!(
        left[0].starts_with("group.py:6:4: BPY004 'GeometryNodeTree' has no attribute 'inputs' (removed in 4.0"),
        "{}",
        left[0]
    );
    assert_eq!(fixed.stdout.lines().filter(|l| l.contains(": fixed: Replace with interface.new_socket(")).count(), 3);
}

/// Names removed before the oldest built-in database (4.2) are still reported as unknown, with
/// the note of what replaced them (from renames.json), also when the receiver is only known
/// as an `ID` (`obj.data`).
#[test]
fn names_removed_before_4_2_carry_their_note() {
    let dir = common::temp_dir("check-old-names");
    std::fs::write(
        dir.join("old.py"),
        "import bpy\n\
         bpy.context.scene.render.tile_x = 64\n\
         mat = bpy.data.materials.new('M')\n\
         mat.diffuse_shader = 'LAMBERT'\n\
         bpy.context.object.data.calc_normals()\n",
    )
    .unwrap();
    let out = check(&dir, &["old.py"]);
    assert_eq!(out.status, 1, "{}{}", out.stdout, out.stderr);
    let lines: Vec<&str> = out.stdout.lines().filter(|l| l.starts_with("old.py:")).collect();
    assert_eq!(
        lines,
        [
            "old.py:2:26: BPY004 'RenderSettings' has no attribute 'tile_x' (removed in 3.0; Cycles X picks its own tiles: \
             scene.cycles.tile_size sets their size (with scene.cycles.use_auto_tile); remove the line)",
            "old.py:4:5: BPY004 'Material' has no attribute 'diffuse_shader' (removed in 2.80; Blender Internal's shading \
             models went with it: shade with nodes (a Diffuse or Principled BSDF in material.node_tree))",
            "old.py:5:25: BPY004 'ID' has no attribute 'calc_normals' (Mesh.calc_normals: removed in 4.0; normals are \
             always up to date (mesh.vertex_normals, mesh.polygon_normals): remove the call)",
        ]
    );
}
