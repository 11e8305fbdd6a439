#!/usr/bin/env bash
# Installs what the tests need that cargo does not: Blender 4.4 as a Python module
# (pip `bpy==4.4.0`, ~370 MB, needs Python 3.11 and numpy 1.x) in .venv at the repo root.
# Idempotent: does nothing when .venv already imports bpy 4.4.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
venv="$root/.venv"

if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import bpy, sys; sys.exit(bpy.app.version[:2] != (4, 4))' 2>/dev/null; then
    echo "install-test-deps: Blender $("$venv/bin/python" -c 'import bpy; print(bpy.app.version_string)' 2>/dev/null) found in .venv"
    exit 0
fi

python=""
for candidate in python3.11 "$HOME/.pyenv/versions/3.11"*/bin/python3.11; do
    if command -v "$candidate" >/dev/null 2>&1; then python=$candidate; break; fi
done
if [ -z "$python" ]; then
    echo "install-test-deps: Python 3.11 is needed for pip's bpy 4.4 wheel (try: apt-get install python3.11 python3.11-venv)" >&2
    exit 1
fi

echo "install-test-deps: installing bpy==4.4.0 into .venv (about 370 MB)"
rm -rf "$venv"
"$python" -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check 'bpy==4.4.0' 'numpy<2'
"$venv/bin/python" -c 'import bpy; print("install-test-deps: Blender", bpy.app.version_string, "installed")'
