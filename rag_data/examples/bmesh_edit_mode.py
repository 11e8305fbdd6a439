# title: Edit a mesh in Edit Mode through bmesh.from_edit_mesh
# shows: Enters Edit Mode, gets the live BMesh with bmesh.from_edit_mesh, moves selected vertices and pushes changes back with bmesh.update_edit_mesh.
# tags: bmesh, edit mode, from_edit_mesh, update_edit_mesh, selection
# blender: 4.2

import bpy
import bmesh

bpy.ops.mesh.primitive_cube_add(size=2.0)
obj = bpy.context.active_object

bpy.ops.object.mode_set(mode='EDIT')
bm = bmesh.from_edit_mesh(obj.data)

# Select only the top vertices and raise them.
for v in bm.verts:
    v.select = v.co.z > 0
bm.select_flush(True)
for v in bm.verts:
    if v.select:
        v.co.z += 1.0

# Write the edit BMesh back to the mesh (do NOT free it: Blender owns it).
bmesh.update_edit_mesh(obj.data)
bpy.ops.object.mode_set(mode='OBJECT')
print("height:", obj.dimensions.z)
