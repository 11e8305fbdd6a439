"""Runs inside a real Blender (a Python with ``bpy``): the add-on enabled from the
source tree and its GUI bridge started, serving until ``STOP_FILE`` exists.

    python gui_bridge_probe.py ADDON_PARENT_DIR TOKEN STOP_FILE

Prints ``LISTENING <port>`` when it listens. ``bpy.app.timers`` does not run in
the pip bpy module, so this loop calls the add-on's timer function the way
Blender's event loop would. Used by test_panel_cli.py.
"""

import os
import sys
import time

import bpy  # noqa: F401  first: it puts Blender's script modules on sys.path

import addon_utils  # noqa: E402

sys.path.insert(0, sys.argv[1])
token, stop_file = sys.argv[2], sys.argv[3]
assert addon_utils.enable("bpy_lsp_bridge", default_set=True, handle_error=None) is not None
from bpy_lsp_bridge import ui  # noqa: E402

b = ui.start_bridge(token=token, write_conn_file=False)
print(f"LISTENING {b.server.port}", flush=True)
end = time.time() + 120
while not os.path.exists(stop_file) and time.time() < end:
    ui._tick()
    time.sleep(0.01)
ui.stop_bridge()
addon_utils.disable("bpy_lsp_bridge", default_set=True)
