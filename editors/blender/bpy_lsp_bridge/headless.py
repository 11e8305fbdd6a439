# SPDX-License-Identifier: GPL-3.0-or-later
"""Headless server: ``blender -b --python serve.py -- ARGS`` or ``python serve.py ARGS``.

When the server listens it prints exactly one line::

    BPY_LSP_READY {"host": ..., "port": ..., "token": ..., "pid": ..., "blender_version": ...}

to stdout (or to the file descriptor given by ``--ready-fd``) and flushes it.
Exit codes: 0 after ``shutdown`` or SIGTERM/SIGINT, 2 for bad arguments or when
the socket cannot be opened, 3 when user code could not be stopped.
"""

import argparse
import json
import os
import signal
import sys
import threading

READY_PREFIX = "BPY_LSP_READY "


def _argv(argv=None):
    if argv is None:
        argv = sys.argv
        if "--" in argv:
            return argv[argv.index("--") + 1:]
        try:
            import bpy
            inside_blender = bool(bpy.app.binary_path)  # "" for the pip bpy module
        except Exception:
            inside_blender = False
        # `blender -b --python serve.py` without `--`: sys.argv holds Blender's own arguments.
        return [] if inside_blender else argv[1:]
    if "--" in argv:
        return argv[argv.index("--") + 1:]
    return list(argv)


def parse_args(argv=None):
    from .executor import DEFAULT_GRACE
    from .server import DEFAULT_MAX_MESSAGE_BYTES, HELLO_TIMEOUT, MAX_CONNECTIONS, MAX_UNAUTHENTICATED

    ap = argparse.ArgumentParser(
        prog="serve.py",
        description="Serve the bpy-lsp bridge protocol from a headless Blender.")
    ap.add_argument("--host", default="127.0.0.1",
                    help="address to listen on (default 127.0.0.1; other addresses expose code execution)")
    ap.add_argument("--port", type=int, default=0, help="TCP port, 0 = any free port (default 0)")
    ap.add_argument("--token", default=None,
                    help="auth token (default: $BPY_LSP_TOKEN, else a random one)")
    ap.add_argument("--conn-file", default=None,
                    help="where to write the connection file "
                         "(default <state dir>/bpy-lsp/connections/blender-<pid>.json)")
    ap.add_argument("--no-conn-file", action="store_true", help="do not write a connection file")
    ready = ap.add_mutually_exclusive_group()
    ready.add_argument("--ready-fd", type=int, default=None,
                       help="write the BPY_LSP_READY line to this inherited file descriptor instead of stdout")
    ready.add_argument("--print-ready", action="store_true",
                       help="print the BPY_LSP_READY line to stdout (the default)")
    ap.add_argument("--max-message-bytes", type=int, default=DEFAULT_MAX_MESSAGE_BYTES,
                    help=f"largest accepted request line in bytes (default {DEFAULT_MAX_MESSAGE_BYTES})")
    ap.add_argument("--hello-timeout", type=float, default=HELLO_TIMEOUT,
                    help=f"seconds a new connection has, in total, to authenticate with hello (default {HELLO_TIMEOUT:g})")
    ap.add_argument("--max-connections", type=int, default=MAX_CONNECTIONS,
                    help=f"most connections held at once, closing ones included (default {MAX_CONNECTIONS})")
    ap.add_argument("--max-unauthenticated", type=int, default=MAX_UNAUTHENTICATED,
                    help="most connections waiting for their hello; a new one closes the oldest "
                         f"(default {MAX_UNAUTHENTICATED})")
    ap.add_argument("--grace", type=float, default=DEFAULT_GRACE,
                    help="seconds to wait after a timeout/cancel before giving up and exiting with code 3 "
                         f"(default {DEFAULT_GRACE})")
    ap.add_argument("--verbose", "-v", action="store_true", help="log connections to stderr")
    return ap.parse_args(_argv(argv))


def _exit(code: int) -> None:
    for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
        try:
            stream.flush()
        except Exception:
            pass
    # os._exit: skip interpreter/Blender teardown, which can be slow and is not needed.
    os._exit(code)


def main(argv=None) -> None:
    args = parse_args(argv)
    if args.max_message_bytes < 1024:
        print("serve.py: --max-message-bytes must be at least 1024", file=sys.stderr)
        _exit(2)
    if not args.hello_timeout > 0 or args.max_connections < 1 or args.max_unauthenticated < 1:
        print("serve.py: --hello-timeout must be positive, --max-connections and --max-unauthenticated "
              "at least 1", file=sys.stderr)
        _exit(2)

    from . import server as server_mod
    if args.verbose:
        server_mod.VERBOSE = True
    from .bridge import Bridge
    from .executor import ServerExit

    sys.setswitchinterval(0.001)  # fewer 5 ms GIL hand-off stalls between socket threads and main
    on_main = threading.current_thread() is threading.main_thread()
    if on_main:
        stopping = []

        def _stop(signum, frame):
            if not stopping:  # a second signal during clean-up is ignored
                stopping.append(signum)
                raise ServerExit()
        for name in ("SIGTERM", "SIGINT", "SIGHUP"):
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), _stop)
        if hasattr(signal, "SIGUSR1"):
            # Only used to interrupt blocking system calls in user code (see executor.py).
            signal.signal(signal.SIGUSR1, lambda signum, frame: None)

    bridge = Bridge(host=args.host, port=args.port, token=args.token, mode="headless",
                    conn_file=args.conn_file, write_conn_file=not args.no_conn_file,
                    max_message_bytes=args.max_message_bytes, grace=args.grace,
                    hello_timeout=args.hello_timeout, max_connections=args.max_connections,
                    max_unauthenticated=args.max_unauthenticated)
    try:
        info = bridge.start()
    except OSError as exc:
        print(f"serve.py: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        _exit(2)

    ready = {k: info[k] for k in ("host", "port", "token", "pid", "blender_version")}
    ready["mode"] = info["mode"]
    ready["protocol"] = info["protocol"]
    if bridge.conn_file is not None:
        ready["conn_file"] = str(bridge.conn_file.path)
    line = READY_PREFIX + json.dumps(ready, separators=(",", ":")) + "\n"
    if args.ready_fd is not None:
        try:
            os.write(args.ready_fd, line.encode("utf-8"))
            os.close(args.ready_fd)
        except OSError as exc:
            print(f"serve.py: cannot write to --ready-fd {args.ready_fd}: {exc}", file=sys.stderr)
            bridge.stop()
            _exit(2)
    else:
        out = sys.__stdout__ or sys.stdout
        out.write(line)
        out.flush()

    code = 0
    try:
        bridge.run_forever()
        code = bridge.exit_code or 0
    except (ServerExit, KeyboardInterrupt):
        code = 0
    finally:
        if bridge.executor.hard_stop is not None:
            bridge.executor.hard_stop.disarm()
        bridge.stop()
    _exit(code)
