#!/usr/bin/env python3
"""Idle resident memory of `bpy-lsp serve` with a 5,000-line document open.

    python3 scripts/idle_rss.py [--bin target/release/bpy-lsp] [--runs 5] [--unknown-name]

Builds the document like benches/latency.rs (the example library concatenated to 5,000
lines), opens it, waits for its diagnostics, waits 2 s more, and reads VmRSS from
/proc/PID/status. --unknown-name appends a line with a name the target lacks
(`mesh.use_auto_smooth`, removed in 4.1), so the linter needs the other versions' notes.
--settings '{"bpyLsp": {"blenderVersion": "4.2"}}' passes initializationOptions.
Prints the median over the runs.
"""

import argparse
import glob
import json
import os
import statistics
import subprocess
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def big_file(lines=5000):
    sources = sorted(glob.glob(os.path.join(ROOT, "rag_data/examples/*.py")))
    sources += sorted(glob.glob(os.path.join(ROOT, "rag_data/assets/*.py")))
    sources.sort()
    out = []
    while len(out) < lines:
        for path in sources:
            with open(path, encoding="utf-8") as f:
                for line in f.read().splitlines():
                    out.append(line)
                    if len(out) >= lines:
                        return "\n".join(out) + "\n"
    return "\n".join(out) + "\n"


def send(proc, msg):
    body = json.dumps(msg).encode()
    proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    proc.stdin.flush()


def read(proc):
    length = None
    while True:
        line = proc.stdout.readline()
        if not line:
            raise RuntimeError("server exited")
        line = line.strip()
        if not line:
            break
        if line.startswith(b"Content-Length:"):
            length = int(line.split(b":")[1])
    return json.loads(proc.stdout.read(length))


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def one_run(binary, text, options):
    env = dict(os.environ)
    env.pop("BPY_LSP_BLENDER_VERSION", None)
    proc = subprocess.Popen([binary, "serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    try:
        params = {"processId": None, "rootUri": None, "capabilities": {}}
        if options:
            params["initializationOptions"] = options
        send(proc, {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": params})
        while read(proc).get("id") != 1:
            pass
        send(proc, {"jsonrpc": "2.0", "method": "initialized", "params": {}})
        uri = "file:///bench/big.py"
        send(proc, {"jsonrpc": "2.0", "method": "textDocument/didOpen",
                    "params": {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": text}}})
        while True:
            m = read(proc)
            if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri:
                diags = len(m["params"]["diagnostics"])
                break
        time.sleep(2.0)
        return rss_mib(proc.pid), diags
    finally:
        proc.kill()
        proc.wait()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target/release/bpy-lsp"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--unknown-name", action="store_true")
    ap.add_argument("--settings", default=None)
    args = ap.parse_args()
    text = big_file()
    if args.unknown_name:
        text += "bpy.data.meshes.new('m').use_auto_smooth = True\n"
    options = json.loads(args.settings) if args.settings else None
    results = [one_run(args.bin, text, options) for _ in range(args.runs)]
    rss = [r for r, _ in results]
    print(f"{len(text.splitlines())} lines, {results[0][1]} diagnostics; idle RSS over {args.runs} runs: "
          f"median {statistics.median(rss):.1f} MiB (min {min(rss):.1f}, max {max(rss):.1f})")


if __name__ == "__main__":
    main()
