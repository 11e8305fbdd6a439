// Asks a bpy-lsp binary which commands it offers (initialize → executeCommandProvider), so
// that the editor tests exercise exactly what the server they run against has.
import { spawn } from "node:child_process";

export function serverCommands(binary, timeoutMs = 20000) {
  return new Promise((resolve, reject) => {
    const p = spawn(binary, ["serve"], { stdio: ["pipe", "pipe", "ignore"], env: { ...process.env, BPY_LSP_RAG: "off" } });
    let buf = Buffer.alloc(0);
    const timer = setTimeout(() => {
      p.kill("SIGKILL");
      reject(new Error("no initialize reply"));
    }, timeoutMs);
    p.stdout.on("data", (d) => {
      buf = Buffer.concat([buf, d]);
      const text = buf.toString("utf8");
      const m = /Content-Length: (\d+)\r\n\r\n/.exec(text);
      if (!m) return;
      const start = buf.indexOf("\r\n\r\n") + 4;
      const len = Number(m[1]);
      if (buf.length < start + len) return;
      const msg = JSON.parse(buf.subarray(start, start + len).toString("utf8"));
      clearTimeout(timer);
      p.kill("SIGKILL");
      resolve(msg.result?.capabilities?.executeCommandProvider?.commands ?? []);
    });
    p.on("error", reject);
    const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { processId: null, rootUri: null, capabilities: {} } });
    p.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  });
}
