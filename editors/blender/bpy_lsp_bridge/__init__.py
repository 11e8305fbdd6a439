# SPDX-License-Identifier: GPL-3.0-or-later
"""bpy-lsp bridge: lets the bpy-lsp language server run code in this Blender.

A TCP server (127.0.0.1, token-authenticated, one JSON object per line) that runs
requests on Blender's main thread. Protocol: docs/protocol.md in the bpy-lsp
repository. Headless use: ``editors/blender/serve.py``.

Installs as a legacy add-on (``bl_info``) or as an extension
(``blender_manifest.toml``).
"""

bl_info = {
    "name": "bpy-lsp Bridge",
    "author": "bpy-lsp contributors",
    "version": (0, 1, 0),
    "blender": (4, 2, 0),
    "location": "View3D > Sidebar > bpy-lsp",
    "description": "Serve the bpy-lsp bridge: run code, scene info and previews for the bpy-lsp language server",
    "category": "Development",
    "doc_url": "",
    "tracker_url": "",
}


def register():
    from . import ui

    ui.register()


def unregister():
    from . import ui

    ui.unregister()
