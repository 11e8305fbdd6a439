// Server commands that take time, as a notification with progress and a Cancel button: the
// request carries our own workDoneToken, the server's `$/progress` for it drives the
// notification, and Cancel sends `window/workDoneProgress/cancel` for that token.
import * as vscode from "vscode";
import {
  ExecuteCommandRequest,
  LanguageClient,
  WorkDoneProgress,
  WorkDoneProgressCancelNotification,
} from "vscode-languageclient/node";

let next = 1;

export interface Outcome<T> {
  result?: T;
  error?: string;
  cancelled: boolean;
}

export async function withServerProgress<T>(
  client: LanguageClient,
  title: string,
  command: string,
  args: unknown[],
): Promise<Outcome<T>> {
  const token = `bpy-lsp-vscode/${process.pid}/${next++}`;
  let cancelled = false;
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, cancel) => {
      let last = 0;
      const sub = client.onProgress(WorkDoneProgress.type, token, (v) => {
        if (v.kind === "end") return;
        const increment = v.percentage !== undefined && v.percentage > last ? v.percentage - last : undefined;
        if (v.percentage !== undefined) last = Math.max(last, v.percentage);
        progress.report({ message: v.message, increment });
      });
      const onCancel = cancel.onCancellationRequested(() => {
        cancelled = true;
        void client.sendNotification(WorkDoneProgressCancelNotification.type, { token });
        vscode.window.setStatusBarMessage(`$(loading~spin) ${title}: cancelling…`, 5000);
      });
      try {
        const result = (await client.sendRequest(ExecuteCommandRequest.type, {
          command,
          arguments: args,
          workDoneToken: token,
        })) as T;
        return { result, cancelled };
      } catch (e) {
        return { error: e instanceof Error ? e.message : String(e), cancelled };
      } finally {
        sub.dispose();
        onCancel.dispose();
      }
    },
  );
}
