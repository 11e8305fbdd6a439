# title: Custom menu with a sub-menu, opened from a panel
# shows: Subclasses bpy.types.Menu (bl_idname, bl_label, draw), fills it with layout.operator, layout.separator and layout.operator_menu_enum, nests a second menu with layout.menu, and shows it in a panel with layout.menu(..., icon=).
# tags: menu, submenu, ui, layout, operator_menu_enum, panel, bpy.types.Menu
# blender: 4.2

import bpy


class VIEW3D_MT_submenu_demo_primitives(bpy.types.Menu):
    bl_idname = "VIEW3D_MT_submenu_demo_primitives"
    bl_label = "Primitives"

    def draw(self, context):
        layout = self.layout
        layout.operator("mesh.primitive_cube_add", text="Cube", icon='MESH_CUBE')
        layout.operator("mesh.primitive_uv_sphere_add", text="Sphere", icon='MESH_UVSPHERE')
        layout.operator("mesh.primitive_cylinder_add", text="Cylinder", icon='MESH_CYLINDER')


class VIEW3D_MT_submenu_demo(bpy.types.Menu):
    bl_idname = "VIEW3D_MT_submenu_demo"
    bl_label = "Quick Tools"

    def draw(self, context):
        layout = self.layout
        layout.operator_context = 'INVOKE_REGION_WIN'   # how the entries call their operators
        layout.menu(VIEW3D_MT_submenu_demo_primitives.bl_idname, icon='MESH_DATA')
        layout.separator()
        layout.operator("object.shade_smooth", icon='SHADING_RENDERED')
        layout.operator("object.shade_flat", icon='SHADING_SOLID')
        layout.separator()
        # One entry per enum item of an operator property, as a sub-menu.
        layout.operator_menu_enum("object.origin_set", "type", text="Set Origin")


class VIEW3D_PT_submenu_demo(bpy.types.Panel):
    bl_label = "Quick Tools"
    bl_idname = "VIEW3D_PT_submenu_demo"
    bl_space_type = 'VIEW_3D'
    bl_region_type = 'UI'
    bl_category = "Tools"

    def draw(self, context):
        self.layout.menu(VIEW3D_MT_submenu_demo.bl_idname, icon='TOOL_SETTINGS')


# Sub-menus first so their bl_idname exists when the parent is used.
classes = (VIEW3D_MT_submenu_demo_primitives, VIEW3D_MT_submenu_demo, VIEW3D_PT_submenu_demo)


def register():
    for cls in classes:
        bpy.utils.register_class(cls)


def unregister():
    for cls in reversed(classes):
        bpy.utils.unregister_class(cls)


register()

# In the UI: bpy.ops.wm.call_menu(name="VIEW3D_MT_submenu_demo"). Headless, run what its entries do.
bpy.ops.mesh.primitive_cylinder_add(vertices=24)
bpy.ops.object.shade_smooth()
print("menu registered:", VIEW3D_MT_submenu_demo.bl_idname in dir(bpy.types))

unregister()
