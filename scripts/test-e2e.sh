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
log=$(mktemp)
trap 'rm -f "$log"' EXIT
tests/e2e/nvim/run.sh 2>&1 | tee -a "$log" || rc=1
tests/e2e/vscode/run.sh 2>&1 | tee -a "$log" || rc=1
echo "e2e: $((SECONDS - start)) s in all (artifacts in target/e2e-artifacts/)"
# One closing line for both suites: the sum of their "N passed, N failed" lines.
awk '/^[0-9]+ passed, [0-9]+ failed$/ { p += $1; f += $3; n++ }
     END { if (n < 3) f += 1; printf "e2e: %d passed, %d failed\n", p, f }' "$log"
exit $rc
