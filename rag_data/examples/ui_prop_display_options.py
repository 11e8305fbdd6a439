# title: layout.prop display options: text, slider, expand, toggle and icons
# shows: Draws the same kinds of properties in different widget styles: text= to rename or hide the label, slider=True for a fill bar, expand=True to show an enum as a row of buttons, toggle=True and icon=/icon_only=True for icon buttons, and index= for one array component.
# tags: panel, ui, layout, prop, slider, expand, icon, toggle, icon_only, text
# blender: 4.2

import bpy


class LightRigSettings(bpy.types.PropertyGroup):
    intensity: bpy.props.FloatProperty(name="Intensity", default=0.5, min=0.0, max=1.0, subtype='FACTOR')
    mode: bpy.props.EnumProperty(name="Mode", items=[
        ('KEY', "Key", "Key light only", 'LIGHT_SUN', 0),
        ('FILL', "Fill", "Fill light only", 'LIGHT_AREA', 1),
        ('RIM', "Rim", "Rim light only", 'LIGHT_SPOT', 2),
    ], default='KEY')
    enabled: bpy.props.BoolProperty(name="Enabled", default=True)
    locked: bpy.props.BoolProperty(name="Locked", default=False)


class VIEW3D_PT_prop_options_demo(bpy.types.Panel):
    bl_label = "Light Rig"
    bl_idname = "VIEW3D_PT_prop_options_demo"
    bl_space_type = 'VIEW_3D'
    bl_region_type = 'UI'
    bl_category = "Light Rig"

    def draw(self, context):
        layout = self.layout
        rig = context.scene.light_rig_demo

        layout.prop(rig, "intensity", slider=True)              # fill bar instead of a number field
        layout.prop(rig, "mode", expand=True)                   # enum as a row of buttons
        layout.prop(rig, "mode", text="")                       # enum as a drop-down without label

        row = layout.row(align=True)
        row.prop(rig, "enabled", text="Active", toggle=True)    # checkbox drawn as a button
        # Icon-only toggle: icon changes with the value.
        row.prop(rig, "locked", text="", icon='LOCKED' if rig.locked else 'UNLOCKED', icon_only=True)

        obj = context.object
        if obj is not None:
            layout.prop(obj, "location", index=2, text="Height")    # one component of a vector
            layout.prop(obj, "hide_viewport", text="Hide", icon='HIDE_OFF', emboss=False)


classes = (LightRigSettings, VIEW3D_PT_prop_options_demo)


def register():
    for cls in classes:
        bpy.utils.register_class(cls)
    bpy.types.Scene.light_rig_demo = bpy.props.PointerProperty(type=LightRigSettings)


def unregister():
    del bpy.types.Scene.light_rig_demo
    for cls in reversed(classes):
        bpy.utils.unregister_class(cls)


register()

rig = bpy.context.scene.light_rig_demo
rig.mode = 'RIM'
rig.intensity = 0.8
bpy.ops.mesh.primitive_uv_sphere_add(radius=0.5, location=(0, 0, rig.intensity))
print("mode:", rig.mode, "enum items:", [i.identifier for i in rig.bl_rna.properties["mode"].enum_items])

unregister()
