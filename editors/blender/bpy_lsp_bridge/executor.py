# SPDX-License-Identifier: GPL-3.0-or-later
"""``execute_code``: run a buffer on the main thread, capture its output, map errors.

The time limit works without ``sys.settrace``: a watchdog thread raises an
exception in the main thread with ``PyThreadState_SetAsyncExc`` (delivered at the
next bytecode boundary, so it stops pure-Python loops). In headless mode on POSIX
the watchdog also sends SIGUSR1 to the main thread, which interrupts blocking
system calls such as ``time.sleep`` so that the exception is delivered there too.
Code stuck inside C for longer than the grace period is reported to ``on_stuck``
(the headless server exits with code 3).
"""

import builtins
import contextlib
import ctypes
import io
import linecache
import signal
import sys
import threading
import time
import traceback
import warnings

OUTPUT_LIMIT = 1024 * 1024  # characters per stream
DEFAULT_FILENAME = "<bpy-lsp>"
DEFAULT_TIMEOUT = 30.0
DEFAULT_GRACE = 5.0
REINJECT_INTERVAL = 0.2
HARD_STOP_MARGIN = 0.5  # the GIL-free hard stop fires this long after the Python watchdog would

_THIS_FILE = __file__


class BridgeInterrupt(BaseException):
    """Raised inside user code by the watchdog. A BaseException on purpose:
    ``except Exception`` in user code does not swallow it."""

    kind = "Interrupted"


class ExecutionTimeout(BridgeInterrupt):
    kind = "Timeout"


class ExecutionCancelled(BridgeInterrupt):
    kind = "Cancelled"


class ServerExit(BaseException):
    """Raised on the main thread (SIGTERM/SIGINT) to stop the headless server."""


_INTERRUPTS = {"Timeout": ExecutionTimeout, "Cancelled": ExecutionCancelled}

# int PyThreadState_SetAsyncExc(unsigned long id, PyObject *exc); NULL exc clears.
_set_async_exc = ctypes.PYFUNCTYPE(ctypes.c_int, ctypes.c_ulong, ctypes.py_object)(
    ("PyThreadState_SetAsyncExc", ctypes.pythonapi))
_clear_async_exc_fn = ctypes.PYFUNCTYPE(ctypes.c_int, ctypes.c_ulong, ctypes.c_void_p)(
    ("PyThreadState_SetAsyncExc", ctypes.pythonapi))


def _raise_in_thread(tid: int, exc_type) -> None:
    _set_async_exc(ctypes.c_ulong(tid), exc_type)


def _clear_async_exc(tid: int) -> None:
    _clear_async_exc_fn(ctypes.c_ulong(tid), None)


class CappedIO(io.TextIOBase):
    """A text stream that keeps at most ``limit`` characters."""

    def __init__(self, limit: int = OUTPUT_LIMIT):
        super().__init__()
        self._limit = limit
        self._parts: list[str] = []
        self._size = 0
        self._dropped = 0

    @property
    def encoding(self):
        return "utf-8"

    @property
    def errors(self):
        return "replace"

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def write(self, s) -> int:
        if not isinstance(s, str):
            raise TypeError(f"write() argument must be str, not {type(s).__name__}")
        room = self._limit - self._size
        if room > 0:
            part = s[:room]
            self._parts.append(part)
            self._size += len(part)
            self._dropped += len(s) - len(part)
        else:
            self._dropped += len(s)
        return len(s)

    def flush(self) -> None:
        pass

    def getvalue(self) -> str:
        text = "".join(self._parts)
        if self._dropped:
            text += f"\n[bpy-lsp: output truncated, {self._dropped} more characters]\n"
        return text


class _Job:
    def __init__(self, request_id, timeout):
        self.request_id = request_id
        self.timeout = timeout
        self.started = time.monotonic()
        self.running = False  # user code is on the stack
        self.kind = None  # "Timeout" | "Cancelled" once an interrupt was requested
        self.interrupt_at = None
        self.stuck_reported = False
        self.done = threading.Event()


def _char_column(filename: str, lineno, byte_col):
    """0-based UTF-8 byte offset -> 1-based character column."""
    if byte_col is None or lineno is None:
        return None
    raw = linecache.getline(filename, lineno)
    if not raw:
        return byte_col + 1
    return len(raw.encode("utf-8")[:byte_col].decode("utf-8", "replace")) + 1


class Executor:
    def __init__(self, *, grace: float = DEFAULT_GRACE, on_stuck=None, reset_scene=None,
                 context_override=None, use_signal: bool = False, output_limit: int = OUTPUT_LIMIT,
                 hard_stop=None):
        self.grace = grace
        self.hard_stop = hard_stop  # hardstop.HardStop in the headless server, else None
        self.on_stuck = on_stuck
        self.reset_scene = reset_scene
        self.context_override = context_override
        self.use_signal = use_signal and hasattr(signal, "pthread_kill") and hasattr(signal, "SIGUSR1")
        self.output_limit = output_limit
        self.main_tid = threading.main_thread().ident
        self._lock = threading.Lock()
        self._job = None
        self._wake = threading.Event()
        self._watchdog = None
        self._closed = False

    # -- called from any thread ---------------------------------------------------

    def current_request_id(self):
        with self._lock:
            return self._job.request_id if self._job else None

    def cancel(self) -> dict:
        with self._lock:
            job = self._job
            if job is None or job.done.is_set():
                return {"cancelled": False, "request_id": None}
            if job.kind is None:
                job.kind = "Cancelled"
                job.interrupt_at = time.monotonic()
                if job.running and self.hard_stop is not None:
                    self.hard_stop.arm(self.grace + HARD_STOP_MARGIN)
            rid = job.request_id
        self._wake.set()
        return {"cancelled": True, "request_id": rid}

    def close(self) -> None:
        """End the watchdog thread (once no job is running)."""
        self._closed = True
        self._wake.set()

    def _ensure_watchdog(self) -> None:
        self._closed = False
        if self._watchdog is None or not self._watchdog.is_alive():
            self._watchdog = threading.Thread(target=self._watch_loop, name="bpy-lsp-watchdog", daemon=True)
            self._watchdog.start()

    def _watch_loop(self) -> None:
        """One persistent thread: enforces the time limit and cancel of the current job."""
        last_inject = 0.0
        last_job = None
        while not self._closed:
            with self._lock:
                job = self._job
            if job is None or job.done.is_set():
                self._wake.wait()
                self._wake.clear()
                continue
            if job is not last_job:
                last_job = job
                last_inject = 0.0
            deadline = job.started + job.timeout if job.timeout else None
            now = time.monotonic()
            poke = False
            with self._lock:
                if job.kind is None and deadline is not None and now >= deadline:
                    job.kind = "Timeout"
                    job.interrupt_at = now
                kind = job.kind
                if kind and job.running and now - last_inject >= REINJECT_INTERVAL:
                    _raise_in_thread(self.main_tid, _INTERRUPTS[kind])
                    last_inject = now
                    poke = True
            if poke and self.use_signal:
                try:
                    signal.pthread_kill(self.main_tid, signal.SIGUSR1)
                except (OSError, ValueError):
                    pass
            if kind and not job.stuck_reported and now - job.interrupt_at > self.grace:
                job.stuck_reported = True
                if self.on_stuck is not None:
                    self.on_stuck(job)
            if kind:
                wait = REINJECT_INTERVAL / 4
            elif deadline is not None:
                wait = min(max(deadline - now, 0.001), 0.5)
            else:
                wait = 0.5
            self._wake.wait(wait)
            self._wake.clear()

    # -- main thread --------------------------------------------------------------

    def run(self, request_id, code: str, filename: str = DEFAULT_FILENAME,
            fresh_scene: bool = False, timeout: float | None = DEFAULT_TIMEOUT) -> dict:
        started = time.perf_counter()
        out = CappedIO(self.output_limit)
        err = CappedIO(self.output_limit)
        job = _Job(request_id, timeout if timeout and timeout > 0 else None)
        self._ensure_watchdog()
        with self._lock:
            self._job = job
        if job.timeout:
            self._wake.set()

        error = None
        ok = True
        compile_warnings = []
        stage = "reset"
        saved_io = (sys.stdout, sys.stderr, sys.stdin)
        saved_cache = linecache.cache.get(filename)
        try:
            sys.stdout, sys.stderr, sys.stdin = out, err, io.StringIO()
            if fresh_scene and job.kind is None and self.reset_scene is not None:
                self.reset_scene()
            stage = "compile"
            try:
                with warnings.catch_warnings(record=True) as caught:
                    warnings.simplefilter("always")
                    codeobj = compile(code, filename, "exec", dont_inherit=True)
                for w in caught:
                    compile_warnings.append({
                        "category": w.category.__name__,
                        "message": str(w.message),
                        "filename": w.filename,
                        "line": w.lineno,
                    })
            except (SyntaxError, ValueError) as exc:
                ok = False
                error = self._compile_error(exc, filename)
            else:
                stage = "run"
                linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
                user_globals = {
                    "__name__": "__main__",
                    "__file__": filename,
                    "__builtins__": builtins,
                    "__doc__": None,
                    "__package__": None,
                    "__spec__": None,
                    "__loader__": None,
                }
                ctx = self.context_override() if self.context_override else None
                with ctx if ctx is not None else contextlib.nullcontext():
                    try:
                        with self._lock:
                            if job.kind:
                                raise _INTERRUPTS[job.kind]()
                            job.running = True
                            if self.hard_stop is not None and job.timeout:
                                remaining = job.started + job.timeout - time.monotonic()
                                self.hard_stop.arm(max(remaining, 0.0) + self.grace + HARD_STOP_MARGIN)
                        exec(codeobj, user_globals)
                    finally:
                        # An interrupt injected just before the code ended can still be
                        # delivered here (at most one is pending: the watchdog injects
                        # only while job.running). Retry until the state is consistent;
                        # kept inline on purpose: a function call would add a
                        # checkpoint outside the try.
                        while True:
                            try:
                                with self._lock:
                                    job.running = False
                                    if self.hard_stop is not None:
                                        self.hard_stop.disarm()
                                    _clear_async_exc(self.main_tid)
                                break
                            except BridgeInterrupt:
                                continue
        except ServerExit:
            raise
        except BridgeInterrupt as exc:
            ok = False
            kind = job.kind or exc.kind
            if kind == "Timeout":
                message = f"execution exceeded the time limit of {job.timeout:g} s"
            else:
                message = "execution was cancelled"
            error = self._runtime_error(exc, filename, stage, type_name=kind, message=message)
        except SystemExit as exc:
            if exc.code not in (None, 0):
                ok = False
                error = self._runtime_error(exc, filename, stage)
        except BaseException as exc:
            ok = False
            error = self._runtime_error(exc, filename, stage)
        finally:
            sys.stdout, sys.stderr, sys.stdin = saved_io
            with self._lock:
                job.done.set()
                self._job = None
            if saved_cache is None:
                linecache.cache.pop(filename, None)
            else:
                linecache.cache[filename] = saved_cache
        return {
            "ok": ok,
            "stdout": out.getvalue(),
            "stderr": err.getvalue(),
            "duration": round(time.perf_counter() - started, 6),
            "error": error,
            "warnings": compile_warnings,
        }

    # -- error mapping ------------------------------------------------------------

    @staticmethod
    def _compile_error(exc: BaseException, filename: str) -> dict:
        formatted = "".join(traceback.format_exception_only(type(exc), exc))
        if isinstance(exc, SyntaxError):
            return {
                "type": type(exc).__name__,
                "message": exc.msg or str(exc),
                "filename": exc.filename or filename,
                "line": exc.lineno,
                "column": exc.offset,
                "end_line": getattr(exc, "end_lineno", None),
                "end_column": getattr(exc, "end_offset", None),
                "text": exc.text.rstrip("\r\n") if exc.text else None,
                "traceback": [],
                "formatted": formatted,
                "stage": "compile",
            }
        return {
            "type": type(exc).__name__,
            "message": str(exc),
            "filename": filename,
            "line": None,
            "column": None,
            "traceback": [],
            "formatted": formatted,
            "stage": "compile",
        }

    @staticmethod
    def _runtime_error(exc: BaseException, filename: str, stage: str, *, type_name=None, message=None) -> dict:
        summary = traceback.extract_tb(exc.__traceback__)
        start = next((i for i, f in enumerate(summary) if f.filename == filename), None)
        if start is None:
            frames_in = [f for f in summary if f.filename != _THIS_FILE]
        else:
            frames_in = list(summary)[start:]
        frames = []
        for f in frames_in:
            end_line = getattr(f, "end_lineno", None)
            frames.append({
                "filename": f.filename,
                "line": f.lineno,
                "name": f.name,
                "text": f.line or None,
                "column": _char_column(f.filename, f.lineno, getattr(f, "colno", None)),
                "end_line": end_line,
                "end_column": _char_column(f.filename, end_line, getattr(f, "end_colno", None)),
            })
        deepest = next((fr for fr in reversed(frames) if fr["filename"] == filename), None)
        tname = type_name or type(exc).__name__
        if message is None:
            message = str(exc)
        formatted = "Traceback (most recent call last):\n" + "".join(
            traceback.format_list([f for f in frames_in])
        )
        if type_name:
            formatted += f"{tname}: {message}\n"
        else:
            formatted += "".join(traceback.format_exception_only(type(exc), exc))
        err = {
            "type": tname,
            "message": message,
            "filename": filename,
            "line": deepest["line"] if deepest else None,
            "column": deepest["column"] if deepest else None,
            "end_line": deepest["end_line"] if deepest else None,
            "end_column": deepest["end_column"] if deepest else None,
            "traceback": frames,
            "formatted": formatted,
            "stage": stage,
        }
        if type_name is None and type(exc).__module__ not in ("builtins", "__main__"):
            err["qualified_type"] = f"{type(exc).__module__}.{type(exc).__qualname__}"
        return err
