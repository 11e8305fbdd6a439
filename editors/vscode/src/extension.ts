// bpy-lsp for VS Code: starts the bpy-lsp language server for Blender Python files and gives
// its commands (Run in Blender, Render preview, Generate, Refine, the Blender connection) a
// place in the editor, with progress notifications, a status item and a preview panel.
import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, RevealOutputChannelOn, ServerOptions, State } from "vscode-languageclient/node";
import { registerCommands, SERVER_COMMANDS, runServerCommand } from "./commands";
import { Gate } from "./gate";
import { TeeChannel } from "./output";
import { PreviewPanel, PreviewParams } from "./preview";
import { Files } from "./scope";
import { INSTALL_COMMAND, candidates, discover } from "./server";
import { BlenderStatus, StatusItem } from "./status";

/** Settings whose change needs a new server process. */
const RESTART_ON = ["bpyLsp.server", "bpyLsp.files", "bpyLsp.rag.enabled"];

export class Ctx implements vscode.Disposable {
  client?: LanguageClient;
  serverVersion?: string;
  readonly serverLog = vscode.window.createOutputChannel("bpy-lsp");
  readonly blenderLog = vscode.window.createOutputChannel("bpy-lsp: Blender");
  readonly trace = vscode.window.createOutputChannel("bpy-lsp trace");
  readonly preview = new PreviewPanel();
  readonly status = new StatusItem();
  readonly gate: Gate;
  private readonly subs: vscode.Disposable[] = [];

  constructor(readonly ext: vscode.ExtensionContext) {
    this.gate = new Gate(
      () => vscode.workspace.getConfiguration("bpyLsp").get<Files>("files", "blender"),
      () => this.updateEditorState(),
    );
    this.subs.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.updateEditorState()),
      vscode.window.onDidChangeVisibleTextEditors(() => this.updateEditorState()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (RESTART_ON.some((s) => e.affectsConfiguration(s))) void this.restart();
      }),
      vscode.workspace.onDidCreateFiles(() => this.gate.folders.clear()),
      vscode.workspace.onDidDeleteFiles(() => this.gate.folders.clear()),
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (/(__init__\.py|blender_manifest\.toml|bpy-lsp\.toml)$/.test(d.uri.path)) this.gate.folders.clear();
      }),
    );
  }

  /** The commands the running server offers (executeCommandProvider). */
  serverCommands(): string[] {
    return this.client?.initializeResult?.capabilities.executeCommandProvider?.commands ?? [];
  }

  updateEditorState(): void {
    const ed = vscode.window.activeTextEditor;
    const served = !!ed && this.gate.isServed(ed.document.uri);
    void vscode.commands.executeCommand("setContext", "bpyLsp.served", served);
    // Visible while a Python editor is (focus may be in a panel or the preview).
    this.status.show(vscode.window.visibleTextEditors.some((e) => e.document.languageId === "python"));
  }

  async start(): Promise<void> {
    const cfg = vscode.workspace.getConfiguration("bpyLsp");
    this.status.setServer("starting");
    const { found, tried } = await discover(candidates(cfg.get("server.path", ""), this.ext.extensionPath));
    if (!found) {
      this.status.setServer("missing");
      this.serverLog.appendLine(`bpy-lsp not found. Tried:\n  ${tried.join("\n  ")}`);
      const open = "Open setting";
      const pick = await vscode.window.showErrorMessage(
        `bpy-lsp: the language server was not found. Install it with ${INSTALL_COMMAND}, or set bpyLsp.server.path.`,
        open,
        "Show log",
      );
      if (pick === open) await openSetting("bpyLsp.server.path");
      if (pick === "Show log") this.serverLog.show();
      return;
    }
    if (tried.length > 0 && cfg.get<string>("server.path", "").trim()) {
      void vscode.window.showWarningMessage(`bpy-lsp: bpyLsp.server.path does not work (${tried[0]}); using ${found.command}.`);
    }
    this.serverVersion = found.version;
    this.serverLog.appendLine(`Using bpy-lsp ${found.version}: ${found.command} (${found.source})`);

    const env = { ...process.env };
    if (!cfg.get<boolean>("rag.enabled", true)) env.BPY_LSP_RAG = "off";
    const serverOptions: ServerOptions = {
      command: found.command,
      args: ["serve", ...cfg.get<string[]>("server.extraArgs", [])],
      options: { env },
    };
    const tee = new TeeChannel(this.serverLog, this.blenderLog, (line) => {
      const m = /ready, Blender \S+ API \(target (\S+) from ([^)]+)\)/.exec(line);
      if (m) this.status.setTarget(m[1], m[2]);
    });
    const gate = this.gate.middleware();
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: "file", language: "python" },
        { scheme: "untitled", language: "python" },
      ],
      synchronize: { configurationSection: "bpyLsp" },
      initializationOptions: { bpyLsp: settingsObject() },
      outputChannel: tee,
      traceOutputChannel: this.trace,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      middleware: {
        ...gate,
        // Code lenses and code actions name the server's commands: run them like ours.
        executeCommand: (command, args, next) =>
          SERVER_COMMANDS.has(command) ? runServerCommand(this, command, args) : next(command, args),
      },
    };
    this.gate.reset();
    const client = new LanguageClient("bpyLsp", "bpy-lsp", serverOptions, clientOptions);
    this.gate.client = client;
    this.client = client;
    client.onDidChangeState((e) => {
      if (e.newState === State.Running) this.status.setServer("running");
      if (e.newState === State.Stopped) this.status.setServer("stopped");
    });
    try {
      await client.start();
    } catch (e) {
      this.status.setServer("stopped");
      void vscode.window.showErrorMessage(`bpy-lsp: the server did not start: ${e instanceof Error ? e.message : e}`);
      return;
    }
    client.onNotification("bpy/preview", (p: PreviewParams) => {
      const open = vscode.workspace.getConfiguration("bpyLsp").get("preview.openOnRender", true);
      this.preview.receive(p, open);
    });
    client.onNotification("bpy/status", (s: BlenderStatus) => this.status.set(s));
    if (this.serverCommands().includes("bpy-lsp.blender.status")) {
      client.sendRequest("workspace/executeCommand", { command: "bpy-lsp.blender.status", arguments: [] }).then(
        (s) => s && this.status.set(s as BlenderStatus),
        () => undefined,
      );
    } else {
      this.status.setUnsupported();
    }
    this.updateEditorState();
  }

  async stop(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    this.gate.client = undefined;
    if (c) await c.stop(5000).catch(() => undefined);
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  dispose(): void {
    this.subs.forEach((s) => s.dispose());
    this.preview.dispose();
    this.status.dispose();
  }
}

/** The settings UI at `id`; in a remote window (SSH, code-server) on the remote machine's tab,
 * where machine-scoped settings such as paths live. */
export async function openSetting(id: string): Promise<void> {
  if (vscode.env.remoteName) {
    try {
      await vscode.commands.executeCommand("workbench.action.openRemoteSettings", { query: id });
      return;
    } catch {
      // An older VS Code without the query argument: the user tab below.
    }
  }
  await vscode.commands.executeCommand("workbench.action.openSettings", id);
}

/** `bpyLsp.*` as one object (the server reads the same keys as bpy-lsp.toml). */
function settingsObject(): unknown {
  return JSON.parse(JSON.stringify(vscode.workspace.getConfiguration("bpyLsp")));
}

let ctx: Ctx | undefined;

export async function activate(ext: vscode.ExtensionContext): Promise<void> {
  ctx = new Ctx(ext);
  ext.subscriptions.push(ctx, ...registerCommands(ctx));
  await ctx.start();
}

export async function deactivate(): Promise<void> {
  await ctx?.stop();
}
