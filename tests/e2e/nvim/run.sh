#!/usr/bin/env bash
# Runs the Neovim end-to-end tests in a real headless Neovim (.e2e/bin/nvim) against the real
# server (target/release/bpy-lsp) and a real headless Blender (the bpy venv in .venv).
# Everything they start runs in one process group, killed at the end whatever happens.
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
NVIM=${NVIM:-$root/.e2e/bin/nvim}
[ -x "$NVIM" ] || { echo "no Neovim at $NVIM: run scripts/install-e2e-deps.sh" >&2; exit 1; }
[ -x "$root/target/release/bpy-lsp" ] || { echo "build the server first: cargo build --release" >&2; exit 1; }
artifacts="$root/target/e2e-artifacts/nvim"
rm -rf "$artifacts"; mkdir -p "$artifacts"
tmp=$(mktemp -d)
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill -TERM -- "-$pid" 2>/dev/null || true; sleep 0.5; kill -KILL -- "-$pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

run() {  # run NAME LUAFILE: one headless Neovim, isolated state, in its own process group
  local name=$1 file=$2 work="$tmp/$1"
  mkdir -p "$work"/{home,state,cache,data,config}
  echo "== nvim: $name"
  local start=$SECONDS
  env HOME="$work/home" XDG_STATE_HOME="$work/state" XDG_CACHE_HOME="$work/cache" XDG_DATA_HOME="$work/data" \
    XDG_CONFIG_HOME="$work/config" BPY_LSP_STATE_DIR="$work/bpy-lsp-state" \
    PATH="$root/target/release:$PATH" BPY_LSP_BLENDER_PYTHON="$root/.venv/bin/python" \
    BPY_LSP_REPO="$root" E2E_WORK="$work" E2E_ARTIFACTS="$artifacts" BPY_LSP_E2E_KEY="sk-e2e-secret-$RANDOM$RANDOM" \
    setsid "$NVIM" --headless --clean --cmd "set rtp^=$root/editors/neovim" -c "luafile $file" \
    > >(tee "$artifacts/$name.log") 2>&1 < /dev/null &
  pid=$!
  local rc=0
  wait "$pid" || rc=$?
  kill -TERM -- "-$pid" 2>/dev/null || true
  pid=""
  echo "   ($name: $((SECONDS - start)) s)"
  return $rc
}

start=$SECONDS
rc=0
run lsp "$root/tests/e2e/nvim/test_bpy_lsp.lua" || rc=1
run setup "$root/tests/e2e/nvim/test_setup.lua" || rc=1
echo "nvim e2e: $((SECONDS - start)) s"
exit $rc
