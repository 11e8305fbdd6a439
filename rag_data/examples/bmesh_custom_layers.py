# title: Store per-vertex data in bmesh custom layers
# shows: Adds a float layer and a deform (vertex group) layer in a BMesh, fills them per vertex, and reads the result back from the mesh.
# tags: bmesh, layers, custom data, vertex groups, attributes
# blender: 4.2

import bpy
import bmesh

bm = bmesh.new()
bmesh.ops.create_grid(bm, x_segments=8, y_segments=8, size=1.0)

# A float layer becomes a named float attribute on the mesh.
height = bm.verts.layers.float.new("height")
# The deform layer stores vertex-group weights (group index -> weight).
deform = bm.verts.layers.deform.verify()

for v in bm.verts:
    v[height] = v.co.x + v.co.y
    v[deform][0] = max(0.0, v.co.x)  # weight in group 0

mesh = bpy.data.meshes.new("LayeredGrid")
bm.to_mesh(mesh)
bm.free()

obj = bpy.data.objects.new("LayeredGrid", mesh)
bpy.context.collection.objects.link(obj)
# Group index 0 needs a matching vertex group on the object.
obj.vertex_groups.new(name="RightSide")

print("height attribute:", mesh.attributes["height"].data[0].value)
