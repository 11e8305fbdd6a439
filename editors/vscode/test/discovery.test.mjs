// Unit tests of the parts of the extension that need no VS Code: where the server is looked
// for (and in which order), and which files are served. Run: npm test (Node 24 strips types).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { candidates, discover, expandHome } from "../src/server.ts";
import { importsBlender, ProjectFolders, served } from "../src/scope.ts";

test("candidates: setting (with ~), bundled, PATH, ~/.cargo/bin, in that order", () => {
  const c = candidates("~/tools/bpy-lsp", "/ext", { HOME: "/home/me" });
  assert.deepEqual(
    c.map((x) => x.command),
    [path.join(os.homedir(), "tools/bpy-lsp"), "/ext/server/bpy-lsp", "bpy-lsp", "/home/me/.cargo/bin/bpy-lsp"],
  );
  assert.equal(candidates("", "/ext", { HOME: "/h" }).length, 3);
  assert.equal(expandHome("~"), os.homedir());
  assert.equal(expandHome("/abs/~x"), "/abs/~x");
});

test("discover: the first candidate whose --version answers wins; the others say why", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bpy-lsp-disc-"));
  const fake = path.join(dir, "bpy-lsp");
  fs.writeFileSync(fake, "#!/bin/sh\necho 'bpy-lsp 9.8.7'\n", { mode: 0o755 });
  const broken = path.join(dir, "broken");
  fs.writeFileSync(broken, "#!/bin/sh\necho nope\n", { mode: 0o755 });
  const r = await discover([
    { source: "setting", command: path.join(dir, "missing") },
    { source: "bundled", command: broken },
    { source: "PATH", command: fake },
  ]);
  assert.equal(r.found?.version, "9.8.7");
  assert.equal(r.found?.source, "PATH");
  assert.equal(r.tried.length, 2);
  assert.match(r.tried[0], /not found/);
  assert.match(r.tried[1], /unexpected --version output: nope/);
  const none = await discover([{ source: "setting", command: path.join(dir, "missing") }]);
  assert.equal(none.found, undefined);
  fs.rmSync(dir, { recursive: true });
});

test("importsBlender: import and from-import of bpy, bmesh, mathutils only", () => {
  assert.ok(importsBlender("import bpy\n"));
  assert.ok(importsBlender("x = 1\nfrom mathutils import Vector\n"));
  assert.ok(importsBlender("  import bmesh as bm\n"));
  assert.ok(importsBlender("from bpy.types import Operator\n"));
  assert.ok(!importsBlender("import bpy_extras\n"));
  assert.ok(!importsBlender("import os\n# import bpy\n"));
  assert.ok(!importsBlender("s = 'import bpy'\n"));
});

test("served: project markers up the tree, bl_info add-ons, and the files setting", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bpy-lsp-scope-"));
  fs.mkdirSync(path.join(dir, "ext/pkg"), { recursive: true });
  fs.writeFileSync(path.join(dir, "ext/blender_manifest.toml"), 'schema_version = "1.0.0"\n');
  fs.mkdirSync(path.join(dir, "addon"));
  fs.writeFileSync(path.join(dir, "addon/__init__.py"), '"""doc"""\nbl_info = {"name": "x"}\n');
  fs.mkdirSync(path.join(dir, "plain"));
  fs.writeFileSync(path.join(dir, "plain/__init__.py"), "x = 1\n");
  const f = new ProjectFolders();
  const text = "def f():\n    return 1\n";
  assert.ok(await served("blender", text, path.join(dir, "ext/pkg/ops.py"), f));
  assert.ok(await served("blender", text, path.join(dir, "addon/ops.py"), f));
  assert.ok(!(await served("blender", text, path.join(dir, "plain/util.py"), f, dir)));
  assert.ok(!(await served("imports", text, path.join(dir, "ext/pkg/ops.py"), f)));
  assert.ok(await served("imports", "import bpy\n", path.join(dir, "plain/util.py"), f));
  assert.ok(await served("all", text, path.join(dir, "plain/util.py"), f));
  assert.ok(!(await served("blender", text, undefined, f)));
  fs.rmSync(dir, { recursive: true });
});
