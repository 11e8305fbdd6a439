// The preview panel: a webview beside the editor with the latest rendered views of a file
// (`bpy/preview`), and a note when the buffer changed after the render was made.
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import * as vscode from "vscode";

export interface PreviewImage {
  path: string;
  view: number;
  width: number;
  height: number;
}

export interface PreviewParams {
  uri: string;
  images: PreviewImage[];
  version?: number;
}

interface Render {
  images: PreviewImage[];
  /** The document version the render was made from, when known. */
  version?: number;
  at: Date;
}

export class PreviewPanel implements vscode.Disposable {
  private panel?: vscode.WebviewPanel;
  private shown?: string;
  private readonly renders = new Map<string, Render>();
  /** Versions of documents whose render this extension asked for, until the images come. */
  private readonly requested = new Map<string, number>();
  private readonly subs: vscode.Disposable[] = [];
  private refresh?: NodeJS.Timeout;

  constructor() {
    this.subs.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.panel && e.document.uri.toString() === this.shown) this.scheduleRender();
      }),
    );
  }

  /** A render of `uri` at document version `version` was asked for. */
  requestedAt(uri: string, version: number): void {
    this.requested.set(uri, version);
  }

  receive(params: PreviewParams, open: boolean): void {
    const version = params.version ?? this.requested.get(params.uri) ?? this.docVersion(params.uri);
    this.requested.delete(params.uri);
    this.renders.set(params.uri, { images: params.images, version, at: new Date() });
    if (open || (this.panel && this.shown === params.uri)) this.show(params.uri, true);
  }

  /** Whether images of `uri` arrived after `since` (ms since the epoch). */
  receivedSince(uri: string, since: number): boolean {
    const r = this.renders.get(uri);
    return !!r && r.at.getTime() >= since && r.images.length > 0;
  }

  show(uri: string, preserveFocus = false): void {
    this.shown = uri;
    const roots = this.roots();
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        "bpyLsp.preview",
        "Blender preview",
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus },
        { enableScripts: false, localResourceRoots: roots },
      );
      this.panel.onDidDispose(() => (this.panel = undefined));
    } else {
      this.panel.webview.options = { enableScripts: false, localResourceRoots: roots };
      this.panel.reveal(vscode.ViewColumn.Beside, preserveFocus);
    }
    this.render();
  }

  /** The folders of the images shown: nothing else on disk is readable by the webview. */
  private roots(): vscode.Uri[] {
    const r = this.shown ? this.renders.get(this.shown) : undefined;
    const dirs = new Set((r?.images ?? []).map((i) => path.dirname(i.path)));
    return [...dirs].map((d) => vscode.Uri.file(d));
  }

  private docVersion(uri: string): number | undefined {
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri)?.version;
  }

  private scheduleRender(): void {
    clearTimeout(this.refresh);
    this.refresh = setTimeout(() => this.render(), 200);
  }

  private render(): void {
    if (!this.panel || !this.shown) return;
    const webview = this.panel.webview;
    const uri = this.shown;
    const r = this.renders.get(uri);
    const name = path.basename(vscode.Uri.parse(uri).path);
    this.panel.title = `Preview: ${name}`;
    const nonce = crypto.randomBytes(16).toString("base64");
    const csp = `default-src 'none'; img-src ${webview.cspSource}; style-src 'nonce-${nonce}';`;
    let body: string;
    if (!r || r.images.length === 0) {
      body = `<p class="note">No render of ${esc(name)} yet: run <b>bpy-lsp: Render preview</b>.</p>`;
    } else {
      const now = this.docVersion(uri);
      const stale = r.version !== undefined && now !== undefined && now !== r.version;
      const when = r.at.toLocaleTimeString();
      const banner = stale
        ? `<p class="stale" id="stale">The render is older than the buffer: ${esc(name)} changed after it was rendered (at ${when}). Render again to update.</p>`
        : `<p class="note" id="fresh">Rendered from the current buffer at ${when}.</p>`;
      const imgs = r.images
        .map((i) => {
          let stamp = "";
          try {
            stamp = `?t=${fs.statSync(i.path).mtimeMs}`;
          } catch {
            // Deleted since: the browser shows a broken image, the caption still says which.
          }
          const src = webview.asWebviewUri(vscode.Uri.file(i.path)).toString() + stamp;
          return `<figure><img src="${esc(src)}" width="${i.width}" height="${i.height}" alt="view ${i.view + 1}"><figcaption>view ${i.view + 1} · ${i.width}×${i.height}</figcaption></figure>`;
        })
        .join("\n");
      body = `${banner}<div class="grid">${imgs}</div>`;
    }
    webview.html = `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 8px; }
h2 { font-size: 1.1em; margin: 0 0 6px; }
.grid { display: flex; flex-wrap: wrap; gap: 8px; }
figure { margin: 0; }
img { max-width: 100%; height: auto; border: 1px solid var(--vscode-panel-border); }
figcaption { font-size: 0.85em; opacity: 0.8; }
.stale { background: var(--vscode-inputValidation-warningBackground); border: 1px solid var(--vscode-inputValidation-warningBorder); padding: 4px 8px; }
.note { opacity: 0.85; }
</style></head><body><h2>${esc(name)}</h2>${body}</body></html>`;
  }

  dispose(): void {
    clearTimeout(this.refresh);
    this.panel?.dispose();
    this.subs.forEach((s) => s.dispose());
  }
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
