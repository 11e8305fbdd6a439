# title: Lathe a profile into a vase with bmesh.ops.spin
# shows: Builds an edge profile from points, sweeps it 360 degrees around Z with bmesh.ops.spin and welds the seam with remove_doubles.
# tags: bmesh, spin, lathe, revolve, profile, vase
# blender: 4.2

import math
import bpy
import bmesh

# (radius, height) pairs describe the vase silhouette.
profile = [(0.0, 0.0), (0.6, 0.0), (0.8, 0.4), (0.5, 1.2), (0.35, 1.6), (0.45, 1.9)]

bm = bmesh.new()
verts = [bm.verts.new((r, 0.0, z)) for r, z in profile]
for a, b in zip(verts, verts[1:]):
    bm.edges.new((a, b))

# Spin the edges around the Z axis; steps controls the resolution.
bmesh.ops.spin(bm, geom=bm.verts[:] + bm.edges[:], cent=(0, 0, 0),
               axis=(0, 0, 1), angle=math.radians(360), steps=32)

# The first and last copies of the profile overlap: merge them.
bmesh.ops.remove_doubles(bm, verts=bm.verts[:], dist=1e-4)
bmesh.ops.recalc_face_normals(bm, faces=bm.faces[:])

mesh = bpy.data.meshes.new("Vase")
bm.to_mesh(mesh)
bm.free()
mesh.shade_smooth()
obj = bpy.data.objects.new("Vase", mesh)
bpy.context.collection.objects.link(obj)
