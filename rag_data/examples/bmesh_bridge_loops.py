# title: Bridge two edge loops into a tube with bmesh
# shows: Creates two circles at different heights with bmesh.ops.create_circle and connects their edge loops using bmesh.ops.bridge_loops.
# tags: bmesh, bridge, edge loops, circle, tube
# blender: 4.2

import bpy
import bmesh
from mathutils import Matrix

bm = bmesh.new()

# Two rings, the upper one smaller, each 16 vertices.
bmesh.ops.create_circle(bm, segments=16, radius=1.0)
bmesh.ops.create_circle(bm, segments=16, radius=0.6,
                        matrix=Matrix.Translation((0, 0, 2.0)))

# bridge_loops needs exactly the boundary edges of the loops to connect.
ret = bmesh.ops.bridge_loops(bm, edges=bm.edges[:])
print("bridge faces:", len(ret["faces"]))

mesh = bpy.data.meshes.new("Tube")
bm.to_mesh(mesh)
bm.free()
obj = bpy.data.objects.new("Tube", mesh)
bpy.context.collection.objects.link(obj)
