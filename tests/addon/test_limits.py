"""Regression tests: the bridge answers every bad message once, and a local process
cannot starve it (hello deadline, connection caps, no threads per connection).

Each reproducer of issue 12, item 6, against the real headless server.
Run:  .venv/bin/python -m unittest discover -s tests/addon -v
"""

import json
import os
import select
import socket
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from bridgetest import Server, bpy_python, have_bpy  # noqa: E402

HAVE_BPY = have_bpy()
SKIP_MSG = f"no Python with bpy at {bpy_python()} (set BPY_PYTHON)"


def error(req_id, message, code, **details):
    return {"id": req_id, "status": "error", "message": message, "error": dict(code=code, **details)}


def readable(sock, timeout=0.2) -> bool:
    return bool(select.select([sock], [], [], timeout)[0])


def thread_count(pid) -> int:
    return len(os.listdir(f"/proc/{pid}/task"))


@unittest.skipUnless(HAVE_BPY, SKIP_MSG)
class BadMessagesTest(unittest.TestCase):
    """Every message gets exactly one reply, then the connection closes only if the protocol says so."""

    @classmethod
    def setUpClass(cls):
        cls.server = Server("--no-conn-file", "--hello-timeout", "30")

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def setUp(self):
        self.assertIsNone(self.server.proc.poll(), "server died:\n" + self.server.stderr())

    def fresh(self, hello=False):
        c = self.server.connect(hello=hello)
        self.addCleanup(c.close)
        return c

    def assert_alive(self, c):
        """The connection still serves: a ping and a run are answered."""
        r = c.call("hello", {})
        self.assertEqual(r["status"], "success", r)
        self.assertEqual(c.run("print(6 * 7)")["stdout"], "42\n")

    def test_deeply_nested_json_before_hello_is_answered_then_closed(self):
        c = self.fresh()
        c.send_raw(b"[" * 30000 + b"]" * 30000 + b"\n")  # under the 64 KiB pre-hello limit
        self.assertEqual(c.recv(), error(None, "malformed JSON: nested too deeply", "parse_error"))
        self.assertTrue(c.at_eof())

    def test_deeply_nested_json_after_hello_is_answered_and_kept(self):
        c = self.fresh(hello=True)
        c.send_raw(b'{"id":5,"type":"execute_code","params":{"code":"pass","x":' + b"[" * 100000
                   + b"]" * 100000 + b"}}\n")
        self.assertEqual(c.recv(), error(None, "malformed JSON: nested too deeply", "parse_error"))
        self.assert_alive(c)

    def test_nested_id_is_refused_without_echoing_it(self):
        c = self.fresh(hello=True)
        c.send_raw(b'{"id":' + b"[" * 500 + b"1" + b"]" * 500 + b',"type":"hello"}\n')
        msg = "'id' must be a string (valid Unicode), a finite number, true, false or null"
        self.assertEqual(c.recv(), error(None, msg, "invalid_request"))
        c.send_raw(b'{"id":{"a":1},"type":"hello"}\n')
        self.assertEqual(c.recv(), error(None, msg, "invalid_request"))
        self.assert_alive(c)

    def test_lone_surrogate_token_is_unauthorized(self):
        c = self.fresh()
        c.send_raw(b'{"id":1,"type":"hello","params":{"token":"\\ud800"}}\n')
        self.assertEqual(c.recv(), error(1, "invalid token", "unauthorized"))
        self.assertTrue(c.at_eof())

    def test_lone_surrogates_after_hello(self):
        c = self.fresh(hello=True)
        # An id that UTF-8 cannot carry cannot be echoed: refused, id null.
        c.send_raw(b'{"id":"a\\udc00","type":"hello"}\n')
        self.assertEqual(c.recv(), error(None, "'id' must be a string (valid Unicode), a finite number, true, "
                                               "false or null", "invalid_request"))
        # In the type: echoed with U+FFFD, the reply stays valid UTF-8.
        c.send_raw(b'{"id":2,"type":"x\\ud800"}\n')
        raw = c.sock.recv(65536) if not c.buf else b""
        line = (c.buf + raw).split(b"\n")[0]
        c.buf = (c.buf + raw)[len(line) + 1:]
        self.assertEqual(line.decode("utf-8"), '{"id":2,"status":"error","message":"unknown request type x\ufffd",'
                                               '"error":{"code":"unknown_type","type":"x\ufffd"}}')
        # Printed by user code: U+FFFD as well.
        self.assertEqual(c.run("print('\\ud800' + 'ok')")["stdout"], "\ufffdok\n")
        self.assert_alive(c)

    def test_invalid_utf8_before_hello_is_answered_then_closed(self):
        c = self.fresh()
        c.send_raw(b'{"id":1,"type":"hello","params":{"token":"\xff"}}\n')
        self.assertEqual(c.recv(), error(None, "invalid UTF-8 at byte 42", "parse_error"))
        self.assertTrue(c.at_eof())

    def test_invalid_utf8_after_hello_is_answered_and_kept(self):
        c = self.fresh(hello=True)
        line = b'{"id":3,"type":"hello","params":{"x":"\xc3("}}\n'
        self.assertEqual(line.index(b"\xc3"), 38)  # the byte offset the reply names
        c.send_raw(line)
        self.assertEqual(c.recv(), error(None, "invalid UTF-8 at byte 38", "parse_error"))
        self.assert_alive(c)

    def test_oversized_line_before_hello_is_answered_then_closed(self):
        c = self.fresh()
        c.send_raw(b'{"id":1,"type":"hello","params":{"token":"' + b"a" * 70000 + b'"}}\n')
        self.assertEqual(c.recv(), error(None, "message exceeds 65536 bytes before hello", "message_too_large",
                                         max_message_bytes=65536))
        self.assertTrue(c.at_eof())

    def test_several_bad_lines_in_one_packet_each_answered_once(self):
        c = self.fresh(hello=True)
        c.send_raw(b"[" * 5000 + b"\n" + b"\xff\n" + b"42\n" + b'{"id":9}\n' + b'{"id":10,"type":"hello"}\n')
        replies = [c.recv() for _ in range(5)]
        self.assertEqual(replies[:4], [
            error(None, "malformed JSON: nested too deeply", "parse_error"),
            error(None, "invalid UTF-8 at byte 0", "parse_error"),
            error(None, "a request must be a JSON object", "invalid_request"),
            error(9, "missing or invalid 'type'", "invalid_request"),
        ])
        self.assertEqual((replies[4]["id"], replies[4]["status"]), (10, "success"))
        self.assertFalse(readable(c.sock), "a sixth reply")


@unittest.skipUnless(HAVE_BPY, SKIP_MSG)
class RaisedRecursionLimitTest(unittest.TestCase):
    def test_deep_nesting_after_user_code_raised_the_recursion_limit(self):
        # With the limit raised, json.loads would overflow the I/O thread's C stack
        # (the process died with SIGSEGV) instead of raising RecursionError.
        s = Server("--no-conn-file")
        try:
            c = s.connect()
            self.assertTrue(c.run("import sys\nsys.setrecursionlimit(1_000_000)")["ok"])
            c.send_raw(b'{"id":1,"type":"x","params":' + b"[" * 3_000_000 + b"]" * 3_000_000 + b"}\n")
            self.assertEqual(c.recv(), error(None, "malformed JSON: nested too deeply", "parse_error"))
            # Brackets inside strings are not nesting: this is an ordinary request.
            code = "s = '" + "[" * 5000 + "'\nprint(len(s))"
            self.assertEqual(c.run(code)["stdout"], "5000\n")
            self.assertIsNone(s.proc.poll())
            c.close()
        finally:
            s.stop()


@unittest.skipUnless(HAVE_BPY, SKIP_MSG)
class HelloDeadlineTest(unittest.TestCase):
    def test_slow_drip_is_cut_at_the_total_deadline(self):
        s = Server("--no-conn-file", "--hello-timeout", "1.5")
        try:
            # A valid hello, one byte every 0.25 s: each byte is well inside any per-read
            # limit, the whole would take 20 s.
            hello = json.dumps({"id": 1, "type": "hello", "params": {"token": s.token}}).encode() + b"\n"
            sock = socket.create_connection((s.info["host"], s.info["port"]), timeout=10)
            t0 = time.monotonic()
            got = b""
            sent = 0
            try:
                while b"\n" not in got and time.monotonic() - t0 < 8:
                    if readable(sock, 0.25):
                        got += sock.recv(65536)
                    elif sent < len(hello) - 1:  # never the final newline
                        sock.sendall(hello[sent:sent + 1])
                        sent += 1
                elapsed = time.monotonic() - t0
                self.assertEqual(json.loads(got.split(b"\n")[0]),
                                 error(None, "no hello received within 1.5 s", "hello_required"))
                self.assertGreaterEqual(elapsed, 1.4)
                self.assertLess(elapsed, 3.5)  # headroom for a loaded machine; the drip alone would take 20 s
                self.assertGreater(sent, 3)
                sock.settimeout(5)
                rest = b""
                while True:
                    chunk = sock.recv(65536)
                    if not chunk:
                        break
                    rest += chunk
                self.assertEqual(got.split(b"\n", 1)[1] + rest, b"")
            finally:
                sock.close()
            # A prompt client is not affected.
            c = s.connect()
            self.assertEqual(c.run("print('after')")["stdout"], "after\n")
            time.sleep(1.8)  # past the deadline: an authenticated connection has none
            self.assertEqual(c.run("print('still')")["stdout"], "still\n")
            c.close()
        finally:
            s.stop()


@unittest.skipUnless(HAVE_BPY, SKIP_MSG)
class ConnectionCapsTest(unittest.TestCase):
    def idle(self, s, n):
        out = []
        for _ in range(n):
            sock = socket.create_connection((s.info["host"], s.info["port"]), timeout=10)
            self.addCleanup(sock.close)
            out.append(sock)
            time.sleep(0.05)  # accepted in this order
        return out

    def read_all(self, sock) -> bytes:
        sock.settimeout(5)
        data = b""
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                return data
            data += chunk

    def test_unauthenticated_cap_drops_the_oldest_and_lets_a_client_in(self):
        s = Server("--no-conn-file", "--hello-timeout", "60", "--max-unauthenticated", "3",
                   "--max-connections", "8")
        self.addCleanup(s.stop)
        first, second, third = self.idle(s, 3)
        time.sleep(0.2)
        for sock in (first, second, third):
            self.assertFalse(readable(sock), "an idle connection under the cap was closed")
        # The cap is full; a legitimate client still gets in, the oldest idle one goes.
        c = s.connect()
        self.assertEqual(c.run("print('in')")["stdout"], "in\n")
        evicted = [json.loads(line) for line in self.read_all(first).splitlines()]
        self.assertEqual(evicted, [error(None, "closed to make room for a new connection: more than 3 connections "
                                               "were waiting for hello", "too_many_connections",
                                         max_unauthenticated=3)])
        for sock in (second, third):
            self.assertFalse(readable(sock))
        # The client that authenticated left the waiting ones: a fourth fits, a fifth
        # pushes out the next oldest, never the authenticated client.
        (fourth,) = self.idle(s, 1)
        time.sleep(0.2)
        for sock in (second, third, fourth):
            self.assertFalse(readable(sock))
        (fifth,) = self.idle(s, 1)
        self.assertEqual(len(self.read_all(second).splitlines()), 1)
        for sock in (third, fourth, fifth):
            self.assertFalse(readable(sock))
        self.assertEqual(c.call("hello", {})["status"], "success")
        c.close()

    def test_total_cap_refuses_only_when_every_slot_is_authenticated(self):
        s = Server("--no-conn-file", "--hello-timeout", "60", "--max-unauthenticated", "2",
                   "--max-connections", "4")
        self.addCleanup(s.stop)
        clients = [s.connect() for _ in range(3)]
        (idle,) = self.idle(s, 1)
        time.sleep(0.2)
        # Full (3 authenticated + 1 waiting): the waiting one makes room for a new client.
        fourth = s.connect()
        clients.append(fourth)
        self.assertEqual([json.loads(x) for x in self.read_all(idle).splitlines()],
                         [error(None, "closed to make room for a new connection: at most 4 connections",
                                "too_many_connections", max_connections=4)])
        # Four authenticated: a fifth is told why and closed.
        refused = socket.create_connection((s.info["host"], s.info["port"]), timeout=10)
        self.addCleanup(refused.close)
        self.assertEqual([json.loads(x) for x in self.read_all(refused).splitlines()],
                         [error(None, "too many connections (at most 4)", "too_many_connections",
                                max_connections=4)])
        for c in clients:
            self.assertEqual(c.call("hello", {})["status"], "success")
        # One leaves: there is room again.
        clients.pop().close()
        time.sleep(0.3)
        again = s.connect()
        self.assertEqual(again.run("print(1)")["stdout"], "1\n")
        for c in clients + [again]:
            c.close()

    @unittest.skipUnless(os.path.isdir("/proc/self/task"), "needs /proc")
    def test_idle_connections_cost_no_threads(self):
        s = Server("--no-conn-file")  # default caps: 32 connections, 8 waiting for hello
        self.addCleanup(s.stop)
        warm = s.connect()
        self.assertTrue(warm.run("pass")["ok"])  # the watchdog thread exists from now on
        time.sleep(0.3)
        before = thread_count(s.proc.pid)
        clients = [s.connect() for _ in range(23)]
        idle = self.idle(s, 8)
        time.sleep(0.3)
        after = thread_count(s.proc.pid)
        self.assertEqual(after, before, f"{before} threads before 31 idle connections, {after} after")
        for sock in idle:
            self.assertFalse(readable(sock, 0.01))
        ids = [c.request("execute_code", {"code": f"print({i})"}) for i, c in enumerate(clients)]
        for i, (c, rid) in enumerate(zip(clients, ids)):
            self.assertEqual(c.recv_id(rid)["result"]["stdout"], f"{i}\n")
        for c in clients + [warm]:
            c.close()


if __name__ == "__main__":
    unittest.main()
