# title: Write UV coordinates directly with a bmesh UV layer
# shows: Creates a UV layer with bm.loops.layers.uv, assigns planar-projected UVs per loop (loop[uv_layer].uv) and writes the result to the mesh.
# tags: uv, bmesh, uv layer, loops, planar projection, texture coordinates
# blender: 4.2

import bpy
import bmesh

bm = bmesh.new()
bmesh.ops.create_grid(bm, x_segments=8, y_segments=4, size=1.0)

uv_layer = bm.loops.layers.uv.new("UVMap")

# Planar projection from the top: map x/y from -1..1 into 0..1.
for face in bm.faces:
    for loop in face.loops:
        co = loop.vert.co
        loop[uv_layer].uv = ((co.x + 1.0) / 2.0, (co.y + 1.0) / 2.0)

mesh = bpy.data.meshes.new("ProjectedGrid")
bm.to_mesh(mesh)
bm.free()
obj = bpy.data.objects.new("ProjectedGrid", mesh)
bpy.context.collection.objects.link(obj)

# The same data is reachable without bmesh via mesh.uv_layers.
uvs = mesh.uv_layers.active.uv
print("first UV:", tuple(uvs[0].vector))
