"""Shared code of record.py and test_corpus.py: find the corpus scripts, read their
headers, run them in real Blender and run `bpy-lsp check` over them.

A corpus script is a `*.py` file in this directory whose first line is
`# mistake: ...`. Its header:

    # mistake: <one line: what is wrong>
    # blender-error: <ExceptionType at line N>   (written by record.py --write)
    # category: none                              (only for mistakes outside bpy-lsp's categories)

Blender runs in a child process (the Python that runs this file, which must be able to
`import bpy`, or the one named by $BPY_CORPUS_PYTHON). The child runs every script on a
fresh empty scene (`bpy.ops.wm.read_factory_settings(use_empty=True)`), compiled with
its own file name so that traceback line numbers are the script's lines.
"""

import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
EXPECTED_JSON = os.path.join(HERE, "expected.json")
BLENDER_VERSION = "4.4"

_HEADER_RE = re.compile(r"^#\s*([a-z-]+):\s*(.*?)\s*$")


def corpus_scripts():
    """Absolute paths of the corpus scripts, sorted by file name."""
    out = []
    for name in sorted(os.listdir(HERE)):
        path = os.path.join(HERE, name)
        if not name.endswith(".py") or not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8") as f:
            first = f.readline()
        if first.startswith("# mistake:"):
            out.append(path)
    return out


def read_header(path):
    """The `# key: value` lines at the top of a script, as a dict (keys: mistake,
    blender-error, category, ...)."""
    header = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = _HEADER_RE.match(line)
            if not m:
                break
            header[m.group(1)] = m.group(2)
    return header


def in_category(path):
    return read_header(path).get("category", "").lower() != "none"


def error_summary(result):
    """The `# blender-error:` text for a run result."""
    return f"{result['type']} at line {result['line']}"


def load_expected():
    with open(EXPECTED_JSON, encoding="utf-8") as f:
        return json.load(f)


# --- running the scripts in Blender -------------------------------------------------


def _worker(results_path, scripts):
    """Runs in the child process: run each script, append one JSON line per script."""
    import traceback

    import bpy

    with open(results_path, "a", encoding="utf-8") as out:
        for path in scripts:
            bpy.ops.wm.read_factory_settings(use_empty=True)
            with open(path, encoding="utf-8") as f:
                source = f.read()
            result = {"file": os.path.basename(path), "raised": False}
            try:
                code = compile(source, path, "exec")
                exec(code, {"__name__": "__main__", "__file__": path, "__builtins__": __builtins__})
            except BaseException as e:  # noqa: BLE001 - SystemExit from a script counts too
                line = None
                for frame in traceback.extract_tb(e.__traceback__):
                    if frame.filename == path:
                        line = frame.lineno
                if isinstance(e, SyntaxError) and e.filename == path:
                    line = e.lineno
                result.update(raised=True, type=type(e).__name__, message=str(e).strip(), line=line)
            out.write(json.dumps(result) + "\n")
            out.flush()


def blender_python():
    return os.environ.get("BPY_CORPUS_PYTHON", sys.executable)


def check_blender_available():
    """None when the Blender Python module can be imported, else an explanation."""
    py = blender_python()
    try:
        p = subprocess.run([py, "-c", "import bpy"], capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as e:
        return f"cannot run {py}: {e}"
    if p.returncode != 0:
        return (
            f"{py} cannot `import bpy` (run with the Blender 4.4 module's Python, e.g. "
            f".venv/bin/python, or set BPY_CORPUS_PYTHON):\n{p.stderr.strip()[-2000:]}"
        )
    return None


def run_in_blender(scripts, verbose=False):
    """Run `scripts` (absolute paths) in Blender; {file name: result} where a result is
    {raised, type, message, line}. A script that crashes the child is recorded as
    type "Crash" and the rest continue in a new child."""
    results = {}
    remaining = list(scripts)
    fd, results_path = tempfile.mkstemp(prefix="bpy_corpus_", suffix=".jsonl")
    os.close(fd)
    try:
        while remaining:
            open(results_path, "w").close()
            cmd = [blender_python(), os.path.abspath(__file__), "--worker", results_path, *remaining]
            p = subprocess.run(
                cmd,
                stdout=None if verbose else subprocess.DEVNULL,
                stderr=None if verbose else subprocess.PIPE,
                text=True,
                timeout=120 + 20 * len(remaining),
            )
            with open(results_path, encoding="utf-8") as f:
                done = [json.loads(line) for line in f if line.strip()]
            for r in done:
                results[r["file"]] = r
            remaining = remaining[len(done):]
            if remaining and p.returncode == 0:
                raise RuntimeError("the Blender worker stopped early without an error")
            if remaining:
                crashed = remaining.pop(0)
                tail = (p.stderr or "").strip()[-1000:]
                results[os.path.basename(crashed)] = {
                    "file": os.path.basename(crashed),
                    "raised": True,
                    "type": "Crash",
                    "message": f"Blender exited with {p.returncode}: {tail}",
                    "line": None,
                }
    finally:
        os.unlink(results_path)
    return results


# --- running bpy-lsp ----------------------------------------------------------------


def lsp_binary():
    path = os.environ.get("BPY_LSP_BIN", os.path.join(REPO, "target", "release", "bpy-lsp"))
    return os.path.abspath(path)


def run_check():
    """Diagnostics of `bpy-lsp check tests/lint_corpus --format json`, grouped as
    {script file name: [diagnostic, ...]} for the corpus scripts only."""
    binary = lsp_binary()
    if not os.path.isfile(binary):
        raise FileNotFoundError(
            f"bpy-lsp binary not found at {binary}; build it with `cargo build --release` "
            f"or point BPY_LSP_BIN at it"
        )
    p = subprocess.run(
        [binary, "check", HERE, "--format", "json", "--blender-version", BLENDER_VERSION],
        capture_output=True,
        text=True,
        timeout=300,
    )
    try:
        diags = json.loads(p.stdout)
    except json.JSONDecodeError as e:
        raise RuntimeError(
            f"`bpy-lsp check` (exit {p.returncode}) did not print JSON: {e}\n"
            f"stdout: {p.stdout[:2000]}\nstderr: {p.stderr[:2000]}"
        ) from None
    names = {os.path.basename(s) for s in corpus_scripts()}
    out = {n: [] for n in names}
    for d in diags:
        path = os.path.realpath(d["file"])
        if os.path.dirname(path) == os.path.realpath(HERE) and os.path.basename(path) in names:
            out[os.path.basename(path)].append(d)
    return out


def score(expected, diags_by_file):
    """Per-script catch results against Blender's recorded error lines.

    Returns a list of dicts {file, in_category, line, error, caught, hits, false_alarms}
    sorted by file: `hits` are the diagnostics on the error line, `false_alarms` those on
    any other line."""
    rows = []
    for path in corpus_scripts():
        name = os.path.basename(path)
        exp = expected.get(name)
        diags = diags_by_file.get(name, [])
        line = exp["line"] if exp else None
        hits = [d for d in diags if d["line"] == line]
        rows.append(
            {
                "file": name,
                "in_category": in_category(path),
                "line": line,
                "error": f"{exp['type']}: {exp['message']}" if exp else "(not recorded)",
                "caught": bool(hits),
                "hits": hits,
                "false_alarms": [d for d in diags if d["line"] != line],
            }
        )
    return rows


def rates(rows):
    """(caught, total) over all scripts and over the in-category scripts."""
    all_caught = sum(r["caught"] for r in rows)
    cat = [r for r in rows if r["in_category"]]
    return (all_caught, len(rows)), (sum(r["caught"] for r in cat), len(cat))


def shorten(text, width):
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


if __name__ == "__main__" and len(sys.argv) >= 3 and sys.argv[1] == "--worker":
    _worker(sys.argv[2], sys.argv[3:])
