# SPDX-License-Identifier: GPL-3.0-or-later
"""GUI side: preferences, Start/Stop operators, the sidebar panel and the queue timer."""

import json
import time

import bpy
from bpy.props import BoolProperty, IntProperty, StringProperty

from .bridge import Bridge
from .server import is_loopback, log

ADDON_ID = __package__  # "bpy_lsp_bridge" or "bl_ext.<repo>.bpy_lsp_bridge"
TICK = 0.05

_bridge = None  # the running (or last) Bridge
_last_error = ""
_last_signature = None


def get_bridge():
    return _bridge


def _prefs():
    addon = bpy.context.preferences.addons.get(ADDON_ID)
    return addon.preferences if addon else None


def _redraw() -> None:
    wm = bpy.context.window_manager
    if wm is None:
        return
    for window in wm.windows:
        screen = window.screen
        if screen is None:
            continue
        for area in screen.areas:
            if area.type == "VIEW_3D":
                area.tag_redraw()


def _tick():
    """Drain the request queue on the main thread (bpy.app.timers)."""
    global _last_signature
    b = _bridge
    if b is None:
        return None
    if b.running:
        b.process_pending()
    sig = (b.running, b.server.version, b.requests_handled)
    if sig != _last_signature:
        _last_signature = sig
        _redraw()
    if not b.running:
        return None
    return 0.0 if not b.server.requests.empty() else TICK


def start_bridge(host=None, port=None, token=None, write_conn_file=True):
    """Start the GUI bridge (idempotent). Returns the Bridge."""
    global _bridge, _last_error
    if _bridge is not None and _bridge.running:
        return _bridge
    prefs = _prefs()
    if host is None:
        host = prefs.host if prefs else "127.0.0.1"
    if port is None:
        port = prefs.port if prefs else 0
    if token is None and prefs is not None and prefs.token:
        token = prefs.token
    b = Bridge(host=host or "127.0.0.1", port=port, token=token or None, mode="gui",
               write_conn_file=write_conn_file)
    try:
        b.start()
    except OSError as exc:
        _last_error = f"cannot listen on {host}:{port}: {exc}"
        log(_last_error, always=True)
        raise
    _last_error = ""
    _bridge = b
    if not bpy.app.timers.is_registered(_tick):
        bpy.app.timers.register(_tick, first_interval=TICK, persistent=True)
    _redraw()
    return b


def stop_bridge() -> None:
    b = _bridge
    if b is not None:
        b.stop()
    if bpy.app.timers.is_registered(_tick):
        bpy.app.timers.unregister(_tick)
    _redraw()


class BPYLSP_AddonPreferences(bpy.types.AddonPreferences):
    bl_idname = ADDON_ID

    host: StringProperty(
        name="Host", default="127.0.0.1",
        description="Address to listen on. Anything but 127.0.0.1/::1 lets other machines run code "
                    "in this Blender (with the token)")
    port: IntProperty(name="Port", default=0, min=0, max=65535,
                      description="TCP port, 0 picks a free one (bpy-lsp finds it in the connection file)")
    token: StringProperty(name="Token", default="", subtype="PASSWORD",
                          description="Fixed auth token; empty = a new random token at each start")
    auto_start: BoolProperty(name="Start automatically", default=False,
                             description="Start the bridge when the add-on is enabled or Blender starts")

    def draw(self, context):
        layout = self.layout
        col = layout.column()
        col.prop(self, "host")
        if self.host and not is_loopback(self.host):
            col.label(text="Non-loopback address: other machines can connect", icon="ERROR")
        col.prop(self, "port")
        col.prop(self, "token")
        col.prop(self, "auto_start")


class BPYLSP_OT_start(bpy.types.Operator):
    bl_idname = "bpy_lsp.start_bridge"
    bl_label = "Start"
    bl_description = "Start the bpy-lsp bridge server"

    def execute(self, context):
        try:
            b = start_bridge()
        except OSError as exc:
            self.report({"ERROR"}, f"bpy-lsp bridge: {exc}")
            return {"CANCELLED"}
        self.report({"INFO"}, f"bpy-lsp bridge on {b.server.bound_host}:{b.server.port}")
        return {"FINISHED"}


class BPYLSP_OT_stop(bpy.types.Operator):
    bl_idname = "bpy_lsp.stop_bridge"
    bl_label = "Stop"
    bl_description = "Stop the bpy-lsp bridge server"

    def execute(self, context):
        stop_bridge()
        return {"FINISHED"}


class BPYLSP_OT_copy_connection(bpy.types.Operator):
    bl_idname = "bpy_lsp.copy_connection"
    bl_label = "Copy Connection"
    bl_description = "Copy host, port and token (JSON) to the clipboard"

    @classmethod
    def poll(cls, context):
        return _bridge is not None and _bridge.running

    def execute(self, context):
        context.window_manager.clipboard = json.dumps(_bridge.connection_info())
        self.report({"INFO"}, "Connection info copied")
        return {"FINISHED"}


def describe_client(info: dict) -> str:
    """One connected editor as the panel names it: ``bpy-lsp 0.1.0 (pid 4242)``."""
    name = info.get("client") or "unnamed client"
    pid = info.get("pid")
    return f"{name} (pid {pid})" if pid else name


def panel_rows(bridge=None, last_error: str | None = None, now: float | None = None) -> list[tuple[str, str]]:
    """What the sidebar panel shows, as ``(text, icon)`` label rows.

    Computed apart from :meth:`BPYLSP_PT_bridge.draw` so that the values can be
    checked in a headless Blender, where nothing is drawn."""
    b = _bridge if bridge is None else bridge
    error = _last_error if last_error is None else last_error
    now = time.time() if now is None else now
    running = b is not None and b.running
    rows = [("State: listening" if running else "State: stopped", "CHECKMARK" if running else "RADIOBUT_OFF")]
    if error:
        rows.append((error, "ERROR"))
    if running:
        server = b.server
        rows.append((f"Address: {server.bound_host}", "NONE"))
        rows.append((f"Port: {server.port}", "NONE"))
        if not is_loopback(server.bound_host):
            rows.append(("Listening on a non-loopback address", "ERROR"))
        clients = server.clients()
        if not clients:
            rows.append(("No editor connected", "UNLINKED"))
        for info in clients:
            rows.append((f"Editor: {describe_client(info)}", "LINKED"))
    if b is not None and b.last_request:
        lr = b.last_request
        ago = max(0, int(now - lr["time"]))
        rows.append((f"Last: {lr['type']} ({lr['status']})", "NONE"))
        rows.append((f"{lr['duration'] * 1000:.0f} ms, {ago} s ago", "TIME"))
    return rows


class BPYLSP_PT_bridge(bpy.types.Panel):
    bl_space_type = "VIEW_3D"
    bl_region_type = "UI"
    bl_category = "bpy-lsp"
    bl_label = "bpy-lsp Bridge"

    def draw(self, context):
        layout = self.layout
        running = _bridge is not None and _bridge.running
        row = layout.row(align=True)
        row.operator(BPYLSP_OT_start.bl_idname, icon="PLAY")
        row.operator(BPYLSP_OT_stop.bl_idname, icon="PAUSE")
        col = layout.column(align=True)
        for text, icon in panel_rows():
            col.label(text=text, icon=icon)
        if running:
            layout.operator(BPYLSP_OT_copy_connection.bl_idname, icon="COPYDOWN")


CLASSES = (BPYLSP_AddonPreferences, BPYLSP_OT_start, BPYLSP_OT_stop, BPYLSP_OT_copy_connection,
           BPYLSP_PT_bridge)


def _auto_start():
    prefs = _prefs()
    if prefs is not None and prefs.auto_start and not bpy.app.background:
        try:
            start_bridge()
        except OSError:
            pass
    return None


def register():
    for cls in CLASSES:
        bpy.utils.register_class(cls)
    if not bpy.app.timers.is_registered(_auto_start):
        bpy.app.timers.register(_auto_start, first_interval=0.5)


def unregister():
    global _bridge
    if bpy.app.timers.is_registered(_auto_start):
        bpy.app.timers.unregister(_auto_start)
    stop_bridge()
    _bridge = None
    for cls in reversed(CLASSES):
        bpy.utils.unregister_class(cls)
