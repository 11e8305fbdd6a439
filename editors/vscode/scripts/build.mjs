// Builds the extension: esbuild bundles src/ into dist/extension.js; with --package it also
// packs dist/bpy-lsp.vsix with vsce. `--server PATH` (or $BPY_LSP_SERVER_BIN) ships that
// bpy-lsp binary inside the .vsix as server/bpy-lsp (the second place the extension looks).
// Usage: node scripts/build.mjs [--package] [--server PATH] [--out FILE]
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { copyFileSync, chmodSync, mkdirSync, rmSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const pack = args.includes("--package");

await build({
  entryPoints: [join(here, "src/extension.ts")],
  bundle: true,
  outfile: join(here, "dist/extension.js"),
  external: ["vscode"],
  format: "cjs",
  platform: "node",
  target: "node18",
  sourcemap: pack ? false : "linked",
  minify: pack,
  logLevel: "warning",
});
console.log("built dist/extension.js");

if (pack) {
  const server = opt("--server") ?? process.env.BPY_LSP_SERVER_BIN;
  const serverDir = join(here, "server");
  rmSync(serverDir, { recursive: true, force: true });
  if (server) {
    if (!existsSync(server)) throw new Error(`--server ${server}: no such file`);
    mkdirSync(serverDir, { recursive: true });
    copyFileSync(server, join(serverDir, "bpy-lsp"));
    chmodSync(join(serverDir, "bpy-lsp"), 0o755);
    console.log(`shipping ${server} as server/bpy-lsp`);
  }
  const out = resolve(opt("--out") ?? join(here, "dist/bpy-lsp.vsix"));
  const vsce = join(here, "node_modules/@vscode/vsce/vsce");
  execFileSync(process.execPath, [vsce, "package", "--no-dependencies", "--allow-missing-repository", "-o", out], {
    cwd: here,
    stdio: "inherit",
  });
}
