# title: Coffee mug with handle
# shows: Lathes a thick-walled cup with bmesh.ops.spin, sweeps a circle along a half-ring for the handle, joins both in one mesh and adds a ceramic material plus a dark coffee surface disc.
# tags: asset, mug, cup, lathe, spin, handle, kitchen
# blender: 4.2
# params: radius=0.045, height=0.1, wall=0.005, handle_size=0.03, coffee=True, color=(0.9, 0.9, 0.85, 1.0), coffee_color=(0.12, 0.05, 0.02, 1.0), location=(0, 0, 0)

import math
import bpy
import bmesh
from mathutils import Matrix


def _material(name, color, roughness):
    mat = bpy.data.materials.new(name)
    mat.use_nodes = True
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = color
    bsdf.inputs["Roughness"].default_value = roughness
    mat.diffuse_color = color
    return mat


def _lathe(bm, profile, steps):
    """Revolve (radius, z) points around the Z axis."""
    verts = [bm.verts.new((x, 0.0, z)) for x, z in profile]
    edges = [bm.edges.new(pair) for pair in zip(verts, verts[1:])]
    bmesh.ops.spin(bm, geom=verts + edges, cent=(0, 0, 0), axis=(0, 0, 1),
                   angle=2 * math.pi, steps=steps)


def build(radius=0.045, height=0.1, wall=0.005, handle_size=0.03, coffee=True,
          color=(0.9, 0.9, 0.85, 1.0), coffee_color=(0.12, 0.05, 0.02, 1.0),
          location=(0, 0, 0)):
    bm = bmesh.new()
    r, h, w = radius, height, wall
    # Cup profile (radius, z): base, outer wall, rounded lip, inner wall, inner floor.
    profile = [(0, 0), (r * 0.9, 0), (r, w), (r, h - w / 2), (r - w / 2, h),
               (r - w, h - w / 2), (r - w, w * 2), (0, w * 2)]
    _lathe(bm, profile, 48)

    # Handle: a small circle swept 180 degrees around a point beside the cup.
    ring = bmesh.ops.create_circle(bm, segments=12, radius=handle_size * 0.22,
                                   matrix=Matrix.Translation((r + handle_size * 0.3, 0, h / 2 + handle_size))
                                   @ Matrix.Rotation(math.pi / 2, 4, 'Y'))
    ring_edges = list({e for v in ring["verts"] for e in v.link_edges})
    bmesh.ops.spin(bm, geom=ring["verts"] + ring_edges, cent=(r + handle_size * 0.3, 0, h / 2),
                   axis=(0, 1, 0), angle=math.pi, steps=16)
    bmesh.ops.remove_doubles(bm, verts=bm.verts[:], dist=1e-6)
    bmesh.ops.recalc_face_normals(bm, faces=bm.faces[:])

    mesh = bpy.data.meshes.new("Mug")
    bm.to_mesh(mesh)
    bm.free()
    mesh.shade_smooth()
    mesh.materials.append(_material("MugCeramic", color, 0.25))
    mug = bpy.data.objects.new("Mug", mesh)
    mug.location = location
    bpy.context.collection.objects.link(mug)

    if coffee:
        bm = bmesh.new()
        bmesh.ops.create_circle(bm, cap_ends=True, segments=48, radius=r - w,
                                matrix=Matrix.Translation((0, 0, h * 0.8)))
        liquid = bpy.data.meshes.new("Coffee")
        bm.to_mesh(liquid)
        bm.free()
        liquid.materials.append(_material("Coffee", coffee_color, 0.05))
        surface = bpy.data.objects.new("Coffee", liquid)
        surface.parent = mug
        bpy.context.collection.objects.link(surface)
    return mug


if __name__ == "__main__":
    build()
