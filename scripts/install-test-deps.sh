#!/usr/bin/env bash
# Installs what the tests need that cargo does not: Blender as a Python module from pip
# (needs Python 3.11 and numpy 1.x):
#   .venv               bpy 4.4.0  (~370 MB): the Blender of almost every test
#   .venv-blender-4.2   bpy 4.2.23 (~350 MB): a connected Blender of another version, whose
#                       version the server must target (tests/target_version.rs)
# Idempotent: a venv that already imports the right bpy is left as it is.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

python=""
for candidate in python3.11 "$HOME/.pyenv/versions/3.11"*/bin/python3.11; do
    if command -v "$candidate" >/dev/null 2>&1; then python=$candidate; break; fi
done

# install_bpy VENV VERSION: pip's bpy==VERSION (and numpy 1.x) in VENV.
install_bpy() {
    local venv=$1 version=$2
    local major_minor=${version%.*}
    if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import bpy, sys; sys.exit('%d.%d' % bpy.app.version[:2] != '$major_minor')" 2>/dev/null; then
        echo "install-test-deps: Blender $("$venv/bin/python" -c 'import bpy; print(bpy.app.version_string)' 2>/dev/null) found in ${venv#"$root"/}"
        return
    fi
    if [ -z "$python" ]; then
        echo "install-test-deps: Python 3.11 is needed for pip's bpy wheels (try: apt-get install python3.11 python3.11-venv)" >&2
        exit 1
    fi
    echo "install-test-deps: installing bpy==$version into ${venv#"$root"/} (about 370 MB)"
    rm -rf "$venv"
    "$python" -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "bpy==$version" 'numpy<2'
    "$venv/bin/python" -c 'import bpy; print("install-test-deps: Blender", bpy.app.version_string, "installed")'
}

install_bpy "$root/.venv" 4.4.0
install_bpy "$root/.venv-blender-4.2" 4.2.23
# The official LLM SDKs, which check the scripted LLM endpoints of the tests (tests/llm_sdk_check.rs).
"$root/.venv/bin/python" -c 'import openai, anthropic' 2>/dev/null || "$root/.venv/bin/pip" install --quiet --disable-pip-version-check openai anthropic
