# SPDX-License-Identifier: GPL-3.0-or-later
"""``python -m bpy_lsp_bridge ARGS`` (with editors/blender on sys.path)."""

from .headless import main

main()
