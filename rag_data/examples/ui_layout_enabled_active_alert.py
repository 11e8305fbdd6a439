# title: Grey out, deactivate or highlight parts of a panel
# shows: Sets layout.enabled = False to make widgets read-only, layout.active = False to draw them inactive but still editable, and layout.alert = True to tint them red, each on a sub-layout so only part of the panel is affected.
# tags: panel, ui, layout, enabled, active, alert, state
# blender: 4.2

import bpy


class VIEW3D_PT_layout_state_demo(bpy.types.Panel):
    bl_label = "Subdivision"
    bl_idname = "VIEW3D_PT_layout_state_demo"
    bl_space_type = 'VIEW_3D'
    bl_region_type = 'UI'
    bl_category = "Tools"

    @classmethod
    def poll(cls, context):
        obj = context.object
        return obj is not None and obj.type == 'MESH'

    def draw(self, context):
        layout = self.layout
        obj = context.object
        mod = obj.modifiers.get("Subdivision")

        if mod is None:
            row = layout.row()
            row.alert = True                      # red tint for warnings
            row.label(text="No Subdivision modifier", icon='ERROR')
            return

        layout.prop(mod, "show_viewport", text="Show in Viewport")

        col = layout.column()
        col.active = mod.show_viewport            # greyed but editable when hidden
        col.prop(mod, "levels", text="Viewport Levels")
        col.prop(mod, "render_levels", text="Render Levels")

        col = layout.column()
        col.enabled = obj.mode == 'OBJECT'        # read-only while in Edit Mode
        col.prop(mod, "quality")

        if mod.levels > 3:
            row = layout.row()
            row.alert = True
            row.label(text="High levels are slow", icon='ERROR')


bpy.utils.register_class(VIEW3D_PT_layout_state_demo)

bpy.ops.mesh.primitive_cube_add()
cube = bpy.context.object
mod = cube.modifiers.new("Subdivision", 'SUBSURF')
mod.levels = 2
print("panel poll:", VIEW3D_PT_layout_state_demo.poll(bpy.context))

bpy.utils.unregister_class(VIEW3D_PT_layout_state_demo)
