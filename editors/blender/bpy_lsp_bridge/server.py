# SPDX-License-Identifier: GPL-3.0-or-later
"""Socket side of the bridge: listening, framing, authentication.

No ``bpy`` here: these threads never touch Blender. Everything that needs Blender
is put on :attr:`BridgeServer.requests` and handled on the main thread.

Framing: one JSON object per line, UTF-8, terminated by ``\\n``. See
docs/protocol.md in the bpy-lsp repository for the full protocol.
"""

import hmac
import ipaddress
import json
import math
import os
import queue
import socket
import sys
import threading
import time

PROTOCOL_VERSION = 1
DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024
# Before ``hello`` succeeded a client gets much less room and little time.
PREAUTH_MAX_MESSAGE_BYTES = 64 * 1024
HELLO_TIMEOUT = 10.0
RECV_CHUNK = 256 * 1024

VERBOSE = bool(os.environ.get("BPY_LSP_BRIDGE_VERBOSE"))


def log(msg: str, *, always: bool = False) -> None:
    if always or VERBOSE:
        try:
            print(f"bpy-lsp bridge: {msg}", file=sys.__stderr__, flush=True)
        except Exception:
            pass


# --------------------------------------------------------------------------- encoding


def _sanitize(value):
    """Make ``value`` strict-JSON safe (NaN/inf become null, unknowns become str)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): _sanitize(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_sanitize(v) for v in value]
    if value is None or isinstance(value, (str, int, bool)):
        return value
    return str(value)


def encode_message(obj) -> bytes:
    """One line of compact UTF-8 JSON, ``\\n`` terminated, strict (no NaN)."""
    try:
        text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except (ValueError, TypeError):
        text = json.dumps(_sanitize(obj), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.encode("utf-8", errors="replace") + b"\n"


def success(req_id, result) -> dict:
    return {"id": req_id, "status": "success", "result": result}


def failure(req_id, message: str, code: str, **details) -> dict:
    err = {"code": code}
    err.update(details)
    return {"id": req_id, "status": "error", "message": message, "error": err}


class ParamError(ValueError):
    """Invalid request parameters: answered with ``status: error``, code ``invalid_params``."""


# --------------------------------------------------------------------------- requests


class Request:
    """A request waiting for the main thread."""

    __slots__ = ("conn", "id", "type", "params", "received")

    def __init__(self, conn, req_id, req_type, params):
        self.conn = conn
        self.id = req_id
        self.type = req_type
        self.params = params
        self.received = time.monotonic()

    def reply(self, result) -> None:
        self.conn.send(success(self.id, result), answered=True)

    def reply_error(self, message: str, code: str, **details) -> None:
        self.conn.send(failure(self.id, message, code, **details), answered=True)


_CLOSE = object()


class Connection:
    """One client socket: a reader thread and a writer thread."""

    def __init__(self, server, sock: socket.socket, addr, cid: int):
        self.server = server
        self.sock = sock
        self.addr = addr
        self.cid = cid
        self.authenticated = False
        self.client_name = None
        self._out: queue.Queue = queue.Queue()
        self._lock = threading.Lock()
        self._pending = 0  # queued requests not answered yet
        self._reader_done = False
        self._close_sent = False
        self.broken = False  # peer gone, writes fail
        self.flushed = threading.Event()  # set when the writer has sent everything queued so far
        self._reader = threading.Thread(target=self._read_loop, name=f"bpy-lsp-read-{cid}", daemon=True)
        self._writer = threading.Thread(target=self._write_loop, name=f"bpy-lsp-write-{cid}", daemon=True)

    def start(self) -> None:
        self._writer.start()
        self._reader.start()

    # -- writing --------------------------------------------------------------

    def send(self, obj, *, answered: bool = False) -> None:
        """Queue a message. ``answered`` marks the reply to a queued request."""
        data = encode_message(obj)
        with self._lock:
            if answered:
                self._pending = max(0, self._pending - 1)
            if not self._close_sent:
                self.flushed.clear()
                self._out.put(data)
        self._maybe_finish()

    def close(self) -> None:
        """Close after everything queued so far has been written."""
        with self._lock:
            if self._close_sent:
                return
            self._close_sent = True
            self._out.put(_CLOSE)

    def _maybe_finish(self) -> None:
        with self._lock:
            finish = self._reader_done and self._pending == 0
        if finish:
            self.close()

    def _write_loop(self) -> None:
        sock = self.sock
        while True:
            item = self._out.get()
            if item is _CLOSE:
                break
            if not self.broken:
                try:
                    sock.sendall(item)
                except OSError:
                    self.broken = True
            if self._out.empty():
                self.flushed.set()
        self.flushed.set()
        # Graceful close: send FIN after our last reply, then drain what the peer
        # still sends for a moment so that the kernel does not answer with RST
        # (which could destroy the reply before the peer has read it).
        try:
            sock.shutdown(socket.SHUT_WR)
            sock.settimeout(1.0)
            deadline = time.monotonic() + 1.0
            while time.monotonic() < deadline:
                if not sock.recv(RECV_CHUNK):
                    break
        except OSError:
            pass
        try:
            sock.close()
        except OSError:
            pass
        self.server._forget(self)
        log(f"client {self.cid} closed")

    # -- reading --------------------------------------------------------------

    def _read_loop(self) -> None:
        try:
            self._read_frames()
        except Exception as exc:  # never let a reader die silently
            log(f"client {self.cid}: reader error: {exc!r}")
        finally:
            with self._lock:
                self._reader_done = True
            self._maybe_finish()

    def _limit(self) -> int:
        return self.server.max_message_bytes if self.authenticated else min(
            self.server.max_message_bytes, PREAUTH_MAX_MESSAGE_BYTES
        )

    def _too_large(self) -> bool:
        """Answer an oversized message. Returns False when the connection must close."""
        limit = self._limit()
        if not self.authenticated:
            self.send(failure(None, f"message exceeds {limit} bytes before hello", "message_too_large",
                              max_message_bytes=limit))
            return False
        self.send(failure(None, f"message exceeds the limit of {limit} bytes; it was discarded",
                          "message_too_large", max_message_bytes=limit))
        return True

    def _read_frames(self) -> None:
        sock = self.sock
        sock.settimeout(HELLO_TIMEOUT)
        buf = bytearray()
        scanned = 0  # bytes of buf known to contain no newline
        discarding = False
        while True:
            try:
                chunk = sock.recv(RECV_CHUNK)
            except socket.timeout:
                if not self.authenticated:
                    self.send(failure(None, "no hello received in time", "hello_required"))
                    return
                continue
            except OSError:
                return
            if not chunk:
                return
            if discarding:
                nl = chunk.find(b"\n")
                if nl < 0:
                    continue
                discarding = False
                chunk = chunk[nl + 1:]
            buf += chunk
            while True:
                nl = buf.find(b"\n", scanned)
                if nl < 0:
                    scanned = len(buf)
                    break
                line = bytes(buf[:nl])
                del buf[:nl + 1]
                scanned = 0
                if len(line) > self._limit():
                    if not self._too_large():
                        return
                    continue
                if not self._handle_line(line):
                    return
            if len(buf) > self._limit():
                if not self._too_large():
                    return
                buf = bytearray()
                scanned = 0
                discarding = True

    def _handle_line(self, line: bytes) -> bool:
        """Handle one complete line. Returns False when the connection must close."""
        if line.endswith(b"\r"):
            line = line[:-1]
        if not line.strip():
            return True
        try:
            msg = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            self.send(failure(None, f"malformed JSON: {exc}", "parse_error"))
            return self.authenticated
        if not isinstance(msg, dict):
            self.send(failure(None, "a request must be a JSON object", "invalid_request"))
            return self.authenticated
        req_id = msg.get("id")
        req_type = msg.get("type")
        params = msg.get("params")
        if params is None:
            params = {}
        if not isinstance(req_type, str):
            self.send(failure(req_id, "missing or invalid 'type'", "invalid_request"))
            return self.authenticated
        if not isinstance(params, dict):
            self.send(failure(req_id, "'params' must be a JSON object", "invalid_params"))
            return self.authenticated

        if not self.authenticated:
            if req_type != "hello":
                self.send(failure(req_id, "the first message must be hello", "hello_required"))
                return False
            token = params.get("token")
            if not isinstance(token, str) or not hmac.compare_digest(
                token.encode("utf-8"), self.server.token.encode("utf-8")
            ):
                self.send(failure(req_id, "invalid token", "unauthorized"))
                log(f"client {self.cid} from {self.addr}: invalid token", always=True)
                return False
            self.authenticated = True
            client = params.get("client")
            self.client_name = client if isinstance(client, str) else None
            self.sock.settimeout(None)
            log(f"client {self.cid} authenticated ({self.client_name})")
            self.send(success(req_id, self.server.hello_result()))
            return True

        # Answered right here, without waiting for the main thread.
        if req_type == "hello":
            self.send(success(req_id, self.server.hello_result()))
            return True
        if req_type == "cancel":
            try:
                result = self.server.on_cancel()
            except Exception as exc:  # pragma: no cover
                self.send(failure(req_id, f"cancel failed: {exc}", "internal_error"))
            else:
                self.send(success(req_id, result))
            return True

        with self._lock:
            self._pending += 1
        self.server.requests.put(Request(self, req_id, req_type, params))
        self.server.notify()
        return True


# --------------------------------------------------------------------------- server


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


class BridgeServer:
    """Listens, authenticates and queues requests. Never touches bpy."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, *, token: str,
                 max_message_bytes: int = DEFAULT_MAX_MESSAGE_BYTES,
                 hello_info: dict | None = None, on_cancel=None, on_request=None):
        if not token:
            raise ValueError("a token is required")
        self.host = host
        self.requested_port = int(port)
        self.token = token
        self.max_message_bytes = int(max_message_bytes)
        self._hello_info = dict(hello_info or {})
        self.on_cancel = on_cancel or (lambda: {"cancelled": False, "request_id": None})
        self._on_request = on_request  # called (from a socket thread) after a request is queued
        self.requests: queue.Queue = queue.Queue()
        self._sock = None
        self._thread = None
        self._running = threading.Event()
        self._conns: set[Connection] = set()
        self._conns_lock = threading.Lock()
        self._next_cid = 1
        self.bound_host = None
        self.port = None

    # -- info -----------------------------------------------------------------

    def hello_result(self) -> dict:
        info = dict(self._hello_info)
        info.setdefault("protocol", PROTOCOL_VERSION)
        info["max_message_bytes"] = self.max_message_bytes
        return info

    @property
    def running(self) -> bool:
        return self._running.is_set()

    def client_count(self) -> int:
        with self._conns_lock:
            return sum(1 for c in self._conns if c.authenticated)

    def notify(self) -> None:
        if self._on_request is not None:
            try:
                self._on_request()
            except Exception:
                pass

    # -- lifecycle ------------------------------------------------------------

    def start(self) -> None:
        if self.running:
            return
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        sock = socket.create_server((self.host, self.requested_port), family=family, backlog=16)
        sock.settimeout(0.25)
        self._sock = sock
        name = sock.getsockname()
        self.bound_host, self.port = name[0], name[1]
        if not is_loopback(self.bound_host):
            log(f"WARNING: listening on non-loopback address {self.bound_host}:{self.port}; "
                "anyone who can reach it and knows the token can run code in Blender", always=True)
        self._running.set()
        self._thread = threading.Thread(target=self._accept_loop, name="bpy-lsp-accept", daemon=True)
        self._thread.start()
        log(f"listening on {self.bound_host}:{self.port}")

    def stop(self, wait: float = 0.0) -> None:
        """Stop accepting and close every connection (queued replies are flushed first).

        ``wait``: seconds to wait for the connections to finish closing."""
        if not self._running.is_set():
            return
        self._running.clear()
        if self._thread is not None:
            self._thread.join(timeout=2.0)
        try:
            self._sock.close()
        except OSError:
            pass
        with self._conns_lock:
            conns = list(self._conns)
        for c in conns:
            c.close()
            # Wake the reader out of recv().
            try:
                c.sock.shutdown(socket.SHUT_RD)
            except OSError:
                pass
        deadline = time.monotonic() + wait
        for c in conns:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            c._writer.join(left)

    def wait_flushed(self, conn: "Connection", timeout: float = 2.0) -> None:
        conn.flushed.wait(timeout)

    def _forget(self, conn: Connection) -> None:
        with self._conns_lock:
            self._conns.discard(conn)

    def _accept_loop(self) -> None:
        while self._running.is_set():
            try:
                client, addr = self._sock.accept()
            except socket.timeout:
                continue
            except OSError:
                if not self._running.is_set():
                    break
                time.sleep(0.1)
                continue
            try:
                client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except OSError:
                pass
            client.settimeout(None)
            with self._conns_lock:
                cid = self._next_cid
                self._next_cid += 1
                conn = Connection(self, client, addr, cid)
                self._conns.add(conn)
            log(f"client {cid} connected from {addr}")
            conn.start()
