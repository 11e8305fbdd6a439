# title: Sub-panels with bl_parent_id and a checkbox in the header
# shows: Nests a child Panel under a parent with bl_parent_id, orders panels with bl_order, uses bl_options {'DEFAULT_CLOSED'} and draw_header(self, context) to put an enable checkbox in the panel header, and greys out the body with layout.active.
# tags: panel, subpanel, bl_parent_id, draw_header, bl_options, ui, layout
# blender: 4.2

import random
import bpy


class ScatterSettings(bpy.types.PropertyGroup):
    count: bpy.props.IntProperty(name="Count", default=20, min=1, max=1000)
    seed: bpy.props.IntProperty(name="Seed", default=0)
    use_jitter: bpy.props.BoolProperty(name="Jitter", default=True)
    jitter: bpy.props.FloatProperty(name="Amount", default=0.2, min=0.0, max=1.0, subtype='FACTOR')


class VIEW3D_PT_subpanel_demo(bpy.types.Panel):
    bl_label = "Scatter"
    bl_idname = "VIEW3D_PT_subpanel_demo"
    bl_space_type = 'VIEW_3D'
    bl_region_type = 'UI'
    bl_category = "Scatter"

    def draw(self, context):
        layout = self.layout
        settings = context.scene.scatter_subpanel_demo
        layout.prop(settings, "count")
        layout.prop(settings, "seed")


class VIEW3D_PT_subpanel_demo_jitter(bpy.types.Panel):
    bl_label = "Jitter"
    bl_idname = "VIEW3D_PT_subpanel_demo_jitter"
    bl_space_type = 'VIEW_3D'
    bl_region_type = 'UI'
    bl_category = "Scatter"
    bl_parent_id = "VIEW3D_PT_subpanel_demo"   # bl_idname of the parent panel
    bl_options = {'DEFAULT_CLOSED'}
    bl_order = 1

    def draw_header(self, context):
        # Drawn next to the panel title; text="" keeps only the checkbox.
        self.layout.prop(context.scene.scatter_subpanel_demo, "use_jitter", text="")

    def draw(self, context):
        layout = self.layout
        settings = context.scene.scatter_subpanel_demo
        layout.active = settings.use_jitter
        layout.prop(settings, "jitter", slider=True)


# Parents must be registered before their children.
classes = (ScatterSettings, VIEW3D_PT_subpanel_demo, VIEW3D_PT_subpanel_demo_jitter)


def register():
    for cls in classes:
        bpy.utils.register_class(cls)
    bpy.types.Scene.scatter_subpanel_demo = bpy.props.PointerProperty(type=ScatterSettings)


def unregister():
    del bpy.types.Scene.scatter_subpanel_demo
    for cls in reversed(classes):
        bpy.utils.unregister_class(cls)


register()

settings = bpy.context.scene.scatter_subpanel_demo
settings.count = 12
settings.seed = 7
rng = random.Random(settings.seed)
for i in range(settings.count):
    offset = rng.uniform(-1, 1) * settings.jitter if settings.use_jitter else 0.0
    bpy.ops.mesh.primitive_ico_sphere_add(subdivisions=1, radius=0.15, location=(i * 0.5, offset, 0))
print("scattered:", len(bpy.context.scene.objects))

unregister()
