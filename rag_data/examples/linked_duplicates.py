# title: Linked duplicates that share one mesh
# shows: Creates many objects that reference the same mesh datablock (like Alt+D), shows mesh.users, and edits the shared mesh once to update all copies.
# tags: instancing, linked duplicate, shared data, mesh users, objects
# blender: 4.2

import math
import bpy

bpy.ops.mesh.primitive_cone_add(radius1=0.3, depth=1.0)
original = bpy.context.object
shared_mesh = original.data

# Place copies in a circle; each new object reuses the same mesh.
for i in range(1, 8):
    angle = i * 2 * math.pi / 8
    dup = bpy.data.objects.new(f"Cone.{i:03d}", shared_mesh)
    dup.location = (2 * math.cos(angle), 2 * math.sin(angle), 0)
    bpy.context.collection.objects.link(dup)
original.location = (2, 0, 0)

print("mesh users:", shared_mesh.users)

# Editing the shared mesh changes every duplicate at once.
for v in shared_mesh.vertices:
    v.co.z *= 2.0

# To make one copy independent, give it its own mesh copy.
bpy.data.objects["Cone.001"].data = shared_mesh.copy()
