#!/usr/bin/env python3
"""Sanity checks for an API database produced by dump_api.py (plain python3, no bpy).

    python3 rag_data/gen/check_db.py [rag_data/api/blender-4.4.json]

Exits 1 and lists every failed check when something is off.
"""

import json
import os
import sys

FAILURES = []


def check(cond, msg):
    if not cond:
        FAILURES.append(msg)
    return cond


def by_name(items, key="name"):
    return {item[key]: item for item in items}


def enum_ids(prop):
    return {item[0] for item in prop["enum_items"]}


def main():
    default = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "api", "blender-4.4.json")
    path = sys.argv[1] if len(sys.argv) > 1 else default
    with open(path, encoding="utf-8") as fh:
        db = json.load(fh)

    version = tuple(int(x) for x in db["blender_version"].split("."))
    check(db["format"] == 1, "format is 1")
    for key in ("structs", "operators", "context_members", "nodes", "modules"):
        check(isinstance(db.get(key), list) and db[key], "%s is a non-empty list" % key)

    # Sorting / uniqueness contract.
    names = [s["name"] for s in db["structs"]]
    check(names == sorted(names) and len(set(names)) == len(names), "structs sorted by unique name")
    ops = [(o["module"], o["name"]) for o in db["operators"]]
    check(ops == sorted(ops), "operators sorted by (module, name)")
    idnames = [n["idname"] for n in db["nodes"]]
    check(idnames == sorted(idnames) and len(set(idnames)) == len(idnames), "nodes sorted by unique idname")

    structs = by_name(db["structs"])
    # Every referenced struct exists.
    missing = set()
    for s in db["structs"]:
        if s["base"] and s["base"] not in structs:
            missing.add(s["base"])
        for p in s["properties"]:
            for ref in (p["fixed_type"], p["collection_type"]):
                if ref and ref not in structs:
                    missing.add(ref)
    check(not missing, "referenced structs exist (missing: %s)" % sorted(missing)[:10])

    # Object
    obj = structs.get("Object")
    if check(obj is not None, "struct Object exists"):
        check(obj["base"] == "ID", "Object base is ID")
        props = by_name(obj["properties"])
        loc = props.get("location")
        if check(loc is not None, "Object.location exists"):
            check(loc["type"] == "float", "Object.location is float")
            check(loc["array_length"] == 3, "Object.location array_length 3")
            check(loc["subtype"] == "TRANSLATION", "Object.location subtype TRANSLATION")
        mods = props.get("modifiers")
        if check(mods is not None, "Object.modifiers exists"):
            check(mods["type"] == "collection", "Object.modifiers is a collection")
            check(mods["fixed_type"] == "Modifier", "Object.modifiers items are Modifier")
            check(mods["collection_type"] == "ObjectModifiers", "Object.modifiers collection_type ObjectModifiers")
        mw = props.get("matrix_world")
        if check(mw is not None, "Object.matrix_world exists"):
            check(mw["subtype"] == "MATRIX" and mw["array_length"] == 16, "matrix_world is a 4x4 MATRIX")
            check(isinstance(mw["default"], list) and len(mw["default"]) == 4
                  and all(len(row) == 4 for row in mw["default"]), "matrix_world default is 4x4")
        py = by_name(obj.get("py_members", []))
        check("children" in py, "Object.children (Python property) in py_members")

    om = structs.get("ObjectModifiers")
    if check(om is not None, "struct ObjectModifiers exists"):
        funcs = by_name(om["functions"])
        new = funcs.get("new")
        if check(new is not None, "ObjectModifiers.new exists"):
            params = [p["name"] for p in new["params"]]
            check(params[:2] == ["name", "type"], "ObjectModifiers.new params name,type (got %s)" % params)
            ptype = by_name(new["params"]).get("type")
            if ptype:
                check(ptype["type"] == "enum", "ObjectModifiers.new type is enum")
                check({"BEVEL", "SUBSURF"} <= enum_ids(ptype), "modifier type enum has BEVEL, SUBSURF")
            check(new["returns"] and new["returns"][0]["fixed_type"] == "Modifier",
                  "ObjectModifiers.new returns Modifier")

    bm = structs.get("BevelModifier")
    check(bm is not None and bm["base"] == "Modifier", "BevelModifier base Modifier")

    rs = structs.get("RenderSettings")
    if check(rs is not None, "struct RenderSettings exists"):
        engine = by_name(rs["properties"]).get("engine")
        if check(engine is not None, "RenderSettings.engine exists"):
            ids = enum_ids(engine)
            check({"CYCLES", "BLENDER_WORKBENCH"} <= ids, "engine enum has CYCLES, BLENDER_WORKBENCH (got %s)" % sorted(ids))
            if (4, 2) <= version < (5, 0):
                check("BLENDER_EEVEE_NEXT" in ids, "engine enum has BLENDER_EEVEE_NEXT")

    bd = structs.get("BlendData")
    if check(bd is not None, "struct BlendData exists"):
        objects = by_name(bd["properties"]).get("objects")
        if check(objects is not None, "BlendData.objects exists"):
            check(objects["fixed_type"] == "Object", "BlendData.objects fixed_type Object")
            check(objects["collection_type"] == "BlendDataObjects", "BlendData.objects collection_type BlendDataObjects")

    mesh = structs.get("Mesh")
    if mesh:
        check("from_pydata" in by_name(mesh.get("py_members", [])), "Mesh.from_pydata in py_members")

    # Nodes
    nodes = by_name(db["nodes"], "idname")
    pb = nodes.get("ShaderNodeBsdfPrincipled")
    if check(pb is not None, "node ShaderNodeBsdfPrincipled exists"):
        check(pb["tree"] == "ShaderNodeTree", "Principled BSDF lives in ShaderNodeTree")
        inputs = {s["name"] for s in pb["inputs"]}
        wanted = {"Base Color", "Roughness"}
        if version >= (4, 0):
            wanted.add("Specular IOR Level")
        check(wanted <= inputs, "Principled BSDF inputs include %s" % sorted(wanted))
        check(any(s["idname"] == "NodeSocketShader" for s in pb["outputs"]), "Principled BSDF outputs a shader")
    for idname, tree in (("GeometryNodeSetPosition", "GeometryNodeTree"),
                         ("CompositorNodeBlur", "CompositorNodeTree")):
        check(idname in nodes and nodes[idname]["tree"] == tree, "node %s in %s" % (idname, tree))
    check({n["tree"] for n in db["nodes"]} == {"ShaderNodeTree", "GeometryNodeTree", "CompositorNodeTree"},
          "nodes cover the three tree types")
    check("ShaderNodeMath" in structs and any(
        p["name"] == "operation" and "ADD" in enum_ids(p) for p in structs["ShaderNodeMath"]["properties"]),
        "ShaderNodeMath.operation enum via structs")

    # Operators
    ops = {(o["module"], o["name"]): o for o in db["operators"]}
    cube = ops.get(("mesh", "primitive_cube_add"))
    if check(cube is not None, "operator mesh.primitive_cube_add exists"):
        size = by_name(cube["params"]).get("size")
        check(size is not None and size["type"] == "float" and size["default"] == 2.0,
              "mesh.primitive_cube_add size is float default 2.0")
    check(("object", "modifier_add") in ops, "operator object.modifier_add exists")

    # Context
    ctx = by_name(db["context_members"])
    for name, fixed, kind in (("active_object", "Object", "pointer"),
                              ("object", "Object", "pointer"),
                              ("selected_objects", "Object", "collection"),
                              ("selected_editable_objects", "Object", "collection"),
                              ("visible_objects", "Object", "collection"),
                              ("edit_object", "Object", "pointer"),
                              ("scene", "Scene", "pointer"),
                              ("view_layer", "ViewLayer", "pointer"),
                              ("material", "Material", "pointer"),
                              ("mesh", "Mesh", "pointer"),
                              ("preferences", "Preferences", "pointer")):
        m = ctx.get(name)
        if check(m is not None, "context member %s exists" % name):
            check(m["fixed_type"] == fixed and m["type"] == kind,
                  "context %s is %s of %s (got %s of %s)" % (name, kind, fixed, m["type"], m["fixed_type"]))
    check("active_bone" in ctx, "context member active_bone exists")

    # Modules
    modules = by_name(db["modules"])
    math = modules.get("mathutils")
    if check(math is not None, "module mathutils exists"):
        vec = by_name(math["members"]).get("Vector")
        if check(vec is not None and vec["kind"] == "class", "mathutils.Vector is a class"):
            vm = by_name(vec["members"])
            check({"normalized", "dot", "cross"} <= set(vm), "Vector has normalized, dot, cross")
            if "normalized" in vm:
                check(vm["normalized"]["returns"] == "Vector", "Vector.normalized returns Vector")
            if "length" in vm:
                check(vm["length"]["kind"] == "attribute" and vm["length"]["type"] == "float", "Vector.length float")
        check({"Matrix", "Euler", "Quaternion", "Color"} <= set(by_name(math["members"])), "mathutils classes")
    ops_mod = modules.get("bmesh.ops")
    if check(ops_mod is not None, "module bmesh.ops exists"):
        om = by_name(ops_mod["members"])
        check({"bevel", "extrude_face_region"} <= set(om), "bmesh.ops has bevel, extrude_face_region")
        if "bevel" in om:
            bp = by_name(om["bevel"]["params"])
            check("geom" in bp and "offset" in bp, "bmesh.ops.bevel params geom, offset")
            check(bp.get("offset", {}).get("type") == "float", "bmesh.ops.bevel offset is float")
            check("OFFSET" in bp.get("offset_type", {}).get("enum_items", []), "bevel offset_type enum items")
    bmesh_mod = modules.get("bmesh")
    if check(bmesh_mod is not None, "module bmesh exists"):
        bmm = by_name(bmesh_mod["members"])
        check({"new", "from_edit_mesh", "update_edit_mesh"} <= set(bmm), "bmesh.new/from_edit_mesh/update_edit_mesh")
        if "from_edit_mesh" in bmm:
            check(bmm["from_edit_mesh"]["returns"] == "bmesh.types.BMesh", "bmesh.from_edit_mesh returns BMesh")
    bt = modules.get("bmesh.types")
    if check(bt is not None, "module bmesh.types exists"):
        classes = by_name(bt["members"])
        check({"BMesh", "BMVert", "BMEdge", "BMFace", "BMLoop", "BMVertSeq"} <= set(classes), "bmesh.types classes")
        if "BMVert" in classes:
            co = by_name(classes["BMVert"]["members"]).get("co")
            check(co is not None and co["type"] == "mathutils.Vector", "BMVert.co is mathutils.Vector")
    for name in ("bpy", "bpy.props", "bpy.utils", "bpy.path", "bpy.app", "bpy.types", "mathutils.geometry"):
        check(name in modules, "module %s exists" % name)
    if "bpy.props" in modules:
        check("FloatProperty" in by_name(modules["bpy.props"]["members"]), "bpy.props.FloatProperty")
    if "bpy.types" in modules:
        bs = by_name(by_name(modules["bpy.types"]["members"]).get("bpy_struct", {"members": []})["members"])
        check("keyframe_insert" in bs, "bpy_struct.keyframe_insert")

    if FAILURES:
        print("%s: %d check(s) failed" % (path, len(FAILURES)))
        for msg in FAILURES:
            print("  FAIL:", msg)
        return 1
    print("%s: all checks passed (Blender %s: %d structs, %d operators, %d nodes, %d context members, "
          "%d modules)" % (path, db["blender_version"], len(db["structs"]), len(db["operators"]),
                           len(db["nodes"]), len(db["context_members"]), len(db["modules"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
