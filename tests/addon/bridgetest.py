"""Helpers for the bridge tests: start the real headless server, talk to it, decode PNGs.

Stdlib only. The Python that has ``bpy`` comes from ``$BPY_PYTHON`` (default
``.venv/bin/python`` in the repository root).
"""

import json
import os
import socket
import struct
import subprocess
import tempfile
import threading
import time
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SERVE = REPO / "editors" / "blender" / "serve.py"


def bpy_python() -> str:
    env = os.environ.get("BPY_PYTHON")
    if env:
        return env if os.path.isabs(env) else str(REPO / env)
    if os.name == "nt":
        return str(REPO / ".venv" / "Scripts" / "python.exe")
    return str(REPO / ".venv" / "bin" / "python")


def have_bpy() -> bool:
    py = bpy_python()
    if not os.path.exists(py):
        return False
    try:
        r = subprocess.run([py, "-c", "import bpy"], capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return r.returncode == 0


READY = "BPY_LSP_READY "


class Server:
    """A headless bridge in a subprocess."""

    def __init__(self, *args, env=None, ready_timeout=60.0, state_dir=None):
        self.state_dir = state_dir or tempfile.mkdtemp(prefix="bpy-lsp-test-state-")
        full_env = dict(os.environ)
        full_env["BPY_LSP_STATE_DIR"] = self.state_dir
        full_env.pop("BPY_LSP_TOKEN", None)
        if env:
            full_env.update(env)
        self.stderr_path = os.path.join(self.state_dir, "stderr.log")
        self._stderr = open(self.stderr_path, "wb")
        t0 = time.monotonic()
        self.proc = subprocess.Popen(
            [bpy_python(), str(SERVE), "--port", "0", *args],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=self._stderr, env=full_env,
        )
        self.stdout_lines = []
        self.info = None
        deadline = t0 + ready_timeout
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            text = line.decode("utf-8", "replace")
            self.stdout_lines.append(text)
            if text.startswith(READY):
                self.info = json.loads(text[len(READY):])
                break
        self.ready_seconds = time.monotonic() - t0
        if self.info is None:
            self.kill()
            raise RuntimeError("server did not become ready:\n" + self.stderr())
        # Keep draining stdout (Cycles prints progress there) so the pipe never fills.
        self._drain = threading.Thread(target=self._drain_stdout, daemon=True)
        self._drain.start()

    def _drain_stdout(self):
        for line in self.proc.stdout:
            self.stdout_lines.append(line.decode("utf-8", "replace"))

    @property
    def token(self):
        return self.info["token"]

    def connect(self, hello=True, timeout=30.0) -> "Client":
        c = Client(self.info["host"], self.info["port"], timeout=timeout)
        if hello:
            r = c.call("hello", {"token": self.token, "client": "bpy-lsp-tests 0.1"})
            assert r["status"] == "success", r
        return c

    def stderr(self) -> str:
        try:
            return Path(self.stderr_path).read_text(errors="replace")
        except OSError:
            return ""

    def wait(self, timeout=10.0):
        return self.proc.wait(timeout)

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)
        self._stderr.close()
        self._drain.join(5) if getattr(self, "_drain", None) else None
        try:
            self.proc.stdout.close()
        except Exception:
            pass

    def stop(self):
        if self.proc.poll() is None:
            try:
                c = self.connect()
                c.send({"id": "bye", "type": "shutdown"})
                c.close()
                self.proc.wait(10)
            except Exception:
                pass
        self.kill()


class Client:
    def __init__(self, host, port, timeout=30.0):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.buf = b""
        self.pending = {}
        self._next = 1

    def send_raw(self, data: bytes) -> None:
        self.sock.sendall(data)

    def send(self, obj) -> None:
        self.sock.sendall(json.dumps(obj).encode("utf-8") + b"\n")

    def recv(self):
        """Next message, or None at EOF."""
        while b"\n" not in self.buf:
            chunk = self.sock.recv(1 << 20)
            if not chunk:
                return None
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return json.loads(line)

    def recv_id(self, req_id):
        if req_id in self.pending:
            return self.pending.pop(req_id)
        while True:
            msg = self.recv()
            if msg is None:
                raise EOFError("connection closed")
            if msg.get("id") == req_id:
                return msg
            self.pending[msg.get("id")] = msg

    def request(self, type_, params=None):
        req_id = self._next
        self._next += 1
        msg = {"id": req_id, "type": type_}
        if params is not None:
            msg["params"] = params
        self.send(msg)
        return req_id

    def call(self, type_, params=None):
        return self.recv_id(self.request(type_, params))

    def run(self, code, **params):
        r = self.call("execute_code", dict(params, code=code))
        assert r["status"] == "success", r
        return r["result"]

    def at_eof(self, timeout=5.0) -> bool:
        self.sock.settimeout(timeout)
        try:
            return self.recv() is None
        except (ConnectionResetError, BrokenPipeError):
            return True

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


def read_png(path):
    """(width, height, channels, rows) for 8-bit gray/RGB/RGBA PNGs; rows are bytes."""
    data = Path(path).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos = 8
    idat = b""
    width = height = depth = ctype = None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, ctype, _comp, _filt, interlace = struct.unpack(">IIBBBBB", body)
            assert interlace == 0, "interlaced PNG not supported"
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[ctype]
    assert depth == 8, f"bit depth {depth} not supported"
    raw = zlib.decompress(idat)
    stride = width * channels
    rows = []
    prev = bytearray(stride)
    i = 0
    for _ in range(height):
        ftype = raw[i]
        line = bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b = prev[x]
            c = prev[x - channels] if x >= channels else 0
            if ftype == 1:
                line[x] = (line[x] + a) & 0xFF
            elif ftype == 2:
                line[x] = (line[x] + b) & 0xFF
            elif ftype == 3:
                line[x] = (line[x] + ((a + b) >> 1)) & 0xFF
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pred) & 0xFF
        rows.append(bytes(line))
        prev = line
    return width, height, channels, rows


def luminance_stats(path):
    """(mean, variance, distinct values) of the per-pixel channel mean."""
    width, height, channels, rows = read_png(path)
    color = min(channels, 3)
    values = []
    for row in rows:
        for x in range(width):
            px = row[x * channels:x * channels + color]
            values.append(sum(px) / color)
    n = len(values)
    mean = sum(values) / n
    var = sum((v - mean) ** 2 for v in values) / n
    return mean, var, len(set(int(v) for v in values))
