"""End-to-end tests of the Blender bridge add-on against the real headless server.

Run:  .venv/bin/python -m unittest discover -s tests/addon -v
The Python with ``bpy`` is ``$BPY_PYTHON`` (default ``.venv/bin/python``).
"""

import json
import os
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import textwrap
import time
import unittest
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from bridgetest import REPO, Server, bpy_python, have_bpy, luminance_stats, read_png  # noqa: E402

HAVE_BPY = have_bpy()
SKIP_MSG = f"no Python with bpy at {bpy_python()} (set BPY_PYTHON)"


@unittest.skipUnless(HAVE_BPY, SKIP_MSG)
class BridgeTest(unittest.TestCase):
    """Most tests share one server (small message limit, short grace)."""

    server = None

    @classmethod
    def setUpClass(cls):
        cls.server = Server("--max-message-bytes", "65536", "--grace", "3")
        cls.client = cls.server.connect()

    @classmethod
    def tearDownClass(cls):
        cls.client.close()
        cls.server.stop()

    def setUp(self):
        self.assertIsNone(self.server.proc.poll(), "server died:\n" + self.server.stderr())

    # -- hello / auth -------------------------------------------------------------

    def test_ready_line_and_hello(self):
        info = self.server.info
        self.assertEqual(info["host"], "127.0.0.1")
        self.assertGreater(info["port"], 0)
        self.assertEqual(info["pid"], self.server.proc.pid)
        self.assertEqual(info["blender_version"].split(".")[0], "4")
        ready_lines = [line for line in self.server.stdout_lines if line.startswith("BPY_LSP_READY ")]
        self.assertEqual(len(ready_lines), 1)
        c = self.server.connect(hello=False)
        try:
            r = c.call("hello", {"token": self.server.token, "client": "bpy-lsp 0.1"})
            self.assertEqual(r["status"], "success")
            res = r["result"]
            self.assertEqual(res["protocol"], 1)
            self.assertEqual(res["mode"], "headless")
            self.assertEqual(res["pid"], self.server.proc.pid)
            self.assertEqual(res["blender_version"], info["blender_version"])
            self.assertEqual(res["max_message_bytes"], 65536)
            # hello again on an authenticated connection is harmless
            self.assertEqual(c.call("hello", {"token": self.server.token})["status"], "success")
        finally:
            c.close()

    def test_wrong_token_refused_and_closed(self):
        c = self.server.connect(hello=False)
        try:
            r = c.call("hello", {"token": "not-the-token", "client": "x"})
            self.assertEqual(r["status"], "error")
            self.assertEqual(r["error"]["code"], "unauthorized")
            self.assertTrue(c.at_eof())
        finally:
            c.close()

    def test_missing_token_refused(self):
        c = self.server.connect(hello=False)
        try:
            r = c.call("hello", {"client": "x"})
            self.assertEqual(r["status"], "error")
            self.assertTrue(c.at_eof())
        finally:
            c.close()

    def test_first_message_must_be_hello(self):
        c = self.server.connect(hello=False)
        try:
            r = c.call("execute_code", {"code": "print(1)"})
            self.assertEqual(r["status"], "error")
            self.assertEqual(r["error"]["code"], "hello_required")
            self.assertTrue(c.at_eof())
        finally:
            c.close()

    def test_malformed_first_message_closes(self):
        c = self.server.connect(hello=False)
        try:
            c.send_raw(b"this is not json\n")
            r = c.recv()
            self.assertEqual(r["status"], "error")
            self.assertIsNone(r["id"])
            self.assertTrue(c.at_eof())
        finally:
            c.close()

    # -- framing ------------------------------------------------------------------

    def test_malformed_json_keeps_connection(self):
        c = self.client
        c.send_raw(b'{"id": 5, "type": "execute_code", params: }\n')
        r = c.recv()
        self.assertEqual(r["status"], "error")
        self.assertIsNone(r["id"])
        self.assertEqual(r["error"]["code"], "parse_error")
        c.send_raw(b"[1, 2, 3]\n")
        r = c.recv()
        self.assertEqual((r["status"], r["id"], r["error"]["code"]), ("error", None, "invalid_request"))
        self.assertTrue(c.run("print('still here')")["ok"])

    def test_oversized_message_answered_and_server_keeps_serving(self):
        c = self.server.connect()
        try:
            big = json.dumps({"id": 1, "type": "execute_code", "params": {"code": "x = '" + "a" * 200_000 + "'"}})
            # Oversized line, sent in pieces, followed in the same stream by a valid request.
            data = big.encode() + b"\n" + json.dumps(
                {"id": 2, "type": "execute_code", "params": {"code": "print('after')"}}).encode() + b"\n"
            for i in range(0, len(data), 7000):
                c.send_raw(data[i:i + 7000])
            first = c.recv()
            self.assertEqual(first["status"], "error")
            self.assertIsNone(first["id"])
            self.assertEqual(first["error"]["code"], "message_too_large")
            second = c.recv_id(2)
            self.assertEqual(second["status"], "success")
            self.assertEqual(second["result"]["stdout"], "after\n")
            # Just under the limit is fine.
            code = "x = '" + "b" * 60_000 + "'\nprint(len(x))"
            self.assertEqual(c.run(code)["stdout"], "60000\n")
        finally:
            c.close()
        self.assertTrue(self.client.run("pass")["ok"])

    def test_half_closed_client_still_gets_replies(self):
        sock = socket.create_connection((self.server.info["host"], self.server.info["port"]), timeout=30)
        try:
            sock.sendall(json.dumps({"id": 1, "type": "hello", "params": {"token": self.server.token}}).encode()
                         + b"\n" + json.dumps({"id": 2, "type": "execute_code",
                                               "params": {"code": "print('\u00e9\u2713')"}}).encode() + b"\n")
            sock.shutdown(socket.SHUT_WR)
            data = b""
            while True:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                data += chunk
        finally:
            sock.close()
        replies = [json.loads(x) for x in data.splitlines()]
        self.assertEqual([r["id"] for r in replies], [1, 2])
        self.assertEqual(replies[1]["result"]["stdout"], "\u00e9\u2713\n")

    def test_unknown_type(self):
        r = self.client.call("make_coffee", {})
        self.assertEqual(r["status"], "error")
        self.assertEqual(r["message"], "unknown request type make_coffee")
        self.assertEqual(r["error"]["code"], "unknown_type")

    def test_invalid_params(self):
        r = self.client.call("execute_code", {"code": 42})
        self.assertEqual(r["status"], "error")
        self.assertEqual(r["error"]["code"], "invalid_params")
        r = self.client.call("render", {"views": 99})
        self.assertEqual(r["error"]["code"], "invalid_params")
        r = self.client.call("render", {"engine": "POVRAY"})
        self.assertEqual(r["error"]["code"], "invalid_params")

    def test_two_clients(self):
        a = self.server.connect()
        b = self.server.connect()
        try:
            ia = a.request("execute_code", {"code": "print('a')"})
            ib = b.request("execute_code", {"code": "print('b')"})
            self.assertEqual(a.recv_id(ia)["result"]["stdout"], "a\n")
            self.assertEqual(b.recv_id(ib)["result"]["stdout"], "b\n")
        finally:
            a.close()
            b.close()

    # -- execute_code -------------------------------------------------------------

    def test_runtime_error_line_inside_function(self):
        code = textwrap.dedent("""\
            import bpy

            def build(n):
                total = 0
                for i in range(n):
                    total += i
                return total / (n - n)

            build(3)
            """)
        self.assertEqual(code.count("\n"), 9)
        res = self.client.run(code, filename="/home/u/chair.py")
        self.assertFalse(res["ok"])
        err = res["error"]
        self.assertEqual(err["type"], "ZeroDivisionError")
        self.assertEqual(err["message"], "division by zero")
        self.assertEqual(err["line"], 7)
        self.assertEqual(err["filename"], "/home/u/chair.py")
        self.assertEqual(err["column"], 12)  # 1-based: "total / (n - n)" starts at column 12
        frames = [(f["filename"], f["line"], f["name"], f["text"]) for f in err["traceback"]]
        self.assertEqual(frames, [
            ("/home/u/chair.py", 9, "<module>", "build(3)"),
            ("/home/u/chair.py", 7, "build", "return total / (n - n)"),
        ])
        self.assertIn('File "/home/u/chair.py", line 7, in build', err["formatted"])

    def test_error_inside_library_reports_user_line(self):
        code = "import bpy\nx = 1\nbpy.ops.object.mode_set(mode='EDIT')\n"
        res = self.client.run(code, fresh_scene=True)
        self.assertFalse(res["ok"])
        self.assertEqual(res["error"]["type"], "RuntimeError")
        self.assertEqual(res["error"]["line"], 3)
        self.assertEqual(res["error"]["traceback"][0]["line"], 3)

    def test_syntax_error_line_and_column(self):
        code = "import bpy\n\nx = [1, 2,\n     3 +]\nprint(x)\n"
        res = self.client.run(code)
        self.assertFalse(res["ok"])
        err = res["error"]
        self.assertEqual(err["type"], "SyntaxError")
        self.assertEqual(err["line"], 4)
        self.assertEqual(err["column"], 9)
        self.assertEqual(err["filename"], "<bpy-lsp>")
        self.assertEqual(err["traceback"], [])
        self.assertEqual(err["stage"], "compile")
        res = self.client.run("def f():\nreturn 1\n")
        self.assertEqual(res["error"]["type"], "IndentationError")
        self.assertEqual(res["error"]["line"], 2)
        # columns count characters, not bytes
        res = self.client.run("s = 'ééé' + )\n")
        self.assertEqual(res["error"]["column"], 13)
        res = self.client.run("s = 'ééé'; x = 1/0\n")
        self.assertEqual((res["error"]["line"], res["error"]["column"], res["error"]["end_column"]), (1, 16, 19))

    def test_stdout_stderr_captured(self):
        code = "import sys\nprint('hello', 42)\nprint('warn', file=sys.stderr)\nsys.stdout.write('x')\n"
        res = self.client.run(code)
        self.assertTrue(res["ok"], res)
        self.assertIsNone(res["error"])
        self.assertEqual(res["stdout"], "hello 42\nx")
        self.assertEqual(res["stderr"], "warn\n")
        self.assertGreaterEqual(res["duration"], 0)

    def test_output_is_capped(self):
        res = self.client.run("print('y' * 3_000_000)")
        self.assertTrue(res["ok"])
        self.assertLess(len(res["stdout"]), 1_100_000)
        self.assertIn("[bpy-lsp: output truncated", res["stdout"])

    def test_fresh_globals_each_run(self):
        self.assertTrue(self.client.run("leftover = 1")["ok"])
        res = self.client.run("print(__name__, __file__)\nprint('leftover' in globals())", filename="buf.py")
        self.assertEqual(res["stdout"], "__main__ buf.py\nFalse\n")

    def test_system_exit_does_not_stop_server(self):
        self.assertTrue(self.client.run("import sys\nsys.exit(0)")["ok"])
        res = self.client.run("import sys\nsys.exit(2)")
        self.assertFalse(res["ok"])
        self.assertEqual(res["error"]["type"], "SystemExit")
        self.assertTrue(self.client.run("pass")["ok"])

    def test_fresh_scene(self):
        self.assertTrue(self.client.run(
            "import bpy\nbpy.ops.mesh.primitive_cube_add()\nbpy.context.object.name = 'Leftover'")["ok"])
        res = self.client.run("import bpy\nprint(sorted(o.name for o in bpy.data.objects))", fresh_scene=True)
        self.assertTrue(res["ok"], res)
        self.assertEqual(res["stdout"], "[]\n")
        res = self.client.run("import bpy\nprint(len(bpy.data.objects))")
        self.assertEqual(res["stdout"], "0\n")

    def test_scene_info_lists_object_from_previous_run(self):
        code = textwrap.dedent("""\
            import bpy
            bpy.ops.mesh.primitive_cube_add(location=(1, 2, 3))
            cube = bpy.context.object
            cube.name = "BridgeCube"
            mat = bpy.data.materials.new("BridgeMat")
            cube.data.materials.append(mat)
            bpy.ops.object.light_add(type='POINT', location=(0, 0, 5))
            """)
        self.assertTrue(self.client.run(code, fresh_scene=True)["ok"])
        r = self.client.call("get_scene_info", {})
        self.assertEqual(r["status"], "success")
        info = r["result"]
        self.assertEqual(info["total_objects"], 2)
        self.assertEqual(info["offset"], 0)
        objs = {o["name"]: o for o in info["objects"]}
        cube = objs["BridgeCube"]
        self.assertEqual(cube["type"], "MESH")
        self.assertEqual(cube["location"], [1.0, 2.0, 3.0])
        self.assertEqual(cube["dimensions"], [2.0, 2.0, 2.0])
        self.assertEqual(cube["materials"], ["BridgeMat"])
        self.assertEqual((cube["vertices"], cube["faces"]), (8, 6))
        self.assertIsNone(cube["parent"])
        self.assertNotIn("vertices", objs["Point"])
        self.assertIn("BridgeMat", info["materials"])
        self.assertIn("BridgeCube", info["collections"][0]["objects"])
        page = self.client.call("get_scene_info", {"offset": 1, "limit": 1})["result"]
        self.assertEqual((len(page["objects"]), page["offset"], page["total_objects"]), (1, 1, 2))

    # -- time limit / cancel ------------------------------------------------------

    def test_infinite_loop_stopped_by_time_limit(self):
        t0 = time.monotonic()
        res = self.client.run("x = 0\nwhile True:\n    x += 1\n", timeout=1.0)
        elapsed = time.monotonic() - t0
        self.assertFalse(res["ok"])
        self.assertEqual(res["error"]["type"], "Timeout")
        self.assertIn(res["error"]["line"], (2, 3))
        self.assertLess(elapsed, 3.0)
        self.assertGreaterEqual(elapsed, 0.9)
        res = self.client.run("print('next run')")
        self.assertTrue(res["ok"])
        self.assertEqual(res["stdout"], "next run\n")

    def test_time_limit_not_swallowed_by_except_exception(self):
        code = "import time\nwhile True:\n    try:\n        time.sleep(0.01)\n    except Exception:\n        pass\n"
        res = self.client.run(code, timeout=0.5)
        self.assertEqual(res["error"]["type"], "Timeout")
        res = self.client.run("import time\ntime.sleep(60)\n", timeout=0.5)
        self.assertEqual(res["error"]["type"], "Timeout")
        self.assertEqual(res["error"]["line"], 2)
        self.assertTrue(self.client.run("pass")["ok"])

    def test_cancel(self):
        c = self.client
        run_id = c.request("execute_code", {"code": "print('started')\nwhile True:\n    pass\n", "timeout": 30})
        time.sleep(0.4)
        t0 = time.monotonic()
        cancel = c.call("cancel", {})
        self.assertEqual(cancel["status"], "success")
        self.assertEqual(cancel["result"], {"cancelled": True, "request_id": run_id})
        res = c.recv_id(run_id)
        self.assertLess(time.monotonic() - t0, 2.0)
        self.assertEqual(res["status"], "success")
        self.assertFalse(res["result"]["ok"])
        self.assertEqual(res["result"]["error"]["type"], "Cancelled")
        self.assertEqual(res["result"]["stdout"], "started\n")
        # nothing running now
        self.assertEqual(c.call("cancel")["result"], {"cancelled": False, "request_id": None})
        self.assertTrue(c.run("pass")["ok"])

    def test_cancel_from_second_connection(self):
        other = self.server.connect()
        try:
            run_id = self.client.request("execute_code", {"code": "while True: pass", "timeout": 30})
            time.sleep(0.3)
            self.assertTrue(other.call("cancel")["result"]["cancelled"])
            self.assertEqual(self.client.recv_id(run_id)["result"]["error"]["type"], "Cancelled")
        finally:
            other.close()

    # -- render -------------------------------------------------------------------

    def test_render_png_size_and_not_blank(self):
        setup = textwrap.dedent("""\
            import bpy
            bpy.ops.mesh.primitive_plane_add(size=6)
            bpy.ops.mesh.primitive_cube_add(location=(0, 0, 1))
            m = bpy.data.materials.new("Red")
            m.diffuse_color = (0.8, 0.1, 0.1, 1)
            bpy.context.object.data.materials.append(m)
            """)
        self.assertTrue(self.client.run(setup, fresh_scene=True)["ok"])
        before = self.client.call("get_scene_info")["result"]
        out = tempfile.mkdtemp(prefix="bpy-lsp-test-render-")
        r = self.client.call("render", {"views": 2, "width": 96, "height": 64, "samples": 4,
                                        "output_dir": out, "include_bytes": True})
        self.assertEqual(r["status"], "success", r)
        res = r["result"]
        self.assertEqual(res["engine"], "CYCLES")
        self.assertEqual(len(res["images"]), 2)
        paths = set()
        for i, img in enumerate(res["images"]):
            self.assertEqual(img["view"], i)
            self.assertEqual((img["width"], img["height"]), (96, 64))
            self.assertTrue(os.path.isfile(img["path"]))
            self.assertEqual(os.path.dirname(img["path"]), os.path.abspath(out))
            paths.add(img["path"])
            w, h, _ch, _rows = read_png(img["path"])
            self.assertEqual((w, h), (96, 64))
            mean, var, distinct = luminance_stats(img["path"])
            self.assertGreater(var, 50.0, f"view {i} looks blank (mean {mean}, var {var})")
            self.assertGreater(distinct, 20)
            import base64
            self.assertEqual(base64.b64decode(img["bytes_b64"]), Path(img["path"]).read_bytes())
        self.assertEqual(len(paths), 2)
        self.assertTrue(res["added_light"])
        self.assertTrue(res["added_world"])
        # the user's scene is unchanged
        after = self.client.call("get_scene_info")["result"]
        self.assertEqual(after, before)
        res = self.client.run(
            "import bpy\nprint(len(bpy.data.cameras), len(bpy.data.lights), len(bpy.data.worlds))")
        self.assertEqual(res["stdout"], "0 0 0\n")

    def test_render_default_square_resolution_workbench(self):
        self.assertTrue(self.client.run(
            "import bpy\nbpy.ops.mesh.primitive_monkey_add()", fresh_scene=True)["ok"])
        r = self.client.call("render", {"resolution": 48, "engine": "BLENDER_WORKBENCH"})
        self.assertEqual(r["status"], "success", r)
        img = r["result"]["images"][0]
        self.assertEqual((img["width"], img["height"]), (48, 48))
        self.assertNotIn("bytes_b64", img)
        self.assertGreater(luminance_stats(img["path"])[1], 20.0)


@unittest.skipUnless(HAVE_BPY, SKIP_MSG)
class LifecycleTest(unittest.TestCase):
    """Tests that end their own server."""

    def test_connection_file_mode_and_removed_on_shutdown(self):
        s = Server(env={"BPY_LSP_TOKEN": "token-from-env"})
        try:
            self.assertEqual(s.token, "token-from-env")
            path = Path(s.state_dir) / "connections" / f"blender-{s.proc.pid}.json"
            self.assertEqual(s.info["conn_file"], str(path))
            self.assertTrue(path.is_file())
            if os.name == "posix":
                self.assertEqual(stat.S_IMODE(path.stat().st_mode), 0o600)
            data = json.loads(path.read_text())
            self.assertEqual(set(data) >= {"host", "port", "token", "blender_version", "pid", "mode",
                                           "started_at"}, True)
            self.assertEqual((data["host"], data["port"], data["token"], data["pid"], data["mode"]),
                             ("127.0.0.1", s.info["port"], "token-from-env", s.proc.pid, "headless"))
            self.assertRegex(data["started_at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
            c = s.connect()
            r = c.call("shutdown", {})
            self.assertEqual(r["status"], "success")
            self.assertTrue(c.at_eof())
            c.close()
            self.assertEqual(s.wait(10), 0)
            self.assertFalse(path.exists())
        finally:
            s.kill()

    def test_explicit_conn_file_token_and_sigterm(self):
        tmp = tempfile.mkdtemp(prefix="bpy-lsp-test-conn-")
        path = Path(tmp) / "sub" / "conn.json"
        s = Server("--conn-file", str(path), "--token", "explicit-token", env={"BPY_LSP_TOKEN": "env"})
        try:
            self.assertEqual(s.token, "explicit-token")
            self.assertEqual(json.loads(path.read_text())["token"], "explicit-token")
            if hasattr(signal, "SIGTERM") and os.name == "posix":
                s.proc.send_signal(signal.SIGTERM)
                self.assertEqual(s.wait(10), 0)
                self.assertFalse(path.exists())
        finally:
            s.kill()

    @unittest.skipUnless(os.name == "posix", "POSIX only")
    def test_code_stuck_in_c_exits_with_code_3(self):
        s = Server("--grace", "1")
        try:
            path = Path(s.info["conn_file"])
            c = s.connect()
            t0 = time.monotonic()
            c.request("execute_code", {"code": "sum(range(10 ** 15))", "timeout": 0.5})
            self.assertTrue(c.at_eof(timeout=20))  # no reply, the connection just ends
            c.close()
            self.assertEqual(s.wait(10), 3)
            self.assertLess(time.monotonic() - t0, 10)
        finally:
            s.kill()
        # Ended from C, the server could not remove its connection file; the next
        # bridge that starts removes files of dead processes.
        s3 = Server(state_dir=s.state_dir)
        try:
            self.assertFalse(path.exists())
            self.assertTrue(Path(s3.info["conn_file"]).exists())
        finally:
            s3.stop()

    def test_ready_fd(self):
        if os.name != "posix":
            self.skipTest("POSIX only")
        r, w = os.pipe()
        env = dict(os.environ, BPY_LSP_STATE_DIR=tempfile.mkdtemp(prefix="bpy-lsp-test-state-"))
        proc = subprocess.Popen([bpy_python(), str(REPO / "editors/blender/serve.py"), "--port", "0",
                                 "--ready-fd", str(w), "--no-conn-file"],
                                pass_fds=(w,), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
        os.close(w)
        try:
            with os.fdopen(r, "rb") as fh:
                line = fh.readline().decode()
            self.assertTrue(line.startswith("BPY_LSP_READY {"), line)
            info = json.loads(line.split(" ", 1)[1])
            self.assertNotIn("conn_file", info)
            sock = socket.create_connection((info["host"], info["port"]))
            sock.sendall(json.dumps({"id": 1, "type": "hello", "params": {"token": info["token"]}}).encode()
                         + b"\n" + b'{"id":2,"type":"shutdown"}\n')
            sock.settimeout(10)
            got = b""
            while True:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                got += chunk
            sock.close()
            replies = [json.loads(x) for x in got.splitlines()]
            self.assertEqual([x["status"] for x in replies], ["success", "success"])
            self.assertEqual(proc.wait(10), 0)
            self.assertNotIn(b"BPY_LSP_READY", proc.stdout.read())
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            proc.stdout.close()


@unittest.skipUnless(HAVE_BPY, SKIP_MSG)
class AddonTest(unittest.TestCase):
    """The add-on as Blender loads it: enable/disable, GUI-mode queue draining (zips: test_install.py)."""

    def test_enable_gui_bridge_and_disable(self):
        script = textwrap.dedent("""\
            import json, socket, sys, threading, time
            sys.path.insert(0, sys.argv[1])
            import bpy, addon_utils
            mod = addon_utils.enable("bpy_lsp_bridge", default_set=True, handle_error=None)
            assert mod is not None
            assert hasattr(bpy.types, "BPYLSP_PT_bridge")
            assert bpy.types.BPYLSP_PT_bridge.bl_category == "bpy-lsp"
            from bpy_lsp_bridge import ui
            prefs = bpy.context.preferences.addons["bpy_lsp_bridge"].preferences
            assert (prefs.host, prefs.port, prefs.auto_start) == ("127.0.0.1", 0, False)
            b = ui.start_bridge(token="gui-token", write_conn_file=False)
            assert b.mode == "gui" and b.running
            replies = []
            def client():
                s = socket.create_connection((b.server.bound_host, b.server.port))
                f = s.makefile("rwb")
                for msg in ({"id": 1, "type": "hello", "params": {"token": "gui-token"}},
                            {"id": 2, "type": "execute_code", "params": {"code": "import bpy; print(bpy.app.version_string)"}},
                            {"id": 3, "type": "shutdown"}):
                    f.write((json.dumps(msg) + "\\n").encode()); f.flush()
                    replies.append(json.loads(f.readline()))
            t = threading.Thread(target=client); t.start()
            deadline = time.time() + 20
            while t.is_alive() and time.time() < deadline:
                ui._tick()          # what bpy.app.timers does in a GUI Blender
                time.sleep(0.01)
            t.join(1)
            assert not b.running    # shutdown in GUI mode stops the server only
            addon_utils.disable("bpy_lsp_bridge", default_set=True)
            assert not hasattr(bpy.types, "BPYLSP_PT_bridge")
            print("RESULT " + json.dumps(replies))
            """)
        proc = subprocess.run([bpy_python(), "-c", script, str(REPO / "editors" / "blender")],
                              capture_output=True, text=True, timeout=60)
        self.assertEqual(proc.returncode, 0, proc.stderr[-3000:])
        line = next(x for x in proc.stdout.splitlines() if x.startswith("RESULT "))
        replies = json.loads(line[len("RESULT "):])
        self.assertEqual(replies[0]["result"]["mode"], "gui")
        self.assertTrue(replies[1]["result"]["ok"], replies[1])
        self.assertTrue(replies[1]["result"]["stdout"].startswith("4."))
        self.assertEqual(replies[2]["result"]["exits"], False)


if __name__ == "__main__":
    unittest.main()
