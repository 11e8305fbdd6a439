# SPDX-License-Identifier: MIT
"""
Dump Blender's Python API into the bpy-lsp API database (see docs/api-db.md).

Runs inside Blender:

    python dump_api.py --out blender-4.4.json          # a Python where `import bpy` works
    blender -b --factory-startup --python-exit-code 1 --python dump_api.py -- --out FILE

Only Blender's Python and the standard library are used.  The output is minified,
deterministic (same Blender build -> same bytes) UTF-8 JSON.  A summary (counts, skipped
nodes, timing) is printed to stderr.
"""

import argparse
import contextlib
import inspect
import json
import math
import os
import re
import struct
import sys
import textwrap
import time
import types
import warnings

import bpy

try:
    import rna_info
except ImportError:  # Blender 5.0 renamed the module to _rna_info
    import _rna_info as rna_info

FORMAT = 1

T_START = time.monotonic()


def log(*args):
    print("dump_api:", *args, file=sys.stderr, flush=True)


# -----------------------------------------------------------------------------
# Value helpers

INT_LIMIT = 2147483647  # INT_MAX; |value| >= this means "no real limit"
FLOAT_LIMIT = 1e30      # FLT_MAX is ~3.4e38; anything this big means "no real limit"


def f32(value):
    """Shortest decimal that round-trips the float32 `value` (RNA floats are float32)."""
    value = float(value)
    if not math.isfinite(value):
        return None
    try:
        target = struct.pack("<f", value)
    except OverflowError:
        return value
    for digits in range(1, 10):
        candidate = float("%.*g" % (digits, value))
        try:
            if struct.pack("<f", candidate) == target:
                return candidate
        except OverflowError:
            break
    return value


def limit_value(value, type_):
    if value is None:
        return None
    if type_ == "int":
        value = int(value)
        if abs(value) >= INT_LIMIT:
            return None
        return value
    value = float(value)
    if not math.isfinite(value) or abs(value) >= FLOAT_LIMIT:
        return None
    return f32(value)


def clean_value(value):
    """Convert an RNA/Python default into plain JSON (None when not representable)."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return f32(value)
    if isinstance(value, (set, frozenset)):
        try:
            return sorted(clean_value(v) for v in value)
        except TypeError:
            return None
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, (tuple, list)) or type(value).__name__ in {
        "bpy_prop_array", "Vector", "Color", "Euler", "Quaternion",
    }:
        out = [clean_value(v) for v in value]
        return out
    if type(value).__name__ == "Matrix":
        return [clean_value(row) for row in value]
    return None


_ADDR_RE = re.compile(r" at 0x[0-9a-fA-F]+")


def sanitize(text):
    """Remove memory addresses from reprs so output stays deterministic."""
    return _ADDR_RE.sub("", text) if text else text


# -----------------------------------------------------------------------------
# RNA: structs, functions, properties, operators

# Enums whose items are computed at runtime (registered render engines, the OCIO
# configuration).  Without a context RNA only reports their static fallback items, so
# they are probed on a real instance: assigning an unknown identifier raises an error
# listing every valid identifier (nothing is changed), and UILayout.enum_item_name /
# enum_item_description resolve the labels.  Only enums whose items do not depend on
# the contents of the open .blend file belong here.
def _probe_instances():
    scene = bpy.context.scene
    image = bpy.data.images.get("bpy_lsp_probe") or bpy.data.images.new("bpy_lsp_probe", 1, 1)
    area = next((a for screen in bpy.data.screens for a in screen.areas), None)
    return [
        ("RenderSettings", "engine", scene.render),
        ("ColorManagedDisplaySettings", "display_device", scene.display_settings),
        ("ColorManagedViewSettings", "view_transform", scene.view_settings),
        ("ColorManagedViewSettings", "look", scene.view_settings),
        ("ColorManagedSequencerColorspaceSettings", "name", scene.sequencer_colorspace_settings),
        ("ColorManagedInputColorspaceSettings", "name", image.colorspace_settings),
        ("Area", "ui_type", area),
        ("CyclesRenderSettings", "sampling_pattern", getattr(scene, "cycles", None)),
    ]


_ENUM_NOT_FOUND_RE = re.compile(r"not found in \((.*)\)\s*$", re.S)


def probe_enum(instance, prop_name, where):
    """Items of a runtime (context dependent) enum, or None."""
    import ast
    try:
        setattr(instance, prop_name, "\x01bpy_lsp_probe")
    except (TypeError, ValueError) as ex:
        m = _ENUM_NOT_FOUND_RE.search(str(ex))
        if not m:
            log("dynamic enum probe %s: unexpected error %r" % (where, str(ex)))
            return None
        text = m.group(1).strip()
        if text.startswith("["):
            text = text[1:-1]
        try:
            idents = ast.literal_eval("(" + text + ",)") if text else ()
        except (SyntaxError, ValueError):
            log("dynamic enum probe %s: cannot parse %r" % (where, text))
            return None
        items = []
        for ident in idents:
            try:
                name = bpy.types.UILayout.enum_item_name(instance, prop_name, ident)
                descr = bpy.types.UILayout.enum_item_description(instance, prop_name, ident)
            except Exception:
                name, descr = ident, ""
            items.append([ident, name or ident, descr or ""])
        return items
    log("dynamic enum probe %s: assignment did not fail?" % where)
    return None


def probe_dynamic_enums():
    result = {}
    for struct_name, prop_name, instance in _probe_instances():
        if instance is None:
            continue
        items = probe_enum(instance, prop_name, "%s.%s" % (struct_name, prop_name))
        if items is not None:
            result[(struct_name, prop_name)] = items
    return result


# Operator enum parameters whose items come from a function but do not depend on the
# .blend contents (data-dependent ones such as `collection` or `scene` stay empty).
OPERATOR_ENUM_PROBES = {
    ("object.constraint_add", "type"),
    ("object.constraint_add_with_targets", "type"),
    ("sequencer.strip_modifier_add", "type"),
    ("node.new_node_tree", "type"),
    ("export_scene.gltf", "export_format"),
    ("wm.properties_edit", "subtype"),
    ("wm.url_open_preset", "type"),
}


def operator_enum_probe_wanted(op_path, prop_name):
    mod, _, name = op_path.partition(".")
    if (op_path, prop_name) in OPERATOR_ENUM_PROBES:
        return True
    if prop_name == "sort_method":                              # file browser sorting
        return True
    if mod == "transform" and prop_name in {"orient_type", "orient_matrix_type", "orientation"}:
        return True                                             # transform orientations
    if mod == "object" and name.startswith("vertex_group_") and prop_name == "group_select_mode":
        return True
    return False


DYNAMIC_ENUMS = {}   # filled in main()
STATS = {"enum_props": 0, "enum_props_empty": 0, "enum_props_static_fallback": 0, "enum_props_probed": 0}


def enum_items_of(info, owner):
    bl = info.bl_prop
    items = [[i, n, d] for (i, n, d) in info.enum_items]
    key = (owner, info.identifier)
    if key in DYNAMIC_ENUMS:
        STATS["enum_props_probed"] += 1
        return DYNAMIC_ENUMS[key]
    if not items:
        try:
            static = [[i.identifier, i.name, i.description] for i in bl.enum_items_static]
        except Exception:
            static = []
        if static:
            STATS["enum_props_static_fallback"] += 1
            items = static
    return items


def prop_json(info, owner=""):
    """InfoPropertyRNA -> Prop (docs/api-db.md)."""
    bl = info.bl_prop
    type_ = info.type
    d = {
        "name": info.identifier,
        "description": info.description,
        "type": type_,
        "fixed_type": info.fixed_type.identifier if info.fixed_type else None,
        "collection_type": (
            info.collection_type.identifier
            if (type_ == "collection" and info.collection_type is not None) else None
        ),
        "readonly": bool(info.is_readonly),
        "array_length": int(info.array_length or 0),
        "subtype": info.subtype or "NONE",
        "default": None,
        "min": None,
        "max": None,
        "enum_items": [],
        "enum_flag": bool(getattr(info, "is_enum_flag", False)),
        "is_required": bool(info.is_required),
    }
    if type_ in {"int", "float"}:
        d["min"] = limit_value(info.min, type_)
        d["max"] = limit_value(info.max, type_)
    if type_ not in {"pointer", "collection"}:
        default = info.default
        dims = [x for x in (info.array_dimensions or ()) if x]
        if d["array_length"] and len(dims) > 1:
            # rna_info nests multi-dimensional defaults one level too deep; reshape ourselves.
            flat = list(getattr(bl, "default_array", ()))
            for dim in reversed(dims[1:]):
                flat = [flat[i:i + dim] for i in range(0, len(flat), dim)]
            default = flat
        if type_ == "float" and not d["array_length"]:
            default = limit_value(default, "float") if default is not None else None
        elif type_ == "enum" and isinstance(default, (set, frozenset)):
            default = sorted(default)
        d["default"] = clean_value(default)
    if type_ == "enum":
        STATS["enum_props"] += 1
        d["enum_items"] = enum_items_of(info, owner)
        if not d["enum_items"]:
            STATS["enum_props_empty"] += 1
    # Optional extras (documented in docs/api-db.md), omitted when default.
    if info.name:
        d["label"] = info.name
    if getattr(bl, "is_hidden", False):
        d["is_hidden"] = True
    if info.is_never_none and type_ == "pointer":
        d["is_never_none"] = True
    dims = [x for x in (info.array_dimensions or ()) if x]
    if len(dims) > 1:
        d["array_dimensions"] = dims
    unit = getattr(bl, "unit", "NONE")
    if unit and unit != "NONE":
        d["unit"] = unit
    if getattr(bl, "is_deprecated", False):  # Blender 5.0+
        d["deprecated"] = {
            "note": getattr(bl, "deprecated_note", "") or "",
            "version": list(getattr(bl, "deprecated_version", ()) or ()),
            "removal_version": list(getattr(bl, "deprecated_removal_version", ()) or ()),
        }
    return d


def func_json(info, owner):
    return {
        "name": info.identifier,
        "description": info.description,
        "params": [prop_json(p, owner) for p in info.args],
        "returns": [prop_json(p, owner) for p in info.return_values],
        "is_classmethod": bool(info.is_classmethod),
    }


def rna_struct_py_members(info, rna_names):
    """Python-defined members of an RNA class (bpy_types.py: Mesh.from_pydata, Context.temp_override...)."""
    cls = info.py_class
    if cls is None:
        return []
    classes = [cls]
    # Mixins (e.g. _GenericBone for Bone/EditBone/PoseBone) that are not RNA classes themselves.
    todo = list(cls.__bases__)
    while todo:
        base = todo.pop(0)
        if base is object or "bl_rna" in base.__dict__ or base.__module__ == "builtins":
            continue
        if base.__name__ in {"bpy_struct", "bpy_struct_meta_idprop", "_StructRNA"}:
            continue
        classes.append(base)
        todo.extend(base.__bases__)
    members = {}
    for klass in classes:
        for key, descr in klass.__dict__.items():
            if key.startswith("_") or key in rna_names or key in members:
                continue
            # getset descriptors are attributes written in C (WindowManager.clipboard).
            if isinstance(descr, (types.FunctionType, classmethod, staticmethod, property,
                                  types.GetSetDescriptorType)) or (
                    isinstance(descr, _METHOD_DESCR_TYPES) or type(descr).__name__ == "classmethod_descriptor"):
                m = member_from_descr(cls, key, descr)
                if m is not None:
                    members[key] = m
    return [members[k] for k in sorted(members)]


def dump_structs(structs):
    out = []
    for info in sorted(structs.values(), key=lambda s: s.identifier):
        rna_names = set()
        base = info
        while base is not None:
            rna_names.update(p.identifier for p in base.properties)
            rna_names.update(f.identifier for f in base.functions)
            base = base.base
        rna_names.update({"bl_rna", "rna_type"})
        d = {
            "name": info.identifier,
            "base": info.base.identifier if info.base else None,
            "description": info.description,
            "properties": [prop_json(p, info.identifier) for p in info.properties],
            "functions": [func_json(f, info.identifier) for f in info.functions],
        }
        if info.name and info.name != info.identifier:
            d["label"] = info.name
        py_members = rna_struct_py_members(info, rna_names)
        if py_members:
            d["py_members"] = py_members
        out.append(d)
    return out


def dump_operators():
    out = []
    for mod_name in sorted(dir(bpy.ops)):
        if mod_name.startswith("_"):
            continue
        mod = getattr(bpy.ops, mod_name)
        for op_name in sorted(dir(mod)):
            if op_name.startswith("_"):
                continue
            try:
                rna = getattr(mod, op_name).get_rna_type()
            except Exception as ex:
                log("operator %s.%s: no RNA type (%s)" % (mod_name, op_name, ex))
                continue
            params = []
            for ident, bl_prop in rna.properties.items():
                if ident == "rna_type":
                    continue
                pinfo = rna_info.GetInfoPropertyRNA(bl_prop, rna.identifier)
                pinfo.build()
                if (pinfo.type == "enum" and not pinfo.enum_items
                        and operator_enum_probe_wanted("%s.%s" % (mod_name, op_name), ident)):
                    op_props = bpy.context.window_manager.operator_properties_last(
                        "%s.%s" % (mod_name, op_name))
                    items = probe_enum(op_props, ident, "%s.%s.%s" % (mod_name, op_name, ident))
                    if items:
                        DYNAMIC_ENUMS[(rna.identifier, ident)] = items
                params.append(prop_json(pinfo, rna.identifier))
            d = {
                "module": mod_name,
                "name": op_name,
                "description": rna.description.strip(),
                "params": params,
            }
            if rna.name:
                d["label"] = rna.name
            d["idname"] = rna.identifier
            out.append(d)
    return out


# -----------------------------------------------------------------------------
# Context members
#
# context_type_map below is copied from Blender's doc/python_api/sphinx_doc_gen.py
# (blender/blender, `context_type_map`, 4.x main branch; the file is not shipped in the
# bpy wheel).  It maps screen-context member -> (RNA type, is_collection).  Entries are
# checked against what this Blender exposes (`_bpy.context_members()`), renames since that
# revision are applied from CONTEXT_TYPE_FIXUPS, and members that Blender exposes but the
# map lacks come from CONTEXT_TYPE_EXTRA.

context_type_map = {
    # context_member: (RNA type, is_collection)
    "active_action": ("Action", False),
    "active_annotation_layer": ("GPencilLayer", False),
    "active_bone": ("EditBone", False),
    "active_file": ("FileSelectEntry", False),
    "active_gpencil_frame": ("GreasePencilLayer", True),
    "active_gpencil_layer": ("GPencilLayer", True),
    "active_node": ("Node", False),
    "active_object": ("Object", False),
    "active_operator": ("Operator", False),
    "active_pose_bone": ("PoseBone", False),
    "active_sequence_strip": ("Sequence", False),
    "active_editable_fcurve": ("FCurve", False),
    "active_nla_strip": ("NlaStrip", False),
    "active_nla_track": ("NlaTrack", False),
    "annotation_data": ("GreasePencil", False),
    "annotation_data_owner": ("ID", False),
    "armature": ("Armature", False),
    "asset_library_reference": ("AssetLibraryReference", False),
    "bone": ("Bone", False),
    "brush": ("Brush", False),
    "camera": ("Camera", False),
    "cloth": ("ClothModifier", False),
    "collection": ("LayerCollection", False),
    "collision": ("CollisionModifier", False),
    "curve": ("Curve", False),
    "dynamic_paint": ("DynamicPaintModifier", False),
    "edit_bone": ("EditBone", False),
    "edit_image": ("Image", False),
    "edit_mask": ("Mask", False),
    "edit_movieclip": ("MovieClip", False),
    "edit_object": ("Object", False),
    "edit_text": ("Text", False),
    "editable_bones": ("EditBone", True),
    "editable_gpencil_layers": ("GPencilLayer", True),
    "editable_gpencil_strokes": ("GPencilStroke", True),
    "editable_objects": ("Object", True),
    "editable_fcurves": ("FCurve", True),
    "fluid": ("FluidSimulationModifier", False),
    "gpencil": ("GreasePencil", False),
    "gpencil_data": ("GreasePencil", False),
    "grease_pencil": ("GreasePencilv3", False),
    "gpencil_data_owner": ("ID", False),
    "curves": ("Hair Curves", False),
    "id": ("ID", False),
    "image_paint_object": ("Object", False),
    "lattice": ("Lattice", False),
    "light": ("Light", False),
    "lightprobe": ("LightProbe", False),
    "line_style": ("FreestyleLineStyle", False),
    "material": ("Material", False),
    "material_slot": ("MaterialSlot", False),
    "mesh": ("Mesh", False),
    "meta_ball": ("MetaBall", False),
    "object": ("Object", False),
    "objects_in_mode": ("Object", True),
    "objects_in_mode_unique_data": ("Object", True),
    "particle_edit_object": ("Object", False),
    "particle_settings": ("ParticleSettings", False),
    "particle_system": ("ParticleSystem", False),
    "particle_system_editable": ("ParticleSystem", False),
    "property": ("(:class:`bpy.types.AnyType`, :class:`string`, :class:`int`)", False),
    "pointcloud": ("PointCloud", False),
    "pose_bone": ("PoseBone", False),
    "pose_object": ("Object", False),
    "scene": ("Scene", False),
    "sculpt_object": ("Object", False),
    "selectable_objects": ("Object", True),
    "selected_assets": ("AssetRepresentation", True),
    "selected_bones": ("EditBone", True),
    "selected_editable_actions": ("Action", True),
    "selected_editable_bones": ("EditBone", True),
    "selected_editable_fcurves": ("FCurve", True),
    "selected_editable_keyframes": ("Keyframe", True),
    "selected_editable_objects": ("Object", True),
    "selected_editable_sequences": ("Sequence", True),
    "selected_files": ("FileSelectEntry", True),
    "selected_ids": ("ID", True),
    "selected_nla_strips": ("NlaStrip", True),
    "selected_movieclip_tracks": ("MovieTrackingTrack", True),
    "selected_nodes": ("Node", True),
    "selected_objects": ("Object", True),
    "selected_pose_bones": ("PoseBone", True),
    "selected_pose_bones_from_active_object": ("PoseBone", True),
    "selected_sequences": ("Sequence", True),
    "selected_visible_actions": ("Action", True),
    "selected_visible_fcurves": ("FCurve", True),
    "sequences": ("Sequence", True),
    "soft_body": ("SoftBodyModifier", False),
    "speaker": ("Speaker", False),
    "texture": ("Texture", False),
    "texture_node": ("Node", False),
    "texture_slot": ("TextureSlot", False),
    "texture_user": ("ID", False),
    "texture_user_property": ("Property", False),
    "ui_list": ("UIList", False),
    "vertex_paint_object": ("Object", False),
    "view_layer": ("ViewLayer", False),
    "visible_bones": ("EditBone", True),
    "visible_gpencil_layers": ("GPencilLayer", True),
    "visible_objects": ("Object", True),
    "visible_pose_bones": ("PoseBone", True),
    "visible_fcurves": ("FCurve", True),
    "weight_paint_object": ("Object", False),
    "volume": ("Volume", False),
    "world": ("World", False),
}

# RNA renames since the revision above.  A rename is applied only when this Blender lacks
# the old name and has the new one (4.2 still has Sequence; 4.4 has GreasePencilv3).
CONTEXT_TYPE_FIXUPS = {
    "Sequence": "Strip",                        # 4.4: bpy.types.Sequence -> Strip
    "FluidSimulationModifier": "FluidModifier",
    "Hair Curves": "Curves",
    "GreasePencilv3": "GreasePencil",           # 5.0: Grease Pencil v3 took the old name
    "GPencilLayer": "AnnotationLayer",          # 5.0: legacy GP data became Annotation
}

# Per-member types that depend on the Blender version: used when the struct exists.
CONTEXT_MEMBER_TYPE_FIXUPS = {
    "annotation_data": "Annotation",            # 5.0: GreasePencil now means Grease Pencil v3
}

# Members newer than the copied map (Blender 4.4 added the *strip* names).
CONTEXT_TYPE_EXTRA = {
    "active_strip": ("Strip", False),
    "strips": ("Strip", True),
    "selected_strips": ("Strip", True),
    "selected_editable_strips": ("Strip", True),
    # 5.0
    "sequencer_scene": ("Scene", False),
    "strip": ("Strip", False),
    "strip_modifier": ("StripModifier", False),
}

CONTEXT_MEMBER_DESCRIPTIONS = {
    "property": "The property under the mouse cursor in the UI, as a tuple "
                "(data, property identifier, array index)",
}


def dump_context_members(structs_by_name):
    members = {}
    # 1. The RNA Context struct: available everywhere ("global").
    ctx = structs_by_name["Context"]
    for p in ctx.properties:
        d = prop_json(p, "Context")
        d["contexts"] = ["global"]
        members[p.identifier] = d

    # 2. Screen / editor context members.
    try:
        from _bpy import context_members
        exposed = context_members()  # {"screen": (...), "view3d": (...), ...}
    except Exception as ex:
        log("_bpy.context_members() unavailable (%s); using the whole context_type_map" % ex)
        exposed = {"screen": tuple(context_type_map)}

    type_map = dict(context_type_map)
    type_map.update(CONTEXT_TYPE_EXTRA)
    where = {}
    for ctx_name in sorted(exposed):
        for member in exposed[ctx_name]:
            where.setdefault(member, []).append(ctx_name)

    unused = sorted(set(context_type_map) - set(where))
    if unused:
        log("context_type_map members not exposed by this Blender (dropped): %s" % ", ".join(unused))

    for member in sorted(where):
        contexts = sorted(set(where[member]))
        if member in members:
            # RNA Context property wins for the type; just record the extra contexts.
            members[member]["contexts"] = sorted(set(members[member]["contexts"]) | set(contexts))
            continue
        if member not in type_map:
            log("context member %r has no type in context_type_map" % member)
            rna_type, is_seq = None, False
        else:
            rna_type, is_seq = type_map[member]
        python_type = None
        if rna_type is not None and not rna_type.isidentifier() and rna_type not in CONTEXT_TYPE_FIXUPS:
            python_type = re.sub(r":class:`(?:bpy\.types\.)?([^`]+)`", r"\1", rna_type)
            python_type = python_type.replace("(", "tuple[").replace(")", "]").replace("string", "str")
            rna_type = None
        if rna_type is not None:
            fixed = CONTEXT_MEMBER_TYPE_FIXUPS.get(member)
            if fixed is not None and fixed in structs_by_name:
                rna_type = fixed
            fixed = CONTEXT_TYPE_FIXUPS.get(rna_type)
            if fixed is not None and rna_type not in structs_by_name and fixed in structs_by_name:
                rna_type = fixed
            if rna_type not in structs_by_name:
                log("context member %r: type %r is not an RNA struct" % (member, rna_type))
                rna_type = None
        d = {
            "name": member,
            "description": CONTEXT_MEMBER_DESCRIPTIONS.get(member, ""),
            "type": "collection" if is_seq else "pointer",
            "fixed_type": rna_type,
            "collection_type": None,
            "readonly": True,
            "array_length": 0,
            "subtype": "NONE",
            "default": None,
            "min": None,
            "max": None,
            "enum_items": [],
            "enum_flag": False,
            "is_required": False,
            "contexts": contexts,
        }
        if python_type:
            d["python_type"] = python_type
        members[member] = d

    # Cross-check with what background mode reports (informational only).
    try:
        copied = set(bpy.context.copy().keys())
        missing = sorted(copied - set(members))
        if missing:
            log("bpy.context.copy() keys not documented: %s" % ", ".join(missing))
    except Exception:
        pass
    return [members[k] for k in sorted(members)]


# -----------------------------------------------------------------------------
# Nodes

NODE_TREES = ("ShaderNodeTree", "GeometryNodeTree", "CompositorNodeTree")
NODE_PREFIX_TREE = (
    ("ShaderNode", "ShaderNodeTree"),
    ("GeometryNode", "GeometryNodeTree"),
    ("FunctionNode", "GeometryNodeTree"),
    ("CompositorNode", "CompositorNodeTree"),
    ("Node", "GeometryNodeTree"),   # NodeFrame, NodeReroute, NodeGroupInput/Output: any tree
)


@contextlib.contextmanager
def quiet_fds():
    """Silence C-level stdout/stderr (Blender prints node poll failures)."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = []
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        for fd in (1, 2):
            saved.append((fd, os.dup(fd)))
            os.dup2(devnull, fd)
        os.close(devnull)
    except OSError:
        pass
    try:
        yield
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        for fd, copy in saved:
            os.dup2(copy, fd)
            os.close(copy)


def socket_json(sock):
    d = {
        "name": sock.name,
        "identifier": sock.identifier,
        "type": sock.type,
        "idname": sock.bl_idname,
    }
    descr = getattr(sock, "description", "")
    if descr:
        d["description"] = descr
    if not sock.enabled:
        d["enabled"] = False
    if getattr(sock, "is_multi_input", False):
        d["is_multi_input"] = True
    try:
        default = sock.default_value
    except Exception:
        default = None
    default = clean_value(default)
    if default is not None:
        d["default"] = default
    return d


def dump_nodes(structs_by_name):
    trees = {name: bpy.data.node_groups.new("bpy_lsp_probe_" + name, name) for name in NODE_TREES}
    # Some compositor nodes only live in a scene's compositing tree, some shader nodes only in
    # a material: keep these as fallbacks.
    fallback = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)   # 5.0: use_nodes is deprecated
        try:
            scene = bpy.context.scene
            scene.use_nodes = True
            fallback["CompositorNodeTree"] = scene.node_tree  # gone in 5.0 (compositing_node_group)
        except Exception:
            pass
        try:
            mat = bpy.data.materials.new("bpy_lsp_probe")
            mat.use_nodes = True
            fallback["ShaderNodeTree"] = mat.node_tree
        except Exception:
            pass

    node_classes = {}
    for name in dir(bpy.types):
        cls = getattr(bpy.types, name, None)
        if isinstance(cls, type) and issubclass(cls, bpy.types.Node) and "bl_rna" in cls.__dict__:
            node_classes[cls.bl_rna.identifier] = cls
    for info in structs_by_name.values():   # add-on registered node types
        cls = info.py_class
        if isinstance(cls, type) and issubclass(cls, bpy.types.Node):
            node_classes.setdefault(info.identifier, cls)

    out = []
    skipped = []
    per_tree = {name: 0 for name in NODE_TREES}
    for idname in sorted(node_classes):
        if idname.startswith("TextureNode"):
            continue  # legacy texture node trees are out of scope
        primary = next((tree for prefix, tree in NODE_PREFIX_TREE if idname.startswith(prefix)), None)
        if primary is None:
            skipped.append((idname, "unknown tree"))
            continue
        ok_trees = []
        primary_node = None
        primary_tree = None
        for tree_name in NODE_TREES:
            for tree in (trees[tree_name], fallback.get(tree_name)):
                if tree is None:
                    continue
                try:
                    with quiet_fds():
                        node = tree.nodes.new(idname)
                except Exception:
                    continue
                ok_trees.append(tree_name)
                if tree_name == primary and primary_node is None:
                    primary_node, primary_tree = node, tree
                else:
                    tree.nodes.remove(node)
                break
        if primary_node is None and ok_trees:
            primary = ok_trees[0]
            tree = trees[primary]
            try:
                with quiet_fds():
                    primary_node = tree.nodes.new(idname)
                primary_tree = tree
            except Exception:
                tree = fallback.get(primary)
                with quiet_fds():
                    primary_node = tree.nodes.new(idname)
                primary_tree = tree
        if primary_node is None:
            reason = "abstract base" if idname in {"Node", "NodeInternal", "NodeCustomGroup", "NodeGroup"} \
                or idname.endswith("CustomGroup") or idname in {p for p, _ in NODE_PREFIX_TREE} \
                else "cannot instantiate"
            skipped.append((idname, reason))
            continue
        node = primary_node
        cls = node_classes[idname]
        d = {
            "idname": idname,
            "tree": primary,
            "label": node.bl_label or cls.bl_rna.name,
            "inputs": [socket_json(s) for s in node.inputs],
            "outputs": [socket_json(s) for s in node.outputs],
        }
        descr = (cls.bl_rna.description or "").strip()
        if descr:
            d["description"] = descr
        if len(ok_trees) > 1:
            d["trees"] = ok_trees
        primary_tree.nodes.remove(node)
        per_tree[primary] += 1
        out.append(d)

    for tree in trees.values():
        bpy.data.node_groups.remove(tree)
    log("nodes: created %d (%s), skipped %d" % (
        len(out), ", ".join("%s=%d" % kv for kv in sorted(per_tree.items())), len(skipped)))
    for idname, reason in skipped:
        log("  skipped node %s: %s" % (idname, reason))
    return out


# -----------------------------------------------------------------------------
# Python modules (docstring parsing)

_DIRECTIVE_RE = re.compile(
    r"^\.\.\s+(function|method|classmethod|staticmethod|class|attribute|data|property)::\s*(.*)$")
_FIELD_RE = re.compile(
    r"^:(arg|param|parameter|type|return|returns|rtype|raises|raise)(?:\s+([^:]+?))?:\s*(.*)$")
_ROLE_RE = re.compile(r":(?:py:)?[a-z]+:`~?([^`]*?)(?:\s*<[^>]*>)?`")
_HEADER_RE = re.compile(r"^(?:[\w.]+\s+)?([\w.]+)\s*(\(.*\))?\s*(?:->\s*(.*))?$", re.S)


def clean_text(text):
    """RST -> light markdown for hover texts: roles become `code`."""
    if not text:
        return ""
    text = _ROLE_RE.sub(lambda m: "`%s`" % m.group(1).strip(), text)
    text = text.replace("``", "`")
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def clean_type(text):
    if not text:
        return None
    text = _ROLE_RE.sub(lambda m: m.group(1).strip(), text)
    text = text.replace("``", "")
    text = " ".join(text.split())
    return text or None


def parse_docstring(doc):
    res = {
        "directive": None, "name": None, "signature": None, "arrow": None,
        "args": {}, "types": {}, "return": None, "rtype": None, "type": None,
        "description": "",
    }
    if not doc or not isinstance(doc, str):
        return res
    lines = inspect.cleandoc(doc.expandtabs()).splitlines()
    if lines:
        first = lines[0].strip()
        m = _DIRECTIVE_RE.match(first)
        header = None
        if m:
            res["directive"] = m.group(1)
            header = m.group(2).strip()
            lines = textwrap.dedent("\n".join(lines[1:])).splitlines()
        elif first.startswith("BMeshOpFunc "):
            header = first
            rest = lines[1:]
            if rest and rest[0].strip().startswith("->"):
                res["arrow"] = rest[0].strip()[2:].strip()
                rest = rest[1:]
            lines = textwrap.dedent("\n".join(rest)).splitlines()
        if header is not None:
            hm = _HEADER_RE.match(header)
            if hm:
                res["name"] = hm.group(1)
                res["signature"] = hm.group(2)
                if hm.group(3):
                    res["arrow"] = hm.group(3).strip()
    desc = []
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.lstrip()
        indent = len(line) - len(stripped)
        m = _FIELD_RE.match(stripped)
        if not m:
            desc.append(line)
            i += 1
            continue
        body = []
        i += 1
        while i < len(lines):
            nxt = lines[i]
            if nxt.strip() and len(nxt) - len(nxt.lstrip()) <= indent:
                break
            body.append(nxt)
            i += 1
        text = (m.group(3) + "\n" + textwrap.dedent("\n".join(body))).strip()
        kind, name = m.group(1), (m.group(2) or "").strip()
        if kind in {"arg", "param", "parameter"} and name:
            # ":arg type name:" form
            name = name.split()[-1]
            res["args"][name] = text
        elif kind == "type":
            if name:
                res["types"][name] = text
            else:
                res["type"] = text
        elif kind in {"return", "returns"}:
            res["return"] = text
        elif kind == "rtype":
            res["rtype"] = text
    res["description"] = "\n".join(desc).strip()
    return res


def split_signature(sig):
    """'(a, b=1, *, c=[1, 2])' -> [('a', None, None), ('b', '1', None), ('c', '[1, 2]', None)]"""
    if not sig:
        return []
    sig = sig.strip()
    if sig.startswith("(") and sig.endswith(")"):
        sig = sig[1:-1]
    parts, cur, depth, quote = [], "", 0, None
    for ch in sig:
        if quote:
            cur += ch
            if ch == quote:
                quote = None
            continue
        if ch in "'\"":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
            continue
        cur += ch
    parts.append(cur)
    out = []
    for part in parts:
        part = part.strip()
        if not part or part in {"*", "/"}:
            continue
        name, eq, default = part.partition("=")
        name = name.strip()
        ann = None
        if ":" in name:
            name, ann = (x.strip() for x in name.split(":", 1))
        out.append((name, default.strip() if eq else None, ann))
    return out


def _format_annotation(ann):
    if ann is inspect.Parameter.empty:
        return None
    try:
        return sanitize(inspect.formatannotation(ann))
    except Exception:
        return None


def callable_info(obj, doc, strip_self):
    """Signature + params + return type of a callable."""
    pd = parse_docstring(doc)
    signature = None
    params = []
    sig = None
    if not (pd["directive"] or pd["signature"]) or isinstance(obj, (types.FunctionType, types.MethodType)):
        try:
            sig = inspect.signature(obj)
        except (TypeError, ValueError):
            sig = None
    if sig is not None:
        plist = list(sig.parameters.values())
        if strip_self and plist and plist[0].name in {"self", "cls"}:
            plist = plist[1:]
        try:
            sig = sig.replace(parameters=plist)
            signature = sanitize(str(sig.replace(return_annotation=inspect.Signature.empty)))
        except ValueError:
            signature = None
        for p in plist:
            prefix = {p.VAR_POSITIONAL: "*", p.VAR_KEYWORD: "**"}.get(p.kind, "")
            default = None if p.default is p.empty else sanitize(repr(p.default))
            params.append((prefix + p.name, default, _format_annotation(p.annotation)))
        ret_ann = _format_annotation(sig.return_annotation)
    else:
        ret_ann = None
        if pd["signature"] is not None:
            signature = pd["signature"]
            params = split_signature(signature)
    out_params = []
    for name, default, ann in params:
        bare = name.lstrip("*")
        out_params.append({
            "name": name,
            "type": clean_type(pd["types"].get(bare)) or ann,
            "default": default,
            "description": clean_text(pd["args"].get(bare, "")),
        })
    return {
        "signature": signature,
        "params": out_params,
        "returns": clean_type(pd["rtype"]) or ret_ann,
        "returns_description": clean_text(pd["return"]),
        "description": clean_text(pd["description"]),
        "parsed": pd,
    }


def make_member(name, kind, description="", signature=None, params=None, returns=None,
                type_=None, members=None, **extra):
    d = {
        "name": name,
        "kind": kind,
        "description": description or "",
        "signature": signature,
        "params": params or [],
        "returns": returns,
        "type": type_,
        "members": members or [],
    }
    for key, value in extra.items():
        if value:
            d[key] = value
    return d


def function_member(name, obj, kind, doc=None, strip_self=False, **extra):
    if doc is None:
        doc = getattr(obj, "__doc__", None)
    ci = callable_info(obj, doc, strip_self)
    return make_member(
        name, kind, ci["description"], ci["signature"], ci["params"], ci["returns"],
        returns_description=ci["returns_description"], **extra)


def attribute_member(name, doc, value_type=None, kind="attribute"):
    pd = parse_docstring(doc)
    type_ = clean_type(pd["type"]) or clean_type(pd["rtype"]) or value_type
    return make_member(name, kind, clean_text(pd["description"]), type_=type_)


_METHOD_DESCR_TYPES = (
    types.MethodDescriptorType, types.BuiltinFunctionType, types.WrapperDescriptorType,
    types.MethodWrapperType,
)


def member_from_descr(cls, key, descr, depth=0):
    """One class-level member."""
    tname = type(descr).__name__
    if isinstance(descr, classmethod) or tname == "classmethod_descriptor":
        doc = getattr(descr, "__doc__", None)
        if isinstance(descr, classmethod):
            doc = descr.__func__.__doc__
        obj = getattr(cls, key, descr)
        return function_member(key, obj, "method", doc=doc, strip_self=True, is_classmethod=True)
    if isinstance(descr, staticmethod):
        return function_member(key, descr.__func__, "method", is_staticmethod=True)
    if isinstance(descr, types.FunctionType):
        return function_member(key, descr, "method", strip_self=True)
    if isinstance(descr, _METHOD_DESCR_TYPES):
        return function_member(key, descr, "method", strip_self=True)
    if isinstance(descr, property):
        doc = descr.__doc__ or (descr.fget.__doc__ if descr.fget else None)
        return attribute_member(key, doc)
    if isinstance(descr, (types.GetSetDescriptorType, types.MemberDescriptorType)):
        return attribute_member(key, descr.__doc__)
    if isinstance(descr, type):
        if depth > 1:
            return make_member(key, "class", clean_text(parse_docstring(descr.__doc__)["description"]))
        return class_member(key, descr, depth + 1)
    if callable(descr):
        return function_member(key, descr, "method", strip_self=True)
    if tname in {"_PropertyDeferred", "bpy_func"}:
        return None
    return make_member(key, "constant", type_=type(descr).__name__)


def _is_python_builtin(klass):
    """tuple, dict... (Blender's C types such as bpy_prop also report module 'builtins')."""
    import builtins
    return getattr(builtins, klass.__name__, None) is klass


def class_member(name, cls, depth=0):
    pd = parse_docstring(cls.__doc__ if isinstance(cls.__dict__.get("__doc__"), str) else None)
    signature = None
    params = []
    if pd["directive"] == "class" and pd["signature"] is not None:
        ci = callable_info(None, cls.__doc__, False)
        signature, params = ci["signature"], ci["params"]
    elif isinstance(getattr(cls, "__init__", None), types.FunctionType):
        ci = callable_info(cls, cls.__init__.__doc__, False)
        signature, params = ci["signature"], ci["params"]
    members = {}
    bases = []
    for klass in cls.__mro__:
        if klass is object or (klass is not cls and _is_python_builtin(klass)):
            continue
        if klass is not cls:
            bases.append(klass.__name__)
        for key, descr in sorted(klass.__dict__.items()):
            if key.startswith("_") or key in members:
                continue
            m = member_from_descr(cls, key, descr, depth)
            if m is not None:
                members[key] = m
    direct_bases = [b.__name__ for b in cls.__bases__ if b is not object and not _is_python_builtin(b)]
    return make_member(
        name, "class", clean_text(pd["description"]), signature, params,
        members=[members[k] for k in sorted(members)], bases=direct_bases)


_CONSTANT_TYPES = (bool, int, float, str, bytes, tuple, frozenset)
_STRUCTSEQ_SKIP = {"count", "index", "n_fields", "n_sequence_fields", "n_unnamed_fields"}


def module_description(obj):
    return clean_text(parse_docstring(getattr(obj, "__doc__", None))["description"])


def first_paragraph(text):
    return text.split("\n\n", 1)[0].strip() if text else ""


def value_member(owner_name, owner, attr, value, submodules):
    full = "%s.%s" % (owner_name, attr)
    if full in submodules:
        return make_member(attr, "module", first_paragraph(module_description(value)))
    if inspect.ismodule(value):
        return None  # imported module, not part of this module's API
    if isinstance(value, type):
        return class_member(attr, value)
    if callable(value):
        return function_member(attr, value, "function")
    # Attributes: prefer the descriptor docstring on the owner's type (bpy.app is a struct sequence).
    descr = type(owner).__dict__.get(attr) if not inspect.ismodule(owner) else None
    doc = getattr(descr, "__doc__", None) if descr is not None else None
    value_type = type(value).__name__
    if type(value).__module__ not in {"builtins", None}:
        value_type = "%s.%s" % (type(value).__module__, value_type) \
            if not value_type.startswith(type(value).__module__ + ".") else value_type
    if descr is not None:
        m = attribute_member(attr, doc, value_type)
    elif isinstance(value, _CONSTANT_TYPES):
        m = make_member(attr, "constant", type_=value_type)
    else:
        m = make_member(attr, "attribute", first_paragraph(module_description(value))
                        if type(value).__doc__ != getattr(value, "__doc__", None) else "",
                        type_=value_type)
    # Struct-sequence values (bpy.app.build_options, bpy.app.ffmpeg...): list their fields.
    if isinstance(value, tuple) and hasattr(type(value), "n_fields"):
        fields = []
        for key in sorted(dir(value)):
            if key.startswith("_") or key in _STRUCTSEQ_SKIP:
                continue
            fdescr = type(value).__dict__.get(key)
            fval = getattr(value, key)
            fields.append(attribute_member(key, getattr(fdescr, "__doc__", None), type(fval).__name__))
        m["members"] = fields
    return m


def module_names(name, mod):
    names = getattr(mod, "__all__", None)
    if names is not None and inspect.ismodule(mod):
        return sorted(set(names))
    out = []
    is_py = inspect.ismodule(mod) and str(getattr(mod, "__file__", "") or "").endswith(".py")
    for attr in sorted(dir(mod)):
        if attr.startswith("_") or attr in _STRUCTSEQ_SKIP:
            continue
        if is_py:
            try:
                value = getattr(mod, attr)
            except Exception:
                continue
            vmod = getattr(value, "__module__", None)
            if isinstance(value, (type, types.FunctionType)) and isinstance(vmod, str) and vmod != mod.__name__:
                continue  # imported helper
        out.append(attr)
    return out


def doc_module(name, mod, submodules):
    members = []
    for attr in module_names(name, mod):
        try:
            value = getattr(mod, attr)
        except Exception:
            continue
        # bpy_types defines the Python side of RNA classes, listed with those structs
        # (py_members): here only their names, as the RNA class they are (not as classes
        # of their own, which would shadow the structs where docstrings name a bare type).
        if name in {"bpy_types", "_bpy_types"} and isinstance(value, type) and hasattr(value, "bl_rna"):
            members.append(make_member(attr, "attribute", first_paragraph(module_description(value)),
                                       type_="bpy.types.%s" % attr))
            continue
        m = value_member(name, mod, attr, value, submodules)
        if m is not None:
            members.append(m)
    return {"name": name, "description": module_description(mod), "members": members}


# bmesh.ops: the docstrings only carry a signature; parameter types and enum items are
# recovered by passing deliberately wrong values.  A trailing unknown keyword guarantees
# the operator never runs even if a probe value were accepted.
class _Probe:
    pass


def _bmesh_op_error(op, bm, kwargs):
    kwargs = dict(kwargs)
    kwargs["bpy_lsp_probe_invalid_kw"] = 0
    try:
        op(bm, **kwargs)
    except Exception as ex:
        return str(ex)
    return ""


_BM_EXPECT_RE = re.compile(r"expected (?:a |an )?(.*?)(?:,? not .*)?$")


def bmesh_param_type(op, bm, name, default):
    import ast
    msg = _bmesh_op_error(op, bm, {name: _Probe()})
    enum_items = None
    if "True/False" in msg:
        return "bool", None
    if "expected a float" in msg:
        return "float", None
    if "expected an int" in msg:
        return "int", None
    if "mathutils.Matrix" in msg:
        return "mathutils.Matrix", None
    if "expected a dict" in msg:
        return "dict", None
    if "expected a string" in msg:
        m = _ENUM_NOT_FOUND_RE.search(_bmesh_op_error(op, bm, {name: "\x01probe"}))
        if m:
            enum_items = list(ast.literal_eval(m.group(1).strip()))
            return "str", enum_items
        return "str", None
    if "bmesh sequence" in msg:
        m = re.search(r"expected \(([\w/]+)\)", _bmesh_op_error(op, bm, {name: [1]}))
        if m:
            return "list[%s]" % " | ".join("bmesh.types." + t for t in m.group(1).split("/")), None
        return "list", None
    if "expected a set" in msg:
        sub = _bmesh_op_error(op, bm, {name: {"\x01probe"}})
        m = _ENUM_NOT_FOUND_RE.search(sub)
        if m:
            enum_items = list(ast.literal_eval(m.group(1).strip()))
            return "set[str]", enum_items
        m = re.search(r"expected a \(([\w/]+)\)", _bmesh_op_error(op, bm, {name: {1}}))
        if m:
            return "set[%s]" % " | ".join("bmesh.types." + t for t in m.group(1).split("/")), None
        return "set", None
    if "single element" in msg:
        m = re.search(r"expected a \(([\w/]+)\)", msg)
        if m:
            return " | ".join("bmesh.types." + t for t in m.group(1).split("/")), None
    if default and default.startswith("Vector("):
        return "mathutils.Vector", None
    if "sequence length" in _bmesh_op_error(op, bm, {name: [1]}):
        return "mathutils.Vector", None
    return None, None


def doc_bmesh_ops():
    import bmesh
    bm = bmesh.new()
    members = []
    for attr in sorted(dir(bmesh.ops)):
        if attr.startswith("_"):
            continue
        op = getattr(bmesh.ops, attr)
        pd = parse_docstring(op.__doc__)
        params = []
        for name, default, _ann in split_signature(pd["signature"]):
            if name == "bmesh":
                type_, items = "bmesh.types.BMesh", None
            else:
                type_, items = bmesh_param_type(op, bm, name, default)
            p = {
                "name": name,
                "type": clean_type(pd["types"].get(name)) or type_,
                "default": default,
                "description": clean_text(pd["args"].get(name, "")),
            }
            if items:
                p["enum_items"] = items
            params.append(p)
        returns = clean_type(pd["rtype"])
        ret_descr = clean_text(pd["return"])
        if pd["arrow"]:
            returns = returns or ("dict" if pd["arrow"].startswith("dict") else clean_type(pd["arrow"]))
            if not ret_descr:
                ret_descr = pd["arrow"]
            elif pd["arrow"] not in ret_descr:
                ret_descr += "\n\n" + pd["arrow"]
        members.append(make_member(
            attr, "function", clean_text(pd["description"]), pd["signature"], params,
            returns or None, returns_description=ret_descr))
    bm.free()
    return {"name": "bmesh.ops", "description": module_description(bmesh.ops), "members": members}


def doc_bpy_module(submodules):
    members = [
        make_member("context", "attribute", "The current context (see bpy.types.Context and "
                    "context_members)", type_="Context"),
        make_member("data", "attribute", "Access to Blender's internal data", type_="BlendData"),
    ]
    for sub in ("app", "msgbus", "ops", "path", "props", "types", "utils"):
        value = getattr(bpy, sub)
        members.append(make_member(sub, "module", first_paragraph(module_description(value))))
    members.sort(key=lambda m: m["name"])
    return {"name": "bpy", "description": module_description(bpy), "members": members}


def doc_bpy_types_module():
    members = []
    for cls_name in ("bpy_struct", "bpy_prop", "bpy_prop_collection", "bpy_prop_array"):
        cls = getattr(bpy.types, cls_name, None)
        if cls is not None:
            members.append(class_member(cls_name, cls))
    return {
        "name": "bpy.types",
        "description": "Built-in base classes of RNA data. RNA structs (see `structs`) whose base is "
                       "null derive from bpy_struct; collection properties are bpy_prop_collection "
                       "(plus the methods of their collection_type struct).",
        "members": members,
    }


def doc_bpy_ops_module():
    members = [make_member(name, "module") for name in sorted(dir(bpy.ops)) if not name.startswith("_")]
    return {"name": "bpy.ops", "description": module_description(bpy.ops), "members": members}


# Modules documented by introspection: name -> import expression.  Missing ones are skipped.
MODULES = [
    "mathutils", "mathutils.geometry", "mathutils.noise", "mathutils.bvhtree", "mathutils.kdtree",
    "mathutils.interpolate",
    "bmesh", "bmesh.types", "bmesh.utils", "bmesh.geometry",
    "bpy.props", "bpy.utils", "bpy.utils.units", "bpy.utils.previews", "bpy.path", "bpy.msgbus",
    "bpy.app", "bpy.app.handlers", "bpy.app.timers", "bpy.app.translations", "bpy.app.icons",
    "bpy_extras", "bpy_extras.anim_utils", "bpy_extras.asset_utils", "bpy_extras.object_utils",
    "bpy_extras.io_utils", "bpy_extras.image_utils", "bpy_extras.keyconfig_utils",
    "bpy_extras.mesh_utils", "bpy_extras.node_utils", "bpy_extras.view3d_utils",
    "bpy_extras.id_map_utils", "bpy_extras.bmesh_utils",
    "gpu", "gpu.types", "gpu.shader", "gpu.state", "gpu.matrix", "gpu.texture", "gpu.platform",
    "gpu.capabilities", "gpu.select", "gpu.compute",
    "gpu_extras", "gpu_extras.batch", "gpu_extras.presets",
    "blf", "bl_math", "imbuf", "imbuf.types", "idprop.types", "aud",
    # Blender's own Python modules that add-ons import (issue 16).
    "bpy.app.build_options", "addon_utils", "rna_prop_ui", "nodeitems_utils",
    "bl_keymap_utils", "bl_keymap_utils.io", "bl_keymap_utils.keymap_hierarchy",
    "bl_keymap_utils.keymap_from_toolbar", "bl_keymap_utils.platform_helpers", "bl_keymap_utils.versioning",
    "bl_i18n_utils", "bl_i18n_utils.settings", "bl_i18n_utils.utils", "bl_i18n_utils.utils_rtl",
    "bpy_types", "_bpy_types", "_bpy", "bl_ui", "bl_ui.utils", "bl_ui.generic_ui_list", "bl_operators",
    "bl_ui.node_add_menu", "bl_ui.space_toolsystem_common", "bl_ui.properties_paint_common",
    "bpy.app.translations.contexts",
    "bpy_extras.wm_utils", "bpy_extras.wm_utils.progress_report",
    "bl_rna_utils", "bl_rna_utils.data_path", "bl_ui_utils", "bl_ui_utils.layout",
    "keyingsets_utils", "rna_keymap_ui", "bl_app_template_utils", "bl_previews_utils",
]

# Modules of issue 16 whose members are written compactly (empty fields left out; the
# reader's defaults fill them in), to keep the database small.
COMPACT_MODULES = set(MODULES[MODULES.index("bpy.app.build_options"):]) | {"builtins"}


def compact(value):
    """A member or parameter without its empty fields (name and kind always stay)."""
    if isinstance(value, list):
        return [compact(v) for v in value]
    if not isinstance(value, dict):
        return value
    return {k: compact(v) for k, v in value.items() if k in {"name", "kind"} or v not in ("", None, [], False)}


# Python's own value types, so that `name.startswith` and `items.append` complete (issue 16).
BUILTIN_CLASSES = ("str", "int", "float", "bool", "bytes", "list", "tuple", "dict", "set", "frozenset")

# Modules whose classes Blender registers in bpy.types at startup (menus and panels add-ons
# append to: bpy.types.TOPBAR_MT_file_export).
REGISTERED_CLASS_MODULES = ("bl_ui", "bl_operators")


def doc_builtins_module():
    import builtins
    members = []
    for name in BUILTIN_CLASSES:
        m = class_member(name, getattr(builtins, name))
        # Return types the docstrings of builtins do not give: probe the methods that take no
        # argument on a sample value (`"a".lower()` is a str).
        sample = {"str": "a", "bytes": b"a", "int": 1, "float": 1.5, "bool": True, "list": [1], "tuple": (1,),
                  "dict": {1: 1}, "set": {1}, "frozenset": frozenset((1,))}[name]
        for x in m["members"]:
            if x["kind"] != "method" or x["returns"] or x["name"] in {"clear", "pop", "popitem", "reverse", "sort"}:
                continue
            if any(not p["name"].startswith("*") and p.get("default") is None for p in x["params"]):
                continue
            try:
                value = getattr(type(sample)(sample) if name not in {"bool"} else sample, x["name"])()
            except Exception:
                continue
            if type(value).__name__ in BUILTIN_CLASSES:
                x["returns"] = type(value).__name__
        members.append(m)
    return {"name": "builtins", "description": "Python's built-in value types.", "members": members}


def dump_registered_classes(rna_structs):
    """Python classes Blender's startup scripts register in bpy.types (bl_ui menus and panels,
    bl_operators operators), as structs deriving from their RNA base."""
    out = []
    for name in sorted(dir(bpy.types)):
        if name.startswith("_") or name in rna_structs:
            continue
        cls = getattr(bpy.types, name, None)
        mod = getattr(cls, "__module__", "") or ""
        if not isinstance(cls, type) or mod.split(".")[0] not in REGISTERED_CLASS_MODULES:
            continue
        base = next((k.__name__ for k in cls.__mro__[1:] if k.__name__ in rna_structs), None)
        members = {}
        for klass in cls.__mro__:
            if klass.__name__ in rna_structs or klass is object or klass.__module__ in {"builtins", "bpy_types"}:
                continue
            for key, descr in klass.__dict__.items():
                if key.startswith("_") or key in members or key == "bl_rna":
                    continue
                try:
                    m = member_from_descr(cls, key, descr)
                except Exception:
                    m = None
                if m is not None:
                    members[key] = m
        doc = cls.__dict__.get("__doc__")
        description = clean_text(parse_docstring(doc)["description"]) if isinstance(doc, str) else ""
        label = cls.__dict__.get("bl_label")
        d = {
            "name": name,
            "base": base,
            "description": description or (label if isinstance(label, str) else ""),
            "properties": [],
            "functions": [],
            "py_module": mod,
        }
        # Their own members (draw, poll, bl_label...) are left out: what add-ons use of them
        # is the RNA base's (append, prepend, remove), and 1,900 classes' members would cost
        # the server several MiB of memory.
        del members
        out.append(d)
    return out


def resolve_module(name):
    import importlib
    try:
        return importlib.import_module(name)
    except ImportError:
        pass
    # Non-module attributes such as bpy.app.handlers / bpy.app.translations.
    head, _, tail = name.rpartition(".")
    parent = resolve_module(head) if head else None
    if parent is None:
        return None
    return getattr(parent, tail, None)


def dump_modules():
    available = {}
    for name in MODULES:
        try:
            with quiet_fds():
                mod = resolve_module(name)
        except Exception as ex:
            log("module %s: import failed (%s)" % (name, ex))
            mod = None
        if mod is None:
            log("module %s: not available, skipped" % name)
            continue
        available[name] = mod
    submodules = set(available) | {"bpy.ops", "bpy.types"}
    out = []
    for name, mod in available.items():
        try:
            if name == "bmesh.ops":
                continue
            out.append(doc_module(name, mod, submodules))
        except Exception as ex:
            log("module %s: failed (%r)" % (name, ex))
    # bmesh.ops is a submodule of bmesh but not listed in MODULES (handled specially).
    out.append(doc_bmesh_ops())
    out.append(doc_builtins_module())
    out.append(doc_bpy_module(submodules))
    out.append(doc_bpy_types_module())
    out.append(doc_bpy_ops_module())
    # Make sure parents list their documented submodules (e.g. bmesh -> ops).
    by_name = {m["name"]: m for m in out}
    for m in out:
        head, _, tail = m["name"].rpartition(".")
        parent = by_name.get(head)
        if parent is not None and not any(x["name"] == tail for x in parent["members"]):
            parent["members"].append(make_member(tail, "module", first_paragraph(m["description"])))
    for m in out:
        m["members"].sort(key=lambda x: x["name"])
        if m["name"] in COMPACT_MODULES:
            m["members"] = compact(m["members"])
    out.sort(key=lambda m: m["name"])
    return out


# -----------------------------------------------------------------------------

def parse_args():
    argv = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else sys.argv[1:]
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--out", required=True, help="output JSON file")
    parser.add_argument("--indent", type=int, default=None, help="pretty-print (debugging)")
    args, unknown = parser.parse_known_args(argv)
    if unknown:
        log("ignoring arguments: %s" % " ".join(unknown))
    return args


def count_stats(db):
    structs = db["structs"]
    props = sum(len(s["properties"]) for s in structs)
    funcs = sum(len(s["functions"]) for s in structs)
    py = sum(len(s.get("py_members", ())) for s in structs)
    per_tree = {}
    for n in db["nodes"]:
        per_tree[n["tree"]] = per_tree.get(n["tree"], 0) + 1

    def count_members(members):
        return sum(1 + count_members(m.get("members", [])) for m in members)

    mod_members = sum(count_members(m["members"]) for m in db["modules"])
    return {
        "structs": len(structs), "properties": props, "functions": funcs, "struct_py_members": py,
        "operators": len(db["operators"]), "operator_params": sum(len(o["params"]) for o in db["operators"]),
        "nodes": len(db["nodes"]), "nodes_by_tree": per_tree,
        "context_members": len(db["context_members"]),
        "modules": len(db["modules"]), "module_members": mod_members,
    }


def main():
    args = parse_args()
    global DYNAMIC_ENUMS
    DYNAMIC_ENUMS = probe_dynamic_enums()

    t0 = time.monotonic()
    with quiet_fds():
        structs, _funcs, _ops, _props = rna_info.BuildRNAInfo()
    log("rna_info.BuildRNAInfo: %d structs (%.1fs)" % (len(structs), time.monotonic() - t0))
    structs_by_name = {s.identifier: s for s in structs.values()}

    db = {
        "format": FORMAT,
        "blender_version": "%d.%d.%d" % bpy.app.version,
        "build_hash": bpy.app.build_hash.decode("ascii", "replace"),
        "structs": dump_structs(structs),
    }
    rna_names = {s["name"] for s in db["structs"]}
    registered = dump_registered_classes(rna_names)
    log("registered Python classes: %d" % len(registered))
    db["structs"] = sorted(db["structs"] + registered, key=lambda s: s["name"])
    db["operators"] = dump_operators()
    db["context_members"] = dump_context_members(structs_by_name)
    db["nodes"] = dump_nodes(structs_by_name)
    db["modules"] = dump_modules()

    text = json.dumps(db, ensure_ascii=False, separators=(",", ":") if args.indent is None else None,
                      indent=args.indent, allow_nan=False)
    out = os.path.abspath(args.out)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    tmp = out + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
        fh.write("\n")
    os.replace(tmp, out)

    stats = count_stats(db)
    stats.update(STATS)
    stats["bytes"] = len(text.encode("utf-8")) + 1
    stats["seconds"] = round(time.monotonic() - T_START, 1)
    log("wrote %s" % out)
    log("stats: " + json.dumps(stats, sort_keys=True))
    # Some bpy wheels crash (4.2: segfault) or hang (4.5: futex) while shutting down; the
    # output is complete at this point, so skip interpreter and Blender teardown.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
