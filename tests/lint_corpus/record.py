"""Record the error real Blender raises for each corpus script.

    .venv/bin/python tests/lint_corpus/record.py            # run and print the table
    .venv/bin/python tests/lint_corpus/record.py --write    # ... and store expected.json
                                                            # and the `# blender-error:` headers
    .venv/bin/python tests/lint_corpus/record.py -v FILE..  # only these scripts, with Blender's output

Each script runs on a fresh empty scene (`read_factory_settings(use_empty=True)`); the
error's line is the deepest traceback frame in the script. A script that does not raise
is a broken corpus entry: the run fails (exit 1) and nothing is written.
"""

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import corpus_lib as lib  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--write", action="store_true", help="store expected.json and the blender-error headers")
    ap.add_argument("-v", "--verbose", action="store_true", help="show Blender's and the scripts' output")
    ap.add_argument("files", nargs="*", help="only these scripts (no --write)")
    args = ap.parse_args()

    problem = lib.check_blender_available()
    if problem:
        sys.exit(problem)

    scripts = lib.corpus_scripts()
    if args.files:
        if args.write:
            sys.exit("--write records the whole corpus; give no files")
        wanted = {os.path.abspath(f) for f in args.files}
        scripts = [s for s in scripts if s in wanted]
        if len(scripts) != len(wanted):
            sys.exit(f"not corpus scripts: {sorted(wanted - set(scripts))}")

    results = lib.run_in_blender(scripts, verbose=args.verbose)

    bad = []
    print(f"{'script':42} {'cat':4} {'line':>4}  error")
    for path in scripts:
        name = os.path.basename(path)
        r = results[name]
        header = lib.read_header(path)
        cat = "yes" if lib.in_category(path) else "none"
        if not r["raised"]:
            bad.append(f"{name}: does not raise in Blender")
            print(f"{name:42} {cat:4} {'-':>4}  (no error)")
            continue
        if r["line"] is None:
            bad.append(f"{name}: {r['type']} raised outside the script ({r['message'][:200]})")
        if r["type"] == "Crash":
            bad.append(f"{name}: {r['message'][:300]}")
        if "mistake" not in header:
            bad.append(f"{name}: no `# mistake:` header")
        print(f"{name:42} {cat:4} {r['line'] or '?':>4}  {r['type']}: {lib.shorten(r['message'], 90)}")

    total = len(scripts)
    n_cat = sum(lib.in_category(s) for s in scripts)
    print(f"\n{total} scripts, {n_cat} in bpy-lsp's categories, {total - n_cat} outside (# category: none)")
    if bad:
        print("\nBroken corpus entries:", *bad, sep="\n  ")
        sys.exit(1)

    if args.write:
        expected = {}
        for path in scripts:
            r = results[os.path.basename(path)]
            expected[os.path.basename(path)] = {"type": r["type"], "message": r["message"], "line": r["line"]}
            _write_header(path, lib.error_summary(r))
        with open(lib.EXPECTED_JSON, "w", encoding="utf-8") as f:
            json.dump(expected, f, indent=2, sort_keys=True, ensure_ascii=False)
            f.write("\n")
        print(f"wrote {os.path.relpath(lib.EXPECTED_JSON)} and the blender-error headers")


def _write_header(path, summary):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for i, line in enumerate(lines):
        if not line.startswith("#"):
            break
        if line.startswith("# blender-error:"):
            lines[i] = f"# blender-error: {summary}"
            break
    else:
        raise SystemExit(f"{path}: no `# blender-error:` line in the header")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    main()
