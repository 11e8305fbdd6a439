"""Benchmark: headless start-to-ready time and execute_code round-trip.

    .venv/bin/python tests/addon/bench_roundtrip.py [N]

Starts the real headless server (``$BPY_PYTHON``, default .venv/bin/python), then
sends N (default 200) trivial ``execute_code`` requests one after another over one
connection and prints the median and other percentiles of the round-trip time.
"""

import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from bridgetest import Server  # noqa: E402


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    starts = []
    for _ in range(3):
        s = Server("--no-conn-file")
        starts.append(s.ready_seconds)
        s.stop()
    server = Server()
    try:
        c = server.connect()
        t0 = time.perf_counter()
        r = c.call("hello", {"token": server.token})
        hello = time.perf_counter() - t0
        assert r["status"] == "success"
        for _ in range(10):  # warm up
            c.run("x = 1")
        times = []
        inner = []
        for _ in range(n):
            t0 = time.perf_counter()
            res = c.run("x = 1")
            times.append(time.perf_counter() - t0)
            inner.append(res["duration"])
            assert res["ok"]
        times.sort()
        ms = [t * 1000 for t in times]
        print(f"headless start-to-ready: {', '.join(f'{t:.3f}' for t in starts)} s "
              f"(median {statistics.median(starts):.3f} s)")
        print(f"hello round-trip: {hello * 1000:.2f} ms")
        print(f"execute_code 'x = 1' round-trip over {n} requests: median {statistics.median(ms):.3f} ms, "
              f"p90 {ms[int(n * 0.9) - 1]:.3f} ms, p99 {ms[int(n * 0.99) - 1]:.3f} ms, "
              f"min {ms[0]:.3f} ms, max {ms[-1]:.3f} ms")
        print(f"  of which inside execute_code (result.duration): median "
              f"{statistics.median(inner) * 1000:.3f} ms")
        c.close()
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
