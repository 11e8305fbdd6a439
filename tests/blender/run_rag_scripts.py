"""Verify the BlenderRAG example and asset scripts.

Run with a Python that can ``import bpy`` (Blender as a module)::

    .venv/bin/python tests/blender/run_rag_scripts.py [-v] [paths...]

Without arguments every ``*.py`` in rag_data/examples and rag_data/assets is
checked.  A path may be a file or a directory.  For each script the verifier

1. resets Blender to a fresh, empty scene,
2. checks the ``# key: value`` header (title, shows, tags, blender; assets also
   need ``params``),
3. runs the script with ``runpy.run_path(path, run_name="__main__")``,
4. for assets (files in an ``assets`` directory), checks that ``build()``
   exists and that its parameters and defaults match the ``# params:`` line,
5. checks that the evaluated scene contains geometry (mesh vertices, curve or
   text geometry, geometry-nodes output, hair curves or point clouds).

It prints one line per file and exits with status 1 if anything failed.
The scripts' own output (prints, render logs) is hidden unless ``-v`` is given.
Each script is stopped after RAG_SCRIPT_TIMEOUT seconds (default 60).
"""

import ast
import contextlib
import inspect
import os
import re
import runpy
import signal
import sys
import tempfile
import time
import traceback

import bpy

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_DIRS = [
    os.path.join(ROOT, "rag_data", "examples"),
    os.path.join(ROOT, "rag_data", "assets"),
]
REQUIRED_KEYS = ("title", "shows", "tags", "blender")
TIMEOUT = int(os.environ.get("RAG_SCRIPT_TIMEOUT", "60"))  # seconds per script
HEADER_LINE = re.compile(r"^# ([a-z_]+): (\S.*)$")


def collect(paths):
    files = []
    for p in paths or [d for d in DEFAULT_DIRS if os.path.isdir(d)]:
        if os.path.isdir(p):
            files.extend(
                os.path.join(p, f)
                for f in sorted(os.listdir(p))
                if f.endswith(".py") and not f.startswith("_")
            )
        else:
            files.append(p)
    return files


def parse_header(path):
    """Return the dict of leading ``# key: value`` lines (must end with a blank line)."""
    header = {}
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    i = 0
    while i < len(lines):
        m = HEADER_LINE.match(lines[i])
        if not m:
            break
        header[m.group(1)] = m.group(2).strip()
        i += 1
    if i == 0:
        raise ValueError("missing '# key: value' header")
    if i >= len(lines) or lines[i].strip() != "":
        raise ValueError("header must be followed by a blank line")
    missing = [k for k in REQUIRED_KEYS if not header.get(k)]
    if is_asset(path):
        if "params" not in header:
            missing.append("params")
    if missing:
        raise ValueError("header lacks: " + ", ".join(missing))
    if not re.match(r"^\d+\.\d+$", header["blender"]):
        raise ValueError("bad blender version %r" % header["blender"])
    return header


def reset_scene():
    bpy.ops.wm.read_factory_settings(use_empty=True)


def count_geometry():
    """Count vertices/points of everything the evaluated scene would draw."""
    depsgraph = bpy.context.evaluated_depsgraph_get()
    depsgraph.update()
    total = 0
    for inst in depsgraph.object_instances:
        ob = inst.object
        if ob.type == "MESH":
            total += len(ob.data.vertices)
        elif ob.type in {"CURVE", "FONT", "SURFACE", "META"}:
            try:
                mesh = ob.to_mesh()
                total += len(mesh.vertices) if mesh else 0
            finally:
                ob.to_mesh_clear()
        elif ob.type == "CURVES":
            total += len(ob.data.points)
        elif ob.type == "POINTCLOUD":
            total += len(ob.data.points)
        elif ob.type == "GREASEPENCIL":
            for layer in ob.data.layers:
                frame = layer.current_frame()
                if frame is not None:
                    total += sum(len(s.points) for s in frame.drawing.strokes)
    return total


@contextlib.contextmanager
def captured_output(log):
    """Send everything written to fd 1/2 (prints, Blender/Cycles logs) to *log*."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    os.dup2(log.fileno(), 1)
    os.dup2(log.fileno(), 2)
    try:
        yield
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        os.close(saved[0])
        os.close(saved[1])


def is_asset(path):
    return os.path.basename(os.path.dirname(os.path.abspath(path))) == "assets"


def check_asset_api(header, namespace):
    """Assets must define build(**params) whose signature matches '# params:'."""
    build = namespace.get("build")
    if not callable(build):
        raise AssertionError("asset does not define build()")
    call = ast.parse("f(%s)" % header["params"], mode="eval").body
    declared = [(kw.arg, ast.literal_eval(kw.value)) for kw in call.keywords]
    actual = [(name, p.default) for name, p in inspect.signature(build).parameters.items()]
    if any(default is inspect.Parameter.empty for _, default in actual):
        raise AssertionError("every build() parameter needs a default")
    norm = lambda pairs: [(k, tuple(v) if isinstance(v, list) else v) for k, v in pairs]
    if norm(declared) != norm(actual):
        raise AssertionError("'# params:' %r does not match build%s"
                             % (header["params"], inspect.signature(build)))


def check(path, log):
    reset_scene()
    header = parse_header(path)
    old_cwd = os.getcwd()
    def on_timeout(signum, frame):
        raise TimeoutError("script took longer than %ds" % TIMEOUT)

    old_handler = signal.signal(signal.SIGALRM, on_timeout)
    signal.alarm(TIMEOUT)
    try:
        with captured_output(log):
            namespace = runpy.run_path(path, run_name="__main__")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old_handler)
        os.chdir(old_cwd)
        if bpy.context.object and bpy.context.object.mode != "OBJECT":
            bpy.ops.object.mode_set(mode="OBJECT")
    if is_asset(path):
        check_asset_api(header, namespace)
        roots = [o for o in bpy.context.scene.objects if o.parent is None]
        if not roots:
            raise AssertionError("asset left no root object")
    verts = count_geometry()
    if verts <= 0:
        raise AssertionError("script left no geometry in the scene")
    return verts


def main(argv):
    verbose = "-v" in argv
    argv = [a for a in argv if a != "-v"]
    files = collect(argv)
    if not files:
        print("no scripts found")
        return 1
    passed = failed = 0
    start = time.perf_counter()
    for path in files:
        name = os.path.relpath(path, ROOT)
        if name.startswith(".."):
            name = path
        t0 = time.perf_counter()
        log = tempfile.TemporaryFile(mode="w+")
        try:
            verts = check(path, log)
        except BaseException as exc:  # SystemExit from a script counts too
            if isinstance(exc, KeyboardInterrupt):
                raise
            failed += 1
            if verbose:
                log.seek(0)
                sys.stdout.write(log.read())
            tb = traceback.extract_tb(exc.__traceback__)
            where = ""
            for frame in reversed(tb):
                if os.path.abspath(frame.filename) == os.path.abspath(path):
                    where = " (line %d)" % frame.lineno
                    break
            msg = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            print("FAIL %s: %s: %s%s" % (name, type(exc).__name__, msg, where), flush=True)
            continue
        passed += 1
        if verbose:
            log.seek(0)
            sys.stdout.write(log.read())
        log.close()
        print("ok  %s  (verts=%d, %.2fs)" % (name, verts, time.perf_counter() - t0), flush=True)
    print("%d passed, %d failed (%.1fs)" % (passed, failed, time.perf_counter() - start))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
