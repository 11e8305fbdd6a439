#!/usr/bin/env bash
# Runs the VS Code end-to-end test: code-server + headless Chromium (.e2e/, installed by
# scripts/install-e2e-deps.sh) against the real server (target/release/bpy-lsp) and a real
# headless Blender (the bpy venv in .venv). The test kills what it started; this trap is the
# backstop for the process group of the test itself.
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
[ -x "$root/.e2e/bin/code-server" ] || { echo "no code-server in .e2e: run scripts/install-e2e-deps.sh" >&2; exit 1; }
[ -x "$root/target/release/bpy-lsp" ] || { echo "build the server first: cargo build --release" >&2; exit 1; }
[ -x "$root/.venv/bin/python" ] || { echo "no bpy venv in .venv: run scripts/install-test-deps.sh" >&2; exit 1; }
echo "== vscode: unit tests of the extension (server discovery, served files)"
(cd "$root/editors/vscode" && PATH="$root/.e2e/bin:$PATH" npm run --silent typecheck && PATH="$root/.e2e/bin:$PATH" npm test --silent)
echo "== vscode: code-server + Chromium"
start=$SECONDS
pid=""
# Under set -e a failing kill in the trap (the group already gone) would turn exit 0 into 1.
trap 'if [ -n "$pid" ]; then kill -TERM -- "-$pid" 2>/dev/null || true; fi' EXIT INT TERM
setsid "$root/.e2e/bin/node" "$root/tests/e2e/vscode/test_extension.mjs" < /dev/null &
pid=$!
rc=0
wait "$pid" || rc=$?
echo "vscode e2e: $((SECONDS - start)) s (test exit status $rc)"
exit $rc
