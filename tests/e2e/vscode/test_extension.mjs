// End-to-end test of editors/vscode in a real VS Code: code-server (VS Code in the browser)
// driven by playwright-core in headless Chromium, with the real server and a real headless
// Blender. Builds the .vsix, installs it, opens a workspace and uses the extension as a person
// would: completion, hover, Run in Blender on a broken script, Render preview, and Generate
// asset from comment when the server offers it. Screenshots go to target/e2e-artifacts/vscode/.
// Run by tests/e2e/vscode/run.sh; prints one line per check and "N passed, N failed".
import { spawn, execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { serverCommands } from "./lsp_probe.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const e2e = path.join(root, ".e2e");
const { chromium } = createRequire(path.join(e2e, "node/package.json"))("playwright-core");
const artifacts = path.join(root, "target/e2e-artifacts/vscode");
fs.rmSync(artifacts, { recursive: true, force: true });
fs.mkdirSync(artifacts, { recursive: true });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bpy-lsp-vscode-e2e-"));
const server = path.join(root, "target/release/bpy-lsp");

let passed = 0;
let failed = 0;
function check(name, ok, detail) {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? "ok  " : "FAIL"} ${name}${!ok && detail !== undefined ? `: ${String(detail).slice(0, 600)}` : ""}`);
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const t0 = Date.now();
const since = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

// --- Processes we start, killed whatever happens.
let codeServer;
let browser;
let page;
let userData;
async function cleanup() {
  try {
    await browser?.close();
  } catch {}
  if (codeServer?.pid) {
    for (const sig of ["SIGTERM", "SIGKILL"]) {
      try {
        process.kill(-codeServer.pid, sig);
      } catch {}
      await sleep(700);
    }
  }
  // The killed server and Blender may still be writing (agent sessions): retry, and a temp
  // directory left behind is no test failure.
  try {
    fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  } catch (e) {
    console.log(`note: could not remove ${tmp}: ${e.message}`);
  }
}
// Playwright promises left pending reject when the browser closes at the end (Node would then
// exit 1 with every check passed); before that, an unhandled rejection is a failure.
let finishing = false;
process.on("unhandledRejection", (e) => {
  if (finishing) console.log(`note: after the checks: ${e?.message ?? e}`);
  else check("no unhandled promise rejection", false, e?.stack ?? e);
});
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, async () => {
    await cleanup();
    process.exit(130);
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function write(p, text) {
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
}

async function main() {
  // --- The .vsix, built by the extension's own script.
  const vsix = path.join(tmp, "bpy-lsp.vsix");
  execFileSync(path.join(e2e, "bin/node"), [path.join(root, "editors/vscode/scripts/build.mjs"), "--package", "--out", vsix], {
    stdio: "inherit",
  });
  check("the .vsix is built", fs.statSync(vsix).size > 10000);

  // --- A home with the server at ~/bin (bpyLsp.server.path "~/bin/bpy-lsp" tests ~ expansion).
  const home = path.join(tmp, "home");
  fs.mkdirSync(path.join(home, "bin"), { recursive: true });
  fs.symlinkSync(server, path.join(home, "bin/bpy-lsp"));
  userData = path.join(tmp, "user-data");
  const extensions = path.join(tmp, "extensions");
  // Settings of machine scope (paths) live in the remote machine's settings in code-server.
  const settings = JSON.stringify(
      {
        "security.workspace.trust.enabled": false,
        "workbench.startupEditor": "none",
        "workbench.tips.enabled": false,
        "workbench.enableExperiments": false,
        "telemetry.telemetryLevel": "off",
        "extensions.autoCheckUpdates": false,
        "extensions.autoUpdate": false,
        "editor.minimap.enabled": false,
        "editor.fontSize": 14,
        "window.zoomLevel": 0,
        "workbench.colorTheme": "Default Dark Modern",
        "workbench.secondarySideBar.defaultVisibility": "hidden",
        "chat.disableAIFeatures": true,
        "update.showReleaseNotes": false,
        "bpyLsp.server.path": "~/bin/bpy-lsp",
        "bpyLsp.blender.python": path.join(root, ".venv/bin/python"),
        "bpyLsp.render.views": 2,
        "bpyLsp.render.resolution": 192,
        "bpyLsp.render.samples": 8,
      },
      null,
      2,
    );
  write(path.join(userData, "User/settings.json"), settings);
  write(path.join(userData, "Machine/settings.json"), settings);
  const env = {
    ...process.env,
    HOME: home,
    XDG_CACHE_HOME: path.join(tmp, "cache"),
    XDG_STATE_HOME: path.join(tmp, "state"),
    XDG_DATA_HOME: path.join(tmp, "data"),
    XDG_CONFIG_HOME: path.join(tmp, "config"),
    BPY_LSP_STATE_DIR: path.join(tmp, "bpy-lsp-state"),
    // Not on PATH: the extension must find the server through its setting.
    PATH: (process.env.PATH || "").split(":").filter((p) => !p.includes("target/release")).join(":"),
  };
  const cs = path.join(e2e, "bin/code-server");
  const base = ["--user-data-dir", userData, "--extensions-dir", extensions];
  execFileSync(cs, [...base, "--install-extension", vsix], { env, stdio: "pipe" });
  const installed = fs.readdirSync(extensions).filter((d) => d.startsWith("bpy-lsp."));
  check("code-server installs the .vsix", installed.length === 1, fs.readdirSync(extensions).join(", "));

  // --- The workspace.
  const ws = path.join(tmp, "workspace");
  write(path.join(ws, "scene.py"), "import bpy\n\n");
  write(
    path.join(ws, "broken.py"),
    [
      "import bpy",
      "",
      "bpy.ops.mesh.primitive_cube_add(size=2)",
      "cube = bpy.context.active_object",
      'bpy.data.objects["NoSuchObject"].location.x = 1.0',
      "",
    ].join("\n"),
  );
  write(path.join(ws, "slow.py"), ["import bpy", "import time", "", "time.sleep(60)", ""].join("\n"));
  write(
    path.join(ws, "render.py"),
    [
      "import bpy",
      "",
      "for ob in list(bpy.data.objects):",
      "    if ob.type == 'MESH':",
      "        bpy.data.objects.remove(ob)",
      "bpy.ops.mesh.primitive_monkey_add(size=2)",
      "monkey = bpy.context.active_object",
      'bevel = monkey.modifiers.new("Smooth", type="SUBSURF")',
      "bevel.levels = 2",
      "",
    ].join("\n"),
  );
  write(path.join(ws, "chair.py"), "import bpy\n\n# a simple wooden chair with four legs\n");

  // --- code-server in its own process group.
  const port = await freePort();
  const csLog = fs.openSync(path.join(artifacts, "code-server.log"), "w");
  codeServer = spawn(
    cs,
    [...base, "--auth", "none", "--bind-addr", `127.0.0.1:${port}`, "--disable-telemetry", "--disable-update-check", "--disable-workspace-trust", ws],
    { env, detached: true, stdio: ["ignore", csLog, csLog] },
  );
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`;
  for (let i = 0; i < 120; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (r.ok) break;
    } catch {}
    await sleep(250);
  }

  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  const shot = (name) => page.screenshot({ path: path.join(artifacts, `${name}.png`) });
  await page.goto(url);
  await page.waitForSelector(".monaco-workbench", { timeout: 60000 });
  console.log(`workbench up after ${since()}`);

  async function palette(command) {
    await page.keyboard.press("F1");
    const input = page.locator(".quick-input-widget input");
    await input.waitFor({ state: "visible" });
    await input.fill(`>${command}`);
    await page.locator(".quick-input-list .monaco-list-row", { hasText: command }).first().waitFor({ timeout: 15000 });
    await page.keyboard.press("Enter");
  }

  async function openFile(name) {
    await page.keyboard.press("Control+P");
    const input = page.locator(".quick-input-widget input");
    await input.waitFor({ state: "visible" });
    await input.fill(name);
    await page.locator(".quick-input-list .monaco-list-row", { hasText: name }).first().waitFor({ timeout: 15000 });
    await page.keyboard.press("Enter");
    await page.locator(`.tabs-container .tab.active`, { hasText: name }).waitFor({ timeout: 15000 });
    await page.locator(".monaco-editor .view-lines").first().waitFor();
  }

  async function gotoLine(line) {
    await page.keyboard.press("Control+G");
    const input = page.locator(".quick-input-widget input");
    await input.waitFor({ state: "visible" });
    await input.fill(`:${line}`);
    await page.keyboard.press("Enter");
  }

  const commands = await serverCommands(server);
  const editorText = () => page.locator(".monaco-editor .view-lines").first().innerText();
  const statusItem = page.locator('.statusbar-item[id$="bpyLsp.blender"]');

  // --- 1. Completion after `bpy.ops.mesh.`
  await openFile("scene.py");
  await statusItem.waitFor({ timeout: 60000 });
  check("the Blender status item shows for a bpy file", /Blender/.test(await statusItem.innerText()), await statusItem.innerText());
  await gotoLine(3);
  await page.keyboard.type("bpy.ops.mesh.", { delay: 40 });
  const suggest = page.locator(".editor-widget.suggest-widget");
  let labels = "";
  try {
    await suggest.locator(".monaco-list-row", { hasText: "primitive_cube_add" }).first().waitFor({ timeout: 30000 });
  } catch {}
  labels = (await suggest.locator(".monaco-list-row").allInnerTexts().catch(() => [])).join(" | ");
  await shot("completion");
  check("the suggest widget lists primitive_cube_add after bpy.ops.mesh.", labels.includes("primitive_cube_add"), labels);
  check("the suggest widget lists other mesh operators", labels.includes("primitive_uv_sphere_add") || labels.includes("primitive_cylinder_add"), labels);

  // --- 2. Hover over the operator name.
  await page.keyboard.press("Escape");
  await page.keyboard.type("primitive_cube_add", { delay: 10 });
  await page.keyboard.press("Escape");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("Control+K");
  await page.keyboard.press("Control+I");
  const hover = page.locator(".monaco-hover:not(.hidden)");
  let hoverText = "";
  try {
    await hover.filter({ hasText: "Construct a cube mesh" }).first().waitFor({ timeout: 20000 });
  } catch {}
  hoverText = (await hover.allInnerTexts().catch(() => [])).join("\n");
  await shot("hover");
  check("hover shows the operator's docs", hoverText.includes("Construct a cube mesh that consists of six square faces"), hoverText);
  check("hover shows its signature", hoverText.includes("primitive_cube_add(size: float = 2.0"), hoverText);
  await page.keyboard.press("Escape");

  // --- 3. Run in Blender on a script with an error on line 5.
  await openFile("broken.py");
  const runStart = Date.now();
  await palette("bpy-lsp: Run in Blender");
  const toast = page.locator(".notifications-toasts .notification-toast", { hasText: "Running in Blender" });
  let sawProgress = false;
  try {
    await toast.first().waitFor({ timeout: 10000 });
    await page.waitForTimeout(400); // the toast slides in
    sawProgress = (await toast.first().innerText()).includes("Running in Blender");
    // The Cancel button of a cancellable progress notification.
    sawProgress = sawProgress && (await toast.first().locator(".monaco-button", { hasText: "Cancel" }).count()) > 0;
    await shot("run-progress");
  } catch {}
  check("Run in Blender shows a progress notification with Cancel", sawProgress);
  const squiggle = page.locator(".monaco-editor .view-overlays .squiggly-error");
  try {
    await squiggle.first().waitFor({ timeout: 90000 });
  } catch {}
  console.log(`Run in Blender: squiggle after ${((Date.now() - runStart) / 1000).toFixed(1)} s`);
  // The line of the squiggle: its overlay row's top against the line numbers' tops.
  const squiggleLine = await page.evaluate(() => {
    const sq = document.querySelector(".monaco-editor .view-overlays .squiggly-error");
    const row = sq?.parentElement;
    if (!row) return null;
    const top = row.style.top;
    for (const n of document.querySelectorAll(".monaco-editor .margin-view-overlays > div")) {
      if (n.style.top === top) return n.textContent.trim();
    }
    return null;
  });
  check("Run in Blender puts an error squiggle on line 5", squiggleLine === "5", squiggleLine);
  await page.keyboard.press("Control+Shift+M");
  const problems = page.locator(".markers-panel");
  let problemsText = "";
  try {
    await problems.filter({ hasText: "NoSuchObject" }).first().waitFor({ timeout: 15000 });
  } catch {}
  problemsText = (await problems.allInnerTexts().catch(() => [])).join("\n");
  await page.waitForTimeout(300);
  await shot("diagnostic");
  check("the Problems panel has Blender's KeyError", /KeyError|NoSuchObject/.test(problemsText), problemsText);
  check("the Problems panel puts it on line 5", /\[Ln 5, Col \d+\]/.test(problemsText), problemsText);
  await page.keyboard.press("Control+J"); // close the panel

  // --- 3b. Cancel a 60 s run from its notification: it ends at once, without an error.
  await palette("Notifications: Clear All Notifications");
  await openFile("slow.py");
  await palette("bpy-lsp: Run in Blender");
  let cancelClicked = false;
  let cancelSeconds = null;
  try {
    await toast.first().waitFor({ timeout: 20000 });
    await page.waitForTimeout(1500); // the run has started in Blender
    const cancelAt = Date.now();
    await toast.first().locator(".monaco-button", { hasText: "Cancel" }).first().click();
    cancelClicked = true;
    await toast.first().waitFor({ state: "detached", timeout: 20000 });
    cancelSeconds = (Date.now() - cancelAt) / 1000;
  } catch {}
  await page.waitForTimeout(1500);
  const afterCancel = (await page.locator(".notifications-toasts .notification-toast").allInnerTexts().catch(() => [])).join("\n");
  const statusAfterCancel = (await page.locator(".statusbar").allInnerTexts().catch(() => [])).join(" ");
  await shot("run-cancelled");
  check("Cancel on the run's notification ends a 60 s run within 20 s", cancelClicked && cancelSeconds !== null, `${cancelSeconds} s`);
  check("a cancelled run shows no error", !/bpy-lsp:/.test(afterCancel), afterCancel);
  check("the status bar says the run was cancelled", /Running in Blender: cancelled/.test(statusAfterCancel), statusAfterCancel);

  // --- 4. Render preview: images in the preview panel beside the editor.
  await palette("Notifications: Clear All Notifications");
  await openFile("render.py");
  await palette("bpy-lsp: Render preview");
  const img = await findPreviewImage(page, 120000);
  check("Render preview shows images in the preview panel", img && img.count >= 2 && img.naturalWidth === 192, JSON.stringify(img));
  check("the preview says it matches the buffer", img && img.fresh === true, JSON.stringify(img));
  await page.waitForTimeout(500);
  await shot("preview");
  // Edit the buffer: the panel says the render is older.
  await page.locator(".monaco-editor .view-lines").first().click();
  await gotoLine(10);
  await page.keyboard.type("monkey.location.z = 1.0", { delay: 5 });
  const stale = await waitInPreview(page, (doc) => !!doc.querySelector("#stale"), 10000);
  check("after an edit the preview says the render is older than the buffer", stale === true);
  await shot("preview-stale");

  // --- The status item after a run: the headless Blender the server started.
  if (commands.includes("bpy-lsp.blender.status")) {
    let st = "";
    for (let i = 0; i < 40 && !/headless/.test(st); i++) {
      st = await statusItem.innerText();
      await sleep(250);
    }
    check("after a run the status item shows the headless Blender and the target", /Blender 4\.4\.\d+ \(headless\) · target 4\.4/.test(st), st);
  }

  // --- 5. Generate asset from comment.
  check("the server offers the agent commands", commands.includes("bpy-lsp.generate") && commands.includes("bpy-lsp.refine"), commands.join(" "));
  {
    await palette("Notifications: Clear All Notifications");
    await openFile("chair.py");
    await gotoLine(3);
    await palette("bpy-lsp: Generate asset from comment");
    let text = "";
    for (let i = 0; i < 480; i++) {
      text = await editorText();
      if (text.split("\n").length > 8) break;
      await sleep(500);
    }
    await page.waitForTimeout(500);
    await shot("generate");
    text = await editorText();
    const lines = text.split("\n").map((l) => l.replace(/\u00a0/g, " "));
    // (the editor's text has no empty lines: the comment is the second line shown)
    const at = lines.findIndex((l) => l.includes("# a simple wooden chair"));
    check("Generate inserts code below the comment", lines.length > 8 && at === 1 && lines[0] === "import bpy", text);
    check("the inserted code is bpy code", /bpy\.(ops|data|context)\./.test(text), text);
    // The offline provider is deterministic: the CLI (the same workflow) writes the same code;
    // its first lines must be the lines on screen below the comment, in order.
    let cli = "";
    try {
      cli = execFileSync(server, ["generate", "a simple wooden chair with four legs", "--no-install"], {
        cwd: tmp,
        env: {
          ...process.env,
          BPY_LSP_BLENDER_PYTHON: path.join(root, ".venv/bin/python"),
          BPY_LSP_STATE_DIR: path.join(tmp, "cli-state"),
          XDG_DATA_HOME: path.join(tmp, "cli-data"),
          XDG_CACHE_HOME: path.join(tmp, "cache"),
        },
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
        timeout: 240000,
      });
    } catch (e) {
      cli = "";
      console.log(`bpy-lsp generate failed: ${e.stderr ?? e}`);
    }
    const want = cli.split("\n").filter((l) => l.trim()).slice(0, 12);
    const have = lines.filter((l) => l.trim());
    let i = 0;
    for (const l of have) if (i < want.length && l.trimEnd() === want[i].trimEnd()) i++;
    check("the inserted code is what `bpy-lsp generate` writes for the comment", want.length >= 5 && i === want.length, `${i} of ${want.length}: ${want.join(" / ")}`);
    const gimg = await findPreviewImage(page, 60000, "chair.py");
    check("the preview panel shows the generated asset", gimg && gimg.count >= 1 && gimg.naturalWidth > 0, JSON.stringify(gimg));
    await shot("generate-preview");
    const current = await waitInPreview(page, (doc) => (doc.querySelector("h2")?.textContent ?? "").includes("chair.py")
      && !!doc.querySelector('img[alt^="view "]') && !doc.querySelector("#stale"), 10000);
    check("the generated asset's preview is current, not older than the buffer", current === true);

    {
      await palette("Notifications: Clear All Notifications");
      await page.locator(".monaco-editor .view-lines").first().click();
      await gotoLine(4);
      await page.keyboard.press("Shift+Control+End");
      await palette("bpy-lsp: Refine selection with agent");
      const box = page.locator(".quick-input-widget", { hasText: "Refine selection with agent" });
      let asked = false;
      try {
        await box.waitFor({ timeout: 10000 });
        asked = true;
      } catch {}
      check("Refine asks for the instruction in an input box", asked);
      await page.locator(".quick-input-widget input").fill("make the legs twice as long");
      await page.keyboard.press("Enter");
      const progressToast = page.locator(".notifications-toasts .notification-toast", { hasText: "Refining with agent" });
      let sawRefine = false;
      try {
        await progressToast.first().waitFor({ timeout: 15000 });
        sawRefine = true;
        await page.waitForTimeout(400);
        await shot("refine-progress");
      } catch {}
      check("Refine shows a progress notification", sawRefine);
      const result = page.locator(".notifications-toasts .notification-toast", { hasText: "bpy-lsp:" });
      let resultText = "";
      try {
        await result.first().waitFor({ timeout: 240000 });
        resultText = await result.first().innerText();
      } catch {}
      await shot("refine");
      check("Refine reports its outcome", resultText.length > 10, resultText);
    }
  }

  // --- 6. The status menu.
  await statusItem.click();
  const menu = page.locator(".quick-input-widget .quick-input-list");
  let menuText = "";
  try {
    await menu.filter({ hasText: "Start/Connect Blender" }).waitFor({ timeout: 10000 });
    menuText = await menu.innerText();
  } catch {}
  await shot("status-menu");
  check("the status item opens connect/start, stop and logs", ["Start/Connect Blender", "Stop Blender", "Show Blender output", "Show server log"].every((t) => menuText.includes(t)), menuText);
  // Stop Blender from the menu: stops the headless one, or says this server cannot.
  await page.locator(".quick-input-widget .quick-input-list .monaco-list-row", { hasText: "Stop Blender" }).first().click();
  if (commands.includes("bpy-lsp.blender.stop")) {
    let st = "";
    for (let i = 0; i < 80 && !/no Blender/.test(st); i++) {
      st = await statusItem.innerText();
      await sleep(250);
    }
    check("Stop Blender from the status menu stops it", /no Blender · target 4\.4/.test(st), st);
  } else {
    const warn = page.locator(".notifications-toasts .notification-toast", { hasText: "does not offer bpy-lsp.blender.stop" });
    let ok = false;
    try {
      await warn.first().waitFor({ timeout: 10000 });
      ok = true;
    } catch {}
    check("Stop Blender on a server without it says so", ok);
  }

  // --- 7. Show Blender output: what Blender printed and raised, in its own channel.
  await palette("bpy-lsp: Show Blender output");
  const output = page.locator(".panel .monaco-editor .view-lines");
  let outText = "";
  try {
    await output.filter({ hasText: "NoSuchObject" }).first().waitFor({ timeout: 15000 });
  } catch {}
  outText = (await output.allInnerTexts().catch(() => [])).join("\n").replace(/\u00a0/g, " ");
  await shot("blender-output");
  check("Show Blender output has the run and its traceback", /ran broken\.py: error/.test(outText) && outText.includes("NoSuchObject"), outText);

  // --- 7b. Restart server: a new server process, found the same way.
  await palette("bpy-lsp: Restart server");
  await palette("bpy-lsp: Show server log");
  // The log's end (the view shows its last lines): the earlier runs or agent lines, then a new start.
  const restarted = /(ran render\.py|\[agent\])[\s\S]*Using bpy-lsp \d[\s\S]*ready, Blender/;
  let logText = "";
  for (let i = 0; i < 60; i++) {
    logText = (await output.allInnerTexts().catch(() => [])).join("\n").replace(/\u00a0/g, " ");
    if (restarted.test(logText)) break;
    await sleep(500);
  }
  await shot("server-log");
  check("Restart server starts a new server after the earlier runs", restarted.test(logText), logText.slice(-800));

  // --- 8. No server anywhere: one clear message with the install command and a button to the setting.
  await palette("Notifications: Clear All Notifications");
  const machine = path.join(userData, "Machine/settings.json");
  const s = JSON.parse(fs.readFileSync(machine, "utf8"));
  s["bpyLsp.server.path"] = "~/nowhere/bpy-lsp";
  fs.writeFileSync(machine, JSON.stringify(s, null, 2));
  const missing = page.locator(".notifications-toasts .notification-toast", { hasText: "the language server was not found" });
  let missingText = "";
  try {
    await missing.first().waitFor({ timeout: 30000 });
    missingText = await missing.first().innerText();
  } catch {}
  await shot("server-missing");
  check("without a server the extension says how to install it", missingText.includes("cargo install --path ."), missingText);
  const warnings = await page.locator(".notifications-toasts .notification-toast", { hasText: "bpy-lsp" }).count();
  check("... in one message", warnings === 1, warnings);
  await missing.first().locator(".monaco-button", { hasText: "Open setting" }).click().catch(() => {});
  const settingsEditor = page.locator(".settings-editor");
  let settingText = "";
  try {
    await settingsEditor.filter({ hasText: "Server: Path" }).first().waitFor({ timeout: 15000 });
    settingText = await settingsEditor.first().innerText();
  } catch {}
  await shot("server-missing-setting");
  check("its button opens the bpyLsp.server.path setting", settingText.includes("Server: Path") && settingText.includes("is expanded"), settingText.slice(0, 300));
}

/** The preview webview's document (nested iframes), checked with `test`. */
async function waitInPreview(page, test, timeout) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    for (const f of page.frames()) {
      try {
        const r = await f.evaluate(`(${test.toString()})(document)`);
        if (r) return r;
      } catch {}
    }
    await sleep(300);
  }
  return null;
}

async function findPreviewImage(page, timeout, file) {
  return waitInPreview(
    page,
    new Function(
      "doc",
      `const imgs = [...doc.querySelectorAll('img[alt^="view "]')].filter((i) => i.complete && i.naturalWidth > 0);
       const h = doc.querySelector('h2');
       if (!imgs.length || (${JSON.stringify(file ?? "")} && !(h && h.textContent.includes(${JSON.stringify(file ?? "")})))) return null;
       return { count: imgs.length, naturalWidth: imgs[0].naturalWidth, fresh: !!doc.querySelector('#fresh'), title: h && h.textContent };`,
    ),
    timeout,
  );
}

try {
  await main();
} catch (e) {
  check("test ran to the end", false, e?.stack ?? e);
  await page?.screenshot({ path: path.join(artifacts, "failure.png") }).catch(() => {});
}
if (failed && userData) fs.cpSync(path.join(userData, "logs"), path.join(artifacts, "logs"), { recursive: true, force: true });
console.log(`vscode e2e took ${since()}`);
console.log(`${passed} passed, ${failed} failed`);
finishing = true;
await cleanup();
process.exit(failed === 0 ? 0 : 1);
