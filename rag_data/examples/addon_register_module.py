# title: Single-file add-on layout with bl_info, register() and unregister()
# shows: The usual structure of an add-on module: bl_info metadata, a PropertyGroup, an operator, a panel and a menu entry, one classes tuple registered in order by register() and removed in reverse by unregister() (also deleting the Scene property and the menu entry), and the if __name__ == "__main__" guard for running it from the Text Editor.
# tags: addon, bl_info, register, unregister, register_class, unregister_class, classes, module
# blender: 4.2

# For a 4.2+ extension, metadata goes in blender_manifest.toml instead of bl_info;
# the Python side (classes, register, unregister) is the same.
bl_info = {
    "name": "Fence Builder",
    "author": "Example",
    "version": (1, 0, 0),
    "blender": (4, 2, 0),
    "location": "View3D > Sidebar > Fence",
    "description": "Adds a row of fence posts",
    "category": "Add Mesh",
}

import bpy


class FenceBuilderSettings(bpy.types.PropertyGroup):
    posts: bpy.props.IntProperty(name="Posts", default=6, min=2, max=100)
    spacing: bpy.props.FloatProperty(name="Spacing", default=1.0, min=0.1, subtype='DISTANCE')
    height: bpy.props.FloatProperty(name="Height", default=1.2, min=0.1, subtype='DISTANCE')


class OBJECT_OT_fence_builder_build(bpy.types.Operator):
    """Add a row of fence posts using the scene's fence settings"""
    bl_idname = "object.fence_builder_build"
    bl_label = "Build Fence"
    bl_options = {'REGISTER', 'UNDO'}

    @classmethod
    def poll(cls, context):
        return context.mode == 'OBJECT'

    def execute(self, context):
        s = context.scene.fence_builder
        for i in range(s.posts):
            bpy.ops.mesh.primitive_cube_add(size=1.0, location=(i * s.spacing, 0, s.height / 2),
                                            scale=(0.1, 0.1, s.height / 2))
        bpy.ops.mesh.primitive_cube_add(size=1.0, location=((s.posts - 1) * s.spacing / 2, 0, s.height * 0.8),
                                        scale=((s.posts - 1) * s.spacing / 2 + 0.1, 0.04, 0.06))
        return {'FINISHED'}


class VIEW3D_PT_fence_builder(bpy.types.Panel):
    bl_label = "Fence Builder"
    bl_space_type = 'VIEW_3D'
    bl_region_type = 'UI'
    bl_category = "Fence"

    def draw(self, context):
        layout = self.layout
        s = context.scene.fence_builder
        col = layout.column(align=True)
        col.prop(s, "posts")
        col.prop(s, "spacing")
        col.prop(s, "height")
        layout.operator(OBJECT_OT_fence_builder_build.bl_idname, icon='MOD_BUILD')


def menu_func(self, context):
    self.layout.operator(OBJECT_OT_fence_builder_build.bl_idname, icon='MOD_BUILD')


classes = (
    FenceBuilderSettings,          # property groups before anything that points to them
    OBJECT_OT_fence_builder_build,
    VIEW3D_PT_fence_builder,
)


def register():
    for cls in classes:
        bpy.utils.register_class(cls)
    bpy.types.Scene.fence_builder = bpy.props.PointerProperty(type=FenceBuilderSettings)
    bpy.types.VIEW3D_MT_mesh_add.append(menu_func)


def unregister():
    bpy.types.VIEW3D_MT_mesh_add.remove(menu_func)
    del bpy.types.Scene.fence_builder
    for cls in reversed(classes):
        bpy.utils.unregister_class(cls)


if __name__ == "__main__":
    # Running the file from the Text Editor registers it like an enabled add-on.
    register()

    # Demo: use it, then clean up so the file can be run again.
    bpy.context.scene.fence_builder.posts = 8
    bpy.ops.object.fence_builder_build()
    print("fence parts:", len(bpy.context.scene.objects))
    unregister()
