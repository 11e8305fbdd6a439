# title: Popover panel opened from a button in another panel
# shows: Declares a Panel meant for a popover (bl_region_type 'HEADER', bl_ui_units_x for its width) and opens it with layout.popover(panel=..., text=, icon=) from a sidebar panel; the popover's draw uses layout.use_property_split like any panel.
# tags: panel, popover, ui, layout, bl_ui_units_x, header
# blender: 4.2

import bpy


class VIEW3D_PT_popover_demo_options(bpy.types.Panel):
    bl_label = "Bevel Options"
    bl_idname = "VIEW3D_PT_popover_demo_options"
    bl_space_type = 'VIEW_3D'
    bl_region_type = 'HEADER'    # not shown on its own; only as a popover
    bl_ui_units_x = 12           # popover width in UI units

    def draw(self, context):
        layout = self.layout
        layout.use_property_split = True
        mod = context.object.modifiers.get("Bevel") if context.object else None
        if mod is None:
            layout.label(text="Add a Bevel modifier first", icon='INFO')
            return
        layout.prop(mod, "width")
        layout.prop(mod, "segments")
        layout.prop(mod, "limit_method")


class VIEW3D_PT_popover_demo(bpy.types.Panel):
    bl_label = "Bevel"
    bl_idname = "VIEW3D_PT_popover_demo"
    bl_space_type = 'VIEW_3D'
    bl_region_type = 'UI'
    bl_category = "Tools"

    def draw(self, context):
        layout = self.layout
        row = layout.row(align=True)
        row.label(text="Edge Bevel", icon='MOD_BEVEL')
        row.popover(panel=VIEW3D_PT_popover_demo_options.bl_idname, text="", icon='PREFERENCES')


classes = (VIEW3D_PT_popover_demo_options, VIEW3D_PT_popover_demo)
for cls in classes:
    bpy.utils.register_class(cls)

# Headless: set what the popover would edit.
bpy.ops.mesh.primitive_cube_add()
mod = bpy.context.object.modifiers.new("Bevel", 'BEVEL')
mod.width = 0.15
mod.segments = 3
print("bevel:", mod.width, mod.segments)

for cls in reversed(classes):
    bpy.utils.unregister_class(cls)
