# title: Wood-splitting axe with wedge head
# shows: Shapes the axe head from a subdivided box whose vertices are tapered to an edge and flared into a curved bit, on a handle bowed by a sine offset of its subdivided vertices.
# tags: asset, tool, axe, subdivide, vertex shaping, bmesh, metal
# blender: 4.2
# params: handle_length=0.7, head_width=0.18, head_height=0.12, bow=0.03, wood_color=(0.6, 0.42, 0.22, 1.0), steel_color=(0.35, 0.36, 0.38, 1.0), location=(0, 0, 0)

import math
import bpy
import bmesh
from mathutils import Matrix


def _material(name, color, roughness, metallic=0.0):
    mat = bpy.data.materials.new(name)
    mat.use_nodes = True
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = color
    bsdf.inputs["Roughness"].default_value = roughness
    bsdf.inputs["Metallic"].default_value = metallic
    mat.diffuse_color = color
    return mat


def _obj(name, bm, mat, parent=None):
    mesh = bpy.data.meshes.new(name)
    bm.to_mesh(mesh)
    bm.free()
    mesh.materials.append(mat)
    obj = bpy.data.objects.new(name, mesh)
    obj.parent = parent
    bpy.context.collection.objects.link(obj)
    return obj


def build(handle_length=0.7, head_width=0.18, head_height=0.12, bow=0.03,
          wood_color=(0.6, 0.42, 0.22, 1.0), steel_color=(0.35, 0.36, 0.38, 1.0), location=(0, 0, 0)):
    # Handle: an oval cylinder with enough cuts to bend smoothly.
    bm = bmesh.new()
    bmesh.ops.create_cone(bm, cap_ends=True, segments=12, radius1=0.016, radius2=0.014,
                          depth=handle_length, matrix=Matrix.Translation((0, 0, handle_length / 2))
                          @ Matrix.Diagonal((1.3, 1.0, 1.0, 1.0)))
    side_edges = [e for e in bm.edges if abs(e.verts[0].co.z - e.verts[1].co.z) > 1e-4]
    bmesh.ops.subdivide_edges(bm, edges=side_edges, cuts=10, use_grid_fill=True)
    # Bow the handle: zero offset at both ends keeps the head aligned.
    for v in bm.verts:
        v.co.x -= bow * math.sin(math.pi * v.co.z / handle_length)
    handle = _obj("Axe", bm, _material("AxeHandle", wood_color, 0.55))
    handle.data.shade_smooth()
    handle.location = location

    # Head: box along X, subdivided so it can be sculpted procedurally.
    w, h, t = head_width, head_height, 0.035
    bm = bmesh.new()
    bmesh.ops.create_cube(bm, size=1.0)
    bmesh.ops.subdivide_edges(bm, edges=bm.edges[:], cuts=3, use_grid_fill=True)
    for v in bm.verts:
        x = v.co.x + 0.5                       # 0 at the poll (back), 1 at the bit (edge)
        v.co.x = (x - 0.25) * w
        v.co.y *= t * (1.0 - 0.92 * x ** 1.5)   # taper to a cutting edge
        v.co.z *= h * (0.45 + 0.55 * x ** 2)    # flare the bit vertically
        v.co.x += 0.02 * math.cos(v.co.z / h * math.pi) * x   # curved edge
    head = _obj("AxeHead", bm, _material("AxeSteel", steel_color, 0.35, 1.0), handle)
    head.location = (0, 0, handle_length - h * 0.45)
    head.data.shade_smooth()
    return handle


if __name__ == "__main__":
    build()
