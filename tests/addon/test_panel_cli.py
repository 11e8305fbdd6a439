"""The panel names the editor that is connected: the real ``bpy-lsp run`` against
the add-on's GUI bridge in a real Blender; the script it runs reads the panel's rows
from inside that Blender, so they are the rows while bpy-lsp is connected.

Needs target/release/bpy-lsp (``cargo build --release``; ``$BPY_LSP_BIN`` overrides).
"""

import json
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from bridgetest import REPO, bpy_python, have_bpy  # noqa: E402

BIN = Path(os.environ.get("BPY_LSP_BIN") or REPO / "target" / "release" / "bpy-lsp")
PROBE = Path(__file__).resolve().parent / "gui_bridge_probe.py"


@unittest.skipUnless(have_bpy(), f"no Python with bpy at {bpy_python()} (set BPY_PYTHON)")
@unittest.skipUnless(BIN.exists(), f"no bpy-lsp binary at {BIN} (cargo build --release)")
class PanelShowsBpyLspTest(unittest.TestCase):
    def test_panel_rows_name_the_connected_bpy_lsp(self):
        tmp = Path(tempfile.mkdtemp(prefix="bpy-lsp-test-panel-"))
        stop = tmp / "stop"
        env = dict(os.environ, BPY_LSP_STATE_DIR=str(tmp / "state"), XDG_CACHE_HOME=str(tmp / "cache"),
                   BLENDER_USER_RESOURCES=str(tmp / "blender"))
        env.pop("BPY_LSP_TOKEN", None)
        blender = subprocess.Popen([bpy_python(), str(PROBE), str(REPO / "editors" / "blender"), "panel-token",
                                    str(stop)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
                                   text=True)
        try:
            line = blender.stdout.readline()
            self.assertTrue(line.startswith("LISTENING "), line)
            port = int(line.split()[1])
            script = tmp / "rows.py"
            script.write_text("import json, sys\n"
                              "ui = sys.modules['bpy_lsp_bridge.ui']\n"
                              "print('ROWS ' + json.dumps(ui.panel_rows()))\n")
            run = subprocess.Popen([str(BIN), "run", str(script), "--blender-address", f"127.0.0.1:{port}",
                                    "--token", "panel-token"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True, env=env)
            out, err = run.communicate(timeout=60)
            self.assertEqual(run.returncode, 0, out + err)
            rows_line = next(x for x in out.splitlines() if x.startswith("ROWS "))
            rows = [tuple(r) for r in json.loads(rows_line[len("ROWS "):])]
            self.assertEqual(rows[:3], [("State: listening", "CHECKMARK"), ("Address: 127.0.0.1", "NONE"),
                                        (f"Port: {port}", "NONE")])
            editors = [r for r in rows if r[0].startswith("Editor: ")]
            self.assertEqual(len(editors), 1, rows)
            version = subprocess.run([str(BIN), "--version"], capture_output=True, text=True).stdout.split()[-1]
            self.assertEqual(editors[0][0], f"Editor: bpy-lsp {version} (pid {run.pid})")
            self.assertEqual(editors[0][1], "LINKED")
        finally:
            stop.touch()
            try:
                blender.wait(20)
            except subprocess.TimeoutExpired:
                blender.kill()
                blender.wait()
            blender.stdout.close()


if __name__ == "__main__":
    unittest.main()
