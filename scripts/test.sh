#!/usr/bin/env bash
# Runs all tests: unit and end-to-end tests of the server (the real binary over stdio),
# the Blender add-on's tests and the example library, both in a real Blender 4.4, and the
# editor integrations end to end in a real Neovim and a real VS Code (code-server).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

"$root/scripts/install-test-deps.sh"
export BPY_PYTHON="$root/.venv/bin/python"

echo "== cargo test"
cargo test --release

echo "== Blender add-on (tests/addon)"
"$BPY_PYTHON" -m unittest discover -s tests/addon

echo "== broken-script corpus: Blender's real errors, and bpy-lsp check's catch rate (tests/lint_corpus)"
BPY_LSP_BIN="$root/target/release/bpy-lsp" "$BPY_PYTHON" -m unittest discover -s tests/lint_corpus

echo "== example library in Blender (rag_data/examples, rag_data/assets)"
"$BPY_PYTHON" tests/blender/run_rag_scripts.py

echo "== editors end to end (Neovim, VS Code in code-server; installs them under .e2e/)"
"$root/scripts/test-e2e.sh"
