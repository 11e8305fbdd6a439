#!/usr/bin/env bash
# Generate the API database for one Blender version (see docs/api-db.md).
#
#   rag_data/gen/generate.sh VERSION [OUT]
#
# VERSION is a bpy wheel version on PyPI (e.g. 4.4.0).
#
# The base version (BASE_MM below, the database embedded in the binary) is written in full to
# OUT, by default rag_data/api/blender-MAJOR.MINOR.json.  Every other version is written in full
# to OUT, by default target/api-full/blender-MAJOR.MINOR.json (not committed; tests compare
# against it when present), and as a delta against the base to
# ${DELTA_OUT:-rag_data/api/blender-MAJOR.MINOR.delta.json} (make_delta.py, docs/api-db.md).
#
# Which Blender runs dump_api.py:
#   BPY_PYTHON=/path/to/python   an existing Python where `import bpy` works
#   BLENDER=/path/to/blender     a Blender binary (blender -b --python ...)
#   otherwise                    a cached venv ${XDG_CACHE_HOME:-~/.cache}/bpy-lsp/blender-VERSION,
#                                created with `$PYTHON -m venv` (PYTHON defaults to python3.11)
#                                and `pip install bpy==VERSION 'numpy<2'`.
set -euo pipefail

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
    echo "usage: $0 VERSION [OUT]" >&2
    exit 2
fi

VERSION=$1
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
MAJOR_MINOR=$(echo "$VERSION" | cut -d. -f1,2)
BASE_MM=4.4   # keep in sync with DEFAULT_VERSION in src/api/mod.rs
if [ "$MAJOR_MINOR" = "$BASE_MM" ]; then
    OUT=${2:-$ROOT/rag_data/api/blender-$MAJOR_MINOR.json}
else
    OUT=${2:-$ROOT/target/api-full/blender-$MAJOR_MINOR.json}
fi
mkdir -p "$(dirname "$OUT")"
OUT=$(cd "$(dirname "$OUT")" && pwd)/$(basename "$OUT")

start=$(date +%s)

if [ -n "${BLENDER:-}" ]; then
    echo "generate.sh: using Blender binary $BLENDER" >&2
    "$BLENDER" --background --factory-startup --python-exit-code 1 \
        --python "$HERE/dump_api.py" -- --out "$OUT"
else
    if [ -n "${BPY_PYTHON:-}" ]; then
        PY=$BPY_PYTHON
    else
        VENV=${XDG_CACHE_HOME:-$HOME/.cache}/bpy-lsp/blender-$VERSION
        PY=$VENV/bin/python
        if ! "$PY" -c "import bpy" >/dev/null 2>&1; then
            echo "generate.sh: creating venv $VENV" >&2
            "${PYTHON:-python3.11}" -m venv "$VENV"
            "$VENV/bin/python" -m pip install --upgrade pip >&2
            "$VENV/bin/python" -m pip install "bpy==$VERSION" 'numpy<2' >&2
        fi
    fi
    have=$("$PY" -c "import bpy, sys; sys.stdout.write('%d.%d.%d' % bpy.app.version)" 2>/dev/null | tail -n 1)
    if [ "$have" != "$VERSION" ]; then
        echo "generate.sh: $PY provides Blender $have, not $VERSION" >&2
        exit 1
    fi
    echo "generate.sh: using $PY (Blender $have)" >&2
    # Blender prints RNA warnings on stdout; keep them out of the way.
    "$PY" "$HERE/dump_api.py" --out "$OUT" >/dev/null
fi

end=$(date +%s)
echo "generate.sh: wrote $OUT ($(wc -c <"$OUT") bytes) in $((end - start))s" >&2

if command -v python3 >/dev/null 2>&1 && [ -f "$HERE/check_db.py" ]; then
    python3 "$HERE/check_db.py" "$OUT"
fi

if [ "$MAJOR_MINOR" != "$BASE_MM" ]; then
    DELTA=${DELTA_OUT:-$ROOT/rag_data/api/blender-$MAJOR_MINOR.delta.json}
    "${PYTHON3:-python3}" "$HERE/make_delta.py" "$ROOT/rag_data/api/blender-$BASE_MM.json" "$OUT" "$DELTA"
fi
