# title: Delete faces from a mesh to open it up with bmesh
# shows: Loads an existing mesh into a BMesh with bm.from_mesh, deletes faces above a height using bmesh.ops.delete and writes it back.
# tags: bmesh, delete, faces, from_mesh, open mesh
# blender: 4.2

import bpy
import bmesh

# Start from an operator-made sphere to show editing existing mesh data.
bpy.ops.mesh.primitive_uv_sphere_add(radius=1.0, segments=24, ring_count=12)
obj = bpy.context.object

bm = bmesh.new()
bm.from_mesh(obj.data)

# Cut away the top cap: delete faces whose centre is above z = 0.5.
cap = [f for f in bm.faces if f.calc_center_median().z > 0.5]
bmesh.ops.delete(bm, geom=cap, context='FACES')

bm.to_mesh(obj.data)
bm.free()
obj.data.update()
print("faces left:", len(obj.data.polygons))
