# title: Saguaro-style cactus with arms in a pot
# shows: Builds ribbed capsule segments (open cylinder + UV-sphere dome, oriented with to_track_quat) for the trunk and L-shaped arms, shapes ribs by scaling vertices by angle, and adds a clay pot.
# tags: asset, cactus, plant, capsule, ribs, subdivision, pot
# blender: 4.2
# params: height=0.6, radius=0.07, arms=2, ribs=10, seed=3, cactus_color=(0.15, 0.4, 0.15, 1.0), pot_color=(0.65, 0.35, 0.2, 1.0), location=(0, 0, 0)

import math
import random
import bpy
import bmesh
from mathutils import Matrix, Vector


def _material(name, color, roughness):
    mat = bpy.data.materials.new(name)
    mat.use_nodes = True
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = color
    bsdf.inputs["Roughness"].default_value = roughness
    mat.diffuse_color = color
    return mat


def _capsule(bm, start, end, radius, ribs):
    """Ribbed cylinder from start to end with a dome at the end."""
    start, end = Vector(start), Vector(end)
    axis = end - start
    rot = axis.to_track_quat('Z', 'Y').to_matrix().to_4x4()
    length = axis.length
    m = Matrix.Translation(start) @ rot
    ret = bmesh.ops.create_cone(bm, cap_ends=False, segments=ribs * 2, radius1=radius,
                                radius2=radius, depth=length, matrix=m @ Matrix.Translation((0, 0, length / 2)))
    dome = bmesh.ops.create_uvsphere(bm, u_segments=ribs * 2, v_segments=8, radius=radius,
                                     matrix=m @ Matrix.Translation((0, 0, length)))
    verts = ret["verts"] + dome["verts"]
    # Push vertices in and out by their angle around the axis to form ribs.
    for v in verts:
        local = m.inverted() @ v.co
        ang = math.atan2(local.y, local.x)
        k = 1.0 + 0.08 * math.cos(ang * ribs)
        local.x *= k
        local.y *= k
        v.co = m @ local


def build(height=0.6, radius=0.07, arms=2, ribs=10, seed=3,
          cactus_color=(0.15, 0.4, 0.15, 1.0), pot_color=(0.65, 0.35, 0.2, 1.0), location=(0, 0, 0)):
    rng = random.Random(seed)
    root = bpy.data.objects.new("Cactus", None)
    root.location = location
    bpy.context.collection.objects.link(root)

    pot_h = height * 0.25
    bm = bmesh.new()
    bmesh.ops.create_cone(bm, cap_ends=True, segments=24, radius1=radius * 1.6, radius2=radius * 2.0,
                          depth=pot_h, matrix=Matrix.Translation((0, 0, pot_h / 2)))
    pot_mesh = bpy.data.meshes.new("CactusPot")
    bm.to_mesh(pot_mesh)
    bm.free()
    pot_mesh.materials.append(_material("ClayPot", pot_color, 0.9))
    pot = bpy.data.objects.new("CactusPot", pot_mesh)
    pot.parent = root
    bpy.context.collection.objects.link(pot)

    bm = bmesh.new()
    base = Vector((0, 0, pot_h * 0.9))
    top = Vector((0, 0, height))
    _capsule(bm, base, top, radius, ribs)
    for i in range(arms):
        a = 2 * math.pi * i / max(arms, 1) + rng.uniform(-0.4, 0.4)
        out = Vector((math.cos(a), math.sin(a), 0))
        z = pot_h + (height - pot_h) * rng.uniform(0.3, 0.55)
        elbow = Vector((0, 0, z)) + out * radius * 2.2
        _capsule(bm, Vector((0, 0, z)), elbow, radius * 0.6, ribs)
        _capsule(bm, elbow, elbow + Vector((0, 0, (height - z) * rng.uniform(0.4, 0.7))), radius * 0.6, ribs)
    bmesh.ops.remove_doubles(bm, verts=bm.verts[:], dist=1e-5)
    body_mesh = bpy.data.meshes.new("CactusBody")
    bm.to_mesh(body_mesh)
    bm.free()
    body_mesh.shade_smooth()
    body_mesh.materials.append(_material("CactusSkin", cactus_color, 0.6))
    body = bpy.data.objects.new("CactusBody", body_mesh)
    body.parent = root
    bpy.context.collection.objects.link(body)
    return root


if __name__ == "__main__":
    build()
