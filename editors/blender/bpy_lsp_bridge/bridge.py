# SPDX-License-Identifier: GPL-3.0-or-later
"""The bridge: a :class:`~.server.BridgeServer` plus the main-thread side.

``Bridge.handle`` runs on Blender's main thread: from a ``bpy.app.timers``
function in a GUI Blender (:meth:`Bridge.process_pending`) or from the blocking
loop of the headless server (:meth:`Bridge.run_forever`).
"""

import datetime
import os
import queue
import secrets
import sys
import threading
import time
import traceback

import bpy

from . import connection, scene as scene_mod
from .executor import DEFAULT_FILENAME, DEFAULT_GRACE, DEFAULT_TIMEOUT, Executor, ServerExit
from .server import (DEFAULT_MAX_MESSAGE_BYTES, HELLO_TIMEOUT, MAX_CONNECTIONS, MAX_UNAUTHENTICATED,
                     PROTOCOL_VERSION, BridgeServer, ParamError, log)

ADDON_VERSION = "0.1.0"
TOKEN_ENV = "BPY_LSP_TOKEN"
REQUEST_TYPES = ["hello", "execute_code", "get_scene_info", "render", "cancel", "shutdown"]


def blender_version() -> str:
    return ".".join(str(v) for v in bpy.app.version)


def resolve_token(explicit: str | None = None) -> str:
    return explicit or os.environ.get(TOKEN_ENV) or secrets.token_urlsafe(32)


def _utc_now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _gui_context_override():
    """A ``temp_override`` context with a window and (if any) a 3D viewport."""
    wm = bpy.context.window_manager
    if wm is None or not wm.windows:
        return None
    window = bpy.context.window or wm.windows[0]
    kwargs = {"window": window}
    screen = window.screen
    if screen is not None:
        kwargs["screen"] = screen
        for area in screen.areas:
            if area.type == "VIEW_3D":
                region = next((r for r in area.regions if r.type == "WINDOW"), None)
                kwargs["area"] = area
                if region is not None:
                    kwargs["region"] = region
                break
    try:
        return bpy.context.temp_override(**kwargs)
    except Exception:
        return None


class Bridge:
    def __init__(self, *, host: str = "127.0.0.1", port: int = 0, token: str | None = None,
                 mode: str | None = None, conn_file: str | None = None, write_conn_file: bool = True,
                 max_message_bytes: int = DEFAULT_MAX_MESSAGE_BYTES, grace: float = DEFAULT_GRACE,
                 hello_timeout: float = HELLO_TIMEOUT, max_connections: int = MAX_CONNECTIONS,
                 max_unauthenticated: int = MAX_UNAUTHENTICATED, on_exit=None):
        self.mode = mode or ("headless" if bpy.app.background else "gui")
        self.token = resolve_token(token)
        self.on_exit = on_exit  # headless: called with an exit code when the process must end
        self.started_at = None
        self.stopping = False
        self.exit_code = None
        self.last_request = None  # {"type", "id", "status", "duration", "time"} for the UI
        self.requests_handled = 0
        self._wake = threading.Event()
        self.conn_file = connection.ConnectionFile(conn_file) if write_conn_file else None
        self.executor = Executor(
            grace=grace,
            on_stuck=self._on_stuck,
            reset_scene=self._reset_scene,
            context_override=_gui_context_override if self.mode == "gui" else None,
            use_signal=self.mode == "headless" and threading.current_thread() is threading.main_thread(),
            hard_stop=self._make_hard_stop(),
        )
        self.server = BridgeServer(
            host, port, token=self.token, max_message_bytes=max_message_bytes,
            hello_timeout=hello_timeout, max_connections=max_connections,
            max_unauthenticated=max_unauthenticated,
            hello_info={
                "blender_version": blender_version(),
                "protocol": PROTOCOL_VERSION,
                "mode": self.mode,
                "pid": os.getpid(),
                "addon_version": ADDON_VERSION,
                "types": REQUEST_TYPES,
            },
            on_cancel=self.executor.cancel,
        )

    def _make_hard_stop(self):
        if self.mode != "headless":
            return None  # never kill a user's GUI Blender
        try:
            from .hardstop import HardStop
            return HardStop()
        except Exception as exc:  # pragma: no cover
            log(f"no hard stop available: {exc}", always=True)
            return None

    # -- lifecycle ----------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self.server.running

    def connection_info(self) -> dict:
        return {
            "host": self.server.bound_host,
            "port": self.server.port,
            "token": self.token,
            "blender_version": blender_version(),
            "pid": os.getpid(),
            "mode": self.mode,
            "started_at": self.started_at,
            "protocol": PROTOCOL_VERSION,
            "addon_version": ADDON_VERSION,
        }

    def start(self) -> dict:
        self.server.start()
        self.started_at = _utc_now()
        info = self.connection_info()
        if self.conn_file is not None:
            connection.prune_stale(self.conn_file.path.parent)
            self.conn_file.write(info)
        log(f"serving {self.mode} bridge on {info['host']}:{info['port']}", always=True)
        return info

    def stop(self) -> None:
        # Headless: the process exits right after, so let the sockets close cleanly first.
        self.server.stop(wait=1.5 if self.mode == "headless" else 0.0)
        self.executor.close()  # stop() runs on the main thread, so no user code is running
        if self.conn_file is not None:
            self.conn_file.remove()

    def _on_stuck(self, job) -> None:
        if self.mode == "headless":
            log(f"request {job.request_id!r} did not stop within the grace period after "
                f"{job.kind.lower()}; exiting with code 3", always=True)
            if self.conn_file is not None:
                self.conn_file.remove()
            try:
                sys.__stderr__.flush()
            except Exception:
                pass
            os._exit(3)
        log(f"request {job.request_id!r} is stuck in C code and cannot be interrupted", always=True)

    def _reset_scene(self) -> None:
        if self.mode == "headless":
            bpy.ops.wm.read_factory_settings(use_empty=True)
        else:
            # Keeps preferences and add-ons (read_factory_settings would disable this add-on).
            bpy.ops.wm.read_homefile(use_empty=True, load_ui=False)

    # -- main thread --------------------------------------------------------------

    def run_forever(self) -> None:
        """Headless: block on the request queue until shutdown."""
        q = self.server.requests
        while not self.stopping:
            try:
                req = q.get(timeout=0.5)
            except queue.Empty:
                continue
            self.handle(req)

    def process_pending(self, budget: float = 0.1) -> int:
        """GUI timer: handle queued requests for up to ``budget`` seconds."""
        n = 0
        end = time.monotonic() + budget
        q = self.server.requests
        while not self.stopping:
            try:
                req = q.get_nowait()
            except queue.Empty:
                break
            self.handle(req)
            n += 1
            if time.monotonic() >= end:
                break
        return n

    def handle(self, req) -> None:
        t0 = time.perf_counter()
        status = "success"
        try:
            handler = getattr(self, "_do_" + req.type, None) if req.type in REQUEST_TYPES else None
            if handler is None:
                status = "error"
                req.reply_error(f"unknown request type {req.type}", "unknown_type", type=req.type)
            else:
                result = handler(req.params, req)
                if req.type == "shutdown":
                    req.reply(result)
                    self._shutdown(req)
                else:
                    req.reply(result)
                    if req.type == "execute_code" and not result.get("ok"):
                        status = "ok:false"
        except ServerExit:
            raise
        except ParamError as exc:
            status = "error"
            req.reply_error(str(exc), "invalid_params")
        except BaseException as exc:  # a bug or a Blender error: answer, keep serving
            status = "error"
            req.reply_error(f"{type(exc).__name__}: {exc}", "internal_error",
                            type=type(exc).__name__, traceback=traceback.format_exc())
        finally:
            self.requests_handled += 1
            self.last_request = {
                "type": req.type,
                "id": req.id,
                "status": status,
                "duration": round(time.perf_counter() - t0, 6),
                "time": time.time(),
            }

    def _shutdown(self, req) -> None:
        self.stopping = True
        req.conn.flushed.wait(2.0)
        self.stop()
        if self.mode == "headless":
            self.exit_code = 0

    # -- handlers -----------------------------------------------------------------

    def _do_hello(self, params, req):
        return self.server.hello_result()

    def _do_cancel(self, params, req):
        return self.executor.cancel()

    def _do_shutdown(self, params, req):
        return {"shutting_down": True, "mode": self.mode,
                "exits": self.mode == "headless"}

    def _do_execute_code(self, params, req):
        code = params.get("code")
        if not isinstance(code, str):
            raise ParamError("'code' must be a string")
        filename = params.get("filename") or DEFAULT_FILENAME
        if not isinstance(filename, str):
            raise ParamError("'filename' must be a string")
        fresh = params.get("fresh_scene", False)
        if not isinstance(fresh, bool):
            raise ParamError("'fresh_scene' must be true or false")
        timeout = params.get("timeout", DEFAULT_TIMEOUT)
        if timeout is not None and (isinstance(timeout, bool) or not isinstance(timeout, (int, float))):
            raise ParamError("'timeout' must be a number of seconds or null")
        return self.executor.run(req.id, code, filename, fresh, timeout)

    def _do_get_scene_info(self, params, req):
        offset = params.get("offset", 0)
        limit = params.get("limit", scene_mod.DEFAULT_LIMIT)
        for key, value in (("offset", offset), ("limit", limit)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ParamError(f"'{key}' must be a non-negative integer")
        return scene_mod.get_scene_info(offset, limit)

    def _do_render(self, params, req):
        from . import render
        return render.render(params, default_engine="CYCLES" if self.mode == "headless"
                             else "BLENDER_EEVEE_NEXT")
