# title: Split and grid-flow layouts for label/value columns and buttons grids
# shows: Uses layout.split(factor=...) to make a fixed-width label column next to a value column, and layout.grid_flow(row_major, columns, even_columns, even_rows, align) to lay out many toggles in a grid.
# tags: panel, ui, layout, split, factor, grid_flow, columns
# blender: 4.2

import bpy


class VIEW3D_PT_split_grid_demo(bpy.types.Panel):
    bl_label = "Modifier Toggles"
    bl_idname = "VIEW3D_PT_split_grid_demo"
    bl_space_type = 'VIEW_3D'
    bl_region_type = 'UI'
    bl_category = "Tools"

    @classmethod
    def poll(cls, context):
        return context.object is not None

    def draw(self, context):
        layout = self.layout
        obj = context.object

        # split(factor=0.3): the first sub-layout gets 30% of the width, the second the rest.
        split = layout.split(factor=0.3)
        split.label(text="Name")
        split.prop(obj, "name", text="")

        split = layout.split(factor=0.3, align=True)
        split.label(text="Parent")
        split.prop(obj, "parent", text="")

        layout.separator()

        # A grid of toggles; columns=0 would pick the column count from the panel width.
        grid = layout.grid_flow(row_major=True, columns=3, even_columns=True, even_rows=False, align=True)
        for mod in obj.modifiers:
            grid.prop(mod, "show_viewport", text=mod.name, toggle=True)


bpy.utils.register_class(VIEW3D_PT_split_grid_demo)

bpy.ops.mesh.primitive_cube_add(size=1.0)
cube = bpy.context.object
for kind, name in (('BEVEL', "Bevel"), ('SUBSURF', "Smooth"), ('ARRAY', "Repeat")):
    cube.modifiers.new(name, kind)
print("toggles in grid:", [m.name for m in cube.modifiers])

bpy.utils.unregister_class(VIEW3D_PT_split_grid_demo)
