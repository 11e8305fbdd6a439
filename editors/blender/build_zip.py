#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Build the installable zips of the bpy-lsp bridge add-on (stdlib only).

    python editors/blender/build_zip.py [--out-dir dist] [--no-validate]

Writes two deterministic archives:

* ``bpy_lsp_bridge-<version>.zip``: legacy add-on (a ``bpy_lsp_bridge/`` folder;
  Preferences > Add-ons > Install from Disk in any Blender >= 4.2, or unzip into
  the ``scripts/addons`` folder).
* ``bpy_lsp_bridge-<version>-extension.zip``: extension (``blender_manifest.toml``
  at the top level; Preferences > Get Extensions > Install from Disk).

If Blender's extension tool ``blender_ext.py`` can be found (``$BLENDER_EXT``, or
the ``bpy`` module in the repository's ``.venv``), the extension zip is checked
with ``blender_ext.py validate``.
"""

import argparse
import glob
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
PKG = HERE / "bpy_lsp_bridge"
REPO = HERE.parent.parent
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def manifest_version() -> str:
    text = (PKG / "blender_manifest.toml").read_text(encoding="utf-8")
    m = re.search(r'^version\s*=\s*"([^"]+)"', text, re.M)
    if not m:
        sys.exit("build_zip: no version in blender_manifest.toml")
    return m.group(1)


def bl_info_version() -> str:
    text = (PKG / "__init__.py").read_text(encoding="utf-8")
    m = re.search(r'"version":\s*\((\d+),\s*(\d+),\s*(\d+)\)', text)
    if not m:
        sys.exit("build_zip: no bl_info version in __init__.py")
    return ".".join(m.groups())


def package_files():
    for path in sorted(PKG.rglob("*")):
        rel = path.relative_to(PKG)
        if path.is_dir() or "__pycache__" in rel.parts or path.suffix in (".pyc", ".pyo"):
            continue
        if any(part.startswith(".") for part in rel.parts):
            continue
        yield path, rel.as_posix()


def write_zip(target: Path, entries) -> None:
    tmp = target.with_suffix(".zip.tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for src, name in entries:
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, src.read_bytes())
    os.replace(tmp, target)


def find_blender_ext():
    env = os.environ.get("BLENDER_EXT")
    if env:
        return env if os.path.isfile(env) else None
    pattern = str(REPO / ".venv" / "lib" / "python*" / "site-packages" / "bpy" / "*" / "scripts" /
                  "addons_core" / "bl_pkg" / "cli" / "blender_ext.py")
    found = sorted(glob.glob(pattern))
    return found[-1] if found else None


def validate(zip_path: Path) -> bool | None:
    tool = find_blender_ext()
    if tool is None:
        print("build_zip: blender_ext.py not found, extension zip not validated")
        return None
    python = sys.executable if sys.version_info >= (3, 11) else "python3"  # needs tomllib
    proc = subprocess.run([python, tool, "validate", str(zip_path)], capture_output=True, text=True)
    out = (proc.stdout + proc.stderr).strip()
    print(f"build_zip: blender_ext validate: {out}")
    return proc.returncode == 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out-dir", default=str(REPO / "dist"), help="output folder (default <repo>/dist)")
    ap.add_argument("--no-validate", action="store_true", help="skip blender_ext.py validate")
    args = ap.parse_args(argv)

    version = manifest_version()
    if bl_info_version() != version:
        print(f"build_zip: bl_info version {bl_info_version()} != manifest version {version}", file=sys.stderr)
        return 1
    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files = list(package_files())

    legacy = out / f"bpy_lsp_bridge-{version}.zip"
    write_zip(legacy, [(src, f"bpy_lsp_bridge/{rel}") for src, rel in files if rel != "blender_manifest.toml"])
    extension = out / f"bpy_lsp_bridge-{version}-extension.zip"
    write_zip(extension, files)
    print(legacy)
    print(extension)
    if not args.no_validate and validate(extension) is False:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
