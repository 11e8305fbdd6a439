# title: Deform a bmesh grid with a sine wave
# shows: Creates a dense grid with bmesh.ops.create_grid and sets each vertex height from a sine of its distance to the centre, producing ripples.
# tags: bmesh, grid, deform, math, wave, vertices
# blender: 4.2

import math
import bpy
import bmesh

bm = bmesh.new()
# x_segments/y_segments are the number of subdivisions; size is half-width.
bmesh.ops.create_grid(bm, x_segments=40, y_segments=40, size=3.0)

for v in bm.verts:
    d = v.co.xy.length
    v.co.z = 0.25 * math.sin(d * 4.0) * math.exp(-d * 0.4)

for f in bm.faces:
    f.smooth = True

mesh = bpy.data.meshes.new("Ripples")
bm.to_mesh(mesh)
bm.free()
obj = bpy.data.objects.new("Ripples", mesh)
bpy.context.collection.objects.link(obj)
