# SPDX-License-Identifier: GPL-3.0-or-later
"""Start a headless bpy-lsp bridge.

    blender -b --factory-startup --python editors/blender/serve.py -- --port 0 [--token T]
    python editors/blender/serve.py --port 0 [--token T]      # a Python with the bpy module

Prints one line ``BPY_LSP_READY {json}`` to stdout when it listens. See
``--help`` and docs/protocol.md.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from bpy_lsp_bridge.headless import main  # noqa: E402

main()
