# title: Simple toy car with body, cabin, wheels and lights
# shows: Builds a bevelled body and tapered cabin from scaled cubes, four wheels (cylinder tyre + hub) placed from wheelbase/track params, emissive headlights, all under a root empty.
# tags: asset, vehicle, car, wheels, bevel, emission, hierarchy
# blender: 4.2
# params: length=4.0, width=1.8, body_height=0.6, cabin_height=0.55, wheel_radius=0.35, body_color=(0.05, 0.25, 0.7, 1.0), location=(0, 0, 0)

import math
import bpy
import bmesh
from mathutils import Matrix


def _material(name, color, roughness=0.4, metallic=0.0, emission=0.0, coat=0.0):
    mat = bpy.data.materials.new(name)
    mat.use_nodes = True
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = color
    bsdf.inputs["Roughness"].default_value = roughness
    bsdf.inputs["Metallic"].default_value = metallic
    bsdf.inputs["Coat Weight"].default_value = coat
    if emission:
        bsdf.inputs["Emission Color"].default_value = color
        bsdf.inputs["Emission Strength"].default_value = emission
    mat.diffuse_color = color
    return mat


def _obj(name, bm, mat, parent, smooth=False):
    mesh = bpy.data.meshes.new(name)
    bm.to_mesh(mesh)
    bm.free()
    if smooth:
        mesh.shade_smooth()
    mesh.materials.append(mat)
    obj = bpy.data.objects.new(name, mesh)
    obj.parent = parent
    bpy.context.collection.objects.link(obj)
    return obj


def build(length=4.0, width=1.8, body_height=0.6, cabin_height=0.55, wheel_radius=0.35,
          body_color=(0.05, 0.25, 0.7, 1.0), location=(0, 0, 0)):
    root = bpy.data.objects.new("Car", None)
    root.location = location
    bpy.context.collection.objects.link(root)
    paint = _material("CarPaint", body_color, 0.3, 0.5, coat=1.0)
    glass = _material("CarGlass", (0.05, 0.07, 0.1, 1.0), 0.05)
    rubber = _material("Tyre", (0.02, 0.02, 0.02, 1.0), 0.9)
    chrome = _material("Hub", (0.8, 0.8, 0.8, 1.0), 0.2, 1.0)

    clearance = wheel_radius * 0.6
    bm = bmesh.new()
    bmesh.ops.create_cube(bm, size=1.0, matrix=Matrix.LocRotScale(
        (0, 0, clearance + body_height / 2), None, (length, width, body_height)))
    bmesh.ops.bevel(bm, geom=bm.edges[:], offset=body_height * 0.25, segments=3, affect='EDGES')
    _obj("Body", bm, paint, root, smooth=True)

    # Cabin: a box whose top face is shrunk to slope the windscreens.
    bm = bmesh.new()
    ret = bmesh.ops.create_cube(bm, size=1.0, matrix=Matrix.LocRotScale(
        (-length * 0.05, 0, clearance + body_height + cabin_height / 2), None,
        (length * 0.5, width * 0.85, cabin_height)))
    top = [v for v in ret["verts"] if v.co.z > clearance + body_height + cabin_height * 0.9]
    bmesh.ops.scale(bm, verts=top, vec=(0.7, 0.9, 1.0),
                    space=Matrix.Translation((length * 0.05, 0, 0)))
    bmesh.ops.bevel(bm, geom=bm.edges[:], offset=0.05, segments=2, affect='EDGES')
    _obj("Cabin", bm, glass, root, smooth=True)

    # Wheels at the four corners; tyre axis along Y.
    wheelbase, track = length * 0.62, width * 0.92
    for i, (sx, sy) in enumerate(((1, 1), (1, -1), (-1, 1), (-1, -1))):
        pos = (sx * wheelbase / 2, sy * track / 2, wheel_radius)
        spin = Matrix.Translation(pos) @ Matrix.Rotation(math.pi / 2, 4, 'X')
        bm = bmesh.new()
        bmesh.ops.create_cone(bm, cap_ends=True, segments=24, radius1=wheel_radius,
                              radius2=wheel_radius, depth=wheel_radius * 0.6, matrix=spin)
        _obj(f"Tyre{i}", bm, rubber, root, smooth=True)
        bm = bmesh.new()
        bmesh.ops.create_cone(bm, cap_ends=True, segments=16, radius1=wheel_radius * 0.55,
                              radius2=wheel_radius * 0.55, depth=wheel_radius * 0.64, matrix=spin)
        _obj(f"Hub{i}", bm, chrome, root)

    # Headlights (emissive) and tail lights.
    for name, x, color in (("Headlight", length / 2, (1.0, 0.95, 0.8, 1.0)),
                           ("Taillight", -length / 2, (0.9, 0.05, 0.02, 1.0))):
        mat = _material(name, color, emission=5.0)
        for sy in (-1, 1):
            bm = bmesh.new()
            bmesh.ops.create_uvsphere(bm, u_segments=12, v_segments=6, radius=0.1,
                                      matrix=Matrix.LocRotScale((x - math.copysign(0.03, x), sy * width * 0.33,
                                                                 clearance + body_height * 0.6), None, (0.5, 1.0, 0.7)))
            _obj(name, bm, mat, root, smooth=True)
    return root


if __name__ == "__main__":
    build()
