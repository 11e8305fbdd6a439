"""Ask a real Blender which enum values depend on the data, and which node ids it accepts
beyond the registered node types; write them to rag_data/api/dynamic_enums.json.

The API database stores each enum property's static items (what `bl_rna` lists). Some
enums compute their items from the data they belong to (`Curve.fill_mode` is FULL/BACK/FRONT/
HALF on a 3D curve and NONE/BACK/FRONT/BOTH on a 2D one). A value outside the static items
is then not an error. Blender's own error message for an invalid value lists the items of
that instance: this script sets an invalid value on many kinds of data (every ID type it can
create, objects of every data type, every modifier, constraint and node type, and the
structs they point to) and records where the listed items differ from the static ones (the values beyond the static
items; an empty list when some data accepts fewer).
Operator parameters are probed the same way (the call fails while parsing its arguments,
before anything runs), and so are enum parameters of RNA functions filled at run time
(`NodeTreeInterface.new_socket(socket_type=)`).

Node ids: `nodes.new()` accepts some ids that are not registered node types (a node kept
under its old id). Candidates come from the other versions' databases; each is tried with
`nodes.new()` in every tree type.

Run with a Python that has `bpy` (`pip install bpy`):
    .venv/bin/python rag_data/gen/dynamic_enums.py            # this Blender's version
    .venv-blender-4.2/bin/python rag_data/gen/dynamic_enums.py
Each run replaces its version's entry and keeps the others'.
"""

import json
import os
import re
import sys

import bpy

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "api", "dynamic_enums.json")
INVALID = "__BPY_LSP_NOT_A_VALUE__"
ITEMS = re.compile(r"not found in \((.*)\)")


def listed_items(message):
    m = ITEMS.search(message)
    if not m:
        return None
    return [s.strip().strip("'\"") for s in m.group(1).split(",") if s.strip()]


def static_items(prop):
    return [e.identifier for e in prop.enum_items_static]


def probe(inst, found, seen):
    """Set an invalid value on every writable enum of `inst`; record where the listed
    items differ from the static ones."""
    rna = inst.bl_rna
    for prop in rna.properties:
        # `bl_*` are set by the classes that define nodes and panels, not by scripts.
        if prop.type != "ENUM" or prop.is_readonly or prop.identifier.startswith("bl_"):
            continue
        key = f"{rna.identifier}.{prop.identifier}"
        try:
            value = {INVALID} if prop.is_enum_flag else INVALID
            setattr(inst, prop.identifier, value)
        except TypeError as e:
            items = listed_items(str(e))
        except Exception:
            continue
        else:
            continue
        if items is None:
            continue
        static = static_items(prop)
        if set(items) != set(static):
            found.setdefault(key, set()).update(set(items) - set(static))
        seen.add(key)


def walk(inst, found, seen, depth, visited):
    """Probe `inst` and the structs its pointer properties reach."""
    if inst is None or depth < 0:
        return
    try:
        ident = (inst.bl_rna.identifier, inst.as_pointer())
    except Exception:
        return
    if ident in visited:
        return
    visited.add(ident)
    probe(inst, found, seen)
    for prop in inst.bl_rna.properties:
        if prop.type != "POINTER" or prop.identifier in {"rna_type", "id_data"}:
            continue
        try:
            child = getattr(inst, prop.identifier)
        except Exception:
            continue
        # Other ID blocks are probed on their own.
        if child is None or isinstance(child, bpy.types.ID) and depth < 3:
            continue
        walk(child, found, seen, depth - 1, visited)


def node_types():
    out = []
    for name in dir(bpy.types):
        cls = getattr(bpy.types, name)
        try:
            if issubclass(cls, bpy.types.Node) and cls is not bpy.types.Node:
                out.append(name)
        except TypeError:
            pass
    return out


def instances():
    """Data of every kind this script can make."""
    d = bpy.data
    out = [bpy.context.scene, bpy.context.scene.world or d.worlds.new("w"), d.materials.new("m")]
    out += [bpy.context.preferences, bpy.context.window_manager]
    for dims in ("2D", "3D"):
        for kind in ("CURVE", "SURFACE", "FONT"):
            c = d.curves.new(f"c{kind}{dims}", kind)
            if kind == "CURVE":
                c.dimensions = dims
            out.append(c)
            out.append(d.objects.new(f"o{kind}{dims}", c))
    mesh = d.meshes.new("mesh")
    obj = d.objects.new("mesh", mesh)
    bpy.context.scene.collection.objects.link(obj)
    out += [mesh, obj]
    for kind in ("POINT", "SUN", "SPOT", "AREA"):
        out.append(d.lights.new(f"l{kind}", kind))
    out += [d.cameras.new("cam"), d.images.new("img", 4, 4), d.actions.new("act"), d.collections.new("col")]
    for kind in ("IMAGE", "CLOUDS", "NOISE", "VORONOI", "WOOD"):
        out.append(d.textures.new(f"t{kind}", kind))
    for attr in ("armatures", "lattices", "metaballs", "speakers", "lightprobes", "volumes", "pointclouds",
                 "hair_curves", "grease_pencils", "particles", "brushes", "palettes", "texts", "masks",
                 "movieclips", "sounds", "node_groups", "linestyles", "cache_files", "paint_curves"):
        coll = getattr(d, attr, None)
        if coll is None or not hasattr(coll, "new"):
            continue
        try:
            if attr == "node_groups":
                for tree in ("ShaderNodeTree", "GeometryNodeTree", "CompositorNodeTree", "TextureNodeTree"):
                    out.append(coll.new(tree, tree))
            elif attr == "lightprobes":
                for kind in ("SPHERE", "PLANE", "VOLUME"):
                    out.append(coll.new(kind, kind))
            else:
                out.append(coll.new(attr))
        except Exception:
            pass
    # Objects of each data type, with every modifier and constraint they take.
    for data in list(out):
        if isinstance(data, bpy.types.ID) and not isinstance(data, (bpy.types.Object, bpy.types.Scene)):
            try:
                o = d.objects.new("o_" + data.name, data)
                bpy.context.scene.collection.objects.link(o)
                out.append(o)
            except Exception:
                pass
    for o in [x for x in out if isinstance(x, bpy.types.Object)]:
        for mod in bpy.types.Modifier.bl_rna.properties["type"].enum_items_static:
            try:
                out.append(o.modifiers.new(mod.identifier, mod.identifier))
            except Exception:
                pass
        for con in bpy.types.Constraint.bl_rna.properties["type"].enum_items_static:
            try:
                out.append(o.constraints.new(con.identifier))
            except Exception:
                pass
    # Nodes of every type in every tree that takes them.
    trees = [t for t in out if isinstance(t, bpy.types.NodeTree)]
    mat = out[2]
    mat.use_nodes = True
    trees.append(mat.node_tree)
    for t in trees:
        for idname in node_types():
            try:
                out.append(t.nodes.new(idname))
            except Exception:
                pass
    return out


def operator_params(found, seen):
    for mod_name in dir(bpy.ops):
        mod = getattr(bpy.ops, mod_name)
        for op_name in dir(mod):
            try:
                op = getattr(mod, op_name)
                rna = op.get_rna_type()
            except Exception:
                continue
            for prop in rna.properties:
                if prop.type != "ENUM" or prop.identifier == "rna_type":
                    continue
                key = f"bpy.ops.{mod_name}.{op_name}({prop.identifier})"
                value = {INVALID} if prop.is_enum_flag else INVALID
                try:
                    # Fails while converting the arguments, before poll or execute.
                    op("EXEC_DEFAULT", **{prop.identifier: value})
                except TypeError as e:
                    items = listed_items(str(e))
                except Exception:
                    continue
                else:
                    continue
                if items is None:
                    continue
                static = static_items(prop)
                if set(items) != set(static):
                    found.setdefault(key, set()).update(set(items) - set(static))
                seen.add(key)


def function_params(found, seen):
    """Enum parameters of RNA functions whose items depend on the data: the socket types
    `interface.new_socket(socket_type=)` takes on each node tree type (the static items hold
    only 'DEFAULT'). Key "Struct.function(param)"."""
    key = "NodeTreeInterface.new_socket(socket_type)"
    static = {"DEFAULT"}
    for tree_type in ("ShaderNodeTree", "GeometryNodeTree", "CompositorNodeTree", "TextureNodeTree"):
        tree = bpy.data.node_groups.new(tree_type, tree_type)
        try:
            tree.interface.new_socket("x", socket_type=INVALID)
        except TypeError as e:
            items = listed_items(str(e))
            if items is not None:
                found.setdefault(key, set()).update(set(items) - static)
                seen.add(key)
        finally:
            bpy.data.node_groups.remove(tree)


def node_aliases():
    """Ids that nodes.new() accepts although no node type of that name is registered."""
    registered = set(node_types())
    candidates = set()
    for name in os.listdir(os.path.join(HERE, "..", "api")):
        if name.startswith("blender-") and name.endswith(".json"):
            with open(os.path.join(HERE, "..", "api", name), encoding="utf-8") as f:
                text = f.read()
            candidates.update(re.findall(r'"((?:Shader|Geometry|Compositor|Texture|Function)Node[A-Za-z0-9]+)"', text))
    # Ids renamed in the past that old scripts still use.
    candidates.update(["ShaderNodeBsdfGlossy", "ShaderNodeBsdfAnisotropic", "ShaderNodeMixRGB", "ShaderNodeTexMusgrave",
                       "ShaderNodeSubsurfaceScattering", "ShaderNodeBsdfHairPrincipled", "ShaderNodeBsdfVelvet",
                       "ShaderNodeBsdfSheen", "GeometryNodeAttributeTransfer", "GeometryNodeLegacyCurveToMesh",
                       "CompositorNodeComposite", "CompositorNodeViewer", "CompositorNodeMixRGB", "CompositorNodeTexture"])
    trees = [bpy.data.node_groups.new(t, t) for t in ("ShaderNodeTree", "GeometryNodeTree", "CompositorNodeTree", "TextureNodeTree")]
    aliases = {}
    for idname in sorted(candidates - registered):
        for t in trees:
            try:
                n = t.nodes.new(idname)
            except Exception:
                continue
            aliases[idname] = n.bl_idname
            t.nodes.remove(n)
            break
    return aliases


def main():
    version = "%d.%d" % bpy.app.version[:2]
    found, seen = {}, set()
    visited = set()
    for inst in instances():
        walk(inst, found, seen, 3, visited)
    operator_params(found, seen)
    function_params(found, seen)
    entry = {
        # "Struct.prop" or "bpy.ops.module.op(param)": the values some data accepts beyond the
        # static items (empty: the data accepts fewer, never more).
        "enums": {k: sorted(v) for k, v in sorted(found.items())},
        "node_aliases": node_aliases(),
        "probed": len(seen),
    }
    data = {}
    if os.path.exists(OUT):
        with open(OUT, encoding="utf-8") as f:
            data = json.load(f)
    data[version] = entry
    data = dict(sorted(data.items()))
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=1, sort_keys=False)
        f.write("\n")
    print(f"Blender {version}: {len(entry['enums'])} dynamic enums of {len(seen)} probed, "
          f"{len(entry['node_aliases'])} node aliases -> {os.path.relpath(OUT)}", file=sys.stderr)


main()
