// The Blender status item: connection (none / headless / GUI, with its version) and the
// target Blender version, from `bpy/status` or `bpy-lsp.blender.status`; a click opens a menu.
import * as vscode from "vscode";

export interface BlenderStatus {
  connection: "none" | "headless" | "gui";
  version: string | null;
  address: string | null;
  target: string;
  targetSource?: string;
}

export class StatusItem implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private status?: BlenderStatus;
  /** Set when the server does not report its Blender (older servers). */
  private unsupported = false;
  private target?: { version: string; source: string };
  private serverState: "starting" | "running" | "stopped" | "missing" = "starting";

  constructor() {
    this.item = vscode.window.createStatusBarItem("bpyLsp.blender", vscode.StatusBarAlignment.Left, 10);
    this.item.name = "bpy-lsp: Blender";
    this.item.command = "bpyLsp.blenderMenu";
    this.render();
  }

  get current(): BlenderStatus | undefined {
    return this.status;
  }

  set(status: BlenderStatus): void {
    this.status = status;
    this.render();
  }

  setUnsupported(): void {
    this.unsupported = true;
    this.render();
  }

  /** The target announced in the server's start message, for servers without status. */
  setTarget(version: string, source: string): void {
    this.target = { version, source };
    this.render();
  }

  setServer(state: "starting" | "running" | "stopped" | "missing"): void {
    this.serverState = state;
    if (state !== "running") {
      this.status = undefined;
      this.unsupported = false;
    }
    this.render();
  }

  show(visible: boolean): void {
    if (visible) this.item.show();
    else this.item.hide();
  }

  private render(): void {
    const md = new vscode.MarkdownString(undefined, true);
    const s = this.status;
    if (this.serverState === "missing") {
      this.item.text = "$(error) bpy-lsp";
      md.appendMarkdown("The bpy-lsp server was not found: see the notification, or set `bpyLsp.server.path`.");
    } else if (this.serverState !== "running") {
      this.item.text = `$(sync~spin) bpy-lsp`;
      md.appendMarkdown(`bpy-lsp is ${this.serverState}.`);
    } else if (s) {
      const icon = s.connection === "none" ? "$(debug-disconnect)" : s.connection === "gui" ? "$(plug)" : "$(server-process)";
      const what = s.connection === "none" ? "no Blender" : `Blender ${s.version ?? "?"} (${s.connection === "gui" ? "GUI" : "headless"})`;
      this.item.text = `${icon} ${what} · target ${s.target}`;
      md.appendMarkdown(`**Blender:** ${what}${s.address ? ` at \`${s.address}\`` : ""}\n\n`);
      md.appendMarkdown(`**Target version:** ${s.target}${s.targetSource ? ` (from ${s.targetSource})` : ""}\n\n`);
    } else {
      const t = this.target;
      this.item.text = `$(question) Blender${t ? ` · target ${t.version}` : ""}`;
      if (t) md.appendMarkdown(`**Target version:** ${t.version} (from ${t.source})\n\n`);
      md.appendMarkdown(this.unsupported ? "This bpy-lsp does not report its Blender connection (update the server).\n\n" : "Connection not known yet.\n\n");
    }
    md.appendMarkdown("Click for Start/Connect, Stop, and the logs.");
    this.item.tooltip = md;
  }

  dispose(): void {
    this.item.dispose();
  }
}
