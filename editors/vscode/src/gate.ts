// Sends the server only the Python documents it serves (`bpyLsp.files`), as client
// middleware: didOpen/didChange/didClose of other documents stay in VS Code, and requests on
// them are not made. A document that starts importing bpy while you type is opened then.
import * as path from "path";
import * as vscode from "vscode";
import { DidOpenTextDocumentNotification, LanguageClient, Middleware } from "vscode-languageclient/node";
import { Files, ProjectFolders, importsBlender, served } from "./scope";

export class Gate {
  /** URIs the server has open. */
  private readonly opened = new Set<string>();
  /** didOpen decisions still being made (a folder lookup), by URI. */
  private readonly deciding = new Map<string, Promise<boolean>>();
  private readonly recheck = new Map<string, NodeJS.Timeout>();
  readonly folders = new ProjectFolders();
  client?: LanguageClient;

  constructor(
    private files: () => Files,
    private readonly onOpened: () => void,
  ) {}

  reset(): void {
    this.opened.clear();
    this.deciding.clear();
    this.recheck.forEach((t) => clearTimeout(t));
    this.recheck.clear();
  }

  isServed(uri: vscode.Uri): boolean {
    return this.opened.has(uri.toString());
  }

  /** Serve this document from now on, whatever `bpyLsp.files` says (an explicit command on it). */
  async force(doc: vscode.TextDocument): Promise<void> {
    const uri = doc.uri.toString();
    await this.deciding.get(uri);
    if (this.opened.has(uri) || !this.client) return;
    await this.open(doc);
  }

  private async open(doc: vscode.TextDocument): Promise<void> {
    const uri = doc.uri.toString();
    this.opened.add(uri);
    await this.client?.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: doc.languageId, version: doc.version, text: doc.getText() },
    });
    this.onOpened();
  }

  private decide(doc: vscode.TextDocument): Promise<boolean> {
    const file = doc.uri.scheme === "file" ? doc.uri.fsPath : undefined;
    const root = vscode.workspace.getWorkspaceFolder(doc.uri)?.uri.fsPath;
    return served(this.files(), doc.getText(), file, this.folders, root ? path.resolve(root) : undefined);
  }

  middleware(): Middleware {
    const known = (doc: vscode.TextDocument) => this.opened.has(doc.uri.toString());
    return {
      didOpen: async (doc, next) => {
        const uri = doc.uri.toString();
        const decision = this.decide(doc);
        this.deciding.set(uri, decision);
        const yes = await decision;
        this.deciding.delete(uri);
        if (yes) {
          this.opened.add(uri);
          await next(doc);
          this.onOpened();
        }
      },
      didChange: async (e, next) => {
        const uri = e.document.uri.toString();
        // The common case stays synchronous, so that changes and requests keep their order.
        if (this.opened.has(uri)) return next(e);
        const pending = this.deciding.get(uri);
        if (pending) {
          if (await pending) return next(e);
          return;
        }
        // Not served: look again once typing pauses (an `import bpy` just written).
        clearTimeout(this.recheck.get(uri));
        this.recheck.set(
          uri,
          setTimeout(() => {
            this.recheck.delete(uri);
            const doc = e.document;
            if (!doc.isClosed && !this.opened.has(uri) && (this.files() === "all" || importsBlender(doc.getText()))) {
              void this.open(doc);
            }
          }, 300),
        );
      },
      didClose: async (doc, next) => {
        const uri = doc.uri.toString();
        clearTimeout(this.recheck.get(uri));
        if (this.opened.delete(uri)) await next(doc);
      },
      didSave: (doc, next) => (known(doc) ? next(doc) : Promise.resolve()),
      willSave: (e, next) => (known(e.document) ? next(e) : Promise.resolve()),
      provideCompletionItem: (doc, pos, ctx, token, next) => (known(doc) ? next(doc, pos, ctx, token) : undefined),
      provideHover: (doc, pos, token, next) => (known(doc) ? next(doc, pos, token) : undefined),
      provideSignatureHelp: (doc, pos, ctx, token, next) => (known(doc) ? next(doc, pos, ctx, token) : undefined),
      provideCodeActions: (doc, range, ctx, token, next) => (known(doc) ? next(doc, range, ctx, token) : undefined),
      provideCodeLenses: (doc, token, next) => (known(doc) ? next(doc, token) : undefined),
    };
  }
}
