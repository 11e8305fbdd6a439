# SPDX-License-Identifier: GPL-3.0-or-later
"""The connection file: how bpy-lsp finds a running bridge.

No ``bpy`` here, so this module can be imported (and tested) anywhere.

Location::

    <state dir>/bpy-lsp/connections/blender-<pid>.json

``<state dir>`` is ``$XDG_STATE_HOME`` or ``~/.local/state`` on Linux (and other
Unixes), ``~/Library/Application Support`` on macOS and ``%LOCALAPPDATA%`` on
Windows. The environment variable ``BPY_LSP_STATE_DIR`` replaces the whole
``<state dir>/bpy-lsp`` part.
"""

import atexit
import json
import os
import sys
import tempfile
import threading
from pathlib import Path

STATE_DIR_ENV = "BPY_LSP_STATE_DIR"


def state_dir() -> Path:
    """``<state dir>/bpy-lsp`` (or ``$BPY_LSP_STATE_DIR``)."""
    override = os.environ.get(STATE_DIR_ENV)
    if override:
        return Path(override).expanduser()
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "bpy-lsp"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "bpy-lsp"
    xdg = os.environ.get("XDG_STATE_HOME")
    # The XDG spec says relative paths must be ignored.
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "bpy-lsp"
    return Path.home() / ".local" / "state" / "bpy-lsp"


def connections_dir() -> Path:
    return state_dir() / "connections"


def default_path(pid: int | None = None) -> Path:
    return connections_dir() / f"blender-{os.getpid() if pid is None else pid}.json"


def _makedirs_private(path: Path) -> None:
    """Create ``path`` (and parents). Directories we create get mode 0700."""
    missing = []
    p = path
    while not p.exists():
        missing.append(p)
        if p.parent == p:
            break
        p = p.parent
    for d in reversed(missing):
        try:
            os.mkdir(d, 0o700)
        except FileExistsError:
            pass


def write_file(path: Path, info: dict) -> None:
    """Atomically write ``info`` as JSON to ``path`` with mode 0600."""
    path = Path(path)
    _makedirs_private(path.parent)
    data = (json.dumps(info, indent=2, sort_keys=True) + "\n").encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=".blender-", suffix=".tmp", dir=str(path.parent))
    try:
        # mkstemp already creates the file 0600; be explicit for odd umasks.
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def pid_alive(pid: int) -> bool | None:
    """True/False on POSIX; None where it cannot be checked safely (Windows)."""
    if os.name != "posix":
        return None  # os.kill(pid, 0) would terminate the process on Windows
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return None
    return True


def prune_stale(directory: Path | None = None) -> list[Path]:
    """Remove ``blender-<pid>.json`` files whose process is gone (POSIX only).

    A headless server that had to end itself from C (exit code 3) cannot remove
    its file, so every bridge cleans up after dead ones when it starts.
    """
    directory = Path(directory) if directory else connections_dir()
    removed = []
    try:
        entries = list(directory.glob("blender-*.json"))
    except OSError:
        return removed
    for path in entries:
        try:
            pid = int(path.stem.split("-", 1)[1])
        except (IndexError, ValueError):
            continue
        if pid != os.getpid() and pid_alive(pid) is False:
            try:
                path.unlink()
                removed.append(path)
            except OSError:
                pass
    return removed


class ConnectionFile:
    """Writes the connection file once and removes it on :meth:`remove` or at exit."""

    def __init__(self, path: Path | str | None = None):
        self.path = Path(path) if path else default_path()
        self._lock = threading.Lock()
        self._written = False
        self._atexit = False

    def write(self, info: dict) -> Path:
        with self._lock:
            write_file(self.path, info)
            self._written = True
            if not self._atexit:
                atexit.register(self.remove)
                self._atexit = True
        return self.path

    def remove(self) -> None:
        with self._lock:
            if not self._written:
                return
            self._written = False
            try:
                os.unlink(self.path)
            except FileNotFoundError:
                pass
            except OSError as exc:  # pragma: no cover - best effort
                print(f"bpy-lsp bridge: could not remove {self.path}: {exc}", file=sys.__stderr__)
