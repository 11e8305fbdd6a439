# title: Triangulate faces and dissolve them back with bmesh
# shows: Triangulates a cylinder with bmesh.ops.triangulate, then merges coplanar triangles again with bmesh.ops.dissolve_limit.
# tags: bmesh, triangulate, dissolve, limited dissolve, cleanup
# blender: 4.2

import math
import bpy
import bmesh

bm = bmesh.new()
bmesh.ops.create_cone(bm, cap_ends=True, segments=16, radius1=1.0, radius2=1.0, depth=2.0)
print("faces at start:", len(bm.faces))

# quad_method/ngon_method control how polygons are split.
bmesh.ops.triangulate(bm, faces=bm.faces[:], quad_method='BEAUTY', ngon_method='BEAUTY')
print("after triangulate:", len(bm.faces))

# Limited dissolve merges faces whose angle is below angle_limit.
bmesh.ops.dissolve_limit(bm, angle_limit=math.radians(5),
                         verts=bm.verts[:], edges=bm.edges[:])
print("after dissolve_limit:", len(bm.faces))

mesh = bpy.data.meshes.new("Cylinder")
bm.to_mesh(mesh)
bm.free()
obj = bpy.data.objects.new("Cylinder", mesh)
bpy.context.collection.objects.link(obj)
