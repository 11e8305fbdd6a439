# SPDX-License-Identifier: GPL-3.0-or-later
"""Socket side of the bridge: listening, framing, authentication, connection limits.

No ``bpy`` here: this thread never touches Blender. Everything that needs Blender
is put on :attr:`BridgeServer.requests` and handled on the main thread.

One thread (``bpy-lsp-io``) serves every socket through a :mod:`selectors`
loop, so an idle connection costs a socket and a little memory, not threads.
Replies are written straight from the thread that produces them when the socket
takes them; what does not fit is written by the loop later.

Framing: one JSON object per line, UTF-8, terminated by ``\\n``. See
docs/protocol.md in the bpy-lsp repository for the full protocol.
"""

import collections
import hmac
import ipaddress
import json
import math
import os
import queue
import re
import selectors
import socket
import sys
import threading
import time

PROTOCOL_VERSION = 1
DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024
# Before ``hello`` succeeded a client gets much less room and little time.
PREAUTH_MAX_MESSAGE_BYTES = 64 * 1024
HELLO_TIMEOUT = 10.0  # seconds from accept to a successful hello, in total
MAX_UNAUTHENTICATED = 8  # open connections still waiting for their hello
MAX_CONNECTIONS = 32  # every socket the server holds, closing ones included
MAX_CLIENT_NAME = 200  # characters of hello's `client` kept for the panel
# A connection that is closing gets this long to take its last replies and say goodbye.
CLOSE_LINGER_UNAUTHENTICATED = 2.0
CLOSE_LINGER = 10.0
RECV_CHUNK = 256 * 1024
# json.loads recurses in C and stops at the recursion limit (RecursionError). Code
# run in Blender may raise that limit far enough for deep nesting to overflow the
# C stack of this thread instead; then lines are measured before they are parsed.
SAFE_RECURSION_LIMIT = 4000
MAX_JSON_DEPTH = 1000
LOOP_TICK = 0.5  # longest select() wait, so that a missed wake-up costs little

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


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _dumps(obj) -> str:
    try:
        return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except (ValueError, TypeError):
        return json.dumps(_sanitize(obj), ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def encode_message(obj) -> bytes:
    """One line of compact UTF-8 JSON, ``\\n`` terminated, strict (no NaN).

    A lone surrogate (a Python string can hold one, e.g. printed by user code)
    becomes U+FFFD: strict JSON parsers such as serde_json refuse ``\\ud800``."""
    text = _dumps(obj)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        data = _LONE_SURROGATE.sub("\ufffd", text).encode("utf-8")
    return data + b"\n"


def success(req_id, result) -> dict:
    return {"id": req_id, "status": "success", "result": result}


def failure(req_id, message: str, code: str, **details) -> dict:
    err = {"code": code}
    err.update(details)
    return {"id": req_id, "status": "error", "message": message, "error": err}


class ParamError(ValueError):
    """Invalid request parameters: answered with ``status: error``, code ``invalid_params``."""


def _valid_id(value) -> bool:
    """Ids are scalars (as in JSON-RPC) that UTF-8 can carry, so that the reply
    echoes them exactly and echoing can never fail or nest."""
    if isinstance(value, str):
        return not _LONE_SURROGATE.search(value)
    if value is None or isinstance(value, (bool, int)):
        return True
    return isinstance(value, float) and math.isfinite(value)


_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_NOT_BRACKET = bytes(sorted(set(range(256)) - set(b"[]{}")))


def nesting_exceeds(line: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether the JSON text ``line`` nests arrays/objects deeper than ``limit``.

    Linear: C-speed passes drop the strings and everything but brackets, so the
    Python loop only sees structural brackets."""
    if line.count(b"[") + line.count(b"{") <= limit:
        return False
    depth = 0
    for byte in _JSON_STRING.sub(b"", line).translate(None, _NOT_BRACKET):
        if byte == 91 or byte == 123:  # [ {
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


def _printable(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, lone surrogates replaced (Blender labels need UTF-8)."""
    return text[:limit].encode("utf-8", "replace").decode("utf-8")


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


class Connection:
    """One client socket, served by the server's I/O loop.

    :meth:`send` and :meth:`close` may be called from any thread; everything
    else runs on the I/O thread. ``_lock`` guards the socket's writes and close
    and the fields written from several threads."""

    def __init__(self, server, sock: socket.socket, addr, cid: int):
        self.server = server
        self.sock = sock
        self.addr = addr
        self.cid = cid
        self.accepted = time.monotonic()
        self.connected_at = time.time()
        self.hello_deadline = self.accepted + server.hello_timeout
        self.authenticated = False
        self.client_name = None
        self.client_pid = None
        self.broken = False  # peer gone, writes fail
        self.flushed = threading.Event()  # set while nothing queued waits to be written
        self.flushed.set()
        self._lock = threading.Lock()
        self._out: collections.deque = collections.deque()  # memoryviews not yet written
        self._pending = 0  # queued requests not answered yet
        self._eof = False  # the peer will send nothing more
        self._close_requested = False
        self._closed = False
        # I/O thread only:
        self.events = 0  # what the selector watches for
        self.shut = False  # our FIN is sent
        self.close_deadline = None
        self._buf = bytearray()
        self._scanned = 0  # bytes of _buf known to hold no newline
        self._discarding = False  # inside an oversized line

    # -- any thread -------------------------------------------------------------

    def send(self, obj, *, answered: bool = False) -> None:
        """Queue a message (and write what the socket takes now).

        ``answered`` marks the reply to a queued request. Messages after
        :meth:`close` are dropped."""
        data = encode_message(obj)
        with self._lock:
            if answered:
                self._pending = max(0, self._pending - 1)
            if not (self._closed or self._close_requested or self.broken):
                if self._out:
                    self._out.append(memoryview(data))
                else:
                    self._write_now(memoryview(data))
            if self._out:
                self.flushed.clear()
            poke = bool(self._out) or self.broken or (self._eof and self._pending == 0)
        if poke:
            self.server._poke(self)

    def close(self) -> None:
        """Close after everything queued so far has been written."""
        with self._lock:
            if self._close_requested or self._closed:
                return
            self._close_requested = True
        self.server._poke(self)

    @property
    def closing(self) -> bool:
        return self._close_requested or self._closed

    # -- writing (with _lock held) -----------------------------------------------

    def _write_now(self, view: memoryview) -> None:
        """Write ``view`` as far as the socket takes it; queue the rest."""
        try:
            n = self.sock.send(view)
        except (BlockingIOError, InterruptedError):
            n = 0
        except OSError:
            self._fail()
            return
        if n < len(view):
            self._out.append(view[n:])

    def _flush_locked(self) -> None:
        while self._out and not self.broken:
            view = self._out[0]
            try:
                n = self.sock.send(view)
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                self._fail()
                return
            if n < len(view):
                self._out[0] = view[n:]
                return
            self._out.popleft()
        if not self._out:
            self.flushed.set()

    def _fail(self) -> None:
        self.broken = True
        self._out.clear()
        self.flushed.set()

    # -- reading (I/O thread) -----------------------------------------------------

    def _limit(self) -> int:
        if self.authenticated:
            return self.server.max_message_bytes
        return min(self.server.max_message_bytes, PREAUTH_MAX_MESSAGE_BYTES)

    def on_readable(self) -> None:
        try:
            chunk = self.sock.recv(RECV_CHUNK)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            chunk = b""
        if not chunk:
            with self._lock:
                self._eof = True
            return
        if self.closing:
            return  # after the last reply, input is read only to be dropped
        if not self._feed(chunk):
            self.close()

    def _feed(self, chunk: bytes) -> bool:
        """Add received bytes and handle every complete line. False: close now."""
        if self._discarding:
            nl = chunk.find(b"\n")
            if nl < 0:
                return True
            self._discarding = False
            chunk = chunk[nl + 1:]
        buf = self._buf
        buf += chunk
        while True:
            nl = buf.find(b"\n", self._scanned)
            if nl < 0:
                self._scanned = len(buf)
                break
            line = bytes(buf[:nl])
            del buf[:nl + 1]
            self._scanned = 0
            if len(line) > self._limit():
                if not self._too_large():
                    return False
                continue
            if not self._handle_line(line):
                return False
        if len(buf) > self._limit():
            if not self._too_large():
                return False
            del buf[:]
            self._scanned = 0
            self._discarding = True
        return True

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

    def _handle_line(self, line: bytes) -> bool:
        """Handle one complete line. Returns False when the connection must close."""
        if line.endswith(b"\r"):
            line = line[:-1]
        if not line.strip():
            return True
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            self.send(failure(None, f"invalid UTF-8 at byte {exc.start}", "parse_error"))
            return self.authenticated
        try:
            if sys.getrecursionlimit() > SAFE_RECURSION_LIMIT and nesting_exceeds(line):
                raise RecursionError
            msg = json.loads(text)
        except RecursionError:
            self.send(failure(None, "malformed JSON: nested too deeply", "parse_error"))
            return self.authenticated
        except ValueError as exc:
            self.send(failure(None, f"malformed JSON: {exc}", "parse_error"))
            return self.authenticated
        if not isinstance(msg, dict):
            self.send(failure(None, "a request must be a JSON object", "invalid_request"))
            return self.authenticated
        req_id = msg.get("id")
        if not _valid_id(req_id):
            self.send(failure(None, "'id' must be a string (valid Unicode), a finite number, true, false or null",
                              "invalid_request"))
            return self.authenticated
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
            return self._authenticate(req_id, req_type, params)

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

    def _authenticate(self, req_id, req_type: str, params: dict) -> bool:
        if req_type != "hello":
            self.send(failure(req_id, "the first message must be hello", "hello_required"))
            return False
        token = params.get("token")
        # surrogatepass: a token with a lone surrogate is just a wrong token.
        if not isinstance(token, str) or not hmac.compare_digest(
            token.encode("utf-8", "surrogatepass"), self.server.token.encode("utf-8", "surrogatepass")
        ):
            self.send(failure(req_id, "invalid token", "unauthorized"))
            log(f"client {self.cid} from {self.addr}: invalid token", always=True)
            return False
        self.authenticated = True
        self.hello_deadline = None
        client = params.get("client")
        self.client_name = _printable(client, MAX_CLIENT_NAME) if isinstance(client, str) else None
        pid = params.get("pid")
        self.client_pid = pid if isinstance(pid, int) and not isinstance(pid, bool) and pid > 0 else None
        log(f"client {self.cid} authenticated ({self.client_name}, pid {self.client_pid})")
        self.send(success(req_id, self.server.hello_result()))
        self.server._changed()
        return True

    def info(self) -> dict:
        """What the panel shows about an authenticated client."""
        return {"id": self.cid, "client": self.client_name, "pid": self.client_pid,
                "connected_at": self.connected_at}


# --------------------------------------------------------------------------- server


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


_LISTENER = "listener"
_WAKE = "wake"


class BridgeServer:
    """Listens, authenticates and queues requests. Never touches bpy."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, *, token: str,
                 max_message_bytes: int = DEFAULT_MAX_MESSAGE_BYTES,
                 hello_timeout: float = HELLO_TIMEOUT,
                 max_unauthenticated: int = MAX_UNAUTHENTICATED,
                 max_connections: int = MAX_CONNECTIONS,
                 hello_info: dict | None = None, on_cancel=None, on_request=None):
        if not token:
            raise ValueError("a token is required")
        if not hello_timeout > 0:
            raise ValueError("hello_timeout must be positive")
        if max_connections < 1 or max_unauthenticated < 1:
            raise ValueError("max_connections and max_unauthenticated must be at least 1")
        self.host = host
        self.requested_port = int(port)
        self.token = token
        self.max_message_bytes = int(max_message_bytes)
        self.hello_timeout = float(hello_timeout)
        self.max_connections = int(max_connections)
        self.max_unauthenticated = min(int(max_unauthenticated), self.max_connections)
        self._hello_info = dict(hello_info or {})
        self.on_cancel = on_cancel or (lambda: {"cancelled": False, "request_id": None})
        self._on_request = on_request  # called (from the I/O thread) after a request is queued
        self.requests: queue.Queue = queue.Queue()
        self.version = 0  # bumped when the set of authenticated clients changes (for the panel)
        self._sock = None
        self._sel = None
        self._wake_r = self._wake_w = None
        self._thread = None
        self._running = threading.Event()
        self._listener_closed = threading.Event()
        self._conns: dict[int, Connection] = {}  # by cid: insertion order is age
        self._conns_lock = threading.Lock()
        self._dirty: set[Connection] = set()
        self._dirty_lock = threading.Lock()
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

    def clients(self) -> list[dict]:
        """The authenticated connections, oldest first."""
        with self._conns_lock:
            return [c.info() for c in self._conns.values() if c.authenticated and not c.closing]

    def client_count(self) -> int:
        return len(self.clients())

    def connection_count(self) -> int:
        """Every socket held, unauthenticated and closing ones included."""
        with self._conns_lock:
            return len(self._conns)

    def notify(self) -> None:
        if self._on_request is not None:
            try:
                self._on_request()
            except Exception:
                pass

    def _changed(self) -> None:
        self.version += 1

    # -- lifecycle ------------------------------------------------------------

    def start(self) -> None:
        if self.running:
            return
        if self._thread is not None:
            raise RuntimeError("a BridgeServer starts only once; make a new one")
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        sock = socket.create_server((self.host, self.requested_port), family=family, backlog=16)
        sock.setblocking(False)
        self._sock = sock
        name = sock.getsockname()
        self.bound_host, self.port = name[0], name[1]
        if not is_loopback(self.bound_host):
            log(f"WARNING: listening on non-loopback address {self.bound_host}:{self.port}; "
                "anyone who can reach it and knows the token can run code in Blender", always=True)
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)
        self._wake_w.setblocking(False)
        self._sel = selectors.DefaultSelector()
        self._sel.register(sock, selectors.EVENT_READ, _LISTENER)
        self._sel.register(self._wake_r, selectors.EVENT_READ, _WAKE)
        self._listener_closed.clear()
        self._running.set()
        self._thread = threading.Thread(target=self._loop, name="bpy-lsp-io", daemon=True)
        self._thread.start()
        log(f"listening on {self.bound_host}:{self.port}")

    def stop(self, wait: float = 0.0) -> None:
        """Stop accepting and close every connection (queued replies are flushed first).

        Returns once the listening socket is closed. ``wait``: seconds to wait
        on top for the connections to finish closing."""
        if not self._running.is_set():
            return
        self._running.clear()
        self._wake()
        self._listener_closed.wait(2.0)
        if wait > 0 and self._thread is not None:
            self._thread.join(wait)

    def wait_flushed(self, conn: "Connection", timeout: float = 2.0) -> None:
        conn.flushed.wait(timeout)

    # -- the I/O loop -----------------------------------------------------------

    def _wake(self) -> None:
        try:
            self._wake_w.send(b"\0")
        except (BlockingIOError, InterruptedError):
            pass  # a wake-up is already pending
        except OSError:
            pass

    def _poke(self, conn: Connection) -> None:
        """Ask the I/O loop to look at ``conn`` (from any thread)."""
        with self._dirty_lock:
            self._dirty.add(conn)
        self._wake()

    def _loop(self) -> None:
        try:
            self._serve()
        except Exception as exc:  # pragma: no cover - a bug; do not leave the panel saying "listening"
            log(f"I/O loop failed: {exc!r}", always=True)
            self._running.clear()
            with self._conns_lock:
                conns = list(self._conns.values())
            for c in conns:
                self._hard_close(c)
        finally:
            self._close_listener()
            for s in (self._wake_r, self._wake_w):
                try:
                    s.close()
                except OSError:
                    pass
            try:
                self._sel.close()
            except Exception:
                pass

    def _serve(self) -> None:
        sel = self._sel
        while True:
            if not self._running.is_set() and self._sock is not None:
                self._close_listener()
                with self._conns_lock:
                    conns = list(self._conns.values())
                for c in conns:
                    c.close()
                    self._service(c)
            if self._sock is None and not self._conns:
                return
            events = sel.select(self._timeout())
            touched = []
            accept = False
            for key, mask in events:
                if key.data is _LISTENER:
                    accept = True
                elif key.data is _WAKE:
                    try:
                        while self._wake_r.recv(4096):
                            pass
                    except (BlockingIOError, InterruptedError):
                        pass
                else:
                    conn = key.data
                    if mask & selectors.EVENT_READ:
                        conn.on_readable()
                    touched.append(conn)
            with self._dirty_lock:
                touched.extend(self._dirty)
                self._dirty.clear()
            for conn in touched:
                self._service(conn)
            self._expire()
            # Reads first, then at most one accept: a client whose hello has
            # arrived is authenticated before a flood of new connections can
            # push it out as the oldest unauthenticated one.
            if accept and self._sock is not None:
                self._accept()

    def _timeout(self) -> float:
        now = time.monotonic()
        timeout = LOOP_TICK
        with self._conns_lock:
            conns = list(self._conns.values())
        for c in conns:
            for deadline in (c.hello_deadline, c.close_deadline):
                if deadline is not None:
                    timeout = min(timeout, deadline - now)
        return max(timeout, 0.0)

    def _expire(self) -> None:
        now = time.monotonic()
        with self._conns_lock:
            conns = list(self._conns.values())
        for c in conns:
            if c.close_deadline is not None and now >= c.close_deadline:
                self._hard_close(c)
            elif c.hello_deadline is not None and not c.closing and now >= c.hello_deadline:
                log(f"client {c.cid}: no hello within {self.hello_timeout:g} s")
                c.send(failure(None, f"no hello received within {self.hello_timeout:g} s", "hello_required"))
                c.close()
                self._service(c)

    def _service(self, conn: Connection) -> None:
        """Bring ``conn``'s socket in line with its state: write, shut down, close, watch."""
        with conn._lock:
            if conn._closed:
                return
            if conn.broken:
                hard = True
            else:
                hard = False
                conn._flush_locked()
                if conn._eof and conn._pending == 0:
                    conn._close_requested = True  # the peer is done and so are we
                closing = conn._close_requested
                has_out = bool(conn._out)
                eof = conn._eof
        if hard:
            self._hard_close(conn)
            return
        if closing:
            conn.hello_deadline = None
            if conn.close_deadline is None:
                linger = CLOSE_LINGER if conn.authenticated else CLOSE_LINGER_UNAUTHENTICATED
                conn.close_deadline = time.monotonic() + linger
                self._changed()
            if not has_out and not conn.shut:
                # FIN after our last reply; then read until the peer's FIN so that
                # the kernel does not answer unread input with a RST, which could
                # destroy the reply before the peer has read it.
                try:
                    conn.sock.shutdown(socket.SHUT_WR)
                except OSError:
                    pass
                conn.shut = True
            if conn.shut and eof:
                self._hard_close(conn)
                return
        events = (0 if eof else selectors.EVENT_READ) | (selectors.EVENT_WRITE if has_out else 0)
        self._watch(conn, events)

    def _watch(self, conn: Connection, events: int) -> None:
        if events == conn.events:
            return
        try:
            if conn.events == 0:
                self._sel.register(conn.sock, events, conn)
            elif events == 0:
                self._sel.unregister(conn.sock)
            else:
                self._sel.modify(conn.sock, events, conn)
            conn.events = events
        except (KeyError, ValueError, OSError):
            self._hard_close(conn)

    def _hard_close(self, conn: Connection) -> None:
        """Close now, written or not."""
        with conn._lock:
            if conn._closed:
                return
            conn._closed = True
            conn._out.clear()
            conn.flushed.set()
        if conn.events:
            try:
                self._sel.unregister(conn.sock)
            except (KeyError, ValueError, OSError):
                pass
            conn.events = 0
        try:
            conn.sock.close()
        except OSError:
            pass
        with self._conns_lock:
            self._conns.pop(conn.cid, None)
        self._changed()
        log(f"client {conn.cid} closed")

    def _close_listener(self) -> None:
        if self._sock is None:
            return
        try:
            self._sel.unregister(self._sock)
        except (KeyError, ValueError, OSError):
            pass
        try:
            self._sock.close()
        except OSError:
            pass
        self._sock = None
        self._listener_closed.set()

    def _accept(self) -> None:
        try:
            client, addr = self._sock.accept()
        except (BlockingIOError, InterruptedError):
            return
        except OSError as exc:  # out of file descriptors, ...: try again a little later
            log(f"accept failed: {exc}", always=True)
            time.sleep(0.05)
            return
        client.setblocking(False)
        try:
            client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            pass
        cid = self._next_cid
        self._next_cid += 1
        conn = Connection(self, client, addr, cid)
        log(f"client {cid} connected from {addr}")
        if not self._make_room(conn):
            return
        with self._conns_lock:
            self._conns[cid] = conn
        self._service(conn)

    def _refuse(self, conn: Connection) -> None:
        """Close a connection that never joined the loop, after its one reply."""
        with conn._lock:
            conn._closed = True
            conn._out.clear()
            conn.flushed.set()
        try:
            conn.sock.shutdown(socket.SHUT_WR)
            # Drop what it has sent already: unread input would turn our close into a RST.
            while conn.sock.recv(RECV_CHUNK):
                pass
        except OSError:
            pass
        try:
            conn.sock.close()
        except OSError:
            pass

    def _make_room(self, new: Connection) -> bool:
        """Keep within the caps, favouring the newcomer over those that have not
        authenticated. False: ``new`` was refused (every slot is authenticated)."""
        with self._conns_lock:
            conns = list(self._conns.values())
        waiting = [c for c in conns if not c.authenticated and not c.closing]
        if len(waiting) >= self.max_unauthenticated:
            oldest = waiting[0]
            log(f"client {oldest.cid}: closed to make room (too many waiting for hello)")
            oldest.send(failure(
                None, f"closed to make room for a new connection: more than {self.max_unauthenticated} "
                      "connections were waiting for hello", "too_many_connections",
                max_unauthenticated=self.max_unauthenticated))
            oldest.close()
            self._service(oldest)
        while self.connection_count() >= self.max_connections:
            with self._conns_lock:
                conns = list(self._conns.values())
            victim = next((c for c in conns if c.closing), None)
            if victim is None:
                victim = next((c for c in conns if not c.authenticated), None)
                if victim is not None:
                    victim.send(failure(
                        None, f"closed to make room for a new connection: at most {self.max_connections} "
                              "connections", "too_many_connections", max_connections=self.max_connections))
            if victim is None:
                log(f"client {new.cid}: refused, {self.max_connections} authenticated connections open")
                new.send(failure(None, f"too many connections (at most {self.max_connections})",
                                 "too_many_connections", max_connections=self.max_connections))
                self._refuse(new)
                return False
            self._hard_close(victim)
        return True
