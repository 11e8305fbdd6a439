# SPDX-License-Identifier: GPL-3.0-or-later
"""Last-resort exit for the headless server when user code is stuck in C.

C code that holds the GIL (a long-running operator, ``sum(range(10**15))``)
starves every Python thread, including the watchdog. This module arms a timer
that does not need the GIL:

* Linux: a POSIX timer (``timer_create``) that sends SIGQUIT, whose C-level
  handler is libc ``_exit``; the handler receives the signal number, 3, so the
  process ends with exit code 3, immediately, without running any more Python.
* elsewhere: ``faulthandler.dump_traceback_later(exit=True)``, which dumps the
  Python stacks to stderr and ends the process with exit code 1.

Only the headless server uses it: a GUI Blender is never killed.
"""

import ctypes
import ctypes.util
import faulthandler
import sys

SIGQUIT = 3
CLOCK_MONOTONIC = 1
SIGEV_SIGNAL = 0


class _Timespec(ctypes.Structure):
    _fields_ = [("tv_sec", ctypes.c_long), ("tv_nsec", ctypes.c_long)]


class _Itimerspec(ctypes.Structure):
    _fields_ = [("it_interval", _Timespec), ("it_value", _Timespec)]


class _Sigevent(ctypes.Structure):  # glibc/musl layout, 64 bytes on LP64
    _fields_ = [("sigev_value", ctypes.c_void_p),
                ("sigev_signo", ctypes.c_int),
                ("sigev_notify", ctypes.c_int),
                ("_pad", ctypes.c_int * 12)]


class HardStop:
    def __init__(self):
        self.method = None
        self._libc = None
        self._timer = None
        self._armed = False
        if sys.platform.startswith("linux") and ctypes.sizeof(ctypes.c_void_p) == 8:
            try:
                self._setup_posix_timer()
                self.method = "posix-timer"
            except Exception:
                self._timer = None
        if self.method is None:
            self.method = "faulthandler"

    def _setup_posix_timer(self):
        libc = ctypes.CDLL(None, use_errno=True)
        timer_create = getattr(libc, "timer_create", None)
        lib_timer = libc
        if timer_create is None:  # glibc < 2.34
            lib_timer = ctypes.CDLL(ctypes.util.find_library("rt") or "librt.so.1", use_errno=True)
        lib_timer.timer_create.argtypes = [ctypes.c_int, ctypes.POINTER(_Sigevent),
                                           ctypes.POINTER(ctypes.c_void_p)]
        lib_timer.timer_create.restype = ctypes.c_int
        lib_timer.timer_settime.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.POINTER(_Itimerspec),
                                            ctypes.c_void_p]
        lib_timer.timer_settime.restype = ctypes.c_int
        sev = _Sigevent()
        sev.sigev_signo = SIGQUIT
        sev.sigev_notify = SIGEV_SIGNAL
        timer = ctypes.c_void_p()
        if lib_timer.timer_create(CLOCK_MONOTONIC, ctypes.byref(sev), ctypes.byref(timer)) != 0:
            raise OSError(ctypes.get_errno(), "timer_create failed")
        # SIGQUIT's handler is _exit itself: _exit(3).
        libc.signal.argtypes = [ctypes.c_int, ctypes.c_void_p]
        libc.signal.restype = ctypes.c_void_p
        exit_addr = ctypes.cast(libc._exit, ctypes.c_void_p).value
        libc.signal(SIGQUIT, exit_addr)
        self._libc = lib_timer
        self._timer = timer

    def arm(self, seconds: float) -> None:
        """(Re)arm: end the process ``seconds`` from now unless :meth:`disarm` is called."""
        seconds = max(0.001, float(seconds))
        if self.method == "posix-timer":
            its = _Itimerspec()
            its.it_value.tv_sec = int(seconds)
            its.it_value.tv_nsec = int((seconds - int(seconds)) * 1e9)
            self._libc.timer_settime(self._timer, 0, ctypes.byref(its), None)
        else:
            faulthandler.dump_traceback_later(seconds, exit=True, file=sys.__stderr__)
        self._armed = True

    def disarm(self) -> None:
        if not self._armed:
            return
        if self.method == "posix-timer":
            its = _Itimerspec()
            self._libc.timer_settime(self._timer, 0, ctypes.byref(its), None)
        else:
            faulthandler.cancel_dump_traceback_later()
        self._armed = False
