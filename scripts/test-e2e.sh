#!/usr/bin/env bash
# End-to-end tests of the editor integrations in real editors: Neovim (headless) and VS Code
# (code-server in headless Chromium), each against the real server and a real headless Blender.
# Installs what they need first (scripts/install-test-deps.sh for the bpy venv,
# scripts/install-e2e-deps.sh for the editors, under .e2e/) and builds the server.
# Screenshots and logs: target/e2e-artifacts/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
[ -x .venv/bin/python ] || ./scripts/install-test-deps.sh
./scripts/install-e2e-deps.sh
[ -x target/release/bpy-lsp ] && [ -z "$(find src rag_data build.rs Cargo.toml Cargo.lock -newer target/release/bpy-lsp -print -quit)" ] ||
  cargo build --release
start=$SECONDS
rc=0
tests/e2e/nvim/run.sh || rc=1
tests/e2e/vscode/run.sh || rc=1
echo "e2e: $((SECONDS - start)) s in all (artifacts in target/e2e-artifacts/)"
exit $rc
