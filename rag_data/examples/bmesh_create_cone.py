# title: Make cones and cylinders with bmesh.ops.create_cone
# shows: Uses create_cone with radius1/radius2 to make a capped cylinder and a pointed cone in one BMesh, placed with translation matrices.
# tags: bmesh, cone, cylinder, primitive, matrix
# blender: 4.2

import bpy
import bmesh
from mathutils import Matrix

bm = bmesh.new()

# Equal radii give a cylinder; depth is the full height along Z.
bmesh.ops.create_cone(bm, cap_ends=True, segments=24, radius1=0.5,
                      radius2=0.5, depth=2.0, matrix=Matrix.Translation((0, 0, 1)))
# radius2=0 gives a pointed cone sitting on top of it.
bmesh.ops.create_cone(bm, cap_ends=True, segments=24, radius1=0.8,
                      radius2=0.0, depth=1.0, matrix=Matrix.Translation((0, 0, 2.5)))

mesh = bpy.data.meshes.new("Tower")
bm.to_mesh(mesh)
bm.free()
obj = bpy.data.objects.new("Tower", mesh)
bpy.context.collection.objects.link(obj)
