# title: Edit-mode operator with a context.mode poll and bmesh
# shows: Restricts an operator to mesh Edit Mode with poll (context.mode == 'EDIT_MESH'), reads the edit mesh with bmesh.from_edit_mesh, changes only the selected vertices, and writes back with bmesh.update_edit_mesh; calling it outside Edit Mode fails the poll.
# tags: operator, poll, context.mode, EDIT_MESH, bmesh, from_edit_mesh, update_edit_mesh, edit mode
# blender: 4.2

import bpy
import bmesh


class MESH_OT_edit_poll_flatten(bpy.types.Operator):
    """Move selected vertices onto one height"""
    bl_idname = "mesh.edit_poll_flatten"
    bl_label = "Flatten Selected"
    bl_options = {'REGISTER', 'UNDO'}

    height: bpy.props.FloatProperty(name="Height", default=0.0, subtype='DISTANCE')

    @classmethod
    def poll(cls, context):
        obj = context.active_object
        return context.mode == 'EDIT_MESH' and obj is not None and obj.type == 'MESH'

    def execute(self, context):
        obj = context.edit_object
        bm = bmesh.from_edit_mesh(obj.data)   # live edit-mode data, do not free it
        moved = 0
        for v in bm.verts:
            if v.select:
                v.co.z = self.height
                moved += 1
        bmesh.update_edit_mesh(obj.data)      # push changes to the viewport / mesh
        self.report({'INFO'}, f"Flattened {moved} vertices")
        return {'FINISHED'}


bpy.utils.register_class(MESH_OT_edit_poll_flatten)

bpy.ops.mesh.primitive_ico_sphere_add(subdivisions=3, radius=1.0)
print("poll in object mode:", bpy.ops.mesh.edit_poll_flatten.poll())

bpy.ops.object.mode_set(mode='EDIT')
bm = bmesh.from_edit_mesh(bpy.context.object.data)
for v in bm.verts:
    v.select = v.co.z > 0.5          # select the top cap
bm.select_flush(True)
print("poll in edit mode:", bpy.ops.mesh.edit_poll_flatten.poll())
bpy.ops.mesh.edit_poll_flatten(height=0.5)
bpy.ops.object.mode_set(mode='OBJECT')

print("max z:", round(max(v.co.z for v in bpy.context.object.data.vertices), 3))

bpy.utils.unregister_class(MESH_OT_edit_poll_flatten)
