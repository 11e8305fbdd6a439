// The extension's commands (palette, editor title, context menu) and how each server command
// runs: a progress notification, a clear message when the server lacks the command, and
// what to show afterwards.
import * as vscode from "vscode";
import type { Ctx } from "./extension";
import { withServerProgress } from "./progress";
import { INSTALL_COMMAND } from "./server";
import { BlenderStatus } from "./status";

export const RUN = "bpy-lsp.runInBlender";
export const RENDER = "bpy-lsp.renderPreview";
export const GENERATE = "bpy-lsp.generate";
export const REFINE = "bpy-lsp.refine";
export const START = "bpy-lsp.blender.start";
export const STOP = "bpy-lsp.blender.stop";
export const STATUS = "bpy-lsp.blender.status";
export const SERVER_COMMANDS = new Set([RUN, RENDER, GENERATE, REFINE, START, STOP, STATUS]);

const TITLES: Record<string, string> = {
  [RUN]: "Running in Blender",
  [RENDER]: "Rendering in Blender",
  [GENERATE]: "Generating asset",
  [REFINE]: "Refining with agent",
  [START]: "Starting Blender",
  [STOP]: "Stopping Blender",
  [STATUS]: "Asking for Blender's status",
};

interface RunResult {
  ok: boolean;
  duration?: number;
  error?: { type: string; message: string; line: number | null } | null;
  images?: unknown[];
  renderError?: string | null;
}

interface AgentResult {
  session?: string;
  applied: boolean;
  draft?: string;
  message?: string;
}

function uriArg(args: unknown[]): string | undefined {
  const a = args[0];
  if (typeof a === "string") return a;
  if (a && typeof a === "object" && typeof (a as { uri?: unknown }).uri === "string") return (a as { uri: string }).uri;
  return undefined;
}

/** Runs one of the server's commands with a progress notification and reports the outcome. */
export async function runServerCommand(ctx: Ctx, command: string, args: unknown[]): Promise<unknown> {
  const client = ctx.client;
  if (!client) {
    void vscode.window.showErrorMessage("bpy-lsp is not running: see the bpy-lsp output, or run “bpy-lsp: Restart server”.");
    return undefined;
  }
  if (!ctx.serverCommands().includes(command)) {
    const pick = await vscode.window.showWarningMessage(
      `bpy-lsp ${ctx.serverVersion ?? ""} does not offer ${command} yet. Update the server (${INSTALL_COMMAND}).`,
      "Show server log",
    );
    if (pick) ctx.serverLog.show();
    return undefined;
  }
  if (command === REFINE) {
    const a = (args[0] ?? {}) as { instruction?: string };
    if (!a.instruction) {
      const instruction = await vscode.window.showInputBox({
        title: "Refine selection with agent",
        prompt: "What should change? (empty: the `# refine:` comment in or above the selection)",
        placeHolder: "e.g. make the legs thinner and add a backrest",
      });
      if (instruction === undefined) return undefined;
      args = [{ ...(args[0] as object), ...(instruction.trim() ? { instruction: instruction.trim() } : {}) }];
    }
  }
  const uri = uriArg(args);
  const doc = uri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri) : undefined;
  if (doc) await ctx.gate.force(doc);
  if (command === RENDER && uri && doc) ctx.preview.requestedAt(uri, doc.version);

  const started = Date.now();
  const out = await withServerProgress<unknown>(client, TITLES[command] ?? command, command, args);
  const seconds = (Date.now() - started) / 1000;
  // A cancelled command ends with the server's RequestCancelled error: what the user asked for, not a failure.
  if (out.cancelled) {
    vscode.window.setStatusBarMessage(`${TITLES[command] ?? command}: cancelled`, 5000);
    return undefined;
  }
  if (out.error) {
    const pick = await vscode.window.showErrorMessage(`bpy-lsp: ${out.error}`, "Show server log");
    if (pick) ctx.serverLog.show();
    return undefined;
  }
  await report(ctx, command, out.result, seconds);
  // An agent's result is shown as rendered views too: when the server sent none, render it.
  const applied = (out.result as AgentResult | undefined)?.applied;
  if ((command === GENERATE || command === REFINE) && applied && uri && !ctx.preview.receivedSince(uri, started)) {
    await runServerCommand(ctx, RENDER, renderArgs(uri));
  }
  return out.result;
}

function renderArgs(uri: string): unknown[] {
  const cfg = vscode.workspace.getConfiguration("bpyLsp.render");
  const opts = { views: cfg.get("views", 4), resolution: cfg.get("resolution", 256), samples: cfg.get("samples", 16) };
  // Options in the first object (the contract) and as the second argument (older servers).
  return [{ uri, ...opts }, opts];
}

async function report(ctx: Ctx, command: string, result: unknown, seconds: number): Promise<void> {
  if (command === RUN || command === RENDER) {
    const r = result as RunResult | undefined;
    if (!r) return;
    if (r.ok && !r.renderError) {
      const what = command === RENDER ? `rendered ${r.images?.length ?? 0} view(s)` : "ran";
      vscode.window.setStatusBarMessage(`$(check) Blender: ${what} in ${seconds.toFixed(1)} s (script ${(r.duration ?? 0).toFixed(2)} s)`, 8000);
    } else {
      const what = r.error ? `${r.error.type}: ${r.error.message}${r.error.line != null ? ` (line ${r.error.line + 1})` : ""}` : `render failed: ${r.renderError}`;
      const pick = await vscode.window.showWarningMessage(`Blender: ${what}`, "Show Blender output");
      if (pick) ctx.blenderLog.show(true);
    }
  } else if (command === GENERATE || command === REFINE) {
    const r = result as AgentResult | undefined;
    if (!r) return;
    if (r.applied) {
      void vscode.window.showInformationMessage(`bpy-lsp: ${r.message || "applied"}`);
    } else {
      const actions = r.draft ? ["Open draft"] : [];
      const pick = await vscode.window.showWarningMessage(`bpy-lsp: ${r.message || "not applied"}`, ...actions);
      if (pick && r.draft) void vscode.window.showTextDocument(vscode.Uri.file(r.draft), { preview: false });
    }
  } else if (command === START || command === STOP || command === STATUS) {
    const s = result as BlenderStatus | undefined;
    if (s && typeof s === "object" && "connection" in s) ctx.status.set(s);
  }
}

function editorOrWarn(): vscode.TextEditor | undefined {
  const ed = vscode.window.activeTextEditor;
  if (!ed || ed.document.languageId !== "python") {
    void vscode.window.showWarningMessage("bpy-lsp: open a Python file first.");
    return undefined;
  }
  return ed;
}

/** The comment line the Generate command starts from: the cursor's, else the nearest above. */
export function commentLine(doc: vscode.TextDocument, line: number): number | undefined {
  for (let l = line; l >= 0 && line - l < 50; l--) {
    const text = doc.lineAt(l).text.trim();
    if (text.startsWith("#")) return l;
    if (l !== line && text !== "") break;
  }
  return undefined;
}

export function registerCommands(ctx: Ctx): vscode.Disposable[] {
  const reg = (id: string, f: (...a: unknown[]) => unknown) => vscode.commands.registerCommand(id, f);
  return [
    reg("bpyLsp.runInBlender", () => {
      const ed = editorOrWarn();
      if (ed) return runServerCommand(ctx, RUN, [{ uri: ed.document.uri.toString() }]);
    }),
    reg("bpyLsp.renderPreview", () => {
      const ed = editorOrWarn();
      if (ed) return runServerCommand(ctx, RENDER, renderArgs(ed.document.uri.toString()));
    }),
    reg("bpyLsp.generate", () => {
      const ed = editorOrWarn();
      if (!ed) return;
      const line = commentLine(ed.document, ed.selection.active.line);
      if (line === undefined) {
        void vscode.window.showWarningMessage(
          "bpy-lsp: put the cursor on a comment that describes the asset, e.g. `# a wooden chair with four legs`.",
        );
        return;
      }
      return runServerCommand(ctx, GENERATE, [{ uri: ed.document.uri.toString(), line }]);
    }),
    reg("bpyLsp.refine", () => {
      const ed = editorOrWarn();
      if (!ed) return;
      if (ed.selection.isEmpty) {
        void vscode.window.showWarningMessage("bpy-lsp: select the code to refine first.");
        return;
      }
      const s = ed.selection;
      const range = { start: { line: s.start.line, character: s.start.character }, end: { line: s.end.line, character: s.end.character } };
      return runServerCommand(ctx, REFINE, [{ uri: ed.document.uri.toString(), range }]);
    }),
    reg("bpyLsp.blender.start", () => runServerCommand(ctx, START, [])),
    reg("bpyLsp.blender.stop", () => runServerCommand(ctx, STOP, [])),
    reg("bpyLsp.showBlenderOutput", () => ctx.blenderLog.show()),
    reg("bpyLsp.showServerLog", () => ctx.serverLog.show()),
    reg("bpyLsp.restartServer", () => ctx.restart()),
    reg("bpyLsp.showPreview", () => {
      const ed = vscode.window.activeTextEditor;
      if (ed) ctx.preview.show(ed.document.uri.toString());
    }),
    reg("bpyLsp.blenderMenu", async () => {
      const items: (vscode.QuickPickItem & { id: string })[] = [
        { id: "bpyLsp.blender.start", label: "$(play) Start/Connect Blender", description: "a running GUI Blender with the add-on, else headless" },
        { id: "bpyLsp.blender.stop", label: "$(debug-stop) Stop Blender", description: "stop the headless one, detach from a GUI one" },
        { id: "bpyLsp.showBlenderOutput", label: "$(output) Show Blender output" },
        { id: "bpyLsp.showServerLog", label: "$(list-flat) Show server log" },
        { id: "bpyLsp.restartServer", label: "$(refresh) Restart server" },
      ];
      const pick = await vscode.window.showQuickPick(items, { title: "bpy-lsp: Blender" });
      if (pick) await vscode.commands.executeCommand(pick.id);
    }),
  ];
}
