# SPDX-License-Identifier: GPL-3.0-or-later
"""``get_scene_info``: a JSON summary of the current scene (main thread only)."""

import bpy

DEFAULT_LIMIT = 100
MAX_LIMIT = 10000


def _vec(v, digits=6):
    return [round(float(x), digits) for x in v]


def _object_info(obj) -> dict:
    info = {
        "name": obj.name,
        "type": obj.type,
        "location": _vec(obj.location),
        "rotation_euler": _vec(obj.rotation_euler),
        "scale": _vec(obj.scale),
        "dimensions": _vec(obj.dimensions),
        "parent": obj.parent.name if obj.parent else None,
        "materials": [slot.material.name for slot in obj.material_slots if slot.material],
        "visible": bool(obj.visible_get()) if hasattr(obj, "visible_get") else True,
        "hide_render": bool(obj.hide_render),
        "collections": [c.name for c in obj.users_collection],
        "data": obj.data.name if obj.data is not None else None,
    }
    if obj.type == "MESH" and obj.data is not None:
        mesh = obj.data
        info["vertices"] = len(mesh.vertices)
        info["edges"] = len(mesh.edges)
        info["faces"] = len(mesh.polygons)
        info["modifiers"] = [m.type for m in obj.modifiers]
    elif obj.modifiers:
        info["modifiers"] = [m.type for m in obj.modifiers]
    return info


def _collections(scene) -> list:
    out = []
    root = scene.collection
    out.append({"name": root.name, "objects": [o.name for o in root.objects],
                "children": [c.name for c in root.children]})
    for coll in root.children_recursive:
        out.append({"name": coll.name, "objects": [o.name for o in coll.objects],
                    "children": [c.name for c in coll.children]})
    return out


def get_scene_info(offset: int = 0, limit: int = DEFAULT_LIMIT) -> dict:
    scene = bpy.context.scene
    offset = max(0, int(offset))
    limit = max(0, min(int(limit), MAX_LIMIT))
    objects = list(scene.objects)
    page = objects[offset:offset + limit]
    render = scene.render
    return {
        "scene": scene.name,
        "frame": scene.frame_current,
        "frame_start": scene.frame_start,
        "frame_end": scene.frame_end,
        "render": {
            "engine": render.engine,
            "resolution_x": render.resolution_x,
            "resolution_y": render.resolution_y,
            "resolution_percentage": render.resolution_percentage,
        },
        "camera": scene.camera.name if scene.camera else None,
        "world": scene.world.name if scene.world else None,
        "objects": [_object_info(o) for o in page],
        "materials": [m.name for m in bpy.data.materials],
        "collections": _collections(scene),
        "total_objects": len(objects),
        "offset": offset,
        "limit": limit,
    }
