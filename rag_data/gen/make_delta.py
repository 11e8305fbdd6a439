#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""
API database deltas (docs/api-db.md, "Deltas").

    make_delta.py BASE.json OTHER.json OUT.delta.json    # write the delta OTHER - BASE
    make_delta.py --apply BASE.json DELTA.json OUT.json   # rebuild OTHER from BASE + delta

Making a delta always applies it again and checks that the result is OTHER, byte for byte
(as dump_api.py writes it), so a delta that cannot reproduce its input is never written.
Only the standard library is used.
"""

import json
import sys
import zlib

DELTA_FORMAT = 1

# List fields that are diffed item by item, and the field that names an item.  Operators are
# named "module.name"; enum items ([identifier, name, description]) by their identifier.
# Any other list, or a list whose items do not all have a unique name, is replaced whole.
LIST_KEYS = {
    "structs": "name",
    "operators": ("module", "name"),
    "context_members": "name",
    "nodes": "idname",
    "modules": "name",
    "properties": "name",
    "functions": "name",
    "py_members": "name",
    "params": "name",
    "returns": "name",
    "members": "name",
    "inputs": "identifier",
    "outputs": "identifier",
    "enum_items": 0,
}

META_FIELDS = ("delta_format", "base_version", "base_build_hash", "base_crc32", "shared")


def item_key(field, item):
    spec = LIST_KEYS.get(field)
    if spec is None:
        return None
    if spec == 0:
        if isinstance(item, list) and item and isinstance(item[0], str):
            return item[0]
        return None
    if not isinstance(item, dict):
        return None
    if isinstance(spec, tuple):
        parts = [item.get(k) for k in spec]
        if all(isinstance(p, str) for p in parts):
            return ".".join(parts)
        return None
    key = item.get(spec)
    return key if isinstance(key, str) else None


def list_keys(field, items):
    """Keys of all items, or None when the list cannot be diffed item by item."""
    keys = [item_key(field, item) for item in items]
    if any(k is None for k in keys) or len(set(keys)) != len(keys):
        return None
    return keys


# -----------------------------------------------------------------------------
# diff


def same(a, b):
    """Equality that tells 1 from 1.0 and True from 1 (JSON numbers keep their form)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return len(a) == len(b) and all(k in b and same(v, b[k]) for k, v in a.items())
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b


def diff_object(a, b):
    """ObjectPatch turning dict a into dict b, or None when they are equal."""
    patch = {}
    set_, unset, changed = {}, [], {}
    for k in a:
        if k not in b:
            unset.append(k)
    for k, vb in b.items():
        if k not in a:
            set_[k] = vb
            continue
        va = a[k]
        if same(va, vb):
            continue
        sub = None
        if isinstance(va, dict) and isinstance(vb, dict):
            sub = diff_object(va, vb)
        elif isinstance(va, list) and isinstance(vb, list):
            sub = diff_list(k, va, vb)
        if sub is not None:
            changed[k] = sub
        else:
            set_[k] = vb
    if set_:
        patch["set"] = set_
    if unset:
        patch["unset"] = unset
    if changed:
        patch["changed"] = changed
    natural = [k for k in a if k in b] + [k for k in b if k not in a]
    if natural != list(b):
        patch["keys"] = list(b)
    return patch or None


def diff_list(field, a, b):
    """ListPatch turning list a into list b, or None when the list must be replaced whole."""
    ka, kb = list_keys(field, a), list_keys(field, b)
    if ka is None or kb is None:
        return None
    ia = dict(zip(ka, a))
    ib = set(kb)
    removed = [k for k in ka if k not in ib]
    added = []
    changed = {}
    prev = None
    for k, item in zip(kb, b):
        if k not in ia:
            added.append([prev, item])
        elif not same(ia[k], item):
            sub = diff_object(ia[k], item) if isinstance(ia[k], dict) and isinstance(item, dict) else None
            if sub is not None:
                changed[k] = sub
            else:
                removed.append(k)
                added.append([prev, item])
        prev = k
    patch = {}
    if removed:
        patch["removed"] = removed
    if added:
        patch["added"] = added
    if changed:
        patch["changed"] = changed
    kept_a = [k for k in ka if k in ib]
    kept_b = [k for k in kb if k in ia]
    if kept_a != kept_b:
        patch["order"] = kb
    return patch


SHARED_MIN_CHARS = 200


def _compact(text):
    return json.dumps(text, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def share_patches(patch):
    """Move patches that occur more than once (the icon enum of every UILayout function...)
    into a table: each occurrence becomes {"ref": index}.  Outermost occurrences win; shared
    patches contain no refs themselves."""
    counts = {}

    def count(p):
        if isinstance(p, dict):
            for sub in p.get("changed", {}).values():
                text = _compact(sub)
                counts[text] = counts.get(text, 0) + 1
                count(sub)

    count(patch)
    index = {}

    def replace(p):
        if not isinstance(p, dict) or "changed" not in p:
            return p
        out = dict(p)
        changed = {}
        for k, sub in p["changed"].items():
            text = _compact(sub)
            if counts.get(text, 0) > 1 and len(text) >= SHARED_MIN_CHARS:
                changed[k] = {"ref": index.setdefault(text, len(index))}
            else:
                changed[k] = replace(sub)
        out["changed"] = changed
        return out

    patch = replace(patch)
    return patch, [json.loads(text) for text in index]


def make_delta(base, other, base_bytes=None):
    patch, shared = share_patches(diff_object(base, other) or {})
    delta = {
        "delta_format": DELTA_FORMAT,
        "base_version": base.get("blender_version"),
        "base_build_hash": base.get("build_hash"),
    }
    if base_bytes is not None:
        # CRC-32 (zlib) of the base file: a test checks it against the embedded base.
        delta["base_crc32"] = zlib.crc32(base_bytes) & 0xFFFFFFFF
    if shared:
        delta["shared"] = shared
    delta.update(patch)
    return delta


# -----------------------------------------------------------------------------
# apply (src/api/versions.rs does the same in Rust)


class DeltaError(Exception):
    pass


def resolve(sub, shared, where):
    if isinstance(sub, dict) and len(sub) == 1 and "ref" in sub:
        n = sub["ref"]
        if not isinstance(n, int) or not 0 <= n < len(shared):
            raise DeltaError("%s: bad shared patch reference %r" % (where, n))
        return shared[n]
    return sub


def apply_object(obj, patch, where, shared):
    if not isinstance(obj, dict):
        raise DeltaError("%s: object patch on a non-object" % where)
    out = dict(obj)
    for k in patch.get("unset", ()):
        out.pop(k, None)
    for k, sub in patch.get("changed", {}).items():
        if k not in out:
            raise DeltaError("%s.%s: changed field missing in base" % (where, k))
        sub = resolve(sub, shared, "%s.%s" % (where, k))
        if isinstance(out[k], list):
            out[k] = apply_list(k, out[k], sub, "%s.%s" % (where, k), shared)
        else:
            out[k] = apply_object(out[k], sub, "%s.%s" % (where, k), shared)
    for k, v in patch.get("set", {}).items():
        out[k] = v
    if "keys" in patch:
        out = {k: out[k] for k in patch["keys"] if k in out}
    return out


def apply_list(field, items, patch, where, shared):
    removed = set(patch.get("removed", ()))
    changed = patch.get("changed", {})
    out = []
    for item in items:
        k = item_key(field, item)
        if k is None:
            raise DeltaError("%s: item without a key" % where)
        if k in removed:
            continue
        if k in changed:
            w = "%s[%s]" % (where, k)
            item = apply_object(item, resolve(changed[k], shared, w), w, shared)
        out.append((k, item))
    for after, item in patch.get("added", ()):
        k = item_key(field, item)
        if after is None:
            pos = 0
        else:
            pos = next((i + 1 for i, (x, _) in enumerate(out) if x == after), None)
            if pos is None:
                raise DeltaError("%s: anchor %r of added %r not found" % (where, after, k))
        out.insert(pos, (k, item))
    if "order" in patch:
        rank = {k: i for i, k in enumerate(patch["order"])}
        out.sort(key=lambda kv: rank.get(kv[0], len(rank)))
    return [item for _, item in out]


def apply_delta(base, delta):
    if delta.get("delta_format") != DELTA_FORMAT:
        raise DeltaError("unsupported delta_format %r" % delta.get("delta_format"))
    if delta.get("base_version") != base.get("blender_version"):
        raise DeltaError("delta is against %s, base is %s" % (delta.get("base_version"), base.get("blender_version")))
    patch = {k: v for k, v in delta.items() if k not in META_FIELDS}
    return apply_object(base, patch, "$", delta.get("shared", []))


# -----------------------------------------------------------------------------


def dump_db(db):
    """Exactly as dump_api.py writes a database."""
    return json.dumps(db, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n"


def load(path):
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def summary(delta):
    out = []
    for field, sub in delta.get("changed", {}).items():
        if isinstance(sub, dict) and ("removed" in sub or "added" in sub or "changed" in sub):
            out.append("%s -%d +%d ~%d" % (field, len(sub.get("removed", ())), len(sub.get("added", ())),
                                          len(sub.get("changed", {}))))
    return ", ".join(out)


def main(argv):
    if len(argv) == 4 and argv[0] == "--apply":
        base, delta = load(argv[1]), load(argv[2])
        write(argv[3], dump_db(apply_delta(base, delta)))
        return 0
    if len(argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    base_path, other_path, out_path = argv
    base, other = load(base_path), load(other_path)
    with open(other_path, encoding="utf-8") as fh:
        other_text = fh.read()
    with open(base_path, "rb") as fh:
        base_bytes = fh.read()
    delta = make_delta(base, other, base_bytes)
    rebuilt = dump_db(apply_delta(base, json.loads(json.dumps(delta))))
    if rebuilt != other_text:
        if same(json.loads(rebuilt), other):
            print("make_delta: warning: %s is not in dump_api.py's layout; the delta rebuilds its content"
                  % other_path, file=sys.stderr)
        else:
            print("make_delta: error: applying the delta does not give %s" % other_path, file=sys.stderr)
            return 1
    text = json.dumps(delta, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n"
    write(out_path, text)
    print("make_delta: wrote %s (%d bytes; %s)" % (out_path, len(text.encode("utf-8")), summary(delta)),
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
