# title: Operator buttons with preset properties in a panel
# shows: layout.operator(idname, text=, icon=) returns the operator's properties, so several buttons can call one operator with different preset values; the same operator is then run from Python with those values.
# tags: panel, ui, layout, operator, button, icon, operator properties
# blender: 4.2

import math
import bpy


class MESH_OT_button_props_add_ring(bpy.types.Operator):
    """Add a ring of small cubes"""
    bl_idname = "mesh.button_props_add_ring"
    bl_label = "Add Cube Ring"
    bl_options = {'REGISTER', 'UNDO'}

    count: bpy.props.IntProperty(name="Count", default=8, min=3, max=64)
    radius: bpy.props.FloatProperty(name="Radius", default=2.0, min=0.1)

    def execute(self, context):
        for i in range(self.count):
            angle = 2 * math.pi * i / self.count
            bpy.ops.mesh.primitive_cube_add(size=0.3, location=(self.radius * math.cos(angle),
                                                                self.radius * math.sin(angle), 0))
        return {'FINISHED'}


class VIEW3D_PT_button_props_demo(bpy.types.Panel):
    bl_label = "Cube Rings"
    bl_idname = "VIEW3D_PT_button_props_demo"
    bl_space_type = 'VIEW_3D'
    bl_region_type = 'UI'
    bl_category = "Create"

    def draw(self, context):
        layout = self.layout
        col = layout.column(align=True)

        # Each call returns an OperatorProperties object; set values on it for this button.
        props = col.operator(MESH_OT_button_props_add_ring.bl_idname, text="Small Ring", icon='MESH_CIRCLE')
        props.count = 6
        props.radius = 1.0

        props = col.operator(MESH_OT_button_props_add_ring.bl_idname, text="Large Ring", icon='MESH_CIRCLE')
        props.count = 24
        props.radius = 4.0

        # Buttons of built-in operators work the same way.
        layout.operator("object.select_all", text="Select All", icon='RESTRICT_SELECT_OFF').action = 'SELECT'


classes = (MESH_OT_button_props_add_ring, VIEW3D_PT_button_props_demo)
for cls in classes:
    bpy.utils.register_class(cls)

# What the "Small Ring" button does:
bpy.ops.mesh.button_props_add_ring(count=6, radius=1.0)
print("objects:", len(bpy.context.scene.objects))

for cls in reversed(classes):
    bpy.utils.unregister_class(cls)
