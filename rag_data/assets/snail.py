# title: Snail with spiral shell and soft body
# shows: Sweeps a growing circle along a logarithmic spiral in bmesh (rings bridged by bridge_loops) for the shell, and builds the foot from a stretched sphere with eye stalks.
# tags: asset, snail, creature, spiral, bridge loops, shell, animal
# blender: 4.2
# params: shell_radius=0.1, turns=2.5, body_length=0.3, shell_color=(0.55, 0.3, 0.12, 1.0), body_color=(0.75, 0.7, 0.55, 1.0), location=(0, 0, 0)

import math
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


def _obj(name, bm, mat, parent=None):
    mesh = bpy.data.meshes.new(name)
    bm.to_mesh(mesh)
    bm.free()
    mesh.shade_smooth()
    mesh.materials.append(mat)
    obj = bpy.data.objects.new(name, mesh)
    obj.parent = parent
    bpy.context.collection.objects.link(obj)
    return obj


def build(shell_radius=0.1, turns=2.5, body_length=0.3, shell_color=(0.55, 0.3, 0.12, 1.0),
          body_color=(0.75, 0.7, 0.55, 1.0), location=(0, 0, 0)):
    # Body: a sphere stretched along X and flattened, with a raised head.
    bm = bmesh.new()
    bmesh.ops.create_uvsphere(bm, u_segments=24, v_segments=12, radius=0.5)
    for v in bm.verts:
        x = v.co.x
        v.co.x *= body_length
        v.co.y *= body_length * 0.25
        v.co.z = (v.co.z + 0.5) * body_length * 0.16 + max(0.0, x - 0.2) * body_length * 0.4
    # Eye stalks on the head.
    for side in (-1, 1):
        base = Vector((body_length * 0.45, side * body_length * 0.04, body_length * 0.16))
        tip = base + Vector((0.02, side * 0.02, body_length * 0.18))
        rot = (tip - base).to_track_quat('Z', 'Y').to_matrix().to_4x4()
        bmesh.ops.create_cone(bm, cap_ends=True, segments=8, radius1=0.008, radius2=0.005,
                              depth=(tip - base).length, matrix=Matrix.Translation((base + tip) / 2) @ rot)
        bmesh.ops.create_uvsphere(bm, u_segments=8, v_segments=4, radius=0.01, matrix=Matrix.Translation(tip))
    snail = _obj("Snail", bm, _material("SnailBody", body_color, 0.3))
    snail.location = location

    # Shell: circles along a spiral in the XZ plane, radius shrinking inward.
    bm = bmesh.new()
    steps = int(turns * 24)
    loops = []
    for i in range(steps + 1):
        t = i / steps
        angle = t * turns * 2 * math.pi
        grow = math.exp(-1.2 * t * turns / 2.5 * 2)     # size falls off toward the centre
        center = Vector((math.cos(angle), 0, math.sin(angle))) * shell_radius * grow
        tube_r = shell_radius * 0.55 * grow
        # Orient each ring perpendicular to the spiral tangent (tangent is in the XZ plane).
        tangent = Vector((-math.sin(angle), 0, math.cos(angle)))
        rot = tangent.to_track_quat('Z', 'Y').to_matrix().to_4x4()
        ring = bmesh.ops.create_circle(bm, segments=16, radius=tube_r,
                                       matrix=Matrix.Translation(center + Vector((0, tube_r * 0.3 * t, 0))) @ rot)
        loops.append(list({e for v in ring["verts"] for e in v.link_edges}))
    for a, b in zip(loops, loops[1:]):
        bmesh.ops.bridge_loops(bm, edges=a + b)
    bmesh.ops.recalc_face_normals(bm, faces=bm.faces[:])
    lowest = min(v.co.z for v in bm.verts)
    shell = _obj("Shell", bm, _material("SnailShell", shell_color, 0.25), snail)
    # Sit the shell's lowest point slightly into the body's back.
    shell.location = (-body_length * 0.1, 0, body_length * 0.13 - lowest)
    return snail


if __name__ == "__main__":
    build()
