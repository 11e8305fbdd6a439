"""Runs inside a real Blender (a Python with ``bpy``): installs a built zip the way
Preferences > Install from Disk does, then drives the add-on's panel data.

    python addon_install_probe.py ZIP MODULE

Prints one line ``RESULT {json}``. Used by test_install.py; set
``BLENDER_USER_RESOURCES`` to a temporary directory so the user's Blender is untouched.
"""

import json
import socket
import sys
import threading
import time

import bpy  # first: it puts Blender's script modules on sys.path
import addon_utils  # noqa: E402

zip_path, module = sys.argv[1], sys.argv[2]
out = {"blender": bpy.app.version_string}

# What both "Install from Disk..." menu entries of Preferences (Add-ons and Get Extensions) run.
out["install"] = sorted(bpy.ops.extensions.package_install_files(
    filepath=zip_path, repo="user_default", enable_on_install=True))
out["enabled"] = sorted(a.module for a in bpy.context.preferences.addons if "bpy_lsp" in a.module)
out["panel_registered"] = hasattr(bpy.types, "BPYLSP_PT_bridge")
addon = sys.modules[module]
out["file"] = addon.__file__
info = getattr(addon, "bl_info", None)  # Blender drops it for extensions: the manifest rules
out["bl_info"] = {k: list(v) if isinstance(v, tuple) else v for k, v in info.items()} if info else None
ui = sys.modules[module + ".ui"]
prefs = bpy.context.preferences.addons[module].preferences
out["prefs"] = [prefs.host, prefs.port, prefs.token, prefs.auto_start]
icons = set(bpy.types.UILayout.bl_rna.functions["label"].parameters["icon"].enum_items.keys())

rows = {"stopped": ui.panel_rows()}
b = ui.start_bridge(token="install-test-token", write_conn_file=False)
out["port"] = b.server.port
rows["listening"] = ui.panel_rows()


def tick_until(cond, limit=20.0):
    end = time.time() + limit
    while not cond() and time.time() < end:
        ui._tick()  # what bpy.app.timers does in a GUI Blender
        time.sleep(0.01)
    return cond()


class Editor:
    def __init__(self, hello_params):
        self.sock = socket.create_connection((b.server.bound_host, b.server.port), timeout=20)
        self.file = self.sock.makefile("rwb")
        self.replies = []
        self.send({"id": 1, "type": "hello", "params": dict(hello_params, token="install-test-token")})

    def send(self, msg):
        self.file.write((json.dumps(msg) + "\n").encode())
        self.file.flush()

    def close(self):
        self.file.close()  # the file holds the socket open too
        self.sock.close()

    def read(self):
        self.replies.append(json.loads(self.file.readline()))


nvim = Editor({"client": "nvim-bpy 1.2", "pid": 4242})
nvim.read()
out["hello"] = nvim.replies[0]["result"]
tick_until(lambda: len(b.server.clients()) == 1)
rows["one_editor"] = ui.panel_rows()
other = Editor({})
other.read()
tick_until(lambda: len(b.server.clients()) == 2)
rows["two_editors"] = ui.panel_rows()

reader = threading.Thread(target=nvim.read)
nvim.send({"id": 2, "type": "execute_code", "params": {"code": "import bpy; print(bpy.app.version_string)"}})
reader.start()
tick_until(lambda: not reader.is_alive())
out["run"] = nvim.replies[1]
rows["after_run"] = ui.panel_rows(now=b.last_request["time"] + 3)

other.close()
tick_until(lambda: len(b.server.clients()) == 1)
rows["one_left"] = ui.panel_rows(now=b.last_request["time"] + 3)
nvim.close()
tick_until(lambda: len(b.server.clients()) == 0)
ui.stop_bridge()
rows["stopped_again"] = ui.panel_rows(now=b.last_request["time"] + 3)
out["rows"] = rows
out["bad_icons"] = sorted({icon for rs in rows.values() for _t, icon in rs} - icons)

addon_utils.disable(module, default_set=True)
out["panel_after_disable"] = hasattr(bpy.types, "BPYLSP_PT_bridge")
print("RESULT " + json.dumps(out), flush=True)
