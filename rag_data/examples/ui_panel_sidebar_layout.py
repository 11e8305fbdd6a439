# title: Sidebar panel in the 3D viewport with rows, columns and boxes
# shows: Declares a Panel with bl_space_type 'VIEW_3D', bl_region_type 'UI' and bl_category (its own N-panel tab); draw() builds the layout from layout.row(), layout.column(align=True), layout.box(), layout.label(text, icon), layout.separator() and layout.prop(obj, "location").
# tags: panel, ui, layout, sidebar, row, column, box, label, separator, draw
# blender: 4.2

import bpy


class VIEW3D_PT_sidebar_layout_demo(bpy.types.Panel):
    bl_label = "Object Overview"
    bl_idname = "VIEW3D_PT_sidebar_layout_demo"
    bl_space_type = 'VIEW_3D'
    bl_region_type = 'UI'           # the N sidebar
    bl_category = "Overview"        # name of the sidebar tab

    def draw(self, context):
        layout = self.layout
        obj = context.object

        if obj is None:
            layout.label(text="No active object", icon='INFO')
            return

        # A row puts widgets side by side.
        row = layout.row()
        row.label(text=obj.name, icon='OBJECT_DATA')
        row.label(text=obj.type.title())

        layout.separator()

        # align=True joins the widgets into one block (like the N panel's transform fields).
        col = layout.column(align=True)
        col.prop(obj, "location")
        col.prop(obj, "rotation_euler", text="Rotation")

        # A box draws a framed group; it is itself a layout you can add rows to.
        box = layout.box()
        box.label(text="Display", icon='RESTRICT_VIEW_OFF')
        row = box.row(align=True)
        row.prop(obj, "display_type", text="")
        row.prop(obj, "show_name", text="Name", toggle=True)


def register():
    bpy.utils.register_class(VIEW3D_PT_sidebar_layout_demo)


def unregister():
    bpy.utils.unregister_class(VIEW3D_PT_sidebar_layout_demo)


register()

# Panels only draw inside a UI; headless we check the registration and give it something to show.
bpy.ops.mesh.primitive_monkey_add(location=(0, 0, 1))
print("panel registered:", hasattr(bpy.types, "VIEW3D_PT_sidebar_layout_demo"))

unregister()
