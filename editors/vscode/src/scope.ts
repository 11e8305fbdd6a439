// Which Python files bpy-lsp serves (`bpyLsp.files`): files that import bpy/bmesh/mathutils,
// and files in a Blender project folder (blender_manifest.toml, bpy-lsp.toml, or an add-on
// __init__.py with bl_info). The rest is left to the general Python server.
import { promises as fs } from "fs";
import * as path from "path";

export type Files = "blender" | "imports" | "all";

const IMPORT = /^\s*(?:import\s+(?:bpy|bmesh|mathutils)\b|from\s+(?:bpy|bmesh|mathutils)(?:\.\w+)*\s+import\b)/m;
const MARKERS = ["blender_manifest.toml", "bpy-lsp.toml"];
/** How far up from a file a project marker is looked for. */
const MAX_DEPTH = 12;

export function importsBlender(text: string): boolean {
  return IMPORT.test(text);
}

/** Folders known to be (or not be) inside a Blender project; cleared on file changes. */
export class ProjectFolders {
  private cache = new Map<string, Promise<boolean>>();

  clear(): void {
    this.cache.clear();
  }

  /** Whether `dir` or one of its parents (up to `stop`, if given) marks a Blender project. */
  async contains(dir: string, stop?: string): Promise<boolean> {
    for (let depth = 0, d = dir; depth < MAX_DEPTH; depth++) {
      if (await this.marks(d)) return true;
      const parent = path.dirname(d);
      if (parent === d || (stop && d === stop)) return false;
      d = parent;
    }
    return false;
  }

  private marks(dir: string): Promise<boolean> {
    let p = this.cache.get(dir);
    if (!p) {
      p = markedFolder(dir);
      this.cache.set(dir, p);
    }
    return p;
  }
}

async function markedFolder(dir: string): Promise<boolean> {
  for (const m of MARKERS) {
    if (await exists(path.join(dir, m))) return true;
  }
  try {
    const fh = await fs.open(path.join(dir, "__init__.py"), "r");
    try {
      // bl_info sits at the top of an add-on; the first 64 KiB is plenty.
      const buf = Buffer.alloc(65536);
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      return /^bl_info\s*=/m.test(buf.subarray(0, bytesRead).toString("utf8"));
    } finally {
      await fh.close();
    }
  } catch {
    return false;
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.access(p);
    return true;
  } catch {
    return false;
  }
}

/** Whether a document (its file path, if on disk, and text) is served under `files`. */
export async function served(
  files: Files,
  text: string,
  filePath: string | undefined,
  folders: ProjectFolders,
  workspaceRoot?: string,
): Promise<boolean> {
  if (files === "all") return true;
  if (importsBlender(text)) return true;
  if (files === "imports" || !filePath) return false;
  return folders.contains(path.dirname(filePath), workspaceRoot);
}
