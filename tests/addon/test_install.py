"""The add-on as a user installs it: the zips build_zip.py writes, their contents,
the README's install steps, and installing them into a real Blender (4.4, and 4.2
when ``.venv-blender-4.2`` is there) with the operator of Preferences > Install
from Disk, then the panel's data while an editor connects.

Run:  .venv/bin/python -m unittest discover -s tests/addon -v
"""

import ast
import json
import os
import re
import subprocess
import sys
import tempfile
import tomllib
import unittest
import zipfile
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from bridgetest import REPO, bpy_python, have_bpy  # noqa: E402

HAVE_BPY = have_bpy()
SKIP_MSG = f"no Python with bpy at {bpy_python()} (set BPY_PYTHON)"
PKG = REPO / "editors" / "blender" / "bpy_lsp_bridge"
PROBE = Path(__file__).resolve().parent / "addon_install_probe.py"
BPY_42 = REPO / ".venv-blender-4.2" / "bin" / "python"
EXT_MODULE = "bl_ext.user_default.bpy_lsp_bridge"
# Every file of the add-on; a new module must be added here (and so is seen in review).
MODULES = ["__init__.py", "__main__.py", "bridge.py", "connection.py", "executor.py", "hardstop.py",
           "headless.py", "render.py", "scene.py", "server.py", "ui.py"]
VERSION = tomllib.loads((PKG / "blender_manifest.toml").read_text())["version"]
LEGACY_ZIP = f"bpy_lsp_bridge-{VERSION}.zip"
EXT_ZIP = f"bpy_lsp_bridge-{VERSION}-extension.zip"


def build(out: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(REPO / "editors/blender/build_zip.py"), "--out-dir", out],
                          capture_output=True, text=True, timeout=120)


class ZipContentsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.out = tempfile.mkdtemp(prefix="bpy-lsp-test-zip-")
        cls.proc = build(cls.out)

    def test_build_writes_both_zips_and_validates_the_extension(self):
        self.assertEqual(self.proc.returncode, 0, self.proc.stdout + self.proc.stderr)
        self.assertEqual(self.proc.stdout.splitlines()[:2],
                         [str(Path(self.out) / LEGACY_ZIP), str(Path(self.out) / EXT_ZIP)])
        if HAVE_BPY:  # blender_ext.py comes with the bpy module
            self.assertIn("build_zip: blender_ext validate: Success parsing TOML", self.proc.stdout)
        self.assertEqual(sorted(os.listdir(self.out)), sorted([LEGACY_ZIP, EXT_ZIP]))

    def test_extension_zip(self):
        with zipfile.ZipFile(Path(self.out) / EXT_ZIP) as z:
            self.assertEqual(sorted(z.namelist()), sorted(MODULES + ["blender_manifest.toml"]))
            manifest = tomllib.loads(z.read("blender_manifest.toml").decode())
            init = z.read("__init__.py").decode()
        self.assertEqual(manifest, {
            "schema_version": "1.0.0",
            "id": "bpy_lsp_bridge",
            "version": VERSION,
            "name": "bpy-lsp Bridge",
            "tagline": "Run code and render previews for the bpy-lsp language server",
            "maintainer": "bpy-lsp contributors",
            "type": "add-on",
            "tags": ["Development"],
            "blender_version_min": "4.2.0",
            "license": ["SPDX:GPL-3.0-or-later"],
            "permissions": {"network": "Listen on 127.0.0.1 for bpy-lsp",
                            "files": "Connection file in the user state dir"},
            "build": {"paths_exclude_pattern": ["__pycache__/", "*.pyc", "/.git/"]},
        })
        self.assertEqual(init, (PKG / "__init__.py").read_text())

    def test_legacy_zip(self):
        with zipfile.ZipFile(Path(self.out) / LEGACY_ZIP) as z:
            self.assertEqual(sorted(z.namelist()), sorted(f"bpy_lsp_bridge/{m}" for m in MODULES))
            tree = ast.parse(z.read("bpy_lsp_bridge/__init__.py").decode())
            for name in MODULES:
                self.assertEqual(z.read(f"bpy_lsp_bridge/{name}"), (PKG / name).read_bytes(), name)
        bl_info = next(ast.literal_eval(node.value) for node in tree.body
                       if isinstance(node, ast.Assign) and node.targets[0].id == "bl_info")
        self.assertEqual(bl_info["name"], "bpy-lsp Bridge")
        self.assertEqual(bl_info["version"], tuple(int(x) for x in VERSION.split(".")))
        self.assertEqual(bl_info["blender"], (4, 2, 0))
        self.assertEqual(bl_info["category"], "Development")
        self.assertEqual(bl_info["location"], "View3D > Sidebar > bpy-lsp")

    def test_zips_are_reproducible(self):
        again = tempfile.mkdtemp(prefix="bpy-lsp-test-zip-")
        self.assertEqual(build(again).returncode, 0)
        for name in (LEGACY_ZIP, EXT_ZIP):
            self.assertEqual((Path(again) / name).read_bytes(), (Path(self.out) / name).read_bytes(), name)

    def test_readme_names_what_the_build_writes(self):
        readme = (REPO / "editors/blender/README.md").read_text()
        self.assertIn("python3 editors/blender/build_zip.py", readme)
        self.assertIn(f"`dist/{EXT_ZIP}`", readme)
        self.assertIn(f"`dist/{LEGACY_ZIP}`", readme)
        self.assertIn("*Edit > Preferences > Get Extensions*", readme)
        self.assertIn("*Edit > Preferences > Add-ons*", readme)
        self.assertIn("*Install from Disk...*", readme)
        # Every zip a README names is one the build writes.
        named = r"bpy_lsp_bridge-[0-9][^`\s]*\.zip"
        self.assertEqual(set(re.findall(named, readme)), {LEGACY_ZIP, EXT_ZIP})
        self.assertEqual(set(re.findall(named, (REPO / "README.md").read_text())), {LEGACY_ZIP, EXT_ZIP})


@unittest.skipUnless(HAVE_BPY, SKIP_MSG)
class InstallInBlenderTest(unittest.TestCase):
    """extensions.package_install_files is what both Install from Disk... entries run."""

    @classmethod
    def setUpClass(cls):
        cls.out = tempfile.mkdtemp(prefix="bpy-lsp-test-install-")
        proc = build(cls.out)
        assert proc.returncode == 0, proc.stdout + proc.stderr

    def install(self, python, zip_name, module):
        home = tempfile.mkdtemp(prefix="bpy-lsp-test-blender-user-")
        env = dict(os.environ, BLENDER_USER_RESOURCES=home, BPY_LSP_STATE_DIR=os.path.join(home, "state"))
        env.pop("BPY_LSP_TOKEN", None)
        proc = subprocess.run([str(python), str(PROBE), str(Path(self.out) / zip_name), module],
                              capture_output=True, text=True, timeout=120, env=env)
        line = next((x for x in proc.stdout.splitlines() if x.startswith("RESULT ")), None)
        self.assertIsNotNone(line, proc.stdout[-3000:] + proc.stderr[-3000:])
        # pip's bpy 4.2 sometimes segfaults while the interpreter exits, after the probe printed
        # its RESULT (seen about one run in two on the merged main); the result is what we test.
        crashed_at_exit = python == BPY_42 and proc.returncode == -11
        self.assertTrue(proc.returncode == 0 or crashed_at_exit, proc.stderr[-3000:])
        return json.loads(line[len("RESULT "):]), Path(home)

    def check_served(self, res, version, mode_dir, home):
        self.assertTrue(res["panel_registered"])
        self.assertFalse(res["panel_after_disable"])
        self.assertTrue(Path(res["file"]).is_relative_to(home / mode_dir), res["file"])
        self.assertEqual(res["prefs"], ["127.0.0.1", 0, "", False])
        self.assertEqual(res["hello"]["mode"], "gui")
        self.assertEqual(res["hello"]["blender_version"], version)
        self.assertTrue(res["run"]["result"]["ok"], res["run"])
        self.assertRegex(res["run"]["result"]["stdout"], rf"^{re.escape(version)}( LTS)?\n$")
        self.check_panel(res)

    def check_panel(self, res):
        port = res["port"]
        rows = {k: [tuple(r) for r in v] for k, v in res["rows"].items()}
        head = [("State: listening", "CHECKMARK"), ("Address: 127.0.0.1", "NONE"), (f"Port: {port}", "NONE")]
        nvim = ("Editor: nvim-bpy 1.2 (pid 4242)", "LINKED")
        self.assertEqual(rows["stopped"], [("State: stopped", "RADIOBUT_OFF")])
        self.assertEqual(rows["listening"], head + [("No editor connected", "UNLINKED")])
        self.assertEqual(rows["one_editor"], head + [nvim])
        self.assertEqual(rows["two_editors"], head + [nvim, ("Editor: unnamed client", "LINKED")])
        last = ("Last: execute_code (success)", "NONE")
        self.assertEqual(rows["after_run"][:-1], head + [nvim, ("Editor: unnamed client", "LINKED"), last])
        self.assertRegex(rows["after_run"][-1][0], r"^\d+ ms, 3 s ago$")
        self.assertEqual(rows["one_left"][:-1], head + [nvim, last])
        self.assertEqual(rows["stopped_again"][:-1], [("State: stopped", "RADIOBUT_OFF"), last])
        self.assertEqual(res["bad_icons"], [])

    def test_extension_zip_installs_in_blender_4_4(self):
        res, home = self.install(bpy_python(), EXT_ZIP, EXT_MODULE)
        self.assertEqual(res["install"], ["FINISHED"])
        self.assertEqual(res["enabled"], [EXT_MODULE])
        self.assertIsNone(res["bl_info"])  # an extension is described by its manifest
        self.check_served(res, "4.4.0", "extensions/user_default/bpy_lsp_bridge", home)

    def test_legacy_zip_installs_in_blender_4_4(self):
        res, home = self.install(bpy_python(), LEGACY_ZIP, "bpy_lsp_bridge")
        # Blender's operator reports CANCELLED for a legacy zip although it installed
        # and enabled it (it hands the file to preferences.addon_install).
        self.assertEqual(res["enabled"], ["bpy_lsp_bridge"])
        self.assertEqual(res["bl_info"]["version"], [int(x) for x in VERSION.split(".")])
        self.check_served(res, "4.4.0", "scripts/addons/bpy_lsp_bridge", home)

    @unittest.skipUnless(BPY_42.exists(), f"no Blender 4.2 Python at {BPY_42}")
    def test_both_zips_install_in_blender_4_2(self):
        res, home = self.install(BPY_42, EXT_ZIP, EXT_MODULE)
        self.assertEqual(res["enabled"], [EXT_MODULE])
        self.check_served(res, "4.2.23", "extensions/user_default/bpy_lsp_bridge", home)
        res, home = self.install(BPY_42, LEGACY_ZIP, "bpy_lsp_bridge")
        self.assertEqual(res["enabled"], ["bpy_lsp_bridge"])
        self.check_served(res, "4.2.23", "scripts/addons/bpy_lsp_bridge", home)


if __name__ == "__main__":
    unittest.main()
