// The server log channel, teed: what Blender printed (the server's `[blender ...]` log
// messages) also goes to its own "bpy-lsp: Blender" channel, and the target version the
// server announces at start is picked up for the status item.
import * as vscode from "vscode";

export class TeeChannel implements vscode.OutputChannel {
  readonly name: string;
  private inBlender = false;

  constructor(
    private readonly server: vscode.OutputChannel,
    private readonly blender: vscode.OutputChannel,
    private readonly onLine: (line: string) => void,
  ) {
    this.name = server.name;
  }

  append(value: string): void {
    this.server.append(value);
    if (this.inBlender) this.blender.append(value);
  }

  appendLine(value: string): void {
    this.server.appendLine(value);
    // The client prefixes each message with "[Info  - 3:04:05 PM] "; a multi-line message
    // comes in one call.
    this.inBlender = /\] \[blender[ \]]/.test(value) || value.startsWith("[blender");
    if (this.inBlender) this.blender.appendLine(value.replace(/^\[[A-Za-z]+\s*- [^\]]*\] /, ""));
    this.onLine(value);
  }

  replace(value: string): void {
    this.server.replace(value);
  }

  clear(): void {
    this.server.clear();
  }

  show(columnOrPreserve?: vscode.ViewColumn | boolean, preserveFocus?: boolean): void {
    if (typeof columnOrPreserve === "boolean") this.server.show(columnOrPreserve);
    else this.server.show(preserveFocus);
  }

  hide(): void {
    this.server.hide();
  }

  dispose(): void {
    // The channels belong to the extension, not to one client: they outlive restarts.
  }
}
