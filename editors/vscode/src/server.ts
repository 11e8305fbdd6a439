// Finding the bpy-lsp binary: the setting, the binary shipped in the extension, PATH,
// ~/.cargo/bin — each candidate is checked by running `bpy-lsp --version`.
import { execFile } from "child_process";
import * as os from "os";
import * as path from "path";

export interface Candidate {
  /** Where it came from, for the log: "setting", "bundled", "PATH", "cargo". */
  source: string;
  command: string;
}

export interface Found extends Candidate {
  version: string;
}

/** How to install the server; shown when none is found. */
export const INSTALL_COMMAND = "cargo install --path . (in a clone of bpy-lsp; it puts bpy-lsp in ~/.cargo/bin)";

export function expandHome(p: string): string {
  if (p === "~") return os.homedir();
  if (p.startsWith("~/") || p.startsWith("~\\")) return path.join(os.homedir(), p.slice(2));
  return p;
}

/** The candidates in the order they are tried. */
export function candidates(setting: string, extensionDir: string, env: NodeJS.ProcessEnv = process.env): Candidate[] {
  const exe = process.platform === "win32" ? "bpy-lsp.exe" : "bpy-lsp";
  const list: Candidate[] = [];
  if (setting.trim()) list.push({ source: "setting bpyLsp.server.path", command: expandHome(setting.trim()) });
  list.push({ source: "bundled", command: path.join(extensionDir, "server", exe) });
  list.push({ source: "PATH", command: exe });
  const home = env.HOME || env.USERPROFILE || os.homedir();
  list.push({ source: "~/.cargo/bin", command: path.join(env.CARGO_HOME || path.join(home, ".cargo"), "bin", exe) });
  return list;
}

/** `bpy-lsp --version` → "0.1.0", or why it did not work. */
export function probe(command: string, timeoutMs = 10000): Promise<{ version?: string; error?: string }> {
  return new Promise((resolve) => {
    execFile(command, ["--version"], { timeout: timeoutMs }, (err, stdout) => {
      if (err) {
        resolve({ error: (err as NodeJS.ErrnoException).code === "ENOENT" ? "not found" : err.message });
        return;
      }
      const m = /bpy-lsp\s+(\S+)/.exec(stdout);
      resolve(m ? { version: m[1] } : { error: `unexpected --version output: ${stdout.trim().slice(0, 80)}` });
    });
  });
}

/** The first candidate that answers `--version`, and what each one tried said. */
export async function discover(list: Candidate[]): Promise<{ found?: Found; tried: string[] }> {
  const tried: string[] = [];
  for (const c of list) {
    const r = await probe(c.command);
    if (r.version) return { found: { ...c, version: r.version }, tried };
    tried.push(`${c.source} (${c.command}): ${r.error}`);
  }
  return { tried };
}
