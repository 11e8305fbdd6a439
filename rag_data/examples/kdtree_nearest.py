# title: Find nearby vertices quickly with a KDTree
# shows: Fills a mathutils.kdtree.KDTree with vertex positions, balances it, and queries find, find_n and find_range to colour vertices near a point.
# tags: kdtree, nearest neighbour, spatial search, mathutils, vertices
# blender: 4.2

import bpy
from mathutils import Vector
from mathutils.kdtree import KDTree

bpy.ops.mesh.primitive_ico_sphere_add(subdivisions=4, radius=1.0)
obj = bpy.context.object
mesh = obj.data

kd = KDTree(len(mesh.vertices))
for v in mesh.vertices:
    kd.insert(v.co, v.index)
kd.balance()   # required before any query

probe = Vector((1.0, 0.0, 0.5))
co, index, dist = kd.find(probe)
print("closest vertex", index, "at distance", round(dist, 3))
print("5 nearest:", [i for _, i, _ in kd.find_n(probe, 5)])

# Paint vertices within range red using a colour attribute.
near = {i for _, i, _ in kd.find_range(probe, 0.6)}
colors = mesh.color_attributes.new("Near", 'BYTE_COLOR', 'POINT')
for v in mesh.vertices:
    colors.data[v.index].color = (1, 0, 0, 1) if v.index in near else (1, 1, 1, 1)
print("vertices in range:", len(near))
