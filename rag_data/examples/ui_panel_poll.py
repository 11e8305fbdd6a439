# title: Show a panel only when it applies with a poll classmethod
# shows: Gives a Panel a @classmethod poll(cls, context) that checks context.active_object, its type and context.mode so the panel only appears for a mesh in Object Mode, and evaluates the poll for different contexts.
# tags: panel, poll, classmethod, context, active_object, mode, ui
# blender: 4.2

import bpy


class VIEW3D_PT_poll_demo(bpy.types.Panel):
    bl_label = "Mesh Stats"
    bl_idname = "VIEW3D_PT_poll_demo"
    bl_space_type = 'VIEW_3D'
    bl_region_type = 'UI'
    bl_category = "Stats"

    @classmethod
    def poll(cls, context):
        obj = context.active_object
        return obj is not None and obj.type == 'MESH' and context.mode == 'OBJECT'

    def draw(self, context):
        layout = self.layout
        mesh = context.active_object.data
        col = layout.column(align=True)
        col.label(text=f"Vertices: {len(mesh.vertices)}", icon='VERTEXSEL')
        col.label(text=f"Edges: {len(mesh.edges)}", icon='EDGESEL')
        col.label(text=f"Faces: {len(mesh.polygons)}", icon='FACESEL')


bpy.utils.register_class(VIEW3D_PT_poll_demo)

print("no object:", VIEW3D_PT_poll_demo.poll(bpy.context))

bpy.ops.object.empty_add()
print("empty active:", VIEW3D_PT_poll_demo.poll(bpy.context))

bpy.ops.mesh.primitive_torus_add()
print("mesh active:", VIEW3D_PT_poll_demo.poll(bpy.context))

bpy.ops.object.mode_set(mode='EDIT')
print("edit mode:", VIEW3D_PT_poll_demo.poll(bpy.context))
bpy.ops.object.mode_set(mode='OBJECT')

bpy.utils.unregister_class(VIEW3D_PT_poll_demo)
